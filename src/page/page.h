/* SPDX-License-Identifier: MIT
 * page/page.h: the page layer's public face. Pure functions on byte buffers that hold the real
 * ESE on-disk format (format 0x620, revision 0x14 when we write): the database header and its
 * shadow, page checksums, page headers, tags, nodes and root external headers.
 * Layer: page (uses base). No I/O, no allocation, no global state; safe to call from any thread
 * on buffers the caller owns (the cache layer's latches decide who may touch a frame).
 *
 * The README beside this file explains the formats (with ESE-FORMAT-NOTES references), the
 * invariants page_validate() establishes and the check-then-modify contract of the mutators.
 * In short:
 *   - Bytes from disk are untrusted. Readers check bounds and return JET_errDatabaseCorrupted
 *     (structure), JET_errReadVerifyFailure (checksum) or JET_errPageNotInitialized (all-zero
 *     page), logging the page number through ERR_CORRUPT(). Nothing a file contains reaches an
 *     assert().
 *   - A page that passed page_validate() (or page_verify()) satisfies every invariant listed in
 *     the README; upper layers may then walk it freely.
 *   - Every mutator checks first and modifies second: when it returns an error (< 0) the page is
 *     byte-for-byte unchanged. Mutators never stamp dbtime or checksums; the caller does
 *     (page_set_dbtime() on each change, page_prepare_for_write() before the write).
 *   - Pointers returned into a page (lines, nodes, prefixes) stay valid until the next mutation of
 *     that page. Data passed to a mutator must not point into the page being changed unless the
 *     function says it may. */
#ifndef PAGE_H
#define PAGE_H

#include "base.h"
#include "le.h"
#include "page_format.h"

/* ESE's code for "the page read carries another page number" (large pages keep their pgno in
 * the header). The bootstrap esent.h does not list it yet. */
#ifndef JET_errReadPgnoVerifyFailure
#define JET_errReadPgnoVerifyFailure (-1118)
#endif

/* ======================================================================== errors ============ */

/* Report a corrupt page or header: logs "<what> on page <pgno>" on the page channel (WARN) and
 * traps the error where it is born (ERR_TRAP). Returns err. Upper layers use it too, so every
 * corruption report names its page. */
JET_ERR page_err_corrupt(JET_ERR err, uint32_t pgno, const char *what, const char *file, int line);
#define ERR_CORRUPT(pgno, what) \
    page_err_corrupt(JET_errDatabaseCorrupted, (pgno), (what), __FILE__, __LINE__)
#define ERR_CORRUPT_E(err, pgno, what) page_err_corrupt((err), (pgno), (what), __FILE__, __LINE__)

/* ======================================================================== page sizes ======== */

static inline bool page_cb_valid(uint32_t cbPage)
{
    return cbPage == 4096 || cbPage == 8192 || cbPage == 16384 || cbPage == 32768;
}
/* 16/32 KiB pages: 80-byte header, 15-bit tags, node flags in the node, per-block checksums. */
static inline bool page_cb_is_large(uint32_t cbPage) { return cbPage > PAGE_CB_SMALL_MAX; }
static inline uint32_t page_cb_header_for(uint32_t cbPage)
{
    return page_cb_is_large(cbPage) ? PAGE_CB_HDR_LARGE : PAGE_CB_HDR_SMALL;
}
/* Byte offset in the file of database page pgno (>= 1): header and shadow come first (§1). */
static inline uint64_t page_file_offset(uint32_t pgno, uint32_t cbPage)
{
    return ((uint64_t)pgno + PAGE_DB_CPG_RESERVED - 1) * cbPage;
}

/* =============================================================== database header (§2, §3.1) == */

/* Host-order mirrors of the header's sub-structures. Every bit of the disk form is kept, so
 * serializing a parsed header reproduces its bytes. */
struct db_logtime {
    uint8_t  bSeconds, bMinutes, bHours, bDay, bMonth, bYear;  /* month 1-12, year - 1900 */
    bool     fUTC;
    uint16_t wMilliseconds;     /* 10 bits */
    bool     fReserved;         /* byte 7 bit 0 (OS snapshot) */
    uint8_t  bUnused;           /* byte 7 bits 4-7 */
};
struct db_lgpos {
    uint16_t ib;
    uint16_t isec;
    int32_t  lGeneration;
};
struct db_signature {
    uint32_t ulRandom;
    struct db_logtime logtimeCreate;
    uint8_t  szComputerName[16];   /* not necessarily terminated; Windows leaves it zero */
};
struct db_bkinfo {
    struct db_lgpos lgposMark;
    struct db_logtime logtimeMark;
    uint32_t genLow;
    uint32_t genHigh;
};

/* DBFILEHDR in host order; see struct dbfilehdr_disk for offsets and meaning. */
struct db_header {
    uint32_t ulChecksum;
    uint32_t ulMagic;
    uint32_t ulVersion;
    int32_t  attrib;
    uint64_t dbtimeDirtied;
    struct db_signature signDb;
    uint32_t dbstate;
    struct db_lgpos lgposConsistent;
    struct db_logtime logtimeConsistent;
    struct db_logtime logtimeAttach;
    struct db_lgpos lgposAttach;
    struct db_logtime logtimeDetach;
    struct db_lgpos lgposDetach;
    uint32_t dbid;
    struct db_signature signLog;
    struct db_bkinfo bkinfoFullPrev;
    struct db_bkinfo bkinfoIncPrev;
    struct db_bkinfo bkinfoFullCur;
    uint32_t ulDbFlags;             /* PAGE_DBFLAG_* */
    uint32_t objidLast;
    uint32_t dwMajorVersion, dwMinorVersion, dwBuildNumber;
    int32_t  lSPNumber;
    uint32_t ulDaeUpdateMajor;
    uint32_t cbPageSize;            /* as stored: 0 means 4096 (see page_dbhdr_cb_page) */
    uint32_t ulRepairCount;
    struct db_logtime logtimeRepair;
    uint8_t  rgbReservedSignSLV[28];
    uint64_t dbtimeLastScrub;
    struct db_logtime logtimeScrub;
    int32_t  lGenMinRequired;
    int32_t  lGenMaxRequired;
    int32_t  cpgUpgrade55Format, cpgUpgradeFreePages, cpgUpgradeSpaceMapPages;
    struct db_bkinfo bkinfoSnapshotCur;
    uint32_t ulCreateVersion;
    uint32_t ulCreateUpdate;
    struct db_logtime logtimeGenMaxCreate;
    uint32_t bkinfoTypeFullPrev, bkinfoTypeIncPrev;
    uint32_t ulRepairCountOld;
    uint32_t ulECCFixSuccess;
    struct db_logtime logtimeECCFixSuccess;
    uint32_t ulECCFixSuccessOld;
    uint32_t ulECCFixFail;
    struct db_logtime logtimeECCFixFail;
    uint32_t ulECCFixFailOld;
    uint32_t ulBadChecksum;
    struct db_logtime logtimeBadChecksum;
    uint32_t ulBadChecksumOld;
    int32_t  lGenMaxCommitted;
    struct db_bkinfo bkinfoCopyPrev;
    struct db_bkinfo bkinfoDiffPrev;
    uint32_t bkinfoTypeCopyPrev, bkinfoTypeDiffPrev;
    uint32_t ulIncrementalReseedCount;
    struct db_logtime logtimeIncrementalReseed;
    uint32_t ulIncrementalReseedCountOld;
    uint32_t ulPagePatchCount;
    struct db_logtime logtimePagePatch;
    uint32_t ulPagePatchCountOld;
    uint64_t qwSortVersion;
    struct db_logtime logtimeDbscanPrev;
    struct db_logtime logtimeDbscanStart;
    uint32_t pgnoDbscanHighestContinuous;
    int32_t  lGenRecovering;
    uint32_t ulExtendCount;
    struct db_logtime logtimeLastExtend;
    uint32_t ulShrinkCount;
    struct db_logtime logtimeLastShrink;
    struct db_logtime logtimeLastReAttach;
    struct db_lgpos lgposLastReAttach;
    uint32_t ulTrimCount;
    struct db_signature signDbHdrFlush;
    struct db_signature signFlushMapHdrFlush;
    int32_t  lGenMinConsistent;
    uint32_t ulDaeUpdateMinor;
    uint32_t efvMaxBinAttachDiagnostic;
    uint32_t pgnoDbscanHighest;
    struct db_lgpos lgposLastResize;
    uint8_t  rgbReserved[3];
    uint32_t filetype;              /* PAGE_FILETYPE_* */
    uint8_t  rgbReserved2[1];
    struct db_logtime logtimeGenMaxRequired;   /* 0x2a0: newer engines stamp it */
    int32_t  lGenPreRedoMinConsistent;
    int32_t  lGenPreRedoMinRequired;
    struct db_signature signRBSHdrFlush;
    uint32_t ulRevertCount;
    struct db_logtime logtimeRevertFrom;
    struct db_logtime logtimeRevertTo;
    uint32_t ulRevertPageCount;
    struct db_lgpos lgposCommitBeforeRevert;
};

/* Decode the 748 header bytes (no checks beyond the length: see page_dbhdr_validate).
 * JET_errDatabaseCorrupted when cb < PAGE_DB_CB_HEADER_USED. */
MUST_CHECK JET_ERR page_dbhdr_parse(const void *buf, size_t cb, struct db_header *phdr);
/* Encode into a whole header page: the fields, zeros to cbPage, then the checksum (the header's
 * ulChecksum is ignored). Serializing a parsed valid header reproduces it byte for byte. */
void page_dbhdr_serialize(const struct db_header *phdr, void *buf, uint32_t cbPage);
/* The checksum a header page of cbPage bytes must carry (§3.1), and whether it does. */
uint32_t page_dbhdr_checksum(const void *buf, uint32_t cbPage);
bool page_dbhdr_checksum_ok(const void *buf, uint32_t cbPage);
/* Page size of a parsed header (a stored 0 means 4096). */
static inline uint32_t page_dbhdr_cb_page(const struct db_header *phdr)
{
    return phdr->cbPageSize ? phdr->cbPageSize : 4096u;
}

/* Choosing between header and shadow, as ESE does when it reads a database header: for each
 * page size 2K..32K, a copy is good when its checksum over that size matches and its cbPageSize
 * names that size. pbFile holds the first cbFile bytes of the file (64 KiB is always enough). */
enum page_dbhdr_status {
    PAGE_DBHDR_BOTH_OK,     /* both good and identical: primary returned */
    PAGE_DBHDR_PRIMARY_BAD, /* primary bad, shadow good: shadow returned; rewrite the primary */
    PAGE_DBHDR_SHADOW_BAD,  /* shadow bad or different: primary returned; rewrite the shadow */
};
struct page_dbhdr_choice {
    uint32_t cbPage;        /* page size the good copy was found at */
    uint32_t ibHeader;      /* offset in pbFile of the returned copy (0 or cbPage) */
    enum page_dbhdr_status status;
};
/* JET_errReadVerifyFailure when neither copy is good (see page_dbhdr_unreadable_error). */
MUST_CHECK JET_ERR page_dbhdr_select(const void *pbFile, size_t cbFile, struct page_dbhdr_choice *pchoice);
/* The error an attach reports for a file whose header cannot be read: JET_errDatabase500Format
 * (magic and version 0x500), JET_errInvalidDatabaseVersion (magic but unreadable), else
 * JET_errDatabaseCorrupted. */
JET_ERR page_dbhdr_unreadable_error(const void *pbFile, size_t cbFile);

/* The highest ulDaeUpdateMajor page_dbhdr_validate accepts by default: the newest revision in
 * the samples (Windows 11 24H2, 1568.300). Newer revisions are refused as ESE refuses them. */
#define PAGE_DB_UPDATE_MAJOR_READ_MAX 300u
/* Check a header read from disk, in ESE's attach order: magic and version
 * (JET_errInvalidDatabaseVersion, also for a revision above ulUpdateMajorMax or a large-page
 * database older than revision 0x11), page size (JET_errPageSizeMismatch for the retired 2 KiB
 * size, JET_errDatabaseCorrupted for anything else unknown), attrib and file type
 * (JET_errDatabaseCorrupted). Database state is the caller's business. */
MUST_CHECK JET_ERR page_dbhdr_validate(const struct db_header *phdr, uint32_t ulUpdateMajorMax);

/* The backup trailer (PATCHHDR, page_format.h): the page a streaming backup appends to a
 * database copy. Serialize writes a whole page (zeros, fields, checksum); parse checks the
 * checksum (JET_errReadVerifyFailure) and reads the fields. */
struct db_patchhdr {
    struct db_bkinfo bkinfo;
    struct db_signature signDb;
    struct db_signature signLog;
    uint32_t lgenMinReq, lgenMaxReq, lgenMaxCommitted;
    struct db_logtime logtimeGenMaxRequired, logtimeGenMaxCommitted;
};
void page_patchhdr_serialize(const struct db_patchhdr *p, void *buf, uint32_t cbPage);
MUST_CHECK JET_ERR page_patchhdr_parse(const void *buf, uint32_t cbPage, struct db_patchhdr *p);

/* ======================================================================== checksums (§3.2) === */

/* A page checksum: rg[0] covers a small page or block 0 of a large page; rg[1..3] are the
 * blocks 1..3 of a large page (0 on small pages). Old-format pages: rg[0] = pgno << 32 | xor. */
struct page_checksum {
    uint64_t rg[4];
};
struct page_checksum_report {
    struct page_checksum stored;    /* what the page carries */
    struct page_checksum computed;  /* what its bytes give */
    bool    fCorrectable;           /* a single flipped bit explains the difference */
    int32_t ibitCorrupted;          /* that bit, counted from the page start; -1 if none */
};

/* The checksum the page's bytes call for (by its PAGE_FLAG_NEW_CHECKSUM bit). */
void page_checksum_compute(const void *buf, uint32_t cbPage, uint32_t pgno, struct page_checksum *pck);
/* Verify: JET_errSuccess, JET_errPageNotInitialized (all zero), or JET_errReadVerifyFailure.
 * prep (may be NULL) receives both checksums and, for ECC pages, whether one bit explains the
 * mismatch. Nothing is changed and nothing is logged. */
MUST_CHECK JET_ERR page_checksum_verify(const void *buf, uint32_t cbPage, uint32_t pgno,
        struct page_checksum_report *prep);
/* Stamp the ECC checksum: sets PAGE_FLAG_NEW_CHECKSUM, then writes the block checksums (large
 * pages) and the header checksum, in that order. */
void page_checksum_set(void *buf, uint32_t cbPage, uint32_t pgno);

/* The whole read-path check, as ESE does it before a page enters the cache: not all zero,
 * checksum, the pgno stored in large pages, then page_validate(). With PAGE_VERIFY_FIX an ECC
 * single-bit error is corrected when the corrected page then validates; the result is then
 * WRN_PAGE_BIT_CORRECTED and *pibitCorrected names the bit. The caller must log that (it is a
 * hardware fault, never silent). On any error the buffer is unchanged. */
#define PAGE_VERIFY_FIX 0x1u
MUST_CHECK JET_ERR page_verify(void *buf, uint32_t cbPage, uint32_t pgno, unsigned grbit,
        int32_t *pibitCorrected);

/* ======================================================================== reading pages ===== */

/* A read-only window on one page buffer of cb (a valid page size) bytes. pgno is the page's
 * number, used in corruption reports (large pages also store it). */
struct page_view {
    const uint8_t *buf;
    uint32_t cb;
    uint32_t pgno;
    bool large;
};
/* The writable counterpart, taken by the mutators. fSound: the mutators have checked this
 * page's structure through this page_buf (or page_init formatted it), so later mutators through
 * the same page_buf skip that O(tags) check: every mutator keeps a sound page sound. Whoever
 * writes the page's bytes in any other way (or through another page_buf) must clear it or make
 * a new page_buf; page_buf_make starts with it clear. */
struct page_buf {
    uint8_t *buf;
    uint32_t cb;
    uint32_t pgno;
    bool large;
    bool fSound;
};

static inline struct page_view page_view_make(const void *buf, uint32_t cbPage, uint32_t pgno)
{
    struct page_view v;
    assert(page_cb_valid(cbPage));
    v.buf = (const uint8_t *)buf;
    v.cb = cbPage;
    v.pgno = pgno;
    v.large = page_cb_is_large(cbPage);
    return v;
}
static inline struct page_buf page_buf_make(void *buf, uint32_t cbPage, uint32_t pgno)
{
    struct page_buf b;
    assert(page_cb_valid(cbPage));
    b.buf = (uint8_t *)buf;
    b.cb = cbPage;
    b.pgno = pgno;
    b.large = page_cb_is_large(cbPage);
    b.fSound = false;
    return b;
}
static inline struct page_view page_view_of(const struct page_buf *pb)
{
    struct page_view v = { pb->buf, pb->cb, pb->pgno, pb->large };
    return v;
}

/* Header fields (§4). Always safe: the header lies inside any valid page size. */
static inline const struct pghdr_disk *page_hdr(const struct page_view *pv)
{
    return (const struct pghdr_disk *)pv->buf;
}
static inline uint32_t page_cb_header(const struct page_view *pv) { return pv->large ? PAGE_CB_HDR_LARGE : PAGE_CB_HDR_SMALL; }
static inline uint32_t page_cb_data(const struct page_view *pv) { return pv->cb - page_cb_header(pv); }
static inline uint32_t page_flags(const struct page_view *pv) { return le32_get(&page_hdr(pv)->fFlags); }
static inline uint64_t page_dbtime(const struct page_view *pv) { return le64_get(&page_hdr(pv)->dbtimeDirtied); }
static inline uint32_t page_pgno_prev(const struct page_view *pv) { return le32_get(&page_hdr(pv)->pgnoPrev); }
static inline uint32_t page_pgno_next(const struct page_view *pv) { return le32_get(&page_hdr(pv)->pgnoNext); }
static inline uint32_t page_objid_fdp(const struct page_view *pv) { return le32_get(&page_hdr(pv)->objidFDP); }
static inline uint32_t page_cb_free(const struct page_view *pv) { return le16_get(&page_hdr(pv)->cbFree); }
static inline uint32_t page_cb_uncommitted_free(const struct page_view *pv) { return le16_get(&page_hdr(pv)->cbUncommittedFree); }
static inline uint32_t page_ib_mic_free(const struct page_view *pv) { return le16_get(&page_hdr(pv)->ibMicFree); }
/* Tags in use, reserved tags (tag 0, the external header, included). */
static inline uint32_t page_itag_mic_free(const struct page_view *pv)
{
    return le16_get(&page_hdr(pv)->itagState) & PAGE_ITAG_STATE_COUNT_MASK;
}
/* Reserved tags before the first node: the stored count, at least 1 (legacy pages store 0). */
static inline uint32_t page_ctag_reserved(const struct page_view *pv)
{
    uint32_t c = (le16_get(&page_hdr(pv)->itagState) & PAGE_ITAG_STATE_RESERVED_MASK) >> PAGE_ITAG_STATE_RESERVED_SHIFT;
    return c ? c : 1;
}
/* Nodes ("lines") on the page. */
static inline uint32_t page_cline(const struct page_view *pv)
{
    uint32_t itag = page_itag_mic_free(pv), ctag = page_ctag_reserved(pv);
    return itag > ctag ? itag - ctag : 0;
}
/* Large pages store their number; small pages do not (the view's pgno is returned). */
static inline uint32_t page_pgno_stored(const struct page_view *pv)
{
    return pv->large ? le32_get(&((const struct pghdr2_disk *)pv->buf)->pgno) : pv->pgno;
}
static inline uint32_t page_flush_type(const struct page_view *pv)
{
    return (page_flags(pv) & PAGE_FLAG_FLUSH_TYPE_MASK) >> PAGE_FLAG_FLUSH_TYPE_SHIFT;
}
static inline bool page_is_root(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_ROOT; }
static inline bool page_is_leaf(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_LEAF; }
static inline bool page_is_parent_of_leaf(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_PARENT_OF_LEAF; }
static inline bool page_is_empty(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_EMPTY; }
static inline bool page_is_repaired(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_REPAIRED; }
static inline bool page_is_space_tree(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_SPACE_TREE; }
static inline bool page_is_index(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_INDEX; }
static inline bool page_is_long_value(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_LONG_VALUE; }
static inline bool page_is_non_unique(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_NON_UNIQUE_KEYS; }
static inline bool page_is_new_record_format(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_NEW_RECORD_FORMAT; }
static inline bool page_is_new_checksum(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_NEW_CHECKSUM; }
static inline bool page_is_scrubbed(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_SCRUBBED; }
static inline bool page_is_preinit(const struct page_view *pv) { return page_flags(pv) & PAGE_FLAG_PREINIT; }
/* Table data tree page ("primary" in ESE: no index bit). */
static inline bool page_is_primary(const struct page_view *pv) { return !page_is_index(pv) && !page_is_preinit(pv); }
/* Internal page: nodes point to child pages (data = 4-byte pgno). */
static inline bool page_is_internal(const struct page_view *pv) { return !page_is_leaf(pv) && !page_is_preinit(pv); }
/* Root of a data tree whose tag 0 is a SPACE_HEADER (not a space tree). */
static inline bool page_is_fdp_root(const struct page_view *pv) { return page_is_root(pv) && !page_is_space_tree(pv); }

/* A tag's line: pb points into the page (NULL when cb is 0). */
struct page_line {
    const uint8_t *pb;
    uint16_t cb;
    uint8_t fFlags;     /* PAGE_NODE_*; always 0 for reserved tags */
};
/* Raw tag itag (0 .. itagMicFree-1), with the line bounds-checked against the data area.
 * JET_errDatabaseCorrupted if the tag or its line lies outside. */
MUST_CHECK JET_ERR page_get_tag(const struct page_view *pv, uint32_t itag, struct page_line *pline);
/* Node line iline (0 .. page_cline-1). */
MUST_CHECK JET_ERR page_get_line(const struct page_view *pv, uint32_t iline, struct page_line *pline);
/* Tag 0: the external header (prefix, space header or split buffer). */
MUST_CHECK JET_ERR page_get_external_header(const struct page_view *pv, struct page_line *pline);

/* A parsed node (§5). The key is prefix (cbPrefix bytes of the page's prefix) + suffix. */
struct page_node {
    const uint8_t *pbPrefix;
    const uint8_t *pbSuffix;
    const uint8_t *pbData;
    uint16_t cbPrefix;
    uint16_t cbSuffix;
    uint16_t cbData;
    uint8_t  fFlags;    /* PAGE_NODE_* */
};
static inline uint32_t page_node_cb_key(const struct page_node *pn) { return (uint32_t)pn->cbPrefix + pn->cbSuffix; }
static inline bool page_node_is_deleted(const struct page_node *pn) { return pn->fFlags & PAGE_NODE_DELETED; }
static inline bool page_node_is_versioned(const struct page_node *pn) { return pn->fFlags & PAGE_NODE_VERSIONED; }
/* Parse node iline, resolving its prefix against tag 0 as ESE does: the whole tag 0 on non-root
 * pages, tag 0 after the 16-byte split buffer on space-tree roots, nothing on other roots.
 * JET_errDatabaseCorrupted when the node does not fit its line or its prefix its source. */
MUST_CHECK JET_ERR page_get_node(const struct page_view *pv, uint32_t iline, struct page_node *pnode);
/* A page's nodes read many times over (binary searches): what concerns the whole page (the tag
 * array's sanity, the prefix, the node count) is checked once by page_nodes_init; each
 * page_nodes_get then checks only its own line and node, with page_get_node's errors. The view
 * must outlive the reader and the page must not change under it. */
#define PAGE_CB_TAG 4u                  /* one tag: cb and ib, 2 bytes each */
struct page_lines {                 /* internal to page_read.c */
    const uint8_t *pbTagEnd;
    const uint8_t *pbData;
    uint32_t ibLimit;
    uint32_t ctagRes;
    uint32_t pgno;
    uint16_t mask;
    bool large;
};
struct page_nodes {
    const struct page_view *pv;
    uint32_t cline;
    struct page_lines lines;
    const uint8_t *pbPrefix;
    uint16_t cbPrefix;
    JET_ERR errPrefix;          /* page_get_prefix's answer, for compressed nodes */
    bool fPrefixIgnored;
};
MUST_CHECK JET_ERR page_nodes_init(const struct page_view *pv, struct page_nodes *pns);
/* page_nodes_get with every check and error message (the inline reader's slow path). */
MUST_CHECK JET_ERR page_nodes_get_checked(const struct page_nodes *pns, uint32_t iline, struct page_node *pnode);
/* Inline, as binary searches call it at every probe: a line and node that pass the same checks
 * as page_nodes_get_checked's are parsed here, anything else goes there for its error. */
static ALWAYS_INLINE MUST_CHECK JET_ERR page_nodes_get(const struct page_nodes *pns, uint32_t iline, struct page_node *pn)
{
    const struct page_lines *g = &pns->lines;
    if (iline >= pns->cline)
        goto slow;
    const uint8_t *pt = g->pbTagEnd - PAGE_CB_TAG * (iline + g->ctagRes + 1);
    const uint16_t ibRaw = get_le16(pt + 2);
    const uint32_t cb = get_le16(pt) & g->mask, ib = ibRaw & g->mask;
    if (cb < PAGE_NODE_CB_COUNT || ib >= g->ibLimit || cb > g->ibLimit - ib)
        goto slow;
    const uint8_t *pb = g->pbData + ib;
    const uint8_t fFlags = (uint8_t)((g->large ? get_le16(pb) : ibRaw) >> PAGE_TAG_FLAGS_SHIFT);
    uint32_t cbCounts = PAGE_NODE_CB_COUNT, cbPrefix = 0;
    if (fFlags & PAGE_NODE_COMPRESSED) {
        cbCounts += PAGE_NODE_CB_COUNT;
        if (cb < cbCounts || pns->errPrefix < 0)
            goto slow;
        cbPrefix = pns->fPrefixIgnored ? 0 : get_le16(pb) & PAGE_NODE_CB_KEY_MASK;
        if (cbPrefix > pns->cbPrefix)
            goto slow;
        pb += PAGE_NODE_CB_COUNT;
    }
    const uint32_t cbSuffix = get_le16(pb) & PAGE_NODE_CB_KEY_MASK;
    if (cbSuffix > cb - cbCounts)
        goto slow;
    pn->pbPrefix = cbPrefix ? pns->pbPrefix : NULL;
    pn->cbPrefix = (uint16_t)cbPrefix;
    pn->pbSuffix = pb + PAGE_NODE_CB_COUNT;
    pn->cbSuffix = (uint16_t)cbSuffix;
    pn->pbData = pn->pbSuffix + cbSuffix;
    pn->cbData = (uint16_t)(cb - cbCounts - cbSuffix);
    pn->fFlags = fFlags;
    return JET_errSuccess;
slow:
    return page_nodes_get_checked(pns, iline, pn);
}
/* The page's key prefix (what compressed nodes share); cb 0 and pb NULL when there is none. */
MUST_CHECK JET_ERR page_get_prefix(const struct page_view *pv, const uint8_t **ppb, uint16_t *pcb);
/* Copy the node's full key into buf (up to cb bytes); returns the key length. */
uint32_t page_node_key(const struct page_node *pn, uint8_t *buf, uint32_t cb);
/* memcmp order over the common length, shorter first (§5): <0, 0, >0 as node key vs key. */
int page_node_key_cmp(const struct page_node *pn, const uint8_t *pbKey, uint32_t cbKey);
/* Compare two nodes by key, then (for non-unique trees, fData) by data. */
int page_node_cmp(const struct page_node *a, const struct page_node *b, bool fData);
/* Internal pages: the child page a node points to (its 4-byte data); false if not 4 bytes. */
bool page_node_child_pgno(const struct page_node *pn, uint32_t *ppgno);

/* Root-page external headers (§6). */
struct page_space_header {
    uint32_t cpgPrimary;        /* v1 primary extent / v2 last allocation */
    uint32_t pgnoParent;
    uint32_t fFlags;            /* PAGE_SPH_* */
    uint32_t rgbitAvailOrPgnoOE;
};
static inline bool page_sph_multiple_extent(const struct page_space_header *p) { return p->fFlags & PAGE_SPH_MULTIPLE_EXTENT; }
static inline uint32_t page_sph_pgno_oe(const struct page_space_header *p) { return p->rgbitAvailOrPgnoOE; }
static inline uint32_t page_sph_pgno_ae(const struct page_space_header *p) { return p->rgbitAvailOrPgnoOE + 1; }
struct page_root_header {
    bool fExtended;             /* stored with the leading field mask (format >= 1568.30) */
    bool fHasSpaceHeader;
    bool fHasAutoInc;
    struct page_space_header sph;
    uint64_t qwAutoInc;
};
struct page_split_buffer {
    uint32_t pgnoLast[2];
    uint32_t cpg[2];
};
/* Tag 0 of an FDP root (root, not space tree): the 16-byte SPACE_HEADER or the extended form.
 * JET_errDatabaseCorrupted if it is neither. */
MUST_CHECK JET_ERR page_get_root_header(const struct page_view *pv, struct page_root_header *prh);
/* Tag 0 of a space-tree root: the split buffer (zeros when tag 0 is shorter than 16 bytes). */
MUST_CHECK JET_ERR page_get_split_buffer(const struct page_view *pv, struct page_split_buffer *psb);
void page_space_header_encode(const struct page_space_header *psph, uint8_t out[16]);
void page_space_header_decode(const uint8_t in[16], struct page_space_header *psph);

/* Structural validation: every invariant in the README (header counts, tags in the data area
 * and disjoint, free-space accounting, node encodings and prefixes, page-flag coherence).
 * JET_errDatabaseCorrupted, logged with the page number, on the first violation. Checksums are
 * page_verify's business. PAGE_CHECK_KEY_ORDER adds ESE's extensive key-order check. */
#define PAGE_CHECK_KEY_ORDER 0x1u
MUST_CHECK JET_ERR page_validate(const void *buf, uint32_t cbPage, uint32_t pgno);
MUST_CHECK JET_ERR page_validate_ex(const struct page_view *pv, unsigned grbit);

/* ======================================================================== changing pages ==== */

/* Space arithmetic. A node costs its line plus a 4-byte tag. */
static inline uint32_t page_cb_line_node(uint32_t cbPrefix, uint32_t cbSuffix, uint32_t cbData)
{
    return (cbPrefix ? PAGE_NODE_CB_COUNT : 0) + PAGE_NODE_CB_COUNT + cbSuffix + cbData;
}
/* Bytes available at the end of the data area without reorganizing. */
uint32_t page_cb_contiguous_free(const struct page_view *pv);
/* The largest line a fresh page of cbPage can take (one reserved tag, one node tag). */
static inline uint32_t page_cb_line_max(uint32_t cbPage)
{
    return cbPage - page_cb_header_for(cbPage) - 2 * PAGE_CB_TAG;
}

/* A piece of a line being written (lines are gathered from several pieces). */
struct page_data {
    const void *pv;
    uint32_t cb;
};

/* Format a fresh page as Windows does (new page, then consumed with fFlags): zeros, header
 * fields, one empty tag 0, fFlags | PAGE_FLAG_NEW_RECORD_FORMAT, and pgno on large pages. The
 * checksum is left zero; page_prepare_for_write() stamps it. */
void page_init(struct page_buf *pb, uint32_t objidFDP, uint64_t dbtime, uint32_t fFlags);

/* Header setters. They change only their field. */
void page_set_dbtime(struct page_buf *pb, uint64_t dbtime);
void page_set_pgno_prev(struct page_buf *pb, uint32_t pgno);
void page_set_pgno_next(struct page_buf *pb, uint32_t pgno);
void page_set_objid_fdp(struct page_buf *pb, uint32_t objid);
/* Replace the page flags; the checksum-format and flush-type bits are kept as they are. */
void page_set_flags(struct page_buf *pb, uint32_t fFlags);
void page_set_flush_type(struct page_buf *pb, uint32_t flushType);
/* Version-store accounting: JET_errInvalidParameter if above cbFree. */
MUST_CHECK JET_ERR page_set_cb_uncommitted_free(struct page_buf *pb, uint32_t cb);

/* Before a write: set the flush type and stamp the checksum (ECC form). */
void page_prepare_for_write(struct page_buf *pb, uint32_t flushType);

/* Line level (ESE's CPAGE): raw tags, no key semantics. iline counts nodes (after the reserved
 * tags). The pieces must not point into the page. ERR_PAGE_FULL when the line does not fit (the
 * page is reorganized only when that makes it fit); JET_errInvalidParameter for a bad iline,
 * flags or size; JET_errDatabaseCorrupted if the page is not sound enough to change. */
MUST_CHECK JET_ERR page_insert_line(struct page_buf *pb, uint32_t iline, const struct page_data *rgdata,
        uint32_t cdata, uint8_t fFlags);
MUST_CHECK JET_ERR page_replace_line(struct page_buf *pb, uint32_t iline, const struct page_data *rgdata,
        uint32_t cdata, uint8_t fFlags);
MUST_CHECK JET_ERR page_delete_line(struct page_buf *pb, uint32_t iline);
/* Change a node's PAGE_NODE_* flags (flag-delete, version bit) without moving anything. */
MUST_CHECK JET_ERR page_set_line_flags(struct page_buf *pb, uint32_t iline, uint8_t fFlags);
/* Replace tag 0. On pages whose nodes borrow their prefix from tag 0 (non-root pages and
 * space-tree roots), the bytes any compressed node uses must stay the same, or the call fails
 * with JET_errInvalidParameter (change the nodes first: page_node_set_prefix). */
MUST_CHECK JET_ERR page_set_external_header(struct page_buf *pb, const void *pv, uint32_t cb);

/* Node level (ESE's node.cxx). key must not point into the page; data may not either. Data is
 * never empty, and on internal pages it is the 4-byte child page number
 * (JET_errInvalidParameter otherwise). Key order is the caller's business. */
/* Insert a node at iline, prefix-compressing its key against the page's prefix exactly as ESE
 * does (when more than 2 bytes are shared, all of them; never on FDP roots). */
MUST_CHECK JET_ERR page_insert_node(struct page_buf *pb, uint32_t iline, const void *pvKey, uint32_t cbKey,
        const void *pvData, uint32_t cbData, uint8_t fFlags);
/* Same with the prefix length chosen by the caller (0, or 3..the bytes shared with the prefix). */
MUST_CHECK JET_ERR page_insert_node_prefix(struct page_buf *pb, uint32_t iline, const void *pvKey, uint32_t cbKey,
        uint32_t cbPrefix, const void *pvData, uint32_t cbData, uint8_t fFlags);
/* New data for node iline; key and flags stay. */
MUST_CHECK JET_ERR page_replace_node_data(struct page_buf *pb, uint32_t iline, const void *pvData, uint32_t cbData);
/* Re-encode node iline with cbPrefixNew bytes taken from the prefix (grow or shrink its
 * compression); the key does not change. */
MUST_CHECK JET_ERR page_node_set_prefix(struct page_buf *pb, uint32_t iline, uint32_t cbPrefixNew);
static inline JET_ERR page_delete_node(struct page_buf *pb, uint32_t iline) { return page_delete_line(pb, iline); }

/* What every mutator checks before it writes (struct page_buf: fSound), without logging: a sane
 * tag array, every line inside the data area, free-space accounting that adds up, not
 * pre-initialized. The cache asks it of each page it reads, to hand the answer on. */
bool page_is_sound(const struct page_buf *pb);

/* Compact the data area: lines move down in offset order, free space becomes one block before
 * the tag array. Tags and line contents are unchanged. */
MUST_CHECK JET_ERR page_reorganize(struct page_buf *pb);

#endif /* PAGE_H */
