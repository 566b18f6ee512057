/* SPDX-License-Identifier: MIT
 * cache/cache_int.h: the cache layer's private structures (README.md beside this file explains
 * the states and the locking; this header only names who protects what).
 * Layer: cache (uses page, log, os, base). */
#ifndef CACHE_INT_H
#define CACHE_INT_H

#include "cache.h"
#include "cache_format.h"
#include "debug.h"
#include "page.h"

/* Relaxed atomics for fields read without their lock (the evictor's scan, counters). */
#define ALOAD(x)     __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define ASTORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define AADD(x, v)   __atomic_add_fetch(&(x), (v), __ATOMIC_RELAXED)
#define ASUB(x, v)   __atomic_sub_fetch(&(x), (v), __ATOMIC_RELAXED)

#define CACHE_CPART          64u     /* hash partitions, each with its own mutex */
#define CACHE_BUCKETS_MAX    8192u   /* hash buckets per partition at most */
#define CACHE_EVICT_SCAN     64u     /* unpinned frames compared per victim choice */
#define CACHE_HORIZON_MAX    32u     /* full-image horizons kept per file */
#define CACHE_WRITE_BATCH    16u     /* frames the background writer copies per round */
#define CACHE_BEFORE_POOL    32u     /* spare before-copy buffers kept per page size */
#define CACHE_CB_LOG_DEFAULT (5u << 20)
#define CACHE_EVICT_WAIT_MAX 500u    /* 10 ms waits for a frame whose read or write is in flight */

/* Frame states (README.md "Frames"). */
enum frame_state {
    FRAME_EMPTY,     /* no buffer, not hashed: on the pool's free list */
    FRAME_CLAIMED,   /* has a buffer, not hashed, owned by one thread (being given a page) */
    FRAME_READING,   /* hashed; its owner is reading the page in; others wait */
    FRAME_VALID,     /* hashed; the buffer holds the page */
    FRAME_DEAD,      /* unhashed while pinned (read failed, new page abandoned): freed at the
                        last unpin */
};

struct cache_frame {
    /* Identity and hash chain: partition mutex (stable while pinned). */
    struct cache_file *file;
    uint32_t pgno;
    uint32_t hash;
    struct cache_frame *pnextHash;
    uint8_t *buf;
    uint32_t cbPage;
    uint8_t state;              /* enum frame_state; read unlocked by the evictor */

    /* Pin and latch: partition mutex, except the latch word's shared count (below). */
    uint32_t latch;             /* atomic: LATCH_X, LATCH_WX, LATCH_SLEEP and the shared count
                                   (README.md "Latches"): X and WX change only under the
                                   partition mutex; the shared count also changes without it
                                   (cache_relatch_shared, and releasing such a latch) */
    bool fWriting;              /* a write of this page is in progress (one at a time) */
    bool fDiscardOnRelease;     /* new page abandoned: unhash when the exclusive latch goes */
    uint32_t cPin;              /* read unlocked by the evictor */
    uint32_t cWaitExclusive;    /* exclusive requests waiting (LATCH_WX while not 0) */
    uint32_t cWaiters;
    JET_ERR errVerify;          /* read with CACHE_GET_NO_VERIFY and failed verification */
    bool fSound;                /* the bytes pass page_is_sound (what page mutators check): set
                                   when read and verified; an exclusive latch takes it away
                                   (page_ref.fSound keeps it) and only an mtr whose writer vouches
                                   for its change gives it back (mtr_set_page_sound). Read and
                                   written under the exclusive latch. */
    struct os_cond cond;        /* latch and I/O waits, with the partition mutex */

    /* LRU-K (K = 2) history in cache ticks: written under the partition mutex, read unlocked. */
    uint64_t tick1, tick2;

    /* Dirty state: file->mtxDirty; changes only while the frame is pinned, so it is stable
     * when cPin is 0. lsnNewest/cModify change only under the exclusive latch. */
    bool fDirty;
    lsn_t lsnOldest;            /* first change not on disk (orders the dirty list) */
    lsn_t lsnNewest;            /* last change: the WAL rule flushes the log through it */
    bool fImage;                /* lsnImage is known */
    lsn_t lsnImage;             /* last full image logged for the page */
    uint64_t seqDirty;          /* file->seqNext when it became dirty */
    uint64_t cModify;           /* changes made (a write cleans only what it copied) */
    uint64_t seqFlushed;        /* cache_file_flush pass that wrote it last */
    struct cache_frame *pprevDirty, *pnextDirty;

    struct cache_frame *pnextFree;   /* pool's free list (EMPTY frames) */
};

struct cache_part {
    struct os_mutex mtx;
    struct cache_frame **rgbucket;
    uint32_t cbucket;           /* power of 2 */
    uint32_t cframe;
    uint64_t cHit, cMiss;
    uint8_t rgbPad[128 - 64 - 2 * sizeof(void *) - 16];   /* one partition per 128 bytes */
};

struct cache_file {
    struct cache *cache;
    struct cache_file_desc desc;
    uint32_t cpg;               /* atomic: pages the file has as the cache knows it */
    uint32_t iFile;             /* for hashing: distinct per registration */

    /* cache->mtxFiles */
    struct cache_file *pnext;
    uint32_t cUse;              /* background writer working on it */
    bool fClosing;

    /* Commit order and full-image horizons (README.md "Checkpoints"). */
    struct os_mutex mtxCommit;
    lsn_t lsnHorizon;           /* decisions made now compare with this */
    uint64_t dbtimeHorizon;     /* *pdbtime when lsnHorizon was opened */
    bool fHorizonStale;         /* redo ran: open a new horizon before the next decision */
    lsn_t rglsnHorizon[CACHE_HORIZON_MAX];   /* open horizons, oldest first */
    uint32_t clsnHorizon;
    lsn_t lsnSafe;              /* the last redo point handed out */

    /* Dirty list, ordered by lsnOldest (= by seqDirty). */
    struct os_mutex mtxDirty;
    struct cache_frame *pfrDirtyFirst, *pfrDirtyLast;
    uint32_t cDirty;
    uint64_t seqNext;
    uint64_t seqFlushPass;
    JET_ERR errWrite;           /* the background writer's last failure (cleared by flush) */
    bool fDepthActive;          /* writer only: writing for the checkpoint depth */
};

struct cache {
    struct cache_part rgpart[CACHE_CPART];

    /* The pool: frame descriptors, budget, eviction clock. */
    struct os_mutex mtxPool;
    struct cache_frame **rgpframe;
    uint32_t cpframe, cpframeAlloc;
    uint32_t iHand;
    struct cache_frame *pfrFree;
    struct os_cond condPool;    /* evictors waiting for a pin to go (cEvictWaiters) */
    uint32_t cEvictWaiters;     /* atomic reads */
    uint64_t cbUsed;            /* read unlocked by the writer */
    uint64_t cbBudget;
    uint32_t cpgMin, cpgMax;
    uint32_t cbUnit;            /* largest registered page size */
    uint32_t cframe;            /* frames with a buffer */

    uint32_t cKept;             /* atomic: pins kept between calls (cache_keep_pin) */
    uint64_t tick;              /* advanced by every miss: LRU-K time */
    uint64_t cbDirty;           /* atomic */
    uint32_t cframeDirty;       /* atomic */
    uint64_t cRead, cWrite, cEvict;   /* atomic */

    /* Files: mtxFiles (condFiles signals cUse dropping). */
    struct os_mutex mtxFiles;
    struct os_cond condFiles;
    struct cache_file *pfileFirst;
    uint32_t iFileNext;

    /* Background writer. */
    struct os_mutex mtxWriter;
    struct os_cond condWriter;
    struct os_thread *thread;
    bool fStop;
    bool fWake;                 /* atomic hint: a wake-up is pending */
    uint32_t pctStart, pctStop;
    uint8_t *pbWriterScratch;   /* CACHE_WRITE_BATCH x PAGE_CB_MAX */

    /* Spare before-copy buffers (mtr), per page size. */
    struct os_mutex mtxBefore;
    uint8_t *rgpbBefore[4][CACHE_BEFORE_POOL];
    uint32_t rgcBefore[4];
};

static inline struct cache_part *frame_part(struct cache *cache, const struct cache_frame *fr)
{
    return &cache->rgpart[ALOAD(fr->hash) & (CACHE_CPART - 1)];
}

/* The latch word (README.md "Latches"). */
#define LATCH_X      0x80000000u    /* held exclusively */
#define LATCH_WX     0x40000000u    /* exclusive requests wait: new shared requests wait too */
#define LATCH_SLEEP  0x20000000u    /* a thread sleeps on the frame's cond until the word changes */
#define LATCH_SHARED 0x1FFFFFFFu    /* shared holders */
static inline uint32_t latch_word(const struct cache_frame *fr)
{
    return __atomic_load_n(&fr->latch, __ATOMIC_ACQUIRE);
}
/* A shared latch without the partition mutex (frame pinned): only while no one holds the page
 * exclusively or waits to. */
static inline bool latch_try_shared(struct cache_frame *fr)
{
    uint32_t v = __atomic_load_n(&fr->latch, __ATOMIC_RELAXED);
    while (!(v & (LATCH_X | LATCH_WX)))
        if (__atomic_compare_exchange_n(&fr->latch, &v, v + 1, true, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return true;
    return false;
}

/* ---- cache_frame.c ---- */
/* cache_get, telling whether the page was resident (CACHE_GET_NEW callers need to know whether
 * the frame's bytes are the page's). */
MUST_CHECK JET_ERR cache_get_int(struct cache_file *f, uint32_t pgno, enum cache_latch latch, unsigned flags,
                                 struct page_ref *ref, bool *pfResident);
/* Evict (writing dirty victims) until the buffers fit the bound again. */
MUST_CHECK JET_ERR cache_trim_to_budget(struct cache *cache);
/* Unregistering: unhash and free every frame of f (dirty ones are dropped, and taken off f's
 * dirty list so that an evictor still cleaning a neighbour never links to a freed frame);
 * returns how many were dirty. */
uint32_t cache_drop_file_frames(struct cache *cache, struct cache_file *f);
void frame_wake(struct cache_frame *fr);
void frame_wait(struct cache_part *part, struct cache_frame *fr);
/* Partition mutex held: drop one pin; true when the frame is DEAD and unpinned (free it with
 * frame_free after unlocking). */
bool frame_unpin_locked(struct cache_frame *fr);
void frame_free(struct cache *cache, struct cache_frame *fr);
/* A frame's last pin went: wake evictors waiting for one (no lock held). */
void cache_frame_released(struct cache *cache);
/* The verification error a frame read with CACHE_GET_NO_VERIFY carries (0 if sound). */
static inline JET_ERR frame_verify_error(const struct page_ref *ref) { return ref->frame->errVerify; }
void frame_set_verified(struct page_ref *ref);
/* Exclusive latch held on a page obtained with CACHE_GET_NEW that was not resident: the content
 * is not the page's; drop the frame when the latch is released. */
void frame_discard_on_release(struct page_ref *ref);

/* ---- cache_file.c ---- */
/* Mark a frame the caller holds exclusively as changed by the record at lsnOrder: lsnWal is what
 * the log must be durable through before the page is written (LSN_NONE when it already is, as
 * in redo, or without a log). f->mtxDirty must be held (mtr_commit holds mtxCommit too). */
void file_mark_dirty_locked(struct cache_file *f, struct cache_frame *fr, lsn_t lsnWal, lsn_t lsnOrder);
/* Take a frame off f's dirty list (no-op when clean). f->mtxDirty must be held. */
void file_mark_clean_locked(struct cache_file *f, struct cache_frame *fr);
/* Write one frame the caller holds exclusively and pinned (evictor): WAL, checksum in place,
 * write, mark clean. */
MUST_CHECK JET_ERR file_write_exclusive(struct cache_file *f, struct cache_frame *fr);
/* Background writer: write up to cMax dirty frames of f from the oldest; *pcWritten counts them. */
MUST_CHECK JET_ERR file_write_oldest(struct cache_file *f, uint8_t *pbScratch, uint32_t cMax,
                                     uint32_t *pcWritten);
/* Open a new full-image horizon (f->mtxCommit held). */
void file_open_horizon_locked(struct cache_file *f);
/* Log bytes between two LSNs, for the checkpoint depth. */
uint64_t file_lsn_distance(const struct cache_file *f, lsn_t lsnFrom, lsn_t lsnTo);
/* Ensures the log is durable through lsn (WAL rule). */
MUST_CHECK JET_ERR file_wal(struct cache_file *f, lsn_t lsn);
void cache_recompute_budget_locked(struct cache *cache);

/* ---- cache_writer.c ---- */
MUST_CHECK JET_ERR writer_start(struct cache *cache);
void writer_stop(struct cache *cache);
/* Called after frames became dirty: wakes the writer if the dirty threshold is crossed, or
 * anyway when fUrgent (a checkpoint depth exceeded, the bound shrank). */
void writer_poke(struct cache *cache, bool fUrgent);

/* ---- mtr.c: before-copy buffers ---- */
uint8_t *before_alloc(struct cache *cache, uint32_t cbPage);
void before_free(struct cache *cache, uint8_t *pb, uint32_t cbPage);
void before_pool_drain(struct cache *cache);

/* ---- mtr.c: the ranges of a page body (cache_format.h) ---- */
#define MTR_RANGES_INLINE 24u
struct mtr_ranges {
    uint32_t c;
    bool fOverflow;             /* more than MTR_RANGES_INLINE: found again when written */
    struct { uint32_t ib, cb; } rg[MTR_RANGES_INLINE];
};

#endif /* CACHE_INT_H */
