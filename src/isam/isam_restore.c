/* SPDX-License-Identifier: MIT
 * isam/isam_restore.c: restore (hard recovery): JetRestore and JetExternalRestore, after ESE's
 * LOG::ErrLGRestore and ErrLGRSTExternalRestore (logutil.cxx, rstmap.cxx). Layer: isam.
 *
 *  1. The backup's logs are opened where they are (a log of archives only) and checked: one
 *     stream, contiguous. Their range [genLow, genHigh] is the restore's.
 *  2. The database copies are found: JetExternalRestore names them (JET_RSTMAP, already copied
 *     into place by the caller); JetRestore finds the backup copies in the backup folder and
 *     copies each into place the first time the log names it (into the destination folder, or
 *     where the database was). Each copy is checked as ESE's ErrLGCheckDBFiles does: a backup copy
 *     (JET_errRestoreOfNonBackupDatabase), its trailer agreeing with its header and the logs
 *     (JET_errDatabasePatchFileMismatch), its range within the logs (JET_errStartingRestoreLog-
 *     TooHigh, JET_errEndingRestoreLogTooLow); then its header takes genHigh and the trailer goes.
 *  3. The logs go into the instance's log folder (unless they are there already); a log of the
 *     same stream there continues them (roll forward).
 *  4. The backup's mark (ISAM_LR_BACKUP_BEGIN, named by the copies' bkinfoFullCur.lgposMark) says
 *     where redo starts and what was attached and open then; recovery runs from there with the
 *     database paths mapped (isam_restore_map_path), then undoes what was not committed, and
 *     leaves every restored database detached in clean shutdown.
 *  5. The log is shut down cleanly; the copies of the backup's logs are deleted again. */
#include "isam_db.h"
#include "isam_logrec.h"
#include "debug.h"
#include "utf.h"

DEBUG_CHANNEL(recovery);

/* ESE's limit on JET_RSTMAP entries (ErrBuildRstmapForExternalRestore: two per database). */
#define RSTMAP_MAX ((ISAM_DB_SLOTS) * 2u)
#define COPY_CB 1048576u

struct rst_db {
    ESENT_WCHAR *wszOrig;           /* external: the database's name in the log (full path) */
    ESENT_WCHAR *wszNew;            /* where the restored database is (JetRestore: once copied) */
    ESENT_WCHAR *wszSource;         /* JetRestore: the backup's copy */
    struct db_header hdr;           /* the backup copy's header */
    bool fReady;
};

struct isam_restore {
    struct os_vfs *vfs;
    bool fExternal;
    ESENT_WCHAR *wszDest;           /* JetRestore: destination folder, NULL: original places */
    struct rst_db *rgdb;
    uint32_t cdb;
    uint32_t genLow, genHigh;
    uint8_t signLog[28];
};

static bool logtime_equal(const struct db_logtime *a, const struct db_logtime *b)
{
    return a->bSeconds == b->bSeconds && a->bMinutes == b->bMinutes && a->bHours == b->bHours &&
           a->bDay == b->bDay && a->bMonth == b->bMonth && a->bYear == b->bYear && a->fUTC == b->fUTC &&
           a->wMilliseconds == b->wMilliseconds;
}

static bool signature_equal(const struct db_signature *a, const struct db_signature *b)
{
    return a->ulRandom == b->ulRandom && logtime_equal(&a->logtimeCreate, &b->logtimeCreate) &&
           memcmp(a->szComputerName, b->szComputerName, sizeof a->szComputerName) == 0;
}

static int lgpos_cmp(const struct db_lgpos *a, const struct db_lgpos *b)
{
    if (a->lGeneration != b->lGeneration) return a->lGeneration < b->lGeneration ? -1 : 1;
    if (a->isec != b->isec) return a->isec < b->isec ? -1 : 1;
    if (a->ib != b->ib) return a->ib < b->ib ? -1 : 1;
    return 0;
}

static JET_ERR copy_whole_file(struct os_vfs *vfs, const ESENT_WCHAR *wszFrom, const ESENT_WCHAR *wszTo)
{
    JET_ERR err;
    struct os_file *fIn = NULL, *fOut = NULL;
    uint8_t *pb = NULL;
    uint64_t cb = 0;
    CALL(os_file_open(vfs, wszFrom, OS_OPEN_READONLY | OS_OPEN_SHARE_READ, &fIn));
    CALL(os_file_size(fIn, &cb));
    CALL(os_file_open(vfs, wszTo, OS_OPEN_EXCLUSIVE | OS_OPEN_CREATE | OS_OPEN_TRUNCATE, &fOut));
    pb = mem_alloc(COPY_CB);
    if (!pb) FAIL(JET_errOutOfMemory);
    for (uint64_t ib = 0; ib < cb;) {
        size_t c = (size_t)MIN((uint64_t)COPY_CB, cb - ib);
        CALL(os_file_read(fIn, ib, pb, c));
        CALL(os_file_write(fOut, ib, pb, c));
        ib += c;
    }
    CALL(os_file_sync(fOut));
out:
    mem_free(pb);
    os_file_close(fIn);
    os_file_close(fOut);
    return err;
}

/* ESE's ErrLGCheckDBFiles on a backup copy in its restored place: checks, then the header takes
 * the restore's genHigh and the trailer goes. *phdr gets the header as read. */
static JET_ERR check_db_file(struct isam_restore *rs, const ESENT_WCHAR *wszFile, struct db_header *phdr)
{
    JET_ERR err;
    struct db_header h;
    uint32_t cbPage = 0;
    uint64_t cbFile = 0;
    struct os_file *f = NULL;
    uint8_t *pb = NULL;
    bool fTrailer = false;

    err = isam_db_header_read(rs->vfs, wszFile, &h, &cbPage, &cbFile);
    if (err == JET_errReadVerifyFailure || err == JET_errInvalidDatabaseVersion) err = ERR_TRAP(JET_errDatabaseCorrupted);
    CALL_R(err);
    if (h.ulMagic != PAGE_DB_MAGIC || h.filetype != PAGE_FILETYPE_DATABASE || h.attrib != 0)
        return ERR_TRAP(JET_errDatabaseCorrupted);
    if (phdr) *phdr = h;
    if (h.bkinfoFullCur.genLow == 0) {
        WARN("%s is not a backup copy", debugstr_w(wszFile));
        return ERR_TRAP(JET_errRestoreOfNonBackupDatabase);
    }
    struct db_signature signLog;
    isam_signature_from_bytes(&signLog, rs->signLog);
    uint32_t genLowFound = h.bkinfoFullCur.genLow, genHighFound = h.bkinfoFullCur.genHigh;
    pb = mem_alloc(cbPage);
    if (!pb) return ERR_TRAP(JET_errOutOfMemory);
    CALL(os_file_open(rs->vfs, wszFile, OS_OPEN_EXCLUSIVE, &f));
    if (genHighFound == 0) {
        /* The trailer: the last page ESE's backup appended. */
        struct db_patchhdr p;
        if (cbFile % cbPage != 0 || cbFile < (uint64_t)(PAGE_DB_CPG_RESERVED + 2) * cbPage) FAIL(JET_errDatabaseCorrupted);
        CALL(os_file_read(f, cbFile - cbPage, pb, cbPage));
        err = page_patchhdr_parse(pb, cbPage, &p);
        if (err < 0) FAIL(JET_errDatabaseCorrupted);
        if (!signature_equal(&p.signDb, &h.signDb) || !signature_equal(&h.signLog, &signLog) ||
            !signature_equal(&p.signLog, &signLog) || lgpos_cmp(&p.bkinfo.lgposMark, &h.bkinfoFullCur.lgposMark) != 0) {
            WARN("%s: its trailer, header and the logs disagree", debugstr_w(wszFile));
            FAIL(JET_errDatabasePatchFileMismatch);
        }
        genLowFound = p.bkinfo.genLow;
        genHighFound = p.bkinfo.genHigh;
        fTrailer = true;
    } else if (!signature_equal(&h.signLog, &signLog)) {
        FAIL(JET_errDatabasePatchFileMismatch);
    }
    if (genLowFound < rs->genLow) {
        WARN("%s needs log generation %u; the first is %u", debugstr_w(wszFile), genLowFound, rs->genLow);
        FAIL(JET_errStartingRestoreLogTooHigh);
    }
    if (genHighFound > rs->genHigh) {
        WARN("%s needs log generation %u; the last is %u", debugstr_w(wszFile), genHighFound, rs->genHigh);
        FAIL(JET_errEndingRestoreLogTooLow);
    }
    /* The header now says how far the restore goes; the trailer's work is done. */
    h.bkinfoFullCur.genHigh = rs->genHigh;
    if ((uint32_t)h.lGenMaxCommitted < rs->genHigh) {
        memset(&h.logtimeGenMaxCreate, 0, sizeof h.logtimeGenMaxCreate);
        h.lGenMaxCommitted = (int32_t)rs->genHigh;
    }
    if ((uint32_t)h.lGenMaxRequired < rs->genHigh) {
        memset(&h.logtimeGenMaxRequired, 0, sizeof h.logtimeGenMaxRequired);
        h.lGenMaxRequired = (int32_t)rs->genHigh;
    }
    page_dbhdr_serialize(&h, pb, cbPage);
    CALL(os_file_write(f, 0, pb, cbPage));
    CALL(os_file_sync(f));
    CALL(os_file_write(f, cbPage, pb, cbPage));
    if (fTrailer) CALL(os_file_set_size(f, cbFile - cbPage));
    CALL(os_file_sync(f));
out:
    os_file_close(f);
    mem_free(pb);
    return err;
}

JET_ERR isam_restore_map_path(struct isam_instance *inst, const ESENT_WCHAR *wszPath, bool fCreate, ESENT_WCHAR **pwszUse)
{
    JET_ERR err;
    struct isam_restore *rs = inst->restore;
    *pwszUse = NULL;
    if (rs->fExternal) {
        /* Only what the map names; everything else is left out (ESE ignores missing entries). */
        for (uint32_t i = 0; i < rs->cdb; i++) {
            if (wstr_icmp_ascii(rs->rgdb[i].wszOrig, wszPath) == 0) {
                *pwszUse = wstr_dup(rs->rgdb[i].wszNew);
                return *pwszUse ? JET_errSuccess : ERR_TRAP(JET_errOutOfMemory);
            }
        }
        return JET_errSuccess;
    }
    /* JetRestore: a database goes to the destination folder (or where it was) under its name;
     * its backup copy is the file of that name in the backup folder (ESE's generic names). */
    const ESENT_WCHAR *wszLeaf = isam_path_leaf(wszPath);
    ESENT_WCHAR *wszDest = rs->wszDest ? isam_path_join(rs->wszDest, wszLeaf, false) : wstr_dup(wszPath);
    if (!wszDest) return ERR_TRAP(JET_errOutOfMemory);
    struct rst_db *d = NULL;
    for (uint32_t i = 0; i < rs->cdb && !d; i++)
        if (wstr_icmp_ascii(isam_path_leaf(rs->rgdb[i].wszSource), wszLeaf) == 0) d = &rs->rgdb[i];
    if (fCreate) {
        /* Made after the backup began: the log builds it wherever it goes. */
        *pwszUse = wszDest;
        return JET_errSuccess;
    }
    if (!d) {
        WARN("no backup copy of %s: its changes are not replayed", debugstr_w(wszPath));
        mem_free(wszDest);
        return JET_errSuccess;
    }
    if (!d->fReady) {
        if (wstr_icmp_ascii(d->wszSource, wszDest) != 0) CALL(copy_whole_file(rs->vfs, d->wszSource, wszDest));
        CALL(check_db_file(rs, wszDest, NULL));
        d->wszNew = wstr_dup(wszDest);
        if (!d->wszNew) FAIL(JET_errOutOfMemory);
        d->fReady = true;
        TRACE("restoring %s into %s", debugstr_w(d->wszSource), debugstr_w(wszDest));
    }
    *pwszUse = wszDest;
    return JET_errSuccess;
out:
    mem_free(wszDest);
    return err;
}

/* ---- the restore ----------------------------------------------------------------------------- */

static void restore_free(struct isam_restore *rs)
{
    if (!rs) return;
    for (uint32_t i = 0; i < rs->cdb; i++) {
        mem_free(rs->rgdb[i].wszOrig);
        mem_free(rs->rgdb[i].wszNew);
        mem_free(rs->rgdb[i].wszSource);
    }
    mem_free(rs->rgdb);
    mem_free(rs->wszDest);
    mem_free(rs);
}

static struct rst_db *add_db(struct isam_restore *rs)
{
    struct rst_db *rg = mem_realloc(rs->rgdb, (rs->cdb + 1) * sizeof *rg);
    if (!rg) return NULL;
    rs->rgdb = rg;
    memset(&rg[rs->cdb], 0, sizeof rg[rs->cdb]);
    return &rg[rs->cdb++];
}

static JET_ERR full_path(struct os_vfs *vfs, const ESENT_WCHAR *wsz, ESENT_WCHAR **pwsz)
{
    return vfs->ops->full_path(vfs, wsz, pwsz);
}

/* The log_config of the instance's log, pointed at another folder. */
static void log_config_for(struct isam_instance *inst, const ESENT_WCHAR *wszDir, struct log_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->vfs = isam_vfs(inst);
    cfg->wszLogPath = wszDir;
    cfg->wszSystemPath = wszDir;
    cfg->wszBaseName = param_wsz(&inst->params, JET_paramBaseName);
    cfg->cbLogFile = (uint32_t)param_num(&inst->params, JET_paramLogFileSize) * 1024u;
    cfg->cbLogBuffer = (uint32_t)param_num(&inst->params, JET_paramLogBuffers) * 512u;
    cfg->grbitLegacyFileNames = (uint32_t)param_num(&inst->params, JET_paramLegacyFileNames);
    cfg->fRestore = true;
}

/* What log_open says about a backup's logs, in ESE's restore words. */
static JET_ERR given_log_error(JET_ERR err)
{
    switch (err) {
    case JET_errBadLogSignature: return ERR_TRAP(JET_errGivenLogFileHasBadSignature);
    case JET_errInvalidLogSequence: return ERR_TRAP(JET_errGivenLogFileIsNotContiguous);
    case JET_errMissingLogFile: return ERR_TRAP(JET_errMissingRestoreLogFiles);
    default: return err;
    }
}

/* The backup's logs: range, signature, and the paths of [genLow, genHigh]. */
static JET_ERR scan_backup_logs(struct isam_instance *inst, struct isam_restore *rs, const ESENT_WCHAR *wszBackup,
                                const struct isam_restore_args *a, ESENT_WCHAR ***prgwszLogs)
{
    JET_ERR err;
    struct log_config cfg;
    struct log *log = NULL;
    struct log_state st;
    ESENT_WCHAR **rg = NULL;
    *prgwszLogs = NULL;
    log_config_for(inst, wszBackup, &cfg);
    err = log_open(&cfg, &log, &st);
    if (err < 0) return given_log_error(err);
    if (!st.fExisting) {
        WARN("no logs in %s", debugstr_w(wszBackup));
        FAIL(JET_errFileNotFound);
    }
    rs->genLow = a->genLow ? a->genLow : st.genMin;
    rs->genHigh = a->genHigh ? a->genHigh : st.genMax;
    if (rs->genLow > rs->genHigh) FAIL(JET_errInvalidParameter);
    if (rs->genLow < st.genMin || rs->genHigh > st.genMax) {
        WARN("logs %u..%u asked for, %u..%u there", rs->genLow, rs->genHigh, st.genMin, st.genMax);
        FAIL(JET_errMissingRestoreLogFiles);
    }
    memcpy(rs->signLog, st.signLog, sizeof rs->signLog);
    uint32_t c = rs->genHigh - rs->genLow + 1;
    rg = mem_calloc(c + 1, sizeof *rg);
    if (!rg) FAIL(JET_errOutOfMemory);
    for (uint32_t i = 0; i < c; i++) CALL(log_generation_path(log, rs->genLow + i, &rg[i]));
    *prgwszLogs = rg;
    rg = NULL;
out:
    if (rg)
        for (ESENT_WCHAR **p = rg; *p; p++) mem_free(*p);
    mem_free(rg);
    log_close(log);
    return err;
}

struct find_ctx {
    struct isam_instance *inst;
    struct isam_restore *rs;
    const ESENT_WCHAR *wszDir;
    JET_ERR err;
};

/* JetRestore: every file of the backup folder whose header says "backup copy". */
static JET_ERR find_copy(void *pv, const ESENT_WCHAR *wszName)
{
    struct find_ctx *c = pv;
    struct db_header h;
    uint32_t cbPage;
    ESENT_WCHAR *wsz = isam_path_join(c->wszDir, wszName, false);
    if (!wsz) return ERR_TRAP(JET_errOutOfMemory);
    if (isam_db_header_read(c->rs->vfs, wsz, &h, &cbPage, NULL) >= 0 && h.filetype == PAGE_FILETYPE_DATABASE &&
        h.bkinfoFullCur.genLow != 0) {
        struct rst_db *d = add_db(c->rs);
        if (!d) {
            mem_free(wsz);
            return ERR_TRAP(JET_errOutOfMemory);
        }
        d->wszSource = wsz;
        d->hdr = h;
        return JET_errSuccess;
    }
    mem_free(wsz);
    return JET_errSuccess;
}

static JET_ERR find_databases(struct isam_instance *inst, struct isam_restore *rs, const ESENT_WCHAR *wszBackup,
                              const struct isam_restore_args *a)
{
    JET_ERR err;
    struct os_vfs *vfs = rs->vfs;
    if (a->fExternal) {
        if (a->cmap > RSTMAP_MAX || (a->cmap && !a->rgmap)) return ERR_TRAP(JET_errInvalidParameter);
        for (uint32_t i = 0; i < a->cmap; i++) {
            if (!a->rgmap[i].wszDatabaseName || !a->rgmap[i].wszNewDatabaseName) return ERR_TRAP(JET_errInvalidParameter);
            struct rst_db *d = add_db(rs);
            if (!d) return ERR_TRAP(JET_errOutOfMemory);
            CALL_R(full_path(vfs, a->rgmap[i].wszDatabaseName, &d->wszOrig));
            CALL_R(full_path(vfs, a->rgmap[i].wszNewDatabaseName, &d->wszNew));
        }
        /* ESE checks every database before it replays anything. */
        for (uint32_t i = 0; i < rs->cdb; i++) {
            CALL_R(check_db_file(rs, rs->rgdb[i].wszNew, &rs->rgdb[i].hdr));
            rs->rgdb[i].fReady = true;
        }
        return JET_errSuccess;
    }
    static const ESENT_WCHAR wszStar[] = { '*', 0 };
    struct find_ctx c = { inst, rs, wszBackup, JET_errSuccess };
    CALL_R(vfs->ops->list(vfs, wszBackup, wszStar, find_copy, &c));
    if (rs->cdb == 0) {
        /* ESE looks for the databases' patch files here and finds none. */
        WARN("no database backup copy in %s", debugstr_w(wszBackup));
        return ERR_TRAP(JET_errPatchFileMissing);
    }
    return JET_errSuccess;
}

/* The backup's mark record: where redo starts, and the checkpoint data that goes with it. */
static JET_ERR read_mark(struct isam_instance *inst, const struct db_lgpos *pmark, lsn_t *plsnRedo, void **ppvCkpt,
                         size_t *pcbCkpt)
{
    JET_ERR err;
    struct log_reader *r = NULL;
    struct log_record rec;
    uint32_t gen = (uint32_t)pmark->lGeneration;
    *ppvCkpt = NULL;
    err = log_reader_open(inst->log, lsn_make(gen, 0), &r);
    if (err == JET_errMissingLogFile) err = ERR_TRAP(JET_errMissingRestoreLogFiles);
    CALL_R(err);
    for (;;) {
        err = log_reader_next(r, &rec);
        if (err > 0 || (err >= 0 && lsn_generation(rec.lsn) != gen)) {
            WARN("the backup's mark %u:%u:%u is not in the logs", gen, pmark->isec, pmark->ib);
            err = ERR_TRAP(JET_errLogFileCorrupt);
        }
        CALL(err);
        if (rec.type != ISAM_LR_BACKUP_BEGIN) continue;
        struct db_lgpos here = isam_lgpos_of(rec.lsn);
        if (lgpos_cmp(&here, pmark) != 0) continue;
        struct isam_lr_backup b;
        if (rec.cb < sizeof b) FAIL(JET_errLogFileCorrupt);
        memcpy(&b, rec.pv, sizeof b);
        uint32_t cb = le32_get(&b.cbCkpt);
        if (cb > rec.cb - sizeof b || le64_get(&b.lsnRedo) > rec.lsn) FAIL(JET_errLogFileCorrupt);
        *plsnRedo = le64_get(&b.lsnRedo);
        *ppvCkpt = mem_alloc(cb ? cb : 1);
        if (!*ppvCkpt) FAIL(JET_errOutOfMemory);
        memcpy(*ppvCkpt, rec.pv + sizeof b, cb);
        *pcbCkpt = cb;
        break;
    }
out:
    log_reader_close(r);
    return err;
}

static void status(JET_PFNSTATUS pfn, JET_SNT snt)
{
    JET_SNPROG prog = { sizeof(JET_SNPROG), snt == JET_sntComplete ? 100u : 0u, 100 };
    if (!pfn) return;
    JET_ERR errIgnored = pfn(JET_sesidNil, JET_snpRestore, snt, &prog);   /* ESE ignores it */
    (void)errIgnored;
}

JET_ERR isam_restore(struct isam_instance *inst, const struct isam_restore_args *a)
{
    JET_ERR err;
    struct isam_restore *rs = NULL;
    ESENT_WCHAR *wszBackup = NULL, *wszLogDir = NULL;
    ESENT_WCHAR **rgwszLogs = NULL, **rgwszCopied = NULL;
    void *pvCkpt = NULL;
    size_t cbCkpt = 0;
    bool fStarted = false;

    isam_lock();
    if (inst->state != ISAM_INST_CREATED) {
        enum isam_instance_state state = inst->state;
        isam_unlock();
        return ERR_TRAP(state == ISAM_INST_RUNNING ? JET_errAfterInitialization
                        : state == ISAM_INST_INITIALIZING ? JET_errInitInProgress : JET_errTermInProgress);
    }
    inst->state = ISAM_INST_INITIALIZING;
    isam_unlock();

    if (!a || !a->wszBackup || !a->wszBackup[0]) FAIL(JET_errInvalidParameter);
    rs = mem_calloc(1, sizeof *rs);
    if (!rs) FAIL(JET_errOutOfMemory);
    rs->vfs = isam_vfs(inst);
    rs->fExternal = a->fExternal;
    CALL(full_path(rs->vfs, a->wszBackup, &wszBackup));
    if (a->wszDest && a->wszDest[0]) {
        CALL(full_path(rs->vfs, a->wszDest, &rs->wszDest));
        if (param_bool(&inst->params, JET_paramCreatePathIfNotExist)) CALL(isam_mkdir_p(rs->vfs, rs->wszDest));
    }
    CALL(full_path(rs->vfs, param_wsz(&inst->params, JET_paramLogFilePath), &wszLogDir));
    CALL(isam_mkdir_p(rs->vfs, wszLogDir));
    CALL(isam_mkdir_p(rs->vfs, param_wsz(&inst->params, JET_paramSystemPath)));

    CALL(scan_backup_logs(inst, rs, wszBackup, a, &rgwszLogs));
    CALL(find_databases(inst, rs, wszBackup, a));
    /* Redo starts at the earliest mark among the copies (one backup: all the same). */
    const struct db_lgpos *pmark = NULL;
    for (uint32_t i = 0; i < rs->cdb; i++)
        if (!pmark || lgpos_cmp(&rs->rgdb[i].hdr.bkinfoFullCur.lgposMark, pmark) < 0) pmark = &rs->rgdb[i].hdr.bkinfoFullCur.lgposMark;
    if (!pmark) {
        /* An external restore of no database: the logs are fine, and nothing is to be replayed. */
        TRACE("restore of no database");
        goto out;
    }
    struct db_lgpos mark = *pmark;

    /* The backup's logs into the log folder, unless they are there (or the folder is theirs). */
    bool fSameFolder = wstr_icmp_ascii(wszBackup, wszLogDir) == 0;
    uint32_t clog = rs->genHigh - rs->genLow + 1;
    rgwszCopied = mem_calloc(clog + 1, sizeof *rgwszCopied);
    if (!rgwszCopied) FAIL(JET_errOutOfMemory);
    for (uint32_t i = 0, k = 0; i < clog && !fSameFolder; i++) {
        ESENT_WCHAR *wszTo = isam_path_join(wszLogDir, isam_path_leaf(rgwszLogs[i]), false);
        if (!wszTo) FAIL(JET_errOutOfMemory);
        bool fExists = false, fDir = false;
        err = rs->vfs->ops->exists(rs->vfs, wszTo, &fExists, &fDir);
        if (err >= 0 && !fExists) err = copy_whole_file(rs->vfs, rgwszLogs[i], wszTo);
        if (err >= 0 && !fExists) rgwszCopied[k++] = wszTo;
        else mem_free(wszTo);
        CALL(err);
    }

    /* The instance's log, then recovery from the mark's redo point. */
    inst->restore = rs;
    inst->ver_budget.cbMax = (size_t)param_num(&inst->params, JET_paramMaxVerPages) *
                             (size_t)param_num(&inst->params, JET_paramVerPageSize);
    inst->ver_budget.cbUsed = 0;
    CALL(isam_cache_acquire(inst));
    err = isam_log_open(inst);
    if (err == JET_errBadLogSignature) err = ERR_TRAP(JET_errExistingLogFileHasBadSignature);
    CALL(err);
    {
        /* The folder's old checkpoint says nothing about this log: the first checkpoint of the
         * restore makes a new one (ESE deletes it too). */
        ESENT_WCHAR *wszChk = NULL;
        if (log_checkpoint_path(inst->log, &wszChk) >= 0) {
            JET_ERR errRemove = rs->vfs->ops->remove(rs->vfs, wszChk);
            (void)errRemove;
        }
        mem_free(wszChk);
    }
    lsn_t lsnRedo = LSN_NONE;
    CALL(read_mark(inst, &mark, &lsnRedo, &pvCkpt, &cbCkpt));
    TRACE("restore of logs %u..%u from %s, redo from %u:%u", rs->genLow, rs->genHigh, debugstr_w(wszBackup),
          lsn_generation(lsnRedo), lsn_offset(lsnRedo));
    status(a->pfn, JET_sntBegin);
    fStarted = true;
    err = isam_recover_from(inst, lsnRedo, pvCkpt, cbCkpt);
    if (err == JET_errMissingLogFile) err = ERR_TRAP(JET_errMissingRestoreLogFiles);
    CALL(err);
    /* Every restored database was replayed, made consistent and detached. */
    for (uint32_t i = 0; i < rs->cdb; i++)
        if (rs->rgdb[i].fReady && rs->fExternal) TRACE("restored %s", debugstr_w(rs->rgdb[i].wszNew));
    status(a->pfn, JET_sntComplete);
out:
    if (inst->log) {
        JET_ERR errDetach = isam_db_detach_all(inst, false);
        (void)errDetach;
        isam_log_term(inst, err >= 0);
    }
    if (inst->fCache) isam_cache_release(inst);
    inst->restore = NULL;
    if ((err >= 0 || !fStarted) && rgwszCopied) {
        /* The copies of the backup's logs are behind the new checkpoint (the backup keeps them);
         * and before recovery began they must not stay in a folder whose log they do not fit. */
        for (ESENT_WCHAR **p = rgwszCopied; *p; p++) {
            JET_ERR errRemove = rs->vfs->ops->remove(rs->vfs, *p);
            (void)errRemove;
        }
    }
    if (err < 0 && fStarted) ERR("restore failed: %ld", (long)err);
    if (rgwszLogs)
        for (ESENT_WCHAR **p = rgwszLogs; *p; p++) mem_free(*p);
    if (rgwszCopied)
        for (ESENT_WCHAR **p = rgwszCopied; *p; p++) mem_free(*p);
    mem_free(rgwszLogs);
    mem_free(rgwszCopied);
    mem_free(pvCkpt);
    mem_free(wszBackup);
    mem_free(wszLogDir);
    restore_free(rs);
    isam_lock();
    inst->state = ISAM_INST_CREATED;
    isam_unlock();
    return err;
}
