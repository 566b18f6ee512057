/* SPDX-License-Identifier: MIT
 * cache/cache_file.c: registered database files, their dirty lists, writing pages back (the
 * write-ahead rule) and the checkpoint's full-image horizons.
 * Layer: cache (uses page, log, os, base).
 *
 * A page is written from a copy taken under a shared latch (background writer, flush) or, by an
 * evictor, from the frame it holds exclusively; either way the log is first made durable through
 * the frame's newest LSN, and the checksum is stamped on the bytes that go out. A write cleans
 * the frame only if no change came in since the bytes were taken (cModify). Lock order:
 * mtxCommit -> mtxDirty -> partition. No lock is held across I/O but the frame's latch and its
 * fWriting state. */
#include "cache_int.h"
#include "thread_stats.h"

DEBUG_CHANNEL(cache);

/* ---- registration ------------------------------------------------------------------------- */

static void files_recompute_unit_locked(struct cache *cache)
{
    uint32_t cb = PAGE_CB_MIN;
    for (struct cache_file *p = cache->pfileFirst; p; p = p->pnext)
        cb = MAX(cb, p->desc.cbPage);
    os_mutex_lock(&cache->mtxPool);
    cache->cbUnit = cb;
    cache_recompute_budget_locked(cache);
    os_mutex_unlock(&cache->mtxPool);
}

JET_ERR cache_file_register(struct cache *cache, const struct cache_file_desc *desc, struct cache_file **ppfile)
{
    JET_ERR err;
    uint64_t cbFile;
    struct cache_file *f;

    *ppfile = NULL;
    if (!desc || !desc->file || !page_cb_valid(desc->cbPage) || (!desc->fReadOnly && !desc->pdbtime))
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(os_file_size(desc->file, &cbFile));
    f = mem_calloc(1, sizeof *f);
    if (!f)
        return ERR_TRAP(JET_errOutOfMemory);
    f->cache = cache;
    f->desc = *desc;
    if (f->desc.fReadOnly)
        f->desc.log = NULL;   /* nothing is ever logged or written */
    f->cpg = cbFile / desc->cbPage > PAGE_DB_CPG_RESERVED
        ? (uint32_t)MIN(cbFile / desc->cbPage - PAGE_DB_CPG_RESERVED, (uint64_t)UINT32_MAX) : 0;
    os_mutex_init(&f->mtxCommit);
    os_mutex_init(&f->mtxDirty);
    f->seqNext = 1;
    if (f->desc.log) {
        /* Decisions start here: every record from now on compares with a horizon at or after
         * the log's current end. The log's own redo point is a safe answer until then. */
        f->lsnSafe = log_redo_point(f->desc.log);
        file_open_horizon_locked(f);
    } else if (f->desc.pdbtime) {
        f->dbtimeHorizon = ALOAD(*f->desc.pdbtime);
    }

    os_mutex_lock(&cache->mtxFiles);
    f->iFile = cache->iFileNext++;
    f->pnext = cache->pfileFirst;
    cache->pfileFirst = f;
    files_recompute_unit_locked(cache);
    os_mutex_unlock(&cache->mtxFiles);
    TRACE("dbid %u: %u pages of %u bytes\n", (unsigned)desc->dbid, (unsigned)f->cpg, (unsigned)desc->cbPage);
    *ppfile = f;
    return JET_errSuccess;
}

void cache_file_unregister(struct cache_file *f)
{
    if (!f)
        return;
    struct cache *cache = f->cache;

    /* The background writer may be working on f: let it finish, and keep it away. */
    os_mutex_lock(&cache->mtxFiles);
    ASTORE(f->fClosing, true);      /* the writer reads it without mtxFiles */
    while (f->cUse)
        os_cond_wait(&cache->condFiles, &cache->mtxFiles);
    struct cache_file **pp = &cache->pfileFirst;
    while (*pp != f)
        pp = &(*pp)->pnext;
    *pp = f->pnext;
    files_recompute_unit_locked(cache);
    os_mutex_unlock(&cache->mtxFiles);

    /* An evictor may still be writing one of f's pages (and cleaning it): the dirty frames are
     * counted by cache_drop_file_frames, which waits for it. */
    uint32_t cDropped = cache_drop_file_frames(cache, f);
    if (cDropped)
        TRACE("dbid %u: %u dirty pages dropped\n", (unsigned)f->desc.dbid, (unsigned)cDropped);
    os_mutex_destroy(&f->mtxCommit);
    os_mutex_destroy(&f->mtxDirty);
    mem_free(f);

    /* The bound may have shrunk with the largest page size gone. */
    if (ALOAD(cache->cbUsed) > ALOAD(cache->cbBudget))
        writer_poke(cache, true);
}

uint32_t cache_file_cpg(const struct cache_file *f)
{
    return ALOAD(f->cpg);
}

uint64_t cache_file_dbtime(const struct cache_file *f)
{
    return f->desc.pdbtime ? __atomic_load_n(f->desc.pdbtime, __ATOMIC_ACQUIRE) : 0;
}

const uint64_t *cache_file_dbtime_counter(const struct cache_file *f)
{
    static const uint64_t s_dbtimeZero = 0;
    return f->desc.pdbtime ? f->desc.pdbtime : &s_dbtimeZero;
}

uint32_t cache_file_cb_page(const struct cache_file *f)
{
    return f->desc.cbPage;
}

JET_ERR cache_file_extend(struct cache_file *f, uint32_t cpg)
{
    JET_ERR err;
    uint64_t cbFile, cbNeed = ((uint64_t)cpg + PAGE_DB_CPG_RESERVED) * f->desc.cbPage;

    if (f->desc.fReadOnly)
        return ERR_TRAP(JET_errPermissionDenied);
    /* Pages past the old end may already have been written (CACHE_GET_NEW): never truncate. */
    CALL_R(os_file_size(f->desc.file, &cbFile));
    if (cbFile < cbNeed)
        CALL_R(os_file_set_size(f->desc.file, cbNeed));
    uint32_t cpgOld = ALOAD(f->cpg);
    while (cpg > cpgOld && !__atomic_compare_exchange_n(&f->cpg, &cpgOld, cpg, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        ;
    return JET_errSuccess;
}

/* ---- dirty lists ----------------------------------------------------------------------------- */

void file_mark_dirty_locked(struct cache_file *f, struct cache_frame *fr, lsn_t lsnWal, lsn_t lsnOrder)
{
    struct cache *cache = f->cache;
    fr->lsnNewest = lsnWal;
    fr->cModify++;
    if (fr->fDirty) {
        thread_stats()->cPageRedirtied++;
        return;
    }
    thread_stats()->cPageDirtied++;
    ASTORE(fr->fDirty, true);
    fr->lsnOldest = lsnOrder;
    fr->seqDirty = f->seqNext++;
    fr->pnextDirty = NULL;
    fr->pprevDirty = f->pfrDirtyLast;
    if (f->pfrDirtyLast)
        f->pfrDirtyLast->pnextDirty = fr;
    else
        f->pfrDirtyFirst = fr;
    f->pfrDirtyLast = fr;
    f->cDirty++;
    AADD(cache->cbDirty, fr->cbPage);
    AADD(cache->cframeDirty, 1);
}

void file_mark_clean_locked(struct cache_file *f, struct cache_frame *fr)
{
    struct cache *cache = f->cache;
    if (!fr->fDirty)
        return;
    if (fr->pprevDirty)
        fr->pprevDirty->pnextDirty = fr->pnextDirty;
    else
        f->pfrDirtyFirst = fr->pnextDirty;
    if (fr->pnextDirty)
        fr->pnextDirty->pprevDirty = fr->pprevDirty;
    else
        f->pfrDirtyLast = fr->pprevDirty;
    fr->pprevDirty = fr->pnextDirty = NULL;
    ASTORE(fr->fDirty, false);
    f->cDirty--;
    ASUB(cache->cbDirty, fr->cbPage);
    ASUB(cache->cframeDirty, 1);
}

lsn_t cache_file_oldest_dirty_lsn(struct cache_file *f)
{
    lsn_t lsn;
    os_mutex_lock(&f->mtxDirty);
    lsn = f->pfrDirtyFirst ? f->pfrDirtyFirst->lsnOldest : LSN_MAX;
    os_mutex_unlock(&f->mtxDirty);
    return lsn;
}

/* ---- writing ----------------------------------------------------------------------------------- */

JET_ERR file_wal(struct cache_file *f, lsn_t lsn)
{
    /* WAL rule: no page reaches the disk before the log records that describe it. */
    if (!f->desc.log || lsn == LSN_NONE || lsn < log_flushed_lsn(f->desc.log))
        return JET_errSuccess;
    return log_flush(f->desc.log, lsn);
}

static JET_ERR write_page(struct cache_file *f, uint32_t pgno, uint8_t *pb)
{
    const uint32_t cb = f->desc.cbPage;
    page_checksum_set(pb, cb, pgno);
    AADD(f->cache->cWrite, 1);
    JET_ERR err = os_file_write(f->desc.file, page_file_offset(pgno, cb), pb, cb);
    if (err < 0)
        ERR("dbid %u page %u: write failed %d\n", (unsigned)f->desc.dbid, (unsigned)pgno, (int)err);
    return err;
}

JET_ERR file_write_exclusive(struct cache_file *f, struct cache_frame *fr)
{
    JET_ERR err;
    assert((latch_word(fr) & LATCH_X) && !fr->fWriting);
    CALL_R(file_wal(f, fr->lsnNewest));
    /* Stamping in place is harmless: no one else can see the bytes, and the checksum field is
     * never part of a delta (before and after copies both carry the same stale value). */
    CALL_R(write_page(f, fr->pgno, fr->buf));
    os_mutex_lock(&f->mtxDirty);
    file_mark_clean_locked(f, fr);
    os_mutex_unlock(&f->mtxDirty);
    return JET_errSuccess;
}

struct write_item {
    struct cache_frame *fr;
    uint8_t *pb;
    uint64_t cModify;
    lsn_t lsn;
    uint32_t pgno;
};

/* The frame is pinned with fWriting set and latched shared by us: copy it, drop the latch. */
static void copy_and_unlatch(struct cache_file *f, struct write_item *it)
{
    struct cache_frame *fr = it->fr;
    struct cache_part *part = frame_part(f->cache, fr);
    memcpy(it->pb, fr->buf, f->desc.cbPage);
    it->cModify = fr->cModify;
    it->lsn = fr->lsnNewest;
    it->pgno = fr->pgno;
    os_mutex_lock(&part->mtx);
    __atomic_sub_fetch(&fr->latch, 1, __ATOMIC_RELEASE);
    frame_wake(fr);
    os_mutex_unlock(&part->mtx);
}

static void finish_write(struct cache_file *f, struct write_item *it, bool fOk)
{
    struct cache_frame *fr = it->fr;
    struct cache_part *part = frame_part(f->cache, fr);
    os_mutex_lock(&f->mtxDirty);
    if (fOk && fr->cModify == it->cModify)
        file_mark_clean_locked(f, fr);
    os_mutex_unlock(&f->mtxDirty);
    os_mutex_lock(&part->mtx);
    ASTORE(fr->fWriting, false);
    bool fFree = frame_unpin_locked(fr);
    bool fReleased = fr->cPin == 0;
    frame_wake(fr);
    os_mutex_unlock(&part->mtx);
    assert(!fFree);   /* a frame being written is hashed, never dead */
    (void)fFree;
    if (fReleased)
        cache_frame_released(f->cache);
}

JET_ERR file_write_oldest(struct cache_file *f, uint8_t *pbScratch, uint32_t cMax, uint32_t *pcWritten)
{
    struct write_item rg[CACHE_WRITE_BATCH];
    uint32_t n = 0;
    lsn_t lsnMax = LSN_NONE;
    JET_ERR err = JET_errSuccess;

    *pcWritten = 0;
    cMax = MIN(cMax, (uint32_t)CACHE_WRITE_BATCH);
    os_mutex_lock(&f->mtxDirty);
    for (struct cache_frame *fr = f->pfrDirtyFirst; fr && n < cMax; fr = fr->pnextDirty) {
        struct cache_part *part = frame_part(f->cache, fr);
        os_mutex_lock(&part->mtx);
        /* Frames being changed now are left for the next round. */
        /* (X and WX move only under the partition mutex held here.) */
        if (fr->state == FRAME_VALID && !fr->fWriting && !(latch_word(fr) & (LATCH_X | LATCH_WX))) {
            ASTORE(fr->fWriting, true);
            ASTORE(fr->cPin, fr->cPin + 1);
            __atomic_add_fetch(&fr->latch, 1, __ATOMIC_ACQUIRE);
            rg[n].fr = fr;
            rg[n].pb = pbScratch + (size_t)n * f->desc.cbPage;
            n++;
        }
        os_mutex_unlock(&part->mtx);
    }
    os_mutex_unlock(&f->mtxDirty);

    for (uint32_t i = 0; i < n; i++) {
        copy_and_unlatch(f, &rg[i]);
        lsnMax = MAX(lsnMax, rg[i].lsn);
    }
    /* One log flush covers the batch; then write in page order. */
    err = file_wal(f, lsnMax);
    for (uint32_t i = 1; i < n; i++)
        for (uint32_t j = i; j > 0 && rg[j - 1].pgno > rg[j].pgno; j--) {
            struct write_item t = rg[j];
            rg[j] = rg[j - 1];
            rg[j - 1] = t;
        }
    for (uint32_t i = 0; i < n; i++) {
        JET_ERR errWrite = err < 0 ? err : write_page(f, rg[i].pgno, rg[i].pb);
        if (errWrite < 0 && err >= 0)
            err = errWrite;
        finish_write(f, &rg[i], errWrite >= 0);
        if (errWrite >= 0)
            (*pcWritten)++;
    }
    return err;
}

JET_ERR cache_file_flush(struct cache_file *f)
{
    JET_ERR err = JET_errSuccess;
    uint8_t *pb = NULL;
    uint64_t seqLimit, pass;

    if (f->desc.fReadOnly)
        return JET_errSuccess;
    pb = mem_alloc(f->desc.cbPage);
    if (!pb)
        return ERR_TRAP(JET_errOutOfMemory);
    os_mutex_lock(&f->mtxDirty);
    seqLimit = f->seqNext;           /* frames dirtied after this point are not ours to wait for */
    pass = ++f->seqFlushPass;
    os_mutex_unlock(&f->mtxDirty);

    for (;;) {
        struct cache_frame *fr;
        struct cache_part *part;
        struct write_item it = { .pb = pb };

        os_mutex_lock(&f->mtxDirty);
        for (fr = f->pfrDirtyFirst; fr; fr = fr->pnextDirty)
            if (fr->seqDirty >= seqLimit || fr->seqFlushed != pass)
                break;
        if (fr && fr->seqDirty >= seqLimit)
            fr = NULL;
        if (fr) {
            part = frame_part(f->cache, fr);
            os_mutex_lock(&part->mtx);
            ASTORE(fr->cPin, fr->cPin + 1);
            os_mutex_unlock(&part->mtx);
        }
        os_mutex_unlock(&f->mtxDirty);
        if (!fr)
            break;

        /* One write at a time per page, and a consistent copy under a shared latch. */
        os_mutex_lock(&part->mtx);
        while (fr->fWriting || (latch_word(fr) & LATCH_X))
            frame_wait(part, fr);
        ASTORE(fr->fWriting, true);
        __atomic_add_fetch(&fr->latch, 1, __ATOMIC_ACQUIRE);
        os_mutex_unlock(&part->mtx);

        it.fr = fr;
        copy_and_unlatch(f, &it);
        err = file_wal(f, it.lsn);
        if (err >= 0 && ALOAD(fr->fDirty))
            err = write_page(f, it.pgno, it.pb);
        os_mutex_lock(&f->mtxDirty);
        fr->seqFlushed = pass;   /* if it changed meanwhile, it is newer than this flush */
        os_mutex_unlock(&f->mtxDirty);
        finish_write(f, &it, err >= 0);
        if (err < 0)
            goto out;
    }
    CALL(os_file_sync(f->desc.file));
    ASTORE(f->errWrite, JET_errSuccess);
out:
    mem_free(pb);
    return err;
}

/* ---- checkpoints --------------------------------------------------------------------------------- */

void file_open_horizon_locked(struct cache_file *f)
{
    lsn_t lsn = log_end_lsn(f->desc.log);
    ASTORE(f->lsnHorizon, lsn);
    ASTORE(f->dbtimeHorizon, ALOAD(*f->desc.pdbtime));
    ASTORE(f->fHorizonStale, false);
    if (f->clsnHorizon && f->rglsnHorizon[f->clsnHorizon - 1] == lsn)
        return;
    if (f->clsnHorizon == CACHE_HORIZON_MAX) {
        /* Forgetting the oldest only makes a later redo point more conservative. */
        memmove(f->rglsnHorizon, f->rglsnHorizon + 1, (CACHE_HORIZON_MAX - 1) * sizeof(lsn_t));
        f->clsnHorizon--;
    }
    f->rglsnHorizon[f->clsnHorizon++] = lsn;
}

JET_ERR cache_file_checkpoint(struct cache_file *f, lsn_t *plsnRedo)
{
    JET_ERR err;
    lsn_t lsnRedo = LSN_MAX;

    if (f->desc.log) {
        os_mutex_lock(&f->mtxCommit);
        os_mutex_lock(&f->mtxDirty);
        lsn_t lsnOldest = f->pfrDirtyFirst ? f->pfrDirtyFirst->lsnOldest : LSN_MAX;
        os_mutex_unlock(&f->mtxDirty);
        file_open_horizon_locked(f);
        /* The newest horizon no unwritten change precedes. Every record after a horizon was
         * decided against it or a later one, so each page's first record after it is an image. */
        lsnRedo = f->lsnSafe;
        uint32_t iKeep = 0;
        for (uint32_t i = 0; i < f->clsnHorizon; i++)
            if (f->rglsnHorizon[i] <= lsnOldest && f->rglsnHorizon[i] >= lsnRedo) {
                lsnRedo = f->rglsnHorizon[i];
                iKeep = i;
            }
        memmove(f->rglsnHorizon, f->rglsnHorizon + iKeep, (f->clsnHorizon - iKeep) * sizeof(lsn_t));
        f->clsnHorizon -= iKeep;
        f->lsnSafe = lsnRedo;
        os_mutex_unlock(&f->mtxCommit);
    }
    /* Everything written so far, the pages before lsnRedo among them, becomes durable. */
    if (!f->desc.fReadOnly)
        CALL_R(os_file_sync(f->desc.file));
    *plsnRedo = lsnRedo;
    return JET_errSuccess;
}

uint64_t file_lsn_distance(const struct cache_file *f, lsn_t lsnFrom, lsn_t lsnTo)
{
    if (lsnTo <= lsnFrom)
        return 0;
    uint64_t cbFile = f->desc.cbLogFile ? f->desc.cbLogFile : CACHE_CB_LOG_DEFAULT;
    uint64_t cgen = lsn_generation(lsnTo) - lsn_generation(lsnFrom);
    return cgen * cbFile + lsn_offset(lsnTo) - lsn_offset(lsnFrom);
}
