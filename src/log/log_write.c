/* SPDX-License-Identifier: MIT
 * log/log_write.c: appending, group commit, generation switches, reserve files, checkpoints.
 * Layer: log (uses os, base).
 *
 * The writer's state lives under log->mu (log_int.h). Appends copy their record into a ring
 * buffer that holds the file bytes [ibWritten, ibNext) of the current generation, at
 * ring[ib % cbRing]; they never do I/O unless the ring is full. A flush has one leader at a
 * time: it pads the end to the next sector boundary (a PAD record), takes [ibWritten, ibNext),
 * and writes and syncs it with mu released, while appenders go on filling the ring after it and
 * other flushers wait on cv; whatever they need that the leader did not cover, the next leader
 * writes in one go (group commit). Because every flush ends on a sector boundary, no later write
 * touches a sector that holds durable records.
 *
 * A record that does not fit in the rest of the file makes its appender switch generations
 * (fSwitching keeps everyone else out): flush everything, prepare `<base>tmp.log` (created at
 * full size, header written and synced; a reserve file renamed to it when the disk is full),
 * rename `<base>.log` to its archive name, rename the temp file to `<base>.log`. The new
 * header records where the old generation ended. */
#include "log_int.h"
#include "thread_stats.h"

DEBUG_CHANNEL(log);

#define LOG_C_RESERVE 2u
#define LOG_CB_RING_FLOOR (1u << 20)

static void publish(struct log *log)
{
    __atomic_store_n(&log->lsnFlushed, lsn_make(log->genCur, log->ibWritten), __ATOMIC_RELEASE);
    __atomic_store_n(&log->lsnNext, lsn_make(log->genCur, log->ibNext), __ATOMIC_RELEASE);
}

static void set_fail(struct log *log, JET_ERR err)
{
    if (log->errFail >= 0) {
        ERR("the log can no longer be written (%d)\n", (int)err);
        log->errFail = err;
    }
    os_cond_broadcast(&log->cv);
}

/* ---- the ring ----------------------------------------------------------------------------------- */

static void ring_put(struct log *log, uint32_t ib, const void *pv, uint32_t cb)
{
    uint32_t i = ib % log->cbRing, cbFirst = MIN(cb, log->cbRing - i);
    if (cbFirst) memcpy(log->pbRing + i, pv, cbFirst);
    if (cb > cbFirst) memcpy(log->pbRing, (const uint8_t *)pv + cbFirst, cb - cbFirst);
}

static void ring_zero(struct log *log, uint32_t ib, uint32_t cb)
{
    uint32_t i = ib % log->cbRing, cbFirst = MIN(cb, log->cbRing - i);
    memset(log->pbRing + i, 0, cbFirst);
    if (cb > cbFirst) memset(log->pbRing, 0, cb - cbFirst);
}

/* A PAD record filling [ib, ib + cb) (cb >= LOG_CB_FRAME, a multiple of 8). */
static void ring_pad(struct log *log, uint32_t ib, uint32_t cb)
{
    static const uint8_t zeros[512];
    uint8_t frame[LOG_CB_FRAME], rgbLsn[8];
    uint32_t cbPayload = cb - LOG_CB_FRAME;
    put_le32(frame + LOG_FRAME_OFF_CBTYPE, log_frame_cbtype(LOG_REC_PAD, cbPayload));
    uint32_t crc = log_crc32c(log->crcSeed, frame + LOG_FRAME_OFF_CBTYPE, 4);
    for (uint32_t cbLeft = cbPayload; cbLeft; ) {
        uint32_t cbChunk = MIN(cbLeft, (uint32_t)sizeof zeros);
        crc = log_crc32c(crc, zeros, cbChunk);
        cbLeft -= cbChunk;
    }
    put_le64(rgbLsn, lsn_make(log->genCur, ib));
    put_le32(frame + LOG_FRAME_OFF_CRC, log_crc32c(crc, rgbLsn, sizeof rgbLsn));
    ring_put(log, ib, frame, sizeof frame);
    ring_zero(log, ib + LOG_CB_FRAME, cbPayload);
}

/* ---- flushing ----------------------------------------------------------------------------------- */

/* Called with mu held, no leader: become the leader, pad to the sector boundary and write and
 * sync [ibWritten, ibNext). Returns with mu held. */
static JET_ERR write_locked(struct log *log)
{
    JET_ERR err = JET_errSuccess;
    assert(!log->fLeader);
    if (log->ibNext == log->ibWritten) return JET_errSuccess;

    uint32_t ibFrom = log->ibWritten, ibPad = log->ibNext;
    uint32_t ibTo = log_align_up(ibPad, log->cbSectorCur);
    log->ibNext = ibTo;             /* the pad is ours; appends go after it */
    log->fLeader = true;
    __atomic_store_n(&log->lsnNext, lsn_make(log->genCur, log->ibNext), __ATOMIC_RELEASE);
    os_mutex_unlock(&log->mu);

    /* The bytes [ibFrom, ibTo) are ours alone: appenders write past ibTo and wait for space
     * while the ring holds cbRing bytes after ibFrom. */
    if (ibTo > ibPad) ring_pad(log, ibPad, ibTo - ibPad);
    uint32_t iFrom = ibFrom % log->cbRing, cb = ibTo - ibFrom;
    uint32_t cbFirst = MIN(cb, log->cbRing - iFrom);
    err = os_file_write(log->fileCur, ibFrom, log->pbRing + iFrom, cbFirst);
    if (err >= 0 && cb > cbFirst)
        err = os_file_write(log->fileCur, ibFrom + cbFirst, log->pbRing, cb - cbFirst);
    if (err >= 0)
        err = os_file_sync(log->fileCur);

    os_mutex_lock(&log->mu);
    log->fLeader = false;
    if (err < 0) {
        WARN("write of generation %u [%#x, %#x) failed (%d)\n", log->genCur, ibFrom, ibTo, (int)err);
        set_fail(log, err = ERR_TRAP(JET_errLogWriteFail));
    } else {
        log->ibWritten = ibTo;
        publish(log);
    }
    os_cond_broadcast(&log->cv);
    return err;
}

JET_ERR log_flush(struct log *log, lsn_t lsn)
{
    JET_ERR err = JET_errSuccess;
    if (!log || log->fOff) return JET_errSuccess;
    os_mutex_lock(&log->mu);
    if (!log->fRunning) goto out;
    lsn_t lsnNext = lsn_make(log->genCur, log->ibNext);
    lsn_t lsnNeed = lsn >= lsnNext ? lsnNext : lsn + 1;
    for (;;) {
        if (log->errFail < 0) { err = log->errFail; break; }
        if (lsn_make(log->genCur, log->ibWritten) >= lsnNeed) break;
        if (log->fLeader || log->fSwitching) {
            os_cond_wait(&log->cv, &log->mu);
            continue;
        }
        err = write_locked(log);
        if (err < 0) break;
    }
out:
    os_mutex_unlock(&log->mu);
    return err;
}

lsn_t log_flushed_lsn(const struct log *log)
{
    if (!log || log->fOff) return LSN_MAX;
    return __atomic_load_n(&log->lsnFlushed, __ATOMIC_ACQUIRE);
}

lsn_t log_end_lsn(const struct log *log)
{
    if (!log || log->fOff) return LSN_NONE;
    return __atomic_load_n(&log->lsnNext, __ATOMIC_ACQUIRE);
}

uint32_t log_cb_record_max(const struct log *log)
{
    if (!log || log->fOff) return LOG_CB_PAYLOAD_MAX;
    return log->cbRecMax;
}

/* ---- files of a new generation -------------------------------------------------------------------- */

static JET_ERR remove_if_there(struct os_vfs *vfs, const ESENT_WCHAR *wszPath)
{
    JET_ERR err = vfs->ops->remove(vfs, wszPath);
    return err == JET_errFileNotFound ? JET_errSuccess : err;
}

static bool is_disk_full(JET_ERR err)
{
    return err == JET_errDiskFull || err == JET_errLogDiskFull;
}

/* Writes the header sector of a generation into f and syncs. */
static JET_ERR write_header(struct log *log, struct os_file *f, const struct log_hdr *h)
{
    uint8_t *pb = mem_calloc(1, h->cbSector);
    JET_ERR err;
    if (!pb) return ERR_TRAP(JET_errOutOfMemory);
    log_hdr_serialize(h, pb);
    err = os_file_write(f, 0, pb, h->cbSector);
    if (err >= 0) err = os_file_sync(f);
    mem_free(pb);
    return err;
}

/* A fresh <base>tmp.log holding header h, at full size. */
/* Every byte of a new log file written once, as ESE formats its log files: a commit's write then
 * overwrites blocks the file system has already written, and its sync flushes data only. (Blocks
 * that are merely allocated are "unwritten": the first write into each makes the sync commit a
 * metadata change too, which cost a third of the one-thread durable commit rate.) */
static JET_ERR fill_zero(struct os_file *f, uint32_t cb)
{
    JET_ERR err = JET_errSuccess;
    const uint32_t cbChunk = 1u << 20;
    uint8_t *pb = mem_calloc(1, cbChunk);
    if (!pb) return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t ib = 0; ib < cb && err >= 0; ib += cbChunk)
        err = os_file_write(f, ib, pb, MIN(cbChunk, cb - ib));
    mem_free(pb);
    return err;
}

static JET_ERR create_tmp(struct log *log, const ESENT_WCHAR *wszTmp, const struct log_hdr *h)
{
    struct os_vfs *vfs = log->cfg.vfs;
    struct os_file *f = NULL;
    JET_ERR err;
    CALL(remove_if_there(vfs, wszTmp));
    CALL(os_file_open(vfs, wszTmp, OS_OPEN_CREATE_NEW | OS_OPEN_EXCLUSIVE, &f));
    CALL(os_file_set_size(f, h->cbFile));
    CALL(fill_zero(f, h->cbFile));
    CALL(write_header(log, f, h));
out:
    os_file_close(f);
    if (err < 0 && f) (void)remove_if_there(vfs, wszTmp);
    return err;
}

/* The disk is full: turn the highest reserve file into <base>tmp.log (ESE's
 * ErrLGIOpenReserveLogFile). JET_errLogDiskFull when none is left. Holds muRes. */
static JET_ERR reserve_to_tmp(struct log *log, const ESENT_WCHAR *wszTmp, const struct log_hdr *h)
{
    struct os_vfs *vfs = log->cfg.vfs;
    JET_ERR err = JET_errSuccess;
    ESENT_WCHAR *wszRes = NULL;

    (void)remove_if_there(vfs, wszTmp);
    for (uint32_t i = LOG_C_RESERVE; i >= 1; i--) {
        struct os_file *f = NULL;
        uint64_t cb;
        mem_free(wszRes);
        wszRes = NULL;
        CALL(log_file_path(log, LOG_NAME_RESERVE, i, &wszRes));
        if (vfs->ops->rename(vfs, wszRes, wszTmp) < 0) continue;
        err = os_file_open(vfs, wszTmp, OS_OPEN_EXCLUSIVE, &f);
        if (err >= 0) err = os_file_size(f, &cb);
        if (err >= 0 && cb != h->cbFile) err = os_file_set_size(f, h->cbFile);
        if (err >= 0) err = write_header(log, f, h);
        os_file_close(f);
        if (err >= 0) {
            WARN("disk full: generation %u goes into reserve file %u\n", h->gen, i);
            goto out;
        }
        (void)remove_if_there(vfs, wszTmp);
    }
    err = ERR_TRAP(JET_errLogDiskFull);
out:
    mem_free(wszRes);
    return err;
}

/* Creates generation h->gen as <base>.log and opens it for writing: prepare the temp file, then
 * (fArchiveCur) rename <base>.log to the archive name of genOld, then rename the temp file to
 * <base>.log. *pfReserve tells whether a reserve file had to be used. The caller has closed
 * fileCur. */
/* wszArchive: where the current file goes (NULL: there is none to keep). The caller names it
 * under mu: an archive's name reads the generation table, which log_truncate changes. */
static JET_ERR gen_file_create(struct log *log, const struct log_hdr *h, const ESENT_WCHAR *wszArchive,
                               struct os_file **pfNew, bool *pfReserve)
{
    struct os_vfs *vfs = log->cfg.vfs;
    ESENT_WCHAR *wszTmp = NULL, *wszCur = NULL;
    const bool fArchiveCur = wszArchive != NULL;
    JET_ERR err;

    *pfNew = NULL;
    *pfReserve = false;
    CALL(log_file_path(log, LOG_NAME_TMP, 0, &wszTmp));
    CALL(log_file_path(log, LOG_NAME_CURRENT, 0, &wszCur));

    err = create_tmp(log, wszTmp, h);
    if (is_disk_full(err)) {
        os_mutex_lock(&log->muRes);
        err = reserve_to_tmp(log, wszTmp, h);
        if (err >= 0) log->cReserve = 0;       /* recounted by log_check_state */
        os_mutex_unlock(&log->muRes);
        *pfReserve = err >= 0;
    }
    CALL(err);
    if (fArchiveCur) CALL(vfs->ops->rename(vfs, wszCur, wszArchive));
    CALL(vfs->ops->rename(vfs, wszTmp, wszCur));
    CALL(os_file_open(vfs, wszCur, OS_OPEN_EXCLUSIVE, pfNew));
out:
    if (err == JET_errDiskFull) err = ERR_TRAP(JET_errLogDiskFull);
    mem_free(wszTmp);
    mem_free(wszCur);
    return err;
}

/* Called with mu held, fSwitching clear: make generation genCur + 1 the current one. */
static JET_ERR switch_locked(struct log *log)
{
    JET_ERR err;
    struct log_hdr h;
    bool fReserve;
    struct os_file *fNew = NULL;

    assert(!log->fSwitching);
    log->fSwitching = true;
    while (log->fLeader) os_cond_wait(&log->cv, &log->mu);
    CALL(write_locked(log));
    while (log->cCurReaders) os_cond_wait(&log->cv, &log->mu);

    uint32_t genNew = log->genCur + 1;
    if (genNew > LOG_GEN_MAX) {
        set_fail(log, err = ERR_TRAP(JET_errLogSequenceEnd));
        goto out;
    }
    CALL(log_gens_reserve(log, genNew));

    memset(&h, 0, sizeof h);
    h.gen = genNew;
    h.cbFile = log->cfg.cbLogFile;
    h.cbSector = log->cfg.cbSector;
    h.cbMaxWrite = log->cbRing;
    h.lsnPrevEnd = lsn_make(log->genCur, log->ibWritten);
    log_logtime_now((struct log_logtime_disk *)h.tmCreate);
    memcpy(h.tmPrevGen, log->tmCreateLast, 8);
    memcpy(h.signLog, log->signLog, LOG_CB_SIGNATURE);
    uint32_t genOld = log->genCur;
    ESENT_WCHAR *wszArchive = NULL;
    CALL(log_file_path(log, LOG_NAME_ARCHIVE, genOld, &wszArchive));
    struct os_file *fOld = log->fileCur;
    log->fileCur = NULL;
    os_mutex_unlock(&log->mu);

    os_file_close(fOld);
    err = gen_file_create(log, &h, wszArchive, &fNew, &fReserve);
    mem_free(wszArchive);

    os_mutex_lock(&log->mu);
    if (err < 0) {
        set_fail(log, err);
        goto out;
    }
    log_gen_at(log, genOld)->ibEnd = log->ibWritten;
    log_gen_at(log, genNew)->ibFirst = h.cbSector;
    log_gen_at(log, genNew)->ibEnd = h.cbSector;
    log_gen_at(log, genNew)->cDigits = (uint8_t)log_name_digits(log->cfg.grbitLegacyFileNames, genNew);
    memcpy(log->tmCreateLast, h.tmCreate, 8);
    log->fileCur = fNew;
    log->genCur = log->genLast = genNew;
    log->cbFileCur = h.cbFile;
    log->cbSectorCur = h.cbSector;
    log->ibNext = log->ibWritten = h.cbSector;
    if (fReserve) log->fQuiesce = true;
    publish(log);
    TRACE("generation %u\n", genNew);
out:
    log->fSwitching = false;
    os_cond_broadcast(&log->cv);
    return err;
}

JET_ERR log_new_generation(struct log *log)
{
    JET_ERR err = JET_errSuccess;
    if (!log || log->fOff) return JET_errSuccess;
    os_mutex_lock(&log->mu);
    if (!log->fRunning) {
        err = ERR_TRAP(JET_errInvalidParameter);
    } else {
        while (log->fSwitching) os_cond_wait(&log->cv, &log->mu);
        err = log->errFail < 0 ? log->errFail : switch_locked(log);
    }
    os_mutex_unlock(&log->mu);
    return err;
}

/* ---- appending ---------------------------------------------------------------------------------- */

JET_ERR log_append2(struct log *log, uint8_t type, const void *pv1, size_t cb1,
                    const void *pv2, size_t cb2, lsn_t *plsn)
{
    uint8_t frame[LOG_CB_FRAME], rgbLsn[8];
    JET_ERR err = JET_errSuccess;

    if (plsn) *plsn = LSN_NONE;
    if (!log || log->fOff) return JET_errSuccess;
    if (type == 0 || type == LOG_REC_PAD || (cb1 && !pv1) || (cb2 && !pv2))
        return ERR_TRAP(JET_errInvalidParameter);
    if (cb1 > log->cbRecMax || cb2 > log->cbRecMax - cb1 || !log->cbRecMax)
        return ERR_TRAP(log->fRunning ? JET_errLogBufferTooSmall : JET_errInvalidParameter);
    uint32_t cb = (uint32_t)(cb1 + cb2), cbSpan = log_frame_span(cb);
    struct thread_stats *ts = thread_stats();
    ts->cLogRecord++;
    ts->cbLogRecord += cb;

    /* The CRC ends with the LSN, so everything else is summed before taking the lock. */
    put_le32(frame + LOG_FRAME_OFF_CBTYPE, log_frame_cbtype(type, cb));
    uint32_t crc = log_crc32c(log->crcSeed, frame + LOG_FRAME_OFF_CBTYPE, 4);
    if (cb1) crc = log_crc32c(crc, pv1, cb1);
    if (cb2) crc = log_crc32c(crc, pv2, cb2);

    os_mutex_lock(&log->mu);
    for (;;) {
        if (log->errFail < 0) FAIL(log->errFail);
        if (log->fSwitching) {
            os_cond_wait(&log->cv, &log->mu);
            continue;
        }
        if (log->fQuiesce &&
            (type == LOG_REC_TRX_BEGIN || type == LOG_REC_DB_CREATE || type == LOG_REC_DB_ATTACH))
            FAIL(JET_errLogDiskFull);
        if (log->cbFileCur - log->ibNext < cbSpan) {
            /* testcase: a record that fits exactly stays; one byte more starts a new generation */
            CALL(switch_locked(log));
            continue;
        }
        if (log->ibNext + cbSpan - log->ibWritten > log->cbRing) {
            if (log->fLeader) os_cond_wait(&log->cv, &log->mu);
            else CALL(write_locked(log));
            continue;
        }
        break;
    }

    uint32_t ib = log->ibNext;
    lsn_t lsn = lsn_make(log->genCur, ib);
    put_le64(rgbLsn, lsn);
    put_le32(frame + LOG_FRAME_OFF_CRC, log_crc32c(crc, rgbLsn, sizeof rgbLsn));
    ring_put(log, ib, frame, sizeof frame);
    if (cb1) ring_put(log, ib + LOG_CB_FRAME, pv1, (uint32_t)cb1);
    if (cb2) ring_put(log, ib + LOG_CB_FRAME + (uint32_t)cb1, pv2, (uint32_t)cb2);
    if (cbSpan > LOG_CB_FRAME + cb) ring_zero(log, ib + LOG_CB_FRAME + cb, cbSpan - LOG_CB_FRAME - cb);
    log->ibNext = ib + cbSpan;
    __atomic_store_n(&log->lsnNext, lsn_make(log->genCur, log->ibNext), __ATOMIC_RELEASE);
    if (plsn) *plsn = lsn;
out:
    os_mutex_unlock(&log->mu);
    return err;
}

JET_ERR log_append(struct log *log, uint8_t type, const void *pv, size_t cb, lsn_t *plsn)
{
    return log_append2(log, type, pv, cb, NULL, 0, plsn);
}

/* ---- reserve files ---------------------------------------------------------------------------- */

/* Makes sure <base>res00001.jrs .. res0000N.jrs exist at the log file size (ESE's
 * ErrLGInitCreateReserveLogFiles / ErrLGIGrowReserveLogPool); *pc receives how many do, counted
 * from 1. Holds muRes. Failure to create one is not an error: the log then refuses new work. */
static JET_ERR reserves_ensure(struct log *log, uint32_t *pc)
{
    struct os_vfs *vfs = log->cfg.vfs;
    ESENT_WCHAR *wszRes = NULL;
    JET_ERR err = JET_errSuccess;
    uint32_t c = 0;

    for (uint32_t i = 1; i <= LOG_C_RESERVE; i++) {
        struct os_file *f = NULL;
        uint64_t cb = 0;
        JET_ERR errT;
        mem_free(wszRes);
        wszRes = NULL;
        CALL(log_file_path(log, LOG_NAME_RESERVE, i, &wszRes));
        errT = os_file_open(vfs, wszRes, OS_OPEN_READONLY | OS_OPEN_EXCLUSIVE, &f);
        if (errT >= 0) {
            errT = os_file_size(f, &cb);
            os_file_close(f);
            f = NULL;
            if (errT >= 0 && cb == log->cfg.cbLogFile) { c = i; continue; }
            (void)remove_if_there(vfs, wszRes);          /* wrong size: make it again */
        }
        errT = os_file_open(vfs, wszRes, OS_OPEN_CREATE_NEW | OS_OPEN_EXCLUSIVE, &f);
        if (errT >= 0) errT = os_file_set_size(f, log->cfg.cbLogFile);
        if (errT >= 0) errT = os_file_sync(f);
        os_file_close(f);
        if (errT < 0) {
            WARN("cannot create reserve file %u (%d)\n", i, (int)errT);
            if (f) (void)remove_if_there(vfs, wszRes);
            break;
        }
        c = i;
    }
out:
    mem_free(wszRes);
    *pc = c;
    return err;
}

JET_ERR log_check_state(struct log *log)
{
    JET_ERR err = JET_errSuccess;
    uint32_t c = 0;
    if (!log || log->fOff) return JET_errSuccess;
    os_mutex_lock(&log->mu);
    if (log->errFail < 0) { err = log->errFail; goto out; }
    if (!log->fRunning || !log->fQuiesce) goto out;
    os_mutex_unlock(&log->mu);

    /* Space may have been freed since: try to get the reserve files back. */
    os_mutex_lock(&log->muRes);
    err = reserves_ensure(log, &c);
    log->cReserve = c;
    os_mutex_unlock(&log->muRes);

    os_mutex_lock(&log->mu);
    if (err >= 0 && c == LOG_C_RESERVE) log->fQuiesce = false;
    if (err >= 0 && log->fQuiesce) err = ERR_TRAP(JET_errLogDiskFull);
out:
    os_mutex_unlock(&log->mu);
    return err;
}

/* ---- start and stop ------------------------------------------------------------------------- */

JET_ERR log_writer_start(struct log *log)
{
    const struct log_config *cfg = &log->cfg;
    struct log_hdr h;
    struct os_file *fNew = NULL;
    ESENT_WCHAR *wszArchive = NULL;
    bool fReserve, fNew1 = !log->fSign;
    uint32_t cReserve = 0;
    JET_ERR err;

    if (cfg->fCreatePath) {
        CALL(log_mkdir_p(cfg->vfs, log->wszLogDir));
        CALL(log_mkdir_p(cfg->vfs, log->wszSysDir));
    }

    /* The ring: JET_paramLogBuffers, but at least what a large page-image record needs (1 MiB
     * or a whole file, whichever is less), and never more than a file holds. */
    uint32_t cbUsable = cfg->cbLogFile - cfg->cbSector;
    uint64_t cbRing = ((uint64_t)cfg->cbLogBuffer + cfg->cbSector - 1) & ~(uint64_t)(cfg->cbSector - 1);
    cbRing = MAX(cbRing, (uint64_t)MIN(LOG_CB_RING_FLOOR, cbUsable));
    cbRing = MIN(cbRing, (uint64_t)cbUsable);
    cbRing = log_align_down((uint32_t)cbRing, cfg->cbSector);
    log->pbRing = mem_alloc((size_t)cbRing);
    if (!log->pbRing) FAIL(JET_errOutOfMemory);
    log->cbRing = (uint32_t)cbRing;

    if (fNew1) {
        log_signature_new(log->signLog);
        log->crcSeed = log_crc32c(0, log->signLog, LOG_CB_SIGNATURE);
        log->genMin = 1;
        log->genLast = 0;
    }
    uint32_t genNew = log->genLast + 1;
    if (genNew > LOG_GEN_MAX) FAIL(JET_errLogSequenceEnd);
    CALL(log_gens_reserve(log, genNew));

    memset(&h, 0, sizeof h);
    h.gen = genNew;
    h.cbFile = cfg->cbLogFile;
    h.cbSector = cfg->cbSector;
    h.cbMaxWrite = log->cbRing;
    h.lsnPrevEnd = fNew1 ? 0 : log->lsnEndOfData;
    log_logtime_now((struct log_logtime_disk *)h.tmCreate);
    if (!fNew1) memcpy(h.tmPrevGen, log->tmCreateLast, 8);
    memcpy(h.signLog, log->signLog, LOG_CB_SIGNATURE);
    if (log->fCurFileExists) CALL(log_file_path(log, LOG_NAME_ARCHIVE, log->genLast, &wszArchive));
    CALL(gen_file_create(log, &h, wszArchive, &fNew, &fReserve));
    log->fSign = true;

    os_mutex_lock(&log->mu);
    log_gen_at(log, genNew)->ibFirst = h.cbSector;
    log_gen_at(log, genNew)->ibEnd = h.cbSector;
    log_gen_at(log, genNew)->cDigits = (uint8_t)log_name_digits(cfg->grbitLegacyFileNames, genNew);
    memcpy(log->tmCreateLast, h.tmCreate, 8);
    log->fileCur = fNew;
    fNew = NULL;
    log->genCur = log->genLast = genNew;
    log->cbFileCur = h.cbFile;
    log->cbSectorCur = h.cbSector;
    log->ibNext = log->ibWritten = h.cbSector;
    log->cbRecMax = MIN(log->cbRing - LOG_CB_FRAME, LOG_CB_PAYLOAD_MAX & ~(LOG_CB_ALIGN - 1));
    log->fRunning = true;
    log->fCurFileExists = true;
    publish(log);
    os_mutex_unlock(&log->mu);
    if (fNew1)
        log_publish_redo_point(log, lsn_make(genNew, h.cbSector));

    /* A new log gets its checkpoint file now (an old one of another stream is replaced). */
    if (fNew1) {
        os_mutex_lock(&log->muChk);
        err = log_chk_write(log, true, lsn_make(genNew, h.cbSector), LSN_NONE, NULL, 0);
        if (err >= 0) {
            log->lsnRedoChk = lsn_make(genNew, h.cbSector);
            log->fChkFound = true;
        }
        os_mutex_unlock(&log->muChk);
        CALL(err);
    }

    os_mutex_lock(&log->muRes);
    err = reserves_ensure(log, &cReserve);
    log->cReserve = cReserve;
    os_mutex_unlock(&log->muRes);
    CALL(err);
    os_mutex_lock(&log->mu);
    log->fQuiesce = fReserve || cReserve < LOG_C_RESERVE;
    os_mutex_unlock(&log->mu);
    TRACE("started generation %u%s\n", genNew, fNew1 ? " (new log)" : "");
out:
    os_file_close(fNew);
    mem_free(wszArchive);
    return err;
}

JET_ERR log_start(struct log *log)
{
    JET_ERR err;
    if (!log || log->fOff) return JET_errSuccess;
    os_mutex_lock(&log->mu);
    bool fBad = log->fRunning || log->cReaders || log->errFail < 0;
    os_mutex_unlock(&log->mu);
    if (fBad) return ERR_TRAP(JET_errInvalidParameter);
    err = log_writer_start(log);
    if (err < 0) {
        os_mutex_lock(&log->mu);
        set_fail(log, err);
        os_mutex_unlock(&log->mu);
    }
    return err;
}

void log_writer_close(struct log *log)
{
    os_file_close(log->fileCur);
    log->fileCur = NULL;
    mem_free(log->pbRing);
    log->pbRing = NULL;
    log->fRunning = false;
}

JET_ERR log_term(struct log *log)
{
    JET_ERR err = JET_errSuccess;
    if (!log) return JET_errSuccess;
    if (!log->fOff && log->fRunning) {
        lsn_t lsn;
        err = log_append(log, LOG_REC_TERM, NULL, 0, &lsn);
        if (err >= 0) err = log_flush(log, LSN_MAX);
    }
    log_close(log);
    return err;
}

/* ---- reading the current generation while running ------------------------------------------------ */

void log_cur_acquire(struct log *log, uint32_t gen, struct os_file **pf, bool *pfCur, uint32_t *pibEnd)
{
    *pf = NULL;
    *pfCur = false;
    *pibEnd = 0;
    os_mutex_lock(&log->mu);
    while (log->fRunning && log->fSwitching) os_cond_wait(&log->cv, &log->mu);
    if (log->fRunning && gen == log->genCur) {
        *pibEnd = log->ibWritten;
        if (log->fileCur) {
            *pf = log->fileCur;
            *pfCur = true;
            log->cCurReaders++;
        }
    } else if (gen >= log->genMin && gen <= log->genLast) {
        *pibEnd = log_gen_at(log, gen)->ibEnd;
    }
    os_mutex_unlock(&log->mu);
}

void log_cur_release(struct log *log)
{
    os_mutex_lock(&log->mu);
    if (--log->cCurReaders == 0) os_cond_broadcast(&log->cv);
    os_mutex_unlock(&log->mu);
}

/* ---- checkpoints ---------------------------------------------------------------------------------- */

/* Delete the archived generations below genBelow, oldest first, never the current one (nor the
 * last one before log_start). Stops at the first file that cannot be deleted and returns its
 * error; what was deleted stays deleted, and genMin follows. */
static JET_ERR delete_before(struct log *log, uint32_t genBelow)
{
    struct os_vfs *vfs = log->cfg.vfs;
    JET_ERR err = JET_errSuccess;
    for (;;) {
        ESENT_WCHAR *wszPath = NULL;
        os_mutex_lock(&log->mu);
        uint32_t g = log->genMin;
        uint32_t genKeep = log->fRunning ? log->genCur : log->genLast;
        bool fDelete = log->genLast != 0 && g < genBelow && g < genKeep;
        if (fDelete) err = log_file_path(log, LOG_NAME_ARCHIVE, g, &wszPath);
        os_mutex_unlock(&log->mu);
        if (!fDelete || err < 0) break;
        err = remove_if_there(vfs, wszPath);
        mem_free(wszPath);
        if (err < 0) {
            WARN("cannot delete generation %u (%d)\n", g, (int)err);
            break;
        }
        os_mutex_lock(&log->mu);
        if (log->genMin == g) {
            memmove(log->rggen, log->rggen + 1, (size_t)(log->genLast - g) * sizeof *log->rggen);
            memset(log->rggen + (log->genLast - g), 0, sizeof *log->rggen);
            log->genMin = g + 1;
        }
        os_mutex_unlock(&log->mu);
        TRACE("deleted generation %u\n", g);
    }
    return err;
}

JET_ERR log_checkpoint(struct log *log, lsn_t lsnRedo, lsn_t lsnKeep, const void *pv, size_t cb)
{
    JET_ERR err = JET_errSuccess;
    if (!log || log->fOff) return JET_errSuccess;
    if (lsnRedo == LSN_NONE || (cb && !pv) || cb > LOG_CB_CHK_DATA_MAX || !log->fSign ||
        (log->fRunning && lsnRedo > log_end_lsn(log)))
        return ERR_TRAP(JET_errInvalidParameter);

    /* The redo point must be durable before a checkpoint may name it. */
    CALL_R(log_flush(log, lsnRedo));
    log_publish_redo_point(log, lsnRedo);

    os_mutex_lock(&log->muChk);
    err = log_chk_write(log, !log->fChkFound, lsnRedo, lsnKeep, pv, cb);
    if (err >= 0) {
        void *pvCopy = cb ? mem_alloc(cb) : NULL;
        if (pvCopy || !cb) {
            if (cb) memcpy(pvCopy, pv, cb);
            mem_free(log->pvChkData);
            log->pvChkData = pvCopy;
            log->cbChkData = cb;
        }
        log->lsnRedoChk = lsnRedo;
        log->fChkFound = true;
    }
    os_mutex_unlock(&log->muChk);
    CALL_R(err);
    if (!log->cfg.fCircular) return JET_errSuccess;

    /* Circular logging: generations wholly before min(redo, keep) are no longer needed. A file
     * that cannot go now (a reader has it open) is retried at the next checkpoint. */
    lsn_t lsnOldest = lsnKeep != LSN_NONE && lsnKeep < lsnRedo ? lsnKeep : lsnRedo;
    err = delete_before(log, lsn_generation(lsnOldest));
    if (err < 0) WARN("circular logging: %d; the rest is kept for now\n", (int)err);
    return JET_errSuccess;
}

JET_ERR log_truncate(struct log *log, uint32_t genBelow)
{
    if (!log || log->fOff) return JET_errSuccess;
    return delete_before(log, genBelow);
}
