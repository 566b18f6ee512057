/* SPDX-License-Identifier: MIT
 * api/api_session.c: session exports: JetBeginSession*, JetDupSession, JetEndSession,
 * JetSetSessionContext, JetResetSessionContext, and the transaction levels. */
#include "api_int.h"

DEBUG_CHANNEL(api);

static JET_ERR begin_session(JET_INSTANCE instance, JET_SESID *psesid)
{
    JET_ERR err;
    struct isam_instance *inst;
    struct isam_session *sess = NULL;

    CALL_R(api_instance_find(instance, &inst));
    CALL_R(isam_instance_enter(inst));
    if (!psesid) FAIL(JET_errInvalidParameter);
    CALL(isam_session_begin(inst, &sess));
    err = handle_alloc(HANDLE_SESSION, sess, &sess->handle);
    if (err < 0) {
        isam_session_destroy(sess);
        goto out;
    }
    *psesid = sess->handle;
out:
    isam_instance_leave(inst);
    return err;
}

/* User name and password are reserved: ignored, as documented. */
JET_ERR JET_API JetBeginSessionA(JET_INSTANCE instance, JET_SESID *psesid, JET_PCSTR szUserName, JET_PCSTR szPassword)
{
    TRACE("(%#lx, %p, %s, %p)", (unsigned long)instance, (void *)psesid, debugstr_a(szUserName), (const void *)szPassword);
    return api_return(begin_session(instance, psesid));
}

JET_ERR JET_API JetBeginSessionW(JET_INSTANCE instance, JET_SESID *psesid, JET_PCWSTR wszUserName, JET_PCWSTR wszPassword)
{
    TRACE("(%#lx, %p, %s, %p)", (unsigned long)instance, (void *)psesid, debugstr_w(wszUserName), (const void *)wszPassword);
    return api_return(begin_session(instance, psesid));
}

JET_ERR JET_API JetDupSession(JET_SESID sesid, JET_SESID *psesid)
{
    JET_ERR err;
    struct isam_session *sess = NULL, *dup = NULL;
    TRACE("(%#lx, %p)", (unsigned long)sesid, (void *)psesid);
    CALL(api_session_enter(sesid, &sess));
    if (!psesid) FAIL(JET_errInvalidParameter);
    CALL(isam_session_begin(sess->inst, &dup));
    err = handle_alloc(HANDLE_SESSION, dup, &dup->handle);
    if (err < 0) {
        isam_session_destroy(dup);
        goto out;
    }
    *psesid = dup->handle;
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetEndSession(JET_SESID sesid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    TRACE("(%#lx, %#lx)", (unsigned long)sesid, (unsigned long)grbit);
    /* ESE lets a session end after JetStopService (it ignores the stop for this call). */
    CALL(api_session_enter_ex(sesid, true, &sess));
    err = isam_session_end_prepare(sess, grbit);
    if (err < 0) {
        api_session_leave(sess);
        goto out;
    }
    /* Retire the handle before the session goes, so no other thread can find it. JetTerm waits
     * for the instance's count while the session is destroyed. */
    struct isam_instance *inst = sess->inst;
    isam_session_hold_instance(sess);
    handle_free(HANDLE_SESSION, sesid);
    isam_session_destroy(sess);
    isam_instance_leave(inst);
out:
    return api_return(err);
}

JET_ERR JET_API JetSetSessionContext(JET_SESID sesid, JET_API_PTR ulContext)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    TRACE("(%#lx, %#lx)", (unsigned long)sesid, (unsigned long)ulContext);
    CALL(api_session_enter(sesid, &sess));
    err = isam_session_set_context(sess, ulContext);
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetResetSessionContext(JET_SESID sesid)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    TRACE("(%#lx)", (unsigned long)sesid);
    CALL(api_session_enter_ex(sesid, true, &sess));
    err = isam_session_reset_context(sess);
out:
    api_session_leave(sess);
    return api_return(err);
}
