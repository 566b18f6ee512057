/* SPDX-License-Identifier: MIT
 * cache/mtr.c: mini-transactions: before-copies, dbtime stamping, one LOG_REC_PAGES record per
 * commit (format in cache_format.h), abort.
 * Layer: cache (uses page, log, os, base).
 *
 * mtr_commit builds the record outside any lock, then under the file's commit mutex: confirms
 * the full-image decisions against the current horizon, takes one new dbtime per changed page,
 * appends the record and marks the frames dirty. Holding that mutex across the append makes the
 * decision, the record's place in the log and the dirty-list order one atomic step with respect
 * to cache_file_checkpoint (README.md "Checkpoints"). */
#include "cache_int.h"

DEBUG_CHANNEL(cache);

/* ---- before-copy buffers ------------------------------------------------------------------------ */

static uint32_t size_class(uint32_t cbPage)
{
    return cbPage == 4096 ? 0 : cbPage == 8192 ? 1 : cbPage == 16384 ? 2 : 3;
}

uint8_t *before_alloc(struct cache *cache, uint32_t cbPage)
{
    uint32_t ic = size_class(cbPage);
    uint8_t *pb = NULL;
    os_mutex_lock(&cache->mtxBefore);
    if (cache->rgcBefore[ic])
        pb = cache->rgpbBefore[ic][--cache->rgcBefore[ic]];
    os_mutex_unlock(&cache->mtxBefore);
    return pb ? pb : mem_alloc(cbPage);
}

void before_free(struct cache *cache, uint8_t *pb, uint32_t cbPage)
{
    if (!pb)
        return;
    uint32_t ic = size_class(cbPage);
    os_mutex_lock(&cache->mtxBefore);
    if (cache->rgcBefore[ic] < CACHE_BEFORE_POOL) {
        cache->rgpbBefore[ic][cache->rgcBefore[ic]++] = pb;
        pb = NULL;
    }
    os_mutex_unlock(&cache->mtxBefore);
    mem_free(pb);
}

void before_pool_drain(struct cache *cache)
{
    for (uint32_t ic = 0; ic < 4; ic++)
        while (cache->rgcBefore[ic])
            mem_free(cache->rgpbBefore[ic][--cache->rgcBefore[ic]]);
}

/* ---- range encoding (cache_format.h) -------------------------------------------------------- */

static inline bool in_dbtime(uint32_t ib)
{
    return ib >= MTR_IB_DBTIME && ib < MTR_IB_DBTIME + MTR_CB_DBTIME;
}

/* The base of an image: an all-zero page. */
static const uint8_t g_rgbZero[PAGE_CB_MAX];

/* First byte at or after ib that differs from the base (dbtime field excluded); cb if none.
 * Pages are mostly unchanged: memcmp (vectorized by the C library) skips equal spans in blocks
 * of MTR_CB_BLOCK bytes, aligned, and only the block that differs is walked a word at a time.
 * (Growing strides, halved again on a miss, cost a dozen memcmp calls per change found.) */
#define MTR_CB_BLOCK 256u
static uint32_t next_diff(const uint8_t *base, const uint8_t *pg, uint32_t cb, uint32_t ib)
{
    while (ib < cb) {
        if (in_dbtime(ib)) {
            ib = MTR_IB_DBTIME + MTR_CB_DBTIME;
            continue;
        }
        const uint32_t ibEnd = ib < MTR_IB_DBTIME ? MTR_IB_DBTIME : MIN(cb, (ib & ~(MTR_CB_BLOCK - 1)) + MTR_CB_BLOCK);
        if (memcmp(pg + ib, base + ib, ibEnd - ib) == 0) {
            ib = ibEnd;
            continue;
        }
        /* The block differs somewhere: the first word, then the first byte, that does. */
        for (;;) {
            uint64_t x, y;
            if (ib + 8 > ibEnd)
                break;
            memcpy(&x, pg + ib, 8);
            memcpy(&y, base + ib, 8);
            if (x != y)
                break;
            ib += 8;
        }
        while (pg[ib] == base[ib])
            ib++;
        return ib;
    }
    return cb;
}

/* The dbtime field is exactly the page's second 8-byte word, so the range finder works in words
 * (ranges still start and end on the exact bytes that differ). */
_Static_assert(MTR_IB_DBTIME % 8 == 0 && MTR_CB_DBTIME == 8, "the dbtime field is one aligned word");
#define MTR_W_DBTIME (MTR_IB_DBTIME / 8)

static inline bool word_differs(const uint8_t *base, const uint8_t *pg, uint32_t w)
{
    uint64_t x, y;
    memcpy(&x, pg + 8 * w, 8);
    memcpy(&y, base + 8 * w, 8);
    return x != y && w != MTR_W_DBTIME;
}

/* The next range at or after word *pw: [*pibFirst, *pibEnd), trimmed to the bytes that differ
 * at both ends; *pw moves past it. false when the rest of the page equals the base. A range is a
 * run of differing words: one whole equal word ends it (a new range's two varints cost less than
 * eight carried bytes; shorter equal runs are carried inside). */
static bool next_range(const uint8_t *base, const uint8_t *pg, uint32_t cb, uint32_t *pw,
        uint32_t *pibFirst, uint32_t *pibEnd)
{
    const uint32_t cw = cb / 8;
    const uint32_t ib = next_diff(base, pg, cb, *pw * 8);
    if (ib >= cb)
        return false;
    uint32_t wEnd = ib / 8 + 1;
    while (wEnd < cw && word_differs(base, pg, wEnd))
        wEnd++;
    uint32_t ibEnd = wEnd * 8;
    while (pg[ibEnd - 1] == base[ibEnd - 1])
        ibEnd--;
    *pibFirst = ib;
    *pibEnd = ibEnd;
    *pw = wEnd;
    return true;
}

static inline uint32_t range_put(uint8_t *out, uint32_t gap, const uint8_t *pb, uint32_t cb)
{
    uint32_t cbOut = mtr_varint_put(out, gap);
    cbOut += mtr_varint_put(out ? out + cbOut : NULL, cb);
    if (out)
        memcpy(out + cbOut, pb, cb);
    return cbOut + cb;
}

/* Finds the ranges where page differs from base (NULL: zeros) and returns the bytes they encode
 * to. They are kept in pr unless there are more than MTR_RANGES_INLINE (ranges_write then scans
 * again). */
static uint32_t ranges_scan(const uint8_t *base, const uint8_t *page, uint32_t cbPage, struct mtr_ranges *pr)
{
    uint32_t cbOut = 0, ibPrevEnd = 0, w = 0, ib, ibEnd;
    if (!base)
        base = g_rgbZero;
    pr->c = 0;
    pr->fOverflow = false;
    while (next_range(base, page, cbPage, &w, &ib, &ibEnd)) {
        if (pr->c < MTR_RANGES_INLINE) {
            pr->rg[pr->c].ib = ib;
            pr->rg[pr->c].cb = ibEnd - ib;
            pr->c++;
        } else {
            pr->fOverflow = true;
        }
        cbOut += range_put(NULL, ib - ibPrevEnd, NULL, ibEnd - ib);
        ibPrevEnd = ibEnd;
    }
    return cbOut;
}

static uint32_t ranges_write(const uint8_t *base, const uint8_t *page, uint32_t cbPage,
                             const struct mtr_ranges *pr, uint8_t *out)
{
    uint32_t cbOut = 0, ibPrevEnd = 0, w = 0, ib, ibEnd;
    if (!pr->fOverflow) {
        for (uint32_t i = 0; i < pr->c; i++) {
            cbOut += range_put(out + cbOut, pr->rg[i].ib - ibPrevEnd, page + pr->rg[i].ib, pr->rg[i].cb);
            ibPrevEnd = pr->rg[i].ib + pr->rg[i].cb;
        }
        return cbOut;
    }
    if (!base)
        base = g_rgbZero;
    while (next_range(base, page, cbPage, &w, &ib, &ibEnd)) {
        cbOut += range_put(out + cbOut, ib - ibPrevEnd, page + ib, ibEnd - ib);
        ibPrevEnd = ibEnd;
    }
    return cbOut;
}

/* ---- mini-transactions ---------------------------------------------------------------------------- */

static struct mtr_slot *slot_find(struct mtr *m, uint32_t pgno)
{
    for (uint32_t i = 0; i < m->cslot; i++)
        if (m->slot[i].ref.pgno == pgno)
            return &m->slot[i];
    return NULL;
}

void mtr_begin(struct mtr *m, struct cache_file *f)
{
    m->file = f;
    m->cslot = 0;
    m->pvUndo = NULL;
    m->cbUndo = 0;
    m->cslotCommitted = 0;
}

JET_ERR mtr_get_ex(struct mtr *m, uint32_t pgno, enum cache_latch latch, unsigned flags, uint8_t **ppbuf)
{
    struct cache_file *f = m->file;
    struct cache *cache = f->cache;
    const uint32_t cb = f->desc.cbPage;
    struct page_ref ref;
    uint8_t *before = NULL;
    JET_ERR err;

    *ppbuf = NULL;
    if (latch != CACHE_LATCH_SHARED && latch != CACHE_LATCH_EXCLUSIVE)
        return ERR_TRAP(JET_errInvalidParameter);
    if (latch == CACHE_LATCH_EXCLUSIVE && f->desc.fReadOnly)
        return ERR_TRAP(JET_errPermissionDenied);
    flags &= CACHE_GET_NO_WAIT;

    struct mtr_slot *s = slot_find(m, pgno);
    if (s) {
        if (latch == CACHE_LATCH_EXCLUSIVE && s->ref.latch == CACHE_LATCH_SHARED) {
            before = before_alloc(cache, cb);
            if (!before)
                return ERR_TRAP(JET_errOutOfMemory);
            /* Waiting here could deadlock with another reader upgrading: the caller retries. */
            if (!cache_try_upgrade(&s->ref)) {
                before_free(cache, before, cb);
                return ERR_LATCH_CONFLICT;
            }
            memcpy(before, s->ref.buf, cb);
            s->before = before;
        }
        s->fSoundAgain = true;
        s->fSoundAfter = false;
        *ppbuf = s->ref.buf;
        return JET_errSuccess;
    }
    if (m->cslot == MTR_MAX_PAGES)
        return ERR_TRAP(JET_errInternalError);   /* more pages than any structure change needs */
    if (latch == CACHE_LATCH_EXCLUSIVE) {
        before = before_alloc(cache, cb);
        if (!before)
            return ERR_TRAP(JET_errOutOfMemory);
    }
    err = cache_get(f, pgno, latch, flags, &ref);
    if (err < 0) {
        before_free(cache, before, cb);
        return err;
    }
    if (before)
        memcpy(before, ref.buf, cb);
    s = &m->slot[m->cslot++];
    s->ref = ref;
    s->before = before;
    s->fNew = false;
    s->fModified = false;
    s->pgno = pgno;
    s->fSoundAgain = s->fSoundAfter = false;
    s->dbtimeAfter = 0;
    *ppbuf = ref.buf;
    return JET_errSuccess;
}

JET_ERR mtr_get(struct mtr *m, uint32_t pgno, enum cache_latch latch, uint8_t **ppbuf)
{
    return mtr_get_ex(m, pgno, latch, 0, ppbuf);
}

JET_ERR mtr_new(struct mtr *m, uint32_t pgno, uint8_t **ppbuf)
{
    struct cache_file *f = m->file;
    struct cache *cache = f->cache;
    const uint32_t cb = f->desc.cbPage;
    struct page_ref ref;
    bool fResident;
    uint8_t *before;
    JET_ERR err;

    *ppbuf = NULL;
    if (f->desc.fReadOnly)
        return ERR_TRAP(JET_errPermissionDenied);
    struct mtr_slot *s = slot_find(m, pgno);
    if (s) {
        uint8_t *pb;
        CALL_R(mtr_get(m, pgno, CACHE_LATCH_EXCLUSIVE, &pb));
        memset(pb, 0, cb);
        s->fNew = s->fModified = true;
        s->fSoundAgain = true;
        s->fSoundAfter = false;
        *ppbuf = pb;
        return JET_errSuccess;
    }
    if (m->cslot == MTR_MAX_PAGES)
        return ERR_TRAP(JET_errInternalError);
    before = before_alloc(cache, cb);
    if (!before)
        return ERR_TRAP(JET_errOutOfMemory);
    err = cache_get_int(f, pgno, CACHE_LATCH_EXCLUSIVE, CACHE_GET_NEW, &ref, &fResident);
    if (err < 0) {
        before_free(cache, before, cb);
        return err;
    }
    if (fResident) {
        memcpy(before, ref.buf, cb);   /* for mtr_abort only: the record holds an image */
    } else {
        before_free(cache, before, cb);
        before = NULL;
    }
    memset(ref.buf, 0, cb);
    s = &m->slot[m->cslot++];
    s->ref = ref;
    s->before = before;
    s->fNew = true;
    s->fModified = true;
    s->pgno = pgno;
    s->fSoundAgain = s->fSoundAfter = false;
    s->dbtimeAfter = 0;
    *ppbuf = ref.buf;
    return JET_errSuccess;
}

bool mtr_page_sound(const struct mtr *m, uint32_t pgno)
{
    for (uint32_t i = 0; i < m->cslot; i++) {
        const struct mtr_slot *s = &m->slot[i];
        if (s->ref.pgno == pgno)
            return s->ref.latch == CACHE_LATCH_EXCLUSIVE && s->ref.fSound && !s->fNew && !s->fSoundAgain;
    }
    return false;
}

void mtr_set_page_sound(struct mtr *m, uint32_t pgno)
{
    struct mtr_slot *s = slot_find(m, pgno);
    assert(s && s->ref.latch == CACHE_LATCH_EXCLUSIVE);
    if (s && s->ref.latch == CACHE_LATCH_EXCLUSIVE)
        s->fSoundAfter = true;
}

void mtr_set_modified(struct mtr *m, uint32_t pgno)
{
    struct mtr_slot *s = slot_find(m, pgno);
    assert(s && s->ref.latch == CACHE_LATCH_EXCLUSIVE);
    if (s && s->ref.latch == CACHE_LATCH_EXCLUSIVE)
        s->fModified = true;
}

/* fAbort: the page's bytes were put back as they were when latched. */
static void slot_release(struct mtr *m, struct mtr_slot *s, bool fAbort)
{
    if (s->ref.latch == CACHE_LATCH_EXCLUSIVE) {
        /* Still latched: the frame's soundness as it leaves this mtr (cache_int.h). */
        s->ref.frame->fSound = s->fModified && !fAbort ? s->fSoundAfter : s->ref.fSound;
    }
    before_free(m->file->cache, s->before, m->file->desc.cbPage);
    s->before = NULL;
    cache_put(&s->ref);
}

void mtr_release(struct mtr *m, uint32_t pgno)
{
    struct mtr_slot *s = slot_find(m, pgno);
    if (!s)
        return;
    assert(!s->fModified);
    assert(!s->before || memcmp(s->before, s->ref.buf, m->file->desc.cbPage) == 0);
    slot_release(m, s, false);
    uint32_t i = (uint32_t)(s - m->slot);
    memmove(&m->slot[i], &m->slot[i + 1], (m->cslot - i - 1) * sizeof m->slot[0]);
    m->cslot--;
}

void mtr_set_undo(struct mtr *m, const void *pv, size_t cb)
{
    m->pvUndo = pv;
    m->cbUndo = cb;
}

bool mtr_committed_dbtime(const struct mtr *m, uint32_t pgno, uint64_t *pdbtime)
{
    for (uint32_t i = 0; i < m->cslotCommitted; i++)
        if (m->slot[i].pgno == pgno && m->slot[i].fModified) {
            *pdbtime = m->slot[i].dbtimeAfter;
            return true;
        }
    return false;
}

void mtr_abort(struct mtr *m)
{
    const uint32_t cb = m->file->desc.cbPage;
    for (uint32_t i = m->cslot; i-- > 0;) {
        struct mtr_slot *s = &m->slot[i];
        if (s->ref.latch == CACHE_LATCH_EXCLUSIVE) {
            if (s->before)
                memcpy(s->ref.buf, s->before, cb);
            else if (s->fNew)
                frame_discard_on_release(&s->ref);   /* the frame never held the page's bytes */
        }
        slot_release(m, s, true);
    }
    m->cslot = 0;
}

/* ---- commit ------------------------------------------------------------------------------------- */

struct rec_page {
    struct mtr_slot *s;
    uint8_t kind;
    uint32_t cbBody;
    uint64_t dbtimeBefore;
    uint32_t ibEntry;       /* offset of its entry in the record */
    struct mtr_ranges ranges;
};

/* The torn-page rule: a page needs a full image unless one was logged since the horizon. A page
 * whose dbtime is newer than the horizon's was changed since, and its first change since was
 * decided against this horizon or a later one, so it carried an image (this survives eviction,
 * which forgets lsnImage). */
static bool needs_image(const struct rec_page *rp, lsn_t lsnHorizon, uint64_t dbtimeHorizon)
{
    const struct cache_frame *fr = rp->s->ref.frame;
    if (rp->s->fNew)
        return true;
    if (fr->fImage && fr->lsnImage >= lsnHorizon)
        return false;
    return rp->dbtimeBefore <= dbtimeHorizon;
}

static void rec_page_encode_size(const struct cache_file *f, struct rec_page *rp)
{
    const uint32_t cb = f->desc.cbPage;
    const uint8_t *pg = rp->s->ref.buf;
    if (rp->kind == MTR_PAGE_IMAGE) {
        rp->cbBody = ranges_scan(NULL, pg, cb, &rp->ranges);
        return;
    }
    rp->cbBody = ranges_scan(rp->s->before, pg, cb, &rp->ranges);
    /* A big delta may cost more than the page itself, and an image always applies. */
    if (rp->cbBody > cb / 4) {
        struct mtr_ranges r;
        uint32_t cbImage = ranges_scan(NULL, pg, cb, &r);
        if (cbImage <= rp->cbBody) {
            rp->kind = MTR_PAGE_IMAGE;
            rp->cbBody = cbImage;
            rp->ranges = r;
        }
    }
}

/* Lays the record out in a new buffer (dbtimeAfter left 0, stamped later). */
static uint8_t *rec_build(const struct mtr *m, struct rec_page *rgrp, uint32_t crp, size_t *pcb)
{
    const struct cache_file *f = m->file;
    const uint32_t cb = f->desc.cbPage;
    size_t cbRec = sizeof(struct mtr_rec_header_disk) + m->cbUndo;
    for (uint32_t i = 0; i < crp; i++)
        cbRec += sizeof(struct mtr_rec_page_disk) + rgrp[i].cbBody;
    uint8_t *pb = mem_alloc(cbRec);
    if (!pb)
        return NULL;

    struct mtr_rec_header_disk *h = (struct mtr_rec_header_disk *)pb;
    h->bVersion = MTR_REC_VERSION;
    h->cpage = (uint8_t)crp;
    le16_put(&h->fFlags, 0);
    le32_put(&h->dbid, f->desc.dbid);
    le32_put(&h->cbUndo, (uint32_t)m->cbUndo);
    size_t ib = sizeof *h;
    uint8_t bShift = (uint8_t)((cb == 4096 ? 0 : cb == 8192 ? 1 : cb == 16384 ? 2 : 3) << MTR_PAGE_SHIFT_SHIFT);
    for (uint32_t i = 0; i < crp; i++) {
        struct rec_page *rp = &rgrp[i];
        struct mtr_rec_page_disk *e = (struct mtr_rec_page_disk *)(pb + ib);
        rp->ibEntry = (uint32_t)ib;
        e->bKind = (uint8_t)(rp->kind | bShift);
        le32_put(&e->pgno, rp->s->ref.pgno);
        le64_put(&e->dbtimeBefore, rp->dbtimeBefore);
        le64_put(&e->dbtimeAfter, 0);
        le32_put(&e->cbBody, rp->cbBody);
        ib += sizeof *e;
        uint32_t cbBody = ranges_write(rp->kind == MTR_PAGE_IMAGE ? NULL : rp->s->before,
                                       rp->s->ref.buf, cb, &rp->ranges, pb + ib);
        assert(cbBody == rp->cbBody);
        ib += cbBody;
    }
    if (m->cbUndo)
        memcpy(pb + ib, m->pvUndo, m->cbUndo);
    assert(ib + m->cbUndo == cbRec);
    *pcb = cbRec;
    return pb;
}

static void release_all(struct mtr *m)
{
    for (uint32_t i = m->cslot; i-- > 0;)
        slot_release(m, &m->slot[i], false);
    m->cslot = 0;
}

JET_ERR mtr_commit(struct mtr *m, lsn_t *plsn)
{
    struct cache_file *f = m->file;
    struct cache *cache = f->cache;
    struct log *log = f->desc.log;
    const uint32_t cb = f->desc.cbPage;
    struct rec_page rgrp[MTR_MAX_PAGES];
    uint32_t crp = 0;
    uint8_t *pbRec = NULL;
    size_t cbRec = 0;
    lsn_t lsn = LSN_NONE;
    bool fUrgent = false;
    JET_ERR err = JET_errSuccess;

    if (plsn)
        *plsn = LSN_NONE;
    for (uint32_t i = 0; i < m->cslot; i++) {
        struct mtr_slot *s = &m->slot[i];
        if (!s->fModified) {
            /* A page changed without mtr_set_modified would escape the log. */
            assert(s->ref.latch != CACHE_LATCH_EXCLUSIVE || !s->before || memcmp(s->before, s->ref.buf, cb) == 0);
            continue;
        }
        struct rec_page *rp = &rgrp[crp++];
        rp->s = s;
        rp->dbtimeBefore = s->before ? get_le64(s->before + MTR_IB_DBTIME) : 0;
    }
    if (crp == 0 && m->cbUndo == 0)
        goto out_release;

    if (!log) {
        /* No log (JET_paramRecovery off, or a file opened before logging starts): the changes
         * only need their dbtimes and write-back. */
        os_mutex_lock(&f->mtxDirty);
        for (uint32_t i = 0; i < crp; i++) {
            struct page_buf pb = page_buf_make(rgrp[i].s->ref.buf, cb, rgrp[i].s->ref.pgno);
            rgrp[i].s->dbtimeAfter = AADD(*f->desc.pdbtime, 1);
            page_set_dbtime(&pb, rgrp[i].s->dbtimeAfter);
            file_mark_dirty_locked(f, rgrp[i].s->ref.frame, LSN_NONE, LSN_NONE);
        }
        os_mutex_unlock(&f->mtxDirty);
        goto out_done;
    }

    /* Build the record with the decisions as of the horizon we see now (read without the lock:
     * usually right, and checked again under it). */
    lsn_t lsnHorizonSeen = ALOAD(f->lsnHorizon);
    uint64_t dbtimeHorizonSeen = ALOAD(f->dbtimeHorizon);
    bool fStaleSeen = ALOAD(f->fHorizonStale);
    for (uint32_t i = 0; i < crp; i++)
        rgrp[i].kind = needs_image(&rgrp[i], lsnHorizonSeen, dbtimeHorizonSeen) ? MTR_PAGE_IMAGE : MTR_PAGE_DELTA;
    for (uint32_t i = 0; i < crp; i++)
        rec_page_encode_size(f, &rgrp[i]);
    pbRec = rec_build(m, rgrp, crp, &cbRec);
    if (!pbRec) {
        err = ERR_TRAP(JET_errOutOfMemory);
        goto out_abort;
    }

    os_mutex_lock(&f->mtxCommit);
    if (f->fHorizonStale || log_redo_point(log) > f->lsnHorizon)
        file_open_horizon_locked(f);
    if (f->lsnHorizon != lsnHorizonSeen || f->dbtimeHorizon != dbtimeHorizonSeen || fStaleSeen) {
        /* A checkpoint opened a horizon meanwhile: deltas it now forbids become images. */
        bool fRebuild = false;
        for (uint32_t i = 0; i < crp; i++)
            if (rgrp[i].kind == MTR_PAGE_DELTA && needs_image(&rgrp[i], f->lsnHorizon, f->dbtimeHorizon)) {
                rgrp[i].kind = MTR_PAGE_IMAGE;
                rec_page_encode_size(f, &rgrp[i]);
                fRebuild = true;
            }
        if (fRebuild) {
            mem_free(pbRec);
            pbRec = rec_build(m, rgrp, crp, &cbRec);
            if (!pbRec) {
                os_mutex_unlock(&f->mtxCommit);
                err = ERR_TRAP(JET_errOutOfMemory);
                goto out_abort;
            }
        }
    }
    /* One new dbtime per page, in log order. */
    for (uint32_t i = 0; i < crp; i++) {
        uint64_t dbtime = AADD(*f->desc.pdbtime, 1);
        struct page_buf pb = page_buf_make(rgrp[i].s->ref.buf, cb, rgrp[i].s->ref.pgno);
        page_set_dbtime(&pb, dbtime);
        rgrp[i].s->dbtimeAfter = dbtime;
        le64_put(&((struct mtr_rec_page_disk *)(pbRec + rgrp[i].ibEntry))->dbtimeAfter, dbtime);
    }
    err = log_append(log, LOG_REC_PAGES, pbRec, cbRec, &lsn);
    if (err < 0) {
        os_mutex_unlock(&f->mtxCommit);
        ERR("dbid %u: cannot log a change (%d); the instance must stop\n", (unsigned)f->desc.dbid, (int)err);
        goto out_abort;
    }
    os_mutex_lock(&f->mtxDirty);
    for (uint32_t i = 0; i < crp; i++) {
        struct cache_frame *fr = rgrp[i].s->ref.frame;
        file_mark_dirty_locked(f, fr, lsn, lsn);
        if (rgrp[i].kind == MTR_PAGE_IMAGE) {
            fr->fImage = true;
            fr->lsnImage = lsn;
        }
    }
    if (f->desc.cbCheckpointDepthMax && f->pfrDirtyFirst)
        fUrgent = file_lsn_distance(f, f->pfrDirtyFirst->lsnOldest, lsn) > f->desc.cbCheckpointDepthMax;
    os_mutex_unlock(&f->mtxDirty);
    os_mutex_unlock(&f->mtxCommit);
    if (plsn)
        *plsn = lsn;

out_done:
    for (uint32_t i = 0; i < crp; i++)
        if (rgrp[i].s->fNew)
            frame_set_verified(&rgrp[i].s->ref);
out_release:
    mem_free(pbRec);
    {
        const uint32_t cslot = m->cslot;
        release_all(m);
        m->cslotCommitted = cslot;     /* the slots keep pgno and dbtimeAfter */
    }
    if (crp)
        writer_poke(cache, fUrgent);
    return err;

out_abort:
    mem_free(pbRec);
    mtr_abort(m);
    return err;
}
