/* SPDX-License-Identifier: MIT
 * api/tests/api_test_util.h: what the api layer's tests share: an instance over an in-memory file
 * system (os_test.h), started through the exports as an application starts one, and the primary
 * index "+id" most of their tables use. Include after cmocka.h. */
#ifndef API_TEST_UTIL_H
#define API_TEST_UTIL_H

#include <stdio.h>
#include <string.h>

#include "api_int.h"
#include "isam_param.h"
#include "os_test.h"

/* A new instance named <szPrefix><n> whose files live in *pvfs (a fresh in-memory file system),
 * with the system, log and temporary paths set to its root; not yet initialized, so the caller
 * may set more parameters before JetInit. */
static inline void api_test_instance_create(const char *szPrefix, struct os_vfs **pvfs, JET_INSTANCE *pinst)
{
    static int cInstances;
    char szName[32];
    struct isam_instance *pi;
    snprintf(szName, sizeof szName, "%s%d", szPrefix, cInstances++);
    /* what the library's load does (dllmain.c), which a static link does not run */
    api_process_attach();
    *pvfs = os_mem_create();
    assert_non_null(*pvfs);
    assert_int_equal(JetCreateInstanceA(pinst, szName), JET_errSuccess);
    assert_int_equal(api_instance_find(*pinst, &pi), JET_errSuccess);
    param_store_set_vfs(&pi->params, *pvfs);
    assert_int_equal(JetSetSystemParameterA(pinst, 0, JET_paramSystemPath, 0, "/"), JET_errSuccess);
    assert_int_equal(JetSetSystemParameterA(pinst, 0, JET_paramLogFilePath, 0, "/"), JET_errSuccess);
    assert_int_equal(JetSetSystemParameterA(pinst, 0, JET_paramTempPath, 0, "/"), JET_errSuccess);
}

/* JetTerm2 (complete) and the file system gone. */
static inline void api_test_instance_destroy(JET_INSTANCE inst, struct os_vfs *vfs)
{
    assert_int_equal(JetTerm2(inst, JET_bitTermComplete), JET_errSuccess);
    os_mem_destroy(vfs);
}

/* JetInit, then two sessions: the first creates the database szDb, the second opens it. */
static inline void api_test_two_sessions(JET_INSTANCE *pinst, const char *szDb, JET_SESID s[2], JET_DBID db[2])
{
    assert_int_equal(JetInit(pinst), JET_errSuccess);
    for (int i = 0; i < 2; i++) assert_int_equal(JetBeginSessionA(*pinst, &s[i], NULL, NULL), JET_errSuccess);
    assert_int_equal(JetCreateDatabaseA(s[0], szDb, NULL, &db[0], 0), JET_errSuccess);
    assert_int_equal(JetOpenDatabaseA(s[1], szDb, NULL, &db[1], 0), JET_errSuccess);
}

/* The reverse: each session's table (t NULL: none) and database closed, the sessions ended,
 * the instance and its file system gone. */
static inline void api_test_two_sessions_end(JET_INSTANCE inst, struct os_vfs *vfs, JET_SESID s[2], JET_DBID db[2],
        JET_TABLEID *t)
{
    for (int i = 0; i < 2; i++) {
        if (t) assert_int_equal(JetCloseTable(s[i], t[i]), JET_errSuccess);
        assert_int_equal(JetCloseDatabase(s[i], db[i], 0), JET_errSuccess);
        assert_int_equal(JetEndSession(s[i], 0), JET_errSuccess);
    }
    api_test_instance_destroy(inst, vfs);
}

/* The primary index "primary" over column id, ascending, density 100. */
static inline JET_INDEXCREATE_A api_test_primary_index(void)
{
    static char szKey[] = "+id\0";
    JET_INDEXCREATE_A idx;
    memset(&idx, 0, sizeof idx);
    idx.cbStruct = sizeof idx;
    idx.szIndexName = (char *)"primary";
    idx.szKey = szKey;
    idx.cbKey = sizeof szKey;
    idx.grbit = JET_bitIndexPrimary;
    idx.ulDensity = 100;
    return idx;
}

#endif /* API_TEST_UTIL_H */
