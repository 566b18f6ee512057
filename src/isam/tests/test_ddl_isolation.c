/* SPDX-License-Identifier: MIT
 * isam/tests/test_ddl_isolation.c: DDL inside a transaction as other sessions see it, one rule
 * per test, with two sessions on one database (ESE versions its DDL: a table, column or index
 * created by an open transaction is not there for others until the level-0 commit, what it
 * deleted still is; the session that made the change sees it at once). */
#include "test_write_util.h"
#include "isam_table.h"

static struct wfx g_f;
static struct isam_session *g_s1;       /* the other session (g_f.sess is the first) */
static JET_DBID g_dbid1;

static int setup(void **state)
{
    (void)state;
    if (wfx_open(&g_f, 0) < 0) return -1;
    isam_tables_hooks_install();        /* the api installs them at process attach */
    if (isam_session_begin(g_f.inst, &g_s1) < 0) return -1;
    if (isam_db_open(g_s1, WW("/w.edb"), 0, &g_dbid1) < 0) return -1;
    return g_dbid1 == g_f.dbid ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    isam_tables_close_all(g_f.sess);
    isam_tables_close_all(g_s1);
    JET_ERR err = isam_db_close(g_s1, g_dbid1, 0);
    (void)err;
    isam_session_destroy(g_s1);
    g_s1 = NULL;
    wfx_close(&g_f);
    return 0;
}

/* A table "t" with one column "a". */
static JET_ERR create_t(struct isam_session *sess, const char *szName)
{
    JET_COLUMNCREATE_A rgc[] = { colc("a", JET_coltypLong, 0, 0, 0) };
    JET_TABLECREATE4_A tc = tablec(szName, rgc, 1, NULL, 0);
    uint32_t objid;
    return isam_ddl_create_table(sess, g_f.dbid, &tc, &objid);
}

/* JetOpenTable's answer for sess (the table closed again on success). */
static JET_ERR open_err(struct isam_session *sess, const char *szName)
{
    struct isam_table *t = NULL;
    JET_ERR err = isam_table_open(sess, g_f.dbid, szName, 0, &t);
    if (err >= 0) isam_table_close(t);
    return err;
}

/* Whether sess's catalog view lists table szName (JetGetObjectInfo's list walks it). */
struct seek_name {
    const char *sz;
    bool fFound;
};
static JET_ERR seek_name_fn(void *pv, const struct rec_cat_table *pt)
{
    struct seek_name *p = pv;
    if (isam_name_cmp(pt->szName, p->sz) == 0) p->fFound = true;
    return JET_errSuccess;
}
static bool lists(struct isam_session *sess, const char *szName)
{
    struct catalog *cat;
    struct catalog_reader view;
    struct seek_name sn = { szName, false };
    assert_int_equal(catalog_open(g_f.db->btdb, &cat), JET_errSuccess);
    isam_catalog_view(sess, g_f.dbid, &view);
    assert_int_equal(catalog_enum_tables_as(cat, &view, seek_name_fn, &sn), JET_errSuccess);
    catalog_close(cat);
    return sn.fFound;
}

static void test_isam_ddl_table_created_in_a_transaction_is_not_found_by_another_session(void **state)
{
    (void)state;
    assert_int_equal(isam_trx_begin_user(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(create_t(g_f.sess, "t"), JET_errSuccess);
    assert_int_equal(open_err(g_f.sess, "t"), JET_errSuccess);
    assert_int_equal(open_err(g_s1, "t"), JET_errObjectNotFound);
    assert_true(lists(g_f.sess, "t"));
    assert_false(lists(g_s1, "t"));
    assert_int_equal(isam_ddl_delete_table(g_s1, g_f.dbid, "t"), JET_errObjectNotFound);
    assert_int_equal(isam_trx_commit(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(open_err(g_s1, "t"), JET_errSuccess);
    assert_true(lists(g_s1, "t"));
}

static void test_isam_ddl_table_created_and_rolled_back_is_seen_by_nobody(void **state)
{
    (void)state;
    assert_int_equal(isam_trx_begin_user(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(create_t(g_f.sess, "t"), JET_errSuccess);
    assert_int_equal(isam_trx_rollback(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(open_err(g_f.sess, "t"), JET_errObjectNotFound);
    assert_int_equal(open_err(g_s1, "t"), JET_errObjectNotFound);
    assert_false(lists(g_s1, "t"));
}

static void test_isam_ddl_table_deleted_in_a_transaction_is_locked_for_another_session(void **state)
{
    (void)state;
    assert_int_equal(create_t(g_f.sess, "t"), JET_errSuccess);
    assert_int_equal(isam_trx_begin_user(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(isam_ddl_delete_table(g_f.sess, g_f.dbid, "t"), JET_errSuccess);
    /* the deleter no longer finds it; the others still see it, deleted under them */
    assert_int_equal(open_err(g_f.sess, "t"), JET_errObjectNotFound);
    assert_int_equal(open_err(g_s1, "t"), JET_errTableLocked);
    assert_int_equal(isam_ddl_delete_table(g_s1, g_f.dbid, "t"), JET_errTableLocked);
    assert_true(lists(g_s1, "t"));
    assert_false(lists(g_f.sess, "t"));
    assert_int_equal(isam_trx_rollback(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(open_err(g_s1, "t"), JET_errSuccess);
    assert_int_equal(open_err(g_f.sess, "t"), JET_errSuccess);
}

static void test_isam_ddl_table_deleted_and_committed_is_gone_for_a_session_outside_a_transaction(void **state)
{
    (void)state;
    assert_int_equal(create_t(g_f.sess, "t"), JET_errSuccess);
    assert_int_equal(isam_trx_begin_user(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(isam_ddl_delete_table(g_f.sess, g_f.dbid, "t"), JET_errSuccess);
    assert_int_equal(isam_trx_commit(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(open_err(g_s1, "t"), JET_errObjectNotFound);
    assert_false(lists(g_s1, "t"));
}

static void test_isam_ddl_table_created_after_a_transaction_began_is_not_in_its_snapshot(void **state)
{
    (void)state;
    assert_int_equal(isam_trx_begin_user(g_s1, 0), JET_errSuccess);
    assert_int_equal(create_t(g_f.sess, "t"), JET_errSuccess);         /* committed at once */
    assert_int_equal(open_err(g_f.sess, "t"), JET_errSuccess);
    assert_int_equal(open_err(g_s1, "t"), JET_errObjectNotFound);
    assert_int_equal(isam_trx_commit(g_s1, 0), JET_errSuccess);
    assert_int_equal(open_err(g_s1, "t"), JET_errSuccess);
}

/* ---- columns and indexes ---- */

/* Table t (column a) open in both sessions. */
static void open_both(struct isam_table **pt0, struct isam_table **pt1)
{
    assert_int_equal(create_t(g_f.sess, "t"), JET_errSuccess);
    assert_int_equal(isam_table_open(g_f.sess, g_f.dbid, "t", 0, pt0), JET_errSuccess);
    assert_int_equal(isam_table_open(g_s1, g_f.dbid, "t", 0, pt1), JET_errSuccess);
}

static struct isam_ddl_table ddl_of(const struct isam_table *t)
{
    struct isam_ddl_table d = { t->dbid, t->c->pt->objid, false, false };
    return d;
}

/* The column szName as table t's session sees it through its cursor (NULL: not there). */
static const struct rec_cat_column *column_seen(struct isam_table *t, const char *szName)
{
    bool fTemplate;
    assert_int_equal(cur_sync(t->c), JET_errSuccess);
    return catalog_table_column_inherited(cur_def(t->c), szName, &fTemplate);
}

static bool index_seen(struct isam_table *t, const char *szName)
{
    assert_int_equal(cur_sync(t->c), JET_errSuccess);
    return catalog_table_index(cur_def(t->c), szName) != NULL;
}

/* Whether the definition every session's updates maintain has index szName. */
static bool updates_maintain(struct isam_table *t, const char *szName)
{
    struct cur_tdef *td = cur_tdef_get_write(t->c->pt);
    const bool f = catalog_table_index(td->pt, szName) != NULL;
    cur_tdef_release(td);
    return f;
}

static JET_ERR add_b(struct isam_table *t, JET_COLUMNID *pcolid)
{
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    const struct isam_ddl_table d = ddl_of(t);
    return isam_ddl_add_column(t->sess, &d, "b", &cd, NULL, 0, pcolid);
}

static JET_ERR create_ia(struct isam_table *t)
{
    struct keybuf k;
    keybuf_set(&k, "+a");
    JET_INDEXCREATE3_A ic = idxc("ia", &k, 0);
    const struct isam_ddl_table d = ddl_of(t);
    return isam_ddl_create_indexes(t->sess, &d, &ic, 1);
}

static void test_isam_ddl_column_added_in_a_transaction_is_not_seen_by_another_session(void **state)
{
    (void)state;
    struct isam_table *t0, *t1, *t1b;
    JET_COLUMNID colid;
    open_both(&t0, &t1);
    assert_int_equal(isam_trx_begin_user(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(add_b(t0, &colid), JET_errSuccess);
    assert_non_null(column_seen(t0, "b"));
    assert_null(column_seen(t1, "b"));
    assert_non_null(column_seen(t1, "a"));
    /* a cursor the other session opens now does not see it either */
    assert_int_equal(isam_table_open(g_s1, g_f.dbid, "t", 0, &t1b), JET_errSuccess);
    assert_null(column_seen(t1b, "b"));
    assert_int_equal(isam_trx_commit(g_f.sess, 0), JET_errSuccess);
    assert_non_null(column_seen(t1, "b"));
    assert_non_null(column_seen(t1b, "b"));
    assert_int_equal(column_seen(t1, "b")->fid, colid);
}

static void test_isam_ddl_column_added_and_rolled_back_is_seen_by_nobody(void **state)
{
    (void)state;
    struct isam_table *t0, *t1;
    JET_COLUMNID colid;
    open_both(&t0, &t1);
    assert_int_equal(isam_trx_begin_user(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin_user(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(add_b(t0, &colid), JET_errSuccess);
    assert_int_equal(isam_trx_commit(g_f.sess, 0), JET_errSuccess);     /* into level 1: not committed */
    assert_null(column_seen(t1, "b"));
    assert_non_null(column_seen(t0, "b"));
    assert_int_equal(isam_trx_rollback(g_f.sess, 0), JET_errSuccess);
    assert_null(column_seen(t0, "b"));
    assert_null(column_seen(t1, "b"));
}

static void test_isam_ddl_column_deleted_in_a_transaction_is_still_seen_by_another_session(void **state)
{
    (void)state;
    struct isam_table *t0, *t1;
    JET_COLUMNID colid;
    open_both(&t0, &t1);
    assert_int_equal(add_b(t0, &colid), JET_errSuccess);       /* committed at once */
    assert_int_equal(isam_trx_begin_user(g_f.sess, 0), JET_errSuccess);
    const struct isam_ddl_table d = ddl_of(t0);
    assert_int_equal(isam_ddl_delete_column(g_f.sess, &d, "b", 0), JET_errSuccess);
    assert_null(column_seen(t0, "b"));
    assert_non_null(column_seen(t1, "b"));
    assert_int_equal(column_seen(t1, "b")->coltyp, JET_coltypLong);
    /* and its updates can still set it */
    bool fTemplate;
    struct cur_tdef *td = cur_tdef_get_write(t1->c->pt);
    const struct rec_cat_column *pc = catalog_table_column_by_id(td->pt, colid, &fTemplate);
    assert_non_null(pc);
    assert_int_equal(pc->coltyp, JET_coltypLong);
    cur_tdef_release(td);
    assert_int_equal(isam_trx_commit(g_f.sess, 0), JET_errSuccess);
    assert_null(column_seen(t1, "b"));
}

static void test_isam_ddl_index_created_in_a_transaction_is_not_seen_by_another_session(void **state)
{
    (void)state;
    struct isam_table *t0, *t1;
    open_both(&t0, &t1);
    assert_int_equal(isam_trx_begin_user(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(create_ia(t0), JET_errSuccess);
    assert_true(index_seen(t0, "ia"));
    assert_false(index_seen(t1, "ia"));
    assert_true(updates_maintain(t1, "ia"));
    assert_int_equal(isam_trx_commit(g_f.sess, 0), JET_errSuccess);
    assert_true(index_seen(t1, "ia"));
}

static void test_isam_ddl_index_deleted_in_a_transaction_is_gone_for_every_session_at_once(void **state)
{
    (void)state;
    struct isam_table *t0, *t1;
    open_both(&t0, &t1);
    assert_int_equal(create_ia(t0), JET_errSuccess);
    assert_true(index_seen(t1, "ia"));
    /* not while it is another cursor's current index (ESE's JET_errIndexInUse) */
    const struct isam_ddl_table d0 = ddl_of(t0);
    assert_int_equal(cur_set_index(t1->c, "ia", NULL, 0, 0), JET_errSuccess);
    assert_int_equal(isam_ddl_delete_index(g_f.sess, &d0, "ia"), JET_errIndexInUse);
    assert_int_equal(cur_set_index(t1->c, NULL, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin_user(g_f.sess, 0), JET_errSuccess);
    const struct isam_ddl_table d = ddl_of(t0);
    assert_int_equal(isam_ddl_delete_index(g_f.sess, &d, "ia"), JET_errSuccess);
    assert_false(index_seen(t0, "ia"));
    assert_false(index_seen(t1, "ia"));
    /* every session's updates still maintain it while the deletion may roll back */
    assert_true(updates_maintain(t1, "ia"));
    assert_true(updates_maintain(t0, "ia"));
    assert_int_equal(isam_trx_rollback(g_f.sess, 0), JET_errSuccess);
    assert_true(index_seen(t0, "ia"));
    assert_true(index_seen(t1, "ia"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_isam_ddl_table_created_in_a_transaction_is_not_found_by_another_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_ddl_table_created_and_rolled_back_is_seen_by_nobody, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_ddl_table_deleted_in_a_transaction_is_locked_for_another_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_ddl_table_deleted_and_committed_is_gone_for_a_session_outside_a_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_ddl_table_created_after_a_transaction_began_is_not_in_its_snapshot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_ddl_column_added_in_a_transaction_is_not_seen_by_another_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_ddl_column_added_and_rolled_back_is_seen_by_nobody, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_ddl_column_deleted_in_a_transaction_is_still_seen_by_another_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_ddl_index_created_in_a_transaction_is_not_seen_by_another_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_ddl_index_deleted_in_a_transaction_is_gone_for_every_session_at_once, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
