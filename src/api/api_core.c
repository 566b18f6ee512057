/* SPDX-License-Identifier: MIT
 * api/api_core.c: the shared plumbing of the exports (see api_int.h). */
#include "api_int.h"
#include "os.h"
#include "isam_table.h"

DEBUG_CHANNEL(api);

void api_process_attach(void)
{
    debug_init();
    isam_table_set_retire(api_table_retire);
    isam_tables_hooks_install();
}

void api_process_detach(bool process_exiting)
{
    /* Instances still running at unload are the application's leak; Windows does not tear
     * them down either. Nothing here may wait: under DllMain the loader lock is held. */
    (void)process_exiting;
}

JET_ERR api_return_(const char *func, JET_ERR err)
{
    assert(!err_is_internal(err));
    if (UNLIKELY(err_is_internal(err))) {
        ERR("%s: internal error %ld escaped", func, (long)err);
        err = JET_errInternalError;
    }
    if (debug_on(DBG_TRACE))
        debug_log(debug_ch, DBG_TRACE, func, "-> %ld", (long)err);
    return err;
}

JET_ERR api_not_implemented(const char *func)
{
    if (debug_on(DBG_FIXME))
        debug_log(debug_ch, DBG_FIXME, func, "not implemented, returning JET_errFeatureNotAvailable");
    return JET_errFeatureNotAvailable;
}

JET_ERR api_instance_validate(JET_INSTANCE instance)
{
    /* ESENT's JET_VALIDATE_INSTANCE: 0 and JET_instanceNil pass (legacy single-instance mode
     * uses them); anything else must be a live instance handle. */
    if (instance == 0 || instance == JET_instanceNil) return JET_errSuccess;
    return handle_lookup(HANDLE_INSTANCE, instance) ? JET_errSuccess : ERR_TRAP(JET_errInvalidInstance);
}

JET_ERR api_instance_find(JET_INSTANCE instance, struct isam_instance **ppinst)
{
    JET_ERR err;
    *ppinst = NULL;
    CALL_R(api_instance_validate(instance));
    err = ERR_TRAP(JET_errInvalidParameter);      /* ESE's ErrFindPinst: "a bogus instance" */
    isam_lock();
    switch (isam_run_mode()) {
    case ISAM_MODE_ONE_INSTANCE:
        /* The argument is ignored: legacy programs pass anything. */
        for (uint32_t i = 0; i < isam_instance_slots() && !*ppinst; i++)
            *ppinst = isam_instance_at(i);
        break;
    case ISAM_MODE_MULTI_INSTANCE:
        if (instance != 0 && instance != JET_instanceNil)
            *ppinst = handle_lookup(HANDLE_INSTANCE, instance);
        break;
    default:
        break;
    }
    if (*ppinst) err = JET_errSuccess;
    isam_unlock();
    return err;
}

JET_ERR api_session_enter_ex(JET_SESID sesid, bool fIgnoreStopService, struct isam_session **ppsess)
{
    *ppsess = NULL;
    struct isam_session *sess = handle_lookup(HANDLE_SESSION, sesid);
    if (!sess) return ERR_TRAP(JET_errInvalidSesid);
    JET_ERR err = isam_session_enter(sess, fIgnoreStopService);
    if (err < 0) return err;
    *ppsess = sess;
    return err;
}

JET_ERR api_session_enter(JET_SESID sesid, struct isam_session **ppsess)
{
    return api_session_enter_ex(sesid, false, ppsess);
}

void api_session_leave(struct isam_session *sess)
{
    if (sess) isam_session_leave(sess);
}

JET_ERR api_check_sesid(JET_SESID sesid)
{
    return handle_lookup(HANDLE_SESSION, sesid) ? JET_errSuccess : ERR_TRAP(JET_errInvalidSesid);
}

JET_ERR api_check_tableid(JET_TABLEID tableid)
{
    return handle_lookup(HANDLE_TABLE, tableid) ? JET_errSuccess : ERR_TRAP(JET_errInvalidTableId);
}

JET_ERR api_wsz_from_a(const char *sz, ESENT_WCHAR **pwsz)
{
    return os_acp_to_utf16(sz, pwsz);
}

JET_ERR api_name_from_w(const ESENT_WCHAR *wsz, char *sz, size_t cb)
{
    if (!wsz) return ERR_TRAP(JET_errInvalidParameter);
    JET_ERR err = os_utf16_to_acp(wsz, sz, cb, NULL);
    if (err == JET_wrnBufferTruncated) return ERR_TRAP(JET_errInvalidName);
    return err;
}

JET_ERR api_table_enter(JET_SESID sesid, JET_TABLEID tableid, enum api_tt_op op, struct isam_session **ppsess,
        struct isam_table **ppt)
{
    *ppsess = NULL;
    *ppt = NULL;
    struct isam_session *sess = handle_lookup(HANDLE_SESSION, sesid);
    if (!sess)
        return ERR_TRAP(JET_errInvalidSesid);
    struct isam_table *t = handle_lookup(HANDLE_TABLE, tableid);
    if (!t)
        return ERR_TRAP(JET_errInvalidTableId);
    if (t->sess != sess)
        return ERR_TRAP(JET_errSesidTableIdMismatch);
    /* the session was found above: enter it without a second lookup */
    JET_ERR err = isam_session_enter(sess, false);
    if (err < 0)
        return err;
    *ppsess = sess;
    isam_table_reader_sync(sess);
    if (UNLIKELY(t->tt)) {
        const JET_ERR errTT = api_temp_check(t, op);
        if (errTT < 0) {
            api_session_leave(sess);
            *ppsess = NULL;
            return errTT;
        }
    }
    *ppt = t;
    return err;
}

JET_ERR api_table_handle(struct isam_table *t, JET_TABLEID *ptableid)
{
    JET_ERR err = handle_alloc(HANDLE_TABLE, t, &t->handle);
    if (err < 0) {
        isam_table_close(t);
        return err == JET_errOutOfMemory ? ERR_TRAP(JET_errOutOfCursors) : err;
    }
    *ptableid = t->handle;
    return JET_errSuccess;
}

void api_table_retire(struct isam_table *t)
{
    if (t->handle)
        handle_free(HANDLE_TABLE, t->handle);
    t->handle = 0;
}
