/* SPDX-License-Identifier: MIT
 * api/api_sesparam.c: JetSetSessionParameter / JetGetSessionParameter, with ESENT's size rules
 * for each JET_sesparam*: most values have one exact size (JET_errInvalidBufferSize otherwise),
 * the commit context and client descriptions are variable, the transaction level is read-only. */
#include "api_int.h"

DEBUG_CHANNEL(api);

/* Session parameters Windows 10's esent.dll accepts that the SDK header does not publish. */
#ifndef JET_sesparamCommitGenericContext
#define JET_sesparamCommitGenericContext                4098
#define JET_sesparamCachePriority                       4102
#define JET_sesparamClientComponentDesc                 4103
#define JET_sesparamClientActionDesc                    4104
#define JET_sesparamClientActionContextDesc             4105
#define JET_sesparamClientActivityId                    4106
#define JET_sesparamIOSessTraceFlags                    4107
#define JET_sesparamIOPriority                          4108
#define JET_sesparamCommitContextContainsCustomerData   4109
#define JET_sesparamCommitContextNeedPreCommitCallback  4110
#endif

#define CACHE_PRIORITY_MAX     1000u
/* A session that never set its cache priority uses its instance's JET_paramCachePriority, as
 * it is at the time (ESE's PIB::PctCachePriorityPib). */
#define CACHE_PRIORITY_UNSET   UINT32_MAX

/* JET_IOPriority* bits a session may set (ESE's PIB::ErrSetUserIoPriority): JET_IOPriorityLow,
 * the user class id, maintenance marking and background dispatch. */
#define IO_PRIORITY_SESSION_BITS (0x00000001u | 0x0f000000u | 0x40000000u | 0x00000040u)

static JET_ERR session_params(struct isam_session *sess, struct isam_session_params **pp)
{
    if (!sess->params) {
        sess->params = mem_calloc(1, sizeof *sess->params);
        if (!sess->params) return ERR_TRAP(JET_errOutOfMemory);
        sess->params->cache_priority = CACHE_PRIORITY_UNSET;
        sess->params->io_priority = sess->io_priority_default;
    }
    *pp = sess->params;
    return JET_errSuccess;
}

/* ESE's USER_CONTEXT_DESC::ErrCopyDescString: shorter strings are copied and terminated; longer
 * ones are cut to 28 characters plus "..." and give JET_wrnBufferTruncated. */
static JET_ERR set_desc(char *dst, const void *pv, ESENT_ULONG cb)
{
    if (cb < ISAM_SESPARAM_DESC_MAX) {
        memcpy(dst, pv, cb);
        dst[cb] = 0;
        return JET_errSuccess;
    }
    const size_t cch = ISAM_SESPARAM_DESC_MAX - 4;
    memcpy(dst, pv, cch);
    memcpy(dst + cch, "...", 4);
    return JET_wrnBufferTruncated;
}

static JET_ERR set_u32(uint32_t *dst, const void *pv, ESENT_ULONG cb)
{
    if (cb != sizeof(uint32_t)) return ERR_TRAP(JET_errInvalidBufferSize);
    memcpy(dst, pv, sizeof *dst);
    return JET_errSuccess;
}

static JET_ERR set_sesparam(struct isam_session *sess, ESENT_ULONG id, const void *pv, ESENT_ULONG cb)
{
    JET_ERR err;
    struct isam_session_params *p = NULL;

    if (!pv && cb != 0) return ERR_TRAP(JET_errInvalidParameter);
    if (id == JET_sesparamCommitDefault) {
        if (cb != sizeof(JET_GRBIT)) return ERR_TRAP(JET_errInvalidBufferSize);
        memcpy(&sess->grbitCommitDefault, pv, sizeof(JET_GRBIT));
        return JET_errSuccess;
    }
    if (id == JET_sesparamTransactionLevel) return ERR_TRAP(JET_errFeatureNotAvailable);   /* read-only */
    if (id < JET_sesparamCommitDefault || id >= JET_sesparamMaxValueInvalid) return ERR_TRAP(JET_errInvalidSesparamId);
    CALL_R(session_params(sess, &p));
    switch (id) {
    case JET_sesparamCommitGenericContext:
        if (cb > ISAM_SESPARAM_COMMIT_CONTEXT_MAX) {
            p->cb_commit_context = 0;
            return ERR_TRAP(JET_errInvalidBufferSize);
        }
        if (cb > p->cb_commit_context) {
            uint8_t *buf = mem_alloc(cb);
            if (!buf) return ERR_TRAP(JET_errOutOfMemory);
            mem_free(p->commit_context);
            p->commit_context = buf;
        }
        if (cb) memcpy(p->commit_context, pv, cb);
        else p->commit_context_need_precommit = 0;
        p->cb_commit_context = cb;
        return JET_errSuccess;
    case JET_sesparamOperationContext:
        if (cb != sizeof(JET_OPERATIONCONTEXT)) return ERR_TRAP(JET_errInvalidBufferSize);
        memcpy(p->operation_context, pv, cb);
        return JET_errSuccess;
    case JET_sesparamCorrelationID:
        return set_u32(&p->correlation_id, pv, cb);
    case JET_sesparamCachePriority: {
        uint32_t v = 0;
        CALL_R(set_u32(&v, pv, cb));
        if (v > CACHE_PRIORITY_MAX) return ERR_TRAP(JET_errInvalidParameter);
        p->cache_priority = v;
        return JET_errSuccess;
    }
    case JET_sesparamClientComponentDesc: return set_desc(p->client_component, pv, cb);
    case JET_sesparamClientActionDesc: return set_desc(p->client_action, pv, cb);
    case JET_sesparamClientActionContextDesc: return set_desc(p->client_action_context, pv, cb);
    case JET_sesparamClientActivityId:
        if (cb != sizeof p->activity_id) return ERR_TRAP(JET_errInvalidBufferSize);
        memcpy(p->activity_id, pv, cb);
        return JET_errSuccess;
    case JET_sesparamIOSessTraceFlags:
        return set_u32(&p->io_sess_trace_flags, pv, cb);
    case JET_sesparamIOPriority: {
        uint32_t v = 0;
        CALL_R(set_u32(&v, pv, cb));
        if (v & ~IO_PRIORITY_SESSION_BITS) return ERR_TRAP(JET_errInvalidGrbit);
        p->io_priority = v;
        return JET_errSuccess;
    }
    case JET_sesparamCommitContextContainsCustomerData: {
        uint32_t v = 0;
        CALL_R(set_u32(&v, pv, cb));
        p->commit_context_customer_data = v != 0;
        return JET_errSuccess;
    }
    case JET_sesparamCommitContextNeedPreCommitCallback: {
        uint32_t v = 0;
        CALL_R(set_u32(&v, pv, cb));
        p->commit_context_need_precommit = v != 0;
        return JET_errSuccess;
    }
    default:
        return ERR_TRAP(JET_errInvalidSesparamId);
    }
}

/* Copy a value of cbActual bytes out. exact: ESE wants exactly that size (else at least). */
static JET_ERR get_bytes(const void *src, ESENT_ULONG cbActual, bool exact, JET_ERR errSmall,
                         void *pv, ESENT_ULONG cbMax, ESENT_ULONG *pcbActual)
{
    if (pcbActual) *pcbActual = cbActual;
    if (pv && (exact ? cbMax != cbActual : cbMax < cbActual)) return ERR_TRAP(errSmall);
    if (pv) memcpy(pv, src, cbActual);
    return JET_errSuccess;
}

static JET_ERR get_sesparam(struct isam_session *sess, ESENT_ULONG id, void *pv, ESENT_ULONG cbMax, ESENT_ULONG *pcbActual)
{
    static const struct isam_session_params defaults = { .cache_priority = CACHE_PRIORITY_UNSET };
    const struct isam_session_params *p = sess->params ? sess->params : &defaults;
    uint32_t v;

    if (!pv && !pcbActual) return ERR_TRAP(JET_errInvalidParameter);
    switch (id) {
    case JET_sesparamCommitDefault:
        return get_bytes(&sess->grbitCommitDefault, sizeof(JET_GRBIT), true, JET_errInvalidBufferSize, pv, cbMax, pcbActual);
    case JET_sesparamCommitGenericContext:
        return get_bytes(p->commit_context, p->cb_commit_context, false, JET_errBufferTooSmall, pv, cbMax, pcbActual);
    case JET_sesparamTransactionLevel: {
        ESENT_LONG level = (ESENT_LONG)sess->trx_level;
        return get_bytes(&level, sizeof level, true, JET_errInvalidBufferSize, pv, cbMax, pcbActual);
    }
    case JET_sesparamOperationContext:
        return get_bytes(p->operation_context, sizeof(JET_OPERATIONCONTEXT), false, JET_errInvalidBufferSize, pv, cbMax, pcbActual);
    case JET_sesparamCorrelationID:
        return get_bytes(&p->correlation_id, 4, false, JET_errInvalidBufferSize, pv, cbMax, pcbActual);
    case JET_sesparamCachePriority:
        v = p->cache_priority;
        if (v == CACHE_PRIORITY_UNSET) v = (uint32_t)param_num(&sess->inst->params, JET_paramCachePriority);
        return get_bytes(&v, 4, false, JET_errInvalidBufferSize, pv, cbMax, pcbActual);
    case JET_sesparamClientComponentDesc:
        return get_bytes(p->client_component, (ESENT_ULONG)strlen(p->client_component) + 1, false, JET_errBufferTooSmall, pv, cbMax, pcbActual);
    case JET_sesparamClientActionDesc:
        return get_bytes(p->client_action, (ESENT_ULONG)strlen(p->client_action) + 1, false, JET_errBufferTooSmall, pv, cbMax, pcbActual);
    case JET_sesparamClientActionContextDesc:
        return get_bytes(p->client_action_context, (ESENT_ULONG)strlen(p->client_action_context) + 1, false, JET_errBufferTooSmall, pv, cbMax, pcbActual);
    case JET_sesparamClientActivityId:
        return get_bytes(p->activity_id, 16, false, JET_errInvalidBufferSize, pv, cbMax, pcbActual);
    case JET_sesparamIOSessTraceFlags:
        return get_bytes(&p->io_sess_trace_flags, 4, false, JET_errInvalidBufferSize, pv, cbMax, pcbActual);
    case JET_sesparamIOPriority:
        v = sess->params ? p->io_priority : sess->io_priority_default;
        return get_bytes(&v, 4, true, JET_errInvalidBufferSize, pv, cbMax, pcbActual);
    case JET_sesparamCommitContextContainsCustomerData:
        v = p->commit_context_customer_data;
        return get_bytes(&v, 4, false, JET_errInvalidBufferSize, pv, cbMax, pcbActual);
    case JET_sesparamCommitContextNeedPreCommitCallback:
        v = p->commit_context_need_precommit;
        return get_bytes(&v, 4, false, JET_errInvalidBufferSize, pv, cbMax, pcbActual);
    default:
        return ERR_TRAP(JET_errInvalidSesparamId);
    }
}

JET_ERR JET_API JetSetSessionParameter(JET_SESID sesid, ESENT_ULONG sesparamid, void *pvParam, ESENT_ULONG cbParam)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    TRACE("(%#lx, %lu, %p, %lu)", (unsigned long)sesid, (unsigned long)sesparamid, pvParam, (unsigned long)cbParam);
    CALL(api_session_enter(sesid, &sess));
    err = set_sesparam(sess, sesparamid, pvParam, cbParam);
out:
    api_session_leave(sess);
    return api_return(err);
}

/* ESENT does not enter the session here (so a monitoring thread may read another thread's
 * session); it only checks the instance. */
JET_ERR JET_API JetGetSessionParameter(JET_SESID sesid, ESENT_ULONG sesparamid, void *pvParam, ESENT_ULONG cbParamMax,
                                       ESENT_ULONG *pcbParamActual)
{
    JET_ERR err;
    TRACE("(%#lx, %lu, %p, %lu, %p)", (unsigned long)sesid, (unsigned long)sesparamid, pvParam,
          (unsigned long)cbParamMax, (void *)pcbParamActual);
    struct isam_session *sess = handle_lookup(HANDLE_SESSION, sesid);
    if (!sess) return api_return(ERR_TRAP(JET_errInvalidSesid));
    CALL(isam_instance_enter(sess->inst));
    err = get_sesparam(sess, sesparamid, pvParam, cbParamMax, pcbParamActual);
    isam_instance_leave(sess->inst);
out:
    return api_return(err);
}
