/* SPDX-License-Identifier: MIT
 * isam/tests/test_isolation.c: the version store wired into isam, one rule per test, with two
 * sessions on one tree of an in-memory database: snapshot reads, write conflicts at once, an
 * insert over another's node as a duplicate key, nested rollback of the inner level only,
 * JetGetLock's locks, cleanup removing what a committed delete left, and a full version store
 * leaving the transaction able to roll back. Reading goes through ver_store_view as the cursor
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
