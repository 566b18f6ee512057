/* SPDX-License-Identifier: MIT
 * wine-tests/instance.c: instance lifecycle: JetCreateInstance*, JetInit*, JetTerm*,
 * JetEnableMultiInstance, JetStopService*, JetGetInstanceInfo, and the conflicts between the
 * legacy single-instance mode and multi-instance mode. Each START_TEST runs in its own process,
 * because the run mode is process-wide and never goes back. */
#include "test_util.h"

static JET_INSTANCE bogus_instance(void)
{
    return (JET_INSTANCE)(ULONG_PTR)0x13572468;
}

START_TEST(instance_multi)
{
    char dir[MAX_PATH];
    JET_INSTANCE inst, inst2, inst3, inst4;
    JET_SESID sesid;
    JET_ERR err;

    test_make_dir("instance_multi", dir, sizeof dir);

    err = JetCreateInstanceA(NULL, "x");
    ok(err == JET_errInvalidParameter, "JetCreateInstanceA(NULL) returned %ld\n", err);

    inst = 0xcccc;
    err = JetCreateInstanceA(&inst, "test1");
    ok(err == JET_errSuccess, "JetCreateInstanceA returned %ld\n", err);
    ok(inst != 0 && inst != JET_instanceNil, "got instance %#Ix\n", inst);

    inst2 = 0xcccc;
    err = JetCreateInstanceA(&inst2, "test1");
    ok(err == JET_errInstanceNameInUse, "duplicate name: got %ld\n", err);
    ok(inst2 == JET_instanceNil, "on failure the instance is JET_instanceNil, got %#Ix\n", inst2);

    err = JetCreateInstance2W(&inst3, NULL, L"display", 0);
    ok(err == JET_errSuccess, "unnamed instance: got %ld\n", err);
    err = JetCreateInstance2A(&inst4, NULL, NULL, 0);
    ok(err == JET_errInstanceNameInUse, "second unnamed instance: got %ld\n", err);

    /* The legacy calls that imply a single instance are refused now. */
    err = JetInit(NULL);
    ok(err == JET_errRunningInMultiInstanceMode, "JetInit(NULL) returned %ld\n", err);
    err = JetEnableMultiInstanceA(NULL, 0, NULL);
    ok(err == JET_errSystemParamsAlreadySet, "JetEnableMultiInstanceA returned %ld\n", err);
    err = JetStopService();
    ok(err == JET_errRunningInMultiInstanceMode, "JetStopService returned %ld\n", err);

    /* Not initialized yet. */
    err = JetBeginSessionA(inst, &sesid, "", "");
    ok(err == JET_errNotInitialized, "JetBeginSession before JetInit returned %ld\n", err);

    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit returned %ld\n", err);
    err = JetInit(&inst);
    ok(err == JET_errAlreadyInitialized, "second JetInit returned %ld\n", err);

    err = JetBeginSessionA(inst, &sesid, "", "");
    ok(err == JET_errSuccess, "JetBeginSession returned %ld\n", err);
    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);

    /* Bad instance handles. */
    err = JetTerm(bogus_instance());
    ok(err == JET_errInvalidInstance, "JetTerm(bogus) returned %ld\n", err);
    err = JetTerm(0);
    ok(err == JET_errInvalidParameter, "JetTerm(0) returned %ld\n", err);
    err = JetTerm2(JET_instanceNil, JET_bitTermComplete);
    ok(err == JET_errInvalidParameter, "JetTerm2(nil) returned %ld\n", err);

    /* A created, never initialized instance just goes away; its handle dies with it. */
    err = JetTerm(inst3);
    ok(err == JET_errSuccess, "JetTerm(uninitialized) returned %ld\n", err);
    err = JetTerm(inst3);
    ok(err == JET_errInvalidInstance, "JetTerm(terminated) returned %ld\n", err);

    err = JetTerm2(inst, JET_bitTermComplete);
    ok(err == JET_errSuccess, "JetTerm2 returned %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, "", "");
    ok(err == JET_errInvalidInstance, "JetBeginSession after JetTerm returned %ld\n", err);

    /* The name is free again. */
    err = JetCreateInstanceA(&inst, "test1");
    ok(err == JET_errSuccess, "JetCreateInstanceA after term returned %ld\n", err);
    err = JetTerm(inst);
    ok(err == JET_errSuccess, "JetTerm returned %ld\n", err);

    test_remove_dir(dir);
}

START_TEST(instance_legacy)
{
    char dir[MAX_PATH];
    JET_INSTANCE inst = 0, inst2;
    JET_SESID sesid;
    JET_ERR err;

    test_make_dir("instance_legacy", dir, sizeof dir);
    /* In single-instance mode the global parameters are the instance's. */
    test_set_paths(NULL, dir);

    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit returned %ld\n", err);
    ok(inst != 0 && inst != JET_instanceNil, "JetInit gave instance %#Ix\n", inst);

    err = JetInit(NULL);
    ok(err == JET_errAlreadyInitialized, "second JetInit returned %ld\n", err);
    err = JetCreateInstanceA(&inst2, "other");
    ok(err == JET_errRunningInOneInstanceMode, "JetCreateInstance in one-instance mode returned %ld\n", err);
    err = JetEnableMultiInstanceA(NULL, 0, NULL);
    ok(err == JET_errRunningInOneInstanceMode, "JetEnableMultiInstance returned %ld\n", err);

    /* The instance argument is ignored in this mode. */
    err = JetBeginSessionA(0, &sesid, "user", "password");
    ok(err == JET_errSuccess, "JetBeginSession(0) returned %ld\n", err);
    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSession(inst) returned %ld\n", err);

    /* After JetStopService every new call on the instance fails, but the session can end. */
    err = JetStopService();
    ok(err == JET_errSuccess, "JetStopService returned %ld\n", err);
    err = JetBeginSessionA(0, &sesid, NULL, NULL);
    ok(err == JET_errClientRequestToStopJetService, "JetBeginSession after stop returned %ld\n", err);
    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession after stop returned %ld\n", err);

    err = JetTerm(0);
    ok(err == JET_errSuccess, "JetTerm returned %ld\n", err);
    err = JetTerm(0);
    ok(err == JET_errInvalidParameter, "JetTerm with no instance returned %ld\n", err);

    /* With the last instance gone the process is back where it started: the legacy mode can
     * start again, and so can the multi-instance mode. */
    inst = 0;
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit after JetTerm returned %ld\n", err);
    err = JetCreateInstanceA(&inst2, "other");
    ok(err == JET_errRunningInOneInstanceMode, "JetCreateInstance returned %ld\n", err);
    err = JetTerm2(inst, JET_bitTermComplete);
    ok(err == JET_errSuccess, "JetTerm2 returned %ld\n", err);
    err = JetCreateInstanceA(&inst2, "other");
    ok(err == JET_errSuccess, "JetCreateInstance after the last JetTerm returned %ld\n", err);
    err = JetInit(NULL);
    ok(err == JET_errRunningInMultiInstanceMode, "JetInit(NULL) returned %ld\n", err);
    err = JetTerm(inst2);
    ok(err == JET_errSuccess, "JetTerm returned %ld\n", err);

    test_remove_dir(dir);
}

START_TEST(instance_info)
{
    char dir[MAX_PATH];
    JET_INSTANCE inst1, inst2;
    JET_INSTANCE_INFO_A *infoA;
    JET_INSTANCE_INFO_W *infoW;
    unsigned long count, i;
    JET_ERR err;
    int found1 = 0, found2 = 0;

    test_make_dir("instance_info", dir, sizeof dir);

    count = 0xcccc;
    infoA = (JET_INSTANCE_INFO_A *)(ULONG_PTR)0xcccc;
    err = JetGetInstanceInfoA(&count, &infoA);
    ok(err == JET_errSuccess, "JetGetInstanceInfoA with no instance returned %ld\n", err);
    ok(count == 0, "count %lu\n", count);
    ok(infoA == NULL, "info %p\n", infoA);

    err = JetGetInstanceInfoA(NULL, &infoA);
    ok(err == JET_errInvalidParameter, "NULL count: got %ld\n", err);
    err = JetGetInstanceInfoW(&count, NULL);
    ok(err == JET_errInvalidParameter, "NULL info: got %ld\n", err);

    err = JetCreateInstanceA(&inst1, "first");
    ok(err == JET_errSuccess, "JetCreateInstanceA returned %ld\n", err);
    err = JetCreateInstanceW(&inst2, L"second");
    ok(err == JET_errSuccess, "JetCreateInstanceW returned %ld\n", err);
    test_set_paths(&inst1, dir);
    err = JetInit(&inst1);
    ok(err == JET_errSuccess, "JetInit returned %ld\n", err);

    /* Every instance is listed, initialized or not. */
    err = JetGetInstanceInfoA(&count, &infoA);
    ok(err == JET_errSuccess, "JetGetInstanceInfoA returned %ld\n", err);
    ok(count == 2, "count %lu\n", count);
    for (i = 0; i < count; i++) {
        if (infoA[i].hInstanceId == inst1) {
            found1++;
            ok(infoA[i].szInstanceName && !strcmp(infoA[i].szInstanceName, "first"), "name %s\n", infoA[i].szInstanceName);
        }
        if (infoA[i].hInstanceId == inst2) found2++;
        ok(infoA[i].cDatabases == 0, "cDatabases %Iu\n", infoA[i].cDatabases);
    }
    ok(found1 == 1 && found2 == 1, "found %d %d\n", found1, found2);
    err = JetFreeBuffer((char *)infoA);
    ok(err == JET_errSuccess, "JetFreeBuffer returned %ld\n", err);

    err = JetGetInstanceInfoW(&count, &infoW);
    ok(err == JET_errSuccess, "JetGetInstanceInfoW returned %ld\n", err);
    ok(count == 2, "count %lu\n", count);
    for (i = 0; i < count; i++)
        if (infoW[i].hInstanceId == inst2)
            ok(infoW[i].szInstanceName && !lstrcmpW(infoW[i].szInstanceName, L"second"), "wrong name\n");
    JetFreeBuffer((char *)infoW);

    err = JetTerm(inst1);
    ok(err == JET_errSuccess, "JetTerm returned %ld\n", err);
    err = JetTerm(inst2);
    ok(err == JET_errSuccess, "JetTerm returned %ld\n", err);
    err = JetFreeBuffer(NULL);
    ok(err == JET_errSuccess, "JetFreeBuffer(NULL) returned %ld\n", err);
    test_remove_dir(dir);
}

START_TEST(instance_limits)
{
    JET_INSTANCE inst[3];
    JET_ERR err;

    err = JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 2, NULL);
    ok(err == JET_errSuccess, "JET_paramMaxInstances returned %ld\n", err);
    err = JetCreateInstanceA(&inst[0], "a");
    ok(err == JET_errSuccess, "got %ld\n", err);
    err = JetCreateInstanceA(&inst[1], "b");
    ok(err == JET_errSuccess, "got %ld\n", err);
    err = JetCreateInstanceA(&inst[2], "c");
    ok(err == JET_errTooManyInstances, "third instance: got %ld\n", err);
    JetTerm(inst[0]);
    err = JetCreateInstanceA(&inst[2], "c");
    ok(err == JET_errSuccess, "after freeing one: got %ld\n", err);
    JetTerm(inst[1]);
    JetTerm(inst[2]);
}

START_TEST(instance_stop)
{
    char dir[MAX_PATH];
    JET_INSTANCE inst;
    JET_SESID sesid, sesid2;
    JET_ERR err;

    test_make_dir("instance_stop", dir, sizeof dir);
    err = JetCreateInstanceA(&inst, "stop");
    ok(err == JET_errSuccess, "got %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit returned %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "got %ld\n", err);

    err = JetStopServiceInstance2(inst, 0x40000000);
    ok(err == JET_errInvalidGrbit, "unknown grbit: got %ld\n", err);
    /* Background tasks can be stopped and resumed without stopping the instance. */
    err = JetStopServiceInstance2(inst, JET_bitStopServiceBackgroundUserTasks);
    ok(err == JET_errSuccess, "got %ld\n", err);
    err = JetStopServiceInstance2(inst, JET_bitStopServiceResume | JET_bitStopServiceBackgroundUserTasks);
    ok(err == JET_errSuccess, "resume: got %ld\n", err);
    err = JetDupSession(sesid, &sesid2);
    ok(err == JET_errSuccess, "instance still serves: got %ld\n", err);
    JetEndSession(sesid2, 0);

    err = JetStopServiceInstance(inst);
    ok(err == JET_errSuccess, "JetStopServiceInstance returned %ld\n", err);
    err = JetDupSession(sesid, &sesid2);
    ok(err == JET_errClientRequestToStopJetService, "after stop: got %ld\n", err);
    err = JetStopServiceInstance(bogus_instance());
    ok(err == JET_errInvalidInstance, "bogus instance: got %ld\n", err);

    /* JetTerm still works and ends the session the application left open. */
    err = JetTerm(inst);
    ok(err == JET_errSuccess, "JetTerm returned %ld\n", err);
    err = JetEndSession(sesid, 0);
    ok(err == JET_errInvalidSesid, "session of a terminated instance: got %ld\n", err);
    test_remove_dir(dir);
}

START_TEST(instance_term)
{
    char dir[MAX_PATH];
    JET_INSTANCE inst;
    JET_SESID sesid;
    JET_ERR err;

    test_make_dir("instance_term", dir, sizeof dir);
    err = JetCreateInstanceA(&inst, "term");
    ok(err == JET_errSuccess, "got %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit returned %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "got %ld\n", err);
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction returned %ld\n", err);

    /* A complete shutdown refuses while a transaction is open, and the instance stays up. */
    err = JetTerm2(inst, JET_bitTermComplete);
    ok(err == JET_errTooManyActiveUsers, "JetTerm2(complete) with a transaction returned %ld\n", err);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback returned %ld\n", err);

    /* JET_bitTermDirty succeeds but says the databases are left dirty. */
    err = JetTerm2(inst, JET_bitTermDirty);
    ok(err == JET_errDirtyShutdown, "JetTerm2(dirty) returned %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errInvalidInstance, "after term: got %ld\n", err);
    test_remove_dir(dir);
}
