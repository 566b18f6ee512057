/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_engine.c: the modes that run the engine through the exported API, as
 * Windows' esentutl runs them: /g (integrity), /ms (space dump), /mm (metadata dump).
 *
 * Each sets the process's page size from the database header first (JetGetDatabaseFileInfo,
 * JET_DbInfoPageSize; a /4 /8 /16 /32 switch wins), since an engine attaches only databases of
 * its page size. /g then sets up an instance as Windows' esentutl does (recovery off, no online
 * defragmentation, no index checking or cleanup, callbacks off, room for many sessions and
 * cursors), begins a session and calls JetDBUtilities(opDBUTILEDBRepair,
 * JET_bitDBUtilOptionDontRepair); the engine prints its steps and verdict and writes the report
 * file <database name>.INTEG.RAW (or <prefix>.INTEG.RAW with /f<prefix>); the progress bar is
 * this tool's JET_PFNSTATUS. The dumps set the same global parameters and call JetDBUtilities
 * without a session: the engine runs them in an instance of its own. */
#include <stdio.h>

#include "esentutl.h"
#include "esent_private.h"

/* ---- setup ----------------------------------------------------------------------------------- */

/* ESE's ErrEDBUTLCheckDBName: the page size from the header unless a switch chose one. A file
 * whose header cannot be read leaves the default; the engine then reports what is wrong. */
static JET_ERR set_page_size(const struct eu_opts *o, uint32_t *pcbPage)
{
    ESENT_ULONG cbPage = o->cbPage;
    *pcbPage = 0;
    if (!cbPage && JetGetDatabaseFileInfoA(o->szSource, &cbPage, sizeof cbPage, JET_DbInfoPageSize) < 0) return JET_errSuccess;
    if (!cbPage) return JET_errSuccess;
    *pcbPage = cbPage;
    return JetSetSystemParameterA(NULL, JET_sesidNil, JET_paramDatabasePageSize, cbPage, NULL);
}

/* What every engine mode of Windows' esentutl sets before anything else. */
static JET_ERR set_common(JET_INSTANCE *pinst)
{
    JET_ERR err;
    CALL_R(JetSetSystemParameterA(pinst, JET_sesidNil, JET_paramRecovery, 0, "off"));
    CALL_R(JetSetSystemParameterA(pinst, JET_sesidNil, JET_paramEnableOnlineDefrag, 0, NULL));
    CALL_R(JetSetSystemParameterA(pinst, JET_sesidNil, JET_paramEnableIndexChecking, 0 /* JET_IndexCheckingOff */, NULL));
    CALL_R(JetSetSystemParameterA(pinst, JET_sesidNil, JET_paramEnableIndexCleanup, 0, NULL));
    CALL_R(JetSetSystemParameterA(pinst, JET_sesidNil, JET_paramDisableCallbacks, 1, NULL));
    return JET_errSuccess;
}

JET_ERR eu_engine_setup(const struct eu_opts *o, JET_INSTANCE *pinst)
{
    JET_ERR err;
    uint32_t cbPage;
    CALL_R(set_page_size(o, &cbPage));
    CALL_R(set_common(pinst));
    return JetSetSystemParameterA(pinst, JET_sesidNil, JET_paramMaxTemporaryTables, 0, NULL);
}

/* ---- progress (Windows' PrintStatus for JET_snpRepair and JET_snpCompact) -------------------- */

static struct eu_progress g_prog;

JET_ERR JET_API eu_engine_status(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)sesid;
    if (snp != JET_snpRepair && snp != JET_snpCompact) return JET_errSuccess;
    switch (snt) {
    case JET_sntBegin:
        if (eu_plat_stdout_is_terminal()) printf("\n");
        eu_progress_begin(&g_prog, snp == JET_snpCompact ? "Defragmentation Status (% complete)"
                                                         : "Scanning Status (% complete)");
        break;
    case JET_sntProgress:
        if (pv) {
            const JET_SNPROG *p = pv;
            eu_progress_update(&g_prog, p->cunitDone, p->cunitTotal);
        }
        break;
    case JET_sntComplete:
        if (g_prog.fOn) {
            eu_progress_end(&g_prog);
            printf("\n");
        }
        break;
    default:
        break;
    }
    return JET_errSuccess;
}

void eu_engine_status_end(void)
{
    if (g_prog.fOn)
        eu_progress_end(&g_prog);
}

/* ---- /g --------------------------------------------------------------------------------------- */

JET_ERR eu_mode_integrity(const struct eu_opts *o)
{
    JET_ERR err;
    JET_INSTANCE inst = 0;
    JET_SESID sesid = JET_sesidNil;
    uint32_t cbPage;
    bool fInit = false;

    printf("Initiating INTEGRITY mode...\n");
    printf("        Database: %s\n", o->szSource);
    fflush(stdout);
    CALL(set_page_size(o, &cbPage));
    CALL(set_common(&inst));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramEnableTempTableVersioning, 0, NULL));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramMaxOpenTables, 10000, NULL));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramPreferredMaxOpenTables, 10000, NULL));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramMaxSessions, 128, NULL));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramMaxCursors, 10240, NULL));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramMaxTemporaryTables, 10000, NULL));
    CALL(JetInit(&inst));
    fInit = true;
    CALL(JetBeginSessionA(inst, &sesid, "", ""));

    JET_DBUTIL_A dbutil;
    memset(&dbutil, 0, sizeof dbutil);
    dbutil.cbStruct = sizeof dbutil;
    dbutil.sesid = sesid;
    dbutil.op = opDBUTILEDBRepair;
    dbutil.szDatabase = (char *)o->szSource;
    dbutil.szIntegPrefix = (char *)o->szIntegPrefix;
    dbutil.grbitOptions = JET_bitDBUtilOptionDontRepair | (o->fNoLogo ? JET_bitDBUtilOptionSuppressLogo : 0);
    dbutil.pfnCallback = (void *)eu_engine_status;
    err = JetDBUtilitiesA(&dbutil);
    eu_engine_status_end();
out:
    if (sesid != JET_sesidNil) {
        JET_ERR errEnd = JetEndSession(sesid, 0);
        if (err >= 0) err = errEnd;
    }
    if (fInit) {
        JET_ERR errTerm = JetTerm2(inst, err < 0 ? JET_bitTermAbrupt : JET_bitTermComplete);
        if (err >= 0) err = errTerm;
    }
    return err;
}

/* ---- /ms and /mm ------------------------------------------------------------------------------ */

static JET_ERR dump_setup(const struct eu_opts *o, uint32_t *pcbPage)
{
    JET_ERR err;
    JET_INSTANCE inst = 0;
    printf("Initiating FILE DUMP mode...\n");
    CALL_R(set_page_size(o, pcbPage));
    if (!*pcbPage) {
        JET_API_PTR cb = 0;
        CALL_R(JetGetSystemParameterA(JET_instanceNil, JET_sesidNil, JET_paramDatabasePageSize, &cb, NULL, 0));
        *pcbPage = (uint32_t)cb;
    }
    printf("         Database: %s\n", o->szSource);
    printf("\n");
    CALL_R(set_common(&inst));
    CALL_R(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramMaxTemporaryTables, 0, NULL));
    fflush(stdout);
    return JET_errSuccess;
}

JET_ERR eu_mode_dump_space(const struct eu_opts *o)
{
    JET_ERR err;
    uint32_t cbPage;
    CALL_R(dump_setup(o, &cbPage));
    return eu_space_dump(o, cbPage);
}

JET_ERR eu_mode_dump_metadata(const struct eu_opts *o)
{
    JET_ERR err;
    uint32_t cbPage;
    JET_DBUTIL_A dbutil;
    CALL_R(dump_setup(o, &cbPage));
    memset(&dbutil, 0, sizeof dbutil);
    dbutil.cbStruct = sizeof dbutil;
    dbutil.op = opDBUTILDumpMetaData;
    dbutil.szDatabase = (char *)o->szSource;
    dbutil.szTable = o->szTable;
    dbutil.grbitOptions = o->fVerbose ? JET_bitDBUtilOptionDumpVerbose : 0;
    return JetDBUtilitiesA(&dbutil);
}
