/* SPDX-License-Identifier: MIT
 * tests/integration/test_cursor_write.c: the read half on what the write half makes (isam's DDL
 * and record updates, isam_write.h / isam_wint.h): a new table opened through isam_table, records
 * inserted by the writer read back through a cursor on the primary and a secondary index (seeks
 * included; an empty index counts 0), a column added while a cursor is open seen at the cursor's next call, and tables in
 * use refused to DeleteTable (JET_errTableInUse) until their cursors close. */
#include "test_write_util.h"
#include "isam_table.h"
#include "cursor.h"

enum { COL_ID, COL_NAME, COL_NUM, COL_COUNT };

static JET_ERR insert_row(struct wfx *f, uint32_t objid, const JET_COLUMNID *rgcolid, int32_t id, const char *szName,
        int32_t num)
{
    JET_ERR err;
    struct isam_wtable *pwt;
    struct isam_upd u;
    uint8_t rgb[JET_cbKeyMostMost];
    uint32_t cb;
    memset(&u, 0, sizeof u);
    CALL_R(isam_wtable_open(f->db, objid, &pwt));
    CALL_R(isam_upd_prepare(f->sess, pwt, &u, JET_prepInsert, NULL, 0, NULL, 0));
    CALL(isam_upd_set(f->sess, &u, rgcolid[COL_ID], &id, 4, 0, 1, 0));
    CALL(isam_upd_set(f->sess, &u, rgcolid[COL_NAME], szName, (uint32_t)strlen(szName), 0, 1, 0));
    CALL(isam_upd_set(f->sess, &u, rgcolid[COL_NUM], &num, 4, 0, 1, 0));
    CALL(isam_upd_update(f->sess, &u, rgb, sizeof rgb, &cb, 0));
out:
    isam_upd_free(&u);
    return err;
}

static int32_t get_long(struct cursor *c, JET_COLUMNID columnid)
{
    uint8_t rgb[4];
    struct cur_retrieve r = { .columnid = columnid, .pv = rgb, .cbMax = 4, .itagSequence = 1 };
    assert_int_equal(cur_retrieve_column(c, &r), JET_errSuccess);
    assert_int_equal(r.cbActual, 4);
    return (int32_t)get_le32(rgb);
}

static void test_cursor_reads_what_the_writer_wrote(void **state)
{
    (void)state;
    struct wfx f;
    struct keybuf kPrimary, kNum;
    assert_int_equal(wfx_open(&f, 0), JET_errSuccess);
    isam_tables_hooks_install();
    JET_COLUMNCREATE_A rgcol[COL_COUNT] = {
        colc("Id", JET_coltypLong, 0, 0, 0),
        colc("Name", JET_coltypText, 64, 0, 1252),
        colc("Num", JET_coltypLong, 0, 0, 0),
    };
    keybuf_set(&kPrimary, "+Id");
    keybuf_set(&kNum, "-Num");
    JET_INDEXCREATE3_A rgidx[2] = {
        idxc("Primary", &kPrimary, JET_bitIndexPrimary),
        idxc("ByNum", &kNum, 0),
    };
    JET_TABLECREATE4_A tc = tablec("People", rgcol, COL_COUNT, rgidx, 2);
    uint32_t objid;
    assert_int_equal(isam_ddl_create_table(f.sess, f.dbid, &tc, &objid), JET_errSuccess);
    JET_COLUMNID rgcolid[COL_COUNT];
    for (int i = 0; i < COL_COUNT; i++)
        rgcolid[i] = rgcol[i].columnid;

    /* a cursor opened before the records exist sees them once written */
    struct isam_table *t;
    assert_int_equal(isam_table_open(f.sess, f.dbid, "People", 0, &t), JET_errSuccess);
    uint64_t cEmpty = 99;               /* not yet moved, over an empty index: 0, no error */
    assert_int_equal(cur_count(t->c, 0, &cEmpty), JET_errSuccess);
    assert_int_equal(cEmpty, 0);
    assert_int_equal(cur_move(t->c, (int32_t)JET_MoveFirst, 0), JET_errNoCurrentRecord);
    static const char *rgsz[] = { "ann", "bob", "cyd", "dee", "eve" };
    for (int32_t i = 0; i < 5; i++)
        assert_int_equal(insert_row(&f, objid, rgcolid, 10 - i, rgsz[i], i * 100), JET_errSuccess);
    int32_t idPrev = 0, n = 0;
    JET_ERR err;
    for (err = cur_move(t->c, (int32_t)JET_MoveFirst, 0); err >= 0; err = cur_move(t->c, JET_MoveNext, 0)) {
        const int32_t id = get_long(t->c, rgcolid[COL_ID]);
        assert_true(id > idPrev);                   /* primary key order */
        idPrev = id;
        n++;
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    assert_int_equal(n, 5);

    /* a cursor standing on a record while the writer inserts around it (page splits) keeps its
     * place: the next moves see every record in order */
    assert_int_equal(cur_move(t->c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(cur_move(t->c, 2, 0), JET_errSuccess);
    const int32_t idHere = get_long(t->c, rgcolid[COL_ID]);
    char szName[64];
    for (int32_t i = 0; i < 600; i++) {
        snprintf(szName, sizeof szName, "row %d with some text to fill pages", (int)i);
        assert_int_equal(insert_row(&f, objid, rgcolid, 1000 + i * (i % 2 ? 1 : -1), szName, 1000 + i), JET_errSuccess);
    }
    assert_int_equal(get_long(t->c, rgcolid[COL_ID]), idHere);
    idPrev = idHere;
    n = 0;
    for (err = cur_move(t->c, JET_MoveNext, 0); err >= 0; err = cur_move(t->c, JET_MoveNext, 0)) {
        const int32_t id = get_long(t->c, rgcolid[COL_ID]);
        assert_true(id > idPrev);
        idPrev = id;
        n++;
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    n += 3;                                         /* the three up to idHere */
    assert_int_equal(n, 605);
    uint64_t cAll;
    assert_int_equal(cur_move(t->c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(cur_count(t->c, 0, &cAll), JET_errSuccess);
    assert_int_equal(cAll, 605);

    /* the secondary index, descending on Num, and a seek on it */
    assert_int_equal(cur_set_index(t->c, "ByNum", NULL, JET_bitMoveFirst, 1), JET_errSuccess);
    assert_int_equal(cur_move(t->c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(get_long(t->c, rgcolid[COL_NUM]), 1599);
    int32_t num = 200;
    assert_int_equal(cur_make_key(t->c, &num, 4, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(cur_seek(t->c, JET_bitSeekEQ), JET_errSuccess);
    assert_int_equal(get_long(t->c, rgcolid[COL_ID]), 8);
    char sz[16];
    struct cur_retrieve r = { .columnid = rgcolid[COL_NAME], .pv = sz, .cbMax = sizeof sz, .itagSequence = 1 };
    assert_int_equal(cur_retrieve_column(t->c, &r), JET_errSuccess);
    assert_int_equal(r.cbActual, 3);
    assert_memory_equal(sz, "cyd", 3);

    /* DDL while the cursor is open: a new column is there at its next call */
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnTagged };
    JET_COLUMNID colNew;
    const struct isam_ddl_table dt = { f.dbid, objid, false, false };
    assert_int_equal(isam_ddl_add_column(f.sess, &dt, "Added", &cd, NULL, 0, &colNew), JET_errSuccess);
    assert_non_null(cur_column(t->c, rgcolid[COL_ID]));
    assert_int_equal(cur_sync(t->c), JET_errSuccess);
    assert_non_null(catalog_table_column(cur_def(t->c), "Added"));
    r = (struct cur_retrieve){ .columnid = colNew, .pv = sz, .cbMax = sizeof sz, .itagSequence = 1 };
    assert_int_equal(cur_retrieve_column(t->c, &r), JET_wrnColumnNull);
    assert_int_equal(get_long(t->c, rgcolid[COL_ID]), 8);      /* currency kept */

    /* snapshot isolation: a cursor in a transaction does not see a record another session
     * commits after the transaction began; outside a transaction it does */
    {
        struct isam_session *sess2;
        uint64_t cBefore, cInTrx, cAfter;
        assert_int_equal(isam_session_begin(f.inst, &sess2), JET_errSuccess);
        JET_DBID dbid2;
        assert_int_equal(isam_db_open(sess2, WW("/w.edb"), 0, &dbid2), JET_errSuccess);
        assert_int_equal(cur_set_index(t->c, NULL, NULL, JET_bitMoveFirst, 1), JET_errSuccess);
        assert_int_equal(isam_trx_begin(f.sess, 0), JET_errSuccess);
        isam_table_reader_sync(f.sess);
        assert_int_equal(cur_count(t->c, 0, &cBefore), JET_errSuccess);
        struct wfx f2 = f;
        f2.sess = sess2;
        assert_int_equal(insert_row(&f2, objid, rgcolid, 5000, "late", 5000), JET_errSuccess);
        isam_table_reader_sync(f.sess);
        assert_int_equal(cur_move(t->c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
        assert_int_equal(cur_count(t->c, 0, &cInTrx), JET_errSuccess);
        assert_int_equal(cInTrx, cBefore);
        assert_int_equal(isam_trx_commit(f.sess, 0), JET_errSuccess);
        isam_table_reader_sync(f.sess);
        assert_int_equal(cur_move(t->c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
        assert_int_equal(cur_count(t->c, 0, &cAfter), JET_errSuccess);
        assert_int_equal(cAfter, cBefore + 1);
        assert_int_equal(isam_db_close(sess2, dbid2, 0), JET_errSuccess);
        isam_session_destroy(sess2);
    }

    /* a table in use cannot be deleted */
    assert_int_equal(isam_ddl_delete_table(f.sess, f.dbid, "People"), JET_errTableInUse);
    isam_table_close(t);
    assert_int_equal(isam_ddl_delete_table(f.sess, f.dbid, "People"), JET_errSuccess);
    assert_int_equal(isam_table_open(f.sess, f.dbid, "People", 0, &t), JET_errObjectNotFound);
    wfx_close(&f);
}

/* JetGetRecordSize's counts on a written record: ESE counts multi-values beyond the first. */
static void test_cursor_record_size_counts_values_beyond_the_first(void **state)
{
    (void)state;
    struct wfx f;
    struct keybuf kPrimary;
    assert_int_equal(wfx_open(&f, 0), JET_errSuccess);
    isam_tables_hooks_install();
    JET_COLUMNCREATE_A rgcol[2] = {
        colc("Id", JET_coltypLong, 0, 0, 0),
        colc("Tags", JET_coltypLong, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0),
    };
    keybuf_set(&kPrimary, "+Id");
    JET_INDEXCREATE3_A rgidx[1] = { idxc("Primary", &kPrimary, JET_bitIndexPrimary) };
    JET_TABLECREATE4_A tc = tablec("Tagged", rgcol, 2, rgidx, 1);
    uint32_t objid;
    assert_int_equal(isam_ddl_create_table(f.sess, f.dbid, &tc, &objid), JET_errSuccess);

    struct isam_wtable *pwt;
    struct isam_upd u;
    uint8_t rgb[JET_cbKeyMostMost];
    uint32_t cb;
    const int32_t id = 1, rgtag[3] = { 11, 12, 13 };
    memset(&u, 0, sizeof u);
    assert_int_equal(isam_wtable_open(f.db, objid, &pwt), JET_errSuccess);
    assert_int_equal(isam_upd_prepare(f.sess, pwt, &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
    assert_int_equal(isam_upd_set(f.sess, &u, rgcol[0].columnid, &id, 4, 0, 1, 0), JET_errSuccess);
    for (int i = 0; i < 3; i++)                     /* itagSequence 0: a new value */
        assert_int_equal(isam_upd_set(f.sess, &u, rgcol[1].columnid, &rgtag[i], 4, 0, 0, 0), JET_errSuccess);
    assert_int_equal(isam_upd_update(f.sess, &u, rgb, sizeof rgb, &cb, 0), JET_errSuccess);
    isam_upd_free(&u);

    struct isam_table *t;
    assert_int_equal(isam_table_open(f.sess, f.dbid, "Tagged", 0, &t), JET_errSuccess);
    assert_int_equal(cur_move(t->c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    JET_RECSIZE2 rs;
    memset(&rs, 0, sizeof rs);
    assert_int_equal(cur_record_size(t->c, &rs, 0), JET_errSuccess);
    assert_int_equal(rs.cbData, 4 + 3 * 4);
    assert_int_equal(rs.cNonTaggedColumns, 1);
    assert_int_equal(rs.cTaggedColumns, 1);
    assert_int_equal(rs.cMultiValues, 2);
    isam_table_close(t);
    wfx_close(&f);
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cursor_reads_what_the_writer_wrote),
        cmocka_unit_test(test_cursor_record_size_counts_values_beyond_the_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
