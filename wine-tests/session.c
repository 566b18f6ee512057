/* SPDX-License-Identifier: MIT
 * wine-tests/session.c: sessions: JetBeginSession*, JetDupSession, JetEndSession, session
 * contexts, sharing a session between threads, JET_paramMaxSessions, JetGetVersion. */
#include "test_util.h"

static JET_INSTANCE inst;
static char dir[MAX_PATH];

static void setup(const char *name, unsigned long max_sessions)
{
    JET_ERR err;
    test_make_dir(name, dir, sizeof dir);
    err = JetCreateInstanceA(&inst, name);
    ok(err == JET_errSuccess, "JetCreateInstanceA returned %ld\n", err);
    test_set_paths(&inst, dir);
    if (max_sessions) {
        err = JetSetSystemParameterA(&inst, 0, JET_paramMaxSessions, max_sessions, NULL);
        ok(err == JET_errSuccess, "JET_paramMaxSessions returned %ld\n", err);
    }
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit returned %ld\n", err);
}

static void teardown(void)
{
    JET_ERR err = JetTerm(inst);
    ok(err == JET_errSuccess, "JetTerm returned %ld\n", err);
    test_remove_dir(dir);
}

START_TEST(session_basic)
{
    JET_SESID sesid, dup;
    JET_ERR err;
    unsigned long version;

    setup("session_basic", 0);

    err = JetBeginSessionA(inst, NULL, NULL, NULL);
    ok(err == JET_errInvalidParameter, "NULL psesid: got %ld\n", err);

    sesid = 0;
    err = JetBeginSessionW(inst, &sesid, L"ignored", L"ignored");
    ok(err == JET_errSuccess, "JetBeginSessionW returned %ld\n", err);
    ok(sesid != 0 && sesid != JET_sesidNil, "sesid %#Ix\n", sesid);

    err = JetDupSession(sesid, &dup);
    ok(err == JET_errSuccess, "JetDupSession returned %ld\n", err);
    ok(dup != sesid && dup != 0 && dup != JET_sesidNil, "dup %#Ix\n", dup);
    err = JetDupSession(sesid, NULL);
    ok(err == JET_errInvalidParameter, "JetDupSession(NULL) returned %ld\n", err);

    version = 0xcccc;
    err = JetGetVersion(sesid, &version);
    ok(err == JET_errSuccess, "JetGetVersion returned %ld\n", err);
    ok((version >> 28) >= 5, "image major version %lu (%#lx)\n", version >> 28, version);
    trace("JetGetVersion: %#lx (%lu.%lu build %lu)\n", version, version >> 28, (version >> 24) & 0xf, (version >> 8) & 0xffff);

    err = JetEndSession(dup, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
    err = JetEndSession(dup, 0);
    ok(err == JET_errInvalidSesid, "second JetEndSession returned %ld\n", err);
    err = JetGetVersion(dup, &version);
    ok(err == JET_errInvalidSesid, "JetGetVersion on an ended session returned %ld\n", err);

    /* Invalid handles. */
    err = JetEndSession(0, 0);
    ok(err == JET_errInvalidSesid, "JetEndSession(0) returned %ld\n", err);
    err = JetEndSession(JET_sesidNil, 0);
    ok(err == JET_errInvalidSesid, "JetEndSession(nil) returned %ld\n", err);
    err = JetGetVersion(JET_sesidNil, &version);
    ok(err == JET_errInvalidSesid, "JetGetVersion(nil) returned %ld\n", err);
    err = JetDupSession((JET_SESID)(ULONG_PTR)0x2468ace0, &dup);
    ok(err == JET_errInvalidSesid, "JetDupSession(bogus) returned %ld\n", err);

    /* JetEndSession rolls back what is still open. */
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction returned %ld\n", err);
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction returned %ld\n", err);
    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession in a transaction returned %ld\n", err);

    teardown();
}

START_TEST(session_limit)
{
    JET_SESID s[3];
    JET_ERR err;

    setup("session_limit", 2);
    err = JetBeginSessionA(inst, &s[0], NULL, NULL);
    ok(err == JET_errSuccess, "got %ld\n", err);
    err = JetBeginSessionA(inst, &s[1], NULL, NULL);
    ok(err == JET_errSuccess, "got %ld\n", err);
    err = JetBeginSessionA(inst, &s[2], NULL, NULL);
    ok(err == JET_errOutOfSessions, "third session: got %ld\n", err);
    err = JetDupSession(s[0], &s[2]);
    ok(err == JET_errOutOfSessions, "JetDupSession past the limit: got %ld\n", err);
    JetEndSession(s[1], 0);
    err = JetDupSession(s[0], &s[2]);
    ok(err == JET_errSuccess, "after ending one: got %ld\n", err);
    teardown();
}

struct thread_arg {
    JET_SESID sesid;
    JET_ERR err, err_reset;
    HANDLE set_done, go_reset;
};

/* Sets the context, waits to be told, then resets it from the same thread. */
static DWORD WINAPI hold_context_thread(void *p)
{
    struct thread_arg *arg = p;
    arg->err = JetSetSessionContext(arg->sesid, 0x9abc);
    SetEvent(arg->set_done);
    WaitForSingleObject(arg->go_reset, INFINITE);
    arg->err_reset = JetResetSessionContext(arg->sesid);
    return 0;
}

static DWORD WINAPI reset_context_thread(void *p)
{
    struct thread_arg *arg = p;
    arg->err = JetResetSessionContext(arg->sesid);
    return 0;
}

static DWORD WINAPI set_context_thread(void *p)
{
    struct thread_arg *arg = p;
    arg->err = JetSetSessionContext(arg->sesid, 0x5678);
    return 0;
}

static void run_thread(LPTHREAD_START_ROUTINE fn, struct thread_arg *arg)
{
    HANDLE h = CreateThread(NULL, 0, fn, arg, 0, NULL);
    WaitForSingleObject(h, INFINITE);
    CloseHandle(h);
}

START_TEST(session_context)
{
    JET_SESID sesid;
    JET_ERR err;
    struct thread_arg arg;

    setup("session_context", 0);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "got %ld\n", err);

    err = JetResetSessionContext(sesid);
    ok(err == JET_errSessionContextNotSetByThisThread, "reset without context: got %ld\n", err);
    err = JetSetSessionContext(sesid, 0);
    ok(err == JET_errInvalidParameter, "context 0: got %ld\n", err);
    err = JetSetSessionContext(sesid, ~(JET_API_PTR)0);
    ok(err == JET_errInvalidParameter, "context ~0: got %ld\n", err);
    err = JetSetSessionContext(sesid, 0x1234);
    ok(err == JET_errSuccess, "JetSetSessionContext returned %ld\n", err);
    err = JetSetSessionContext(sesid, 0x1234);
    ok(err == JET_errSessionContextAlreadySet, "second set: got %ld\n", err);

    /* Another thread can neither take nor drop this thread's context. */
    arg.sesid = sesid;
    run_thread(set_context_thread, &arg);
    ok(arg.err == JET_errSessionContextAlreadySet, "set from another thread: got %ld\n", arg.err);
    run_thread(reset_context_thread, &arg);
    ok(arg.err == JET_errSessionContextNotSetByThisThread, "reset from another thread: got %ld\n", arg.err);

    err = JetResetSessionContext(sesid);
    ok(err == JET_errSuccess, "JetResetSessionContext returned %ld\n", err);

    /* Now another thread may set it, and then this thread cannot end the session. */
    {
        HANDLE thread;
        arg.set_done = CreateEventA(NULL, FALSE, FALSE, NULL);
        arg.go_reset = CreateEventA(NULL, FALSE, FALSE, NULL);
        thread = CreateThread(NULL, 0, hold_context_thread, &arg, 0, NULL);
        WaitForSingleObject(arg.set_done, INFINITE);
        ok(arg.err == JET_errSuccess, "set from another thread after reset: got %ld\n", arg.err);
        err = JetEndSession(sesid, 0);
        ok(err == JET_errSessionInUse, "JetEndSession while another thread holds the context: got %ld\n", err);
        err = JetResetSessionContext(sesid);
        ok(err == JET_errSessionContextNotSetByThisThread, "reset of another thread's context: got %ld\n", err);
        SetEvent(arg.go_reset);
        WaitForSingleObject(thread, INFINITE);
        CloseHandle(thread);
        CloseHandle(arg.set_done);
        CloseHandle(arg.go_reset);
        ok(arg.err_reset == JET_errSuccess, "reset by the owner thread: got %ld\n", arg.err_reset);
    }

    err = JetSetSessionContext(JET_sesidNil, 1);
    ok(err == JET_errInvalidSesid, "nil sesid: got %ld\n", err);
    err = JetResetSessionContext(0);
    ok(err == JET_errInvalidSesid, "zero sesid: got %ld\n", err);

    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
    teardown();
}

/* Two threads call into the API with one session at the same time: the overlapping calls must
 * be refused with JET_errSessionSharingViolation (never a crash or a wrong result), and at
 * least one overlap happens within a few seconds on any machine with two cores. */
struct hammer {
    JET_SESID sesid;
    volatile LONG stop;
    LONG violations, calls;
};

static DWORD WINAPI hammer_thread(void *p)
{
    struct hammer *h = p;
    unsigned long version;
    while (!h->stop) {
        JET_ERR err = JetGetVersion(h->sesid, &version);
        InterlockedIncrement(&h->calls);
        if (err == JET_errSessionSharingViolation) InterlockedIncrement(&h->violations);
        else if (err != JET_errSuccess) {
            ok(0, "JetGetVersion from a second thread returned %ld\n", err);
            break;
        }
    }
    return 0;
}

START_TEST(session_sharing)
{
    struct hammer h;
    HANDLE threads[2];
    DWORD start;
    JET_ERR err;

    setup("session_sharing", 0);
    memset(&h, 0, sizeof h);
    err = JetBeginSessionA(inst, &h.sesid, NULL, NULL);
    ok(err == JET_errSuccess, "got %ld\n", err);
    threads[0] = CreateThread(NULL, 0, hammer_thread, &h, 0, NULL);
    threads[1] = CreateThread(NULL, 0, hammer_thread, &h, 0, NULL);
    start = GetTickCount();
    while (h.violations == 0 && GetTickCount() - start < 5000) Sleep(1);
    h.stop = 1;
    WaitForMultipleObjects(2, threads, TRUE, INFINITE);
    CloseHandle(threads[0]);
    CloseHandle(threads[1]);
    ok(h.violations > 0, "no JET_errSessionSharingViolation in %ld overlapping calls\n", h.calls);
    err = JetEndSession(h.sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
    teardown();
}
