/* SPDX-License-Identifier: MIT
 * isam/isam_session.c: sessions (ESE's PIB): begin/end, the one-thread-at-a-time rule, session
 * contexts, and transaction levels. Layer: isam.
 *
 * A session is used by one thread at a time. api_in is 1 while a thread is inside an API call
 * with it; a second thread entering meanwhile gets JET_errSessionSharingViolation (ESE's
 * m_cInJetAPI). JetSetSessionContext pins the session to a context value so that a
 * transaction may move between threads; only the thread that set it may reset it. */
#include "isam.h"
#include "isam_int.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

/* ESE reserves these context values (dwPIBSessionContextNull / Unusable). */
#define SESSION_CONTEXT_NONE      ((JET_API_PTR)0)
#define SESSION_CONTEXT_UNUSABLE  (~(JET_API_PTR)0)

/* ESE's maximum nesting of transactions. */
#define TRX_LEVEL_MAX 7

JET_ERR isam_session_begin(struct isam_instance *inst, struct isam_session **ppsess)
{
    JET_ERR err = JET_errSuccess;
    struct isam_session *sess = NULL;

    *ppsess = NULL;
    os_mutex_lock(&inst->lock);
    if (inst->csessions >= param_num(&inst->params, JET_paramMaxSessions))
        FAIL(JET_errOutOfSessions);
    sess = mem_calloc(1, sizeof *sess);
    if (!sess) FAIL(JET_errOutOfMemory);
    sess->inst = inst;
    sess->grbitCommitDefault = (JET_GRBIT)param_num(&inst->params, JET_paramCommitDefault);
    /* ESE's ErrPIBBeginSession: the instance's I/O priority without the instance-only bits
     * (JET_IOPriorityLowForCheckpoint, JET_IOPriorityLowForScavenge). */
    sess->io_priority_default = (uint32_t)param_num(&inst->params, JET_paramIOPriority) & ~(uint32_t)0x6;
    sess->next = inst->sessions;
    inst->sessions = sess;
    inst->csessions++;
    *ppsess = sess;
out:
    os_mutex_unlock(&inst->lock);
    return err;
}

static void session_unlink_and_free(struct isam_session *sess)
{
    struct isam_instance *inst = sess->inst;
    os_mutex_lock(&inst->lock);
    for (struct isam_session **pp = &inst->sessions; *pp; pp = &(*pp)->next) {
        if (*pp == sess) {
            *pp = sess->next;
            inst->csessions--;
            break;
        }
    }
    os_mutex_unlock(&inst->lock);
    if (sess->params) mem_free(sess->params->commit_context);
    mem_free(sess->params);
    mem_free(sess);
}

void isam_session_destroy(struct isam_session *sess)
{
    if (sess->trx_level > 0) {
        JET_ERR err = isam_trx_rollback(sess, JET_bitRollbackAll);
        if (err < 0) WARN("rollback of session %p failed: %ld", (void *)sess, (long)err);
    }
    session_unlink_and_free(sess);
}

JET_ERR isam_session_end_prepare(struct isam_session *sess, JET_GRBIT grbit)
{
    (void)grbit;   /* JetEndSession's grbit is reserved */
    /* Lock the session against every other context, as ESE does: a context held by someone
     * else means the session is in use. The caller is inside the API with sess, so another
     * thread can only hold it through JetSetSessionContext. */
    JET_API_PTR expected = SESSION_CONTEXT_NONE;
    if (!__atomic_compare_exchange_n(&sess->context, &expected, SESSION_CONTEXT_UNUSABLE, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        /* The thread that set a context may end the session itself. */
        if (sess->context_thread != os_thread_id())
            return ERR_TRAP(JET_errSessionInUse);
    }
    return JET_errSuccess;
}

JET_ERR isam_session_enter(struct isam_session *sess, bool fIgnoreStopService)
{
    JET_ERR err;
    struct isam_instance *inst = sess->inst;

    if (inst->fStopService && !fIgnoreStopService) return ERR_TRAP(JET_errClientRequestToStopJetService);
    if (inst->errUnavailable < 0) return inst->errUnavailable;
    if (__atomic_load_n(&inst->state, __ATOMIC_ACQUIRE) == ISAM_INST_TERMINATING)
        return ERR_TRAP(JET_errTermInProgress);
    if (__atomic_add_fetch(&sess->api_in, 1, __ATOMIC_ACQ_REL) != 1) {
        __atomic_sub_fetch(&sess->api_in, 1, __ATOMIC_ACQ_REL);
        WARN("session %p used by two threads at once", (void *)sess);
        return ERR_TRAP(JET_errSessionSharingViolation);
    }
    /* A session whose context another thread set belongs to that context's owner; ESE
     * reports the use from elsewhere as sharing violation once a transaction is involved.
     * Using it from any thread is fine as long as the calls do not overlap. */
    __atomic_add_fetch(&inst->api_in, 1, __ATOMIC_ACQ_REL);
    /* Re-check after counting ourselves in, so that a terminating instance never sees us. */
    if (__atomic_load_n(&inst->state, __ATOMIC_ACQUIRE) == ISAM_INST_TERMINATING) {
        err = ERR_TRAP(JET_errTermInProgress);
        __atomic_sub_fetch(&inst->api_in, 1, __ATOMIC_ACQ_REL);
        __atomic_sub_fetch(&sess->api_in, 1, __ATOMIC_ACQ_REL);
        return err;
    }
    return JET_errSuccess;
}

void isam_session_leave(struct isam_session *sess)
{
    struct isam_instance *inst = sess->inst;
    __atomic_sub_fetch(&sess->api_in, 1, __ATOMIC_ACQ_REL);
    __atomic_sub_fetch(&inst->api_in, 1, __ATOMIC_ACQ_REL);
}

JET_ERR isam_session_set_context(struct isam_session *sess, JET_API_PTR context)
{
    if (context == SESSION_CONTEXT_NONE || context == SESSION_CONTEXT_UNUSABLE)
        return ERR_TRAP(JET_errInvalidParameter);
    JET_API_PTR expected = SESSION_CONTEXT_NONE;
    if (!__atomic_compare_exchange_n(&sess->context, &expected, context, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return ERR_TRAP(JET_errSessionContextAlreadySet);
    sess->context_thread = os_thread_id();
    return JET_errSuccess;
}

JET_ERR isam_session_reset_context(struct isam_session *sess)
{
    JET_API_PTR context = __atomic_load_n(&sess->context, __ATOMIC_ACQUIRE);
    if (context == SESSION_CONTEXT_NONE || sess->context_thread != os_thread_id())
        return ERR_TRAP(JET_errSessionContextNotSetByThisThread);
    sess->context_thread = 0;
    __atomic_store_n(&sess->context, SESSION_CONTEXT_NONE, __ATOMIC_RELEASE);
    return JET_errSuccess;
}

JET_ERR isam_trx_begin(struct isam_session *sess, JET_GRBIT grbit)
{
    (void)grbit;
    if (sess->trx_level >= TRX_LEVEL_MAX) return ERR_TRAP(JET_errTransTooDeep);
    sess->trx_level++;
    return JET_errSuccess;
}

JET_ERR isam_trx_commit(struct isam_session *sess, JET_GRBIT grbit)
{
    (void)grbit;
    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    sess->trx_level--;
    return JET_errSuccess;
}

JET_ERR isam_trx_rollback(struct isam_session *sess, JET_GRBIT grbit)
{
    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    if (grbit & JET_bitRollbackAll) sess->trx_level = 0;
    else sess->trx_level--;
    return JET_errSuccess;
}
