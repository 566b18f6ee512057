/* SPDX-License-Identifier: MIT
 * isam/isam_compact.c: offline compaction (JetCompact) and the table copier under it.
 * Layer: isam (uses cursor, catalog, record, btree, space).
 *
 * Shape (ESE's comp.cxx): the source is opened exclusively and read only, the destination is
 * created without logging (ESE creates it with recovery and versioning off; our version store
 * stays on, so records are committed in batches), every user table is recreated from its catalog
 * definition and its records are appended in primary key order, value by value, so the new
 * trees are dense. Secondary indexes are built after the records, except a template table's,
 * which must exist before its derived tables are created. isam_compact.h has the interface and
 * the rules the copy keeps. */
#include "isam_compact.h"
#include "isam_wint.h"
#include "isam_table.h"
#include "cursor.h"
#include "debug.h"

#include <stdlib.h>
#include <string.h>

DEBUG_CHANNEL(isam);

/* Records per committed batch (the version store holds a batch until its commit). */
#define COPY_BATCH_RECORDS 128u
#define COPY_BATCH_BYTES (512u << 10)
/* JET_bitColumnRenameConvertToPrimaryIndexPlaceholder (not in every SDK header): not a column
 * property to recreate. */
#define COMPACT_bitColumnPlaceholder 0x00010000u
/* Pages ESE counts as done once the catalog is made (cpgMSOInitial). */
#define COMPACT_CPG_MSO_INITIAL 20u

struct isam_copy_table {
    struct isam_session *sess;
    struct isam_db *db;                     /* destination */
    JET_DBID dbidDest;
    const struct catalog_table *ptSrc, *ptTmplSrc;
    uint32_t cbPageSrc;
    struct isam_copy_opts opts;
    uint32_t objid;
    struct isam_wtable *pwt;                /* the destination table (its definition loaded) */
    struct catalog_table *ptTmplDest;       /* the destination's template table, for names */
    const struct rec_column **rgpcMap;      /* per ptSrc->rgreccol: the destination column */
    bool fIndexesNow;                       /* every index was made with the table */
    JET_INDEXCREATE3_A *rgicLater;          /* the secondary indexes left for the end */
    uint32_t cicLater;
    void *pvCreate;                         /* what rgicLater points into */
    uint8_t *pbRec;                         /* the record being built (destination page size) */
    uint32_t dbkLast;                       /* tables without a primary index */
    bool fTrx;                              /* our batch's level-0 transaction is open */
    uint32_t cBatch, cbBatch;
    struct isam_copy_stats st;
};

/* ---- names ------------------------------------------------------------------------------------ */

static const struct rec_cat_column *column_by_fid(const struct catalog_table *pt, uint16_t fid)
{
    if (!pt) return NULL;
    for (uint32_t i = 0; i < pt->ccol; i++)
        if (pt->rgcol[i].fid == fid && pt->rgcol[i].coltyp != JET_coltypNil) return &pt->rgcol[i];
    return NULL;
}

/* The name of column (fid, fTemplate) of table pt, whose template is ptT (may be NULL). */
static const char *column_name(const struct catalog_table *pt, const struct catalog_table *ptT, uint16_t fid,
        bool fTemplate)
{
    const struct rec_cat_column *pc = column_by_fid(fTemplate && ptT ? ptT : pt, fid);
    if (!pc) pc = column_by_fid(fTemplate && ptT ? pt : ptT, fid);
    return pc ? pc->szName : NULL;
}

bool isam_compact_skips_table(const char *szName, uint32_t fFlags)
{
    static const char *const rgsz[] = {
        "MSysObjects", "MSysObjectsShadow", "MSysObjids", "MSysLocales", "MSysDefrag1", "MSysDefrag2",
        "MSysUnicodeFixupVer1", "MSysUnicodeFixupVer2", "MSysExtentPageCountCache",
        "MSysDeferredPopulateKeys", "MSysDatabaseMaintenance",
    };
    if (fFlags & REC_CAT_TABLE_SYSTEM) return true;
    for (size_t i = 0; i < ARRAY_SIZE(rgsz); i++)
        if (isam_name_cmp(szName, rgsz[i]) == 0) return true;
    return false;
}

/* ---- the create structures ---------------------------------------------------------------- */

static void hints_from_cat(const struct rec_cat_spacehints *ph, JET_SPACEHINTS *pj)
{
    memset(pj, 0, sizeof *pj);
    pj->cbStruct = sizeof *pj;
    pj->ulInitialDensity = ph->ulInitialDensity;
    pj->cbInitial = ph->cbInitial;
    pj->grbit = ph->grbit;
    pj->ulMaintDensity = ph->ulMaintDensity;
    pj->ulGrowth = ph->ulGrowth;
    pj->cbMinExtent = ph->cbMinExtent;
    pj->cbMaxExtent = ph->cbMaxExtent;
}

/* Memory for one table's create structures, carved in order from one block. */
struct create_mem {
    JET_COLUMNCREATE_A *rgcc;
    JET_INDEXCREATE3_A *rgic;
    JET_UNICODEINDEX2 *rgui;
    JET_TUPLELIMITS *rgtl;
    JET_SPACEHINTS *rgsh;
    JET_CONDITIONALCOLUMN_A *rgcond;
    JET_USERDEFINEDDEFAULT_A *rgudd;
    ESENT_WCHAR (*rgwszLocale)[86];
    char *pchKeys;
};
#define CREATE_CB_KEY (REC_CCOL_KEY_MOST * (JET_cbNameMost + 2) + 2)

static JET_ERR create_mem_alloc(uint32_t ccol, uint32_t cidx, void **ppv, struct create_mem *pm)
{
    const size_t cb = ccol * sizeof(JET_COLUMNCREATE_A) + ccol * sizeof(JET_USERDEFINEDDEFAULT_A)
                      + cidx * (sizeof(JET_INDEXCREATE3_A) + sizeof(JET_UNICODEINDEX2) + sizeof(JET_TUPLELIMITS)
                                + sizeof(JET_SPACEHINTS) + REC_CCOL_KEY_MOST * sizeof(JET_CONDITIONALCOLUMN_A)
                                + 86 * sizeof(ESENT_WCHAR) + CREATE_CB_KEY)
                      + 64;
    uint8_t *pb = mem_calloc(1, cb);
    if (!pb) return ERR_TRAP(JET_errOutOfMemory);
    *ppv = pb;
    /* pointer-aligned structures first, then 4-byte ones, then WCHARs, then chars */
    pm->rgcc = (JET_COLUMNCREATE_A *)pb;
    pm->rgudd = (JET_USERDEFINEDDEFAULT_A *)(pm->rgcc + ccol);
    pm->rgic = (JET_INDEXCREATE3_A *)(pm->rgudd + ccol);
    pm->rgui = (JET_UNICODEINDEX2 *)(pm->rgic + cidx);
    pm->rgcond = (JET_CONDITIONALCOLUMN_A *)(pm->rgui + cidx);
    pm->rgsh = (JET_SPACEHINTS *)(pm->rgcond + (size_t)cidx * REC_CCOL_KEY_MOST);
    pm->rgtl = (JET_TUPLELIMITS *)(pm->rgsh + cidx);
    pm->rgwszLocale = (ESENT_WCHAR (*)[86])(void *)(pm->rgtl + cidx);
    pm->pchKeys = (char *)(pm->rgwszLocale + cidx);
    return JET_errSuccess;
}

/* A column as JetCreateTableColumnIndex takes it (JET_ColInfoGrbitCompacting's view). */
static void column_create(const struct rec_cat_column *pc, JET_COLUMNCREATE_A *pcc, JET_USERDEFINEDDEFAULT_A *pudd)
{
    memset(pcc, 0, sizeof *pcc);
    pcc->cbStruct = sizeof *pcc;
    pcc->szColumnName = (char *)pc->szName;
    pcc->coltyp = pc->coltyp;
    pcc->cbMax = pc->cbMax;
    pcc->grbit = cur_info_column_grbit(pc, false) & ~(JET_GRBIT)COMPACT_bitColumnPlaceholder;
    pcc->cp = (pc->coltyp == JET_coltypText || pc->coltyp == JET_coltypLongText) ? pc->cp : 0;
    if (pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT) {
        memset(pudd, 0, sizeof *pudd);
        pudd->szCallback = (char *)pc->szCallback;
        pudd->pbUserData = (unsigned char *)pc->pbCallbackData;
        pudd->cbUserData = pc->cbCallbackData;
        pudd->szDependantColumns = (char *)pc->pbCallbackDependencies;
        pcc->pvDefault = pudd;
        pcc->cbDefault = sizeof *pudd;
    } else if (pc->pbDefault && (pc->fFlags & REC_FIELD_DEFAULT)) {
        pcc->pvDefault = (void *)pc->pbDefault;
        pcc->cbDefault = pc->cbDefault;
    }
}

/* An index as JetCreateIndex takes it: key string, grbits, locale, tuple limits, conditional
 * columns, sizes and space hints as the catalog has them. */
static JET_ERR index_create(const struct catalog_table *pt, const struct catalog_table *ptT,
        const struct rec_cat_index *pi, struct create_mem *pm, uint32_t i, JET_INDEXCREATE3_A *pic)
{
    JET_ERR err;
    char *pchKey = pm->pchKeys + (size_t)i * CREATE_CB_KEY;
    uint32_t ib = 0;
    memset(pic, 0, sizeof *pic);
    pic->cbStruct = sizeof *pic;
    pic->szIndexName = (char *)pi->szName;
    for (uint32_t iseg = 0; iseg < pi->cseg && iseg < REC_CCOL_KEY_MOST; iseg++) {
        const struct rec_idxseg *ps = &pi->rgseg[iseg];
        const char *sz = column_name(pt, ptT, ps->fid, (ps->fFlags & REC_IDXSEG_TEMPLATE) != 0);
        if (!sz) return ERR_TRAP(JET_errCatalogCorrupted);
        pchKey[ib++] = (ps->fFlags & REC_IDXSEG_DESCENDING) ? '-' : '+';
        const size_t cch = strlen(sz);
        memcpy(pchKey + ib, sz, cch + 1);
        ib += (uint32_t)cch + 1;
    }
    pchKey[ib++] = 0;
    pic->szKey = pchKey;
    pic->cbKey = ib;
    pic->grbit = cur_info_index_grbit(pi);
    pic->ulDensity = pi->ulDensity;
    /* ESE's CMPCopyOneIndex: the key and var-seg sizes as kept, raised to the API's minimum of
     * 255 (catalogs of Windows keep a fixed-size key's exact size there), the locale and map
     * flags always given, tuple limits as kept. */
    uint32_t cbKeyMost = pi->cbKeyMost, cbVarSegMac = pi->cbVarSegMac ? pi->cbVarSegMac : cbKeyMost;
    if (cbKeyMost < JET_cbKeyMost) {
        if (cbVarSegMac >= cbKeyMost) cbVarSegMac = JET_cbKeyMost;
        cbKeyMost = JET_cbKeyMost;
    }
    if (cbVarSegMac > cbKeyMost) cbVarSegMac = cbKeyMost;
    if (cbKeyMost != JET_cbKeyMost) {
        pic->grbit |= JET_bitIndexKeyMost;
        pic->cbKeyMost = cbKeyMost;
    }
    JET_UNICODEINDEX2 *pui = &pm->rgui[i];
    if (pi->fLocaleName && pi->wszLocaleName[0]) {
        pui->szLocaleName = (ESENT_WCHAR *)pi->wszLocaleName;
    } else if (pi->lcid) {
        /* an older catalog: the LCID, as the locale name it stands for */
        CALL_R(isam_locale_name_of_lcid(pi->lcid, pm->rgwszLocale[i]));
        pui->szLocaleName = pm->rgwszLocale[i];
    }
    pui->dwMapFlags = pi->fLCMapFlags ? pi->dwLCMapFlags : 0;
    pic->pidxunicode = pui;
    pic->grbit |= JET_bitIndexUnicode;
    if (pi->fTuples) {
        JET_TUPLELIMITS *ptl = &pm->rgtl[i];
        ptl->chLengthMin = pi->rgulTuple[0];
        ptl->chLengthMax = pi->rgulTuple[1];
        ptl->chToIndexMax = pi->rgulTuple[2];
        ptl->cchIncrement = pi->cbTupleLimits >= 20 ? pi->rgulTuple[3] : 1;
        ptl->ichStart = pi->cbTupleLimits >= 20 ? pi->rgulTuple[4] : 0;
        pic->grbit |= JET_bitIndexTupleLimits;
        pic->ptuplelimits = ptl;
    } else if (cbVarSegMac != cbKeyMost) {
        pic->cbVarSegMac = cbVarSegMac;
    }
    if (pi->csegConditional) {
        JET_CONDITIONALCOLUMN_A *rgcond = pm->rgcond + (size_t)i * REC_CCOL_KEY_MOST;
        for (uint32_t k = 0; k < pi->csegConditional && k < REC_CCOL_KEY_MOST; k++) {
            const struct rec_idxseg *ps = &pi->rgsegConditional[k];
            const char *sz = column_name(pt, ptT, ps->fid, (ps->fFlags & REC_IDXSEG_TEMPLATE) != 0);
            if (!sz) return ERR_TRAP(JET_errCatalogCorrupted);
            rgcond[k].cbStruct = sizeof rgcond[k];
            rgcond[k].szColumnName = (char *)sz;
            rgcond[k].grbit = (ps->fFlags & REC_IDXSEG_MUST_BE_NULL) ? JET_bitIndexColumnMustBeNull
                                                                     : JET_bitIndexColumnMustBeNonNull;
        }
        pic->rgconditionalcolumn = rgcond;
        pic->cConditionalColumn = MIN(pi->csegConditional, (uint32_t)REC_CCOL_KEY_MOST);
    }
    if (pi->fHints) {
        hints_from_cat(&pi->hints, &pm->rgsh[i]);
        pic->pSpacehints = &pm->rgsh[i];
    }
    return JET_errSuccess;
}

static int cmp_col_fid(const void *a, const void *b)
{
    const struct rec_cat_column *x = *(const struct rec_cat_column *const *)a;
    const struct rec_cat_column *y = *(const struct rec_cat_column *const *)b;
    return (int)x->fid - (int)y->fid;
}

/* ---- the copier ----------------------------------------------------------------------------- */

static JET_ERR load_dest_template(struct isam_copy_table *pct, const char *szTemplate)
{
    JET_ERR err;
    struct catalog *cat;
    CALL_R(catalog_open(pct->db->btdb, &cat));
    err = catalog_load_table(cat, szTemplate, &pct->ptTmplDest);
    catalog_close(cat);
    return err;
}

/* Source column i's match in the destination: same name, same template side. */
static JET_ERR build_map(struct isam_copy_table *pct)
{
    const struct catalog_table *ps = pct->ptSrc, *pd = pct->pwt->pt;
    pct->rgpcMap = mem_calloc(ps->creccol ? ps->creccol : 1, sizeof *pct->rgpcMap);
    if (!pct->rgpcMap) return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 0; i < ps->creccol; i++) {
        const struct rec_column *pc = &ps->rgreccol[i];
        if (pc->coltyp == JET_coltypNil) continue;
        const char *sz = column_name(ps, pct->ptTmplSrc, pc->fid, pc->fTemplate);
        if (!sz) continue;
        for (uint32_t j = 0; j < pd->creccol; j++) {
            const struct rec_column *pcd = &pd->rgreccol[j];
            if (pcd->coltyp == JET_coltypNil || pcd->fTemplate != pc->fTemplate) continue;
            const char *szd = column_name(pd, pct->ptTmplDest, pcd->fid, pcd->fTemplate);
            if (szd && isam_name_cmp(sz, szd) == 0) {
                pct->rgpcMap[i] = pcd;
                break;
            }
        }
        if (!pct->rgpcMap[i]) {
            WARN("column %s of table %s has no match in the copy", sz, ps->table.szName);
            return ERR_TRAP(JET_errColumnNotFound);
        }
    }
    return JET_errSuccess;
}

JET_ERR isam_copy_table_begin(struct isam_session *sess, JET_DBID dbidDest, const struct catalog_table *ptSrc,
        const struct catalog_table *ptTmplSrc, uint32_t cbPageSrc, const struct isam_copy_opts *po,
        struct isam_copy_table **ppct)
{
    JET_ERR err;
    struct isam_copy_table *pct = NULL;
    const struct rec_cat_column **rgpcc = NULL;
    void *pvMem = NULL;
    struct create_mem m;
    memset(&m, 0, sizeof m);

    *ppct = NULL;
    if (sess->trx_level > 0) return ERR_TRAP(JET_errInTransaction);
    const bool fDerived = (ptSrc->table.fFlags & REC_CAT_TABLE_DERIVED) && ptSrc->table.szTemplateTable[0];
    if (fDerived && !ptTmplSrc) return ERR_TRAP(JET_errInvalidParameter);
    pct = mem_calloc(1, sizeof *pct);
    if (!pct) FAIL(JET_errOutOfMemory);
    pct->sess = sess;
    pct->dbidDest = dbidDest;
    pct->db = isam_db_get(sess->inst, dbidDest);
    if (!pct->db || sess->cdbOpen[dbidDest] == 0) FAIL(JET_errInvalidDatabaseId);
    pct->ptSrc = ptSrc;
    pct->ptTmplSrc = fDerived ? ptTmplSrc : NULL;
    pct->cbPageSrc = cbPageSrc;
    if (po) pct->opts = *po;
    pct->fIndexesNow = (ptSrc->table.fFlags & REC_CAT_TABLE_TEMPLATE) != 0 || pct->opts.fIndexesWithRecords;
    pct->pbRec = mem_alloc(pct->db->cbPage);
    if (!pct->pbRec) FAIL(JET_errOutOfMemory);

    /* Columns: the table's own, in fid order (fixed, then variable, then tagged), so fixed and
     * variable columns get dense ids as in ESE's compaction. */
    rgpcc = mem_calloc(ptSrc->ccol ? ptSrc->ccol : 1, sizeof *rgpcc);
    if (!rgpcc) FAIL(JET_errOutOfMemory);
    uint32_t ccol = 0;
    for (uint32_t i = 0; i < ptSrc->ccol; i++)
        if (ptSrc->rgcol[i].coltyp != JET_coltypNil) rgpcc[ccol++] = &ptSrc->rgcol[i];
    qsort(rgpcc, ccol, sizeof *rgpcc, cmp_col_fid);
    CALL(create_mem_alloc(ccol, ptSrc->cidx, &pvMem, &m));
    for (uint32_t i = 0; i < ccol; i++) column_create(rgpcc[i], &m.rgcc[i], &m.rgudd[i]);

    /* Indexes: those the table defines itself (a derived table inherits its template's). */
    uint32_t cicNow = 0, cicLater = 0;
    JET_INDEXCREATE3_A *rgicNow = m.rgic;
    JET_INDEXCREATE3_A *rgicLater = NULL;
    JET_INDEXCREATE3_A *rgicTmp = mem_calloc(ptSrc->cidx ? ptSrc->cidx : 1, sizeof *rgicTmp);
    if (!rgicTmp) FAIL(JET_errOutOfMemory);
    for (uint32_t i = 0; i < ptSrc->cidx; i++) {
        const struct rec_cat_index *pi = &ptSrc->rgidx[i];
        if (fDerived && (pi->fidb & (REC_IDB_DERIVED_INDEX | REC_IDB_TEMPLATE_INDEX))) continue;
        JET_INDEXCREATE3_A ic;
        err = index_create(ptSrc, pct->ptTmplSrc, pi, &m, i, &ic);
        if (err < 0) {
            mem_free(rgicTmp);
            goto out;
        }
        if (pct->fIndexesNow || (pi->fidb & REC_IDB_PRIMARY)) rgicNow[cicNow++] = ic;
        else rgicTmp[cicLater++] = ic;
    }
    /* rgicNow was filled in m.rgic from the front; the later ones follow it there. */
    rgicLater = m.rgic + cicNow;
    memcpy(rgicLater, rgicTmp, cicLater * sizeof *rgicLater);
    mem_free(rgicTmp);

    JET_TABLECREATE4_A tc;
    JET_SPACEHINTS shSeq, shLV;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)ptSrc->table.szName;
    tc.szTemplateTableName = fDerived ? (char *)ptSrc->table.szTemplateTable : NULL;
    tc.ulPages = ptSrc->table.cpgInitial ? ptSrc->table.cpgInitial : 1;
    tc.ulDensity = ptSrc->table.ulDensity;
    tc.rgcolumncreate = ccol ? m.rgcc : NULL;
    tc.cColumns = ccol;
    tc.rgindexcreate = cicNow ? rgicNow : NULL;
    tc.cIndexes = cicNow;
    if (ptSrc->ccb) {
        tc.szCallback = (char *)ptSrc->rgcb[0].szCallback;
        tc.cbtyp = ptSrc->rgcb[0].cbtyp;
    }
    if (ptSrc->table.fFlags & REC_CAT_TABLE_TEMPLATE) {
        tc.grbit = JET_bitTableCreateTemplateTable | JET_bitTableCreateFixedDDL;
        if (ptSrc->table.fFlags & REC_CAT_TABLE_NO_FIXED_VAR) tc.grbit |= JET_bitTableCreateNoFixedVarColumnsInDerivedTables;
    } else if (ptSrc->table.fFlags & REC_CAT_TABLE_FIXED_DDL) {
        tc.grbit = JET_bitTableCreateFixedDDL;
    }
    if (ptSrc->table.fHints) {
        hints_from_cat(&ptSrc->table.hints, &shSeq);
        tc.pSeqSpacehints = &shSeq;
    }
    if (ptSrc->table.fHintsDeferredLV) {
        hints_from_cat(&ptSrc->table.hintsDeferredLV, &shLV);
        tc.pLVSpacehints = &shLV;
    }
    tc.cbSeparateLV = ptSrc->table.cbSeparateLV;
    /* ESE's compaction copies the long-value chunk size too (comp.cxx) */
    err = isam_ddl_create_table5(sess, dbidDest, &tc, ptSrc->table.cbLVChunkMax, &pct->objid);
    if (err < 0) {
        for (uint32_t i = 0; i < ccol; i++)
            if (m.rgcc[i].err < 0) WARN("table %s column %s: %ld", tc.szTableName, m.rgcc[i].szColumnName, (long)m.rgcc[i].err);
        for (uint32_t i = 0; i < cicNow; i++)
            if (rgicNow[i].err < 0) WARN("table %s index %s: %ld", tc.szTableName, rgicNow[i].szIndexName, (long)rgicNow[i].err);
        goto out;
    }
    pct->rgicLater = rgicLater;
    pct->cicLater = cicLater;
    pct->pvCreate = pvMem;
    pvMem = NULL;

    CALL(isam_wtable_open(pct->db, pct->objid, &pct->pwt));
    pct->pwt->fExclusive = true;
    if (fDerived) CALL(load_dest_template(pct, ptSrc->table.szTemplateTable));
    CALL(build_map(pct));
    *ppct = pct;
    pct = NULL;
    err = JET_errSuccess;
out:
    mem_free(rgpcc);
    mem_free(pvMem);
    isam_copy_table_free(pct);
    return err;
}

static JET_ERR batch_commit(struct isam_copy_table *pct)
{
    JET_ERR err = JET_errSuccess;
    if (!pct->fTrx) return JET_errSuccess;
    pct->fTrx = false;
    pct->cBatch = pct->cbBatch = 0;
    CALL_R(isam_trx_commit(pct->sess, JET_bitCommitLazyFlush));
    return err;
}

/* Where a source column's match is, for a tagged entry (fid, derived bit). */
static const struct rec_column *map_tagged(const struct isam_copy_table *pct, uint16_t fid, bool fDerived,
        const struct rec_column **ppcSrc)
{
    const struct catalog_table *ps = pct->ptSrc;
    const struct rec_column *pcAny = NULL, *pcDestAny = NULL;
    for (uint32_t i = 0; i < ps->creccol; i++) {
        const struct rec_column *pc = &ps->rgreccol[i];
        if (pc->fid != fid || pc->coltyp == JET_coltypNil) continue;
        if (pc->fTemplate == fDerived) {
            *ppcSrc = pc;
            return pct->rgpcMap[i];
        }
        pcAny = pc;
        pcDestAny = pct->rgpcMap[i];
    }
    *ppcSrc = pcAny;
    return pcDestAny;
}

/* One value into the record being built; separated long values are copied to the new LV tree. */
static JET_ERR put_value(struct isam_copy_table *pct, struct rec_buf *prb, const struct rec_column *pcDest,
        uint32_t itag, const struct rec_value *pval, isam_copy_lv_fn pfnLV, void *pvLV)
{
    JET_ERR err;
    const struct rec_schema *ps = &pct->pwt->pt->schema;
    if (pval->fFlags & REC_VALUE_SEPARATED) {
        uint8_t *pb = NULL;
        uint32_t cb = 0;
        uint64_t lid;
        uint8_t rgbLid[8];
        if (!pfnLV) return ERR_TRAP(JET_errInvalidParameter);
        CALL_R(pfnLV(pvLV, pval, &pb, &cb));
        if (!pct->pwt->fLV) err = isam_lv_open(pct->sess, pct->pwt, true);
        if (err >= 0) err = isam_lv_create(pct->sess, pct->pwt, pb, cb, (pcDest->fFlags & REC_FIELD_COMPRESSED) != 0, &lid);
        mem_free(pb);
        CALL_R(err);
        pct->st.cbLV += cb;
        const struct rec_value v = { rgbLid, rec_lid_put(rgbLid, lid), REC_VALUE_LONG | REC_VALUE_SEPARATED };
        return rec_set_column(prb, ps, pcDest, itag, &v, REC_SET_SEPARATED | REC_SET_ZERO_LENGTH);
    }
    uint32_t grbit = REC_SET_ZERO_LENGTH;
    if (pval->fFlags & REC_VALUE_COMPRESSED) grbit |= REC_SET_COMPRESSED;
    if (pval->fFlags & REC_VALUE_ENCRYPTED) grbit |= REC_SET_ENCRYPTED;
    return rec_set_column(prb, ps, pcDest, itag, pval, grbit);
}

/* The record, built and inserted, in a level of its own (an error leaves nothing of it). */
static JET_ERR copy_one(struct isam_copy_table *pct, const struct rec_view *pv, isam_copy_lv_fn pfnLV, void *pvLV)
{
    JET_ERR err;
    const struct catalog_table *ptS = pct->ptSrc;
    struct isam_wtable *pwt = pct->pwt;
    struct rec_buf rb = { pct->pbRec, 0, pct->db->cbPage };
    CALL_R(rec_init_insert(&rb, &pwt->pt->schema));

    /* Fixed and variable columns: stored values and stored NULLs (absent ones keep the default,
     * which the new record has too). */
    for (uint32_t i = 0; i < ptS->creccol; i++) {
        const struct rec_column *pc = &ptS->rgreccol[i];
        const struct rec_column *pcDest = pct->rgpcMap[i];
        if (!pcDest || rec_fid_is_tagged(pc->fid)) continue;
        enum rec_presence pres;
        struct rec_value val;
        if (rec_fid_is_fixed(pc->fid)) CALL_R(rec_get_fixed(pv, pc, &pres, &val));
        else CALL_R(rec_get_var(pv, pc->fid, &pres, &val));
        if (pres == REC_ABSENT) continue;
        if (pres == REC_NULL) {
            if (pcDest->fFlags & REC_FIELD_NOT_NULL) continue;
            CALL_R(rec_set_column(&rb, &pwt->pt->schema, pcDest, 1, NULL, 0));
        } else {
            CALL_R(put_value(pct, &rb, pcDest, 1, &val, pfnLV, pvLV));
        }
    }
    /* Tagged columns: every instance, in order. */
    for (uint32_t it = 0; it < pv->ctagged; it++) {
        struct rec_tagged tg;
        const struct rec_column *pcSrc = NULL;
        CALL_R(rec_tagged_at(pv, it, &tg));
        const struct rec_column *pcDest = map_tagged(pct, tg.fid, tg.fDerived, &pcSrc);
        if (!pcDest) continue;      /* a deleted column's leftover value */
        for (uint32_t itag = 1; itag <= tg.cinst; itag++) {
            struct rec_value val;
            CALL_R(rec_tagged_instance(&tg, itag, &val));
            if (err == JET_wrnColumnNull) break;
            CALL_R(put_value(pct, &rb, pcDest, itag, &val, pfnLV, pvLV));
        }
    }

    struct rec_view vNew;
    uint8_t rgbKey[JET_cbKeyMostMost];
    uint32_t cbKey;
    struct bt_cursor *c;
    struct isam_tree *pt;
    CALL_R(rec_view_init(&vNew, rb.pb, rb.cb, pct->db->cbPage, 0));
    if (pwt->pt->iidxPrimary >= 0) {
        CALL_R(isam_idx_primary_key(pwt, &vNew, rgbKey, &cbKey));
    } else {
        if (pct->dbkLast == UINT32_MAX) return ERR_TRAP(JET_errOutOfSequentialIndexValues);
        cbKey = rec_key_dbk(rgbKey, pct->dbkLast + 1);
    }
    CALL_R(isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &pt));
    CALL_R(isam_node_insert(pct->sess, c, pt, rgbKey, cbKey, rb.pb, rb.cb));
    if (pct->fIndexesNow) CALL_R(isam_idx_record(pct->sess, pwt, NULL, &vNew, rgbKey, cbKey));
    if (pwt->pt->iidxPrimary < 0) pct->dbkLast++;
    return JET_errSuccess;
}

JET_ERR isam_copy_record(struct isam_copy_table *pct, const uint8_t *pbRec, uint32_t cbRec, isam_copy_lv_fn pfnLV,
        void *pvLV)
{
    JET_ERR err;
    struct rec_view v;
    if (!pct) return ERR_TRAP(JET_errInvalidParameter);
    err = rec_view_init(&v, pbRec, cbRec, pct->cbPageSrc, 0);
    if (err < 0) {
        if (pct->opts.fRepair) {
            pct->st.cSkipped++;
            return JET_errSuccess;
        }
        return err;
    }
    for (int iTry = 0;; iTry++) {
        if (!pct->fTrx) {
            CALL_R(isam_trx_begin(pct->sess, 0));
            pct->fTrx = true;
        }
        CALL_R(isam_wtrx_begin(pct->sess));
        err = isam_wtrx_end(pct->sess, copy_one(pct, &v, pfnLV, pvLV));
        /* The version store holds the batch until its commit and frees it in the background:
         * when it is full, commit what there is, let one cleanup pass run, and try again. */
        if (err != JET_errVersionStoreOutOfMemory || iTry > 0 || pct->cBatch == 0) break;
        CALL_R(batch_commit(pct));
        const JET_ERR errIdle = isam_idle(pct->sess, 0);
        (void)errIdle;
    }
    if (err < 0) {
        if (!pct->opts.fRepair || err == JET_errOutOfMemory || err == JET_errDiskFull || err == JET_errVersionStoreOutOfMemory)
            return err;
        pct->st.cSkipped++;
        err = JET_errSuccess;
    } else {
        pct->st.cRecords++;
    }
    pct->st.cbData += cbRec;
    pct->cBatch++;
    pct->cbBatch += cbRec;
    if (pct->cBatch >= COPY_BATCH_RECORDS || pct->cbBatch >= COPY_BATCH_BYTES) CALL_R(batch_commit(pct));
    return JET_errSuccess;
}

JET_ERR isam_copy_table_end(struct isam_copy_table *pct)
{
    JET_ERR err;
    if (!pct) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(batch_commit(pct));
    if (pct->cicLater) {
        /* The trees of the table are read again by the index build: drop our cursors first. */
        isam_wtable_close(pct->pwt);
        pct->pwt = NULL;
        const struct isam_ddl_table dt = { pct->dbidDest, pct->objid, true, true };
        err = isam_ddl_create_indexes(pct->sess, &dt, pct->rgicLater, pct->cicLater);
        if (err < 0) {
            for (uint32_t i = 0; i < pct->cicLater; i++)
                if (pct->rgicLater[i].err < 0)
                    WARN("table %s index %s: %ld", pct->ptSrc->table.szName, pct->rgicLater[i].szIndexName,
                         (long)pct->rgicLater[i].err);
            return err;
        }
        pct->cicLater = 0;
    }
    /* The writers' counters (autoincrement, DBK, LID) load again from what is now there. */
    isam_tstate_forget(pct->db, pct->objid);
    return JET_errSuccess;
}

void isam_copy_table_stats(const struct isam_copy_table *pct, struct isam_copy_stats *pst)
{
    *pst = pct->st;
}

uint32_t isam_copy_table_objid(const struct isam_copy_table *pct)
{
    return pct->objid;
}

void isam_copy_table_free(struct isam_copy_table *pct)
{
    if (!pct) return;
    if (pct->fTrx && pct->sess->trx_level > 0) {
        const JET_ERR err = isam_trx_rollback(pct->sess, 0);
        (void)err;
    }
    isam_wtable_close(pct->pwt);
    if (pct->ptTmplDest) catalog_table_free(pct->ptTmplDest);
    mem_free(pct->rgpcMap);
    mem_free(pct->pvCreate);
    mem_free(pct->pbRec);
    mem_free(pct);
}

/* ---- JetCompact ------------------------------------------------------------------------------ */

struct compact_status {
    JET_PFNSTATUS pfn;
    JET_SESID sesid;
    JET_SNT snt;
    uint32_t cunitDone, cunitTotal, cunitProjected;
};

static JET_ERR status_report(struct compact_status *ps)
{
    if (!ps->pfn) return JET_errSuccess;
    if (ps->cunitProjected > ps->cunitTotal) ps->cunitProjected = ps->cunitTotal;
    if (ps->cunitDone > ps->cunitProjected && ps->snt == JET_sntProgress) ps->cunitDone = ps->cunitProjected;
    JET_SNPROG snprog;
    snprog.cbStruct = sizeof snprog;
    snprog.cunitDone = ps->cunitDone;
    snprog.cunitTotal = ps->cunitTotal;
    return ps->pfn(ps->sesid, JET_snpCompact, ps->snt, &snprog);
}

struct table_entry {
    char szName[JET_cbNameMost + 1];
    uint32_t fFlags;
    uint32_t pgnoFDP;
};
struct table_list {
    struct table_entry *rg;
    uint32_t c, cMax;
};

static JET_ERR collect_table(void *pv, const struct rec_cat_table *pt)
{
    struct table_list *pl = pv;
    if (isam_compact_skips_table(pt->szName, pt->fFlags)) return JET_errSuccess;
    if (pl->c == pl->cMax) {
        const uint32_t cNew = pl->cMax ? pl->cMax * 2 : 16;
        struct table_entry *rg = mem_realloc(pl->rg, (size_t)cNew * sizeof *rg);
        if (!rg) return ERR_TRAP(JET_errOutOfMemory);
        pl->rg = rg;
        pl->cMax = cNew;
    }
    struct table_entry *pe = &pl->rg[pl->c++];
    memcpy(pe->szName, pt->szName, sizeof pe->szName);
    pe->fFlags = pt->fFlags;
    pe->pgnoFDP = pt->pgnoFDP;
    return JET_errSuccess;
}

static int cmp_table_name(const void *a, const void *b)
{
    return isam_name_cmp(((const struct table_entry *)a)->szName, ((const struct table_entry *)b)->szName);
}

static JET_ERR lv_from_cursor(void *pv, const struct rec_value *pval, uint8_t **ppb, uint32_t *pcb)
{
    return cur_value_fetch(pv, pval, ppb, pcb);
}

struct compact_ctx {
    struct isam_session *sess;
    JET_DBID dbidSrc, dbidDest;
    struct isam_db *dbSrc;
    struct catalog *catSrc;
    struct isam_copy_opts opts;
    struct compact_status *pst;
};

static JET_ERR copy_table_once(struct compact_ctx *pc, const struct table_entry *pe, const struct isam_copy_opts *po)
{
    JET_ERR err;
    struct catalog_table *pt = NULL, *ptT = NULL;
    struct isam_copy_table *pct = NULL;
    struct isam_table *t = NULL;
    uint8_t *pbRec = NULL;
    struct compact_status *pst = pc->pst;
    uint32_t cpgOwned = 1, cpgAvail = 0;

    CALL(catalog_load_table(pc->catSrc, pe->szName, &pt));
    if ((pt->table.fFlags & REC_CAT_TABLE_DERIVED) && pt->table.szTemplateTable[0])
        CALL(catalog_load_table(pc->catSrc, pt->table.szTemplateTable, &ptT));
    if (space_get_counts(&pc->dbSrc->sdb, pe->pgnoFDP, &cpgOwned, &cpgAvail) < 0) {
        cpgOwned = 1;
        cpgAvail = 0;
    }
    CALL(isam_copy_table_begin(pc->sess, pc->dbidDest, pt, ptT, pc->dbSrc->cbPage, po, &pct));
    /* The meter: this table's owned pages, advanced a page at a time as its records are read
     * (ESE's cunitPerProgression). */
    const uint32_t cunitStart = pst->cunitDone;
    pst->cunitProjected = pst->cunitDone + cpgOwned;
    isam_table_reader_sync(pc->sess);
    CALL(isam_table_open(pc->sess, pc->dbidSrc, pe->szName, JET_bitTableReadOnly | JET_bitTableSequential, &t));
    pbRec = mem_alloc(pc->dbSrc->cbPage);
    if (!pbRec) FAIL(JET_errOutOfMemory);
    uint64_t cbRead = 0;
    for (err = cur_move(t->c, JET_MoveFirst, 0); err >= 0; err = cur_move(t->c, JET_MoveNext, 0)) {
        const uint8_t *pb;
        uint32_t cb;
        CALL(cur_record(t->c, &pb, &cb));
        if (cb > pc->dbSrc->cbPage) FAIL(JET_errDatabaseCorrupted);
        memcpy(pbRec, pb, cb);
        CALL(isam_copy_record(pct, pbRec, cb, lv_from_cursor, t->c));
        isam_table_reader_sync(pc->sess);
        cbRead += cb;
        if (pst->pfn && cbRead / pc->dbSrc->cbPage > (uint64_t)(pst->cunitDone - cunitStart)
                && pst->cunitDone < pst->cunitProjected) {
            pst->cunitDone++;
            CALL(status_report(pst));
        }
    }
    if (err != JET_errNoCurrentRecord) goto out;
    CALL(isam_copy_table_end(pct));
    struct isam_copy_stats st;
    isam_copy_table_stats(pct, &st);
    TRACE("table %s: %llu records, %llu skipped", pe->szName, (unsigned long long)st.cRecords,
          (unsigned long long)st.cSkipped);
    if (pst->pfn) {
        pst->cunitDone = pst->cunitProjected;
        CALL(status_report(pst));
    }
    err = JET_errSuccess;
out:
    if (t) isam_table_close(t);
    mem_free(pbRec);
    isam_copy_table_free(pct);
    if (ptT) catalog_table_free(ptT);
    if (pt) catalog_table_free(pt);
    return err;
}

/* A table whose secondary indexes are too big to build in one transaction each is copied again
 * with its indexes kept up record by record (the first copy is dropped whole). */
static JET_ERR copy_table(struct compact_ctx *pc, const struct table_entry *pe)
{
    JET_ERR err;
    err = copy_table_once(pc, pe, &pc->opts);
    if (err != JET_errVersionStoreOutOfMemory || pc->opts.fIndexesWithRecords) return err;
    WARN("table %s: its indexes do not fit the version store built at the end; copying it again with its indexes kept up as it goes",
         pe->szName);
    err = isam_ddl_delete_table(pc->sess, pc->dbidDest, pe->szName);
    if (err == JET_errObjectNotFound) err = JET_errSuccess;     /* the create itself failed */
    CALL_R(err);
    const JET_ERR errIdle = isam_idle(pc->sess, 0);
    (void)errIdle;
    struct isam_copy_opts o = pc->opts;
    o.fIndexesWithRecords = true;
    return copy_table_once(pc, pe, &o);
}

static JET_ERR copy_tables(struct compact_ctx *pc)
{
    JET_ERR err;
    struct cur_db *cdb;
    struct table_list l = { NULL, 0, 0 };
    CALL(isam_db_cursors(pc->sess, pc->dbidSrc, &cdb));
    CALL(cur_db_catalog(cdb, &pc->catSrc));
    CALL(catalog_enum_tables(pc->catSrc, collect_table, &l));
    if (l.c) qsort(l.rg, l.c, sizeof *l.rg, cmp_table_name);
    /* Templates and plain tables first, derived tables second (their templates must exist). */
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < l.c; i++)
            if (((l.rg[i].fFlags & REC_CAT_TABLE_DERIVED) != 0) == (pass == 1))
                CALL(copy_table(pc, &l.rg[i]));
    err = JET_errSuccess;
out:
    mem_free(l.rg);
    return err;
}

JET_ERR isam_compact(struct isam_session *sess, const ESENT_WCHAR *wszSrc, const ESENT_WCHAR *wszDest,
        JET_PFNSTATUS pfnStatus, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_instance *inst = sess->inst;
    struct compact_status st = { pfnStatus, (JET_SESID)sess->handle, JET_sntBegin, 0, 0, 0 };
    struct compact_ctx cc;
    ESENT_WCHAR *wszDestFull = NULL;
    bool fSrcOpen = false, fDestMade = false, fDestOpen = false;

    memset(&cc, 0, sizeof cc);
    cc.sess = sess;
    cc.pst = &st;
    cc.opts.fRepair = (grbit & JET_bitCompactRepair) != 0;
    if (!wszSrc || !wszSrc[0] || !wszDest || !wszDest[0]) return ERR_TRAP(JET_errInvalidParameter);
    if (sess->trx_level > 0) return ERR_TRAP(JET_errInTransaction);
    if (grbit & JET_bitCompactStats) FIXME("JET_bitCompactStats: no statistics file is written");

    if (pfnStatus) {
        CALL(status_report(&st));
        st.snt = JET_sntProgress;
    }
    err = isam_db_open(sess, wszSrc, JET_bitDbExclusive | JET_bitDbReadOnly, &cc.dbidSrc);
    CALL(err);
    fSrcOpen = true;
    cc.dbSrc = isam_db_get(inst, cc.dbidSrc);
    if (!cc.dbSrc) FAIL(JET_errDatabaseNotFound);
    JET_GRBIT grbitCreate = JET_bitDbRecoveryOff;
    if (cc.dbSrc->hdr.ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED) grbitCreate |= JET_bitDbShadowingOff;
    CALL(isam_db_create(sess, wszDest, 0, grbitCreate, &cc.dbidDest));
    fDestMade = fDestOpen = true;
    {
        struct isam_db *dbDest = isam_db_get(inst, cc.dbidDest);
        size_t cch = 0;
        while (dbDest->wszPath[cch]) cch++;
        wszDestFull = mem_alloc((cch + 1) * sizeof(ESENT_WCHAR));
        if (!wszDestFull) FAIL(JET_errOutOfMemory);
        memcpy(wszDestFull, dbDest->wszPath, (cch + 1) * sizeof(ESENT_WCHAR));
    }
    if (pfnStatus) {
        struct isam_db_info info;
        CALL(isam_db_get_info(sess, cc.dbidSrc, &info));
        mem_free(info.wszPath);
        st.cunitTotal = info.cpgOwned > info.cpgAvail ? info.cpgOwned - info.cpgAvail : 1;
        st.cunitDone = MIN(COMPACT_CPG_MSO_INITIAL, st.cunitTotal);
        st.cunitProjected = st.cunitTotal;
        CALL(status_report(&st));
    }
    CALL(copy_tables(&cc));
    err = JET_errSuccess;
out:
    if (fDestOpen) {
        const JET_ERR errT = isam_db_close(sess, cc.dbidDest, 0);
        if (errT < 0 && err >= 0) err = errT;
    }
    if (fSrcOpen) {
        const JET_ERR errT = isam_db_close(sess, cc.dbidSrc, 0);
        if (errT < 0 && err >= 0) err = errT;
    }
    if (fDestMade && wszDestFull) {
        const JET_ERR errT = isam_db_detach(sess, wszDestFull, 0);
        if (errT < 0 && err >= 0) err = errT;
        if (err < 0) {
            /* A partial copy is of no use to anyone: it goes (the caller may retry). */
            struct os_vfs *vfs = isam_vfs(inst);
            const JET_ERR errRm = vfs->ops->remove(vfs, wszDestFull);
            if (errRm < 0) WARN("could not delete the partial copy: %ld", (long)errRm);
        }
    }
    mem_free(wszDestFull);
    if (pfnStatus) {
        st.snt = err < 0 ? JET_sntFail : JET_sntComplete;
        if (err >= 0) st.cunitDone = st.cunitTotal;
        const JET_ERR errT = status_report(&st);
        if (errT < 0 || err >= 0) err = errT;
    }
    return err;
}
