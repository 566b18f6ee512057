/* SPDX-License-Identifier: MIT
 * api/tests/test_isolation.c: the transaction rules that live in the api layer, through the
 * exports over an in-memory file system (wine-tests/isolation.c checks them all under Wine):
 * JET_prepReplace's write lock, JetRollback cancelling the updates prepared at the levels it
 * undoes, an update at the seventh level, a transaction owned by the thread that began it,
 * JET_errWriteConflictPrimaryIndex, and JetCommitTransaction2's cmsecDurableCommit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "api_test_util.h"

struct fx {
    struct os_vfs *vfs;
    JET_INSTANCE inst;
    JET_SESID s[2];
    JET_DBID db[2];
    JET_TABLEID t[2];
    JET_COLUMNID colId, colVal;
};

static const char szDb[] = "/iso.edb";

static int fx_setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    api_test_instance_create("apiiso", &f->vfs, &f->inst);
    api_test_two_sessions(&f->inst, szDb, f->s, f->db);
    JET_COLUMNCREATE_A rgc[2] = {
        { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"val", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
    };
    JET_INDEXCREATE_A idx = api_test_primary_index();
    JET_TABLECREATE_A tc = { sizeof tc, (char *)"t", NULL, 1, 100, rgc, 2, &idx, 1, 0, 0, 0 };
    assert_int_equal(JetCreateTableColumnIndexA(f->s[0], f->db[0], &tc), JET_errSuccess);
    f->colId = rgc[0].columnid;
    f->colVal = rgc[1].columnid;
    for (int32_t id = 1; id <= 2; id++) {
        assert_int_equal(JetPrepareUpdate(f->s[0], tc.tableid, JET_prepInsert), JET_errSuccess);
        assert_int_equal(JetSetColumn(f->s[0], tc.tableid, f->colId, &id, sizeof id, 0, NULL), JET_errSuccess);
        assert_int_equal(JetSetColumn(f->s[0], tc.tableid, f->colVal, &id, sizeof id, 0, NULL), JET_errSuccess);
        assert_int_equal(JetUpdate(f->s[0], tc.tableid, NULL, 0, NULL), JET_errSuccess);
    }
    assert_int_equal(JetCloseTable(f->s[0], tc.tableid), JET_errSuccess);
    for (int i = 0; i < 2; i++) assert_int_equal(JetOpenTableA(f->s[i], f->db[i], "t", NULL, 0, 0, &f->t[i]), JET_errSuccess);
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *f = *state;
    api_test_two_sessions_end(f->inst, f->vfs, f->s, f->db, f->t);
    free(f);
    return 0;
}

static JET_ERR seek(struct fx *f, int i, int32_t id)
{
    JET_ERR err = JetMakeKey(f->s[i], f->t[i], &id, sizeof id, JET_bitNewKey);
    return err < 0 ? err : JetSeek(f->s[i], f->t[i], JET_bitSeekEQ);
}

static int32_t val_of(struct fx *f, int i, int32_t id)
{
    int32_t v = -1;
    ESENT_ULONG cb;
    if (seek(f, i, id) < 0) return -1;
    assert_int_equal(JetRetrieveColumn(f->s[i], f->t[i], f->colVal, &v, sizeof v, &cb, 0, NULL), JET_errSuccess);
    return v;
}

static JET_ERR insert(struct fx *f, int i, int32_t id)
{
    JET_ERR err = JetPrepareUpdate(f->s[i], f->t[i], JET_prepInsert);
    if (err >= 0) err = JetSetColumn(f->s[i], f->t[i], f->colId, &id, sizeof id, 0, NULL);
    if (err >= 0) err = JetUpdate(f->s[i], f->t[i], NULL, 0, NULL);
    if (err < 0) (void)JetPrepareUpdate(f->s[i], f->t[i], JET_prepCancel);
    return err;
}

static void test_api_prepare_replace_write_locks_the_record_in_a_transaction(void **state)
{
    struct fx *f = *state;
    int32_t v = 9;
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(seek(f, 0, 1), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[0], f->t[0], JET_prepReplace), JET_errSuccess);
    /* the lock is taken at the prepare: the other session's prepare conflicts before any update */
    assert_int_equal(JetBeginTransaction(f->s[1]), JET_errSuccess);
    assert_int_equal(seek(f, 1, 1), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[1], f->t[1], JET_prepReplace), JET_errWriteConflict);
    assert_int_equal(JetPrepareUpdate(f->s[1], f->t[1], JET_prepReplaceNoLock), JET_errSuccess);
    assert_int_equal(JetSetColumn(f->s[1], f->t[1], f->colVal, &v, sizeof v, 0, NULL), JET_errSuccess);
    assert_int_equal(JetUpdate(f->s[1], f->t[1], NULL, 0, NULL), JET_errWriteConflict);
    assert_int_equal(JetPrepareUpdate(f->s[1], f->t[1], JET_prepCancel), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[1], 0), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[0], f->t[0], JET_prepCancel), JET_errSuccess);
    assert_int_equal(JetCommitTransaction(f->s[0], 0), JET_errSuccess);
    /* at level 0 it takes no lock */
    assert_int_equal(seek(f, 0, 1), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[0], f->t[0], JET_prepReplace), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[1]), JET_errSuccess);
    assert_int_equal(seek(f, 1, 1), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[1], f->t[1], JET_prepReplace), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[1], f->t[1], JET_prepCancel), JET_errSuccess);
    assert_int_equal(JetCommitTransaction(f->s[1], 0), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[0], f->t[0], JET_prepCancel), JET_errSuccess);
}

static void test_api_rollback_cancels_the_updates_prepared_at_its_levels(void **state)
{
    struct fx *f = *state;
    int32_t v = 5, id = 50;
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(seek(f, 0, 2), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[0], f->t[0], JET_prepReplace), JET_errSuccess);
    assert_int_equal(JetSetColumn(f->s[0], f->t[0], f->colVal, &v, sizeof v, 0, NULL), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(JetUpdate(f->s[0], f->t[0], NULL, 0, NULL), JET_errUpdateNotPrepared);
    assert_int_equal(val_of(f, 0, 2), 2);
    /* one prepared at an outer level outlives an inner rollback, not JET_bitRollbackAll */
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[0], f->t[0], JET_prepInsert), JET_errSuccess);
    assert_int_equal(JetSetColumn(f->s[0], f->t[0], f->colId, &id, sizeof id, 0, NULL), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(JetSetColumn(f->s[0], f->t[0], f->colVal, &v, sizeof v, 0, NULL), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[0], JET_bitRollbackAll), JET_errSuccess);
    assert_int_equal(JetUpdate(f->s[0], f->t[0], NULL, 0, NULL), JET_errUpdateNotPrepared);
    /* one prepared outside any transaction is left alone */
    assert_int_equal(JetPrepareUpdate(f->s[0], f->t[0], JET_prepInsert), JET_errSuccess);
    assert_int_equal(JetSetColumn(f->s[0], f->t[0], f->colId, &id, sizeof id, 0, NULL), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(JetSetColumn(f->s[0], f->t[0], f->colVal, &v, sizeof v, 0, NULL), JET_errSuccess);
    assert_int_equal(JetUpdate(f->s[0], f->t[0], NULL, 0, NULL), JET_errSuccess);
    assert_int_equal(val_of(f, 1, 50), 5);
}

static void test_api_an_update_works_at_the_seventh_level(void **state)
{
    struct fx *f = *state;
    for (int i = 0; i < 7; i++) assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errTransTooDeep);
    assert_int_equal(insert(f, 0, 70), JET_errSuccess);
    assert_int_equal(seek(f, 0, 70), JET_errSuccess);
    assert_int_equal(JetDelete(f->s[0], f->t[0]), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[0], JET_bitRollbackAll), JET_errSuccess);
}

struct other {
    JET_SESID sesid;
    JET_ERR errBegin, errCommit, errRollback;
};

static void other_fn(void *pv)
{
    struct other *o = pv;
    o->errBegin = JetBeginTransaction(o->sesid);
    o->errCommit = JetCommitTransaction(o->sesid, 0);
    o->errRollback = JetRollback(o->sesid, 0);
}

static void test_api_a_transaction_belongs_to_the_thread_that_began_it(void **state)
{
    struct fx *f = *state;
    struct other o = { f->s[0], 1, 1, 1 };
    struct os_thread *th;
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(os_thread_create(&th, other_fn, &o), JET_errSuccess);
    os_thread_join(th);
    assert_int_equal(o.errBegin, JET_errSessionSharingViolation);
    assert_int_equal(o.errCommit, JET_errSessionSharingViolation);
    assert_int_equal(o.errRollback, JET_errSessionSharingViolation);
    assert_int_equal(JetCommitTransaction(f->s[0], 0), JET_errSuccess);
    assert_int_equal(os_thread_create(&th, other_fn, &o), JET_errSuccess);
    os_thread_join(th);
    assert_int_equal(o.errBegin, JET_errSuccess);
    assert_int_equal(o.errCommit, JET_errSuccess);
    assert_int_equal(o.errRollback, JET_errNotInTransaction);
}

static void test_api_insert_beside_an_uncommitted_primary_index_is_a_conflict(void **state)
{
    struct fx *f = *state;
    JET_TABLEID t[2];
    JET_COLUMNDEF cd;
    JET_COLUMNID colK;
    char szKey[] = "+k\0";
    int32_t k = 1;
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    assert_int_equal(JetCreateTableA(f->s[0], f->db[0], "seq", 1, 100, &t[0]), JET_errSuccess);
    assert_int_equal(JetAddColumnA(f->s[0], t[0], "k", &cd, NULL, 0, &colK), JET_errSuccess);
    assert_int_equal(JetCloseTable(f->s[0], t[0]), JET_errSuccess);
    for (int i = 0; i < 2; i++) assert_int_equal(JetOpenTableA(f->s[i], f->db[i], "seq", NULL, 0, 0, &t[i]), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetCreateIndexA(f->s[0], t[0], "pk", JET_bitIndexPrimary, szKey, sizeof szKey, 100), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[1], t[1], JET_prepInsert), JET_errSuccess);
    assert_int_equal(JetSetColumn(f->s[1], t[1], colK, &k, sizeof k, 0, NULL), JET_errSuccess);
    assert_int_equal(JetUpdate(f->s[1], t[1], NULL, 0, NULL), JET_errWriteConflictPrimaryIndex);
    assert_int_equal(JetPrepareUpdate(f->s[1], t[1], JET_prepCancel), JET_errSuccess);
    assert_int_equal(JetCommitTransaction(f->s[0], 0), JET_errSuccess);
    for (int i = 0; i < 2; i++) assert_int_equal(JetCloseTable(f->s[i], t[i]), JET_errSuccess);
}

/* What session 1 knows of table "seq" (opened before, so its definition is cached). */
static void expect_seq_as_created(struct fx *f, JET_TABLEID t1, JET_COLUMNID colK)
{
    JET_COLUMNDEF cd;
    JET_INDEXLIST il;
    int32_t k = 7;
    assert_int_equal(JetGetTableColumnInfoA(f->s[1], t1, "extra", &cd, sizeof cd, JET_ColInfo), JET_errColumnNotFound);
    assert_int_equal(JetSetCurrentIndexA(f->s[1], t1, "pk"), JET_errIndexNotFound);
    memset(&il, 0, sizeof il);
    assert_int_equal(JetGetTableIndexInfoA(f->s[1], t1, NULL, &il, sizeof il, JET_IdxInfoList), JET_errSuccess);
    assert_int_equal(il.cRecord, 0);
    assert_int_equal(JetCloseTable(f->s[1], il.tableid), JET_errSuccess);
    /* and writes to it as to the table it was */
    assert_int_equal(JetBeginTransaction(f->s[1]), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s[1], t1, JET_prepInsert), JET_errSuccess);
    assert_int_equal(JetSetColumn(f->s[1], t1, colK, &k, sizeof k, 0, NULL), JET_errSuccess);
    assert_int_equal(JetUpdate(f->s[1], t1, NULL, 0, NULL), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[1], 0), JET_errSuccess);
}

static void test_api_other_sessions_see_a_table_as_it_was_after_its_ddl_is_rolled_back(void **state)
{
    struct fx *f = *state;
    JET_TABLEID t[2], tNew;
    JET_COLUMNDEF cd;
    JET_COLUMNID colK, colExtra;
    char szKey[] = "+k\0";
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    assert_int_equal(JetCreateTableA(f->s[0], f->db[0], "seq", 1, 100, &t[0]), JET_errSuccess);
    assert_int_equal(JetAddColumnA(f->s[0], t[0], "k", &cd, NULL, 0, &colK), JET_errSuccess);
    assert_int_equal(JetCloseTable(f->s[0], t[0]), JET_errSuccess);
    for (int i = 0; i < 2; i++) assert_int_equal(JetOpenTableA(f->s[i], f->db[i], "seq", NULL, 0, 0, &t[i]), JET_errSuccess);
    expect_seq_as_created(f, t[1], colK);
    /* session 0 creates a primary index and a column, and rolls both back */
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetCreateIndexA(f->s[0], t[0], "pk", JET_bitIndexPrimary, szKey, sizeof szKey, 100), JET_errSuccess);
    assert_int_equal(JetAddColumnA(f->s[0], t[0], "extra", &cd, NULL, 0, &colExtra), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[0], 0), JET_errSuccess);
    expect_seq_as_created(f, t[1], colK);
    /* a cursor opened now, and session 0's own cursor, see it so too */
    assert_int_equal(JetOpenTableA(f->s[1], f->db[1], "seq", NULL, 0, 0, &tNew), JET_errSuccess);
    expect_seq_as_created(f, tNew, colK);
    assert_int_equal(JetCloseTable(f->s[1], tNew), JET_errSuccess);
    assert_int_equal(JetSetCurrentIndexA(f->s[0], t[0], "pk"), JET_errIndexNotFound);
    assert_int_equal(JetGetTableColumnInfoA(f->s[0], t[0], "extra", &cd, sizeof cd, JET_ColInfo), JET_errColumnNotFound);
    /* the same again, committed at an inner level and rolled back at the outer one */
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetCreateIndexA(f->s[0], t[0], "pk", JET_bitIndexPrimary, szKey, sizeof szKey, 100), JET_errSuccess);
    assert_int_equal(JetAddColumnA(f->s[0], t[0], "extra", &cd, NULL, 0, &colExtra), JET_errSuccess);
    assert_int_equal(JetCommitTransaction(f->s[0], 0), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[0], 0), JET_errSuccess);
    expect_seq_as_created(f, t[1], colK);
    for (int i = 0; i < 2; i++) assert_int_equal(JetCloseTable(f->s[i], t[i]), JET_errSuccess);
    /* a table created and opened in a transaction rolled back is gone for everyone */
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetCreateTableA(f->s[0], f->db[0], "gone", 1, 100, &tNew), JET_errSuccess);
    assert_int_equal(JetAddColumnA(f->s[0], tNew, "k", &cd, NULL, 0, &colK), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[0], 0), JET_errSuccess);
    for (int i = 0; i < 2; i++)
        assert_int_equal(JetOpenTableA(f->s[i], f->db[i], "gone", NULL, 0, 0, &tNew), JET_errObjectNotFound);
}

static void test_api_commit2_takes_a_time_only_for_a_lazy_commit(void **state)
{
    struct fx *f = *state;
    JET_COMMIT_ID id;
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(insert(f, 0, 80), JET_errSuccess);
    assert_int_equal(JetCommitTransaction2(f->s[0], 0, 50, &id), JET_errInvalidParameter);
    assert_int_equal(JetCommitTransaction2(f->s[0], JET_bitCommitLazyFlush, 50, &id), JET_errSuccess);
    assert_true(id.commitId != 0);
    assert_int_equal(JetCommitTransaction2(f->s[0], JET_bitCommitLazyFlush, 50, &id), JET_errNotInTransaction);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_api_prepare_replace_write_locks_the_record_in_a_transaction, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_api_rollback_cancels_the_updates_prepared_at_its_levels, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_api_an_update_works_at_the_seventh_level, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_api_a_transaction_belongs_to_the_thread_that_began_it, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_api_insert_beside_an_uncommitted_primary_index_is_a_conflict, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_api_commit2_takes_a_time_only_for_a_lazy_commit, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_api_other_sessions_see_a_table_as_it_was_after_its_ddl_is_rolled_back, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
