/* SPDX-License-Identifier: MIT
 * tests/integration/test_attach_samples.c: databases attached through the isam layer, their
 * catalogs read and checked as a whole. Every clean Windows sample attaches read-only (with the
 * process-wide page size set to its own, as ESE requires), lists the tables, column counts and
 * index counts Debian's esedbinfo prints, and passes catalog_check_database; a database we create
 * at each page size, detached cleanly and attached again read-only, passes it too. */
#include "sample_env.h"
#include "debug.h"

struct seen {
    uint32_t cErrors;
};
static void on_problem(void *pv, const struct bt_check_problem *pp)
{
    struct seen *ps = pv;
    if (pp->severity == BT_CHECK_ERROR) {
        ps->cErrors++;
        fprintf(stderr, "  error: tree %u page %u: %s (%d)\n", pp->pgnoFDP, pp->pgno, pp->szWhat, (int)pp->err);
    }
}

static void check_attached(struct env *pe, const ESENT_WCHAR *wszDb, struct catalog_check_stats *pst)
{
    JET_DBID dbid;
    struct seen seen = { 0 };
    assert_int_equal(isam_db_open(pe->sess, wszDb, JET_bitDbReadOnly, &dbid), JET_errSuccess);
    struct isam_db *db = isam_db_get(pe->inst, dbid);
    assert_non_null(db);
    assert_true(db->fReadOnly);
    const struct catalog_check_opts o = { (db->hdr.ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED) != 0, db->hdr.objidLast,
                                          db->hdr.qwSortVersion == UINT64_MAX };
    assert_int_equal(catalog_check_database(db->btdb, &o, on_problem, &seen, pst), JET_errSuccess);
    assert_int_equal(seen.cErrors, 0);
    assert_int_equal(isam_db_close(pe->sess, dbid, 0), JET_errSuccess);
}

static void expect_esedbinfo(struct env *pe, const ESENT_WCHAR *wszDb, const char *szData)
{
    char path[1024], line[512];
    JET_DBID dbid;
    struct catalog *cat;
    struct tables t = { .c = 0 };
    assert_int_equal(isam_db_open(pe->sess, wszDb, JET_bitDbReadOnly, &dbid), JET_errSuccess);
    struct isam_db *db = isam_db_get(pe->inst, dbid);
    assert_int_equal(catalog_open(db->btdb, &cat), JET_errSuccess);
    assert_int_equal(catalog_enum_tables(cat, tables_collect, &t), JET_errSuccess);
    snprintf(path, sizeof path, "%s/esedbinfo_%s.txt", CAT_TEST_DATA_DIR, szData);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    uint32_t i = 0;
    for (; fgets(line, sizeof line, f); i++) {
        char szName[JET_cbNameMost + 1];
        unsigned ccol, cidx;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = 0;
        assert_true(strlen(line) <= JET_cbNameMost);
        memcpy(szName, line, strlen(line) + 1);
        assert_int_equal(sscanf(tab + 1, "%u\t%u", &ccol, &cidx), 2);
        assert_true(i < t.c);
        assert_string_equal(t.rgsz[i], szName);
        struct catalog_table *pt;
        assert_int_equal(catalog_load_table(cat, szName, &pt), JET_errSuccess);
        assert_int_equal(pt->ccol, ccol);
        assert_int_equal(pt->cidx, cidx);
        catalog_table_free(pt);
    }
    fclose(f);
    assert_int_equal(i, t.c);
    catalog_close(cat);
    assert_int_equal(isam_db_close(pe->sess, dbid, 0), JET_errSuccess);
}

static void test_attach_read_only_every_clean_sample_reads_and_checks(void **state)
{
    (void)state;
    const char *szSamples = getenv("ESENT_SAMPLES_DIR");
    assert_non_null(szSamples);
    for (size_t i = 0; i < ARRAY_SIZE(g_rgsample); i++) {
        struct env e;
        struct catalog_check_stats st;
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", szSamples, g_rgsample[i].szPath);
        ESENT_WCHAR *wszDb = wdup(path);
        env_start(&e, "attach", g_rgsample[i].cbPage, g_rgsample[i].szData);
        assert_int_equal(isam_db_attach(e.sess, wszDb, 0, JET_bitDbReadOnly), JET_errSuccess);
        expect_esedbinfo(&e, wszDb, g_rgsample[i].szData);
        check_attached(&e, wszDb, &st);
        print_message("%s: %u tables, %u trees, %u pages checked\n", g_rgsample[i].szPath, st.cTables, st.bt.cTrees,
                      st.bt.cpgVisited);
        assert_int_equal(isam_db_detach(e.sess, wszDb, 0), JET_errSuccess);
        env_stop(&e);
        mem_free(wszDb);
    }
}

/* ESE's page size is process-wide: a database of another size does not attach. */
static void test_attach_fails_when_page_size_differs(void **state)
{
    (void)state;
    struct env e;
    char path[1200];
    snprintf(path, sizeof path, "%s/ese-parser/decompress_test.edb", getenv("ESENT_SAMPLES_DIR"));
    ESENT_WCHAR *wszDb = wdup(path);
    env_start(&e, "attach", 4096, "mismatch");
    assert_int_equal(isam_db_attach(e.sess, wszDb, 0, JET_bitDbReadOnly), JET_errPageSizeMismatch);
    env_stop(&e);
    mem_free(wszDb);
}

/* Our own databases: created, detached cleanly, attached read-only, checked. */
static void test_attach_created_database_passes_check_at_every_page_size(void **state)
{
    (void)state;
    static const uint32_t rgcb[] = { 4096, 8192, 16384, 32768 };
    for (size_t i = 0; i < ARRAY_SIZE(rgcb); i++) {
        struct env e;
        struct catalog_check_stats st;
        char tag[32], path[1200];
        JET_DBID dbid;
        snprintf(tag, sizeof tag, "new%u", rgcb[i]);
        env_start(&e, "attach", rgcb[i], tag);
        snprintf(path, sizeof path, "%snew.edb", e.szDir);
        ESENT_WCHAR *wszDb = wdup(path);
        assert_int_equal(isam_db_create(e.sess, wszDb, 0, 0, &dbid), JET_errSuccess);
        struct isam_db *db = isam_db_get(e.inst, dbid);
        assert_int_equal(db->hdr.objidLast, 7);
        assert_true(db->hdr.qwSortVersion == UINT64_MAX);
        assert_int_equal(isam_db_close(e.sess, dbid, 0), JET_errSuccess);
        assert_int_equal(isam_db_detach(e.sess, wszDb, 0), JET_errSuccess);
        assert_int_equal(isam_db_attach(e.sess, wszDb, 0, JET_bitDbReadOnly), JET_errSuccess);
        check_attached(&e, wszDb, &st);
        assert_int_equal(st.cTables, 4);
        assert_int_equal(st.bt.cpgLeaked, 0);
        assert_int_equal(isam_db_detach(e.sess, wszDb, 0), JET_errSuccess);
        env_stop(&e);
        mem_free(wszDb);
    }
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attach_read_only_every_clean_sample_reads_and_checks),
        cmocka_unit_test(test_attach_fails_when_page_size_differs),
        cmocka_unit_test(test_attach_created_database_passes_check_at_every_page_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
