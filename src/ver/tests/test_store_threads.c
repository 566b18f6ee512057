/* SPDX-License-Identifier: MIT
 * ver/tests/test_store_threads.c: the version store under threads, with a model of pages: an
 * array of accounts, each a "node" guarded by its own latch (a mutex) and holding the newest
 * balance, uncommitted changes included. Writers move money between accounts in transactions
 * with nested levels and random rollbacks (undo puts the before-image back under the latch);
 * escrow writers add and take back the same amount; readers sum every account in a transaction
 * through ver_store_view and must always find the same total. The background cleanup thread
 * runs throughout. Meant for ThreadSanitizer as much as for the totals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "ver.h"
#include "ver_store.h"
#include "os.h"

/* cmocka's asserts cannot leave a worker thread: report and abort. */
#define TCHECK(x) do { if (!(x)) { fprintf(stderr, "%s:%d: %s failed (err %ld)\n", __FILE__, __LINE__, #x, (long)err_last); abort(); } } while (0)
static _Thread_local JET_ERR err_last;

#define CACCOUNT 16
#define INITIAL 1000
#define CWRITER 6
#define CREADER 3

struct account {
    struct os_mutex latch;
    uint8_t data[8];            /* 4-byte LE balance at offset 0, then 4 bytes of padding */
    char key[8];
};

struct bank {
    struct ver_store *vs;
    struct ver_budget budget;
    struct account acc[CACCOUNT];
    int fStop;                  /* atomic */
    uint64_t cCommits, cConflicts, cRollbacks, cReads, cBad;  /* atomic */
};

static int32_t get32(const uint8_t *p) { return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24); }
static void put32(uint8_t *p, int32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)((uint32_t)v >> (8 * i)); }

static struct ver_node_id id_of(struct bank *b, int i)
{
    struct ver_node_id id = { 1, 42, b->acc[i].key, (uint32_t)strlen(b->acc[i].key), NULL, 0, 9, 0 };
    return id;
}

/* Undo payload: which account and the bytes to put back (replace), or the delta to take back. */
struct undo { int32_t i; int32_t fDelta; uint8_t before[8]; int32_t delta; };

struct worker {
    struct bank *b;
    struct ver_trx t;
    unsigned seed;
    int kind;                   /* 0 transfer, 1 escrow, 2 reader */
};

/* Undo under the account's latch; a delta's version goes at the same instant (a reader holding
 * the latch must never see the page without the delta and the version still subtracting it). */
static JET_ERR undo_fn(void *ctx, const struct ver_entry *e)
{
    struct worker *w = ctx;
    struct undo u;
    memcpy(&u, e->payload, sizeof u);
    struct account *a = &w->b->acc[u.i];
    os_mutex_lock(&a->latch);
    if (u.fDelta) {
        put32(a->data, get32(a->data) - u.delta);
        ver_store_forget_now(&w->t, e);
    } else {
        memcpy(a->data, u.before, 8);
    }
    os_mutex_unlock(&a->latch);
    return JET_errSuccess;
}

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

/* Read account i as the transaction sees it. */
static int32_t read_balance(struct worker *w, int i)
{
    struct account *a = &w->b->acc[i];
    struct ver_node_id id = id_of(w->b, i);
    struct ver_actor r = { w, w->t.trxBegin0 };
    enum ver_view v;
    void *pb;
    uint32_t cb;
    int32_t bal;
    os_mutex_lock(&a->latch);
    JET_ERR err = err_last = ver_store_view(w->b->vs, &id, &r, a->data, 8, false, &v, &pb, &cb);
    TCHECK(err >= 0);
    if (v == VER_VIEW_IMAGE) {
        bal = get32(pb);
        mem_free(pb);
    } else {
        TCHECK(v == VER_VIEW_PAGE);
        bal = get32(a->data);
    }
    os_mutex_unlock(&a->latch);
    return bal;
}

/* Replace account i's balance with (what the transaction sees) + d. */
static JET_ERR add_replace(struct worker *w, int i, int32_t d)
{
    JET_ERR err;
    struct account *a = &w->b->acc[i];
    struct ver_node_id id = id_of(w->b, i);
    struct ver_actor me = { w, w->t.trxBegin0 };
    CALL_R(ver_store_check_write(w->b->vs, &id, &me));
    int32_t seen = read_balance(w, i);
    struct undo u = { i, 0, { 0 }, 0 };
    CALL_R(ver_push(&w->t, &u, sizeof u, 0));
    /* As the engine does: the before-image is taken, the version registered and the page
     * changed under one hold of the latch (another writer's undo could otherwise put a value
     * back between our copy and our registration). */
    os_mutex_lock(&a->latch);
    memcpy(u.before, a->data, 8);
    memcpy(w->t.top->payload, &u, sizeof u);
    err = ver_store_changed(w->b->vs, &id, &w->t, VER_CHANGE_REPLACE, false, u.before, 8);
    if (err < 0) {
        os_mutex_unlock(&a->latch);
        ver_drop_top(&w->t);
        return err;
    }
    /* No conflict: the page holds what we see (ours or committed before we began). */
    TCHECK(get32(a->data) == seen);
    put32(a->data, seen + d);
    os_mutex_unlock(&a->latch);
    return JET_errSuccess;
}

static JET_ERR add_delta(struct worker *w, int i, int32_t d)
{
    JET_ERR err;
    struct account *a = &w->b->acc[i];
    struct ver_node_id id = id_of(w->b, i);
    struct undo u = { i, 1, { 0 }, d };
    CALL_R(ver_push(&w->t, &u, sizeof u, 0));
    err = ver_store_changed_delta(w->b->vs, &id, &w->t, 0, 4, d, 0);
    if (err < 0) {
        ver_drop_top(&w->t);
        return err;
    }
    os_mutex_lock(&a->latch);
    put32(a->data, get32(a->data) + d);
    ver_store_delta_applied(&w->t);
    os_mutex_unlock(&a->latch);
    return JET_errSuccess;
}

static void begin(struct worker *w)
{
    if (w->t.level == 0) ver_store_begin(w->b->vs, &w->t);
    ver_begin(&w->t);
}

static void commit(struct worker *w)
{
    if (w->t.level == 1) ver_store_commit(w->b->vs, &w->t);
    ver_commit(&w->t);
}

static void rollback(struct worker *w, bool fAll)
{
    TCHECK(ver_rollback(&w->t, fAll, undo_fn, w) == JET_errSuccess);
    if (w->t.level == 0) ver_store_rollback(w->b->vs, &w->t);
}

static void run_transfer(struct worker *w)
{
    struct bank *b = w->b;
    int from = (int)(rnd(&w->seed) % CACCOUNT), to = (int)(rnd(&w->seed) % CACCOUNT);
    int32_t amount = (int32_t)(rnd(&w->seed) % 50);
    begin(w);
    JET_ERR err = add_replace(w, from, -amount);
    if (err >= 0) {
        /* The credit in a nested level, sometimes rolled back and done again. */
        begin(w);
        err = add_replace(w, to, amount);
        if (err >= 0 && rnd(&w->seed) % 4 == 0) {
            rollback(w, false);
            begin(w);
            err = add_replace(w, to, amount);
        }
        if (err >= 0) commit(w);
    }
    if (err < 0 || rnd(&w->seed) % 8 == 0) {
        if (err == JET_errWriteConflict) __atomic_add_fetch(&b->cConflicts, 1, __ATOMIC_RELAXED);
        else if (err < 0) err_last = err;
        TCHECK(err >= 0 || err == JET_errWriteConflict);
        rollback(w, true);
        __atomic_add_fetch(&b->cRollbacks, 1, __ATOMIC_RELAXED);
    } else {
        commit(w);
        __atomic_add_fetch(&b->cCommits, 1, __ATOMIC_RELAXED);
    }
}

/* Escrow: +x on one account and -x on another, concurrently with everyone. */
static void run_escrow(struct worker *w)
{
    struct bank *b = w->b;
    int i = (int)(rnd(&w->seed) % CACCOUNT), j = (int)(rnd(&w->seed) % CACCOUNT);
    int32_t x = (int32_t)(rnd(&w->seed) % 20);
    begin(w);
    JET_ERR err = add_delta(w, i, x);
    if (err >= 0) err = add_delta(w, j, -x);
    if (err == JET_errWriteConflict) __atomic_add_fetch(&b->cConflicts, 1, __ATOMIC_RELAXED);
    else if (err < 0) err_last = err;
    TCHECK(err >= 0 || err == JET_errWriteConflict);
    if (err < 0 || rnd(&w->seed) % 5 == 0) {
        rollback(w, true);
        __atomic_add_fetch(&b->cRollbacks, 1, __ATOMIC_RELAXED);
    } else {
        commit(w);
        __atomic_add_fetch(&b->cCommits, 1, __ATOMIC_RELAXED);
    }
}

static void run_reader(struct worker *w)
{
    struct bank *b = w->b;
    begin(w);
    int64_t first = 0, second = 0;
    int32_t v1[CACCOUNT], v2[CACCOUNT];
    for (int i = 0; i < CACCOUNT; i++) first += v1[i] = read_balance(w, i);
    os_sleep_ms(0);
    for (int i = CACCOUNT - 1; i >= 0; i--) second += v2[i] = read_balance(w, i);
    if (first != (int64_t)CACCOUNT * INITIAL || second != first) {
        __atomic_add_fetch(&b->cBad, 1, __ATOMIC_RELAXED);
        fprintf(stderr, "reader saw %lld then %lld\n", (long long)first, (long long)second);
        for (int i = 0; i < CACCOUNT; i++)
            if (v1[i] != v2[i]) fprintf(stderr, "account %d: %d then %d\n", i, v1[i], v2[i]);
    }
    commit(w);
    __atomic_add_fetch(&b->cReads, 1, __ATOMIC_RELAXED);
}

static void worker_main(void *pv)
{
    struct worker *w = pv;
    while (!__atomic_load_n(&w->b->fStop, __ATOMIC_ACQUIRE)) {
        if (w->kind == 0) run_transfer(w);
        else if (w->kind == 1) run_escrow(w);
        else run_reader(w);
    }
}

static void test_ver_store_threads_keep_every_snapshot_consistent(void **state)
{
    (void)state;
    struct bank *b = calloc(1, sizeof *b);
    b->budget.cbMax = 1u << 26;
    struct ver_store_config cfg = { .budget = &b->budget, .fThread = true, .cmsCleanup = 5, .cmsGhost = 1 };
    assert_int_equal(ver_store_create(&cfg, &b->vs), JET_errSuccess);
    for (int i = 0; i < CACCOUNT; i++) {
        os_mutex_init(&b->acc[i].latch);
        put32(b->acc[i].data, INITIAL);
        snprintf(b->acc[i].key, sizeof b->acc[i].key, "a%02d", i);
    }
    struct worker w[CWRITER + CREADER];
    struct os_thread *th[CWRITER + CREADER];
    for (int i = 0; i < CWRITER + CREADER; i++) {
        w[i].b = b;
        w[i].seed = 1234u + 77u * (unsigned)i;
        w[i].kind = getenv("KINDS") ? (i < CWRITER ? atoi(getenv("KINDS")) : 2) : (i < CWRITER - 2 ? 0 : i < CWRITER ? 1 : 2);
        ver_trx_init(&w[i].t, &b->budget);
        ver_store_attach(b->vs, &w[i].t, &w[i]);
    }
    for (int i = 0; i < CWRITER + CREADER; i++) assert_int_equal(os_thread_create(&th[i], worker_main, &w[i]), JET_errSuccess);
    const char *env = getenv("VER_STRESS_MS");
    os_sleep_ms(env ? (uint32_t)atoi(env) : 1500);
    __atomic_store_n(&b->fStop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < CWRITER + CREADER; i++) os_thread_join(th[i]);
    for (int i = 0; i < CWRITER + CREADER; i++) ver_store_detach(&w[i].t);
    int64_t total = 0;
    for (int i = 0; i < CACCOUNT; i++) total += get32(b->acc[i].data);
    print_message("commits %llu, conflicts %llu, rollbacks %llu, reads %llu\n", (unsigned long long)b->cCommits,
                  (unsigned long long)b->cConflicts, (unsigned long long)b->cRollbacks, (unsigned long long)b->cReads);
    assert_int_equal(total, (int64_t)CACCOUNT * INITIAL);
    assert_int_equal(b->cBad, 0);
    assert_true(b->cCommits > 0 && b->cReads > 0);
    /* A version rolled back in the last cmsGhost ms still waits, by design (README "Ghosts"). */
    os_sleep_ms(5);
    (void)ver_store_clean(b->vs);
    struct ver_store_stats st;
    ver_store_get_stats(b->vs, &st);
    assert_int_equal(st.cVersions, 0);
    ver_store_destroy(b->vs);
    assert_int_equal(b->budget.cbUsed, 0);
    for (int i = 0; i < CACCOUNT; i++) os_mutex_destroy(&b->acc[i].latch);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ver_store_threads_keep_every_snapshot_consistent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
