/* SPDX-License-Identifier: MIT
 * api/api_temp.c: JetOpenTempTable, JetOpenTempTable2, JetOpenTempTable3, JetOpenTemporaryTable,
 * JetOpenTemporaryTable2, and what each phase of a temporary table lets its cursors do.
 * The tables themselves are isam's (isam/isam_temp.c; isam_table.h has the phases).
 *
 * ESE dispatches a temporary table's calls through one function table per phase
 * (sortapi.cxx: vtfndefTTSortIns while inserting, vtfndefTTSortRet while reading a sort,
 * vtfndefTTBase once materialized); a call the table does not allow is JET_errIllegalOperation.
 * Every table call enters through api_table_enter with what it does (enum api_tt_op, api_int.h):
 * api_temp_check maps that to the phases that allow it (g_rgmaskPhase below: the one place that
 * knows); API_TT_OTHER is illegal in every phase. */
#include "api_int.h"
#include "isam_table.h"

DEBUG_CHANNEL(api);

#define B(op) (1u << (op))

/* What each phase allows (ESE's three function tables). */
static const uint32_t g_rgmaskPhase[] = {
    [ISAM_TEMP_INSERT] = B(API_TT_MOVE) | B(API_TT_SEEK) | B(API_TT_MAKEKEY) | B(API_TT_RETKEY) |
                         B(API_TT_PREPARE) | B(API_TT_SETCOL) | B(API_TT_UPDATE) | B(API_TT_ESCROW),
    [ISAM_TEMP_EXTRACT] = B(API_TT_MOVE) | B(API_TT_SEEK) | B(API_TT_MAKEKEY) | B(API_TT_RANGE) |
                          B(API_TT_GETBM) | B(API_TT_GOTOBM) | B(API_TT_RETRIEVE) | B(API_TT_RETKEY) |
                          B(API_TT_ENUM) | B(API_TT_RECSIZE) | B(API_TT_DUP) | B(API_TT_TABLEINFO),
    [ISAM_TEMP_TABLE] = B(API_TT_MOVE) | B(API_TT_SEEK) | B(API_TT_MAKEKEY) | B(API_TT_RANGE) |
                        B(API_TT_GETBM) | B(API_TT_GOTOBM) | B(API_TT_RETRIEVE) | B(API_TT_RETKEY) |
                        B(API_TT_ENUM) | B(API_TT_RECSIZE) | B(API_TT_PREPARE) | B(API_TT_SETCOL) |
                        B(API_TT_UPDATE) | B(API_TT_DELETE) | B(API_TT_ESCROW) | B(API_TT_DUP) |
                        B(API_TT_TABLEINFO) | B(API_TT_CURSORINFO),
};

/* A sort read back (not materialized) seeks and scrolls back only when opened to (ESE's
 * ErrIsamSortSeek, ErrIsamSortSetIndexRange, ErrIsamSortMove). */
static bool sort_can_seek(const struct isam_temp *tt)
{
    return (tt->grbit & (JET_bitTTIndexed | JET_bitTTScrollable)) != 0;
}

JET_ERR api_temp_check(struct isam_table *t, enum api_tt_op op)
{
    JET_ERR err;
    struct isam_temp *tt = t->tt;
    if (tt->phase == ISAM_TEMP_INSERT && op == API_TT_SEEK) {
        /* ESE's ErrTTSortInsSeek: the seek ends the insert phase; an empty sort has nothing */
        err = isam_temp_end_insert(t);
        if (err == JET_errNoCurrentRecord)
            return ERR_TRAP(JET_errRecordNotFound);
        CALL_R(err);
    }
    if (!(g_rgmaskPhase[tt->phase] & B(op)))
        return ERR_TRAP(JET_errIllegalOperation);
    if (tt->phase == ISAM_TEMP_EXTRACT && (op == API_TT_SEEK || op == API_TT_RANGE) && !sort_can_seek(tt))
        return ERR_TRAP(JET_errIllegalOperation);
    return JET_errSuccess;
}

JET_ERR api_temp_move(struct isam_table *t, int32_t crow, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_temp *tt = t->tt;
    if (tt->phase == ISAM_TEMP_INSERT) {
        /* ESE's ErrTTSortInsMove: the move that ends the insert phase of a sort finds the
         * cursor on the first record already, and counts from there */
        CALL_R(isam_temp_end_insert(t));
        if (tt->phase == ISAM_TEMP_EXTRACT) {
            if (crow > 0 && crow < (int32_t)JET_MoveLast)
                crow--;
            if (crow == (int32_t)JET_MoveFirst || crow == 0)
                return JET_errSuccess;
        }
    }
    if (tt->phase == ISAM_TEMP_EXTRACT && crow < 0 && crow != (int32_t)JET_MoveFirst && !sort_can_seek(tt))
        return ERR_TRAP(JET_errIllegalOperation);
    return cur_move(t->c, crow, grbit);
}

bool api_temp_drops_duplicate(const struct isam_table *t)
{
    return t->tt && t->tt->phase == ISAM_TEMP_INSERT;
}

JET_ERR api_temp_table_info(struct isam_table *t, void *pv, ESENT_ULONG cbMax, ESENT_ULONG level)
{
    JET_ERR err;
    uint64_t c;
    /* ESE's ErrIsamSortGetTableInfo */
    if (level != JET_TblInfo)
        return ERR_TRAP(JET_errInvalidOperation);
    if (!pv || cbMax < sizeof(JET_OBJECTINFO))
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(isam_temp_count(t, &c));
    memset(pv, 0, cbMax);
    JET_OBJECTINFO *poi = pv;
    poi->cbStruct = sizeof *poi;
    poi->objtyp = JET_objtypTable;
    poi->cRecord = c > UINT32_MAX ? UINT32_MAX : (ESENT_ULONG)c;
    return JET_errSuccess;
}

/* ---- the exports ---------------------------------------------------------------------------- */

static JET_ERR open_temp(JET_SESID sesid, const struct isam_temp_open *po, JET_TABLEID *ptableid,
        JET_COLUMNID *rgcolumnid)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t = NULL;
    CALL(api_session_enter(sesid, &sess));
    if (!ptableid || (!rgcolumnid && po->ccolumn))
        FAIL(JET_errInvalidParameter);
    *ptableid = JET_tableidNil;
    CALL(isam_temp_open(sess, po, rgcolumnid, &t));
    CALL(api_table_handle(t, ptableid));
out:
    api_session_leave(sess);
    return err;
}

/* ESE's JetOpenTempTableEx1: a JET_UNICODEINDEX's LCID as its locale name. */
static JET_ERR unicode_from_lcid(const JET_UNICODEINDEX *pui, JET_UNICODEINDEX2 *pui2, ESENT_WCHAR *wszLocale)
{
    JET_ERR err;
    CALL_R(isam_locale_name_of_lcid(pui->lcid, wszLocale));
    pui2->szLocaleName = wszLocale;
    pui2->dwMapFlags = pui->dwMapFlags;
    return JET_errSuccess;
}

static JET_ERR open_temp1(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef, ESENT_ULONG ccolumn,
        const JET_UNICODEINDEX *pidxunicode, JET_GRBIT grbit, JET_TABLEID *ptableid, JET_COLUMNID *prgcolumnid,
        ESENT_ULONG cbKeyMost, ESENT_ULONG cbVarSegMac)
{
    JET_ERR err;
    ESENT_WCHAR wszLocale[86];
    JET_UNICODEINDEX2 ui2;
    struct isam_temp_open o = { prgcolumndef, ccolumn, NULL, grbit, cbKeyMost, cbVarSegMac };
    if (pidxunicode) {
        CALL_R(unicode_from_lcid(pidxunicode, &ui2, wszLocale));
        o.pidxunicode = &ui2;
    }
    return open_temp(sesid, &o, ptableid, prgcolumnid);
}

JET_ERR JET_API JetOpenTempTable(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef, ESENT_ULONG ccolumn,
        JET_GRBIT grbit, JET_TABLEID *ptableid, JET_COLUMNID *prgcolumnid)
{
    JET_ERR err;
    TRACE("(%#lx, %p, %lu, %#lx, %p, %p)", (unsigned long)sesid, (const void *)prgcolumndef, (unsigned long)ccolumn,
          (unsigned long)grbit, (void *)ptableid, (void *)prgcolumnid);
    CALL_R(api_check_sesid(sesid));
    return api_return(open_temp1(sesid, prgcolumndef, ccolumn, NULL, grbit, ptableid, prgcolumnid, 0, 0));
}

JET_ERR JET_API JetOpenTempTable2(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef, ESENT_ULONG ccolumn,
        ESENT_ULONG lcid, JET_GRBIT grbit, JET_TABLEID *ptableid, JET_COLUMNID *prgcolumnid)
{
    JET_ERR err;
    ESENT_WCHAR wszLocale[86];
    TRACE("(%#lx, %p, %lu, %#lx, %#lx, %p, %p)", (unsigned long)sesid, (const void *)prgcolumndef,
          (unsigned long)ccolumn, (unsigned long)lcid, (unsigned long)grbit, (void *)ptableid, (void *)prgcolumnid);
    CALL_R(api_check_sesid(sesid));
    /* ESE: the LCID's locale (0: the instance's default) with the instance's default flags */
    JET_UNICODEINDEX2 ui2 = { NULL, 0 };
    if (lcid != 0) {
        CALL_R(isam_locale_name_of_lcid(lcid, wszLocale));
        ui2.szLocaleName = wszLocale;
    }
    struct isam_temp_open o = { prgcolumndef, ccolumn, &ui2, grbit, 0, 0 };
    return api_return(open_temp(sesid, &o, ptableid, prgcolumnid));
}

JET_ERR JET_API JetOpenTempTable3(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef, ESENT_ULONG ccolumn,
        JET_UNICODEINDEX *pidxunicode, JET_GRBIT grbit, JET_TABLEID *ptableid, JET_COLUMNID *prgcolumnid)
{
    JET_ERR err;
    TRACE("(%#lx, %p, %lu, %p, %#lx, %p, %p)", (unsigned long)sesid, (const void *)prgcolumndef,
          (unsigned long)ccolumn, (void *)pidxunicode, (unsigned long)grbit, (void *)ptableid, (void *)prgcolumnid);
    CALL_R(api_check_sesid(sesid));
    return api_return(open_temp1(sesid, prgcolumndef, ccolumn, pidxunicode, grbit, ptableid, prgcolumnid, 0, 0));
}

/* JetOpenTemporaryTable/2's structure: cbStruct exactly its size (ESE's check). */
static JET_ERR check_ott(JET_SESID sesid, const void *p, ESENT_ULONG cbStruct, size_t cbWant)
{
    JET_ERR err;
    TRACE("(%#lx, %p)", (unsigned long)sesid, p);
    CALL_R(api_check_sesid(sesid));
    return p && cbStruct == cbWant ? JET_errSuccess : ERR_TRAP(JET_errInvalidParameter);
}

JET_ERR JET_API JetOpenTemporaryTable(JET_SESID sesid, JET_OPENTEMPORARYTABLE *popentemporarytable)
{
    JET_OPENTEMPORARYTABLE *p = popentemporarytable;
    JET_ERR err = check_ott(sesid, p, p ? p->cbStruct : 0, sizeof *p);
    if (err < 0)
        return api_return(err);
    return api_return(open_temp1(sesid, p->prgcolumndef, p->ccolumn, p->pidxunicode, p->grbit, &p->tableid,
                                 p->prgcolumnid, p->cbKeyMost, p->cbVarSegMac));
}

JET_ERR JET_API JetOpenTemporaryTable2(JET_SESID sesid, JET_OPENTEMPORARYTABLE2 *popentemporarytable)
{
    JET_OPENTEMPORARYTABLE2 *p = popentemporarytable;
    JET_ERR err = check_ott(sesid, p, p ? p->cbStruct : 0, sizeof *p);
    if (err < 0)
        return api_return(err);
    struct isam_temp_open o = { p->prgcolumndef, p->ccolumn, p->pidxunicode, p->grbit, p->cbKeyMost, p->cbVarSegMac };
    return api_return(open_temp(sesid, &o, &p->tableid, p->prgcolumnid));
}
