/* SPDX-License-Identifier: MIT
 * wine-tests/test_util.h: helpers shared by the conformance tests: a fresh temporary folder per
 * test, an instance whose files all go there (so a test never writes into the current directory,
 * which is where Windows' defaults would put edb.log and edb.chk), the data tests' instance,
 * session and database, a table with a primary index, and index key strings. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "esent.h"
#include "wine_test.h"

/* Creates %TEMP%\esent-<name>-<pid>\ and returns it with a trailing backslash. */
static inline void test_make_dir(const char *name, char *dir, size_t cb)
{
    char tmp[MAX_PATH];
    GetTempPathA(sizeof tmp, tmp);
    snprintf(dir, cb, "%sesent-%s-%lu\\", tmp, name, (unsigned long)GetCurrentProcessId());
    CreateDirectoryA(dir, NULL);
}

/* Deletes every file in dir (one level) and the folder itself. */
static inline void test_remove_dir(const char *dir)
{
    char pattern[MAX_PATH], path[MAX_PATH];
    WIN32_FIND_DATAA fd;
    snprintf(pattern, sizeof pattern, "%s*", dir);
    HANDLE h = FindFirstFileA(pattern, &fd);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            if (!strcmp(fd.cFileName, ".") || !strcmp(fd.cFileName, "..")) continue;
            snprintf(path, sizeof path, "%s%s", dir, fd.cFileName);
            DeleteFileA(path);
        } while (FindNextFileA(h, &fd));
        FindClose(h);
    }
    RemoveDirectoryA(dir);
}

/* Points an instance (or the global defaults, with pinst NULL) at dir for every file it makes. */
static inline void test_set_paths_(const char *file, int line, JET_INSTANCE *pinst, const char *dir)
{
    JET_ERR err;
    err = JetSetSystemParameterA(pinst, 0, JET_paramSystemPath, 0, dir);
    ok_(file, line)(err == JET_errSuccess, "JET_paramSystemPath: got %ld\n", err);
    err = JetSetSystemParameterA(pinst, 0, JET_paramLogFilePath, 0, dir);
    ok_(file, line)(err == JET_errSuccess, "JET_paramLogFilePath: got %ld\n", err);
    err = JetSetSystemParameterA(pinst, 0, JET_paramTempPath, 0, dir);
    ok_(file, line)(err == JET_errSuccess, "JET_paramTempPath: got %ld\n", err);
    err = JetSetSystemParameterA(pinst, 0, JET_paramNoInformationEvent, 1, NULL);
    ok_(file, line)(err == JET_errSuccess, "JET_paramNoInformationEvent: got %ld\n", err);
}
#define test_set_paths(pinst, dir) test_set_paths_(__FILE__, __LINE__, pinst, dir)

/* The data tests' fixture: an instance whose files go to a fresh folder (dir, MAX_PATH chars), one
 * session, and a new database szDb in that folder (its path in path, MAX_PATH chars). */
static inline void test_db_start_(const char *file, int line, const char *name, const char *szDb, JET_INSTANCE *pinst,
        JET_SESID *psesid, char *dir, char *path, JET_DBID *pdbid)
{
    JET_ERR err;
    test_make_dir(name, dir, MAX_PATH);
    err = JetCreateInstanceA(pinst, name);
    ok_(file, line)(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths_(file, line, pinst, dir);
    err = JetInit(pinst);
    ok_(file, line)(err == JET_errSuccess, "JetInit: %ld\n", err);
    err = JetBeginSessionA(*pinst, psesid, NULL, NULL);
    ok_(file, line)(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
    snprintf(path, MAX_PATH, "%s%s", dir, szDb);
    err = JetCreateDatabaseA(*psesid, path, NULL, pdbid, 0);
    ok_(file, line)(err == JET_errSuccess, "JetCreateDatabaseA: %ld\n", err);
}
#define test_db_start(name, szDb, pinst, psesid, dir, path, pdbid) \
    test_db_start_(__FILE__, __LINE__, name, szDb, pinst, psesid, dir, path, pdbid)

/* Its end: the database closed and detached, the session ended, a clean JetTerm, the folder gone. */
static inline void test_db_stop_(const char *file, int line, JET_INSTANCE inst, JET_SESID sesid, const char *dir,
        const char *path, JET_DBID dbid)
{
    JET_ERR err = JetCloseDatabase(sesid, dbid, 0);
    ok_(file, line)(err == JET_errSuccess, "JetCloseDatabase: %ld\n", err);
    err = JetDetachDatabaseA(sesid, path);
    ok_(file, line)(err == JET_errSuccess, "JetDetachDatabase: %ld\n", err);
    err = JetEndSession(sesid, 0);
    ok_(file, line)(err == JET_errSuccess, "JetEndSession: %ld\n", err);
    err = JetTerm2(inst, JET_bitTermComplete);
    ok_(file, line)(err == JET_errSuccess, "JetTerm2: %ld\n", err);
    test_remove_dir(dir);
}
#define test_db_stop(inst, sesid, dir, path, dbid) test_db_stop_(__FILE__, __LINE__, inst, sesid, dir, path, dbid)

/* "+a|-b" as ESE's double-NUL-terminated key string; returns its length with both NULs. */
static inline unsigned long test_make_key(char *sz, const char *spec)
{
    size_t n = strlen(spec), i;
    memcpy(sz, spec, n + 1);
    for (i = 0; i < n; i++)
        if (sz[i] == '|') sz[i] = 0;
    sz[n + 1] = 0;
    return (unsigned long)n + 2;
}

/* A table of the columns rgc (cbStruct set here) with the primary index "Primary" on the first
 * one, ascending; returns it open, each column's id in rgcolid. */
static inline JET_TABLEID test_create_table_(const char *file, int line, JET_SESID sesid, JET_DBID dbid,
        const char *szName, JET_COLUMNCREATE_A *rgc, unsigned long ccol, JET_COLUMNID *rgcolid)
{
    JET_INDEXCREATE_A idx;
    JET_TABLECREATE_A tc;
    char szKey[JET_cbNameMost + 4];
    unsigned long i;
    JET_ERR err;
    for (i = 0; i < ccol; i++)
        rgc[i].cbStruct = sizeof rgc[i];
    memset(&idx, 0, sizeof idx);
    idx.cbStruct = sizeof idx;
    idx.szIndexName = (char *)"Primary";
    idx.szKey = szKey;
    snprintf(szKey, sizeof szKey - 1, "+%s", rgc[0].szColumnName);
    idx.cbKey = (unsigned long)strlen(szKey) + 2;
    szKey[idx.cbKey - 1] = 0;
    idx.grbit = JET_bitIndexPrimary;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)szName;
    tc.rgcolumncreate = rgc;
    tc.cColumns = ccol;
    tc.rgindexcreate = &idx;
    tc.cIndexes = 1;
    err = JetCreateTableColumnIndexA(sesid, dbid, &tc);
    ok_(file, line)(err == JET_errSuccess, "JetCreateTableColumnIndexA(%s): %ld\n", szName, err);
    for (i = 0; i < ccol; i++)
        rgcolid[i] = rgc[i].columnid;
    return tc.tableid;
}
#define test_create_table(sesid, dbid, szName, rgc, ccol, rgcolid) \
    test_create_table_(__FILE__, __LINE__, sesid, dbid, szName, rgc, ccol, rgcolid)

/* The unpacked Windows-made samples (the `samples` CTest fixture sets ESENT_SAMPLES_DIR; a Unix
 * path under Wine is reached through drive Z:). Returns false, after a skip(), when unset. */
static inline int test_sample_path(const char *rel, char *path, size_t cb)
{
    const char *dir = getenv("ESENT_SAMPLES_DIR");
    char *p;
    if (!dir || !*dir) {
        skip("ESENT_SAMPLES_DIR is not set\n");
        return 0;
    }
    snprintf(path, cb, "%s%s\\%s", dir[0] == '/' ? "Z:" : "", dir, rel);
    for (p = path; *p; p++) if (*p == '/') *p = '\\';
    return 1;
}

#endif /* TEST_UTIL_H */
