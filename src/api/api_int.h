/* SPDX-License-Identifier: MIT
 * api/api_int.h: what the exported Jet* functions share: handle resolution, entry and exit,
 * string conversion for the A/W forms, and tracing.
 *
 * An export does four things, in this order (STYLE.md "Thin API"):
 *   1. check what needs no engine state: NULL pointers, unknown grbits, cbStruct;
 *   2. resolve handles (JET_errInvalidSesid / JET_errInvalidTableId / JET_errInvalidInstance);
 *   3. enter the session or instance (sharing violations, stopped or terminating instances);
 *   4. call one engine function, leave, and return its result through api_return().
 * Names (tables, columns, indexes) are narrow inside the engine, so W forms convert down; paths
 * are UTF-16, so A forms convert up. */
#ifndef API_INT_H
#define API_INT_H

#include "base.h"
#include "debug.h"
#include "isam.h"
#include "api_handle.h"

/* Called once per process by DllMain / the .so constructor. */
void api_process_attach(void);
void api_process_detach(bool process_exiting);

/* Every export returns through this: it traces the result and asserts that no internal code
 * (base.h ERR_*) escapes to the application. */
JET_ERR api_return_(const char *func, JET_ERR err);
#define api_return(err) api_return_(__func__, (err))

/* ESENT's handle check: 0 and JET_instanceNil pass, a value that is not a live instance handle
 * gives JET_errInvalidInstance. */
MUST_CHECK JET_ERR api_instance_validate(JET_INSTANCE instance);
/* Instance resolution as ESE's ErrFindPinst does it, after api_instance_validate: in
 * one-instance mode the argument is ignored and the only instance is returned; otherwise 0,
 * JET_instanceNil or no instance at all give JET_errInvalidParameter. */
MUST_CHECK JET_ERR api_instance_find(JET_INSTANCE instance, struct isam_instance **ppinst);

/* Sessions: resolve and enter (JET_errInvalidSesid, JET_errSessionSharingViolation, ...). */
MUST_CHECK JET_ERR api_session_enter(JET_SESID sesid, struct isam_session **ppsess);
MUST_CHECK JET_ERR api_session_enter_ex(JET_SESID sesid, bool fIgnoreStopService, struct isam_session **ppsess);
void api_session_leave(struct isam_session *sess);

/* Handle checks for exports that validate before they do anything else (ESENT's
 * JET_VALIDATE_SESID / JET_VALIDATE_TABLEID). */
MUST_CHECK JET_ERR api_check_sesid(JET_SESID sesid);
MUST_CHECK JET_ERR api_check_tableid(JET_TABLEID tableid);

/* What a table call does, as far as a temporary table's phase cares (ESE's function tables
 * per phase, api_temp.c): API_TT_OTHER is every call no phase allows (DDL, index changes,
 * locks, positions, filters, prereads, sequential hints, column and index info). */
enum api_tt_op {
    API_TT_OTHER, API_TT_MOVE, API_TT_SEEK, API_TT_MAKEKEY, API_TT_RANGE, API_TT_GETBM, API_TT_GOTOBM,
    API_TT_RETRIEVE, API_TT_RETKEY, API_TT_ENUM, API_TT_RECSIZE, API_TT_PREPARE, API_TT_SETCOL,
    API_TT_UPDATE, API_TT_DELETE, API_TT_ESCROW, API_TT_DUP, API_TT_TABLEINFO, API_TT_CURSORINFO,
};

/* Table calls: validate the session and table handles as ESENT's JET_VALIDATE_SESID_TABLEID
 * (JET_errInvalidSesid, JET_errInvalidTableId, JET_errSesidTableIdMismatch), then enter the
 * session. Leave with api_session_leave(*ppsess). op is what the call does: on a temporary
 * table, a call its phase does not allow is JET_errIllegalOperation (api_temp_check). */
struct isam_table;
MUST_CHECK JET_ERR api_table_enter(JET_SESID sesid, JET_TABLEID tableid, enum api_tt_op op,
        struct isam_session **ppsess, struct isam_table **ppt);
/* A new tableid for an open table (the table is closed when no handle can be had). */
MUST_CHECK JET_ERR api_table_handle(struct isam_table *t, JET_TABLEID *ptableid);
/* isam's hook: a table isam closed by itself loses its handle. */
void api_table_retire(struct isam_table *t);

/* JetRollback's part in updates (ESE's ErrIsamRollback): the updates prepared at a level about
 * to be rolled back (every level with fAll) are cancelled first. */
void api_upd_cancel_for_rollback(struct isam_session *sess, bool fAll);

/* A strings (the ANSI code page) to mem_alloc'd UTF-16; NULL in gives NULL out. */
MUST_CHECK JET_ERR api_wsz_from_a(const char *sz, ESENT_WCHAR **pwsz);
/* W names to the engine's narrow form; JET_errInvalidParameter for NULL when required. */
MUST_CHECK JET_ERR api_name_from_w(const ESENT_WCHAR *wsz, char *sz, size_t cb);

/* Temporary tables (api_temp.c): JET_errIllegalOperation for a call the table's phase does not
 * allow (the seek that ends the insert phase happens here); JetMove through a temporary table
 * (the move that ends the insert phase); whether a duplicate insert is dropped silently (a sort
 * being filled); JetGetTableInfo's answer for one. */
MUST_CHECK JET_ERR api_temp_check(struct isam_table *t, enum api_tt_op op);
MUST_CHECK JET_ERR api_temp_move(struct isam_table *t, int32_t crow, JET_GRBIT grbit);
bool api_temp_drops_duplicate(const struct isam_table *t);
MUST_CHECK JET_ERR api_temp_table_info(struct isam_table *t, void *pv, ESENT_ULONG cbMax, ESENT_ULONG level);

/* The FIXME-and-fail body of an export not implemented yet. */
JET_ERR api_not_implemented(const char *func);
#define API_NOT_IMPLEMENTED() return api_not_implemented(__func__)

#endif /* API_INT_H */
