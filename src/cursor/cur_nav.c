/* SPDX-License-Identifier: MIT
 * cursor/cur_nav.c: currency and navigation: moves, seeks, index ranges, bookmarks, positions,
 * counts, and what a reader sees of a node (the version store's view).
 * Layer: cursor (uses catalog, record, btree, ver, os, base).
 *
 * The navigated tree is the current secondary index (btIndex) or the primary tree (btPrimary).
 * Every btree call here passes BT_DELETED_TOO: the btree layer shows flag-deleted nodes and this
 * file decides, node by node, what the cursor's reader sees (cur_node_view). Landing on an entry
 * (land) copies its bookmark, primary key and the record as seen into the cursor, so later calls
 * never depend on the btree cursors' transient copies. See README.md "Currency". */
#include "cur_int.h"

DEBUG_CHANNEL(cursor);

/* ============================================================== visibility ============== */

JET_ERR cur_node_view(struct cursor *c, struct bt_cursor *bt, const struct bt_tree_desc *pdesc, bool *pfVisible,
        const uint8_t **ppbData, uint32_t *pcbData, void **ppvFree)
{
    JET_ERR err;
    const uint8_t f = bt_node_flags(bt);
    bool fDeleted = (f & PAGE_NODE_DELETED) != 0;
    uint32_t cbKey, cbData;
    const uint8_t *pbKey = bt_key(bt, &cbKey);
    const uint8_t *pbData = bt_data(bt, &cbData);

    *ppvFree = NULL;
    *ppbData = pbData;
    *pcbData = cbData;
    struct ver_store *vs = c->pt ? c->pt->cdb->vs : NULL;
    /* An empty store speaks for no node: the copy is the page's (ver_store_empty). */
    if (!(f & PAGE_NODE_VERSIONED) || !vs || !c->pactor || ver_store_empty(vs)) {
        *pfVisible = !fDeleted;
        return JET_errSuccess;
    }
    struct ver_node_id id = {
        .dbid = c->pt->cdb->dbid, .pgnoFDP = pdesc->pgnoFDP, .pvKey = pbKey, .cbKey = cbKey,
        .pvData = pdesc->fNonUnique ? pbData : NULL, .cbData = pdesc->fNonUnique ? cbData : 0,
    };
    enum ver_view view = VER_VIEW_PAGE;
    void *pvImage = NULL;
    uint32_t cbImage = 0;
    /* The node is bt's copy, taken without the latch held now: an escrow delta that reached or
     * left the page around then cannot be judged; read the store's delta clock, copy the node
     * again, ask again (ver_store.h ver_store_view_copy). */
    uint64_t genCopy = 0;
    for (int attempt = 0;; attempt++) {
        CALL_R(ver_store_view_copy(vs, &id, c->pactor, genCopy, pbData, cbData, fDeleted, &view, &pvImage, &cbImage));
        if (view != VER_VIEW_RETRY)
            break;
        if (attempt > 0)
            os_sleep_ms(0);
        genCopy = ver_store_delta_gen(vs);
        err = bt_refresh(bt);
        if (err == JET_errRecordDeleted) {
            *pfVisible = false;         /* gone from the page: cleanup removed it meanwhile */
            return JET_errSuccess;
        }
        CALL_R(err);
        const uint8_t fNow = bt_node_flags(bt);
        id.pvKey = bt_key(bt, &cbKey);
        id.cbKey = cbKey;
        pbData = bt_data(bt, &cbData);
        if (pdesc->fNonUnique) {
            id.pvData = pbData;
            id.cbData = cbData;
        }
        *ppbData = pbData;
        *pcbData = cbData;
        if (!(fNow & PAGE_NODE_VERSIONED)) {
            *pfVisible = !(fNow & PAGE_NODE_DELETED);
            return JET_errSuccess;
        }
        fDeleted = (fNow & PAGE_NODE_DELETED) != 0;
    }
    switch (view) {
    case VER_VIEW_ABSENT:
        mem_free(pvImage);
        *pfVisible = false;
        break;
    case VER_VIEW_IMAGE:
        *pfVisible = true;
        *ppvFree = pvImage;
        *ppbData = pvImage;
        *pcbData = cbImage;
        break;
    default:
        mem_free(pvImage);
        *pfVisible = !fDeleted;
        break;
    }
    return JET_errSuccess;
}

void cur_reset_currency(struct cursor *c, enum cur_loc loc)
{
    c->loc = loc;
    c->fReadBatchRec = false;
}

/* ============================================================== landing ================= */

/* c->rec was just set from the primary tree's node (btPrimary), as the page has it (fPage) or
 * as an image: remember when, for cur_record's shortcut (cursor.h, fRecPage). */
static void rec_taken(struct cursor *c, bool fPage)
{
    c->fRecPage = fPage;
    c->fRecVersioned = (bt_node_flags(c->btPrimary) & PAGE_NODE_VERSIONED) != 0;
    c->dbtimeRec = c->dbtimeCall;
}

/* Is c->rec still what reading the record from its page would give this reader? */
static bool rec_still_current(const struct cursor *c)
{
    if (!c->fRecPage || c->dbtimeRec != c->dbtimeCall || c->dbtimeCall != cur_db_dbtime(c->pt->cdb))
        return false;
    if (!c->fRecVersioned)
        return true;
    struct ver_store *vs = c->pt->cdb->vs;
    return !vs || !c->pactor || ver_store_empty(vs);
}

/* The navigated tree's btree cursor stands on a node: make it the cursor's entry if the reader
 * sees it, sees its record, and the filter lets it through (*pfLanded). */
static JET_ERR land(struct cursor *c, bool *pfLanded)
{
    JET_ERR err;
    struct bt_cursor *bt = cur_nav_bt(c);
    const struct bt_tree_desc *pd = cur_nav_desc(c);
    const uint8_t *pbData;
    uint32_t cbData, cbKey;
    void *pvFree = NULL;
    bool fVisible;

    *pfLanded = false;
    c->fReadBatchRec = false;
    c->fRecPage = false;
    CALL(cur_node_view(c, bt, pd, &fVisible, &pbData, &cbData, &pvFree));
    if (!fVisible)
        goto out;
    const uint8_t *pbKey = bt_key(bt, &cbKey);
    if (c->btIndex) {
        const uint32_t cbBm = cbKey + (pd->fNonUnique ? cbData : 0);
        CALL(cur_buf_reserve(&c->bmIdx, cbBm ? cbBm : 1));
        memcpy(c->bmIdx.pb, pbKey, cbKey);
        if (pd->fNonUnique && cbData)
            memcpy(c->bmIdx.pb + cbKey, pbData, cbData);
        c->bmIdx.cb = cbBm;
        c->cbBmIdxKey = cbKey;
        CALL(cur_buf_set(&c->idxData, pbData, cbData));
        CALL(cur_buf_set(&c->pk, pbData, cbData));
        mem_free(pvFree);
        pvFree = NULL;
        err = bt_seek(c->btPrimary, BT_SEEK_EQ, c->pk.pb, c->pk.cb, NULL, 0, BT_DELETED_TOO);
        if (err == JET_errRecordNotFound) {
            /* an index entry whose record this reader cannot find: not an entry for it */
            WARN("index %u: an entry names a record the table does not have", pd->objid);
            err = JET_errSuccess;
            goto out;
        }
        CALL(err);
        CALL(cur_node_view(c, c->btPrimary, &c->td->descPrimary, &fVisible, &pbData, &cbData, &pvFree));
        if (!fVisible)
            goto out;
        c->fViewRec = false;
        CALL(cur_buf_set(&c->rec, pbData, cbData));
    } else {
        CALL(cur_buf_set(&c->bmIdx, pbKey, cbKey));
        c->cbBmIdxKey = cbKey;
        CALL(cur_buf_set(&c->pk, pbKey, cbKey));
        c->fViewRec = false;
        CALL(cur_buf_set(&c->rec, pbData, cbData));
    }
    rec_taken(c, pvFree == NULL);
    if (c->filter) {
        bool fMatch;
        CALL(cur_filter_match(c, c->rec.pb, c->rec.cb, &fMatch));
        if (!fMatch)
            goto out;
    }
    c->loc = CUR_LOC_ON;
    *pfLanded = true;
    err = JET_errSuccess;
out:
    mem_free(pvFree);
    return err;
}

/* ESE's ErrFUCBCheckIndexRange on the current entry. */
static bool in_range(const struct cursor *c)
{
    const int cmp = cur_key_cmp(c->bmIdx.pb, c->cbBmIdxKey, c->pbRange, c->cbRange);
    if (cmp > 0)
        return !c->fRangeUpper;
    if (cmp < 0)
        return c->fRangeUpper;
    return c->fRangeInclusive;
}

/* Step the navigated tree until the reader lands on an entry (fNext: forward). With pbKeyNE,
 * entries whose key equals it are passed over (JET_bitMoveKeyNE). The index range is checked in
 * its direction. JET_errNoCurrentRecord at the end. */
static JET_ERR step(struct cursor *c, bool fNext, const uint8_t *pbKeyNE, uint32_t cbKeyNE, bool fFromHere)
{
    JET_ERR err;
    struct bt_cursor *bt = cur_nav_bt(c);
    bool fLanded;
    for (bool fFirst = true;; fFirst = false) {
        if (!(fFirst && fFromHere)) {
            err = fNext ? bt_move_next(bt, BT_DELETED_TOO) : bt_move_prev(bt, BT_DELETED_TOO);
            if (err < 0)
                return err;
        }
        if (pbKeyNE) {
            uint32_t cbKey;
            const uint8_t *pbKey = bt_key(bt, &cbKey);
            if (cur_key_cmp(pbKey, cbKey, pbKeyNE, cbKeyNE) == 0)
                continue;
        }
        CALL_R(land(c, &fLanded));
        if (!fLanded)
            continue;
        if (c->fRange && c->fRangeUpper == fNext && !in_range(c)) {
            c->fRange = false;
            return ERR_TRAP(JET_errNoCurrentRecord);
        }
        return JET_errSuccess;
    }
}

/* Position on the first (fFirst) or last entry the reader sees. */
static JET_ERR to_end(struct cursor *c, bool fFirst)
{
    JET_ERR err;
    struct bt_cursor *bt = cur_nav_bt(c);
    err = fFirst ? bt_move_first(bt, BT_DELETED_TOO) : bt_move_last(bt, BT_DELETED_TOO);
    if (err == JET_errRecordNotFound)
        err = JET_errNoCurrentRecord;
    if (err < 0)
        return err;
    return step(c, fFirst, NULL, 0, true);
}

JET_ERR cur_nav_first(struct cursor *c)
{
    JET_ERR err = to_end(c, true);
    if (err < 0)
        c->loc = CUR_LOC_DEFER_FIRST;
    return err;
}

/* Seek the navigated tree and land on the first entry at or after (fForward) / at or before the
 * btree position op gives. */
static JET_ERR seek_land(struct cursor *c, enum bt_seek op, const uint8_t *pbKey, uint32_t cbKey, const uint8_t *pbData,
        uint32_t cbData, bool fForward)
{
    JET_ERR err;
    struct bt_cursor *bt = cur_nav_bt(c);
    err = bt_seek(bt, op, pbKey, cbKey, pbData, cbData, BT_DELETED_TOO);
    if (err == JET_errRecordNotFound)
        return ERR_TRAP(JET_errNoCurrentRecord);
    if (err < 0)
        return err;
    return step(c, fForward, NULL, 0, true);
}

/* One step from the cursor's currency. */
static JET_ERR move_one(struct cursor *c, bool fNext, bool fKeyNE)
{
    JET_ERR err;
    uint8_t *pbKeyNE = NULL;
    uint32_t cbKeyNE = 0;

    switch (c->loc) {
    case CUR_LOC_DEFER_FIRST:
        CALL_R(cur_nav_first(c));
        break;
    case CUR_LOC_BEFORE_FIRST:
        if (!fNext)
            return ERR_TRAP(JET_errNoCurrentRecord);
        return to_end(c, true);
    case CUR_LOC_AFTER_LAST:
        if (fNext)
            return ERR_TRAP(JET_errNoCurrentRecord);
        return to_end(c, false);
    case CUR_LOC_GAP:
        /* the entries at or after the position, or before it */
        return seek_land(c, fNext ? BT_SEEK_GE : BT_SEEK_LT, c->bmIdx.pb, c->cbBmIdxKey, NULL, 0, fNext);
    case CUR_LOC_ON:
        break;
    }
    if (fKeyNE) {
        cbKeyNE = c->cbBmIdxKey;
        pbKeyNE = mem_alloc(cbKeyNE ? cbKeyNE : 1);
        if (!pbKeyNE)
            return ERR_TRAP(JET_errOutOfMemory);
        memcpy(pbKeyNE, c->bmIdx.pb, cbKeyNE);
    }
    if (!bt_has_current(cur_nav_bt(c))) {
        /* the btree cursor lost the node (it was removed): find the place again */
        err = bt_seek(cur_nav_bt(c), BT_SEEK_GE, c->bmIdx.pb, c->cbBmIdxKey,
                      cur_nav_nonunique(c) ? c->bmIdx.pb + c->cbBmIdxKey : NULL, c->bmIdx.cb - c->cbBmIdxKey,
                      BT_DELETED_TOO);
        if (err >= 0) {
            uint32_t cbKey, cbData;
            const uint8_t *pbKey = bt_key(cur_nav_bt(c), &cbKey);
            const uint8_t *pbData = bt_data(cur_nav_bt(c), &cbData);
            const bool fSame = cur_key_cmp(pbKey, cbKey, c->bmIdx.pb, c->cbBmIdxKey) == 0
                    && (!cur_nav_nonunique(c) || cur_key_cmp(pbData, cbData, c->bmIdx.pb + c->cbBmIdxKey,
                                                             c->bmIdx.cb - c->cbBmIdxKey) == 0);
            if (!fSame && fNext) {
                err = step(c, true, pbKeyNE, cbKeyNE, true);
                goto out;
            }
            if (!fSame && !fNext) {
                err = step(c, false, pbKeyNE, cbKeyNE, false);
                goto out;
            }
        } else if (err == JET_errRecordNotFound) {
            if (fNext) {
                err = ERR_TRAP(JET_errNoCurrentRecord);
                goto out;
            }
            err = bt_move_last(cur_nav_bt(c), BT_DELETED_TOO);
            if (err < 0)
                goto out;
            err = step(c, false, pbKeyNE, cbKeyNE, true);
            goto out;
        } else {
            goto out;
        }
    }
    err = step(c, fNext, pbKeyNE, cbKeyNE, false);
out:
    mem_free(pbKeyNE);
    return err;
}

/* ============================================================== JetMove ================= */

/* The current entry still there for this reader? (ESE's ErrDIRGet.) */
JET_ERR cur_check_current(struct cursor *c)
{
    JET_ERR err;
    bool fVisible;
    const uint8_t *pbData;
    uint32_t cbData;
    void *pvFree = NULL;
    if (c->loc == CUR_LOC_DEFER_FIRST)
        return cur_nav_first(c);
    if (c->loc != CUR_LOC_ON)
        return ERR_TRAP(JET_errNoCurrentRecord);
    struct bt_cursor *bt = cur_nav_bt(c);
    err = bt_refresh(bt);
    if (err == JET_errNoCurrentRecord) {
        /* the btree cursor was moved by an operation that restores it lazily: find it again */
        err = bt_seek(bt, BT_SEEK_EQ, c->bmIdx.pb, c->cbBmIdxKey,
                      cur_nav_nonunique(c) ? c->bmIdx.pb + c->cbBmIdxKey : NULL, c->bmIdx.cb - c->cbBmIdxKey,
                      BT_DELETED_TOO);
        if (err == JET_errRecordNotFound)
            err = ERR_TRAP(JET_errRecordDeleted);
    }
    CALL_R(err);
    CALL_R(cur_node_view(c, bt, cur_nav_desc(c), &fVisible, &pbData, &cbData, &pvFree));
    mem_free(pvFree);
    return fVisible ? JET_errSuccess : ERR_TRAP(JET_errRecordDeleted);
}

JET_ERR cur_move(struct cursor *c, int32_t crow, JET_GRBIT grbit)
{
    JET_ERR err = JET_errSuccess;

    if (c->mem)
        return cur_mem_move(c, crow, grbit);
    CALL_R(cur_sync(c));
    if (c->filter && crow == 0 && !c->btIndex)
        return ERR_TRAP(JET_errFilteredMoveNotSupported);
    cur_cancel_update(c);
    const bool fKeyNE = (grbit & JET_bitMoveKeyNE) != 0;
    if (crow == (int32_t)JET_MoveFirst) {
        cur_range_reset(c);
        err = to_end(c, true);
    } else if (crow == (int32_t)JET_MoveLast) {
        cur_range_reset(c);
        err = to_end(c, false);
    } else if (crow == 0) {
        return cur_check_current(c);
    } else if (crow > 0) {
        for (int32_t i = 0; i < crow && err >= 0; i++)
            err = move_one(c, true, fKeyNE);
    } else {
        for (int32_t i = 0; i > crow && err >= 0; i--)
            err = move_one(c, false, fKeyNE);
    }
    if (err < 0) {
        /* JET_MoveFirst is negative, JET_MoveLast positive: ESE's ErrIsamMove leaves the cursor
         * before the first entry or after the last accordingly. */
        c->loc = crow > 0 ? CUR_LOC_AFTER_LAST : CUR_LOC_BEFORE_FIRST;
        if (err == JET_errRecordNotFound)
            err = ERR_TRAP(JET_errNoCurrentRecord);
    }
    return err;
}

/* ============================================================== JetSeek ================= */

static JET_ERR seek(struct cursor *c, JET_GRBIT grbit);

JET_ERR cur_seek(struct cursor *c, JET_GRBIT grbit)
{
    if (c->mem)
        return ERR_TRAP(JET_errInvalidOperation);
    const JET_ERR err = seek(c, grbit);
    /* ESE's ErrIsamSeek consumes the search key whatever the outcome (KSReset) */
    if (err != JET_errKeyNotMade)
        c->fKeyPrepared = false;
    return err;
}

static JET_ERR seek(struct cursor *c, JET_GRBIT grbit)
{
    JET_ERR err;
    const JET_GRBIT grbitSeek = grbit & (JET_bitSeekEQ | JET_bitSeekLT | JET_bitSeekLE | JET_bitSeekGE | JET_bitSeekGT);

    if (c->mem)
        return ERR_TRAP(JET_errInvalidOperation);
    CALL_R(cur_sync(c));
    if (!grbitSeek)
        return ERR_TRAP(JET_errInvalidParameter);
    if (!c->fKeyPrepared)
        return ERR_TRAP(JET_errKeyNotMade);
    cur_cancel_update(c);
    cur_range_reset(c);

    /* the search key is needed after the btree calls overwrite nothing of it: it is the cursor's */
    const uint8_t *pbK = c->pbKey;
    const uint32_t cbK = c->cbKey;
    struct bt_cursor *bt = cur_nav_bt(c);
    bool fForward;
    enum bt_seek op;
    /* ESE's ErrIsamSeek checks the bits in this order */
    if (grbit & (JET_bitSeekLT | JET_bitSeekLE)) {
        op = (grbit & JET_bitSeekLT) ? BT_SEEK_LT : BT_SEEK_LE;
        fForward = false;
    } else if (grbit & JET_bitSeekGE) {
        op = BT_SEEK_GE;
        fForward = true;
    } else if (grbit & JET_bitSeekGT) {
        op = BT_SEEK_GT;
        fForward = true;
    } else {
        op = BT_SEEK_EQ;
        fForward = true;
    }
    err = bt_seek(bt, op == BT_SEEK_EQ ? BT_SEEK_GE : op, pbK, cbK, NULL, 0, BT_DELETED_TOO);
    if (err >= 0)
        err = step(c, fForward, NULL, 0, true);
    if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound) {
        /* nothing qualifies: the cursor sits at the key's place (ESE's virtual currency) */
        err = cur_buf_set(&c->bmIdx, pbK, cbK);
        if (err < 0)
            return err;
        c->cbBmIdxKey = cbK;
        c->loc = CUR_LOC_GAP;
        c->fKeyPrepared = false;
        return ERR_TRAP(JET_errRecordNotFound);
    }
    CALL_R(err);
    const int cmp = cur_key_cmp(c->bmIdx.pb, c->cbBmIdxKey, pbK, cbK);
    if (op == BT_SEEK_EQ) {
        if (cmp != 0) {
            CALL_R(cur_buf_set(&c->bmIdx, pbK, cbK));
            c->cbBmIdxKey = cbK;
            c->loc = CUR_LOC_GAP;
            return ERR_TRAP(JET_errRecordNotFound);
        }
        if (grbit & JET_bitSetIndexRange)
            return cur_set_index_range(c, JET_bitRangeInclusive | JET_bitRangeUpperLimit);
        return JET_errSuccess;
    }
    if ((op == BT_SEEK_GE || op == BT_SEEK_LE) && cmp != 0)
        return JET_wrnSeekNotEqual;
    return JET_errSuccess;
}

/* ============================================================== index ranges ============ */

JET_ERR cur_set_index_range(struct cursor *c, JET_GRBIT grbit)
{
    JET_ERR err;
    if (c->mem)
        return ERR_TRAP(JET_errInvalidOperation);
    CALL_R(cur_sync(c));
    if (grbit & JET_bitRangeRemove) {
        if (!c->fRange)
            return ERR_TRAP(JET_errInvalidOperation);
        c->fRange = false;
        return JET_errSuccess;
    }
    if (!c->btIndex && c->td->pt->iidxPrimary < 0)
        return ERR_TRAP(JET_errNoCurrentIndex);
    if (!c->fKeyPrepared)
        return ERR_TRAP(JET_errKeyNotMade);
    if (c->cbRange < c->cbKey || !c->pbRange) {
        uint8_t *pb = mem_realloc(c->pbRange, c->cbKey ? c->cbKey : 1);
        if (!pb)
            return ERR_TRAP(JET_errOutOfMemory);
        c->pbRange = pb;
    }
    memcpy(c->pbRange, c->pbKey, c->cbKey);
    c->cbRange = c->cbKey;
    c->fRange = true;
    c->fRangeUpper = (grbit & JET_bitRangeUpperLimit) != 0;
    c->fRangeInclusive = (grbit & JET_bitRangeInclusive) != 0;
    c->fKeyPrepared = false;
    /* ESE's ErrDIRCheckIndexRange: the current entry must lie inside */
    if (c->loc == CUR_LOC_DEFER_FIRST) {
        err = cur_nav_first(c);
        if (err < 0)
            c->fRange = false;
    } else if (c->loc != CUR_LOC_ON) {
        err = ERR_TRAP(JET_errNoCurrentRecord);
    } else {
        err = JET_errSuccess;
    }
    if (err >= 0 && !in_range(c)) {
        c->loc = c->fRangeUpper ? CUR_LOC_AFTER_LAST : CUR_LOC_BEFORE_FIRST;
        err = ERR_TRAP(JET_errNoCurrentRecord);
    }
    if (err < 0 || (grbit & JET_bitRangeInstantDuration))
        c->fRange = false;
    return err;
}

/* ============================================================== the current record ====== */

JET_ERR cur_record(struct cursor *c, const uint8_t **ppb, uint32_t *pcb)
{
    JET_ERR err;
    bool fVisible;
    const uint8_t *pbData;
    uint32_t cbData;
    void *pvFree = NULL;

    *ppb = NULL;
    *pcb = 0;
    if (c->mem)
        return cur_mem_record(c, ppb, pcb);
    if (c->fReadBatch && c->fReadBatchRec && c->loc == CUR_LOC_ON) {
        /* read already in this API call (cur_read_batch_begin), which synced the cursor */
        *ppb = c->rec.pb;
        *pcb = c->rec.cb;
        return JET_errSuccess;
    }
    CALL_R(cur_sync(c));
    if (c->loc == CUR_LOC_DEFER_FIRST)
        CALL_R(cur_nav_first(c));
    if (c->loc != CUR_LOC_ON)
        return ERR_TRAP(JET_errNoCurrentRecord);
    if (rec_still_current(c)) {
        /* no page of the database changed since rec was read (cursor.h, fRecPage) */
        c->fReadBatchRec = c->fReadBatch;
        *ppb = c->rec.pb;
        *pcb = c->rec.cb;
        return JET_errSuccess;
    }
    /* read the record again: another cursor (or session) may have changed it */
    err = bt_refresh(c->btPrimary);
    if (err == JET_errNoCurrentRecord) {
        err = bt_seek(c->btPrimary, BT_SEEK_EQ, c->pk.pb, c->pk.cb, NULL, 0, BT_DELETED_TOO);
        if (err == JET_errRecordNotFound)
            err = ERR_TRAP(JET_errRecordDeleted);
    }
    CALL_R(err);
    CALL_R(cur_node_view(c, c->btPrimary, &c->td->descPrimary, &fVisible, &pbData, &cbData, &pvFree));
    if (!fVisible) {
        mem_free(pvFree);
        return ERR_TRAP(JET_errRecordDeleted);
    }
    if (!c->fViewRec || cbData != c->rec.cb || (cbData && memcmp(pbData, c->rec.pb, cbData) != 0)) {
        c->fViewRec = false;
        err = cur_buf_set(&c->rec, pbData, cbData);
    }
    if (err >= 0)
        rec_taken(c, pvFree == NULL);
    else
        c->fRecPage = false;
    mem_free(pvFree);
    CALL_R(err);
    c->fReadBatchRec = c->fReadBatch;
    *ppb = c->rec.pb;
    *pcb = c->rec.cb;
    return JET_errSuccess;
}

void cur_read_batch_begin(struct cursor *c)
{
    c->fReadBatch = true;
    c->fReadBatchRec = false;
}

void cur_read_batch_end(struct cursor *c)
{
    c->fReadBatch = false;
    c->fReadBatchRec = false;
}

/* ============================================================== bookmarks =============== */

JET_ERR cur_bookmark(struct cursor *c, const uint8_t **ppb, uint32_t *pcb)
{
    JET_ERR err;
    *ppb = NULL;
    *pcb = 0;
    if (c->mem)
        return cur_mem_bookmark(c, ppb, pcb);
    CALL_R(cur_sync(c));
    if (c->loc == CUR_LOC_DEFER_FIRST)
        CALL_R(cur_nav_first(c));
    if (c->loc != CUR_LOC_ON)
        return ERR_TRAP(JET_errNoCurrentRecord);
    *ppb = c->pk.pb;
    *pcb = c->pk.cb;
    return JET_errSuccess;
}

JET_ERR cur_index_bookmark(struct cursor *c, const uint8_t **ppbKey, uint32_t *pcbKey, const uint8_t **ppbData,
        uint32_t *pcbData)
{
    JET_ERR err;
    if (c->mem)
        return ERR_TRAP(JET_errNoCurrentIndex);
    CALL_R(cur_sync(c));
    if (!c->btIndex)
        return ERR_TRAP(JET_errNoCurrentIndex);
    CALL_R(cur_check_current(c));
    *ppbKey = c->bmIdx.pb;
    *pcbKey = c->cbBmIdxKey;
    *ppbData = c->idxData.pb;
    *pcbData = c->idxData.cb;
    return JET_errSuccess;
}

/* Separated long values for the key builder. */
struct lv_ctx {
    struct cursor *c;
};
static JET_ERR key_lv_fetch(void *pvCtx, uint64_t lid, uint8_t *pb, uint32_t cbMax, uint32_t *pcbActual)
{
    struct lv_ctx *p = pvCtx;
    return cur_lv_read(p->c, lid, 0, pb, cbMax, pcbActual);
}

struct first_key {
    uint8_t rgb[REC_CB_KEY_MOST_MOST + 1];
    uint32_t cb;
    uint32_t c;
    uint32_t itagWanted;
};
static JET_ERR take_key(void *pvCtx, const uint8_t *pbKey, uint32_t cbKey)
{
    struct first_key *p = pvCtx;
    p->c++;
    if (p->c == p->itagWanted) {
        memcpy(p->rgb, pbKey, MIN(cbKey, (uint32_t)sizeof p->rgb));
        p->cb = MIN(cbKey, (uint32_t)sizeof p->rgb);
    }
    return JET_errSuccess;
}

/* Put the secondary index cursor on the entry the current record (c->rec, c->pk) has in it, the
 * itag-th one (ESE's KeySequence). JET_errNoCurrentRecord when the record has none. */
static JET_ERR index_onto_record(struct cursor *c, uint32_t itag)
{
    JET_ERR err;
    struct rec_view v;
    struct first_key fk;
    struct lv_ctx lc = { c };
    const struct rec_index *pidx = &c->td->pt->rgrecidx[c->iidx];

    memset(&fk, 0, sizeof fk);
    fk.itagWanted = itag ? itag : 1;
    CALL_R(rec_view_init(&v, c->rec.pb, c->rec.cb, c->td->ps->cbPage, 0));
    CALL_R(rec_key_enum_record(pidx, c->td->ps, &v, key_lv_fetch, &lc, take_key, &fk));
    if (fk.c < fk.itagWanted) {
        c->loc = CUR_LOC_BEFORE_FIRST;
        return fk.itagWanted > 1 && fk.c > 0 ? ERR_TRAP(JET_errBadItagSequence) : ERR_TRAP(JET_errNoCurrentRecord);
    }
    const bool fNonUnique = c->td->rgdescIdx[c->iidx].fNonUnique;
    /* the primary key is needed after bt_seek copies the node over c->pk's source: keep it */
    err = bt_seek(c->btIndex, BT_SEEK_EQ, fk.rgb, fk.cb, fNonUnique ? c->pk.pb : NULL, fNonUnique ? c->pk.cb : 0,
                  BT_DELETED_TOO);
    if (err == JET_errRecordNotFound) {
        c->loc = CUR_LOC_BEFORE_FIRST;
        return ERR_TRAP(JET_errNoCurrentRecord);
    }
    CALL_R(err);
    bool fLanded;
    CALL_R(land(c, &fLanded));
    if (!fLanded) {
        c->loc = CUR_LOC_BEFORE_FIRST;
        return ERR_TRAP(JET_errNoCurrentRecord);
    }
    return JET_errSuccess;
}

/* Land on the record with primary key pv/cb (on the primary tree), then on the current
 * secondary index's entry for it (itag-th). */
static JET_ERR goto_record(struct cursor *c, const void *pv, uint32_t cb, uint32_t itag)
{
    JET_ERR err;
    bool fVisible;
    const uint8_t *pbData;
    uint32_t cbData;
    void *pvFree = NULL;

    CALL_R(cur_buf_set(&c->pk, pv, cb));
    err = bt_seek(c->btPrimary, BT_SEEK_EQ, c->pk.pb, c->pk.cb, NULL, 0, BT_DELETED_TOO);
    if (err == JET_errRecordNotFound)
        return ERR_TRAP(JET_errRecordDeleted);
    CALL_R(err);
    CALL_R(cur_node_view(c, c->btPrimary, &c->td->descPrimary, &fVisible, &pbData, &cbData, &pvFree));
    if (!fVisible) {
        mem_free(pvFree);
        return ERR_TRAP(JET_errRecordDeleted);
    }
    c->fViewRec = false;
    err = cur_buf_set(&c->rec, pbData, cbData);
    rec_taken(c, err >= 0 && pvFree == NULL);
    mem_free(pvFree);
    CALL_R(err);
    if (!c->btIndex) {
        CALL_R(cur_buf_set(&c->bmIdx, c->pk.pb, c->pk.cb));
        c->cbBmIdxKey = c->pk.cb;
        c->loc = CUR_LOC_ON;
        return JET_errSuccess;
    }
    return index_onto_record(c, itag);
}

JET_ERR cur_goto_bookmark_itag(struct cursor *c, const void *pvBm, uint32_t cbBm, uint32_t itag)
{
    JET_ERR err;
    if (!pvBm || cbBm == 0)
        return ERR_TRAP(JET_errInvalidBookmark);
    if (c->mem)
        return cur_mem_goto_bookmark(c, pvBm, cbBm);
    CALL_R(cur_sync(c));
    cur_cancel_update(c);
    cur_range_reset(c);
    c->fKeyPrepared = false;
    return goto_record(c, pvBm, cbBm, itag ? itag : 1);
}

JET_ERR cur_goto_bookmark(struct cursor *c, const void *pvBm, uint32_t cbBm)
{
    return cur_goto_bookmark_itag(c, pvBm, cbBm, 1);
}

JET_ERR cur_goto_index_bookmark(struct cursor *c, const void *pvKey, uint32_t cbKey, const void *pvData,
        uint32_t cbData, JET_GRBIT grbit)
{
    JET_ERR err;
    if (c->mem)
        return ERR_TRAP(JET_errNoCurrentIndex);
    CALL_R(cur_sync(c));
    if (!c->btIndex)
        return ERR_TRAP(JET_errNoCurrentIndex);
    if (!pvKey || cbKey == 0)
        return ERR_TRAP(JET_errInvalidBookmark);
    const bool fNonUnique = c->td->rgdescIdx[c->iidx].fNonUnique;
    if (fNonUnique && (!pvData || cbData == 0))
        return ERR_TRAP(JET_errInvalidBookmark);
    cur_cancel_update(c);
    cur_range_reset(c);
    c->fKeyPrepared = false;
    /* keep copies: the btree calls below overwrite the cursor's buffers */
    uint8_t *pb = mem_alloc((size_t)cbKey + (fNonUnique ? cbData : 0) + 1);
    if (!pb)
        return ERR_TRAP(JET_errOutOfMemory);
    memcpy(pb, pvKey, cbKey);
    if (fNonUnique)
        memcpy(pb + cbKey, pvData, cbData);
    err = bt_seek(c->btIndex, BT_SEEK_EQ, pb, cbKey, fNonUnique ? pb + cbKey : NULL, fNonUnique ? cbData : 0,
                  BT_DELETED_TOO);
    bool fLanded = false;
    if (err >= 0)
        err = land(c, &fLanded);
    if (err >= 0 && !fLanded)
        err = ERR_TRAP(JET_errRecordDeleted);
    if (err == JET_errRecordNotFound)
        err = ERR_TRAP(JET_errRecordDeleted);
    if (err == JET_errRecordDeleted && (grbit & JET_bitBookmarkPermitVirtualCurrency)) {
        /* virtual currency at the bookmark: moves go to its neighbours */
        JET_ERR errT = cur_buf_set(&c->bmIdx, pb, cbKey);
        if (errT >= 0) {
            c->cbBmIdxKey = cbKey;
            c->loc = CUR_LOC_GAP;
        }
    }
    mem_free(pb);
    return err;
}

JET_ERR cur_check_not_in_conflict(struct cursor *c)
{
    JET_ERR err;
    if (c->mem)
        return c->loc == CUR_LOC_ON ? JET_errSuccess : ERR_TRAP(JET_errNoCurrentRecord);
    CALL_R(cur_sync(c));
    if (c->loc != CUR_LOC_ON)
        return ERR_TRAP(JET_errNoCurrentRecord);
    CALL_R(cur_check_current(c));
    struct ver_store *vs = c->pt->cdb->vs;
    if (!vs || !c->pactor || !(bt_node_flags(c->btPrimary) & PAGE_NODE_VERSIONED))
        return JET_errSuccess;
    uint32_t cbKey;
    const uint8_t *pbKey = bt_key(c->btPrimary, &cbKey);
    const struct ver_node_id id = { .dbid = c->pt->cdb->dbid, .pgnoFDP = c->td->descPrimary.pgnoFDP,
                                    .pvKey = pbKey, .cbKey = cbKey };
    return ver_store_check_write(vs, &id, c->pactor);
}

/* ============================================================== positions and counts ==== */

/* JetIndexRecordCount: walk the navigated tree with a private btree cursor from the current
 * entry, counting what the reader sees up to the range's end, at most cMax (0: all). */
static JET_ERR walk_count(struct cursor *c, uint64_t cMax, uint64_t *pcTotal)
{
    JET_ERR err;
    struct bt_cursor *bt = NULL;
    const struct bt_tree_desc *pd = cur_nav_desc(c);
    *pcTotal = 0;
    CALL_R(bt_open(c->pt->cdb->btdb, pd, &bt));
    err = bt_seek(bt, BT_SEEK_GE, c->bmIdx.pb, c->cbBmIdxKey, pd->fNonUnique ? c->bmIdx.pb + c->cbBmIdxKey : NULL,
                  c->bmIdx.cb - c->cbBmIdxKey, BT_DELETED_TOO);
    for (; err >= 0; err = bt_move_next(bt, BT_DELETED_TOO)) {
        bool fVisible;
        const uint8_t *pbData;
        uint32_t cbData, cbKey;
        void *pvFree = NULL;
        CALL(cur_node_view(c, bt, pd, &fVisible, &pbData, &cbData, &pvFree));
        mem_free(pvFree);
        if (!fVisible)
            continue;
        const uint8_t *pbKey = bt_key(bt, &cbKey);
        if (c->fRange && c->fRangeUpper) {
            const int cmp = cur_key_cmp(pbKey, cbKey, c->pbRange, c->cbRange);
            if (cmp > 0 || (cmp == 0 && !c->fRangeInclusive))
                break;
        }
        (*pcTotal)++;
        if (cMax && *pcTotal >= cMax)
            break;
    }
    if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound)
        err = JET_errSuccess;
out:
    bt_close(bt);
    return err;
}

JET_ERR cur_position(struct cursor *c, uint64_t *pcLT, uint64_t *pcTotal)
{
    JET_ERR err;
    if (c->mem)
        return cur_mem_position(c, pcLT, pcTotal);
    CALL_R(cur_sync(c));
    if (c->loc == CUR_LOC_DEFER_FIRST)
        CALL_R(cur_nav_first(c));
    if (c->loc != CUR_LOC_ON)
        return ERR_TRAP(JET_errNoCurrentRecord);
    const struct bt_tree_desc *pd = cur_nav_desc(c);
    const uint8_t *pbData = pd->fNonUnique ? c->bmIdx.pb + c->cbBmIdxKey : NULL;
    const uint32_t cbData = pd->fNonUnique ? c->bmIdx.cb - c->cbBmIdxKey : 0;
    return bt_position(cur_nav_bt(c), c->bmIdx.pb, c->cbBmIdxKey, pbData, cbData, pcLT, pcTotal);
}

JET_ERR cur_goto_position(struct cursor *c, uint64_t cLT, uint64_t cTotal)
{
    JET_ERR err;
    if (c->mem)
        return cur_mem_goto_position(c, cLT, cTotal);
    CALL_R(cur_sync(c));
    if (cTotal == 0 || cLT > cTotal)
        return ERR_TRAP(JET_errInvalidParameter);
    cur_cancel_update(c);
    cur_range_reset(c);
    /* ESE's ErrDIRGotoPosition lands on a node; one this reader does not see gives way to the
     * next one it sees, else the one before (none at all: an empty index). */
    c->loc = CUR_LOC_BEFORE_FIRST;
    err = bt_goto_fraction(cur_nav_bt(c), cLT, cTotal);
    if (err == JET_errRecordNotFound)
        return ERR_TRAP(JET_errRecordNotFound);
    CALL_R(err);
    err = step(c, true, NULL, 0, true);
    if (err == JET_errNoCurrentRecord) {
        CALL_R(bt_goto_fraction(cur_nav_bt(c), cLT, cTotal));
        err = step(c, false, NULL, 0, true);
    }
    if (err == JET_errNoCurrentRecord) {
        c->loc = CUR_LOC_BEFORE_FIRST;
        return ERR_TRAP(JET_errRecordNotFound);
    }
    return err;
}

JET_ERR cur_count(struct cursor *c, uint64_t cMax, uint64_t *pc)
{
    JET_ERR err;
    *pc = 0;
    if (c->mem)
        return cur_mem_count(c, cMax, pc);
    CALL_R(cur_sync(c));
    if (c->loc == CUR_LOC_DEFER_FIRST) {
        /* A cursor not yet moved counts from the first entry, and an empty index counts 0
         * (ESE's ErrDIRIndexRecordCount; Windows before Vista said JET_errNoCurrentRecord). */
        err = cur_nav_first(c);
        if (err == JET_errNoCurrentRecord)
            return JET_errSuccess;
        CALL_R(err);
    }
    if (c->loc != CUR_LOC_ON)
        return ERR_TRAP(JET_errNoCurrentRecord);
    return walk_count(c, cMax, pc);
}
