/* SPDX-License-Identifier: MIT
 * cache/cache.h: the buffer cache and mini-transactions.
 * Layer: cache (uses page for checksums and header fields, log for the write-ahead rule, os).
 * Used by space, btree, recovery, isam.
 *
 * The cache holds database pages in frames, bounded by JET_paramCacheSizeMax; frames are found by
 * (file, pgno). A frame is pinned while a caller holds a reference and latched shared (readers) or
 * exclusive (one writer). Unpinned frames are evicted by LRU-K (K = 2: the second-to-last access
 * decides, so a one-off scan does not flush the hot set). A dirty frame is written before its
 * buffer is reused, and never before the log is durable through the frame's LSN (the write-ahead
 * rule). A background writer keeps the number of dirty frames and the checkpoint depth bounded.
 *
 * Pages are checksummed when written and verified when read: a bad checksum gives
 * JET_errReadVerifyFailure and the page number in the trace. A page is never handed out
 * unverified, except to recovery (CACHE_GET_NO_VERIFY), which overwrites it from the log.
 *
 * Every change goes through a mini-transaction (struct mtr): see src/README.md. Latch order:
 * parent before child, left sibling before right; an mtr holds at most MTR_MAX_PAGES pages.
 * A thread never asks for a second latch on a page it already holds (a waiting writer blocks new
 * readers, so that would deadlock); mtr_get returns a page the mtr holds instead.
 * src/cache/README.md has the frame state machine, the locking rules and the record format. */
#ifndef CACHE_H
#define CACHE_H

#include "base.h"
#include "os.h"
#include "log.h"

struct cache;
struct cache_file;
struct cache_frame;

/* The process's cache (ESE's is process-wide: JET_paramCacheSizeMin/Max are global).
 * cpgMax counts frames of the largest page size in use: the cache holds at most
 * cpgMax x (largest cbPage among the registered files, 4096 when none) bytes of page buffers,
 * each frame charging its own page size (with one page size, as ESE has, at most cpgMax frames).
 * Frames are allocated on demand; cpgMin is accepted for ESE's sake (nothing is ever trimmed
 * below the bound, so it needs no action). Starts the background writer thread. */
MUST_CHECK JET_ERR cache_create(uint32_t cpgMin, uint32_t cpgMax, struct cache **ppcache);
/* All files must have been unregistered. Stops the background writer. */
void cache_destroy(struct cache *cache);
/* JET_paramCacheSizeMax may change at run time; shrinking evicts (writing dirty frames). */
MUST_CHECK JET_ERR cache_resize(struct cache *cache, uint32_t cpgMin, uint32_t cpgMax);
/* JET_paramStartFlushThreshold / JET_paramStopFlushThreshold as percentages of the cache: the
 * background writer starts writing dirty frames when the frames it could reuse without a write
 * fall below pctStart percent of the bound (dirty frames above 100 - pctStart percent), and stops
 * once they are back above pctStop percent. ESE's defaults are 1 and 2 (cache_create uses them).
 * pctStart 0 turns threshold writing off (tests); the checkpoint depth bound still applies. */
void cache_set_flush_thresholds(struct cache *cache, uint32_t pctStart, uint32_t pctStop);

/* Counters for tests, benchmarks and JetGetThreadStats-style reporting. */
struct cache_stats {
    uint64_t cbBudget;         /* the bound: cpgMax x the largest registered page size */
    uint64_t cbUsed;           /* page buffers allocated (never above cbBudget) */
    uint32_t cframe;           /* frames holding a page buffer */
    uint32_t cframeDirty;
    uint64_t cHit, cMiss;      /* cache_get finding / not finding the page resident */
    uint64_t cRead, cWrite;    /* page reads and writes issued */
    uint64_t cEvict;           /* frames taken from one page for another */
};
void cache_get_stats(struct cache *cache, struct cache_stats *pstats);

struct cache_file_desc {
    struct os_file *file;
    uint32_t cbPage;           /* 4096, 8192, 16384 or 32768 */
    uint32_t dbid;             /* names the file in log records */
    struct log *log;           /* write-ahead rule and mtr records; NULL when logging is off */
    uint64_t *pdbtime;         /* the database's dbtime counter (atomic); mtrs take new values from it,
                                  cache_redo raises it to the newest dbtime it applies */
    bool fReadOnly;            /* no mtr, no write-back */
    uint64_t cbCheckpointDepthMax; /* JET_paramCheckpointDepthMax: the background writer keeps the
                                  oldest unwritten change within this many log bytes of the log's
                                  end (0: no bound) */
    uint32_t cbLogFile;        /* log file size (JET_paramLogFileSize), to measure that depth
                                  across generations (0: 5 MiB, ESE's default) */
};

/* Register an open database file. The cache does not own desc->file. */
MUST_CHECK JET_ERR cache_file_register(struct cache *cache, const struct cache_file_desc *desc,
                                       struct cache_file **ppfile);
/* Write every dirty page of the file (log first) and sync it. */
MUST_CHECK JET_ERR cache_file_flush(struct cache_file *f);
/* Forget the file's frames. Dirty frames are discarded (a dirty shutdown leaves the database to
 * recovery); call cache_file_flush first for a clean one. No frame of the file may be pinned. */
void cache_file_unregister(struct cache_file *f);
/* LSN of the oldest change not yet on disk (LSN_MAX if the file is clean): the checkpoint may
 * not move past it. It is a bound, not a redo point by itself: use cache_file_checkpoint. */
lsn_t cache_file_oldest_dirty_lsn(struct cache_file *f);
/* The checkpoint's part for this file. Returns in *plsnRedo the LSN recovery of this file may
 * start from: every change logged before it is written (and synced by this call), and every
 * page's first record at or after it holds a full image (the torn-page rule of src/README.md).
 * It is at most cache_file_oldest_dirty_lsn(f). It also opens a new full-image horizon at the log's
 * current end, so that the next call can return a later point: the checkpointer calls this for
 * every file, then log_checkpoint(min of the results, ...). See README.md "Checkpoints". */
MUST_CHECK JET_ERR cache_file_checkpoint(struct cache_file *f, lsn_t *plsnRedo);
/* Pages in the file as the cache knows it (grows with cache_file_extend). */
uint32_t cache_file_cpg(const struct cache_file *f);
/* The database's dbtime counter now (0 for a read-only file, whose pages never change). Every
 * change to a page of f takes a new value before the page's latch goes (mtr_commit), so when two
 * reads of it are equal no page of f changed in between: readers use it to keep what they copied
 * from a page (a value read before the copy was taken). */
uint64_t cache_file_dbtime(const struct cache_file *f);
/* The counter itself, for readers that load it often (atomically, acquire): a read-only file's
 * is a constant 0. */
const uint64_t *cache_file_dbtime_counter(const struct cache_file *f);
/* Grow the file to cpg pages (zero-filled); the caller logs the growth. Never shrinks. */
MUST_CHECK JET_ERR cache_file_extend(struct cache_file *f, uint32_t cpg);
uint32_t cache_file_cb_page(const struct cache_file *f);

/* ---- page references ---- */

enum cache_latch { CACHE_LATCH_NONE, CACHE_LATCH_SHARED, CACHE_LATCH_EXCLUSIVE };

enum cache_get_flags {
    CACHE_GET_NEW       = 0x1,   /* the page will be written from scratch: do not read it (a page
                                    not resident comes zeroed; beyond the end of the file it
                                    raises cache_file_cpg) */
    CACHE_GET_NO_VERIFY = 0x2,   /* recovery: hand out a page even if its checksum is bad or it
                                    is all zero */
    CACHE_GET_NO_WAIT   = 0x4,   /* fail with ERR_LATCH_CONFLICT instead of waiting */
};

struct page_ref {
    struct cache_frame *frame;
    uint8_t *buf;
    uint32_t pgno;
    uint8_t latch;               /* enum cache_latch */
    bool fSound;                 /* exclusive latch: the page passed page_is_sound when latched
                                    (read and verified, or left so by an mtr whose writer
                                    vouched for it: mtr_set_page_sound) */
    bool fKept;                  /* a pin kept between calls (cache_keep_pin) */
};
#define PAGE_REF_NONE ((struct page_ref){ NULL, NULL, 0, CACHE_LATCH_NONE, false, false })

/* Pin and latch page pgno (1-based database page number, ESE-FORMAT-NOTES §1). CACHE_LATCH_NONE
 * only pins. Errors: JET_errFileIOBeyondEOF (pgno past cache_file_cpg, without CACHE_GET_NEW),
 * JET_errDatabaseCorrupted (pgno 0, or a page that fails validation), JET_errReadVerifyFailure /
 * JET_errReadPgnoVerifyFailure (checksum), JET_errPageNotInitialized (an all-zero page: never
 * written, or beyond what was ever allocated), JET_errOutOfBuffers (every frame pinned),
 * ERR_LATCH_CONFLICT (CACHE_GET_NO_WAIT), I/O and log errors of writing a dirty victim. */
MUST_CHECK JET_ERR cache_get(struct cache_file *f, uint32_t pgno, enum cache_latch latch,
                             unsigned flags, struct page_ref *ref);
/* Unlatch and unpin; a no-op on PAGE_REF_NONE. */
void cache_put(struct page_ref *ref);
/* Shared to exclusive without waiting; false when other readers hold the page. */
bool cache_try_upgrade(struct page_ref *ref);
/* Kept pins: a reader that will come back to the same page (a cursor stepping through a leaf)
 * keeps it pinned between calls and latches it again without a lookup or a mutex.
 * cache_keep_pin turns a shared-latched reference into a pinned one (CACHE_LATCH_NONE: the frame
 * keeps its page, whose bytes may change; the holder checks them again, by dbtime, after
 * relatching). false, with the reference unchanged, when the cache already keeps as many such
 * pins as it allows (an eighth of its bound, so eviction always has frames to choose from): the
 * caller then puts the reference as usual. cache_put drops a kept pin. */
bool cache_keep_pin(struct page_ref *ref);
/* A shared latch on a kept pin, taken without waiting: false when a writer holds the page or
 * waits for it (the reference is unchanged: put it and get the page again). */
bool cache_relatch_shared(struct page_ref *ref);

/* ---- mini-transactions ---- */

#define MTR_MAX_PAGES 16

struct mtr_slot {
    struct page_ref ref;
    uint8_t *before;             /* copy taken at the first exclusive latch (for new pages: the
                                    resident content, kept for mtr_abort; NULL if none) */
    bool fNew;                   /* logged as a full image */
    bool fModified;
    uint32_t pgno;               /* ref.pgno, kept after the release */
    bool fSoundAgain;            /* handed out again (mtr_get): mtr_page_sound no longer vouches */
    bool fSoundAfter;            /* mtr_set_page_sound: the changed page is sound */
    uint64_t dbtimeAfter;        /* the dbtime mtr_commit stamped (modified pages) */
};

struct mtr {
    struct cache_file *file;
    uint32_t cslot;
    struct mtr_slot slot[MTR_MAX_PAGES];
    const void *pvUndo;          /* undo payload carried by the record (isam's format) */
    size_t cbUndo;
    uint32_t cslotCommitted;     /* after a successful commit: the slots it had (read by
                                    mtr_committed_dbtime) */
};

void mtr_begin(struct mtr *m, struct cache_file *f);
/* Latch a page inside the mtr. An exclusive latch copies the page first, so the mtr can diff
 * it at commit and restore it at abort. Getting a page the mtr already holds returns it; asking
 * for exclusive on a page held shared upgrades it if no one else reads it, else ERR_LATCH_CONFLICT
 * (release and retry: waiting could deadlock with another upgrader). JET_errPermissionDenied
 * for an exclusive latch on a read-only file. */
MUST_CHECK JET_ERR mtr_get(struct mtr *m, uint32_t pgno, enum cache_latch latch, uint8_t **ppbuf);
/* The same with cache_get flags (CACHE_GET_NO_WAIT: ERR_LATCH_CONFLICT instead of waiting). */
MUST_CHECK JET_ERR mtr_get_ex(struct mtr *m, uint32_t pgno, enum cache_latch latch, unsigned flags,
                              uint8_t **ppbuf);
/* A page the mtr writes from scratch (newly allocated); zeroed, latched exclusively. */
MUST_CHECK JET_ERR mtr_new(struct mtr *m, uint32_t pgno, uint8_t **ppbuf);
/* An exclusively latched page (not new) that passed page_is_sound when latched and that no one
 * else got from this mtr since: a page_buf on it may start with fSound set. */
bool mtr_page_sound(const struct mtr *m, uint32_t pgno);
/* The caller changed the page only through page mutators on a sound page_buf: the frame stays
 * sound after commit (without this, a changed page is checked again by its next writer). */
void mtr_set_page_sound(struct mtr *m, uint32_t pgno);
/* Mark a latched page as changed by the caller (the mtr diffs only pages marked). */
void mtr_set_modified(struct mtr *m, uint32_t pgno);
/* Release a page early; only for pages the mtr did not change. */
void mtr_release(struct mtr *m, uint32_t pgno);
/* The undo payload for this change (copied into the log record at commit). */
void mtr_set_undo(struct mtr *m, const void *pv, size_t cb);
/* Stamp dbtimes, log one LOG_REC_PAGES record, mark frames dirty, release everything.
 * *plsn (may be NULL) receives the record's LSN (LSN_NONE when nothing was logged: no page
 * changed and no undo payload, or the file has no log). On failure (the log is full or failed)
 * every page is restored as at mtr_abort and the error returned: the instance must then stop. */
MUST_CHECK JET_ERR mtr_commit(struct mtr *m, lsn_t *plsn);
/* Put every changed page back as it was and release everything. */
void mtr_abort(struct mtr *m);
/* After a successful mtr_commit (and before the next mtr_begin): the dbtime the commit stamped
 * on page pgno. false if the mtr did not change that page. The page may have changed again
 * since (its latch is gone): callers use the value as a hint, valid while the page keeps it. */
bool mtr_committed_dbtime(const struct mtr *m, uint32_t pgno, uint64_t *pdbtime);

/* ---- recovery ---- */

/* Apply the page part of a LOG_REC_PAGES record to file f (the record's dbid names f; the caller
 * maps it). Pages already at or past the record's dbtime are skipped; a page that is neither
 * before nor after the record gives JET_errDatabaseCorrupted. A full image is applied to any page
 * older than it, including one that fails verification (torn by a crash) or lies past the end of
 * the file; a delta to a page that fails verification is passed over (redo may start before the
 * horizon, where deltas precede the image that rebuilds it; a page no image repairs keeps failing
 * verification, JET_errReadVerifyFailure wherever it is read). Changed
 * pages become dirty with the record's LSN (write them with cache_file_flush). A malformed record
 * gives JET_errLogFileCorrupt and changes nothing. *ppvUndo and *pcbUndo (may be NULL) receive the
 * record's undo payload (inside rec). */
MUST_CHECK JET_ERR cache_redo(struct cache_file *f, const struct log_record *rec,
                              const void **ppvUndo, size_t *pcbUndo);
/* The undo payload of a LOG_REC_PAGES record, without applying anything (recovery's undo pass
 * reads records it has already redone). NULL/0 when it has none. */
MUST_CHECK JET_ERR cache_record_undo(const struct log_record *rec, const void **ppvUndo, size_t *pcbUndo);
/* The dbid named by a LOG_REC_PAGES record (JET_errLogFileCorrupt if the record is malformed). */
MUST_CHECK JET_ERR cache_record_dbid(const struct log_record *rec, uint32_t *pdbid);

#endif /* CACHE_H */
