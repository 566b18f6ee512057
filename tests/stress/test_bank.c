/* SPDX-License-Identifier: MIT
 * tests/stress/test_bank.c: issue 5's stress test at the isam node level (records and cursors
 * are not on main yet): accounts are nodes of one B+ tree; transfer threads move money between
 * them in transactions with nested levels, random inner and outer rollbacks, lazy and durable
 * commits; reader threads sum every account twice per transaction through the version store
 * (ver_store_view, as the cursor layer reads) and must find the initial total both times.
 * Then: the total after the run, the tree's integrity, every version cleaned up; and a power
 * cut in the middle of the run (os_crash) recovers to the same total.
 *
 * STRESS_SECONDS sets each run's length (default 2: CI); run it under ESENT_TSAN for data races.
 * Over os_mem, so the disk's speed does not matter. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "isam_db.h"
#include "os_test.h"
#include "debug.h"

#define NACC 64
#define INITIAL 1000
#define NTRANSFER 6
#define NREADER 3
#define NTHREAD (NTRANSFER + NREADER)
#define TREE_OBJID 700u

/* cmocka's asserts cannot leave a worker thread: report and abort. */
#define TCHECK(x, err) do { if (!(x)) { fprintf(stderr, "%s:%d: %s failed (err %ld)\n", __FILE__, __LINE__, #x, (long)(err)); abort(); } } while (0)

static const ESENT_WCHAR wszDb[] = { '/', 'b', 'a', 'n', 'k', '.', 'e', 'd', 'b', 0 };
static const ESENT_WCHAR wszRoot[] = { '/', 0 };

struct bank {
    struct os_vfs *vfs;
    struct isam_instance *inst;
    struct isam_session *sess;      /* the main thread's */
    struct isam_db *db;
    uint32_t pgnoTree;
    int fStop;                      /* atomic: 1 stop between transactions, 2 stop anywhere */
    uint64_t cCommit, cConflict, cRollback, cRead;  /* atomic */
};

struct worker {
    struct bank *b;
    struct isam_session *sess;
    struct bt_cursor *c;
    unsigned seed;
    bool fReader;
};

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static void key_of(uint32_t k, uint8_t key[4])
{
    key[0] = (uint8_t)(k >> 24); key[1] = (uint8_t)(k >> 16); key[2] = (uint8_t)(k >> 8); key[3] = (uint8_t)k;
}

static int64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v |= (uint64_t)p[i] << (8 * i);
    return (int64_t)v;
}

static void put64(uint8_t *p, int64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)((uint64_t)v >> (8 * i));
}

static struct isam_tree tree_of(struct bank *b)
{
    struct isam_tree t = { b->db, { b->pgnoTree, TREE_OBJID, BT_TYPE_PRIMARY, false, 255 } };
    return t;
}

static JET_ERR bank_open(struct bank *b, struct os_vfs *vfs, bool fCreate)
{
    JET_ERR err;
    static const ESENT_WCHAR name[] = { 'b', 'k', 0 };
    JET_DBID dbid;
    uint32_t pgnoTree = b->pgnoTree;
    memset(b, 0, sizeof *b);
    b->vfs = vfs;
    b->pgnoTree = pgnoTree;
    isam_lock();
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    err = isam_instance_new(name, NULL, &b->inst);
    isam_unlock();
    CALL_R(err);
    param_store_set_vfs(&b->inst->params, vfs);
    CALL_R(param_set(&b->inst->params, PARAM_TARGET_INSTANCE, JET_paramLogFilePath, 0, wszRoot));
    CALL_R(param_set(&b->inst->params, PARAM_TARGET_INSTANCE, JET_paramSystemPath, 0, wszRoot));
    CALL_R(param_set(&b->inst->params, PARAM_TARGET_INSTANCE, JET_paramLogFileSize, 1024, NULL));
    CALL_R(param_set(&b->inst->params, PARAM_TARGET_INSTANCE, JET_paramMaxSessions, 64, NULL));
    CALL_R(isam_instance_init(b->inst, 0));
    CALL_R(isam_session_begin(b->inst, &b->sess));
    if (fCreate) {
        CALL_R(isam_db_create(b->sess, wszDb, 0, 0, &dbid));
    } else {
        CALL_R(isam_db_attach(b->sess, wszDb, 0, 0));
        CALL_R(isam_db_open(b->sess, wszDb, 0, &dbid));
    }
    b->db = isam_db_get(b->inst, dbid);
    return JET_errSuccess;
}

static JET_ERR bank_close(struct bank *b)
{
    JET_ERR err = isam_db_close(b->sess, b->db->dbid, 0);
    isam_session_destroy(b->sess);
    b->sess = NULL;
    JET_ERR errT = isam_instance_term(b->inst, JET_bitTermComplete, NULL);
    if (err >= 0) err = errT;
    isam_lock();
    isam_instance_free(b->inst);
    isam_unlock();
    b->inst = NULL;
    return err;
}

/* After a power cut: every write fails; end what is left as a crashed process would have. */
static void bank_abandon(struct bank *b)
{
    if (b->sess) isam_session_destroy(b->sess);
    b->sess = NULL;
    JET_ERR err = isam_instance_term(b->inst, JET_bitTermDirty, NULL);
    (void)err;
    isam_lock();
    isam_instance_free(b->inst);
    isam_unlock();
    b->inst = NULL;
}

/* The accounts, committed durably. */
static void bank_create(struct bank *b, struct os_vfs *vfs)
{
    struct bt_cursor *c = NULL;
    assert_int_equal(bank_open(b, vfs, true), JET_errSuccess);
    assert_int_equal(bt_create(b->db->btdb, SPACE_PGNO_DB_ROOT, 8, true, TREE_OBJID, BT_TYPE_PRIMARY, false, &b->pgnoTree),
                     JET_errSuccess);
    assert_int_equal(log_flush(b->inst->log, LSN_MAX), JET_errSuccess);
    struct isam_tree t = tree_of(b);
    assert_int_equal(bt_open(b->db->btdb, &t.desc, &c), JET_errSuccess);
    assert_int_equal(isam_trx_begin(b->sess, 0), JET_errSuccess);
    for (uint32_t k = 0; k < NACC; k++) {
        uint8_t key[4], val[8];
        key_of(k, key);
        put64(val, INITIAL);
        assert_int_equal(isam_node_insert(b->sess, c, &t, key, 4, val, 8), JET_errSuccess);
    }
    assert_int_equal(isam_trx_commit(b->sess, 0), JET_errSuccess);
    bt_close(c);
}

/* Account k as w's transaction sees it (the cursor layer's reading, by hand). */
static JET_ERR read_balance(struct worker *w, uint32_t k, int64_t *pbal)
{
    JET_ERR err;
    uint8_t key[4];
    key_of(k, key);
    CALL_R(bt_seek(w->c, BT_SEEK_EQ, key, 4, NULL, 0, BT_DELETED_TOO));
    const uint8_t flags = bt_node_flags(w->c);
    uint32_t cb;
    const uint8_t *pb = bt_data(w->c, &cb);
    if (!(flags & PAGE_NODE_VERSIONED)) {
        TCHECK(!(flags & PAGE_NODE_DELETED) && cb == 8, 0);
        *pbal = get64(pb);
        return JET_errSuccess;
    }
    const struct ver_node_id id = { w->b->db->dbid, w->b->pgnoTree, key, 4, NULL, 0, 0, 0 };
    const struct ver_actor r = { w->sess, w->sess->trx.trxBegin0 };
    enum ver_view v;
    void *pbImage;
    uint32_t cbImage;
    CALL_R(ver_store_view(w->b->inst->vs, &id, &r, pb, cb, (flags & PAGE_NODE_DELETED) != 0, &v, &pbImage, &cbImage));
    TCHECK(v != VER_VIEW_ABSENT, v);
    if (v == VER_VIEW_IMAGE) {
        TCHECK(cbImage == 8, cbImage);
        *pbal = get64(pbImage);
        mem_free(pbImage);
    } else {
        TCHECK(!(flags & PAGE_NODE_DELETED) && cb == 8, 0);
        *pbal = get64(pb);
    }
    return JET_errSuccess;
}

static JET_ERR add(struct worker *w, uint32_t k, int64_t d)
{
    JET_ERR err;
    int64_t bal;
    CALL_R(read_balance(w, k, &bal));       /* leaves the cursor on the node */
    uint8_t val[8];
    put64(val, bal + d);
    struct isam_tree t = tree_of(w->b);
    return isam_node_replace(w->sess, w->c, &t, val, 8);
}

static bool stop_now(struct worker *w, int level)
{
    return __atomic_load_n(&w->b->fStop, __ATOMIC_ACQUIRE) >= level;
}

/* One transfer: debit at level 1, credit at level 2 (sometimes rolled back and redone), then
 * commit (lazy or durable) or roll back everything. Returns false when told to stop anywhere. */
static bool transfer(struct worker *w)
{
    JET_ERR err;
    struct bank *b = w->b;
    uint32_t from = rnd(&w->seed) % NACC, to = rnd(&w->seed) % NACC;
    int64_t amount = rnd(&w->seed) % 100;
    TCHECK(isam_trx_begin(w->sess, 0) >= 0, 0);
    err = add(w, from, -amount);
    if (stop_now(w, 2)) return false;
    if (err >= 0) {
        TCHECK(isam_trx_begin(w->sess, 0) >= 0, 0);
        err = add(w, to, amount);
        if (err >= 0 && rnd(&w->seed) % 4 == 0) {
            TCHECK(isam_trx_rollback(w->sess, 0) >= 0, 0);
            TCHECK(w->sess->trx_level == 1, w->sess->trx_level);
            if (stop_now(w, 2)) return false;
            TCHECK(isam_trx_begin(w->sess, 0) >= 0, 0);
            err = add(w, to, amount);
        }
        if (err >= 0) err = isam_trx_commit(w->sess, 0);
        else TCHECK(isam_trx_rollback(w->sess, 0) >= 0, 0);
    }
    if (stop_now(w, 2)) return false;
    if (err < 0 || rnd(&w->seed) % 8 == 0) {
        /* A full version store is an answer too (a stalled transaction holds cleanup back): the
         * transaction rolls back, as an application would. */
        TCHECK(err >= 0 || err == JET_errWriteConflict || err == JET_errVersionStoreOutOfMemory, err);
        if (err == JET_errWriteConflict) __atomic_add_fetch(&b->cConflict, 1, __ATOMIC_RELAXED);
        TCHECK(isam_trx_rollback(w->sess, JET_bitRollbackAll) >= 0, 0);
        __atomic_add_fetch(&b->cRollback, 1, __ATOMIC_RELAXED);
    } else {
        err = isam_trx_commit(w->sess, rnd(&w->seed) % 4 ? JET_bitCommitLazyFlush : 0);
        if (stop_now(w, 2)) return false;
        TCHECK(err >= 0, err);
        __atomic_add_fetch(&b->cCommit, 1, __ATOMIC_RELAXED);
    }
    TCHECK(w->sess->trx_level == 0, w->sess->trx_level);
    return true;
}

static bool audit(struct worker *w)
{
    struct bank *b = w->b;
    int64_t sum1 = 0, sum2 = 0, bal;
    TCHECK(isam_trx_begin(w->sess, 0) >= 0, 0);
    for (uint32_t k = 0; k < NACC; k++) {
        JET_ERR err = read_balance(w, k, &bal);
        if (stop_now(w, 2)) return false;
        TCHECK(err >= 0, err);
        sum1 += bal;
    }
    os_sleep_ms(0);
    for (uint32_t k = NACC; k-- > 0;) {
        JET_ERR err = read_balance(w, k, &bal);
        if (stop_now(w, 2)) return false;
        TCHECK(err >= 0, err);
        sum2 += bal;
    }
    if (sum1 != (int64_t)NACC * INITIAL || sum2 != sum1) {
        fprintf(stderr, "reader saw %lld then %lld, expected %lld\n", (long long)sum1, (long long)sum2,
                (long long)NACC * INITIAL);
        abort();
    }
    TCHECK(isam_trx_commit(w->sess, JET_bitCommitLazyFlush) >= 0, 0);
    __atomic_add_fetch(&b->cRead, 1, __ATOMIC_RELAXED);
    return true;
}

static void worker_main(void *pv)
{
    struct worker *w = pv;
    while (!stop_now(w, 1)) {
        if (!(w->fReader ? audit(w) : transfer(w))) return;
    }
}

static uint32_t stress_ms(void)
{
    const char *env = getenv("STRESS_SECONDS");
    double s = env ? atof(env) : 2.0;
    return (uint32_t)(s > 0 ? s * 1000.0 : 2000.0);
}

/* Run the workers for ms; fStopAnywhere: leave them wherever they are (a crash follows). */
static void run_workers(struct bank *b, uint32_t ms, bool fStopAnywhere, struct worker *w)
{
    struct os_thread *th[NTHREAD];
    struct isam_tree t = tree_of(b);
    for (int i = 0; i < NTHREAD; i++) {
        w[i].b = b;
        w[i].seed = 4242u + 31u * (unsigned)i;
        w[i].fReader = i >= NTRANSFER;
        assert_int_equal(isam_session_begin(b->inst, &w[i].sess), JET_errSuccess);
        assert_int_equal(bt_open(b->db->btdb, &t.desc, &w[i].c), JET_errSuccess);
    }
    for (int i = 0; i < NTHREAD; i++) assert_int_equal(os_thread_create(&th[i], worker_main, &w[i]), JET_errSuccess);
    os_sleep_ms(ms);
    __atomic_store_n(&b->fStop, fStopAnywhere ? 2 : 1, __ATOMIC_RELEASE);
    for (int i = 0; i < NTHREAD; i++) os_thread_join(th[i]);
    print_message("%llu transfers committed, %llu rolled back (%llu write conflicts), %llu audits\n",
                  (unsigned long long)b->cCommit, (unsigned long long)b->cRollback, (unsigned long long)b->cConflict,
                  (unsigned long long)b->cRead);
}

static void end_workers(struct worker *w)
{
    for (int i = 0; i < NTHREAD; i++) {
        bt_close(w[i].c);
        isam_session_destroy(w[i].sess);
    }
}

/* The committed total, read by a fresh transaction, and the tree's integrity. */
static void check_bank(struct bank *b)
{
    struct worker w = { b, b->sess, NULL, 0, true };
    struct isam_tree t = tree_of(b);
    assert_int_equal(bt_open(b->db->btdb, &t.desc, &w.c), JET_errSuccess);
    assert_int_equal(isam_trx_begin(b->sess, 0), JET_errSuccess);
    int64_t sum = 0, bal;
    for (uint32_t k = 0; k < NACC; k++) {
        assert_int_equal(read_balance(&w, k, &bal), JET_errSuccess);
        sum += bal;
    }
    assert_int_equal(isam_trx_commit(b->sess, 0), JET_errSuccess);
    bt_close(w.c);
    assert_int_equal(sum, (int64_t)NACC * INITIAL);
    struct bt_check_tree trees[1] = { { b->pgnoTree, TREE_OBJID, SPACE_PGNO_DB_ROOT, true, BT_TYPE_PRIMARY, false } };
    struct bt_check_stats stats;
    assert_int_equal(bt_check_db(b->db->btdb, trees, 1, NULL, NULL, &stats), JET_errSuccess);
}

static void test_bank_total_never_changes_within_a_transaction(void **state)
{
    (void)state;
    struct os_vfs *mem = os_mem_create();
    struct bank *b = calloc(1, sizeof *b);
    struct worker w[NTHREAD];
    memset(w, 0, sizeof w);
    bank_create(b, mem);
    run_workers(b, stress_ms(), false, w);
    assert_true(b->cCommit > 0 && b->cRead > 0);
    end_workers(w);
    check_bank(b);
    /* Nobody is in a transaction: cleanup frees every version. */
    assert_int_equal(isam_idle(b->sess, JET_bitIdleCompact), JET_wrnNoIdleActivity);
    struct ver_store_stats st;
    ver_store_get_stats(b->inst->vs, &st);
    assert_int_equal(st.cVersions, 0);
    assert_int_equal(bank_close(b), JET_errSuccess);
    free(b);
    os_mem_destroy(mem);
}

static void test_bank_power_cut_mid_run_recovers_the_total(void **state)
{
    (void)state;
    struct os_vfs *mem = os_mem_create();
    struct os_vfs *crash = os_crash_create(mem, 512);
    struct bank *b = calloc(1, sizeof *b);
    struct worker w[NTHREAD];
    memset(w, 0, sizeof w);
    bank_create(b, crash);
    uint32_t ms = stress_ms() / 2;
    run_workers(b, ms ? ms : 1, true, w);
    /* The power goes with transactions open everywhere; the threads are stopped wherever they
     * were, and nothing they had not synced counts: unsynced writes are kept, dropped or torn
     * (OS_CRASH_RANDOM; STRESS_CRASH_TEAR=0 drops them whole instead). Torn writes once left,
     * about one run in ten, a page that failed its checksum at the next attach; after later
     * fixes 96 runs in a row passed (2026-11-30), so CI tears. */
    const char *szTear = getenv("STRESS_CRASH_TEAR");
    const bool fTear = !szTear || atoi(szTear) != 0;
    assert_int_equal(os_crash_simulate(crash, fTear ? OS_CRASH_RANDOM : OS_CRASH_DROP_ALL, 77), JET_errSuccess);
    end_workers(w);
    uint32_t pgnoTree = b->pgnoTree;
    bank_abandon(b);
    os_crash_destroy(crash);
    memset(b, 0, sizeof *b);
    b->pgnoTree = pgnoTree;
    assert_int_equal(bank_open(b, mem, false), JET_errSuccess);
    check_bank(b);
    assert_int_equal(bank_close(b), JET_errSuccess);
    free(b);
    os_mem_destroy(mem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bank_total_never_changes_within_a_transaction),
        cmocka_unit_test(test_bank_power_cut_mid_run_recovers_the_total),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
