/* SPDX-License-Identifier: MIT
 * log/log_chk.c: the checkpoint file (<base>.chk): two copies, each checksummed, written one
 * after the other with a sync in between, so that a crash leaves at least one whole
 * (log_format.h describes the layout).
 * Layer: log (uses os, base). Callers hold muChk. */
#include "log_int.h"

DEBUG_CHANNEL(log);

#define CB_HDR ((uint32_t)sizeof(struct log_chk_header))

struct chk_copy {
    bool fValid;
    uint64_t seq;
    lsn_t lsnRedo;
    uint32_t cbData;
    uint8_t *pbData;
    uint8_t signLog[LOG_CB_SIGNATURE];
};

static uint32_t chk_crc(const struct log_chk_header *d, const void *pvData, uint32_t cbData)
{
    uint32_t crc = log_crc32c(0, (const uint8_t *)d + 4, CB_HDR - 4);
    return log_crc32c(crc, pvData, cbData);
}

/* Reads the copy whose header is at ibHdr; fDataBefore: its data precedes the header (copy 1). */
static JET_ERR chk_read_copy(struct os_file *f, uint64_t cbFile, uint64_t ibHdr, bool fDataBefore,
                             struct chk_copy *c)
{
    struct log_chk_header d;
    JET_ERR err;

    memset(c, 0, sizeof *c);
    err = os_file_read(f, ibHdr, &d, sizeof d);
    if (err == JET_errFileIOBeyondEOF) return JET_errSuccess;
    CALL_R(err);
    if (le32_get(&d.ulMagic) != LOG_CHK_MAGIC || le32_get(&d.cbHeader) != CB_HDR ||
        le32_get(&d.ulVersion) != LOG_FORMAT_VERSION)
        return JET_errSuccess;
    uint32_t cbData = le32_get(&d.cbData);
    if (cbData > LOG_CB_CHK_DATA_MAX || (uint64_t)cbData + 2 * CB_HDR > cbFile)
        return JET_errSuccess;
    uint64_t ibData = fDataBefore ? ibHdr - cbData : ibHdr + CB_HDR;
    uint8_t *pb = mem_alloc(cbData);
    if (!pb) return ERR_TRAP(JET_errOutOfMemory);
    err = os_file_read(f, ibData, pb, cbData);
    if (err == JET_errFileIOBeyondEOF) err = JET_errSuccess;
    else if (err < 0) { mem_free(pb); return err; }
    else if (chk_crc(&d, pb, cbData) == le32_get(&d.ulChecksum)) {
        c->fValid = true;
        c->seq = le64_get(&d.ullSeq);
        c->lsnRedo = le64_get(&d.lsnRedo);
        c->cbData = cbData;
        c->pbData = pb;
        memcpy(c->signLog, &d.signLog, LOG_CB_SIGNATURE);
        return JET_errSuccess;
    }
    mem_free(pb);
    return JET_errSuccess;
}

JET_ERR log_chk_read(struct log *log, bool *pfFound, uint8_t signLog[LOG_CB_SIGNATURE])
{
    struct os_file *f = NULL;
    ESENT_WCHAR *wszPath = NULL;
    struct chk_copy c0 = { 0 }, c1 = { 0 };
    uint64_t cbFile;
    JET_ERR err;

    *pfFound = false;
    CALL(log_file_path(log, LOG_NAME_CHECKPOINT, 0, &wszPath));
    err = os_file_open(log->cfg.vfs, wszPath, OS_OPEN_READONLY, &f);
    if (err == JET_errFileNotFound || err == JET_errInvalidPath) { err = JET_errSuccess; goto out; }
    CALL(err);
    CALL(os_file_size(f, &cbFile));
    if (cbFile >= 2 * CB_HDR) {
        CALL(chk_read_copy(f, cbFile, 0, false, &c0));
        CALL(chk_read_copy(f, cbFile, cbFile - CB_HDR, true, &c1));
    }
    struct chk_copy *c = c0.fValid && (!c1.fValid || c0.seq >= c1.seq) ? &c0 : c1.fValid ? &c1 : NULL;
    if (!c) {
        WARN("%s: no intact copy\n", debugstr_w(wszPath));
        FAIL(JET_errCheckpointCorrupt);
    }
    if (!c0.fValid || !c1.fValid)
        WARN("%s: copy %d damaged, using the other\n", debugstr_w(wszPath), c0.fValid ? 1 : 0);
    *pfFound = true;
    log->fChkFound = true;
    log->seqChk = c->seq;
    log->lsnRedoChk = c->lsnRedo;
    log->pvChkData = c->pbData;
    log->cbChkData = c->cbData;
    c->pbData = NULL;
    memcpy(signLog, c->signLog, LOG_CB_SIGNATURE);
out:
    mem_free(c0.pbData);
    mem_free(c1.pbData);
    os_file_close(f);
    mem_free(wszPath);
    return err;
}

static void chk_build(struct log *log, uint64_t seq, lsn_t lsnRedo, lsn_t lsnKeep, const void *pv,
                      uint32_t cb, struct log_chk_header *d)
{
    memset(d, 0, sizeof *d);
    le32_put(&d->ulMagic, LOG_CHK_MAGIC);
    le32_put(&d->ulVersion, LOG_FORMAT_VERSION);
    le32_put(&d->cbHeader, CB_HDR);
    le64_put(&d->ullSeq, seq);
    le64_put(&d->lsnRedo, lsnRedo);
    le64_put(&d->lsnKeep, lsnKeep);
    le32_put(&d->cbData, cb);
    log_logtime_now(&d->tmWrite);
    memcpy(&d->signLog, log->signLog, LOG_CB_SIGNATURE);
    le32_put(&d->ulChecksum, chk_crc(d, pv, cb));
}

JET_ERR log_chk_write(struct log *log, bool fFresh, lsn_t lsnRedo, lsn_t lsnKeep, const void *pv, size_t cb)
{
    struct os_vfs *vfs = log->cfg.vfs;
    struct os_file *f = NULL;
    ESENT_WCHAR *wszPath = NULL, *wszTmp = NULL;
    struct log_chk_header d;
    uint64_t cbFile;
    JET_ERR err;

    if (cb > LOG_CB_CHK_DATA_MAX) return ERR_TRAP(JET_errInvalidParameter);
    uint32_t cbCopy = CB_HDR + (uint32_t)cb;
    uint64_t seq = fFresh ? 1 : log->seqChk + 1;
    chk_build(log, seq, lsnRedo, lsnKeep, pv, (uint32_t)cb, &d);
    uint64_t cbNeed = MAX((uint64_t)LOG_CB_CHK_MIN, ((2 * (uint64_t)cbCopy) + 4095) & ~(uint64_t)4095);

    CALL(log_file_path(log, LOG_NAME_CHECKPOINT, 0, &wszPath));
    if (fFresh) {
        /* A new file holds no copy until both are written: build it under a temporary name, so
         * that a crash leaves either no checkpoint file or a whole one (never a torn one, nor
         * the old file of another log stream). */
        CALL(log_file_path(log, LOG_NAME_CHECKPOINT_TMP, 0, &wszTmp));
        err = vfs->ops->remove(vfs, wszTmp);
        if (err < 0 && err != JET_errFileNotFound) goto out;
        CALL(os_file_open(vfs, wszTmp, OS_OPEN_CREATE_NEW | OS_OPEN_EXCLUSIVE, &f));
        CALL(os_file_set_size(f, cbNeed));
        cbFile = cbNeed;
    } else {
        CALL(os_file_open(vfs, wszPath, OS_OPEN_CREATE | OS_OPEN_EXCLUSIVE, &f));
        CALL(os_file_size(f, &cbFile));
        if (cbFile < cbNeed) {
            /* Grow (never shrink): copy 0 keeps the previous checkpoint while copy 1 moves to
             * the new end, and the two never overlap (the new end is at least 2 * cbCopy). */
            CALL(os_file_set_size(f, cbNeed));
            cbFile = cbNeed;
        }
    }
    /* Copy 1 (data, then the header at the very end), then copy 0. */
    if (cb) CALL(os_file_write(f, cbFile - CB_HDR - cb, pv, cb));
    CALL(os_file_write(f, cbFile - CB_HDR, &d, CB_HDR));
    CALL(os_file_sync(f));
    CALL(os_file_write(f, 0, &d, CB_HDR));
    if (cb) CALL(os_file_write(f, CB_HDR, pv, cb));
    CALL(os_file_sync(f));
    if (fFresh) {
        os_file_close(f);
        f = NULL;
        CALL(vfs->ops->rename(vfs, wszTmp, wszPath));
    }
    log->seqChk = seq;
out:
    os_file_close(f);
    mem_free(wszPath);
    mem_free(wszTmp);
    return err;
}
