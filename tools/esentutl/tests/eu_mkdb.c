/* SPDX-License-Identifier: MIT
 * tools/esentutl/tests/eu_mkdb.c: makes a database with the engine for esentutl's tests, logged
 * (base name "edb", logs and checkpoint in <folder>), then ends the instance cleanly or abruptly:
 *   eu_mkdb <folder> <name.edb> clean|dirty [rows]
 * With rows, the database gets a table "t" (Id autoincrement primary key, a unique text Name, a
 * long binary Blob on every tenth row) holding that many rows.
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

static JET_ERR fill(JET_SESID sesid, JET_DBID dbid, unsigned crow)
{
    JET_ERR err;
    JET_TABLEID tableid;
    JET_COLUMNID colName, colBlob;
    static unsigned char rgbBlob[6000];
    JET_COLUMNCREATE_A rgcc[3];
    memset(rgcc, 0, sizeof rgcc);
    const char *rgszCol[3] = { "Id", "Name", "Blob" };
    const JET_COLTYP rgcoltyp[3] = { JET_coltypLong, JET_coltypText, JET_coltypLongBinary };
    for (int i = 0; i < 3; i++) {
        rgcc[i].cbStruct = sizeof rgcc[i];
        rgcc[i].szColumnName = (char *)rgszCol[i];
        rgcc[i].coltyp = rgcoltyp[i];
    }
    rgcc[0].grbit = JET_bitColumnAutoincrement;
    rgcc[1].cbMax = 64;
    rgcc[1].cp = 1252;
    JET_INDEXCREATE_A rgic[2];
    memset(rgic, 0, sizeof rgic);
    rgic[0].cbStruct = rgic[1].cbStruct = sizeof rgic[0];
    rgic[0].szIndexName = (char *)"Primary";
    rgic[0].szKey = (char *)"+Id\0";
    rgic[0].cbKey = 5;
    rgic[0].grbit = JET_bitIndexPrimary;
    rgic[1].szIndexName = (char *)"Name";
    rgic[1].szKey = (char *)"+Name\0";
    rgic[1].cbKey = 7;
    rgic[1].grbit = JET_bitIndexUnique;
    JET_TABLECREATE_A tc;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"t";
    tc.ulDensity = 100;
    tc.rgcolumncreate = rgcc;
    tc.cColumns = 3;
    tc.rgindexcreate = rgic;
    tc.cIndexes = 2;
    if ((err = JetCreateTableColumnIndexA(sesid, dbid, &tc)) < 0) return err;
    tableid = tc.tableid;
    colName = rgcc[1].columnid;
    colBlob = rgcc[2].columnid;
    for (unsigned i = 0; i < crow; i++) {
        char szName[64];
        snprintf(szName, sizeof szName, "row %06u with a name long enough to fill pages", i);
        if ((err = JetBeginTransaction(sesid)) < 0) return err;
        if ((err = JetPrepareUpdate(sesid, tableid, JET_prepInsert)) < 0) return err;
        err = JetSetColumn(sesid, tableid, colName, szName, (unsigned long)strlen(szName), 0, NULL);
        if (err < 0) return err;
        if (i % 10 == 0) {
            for (unsigned b = 0; b < sizeof rgbBlob; b++) rgbBlob[b] = (unsigned char)(b + i);
            if ((err = JetSetColumn(sesid, tableid, colBlob, rgbBlob, sizeof rgbBlob, 0, NULL)) < 0) return err;
        }
        if ((err = JetUpdate(sesid, tableid, NULL, 0, NULL)) < 0) return err;
        if ((err = JetCommitTransaction(sesid, JET_bitCommitLazyFlush)) < 0) return err;
    }
    return JetCloseTable(sesid, tableid);
}

int main(int argc, char **argv)
{
    JET_INSTANCE inst = 0;
    JET_SESID sesid = JET_sesidNil;
    JET_DBID dbid = JET_dbidNil;
    JET_ERR err;
    char szDb[1024];

    if ((argc != 4 && argc != 5) || (strcmp(argv[3], "clean") != 0 && strcmp(argv[3], "dirty") != 0)) {
        fprintf(stderr, "usage: eu_mkdb <folder> <name.edb> clean|dirty [rows]\n");
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
    if (argc == 5 && (err = fill(sesid, dbid, (unsigned)atoi(argv[4]))) < 0) return fail("filling the table", err);
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
