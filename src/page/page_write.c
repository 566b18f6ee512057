/* SPDX-License-Identifier: MIT
 * page/page_write.c: changing pages: formatting a new page, inserting, replacing and deleting
 * lines and nodes (with ESE's prefix compression), tag 0, flags, compaction, and the pre-write
 * step (flush type and checksum).
 * Layer: page (uses base).
 *
 * Byte layouts follow ESE's page code step by step, so that the same operations give the same
 * bytes as Windows: a new line goes at ibMicFree; a line that grows moves to ibMicFree unless it
 * is the last one and has room; the page is compacted only when the contiguous free space is too
 * small; deleted lines and tags leave their stale bytes in the free area; a tag slot reused for a
 * new tag keeps the high bits its old bytes had (ESE masks them in and out rather than clearing
 * the word). The one difference: compaction orders equal offsets by tag index, where ESE's sort
 * leaves the order of a zero-length tag beside an equal offset unspecified; only that empty
 * tag's unused offset can differ.
 *
 * Contract: check, then modify. Every function validates its arguments and the parts of the
 * page it relies on (tag array, free-space accounting, the node it touches) before the first
 * write; an error return leaves the buffer unchanged. */
#include "page.h"
#include "debug.h"

DEBUG_CHANNEL(page);

/* ---- header fields -------------------------------------------------------------------------- */

static inline struct pghdr_disk *hdr_w(struct page_buf *pb) { return (struct pghdr_disk *)pb->buf; }

void page_set_dbtime(struct page_buf *pb, uint64_t dbtime) { le64_put(&hdr_w(pb)->dbtimeDirtied, dbtime); }
void page_set_pgno_prev(struct page_buf *pb, uint32_t pgno) { le32_put(&hdr_w(pb)->pgnoPrev, pgno); }
void page_set_pgno_next(struct page_buf *pb, uint32_t pgno) { le32_put(&hdr_w(pb)->pgnoNext, pgno); }
void page_set_objid_fdp(struct page_buf *pb, uint32_t objid) { le32_put(&hdr_w(pb)->objidFDP, objid); }

void page_set_flags(struct page_buf *pb, uint32_t fFlags)
{
    const uint32_t fKeep = PAGE_FLAG_NEW_CHECKSUM | PAGE_FLAG_FLUSH_TYPE_MASK;
    const uint32_t fOld = le32_get(&hdr_w(pb)->fFlags);
    le32_put(&hdr_w(pb)->fFlags, (fFlags & ~fKeep) | (fOld & fKeep));
    if (fFlags & PAGE_FLAG_PREINIT)
        pb->fSound = false;     /* mutators refuse pre-initialized pages */
}

void page_set_flush_type(struct page_buf *pb, uint32_t flushType)
{
    assert(flushType <= PAGE_FLUSH_SCISSORS);
    const uint32_t fOld = le32_get(&hdr_w(pb)->fFlags);
    le32_put(&hdr_w(pb)->fFlags, (fOld & ~PAGE_FLAG_FLUSH_TYPE_MASK) | (flushType << PAGE_FLAG_FLUSH_TYPE_SHIFT));
}

JET_ERR page_set_cb_uncommitted_free(struct page_buf *pb, uint32_t cb)
{
    if (cb > le16_get(&hdr_w(pb)->cbFree))
        return ERR_TRAP(JET_errInvalidParameter);
    le16_put(&hdr_w(pb)->cbUncommittedFree, (uint16_t)cb);
    return JET_errSuccess;
}

void page_prepare_for_write(struct page_buf *pb, uint32_t flushType)
{
    page_set_flush_type(pb, flushType);
    page_checksum_set(pb->buf, pb->cb, pb->pgno);
}

void page_init(struct page_buf *pb, uint32_t objidFDP, uint64_t dbtime, uint32_t fFlags)
{
    struct pghdr_disk *h = hdr_w(pb);
    const uint32_t cbData = pb->cb - page_cb_header_for(pb->cb);

    memset(pb->buf, 0, pb->cb);
    le64_put(&h->dbtimeDirtied, dbtime);
    le32_put(&h->objidFDP, objidFDP);
    /* One tag (the empty external header) in the legacy itagState form. */
    le16_put(&h->cbFree, (uint16_t)(cbData - PAGE_CB_TAG));
    le16_put(&h->itagState, 1);
    le32_put(&h->fFlags, (fFlags | PAGE_FLAG_NEW_RECORD_FORMAT) & ~PAGE_FLAG_PREINIT);
    if (pb->large)
        le32_put(&((struct pghdr2_disk *)pb->buf)->pgno, pb->pgno);
    pb->fSound = true;      /* what check_sound asks holds for a freshly formatted page */
}

/* ---- tags ----------------------------------------------------------------------------------- */

static inline uint32_t mask_w(const struct page_buf *pb) { return pb->large ? PAGE_TAG_MASK_LARGE : PAGE_TAG_MASK_SMALL; }
static inline uint8_t *tag_ptr(struct page_buf *pb, uint32_t itag) { return pb->buf + pb->cb - PAGE_CB_TAG * (itag + 1); }
static inline uint8_t *data_ptr(struct page_buf *pb, uint32_t ib) { return pb->buf + page_cb_header_for(pb->cb) + ib; }
static inline uint32_t tag_cb(struct page_buf *pb, uint32_t itag) { return get_le16(tag_ptr(pb, itag)) & mask_w(pb); }
static inline uint32_t tag_ib(struct page_buf *pb, uint32_t itag) { return get_le16(tag_ptr(pb, itag) + 2) & mask_w(pb); }

/* Set the size or offset, keeping the bits above the mask (node flags on small pages). */
static inline void tag_set_cb(struct page_buf *pb, uint32_t itag, uint32_t cb)
{
    uint8_t *pt = tag_ptr(pb, itag);
    put_le16(pt, (uint16_t)((get_le16(pt) & ~mask_w(pb)) | cb));
}
static inline void tag_set_ib(struct page_buf *pb, uint32_t itag, uint32_t ib)
{
    uint8_t *pt = tag_ptr(pb, itag) + 2;
    put_le16(pt, (uint16_t)((get_le16(pt) & ~mask_w(pb)) | ib));
}
/* Node flags live in the tag's offset word on small pages and in the first u16 of the line on
 * large pages (never for tag 0, and only once the line has two bytes). */
static void tag_set_flags(struct page_buf *pb, uint32_t itag, uint8_t fFlags)
{
    if (!pb->large) {
        uint8_t *pt = tag_ptr(pb, itag) + 2;
        put_le16(pt, (uint16_t)((get_le16(pt) & ~PAGE_TAG_FLAGS_MASK) | ((uint32_t)fFlags << PAGE_TAG_FLAGS_SHIFT)));
    } else if (itag != 0 && tag_cb(pb, itag) >= 2) {
        uint8_t *pl = data_ptr(pb, tag_ib(pb, itag));
        put_le16(pl, (uint16_t)((get_le16(pl) & ~PAGE_TAG_FLAGS_MASK) | ((uint32_t)fFlags << PAGE_TAG_FLAGS_SHIFT)));
    }
}

static inline uint32_t itag_mic(struct page_buf *pb) { return le16_get(&hdr_w(pb)->itagState) & PAGE_ITAG_STATE_COUNT_MASK; }
static inline void set_itag_mic(struct page_buf *pb, uint32_t itag)
{
    /* Keep the reserved-tag count bits: a page in the newer form stays in it, a legacy page
     * stays legacy (as ESE does when it changes a page it did not format). */
    uint16_t s = le16_get(&hdr_w(pb)->itagState);
    le16_put(&hdr_w(pb)->itagState, (uint16_t)((s & ~PAGE_ITAG_STATE_COUNT_MASK) | itag));
}
static inline uint32_t cb_free(struct page_buf *pb) { return le16_get(&hdr_w(pb)->cbFree); }
static inline void set_cb_free(struct page_buf *pb, uint32_t cb) { le16_put(&hdr_w(pb)->cbFree, (uint16_t)cb); }
static inline uint32_t ib_mic(struct page_buf *pb) { return le16_get(&hdr_w(pb)->ibMicFree); }
static inline void set_ib_mic(struct page_buf *pb, uint32_t ib) { le16_put(&hdr_w(pb)->ibMicFree, (uint16_t)ib); }

static inline uint32_t contiguous_free(struct page_buf *pb)
{
    struct page_view v = page_view_of(pb);
    return page_cb_contiguous_free(&v);
}

/* What every mutator relies on, checked in O(tags) before anything is written: a sane tag
 * array, every line inside the data area, and free-space accounting that adds up. With these,
 * compaction and moves stay inside the data area even if the page is otherwise damaged. */
static const char *sound_problem(const struct page_buf *pb)
{
    const struct page_view v = page_view_of(pb);
    const uint32_t itagMic = page_itag_mic_free(&v);
    const uint32_t cbData = page_cb_data(&v);
    const uint32_t ibMic = page_ib_mic_free(&v), cbFree = page_cb_free(&v);
    uint32_t cbTotal = 0;

    if (page_is_preinit(&v) || itagMic == 0)
        return "page has no external header to build on";
    if (page_ctag_reserved(&v) > itagMic || itagMic >= cbData / PAGE_CB_TAG)
        return "tag counts out of range";
    const uint32_t ibLimit = cbData - itagMic * PAGE_CB_TAG;
    if (ibMic > ibLimit || cbFree > cbData)
        return "header free-space fields out of range";
    /* One pass over the tag words, branch-free (the compiler can vectorize it): the sum of the
     * line sizes and the highest end of a non-empty line. Tags sit below the page end, the
     * last one lowest. */
    const uint8_t *ptLow = pb->buf + pb->cb - PAGE_CB_TAG * itagMic;
    const uint32_t mask = pb->large ? PAGE_TAG_MASK_LARGE : PAGE_TAG_MASK_SMALL;
    uint32_t ibEndMax = 0;
    for (uint32_t i = 0; i < itagMic; i++) {
        const uint32_t w = get_le32(ptLow + PAGE_CB_TAG * i);
        const uint32_t cb = w & mask;
        const uint32_t ibEnd = cb ? ((w >> 16) & mask) + cb : 0;
        ibEndMax = ibEnd > ibEndMax ? ibEnd : ibEndMax;
        cbTotal += cb;
    }
    if (ibEndMax > ibMic)
        return "line beyond ibMicFree";
    if (cbTotal + cbFree + itagMic * PAGE_CB_TAG != cbData)
        return "free-space accounting does not add up";
    return NULL;
}

static JET_ERR check_sound(struct page_buf *pb)
{
    const char *szProblem = sound_problem(pb);
    return szProblem ? ERR_CORRUPT(pb->pgno, szProblem) : JET_errSuccess;
}

bool page_is_sound(const struct page_buf *pb)
{
    return sound_problem(pb) == NULL;
}

/* check_sound once per page_buf (struct page_buf: fSound). A mutator that succeeds keeps the
 * page sound; one that fails leaves it unchanged. */
static inline JET_ERR ensure_sound(struct page_buf *pb)
{
    if (pb->fSound)
        return JET_errSuccess;
    JET_ERR err = check_sound(pb);
    if (err >= 0)
        pb->fSound = true;
    return err;
}

/* ---- compaction ----------------------------------------------------------------------------- */

/* Heap sort of tag indexes by (ib, itag): deterministic, in place, O(n log n). */
static bool tag_before(struct page_buf *pb, uint16_t a, uint16_t b)
{
    const uint32_t ia = tag_ib(pb, a), ibb = tag_ib(pb, b);
    return ia < ibb || (ia == ibb && a < b);
}

static void sift_down(struct page_buf *pb, uint16_t *rg, uint32_t i, uint32_t n)
{
    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= n)
            return;
        if (c + 1 < n && tag_before(pb, rg[c], rg[c + 1]))
            c++;
        if (!tag_before(pb, rg[i], rg[c]))
            return;
        uint16_t t = rg[i]; rg[i] = rg[c]; rg[c] = t;
        i = c;
    }
}

/* Move every line down in offset order so the free space is one block after the last line.
 * The page must have passed check_sound: then every move stays inside the data area. */
static void reorganize(struct page_buf *pb)
{
    uint16_t rg[PAGE_ITAG_STATE_COUNT_MASK + 1];
    const uint32_t n = itag_mic(pb);

    for (uint32_t i = 0; i < n; i++)
        rg[i] = (uint16_t)i;
    for (uint32_t i = n / 2; i-- > 0; )
        sift_down(pb, rg, i, n);
    for (uint32_t end = n; end > 1; end--) {
        uint16_t t = rg[0]; rg[0] = rg[end - 1]; rg[end - 1] = t;
        sift_down(pb, rg, 0, end - 1);
    }

    uint32_t ibDest = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint32_t cb = tag_cb(pb, rg[i]);
        if (cb)
            memmove(data_ptr(pb, ibDest), data_ptr(pb, tag_ib(pb, rg[i])), cb);
        tag_set_ib(pb, rg[i], ibDest);
        ibDest += cb;
    }
    set_ib_mic(pb, ibDest);
}

JET_ERR page_reorganize(struct page_buf *pb)
{
    JET_ERR err;
    CALL_R(ensure_sound(pb));
    reorganize(pb);
    return JET_errSuccess;
}

/* ---- writing lines -------------------------------------------------------------------------- */

/* Where a piece of a new line comes from. Pieces from the page are named by position, not by
 * pointer, because compaction may move them before they are copied. */
enum piece_src { SRC_MEM, SRC_SELF, SRC_TAG0 };
struct piece {
    enum piece_src src;
    const uint8_t *pv;  /* SRC_MEM */
    uint32_t ib;        /* SRC_SELF, SRC_TAG0: offset inside that line */
    uint32_t cb;
};

static JET_ERR pieces_total(struct page_buf *pb, const struct piece *rg, uint32_t c, uint32_t *pcb)
{
    uint32_t cb = 0;
    for (uint32_t i = 0; i < c; i++) {
        if (rg[i].cb > PAGE_CB_MAX)
            return ERR_TRAP(JET_errInvalidParameter);
        /* Caller memory must not alias the page: a move or compaction would change it. */
        if (rg[i].src == SRC_MEM && rg[i].cb && (uintptr_t)rg[i].pv < (uintptr_t)(pb->buf + pb->cb)
                && (uintptr_t)rg[i].pv + rg[i].cb > (uintptr_t)pb->buf)
            return ERR_TRAP(JET_errInvalidParameter);
        cb += rg[i].cb;
    }
    if (cb > page_cb_line_max(pb->cb))
        return ERR_TRAP(JET_errInvalidParameter);
    *pcb = cb;
    return JET_errSuccess;
}

/* Copy the pieces to offset ibDest. pbSelf is where the SRC_SELF bytes are now (the old line,
 * or a saved copy); a SELF piece goes first because in place it may overlap its own source. */
static void pieces_write(struct page_buf *pb, uint32_t ibDest, const struct piece *rg, uint32_t c,
        const uint8_t *pbSelf)
{
    uint32_t ib = ibDest;
    for (uint32_t i = 0; i < c; i++) {
        if (rg[i].src == SRC_SELF && rg[i].cb)
            memmove(data_ptr(pb, ib), pbSelf + rg[i].ib, rg[i].cb);
        ib += rg[i].cb;
    }
    ib = ibDest;
    for (uint32_t i = 0; i < c; i++) {
        if (rg[i].cb == 0) {
            /* nothing */
        } else if (rg[i].src == SRC_MEM) {
            memcpy(data_ptr(pb, ib), rg[i].pv, rg[i].cb);
        } else if (rg[i].src == SRC_TAG0) {
            memmove(data_ptr(pb, ib), data_ptr(pb, tag_ib(pb, 0)) + rg[i].ib, rg[i].cb);
        }
        ib += rg[i].cb;
    }
}

/* Insert a new tag at itag holding the pieces (all SRC_MEM). Checks done by the caller:
 * check_sound, itag in [ctagReserved, itagMic], size and cbFree. */
static void insert_tag(struct page_buf *pb, uint32_t itag, const struct piece *rg, uint32_t c,
        uint32_t cbTotal, uint8_t fFlags)
{
    if (contiguous_free(pb) < cbTotal + PAGE_CB_TAG)
        reorganize(pb);
    assert(contiguous_free(pb) >= cbTotal + PAGE_CB_TAG);

    /* Open slot itag: tags itag.. move one place down in memory (toward the data). The slot
     * then still holds the bytes of the tag that was there (or of the free area), whose high
     * bits survive below, as in ESE. */
    const uint32_t n = itag_mic(pb);
    if (itag < n)
        memmove(tag_ptr(pb, n), tag_ptr(pb, n - 1), PAGE_CB_TAG * (n - itag));
    set_itag_mic(pb, n + 1);

    tag_set_cb(pb, itag, 0);
    tag_set_ib(pb, itag, 0);
    tag_set_flags(pb, itag, 0);
    const uint32_t ib = ib_mic(pb);
    tag_set_ib(pb, itag, ib);
    set_ib_mic(pb, ib + cbTotal);
    tag_set_cb(pb, itag, cbTotal);
    set_cb_free(pb, cb_free(pb) - cbTotal - PAGE_CB_TAG);
    pieces_write(pb, ib, rg, c, NULL);
    tag_set_flags(pb, itag, fFlags);
}

/* Rotate the compacted lines so that itag's line comes last: the bytes from its start to
 * ibMicFree are rotated left by its size (three reversals, no extra memory), and the lines that
 * followed it move down by that size. Requires a compacted page. */
static void reverse_bytes(uint8_t *pb, uint32_t cb)
{
    for (uint32_t i = 0, j = cb; i + 1 < j; i++, j--) {
        uint8_t t = pb[i]; pb[i] = pb[j - 1]; pb[j - 1] = t;
    }
}

static void move_line_last(struct page_buf *pb, uint32_t itag)
{
    const uint32_t ib = tag_ib(pb, itag), cb = tag_cb(pb, itag), ibEnd = ib_mic(pb);
    if (ib + cb == ibEnd)
        return;
    uint8_t *p = data_ptr(pb, ib);
    reverse_bytes(p, cb);
    reverse_bytes(p + cb, ibEnd - ib - cb);
    reverse_bytes(p, ibEnd - ib);
    for (uint32_t i = 0; i < itag_mic(pb); i++) {
        if (i == itag)
            continue;
        const uint32_t ibI = tag_ib(pb, i);
        if (ibI > ib)
            tag_set_ib(pb, i, ibI - cb);
    }
    tag_set_ib(pb, itag, ibEnd - cb);
}

/* Replace the line of itag with the pieces. Checks done by the caller: check_sound, itag in
 * range, cbTotal fits (cbFree + old size), a SELF piece (at most one) within the old line. */
static void replace_tag(struct page_buf *pb, uint32_t itag, const struct piece *rg, uint32_t c,
        uint32_t cbTotal, uint8_t fFlags)
{
    const uint32_t cbOld = tag_cb(pb, itag), ibOld = tag_ib(pb, itag);
    const bool fLast = ibOld + cbOld == ib_mic(pb);
    uint32_t ibDest;
    const uint8_t *pbSelf;

    set_cb_free(pb, cb_free(pb) + cbOld - cbTotal);
    if (cbTotal <= cbOld || (fLast && contiguous_free(pb) >= cbTotal - cbOld)) {
        /* Shrinking, or the last line growing into the free space: it stays where it is. */
        if (fLast)
            set_ib_mic(pb, ib_mic(pb) - cbOld + cbTotal);
        ibDest = ibOld;
        pbSelf = data_ptr(pb, ibOld);
    } else if (contiguous_free(pb) >= cbTotal) {
        /* Growing: ESE releases the line and writes it anew at ibMicFree; the old bytes stay
         * behind as a hole until the next compaction. */
        pbSelf = data_ptr(pb, ibOld);
        ibDest = ib_mic(pb);
        set_ib_mic(pb, ibDest + cbTotal);
        tag_set_ib(pb, itag, ibDest);
    } else {
        /* Growing with too little contiguous room: ESE compacts the other lines and appends
         * this one. Compacting with the line still in place and then rotating it to the end
         * gives the same layout while keeping its old bytes readable. */
        reorganize(pb);
        move_line_last(pb, itag);
        ibDest = tag_ib(pb, itag);
        pbSelf = data_ptr(pb, ibDest);
        set_ib_mic(pb, ibDest + cbTotal);
    }
    assert(ibDest + cbTotal <= pb->cb - page_cb_header_for(pb->cb) - itag_mic(pb) * PAGE_CB_TAG);
    tag_set_cb(pb, itag, cbTotal);
    pieces_write(pb, ibDest, rg, c, pbSelf);
    tag_set_flags(pb, itag, fFlags);
}

/* ---- line level API -------------------------------------------------------------------------- */

static JET_ERR mem_pieces(struct page_buf *pb, const struct page_data *rgdata, uint32_t cdata,
        struct piece *rg, uint32_t *pcb)
{
    if (cdata > 8 || (cdata && !rgdata))
        return ERR_TRAP(JET_errInvalidParameter);
    for (uint32_t i = 0; i < cdata; i++) {
        if (rgdata[i].cb && !rgdata[i].pv)
            return ERR_TRAP(JET_errInvalidParameter);
        rg[i].src = SRC_MEM;
        rg[i].pv = (const uint8_t *)rgdata[i].pv;
        rg[i].ib = 0;
        rg[i].cb = rgdata[i].cb;
    }
    return pieces_total(pb, rg, cdata, pcb);
}

/* A node line needs two bytes on large pages (its flags live there) and one anywhere. */
static bool line_size_ok(struct page_buf *pb, uint32_t cb)
{
    return cb >= (pb->large ? 2u : 1u);
}

/* page_insert_line after check_sound. */
static JET_ERR insert_line_checked(struct page_buf *pb, uint32_t iline, const struct page_data *rgdata,
        uint32_t cdata, uint8_t fFlags)
{
    JET_ERR err;
    struct piece rg[8];
    uint32_t cbTotal = 0;

    CALL_R(mem_pieces(pb, rgdata, cdata, rg, &cbTotal));
    const struct page_view v = page_view_of(pb);
    if (iline > page_cline(&v) || (fFlags & ~PAGE_NODE_FLAGS_ALL) || !line_size_ok(pb, cbTotal))
        return ERR_TRAP(JET_errInvalidParameter);
    if (page_itag_mic_free(&v) >= PAGE_ITAG_STATE_COUNT_MASK)
        return ERR_PAGE_FULL;
    if (cb_free(pb) < cbTotal + PAGE_CB_TAG)
        return ERR_PAGE_FULL;
    insert_tag(pb, iline + page_ctag_reserved(&v), rg, cdata, cbTotal, fFlags);
    return JET_errSuccess;
}

JET_ERR page_insert_line(struct page_buf *pb, uint32_t iline, const struct page_data *rgdata,
        uint32_t cdata, uint8_t fFlags)
{
    JET_ERR err;
    CALL_R(ensure_sound(pb));
    return insert_line_checked(pb, iline, rgdata, cdata, fFlags);
}

JET_ERR page_replace_line(struct page_buf *pb, uint32_t iline, const struct page_data *rgdata,
        uint32_t cdata, uint8_t fFlags)
{
    JET_ERR err;
    struct piece rg[8];
    uint32_t cbTotal = 0;

    CALL_R(ensure_sound(pb));
    CALL_R(mem_pieces(pb, rgdata, cdata, rg, &cbTotal));
    const struct page_view v = page_view_of(pb);
    if (iline >= page_cline(&v) || (fFlags & ~PAGE_NODE_FLAGS_ALL) || !line_size_ok(pb, cbTotal))
        return ERR_TRAP(JET_errInvalidParameter);
    const uint32_t itag = iline + page_ctag_reserved(&v);
    if (cb_free(pb) + tag_cb(pb, itag) < cbTotal)
        return ERR_PAGE_FULL;
    replace_tag(pb, itag, rg, cdata, cbTotal, fFlags);
    return JET_errSuccess;
}

JET_ERR page_delete_line(struct page_buf *pb, uint32_t iline)
{
    JET_ERR err;

    CALL_R(ensure_sound(pb));
    const struct page_view v = page_view_of(pb);
    if (iline >= page_cline(&v))
        return ERR_TRAP(JET_errInvalidParameter);

    const uint32_t itag = iline + page_ctag_reserved(&v);
    const uint32_t cb = tag_cb(pb, itag), ib = tag_ib(pb, itag);
    const uint32_t n = itag_mic(pb);

    /* Space at the end of the lines comes back to the contiguous free block; a hole elsewhere
     * stays until the next compaction. The line's bytes are left as they are. */
    if (ib + cb == ib_mic(pb))
        set_ib_mic(pb, ib_mic(pb) - cb);
    set_cb_free(pb, cb_free(pb) + cb + PAGE_CB_TAG);
    /* Tags after itag move up one slot; the freed last slot keeps its stale bytes. */
    if (itag + 1 < n)
        memmove(tag_ptr(pb, n - 1) + PAGE_CB_TAG, tag_ptr(pb, n - 1), PAGE_CB_TAG * (n - 1 - itag));
    set_itag_mic(pb, n - 1);
    /* Only the empty tag 0 left: the whole data area is free again. */
    if (cb_free(pb) + PAGE_CB_TAG + page_cb_header_for(pb->cb) == pb->cb)
        set_ib_mic(pb, 0);
    return JET_errSuccess;
}

JET_ERR page_set_line_flags(struct page_buf *pb, uint32_t iline, uint8_t fFlags)
{
    JET_ERR err;
    struct page_line l;
    const struct page_view v = page_view_of(pb);

    if (fFlags & ~PAGE_NODE_FLAGS_ALL)
        return ERR_TRAP(JET_errInvalidParameter);
    if (iline >= page_cline(&v))
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(page_get_line(&v, iline, &l));
    if (!line_size_ok(pb, l.cb))
        return ERR_CORRUPT(pb->pgno, "node line too short for its flags");
    tag_set_flags(pb, iline + page_ctag_reserved(&v), fFlags);
    return JET_errSuccess;
}

/* ---- prefixes and tag 0 --------------------------------------------------------------------- */

/* Where the key prefix starts inside tag 0: after the split buffer on space-tree roots. Returns
 * false for FDP roots, which have no prefix. */
static bool prefix_offset(const struct page_view *pv, uint32_t *pib)
{
    if (page_is_fdp_root(pv))
        return false;
    *pib = page_is_root(pv) ? sizeof(struct split_buffer_disk) : 0;
    return true;
}

/* Largest prefix count any compressed node on the page uses. */
static JET_ERR max_prefix_used(const struct page_view *pv, uint32_t *pcbMax)
{
    JET_ERR err;
    *pcbMax = 0;
    for (uint32_t iline = 0; iline < page_cline(pv); iline++) {
        struct page_line l;
        CALL_R(page_get_line(pv, iline, &l));
        if (!(l.fFlags & PAGE_NODE_COMPRESSED))
            continue;
        if (l.cb < 2 * PAGE_NODE_CB_COUNT)
            return ERR_CORRUPT(pv->pgno, "compressed node shorter than its key counts");
        *pcbMax = MAX(*pcbMax, (uint32_t)(get_le16(l.pb) & PAGE_NODE_CB_KEY_MASK));
    }
    return JET_errSuccess;
}

JET_ERR page_set_external_header(struct page_buf *pb, const void *pv, uint32_t cb)
{
    JET_ERR err;
    struct piece rg[1] = { { SRC_MEM, (const uint8_t *)pv, 0, cb } };
    uint32_t cbTotal = 0, ibPrefix;

    CALL_R(ensure_sound(pb));
    if (cb && !pv)
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(pieces_total(pb, rg, 1, &cbTotal));
    const struct page_view v = page_view_of(pb);

    /* Nodes that borrow bytes from the prefix must find the same bytes afterwards. */
    if (prefix_offset(&v, &ibPrefix)) {
        uint32_t cbUsed;
        struct page_line l0;
        CALL_R(max_prefix_used(&v, &cbUsed));
        CALL_R(page_get_tag(&v, 0, &l0));
        if (cbUsed) {
            if (l0.cb < ibPrefix + cbUsed)
                return ERR_CORRUPT(pb->pgno, "node uses more prefix than the page has");
            if (cb < ibPrefix + cbUsed || memcmp((const uint8_t *)pv + ibPrefix, l0.pb + ibPrefix, cbUsed) != 0)
                return ERR_TRAP(JET_errInvalidParameter);
        }
    }
    if (cb_free(pb) + tag_cb(pb, 0) < cbTotal)
        return ERR_PAGE_FULL;
    replace_tag(pb, 0, rg, 1, cbTotal, 0);
    return JET_errSuccess;
}

/* ---- node level API -------------------------------------------------------------------------- */

/* Every node carries data; a node of an internal page carries exactly a child page number. */
static bool node_data_size_ok(const struct page_view *pv, uint32_t cbData)
{
    return page_is_internal(pv) ? cbData == 4 : cbData > 0;
}

static uint32_t common_prefix(const uint8_t *a, uint32_t cbA, const uint8_t *b, uint32_t cbB)
{
    uint32_t n = MIN(cbA, cbB), i = 0;
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

/* Insert a node with cbPrefix bytes of its key taken from the page prefix, after check_sound. */
static JET_ERR insert_node_checked(struct page_buf *pb, uint32_t iline, const void *pvKey, uint32_t cbKey,
        uint32_t cbPrefix, const void *pvData, uint32_t cbData, uint8_t fFlags)
{
    JET_ERR err;
    const struct page_view v = page_view_of(pb);
    const uint8_t *pbKey = (const uint8_t *)pvKey;

    if ((cbKey && !pvKey) || !pvData || (fFlags & ~PAGE_NODE_FLAGS_ALL) || !node_data_size_ok(&v, cbData))
        return ERR_TRAP(JET_errInvalidParameter);
    if (cbPrefix > cbKey || cbKey - cbPrefix > PAGE_NODE_CB_KEY_MASK)
        return ERR_TRAP(JET_errInvalidParameter);
    if (cbPrefix) {
        const uint8_t *pbPrefix;
        uint16_t cbPagePrefix;
        CALL_R(page_get_prefix(&v, &pbPrefix, &cbPagePrefix));
        if (page_is_fdp_root(&v) || cbPrefix < PAGE_NODE_PREFIX_MIN
                || common_prefix(pbKey, cbKey, pbPrefix, cbPagePrefix) < cbPrefix)
            return ERR_TRAP(JET_errInvalidParameter);
    }

    uint8_t rgbCounts[4];
    uint32_t cbCounts = 0;
    if (cbPrefix) {
        put_le16(rgbCounts, (uint16_t)cbPrefix);
        cbCounts = 2;
    }
    put_le16(rgbCounts + cbCounts, (uint16_t)(cbKey - cbPrefix));
    cbCounts += 2;
    fFlags = (uint8_t)((fFlags & ~PAGE_NODE_COMPRESSED) | (cbPrefix ? PAGE_NODE_COMPRESSED : 0));

    const struct page_data rgdata[3] = {
        { rgbCounts, cbCounts }, { pbKey + cbPrefix, cbKey - cbPrefix }, { pvData, cbData },
    };
    return insert_line_checked(pb, iline, rgdata, 3, fFlags);
}

JET_ERR page_insert_node_prefix(struct page_buf *pb, uint32_t iline, const void *pvKey, uint32_t cbKey,
        uint32_t cbPrefix, const void *pvData, uint32_t cbData, uint8_t fFlags)
{
    JET_ERR err;
    CALL_R(ensure_sound(pb));
    return insert_node_checked(pb, iline, pvKey, cbKey, cbPrefix, pvData, cbData, fFlags);
}

JET_ERR page_insert_node(struct page_buf *pb, uint32_t iline, const void *pvKey, uint32_t cbKey,
        const void *pvData, uint32_t cbData, uint8_t fFlags)
{
    JET_ERR err;
    const struct page_view v = page_view_of(pb);
    uint32_t cbPrefix = 0;

    CALL_R(ensure_sound(pb));
    if (cbKey && !pvKey)
        return ERR_TRAP(JET_errInvalidParameter);
    if (!page_is_fdp_root(&v)) {
        const uint8_t *pbPrefix;
        uint16_t cbPagePrefix;
        CALL_R(page_get_prefix(&v, &pbPrefix, &cbPagePrefix));
        const uint32_t cbCommon = common_prefix((const uint8_t *)pvKey, cbKey, pbPrefix, cbPagePrefix);
        if (cbCommon >= PAGE_NODE_PREFIX_MIN)
            cbPrefix = cbCommon;
    }
    return insert_node_checked(pb, iline, pvKey, cbKey, cbPrefix, pvData, cbData, fFlags);
}

/* The raw counts of a node line: how many count bytes, its stored prefix count and suffix size. */
struct node_raw {
    uint32_t cbCounts;
    uint32_t cbPrefix;
    uint32_t cbSuffix;
    uint8_t  fFlags;
};

static JET_ERR node_raw_get(struct page_buf *pb, uint32_t iline, struct node_raw *pr, struct page_line *pl)
{
    JET_ERR err;
    const struct page_view v = page_view_of(pb);

    if (iline >= page_cline(&v))
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(page_get_line(&v, iline, pl));
    pr->fFlags = pl->fFlags;
    pr->cbCounts = (pl->fFlags & PAGE_NODE_COMPRESSED) ? 4 : 2;
    if (pl->cb < pr->cbCounts)
        return ERR_CORRUPT(pb->pgno, "node shorter than its key counts");
    pr->cbPrefix = pr->cbCounts == 4 ? (get_le16(pl->pb) & PAGE_NODE_CB_KEY_MASK) : 0;
    pr->cbSuffix = get_le16(pl->pb + pr->cbCounts - 2) & PAGE_NODE_CB_KEY_MASK;
    if (pr->cbSuffix > pl->cb - pr->cbCounts)
        return ERR_CORRUPT(pb->pgno, "node key suffix larger than the node");
    return JET_errSuccess;
}

JET_ERR page_replace_node_data(struct page_buf *pb, uint32_t iline, const void *pvData, uint32_t cbData)
{
    JET_ERR err;
    struct node_raw r;
    struct page_line l;
    uint32_t cbTotal = 0;

    CALL_R(ensure_sound(pb));
    const struct page_view vw = page_view_of(pb);
    if (!pvData || !node_data_size_ok(&vw, cbData))
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(node_raw_get(pb, iline, &r, &l));

    /* Counts rebuilt from their values (as ESE re-encodes the key), suffix kept in place. */
    uint8_t rgbCounts[4];
    if (r.cbCounts == 4)
        put_le16(rgbCounts, (uint16_t)r.cbPrefix);
    put_le16(rgbCounts + r.cbCounts - 2, (uint16_t)r.cbSuffix);
    const struct piece rg[3] = {
        { SRC_MEM, rgbCounts, 0, r.cbCounts },
        { SRC_SELF, NULL, r.cbCounts, r.cbSuffix },
        { SRC_MEM, (const uint8_t *)pvData, 0, cbData },
    };
    CALL_R(pieces_total(pb, rg, 3, &cbTotal));
    const struct page_view v = page_view_of(pb);
    const uint32_t itag = iline + page_ctag_reserved(&v);
    if (cb_free(pb) + l.cb < cbTotal)
        return ERR_PAGE_FULL;
    replace_tag(pb, itag, rg, 3, cbTotal, r.fFlags);
    return JET_errSuccess;
}

JET_ERR page_node_set_prefix(struct page_buf *pb, uint32_t iline, uint32_t cbPrefixNew)
{
    JET_ERR err;
    struct node_raw r;
    struct page_line l;
    const uint8_t *pbPrefix;
    uint16_t cbPagePrefix;
    uint32_t cbTotal = 0, ibPrefix;

    CALL_R(ensure_sound(pb));
    const struct page_view v = page_view_of(pb);
    CALL_R(node_raw_get(pb, iline, &r, &l));
    if (!prefix_offset(&v, &ibPrefix))
        return ERR_TRAP(JET_errInvalidParameter);       /* FDP roots keep keys whole */
    CALL_R(page_get_prefix(&v, &pbPrefix, &cbPagePrefix));
    if (r.cbPrefix > cbPagePrefix)
        return ERR_CORRUPT(pb->pgno, "node uses more prefix than the page has");

    const uint32_t cbKey = r.cbPrefix + r.cbSuffix;
    if (cbPrefixNew > cbKey || (cbPrefixNew && cbPrefixNew < PAGE_NODE_PREFIX_MIN)
            || cbKey - cbPrefixNew > PAGE_NODE_CB_KEY_MASK)
        return ERR_TRAP(JET_errInvalidParameter);
    /* The new prefix must really be shared: key bytes beyond the old prefix come from the
     * suffix and must match the page prefix. */
    if (cbPrefixNew > r.cbPrefix) {
        if (cbPrefixNew > cbPagePrefix
                || memcmp(l.pb + r.cbCounts, pbPrefix + r.cbPrefix, cbPrefixNew - r.cbPrefix) != 0)
            return ERR_TRAP(JET_errInvalidParameter);
    }

    uint8_t rgbCounts[4];
    uint32_t cbCounts = 0;
    if (cbPrefixNew) {
        put_le16(rgbCounts, (uint16_t)cbPrefixNew);
        cbCounts = 2;
    }
    put_le16(rgbCounts + cbCounts, (uint16_t)(cbKey - cbPrefixNew));
    cbCounts += 2;
    const uint32_t cbDataNode = l.cb - r.cbCounts - r.cbSuffix;

    struct piece rg[4];
    uint32_t c = 0;
    rg[c++] = (struct piece){ SRC_MEM, rgbCounts, 0, cbCounts };
    if (cbPrefixNew < r.cbPrefix)   /* shrinking: the released prefix bytes join the suffix */
        rg[c++] = (struct piece){ SRC_TAG0, NULL, ibPrefix + cbPrefixNew, r.cbPrefix - cbPrefixNew };
    const uint32_t cbSkip = cbPrefixNew > r.cbPrefix ? cbPrefixNew - r.cbPrefix : 0;
    rg[c++] = (struct piece){ SRC_SELF, NULL, r.cbCounts + cbSkip, r.cbSuffix - cbSkip + cbDataNode };
    CALL_R(pieces_total(pb, rg, c, &cbTotal));
    if (cb_free(pb) + l.cb < cbTotal)
        return ERR_PAGE_FULL;
    const uint8_t fFlags = (uint8_t)((r.fFlags & ~PAGE_NODE_COMPRESSED) | (cbPrefixNew ? PAGE_NODE_COMPRESSED : 0));
    replace_tag(pb, iline + page_ctag_reserved(&v), rg, c, cbTotal, fFlags);
    return JET_errSuccess;
}
