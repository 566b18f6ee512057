/* SPDX-License-Identifier: MIT
 * tests/stress/test_bank_api.c: issue 5's stress test through the product's record API (the
 * exported Jet* functions, linked in): accounts are records of a table (id primary, bal, and esc,
 * an escrow column; an account holds bal + esc). Transfer threads, each with its own session,
 * move money in transactions: the debit at level 1, the credit at level 2 (sometimes rolled back
 * and redone at a new level 2), by JetPrepareUpdate/JetSetColumn/JetUpdate on bal or by
 * JetEscrowUpdate on esc; then a lazy or durable commit, or a random rollback of everything.
 * Write conflicts are answered by rolling back, as an application would. Reader threads sum every
 * account twice per transaction (forwards, then backwards) and must find the initial total both
 * times. Then: the total after the run, and every version cleaned up; and a power cut in the
 * middle of a run (os_crash, with torn writes) recovers, through JetInit, to the same total.
 *
 * Every transfer also counts itself, at level 1, in the one record of table "tally" by a
 * JetEscrowUpdate with JET_bitEscrowNoRollback: a delta that no rollback takes back, so the tally
 * ends equal to the number of those calls that succeeded, rolled back or not. Nothing else
 * writes that record (a replace's rollback would take such deltas away with its before image,
 * as ESE's does), and its key is among the accounts', so its deltas and the accounts' replaces
 * and rollbacks share node locks (isam_ver_delta_lock).
 *
 * STRESS_SECONDS sets each run's length (default 2: CI); build with -DESENT_TSAN=ON for data
 * races. Over os_mem (the disk's speed does not matter), reached by setting the instance's file
 * system between JetCreateInstance and JetInit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "api_int.h"
#include "isam_param.h"
#include "os_test.h"
#include "debug.h"

#define NACC 64
#define INITIAL 1000
#define NTRANSFER 6
#define NREADER 3
#define NTHREAD (NTRANSFER + NREADER)

/* cmocka's asserts cannot leave a worker thread: report and abort. */
#define TCHECK(x, err) do { if (!(x)) { fprintf(stderr, "%s:%d: %s failed (err %ld)\n", __FILE__, __LINE__, #x, (long)(err)); abort(); } } while (0)

struct bank {
    JET_INSTANCE inst;
    JET_SESID sesid;                /* the main thread's */
    JET_DBID dbid;
    JET_COLUMNID colId, colBal, colEsc, colTally;
    int fStop;                      /* atomic: 1 stop between transactions, 2 stop anywhere */
    uint64_t cCommit, cConflict, cRollback, cRead, cEscrow, cTally;  /* atomic */
};

struct worker {
    struct bank *b;
    JET_SESID sesid;
    JET_DBID dbid;
    JET_TABLEID t, tTally;
    unsigned seed;
    bool fReader;
};

static const char szDb[] = "/bank.edb";

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static JET_ERR bank_start(struct bank *b, struct os_vfs *vfs, bool fCreate)
{
    JET_ERR err;
    struct isam_instance *pinst;
    static int cInstances;
    char szName[32];
    snprintf(szName, sizeof szName, "bank%d", cInstances++);
    b->inst = JET_instanceNil;
    api_process_attach();       /* what the library's load does (dllmain.c); a static link does not */
    CALL_R(JetCreateInstanceA(&b->inst, szName));
    /* the test's file system: between creation and JetInit, before any path is resolved */
    CALL_R(api_instance_find(b->inst, &pinst));
    param_store_set_vfs(&pinst->params, vfs);
    CALL_R(JetSetSystemParameterA(&b->inst, 0, JET_paramSystemPath, 0, "/"));
    CALL_R(JetSetSystemParameterA(&b->inst, 0, JET_paramLogFilePath, 0, "/"));
    CALL_R(JetSetSystemParameterA(&b->inst, 0, JET_paramTempPath, 0, "/"));
    CALL_R(JetSetSystemParameterA(&b->inst, 0, JET_paramLogFileSize, 1024, NULL));
    CALL_R(JetSetSystemParameterA(&b->inst, 0, JET_paramMaxSessions, 64, NULL));
    CALL_R(JetSetSystemParameterA(&b->inst, 0, JET_paramNoInformationEvent, 1, NULL));
    CALL_R(JetInit(&b->inst));
    CALL_R(JetBeginSessionA(b->inst, &b->sesid, NULL, NULL));
    if (fCreate) {
        CALL_R(JetCreateDatabaseA(b->sesid, szDb, NULL, &b->dbid, 0));
    } else {
        CALL_R(JetAttachDatabaseA(b->sesid, szDb, 0));
        CALL_R(JetOpenDatabaseA(b->sesid, szDb, NULL, &b->dbid, 0));
    }
    return JET_errSuccess;
}

static JET_ERR bank_columns(struct bank *b)
{
    JET_ERR err;
    JET_TABLEID t;
    JET_COLUMNDEF cd;
    CALL_R(JetOpenTableA(b->sesid, b->dbid, "acct", NULL, 0, 0, &t));
    CALL_R(JetGetTableColumnInfoA(b->sesid, t, "id", &cd, sizeof cd, JET_ColInfo));
    b->colId = cd.columnid;
    CALL_R(JetGetTableColumnInfoA(b->sesid, t, "bal", &cd, sizeof cd, JET_ColInfo));
    b->colBal = cd.columnid;
    CALL_R(JetGetTableColumnInfoA(b->sesid, t, "esc", &cd, sizeof cd, JET_ColInfo));
    b->colEsc = cd.columnid;
    CALL_R(JetCloseTable(b->sesid, t));
    CALL_R(JetOpenTableA(b->sesid, b->dbid, "tally", NULL, 0, 0, &t));
    CALL_R(JetGetTableColumnInfoA(b->sesid, t, "n", &cd, sizeof cd, JET_ColInfo));
    b->colTally = cd.columnid;
    return JetCloseTable(b->sesid, t);
}

/* Table "tally": one record (id 7), n an escrow column at 0 (a 64-bit one needs a newer format
 * than the default: JET_errEngineFormatVersionParamTooLowForRequestedFeature). */
/* Table szName of ccol columns, the first ("id") its primary key; its tableid. */
static JET_TABLEID create_table(struct bank *b, const char *szName, JET_COLUMNCREATE_A *rgc, ESENT_ULONG ccol,
                                ESENT_ULONG cpg)
{
    char szKey[] = "+id\0";
    JET_INDEXCREATE_A idx;
    JET_TABLECREATE_A tc;
    memset(&idx, 0, sizeof idx);
    idx.cbStruct = sizeof idx;
    idx.szIndexName = (char *)"primary";
    idx.szKey = szKey;
    idx.cbKey = sizeof szKey;
    idx.grbit = JET_bitIndexPrimary;
    idx.ulDensity = 80;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)szName;
    tc.ulPages = cpg;
    tc.ulDensity = 80;
    tc.rgcolumncreate = rgc;
    tc.cColumns = ccol;
    tc.rgindexcreate = &idx;
    tc.cIndexes = 1;
    assert_int_equal(JetCreateTableColumnIndexA(b->sesid, b->dbid, &tc), JET_errSuccess);
    return tc.tableid;
}

static void tally_create(struct bank *b)
{
    static const int32_t lZero = 0;
    static const int32_t id = 7;
    JET_COLUMNCREATE_A rgc[2] = {
        { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"n", JET_coltypLong, 0, JET_bitColumnEscrowUpdate | JET_bitColumnFixed,
          (void *)&lZero, sizeof lZero, 0, 0, 0 },
    };
    const JET_TABLEID t = create_table(b, "tally", rgc, 2, 1);
    b->colTally = rgc[1].columnid;
    assert_int_equal(JetBeginTransaction(b->sesid), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(b->sesid, t, JET_prepInsert), JET_errSuccess);
    assert_int_equal(JetSetColumn(b->sesid, t, rgc[0].columnid, &id, sizeof id, 0, NULL), JET_errSuccess);
    assert_int_equal(JetUpdate(b->sesid, t, NULL, 0, NULL), JET_errSuccess);
    assert_int_equal(JetCommitTransaction(b->sesid, 0), JET_errSuccess);
    assert_int_equal(JetCloseTable(b->sesid, t), JET_errSuccess);
}

/* The tally as a fresh transaction reads it. */
static int64_t tally_read(struct bank *b)
{
    JET_TABLEID t;
    int32_t n = -1;
    ESENT_ULONG cb = 0;
    assert_int_equal(JetOpenTableA(b->sesid, b->dbid, "tally", NULL, 0, 0, &t), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(b->sesid), JET_errSuccess);
    assert_int_equal(JetMove(b->sesid, t, JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(JetRetrieveColumn(b->sesid, t, b->colTally, &n, sizeof n, &cb, 0, NULL), JET_errSuccess);
    assert_int_equal(cb, sizeof n);
    assert_int_equal(JetCommitTransaction(b->sesid, 0), JET_errSuccess);
    assert_int_equal(JetCloseTable(b->sesid, t), JET_errSuccess);
    return n;
}

/* The accounts, committed durably. */
static void bank_create(struct bank *b, struct os_vfs *vfs)
{
    static const int32_t lZero = 0;
    JET_COLUMNCREATE_A rgc[3] = {
        { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"bal", JET_coltypLongLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"esc", JET_coltypLong, 0, JET_bitColumnEscrowUpdate | JET_bitColumnFixed,
          (void *)&lZero, sizeof lZero, 0, 0, 0 },
    };
    assert_int_equal(bank_start(b, vfs, true), JET_errSuccess);
    const JET_TABLEID t = create_table(b, "acct", rgc, 3, 4);
    b->colId = rgc[0].columnid;
    b->colBal = rgc[1].columnid;
    b->colEsc = rgc[2].columnid;
    assert_int_equal(JetBeginTransaction(b->sesid), JET_errSuccess);
    for (int32_t k = 0; k < NACC; k++) {
        const long long bal = INITIAL;
        assert_int_equal(JetPrepareUpdate(b->sesid, t, JET_prepInsert), JET_errSuccess);
        assert_int_equal(JetSetColumn(b->sesid, t, b->colId, &k, sizeof k, 0, NULL), JET_errSuccess);
        assert_int_equal(JetSetColumn(b->sesid, t, b->colBal, &bal, sizeof bal, 0, NULL), JET_errSuccess);
        assert_int_equal(JetUpdate(b->sesid, t, NULL, 0, NULL), JET_errSuccess);
    }
    assert_int_equal(JetCommitTransaction(b->sesid, 0), JET_errSuccess);
    assert_int_equal(JetCloseTable(b->sesid, t), JET_errSuccess);
    tally_create(b);
}

static JET_ERR seek(JET_SESID sesid, JET_TABLEID t, int32_t k)
{
    JET_ERR err;
    CALL_R(JetMakeKey(sesid, t, &k, sizeof k, JET_bitNewKey));
    return JetSeek(sesid, t, JET_bitSeekEQ);
}

/* The current record's balance (bal + esc); grbit JET_bitRetrieveCopy inside an update. */
static JET_ERR balance(struct bank *b, JET_SESID sesid, JET_TABLEID t, JET_GRBIT grbit, long long *pbal, int32_t *pesc)
{
    JET_ERR err;
    long long bal = 0;
    int32_t esc = 0;
    ESENT_ULONG cb = 0;
    CALL_R(JetRetrieveColumn(sesid, t, b->colBal, &bal, sizeof bal, &cb, grbit, NULL));
    TCHECK(err == JET_errSuccess && cb == sizeof bal, err);
    CALL_R(JetRetrieveColumn(sesid, t, b->colEsc, &esc, sizeof esc, &cb, grbit, NULL));
    TCHECK(err == JET_errSuccess && cb == sizeof esc, err);
    *pbal = bal + esc;
    if (pesc) *pesc = esc;
    return JET_errSuccess;
}

/* Account k gains d: an escrow delta, or a replace of bal. */
static JET_ERR add(struct worker *w, int32_t k, int32_t d)
{
    JET_ERR err;
    struct bank *b = w->b;
    CALL_R(seek(w->sesid, w->t, k));
    if (rnd(&w->seed) % 3 == 0) {
        __atomic_add_fetch(&b->cEscrow, 1, __ATOMIC_RELAXED);
        return JetEscrowUpdate(w->sesid, w->t, b->colEsc, &d, sizeof d, NULL, 0, NULL, 0);
    }
    CALL_R(JetPrepareUpdate(w->sesid, w->t, JET_prepReplace));
    long long total;
    int32_t esc;
    err = balance(b, w->sesid, w->t, JET_bitRetrieveCopy, &total, &esc);
    if (err >= 0) {
        const long long bal = total - esc + d;
        err = JetSetColumn(w->sesid, w->t, b->colBal, &bal, sizeof bal, 0, NULL);
    }
    if (err >= 0) err = JetUpdate(w->sesid, w->t, NULL, 0, NULL);
    if (err < 0) {
        const JET_ERR errT = JetPrepareUpdate(w->sesid, w->t, JET_prepCancel);
        TCHECK(errT >= 0, errT);
    }
    return err;
}

static bool stop_now(struct worker *w, int level)
{
    return __atomic_load_n(&w->b->fStop, __ATOMIC_ACQUIRE) >= level;
}

static void expect_transient(struct worker *w, JET_ERR err)
{
    /* A full version store is an answer too (a stalled transaction holds cleanup back). */
    TCHECK(err == JET_errWriteConflict || err == JET_errVersionStoreOutOfMemory, err);
    if (err == JET_errWriteConflict) __atomic_add_fetch(&w->b->cConflict, 1, __ATOMIC_RELAXED);
}

/* One transfer. Returns false when told to stop anywhere. */
static bool transfer(struct worker *w)
{
    JET_ERR err;
    struct bank *b = w->b;
    const int32_t from = (int32_t)(rnd(&w->seed) % NACC), to = (int32_t)(rnd(&w->seed) % NACC);
    const int32_t amount = (int32_t)(rnd(&w->seed) % 100);
    TCHECK(JetBeginTransaction(w->sesid) >= 0, 0);
    int32_t one = 1;
    err = JetEscrowUpdate(w->sesid, w->tTally, b->colTally, &one, sizeof one, NULL, 0, NULL, JET_bitEscrowNoRollback);
    /* counted before a stop anywhere returns: the power-cut test's bound needs every one made */
    if (err == JET_errSuccess) __atomic_add_fetch(&b->cTally, 1, __ATOMIC_RELAXED);
    if (stop_now(w, 2)) return false;
    TCHECK(err == JET_errSuccess, err);
    err = add(w, from, -amount);
    if (stop_now(w, 2)) return false;
    if (err >= 0) {
        TCHECK(JetBeginTransaction(w->sesid) >= 0, 0);
        err = add(w, to, amount);
        if (err >= 0 && rnd(&w->seed) % 4 == 0) {
            TCHECK(JetRollback(w->sesid, 0) >= 0, 0);
            if (stop_now(w, 2)) return false;
            TCHECK(JetBeginTransaction(w->sesid) >= 0, 0);
            err = add(w, to, amount);
        }
        if (err >= 0) err = JetCommitTransaction(w->sesid, 0);     /* level 2 into 1 */
        else TCHECK(JetRollback(w->sesid, 0) >= 0, 0);
    }
    if (stop_now(w, 2)) return false;
    if (err < 0 || rnd(&w->seed) % 8 == 0) {
        if (err < 0) expect_transient(w, err);
        TCHECK(JetRollback(w->sesid, JET_bitRollbackAll) >= 0, 0);
        __atomic_add_fetch(&b->cRollback, 1, __ATOMIC_RELAXED);
    } else {
        err = JetCommitTransaction(w->sesid, rnd(&w->seed) % 4 ? JET_bitCommitLazyFlush : 0);
        if (stop_now(w, 2)) return false;
        TCHECK(err >= 0, err);
        __atomic_add_fetch(&b->cCommit, 1, __ATOMIC_RELAXED);
    }
    return true;
}

/* The sum of every account in w's transaction, walking forwards or backwards. */
static bool sum_accounts(struct worker *w, bool fBackwards, long long *psum)
{
    long long sum = 0, bal;
    long c = 0;
    JET_ERR err = JetMove(w->sesid, w->t, fBackwards ? JET_MoveLast : JET_MoveFirst, 0);
    while (err == JET_errSuccess) {
        if (stop_now(w, 2)) return false;
        err = balance(w->b, w->sesid, w->t, 0, &bal, NULL);
        TCHECK(err >= 0, err);
        sum += bal;
        c++;
        err = JetMove(w->sesid, w->t, fBackwards ? JET_MovePrevious : JET_MoveNext, 0);
    }
    if (stop_now(w, 2)) return false;
    TCHECK(err == JET_errNoCurrentRecord, err);
    TCHECK(c == NACC, c);
    *psum = sum;
    return true;
}

static bool audit(struct worker *w)
{
    long long sum1 = 0, sum2 = 0;
    TCHECK(JetBeginTransaction(w->sesid) >= 0, 0);
    if (!sum_accounts(w, false, &sum1)) return false;
    os_sleep_ms(0);
    if (!sum_accounts(w, true, &sum2)) return false;
    if (sum1 != (long long)NACC * INITIAL || sum2 != sum1) {
        fprintf(stderr, "reader saw %lld then %lld, expected %lld\n", sum1, sum2, (long long)NACC * INITIAL);
        abort();
    }
    TCHECK(JetCommitTransaction(w->sesid, JET_bitCommitLazyFlush) >= 0, 0);
    __atomic_add_fetch(&w->b->cRead, 1, __ATOMIC_RELAXED);
    return true;
}

static void worker_main(void *pv)
{
    struct worker *w = pv;
    /* Each thread's session, database and cursor are its own (a transaction belongs to the
     * thread that began it). */
    TCHECK(JetBeginSessionA(w->b->inst, &w->sesid, NULL, NULL) >= 0, 0);
    TCHECK(JetOpenDatabaseA(w->sesid, szDb, NULL, &w->dbid, 0) >= 0, 0);
    TCHECK(JetOpenTableA(w->sesid, w->dbid, "acct", NULL, 0, 0, &w->t) >= 0, 0);
    TCHECK(JetOpenTableA(w->sesid, w->dbid, "tally", NULL, 0, 0, &w->tTally) >= 0, 0);
    TCHECK(JetMove(w->sesid, w->tTally, JET_MoveFirst, 0) >= 0, 0);
    while (!stop_now(w, 1)) {
        if (!(w->fReader ? audit(w) : transfer(w))) return;
    }
    TCHECK(JetCloseTable(w->sesid, w->tTally) >= 0, 0);
    TCHECK(JetCloseTable(w->sesid, w->t) >= 0, 0);
    TCHECK(JetCloseDatabase(w->sesid, w->dbid, 0) >= 0, 0);
    TCHECK(JetEndSession(w->sesid, 0) >= 0, 0);
    w->sesid = JET_sesidNil;
}

static uint32_t stress_ms(void)
{
    const char *env = getenv("STRESS_SECONDS");
    double s = env ? atof(env) : 2.0;
    return (uint32_t)(s > 0 ? s * 1000.0 : 2000.0);
}

/* Run the workers for ms; fStopAnywhere: leave them wherever they are (a crash follows, and
 * their sessions stay open). */
static void run_workers(struct bank *b, uint32_t ms, bool fStopAnywhere, struct worker *w)
{
    struct os_thread *th[NTHREAD];
    for (int i = 0; i < NTHREAD; i++) {
        w[i].b = b;
        w[i].seed = 4242u + 31u * (unsigned)i;
        w[i].fReader = i >= NTRANSFER;
        w[i].sesid = JET_sesidNil;
    }
    for (int i = 0; i < NTHREAD; i++) assert_int_equal(os_thread_create(&th[i], worker_main, &w[i]), JET_errSuccess);
    os_sleep_ms(ms);
    __atomic_store_n(&b->fStop, fStopAnywhere ? 2 : 1, __ATOMIC_RELEASE);
    for (int i = 0; i < NTHREAD; i++) os_thread_join(th[i]);
    print_message("%llu transfers committed, %llu rolled back (%llu write conflicts), %llu escrow deltas, %llu audits, "
                  "%llu tallied\n",
                  (unsigned long long)b->cCommit, (unsigned long long)b->cRollback, (unsigned long long)b->cConflict,
                  (unsigned long long)b->cEscrow, (unsigned long long)b->cRead, (unsigned long long)b->cTally);
}

/* The committed total and the number of accounts, read by a fresh transaction. */
static void check_bank(struct bank *b)
{
    struct worker w = { b, b->sesid, b->dbid, JET_tableidNil, JET_tableidNil, 0, true };
    long long sum = 0;
    assert_int_equal(JetOpenTableA(b->sesid, b->dbid, "acct", NULL, 0, 0, &w.t), JET_errSuccess);
    assert_int_equal(JetBeginTransaction(b->sesid), JET_errSuccess);
    assert_true(sum_accounts(&w, false, &sum));
    assert_int_equal(JetCommitTransaction(b->sesid, 0), JET_errSuccess);
    assert_int_equal(JetCloseTable(b->sesid, w.t), JET_errSuccess);
    assert_int_equal(sum, (long long)NACC * INITIAL);
}

static void bank_stop(struct bank *b)
{
    assert_int_equal(JetCloseDatabase(b->sesid, b->dbid, 0), JET_errSuccess);
    assert_int_equal(JetEndSession(b->sesid, 0), JET_errSuccess);
    assert_int_equal(JetTerm2(b->inst, JET_bitTermComplete), JET_errSuccess);
}

static void test_bank_api_total_never_changes_within_a_transaction(void **state)
{
    (void)state;
    struct os_vfs *mem = os_mem_create();
    struct bank *b = calloc(1, sizeof *b);
    struct worker w[NTHREAD];
    memset(w, 0, sizeof w);
    bank_create(b, mem);
    run_workers(b, stress_ms(), false, w);
    assert_true(b->cCommit > 0 && b->cRead > 0 && b->cEscrow > 0 && b->cRollback > 0);
    check_bank(b);
    /* every tally delta stayed, those of the rolled-back transfers too */
    assert_int_equal(tally_read(b), (int64_t)b->cTally);
    /* Nobody is in a transaction: cleanup frees every version. */
    struct isam_instance *pinst;
    assert_int_equal(api_instance_find(b->inst, &pinst), JET_errSuccess);
    assert_int_equal(JetIdle(b->sesid, JET_bitIdleCompact), JET_wrnNoIdleActivity);
    struct ver_store_stats st;
    ver_store_get_stats(pinst->vs, &st);
    assert_int_equal(st.cVersions, 0);
    bank_stop(b);
    free(b);
    os_mem_destroy(mem);
}

static void test_bank_api_power_cut_mid_run_recovers_the_total(void **state)
{
    (void)state;
    struct os_vfs *mem = os_mem_create();
    struct os_vfs *crash = os_crash_create(mem, 512);
    struct bank *b = calloc(1, sizeof *b);
    struct worker w[NTHREAD];
    memset(w, 0, sizeof w);
    bank_create(b, crash);
    uint32_t ms = stress_ms() / 2;
    run_workers(b, ms ? ms : 1, true, w);
    const uint64_t cTally = __atomic_load_n(&b->cTally, __ATOMIC_RELAXED);
    /* The power goes with transactions open everywhere: unsynced writes are kept, dropped or
     * torn (STRESS_CRASH_TEAR=0: dropped whole), and the process "dies": the instance ends
     * dirty with every session as it was (JET_bitTermDirty undoes nothing: recovery does).
     * Tearing is the default since 40 torn runs in a row passed twice on 2026-11-30, the second
     * time after the escrow fix of that day (before redo passed over deltas meeting a torn page,
     * cache/README.md "Redo", about one run in five recovered to JET_errReadVerifyFailure). */
    const char *szTear = getenv("STRESS_CRASH_TEAR");
    const bool fTear = !szTear || atoi(szTear) != 0;
    assert_int_equal(os_crash_simulate(crash, fTear ? OS_CRASH_RANDOM : OS_CRASH_DROP_ALL, 77), JET_errSuccess);
    for (int i = 0; i < NTHREAD; i++)
        if (w[i].sesid != JET_sesidNil) (void)JetEndSession(w[i].sesid, 0);
    (void)JetEndSession(b->sesid, 0);
    (void)JetTerm2(b->inst, JET_bitTermDirty);
    os_crash_destroy(crash);
    memset(b, 0, sizeof *b);
    /* JetInit recovers; the database attaches as it was at its last durable commit */
    assert_int_equal(bank_start(b, mem, false), JET_errSuccess);
    assert_int_equal(bank_columns(b), JET_errSuccess);
    check_bank(b);
    /* the tally's deltas are redone as far as the log went: no more than were made */
    const int64_t n = tally_read(b);
    assert_true(n >= 0 && n <= (int64_t)cTally);
    bank_stop(b);
    free(b);
    os_mem_destroy(mem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bank_api_total_never_changes_within_a_transaction),
        cmocka_unit_test(test_bank_api_power_cut_mid_run_recovers_the_total),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
