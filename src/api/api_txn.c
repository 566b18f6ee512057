/* SPDX-License-Identifier: MIT
 * api/api_txn.c: JetBeginTransaction*, JetCommitTransaction*, JetRollback. The grbit rules are
 * ESENT's; what a transaction protects grows with the page store and the version store. */
#include "api_int.h"
#include "esent_private.h"
#include "thread_stats.h"

DEBUG_CHANNEL(api);

/* ESENT accepts these on commit (g_grbitCommitFlagsMsk); 0x10 is its internal redo-callback bit,
 * which the SDK header does not publish. */
#define COMMIT_REDO_CALLBACK 0x00000010u
#define COMMIT_GRBITS (JET_bitCommitLazyFlush | JET_bitWaitLastLevel0Commit | JET_bitWaitAllLevel0Commit | \
                       JET_bitForceNewLog | COMMIT_REDO_CALLBACK)

static JET_ERR begin_transaction(JET_SESID sesid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    CALL(api_session_enter(sesid, &sess));
    /* ESE filters out the bits it does not support rather than failing. */
    err = isam_trx_begin_user(sess, grbit & JET_bitTransactionReadOnly);
out:
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetBeginTransaction(JET_SESID sesid)
{
    TRACE("(%#lx)", (unsigned long)sesid);
    return api_return(begin_transaction(sesid, 0));
}

JET_ERR JET_API JetBeginTransaction2(JET_SESID sesid, JET_GRBIT grbit)
{
    TRACE("(%#lx, %#lx)", (unsigned long)sesid, (unsigned long)grbit);
    return api_return(begin_transaction(sesid, grbit));
}

JET_ERR JET_API JetBeginTransaction3(JET_SESID sesid, ESENT_INT64 trxid, JET_GRBIT grbit)
{
    TRACE("(%#lx, %lld, %#lx)", (unsigned long)sesid, (long long)trxid, (unsigned long)grbit);
    return api_return(begin_transaction(sesid, grbit));
}

_Static_assert(sizeof(JET_SIGNATURE) == 28, "JET_SIGNATURE is the log's 28-byte signature");

static JET_ERR commit_transaction(JET_SESID sesid, JET_GRBIT grbit, ESENT_ULONG cmsecDurableCommit,
                                  JET_COMMIT_ID *pCommitId)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    CALL(api_session_enter(sesid, &sess));
    if (grbit & ~COMMIT_GRBITS) FAIL(JET_errInvalidGrbit);
    /* Each of these excludes every other bit. */
    if ((grbit & JET_bitForceNewLog) && grbit != JET_bitForceNewLog) FAIL(JET_errInvalidGrbit);
    if ((grbit & JET_bitWaitAllLevel0Commit) && grbit != JET_bitWaitAllLevel0Commit) FAIL(JET_errInvalidGrbit);
    if ((grbit & JET_bitWaitLastLevel0Commit) && grbit != JET_bitWaitLastLevel0Commit) FAIL(JET_errInvalidGrbit);
    if (grbit & (JET_bitWaitAllLevel0Commit | JET_bitWaitLastLevel0Commit | JET_bitForceNewLog)) {
        /* Flush requests, valid outside a transaction. */
        err = isam_trx_flush(sess, grbit);
        goto out;
    }
    const uint32_t level = sess->trx_level;
    CALL(isam_trx_check_context(sess));
    CALL(isam_trx_commit2(sess, grbit, cmsecDurableCommit));
    if (pCommitId) {
        /* ESE's commit id: the log's signature and the commit record's position (0 when the
         * commit wrote nothing, or was not the outermost one). */
        memset(pCommitId, 0, sizeof *pCommitId);
        if (level == 1 && sess->inst->log) {
            log_signature(sess->inst->log, (uint8_t *)&pCommitId->signLog);
            pCommitId->commitId = (ESENT_INT64)sess->lsnCommitLast;
        }
    }
out:
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetCommitTransaction(JET_SESID sesid, JET_GRBIT grbit)
{
    TRACE("(%#lx, %#lx)", (unsigned long)sesid, (unsigned long)grbit);
    return api_return(commit_transaction(sesid, grbit, 0, NULL));
}

JET_ERR JET_API JetCommitTransaction2(JET_SESID sesid, JET_GRBIT grbit, ESENT_ULONG cmsecDurableCommit,
                                      JET_COMMIT_ID *pCommitId)
{
    TRACE("(%#lx, %#lx, %lu, %p)", (unsigned long)sesid, (unsigned long)grbit, (unsigned long)cmsecDurableCommit, (void *)pCommitId);
    return api_return(commit_transaction(sesid, grbit, cmsecDurableCommit, pCommitId));
}

JET_ERR JET_API JetRollback(JET_SESID sesid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    TRACE("(%#lx, %#lx)", (unsigned long)sesid, (unsigned long)grbit);
    CALL(api_session_enter(sesid, &sess));
    CALL(isam_trx_check_context(sess));
    if (sess->trx_level > 0) api_upd_cancel_for_rollback(sess, (grbit & JET_bitRollbackAll) != 0);
    err = isam_trx_rollback(sess, grbit);
out:
    api_session_leave(sess);
    return api_return(err);
}

/* JetIdle: the version store's cleanup or status (isam_idle). */
JET_ERR JET_API JetIdle(JET_SESID sesid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    TRACE("(%#lx, %#lx)", (unsigned long)sesid, (unsigned long)grbit);
    CALL(api_session_enter(sesid, &sess));
    err = isam_idle(sess, grbit);
out:
    api_session_leave(sess);
    return api_return(err);
}

/* JetGetSessionInfo's JET_SessionInfo level: ESE's JET_SESSIONINFO (not in the SDK header). */
struct api_session_info {
    ESENT_ULONG ulTrxBegin0;
    ESENT_ULONG ulTrxLevel;
    ESENT_ULONG ulProcid;
    ESENT_ULONG ulFlags;            /* unused (0), as in ESE */
    JET_API_PTR ulTrxContext;
};

JET_ERR JET_API JetGetSessionInfo(JET_SESID sesid, void *pvResult, const ESENT_ULONG cbMax, const ESENT_ULONG ulInfoLevel)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    TRACE("(%#lx, %p, %lu, %lu)", (unsigned long)sesid, pvResult, (unsigned long)cbMax, (unsigned long)ulInfoLevel);
    CALL(api_session_enter(sesid, &sess));
    if (ulInfoLevel != JET_SessionInfo) FAIL(JET_errInvalidParameter);
    if (cbMax < sizeof(struct api_session_info)) FAIL(JET_errBufferTooSmall);
    if (!pvResult) FAIL(JET_errInvalidParameter);
    struct api_session_info info;
    memset(&info, 0, sizeof info);
    /* The level-0 transaction's begin time (ESE's trxBegin0, truncated as ESE's ULONG is). */
    info.ulTrxBegin0 = sess->trx_level ? (ESENT_ULONG)sess->trx.trxBegin0 : 0;
    info.ulTrxLevel = sess->trx_level;
    info.ulProcid = (ESENT_ULONG)(sess->handle & 0xffffu);
    info.ulTrxContext = sess->context;
    memcpy(pvResult, &info, sizeof info);
out:
    api_session_leave(sess);
    return api_return(err);
}

/* JetGetThreadStats: the calling thread's counters (base/thread_stats.h), in the largest layout
 * the caller's buffer holds (ESE copies min(cbMax, its struct) and says how much in cbStruct;
 * below JET_THREADSTATS is JET_errBufferTooSmall). The page cache misses' times and the long
 * value counters of the newer layouts are not kept: 0. */
JET_ERR JET_API JetGetThreadStats(void *pvResult, ESENT_ULONG cbMax)
{
    TRACE("(%p, %lu)", pvResult, (unsigned long)cbMax);
    if (cbMax < sizeof(JET_THREADSTATS)) return api_return(ERR_TRAP(JET_errBufferTooSmall));
    if (!pvResult) return api_return(ERR_TRAP(JET_errInvalidParameter));
    const struct thread_stats *ts = thread_stats();
    JET_THREADSTATS3 out;
    memset(&out, 0, sizeof out);
    out.cPageReferenced = ts->cPageReferenced;
    out.cPageRead = ts->cPageRead;
    out.cPagePreread = ts->cPagePreread;
    out.cPageDirtied = ts->cPageDirtied;
    out.cPageRedirtied = ts->cPageRedirtied;
    out.cLogRecord = ts->cLogRecord;
    out.cbLogRecord = ts->cbLogRecord;
    out.cPageCacheMiss = ts->cPageRead;
    const size_t cb = cbMax < sizeof out ? cbMax : sizeof out;
    out.cbStruct = (ESENT_ULONG)cb;
    memcpy(pvResult, &out, cb);
    return api_return(JET_errSuccess);
}
