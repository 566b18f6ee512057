/* SPDX-License-Identifier: MIT
 * wine-tests/sysparam.c: JetSetSystemParameter / JetGetSystemParameter: ids, types, scope
 * (process-wide defaults versus an instance's values) and when a value may change. */
#include "test_util.h"

START_TEST(sysparam_basic)
{
    char dir[MAX_PATH], sz[64];
    JET_INSTANCE inst;
    JET_API_PTR value;
    WCHAR wsz[64];
    JET_ERR err;

    test_make_dir("sysparam_basic", dir, sizeof dir);

    /* Unknown ids. */
    err = JetSetSystemParameterA(NULL, 0, 99999, 0, NULL);
    ok(err == JET_errInvalidParameter, "set of an unknown id: got %ld\n", err);
    err = JetGetSystemParameterA(JET_instanceNil, 0, 99999, &value, NULL, 0);
    ok(err == JET_errInvalidParameter, "get of an unknown id: got %ld\n", err);

    /* A process-wide default, read back through JET_instanceNil, A and W. */
    err = JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "abc");
    ok(err == JET_errSuccess, "JET_paramBaseName: got %ld\n", err);
    memset(sz, 0xcc, sizeof sz);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramBaseName, NULL, sz, sizeof sz);
    ok(err == JET_errSuccess, "get JET_paramBaseName: got %ld\n", err);
    ok(!strcmp(sz, "abc"), "base name %s\n", sz);
    memset(wsz, 0xcc, sizeof wsz);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramBaseName, NULL, wsz, sizeof wsz);
    ok(err == JET_errSuccess, "get JET_paramBaseName (W): got %ld\n", err);
    ok(!lstrcmpW(wsz, L"abc"), "wrong W base name\n");
    /* The base name is exactly three characters. */
    err = JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "ab");
    ok(err == JET_errInvalidParameter, "two-letter base name: got %ld\n", err);

    /* A new instance starts from the process-wide values; its own changes stay its own. */
    err = JetCreateInstanceA(&inst, "sysparam");
    ok(err == JET_errSuccess, "JetCreateInstanceA: got %ld\n", err);
    err = JetGetSystemParameterA(inst, 0, JET_paramBaseName, NULL, sz, sizeof sz);
    ok(err == JET_errSuccess && !strcmp(sz, "abc"), "instance base name: %ld %s\n", err, sz);
    err = JetSetSystemParameterA(&inst, 0, JET_paramBaseName, 0, "xyz");
    ok(err == JET_errSuccess, "instance JET_paramBaseName: got %ld\n", err);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramBaseName, NULL, sz, sizeof sz);
    ok(err == JET_errSuccess && !strcmp(sz, "abc"), "process base name after the instance's change: %ld %s\n", err, sz);

    err = JetSetSystemParameterA(&inst, 0, JET_paramMaxSessions, 33, NULL);
    ok(err == JET_errSuccess, "JET_paramMaxSessions: got %ld\n", err);
    value = 0;
    err = JetGetSystemParameterA(inst, 0, JET_paramMaxSessions, &value, NULL, 0);
    ok(err == JET_errSuccess && value == 33, "JET_paramMaxSessions: %ld, %Iu\n", err, value);

    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: got %ld\n", err);

    /* After JetInit an instance's start-up parameters are fixed. */
    err = JetSetSystemParameterA(&inst, 0, JET_paramMaxSessions, 34, NULL);
    ok(err == JET_errAlreadyInitialized, "JET_paramMaxSessions after JetInit: got %ld\n", err);
    err = JetSetSystemParameterA(&inst, 0, JET_paramBaseName, 0, "efg");
    ok(err == JET_errAlreadyInitialized, "JET_paramBaseName after JetInit: got %ld\n", err);

    /* A garbage instance handle. */
    err = JetGetSystemParameterA((JET_INSTANCE)(ULONG_PTR)0x13572468, 0, JET_paramMaxSessions, &value, NULL, 0);
    ok(err == JET_errInvalidInstance, "garbage instance: got %ld\n", err);

    err = JetTerm(inst);
    ok(err == JET_errSuccess, "JetTerm: got %ld\n", err);
    test_remove_dir(dir);
}
