/* SPDX-License-Identifier: MIT
 * tests/integration/mkdb.c: make a new, empty database through the exported API and shut down
 * cleanly, for the interoperability tests (other readers must read it as they read Windows').
 *
 *   mkdb <folder> <page size> [shadowoff]     writes <folder>/new.edb (and the instance's logs)
 *
 * Exit status 0 when the database was made, detached and the instance terminated cleanly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esent.h"

static int fail(const char *what, JET_ERR err)
{
    fprintf(stderr, "mkdb: %s failed: %ld\n", what, (long)err);
    return 1;
}

#define MUST(what, expr) do { JET_ERR e_ = (expr); if (e_ < 0) return fail(what, e_); } while (0)

int main(int argc, char **argv)
{
    JET_INSTANCE inst = 0;
    JET_SESID sesid = 0;
    JET_DBID dbid = 0;
    char dir[1024], db[1100];
    if (argc < 3) {
        fprintf(stderr, "usage: mkdb <folder> <page size> [shadowoff]\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s/", argv[1]);
    snprintf(db, sizeof db, "%snew.edb", dir);
    const unsigned long cbPage = strtoul(argv[2], NULL, 10);
    const JET_GRBIT grbit = JET_bitDbOverwriteExisting | (argc > 3 && !strcmp(argv[3], "shadowoff") ? JET_bitDbShadowingOff : 0);

    MUST("JetSetSystemParameter(JET_paramDatabasePageSize)",
         JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, cbPage, NULL));
    MUST("JetCreateInstance", JetCreateInstanceA(&inst, "mkdb"));
    MUST("JetSetSystemParameter(JET_paramSystemPath)", JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, dir));
    MUST("JetSetSystemParameter(JET_paramLogFilePath)", JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, dir));
    MUST("JetSetSystemParameter(JET_paramTempPath)", JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, dir));
    MUST("JetInit", JetInit(&inst));
    MUST("JetBeginSession", JetBeginSessionA(inst, &sesid, "", ""));
    MUST("JetCreateDatabase", JetCreateDatabaseA(sesid, db, NULL, &dbid, grbit));
    MUST("JetCloseDatabase", JetCloseDatabase(sesid, dbid, 0));
    MUST("JetDetachDatabase", JetDetachDatabaseA(sesid, db));
    MUST("JetEndSession", JetEndSession(sesid, 0));
    MUST("JetTerm2", JetTerm2(inst, JET_bitTermComplete));
    printf("%s\n", db);
    return 0;
}
