/* SPDX-License-Identifier: MIT
 * page/page_read.c: reading pages: tags, lines, nodes and their prefixes, root external
 * headers, and page_validate(), the structural check every page read from disk goes through.
 * Layer: page (uses base).
 * ESE-FORMAT-NOTES §4 (header), §5 (tags, nodes, prefixes), §6 (external headers). The
 * validation follows the invariants ESE's page check enforces (cpage.cxx), made strict wherever
 * ESE only asserts, so that a page that passes can be walked without further bounds checks. */
#include "page.h"
#include "debug.h"

DEBUG_CHANNEL(page);

JET_ERR page_err_corrupt(JET_ERR err, uint32_t pgno, const char *what, const char *file, int line)
{
    if (pgno)
        WARN("page %u: %s\n", (unsigned)pgno, what);
    else
        WARN("database header: %s\n", what);
    return err_trap(err, file, line);
}

/* ---- tags ---------------------------------------------------------------------------------- */

static inline uint32_t tag_mask(const struct page_view *pv)
{
    return pv->large ? PAGE_TAG_MASK_LARGE : PAGE_TAG_MASK_SMALL;
}

/* The tag array must fit the data area with room to spare, or tag positions would fall into
 * the header (ESE: itagMicFree too large / tag array walking onto the header). */
static bool tag_array_sane(const struct page_view *pv)
{
    const uint32_t cbData = page_cb_data(pv);
    const uint32_t itag = page_itag_mic_free(pv);
    return itag < cbData / PAGE_CB_TAG && itag * PAGE_CB_TAG + 1 < cbData;
}

/* Where a page's lines are, worked out once per page: the end of the tag array, the start of the
 * data area, the end of the lines (ibLimit: the data area before the tag array, for a sane
 * itagMicFree), the reserved tags and the tag mask. */
static inline struct page_lines lines_of(const struct page_view *pv, uint32_t itagMic)
{
    struct page_lines g;
    g.pbTagEnd = pv->buf + pv->cb;
    g.pbData = pv->buf + page_cb_header(pv);
    g.ibLimit = page_cb_data(pv) - itagMic * PAGE_CB_TAG;
    g.ctagRes = page_ctag_reserved(pv);
    g.mask = (uint16_t)tag_mask(pv);
    g.large = pv->large;
    g.pgno = pv->pgno;
    return g;
}

/* The line of tag itag (below the itagMicFree that pg was made with). */
static inline JET_ERR line_at(const struct page_lines *pg, uint32_t itag, struct page_line *pl)
{
    const uint8_t *pt = pg->pbTagEnd - PAGE_CB_TAG * (itag + 1);
    const uint16_t cbRaw = get_le16(pt), ibRaw = get_le16(pt + 2);
    const uint32_t cb = cbRaw & pg->mask, ib = ibRaw & pg->mask;

    pl->pb = NULL;
    pl->cb = 0;
    pl->fFlags = 0;
    if (cb == 0) {
        if (itag >= pg->ctagRes)
            return ERR_CORRUPT(pg->pgno, "node tag of zero length");
        return JET_errSuccess;
    }
    /* The line must lie inside the data area: after the header, before the tag array. */
    if (ib >= pg->ibLimit || cb > pg->ibLimit - ib)
        return ERR_CORRUPT(pg->pgno, "line outside the data area");

    pl->pb = pg->pbData + ib;
    pl->cb = (uint16_t)cb;
    if (itag >= pg->ctagRes) {
        if (!pg->large)
            pl->fFlags = (uint8_t)(ibRaw >> PAGE_TAG_FLAGS_SHIFT);
        else if (cb >= 2)
            pl->fFlags = (uint8_t)(get_le16(pl->pb) >> PAGE_TAG_FLAGS_SHIFT);
    }
    return JET_errSuccess;
}

JET_ERR page_get_tag(const struct page_view *pv, uint32_t itag, struct page_line *pl)
{
    const uint32_t itagMic = page_itag_mic_free(pv);
    if (itag >= itagMic || !tag_array_sane(pv))
        return ERR_CORRUPT(pv->pgno, "tag beyond the tag array");
    const struct page_lines g = lines_of(pv, itagMic);
    return line_at(&g, itag, pl);
}

JET_ERR page_get_line(const struct page_view *pv, uint32_t iline, struct page_line *pl)
{
    if (iline >= page_cline(pv))
        return ERR_CORRUPT(pv->pgno, "line beyond the node count");
    return page_get_tag(pv, iline + page_ctag_reserved(pv), pl);
}

JET_ERR page_get_external_header(const struct page_view *pv, struct page_line *pl)
{
    if (page_itag_mic_free(pv) == 0) {
        /* Pre-initialized and emptied pages may have no tag at all. */
        pl->pb = NULL;
        pl->cb = 0;
        pl->fFlags = 0;
        return JET_errSuccess;
    }
    return page_get_tag(pv, 0, pl);
}

/* ---- nodes --------------------------------------------------------------------------------- */

JET_ERR page_get_prefix(const struct page_view *pv, const uint8_t **ppb, uint16_t *pcb)
{
    JET_ERR err;
    struct page_line l;

    *ppb = NULL;
    *pcb = 0;
    if (page_is_fdp_root(pv))
        return JET_errSuccess;          /* tag 0 is the space header: no prefix (§5) */
    CALL_R(page_get_external_header(pv, &l));
    if (page_is_root(pv)) {
        /* Space-tree root: the prefix follows the split buffer. */
        if (l.cb > sizeof(struct split_buffer_disk)) {
            *ppb = l.pb + sizeof(struct split_buffer_disk);
            *pcb = (uint16_t)(l.cb - sizeof(struct split_buffer_disk));
        }
        return JET_errSuccess;
    }
    *ppb = l.pb;
    *pcb = l.cb;
    return JET_errSuccess;
}

/* Split a line into a node, its prefix resolved against (pbPrefix, cbPrefixAvail). */
static JET_ERR node_from_line(const struct page_view *pv, const struct page_line *pl, const uint8_t *pbPrefix,
        uint16_t cbPrefixAvail, bool fPrefixIgnored, struct page_node *pn)
{
    const uint8_t *pb = pl->pb;
    uint32_t cbCounts = PAGE_NODE_CB_COUNT;
    uint32_t cbPrefix = 0;

    if (pl->fFlags & PAGE_NODE_COMPRESSED) {
        cbCounts += PAGE_NODE_CB_COUNT;
        if (pl->cb < cbCounts)
            return ERR_CORRUPT(pv->pgno, "compressed node shorter than its key counts");
        cbPrefix = get_le16(pb) & PAGE_NODE_CB_KEY_MASK;
        pb += PAGE_NODE_CB_COUNT;
    } else if (pl->cb < cbCounts) {
        return ERR_CORRUPT(pv->pgno, "node shorter than its key count");
    }
    const uint32_t cbSuffix = get_le16(pb) & PAGE_NODE_CB_KEY_MASK;
    if (cbSuffix > pl->cb - cbCounts)
        return ERR_CORRUPT(pv->pgno, "node key suffix larger than the node");

    /* ESE ignores the prefix count of a compressed node on an FDP root (tag 0 holds the space
     * header there); elsewhere the prefix must exist in full. */
    if (fPrefixIgnored)
        cbPrefix = 0;
    else if (cbPrefix > cbPrefixAvail)
        return ERR_CORRUPT(pv->pgno, "node uses more prefix than the page has");

    pn->pbPrefix = cbPrefix ? pbPrefix : NULL;
    pn->cbPrefix = (uint16_t)cbPrefix;
    pn->pbSuffix = pb + PAGE_NODE_CB_COUNT;
    pn->cbSuffix = (uint16_t)cbSuffix;
    pn->pbData = pn->pbSuffix + cbSuffix;
    pn->cbData = (uint16_t)(pl->cb - cbCounts - cbSuffix);
    pn->fFlags = pl->fFlags;
    return JET_errSuccess;
}

JET_ERR page_get_node(const struct page_view *pv, uint32_t iline, struct page_node *pn)
{
    JET_ERR err;
    struct page_line l;
    const uint8_t *pbPrefix = NULL;
    uint16_t cbPrefix = 0;

    CALL_R(page_get_line(pv, iline, &l));
    if (l.fFlags & PAGE_NODE_COMPRESSED)
        CALL_R(page_get_prefix(pv, &pbPrefix, &cbPrefix));
    return node_from_line(pv, &l, pbPrefix, cbPrefix, page_is_fdp_root(pv), pn);
}

JET_ERR page_nodes_init(const struct page_view *pv, struct page_nodes *pns)
{
    const uint32_t itagMic = page_itag_mic_free(pv);
    pns->pv = pv;
    pns->cline = page_cline(pv);
    pns->pbPrefix = NULL;
    pns->cbPrefix = 0;
    pns->errPrefix = JET_errSuccess;
    pns->fPrefixIgnored = page_is_fdp_root(pv);
    pns->lines = lines_of(pv, itagMic);
    if (pns->cline == 0)
        return JET_errSuccess;
    if (!tag_array_sane(pv))
        return ERR_CORRUPT(pv->pgno, "tag beyond the tag array");
    /* A bad prefix matters only to the compressed nodes that use it (as in page_get_node). The
     * prefix is page_get_prefix's, read from tag 0 with the lines already worked out. */
    if (!pns->fPrefixIgnored) {
        struct page_line l;
        pns->errPrefix = line_at(&pns->lines, 0, &l);
        if (pns->errPrefix >= 0) {
            if (!page_is_root(pv)) {
                pns->pbPrefix = l.pb;
                pns->cbPrefix = l.cb;
            } else if (l.cb > sizeof(struct split_buffer_disk)) {
                /* Space-tree root: the prefix follows the split buffer. */
                pns->pbPrefix = l.pb + sizeof(struct split_buffer_disk);
                pns->cbPrefix = (uint16_t)(l.cb - sizeof(struct split_buffer_disk));
            }
        }
    }
    return JET_errSuccess;
}

JET_ERR page_nodes_get_checked(const struct page_nodes *pns, uint32_t iline, struct page_node *pn)
{
    JET_ERR err;
    struct page_line l;
    if (iline >= pns->cline)
        return ERR_CORRUPT(pns->pv->pgno, "line beyond the node count");
    CALL_R(line_at(&pns->lines, iline + pns->lines.ctagRes, &l));
    if ((l.fFlags & PAGE_NODE_COMPRESSED) && pns->errPrefix < 0)
        return pns->errPrefix;
    return node_from_line(pns->pv, &l, pns->pbPrefix, pns->cbPrefix, pns->fPrefixIgnored, pn);
}

uint32_t page_node_key(const struct page_node *pn, uint8_t *buf, uint32_t cb)
{
    uint32_t cbP = MIN((uint32_t)pn->cbPrefix, cb);
    if (cbP)
        memcpy(buf, pn->pbPrefix, cbP);
    uint32_t cbS = MIN((uint32_t)pn->cbSuffix, cb - cbP);
    if (cbS)
        memcpy(buf + cbP, pn->pbSuffix, cbS);
    return page_node_cb_key(pn);
}

/* Compare the node's key (two pieces) with a contiguous key. */
int page_node_key_cmp(const struct page_node *pn, const uint8_t *pbKey, uint32_t cbKey)
{
    const uint32_t cbNode = page_node_cb_key(pn);
    const uint32_t cbCommon = MIN(cbNode, cbKey);
    const uint32_t cbP = MIN((uint32_t)pn->cbPrefix, cbCommon);
    int c;

    if (cbP && (c = memcmp(pn->pbPrefix, pbKey, cbP)) != 0)
        return c;
    if (cbCommon > cbP && (c = memcmp(pn->pbSuffix, pbKey + cbP, cbCommon - cbP)) != 0)
        return c;
    return cbNode < cbKey ? -1 : cbNode > cbKey ? 1 : 0;
}

/* Byte i of a node's key. */
static inline uint8_t node_key_byte(const struct page_node *pn, uint32_t i)
{
    return i < pn->cbPrefix ? pn->pbPrefix[i] : pn->pbSuffix[i - pn->cbPrefix];
}

int page_node_cmp(const struct page_node *a, const struct page_node *b, bool fData)
{
    const uint32_t cbA = page_node_cb_key(a), cbB = page_node_cb_key(b);
    const uint32_t cbCommon = MIN(cbA, cbB);
    for (uint32_t i = 0; i < cbCommon; i++) {
        uint8_t x = node_key_byte(a, i), y = node_key_byte(b, i);
        if (x != y)
            return x < y ? -1 : 1;
    }
    if (cbA != cbB)
        return cbA < cbB ? -1 : 1;
    if (!fData)
        return 0;
    const uint32_t cbD = MIN((uint32_t)a->cbData, (uint32_t)b->cbData);
    int c = cbD ? memcmp(a->pbData, b->pbData, cbD) : 0;
    if (c)
        return c;
    return a->cbData < b->cbData ? -1 : a->cbData > b->cbData ? 1 : 0;
}

bool page_node_child_pgno(const struct page_node *pn, uint32_t *ppgno)
{
    if (pn->cbData != 4)
        return false;
    *ppgno = get_le32(pn->pbData);
    return true;
}

/* ---- external headers ---------------------------------------------------------------------- */

void page_space_header_decode(const uint8_t in[16], struct page_space_header *p)
{
    p->cpgPrimary = get_le32(in);
    p->pgnoParent = get_le32(in + 4);
    p->fFlags = get_le32(in + 8);
    p->rgbitAvailOrPgnoOE = get_le32(in + 12);
}

void page_space_header_encode(const struct page_space_header *p, uint8_t out[16])
{
    put_le32(out, p->cpgPrimary);
    put_le32(out + 4, p->pgnoParent);
    put_le32(out + 8, p->fFlags);
    put_le32(out + 12, p->rgbitAvailOrPgnoOE);
}

JET_ERR page_get_root_header(const struct page_view *pv, struct page_root_header *prh)
{
    JET_ERR err;
    struct page_line l;

    memset(prh, 0, sizeof *prh);
    if (!page_is_fdp_root(pv))
        return ERR_CORRUPT(pv->pgno, "root header asked of a page that is not a tree root");
    CALL_R(page_get_external_header(pv, &l));
    if (l.cb == 0)
        return JET_errSuccess;
    if (l.cb == sizeof(struct space_header_disk)) {
        prh->fHasSpaceHeader = true;
        page_space_header_decode(l.pb, &prh->sph);
        return JET_errSuccess;
    }

    /* Extended form: a mask byte, then the fields it names, in bit order. */
    const uint8_t mask = l.pb[0];
    uint32_t ib = 1;
    prh->fExtended = true;
    if (mask & PAGE_ROOT_FIELD_SPACE_HEADER) {
        if (l.cb < ib + sizeof(struct space_header_disk))
            return ERR_CORRUPT(pv->pgno, "root header too short for its space header");
        prh->fHasSpaceHeader = true;
        page_space_header_decode(l.pb + ib, &prh->sph);
        ib += sizeof(struct space_header_disk);
    }
    if (mask & PAGE_ROOT_FIELD_AUTOINC) {
        if (l.cb < ib + 8)
            return ERR_CORRUPT(pv->pgno, "root header too short for its auto-increment value");
        prh->fHasAutoInc = true;
        prh->qwAutoInc = get_le64(l.pb + ib);
    }
    return JET_errSuccess;
}

JET_ERR page_get_split_buffer(const struct page_view *pv, struct page_split_buffer *psb)
{
    JET_ERR err;
    struct page_line l;

    memset(psb, 0, sizeof *psb);
    if (!page_is_root(pv) || !page_is_space_tree(pv))
        return ERR_CORRUPT(pv->pgno, "split buffer asked of a page that is not a space-tree root");
    CALL_R(page_get_external_header(pv, &l));
    if (l.cb < sizeof(struct split_buffer_disk))
        return JET_errSuccess;
    for (int i = 0; i < 2; i++) {
        psb->pgnoLast[i] = get_le32(l.pb + 8 * i);
        psb->cpg[i] = get_le32(l.pb + 8 * i + 4);
    }
    return JET_errSuccess;
}

/* ---- free space ---------------------------------------------------------------------------- */

uint32_t page_cb_contiguous_free(const struct page_view *pv)
{
    const uint32_t cbUsed = page_ib_mic_free(pv) + page_itag_mic_free(pv) * PAGE_CB_TAG;
    const uint32_t cbData = page_cb_data(pv);
    return cbUsed < cbData ? cbData - cbUsed : 0;
}

/* ---- validation ---------------------------------------------------------------------------- */

/* Mark [ib, ib+cb) in the byte-occupancy bitmap; false if any byte was already taken. */
static bool mark_range(uint32_t *map, uint32_t ib, uint32_t cb)
{
    bool fOverlap = false;
    for (uint32_t i = ib; i < ib + cb; ) {
        if ((i & 31) == 0 && ib + cb - i >= 32) {
            fOverlap |= map[i / 32] != 0;
            map[i / 32] = UINT32_MAX;
            i += 32;
        } else {
            uint32_t bit = 1u << (i & 31);
            fOverlap |= (map[i / 32] & bit) != 0;
            map[i / 32] |= bit;
            i++;
        }
    }
    return !fOverlap;
}

static JET_ERR validate_header(const struct page_view *pv)
{
    const uint32_t cbData = page_cb_data(pv);
    const uint32_t fFlags = page_flags(pv);
    const uint32_t itagMic = page_itag_mic_free(pv);

    if (page_cb_free(pv) > cbData)
        return ERR_CORRUPT(pv->pgno, "cbFree larger than the data area");
    if (page_cb_uncommitted_free(pv) > page_cb_free(pv))
        return ERR_CORRUPT(pv->pgno, "cbUncommittedFree larger than cbFree");
    if (!tag_array_sane(pv))
        return ERR_CORRUPT(pv->pgno, "itagMicFree too large for the page");
    /* ESE reads the reserved-tag count as everything above bit 12, so bit 15 would mean more
     * reserved tags than a page may have. */
    if (le16_get(&page_hdr(pv)->itagState) & ~(PAGE_ITAG_STATE_COUNT_MASK | PAGE_ITAG_STATE_RESERVED_MASK))
        return ERR_CORRUPT(pv->pgno, "reserved bit set in itagState");
    /* Every node line takes at least 4 bytes (ESE's rule of thumb), tag 0 possibly none. */
    if (itagMic > 0 && (itagMic - 1) * 4 > cbData - itagMic * PAGE_CB_TAG)
        return ERR_CORRUPT(pv->pgno, "tag array leaves no room for its lines");
    if (page_ib_mic_free(pv) > cbData - itagMic * PAGE_CB_TAG)
        return ERR_CORRUPT(pv->pgno, "ibMicFree inside the tag array");
    if (itagMic > 0 && page_ctag_reserved(pv) > itagMic)
        return ERR_CORRUPT(pv->pgno, "more reserved tags than tags");

    if (itagMic == 0 && !(fFlags & (PAGE_FLAG_EMPTY | PAGE_FLAG_PREINIT)))
        return ERR_CORRUPT(pv->pgno, "page without tags is neither empty nor pre-initialized");
    if ((fFlags & PAGE_FLAG_EMPTY) && (fFlags & PAGE_FLAG_PREINIT))
        return ERR_CORRUPT(pv->pgno, "page both empty and pre-initialized");
    if (fFlags & PAGE_FLAG_PREINIT) {
        const uint32_t fAllowed = PAGE_FLAG_PREINIT | PAGE_FLAG_NEW_RECORD_FORMAT | PAGE_FLAG_NEW_CHECKSUM
                                  | PAGE_FLAG_FLUSH_TYPE_MASK;
        if (itagMic != 0 || !(fFlags & PAGE_FLAG_NEW_RECORD_FORMAT) || (fFlags & ~fAllowed)
                || page_pgno_prev(pv) != 0 || page_pgno_next(pv) != 0)
            return ERR_CORRUPT(pv->pgno, "pre-initialized page with content or foreign flags");
    }
    if ((fFlags & PAGE_FLAG_LONG_VALUE) && (fFlags & PAGE_FLAG_INDEX))
        return ERR_CORRUPT(pv->pgno, "page flagged both long-value and index");
    if (fFlags & PAGE_FLAG_REPAIRED)
        return ERR_CORRUPT(pv->pgno, "page flagged as repaired");
    return JET_errSuccess;
}

JET_ERR page_validate_ex(const struct page_view *pv, unsigned grbit)
{
    JET_ERR err;
    uint32_t map[PAGE_CB_MAX / 32];
    const uint32_t itagMic = page_itag_mic_free(pv);
    const uint32_t ctagRes = page_ctag_reserved(pv);
    const uint32_t cbData = page_cb_data(pv);
    uint32_t cbTotal = 0;

    CALL_R(validate_header(pv));

    memset(map, 0, (cbData + 31) / 32 * sizeof map[0]);
    for (uint32_t itag = 0; itag < itagMic; itag++) {
        struct page_line l;
        CALL_R(page_get_tag(pv, itag, &l));
        if (l.cb == 0)
            continue;
        const uint32_t ib = (uint32_t)(l.pb - pv->buf) - page_cb_header(pv);
        if (ib + l.cb > page_ib_mic_free(pv))
            return ERR_CORRUPT(pv->pgno, "line ends in the free space after ibMicFree");
        if (!mark_range(map, ib, l.cb))
            return ERR_CORRUPT(pv->pgno, "lines overlap");
        cbTotal += l.cb;
    }
    if (cbTotal + page_cb_free(pv) + itagMic * PAGE_CB_TAG != cbData)
        return ERR_CORRUPT(pv->pgno, "free-space accounting does not add up");

    /* Nodes. The prefix is looked up once; every node must parse and borrow no more prefix than
     * exists. Space trees are exempt from the key/data checks, as in ESE. */
    const uint8_t *pbPrefix = NULL;
    uint16_t cbPrefix = 0;
    CALL_R(page_get_prefix(pv, &pbPrefix, &cbPrefix));
    const bool fFdpRoot = page_is_fdp_root(pv);
    const bool fSpace = page_is_space_tree(pv);
    const bool fInternal = page_is_internal(pv);
    const uint32_t cline = page_cline(pv);
    struct page_node nodePrev;

    for (uint32_t iline = 0; iline < cline; iline++) {
        struct page_line l;
        struct page_node n;
        CALL_R(page_get_tag(pv, iline + ctagRes, &l));
        CALL_R(node_from_line(pv, &l, pbPrefix, cbPrefix, fFdpRoot, &n));
        const bool fLast = iline + 1 == cline;
        if (fInternal && n.cbData != 4)
            return ERR_CORRUPT(pv->pgno, "internal node data is not a page number");
        if (!fSpace) {
            if (page_node_cb_key(&n) == 0 && !(fInternal && fLast))
                return ERR_CORRUPT(pv->pgno, "node with an empty key");
            if (n.cbData == 0)
                return ERR_CORRUPT(pv->pgno, "node without data");
        }
        if ((grbit & PAGE_CHECK_KEY_ORDER) && iline > 0 && !(fInternal && fLast)
                && page_node_cmp(&n, &nodePrev, false) < 0)
            return ERR_CORRUPT(pv->pgno, "nodes out of key order");
        nodePrev = n;
    }
    return JET_errSuccess;
}

JET_ERR page_validate(const void *buf, uint32_t cbPage, uint32_t pgno)
{
    if (!page_cb_valid(cbPage))
        return ERR_CORRUPT(pgno, "invalid page size");
    struct page_view v = page_view_make(buf, cbPage, pgno);
    return page_validate_ex(&v, 0);
}
