/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_repair.c: /p, repair, as Windows' esentutl runs it: the warning first, then an
 * instance set up as for /g and JetDBUtilities(opDBUTILEDBRepair) without
 * JET_bitDBUtilOptionDontRepair. The engine checks the database, rebuilds it from every page that
 * verifies, prints its steps and each table's losses, and adds them to <database>.INTEG.RAW (or
 * <prefix>.INTEG.RAW with /f<prefix>).
 *
 * Windows' engine asks "Do you wish to proceed?" in a message box unless esentutl passes
 * JET_bitDBUtilOptionSuppressLogo, which it does for /o. A console tool asks on the console: the
 * warning, then a y/n answer read from stdin. /o (as on Windows) skips the question; so does an
 * answer piped in ("echo y | esentutl /p db"). Any other answer, or end of input, stops with
 * JET_errInvalidParameter, the error ESE gives when the question is declined. */
#include <ctype.h>
#include <stdio.h>

#include "esentutl.h"
#include "esent_private.h"

static bool ask_to_proceed(void)
{
    char sz[64];
    printf("\nWARNING: You should only run Repair on damaged or corrupted databases.\n"
           "Repair will not apply information in the transaction log files to the\n"
           "database, and may cause information to be lost. Do you wish to proceed? [y/n] ");
    fflush(stdout);
    if (!fgets(sz, sizeof sz, stdin)) {
        printf("\n");
        return false;
    }
    const char *p = sz;
    while (*p == ' ' || *p == '\t') p++;
    return tolower((unsigned char)p[0]) == 'y';
}

JET_ERR eu_mode_repair(const struct eu_opts *o)
{
    JET_ERR err;
    JET_INSTANCE inst = 0;
    JET_SESID sesid = JET_sesidNil;
    bool fInit = false;

    printf("Initiating REPAIR mode...\n");
    printf("        Database: %s\n", o->szSource);
    printf("  Temp. Database: %s.REPAIR.TMP\n", o->szSource);
    fflush(stdout);
    if (!o->fNoLogo && !ask_to_proceed()) {
        printf("\nRepair was not started: the database was not changed.\n");
        return JET_errInvalidParameter;
    }
    CALL(eu_engine_setup(o, &inst));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramMaxTemporaryTables, 0, NULL));
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
    /* The question was asked above (or /o said not to). */
    dbutil.grbitOptions = JET_bitDBUtilOptionSuppressLogo;
    dbutil.pfnCallback = (void *)eu_engine_status;
    err = JetDBUtilitiesA(&dbutil);
    eu_engine_status_end();
out:
    if (sesid != JET_sesidNil) {
        JET_ERR errEnd = JetEndSession(sesid, 0);
        if (err >= 0 && errEnd < 0) err = errEnd;
    }
    if (fInit) {
        JET_ERR errTerm = JetTerm2(inst, err < 0 ? JET_bitTermAbrupt : JET_bitTermComplete);
        if (err >= 0 && errTerm < 0) err = errTerm;
    }
    return err;
}
