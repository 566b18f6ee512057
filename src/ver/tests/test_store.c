/* SPDX-License-Identifier: MIT
 * ver/tests/test_store.c: the version store on its own: what readers see (snapshot isolation,
 * own changes, nested rollback), write conflicts and what commutes, cleanup (horizon, removal
 * of flag-deleted nodes, finalize), the memory bound. The "page" is a variable of the test. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "ver.h"
#include "ver_store.h"

/* A session: undo stack attached to the store. */
struct sess {
    struct ver_trx t;
    int id;
};

struct hooks {
    int cRemove, cFinalize;
    char lastKey[16];
    uint32_t ibFinal, cbFinal;
};

static JET_ERR hook_remove(void *pv, const struct ver_node_id *id)
{
    struct hooks *h = pv;
    h->cRemove++;
    memset(h->lastKey, 0, sizeof h->lastKey);
    memcpy(h->lastKey, id->pvKey, MIN(id->cbKey, sizeof h->lastKey - 1));
    return JET_errSuccess;
}

static JET_ERR hook_finalize(void *pv, const struct ver_node_id *id, uint32_t ib, uint32_t cb)
{
    struct hooks *h = pv;
    (void)id;
    h->cFinalize++;
    h->ibFinal = ib;
    h->cbFinal = cb;
    return JET_errSuccess;
}

struct fx {
    struct ver_budget budget;
    struct ver_store *vs;
    struct hooks hooks;
    struct sess s[4];
};

static int fx_setup_with(void **state, size_t cbMax, uint32_t cbVersionMax)
{
    struct fx *f = calloc(1, sizeof *f);
    f->budget.cbMax = cbMax;
    struct ver_store_config cfg = { .budget = &f->budget, .cbVersionMax = cbVersionMax, .cbucket = 64,
                                    .pfnRemove = hook_remove, .pfnFinalize = hook_finalize, .pvCtx = &f->hooks };
    if (ver_store_create(&cfg, &f->vs) < 0) return -1;
    for (int i = 0; i < 4; i++) {
        ver_trx_init(&f->s[i].t, &f->budget);
        f->s[i].id = i;
        ver_store_attach(f->vs, &f->s[i].t, &f->s[i]);
    }
    *state = f;
    return 0;
}

static int fx_setup(void **state) { return fx_setup_with(state, 0, 0); }

static int fx_teardown(void **state)
{
    struct fx *f = *state;
    for (int i = 0; i < 4; i++) {
        if (f->s[i].t.level) {
            ver_trx_discard(&f->s[i].t);
            ver_store_rollback(f->vs, &f->s[i].t);
        }
        ver_store_detach(&f->s[i].t);
    }
    (void)ver_store_clean(f->vs);
    ver_store_destroy(f->vs);
    assert_int_equal(f->budget.cbUsed, 0);
    free(f);
    return 0;
}

static struct ver_node_id node(const char *key)
{
    struct ver_node_id id = { 1, 100, key, (uint32_t)strlen(key), NULL, 0, 7, 0 };
    return id;
}

static struct ver_actor actor(struct sess *s)
{
    struct ver_actor a = { s, s->t.trxBegin0 };
    return a;
}

static void begin(struct fx *f, struct sess *s)
{
    if (s->t.level == 0) ver_store_begin(f->vs, &s->t);
    ver_begin(&s->t);
}

static void commit(struct fx *f, struct sess *s)
{
    if (s->t.level == 1) ver_store_commit(f->vs, &s->t);
    ver_commit(&s->t);
}

static JET_ERR undo_nothing(void *ctx, const struct ver_entry *e)
{
    (void)ctx; (void)e;
    return JET_errSuccess;
}

static void rollback(struct fx *f, struct sess *s, bool fAll)
{
    assert_int_equal(ver_rollback(&s->t, fAll, undo_nothing, NULL), JET_errSuccess);
    if (s->t.level == 0) ver_store_rollback(f->vs, &s->t);
}

/* A registered change: the undo entry first, then the version. */
static JET_ERR change(struct fx *f, struct sess *s, const char *key, enum ver_change kind, bool fRevived, const char *before)
{
    JET_ERR err;
    struct ver_node_id id = node(key);
    CALL_R(ver_push(&s->t, "u", 1, 0));
    err = ver_store_changed(f->vs, &id, &s->t, kind, fRevived, before, before ? (uint32_t)strlen(before) : 0);
    if (err < 0) ver_drop_top(&s->t);
    return err;
}

static JET_ERR delta(struct fx *f, struct sess *s, const char *key, int64_t d, unsigned grbit)
{
    JET_ERR err;
    struct ver_node_id id = node(key);
    CALL_R(ver_push(&s->t, "u", 1, 0));
    err = ver_store_changed_delta(f->vs, &id, &s->t, 2, 4, d, grbit);
    if (err < 0) ver_drop_top(&s->t);
    else ver_store_delta_applied(&s->t);      /* (the test changes its "page" around the call) */
    return err;
}

static JET_ERR lock(struct fx *f, struct sess *s, const char *key, enum ver_change kind)
{
    JET_ERR err;
    struct ver_node_id id = node(key);
    CALL_R(ver_push(&s->t, NULL, 0, 0));
    err = ver_store_changed(f->vs, &id, &s->t, kind, false, NULL, 0);
    if (err < 0) ver_drop_top(&s->t);
    return err;
}

/* What reader s sees of key when the page holds `page` (NULL: the page holds a flag-deleted node
 * with data "x"). Returns the data seen, "" for absent, into buf. */
static const char *view(struct fx *f, struct sess *s, const char *key, const char *page, bool fDeleted, char *buf)
{
    struct ver_node_id id = node(key);
    struct ver_actor a = actor(s);
    enum ver_view v;
    void *pb;
    uint32_t cb;
    assert_int_equal(ver_store_view(f->vs, &id, &a, page, (uint32_t)strlen(page), fDeleted, &v, &pb, &cb), JET_errSuccess);
    switch (v) {
    case VER_VIEW_PAGE:
        strcpy(buf, fDeleted ? "" : page);
        break;
    case VER_VIEW_ABSENT:
        strcpy(buf, "");
        break;
    case VER_VIEW_IMAGE:
        memcpy(buf, pb, cb);
        buf[cb] = 0;
        mem_free(pb);
        break;
    case VER_VIEW_RETRY:            /* ver_store_view_copy's only */
        fail();
    }
    return buf;
}

static void test_ver_store_reader_sees_snapshot_of_its_begin(void **state)
{
    struct fx *f = *state;
    char b[64];
    struct sess *w = &f->s[0], *r = &f->s[1], *r2 = &f->s[2];
    begin(f, r);                                    /* r begins before the change */
    begin(f, w);
    assert_int_equal(change(f, w, "k", VER_CHANGE_REPLACE, false, "old"), JET_errSuccess);
    /* The page now holds the new data. */
    assert_string_equal(view(f, r, "k", "new", false, b), "old");
    assert_string_equal(view(f, w, "k", "new", false, b), "new");          /* own change */
    assert_string_equal(view(f, r2, "k", "new", false, b), "old");         /* outside: committed only */
    commit(f, w);
    assert_string_equal(view(f, r, "k", "new", false, b), "old");          /* still its snapshot */
    assert_string_equal(view(f, r2, "k", "new", false, b), "new");         /* outside: sees the commit */
    begin(f, r2);
    assert_string_equal(view(f, r2, "k", "new", false, b), "new");
    commit(f, r2);
    commit(f, r);
    assert_string_equal(view(f, r, "k", "new", false, b), "new");
}

static void test_ver_store_insert_and_delete_are_invisible_until_committed(void **state)
{
    struct fx *f = *state;
    char b[64];
    struct sess *w = &f->s[0], *r = &f->s[1];
    begin(f, w);
    assert_int_equal(change(f, w, "ins", VER_CHANGE_INSERT, false, NULL), JET_errSuccess);
    assert_int_equal(change(f, w, "del", VER_CHANGE_DELETE, false, NULL), JET_errSuccess);
    begin(f, r);
    assert_string_equal(view(f, r, "ins", "v", false, b), "");             /* not there yet */
    assert_string_equal(view(f, r, "del", "d", true, b), "d");             /* still there */
    assert_string_equal(view(f, w, "ins", "v", false, b), "v");
    assert_string_equal(view(f, w, "del", "d", true, b), "");
    commit(f, w);
    assert_string_equal(view(f, r, "ins", "v", false, b), "");             /* r began before */
    assert_string_equal(view(f, r, "del", "d", true, b), "d");
    commit(f, r);
    begin(f, r);
    assert_string_equal(view(f, r, "ins", "v", false, b), "v");
    assert_string_equal(view(f, r, "del", "d", true, b), "");
    commit(f, r);
}

static void test_ver_store_revived_node_shows_each_reader_its_own_era(void **state)
{
    struct fx *f = *state;
    char b[64];
    struct sess *a = &f->s[0], *bb = &f->s[1], *old = &f->s[2], *mid = &f->s[3];
    begin(f, old);                                  /* sees "one" */
    begin(f, a);
    assert_int_equal(change(f, a, "k", VER_CHANGE_DELETE, false, NULL), JET_errSuccess);
    commit(f, a);
    begin(f, mid);                                  /* sees nothing */
    begin(f, bb);
    /* The flag-deleted node (data "one") is reused by an insert with "two". */
    assert_int_equal(change(f, bb, "k", VER_CHANGE_INSERT, true, "one"), JET_errSuccess);
    assert_string_equal(view(f, old, "k", "two", false, b), "one");
    assert_string_equal(view(f, mid, "k", "two", false, b), "");
    assert_string_equal(view(f, bb, "k", "two", false, b), "two");
    commit(f, bb);
    assert_string_equal(view(f, old, "k", "two", false, b), "one");
    assert_string_equal(view(f, mid, "k", "two", false, b), "");
    commit(f, old);
    commit(f, mid);
}

static void test_ver_store_write_conflicts_follow_first_writer_wins(void **state)
{
    struct fx *f = *state;
    struct sess *a = &f->s[0], *bb = &f->s[1], *c = &f->s[2];
    begin(f, a);
    begin(f, bb);
    struct ver_node_id id = node("k");
    struct ver_actor wa = actor(a), wb = actor(bb);
    assert_int_equal(ver_store_check_write(f->vs, &id, &wb), JET_errSuccess);
    assert_int_equal(change(f, a, "k", VER_CHANGE_REPLACE, false, "0"), JET_errSuccess);
    /* Uncommitted by another: conflict, for the early check and for registration. */
    assert_int_equal(ver_store_check_write(f->vs, &id, &wb), JET_errWriteConflict);
    assert_int_equal(change(f, bb, "k", VER_CHANGE_REPLACE, false, "1"), JET_errWriteConflict);
    assert_int_equal(change(f, bb, "k", VER_CHANGE_DELETE, false, NULL), JET_errWriteConflict);
    assert_int_equal(bb->t.count, 0);
    /* The writer itself may go on. */
    assert_int_equal(ver_store_check_write(f->vs, &id, &wa), JET_errSuccess);
    assert_int_equal(change(f, a, "k", VER_CHANGE_REPLACE, false, "1"), JET_errSuccess);
    commit(f, a);
    /* Committed after b began: still a conflict for b. */
    assert_int_equal(change(f, bb, "k", VER_CHANGE_REPLACE, false, "2"), JET_errWriteConflict);
    commit(f, bb);
    /* A transaction that began after the commit may write. */
    begin(f, c);
    assert_int_equal(change(f, c, "k", VER_CHANGE_REPLACE, false, "2"), JET_errSuccess);
    commit(f, c);
}

static void test_ver_store_escrow_deltas_commute_and_readers_subtract_what_they_cannot_see(void **state)
{
    struct fx *f = *state;
    char b[64];
    struct sess *a = &f->s[0], *bb = &f->s[1], *r = &f->s[2];
    /* A record whose 4-byte field at offset 2 counts; the page holds the newest sum. */
    uint8_t page[8] = { 'h', 'i', 10, 0, 0, 0, 'z', 'z' };
    begin(f, r);
    begin(f, a);
    begin(f, bb);
    assert_int_equal(delta(f, a, "k", 5, 0), JET_errSuccess);
    page[2] = 15;
    assert_int_equal(delta(f, bb, "k", -3, 0), JET_errSuccess);             /* no conflict */
    page[2] = 12;
    /* A replace on top of another's active delta conflicts, as does a delete. */
    assert_int_equal(change(f, bb, "k", VER_CHANGE_REPLACE, false, "x"), JET_errWriteConflict);
    struct ver_node_id id = node("k");
    struct ver_actor ar = actor(r), aa = actor(a), ab = actor(bb);
    enum ver_view v;
    void *pb;
    uint32_t cb;
    assert_int_equal(ver_store_view(f->vs, &id, &ar, page, 8, false, &v, &pb, &cb), JET_errSuccess);
    assert_int_equal(v, VER_VIEW_IMAGE);
    assert_int_equal(cb, 8);
    assert_int_equal(((uint8_t *)pb)[2], 10);
    assert_memory_equal(pb, "hi", 2);
    mem_free(pb);
    assert_int_equal(ver_store_view(f->vs, &id, &aa, page, 8, false, &v, &pb, &cb), JET_errSuccess);
    assert_int_equal(((uint8_t *)pb)[2], 15);                               /* 12 - (-3) */
    mem_free(pb);
    assert_int_equal(ver_store_view(f->vs, &id, &ab, page, 8, false, &v, &pb, &cb), JET_errSuccess);
    assert_int_equal(((uint8_t *)pb)[2], 7);                                /* 12 - 5 */
    mem_free(pb);
    /* Negative results borrow across bytes. */
    page[2] = 2;
    assert_int_equal(ver_store_view(f->vs, &id, &ab, page, 8, false, &v, &pb, &cb), JET_errSuccess);
    assert_memory_equal((uint8_t *)pb + 2, "\xfd\xff\xff\xff", 4);          /* 2 - 5 = -3 */
    mem_free(pb);
    commit(f, a);
    commit(f, bb);
    (void)b;
    commit(f, r);
}

/* The undo of a delta as isam does it: stamped before and after the page changes. */
struct undo_page {
    struct ver_trx *t;
    uint8_t *page;
};

static JET_ERR undo_delta_on_page(void *ctx, const struct ver_entry *e)
{
    struct undo_page *u = ctx;
    ver_store_delta_undoing(u->t, e);
    u->page[2] = (uint8_t)(u->page[2] - 5);      /* the test's only undone delta is +5 */
    ver_store_delta_undone(u->t, e);
    return JET_errSuccess;
}

static void test_ver_store_cleanup_keeps_an_undone_delta_for_a_copy_taken_before_its_undo(void **state)
{
    struct fx *f = *state;
    struct sess *a = &f->s[0], *bb = &f->s[1], *r = &f->s[2];
    uint8_t page[8] = { 'h', 'i', 10, 0, 0, 0, 'z', 'z' };
    struct ver_node_id id = node("k");
    enum ver_view v;
    void *pb;
    uint32_t cb;
    begin(f, a);
    assert_int_equal(delta(f, a, "k", 5, 0), JET_errSuccess);
    page[2] = 15;
    /* bb's delta stacks on a's and commits; r begins after it, so cleanup may drop it */
    begin(f, bb);
    assert_int_equal(delta(f, bb, "k", 3, 0), JET_errSuccess);
    page[2] = 18;
    commit(f, bb);
    begin(f, r);
    /* r copies the node (both deltas in it) ... */
    const uint64_t genCopy = ver_store_delta_gen(f->vs);
    uint8_t copy[8];
    memcpy(copy, page, sizeof copy);
    /* ... a rolls back (its delta leaves the page), and a cleanup pass frees bb's version ... */
    struct undo_page u = { &a->t, page };
    assert_int_equal(ver_rollback(&a->t, true, undo_delta_on_page, &u), JET_errSuccess);
    ver_store_rollback(f->vs, &a->t);
    assert_int_equal(page[2], 13);
    assert_int_equal(ver_store_clean(f->vs), 1);
    /* ... and only then does r ask about its copy: it holds a's undone delta, so it must copy
     * again, which the delta's ghost still says */
    const struct ver_actor ar = actor(r);
    assert_int_equal(ver_store_view_copy(f->vs, &id, &ar, genCopy, copy, 8, false, &v, &pb, &cb), JET_errSuccess);
    assert_int_equal(v, VER_VIEW_RETRY);
    const uint64_t genAgain = ver_store_delta_gen(f->vs);
    memcpy(copy, page, sizeof copy);
    assert_int_equal(ver_store_view_copy(f->vs, &id, &ar, genAgain, copy, 8, false, &v, &pb, &cb), JET_errSuccess);
    assert_int_equal(v, VER_VIEW_PAGE);
    commit(f, r);
}

static void test_ver_store_change_after_own_delta_needs_no_other_active_delta(void **state)
{
    struct fx *f = *state;
    struct sess *a = &f->s[0], *bb = &f->s[1];
    begin(f, a);
    begin(f, bb);
    assert_int_equal(delta(f, a, "k", 1, 0), JET_errSuccess);
    assert_int_equal(delta(f, bb, "k", 1, 0), JET_errSuccess);
    /* a's own delta is newest-but-one: b's active delta still blocks a replace by a. */
    assert_int_equal(change(f, a, "k", VER_CHANGE_REPLACE, false, "x"), JET_errWriteConflict);
    rollback(f, bb, true);
    assert_int_equal(change(f, a, "k", VER_CHANGE_REPLACE, false, "x"), JET_errSuccess);
    commit(f, a);
}

static void test_ver_store_read_locks_share_and_write_locks_exclude(void **state)
{
    struct fx *f = *state;
    struct sess *a = &f->s[0], *bb = &f->s[1];
    begin(f, a);
    begin(f, bb);
    assert_int_equal(lock(f, a, "k", VER_CHANGE_READ_LOCK), JET_errSuccess);
    assert_int_equal(lock(f, bb, "k", VER_CHANGE_READ_LOCK), JET_errSuccess);
    assert_int_equal(lock(f, bb, "k", VER_CHANGE_WRITE_LOCK), JET_errWriteConflict);
    assert_int_equal(change(f, a, "k", VER_CHANGE_REPLACE, false, "x"), JET_errWriteConflict);
    assert_int_equal(delta(f, a, "k", 1, 0), JET_errWriteConflict);          /* not the same kind */
    commit(f, bb);          /* committed after a began: still in a's way */
    assert_int_equal(change(f, a, "k", VER_CHANGE_REPLACE, false, "x"), JET_errWriteConflict);
    commit(f, a);
    begin(f, a);
    assert_int_equal(lock(f, a, "k", VER_CHANGE_WRITE_LOCK), JET_errSuccess);
    begin(f, bb);
    assert_int_equal(lock(f, bb, "k", VER_CHANGE_READ_LOCK), JET_errWriteConflict);
    /* A lock is rolled back with its level. */
    rollback(f, a, false);
    assert_int_equal(lock(f, bb, "k", VER_CHANGE_READ_LOCK), JET_errSuccess);
    commit(f, bb);
}

static void test_ver_store_nested_rollback_forgets_only_the_inner_level(void **state)
{
    struct fx *f = *state;
    char b[64];
    struct sess *a = &f->s[0], *r = &f->s[1], *c = &f->s[2];
    begin(f, a);
    assert_int_equal(change(f, a, "outer", VER_CHANGE_REPLACE, false, "o0"), JET_errSuccess);
    begin(f, a);
    assert_int_equal(change(f, a, "inner", VER_CHANGE_REPLACE, false, "i0"), JET_errSuccess);
    begin(f, a);
    assert_int_equal(change(f, a, "deep", VER_CHANGE_REPLACE, false, "d0"), JET_errSuccess);
    commit(f, a);                                   /* level 3 merges into 2 */
    rollback(f, a, false);                          /* level 2 (with what 3 did) */
    assert_int_equal(a->t.level, 1);
    assert_int_equal(a->t.count, 1);
    /* What was undone is no one's: the nodes are free for others, and readers see the page
     * (restored by the undo) whatever copy they took. */
    begin(f, c);
    assert_int_equal(change(f, c, "inner", VER_CHANGE_REPLACE, false, "i0"), JET_errSuccess);
    assert_int_equal(change(f, c, "deep", VER_CHANGE_DELETE, false, NULL), JET_errSuccess);
    commit(f, c);
    begin(f, r);
    assert_string_equal(view(f, r, "inner", "i1", false, b), "i1");
    assert_string_equal(view(f, r, "outer", "o1", false, b), "o0");
    commit(f, a);
    commit(f, r);
    begin(f, r);
    assert_string_equal(view(f, r, "outer", "o1", false, b), "o1");
    commit(f, r);
}

static void test_ver_store_cleanup_waits_for_the_oldest_reader(void **state)
{
    struct fx *f = *state;
    char b[64];
    struct sess *w = &f->s[0], *r = &f->s[1];
    struct ver_store_stats st;
    begin(f, r);
    begin(f, w);
    assert_int_equal(change(f, w, "k", VER_CHANGE_REPLACE, false, "old"), JET_errSuccess);
    commit(f, w);
    assert_int_equal(ver_store_clean(f->vs), 0);                            /* r needs it */
    assert_string_equal(view(f, r, "k", "new", false, b), "old");
    ver_store_get_stats(f->vs, &st);
    assert_int_equal(st.cVersions, 1);
    assert_int_equal(st.cTxnCommitted, 1);
    assert_int_equal(st.trxOldest, r->t.trxBegin0);
    commit(f, r);
    assert_int_equal(ver_store_clean(f->vs), 1);
    ver_store_get_stats(f->vs, &st);
    assert_int_equal(st.cVersions, 0);
    assert_int_equal(st.cTxnCommitted, 0);
    assert_int_equal(st.trxOldest, 0);
    struct ver_node_id id = node("k");
    assert_false(ver_store_has_versions(f->vs, &id));
    /* Memory comes back: only the budget's undo side is left, and nothing is held. */
    assert_int_equal(f->budget.cbUsed, 0);
}

static void test_ver_store_cleanup_removes_deleted_nodes_nobody_can_see(void **state)
{
    struct fx *f = *state;
    struct sess *w = &f->s[0], *r = &f->s[1];
    begin(f, r);
    begin(f, w);
    assert_int_equal(change(f, w, "gone", VER_CHANGE_DELETE, false, NULL), JET_errSuccess);
    commit(f, w);
    (void)ver_store_clean(f->vs);
    assert_int_equal(f->hooks.cRemove, 0);                                  /* r still sees it */
    commit(f, r);
    (void)ver_store_clean(f->vs);
    assert_int_equal(f->hooks.cRemove, 1);
    assert_string_equal(f->hooks.lastKey, "gone");
    /* Deleted and revived by a later transaction: the newer version keeps the node. */
    begin(f, w);
    assert_int_equal(change(f, w, "back", VER_CHANGE_DELETE, false, NULL), JET_errSuccess);
    commit(f, w);
    begin(f, r);
    assert_int_equal(change(f, r, "back", VER_CHANGE_INSERT, true, "b"), JET_errSuccess);
    (void)ver_store_clean(f->vs);
    assert_int_equal(f->hooks.cRemove, 1);
    /* Rolled back: the node is flag-deleted again and nobody needs it. */
    rollback(f, r, true);
    (void)ver_store_clean(f->vs);
    assert_int_equal(f->hooks.cRemove, 2);
    assert_string_equal(f->hooks.lastKey, "back");
}

static void test_ver_store_finalizing_delta_calls_the_hook_after_cleanup(void **state)
{
    struct fx *f = *state;
    struct sess *w = &f->s[0];
    begin(f, w);
    assert_int_equal(delta(f, w, "k", -1, VER_DELTA_FINALIZE), JET_errSuccess);
    assert_int_equal(delta(f, w, "plain", -1, 0), JET_errSuccess);
    commit(f, w);
    assert_int_equal(ver_store_clean(f->vs), 2);
    assert_int_equal(f->hooks.cFinalize, 1);
    assert_int_equal(f->hooks.ibFinal, 2);
    assert_int_equal(f->hooks.cbFinal, 4);
    /* Rolled back: nothing to finalize. */
    begin(f, w);
    assert_int_equal(delta(f, w, "k", -1, VER_DELTA_FINALIZE), JET_errSuccess);
    rollback(f, w, true);
    (void)ver_store_clean(f->vs);
    assert_int_equal(f->hooks.cFinalize, 1);
    struct ver_node_id id = node("k");
    struct ver_actor a = actor(w);
    assert_int_equal(ver_store_changed_delta(f->vs, &id, &w->t, 0, 3, 1, 0), JET_errInvalidParameter);
    (void)a;
}

static int fx_setup_small(void **state) { return fx_setup_with(state, 4096, 512); }

static void test_ver_store_runs_out_of_memory_and_rollback_frees_it(void **state)
{
    struct fx *f = *state;
    struct sess *w = &f->s[0], *r = &f->s[1];
    char key[16], before[64];
    memset(before, 'b', sizeof before - 1);
    before[sizeof before - 1] = 0;
    begin(f, w);
    JET_ERR err = JET_errSuccess;
    int n = 0;
    for (; n < 1000 && err >= 0; n++) {
        snprintf(key, sizeof key, "k%d", n);
        err = change(f, w, key, VER_CHANGE_REPLACE, false, before);
    }
    assert_int_equal(err, JET_errVersionStoreOutOfMemory);
    assert_true(n > 5);
    /* The transaction holds what it did and can undo it all. */
    assert_int_equal(w->t.count, (uint32_t)(n - 1));
    rollback(f, w, true);
    /* The undone versions wait as ghosts for the next cleanup. */
    struct ver_store_stats st;
    ver_store_get_stats(f->vs, &st);
    assert_int_equal(st.cGhosts, (uint64_t)(n - 1));
    assert_int_equal(ver_store_clean(f->vs), (uint64_t)(n - 1));
    assert_int_equal(f->budget.cbUsed, 0);
    /* Committed versions that a reader needs hold memory until it ends; cleanup on demand then
     * makes room without a background thread. */
    begin(f, r);
    begin(f, w);
    err = JET_errSuccess;
    int m = 0;
    for (; m < 1000 && err >= 0; m++) {
        snprintf(key, sizeof key, "k%d", m);
        err = change(f, w, key, VER_CHANGE_REPLACE, false, before);
        if (err >= 0 && m % 4 == 3) {
            commit(f, w);
            begin(f, w);
        }
    }
    assert_int_equal(err, JET_errVersionStoreOutOfMemory);
    rollback(f, w, true);
    commit(f, r);
    begin(f, w);
    for (int i = 0; i < n - 1; i++) {
        snprintf(key, sizeof key, "x%d", i);
        assert_int_equal(change(f, w, key, VER_CHANGE_REPLACE, false, before), JET_errSuccess);
    }
    commit(f, w);
    /* A version bigger than a version page. */
    char big[600];
    memset(big, 'B', sizeof big - 1);
    big[sizeof big - 1] = 0;
    begin(f, w);
    assert_int_equal(change(f, w, "big", VER_CHANGE_REPLACE, false, big), JET_errVersionStoreEntryTooBig);
    commit(f, w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ver_store_reader_sees_snapshot_of_its_begin, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_insert_and_delete_are_invisible_until_committed, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_revived_node_shows_each_reader_its_own_era, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_write_conflicts_follow_first_writer_wins, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_escrow_deltas_commute_and_readers_subtract_what_they_cannot_see, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_cleanup_keeps_an_undone_delta_for_a_copy_taken_before_its_undo, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_change_after_own_delta_needs_no_other_active_delta, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_read_locks_share_and_write_locks_exclude, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_nested_rollback_forgets_only_the_inner_level, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_cleanup_waits_for_the_oldest_reader, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_cleanup_removes_deleted_nodes_nobody_can_see, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_finalizing_delta_calls_the_hook_after_cleanup, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ver_store_runs_out_of_memory_and_rollback_frees_it, fx_setup_small, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
