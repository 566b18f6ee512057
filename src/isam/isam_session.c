/* SPDX-License-Identifier: MIT
 * isam/isam_session.c: sessions (ESE's PIB): begin/end, the one-thread-at-a-time rule, session
 * contexts, and transaction levels. Layer: isam.
 *
 * A session is used by one thread at a time. api_in is 1 while a thread is inside an API call
 * with it (set by one compare-exchange, cleared by a store); a second thread entering meanwhile
 * gets JET_errSessionSharingViolation (ESE's m_cInJetAPI). JetSetSessionContext pins the session to a context value so that a
 * transaction may move between threads; only the thread that set it may reset it. */
#include "isam.h"
#include "isam_int.h"
#include "isam_db.h"
#include "isam_logrec.h"
#include "isam_table.h"
#include "isam_wint.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

/* ESE reserves these context values (dwPIBSessionContextNull / Unusable). */
#define SESSION_CONTEXT_NONE      ((JET_API_PTR)0)
#define SESSION_CONTEXT_UNUSABLE  (~(JET_API_PTR)0)

/* ESE's maximum nesting of transactions: seven for the user (levelUserMost), ten in all (levels
 * below levelMax): an update or DDL call inside the seventh level opens its own. */
#define TRX_LEVEL_USER_MOST 7
#define TRX_LEVEL_MAX 10

static JET_ERR session_begin(struct isam_instance *inst, bool fInternal, struct isam_session **ppsess)
{
    JET_ERR err = JET_errSuccess;
    struct isam_session *sess = NULL;

    *ppsess = NULL;
    os_mutex_lock(&inst->lock);
    if (!fInternal && inst->csessions >= param_num(&inst->params, JET_paramMaxSessions))
        FAIL(JET_errOutOfSessions);
    sess = mem_calloc(1, sizeof *sess);
    if (!sess) FAIL(JET_errOutOfMemory);
    sess->inst = inst;
    ver_trx_init(&sess->trx, &inst->ver_budget);
    /* Readers name the session itself as the version store's owner. */
    if (inst->vs) ver_store_attach(inst->vs, &sess->trx, sess);
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

JET_ERR isam_session_begin(struct isam_instance *inst, struct isam_session **ppsess)
{
    return session_begin(inst, false, ppsess);
}

JET_ERR isam_session_begin_internal(struct isam_instance *inst, struct isam_session **ppsess)
{
    return session_begin(inst, true, ppsess);
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

static void trx_end(struct isam_session *sess);

/* ---- DDL in transactions ----
 * Our DDL publishes a table's new definition at once (cur_table_reload), and its undo puts the
 * catalog rows back without telling the cursors: the rollback of the level that made the change
 * publishes the definition again, so that no session (this one, or another with the table open
 * and its definition cached) goes on with a column or index that no longer exists. */
struct isam_trx_ddl {
    struct isam_trx_ddl *next;
    uint32_t level;
    JET_DBID dbid;
    uint32_t objidTable;
};

bool isam_trx_ddl_owns(const struct isam_session *sess, JET_DBID dbid, uint32_t objidTable)
{
    for (const struct isam_trx_ddl *e = sess->ddlChanged; e; e = e->next)
        if (e->dbid == dbid && e->objidTable == objidTable) return true;
    return false;
}

/* The count of sessions with uncommitted DDL on the table (isam_tstate's cDdlOwners). */
static void ddl_owners_add(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable, int32_t delta)
{
    struct isam_db *db = isam_db_get(sess->inst, (uint32_t)dbid);
    struct isam_tstate *ts;
    if (!db || isam_tstate_get(db, objidTable, &ts) < 0) {
        WARN("table %u: its DDL owners are not counted", objidTable);
        return;
    }
    __atomic_add_fetch(&ts->cDdlOwners, (uint32_t)delta, __ATOMIC_ACQ_REL);
}

void isam_trx_ddl_changed(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable)
{
    if (sess->trx_level == 0) return;
    for (const struct isam_trx_ddl *e = sess->ddlChanged; e; e = e->next)
        if (e->dbid == dbid && e->objidTable == objidTable && e->level >= sess->trx_level) return;
    struct isam_trx_ddl *e = mem_alloc(sizeof *e);
    if (!e) {
        WARN("table %u: out of memory; a rollback will not publish its definition again", objidTable);
        return;
    }
    if (!isam_trx_ddl_owns(sess, dbid, objidTable)) ddl_owners_add(sess, dbid, objidTable, 1);
    e->level = sess->trx_level;
    e->dbid = dbid;
    e->objidTable = objidTable;
    e->next = sess->ddlChanged;
    sess->ddlChanged = e;
}

/* The transaction is at level now: committed levels above it merge into it (or, at 0, are
 * durable), rolled-back ones publish their tables' definitions again (fPublish). A table the
 * session no longer has uncommitted DDL on loses it as an owner; at the level-0 commit its
 * definitions are published again (the other sessions now see the committed change). */
static void trx_ddl_level(struct isam_session *sess, uint32_t level, bool fCommit, bool fPublish)
{
    struct isam_trx_ddl *undone = NULL;
    for (struct isam_trx_ddl **pp = &sess->ddlChanged; *pp;) {
        struct isam_trx_ddl *e = *pp;
        if (e->level <= level) {
            pp = &e->next;
        } else if (fCommit && level > 0) {
            e->level = level;
            pp = &e->next;
        } else {
            *pp = e->next;
            e->next = undone;
            undone = e;
        }
    }
    while (undone) {
        struct isam_trx_ddl *e = undone;
        undone = e->next;
        /* (before the publishing, which sees the owners left) */
        if (!isam_trx_ddl_owns(sess, e->dbid, e->objidTable)) ddl_owners_add(sess, e->dbid, e->objidTable, -1);
        if (!fCommit && fPublish) isam_ddl_table_changed(sess, e->dbid, e->objidTable, false);
        else if (fCommit) isam_ddl_table_settled(sess, e->dbid, e->objidTable);
        mem_free(e);
    }
}

/* The open transaction goes without its undo: the version store forgets its versions, the
 * pages keep its changes (the instance is failing or terminating dirty, and recovery undoes
 * them from the log). */
static void trx_discard(struct isam_session *sess)
{
    ver_trx_discard(&sess->trx);
    if (sess->trx.vs) ver_store_rollback(sess->trx.vs, &sess->trx);
    sess->trx_level = 0;
    isam_tables_rollback(sess, 0);
    isam_escrow_zero_rollback(sess);
    trx_ddl_level(sess, 0, false, false);
    trx_end(sess);
}

static void session_end(struct isam_session *sess, bool fRollback)
{
    if (sess->trx_level > 0) {
        JET_ERR err = fRollback ? isam_trx_rollback(sess, JET_bitRollbackAll) : JET_errSuccess;
        if (err < 0) {
            /* The instance cannot go on without this undo; recovery will do it. */
            WARN("rollback of session %p failed: %ld", (void *)sess, (long)err);
        }
        if (err < 0 || !fRollback) trx_discard(sess);
    }
    isam_ver_pidx_level(sess, 0, false);
    ver_store_detach(&sess->trx);
    isam_db_close_session(sess);
    session_unlink_and_free(sess);
}

void isam_session_destroy(struct isam_session *sess)
{
    session_end(sess, true);
}

void isam_session_drop(struct isam_session *sess)
{
    session_end(sess, false);
}

void isam_session_destroy_internal(struct isam_session *sess)
{
    if (sess->trx_level > 0 && isam_trx_rollback(sess, JET_bitRollbackAll) < 0) trx_discard(sess);
    isam_ver_pidx_level(sess, 0, false);
    ver_store_detach(&sess->trx);
    session_unlink_and_free(sess);
}

JET_ERR isam_session_end_prepare(struct isam_session *sess, JET_GRBIT grbit)
{
    (void)grbit;   /* JetEndSession's grbit is reserved */
    /* Lock the session against every context, as ESE does: a context held by anyone (this
     * thread too) means the session is in use. The caller is inside the API with sess, so
     * another thread can only hold it through JetSetSessionContext. */
    JET_API_PTR expected = SESSION_CONTEXT_NONE;
    if (!__atomic_compare_exchange_n(&sess->context, &expected, SESSION_CONTEXT_UNUSABLE, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return ERR_TRAP(JET_errSessionInUse);
    sess->context_thread = os_thread_id();
    if (sess->trx_level > 0) {
        /* ESE's PrepareTrxContextForEnd, then the rollback's FPIBCheckTrxContext: a transaction
         * begun under a context (reset since, or the set above would have failed) now belongs
         * to the ending thread; one a thread began is that thread's to roll back, and another
         * thread's JetEndSession (or JetTerm's) leaves it alone. */
        if (sess->fTrxOwnerIsContext) sess->trx_owner = (uint64_t)SESSION_CONTEXT_UNUSABLE;
        JET_ERR err = isam_trx_check_context(sess);
        if (err < 0) {
            /* (the session stays usable, as ESE's HandleError leaves it) */
            sess->context_thread = 0;
            __atomic_store_n(&sess->context, SESSION_CONTEXT_NONE, __ATOMIC_RELEASE);
            return err;
        }
    }
    return JET_errSuccess;
}

JET_ERR isam_session_enter(struct isam_session *sess, bool fIgnoreStopService)
{
    struct isam_instance *inst = sess->inst;

    if (inst->fStopService && !fIgnoreStopService) return ERR_TRAP(JET_errClientRequestToStopJetService);
    if (inst->errUnavailable < 0) return inst->errUnavailable;
    if (__atomic_load_n(&inst->state, __ATOMIC_ACQUIRE) == ISAM_INST_TERMINATING)
        return ERR_TRAP(JET_errTermInProgress);
    /* One atomic step per call: the session's api_in alone says a thread is inside (JetTerm
     * reads every session's, isam_instance_term), and a second thread's failed exchange leaves
     * it untouched, so leaving is a plain store. */
    int expected = 0;
    if (!__atomic_compare_exchange_n(&sess->api_in, &expected, 1, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
        WARN("session %p used by two threads at once", (void *)sess);
        return ERR_TRAP(JET_errSessionSharingViolation);
    }
    /* A session whose context another thread set belongs to that context's owner; ESE
     * reports the use from elsewhere as sharing violation once a transaction is involved.
     * Using it from any thread is fine as long as the calls do not overlap. */
    /* Re-check after marking ourselves in (sequentially consistent on both sides: JetTerm
     * stores TERMINATING, then reads api_in), so that a terminating instance never sees us. */
    if (__atomic_load_n(&inst->state, __ATOMIC_SEQ_CST) == ISAM_INST_TERMINATING) {
        __atomic_store_n(&sess->api_in, 0, __ATOMIC_RELEASE);
        return ERR_TRAP(JET_errTermInProgress);
    }
    return JET_errSuccess;
}

void isam_session_leave(struct isam_session *sess)
{
    __atomic_store_n(&sess->api_in, 0, __ATOMIC_RELEASE);
}

void isam_session_hold_instance(struct isam_session *sess)
{
    __atomic_add_fetch(&sess->inst->api_in, 1, __ATOMIC_SEQ_CST);
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

JET_ERR isam_trx_check_context(const struct isam_session *sess)
{
    if (sess->trx_level == 0) return JET_errSuccess;
    const uint64_t thread = os_thread_id();
    bool fOwner;
    if (sess->fTrxOwnerIsContext)
        fOwner = (uint64_t)__atomic_load_n(&sess->context, __ATOMIC_ACQUIRE) == sess->trx_owner
                 && sess->context_thread == thread;
    else
        fOwner = sess->trx_owner == thread;
    if (!fOwner) {
        WARN("session %p: its transaction is used from a thread that does not own it", (void *)sess);
        return ERR_TRAP(JET_errSessionSharingViolation);
    }
    return JET_errSuccess;
}

JET_ERR isam_trx_begin_user(struct isam_session *sess, JET_GRBIT grbit)
{
    JET_ERR err;
    CALL_R(isam_trx_check_context(sess));
    if (sess->trx_level >= TRX_LEVEL_USER_MOST) return ERR_TRAP(JET_errTransTooDeep);
    return isam_trx_begin(sess, grbit);
}

JET_ERR isam_trx_begin(struct isam_session *sess, JET_GRBIT grbit)
{
    (void)grbit;
    if (sess->trx_level >= TRX_LEVEL_MAX) return ERR_TRAP(JET_errTransTooDeep);
    if (sess->trx_level == 0) {
        /* ESE's PIBSetTrxContext */
        const JET_API_PTR context = __atomic_load_n(&sess->context, __ATOMIC_ACQUIRE);
        sess->fTrxOwnerIsContext = context != SESSION_CONTEXT_NONE;
        sess->trx_owner = sess->fTrxOwnerIsContext ? (uint64_t)context : os_thread_id();
        /* The transaction gets its id and log chain at its first change (ESE logs Begin0 lazily). */
        /* The checkpoint thread reads these (isam_log.c): atomic stores. */
        __atomic_store_n(&sess->trxid, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&sess->lsnTrxFirst, 0, __ATOMIC_RELEASE);
        __atomic_store_n(&sess->lsnTrxLast, 0, __ATOMIC_RELEASE);
        /* Its snapshot: what committed before now (ver_store.h "Time"). */
        if (sess->trx.vs) (void)ver_store_begin(sess->trx.vs, &sess->trx);
    }
    sess->trx_level++;
    ver_begin(&sess->trx);
    return JET_errSuccess;
}

static void trx_end(struct isam_session *sess)
{
    __atomic_store_n(&sess->trxid, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&sess->lsnTrxFirst, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&sess->lsnTrxLast, 0, __ATOMIC_RELEASE);
}

static JET_ERR log_trx_end(struct isam_session *sess, uint8_t type, lsn_t *plsn)
{
    struct isam_lr_trx rec;
    le64_put(&rec.trxid, sess->trxid);
    le64_put(&rec.lsnPrev, sess->lsnTrxLast);
    return log_append(sess->inst->log, type, &rec, sizeof rec, plsn);
}

JET_ERR isam_trx_commit(struct isam_session *sess, JET_GRBIT grbit)
{
    return isam_trx_commit2(sess, grbit, 0);
}

JET_ERR isam_trx_commit2(struct isam_session *sess, JET_GRBIT grbit, uint32_t cmsecDurableCommit)
{
    JET_ERR err = JET_errSuccess;
    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    const bool fLazy = ((grbit | sess->grbitCommitDefault) & JET_bitCommitLazyFlush) != 0;
    if (!fLazy && cmsecDurableCommit != 0) return ERR_TRAP(JET_errInvalidParameter);
    if (sess->trx_level == 1 && sess->lsnTrxLast && sess->inst->log) {
        lsn_t lsn;
        CALL_R(log_trx_end(sess, LOG_REC_TRX_COMMIT, &lsn));
        sess->lsnCommitLast = lsn;
        /* A lazy commit given a time is made durable by then (ESE's ErrLGScheduleWrite). */
        if (fLazy && cmsecDurableCommit) isam_log_schedule_flush(sess->inst, lsn, cmsecDurableCommit);
        /* A durable commit returns once its record is on disk; a lazy one at the next flush. */
        if (!fLazy) {
            err = log_flush(sess->inst->log, lsn);
            if (err < 0) {
                /* The commit record may or may not survive: the instance can no longer vouch
                 * for anything, as ESE goes into its failed state. */
                sess->inst->errUnavailable = JET_errInstanceUnavailable;
                return err;
            }
        }
    }
    /* Its changes become visible to transactions that begin from now on, and their versions
     * the store's to clean. A lazy commit is visible before it is durable, as in ESE. */
    if (sess->trx_level == 1 && sess->trx.vs) sess->trxCommit0Last = ver_store_commit(sess->trx.vs, &sess->trx);
    ver_commit(&sess->trx);
    sess->trx_level--;
    isam_ver_pidx_level(sess, sess->trx_level, true);
    isam_tables_commit(sess, sess->trx_level);
    trx_ddl_level(sess, sess->trx_level, true, false);
    if (sess->trx_level == 0) trx_end(sess);
    isam_escrow_zero_commit(sess);
    return err;
}

static JET_ERR undo_entry(void *ctx, const struct ver_entry *e)
{
    struct isam_session *sess = ctx;
    lsn_t chain = sess->lsnTrxLast;
    if (sess->trx.vs) ver_store_delta_undoing(&sess->trx, e);
    JET_ERR err = isam_undo_apply(sess->inst, e->payload, e->cb, &chain);
    /* (also after a failed undo, which fails the instance: readers must not wait for it) */
    if (sess->trx.vs) ver_store_delta_undone(&sess->trx, e);
    if (err >= 0) __atomic_store_n(&sess->lsnTrxLast, chain, __ATOMIC_RELEASE);
    return err;
}

JET_ERR isam_trx_rollback(struct isam_session *sess, JET_GRBIT grbit)
{
    JET_ERR err;
    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    bool fAll = (grbit & JET_bitRollbackAll) || sess->trx_level == 1;
    err = ver_rollback(&sess->trx, fAll, undo_entry, sess);
    if (err < 0) {
        sess->inst->errUnavailable = JET_errInstanceUnavailable;
        return err;
    }
    sess->trx_level = sess->trx.level;
    if (sess->trx_level == 0 && sess->trx.vs) ver_store_rollback(sess->trx.vs, &sess->trx);
    isam_tables_rollback(sess, sess->trx_level);   /* tables opened in what was rolled back */
    isam_ver_pidx_level(sess, sess->trx_level, false);
    trx_ddl_level(sess, sess->trx_level, false, true);
    isam_escrow_zero_rollback(sess);
    if (sess->trx_level == 0) {
        if (sess->lsnTrxLast && sess->inst->log) {
            lsn_t lsn;
            CALL_R(log_trx_end(sess, LOG_REC_TRX_ROLLBACK, &lsn));
        }
        trx_end(sess);
    }
    return JET_errSuccess;
}

JET_ERR isam_trx_flush(struct isam_session *sess, JET_GRBIT grbit)
{
    JET_ERR err = JET_errSuccess;
    struct log *log = sess->inst->log;
    if (!log) return JET_errSuccess;      /* no log: nothing is ever pending */
    if (grbit & JET_bitWaitLastLevel0Commit) {
        if (sess->lsnCommitLast) err = log_flush(log, sess->lsnCommitLast);
    } else if (grbit & JET_bitWaitAllLevel0Commit) {
        err = log_flush(log, LSN_MAX);
    } else if (grbit & JET_bitForceNewLog) {
        CALL_R(log_flush(log, LSN_MAX));
        err = log_new_generation(log);
    }
    if (err < 0) sess->inst->errUnavailable = JET_errInstanceUnavailable;   /* as a failed commit flush */
    return err;
}

JET_ERR isam_idle(struct isam_session *sess, JET_GRBIT grbit)
{
    JET_ERR err = JET_errSuccess;
    struct isam_instance *inst = sess->inst;
    /* ESE's ErrIsamIdle: status, else compact (also for no bit), then the buffer bits. */
    if (grbit & JET_bitIdleStatus) {
        /* "More than half full": ESE counts 60% of the smaller of the maximum and the preferred
         * size. */
        size_t cpg = (size_t)param_num(&inst->params, JET_paramPreferredVerPages);
        size_t cpgMax = (size_t)param_num(&inst->params, JET_paramMaxVerPages);
        if (cpgMax < cpg) cpg = cpgMax;
        size_t cbLimit = cpg * (size_t)param_num(&inst->params, JET_paramVerPageSize) / 10 * 6;
        if (__atomic_load_n(&inst->ver_budget.cbUsed, __ATOMIC_RELAXED) > cbLimit) err = JET_wrnIdleFull;
    } else if (grbit == 0 || (grbit & JET_bitIdleCompact)) {
        if (inst->vs) (void)ver_store_clean(inst->vs);
        err = JET_wrnNoIdleActivity;
    }
    if (grbit & JET_bitIdleFlushBuffers) return ERR_TRAP(JET_errInvalidGrbit);
    return err;
}
