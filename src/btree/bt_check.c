/* SPDX-License-Identifier: MIT
 * btree/bt_check.c: the integrity checker (what `esentutl /g` will run): every tree of the
 * database the caller names, with its space trees, and the space accounting of the whole file.
 * Layer: btree (uses space, cache, page, base).
 *
 * Per page: checksum and structure (through the cache), flags against the tree (type bits,
 * root, leaf, parent of leaf, space tree, objid), key order inside the page and against the
 * bounds its parents give, separators, null key on the right edge only, leaves all at one depth
 * and linked both ways in key order, and no page reached twice. Per database: every FDP's owned
 * pages inside its parent's and not available there, children disjoint, available extents and
 * split buffers inside owned ones, every tree page owned by its FDP and neither available nor
 * reserved; owned pages used by nothing are "leaked", which ESE tolerates (a warning).
 * Nothing here trusts the file: bounds are checked before use and nothing is visited twice. */
#include "bt_int.h"

DEBUG_CHANNEL(btree);

enum page_use {
    USE_NONE = 0,
    USE_TREE,           /* a page of a data tree */
    USE_SPACE_TREE,     /* a page of an OE or AE tree */
    USE_AVAIL,
    USE_SPLIT_BUFFER,
};

struct ck_fdp {
    uint32_t pgnoFDP;
    uint32_t objid;
    uint32_t pgnoParent;    /* from the space header */
    int iParent;            /* index in rgfdp, -1: none known */
    uint32_t depth;
    bool fValid;            /* the root parsed */
    bool fTypeKnown;
    enum bt_type type;
    bool fNonUnique;
    struct space_fdp_info info;
    struct space_extent *rgext;     /* owned, avail, split buffer */
    uint32_t cext, cextAlloc;
    uint32_t *rgpgnoSpace;          /* pages of its OE/AE trees */
    uint32_t cpgSpace, cpgSpaceAlloc;
    uint32_t cpgLeaked;
    uint32_t pgnoLeakedFirst;
};

struct ck {
    struct bt_db *db;
    bt_check_fn fn;
    void *pvCtx;
    struct bt_check_stats *pstats;
    JET_ERR errFirst;
    uint32_t cpgFile;
    uint32_t *rgowner;      /* per page: index + 1 of the deepest FDP owning it, 0 none */
    uint8_t *rguse;         /* per page: enum page_use */
    struct ck_fdp *rgfdp;
    uint32_t cfdp;
    uint8_t *pbScratch;     /* keys of the previous leaf node / bounds (2 * key max + data) */
    bt_check_progress_fn pfnProgress;
    void *pvProgress;
};

/* Pages between two progress reports. */
#define CK_PROGRESS_EVERY 64u

static void page_visited(struct ck *k)
{
    k->pstats->cpgVisited++;
    if (k->pfnProgress && k->pstats->cpgVisited % CK_PROGRESS_EVERY == 0)
        k->pfnProgress(k->pvProgress, k->pstats->cpgVisited, k->cpgFile);
}

static void report(struct ck *k, enum bt_check_severity sev, JET_ERR err, uint32_t pgno, uint32_t pgnoFDP,
        const char *szWhat)
{
    const struct bt_check_problem p = { sev, err, pgno, pgnoFDP, szWhat };
    if (sev == BT_CHECK_ERROR) {
        k->pstats->cErrors++;
        if (k->errFirst >= 0)
            k->errFirst = err;
        WARN("check: tree %u page %u: %s (%ld)\n", pgnoFDP, pgno, szWhat, (long)err);
    } else {
        k->pstats->cWarnings++;
        TRACE("check: tree %u page %u: %s\n", pgnoFDP, pgno, szWhat);
    }
    if (k->fn)
        k->fn(k->pvCtx, &p);
}
#define CK_ERROR(k, pgno, fdp, what) report((k), BT_CHECK_ERROR, JET_errDatabaseCorrupted, (pgno), (fdp), (what))

/* ---- keys and bounds ------------------------------------------------------------------------------ */

/* A bound is a separator (bytes) or open. */
struct bound {
    const uint8_t *pb;
    uint32_t cb;
    bool fOpen;
};

static int bytes_cmp(const uint8_t *a, uint32_t cbA, const uint8_t *b, uint32_t cbB)
{
    const int c = MIN(cbA, cbB) ? memcmp(a, b, MIN(cbA, cbB)) : 0;
    return c ? c : (cbA < cbB ? -1 : cbA > cbB);
}

/* Separator sep against a leaf node (key, data), as routing compares them. */
static int sep_vs_node(const struct bound *ps, const uint8_t *pbKey, uint32_t cbKey, const uint8_t *pbData,
        uint32_t cbData, bool fNonUnique)
{
    if (!fNonUnique)
        return bytes_cmp(ps->pb, ps->cb, pbKey, cbKey);
    const uint32_t n = MIN(ps->cb, cbKey);
    int c = n ? memcmp(ps->pb, pbKey, n) : 0;
    if (c)
        return c;
    if (ps->cb < cbKey)
        return -1;
    const uint32_t cbRest = ps->cb - cbKey;
    c = MIN(cbRest, cbData) ? memcmp(ps->pb + cbKey, pbData, MIN(cbRest, cbData)) : 0;
    if (c)
        return c;
    return cbRest < cbData ? -1 : cbRest > cbData;
}

/* ---- the walk ---------------------------------------------------------------------------------- */

struct walk {
    struct ck *k;
    int ifdp;
    uint32_t pgnoRoot;
    uint32_t pgnoFDP;       /* reports */
    uint32_t objid;
    bool fSpace;            /* an OE/AE tree */
    bool fAE;
    uint32_t fTypeFlags;    /* expected type bits */
    bool fNonUnique;
    uint32_t depthLeaf;     /* 0 until the first leaf */
    uint32_t pgnoLeafPrev;  /* the leaf before, for the links */
    uint32_t pgnoNextExpected;  /* its next link */
    bool fHavePrev;         /* a node was seen before (for order across leaves) */
    uint8_t *pbPrev;        /* previous node's key, then data */
    uint32_t cbPrevKey, cbPrevData;
    uint32_t pgnoLastExtent;    /* space trees: end of the previous extent */
    bool fDead;             /* a leaf could not be read: cross-leaf checks stop */
};

static bool mark_page(struct walk *w, uint32_t pgno, uint32_t pgnoFrom)
{
    struct ck *k = w->k;
    if (k->rguse[pgno] != USE_NONE) {
        CK_ERROR(k, pgno, w->pgnoFDP, k->rguse[pgno] == USE_AVAIL ? "page in a tree is also available space"
                 : k->rguse[pgno] == USE_SPLIT_BUFFER ? "page in a tree is also in a split buffer"
                 : "page reached twice");
        (void)pgnoFrom;
        return false;
    }
    k->rguse[pgno] = w->fSpace ? USE_SPACE_TREE : USE_TREE;
    const uint32_t owner = k->rgowner[pgno];
    if (owner != (uint32_t)w->ifdp + 1) {
        if (owner == 0)
            CK_ERROR(k, pgno, w->pgnoFDP, "tree page not owned by any FDP");
        else
            CK_ERROR(k, pgno, w->pgnoFDP, "tree page owned by another FDP");
    }
    page_visited(k);
    return true;
}

static void leaf_node(struct walk *w, uint32_t pgno, const struct page_node *pn, const struct bound *pLo,
        const struct bound *pHi)
{
    struct ck *k = w->k;
    const uint32_t cbKey = page_node_cb_key(pn);
    uint8_t *pbKey = k->pbScratch;      /* current key at the start, previous after it */
    page_node_key(pn, pbKey, cbKey);

    if (w->fSpace) {
        uint32_t pgnoLast, cpg;
        uint8_t pool;
        if (!space_node_decode(pn, &pgnoLast, &cpg, &pool)) {
            CK_ERROR(k, pgno, w->pgnoFDP, "malformed space-tree node");
            return;
        }
        if (cpg > pgnoLast) {
            CK_ERROR(k, pgno, w->pgnoFDP, "extent starts before page 1");
            return;
        }
        if (!page_node_is_deleted(pn) && pool == 0 && cpg) {
            if (pgnoLast - cpg + 1 <= w->pgnoLastExtent)
                CK_ERROR(k, pgno, w->pgnoFDP, "extents overlap in a space tree");
            w->pgnoLastExtent = pgnoLast;
        }
        struct ck_fdp *pf = &k->rgfdp[w->ifdp];
        if (pf->cext == pf->cextAlloc) {
            uint32_t cNew = pf->cextAlloc ? 2 * pf->cextAlloc : 16;
            struct space_extent *rg = mem_realloc(pf->rgext, cNew * sizeof *rg);
            if (!rg)
                return;
            pf->rgext = rg;
            pf->cextAlloc = cNew;
        }
        pf->rgext[pf->cext++] = (struct space_extent){ pgnoLast - cpg + 1, cpg,
                (uint8_t)(w->fAE ? SPACE_EXT_AVAIL : SPACE_EXT_OWNED), pool, page_node_is_deleted(pn), pgno };
    } else {
        if (cbKey == 0)
            CK_ERROR(k, pgno, w->pgnoFDP, "leaf node with an empty key");
        k->pstats->cNodes++;
    }
    /* Bounds from the parents. */
    if (!pLo->fOpen && sep_vs_node(pLo, pbKey, cbKey, pn->pbData, pn->cbData, w->fNonUnique) > 0)
        CK_ERROR(k, pgno, w->pgnoFDP, "node below its parent's separator");
    if (!pHi->fOpen && sep_vs_node(pHi, pbKey, cbKey, pn->pbData, pn->cbData, w->fNonUnique) <= 0)
        CK_ERROR(k, pgno, w->pgnoFDP, "node at or above the next separator");
    /* Order against the node before (in this page or the previous leaf). */
    if (w->fHavePrev) {
        int c = bytes_cmp(w->pbPrev, w->cbPrevKey, pbKey, cbKey);
        if (c == 0 && w->fNonUnique)
            c = bytes_cmp(w->pbPrev + w->cbPrevKey, w->cbPrevData, pn->pbData, pn->cbData);
        if (c >= 0)
            CK_ERROR(k, pgno, w->pgnoFDP, c == 0 ? "duplicate key" : "keys out of order");
    }
    memcpy(w->pbPrev, pbKey, cbKey);
    memcpy(w->pbPrev + cbKey, pn->pbData, pn->cbData);
    w->cbPrevKey = cbKey;
    w->cbPrevData = pn->cbData;
    w->fHavePrev = true;
}

/* One internal node, copied so the page can be let go before the children are walked. */
struct inode {
    uint32_t pgnoChild;
    uint32_t ib;            /* key offset in the copy */
    uint32_t cbKey;
};

static void walk_page(struct walk *w, uint32_t pgno, uint32_t level, int fLeafExpected, const struct bound *pLo,
        const struct bound *pHi, bool fRightEdge)
{
    JET_ERR err;
    struct ck *k = w->k;
    struct page_ref ref;

    if (level >= BT_DEPTH_MAX) {
        CK_ERROR(k, pgno, w->pgnoFDP, "tree deeper than any ESE tree");
        w->fDead = true;
        return;
    }
    if (pgno == 0 || pgno > k->cpgFile) {
        CK_ERROR(k, pgno, w->pgnoFDP, "page number beyond the end of the file");
        w->fDead = true;
        return;
    }
    if (w->fSpace) {
        /* Space-tree pages are collected now and checked against ownership later. */
        if (k->rguse[pgno] != USE_NONE) {
            CK_ERROR(k, pgno, w->pgnoFDP, "page reached twice");
            w->fDead = true;
            return;
        }
        k->rguse[pgno] = USE_SPACE_TREE;
        page_visited(k);
        struct ck_fdp *pf = &k->rgfdp[w->ifdp];
        if (pf->cpgSpace == pf->cpgSpaceAlloc) {
            uint32_t cNew = pf->cpgSpaceAlloc ? 2 * pf->cpgSpaceAlloc : 8;
            uint32_t *rg = mem_realloc(pf->rgpgnoSpace, cNew * sizeof *rg);
            if (rg) {
                pf->rgpgnoSpace = rg;
                pf->cpgSpaceAlloc = cNew;
            }
        }
        if (pf->cpgSpace < pf->cpgSpaceAlloc)
            pf->rgpgnoSpace[pf->cpgSpace++] = pgno;
    } else if (!mark_page(w, pgno, 0)) {
        w->fDead = true;
        return;
    }
    err = cache_get(k->db->file, pgno, CACHE_LATCH_SHARED, 0, &ref);
    if (err < 0) {
        report(k, BT_CHECK_ERROR, err, pgno, w->pgnoFDP,
               err == JET_errReadVerifyFailure ? "page checksum does not match"
               : err == JET_errPageNotInitialized ? "tree page is not initialized" : "page cannot be read");
        w->fDead = true;
        return;
    }
    const struct page_view v = page_view_make(ref.buf, k->db->cbPage, pgno);
    const uint32_t f = page_flags(&v);
    bool fBad = false;
    if (!!(f & PAGE_FLAG_SPACE_TREE) != w->fSpace)
        CK_ERROR(k, pgno, w->pgnoFDP, w->fSpace ? "space-tree page without the space-tree flag"
                                                : "data-tree page with the space-tree flag"), fBad = true;
    if (page_objid_fdp(&v) != w->objid)
        CK_ERROR(k, pgno, w->pgnoFDP, "page belongs to another object"), fBad = true;
    if (f & (PAGE_FLAG_EMPTY | PAGE_FLAG_PREINIT))
        CK_ERROR(k, pgno, w->pgnoFDP, "empty or pre-initialized page in a tree"), fBad = true;
    if (!w->fSpace && (f & (PAGE_FLAG_INDEX | PAGE_FLAG_LONG_VALUE | PAGE_FLAG_NON_UNIQUE_KEYS)) != w->fTypeFlags)
        CK_ERROR(k, pgno, w->pgnoFDP, "page flags of another tree type");
    if (!(f & PAGE_FLAG_NEW_RECORD_FORMAT))
        report(k, BT_CHECK_WARNING, JET_errDatabaseCorrupted, pgno, w->pgnoFDP, "page in the old record format");
    if (page_is_root(&v) != (level == 0))
        CK_ERROR(k, pgno, w->pgnoFDP, "root flag out of place"), fBad = true;
    if (fLeafExpected >= 0 && page_is_leaf(&v) != (fLeafExpected != 0))
        CK_ERROR(k, pgno, w->pgnoFDP, "leaf flag does not match the parent's parent-of-leaf flag"), fBad = true;
    if (page_is_leaf(&v) && page_is_parent_of_leaf(&v))
        CK_ERROR(k, pgno, w->pgnoFDP, "leaf flagged parent of leaf"), fBad = true;
    if (fBad) {
        cache_put(&ref);
        w->fDead = true;
        return;
    }

    const uint32_t cline = page_cline(&v);
    if (page_is_leaf(&v)) {
        if (w->depthLeaf == 0)
            w->depthLeaf = level + 1;
        else if (w->depthLeaf != level + 1)
            CK_ERROR(k, pgno, w->pgnoFDP, "leaves at different depths");
        if (!w->fDead) {
            if (page_pgno_prev(&v) != w->pgnoLeafPrev)
                report(k, BT_CHECK_ERROR, JET_errBadPageLink, pgno, w->pgnoFDP, "previous-page link does not name the leaf before");
            if (w->pgnoLeafPrev && w->pgnoNextExpected != pgno)
                report(k, BT_CHECK_ERROR, JET_errBadPageLink, w->pgnoLeafPrev, w->pgnoFDP, "next-page link does not name the leaf after");
        }
        if (level > 0 && cline == 0)
            report(k, BT_CHECK_ERROR, JET_errBadPageLink, pgno, w->pgnoFDP, "empty leaf that is not the root");
        for (uint32_t i = 0; i < cline; i++) {
            struct page_node n;
            if (page_get_node(&v, i, &n) < 0) {
                CK_ERROR(k, pgno, w->pgnoFDP, "node cannot be parsed");
                break;
            }
            leaf_node(w, pgno, &n, pLo, pHi);
        }
        w->pgnoLeafPrev = pgno;
        w->pgnoNextExpected = page_pgno_next(&v);
        w->fDead = false;
        cache_put(&ref);
        return;
    }

    /* Internal page: copy its nodes, let it go, then walk the children. */
    if (page_pgno_prev(&v) || page_pgno_next(&v))
        CK_ERROR(k, pgno, w->pgnoFDP, "internal page with sibling links");
    if (cline == 0) {
        CK_ERROR(k, pgno, w->pgnoFDP, "internal page without nodes");
        cache_put(&ref);
        w->fDead = true;
        return;
    }
    const bool fParentOfLeaf = page_is_parent_of_leaf(&v);
    size_t cbKeys = 0;
    for (uint32_t i = 0; i < cline; i++) {
        struct page_node n;
        if (page_get_node(&v, i, &n) >= 0)
            cbKeys += page_node_cb_key(&n);
    }
    struct inode *rgn = mem_alloc((size_t)cline * sizeof *rgn + cbKeys + 1);
    uint8_t *pbKeys = rgn ? (uint8_t *)(rgn + cline) : NULL;
    uint32_t ibKeys = 0, cnode = 0;
    for (uint32_t i = 0; rgn && i < cline; i++) {
        struct page_node n;
        if (page_get_node(&v, i, &n) < 0) {
            CK_ERROR(k, pgno, w->pgnoFDP, "node cannot be parsed");
            break;
        }
        const uint32_t cbKey = page_node_cb_key(&n);
        if (!page_node_child_pgno(&n, &rgn[cnode].pgnoChild)) {
            CK_ERROR(k, pgno, w->pgnoFDP, "internal node without a child page");
            break;
        }
        if (n.fFlags & (PAGE_NODE_DELETED | PAGE_NODE_VERSIONED))
            report(k, BT_CHECK_WARNING, JET_errDatabaseCorrupted, pgno, w->pgnoFDP, "internal node flagged deleted or versioned");
        page_node_key(&n, pbKeys + ibKeys, cbKey);
        rgn[cnode].ib = ibKeys;
        rgn[cnode].cbKey = cbKey;
        ibKeys += cbKey;
        cnode++;
    }
    cache_put(&ref);
    if (!rgn) {
        report(k, BT_CHECK_ERROR, JET_errOutOfMemory, pgno, w->pgnoFDP, "out of memory");
        return;
    }
    if (cnode < cline)
        w->fDead = true;
    for (uint32_t i = 0; i < cnode; i++) {
        const bool fLast = i + 1 == cline;
        const struct bound sep = { pbKeys + rgn[i].ib, rgn[i].cbKey, false };
        if (fLast) {
            if (fRightEdge && sep.cb != 0)
                CK_ERROR(k, pgno, w->pgnoFDP, "right-edge internal page does not end with the null key");
            if (!fRightEdge && sep.cb == 0)
                CK_ERROR(k, pgno, w->pgnoFDP, "null key off the right edge");
            if (!fRightEdge && sep.cb && !pHi->fOpen && bytes_cmp(sep.pb, sep.cb, pHi->pb, pHi->cb) > 0)
                CK_ERROR(k, pgno, w->pgnoFDP, "last separator above the parent's");
        } else {
            if (sep.cb == 0)
                CK_ERROR(k, pgno, w->pgnoFDP, "null key before the last node");
            if (i > 0 && bytes_cmp(pbKeys + rgn[i - 1].ib, rgn[i - 1].cbKey, sep.pb, sep.cb) >= 0)
                CK_ERROR(k, pgno, w->pgnoFDP, "separators out of order");
            if (!pLo->fOpen && bytes_cmp(sep.pb, sep.cb, pLo->pb, pLo->cb) <= 0)
                CK_ERROR(k, pgno, w->pgnoFDP, "separator at or below the parent's lower bound");
            if (!pHi->fOpen && bytes_cmp(sep.pb, sep.cb, pHi->pb, pHi->cb) > 0)
                CK_ERROR(k, pgno, w->pgnoFDP, "separator above the parent's upper bound");
        }
    }
    for (uint32_t i = 0; i < cnode; i++) {
        const bool fLast = i + 1 == cline;
        const struct bound lo = i == 0 ? *pLo : (struct bound){ pbKeys + rgn[i - 1].ib, rgn[i - 1].cbKey, false };
        /* Keys below the node's separator; the last child is bounded by what routing sends it,
         * the parent's bound (its own key, or the null key on the right edge, is not used to
         * route: searches at or above the last separator but one land there). */
        const struct bound hi = fLast ? *pHi : (struct bound){ pbKeys + rgn[i].ib, rgn[i].cbKey, false };
        walk_page(w, rgn[i].pgnoChild, level + 1, fParentOfLeaf ? 1 : 0, &lo, &hi, fRightEdge && fLast);
    }
    mem_free(rgn);
}

static void walk_tree(struct ck *k, int ifdp, uint32_t pgnoRoot, bool fSpace, bool fAE, uint32_t fTypeFlags)
{
    struct ck_fdp *pf = &k->rgfdp[ifdp];
    struct walk w;
    memset(&w, 0, sizeof w);
    w.k = k;
    w.ifdp = ifdp;
    w.pgnoRoot = pgnoRoot;
    w.pgnoFDP = pf->pgnoFDP;
    w.objid = pf->objid;
    w.fSpace = fSpace;
    w.fAE = fAE;
    w.fTypeFlags = fTypeFlags;
    w.fNonUnique = !fSpace && (fTypeFlags & PAGE_FLAG_NON_UNIQUE_KEYS);
    w.pbPrev = mem_alloc(PAGE_NODE_CB_KEY_MASK + 1 + k->db->cbPage);
    if (!w.pbPrev) {
        report(k, BT_CHECK_ERROR, JET_errOutOfMemory, pgnoRoot, pf->pgnoFDP, "out of memory");
        return;
    }
    const struct bound open = { NULL, 0, true };
    walk_page(&w, pgnoRoot, 0, -1, &open, &open, true);
    if (!fSpace)
        k->pstats->cLevelsMax = MAX(k->pstats->cLevelsMax, w.depthLeaf);
    if (!w.fDead && w.depthLeaf && w.pgnoNextExpected != 0)
        report(k, BT_CHECK_ERROR, JET_errBadPageLink, w.pgnoLeafPrev, pf->pgnoFDP, "last leaf has a next-page link");
    mem_free(w.pbPrev);
}

/* ---- space ---------------------------------------------------------------------------------- */

static void add_extent(struct ck_fdp *pf, uint32_t pgnoFirst, uint32_t cpg, uint8_t kind)
{
    if (pf->cext == pf->cextAlloc) {
        uint32_t cNew = pf->cextAlloc ? 2 * pf->cextAlloc : 16;
        struct space_extent *rg = mem_realloc(pf->rgext, cNew * sizeof *rg);
        if (!rg)
            return;
        pf->rgext = rg;
        pf->cextAlloc = cNew;
    }
    pf->rgext[pf->cext++] = (struct space_extent){ pgnoFirst, cpg, kind, 0, false, 0 };
}

static void split_buffer_read(struct ck *k, struct ck_fdp *pf, uint32_t pgnoRoot)
{
    struct page_ref ref;
    struct page_split_buffer sb;
    if (pgnoRoot == 0 || pgnoRoot > k->cpgFile || cache_get(k->db->file, pgnoRoot, CACHE_LATCH_SHARED, 0, &ref) < 0)
        return;     /* reported by the walk */
    const struct page_view v = page_view_make(ref.buf, k->db->cbPage, pgnoRoot);
    if (page_is_space_tree(&v) && page_is_root(&v) && page_get_split_buffer(&v, &sb) >= 0) {
        for (int i = 0; i < 2; i++) {
            if (!sb.cpg[i])
                continue;
            if (sb.cpg[i] > sb.pgnoLast[i])
                CK_ERROR(k, pgnoRoot, pf->pgnoFDP, "split buffer starts before page 1");
            else
                add_extent(pf, sb.pgnoLast[i] - sb.cpg[i] + 1, sb.cpg[i], SPACE_EXT_SPLIT_BUFFER);
        }
    }
    cache_put(&ref);
}

/* Read an FDP's root and walk its space trees (extents collected, pages noted). */
static void fdp_space(struct ck *k, int i)
{
    struct ck_fdp *pf = &k->rgfdp[i];
    struct page_ref ref;
    JET_ERR err;
    if (pf->pgnoFDP == 0 || pf->pgnoFDP > k->cpgFile) {
        CK_ERROR(k, pf->pgnoFDP, pf->pgnoFDP, "FDP page beyond the end of the file");
        return;
    }
    err = cache_get(k->db->file, pf->pgnoFDP, CACHE_LATCH_SHARED, 0, &ref);
    if (err < 0) {
        report(k, BT_CHECK_ERROR, err, pf->pgnoFDP, pf->pgnoFDP, "FDP root cannot be read");
        return;
    }
    const struct page_view v = page_view_make(ref.buf, k->db->cbPage, pf->pgnoFDP);
    err = space_fdp_info_parse(&v, &pf->info);
    cache_put(&ref);
    if (err < 0) {
        report(k, BT_CHECK_ERROR, err, pf->pgnoFDP, pf->pgnoFDP, "FDP root is not a tree root with a space header");
        return;
    }
    if (pf->objid && pf->objid != pf->info.objid)
        CK_ERROR(k, pf->pgnoFDP, pf->pgnoFDP, "FDP root carries another object id than the catalog's");
    pf->objid = pf->info.objid;
    pf->fValid = true;
    if (!pf->info.fMultiple) {
        const struct space_fdp_info *pi = &pf->info;
        add_extent(pf, pf->pgnoFDP, pi->cpgPrimary, SPACE_EXT_OWNED);
        const uint32_t cbits = MIN(pi->cpgPrimary - 1, 32u);
        for (uint32_t b = 0; b < cbits;) {
            if (!(pi->rgbitAvail & (1u << b))) {
                b++;
                continue;
            }
            uint32_t e = b;
            while (e < cbits && (pi->rgbitAvail & (1u << e)))
                e++;
            add_extent(pf, pf->pgnoFDP + 1 + b, e - b, SPACE_EXT_AVAIL);
            b = e;
        }
        if (cbits < 32 && (pi->rgbitAvail >> cbits))
            report(k, BT_CHECK_WARNING, JET_errSPAvailExtCorrupted, pf->pgnoFDP, pf->pgnoFDP,
                   "space bitmap marks pages beyond the primary extent");
        if (pi->cpgPrimary > SPACE_CPG_SINGLE_MAX)
            add_extent(pf, pf->pgnoFDP + SPACE_CPG_SINGLE_MAX, pi->cpgPrimary - SPACE_CPG_SINGLE_MAX, SPACE_EXT_AVAIL);
        return;
    }
    const uint32_t fType = pf->info.fPageFlags & (PAGE_FLAG_INDEX | PAGE_FLAG_LONG_VALUE | PAGE_FLAG_NON_UNIQUE_KEYS);
    walk_tree(k, i, pf->info.pgnoOE, true, false, fType);
    walk_tree(k, i, pf->info.pgnoAE, true, true, fType);
    split_buffer_read(k, pf, pf->info.pgnoOE);
    split_buffer_read(k, pf, pf->info.pgnoAE);
}

static bool extent_in_file(struct ck *k, const struct ck_fdp *pf, const struct space_extent *pe)
{
    if (pe->pgnoFirst == 0 || (uint64_t)pe->pgnoFirst + pe->cpg - 1 > k->cpgFile) {
        CK_ERROR(k, pf->pgnoFDP, pf->pgnoFDP, "extent beyond the end of the file");
        return false;
    }
    return true;
}

static void space_accounting(struct ck *k)
{
    uint32_t *rgavail = mem_calloc((size_t)k->cpgFile + 1, sizeof *rgavail);
    if (!rgavail) {
        report(k, BT_CHECK_ERROR, JET_errOutOfMemory, 0, 0, "out of memory");
        return;
    }
    /* Available pages and split buffers. */
    for (uint32_t i = 0; i < k->cfdp; i++) {
        struct ck_fdp *pf = &k->rgfdp[i];
        for (uint32_t x = 0; x < pf->cext; x++) {
            const struct space_extent *pe = &pf->rgext[x];
            if (pe->kind == SPACE_EXT_OWNED || pe->fDeleted || pe->cpg == 0)
                continue;
            if (pe->pool == 2)
                continue;       /* shelved: beyond the end of the file, by definition */
            if (!extent_in_file(k, pf, pe))
                continue;
            for (uint32_t p = pe->pgnoFirst; p < pe->pgnoFirst + pe->cpg; p++) {
                if (rgavail[p]) {
                    CK_ERROR(k, p, pf->pgnoFDP, "page available twice");
                    continue;
                }
                if (k->rguse[p] == USE_SPACE_TREE) {
                    CK_ERROR(k, p, pf->pgnoFDP, "space-tree page is also available");
                    continue;
                }
                rgavail[p] = i + 1;
                if (pe->kind == SPACE_EXT_SPLIT_BUFFER)
                    k->rguse[p] = USE_SPLIT_BUFFER;
            }
        }
    }
    /* Ownership, parents before children. */
    for (uint32_t depth = 0; depth < 8; depth++) {
        for (uint32_t i = 0; i < k->cfdp; i++) {
            struct ck_fdp *pf = &k->rgfdp[i];
            if (pf->depth != depth || !pf->fValid)
                continue;
            for (uint32_t x = 0; x < pf->cext; x++) {
                const struct space_extent *pe = &pf->rgext[x];
                if (pe->kind != SPACE_EXT_OWNED || pe->fDeleted || pe->cpg == 0 || !extent_in_file(k, pf, pe))
                    continue;
                for (uint32_t p = pe->pgnoFirst; p < pe->pgnoFirst + pe->cpg; p++) {
                    const uint32_t owner = k->rgowner[p];
                    if (pf->iParent < 0) {
                        if (owner)
                            CK_ERROR(k, p, pf->pgnoFDP, "page owned twice");
                    } else if (owner != (uint32_t)pf->iParent + 1) {
                        CK_ERROR(k, p, pf->pgnoFDP, owner ? "page owned by two FDPs" : "page owned by a child but not by its parent");
                        continue;
                    } else if (rgavail[p] == owner) {
                        CK_ERROR(k, p, pf->pgnoFDP, "page owned by a child and available in its parent");
                    }
                    k->rgowner[p] = i + 1;
                }
            }
        }
    }
    /* Available space and split buffers lie in what the FDP itself owns. */
    for (uint32_t p = 1; p <= k->cpgFile; p++) {
        if (rgavail[p] && k->rgowner[p] != rgavail[p]) {
            if (rgavail[p] && k->rgfdp[rgavail[p] - 1].fValid)
                CK_ERROR(k, p, k->rgfdp[rgavail[p] - 1].pgnoFDP, "available page not owned by its FDP");
        }
    }
    /* Space-tree pages belong to their FDP. */
    for (uint32_t i = 0; i < k->cfdp; i++) {
        struct ck_fdp *pf = &k->rgfdp[i];
        for (uint32_t x = 0; x < pf->cpgSpace; x++) {
            const uint32_t p = pf->rgpgnoSpace[x];
            if (k->rgowner[p] != i + 1)
                CK_ERROR(k, p, pf->pgnoFDP, "space-tree page not owned by its FDP");
        }
    }
    /* Data trees are walked now that ownership is known; a tree page found available is an
     * error there. */
    for (uint32_t p = 1; p <= k->cpgFile; p++)
        if (rgavail[p] && k->rguse[p] == USE_NONE)
            k->rguse[p] = USE_AVAIL;
    for (uint32_t i = 0; i < k->cfdp; i++) {
        struct ck_fdp *pf = &k->rgfdp[i];
        if (!pf->fValid)
            continue;
        uint32_t fType;
        if (pf->fTypeKnown)
            fType = bt_type_page_flags(pf->type, pf->fNonUnique) & ~(uint32_t)SPACE_PAGE_FLAGS_ALWAYS;
        else
            fType = pf->info.fPageFlags & (PAGE_FLAG_INDEX | PAGE_FLAG_LONG_VALUE | PAGE_FLAG_NON_UNIQUE_KEYS);
        if (pf->info.fNonUnique != !!(fType & PAGE_FLAG_NON_UNIQUE_KEYS))
            CK_ERROR(k, pf->pgnoFDP, pf->pgnoFDP, "space header and page flags disagree on uniqueness");
        walk_tree(k, (int)i, pf->pgnoFDP, false, false, fType);
        k->pstats->cTrees++;
    }
    /* Leaks and totals. */
    uint32_t pgnoOwnedMax = 0;
    for (uint32_t p = 1; p <= k->cpgFile; p++) {
        if (k->rgowner[p])
            pgnoOwnedMax = p;
    }
    for (uint32_t p = 1; p <= k->cpgFile; p++) {
        const uint32_t owner = k->rgowner[p];
        if (owner)
            k->pstats->cpgOwned++;
        if (rgavail[p] && k->rguse[p] != USE_SPLIT_BUFFER)
            k->pstats->cpgAvail++;
        if (!owner) {
            if (p < pgnoOwnedMax)
                report(k, BT_CHECK_WARNING, JET_errSPOwnExtCorrupted, p, 1, "page inside the database owned by no FDP");
            continue;
        }
        if (k->rguse[p] == USE_NONE && !rgavail[p]) {
            struct ck_fdp *pf = &k->rgfdp[owner - 1];
            if (!pf->cpgLeaked)
                pf->pgnoLeakedFirst = p;
            pf->cpgLeaked++;
            k->pstats->cpgLeaked++;
        }
    }
    for (uint32_t i = 0; i < k->cfdp; i++) {
        if (k->rgfdp[i].cpgLeaked)
            report(k, BT_CHECK_WARNING, JET_errSuccess, k->rgfdp[i].pgnoLeakedFirst, k->rgfdp[i].pgnoFDP,
                   "owned pages used by nothing (leaked; ESE tolerates them)");
    }
    mem_free(rgavail);
}

JET_ERR bt_check_db(struct bt_db *db, const struct bt_check_tree *rgtree, uint32_t ctree, bt_check_fn fn, void *pvCtx,
        struct bt_check_stats *pstats)
{
    return bt_check_db_ex(db, rgtree, ctree, fn, pvCtx, pstats, NULL, NULL);
}

JET_ERR bt_check_db_ex(struct bt_db *db, const struct bt_check_tree *rgtree, uint32_t ctree, bt_check_fn fn,
        void *pvCtx, struct bt_check_stats *pstats, bt_check_progress_fn pfnProgress, void *pvProgress)
{
    struct bt_check_stats statsLocal;
    struct ck k;
    memset(&k, 0, sizeof k);
    if (!pstats)
        pstats = &statsLocal;
    memset(pstats, 0, sizeof *pstats);
    k.db = db;
    k.fn = fn;
    k.pvCtx = pvCtx;
    k.pstats = pstats;
    k.pfnProgress = pfnProgress;
    k.pvProgress = pvProgress;
    k.cpgFile = cache_file_cpg(db->file);
    k.rgowner = mem_calloc((size_t)k.cpgFile + 1, sizeof *k.rgowner);
    k.rguse = mem_calloc((size_t)k.cpgFile + 1, 1);
    k.rgfdp = mem_calloc((size_t)ctree + 1, sizeof *k.rgfdp);
    k.pbScratch = mem_alloc(PAGE_NODE_CB_KEY_MASK + 1);
    if (!k.rgowner || !k.rguse || !k.rgfdp || !k.pbScratch) {
        mem_free(k.rgowner);
        mem_free(k.rguse);
        mem_free(k.rgfdp);
        mem_free(k.pbScratch);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    /* The database root first, then the trees named (each once). */
    k.rgfdp[0] = (struct ck_fdp){ .pgnoFDP = SPACE_PGNO_DB_ROOT, .objid = SPACE_OBJID_DB_ROOT, .iParent = -1,
                                  .fTypeKnown = true, .type = BT_TYPE_PRIMARY };
    k.cfdp = 1;
    for (uint32_t i = 0; i < ctree; i++) {
        bool fDup = false;
        for (uint32_t j = 0; j < k.cfdp; j++)
            fDup |= k.rgfdp[j].pgnoFDP == rgtree[i].pgnoFDP;
        if (fDup)
            continue;
        struct ck_fdp *pf = &k.rgfdp[k.cfdp++];
        pf->pgnoFDP = rgtree[i].pgnoFDP;
        pf->objid = rgtree[i].objid;
        pf->pgnoParent = rgtree[i].pgnoParentFDP;
        pf->fTypeKnown = rgtree[i].fTypeKnown;
        pf->type = rgtree[i].type;
        pf->fNonUnique = rgtree[i].fNonUnique;
        pf->iParent = -1;
    }
    for (uint32_t i = 0; i < k.cfdp; i++)
        fdp_space(&k, (int)i);
    /* Parents from the space headers (checked against what the caller said). */
    for (uint32_t i = 1; i < k.cfdp; i++) {
        struct ck_fdp *pf = &k.rgfdp[i];
        if (!pf->fValid)
            continue;
        if (pf->pgnoParent && pf->pgnoParent != pf->info.pgnoParent)
            CK_ERROR(&k, pf->pgnoFDP, pf->pgnoFDP, "space header names another parent than the catalog");
        for (uint32_t j = 0; j < k.cfdp; j++)
            if (k.rgfdp[j].pgnoFDP == pf->info.pgnoParent && j != i)
                pf->iParent = (int)j;
        if (pf->iParent < 0) {
            CK_ERROR(&k, pf->pgnoFDP, pf->pgnoFDP, "parent FDP is not among the trees checked");
            pf->fValid = false;
        }
    }
    for (uint32_t i = 0; i < k.cfdp; i++) {
        uint32_t depth = 0;
        int j = (int)i;
        while (j >= 0 && k.rgfdp[j].iParent >= 0 && depth < 8) {
            j = k.rgfdp[j].iParent;
            depth++;
        }
        k.rgfdp[i].depth = depth;
        if (depth >= 8) {
            CK_ERROR(&k, k.rgfdp[i].pgnoFDP, k.rgfdp[i].pgnoFDP, "FDP parents form a loop");
            k.rgfdp[i].fValid = false;
        }
    }
    space_accounting(&k);
    if (pfnProgress)
        pfnProgress(pvProgress, pstats->cpgVisited, k.cpgFile);

    const JET_ERR err = k.errFirst;
    for (uint32_t i = 0; i < k.cfdp; i++) {
        mem_free(k.rgfdp[i].rgext);
        mem_free(k.rgfdp[i].rgpgnoSpace);
    }
    mem_free(k.rgowner);
    mem_free(k.rguse);
    mem_free(k.rgfdp);
    mem_free(k.pbScratch);
    return err;
}
