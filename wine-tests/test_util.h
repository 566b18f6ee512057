/* SPDX-License-Identifier: MIT
 * wine-tests/test_util.h: helpers shared by the conformance tests: a fresh temporary folder per
 * test, and an instance whose files all go there (so a test never writes into the current
 * directory, which is where Windows' defaults would put edb.log and edb.chk). */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
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
