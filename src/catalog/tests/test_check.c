/* SPDX-License-Identifier: MIT
 * catalog/tests/test_check.c: the whole-database integrity check. Every clean Windows sample and
 * every new database pass it; each kind of damage (made through btree on a new database, or by
 * rewriting a page behind the engine's back) is reported with the object and page it concerns. */
#include "cat_testlib.h"
#include "sample.h"

struct seen {
    uint32_t cErrors, cWarnings;
    char szAll[8192];
};
static void on_problem(void *pv, const struct bt_check_problem *pp)
{
    struct seen *ps = pv;
    if (pp->severity == BT_CHECK_ERROR)
        ps->cErrors++;
    else
        ps->cWarnings++;
    if (strlen(ps->szAll) + strlen(pp->szWhat) + 2 < sizeof ps->szAll) {
        strcat(ps->szAll, pp->szWhat);
        strcat(ps->szAll, "\n");
    }
}

static void expect_report(const struct seen *ps, const char *szPart)
{
    if (!strstr(ps->szAll, szPart))
        fail_msg("no report mentions \"%s\"; the reports were:\n%s", szPart, ps->szAll);
}

static const struct catalog_check_opts g_optsNew = { false, 7, true };

static void test_catalog_check_accepts_every_clean_sample(void **state)
{
    (void)state;
    uint32_t cSamples = 0;
    for (size_t i = 0; i < sample_count; i++) {
        const struct sample_desc *pd = &sample_all[i];
        if (pd->dbstate != 3)
            continue;       /* dirty databases need their logs first */
        struct sample s;
        struct cenv e;
        struct db_header h;
        struct catalog_check_stats st;
        struct seen seen;
        memset(&seen, 0, sizeof seen);
        sample_load(pd, &s);
        assert_int_equal(page_dbhdr_parse(s.pb, s.cb, &h), JET_errSuccess);
        const struct catalog_check_opts o = { (h.ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED) != 0, h.objidLast,
                                              h.qwSortVersion == UINT64_MAX };
        cenv_open_image(&e, s.pb, s.cb, pd->cbPage);
        const JET_ERR err = catalog_check_database(e.db, &o, on_problem, &seen, &st);
        print_message("%s: %u tables, %u indexes, %u LV trees, %u rows, %u pages read, %u leaked, %u warnings\n", pd->path,
                      st.cTables, st.cIndexes, st.cLV, st.cRows, st.bt.cpgVisited, st.bt.cpgLeaked, st.bt.cWarnings);
        if (err != JET_errSuccess || seen.cErrors)
            fail_msg("%s: %d, %u errors:\n%s", pd->path, (int)err, seen.cErrors, seen.szAll);
        assert_int_equal(st.bt.cTrees, st.cTables + st.cIndexes + st.cLV + 1);
        assert_true(st.cTables >= 2);
        cenv_close(&e);
        sample_free(&s);
        cSamples++;
    }
    assert_true(cSamples >= 10);
}

/* ---- damage made through btree on a new database ----------------------------------------------- */

static struct bt_cursor *open_tree(struct cenv *pe, uint32_t pgno, uint32_t objid, enum bt_type type)
{
    struct bt_cursor *c;
    const struct bt_tree_desc d = { pgno, objid, type, false, 255 };
    assert_int_equal(bt_open(pe->db, &d, &c), JET_errSuccess);
    return c;
}

static void check_damaged(struct cenv *pe, const struct catalog_check_opts *po, struct seen *ps)
{
    memset(ps, 0, sizeof *ps);
    const JET_ERR err = catalog_check_database(pe->db, po, on_problem, ps, NULL);
    assert_true(err < 0);
    assert_true(ps->cErrors > 0);
}

static void test_catalog_check_reports_missing_name_index_entry(void **state)
{
    (void)state;
    struct cenv e;
    struct seen s;
    cenv_create(&e, 4096, 254, false);
    /* The first Name entry: MSysObjects' own table row, (2, 1, 2). */
    struct bt_cursor *c = open_tree(&e, 7, 4, BT_TYPE_INDEX);
    assert_int_equal(bt_move_first(c, 0), JET_errSuccess);
    assert_int_equal(bt_delete(c, BT_NO_UNDO), JET_errSuccess);
    bt_close(c);
    check_damaged(&e, &g_optsNew, &s);
    expect_report(&s, "index Name of MSysObjects lacks the entry of row (2, 1, 2)");
    cenv_close(&e);
}

static void test_catalog_check_reports_shadow_row_that_differs(void **state)
{
    (void)state;
    struct cenv e;
    struct seen s;
    uint8_t rgbKey[16], rgb[512];
    uint32_t cb;
    cenv_create(&e, 4096, 254, false);
    struct bt_cursor *c = open_tree(&e, 24, 3, BT_TYPE_PRIMARY);
    const uint32_t cbKey = rec_cat_key_id(6, REC_SYSOBJ_TABLE, 6, rgbKey);
    assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbKey, cbKey, NULL, 0, 0), JET_errSuccess);
    const uint8_t *pb = bt_data(c, &cb);
    memcpy(rgb, pb, cb);
    rgb[cb - 1] ^= 0x20;                    /* a letter of "MSysObjids" changes case */
    assert_int_equal(bt_replace(c, rgb, cb, BT_NO_UNDO), JET_errSuccess);
    bt_close(c);
    check_damaged(&e, &g_optsNew, &s);
    expect_report(&s, "the shadow's row 7f800000067f80017f80000006 differs");
    /* With shadowing off the shadow is not compared. */
    const struct catalog_check_opts o = { true, 7, true };
    memset(&s, 0, sizeof s);
    assert_int_equal(catalog_check_database(e.db, &o, on_problem, &s, NULL), JET_errSuccess);
    assert_int_equal(s.cErrors, 0);
    cenv_close(&e);
}

static void test_catalog_check_reports_msysobjids_missing_row(void **state)
{
    (void)state;
    struct cenv e;
    struct seen s;
    static const uint8_t rgbKey[] = { 0x7F, 0x80, 0, 0, 5 };    /* objid 5: RootObjects */
    cenv_create(&e, 8192, 254, false);
    struct bt_cursor *c = open_tree(&e, 29, 6, BT_TYPE_PRIMARY);
    assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbKey, sizeof rgbKey, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(bt_delete(c, BT_NO_UNDO), JET_errSuccess);
    bt_close(c);
    check_damaged(&e, &g_optsNew, &s);
    expect_report(&s, "MSysObjids lacks the index MSysObjects.RootObjects (objid 5)");
    cenv_close(&e);
}

/* MSysLocales' table row (in both catalogs) names MSysObjids' page. */
static void test_catalog_check_reports_row_naming_wrong_fdp(void **state)
{
    (void)state;
    struct cenv e;
    struct seen s;
    uint8_t rgbKey[16], rgb[512];
    cenv_create(&e, 4096, 254, false);
    const uint32_t cbKey = rec_cat_key_id(7, REC_SYSOBJ_TABLE, 7, rgbKey);
    for (int fShadow = 0; fShadow <= 1; fShadow++) {
        struct bt_cursor *c = open_tree(&e, fShadow ? 24 : 4, fShadow ? 3 : 2, BT_TYPE_PRIMARY);
        assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbKey, cbKey, NULL, 0, 0), JET_errSuccess);
        uint32_t cb;
        const uint8_t *pb = bt_data(c, &cb);
        memcpy(rgb, pb, cb);
        assert_int_equal(get_le32(rgb + 14), 30);      /* ColtypOrPgnoFDP (fixed column 4, offset 14) */
        put_le32(rgb + 14, 29);
        assert_int_equal(bt_replace(c, rgb, cb, BT_NO_UNDO), JET_errSuccess);
        bt_close(c);
    }
    check_damaged(&e, &g_optsNew, &s);
    expect_report(&s, "table MSysLocales.MSysLocales: its root has objid 6, the catalog says 7");
    expect_report(&s, "page 29 is the root of both table MSysObjids.MSysObjids and table MSysLocales.MSysLocales");
    cenv_close(&e);
}

static void test_catalog_check_reports_row_without_table_and_objid_above_last(void **state)
{
    (void)state;
    struct cenv e;
    struct seen s;
    uint8_t rgbKey[16], rgbRow[512];
    cenv_create(&e, 4096, 254, false);
    /* A column row of a table objid 99 that has no table row, in MSysObjects only. */
    struct rec_cat_column col;
    rec_sys_mso_column(99, REC_MSO_TYPE, &col);
    struct rec_buf rb = { rgbRow, 0, 4096 };
    assert_int_equal(rec_cat_encode_column(&col, 4096, &rb), JET_errSuccess);
    const uint32_t cbKey = rec_cat_key_id(99, REC_SYSOBJ_COLUMN, col.fid, rgbKey);
    struct bt_cursor *c = open_tree(&e, 4, 2, BT_TYPE_PRIMARY);
    assert_int_equal(bt_insert(c, rgbKey, cbKey, rgbRow, rb.cb, 0, BT_NO_UNDO), JET_errSuccess);
    bt_close(c);
    const struct catalog_check_opts o = { false, 6, true };
    check_damaged(&e, &o, &s);
    expect_report(&s, "row (99, 2, 2) \"Type\" belongs to no table row");
    expect_report(&s, "the shadow lacks row 7f800000637f80027f80000002");
    expect_report(&s, "index Name of MSysObjects lacks the entry of row (99, 2, 2)");
    expect_report(&s, "table MSysLocales.MSysLocales has objid 7, above the header's objidLast 6");
    cenv_close(&e);
}

/* A page of a catalog tree rewritten behind the engine's back: btree's checker finds it. */
static void test_catalog_check_reports_damaged_page_of_a_tree(void **state)
{
    (void)state;
    struct cenv e;
    struct seen s;
    size_t cb;
    cenv_create(&e, 4096, 254, false);
    uint8_t *pb = cenv_image(&e, &cb);
    cenv_close(&e);
    /* Leaf 14 of MSysObjects claims to belong to objid 3. */
    uint8_t *pg = pb + page_file_offset(14, 4096);
    put_le32(pg + offsetof(struct pghdr_disk, objidFDP), 3);
    page_checksum_set(pg, 4096, 14);
    put_le64(pb + offsetof(struct dbfilehdr_disk, dbtimeDirtied), 0x1000);
    cenv_open_image(&e, pb, cb, 4096);
    memset(&s, 0, sizeof s);
    assert_int_equal(catalog_check_database(e.db, &g_optsNew, on_problem, &s, NULL) < 0, true);
    assert_true(s.cErrors > 0);
    cenv_close(&e);
    free(pb);
}

/* Without MSysObjids and MSysLocales (an old database, or one Windows has not attached for
 * writing yet) the check passes; the header's claim of consistent locales is only a warning. */
static void test_catalog_check_accepts_missing_optional_tables(void **state)
{
    (void)state;
    struct cenv e;
    struct seen s;
    uint8_t rgbKey[16];
    cenv_create(&e, 4096, 254, false);
    /* Remove every MSysLocales row (7, *, *) from MSysObjects, the shadow and the two indexes'
     * entries they give: simplest through the rows themselves, then the indexes are compared
     * against what is left. */
    for (int fShadow = 0; fShadow <= 1; fShadow++) {
        struct bt_cursor *c = open_tree(&e, fShadow ? 24 : 4, fShadow ? 3 : 2, BT_TYPE_PRIMARY);
        const uint32_t cbKey = rec_cat_key_id(7, 0, 0, rgbKey);
        JET_ERR err = bt_seek(c, BT_SEEK_GE, rgbKey, cbKey, NULL, 0, 0);
        while (err == JET_errSuccess) {
            uint32_t cbK;
            const uint8_t *pk = bt_key(c, &cbK);
            if (get_be32(pk + 1) != (7u | 0x80000000u))
                break;
            assert_int_equal(bt_delete(c, BT_NO_UNDO), JET_errSuccess);
            err = bt_move_next(c, 0);
        }
        bt_close(c);
    }
    for (int fRoot = 0; fRoot <= 1; fRoot++) {
        struct bt_cursor *c = open_tree(&e, fRoot ? 10 : 7, fRoot ? 5 : 4, BT_TYPE_INDEX);
        JET_ERR err = bt_move_first(c, 0);
        while (err == JET_errSuccess) {
            uint32_t cbD;
            const uint8_t *pd = bt_data(c, &cbD);
            if (get_be32(pd + 1) == (7u | 0x80000000u))
                assert_int_equal(bt_delete(c, BT_NO_UNDO), JET_errSuccess);
            err = bt_move_next(c, 0);
        }
        bt_close(c);
    }
    /* ... and its MSysObjids row. */
    static const uint8_t rgbObjid7[] = { 0x7F, 0x80, 0, 0, 7 };
    struct bt_cursor *c = open_tree(&e, 29, 6, BT_TYPE_PRIMARY);
    assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbObjid7, sizeof rgbObjid7, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(bt_delete(c, BT_NO_UNDO), JET_errSuccess);
    bt_close(c);
    memset(&s, 0, sizeof s);
    struct catalog_check_stats st;
    assert_int_equal(catalog_check_database(e.db, &g_optsNew, on_problem, &s, &st), JET_errSuccess);
    assert_int_equal(s.cErrors, 0);
    expect_report(&s, "the header says MSysLocales is consistent, and there is no MSysLocales");
    assert_int_equal(st.cTables, 3);
    assert_int_equal(st.bt.cpgLeaked, 1);         /* page 30: nobody's any more */
    cenv_close(&e);
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_check_accepts_every_clean_sample),
        cmocka_unit_test(test_catalog_check_reports_missing_name_index_entry),
        cmocka_unit_test(test_catalog_check_reports_shadow_row_that_differs),
        cmocka_unit_test(test_catalog_check_reports_msysobjids_missing_row),
        cmocka_unit_test(test_catalog_check_reports_row_naming_wrong_fdp),
        cmocka_unit_test(test_catalog_check_reports_row_without_table_and_objid_above_last),
        cmocka_unit_test(test_catalog_check_reports_damaged_page_of_a_tree),
        cmocka_unit_test(test_catalog_check_accepts_missing_optional_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
