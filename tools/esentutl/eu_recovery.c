/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_recovery.c: /r, soft recovery, as Windows' esentutl runs it: an instance
 * with recovery on, the log base name, log folder (/l) and system folder (/s) the user gave,
 * then JetInit3 (which replays the log and leaves every database it names consistent and
 * detached) and JetTerm2.
 *
 * The log the engine replays is its own (src/log/log_format.h), not Windows' format: given the
 * logs of a database Windows left dirty, JetInit fails with the JET error that says why (a log or
 * checkpoint file it cannot read), and the database stays as it was. Before the engine runs, the
 * files are looked at here so that the message can say that they were written by Windows. */
#include <stdio.h>

#include "esentutl.h"
#include "eu_logfmt.h"
#include "os.h"

/* Windows' log header: the file's checksum at 0, its format's generation at 4 (ESE's LGFILEHDR);
 * ours: LOG_FILE_MAGIC at 4. What the files under the base name are, for the message. */
enum log_kind { LOG_NONE, LOG_OURS, LOG_WINDOWS, LOG_OTHER };

static enum log_kind file_kind(const char *szPath, bool fCheckpoint)
{
    struct os_file *f = NULL;
    static uint8_t rgb[ESE_CB_LOG_HEADER];
    size_t cb = 0;
    enum log_kind kind = LOG_OTHER;
    if (eu_file_open(szPath, OS_OPEN_READONLY, &f) < 0) return LOG_NONE;
    if (eu_file_read_at(f, 0, rgb, sizeof rgb, &cb) >= 0) {
        const struct eu_logfmt *pf = eu_logfmt_find(rgb, cb, fCheckpoint);
        if (pf != &eu_logfmt_ese) kind = LOG_OURS;
        else if (fCheckpoint ? pf->fClaimsCheckpoint(rgb, cb) : pf->fClaimsLog(rgb, cb)) kind = LOG_WINDOWS;
    }
    os_file_close(f);
    return kind;
}

static void path_join(char *sz, size_t cb, const char *szDir, const char *szName)
{
    if (!szDir || !szDir[0]) {
        snprintf(sz, cb, "%s", szName);
        return;
    }
    size_t cch = strlen(szDir);
    bool fSep = szDir[cch - 1] == '/' || szDir[cch - 1] == '\\';
    snprintf(sz, cb, "%s%s%s", szDir, fSep ? "" : "/", szName);
}

JET_ERR eu_mode_recovery(const struct eu_opts *o)
{
    JET_ERR err;
    JET_INSTANCE inst = 0;
    bool fCreated = false;
    char szLog[1100], szChk[1100], szName[64];

    printf("Initiating RECOVERY mode...\n");
    printf("    Logfile base name: %s\n", o->szSource);
    printf("            Log files: %s\n", o->szLogPath ? o->szLogPath : "<current directory>");
    printf("         System files: %s\n", o->szSystemPath ? o->szSystemPath : "<current directory>");
    printf("\n");
    fflush(stdout);
    if (strlen(o->szSource) != 3) {
        printf("Error: the logfile base name must be 3 characters (e.g. edb).\n");
        return JET_errInvalidParameter;
    }

    /* What the files are: the engine reads only its own log format. */
    snprintf(szName, sizeof szName, "%s.log", o->szSource);
    path_join(szLog, sizeof szLog, o->szLogPath, szName);
    snprintf(szName, sizeof szName, "%s.chk", o->szSource);
    path_join(szChk, sizeof szChk, o->szSystemPath, szName);
    const enum log_kind kindLog = file_kind(szLog, false);
    const enum log_kind kindChk = file_kind(szChk, true);

    CALL(JetCreateInstanceA(&inst, "esentutl"));
    fCreated = true;
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramRecovery, 0, "on"));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramEnableOnlineDefrag, 0, NULL));
    if (o->szLogPath) CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramLogFilePath, 0, o->szLogPath));
    if (o->szSystemPath) CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramSystemPath, 0, o->szSystemPath));
    CALL(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramBaseName, 0, o->szSource));
    /* No new log stream where there is none to replay: recovery only reads (ESE's
     * JET_bitLogStreamMustExist, which Windows' esentutl sets unless /e- says otherwise). */
    if (kindLog == LOG_NONE && kindChk == LOG_NONE) {
        printf("Performing soft recovery...\n\n");
        printf("Error: no log files %s* (%s) and no checkpoint %s to recover from.\n", o->szSource, szLog, szChk);
        err = JET_errFileNotFound;
        goto out;
    }
    if (kindLog == LOG_WINDOWS || kindChk == LOG_WINDOWS) {
        printf("Performing soft recovery...\n\n");
        printf("Error: %s was written by Microsoft's ESE. This engine replays only its own log format\n"
               "(esentutl /ml shows the header of a Windows log); recover the database with Windows'\n"
               "esentutl /r, or read it as it is, without the changes still in its logs.\n",
               kindLog == LOG_WINDOWS ? szLog : szChk);
        err = JET_errBadLogVersion;
        goto out;
    }

    printf("Performing soft recovery...");
    fflush(stdout);
    fCreated = false;   /* a failed JetInit frees the instance itself */
    err = JetInit3A(&inst, NULL, o->fRecoveryIgnoreMissingDb ? JET_bitReplayIgnoreMissingDB : 0);
    if (err >= 0) fCreated = true;
    printf("\n\n");
    CALL(err);
out:
    if (fCreated) {
        JET_ERR errTerm = JetTerm2(inst, err < 0 ? JET_bitTermAbrupt : JET_bitTermComplete);
        if (err >= 0) err = errTerm;
    }
    return err;
}
