/* SPDX-License-Identifier: MIT
 * catalog/cat_layout.c: filling the trees of a new database exactly as Windows fills them.
 * Layer: catalog (uses space, cache, page, base).
 *
 * Windows builds the system tables of a new database by inserting rows one by one, and which
 * page a row ends on follows from ESE's split rules (ese/bt.cxx). The catalog does not go through
 * btree's inserts (whose split policy is our own and one mtr per row): it replays ESE's rules on
 * the tree's pages inside one mini-transaction, so the pages come out with Windows' nodes,
 * prefixes, separators and page numbers (ESE-FORMAT-NOTES §14). The rules that the system tables
 * meet at every page size are:
 *
 *   1. A node goes into the leaf its key routes to (a key equal to a separator goes right). It
 *      costs its line (prefix-compressed against the page's prefix when more than two bytes are
 *      shared; never on a root) plus a 4-byte tag.
 *   2. Append (FBTIAppend): inserting after the last node of the last leaf when the page's free
 *      bytes are less than the node plus the tree's density reserve, (100 - density)% of the page
 *      (CbDensityFree), splits the page even though the node would fit.
 *   3. A root that must split (by 2, or because the node does not fit) splits vertically
 *      (BTISelectVerticalSplit): every node, the new one included, moves to a new leaf whose
 *      prefix is chosen by BTISelectPrefix; the root keeps one null-key node pointing to it and
 *      becomes parent-of-leaf.
 *   4. A leaf that splits by 2 splits by append (BTISelectAppend): the new node alone goes to a
 *      new page to the right, whose prefix is that node's key; the parent's pointer to the old
 *      leaf now points to the new one, and a separator (the shortest key above the old leaf's last
 *      key, ESE's ErrBTIComputeSeparatorKey) pointing to the old leaf goes in before it.
 *
 * Anything else (a leaf too full for a node that is not an append, a parent with no room) is an
 * even split, which the system tables never reach; the loader refuses it with
 * JET_errInternalError rather than guess. New pages come from the tree's own space
 * (space_alloc_page), as ESE's split takes them, so MSysObjects' leaves are 13 and 14 at 4 KiB.
 * Physical placement of lines inside a page (ibMicFree, the order of line offsets) is not
 * Windows': ESE's split copies lines in its own order; the tags, nodes and counts are the same. */
#include "cat_int.h"

DEBUG_CHANNEL(catalog);

/* ESE's cbPrefixOverhead: a compressed node pays a 2-byte prefix count. */
#define CAT_CB_PREFIX_OVERHEAD 2u

JET_ERR cat_select_prefix(const struct cat_entry *rg, uint32_t c, bool *pfFound, uint32_t *piline)
{
    /* cp[i]: what line i saves against line i-1 (0 unless more than two bytes are shared), with
     * zero sentinels at 0 and c so the walks below stop at the ends. */
    uint32_t *cp;
    int64_t best = 0;
    bool fFound = false;
    *pfFound = false;
    if (c < 2)
        return JET_errSuccess;
    cp = mem_calloc(c + 1, sizeof *cp);
    if (!cp)
        return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 1; i < c; i++) {
        const uint32_t cb = cat_lcp(rg[i].pbKey, rg[i].cbKey, rg[i - 1].pbKey, rg[i - 1].cbKey);
        cp[i] = cb > CAT_CB_PREFIX_OVERHEAD ? cb - CAT_CB_PREFIX_OVERHEAD : 0;
    }
    if (c == 2) {
        if ((int64_t)cp[1] - CAT_CB_PREFIX_OVERHEAD > 0) {
            *piline = 1;
            fFound = true;
        }
        mem_free(cp);
        *pfFound = fFound;
        return JET_errSuccess;
    }
    cp[0] = 0;
    cp[c] = 0;
    for (uint32_t i = 1; i < c - 1; i++) {
        /* ESE's shortcuts: skip a line when the next one would be at least as good, or when it
         * sits on a descending slope between a better previous line and a worse next one. */
        if (i != 1 && i != c - 2 && cp[i + 1] >= cp[i])
            continue;
        if (i > 1 && i != c - 2 && cp[i - 1] > cp[i] && cp[i + 1] < cp[i])
            continue;
        int64_t left = 0, right = 0;
        uint32_t min = cp[i];
        for (uint32_t l = i; cp[l] > 0; l--) {
            min = MIN(min, cp[l]);
            left += min;
        }
        min = cp[i + 1];
        for (uint32_t r = i + 1; cp[r] > 0; r++) {
            min = MIN(min, cp[r]);
            right += min;
        }
        const int64_t savings = left + right - CAT_CB_PREFIX_OVERHEAD;
        if (savings > best) {
            best = savings;
            *piline = i;
            fFound = true;
        }
    }
    mem_free(cp);
    *pfFound = fFound;
    return JET_errSuccess;
}

/* ---- pages in the mtr ------------------------------------------------------------------------ */

struct loader {
    struct mtr *m;
    const struct cat_tree_load *pl;
    uint32_t cbPage;
    uint32_t cbReserve;         /* density reserve of appends */
};

static JET_ERR get_page(struct loader *pld, uint32_t pgno, struct page_buf *pb)
{
    JET_ERR err;
    uint8_t *buf;
    CALL_R(mtr_get(pld->m, pgno, CACHE_LATCH_EXCLUSIVE, &buf));
    *pb = page_buf_make(buf, pld->cbPage, pgno);
    return JET_errSuccess;
}

/* The bytes a node costs on a page (line + tag), as ESE counts it before inserting. */
static uint32_t node_cost(const struct page_view *pv, const struct cat_entry *pe)
{
    uint32_t cbPrefix = 0;
    if (!page_is_root(pv)) {
        const uint8_t *pbPrefix;
        uint16_t cbP;
        if (page_get_prefix(pv, &pbPrefix, &cbP) >= 0 && cbP) {
            const uint32_t cb = cat_lcp(pe->pbKey, pe->cbKey, pbPrefix, cbP);
            if (cb > CAT_CB_PREFIX_OVERHEAD)
                cbPrefix = cb;
        }
    }
    return page_cb_line_node(cbPrefix, pe->cbKey - cbPrefix, pe->cbData) + PAGE_CB_TAG;
}

/* Where key goes among the nodes of a page: the first node with a greater key. */
static JET_ERR find_line(const struct page_view *pv, const uint8_t *pbKey, uint32_t cbKey, uint32_t *piline,
        bool *pfEqual)
{
    JET_ERR err;
    const uint32_t c = page_cline(pv);
    *pfEqual = false;
    for (uint32_t i = 0; i < c; i++) {
        struct page_node n;
        CALL_R(page_get_node(pv, i, &n));
        const int cmp = page_node_key_cmp(&n, pbKey, cbKey);
        if (cmp == 0)
            *pfEqual = true;
        if (cmp > 0) {
            *piline = i;
            return JET_errSuccess;
        }
    }
    *piline = c;
    return JET_errSuccess;
}

/* The child of an internal page key routes to, and its line. */
static JET_ERR route(const struct page_view *pv, const uint8_t *pbKey, uint32_t cbKey, uint32_t *ppgno, uint32_t *piline)
{
    JET_ERR err;
    const uint32_t c = page_cline(pv);
    for (uint32_t i = 0; i < c; i++) {
        struct page_node n;
        CALL_R(page_get_node(pv, i, &n));
        /* child i holds keys below its separator; the null key on the right edge takes the rest */
        if (page_node_cb_key(&n) == 0 || page_node_key_cmp(&n, pbKey, cbKey) > 0) {
            if (!page_node_child_pgno(&n, ppgno))
                return ERR_CORRUPT(pv->pgno, "internal node without a page number");
            *piline = i;
            return JET_errSuccess;
        }
    }
    return ERR_CORRUPT(pv->pgno, "internal page without a node for the key");
}

/* A fresh page of the tree. */
static JET_ERR new_page(struct loader *pld, uint32_t pgnoNear, uint32_t fLevel, struct page_buf *pb)
{
    JET_ERR err;
    uint32_t pgno;
    uint8_t *buf;
    CALL_R(space_alloc_page(pld->m, pld->pl->sdb, pld->pl->pgnoFDP, pgnoNear, &pgno));
    CALL_R(mtr_new(pld->m, pgno, &buf));
    *pb = page_buf_make(buf, pld->cbPage, pgno);
    page_init(pb, pld->pl->objid, 0, pld->pl->fTypeFlags | fLevel | SPACE_PAGE_FLAGS_ALWAYS);
    mtr_set_modified(pld->m, pgno);
    return JET_errSuccess;
}

/* Rule 3: the root leaf moves, with the new node at iline, into a new leaf. */
static JET_ERR split_vertical(struct loader *pld, struct page_buf *pbRoot, const struct cat_entry *pe, uint32_t iline)
{
    JET_ERR err;
    const struct page_view v = page_view_of(pbRoot);
    const uint32_t c = page_cline(&v);
    struct cat_entry *rg = mem_calloc(c + 1, sizeof *rg);
    uint8_t *pbArena = mem_alloc((size_t)pld->cbPage * 2);
    uint8_t rgbTag0[64];
    uint32_t cbTag0 = 0, cbUsed = 0, ilinePrefix = 0;
    struct page_buf bn;
    if (!rg || !pbArena)
        FAIL(JET_errOutOfMemory);
    struct page_line l0;
    CALL(page_get_external_header(&v, &l0));
    if (l0.cb > sizeof rgbTag0)
        FAIL(JET_errInternalError);
    memcpy(rgbTag0, l0.pb, l0.cb);
    cbTag0 = l0.cb;
    uint32_t j = 0;
    for (uint32_t i = 0; i < c; i++) {
        if (i == iline)
            rg[j++] = *pe;
        struct page_node n;
        CALL(page_get_node(&v, i, &n));
        const uint32_t cbKey = page_node_cb_key(&n);
        uint8_t *pb = pbArena + cbUsed;
        page_node_key(&n, pb, cbKey);
        memcpy(pb + cbKey, n.pbData, n.cbData);
        rg[j++] = (struct cat_entry){ pb, cbKey, pb + cbKey, n.cbData };
        cbUsed += cbKey + n.cbData;
    }
    if (iline >= c)
        rg[j++] = *pe;
    bool fPrefix;
    CALL(cat_select_prefix(rg, c + 1, &fPrefix, &ilinePrefix));
    CALL(new_page(pld, pbRoot->pgno, PAGE_FLAG_LEAF, &bn));
    if (fPrefix)
        CALL(page_set_external_header(&bn, rg[ilinePrefix].pbKey, rg[ilinePrefix].cbKey));
    for (uint32_t i = 0; i <= c; i++) {
        err = page_insert_node(&bn, i, rg[i].pbKey, rg[i].cbKey, rg[i].pbData, rg[i].cbData, 0);
        if (err == ERR_PAGE_FULL)
            FAIL(JET_errInternalError);     /* ESE would split without the node first */
        CALL(err);
    }
    /* The root: its space header, one null-key node to the new leaf. */
    uint8_t rgbPgno[4];
    put_le32(rgbPgno, bn.pgno);
    page_init(pbRoot, pld->pl->objid, 0,
              pld->pl->fTypeFlags | PAGE_FLAG_ROOT | PAGE_FLAG_PARENT_OF_LEAF | SPACE_PAGE_FLAGS_ALWAYS);
    CALL(page_set_external_header(pbRoot, rgbTag0, cbTag0));
    CALL(page_insert_node(pbRoot, 0, NULL, 0, rgbPgno, 4, 0));
    mtr_set_modified(pld->m, pbRoot->pgno);
    TRACE("tree %u: vertical split into page %u (%u nodes)", pld->pl->pgnoFDP, bn.pgno, c + 1);
out:
    mem_free(rg);
    mem_free(pbArena);
    return err;
}

/* Rule 4: the node alone goes to a new leaf right of pbLeaf. */
static JET_ERR split_append(struct loader *pld, struct page_buf *pbParent, uint32_t ilineParent,
        struct page_buf *pbLeaf, const struct cat_entry *pe)
{
    JET_ERR err;
    struct page_buf bn;
    const struct page_view vl = page_view_of(pbLeaf);
    const uint32_t cLeaf = page_cline(&vl);
    struct page_node nLast;
    uint8_t rgbLast[PAGE_NODE_CB_KEY_MASK + 1], rgbPgno[4];
    if (cLeaf == 0)
        return ERR_TRAP(JET_errInternalError);
    CALL_R(page_get_node(&vl, cLeaf - 1, &nLast));
    const uint32_t cbLast = page_node_key(&nLast, rgbLast, sizeof rgbLast);
    /* ErrBTIComputeSeparatorKey: the shared bytes and the first one that differs. */
    const uint32_t cbSep = MIN(cat_lcp(rgbLast, cbLast, pe->pbKey, pe->cbKey) + 1, pe->cbKey);

    const struct page_view vp = page_view_of(pbParent);
    const struct cat_entry sep = { pe->pbKey, cbSep, rgbPgno, 4 };
    if (node_cost(&vp, &sep) > page_cb_free(&vp))
        return ERR_TRAP(JET_errInternalError);      /* the parent would split: not modelled */

    CALL_R(new_page(pld, pbLeaf->pgno, PAGE_FLAG_LEAF, &bn));
    page_set_pgno_prev(&bn, pbLeaf->pgno);
    if (pe->cbKey > CAT_CB_PREFIX_OVERHEAD
            && page_cb_line_node(pe->cbKey, 0, pe->cbData) + PAGE_CB_TAG + CAT_CB_PREFIX_OVERHEAD <= page_cb_line_max(pld->cbPage))
        CALL_R(page_set_external_header(&bn, pe->pbKey, pe->cbKey));
    CALL_R(page_insert_node(&bn, 0, pe->pbKey, pe->cbKey, pe->pbData, pe->cbData, 0));
    page_set_pgno_next(pbLeaf, bn.pgno);
    mtr_set_modified(pld->m, pbLeaf->pgno);

    put_le32(rgbPgno, bn.pgno);
    CALL_R(page_replace_node_data(pbParent, ilineParent, rgbPgno, 4));
    put_le32(rgbPgno, pbLeaf->pgno);
    CALL_R(page_insert_node(pbParent, ilineParent, pe->pbKey, cbSep, rgbPgno, 4, 0));
    mtr_set_modified(pld->m, pbParent->pgno);
    TRACE("tree %u: append split of page %u into page %u", pld->pl->pgnoFDP, pbLeaf->pgno, bn.pgno);
    return JET_errSuccess;
}

static JET_ERR insert_one(struct loader *pld, const struct cat_entry *pe)
{
    JET_ERR err;
    struct page_buf br, bl, *pbLeaf;
    uint32_t pgnoLeaf = 0, ilineParent = 0, iline = 0;
    bool fEqual;

    CALL_R(get_page(pld, pld->pl->pgnoFDP, &br));
    struct page_view vr = page_view_of(&br);
    if (page_is_leaf(&vr)) {
        pbLeaf = &br;
    } else {
        if (!page_is_parent_of_leaf(&vr))
            return ERR_TRAP(JET_errInternalError);  /* three levels: never for system tables */
        CALL_R(route(&vr, pe->pbKey, pe->cbKey, &pgnoLeaf, &ilineParent));
        CALL_R(get_page(pld, pgnoLeaf, &bl));
        pbLeaf = &bl;
    }
    const struct page_view vl = page_view_of(pbLeaf);
    CALL_R(find_line(&vl, pe->pbKey, pe->cbKey, &iline, &fEqual));
    if (fEqual)
        return ERR_TRAP(JET_errKeyDuplicate);
    const uint32_t cbReq = node_cost(&vl, pe), cbFree = page_cb_free(&vl);
    const bool fAppend = page_pgno_next(&vl) == 0 && iline == page_cline(&vl) && cbReq + pld->cbReserve > cbFree;
    if (!fAppend && cbReq <= cbFree) {
        CALL_R(page_insert_node(pbLeaf, iline, pe->pbKey, pe->cbKey, pe->pbData, pe->cbData, 0));
        mtr_set_modified(pld->m, pbLeaf->pgno);
        return JET_errSuccess;
    }
    if (pbLeaf == &br)
        return split_vertical(pld, &br, pe, iline);
    if (fAppend)
        return split_append(pld, &br, ilineParent, pbLeaf, pe);
    return ERR_TRAP(JET_errInternalError);          /* an even split: not modelled */
}

JET_ERR cat_tree_load(struct mtr *m, const struct cat_tree_load *pl, const struct cat_entry *rg, uint32_t c)
{
    JET_ERR err = JET_errSuccess;
    struct loader ld;
    ld.m = m;
    ld.pl = pl;
    ld.cbPage = pl->sdb->cbPage;
    /* FCB::CbReservedBytesFromDensity */
    ld.cbReserve = pl->ulDensity >= 100 ? 0 : (100u - pl->ulDensity) * ld.cbPage / 100u;
    for (uint32_t i = 0; i < c; i++)
        CALL_R(insert_one(&ld, &rg[i]));
    return err;
}
