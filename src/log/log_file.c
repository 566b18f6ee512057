/* SPDX-License-Identifier: MIT
 * log/log_file.c: log file headers, LOGTIME and signatures, record frames, and the scan for the
 * end of a generation (log_format.h).
 * Layer: log (uses os, base).
 * Everything read here comes from disk: every field is range-checked before use, and damage is
 * reported as JET_errLogFileCorrupt, never asserted. */
#include "log_int.h"

DEBUG_CHANNEL(log);

/* ---- LOGTIME and SIGNATURE -------------------------------------------------------------------- */

void log_logtime_now(struct log_logtime_disk *lt)
{
    struct os_wall_time t;
    os_time_wall(&t);
    unsigned ms = (unsigned)t.millisecond % 1000;
    lt->b[0] = (uint8_t)t.second;
    lt->b[1] = (uint8_t)t.minute;
    lt->b[2] = (uint8_t)t.hour;
    lt->b[3] = (uint8_t)t.day;
    lt->b[4] = (uint8_t)t.month;                       /* 1-12, as Windows writes it */
    lt->b[5] = (uint8_t)(t.year - 1900);
    lt->b[6] = (uint8_t)(1 | ((ms & 0x7F) << 1));      /* UTC flag, low 7 bits of ms */
    lt->b[7] = (uint8_t)(((ms >> 7) & 0x7) << 1);      /* high 3 bits of ms */
}

void log_signature_new(uint8_t signLog[LOG_CB_SIGNATURE])
{
    struct log_signature_disk s;
    uint32_t ulRandom = 0;
    memset(&s, 0, sizeof s);
    while (ulRandom == 0)
        os_random(&ulRandom, sizeof ulRandom);
    le32_put(&s.ulRandom, ulRandom);
    log_logtime_now(&s.logtimeCreate);
    memcpy(signLog, &s, LOG_CB_SIGNATURE);
}

/* ---- file header ------------------------------------------------------------------------------ */

void log_hdr_serialize(const struct log_hdr *h, uint8_t *pb)
{
    struct log_file_header d;
    memset(&d, 0, sizeof d);
    le32_put(&d.ulMagic, LOG_FILE_MAGIC);
    le32_put(&d.ulVersion, LOG_FORMAT_VERSION);
    le32_put(&d.cbHeader, sizeof d);
    le32_put(&d.lGeneration, h->gen);
    le32_put(&d.cbFile, h->cbFile);
    le32_put(&d.cbSector, h->cbSector);
    le32_put(&d.cbMaxWrite, h->cbMaxWrite);
    le64_put(&d.lsnPrevEnd, h->lsnPrevEnd);
    memcpy(d.tmCreate.b, h->tmCreate, 8);
    memcpy(d.tmPrevGen.b, h->tmPrevGen, 8);
    memcpy(&d.signLog, h->signLog, LOG_CB_SIGNATURE);
    le32_put(&d.ulChecksum, log_crc32c(0, (const uint8_t *)&d + 4, sizeof d - 4));
    memcpy(pb, &d, sizeof d);
}

JET_ERR log_hdr_parse(const uint8_t *pb, size_t cb, uint64_t cbActual, struct log_hdr *h)
{
    struct log_file_header d;
    if (cb < sizeof d) return ERR_TRAP(JET_errLogFileCorrupt);
    memcpy(&d, pb, sizeof d);
    if (le32_get(&d.ulMagic) != LOG_FILE_MAGIC || le32_get(&d.cbHeader) != sizeof d)
        return ERR_TRAP(JET_errLogFileCorrupt);
    if (le32_get(&d.ulChecksum) != log_crc32c(0, (const uint8_t *)&d + 4, sizeof d - 4))
        return ERR_TRAP(JET_errLogFileCorrupt);
    if (le32_get(&d.ulVersion) != LOG_FORMAT_VERSION)
        return ERR_TRAP(JET_errBadLogVersion);
    h->gen = le32_get(&d.lGeneration);
    h->cbFile = le32_get(&d.cbFile);
    h->cbSector = le32_get(&d.cbSector);
    h->cbMaxWrite = le32_get(&d.cbMaxWrite);
    h->lsnPrevEnd = le64_get(&d.lsnPrevEnd);
    memcpy(h->tmCreate, d.tmCreate.b, 8);
    memcpy(h->tmPrevGen, d.tmPrevGen.b, 8);
    memcpy(h->signLog, &d.signLog, LOG_CB_SIGNATURE);
    if (h->gen == 0 || h->gen > LOG_GEN_MAX ||
        !log_is_pow2(h->cbSector) || h->cbSector < LOG_CB_SECTOR_MIN || h->cbSector > LOG_CB_SECTOR_MAX ||
        h->cbFile % h->cbSector != 0 || h->cbFile < 2 * h->cbSector ||
        h->cbMaxWrite < h->cbSector || h->cbMaxWrite % h->cbSector != 0)
        return ERR_TRAP(JET_errLogFileCorrupt);
    if (h->lsnPrevEnd != 0 && lsn_generation(h->lsnPrevEnd) != h->gen - 1)
        return ERR_TRAP(JET_errLogFileCorrupt);
    /* The file must hold what its header says (a shorter file lost its tail). */
    if (cbActual < h->cbFile)
        return ERR_TRAP(JET_errLogFileCorrupt);
    return JET_errSuccess;
}

JET_ERR log_hdr_read(struct os_file *f, struct log_hdr *h)
{
    uint8_t rgb[sizeof(struct log_file_header)];
    uint64_t cbActual;
    JET_ERR err;
    CALL_R(os_file_size(f, &cbActual));
    err = os_file_read(f, 0, rgb, sizeof rgb);
    if (err == JET_errFileIOBeyondEOF) return ERR_TRAP(JET_errLogFileCorrupt);
    CALL_R(err);
    return log_hdr_parse(rgb, sizeof rgb, cbActual, h);
}

/* ---- frames ----------------------------------------------------------------------------------- */

int log_frame_check(uint32_t crcSeed, uint32_t gen, uint32_t ib, const uint8_t *pbFrame,
                    const uint8_t *pbPayload, uint32_t ibLimit, uint8_t *ptype, uint32_t *pcb)
{
    uint32_t ulCbType = get_le32(pbFrame + LOG_FRAME_OFF_CBTYPE);
    uint32_t cb = log_frame_cb(ulCbType);
    uint8_t type = log_frame_type(ulCbType);
    uint8_t rgbLsn[8];

    if (type == 0 || ib > ibLimit || ibLimit - ib < log_frame_span(cb))
        return 0;
    put_le64(rgbLsn, lsn_make(gen, ib));
    uint32_t crc = log_crc32c(crcSeed, pbFrame + LOG_FRAME_OFF_CBTYPE, 4);
    crc = log_crc32c(crc, pbPayload, cb);
    crc = log_crc32c(crc, rgbLsn, sizeof rgbLsn);
    if (crc != get_le32(pbFrame + LOG_FRAME_OFF_CRC))
        return 0;
    *ptype = type;
    *pcb = cb;
    return 1;
}

/* ---- end of a generation ---------------------------------------------------------------------- */

#define SCAN_CB_WINDOW (256u * 1024)

/* A sliding window over a file, for sequential scans. */
struct window {
    struct os_file *f;
    uint32_t cbFile;
    uint8_t *pb;
    uint32_t cbAlloc;
    uint32_t ibWin, cbWin;       /* pb holds file bytes [ibWin, ibWin + cbWin) */
};

/* Make [ib, ib + cb) available; *ppb points at it. cb <= cbFile - ib is the caller's check. */
static JET_ERR window_get(struct window *w, uint32_t ib, uint32_t cb, const uint8_t **ppb)
{
    JET_ERR err;
    if (ib >= w->ibWin && ib + cb <= w->ibWin + w->cbWin) {
        *ppb = w->pb + (ib - w->ibWin);
        return JET_errSuccess;
    }
    uint32_t cbRead = MAX(cb, MIN(SCAN_CB_WINDOW, w->cbFile - ib));
    if (cbRead > w->cbAlloc) {
        uint8_t *pb = mem_realloc(w->pb, cbRead);
        if (!pb) return ERR_TRAP(JET_errOutOfMemory);
        w->pb = pb;
        w->cbAlloc = cbRead;
    }
    w->cbWin = 0;
    err = os_file_read(w->f, ib, w->pb, cbRead);
    if (err == JET_errFileIOBeyondEOF) err = ERR_TRAP(JET_errLogFileCorrupt);
    CALL_R(err);
    w->ibWin = ib;
    w->cbWin = cbRead;
    *ppb = w->pb;
    return JET_errSuccess;
}

/* Is there an intact record at ib (bounded by the file)? */
static JET_ERR record_at(uint32_t crcSeed, struct window *w, uint32_t gen, uint32_t ib,
                         int *pfValid, uint8_t *ptype, uint32_t *pcbSpan)
{
    const uint8_t *pbFrame = NULL, *pbPayload = NULL;
    uint8_t rgbFrame[LOG_CB_FRAME];
    JET_ERR err;

    *pfValid = 0;
    if (ib > w->cbFile || w->cbFile - ib < LOG_CB_FRAME) return JET_errSuccess;
    CALL_R(window_get(w, ib, LOG_CB_FRAME, &pbFrame));
    memcpy(rgbFrame, pbFrame, sizeof rgbFrame);   /* the window may move for the payload */
    uint32_t cb = log_frame_cb(get_le32(rgbFrame + LOG_FRAME_OFF_CBTYPE));
    if (log_frame_type(get_le32(rgbFrame + LOG_FRAME_OFF_CBTYPE)) == 0 ||
        w->cbFile - ib < log_frame_span(cb))
        return JET_errSuccess;
    CALL_R(window_get(w, ib + LOG_CB_FRAME, cb, &pbPayload));
    uint32_t cbPayload;
    *pfValid = log_frame_check(crcSeed, gen, ib, rgbFrame, pbPayload, w->cbFile, ptype, &cbPayload);
    *pcbSpan = log_frame_span(cbPayload);
    return JET_errSuccess;
}

JET_ERR log_scan_end(uint32_t crcSeed, struct os_file *f, const struct log_hdr *h,
                     uint32_t ibFrom, bool fLast, uint32_t *pibEnd, uint8_t *ptypeLast)
{
    struct window w = { f, h->cbFile, NULL, 0, 0, 0 };
    uint32_t ib = ibFrom, cbSpan = 0;
    uint8_t type = 0, typeLast = 0;
    int fValid;
    JET_ERR err = JET_errSuccess;

    for (;;) {
        CALL(record_at(crcSeed, &w, h->gen, ib, &fValid, &type, &cbSpan));
        if (!fValid) break;
        if (type != LOG_REC_PAD) typeLast = type;
        ib += cbSpan;
    }
    *pibEnd = ib;
    *ptypeLast = typeLast;

    /* The last write before a crash covered at most cbMaxWrite bytes and began at or before the
     * end we found; past that, a record at a sector start (every flush starts with one) can only
     * be durable data behind damage. Stale records of a recycled file never pass the CRC. */
    if (fLast) {
        uint64_t ibCheck = (uint64_t)log_align_up(ib, h->cbSector) + h->cbMaxWrite;
        for (; ibCheck + LOG_CB_FRAME <= h->cbFile; ibCheck += h->cbSector) {
            CALL(record_at(crcSeed, &w, h->gen, (uint32_t)ibCheck, &fValid, &type, &cbSpan));
            if (fValid) {
                WARN("generation %u: intact record at %#x after damage at %#x\n", h->gen, (unsigned)ibCheck, ib);
                FAIL(JET_errLogFileCorrupt);
            }
        }
    }
out:
    mem_free(w.pb);
    return err;
}
