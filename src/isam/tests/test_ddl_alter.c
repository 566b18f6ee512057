/* SPDX-License-Identifier: MIT
 * isam/tests/test_ddl_alter.c: changing tables that exist (add/delete/rename columns, indexes
 * created over existing records and deleted, a primary index given to an empty table, tables
 * deleted and renamed, default values): the catalog read back, the integrity check after each
 * change, and ESE's errors. */
#include "test_write_util.h"
#include "isam_table.h"
#include "cursor.h"

WFX_FIXTURE()

static uint32_t g_objid;
static JET_COLUMNID g_colidName, g_colidNum;

static void make_table(const char *szName, JET_GRBIT grbitTable)
{
    JET_COLUMNCREATE_A rgc[] = {
        colc("Id", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0),
        colc("Name", JET_coltypText, 64, 0, 1252),
        colc("Num", JET_coltypLong, 0, 0, 0),
    };
    struct keybuf k;
    keybuf_set(&k, "+Id");
    JET_INDEXCREATE3_A rgi[] = { idxc("Primary", &k, JET_bitIndexPrimary) };
    JET_TABLECREATE4_A tc = tablec(szName, rgc, ARRAY_SIZE(rgc), rgi, 1);
    tc.grbit = grbitTable;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &g_objid), JET_errSuccess);
    g_colidName = rgc[1].columnid;
    g_colidNum = rgc[2].columnid;
}

static struct isam_ddl_table tab(void)
{
    struct isam_ddl_table t = { g_f.dbid, g_objid, true, false };
    return t;
}

static void insert(const char *szName, int32_t num)
{
    struct isam_wtable *pwt;
    struct isam_upd u;
    assert_int_equal(isam_wtable_open(g_f.db, g_objid, &pwt), JET_errSuccess);
    assert_int_equal(isam_upd_prepare(g_f.sess, pwt, &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_colidName, szName, (uint32_t)strlen(szName), 0, 1, 0), JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_colidNum, &num, 4, 0, 1, 0), JET_errSuccess);
    assert_int_equal(isam_upd_update(g_f.sess, &u, NULL, 0, NULL, 0), JET_errSuccess);
}

static uint32_t count_entries(const char *szTable, const char *szIndex)
{
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, szTable, &pt), JET_errSuccess);
    const struct rec_cat_index *pi = catalog_table_index(pt, szIndex);
    assert_non_null(pi);
    struct bt_tree_desc d = { pi->pgnoFDP, pi->objid, BT_TYPE_INDEX, !(pi->fidb & REC_IDB_UNIQUE), pi->cbKeyMost };
    struct bt_cursor *c;
    assert_int_equal(bt_open(g_f.db->btdb, &d, &c), JET_errSuccess);
    uint32_t n = 0;
    for (JET_ERR err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0))
        n++;
    bt_close(c);
    catalog_table_free(pt);
    return n;
}

static void test_ddl_add_column_gives_next_fids(void **state)
{
    (void)state;
    make_table("t", 0);
    struct isam_ddl_table t = tab();
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    JET_COLUMNID colid = 0;
    assert_int_equal(isam_ddl_add_column(g_f.sess, &t, "Fixed2", &cd, NULL, 0, &colid), JET_errSuccess);
    assert_int_equal(colid, 3);
    cd.coltyp = JET_coltypText;
    cd.cbMax = 300;
    assert_int_equal(isam_ddl_add_column(g_f.sess, &t, "Var2", &cd, NULL, 0, &colid), JET_wrnColumnMaxTruncated);
    assert_int_equal(colid, 129);
    cd.coltyp = JET_coltypLongBinary;
    cd.cbMax = 0;
    assert_int_equal(isam_ddl_add_column(g_f.sess, &t, "Tagged", &cd, NULL, 0, &colid), JET_errSuccess);
    assert_int_equal(colid, 256);
    assert_int_equal(isam_ddl_add_column(g_f.sess, &t, "name", &cd, NULL, 0, &colid), JET_errColumnDuplicate);
    cd.coltyp = JET_coltypLong;
    cd.grbit = JET_bitColumnAutoincrement;
    assert_int_equal(isam_ddl_add_column(g_f.sess, &t, "Auto2", &cd, NULL, 0, &colid), JET_errColumnRedundant);
    cd.grbit = 0;
    cd.coltyp = 99;
    assert_int_equal(isam_ddl_add_column(g_f.sess, &t, "Bad", &cd, NULL, 0, &colid), JET_errInvalidColumnType);
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "t", &pt), JET_errSuccess);
    const struct rec_cat_column *pc = catalog_table_column(pt, "Var2");
    assert_non_null(pc);
    assert_int_equal(pc->cbMax, 255);
    pc = catalog_table_column(pt, "Fixed2");
    assert_int_equal(pc->ibRecordOffset, 12);
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

static void test_ddl_delete_column_leaves_stub(void **state)
{
    (void)state;
    make_table("t", 0);
    struct isam_ddl_table t = tab();
    assert_int_equal(isam_ddl_delete_column(g_f.sess, &t, "Num", 0), JET_errSuccess);
    assert_int_equal(isam_ddl_delete_column(g_f.sess, &t, "Num", 0), JET_errColumnNotFound);
    assert_int_equal(isam_ddl_delete_column(g_f.sess, &t, "Id", 0), JET_errColumnInUse);
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "t", &pt), JET_errSuccess);
    char sz[64];
    snprintf(sz, sizeof sz, "JetStub_%u_%u", (unsigned)g_objid, (unsigned)g_colidNum);
    const struct rec_cat_column *pc = NULL;
    for (uint32_t i = 0; i < pt->ccol; i++)
        if (pt->rgcol[i].fid == g_colidNum) pc = &pt->rgcol[i];
    assert_non_null(pc);
    assert_int_equal(pc->coltyp, 0);
    assert_string_equal(pc->szName, sz);
    assert_null(catalog_table_column(pt, "Num"));
    catalog_table_free(pt);
    /* The fid is not given again. */
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    JET_COLUMNID colid = 0;
    assert_int_equal(isam_ddl_add_column(g_f.sess, &t, "Num", &cd, NULL, 0, &colid), JET_errSuccess);
    assert_int_equal(colid, 3);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

static void test_ddl_create_index_builds_over_records(void **state)
{
    (void)state;
    make_table("t", 0);
    for (int i = 0; i < 500; i++) {
        char sz[16];
        snprintf(sz, sizeof sz, "n%03d", (i * 37) % 500);
        insert(sz, i % 7);
    }
    struct isam_ddl_table t = tab();
    struct keybuf k[2];
    keybuf_set(&k[0], "+Name");
    keybuf_set(&k[1], "+Num");
    JET_INDEXCREATE3_A rgi[] = { idxc("ByName", &k[0], JET_bitIndexUnique), idxc("ByNum", &k[1], 0) };
    assert_int_equal(isam_ddl_create_indexes(g_f.sess, &t, rgi, 2), JET_errSuccess);
    assert_int_equal(count_entries("t", "ByName"), 500);
    assert_int_equal(count_entries("t", "ByNum"), 500);
    /* A unique index over duplicates fails whole. */
    JET_INDEXCREATE3_A ic = idxc("NumUnique", &k[1], JET_bitIndexUnique);
    assert_int_equal(isam_ddl_create_indexes(g_f.sess, &t, &ic, 1), JET_errKeyDuplicate);
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "t", &pt), JET_errSuccess);
    assert_null(catalog_table_index(pt, "NumUnique"));
    catalog_table_free(pt);
    assert_int_equal(isam_ddl_create_indexes(g_f.sess, &t, rgi, 1), JET_errIndexDuplicate);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);

    assert_int_equal(isam_ddl_delete_index(g_f.sess, &t, "ByNum"), JET_errSuccess);
    assert_int_equal(isam_ddl_delete_index(g_f.sess, &t, "ByNum"), JET_errIndexNotFound);
    assert_int_equal(isam_ddl_delete_index(g_f.sess, &t, "Primary"), JET_errIndexMustStay);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

static void test_ddl_delete_and_rename_tables(void **state)
{
    (void)state;
    make_table("a", 0);
    insert("x", 1);
    make_table("b", 0);
    assert_int_equal(isam_ddl_rename_table(g_f.sess, g_f.dbid, "a", "B"), JET_errTableDuplicate);
    assert_int_equal(isam_ddl_rename_table(g_f.sess, g_f.dbid, "a", "c"), JET_errSuccess);
    assert_int_equal(isam_ddl_rename_table(g_f.sess, g_f.dbid, "a", "d"), JET_errObjectNotFound);
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "c", &pt), JET_errSuccess);
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
    /* Open by a cursor, the caller's own: JET_errTableInUse (ESE opens it DenyRead to delete it). */
    struct isam_table *ptOpen = NULL;
    isam_tables_hooks_install();        /* the api installs them at process attach */
    assert_int_equal(isam_table_open(g_f.sess, g_f.dbid, "c", 0, &ptOpen), JET_errSuccess);
    assert_int_equal(isam_ddl_delete_table(g_f.sess, g_f.dbid, "c"), JET_errTableInUse);
    isam_table_close(ptOpen);
    assert_int_equal(isam_ddl_delete_table(g_f.sess, g_f.dbid, "c"), JET_errSuccess);
    assert_int_equal(isam_ddl_delete_table(g_f.sess, g_f.dbid, "c"), JET_errObjectNotFound);
    assert_int_equal(isam_ddl_delete_table(g_f.sess, g_f.dbid, "MSysObjects"), JET_errCannotDeleteSystemTable);
    assert_int_equal(wfx_load(&g_f, "c", &pt), JET_errObjectNotFound);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
    /* Deleted inside a transaction that rolls back: still there. */
    assert_int_equal(isam_trx_begin(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(isam_ddl_delete_table(g_f.sess, g_f.dbid, "b"), JET_errSuccess);
    assert_int_equal(isam_trx_rollback(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(wfx_load(&g_f, "b", &pt), JET_errSuccess);
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

static void test_ddl_rename_column_and_default_value(void **state)
{
    (void)state;
    make_table("t", 0);
    struct isam_ddl_table t = tab();
    assert_int_equal(isam_ddl_rename_column(g_f.sess, &t, "Num", "Name", 0), JET_errColumnDuplicate);
    assert_int_equal(isam_ddl_rename_column(g_f.sess, &t, "Num", "Count", 0), JET_errSuccess);
    assert_int_equal(isam_ddl_rename_column(g_f.sess, &t, "Num", "Other", 0), JET_errColumnNotFound);
    int32_t l = 77;
    assert_int_equal(isam_ddl_set_default_value(g_f.sess, g_f.dbid, "t", "Count", &l, 4, 0), JET_errSuccess);
    assert_int_equal(isam_ddl_set_default_value(g_f.sess, g_f.dbid, "t", "Count", &l, 2, 0), JET_errInvalidBufferSize);
    assert_int_equal(isam_ddl_set_default_value(g_f.sess, g_f.dbid, "t", "Count", &l, 4, 1), JET_errInvalidGrbit);
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "t", &pt), JET_errSuccess);
    const struct rec_cat_column *pc = catalog_table_column(pt, "Count");
    assert_non_null(pc);
    assert_true(pc->fFlags & REC_FIELD_DEFAULT);
    assert_int_equal(pc->cbDefault, 4);
    assert_int_equal(get_le32(pc->pbDefault), 77);
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

static void test_ddl_fixed_ddl_table_refuses_changes(void **state)
{
    (void)state;
    make_table("t", JET_bitTableCreateFixedDDL);
    struct isam_ddl_table t = tab();
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    JET_COLUMNID colid;
    assert_int_equal(isam_ddl_add_column(g_f.sess, &t, "More", &cd, NULL, 0, &colid), JET_errFixedDDL);
    assert_int_equal(isam_ddl_delete_column(g_f.sess, &t, "Num", 0), JET_errFixedDDL);
    t.fPermitDDL = true;
    assert_int_equal(isam_ddl_add_column(g_f.sess, &t, "More", &cd, NULL, 0, &colid), JET_errSuccess);
    assert_int_equal(isam_ddl_delete_column(g_f.sess, &t, "Num", 0), JET_errFixedDDL);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

/* JetCreateIndex with JET_bitIndexPrimary: only on a table without one and without records. */
static void test_ddl_primary_index_added_to_empty_table(void **state)
{
    (void)state;
    isam_tables_hooks_install();
    make_table("t", 0);
    struct isam_ddl_table t = tab();
    struct keybuf k;
    keybuf_set(&k, "+Name");
    JET_INDEXCREATE3_A ic = idxc("ByName", &k, JET_bitIndexPrimary);
    assert_int_equal(isam_ddl_create_indexes(g_f.sess, &t, &ic, 1), JET_errIndexHasPrimary);

    /* "e": no index at all (records keyed by the DBK). */
    JET_COLUMNCREATE_A rgc[] = { colc("Name", JET_coltypText, 64, 0, 1252), colc("Num", JET_coltypLong, 0, 0, 0) };
    JET_TABLECREATE4_A tc = tablec("e", rgc, ARRAY_SIZE(rgc), NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &g_objid), JET_errSuccess);
    g_colidName = rgc[0].columnid;
    g_colidNum = rgc[1].columnid;
    t = tab();
    insert("x", 1);
    assert_int_equal(isam_ddl_create_indexes(g_f.sess, &t, &ic, 1), JET_errTableNotEmpty);

    /* "f": empty; the primary index is the table's own tree. */
    tc = tablec("f", rgc, ARRAY_SIZE(rgc), NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &g_objid), JET_errSuccess);
    t = tab();
    assert_int_equal(isam_ddl_create_indexes(g_f.sess, &t, &ic, 1), JET_errSuccess);
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "f", &pt), JET_errSuccess);
    assert_true(pt->iidxPrimary >= 0);
    const struct rec_cat_index *pi = catalog_table_index(pt, "ByName");
    assert_non_null(pi);
    assert_int_equal(pi->objid, pt->table.objid);
    assert_int_equal(pi->pgnoFDP, pt->table.pgnoFDP);
    catalog_table_free(pt);
    JET_INDEXCREATE3_A ic2 = idxc("Again", &k, JET_bitIndexPrimary);
    assert_int_equal(isam_ddl_create_indexes(g_f.sess, &t, &ic2, 1), JET_errIndexHasPrimary);

    /* Records now go in by Name. */
    insert("b", 2);
    insert("a", 1);
    insert("c", 3);
    assert_int_equal(isam_ddl_create_indexes(g_f.sess, &t, &ic2, 1), JET_errIndexHasPrimary);
    struct isam_table *ptab;
    assert_int_equal(isam_table_open(g_f.sess, g_f.dbid, "f", 0, &ptab), JET_errSuccess);
    char sz[8];
    const char *rgszWant[] = { "a", "b", "c" };
    JET_ERR err = cur_move(ptab->c, (int32_t)JET_MoveFirst, 0);
    for (int i = 0; i < 3; i++, err = cur_move(ptab->c, JET_MoveNext, 0)) {
        assert_int_equal(err, JET_errSuccess);
        struct cur_retrieve r = { .columnid = g_colidName, .pv = sz, .cbMax = sizeof sz, .itagSequence = 1 };
        assert_int_equal(cur_retrieve_column(ptab->c, &r), JET_errSuccess);
        assert_int_equal(r.cbActual, 1);
        assert_memory_equal(sz, rgszWant[i], 1);
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    isam_table_close(ptab);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

/* DDL through a derived table on its template's columns, as ESE answers it: JetDeleteColumn
 * refuses (JET_errFixedInheritedDDL), JetRenameColumn and JetSetColumnDefaultValue look at the
 * table's own columns (JET_errColumnNotFound), JetAddColumn finds the name taken, and an index
 * can be made over the template's column by its name. */
static void test_ddl_derived_table_ddl_on_template_columns(void **state)
{
    (void)state;
    JET_COLUMNCREATE_A rgc[] = { colc("K", JET_coltypLong, 0, 0, 0), colc("Tg", JET_coltypLong, 0, JET_bitColumnTagged, 0) };
    struct keybuf k;
    keybuf_set(&k, "+K");
    JET_INDEXCREATE3_A rgi[] = { idxc("PK", &k, JET_bitIndexPrimary) };
    JET_TABLECREATE4_A tc = tablec("tmpl", rgc, 2, rgi, 1);
    uint32_t objidT;
    tc.grbit = JET_bitTableCreateTemplateTable;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objidT), JET_errSuccess);
    JET_COLUMNCREATE_A rgcD[] = { colc("Own", JET_coltypShort, 0, 0, 0) };
    JET_TABLECREATE4_A td = tablec("derived", rgcD, 1, NULL, 0);
    td.szTemplateTableName = (char *)"tmpl";
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &td, &g_objid), JET_errSuccess);
    struct isam_ddl_table t = tab();
    assert_int_equal(isam_ddl_delete_column(g_f.sess, &t, "Tg", 0), JET_errFixedInheritedDDL);
    assert_int_equal(isam_ddl_rename_column(g_f.sess, &t, "Tg", "Other", 0), JET_errColumnNotFound);
    int32_t l = 5;
    assert_int_equal(isam_ddl_set_default_value(g_f.sess, g_f.dbid, "derived", "Tg", &l, 4, 0), JET_errColumnNotFound);
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnTagged };
    JET_COLUMNID colid;
    assert_int_equal(isam_ddl_add_column(g_f.sess, &t, "tg", &cd, NULL, 0, &colid), JET_errColumnDuplicate);
    assert_int_equal(isam_ddl_rename_column(g_f.sess, &t, "Own", "Own2", 0), JET_errSuccess);
    keybuf_set(&k, "-Tg");
    JET_INDEXCREATE3_A ic = idxc("ByTg", &k, 0);
    assert_int_equal(isam_ddl_create_indexes(g_f.sess, &t, &ic, 1), JET_errSuccess);
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "derived", &pt), JET_errSuccess);
    const struct rec_cat_index *pi = catalog_table_index(pt, "ByTg");
    assert_non_null(pi);
    assert_int_equal(pi->cseg, 1);
    assert_int_equal(pi->rgseg[0].fid, 256);
    assert_true(pi->rgseg[0].fFlags & REC_IDXSEG_TEMPLATE);
    assert_non_null(catalog_table_column(pt, "Own2"));
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ddl_add_column_gives_next_fids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_delete_column_leaves_stub, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_create_index_builds_over_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_delete_and_rename_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_rename_column_and_default_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_fixed_ddl_table_refuses_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_primary_index_added_to_empty_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_derived_table_ddl_on_template_columns, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
