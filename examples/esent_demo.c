/* SPDX-License-Identifier: MIT
 * examples/esent_demo.c: an ordinary ESE client, written against the Windows SDK's API the way a
 * Windows program is, that shows what our esent.dll does today. The README's first command
 * builds it with MinGW and runs it under Wine with our DLL beside it; it also runs on Windows
 * (with either DLL) and, built against libesent.so, on Linux.
 *
 * It grows with the engine: each step prints what it did, and a step the engine cannot do yet
 * prints the JET error it got instead of stopping the program. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "esent.h"

static int failures;

static const char *err_name(JET_ERR err)
{
    static char buf[160];
    JET_API_PTR code = (JET_API_PTR)err;
    if (JetGetSystemParameterA(JET_instanceNil, JET_sesidNil, JET_paramErrorToString, &code, buf, sizeof buf) >= 0)
        return buf;
    snprintf(buf, sizeof buf, "%ld", (long)err);
    return buf;
}

/* A step that must work today. */
static void must(const char *what, JET_ERR err)
{
    printf("  %-50s %s\n", what, err >= 0 ? "ok" : err_name(err));
    if (err < 0) failures++;
}

/* A step the engine may not do yet: report, do not fail. */
static void may(const char *what, JET_ERR err)
{
    printf("  %-50s %s\n", what, err >= 0 ? "ok" : err == JET_errFeatureNotAvailable ? "not implemented yet" : err_name(err));
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    char path[1024];
    JET_INSTANCE inst = JET_instanceNil;
    JET_SESID sesid = JET_sesidNil;
    JET_DBID dbid = JET_dbidNil;
    JET_ERR err;
    ESENT_ULONG version = 0, count = 0;
    JET_INSTANCE_INFO_A *info = NULL;
    JET_API_PTR value = 0;
    char sz[1100];

    snprintf(path, sizeof path, "%s%s", dir, (dir[strlen(dir) - 1] == '\\' || dir[strlen(dir) - 1] == '/') ? "" : "\\");
    printf("esent demo: files go to %s\n\n", path);

    printf("Instance and parameters\n");
    must("JetCreateInstance(\"demo\")", JetCreateInstanceA(&inst, "demo"));
    must("JetSetSystemParameter(JET_paramSystemPath)", JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, path));
    must("JetSetSystemParameter(JET_paramLogFilePath)", JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, path));
    must("JetSetSystemParameter(JET_paramTempPath)", JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, path));
    must("JetSetSystemParameter(JET_paramBaseName, \"dmo\")", JetSetSystemParameterA(&inst, 0, JET_paramBaseName, 0, "dmo"));
    must("JetSetSystemParameter(JET_paramMaxSessions, 64)", JetSetSystemParameterA(&inst, 0, JET_paramMaxSessions, 64, NULL));
    err = JetGetSystemParameterA(inst, 0, JET_paramBaseName, &value, sz, sizeof sz);
    must("JetGetSystemParameter(JET_paramBaseName)", err);
    if (err >= 0) printf("      base name: %s\n", sz);
    err = JetGetSystemParameterA(inst, 0, JET_paramDatabasePageSize, &value, NULL, 0);
    must("JetGetSystemParameter(JET_paramDatabasePageSize)", err);
    if (err >= 0) printf("      page size: %lu\n", (unsigned long)value);

    must("JetInit", JetInit(&inst));
    must("JetBeginSession", JetBeginSessionA(inst, &sesid, "", ""));
    err = JetGetVersion(sesid, &version);
    must("JetGetVersion", err);
    if (err >= 0)
        printf("      version %#lx: %lu.%lu build %lu\n", (unsigned long)version, (unsigned long)(version >> 28),
               (unsigned long)((version >> 24) & 0xf), (unsigned long)((version >> 8) & 0xffff));
    err = JetGetInstanceInfoA(&count, &info);
    must("JetGetInstanceInfo", err);
    for (ESENT_ULONG i = 0; err >= 0 && i < count; i++)
        printf("      instance %lu: %s\n", (unsigned long)i, info[i].szInstanceName ? info[i].szInstanceName : "(unnamed)");
    if (info) JetFreeBuffer((char *)info);

    printf("\nTransactions\n");
    must("JetBeginTransaction", JetBeginTransaction(sesid));
    must("JetBeginTransaction (nested)", JetBeginTransaction(sesid));
    must("JetCommitTransaction (inner)", JetCommitTransaction(sesid, 0));
    must("JetRollback (outer)", JetRollback(sesid, 0));
    err = JetRollback(sesid, 0);
    printf("  %-50s %s\n", "JetRollback outside a transaction", err == JET_errNotInTransaction ? "JET_errNotInTransaction, as expected" : err_name(err));
    if (err != JET_errNotInTransaction) failures++;

    printf("\nDatabases (the page store is being built)\n");
    snprintf(sz, sizeof sz, "%sdemo.edb", path);
    may("JetCreateDatabase(demo.edb)", JetCreateDatabaseA(sesid, sz, NULL, &dbid, JET_bitDbOverwriteExisting));

    printf("\nShutdown\n");
    must("JetEndSession", JetEndSession(sesid, 0));
    must("JetTerm2(JET_bitTermComplete)", JetTerm2(inst, JET_bitTermComplete));

    printf("\n%s\n", failures ? "SOME STEPS FAILED" : "all steps that must work did");
    return failures ? 1 : 0;
}
