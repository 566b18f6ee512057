/* SPDX-License-Identifier: MIT
 * api/api_info.c: what a table is: JetGetTableInfo, JetGetTableColumnInfo / JetGetColumnInfo,
 * JetGetTableIndexInfo / JetGetIndexInfo, JetGetObjectInfo (A and W). The by-tableid forms read
 * the cursor's current definition; the by-name forms the table's cached one. List levels
 * (JET_ColInfoList, JET_IdxInfoList, JET_ObjInfoList) return an in-memory table (cursor/cur_info.c)
 * under a new tableid of the session, on its first row, as ESE's temporary tables are. */
#include "api_int.h"
#include "isam_table.h"
#include "isam_db.h"
#include "space.h"
#include "utf.h"
#include <stdio.h>

/* JetGetTableIndexInfo levels Windows 10 answers but the SDK does not name (ESE's jethdr.w keeps
 * them private): the sort version and sort GUID the catalog recorded for a Unicode index. */
#define IDX_INFO_SORT_VERSION           15u     /* NLSVERSIONINFO.dwNLSVersion */
#define IDX_INFO_DEFINED_SORT_VERSION   16u     /* NLSVERSIONINFO.dwDefinedVersion */
#define IDX_INFO_SORT_ID                17u     /* the sort GUID */

DEBUG_CHANNEL(api);

#ifndef JET_ColInfoGrbitCompacting
#define JET_ColInfoGrbitCompacting 0x10000000u
#endif
#ifndef JET_TblInfoLVChunkMax
#define JET_TblInfoLVChunkMax 13u
#endif
#ifndef JET_TblInfoObjectId
#define JET_TblInfoObjectId 16u
#endif

/* ESE's _stricmp on ASCII names. */
static int cur_name_cmp_ascii(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z')
            cb += 'a' - 'A';
        if (ca != cb || !ca)
            return ca - cb;
    }
}

/* The definition an info call reads, and where it came from. */
struct info_src {
    struct isam_session *sess;
    JET_DBID dbid;
    struct cur_db *cdb;
    struct cur_table *pt;       /* by name: a reference to release */
    struct cur_tdef *td;        /* by name: a reference to release */
    const struct catalog_table *def;
    bool fUpdatable;
    bool fMem;                  /* an in-memory list table */
    struct cursor *c;           /* by tableid */
};

static void src_release(struct info_src *ps)
{
    if (ps->td)
        cur_tdef_release(ps->td);
    if (ps->pt)
        cur_table_release(ps->pt);
}

static JET_ERR src_from_table(struct isam_table *t, struct info_src *ps)
{
    JET_ERR err;
    memset(ps, 0, sizeof *ps);
    ps->sess = t->sess;
    ps->dbid = t->dbid;
    ps->c = t->c;
    if (t->c->mem) {
        ps->fMem = true;
        return JET_errSuccess;
    }
    CALL_R(cur_sync(t->c));
    ps->cdb = t->c->pt->cdb;
    ps->def = cur_def(t->c);
    ps->fUpdatable = t->c->fUpdatable;
    return JET_errSuccess;
}

static JET_ERR src_from_name(struct isam_session *sess, JET_DBID dbid, const char *szTable, struct info_src *ps)
{
    JET_ERR err;
    memset(ps, 0, sizeof *ps);
    ps->sess = sess;
    ps->dbid = dbid;
    CALL_R(isam_db_cursors(sess, dbid, &ps->cdb));
    if (!szTable || !szTable[0] || strlen(szTable) > JET_cbNameMost)
        return ERR_TRAP(JET_errInvalidName);
    CALL_R(isam_table_get_visible(sess, dbid, ps->cdb, szTable, &ps->pt));
    ps->td = cur_tdef_get_for(ps->pt, sess);
    ps->def = ps->td->pt;
    ps->fUpdatable = !cur_db_read_only(ps->cdb);
    return JET_errSuccess;
}

/* A list table's cursor under a new tableid of the session. */
static JET_ERR list_handle(struct isam_session *sess, struct cursor *c, JET_TABLEID *ptableid)
{
    JET_ERR err;
    struct isam_table *t;
    CALL_R(isam_table_adopt(sess, 0, c, &t));
    return api_table_handle(t, ptableid);
}

/* A W name to narrow (NULL stays NULL). */
static JET_ERR name_w(const ESENT_WCHAR *wsz, char *sz, size_t cb, const char **psz)
{
    JET_ERR err;
    *psz = NULL;
    if (!wsz)
        return JET_errSuccess;
    err = api_name_from_w(wsz, sz, cb);
    if (err < 0)
        return err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err;
    *psz = sz;
    return JET_errSuccess;
}

/* Narrow ASCII name to a WCHAR buffer of cch characters (with its terminator). */
static void widen(const char *sz, ESENT_WCHAR *wsz, size_t cch)
{
    size_t i = 0;
    for (; sz[i] && i + 1 < cch; i++)
        wsz[i] = (unsigned char)sz[i];
    if (cch)
        wsz[i] = 0;
}

static JET_ERR put_u32(void *pv, ESENT_ULONG cbMax, uint32_t v)
{
    if (cbMax < 4)
        return ERR_TRAP(JET_errBufferTooSmall);
    memcpy(pv, &v, 4);
    return JET_errSuccess;
}

static JET_ERR put_u16(void *pv, ESENT_ULONG cbMax, uint16_t v)
{
    if (cbMax < 2)
        return ERR_TRAP(JET_errBufferTooSmall);
    memcpy(pv, &v, 2);
    return JET_errSuccess;
}

/* ESE's jetapi rule for the info functions: the level's least size is checked first, then that
 * there is a buffer at all. */
static JET_ERR result_buffer(const void *pv, ESENT_ULONG cbMax, size_t cbMin)
{
    if (cbMax < cbMin)
        return ERR_TRAP(JET_errBufferTooSmall);
    if (!pv)
        return ERR_TRAP(JET_errInvalidParameter);
    return JET_errSuccess;
}

/* ================================================================ JetGetTableInfo ====== */

static JET_ERR space_counts(struct info_src *ps, uint32_t pgnoFDP, uint32_t *pcpgOwned, uint32_t *pcpgAvail)
{
    return space_get_counts(bt_db_space(cur_db_bt(ps->cdb)), pgnoFDP, pcpgOwned, pcpgAvail);
}

static JET_ERR table_info(struct info_src *ps, void *pv, ESENT_ULONG cbMax, ESENT_ULONG level, bool fUnicode)
{
    JET_ERR err = JET_errSuccess;
    uint32_t cpgOwned, cpgAvail;
    if (ps->fMem)
        return level == JET_TblInfo ? ERR_TRAP(JET_errObjectNotFound) : ERR_TRAP(JET_errInvalidOperation);
    const struct rec_cat_table *prt = &ps->def->table;
    if (!pv && cbMax)
        return ERR_TRAP(JET_errInvalidParameter);
    switch (level) {
    case JET_TblInfo: {
        JET_OBJECTINFO oi;
        if (cbMax < sizeof oi)
            return ERR_TRAP(JET_errBufferTooSmall);
        memset(&oi, 0, sizeof oi);
        oi.cbStruct = sizeof oi;
        oi.objtyp = JET_objtypTable;
        oi.flags = cur_info_table_flags(prt);
        oi.grbit = JET_bitTableInfoBookmark | JET_bitTableInfoRollback | (ps->fUpdatable ? JET_bitTableInfoUpdatable : 0);
        /* cRecord / cPage: the catalog's statistics (JetComputeStats); none kept */
        memcpy(pv, &oi, sizeof oi);
        return JET_errSuccess;
    }
    case JET_TblInfoName:
    case JET_TblInfoTemplateTableName: {
        const char *sz = level == JET_TblInfoName ? prt->szName : prt->szTemplateTable;
        const size_t cch = strlen(sz);
        if (level == JET_TblInfoTemplateTableName ? cbMax <= (fUnicode ? 2u : 1u) * JET_cbNameMost
                                                  : (fUnicode ? 2 * cch + 2 : cch + 1) > cbMax)
            return ERR_TRAP(JET_errBufferTooSmall);
        if (fUnicode)
            widen(sz, pv, cbMax / sizeof(ESENT_WCHAR));
        else
            memcpy(pv, sz, cch + 1);
        return JET_errSuccess;
    }
    case JET_TblInfoDbid:
        if (cbMax < sizeof(JET_DBID))
            return ERR_TRAP(JET_errBufferTooSmall);
        *(JET_DBID *)pv = ps->dbid;
        return JET_errSuccess;
    case JET_TblInfoSpaceAlloc:
        if (cbMax < 2 * sizeof(ESENT_ULONG))
            return ERR_TRAP(JET_errBufferTooSmall);
        ((ESENT_ULONG *)pv)[0] = prt->cpgInitial;
        ((ESENT_ULONG *)pv)[1] = prt->ulDensity;
        return JET_errSuccess;
    case JET_TblInfoSpaceUsage:
        /* owned, then available pages of the table's own tree */
        if (cbMax < 2 * sizeof(ESENT_ULONG))
            return ERR_TRAP(JET_errBufferTooSmall);
        CALL_R(space_counts(ps, prt->pgnoFDP, &cpgOwned, &cpgAvail));
        ((ESENT_ULONG *)pv)[0] = cpgOwned;
        ((ESENT_ULONG *)pv)[1] = cpgAvail;
        return JET_errSuccess;
    case JET_TblInfoSpaceOwned:
        CALL_R(space_counts(ps, prt->pgnoFDP, &cpgOwned, &cpgAvail));
        return put_u32(pv, cbMax, cpgOwned);
    case JET_TblInfoSpaceAvailable: {
        /* the table's tree, its indexes' and its LV tree's (ESE's ErrINFOIGetCalculatedSpace) */
        uint32_t cAvail = 0;
        CALL_R(space_counts(ps, prt->pgnoFDP, &cpgOwned, &cpgAvail));
        cAvail += cpgAvail;
        for (uint32_t i = 0; i < ps->def->cidx; i++) {
            if (ps->def->rgidx[i].pgnoFDP == prt->pgnoFDP)
                continue;
            CALL_R(space_counts(ps, ps->def->rgidx[i].pgnoFDP, &cpgOwned, &cpgAvail));
            cAvail += cpgAvail;
        }
        if (ps->def->fLV) {
            CALL_R(space_counts(ps, ps->def->lv.pgnoFDP, &cpgOwned, &cpgAvail));
            cAvail += cpgAvail;
        }
        return put_u32(pv, cbMax, cAvail);
    }
    case JET_TblInfoSpaceOwnedLV:
    case JET_TblInfoSpaceAvailableLV:
        if (!ps->def->fLV)
            return put_u32(pv, cbMax, 0);
        CALL_R(space_counts(ps, ps->def->lv.pgnoFDP, &cpgOwned, &cpgAvail));
        return put_u32(pv, cbMax, level == JET_TblInfoSpaceOwnedLV ? cpgOwned : cpgAvail);
    case JET_TblInfoLVChunkMax:
        return put_u32(pv, cbMax, prt->cbLVChunkMax ? prt->cbLVChunkMax : rec_lv_chunk_most(cur_db_cbpage(ps->cdb)));
    case JET_TblInfoObjectId:
        return put_u32(pv, cbMax, prt->objid);
    default:
        FIXME("JetGetTableInfo level %lu", (unsigned long)level);
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    return err;
}

static JET_ERR get_table_info(JET_SESID sesid, JET_TABLEID tableid, void *pv, ESENT_ULONG cbMax, ESENT_ULONG level,
        bool fUnicode)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    struct info_src src;
    CALL(api_table_enter(sesid, tableid, API_TT_TABLEINFO, &sess, &t));
    if (t->tt) {
        err = api_temp_table_info(t, pv, cbMax, level);
        goto out;
    }
    CALL(src_from_table(t, &src));
    err = table_info(&src, pv, cbMax, level, fUnicode);
out:
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetGetTableInfoA(JET_SESID sesid, JET_TABLEID tableid, void *pvResult, ESENT_ULONG cbMax,
        ESENT_ULONG InfoLevel)
{
    TRACE("(%#lx, %#lx, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)tableid, pvResult, (unsigned long)cbMax,
          (unsigned long)InfoLevel);
    return api_return(get_table_info(sesid, tableid, pvResult, cbMax, InfoLevel, false));
}

JET_ERR JET_API JetGetTableInfoW(JET_SESID sesid, JET_TABLEID tableid, void *pvResult, ESENT_ULONG cbMax,
        ESENT_ULONG InfoLevel)
{
    TRACE("(%#lx, %#lx, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)tableid, pvResult, (unsigned long)cbMax,
          (unsigned long)InfoLevel);
    return api_return(get_table_info(sesid, tableid, pvResult, cbMax, InfoLevel, true));
}

/* ================================================================ column info ========== */

/* The column by name, or by columnid when the name is empty and pcolid is given. A derived
 * table's template columns are its own too (ESE's ErrINFOGetTableColumnInfo): by name after the
 * table's own, by a columnid with the template bit. *pfTemplate: the columnid carries that bit. */
static JET_ERR find_column(const struct catalog_table *def, const char *szColumn, const JET_COLUMNID *pcolid,
        const struct rec_cat_column **ppc, bool *pfTemplate)
{
    *ppc = NULL;
    *pfTemplate = false;
    if (szColumn && szColumn[0])
        *ppc = catalog_table_column_inherited(def, szColumn, pfTemplate);
    else if (pcolid)
        *ppc = catalog_table_column_by_id(def, (uint32_t)*pcolid, pfTemplate);
    return *ppc ? JET_errSuccess : ERR_TRAP(JET_errColumnNotFound);
}

static JET_ERR column_info(struct info_src *ps, const char *szColumn, const JET_COLUMNID *pcolid, void *pv,
        ESENT_ULONG cbMax, ESENT_ULONG levelAndGrbit, bool fUnicode)
{
    JET_ERR err;
    const struct rec_cat_column *pc;
    bool fTemplate;
    const ESENT_ULONG level = levelAndGrbit & 0x0fffffffu;
    const JET_GRBIT grbit = levelAndGrbit & 0xf0000000u;
    /* ESE's JetGetTableColumnInfoEx / JetGetColumnInfoEx: the level sets the least size */
    size_t cbMin;
    switch (level) {
    case JET_ColInfo:
    case JET_ColInfoByColid:
        cbMin = sizeof(JET_COLUMNDEF);
        break;
    case JET_ColInfoList:
    case JET_ColInfoListCompact:
    case JET_ColInfoListSortColumnid:
        cbMin = sizeof(JET_COLUMNLIST);
        break;
    case JET_ColInfoBase:
    case JET_ColInfoBaseByColid:
        cbMin = fUnicode ? sizeof(JET_COLUMNBASE_W) : sizeof(JET_COLUMNBASE_A);
        break;
    case JET_ColInfoSysTabCursor:
        FIXME("JET_ColInfoSysTabCursor: Windows does not answer it either");
        return ERR_TRAP(JET_errFeatureNotAvailable);
    default:
        return ERR_TRAP(JET_errInvalidParameter);
    }
    CALL_R(result_buffer(pv, cbMax, cbMin));
    if (ps->fMem)
        return ERR_TRAP(JET_errInvalidOperation);
    switch (level) {
    case JET_ColInfo:
    case JET_ColInfoByColid: {
        JET_COLUMNDEF def;
        CALL_R(find_column(ps->def, level == JET_ColInfoByColid ? NULL : szColumn, pcolid, &pc, &fTemplate));
        cur_info_columndef(pc, ps->fUpdatable, &def);
        if (fTemplate)
            def.columnid |= REC_COLUMNID_TEMPLATE;
        memcpy(pv, &def, sizeof def);
        return JET_errSuccess;
    }
    case JET_ColInfoBase:
    case JET_ColInfoBaseByColid: {
        JET_COLUMNDEF def;
        CALL_R(find_column(ps->def, level == JET_ColInfoBaseByColid ? NULL : szColumn, pcolid, &pc, &fTemplate));
        cur_info_columndef(pc, ps->fUpdatable, &def);
        if (fTemplate)
            def.columnid |= REC_COLUMNID_TEMPLATE;
        if (fUnicode) {
            JET_COLUMNBASE_W *pb = pv;
            memset(pb, 0, sizeof *pb);
            pb->cbStruct = sizeof *pb;
            pb->columnid = def.columnid;
            pb->coltyp = def.coltyp;
            pb->wCountry = def.wCountry;
            pb->langid = def.langid;
            pb->cp = def.cp;
            pb->cbMax = def.cbMax;
            pb->grbit = def.grbit;
            widen(ps->def->table.szName, pb->szBaseTableName, ARRAY_SIZE(pb->szBaseTableName));
            widen(pc->szName, pb->szBaseColumnName, ARRAY_SIZE(pb->szBaseColumnName));
        } else {
            JET_COLUMNBASE_A *pb = pv;
            memset(pb, 0, sizeof *pb);
            pb->cbStruct = sizeof *pb;
            pb->columnid = def.columnid;
            pb->coltyp = def.coltyp;
            pb->wCountry = def.wCountry;
            pb->langid = def.langid;
            pb->cp = def.cp;
            pb->cbMax = def.cbMax;
            pb->grbit = def.grbit;
            snprintf(pb->szBaseTableName, sizeof pb->szBaseTableName, "%s", ps->def->table.szName);
            snprintf(pb->szBaseColumnName, sizeof pb->szBaseColumnName, "%s", pc->szName);
        }
        return JET_errSuccess;
    }
    case JET_ColInfoList:
    case JET_ColInfoListSortColumnid:
    case JET_ColInfoListCompact: {
        JET_COLUMNLIST cl;
        struct cursor *c;
        JET_GRBIT g = grbit;
        if (level == JET_ColInfoListSortColumnid)
            g |= JET_ColInfoGrbitSortByColumnid;
        if (level == JET_ColInfoListCompact)
            g |= JET_ColInfoGrbitCompacting;
        CALL_R(cur_info_column_list(ps->def, fUnicode, g, ps->fUpdatable, &c, &cl));
        CALL_R(list_handle(ps->sess, c, &cl.tableid));
        memcpy(pv, &cl, sizeof cl);
        return JET_errSuccess;
    }
    default:
        return ERR_TRAP(JET_errInvalidParameter);
    }
}

static JET_ERR get_table_column_info(JET_SESID sesid, JET_TABLEID tableid, const char *szColumn, const JET_COLUMNID *pcolid,
        void *pv, ESENT_ULONG cbMax, ESENT_ULONG level, bool fUnicode)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    struct info_src src;
    CALL(api_table_enter(sesid, tableid, API_TT_OTHER, &sess, &t));
    CALL(src_from_table(t, &src));
    err = column_info(&src, szColumn, pcolid, pv, cbMax, level, fUnicode);
out:
    api_session_leave(sess);
    return err;
}

/* The by-columnid levels pass a JET_COLUMNID where the name goes. */
static bool level_by_colid(ESENT_ULONG level)
{
    level &= 0x0fffffffu;
    return level == JET_ColInfoByColid || level == JET_ColInfoBaseByColid;
}

JET_ERR JET_API JetGetTableColumnInfoA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName, void *pvResult,
        ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    TRACE("(%#lx, %#lx, %p, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (const void *)szColumnName,
          pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel);
    if (level_by_colid(InfoLevel))
        return api_return(get_table_column_info(sesid, tableid, NULL, (const JET_COLUMNID *)(const void *)szColumnName,
                                                pvResult, cbMax, InfoLevel, false));
    return api_return(get_table_column_info(sesid, tableid, szColumnName, NULL, pvResult, cbMax, InfoLevel, false));
}

JET_ERR JET_API JetGetTableColumnInfoW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szColumnName, void *pvResult,
        ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1];
    const char *psz;
    TRACE("(%#lx, %#lx, %p, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (const void *)szColumnName,
          pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel);
    if (level_by_colid(InfoLevel))
        return api_return(get_table_column_info(sesid, tableid, NULL, (const JET_COLUMNID *)(const void *)szColumnName,
                                                pvResult, cbMax, InfoLevel, true));
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    err = name_w(szColumnName, sz, sizeof sz, &psz);
    if (err < 0)
        return api_return(err);
    return api_return(get_table_column_info(sesid, tableid, psz, NULL, pvResult, cbMax, InfoLevel, true));
}

static JET_ERR get_column_info(JET_SESID sesid, JET_DBID dbid, const char *szTable, const char *szColumn,
        const JET_COLUMNID *pcolid, void *pv, ESENT_ULONG cbMax, ESENT_ULONG level, bool fUnicode)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct info_src src;
    memset(&src, 0, sizeof src);
    CALL(api_session_enter(sesid, &sess));
    CALL(src_from_name(sess, dbid, szTable, &src));
    err = column_info(&src, szColumn, pcolid, pv, cbMax, level, fUnicode);
out:
    src_release(&src);
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetGetColumnInfoA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName, JET_PCSTR pColumnNameOrId,
        void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    TRACE("(%#lx, %lu, %s, %p, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)dbid, debugstr_a(szTableName),
          (const void *)pColumnNameOrId, pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel);
    if (level_by_colid(InfoLevel))
        return api_return(get_column_info(sesid, dbid, szTableName, NULL, (const JET_COLUMNID *)(const void *)pColumnNameOrId,
                                          pvResult, cbMax, InfoLevel, false));
    return api_return(get_column_info(sesid, dbid, szTableName, pColumnNameOrId, NULL, pvResult, cbMax, InfoLevel, false));
}

JET_ERR JET_API JetGetColumnInfoW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName, JET_PCWSTR pwColumnNameOrId,
        void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    JET_ERR err;
    char szT[JET_cbNameMost + 1], szC[JET_cbNameMost + 1];
    const char *pszT, *pszC = NULL;
    TRACE("(%#lx, %lu, %s, %p, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)dbid, debugstr_w(szTableName),
          (const void *)pwColumnNameOrId, pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel);
    CALL_R(api_check_sesid(sesid));
    err = name_w(szTableName, szT, sizeof szT, &pszT);
    if (err < 0)
        return api_return(err);
    if (level_by_colid(InfoLevel))
        return api_return(get_column_info(sesid, dbid, pszT, NULL, (const JET_COLUMNID *)(const void *)pwColumnNameOrId,
                                          pvResult, cbMax, InfoLevel, true));
    err = name_w(pwColumnNameOrId, szC, sizeof szC, &pszC);
    if (err < 0)
        return api_return(err);
    return api_return(get_column_info(sesid, dbid, pszT, pszC, NULL, pvResult, cbMax, InfoLevel, true));
}

/* ================================================================ index info =========== */

static const struct rec_cat_index *find_index(const struct catalog_table *def, const char *szIndex)
{
    if (!szIndex || !szIndex[0]) {
        /* the primary index (none for a table on its sequential index) */
        return def->iidxPrimary >= 0 ? &def->rgidx[def->iidxPrimary] : NULL;
    }
    return catalog_table_index(def, szIndex);
}


/* ---- JET_IdxInfoCreateIndex / 2 / 3: the index as a JET_INDEXCREATE* that would create it ---- */

#ifndef JET_bitIndexUnicode
#define JET_bitIndexUnicode 0x00000800u
#endif
#ifndef JET_bitIndexTupleLimits
#define JET_bitIndexTupleLimits 0x00002000u
#endif

/* Space in the caller's buffer, handed out in order (ESE's ErrINFOIBuildIndexCreateVX), each
 * piece aligned for the pointers that will name it. */
struct ic_buf {
    uint8_t *pb;
    size_t cbLeft;
};
static void *ic_take(struct ic_buf *pb, size_t cb)
{
    const size_t pad = (size_t)(-(uintptr_t)pb->pb & (sizeof(void *) - 1));
    if (pb->cbLeft < pad + cb)
        return NULL;
    void *pv = pb->pb + pad;
    pb->pb += pad + cb;
    pb->cbLeft -= pad + cb;
    memset(pv, 0, cb);
    return pv;
}
/* A name as the caller's characters (with its terminator); NULL when it does not fit. */
static void *ic_name(struct ic_buf *pb, const char *sz, bool fUnicode)
{
    const size_t cch = strlen(sz) + 1;
    void *pv = ic_take(pb, cch * (fUnicode ? 2 : 1));
    if (pv && fUnicode)
        widen(sz, pv, cch);
    else if (pv)
        memcpy(pv, sz, cch);
    return pv;
}

static const struct rec_cat_column *column_of_fid(const struct catalog_table *def, uint32_t fid)
{
    for (uint32_t i = 0; i < def->ccol; i++)
        if (def->rgcol[i].fid == fid && def->rgcol[i].coltyp != JET_coltypNil)
            return &def->rgcol[i];
    return NULL;
}

static JET_ERR index_create_info(const struct catalog_table *def, const struct rec_cat_index *pi, void *pv,
        ESENT_ULONG cbMax, ESENT_ULONG level, bool fUnicode, uint32_t cbPage)
{
    struct ic_buf b = { pv, cbMax };
    const size_t cbStruct = level == JET_IdxInfoCreateIndex ? sizeof(JET_INDEXCREATE_A)
                          : level == JET_IdxInfoCreateIndex2 ? sizeof(JET_INDEXCREATE2_A) : sizeof(JET_INDEXCREATE3_A);
    const size_t cch = fUnicode ? 2 : 1;
    JET_INDEXCREATE_A *pic = ic_take(&b, cbStruct);    /* the leading fields are common to all */
    JET_SPACEHINTS *psh = NULL;
    if (!pic)
        return ERR_TRAP(JET_errBufferTooSmall);
    pic->cbStruct = (ESENT_ULONG)cbStruct;
    if (level != JET_IdxInfoCreateIndex && !(psh = ic_take(&b, sizeof *psh)))
        return ERR_TRAP(JET_errBufferTooSmall);
    if (!(pic->szIndexName = ic_name(&b, pi->szName, fUnicode)))
        return ERR_TRAP(JET_errBufferTooSmall);
    /* the key: "+col\0-col\0\0" */
    size_t cbKey = cch;
    for (uint32_t i = 0; i < pi->cseg; i++) {
        const struct rec_cat_column *pc = column_of_fid(def, pi->rgseg[i].fid);
        if (pc && !(pc->fFlags & REC_FIELD_PRIMARY_INDEX_PLACEHOLDER))
            cbKey += (strlen(pc->szName) + 2) * cch;
    }
    uint8_t *pbKey = ic_take(&b, cbKey);
    if (!pbKey)
        return ERR_TRAP(JET_errBufferTooSmall);
    pic->szKey = (char *)pbKey;
    size_t ib = 0;
    for (uint32_t i = 0; i < pi->cseg; i++) {
        const struct rec_cat_column *pc = column_of_fid(def, pi->rgseg[i].fid);
        if (!pc || (pc->fFlags & REC_FIELD_PRIMARY_INDEX_PLACEHOLDER))
            continue;
        char sz[JET_cbNameMost + 2];
        snprintf(sz, sizeof sz, "%c%s", (pi->rgseg[i].fFlags & REC_IDXSEG_DESCENDING) ? '-' : '+', pc->szName);
        const size_t n = strlen(sz) + 1;
        if (fUnicode)
            widen(sz, (ESENT_WCHAR *)(void *)(pbKey + ib), n);
        else
            memcpy(pbKey + ib, sz, n);
        ib += n * cch;
    }
    pic->cbKey = (ESENT_ULONG)cbKey;
    pic->grbit = cur_info_index_grbit(pi) | JET_bitIndexUnicode;
    pic->ulDensity = pi->ulDensity;
    if (level != JET_IdxInfoCreateIndex3) {
        JET_UNICODEINDEX *pu = ic_take(&b, sizeof *pu);
        if (!pu)
            return ERR_TRAP(JET_errBufferTooSmall);
        pu->lcid = pi->lcid ? pi->lcid : 0x409u;     /* the catalog names most locales by name */
        pu->dwMapFlags = pi->dwLCMapFlags;
        pic->pidxunicode = pu;
    } else {
        JET_UNICODEINDEX2 *pu = ic_take(&b, sizeof *pu);
        const size_t cchLocale = wstr_len(pi->wszLocaleName) + 1;
        ESENT_WCHAR *wsz = pu ? ic_take(&b, cchLocale * sizeof(ESENT_WCHAR)) : NULL;
        if (!wsz)
            return ERR_TRAP(JET_errBufferTooSmall);
        memcpy(wsz, pi->wszLocaleName, (cchLocale - 1) * sizeof(ESENT_WCHAR));
        pu->szLocaleName = wsz;
        pu->dwMapFlags = pi->dwLCMapFlags;
        ((JET_INDEXCREATE3_A *)pic)->pidxunicode = pu;
    }
    if (pi->fTuples) {
        JET_TUPLELIMITS *ptl = ic_take(&b, sizeof *ptl);
        if (!ptl)
            return ERR_TRAP(JET_errBufferTooSmall);
        ptl->chLengthMin = pi->rgulTuple[0];
        ptl->chLengthMax = pi->rgulTuple[1];
        ptl->chToIndexMax = pi->rgulTuple[2];
        ptl->cchIncrement = pi->rgulTuple[3];
        ptl->ichStart = pi->rgulTuple[4];
        pic->grbit |= JET_bitIndexTupleLimits;
        pic->ptuplelimits = ptl;
    } else {
        pic->cbVarSegMac = pi->cbVarSegMac;
    }
    if (pi->csegConditional) {
        JET_CONDITIONALCOLUMN_A *rgcc = ic_take(&b, pi->csegConditional * sizeof *rgcc);
        if (!rgcc)
            return ERR_TRAP(JET_errBufferTooSmall);
        for (uint32_t i = 0; i < pi->csegConditional; i++) {
            const struct rec_cat_column *pc = column_of_fid(def, pi->rgsegConditional[i].fid);
            rgcc[i].cbStruct = sizeof rgcc[i];
            if (!(rgcc[i].szColumnName = ic_name(&b, pc ? pc->szName : "", fUnicode)))
                return ERR_TRAP(JET_errBufferTooSmall);
            rgcc[i].grbit = (pi->rgsegConditional[i].fFlags & REC_IDXSEG_MUST_BE_NULL) ? JET_bitIndexColumnMustBeNull
                                                                                       : JET_bitIndexColumnMustBeNonNull;
        }
        pic->rgconditionalcolumn = rgcc;
        pic->cConditionalColumn = pi->csegConditional;
    }
    pic->cbKeyMost = MAX(pi->cbKeyMost, (uint32_t)JET_cbKeyMost);
    if (psh) {
        psh->cbStruct = sizeof *psh;
        psh->ulInitialDensity = pi->fHints && pi->hints.ulInitialDensity ? pi->hints.ulInitialDensity : pi->ulDensity;
        psh->cbInitial = pi->fHints && pi->hints.cbInitial ? pi->hints.cbInitial : cbPage;
        psh->grbit = pi->fHints ? pi->hints.grbit : 0;
        psh->ulMaintDensity = pi->fHints ? pi->hints.ulMaintDensity : 0;
        psh->ulGrowth = pi->fHints ? pi->hints.ulGrowth : 0;
        psh->cbMinExtent = pi->fHints ? pi->hints.cbMinExtent : 0;
        psh->cbMaxExtent = pi->fHints ? pi->hints.cbMaxExtent : 0;
        if (level == JET_IdxInfoCreateIndex2)
            ((JET_INDEXCREATE2_A *)pic)->pSpacehints = psh;
        else
            ((JET_INDEXCREATE3_A *)pic)->pSpacehints = psh;
    }
    return JET_errSuccess;
}

static JET_ERR index_info(struct info_src *ps, const char *szIndex, void *pv, ESENT_ULONG cbMax, ESENT_ULONG level,
        bool fUnicode)
{
    JET_ERR err;
    uint32_t cpgOwned, cpgAvail;
    /* ESE's JetGetTableIndexInfoEx / JetGetIndexInfoEx: the level sets the least size (a list
     * fits the structure without its last member, lcmapflags, as before Vista) */
    size_t cbMin;
    switch (level) {
    case JET_IdxInfo:
    case JET_IdxInfoList:
        cbMin = sizeof(JET_INDEXLIST) - sizeof(JET_COLUMNID);  /* ESE's cbIDXLISTNewMembersSinceOriginalFormat */
        break;
    case JET_IdxInfoSpaceOwned:
    case JET_IdxInfoSpaceAvailable:
    case JET_IdxInfoSpaceAlloc:
    case JET_IdxInfoCount:
    case IDX_INFO_SORT_VERSION:
    case IDX_INFO_DEFINED_SORT_VERSION:
        cbMin = 4;
        break;
    case JET_IdxInfoLangid:
    case JET_IdxInfoVarSegMac:
    case JET_IdxInfoKeyMost:
        cbMin = 2;
        break;
    case JET_IdxInfoIndexId:
        cbMin = sizeof(JET_INDEXID);
        break;
    case JET_IdxInfoCreateIndex:
        cbMin = fUnicode ? sizeof(JET_INDEXCREATE_W) : sizeof(JET_INDEXCREATE_A);
        break;
    case JET_IdxInfoCreateIndex2:
        cbMin = fUnicode ? sizeof(JET_INDEXCREATE2_W) : sizeof(JET_INDEXCREATE2_A);
        break;
    case JET_IdxInfoCreateIndex3:
        cbMin = fUnicode ? sizeof(JET_INDEXCREATE3_W) : sizeof(JET_INDEXCREATE3_A);
        break;
    case IDX_INFO_SORT_ID:
        cbMin = 16;
        break;
    case JET_IdxInfoLocaleName:
        cbMin = 85 * sizeof(ESENT_WCHAR);           /* LOCALE_NAME_MAX_LENGTH */
        break;
    case JET_IdxInfoSysTabCursor:
    case JET_IdxInfoOLC:
    case JET_IdxInfoResetOLC:
        FIXME("JetGetTableIndexInfo level %lu: Windows does not answer it either", (unsigned long)level);
        return ERR_TRAP(JET_errFeatureNotAvailable);
    default:
        return ERR_TRAP(JET_errInvalidParameter);
    }
    CALL_R(result_buffer(pv, cbMax, cbMin));
    if (ps->fMem)
        return ERR_TRAP(JET_errInvalidOperation);
    if (level == JET_IdxInfo || level == JET_IdxInfoList) {
        JET_INDEXLIST il;
        struct cursor *c;
        CALL_R(cur_info_index_list(ps->def, szIndex, fUnicode, &c, &il));
        CALL_R(list_handle(ps->sess, c, &il.tableid));
        if (cbMax < sizeof il)
            il.cbStruct = (ESENT_ULONG)cbMin;   /* the short form: no columnidLCMapFlags */
        memcpy(pv, &il, MIN(cbMax, (ESENT_ULONG)sizeof il));
        return JET_errSuccess;
    }
    if (level == JET_IdxInfoCount)
        return put_u32(pv, cbMax, ps->def->cidx);
    const struct rec_cat_index *pi = find_index(ps->def, szIndex);
    if (!pi)
        return ERR_TRAP(JET_errIndexNotFound);
    switch (level) {
    case JET_IdxInfoSpaceAlloc:
        /* ESE's ErrCATGetIndexAllocInfo: the index row's SpaceUsage, its density in percent */
        return put_u32(pv, cbMax, pi->ulDensity);
    case JET_IdxInfoLCID: {
        /* ESE's ErrCATIRetrieveLocaleInformation: the locale name's LCID, else the row's LCID,
         * else the invariant locale */
        uint32_t lcid = pi->lcid ? pi->lcid : 0x7Fu;
        if (pi->wszLocaleName[0])
            CALL_R(os_locale_name_to_lcid(pi->wszLocaleName, &lcid));
        if (cbMax < 4)                  /* JET_IdxInfoLangid: the LCID's language id */
            return put_u16(pv, cbMax, (uint16_t)lcid);
        return put_u32(pv, cbMax, lcid);
    }
    case JET_IdxInfoVarSegMac:
        return put_u16(pv, cbMax, (uint16_t)pi->cbVarSegMac);
    case JET_IdxInfoKeyMost:
        return put_u16(pv, cbMax, (uint16_t)pi->cbKeyMost);
    case JET_IdxInfoIndexId: {
        JET_INDEXID id;
        if (cbMax < sizeof id)
            return ERR_TRAP(JET_errBufferTooSmall);
        memset(&id, 0, sizeof id);
        id.cbStruct = sizeof id;
        /* what cur_set_index reads back: [a pointer-sized slot][objid][pgnoFDP] */
        put_le32(id.rgbIndexId + sizeof(JET_API_PTR), pi->objid);
        put_le32(id.rgbIndexId + sizeof(JET_API_PTR) + 4, pi->pgnoFDP);
        memcpy(pv, &id, sizeof id);
        return JET_errSuccess;
    }
    case JET_IdxInfoLocaleName: {
        /* a catalog row older than locale names has only the LCID: its name */
        ESENT_WCHAR wszName[86];
        memcpy(wszName, pi->wszLocaleName, sizeof wszName);
        wszName[85] = 0;
        if (!wszName[0] && pi->lcid)
            CALL_R(os_lcid_to_locale_name(pi->lcid, wszName, 86));
        const size_t cch = wstr_len(wszName);
        if (!fUnicode)
            return ERR_TRAP(JET_errInvalidParameter);
        if ((cch + 1) * sizeof(ESENT_WCHAR) > cbMax)
            return ERR_TRAP(JET_errBufferTooSmall);
        memcpy(pv, wszName, (cch + 1) * sizeof(ESENT_WCHAR));
        return JET_errSuccess;
    }
    case JET_IdxInfoSpaceOwned:
    case JET_IdxInfoSpaceAvailable:
        CALL_R(space_counts(ps, pi->pgnoFDP, &cpgOwned, &cpgAvail));
        return put_u32(pv, cbMax, level == JET_IdxInfoSpaceOwned ? cpgOwned : cpgAvail);
    case JET_IdxInfoCreateIndex:
    case JET_IdxInfoCreateIndex2:
    case JET_IdxInfoCreateIndex3:
        return index_create_info(ps->def, pi, pv, cbMax, level, fUnicode, cur_db_cbpage(ps->cdb));
    case IDX_INFO_SORT_VERSION:            /* the catalog's NLS version (0: none recorded) */
        return put_u32(pv, cbMax, pi->fVersion ? (uint32_t)(pi->qwSortVersion >> 32) : 0);
    case IDX_INFO_DEFINED_SORT_VERSION:
        return put_u32(pv, cbMax, pi->fVersion ? (uint32_t)pi->qwSortVersion : 0);
    case IDX_INFO_SORT_ID:
        if (pi->fSortId)
            memcpy(pv, pi->rgbSortId, 16);
        else
            memset(pv, 0, 16);
        return JET_errSuccess;
    default:
        FIXME("JetGetTableIndexInfo level %lu", (unsigned long)level);
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
}

static JET_ERR get_table_index_info(JET_SESID sesid, JET_TABLEID tableid, const char *szIndex, void *pv, ESENT_ULONG cbMax,
        ESENT_ULONG level, bool fUnicode)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    struct info_src src;
    CALL(api_table_enter(sesid, tableid, API_TT_OTHER, &sess, &t));
    CALL(src_from_table(t, &src));
    err = index_info(&src, szIndex, pv, cbMax, level, fUnicode);
out:
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetGetTableIndexInfoA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName, void *pvResult,
        ESENT_ULONG cbResult, ESENT_ULONG InfoLevel)
{
    TRACE("(%#lx, %#lx, %s, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)tableid, debugstr_a(szIndexName),
          pvResult, (unsigned long)cbResult, (unsigned long)InfoLevel);
    return api_return(get_table_index_info(sesid, tableid, szIndexName, pvResult, cbResult, InfoLevel, false));
}

JET_ERR JET_API JetGetTableIndexInfoW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName, void *pvResult,
        ESENT_ULONG cbResult, ESENT_ULONG InfoLevel)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1];
    const char *psz;
    TRACE("(%#lx, %#lx, %s, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)tableid, debugstr_w(szIndexName),
          pvResult, (unsigned long)cbResult, (unsigned long)InfoLevel);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    err = name_w(szIndexName, sz, sizeof sz, &psz);
    if (err < 0)
        return api_return(err);
    return api_return(get_table_index_info(sesid, tableid, psz, pvResult, cbResult, InfoLevel, true));
}

static JET_ERR get_index_info(JET_SESID sesid, JET_DBID dbid, const char *szTable, const char *szIndex, void *pv,
        ESENT_ULONG cbMax, ESENT_ULONG level, bool fUnicode)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct info_src src;
    memset(&src, 0, sizeof src);
    CALL(api_session_enter(sesid, &sess));
    CALL(src_from_name(sess, dbid, szTable, &src));
    err = index_info(&src, szIndex, pv, cbMax, level, fUnicode);
out:
    src_release(&src);
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetGetIndexInfoA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName, JET_PCSTR szIndexName,
        void *pvResult, ESENT_ULONG cbResult, ESENT_ULONG InfoLevel)
{
    TRACE("(%#lx, %lu, %s, %s, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)dbid, debugstr_a(szTableName),
          debugstr_a(szIndexName), pvResult, (unsigned long)cbResult, (unsigned long)InfoLevel);
    return api_return(get_index_info(sesid, dbid, szTableName, szIndexName, pvResult, cbResult, InfoLevel, false));
}

JET_ERR JET_API JetGetIndexInfoW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName, JET_PCWSTR szIndexName,
        void *pvResult, ESENT_ULONG cbResult, ESENT_ULONG InfoLevel)
{
    JET_ERR err;
    char szT[JET_cbNameMost + 1], szI[JET_cbNameMost + 1];
    const char *pszT, *pszI;
    TRACE("(%#lx, %lu, %s, %s, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)dbid, debugstr_w(szTableName),
          debugstr_w(szIndexName), pvResult, (unsigned long)cbResult, (unsigned long)InfoLevel);
    CALL_R(api_check_sesid(sesid));
    err = name_w(szTableName, szT, sizeof szT, &pszT);
    if (err >= 0)
        err = name_w(szIndexName, szI, sizeof szI, &pszI);
    if (err < 0)
        return api_return(err);
    return api_return(get_index_info(sesid, dbid, pszT, pszI, pvResult, cbResult, InfoLevel, true));
}

/* ================================================================ JetGetObjectInfo ===== */

static JET_ERR get_object_info(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp, const char *szContainer,
        const char *szObject, void *pv, ESENT_ULONG cbMax, ESENT_ULONG level, bool fUnicode)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct info_src src;
    memset(&src, 0, sizeof src);
    CALL(api_session_enter(sesid, &sess));
    /* ESE's JetGetObjectInfoEx: the level sets the least size; the system-table levels and the
     * ACM list are not answered */
    size_t cbMin;
    switch (level) {
    case JET_ObjInfo:
    case JET_ObjInfoNoStats:
        cbMin = sizeof(JET_OBJECTINFO);
        break;
    case JET_ObjInfoList:
    case JET_ObjInfoListNoStats:
        cbMin = sizeof(JET_OBJECTLIST);
        break;
    case JET_ObjInfoSysTabCursor:
    case JET_ObjInfoSysTabReadOnly:
    case JET_ObjInfoListACM:
    case JET_ObjInfoRulesLoaded:
        FIXME("JetGetObjectInfo level %lu: Windows does not answer it either", (unsigned long)level);
        FAIL(JET_errFeatureNotAvailable);
    default:
        FAIL(JET_errInvalidParameter);
    }
    CALL(result_buffer(pv, cbMax, cbMin));
    /* ESE's ErrIsamGetObjectInfo: "Tables" is the only container */
    if (szContainer && szContainer[0] && cur_name_cmp_ascii(szContainer, "Tables") != 0)
        FAIL(JET_errObjectNotFound);
    switch (level) {
    case JET_ObjInfoList:
    case JET_ObjInfoListNoStats: {
        JET_OBJECTLIST ol;
        struct cur_db *cdb;
        struct cursor *c;
        struct catalog_reader view;
        CALL(isam_db_cursors(sess, dbid, &cdb));
        /* the tables the session's transaction sees (ESE walks the catalog through it) */
        isam_catalog_view(sess, (uint32_t)dbid, &view);
        /* another object type than tables: an empty list */
        CALL(cur_info_object_list(cdb, &view, fUnicode, !cur_db_read_only(cdb),
                                  objtyp == JET_objtypNil || objtyp == JET_objtypTable, &c, &ol));
        CALL(list_handle(sess, c, &ol.tableid));
        memcpy(pv, &ol, sizeof ol);
        break;
    }
    case JET_ObjInfo:
    case JET_ObjInfoNoStats: {
        JET_OBJECTINFO oi;
        CALL(src_from_name(sess, dbid, szObject, &src));
        memset(&oi, 0, sizeof oi);
        oi.cbStruct = sizeof oi;
        oi.objtyp = JET_objtypTable;
        oi.flags = src.def->table.fFlags;       /* the catalog's Flags, as stored (ESE) */
        oi.grbit = JET_bitTableInfoBookmark | JET_bitTableInfoRollback | (src.fUpdatable ? JET_bitTableInfoUpdatable : 0);
        memcpy(pv, &oi, sizeof oi);
        break;
    }
    default:
        FAIL(JET_errInvalidParameter);
    }
out:
    src_release(&src);
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetGetObjectInfoA(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp, JET_PCSTR szContainerName,
        JET_PCSTR szObjectName, void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    TRACE("(%#lx, %lu, %lu, %s, %s, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)dbid, (unsigned long)objtyp,
          debugstr_a(szContainerName), debugstr_a(szObjectName), pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel);
    return api_return(get_object_info(sesid, dbid, objtyp, szContainerName, szObjectName, pvResult, cbMax, InfoLevel,
                                      false));
}

JET_ERR JET_API JetGetObjectInfoW(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp, JET_PCWSTR szContainerName,
        JET_PCWSTR szObjectName, void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    JET_ERR err;
    char szC[JET_cbNameMost + 1], szO[JET_cbNameMost + 1];
    const char *pszC, *pszO;
    TRACE("(%#lx, %lu, %lu, %s, %s, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)dbid, (unsigned long)objtyp,
          debugstr_w(szContainerName), debugstr_w(szObjectName), pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel);
    CALL_R(api_check_sesid(sesid));
    err = name_w(szContainerName, szC, sizeof szC, &pszC);
    if (err >= 0)
        err = name_w(szObjectName, szO, sizeof szO, &pszO);
    if (err < 0)
        return api_return(err);
    return api_return(get_object_info(sesid, dbid, objtyp, pszC, pszO, pvResult, cbMax, InfoLevel, true));
}
