/* SPDX-License-Identifier: MIT
 * space/sp_tree.c: the OE and AE trees (ESE-FORMAT-NOTES §5, §7). They are B+ trees in the
 * ordinary node format with tiny fixed nodes: key = last page of the extent, 4 bytes BE (5 with a
 * leading 0x80|pool byte for the special AE pools), data = u32 page count; internal nodes map a
 * separator to a child page, the right-most with the null key. This is a small B+ tree of its own
 * because btree sits above space: it needs no cursors, no concurrency beyond the owner's root
 * latch, and never merges (a node emptied out of a non-root page is flag-deleted instead, which
 * Windows also leaves behind; the next insert into that page purges it).
 * Layer: space (uses cache, page, base). */
#include "space_int.h"

DEBUG_CHANNEL(space);

struct spt_path {
    uint32_t depth;
    uint32_t rgpgno[SPT_DEPTH_MAX];
    uint32_t rgiline[SPT_DEPTH_MAX];    /* internal: child taken; leaf: first node >= the key */
    uint8_t *rgpb[SPT_DEPTH_MAX];
};

static inline uint32_t cb_page(const struct spt *t) { return t->fdp->sdb->cbPage; }
static inline struct page_view view_of(const struct spt *t, const uint8_t *pb, uint32_t pgno)
{
    return page_view_make(pb, cb_page(t), pgno);
}
static inline struct page_buf buf_of(const struct spt *t, uint8_t *pb, uint32_t pgno)
{
    return page_buf_make(pb, cb_page(t), pgno);
}
static JET_ERR err_tree(const struct spt *t, uint32_t pgno, const char *what)
{
    (void)what;
    return page_err_corrupt(t->fAE ? JET_errSPAvailExtCorrupted : JET_errSPOwnExtCorrupted, pgno, what,
                            __FILE__, __LINE__);
}

bool space_node_decode(const struct page_node *pn, uint32_t *ppgnoLast, uint32_t *pcpg, uint8_t *ppool)
{
    uint8_t rgb[SPT_CB_KEY_MAX];
    const uint32_t cbKey = page_node_cb_key(pn);
    if (pn->cbData != 4 || (cbKey != 4 && cbKey != 5))
        return false;
    page_node_key(pn, rgb, sizeof rgb);
    if (cbKey == 5) {
        if (!(rgb[0] & 0x80))
            return false;
        *ppool = rgb[0] & 0x7F;
        *ppgnoLast = get_be32(rgb + 1);
    } else {
        *ppool = 0;
        *ppgnoLast = get_be32(rgb);
    }
    *pcpg = get_le32(pn->pbData);
    return true;
}

static JET_ERR node_read(const struct spt *t, const struct page_view *pv, uint32_t iline, struct spt_node *pnode)
{
    JET_ERR err;
    struct page_node n;
    CALL_R(page_get_node(pv, iline, &n));
    if (page_node_cb_key(&n) > SPT_CB_KEY_MAX || n.cbData != 4)
        return err_tree(t, pv->pgno, "space-tree node of the wrong size");
    pnode->cbKey = (uint8_t)page_node_key(&n, pnode->rgbKey, sizeof pnode->rgbKey);
    pnode->fFlags = n.fFlags & (PAGE_NODE_VERSIONED | PAGE_NODE_DELETED);
    pnode->ulData = get_le32(n.pbData);
    return JET_errSuccess;
}

static JET_ERR ext_read(const struct spt *t, const struct page_view *pv, uint32_t iline, struct spt_ext *pe)
{
    JET_ERR err;
    struct page_node n;
    CALL_R(page_get_node(pv, iline, &n));
    if (!space_node_decode(&n, &pe->pgnoLast, &pe->cpg, &pe->pool))
        return err_tree(t, pv->pgno, "malformed extent node");
    pe->cbKey = (uint8_t)page_node_key(&n, pe->rgbKey, sizeof pe->rgbKey);
    pe->fDeleted = page_node_is_deleted(&n);
    pe->pgnoNode = pv->pgno;
    if (pe->cpg > pe->pgnoLast)
        return err_tree(t, pv->pgno, "extent starts before page 1");
    return JET_errSuccess;
}

static int key_cmp(const uint8_t *a, uint32_t cbA, const uint8_t *b, uint32_t cbB)
{
    int c = memcmp(a, b, MIN(cbA, cbB));
    return c ? c : (cbA < cbB ? -1 : cbA > cbB);
}

static JET_ERR check_page(const struct spt *t, const struct page_view *pv, bool fRoot)
{
    if (!page_is_space_tree(pv) || page_is_empty(pv) || page_is_preinit(pv))
        return err_tree(t, pv->pgno, "page of a space tree is not a space-tree page");
    if (page_objid_fdp(pv) != t->fdp->info.objid)
        return err_tree(t, pv->pgno, "space-tree page of another object");
    if (page_is_root(pv) != fRoot)
        return err_tree(t, pv->pgno, "space-tree root flag out of place");
    return JET_errSuccess;
}

/* Descend to the leaf where key belongs, latching every page on the way in the mtr. */
static JET_ERR descend(const struct spt *t, const uint8_t *pbKey, uint32_t cbKey, enum cache_latch latch,
        struct spt_path *path)
{
    JET_ERR err;
    uint32_t pgno = t->pgnoRoot;
    const uint32_t cpgFile = cache_file_cpg(t->fdp->sdb->file);

    for (uint32_t level = 0;; level++) {
        uint8_t *pb;
        if (level >= SPT_DEPTH_MAX)
            return err_tree(t, pgno, "space tree too deep");
        if (pgno == 0 || pgno > cpgFile)
            return err_tree(t, pgno, "space-tree page beyond the end of the file");
        CALL_R(mtr_get(t->fdp->m, pgno, latch, &pb));
        const struct page_view v = view_of(t, pb, pgno);
        CALL_R(check_page(t, &v, level == 0));
        path->rgpgno[level] = pgno;
        path->rgpb[level] = pb;
        const uint32_t cline = page_cline(&v);
        if (page_is_leaf(&v)) {
            uint32_t lo = 0, hi = cline;
            while (lo < hi) {
                uint32_t mid = (lo + hi) / 2;
                struct page_node n;
                CALL_R(page_get_node(&v, mid, &n));
                if (page_node_key_cmp(&n, pbKey, cbKey) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            path->rgiline[level] = lo;
            path->depth = level + 1;
            return JET_errSuccess;
        }
        if (cline == 0)
            return err_tree(t, pgno, "internal space-tree page without nodes");
        /* First separator above the key; the last node (null key on the right edge) catches
         * the rest. */
        uint32_t lo = 0, hi = cline - 1;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            struct page_node n;
            CALL_R(page_get_node(&v, mid, &n));
            if (page_node_key_cmp(&n, pbKey, cbKey) > 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        struct page_node n;
        CALL_R(page_get_node(&v, lo, &n));
        if (!page_node_child_pgno(&n, &pgno))
            return err_tree(t, v.pgno, "internal space-tree node without a page number");
        path->rgiline[level] = lo;
    }
}

/* Release a page the mtr holds but did not change (scans move across leaves). */
static void release_if_clean(struct mtr *m, uint32_t pgno)
{
    for (uint32_t i = 0; i < m->cslot; i++)
        if (m->slot[i].ref.pgno == pgno) {
            if (!m->slot[i].fModified)
                mtr_release(m, pgno);
            return;
        }
}

/* Iterate from the first node at or after key. fn returns 1 to stop (found), < 0 on error. */
typedef JET_ERR (*iter_fn)(void *pv, const struct spt_ext *pe);
static JET_ERR iterate(struct spt *t, const uint8_t *pbKey, uint32_t cbKey, iter_fn fn, void *pv)
{
    JET_ERR err;
    struct spt_path path;
    const enum cache_latch latch = t->fdp->latch;

    CALL_R(descend(t, pbKey, cbKey, latch, &path));
    uint32_t pgno = path.rgpgno[path.depth - 1];
    uint8_t *pb = path.rgpb[path.depth - 1];
    uint32_t iline = path.rgiline[path.depth - 1];
    const uint32_t cpgFile = cache_file_cpg(t->fdp->sdb->file);
    uint32_t cpgVisited = 0;

    for (;;) {
        const struct page_view v = view_of(t, pb, pgno);
        for (; iline < page_cline(&v); iline++) {
            struct spt_ext e;
            CALL_R(ext_read(t, &v, iline, &e));
            err = fn(pv, &e);
            if (err != 0)
                return err;
        }
        const uint32_t pgnoNext = page_pgno_next(&v);
        if (pgnoNext == 0)
            return ERR_NOT_FOUND;
        if (pgnoNext > cpgFile || ++cpgVisited > cpgFile)
            return err_tree(t, pgno, "space-tree leaf chain leaves the file or loops");
        uint8_t *pbNext;
        CALL_R(mtr_get(t->fdp->m, pgnoNext, latch, &pbNext));
        const struct page_view vn = view_of(t, pbNext, pgnoNext);
        CALL_R(check_page(t, &vn, false));
        if (!page_is_leaf(&vn) || page_pgno_prev(&vn) != pgno)
            return err_tree(t, pgnoNext, "space-tree sibling link broken");
        if (pgno != path.rgpgno[0])
            release_if_clean(t->fdp->m, pgno);
        pgno = pgnoNext;
        pb = pbNext;
        iline = 0;
    }
}

struct find_ctx {
    spt_pred pred;
    void *pv;
    struct spt_ext *pe;
};
static JET_ERR find_fn(void *pv, const struct spt_ext *pe)
{
    struct find_ctx *pc = pv;
    if (pc->pred ? !pc->pred(pe, pc->pv) : pe->fDeleted)
        return 0;
    *pc->pe = *pe;
    return 1;
}

JET_ERR spt_find(struct spt *t, uint32_t pgnoFrom, spt_pred pred, void *pv, struct spt_ext *pe)
{
    uint8_t rgbKey[4];
    struct find_ctx c = { pred, pv, pe };
    spt_key_make(rgbKey, pgnoFrom);
    JET_ERR err = iterate(t, rgbKey, pgnoFrom ? 4 : 0, find_fn, &c);
    return err == 1 ? JET_errSuccess : err;
}

struct visit_ctx {
    spt_visit_fn fn;
    void *pv;
};
static JET_ERR visit_fn(void *pv, const struct spt_ext *pe)
{
    struct visit_ctx *pc = pv;
    JET_ERR err = pc->fn(pc->pv, pe);
    return err > 0 ? 0 : err;
}

JET_ERR spt_visit(struct spt *t, spt_visit_fn fn, void *pv)
{
    struct visit_ctx c = { fn, pv };
    JET_ERR err = iterate(t, NULL, 0, visit_fn, &c);
    return err == ERR_NOT_FOUND ? JET_errSuccess : err;
}

/* Descend to pe's node exactly (exclusive): *ppath, and the node's line. */
static JET_ERR locate(struct spt *t, const uint8_t *pbKey, uint32_t cbKey, struct spt_path *path, struct page_buf *pbuf,
        uint32_t *piline)
{
    JET_ERR err;
    CALL_R(descend(t, pbKey, cbKey, CACHE_LATCH_EXCLUSIVE, path));
    const uint32_t leaf = path->depth - 1;
    *pbuf = buf_of(t, path->rgpb[leaf], path->rgpgno[leaf]);
    const struct page_view v = page_view_of(pbuf);
    const uint32_t iline = path->rgiline[leaf];
    if (iline >= page_cline(&v))
        return err_tree(t, v.pgno, "extent to change is not in the tree");
    struct page_node n;
    CALL_R(page_get_node(&v, iline, &n));
    if (page_node_key_cmp(&n, pbKey, cbKey) != 0)
        return err_tree(t, v.pgno, "extent to change is not in the tree");
    *piline = iline;
    return JET_errSuccess;
}

JET_ERR spt_set_cpg(struct spt *t, const struct spt_ext *pe, uint32_t cpg)
{
    JET_ERR err;
    struct spt_path path;
    struct page_buf b;
    uint32_t iline = 0;
    uint8_t rgbData[4];
    CALL_R(locate(t, pe->rgbKey, pe->cbKey, &path, &b, &iline));
    put_le32(rgbData, cpg);
    CALL_R(page_replace_node_data(&b, iline, rgbData, 4));
    sp_set_modified(t->fdp, b.pgno);
    return JET_errSuccess;
}

JET_ERR spt_remove(struct spt *t, const struct spt_ext *pe)
{
    JET_ERR err;
    struct spt_path path;
    struct page_buf b;
    uint32_t iline = 0;
    CALL_R(locate(t, pe->rgbKey, pe->cbKey, &path, &b, &iline));
    const struct page_view v = page_view_of(&b);
    if (path.depth > 1 && page_cline(&v) == 1) {
        struct page_line l;
        CALL_R(page_get_line(&v, iline, &l));
        CALL_R(page_set_line_flags(&b, iline, (uint8_t)(l.fFlags | PAGE_NODE_DELETED)));
    } else {
        CALL_R(page_delete_node(&b, iline));
    }
    sp_set_modified(t->fdp, b.pgno);
    return JET_errSuccess;
}

/* ---- split buffers ------------------------------------------------------------------------------ */

JET_ERR spt_split_buffer_get(struct spt *t, struct page_split_buffer *psb)
{
    JET_ERR err;
    uint8_t *pb;
    CALL_R(mtr_get(t->fdp->m, t->pgnoRoot, t->fdp->latch, &pb));
    const struct page_view v = view_of(t, pb, t->pgnoRoot);
    CALL_R(check_page(t, &v, true));
    return page_get_split_buffer(&v, psb);
}

/* Write a new split buffer into the root's tag 0, keeping any key prefix after it. */
static JET_ERR split_buffer_put(struct spt *t, const struct page_split_buffer *psb)
{
    JET_ERR err;
    uint8_t *pb;
    uint8_t rgb[PAGE_CB_MAX];
    struct page_line l0;
    CALL_R(mtr_get(t->fdp->m, t->pgnoRoot, CACHE_LATCH_EXCLUSIVE, &pb));
    struct page_buf b = buf_of(t, pb, t->pgnoRoot);
    const struct page_view v = page_view_of(&b);
    CALL_R(page_get_external_header(&v, &l0));
    const uint32_t cbSb = sizeof(struct split_buffer_disk);
    uint32_t cb = MAX((uint32_t)l0.cb, cbSb);
    memset(rgb, 0, cbSb);
    if (l0.cb > cbSb)
        memcpy(rgb + cbSb, l0.pb + cbSb, l0.cb - cbSb);
    for (int i = 0; i < 2; i++) {
        put_le32(rgb + 8 * i, psb->pgnoLast[i]);
        put_le32(rgb + 8 * i + 4, psb->cpg[i]);
    }
    CALL_R(page_set_external_header(&b, rgb, cb));
    sp_set_modified(t->fdp, t->pgnoRoot);
    return JET_errSuccess;
}

static JET_ERR split_buffer_take(struct spt *t, uint32_t *ppgno)
{
    JET_ERR err;
    struct page_split_buffer sb;
    CALL_R(spt_split_buffer_get(t, &sb));
    int i = -1;
    for (int j = 0; j < 2; j++)
        if (sb.cpg[j] && (i < 0 || sb.cpg[j] < sb.cpg[i]))
            i = j;
    if (i < 0)
        return ERR_NOT_FOUND;
    if (sb.cpg[i] > sb.pgnoLast[i] || sb.pgnoLast[i] > cache_file_cpg(t->fdp->sdb->file))
        return err_tree(t, t->pgnoRoot, "split buffer names pages outside the file");
    *ppgno = sb.pgnoLast[i] - sb.cpg[i] + 1;
    if (--sb.cpg[i] == 0)
        sb.pgnoLast[i] = 0;
    return split_buffer_put(t, &sb);
}

/* Keep a page we took for a split and did not need; false if it fits no slot. */
static JET_ERR split_buffer_give(struct spt *t, uint32_t pgno, bool *pfKept)
{
    JET_ERR err;
    struct page_split_buffer sb;
    *pfKept = false;
    CALL_R(spt_split_buffer_get(t, &sb));
    for (int i = 0; i < 2; i++) {
        if (sb.cpg[i] == 0) {
            sb.pgnoLast[i] = pgno;
            sb.cpg[i] = 1;
        } else if (sb.pgnoLast[i] + 1 == pgno) {
            sb.pgnoLast[i] = pgno;
            sb.cpg[i]++;
        } else if (sb.pgnoLast[i] - sb.cpg[i] == pgno) {
            sb.cpg[i]++;
        } else {
            continue;
        }
        *pfKept = true;
        return split_buffer_put(t, &sb);
    }
    return JET_errSuccess;
}

/* ---- splits ------------------------------------------------------------------------------------- */

static JET_ERR nodes_collect(const struct spt *t, const struct page_view *pv, struct spt_node **prg, uint32_t *pc)
{
    JET_ERR err;
    const uint32_t c = page_cline(pv);
    struct spt_node *rg = mem_alloc((c ? c : 1) * sizeof *rg);
    if (!rg)
        return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 0; i < c; i++) {
        err = node_read(t, pv, i, &rg[i]);
        if (err < 0) {
            mem_free(rg);
            return err;
        }
    }
    *prg = rg;
    *pc = c;
    return JET_errSuccess;
}

/* Write a page from scratch: header, tag 0, nodes (uncompressed). */
static JET_ERR page_build(const struct spt *t, uint8_t *pb, uint32_t pgno, uint32_t fFlags, uint32_t pgnoPrev,
        uint32_t pgnoNext, const uint8_t *pbTag0, uint32_t cbTag0, const struct spt_node *rg, uint32_t c)
{
    JET_ERR err;
    struct page_buf b = buf_of(t, pb, pgno);
    page_init(&b, t->fdp->info.objid, 0, fFlags | SPACE_PAGE_FLAGS_ALWAYS);
    page_set_pgno_prev(&b, pgnoPrev);
    page_set_pgno_next(&b, pgnoNext);
    if (cbTag0)
        CALL_R(page_set_external_header(&b, pbTag0, cbTag0));
    for (uint32_t i = 0; i < c; i++) {
        uint8_t rgbData[4];
        put_le32(rgbData, rg[i].ulData);
        CALL_R(page_insert_node_prefix(&b, i, rg[i].rgbKey, rg[i].cbKey, 0, rgbData, 4, rg[i].fFlags));
    }
    return JET_errSuccess;
}

static const uint32_t fLevelFlags = PAGE_FLAG_ROOT | PAGE_FLAG_LEAF | PAGE_FLAG_PARENT_OF_LEAF;

/* The root's content moves to a new page; the root keeps one null-key node pointing there. */
static JET_ERR split_vertical(struct spt *t, struct spt_path *path, uint32_t pgnoNew)
{
    JET_ERR err;
    struct spt_node *rg = NULL;
    uint32_t c;
    uint8_t *pbNew;
    struct page_split_buffer sb;
    uint8_t rgbSb[sizeof(struct split_buffer_disk)];

    const struct page_view vr = view_of(t, path->rgpb[0], path->rgpgno[0]);
    const uint32_t fFlags = page_flags(&vr) & ~(uint32_t)PAGE_FLAG_FLUSH_TYPE_MASK;
    const bool fLeaf = page_is_leaf(&vr);
    CALL(page_get_split_buffer(&vr, &sb));
    CALL(nodes_collect(t, &vr, &rg, &c));
    CALL(mtr_new(t->fdp->m, pgnoNew, &pbNew));
    CALL(page_build(t, pbNew, pgnoNew, fFlags & ~(uint32_t)PAGE_FLAG_ROOT, 0, 0, NULL, 0, rg, c));

    for (int i = 0; i < 2; i++) {
        put_le32(rgbSb + 8 * i, sb.pgnoLast[i]);
        put_le32(rgbSb + 8 * i + 4, sb.cpg[i]);
    }
    struct spt_node nodeTop = { .cbKey = 0, .fFlags = 0, .ulData = pgnoNew };
    const uint32_t fRoot = (fFlags & ~fLevelFlags) | PAGE_FLAG_ROOT | (fLeaf ? PAGE_FLAG_PARENT_OF_LEAF : 0);
    CALL(page_build(t, path->rgpb[0], path->rgpgno[0], fRoot, 0, 0, rgbSb, sizeof rgbSb, &nodeTop, 1));
    sp_set_modified(t->fdp, path->rgpgno[0]);
    TRACE("space tree %u: root split, content to page %u\n", t->pgnoRoot, pgnoNew);
out:
    mem_free(rg);
    return err;
}

/* The shortest key that sorts above a and not above b (ESE's separator), a < b. */
static uint32_t separator(const struct spt_node *a, const struct spt_node *b, uint8_t *rgbOut)
{
    uint32_t c = 0;
    while (c < a->cbKey && c < b->cbKey && a->rgbKey[c] == b->rgbKey[c])
        c++;
    const uint32_t cb = MIN((uint32_t)b->cbKey, c + 1);
    memcpy(rgbOut, b->rgbKey, cb);
    return cb;
}

/* Page path[j] splits in two; its parent path[j-1] has room for the separator. */
static JET_ERR split_horizontal(struct spt *t, struct spt_path *path, uint32_t j, uint32_t pgnoNew)
{
    JET_ERR err;
    struct spt_node *rg = NULL;
    uint32_t c;
    uint8_t *pbNew;
    const uint32_t pgno = path->rgpgno[j];
    const struct page_view v = view_of(t, path->rgpb[j], pgno);
    const uint32_t fFlags = page_flags(&v) & ~(uint32_t)PAGE_FLAG_FLUSH_TYPE_MASK;
    const bool fLeaf = page_is_leaf(&v);
    const uint32_t pgnoPrev = page_pgno_prev(&v), pgnoNext = page_pgno_next(&v);

    CALL(nodes_collect(t, &v, &rg, &c));
    if (c < 2)
        FAIL(err_tree(t, pgno, "space-tree page too full to split"));
    const uint32_t s = c / 2;
    struct spt_node nodeSep = { .fFlags = 0, .ulData = pgno };
    if (fLeaf) {
        if (key_cmp(rg[s - 1].rgbKey, rg[s - 1].cbKey, rg[s].rgbKey, rg[s].cbKey) >= 0)
            FAIL(err_tree(t, pgno, "space-tree keys out of order"));
        nodeSep.cbKey = (uint8_t)separator(&rg[s - 1], &rg[s], nodeSep.rgbKey);
    } else {
        nodeSep.cbKey = rg[s - 1].cbKey;
        memcpy(nodeSep.rgbKey, rg[s - 1].rgbKey, rg[s - 1].cbKey);
    }

    CALL(mtr_new(t->fdp->m, pgnoNew, &pbNew));
    CALL(page_build(t, pbNew, pgnoNew, fFlags, fLeaf ? pgno : 0, fLeaf ? pgnoNext : 0, NULL, 0, rg + s, c - s));
    if (fLeaf && pgnoNext) {
        uint8_t *pbNext;
        if (pgnoNext > cache_file_cpg(t->fdp->sdb->file))
            FAIL(err_tree(t, pgno, "space-tree sibling beyond the end of the file"));
        CALL(mtr_get(t->fdp->m, pgnoNext, CACHE_LATCH_EXCLUSIVE, &pbNext));
        struct page_buf bn = buf_of(t, pbNext, pgnoNext);
        const struct page_view vn = page_view_of(&bn);
        CALL(check_page(t, &vn, false));
        if (page_pgno_prev(&vn) != pgno)
            FAIL(err_tree(t, pgnoNext, "space-tree sibling link broken"));
        page_set_pgno_prev(&bn, pgnoNew);
        sp_set_modified(t->fdp, pgnoNext);
    }
    CALL(page_build(t, path->rgpb[j], pgno, fFlags, pgnoPrev, fLeaf ? pgnoNew : 0, NULL, 0, rg, s));
    sp_set_modified(t->fdp, pgno);

    /* Parent: (separator -> this page) before the node that pointed here, which now points to
     * the new page. */
    {
        const uint32_t pgnoParent = path->rgpgno[j - 1];
        struct page_buf bp = buf_of(t, path->rgpb[j - 1], pgnoParent);
        const uint32_t iParent = path->rgiline[j - 1];
        uint8_t rgbData[4];
        put_le32(rgbData, pgnoNew);
        CALL(page_replace_node_data(&bp, iParent, rgbData, 4));
        put_le32(rgbData, pgno);
        CALL(page_insert_node(&bp, iParent, nodeSep.rgbKey, nodeSep.cbKey, rgbData, 4, 0));
        sp_set_modified(t->fdp, pgnoParent);
    }
    TRACE("space tree %u: page %u split, upper half to %u\n", t->pgnoRoot, pgno, pgnoNew);
out:
    mem_free(rg);
    return err;
}

/* A page for a split: split buffer, carve, then the FDP's AE. *pfChanged: the AE was changed (the
 * path must be found again). */
static JET_ERR obtain_page(struct spt *t, struct spt_src *src, uint32_t *ppgno, bool *pfChanged)
{
    JET_ERR err;
    *pfChanged = false;
    err = split_buffer_take(t, ppgno);
    if (err != ERR_NOT_FOUND)
        return err;
    if (src && src->cpgCarve) {
        *ppgno = src->pgnoCarve++;
        src->cpgCarve--;
        src->cpgCarved++;
        return JET_errSuccess;
    }
    if (src && src->fUseAE && t->fdp->info.fMultiple) {
        uint32_t cpg;
        err = sp_ae_take(t->fdp, 0, 1, 1, ppgno, &cpg);
        *pfChanged = true;
        return err;
    }
    return ERR_SPACE_RETRY;
}

static bool page_has_room(const struct spt *t, const uint8_t *pb, uint32_t pgno, uint32_t cb)
{
    const struct page_view v = view_of(t, pb, pgno);
    return page_cb_free(&v) >= cb;
}

/* Purge flag-deleted nodes from a leaf about to receive a node (it stays non-empty). */
static JET_ERR purge_deleted(struct spt *t, uint8_t *pb, uint32_t pgno, bool *pfPurged)
{
    JET_ERR err;
    struct page_buf b = buf_of(t, pb, pgno);
    *pfPurged = false;
    const struct page_view v0 = page_view_of(&b);
    for (uint32_t i = page_cline(&v0); i-- > 0;) {
        const struct page_view v = page_view_of(&b);
        struct page_line l;
        CALL_R(page_get_line(&v, i, &l));
        if (l.fFlags & PAGE_NODE_DELETED) {
            CALL_R(page_delete_node(&b, i));
            *pfPurged = true;
        }
    }
    if (*pfPurged)
        sp_set_modified(t->fdp, pgno);
    return JET_errSuccess;
}

JET_ERR spt_insert(struct spt *t, uint32_t pgnoLast, uint32_t cpg, struct spt_src *src)
{
    JET_ERR err = JET_errSuccess;
    uint8_t rgbKey[4], rgbData[4];
    uint32_t rgpgnoHeld[SPT_DEPTH_MAX + 2];
    uint32_t cHeld = 0;
    bool fPurged = false;

    spt_key_make(rgbKey, pgnoLast);
    put_le32(rgbData, cpg);
    for (uint32_t iter = 0;; iter++) {
        struct spt_path path;
        if (iter > 4 * SPT_DEPTH_MAX + 8)
            FAIL(err_tree(t, t->pgnoRoot, "space-tree insert does not converge"));
        CALL(descend(t, rgbKey, 4, CACHE_LATCH_EXCLUSIVE, &path));
        const uint32_t leaf = path.depth - 1;
        struct page_buf b = buf_of(t, path.rgpb[leaf], path.rgpgno[leaf]);
        const struct page_view v = page_view_of(&b);
        const uint32_t iline = path.rgiline[leaf];

        if (iline < page_cline(&v)) {
            struct spt_ext e;
            CALL(ext_read(t, &v, iline, &e));
            if (e.cbKey == 4 && e.pgnoLast == pgnoLast) {
                /* Reuse a deleted or empty node with this key. */
                if (!e.fDeleted && e.cpg != 0)
                    FAIL(err_tree(t, v.pgno, "extent already in the space tree"));
                struct page_line l;
                CALL(page_get_line(&v, iline, &l));
                CALL(page_replace_node_data(&b, iline, rgbData, 4));
                CALL(page_set_line_flags(&b, iline, (uint8_t)(l.fFlags & ~(PAGE_NODE_DELETED | PAGE_NODE_VERSIONED))));
                sp_set_modified(t->fdp, b.pgno);
                break;
            }
        }
        if (!fPurged) {
            fPurged = true;
            bool fAny;
            CALL(purge_deleted(t, b.buf, b.pgno, &fAny));
            if (fAny)
                continue;
        }
        if (page_cb_free(&v) >= page_cb_line_node(0, 4, 4) + PAGE_CB_TAG) {
            CALL(page_insert_node_prefix(&b, iline, rgbKey, 4, 0, rgbData, 4, 0));
            sp_set_modified(t->fdp, b.pgno);
            break;
        }
        /* Split the highest page that must split and whose parent has room (or the root). */
        uint32_t j = leaf;
        while (j > 0 && !page_has_room(t, path.rgpb[j - 1], path.rgpgno[j - 1], SPT_CB_SEP_NODE))
            j--;
        if (cHeld == 0) {
            bool fChanged;
            CALL(obtain_page(t, src, &rgpgnoHeld[cHeld], &fChanged));
            cHeld++;
            if (fChanged)
                continue;
        }
        const uint32_t pgnoNew = rgpgnoHeld[--cHeld];
        if (j == 0)
            CALL(split_vertical(t, &path, pgnoNew));
        else
            CALL(split_horizontal(t, &path, j, pgnoNew));
    }
out:
    /* A page taken for a split that became unnecessary: keep it in the split buffer. */
    while (err >= 0 && cHeld) {
        bool fKept;
        const uint32_t pgno = rgpgnoHeld[--cHeld];
        err = split_buffer_give(t, pgno, &fKept);
        if (err >= 0 && !fKept)
            WARN("space tree %u: page %u leaked (split buffer full)\n", t->pgnoRoot, pgno);
    }
    return err;
}

JET_ERR spt_split_reserve(struct spt *t, uint32_t cInserts, uint32_t *pcpg)
{
    JET_ERR err;
    struct spt_path path;
    CALL_R(descend(t, NULL, 0, t->fdp->latch, &path));
    if (path.depth == 1) {
        const struct page_view v = view_of(t, path.rgpb[0], path.rgpgno[0]);
        *pcpg = page_cb_free(&v) >= (cInserts + 1) * SPT_CB_LEAF_NODE ? 0 : 2;
    } else {
        *pcpg = path.depth + 1;
    }
    return JET_errSuccess;
}
