/* SPDX-License-Identifier: MIT
 * api/api_ddl.c: JetCreateTable*, JetCreateTableColumnIndex{,2,3,4}{A,W}, JetAddColumn,
 * JetDeleteColumn{,2}, JetCreateIndex{,2,3,4}, JetDeleteIndex, JetDeleteTable, JetRenameTable,
 * JetRenameColumn, JetSetColumnDefaultValue. The engine's rules are in isam/isam_ddl*.c.
 *
 * As jetapi.cxx does, every older or wide structure is converted to the engine's form
 * (JET_TABLECREATE4_A with JET_INDEXCREATE3_A and JET_UNICODEINDEX2): W names go narrow, an LCID
 * becomes a locale name (and JET_bitIndexUnicode is added when one is given), and the results
 * (columnids, per-column and per-index errors, cCreated, the tableid) go back to the caller's
 * structures. The table a create makes is returned open with JET_bitTableDenyRead, as ESE opens
 * it. */
#include <stddef.h>
#include "api_int.h"
#include "isam_table.h"
#include "esent_private.h"

DEBUG_CHANNEL(api);

/* ---- conversion memory: everything a conversion allocates, freed together ------------------- */

struct arena {
    void *rgp[64];
    uint32_t c;
    void **rgpMore;
    uint32_t cMore, cMoreMax;
};

static void *ar_alloc(struct arena *pa, size_t cb)
{
    void *p = mem_calloc(1, cb ? cb : 1);
    if (!p) return NULL;
    if (pa->c < ARRAY_SIZE(pa->rgp)) {
        pa->rgp[pa->c++] = p;
        return p;
    }
    if (pa->cMore == pa->cMoreMax) {
        uint32_t cMax = pa->cMoreMax ? 2 * pa->cMoreMax : 64;
        void **rg = mem_realloc(pa->rgpMore, cMax * sizeof *rg);
        if (!rg) {
            mem_free(p);
            return NULL;
        }
        pa->rgpMore = rg;
        pa->cMoreMax = cMax;
    }
    pa->rgpMore[pa->cMore++] = p;
    return p;
}

static void ar_free(struct arena *pa)
{
    for (uint32_t i = 0; i < pa->c; i++)
        mem_free(pa->rgp[i]);
    for (uint32_t i = 0; i < pa->cMore; i++)
        mem_free(pa->rgpMore[i]);
    mem_free(pa->rgpMore);
}

/* A W name narrowed (NULL stays NULL). */
static JET_ERR ar_name(struct arena *pa, const ESENT_WCHAR *wsz, char **psz)
{
    JET_ERR err;
    *psz = NULL;
    if (!wsz) return JET_errSuccess;
    char *sz = ar_alloc(pa, JET_cbNameMost + 1);
    if (!sz) return ERR_TRAP(JET_errOutOfMemory);
    err = api_name_from_w(wsz, sz, JET_cbNameMost + 1);
    if (err == JET_errInvalidParameter) return ERR_TRAP(JET_errInvalidName);
    CALL_R(err);
    *psz = sz;
    return JET_errSuccess;
}

/* A W string of any length narrowed (NULL stays NULL). */
static JET_ERR ar_string(struct arena *pa, const ESENT_WCHAR *wsz, char **psz)
{
    size_t cch = 0;
    *psz = NULL;
    if (!wsz) return JET_errSuccess;
    while (wsz[cch]) cch++;
    char *sz = ar_alloc(pa, 3 * cch + 1);
    if (!sz) return ERR_TRAP(JET_errOutOfMemory);
    const JET_ERR err = os_utf16_to_acp(wsz, sz, 3 * cch + 1, NULL);
    if (err < 0) return err;
    *psz = sz;
    return JET_errSuccess;
}

/* A W key string ("+a\0-b\0\0", cbKey in bytes) narrowed, segment by segment. */
static JET_ERR ar_key(struct arena *pa, const ESENT_WCHAR *wszKey, uint32_t cbKey, char **pszKey, uint32_t *pcbKey)
{
    JET_ERR err;
    *pszKey = NULL;
    *pcbKey = 0;
    if (!wszKey) return JET_errSuccess;
    const uint32_t cch = cbKey / sizeof(ESENT_WCHAR);
    char *sz = ar_alloc(pa, (size_t)cch * 3 + 2);
    if (!sz) return ERR_TRAP(JET_errOutOfMemory);
    uint32_t ich = 0, ib = 0;
    while (ich < cch) {
        uint32_t ichEnd = ich;
        while (ichEnd < cch && wszKey[ichEnd]) ichEnd++;
        if (ichEnd > ich) {
            ESENT_WCHAR wszSeg[JET_cbNameMost + 3];
            if (ichEnd - ich > JET_cbNameMost + 1) return ERR_TRAP(JET_errInvalidParameter);
            memcpy(wszSeg, wszKey + ich, (ichEnd - ich) * sizeof(ESENT_WCHAR));
            wszSeg[ichEnd - ich] = 0;
            err = os_utf16_to_acp(wszSeg, sz + ib, (size_t)cch * 3 + 2 - ib, NULL);
            if (err < 0) return ERR_TRAP(JET_errInvalidParameter);
            ib += (uint32_t)strlen(sz + ib);
        }
        sz[ib++] = 0;
        ich = ichEnd + 1;
    }
    *pszKey = sz;
    *pcbKey = ib;
    return JET_errSuccess;
}

/* ---- indexes to JET_INDEXCREATE3_A ------------------------------------------------------------ */

enum idxver { IDX_V1, IDX_V2, IDX_V3 };

static bool idx_size_ok(enum idxver v, uint32_t cb)
{
    switch (v) {
    case IDX_V1: return cb == sizeof(JET_INDEXCREATE_A) || cb == offsetof(JET_INDEXCREATE_A, cbKeyMost);
    case IDX_V2: return cb == sizeof(JET_INDEXCREATE_A) || cb == sizeof(JET_INDEXCREATE2_A)
                        || cb == offsetof(JET_INDEXCREATE_A, cbKeyMost);
    default: return cb == sizeof(JET_INDEXCREATE3_A);
    }
}

/* The caller's indexes (version v; fWide: the W forms, which share the A layout with WCHAR
 * pointers) as engine structures. */
static JET_ERR conv_indexes(struct arena *pa, void *pvIdx, uint32_t c, enum idxver v, bool fWide,
        JET_INDEXCREATE3_A **prg)
{
    JET_ERR err;
    *prg = NULL;
    if (!c) return JET_errSuccess;
    if (!pvIdx) return ERR_TRAP(JET_errInvalidParameter);
    JET_INDEXCREATE3_A *rg = ar_alloc(pa, c * sizeof *rg);
    if (!rg) return ERR_TRAP(JET_errOutOfMemory);
    uint8_t *pb = pvIdx;
    for (uint32_t i = 0; i < c; i++) {
        const JET_INDEXCREATE2_A *p2 = (const JET_INDEXCREATE2_A *)pb;
        const JET_INDEXCREATE3_A *p3 = (const JET_INDEXCREATE3_A *)pb;
        JET_INDEXCREATE3_A *pd = &rg[i];
        if (!idx_size_ok(v, p2->cbStruct)) return ERR_TRAP(v == IDX_V3 ? JET_errInvalidCreateIndex : JET_errInvalidParameter);
        pd->cbStruct = sizeof *pd;
        pd->grbit = p2->grbit;
        pd->ulDensity = p2->ulDensity;
        pd->cbVarSegMac = p2->cbVarSegMac;
        if (pd->grbit & JET_bitIndexTupleLimits) pd->ptuplelimits = p2->ptuplelimits;
        pd->cConditionalColumn = p2->cConditionalColumn;
        pd->cbKeyMost = p2->cbStruct > offsetof(JET_INDEXCREATE_A, cbKeyMost) ? p2->cbKeyMost : 0;
        pd->pSpacehints = p2->cbStruct >= sizeof(JET_INDEXCREATE2_A) ? p2->pSpacehints : NULL;
        if (fWide) {
            const JET_INDEXCREATE2_W *pw = (const JET_INDEXCREATE2_W *)pb;
            CALL_R(ar_name(pa, pw->szIndexName, &pd->szIndexName));
            uint32_t cbKey;
            CALL_R(ar_key(pa, pw->szKey, pw->cbKey, &pd->szKey, &cbKey));
            pd->cbKey = cbKey;
            if (pd->cConditionalColumn && pw->rgconditionalcolumn) {
                JET_CONDITIONALCOLUMN_A *rgcc = ar_alloc(pa, pd->cConditionalColumn * sizeof *rgcc);
                if (!rgcc) return ERR_TRAP(JET_errOutOfMemory);
                for (uint32_t j = 0; j < pd->cConditionalColumn; j++) {
                    rgcc[j].cbStruct = pw->rgconditionalcolumn[j].cbStruct == sizeof(JET_CONDITIONALCOLUMN_W)
                                       ? sizeof rgcc[j] : 0;
                    rgcc[j].grbit = pw->rgconditionalcolumn[j].grbit;
                    CALL_R(ar_name(pa, pw->rgconditionalcolumn[j].szColumnName, &rgcc[j].szColumnName));
                }
                pd->rgconditionalcolumn = rgcc;
            }
        } else {
            pd->szIndexName = p2->szIndexName;
            pd->szKey = p2->szKey;
            pd->cbKey = p2->cbKey;
            pd->rgconditionalcolumn = p2->rgconditionalcolumn;
        }
        if (v == IDX_V3) {
            pd->pidxunicode = p3->pidxunicode;
        } else {
            /* The LCID (in JET_UNICODEINDEX or the union itself) becomes a locale name. */
            uint32_t lcid, dwFlags = 0;
            if (p2->grbit & JET_bitIndexUnicode) {
                if (!p2->pidxunicode) return ERR_TRAP(JET_errIndexInvalidDef);
                lcid = p2->pidxunicode->lcid;
                dwFlags = p2->pidxunicode->dwMapFlags;
            } else {
                lcid = p2->lcid;
            }
            if (lcid || dwFlags) {
                JET_UNICODEINDEX2 *pui = ar_alloc(pa, sizeof *pui);
                ESENT_WCHAR *wsz = ar_alloc(pa, 86 * sizeof(ESENT_WCHAR));
                if (!pui || !wsz) return ERR_TRAP(JET_errOutOfMemory);
                if (lcid) CALL_R(isam_locale_name_of_lcid(lcid, wsz));
                pui->szLocaleName = lcid ? wsz : NULL;
                pui->dwMapFlags = dwFlags;
                pd->pidxunicode = pui;
                pd->grbit |= JET_bitIndexUnicode;
            }
        }
        pb += p2->cbStruct;
    }
    *prg = rg;
    return JET_errSuccess;
}

static void indexes_result(const JET_INDEXCREATE3_A *rg, void *pvIdx, uint32_t c)
{
    uint8_t *pb = pvIdx;
    for (uint32_t i = 0; rg && i < c; i++) {
        JET_INDEXCREATE_A *p = (JET_INDEXCREATE_A *)pb;
        p->err = rg[i].err;
        pb += p->cbStruct;
    }
}

/* ---- tables --------------------------------------------------------------------------------- */

/* The caller's structure, any version, read through this common view. */
struct tc_view {
    void *pvName, *pvTemplate, *pvCallback;
    uint32_t ulPages, ulDensity;
    void *rgcol;
    uint32_t ccol;
    void *rgidx;
    uint32_t cidx;
    enum idxver vIdx;
    JET_CBTYP cbtyp;
    JET_GRBIT grbit;
    JET_SPACEHINTS *pSeq, *pLV;
    uint32_t cbSeparateLV;
    JET_TABLEID *ptableid;
    ESENT_ULONG *pcCreated;
    uint32_t cbLVChunkMax;      /* JET_TABLECREATE5 */
};

static JET_ERR tc_view_of(void *pv, int ver, struct tc_view *pt)
{
    memset(pt, 0, sizeof *pt);
    if (!pv) return ERR_TRAP(JET_errInvalidParameter);
    const uint32_t cbStruct = *(const ESENT_ULONG *)pv;
    switch (ver) {
    case 1: {
        JET_TABLECREATE_A *p = pv;
        if (cbStruct != sizeof *p) return ERR_TRAP(JET_errInvalidParameter);
        *pt = (struct tc_view){ p->szTableName, p->szTemplateTableName, NULL, p->ulPages, p->ulDensity, p->rgcolumncreate,
                                p->cColumns, p->rgindexcreate, p->cIndexes, IDX_V1, 0, p->grbit, NULL, NULL, 0,
                                &p->tableid, &p->cCreated, 0 };
        break;
    }
    case 2: {
        JET_TABLECREATE2_A *p = pv;
        if (cbStruct != sizeof *p) return ERR_TRAP(JET_errInvalidParameter);
        *pt = (struct tc_view){ p->szTableName, p->szTemplateTableName, p->szCallback, p->ulPages, p->ulDensity,
                                p->rgcolumncreate, p->cColumns, p->rgindexcreate, p->cIndexes, IDX_V1, p->cbtyp, p->grbit,
                                NULL, NULL, 0, &p->tableid, &p->cCreated, 0 };
        break;
    }
    case 3: {
        JET_TABLECREATE3_A *p = pv;
        if (cbStruct != sizeof *p) return ERR_TRAP(JET_errInvalidParameter);
        *pt = (struct tc_view){ p->szTableName, p->szTemplateTableName, p->szCallback, p->ulPages, p->ulDensity,
                                p->rgcolumncreate, p->cColumns, p->rgindexcreate, p->cIndexes, IDX_V2, p->cbtyp, p->grbit,
                                p->pSeqSpacehints, p->pLVSpacehints, p->cbSeparateLV, &p->tableid, &p->cCreated, 0 };
        break;
    }
    case 4: {
        JET_TABLECREATE4_A *p = pv;
        if (cbStruct != sizeof *p) return ERR_TRAP(JET_errInvalidParameter);
        *pt = (struct tc_view){ p->szTableName, p->szTemplateTableName, p->szCallback, p->ulPages, p->ulDensity,
                                p->rgcolumncreate, p->cColumns, p->rgindexcreate, p->cIndexes, IDX_V3, p->cbtyp, p->grbit,
                                p->pSeqSpacehints, p->pLVSpacehints, p->cbSeparateLV, &p->tableid, &p->cCreated, 0 };
        break;
    }
    default: {
        /* JET_TABLECREATE5: JET_TABLECREATE4 and cbLVChunkMax (the W form's pointers sit at the
         * same places) */
        JET_TABLECREATE5_A *p = pv;
        if (cbStruct != sizeof *p) return ERR_TRAP(JET_errInvalidParameter);
        *pt = (struct tc_view){ p->szTableName, p->szTemplateTableName, p->szCallback, p->ulPages, p->ulDensity,
                                p->rgcolumncreate, p->cColumns, p->rgindexcreate, p->cIndexes, IDX_V3, p->cbtyp, p->grbit,
                                p->pSeqSpacehints, p->pLVSpacehints, p->cbSeparateLV, &p->tableid, &p->cCreated,
                                p->cbLVChunkMax };
        break;
    }
    }
    return JET_errSuccess;
}

static JET_ERR conv_columns(struct arena *pa, void *pvCol, uint32_t c, bool fWide, JET_COLUMNCREATE_A **prg)
{
    JET_ERR err;
    *prg = NULL;
    if (!c) return JET_errSuccess;
    if (!pvCol) return ERR_TRAP(JET_errInvalidParameter);
    if (!fWide) {
        *prg = pvCol;
        return JET_errSuccess;
    }
    JET_COLUMNCREATE_A *rg = ar_alloc(pa, c * sizeof *rg);
    if (!rg) return ERR_TRAP(JET_errOutOfMemory);
    const JET_COLUMNCREATE_W *rgw = pvCol;
    for (uint32_t i = 0; i < c; i++) {
        memcpy(&rg[i], &rgw[i], sizeof rg[i]);
        if (rgw[i].cbStruct == sizeof rgw[i]) rg[i].cbStruct = sizeof rg[i];
        CALL_R(ar_name(pa, rgw[i].szColumnName, &rg[i].szColumnName));
        if ((rgw[i].grbit & JET_bitColumnUserDefinedDefault) && rgw[i].pvDefault
                && rgw[i].cbDefault == sizeof(JET_USERDEFINEDDEFAULT_W)) {
            const JET_USERDEFINEDDEFAULT_W *pw = rgw[i].pvDefault;
            JET_USERDEFINEDDEFAULT_A *pua = ar_alloc(pa, sizeof *pua);
            if (!pua) return ERR_TRAP(JET_errOutOfMemory);
            CALL_R(ar_string(pa, pw->szCallback, &pua->szCallback));
            pua->pbUserData = pw->pbUserData;
            pua->cbUserData = pw->cbUserData;
            CALL_R(ar_string(pa, pw->szDependantColumns, &pua->szDependantColumns));
            rg[i].pvDefault = pua;
            rg[i].cbDefault = sizeof *pua;
        }
    }
    *prg = rg;
    return JET_errSuccess;
}

static void columns_result(const JET_COLUMNCREATE_A *rg, void *pvCol, uint32_t c, bool fWide)
{
    if (!fWide || !rg) return;
    JET_COLUMNCREATE_W *rgw = pvCol;
    for (uint32_t i = 0; i < c; i++) {
        rgw[i].columnid = rg[i].columnid;
        rgw[i].err = rg[i].err;
    }
}

static JET_ERR create_table(JET_SESID sesid, JET_DBID dbid, void *pv, int ver, bool fWide)
{
    JET_ERR err;
    struct arena ar;
    struct tc_view v;
    struct isam_session *sess = NULL;
    struct isam_table *t = NULL;
    JET_TABLECREATE4_A tc;
    memset(&ar, 0, sizeof ar);
    memset(&tc, 0, sizeof tc);

    CALL(tc_view_of(pv, ver, &v));
    *v.ptableid = JET_tableidNil;
    tc.cbStruct = sizeof tc;
    if (fWide) {
        CALL(ar_name(&ar, v.pvName, &tc.szTableName));
        CALL(ar_name(&ar, v.pvTemplate, &tc.szTemplateTableName));
        CALL(ar_string(&ar, v.pvCallback, &tc.szCallback));
    } else {
        tc.szTableName = v.pvName;
        tc.szTemplateTableName = v.pvTemplate;
        tc.szCallback = v.pvCallback;
    }
    tc.ulPages = v.ulPages;
    tc.ulDensity = v.ulDensity;
    tc.cColumns = v.ccol;
    tc.cIndexes = v.cidx;
    tc.cbtyp = v.cbtyp;
    tc.grbit = v.grbit;
    tc.pSeqSpacehints = v.pSeq;
    tc.pLVSpacehints = v.pLV;
    tc.cbSeparateLV = v.cbSeparateLV;
    CALL(conv_columns(&ar, v.rgcol, v.ccol, fWide, &tc.rgcolumncreate));
    CALL(conv_indexes(&ar, v.rgidx, v.cidx, v.vIdx, fWide, &tc.rgindexcreate));
    CALL(api_session_enter(sesid, &sess));
    uint32_t objid;
    err = isam_ddl_create_table5(sess, dbid, &tc, v.cbLVChunkMax, &objid);
    columns_result(tc.rgcolumncreate, v.rgcol, v.ccol, fWide);
    indexes_result(tc.rgindexcreate, v.rgidx, v.cidx);
    *v.pcCreated = tc.cCreated;
    CALL(err);
    const JET_ERR wrn = err;
    CALL(isam_table_open(sess, dbid, tc.szTableName, JET_bitTableDenyRead, &t));
    CALL(api_table_handle(t, v.ptableid));
    err = wrn;
out:
    if (sess) api_session_leave(sess);
    ar_free(&ar);
    return err;
}

#define CREATE_TCI(name, ver, wide, type)                                                              \
    JET_ERR JET_API name(JET_SESID sesid, JET_DBID dbid, type *ptablecreate)                           \
    {                                                                                                  \
        JET_ERR err;                                                                                   \
        TRACE("(%#lx, %lu, %p)", (unsigned long)sesid, (unsigned long)dbid, (void *)ptablecreate);   \
        CALL_R(api_check_sesid(sesid));                                                                \
        return api_return(create_table(sesid, dbid, ptablecreate, ver, wide));                         \
    }
CREATE_TCI(JetCreateTableColumnIndexA, 1, false, JET_TABLECREATE_A)
CREATE_TCI(JetCreateTableColumnIndexW, 1, true, JET_TABLECREATE_W)
CREATE_TCI(JetCreateTableColumnIndex2A, 2, false, JET_TABLECREATE2_A)
CREATE_TCI(JetCreateTableColumnIndex2W, 2, true, JET_TABLECREATE2_W)
CREATE_TCI(JetCreateTableColumnIndex3A, 3, false, JET_TABLECREATE3_A)
CREATE_TCI(JetCreateTableColumnIndex3W, 3, true, JET_TABLECREATE3_W)
CREATE_TCI(JetCreateTableColumnIndex4A, 4, false, JET_TABLECREATE4_A)
CREATE_TCI(JetCreateTableColumnIndex4W, 4, true, JET_TABLECREATE4_W)
CREATE_TCI(JetCreateTableColumnIndex5A, 5, false, JET_TABLECREATE5_A)
CREATE_TCI(JetCreateTableColumnIndex5W, 5, true, JET_TABLECREATE5_W)

static JET_ERR create_table_simple(JET_SESID sesid, JET_DBID dbid, const char *szName, ESENT_ULONG lPages,
        ESENT_ULONG lDensity, JET_TABLEID *ptableid)
{
    if (!ptableid) return ERR_TRAP(JET_errInvalidParameter);
    JET_TABLECREATE4_A tc;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)szName;
    tc.ulPages = lPages;
    tc.ulDensity = lDensity;
    const JET_ERR err = create_table(sesid, dbid, &tc, 4, false);
    *ptableid = tc.tableid;
    return err;
}

JET_ERR JET_API JetCreateTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName, ESENT_ULONG lPages,
        ESENT_ULONG lDensity, JET_TABLEID *ptableid)
{
    JET_ERR err;
    TRACE("(%#lx, %lu, %s, %lu, %lu, %p)", (unsigned long)sesid, (unsigned long)dbid, debugstr_a(szTableName),
          (unsigned long)lPages, (unsigned long)lDensity, (void *)ptableid);
    CALL_R(api_check_sesid(sesid));
    return api_return(create_table_simple(sesid, dbid, szTableName, lPages, lDensity, ptableid));
}

JET_ERR JET_API JetCreateTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR wszTableName, ESENT_ULONG lPages,
        ESENT_ULONG lDensity, JET_TABLEID *ptableid)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1];
    TRACE("(%#lx, %lu, %s, %lu, %lu, %p)", (unsigned long)sesid, (unsigned long)dbid, debugstr_w(wszTableName),
          (unsigned long)lPages, (unsigned long)lDensity, (void *)ptableid);
    CALL_R(api_check_sesid(sesid));
    err = api_name_from_w(wszTableName, sz, sizeof sz);
    if (err < 0) return api_return(err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err);
    return api_return(create_table_simple(sesid, dbid, sz, lPages, lDensity, ptableid));
}

/* ---- DDL on an open table ------------------------------------------------------------------------ */

static void ddl_table_of(const struct isam_table *t, struct isam_ddl_table *pd)
{
    pd->dbid = t->dbid;
    pd->objidTable = t->c->pt ? t->c->pt->objid : 0;
    pd->fExclusive = t->c->fDenyRead;
    pd->fPermitDDL = t->c->fPermitDDL;
}

/* Enter for DDL on tableid: in-memory tables take none (JET_errInvalidParameter, as ESE's temp
 * tables do). */
static JET_ERR ddl_enter(JET_SESID sesid, JET_TABLEID tableid, struct isam_session **ppsess, struct isam_ddl_table *pd)
{
    JET_ERR err;
    struct isam_table *t;
    CALL_R(api_table_enter(sesid, tableid, API_TT_OTHER, ppsess, &t));
    if (!t->c->pt) return ERR_TRAP(JET_errInvalidParameter);
    ddl_table_of(t, pd);
    return JET_errSuccess;
}

static JET_ERR add_column(JET_SESID sesid, JET_TABLEID tableid, const char *szColumn, const JET_COLUMNDEF *pcd,
        const void *pvDefault, ESENT_ULONG cbDefault, JET_COLUMNID *pcolumnid)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_ddl_table d;
    if (!pcd) return ERR_TRAP(JET_errInvalidParameter);
    if (pcd->cbStruct < sizeof *pcd) return ERR_TRAP(JET_errInvalidParameter);
    CALL(ddl_enter(sesid, tableid, &sess, &d));
    CALL(isam_ddl_add_column(sess, &d, szColumn, pcd, pvDefault, cbDefault, pcolumnid));
out:
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetAddColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName,
        const JET_COLUMNDEF *pcolumndef, const void *pvDefault, ESENT_ULONG cbDefault, JET_COLUMNID *pcolumnid)
{
    JET_ERR err;
    TRACE("(%#lx, %#lx, %s, %p, %p, %lu, %p)", (unsigned long)sesid, (unsigned long)tableid, debugstr_a(szColumnName),
          (const void *)pcolumndef, pvDefault, (unsigned long)cbDefault, (void *)pcolumnid);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    return api_return(add_column(sesid, tableid, szColumnName, pcolumndef, pvDefault, cbDefault, pcolumnid));
}

JET_ERR JET_API JetAddColumnW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR wszColumnName,
        const JET_COLUMNDEF *pcolumndef, const void *pvDefault, ESENT_ULONG cbDefault, JET_COLUMNID *pcolumnid)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1];
    TRACE("(%#lx, %#lx, %s, %p, %p, %lu, %p)", (unsigned long)sesid, (unsigned long)tableid, debugstr_w(wszColumnName),
          (const void *)pcolumndef, pvDefault, (unsigned long)cbDefault, (void *)pcolumnid);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    err = api_name_from_w(wszColumnName, sz, sizeof sz);
    if (err < 0) return api_return(err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err);
    return api_return(add_column(sesid, tableid, sz, pcolumndef, pvDefault, cbDefault, pcolumnid));
}

static JET_ERR delete_column(JET_SESID sesid, JET_TABLEID tableid, const char *szColumn, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_ddl_table d;
    if (grbit & ~(JET_GRBIT)JET_bitDeleteColumnIgnoreTemplateColumns) return ERR_TRAP(JET_errInvalidGrbit);
    CALL(ddl_enter(sesid, tableid, &sess, &d));
    CALL(isam_ddl_delete_column(sess, &d, szColumn, grbit));
out:
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetDeleteColumn2A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName, const JET_GRBIT grbit)
{
    JET_ERR err;
    TRACE("(%#lx, %#lx, %s, %#lx)", (unsigned long)sesid, (unsigned long)tableid, debugstr_a(szColumnName),
          (unsigned long)grbit);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    return api_return(delete_column(sesid, tableid, szColumnName, grbit));
}

JET_ERR JET_API JetDeleteColumn2W(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR wszColumnName, const JET_GRBIT grbit)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1];
    TRACE("(%#lx, %#lx, %s, %#lx)", (unsigned long)sesid, (unsigned long)tableid, debugstr_w(wszColumnName),
          (unsigned long)grbit);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    err = api_name_from_w(wszColumnName, sz, sizeof sz);
    if (err < 0) return api_return(err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err);
    return api_return(delete_column(sesid, tableid, sz, grbit));
}

JET_ERR JET_API JetDeleteColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName)
{
    return JetDeleteColumn2A(sesid, tableid, szColumnName, 0);
}

JET_ERR JET_API JetDeleteColumnW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR wszColumnName)
{
    return JetDeleteColumn2W(sesid, tableid, wszColumnName, 0);
}

static JET_ERR create_indexes(JET_SESID sesid, JET_TABLEID tableid, void *pvIdx, uint32_t c, enum idxver v, bool fWide)
{
    JET_ERR err;
    struct arena ar;
    struct isam_session *sess = NULL;
    struct isam_ddl_table d;
    JET_INDEXCREATE3_A *rg = NULL;
    memset(&ar, 0, sizeof ar);
    CALL(conv_indexes(&ar, pvIdx, c, v, fWide, &rg));
    if (!rg) FAIL(JET_errInvalidParameter);
    CALL(ddl_enter(sesid, tableid, &sess, &d));
    err = isam_ddl_create_indexes(sess, &d, rg, c);
    indexes_result(rg, pvIdx, c);
out:
    if (sess) api_session_leave(sess);
    ar_free(&ar);
    return err;
}

#define CREATE_IDX(name, v, wide, type)                                                                \
    JET_ERR JET_API name(JET_SESID sesid, JET_TABLEID tableid, type *pindexcreate, ESENT_ULONG cIndexCreate) \
    {                                                                                                  \
        JET_ERR err;                                                                                   \
        TRACE("(%#lx, %#lx, %p, %lu)", (unsigned long)sesid, (unsigned long)tableid, (void *)pindexcreate, \
              (unsigned long)cIndexCreate);                                                            \
        CALL_R(api_check_sesid(sesid));                                                                \
        CALL_R(api_check_tableid(tableid));                                                            \
        return api_return(create_indexes(sesid, tableid, pindexcreate, cIndexCreate, v, wide));        \
    }
CREATE_IDX(JetCreateIndex2A, IDX_V1, false, JET_INDEXCREATE_A)
CREATE_IDX(JetCreateIndex2W, IDX_V1, true, JET_INDEXCREATE_W)
CREATE_IDX(JetCreateIndex3A, IDX_V2, false, JET_INDEXCREATE2_A)
CREATE_IDX(JetCreateIndex3W, IDX_V2, true, JET_INDEXCREATE2_W)
CREATE_IDX(JetCreateIndex4A, IDX_V3, false, JET_INDEXCREATE3_A)
CREATE_IDX(JetCreateIndex4W, IDX_V3, true, JET_INDEXCREATE3_W)

JET_ERR JET_API JetCreateIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName, JET_GRBIT grbit,
        const char *szKey, ESENT_ULONG cbKey, ESENT_ULONG lDensity)
{
    JET_INDEXCREATE_A ic;
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (char *)szIndexName;
    ic.szKey = (char *)szKey;
    ic.cbKey = cbKey;
    ic.grbit = grbit;
    ic.ulDensity = lDensity;
    return JetCreateIndex2A(sesid, tableid, &ic, 1);
}

JET_ERR JET_API JetCreateIndexW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR wszIndexName, JET_GRBIT grbit,
        const ESENT_WCHAR *wszKey, ESENT_ULONG cbKey, ESENT_ULONG lDensity)
{
    JET_INDEXCREATE_W ic;
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (ESENT_WCHAR *)wszIndexName;
    ic.szKey = (ESENT_WCHAR *)wszKey;
    ic.cbKey = cbKey;
    ic.grbit = grbit;
    ic.ulDensity = lDensity;
    return JetCreateIndex2W(sesid, tableid, &ic, 1);
}

static JET_ERR delete_index(JET_SESID sesid, JET_TABLEID tableid, const char *szIndex)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_ddl_table d;
    CALL(ddl_enter(sesid, tableid, &sess, &d));
    CALL(isam_ddl_delete_index(sess, &d, szIndex));
out:
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetDeleteIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName)
{
    JET_ERR err;
    TRACE("(%#lx, %#lx, %s)", (unsigned long)sesid, (unsigned long)tableid, debugstr_a(szIndexName));
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    return api_return(delete_index(sesid, tableid, szIndexName));
}

JET_ERR JET_API JetDeleteIndexW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR wszIndexName)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1];
    TRACE("(%#lx, %#lx, %s)", (unsigned long)sesid, (unsigned long)tableid, debugstr_w(wszIndexName));
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    err = api_name_from_w(wszIndexName, sz, sizeof sz);
    if (err < 0) return api_return(err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err);
    return api_return(delete_index(sesid, tableid, sz));
}

static JET_ERR rename_column(JET_SESID sesid, JET_TABLEID tableid, const char *sz, const char *szNew, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_ddl_table d;
    CALL(ddl_enter(sesid, tableid, &sess, &d));
    CALL(isam_ddl_rename_column(sess, &d, sz, szNew, grbit));
out:
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetRenameColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szName, JET_PCSTR szNameNew,
        JET_GRBIT grbit)
{
    JET_ERR err;
    TRACE("(%#lx, %#lx, %s, %s, %#lx)", (unsigned long)sesid, (unsigned long)tableid, debugstr_a(szName),
          debugstr_a(szNameNew), (unsigned long)grbit);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    return api_return(rename_column(sesid, tableid, szName, szNameNew, grbit));
}

JET_ERR JET_API JetRenameColumnW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR wszName, JET_PCWSTR wszNameNew,
        JET_GRBIT grbit)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1], szNew[JET_cbNameMost + 1];
    TRACE("(%#lx, %#lx, %s, %s, %#lx)", (unsigned long)sesid, (unsigned long)tableid, debugstr_w(wszName),
          debugstr_w(wszNameNew), (unsigned long)grbit);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    if (!wszName || !wszNameNew) return api_return(ERR_TRAP(JET_errInvalidParameter));
    err = api_name_from_w(wszName, sz, sizeof sz);
    if (err >= 0) err = api_name_from_w(wszNameNew, szNew, sizeof szNew);
    if (err < 0) return api_return(err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err);
    return api_return(rename_column(sesid, tableid, sz, szNew, grbit));
}

/* ---- DDL by name ---------------------------------------------------------------------------------- */

static JET_ERR delete_table(JET_SESID sesid, JET_DBID dbid, const char *szTable)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    CALL(api_session_enter(sesid, &sess));
    CALL(isam_ddl_delete_table(sess, dbid, szTable));
out:
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetDeleteTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName)
{
    JET_ERR err;
    TRACE("(%#lx, %lu, %s)", (unsigned long)sesid, (unsigned long)dbid, debugstr_a(szTableName));
    CALL_R(api_check_sesid(sesid));
    return api_return(delete_table(sesid, dbid, szTableName));
}

JET_ERR JET_API JetDeleteTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR wszTableName)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1];
    TRACE("(%#lx, %lu, %s)", (unsigned long)sesid, (unsigned long)dbid, debugstr_w(wszTableName));
    CALL_R(api_check_sesid(sesid));
    err = api_name_from_w(wszTableName, sz, sizeof sz);
    if (err < 0) return api_return(err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err);
    return api_return(delete_table(sesid, dbid, sz));
}

static JET_ERR rename_table(JET_SESID sesid, JET_DBID dbid, const char *sz, const char *szNew)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    CALL(api_session_enter(sesid, &sess));
    CALL(isam_ddl_rename_table(sess, dbid, sz, szNew));
out:
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetRenameTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szName, JET_PCSTR szNameNew)
{
    JET_ERR err;
    TRACE("(%#lx, %lu, %s, %s)", (unsigned long)sesid, (unsigned long)dbid, debugstr_a(szName), debugstr_a(szNameNew));
    CALL_R(api_check_sesid(sesid));
    return api_return(rename_table(sesid, dbid, szName, szNameNew));
}

JET_ERR JET_API JetRenameTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR wszName, JET_PCWSTR wszNameNew)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1], szNew[JET_cbNameMost + 1];
    TRACE("(%#lx, %lu, %s, %s)", (unsigned long)sesid, (unsigned long)dbid, debugstr_w(wszName), debugstr_w(wszNameNew));
    CALL_R(api_check_sesid(sesid));
    if (!wszName || !wszNameNew) return api_return(ERR_TRAP(JET_errInvalidParameter));
    err = api_name_from_w(wszName, sz, sizeof sz);
    if (err >= 0) err = api_name_from_w(wszNameNew, szNew, sizeof szNew);
    if (err < 0) return api_return(err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err);
    return api_return(rename_table(sesid, dbid, sz, szNew));
}

static JET_ERR set_default(JET_SESID sesid, JET_DBID dbid, const char *szTable, const char *szColumn, const void *pv,
        ESENT_ULONG cb, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    CALL(api_session_enter(sesid, &sess));
    CALL(isam_ddl_set_default_value(sess, dbid, szTable, szColumn, pv, cb, grbit));
out:
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetSetColumnDefaultValueA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName, JET_PCSTR szColumnName,
        const void *pvData, const ESENT_ULONG cbData, const JET_GRBIT grbit)
{
    JET_ERR err;
    TRACE("(%#lx, %lu, %s, %s, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)dbid, debugstr_a(szTableName),
          debugstr_a(szColumnName), pvData, (unsigned long)cbData, (unsigned long)grbit);
    CALL_R(api_check_sesid(sesid));
    return api_return(set_default(sesid, dbid, szTableName, szColumnName, pvData, cbData, grbit));
}

JET_ERR JET_API JetSetColumnDefaultValueW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR wszTableName,
        JET_PCWSTR wszColumnName, const void *pvData, const ESENT_ULONG cbData, const JET_GRBIT grbit)
{
    JET_ERR err;
    char szT[JET_cbNameMost + 1], szC[JET_cbNameMost + 1];
    TRACE("(%#lx, %lu, %s, %s, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)dbid, debugstr_w(wszTableName),
          debugstr_w(wszColumnName), pvData, (unsigned long)cbData, (unsigned long)grbit);
    CALL_R(api_check_sesid(sesid));
    err = api_name_from_w(wszTableName, szT, sizeof szT);
    if (err >= 0) err = api_name_from_w(wszColumnName, szC, sizeof szC);
    if (err < 0) return api_return(err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err);
    return api_return(set_default(sesid, dbid, szT, szC, pvData, cbData, grbit));
}
