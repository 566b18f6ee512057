/* SPDX-License-Identifier: MIT
 * isam/tests/test_nls.c: Unicode indexes whose recorded sort the system no longer keys with
 * (isam_nls.c, ESE's attach-time and open-time checks). A table with a Unicode primary or
 * secondary index is written, its index's catalog row is given the sort of Windows 7 (NLS 6.1,
 * which no system since Windows 8 keys with, nor our built-in sort), the database is detached
 * and attached again under each setting of JET_paramEnableIndexChecking /
 * JET_paramEnableIndexCleanup and each attach grbit, and what ESE answers is checked: the
 * errors, the warnings, the deleted or brought-up-to-date indexes. */
#include "test_write_util.h"
#include "isam_table.h"

#define NLS_WINDOWS7 0x00060101u        /* Windows 7's NLS version */

WFX_FIXTURE()

/* Table "t": Id (Long), Name (Unicode text); index Primary (+Id, or +Name with fNamePrimary)
 * and, unless fNamePrimary, ByName (+Name); cRows rows. */
static uint32_t make_table(bool fNamePrimary, int cRows)
{
    JET_COLUMNCREATE_A rgc[] = {
        colc("Id", JET_coltypLong, 0, 0, 0),
        colc("Name", JET_coltypText, 64, 0, 1200),
    };
    struct keybuf kId, kName;
    keybuf_set(&kId, "+Id");
    keybuf_set(&kName, "+Name");
    JET_INDEXCREATE3_A rgi[] = {
        idxc("Primary", fNamePrimary ? &kName : &kId, JET_bitIndexPrimary),
        idxc("ByName", &kName, 0),
    };
    JET_TABLECREATE4_A tc = tablec("t", rgc, ARRAY_SIZE(rgc), rgi, fNamePrimary ? 1 : 2);
    uint32_t objid;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errSuccess);
    for (int i = 0; i < cRows; i++) {
        struct isam_upd u;
        struct isam_wtable *pwt;        /* the update takes it over */
        assert_int_equal(isam_wtable_open(g_f.db, objid, &pwt), JET_errSuccess);
        ESENT_WCHAR wsz[8] = { 'n', 'a', 'm', 'e', (ESENT_WCHAR)('a' + i % 26), (ESENT_WCHAR)('a' + i / 26) };
        const int32_t id = i;
        assert_int_equal(isam_upd_prepare(g_f.sess, pwt, &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
        assert_int_equal(isam_upd_set(g_f.sess, &u, rgc[0].columnid, &id, 4, 0, 1, 0), JET_errSuccess);
        assert_int_equal(isam_upd_set(g_f.sess, &u, rgc[1].columnid, wsz, 12, 0, 1, 0), JET_errSuccess);
        assert_int_equal(isam_upd_update(g_f.sess, &u, NULL, 0, NULL, 0), JET_errSuccess);
    }
    return objid;
}

/* The index's catalog row as a database written by Windows 7 would have it. */
static void age_index(const char *szIndex)
{
    struct catalog_table *pt;
    struct catw w;
    assert_int_equal(wfx_load(&g_f, "t", &pt), JET_errSuccess);
    const struct rec_cat_index *pi = catalog_table_index(pt, szIndex);
    assert_non_null(pi);
    assert_true(pi->fidb & REC_IDB_LOCALIZED_TEXT);
    struct rec_cat_index ci = *pi;
    ci.fVersion = true;
    ci.qwSortVersion = ((uint64_t)NLS_WINDOWS7 << 32) | NLS_WINDOWS7;
    uint8_t rgb[4096];
    struct rec_buf rb = { rgb, 0, sizeof rgb };
    assert_int_equal(rec_cat_encode_index(&ci, g_f.db->cbPage, &rb), JET_errSuccess);
    assert_int_equal(catw_open(g_f.sess, g_f.db, &w), JET_errSuccess);
    assert_int_equal(isam_wtrx_begin(g_f.sess), JET_errSuccess);
    assert_int_equal(isam_wtrx_end(g_f.sess, catw_replace_row(&w, ci.objidTable, REC_SYSOBJ_INDEX, ci.objid, &rb)),
                     JET_errSuccess);
    catw_close(&w);
    catalog_table_free(pt);
}

static void detach(void)
{
    assert_int_equal(isam_db_close(g_f.sess, g_f.dbid, 0), JET_errSuccess);
    assert_int_equal(isam_db_detach(g_f.sess, WW("/w.edb"), 0), JET_errSuccess);
    g_f.dbid = 0;
    g_f.db = NULL;
}

/* Attach (with the parameters given), and open it in the session when that worked. */
static JET_ERR attach(JET_API_PTR lChecking, bool fCleanup, JET_GRBIT grbit)
{
    struct param_store *ps = &g_f.inst->params;
    assert_int_equal(param_set(ps, PARAM_TARGET_INSTANCE, JET_paramEnableIndexChecking, lChecking, NULL), JET_errSuccess);
    assert_int_equal(param_set(ps, PARAM_TARGET_INSTANCE, JET_paramEnableIndexCleanup, fCleanup, NULL), JET_errSuccess);
    JET_ERR err = isam_db_attach(g_f.sess, WW("/w.edb"), 0, grbit);
    if (err >= 0) {
        assert_true(isam_db_open(g_f.sess, WW("/w.edb"), grbit & JET_bitDbReadOnly, &g_f.dbid) >= 0);
        g_f.db = isam_db_get(g_f.inst, g_f.dbid);
    }
    return err;
}

static bool attached(void)
{
    JET_DBID dbid;
    JET_ERR err = isam_db_open(g_f.sess, WW("/w.edb"), 0, &dbid);
    if (err >= 0) assert_int_equal(isam_db_close(g_f.sess, dbid, 0), JET_errSuccess);
    return err >= 0;
}

static const struct rec_cat_index *find_index(struct catalog_table **ppt, const char *szIndex)
{
    assert_int_equal(wfx_load(&g_f, "t", ppt), JET_errSuccess);
    return catalog_table_index(*ppt, szIndex);
}

static void test_nls_attach_refuses_a_secondary_index_of_an_old_sort(void **state)
{
    (void)state;
    make_table(false, 30);
    age_index("ByName");
    detach();
    /* ESE's defaults: checking on, cleanup on */
    assert_int_equal(attach(JET_IndexCheckingOn, true, 0), JET_errSecondaryIndexCorrupted);
    assert_false(attached());
    /* cleanup alone also checks a writable attach */
    assert_int_equal(attach(JET_IndexCheckingOff, true, 0), JET_errSecondaryIndexCorrupted);
    assert_false(attached());
}

static void test_nls_attach_deletes_it_with_delete_corrupt_indexes(void **state)
{
    (void)state;
    make_table(false, 30);
    age_index("ByName");
    detach();
    assert_int_equal(attach(JET_IndexCheckingOn, true, JET_bitDbDeleteCorruptIndexes), JET_wrnCorruptIndexDeleted);
    struct catalog_table *pt;
    assert_null(find_index(&pt, "ByName"));
    assert_non_null(catalog_table_index(pt, "Primary"));
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
    /* the next attach finds nothing to do */
    detach();
    assert_int_equal(attach(JET_IndexCheckingOn, true, 0), JET_errSuccess);
}

static void test_nls_attach_brings_an_empty_index_up_to_date(void **state)
{
    (void)state;
    make_table(false, 0);
    age_index("ByName");
    detach();
    assert_int_equal(attach(JET_IndexCheckingOn, true, 0), JET_errSuccess);
    struct catalog_table *pt;
    const struct rec_cat_index *pi = find_index(&pt, "ByName");
    assert_non_null(pi);
    uint32_t dwNls, dwDef;
    uint8_t rgbSortId[16];
    const struct os_sort_locale loc = { pi->wszLocaleName, pi->lcid, NULL, 0 };
    assert_int_equal(os_sort_version(&loc, &dwNls, &dwDef, rgbSortId), JET_errSuccess);
    assert_int_equal(pi->qwSortVersion, ((uint64_t)dwNls << 32) | dwDef);
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

static void test_nls_attach_refuses_a_primary_index_of_an_old_sort_even_when_deleting(void **state)
{
    (void)state;
    make_table(true, 10);
    age_index("Primary");
    detach();
    assert_int_equal(attach(JET_IndexCheckingOn, true, JET_bitDbDeleteCorruptIndexes), JET_errPrimaryIndexCorrupted);
    assert_false(attached());
}

static void test_nls_attach_checks_nothing_read_only_or_when_both_are_off(void **state)
{
    (void)state;
    make_table(false, 30);
    age_index("ByName");
    detach();
    assert_int_equal(attach(JET_IndexCheckingOn, true, JET_bitDbReadOnly), JET_errSuccess);
    detach();
    assert_int_equal(attach(JET_IndexCheckingOff, false, 0), JET_errSuccess);
    struct catalog_table *pt;
    assert_non_null(find_index(&pt, "ByName"));
    catalog_table_free(pt);
}

static void test_nls_delete_unicode_indexes_deletes_current_ones_too(void **state)
{
    (void)state;
    make_table(false, 30);
    detach();
    assert_int_equal(attach(JET_IndexCheckingOff, false, JET_bitDbDeleteUnicodeIndexes), JET_errSuccess);
    struct catalog_table *pt;
    assert_null(find_index(&pt, "ByName"));
    catalog_table_free(pt);
}

static void test_nls_deferred_check_fails_the_open_and_warns_a_read_only_one(void **state)
{
    (void)state;
    make_table(false, 30);
    age_index("ByName");
    detach();
    assert_int_equal(attach(JET_IndexCheckingDeferToOpenTable, false, 0), JET_errSuccess);
    struct isam_table *t = NULL;
    assert_int_equal(isam_table_open(g_f.sess, g_f.dbid, "t", 0, &t), JET_errSecondaryIndexCorrupted);
    assert_null(t);
    assert_int_equal(isam_table_open(g_f.sess, g_f.dbid, "t", JET_bitTableReadOnly, &t), JET_wrnSecondaryIndexOutOfDate);
    assert_non_null(t);
    isam_table_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_nls_attach_refuses_a_secondary_index_of_an_old_sort, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nls_attach_deletes_it_with_delete_corrupt_indexes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nls_attach_brings_an_empty_index_up_to_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nls_attach_refuses_a_primary_index_of_an_old_sort_even_when_deleting,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_nls_attach_checks_nothing_read_only_or_when_both_are_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nls_delete_unicode_indexes_deletes_current_ones_too, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nls_deferred_check_fails_the_open_and_warns_a_read_only_one, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
