/* SPDX-License-Identifier: MIT
 * log/log.h: the transaction log: files, records, group commit, the checkpoint file.
 * Layer: log (uses os, base). Used by cache (write-ahead rule), isam, recovery.
 *
 * The log is a sequence of records, each identified by its LSN: (generation << 32) | byte offset
 * of the record in that generation's file. Generation g lives in `<base>.log` while it is the
 * current one and in `<base>XXXXX.log` (XXXXX = g in hex, 5 digits, as ESE names them; 8 when g
 * needs it) once it is full. `<base>.chk` in the system path is the checkpoint file;
 * `<base>res00001.jrs` and `<base>res00002.jrs` are reserve files kept so that a full disk can still
 * take the records that shut the instance down cleanly; `<base>tmp.log` is the next generation
 * while it is being prepared. JET_paramLegacyFileNames picks .log/.chk or .jtx/.jcp and 5 or 8
 * digits, as in ESE (log_config.grbitLegacyFileNames). The record and file formats are ours
 * (ESE-FORMAT-NOTES §15, log_format.h); the names and roles are ESE's. See src/README.md for the
 * design and src/log/README.md for this layer's invariants.
 *
 * Records are opaque to this layer except for their type byte: writers (cache's mini-transactions,
 * isam's transaction and database records) define their payloads. A record is never split across
 * files. Every record carries a CRC; the end of the log is the first record whose frame or CRC is
 * not intact (a torn tail after a crash).
 *
 * Durability: log_flush(lsn) returns once every record up to and including lsn is on stable
 * storage. Concurrent callers share one write and one sync (group commit): the first becomes the
 * leader and writes everything appended so far; the others wait for it. Each flush ends on a
 * sector boundary (the rest of the sector is padding), so a later flush never rewrites a sector
 * that holds durable records, and a torn write can only hit records that were never durable.
 *
 * Locking: appends take a short internal mutex (no I/O under it); flushes do I/O outside it.
 * All functions are thread-safe unless they say otherwise.
 *
 * Logging off (JET_paramRecovery "off", cfg.fRecoveryOff): log_open gives a handle that touches
 * no file. Appends succeed with *plsn = LSN_NONE, flushes and checkpoints succeed and do nothing,
 * log_flushed_lsn is LSN_MAX (so the write-ahead rule never waits), readers are at their end at
 * once. Every function also accepts a NULL log and behaves the same way, so a layer may keep a
 * NULL pointer when logging is off (cache_file_desc.log does).
 *
 * Failure: a failed write or sync of a log file, or a generation switch that finds no space even
 * in the reserve files, makes the log unusable for writing: every later append and flush returns
 * that error (JET_errLogWriteFail, JET_errLogDiskFull). Reading still works. */
#ifndef LOG_H
#define LOG_H

#include "base.h"
#include "os.h"

typedef uint64_t lsn_t;
#define LSN_NONE ((lsn_t)0)
#define LSN_MAX  (~(lsn_t)0)

static inline uint32_t lsn_generation(lsn_t lsn) { return (uint32_t)(lsn >> 32); }
static inline uint32_t lsn_offset(lsn_t lsn) { return (uint32_t)lsn; }
static inline lsn_t lsn_make(uint32_t gen, uint32_t ib) { return ((lsn_t)gen << 32) | ib; }

/* ESE's LGPOS (database header fields, JET_LGPOS): 512-byte sectors within a generation. */
struct log_lgpos { uint16_t ib; uint16_t isec; int32_t lGeneration; };
static inline struct log_lgpos log_lgpos_from_lsn(lsn_t lsn)
{
    struct log_lgpos p = { (uint16_t)(lsn_offset(lsn) % 512), (uint16_t)(lsn_offset(lsn) / 512), (int32_t)lsn_generation(lsn) };
    return p;
}

/* Record types. 0 is never used (zeroed space is not a record). */
enum log_record_type {
    LOG_REC_PAD          = 1,   /* filler to the end of a sector; skipped */
    LOG_REC_PAGES        = 2,   /* an mtr: page deltas / images (+ optional undo payload), cache layer */
    LOG_REC_TRX_BEGIN    = 3,   /* isam: a level-0 transaction starts */
    LOG_REC_TRX_COMMIT   = 4,   /* isam: level-0 commit */
    LOG_REC_TRX_ROLLBACK = 5,   /* isam: rollback finished (all undo done) */
    LOG_REC_DB_CREATE    = 6,   /* isam: a database file was created (path, dbid, page size) */
    LOG_REC_DB_ATTACH    = 7,   /* isam: attach (path, dbid) */
    LOG_REC_DB_DETACH    = 8,   /* isam: detach (dbid) */
    LOG_REC_DB_GROW      = 9,   /* isam/space: file size of a database changed (dbid, pages) */
    LOG_REC_CHECKPOINT   = 10,  /* a checkpoint was taken (informational; the .chk file rules) */
    LOG_REC_TERM         = 11,  /* clean shutdown of the log stream */
    LOG_REC_USER_MIN     = 32,  /* types >= this are free for upper layers */
};

struct log;

struct log_config {
    struct os_vfs *vfs;
    const ESENT_WCHAR *wszLogPath;      /* folder of the log files (JET_paramLogFilePath) */
    const ESENT_WCHAR *wszSystemPath;   /* folder of the checkpoint file (JET_paramSystemPath) */
    const ESENT_WCHAR *wszBaseName;     /* three characters (JET_paramBaseName), e.g. "edb" */
    uint32_t cbLogFile;                 /* size of each log file (JET_paramLogFileSize, in bytes) */
    uint32_t cbLogBuffer;               /* in-memory buffer (JET_paramLogBuffers x 512) */
    bool fCircular;                     /* JET_paramCircularLog: delete generations no longer needed */
    bool fCreatePath;                   /* JET_paramCreatePathIfNotExist */
    bool fRecoveryOff;                  /* JET_paramRecovery "off": no log at all; every call is a no-op */
    /* Added with the implementation: */
    uint32_t grbitLegacyFileNames;      /* JET_paramLegacyFileNames. ESENT's default is
                                         * JET_bitESE98FileNames | JET_bitEightDotThreeSoftCompat
                                         * (LOG_LEGACY_FILE_NAMES_ESENT): edb.log, edb.chk, 5 digits
                                         * up to 0xFFFFF. 0 gives edb.jtx, edb.jcp, 8 digits. */
    uint32_t cbSector;                  /* write unit of the log files (power of two, 512..65536);
                                         * 0: 4096, safe on 512e and 4Kn disks */
    bool fRestore;                      /* a log being restored (JetRestore, JetExternalRestore):
                                         * archives without `<base>.log` are a whole log (the
                                         * newest archive is the last generation), and the
                                         * checkpoint file is ignored (the first checkpoint
                                         * replaces it) */
};
#define LOG_LEGACY_FILE_NAMES_ESENT (JET_bitESE98FileNames | JET_bitEightDotThreeSoftCompat)

/* What the log found on disk when it was opened. */
struct log_state {
    bool fExisting;            /* there were log files (recovery may be needed) */
    bool fCleanEnd;            /* the last record is LOG_REC_TERM, or there is no log: nothing to recover */
    lsn_t lsnCheckpoint;       /* redo point from the checkpoint file (LSN_NONE: start of log) */
    lsn_t lsnEnd;              /* where the next record will go: log_start always begins a new
                                * generation (as ESE does at every init), so this is the first
                                * record of generation genMax + 1 (of generation 1 for a new log) */
    uint32_t genMin, genMax;   /* generations present (0, 0 when none) */
    uint8_t signLog[28];       /* the log stream's signature (ESE SIGNATURE layout; zero when none) */
    /* Added with the implementation: */
    lsn_t lsnEndOfData;        /* just past the last intact record found: recovery reads up to here
                                * (LSN_NONE when there is no log) */
};

/* Open or create the log described by cfg. Existing files are checked (headers, signatures,
 * contiguous generations: JET_errMissingLogFile, JET_errLogFileCorrupt, JET_errBadLogSignature ...)
 * and the end of the log found; nothing is written until log_start. Errors:
 *   JET_errMissingLogFile          a generation missing between the checkpoint and the last one,
 *                                  or no current log and no prepared next one
 *   JET_errLogGenerationMismatch   a file's header names another generation than its file name
 *   JET_errBadLogSignature         a file of another log stream among ours
 *   JET_errInvalidLogSequence      consecutive generations do not chain (creation times)
 *   JET_errLogFileCorrupt          a bad header, or damage found before the end of the last generation
 *   JET_errBadCheckpointSignature  the checkpoint file belongs to another log stream
 *   JET_errCheckpointCorrupt       both copies of the checkpoint are damaged, or it points past the end
 *   JET_errInvalidParameter        a bad configuration (sizes, names)
 * Without log files the checkpoint file is ignored (log_start replaces it). The strings of cfg
 * are copied. */
MUST_CHECK JET_ERR log_open(const struct log_config *cfg, struct log **pplog, struct log_state *pstate);
/* Begin appending (after recovery has read what it needs): creates the next generation (the
 * first one, and the checkpoint file, for a new log), archives the old current one, and creates
 * the reserve files. Every reader must be closed first. Folders are created here when
 * cfg.fCreatePath. */
MUST_CHECK JET_ERR log_start(struct log *log);
/* Append a record; *plsn receives its LSN. The payload is copied. Fails with JET_errLogDiskFull
 * (the instance must then shut down) or JET_errOutOfMemory; never blocks on I/O unless the buffer
 * is full. A record that does not fit in the rest of the current file starts the next generation
 * (the appender then waits for the switch). JET_errLogBufferTooSmall: cb > log_cb_record_max().
 * While the log runs on a reserve file (see log_check_state), LOG_REC_TRX_BEGIN, LOG_REC_DB_CREATE
 * and LOG_REC_DB_ATTACH fail with JET_errLogDiskFull: no new work starts, but what is under way
 * (updates, commits, rollbacks, detach, term) still gets logged. */
MUST_CHECK JET_ERR log_append(struct log *log, uint8_t type, const void *pv, size_t cb, lsn_t *plsn);
/* Two-part payloads without an intermediate copy (header + body). */
MUST_CHECK JET_ERR log_append2(struct log *log, uint8_t type, const void *pv1, size_t cb1,
                               const void *pv2, size_t cb2, lsn_t *plsn);
/* Make everything up to lsn durable (group commit): the record that starts at lsn, and every one
 * before it. LSN_MAX, or any lsn at or past log_end_lsn(): everything appended so far. */
MUST_CHECK JET_ERR log_flush(struct log *log, lsn_t lsn);
/* Every record whose LSN is below this is durable (write-ahead rule: a page whose last change
 * has LSN l may be written once l < log_flushed_lsn()). Before log_start: the end of what
 * log_open found (recovery may write the pages it redoes). */
lsn_t log_flushed_lsn(const struct log *log);
/* Where the next record will go (no record is there yet). */
lsn_t log_end_lsn(const struct log *log);
/* Close the current generation and start the next (JET_bitForceNewLog). */
MUST_CHECK JET_ERR log_new_generation(struct log *log);
/* ESE's ErrLGCheckState, for the start of new work: JET_errLogDiskFull while the log runs on a
 * reserve file (after first trying to create the reserve files again, in case space was freed),
 * the log's error once it failed, else success. */
MUST_CHECK JET_ERR log_check_state(struct log *log);
/* Largest payload log_append takes (limited by the log buffer, the file size and the frame). */
uint32_t log_cb_record_max(const struct log *log);
/* The log stream's signature (28 bytes, ESE SIGNATURE layout) for database headers' signLog;
 * zero bytes before log_start of a new log and when logging is off. */
void log_signature(const struct log *log, uint8_t signLog[28]);
/* Generations present: the oldest kept and the current (or last) one; 0, 0 when none. */
void log_generations(const struct log *log, uint32_t *pgenMin, uint32_t *pgenMax);

/* ---- checkpoint ---- */
/* The redo point: recovery starts here; full-page images are due for pages first changed after
 * it. The newest of: the checkpoint found at open (else the first record of the log), what
 * log_publish_redo_point and log_checkpoint were given. */
lsn_t log_redo_point(const struct log *log);
/* Make lsn the redo point for full-page-image decisions now, before the checkpoint that will
 * use it is written (PostgreSQL's RedoRecPtr): a page changed after this call, whose previous
 * change was before lsn, is logged whole. Never moves the redo point back. */
void log_publish_redo_point(struct log *log, lsn_t lsn);
/* Record a new checkpoint: the redo point (every page change before it is on disk) and opaque
 * data the isam layer needs at recovery (attached databases, active transactions). Flushes the
 * log through lsnRedo, writes the checkpoint file (two copies with checksums, so a torn write
 * leaves the other) and, with circular logging, deletes the generations wholly before
 * min(lsnRedo, lsnKeep) (never the current one; lsnKeep LSN_NONE: no transaction to keep). */
MUST_CHECK JET_ERR log_checkpoint(struct log *log, lsn_t lsnRedo, lsn_t lsnKeep, const void *pv, size_t cb);
/* The opaque data of the newest checkpoint (found at open, or written since; NULL/0 if none).
 * Valid until the next log_checkpoint or log_close. */
const void *log_checkpoint_data(const struct log *log, size_t *pcb);

/* ---- reading (recovery, esentutl /ml) ---- */
struct log_reader;
struct log_record {
    lsn_t lsn;
    uint8_t type;
    const uint8_t *pv;     /* payload, valid until the next log_reader_next */
    uint32_t cb;
};
/* A reader from lsnFrom (a record's LSN, or an end position such as a redo point; LSN_NONE: the
 * start of the log). JET_errMissingLogFile when lsnFrom lies before the oldest generation kept.
 * Before log_start the reader ends where log_open found the end (state.lsnEndOfData); after it,
 * at log_flushed_lsn() as of each call. PAD records are skipped. */
MUST_CHECK JET_ERR log_reader_open(struct log *log, lsn_t lsnFrom, struct log_reader **ppr);
/* JET_errSuccess with a record, JET_wrnNoMoreRecords-style end: returns 1 (> 0) at the end of the
 * log; JET_errLogFileCorrupt for damage before the end (and JET_errMissingLogFile for a file
 * gone since open). */
MUST_CHECK JET_ERR log_reader_next(struct log_reader *r, struct log_record *rec);
void log_reader_close(struct log_reader *r);

/* Write LOG_REC_TERM, flush, close the files (clean shutdown). Like fclose, it frees the log
 * whatever it returns: do not call log_close after it. Readers must be closed first. */
MUST_CHECK JET_ERR log_term(struct log *log);
/* Close without writing anything (dirty shutdown, failed instance) and free the log. Appended
 * records that were not flushed are lost. Readers must be closed first. */
void log_close(struct log *log);

/* Delete the archived generations below genBelow, oldest first (JetTruncateLog), never the
 * current one. Stops at the first file that cannot be deleted and returns its error
 * (JET_errFileAccessDenied while a reader has it open). */
MUST_CHECK JET_ERR log_truncate(struct log *log, uint32_t genBelow);

/* Information for JetGetLogInfo / JetGetLogInfoInstance2 and esentutl: the full paths of the
 * generations in [genMin, genMax] that are present (the current one as `<base>.log`), oldest
 * first. *prgwsz is one mem_alloc'd block (array and strings): free it with mem_free. */
MUST_CHECK JET_ERR log_file_names(struct log *log, uint32_t genMin, uint32_t genMax,
                                  ESENT_WCHAR ***prgwsz, uint32_t *pc);
/* The path of the checkpoint file and of a generation's file as this log names them
 * (mem_alloc'd); for tools and tests. */
MUST_CHECK JET_ERR log_checkpoint_path(struct log *log, ESENT_WCHAR **pwsz);
MUST_CHECK JET_ERR log_generation_path(struct log *log, uint32_t gen, ESENT_WCHAR **pwsz);

#endif /* LOG_H */
