/* SPDX-License-Identifier: MIT
 * btree/bt_pos.c: approximate positions (JetGetRecordPosition, JetGotoPosition), computed from
 * the path through the tree as ESE computes them (ErrBTGetPosition, IlineBTIFrac), never by
 * counting records: a position costs one descent whatever the size of the tree. On a tree of one
 * page both are exact; deeper trees give a mixed-radix estimate that is exact only when the
 * pages are evenly filled. Layer: btree (uses cache, page, base). */
#include "bt_int.h"

DEBUG_CHANNEL(btree);

JET_ERR bt_position(struct bt_cursor *c, const void *pvKey, uint32_t cbKey, const void *pvData, uint32_t cbData,
        uint64_t *pcLT, uint64_t *pcTotal)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    const struct bt_target tg = { pvKey, cbKey, pvData, cbData, bt_nonunique(t) ? BT_T_KEYDATA : BT_T_KEY,
                                  bt_nonunique(t) };
    struct page_ref ref;
    struct bt_path path;
    uint32_t iline;

    CALL_R(bt_descend_read(t, &tg, false, &ref, &iline, &path));
    cache_put(&ref);
    uint64_t cLT = 0, cTotal = 1;
    for (uint32_t level = 0; level < path.depth; level++) {
        const uint32_t cline = path.rgcline[level];
        uint32_t il = path.rgiline[level];
        if (cline == 0)
            break;                      /* an empty root leaf */
        if (il >= cline)
            il = cline - 1;             /* the node is gone and was the page's last */
        if (cTotal > UINT64_MAX / cline)
            break;                      /* deeper digits no longer change the estimate */
        cLT = cLT * cline + il;
        cTotal *= cline;
    }
    *pcLT = cLT;
    *pcTotal = cTotal;
    return JET_errSuccess;
}

/* The line the fraction *pa / c of the page's lines points to; *pa becomes the remainder, the
 * fraction for the level below (ESE's IlineBTIFrac, in integers so that a position bt_position
 * gave leads back to its node exactly). At the end (*pa == c) every level takes its last line.
 * c <= 2^47 and cline < 2^16, so the product fits. */
static uint32_t frac_line(uint32_t cline, uint64_t *pa, uint64_t c)
{
    if (*pa >= c)
        return cline - 1;
    const uint64_t prod = *pa * cline;
    const uint64_t iline = prod / c;
    *pa = prod - iline * c;
    return (uint32_t)iline;
}

JET_ERR bt_goto_fraction(struct bt_cursor *c, uint64_t cLT, uint64_t cTotal)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    struct page_ref ref = PAGE_REF_NONE, refChild;
    uint32_t pgno = t->desc.pgnoFDP;
    int fLeafExpected = -1;
    if (cTotal == 0)
        cTotal = 1, cLT = 0;
    if (cLT > cTotal)
        cLT = cTotal;
    while (cTotal > (UINT64_C(1) << 47)) {
        cTotal >>= 1;
        cLT >>= 1;
    }

    c->pos = BT_POS_NONE;
    for (uint32_t level = 0;; level++) {
        if (level >= BT_DEPTH_MAX)
            FAIL(ERR_CORRUPT(pgno, "tree deeper than any ESE tree"));
        CALL(bt_check_pgno(t, pgno, ref.pgno ? ref.pgno : t->desc.pgnoFDP));
        CALL(cache_get(t->db->file, pgno, CACHE_LATCH_SHARED, 0, &refChild));
        cache_put(&ref);
        ref = refChild;
        const struct page_view v = page_view_make(ref.buf, bt_cb_page(t), pgno);
        CALL(bt_check_tree_page(t, &v, level == 0, fLeafExpected));
        const uint32_t cline = page_cline(&v);
        if (cline == 0) {
            if (page_is_leaf(&v) && level == 0)
                FAIL(JET_errRecordNotFound);
            FAIL(ERR_CORRUPT(pgno, "page of a tree without nodes"));
        }
        if (cline > UINT16_MAX)
            FAIL(ERR_CORRUPT(pgno, "more lines than a page holds"));
        const uint32_t iline = frac_line(cline, &cLT, cTotal);
        if (page_is_leaf(&v)) {
            CALL(bt_cursor_take(c, &v, iline));
            goto out;
        }
        struct page_node n;
        CALL(page_get_node(&v, iline, &n));
        if (!page_node_child_pgno(&n, &pgno) || pgno == 0 || pgno == ref.pgno)
            FAIL(ERR_CORRUPT(ref.pgno, "internal node without a child page"));
        fLeafExpected = page_is_parent_of_leaf(&v) ? 1 : 0;
    }
out:
    cache_put(&ref);
    return err;
}
