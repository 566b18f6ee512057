/* SPDX-License-Identifier: MIT
 * isam/isam_node.c: record-level changes inside transactions, and their undo. Layer: isam.
 *
 * Every change to a node of a tree made for a transaction (insert, replace, flag-delete) goes
 * through here: the node's state before the change becomes an undo payload (isam_logrec.h) that
 * rides in the change's log record and is kept in memory by ver/ until the transaction ends.
 * Undo restores that state by key (src/README.md "Transactions: logical undo") and is itself
 * logged, as a compensation that points past the change it undid. */
#include "isam_db.h"
#include "isam_logrec.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

/* Extra flag of the payload: the change kept the node's data, so undo restores only flags. */
#define ISAM_UNDO_KEEP_DATA 0x08

struct undo_build {
    struct isam_undo_hdr hdr;
    const void *pvKey;
    uint32_t cbKey;
    const void *pvIdentity;
    uint32_t cbIdentity;
    const void *pvPrev;
    uint32_t cbPrev;
};

static uint8_t *undo_serialize(const struct undo_build *u, size_t *pcb)
{
    size_t cb = sizeof u->hdr + u->cbKey + u->cbIdentity + u->cbPrev;
    uint8_t *p = mem_alloc(cb);
    if (!p) return NULL;
    memcpy(p, &u->hdr, sizeof u->hdr);
    size_t ib = sizeof u->hdr;
    if (u->cbKey) memcpy(p + ib, u->pvKey, u->cbKey);
    ib += u->cbKey;
    if (u->cbIdentity) memcpy(p + ib, u->pvIdentity, u->cbIdentity);
    ib += u->cbIdentity;
    if (u->cbPrev) memcpy(p + ib, u->pvPrev, u->cbPrev);
    *pcb = cb;
    return p;
}

static void undo_header(struct undo_build *u, struct isam_session *sess, const struct isam_tree *t, uint8_t flags)
{
    memset(u, 0, sizeof *u);
    le64_put(&u->hdr.trxid, sess->trxid);
    le64_put(&u->hdr.lsnPrev, sess->lsnTrxLast);
    le32_put(&u->hdr.dbid, t->db->dbid);
    le32_put(&u->hdr.pgnoFDP, t->desc.pgnoFDP);
    le32_put(&u->hdr.objid, t->desc.objid);
    u->hdr.type = (uint8_t)t->desc.type;
    u->hdr.flags = flags | (t->desc.fNonUnique ? ISAM_UNDO_NON_UNIQUE : 0);
    le16_put(&u->hdr.cbKeyMost, (uint16_t)t->desc.cbKeyMost);
}

/* At the transaction's first change: its id, and a lower bound of its first record's LSN, stored
 * before that record is appended. A checkpoint that reads the bound as 0 therefore knows the
 * record will come after the log end it read (both go through the log's lock; the store and the
 * checkpoint's load are sequentially consistent), and one that reads it starts redo no later
 * than the record: recovery always sees every record of a transaction open at its checkpoint,
 * and its end if it ended. */
static void trx_ensure_id(struct isam_session *sess)
{
    if (sess->trxid) return;
    __atomic_store_n(&sess->trxid, __atomic_add_fetch(&sess->inst->trxidNext, 1, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
    lsn_t lsnBound = sess->inst->log ? log_end_lsn(sess->inst->log) : 1;
    __atomic_store_n(&sess->lsnTrxFirst, lsnBound ? lsnBound : 1, __ATOMIC_SEQ_CST);
}

/* Record the entry in the transaction (before the change, so a full version store refuses the
 * change rather than leaving it without undo); *ppentryLsn is where to put the change's LSN. */
static JET_ERR trx_remember(struct isam_session *sess, const uint8_t *pv, size_t cb)
{
    return ver_push(&sess->trx, pv, cb, 0);
}

/* After the change: chain it into the transaction. */
static void trx_changed(struct isam_session *sess, lsn_t lsn)
{
    sess->trx.top->lsn = lsn;
    __atomic_store_n(&sess->lsnTrxLast, lsn, __ATOMIC_RELEASE);
}

/* The change failed: forget its entry. */
static void trx_forget(struct isam_session *sess)
{
    ver_drop_top(&sess->trx);
}

/* ---- versions (ver_store.h) ----
 * A change is registered against its undo entry, after the entry is pushed and before the page
 * changes. Our cursors hold no latch between calls, so the before-image is read before the
 * registration: another writer's rollback may put an older state back in between. So the
 * version is registered pending (it stops every other writer, readers ignore it), the node is
 * read again, and only if it is what the version says is the version confirmed; otherwise it is
 * dropped and the change starts over (ESE registers under the latch instead). */
#define VER_RETRIES 8

static struct ver_node_id node_id(const struct isam_tree *t, const void *pvKey, uint32_t cbKey, const void *pvData,
                                  uint32_t cbData)
{
    struct ver_node_id id = {
        .dbid = t->db->dbid, .pgnoFDP = t->desc.pgnoFDP, .pvKey = pvKey, .cbKey = cbKey,
        .pvData = t->desc.fNonUnique ? pvData : NULL, .cbData = t->desc.fNonUnique ? cbData : 0,
        .objid = t->desc.objid, .treeInfo = isam_ver_tree_info(&t->desc),
    };
    return id;
}

/* The node's state as a registration saw it. */
struct node_state {
    bool fExists;
    uint8_t flags;
    const uint8_t *pb;
    uint32_t cb;
};

static bool same_state(const struct node_state *a, bool fExists, uint8_t flags, const uint8_t *pb, uint32_t cb)
{
    if (a->fExists != fExists) return false;
    if (!fExists) return true;
    return (a->flags & PAGE_NODE_DELETED) == (flags & PAGE_NODE_DELETED) && a->cb == cb && (cb == 0 || memcmp(a->pb, pb, cb) == 0);
}

/* Make sure the current node carries PAGE_NODE_VERSIONED (readers ask the store only then).
 * The bit is not part of the transaction: it may stay after the versions are gone. */
static JET_ERR ensure_versioned(struct bt_cursor *c)
{
    if (bt_node_flags(c) & PAGE_NODE_VERSIONED) return JET_errSuccess;
    return bt_set_flags(c, PAGE_NODE_VERSIONED, 0, BT_NO_UNDO);
}

JET_ERR isam_node_insert(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t,
                         const void *pvKey, uint32_t cbKey, const void *pvData, uint32_t cbData)
{
    JET_ERR err;
    struct undo_build u;
    uint8_t *payload = NULL, *prev = NULL;
    size_t cbPayload = 0;
    struct ver_store *vs = sess->trx.vs;
    const struct ver_node_id id = node_id(t, pvKey, cbKey, pvData, cbData);

    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    if (UNLIKELY(sess->fSortInsert) && t->db->dbid == 0)
        return bt_insert(c, pvKey, cbKey, pvData, cbData, 0, BT_NO_UNDO);     /* isam_temp.c */
    trx_ensure_id(sess);
    for (int attempt = 0;; attempt++) {
        struct node_state st = { false, 0, NULL, 0 };
        mem_free(prev);
        mem_free(payload);
        prev = payload = NULL;
        undo_header(&u, sess, t, 0);
        u.pvKey = pvKey;
        u.cbKey = cbKey;
        le16_put(&u.hdr.cbKey, (uint16_t)cbKey);
        if (t->desc.fNonUnique) {
            u.pvIdentity = pvData;
            u.cbIdentity = cbData;
            le32_put(&u.hdr.cbIdentity, cbData);
        }
        /* A flag-deleted node of the same name is reused by the insert: undo must bring it back. */
        err = bt_seek(c, BT_SEEK_EQ, pvKey, cbKey, t->desc.fNonUnique ? pvData : NULL, t->desc.fNonUnique ? cbData : 0,
                      BT_DELETED_TOO);
        if (err >= 0) {
            uint32_t cbPrev;
            const uint8_t *pbPrev = bt_data(c, &cbPrev);
            u.hdr.flags |= ISAM_UNDO_EXISTED;
            u.hdr.prevNodeFlags = bt_node_flags(c);
            prev = mem_alloc(cbPrev ? cbPrev : 1);
            if (!prev) FAIL(JET_errOutOfMemory);
            memcpy(prev, pbPrev, cbPrev);
            st = (struct node_state){ true, u.hdr.prevNodeFlags, prev, cbPrev };
            if (!t->desc.fNonUnique) {
                u.pvPrev = prev;
                u.cbPrev = cbPrev;
                le32_put(&u.hdr.cbPrevData, cbPrev);
            }
        } else if (err != JET_errRecordNotFound) {
            goto out;
        }
        payload = undo_serialize(&u, &cbPayload);
        if (!payload) FAIL(JET_errOutOfMemory);
        CALL(trx_remember(sess, payload, cbPayload));
        if (!vs) break;
        /* A live node: the insert will fail with JET_errKeyDuplicate; registering first still
         * reports another writer's uncommitted node as the write conflict it is. */
        const bool fRevived = st.fExists && (st.flags & PAGE_NODE_DELETED);
        err = ver_store_changed_pending(vs, &id, &sess->trx, VER_CHANGE_INSERT, fRevived, st.pb, st.cb);
        if (err < 0) {
            trx_forget(sess);
            /* ESE: an insert never reports a write conflict; another transaction's node of
             * that name, committed or not, is a duplicate key. */
            if (err == JET_errWriteConflict) err = ERR_TRAP(JET_errKeyDuplicate);
            goto out;
        }
        err = bt_seek(c, BT_SEEK_EQ, pvKey, cbKey, t->desc.fNonUnique ? pvData : NULL, t->desc.fNonUnique ? cbData : 0,
                      BT_DELETED_TOO);
        if (err < 0 && err != JET_errRecordNotFound) {
            trx_forget(sess);
            goto out;
        }
        uint32_t cbNow = 0;
        const uint8_t *pbNow = err >= 0 ? bt_data(c, &cbNow) : NULL;
        if (same_state(&st, err >= 0, err >= 0 ? bt_node_flags(c) : 0, pbNow, cbNow)) {
            ver_store_confirm(&sess->trx);
            break;
        }
        trx_forget(sess);
        if (attempt == VER_RETRIES) FAIL(JET_errKeyDuplicate);
    }
    struct bt_undo undo = { payload, cbPayload };
    err = bt_insert(c, pvKey, cbKey, pvData, cbData, vs ? PAGE_NODE_VERSIONED : 0, &undo);
    if (err < 0) {
        trx_forget(sess);
        goto out;
    }
    trx_changed(sess, bt_last_lsn(c));
out:
    mem_free(prev);
    mem_free(payload);
    return err;
}

/* Shared by replace and flag-delete: the current node is changed.
 *
 * A replace holds the node's delta lock (isam_ver_delta_lock) from its read of the before image
 * to its write: an escrow delta without a version registers nothing a replace could see, and
 * writes the whole node back, so without the lock it could write back the data it read before
 * the replace (the replace lost) or the replace could keep a before image without the delta
 * (the delta lost on a rollback, though it came first). ESE gets the same from the page's write
 * latch, which both hold across their read and write (ErrBTReplace, ErrBTDelta). A flag-delete
 * leaves the data alone (bt_replace keeps the node's flags), so it takes no lock. */
static JET_ERR change_current(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t,
                              bool fKeepData, const void *pvData, uint32_t cbData, bool fDelete)
{
    JET_ERR err = JET_errSuccess;
    struct undo_build u;
    uint8_t *payload = NULL, *cur = NULL;
    size_t cbPayload = 0;
    uint32_t cbKey, cbCur;
    struct ver_store *vs = sess->trx.vs;
    struct os_mutex *mu = NULL;

    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    trx_ensure_id(sess);
    if (vs && !fKeepData) {
        CALL_R(bt_refresh(c));
        const uint8_t *pbKeyLock = bt_key(c, &cbKey);
        mu = isam_ver_delta_lock(sess->inst, pbKeyLock, cbKey);
        os_mutex_lock(mu);
    }
    for (int attempt = 0;; attempt++) {
        mem_free(payload);
        mem_free(cur);
        payload = cur = NULL;
        CALL(bt_refresh(c));
        if (vs) CALL(ensure_versioned(c));
        const uint8_t *pbKey = bt_key(c, &cbKey);
        const uint8_t *pbCur = bt_data(c, &cbCur);
        const uint8_t flags = bt_node_flags(c);
        cur = mem_alloc(cbCur ? cbCur : 1);
        if (!cur) FAIL(JET_errOutOfMemory);
        memcpy(cur, pbCur, cbCur);
        undo_header(&u, sess, t, ISAM_UNDO_EXISTED | (fKeepData ? ISAM_UNDO_KEEP_DATA : 0));
        u.hdr.prevNodeFlags = flags;
        u.pvKey = pbKey;
        u.cbKey = cbKey;
        le16_put(&u.hdr.cbKey, (uint16_t)cbKey);
        if (t->desc.fNonUnique) {
            u.pvIdentity = cur;
            u.cbIdentity = cbCur;
            le32_put(&u.hdr.cbIdentity, cbCur);
        } else if (!fKeepData) {
            u.pvPrev = cur;
            u.cbPrev = cbCur;
            le32_put(&u.hdr.cbPrevData, cbCur);
        }
        payload = undo_serialize(&u, &cbPayload);
        if (!payload) FAIL(JET_errOutOfMemory);
        CALL(trx_remember(sess, payload, cbPayload));
        if (!vs) break;
        const struct ver_node_id id = node_id(t, payload + sizeof u.hdr, cbKey, cur, cbCur);
        err = ver_store_changed_pending(vs, &id, &sess->trx, fDelete ? VER_CHANGE_DELETE : VER_CHANGE_REPLACE, false, cur,
                                        cbCur);
        if (err < 0) {
            trx_forget(sess);
            goto out;
        }
        err = bt_refresh(c);
        if (err < 0) {
            trx_forget(sess);
            goto out;
        }
        const struct node_state st = { true, flags, cur, cbCur };
        uint32_t cbNow;
        const uint8_t *pbNow = bt_data(c, &cbNow);
        const uint8_t flagsNow = bt_node_flags(c);
        if (same_state(&st, true, flagsNow, pbNow, cbNow) && (flagsNow & PAGE_NODE_VERSIONED)) {
            ver_store_confirm(&sess->trx);
            break;
        }
        trx_forget(sess);
        if (attempt == VER_RETRIES) FAIL(JET_errWriteConflict);
    }
    struct bt_undo undo = { payload, cbPayload };
    err = fDelete ? bt_flag_delete(c, &undo) : bt_replace(c, pvData, cbData, &undo);
    if (err < 0) {
        trx_forget(sess);
        goto out;
    }
    trx_changed(sess, bt_last_lsn(c));
out:
    if (mu) os_mutex_unlock(mu);
    mem_free(payload);
    mem_free(cur);
    return err;
}

JET_ERR isam_node_replace(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t,
                          const void *pvData, uint32_t cbData)
{
    if (t->desc.fNonUnique) return ERR_TRAP(JET_errInvalidOperation);   /* data names the node */
    return change_current(sess, c, t, false, pvData, cbData, false);
}

JET_ERR isam_node_flag_delete(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t)
{
    return change_current(sess, c, t, true, NULL, 0, true);
}

JET_ERR isam_node_lock(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t, bool fWrite)
{
    JET_ERR err;
    struct ver_store *vs = sess->trx.vs;
    uint32_t cbKey, cbData;

    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    CALL_R(bt_refresh(c));
    if (!vs) return JET_errSuccess;
    CALL_R(ensure_versioned(c));
    const uint8_t *pbKey = bt_key(c, &cbKey);
    const uint8_t *pbData = bt_data(c, &cbData);
    const struct ver_node_id id = node_id(t, pbKey, cbKey, pbData, cbData);
    CALL_R(ver_push(&sess->trx, NULL, 0, 0));      /* no payload: nothing to undo */
    err = ver_store_changed(vs, &id, &sess->trx, fWrite ? VER_CHANGE_WRITE_LOCK : VER_CHANGE_READ_LOCK, false, NULL, 0);
    if (err < 0) trx_forget(sess);
    return err;
}

/* ---- undo ---- */

struct undo_view {
    struct isam_undo_hdr hdr;
    const uint8_t *pbKey, *pbIdentity, *pbPrev;
    uint32_t cbKey, cbIdentity, cbPrev;
};

/* Payloads come from the log too: untrusted, every length checked. */
static JET_ERR undo_parse(const void *pv, size_t cb, struct undo_view *v)
{
    if (cb < sizeof v->hdr) return ERR_TRAP(JET_errLogFileCorrupt);
    memcpy(&v->hdr, pv, sizeof v->hdr);
    v->cbKey = le16_get(&v->hdr.cbKey);
    v->cbIdentity = le32_get(&v->hdr.cbIdentity);
    v->cbPrev = le32_get(&v->hdr.cbPrevData);
    size_t need = sizeof v->hdr + (size_t)v->cbKey + v->cbIdentity + v->cbPrev;
    if (need != cb || v->hdr.type > BT_TYPE_LV) return ERR_TRAP(JET_errLogFileCorrupt);
    const uint8_t *p = (const uint8_t *)pv + sizeof v->hdr;
    v->pbKey = p;
    v->pbIdentity = p + v->cbKey;
    v->pbPrev = p + v->cbKey + v->cbIdentity;
    return JET_errSuccess;
}

bool isam_undo_describe(const void *pv, size_t cb, uint64_t *ptrxid, lsn_t *plsnPrev, lsn_t *plsnUndoNext, bool *pfClr)
{
    struct undo_view v = { 0 };
    if (undo_parse(pv, cb, &v) < 0) return false;
    *ptrxid = le64_get(&v.hdr.trxid);
    *plsnPrev = le64_get(&v.hdr.lsnPrev);
    *plsnUndoNext = le64_get(&v.hdr.lsnUndoNext);
    *pfClr = (v.hdr.flags & ISAM_UNDO_CLR) != 0;
    return true;
}

static JET_ERR undo_fdp(struct isam_db *db, const struct undo_view *v, lsn_t *plsnChain);
static JET_ERR undo_delta(struct isam_db *db, const struct undo_view *v, lsn_t *plsnChain);

JET_ERR isam_undo_apply(struct isam_instance *inst, const void *pv, size_t cb, lsn_t *plsnChain)
{
    JET_ERR err;
    struct undo_view v = { 0 };
    struct bt_cursor *c = NULL;

    CALL_R(undo_parse(pv, cb, &v));
    if (v.hdr.flags & ISAM_UNDO_CLR) return JET_errSuccess;   /* compensations are never undone */
    struct isam_db *db = isam_db_get(inst, le32_get(&v.hdr.dbid));
    /* A restore replays only the databases it restores: the others' changes are not undone. */
    if (!db) return inst->restore ? JET_errSuccess : ERR_TRAP(JET_errDatabaseCorrupted);
    if (v.hdr.flags & ISAM_UNDO_FDP) return undo_fdp(db, &v, plsnChain);
    if (v.hdr.flags & ISAM_UNDO_DELTA) {
        /* Serialised with other deltas' read-modify-write of the node (isam_node_delta). A
         * restore undoes without a JetInit: the locks are made on first use then. */
        isam_ver_init_locks(inst);
        struct os_mutex *mu = isam_ver_delta_lock(inst, v.pbKey, v.cbKey);
        os_mutex_lock(mu);
        err = undo_delta(db, &v, plsnChain);
        os_mutex_unlock(mu);
        return err;
    }
    struct bt_tree_desc desc = {
        .pgnoFDP = le32_get(&v.hdr.pgnoFDP), .objid = le32_get(&v.hdr.objid),
        .type = (enum bt_type)v.hdr.type, .fNonUnique = (v.hdr.flags & ISAM_UNDO_NON_UNIQUE) != 0,
        .cbKeyMost = le16_get(&v.hdr.cbKeyMost),
    };
    /* Putting data back is serialised with the escrow deltas' read-modify-write of the node, as
     * the replace it undoes was (change_current): a delta without a version that read the node
     * before this undo would otherwise write the undone data back. */
    struct os_mutex *mu = NULL;
    if (!desc.fNonUnique && (v.hdr.flags & ISAM_UNDO_EXISTED) && !(v.hdr.flags & ISAM_UNDO_KEEP_DATA)) {
        isam_ver_init_locks(inst);
        mu = isam_ver_delta_lock(inst, v.pbKey, v.cbKey);
        os_mutex_lock(mu);
    }
    CALL(bt_open(db->btdb, &desc, &c));

    /* The compensation: same transaction, chained after its current last record, and pointing
     * at the record before the one undone. */
    struct isam_undo_hdr clr = v.hdr;
    clr.flags = ISAM_UNDO_CLR | (v.hdr.flags & ISAM_UNDO_NON_UNIQUE);
    le64_put(&clr.lsnPrev, *plsnChain);
    le64_put(&clr.lsnUndoNext, le64_get(&v.hdr.lsnPrev));
    le16_put(&clr.cbKey, 0);
    le32_put(&clr.cbIdentity, 0);
    le32_put(&clr.cbPrevData, 0);
    struct bt_undo undo = { &clr, sizeof clr };

    err = bt_seek(c, BT_SEEK_EQ, v.pbKey, v.cbKey, desc.fNonUnique ? v.pbIdentity : NULL, desc.fNonUnique ? v.cbIdentity : 0,
                  BT_DELETED_TOO);
    bool fFound = err >= 0;
    if (!fFound && err != JET_errRecordNotFound) goto out;
    err = JET_errSuccess;
    if (!(v.hdr.flags & ISAM_UNDO_EXISTED)) {
        /* The change created the node: remove it. Already gone: undone before (idempotent). */
        if (fFound) {
            CALL(bt_delete(c, &undo));
            *plsnChain = bt_last_lsn(c);
        }
    } else if (!fFound) {
        /* Cannot happen with our operations (none removes a node a transaction still needs), but
         * putting it back is the right repair. */
        const void *pvData = desc.fNonUnique ? v.pbIdentity : v.pbPrev;
        uint32_t cbData = desc.fNonUnique ? v.cbIdentity : v.cbPrev;
        CALL(bt_insert(c, v.pbKey, v.cbKey, pvData, cbData, v.hdr.prevNodeFlags, &undo));
        *plsnChain = bt_last_lsn(c);
    } else {
        if (!desc.fNonUnique && !(v.hdr.flags & ISAM_UNDO_KEEP_DATA)) {
            CALL(bt_replace(c, v.pbPrev, v.cbPrev, &undo));
            *plsnChain = bt_last_lsn(c);
        }
        uint8_t cur = bt_node_flags(c), want = v.hdr.prevNodeFlags;
        if (cur != want) {
            CALL(bt_set_flags(c, (uint8_t)(want & ~cur), (uint8_t)(cur & ~want), &undo));
            *plsnChain = bt_last_lsn(c);
        }
    }
out:
    bt_close(c);
    if (mu) os_mutex_unlock(mu);
    return err;
}

/* ---- node operations of their own kind (DDL and escrow: isam_ddl*.c, isam_update*.c) ---------- */

/* The compensation record of an undo that changed no node through a cursor (an FDP given back):
 * an mtr with no page, carrying only the payload, so the transaction's chain and recovery's
 * undo-next see it like any compensation. */
static JET_ERR log_clr(struct isam_db *db, const struct isam_undo_hdr *phdr, lsn_t *plsnChain)
{
    struct isam_undo_hdr clr = *phdr;
    struct mtr m;
    lsn_t lsn = LSN_NONE;
    clr.flags = ISAM_UNDO_CLR;
    le64_put(&clr.lsnPrev, *plsnChain);
    le64_put(&clr.lsnUndoNext, le64_get(&phdr->lsnPrev));
    le16_put(&clr.cbKey, 0);
    le32_put(&clr.cbIdentity, 0);
    le32_put(&clr.cbPrevData, 0);
    mtr_begin(&m, db->cfile);
    mtr_set_undo(&m, &clr, sizeof clr);
    JET_ERR err = mtr_commit(&m, &lsn);
    if (err >= 0 && lsn != LSN_NONE) *plsnChain = lsn;
    return err;
}

JET_ERR isam_node_create_fdp(struct isam_session *sess, struct isam_db *db, uint32_t pgnoParent, uint32_t cpg,
                             uint32_t objid, uint32_t fTypeFlags, bool fMultiple, uint32_t *ppgnoFDP)
{
    JET_ERR err = JET_errSuccess;
    struct space_db *sdb = &db->sdb;

    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    if (cpg == 0 || (fMultiple && cpg < SPACE_CPG_MULTIPLE_MIN) || (!fMultiple && cpg > SPACE_CPG_SINGLE_MAX))
        return ERR_TRAP(JET_errInvalidParameter);
    trx_ensure_id(sess);
    for (uint32_t attempt = 0; attempt < 32; attempt++) {
        struct mtr m;
        uint32_t pgnoFirst = 0, cpgGot = 0;
        bool fPushed = false;
        /* The undo payload (mtr_set_undo keeps a pointer until the commit). */
        struct {
            struct isam_undo_hdr hdr;
            le32 pgnoParent;
        } u;
        CALL_R(space_prepare(sdb, pgnoParent, cpg, true, 0));
        mtr_begin(&m, sdb->file);
        err = space_alloc_extent(&m, sdb, pgnoParent, cpg, cpg, &pgnoFirst, &cpgGot);
        if (err >= 0) {
            const struct space_fdp_create c = {
                .pgnoFDP = pgnoFirst, .cpg = cpgGot, .pgnoParent = pgnoParent, .objid = objid,
                .fTypeFlags = fTypeFlags, .fMultiple = fMultiple,
            };
            err = space_create_fdp(&m, sdb, &c);
        }
        if (err >= 0) {
            /* The undo rides in the creating mtr itself: the FDP never exists in the log
             * without the record that gives it back. */
            memset(&u, 0, sizeof u);
            le64_put(&u.hdr.trxid, sess->trxid);
            le64_put(&u.hdr.lsnPrev, sess->lsnTrxLast);
            le32_put(&u.hdr.dbid, db->dbid);
            le32_put(&u.hdr.pgnoFDP, pgnoFirst);
            le32_put(&u.hdr.objid, objid);
            u.hdr.type = (uint8_t)((fTypeFlags & PAGE_FLAG_LONG_VALUE) ? BT_TYPE_LV
                                   : (fTypeFlags & PAGE_FLAG_INDEX) ? BT_TYPE_INDEX : BT_TYPE_PRIMARY);
            u.hdr.flags = ISAM_UNDO_FDP;
            le32_put(&u.hdr.cbPrevData, sizeof u.pgnoParent);
            le32_put(&u.pgnoParent, pgnoParent);
            err = trx_remember(sess, (const uint8_t *)&u, sizeof u);
            if (err >= 0) {
                fPushed = true;
                mtr_set_undo(&m, &u, sizeof u);
            }
        }
        if (err >= 0) {
            lsn_t lsn = LSN_NONE;
            err = mtr_commit(&m, &lsn);
            if (err >= 0) {
                trx_changed(sess, lsn);
                *ppgnoFDP = pgnoFirst;
                return JET_errSuccess;
            }
        } else {
            mtr_abort(&m);
        }
        if (fPushed) trx_forget(sess);
        if (err == ERR_SPACE_RETRY) continue;
        return err;
    }
    return ERR_TRAP(JET_errOutOfDatabaseSpace);
}

/* Undo of an FDP's creation: give its extents back, unless that was done already (a crash
 * between the freeing and its compensation record): the root is then no longer the root of
 * that objid (freed, or reused by another FDP with another objid). */
static JET_ERR undo_fdp(struct isam_db *db, const struct undo_view *v, lsn_t *plsnChain)
{
    JET_ERR err;
    const uint32_t pgnoFDP = le32_get(&v->hdr.pgnoFDP), objid = le32_get(&v->hdr.objid);
    struct page_ref ref;
    bool fLive = false;
    if (pgnoFDP > SPACE_PGNO_DB_ROOT && pgnoFDP <= cache_file_cpg(db->cfile)) {
        CALL_R(cache_get(db->cfile, pgnoFDP, CACHE_LATCH_SHARED, 0, &ref));
        const struct page_view pv = page_view_make(ref.buf, db->cbPage, pgnoFDP);
        fLive = page_is_fdp_root(&pv) && !page_is_empty(&pv) && page_objid_fdp(&pv) == objid;
        cache_put(&ref);
    }
    if (fLive) CALL_R(space_free_fdp(&db->sdb, pgnoFDP));
    return log_clr(db, &v->hdr, plsnChain);
}

static uint64_t delta_apply(const uint8_t *pb, uint32_t cb, int64_t delta, uint8_t *pbOut)
{
    if (cb == 4) {
        uint32_t x = get_le32(pb);
        put_le32(pbOut, (uint32_t)(x + (uint32_t)delta));
        return x;
    }
    uint64_t x = get_le64(pb);
    put_le64(pbOut, x + (uint64_t)delta);
    return x;
}

void (*isam_node_delta_seam)(void *pvCtx);
void *isam_node_delta_seam_ctx;

JET_ERR isam_node_delta(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t,
                        uint32_t ibOffset, uint32_t cb, int64_t delta, unsigned grbitVer, uint64_t *pqwBefore)
{
    JET_ERR err;
    struct undo_build u;
    uint8_t *payload = NULL, *pbNew = NULL;
    size_t cbPayload = 0;
    uint32_t cbKey, cbCur;
    struct isam_undo_delta d;
    bool fPushed = false;

    struct os_mutex *mu = NULL;
    struct ver_store *vs = sess->trx.vs;

    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    if (t->desc.fNonUnique || (cb != 4 && cb != 8)) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(bt_refresh(c));
    if (vs) {
        /* Other sessions' deltas on this node may run now (they commute): serialise the
         * read-modify-write, and read the node again under the lock. */
        CALL_R(ensure_versioned(c));
        const uint8_t *pbKeyLock = bt_key(c, &cbKey);
        mu = isam_ver_delta_lock(sess->inst, pbKeyLock, cbKey);
        os_mutex_lock(mu);
        CALL(bt_refresh(c));
    }
    const uint8_t *pbKey = bt_key(c, &cbKey);
    trx_ensure_id(sess);
    /* VER_CHANGE_DELTA: the before image matters only to readers; concurrent deltas commute. */
    undo_header(&u, sess, t, ISAM_UNDO_EXISTED | ISAM_UNDO_DELTA);
    u.hdr.prevNodeFlags = bt_node_flags(c);
    u.pvKey = pbKey;
    u.cbKey = cbKey;
    le16_put(&u.hdr.cbKey, (uint16_t)cbKey);
    le32_put(&d.ibOffset, ibOffset);
    le32_put(&d.cb, cb);
    le64_put(&d.delta, (uint64_t)delta);
    u.pvPrev = &d;
    u.cbPrev = sizeof d;
    le32_put(&u.hdr.cbPrevData, sizeof d);
    payload = undo_serialize(&u, &cbPayload);
    if (!payload) FAIL(JET_errOutOfMemory);
    CALL(trx_remember(sess, payload, cbPayload));
    fPushed = true;
    if (isam_node_delta_seam) isam_node_delta_seam(isam_node_delta_seam_ctx);
    if (vs) {
        /* Registered before the page changes (a replace or delete by another transaction is a
         * write conflict, other deltas commute); readers take it out once applied. Between the
         * page change and ver_store_delta_applied a reader may see the delta early: ESE closes
         * that window under the page latch, which our btree does not hold across the call. */
        const struct ver_node_id id = node_id(t, payload + sizeof u.hdr, cbKey, NULL, 0);
        CALL(ver_store_changed_delta(vs, &id, &sess->trx, ibOffset, cb, delta, grbitVer));
        /* The delta writes the whole node back, so the data it adds to must be the page's now.
         * Replaces and the undo that puts data back wait for the lock held here, so the data
         * read before the registration still is; what can have changed is the node's flags (an
         * undo of a flag-delete restores them without the lock, the versioned bit included),
         * and readers ask the store only about nodes with that bit. */
        CALL(bt_refresh(c));
        CALL(ensure_versioned(c));
    }
    const uint8_t *pbCur = bt_data(c, &cbCur);
    if ((uint64_t)ibOffset + cb > cbCur) FAIL(JET_errDatabaseCorrupted);
    pbNew = mem_alloc(cbCur ? cbCur : 1);
    if (!pbNew) FAIL(JET_errOutOfMemory);
    memcpy(pbNew, pbCur, cbCur);
    const uint64_t qwBefore = delta_apply(pbCur + ibOffset, cb, delta, pbNew + ibOffset);
    struct bt_undo undo = { payload, cbPayload };
    CALL(bt_replace(c, pbNew, cbCur, &undo));
    fPushed = false;
    if (vs) ver_store_delta_applied(&sess->trx);
    trx_changed(sess, bt_last_lsn(c));
    if (pqwBefore) *pqwBefore = qwBefore;
out:
    if (fPushed) trx_forget(sess);     /* the change was not made: its entry (and version) go */
    if (mu) os_mutex_unlock(mu);
    mem_free(payload);
    mem_free(pbNew);
    return err;
}

/* ESE's fDIRNoVersion delta (ErrBTDelta, ErrNDDelta): no version, so no conflict with other
 * transactions' versions of the node either, uncommitted replaces included (ErrVERModify is
 * never called). Such a replace's undo puts its before image back, which lacks the delta: ESE
 * loses the delta then, and so do we. What the lock adds is ESE's page latch: the read and the
 * write of the node are one step against replaces, their undo and other deltas, so the delta
 * lands either before a replace (in its before image) or after it, never over it. */
JET_ERR isam_node_delta_no_version(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t,
                                   uint32_t ibOffset, uint32_t cb, int64_t delta, uint64_t *pqwBefore)
{
    JET_ERR err;
    uint32_t cbCur;
    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    if (cb != 4 && cb != 8) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(bt_refresh(c));
    /* Serialised with the versioned deltas' read-modify-write of the node (isam_node_delta), with
     * replaces (change_current) and with the undo that puts a before image back. */
    struct os_mutex *mu = NULL;
    uint8_t *pbNew = NULL;
    if (sess->trx.vs) {
        uint32_t cbKey;
        const uint8_t *pbKey = bt_key(c, &cbKey);
        mu = isam_ver_delta_lock(sess->inst, pbKey, cbKey);
        os_mutex_lock(mu);
        CALL(bt_refresh(c));
    }
    const uint8_t *pbCur = bt_data(c, &cbCur);
    if ((uint64_t)ibOffset + cb > cbCur) FAIL(JET_errDatabaseCorrupted);
    pbNew = mem_alloc(cbCur ? cbCur : 1);
    if (!pbNew) FAIL(JET_errOutOfMemory);
    memcpy(pbNew, pbCur, cbCur);
    const uint64_t qwBefore = delta_apply(pbCur + ibOffset, cb, delta, pbNew + ibOffset);
    if (isam_node_delta_seam) isam_node_delta_seam(isam_node_delta_seam_ctx);
    CALL(bt_replace(c, pbNew, cbCur, BT_NO_UNDO));
    if (sess->trx.vs) {
        /* A rollback's ghost of the node stands for the page as its undo left it: it gets the
         * delta too, or readers would be given the image without it (ver_store.h). */
        uint32_t cbKey;
        const uint8_t *pbKey = bt_key(c, &cbKey);
        const struct ver_node_id id = node_id(t, pbKey, cbKey, NULL, 0);
        ver_store_delta_unversioned(sess->trx.vs, &id, ibOffset, cb, delta);
    }
    if (pqwBefore) *pqwBefore = qwBefore;
out:
    if (mu) os_mutex_unlock(mu);
    mem_free(pbNew);
    return err;
}

/* Undo of an escrow delta: the opposite delta on the node as it is now (other transactions'
 * deltas since stay). */
static JET_ERR undo_delta(struct isam_db *db, const struct undo_view *v, lsn_t *plsnChain)
{
    JET_ERR err;
    struct bt_cursor *c = NULL;
    struct isam_undo_delta d;
    uint8_t *pbNew = NULL;
    if (v->cbPrev != sizeof d || (v->hdr.flags & ISAM_UNDO_NON_UNIQUE)) return ERR_TRAP(JET_errLogFileCorrupt);
    memcpy(&d, v->pbPrev, sizeof d);
    const uint32_t ib = le32_get(&d.ibOffset), cb = le32_get(&d.cb);
    if (cb != 4 && cb != 8) return ERR_TRAP(JET_errLogFileCorrupt);
    struct bt_tree_desc desc = {
        .pgnoFDP = le32_get(&v->hdr.pgnoFDP), .objid = le32_get(&v->hdr.objid),
        .type = (enum bt_type)v->hdr.type, .fNonUnique = false, .cbKeyMost = le16_get(&v->hdr.cbKeyMost),
    };
    CALL_R(bt_open(db->btdb, &desc, &c));
    struct isam_undo_hdr clr = v->hdr;
    clr.flags = ISAM_UNDO_CLR;
    le64_put(&clr.lsnPrev, *plsnChain);
    le64_put(&clr.lsnUndoNext, le64_get(&v->hdr.lsnPrev));
    le16_put(&clr.cbKey, 0);
    le32_put(&clr.cbIdentity, 0);
    le32_put(&clr.cbPrevData, 0);
    struct bt_undo undo = { &clr, sizeof clr };
    CALL(bt_seek(c, BT_SEEK_EQ, v->pbKey, v->cbKey, NULL, 0, BT_DELETED_TOO));
    uint32_t cbCur;
    const uint8_t *pbCur = bt_data(c, &cbCur);
    if ((uint64_t)ib + cb > cbCur) FAIL(JET_errDatabaseCorrupted);
    pbNew = mem_alloc(cbCur);
    if (!pbNew) FAIL(JET_errOutOfMemory);
    memcpy(pbNew, pbCur, cbCur);
    delta_apply(pbCur + ib, cb, -(int64_t)le64_get(&d.delta), pbNew + ib);
    CALL(bt_replace(c, pbNew, cbCur, &undo));
    *plsnChain = bt_last_lsn(c);
out:
    mem_free(pbNew);
    bt_close(c);
    return err;
}
