/* SPDX-License-Identifier: MIT
 * isam/isam_ver.c: the instance's version store (ver_store.h): made at JetInit, ended at JetTerm,
 * and the cleanup hook that removes flag-deleted nodes no transaction can see any more. The
 * registration of changes is in isam_node.c, transactions in isam_session.c. Layer: isam.
 *
 * Cleanup removes a node under a write lock of its own (a VER_CHANGE_WRITE_LOCK version in a
 * transaction of the instance's cleanup ver_trx): once the lock is registered no writer can
 * register a change of the node, so the node that is flag-deleted when cleanup looks is the one
 * it removes (our cursors hold no latch between calls, so "check the flag under the latch" is
 * done this way). */
#include "isam.h"
#include "isam_int.h"
#include "isam_db.h"
#include "catalog.h"
#include "isam_write.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

/* ver_node_id.treeInfo: what cleanup needs to open the tree again. */
uint32_t isam_ver_tree_info(const struct bt_tree_desc *d)
{
    return (uint32_t)d->type | (d->fNonUnique ? 0x4u : 0) | (d->cbKeyMost << 8);
}

static struct bt_tree_desc tree_desc(const struct ver_node_id *id)
{
    struct bt_tree_desc d = {
        .pgnoFDP = id->pgnoFDP, .objid = id->objid, .type = (enum bt_type)(id->treeInfo & 0x3u),
        .fNonUnique = (id->treeInfo & 0x4u) != 0, .cbKeyMost = id->treeInfo >> 8,
    };
    return d;
}

static JET_ERR undo_none(void *ctx, const struct ver_entry *e)
{
    (void)ctx; (void)e;
    return JET_errSuccess;
}

enum { FREE_TABLE = 'T', FREE_INDEX = 'I' };

/* A deleted tree nobody can see any more: every extent back to its parent, each in an mtr of
 * its own (logged; a crash before this leaves the pages with the dead tree, as ESE's does until
 * an offline defragmentation). An index of a table that has gone since is left to the table's
 * free, which covers it (cleanup may hand the two over in either order). */
static JET_ERR free_tree(struct isam_db *db, uint32_t pgnoFDP, uint32_t objidTable, bool fIndex)
{
    JET_ERR err;
    if (fIndex) {
        struct catalog *cat;
        struct rec_cat_table t;
        CALL_R(catalog_open(db->btdb, &cat));
        err = catalog_find_table_objid(cat, objidTable, &t);
        catalog_close(cat);
        if (err == JET_errObjectNotFound) return JET_errSuccess;
        CALL_R(err);
    }
    err = space_free_fdp(&db->sdb, pgnoFDP);
    TRACE("deleted tree %u of table %u freed: %ld", pgnoFDP, objidTable, (long)err);
    return err;
}

/* ver_remove_fn. Runs on the store's cleanup thread (or a JetIdle / JetTerm caller), one at a
 * time. */
static JET_ERR remove_node(void *pvCtx, const struct ver_node_id *id)
{
    JET_ERR err;
    struct isam_instance *inst = pvCtx;
    struct ver_trx *t = &inst->ver_cleanup_trx;
    struct bt_cursor *c = NULL;

    if (inst->errUnavailable < 0) return JET_errSuccess;
    struct isam_db *db = isam_db_get(inst, id->dbid);
    if (!db || db->fReadOnly || __atomic_load_n(&db->fDetaching, __ATOMIC_ACQUIRE)) return JET_errSuccess;
    if (id->treeInfo == ISAM_VER_TREE_FREE && id->cbKey == 0 && id->cbData == 1)
        return free_tree(db, id->pgnoFDP, id->objid, *(const uint8_t *)id->pvData == FREE_INDEX);
    struct bt_tree_desc desc = tree_desc(id);
    if (desc.type > BT_TYPE_LV) return JET_errSuccess;

    (void)ver_store_begin(inst->vs, t);
    ver_begin(t);
    CALL(ver_push(t, NULL, 0, 0));
    err = ver_store_changed(inst->vs, id, t, VER_CHANGE_WRITE_LOCK, false, NULL, 0);
    if (err < 0) {
        ver_drop_top(t);
        if (err == JET_errWriteConflict) err = JET_errSuccess;   /* a writer took the node again */
        goto out;
    }
    CALL(bt_open(db->btdb, &desc, &c));
    err = bt_seek(c, BT_SEEK_EQ, id->pvKey, id->cbKey, id->pvData, id->cbData, BT_DELETED_TOO);
    if (err == JET_errRecordNotFound) {
        err = JET_errSuccess;
        goto out;
    }
    CALL(err);
    if (bt_node_flags(c) & PAGE_NODE_DELETED) CALL(bt_delete(c, BT_NO_UNDO));
out:
    bt_close(c);
    if (t->level) {
        JET_ERR errT = ver_rollback(t, true, undo_none, NULL);     /* drops the lock */
        (void)errT;
        ver_store_rollback(inst->vs, t);
    }
    return err;
}

/* ver_finalize_fn: a delete-on-zero / finalize column's delta committed and no transaction can
 * see the value before it (ESE's FINALIZETASK). Records live in primary trees, whose objid is
 * the table's. */
static JET_ERR finalize_node(void *pvCtx, const struct ver_node_id *id, uint32_t ibOffset, uint32_t cbField)
{
    struct isam_instance *inst = pvCtx;
    if (inst->errUnavailable < 0) return JET_errSuccess;
    struct isam_db *db = isam_db_get(inst, id->dbid);
    if (!db || db->fReadOnly || __atomic_load_n(&db->fDetaching, __ATOMIC_ACQUIRE)) return JET_errSuccess;
    if (tree_desc(id).type != BT_TYPE_PRIMARY || id->pvData) return JET_errSuccess;
    return isam_escrow_finalize(inst, id->dbid, id->objid, id->pvKey, id->cbKey, ibOffset, cbField);
}

JET_ERR isam_ver_defer_free_tree(struct isam_session *sess, uint32_t dbid, uint32_t pgnoFDP, uint32_t objidTable,
        bool fIndex)
{
    JET_ERR err;
    struct ver_store *vs = sess->trx.vs;
    if (!vs || pgnoFDP == 0) return JET_errSuccess;     /* no store: the pages stay with the tree */
    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    static const uint8_t bTable = FREE_TABLE, bIndex = FREE_INDEX;
    /* no node of any tree has an empty key: this one names the tree alone */
    const struct ver_node_id id = { dbid, pgnoFDP, &bTable, 0, fIndex ? &bIndex : &bTable, 1, objidTable,
                                    ISAM_VER_TREE_FREE };
    CALL_R(ver_push(&sess->trx, NULL, 0, 0));           /* nothing to undo: a rollback forgets it */
    err = ver_store_changed(vs, &id, &sess->trx, VER_CHANGE_DELETE, false, NULL, 0);
    if (err < 0) ver_drop_top(&sess->trx);
    return err;
}

JET_ERR isam_ver_open(struct isam_instance *inst)
{
    JET_ERR err;
    struct ver_store_config cfg = {
        .budget = &inst->ver_budget,
        .fThread = true,
        .pfnRemove = remove_node,
        .pfnFinalize = finalize_node,
        .pvCtx = inst,
    };
    CALL_R(ver_store_create(&cfg, &inst->vs));
    ver_trx_init(&inst->ver_cleanup_trx, &inst->ver_budget);
    ver_store_attach(inst->vs, &inst->ver_cleanup_trx, &inst->ver_cleanup_trx);
    return JET_errSuccess;
}

void isam_ver_close(struct isam_instance *inst, bool fClean)
{
    if (!inst->vs) return;
    /* Every session has ended: nothing holds versions back. */
    if (fClean) (void)ver_store_clean(inst->vs);
    ver_store_detach(&inst->ver_cleanup_trx);
    ver_store_destroy(inst->vs);
    inst->vs = NULL;
}

void isam_ver_detach_db(struct isam_instance *inst, struct isam_db *db)
{
    if (!inst->vs) {
        __atomic_store_n(&db->fDetaching, true, __ATOMIC_RELEASE);
        return;
    }
    /* The first pass drops the database's versions and lets the hooks remove its flag-deleted
     * nodes. The hooks run one at a time under the store's hook lock and check fDetaching
     * first, so once it is set only a hook already past the check can touch the database: the
     * second pass's hooks wait for it, and the third drops the versions it made (a finalize
     * commits a delete of its own). After that no hook reaches the database and it can be
     * closed and freed: nodes deleted by those last versions stay flag-deleted, as after a
     * crash. */
    ver_store_clean_db(inst->vs, db->dbid);
    __atomic_store_n(&db->fDetaching, true, __ATOMIC_RELEASE);
    ver_store_clean_db(inst->vs, db->dbid);
    ver_store_clean_db(inst->vs, db->dbid);
}

void isam_ver_init_locks(struct isam_instance *inst)
{
    if (inst->fDeltaLocks) return;
    for (size_t i = 0; i < ARRAY_SIZE(inst->delta_locks); i++) os_mutex_init(&inst->delta_locks[i]);
    inst->fDeltaLocks = true;
}

struct os_mutex *isam_ver_delta_lock(struct isam_instance *inst, const void *pvKey, uint32_t cbKey)
{
    const uint8_t *p = pvKey;
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < cbKey; i++) h = (h ^ p[i]) * 16777619u;
    return &inst->delta_locks[h % ARRAY_SIZE(inst->delta_locks)];
}

/* ---- primary indexes of open transactions ------------------------------------------------------ */

struct isam_pidx {
    struct isam_pidx *next;
    struct isam_session *owner;
    uint32_t dbid, objidTable;
    uint32_t level;                     /* the owner's level that holds the creation */
};

void isam_ver_pidx_created(struct isam_session *sess, uint32_t dbid, uint32_t objidTable)
{
    struct isam_instance *inst = sess->inst;
    struct isam_pidx *p = mem_alloc(sizeof *p);
    if (!p) {
        /* only the other sessions' error code is lost: their updates go on as before */
        WARN("out of memory: table %u's new primary index is not guarded", objidTable);
        return;
    }
    p->owner = sess;
    p->dbid = dbid;
    p->objidTable = objidTable;
    p->level = sess->trx_level;
    os_mutex_lock(&inst->lock);
    p->next = inst->pidx;
    inst->pidx = p;
    __atomic_add_fetch(&inst->cPidx, 1, __ATOMIC_RELEASE);
    os_mutex_unlock(&inst->lock);
}

JET_ERR isam_ver_pidx_check(struct isam_session *sess, uint32_t dbid, uint32_t objidTable)
{
    struct isam_instance *inst = sess->inst;
    if (__atomic_load_n(&inst->cPidx, __ATOMIC_ACQUIRE) == 0) return JET_errSuccess;
    JET_ERR err = JET_errSuccess;
    os_mutex_lock(&inst->lock);
    for (const struct isam_pidx *p = inst->pidx; p; p = p->next)
        if (p->owner != sess && p->dbid == dbid && p->objidTable == objidTable) err = ERR_TRAP(JET_errWriteConflictPrimaryIndex);
    os_mutex_unlock(&inst->lock);
    return err;
}

void isam_ver_pidx_level(struct isam_session *sess, uint32_t level, bool fCommit)
{
    struct isam_instance *inst = sess->inst;
    if (__atomic_load_n(&inst->cPidx, __ATOMIC_ACQUIRE) == 0) return;
    os_mutex_lock(&inst->lock);
    for (struct isam_pidx **pp = &inst->pidx; *pp;) {
        struct isam_pidx *p = *pp;
        if (p->owner == sess && p->level > level) {
            if (fCommit && level > 0) {
                p->level = level;           /* merged into the outer level */
            } else {
                *pp = p->next;              /* committed for good, or undone */
                mem_free(p);
                __atomic_sub_fetch(&inst->cPidx, 1, __ATOMIC_RELEASE);
                continue;
            }
        }
        pp = &p->next;
    }
    os_mutex_unlock(&inst->lock);
}
