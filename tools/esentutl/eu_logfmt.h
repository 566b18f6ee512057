/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_logfmt.h: the headers of the log files and checkpoint files Windows' ESE
 * writes, as /ml and /mk read them, and the table that picks a reader for a file.
 *
 * Our engine writes its own log and checkpoint formats (src/log, ESE-FORMAT-NOTES §15); Windows
 * writes ESE's. Both go by the same names (<base>.log, <base>XXXXX.log, <base>.chk), so /ml and
 * /mk look at the file's first bytes and hand it to the reader that claims it (eu_logfmt_find).
 * A format is one entry in that table: ours (recognized by its magic; its dump waits for src/log
 * to export its readers) and Windows' ESE format, which also takes any file nobody claims (and
 * then reports it damaged, as Windows does).
 *
 * The layouts below are facts of ESE's format (sizes and offsets checked against Windows-made
 * files: the SRUM sample's SRU*.log and SRU.chk). Every field is little-endian and byte-aligned;
 * read them only through the le*_get accessors, on a buffer known to hold the whole header. */
#ifndef EU_LOGFMT_H
#define EU_LOGFMT_H

#include "esentutl.h"
#include "le.h"

/* ---- ESE's persisted structures ------------------------------------------------------------ */

#define ESE_FILETYPE_LOG        3u      /* JET_filetypeLog, the u32 at 667 of every ESE header */
#define ESE_FILETYPE_CHECKPOINT 4u      /* JET_filetypeCheckpoint */
#define ESE_CB_LOG_HEADER       4096u   /* the log file header occupies its first 4 KiB */
#define ESE_CB_CHECKPOINT       4096u   /* a checkpoint copy; the shadow copy follows it */
#define ESE_CB_ATTACH_LIST      2048u   /* attached-database list after each fixed header */
#define ESE_HEADER_SEED         0x89ABCDEFu /* checksum seed: XOR of every u32 after the first */

/* PERSISTED: DBMS_PARAM, the instance's settings recorded in log and checkpoint headers. */
struct ese_dbms_param_disk {
    uint8_t szSystemPath[261];      /* narrow, NUL-terminated, for diagnosis only */
    uint8_t szLogFilePath[261];
    uint8_t fFlags;                 /* ESE_DBMS_CIRCULAR_LOGGING */
    le32 lSessionsMax;
    le32 lOpenTablesMax;
    le32 lVerPagesMax;
    le32 lCursorsMax;
    le32 lLogBuffers;
    le32 lcsecLGFile;
    le32 ulCacheSizeMax;
    uint8_t rgbReserved[16];
};
_Static_assert(sizeof(struct ese_dbms_param_disk) == 567, "DBMS_PARAM");
#define ESE_DBMS_CIRCULAR_LOGGING 0x01u

/* PERSISTED: LGFILEHDR_FIXED, at offset 0 of every log file; the attach list follows at 671. */
struct ese_lgfilehdr_disk {
    le32 ulChecksum;                /*   0 */
    le32 lGeneration;               /*   4 */
    le16 cbSec;                     /*   8: bytes per sector */
    le16 csecHeader;                /*  10: header size in sectors */
    le16 csecLGFile;                /*  12: file size in sectors */
    le16 cbPageSize;                /*  14: database page size (0 means 4096) */
    uint8_t tmCreate[8];            /*  16: LOGTIME this file was created */
    uint8_t tmPrevGen[8];           /*  24: LOGTIME the previous generation was created */
    le32 ulMajor;                   /*  32: log format version */
    le32 ulMinor;                   /*  36 */
    le32 ulUpdateMajor;             /*  40 */
    uint8_t signLog[28];            /*  44: SIGNATURE of the log stream */
    struct ese_dbms_param_disk dbms_param; /* 72 */
    uint8_t fLGFlags;               /* 639: ESE_LGFLAG_* */
    uint8_t lgposCheckpoint[8];     /* 640: LGPOS of the checkpoint when the file was created */
    le32 ulUpdateMinor;             /* 648 */
    uint8_t bDiskSecSizeMismatch;   /* 652: ESE_DISKSEC_* */
    le64 checksumPrevLogAllSegments;/* 653: accumulated segment checksum of the previous file */
    le32 efvEngineCurrent;          /* 661: engine format version of the writer (diagnostic) */
    uint8_t rgbReserved[2];         /* 665 */
    le32 filetype;                  /* 667: ESE_FILETYPE_LOG (0 in very old logs) */
};
_Static_assert(sizeof(struct ese_lgfilehdr_disk) == 671, "LGFILEHDR_FIXED");
_Static_assert(offsetof(struct ese_lgfilehdr_disk, fLGFlags) == 639, "LGFILEHDR.fLGFlags");
_Static_assert(offsetof(struct ese_lgfilehdr_disk, filetype) == 667, "LGFILEHDR.filetype");

#define ESE_LGFLAG_RESERVED_LOG      0x01u  /* this is one of the reserve (.jrs) files put in use */
#define ESE_LGFLAG_CIRCULAR_CURRENT  0x02u  /* circular logging is on */
#define ESE_LGFLAG_CIRCULAR_HISTORY  0x04u  /* it was on for an earlier file */

/* bDiskSecSizeMismatch: the true sector size of the disk when it differed from cbSec. */
enum {
    ESE_DISKSEC_UNKNOWN = 0, ESE_DISKSEC_MATCHES = 1, ESE_DISKSEC_512 = 2, ESE_DISKSEC_1024 = 3,
    ESE_DISKSEC_2048 = 4, ESE_DISKSEC_4096 = 5, ESE_DISKSEC_DIFF = 255,
};

/* PERSISTED: CHECKPOINT_FIXED, at offset 0 of the checkpoint file and again at 4096 (shadow);
 * the attach list follows at 679. */
struct ese_checkpoint_disk {
    le32 ulChecksum;                        /*   0 */
    uint8_t lgposLastFullBackupCheckpoint[8];/*  4 */
    uint8_t lgposCheckpoint[8];             /*  12: where recovery starts */
    uint8_t signLog[28];                    /*  20 */
    struct ese_dbms_param_disk dbms_param;  /*  48 */
    uint8_t lgposFullBackup[8];             /* 615 */
    uint8_t logtimeFullBackup[8];           /* 623 */
    uint8_t lgposIncBackup[8];              /* 631 */
    uint8_t logtimeIncBackup[8];            /* 639 */
    uint8_t fVersion;                       /* 647: ESE_CHECKPOINT_ATTACH_INFO when the list is kept */
    uint8_t lgposDbConsistency[8];          /* 648 */
    uint8_t rgbReserved1[11];               /* 656 */
    le32 filetype;                          /* 667: ESE_FILETYPE_CHECKPOINT */
    uint8_t rgbReserved2[8];                /* 671 */
};
_Static_assert(sizeof(struct ese_checkpoint_disk) == 679, "CHECKPOINT_FIXED");
_Static_assert(offsetof(struct ese_checkpoint_disk, filetype) == 667, "CHECKPOINT.filetype");

/* PERSISTED: ATTACHINFO, one per attached database, packed one after the other; a dbid of 0
 * ends the list. The database's name (cbNames bytes, UTF-16 when ESE_ATTACH_UNICODE_NAMES)
 * follows each entry. */
struct ese_attachinfo_disk {
    uint8_t dbid;                   /*  0 */
    uint8_t fFlags;                 /*  1: ESE_ATTACH_* */
    le16 cbNames;                   /*  2 */
    le64 dbtime;                    /*  4 */
    le32 objidLast;                 /* 12 */
    le32 cpgDatabaseSizeMax;        /* 16 */
    uint8_t lgposAttach[8];         /* 20 */
    uint8_t lgposConsistent[8];     /* 28 */
    uint8_t signDb[28];             /* 36 */
};
_Static_assert(sizeof(struct ese_attachinfo_disk) == 64, "ATTACHINFO");
#define ESE_ATTACH_UNICODE_NAMES 0x20u
#define ESE_ATTACH_SPARSE_FILE   0x40u

/* An LGPOS as stored (ib, isec, lGeneration). */
struct eu_lgpos { uint16_t ib, isec; int32_t lGeneration; };
static inline struct eu_lgpos eu_lgpos_get(const uint8_t rgb[8])
{
    struct eu_lgpos p = { get_le16(rgb), get_le16(rgb + 2), (int32_t)get_le32(rgb + 4) };
    return p;
}

/* The checksum an ESE header of cb bytes must carry (log, checkpoint and database headers). */
uint32_t eu_ese_header_checksum(const uint8_t *pb, size_t cb);

/* One attached database from a list of cbList bytes. *pib is the entry's offset; it is moved to
 * the next entry. Returns JET_errSuccess with *pfEnd set at the end of the list, and
 * JET_errLogFileCorrupt when an entry or its name runs past the list (the caller maps that to its
 * own file's error). The name is converted for the console into szName. */
struct eu_attach {
    uint8_t dbid, fFlags;
    uint64_t dbtime;
    uint32_t objidLast, cpgDatabaseSizeMax;
    struct eu_lgpos lgposAttach, lgposConsistent;
    uint8_t signDb[28];
    char szName[1040];
};
MUST_CHECK JET_ERR eu_ese_attach_next(const uint8_t *pbList, size_t cbList, size_t *pib, struct eu_attach *pa, bool *pfEnd);

/* ---- choosing a reader ---------------------------------------------------------------------- */

/* A log-stream format esentutl can dump. fClaims looks at the first cb bytes of the file (at
 * least ESE_CB_LOG_HEADER when the file is that long). */
struct eu_logfmt {
    const char *szName;
    bool (*fClaimsLog)(const uint8_t *pb, size_t cb);
    bool (*fClaimsCheckpoint)(const uint8_t *pb, size_t cb);
    /* Print the body of /ml or /mk for szPath (whose first cb bytes are pb) and return the result. */
    JET_ERR (*dump_log)(const struct eu_opts *o, const char *szPath, const uint8_t *pb, size_t cb);
    JET_ERR (*dump_checkpoint)(const struct eu_opts *o, const char *szPath, const uint8_t *pb, size_t cb);
};
/* The reader for a log file (fCheckpoint false) or checkpoint file: the first format that claims
 * it, else Windows' ESE format. */
const struct eu_logfmt *eu_logfmt_find(const uint8_t *pb, size_t cb, bool fCheckpoint);

/* The engine's own format (eu_logown.c): the header and every record of a log file; a
 * checkpoint's header. */
MUST_CHECK JET_ERR eu_logown_dump_log(const struct eu_opts *o, const char *szPath, const uint8_t *pb, size_t cb);
MUST_CHECK JET_ERR eu_logown_dump_checkpoint(const struct eu_opts *o, const char *szPath, const uint8_t *pb, size_t cb);

/* What a set of logs is checked with (each file against the one before). */
struct eu_log_chain {
    uint32_t lGeneration;
    uint8_t tmCreate[8], tmPrevGen[8];
    uint8_t signLog[28];
};
/* Those fields of one of our log files (JET_errLogFileCorrupt: its header is damaged). */
MUST_CHECK JET_ERR eu_logown_chain(const uint8_t *pb, size_t cb, struct eu_log_chain *pc);

/* Windows' ESE log format (eu_logdump.c). */
extern const struct eu_logfmt eu_logfmt_ese;

#endif /* EU_LOGFMT_H */
