/* SPDX-License-Identifier: MIT
 * isam/tests/test_isolation.c: the version store wired into isam, one rule per test, with two
 * sessions on one tree of an in-memory database: snapshot reads, write conflicts at once, an
 * insert over another's node as a duplicate key, nested rollback of the inner level only,
 * JetGetLock's locks, cleanup removing what a committed delete left, a full version store
 * leaving the transaction able to roll back, the user's seven levels, and a transaction owned by
 * the thread (or session context) that began it. Reading goes through ver_store_view as the cursor
 * layer does. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "isam_db.h"
#include "os_test.h"

#define TREE_OBJID 600u
static const ESENT_WCHAR wszDb[] = { '/', 'i', '.', 'e', 'd', 'b', 0 };
static const ESENT_WCHAR wszRoot[] = { '/', 0 };

struct fx {
    struct os_vfs *vfs;
    struct isam_instance *inst;
    struct isam_session *s[2];
    struct bt_cursor *c[2];
    struct isam_db *db;
    struct isam_tree t;
};

static int fx_setup_with(void **state, long cpgVer)
{
    static const ESENT_WCHAR name[] = { 'i', 's', 0 };
    struct fx *f = calloc(1, sizeof *f);
    JET_DBID dbid;
    uint32_t pgno;
    f->vfs = os_mem_create();
    isam_lock();
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    JET_ERR err = isam_instance_new(name, NULL, &f->inst);
    isam_unlock();
    assert_int_equal(err, JET_errSuccess);
    param_store_set_vfs(&f->inst->params, f->vfs);
    assert_int_equal(param_set(&f->inst->params, PARAM_TARGET_INSTANCE, JET_paramLogFilePath, 0, wszRoot), JET_errSuccess);
    assert_int_equal(param_set(&f->inst->params, PARAM_TARGET_INSTANCE, JET_paramSystemPath, 0, wszRoot), JET_errSuccess);
    if (cpgVer)
        assert_int_equal(param_set(&f->inst->params, PARAM_TARGET_INSTANCE, JET_paramMaxVerPages, cpgVer, NULL), JET_errSuccess);
    assert_int_equal(isam_instance_init(f->inst, 0), JET_errSuccess);
    for (int i = 0; i < 2; i++) assert_int_equal(isam_session_begin(f->inst, &f->s[i]), JET_errSuccess);
    assert_int_equal(isam_db_create(f->s[0], wszDb, 0, 0, &dbid), JET_errSuccess);
    f->db = isam_db_get(f->inst, dbid);
    assert_int_equal(bt_create(f->db->btdb, SPACE_PGNO_DB_ROOT, 8, true, TREE_OBJID, BT_TYPE_PRIMARY, false, &pgno), JET_errSuccess);
    f->t = (struct isam_tree){ f->db, { pgno, TREE_OBJID, BT_TYPE_PRIMARY, false, 255 } };
    for (int i = 0; i < 2; i++) assert_int_equal(bt_open(f->db->btdb, &f->t.desc, &f->c[i]), JET_errSuccess);
    *state = f;
    return 0;
}

static int fx_setup(void **state) { return fx_setup_with(state, 0); }
static int fx_setup_small(void **state) { return fx_setup_with(state, 1); }

static int fx_teardown(void **state)
{
    struct fx *f = *state;
    for (int i = 0; i < 2; i++) bt_close(f->c[i]);
    assert_int_equal(isam_db_close(f->s[0], f->db->dbid, 0), JET_errSuccess);
    for (int i = 0; i < 2; i++) isam_session_destroy(f->s[i]);
    assert_int_equal(isam_instance_term(f->inst, JET_bitTermComplete, NULL), JET_errSuccess);
    isam_lock();
    isam_instance_free(f->inst);
    isam_unlock();
    os_mem_destroy(f->vfs);
    free(f);
    return 0;
}

/* What session i sees of key: its data in buf ("" when absent). */
static const char *see(struct fx *f, int i, const char *key, char *buf)
{
    JET_ERR err = bt_seek(f->c[i], BT_SEEK_EQ, key, (uint32_t)strlen(key), NULL, 0, BT_DELETED_TOO);
    buf[0] = 0;
    if (err == JET_errRecordNotFound) return buf;
    assert_int_equal(err, JET_errSuccess);
    uint8_t flags = bt_node_flags(f->c[i]);
    uint32_t cb;
    const uint8_t *pb = bt_data(f->c[i], &cb);
    bool fVisible = !(flags & PAGE_NODE_DELETED);
    void *pvImage = NULL;
    if (flags & PAGE_NODE_VERSIONED) {
        const struct ver_node_id id = { f->db->dbid, f->t.desc.pgnoFDP, key, (uint32_t)strlen(key), NULL, 0, 0, 0 };
        const struct ver_actor r = { f->s[i], f->s[i]->trx.trxBegin0 };
        enum ver_view v;
        uint32_t cbImage;
        assert_int_equal(ver_store_view(f->inst->vs, &id, &r, pb, cb, !fVisible, &v, &pvImage, &cbImage), JET_errSuccess);
        if (v == VER_VIEW_ABSENT) fVisible = false;
        if (v == VER_VIEW_IMAGE) {
            fVisible = true;
            pb = pvImage;
            cb = cbImage;
        }
    }
    if (fVisible) {
        memcpy(buf, pb, cb);
        buf[cb] = 0;
    }
    mem_free(pvImage);
    return buf;
}

static JET_ERR put(struct fx *f, int i, const char *key, const char *val)
{
    JET_ERR err = bt_seek(f->c[i], BT_SEEK_EQ, key, (uint32_t)strlen(key), NULL, 0, 0);
    if (err == JET_errRecordNotFound)
        return isam_node_insert(f->s[i], f->c[i], &f->t, key, (uint32_t)strlen(key), val, (uint32_t)strlen(val));
    if (err < 0) return err;
    return isam_node_replace(f->s[i], f->c[i], &f->t, val, (uint32_t)strlen(val));
}

static JET_ERR del(struct fx *f, int i, const char *key)
{
    JET_ERR err = bt_seek(f->c[i], BT_SEEK_EQ, key, (uint32_t)strlen(key), NULL, 0, 0);
    if (err < 0) return err;
    return isam_node_flag_delete(f->s[i], f->c[i], &f->t);
}

static void committed_put(struct fx *f, const char *key, const char *val)
{
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(put(f, 0, key, val), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
}

static void test_isam_isolation_reader_sees_its_snapshot_and_its_own_changes(void **state)
{
    struct fx *f = *state;
    char buf[64];
    committed_put(f, "k", "v1");
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);     /* snapshot: v1 */
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(put(f, 0, "k", "v2"), JET_errSuccess);
    assert_int_equal(put(f, 0, "new", "n"), JET_errSuccess);
    assert_string_equal(see(f, 0, "k", buf), "v2");                    /* its own change */
    assert_string_equal(see(f, 1, "k", buf), "v1");                    /* uncommitted: not seen */
    assert_string_equal(see(f, 1, "new", buf), "");
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
    assert_string_equal(see(f, 1, "k", buf), "v1");                    /* committed after it began */
    assert_string_equal(see(f, 1, "new", buf), "");
    assert_int_equal(isam_trx_commit(f->s[1], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    assert_string_equal(see(f, 1, "k", buf), "v2");                    /* a new snapshot */
    assert_string_equal(see(f, 1, "new", buf), "n");
    assert_int_equal(isam_trx_commit(f->s[1], 0), JET_errSuccess);
}

static void test_isam_isolation_second_writer_gets_write_conflict_at_once(void **state)
{
    struct fx *f = *state;
    char buf[64];
    committed_put(f, "k", "v1");
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    assert_int_equal(put(f, 0, "k", "a"), JET_errSuccess);
    assert_int_equal(put(f, 1, "k", "b"), JET_errWriteConflict);
    assert_int_equal(del(f, 1, "k"), JET_errWriteConflict);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
    /* Committed after s1 began: still a conflict for s1 (first writer wins). */
    assert_int_equal(put(f, 1, "k", "b"), JET_errWriteConflict);
    assert_int_equal(isam_trx_rollback(f->s[1], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    assert_int_equal(put(f, 1, "k", "b"), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[1], 0), JET_errSuccess);
    assert_string_equal(see(f, 0, "k", buf), "b");
}

static void test_isam_isolation_insert_over_another_transactions_node_is_a_duplicate(void **state)
{
    struct fx *f = *state;
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    assert_int_equal(put(f, 0, "x", "0"), JET_errSuccess);
    assert_int_equal(isam_node_insert(f->s[1], f->c[1], &f->t, "x", 1, "1", 1), JET_errKeyDuplicate);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_rollback(f->s[1], 0), JET_errSuccess);
}

static void test_isam_isolation_nested_rollback_undoes_only_the_inner_level(void **state)
{
    struct fx *f = *state;
    char buf[64];
    committed_put(f, "k", "v1");
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(put(f, 0, "k", "outer"), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(put(f, 0, "k", "inner"), JET_errSuccess);
    assert_int_equal(put(f, 0, "i2", "x"), JET_errSuccess);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(f->s[0]->trx_level, 1);
    assert_string_equal(see(f, 0, "k", buf), "outer");
    assert_string_equal(see(f, 0, "i2", buf), "");
    /* The outer level still holds the node against other writers. */
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    assert_int_equal(put(f, 1, "k", "other"), JET_errWriteConflict);
    assert_int_equal(isam_trx_rollback(f->s[1], 0), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
    assert_string_equal(see(f, 1, "k", buf), "outer");
}

static void test_isam_isolation_locks_share_reads_and_exclude_writes(void **state)
{
    struct fx *f = *state;
    committed_put(f, "k", "v1");
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    assert_int_equal(bt_seek(f->c[0], BT_SEEK_EQ, "k", 1, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(bt_seek(f->c[1], BT_SEEK_EQ, "k", 1, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(isam_node_lock(f->s[0], f->c[0], &f->t, false), JET_errSuccess);
    assert_int_equal(isam_node_lock(f->s[1], f->c[1], &f->t, false), JET_errSuccess);
    assert_int_equal(isam_node_lock(f->s[1], f->c[1], &f->t, true), JET_errWriteConflict);
    assert_int_equal(put(f, 1, "k", "w"), JET_errWriteConflict);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[1], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(bt_seek(f->c[0], BT_SEEK_EQ, "k", 1, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(isam_node_lock(f->s[0], f->c[0], &f->t, true), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    assert_int_equal(bt_seek(f->c[1], BT_SEEK_EQ, "k", 1, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(isam_node_lock(f->s[1], f->c[1], &f->t, false), JET_errWriteConflict);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_rollback(f->s[1], 0), JET_errSuccess);
}

static void test_isam_isolation_cleanup_removes_a_committed_delete_nobody_can_see(void **state)
{
    struct fx *f = *state;
    char buf[64];
    committed_put(f, "gone", "g");
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);     /* an old reader */
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(del(f, 0, "gone"), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_idle(f->s[0], JET_bitIdleCompact), JET_wrnNoIdleActivity);
    /* The old reader still sees it: the node stays. */
    assert_string_equal(see(f, 1, "gone", buf), "g");
    assert_int_equal(bt_seek(f->c[0], BT_SEEK_EQ, "gone", 4, NULL, 0, BT_DELETED_TOO), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[1], 0), JET_errSuccess);
    assert_int_equal(isam_idle(f->s[0], 0), JET_wrnNoIdleActivity);
    assert_int_equal(bt_seek(f->c[0], BT_SEEK_EQ, "gone", 4, NULL, 0, BT_DELETED_TOO), JET_errRecordNotFound);
    struct ver_store_stats st;
    ver_store_get_stats(f->inst->vs, &st);
    assert_int_equal(st.cVersions, 0);
}

static void test_isam_isolation_full_version_store_leaves_rollback_possible(void **state)
{
    struct fx *f = *state;
    char key[16], val[600], buf[700];
    committed_put(f, "k", "v1");
    memset(val, 'z', sizeof val - 1);
    val[sizeof val - 1] = 0;
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    JET_ERR err = JET_errSuccess;
    int n;
    for (n = 0; n < 10000 && err >= 0; n++) {
        snprintf(key, sizeof key, "b%05d", n);
        err = put(f, 0, key, val);
    }
    assert_int_equal(err, JET_errVersionStoreOutOfMemory);
    assert_true(n > 1);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_string_equal(see(f, 0, "b00000", buf), "");
    /* Undone versions linger a moment for readers holding stale copies (ver README "Ghosts"),
     * then cleanup gives their memory back. */
    os_sleep_ms(150);
    assert_int_equal(isam_idle(f->s[0], JET_bitIdleCompact), JET_wrnNoIdleActivity);
    assert_int_equal(f->inst->ver_budget.cbUsed < f->inst->ver_budget.cbMax / 4, true);
    committed_put(f, "k", "v2");                                      /* room again */
    assert_string_equal(see(f, 1, "k", buf), "v2");
}

/* The 4-byte little-endian counter at ib in key's data as session i sees it (latched view, or a
 * copy judged with the delta clock genCopy when fCopy); -1 when absent, -2 when the copy cannot
 * be judged. */
static long counter_at(struct fx *f, int i, const char *key, uint32_t ib, bool fCopy, uint64_t genCopy)
{
    assert_int_equal(bt_seek(f->c[i], BT_SEEK_EQ, key, (uint32_t)strlen(key), NULL, 0, BT_DELETED_TOO), JET_errSuccess);
    uint32_t cb;
    const uint8_t *pb = bt_data(f->c[i], &cb);
    const bool fDeleted = (bt_node_flags(f->c[i]) & PAGE_NODE_DELETED) != 0;
    const struct ver_node_id id = { f->db->dbid, f->t.desc.pgnoFDP, key, (uint32_t)strlen(key), NULL, 0, 0, 0 };
    const struct ver_actor r = { f->s[i], f->s[i]->trx.trxBegin0 };
    enum ver_view v;
    void *pvImage = NULL;
    uint32_t cbImage;
    if (fCopy)
        assert_int_equal(ver_store_view_copy(f->inst->vs, &id, &r, genCopy, pb, cb, fDeleted, &v, &pvImage, &cbImage),
                         JET_errSuccess);
    else
        assert_int_equal(ver_store_view(f->inst->vs, &id, &r, pb, cb, fDeleted, &v, &pvImage, &cbImage), JET_errSuccess);
    long l = -1;
    if (v == VER_VIEW_RETRY) l = -2;
    else if (v == VER_VIEW_IMAGE) l = (long)get_le32((const uint8_t *)pvImage + ib);
    else if (v == VER_VIEW_PAGE && !fDeleted) l = (long)get_le32(pb + ib);
    mem_free(pvImage);
    return l;
}

static long counter(struct fx *f, int i, const char *key, bool fCopy, uint64_t genCopy)
{
    return counter_at(f, i, key, 0, fCopy, genCopy);
}

static void put_counter(struct fx *f, int i, const char *key, uint32_t v)
{
    uint8_t rgb[4];
    put_le32(rgb, v);
    JET_ERR err = bt_seek(f->c[i], BT_SEEK_EQ, key, (uint32_t)strlen(key), NULL, 0, 0);
    if (err == JET_errRecordNotFound)
        err = isam_node_insert(f->s[i], f->c[i], &f->t, key, (uint32_t)strlen(key), rgb, 4);
    else if (err >= 0)
        err = isam_node_replace(f->s[i], f->c[i], &f->t, rgb, 4);
    assert_int_equal(err, JET_errSuccess);
}

static void delta(struct fx *f, int i, const char *key, int32_t d)
{
    assert_int_equal(bt_seek(f->c[i], BT_SEEK_EQ, key, (uint32_t)strlen(key), NULL, 0, 0), JET_errSuccess);
    assert_int_equal(isam_node_delta(f->s[i], f->c[i], &f->t, 0, 4, d, 0, NULL), JET_errSuccess);
}

static void test_isam_isolation_delta_undone_after_a_replace_over_it_is_seen_undone(void **state)
{
    struct fx *f = *state;
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    put_counter(f, 0, "acc", 1000);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
    /* a delta at level 1, a replace over it at level 2; the inner level goes, then the outer:
     * the replace's undone image still holds the delta, which its own undo took off the page */
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    delta(f, 0, "acc", -72);
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    put_counter(f, 0, "acc", 1000);
    assert_int_equal(counter(f, 1, "acc", false, 0), 1000);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(counter(f, 0, "acc", false, 0), 928);
    assert_int_equal(counter(f, 1, "acc", false, 0), 1000);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(counter(f, 0, "acc", false, 0), 1000);
    assert_int_equal(counter(f, 1, "acc", false, 0), 1000);
    const uint64_t gen = ver_store_delta_gen(f->inst->vs);
    assert_int_equal(counter(f, 1, "acc", true, gen), 1000);
}

/* A change of session 0 run on a thread of its own from inside a delta's read-modify-write
 * (isam_node_delta_seam): it must wait for the delta. The seam gives it time to run ahead (a
 * change that did not wait would be done by then) and notes whether it has; the test checks
 * that once the delta is back (an assert inside the delta would leave its lock held). */
enum side_op { SIDE_ROLLBACK, SIDE_REPLACE };

struct side_job {
    struct fx *f;
    enum side_op op;
    uint8_t rgb[8];             /* SIDE_REPLACE: session 0's new record */
    JET_ERR err;
    int fDone;
    bool fRanAhead;
    struct os_thread *t;
};

static void side_job_fn(void *pv)
{
    struct side_job *j = pv;
    struct fx *f = j->f;
    JET_ERR err;
    if (j->op == SIDE_ROLLBACK) {
        err = isam_trx_rollback(f->s[0], 0);
    } else {
        err = bt_seek(f->c[0], BT_SEEK_EQ, "acc", 3, NULL, 0, 0);
        if (err >= 0) err = isam_node_replace(f->s[0], f->c[0], &f->t, j->rgb, 8);
    }
    j->err = err;
    __atomic_store_n(&j->fDone, 1, __ATOMIC_RELEASE);
}

static void start_side_job(void *pv)
{
    struct side_job *j = pv;
    isam_node_delta_seam = NULL;
    assert_int_equal(os_thread_create(&j->t, side_job_fn, j), JET_errSuccess);
    os_sleep_ms(100);
    j->fRanAhead = __atomic_load_n(&j->fDone, __ATOMIC_ACQUIRE) != 0;
}

static void finish_side_job(struct side_job *j)
{
    assert_null(isam_node_delta_seam);
    os_thread_join(j->t);
    assert_int_equal(j->fDone, 1);
    assert_false(j->fRanAhead);
}

/* "acc": a record of two counters, a balance (replaced) and an escrow column (deltas) at 4,
 * committed as (1000, 0). */
static void insert_acc(struct fx *f)
{
    uint8_t rgb[8];
    put_le32(rgb, 1000);
    put_le32(rgb + 4, 0);
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_node_insert(f->s[0], f->c[0], &f->t, "acc", 3, rgb, 8), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
}

static void replace_acc(struct fx *f, int i, uint32_t balance, uint32_t escrow)
{
    uint8_t rgb[8];
    put_le32(rgb, balance);
    put_le32(rgb + 4, escrow);
    assert_int_equal(bt_seek(f->c[i], BT_SEEK_EQ, "acc", 3, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(isam_node_replace(f->s[i], f->c[i], &f->t, rgb, 8), JET_errSuccess);
}

/* The page's "acc" (no version asked). */
static void assert_acc_page(struct fx *f, uint32_t balance, uint32_t escrow)
{
    uint32_t cb;
    assert_int_equal(bt_seek(f->c[1], BT_SEEK_EQ, "acc", 3, NULL, 0, 0), JET_errSuccess);
    const uint8_t *pb = bt_data(f->c[1], &cb);
    assert_int_equal(cb, 8);
    assert_int_equal(get_le32(pb), balance);
    assert_int_equal(get_le32(pb + 4), escrow);
}

static JET_ERR delta_acc(struct fx *f, int i, int32_t d, bool fNoVersion)
{
    assert_int_equal(bt_seek(f->c[i], BT_SEEK_EQ, "acc", 3, NULL, 0, 0), JET_errSuccess);
    if (fNoVersion) return isam_node_delta_no_version(f->s[i], f->c[i], &f->t, 4, 4, d, NULL);
    return isam_node_delta(f->s[i], f->c[i], &f->t, 4, 4, d, 0, NULL);
}

/* "acc" committed; s0 replaces its balance (932) and has not committed; s1 begins and adds 5 to
 * its escrow field, and s0's rollback starts on another thread once s1's delta has read the
 * node. The rollback is done when this returns the delta's result. */
static JET_ERR delta_over_a_rollback(struct fx *f, bool fNoVersion)
{
    struct side_job j = { .f = f, .op = SIDE_ROLLBACK };
    insert_acc(f);
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    replace_acc(f, 0, 932, 0);
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    isam_node_delta_seam = start_side_job;
    isam_node_delta_seam_ctx = &j;
    const JET_ERR err = delta_acc(f, 1, 5, fNoVersion);
    finish_side_job(&j);
    assert_int_equal(j.err, JET_errSuccess);
    assert_int_equal(f->s[0]->trx_level, 0);
    return err;
}

static void test_isam_node_delta_is_a_write_conflict_when_a_rollback_of_the_replace_it_read_waits(void **state)
{
    struct fx *f = *state;
    /* the rollback waits for the delta, whose version meets s0's replace (ESE's ErrVERModify: a
     * write conflict with another transaction's uncommitted replace) */
    assert_int_equal(delta_over_a_rollback(f, false), JET_errWriteConflict);
    assert_acc_page(f, 1000, 0);
    /* the replace gone, the same delta goes through */
    assert_int_equal(delta_acc(f, 1, 5, false), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[1], 0), JET_errSuccess);
    assert_acc_page(f, 1000, 5);
}

static void test_isam_node_delta_no_version_does_not_conflict_with_an_uncommitted_replace_whose_undo_takes_it_away(void **state)
{
    struct fx *f = *state;
    insert_acc(f);
    /* ESE's fDIRNoVersion delta makes no version: another transaction's uncommitted replace is
     * no conflict, the delta lands on the replaced node, and the replace's undo puts back its
     * before image, which does not have it */
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    replace_acc(f, 0, 932, 0);
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    assert_int_equal(delta_acc(f, 1, 5, true), JET_errSuccess);
    assert_acc_page(f, 932, 5);
    /* the replacer sees it on its record, the other session the record before the replace */
    assert_int_equal(counter_at(f, 0, "acc", 4, false, 0), 5);
    assert_int_equal(counter_at(f, 1, "acc", 4, false, 0), 0);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_acc_page(f, 1000, 0);
    /* after the rollback, and through the delta's own rollback, it stays; the undone replace's
     * ghost, which stands for the page, has it too */
    assert_int_equal(delta_acc(f, 1, 7, true), JET_errSuccess);
    assert_int_equal(isam_trx_rollback(f->s[1], 0), JET_errSuccess);
    assert_acc_page(f, 1000, 7);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(counter_at(f, i, "acc", 0, false, 0), 1000);
        assert_int_equal(counter_at(f, i, "acc", 4, false, 0), 7);
        assert_int_equal(counter_at(f, i, "acc", 4, true, ver_store_delta_gen(f->inst->vs)), 7);
    }
    /* a replace after it keeps it in its before image: its rollback leaves it */
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    replace_acc(f, 0, 900, 7);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_acc_page(f, 1000, 7);
    assert_int_equal(counter_at(f, 1, "acc", 4, false, 0), 7);
}

static void test_isam_node_delta_no_version_is_not_overwritten_by_a_rollback_that_waits_for_it(void **state)
{
    struct fx *f = *state;
    /* s0's rollback starts before the delta writes: it waits, then puts its before image back
     * over the delta. Had it not waited, the delta would write the rolled-back balance back. */
    assert_int_equal(delta_over_a_rollback(f, true), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[1], 0), JET_errSuccess);
    assert_acc_page(f, 1000, 0);
}

static void test_isam_node_delta_no_version_lands_in_the_before_image_of_a_replace_that_waits_for_it(void **state)
{
    struct fx *f = *state;
    struct side_job j = { .f = f, .op = SIDE_REPLACE };
    put_le32(j.rgb, 932);
    put_le32(j.rgb + 4, 0);
    insert_acc(f);
    /* s0's replace starts while s1's delta is between its read and its write: it waits, then
     * writes its record over the delta (as ESE's JetUpdate writes its copy) with a before image
     * that has the delta, so s0's rollback leaves the delta */
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    isam_node_delta_seam = start_side_job;
    isam_node_delta_seam_ctx = &j;
    assert_int_equal(delta_acc(f, 1, 5, true), JET_errSuccess);
    finish_side_job(&j);
    assert_int_equal(j.err, JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[1], 0), JET_errSuccess);
    assert_acc_page(f, 932, 0);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_acc_page(f, 1000, 5);
}

static void test_isam_isolation_copy_around_a_delta_is_judged_by_the_delta_clock(void **state)
{
    struct fx *f = *state;
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    put_counter(f, 0, "acc", 1000);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    /* without a clock reading, a copy with another's delta cannot be judged */
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    delta(f, 0, "acc", 5);
    assert_int_equal(counter(f, 1, "acc", true, 0), -2);
    /* a copy taken after the clock reading that follows the delta: the delta comes out */
    uint64_t gen = ver_store_delta_gen(f->inst->vs);
    assert_int_equal(counter(f, 1, "acc", true, gen), 1000);
    /* a copy from before a later delta, judged after it: copy again */
    const uint64_t genOld = gen;
    delta(f, 0, "acc", 7);
    assert_int_equal(counter(f, 1, "acc", true, genOld), -2);
    gen = ver_store_delta_gen(f->inst->vs);
    assert_int_equal(counter(f, 1, "acc", true, gen), 1000);
    /* undone: a clock reading from before the undo cannot judge; one after can */
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(counter(f, 1, "acc", true, gen), -2);
    gen = ver_store_delta_gen(f->inst->vs);
    assert_int_equal(counter(f, 1, "acc", true, gen), 1000);
    assert_int_equal(counter(f, 0, "acc", true, gen), 1000);
    assert_int_equal(isam_trx_commit(f->s[1], 0), JET_errSuccess);
}

static void test_isam_trx_commit2_makes_a_lazy_commit_durable_within_its_time(void **state)
{
    struct fx *f = *state;
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(put(f, 0, "lazy", "1"), JET_errSuccess);
    assert_int_equal(isam_trx_commit2(f->s[0], 0, 100), JET_errInvalidParameter);  /* durable: no time */
    assert_int_equal(isam_trx_commit2(f->s[0], JET_bitCommitLazyFlush, 100), JET_errSuccess);
    const lsn_t lsn = f->s[0]->lsnCommitLast;
    assert_true(lsn != 0);
    for (int i = 0; i < 100 && log_flushed_lsn(f->inst->log) < lsn; i++) os_sleep_ms(20);
    assert_true(log_flushed_lsn(f->inst->log) >= lsn);
}

static void test_isam_ver_pidx_guards_an_uncommitted_primary_index_from_other_sessions(void **state)
{
    struct fx *f = *state;
    const uint32_t dbid = f->db->dbid;
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    isam_ver_pidx_created(f->s[0], dbid, 77);
    assert_int_equal(isam_ver_pidx_check(f->s[1], dbid, 77), JET_errWriteConflictPrimaryIndex);
    assert_int_equal(isam_ver_pidx_check(f->s[0], dbid, 77), JET_errSuccess);   /* its creator */
    assert_int_equal(isam_ver_pidx_check(f->s[1], dbid, 78), JET_errSuccess);   /* another table */
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);              /* into level 1 */
    assert_int_equal(isam_ver_pidx_check(f->s[1], dbid, 77), JET_errWriteConflictPrimaryIndex);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);              /* level 0 */
    assert_int_equal(isam_ver_pidx_check(f->s[1], dbid, 77), JET_errSuccess);
    /* undone with the level that made it, not with an inner one */
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    isam_ver_pidx_created(f->s[0], dbid, 77);
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_ver_pidx_check(f->s[1], dbid, 77), JET_errWriteConflictPrimaryIndex);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_ver_pidx_check(f->s[1], dbid, 77), JET_errSuccess);
}

static void test_isam_isolation_lock_over_an_undone_replace_leaves_its_ghost_speaking(void **state)
{
    struct fx *f = *state;
    committed_put(f, "k", "v1");
    assert_int_equal(isam_trx_begin(f->s[1], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(put(f, 0, "k", "dirty"), JET_errSuccess);
    /* s1 copies the node while the uncommitted replace is on the page */
    assert_int_equal(bt_seek(f->c[1], BT_SEEK_EQ, "k", 1, NULL, 0, BT_DELETED_TOO), JET_errSuccess);
    uint32_t cb;
    char copy[16];
    const uint8_t *pb = bt_data(f->c[1], &cb);
    assert_true(cb < sizeof copy);
    memcpy(copy, pb, cb);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    /* a write lock (JET_prepReplace's) comes over the undone replace: it changes no page */
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(bt_seek(f->c[0], BT_SEEK_EQ, "k", 1, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(isam_node_lock(f->s[0], f->c[0], &f->t, true), JET_errSuccess);
    const struct ver_node_id id = { f->db->dbid, f->t.desc.pgnoFDP, "k", 1, NULL, 0, 0, 0 };
    const struct ver_actor r = { f->s[1], f->s[1]->trx.trxBegin0 };
    enum ver_view v;
    void *pvImage = NULL;
    uint32_t cbImage = 0;
    assert_int_equal(ver_store_view(f->inst->vs, &id, &r, copy, cb, false, &v, &pvImage, &cbImage), JET_errSuccess);
    assert_int_equal(v, VER_VIEW_IMAGE);
    assert_int_equal(cbImage, 2);
    assert_memory_equal(pvImage, "v1", 2);
    mem_free(pvImage);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[1], 0), JET_errSuccess);
}

static void test_isam_trx_begin_user_stops_at_seven_levels_while_the_engine_goes_deeper(void **state)
{
    struct fx *f = *state;
    for (int i = 0; i < 7; i++) assert_int_equal(isam_trx_begin_user(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin_user(f->s[0], 0), JET_errTransTooDeep);
    assert_int_equal(f->s[0]->trx_level, 7);
    /* an update's own level inside the seventh (ESE's levelMax is three above the user's) */
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(put(f, 0, "deep", "d"), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
    for (int i = 8; i <= 10; i++) assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(f->s[0], 0), JET_errTransTooDeep);
    assert_int_equal(isam_trx_rollback(f->s[0], JET_bitRollbackAll), JET_errSuccess);
    assert_int_equal(f->s[0]->trx_level, 0);
}

struct other_thread {
    struct isam_session *sess;
    JET_ERR errCheck, errBegin;
};

static void other_thread_fn(void *pv)
{
    struct other_thread *o = pv;
    o->errCheck = isam_trx_check_context(o->sess);
    o->errBegin = isam_trx_begin_user(o->sess, 0);
    if (o->errBegin >= 0) {
        JET_ERR err = isam_trx_rollback(o->sess, 0);
        if (err < 0) o->errBegin = err;
    }
}

static void run_other(struct other_thread *o)
{
    struct os_thread *t;
    assert_int_equal(os_thread_create(&t, other_thread_fn, o), JET_errSuccess);
    os_thread_join(t);
}

static void test_isam_trx_check_context_refuses_a_thread_that_does_not_own_the_transaction(void **state)
{
    struct fx *f = *state;
    struct other_thread o = { f->s[0], 1, 1 };
    /* outside a transaction any thread may begin one */
    run_other(&o);
    assert_int_equal(o.errCheck, JET_errSuccess);
    assert_int_equal(o.errBegin, JET_errSuccess);
    /* inside one, only the thread that began it */
    assert_int_equal(isam_trx_begin_user(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_trx_check_context(f->s[0]), JET_errSuccess);
    run_other(&o);
    assert_int_equal(o.errCheck, JET_errSessionSharingViolation);
    assert_int_equal(o.errBegin, JET_errSessionSharingViolation);
    assert_int_equal(isam_trx_rollback(f->s[0], 0), JET_errSuccess);
    /* begun under a session context: it belongs to the context, wherever that is held */
    assert_int_equal(isam_session_set_context(f->s[0], 0x55), JET_errSuccess);
    assert_int_equal(isam_trx_begin_user(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_session_reset_context(f->s[0]), JET_errSuccess);
    assert_int_equal(isam_trx_check_context(f->s[0]), JET_errSessionSharingViolation);
    assert_int_equal(isam_session_set_context(f->s[0], 0x56), JET_errSuccess);
    assert_int_equal(isam_trx_check_context(f->s[0]), JET_errSessionSharingViolation);
    assert_int_equal(isam_session_reset_context(f->s[0]), JET_errSuccess);
    assert_int_equal(isam_session_set_context(f->s[0], 0x55), JET_errSuccess);
    assert_int_equal(isam_trx_check_context(f->s[0]), JET_errSuccess);
    assert_int_equal(isam_trx_commit(f->s[0], 0), JET_errSuccess);
    assert_int_equal(isam_session_reset_context(f->s[0]), JET_errSuccess);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_isam_isolation_reader_sees_its_snapshot_and_its_own_changes, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_isolation_second_writer_gets_write_conflict_at_once, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_isolation_insert_over_another_transactions_node_is_a_duplicate, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_isolation_nested_rollback_undoes_only_the_inner_level, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_isolation_locks_share_reads_and_exclude_writes, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_isolation_cleanup_removes_a_committed_delete_nobody_can_see, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_isolation_full_version_store_leaves_rollback_possible, fx_setup_small, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_isolation_delta_undone_after_a_replace_over_it_is_seen_undone, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_node_delta_is_a_write_conflict_when_a_rollback_of_the_replace_it_read_waits, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_node_delta_no_version_does_not_conflict_with_an_uncommitted_replace_whose_undo_takes_it_away, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_node_delta_no_version_is_not_overwritten_by_a_rollback_that_waits_for_it, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_node_delta_no_version_lands_in_the_before_image_of_a_replace_that_waits_for_it, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_isolation_copy_around_a_delta_is_judged_by_the_delta_clock, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_trx_commit2_makes_a_lazy_commit_durable_within_its_time, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_ver_pidx_guards_an_uncommitted_primary_index_from_other_sessions, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_isolation_lock_over_an_undone_replace_leaves_its_ghost_speaking, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_trx_begin_user_stops_at_seven_levels_while_the_engine_goes_deeper, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_isam_trx_check_context_refuses_a_thread_that_does_not_own_the_transaction, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
