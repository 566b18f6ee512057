/* SPDX-License-Identifier: MIT
 * page/page_format.h: the persisted layouts of the ESE database file: the database header
 * (DBFILEHDR), the page headers of small and large pages, the tag array entry and the root-page
 * external headers. Everything here is little-endian and byte-aligned (base/le.h wrappers), so the
 * structs have alignment 1 and mean the same on every host and under MinGW's layout rules.
 * Layer: page (uses base).
 *
 * Read and write fields only through le16_get/le32_get/le64_get and the _put forms, and only on a
 * buffer that is known to be large enough (a whole header or page). Anything at a variable position
 * (tags, nodes) is parsed with bounds checks in page_read.c, never by casting into a page.
 *
 * Sources: ESE-FORMAT-NOTES §2 (header), §3 (checksums), §4 (page header), §5 (tags, nodes),
 * §6 (external headers); checked against Microsoft's ESE (inc/daedef.hxx, inc/cpage.hxx,
 * inc/space.hxx, inc/fcb.hxx). */
#ifndef PAGE_FORMAT_H
#define PAGE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "le.h"

/* ---- Constants of the format ------------------------------------------------------------- */

#define PAGE_DB_MAGIC              0x89ABCDEFu  /* DBFILEHDR.ulMagic; also the old checksum seed */
#define PAGE_DB_VERSION            0x620u       /* ulVersion ("1568"), every ESE since ESE97 */
#define PAGE_DB_VERSION_500        0x500u       /* Exchange 5.0 era: JET_errDatabase500Format */
#define PAGE_DB_UPDATE_MAJOR_WRITE 0x14u        /* the revision we write (Windows 8..11 default) */
#define PAGE_DB_UPDATE_NEW_LV_CHUNK 0x11u       /* large pages need at least this (§10) */
#define PAGE_DB_CB_HEADER_USED     748u         /* sizeof(DBFILEHDR); the rest of page 0 is zero */
#define PAGE_DB_CPG_RESERVED       2u           /* header + shadow before database page 1 */

#define PAGE_FILETYPE_UNKNOWN      0u           /* JET_filetype*: the u32 at 667 (§2) */
#define PAGE_FILETYPE_DATABASE     1u
#define PAGE_FILETYPE_STREAMING    2u
#define PAGE_FILETYPE_TEMP_DB      5u

/* DBFILEHDR.dbstate (JET_dbstate*) */
#define PAGE_DBSTATE_JUST_CREATED          1u
#define PAGE_DBSTATE_DIRTY_SHUTDOWN        2u
#define PAGE_DBSTATE_CLEAN_SHUTDOWN        3u
#define PAGE_DBSTATE_BEING_CONVERTED       4u
#define PAGE_DBSTATE_FORCE_DETACH          5u
#define PAGE_DBSTATE_INC_RESEED            6u
#define PAGE_DBSTATE_DIRTY_AND_PATCHED     7u
#define PAGE_DBSTATE_REVERT_IN_PROGRESS    8u

/* DBFILEHDR flags word at 208: byte 0 and byte 3 (§2) */
#define PAGE_DBFLAG_SHADOWING_DISABLED     0x01u        /* byte 0 */
#define PAGE_DBFLAG_UPGRADE_DB             0x02u        /* byte 0 */
#define PAGE_DBFLAG_BUILD_ESENT_ATTACHED   0x01000000u  /* byte 3 */
#define PAGE_DBFLAG_BUILD_ESE_ATTACHED     0x02000000u  /* byte 3 */
#define PAGE_DBFLAG_BUILD_PRIVATE          0x04000000u  /* byte 3 */

/* Page sizes (§1). "Small" pages (<= 8 KiB) and "large" pages (16/32 KiB) differ in header size,
 * tag encoding and checksum layout; ESE decides by page size alone. */
#define PAGE_CB_MIN        4096u
#define PAGE_CB_MAX        32768u
#define PAGE_CB_SMALL_MAX  8192u
#define PAGE_CB_HDR_SMALL  40u
#define PAGE_CB_HDR_LARGE  80u

/* Page flags, the u32 at 36 (§4). */
#define PAGE_FLAG_ROOT              0x00001u
#define PAGE_FLAG_LEAF              0x00002u
#define PAGE_FLAG_PARENT_OF_LEAF    0x00004u
#define PAGE_FLAG_EMPTY             0x00008u
#define PAGE_FLAG_REPAIRED          0x00010u
#define PAGE_FLAG_SPACE_TREE        0x00020u
#define PAGE_FLAG_INDEX             0x00040u
#define PAGE_FLAG_LONG_VALUE        0x00080u
#define PAGE_FLAG_SLV_AVAIL_OLD     0x00100u   /* obsolete */
#define PAGE_FLAG_SLV_OWNERMAP_OLD  0x00200u   /* obsolete */
#define PAGE_FLAG_NON_UNIQUE_KEYS   0x00400u
#define PAGE_FLAG_NEW_RECORD_FORMAT 0x00800u
#define PAGE_FLAG_NEW_CHECKSUM      0x02000u
#define PAGE_FLAG_SCRUBBED          0x04000u
#define PAGE_FLAG_FLUSH_TYPE_MASK   0x18000u   /* 2-bit lost-flush rotation, see PAGE_FLUSH_* */
#define PAGE_FLAG_FLUSH_TYPE_SHIFT  15
#define PAGE_FLAG_PREINIT           0x20000u
#define PAGE_FLAG_FDP_DELETE        0x40000u

#define PAGE_FLUSH_UNKNOWN   0u
#define PAGE_FLUSH_ROCK      1u
#define PAGE_FLUSH_PAPER     2u
#define PAGE_FLUSH_SCISSORS  3u

/* The bit index of PAGE_FLAG_NEW_CHECKSUM counted from the start of the page: the checksum code
 * refuses to "correct" it (a flipped format bit selects the wrong algorithm). */
#define PAGE_IBIT_NEW_CHECKSUM_FLAG (36u * 8u + 13u)

/* itagState, the u16 at 34 (§4): tag count (reserved tags included) and, from format 1568.270,
 * the number of reserved tags in bits 12..14 (0 means the legacy single reserved tag). */
#define PAGE_ITAG_STATE_COUNT_MASK     0x0FFFu
#define PAGE_ITAG_STATE_RESERVED_MASK  0x7000u
#define PAGE_ITAG_STATE_RESERVED_SHIFT 12
#define PAGE_CTAG_RESERVED_MAX         7u

/* Tags (§5): u16 cb, then u16 ib (offset from the end of the page header). Small pages use 13
 * bits and keep the node flags in the top 3 bits of ib (the top 3 bits of cb are unused and
 * may hold anything: Windows leaves stale bits there). Large pages use 15 bits and keep the node
 * flags in the top 3 bits of the node's first u16. */
#define PAGE_TAG_MASK_SMALL  0x1FFFu
#define PAGE_TAG_MASK_LARGE  0x7FFFu
#define PAGE_TAG_FLAGS_SHIFT 13
#define PAGE_TAG_FLAGS_MASK  0xE000u

/* Node flags (3 bits) and node layout (§5): [u16 cbPrefix if COMPRESSED] u16 cbSuffix, suffix,
 * data. The counts use 13 bits. */
#define PAGE_NODE_VERSIONED   0x1u
#define PAGE_NODE_DELETED     0x2u
#define PAGE_NODE_COMPRESSED  0x4u
#define PAGE_NODE_FLAGS_ALL   0x7u
#define PAGE_NODE_CB_KEY_MASK 0x1FFFu
#define PAGE_NODE_CB_COUNT    2u      /* the u16 cbSuffix (and the u16 cbPrefix when compressed) */
#define PAGE_NODE_PREFIX_MIN  3u      /* ESE compresses only when more than 2 bytes are shared */

/* ---- LOGTIME, LGPOS, SIGNATURE, BKINFO (§2 sub-structures) -------------------------------- */

/* PERSISTED: LOGTIME. Byte 6: bit 0 UTC, bits 1-7 low 7 bits of milliseconds. Byte 7: bit 0
 * reserved (OS snapshot), bits 1-3 high 3 bits of milliseconds, bits 4-7 unused. Month is 1-12. */
struct logtime_disk {
    uint8_t bSeconds;
    uint8_t bMinutes;
    uint8_t bHours;
    uint8_t bDay;
    uint8_t bMonth;
    uint8_t bYear;          /* years since 1900 */
    uint8_t bMillisLowUtc;
    uint8_t bMillisHighReserved;
};
_Static_assert(sizeof(struct logtime_disk) == 8, "LOGTIME");

/* PERSISTED: LGPOS, compared as (lGeneration, isec, ib). */
struct lgpos_disk {
    le16 ib;
    le16 isec;
    le32 lGeneration;
};
_Static_assert(sizeof(struct lgpos_disk) == 8, "LGPOS");
_Static_assert(offsetof(struct lgpos_disk, lGeneration) == 4, "LGPOS.lGeneration");

/* PERSISTED: SIGNATURE */
struct signature_disk {
    le32 ulRandom;
    struct logtime_disk logtimeCreate;
    uint8_t szComputerName[16];
};
_Static_assert(sizeof(struct signature_disk) == 28, "SIGNATURE");
_Static_assert(offsetof(struct signature_disk, szComputerName) == 12, "SIGNATURE.szComputerName");

/* PERSISTED: BKINFO */
struct bkinfo_disk {
    struct lgpos_disk lgposMark;
    struct logtime_disk logtimeMark;
    le32 genLow;
    le32 genHigh;
};
_Static_assert(sizeof(struct bkinfo_disk) == 24, "BKINFO");

/* ---- DBFILEHDR (§2) ----------------------------------------------------------------------- */

/* PERSISTED: DBFILEHDR, the first 748 bytes of file pages 0 (header) and 1 (shadow); the rest of
 * each of those pages is zero. */
struct dbfilehdr_disk {
    le32 ulChecksum;                        /*   0: §3.1 */
    le32 ulMagic;                           /*   4 */
    le32 ulVersion;                         /*   8 */
    le32 attrib;                            /*  12: 0 = database (not the file type) */
    le64 dbtimeDirtied;                     /*  16 */
    struct signature_disk signDb;           /*  24 */
    le32 dbstate;                           /*  52 */
    struct lgpos_disk lgposConsistent;      /*  56 */
    struct logtime_disk logtimeConsistent;  /*  64 */
    struct logtime_disk logtimeAttach;      /*  72 */
    struct lgpos_disk lgposAttach;          /*  80 */
    struct logtime_disk logtimeDetach;      /*  88 */
    struct lgpos_disk lgposDetach;          /*  96 */
    le32 dbid;                              /* 104 */
    struct signature_disk signLog;          /* 108 */
    struct bkinfo_disk bkinfoFullPrev;      /* 136 */
    struct bkinfo_disk bkinfoIncPrev;       /* 160 */
    struct bkinfo_disk bkinfoFullCur;       /* 184 */
    le32 ulDbFlags;                         /* 208: byte 0 and byte 3 flags */
    le32 objidLast;                         /* 212 */
    le32 dwMajorVersion;                    /* 216: OS that last attached */
    le32 dwMinorVersion;                    /* 220 */
    le32 dwBuildNumber;                     /* 224 */
    le32 lSPNumber;                         /* 228 */
    le32 ulDaeUpdateMajor;                  /* 232: format revision */
    le32 cbPageSize;                        /* 236: 0 means 4096 */
    le32 ulRepairCount;                     /* 240 */
    struct logtime_disk logtimeRepair;      /* 244 */
    uint8_t rgbReservedSignSLV[28];         /* 252: obsolete SLV signature */
    le64 dbtimeLastScrub;                   /* 280 */
    struct logtime_disk logtimeScrub;       /* 288 */
    le32 lGenMinRequired;                   /* 296 */
    le32 lGenMaxRequired;                   /* 300 */
    le32 cpgUpgrade55Format;                /* 304 */
    le32 cpgUpgradeFreePages;               /* 308 */
    le32 cpgUpgradeSpaceMapPages;           /* 312 */
    struct bkinfo_disk bkinfoSnapshotCur;   /* 316 */
    le32 ulCreateVersion;                   /* 340 */
    le32 ulCreateUpdate;                    /* 344 */
    struct logtime_disk logtimeGenMaxCreate;/* 348 */
    le32 bkinfoTypeFullPrev;                /* 356 */
    le32 bkinfoTypeIncPrev;                 /* 360 */
    le32 ulRepairCountOld;                  /* 364 */
    le32 ulECCFixSuccess;                   /* 368 */
    struct logtime_disk logtimeECCFixSuccess; /* 372 */
    le32 ulECCFixSuccessOld;                /* 380 */
    le32 ulECCFixFail;                      /* 384 */
    struct logtime_disk logtimeECCFixFail;  /* 388 */
    le32 ulECCFixFailOld;                   /* 396 */
    le32 ulBadChecksum;                     /* 400 */
    struct logtime_disk logtimeBadChecksum; /* 404 */
    le32 ulBadChecksumOld;                  /* 412 */
    le32 lGenMaxCommitted;                  /* 416 */
    struct bkinfo_disk bkinfoCopyPrev;      /* 420 */
    struct bkinfo_disk bkinfoDiffPrev;      /* 444 */
    le32 bkinfoTypeCopyPrev;                /* 468 */
    le32 bkinfoTypeDiffPrev;                /* 472 */
    le32 ulIncrementalReseedCount;          /* 476 */
    struct logtime_disk logtimeIncrementalReseed; /* 480 */
    le32 ulIncrementalReseedCountOld;       /* 488 */
    le32 ulPagePatchCount;                  /* 492 */
    struct logtime_disk logtimePagePatch;   /* 496 */
    le32 ulPagePatchCountOld;               /* 504 */
    le64 qwSortVersion;                     /* 508: unaligned; all-ones = versions in MSysLocales */
    struct logtime_disk logtimeDbscanPrev;  /* 516 */
    struct logtime_disk logtimeDbscanStart; /* 524 */
    le32 pgnoDbscanHighestContinuous;       /* 532 */
    le32 lGenRecovering;                    /* 536 */
    le32 ulExtendCount;                     /* 540 */
    struct logtime_disk logtimeLastExtend;  /* 544 */
    le32 ulShrinkCount;                     /* 552 */
    struct logtime_disk logtimeLastShrink;  /* 556 */
    struct logtime_disk logtimeLastReAttach;/* 564 */
    struct lgpos_disk lgposLastReAttach;    /* 572 */
    le32 ulTrimCount;                       /* 580 */
    struct signature_disk signDbHdrFlush;   /* 584 */
    struct signature_disk signFlushMapHdrFlush; /* 612 */
    le32 lGenMinConsistent;                 /* 640 */
    le32 ulDaeUpdateMinor;                  /* 644 */
    le32 efvMaxBinAttachDiagnostic;         /* 648 */
    le32 pgnoDbscanHighest;                 /* 652 */
    struct lgpos_disk lgposLastResize;      /* 656 */
    uint8_t rgbReserved[3];                 /* 664 */
    le32 filetype;                          /* 667: unaligned, same place as in log/checkpoint headers */
    uint8_t rgbReserved2[1];                /* 671 */
    struct logtime_disk logtimeGenMaxRequired; /* 672 (0x2a0): set by newer engines, see README */
    le32 lGenPreRedoMinConsistent;          /* 680 */
    le32 lGenPreRedoMinRequired;            /* 684 */
    struct signature_disk signRBSHdrFlush;  /* 688 */
    le32 ulRevertCount;                     /* 716 */
    struct logtime_disk logtimeRevertFrom;  /* 720 */
    struct logtime_disk logtimeRevertTo;    /* 728 */
    le32 ulRevertPageCount;                 /* 736 */
    struct lgpos_disk lgposCommitBeforeRevert; /* 740 */
};
_Static_assert(sizeof(struct dbfilehdr_disk) == PAGE_DB_CB_HEADER_USED, "DBFILEHDR size");
_Static_assert(offsetof(struct dbfilehdr_disk, ulMagic) == 4, "DBFILEHDR.ulMagic");
_Static_assert(offsetof(struct dbfilehdr_disk, ulVersion) == 8, "DBFILEHDR.ulVersion");
_Static_assert(offsetof(struct dbfilehdr_disk, attrib) == 12, "DBFILEHDR.attrib");
_Static_assert(offsetof(struct dbfilehdr_disk, dbtimeDirtied) == 16, "DBFILEHDR.dbtimeDirtied");
_Static_assert(offsetof(struct dbfilehdr_disk, signDb) == 24, "DBFILEHDR.signDb");
_Static_assert(offsetof(struct dbfilehdr_disk, dbstate) == 52, "DBFILEHDR.dbstate");
_Static_assert(offsetof(struct dbfilehdr_disk, lgposConsistent) == 56, "DBFILEHDR.lgposConsistent");
_Static_assert(offsetof(struct dbfilehdr_disk, logtimeConsistent) == 64, "DBFILEHDR.logtimeConsistent");
_Static_assert(offsetof(struct dbfilehdr_disk, logtimeAttach) == 72, "DBFILEHDR.logtimeAttach");
_Static_assert(offsetof(struct dbfilehdr_disk, lgposAttach) == 80, "DBFILEHDR.lgposAttach");
_Static_assert(offsetof(struct dbfilehdr_disk, logtimeDetach) == 88, "DBFILEHDR.logtimeDetach");
_Static_assert(offsetof(struct dbfilehdr_disk, lgposDetach) == 96, "DBFILEHDR.lgposDetach");
_Static_assert(offsetof(struct dbfilehdr_disk, dbid) == 104, "DBFILEHDR.dbid");
_Static_assert(offsetof(struct dbfilehdr_disk, signLog) == 108, "DBFILEHDR.signLog");
_Static_assert(offsetof(struct dbfilehdr_disk, bkinfoFullPrev) == 136, "DBFILEHDR.bkinfoFullPrev");
_Static_assert(offsetof(struct dbfilehdr_disk, bkinfoIncPrev) == 160, "DBFILEHDR.bkinfoIncPrev");
_Static_assert(offsetof(struct dbfilehdr_disk, bkinfoFullCur) == 184, "DBFILEHDR.bkinfoFullCur");
_Static_assert(offsetof(struct dbfilehdr_disk, ulDbFlags) == 208, "DBFILEHDR.ulDbFlags");
_Static_assert(offsetof(struct dbfilehdr_disk, objidLast) == 212, "DBFILEHDR.objidLast");
_Static_assert(offsetof(struct dbfilehdr_disk, dwMajorVersion) == 216, "DBFILEHDR.dwMajorVersion");
_Static_assert(offsetof(struct dbfilehdr_disk, lSPNumber) == 228, "DBFILEHDR.lSPNumber");
_Static_assert(offsetof(struct dbfilehdr_disk, ulDaeUpdateMajor) == 232, "DBFILEHDR.ulDaeUpdateMajor");
_Static_assert(offsetof(struct dbfilehdr_disk, cbPageSize) == 236, "DBFILEHDR.cbPageSize");
_Static_assert(offsetof(struct dbfilehdr_disk, ulRepairCount) == 240, "DBFILEHDR.ulRepairCount");
_Static_assert(offsetof(struct dbfilehdr_disk, rgbReservedSignSLV) == 252, "DBFILEHDR.rgbReservedSignSLV");
_Static_assert(offsetof(struct dbfilehdr_disk, dbtimeLastScrub) == 280, "DBFILEHDR.dbtimeLastScrub");
_Static_assert(offsetof(struct dbfilehdr_disk, logtimeScrub) == 288, "DBFILEHDR.logtimeScrub");
_Static_assert(offsetof(struct dbfilehdr_disk, lGenMinRequired) == 296, "DBFILEHDR.lGenMinRequired");
_Static_assert(offsetof(struct dbfilehdr_disk, lGenMaxRequired) == 300, "DBFILEHDR.lGenMaxRequired");
_Static_assert(offsetof(struct dbfilehdr_disk, cpgUpgrade55Format) == 304, "DBFILEHDR.cpgUpgrade55Format");
_Static_assert(offsetof(struct dbfilehdr_disk, bkinfoSnapshotCur) == 316, "DBFILEHDR.bkinfoSnapshotCur");
_Static_assert(offsetof(struct dbfilehdr_disk, ulCreateVersion) == 340, "DBFILEHDR.ulCreateVersion");
_Static_assert(offsetof(struct dbfilehdr_disk, logtimeGenMaxCreate) == 348, "DBFILEHDR.logtimeGenMaxCreate");
_Static_assert(offsetof(struct dbfilehdr_disk, bkinfoTypeFullPrev) == 356, "DBFILEHDR.bkinfoTypeFullPrev");
_Static_assert(offsetof(struct dbfilehdr_disk, ulRepairCountOld) == 364, "DBFILEHDR.ulRepairCountOld");
_Static_assert(offsetof(struct dbfilehdr_disk, ulBadChecksumOld) == 412, "DBFILEHDR.ulBadChecksumOld");
_Static_assert(offsetof(struct dbfilehdr_disk, lGenMaxCommitted) == 416, "DBFILEHDR.lGenMaxCommitted");
_Static_assert(offsetof(struct dbfilehdr_disk, bkinfoCopyPrev) == 420, "DBFILEHDR.bkinfoCopyPrev");
_Static_assert(offsetof(struct dbfilehdr_disk, bkinfoTypeCopyPrev) == 468, "DBFILEHDR.bkinfoTypeCopyPrev");
_Static_assert(offsetof(struct dbfilehdr_disk, ulIncrementalReseedCount) == 476, "DBFILEHDR.ulIncrementalReseedCount");
_Static_assert(offsetof(struct dbfilehdr_disk, ulPagePatchCountOld) == 504, "DBFILEHDR.ulPagePatchCountOld");
_Static_assert(offsetof(struct dbfilehdr_disk, qwSortVersion) == 508, "DBFILEHDR.qwSortVersion");
_Static_assert(offsetof(struct dbfilehdr_disk, logtimeDbscanPrev) == 516, "DBFILEHDR.logtimeDbscanPrev");
_Static_assert(offsetof(struct dbfilehdr_disk, pgnoDbscanHighestContinuous) == 532, "DBFILEHDR.pgnoDbscanHighestContinuous");
_Static_assert(offsetof(struct dbfilehdr_disk, lGenRecovering) == 536, "DBFILEHDR.lGenRecovering");
_Static_assert(offsetof(struct dbfilehdr_disk, ulExtendCount) == 540, "DBFILEHDR.ulExtendCount");
_Static_assert(offsetof(struct dbfilehdr_disk, logtimeLastReAttach) == 564, "DBFILEHDR.logtimeLastReAttach");
_Static_assert(offsetof(struct dbfilehdr_disk, ulTrimCount) == 580, "DBFILEHDR.ulTrimCount");
_Static_assert(offsetof(struct dbfilehdr_disk, signDbHdrFlush) == 584, "DBFILEHDR.signDbHdrFlush");
_Static_assert(offsetof(struct dbfilehdr_disk, signFlushMapHdrFlush) == 612, "DBFILEHDR.signFlushMapHdrFlush");
_Static_assert(offsetof(struct dbfilehdr_disk, lGenMinConsistent) == 640, "DBFILEHDR.lGenMinConsistent");
_Static_assert(offsetof(struct dbfilehdr_disk, ulDaeUpdateMinor) == 644, "DBFILEHDR.ulDaeUpdateMinor");
_Static_assert(offsetof(struct dbfilehdr_disk, efvMaxBinAttachDiagnostic) == 648, "DBFILEHDR.efvMaxBinAttachDiagnostic");
_Static_assert(offsetof(struct dbfilehdr_disk, pgnoDbscanHighest) == 652, "DBFILEHDR.pgnoDbscanHighest");
_Static_assert(offsetof(struct dbfilehdr_disk, lgposLastResize) == 656, "DBFILEHDR.lgposLastResize");
_Static_assert(offsetof(struct dbfilehdr_disk, rgbReserved) == 664, "DBFILEHDR.rgbReserved");
_Static_assert(offsetof(struct dbfilehdr_disk, filetype) == 667, "DBFILEHDR.filetype");
_Static_assert(offsetof(struct dbfilehdr_disk, logtimeGenMaxRequired) == 672, "DBFILEHDR.logtimeGenMaxRequired");
_Static_assert(offsetof(struct dbfilehdr_disk, lGenPreRedoMinConsistent) == 680, "DBFILEHDR.lGenPreRedoMinConsistent");
_Static_assert(offsetof(struct dbfilehdr_disk, signRBSHdrFlush) == 688, "DBFILEHDR.signRBSHdrFlush");
_Static_assert(offsetof(struct dbfilehdr_disk, ulRevertCount) == 716, "DBFILEHDR.ulRevertCount");
_Static_assert(offsetof(struct dbfilehdr_disk, logtimeRevertFrom) == 720, "DBFILEHDR.logtimeRevertFrom");
_Static_assert(offsetof(struct dbfilehdr_disk, ulRevertPageCount) == 736, "DBFILEHDR.ulRevertPageCount");
_Static_assert(offsetof(struct dbfilehdr_disk, lgposCommitBeforeRevert) == 740, "DBFILEHDR.lgposCommitBeforeRevert");

/* ---- the backup trailer (PATCHHDR) --------------------------------------------------------- */

/* PERSISTED: PATCHHDR, the extra page ESE's streaming backup appends to a database copy (it
 * replaced the old .pat patch file's header). The page is zero but for these fields; its first
 * 4 bytes hold the header checksum of §3.1 over the whole page, as a database header does. The
 * leading 40 bytes are an empty small-page PGHDR whatever the page size. */
struct patchhdr_disk {
    uint8_t rgbPageHeader[40];                      /*   0: PGHDR, zero but for the checksum */
    struct bkinfo_disk bkinfo;                      /*  40: the backup's mark, genLow, genHigh */
    struct signature_disk signDb;                   /*  64 */
    struct signature_disk signLog;                  /*  92 */
    le32 lgenMinReq;                                /* 120: the database's log range when the */
    le32 lgenMaxReq;                                /* 124: copy ended */
    le32 lgenMaxCommitted;                          /* 128 */
    struct logtime_disk logtimeGenMaxRequired;      /* 132 */
    struct logtime_disk logtimeGenMaxCommitted;     /* 140 */
};
_Static_assert(sizeof(struct patchhdr_disk) == 148, "PATCHHDR size");
_Static_assert(offsetof(struct patchhdr_disk, bkinfo) == 40, "PATCHHDR.bkinfo");
_Static_assert(offsetof(struct patchhdr_disk, signLog) == 92, "PATCHHDR.signLog");

/* ---- Page headers (§4) --------------------------------------------------------------------- */

/* PERSISTED: PGHDR, the header of every database page (the whole header of a small page). */
struct pghdr_disk {
    le64 checksum;              /*  0: §3.2 */
    le64 dbtimeDirtied;         /*  8 */
    le32 pgnoPrev;              /* 16: leaf pages only */
    le32 pgnoNext;              /* 20 */
    le32 objidFDP;              /* 24 */
    le16 cbFree;                /* 28 */
    le16 cbUncommittedFree;     /* 30 */
    le16 ibMicFree;             /* 32: from the end of the header */
    le16 itagState;             /* 34 */
    le32 fFlags;                /* 36 */
};
_Static_assert(sizeof(struct pghdr_disk) == PAGE_CB_HDR_SMALL, "PGHDR size");
_Static_assert(offsetof(struct pghdr_disk, dbtimeDirtied) == 8, "PGHDR.dbtimeDirtied");
_Static_assert(offsetof(struct pghdr_disk, pgnoPrev) == 16, "PGHDR.pgnoPrev");
_Static_assert(offsetof(struct pghdr_disk, pgnoNext) == 20, "PGHDR.pgnoNext");
_Static_assert(offsetof(struct pghdr_disk, objidFDP) == 24, "PGHDR.objidFDP");
_Static_assert(offsetof(struct pghdr_disk, cbFree) == 28, "PGHDR.cbFree");
_Static_assert(offsetof(struct pghdr_disk, cbUncommittedFree) == 30, "PGHDR.cbUncommittedFree");
_Static_assert(offsetof(struct pghdr_disk, ibMicFree) == 32, "PGHDR.ibMicFree");
_Static_assert(offsetof(struct pghdr_disk, itagState) == 34, "PGHDR.itagState");
_Static_assert(offsetof(struct pghdr_disk, fFlags) == 36, "PGHDR.fFlags");
_Static_assert(PAGE_IBIT_NEW_CHECKSUM_FLAG == offsetof(struct pghdr_disk, fFlags) * 8 + 13, "checksum flag bit");

/* PERSISTED: PGHDR2, the header of a large (16/32 KiB) page. */
struct pghdr2_disk {
    struct pghdr_disk pghdr;    /*  0 */
    le64 rgChecksum[3];         /* 40: checksums of blocks 1..3 (§3.2) */
    le32 pgno;                  /* 64: this page's number */
    uint8_t rgbReserved[12];    /* 68: zero */
};
_Static_assert(sizeof(struct pghdr2_disk) == PAGE_CB_HDR_LARGE, "PGHDR2 size");
_Static_assert(offsetof(struct pghdr2_disk, rgChecksum) == 40, "PGHDR2.rgChecksum");
_Static_assert(offsetof(struct pghdr2_disk, pgno) == 64, "PGHDR2.pgno");
_Static_assert(offsetof(struct pghdr2_disk, rgbReserved) == 68, "PGHDR2.rgbReserved");

/* PERSISTED: TAG. Tag i lives at cbPage - 4 * (i + 1). */
struct tag_disk {
    le16 cb;
    le16 ib;
};
_Static_assert(sizeof(struct tag_disk) == 4, "TAG size");
_Static_assert(offsetof(struct tag_disk, ib) == 2, "TAG.ib");

/* ---- External headers (tag 0 of root pages, §6) -------------------------------------------- */

/* PERSISTED: SPACE_HEADER, tag 0 of the root of a table, index, LV or the database root. */
struct space_header_disk {
    le32 cpgPrimary;            /* v1: primary extent size; v2: last allocation size */
    le32 pgnoParent;            /* FDP of the parent; 0 for the database root */
    le32 fFlags;                /* PAGE_SPH_* in byte 0 */
    le32 rgbitAvailOrPgnoOE;    /* single extent: free-page bitmap; multiple: OE root */
};
_Static_assert(sizeof(struct space_header_disk) == 16, "SPACE_HEADER size");
_Static_assert(offsetof(struct space_header_disk, fFlags) == 8, "SPACE_HEADER.fFlags");
_Static_assert(offsetof(struct space_header_disk, rgbitAvailOrPgnoOE) == 12, "SPACE_HEADER.pgnoOE");

#define PAGE_SPH_MULTIPLE_EXTENT 0x01u
#define PAGE_SPH_NON_UNIQUE      0x02u
#define PAGE_SPH_V2              0x04u

/* The extended root header (format >= 1568.30): byte 0 is a mask of the fields that follow, in
 * this order. A 16-byte tag 0 is the plain SPACE_HEADER. */
#define PAGE_ROOT_FIELD_SPACE_HEADER 0x01u  /* 16 bytes */
#define PAGE_ROOT_FIELD_AUTOINC      0x02u  /* 8 bytes, u64 */

/* PERSISTED: EXTENTINFO, one half of a SPLIT_BUFFER. */
struct extentinfo_disk {
    le32 pgnoLastInExtent;
    le32 cpgExtent;
};
_Static_assert(sizeof(struct extentinfo_disk) == 8, "EXTENTINFO size");

/* PERSISTED: SPLIT_BUFFER, tag 0 of the root of an OE/AE space tree (key prefix bytes, if any,
 * follow it). */
struct split_buffer_disk {
    struct extentinfo_disk rgextentinfo[2];
};
_Static_assert(sizeof(struct split_buffer_disk) == 16, "SPLIT_BUFFER size");

#endif /* PAGE_FORMAT_H */
