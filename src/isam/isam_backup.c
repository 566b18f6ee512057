/* SPDX-License-Identifier: MIT
 * isam/isam_backup.c: online backup, ESE's external backup (BACKUP_CONTEXT in backup.cxx):
 * JetBeginExternalBackup, JetGetAttachInfo, JetOpenFile / JetReadFile / JetCloseFile,
 * JetGetLogInfo, JetGetTruncateLogInfo, JetTruncateLog, JetEndExternalBackup, JetStopBackup, and
 * JetBackup (the same steps into a folder). Layer: isam. README.md "Backup and restore" has the
 * design; the state machine:
 *
 *     IDLE --begin(full)--> DATABASES --log_info--> LOGS --end--> IDLE
 *     IDLE --begin(incremental)--------------------> LOGS --end--> IDLE
 *     any error that ESE treats as fatal, abort, JetTerm ----------> IDLE (no header update)
 *
 * The copy is fuzzy: pages are read from the file while updates go on, each verified by its
 * checksum. What makes it restorable is the log. A full backup starts with a checkpoint and
 * logs ISAM_LR_BACKUP_BEGIN, the backup's mark, holding that checkpoint's redo point and data;
 * every change missing from a page copy was logged after that redo point, and every generation
 * from the one holding it (or the first record of a transaction open then, if older) up to the
 * one before the generation log_info starts is in the backup. Until the backup ends, those
 * generations are kept (isam_backup_keep bounds circular logging). The header copy in the
 * backup names the range (bkinfoFullCur: mark, genLow; the trailer page ESE appends adds
 * genHigh), and attaching it without a restore fails (JET_errSoftRecoveryOnBackupDatabase).
 *
 * Locking: b->mu serializes the calls (ESE allows one backup and one open file); it is taken
 * before the instance's db_lock and a database's hdr_lock. isam_backup_keep reads b->lsnKeep
 * without a lock. */
#include "isam_db.h"
#include "isam_logrec.h"
#include "debug.h"
#include "utf.h"

DEBUG_CHANNEL(isam);

/* Windows' esent.h bits that the SDK header keeps private. */
#ifndef JET_bitBackupSurrogate
#define JET_bitBackupSurrogate          0x00000020
#endif
#ifndef JET_bitInternalCopy
#define JET_bitInternalCopy             0x00000040
#endif
#ifndef JET_bitBackupNoDbHeaderUpdate
#define JET_bitBackupNoDbHeaderUpdate   0x0200
#endif

/* ESE's DBFILEHDR::BKINFOTYPE. */
#define BKINFO_TYPE_NORMAL 0u

/* JetReadFile wants page-aligned buffers (ESE checks the OS commit granularity, 4 KiB). */
#define READ_ALIGN 4096u
/* A page whose checksum fails is read again this many times before the backup gives up on it:
 * the cache may have been writing it while we read (ESE retries too, for transient errors). */
#define READ_RETRIES 8u
/* JetBackup reads this many pages at a time (ESE's cpageBackupBufferMost). */
#define COPY_CPG_MAX 256u

enum bk_phase { BK_DATABASES, BK_LOGS };

/* One open backup file (ESE's RHF; crhfMax is 1). */
struct bk_file {
    bool fInUse;
    bool fDatabase;
    bool fIsLog;
    struct isam_db *db;             /* fDatabase: held open (cOpen) until closed */
    struct os_file *file;           /* other files */
    uint64_t ib, cb;                /* next byte to return, and the size announced */
    uint32_t gen;                   /* fIsLog */
    uint32_t pgnoMost;              /* database pages at open (ESE's PgnoBackupMost) */
    uint32_t pgnoCopyMost;          /* pages returned so far (ESE's PgnoBackupCopyMost) */
    bool fCopiedTrailer;
    uint8_t *pbHdr;                 /* the header copy handed out for pages 0 and 1 */
};

struct isam_backup {
    struct os_mutex mu;
    bool fActive;
    bool fStop;                     /* atomic: JetStopBackup */
    bool fFull;
    enum bk_phase phase;
    bool fLogsPrepared;             /* log_info ran: the copy range is fixed */
    bool fLogsTruncated;            /* JetTruncateLog ran */
    lsn_t lsnKeep;                  /* atomic: generations from here are kept; LSN_NONE idle */
    lsn_t lsnMark;                  /* full: the ISAM_LR_BACKUP_BEGIN record */
    struct db_logtime logtimeMark;
    lsn_t lsnIncMark;               /* incremental: the end of the log when it was prepared */
    struct db_logtime logtimeInc;
    uint32_t genCopyMic, genCopyMac;        /* logs to copy: [mic, mac) */
    uint32_t genDeleteMic, genDeleteMac;    /* logs JetTruncateLog deletes: [mic, mac) */
    uint64_t cGenCopyDone;          /* sum of the generations copied whole (ESE's check) */
    struct bk_file rhf;
};

static uint32_t page_size(void)
{
    return (uint32_t)param_num(isam_global_params(), JET_paramDatabasePageSize);
}

static bool db_is_logged(const struct isam_db *db)
{
    return db && !db->fReadOnly && !(db->grbit & JET_bitDbRecoveryOff);
}

static struct isam_backup *backup_get(struct isam_instance *inst, bool fCreate)
{
    struct isam_backup *b = __atomic_load_n(&inst->backup, __ATOMIC_ACQUIRE);
    if (b || !fCreate) return b;
    os_mutex_lock(&inst->db_lock);
    b = inst->backup;
    if (!b) {
        b = mem_calloc(1, sizeof *b);
        if (b) {
            os_mutex_init(&b->mu);
            __atomic_store_n(&inst->backup, b, __ATOMIC_RELEASE);
        }
    }
    os_mutex_unlock(&inst->db_lock);
    return b;
}

lsn_t isam_backup_keep(struct isam_instance *inst)
{
    struct isam_backup *b = __atomic_load_n(&inst->backup, __ATOMIC_ACQUIRE);
    return b ? __atomic_load_n(&b->lsnKeep, __ATOMIC_ACQUIRE) : LSN_NONE;
}

/* ---- files ----------------------------------------------------------------------------------- */

static void file_release(struct isam_instance *inst, struct bk_file *f)
{
    if (!f->fInUse) return;
    if (f->fDatabase && f->db) {
        os_mutex_lock(&inst->db_lock);
        f->db->cOpen--;
        os_mutex_unlock(&inst->db_lock);
    }
    os_file_close(f->file);
    mem_free(f->pbHdr);
    memset(f, 0, sizeof *f);
}

/* Back to IDLE without touching any header (ESE's cleanup with an error). Under b->mu. */
static void backup_reset(struct isam_instance *inst, struct isam_backup *b)
{
    file_release(inst, &b->rhf);
    os_mutex_lock(&inst->db_lock);
    for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
        if (!inst->dbs[i]) continue;
        inst->dbs[i]->fInBackup = false;
        inst->dbs[i]->fBackupCopyDone = false;
    }
    os_mutex_unlock(&inst->db_lock);
    b->fActive = false;
    __atomic_store_n(&b->fStop, false, __ATOMIC_RELEASE);
    __atomic_store_n(&b->lsnKeep, LSN_NONE, __ATOMIC_RELEASE);
}

/* An error ESE treats as the end of the whole backup: report it, and the backup is over. */
static JET_ERR backup_fail(struct isam_instance *inst, struct isam_backup *b, JET_ERR err)
{
    WARN("backup stopped by error %ld", (long)err);
    backup_reset(inst, b);
    return err;
}

/* The checks every call but begin and end starts with. Under b->mu. */
static JET_ERR backup_check(struct isam_backup *b)
{
    if (!b || !b->fActive) return ERR_TRAP(JET_errNoBackup);
    if (__atomic_load_n(&b->fStop, __ATOMIC_ACQUIRE)) return ERR_TRAP(JET_errBackupAbortByServer);
    return JET_errSuccess;
}

/* Lock the instance's backup, if it has one (NULL otherwise, unlocked). */
static struct isam_backup *backup_lock(struct isam_instance *inst)
{
    struct isam_backup *b = backup_get(inst, false);
    if (b) os_mutex_lock(&b->mu);
    return b;
}

static void backup_unlock(struct isam_backup *b)
{
    if (b) os_mutex_unlock(&b->mu);
}

/* ---- begin ----------------------------------------------------------------------------------- */

/* ESE's ErrLGCheckIncrementalBackup: every database must have a full backup to add to. */
static JET_ERR check_incremental(struct isam_instance *inst)
{
    JET_ERR err = JET_errSuccess;
    os_mutex_lock(&inst->db_lock);
    for (uint32_t i = 1; i < ISAM_DB_SLOTS && err >= 0; i++) {
        struct isam_db *db = inst->dbs[i];
        if (!db_is_logged(db)) continue;
        os_mutex_lock(&db->hdr_lock);
        if (db->hdr.bkinfoFullPrev.genLow == 0 || db->hdr.bkinfoTypeFullPrev != BKINFO_TYPE_NORMAL) {
            WARN("%s has no full backup: no incremental one", debugstr_w(db->wszPath));
            err = ERR_TRAP(JET_errMissingFullBackup);
        }
        os_mutex_unlock(&db->hdr_lock);
    }
    os_mutex_unlock(&inst->db_lock);
    return err;
}

/* A full backup's start: a checkpoint, and the mark record holding what restore needs. */
static JET_ERR begin_full(struct isam_instance *inst, struct isam_backup *b)
{
    JET_ERR err;
    struct isam_ckpt ck;
    struct isam_lr_backup rec;

    CALL_R(isam_checkpoint_ex(inst, &ck));
    lsn_t lsnLow = (ck.lsnKeep != LSN_NONE && ck.lsnKeep < ck.lsnRedo) ? ck.lsnKeep : ck.lsnRedo;
    le64_put(&rec.lsnRedo, ck.lsnRedo);
    le64_put(&rec.lsnKeep, ck.lsnKeep);
    le32_put(&rec.cbCkpt, (uint32_t)ck.cbData);
    le32_put(&rec.reserved, 0);
    CALL(log_append2(inst->log, ISAM_LR_BACKUP_BEGIN, &rec, sizeof rec, ck.pvData, ck.cbData, &b->lsnMark));
    CALL(log_flush(inst->log, b->lsnMark));
    b->logtimeMark = isam_logtime_now();
    b->genCopyMic = lsn_generation(lsnLow);
    __atomic_store_n(&b->lsnKeep, lsn_make(b->genCopyMic, 0), __ATOMIC_RELEASE);
    TRACE("full backup: mark %u:%u, redo %u:%u, logs from generation %u", lsn_generation(b->lsnMark),
          lsn_offset(b->lsnMark), lsn_generation(ck.lsnRedo), lsn_offset(ck.lsnRedo), b->genCopyMic);
out:
    mem_free(ck.pvData);
    return err;
}

JET_ERR isam_backup_begin(struct isam_instance *inst, JET_GRBIT grbit)
{
    JET_ERR err;
    /* ESE's order of checks (ErrBKBeginExternalBackup). */
    if (!inst->log) return ERR_TRAP(JET_errLoggingDisabled);
    JET_ERR errState = log_check_state(inst->log);
    if (errState < 0 && errState != JET_errLogDiskFull) return ERR_TRAP(JET_errLogWriteFail);
    if (grbit & ~(JET_GRBIT)(JET_bitBackupIncremental | JET_bitBackupSurrogate | JET_bitInternalCopy))
        return ERR_TRAP(JET_errInvalidGrbit);
    bool fIncremental = (grbit & JET_bitBackupIncremental) != 0;
    bool fCircular = param_bool(&inst->params, JET_paramCircularLog);
    if (fIncremental && fCircular) return ERR_TRAP(JET_errInvalidBackup);
    if ((grbit & JET_bitBackupSurrogate) && fCircular) return ERR_TRAP(JET_errInvalidBackup);
    if ((grbit & JET_bitInternalCopy) && (grbit & (JET_bitBackupSurrogate | JET_bitBackupIncremental)))
        return ERR_TRAP(JET_errInvalidGrbit);
    if (grbit & (JET_bitBackupSurrogate | JET_bitInternalCopy)) {
        FIXME("surrogate backups and internal copies (grbit %#lx) are not done", (unsigned long)grbit);
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    /* No backup while the log runs on its reserve: it would only make things worse. */
    if (errState < 0) return errState;

    struct isam_backup *b = backup_get(inst, true);
    if (!b) return ERR_TRAP(JET_errOutOfMemory);
    os_mutex_lock(&b->mu);
    if (b->fActive) {
        os_mutex_unlock(&b->mu);
        return ERR_TRAP(JET_errBackupInProgress);
    }
    memset(&b->rhf, 0, sizeof b->rhf);
    b->fActive = true;
    b->fFull = !fIncremental;
    b->phase = fIncremental ? BK_LOGS : BK_DATABASES;
    b->fLogsPrepared = b->fLogsTruncated = false;
    b->lsnMark = b->lsnIncMark = LSN_NONE;
    b->genCopyMic = b->genCopyMac = b->genDeleteMic = b->genDeleteMac = 0;
    b->cGenCopyDone = 0;
    __atomic_store_n(&b->fStop, false, __ATOMIC_RELEASE);
    /* Keep everything while the range is worked out. */
    uint32_t genMin, genMax;
    log_generations(inst->log, &genMin, &genMax);
    __atomic_store_n(&b->lsnKeep, lsn_make(genMin ? genMin : 1, 0), __ATOMIC_RELEASE);

    /* An incremental backup is about every database; a full one about those whose file is read
     * (ESE marks them at JetOpenFile). */
    os_mutex_lock(&inst->db_lock);
    for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
        struct isam_db *db = inst->dbs[i];
        if (!db) continue;
        db->fInBackup = fIncremental && db_is_logged(db);
        db->fBackupCopyDone = false;
    }
    os_mutex_unlock(&inst->db_lock);

    err = fIncremental ? check_incremental(inst) : begin_full(inst, b);
    if (err < 0) backup_reset(inst, b);
    os_mutex_unlock(&b->mu);
    return err;
}

/* ---- JetGetAttachInfo ------------------------------------------------------------------------ */

/* Return a multi-string the way ESE's GetAttachInfo does: the whole size in *pcbActual, as much
 * as fits copied. */
static void multi_out(const ESENT_WCHAR *wszz, uint32_t cb, ESENT_WCHAR *wszzOut, uint32_t cbMax, uint32_t *pcbActual)
{
    if (pcbActual) *pcbActual = cb;
    if (wszzOut) memcpy(wszzOut, wszz, MIN(cbMax, cb));
}

JET_ERR isam_backup_attach_info(struct isam_instance *inst, ESENT_WCHAR *wszz, uint32_t cbMax, uint32_t *pcbActual)
{
    JET_ERR err;
    struct isam_backup *b = backup_lock(inst);
    ESENT_WCHAR *wszzAll = NULL;
    CALL(backup_check(b));
    if (!b->fFull) FAIL(JET_errInvalidBackupSequence);

    os_mutex_lock(&inst->db_lock);
    size_t cch = 1;
    for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++)
        if (db_is_logged(inst->dbs[i])) cch += wstr_len(inst->dbs[i]->wszPath) + 1;
    wszzAll = mem_alloc(cch * sizeof(ESENT_WCHAR));
    if (wszzAll) {
        ESENT_WCHAR *p = wszzAll;
        for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
            if (!db_is_logged(inst->dbs[i])) continue;
            size_t c = wstr_len(inst->dbs[i]->wszPath) + 1;
            memcpy(p, inst->dbs[i]->wszPath, c * sizeof(ESENT_WCHAR));
            p += c;
        }
        *p = 0;
    }
    os_mutex_unlock(&inst->db_lock);
    if (!wszzAll) {
        err = backup_fail(inst, b, ERR_TRAP(JET_errOutOfMemory));
        goto out;
    }
    multi_out(wszzAll, (uint32_t)(cch * sizeof(ESENT_WCHAR)), wszz, cbMax, pcbActual);
out:
    backup_unlock(b);
    mem_free(wszzAll);
    return err;
}

/* ---- JetOpenFile ----------------------------------------------------------------------------- */

const ESENT_WCHAR *isam_path_leaf(const ESENT_WCHAR *wszPath)
{
    const ESENT_WCHAR *p = wszPath;
    for (const ESENT_WCHAR *q = wszPath; *q; q++)
        if (*q == '/' || *q == '\\') p = q + 1;
    return p;
}

static int hexval(ESENT_WCHAR c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* ESE's ErrLGGetGeneration: <base> + 5 or 8 hex digits + the log extension. Returns false for
 * another extension (*pfIsLog false) and for a malformed log name (*pfIsLog true). */
static bool parse_log_name(struct isam_instance *inst, const ESENT_WCHAR *wszPath, bool *pfIsLog, uint32_t *pgen)
{
    const ESENT_WCHAR *wszName = isam_path_leaf(wszPath);
    const ESENT_WCHAR *wszBase = param_wsz(&inst->params, JET_paramBaseName);
    static const ESENT_WCHAR wszLog[] = { '.', 'l', 'o', 'g', 0 }, wszJtx[] = { '.', 'j', 't', 'x', 0 };
    bool fLegacy = (param_num(&inst->params, JET_paramLegacyFileNames) & JET_bitESE98FileNames) != 0;
    const ESENT_WCHAR *wszExt = fLegacy ? wszLog : wszJtx;
    size_t cch = wstr_len(wszName), cchExt = wstr_len(wszExt), cchBase = wstr_len(wszBase);
    *pfIsLog = cch >= cchExt && wstr_icmp_ascii(wszName + cch - cchExt, wszExt) == 0;
    if (!*pfIsLog) return false;
    size_t cchStem = cch - cchExt;
    if (cchStem < cchBase) return false;
    for (size_t i = 0; i < cchBase; i++) {
        ESENT_WCHAR a = wszName[i], c = wszBase[i];
        if (a >= 'A' && a <= 'Z') a = (ESENT_WCHAR)(a + 32);
        if (c >= 'A' && c <= 'Z') c = (ESENT_WCHAR)(c + 32);
        if (a != c) return false;
    }
    size_t cDigits = cchStem - cchBase;
    if (cDigits != 5 && cDigits != 8) return false;
    uint32_t gen = 0;
    for (size_t i = cchBase; i < cchStem; i++) {
        int v = hexval(wszName[i]);
        if (v < 0) return false;
        gen = gen * 16 + (uint32_t)v;
    }
    *pgen = gen;
    return gen != 0;
}

/* Read generation gen through the log's own reader, which checks every record. */
static JET_ERR verify_generation(struct isam_instance *inst, uint32_t gen)
{
    JET_ERR err;
    struct log_reader *r = NULL;
    struct log_record rec;
    CALL_R(log_reader_open(inst->log, lsn_make(gen, 0), &r));
    for (;;) {
        err = log_reader_next(r, &rec);
        if (err != JET_errSuccess || lsn_generation(rec.lsn) != gen) break;
    }
    if (err > 0) err = JET_errSuccess;
    log_reader_close(r);
    return err;
}

/* A database file: its header copy (with the backup's range) and its size now. Under b->mu. */
static JET_ERR open_database(struct isam_instance *inst, struct isam_backup *b, struct isam_db *db, uint64_t ibRead)
{
    struct bk_file *f = &b->rhf;
    uint32_t cbPage = db->cbPage;
    f->pbHdr = mem_calloc(1, cbPage);
    if (!f->pbHdr) return ERR_TRAP(JET_errOutOfMemory);
    /* The header as of now, before the size is taken: the copy then covers every page the
     * header's log range can name (ESE snapshots it first too). */
    os_mutex_lock(&db->hdr_lock);
    struct db_header hdr = db->hdr;
    os_mutex_unlock(&db->hdr_lock);
    hdr.bkinfoFullCur.lgposMark = isam_lgpos_of(b->lsnMark);
    hdr.bkinfoFullCur.logtimeMark = b->logtimeMark;
    hdr.bkinfoFullCur.genLow = b->genCopyMic;
    hdr.bkinfoFullCur.genHigh = 0;
    page_dbhdr_serialize(&hdr, f->pbHdr, cbPage);

    f->fInUse = true;
    f->fDatabase = true;
    f->db = db;
    f->pgnoMost = cache_file_cpg(db->cfile);
    f->pgnoCopyMost = ibRead ? (uint32_t)(ibRead / cbPage) - PAGE_DB_CPG_RESERVED : 0;
    if (f->pgnoCopyMost > f->pgnoMost) f->pgnoCopyMost = f->pgnoMost;
    f->ib = ibRead;
    /* The pages, header and shadow, and the trailer ESE appends. */
    f->cb = ((uint64_t)f->pgnoMost + PAGE_DB_CPG_RESERVED + 1) * cbPage;
    db->cOpen++;                        /* detach waits for the backup (JET_errDatabaseInUse) */
    db->fInBackup = true;
    db->fBackupCopyDone = false;
    return JET_errSuccess;
}

/* Any other file (logs in the log phase). Errors here end the backup. Under b->mu. */
static JET_ERR open_other(struct isam_instance *inst, struct isam_backup *b, const ESENT_WCHAR *wszFull,
                          uint64_t ibRead)
{
    JET_ERR err;
    struct bk_file *f = &b->rhf;
    bool fIsLog = false;
    uint32_t gen = 0;
    if (!parse_log_name(inst, wszFull, &fIsLog, &gen) && fIsLog) return ERR_TRAP(JET_errInvalidParameter);
    err = os_file_open(isam_vfs(inst), wszFull, OS_OPEN_READONLY, &f->file);
    if (err == JET_errFileNotFound) {
        WARN("%s is missing", debugstr_w(wszFull));
        err = ERR_TRAP(JET_errMissingFileToBackup);
    }
    CALL_R(err);
    f->fInUse = true;
    f->fIsLog = fIsLog;
    f->gen = gen;
    CALL_R(os_file_size(f->file, &f->cb));
    f->ib = MIN(ibRead, f->cb);
    /* ESE reads log files through its log verifier: a damaged one fails the backup. */
    if (fIsLog) CALL_R(verify_generation(inst, gen));
    return JET_errSuccess;
}

JET_ERR isam_backup_open_file(struct isam_instance *inst, const ESENT_WCHAR *wszName, uint64_t ibRead,
                              JET_HANDLE *phf, uint64_t *pcbFile)
{
    JET_ERR err;
    ESENT_WCHAR *wszFull = NULL;
    struct isam_backup *b = backup_lock(inst);
    uint32_t cbPage = page_size();

    CALL(backup_check(b));
    if (!wszName || !wszName[0] || !phf || !pcbFile) FAIL(JET_errInvalidParameter);
    if (ibRead % cbPage != 0) FAIL(JET_errInvalidParameter);
    /* A section must start at page 2 or later (the first read of a file returns the header
     * copies and at least one page, as ESE's reader insists). */
    if (ibRead > 0 && ibRead / cbPage < PAGE_DB_CPG_RESERVED + 1) FAIL(JET_errInvalidParameter);
    if (b->rhf.fInUse) FAIL(JET_errOutOfMemory);          /* ESE: one file at a time */
    struct os_vfs *vfs = isam_vfs(inst);
    CALL(vfs->ops->full_path(vfs, wszName, &wszFull));      /* before a slot is taken: no cleanup */

    os_mutex_lock(&inst->db_lock);
    struct isam_db *db = NULL;
    for (uint32_t i = 1; i < ISAM_DB_SLOTS && !db; i++)
        if (db_is_logged(inst->dbs[i]) && wstr_icmp_ascii(inst->dbs[i]->wszPath, wszFull) == 0) db = inst->dbs[i];
    if (db) {
        if (!b->fFull || b->phase != BK_DATABASES) err = ERR_TRAP(JET_errInvalidBackupSequence);
        else err = open_database(inst, b, db, ibRead);
    } else {
        err = b->phase == BK_DATABASES ? ERR_TRAP(JET_errDatabaseNotFound) : JET_errSuccess;
    }
    os_mutex_unlock(&inst->db_lock);
    if (err >= 0 && !db) err = open_other(inst, b, wszFull, ibRead);

    if (err < 0) {
        /* In the database phase an error costs only that file; after it, the backup. */
        if (b->phase == BK_DATABASES) {
            if (b->rhf.fDatabase && b->rhf.db) b->rhf.db->fInBackup = false;
            file_release(inst, &b->rhf);
        } else {
            backup_fail(inst, b, err);
        }
        goto out;
    }
    *phf = 0;
    *pcbFile = b->rhf.cb;
    TRACE("opened %s for backup: %llu bytes", debugstr_w(wszFull), (unsigned long long)b->rhf.cb);
out:
    backup_unlock(b);
    mem_free(wszFull);
    return err;
}

/* ---- JetReadFile ----------------------------------------------------------------------------- */

/* Is this page good enough to back up? An all-zero page (never written) is (ESE says so). */
static JET_ERR page_check(const uint8_t *pb, uint32_t cbPage, uint32_t pgno)
{
    JET_ERR err = page_checksum_verify(pb, cbPage, pgno, NULL);
    if (err == JET_errPageNotInitialized) return JET_errSuccess;
    if (err < 0) return ERR_CORRUPT_E(JET_errReadVerifyFailure, pgno, "backup read: bad checksum");
    struct page_view v = page_view_make(pb, cbPage, pgno);
    if (v.large && page_pgno_stored(&v) != pgno)
        return ERR_CORRUPT_E(JET_errReadPgnoVerifyFailure, pgno, "backup read: page carries another number");
    return JET_errSuccess;
}

static JET_ERR read_page_range(struct isam_db *db, uint32_t pgnoFirst, uint32_t cpg, uint8_t *pb)
{
    JET_ERR err;
    uint32_t cbPage = db->cbPage;
    err = os_file_read(db->file, page_file_offset(pgnoFirst, cbPage), pb, (size_t)cpg * cbPage);
    if (err == JET_errFileIOBeyondEOF) err = JET_errSuccess;      /* never written: zeros */
    CALL_R(err);
    for (uint32_t i = 0; i < cpg; i++) {
        uint32_t pgno = pgnoFirst + i;
        uint8_t *p = pb + (size_t)i * cbPage;
        err = page_check(p, cbPage, pgno);
        /* The cache may have been writing this very page: a torn read heals on a second look;
         * a page bad on disk stays bad. */
        for (uint32_t t = 1; err < 0 && t <= READ_RETRIES; t++) {
            os_sleep_ms(t);
            JET_ERR errRead = os_file_read(db->file, page_file_offset(pgno, cbPage), p, cbPage);
            if (errRead < 0 && errRead != JET_errFileIOBeyondEOF) return errRead;
            err = page_check(p, cbPage, pgno);
        }
        if (err < 0) {
            WARN("%s: page %u fails verification; the backup of this database fails", debugstr_w(db->wszPath), pgno);
            return err;
        }
    }
    return JET_errSuccess;
}

/* The trailer ESE appends to a database copy: the range with genHigh, as the copy ends. */
static void make_trailer(struct isam_instance *inst, struct isam_backup *b, struct isam_db *db, uint8_t *pb)
{
    struct db_patchhdr p;
    memset(&p, 0, sizeof p);
    os_mutex_lock(&db->hdr_lock);
    p.signDb = db->hdr.signDb;
    p.signLog = db->hdr.signLog;
    p.lgenMinReq = (uint32_t)db->hdr.lGenMinRequired;
    p.lgenMaxReq = (uint32_t)db->hdr.lGenMaxRequired;
    p.lgenMaxCommitted = (uint32_t)db->hdr.lGenMaxCommitted;
    os_mutex_unlock(&db->hdr_lock);
    p.bkinfo.lgposMark = isam_lgpos_of(b->lsnMark);
    p.bkinfo.logtimeMark = b->logtimeMark;
    p.bkinfo.genLow = b->genCopyMic;
    /* Every change in the pages read is logged by now (write-ahead rule), at the latest in the
     * current generation: replay must reach its end. */
    p.bkinfo.genHigh = lsn_generation(log_end_lsn(inst->log));
    if (p.lgenMaxCommitted > p.bkinfo.genHigh) p.bkinfo.genHigh = p.lgenMaxCommitted;
    page_patchhdr_serialize(&p, pb, db->cbPage);
}

/* ESE's ErrBKIReadPages: header copies first, then pages up to the size at open, then the
 * trailer once there is room for it. */
static JET_ERR read_database(struct isam_instance *inst, struct isam_backup *b, uint8_t *pv, uint32_t cpage,
                             uint32_t *pcbActual)
{
    JET_ERR err;
    struct bk_file *f = &b->rhf;
    struct isam_db *db = f->db;
    uint32_t cbPage = db->cbPage;
    uint32_t cpageT = MIN(cpage, f->pgnoMost - f->pgnoCopyMost + (f->pgnoCopyMost == 0 ? PAGE_DB_CPG_RESERVED : 0));
    uint32_t ipage = 0;
    bool fRoomForTrailer = cpageT < cpage;
    *pcbActual = 0;
    if (cpageT == 0 && (!fRoomForTrailer || f->fCopiedTrailer)) return JET_errSuccess;
    if (f->pgnoCopyMost == 0 && cpageT >= PAGE_DB_CPG_RESERVED) {
        memcpy(pv, f->pbHdr, cbPage);
        memcpy(pv + cbPage, f->pbHdr, cbPage);
        ipage = PAGE_DB_CPG_RESERVED;
    }
    uint32_t cpg = cpageT - ipage;
    if (cpg) {
        CALL_R(read_page_range(db, f->pgnoCopyMost + 1, cpg, pv + (size_t)ipage * cbPage));
        f->pgnoCopyMost += cpg;
    }
    uint32_t cb = cpageT * cbPage;
    if (fRoomForTrailer && !f->fCopiedTrailer) {
        make_trailer(inst, b, db, pv + cb);
        cb += cbPage;
        f->fCopiedTrailer = true;
    }
    *pcbActual = cb;
    return JET_errSuccess;
}

static JET_ERR read_locked(struct isam_instance *inst, struct isam_backup *b, JET_HANDLE hf, void *pv,
                           uint32_t cbMax, uint32_t *pcbActual)
{
    JET_ERR err;
    struct bk_file *f = &b->rhf;
    uint32_t cbPage = page_size(), cb = 0;
    if (hf != 0 || !f->fInUse) return ERR_TRAP(JET_errInvalidParameter);
    if (cbMax % cbPage != 0) return ERR_TRAP(JET_errInvalidParameter);
    if (!f->fDatabase) {
        if (cbMax / cbPage < PAGE_DB_CPG_RESERVED && f->ib == 0) return ERR_TRAP(JET_errInvalidParameter);
        cb = (uint32_t)MIN((uint64_t)cbMax, f->cb - f->ib);
        if (cb) {
            err = os_file_read(f->file, f->ib, pv, cb);
            if (err < 0) return backup_fail(inst, b, err);
        }
    } else {
        uint32_t cpage = cbMax / cbPage;
        /* Header and shadow plus at least one page on the first read. */
        if (cpage == 0 || (cpage <= PAGE_DB_CPG_RESERVED && f->pgnoCopyMost == 0))
            return ERR_TRAP(JET_errInvalidParameter);
        err = read_database(inst, b, pv, cpage, &cb);
        if (err < 0) {
            /* This database's copy fails; the backup goes on without it. */
            os_mutex_lock(&inst->db_lock);
            f->db->fInBackup = false;
            os_mutex_unlock(&inst->db_lock);
            file_release(inst, f);
            return err;
        }
    }
    f->ib += cb;
    if (pcbActual) *pcbActual = cb;
    return JET_errSuccess;
}

JET_ERR isam_backup_read_file(struct isam_instance *inst, JET_HANDLE hf, void *pv, uint32_t cbMax, uint32_t *pcbActual)
{
    JET_ERR err;
    struct isam_backup *b = backup_lock(inst);
    CALL(backup_check(b));
    if (!pv || ((uintptr_t)pv & (READ_ALIGN - 1))) FAIL(JET_errInvalidParameter);
    err = read_locked(inst, b, hf, pv, cbMax, pcbActual);
out:
    backup_unlock(b);
    return err;
}

/* ---- JetCloseFile ---------------------------------------------------------------------------- */

static JET_ERR close_locked(struct isam_instance *inst, struct isam_backup *b, JET_HANDLE hf)
{
    struct bk_file *f = &b->rhf;
    if (hf != 0 || !f->fInUse) return ERR_TRAP(JET_errInvalidParameter);
    bool fWhole = f->ib == f->cb;
    if (f->fDatabase && fWhole) {
        os_mutex_lock(&inst->db_lock);
        f->db->fBackupCopyDone = true;
        os_mutex_unlock(&inst->db_lock);
    } else if (f->fIsLog && fWhole && b->genCopyMac && f->gen >= b->genCopyMic && f->gen < b->genCopyMac) {
        /* ESE's cheap check that every log was copied: the sum of their generations. */
        b->cGenCopyDone += f->gen;
    } else if (!fWhole) {
        TRACE("backup file closed after %llu of %llu bytes", (unsigned long long)f->ib, (unsigned long long)f->cb);
    }
    file_release(inst, f);
    return JET_errSuccess;
}

JET_ERR isam_backup_close_file(struct isam_instance *inst, JET_HANDLE hf)
{
    JET_ERR err = JET_errSuccess;
    struct isam_backup *b = backup_lock(inst);
    if (!b || !b->fActive) FAIL(JET_errNoBackup);
    err = close_locked(inst, b, hf);
out:
    backup_unlock(b);
    return err;
}

/* ---- JetGetLogInfo, JetGetTruncateLogInfo ---------------------------------------------------- */

/* ESE's ErrBKICheckLogsForIncrementalBackup: the oldest log must follow the last backup. */
static JET_ERR check_incremental_logs(struct isam_instance *inst, uint32_t genMinExisting)
{
    JET_ERR err = JET_errSuccess;
    os_mutex_lock(&inst->db_lock);
    for (uint32_t i = 1; i < ISAM_DB_SLOTS && err >= 0; i++) {
        struct isam_db *db = inst->dbs[i];
        if (!db_is_logged(db)) continue;
        os_mutex_lock(&db->hdr_lock);
        uint32_t genBackup = MAX(db->hdr.bkinfoFullPrev.genHigh, db->hdr.bkinfoIncPrev.genHigh);
        os_mutex_unlock(&db->hdr_lock);
        if (genMinExisting > genBackup + 1) {
            WARN("log generation %u, which %s needs, is gone", genBackup + 1, debugstr_w(db->wszPath));
            err = ERR_TRAP(JET_errMissingFileToBackup);
        }
    }
    os_mutex_unlock(&inst->db_lock);
    return err;
}

/* ESE's ErrBKIPrepareLogFiles: a new generation, so that every log to copy is closed, then the
 * ranges to copy and to truncate. Under b->mu. */
static JET_ERR prepare_logs(struct isam_instance *inst, struct isam_backup *b)
{
    JET_ERR err;
    lsn_t lsnBefore = log_end_lsn(inst->log);
    struct db_logtime ltBefore = isam_logtime_now();
    CALL_R(log_new_generation(inst->log));
    uint32_t genMin, genCur;
    log_generations(inst->log, &genMin, &genCur);
    b->genCopyMac = genCur;
    b->genDeleteMic = genMin;
    if (!b->fFull) CALL_R(check_incremental_logs(inst, genMin));

    /* What crash recovery needs stays: from the last checkpoint's redo point, or the first record
     * of a transaction open then. */
    os_mutex_lock(&inst->ckpt_lock);
    lsn_t lsnRedo = inst->lsnCkptRedo, lsnKeep = inst->lsnCkptKeep;
    os_mutex_unlock(&inst->ckpt_lock);
    uint32_t genDeleteMac = lsnRedo ? lsn_generation(lsnRedo) : genMin;
    if (lsnKeep && lsn_generation(lsnKeep) < genDeleteMac) genDeleteMac = lsn_generation(lsnKeep);
    b->genDeleteMac = MIN(genDeleteMac, b->genCopyMac);

    if (b->fFull) {
        /* A database left out of this backup keeps the logs since its last full backup. */
        os_mutex_lock(&inst->db_lock);
        for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
            struct isam_db *db = inst->dbs[i];
            if (!db_is_logged(db) || (db->fInBackup && db->fBackupCopyDone)) continue;
            os_mutex_lock(&db->hdr_lock);
            b->genDeleteMac = MIN(b->genDeleteMac, db->hdr.bkinfoFullPrev.genHigh);
            os_mutex_unlock(&db->hdr_lock);
        }
        os_mutex_unlock(&inst->db_lock);
        b->genDeleteMic = MIN(b->genDeleteMac, b->genDeleteMic);
    } else {
        b->genCopyMic = b->genDeleteMic;
        b->lsnIncMark = lsnBefore;
        b->logtimeInc = ltBefore;
    }
    b->fLogsPrepared = true;
    TRACE("backup logs: copy %u..%u, truncate %u..%u", b->genCopyMic, b->genCopyMac - 1, b->genDeleteMic,
          b->genDeleteMac);
    return JET_errSuccess;
}

/* ESE's ErrBKIPrepareLogInfo. Under b->mu. */
static JET_ERR prepare_log_info(struct isam_instance *inst, struct isam_backup *b)
{
    JET_ERR err;
    CALL_R(backup_check(b));
    if (b->rhf.fInUse) return ERR_TRAP(JET_errInvalidBackupSequence);
    if (!b->fLogsPrepared) CALL_R(prepare_logs(inst, b));
    return JET_errSuccess;
}

/* The multi-string of generations [genLow, genHigh) as archive paths, with ESE's buffer rules
 * for the log lists (min(cbMax, size) copied and reported when there is a buffer). */
static JET_ERR log_list_out(struct isam_instance *inst, struct isam_backup *b, uint32_t genLow, uint32_t genHigh,
                            ESENT_WCHAR *wszz, uint32_t cbMax, uint32_t *pcbActual)
{
    JET_ERR err = JET_errSuccess;
    ESENT_WCHAR *wszzAll = NULL;
    size_t cch = 1;
    for (int pass = 0; pass < 2; pass++) {
        ESENT_WCHAR *p = wszzAll;
        for (uint32_t g = genLow; g < genHigh; g++) {
            ESENT_WCHAR *wszPath = NULL;
            CALL(log_generation_path(inst->log, g, &wszPath));
            size_t c = wstr_len(wszPath) + 1;
            if (pass == 0) cch += c;
            else {
                memcpy(p, wszPath, c * sizeof(ESENT_WCHAR));
                p += c;
            }
            mem_free(wszPath);
        }
        if (pass == 0) {
            wszzAll = mem_alloc(cch * sizeof(ESENT_WCHAR));
            if (!wszzAll) FAIL(JET_errOutOfMemory);
        } else {
            *p = 0;
        }
    }
    uint32_t cb = (uint32_t)(cch * sizeof(ESENT_WCHAR));
    if (wszz) {
        memcpy(wszz, wszzAll, MIN(cbMax, cb));
        if (pcbActual) *pcbActual = MIN(cbMax, cb);
    } else if (pcbActual) {
        *pcbActual = cb;
    }
out:
    mem_free(wszzAll);
    if (err < 0) err = backup_fail(inst, b, err);
    return err;
}

JET_ERR isam_backup_log_info(struct isam_instance *inst, ESENT_WCHAR *wszz, uint32_t cbMax, uint32_t *pcbActual,
                             struct isam_backup_loginfo *pinfo)
{
    JET_ERR err;
    struct isam_backup *b = backup_lock(inst);
    CALL(prepare_log_info(inst, b));
    CALL(log_list_out(inst, b, b->genCopyMic, b->genCopyMac, wszz, cbMax, pcbActual));
    if (pinfo) {
        pinfo->genLow = b->genCopyMic;
        pinfo->genHigh = b->genCopyMac - 1;
    }
    b->phase = BK_LOGS;
out:
    backup_unlock(b);
    return err;
}

JET_ERR isam_backup_truncate_log_info(struct isam_instance *inst, ESENT_WCHAR *wszz, uint32_t cbMax, uint32_t *pcbActual)
{
    JET_ERR err;
    struct isam_backup *b = backup_lock(inst);
    CALL(prepare_log_info(inst, b));
    CALL(log_list_out(inst, b, b->genDeleteMic, b->genDeleteMac, wszz, cbMax, pcbActual));
    b->phase = BK_LOGS;
out:
    backup_unlock(b);
    return err;
}

/* ---- JetTruncateLog -------------------------------------------------------------------------- */

static JET_ERR truncate_locked(struct isam_instance *inst, struct isam_backup *b)
{
    JET_ERR err;
    CALL_R(backup_check(b));
    if (b->rhf.fInUse) return ERR_TRAP(JET_errInvalidBackupSequence);
    if (!b->fLogsPrepared || b->genCopyMic == 0 || b->genCopyMac == 0) return ERR_TRAP(JET_errInvalidBackupSequence);
    b->phase = BK_LOGS;
    /* Every log to copy must have been read whole: the sum of their generations (ESE's check,
     * which a log copied twice cannot fool into failing). */
    uint64_t lo = b->genCopyMic, hi = b->genCopyMac - 1;
    uint64_t need = hi >= lo ? (lo + hi) * (hi - lo + 1) / 2 : 0;
    if (b->cGenCopyDone < need) {
        WARN("not every log was copied (%llu of %llu)", (unsigned long long)b->cGenCopyDone, (unsigned long long)need);
        return ERR_TRAP(JET_errLogFileNotCopied);
    }
    b->fLogsTruncated = true;
    return log_truncate(inst->log, b->genDeleteMac);
}

JET_ERR isam_backup_truncate_log(struct isam_instance *inst)
{
    struct isam_backup *b = backup_lock(inst);
    JET_ERR err = truncate_locked(inst, b);
    backup_unlock(b);
    return err;
}

/* ---- JetEndExternalBackup -------------------------------------------------------------------- */

static int lgpos_cmp(const struct db_lgpos *a, const struct db_lgpos *c)
{
    if (a->lGeneration != c->lGeneration) return a->lGeneration < c->lGeneration ? -1 : 1;
    if (a->isec != c->isec) return a->isec < c->isec ? -1 : 1;
    if (a->ib != c->ib) return a->ib < c->ib ? -1 : 1;
    return 0;
}

/* ESE's ErrBKUpdateHdrBackupInfo. A full backup whose logs were truncated is a "full" one; one
 * without truncation only a "copy". An incremental one is "incremental", or "differential"
 * without truncation. Under db_lock. */
static JET_ERR update_header(struct isam_db *db, bool fLogOnly, bool fTruncated, uint32_t genLow, uint32_t genHigh,
                             lsn_t lsnMark, const struct db_logtime *ptMark)
{
    JET_ERR err = JET_errSuccess;
    os_mutex_lock(&db->hdr_lock);
    struct db_header *h = &db->hdr;
    struct db_bkinfo *pbk = fLogOnly ? (fTruncated ? &h->bkinfoIncPrev : &h->bkinfoDiffPrev)
                                     : (fTruncated ? &h->bkinfoFullPrev : &h->bkinfoCopyPrev);
    uint32_t *ptype = fLogOnly ? (fTruncated ? &h->bkinfoTypeIncPrev : &h->bkinfoTypeDiffPrev)
                               : (fTruncated ? &h->bkinfoTypeFullPrev : &h->bkinfoTypeCopyPrev);
    struct db_lgpos mark = isam_lgpos_of(lsnMark);
    if (lgpos_cmp(&pbk->lgposMark, &mark) <= 0) {
        *ptype = BKINFO_TYPE_NORMAL;
        pbk->lgposMark = mark;
        pbk->logtimeMark = *ptMark;
        pbk->genLow = genLow;
        pbk->genHigh = genHigh;
        if (fTruncated && !fLogOnly) {
            /* A new full backup: the incremental and differential ones before it are moot. */
            h->bkinfoTypeIncPrev = BKINFO_TYPE_NORMAL;
            memset(&h->bkinfoIncPrev, 0, sizeof h->bkinfoIncPrev);
            h->bkinfoTypeDiffPrev = BKINFO_TYPE_NORMAL;
            memset(&h->bkinfoDiffPrev, 0, sizeof h->bkinfoDiffPrev);
        }
        if (fTruncated) {
            memset(&h->bkinfoSnapshotCur, 0, sizeof h->bkinfoSnapshotCur);
            h->bkinfoTypeIncPrev = BKINFO_TYPE_NORMAL;
        }
        err = isam_db_write_header(db);
    }
    os_mutex_unlock(&db->hdr_lock);
    return err;
}

JET_ERR isam_backup_end(struct isam_instance *inst, JET_GRBIT grbit)
{
    bool fNormal = (grbit & JET_bitBackupEndNormal) != 0, fAbort = (grbit & JET_bitBackupEndAbort) != 0;
    if (fNormal == fAbort) return ERR_TRAP(JET_errInvalidParameter);
    struct isam_backup *b = backup_lock(inst);
    if (!b || !b->fActive) {
        backup_unlock(b);
        return ERR_TRAP(JET_errNoBackup);
    }
    /* A backup stopped by JetStopBackup, or ended before its logs were read, did not happen. */
    if (__atomic_load_n(&b->fStop, __ATOMIC_ACQUIRE) || b->phase == BK_DATABASES) fNormal = false;
    file_release(inst, &b->rhf);
    if (fNormal && !(grbit & JET_bitBackupNoDbHeaderUpdate)) {
        bool fTruncated = (grbit & JET_bitBackupTruncateDone) || b->fLogsTruncated;
        JET_ERR errUpdate = JET_errSuccess;
        os_mutex_lock(&inst->db_lock);
        for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
            struct isam_db *db = inst->dbs[i];
            if (!db_is_logged(db) || !db->fInBackup) continue;
            JET_ERR e = JET_errSuccess;
            if (b->fFull && db->fBackupCopyDone)
                e = update_header(db, false, fTruncated, b->genCopyMic, b->genCopyMac - 1, b->lsnMark, &b->logtimeMark);
            else if (!b->fFull)
                e = update_header(db, true, fTruncated, b->genCopyMic, b->genCopyMac - 1, b->lsnIncMark, &b->logtimeInc);
            if (e < 0 && errUpdate >= 0) errUpdate = e;
        }
        os_mutex_unlock(&inst->db_lock);
        /* ESE reports this as a warning event: the backup itself is good. */
        if (errUpdate < 0) WARN("backup information not written to a database header: %ld", (long)errUpdate);
    }
    TRACE("backup ended (%s)", fNormal ? "normally" : "abandoned");
    backup_reset(inst, b);
    backup_unlock(b);
    return JET_errSuccess;
}

void isam_backup_stop(struct isam_instance *inst)
{
    struct isam_backup *b = backup_get(inst, false);
    if (b) __atomic_store_n(&b->fStop, true, __ATOMIC_RELEASE);
}

void isam_backup_abort(struct isam_instance *inst)
{
    struct isam_backup *b = backup_lock(inst);
    if (b && b->fActive) {
        WARN("backup in progress abandoned");
        backup_reset(inst, b);
    }
    backup_unlock(b);
}

void isam_backup_free(struct isam_instance *inst)
{
    struct isam_backup *b = backup_get(inst, false);
    if (!b) return;
    isam_backup_abort(inst);
    __atomic_store_n(&inst->backup, NULL, __ATOMIC_RELEASE);
    os_mutex_destroy(&b->mu);
    mem_free(b);
}

/* ---- JetBackup: the external backup into a folder -------------------------------------------- */

static const ESENT_WCHAR wszTempDir[] = { 't', 'e', 'm', 'p', 0 };
static const ESENT_WCHAR wszAtomicNew[] = { 'n', 'e', 'w', 0 };
static const ESENT_WCHAR wszAtomicOld[] = { 'o', 'l', 'd', 0 };

/* dir + separator (when dir does not end with one) + name (+ separator), mem_alloc'd. */
ESENT_WCHAR *isam_path_join(const ESENT_WCHAR *wszDir, const ESENT_WCHAR *wszName, bool fFolder)
{
    size_t cchDir = wstr_len(wszDir), cchName = wstr_len(wszName);
    bool fSep = cchDir && wszDir[cchDir - 1] != '/' && wszDir[cchDir - 1] != '\\';
    ESENT_WCHAR *w = mem_alloc((cchDir + cchName + 3) * sizeof(ESENT_WCHAR));
    if (!w) return NULL;
    size_t i = 0;
    memcpy(w, wszDir, cchDir * sizeof(ESENT_WCHAR));
    i = cchDir;
    if (fSep) w[i++] = os_path_separator();
    memcpy(w + i, wszName, cchName * sizeof(ESENT_WCHAR));
    i += cchName;
    if (fFolder) w[i++] = os_path_separator();
    w[i] = 0;
    return w;
}

struct dir_scan {
    struct os_vfs *vfs;
    const ESENT_WCHAR *wszDir;
    const ESENT_WCHAR *wszSearch;   /* check: only this name counts; NULL: any */
    bool fDelete;
    bool fFound;
    JET_ERR err;
};

static JET_ERR dir_entry(void *pv, const ESENT_WCHAR *wszName)
{
    struct dir_scan *s = pv;
    if (!s->fDelete) {
        if (!s->wszSearch || wstr_icmp_ascii(wszName, s->wszSearch) == 0) s->fFound = true;
        return JET_errSuccess;
    }
    if (wstr_icmp_ascii(wszName, wszTempDir) == 0) return JET_errSuccess;
    ESENT_WCHAR *w = isam_path_join(s->wszDir, wszName, false);
    if (!w) return ERR_TRAP(JET_errOutOfMemory);
    JET_ERR err = s->vfs->ops->remove(s->vfs, w);
    mem_free(w);
    return err < 0 ? ERR_TRAP(JET_errDeleteBackupFileFail) : JET_errSuccess;
}

static JET_ERR dir_list(struct dir_scan *s)
{
    static const ESENT_WCHAR wszStar[] = { '*', 0 };
    JET_ERR err = s->vfs->ops->list(s->vfs, s->wszDir, wszStar, dir_entry, s);
    if (err == JET_errFileNotFound || err == JET_errInvalidPath) err = JET_errSuccess;   /* no folder: empty */
    return err;
}

/* ESE's ErrLGCheckDir: JET_errBackupDirectoryNotEmpty when the folder holds wszSearch (or,
 * without one, anything). */
static JET_ERR check_dir(struct os_vfs *vfs, const ESENT_WCHAR *wszDir, const ESENT_WCHAR *wszSearch)
{
    struct dir_scan s = { vfs, wszDir, wszSearch, false, false, JET_errSuccess };
    JET_ERR err = dir_list(&s);
    if (err < 0) return err;
    return s.fFound ? ERR_TRAP(JET_errBackupDirectoryNotEmpty) : JET_errSuccess;
}

/* ESE's ErrLGDeleteAllFiles and then the folder itself (a missing one is fine). */
static JET_ERR remove_dir(struct os_vfs *vfs, const ESENT_WCHAR *wszParent, const ESENT_WCHAR *wszName)
{
    JET_ERR err;
    ESENT_WCHAR *wszDir = isam_path_join(wszParent, wszName, false);
    if (!wszDir) return ERR_TRAP(JET_errOutOfMemory);
    struct dir_scan s = { vfs, wszDir, NULL, true, false, JET_errSuccess };
    err = dir_list(&s);
    if (err >= 0) {
        err = vfs->ops->remove(vfs, wszDir);
        if (err == JET_errFileNotFound || err == JET_errInvalidPath) err = JET_errSuccess;
    }
    mem_free(wszDir);
    return err;
}

JET_ERR isam_mkdir_p(struct os_vfs *vfs, const ESENT_WCHAR *wszDir)
{
    JET_ERR err = JET_errSuccess;
    ESENT_WCHAR *w = wstr_dup(wszDir);
    if (!w) return ERR_TRAP(JET_errOutOfMemory);
    size_t cch = wstr_len(w);
    for (size_t i = 1; i <= cch && err >= 0; i++) {
        if (i < cch && w[i] != '/' && w[i] != '\\') continue;
        ESENT_WCHAR c = w[i];
        w[i] = 0;
        if (!(i == 2 && w[1] == ':')) err = vfs->ops->mkdir(vfs, w);
        w[i] = c;
    }
    mem_free(w);
    return err;
}

/* ESE's ErrBKIPrepareDirectory; *pwszTarget gets the folder the files go to. */
static JET_ERR prepare_folder(struct isam_instance *inst, const ESENT_WCHAR *wszFolder, JET_GRBIT grbit,
                              ESENT_WCHAR **pwszTarget)
{
    JET_ERR err;
    struct os_vfs *vfs = isam_vfs(inst);
    bool fFull = !(grbit & JET_bitBackupIncremental), fAtomic = (grbit & JET_bitBackupAtomic) != 0;
    ESENT_WCHAR *wszFrom = NULL, *wszTo = NULL;
    *pwszTarget = NULL;
    if (param_bool(&inst->params, JET_paramCreatePathIfNotExist)) CALL(isam_mkdir_p(vfs, wszFolder));
    CALL(remove_dir(vfs, wszFolder, wszTempDir));
    if (fAtomic) {
        /* Rotate: a complete "new" backup becomes "old"; a full one is made in "temp" and
         * promoted to "new" once complete. */
        err = check_dir(vfs, wszFolder, wszAtomicNew);
        if (err == JET_errBackupDirectoryNotEmpty) {
            CALL(remove_dir(vfs, wszFolder, wszAtomicOld));
            wszFrom = isam_path_join(wszFolder, wszAtomicNew, false);
            wszTo = isam_path_join(wszFolder, wszAtomicOld, false);
            if (!wszFrom || !wszTo) FAIL(JET_errOutOfMemory);
            CALL(vfs->ops->rename(vfs, wszFrom, wszTo));
        }
        CALL(err);
        /* ESE points an incremental atomic backup at a relative "old\" (its path copy drops the
         * folder); the intent, and what restore reads, is the folder's "old". */
        *pwszTarget = isam_path_join(wszFolder, fFull ? wszTempDir : wszAtomicOld, true);
        if (!*pwszTarget) FAIL(JET_errOutOfMemory);
        if (fFull && vfs->ops->mkdir(vfs, *pwszTarget) < 0) FAIL(JET_errMakeBackupDirectoryFail);
    } else {
        if (!fFull) {
            CALL(check_dir(vfs, wszFolder, wszAtomicNew));
            CALL(check_dir(vfs, wszFolder, wszAtomicOld));
        } else {
            CALL(check_dir(vfs, wszFolder, NULL));
        }
        *pwszTarget = wstr_dup(wszFolder);
        if (!*pwszTarget) FAIL(JET_errOutOfMemory);
    }
out:
    if (err < 0) {
        mem_free(*pwszTarget);
        *pwszTarget = NULL;
    }
    mem_free(wszFrom);
    mem_free(wszTo);
    return err;
}

/* ESE's ErrBKIPromoteDirectory: "temp" becomes "new", "old" goes. */
static JET_ERR promote_folder(struct isam_instance *inst, const ESENT_WCHAR *wszFolder)
{
    JET_ERR err;
    struct os_vfs *vfs = isam_vfs(inst);
    ESENT_WCHAR *wszFrom = isam_path_join(wszFolder, wszTempDir, false), *wszTo = isam_path_join(wszFolder, wszAtomicNew, false);
    if (!wszFrom || !wszTo) FAIL(JET_errOutOfMemory);
    err = vfs->ops->rename(vfs, wszFrom, wszTo);
    if (err == JET_errFileNotFound) err = JET_errSuccess;
    CALL(err);
    CALL(remove_dir(vfs, wszFolder, wszAtomicOld));
out:
    mem_free(wszFrom);
    mem_free(wszTo);
    return err;
}

/* ESE's ErrBKICopyFile: the file through the backup calls into the target folder. */
static JET_ERR copy_file(struct isam_instance *inst, struct isam_backup *b, const ESENT_WCHAR *wszFile,
                         const ESENT_WCHAR *wszTarget, bool fOverwrite)
{
    JET_ERR err;
    struct os_vfs *vfs = isam_vfs(inst);
    JET_HANDLE hf = 0;
    uint64_t cbFile = 0, ib = 0;
    struct os_file *fDest = NULL;
    uint8_t *pb = NULL;
    ESENT_WCHAR *wszDest = NULL;
    uint32_t cbPage = page_size();
    bool fOpen = false;

    CALL(isam_backup_open_file(inst, wszFile, 0, &hf, &cbFile));
    fOpen = true;
    uint64_t cbBuf = MIN((uint64_t)COPY_CPG_MAX * cbPage, cbFile);
    cbBuf = (cbBuf + cbPage - 1) / cbPage * cbPage;
    if (cbBuf < (PAGE_DB_CPG_RESERVED + 1) * (uint64_t)cbPage) cbBuf = (PAGE_DB_CPG_RESERVED + 1) * (uint64_t)cbPage;
    pb = mem_alloc((size_t)cbBuf);
    if (!pb) FAIL(JET_errOutOfMemory);
    wszDest = isam_path_join(wszTarget, isam_path_leaf(wszFile), false);
    if (!wszDest) FAIL(JET_errOutOfMemory);
    CALL(os_file_open(vfs, wszDest, OS_OPEN_EXCLUSIVE | (fOverwrite ? OS_OPEN_CREATE | OS_OPEN_TRUNCATE : OS_OPEN_CREATE_NEW),
                      &fDest));
    while (ib < cbFile) {
        uint32_t cb = 0;
        if (inst->state == ISAM_INST_TERMINATING) FAIL(JET_errTermInProgress);
        os_mutex_lock(&b->mu);
        err = backup_check(b);
        if (err >= 0) err = read_locked(inst, b, hf, pb, (uint32_t)cbBuf, &cb);
        os_mutex_unlock(&b->mu);
        CALL(err);
        if (cb == 0) break;
        CALL(os_file_write(fDest, ib, pb, cb));
        ib += cb;
    }
    CALL(os_file_sync(fDest));
    fOpen = false;
    CALL(isam_backup_close_file(inst, hf));
out:
    if (fOpen) {
        JET_ERR errClose = isam_backup_close_file(inst, hf);
        (void)errClose;
    }
    os_file_close(fDest);
    mem_free(pb);
    mem_free(wszDest);
    return err;
}

static void status(JET_PFNSTATUS pfn, JET_SNT snt, JET_SNPROG *prog)
{
    if (!pfn) return;
    if (snt == JET_sntComplete) prog->cunitDone = prog->cunitTotal;
    JET_ERR errIgnored = pfn(JET_sesidNil, JET_snpBackup, snt, prog);     /* ESE ignores it too */
    (void)errIgnored;
}

JET_ERR isam_backup_to_folder(struct isam_instance *inst, const ESENT_WCHAR *wszFolder, JET_GRBIT grbit,
                              JET_PFNSTATUS pfn)
{
    JET_ERR err;
    bool fFull = !(grbit & JET_bitBackupIncremental);
    ESENT_WCHAR *wszFull = NULL, *wszTarget = NULL, *wszzDbs = NULL, *wszzLogs = NULL;
    JET_SNPROG prog = { sizeof(JET_SNPROG), 0, 100 };
    struct os_vfs *vfs = isam_vfs(inst);

    if (!inst->log) return ERR_TRAP(JET_errLoggingDisabled);
    JET_ERR errState = log_check_state(inst->log);
    if (errState < 0 && errState != JET_errLogDiskFull) return ERR_TRAP(JET_errLogWriteFail);
    if (!fFull && param_bool(&inst->params, JET_paramCircularLog)) return ERR_TRAP(JET_errInvalidBackup);
    CALL_R(isam_backup_begin(inst, fFull ? 0 : JET_bitBackupIncremental));
    struct isam_backup *b = backup_get(inst, false);

    if (!wszFolder || !wszFolder[0]) {
        /* ESE's "no folder: only delete logs" path: its JetTruncateLog then finds no copy range
         * and the call ends with JET_errInvalidBackupSequence. */
        err = isam_backup_truncate_log(inst);
        goto out;
    }
    CALL(vfs->ops->full_path(vfs, wszFolder, &wszFull));
    CALL(prepare_folder(inst, wszFull, grbit, &wszTarget));

    if (fFull) {
        status(pfn, JET_sntBegin, &prog);
        uint32_t cb = 0;
        CALL(isam_backup_attach_info(inst, NULL, 0, &cb));
        wszzDbs = mem_alloc(cb);
        if (!wszzDbs) FAIL(JET_errOutOfMemory);
        CALL(isam_backup_attach_info(inst, wszzDbs, cb, NULL));
        for (const ESENT_WCHAR *p = wszzDbs; *p; p += wstr_len(p) + 1)
            CALL(copy_file(inst, b, p, wszTarget, false));
    }
    uint32_t cbLogs = 0;
    CALL(isam_backup_log_info(inst, NULL, 0, &cbLogs, NULL));
    wszzLogs = mem_alloc(cbLogs);
    if (!wszzLogs) FAIL(JET_errOutOfMemory);
    CALL(isam_backup_log_info(inst, wszzLogs, cbLogs, NULL, NULL));
    for (const ESENT_WCHAR *p = wszzLogs; *p; p += wstr_len(p) + 1)
        CALL(copy_file(inst, b, p, wszTarget, true));
    if (fFull && (grbit & JET_bitBackupAtomic)) CALL(promote_folder(inst, wszFull));
    CALL(isam_backup_truncate_log(inst));
    if (fFull) status(pfn, JET_sntComplete, &prog);
out:
    {
        JET_ERR errEnd = isam_backup_end(inst, err >= 0 ? JET_bitBackupEndNormal : JET_bitBackupEndAbort);
        if (err >= 0) err = errEnd;
    }
    if (wszFull) {
        JET_ERR errClean = remove_dir(vfs, wszFull, wszTempDir);
        (void)errClean;
    }
    mem_free(wszFull);
    mem_free(wszTarget);
    mem_free(wszzDbs);
    mem_free(wszzLogs);
    return err;
}
