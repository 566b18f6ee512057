/* SPDX-License-Identifier: MIT
 * btree/bt_smo.c: structure changes: splits (vertical at the root, horizontal below), removal of
 * emptied pages, merges into a sibling, and collapsing a root with one child.
 * Layer: btree (uses space, cache, page, base).
 *
 * Protocol (README "Latching"): a structure change holds the tree's SMO mutex for its whole
 * length, so internal pages (which only structure changes modify) stay as a first shared
 * descent saw them. It works one level per mtr, top down: it finds the highest page that must
 * split because its parent cannot take another separator (or the root), splits that one, and
 * starts again from the root, until the leaf can take the operation; the leaf split performs the
 * operation itself (and carries its undo payload). Every structure mtr latches the root
 * exclusively first (it guards the FDP's space too), takes its new page from space next, then
 * latches parent, page and right sibling, in that order. When the FDP lacks a free page, the
 * mtr is aborted, space_prepare() runs with no latch held and the SMO mutex let go (it may wait
 * for the parent FDP's pages: nothing of this tree is held across a wait for another tree), and
 * the structure change starts again from the root. */
#include "bt_int.h"

DEBUG_CHANNEL(btree);

#define BT_SMO_ITER_MAX (4 * BT_DEPTH_MAX + 16)

/* space_prepare without holding the tree's SMO mutex; everything is looked at again afterwards. */
static JET_ERR prepare_unlocked(struct bt_tree *t, uint32_t cpgAlloc, uint32_t cFree)
{
    os_mutex_unlock(&t->muSmo);
    const JET_ERR err = space_prepare(t->db->sdb, t->desc.pgnoFDP, cpgAlloc, false, cFree);
    os_mutex_lock(&t->muSmo);
    return err;
}

static uint32_t sep_line(uint32_t cbSep)
{
    return page_cb_line_node(0, cbSep, 4) + PAGE_CB_TAG;
}

static uint32_t cb_area(const struct bt_tree *t)
{
    return bt_cb_page(t) - page_cb_header_for(bt_cb_page(t));
}

static struct bt_target op_target(const struct bt_tree *t, const struct bt_op *op)
{
    struct bt_target tg = { op->pbKey, op->cbKey, op->pbData, op->cbData, bt_nonunique(t) ? BT_T_KEYDATA : BT_T_KEY,
                            bt_nonunique(t) };
    return tg;
}

static JET_ERR smo_begin(struct bt_tree *t, struct mtr *m, uint8_t **ppbRoot)
{
    bt_mtr_begin(t, m);
    return mtr_get(m, t->desc.pgnoFDP, CACHE_LATCH_EXCLUSIVE, ppbRoot);
}

/* Latch a page of the tree exclusively in the mtr and check it. */
static JET_ERR latch_x(struct bt_tree *t, struct mtr *m, uint32_t pgno, bool fRoot, int fLeaf, struct page_buf *pb)
{
    JET_ERR err;
    uint8_t *p;
    if (pgno == 0 || pgno > cache_file_cpg(t->db->file))
        return ERR_CORRUPT(pgno, "page number beyond the end of the file");
    CALL_R(mtr_get(m, pgno, CACHE_LATCH_EXCLUSIVE, &p));
    *pb = page_buf_make(p, bt_cb_page(t), pgno);
    const struct page_view v = page_view_of(pb);
    return bt_check_tree_page(t, &v, fRoot, fLeaf);
}

/* The child page node iline of an internal page points to. */
static JET_ERR child_of(const struct page_view *pv, uint32_t iline, uint32_t *ppgno)
{
    JET_ERR err;
    struct page_node n;
    if (iline >= page_cline(pv))
        return ERR_CORRUPT(pv->pgno, "path leads off an internal page");
    CALL_R(page_get_node(pv, iline, &n));
    if (!page_node_child_pgno(&n, ppgno))
        return ERR_CORRUPT(pv->pgno, "internal node without a child page");
    return JET_errSuccess;
}

/* Longest separator a split of this page could push up. */
static JET_ERR page_max_sep(const struct bt_tree *t, const struct page_view *pv, uint32_t *pcb)
{
    JET_ERR err;
    const bool fLeaf = page_is_leaf(pv);
    *pcb = 0;
    for (uint32_t i = 0; i < page_cline(pv); i++) {
        struct page_node n;
        CALL_R(page_get_node(pv, i, &n));
        uint32_t cb = page_node_cb_key(&n);
        if (fLeaf && bt_nonunique(t))
            cb += n.cbData;
        *pcb = MAX(*pcb, cb + 1);
    }
    return JET_errSuccess;
}

/* A page taken from the tree: emptied and flagged empty (a stale cursor hint sees the change),
 * then given back to the FDP. */
static JET_ERR page_free(struct bt_tree *t, struct mtr *m, struct page_buf *pb)
{
    page_init(pb, t->desc.objid, 0, PAGE_FLAG_EMPTY | SPACE_PAGE_FLAGS_ALWAYS);
    mtr_set_modified(m, pb->pgno);
    return space_free_page(m, t->db->sdb, t->desc.pgnoFDP, pb->pgno);
}

static JET_ERR tag0_copy(const struct page_view *pv, uint8_t *rgb, uint32_t *pcb)
{
    JET_ERR err;
    struct page_line l;
    CALL_R(page_get_external_header(pv, &l));
    if (l.cb > 64)
        return ERR_CORRUPT(pv->pgno, "root external header too long");
    if (l.cb)
        memcpy(rgb, l.pb, l.cb);
    *pcb = l.cb;
    return JET_errSuccess;
}

static uint32_t level_flags(const struct page_view *pv)
{
    return page_flags(pv) & (PAGE_FLAG_LEAF | PAGE_FLAG_PARENT_OF_LEAF);
}

/* Split point by bytes: both sides fit, and as even as possible. */
static bool choose_split(const struct bt_tree *t, const struct bt_kd *rg, uint32_t c, uint32_t *ps)
{
    const uint32_t cbArea = cb_area(t);
    uint64_t total = 0, left = 0, best = UINT64_MAX;
    for (uint32_t i = 0; i < c; i++)
        total += bt_kd_cb_line(&rg[i]) + PAGE_CB_TAG;
    bool fFound = false;
    for (uint32_t s = 1; s < c; s++) {
        left += bt_kd_cb_line(&rg[s - 1]) + PAGE_CB_TAG;
        const uint64_t right = total - left;
        if (left + PAGE_CB_TAG > cbArea || right + PAGE_CB_TAG > cbArea)
            continue;
        const uint64_t diff = left > right ? left - right : right - left;
        if (diff < best) {
            best = diff;
            *ps = s;
            fFound = true;
        }
    }
    return fFound;
}

/* ---- vertical split of the root --------------------------------------------------------------- */

static JET_ERR split_root(struct bt_tree *t)
{
    JET_ERR err;
    struct mtr m;
    uint8_t *pbRoot, *pbNew;
    uint32_t pgnoNew, c = 0, cbTag0 = 0;
    uint8_t rgbTag0[64];
    struct bt_kd *rg = NULL;
    void *pvArena = NULL;
    const uint32_t pgnoRoot = t->desc.pgnoFDP;

    CALL(smo_begin(t, &m, &pbRoot));
    CALL(space_alloc_page(&m, t->db->sdb, pgnoRoot, pgnoRoot, &pgnoNew));
    {
        struct page_buf br = page_buf_make(pbRoot, bt_cb_page(t), pgnoRoot);
        const struct page_view v = page_view_of(&br);
        CALL(bt_check_tree_page(t, &v, true, -1));
        const uint32_t fLevel = level_flags(&v);
        CALL(tag0_copy(&v, rgbTag0, &cbTag0));
        CALL(bt_nodes_read(&v, &rg, &c, &pvArena));
        CALL(mtr_new(&m, pgnoNew, &pbNew));
        struct page_buf bn = page_buf_make(pbNew, bt_cb_page(t), pgnoNew);
        CALL(bt_page_build(&bn, t->desc.objid, t->fTypeFlags | fLevel, 0, 0, NULL, 0, rg, c));
        uint8_t rgbPgno[4];
        put_le32(rgbPgno, pgnoNew);
        const struct bt_kd node = { NULL, 0, rgbPgno, 4, 0 };
        const uint32_t fRoot = t->fTypeFlags | PAGE_FLAG_ROOT | ((fLevel & PAGE_FLAG_LEAF) ? PAGE_FLAG_PARENT_OF_LEAF : 0);
        CALL(bt_page_build(&br, t->desc.objid, fRoot, 0, 0, rgbTag0, cbTag0, &node, 1));
        mtr_set_modified(&m, pgnoRoot);
    }
    CALL(mtr_commit(&m, NULL));
    TRACE("tree %u: root split, %u nodes to page %u\n", pgnoRoot, c, pgnoNew);
    mem_free(pvArena);
    return JET_errSuccess;
out:
    mtr_abort(&m);
    mem_free(pvArena);
    return err;
}

/* ---- horizontal splits ------------------------------------------------------------------------- */

/* Insert (separator -> pgnoLeft) before the node that pointed to the split page, which now points
 * to the new page. */
static JET_ERR parent_add(struct bt_tree *t, struct mtr *m, struct page_buf *pbParent, uint32_t iParent,
        const uint8_t *pbSep, uint32_t cbSep, uint32_t pgnoLeft, uint32_t pgnoNew)
{
    JET_ERR err;
    uint8_t rgb[4];
    put_le32(rgb, pgnoNew);
    CALL_R(page_replace_node_data(pbParent, iParent, rgb, 4));
    put_le32(rgb, pgnoLeft);
    err = page_insert_node(pbParent, iParent, pbSep, cbSep, rgb, 4, 0);
    if (err == ERR_PAGE_FULL)
        return ERR_CORRUPT(pbParent->pgno, "parent page has no room for a separator it was checked to take");
    CALL_R(err);
    mtr_set_modified(m, pbParent->pgno);
    return JET_errSuccess;
}

/* The leaf path[d-1] splits; its parent has room. The operation goes in when the halves can
 * hold it (op->pgnoResult set); otherwise the split is a plain one and the caller goes on. */
static JET_ERR split_leaf(struct bt_tree *t, const struct bt_path *path, struct bt_op *op)
{
    JET_ERR err;
    struct mtr m;
    uint8_t *pbRoot, *pbNew;
    uint32_t pgnoNew, n = 0, iop = 0;
    struct bt_kd *rg = NULL, *rgS = NULL;
    void *pvArena = NULL;
    uint8_t *pbSep = NULL;
    struct page_buf bq, bp;
    const uint32_t d = path->depth;
    const uint32_t pgnoP = path->rgpgno[d - 1], pgnoQ = path->rgpgno[d - 2], iQ = path->rgiline[d - 2];
    const struct bt_target tg = op_target(t, op);

    op->pgnoResult = 0;
    CALL(smo_begin(t, &m, &pbRoot));
    CALL(space_alloc_page(&m, t->db->sdb, t->desc.pgnoFDP, pgnoP, &pgnoNew));
    CALL(latch_x(t, &m, pgnoQ, d == 2, 0, &bq));
    {
        const struct page_view vq = page_view_of(&bq);
        uint32_t pgnoChild;
        CALL(child_of(&vq, iQ, &pgnoChild));
        if (pgnoChild != pgnoP)
            FAIL(ERR_CORRUPT(pgnoQ, "parent no longer points to the page to split"));
    }
    CALL(latch_x(t, &m, pgnoP, false, 1, &bp));
    const struct page_view vp = page_view_of(&bp);

    /* Where the operation goes, and whether it still does not fit. */
    bool fExact = false;
    struct page_node nOld;
    CALL(bt_leaf_search(&vp, &tg, false, &iop));
    if (iop < page_cline(&vp)) {
        CALL(page_get_node(&vp, iop, &nOld));
        fExact = bt_cmp_leaf(&nOld, &tg) == 0;
    }
    if (op->kind == BT_OP_INSERT && fExact) {
        if (!page_node_is_deleted(&nOld))
            FAIL(JET_errKeyDuplicate);
        op->kind = BT_OP_REPLACE;
    }
    if (op->kind == BT_OP_REPLACE && !fExact)
        FAIL(JET_errRecordDeleted);
    const uint32_t cbNew = page_cb_line_node(0, op->cbKey, op->cbData) + (op->kind == BT_OP_INSERT ? PAGE_CB_TAG : 0);
    const uint32_t cbOld = op->kind == BT_OP_REPLACE ? page_cb_line_node(nOld.cbPrefix, nOld.cbSuffix, nOld.cbData) : 0;
    if (page_cb_free(&vp) + cbOld >= cbNew) {
        err = ERR_NOT_FOUND;            /* fits now: the plain path does it */
        goto out;
    }

    CALL(bt_nodes_read(&vp, &rg, &n, &pvArena));
    rgS = mem_alloc((size_t)(n + 1) * sizeof *rgS);
    if (!rgS)
        FAIL(ERR_TRAP(JET_errOutOfMemory));
    uint32_t cS = 0;
    const struct bt_kd kdOp = { op->pbKey, op->cbKey, op->pbData, op->cbData, op->fFlags };
    for (uint32_t i = 0; i < n; i++) {
        if (i == iop)
            rgS[cS++] = kdOp;
        if (!(i == iop && op->kind == BT_OP_REPLACE))
            rgS[cS++] = rg[i];
    }
    if (iop == n)
        rgS[cS++] = kdOp;

    /* Sequential inserts at the end of the last leaf: the new node alone goes right (ESE's
     * append split), so leaves fill up. Otherwise an even split. */
    uint32_t s = 0;
    bool fWithOp = true;
    const bool fAppend = op->kind == BT_OP_INSERT && iop == n && page_pgno_next(&vp) == 0;
    if (fAppend && bt_cb_nodes(rgS, cS - 1, 0) <= cb_area(t))
        s = cS - 1;
    else if (!choose_split(t, rgS, cS, &s)) {
        /* The operation fits neither half: split the page as it is, around its place. */
        if (n < 2)
            FAIL(ERR_CORRUPT(pgnoP, "leaf too full to split"));
        fWithOp = false;
        memcpy(rgS, rg, n * sizeof *rg);
        cS = n;
        s = MIN(MAX(iop, 1u), n - 1);
    }

    pbSep = mem_alloc((size_t)rgS[s].cbKey + rgS[s].cbData + 1);
    if (!pbSep)
        FAIL(ERR_TRAP(JET_errOutOfMemory));
    const uint32_t cbSep = bt_separator(&rgS[s - 1], &rgS[s], bt_nonunique(t), pbSep);
    {
        const struct page_view vq = page_view_of(&bq);
        if (page_cb_free(&vq) < sep_line(cbSep))
            FAIL(ERR_CORRUPT(pgnoQ, "parent has no room for the separator"));
    }

    const uint32_t fLeafFlags = t->fTypeFlags | PAGE_FLAG_LEAF;
    const uint32_t pgnoPrev = page_pgno_prev(&vp), pgnoNext = page_pgno_next(&vp);
    CALL(mtr_new(&m, pgnoNew, &pbNew));
    struct page_buf bn = page_buf_make(pbNew, bt_cb_page(t), pgnoNew);
    CALL(bt_page_build(&bn, t->desc.objid, fLeafFlags, pgnoP, pgnoNext, NULL, 0, rgS + s, cS - s));
    if (pgnoNext) {
        struct page_buf bx;
        if (pgnoNext == pgnoP || pgnoNext == pgnoQ || pgnoNext == pgnoNew || pgnoNext == t->desc.pgnoFDP)
            FAIL(page_err_corrupt(JET_errBadPageLink, pgnoP, "next-page link names a page of the split", __FILE__, __LINE__));
        CALL(latch_x(t, &m, pgnoNext, false, 1, &bx));
        const struct page_view vx = page_view_of(&bx);
        if (page_pgno_prev(&vx) != pgnoP)
            FAIL(page_err_corrupt(JET_errBadPageLink, pgnoNext, "sibling link does not point back", __FILE__, __LINE__));
        page_set_pgno_prev(&bx, pgnoNew);
        mtr_set_modified(&m, pgnoNext);
    }
    CALL(bt_page_build(&bp, t->desc.objid, fLeafFlags, pgnoPrev, pgnoNew, NULL, 0, rgS, s));
    mtr_set_modified(&m, pgnoP);
    CALL(parent_add(t, &m, &bq, iQ, pbSep, cbSep, pgnoP, pgnoNew));
    if (fWithOp) {
        if (op->pundo && op->pundo->cb)
            mtr_set_undo(&m, op->pundo->pv, op->pundo->cb);
        /* The op's node is at index iop of rgS: left of the split or right of it. */
        op->pgnoResult = iop < s ? pgnoP : pgnoNew;
    }
    CALL(mtr_commit(&m, fWithOp ? &op->lsnOp : NULL));
    TRACE("tree %u: leaf %u split at %u of %u (%s), new page %u\n", t->desc.pgnoFDP, pgnoP, s, cS,
          fAppend ? "append" : "even", pgnoNew);
    err = JET_errSuccess;
    goto done;
out:
    mtr_abort(&m);
done:
    mem_free(pbSep);
    mem_free(rgS);
    mem_free(pvArena);
    return err;
}

/* The internal page path[j] splits; its parent has room. */
static JET_ERR split_internal(struct bt_tree *t, const struct bt_path *path, uint32_t j)
{
    JET_ERR err;
    struct mtr m;
    uint8_t *pbRoot, *pbNew, *pbSep = NULL;
    uint32_t pgnoNew, n = 0, s;
    struct bt_kd *rg = NULL;
    void *pvArena = NULL;
    struct page_buf bq, bp;
    const uint32_t pgnoP = path->rgpgno[j], pgnoQ = path->rgpgno[j - 1], iQ = path->rgiline[j - 1];

    CALL(smo_begin(t, &m, &pbRoot));
    CALL(space_alloc_page(&m, t->db->sdb, t->desc.pgnoFDP, pgnoP, &pgnoNew));
    CALL(latch_x(t, &m, pgnoQ, j == 1, 0, &bq));
    {
        const struct page_view vq = page_view_of(&bq);
        uint32_t pgnoChild;
        CALL(child_of(&vq, iQ, &pgnoChild));
        if (pgnoChild != pgnoP)
            FAIL(ERR_CORRUPT(pgnoQ, "parent no longer points to the page to split"));
    }
    CALL(latch_x(t, &m, pgnoP, false, 0, &bp));
    const struct page_view vp = page_view_of(&bp);
    const uint32_t fLevel = level_flags(&vp);
    CALL(bt_nodes_read(&vp, &rg, &n, &pvArena));
    if (n < 2 || !choose_split(t, rg, n, &s))
        FAIL(ERR_CORRUPT(pgnoP, "internal page too full to split"));
    /* The left half keeps its last node, whose key becomes the parent's separator. */
    const uint32_t cbSep = rg[s - 1].cbKey;
    pbSep = mem_alloc(cbSep + 1);
    if (!pbSep)
        FAIL(ERR_TRAP(JET_errOutOfMemory));
    memcpy(pbSep, rg[s - 1].pbKey, cbSep);
    if (cbSep == 0)
        FAIL(ERR_CORRUPT(pgnoP, "null key inside an internal page"));
    CALL(mtr_new(&m, pgnoNew, &pbNew));
    struct page_buf bn = page_buf_make(pbNew, bt_cb_page(t), pgnoNew);
    CALL(bt_page_build(&bn, t->desc.objid, t->fTypeFlags | fLevel, 0, 0, NULL, 0, rg + s, n - s));
    CALL(bt_page_build(&bp, t->desc.objid, t->fTypeFlags | fLevel, 0, 0, NULL, 0, rg, s));
    mtr_set_modified(&m, pgnoP);
    CALL(parent_add(t, &m, &bq, iQ, pbSep, cbSep, pgnoP, pgnoNew));
    CALL(mtr_commit(&m, NULL));
    TRACE("tree %u: internal page %u split at %u of %u, new page %u\n", t->desc.pgnoFDP, pgnoP, s, n, pgnoNew);
    mem_free(pbSep);
    mem_free(pvArena);
    return JET_errSuccess;
out:
    mtr_abort(&m);
    mem_free(pbSep);
    mem_free(pvArena);
    return err;
}

/* ---- making room ------------------------------------------------------------------------------ */

/* Read a page of the path (shared, released at once): free bytes and the separator it would push. */
static JET_ERR page_info(struct bt_tree *t, uint32_t pgno, uint32_t *pcbFree, uint32_t *pcbSepMax, uint32_t *pcline)
{
    JET_ERR err;
    struct page_ref ref;
    CALL_R(cache_get(t->db->file, pgno, CACHE_LATCH_SHARED, 0, &ref));
    const struct page_view v = page_view_make(ref.buf, bt_cb_page(t), pgno);
    *pcbFree = page_cb_free(&v);
    if (pcline)
        *pcline = page_cline(&v);
    err = pcbSepMax ? page_max_sep(t, &v, pcbSepMax) : JET_errSuccess;
    cache_put(&ref);
    return err;
}

static JET_ERR make_room_locked(struct bt_tree *t, struct bt_op *op)
{
    JET_ERR err;
    const struct bt_target tg = op_target(t, op);
    for (uint32_t iter = 0; iter < BT_SMO_ITER_MAX; iter++) {
        struct bt_path path;
        struct page_ref ref;
        uint32_t iline, cbSepMax;

        CALL_R(bt_descend_read(t, &tg, false, &ref, &iline, &path));
        err = JET_errSuccess;
        const struct page_view v = page_view_make(ref.buf, bt_cb_page(t), ref.pgno);
        /* Does the operation fit the leaf now? */
        uint32_t cbOld = 0, cbNew = page_cb_line_node(0, op->cbKey, op->cbData) + PAGE_CB_TAG;
        if (iline < page_cline(&v)) {
            struct page_node n;
            err = page_get_node(&v, iline, &n);
            if (err >= 0 && bt_cmp_leaf(&n, &tg) == 0) {
                cbOld = page_cb_line_node(n.cbPrefix, n.cbSuffix, n.cbData);
                cbNew -= PAGE_CB_TAG;
            }
        }
        if (err >= 0 && page_cb_free(&v) + cbOld >= cbNew) {
            cache_put(&ref);
            return ERR_NOT_FOUND;
        }
        if (err >= 0)
            err = page_max_sep(t, &v, &cbSepMax);
        cache_put(&ref);
        CALL_R(err);
        cbSepMax = MAX(cbSepMax, op->cbKey + (bt_nonunique(t) ? op->cbData : 0) + 1);

        /* The highest level that must split: climb while the parent cannot take the
         * separator the level below would push up. */
        const uint32_t d = path.depth;
        uint32_t j = d - 1, cbNeed = sep_line(cbSepMax);
        while (j > 0) {
            uint32_t cbFree, cbSepParent;
            CALL_R(page_info(t, path.rgpgno[j - 1], &cbFree, &cbSepParent, NULL));
            if (cbFree >= cbNeed)
                break;
            cbNeed = sep_line(cbSepParent);
            j--;
        }
        if (j == 0)
            err = split_root(t);
        else if (j == d - 1)
            err = split_leaf(t, &path, op);
        else
            err = split_internal(t, &path, j);
        if (err == ERR_SPACE_RETRY) {
            CALL_R(prepare_unlocked(t, 2, 0));
            continue;
        }
        if (err == ERR_NOT_FOUND)
            return ERR_NOT_FOUND;
        CALL_R(err);
        if (op->pgnoResult)
            return JET_errSuccess;
    }
    return ERR_CORRUPT(t->desc.pgnoFDP, "splits do not make room");
}

JET_ERR bt_smo_make_room(struct bt_tree *t, struct bt_op *op)
{
    os_mutex_lock(&t->muSmo);
    JET_ERR err = make_room_locked(t, op);
    os_mutex_unlock(&t->muSmo);
    return err;
}

/* ---- removing pages ------------------------------------------------------------------------------ */

/* Remove node iline of internal page pb; when it is the last node, the node before takes its key
 * (the null key on the right edge, or the page's upper bound). */
static JET_ERR internal_remove(struct bt_tree *t, struct mtr *m, struct page_buf *pb, uint32_t iline)
{
    JET_ERR err;
    const struct page_view v = page_view_of(pb);
    const uint32_t cline = page_cline(&v);
    if (iline + 1 < cline || iline == 0) {
        CALL_R(page_delete_node(pb, iline));
    } else {
        struct page_node nLast, nPrev;
        uint8_t rgbKey[PAGE_NODE_CB_KEY_MASK + 1], rgbData[4];
        CALL_R(page_get_node(&v, iline, &nLast));
        CALL_R(page_get_node(&v, iline - 1, &nPrev));
        if (nPrev.cbData != 4)
            return ERR_CORRUPT(pb->pgno, "internal node without a child page");
        const uint32_t cbKey = page_node_key(&nLast, rgbKey, sizeof rgbKey);
        memcpy(rgbData, nPrev.pbData, 4);
        CALL_R(page_delete_node(pb, iline));
        CALL_R(page_delete_node(pb, iline - 1));
        CALL_R(page_insert_node(pb, iline - 1, rgbKey, cbKey, rgbData, 4, 0));
    }
    mtr_set_modified(m, pb->pgno);
    (void)t;
    return JET_errSuccess;
}

/* Unlink a leaf from its siblings (both latched by the caller, NULL when none). */
static void leaf_unlink(struct mtr *m, struct page_buf *pbPrev, struct page_buf *pbNext, uint32_t pgnoPrev,
        uint32_t pgnoNext)
{
    if (pbPrev) {
        page_set_pgno_next(pbPrev, pgnoNext);
        mtr_set_modified(m, pbPrev->pgno);
    }
    if (pbNext) {
        page_set_pgno_prev(pbNext, pgnoPrev);
        mtr_set_modified(m, pbNext->pgno);
    }
}

static JET_ERR latch_sibling(struct bt_tree *t, struct mtr *m, uint32_t pgno, uint32_t pgnoFrom, bool fNext,
        struct page_buf *pb)
{
    JET_ERR err;
    CALL_R(latch_x(t, m, pgno, false, 1, pb));
    const struct page_view v = page_view_of(pb);
    if ((fNext ? page_pgno_prev(&v) : page_pgno_next(&v)) != pgnoFrom)
        return page_err_corrupt(JET_errBadPageLink, pgno, "sibling link does not point back", __FILE__, __LINE__);
    return JET_errSuccess;
}

static JET_ERR delete_locked(struct bt_tree *t, const struct bt_target *ptg, const struct bt_undo *pundo, lsn_t *plsn)
{
    JET_ERR err;
    for (uint32_t iter = 0; iter < BT_SMO_ITER_MAX; iter++) {
        struct bt_path path;
        struct page_ref ref;
        uint32_t iline, cline;
        struct mtr m;
        uint8_t *pbRoot;
        struct page_buf rgb[BT_DEPTH_MAX], bPrev, bNext, bLeaf;

        /* Space first (the mutex is let go meanwhile), then the path, which stays as read. */
        CALL_R(prepare_unlocked(t, 0, 4));
        CALL_R(bt_descend_read(t, ptg, false, &ref, &iline, &path));
        {
            const struct page_view v = page_view_make(ref.buf, bt_cb_page(t), ref.pgno);
            struct page_node n;
            bool fExact = false;
            err = JET_errSuccess;
            if (iline < page_cline(&v)) {
                err = page_get_node(&v, iline, &n);
                fExact = err >= 0 && bt_cmp_leaf(&n, ptg) == 0;
            }
            cline = page_cline(&v);
            cache_put(&ref);
            CALL_R(err);
            if (!fExact)
                return JET_errRecordDeleted;
        }
        const uint32_t d = path.depth;
        if (cline > 1 || d == 1)
            return ERR_NOT_FOUND;           /* the plain delete will do */
        /* The highest page on the path that keeps a node after the pointer below goes. */
        int a = -1;
        for (int j = (int)d - 2; j >= 0; j--) {
            uint32_t cbFree, c;
            CALL_R(page_info(t, path.rgpgno[j], &cbFree, NULL, &c));
            if (c > 1) {
                a = j;
                break;
            }
        }
        /* The leaf's links, read before the mtr latches anything (a page is never latched twice
         * by one thread); they change only under the structure mutex we hold, and are checked
         * again once the leaf is latched. */
        uint32_t pgnoPrev, pgnoNext;
        {
            struct page_ref r;
            CALL_R(cache_get(t->db->file, path.rgpgno[d - 1], CACHE_LATCH_SHARED, 0, &r));
            const struct page_view vl = page_view_make(r.buf, bt_cb_page(t), r.pgno);
            pgnoPrev = page_pgno_prev(&vl);
            pgnoNext = page_pgno_next(&vl);
            cache_put(&r);
        }

        CALL(smo_begin(t, &m, &pbRoot));
        rgb[0] = page_buf_make(pbRoot, bt_cb_page(t), t->desc.pgnoFDP);
        /* Internal pages top down (the root is held already), then the leaves left to right. */
        for (uint32_t j = 1; j + 1 < d; j++)
            CALL(latch_x(t, &m, path.rgpgno[j], false, 0, &rgb[j]));
        for (uint32_t j = 0; j + 1 < d; j++) {
            const struct page_view vj = page_view_of(&rgb[j]);
            uint32_t pgnoChild;
            CALL(child_of(&vj, path.rgiline[j], &pgnoChild));
            if (pgnoChild != path.rgpgno[j + 1])
                FAIL(ERR_CORRUPT(path.rgpgno[j], "path changed under the structure lock"));
        }
        if (pgnoPrev)
            CALL(latch_sibling(t, &m, pgnoPrev, path.rgpgno[d - 1], false, &bPrev));
        CALL(latch_x(t, &m, path.rgpgno[d - 1], false, 1, &bLeaf));
        if (pgnoNext)
            CALL(latch_sibling(t, &m, pgnoNext, path.rgpgno[d - 1], true, &bNext));
        {
            const struct page_view vl = page_view_of(&bLeaf);
            uint32_t il;
            if (page_pgno_prev(&vl) != pgnoPrev || page_pgno_next(&vl) != pgnoNext || page_cline(&vl) != 1)
                FAIL(ERR_LATCH_CONFLICT);   /* changed between the looks: start again */
            CALL(bt_leaf_search(&vl, ptg, false, &il));
            struct page_node n;
            if (il != 0)
                FAIL(ERR_LATCH_CONFLICT);
            CALL(page_get_node(&vl, 0, &n));
            if (bt_cmp_leaf(&n, ptg) != 0)
                FAIL(ERR_LATCH_CONFLICT);
        }
        if (a < 0) {
            /* The tree empties: the root becomes an empty leaf, every page below is freed. */
            uint8_t rgbTag0[64];
            uint32_t cbTag0 = 0;
            for (uint32_t j = 1; j + 1 < d; j++)
                CALL(page_free(t, &m, &rgb[j]));
            CALL(page_free(t, &m, &bLeaf));
            /* Tag 0 after the frees: a single-extent root's bitmap just changed. */
            const struct page_view vr = page_view_of(&rgb[0]);
            CALL(tag0_copy(&vr, rgbTag0, &cbTag0));
            CALL(bt_page_build(&rgb[0], t->desc.objid, t->fTypeFlags | PAGE_FLAG_ROOT | PAGE_FLAG_LEAF, 0, 0,
                               rgbTag0, cbTag0, NULL, 0));
            mtr_set_modified(&m, t->desc.pgnoFDP);
        } else {
            CALL(internal_remove(t, &m, &rgb[a], path.rgiline[a]));
            leaf_unlink(&m, pgnoPrev ? &bPrev : NULL, pgnoNext ? &bNext : NULL, pgnoPrev, pgnoNext);
            for (uint32_t j = (uint32_t)a + 1; j + 1 < d; j++)
                CALL(page_free(t, &m, &rgb[j]));
            CALL(page_free(t, &m, &bLeaf));
        }
        if (pundo && pundo->cb)
            mtr_set_undo(&m, pundo->pv, pundo->cb);
        CALL(mtr_commit(&m, plsn));
        TRACE("tree %u: page %u emptied and removed\n", t->desc.pgnoFDP, path.rgpgno[d - 1]);
        return JET_errSuccess;
out:
        mtr_abort(&m);
        if (err == ERR_SPACE_RETRY || err == ERR_LATCH_CONFLICT)
            continue;
        return err;
    }
    return ERR_CORRUPT(t->desc.pgnoFDP, "delete does not converge");
}

/* ---- merges ------------------------------------------------------------------------------------ */

/* Root with a single child whose nodes fit the root: the child's content moves up. */
static JET_ERR collapse_root(struct bt_tree *t, bool *pfDone)
{
    JET_ERR err;
    struct mtr m;
    uint8_t *pbRoot;
    struct page_buf bc;
    struct bt_kd *rg = NULL;
    void *pvArena = NULL;
    uint32_t c, pgnoChild, cbTag0 = 0;
    uint8_t rgbTag0[64];

    *pfDone = false;
    CALL(smo_begin(t, &m, &pbRoot));
    struct page_buf br = page_buf_make(pbRoot, bt_cb_page(t), t->desc.pgnoFDP);
    const struct page_view vr = page_view_of(&br);
    CALL(bt_check_tree_page(t, &vr, true, -1));
    if (page_is_leaf(&vr) || page_cline(&vr) != 1)
        goto none;
    CALL(child_of(&vr, 0, &pgnoChild));
    CALL(latch_x(t, &m, pgnoChild, false, page_is_parent_of_leaf(&vr) ? 1 : 0, &bc));
    const struct page_view vc = page_view_of(&bc);
    CALL(tag0_copy(&vr, rgbTag0, &cbTag0));
    CALL(bt_nodes_read(&vc, &rg, &c, &pvArena));
    if (bt_cb_nodes(rg, c, cbTag0) > cb_area(t))
        goto none;
    const uint32_t fLevel = level_flags(&vc);
    CALL(page_free(t, &m, &bc));
    /* Tag 0 again after the free: a single-extent root's bitmap just changed. */
    CALL(tag0_copy(&vr, rgbTag0, &cbTag0));
    CALL(bt_page_build(&br, t->desc.objid, t->fTypeFlags | PAGE_FLAG_ROOT | fLevel, 0, 0, rgbTag0, cbTag0, rg, c));
    mtr_set_modified(&m, t->desc.pgnoFDP);
    CALL(mtr_commit(&m, NULL));
    TRACE("tree %u: root takes back the content of page %u\n", t->desc.pgnoFDP, pgnoChild);
    *pfDone = true;
    mem_free(pvArena);
    return JET_errSuccess;
none:
    err = JET_errSuccess;
out:
    mtr_abort(&m);
    mem_free(pvArena);
    return err;
}

/* The nearly empty leaf path[d-1] moves into a sibling under the same parent. */
static JET_ERR merge_leaf(struct bt_tree *t, const struct bt_path *path)
{
    JET_ERR err;
    struct mtr m;
    uint8_t *pbRoot;
    struct page_buf bq, bl, bPrev, bNext, bX;
    struct bt_kd *rgL = NULL, *rgX = NULL, *rg = NULL;
    void *pvL = NULL, *pvX = NULL;
    uint32_t cL, cX;
    const uint32_t d = path->depth;
    const uint32_t pgnoL = path->rgpgno[d - 1], pgnoQ = path->rgpgno[d - 2], iQ = path->rgiline[d - 2];

    /* The leaf's links first, before the mtr latches anything (see delete_locked). */
    uint32_t pgnoPrev, pgnoNext;
    {
        struct page_ref r;
        CALL_R(cache_get(t->db->file, pgnoL, CACHE_LATCH_SHARED, 0, &r));
        const struct page_view vl = page_view_make(r.buf, bt_cb_page(t), r.pgno);
        pgnoPrev = page_pgno_prev(&vl);
        pgnoNext = page_pgno_next(&vl);
        cache_put(&r);
    }
    CALL(smo_begin(t, &m, &pbRoot));
    CALL(latch_x(t, &m, pgnoQ, d == 2, 0, &bq));
    const struct page_view vq = page_view_of(&bq);
    uint32_t pgnoChild;
    CALL(child_of(&vq, iQ, &pgnoChild));
    if (pgnoChild != pgnoL)
        FAIL(ERR_CORRUPT(pgnoQ, "parent no longer points to the page to merge"));
    const bool fRight = iQ + 1 < page_cline(&vq);
    if (!fRight && iQ == 0)
        goto none;
    if (pgnoPrev)
        CALL(latch_sibling(t, &m, pgnoPrev, pgnoL, false, &bPrev));
    CALL(latch_x(t, &m, pgnoL, false, 1, &bl));
    if (pgnoNext)
        CALL(latch_sibling(t, &m, pgnoNext, pgnoL, true, &bNext));
    const struct page_view vl = page_view_of(&bl);
    if (page_pgno_prev(&vl) != pgnoPrev || page_pgno_next(&vl) != pgnoNext)
        FAIL(ERR_LATCH_CONFLICT);
    if (page_cb_free(&vl) <= page_cb_data(&vl) * 3 / 4 || page_cline(&vl) == 0)
        goto none;
    /* The sibling under the same parent: right (node iQ + 1) or left (node iQ - 1). */
    uint32_t pgnoSib;
    CALL(child_of(&vq, fRight ? iQ + 1 : iQ - 1, &pgnoSib));
    if (pgnoSib != (fRight ? pgnoNext : pgnoPrev))
        goto none;      /* siblings under another parent: leave it */
    bX = fRight ? bNext : bPrev;
    const struct page_view vx = page_view_of(&bX);
    CALL(bt_nodes_read(&vl, &rgL, &cL, &pvL));
    CALL(bt_nodes_read(&vx, &rgX, &cX, &pvX));
    rg = mem_alloc((size_t)(cL + cX) * sizeof *rg);
    if (!rg)
        FAIL(ERR_TRAP(JET_errOutOfMemory));
    if (fRight) {
        memcpy(rg, rgL, cL * sizeof *rg);
        memcpy(rg + cL, rgX, cX * sizeof *rg);
    } else {
        memcpy(rg, rgX, cX * sizeof *rg);
        memcpy(rg + cX, rgL, cL * sizeof *rg);
    }
    if (bt_cb_nodes(rg, cL + cX, 0) > cb_area(t))
        goto none;
    const uint32_t fLeafFlags = t->fTypeFlags | PAGE_FLAG_LEAF;
    if (fRight) {
        /* L's nodes go to the start of its right sibling; L's pointer leaves the parent (the
         * next node's key bounds both). */
        CALL(bt_page_build(&bX, t->desc.objid, fLeafFlags, pgnoPrev, page_pgno_next(&vx), NULL, 0, rg, cL + cX));
        mtr_set_modified(&m, pgnoNext);
        if (pgnoPrev) {
            page_set_pgno_next(&bPrev, pgnoNext);
            mtr_set_modified(&m, pgnoPrev);
        }
        CALL(page_delete_node(&bq, iQ));
    } else {
        /* L's nodes go to the end of its left sibling, which takes L's place in the parent. */
        CALL(bt_page_build(&bX, t->desc.objid, fLeafFlags, page_pgno_prev(&vx), pgnoNext, NULL, 0, rg, cL + cX));
        mtr_set_modified(&m, pgnoPrev);
        if (pgnoNext) {
            page_set_pgno_prev(&bNext, pgnoPrev);
            mtr_set_modified(&m, pgnoNext);
        }
        uint8_t rgbPgno[4];
        put_le32(rgbPgno, pgnoPrev);
        CALL(page_replace_node_data(&bq, iQ, rgbPgno, 4));
        CALL(page_delete_node(&bq, iQ - 1));
    }
    mtr_set_modified(&m, pgnoQ);
    CALL(page_free(t, &m, &bl));
    CALL(mtr_commit(&m, NULL));
    TRACE("tree %u: leaf %u merged into %u\n", t->desc.pgnoFDP, pgnoL, fRight ? pgnoNext : pgnoPrev);
    err = JET_errSuccess;
    goto done;
none:
    err = JET_errSuccess;
out:
    mtr_abort(&m);
done:
    mem_free(rg);
    mem_free(pvL);
    mem_free(pvX);
    return err;
}

static JET_ERR merge_locked(struct bt_tree *t, const struct bt_target *ptg)
{
    JET_ERR err;
    for (uint32_t iter = 0; iter < BT_SMO_ITER_MAX; iter++) {
        struct bt_path path;
        struct page_ref ref;
        uint32_t iline;
        bool fCollapsed;

        CALL_R(prepare_unlocked(t, 0, 2));
        err = collapse_root(t, &fCollapsed);
        if (err == ERR_SPACE_RETRY)
            continue;
        CALL_R(err);
        if (fCollapsed)
            continue;
        CALL_R(bt_descend_read(t, ptg, false, &ref, &iline, &path));
        cache_put(&ref);
        if (path.depth < 2)
            return JET_errSuccess;
        err = merge_leaf(t, &path);
        if (err == ERR_SPACE_RETRY || err == ERR_LATCH_CONFLICT)
            continue;
        CALL_R(err);
        /* A merge may leave the root with one child that now fits it. */
        err = collapse_root(t, &fCollapsed);
        if (err == ERR_SPACE_RETRY)
            continue;
        return err;
    }
    return JET_errSuccess;
}

JET_ERR bt_smo_delete(struct bt_tree *t, const struct bt_target *ptg, const struct bt_undo *pundo, lsn_t *plsn)
{
    os_mutex_lock(&t->muSmo);
    JET_ERR err = delete_locked(t, ptg, pundo, plsn);
    if (err >= 0) {
        bool fCollapsed = true;
        for (uint32_t i = 0; i < BT_DEPTH_MAX && fCollapsed && err >= 0; i++) {
            JET_ERR errC = prepare_unlocked(t, 0, 1);
            if (errC >= 0)
                errC = collapse_root(t, &fCollapsed);
            if (errC < 0)
                break;      /* best effort: the delete is done */
        }
    }
    os_mutex_unlock(&t->muSmo);
    return err;
}

JET_ERR bt_smo_merge(struct bt_tree *t, const struct bt_target *ptg)
{
    os_mutex_lock(&t->muSmo);
    JET_ERR err = merge_locked(t, ptg);
    os_mutex_unlock(&t->muSmo);
    return err;
}
