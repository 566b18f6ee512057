/* SPDX-License-Identifier: MIT
 * isam/tests/test_compact.c: offline compaction (isam_compact, the copier under it). A database
 * with every column kind and index kind, long and multi-valued values, a template and a derived
 * table, is compacted; the copy's schema and every row are compared with the source's by column
 * name, the copy passes the integrity check and its secondary indexes hold exactly their
 * records' entries; a table that lost most of its records shrinks; the errors and the status
 * callback behave as ESE's ErrIsamCompact. */
#include "test_write_util.h"
#include "isam_compact.h"

WFX_FIXTURE()

/* ---- building the source ---- */

enum { COL_ID, COL_NAME, COL_NUM, COL_TAGS, COL_BLOB, COL_TEXT, COL_ESCROW, COL_VER, COL_GUID, COL_FLAG, COL_DBL, COL_NUMS,
       COL_NOTE, CCOL };
static JET_COLUMNID g_rgcolid[CCOL];
static uint32_t g_objid;

static void make_table(void)
{
    static const int32_t lZero = 0;
    static const char szDefault[] = "none";
    JET_COLUMNCREATE_A rgc[CCOL] = {
        colc("Id", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0),
        colc("Name", JET_coltypText, 64, 0, 1252),
        colc("Num", JET_coltypLong, 0, 0, 0),
        colc("Tags", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 1252),
        colc("Blob", JET_coltypLongBinary, 0, 0, 0),
        colc("Text", JET_coltypLongText, 0, JET_bitColumnCompressed, 1200),
        colc("Escrow", JET_coltypLong, 0, JET_bitColumnEscrowUpdate, 0),
        colc("Ver", JET_coltypLong, 0, JET_bitColumnVersion, 0),
        colc("Guid", JET_coltypGUID, 0, 0, 0),
        colc("Flag", JET_coltypBit, 0, 0, 0),
        colc("Dbl", JET_coltypIEEEDouble, 0, JET_bitColumnTagged, 0),
        colc("Nums", JET_coltypLong, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0),
        colc("Note", JET_coltypText, 32, 0, 1252),
    };
    rgc[COL_ESCROW].pvDefault = (void *)&lZero;
    rgc[COL_ESCROW].cbDefault = 4;
    rgc[COL_NOTE].pvDefault = (void *)szDefault;
    rgc[COL_NOTE].cbDefault = 4;
    struct keybuf k[7];
    keybuf_set(&k[0], "+Id");
    keybuf_set(&k[1], "+Name");
    keybuf_set(&k[2], "+Tags");
    keybuf_set(&k[3], "-Num|+Name");
    keybuf_set(&k[4], "+Tags|+Nums");
    keybuf_set(&k[5], "+Name");
    keybuf_set(&k[6], "+Guid");
    JET_CONDITIONALCOLUMN_A cond = { sizeof cond, (char *)"Flag", JET_bitIndexColumnMustBeNonNull };
    JET_INDEXCREATE3_A rgi[] = {
        idxc("Primary", &k[0], JET_bitIndexPrimary),
        idxc("Name", &k[1], JET_bitIndexUnique | JET_bitIndexIgnoreNull),
        idxc("Tags", &k[2], JET_bitIndexIgnoreAnyNull),
        idxc("NumName", &k[3], JET_bitIndexSortNullsHigh),
        idxc("Cross", &k[4], JET_bitIndexCrossProduct | JET_bitIndexIgnoreFirstNull),
        idxc("Tuples", &k[5], JET_bitIndexTuples),
        idxc("CondGuid", &k[6], JET_bitIndexKeyMost),
    };
    rgi[6].rgconditionalcolumn = &cond;
    rgi[6].cConditionalColumn = 1;
    rgi[6].cbKeyMost = 400;
    JET_TABLECREATE4_A tc = tablec("t", rgc, CCOL, rgi, ARRAY_SIZE(rgi));
    tc.ulPages = 4;
    tc.ulDensity = 90;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &g_objid), JET_errSuccess);
    for (unsigned i = 0; i < CCOL; i++)
        g_rgcolid[i] = rgc[i].columnid;
}

static struct isam_wtable *wt(uint32_t objid)
{
    struct isam_wtable *pwt = NULL;
    assert_int_equal(isam_wtable_open(g_f.db, objid, &pwt), JET_errSuccess);
    return pwt;
}

/* Record i of the test table; pbBm gets its bookmark. */
static JET_ERR insert(int i, uint8_t *pbBm, uint32_t *pcbBm)
{
    JET_ERR err;
    struct isam_upd u;
    char szName[32], szTag[16], szText[64];
    CALL_R(isam_upd_prepare(g_f.sess, wt(g_objid), &u, JET_prepInsert, NULL, 0, NULL, 0));
    snprintf(szName, sizeof szName, "name%05d", (i * 7919) % 100003);
    CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NAME], szName, (uint32_t)strlen(szName), 0, 1, 0));
    const int32_t num = i % 17;
    CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NUM], &num, 4, 0, 1, 0));
    for (int t = 0; t < i % 4; t++) {
        snprintf(szTag, sizeof szTag, "tag%d", (i + t) % 11);
        CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_TAGS], szTag, (uint32_t)strlen(szTag), 0, 0, 0));
    }
    if (i % 3 == 0) {
        /* a zero-length tag among the values */
        CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_TAGS], "", 0, JET_bitSetZeroLength, 0, 0));
    }
    if (i % 5 == 0) {
        /* separated: bigger than a page */
        const uint32_t cb = 5000 + (uint32_t)i * 13;
        uint8_t *pb = mem_alloc(cb);
        for (uint32_t b = 0; b < cb; b++) pb[b] = (uint8_t)(b * 31 + (uint32_t)i);
        err = isam_upd_set(g_f.sess, &u, g_rgcolid[COL_BLOB], pb, cb, 0, 1, 0);
        mem_free(pb);
        CALL(err);
    } else if (i % 5 == 1) {
        const uint8_t rgb[3] = { 1, 2, (uint8_t)i };
        CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_BLOB], rgb, 3, 0, 1, 0));
    }
    if (i % 2 == 0) {
        /* compressible Unicode text */
        ESENT_WCHAR wsz[300];
        snprintf(szText, sizeof szText, "text of record %d ", i);
        for (unsigned c = 0; c < ARRAY_SIZE(wsz); c++) wsz[c] = (ESENT_WCHAR)szText[c % strlen(szText)];
        CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_TEXT], wsz, sizeof wsz, 0, 1, 0));
    }
    const int32_t esc = i * 3;
    CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_ESCROW], &esc, 4, 0, 1, 0));
    uint8_t guid[16];
    for (int b = 0; b < 16; b++) guid[b] = (uint8_t)(i * 7 + b);
    if (i % 4 != 3) CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_GUID], guid, 16, 0, 1, 0));
    if (i % 3 == 1) {
        const uint8_t f = 0xFF;
        CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_FLAG], &f, 1, 0, 1, 0));
    }
    if (i % 7 == 0) {
        const double d = i / 7.0;
        CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_DBL], &d, 8, 0, 1, 0));
    }
    for (int n = 0; n < i % 3; n++) {
        const int32_t v = i * 100 + n;
        CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NUMS], &v, 4, 0, 0, 0));
    }
    if (i % 6 == 0) CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NOTE], NULL, 0, 0, 1, 0));     /* NULL over a default */
    else if (i % 6 == 1) CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NOTE], "set", 3, 0, 1, 0));
    uint8_t rgb[JET_cbKeyMostMost];
    uint32_t cb = 0;
    CALL(isam_upd_update(g_f.sess, &u, pbBm ? pbBm : rgb, JET_cbKeyMostMost, pcbBm ? pcbBm : &cb, 0));
    return err;
out:
    {
        const JET_ERR e = isam_upd_cancel(g_f.sess, &u);
        (void)e;
    }
    return err;
}

/* A template table, a derived table with a column of its own, and a table without a primary
 * index (records keyed by DBK). */
static void make_template_and_derived(void)
{
    uint32_t objidT, objidD, objidS;
    JET_COLUMNCREATE_A rgc[] = { colc("K", JET_coltypLong, 0, 0, 0), colc("Tg", JET_coltypBinary, 0, JET_bitColumnTagged, 0) };
    struct keybuf k[2];
    keybuf_set(&k[0], "+K");
    keybuf_set(&k[1], "+Tg");
    JET_INDEXCREATE3_A rgi[] = { idxc("PK", &k[0], JET_bitIndexPrimary), idxc("ByTg", &k[1], JET_bitIndexIgnoreNull) };
    JET_TABLECREATE4_A tc = tablec("tmpl", rgc, 2, rgi, 2);
    tc.grbit = JET_bitTableCreateTemplateTable;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objidT), JET_errSuccess);
    JET_COLUMNCREATE_A rgcD[] = { colc("Own", JET_coltypShort, 0, 0, 0), colc("OwnVar", JET_coltypText, 40, 0, 1252) };
    /* (a tagged column of its own would share fid 256 with the template's Tg, which the catalog
     * reader refuses today: see the isam README) */
    JET_TABLECREATE4_A td = tablec("derived", rgcD, 2, NULL, 0);
    td.szTemplateTableName = (char *)"tmpl";
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &td, &objidD), JET_errSuccess);
    for (int i = 0; i < 50; i++) {
        struct isam_upd u;
        assert_int_equal(isam_upd_prepare(g_f.sess, wt(objidD), &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
        const int32_t key = 1000 - i;
        const int16_t own = (int16_t)(i * 3);
        const uint8_t tg[2] = { (uint8_t)i, 0x5A };
        char sz[16];
        snprintf(sz, sizeof sz, "own%d", i);
        assert_int_equal(isam_upd_set(g_f.sess, &u, rgc[0].columnid, &key, 4, 0, 1, 0), JET_errSuccess);
        if (i % 2) assert_int_equal(isam_upd_set(g_f.sess, &u, rgc[1].columnid, tg, 2, 0, 1, 0), JET_errSuccess);
        assert_int_equal(isam_upd_set(g_f.sess, &u, rgcD[0].columnid, &own, 2, 0, 1, 0), JET_errSuccess);
        assert_int_equal(isam_upd_set(g_f.sess, &u, rgcD[1].columnid, sz, (uint32_t)strlen(sz), 0, 1, 0), JET_errSuccess);
        assert_int_equal(isam_upd_update(g_f.sess, &u, NULL, 0, NULL, 0), JET_errSuccess);
    }
    JET_COLUMNCREATE_A rgcS[] = { colc("V", JET_coltypText, 100, 0, 1252) };
    JET_TABLECREATE4_A ts = tablec("seq", rgcS, 1, NULL, 0);
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &ts, &objidS), JET_errSuccess);
    for (int i = 0; i < 30; i++) {
        struct isam_upd u;
        char sz[16];
        snprintf(sz, sizeof sz, "seq%02d", i);
        assert_int_equal(isam_upd_prepare(g_f.sess, wt(objidS), &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
        assert_int_equal(isam_upd_set(g_f.sess, &u, rgcS[0].columnid, sz, (uint32_t)strlen(sz), 0, 1, 0), JET_errSuccess);
        assert_int_equal(isam_upd_update(g_f.sess, &u, NULL, 0, NULL, 0), JET_errSuccess);
    }
}

/* ---- comparing source and copy ---- */

struct side {
    struct isam_db *db;
    struct catalog *cat;
};

static const char *col_name(const struct catalog_table *pt, const struct catalog_table *ptT, const struct rec_column *pc)
{
    const struct catalog_table *rg[2] = { pc->fTemplate && ptT ? ptT : pt, pc->fTemplate && ptT ? pt : ptT };
    for (int s = 0; s < 2; s++)
        for (uint32_t i = 0; rg[s] && i < rg[s]->ccol; i++)
            if (rg[s]->rgcol[i].fid == pc->fid && rg[s]->rgcol[i].coltyp) return rg[s]->rgcol[i].szName;
    return NULL;
}

/* Value itag of a column, whole (separated and compressed ones read); NULL is *pcb = UINT32_MAX. */
static uint8_t *whole_value(struct isam_wtable *pwt, const struct rec_view *pv, const struct rec_column *pc, uint32_t itag,
        uint32_t *pcb)
{
    struct rec_value val;
    JET_ERR err = rec_retrieve(pv, &pwt->pt->schema, pc, itag, &val);
    assert_true(err >= 0);
    if (err == JET_wrnColumnNull) {
        *pcb = UINT32_MAX;
        return NULL;
    }
    uint8_t *pb = NULL;
    if (val.fFlags & REC_VALUE_SEPARATED) {
        uint64_t lid;
        assert_true(rec_lid_get(val.pb, val.cb, &lid));
        assert_int_equal(isam_lv_open(g_f.sess, pwt, false), JET_errSuccess);
        assert_int_equal(isam_lv_read_all(pwt, lid, &pb, pcb), JET_errSuccess);
    } else if (val.fFlags & REC_VALUE_COMPRESSED) {
        uint32_t cb;
        assert_int_equal(rec_decompressed_size(val.pb, val.cb, &cb), JET_errSuccess);
        pb = mem_alloc(cb + 1);
        assert_int_equal(rec_decompress(val.pb, val.cb, pb, cb, pcb), JET_errSuccess);
    } else {
        pb = mem_alloc(val.cb + 1);
        memcpy(pb, val.pb, val.cb);
        *pcb = val.cb;
    }
    return pb;
}

static void compare_index(const struct catalog_table *pa, const struct catalog_table *paT, const struct rec_cat_index *pia,
        const struct catalog_table *pb, const struct catalog_table *pbT, const struct rec_cat_index *pib)
{
    assert_int_equal(pia->fidb & ~REC_IDB_LOCALE_SET, pib->fidb & ~REC_IDB_LOCALE_SET);
    assert_int_equal(pia->fidx, pib->fidx);
    assert_int_equal(pia->cbKeyMost, pib->cbKeyMost);
    assert_int_equal(pia->cbVarSegMac, pib->cbVarSegMac);
    assert_int_equal(pia->cseg, pib->cseg);
    assert_int_equal(pia->csegConditional, pib->csegConditional);
    assert_int_equal(pia->fTuples, pib->fTuples);
    if (pia->fTuples) assert_memory_equal(pia->rgulTuple, pib->rgulTuple, sizeof pia->rgulTuple);
    assert_int_equal(pia->dwLCMapFlags, pib->dwLCMapFlags);
    assert_memory_equal(pia->wszLocaleName, pib->wszLocaleName, sizeof pia->wszLocaleName);
    for (uint32_t s = 0; s < pia->cseg + pia->csegConditional; s++) {
        const struct rec_idxseg *psa = s < pia->cseg ? &pia->rgseg[s] : &pia->rgsegConditional[s - pia->cseg];
        const struct rec_idxseg *psb = s < pib->cseg ? &pib->rgseg[s] : &pib->rgsegConditional[s - pib->cseg];
        assert_int_equal(psa->fFlags, psb->fFlags);
        struct rec_column ca = { .fid = psa->fid, .fTemplate = (psa->fFlags & REC_IDXSEG_TEMPLATE) != 0, .coltyp = 1 };
        struct rec_column cb = { .fid = psb->fid, .fTemplate = (psb->fFlags & REC_IDXSEG_TEMPLATE) != 0, .coltyp = 1 };
        assert_string_equal(col_name(pa, paT, &ca), col_name(pb, pbT, &cb));
    }
}

/* Schema and rows of table szTable equal in both databases; returns the rows compared. */
static uint32_t compare_table(struct side *a, struct side *b, const char *szTable)
{
    struct catalog_table *pa, *pb, *paT = NULL, *pbT = NULL;
    assert_int_equal(catalog_load_table(a->cat, szTable, &pa), JET_errSuccess);
    assert_int_equal(catalog_load_table(b->cat, szTable, &pb), JET_errSuccess);
    assert_int_equal(pa->table.fFlags & ~REC_CAT_TABLE_SYSTEM, pb->table.fFlags & ~REC_CAT_TABLE_SYSTEM);
    assert_string_equal(pa->table.szTemplateTable, pb->table.szTemplateTable);
    assert_int_equal(pa->table.cpgInitial, pb->table.cpgInitial);
    assert_int_equal(pa->table.ulDensity, pb->table.ulDensity);
    if (pa->table.szTemplateTable[0]) {
        assert_int_equal(catalog_load_table(a->cat, pa->table.szTemplateTable, &paT), JET_errSuccess);
        assert_int_equal(catalog_load_table(b->cat, pb->table.szTemplateTable, &pbT), JET_errSuccess);
    }
    /* columns: by name, same type, size, flags, code page and default */
    uint32_t cColA = 0;
    for (uint32_t i = 0; i < pa->ccol; i++) {
        const struct rec_cat_column *pc = &pa->rgcol[i];
        if (!pc->coltyp) continue;
        cColA++;
        const struct rec_cat_column *pcb = catalog_table_column(pb, pc->szName);
        assert_non_null(pcb);
        assert_int_equal(pc->coltyp, pcb->coltyp);
        assert_int_equal(pc->cbMax, pcb->cbMax);
        assert_int_equal(pc->fFlags, pcb->fFlags);
        assert_int_equal(pc->cp, pcb->cp);
        assert_int_equal(pc->cbDefault, pcb->cbDefault);
        if (pc->cbDefault) assert_memory_equal(pc->pbDefault, pcb->pbDefault, pc->cbDefault);
    }
    uint32_t cColB = 0;
    for (uint32_t i = 0; i < pb->ccol; i++)
        if (pb->rgcol[i].coltyp) cColB++;
    assert_int_equal(cColA, cColB);
    /* indexes: by name */
    assert_int_equal(pa->cidx, pb->cidx);
    for (uint32_t i = 0; i < pa->cidx; i++) {
        const struct rec_cat_index *pib = catalog_table_index(pb, pa->rgidx[i].szName);
        assert_non_null(pib);
        compare_index(pa, paT, &pa->rgidx[i], pb, pbT, pib);
    }
    /* rows, in order, every value of every column */
    struct isam_wtable *wa, *wb;
    assert_int_equal(isam_wtable_open(a->db, pa->table.objid, &wa), JET_errSuccess);
    assert_int_equal(isam_wtable_open(b->db, pb->table.objid, &wb), JET_errSuccess);
    struct bt_cursor *ca, *cb;
    struct isam_tree *ta, *tb;
    assert_int_equal(isam_wtable_cursor(wa, ISAM_WT_DATA, &ca, &ta), JET_errSuccess);
    assert_int_equal(isam_wtable_cursor(wb, ISAM_WT_DATA, &cb, &tb), JET_errSuccess);
    JET_ERR ea = bt_move_first(ca, 0), eb = bt_move_first(cb, 0);
    uint32_t crow = 0;
    while (ea >= 0 && eb >= 0) {
        uint32_t cbA, cbB;
        const uint8_t *pbA0 = bt_data(ca, &cbA), *pbB0 = bt_data(cb, &cbB);
        uint8_t *pbA = mem_alloc(cbA), *pbB = mem_alloc(cbB);
        memcpy(pbA, pbA0, cbA);
        memcpy(pbB, pbB0, cbB);
        struct rec_view va, vb;
        assert_int_equal(rec_view_init(&va, pbA, cbA, a->db->cbPage, 0), JET_errSuccess);
        assert_int_equal(rec_view_init(&vb, pbB, cbB, b->db->cbPage, 0), JET_errSuccess);
        for (uint32_t i = 0; i < wa->pt->creccol; i++) {
            const struct rec_column *pcA = &wa->pt->rgreccol[i];
            if (!pcA->coltyp) continue;
            const char *sz = col_name(pa, paT, pcA);
            const struct rec_column *pcB = NULL;
            for (uint32_t j = 0; j < wb->pt->creccol && !pcB; j++) {
                const struct rec_column *p = &wb->pt->rgreccol[j];
                if (p->coltyp && p->fTemplate == pcA->fTemplate && strcmp(col_name(pb, pbT, p), sz) == 0) pcB = p;
            }
            assert_non_null(pcB);
            uint32_t cvA, cvB;
            assert_int_equal(rec_count_values(&va, &wa->pt->schema, pcA, &cvA), JET_errSuccess);
            assert_int_equal(rec_count_values(&vb, &wb->pt->schema, pcB, &cvB), JET_errSuccess);
            assert_int_equal(cvA, cvB);
            for (uint32_t itag = 1; itag <= cvA; itag++) {
                uint32_t cbVA, cbVB;
                uint8_t *pvA = whole_value(wa, &va, pcA, itag, &cbVA);
                uint8_t *pvB = whole_value(wb, &vb, pcB, itag, &cbVB);
                if (cbVA != cbVB) print_message("table %s row %u column %s itag %u: %u vs %u bytes\n", szTable, crow, sz, itag, cbVA, cbVB);
                assert_int_equal(cbVA, cbVB);
                if (cbVA != UINT32_MAX && cbVA) assert_memory_equal(pvA, pvB, cbVA);
                mem_free(pvA);
                mem_free(pvB);
            }
        }
        mem_free(pbA);
        mem_free(pbB);
        crow++;
        /* the LV reads moved no data cursor, but take no chances */
        ea = bt_move_next(ca, 0);
        eb = bt_move_next(cb, 0);
    }
    assert_int_equal(ea, JET_errNoCurrentRecord);
    assert_int_equal(eb, JET_errNoCurrentRecord);
    isam_wtable_close(wa);
    isam_wtable_close(wb);
    if (paT) catalog_table_free(paT);
    if (pbT) catalog_table_free(pbT);
    catalog_table_free(pa);
    catalog_table_free(pb);
    return crow;
}

/* Every secondary index of a table in db holds exactly its records' entries. */
static void check_indexes(struct isam_db *db, uint32_t objid)
{
    struct isam_wtable *pwt;
    assert_int_equal(isam_wtable_open(db, objid, &pwt), JET_errSuccess);
    struct bt_cursor *c, *ci;
    struct isam_tree *pt, *pti;
    assert_int_equal(isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &pt), JET_errSuccess);
    for (uint32_t i = 0; i < pwt->pt->cidx; i++) {
        if ((int32_t)i == pwt->pt->iidxPrimary || (pwt->pt->rgidx[i].fidb & REC_IDB_DERIVED_INDEX)) continue;
        uint32_t cExpect = 0, cHave = 0;
        assert_int_equal(isam_wtable_cursor(pwt, (int)i, &ci, &pti), JET_errSuccess);
        JET_ERR err;
        for (err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0)) {
            uint32_t cb, cbBm;
            const uint8_t *pb = bt_data(c, &cb);
            const uint8_t *pbBmCur = bt_key(c, &cbBm);
            uint8_t rgbBm[JET_cbKeyMostMost];
            memcpy(rgbBm, pbBmCur, cbBm);
            uint8_t *pbRec = mem_alloc(cb);
            memcpy(pbRec, pb, cb);
            struct rec_view v;
            struct isam_keyset ks = { 0 };
            assert_int_equal(rec_view_init(&v, pbRec, cb, db->cbPage, 0), JET_errSuccess);
            assert_true(isam_idx_keys(pwt, i, &v, &ks) >= 0);
            for (uint32_t k = 0; k < ks.c; k++) {
                err = bt_seek(ci, BT_SEEK_EQ, ks.pb + ks.rgib[k], ks.rgcb[k], pti->desc.fNonUnique ? rgbBm : NULL,
                              pti->desc.fNonUnique ? cbBm : 0, 0);
                assert_int_equal(err, JET_errSuccess);
            }
            cExpect += ks.c;
            isam_keyset_free(&ks);
            mem_free(pbRec);
            assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbBm, cbBm, NULL, 0, 0), JET_errSuccess);
        }
        for (err = bt_move_first(ci, 0); err >= 0; err = bt_move_next(ci, 0))
            cHave++;
        assert_int_equal(cHave, cExpect);
    }
    isam_wtable_close(pwt);
}

static JET_ERR check_db(struct isam_db *db)
{
    JET_ERR err;
    CALL_R(cache_file_flush(db->cfile));
    struct catalog_check_opts o = { (db->hdr.ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED) != 0,
                                    __atomic_load_n(&db->objidLast, __ATOMIC_ACQUIRE), true };
    struct catalog_check_stats st;
    memset(&st, 0, sizeof st);
    return catalog_check_database(db->btdb, &o, wfx_problem, NULL, &st);
}

/* Attach and open the copy at wsz. */
static struct isam_db *open_copy(const ESENT_WCHAR *wsz, JET_DBID *pdbid)
{
    assert_int_equal(isam_db_attach(g_f.sess, wsz, 0, 0), JET_errSuccess);
    assert_int_equal(isam_db_open(g_f.sess, wsz, 0, pdbid), JET_errSuccess);
    return isam_db_get(g_f.inst, *pdbid);
}

static void close_copy(const ESENT_WCHAR *wsz, JET_DBID dbid)
{
    assert_int_equal(isam_db_close(g_f.sess, dbid, 0), JET_errSuccess);
    assert_int_equal(isam_db_detach(g_f.sess, wsz, 0), JET_errSuccess);
}

static uint32_t table_objid(struct isam_db *db, const char *sz)
{
    struct catalog *cat;
    struct rec_cat_table t;
    assert_int_equal(catalog_open(db->btdb, &cat), JET_errSuccess);
    assert_int_equal(catalog_find_table(cat, sz, &t), JET_errSuccess);
    catalog_close(cat);
    return t.objid;
}

/* ---- status callback ---- */

struct status_log {
    uint32_t cBegin, cProgress, cComplete, cFail;
    uint32_t cunitDoneLast, cunitTotal;
    bool fDecreased, fOverTotal;
    uint32_t cFailAt;           /* the progress call that answers an error (0: never) */
};
static struct status_log g_st;

static JET_ERR JET_API status_cb(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)sesid;
    assert_int_equal(snp, JET_snpCompact);
    const JET_SNPROG *pp = pv;
    assert_non_null(pp);
    assert_int_equal(pp->cbStruct, sizeof *pp);
    switch (snt) {
    case JET_sntBegin: g_st.cBegin++; break;
    case JET_sntProgress:
        g_st.cProgress++;
        if (pp->cunitDone < g_st.cunitDoneLast) g_st.fDecreased = true;
        if (pp->cunitDone > pp->cunitTotal) g_st.fOverTotal = true;
        g_st.cunitDoneLast = pp->cunitDone;
        g_st.cunitTotal = pp->cunitTotal;
        if (g_st.cFailAt && g_st.cProgress == g_st.cFailAt) return JET_errCallbackFailed;
        break;
    case JET_sntComplete: g_st.cComplete++; break;
    case JET_sntFail: g_st.cFail++; break;
    default: fail();
    }
    return JET_errSuccess;
}

static bool file_exists(const ESENT_WCHAR *wsz)
{
    bool f = false, fDir = false;
    return g_f.vfs->ops->exists(g_f.vfs, wsz, &f, &fDir) >= 0 && f;
}

/* ---- tests ---- */

static void test_compact_copies_schema_and_every_row(void **state)
{
    (void)state;
    make_table();
    for (int i = 0; i < 400; i++) assert_int_equal(insert(i, NULL, NULL), JET_errSuccess);
    make_template_and_derived();
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);

    memset(&g_st, 0, sizeof g_st);
    assert_int_equal(isam_compact(g_f.sess, WW("/w.edb"), WW("/c.edb"), status_cb, 0), JET_errSuccess);
    assert_int_equal(g_st.cBegin, 1);
    assert_int_equal(g_st.cComplete, 1);
    assert_int_equal(g_st.cFail, 0);
    assert_true(g_st.cProgress >= 2);
    assert_false(g_st.fDecreased);
    assert_false(g_st.fOverTotal);
    assert_true(g_st.cunitTotal > 0);

    JET_DBID dbid;
    struct isam_db *dbc = open_copy(WW("/c.edb"), &dbid);
    assert_int_equal(check_db(dbc), JET_errSuccess);
    struct side a = { g_f.db, NULL }, b = { dbc, NULL };
    assert_int_equal(catalog_open(a.db->btdb, &a.cat), JET_errSuccess);
    assert_int_equal(catalog_open(b.db->btdb, &b.cat), JET_errSuccess);
    assert_int_equal(compare_table(&a, &b, "t"), 400);
    assert_int_equal(compare_table(&a, &b, "tmpl"), 0);
    assert_int_equal(compare_table(&a, &b, "derived"), 50);
    assert_int_equal(compare_table(&a, &b, "seq"), 30);
    catalog_close(a.cat);
    catalog_close(b.cat);
    check_indexes(dbc, table_objid(dbc, "t"));
    check_indexes(dbc, table_objid(dbc, "tmpl"));
    check_indexes(dbc, table_objid(dbc, "derived"));
    close_copy(WW("/c.edb"), dbid);
}

static void test_compact_copy_takes_new_records_after_the_last_values(void **state)
{
    (void)state;
    make_table();
    for (int i = 0; i < 20; i++) assert_int_equal(insert(i, NULL, NULL), JET_errSuccess);
    assert_int_equal(isam_compact(g_f.sess, WW("/w.edb"), WW("/c.edb"), NULL, 0), JET_errSuccess);
    JET_DBID dbid;
    struct isam_db *dbc = open_copy(WW("/c.edb"), &dbid);
    /* a new record in the copy: its autoincrement value follows the copied ones */
    struct isam_wtable *pwt;
    const uint32_t objid = table_objid(dbc, "t");
    assert_int_equal(isam_wtable_open(dbc, objid, &pwt), JET_errSuccess);
    struct isam_upd u;
    assert_int_equal(isam_upd_prepare(g_f.sess, pwt, &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
    const JET_COLUMNID colName = 128 + 1;       /* the first variable column */
    assert_int_equal(isam_upd_set(g_f.sess, &u, colName, "zzz", 3, 0, 1, 0), JET_errSuccess);
    const JET_COLUMNID colId = 1;
    struct rec_view v;
    assert_int_equal(rec_view_init(&v, u.pbRec, u.cbRec, dbc->cbPage, 0), JET_errSuccess);
    const struct rec_column *pc;
    assert_int_equal(isam_wtable_column(u.pwt, colId, &pc), JET_errSuccess);
    struct rec_value val;
    assert_int_equal(rec_retrieve(&v, &u.pwt->pt->schema, pc, 1, &val), JET_errSuccess);
    assert_int_equal(get_le32(val.pb), 21);
    assert_int_equal(isam_upd_update(g_f.sess, &u, NULL, 0, NULL, 0), JET_errSuccess);
    assert_int_equal(check_db(dbc), JET_errSuccess);
    close_copy(WW("/c.edb"), dbid);
}

static void test_compact_shrinks_table_after_deletes(void **state)
{
    (void)state;
    make_table();
    uint8_t (*rgbm)[JET_cbKeyMostMost] = mem_alloc(1500 * sizeof *rgbm);
    uint32_t rgcb[1500];
    for (int i = 0; i < 1500; i++) assert_int_equal(insert(i, rgbm[i], &rgcb[i]), JET_errSuccess);
    struct isam_wtable *pwt = wt(g_objid);
    for (int i = 0; i < 1500; i++)
        if (i % 10) assert_int_equal(isam_rec_delete(g_f.sess, pwt, rgbm[i], rgcb[i]), JET_errSuccess);
    isam_wtable_close(pwt);
    mem_free(rgbm);
    /* let the version store's cleanup remove the flag-deleted nodes */
    assert_true(isam_idle(g_f.sess, 0) >= 0);
    struct isam_db_info infoSrc;
    assert_int_equal(isam_db_get_info(g_f.sess, g_f.dbid, &infoSrc), JET_errSuccess);
    mem_free(infoSrc.wszPath);

    assert_int_equal(isam_compact(g_f.sess, WW("/w.edb"), WW("/c.edb"), NULL, 0), JET_errSuccess);
    JET_DBID dbid;
    struct isam_db *dbc = open_copy(WW("/c.edb"), &dbid);
    struct isam_db_info infoDst;
    assert_int_equal(isam_db_get_info(g_f.sess, dbid, &infoDst), JET_errSuccess);
    mem_free(infoDst.wszPath);
    print_message("source %u pages owned (%u available), copy %u pages (file %u)\n", infoSrc.cpgOwned,
                  infoSrc.cpgAvail, infoDst.cpgOwned, infoDst.cpgFile);
    assert_true(infoDst.cpgOwned - infoDst.cpgAvail < infoSrc.cpgOwned - infoSrc.cpgAvail);
    assert_true(infoDst.cpgFile < infoSrc.cpgFile);
    struct side a = { g_f.db, NULL }, b = { dbc, NULL };
    assert_int_equal(catalog_open(a.db->btdb, &a.cat), JET_errSuccess);
    assert_int_equal(catalog_open(b.db->btdb, &b.cat), JET_errSuccess);
    assert_int_equal(compare_table(&a, &b, "t"), 150);
    catalog_close(a.cat);
    catalog_close(b.cat);
    assert_int_equal(check_db(dbc), JET_errSuccess);
    check_indexes(dbc, table_objid(dbc, "t"));
    close_copy(WW("/c.edb"), dbid);
}

static void test_compact_fails_when_destination_exists(void **state)
{
    (void)state;
    make_table();
    assert_int_equal(isam_compact(g_f.sess, WW("/w.edb"), WW("/c.edb"), NULL, 0), JET_errSuccess);
    assert_int_equal(isam_compact(g_f.sess, WW("/w.edb"), WW("/c.edb"), NULL, 0), JET_errDatabaseDuplicate);
    /* the existing file is not the partial copy of a failure: it stays */
    assert_true(file_exists(WW("/c.edb")));
    /* the source is usable again */
    assert_int_equal(insert(1, NULL, NULL), JET_errSuccess);
}

static void test_compact_fails_when_source_not_attached(void **state)
{
    (void)state;
    assert_int_equal(isam_compact(g_f.sess, WW("/nothere.edb"), WW("/c.edb"), NULL, 0), JET_errDatabaseNotFound);
    assert_false(file_exists(WW("/c.edb")));
}

static void test_compact_fails_when_in_transaction(void **state)
{
    (void)state;
    assert_int_equal(isam_trx_begin(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(isam_compact(g_f.sess, WW("/w.edb"), WW("/c.edb"), NULL, 0), JET_errInTransaction);
    assert_int_equal(isam_trx_rollback(g_f.sess, 0), JET_errSuccess);
    assert_false(file_exists(WW("/c.edb")));
}

static void test_compact_stops_when_callback_fails_and_deletes_copy(void **state)
{
    (void)state;
    make_table();
    for (int i = 0; i < 200; i++) assert_int_equal(insert(i, NULL, NULL), JET_errSuccess);
    memset(&g_st, 0, sizeof g_st);
    g_st.cFailAt = 2;
    assert_int_equal(isam_compact(g_f.sess, WW("/w.edb"), WW("/c.edb"), status_cb, 0), JET_errCallbackFailed);
    assert_int_equal(g_st.cBegin, 1);
    assert_int_equal(g_st.cProgress, 2);
    assert_int_equal(g_st.cFail, 1);
    assert_int_equal(g_st.cComplete, 0);
    assert_false(file_exists(WW("/c.edb")));
    /* and a second try succeeds */
    g_st.cFailAt = 0;
    assert_int_equal(isam_compact(g_f.sess, WW("/w.edb"), WW("/c.edb"), status_cb, 0), JET_errSuccess);
    assert_true(file_exists(WW("/c.edb")));
}

/* The copier as repair would drive it: records handed over one by one, long values through the
 * caller's function, indexes kept up as records go in; a record that does not parse is skipped. */
struct lv_src { struct isam_wtable *pwt; uint32_t c; };
static JET_ERR lv_from_wtable(void *pv, const struct rec_value *pval, uint8_t **ppb, uint32_t *pcb)
{
    struct lv_src *ps = pv;
    uint64_t lid;
    if (!rec_lid_get(pval->pb, pval->cb, &lid)) return JET_errDatabaseCorrupted;
    ps->c++;
    return isam_lv_read_all(ps->pwt, lid, ppb, pcb);
}

static void test_copier_streams_records_with_indexes_kept_up_and_skips_bad_ones(void **state)
{
    (void)state;
    make_table();
    for (int i = 0; i < 120; i++) assert_int_equal(insert(i, NULL, NULL), JET_errSuccess);
    JET_DBID dbidDest;
    assert_int_equal(isam_db_create(g_f.sess, WW("/d.edb"), 0, JET_bitDbRecoveryOff, &dbidDest), JET_errSuccess);
    struct isam_db *dbDest = isam_db_get(g_f.inst, dbidDest);
    struct catalog_table *pt;
    assert_int_equal(wfx_load(&g_f, "t", &pt), JET_errSuccess);
    struct isam_copy_opts o = { .fRepair = true, .fIndexesWithRecords = true };
    struct isam_copy_table *pct;
    assert_int_equal(isam_copy_table_begin(g_f.sess, dbidDest, pt, NULL, g_f.db->cbPage, &o, &pct), JET_errSuccess);
    struct lv_src ls = { wt(g_objid), 0 };
    assert_int_equal(isam_lv_open(g_f.sess, ls.pwt, false), JET_errSuccess);
    struct bt_cursor *c;
    struct isam_tree *ptree;
    assert_int_equal(isam_wtable_cursor(ls.pwt, ISAM_WT_DATA, &c, &ptree), JET_errSuccess);
    JET_ERR err;
    uint32_t crec = 0;
    for (err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0)) {
        uint32_t cb;
        const uint8_t *pb = bt_data(c, &cb);
        uint8_t *pbRec = mem_alloc(cb);
        memcpy(pbRec, pb, cb);
        assert_int_equal(isam_copy_record(pct, pbRec, cb, lv_from_wtable, &ls), JET_errSuccess);
        mem_free(pbRec);
        if (++crec == 10) {
            /* a record that is not one */
            static const uint8_t rgbBad[] = { 0x7F, 0x00, 0xFF, 0xFF, 0x01 };
            assert_int_equal(isam_copy_record(pct, rgbBad, sizeof rgbBad, lv_from_wtable, &ls), JET_errSuccess);
        }
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    assert_int_equal(isam_copy_table_end(pct), JET_errSuccess);
    struct isam_copy_stats st;
    isam_copy_table_stats(pct, &st);
    assert_int_equal(st.cRecords, 120);
    assert_int_equal(st.cSkipped, 1);
    assert_true(ls.c > 0);
    assert_true(st.cbLV > 0);
    isam_copy_table_free(pct);
    isam_wtable_close(ls.pwt);
    catalog_table_free(pt);
    assert_int_equal(check_db(dbDest), JET_errSuccess);
    struct side a = { g_f.db, NULL }, b = { dbDest, NULL };
    assert_int_equal(catalog_open(a.db->btdb, &a.cat), JET_errSuccess);
    assert_int_equal(catalog_open(b.db->btdb, &b.cat), JET_errSuccess);
    assert_int_equal(compare_table(&a, &b, "t"), 120);
    catalog_close(a.cat);
    catalog_close(b.cat);
    check_indexes(dbDest, table_objid(dbDest, "t"));
    assert_int_equal(isam_db_close(g_f.sess, dbidDest, 0), JET_errSuccess);
    assert_int_equal(isam_db_detach(g_f.sess, WW("/d.edb"), 0), JET_errSuccess);
}

static void test_compact_skips_system_tables(void **state)
{
    (void)state;
    assert_true(isam_compact_skips_table("MSysObjects", 0));
    assert_true(isam_compact_skips_table("msysobjids", 0));
    assert_true(isam_compact_skips_table("MSysLocales", 0));
    assert_true(isam_compact_skips_table("anything", REC_CAT_TABLE_SYSTEM));
    assert_false(isam_compact_skips_table("MSysMine", 0));
    assert_false(isam_compact_skips_table("t", 0));
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_compact_copies_schema_and_every_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compact_copy_takes_new_records_after_the_last_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compact_shrinks_table_after_deletes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compact_fails_when_destination_exists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compact_fails_when_source_not_attached, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compact_fails_when_in_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compact_stops_when_callback_fails_and_deletes_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copier_streams_records_with_indexes_kept_up_and_skips_bad_ones, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compact_skips_system_tables, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
