/* SPDX-License-Identifier: MIT
 * cache/cache_redo.c: applying LOG_REC_PAGES records during recovery (format in cache_format.h).
 * Layer: cache (uses page, log, os, base).
 *
 * The record is checked whole before any page is touched: a malformed record changes nothing
 * (JET_errLogFileCorrupt). Then each page follows the dbtime rules of src/README.md:
 *   image: applied unless the page is sound and already at or past dbtimeAfter (a torn or
 *          unverifiable page, an all-zero page and a page past the end of the file all take it);
 *   delta: skipped when the page is at or past dbtimeAfter, applied when it is exactly at
 *          dbtimeBefore, JET_errDatabaseCorrupted otherwise; a page that fails verification
 *          is passed over (an image later in the log rebuilds it; without one it keeps failing
 *          verification where it is read: JET_errReadVerifyFailure).
 * Applying the same record twice is therefore harmless. */
#include "cache_int.h"

DEBUG_CHANNEL(cache);

/* Ranges must lie inside the page, in order, each at least one byte. */
static bool ranges_check(const uint8_t *pb, size_t cb, uint32_t cbPage)
{
    size_t ib = 0;
    uint64_t ibPage = 0;
    while (ib < cb) {
        uint32_t gap, cbRange;
        if (!mtr_varint_get(pb, cb, &ib, &gap) || !mtr_varint_get(pb, cb, &ib, &cbRange))
            return false;
        ibPage += gap;
        if (cbRange == 0 || ibPage > cbPage || cbPage - ibPage < cbRange || cb - ib < cbRange)
            return false;
        ib += cbRange;
        ibPage += cbRange;
    }
    return true;
}

/* After ranges_check. */
static void ranges_apply(const uint8_t *pb, size_t cb, uint8_t *page)
{
    size_t ib = 0, ibPage = 0;
    while (ib < cb) {
        uint32_t gap = 0, cbRange = 0;
        (void)mtr_varint_get(pb, cb, &ib, &gap);
        (void)mtr_varint_get(pb, cb, &ib, &cbRange);
        ibPage += gap;
        memcpy(page + ibPage, pb + ib, cbRange);
        ib += cbRange;
        ibPage += cbRange;
    }
}

struct rec_entry {
    uint8_t kind;
    uint32_t pgno;
    uint64_t dbtimeBefore, dbtimeAfter;
    const uint8_t *pbBody;
    uint32_t cbBody;
};

struct rec_parsed {
    uint32_t dbid;
    uint32_t centry;
    struct rec_entry rgentry[MTR_MAX_PAGES];
    const uint8_t *pbUndo;
    uint32_t cbUndo;
};

static JET_ERR rec_parse(const struct log_record *rec, uint32_t cbPageWanted, struct rec_parsed *pr)
{
    const uint8_t *pb = rec->pv;
    const size_t cb = rec->cb;
    if (rec->type != LOG_REC_PAGES || !pb || cb < sizeof(struct mtr_rec_header_disk))
        return ERR_TRAP(JET_errLogFileCorrupt);
    const struct mtr_rec_header_disk *h = (const struct mtr_rec_header_disk *)pb;
    if (h->bVersion != MTR_REC_VERSION || h->cpage > MTR_MAX_PAGES || le16_get(&h->fFlags) != 0)
        return ERR_TRAP(JET_errLogFileCorrupt);
    pr->dbid = le32_get(&h->dbid);
    pr->cbUndo = le32_get(&h->cbUndo);
    pr->centry = h->cpage;
    size_t ib = sizeof *h;
    for (uint32_t i = 0; i < pr->centry; i++) {
        struct rec_entry *e = &pr->rgentry[i];
        if (cb - ib < sizeof(struct mtr_rec_page_disk))
            return ERR_TRAP(JET_errLogFileCorrupt);
        const struct mtr_rec_page_disk *d = (const struct mtr_rec_page_disk *)(pb + ib);
        ib += sizeof *d;
        e->kind = d->bKind & MTR_PAGE_KIND_MASK;
        e->pgno = le32_get(&d->pgno);
        e->dbtimeBefore = le64_get(&d->dbtimeBefore);
        e->dbtimeAfter = le64_get(&d->dbtimeAfter);
        e->cbBody = le32_get(&d->cbBody);
        if ((e->kind != MTR_PAGE_IMAGE && e->kind != MTR_PAGE_DELTA) || e->pgno == 0 || cb - ib < e->cbBody)
            return ERR_TRAP(JET_errLogFileCorrupt);
        if (cbPageWanted && mtr_rec_cb_page(d->bKind) != cbPageWanted)
            return ERR_TRAP(JET_errLogFileCorrupt);
        e->pbBody = pb + ib;
        if (!ranges_check(e->pbBody, e->cbBody, mtr_rec_cb_page(d->bKind)))
            return ERR_TRAP(JET_errLogFileCorrupt);
        ib += e->cbBody;
    }
    if (cb - ib != pr->cbUndo)
        return ERR_TRAP(JET_errLogFileCorrupt);
    pr->pbUndo = pb + ib;
    return JET_errSuccess;
}

JET_ERR cache_record_dbid(const struct log_record *rec, uint32_t *pdbid)
{
    JET_ERR err;
    struct rec_parsed r;
    CALL_R(rec_parse(rec, 0, &r));
    *pdbid = r.dbid;
    return JET_errSuccess;
}

JET_ERR cache_record_undo(const struct log_record *rec, const void **ppvUndo, size_t *pcbUndo)
{
    JET_ERR err;
    struct rec_parsed r;
    CALL_R(rec_parse(rec, 0, &r));
    *ppvUndo = r.cbUndo ? r.pbUndo : NULL;
    *pcbUndo = r.cbUndo;
    return JET_errSuccess;
}

static void dbtime_raise(uint64_t *pdbtime, uint64_t dbtime)
{
    uint64_t cur = ALOAD(*pdbtime);
    while (cur < dbtime && !__atomic_compare_exchange_n(pdbtime, &cur, dbtime, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        ;
}

static JET_ERR redo_page(struct cache_file *f, const struct log_record *rec, const struct rec_entry *e)
{
    const uint32_t cb = f->desc.cbPage;
    struct page_ref ref;
    JET_ERR err = cache_get(f, e->pgno, CACHE_LATCH_EXCLUSIVE, CACHE_GET_NO_VERIFY, &ref);
    if (err == JET_errFileIOBeyondEOF) {
        if (e->kind != MTR_PAGE_IMAGE)
            return ERR_CORRUPT(e->pgno, "log record changes a page past the end of the file");
        /* The file's growth did not reach the disk; the image recreates the page. */
        err = cache_get(f, e->pgno, CACHE_LATCH_EXCLUSIVE, CACHE_GET_NO_VERIFY | CACHE_GET_NEW, &ref);
    }
    if (err < 0)
        return err;

    JET_ERR errVerify = frame_verify_error(&ref);
    uint64_t dbtime = errVerify == JET_errPageNotInitialized ? 0 : get_le64(ref.buf + MTR_IB_DBTIME);
    bool fApply;
    if (e->kind == MTR_PAGE_IMAGE) {
        fApply = errVerify < 0 || dbtime < e->dbtimeAfter;
        if (fApply) {
            memset(ref.buf, 0, cb);
            ranges_apply(e->pbBody, e->cbBody, ref.buf);
        }
    } else if (errVerify < 0 && errVerify != JET_errPageNotInitialized) {
        /* A page torn by the crash. Redo may start before the horizon its checkpoint kept (at the
         * first record of a transaction open then), so deltas decided against an older horizon
         * can come before the image that rebuilds the page: they are superseded by it and
         * passed over. A page no image repairs still fails verification wherever it is read
         * next (recovery's undo, or later), with JET_errReadVerifyFailure. */
        TRACE("dbid %u page %u fails verification (%ld): delta %llx passed over, an image must follow",
              (unsigned)f->desc.dbid, (unsigned)e->pgno, (long)errVerify, (unsigned long long)rec->lsn);
        fApply = false;
    } else if (dbtime >= e->dbtimeAfter) {
        fApply = false;
    } else if (dbtime == e->dbtimeBefore) {
        fApply = true;
        ranges_apply(e->pbBody, e->cbBody, ref.buf);
    } else {
        WARN("dbid %u page %u: dbtime %llu, log record %llx goes from %llu to %llu\n", (unsigned)f->desc.dbid,
             (unsigned)e->pgno, (unsigned long long)dbtime, (unsigned long long)rec->lsn,
             (unsigned long long)e->dbtimeBefore, (unsigned long long)e->dbtimeAfter);
        err = ERR_CORRUPT(e->pgno, "page dbtime is neither before nor after the log record");
        goto out;
    }

    if (fApply) {
        struct page_buf pb = page_buf_make(ref.buf, cb, e->pgno);
        page_set_dbtime(&pb, e->dbtimeAfter);
        if (e->kind == MTR_PAGE_IMAGE)
            frame_set_verified(&ref);
        os_mutex_lock(&f->mtxDirty);
        /* The record is in the log already: nothing to flush before writing the page. */
        file_mark_dirty_locked(f, ref.frame, LSN_NONE, rec->lsn);
        if (e->kind == MTR_PAGE_IMAGE) {
            ref.frame->fImage = true;
            ref.frame->lsnImage = rec->lsn;
        }
        os_mutex_unlock(&f->mtxDirty);
    }
    dbtime_raise(f->desc.pdbtime, e->dbtimeAfter);
out:
    cache_put(&ref);
    return err;
}

JET_ERR cache_redo(struct cache_file *f, const struct log_record *rec, const void **ppvUndo, size_t *pcbUndo)
{
    JET_ERR err;
    struct rec_parsed r;

    if (ppvUndo)
        *ppvUndo = NULL;
    if (pcbUndo)
        *pcbUndo = 0;
    CALL_R(rec_parse(rec, f->desc.cbPage, &r));
    if (r.centry && f->desc.fReadOnly)
        return ERR_TRAP(JET_errPermissionDenied);
    if (r.centry) {
        /* Redone pages carry dbtimes the horizon did not see: open a new one before deciding. */
        os_mutex_lock(&f->mtxCommit);
        ASTORE(f->fHorizonStale, true);
        os_mutex_unlock(&f->mtxCommit);
    }
    for (uint32_t i = 0; i < r.centry; i++)
        CALL_R(redo_page(f, rec, &r.rgentry[i]));
    if (ppvUndo)
        *ppvUndo = r.cbUndo ? r.pbUndo : NULL;
    if (pcbUndo)
        *pcbUndo = r.cbUndo;
    return JET_errSuccess;
}
