/* SPDX-License-Identifier: MIT
 * isam/tests/test_ddl.c: tables, columns and indexes created at the isam level: the catalog
 * rows read back (catalog_load_table), the integrity check, rollback leaving nothing, and the
 * errors ESE gives for bad definitions. */
#include "test_write_util.h"

WFX_FIXTURE()

/* Every usable column type, as fixed, variable and tagged columns where the type allows. */
static const struct { const char *sz; JET_COLTYP coltyp; } g_rgtype[] = {
    { "Bit", JET_coltypBit }, { "UByte", JET_coltypUnsignedByte }, { "Short", JET_coltypShort },
    { "Long", JET_coltypLong }, { "Currency", JET_coltypCurrency }, { "Single", JET_coltypIEEESingle },
    { "Double", JET_coltypIEEEDouble }, { "DateTime", JET_coltypDateTime }, { "Binary", JET_coltypBinary },
    { "Text", JET_coltypText }, { "LongBinary", JET_coltypLongBinary }, { "LongText", JET_coltypLongText },
    { "ULong", JET_coltypUnsignedLong }, { "LongLong", JET_coltypLongLong }, { "GUID", JET_coltypGUID },
    { "UShort", JET_coltypUnsignedShort }, { "ULongLong", JET_coltypUnsignedLongLong },
};

static void test_ddl_create_table_every_column_type(void **state)
{
    (void)state;
    JET_COLUMNCREATE_A rgc[64];
    char rgsz[64][32];
    uint32_t c = 0;
    for (size_t i = 0; i < ARRAY_SIZE(g_rgtype); i++) {
        const bool fLong = g_rgtype[i].coltyp == JET_coltypLongBinary || g_rgtype[i].coltyp == JET_coltypLongText;
        const bool fVarType = g_rgtype[i].coltyp == JET_coltypBinary || g_rgtype[i].coltyp == JET_coltypText;
        const uint32_t cp = (g_rgtype[i].coltyp == JET_coltypText || g_rgtype[i].coltyp == JET_coltypLongText) ? 1200 : 0;
        if (!fLong) {
            snprintf(rgsz[c], sizeof rgsz[c], "F%s", g_rgtype[i].sz);
            rgc[c] = colc(rgsz[c], g_rgtype[i].coltyp, fVarType ? 20 : 0, JET_bitColumnFixed, cp);
            c++;
        }
        if (fVarType) {
            snprintf(rgsz[c], sizeof rgsz[c], "V%s", g_rgtype[i].sz);
            rgc[c] = colc(rgsz[c], g_rgtype[i].coltyp, 0, 0, cp);
            c++;
        }
        snprintf(rgsz[c], sizeof rgsz[c], "T%s", g_rgtype[i].sz);
        rgc[c] = colc(rgsz[c], g_rgtype[i].coltyp, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, cp);
        c++;
    }
    JET_TABLECREATE4_A tc = tablec("every", rgc, c, NULL, 0);
    uint32_t objid = 0;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errSuccess);
    assert_int_equal(tc.cCreated, 1 + c);
    assert_true(objid > CATALOG_OBJID_MSYSLOCALES);

    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "every", &pt), JET_errSuccess);
    assert_int_equal(pt->ccol, c);
    assert_int_equal(pt->table.objid, objid);
    uint32_t ibExpect = 4;
    for (uint32_t i = 0; i < c; i++) {
        const struct rec_cat_column *pc = catalog_table_column(pt, rgc[i].szColumnName);
        assert_non_null(pc);
        assert_int_equal(pc->coltyp, rgc[i].coltyp);
        assert_int_equal(pc->fid, rgc[i].columnid);
        assert_int_equal(rgc[i].err, JET_errSuccess);
        if (rgc[i].szColumnName[0] == 'F') {
            assert_true(rec_fid_is_fixed(pc->fid));
            assert_int_equal(pc->ibRecordOffset, ibExpect);
            ibExpect += pc->cbMax;
        } else if (rgc[i].szColumnName[0] == 'V') {
            assert_true(rec_fid_is_var(pc->fid));
        } else {
            assert_true(rec_fid_is_tagged(pc->fid));
            assert_true(pc->fFlags & REC_FIELD_MULTIVALUED);
        }
    }
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

static void test_ddl_create_table_every_index_kind(void **state)
{
    (void)state;
    JET_COLUMNCREATE_A rgc[] = {
        colc("Id", JET_coltypLong, 0, JET_bitColumnAutoincrement | JET_bitColumnNotNULL, 0),
        colc("Name", JET_coltypText, 100, 0, 1252),
        colc("UName", JET_coltypText, 100, 0, 1200),
        colc("Tags", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 1200),
        colc("Nums", JET_coltypLong, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0),
        colc("Flag", JET_coltypBit, 0, 0, 0),
        colc("Blob", JET_coltypLongBinary, 0, 0, 0),
    };
    struct keybuf k[10];
    keybuf_set(&k[0], "+Id");
    keybuf_set(&k[1], "+Name|-Id");
    keybuf_set(&k[2], "+UName");
    keybuf_set(&k[3], "+Tags");
    keybuf_set(&k[4], "+Tags|+Nums");
    keybuf_set(&k[5], "+Name");
    keybuf_set(&k[6], "-Nums|+Name");
    keybuf_set(&k[7], "+Name");
    keybuf_set(&k[8], "+Flag|+Name");
    JET_CONDITIONALCOLUMN_A cond = { sizeof cond, (char *)"Flag", JET_bitIndexColumnMustBeNonNull };
    JET_INDEXCREATE3_A rgi[] = {
        idxc("Primary", &k[0], JET_bitIndexPrimary),
        idxc("NameUnique", &k[1], JET_bitIndexUnique | JET_bitIndexDisallowNull),
        idxc("UName", &k[2], JET_bitIndexIgnoreNull),
        idxc("Tags", &k[3], JET_bitIndexIgnoreAnyNull),
        idxc("Cross", &k[4], JET_bitIndexCrossProduct | JET_bitIndexIgnoreFirstNull),
        idxc("Tuples", &k[5], JET_bitIndexTuples),
        idxc("NumsName", &k[6], JET_bitIndexSortNullsHigh),
        idxc("Empty", &k[7], JET_bitIndexIgnoreAnyNull | JET_bitIndexEmpty),
        idxc("Cond", &k[8], JET_bitIndexKeyMost),
    };
    rgi[8].rgconditionalcolumn = &cond;
    rgi[8].cConditionalColumn = 1;
    rgi[8].cbKeyMost = 500;
    JET_TABLECREATE4_A tc = tablec("indexed", rgc, ARRAY_SIZE(rgc), rgi, ARRAY_SIZE(rgi));
    uint32_t objid;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errSuccess);
    assert_int_equal(tc.cCreated, 1 + ARRAY_SIZE(rgc) + ARRAY_SIZE(rgi));
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "indexed", &pt), JET_errSuccess);
    assert_int_equal(pt->cidx, ARRAY_SIZE(rgi));
    assert_int_equal(pt->iidxPrimary, 0);
    const struct rec_cat_index *pi = catalog_table_index(pt, "Primary");
    assert_non_null(pi);
    assert_int_equal(pi->objid, objid);
    assert_int_equal(pi->pgnoFDP, pt->table.pgnoFDP);
    assert_int_equal(pi->fidb, REC_IDB_PRIMARY | REC_IDB_UNIQUE | REC_IDB_ALLOW_ALL_NULLS | REC_IDB_ALLOW_FIRST_NULL
                                   | REC_IDB_ALLOW_SOME_NULLS);
    pi = catalog_table_index(pt, "NameUnique");
    assert_int_equal(pi->fidb, REC_IDB_UNIQUE | REC_IDB_NO_NULL_SEG);
    assert_int_equal(pi->cseg, 2);
    assert_true(pi->rgseg[1].fFlags & REC_IDXSEG_DESCENDING);
    pi = catalog_table_index(pt, "UName");
    assert_true(pi->fidb & REC_IDB_LOCALIZED_TEXT);
    assert_true(pi->fVersion && pi->fSortId);
    pi = catalog_table_index(pt, "Tags");
    assert_true(pi->fidb & REC_IDB_MULTIVALUED);
    assert_false(pi->fidb & (REC_IDB_ALLOW_ALL_NULLS | REC_IDB_ALLOW_FIRST_NULL | REC_IDB_ALLOW_SOME_NULLS));
    pi = catalog_table_index(pt, "Cross");
    assert_true(pi->fidb & REC_IDB_CROSS_PRODUCT);
    pi = catalog_table_index(pt, "Tuples");
    assert_true(pi->fTuples);
    assert_int_equal(pi->rgulTuple[0], 3);
    assert_int_equal(pi->rgulTuple[1], 10);
    pi = catalog_table_index(pt, "NumsName");
    assert_true(pi->fidb & REC_IDB_SORT_NULLS_HIGH);
    pi = catalog_table_index(pt, "Cond");
    assert_int_equal(pi->csegConditional, 1);
    assert_int_equal(pi->cbKeyMost, 500);
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

static void test_ddl_create_table_rolls_back_with_its_transaction(void **state)
{
    (void)state;
    uint32_t cpgOwned0, cpgAvail0, cpgOwned1, cpgAvail1;
    assert_int_equal(space_get_counts(&g_f.db->sdb, SPACE_PGNO_DB_ROOT, &cpgOwned0, &cpgAvail0), JET_errSuccess);
    JET_COLUMNCREATE_A rgc[] = { colc("A", JET_coltypLong, 0, 0, 0), colc("B", JET_coltypText, 0, 0, 0) };
    struct keybuf k;
    keybuf_set(&k, "+B");
    JET_INDEXCREATE3_A rgi[] = { idxc("IB", &k, 0) };
    JET_TABLECREATE4_A tc = tablec("gone", rgc, 2, rgi, 1);
    tc.ulPages = 10;
    uint32_t objid;
    assert_int_equal(isam_trx_begin(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errSuccess);
    struct catalog_table *pt = NULL;
    assert_int_equal(wfx_load(&g_f, "gone", &pt), JET_errSuccess);
    catalog_table_free(pt);
    assert_int_equal(isam_trx_rollback(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(wfx_load(&g_f, "gone", &pt), JET_errObjectNotFound);
    assert_int_equal(space_get_counts(&g_f.db->sdb, SPACE_PGNO_DB_ROOT, &cpgOwned1, &cpgAvail1), JET_errSuccess);
    assert_int_equal(cpgAvail1, cpgAvail0);
    uint32_t cWarnings;
    assert_int_equal(wfx_check(&g_f, &cWarnings), JET_errSuccess);
    assert_int_equal(cWarnings, 0);
}

static void test_ddl_create_table_refuses_bad_definitions(void **state)
{
    (void)state;
    uint32_t objid;
    JET_COLUMNCREATE_A rgc[2];
    JET_TABLECREATE4_A tc;

    tc = tablec("bad name!", NULL, 0, NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errInvalidName);
    tc = tablec(" lead", NULL, 0, NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errInvalidName);
    tc = tablec("t", NULL, 0, NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, 5, &tc, &objid), JET_errInvalidDatabaseId);
    tc.ulDensity = 10;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errDensityInvalid);

    rgc[0] = colc("A", 13, 0, 0, 0);
    tc = tablec("t", rgc, 1, NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errInvalidColumnType);
    assert_int_equal(rgc[0].err, JET_errInvalidColumnType);
    rgc[0] = colc("A", JET_coltypLong, 0, JET_bitColumnMultiValued, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errMultiValuedColumnMustBeTagged);
    rgc[0] = colc("A", JET_coltypText, 0, 0, 37);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errInvalidCodePage);
    rgc[0] = colc("A", JET_coltypLong, 0, JET_bitColumnCompressed, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errColumnCannotBeCompressed);
    rgc[0] = colc("A", JET_coltypLong, 0, JET_bitColumnEscrowUpdate, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errInvalidGrbit);
    rgc[0] = colc("A", JET_coltypLong, 0, JET_bitColumnVersion | JET_bitColumnTagged, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errCannotBeTagged);
    rgc[0] = colc("A", JET_coltypLong, 0, 0, 0);
    rgc[1] = colc("a", JET_coltypShort, 0, 0, 0);
    tc = tablec("t", rgc, 2, NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errColumnDuplicate);
    rgc[1] = colc("B", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0);
    rgc[0] = colc("A", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errColumnRedundant);

    struct keybuf k;
    rgc[0] = colc("A", JET_coltypLong, 0, 0, 0);
    rgc[1] = colc("B", JET_coltypLong, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0);
    JET_INDEXCREATE3_A rgi[2];
    keybuf_set(&k, "+Nope");
    rgi[0] = idxc("I", &k, 0);
    tc = tablec("t", rgc, 2, rgi, 1);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errColumnNotFound);
    assert_int_equal(rgi[0].err, JET_errColumnNotFound);
    keybuf_set(&k, "+B");
    rgi[0] = idxc("I", &k, JET_bitIndexPrimary);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errIndexInvalidDef);
    keybuf_set(&k, "A");
    rgi[0] = idxc("I", &k, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errIndexInvalidDef);
    keybuf_set(&k, "+A");
    rgi[0] = idxc("I", &k, JET_bitIndexPrimary | JET_bitIndexIgnoreNull);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errInvalidGrbit);
    rgi[0] = idxc("I", &k, JET_bitIndexPrimary);
    rgi[1] = idxc("J", &k, JET_bitIndexPrimary);
    tc = tablec("t", rgc, 2, rgi, 2);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errIndexHasPrimary);
    rgi[1] = idxc("i", &k, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errIndexDuplicate);
    rgi[0] = idxc("I", &k, JET_bitIndexEmpty);
    tc = tablec("t", rgc, 2, rgi, 1);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errInvalidGrbit);

    /* None of it left anything behind. */
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "t", &pt), JET_errObjectNotFound);
    tc = tablec("t", NULL, 0, NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errSuccess);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errTableDuplicate);
    tc = tablec("T", NULL, 0, NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errTableDuplicate);
    uint32_t cWarnings;
    assert_int_equal(wfx_check(&g_f, &cWarnings), JET_errSuccess);
    assert_int_equal(cWarnings, 0);
}

static void test_ddl_template_and_derived_tables(void **state)
{
    (void)state;
    uint32_t objidT, objidD;
    JET_COLUMNCREATE_A rgc[] = { colc("K", JET_coltypLong, 0, 0, 0), colc("Tg", JET_coltypBinary, 0, JET_bitColumnTagged, 0) };
    struct keybuf k;
    keybuf_set(&k, "+K");
    JET_INDEXCREATE3_A rgi[] = { idxc("PK", &k, JET_bitIndexPrimary) };
    JET_TABLECREATE4_A tc = tablec("tmpl", rgc, 2, rgi, 1);
    tc.grbit = JET_bitTableCreateTemplateTable;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objidT), JET_errSuccess);
    assert_int_equal(rgc[0].columnid, 0x80000001u);
    JET_COLUMNCREATE_A rgcD[] = { colc("Own", JET_coltypShort, 0, 0, 0) };
    JET_TABLECREATE4_A td = tablec("derived", rgcD, 1, NULL, 0);
    td.szTemplateTableName = (char *)"tmpl";
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &td, &objidD), JET_errSuccess);
    assert_int_equal(rgcD[0].columnid, 2u);    /* fixed fids continue the template's */
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "derived", &pt), JET_errSuccess);
    assert_true(pt->table.fFlags & REC_CAT_TABLE_DERIVED);
    assert_int_equal(pt->cidx, 1);
    assert_true(pt->rgidx[0].fidb & REC_IDB_DERIVED_INDEX);
    assert_int_equal(pt->rgidx[0].pgnoFDP, pt->table.pgnoFDP);
    catalog_table_free(pt);
    JET_TABLECREATE4_A tx = tablec("x", NULL, 0, NULL, 0);
    tx.szTemplateTableName = (char *)"derived";
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tx, &objidD), JET_errDDLNotInheritable);
    tx.szTemplateTableName = (char *)"nope";
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tx, &objidD), JET_errObjectNotFound);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

/* ESE's fids for a derived table's own columns (ErrTDBCreate): fixed and variable ones follow
 * the template's, tagged ones start again at 256, beside the template's 256; the catalog reads
 * the table back with both, each found by its columnid's template bit. */
static void test_ddl_derived_table_own_columns_take_ese_fids(void **state)
{
    (void)state;
    uint32_t objidT, objidD;
    JET_COLUMNCREATE_A rgc[] = { colc("K", JET_coltypLong, 0, 0, 0), colc("V", JET_coltypText, 0, 0, 1252),
                                 colc("Tg", JET_coltypBinary, 0, JET_bitColumnTagged, 0) };
    struct keybuf k;
    keybuf_set(&k, "+K");
    JET_INDEXCREATE3_A rgi[] = { idxc("PK", &k, JET_bitIndexPrimary) };
    JET_TABLECREATE4_A tc = tablec("tmpl", rgc, 3, rgi, 1);
    tc.grbit = JET_bitTableCreateTemplateTable;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objidT), JET_errSuccess);
    assert_int_equal(rgc[2].columnid, 0x80000100u);
    JET_COLUMNCREATE_A rgcD[] = { colc("OwnF", JET_coltypShort, 0, 0, 0), colc("OwnV", JET_coltypBinary, 0, 0, 0),
                                  colc("OwnT", JET_coltypLong, 0, JET_bitColumnTagged, 0),
                                  colc("OwnT2", JET_coltypLongText, 0, 0, 1252) };
    JET_TABLECREATE4_A td = tablec("derived", rgcD, 4, NULL, 0);
    td.szTemplateTableName = (char *)"tmpl";
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &td, &objidD), JET_errSuccess);
    assert_int_equal(rgcD[0].columnid, 2u);     /* after the template's fixed 1 */
    assert_int_equal(rgcD[1].columnid, 129u);   /* after the template's variable 128 */
    assert_int_equal(rgcD[2].columnid, 256u);   /* tagged: from 256 again */
    assert_int_equal(rgcD[3].columnid, 257u);
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "derived", &pt), JET_errSuccess);
    assert_int_equal(pt->creccol, 7);
    const struct rec_column *pcT = rec_schema_find_col(&pt->schema, 256, true);
    const struct rec_column *pcD = rec_schema_find_col(&pt->schema, 256, false);
    assert_non_null(pcT);
    assert_non_null(pcD);
    assert_true(pcT->fTemplate);
    assert_int_equal(pcT->coltyp, JET_coltypBinary);
    assert_false(pcD->fTemplate);
    assert_int_equal(pcD->coltyp, JET_coltypLong);
    assert_true(rec_column_derived_bit(&pt->schema, pcT));
    assert_false(rec_column_derived_bit(&pt->schema, pcD));
    /* A fid only the template has, or only the derived table, is found whatever the bit says. */
    assert_ptr_equal(rec_schema_find_col(&pt->schema, 257, true), rec_schema_find_col(&pt->schema, 257, false));
    assert_int_equal(rec_schema_find_col(&pt->schema, 129, true)->coltyp, JET_coltypBinary);
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

/* A derived table's template columns are its own too, by name after its own columns and by a
 * columnid carrying the template bit (ESE's ErrFILEGetPfieldAndEnterDML, ErrINFOGetTableColumnInfo). */
static void test_ddl_derived_table_finds_template_columns(void **state)
{
    (void)state;
    uint32_t objidT, objidD;
    JET_COLUMNCREATE_A rgc[] = { colc("K", JET_coltypLong, 0, 0, 0), colc("Tg", JET_coltypBinary, 0, JET_bitColumnTagged, 0) };
    struct keybuf k;
    keybuf_set(&k, "+K");
    JET_INDEXCREATE3_A rgi[] = { idxc("PK", &k, JET_bitIndexPrimary) };
    JET_TABLECREATE4_A tc = tablec("tmpl", rgc, 2, rgi, 1);
    tc.grbit = JET_bitTableCreateTemplateTable;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objidT), JET_errSuccess);
    JET_COLUMNCREATE_A rgcD[] = { colc("OwnT", JET_coltypLong, 0, JET_bitColumnTagged, 0) };
    JET_TABLECREATE4_A td = tablec("derived", rgcD, 1, NULL, 0);
    td.szTemplateTableName = (char *)"tmpl";
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &td, &objidD), JET_errSuccess);

    struct catalog_table *pt;
    bool fTemplate = false;
    assert_int_equal(wfx_load(&g_f, "derived", &pt), JET_errSuccess);
    assert_non_null(pt->ptTemplate);
    assert_null(catalog_table_column(pt, "Tg"));            /* not among its own rows */
    const struct rec_cat_column *pc = catalog_table_column_inherited(pt, "tg", &fTemplate);
    assert_non_null(pc);
    assert_true(fTemplate);
    assert_int_equal(pc->coltyp, JET_coltypBinary);
    pc = catalog_table_column_inherited(pt, "OwnT", &fTemplate);
    assert_non_null(pc);
    assert_false(fTemplate);
    assert_null(catalog_table_column_inherited(pt, "None", &fTemplate));
    /* fid 256 twice: the template bit picks */
    pc = catalog_table_column_by_id(pt, 0x80000100u, &fTemplate);
    assert_true(pc && fTemplate && pc->coltyp == JET_coltypBinary);
    pc = catalog_table_column_by_id(pt, 256, &fTemplate);
    assert_true(pc && !fTemplate && pc->coltyp == JET_coltypLong);
    assert_null(catalog_table_column_by_id(pt, 0x80000002u, &fTemplate));
    catalog_table_free(pt);
    /* the template table itself: every column a template column, with or without the bit */
    assert_int_equal(wfx_load(&g_f, "tmpl", &pt), JET_errSuccess);
    assert_null(pt->ptTemplate);
    pc = catalog_table_column_inherited(pt, "K", &fTemplate);
    assert_true(pc && fTemplate);
    pc = catalog_table_column_by_id(pt, 1, &fTemplate);
    assert_true(pc && fTemplate && pc->coltyp == JET_coltypLong);
    catalog_table_free(pt);
}

/* JetCreateTableColumnIndex5's cbLVChunkMax: kept in the table row (ESE's LVChunkMax), refused
 * above the page's chunk size. */
static void test_ddl_create_table5_keeps_lv_chunk_max(void **state)
{
    (void)state;
    uint32_t objid;
    JET_COLUMNCREATE_A rgc[] = { colc("LV", JET_coltypLongBinary, 0, 0, 0) };
    JET_TABLECREATE4_A tc = tablec("t5", rgc, 1, NULL, 0);
    assert_int_equal(isam_ddl_create_table5(g_f.sess, g_f.dbid, &tc, rec_lv_chunk_most(g_f.db->cbPage) + 1, &objid),
                     JET_errInvalidLVChunkSize);
    assert_int_equal(isam_ddl_create_table5(g_f.sess, g_f.dbid, &tc, 1000, &objid), JET_errSuccess);
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "t5", &pt), JET_errSuccess);
    assert_int_equal(pt->table.cbLVChunkMax, 1000);
    catalog_table_free(pt);
    tc = tablec("t4", rgc, 1, NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errSuccess);
    assert_int_equal(wfx_load(&g_f, "t4", &pt), JET_errSuccess);
    assert_int_equal(pt->table.cbLVChunkMax, 0);
    catalog_table_free(pt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ddl_create_table_every_column_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_create_table_every_index_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_create_table_rolls_back_with_its_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_create_table_refuses_bad_definitions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_template_and_derived_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_derived_table_own_columns_take_ese_fids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_derived_table_finds_template_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ddl_create_table5_keeps_lv_chunk_max, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
