/* SPDX-License-Identifier: MIT
 * btree/bt_page.c: the tree's view of one page: key order (ESE-FORMAT-NOTES §5), routing on
 * internal pages, page checks, and rebuilding pages from nodes with ESE's prefix choice and
 * separator keys (bt.cxx BTISelectPrefix, ErrBTIComputeSeparatorKey give the rules).
 * Layer: btree (uses space, cache, page, base). */
#include "bt_int.h"

DEBUG_CHANNEL(btree);

uint32_t bt_type_page_flags(enum bt_type type, bool fNonUnique)
{
    uint32_t f = SPACE_PAGE_FLAGS_ALWAYS;
    if (type == BT_TYPE_INDEX)
        f |= PAGE_FLAG_INDEX;
    else if (type == BT_TYPE_LV)
        f |= PAGE_FLAG_LONG_VALUE;
    if (fNonUnique)
        f |= PAGE_FLAG_NON_UNIQUE_KEYS;
    return f;
}

/* ---- key order ------------------------------------------------------------------------------- */

/* memcmp's sign, inline for the short runs keys are made of (a binary search compares a few
 * bytes per probe; a library call costs more than the bytes). */
static ALWAYS_INLINE int bytes_cmp(const uint8_t *a, const uint8_t *b, uint32_t cb)
{
    if (cb >= 4 && cb <= 8) {
        /* Two big-endian words, the second overlapping the first when cb < 8: equal first words
         * make the overlap equal, so the second compares the rest in order (memcmp's sign). */
        const uint64_t x = (uint64_t)get_be32(a) << 32 | get_be32(a + cb - 4);
        const uint64_t y = (uint64_t)get_be32(b) << 32 | get_be32(b + cb - 4);
        return x < y ? -1 : x > y;
    }
    if (cb > 16)
        return memcmp(a, b, cb);
    for (uint32_t i = 0; i < cb; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* memcmp of cb bytes of the node's key, from offset ib, with pb (the caller keeps ib + cb within
 * the key). */
static ALWAYS_INLINE int node_key_memcmp(const struct page_node *pn, uint32_t ib, const uint8_t *pb, uint32_t cb)
{
    int c;
    if (ib < pn->cbPrefix) {
        const uint32_t n = MIN(cb, pn->cbPrefix - ib);
        if (n && (c = bytes_cmp(pn->pbPrefix + ib, pb, n)) != 0)
            return c;
        ib += n;
        pb += n;
        cb -= n;
    }
    if (cb == 0)
        return 0;
    return bytes_cmp(pn->pbSuffix + (ib - pn->cbPrefix), pb, cb);
}

static ALWAYS_INLINE int key_cmp(const struct page_node *pn, const uint8_t *pbKey, uint32_t cbKey)
{
    const uint32_t cbNode = page_node_cb_key(pn);
    const int c = node_key_memcmp(pn, 0, pbKey, MIN(cbNode, cbKey));
    if (c)
        return c;
    return cbNode < cbKey ? -1 : cbNode > cbKey;
}

static int data_cmp(const uint8_t *a, uint32_t cbA, const uint8_t *b, uint32_t cbB)
{
    const int c = MIN(cbA, cbB) ? memcmp(a, b, MIN(cbA, cbB)) : 0;
    if (c)
        return c;
    return cbA < cbB ? -1 : cbA > cbB;
}

static ALWAYS_INLINE int cmp_leaf(const struct page_node *pn, const struct bt_target *pt)
{
    if (pt->mode == BT_T_MIN)
        return 1;
    if (pt->mode == BT_T_MAX)
        return -1;
    const int c = key_cmp(pn, pt->pbKey, pt->cbKey);
    if (c || !pt->fNonUnique)
        return c;
    switch (pt->mode) {
    case BT_T_KEY:
        return 0;
    case BT_T_KEY_DATAMAX:
        return -1;
    default:
        return data_cmp(pn->pbData, pn->cbData, pt->pbData, pt->cbData);
    }
}

static ALWAYS_INLINE int cmp_sep(const struct page_node *pn, const struct bt_target *pt)
{
    if (pt->mode == BT_T_MIN)
        return 1;
    if (pt->mode == BT_T_MAX)
        return -1;
    if (!pt->fNonUnique)
        return key_cmp(pn, pt->pbKey, pt->cbKey);
    const uint32_t cbS = page_node_cb_key(pn), cbK = pt->cbKey;
    int c = node_key_memcmp(pn, 0, pt->pbKey, MIN(cbS, cbK));
    if (c)
        return c;
    if (cbS < cbK)
        return -1;
    /* The separator starts with the key; what is left of it compares with the data. */
    const uint32_t cbRest = cbS - cbK;
    switch (pt->mode) {
    case BT_T_KEY:
        return cbRest ? 1 : 0;
    case BT_T_KEY_DATAMAX:
        return -1;
    default:
        c = node_key_memcmp(pn, cbK, pt->pbData, MIN(cbRest, pt->cbData));
        if (c)
            return c;
        return cbRest < pt->cbData ? -1 : cbRest > pt->cbData;
    }
}

int bt_cmp_leaf(const struct page_node *pn, const struct bt_target *pt)
{
    return cmp_leaf(pn, pt);
}

int bt_cmp_sep(const struct page_node *pn, const struct bt_target *pt)
{
    return cmp_sep(pn, pt);
}

/* A key target against the nodes of one page (the searches' common case: a unique tree, where
 * separators and leaf nodes both compare as keys). A compressed node's key starts with part of
 * the page's prefix, so the target is compared with the prefix once: a node using no more of it
 * than the target shares (lcp) compares by its suffix alone; one using more differs from the
 * target inside the prefix, where every such node differs the same way (cmpBeyond). */
struct key_on_page {
    const uint8_t *pbKey;
    uint32_t cbKey;
    uint32_t lcp;
    int cmpBeyond;
};

static inline void key_on_page_init(struct key_on_page *k, const struct page_nodes *pns, const uint8_t *pbKey,
        uint32_t cbKey)
{
    const uint32_t cbCommon = MIN(cbKey, (uint32_t)pns->cbPrefix);
    uint32_t i = 0;
    while (i < cbCommon && pns->pbPrefix[i] == pbKey[i])
        i++;
    k->pbKey = pbKey;
    k->cbKey = cbKey;
    k->lcp = i;
    /* used only for nodes with more than i prefix bytes, so i < cbPrefix there: beyond the
     * target's end the node's key is the longer one */
    k->cmpBeyond = i < pns->cbPrefix ? (i < cbKey ? (pns->pbPrefix[i] < pbKey[i] ? -1 : 1) : 1) : 0;
}

/* key_cmp of node pn (of the page k was made for) with the target. */
static ALWAYS_INLINE int key_cmp_on_page(const struct page_node *pn, const struct key_on_page *k)
{
    const uint32_t cbPrefix = pn->cbPrefix;
    if (cbPrefix > k->lcp)
        return k->cmpBeyond;
    const uint32_t cb = MIN((uint32_t)pn->cbSuffix, k->cbKey - cbPrefix);
    if (cb) {
        const int c = bytes_cmp(pn->pbSuffix, k->pbKey + cbPrefix, cb);
        if (c)
            return c;
    }
    const uint32_t cbNode = cbPrefix + pn->cbSuffix;
    return cbNode < k->cbKey ? -1 : cbNode > k->cbKey;
}

/* Do separators and leaf nodes compare with this target as plain keys? */
static inline bool target_is_key(const struct bt_target *pt)
{
    return !pt->fNonUnique && pt->mode != BT_T_MIN && pt->mode != BT_T_MAX;
}

JET_ERR bt_route(const struct page_view *pv, const struct bt_target *pt, uint32_t *piline, uint32_t *ppgnoChild)
{
    JET_ERR err;
    struct page_nodes pns;
    CALL_R(page_nodes_init(pv, &pns));
    if (pns.cline == 0)
        return ERR_CORRUPT(pv->pgno, "internal page without nodes");
    uint32_t lo = 0, hi = pns.cline - 1;
    if (target_is_key(pt)) {
        struct key_on_page k;
        key_on_page_init(&k, &pns, pt->pbKey, pt->cbKey);
        while (lo < hi) {
            const uint32_t mid = (lo + hi) / 2;
            struct page_node n;
            CALL_R(page_nodes_get(&pns, mid, &n));
            if (key_cmp_on_page(&n, &k) > 0)
                hi = mid;
            else
                lo = mid + 1;
        }
    }
    while (lo < hi) {
        const uint32_t mid = (lo + hi) / 2;
        struct page_node n;
        CALL_R(page_nodes_get(&pns, mid, &n));
        if (cmp_sep(&n, pt) > 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    struct page_node n;
    CALL_R(page_nodes_get(&pns, lo, &n));
    if (!page_node_child_pgno(&n, ppgnoChild) || *ppgnoChild == 0)
        return ERR_CORRUPT(pv->pgno, "internal node without a child page");
    *piline = lo;
    return JET_errSuccess;
}

/* ---- the route cache (bt_int.h) ----------------------------------------------------------- */

/* A key of at most 8 bytes as a big-endian word, left-aligned: words compare as the keys do,
 * with the length breaking a tie (the shorter first). */
static inline uint64_t key_word(const uint8_t *pb, uint32_t cb)
{
    uint64_t w = 0;
    for (uint32_t i = 0; i < cb; i++)
        w |= (uint64_t)pb[i] << (56 - 8 * i);
    return w;
}

/* Decode the page into the cache; false (the page marked undecodable) when any node is not a
 * plain separator with a child and a key of at most 8 bytes. */
static bool route_cache_build(struct bt_route_cache *prc, const struct page_view *pv)
{
    struct page_nodes pns;
    prc->pgno = 0;
    if (page_nodes_init(pv, &pns) < 0 || pns.cline == 0)
        return false;
    if (pns.cline > prc->clineMax) {
        uint64_t *rgkey = mem_realloc(prc->rgkey, (size_t)pns.cline * sizeof *rgkey);
        if (rgkey)
            prc->rgkey = rgkey;
        uint8_t *rgcb = mem_realloc(prc->rgcbKey, pns.cline);
        if (rgcb)
            prc->rgcbKey = rgcb;
        uint32_t *rgpgno = mem_realloc(prc->rgpgnoChild, (size_t)pns.cline * sizeof *rgpgno);
        if (rgpgno)
            prc->rgpgnoChild = rgpgno;
        if (!rgkey || !rgcb || !rgpgno)
            return false;
        prc->clineMax = pns.cline;
    }
    for (uint32_t i = 0; i < pns.cline; i++) {
        struct page_node n;
        uint32_t pgnoChild;
        if (page_nodes_get(&pns, i, &n) < 0 || !page_node_child_pgno(&n, &pgnoChild) || pgnoChild == 0)
            return false;
        prc->rgpgnoChild[i] = pgnoChild;
        if (i + 1 == pns.cline)
            break;
        const uint32_t cbKey = page_node_cb_key(&n);
        if (cbKey > 8)
            return false;
        uint8_t rgb[8];
        if (n.cbPrefix)
            memcpy(rgb, n.pbPrefix, n.cbPrefix);
        if (n.cbSuffix)
            memcpy(rgb + n.cbPrefix, n.pbSuffix, n.cbSuffix);
        prc->rgkey[i] = key_word(rgb, cbKey);
        prc->rgcbKey[i] = (uint8_t)cbKey;
    }
    prc->cline = pns.cline;
    prc->pgno = pv->pgno;
    prc->dbtime = page_dbtime(pv);
    return true;
}

bool bt_route_cached(struct bt_route_cache *prc, const struct page_view *pv, const struct bt_target *pt,
        uint32_t *piline, uint32_t *ppgnoChild)
{
    if (!target_is_key(pt) || pt->cbKey > 8)
        return false;
    const uint64_t dbtime = page_dbtime(pv);
    if (prc->pgno != pv->pgno || prc->dbtime != dbtime) {
        if (prc->pgnoSeen != pv->pgno || prc->dbtimeSeen != dbtime) {
            prc->pgnoSeen = pv->pgno;
            prc->dbtimeSeen = dbtime;
            prc->cSeen = 0;
        }
        if (prc->cSeen == UINT32_MAX || ++prc->cSeen < BT_ROUTE_HITS)
            return false;
        if (!route_cache_build(prc, pv)) {
            prc->cSeen = UINT32_MAX;
            return false;
        }
    }
    /* bt_route's search: the first separator above the target, else the last node */
    const uint64_t w = key_word(pt->pbKey, pt->cbKey);
    const uint8_t cb = (uint8_t)pt->cbKey;
    uint32_t lo = 0, hi = prc->cline - 1;
    while (lo < hi) {
        const uint32_t mid = (lo + hi) / 2;
        if (prc->rgkey[mid] > w || (prc->rgkey[mid] == w && prc->rgcbKey[mid] > cb))
            hi = mid;
        else
            lo = mid + 1;
    }
    *piline = lo;
    *ppgnoChild = prc->rgpgnoChild[lo];
    return true;
}

void bt_route_cache_free(struct bt_route_cache *prc)
{
    if (!prc)
        return;
    mem_free(prc->rgkey);
    mem_free(prc->rgcbKey);
    mem_free(prc->rgpgnoChild);
    mem_free(prc);
}

JET_ERR bt_leaf_search(const struct page_view *pv, const struct bt_target *pt, bool fStrict, uint32_t *piline)
{
    JET_ERR err;
    struct page_nodes pns;
    CALL_R(page_nodes_init(pv, &pns));
    uint32_t lo = 0, hi = pns.cline;
    if (target_is_key(pt)) {
        struct key_on_page k;
        key_on_page_init(&k, &pns, pt->pbKey, pt->cbKey);
        while (lo < hi) {
            const uint32_t mid = (lo + hi) / 2;
            struct page_node n;
            CALL_R(page_nodes_get(&pns, mid, &n));
            const int c = key_cmp_on_page(&n, &k);
            if (fStrict ? c <= 0 : c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    while (lo < hi) {
        const uint32_t mid = (lo + hi) / 2;
        struct page_node n;
        CALL_R(page_nodes_get(&pns, mid, &n));
        const int c = cmp_leaf(&n, pt);
        if (fStrict ? c <= 0 : c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *piline = lo;
    return JET_errSuccess;
}

/* ---- page checks ------------------------------------------------------------------------------ */

JET_ERR bt_check_tree_page(const struct bt_tree *t, const struct page_view *pv, bool fRoot, int fLeafExpected)
{
    const uint32_t f = page_flags(pv);
    if (f & (PAGE_FLAG_SPACE_TREE | PAGE_FLAG_EMPTY | PAGE_FLAG_PREINIT))
        return ERR_CORRUPT(pv->pgno, "tree page is a space-tree, empty or pre-initialized page");
    if (page_objid_fdp(pv) != t->desc.objid)
        return ERR_CORRUPT(pv->pgno, "tree page belongs to another object");
    if ((f & (PAGE_FLAG_INDEX | PAGE_FLAG_LONG_VALUE | PAGE_FLAG_NON_UNIQUE_KEYS)) != t->fTypeFlags)
        return ERR_CORRUPT(pv->pgno, "tree page of another tree type");
    if (page_is_root(pv) != fRoot)
        return ERR_CORRUPT(pv->pgno, "root flag out of place");
    if (fLeafExpected >= 0 && page_is_leaf(pv) != (fLeafExpected != 0))
        return ERR_CORRUPT(pv->pgno, "leaf flag out of place");
    if (page_is_leaf(pv) && page_is_parent_of_leaf(pv))
        return ERR_CORRUPT(pv->pgno, "leaf page flagged parent of leaf");
    if (!page_is_leaf(pv) && (page_pgno_prev(pv) || page_pgno_next(pv)))
        return ERR_CORRUPT(pv->pgno, "internal page with sibling links");
    if (!fRoot && page_cline(pv) == 0)
        return page_err_corrupt(JET_errBadPageLink, pv->pgno, "empty page in a tree", __FILE__, __LINE__);
    return JET_errSuccess;
}

/* ---- nodes in memory ---------------------------------------------------------------------------- */

JET_ERR bt_nodes_read(const struct page_view *pv, struct bt_kd **prg, uint32_t *pc, void **ppvArena)
{
    JET_ERR err;
    const uint32_t c = page_cline(pv);
    const uint8_t *pbPrefix;
    uint16_t cbPrefix;
    CALL_R(page_get_prefix(pv, &pbPrefix, &cbPrefix));
    /* Keys grow by at most the prefix each; data is copied with the page. */
    const size_t cbArena = (size_t)(c + 1) * sizeof(struct bt_kd) + pv->cb + (size_t)c * cbPrefix;
    uint8_t *pbArena = mem_alloc(cbArena);
    if (!pbArena)
        return ERR_TRAP(JET_errOutOfMemory);
    struct bt_kd *rg = (struct bt_kd *)pbArena;
    uint8_t *pbFree = pbArena + (size_t)(c + 1) * sizeof(struct bt_kd);
    for (uint32_t i = 0; i < c; i++) {
        struct page_node n;
        err = page_get_node(pv, i, &n);
        if (err < 0) {
            mem_free(pbArena);
            return err;
        }
        rg[i].cbKey = page_node_key(&n, pbFree, page_node_cb_key(&n));
        rg[i].pbKey = pbFree;
        pbFree += rg[i].cbKey;
        memcpy(pbFree, n.pbData, n.cbData);
        rg[i].pbData = pbFree;
        rg[i].cbData = n.cbData;
        pbFree += n.cbData;
        rg[i].fFlags = n.fFlags & (PAGE_NODE_VERSIONED | PAGE_NODE_DELETED);
    }
    *prg = rg;
    *pc = c;
    *ppvArena = pbArena;
    return JET_errSuccess;
}

uint32_t bt_cb_nodes(const struct bt_kd *rg, uint32_t c, uint32_t cbTag0)
{
    uint32_t cb = PAGE_CB_TAG + cbTag0;
    for (uint32_t i = 0; i < c; i++)
        cb += bt_kd_cb_line(&rg[i]) + PAGE_CB_TAG;
    return cb;
}

static uint32_t lcp(const uint8_t *a, uint32_t cbA, const uint8_t *b, uint32_t cbB)
{
    const uint32_t n = MIN(cbA, cbB);
    uint32_t i = 0;
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

/* ESE's prefix choice (BTISelectPrefix): the key of the node that saves most when the nodes
 * around it, as long as neighbours share more than two bytes, are compressed against it. A
 * compressed node saves its shared bytes but pays the two-byte prefix count; the prefix node
 * itself pays two. Candidates are ESE's, in its order, with its shortcuts: of two nodes the
 * second; of more, neither the first nor the last, skipping a node whose right neighbour would
 * do at least as well and one on a falling slope; the first best wins a tie. Which node it is
 * matters beyond size: libesedb (20181229) reads a node's key right only when it is all prefix,
 * so a page of LV nodes must start as Windows' do, prefixed by the first value's chunk key
 * (its root and that chunk then store no key of their own). Sums of running minimums over each
 * segment make every candidate's savings O(1). */
static bool select_prefix(const struct bt_kd *rg, uint32_t c, uint32_t *pi)
{
    if (c < 2)
        return false;
    /* com[i]: bytes nodes i - 1 and i share beyond the 2-byte count (ESE's cbCommonPrev),
     * com[0] = com[c] = 0. A segment is a run of nodes joined by com > 0. */
    uint64_t *left = mem_alloc((size_t)(c + 1) * (3 * sizeof(uint32_t) + 2 * sizeof(uint64_t)));
    if (!left)
        return false;       /* no prefix is always correct */
    uint64_t *right = left + c + 1;
    uint32_t *com = (uint32_t *)(right + c + 1), *stk = com + c + 1, *segEnd = stk + c + 1;
    const uint32_t cbCount = PAGE_NODE_CB_COUNT;

    com[0] = com[c] = 0;
    for (uint32_t i = 1; i < c; i++) {
        const uint32_t cb = lcp(rg[i - 1].pbKey, rg[i - 1].cbKey, rg[i].pbKey, rg[i].cbKey);
        com[i] = cb > cbCount ? cb - cbCount : 0;
    }
    if (c == 2) {
        const bool f = com[1] > cbCount;
        mem_free(left);
        *pi = 1;
        return f;
    }

    /* left[p] = sum over j < p in p's segment of min(com[j+1..p]) (monotonic stack). */
    uint32_t top = 0, segStart = 0;
    left[0] = 0;
    for (uint32_t p = 1; p < c; p++) {
        if (com[p] == 0) {
            segStart = p;
            top = 0;
            left[p] = 0;
            continue;
        }
        while (top && com[stk[top - 1]] >= com[p])
            top--;
        const uint32_t q = top ? stk[top - 1] : segStart;
        left[p] = (top ? left[q] : 0) + (uint64_t)com[p] * (p - q);
        stk[top++] = p;
    }
    /* right[p] = sum over j > p in p's segment of min(com[p+1..j]). */
    top = 0;
    segEnd[c - 1] = c - 1;
    right[c - 1] = 0;
    for (uint32_t p = c - 1; p-- > 0;) {
        const uint32_t a = p + 1;
        if (com[a] == 0) {
            segEnd[p] = p;
            top = 0;
            right[p] = 0;
            continue;
        }
        segEnd[p] = segEnd[a];
        while (top && com[stk[top - 1]] >= com[a])
            top--;
        const uint32_t r = top ? stk[top - 1] : segEnd[p] + 1;
        right[p] = (top ? right[r - 1] : 0) + (uint64_t)com[a] * (r - a);
        stk[top++] = a;
    }
    int64_t best = 0;
    uint32_t iBest = 0;
    for (uint32_t p = 1; p + 1 < c; p++) {
        /* ESE's shortcuts: the next node would be at least as good; the previous one better. */
        if (p != 1 && p != c - 2 && com[p + 1] >= com[p])
            continue;
        if (p > 1 && p != c - 2 && com[p - 1] > com[p] && com[p + 1] < com[p])
            continue;
        const int64_t savings = (int64_t)left[p] + (int64_t)right[p] - cbCount;
        if (savings > best) {
            best = savings;
            iBest = p;
        }
    }
    mem_free(left);
    *pi = iBest;
    return best > 0;
}

JET_ERR bt_page_build(struct page_buf *pb, uint32_t objid, uint32_t fFlags, uint32_t pgnoPrev, uint32_t pgnoNext,
        const uint8_t *pbTag0, uint32_t cbTag0, const struct bt_kd *rg, uint32_t c)
{
    JET_ERR err;
    page_init(pb, objid, 0, fFlags | SPACE_PAGE_FLAGS_ALWAYS);
    page_set_pgno_prev(pb, pgnoPrev);
    page_set_pgno_next(pb, pgnoNext);
    if (fFlags & PAGE_FLAG_ROOT) {
        if (cbTag0)
            CALL_R(page_set_external_header(pb, pbTag0, cbTag0));
    } else {
        uint32_t iPrefix;
        if (select_prefix(rg, c, &iPrefix))
            CALL_R(page_set_external_header(pb, rg[iPrefix].pbKey, rg[iPrefix].cbKey));
    }
    for (uint32_t i = 0; i < c; i++)
        CALL_R(page_insert_node(pb, i, rg[i].pbKey, rg[i].cbKey, rg[i].pbData, rg[i].cbData, rg[i].fFlags));
    return JET_errSuccess;
}

uint32_t bt_separator(const struct bt_kd *a, const struct bt_kd *b, bool fNonUnique, uint8_t *rgbOut)
{
    const uint32_t cbCommon = lcp(a->pbKey, a->cbKey, b->pbKey, b->cbKey);
    if (fNonUnique && cbCommon == a->cbKey && cbCommon == b->cbKey) {
        /* Equal keys: the key, the data they share, and the first data byte that differs. */
        const uint32_t cbData = lcp(a->pbData, a->cbData, b->pbData, b->cbData);
        memcpy(rgbOut, b->pbKey, cbCommon);
        memcpy(rgbOut + cbCommon, b->pbData, MIN(cbData + 1, b->cbData));
        return cbCommon + MIN(cbData + 1, b->cbData);
    }
    const uint32_t cb = MIN(cbCommon + 1, b->cbKey);
    memcpy(rgbOut, b->pbKey, cb);
    return cb;
}
