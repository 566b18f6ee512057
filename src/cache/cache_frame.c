/* SPDX-License-Identifier: MIT
 * cache/cache_frame.c: the cache object, frames, hash partitions, pins and latches, reading pages
 * in, and eviction (LRU-K with K = 2).
 * Layer: cache (uses page, log, os, base).
 *
 * A resident page costs cache_get one partition mutex held for a hash lookup, a pin and a latch
 * count: no allocation, no global lock. Misses take the pool mutex to find a buffer (allocate one
 * while under the bound, otherwise evict) and read with no lock held; other getters of that page
 * wait on the frame (README.md "Frames"). Lock order: pool -> partition, pool -> a file's
 * mtxDirty; a thread holding a partition mutex takes no other lock. */
#include "cache_int.h"
#include "thread_stats.h"

DEBUG_CHANNEL(cache);

#define LATCH_RETRY 1   /* the frame died while we waited: look the page up again */

/* ---- hashing ------------------------------------------------------------------------------ */

static uint32_t hash_page(const struct cache_file *f, uint32_t pgno)
{
    uint32_t h = (f->iFile * 0x9E3779B1u) ^ (pgno * 0x85EBCA6Bu);
    h ^= h >> 16;
    h *= 0x7FEB352Du;
    h ^= h >> 15;
    h *= 0x846CA68Bu;
    h ^= h >> 16;
    return h;
}

static inline uint32_t bucket_of(const struct cache_part *part, uint32_t h)
{
    return (h / CACHE_CPART) & (part->cbucket - 1);
}

static struct cache_frame *part_lookup(struct cache_part *part, uint32_t h, const struct cache_file *f,
                                       uint32_t pgno)
{
    for (struct cache_frame *fr = part->rgbucket[bucket_of(part, h)]; fr; fr = fr->pnextHash)
        if (fr->pgno == pgno && fr->file == f)
            return fr;
    return NULL;
}

/* Doubling the buckets is best effort: without memory the chains just get longer. */
static void part_grow(struct cache_part *part)
{
    uint32_t cbucketNew = part->cbucket * 2;
    struct cache_frame **rg = mem_calloc(cbucketNew, sizeof *rg);
    if (!rg)
        return;
    struct cache_part tmp = { .rgbucket = rg, .cbucket = cbucketNew };
    for (uint32_t i = 0; i < part->cbucket; i++) {
        struct cache_frame *fr = part->rgbucket[i];
        while (fr) {
            struct cache_frame *next = fr->pnextHash;
            uint32_t ib = bucket_of(&tmp, fr->hash);
            fr->pnextHash = rg[ib];
            rg[ib] = fr;
            fr = next;
        }
    }
    mem_free(part->rgbucket);
    part->rgbucket = rg;
    part->cbucket = cbucketNew;
}

static void part_insert(struct cache_part *part, struct cache_frame *fr)
{
    if (part->cframe >= 2 * part->cbucket)
        part_grow(part);
    uint32_t ib = bucket_of(part, fr->hash);
    fr->pnextHash = part->rgbucket[ib];
    part->rgbucket[ib] = fr;
    part->cframe++;
}

static void part_remove(struct cache_part *part, struct cache_frame *fr)
{
    struct cache_frame **pp = &part->rgbucket[bucket_of(part, fr->hash)];
    while (*pp != fr) {
        assert(*pp);
        pp = &(*pp)->pnextHash;
    }
    *pp = fr->pnextHash;
    fr->pnextHash = NULL;
    part->cframe--;
}

/* ---- waiting -------------------------------------------------------------------------------- */

void frame_wake(struct cache_frame *fr)
{
    /* Sleepers look again and announce themselves again if they still have to wait; one that
     * announced itself and then found no need to wait is not between the two (the mutex we
     * hold is theirs from announcing to sleeping). */
    if (latch_word(fr) & LATCH_SLEEP)
        __atomic_and_fetch(&fr->latch, ~LATCH_SLEEP, __ATOMIC_RELAXED);
    if (fr->cWaiters)
        os_cond_broadcast(&fr->cond);
}

void frame_wait(struct cache_part *part, struct cache_frame *fr)
{
    fr->cWaiters++;
    os_cond_wait(&fr->cond, &part->mtx);
    fr->cWaiters--;
}

/* Partition mutex held: about to wait for the latch word to change. A shared latch can be
 * released without the mutex (latch_release_unlocked): LATCH_SLEEP tells that releaser to
 * take the mutex and wake us. Setting it is an atomic step on the word, so either the release
 * came first (and the word returned shows it: no need to wait) or it sees the bit. */
static uint32_t latch_announce_sleep(struct cache_frame *fr)
{
    return __atomic_or_fetch(&fr->latch, LATCH_SLEEP, __ATOMIC_ACQ_REL);
}

/* No lock held, frame pinned: release a shared latch; wake sleepers if any announced
 * themselves. */
static void latch_release_unlocked(struct cache *cache, struct cache_frame *fr)
{
    const uint32_t v = __atomic_sub_fetch(&fr->latch, 1, __ATOMIC_ACQ_REL);
    if (v & LATCH_SLEEP) {
        struct cache_part *part = frame_part(cache, fr);
        os_mutex_lock(&part->mtx);
        frame_wake(fr);
        os_mutex_unlock(&part->mtx);
    }
}

bool frame_unpin_locked(struct cache_frame *fr)
{
    assert(fr->cPin > 0);
    ASTORE(fr->cPin, fr->cPin - 1);
    return fr->cPin == 0 && fr->state == FRAME_DEAD;
}

/* LRU-K reference: references between two misses are one correlated reference. */
static inline void frame_touch(struct cache *cache, struct cache_frame *fr)
{
    uint64_t now = ALOAD(cache->tick);
    if (fr->tick1 != now) {
        ASTORE(fr->tick2, fr->tick1);
        ASTORE(fr->tick1, now);
    }
}

/* Partition mutex held, frame pinned. LATCH_RETRY when the frame died while we waited. */
static JET_ERR latch_acquire(struct cache_part *part, struct cache_frame *fr, enum cache_latch latch,
                             unsigned flags)
{
    uint32_t v;
    switch (latch) {
    case CACHE_LATCH_NONE:
        return JET_errSuccess;
    case CACHE_LATCH_SHARED:
        /* A waiting writer blocks new readers, so a stream of readers cannot starve it. */
        while (!latch_try_shared(fr)) {
            if (flags & CACHE_GET_NO_WAIT)
                return ERR_LATCH_CONFLICT;
            v = latch_announce_sleep(fr);
            if (v & (LATCH_X | LATCH_WX))
                frame_wait(part, fr);
            if (fr->state != FRAME_VALID)
                return LATCH_RETRY;
        }
        return JET_errSuccess;
    case CACHE_LATCH_EXCLUSIVE:
        /* X and WX change only under the mutex we hold: only the shared count can move. */
        v = latch_word(fr);
        if (!(v & (LATCH_X | LATCH_SHARED))
                && __atomic_compare_exchange_n(&fr->latch, &v, v | LATCH_X, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return JET_errSuccess;
        if (flags & CACHE_GET_NO_WAIT)
            return ERR_LATCH_CONFLICT;
        fr->cWaitExclusive++;
        __atomic_or_fetch(&fr->latch, LATCH_WX, __ATOMIC_RELAXED);
        for (;;) {
            if (fr->state != FRAME_VALID) {
                if (--fr->cWaitExclusive == 0)
                    __atomic_and_fetch(&fr->latch, ~LATCH_WX, __ATOMIC_RELAXED);
                frame_wake(fr);   /* readers held back by our wait may go */
                return LATCH_RETRY;
            }
            v = latch_word(fr);
            if (!(v & (LATCH_X | LATCH_SHARED))) {
                const uint32_t vNew = (v | LATCH_X) & (fr->cWaitExclusive == 1 ? ~LATCH_WX : ~0u);
                if (__atomic_compare_exchange_n(&fr->latch, &v, vNew, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
                    fr->cWaitExclusive--;
                    return JET_errSuccess;
                }
                continue;
            }
            v = latch_announce_sleep(fr);
            if (v & (LATCH_X | LATCH_SHARED))
                frame_wait(part, fr);
        }
    }
    return ERR_TRAP(JET_errInvalidParameter);
}

/* Partition mutex held (the caller wakes waiters with frame_wake). */
static void latch_release(struct cache_frame *fr, enum cache_latch latch)
{
    if (latch == CACHE_LATCH_SHARED) {
        assert(latch_word(fr) & LATCH_SHARED);
        __atomic_sub_fetch(&fr->latch, 1, __ATOMIC_RELEASE);
    } else if (latch == CACHE_LATCH_EXCLUSIVE) {
        assert(latch_word(fr) & LATCH_X);
        __atomic_and_fetch(&fr->latch, ~LATCH_X, __ATOMIC_RELEASE);
    }
}

/* ---- the pool ------------------------------------------------------------------------------ */

static void frame_reset(struct cache_frame *fr)
{
    fr->file = NULL;
    fr->pgno = 0;
    fr->fDiscardOnRelease = false;
    ASTORE(fr->fWriting, false);
    ASTORE(fr->latch, 0);
    fr->cWaitExclusive = 0;
    fr->errVerify = JET_errSuccess;
    fr->fSound = false;
    ASTORE(fr->fDirty, false);
    fr->fImage = false;
    fr->lsnOldest = fr->lsnNewest = fr->lsnImage = LSN_NONE;
    fr->cModify = 0;
    fr->seqDirty = fr->seqFlushed = 0;
    fr->pprevDirty = fr->pnextDirty = NULL;
    fr->pnextHash = NULL;
}

/* Pool mutex held: an EMPTY descriptor (reused or new). */
static struct cache_frame *desc_get_locked(struct cache *cache)
{
    struct cache_frame *fr = cache->pfrFree;
    if (fr) {
        cache->pfrFree = fr->pnextFree;
        fr->pnextFree = NULL;
        return fr;
    }
    if (cache->cpframe == cache->cpframeAlloc) {
        uint32_t c = cache->cpframeAlloc ? cache->cpframeAlloc * 2 : 64;
        struct cache_frame **rg = mem_realloc(cache->rgpframe, c * sizeof *rg);
        if (!rg)
            return NULL;
        cache->rgpframe = rg;
        cache->cpframeAlloc = c;
    }
    fr = mem_calloc(1, sizeof *fr);
    if (!fr)
        return NULL;
    os_cond_init(&fr->cond);
    fr->state = FRAME_EMPTY;
    cache->rgpframe[cache->cpframe++] = fr;
    return fr;
}

/* Pool mutex held: give the frame's buffer back and put the descriptor on the free list. */
static void frame_free_locked(struct cache *cache, struct cache_frame *fr)
{
    ASTORE(cache->cbUsed, cache->cbUsed - fr->cbPage);
    ASUB(cache->cframe, 1);
    mem_free(fr->buf);
    fr->buf = NULL;
    fr->cbPage = 0;
    frame_reset(fr);
    ASTORE(fr->state, FRAME_EMPTY);
    fr->pnextFree = cache->pfrFree;
    cache->pfrFree = fr;
}

void frame_free(struct cache *cache, struct cache_frame *fr)
{
    os_mutex_lock(&cache->mtxPool);
    frame_free_locked(cache, fr);
    os_mutex_unlock(&cache->mtxPool);
}

/* Pool mutex held: choose the unpinned frame whose second-to-last reference is oldest (frames
 * referenced once come first, by their last reference), among CACHE_EVICT_SCAN candidates from
 * the clock hand. A clean victim comes back CLAIMED and unhashed (*pfDirty false); a dirty one
 * stays hashed, pinned and latched exclusively by us, to be written first. NULL: every frame is
 * pinned; *pfTransient then tells whether some pins are only a read or a write in progress. */
static struct cache_frame *victim_choose_locked(struct cache *cache, bool *pfDirty, bool *pfTransient)
{
    *pfTransient = false;
    for (uint32_t cAttempt = 0; cAttempt < 1000; cAttempt++) {
        struct cache_frame *best = NULL;
        uint64_t bestT2 = 0, bestT1 = 0;
        bool bestDirty = false;
        uint32_t cSeen = 0, n = cache->cpframe;

        for (uint32_t i = 0; i < n && cSeen < CACHE_EVICT_SCAN; i++) {
            struct cache_frame *fr = cache->rgpframe[cache->iHand];
            cache->iHand = cache->iHand + 1 < n ? cache->iHand + 1 : 0;
            uint8_t state = ALOAD(fr->state);
            if (state == FRAME_READING || ALOAD(fr->fWriting))
                *pfTransient = true;
            if (state != FRAME_VALID || ALOAD(fr->cPin) != 0)
                continue;
            cSeen++;
            uint64_t t2 = ALOAD(fr->tick2), t1 = ALOAD(fr->tick1);
            bool fDirty = ALOAD(fr->fDirty);
            if (!best || t2 < bestT2 || (t2 == bestT2 && (t1 < bestT1 || (t1 == bestT1 && bestDirty && !fDirty)))) {
                best = fr;
                bestT2 = t2;
                bestT1 = t1;
                bestDirty = fDirty;
            }
        }
        if (!best)
            return NULL;

        /* The frame may have changed pages since we looked: its state is only meaningful
         * under the mutex of the partition its hash names now. */
        struct cache_part *part = &cache->rgpart[ALOAD(best->hash) & (CACHE_CPART - 1)];
        os_mutex_lock(&part->mtx);
        if (frame_part(cache, best) == part && best->state == FRAME_VALID && best->cPin == 0) {
            /* Unpinned: no one holds or can take a latch (latches are taken by pin holders). */
            assert(!(latch_word(best) & (LATCH_X | LATCH_SHARED)) && !best->fWriting);
            if (!best->fDirty) {
                part_remove(part, best);
                ASTORE(best->state, FRAME_CLAIMED);
                *pfDirty = false;
            } else {
                ASTORE(best->cPin, 1);
                __atomic_or_fetch(&best->latch, LATCH_X, __ATOMIC_ACQUIRE);
                *pfDirty = true;
            }
            os_mutex_unlock(&part->mtx);
            return best;
        }
        os_mutex_unlock(&part->mtx);   /* someone took it meanwhile: choose again */
    }
    return NULL;
}

/* Pool mutex held on entry and return (dropped while a dirty victim is written). A frame taken
 * from its page: CLAIMED, unhashed, still holding its buffer. */
static JET_ERR evict_one_locked(struct cache *cache, struct cache_frame **ppfr)
{
    uint32_t cWait = 0;
    for (;;) {
        bool fDirty, fTransient;
        struct cache_frame *fr = victim_choose_locked(cache, &fDirty, &fTransient);
        if (!fr) {
            /* Pins held across a read or a write go away by themselves: wait for one (for a
             * while; a cache this small for its load is the caller's to fix). */
            if (!fTransient || cWait++ >= CACHE_EVICT_WAIT_MAX)
                return ERR_TRAP(JET_errOutOfBuffers);
            ASTORE(cache->cEvictWaiters, cache->cEvictWaiters + 1);
            os_cond_wait_ms(&cache->condPool, &cache->mtxPool, 10);
            ASTORE(cache->cEvictWaiters, cache->cEvictWaiters - 1);
            continue;
        }
        if (fDirty) {
            os_mutex_unlock(&cache->mtxPool);
            JET_ERR err = file_write_exclusive(fr->file, fr);
            struct cache_part *part = frame_part(cache, fr);
            bool fClaimed = false;
            os_mutex_lock(&part->mtx);
            __atomic_and_fetch(&fr->latch, ~LATCH_X, __ATOMIC_RELEASE);
            frame_unpin_locked(fr);
            if (err >= 0 && fr->cPin == 0 && !fr->fDirty) {
                part_remove(part, fr);
                ASTORE(fr->state, FRAME_CLAIMED);
                fClaimed = true;
            }
            frame_wake(fr);
            os_mutex_unlock(&part->mtx);
            os_mutex_lock(&cache->mtxPool);
            if (err < 0)
                return err;
            if (!fClaimed)
                continue;   /* someone wanted it while we wrote it */
        }
        AADD(cache->cEvict, 1);
        *ppfr = fr;
        return JET_errSuccess;
    }
}

/* A CLAIMED frame with a buffer of cbPage bytes: a new one while under the bound, else one
 * evicted (a victim of another size gives its memory back and the search goes on). */
static JET_ERR frame_obtain(struct cache *cache, uint32_t cbPage, struct cache_frame **ppfr)
{
    JET_ERR err = JET_errSuccess;
    struct cache_frame *fr;

    os_mutex_lock(&cache->mtxPool);
    for (;;) {
        if (cache->cbUsed + cbPage <= cache->cbBudget) {
            fr = desc_get_locked(cache);
            if (!fr) {
                err = ERR_TRAP(JET_errOutOfMemory);
                break;
            }
            ASTORE(cache->cbUsed, cache->cbUsed + cbPage);
            AADD(cache->cframe, 1);
            ASTORE(fr->state, FRAME_CLAIMED);
            os_mutex_unlock(&cache->mtxPool);
            fr->buf = mem_alloc(cbPage);
            fr->cbPage = cbPage;
            if (!fr->buf) {
                frame_free(cache, fr);
                return ERR_TRAP(JET_errOutOfMemory);
            }
            frame_reset(fr);
            *ppfr = fr;
            return JET_errSuccess;
        }
        CALL(evict_one_locked(cache, &fr));
        if (fr->cbPage == cbPage) {
            os_mutex_unlock(&cache->mtxPool);
            frame_reset(fr);
            *ppfr = fr;
            return JET_errSuccess;
        }
        frame_free_locked(cache, fr);
    }
out:
    os_mutex_unlock(&cache->mtxPool);
    return err;
}

JET_ERR cache_trim_to_budget(struct cache *cache)
{
    JET_ERR err = JET_errSuccess;
    os_mutex_lock(&cache->mtxPool);
    while (cache->cbUsed > cache->cbBudget) {
        struct cache_frame *fr;
        CALL(evict_one_locked(cache, &fr));
        frame_free_locked(cache, fr);
    }
out:
    os_mutex_unlock(&cache->mtxPool);
    return err;
}

/* ---- reading -------------------------------------------------------------------------------- */

static JET_ERR frame_read(struct cache_file *f, struct cache_frame *fr, unsigned flags)
{
    const uint32_t cb = f->desc.cbPage;
    int32_t ibit;
    JET_ERR err = os_file_read(f->desc.file, page_file_offset(fr->pgno, cb), fr->buf, cb);
    AADD(f->cache->cRead, 1);
    thread_stats()->cPageRead++;
    if (err < 0) {
        TRACE("dbid %u page %u: read failed %d\n", (unsigned)f->desc.dbid, (unsigned)fr->pgno, (int)err);
        return err;
    }
    err = page_verify(fr->buf, cb, fr->pgno, PAGE_VERIFY_FIX, &ibit);
    if (err == WRN_PAGE_BIT_CORRECTED) {
        /* A hardware fault: never silent. The page in memory is the corrected one. */
        ERR("dbid %u page %u: bit %d was wrong on disk and was corrected by the page's ECC\n",
            (unsigned)f->desc.dbid, (unsigned)fr->pgno, (int)ibit);
        err = JET_errSuccess;
    }
    fr->fSound = false;
    if (err >= 0) {
        const struct page_buf b = page_buf_make(fr->buf, cb, fr->pgno);
        fr->fSound = page_is_sound(&b);
    }
    if (err < 0 && (flags & CACHE_GET_NO_VERIFY)) {
        fr->errVerify = err;   /* handed out anyway; recovery decides */
        err = JET_errSuccess;
    }
    return err < 0 ? err : JET_errSuccess;
}

/* ---- page references ------------------------------------------------------------------------- */

JET_ERR cache_get_int(struct cache_file *f, uint32_t pgno, enum cache_latch latch, unsigned flags,
                      struct page_ref *ref, bool *pfResident)
{
    struct cache *cache = f->cache;
    struct cache_frame *fr, *frNew = NULL;
    JET_ERR err;

    *ref = PAGE_REF_NONE;
    if (pgno == 0)
        return ERR_CORRUPT(0, "page number 0 is not a database page");
    if (!(flags & CACHE_GET_NEW) && pgno > ALOAD(f->cpg)) {
        TRACE("dbid %u page %u: past the end of the file (%u pages)\n", (unsigned)f->desc.dbid,
              (unsigned)pgno, (unsigned)ALOAD(f->cpg));
        return ERR_TRAP(JET_errFileIOBeyondEOF);
    }

    const uint32_t h = hash_page(f, pgno);
    struct cache_part *part = &cache->rgpart[h & (CACHE_CPART - 1)];

    os_mutex_lock(&part->mtx);
    for (;;) {
        fr = part_lookup(part, h, f, pgno);
        if (fr) {
            ASTORE(fr->cPin, fr->cPin + 1);
            if (fr->state == FRAME_READING) {
                if (flags & CACHE_GET_NO_WAIT) {
                    frame_unpin_locked(fr);
                    err = ERR_LATCH_CONFLICT;
                    goto out_unlock;
                }
                while (fr->state == FRAME_READING)
                    frame_wait(part, fr);
            }
            err = fr->state == FRAME_VALID ? JET_errSuccess : LATCH_RETRY;
            if (err == JET_errSuccess && fr->errVerify && !(flags & (CACHE_GET_NO_VERIFY | CACHE_GET_NEW))) {
                /* Read by recovery and never repaired: not for normal use. */
                frame_unpin_locked(fr);
                err = ERR_CORRUPT_E(fr->errVerify, pgno, "page failed verification when recovery read it");
                goto out_unlock;
            }
            if (err == JET_errSuccess) {
                frame_touch(cache, fr);
                err = latch_acquire(part, fr, latch, flags);
            }
            if (err == LATCH_RETRY) {
                if (frame_unpin_locked(fr)) {
                    os_mutex_unlock(&part->mtx);
                    frame_free(cache, fr);
                    os_mutex_lock(&part->mtx);
                }
                continue;
            }
            if (err < 0) {
                frame_unpin_locked(fr);
                goto out_unlock;
            }
            part->cHit++;
            os_mutex_unlock(&part->mtx);
            if (frNew)
                frame_free(cache, frNew);   /* someone else brought the page in meanwhile */
            if (pfResident)
                *pfResident = true;
            goto out_ref;
        }
        if (frNew)
            break;
        os_mutex_unlock(&part->mtx);
        err = frame_obtain(cache, f->desc.cbPage, &frNew);
        if (err < 0)
            return err;
        os_mutex_lock(&part->mtx);
    }

    /* A miss: frNew takes the page. */
    fr = frNew;
    fr->file = f;
    fr->pgno = pgno;
    ASTORE(fr->hash, h);
    ASTORE(fr->cPin, 1);
    ASTORE(fr->tick1, AADD(cache->tick, 1));
    ASTORE(fr->tick2, 0);
    part->cMiss++;
    if (pfResident)
        *pfResident = false;
    if (flags & CACHE_GET_NEW) {
        memset(fr->buf, 0, f->desc.cbPage);
        fr->fSound = false;
        uint32_t cpg = ALOAD(f->cpg);
        while (pgno > cpg && !__atomic_compare_exchange_n(&f->cpg, &cpg, pgno, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            ;
        ASTORE(fr->state, FRAME_VALID);
        part_insert(part, fr);
        err = latch_acquire(part, fr, latch, 0);
        assert(err == JET_errSuccess);
        os_mutex_unlock(&part->mtx);
        goto out_ref;
    }
    ASTORE(fr->state, FRAME_READING);
    part_insert(part, fr);
    os_mutex_unlock(&part->mtx);

    err = frame_read(f, fr, flags);

    os_mutex_lock(&part->mtx);
    if (err < 0) {
        part_remove(part, fr);
        ASTORE(fr->state, FRAME_DEAD);
        frame_wake(fr);
        bool fFree = frame_unpin_locked(fr);
        os_mutex_unlock(&part->mtx);
        if (fFree)
            frame_free(cache, fr);
        return err;
    }
    ASTORE(fr->state, FRAME_VALID);
    frame_wake(fr);
    /* Nobody can hold a latch yet: those who waited for the read compete only after us. */
    err = latch_acquire(part, fr, latch, 0);
    assert(err == JET_errSuccess);
    os_mutex_unlock(&part->mtx);

out_ref:
    ref->frame = fr;
    ref->buf = fr->buf;
    ref->pgno = pgno;
    ref->latch = (uint8_t)latch;
    ref->fSound = false;
    if (latch == CACHE_LATCH_EXCLUSIVE) {
        /* The holder may write anything: the frame is sound again only when it says so. */
        ref->fSound = fr->fSound;
        fr->fSound = false;
    }
    return JET_errSuccess;

out_unlock:
    os_mutex_unlock(&part->mtx);
    if (frNew)
        frame_free(cache, frNew);
    return err;
}

JET_ERR cache_get(struct cache_file *f, uint32_t pgno, enum cache_latch latch, unsigned flags,
                  struct page_ref *ref)
{
    thread_stats()->cPageReferenced++;
    return cache_get_int(f, pgno, latch, flags, ref, NULL);
}

void cache_put(struct page_ref *ref)
{
    struct cache_frame *fr = ref->frame;
    if (!fr)
        return;
    struct cache *cache = fr->file->cache;
    struct cache_part *part = frame_part(cache, fr);

    if (ref->fKept)
        __atomic_sub_fetch(&cache->cKept, 1, __ATOMIC_RELAXED);
    os_mutex_lock(&part->mtx);
    latch_release(fr, (enum cache_latch)ref->latch);
    if (fr->fDiscardOnRelease && ref->latch == CACHE_LATCH_EXCLUSIVE) {
        /* An abandoned new page: its bytes are not the page's, so no one may see them. */
        fr->fDiscardOnRelease = false;
        assert(!fr->fDirty);
        part_remove(part, fr);
        ASTORE(fr->state, FRAME_DEAD);
    }
    bool fFree = frame_unpin_locked(fr);
    bool fReleased = fr->cPin == 0;
    frame_wake(fr);
    os_mutex_unlock(&part->mtx);
    if (fFree)
        frame_free(cache, fr);
    else if (fReleased)
        cache_frame_released(cache);
    *ref = PAGE_REF_NONE;
}

void cache_frame_released(struct cache *cache)
{
    if (!ALOAD(cache->cEvictWaiters))
        return;
    os_mutex_lock(&cache->mtxPool);
    os_cond_broadcast(&cache->condPool);
    os_mutex_unlock(&cache->mtxPool);
}

bool cache_try_upgrade(struct page_ref *ref)
{
    struct cache_frame *fr = ref->frame;
    bool fOk = false;
    if (!fr || ref->latch != CACHE_LATCH_SHARED)
        return ref->latch == CACHE_LATCH_EXCLUSIVE;
    struct cache_part *part = frame_part(fr->file->cache, fr);
    os_mutex_lock(&part->mtx);
    /* We are the one reader: no one else can take a shared latch meanwhile without a pin and
     * the word's consent, and a relatch that slips in makes the exchange fail. */
    uint32_t v = latch_word(fr);
    if ((v & (LATCH_X | LATCH_SHARED)) == 1
            && __atomic_compare_exchange_n(&fr->latch, &v, (v - 1) | LATCH_X, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        ref->latch = CACHE_LATCH_EXCLUSIVE;
        ref->fSound = fr->fSound;
        fr->fSound = false;
        fOk = true;
    }
    os_mutex_unlock(&part->mtx);
    return fOk;
}

bool cache_keep_pin(struct page_ref *ref)
{
    struct cache_frame *fr = ref->frame;
    if (!fr || ref->latch != CACHE_LATCH_SHARED)
        return false;
    struct cache *cache = fr->file->cache;
    if (!ref->fKept) {
        const uint32_t cMax = MAX(ALOAD(cache->cpgMax) / 8, 1u);
        if (__atomic_add_fetch(&cache->cKept, 1, __ATOMIC_RELAXED) > cMax) {
            __atomic_sub_fetch(&cache->cKept, 1, __ATOMIC_RELAXED);
            return false;
        }
        ref->fKept = true;
    }
    ref->latch = CACHE_LATCH_NONE;
    latch_release_unlocked(cache, fr);
    return true;
}

bool cache_relatch_shared(struct page_ref *ref)
{
    struct cache_frame *fr = ref->frame;
    assert(fr && ref->latch == CACHE_LATCH_NONE);
    /* Pinned: the frame keeps its page (state and identity change only unpinned). */
    if (ALOAD(fr->state) != FRAME_VALID || !latch_try_shared(fr))
        return false;
    ref->latch = CACHE_LATCH_SHARED;
    thread_stats()->cPageReferenced++;
    return true;
}

void frame_set_verified(struct page_ref *ref)
{
    struct cache_frame *fr = ref->frame;
    struct cache_part *part = frame_part(fr->file->cache, fr);
    os_mutex_lock(&part->mtx);
    fr->errVerify = JET_errSuccess;
    os_mutex_unlock(&part->mtx);
}

void frame_discard_on_release(struct page_ref *ref)
{
    struct cache_frame *fr = ref->frame;
    struct cache_part *part = frame_part(fr->file->cache, fr);
    assert(ref->latch == CACHE_LATCH_EXCLUSIVE);
    os_mutex_lock(&part->mtx);
    fr->fDiscardOnRelease = true;
    os_mutex_unlock(&part->mtx);
}

/* ---- files' frames ------------------------------------------------------------------------- */

/* Partition mutex held: one of f's frames nobody holds, taken out of the partition (NULL when
 * none is left). A frame an evictor is writing is waited for; the evictor may then take it
 * itself (it is then no longer f's). The chains may change while waiting: search again. */
static struct cache_frame *part_take_file_frame_locked(struct cache_part *part, const struct cache_file *f)
{
    for (;;) {
        struct cache_frame *frBusy = NULL;
        for (uint32_t ib = 0; ib < part->cbucket && !frBusy; ib++)
            for (struct cache_frame *fr = part->rgbucket[ib]; fr; fr = fr->pnextHash) {
                if (fr->file != f || fr->state != FRAME_VALID)
                    continue;
                if (fr->cPin) {
                    frBusy = fr;
                    break;
                }
                part_remove(part, fr);
                return fr;
            }
        if (!frBusy)
            return NULL;
        frame_wait(part, frBusy);
    }
}

uint32_t cache_drop_file_frames(struct cache *cache, struct cache_file *f)
{
    uint32_t cDirty = 0;
    os_mutex_lock(&cache->mtxPool);
    /* By partition, each one's mutex taken even when it holds nothing of f: an evictor that
     * took one of f's pages out of a partition just before touched f last under that mutex,
     * and taking it orders that before f is freed. Frames outside every partition (claimed,
     * free) belong to others and are not looked at. Callers hold no page of f. */
    for (uint32_t ip = 0; ip < CACHE_CPART; ip++) {
        struct cache_part *part = &cache->rgpart[ip];
        for (;;) {
            os_mutex_lock(&part->mtx);
            struct cache_frame *fr = part_take_file_frame_locked(part, f);
            os_mutex_unlock(&part->mtx);
            if (!fr)
                break;
            /* Off f's dirty list, not just marked clean: an evictor still writing a neighbour
             * unlinks that one under mtxDirty (taken after the partition's, never inside it). */
            os_mutex_lock(&f->mtxDirty);
            if (fr->fDirty)
                cDirty++;
            file_mark_clean_locked(f, fr);
            os_mutex_unlock(&f->mtxDirty);
            frame_free_locked(cache, fr);
        }
    }
    os_mutex_unlock(&cache->mtxPool);
    return cDirty;
}

/* ---- the cache -------------------------------------------------------------------------------- */

static uint32_t pow2_at_least(uint32_t n)
{
    uint32_t p = 16;
    while (p < n && p < (1u << 24))
        p <<= 1;
    return p;
}

JET_ERR cache_create(uint32_t cpgMin, uint32_t cpgMax, struct cache **ppcache)
{
    JET_ERR err;
    struct cache *cache;

    *ppcache = NULL;
    if (cpgMax == 0 || cpgMin > cpgMax)
        return ERR_TRAP(JET_errInvalidParameter);
    cache = mem_calloc(1, sizeof *cache);
    if (!cache)
        return ERR_TRAP(JET_errOutOfMemory);
    /* One bucket per frame the bound allows, but not more than CACHE_BUCKETS_MAX per partition:
     * JET_paramCacheSizeMax is often far above what is ever resident (its default has no limit),
     * and chains of a few frames cost less than zeroing a table for billions. */
    uint32_t cbucket = pow2_at_least(MIN(cpgMax / CACHE_CPART, CACHE_BUCKETS_MAX));
    for (uint32_t i = 0; i < CACHE_CPART; i++) {
        struct cache_part *part = &cache->rgpart[i];
        os_mutex_init(&part->mtx);
        part->rgbucket = mem_calloc(cbucket, sizeof *part->rgbucket);
        part->cbucket = cbucket;
        if (!part->rgbucket) {
            for (uint32_t j = 0; j <= i; j++) {
                mem_free(cache->rgpart[j].rgbucket);
                os_mutex_destroy(&cache->rgpart[j].mtx);
            }
            mem_free(cache);
            return ERR_TRAP(JET_errOutOfMemory);
        }
    }
    os_mutex_init(&cache->mtxPool);
    os_cond_init(&cache->condPool);
    os_mutex_init(&cache->mtxFiles);
    os_cond_init(&cache->condFiles);
    os_mutex_init(&cache->mtxWriter);
    os_cond_init(&cache->condWriter);
    os_mutex_init(&cache->mtxBefore);
    cache->cpgMin = cpgMin;
    cache->cpgMax = cpgMax;
    cache->cbUnit = PAGE_CB_MIN;
    ASTORE(cache->cbBudget, (uint64_t)cpgMax * cache->cbUnit);
    cache->pctStart = 1;
    cache->pctStop = 2;
    cache->tick = 1;
    err = writer_start(cache);
    if (err < 0) {
        cache_destroy(cache);
        return err;
    }
    *ppcache = cache;
    return JET_errSuccess;
}

void cache_destroy(struct cache *cache)
{
    if (!cache)
        return;
    writer_stop(cache);
    assert(!cache->pfileFirst);
    for (uint32_t i = 0; i < cache->cpframe; i++) {
        struct cache_frame *fr = cache->rgpframe[i];
        mem_free(fr->buf);
        os_cond_destroy(&fr->cond);
        mem_free(fr);
    }
    mem_free(cache->rgpframe);
    for (uint32_t i = 0; i < CACHE_CPART; i++) {
        mem_free(cache->rgpart[i].rgbucket);
        os_mutex_destroy(&cache->rgpart[i].mtx);
    }
    before_pool_drain(cache);
    os_mutex_destroy(&cache->mtxPool);
    os_cond_destroy(&cache->condPool);
    os_mutex_destroy(&cache->mtxFiles);
    os_cond_destroy(&cache->condFiles);
    os_mutex_destroy(&cache->mtxWriter);
    os_cond_destroy(&cache->condWriter);
    os_mutex_destroy(&cache->mtxBefore);
    mem_free(cache->pbWriterScratch);
    mem_free(cache);
}

void cache_recompute_budget_locked(struct cache *cache)
{
    ASTORE(cache->cbBudget, (uint64_t)cache->cpgMax * cache->cbUnit);
}

JET_ERR cache_resize(struct cache *cache, uint32_t cpgMin, uint32_t cpgMax)
{
    if (cpgMax == 0 || cpgMin > cpgMax)
        return ERR_TRAP(JET_errInvalidParameter);
    os_mutex_lock(&cache->mtxPool);
    cache->cpgMin = cpgMin;
    cache->cpgMax = cpgMax;
    cache_recompute_budget_locked(cache);
    os_mutex_unlock(&cache->mtxPool);
    return cache_trim_to_budget(cache);
}

void cache_set_flush_thresholds(struct cache *cache, uint32_t pctStart, uint32_t pctStop)
{
    pctStart = MIN(pctStart, 100u);
    pctStop = MIN(pctStop, 100u);
    if (pctStart && pctStop <= pctStart)
        pctStop = MIN(pctStart + 1, 100u);
    os_mutex_lock(&cache->mtxWriter);
    /* the writer reads them between rounds without mtxWriter */
    ASTORE(cache->pctStart, pctStart);
    ASTORE(cache->pctStop, pctStop);
    ASTORE(cache->fWake, true);
    os_cond_signal(&cache->condWriter);
    os_mutex_unlock(&cache->mtxWriter);
}

void cache_get_stats(struct cache *cache, struct cache_stats *ps)
{
    memset(ps, 0, sizeof *ps);
    for (uint32_t i = 0; i < CACHE_CPART; i++) {
        struct cache_part *part = &cache->rgpart[i];
        os_mutex_lock(&part->mtx);
        ps->cHit += part->cHit;
        ps->cMiss += part->cMiss;
        os_mutex_unlock(&part->mtx);
    }
    os_mutex_lock(&cache->mtxPool);
    ps->cbBudget = cache->cbBudget;
    ps->cbUsed = cache->cbUsed;
    ps->cframe = cache->cframe;
    os_mutex_unlock(&cache->mtxPool);
    ps->cframeDirty = ALOAD(cache->cframeDirty);
    ps->cRead = ALOAD(cache->cRead);
    ps->cWrite = ALOAD(cache->cWrite);
    ps->cEvict = ALOAD(cache->cEvict);
}
