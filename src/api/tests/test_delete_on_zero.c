/* SPDX-License-Identifier: MIT
 * api/tests/test_delete_on_zero.c: JET_bitColumnDeleteOnZero through the exports over an
 * in-memory file system, as ESE's version cleanup does it (FINALIZETASK): the record whose count
 * a committed escrow update brought to zero is deleted once no transaction can see the count
 * before it. Until then a transaction that began before the commit sees the record with its old
 * count, and a reader after the commit sees it at zero; a count raised again before the cleanup
 * keeps the record. */
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
    JET_COLUMNID colId, colRefs;
};

static const char szDb[] = "/doz.edb";

static int fx_setup(void **state)
{
    static const int32_t lZero = 0;
    struct fx *f = calloc(1, sizeof *f);
    api_test_instance_create("apidoz", &f->vfs, &f->inst);
    api_test_two_sessions(&f->inst, szDb, f->s, f->db);
    JET_COLUMNCREATE_A rgc[2] = {
        { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"refs", JET_coltypLong, 0,
          JET_bitColumnEscrowUpdate | JET_bitColumnFixed | JET_bitColumnDeleteOnZero, (void *)&lZero, sizeof lZero, 0, 0, 0 },
    };
    JET_INDEXCREATE_A idx = api_test_primary_index();
    JET_TABLECREATE_A tc = { sizeof tc, (char *)"rc", NULL, 1, 100, rgc, 2, &idx, 1, 0, 0, 0 };
    assert_int_equal(JetCreateTableColumnIndexA(f->s[0], f->db[0], &tc), JET_errSuccess);
    f->colId = rgc[0].columnid;
    f->colRefs = rgc[1].columnid;
    for (int32_t id = 1; id <= 3; id++) {
        const int32_t refs = 1;
        assert_int_equal(JetPrepareUpdate(f->s[0], tc.tableid, JET_prepInsert), JET_errSuccess);
        assert_int_equal(JetSetColumn(f->s[0], tc.tableid, f->colId, &id, sizeof id, 0, NULL), JET_errSuccess);
        assert_int_equal(JetSetColumn(f->s[0], tc.tableid, f->colRefs, &refs, sizeof refs, 0, NULL), JET_errSuccess);
        assert_int_equal(JetUpdate(f->s[0], tc.tableid, NULL, 0, NULL), JET_errSuccess);
    }
    assert_int_equal(JetCloseTable(f->s[0], tc.tableid), JET_errSuccess);
    for (int i = 0; i < 2; i++) assert_int_equal(JetOpenTableA(f->s[i], f->db[i], "rc", NULL, 0, 0, &f->t[i]), JET_errSuccess);
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

/* The count of record id as session i sees it, or -1 when the record is not there. */
static int32_t refs_of(struct fx *f, int i, int32_t id)
{
    int32_t refs = -1;
    ESENT_ULONG cb;
    assert_int_equal(JetMakeKey(f->s[i], f->t[i], &id, sizeof id, JET_bitNewKey), JET_errSuccess);
    JET_ERR err = JetSeek(f->s[i], f->t[i], JET_bitSeekEQ);
    if (err == JET_errRecordNotFound) return -1;
    assert_int_equal(err, JET_errSuccess);
    assert_int_equal(JetRetrieveColumn(f->s[i], f->t[i], f->colRefs, &refs, sizeof refs, &cb, 0, NULL), JET_errSuccess);
    return refs;
}

static void escrow(struct fx *f, int32_t id, int32_t delta)
{
    assert_int_equal(JetBeginTransaction(f->s[0]), JET_errSuccess);
    assert_int_equal(refs_of(f, 0, id) >= 0, true);
    assert_int_equal(JetEscrowUpdate(f->s[0], f->t[0], f->colRefs, &delta, sizeof delta, NULL, 0, NULL, 0), JET_errSuccess);
    assert_int_equal(JetCommitTransaction(f->s[0], 0), JET_errSuccess);
}

static void idle(struct fx *f)
{
    const JET_ERR err = JetIdle(f->s[0], 0);
    assert_true(err == JET_errSuccess || err == JET_wrnNoIdleActivity);
}

static void test_delete_on_zero_waits_for_a_reader_that_began_before_the_commit(void **state)
{
    struct fx *f = *state;
    assert_int_equal(JetBeginTransaction(f->s[1]), JET_errSuccess);
    assert_int_equal(refs_of(f, 1, 1), 1);
    escrow(f, 1, -1);
    idle(f);
    /* the old reader: the record with the count it began with; a new reader: at zero */
    assert_int_equal(refs_of(f, 1, 1), 1);
    assert_int_equal(refs_of(f, 0, 1), 0);
    assert_int_equal(JetCommitTransaction(f->s[1], 0), JET_errSuccess);
    idle(f);
    assert_int_equal(refs_of(f, 0, 1), -1);
    assert_int_equal(refs_of(f, 1, 1), -1);
    assert_int_equal(refs_of(f, 0, 2), 1);
}

static void test_delete_on_zero_keeps_a_record_counted_up_again_before_cleanup(void **state)
{
    struct fx *f = *state;
    assert_int_equal(JetBeginTransaction(f->s[1]), JET_errSuccess);
    assert_int_equal(refs_of(f, 1, 2), 1);
    escrow(f, 2, -1);
    escrow(f, 2, +3);
    assert_int_equal(JetCommitTransaction(f->s[1], 0), JET_errSuccess);
    idle(f);
    assert_int_equal(refs_of(f, 0, 2), 3);
    /* and without any older transaction the record goes at the next cleanup */
    escrow(f, 3, -1);
    idle(f);
    assert_int_equal(refs_of(f, 0, 3), -1);
    assert_int_equal(refs_of(f, 1, 3), -1);
}

/* The cleanup a detach runs finalizes too (the database is still there then). */
static void test_delete_on_zero_is_finalized_by_a_detach(void **state)
{
    struct fx *f = *state;
    assert_int_equal(JetBeginTransaction(f->s[1]), JET_errSuccess);
    assert_int_equal(refs_of(f, 1, 1), 1);
    escrow(f, 1, -1);
    assert_int_equal(JetCommitTransaction(f->s[1], 0), JET_errSuccess);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(JetCloseTable(f->s[i], f->t[i]), JET_errSuccess);
        assert_int_equal(JetCloseDatabase(f->s[i], f->db[i], 0), JET_errSuccess);
    }
    assert_int_equal(JetDetachDatabaseA(f->s[0], szDb), JET_errSuccess);
    assert_int_equal(JetAttachDatabaseA(f->s[0], szDb, 0), JET_errSuccess);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(JetOpenDatabaseA(f->s[i], szDb, NULL, &f->db[i], 0), JET_errSuccess);
        assert_int_equal(JetOpenTableA(f->s[i], f->db[i], "rc", NULL, 0, 0, &f->t[i]), JET_errSuccess);
    }
    assert_int_equal(refs_of(f, 0, 1), -1);
    assert_int_equal(refs_of(f, 0, 2), 1);
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_delete_on_zero_waits_for_a_reader_that_began_before_the_commit, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_delete_on_zero_keeps_a_record_counted_up_again_before_cleanup, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_delete_on_zero_is_finalized_by_a_detach, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
