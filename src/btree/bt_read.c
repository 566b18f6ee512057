/* SPDX-License-Identifier: MIT
 * btree/bt_read.c: descending, seeking and moving; finding a cursor's node again.
 * Layer: btree (uses space, cache, page, base).
 *
 * Readers latch shared and couple down (child latched, then parent released); they move right
 * by latching the next leaf before releasing the current one (left to right is the latch order)
 * and left by releasing first, then latching the previous leaf and checking that its next link
 * still names the page they came from (if not, a split or merge moved things: they find their
 * place again from the root). No latch outlives a call. */
#include "bt_int.h"

DEBUG_CHANNEL(btree);

/* ---- descents -------------------------------------------------------------------------------- */

JET_ERR bt_check_pgno(const struct bt_tree *t, uint32_t pgno, uint32_t pgnoFrom)
{
    if (pgno == 0 || pgno > cache_file_cpg(t->db->file))
        return ERR_CORRUPT(pgnoFrom, "page number beyond the end of the file");
    return JET_errSuccess;
}

/* The tree's root, kept pinned by the tree object (bt_int.h refRoot): latched lock-free into
 * *pref, a copy that must go back through root_unlatch, never cache_put. */
static bool root_relatch(struct bt_tree *t, struct page_ref *pref)
{
    if (!__atomic_load_n(&t->fRootKept, __ATOMIC_ACQUIRE))
        return false;
    *pref = t->refRoot;
    if (cache_relatch_shared(pref))
        return true;
    *pref = PAGE_REF_NONE;
    return false;
}

static void root_unlatch(struct page_ref *pref)
{
    /* a kept reference: this only lets the latch go, the tree's pin stays */
    const bool fKept = cache_keep_pin(pref);
    assert(fKept);
    (void)fKept;
    *pref = PAGE_REF_NONE;
}

/* Done with the root, got the usual way: the first such reader keeps it pinned for the tree
 * (while the cache allows), the others put it. */
static void root_keep_or_put(struct bt_tree *t, struct page_ref *pref)
{
    bool fExpected = false;
    if (!__atomic_load_n(&t->fRootKept, __ATOMIC_ACQUIRE)
            && __atomic_compare_exchange_n(&t->fRootKeeping, &fExpected, true, false, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
        if (cache_keep_pin(pref)) {
            t->refRoot = *pref;
            *pref = PAGE_REF_NONE;
            __atomic_store_n(&t->fRootKept, true, __ATOMIC_RELEASE);
            return;
        }
        __atomic_store_n(&t->fRootKeeping, false, __ATOMIC_RELEASE);
    }
    cache_put(pref);
}

void bt_tree_unkeep_root(struct bt_tree *t)
{
    if (__atomic_load_n(&t->fRootKept, __ATOMIC_ACQUIRE))
        cache_put(&t->refRoot);
    t->fRootKept = t->fRootKeeping = false;
}

static JET_ERR descend_read(struct bt_tree *t, struct bt_route_cache *prc, const struct bt_target *pt, bool fStrict,
        struct page_ref *pref, uint32_t *piline, struct bt_path *path);

JET_ERR bt_descend_read(struct bt_tree *t, const struct bt_target *pt, bool fStrict, struct page_ref *pref,
        uint32_t *piline, struct bt_path *path)
{
    return descend_read(t, NULL, pt, fStrict, pref, piline, path);
}

JET_ERR bt_descend_read_cursor(struct bt_cursor *c, const struct bt_target *pt, bool fStrict, struct page_ref *pref,
        uint32_t *piline)
{
    if (!c->prc)
        c->prc = mem_calloc(1, sizeof *c->prc);       /* none: routed the usual way */
    return descend_read(c->tree, c->prc, pt, fStrict, pref, piline, NULL);
}

static JET_ERR descend_read(struct bt_tree *t, struct bt_route_cache *prc, const struct bt_target *pt, bool fStrict,
        struct page_ref *pref, uint32_t *piline, struct bt_path *path)
{
    JET_ERR err;
    struct page_ref ref = PAGE_REF_NONE, refChild;
    uint32_t pgno;
    int fLeafExpected;
    /* ref is the root: kept by the tree (a copy, fRefKept) or got the usual way (fRefRoot) */
    bool fRefKept = false, fRefRoot = false, fAvoidKept = false;

    *pref = PAGE_REF_NONE;
restart:
    pgno = t->desc.pgnoFDP;
    fLeafExpected = -1;
    for (uint32_t level = 0;; level++) {
        if (level >= BT_DEPTH_MAX)
            FAIL(ERR_CORRUPT(pgno, "tree deeper than any ESE tree"));
        bool fChildKept = false;
        if (level == 0 && !fAvoidKept && root_relatch(t, &refChild)) {
            fChildKept = true;
        } else {
            CALL(bt_check_pgno(t, pgno, ref.pgno ? ref.pgno : t->desc.pgnoFDP));
            CALL(cache_get(t->db->file, pgno, CACHE_LATCH_SHARED, 0, &refChild));
        }
        if (fRefKept)
            root_unlatch(&ref);
        else if (fRefRoot)
            root_keep_or_put(t, &ref);
        else
            cache_put(&ref);
        ref = refChild;
        fRefKept = fChildKept;
        fRefRoot = level == 0 && !fChildKept;
        const struct page_view v = page_view_make(ref.buf, bt_cb_page(t), pgno);
        CALL(bt_check_tree_page(t, &v, level == 0, fLeafExpected));
        if (page_is_leaf(&v) && fRefKept) {
            /* A root that is the leaf goes to the caller: not the tree's kept copy. */
            root_unlatch(&ref);
            fRefKept = false;
            fAvoidKept = true;
            goto restart;
        }
        if (path) {
            path->rgpgno[level] = pgno;
            path->rgcline[level] = page_cline(&v);
        }
        if (page_is_leaf(&v)) {
            CALL(bt_leaf_search(&v, pt, fStrict, piline));
            if (path) {
                path->rgiline[level] = *piline;
                path->depth = level + 1;
            }
            *pref = ref;
            return JET_errSuccess;
        }
        uint32_t iline;
        if (!(level == 0 && prc && bt_route_cached(prc, &v, pt, &iline, &pgno)))
            CALL(bt_route(&v, pt, &iline, &pgno));
        if (pgno == ref.pgno)
            FAIL(ERR_CORRUPT(pgno, "internal page points to itself"));
        if (path)
            path->rgiline[level] = iline;
        fLeafExpected = page_is_parent_of_leaf(&v) ? 1 : 0;
    }
out:
    if (fRefKept)
        root_unlatch(&ref);
    else
        cache_put(&ref);
    return err;
}

JET_ERR bt_descend_write(struct bt_tree *t, struct mtr *m, const struct bt_target *pt, uint8_t **ppb,
        uint32_t *ppgno, uint32_t *piline)
{
    JET_ERR err;
    const uint32_t pgnoRoot = t->desc.pgnoFDP;
    uint8_t *pb;

    /* The root: shared, unless it is the leaf itself. */
    CALL_R(mtr_get(m, pgnoRoot, CACHE_LATCH_SHARED, &pb));
    {
        const struct page_view v = page_view_make(pb, bt_cb_page(t), pgnoRoot);
        CALL_R(bt_check_tree_page(t, &v, true, -1));
        if (page_is_leaf(&v)) {
            mtr_release(m, pgnoRoot);
            CALL_R(mtr_get(m, pgnoRoot, CACHE_LATCH_EXCLUSIVE, &pb));
            const struct page_view v2 = page_view_make(pb, bt_cb_page(t), pgnoRoot);
            CALL_R(bt_check_tree_page(t, &v2, true, -1));
            if (!page_is_leaf(&v2))
                return ERR_LATCH_CONFLICT;      /* it split meanwhile: the caller starts again */
            *ppb = pb;
            *ppgno = pgnoRoot;
            return bt_leaf_search(&v2, pt, false, piline);
        }
    }
    uint32_t pgno = pgnoRoot;
    for (uint32_t level = 1;; level++) {
        const struct page_view v = page_view_make(pb, bt_cb_page(t), pgno);
        uint32_t iline, pgnoChild;
        uint8_t *pbChild;
        if (level >= BT_DEPTH_MAX)
            return ERR_CORRUPT(pgno, "tree deeper than any ESE tree");
        CALL_R(bt_route(&v, pt, &iline, &pgnoChild));
        CALL_R(bt_check_pgno(t, pgnoChild, pgno));
        if (pgnoChild == pgno || pgnoChild == pgnoRoot)
            return ERR_CORRUPT(pgno, "internal page points to itself or to the root");
        const bool fLeaf = page_is_parent_of_leaf(&v);
        CALL_R(mtr_get(m, pgnoChild, fLeaf ? CACHE_LATCH_EXCLUSIVE : CACHE_LATCH_SHARED, &pbChild));
        mtr_release(m, pgno);
        pgno = pgnoChild;
        pb = pbChild;
        const struct page_view vc = page_view_make(pb, bt_cb_page(t), pgno);
        CALL_R(bt_check_tree_page(t, &vc, false, fLeaf ? 1 : 0));
        if (fLeaf) {
            *ppb = pb;
            *ppgno = pgno;
            return bt_leaf_search(&vc, pt, false, piline);
        }
    }
}

JET_ERR bt_get_sibling(struct bt_tree *t, uint32_t pgno, uint32_t pgnoFrom, bool fNext, struct page_ref *pref)
{
    JET_ERR err;
    CALL_R(bt_check_pgno(t, pgno, pgnoFrom));
    if (pgno == pgnoFrom)
        return page_err_corrupt(JET_errBadPageLink, pgno, "leaf links to itself", __FILE__, __LINE__);
    CALL_R(cache_get(t->db->file, pgno, CACHE_LATCH_SHARED, 0, pref));
    const struct page_view v = page_view_make(pref->buf, bt_cb_page(t), pgno);
    err = bt_check_tree_page(t, &v, false, 1);
    if (err >= 0 && (fNext ? page_pgno_prev(&v) : page_pgno_next(&v)) != pgnoFrom)
        err = page_err_corrupt(JET_errBadPageLink, pgno, "sibling link does not point back", __FILE__, __LINE__);
    if (err < 0)
        cache_put(pref);
    return err;
}

/* ---- leaf hints ------------------------------------------------------------------------------ */

/* Is the target's place on this page (at dbtime) its place in the tree (bt_int.h)? The two edge
 * nodes are compared first, so a page the target is not on costs two comparisons. */
/* Is line i the target's place on the page: node i-1 < target (fStrict: <=) and node i >= it
 * (fStrict: >)? Two comparisons prove what a binary search would find. */
static bool place_is(const struct page_nodes *pns, const struct bt_target *pt, bool fStrict, uint32_t i, uint32_t cline)
{
    struct page_node n;
    if (i > cline)
        return false;
    if (i > 0) {
        if (page_nodes_get(pns, i - 1, &n) < 0)
            return false;
        const int c = bt_cmp_leaf(&n, pt);
        if (fStrict ? c > 0 : c >= 0)
            return false;
    }
    if (i < cline) {
        if (page_nodes_get(pns, i, &n) < 0)
            return false;
        const int c = bt_cmp_leaf(&n, pt);
        if (fStrict ? c <= 0 : c < 0)
            return false;
    }
    return true;
}

static bool hint_search(struct bt_tree *t, const struct page_view *pv, uint64_t dbtime, uint32_t ilineGuess,
        const struct bt_target *pt, bool fStrict, uint32_t *piline)
{
    if (page_dbtime(pv) != dbtime || page_objid_fdp(pv) != t->desc.objid || !page_is_leaf(pv))
        return false;
    if (bt_check_tree_page(t, pv, pv->pgno == t->desc.pgnoFDP, 1) < 0)
        return false;
    const uint32_t cline = page_cline(pv);
    const bool fPrev = page_pgno_prev(pv) != 0, fNext = page_pgno_next(pv) != 0;
    struct page_node n;
    struct page_nodes pns;
    if (cline == 0)
        return false;           /* only an empty root leaf, which a descent reaches at once */
    if (page_nodes_init(pv, &pns) < 0)
        return false;
    /* The line the hint names, or the one after it (the next key of an ascending run). */
    if (ilineGuess != BT_ILINE_NONE) {
        for (uint32_t i = ilineGuess; i <= ilineGuess + 1; i++) {
            if (place_is(&pns, pt, fStrict, i, cline)) {
                *piline = i;
                return !((i == 0 && fPrev) || (i == cline && fNext));
            }
        }
    }
    /* A node before the place: node 0 < target (fStrict: <=). */
    if (fPrev) {
        if (page_nodes_get(&pns, 0, &n) < 0)
            return false;
        const int c = bt_cmp_leaf(&n, pt);
        if (fStrict ? c > 0 : c >= 0)
            return false;
    }
    /* A node at or after it: the last node >= target (fStrict: >). */
    if (fNext) {
        if (page_nodes_get(&pns, cline - 1, &n) < 0)
            return false;
        const int c = bt_cmp_leaf(&n, pt);
        if (fStrict ? c <= 0 : c < 0)
            return false;
    }
    if (bt_leaf_search(pv, pt, fStrict, piline) < 0)
        return false;
    return !((*piline == 0 && fPrev) || (*piline == cline && fNext));
}

bool bt_hint_read(struct bt_tree *t, uint32_t pgno, uint64_t dbtime, uint32_t ilineGuess, const struct bt_target *pt,
        bool fStrict, struct page_ref *pref, uint32_t *piline)
{
    if (pgno == 0 || pgno > cache_file_cpg(t->db->file))
        return false;
    if (cache_get(t->db->file, pgno, CACHE_LATCH_SHARED, 0, pref) < 0) {
        *pref = PAGE_REF_NONE;
        return false;
    }
    const struct page_view v = page_view_make(pref->buf, bt_cb_page(t), pgno);
    if (hint_search(t, &v, dbtime, ilineGuess, pt, fStrict, piline))
        return true;
    cache_put(pref);
    return false;
}

bool bt_hint_write(struct bt_tree *t, struct mtr *m, uint32_t pgno, uint64_t dbtime, uint32_t ilineGuess,
        const struct bt_target *pt, uint8_t **ppb, uint32_t *piline)
{
    struct page_ref ref;
    uint8_t *pb;
    /* Decide under a shared latch (no page copy for a hint that misses), then latch for the
     * mtr and confirm nothing changed in between. */
    if (!bt_hint_read(t, pgno, dbtime, ilineGuess, pt, false, &ref, piline))
        return false;
    cache_put(&ref);
    if (mtr_get(m, pgno, CACHE_LATCH_EXCLUSIVE, &pb) < 0)
        return false;
    const struct page_view v = page_view_make(pb, bt_cb_page(t), pgno);
    if (page_dbtime(&v) != dbtime) {
        mtr_release(m, pgno);
        return false;
    }
    *ppb = pb;
    return true;
}

/* ---- the cursor's node ----------------------------------------------------------------------- */

/* Copy node n (line iline of the latched leaf pv) into the cursor and remember the place. */
static JET_ERR cursor_take_node(struct bt_cursor *c, const struct page_view *pv, uint32_t iline,
        const struct page_node *pn)
{
    const struct page_node n = *pn;
    if (page_node_cb_key(&n) > PAGE_NODE_CB_KEY_MASK || n.cbData > bt_cb_page(c->tree))
        return ERR_CORRUPT(pv->pgno, "node larger than a page");
    c->cbKey = page_node_key(&n, c->pbKey, PAGE_NODE_CB_KEY_MASK + 1);
    memcpy(c->pbData, n.pbData, n.cbData);
    c->cbData = n.cbData;
    c->fFlags = n.fFlags & (PAGE_NODE_DELETED | PAGE_NODE_VERSIONED);
    c->pos = BT_POS_ON;
    c->pgnoHint = pv->pgno;
    c->dbtimeHint = page_dbtime(pv);
    c->ilineHint = iline;
    return JET_errSuccess;
}

JET_ERR bt_cursor_take(struct bt_cursor *c, const struct page_view *pv, uint32_t iline)
{
    JET_ERR err;
    struct page_node n;
    CALL_R(page_get_node(pv, iline, &n));
    return cursor_take_node(c, pv, iline, &n);
}

struct bt_target bt_cursor_target(const struct bt_cursor *c)
{
    struct bt_target tg = { c->pbKey, c->cbKey, c->pbData, c->cbData,
                            bt_nonunique(c->tree) ? BT_T_KEYDATA : BT_T_KEY, bt_nonunique(c->tree) };
    return tg;
}

void bt_unkeep(struct bt_cursor *c)
{
    c->fNodesKeep = false;
    if (c->refKeep.frame)
        cache_put(&c->refKeep);
}

/* The node reader of the latched kept page *pref (bt_int.h pnsKeep). */
static void keep_nodes(struct bt_cursor *c, const struct page_ref *pref)
{
    c->vKeep = page_view_make(pref->buf, bt_cb_page(c->tree), pref->pgno);
    c->dbtimeNodes = page_dbtime(&c->vKeep);
    c->fNodesKeep = page_nodes_init(&c->vKeep, &c->pnsKeep) >= 0;
}

/* bt_move_next's fast step: the node after the current one on the kept hint page, when that
 * page has not changed since the cursor took its node there (the same dbtime: it is still the
 * tree's leaf the node was on, checked then) and the next node to show is on it. false, with
 * nothing held and the cursor unchanged, sends the caller the long way (which also reports any
 * error). */
static bool next_on_kept(struct bt_cursor *c, unsigned grbit, JET_ERR *perr)
{
    if (c->pos != BT_POS_ON || !c->refKeep.frame || c->refKeep.pgno != c->pgnoHint)
        return false;
    if (!cache_relatch_shared(&c->refKeep))
        return false;
    bool fDone = false;
    const struct page_view v = page_view_make(c->refKeep.buf, bt_cb_page(c->tree), c->refKeep.pgno);
    /* unchanged since the cursor took its node there, and the reader worked out at that dbtime
     * (else this is the first step on the page: work it out now) */
    if (page_dbtime(&v) != c->dbtimeHint)
        goto out;
    if (!c->fNodesKeep || c->vKeep.buf != v.buf || c->vKeep.pgno != v.pgno || c->dbtimeNodes != c->dbtimeHint)
        keep_nodes(c, &c->refKeep);
    if (c->fNodesKeep) {
        for (uint32_t iline = c->ilineHint + 1; iline < c->pnsKeep.cline; iline++) {
            struct page_node n;
            if (page_nodes_get(&c->pnsKeep, iline, &n) < 0)
                break;
            if ((n.fFlags & PAGE_NODE_DELETED) && !(grbit & BT_DELETED_TOO))
                continue;
            *perr = cursor_take_node(c, &c->vKeep, iline, &n);
            fDone = *perr >= 0;
            break;
        }
    }
out:;
    /* back to a plain pin (it is kept already, so this cannot fail) */
    const bool fKept = cache_keep_pin(&c->refKeep);
    assert(fKept);
    (void)fKept;
    return fDone;
}

/* Done with the leaf *pref at the end of a read: keep it pinned when it is the cursor's hint page
 * (the next move or read of the cursor comes back to it), else put it. */
static void keep_or_put(struct bt_cursor *c, struct page_ref *pref)
{
    if (pref->frame && c->pos == BT_POS_ON && pref->pgno == c->pgnoHint && pref->latch == CACHE_LATCH_SHARED) {
        if (c->refKeep.frame == pref->frame) {
            cache_put(pref);            /* kept already */
            return;
        }
        bt_unkeep(c);
        if (cache_keep_pin(pref)) {
            c->refKeep = *pref;
            *pref = PAGE_REF_NONE;
            return;
        }
    }
    cache_put(pref);
}

/* Find the cursor's node: the hint page if it did not change, else from the root. *pref holds
 * the leaf; *piline is the node (*pfExact) or the first node after where it was. */
static JET_ERR locate(struct bt_cursor *c, struct page_ref *pref, uint32_t *piline, bool *pfExact)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    const struct bt_target tg = bt_cursor_target(c);

    if (c->pgnoHint && c->pgnoHint <= cache_file_cpg(t->db->file)) {
        if (c->refKeep.frame && c->refKeep.pgno == c->pgnoHint && cache_relatch_shared(&c->refKeep)) {
            /* the kept pin: latched again without a lookup (its dbtime is checked below) */
            *pref = c->refKeep;
            c->refKeep = PAGE_REF_NONE;
            err = JET_errSuccess;
        } else {
            bt_unkeep(c);
            err = cache_get(t->db->file, c->pgnoHint, CACHE_LATCH_SHARED, 0, pref);
        }
        if (err >= 0) {
            const struct page_view v = page_view_make(pref->buf, bt_cb_page(t), c->pgnoHint);
            if (page_dbtime(&v) == c->dbtimeHint && page_objid_fdp(&v) == t->desc.objid && page_is_leaf(&v)
                    && !(page_flags(&v) & (PAGE_FLAG_EMPTY | PAGE_FLAG_SPACE_TREE)) && c->ilineHint < page_cline(&v)) {
                *piline = c->ilineHint;
                *pfExact = c->pos == BT_POS_ON;
                if (*pfExact)
                    return JET_errSuccess;
                /* A gap: the hint line is the node after it. */
                return JET_errSuccess;
            }
            cache_put(pref);
        }
    }
    CALL_R(bt_descend_read_cursor(c, &tg, false, pref, piline));
    const struct page_view v = page_view_make(pref->buf, bt_cb_page(t), pref->pgno);
    *pfExact = false;
    if (*piline < page_cline(&v)) {
        struct page_node n;
        err = page_get_node(&v, *piline, &n);
        if (err < 0) {
            cache_put(pref);
            return err;
        }
        *pfExact = bt_cmp_leaf(&n, &tg) == 0;
    }
    return JET_errSuccess;
}

/* From (leaf, iline) forwards to the first node to show; takes it or sits after the last. */
static JET_ERR scan_forward(struct bt_cursor *c, struct page_ref *pref, uint32_t iline, unsigned grbit)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    uint32_t cpg = 0;
    for (;;) {
        const struct page_view v = page_view_make(pref->buf, bt_cb_page(t), pref->pgno);
        struct page_nodes pns;
        CALL(page_nodes_init(&v, &pns));
        for (; iline < pns.cline; iline++) {
            struct page_node n;
            CALL(page_nodes_get(&pns, iline, &n));
            if ((n.fFlags & PAGE_NODE_DELETED) && !(grbit & BT_DELETED_TOO))
                continue;
            CALL(cursor_take_node(c, &v, iline, &n));
            goto out;
        }
        const uint32_t pgnoNext = page_pgno_next(&v);
        if (pgnoNext == 0) {
            c->pos = BT_POS_AFTER_LAST;
            FAIL(JET_errNoCurrentRecord);
        }
        if (++cpg > cache_file_cpg(t->db->file))
            FAIL(ERR_CORRUPT(pref->pgno, "leaf chain loops"));
        struct page_ref refNext;
        CALL(bt_get_sibling(t, pgnoNext, pref->pgno, true, &refNext));
        cache_put(pref);
        *pref = refNext;
        iline = 0;
    }
out:
    keep_or_put(c, pref);
    return err;
}

/* From (leaf, iline) backwards: the node before line iline. If the previous leaf no longer links
 * to this one, start again from the root at ptRestart (first node >= (fStrict: >) it). */
static JET_ERR scan_backward(struct bt_cursor *c, struct page_ref *pref, uint32_t iline, unsigned grbit,
        const struct bt_target *ptRestart, bool fStrict)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    uint32_t cpg = 0, cRestart = 0;
    for (;;) {
        const struct page_view v = page_view_make(pref->buf, bt_cb_page(t), pref->pgno);
        while (iline > 0) {
            struct page_line l;
            iline--;
            CALL(page_get_line(&v, iline, &l));
            if ((l.fFlags & PAGE_NODE_DELETED) && !(grbit & BT_DELETED_TOO))
                continue;
            CALL(bt_cursor_take(c, &v, iline));
            goto out;
        }
        const uint32_t pgnoPrev = page_pgno_prev(&v), pgnoFrom = pref->pgno;
        if (pgnoPrev == 0) {
            c->pos = BT_POS_BEFORE_FIRST;
            FAIL(JET_errNoCurrentRecord);
        }
        if (++cpg > cache_file_cpg(t->db->file))
            FAIL(ERR_CORRUPT(pref->pgno, "leaf chain loops"));
        /* Right to left goes against the latch order: let go first. */
        cache_put(pref);
        err = bt_get_sibling(t, pgnoPrev, pgnoFrom, false, pref);
        if (err == JET_errBadPageLink || err == JET_errDatabaseCorrupted) {
            /* Changed under us (split or merge), or truly corrupt: the root decides. */
            if (++cRestart > 8)
                FAIL(err);
            CALL(bt_descend_read(t, ptRestart, fStrict, pref, &iline, NULL));
            continue;
        }
        CALL(err);
        const struct page_view vp = page_view_make(pref->buf, bt_cb_page(t), pref->pgno);
        iline = page_cline(&vp);
    }
out:
    keep_or_put(c, pref);
    return err;
}

/* ---- seeks and moves ------------------------------------------------------------------------- */

static struct bt_target target_for(const struct bt_tree *t, enum bt_seek op, const void *pvKey, uint32_t cbKey,
        const void *pvData, uint32_t cbData)
{
    struct bt_target tg = { pvKey, cbKey, pvData, cbData, BT_T_KEY, bt_nonunique(t) };
    if (!tg.fNonUnique)
        return tg;
    if (pvData)
        tg.mode = BT_T_KEYDATA;
    else if (op == BT_SEEK_GT || op == BT_SEEK_LE)
        tg.mode = BT_T_KEY_DATAMAX;
    return tg;
}

/* FNV-1a of what a seek looks for (only compared, never trusted: a collision costs a look at
 * the hint page, which checks the target itself). */
static uint64_t seek_hash(enum bt_seek op, const struct bt_target *pt)
{
    uint64_t h = 14695981039346656037ull ^ ((uint64_t)op << 8 | (uint64_t)pt->mode);
    for (uint32_t i = 0; i < pt->cbKey; i++)
        h = (h ^ pt->pbKey[i]) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
    for (uint32_t i = 0; i < pt->cbData; i++)
        h = (h ^ pt->pbData[i]) * 1099511628211ull;
    return h ^ ((uint64_t)pt->cbKey << 32 | pt->cbData);
}

JET_ERR bt_seek(struct bt_cursor *c, enum bt_seek op, const void *pvKey, uint32_t cbKey, const void *pvData,
        uint32_t cbData, unsigned grbit)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    struct page_ref ref;
    uint32_t iline;

    if ((cbKey && !pvKey) || (cbData && !pvData) || op > BT_SEEK_LT || (grbit & ~BT_DELETED_TOO))
        return ERR_TRAP(JET_errInvalidParameter);
    const struct bt_target tg = target_for(t, op, pvKey, cbKey, pvData, cbData);
    const bool fStrict = op == BT_SEEK_GT || op == BT_SEEK_LE;
    /* The hint page is worth a look when this seek repeats the last one (a writer checking
     * again what it saw) or follows an insert (the next key often goes to the same leaf); a
     * fresh cursor tries the leaf of the tree's last insert. Other seeks descend at once. */
    const uint64_t hash = seek_hash(op, &tg);
    uint32_t pgnoHint = 0, ilineHint = BT_ILINE_NONE;
    uint64_t dbtimeHint = 0;
    if (c->pgnoHint) {
        if (c->fHintWrite || hash == c->hashSeek) {
            pgnoHint = c->pgnoHint;
            dbtimeHint = c->dbtimeHint;
            ilineHint = c->ilineHint;
        }
    } else {
        pgnoHint = __atomic_load_n(&t->pgnoHintInsert, __ATOMIC_RELAXED);
        dbtimeHint = __atomic_load_n(&t->dbtimeHintInsert, __ATOMIC_RELAXED);
        ilineHint = __atomic_load_n(&t->ilineHintInsert, __ATOMIC_RELAXED);
    }
    c->hashSeek = hash;
    c->fHintWrite = false;
    c->pos = BT_POS_NONE;
    if (!pgnoHint || !bt_hint_read(t, pgnoHint, dbtimeHint, ilineHint, &tg, fStrict, &ref, &iline))
        CALL_R(bt_descend_read_cursor(c, &tg, fStrict, &ref, &iline));
    if (op == BT_SEEK_LE || op == BT_SEEK_LT)
        err = scan_backward(c, &ref, iline, grbit, &tg, fStrict);
    else
        err = scan_forward(c, &ref, iline, grbit);
    if (err == JET_errNoCurrentRecord)
        err = ERR_TRAP(JET_errRecordNotFound);
    if (err >= 0 && op == BT_SEEK_EQ) {
        /* Equal: same key (and data when given). */
        const bool fEqual = c->cbKey == cbKey && (!cbKey || !memcmp(c->pbKey, pvKey, cbKey))
                            && (tg.mode != BT_T_KEYDATA || (c->cbData == cbData && (!cbData || !memcmp(c->pbData, pvData, cbData))));
        if (!fEqual)
            err = JET_errRecordNotFound;
    }
    if (err < 0)
        c->pos = BT_POS_NONE;
    return err;
}

JET_ERR bt_move_first(struct bt_cursor *c, unsigned grbit)
{
    JET_ERR err;
    struct page_ref ref;
    uint32_t iline;
    const struct bt_target tg = { NULL, 0, NULL, 0, BT_T_MIN, bt_nonunique(c->tree) };
    CALL_R(bt_descend_read(c->tree, &tg, false, &ref, &iline, NULL));
    return scan_forward(c, &ref, 0, grbit);
}

JET_ERR bt_move_last(struct bt_cursor *c, unsigned grbit)
{
    JET_ERR err;
    struct page_ref ref;
    uint32_t iline;
    const struct bt_target tg = { NULL, 0, NULL, 0, BT_T_MAX, bt_nonunique(c->tree) };
    CALL_R(bt_descend_read(c->tree, &tg, false, &ref, &iline, NULL));
    return scan_backward(c, &ref, iline, grbit, &tg, false);
}

JET_ERR bt_move_next(struct bt_cursor *c, unsigned grbit)
{
    JET_ERR err;
    struct page_ref ref;
    uint32_t iline;
    bool fExact;
    switch (c->pos) {
    case BT_POS_BEFORE_FIRST:
        return bt_move_first(c, grbit);
    case BT_POS_AFTER_LAST:
    case BT_POS_NONE:
        return JET_errNoCurrentRecord;
    default:
        break;
    }
    if (next_on_kept(c, grbit, &err))
        return err;
    CALL_R(locate(c, &ref, &iline, &fExact));
    return scan_forward(c, &ref, fExact ? iline + 1 : iline, grbit);
}

JET_ERR bt_move_prev(struct bt_cursor *c, unsigned grbit)
{
    JET_ERR err;
    struct page_ref ref;
    uint32_t iline;
    bool fExact;
    switch (c->pos) {
    case BT_POS_AFTER_LAST:
        return bt_move_last(c, grbit);
    case BT_POS_BEFORE_FIRST:
    case BT_POS_NONE:
        return JET_errNoCurrentRecord;
    default:
        break;
    }
    CALL_R(locate(c, &ref, &iline, &fExact));
    /* The restart target is the node itself: its copy may be overwritten by what the scan takes,
     * so keep the bookmark aside. */
    const uint32_t cbKey = c->cbKey, cbData = c->cbData;
    uint8_t *pb = mem_alloc((size_t)cbKey + cbData + 1);
    if (!pb) {
        cache_put(&ref);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    memcpy(pb, c->pbKey, cbKey);
    memcpy(pb + cbKey, c->pbData, cbData);
    struct bt_target tg = bt_cursor_target(c);
    tg.pbKey = pb;
    tg.pbData = pb + cbKey;
    err = scan_backward(c, &ref, iline, grbit, &tg, false);
    mem_free(pb);
    return err;
}

lsn_t bt_last_lsn(const struct bt_cursor *c)
{
    return c->lsnLast;
}

bool bt_has_current(const struct bt_cursor *c)
{
    return c->pos == BT_POS_ON;
}

const uint8_t *bt_key(const struct bt_cursor *c, uint32_t *pcb)
{
    *pcb = c->pos == BT_POS_ON ? c->cbKey : 0;
    return c->pos == BT_POS_ON ? c->pbKey : NULL;
}

const uint8_t *bt_data(const struct bt_cursor *c, uint32_t *pcb)
{
    *pcb = c->pos == BT_POS_ON ? c->cbData : 0;
    return c->pos == BT_POS_ON ? c->pbData : NULL;
}

uint8_t bt_node_flags(const struct bt_cursor *c)
{
    return c->pos == BT_POS_ON ? c->fFlags : 0;
}

JET_ERR bt_refresh(struct bt_cursor *c)
{
    JET_ERR err;
    struct page_ref ref;
    uint32_t iline;
    bool fExact;
    if (c->pos != BT_POS_ON && c->pos != BT_POS_GAP)
        return JET_errNoCurrentRecord;
    CALL_R(locate(c, &ref, &iline, &fExact));
    if (fExact) {
        const struct page_view v = page_view_make(ref.buf, bt_cb_page(c->tree), ref.pgno);
        /* Every change to a page moves its dbtime: on the same page at the same dbtime the node
         * is the one the cursor copied, and copying it again is wasted work (most reads). */
        if (c->pos == BT_POS_ON && ref.pgno == c->pgnoHint && page_dbtime(&v) == c->dbtimeHint && iline == c->ilineHint)
            err = JET_errSuccess;
        else
            err = bt_cursor_take(c, &v, iline);
    } else {
        c->pos = BT_POS_GAP;
        c->pgnoHint = 0;
        err = JET_errRecordDeleted;
    }
    keep_or_put(c, &ref);
    return err;
}
