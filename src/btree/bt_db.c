/* SPDX-License-Identifier: MIT
 * btree/bt_db.c: the registry of open trees of a database, creating trees, opening and closing
 * cursors. Layer: btree (uses space, cache, page, base). */
#include "bt_int.h"

DEBUG_CHANNEL(btree);

JET_ERR bt_db_open(struct space_db *sdb, struct bt_db **ppdb)
{
    struct bt_db *db = mem_calloc(1, sizeof *db);
    if (!db)
        return ERR_TRAP(JET_errOutOfMemory);
    db->sdb = sdb;
    db->file = sdb->file;
    db->cbPage = sdb->cbPage;
    os_mutex_init(&db->mu);
    *ppdb = db;
    return JET_errSuccess;
}

void bt_db_close(struct bt_db *db)
{
    if (!db)
        return;
    while (db->trees) {
        struct bt_tree *t = db->trees;
        assert(t->cRef == 0);           /* every cursor closed: only idle trees are left */
        db->trees = t->next;
        bt_tree_unkeep_root(t);
        os_mutex_destroy(&t->muSmo);
        mem_free(t);
    }
    while (db->pcFree) {
        struct bt_cursor *c = db->pcFree;
        db->pcFree = c->pnextFree;
        mem_free(c->pbKey);
        mem_free(c->pbData);
        bt_route_cache_free(c->prc);
        mem_free(c);
    }
    os_mutex_destroy(&db->mu);
    mem_free(db);
}

struct space_db *bt_db_space(struct bt_db *db)
{
    return db->sdb;
}

uint64_t bt_db_dbtime(const struct bt_db *db)
{
    return cache_file_dbtime(db->file);
}

const uint64_t *bt_db_dbtime_counter(const struct bt_db *db)
{
    return cache_file_dbtime_counter(db->file);
}

static void tree_set_desc(struct bt_tree *t, const struct bt_tree_desc *pd)
{
    t->desc = *pd;
    t->fTypeFlags = bt_type_page_flags(pd->type, pd->fNonUnique) & ~(uint32_t)SPACE_PAGE_FLAGS_ALWAYS;
    __atomic_store_n(&t->pgnoHintInsert, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&t->dbtimeHintInsert, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&t->ilineHintInsert, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&t->fRootChecked, false, __ATOMIC_RELAXED);
}

static JET_ERR tree_get(struct bt_db *db, const struct bt_tree_desc *pd, struct bt_tree **ppt)
{
    struct bt_tree *t;
    os_mutex_lock(&db->mu);
    for (t = db->trees; t; t = t->next)
        if (t->desc.pgnoFDP == pd->pgnoFDP)
            break;
    if (t && t->cRef == 0) {
        /* Idle: taken over by whatever tree lives at that root now. */
        db->cIdle--;
        if (t->desc.objid != pd->objid || t->desc.type != pd->type || t->desc.fNonUnique != pd->fNonUnique
                || t->desc.cbKeyMost != pd->cbKeyMost)
            tree_set_desc(t, pd);
        t->cRef = 1;
    } else if (t) {
        if (t->desc.objid != pd->objid || t->desc.type != pd->type || t->desc.fNonUnique != pd->fNonUnique) {
            os_mutex_unlock(&db->mu);
            return ERR_TRAP(JET_errInvalidParameter);
        }
        t->cRef++;
    } else {
        t = mem_calloc(1, sizeof *t);
        if (!t) {
            os_mutex_unlock(&db->mu);
            return ERR_TRAP(JET_errOutOfMemory);
        }
        t->db = db;
        tree_set_desc(t, pd);
        t->cRef = 1;
        os_mutex_init(&t->muSmo);
        t->next = db->trees;
        db->trees = t;
    }
    os_mutex_unlock(&db->mu);
    *ppt = t;
    return JET_errSuccess;
}

static void tree_put(struct bt_tree *t)
{
    struct bt_db *db = t->db;
    os_mutex_lock(&db->mu);
    if (--t->cRef == 0) {
        if (db->cIdle < BT_TREES_IDLE_MAX) {
            db->cIdle++;            /* kept (bt_db.trees) */
        } else {
            struct bt_tree **pp = &db->trees;
            while (*pp != t)
                pp = &(*pp)->next;
            *pp = t->next;
            bt_tree_unkeep_root(t);
            os_mutex_destroy(&t->muSmo);
            mem_free(t);
        }
    }
    os_mutex_unlock(&db->mu);
}

JET_ERR bt_create(struct bt_db *db, uint32_t pgnoParent, uint32_t cpg, bool fMultiple, uint32_t objid,
        enum bt_type type, bool fNonUnique, uint32_t *ppgnoFDP)
{
    const uint32_t fType = bt_type_page_flags(type, fNonUnique) & SPACE_TYPE_FLAGS;
    return space_create_child(db->sdb, pgnoParent, cpg, objid, fType, fMultiple, ppgnoFDP);
}

JET_ERR bt_open(struct bt_db *db, const struct bt_tree_desc *pd, struct bt_cursor **ppc)
{
    JET_ERR err;
    struct bt_tree *t = NULL;
    struct bt_cursor *c = NULL;
    struct page_ref ref = PAGE_REF_NONE;

    if (!pd->pgnoFDP || !pd->objid || pd->cbKeyMost == 0 || pd->cbKeyMost > PAGE_NODE_CB_KEY_MASK
            || pd->type > BT_TYPE_LV)
        return ERR_TRAP(JET_errInvalidParameter);
    CALL(tree_get(db, pd, &t));
    /* The root must be the root of such a tree: checked at the tree's first open (the root
     * stays one while the tree exists; descents check every page they visit anyway). */
    if (!__atomic_load_n(&t->fRootChecked, __ATOMIC_ACQUIRE)) {
        if (pd->pgnoFDP > cache_file_cpg(db->file))
            FAIL(ERR_CORRUPT(pd->pgnoFDP, "tree root beyond the end of the file"));
        CALL(cache_get(db->file, pd->pgnoFDP, CACHE_LATCH_SHARED, 0, &ref));
        {
            const struct page_view v = page_view_make(ref.buf, db->cbPage, pd->pgnoFDP);
            struct space_fdp_info info;
            CALL(space_fdp_info_parse(&v, &info));
            CALL(bt_check_tree_page(t, &v, true, -1));
        }
        cache_put(&ref);
        __atomic_store_n(&t->fRootChecked, true, __ATOMIC_RELEASE);
    }

    os_mutex_lock(&db->mu);
    c = db->pcFree;
    if (c) {
        db->pcFree = c->pnextFree;
        db->cFree--;
    }
    os_mutex_unlock(&db->mu);
    if (c) {
        uint8_t *pbKey = c->pbKey, *pbData = c->pbData;
        struct bt_route_cache *prc = c->prc;
        memset(c, 0, sizeof *c);
        c->pbKey = pbKey;
        c->pbData = pbData;
        c->prc = prc;
        if (prc) {
            /* another tree's, perhaps: describes nothing until it learns a root again */
            prc->pgno = 0;
            prc->pgnoSeen = 0;
            prc->cSeen = 0;
        }
    } else {
        c = mem_calloc(1, sizeof *c);
        if (!c)
            FAIL(ERR_TRAP(JET_errOutOfMemory));
        c->pbKey = mem_alloc(PAGE_NODE_CB_KEY_MASK + 1);
        c->pbData = mem_alloc(db->cbPage);
        if (!c->pbKey || !c->pbData)
            FAIL(ERR_TRAP(JET_errOutOfMemory));
    }
    c->tree = t;
    c->cbKeyMost = pd->cbKeyMost;
    c->pos = BT_POS_NONE;
    *ppc = c;
    return JET_errSuccess;
out:
    cache_put(&ref);
    if (c) {
        mem_free(c->pbKey);
        mem_free(c->pbData);
        bt_route_cache_free(c->prc);
        mem_free(c);
    }
    if (t)
        tree_put(t);
    return err;
}

void bt_close(struct bt_cursor *c)
{
    if (!c)
        return;
    struct bt_db *db = c->tree->db;
    bt_unkeep(c);
    tree_put(c->tree);
    c->tree = NULL;
    os_mutex_lock(&db->mu);
    if (db->cFree < BT_CURSORS_FREE_MAX) {
        /* Kept with its buffers: writers open and close cursors for every update. */
        c->pnextFree = db->pcFree;
        db->pcFree = c;
        db->cFree++;
        c = NULL;
    }
    os_mutex_unlock(&db->mu);
    if (c) {
        mem_free(c->pbKey);
        mem_free(c->pbData);
        bt_route_cache_free(c->prc);
        mem_free(c);
    }
}
