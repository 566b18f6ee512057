/* SPDX-License-Identifier: MIT
 * cache/cache_writer.c: the background writer thread.
 * Layer: cache (uses log, os, base).
 *
 * It writes dirty frames, oldest-dirtied first, for two reasons (README.md "Background writer"):
 *   - the frames that could be reused without a write (the bound minus the dirty frames) fell
 *     below JET_paramStartFlushThreshold percent of the cache: write until they are back above
 *     JET_paramStopFlushThreshold percent, so that misses rarely wait for a write;
 *   - a file's oldest unwritten change is more than its checkpoint depth behind the log's end:
 *     write until it is within three quarters of it, so that the checkpoint can advance.
 * It also brings the cache back under its bound after the bound shrank. It wakes when a commit
 * crosses a threshold (writer_poke) and every WRITER_PERIOD_MS. */
#include "cache_int.h"

DEBUG_CHANNEL(cache);

#define WRITER_PERIOD_MS 100u

static bool avail_below(struct cache *cache, uint32_t pct)
{
    uint64_t cbBudget = ALOAD(cache->cbBudget), cbDirty = ALOAD(cache->cbDirty);
    uint64_t cbAvail = cbBudget > cbDirty ? cbBudget - cbDirty : 0;
    return pct && cbAvail * 100 < cbBudget * pct;
}

/* Over the depth (fActive false), or still above three quarters of it (fActive true). */
static bool depth_exceeded(struct cache_file *f, bool fActive)
{
    if (!f->desc.log || !f->desc.cbCheckpointDepthMax)
        return false;
    lsn_t lsnOldest = cache_file_oldest_dirty_lsn(f);
    if (lsnOldest == LSN_MAX)
        return false;
    uint64_t cb = file_lsn_distance(f, lsnOldest, log_end_lsn(f->desc.log));
    uint64_t cbMax = f->desc.cbCheckpointDepthMax;
    return fActive ? cb > cbMax / 4 * 3 : cb > cbMax;
}

static void writer_round(struct cache *cache)
{
    bool fThreshold = avail_below(cache, ALOAD(cache->pctStart));

    while (!ALOAD(cache->fStop)) {
        bool fProgress = false, fDepth = false;

        if (ALOAD(cache->cbUsed) > ALOAD(cache->cbBudget)) {
            JET_ERR err = cache_trim_to_budget(cache);
            if (err < 0)
                WARN("cannot bring the cache under its bound: %d\n", (int)err);
        }

        os_mutex_lock(&cache->mtxFiles);
        struct cache_file *f = cache->pfileFirst;
        if (f)
            f->cUse++;
        os_mutex_unlock(&cache->mtxFiles);
        while (f) {
            if (!ALOAD(f->fClosing) && !f->desc.fReadOnly && ALOAD(f->errWrite) >= 0) {
                f->fDepthActive = depth_exceeded(f, f->fDepthActive);
                fDepth |= f->fDepthActive;
                if (f->fDepthActive || fThreshold) {
                    /* Frames being written stay pinned: leave most of a small cache to others. */
                    uint32_t cWritten = 0, cMax = MAX(1u, MIN((uint32_t)CACHE_WRITE_BATCH, ALOAD(cache->cframe) / 8));
                    JET_ERR err = file_write_oldest(f, cache->pbWriterScratch, cMax, &cWritten);
                    if (err < 0) {
                        ERR("dbid %u: background write failed %d; leaving the file to flush and eviction\n",
                            (unsigned)f->desc.dbid, (int)err);
                        ASTORE(f->errWrite, err);
                    }
                    fProgress |= cWritten > 0;
                }
            }
            os_mutex_lock(&cache->mtxFiles);
            struct cache_file *next = f->pnext;
            if (next)
                next->cUse++;
            if (--f->cUse == 0 && f->fClosing)
                os_cond_broadcast(&cache->condFiles);
            os_mutex_unlock(&cache->mtxFiles);
            f = next;
        }

        fThreshold = fThreshold && avail_below(cache, ALOAD(cache->pctStop));
        if (!fProgress || (!fThreshold && !fDepth))
            break;
    }
}

static void writer_main(void *pv)
{
    struct cache *cache = pv;
    os_mutex_lock(&cache->mtxWriter);
    while (!cache->fStop) {
        if (!ALOAD(cache->fWake))
            os_cond_wait_ms(&cache->condWriter, &cache->mtxWriter, WRITER_PERIOD_MS);
        ASTORE(cache->fWake, false);
        if (cache->fStop)
            break;
        os_mutex_unlock(&cache->mtxWriter);
        writer_round(cache);
        os_mutex_lock(&cache->mtxWriter);
    }
    os_mutex_unlock(&cache->mtxWriter);
}

JET_ERR writer_start(struct cache *cache)
{
    cache->pbWriterScratch = mem_alloc((size_t)CACHE_WRITE_BATCH * PAGE_CB_MAX);
    if (!cache->pbWriterScratch)
        return ERR_TRAP(JET_errOutOfMemory);
    return os_thread_create(&cache->thread, writer_main, cache);
}

void writer_stop(struct cache *cache)
{
    if (!cache->thread)
        return;
    os_mutex_lock(&cache->mtxWriter);
    ASTORE(cache->fStop, true);
    os_cond_signal(&cache->condWriter);
    os_mutex_unlock(&cache->mtxWriter);
    os_thread_join(cache->thread);
    cache->thread = NULL;
}

void writer_poke(struct cache *cache, bool fUrgent)
{
    if (!fUrgent && !avail_below(cache, ALOAD(cache->pctStart)))
        return;
    if (ALOAD(cache->fWake))
        return;
    os_mutex_lock(&cache->mtxWriter);
    ASTORE(cache->fWake, true);
    os_cond_signal(&cache->condWriter);
    os_mutex_unlock(&cache->mtxWriter);
}
