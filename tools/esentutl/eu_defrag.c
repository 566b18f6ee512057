/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_defrag.c: /d, offline defragmentation (compaction), as Windows' esentutl
 * runs it (eseutil.cxx, modeDefragment): an instance with recovery off, the temporary database
 * deleted if it is there, the source attached read-only, JetCompact into the temporary database
 * (default TEMPDFRG<process id>.EDB in the current folder, /t<db> to choose) with the
 * "Defragmentation Status" bar as its JET_PFNSTATUS, the source detached, the instance ended;
 * then, unless /p, the source is moved to the /b<db> backup if asked and the temporary database
 * moved over the source ("Moving 'a' to 'b'... DONE!"), and Windows' advice to take a full
 * backup is printed. Windows goes through JetDBUtilities(opDBUTILDBDefragment), whose engine
 * side is exactly attach read-only, JetCompact, detach; we call those exports directly. A
 * failed compaction leaves no temporary database (the engine deletes its partial copy). */
#include <stdio.h>

#include "esentutl.h"

#ifndef JET_bitCompactPreserveOriginal
#define JET_bitCompactPreserveOriginal 0x00000100   /* newer SDK headers only */
#endif

/* ErrEDBUTLMoveFile's output around a rename that replaces the destination. */
static JET_ERR move_file(const char *szFrom, const char *szTo)
{
    printf("\nMoving '%s' to '%s'...", szFrom, szTo);
    fflush(stdout);
    const JET_ERR err = eu_file_rename(szFrom, szTo);
    printf("%s\n", err < 0 ? " FAILED!" : " DONE!");
    return err;
}

JET_ERR eu_mode_defrag(const struct eu_opts *o)
{
    JET_ERR err;
    JET_INSTANCE inst = 0;
    JET_SESID sesid = JET_sesidNil;
    bool fInit = false, fAttached = false;
    char szTempDefault[64];
    const char *szTemp = o->szTemp;

    if (!szTemp) {
        snprintf(szTempDefault, sizeof szTempDefault, "TEMPDFRG%lu.EDB", eu_plat_process_id());
        szTemp = szTempDefault;
    }
    printf("Initiating DEFRAGMENTATION mode...\n");
    printf("            Database: %s\n", o->szSource);
    fflush(stdout);
    if (!eu_file_exists(o->szSource)) FAIL(JET_errFileNotFound);

    CALL(eu_engine_setup(o, &inst));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramDbExtensionSize, 256, NULL));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramEnableTempTableVersioning, 0, NULL));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramMaxOpenTables, 10000, NULL));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramPreferredMaxOpenTables, 10000, NULL));
    CALL(JetInit(&inst));
    fInit = true;
    CALL(JetBeginSessionA(inst, &sesid, "", ""));

    /* Windows' EDBUTLDeleteTemp: a leftover temporary database goes (errors ignored). */
    if (eu_file_exists(szTemp)) {
        const JET_ERR errDel = eu_file_delete(szTemp);
        (void)errDel;
    }
    CALL(JetAttachDatabaseA(sesid, o->szSource, JET_bitDbReadOnly));
    fAttached = true;
    JET_GRBIT grbit = o->fDefragPreserve ? JET_bitCompactPreserveOriginal : 0;
    err = JetCompactA(sesid, o->szSource, szTemp, eu_engine_status, NULL, grbit);
    eu_engine_status_end();
    CALL(err);
out:
    if (fAttached) {
        const JET_ERR errDetach = JetDetachDatabaseA(sesid, o->szSource);
        if (err >= 0) err = errDetach;
    }
    if (sesid != JET_sesidNil) {
        const JET_ERR errEnd = JetEndSession(sesid, 0);
        if (err >= 0) err = errEnd;
    }
    if (fInit) {
        const JET_ERR errTerm = JetTerm2(inst, err < 0 ? JET_bitTermAbrupt : JET_bitTermComplete);
        if (err >= 0) err = errTerm;
    }
    if (err < 0) return err;

    /* ErrEDBUTLBackupAndInstateDB, once the engine is gone. */
    if (o->szDest) {
        if (eu_file_exists(o->szDest)) {
            printf("\nError: Could not backup to '%s'.\n\n", o->szDest);
            return JET_errFileAlreadyExists;
        }
        err = move_file(o->szSource, o->szDest);
        if (err < 0) {
            printf("Error: Could not backup to '%s'.\n\n", o->szDest);
            return err;
        }
    }
    if (!o->fDefragPreserve) {
        err = move_file(szTemp, o->szSource);
        if (err < 0) {
            printf("Error: Could not re-instate '%s'. It may be manually re-instated by manually copying '%s' to '%s' "
                   "(this will overwrite the original copy of the file with the defragmented copy).\n\n",
                   o->szSource, szTemp, o->szSource);
            return err;
        }
    }
    printf("\nNote:\n");
    printf("  It is recommended that you immediately perform a full backup\n");
    printf("  of this database. If you restore a backup made before the\n");
    printf("  defragmentation, the database will be rolled back to the state\n");
    printf("  it was in at the time of that backup.\n\n");
    return JET_errSuccess;
}
