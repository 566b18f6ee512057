/* SPDX-License-Identifier: MIT
 * api/api_table.c: JetOpenTable*, JetCloseTable, JetDupCursor, JetSetTableSequential,
 * JetResetTableSequential. The engine's rules are in isam/isam_table.c and cursor/cur_table.c. */
#include "api_int.h"
#include "isam_table.h"

DEBUG_CHANNEL(api);

static JET_ERR open_table(JET_SESID sesid, JET_DBID dbid, const char *szName, JET_GRBIT grbit, JET_TABLEID *ptableid)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t = NULL;
    CALL(api_session_enter(sesid, &sess));
    if (!ptableid)
        FAIL(JET_errInvalidParameter);
    *ptableid = JET_tableidNil;
    CALL(isam_table_open(sess, dbid, szName, grbit, &t));
    const JET_ERR wrn = err;
    CALL(api_table_handle(t, ptableid));
    err = wrn;
out:
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetOpenTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName, const void *pvParameters,
        ESENT_ULONG cbParameters, JET_GRBIT grbit, JET_TABLEID *ptableid)
{
    JET_ERR err;
    TRACE("(%#lx, %lu, %s, %p, %lu, %#lx, %p)", (unsigned long)sesid, (unsigned long)dbid, debugstr_a(szTableName),
          pvParameters, (unsigned long)cbParameters, (unsigned long)grbit, (void *)ptableid);
    CALL_R(api_check_sesid(sesid));
    return api_return(open_table(sesid, dbid, szTableName, grbit, ptableid));
}

JET_ERR JET_API JetOpenTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR wszTableName, const void *pvParameters,
        ESENT_ULONG cbParameters, JET_GRBIT grbit, JET_TABLEID *ptableid)
{
    JET_ERR err;
    char szName[JET_cbNameMost + 1];
    TRACE("(%#lx, %lu, %s, %p, %lu, %#lx, %p)", (unsigned long)sesid, (unsigned long)dbid, debugstr_w(wszTableName),
          pvParameters, (unsigned long)cbParameters, (unsigned long)grbit, (void *)ptableid);
    CALL_R(api_check_sesid(sesid));
    err = api_name_from_w(wszTableName, szName, sizeof szName);
    if (err < 0)
        return api_return(err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err);
    return api_return(open_table(sesid, dbid, szName, grbit, ptableid));
}

JET_ERR JET_API JetCloseTable(JET_SESID sesid, JET_TABLEID tableid)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t = NULL;
    TRACE("(%#lx, %#lx)", (unsigned long)sesid, (unsigned long)tableid);
    /* ESE lets a table close after JetStopService */
    struct isam_session *s = handle_lookup(HANDLE_SESSION, sesid);
    if (!s)
        return api_return(ERR_TRAP(JET_errInvalidSesid));
    t = handle_lookup(HANDLE_TABLE, tableid);
    if (!t)
        return api_return(ERR_TRAP(JET_errInvalidTableId));
    if (t->sess != s)
        return api_return(ERR_TRAP(JET_errSesidTableIdMismatch));
    CALL(api_session_enter_ex(sesid, true, &sess));
    handle_free(HANDLE_TABLE, tableid);
    const bool fTemp = t->tt != NULL;
    isam_table_close(t);
    if (fTemp)
        isam_temp_drop_closed(sess);
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetDupCursor(JET_SESID sesid, JET_TABLEID tableid, JET_TABLEID *ptableid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t, *d = NULL;
    TRACE("(%#lx, %#lx, %p, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (void *)ptableid,
          (unsigned long)grbit);
    CALL(api_table_enter(sesid, tableid, API_TT_DUP, &sess, &t));
    if (!ptableid)
        FAIL(JET_errInvalidParameter);
    (void)grbit;        /* reserved: ESE ignores it */
    CALL(isam_table_dup(t, &d));
    CALL(api_table_handle(d, ptableid));
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetSetTableSequential(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (unsigned long)grbit);
    CALL(api_table_enter(sesid, tableid, API_TT_OTHER, &sess, &t));
    /* a hint for preread: JET_bitPrereadForward / JET_bitPrereadBackward */
    t->c->fSequential = true;
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetResetTableSequential(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (unsigned long)grbit);
    CALL(api_table_enter(sesid, tableid, API_TT_OTHER, &sess, &t));
    t->c->fSequential = false;
out:
    api_session_leave(sess);
    return api_return(err);
}
