/* SPDX-License-Identifier: MIT
 * log/log_int.h: the log layer's private structures and helpers (not for other layers; the
 * layer's tests include it).
 * Layer: log (uses os, base).
 *
 * State machine of struct log (see README.md):
 *   OPEN     after log_open: generations found, end of the last one known; readers only.
 *   RUNNING  after log_start: genCur is `<base>.log`, open for writing; appends and flushes.
 *   FAILED   a write, sync or switch failed: errFail is returned by every append and flush;
 *            readers still work. Sticky until log_close.
 * Off mode (fOff) never leaves OPEN and touches no file. */
#ifndef LOG_INT_H
#define LOG_INT_H

#include "log.h"
#include "log_format.h"
#include "debug.h"
#include "utf.h"

/* ---- CRC32C (Castagnoli), log_crc.c ---- */

/* Continues crc over pv[0..cb): log_crc32c(log_crc32c(0, a), b) == log_crc32c(0, a || b). */
uint32_t log_crc32c(uint32_t crc, const void *pv, size_t cb);
/* The same by tables alone (log_crc32c uses the processor's CRC32 instruction when it has one);
 * for tests that compare the two. */
uint32_t log_crc32c_portable(uint32_t crc, const void *pv, size_t cb);

/* ---- names and paths, log_name.c ---- */

enum log_name_kind {
    LOG_NAME_NONE,
    LOG_NAME_CURRENT,      /* <base><ext>                 edb.log */
    LOG_NAME_TMP,          /* <base>tmp<ext>              edbtmp.log */
    LOG_NAME_ARCHIVE,      /* <base>XXXXX<ext>            edb0000A.log (5 or 8 hex digits) */
    LOG_NAME_RESERVE,      /* <base>resNNNNN.jrs          edbres00001.jrs (always 5 digits) */
    LOG_NAME_CHECKPOINT,   /* <base><chk ext>             edb.chk */
    LOG_NAME_CHECKPOINT_TMP, /* <base>tmp<chk ext>        edbtmp.chk, a new checkpoint file being made */
};

#define LOG_CCH_BASE_MAX 16
#define LOG_CCH_NAME_MAX (LOG_CCH_BASE_MAX + 32)

extern const ESENT_WCHAR log_ext_log[], log_ext_jtx[], log_ext_chk[], log_ext_jcp[], log_ext_jrs[];

/* Digits of an archive name for gen under JET_paramLegacyFileNames grbit (ESE's
 * LGSzLogIdAppend): 8 without JET_bitEightDotThreeSoftCompat, else 5 up to 0xFFFFF and 8 above. */
unsigned log_name_digits(uint32_t grbitLegacy, uint32_t gen);
/* wsz (LOG_CCH_NAME_MAX) <- the file name of that kind; ext is the log or checkpoint extension
 * (ignored for reserve files, which are always .jrs). */
void log_name_build(ESENT_WCHAR *wsz, const ESENT_WCHAR *wszBase, enum log_name_kind kind,
                    uint32_t gen, unsigned cDigits, const ESENT_WCHAR *wszExt);
/* What kind of log file name is (LOG_NAME_CURRENT, _TMP, _ARCHIVE with *pgen and *pcDigits,
 * _RESERVE with *pgen), matched case-insensitively as Windows does; LOG_NAME_NONE otherwise
 * (ESE's ErrLGGetGeneration rules: base, then exactly 5 or 8 hex digits, then the extension). */
enum log_name_kind log_name_parse(const ESENT_WCHAR *wszName, const ESENT_WCHAR *wszBase,
                                  const ESENT_WCHAR *wszExt, uint32_t *pgen, unsigned *pcDigits);
/* dir + separator (unless dir is empty or ends with one) + name, mem_alloc'd. */
MUST_CHECK JET_ERR log_path_join(const ESENT_WCHAR *wszDir, const ESENT_WCHAR *wszName, ESENT_WCHAR **pwsz);
/* mkdir of every folder of wszDir, outermost first (JET_paramCreatePathIfNotExist). */
MUST_CHECK JET_ERR log_mkdir_p(struct os_vfs *vfs, const ESENT_WCHAR *wszDir);

/* ---- LOGTIME and signature, log_file.c ---- */

void log_logtime_now(struct log_logtime_disk *lt);
void log_signature_new(uint8_t signLog[LOG_CB_SIGNATURE]);

/* ---- file headers, log_file.c ---- */

/* Host-order view of a log file header. */
struct log_hdr {
    uint32_t gen;
    uint32_t cbFile;
    uint32_t cbSector;
    uint32_t cbMaxWrite;
    lsn_t lsnPrevEnd;
    uint8_t tmCreate[8];
    uint8_t tmPrevGen[8];
    uint8_t signLog[LOG_CB_SIGNATURE];
};
void log_hdr_serialize(const struct log_hdr *h, uint8_t *pb /* sizeof(struct log_file_header) */);
/* Checks checksum, magic, version and field ranges against the real file size cbActual:
 * JET_errLogFileCorrupt when any is wrong. */
MUST_CHECK JET_ERR log_hdr_parse(const uint8_t *pb, size_t cb, uint64_t cbActual, struct log_hdr *h);
/* Reads and parses the header of an open file. */
MUST_CHECK JET_ERR log_hdr_read(struct os_file *f, struct log_hdr *h);

/* ---- the log object ---- */

/* One generation of the stream, as far as readers need to know. */
struct log_gen {
    uint32_t ibFirst;      /* first record (the file's cbSector) */
    uint32_t ibEnd;        /* end of its records; for genCur while running, see ibWritten */
    uint8_t cDigits;       /* digits of its archive name (5 or 8) */
};

struct log {
    struct log_config cfg;            /* strings below are our own copies */
    ESENT_WCHAR *wszLogDir, *wszSysDir;
    ESENT_WCHAR wszBase[LOG_CCH_BASE_MAX + 1];
    const ESENT_WCHAR *wszExt, *wszChkExt;
    bool fOff;

    bool fSign;                       /* signLog is set (an existing log, or after log_start) */
    uint8_t signLog[LOG_CB_SIGNATURE];
    uint32_t crcSeed;                 /* log_crc32c(0, signLog) */

    /* Generations [genMin, genLast]; rggen[g - genMin]. genLast is genCur once running. Changed
     * under mu (switch, circular deletion); readers look under mu. */
    uint32_t genMin, genLast;
    struct log_gen *rggen;
    uint32_t cgenAlloc;
    uint8_t tmCreateLast[8];          /* tmCreate of genLast: the next header's tmPrevGen */
    bool fCurFileExists;              /* at open: <base>.log is there (else crash mid-switch) */
    lsn_t lsnEndOfData;               /* at open */
    bool fCleanEnd;
    uint32_t cReaders;                /* open readers (log_start and close need none) */

    /* checkpoint (muChk; the published redo point is atomic) */
    struct os_mutex muChk;
    bool fChkFound;
    uint64_t seqChk;
    lsn_t lsnRedoChk;
    void *pvChkData;
    size_t cbChkData;
    lsn_t lsnRedoPublished;           /* atomic */

    /* writer state: mu protects everything below; cv signals every change */
    struct os_mutex mu;
    struct os_cond cv;
    bool fRunning;
    JET_ERR errFail;                  /* < 0: FAILED */
    struct os_file *fileCur;          /* <base>.log; used without mu by the leader or switcher only */
    uint32_t genCur, cbFileCur, cbSectorCur;
    uint32_t ibNext;                  /* where the next record goes */
    uint32_t ibWritten;               /* durable end: a multiple of cbSectorCur */
    uint8_t *pbRing;                  /* bytes of [ibWritten, ibNext) at ring[ib % cbRing] */
    uint32_t cbRing;
    uint32_t cbRecMax;
    bool fLeader;                     /* a flush is writing */
    bool fSwitching;                  /* a generation switch owns the writer */
    uint32_t cCurReaders;             /* readers reading fileCur right now */
    struct os_mutex muRes;            /* the reserve files (creation and use) */
    uint32_t cReserve;                /* reserve files known to exist */
    bool fQuiesce;                    /* running on a reserve file, or reserves missing */
    lsn_t lsnFlushed, lsnNext;        /* atomic mirrors for the lock-free getters */
};

static inline uint32_t log_align_up(uint32_t v, uint32_t a) { return (v + a - 1) & ~(a - 1); }
static inline uint32_t log_align_down(uint32_t v, uint32_t a) { return v & ~(a - 1); }
static inline bool log_is_pow2(uint32_t v) { return v && !(v & (v - 1)); }

/* ---- helpers shared by log_open.c, log_write.c and log_chk.c ---- */

/* mem_alloc'd path of a file of this log. */
MUST_CHECK JET_ERR log_file_path(struct log *log, enum log_name_kind kind, uint32_t gen, ESENT_WCHAR **pwsz);
/* Make rggen cover [genMin, gen] (new entries zeroed). Under mu when running. */
MUST_CHECK JET_ERR log_gens_reserve(struct log *log, uint32_t gen);
static inline struct log_gen *log_gen_at(struct log *log, uint32_t gen) { return &log->rggen[gen - log->genMin]; }

/* Is the record whose frame (8 bytes) and payload (its length as the frame says, already
 * bounds-checked by the caller) were read at ib of generation gen intact, and does it end by
 * ibLimit? 1 (type and payload length stored) or 0. */
int log_frame_check(uint32_t crcSeed, uint32_t gen, uint32_t ib, const uint8_t *pbFrame,
                    const uint8_t *pbPayload, uint32_t ibLimit, uint8_t *ptype, uint32_t *pcb);

/* Scan generation gen's file f (header h) from ibFrom for the end of its records: *pibEnd the
 * first position without an intact record, *ptypeLast the type of the last record before it
 * other than PAD (0 if none). With fLast, a valid frame found at a sector start further than h->cbMaxWrite past
 * that end is corruption (JET_errLogFileCorrupt): durable records lie behind the damage. */
MUST_CHECK JET_ERR log_scan_end(uint32_t crcSeed, struct os_file *f, const struct log_hdr *h,
                                uint32_t ibFrom, bool fLast, uint32_t *pibEnd, uint8_t *ptypeLast);

/* Checkpoint file, log_chk.c. Reads it at open (no file: *pfFound false). */
MUST_CHECK JET_ERR log_chk_read(struct log *log, bool *pfFound, uint8_t signLog[LOG_CB_SIGNATURE]);
/* Writes a checkpoint (both copies). fFresh: a new file (made under a temporary name, then
 * renamed over whatever was there), for a new log or one that had no checkpoint. */
MUST_CHECK JET_ERR log_chk_write(struct log *log, bool fFresh, lsn_t lsnRedo, lsn_t lsnKeep, const void *pv, size_t cb);

/* Writer, log_write.c. */
MUST_CHECK JET_ERR log_writer_start(struct log *log);
void log_writer_close(struct log *log);
/* The os_file to read generation gen through while running (the writer's for genCur: then
 * *pfCur is true and log_cur_release must follow the read). NULL file: open it yourself. */
void log_cur_acquire(struct log *log, uint32_t gen, struct os_file **pf, bool *pfCur, uint32_t *pibEnd);
void log_cur_release(struct log *log);

#endif /* LOG_INT_H */
