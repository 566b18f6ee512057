/* SPDX-License-Identifier: MIT
 * tools/esentutl/tests/eu_mkdb.c: makes a database with the engine for esentutl's tests, logged
 * (base name "edb", logs and checkpoint in <folder>), then ends the instance cleanly or abruptly:
 *   eu_mkdb <folder> <name.edb> clean|dirty
 * "dirty" ends the process with the database attached, as a crash would: the database stays in
 * dirty shutdown state and only soft recovery (esentutl /r edb /l<folder> /s<folder>) makes it
 * consistent again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esent.h"

static int fail(const char *szWhat, JET_ERR err)
{
    fprintf(stderr, "eu_mkdb: %s failed with %ld\n", szWhat, (long)err);
    return 1;
}

int main(int argc, char **argv)
{
    JET_INSTANCE inst = 0;
    JET_SESID sesid = JET_sesidNil;
    JET_DBID dbid = JET_dbidNil;
    JET_ERR err;
    char szDb[1024];

    if (argc != 4 || (strcmp(argv[3], "clean") != 0 && strcmp(argv[3], "dirty") != 0)) {
        fprintf(stderr, "usage: eu_mkdb <folder> <name.edb> clean|dirty\n");
        return 2;
    }
    snprintf(szDb, sizeof szDb, "%s%s", argv[1], argv[2]);
    if ((err = JetCreateInstanceA(&inst, "eu_mkdb")) < 0) return fail("JetCreateInstance", err);
    if ((err = JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, argv[1])) < 0) return fail("SystemPath", err);
    if ((err = JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, argv[1])) < 0) return fail("LogFilePath", err);
    if ((err = JetSetSystemParameterA(&inst, 0, JET_paramBaseName, 0, "edb")) < 0) return fail("BaseName", err);
    if ((err = JetInit(&inst)) < 0) return fail("JetInit", err);
    if ((err = JetBeginSessionA(inst, &sesid, "", "")) < 0) return fail("JetBeginSession", err);
    if ((err = JetCreateDatabaseA(sesid, szDb, NULL, &dbid, 0)) < 0) return fail("JetCreateDatabase", err);
    if (strcmp(argv[3], "dirty") == 0) {
        /* A crash: the process ends with the database attached and the instance running. */
        printf("dirty end\n");
        fflush(stdout);
        _Exit(0);
    }
    if ((err = JetCloseDatabase(sesid, dbid, 0)) < 0) return fail("JetCloseDatabase", err);
    if ((err = JetEndSession(sesid, 0)) < 0) return fail("JetEndSession", err);
    if ((err = JetTerm2(inst, JET_bitTermComplete)) < 0) return fail("JetTerm2", err);
    printf("clean end\n");
    return 0;
}
