/* SPDX-License-Identifier: MIT
 * log/log_read.c: reading records from an LSN on, across generations (recovery, tools).
 * Layer: log (uses os, base).
 *
 * Each generation is read up to its known end: for an older one, the end its successor's header
 * records; for the last one, the end log_open found, or while the log is running the durable end
 * (ibWritten). Before that end every record must be intact, so a bad one is corruption
 * (JET_errLogFileCorrupt). Bytes are read through a window that never reaches past the end, so
 * nothing not yet durable is ever cached. */
#include "log_int.h"

DEBUG_CHANNEL(log);

#define READ_CB_WINDOW (256u * 1024)

struct log_reader {
    struct log *log;
    uint32_t gen, ib;             /* next record */
    struct os_file *f;            /* our own handle on generation genF (not the writer's) */
    uint32_t genF;
    uint8_t *pbWin;
    uint32_t cbWinAlloc;
    uint32_t genWin, ibWin, cbWin;    /* pbWin holds generation genWin's bytes [ibWin, ibWin + cbWin) */
};

JET_ERR log_reader_open(struct log *log, lsn_t lsnFrom, struct log_reader **ppr)
{
    struct log_reader *r;
    *ppr = NULL;
    r = mem_calloc(1, sizeof *r);
    if (!r) return ERR_TRAP(JET_errOutOfMemory);
    r->log = log;
    if (!log || log->fOff) {
        *ppr = r;
        return JET_errSuccess;
    }

    os_mutex_lock(&log->mu);
    if (log->genLast == 0) {
        r->gen = 1;                       /* no log: at the end */
        r->ib = 0;
    } else if (lsnFrom == LSN_NONE) {
        r->gen = log->genMin;
        r->ib = log_gen_at(log, log->genMin)->ibFirst;
    } else {
        r->gen = lsn_generation(lsnFrom);
        r->ib = lsn_offset(lsnFrom);
        if (r->gen < log->genMin) {
            os_mutex_unlock(&log->mu);
            mem_free(r);
            WARN("generation %u is no longer there (oldest %u)\n", lsn_generation(lsnFrom), log->genMin);
            return ERR_TRAP(JET_errMissingLogFile);
        }
        if (r->ib % LOG_CB_ALIGN) {
            os_mutex_unlock(&log->mu);
            mem_free(r);
            return ERR_TRAP(JET_errInvalidParameter);
        }
        if (r->gen <= log->genLast && r->ib < log_gen_at(log, r->gen)->ibFirst)
            r->ib = log_gen_at(log, r->gen)->ibFirst;
    }
    log->cReaders++;
    os_mutex_unlock(&log->mu);
    *ppr = r;
    return JET_errSuccess;
}

void log_reader_close(struct log_reader *r)
{
    if (!r) return;
    if (r->log && !r->log->fOff) {
        os_mutex_lock(&r->log->mu);
        r->log->cReaders--;
        os_mutex_unlock(&r->log->mu);
    }
    os_file_close(r->f);
    mem_free(r->pbWin);
    mem_free(r);
}

/* Our own handle on generation gen, checked against what log_open saw. */
static JET_ERR reader_open_file(struct log_reader *r, uint32_t gen)
{
    struct log *log = r->log;
    ESENT_WCHAR *wszPath = NULL;
    struct log_hdr h;
    JET_ERR err;

    if (r->f && r->genF == gen) return JET_errSuccess;
    os_file_close(r->f);
    r->f = NULL;
    os_mutex_lock(&log->mu);
    bool fCurName = log->fRunning ? gen == log->genCur : (log->fCurFileExists && gen == log->genLast);
    err = log_file_path(log, fCurName ? LOG_NAME_CURRENT : LOG_NAME_ARCHIVE, gen, &wszPath);
    os_mutex_unlock(&log->mu);
    CALL(err);
    err = os_file_open(log->cfg.vfs, wszPath, OS_OPEN_READONLY, &r->f);
    if (err == JET_errFileNotFound) err = ERR_TRAP(JET_errMissingLogFile);
    CALL(err);
    CALL(log_hdr_read(r->f, &h));
    if (h.gen != gen || memcmp(h.signLog, log->signLog, LOG_CB_SIGNATURE) != 0) {
        WARN("%s changed since the log was opened\n", debugstr_w(wszPath));
        FAIL(JET_errLogFileCorrupt);
    }
    r->genF = gen;
out:
    if (err < 0) {
        os_file_close(r->f);
        r->f = NULL;
    }
    mem_free(wszPath);
    return err;
}

/* Bytes [ib, ib + cb) of generation gen, which lie before ibEnd; *ppb valid until the next call. */
static JET_ERR reader_bytes(struct log_reader *r, struct os_file *f, uint32_t gen, uint32_t ib, uint32_t cb,
                            uint32_t ibEnd, const uint8_t **ppb)
{
    JET_ERR err;
    if (gen == r->genWin && ib >= r->ibWin && ib + cb <= r->ibWin + r->cbWin) {
        *ppb = r->pbWin + (ib - r->ibWin);
        return JET_errSuccess;
    }
    uint32_t cbRead = MAX(cb, MIN(READ_CB_WINDOW, ibEnd - ib));
    if (cbRead > r->cbWinAlloc) {
        uint8_t *pb = mem_realloc(r->pbWin, cbRead);
        if (!pb) return ERR_TRAP(JET_errOutOfMemory);
        r->pbWin = pb;
        r->cbWinAlloc = cbRead;
    }
    r->cbWin = 0;
    err = os_file_read(f, ib, r->pbWin, cbRead);
    if (err == JET_errFileIOBeyondEOF) err = ERR_TRAP(JET_errLogFileCorrupt);
    CALL_R(err);
    r->genWin = gen;
    r->ibWin = ib;
    r->cbWin = cbRead;
    *ppb = r->pbWin;
    return JET_errSuccess;
}

JET_ERR log_reader_next(struct log_reader *r, struct log_record *rec)
{
    struct log *log = r->log;
    JET_ERR err = JET_errSuccess;

    memset(rec, 0, sizeof *rec);
    if (!log || log->fOff) return 1;

    for (;;) {
        struct os_file *f = NULL;
        bool fCur = false;
        uint32_t ibEnd, genLast, ibFirstNext = 0;

        log_cur_acquire(log, r->gen, &f, &fCur, &ibEnd);
        os_mutex_lock(&log->mu);
        genLast = log->genLast;
        if (r->gen < log->genMin) err = ERR_TRAP(JET_errMissingLogFile);   /* deleted since */
        else if (r->gen < genLast) ibFirstNext = log_gen_at(log, r->gen + 1)->ibFirst;
        os_mutex_unlock(&log->mu);
        if (err < 0 || r->gen > genLast || genLast == 0) goto release;

        if (r->ib >= ibEnd) {
            bool fLive = fCur || (log->fRunning && r->gen == genLast);
            if (r->ib > ibEnd && !fLive) {
                WARN("position %#x past the end %#x of generation %u\n", r->ib, ibEnd, r->gen);
                err = ERR_TRAP(JET_errLogFileCorrupt);
                goto release;
            }
            if (r->gen >= genLast) goto release;    /* the end of the log, for now */
            if (fCur) log_cur_release(log);
            r->gen++;
            r->ib = ibFirstNext;
            continue;
        }

        if (!fCur) {
            err = reader_open_file(r, r->gen);
            if (err < 0) goto release;
            f = r->f;
        }
        const uint8_t *pb;
        uint8_t frame[LOG_CB_FRAME], type = 0;
        uint32_t cb = 0;
        if (ibEnd - r->ib < LOG_CB_FRAME) goto corrupt;
        err = reader_bytes(r, f, r->gen, r->ib, LOG_CB_FRAME, ibEnd, &pb);
        if (err < 0) goto release;
        memcpy(frame, pb, sizeof frame);
        uint32_t cbPayload = log_frame_cb(get_le32(frame + LOG_FRAME_OFF_CBTYPE));
        if (log_frame_type(get_le32(frame + LOG_FRAME_OFF_CBTYPE)) == 0 ||
            ibEnd - r->ib < log_frame_span(cbPayload))
            goto corrupt;
        err = reader_bytes(r, f, r->gen, r->ib + LOG_CB_FRAME, cbPayload, ibEnd, &pb);
        if (err < 0) goto release;
        if (!log_frame_check(log->crcSeed, r->gen, r->ib, frame, pb, ibEnd, &type, &cb))
            goto corrupt;
        if (fCur) log_cur_release(log);
        rec->lsn = lsn_make(r->gen, r->ib);
        r->ib += log_frame_span(cb);
        if (type == LOG_REC_PAD) continue;
        rec->type = type;
        rec->pv = pb;
        rec->cb = cb;
        return JET_errSuccess;

    corrupt:
        WARN("damaged record at generation %u offset %#x (end %#x)\n", r->gen, r->ib, ibEnd);
        err = ERR_TRAP(JET_errLogFileCorrupt);
    release:
        if (fCur) log_cur_release(log);
        if (err < 0) return err;
        memset(rec, 0, sizeof *rec);
        return 1;
    }
}
