/* SPDX-License-Identifier: MIT
 * wine-tests/txn.c: transactions without data: nesting, the commit flush requests
 * (JET_bitWaitLastLevel0Commit, JET_bitWaitAllLevel0Commit, JET_bitForceNewLog), JetIdle,
 * JetGetThreadStats and JetGetSessionInfo (exported, not in the SDK header). */
#include "test_util.h"

static JET_INSTANCE inst;
static char dir[MAX_PATH];

/* ESE's JET_SESSIONINFO (jethdr.w), level JET_SessionInfo = 0. */
typedef struct {
    unsigned long ulTrxBegin0;
    unsigned long ulTrxLevel;
    unsigned long ulProcid;
    unsigned long ulFlags;
    JET_API_PTR ulTrxContext;
} SESSIONINFO;
typedef JET_ERR (JET_API *PFN_GETSESSIONINFO)(JET_SESID, void *, unsigned long, unsigned long);

static void setup(const char *name)
{
    JET_ERR err;
    test_make_dir(name, dir, sizeof dir);
    err = JetCreateInstanceA(&inst, name);
    ok(err == JET_errSuccess, "JetCreateInstanceA returned %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit returned %ld\n", err);
}

static void teardown(void)
{
    JET_ERR err = JetTerm(inst);
    ok(err == JET_errSuccess, "JetTerm returned %ld\n", err);
    test_remove_dir(dir);
}

START_TEST(txn_nesting_and_flush_requests)
{
    JET_SESID sesid;
    JET_ERR err;
    JET_COMMIT_ID id;
    int i;

    setup("txn_nesting");
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA returned %ld\n", err);

    for (i = 0; i < 7; i++) {
        err = JetBeginTransaction(sesid);
        ok(err == JET_errSuccess, "level %d: JetBeginTransaction returned %ld\n", i + 1, err);
    }
    err = JetBeginTransaction(sesid);
    ok(err == JET_errTransTooDeep, "level 8: got %ld\n", err);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback returned %ld\n", err);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "inner commit returned %ld\n", err);
    err = JetRollback(sesid, JET_bitRollbackAll);
    ok(err == JET_errSuccess, "JetRollback(all) returned %ld\n", err);
    err = JetRollback(sesid, 0);
    ok(err == JET_errNotInTransaction, "rollback outside: got %ld\n", err);

    /* The flush requests work outside a transaction and take no other bit. */
    err = JetCommitTransaction(sesid, JET_bitWaitLastLevel0Commit);
    ok(err == JET_errSuccess, "WaitLastLevel0Commit returned %ld\n", err);
    err = JetCommitTransaction(sesid, JET_bitWaitAllLevel0Commit);
    ok(err == JET_errSuccess, "WaitAllLevel0Commit returned %ld\n", err);
    err = JetCommitTransaction(sesid, JET_bitWaitAllLevel0Commit | JET_bitCommitLazyFlush);
    ok(err == JET_errInvalidGrbit, "WaitAll | Lazy: got %ld\n", err);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errNotInTransaction, "commit outside: got %ld\n", err);

    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction returned %ld\n", err);
    memset(&id, 0xcc, sizeof id);
    err = JetCommitTransaction2(sesid, JET_bitCommitLazyFlush, 0, &id);
    ok(err == JET_errSuccess, "JetCommitTransaction2 returned %ld\n", err);
    err = JetCommitTransaction(sesid, JET_bitWaitLastLevel0Commit);
    ok(err == JET_errSuccess, "WaitLastLevel0Commit after a lazy commit returned %ld\n", err);

    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
    teardown();
}

START_TEST(txn_idle_stats_and_session_info)
{
    JET_SESID sesid;
    JET_ERR err;
    JET_THREADSTATS ts;
    SESSIONINFO si;
    PFN_GETSESSIONINFO pGetSessionInfo;

    setup("txn_idle");
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA returned %ld\n", err);

    /* JetIdle: cleanup (no bit, compact) answers "no idle activity"; status is success while
     * the version store is nearly empty; flushing buffers is reserved. */
    err = JetIdle(sesid, 0);
    ok(err == JET_wrnNoIdleActivity, "JetIdle(0) returned %ld\n", err);
    err = JetIdle(sesid, JET_bitIdleCompact);
    ok(err == JET_wrnNoIdleActivity, "JetIdle(compact) returned %ld\n", err);
    err = JetIdle(sesid, JET_bitIdleStatus);
    ok(err == JET_errSuccess, "JetIdle(status) returned %ld\n", err);
    err = JetIdle(sesid, JET_bitIdleFlushBuffers);
    ok(err == JET_errInvalidGrbit, "JetIdle(flush buffers) returned %ld\n", err);

    /* JetGetThreadStats: at least the first layout; cbStruct says how much was filled. */
    memset(&ts, 0xcc, sizeof ts);
    err = JetGetThreadStats(&ts, sizeof ts - 1);
    ok(err == JET_errBufferTooSmall, "short buffer: got %ld\n", err);
    err = JetGetThreadStats(&ts, sizeof ts);
    ok(err == JET_errSuccess, "JetGetThreadStats returned %ld\n", err);
    ok(ts.cbStruct == sizeof ts, "cbStruct %lu\n", ts.cbStruct);

    pGetSessionInfo = (PFN_GETSESSIONINFO)(void *)GetProcAddress(GetModuleHandleA("esent.dll"), "JetGetSessionInfo");
    ok(pGetSessionInfo != NULL, "JetGetSessionInfo is not exported\n");
    if (pGetSessionInfo) {
        memset(&si, 0xcc, sizeof si);
        err = pGetSessionInfo(sesid, &si, sizeof si, 0);
        ok(err == JET_errSuccess, "JetGetSessionInfo returned %ld\n", err);
        ok(si.ulTrxLevel == 0, "level outside a transaction: %lu\n", si.ulTrxLevel);
        err = JetBeginTransaction(sesid);
        ok(err == JET_errSuccess, "JetBeginTransaction returned %ld\n", err);
        err = JetBeginTransaction(sesid);
        ok(err == JET_errSuccess, "JetBeginTransaction returned %ld\n", err);
        err = pGetSessionInfo(sesid, &si, sizeof si, 0);
        ok(err == JET_errSuccess, "JetGetSessionInfo returned %ld\n", err);
        ok(si.ulTrxLevel == 2, "level %lu\n", si.ulTrxLevel);
        ok(si.ulTrxBegin0 != 0, "begin time 0 in a transaction\n");
        err = JetRollback(sesid, JET_bitRollbackAll);
        ok(err == JET_errSuccess, "JetRollback returned %ld\n", err);
        err = pGetSessionInfo(sesid, &si, sizeof si - 1, 0);
        ok(err == JET_errBufferTooSmall, "short buffer: got %ld\n", err);
        err = pGetSessionInfo(sesid, &si, sizeof si, 1);
        ok(err == JET_errInvalidParameter, "level 1: got %ld\n", err);
    }

    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
    teardown();
}
