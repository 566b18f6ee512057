/* SPDX-License-Identifier: MIT
 * api/tests/test_ddl_space.c: the space of a table or index deleted inside a transaction, through
 * the exports over an in-memory file system (ESE's version cleanup of operDeleteTable /
 * operDeleteIndex): it stays with the deleted tree while the deletion is uncommitted (a
 * rollback keeps the object whole) and while a transaction that began before the commit is
 * still active, and goes back to the database's free space once the cleanup runs after that
 * (JetIdle here), where new tables reuse it. */
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
};

static const char szDb[] = "/space.edb";
enum { CROWS = 3000 };

static int fx_setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    api_test_instance_create("apispace", &f->vfs, &f->inst);
    api_test_two_sessions(&f->inst, szDb, f->s, f->db);
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *f = *state;
    api_test_two_sessions_end(f->inst, f->vfs, f->s, f->db, NULL);
    free(f);
    return 0;
}

/* A table of CROWS records of ~100 bytes with a secondary index over its text. */
static void make_table(struct fx *f, const char *szTable)
{
    char szKey[] = "+id\0", szKeyV[] = "+v\0";
    JET_COLUMNCREATE_A rgc[2] = {
        { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"v", JET_coltypText, 200, 0, NULL, 0, 1252, 0, 0 },
    };
    JET_INDEXCREATE_A rgidx[2];
    memset(rgidx, 0, sizeof rgidx);
    rgidx[0].cbStruct = rgidx[1].cbStruct = sizeof rgidx[0];
    rgidx[0].szIndexName = (char *)"primary";
    rgidx[0].szKey = szKey;
    rgidx[0].cbKey = sizeof szKey;
    rgidx[0].grbit = JET_bitIndexPrimary;
    rgidx[0].ulDensity = 100;
    rgidx[1].szIndexName = (char *)"byv";
    rgidx[1].szKey = szKeyV;
    rgidx[1].cbKey = sizeof szKeyV;
    rgidx[1].ulDensity = 100;
    JET_TABLECREATE_A tc = { sizeof tc, (char *)szTable, NULL, 1, 100, rgc, 2, rgidx, 2, 0, 0, 0 };
    assert_int_equal(JetCreateTableColumnIndexA(f->s[0], f->db[0], &tc), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    for (int32_t id = 1; id <= CROWS; id++) {
        char sz[100];
        snprintf(sz, sizeof sz, "%08d-%s", (int)(id * 7919 % CROWS), "the quick brown fox jumps over the lazy dog, twice over");
        assert_int_equal(JetPrepareUpdate(f->s[0], tc.tableid, JET_prepInsert), JET_errSuccess);
        assert_int_equal(JetSetColumn(f->s[0], tc.tableid, rgc[0].columnid, &id, sizeof id, 0, NULL), JET_errSuccess);
        assert_int_equal(JetSetColumn(f->s[0], tc.tableid, rgc[1].columnid, sz, (ESENT_ULONG)strlen(sz), 0, NULL),
                         JET_errSuccess);
        assert_int_equal(JetUpdate(f->s[0], tc.tableid, NULL, 0, NULL), JET_errSuccess);
        if (id % 500 == 0) {
            assert_int_equal(JetCommitTransaction(f->s[0], JET_bitCommitLazyFlush), JET_errSuccess);
            assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
        }
    }
    assert_int_equal(JetCommitTransaction(f->s[0], 0), JET_errSuccess);
    assert_int_equal(JetCloseTable(f->s[0], tc.tableid), JET_errSuccess);
}

/* A cleanup pass (JET_wrnNoIdleActivity when it had nothing to do). */
static void idle(struct fx *f)
{
    const JET_ERR err = JetIdle(f->s[0], 0);
    assert_true(err == JET_errSuccess || err == JET_wrnNoIdleActivity);
}

static ESENT_ULONG space(struct fx *f, ESENT_ULONG level)
{
    ESENT_ULONG cpg = 0;
    assert_int_equal(JetGetDatabaseInfoA(f->s[0], f->db[0], &cpg, sizeof cpg, level), JET_errSuccess);
    return cpg;
}

static ESENT_ULONG count_rows(struct fx *f, const char *szTable, const char *szIndex)
{
    JET_TABLEID t;
    ESENT_ULONG c = 0;
    assert_int_equal(JetOpenTableA(f->s[0], f->db[0], szTable, NULL, 0, 0, &t), JET_errSuccess);
    if (szIndex) assert_int_equal(JetSetCurrentIndexA(f->s[0], t, szIndex), JET_errSuccess);
    for (JET_ERR err = JetMove(f->s[0], t, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(f->s[0], t, JET_MoveNext, 0))
        c++;
    assert_int_equal(JetCloseTable(f->s[0], t), JET_errSuccess);
    return c;
}

static void test_ddl_delete_table_in_transaction_frees_its_space_after_commit(void **state)
{
    struct fx *f = *state;
    make_table(f, "big");
    idle(f);
    const ESENT_ULONG cpgAvail0 = space(f, JET_DbInfoSpaceAvailable);
    const ESENT_ULONG cpgOwned0 = space(f, JET_DbInfoSpaceOwned);

    /* rolled back: the table whole, no space moved */
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetDeleteTableA(f->s[0], f->db[0], "big"), JET_errSuccess);
    idle(f);
    assert_int_equal(space(f, JET_DbInfoSpaceAvailable), cpgAvail0);
    assert_int_equal(JetRollback(f->s[0], 0), JET_errSuccess);
    idle(f);
    assert_int_equal(space(f, JET_DbInfoSpaceAvailable), cpgAvail0);
    assert_int_equal(count_rows(f, "big", NULL), CROWS);
    assert_int_equal(count_rows(f, "big", "byv"), CROWS);

    /* committed while a transaction that began before is active: the space waits for it */
    assert_int_equal(JetBeginTransaction(f->s[1]), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetDeleteTableA(f->s[0], f->db[0], "big"), JET_errSuccess);
    assert_int_equal(JetCommitTransaction(f->s[0], 0), JET_errSuccess);
    idle(f);
    assert_int_equal(space(f, JET_DbInfoSpaceAvailable), cpgAvail0);
    assert_int_equal(JetCommitTransaction(f->s[1], 0), JET_errSuccess);
    idle(f);
    const ESENT_ULONG cpgAvail1 = space(f, JET_DbInfoSpaceAvailable);
    assert_true(cpgAvail1 > cpgAvail0 + 40);
    assert_int_equal(space(f, JET_DbInfoSpaceOwned), cpgOwned0);

    /* reused: the same table again fits in the freed space, the file does not grow */
    make_table(f, "again");
    assert_int_equal(space(f, JET_DbInfoSpaceOwned), cpgOwned0);
    assert_int_equal(count_rows(f, "again", "byv"), CROWS);
}

static void test_ddl_delete_index_in_transaction_frees_its_space_after_commit(void **state)
{
    struct fx *f = *state;
    make_table(f, "big");
    idle(f);
    const ESENT_ULONG cpgAvail0 = space(f, JET_DbInfoSpaceAvailable);
    JET_TABLEID t;
    assert_int_equal(JetOpenTableA(f->s[0], f->db[0], "big", NULL, 0, 0, &t), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetDeleteIndexA(f->s[0], t, "byv"), JET_errSuccess);
    assert_int_equal(JetRollback(f->s[0], 0), JET_errSuccess);
    assert_int_equal(JetCloseTable(f->s[0], t), JET_errSuccess);
    idle(f);
    assert_int_equal(space(f, JET_DbInfoSpaceAvailable), cpgAvail0);
    assert_int_equal(count_rows(f, "big", "byv"), CROWS);

    assert_int_equal(JetOpenTableA(f->s[0], f->db[0], "big", NULL, 0, 0, &t), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(JetDeleteIndexA(f->s[0], t, "byv"), JET_errSuccess);
    assert_int_equal(JetCommitTransaction(f->s[0], 0), JET_errSuccess);
    assert_int_equal(JetCloseTable(f->s[0], t), JET_errSuccess);
    idle(f);
    /* the index's pages go back to the table (its FDP owned them): the database's own free
     * space does not change, the table's does */
    assert_int_equal(count_rows(f, "big", NULL), CROWS);
    JET_TABLEID t2;
    ESENT_ULONG cpgTableAvail = 0;
    assert_int_equal(JetOpenTableA(f->s[0], f->db[0], "big", NULL, 0, 0, &t2), JET_errSuccess);
    assert_int_equal(JetGetTableInfoA(f->s[0], t2, &cpgTableAvail, sizeof cpgTableAvail, JET_TblInfoSpaceAvailable),
                     JET_errSuccess);
    assert_true(cpgTableAvail > 10);
    assert_int_equal(JetCloseTable(f->s[0], t2), JET_errSuccess);

    /* the table deleted after its index: its free covers the index's too (either order) */
    assert_int_equal(JetDeleteTableA(f->s[0], f->db[0], "big"), JET_errSuccess);
    idle(f);
    assert_true(space(f, JET_DbInfoSpaceAvailable) > cpgAvail0 + 40);
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ddl_delete_table_in_transaction_frees_its_space_after_commit, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_ddl_delete_index_in_transaction_frees_its_space_after_commit, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
