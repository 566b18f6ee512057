/* SPDX-License-Identifier: MIT
 * catalog/tests/test_read.c: reading catalogs: a new database's (tables, their definitions, the
 * FDP list, MSysLocales' records through the loaded schema), and every clean Windows sample's,
 * whose tables, column counts and index counts must equal what Debian's esedbinfo prints
 * (tests/data/esedbinfo_<sample>.txt, made by tests/tools/gen_esedbinfo_expect.sh). */
#include "cat_testlib.h"
#include "sample.h"

static const struct {
    const char *szPath;
    const char *szData;
} g_rgsample[] = {
    { "dissect-esedb/basic.edb.gz", "basic" },
    { "dissect-esedb/binary.edb.gz", "binary" },
    { "dissect-esedb/default.edb.gz", "default" },
    { "dissect-esedb/index.edb.gz", "index" },
    { "dissect-esedb/multi.edb.gz", "multi" },
    { "dissect-esedb/text.edb.gz", "text" },
    { "dissect-esedb/large.edb.gz", "large" },
    { "dissect-esedb/Current.mdb.gz", "Current" },
    { "dissect-esedb/SRUDB.dat.gz", "SRUDB" },
    { "ese-parser/test.edb.gz", "eseparser_test" },
    { "ese-parser/decompress_test.edb.gz", "decompress_test" },
    { "ese-parser/decompress_test2.edb.gz", "decompress_test2" },
    { "dsinternals/adamntds.dit.gz", "adamntds" },
    { "plaso/Catalog1.edb.gz", "Catalog1" },
    { "dfir-artifact-museum/srum-win10-belkasoft/Clean.tar.gz", "srum_clean" },
    { "dfir-artifact-museum/ual-2012r2/SystemIdentity.mdb.gz", "ual_SystemIdentity" },
};

/* ---- a new database ---------------------------------------------------------------------------- */

struct names {
    char rgsz[64][JET_cbNameMost + 1];
    uint32_t rgobjid[64];
    uint32_t c;
};
static JET_ERR collect_table(void *pv, const struct rec_cat_table *pt)
{
    struct names *p = pv;
    if (p->c < ARRAY_SIZE(p->rgsz)) {
        strcpy(p->rgsz[p->c], pt->szName);
        p->rgobjid[p->c] = pt->objid;
    }
    p->c++;
    return JET_errSuccess;
}

static void test_catalog_read_new_database_lists_system_tables(void **state)
{
    (void)state;
    static const uint32_t rgcb[] = { 4096, 32768 };
    for (size_t i = 0; i < ARRAY_SIZE(rgcb); i++) {
        struct cenv e;
        struct catalog *cat;
        struct names n = { .c = 0 };
        cenv_create(&e, rgcb[i], 254, false);
        assert_int_equal(catalog_open(e.db, &cat), JET_errSuccess);
        assert_int_equal(catalog_enum_tables(cat, collect_table, &n), JET_errSuccess);
        assert_int_equal(n.c, 4);
        static const char *const rgszWant[] = { "MSysObjects", "MSysObjectsShadow", "MSysObjids", "MSysLocales" };
        static const uint32_t rgobjidWant[] = { 2, 3, 6, 7 };
        for (uint32_t t = 0; t < 4; t++) {
            assert_string_equal(n.rgsz[t], rgszWant[t]);
            assert_int_equal(n.rgobjid[t], rgobjidWant[t]);
        }
        struct catalog_fdp *rgf;
        uint32_t cf;
        assert_int_equal(catalog_list_fdps(cat, &rgf, &cf), JET_errSuccess);
        static const struct { uint32_t pgno, objid, pgnoParent; enum bt_type type; const char *szName; } rgfWant[] = {
            { 4, 2, 1, BT_TYPE_PRIMARY, "MSysObjects" }, { 7, 4, 4, BT_TYPE_INDEX, "Name" },
            { 10, 5, 4, BT_TYPE_INDEX, "RootObjects" }, { 24, 3, 1, BT_TYPE_PRIMARY, "MSysObjectsShadow" },
            { 29, 6, 1, BT_TYPE_PRIMARY, "MSysObjids" }, { 30, 7, 1, BT_TYPE_PRIMARY, "MSysLocales" },
        };
        assert_int_equal(cf, ARRAY_SIZE(rgfWant));
        for (uint32_t f = 0; f < cf; f++) {
            assert_int_equal(rgf[f].pgnoFDP, rgfWant[f].pgno);
            assert_int_equal(rgf[f].objid, rgfWant[f].objid);
            assert_int_equal(rgf[f].pgnoParentFDP, rgfWant[f].pgnoParent);
            assert_int_equal(rgf[f].type, rgfWant[f].type);
            assert_false(rgf[f].fNonUnique);
            assert_string_equal(rgf[f].szName, rgfWant[f].szName);
        }
        mem_free(rgf);
        catalog_close(cat);
        cenv_close(&e);
    }
}

static void test_catalog_find_table_ignores_ascii_case_only(void **state)
{
    (void)state;
    struct cenv e;
    struct catalog *cat;
    struct rec_cat_table t;
    cenv_create(&e, 4096, 254, false);
    assert_int_equal(catalog_open(e.db, &cat), JET_errSuccess);
    assert_int_equal(catalog_find_table(cat, "msysOBJIDS", &t), JET_errSuccess);
    assert_int_equal(t.objid, 6);
    assert_int_equal(t.pgnoFDP, 29);
    assert_string_equal(t.szName, "MSysObjids");
    assert_int_equal(t.fFlags, 0xC8000000u);
    assert_int_equal(catalog_find_table(cat, "MSysLocales", &t), JET_errSuccess);
    assert_int_equal(t.objid, 7);
    assert_int_equal(t.ulDensity, 92);
    assert_int_equal(catalog_find_table(cat, "MSysLocale", &t), JET_errObjectNotFound);
    assert_int_equal(catalog_find_table(cat, "", &t), JET_errObjectNotFound);
    assert_int_equal(catalog_find_table(cat, "MSysObj\xc9" "ds", &t), JET_errObjectNotFound);
    assert_int_equal(catalog_find_table_objid(cat, 3, &t), JET_errSuccess);
    assert_string_equal(t.szName, "MSysObjectsShadow");
    assert_int_equal(catalog_find_table_objid(cat, 4, &t), JET_errObjectNotFound);   /* an index's objid */
    catalog_close(cat);
    cenv_close(&e);
}

struct kv_seen {
    bool fConsistent;
    uint32_t cRows;
};

static void test_catalog_load_table_gives_record_layer_schema(void **state)
{
    (void)state;
    struct cenv e;
    struct catalog *cat;
    struct catalog_table *pt;
    cenv_create(&e, 4096, 254, false);
    assert_int_equal(catalog_open(e.db, &cat), JET_errSuccess);

    assert_int_equal(catalog_load_table(cat, "MSysObjects", &pt), JET_errSuccess);
    assert_int_equal(pt->ccol, 28);
    assert_int_equal(pt->cidx, 3);
    assert_int_equal(pt->iidxPrimary, 0);
    assert_string_equal(pt->rgidx[0].szName, "Id");
    assert_int_equal(pt->rgidx[1].pgnoFDP, 7);
    assert_int_equal(pt->rgidx[2].pgnoFDP, 10);
    assert_int_equal(pt->rgidx[2].cseg, 2);
    assert_false(pt->fLV);
    assert_non_null(catalog_table_column(pt, "coltyporpgnofdp"));
    assert_null(catalog_table_column(pt, "PgnoFDPLastSetTime"));
    assert_non_null(catalog_table_index(pt, "ROOTOBJECTS"));
    catalog_table_free(pt);

    /* MSysLocales: read its records through the loaded schema. */
    assert_int_equal(catalog_load_table_objid(cat, 7, &pt), JET_errSuccess);
    assert_string_equal(pt->table.szName, "MSysLocales");
    assert_int_equal(pt->ccol, 3);
    assert_int_equal(pt->creccol, 3);
    assert_int_equal(pt->rgcol[0].fid, 1);
    assert_int_equal(pt->rgcol[2].fid, 128);
    assert_non_null(pt->schema.pbDefaultRecord);            /* iValue defaults to 0 */
    assert_int_equal(pt->iidxPrimary, 0);
    assert_true(pt->rgidx[0].fidb & REC_IDB_DISALLOW_TRUNCATION);
    const struct bt_tree_desc d = { pt->table.pgnoFDP, pt->table.objid, BT_TYPE_PRIMARY, false, 255 };
    struct bt_cursor *c;
    struct kv_seen seen = { false, 0 };
    assert_int_equal(bt_open(e.db, &d, &c), JET_errSuccess);
    for (JET_ERR err = bt_move_first(c, 0); err != JET_errNoCurrentRecord; err = bt_move_next(c, 0)) {
        assert_int_equal(err, JET_errSuccess);
        uint32_t cb;
        const uint8_t *pb = bt_data(c, &cb);
        struct rec_view v;
        struct rec_value key, val, type;
        assert_int_equal(rec_view_init(&v, pb, cb, 4096, 0), JET_errSuccess);
        assert_int_equal(rec_retrieve(&v, &pt->schema, rec_schema_find(&pt->schema, 128), 1, &key), JET_errSuccess);
        assert_int_equal(rec_retrieve(&v, &pt->schema, rec_schema_find(&pt->schema, 1), 1, &type), JET_errSuccess);
        assert_int_equal(rec_retrieve(&v, &pt->schema, rec_schema_find(&pt->schema, 2), 1, &val), JET_errSuccess);
        assert_int_equal(val.cb, 4);
        if (key.cb == 44 && get_le16(key.pb) == 'M') {
            seen.fConsistent = true;
            assert_int_equal(type.pb[0], 2);
            assert_int_equal(get_le32(val.pb), 1);
        } else {
            assert_int_equal(type.pb[0], 1);
        }
        seen.cRows++;
    }
    bt_close(c);
    assert_true(seen.fConsistent);
    assert_int_equal(seen.cRows, 7);
    catalog_table_free(pt);
    assert_int_equal(catalog_load_table(cat, "NoSuchTable", &pt), JET_errObjectNotFound);
    assert_null(pt);
    catalog_close(cat);
    cenv_close(&e);
}

/* A catalog whose MSysObjects root is not one is refused, not walked. */
static void test_catalog_open_fails_when_root_is_not_catalog(void **state)
{
    (void)state;
    struct cenv e;
    struct catalog *cat;
    size_t cb;
    cenv_create(&e, 4096, 254, false);
    uint8_t *pb = cenv_image(&e, &cb);
    cenv_close(&e);
    /* Page 4 says it belongs to objid 9. */
    uint8_t *pg = pb + page_file_offset(4, 4096);
    put_le32(pg + offsetof(struct pghdr_disk, objidFDP), 9);
    page_checksum_set(pg, 4096, 4);
    put_le64(pb + offsetof(struct dbfilehdr_disk, dbtimeDirtied), 0x1000);
    cenv_open_image(&e, pb, cb, 4096);
    assert_int_equal(catalog_open(e.db, &cat), JET_errDatabaseCorrupted);
    assert_null(cat);
    cenv_close(&e);
    free(pb);
}

/* ---- the samples ------------------------------------------------------------------------------- */

struct expect_line {
    char szName[JET_cbNameMost + 1];
    uint32_t ccol, cidx;
};

static uint32_t read_expect(const char *szData, struct expect_line *rg, uint32_t cMax)
{
    char path[1024], line[512];
    snprintf(path, sizeof path, "%s/esedbinfo_%s.txt", CAT_TEST_DATA_DIR, szData);
    FILE *f = fopen(path, "r");
    uint32_t c = 0;
    assert_non_null(f);
    while (fgets(line, sizeof line, f) && c < cMax) {
        char *tab1 = strchr(line, '\t');
        assert_non_null(tab1);
        *tab1 = 0;
        assert_true(strlen(line) <= JET_cbNameMost);
        strcpy(rg[c].szName, line);
        assert_int_equal(sscanf(tab1 + 1, "%u\t%u", &rg[c].ccol, &rg[c].cidx), 2);
        c++;
    }
    fclose(f);
    return c;
}

static void test_catalog_reads_every_clean_sample_as_esedbinfo(void **state)
{
    (void)state;
    uint32_t cSamples = 0;
    struct expect_line *rgexp = calloc(64, sizeof *rgexp);
    struct names *pn = calloc(1, sizeof *pn);
    for (size_t i = 0; i < ARRAY_SIZE(g_rgsample); i++) {
        const struct sample_desc *pd = NULL;
        for (size_t j = 0; j < sample_count; j++)
            if (!strcmp(sample_all[j].path, g_rgsample[i].szPath))
                pd = &sample_all[j];
        assert_non_null(pd);
        assert_int_equal(pd->dbstate, 3);
        struct sample s;
        struct cenv e;
        struct catalog *cat;
        sample_load(pd, &s);
        cenv_open_image(&e, s.pb, s.cb, pd->cbPage);
        assert_int_equal(catalog_open(e.db, &cat), JET_errSuccess);
        const uint32_t cexp = read_expect(g_rgsample[i].szData, rgexp, 64);
        memset(pn, 0, sizeof *pn);
        assert_int_equal(catalog_enum_tables(cat, collect_table, pn), JET_errSuccess);
        assert_int_equal(pn->c, cexp);
        for (uint32_t t = 0; t < cexp; t++) {
            struct catalog_table *pt;
            assert_string_equal(pn->rgsz[t], rgexp[t].szName);
            assert_int_equal(catalog_load_table(cat, rgexp[t].szName, &pt), JET_errSuccess);
            if (pt->ccol != rgexp[t].ccol || pt->cidx != rgexp[t].cidx)
                fail_msg("%s: table %s: %u columns, %u indexes; esedbinfo: %u, %u", pd->path, rgexp[t].szName, pt->ccol,
                         pt->cidx, rgexp[t].ccol, rgexp[t].cidx);
            assert_int_equal(pt->table.objid, pn->rgobjid[t]);
            /* every record layer column is sorted and every index has its segments */
            for (uint32_t k = 1; k < pt->creccol; k++)
                assert_true(pt->rgreccol[k - 1].fid < pt->rgreccol[k].fid);
            for (uint32_t k = 0; k < pt->cidx; k++)
                assert_true(pt->rgrecidx[k].cseg >= 1);
            catalog_table_free(pt);
        }
        struct catalog_fdp *rgf;
        uint32_t cf;
        assert_int_equal(catalog_list_fdps(cat, &rgf, &cf), JET_errSuccess);
        assert_true(cf >= cexp);
        mem_free(rgf);
        print_message("%s: %u tables read as esedbinfo reads them\n", pd->path, cexp);
        catalog_close(cat);
        cenv_close(&e);
        sample_free(&s);
        cSamples++;
    }
    free(rgexp);
    free(pn);
    assert_int_equal(cSamples, ARRAY_SIZE(g_rgsample));
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_read_new_database_lists_system_tables),
        cmocka_unit_test(test_catalog_find_table_ignores_ascii_case_only),
        cmocka_unit_test(test_catalog_load_table_gives_record_layer_schema),
        cmocka_unit_test(test_catalog_open_fails_when_root_is_not_catalog),
        cmocka_unit_test(test_catalog_reads_every_clean_sample_as_esedbinfo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
