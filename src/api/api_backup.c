/* SPDX-License-Identifier: MIT
 * api/api_backup.c: online backup: JetBeginExternalBackup*, JetGetAttachInfo*, JetOpenFile*,
 * JetReadFile*, JetCloseFile*, JetGetLogInfo*, JetGetTruncateLogInfoInstance*, JetTruncateLog*,
 * JetEndExternalBackup*, JetStopBackup*, JetBackup*. The engine's rules are isam/isam_backup.c's;
 * the order of checks follows ESENT's jetapi: the forms without an instance work only in the
 * legacy one-instance mode, the A forms call the W ones and convert their multi-strings. */
#include "api_int.h"
#include "esent_private.h"
#include "os.h"
#include "utf.h"

DEBUG_CHANNEL(api);

/* ESENT's ErrRUNINSTCheckOneInstMode, for the exports without an instance argument. */
static JET_ERR check_one_instance_mode(void)
{
    JET_ERR err = JET_errSuccess;
    isam_lock();
    if (isam_run_mode() == ISAM_MODE_NOT_SET) err = ERR_TRAP(JET_errInvalidParameter);
    else if (isam_run_mode() == ISAM_MODE_MULTI_INSTANCE) err = ERR_TRAP(JET_errRunningInMultiInstanceMode);
    isam_unlock();
    return err;
}

/* ESENT's APICALL_INST::FEnter: find the instance, then enter it (JET_errNotInitialized, ...). */
static JET_ERR enter(JET_INSTANCE instance, struct isam_instance **ppinst)
{
    JET_ERR err;
    CALL_R(api_instance_find(instance, ppinst));
    CALL_R(isam_instance_enter(*ppinst));
    return err;
}

/* A multi-string to the ANSI code page, ESE's ErrOSSTRUnicodeToAsciiM: *pcch gets the size
 * in bytes (final NUL included); a buffer too small for it gives JET_errBufferTooSmall, no
 * buffer (cbMax 0) only the size. */
static JET_ERR multi_to_a(const ESENT_WCHAR *wszz, char *szz, uint32_t cbMax, uint32_t *pcch)
{
    size_t cchTotal = 0;
    if (!szz) cbMax = 0;
    for (const ESENT_WCHAR *p = wszz; *p; p += wstr_len(p) + 1) {
        size_t cb = 0;
        char *pOut = cchTotal < cbMax ? szz + cchTotal : NULL;
        JET_ERR err = os_utf16_to_acp(p, pOut, pOut ? cbMax - cchTotal : 0, &cb);
        if (err == JET_wrnBufferTruncated) {
            if (cbMax != 0) return ERR_TRAP(JET_errBufferTooSmall);
        } else if (err < 0) {
            return err;
        }
        cchTotal += cb;
    }
    if (cchTotal < cbMax) szz[cchTotal] = 0;
    else if (cbMax != 0) return ERR_TRAP(JET_errBufferTooSmall);
    *pcch = (uint32_t)(cchTotal + 1);
    return JET_errSuccess;
}

typedef JET_ERR (*list_fn)(struct isam_instance *inst, ESENT_WCHAR *wszz, uint32_t cbMax, uint32_t *pcbActual,
                           void *ctx);

static JET_ERR list_w(JET_INSTANCE instance, list_fn fn, ESENT_WCHAR *wszz, uint32_t cbMax, uint32_t *pcbActual,
                      void *ctx)
{
    JET_ERR err;
    struct isam_instance *inst;
    CALL_R(enter(instance, &inst));
    err = fn(inst, wszz, cbMax, pcbActual, ctx);
    isam_instance_leave(inst);
    return err;
}

/* The A forms: the W call for the size, again for the strings, then the conversion. */
static JET_ERR list_a(JET_INSTANCE instance, list_fn fn, char *szz, uint32_t cbMax, uint32_t *pcbActual, void *ctx)
{
    JET_ERR err;
    uint32_t cb = 0, cch = 0;
    ESENT_WCHAR *wszz = NULL;
    CALL(list_w(instance, fn, NULL, 0, &cb, ctx));
    wszz = mem_calloc(1, cb + sizeof(ESENT_WCHAR));
    if (!wszz) FAIL(JET_errOutOfMemory);
    CALL(list_w(instance, fn, wszz, cb, &cb, NULL));
    CALL(multi_to_a(wszz, szz, cbMax, &cch));
    if (pcbActual) *pcbActual = cch;
out:
    mem_free(wszz);
    return err;
}

/* ---- JetBeginExternalBackup ------------------------------------------------------------------ */

JET_ERR JET_API JetBeginExternalBackupInstance(JET_INSTANCE instance, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_instance *inst;
    TRACE("(%#lx, %#lx)", (unsigned long)instance, (unsigned long)grbit);
    CALL(enter(instance, &inst));
    err = isam_backup_begin(inst, grbit);
    isam_instance_leave(inst);
out:
    return api_return(err);
}

JET_ERR JET_API JetBeginExternalBackup(JET_GRBIT grbit)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetBeginExternalBackupInstance(0, grbit);
}

/* ---- JetGetAttachInfo ------------------------------------------------------------------------ */

static JET_ERR attach_info(struct isam_instance *inst, ESENT_WCHAR *wszz, uint32_t cbMax, uint32_t *pcbActual, void *ctx)
{
    (void)ctx;
    return isam_backup_attach_info(inst, wszz, cbMax, pcbActual);
}

JET_ERR JET_API JetGetAttachInfoInstanceW(JET_INSTANCE instance, JET_PWSTR wszzDatabases, ESENT_ULONG cbMax,
                                          ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    uint32_t cb = 0;
    TRACE("(%#lx, %p, %lu, %p)", (unsigned long)instance, (void *)wszzDatabases, (unsigned long)cbMax, (void *)pcbActual);
    CALL_R(api_instance_validate(instance));
    err = list_w(instance, attach_info, wszzDatabases, cbMax, &cb, NULL);
    if (err >= 0 && pcbActual) *pcbActual = cb;
    return api_return(err);
}

JET_ERR JET_API JetGetAttachInfoInstanceA(JET_INSTANCE instance, JET_PSTR szzDatabases, ESENT_ULONG cbMax,
                                          ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    uint32_t cb = 0;
    TRACE("(%#lx, %p, %lu, %p)", (unsigned long)instance, (void *)szzDatabases, (unsigned long)cbMax, (void *)pcbActual);
    CALL_R(api_instance_validate(instance));
    err = list_a(instance, attach_info, szzDatabases, cbMax, &cb, NULL);
    if (err >= 0 && pcbActual) *pcbActual = cb;
    return api_return(err);
}

JET_ERR JET_API JetGetAttachInfoW(JET_PWSTR wszzDatabases, ESENT_ULONG cbMax, ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetGetAttachInfoInstanceW(0, wszzDatabases, cbMax, pcbActual);
}

JET_ERR JET_API JetGetAttachInfoA(JET_PSTR szzDatabases, ESENT_ULONG cbMax, ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetGetAttachInfoInstanceA(0, szzDatabases, cbMax, pcbActual);
}

/* ---- JetOpenFile ----------------------------------------------------------------------------- */

static JET_ERR open_file(JET_INSTANCE instance, const ESENT_WCHAR *wszName, JET_HANDLE *phf, uint64_t ibRead,
                         ESENT_ULONG *pulLow, ESENT_ULONG *pulHigh)
{
    JET_ERR err;
    struct isam_instance *inst;
    uint64_t cb = 0;
    /* ESE crashes on these (its reference says so); we refuse. */
    if (!phf || !pulLow || !pulHigh) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(enter(instance, &inst));
    err = isam_backup_open_file(inst, wszName, ibRead, phf, &cb);
    isam_instance_leave(inst);
    if (err >= 0) {
        *pulLow = (ESENT_ULONG)(cb & 0xffffffffu);
        *pulHigh = (ESENT_ULONG)(cb >> 32);
    }
    return err;
}

static JET_ERR open_file_a(JET_INSTANCE instance, const char *szName, JET_HANDLE *phf, uint64_t ibRead,
                           ESENT_ULONG *pulLow, ESENT_ULONG *pulHigh)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL;
    CALL_R(api_wsz_from_a(szName, &wsz));
    err = open_file(instance, wsz, phf, ibRead, pulLow, pulHigh);
    mem_free(wsz);
    return err;
}

JET_ERR JET_API JetOpenFileInstanceW(JET_INSTANCE instance, JET_PCWSTR wszFileName, JET_HANDLE *phfFile,
                                     ESENT_ULONG *pulFileSizeLow, ESENT_ULONG *pulFileSizeHigh)
{
    JET_ERR err;
    TRACE("(%#lx, %s, %p, %p, %p)", (unsigned long)instance, debugstr_w(wszFileName), (void *)phfFile,
          (void *)pulFileSizeLow, (void *)pulFileSizeHigh);
    CALL_R(api_instance_validate(instance));
    return api_return(open_file(instance, wszFileName, phfFile, 0, pulFileSizeLow, pulFileSizeHigh));
}

JET_ERR JET_API JetOpenFileInstanceA(JET_INSTANCE instance, JET_PCSTR szFileName, JET_HANDLE *phfFile,
                                     ESENT_ULONG *pulFileSizeLow, ESENT_ULONG *pulFileSizeHigh)
{
    JET_ERR err;
    TRACE("(%#lx, %s, %p, %p, %p)", (unsigned long)instance, debugstr_a(szFileName), (void *)phfFile,
          (void *)pulFileSizeLow, (void *)pulFileSizeHigh);
    CALL_R(api_instance_validate(instance));
    return api_return(open_file_a(instance, szFileName, phfFile, 0, pulFileSizeLow, pulFileSizeHigh));
}

JET_ERR JET_API JetOpenFileW(JET_PCWSTR wszFileName, JET_HANDLE *phfFile, ESENT_ULONG *pulFileSizeLow,
                             ESENT_ULONG *pulFileSizeHigh)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetOpenFileInstanceW(0, wszFileName, phfFile, pulFileSizeLow, pulFileSizeHigh);
}

JET_ERR JET_API JetOpenFileA(JET_PCSTR szFileName, JET_HANDLE *phfFile, ESENT_ULONG *pulFileSizeLow,
                             ESENT_ULONG *pulFileSizeHigh)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetOpenFileInstanceA(0, szFileName, phfFile, pulFileSizeLow, pulFileSizeHigh);
}

/* Sections: ESE supports one (the whole file from ibRead); more is JET_wrnNyi, before anything. */
JET_ERR JET_API JetOpenFileSectionInstanceW(JET_INSTANCE instance, JET_PWSTR wszFile, JET_HANDLE *phFile,
                                            ESENT_LONG iSection, ESENT_LONG cSections, ESENT_UINT64 ibRead,
                                            ESENT_ULONG *pulSectionSizeLow, ESENT_LONG *plSectionSizeHigh)
{
    JET_ERR err;
    TRACE("(%#lx, %s, %p, %ld, %ld, %llu, %p, %p)", (unsigned long)instance, debugstr_w(wszFile), (void *)phFile,
          (long)iSection, (long)cSections, (unsigned long long)ibRead, (void *)pulSectionSizeLow,
          (void *)plSectionSizeHigh);
    if (cSections > 1) return api_return(JET_wrnNyi);
    CALL_R(api_instance_validate(instance));
    return api_return(open_file(instance, wszFile, phFile, ibRead, pulSectionSizeLow, (ESENT_ULONG *)plSectionSizeHigh));
}

JET_ERR JET_API JetOpenFileSectionInstanceA(JET_INSTANCE instance, JET_PSTR szFile, JET_HANDLE *phFile,
                                            ESENT_LONG iSection, ESENT_LONG cSections, ESENT_UINT64 ibRead,
                                            ESENT_ULONG *pulSectionSizeLow, ESENT_LONG *plSectionSizeHigh)
{
    JET_ERR err;
    TRACE("(%#lx, %s, %p, %ld, %ld, %llu, %p, %p)", (unsigned long)instance, debugstr_a(szFile), (void *)phFile,
          (long)iSection, (long)cSections, (unsigned long long)ibRead, (void *)pulSectionSizeLow,
          (void *)plSectionSizeHigh);
    if (cSections > 1) return api_return(JET_wrnNyi);
    CALL_R(api_instance_validate(instance));
    return api_return(open_file_a(instance, szFile, phFile, ibRead, pulSectionSizeLow, (ESENT_ULONG *)plSectionSizeHigh));
}

/* ---- JetReadFile, JetCloseFile --------------------------------------------------------------- */

JET_ERR JET_API JetReadFileInstance(JET_INSTANCE instance, JET_HANDLE hfFile, void *pv, ESENT_ULONG cb,
                                    ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    struct isam_instance *inst;
    uint32_t cbActual = 0;
    TRACE("(%#lx, %#lx, %p, %lu, %p)", (unsigned long)instance, (unsigned long)hfFile, pv, (unsigned long)cb,
          (void *)pcbActual);
    CALL(enter(instance, &inst));
    err = isam_backup_read_file(inst, hfFile, pv, cb, &cbActual);
    isam_instance_leave(inst);
    if (err >= 0 && pcbActual) *pcbActual = cbActual;
out:
    return api_return(err);
}

JET_ERR JET_API JetReadFile(JET_HANDLE hfFile, void *pv, ESENT_ULONG cb, ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetReadFileInstance(0, hfFile, pv, cb, pcbActual);
}

JET_ERR JET_API JetCloseFileInstance(JET_INSTANCE instance, JET_HANDLE hfFile)
{
    JET_ERR err;
    struct isam_instance *inst;
    TRACE("(%#lx, %#lx)", (unsigned long)instance, (unsigned long)hfFile);
    CALL(enter(instance, &inst));
    err = isam_backup_close_file(inst, hfFile);
    isam_instance_leave(inst);
out:
    return api_return(err);
}

JET_ERR JET_API JetCloseFile(JET_HANDLE hfFile)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetCloseFileInstance(0, hfFile);
}

/* ---- JetGetLogInfo, JetGetTruncateLogInfoInstance -------------------------------------------- */

struct loginfo_ctx { struct isam_backup_loginfo li; bool fWanted; };

static JET_ERR log_info(struct isam_instance *inst, ESENT_WCHAR *wszz, uint32_t cbMax, uint32_t *pcbActual, void *ctx)
{
    struct loginfo_ctx *c = ctx;
    return isam_backup_log_info(inst, wszz, cbMax, pcbActual, c && c->fWanted ? &c->li : NULL);
}

static JET_ERR truncate_log_info(struct isam_instance *inst, ESENT_WCHAR *wszz, uint32_t cbMax, uint32_t *pcbActual,
                                 void *ctx)
{
    (void)ctx;
    return isam_backup_truncate_log_info(inst, wszz, cbMax, pcbActual);
}

/* The base name of the instance's logs, as JET_LOGINFO carries it (three characters). */
static void base_name(JET_INSTANCE instance, ESENT_WCHAR wsz[JET_BASE_NAME_LENGTH + 1])
{
    struct isam_instance *inst = NULL;
    memset(wsz, 0, (JET_BASE_NAME_LENGTH + 1) * sizeof(ESENT_WCHAR));
    if (api_instance_find(instance, &inst) < 0) return;
    isam_lock();
    const ESENT_WCHAR *w = param_wsz(&inst->params, JET_paramBaseName);
    isam_unlock();
    if (w) wstr_copy(wsz, JET_BASE_NAME_LENGTH + 1, w);
}

JET_ERR JET_API JetGetLogInfoInstance2W(JET_INSTANCE instance, JET_PWSTR wszzLogs, ESENT_ULONG cbMax,
                                        ESENT_ULONG *pcbActual, JET_LOGINFO_W *pLogInfo)
{
    JET_ERR err;
    uint32_t cb = 0;
    struct loginfo_ctx c = { { 0, 0 }, pLogInfo != NULL };
    TRACE("(%#lx, %p, %lu, %p, %p)", (unsigned long)instance, (void *)wszzLogs, (unsigned long)cbMax, (void *)pcbActual,
          (void *)pLogInfo);
    CALL_R(api_instance_validate(instance));
    err = list_w(instance, log_info, wszzLogs, cbMax, &cb, &c);
    if (err >= 0 && pcbActual) *pcbActual = cb;
    if (err >= 0 && pLogInfo) {
        pLogInfo->ulGenLow = c.li.genLow;
        pLogInfo->ulGenHigh = c.li.genHigh;
        base_name(instance, pLogInfo->szBaseName);
    }
    return api_return(err);
}

JET_ERR JET_API JetGetLogInfoInstance2A(JET_INSTANCE instance, JET_PSTR szzLogs, ESENT_ULONG cbMax,
                                        ESENT_ULONG *pcbActual, JET_LOGINFO_A *pLogInfo)
{
    JET_ERR err;
    uint32_t cb = 0;
    struct loginfo_ctx c = { { 0, 0 }, pLogInfo != NULL };
    TRACE("(%#lx, %p, %lu, %p, %p)", (unsigned long)instance, (void *)szzLogs, (unsigned long)cbMax, (void *)pcbActual,
          (void *)pLogInfo);
    CALL_R(api_instance_validate(instance));
    if (pLogInfo && pLogInfo->cbSize != sizeof(JET_LOGINFO_A)) return api_return(ERR_TRAP(JET_errInvalidParameter));
    err = list_a(instance, log_info, szzLogs, cbMax, &cb, &c);
    if (err >= 0 && pcbActual) *pcbActual = cb;
    if (err >= 0 && pLogInfo) {
        ESENT_WCHAR wszBase[JET_BASE_NAME_LENGTH + 1];
        pLogInfo->ulGenLow = c.li.genLow;
        pLogInfo->ulGenHigh = c.li.genHigh;
        base_name(instance, wszBase);
        err = os_utf16_to_acp(wszBase, pLogInfo->szBaseName, sizeof pLogInfo->szBaseName, NULL);
        if (err == JET_wrnBufferTruncated) err = ERR_TRAP(JET_errBufferTooSmall);
    }
    return api_return(err);
}

JET_ERR JET_API JetGetLogInfoInstanceW(JET_INSTANCE instance, JET_PWSTR wszzLogs, ESENT_ULONG cbMax, ESENT_ULONG *pcbActual)
{
    return JetGetLogInfoInstance2W(instance, wszzLogs, cbMax, pcbActual, NULL);
}

JET_ERR JET_API JetGetLogInfoInstanceA(JET_INSTANCE instance, JET_PSTR szzLogs, ESENT_ULONG cbMax, ESENT_ULONG *pcbActual)
{
    return JetGetLogInfoInstance2A(instance, szzLogs, cbMax, pcbActual, NULL);
}

JET_ERR JET_API JetGetLogInfoW(JET_PWSTR wszzLogs, ESENT_ULONG cbMax, ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetGetLogInfoInstanceW(0, wszzLogs, cbMax, pcbActual);
}

JET_ERR JET_API JetGetLogInfoA(JET_PSTR szzLogs, ESENT_ULONG cbMax, ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetGetLogInfoInstanceA(0, szzLogs, cbMax, pcbActual);
}

JET_ERR JET_API JetGetTruncateLogInfoInstanceW(JET_INSTANCE instance, JET_PWSTR wszzLogs, ESENT_ULONG cbMax,
                                               ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    uint32_t cb = 0;
    TRACE("(%#lx, %p, %lu, %p)", (unsigned long)instance, (void *)wszzLogs, (unsigned long)cbMax, (void *)pcbActual);
    CALL_R(api_instance_validate(instance));
    err = list_w(instance, truncate_log_info, wszzLogs, cbMax, &cb, NULL);
    if (err >= 0 && pcbActual) *pcbActual = cb;
    return api_return(err);
}

JET_ERR JET_API JetGetTruncateLogInfoInstanceA(JET_INSTANCE instance, JET_PSTR szzLogs, ESENT_ULONG cbMax,
                                               ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    uint32_t cb = 0;
    TRACE("(%#lx, %p, %lu, %p)", (unsigned long)instance, (void *)szzLogs, (unsigned long)cbMax, (void *)pcbActual);
    CALL_R(api_instance_validate(instance));
    err = list_a(instance, truncate_log_info, szzLogs, cbMax, &cb, NULL);
    if (err >= 0 && pcbActual) *pcbActual = cb;
    return api_return(err);
}

/* ---- JetTruncateLog, JetEndExternalBackup, JetStopBackup ------------------------------------- */

JET_ERR JET_API JetTruncateLogInstance(JET_INSTANCE instance)
{
    JET_ERR err;
    struct isam_instance *inst;
    TRACE("(%#lx)", (unsigned long)instance);
    CALL(enter(instance, &inst));
    err = isam_backup_truncate_log(inst);
    isam_instance_leave(inst);
out:
    return api_return(err);
}

JET_ERR JET_API JetTruncateLog(void)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetTruncateLogInstance(0);
}

JET_ERR JET_API JetEndExternalBackupInstance2(JET_INSTANCE instance, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_instance *inst;
    TRACE("(%#lx, %#lx)", (unsigned long)instance, (unsigned long)grbit);
    CALL(enter(instance, &inst));
    err = isam_backup_end(inst, grbit);
    isam_instance_leave(inst);
out:
    return api_return(err);
}

/* The older form could not say how the backup went: ESE takes it as a normal end. */
JET_ERR JET_API JetEndExternalBackupInstance(JET_INSTANCE instance)
{
    return JetEndExternalBackupInstance2(instance, JET_bitBackupEndNormal);
}

JET_ERR JET_API JetEndExternalBackup(void)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetEndExternalBackupInstance(0);
}

/* ESE's JetStopBackupInstance only finds the instance (no API entry) and raises the flag. */
JET_ERR JET_API JetStopBackupInstance(JET_INSTANCE instance)
{
    JET_ERR err;
    struct isam_instance *inst;
    TRACE("(%#lx)", (unsigned long)instance);
    CALL(api_instance_find(instance, &inst));
    isam_backup_stop(inst);
out:
    return api_return(err);
}

JET_ERR JET_API JetStopBackup(void)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetStopBackupInstance(0);
}

/* ---- JetBackup ------------------------------------------------------------------------------- */

static JET_ERR backup_instance(JET_INSTANCE instance, const ESENT_WCHAR *wszPath, JET_GRBIT grbit, JET_PFNSTATUS pfn)
{
    JET_ERR err;
    struct isam_instance *inst;
    CALL_R(enter(instance, &inst));
    err = isam_backup_to_folder(inst, wszPath, grbit, pfn);
    isam_instance_leave(inst);
    return err;
}

JET_ERR JET_API JetBackupInstanceW(JET_INSTANCE instance, JET_PCWSTR wszBackupPath, JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
    JET_ERR err;
    TRACE("(%#lx, %s, %#lx, %p)", (unsigned long)instance, debugstr_w(wszBackupPath), (unsigned long)grbit,
          (void *)pfnStatus);
    CALL_R(api_instance_validate(instance));
    return api_return(backup_instance(instance, wszBackupPath, grbit, pfnStatus));
}

JET_ERR JET_API JetBackupInstanceA(JET_INSTANCE instance, JET_PCSTR szBackupPath, JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL;
    TRACE("(%#lx, %s, %#lx, %p)", (unsigned long)instance, debugstr_a(szBackupPath), (unsigned long)grbit,
          (void *)pfnStatus);
    CALL_R(api_instance_validate(instance));
    CALL(api_wsz_from_a(szBackupPath, &wsz));
    err = backup_instance(instance, wsz, grbit, pfnStatus);
out:
    mem_free(wsz);
    return api_return(err);
}

JET_ERR JET_API JetBackupW(JET_PCWSTR wszBackupPath, JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetBackupInstanceW(0, wszBackupPath, grbit, pfnStatus);
}

JET_ERR JET_API JetBackupA(JET_PCSTR szBackupPath, JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
    JET_ERR err;
    CALL_R(check_one_instance_mode());
    return JetBackupInstanceA(0, szBackupPath, grbit, pfnStatus);
}

/* ---- JetRestore: a JetBackup folder back into place -------------------------------------------- */

static const ESENT_WCHAR wszRestoreName[] = { 'R', 'e', 's', 't', 'o', 'r', 'e', 0 };

/* ESENT's JetRestoreInstanceEx: an instance that is 0 or JET_instanceNil means "make one for the
 * restore" (named "Restore", freed afterwards); a real one must not be initialized yet. */
static JET_ERR restore_instance(JET_INSTANCE instance, const ESENT_WCHAR *wsz, const ESENT_WCHAR *wszDest, JET_PFNSTATUS pfn)
{
    JET_ERR err;
    struct isam_instance *inst = NULL;
    bool fAllocate = instance == 0 || instance == JET_instanceNil;
    struct isam_restore_args a;
    memset(&a, 0, sizeof a);
    a.wszBackup = wsz;
    a.wszDest = wszDest;
    a.pfn = pfn;
    if (fAllocate) {
        isam_lock();
        /* In the legacy mode the one instance is the one to use, if there is one. */
        if (isam_run_mode() == ISAM_MODE_ONE_INSTANCE)
            for (uint32_t i = 0; i < isam_instance_slots() && !inst; i++) inst = isam_instance_at(i);
        if (inst) {
            fAllocate = false;
        } else {
            if (isam_run_mode() == ISAM_MODE_NOT_SET) isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
            err = isam_instance_new(wszRestoreName, NULL, &inst);
            if (err < 0) {
                isam_unlock();
                return err;
            }
        }
        isam_unlock();
    } else {
        CALL_R(api_instance_find(instance, &inst));
    }
    err = isam_restore(inst, &a);
    if (fAllocate) {
        isam_lock();
        isam_instance_free(inst);
        isam_unlock();
    }
    return err;
}

JET_ERR JET_API JetRestoreInstanceW(JET_INSTANCE instance, JET_PCWSTR wsz, JET_PCWSTR wszDest, JET_PFNSTATUS pfn)
{
    JET_ERR err;
    TRACE("(%#lx, %s, %s, %p)", (unsigned long)instance, debugstr_w(wsz), debugstr_w(wszDest), (void *)pfn);
    CALL_R(api_instance_validate(instance));
    return api_return(restore_instance(instance, wsz, wszDest, pfn));
}

JET_ERR JET_API JetRestoreInstanceA(JET_INSTANCE instance, JET_PCSTR sz, JET_PCSTR szDest, JET_PFNSTATUS pfn)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL, *wszDest = NULL;
    TRACE("(%#lx, %s, %s, %p)", (unsigned long)instance, debugstr_a(sz), debugstr_a(szDest), (void *)pfn);
    CALL_R(api_instance_validate(instance));
    CALL(api_wsz_from_a(sz, &wsz));
    CALL(api_wsz_from_a(szDest, &wszDest));
    err = restore_instance(instance, wsz, wszDest, pfn);
out:
    mem_free(wsz);
    mem_free(wszDest);
    return api_return(err);
}

/* ESENT's ErrRUNINSTCheckAndSetOneInstMode: the legacy JetRestore starts the one-instance mode. */
static JET_ERR check_and_set_one_instance_mode(void)
{
    JET_ERR err = JET_errSuccess;
    isam_lock();
    if (isam_run_mode() == ISAM_MODE_NOT_SET) isam_set_run_mode(ISAM_MODE_ONE_INSTANCE);
    else if (isam_run_mode() == ISAM_MODE_MULTI_INSTANCE) err = ERR_TRAP(JET_errRunningInMultiInstanceMode);
    isam_unlock();
    return err;
}

/* The legacy forms run in the one-instance mode; when they made no instance, the mode they set
 * ends with the restore's own instance (as ESE's FreePinst resets it). */
static JET_ERR restore_legacy_w(const ESENT_WCHAR *wsz, const ESENT_WCHAR *wszDest, JET_PFNSTATUS pfn)
{
    JET_ERR err;
    CALL_R(check_and_set_one_instance_mode());
    err = JetRestoreInstanceW(0, wsz, wszDest, pfn);
    isam_lock();
    if (isam_instance_count() == 0) isam_set_run_mode(ISAM_MODE_NOT_SET);
    isam_unlock();
    return err;
}

static JET_ERR restore_legacy_a(const char *sz, const char *szDest, JET_PFNSTATUS pfn)
{
    JET_ERR err;
    CALL_R(check_and_set_one_instance_mode());
    err = JetRestoreInstanceA(0, sz, szDest, pfn);
    isam_lock();
    if (isam_instance_count() == 0) isam_set_run_mode(ISAM_MODE_NOT_SET);
    isam_unlock();
    return err;
}

JET_ERR JET_API JetRestoreW(JET_PCWSTR wszSource, JET_PFNSTATUS pfn)
{
    return restore_legacy_w(wszSource, NULL, pfn);
}

JET_ERR JET_API JetRestoreA(JET_PCSTR szSource, JET_PFNSTATUS pfn)
{
    return restore_legacy_a(szSource, NULL, pfn);
}

JET_ERR JET_API JetRestore2W(JET_PCWSTR wsz, JET_PCWSTR wszDest, JET_PFNSTATUS pfn)
{
    return restore_legacy_w(wsz, wszDest, pfn);
}

JET_ERR JET_API JetRestore2A(JET_PCSTR sz, JET_PCSTR szDest, JET_PFNSTATUS pfn)
{
    return restore_legacy_a(sz, szDest, pfn);
}

/* ---- JetExternalRestore: databases already in place, logs from the backup ------------------- */

struct ext_restore {
    const ESENT_WCHAR *wszCheckpoint, *wszLogPath, *wszBackupLogPath, *wszBaseName;
    const ESENT_WCHAR *wszTargetName, *wszTargetLogPath, *wszTargetCheckpointPath;
    const struct isam_restore_map *rgmap;
    ESENT_LONG cmap;
    ESENT_LONG genLow, genHigh;
    JET_PFNSTATUS pfn;
};

static uint32_t g_cRestoreInstance;

/* ESENT's JetExternalRestoreEx: a new instance ("Restore" and a number) with the given folders
 * and base name restores, then goes away. */
static JET_ERR external_restore(const struct ext_restore *x)
{
    JET_ERR err;
    struct isam_instance *inst = NULL;
    ESENT_WCHAR wszName[16];
    if ((x->wszTargetLogPath && !x->wszTargetCheckpointPath) || (!x->wszTargetLogPath && x->wszTargetCheckpointPath))
        return ERR_TRAP(JET_errInvalidParameter);
    if (x->wszTargetName && x->wszTargetLogPath) return ERR_TRAP(JET_errInvalidParameter);
    isam_lock();
    if (isam_run_mode() == ISAM_MODE_ONE_INSTANCE) {
        isam_unlock();
        return ERR_TRAP(JET_errRunningInOneInstanceMode);
    }
    if (isam_run_mode() == ISAM_MODE_NOT_SET) isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    if (x->wszTargetName || x->wszTargetLogPath) {
        isam_unlock();
        FIXME("rolling forward into a target instance's logs is not done");
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    uint32_t n = __atomic_add_fetch(&g_cRestoreInstance, 1, __ATOMIC_RELAXED) % 10000u;
    memcpy(wszName, wszRestoreName, sizeof wszRestoreName);
    for (int i = 3; i >= 0; i--, n /= 10u) wszName[7 + i] = (ESENT_WCHAR)('0' + n % 10u);
    wszName[11] = 0;
    err = isam_instance_new(wszName, NULL, &inst);
    if (err >= 0 && x->wszBaseName)
        err = param_set(&inst->params, PARAM_TARGET_INSTANCE, JET_paramBaseName, 0, x->wszBaseName);
    if (err >= 0 && x->wszLogPath)
        err = param_set(&inst->params, PARAM_TARGET_INSTANCE, JET_paramLogFilePath, 0, x->wszLogPath);
    if (err >= 0 && x->wszCheckpoint) {
        err = param_set(&inst->params, PARAM_TARGET_INSTANCE, JET_paramSystemPath, 0, x->wszCheckpoint);
        if (err >= 0) err = param_set(&inst->params, PARAM_TARGET_INSTANCE, JET_paramTempPath, 0, param_wsz(&inst->params, JET_paramSystemPath));
    }
    isam_unlock();
    if (err >= 0) {
        struct isam_restore_args a;
        memset(&a, 0, sizeof a);
        a.wszBackup = x->wszBackupLogPath;
        a.fExternal = true;
        a.rgmap = x->rgmap;
        a.cmap = x->cmap < 0 ? UINT32_MAX : (uint32_t)x->cmap;
        a.genLow = (uint32_t)x->genLow;
        a.genHigh = (uint32_t)x->genHigh;
        a.pfn = x->pfn;
        if (x->cmap < 0) err = ERR_TRAP(JET_errInvalidParameter);
        else err = isam_restore(inst, &a);
    }
    if (inst) {
        isam_lock();
        isam_instance_free(inst);
        isam_unlock();
    }
    return err;
}

static JET_ERR external_restore_w(JET_PWSTR wszCheckpoint, JET_PWSTR wszLogPath, JET_RSTMAP_W *rgrstmap, ESENT_LONG crstfilemap,
                                  JET_PWSTR wszBackupLogPath, ESENT_LONG genLow, ESENT_LONG genHigh, const ESENT_WCHAR *wszBaseName,
                                  JET_PWSTR wszTargetName, JET_PWSTR wszTargetLogPath, JET_PWSTR wszTargetCheckpointPath,
                                  JET_PFNSTATUS pfn)
{
    JET_ERR err;
    struct isam_restore_map *rgmap = NULL;
    struct ext_restore x = { wszCheckpoint, wszLogPath, wszBackupLogPath, wszBaseName, wszTargetName, wszTargetLogPath,
                             wszTargetCheckpointPath, NULL, crstfilemap, genLow, genHigh, pfn };
    if (crstfilemap > 0 && crstfilemap <= 64) {
        if (!rgrstmap) return ERR_TRAP(JET_errInvalidParameter);
        rgmap = mem_calloc((size_t)crstfilemap, sizeof *rgmap);
        if (!rgmap) return ERR_TRAP(JET_errOutOfMemory);
        for (ESENT_LONG i = 0; i < crstfilemap; i++) {
            rgmap[i].wszDatabaseName = rgrstmap[i].szDatabaseName;
            rgmap[i].wszNewDatabaseName = rgrstmap[i].szNewDatabaseName;
        }
        x.rgmap = rgmap;
    }
    err = external_restore(&x);
    mem_free(rgmap);
    return err;
}

/* The A forms: every string up to UTF-16 first. */
static JET_ERR external_restore_a(JET_PSTR szCheckpoint, JET_PSTR szLogPath, JET_RSTMAP_A *rgrstmap, ESENT_LONG crstfilemap,
                                  JET_PSTR szBackupLogPath, ESENT_LONG genLow, ESENT_LONG genHigh, const char *szBaseName,
                                  JET_PSTR szTargetName, JET_PSTR szTargetLogPath, JET_PSTR szTargetCheckpointPath,
                                  JET_PFNSTATUS pfn)
{
    JET_ERR err;
    ESENT_WCHAR *w[7] = { NULL };
    JET_RSTMAP_W *rgw = NULL;
    ESENT_LONG cmapConverted = 0;
    CALL(api_wsz_from_a(szCheckpoint, &w[0]));
    CALL(api_wsz_from_a(szLogPath, &w[1]));
    CALL(api_wsz_from_a(szBackupLogPath, &w[2]));
    CALL(api_wsz_from_a(szBaseName, &w[3]));
    CALL(api_wsz_from_a(szTargetName, &w[4]));
    CALL(api_wsz_from_a(szTargetLogPath, &w[5]));
    CALL(api_wsz_from_a(szTargetCheckpointPath, &w[6]));
    if (crstfilemap > 0 && crstfilemap <= 64 && rgrstmap) {
        rgw = mem_calloc((size_t)crstfilemap, sizeof *rgw);
        if (!rgw) FAIL(JET_errOutOfMemory);
        for (; cmapConverted < crstfilemap; cmapConverted++) {
            CALL(api_wsz_from_a(rgrstmap[cmapConverted].szDatabaseName, &rgw[cmapConverted].szDatabaseName));
            CALL(api_wsz_from_a(rgrstmap[cmapConverted].szNewDatabaseName, &rgw[cmapConverted].szNewDatabaseName));
        }
    }
    err = external_restore_w(w[0], w[1], rgw, crstfilemap, w[2], genLow, genHigh, w[3], w[4], w[5], w[6], pfn);
out:
    if (rgw) {
        for (ESENT_LONG i = 0; i < crstfilemap; i++) {
            mem_free(rgw[i].szDatabaseName);
            mem_free(rgw[i].szNewDatabaseName);
        }
        mem_free(rgw);
    }
    for (size_t i = 0; i < ARRAY_SIZE(w); i++) mem_free(w[i]);
    return err;
}

JET_ERR JET_API JetExternalRestoreW(JET_PWSTR szCheckpointFilePath, JET_PWSTR szLogPath, JET_RSTMAP_W *rgrstmap,
                                    ESENT_LONG crstfilemap, JET_PWSTR szBackupLogPath, ESENT_LONG genLow, ESENT_LONG genHigh,
                                    JET_PFNSTATUS pfn)
{
    TRACE("(%s, %s, %p, %ld, %s, %ld, %ld, %p)", debugstr_w(szCheckpointFilePath), debugstr_w(szLogPath), (void *)rgrstmap,
          (long)crstfilemap, debugstr_w(szBackupLogPath), (long)genLow, (long)genHigh, (void *)pfn);
    return api_return(external_restore_w(szCheckpointFilePath, szLogPath, rgrstmap, crstfilemap, szBackupLogPath, genLow,
                                         genHigh, NULL, NULL, NULL, NULL, pfn));
}

JET_ERR JET_API JetExternalRestoreA(JET_PSTR szCheckpointFilePath, JET_PSTR szLogPath, JET_RSTMAP_A *rgrstmap,
                                    ESENT_LONG crstfilemap, JET_PSTR szBackupLogPath, ESENT_LONG genLow, ESENT_LONG genHigh,
                                    JET_PFNSTATUS pfn)
{
    TRACE("(%s, %s, %p, %ld, %s, %ld, %ld, %p)", debugstr_a(szCheckpointFilePath), debugstr_a(szLogPath), (void *)rgrstmap,
          (long)crstfilemap, debugstr_a(szBackupLogPath), (long)genLow, (long)genHigh, (void *)pfn);
    return api_return(external_restore_a(szCheckpointFilePath, szLogPath, rgrstmap, crstfilemap, szBackupLogPath, genLow,
                                         genHigh, NULL, NULL, NULL, NULL, pfn));
}

JET_ERR JET_API JetExternalRestore2W(JET_PWSTR szCheckpointFilePath, JET_PWSTR szLogPath, JET_RSTMAP_W *rgrstmap,
                                     ESENT_LONG crstfilemap, JET_PWSTR szBackupLogPath, JET_LOGINFO_W *pLogInfo,
                                     JET_PWSTR szTargetInstanceName, JET_PWSTR szTargetInstanceLogPath,
                                     JET_PWSTR szTargetInstanceCheckpointPath, JET_PFNSTATUS pfn)
{
    TRACE("(%s, %s, %p, %ld, %s, %p, %s, %s, %s, %p)", debugstr_w(szCheckpointFilePath), debugstr_w(szLogPath),
          (void *)rgrstmap, (long)crstfilemap, debugstr_w(szBackupLogPath), (void *)pLogInfo, debugstr_w(szTargetInstanceName),
          debugstr_w(szTargetInstanceLogPath), debugstr_w(szTargetInstanceCheckpointPath), (void *)pfn);
    if (!pLogInfo || pLogInfo->cbSize != sizeof(JET_LOGINFO_W)) return api_return(ERR_TRAP(JET_errInvalidParameter));
    ESENT_WCHAR wszBase[JET_BASE_NAME_LENGTH + 1];
    memcpy(wszBase, pLogInfo->szBaseName, sizeof wszBase);
    wszBase[JET_BASE_NAME_LENGTH] = 0;
    return api_return(external_restore_w(szCheckpointFilePath, szLogPath, rgrstmap, crstfilemap, szBackupLogPath,
                                         (ESENT_LONG)pLogInfo->ulGenLow, (ESENT_LONG)pLogInfo->ulGenHigh, wszBase,
                                         szTargetInstanceName, szTargetInstanceLogPath, szTargetInstanceCheckpointPath, pfn));
}

JET_ERR JET_API JetExternalRestore2A(JET_PSTR szCheckpointFilePath, JET_PSTR szLogPath, JET_RSTMAP_A *rgrstmap,
                                     ESENT_LONG crstfilemap, JET_PSTR szBackupLogPath, JET_LOGINFO_A *pLogInfo,
                                     JET_PSTR szTargetInstanceName, JET_PSTR szTargetInstanceLogPath,
                                     JET_PSTR szTargetInstanceCheckpointPath, JET_PFNSTATUS pfn)
{
    TRACE("(%s, %s, %p, %ld, %s, %p, %s, %s, %s, %p)", debugstr_a(szCheckpointFilePath), debugstr_a(szLogPath),
          (void *)rgrstmap, (long)crstfilemap, debugstr_a(szBackupLogPath), (void *)pLogInfo, debugstr_a(szTargetInstanceName),
          debugstr_a(szTargetInstanceLogPath), debugstr_a(szTargetInstanceCheckpointPath), (void *)pfn);
    if (!pLogInfo || pLogInfo->cbSize != sizeof(JET_LOGINFO_A)) return api_return(ERR_TRAP(JET_errInvalidParameter));
    char szBase[JET_BASE_NAME_LENGTH + 1];
    memcpy(szBase, pLogInfo->szBaseName, sizeof szBase);
    szBase[JET_BASE_NAME_LENGTH] = 0;
    return api_return(external_restore_a(szCheckpointFilePath, szLogPath, rgrstmap, crstfilemap, szBackupLogPath,
                                         (ESENT_LONG)pLogInfo->ulGenLow, (ESENT_LONG)pLogInfo->ulGenHigh, szBase,
                                         szTargetInstanceName, szTargetInstanceLogPath, szTargetInstanceCheckpointPath, pfn));
}
