/* SPDX-License-Identifier: MIT
 * btree/bt_write.c: record operations: insert, replace, flag changes, physical delete.
 * Layer: btree (uses space, cache, page, base).
 *
 * Each operation first tries the plain way: one mtr, the leaf latched exclusively (internal
 * pages shared on the way down and released), the node changed, the caller's undo payload set,
 * commit. Only when the leaf has no room (or would become empty) does it take the tree's
 * structure-change path (bt_smo.c), which performs the operation inside the split or merge. */
#include "bt_int.h"

DEBUG_CHANNEL(btree);

#define BT_RETRY_MAX 32

static void set_undo(struct mtr *m, const struct bt_undo *pundo)
{
    if (pundo && pundo->cb)
        mtr_set_undo(m, pundo->pv, pundo->cb);
}

/* The cursor now names (key, data) but holds no hint (the page's dbtime changes at commit). */
static void cursor_set(struct bt_cursor *c, const uint8_t *pbKey, uint32_t cbKey, const uint8_t *pbData,
        uint32_t cbData, uint8_t fFlags)
{
    if (pbKey != c->pbKey)
        memmove(c->pbKey, pbKey, cbKey);
    if (pbData != c->pbData)
        memmove(c->pbData, pbData, cbData);
    c->cbKey = cbKey;
    c->cbData = cbData;
    c->fFlags = fFlags & (PAGE_NODE_DELETED | PAGE_NODE_VERSIONED);
    c->pos = BT_POS_ON;
    c->pgnoHint = 0;
    c->fHintWrite = false;
}

/* Can a node of this size live in the tree at all? It must fit an empty leaf, and two of its
 * separators must fit an internal page. */
static JET_ERR check_node_size(const struct bt_cursor *c, uint32_t cbKey, uint32_t cbData)
{
    const struct bt_tree *t = c->tree;
    const uint32_t cbPage = bt_cb_page(t);
    const uint32_t cbArea = cbPage - page_cb_header_for(cbPage);
    if (cbKey == 0 || cbKey > c->cbKeyMost)
        return ERR_TRAP(JET_errKeyTooBig);
    if (page_cb_line_node(0, cbKey, cbData) + 2 * PAGE_CB_TAG > cbArea)
        return ERR_TRAP(JET_errRecordTooBig);
    const uint32_t cbSep = cbKey + (bt_nonunique(t) ? cbData : 0) + 1;
    if (cbSep > PAGE_NODE_CB_KEY_MASK || 2 * (page_cb_line_node(0, cbSep, 4) + PAGE_CB_TAG) + PAGE_CB_TAG > cbArea)
        return ERR_TRAP(bt_nonunique(t) ? JET_errRecordTooBig : JET_errKeyTooBig);
    return JET_errSuccess;
}

JET_ERR bt_insert(struct bt_cursor *c, const void *pvKey, uint32_t cbKey, const void *pvData, uint32_t cbData,
        uint8_t fFlags, const struct bt_undo *pundo)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    if ((cbKey && !pvKey) || (cbData && !pvData) || (fFlags & ~PAGE_NODE_VERSIONED))
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(check_node_size(c, cbKey, cbData));
    const struct bt_target tg = { pvKey, cbKey, pvData, cbData, bt_nonunique(t) ? BT_T_KEYDATA : BT_T_KEY,
                                  bt_nonunique(t) };

    for (uint32_t attempt = 0; attempt < BT_RETRY_MAX; attempt++) {
        struct mtr m;
        uint8_t *pb;
        uint32_t pgno, iline;
        struct bt_op op = { BT_OP_INSERT, pvKey, cbKey, pvData, cbData, fFlags, pundo, 0, 0 };

        bt_mtr_begin(t, &m);
        /* The cursor's hint (a seek just found the place), else the tree's last insert. */
        uint32_t pgnoHint = c->pgnoHint, ilineHint = c->ilineHint;
        uint64_t dbtimeHint = c->dbtimeHint;
        if (!pgnoHint) {
            pgnoHint = __atomic_load_n(&t->pgnoHintInsert, __ATOMIC_RELAXED);
            dbtimeHint = __atomic_load_n(&t->dbtimeHintInsert, __ATOMIC_RELAXED);
            ilineHint = __atomic_load_n(&t->ilineHintInsert, __ATOMIC_RELAXED);
        }
        if (attempt == 0 && pgnoHint && bt_hint_write(t, &m, pgnoHint, dbtimeHint, ilineHint, &tg, &pb, &iline)) {
            pgno = pgnoHint;
            err = JET_errSuccess;
        } else {
            err = bt_descend_write(t, &m, &tg, &pb, &pgno, &iline);
        }
        if (err == ERR_LATCH_CONFLICT) {
            mtr_abort(&m);
            continue;
        }
        CALL(err);
        struct page_buf b = page_buf_make(pb, bt_cb_page(t), pgno);
        b.fSound = mtr_page_sound(&m, pgno);
        const struct page_view v = page_view_of(&b);
        if (iline < page_cline(&v)) {
            struct page_node n;
            CALL(page_get_node(&v, iline, &n));
            if (bt_cmp_leaf(&n, &tg) == 0) {
                if (!page_node_is_deleted(&n))
                    FAIL(JET_errKeyDuplicate);
                /* A flag-deleted node with this key: it becomes the new one. */
                op.kind = BT_OP_REPLACE;
                err = page_replace_node_data(&b, iline, pvData, cbData);
                if (err >= 0) {
                    /* The compression bit shares the flag bits: keep it. */
                    struct page_line l;
                    err = page_get_line(&v, iline, &l);
                    if (err >= 0)
                        err = page_set_line_flags(&b, iline, (uint8_t)((l.fFlags & PAGE_NODE_COMPRESSED) | fFlags));
                }
            } else {
                err = page_insert_node(&b, iline, pvKey, cbKey, pvData, cbData, fFlags);
            }
        } else {
            err = page_insert_node(&b, iline, pvKey, cbKey, pvData, cbData, fFlags);
        }
        if (err == ERR_PAGE_FULL) {
            mtr_abort(&m);
            err = bt_smo_make_room(t, &op);
            if (err == ERR_NOT_FOUND)
                continue;
            CALL_R(err);
            c->lsnLast = op.lsnOp;
            cursor_set(c, pvKey, cbKey, pvData, cbData, fFlags);
            return JET_errSuccess;
        }
        CALL(err);
        mtr_set_modified(&m, pgno);
        if (b.fSound)
            mtr_set_page_sound(&m, pgno);
        set_undo(&m, pundo);
        CALL_R(mtr_commit(&m, &c->lsnLast));
        cursor_set(c, pvKey, cbKey, pvData, cbData, fFlags);
        /* The node is at (pgno, iline) for as long as the page keeps the dbtime just stamped. */
        uint64_t dbtime;
        if (mtr_committed_dbtime(&m, pgno, &dbtime)) {
            c->pgnoHint = pgno;
            c->dbtimeHint = dbtime;
            c->ilineHint = iline;
            c->fHintWrite = true;
            __atomic_store_n(&t->pgnoHintInsert, pgno, __ATOMIC_RELAXED);
            __atomic_store_n(&t->dbtimeHintInsert, dbtime, __ATOMIC_RELAXED);
            __atomic_store_n(&t->ilineHintInsert, iline, __ATOMIC_RELAXED);
        }
        return JET_errSuccess;
out:
        mtr_abort(&m);
        return err;
    }
    return ERR_TRAP(JET_errOutOfBuffers);
}

/* Latch the cursor's node exclusively in an mtr. */
static JET_ERR find_for_update(struct bt_cursor *c, struct mtr *m, struct page_buf *pb, uint32_t *piline)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    const struct bt_target tg = bt_cursor_target(c);
    uint8_t *pbLeaf;
    uint32_t pgno;
    if (c->pos != BT_POS_ON)
        return c->pos == BT_POS_GAP ? JET_errRecordDeleted : JET_errNoCurrentRecord;
    CALL_R(bt_descend_write(t, m, &tg, &pbLeaf, &pgno, piline));
    *pb = page_buf_make(pbLeaf, bt_cb_page(t), pgno);
    pb->fSound = mtr_page_sound(m, pgno);
    const struct page_view v = page_view_of(pb);
    if (*piline >= page_cline(&v))
        return JET_errRecordDeleted;
    struct page_node n;
    CALL_R(page_get_node(&v, *piline, &n));
    if (bt_cmp_leaf(&n, &tg) != 0)
        return JET_errRecordDeleted;
    return JET_errSuccess;
}

JET_ERR bt_replace(struct bt_cursor *c, const void *pvData, uint32_t cbData, const struct bt_undo *pundo)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    if (cbData && !pvData)
        return ERR_TRAP(JET_errInvalidParameter);
    if (c->pos == BT_POS_ON) {
        CALL_R(check_node_size(c, c->cbKey, cbData));
        /* In a non-unique tree the data is part of the node's name. */
        if (bt_nonunique(t) && (cbData != c->cbData || (cbData && memcmp(pvData, c->pbData, cbData))))
            return ERR_TRAP(JET_errInvalidParameter);
    }
    for (uint32_t attempt = 0; attempt < BT_RETRY_MAX; attempt++) {
        struct mtr m;
        struct page_buf b;
        uint32_t iline;
        bt_mtr_begin(t, &m);
        err = find_for_update(c, &m, &b, &iline);
        if (err == ERR_LATCH_CONFLICT) {
            mtr_abort(&m);
            continue;
        }
        CALL(err);
        const struct page_view v = page_view_of(&b);
        struct page_line l;
        CALL(page_get_line(&v, iline, &l));
        const uint8_t fFlags = l.fFlags & (PAGE_NODE_DELETED | PAGE_NODE_VERSIONED);
        err = page_replace_node_data(&b, iline, pvData, cbData);
        if (err == ERR_PAGE_FULL) {
            mtr_abort(&m);
            struct bt_op op = { BT_OP_REPLACE, c->pbKey, c->cbKey, pvData, cbData, fFlags, pundo, 0, 0 };
            err = bt_smo_make_room(t, &op);
            if (err == ERR_NOT_FOUND)
                continue;
            CALL_R(err);
            c->lsnLast = op.lsnOp;
            cursor_set(c, c->pbKey, c->cbKey, pvData, cbData, fFlags);
            return JET_errSuccess;
        }
        CALL(err);
        mtr_set_modified(&m, b.pgno);
        if (b.fSound)
            mtr_set_page_sound(&m, b.pgno);
        set_undo(&m, pundo);
        CALL_R(mtr_commit(&m, &c->lsnLast));
        cursor_set(c, c->pbKey, c->cbKey, pvData, cbData, fFlags);
        return JET_errSuccess;
out:
        mtr_abort(&m);
        if (err == JET_errRecordDeleted)
            c->pos = BT_POS_GAP;
        return err;
    }
    return ERR_TRAP(JET_errOutOfBuffers);
}

JET_ERR bt_set_flags(struct bt_cursor *c, uint8_t fSet, uint8_t fClear, const struct bt_undo *pundo)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    const uint8_t fAllowed = PAGE_NODE_DELETED | PAGE_NODE_VERSIONED;
    if ((fSet | fClear) & ~fAllowed)
        return ERR_TRAP(JET_errInvalidParameter);
    for (uint32_t attempt = 0; attempt < BT_RETRY_MAX; attempt++) {
        struct mtr m;
        struct page_buf b;
        uint32_t iline;
        bt_mtr_begin(t, &m);
        err = find_for_update(c, &m, &b, &iline);
        if (err == ERR_LATCH_CONFLICT) {
            mtr_abort(&m);
            continue;
        }
        CALL(err);
        const struct page_view v = page_view_of(&b);
        struct page_line l;
        CALL(page_get_line(&v, iline, &l));
        const uint8_t fNew = (uint8_t)(((l.fFlags & fAllowed) | fSet) & ~fClear);
        /* The compression bit shares the flag bits: keep it. */
        CALL(page_set_line_flags(&b, iline, (uint8_t)(fNew | (l.fFlags & PAGE_NODE_COMPRESSED))));
        mtr_set_modified(&m, b.pgno);
        if (b.fSound)
            mtr_set_page_sound(&m, b.pgno);
        set_undo(&m, pundo);
        CALL_R(mtr_commit(&m, &c->lsnLast));
        c->fFlags = fNew;
        c->pgnoHint = 0;
        return JET_errSuccess;
out:
        mtr_abort(&m);
        if (err == JET_errRecordDeleted)
            c->pos = BT_POS_GAP;
        return err;
    }
    return ERR_TRAP(JET_errOutOfBuffers);
}

JET_ERR bt_delete(struct bt_cursor *c, const struct bt_undo *pundo)
{
    JET_ERR err;
    struct bt_tree *t = c->tree;
    for (uint32_t attempt = 0; attempt < BT_RETRY_MAX; attempt++) {
        struct mtr m;
        struct page_buf b;
        uint32_t iline;
        bt_mtr_begin(t, &m);
        err = find_for_update(c, &m, &b, &iline);
        if (err == ERR_LATCH_CONFLICT) {
            mtr_abort(&m);
            continue;
        }
        CALL(err);
        const struct page_view v = page_view_of(&b);
        const bool fRoot = page_is_root(&v);
        if (!fRoot && page_cline(&v) == 1) {
            /* The page would be empty: it leaves the tree in the same mtr as the delete. */
            mtr_abort(&m);
            const struct bt_target tg = bt_cursor_target(c);
            err = bt_smo_delete(t, &tg, pundo, &c->lsnLast);
            if (err == ERR_NOT_FOUND)
                continue;
            CALL_R(err);
            c->pos = BT_POS_GAP;
            c->pgnoHint = 0;
            return JET_errSuccess;
        }
        CALL(page_delete_node(&b, iline));
        const struct page_view v2 = page_view_of(&b);
        const bool fSparse = !fRoot && page_cb_free(&v2) > page_cb_data(&v2) * 3 / 4;
        mtr_set_modified(&m, b.pgno);
        if (b.fSound)
            mtr_set_page_sound(&m, b.pgno);
        set_undo(&m, pundo);
        CALL_R(mtr_commit(&m, &c->lsnLast));
        c->pos = BT_POS_GAP;
        c->pgnoHint = 0;
        if (fSparse) {
            /* Best effort: the delete is done whatever happens to the merge. */
            const struct bt_target tg = bt_cursor_target(c);
            err = bt_smo_merge(t, &tg);
            if (err < 0 && err != JET_errOutOfMemory)
                WARN("tree %u: merge after delete failed (%ld)\n", t->desc.pgnoFDP, (long)err);
        }
        return JET_errSuccess;
out:
        mtr_abort(&m);
        if (err == JET_errRecordDeleted)
            c->pos = BT_POS_GAP;
        return err;
    }
    return ERR_TRAP(JET_errOutOfBuffers);
}
