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
