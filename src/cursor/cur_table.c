/* SPDX-License-Identifier: MIT
 * cursor/cur_table.c: the per-database table cache (ESE's FCBs), table definitions, opening,
 * duplicating and closing cursors, domain locks (DenyRead/DenyWrite), and the DDL hooks.
 * Layer: cursor (uses catalog, record, btree, ver, os, base).
 *
 * Locking: the cur_db's mutex guards the cache, each table's cursor list, reference count, current
 * definition pointer and domain locks. Loading a definition (catalog reads) happens outside it;
 * two threads loading the same table race benignly (the loser frees its copy). */
#include "cur_int.h"

DEBUG_CHANNEL(cursor);

/* ============================================================== small helpers ============ */

JET_ERR cur_buf_reserve(struct cur_buf *b, uint32_t cb)
{
    if (cb <= b->cbMax && b->pb)
        return JET_errSuccess;
    uint32_t cbNew = b->cbMax ? b->cbMax : 64;
    while (cbNew < cb)
        cbNew = cbNew > UINT32_MAX / 2 ? cb : cbNew * 2;
    uint8_t *pb = mem_realloc(b->pb, cbNew);
    if (!pb)
        return ERR_TRAP(JET_errOutOfMemory);
    b->pb = pb;
    b->cbMax = cbNew;
    return JET_errSuccess;
}

JET_ERR cur_buf_set_slow(struct cur_buf *b, const void *pv, uint32_t cb)
{
    JET_ERR err;
    CALL_R(cur_buf_reserve(b, cb ? cb : 1));
    if (cb)
        memmove(b->pb, pv, cb);
    b->cb = cb;
    return JET_errSuccess;
}

void cur_buf_free(struct cur_buf *b)
{
    mem_free(b->pb);
    memset(b, 0, sizeof *b);
}

int cur_name_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'a' && ca <= 'z')
            ca -= 'a' - 'A';
        if (cb >= 'a' && cb <= 'z')
            cb -= 'a' - 'A';
        if (ca != cb || !ca)
            return ca - cb;
    }
}

int cur_key_cmp(const uint8_t *a, uint32_t ca, const uint8_t *b, uint32_t cb)
{
    const uint32_t n = MIN(ca, cb);
    const int cmp = n ? memcmp(a, b, n) : 0;
    if (cmp)
        return cmp;
    return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/* ============================================================== databases =============== */

JET_ERR cur_db_open(struct bt_db *btdb, uint32_t dbid, uint32_t cbPage, bool fReadOnly, struct cur_db **ppcdb)
{
    struct cur_db *cdb = mem_calloc(1, sizeof *cdb);
    *ppcdb = NULL;
    if (!cdb)
        return ERR_TRAP(JET_errOutOfMemory);
    cdb->btdb = btdb;
    cdb->pdbtime = bt_db_dbtime_counter(btdb);
    cdb->dbid = dbid;
    cdb->cbPage = cbPage;
    cdb->fReadOnly = fReadOnly;
    os_mutex_init(&cdb->lock);
    *ppcdb = cdb;
    return JET_errSuccess;
}

static void table_free(struct cur_table *pt)
{
    if (pt->tdef)
        cur_tdef_release(pt->tdef);
    if (pt->tdefOthers)
        cur_tdef_release(pt->tdefOthers);
    if (pt->tdefWrite)
        cur_tdef_release(pt->tdefWrite);
    mem_free(pt);
}

void cur_db_close(struct cur_db *cdb)
{
    if (!cdb)
        return;
    assert(cdb->ccursors == 0);
    while (cdb->tables) {
        struct cur_table *pt = cdb->tables;
        cdb->tables = pt->next;
        table_free(pt);
    }
    if (cdb->cat)
        catalog_close(cdb->cat);
    os_mutex_destroy(&cdb->lock);
    mem_free(cdb);
}

void cur_db_set_ver_store(struct cur_db *cdb, struct ver_store *vs)
{
    cdb->vs = vs;
}

struct bt_db *cur_db_bt(const struct cur_db *cdb)
{
    return cdb->btdb;
}

uint32_t cur_db_cbpage(const struct cur_db *cdb)
{
    return cdb->cbPage;
}

bool cur_db_read_only(const struct cur_db *cdb)
{
    return cdb->fReadOnly;
}

JET_ERR cur_db_catalog(struct cur_db *cdb, struct catalog **ppcat)
{
    JET_ERR err = JET_errSuccess;
    os_mutex_lock(&cdb->lock);
    if (!cdb->cat)
        err = catalog_open(cdb->btdb, &cdb->cat);
    *ppcat = cdb->cat;
    os_mutex_unlock(&cdb->lock);
    return err;
}

uint32_t cur_db_cursor_count(struct cur_db *cdb)
{
    os_mutex_lock(&cdb->lock);
    uint32_t c = cdb->ccursors;
    os_mutex_unlock(&cdb->lock);
    return c;
}

/* ============================================================== definitions ============= */

void cur_tdef_release(struct cur_tdef *td)
{
    if (!td || __atomic_sub_fetch(&td->cref, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    catalog_table_free(td->pt);
    mem_free(td->rgdescIdx);
    mem_free(td);
}

JET_ERR cur_tdef_new(struct cur_db *cdb, struct catalog_table *pct, struct cur_tdef **pptd)
{
    struct cur_tdef *td = mem_calloc(1, sizeof *td);
    *pptd = NULL;
    if (!td) {
        catalog_table_free(pct);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    td->cref = 1;
    td->pt = pct;
    td->ps = &pct->schema;
    if (pct->table.objid == REC_CAT_OBJID_MSO || pct->table.objid == REC_CAT_OBJID_MSO_SHADOW) {
        /* MSysObjects' column rows are placeholders ESE never reads: its schema is built in. */
        rec_cat_schema(cdb->cbPage, &td->schemaSys);
        td->ps = &td->schemaSys;
    }
    const uint32_t cbKeyMostPrimary = pct->iidxPrimary >= 0 ? pct->rgidx[pct->iidxPrimary].cbKeyMost : JET_cbKeyMost;
    td->descPrimary = (struct bt_tree_desc){ pct->table.pgnoFDP, pct->table.objid, BT_TYPE_PRIMARY, false,
                                             cbKeyMostPrimary };
    td->rgdescIdx = mem_calloc(pct->cidx ? pct->cidx : 1, sizeof *td->rgdescIdx);
    if (!td->rgdescIdx) {
        cur_tdef_release(td);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    for (uint32_t i = 0; i < pct->cidx; i++) {
        const struct rec_cat_index *pci = &pct->rgidx[i];
        if ((int32_t)i == pct->iidxPrimary || pci->objid == pct->table.objid)
            td->rgdescIdx[i] = td->descPrimary;
        else
            td->rgdescIdx[i] = (struct bt_tree_desc){ pci->pgnoFDP, pci->objid, BT_TYPE_INDEX,
                                                      !(pci->fidb & REC_IDB_UNIQUE), pci->cbKeyMost };
    }
    td->fLV = pct->fLV;
    if (pct->fLV)
        td->descLV = (struct bt_tree_desc){ pct->lv.pgnoFDP, pct->lv.objid, BT_TYPE_LV, false, JET_cbKeyMost };
    td->cbLVChunkMost = pct->table.cbLVChunkMax ? pct->table.cbLVChunkMax : rec_lv_chunk_most(cdb->cbPage);
    td->cbSeparateLV = pct->table.cbSeparateLV ? pct->table.cbSeparateLV : REC_CB_LV_INTRINSIC_MOST;
    *pptd = td;
    return JET_errSuccess;
}

static cur_own_ddl_fn g_pfnOwnDdl;

void cur_set_own_ddl_fn(cur_own_ddl_fn pfn)
{
    __atomic_store_n(&g_pfnOwnDdl, pfn, __ATOMIC_RELEASE);
}

/* Under the lock. */
static struct cur_tdef *tdef_for_locked(struct cur_table *pt, const void *owner)
{
    cur_own_ddl_fn pfn = __atomic_load_n(&g_pfnOwnDdl, __ATOMIC_ACQUIRE);
    if (pt->tdefOthers && !(pfn && pfn(owner, pt->cdb->dbid, pt->objid)))
        return pt->tdefOthers;
    return pt->tdef;
}

struct cur_tdef *cur_tdef_get_for(struct cur_table *pt, const void *owner)
{
    os_mutex_lock(&pt->cdb->lock);
    struct cur_tdef *td = tdef_for_locked(pt, owner);
    __atomic_add_fetch(&td->cref, 1, __ATOMIC_ACQ_REL);
    os_mutex_unlock(&pt->cdb->lock);
    return td;
}

struct cur_tdef *cur_tdef_get_write(struct cur_table *pt)
{
    os_mutex_lock(&pt->cdb->lock);
    struct cur_tdef *td = pt->tdefWrite ? pt->tdefWrite : pt->tdef;
    __atomic_add_fetch(&td->cref, 1, __ATOMIC_ACQ_REL);
    os_mutex_unlock(&pt->cdb->lock);
    return td;
}

struct cur_tdef *cur_tdef_get(struct cur_table *pt)
{
    os_mutex_lock(&pt->cdb->lock);
    struct cur_tdef *td = pt->tdef;
    __atomic_add_fetch(&td->cref, 1, __ATOMIC_ACQ_REL);
    os_mutex_unlock(&pt->cdb->lock);
    return td;
}

/* ============================================================== the table cache ========= */

/* Under the lock. */
static struct cur_table *cache_find(struct cur_db *cdb, const char *szName, uint32_t objid)
{
    for (struct cur_table *pt = cdb->tables; pt; pt = pt->next) {
        if (pt->fDeleted)
            continue;
        if (szName ? cur_name_cmp(pt->szName, szName) == 0 : pt->objid == objid)
            return pt;
    }
    return NULL;
}

static JET_ERR table_get(struct cur_db *cdb, const char *szName, uint32_t objid, struct cur_table **ppt)
{
    JET_ERR err;
    struct catalog *cat;
    struct catalog_table *pct = NULL;
    struct cur_tdef *td = NULL;

    *ppt = NULL;
    os_mutex_lock(&cdb->lock);
    struct cur_table *pt = cache_find(cdb, szName, objid);
    if (pt) {
        pt->cref++;
        os_mutex_unlock(&cdb->lock);
        *ppt = pt;
        return JET_errSuccess;
    }
    os_mutex_unlock(&cdb->lock);

    CALL_R(cur_db_catalog(cdb, &cat));
    if (szName)
        CALL_R(catalog_load_table(cat, szName, &pct));
    else
        CALL_R(catalog_load_table_objid(cat, objid, &pct));
    CALL_R(cur_tdef_new(cdb, pct, &td));

    os_mutex_lock(&cdb->lock);
    pt = cache_find(cdb, NULL, td->pt->table.objid);
    if (pt) {
        /* another thread loaded it meanwhile */
        pt->cref++;
        os_mutex_unlock(&cdb->lock);
        cur_tdef_release(td);
        *ppt = pt;
        return JET_errSuccess;
    }
    pt = mem_calloc(1, sizeof *pt);
    if (!pt) {
        os_mutex_unlock(&cdb->lock);
        cur_tdef_release(td);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    pt->cdb = cdb;
    pt->objid = td->pt->table.objid;
    pt->pgnoFDP = td->pt->table.pgnoFDP;
    memcpy(pt->szName, td->pt->table.szName, sizeof pt->szName);
    pt->tdef = td;
    pt->cref = 1;
    pt->next = cdb->tables;
    cdb->tables = pt;
    os_mutex_unlock(&cdb->lock);
    TRACE("table %s (objid %u) loaded: %u columns, %u indexes", debugstr_a(pt->szName), pt->objid, td->pt->ccol,
          td->pt->cidx);
    *ppt = pt;
    return JET_errSuccess;
}

JET_ERR cur_table_get(struct cur_db *cdb, const char *szName, struct cur_table **ppt)
{
    *ppt = NULL;
    if (!szName || !szName[0])
        return ERR_TRAP(JET_errInvalidName);
    return table_get(cdb, szName, 0, ppt);
}

JET_ERR cur_table_get_objid(struct cur_db *cdb, uint32_t objidTable, struct cur_table **ppt)
{
    return table_get(cdb, NULL, objidTable, ppt);
}

/* Under the lock. A table stays cached while the database is attached (ESE keeps FCBs too); one
 * that left the cache goes when its last reference does. */
static void table_unref_locked(struct cur_table *pt)
{
    assert(pt->cref > 0);
    if (--pt->cref > 0 || !pt->fDeleted)
        return;
    struct cur_db *cdb = pt->cdb;
    for (struct cur_table **pp = &cdb->tables; *pp; pp = &(*pp)->next) {
        if (*pp == pt) {
            *pp = pt->next;
            break;
        }
    }
    table_free(pt);
}

void cur_table_release(struct cur_table *pt)
{
    if (!pt)
        return;
    struct cur_db *cdb = pt->cdb;
    os_mutex_lock(&cdb->lock);
    table_unref_locked(pt);
    os_mutex_unlock(&cdb->lock);
}

void cur_table_set_definition(struct cur_table *pt, struct cur_tdef *td)
{
    os_mutex_lock(&pt->cdb->lock);
    struct cur_tdef *tdOld = pt->tdef;
    __atomic_store_n(&pt->tdef, td, __ATOMIC_RELEASE);
    os_mutex_unlock(&pt->cdb->lock);
    cur_tdef_release(tdOld);
}

JET_ERR cur_table_reload(struct cur_db *cdb, uint32_t objidTable)
{
    JET_ERR err;
    struct catalog *cat;
    struct catalog_table *pct;
    struct cur_tdef *td;
    os_mutex_lock(&cdb->lock);
    struct cur_table *pt = cache_find(cdb, NULL, objidTable);
    if (pt)
        pt->cref++;
    os_mutex_unlock(&cdb->lock);
    if (!pt)
        return JET_errSuccess;
    err = cur_db_catalog(cdb, &cat);
    if (err >= 0)
        err = catalog_load_table_objid(cat, objidTable, &pct);
    if (err >= 0)
        err = cur_tdef_new(cdb, pct, &td);
    if (err >= 0) {
        cur_table_set_definition(pt, td);
        os_mutex_lock(&cdb->lock);
        memcpy(pt->szName, td->pt->table.szName, sizeof pt->szName);
        os_mutex_unlock(&cdb->lock);
    }
    cur_table_release(pt);
    return err;
}

void cur_table_set_others(struct cur_db *cdb, uint32_t objidTable, struct cur_tdef *tdOthers,
        struct cur_tdef *tdWrite)
{
    os_mutex_lock(&cdb->lock);
    struct cur_table *pt = cache_find(cdb, NULL, objidTable);
    struct cur_tdef *tdOld = tdOthers, *tdOldWrite = tdWrite;
    if (pt) {
        tdOld = pt->tdefOthers;
        tdOldWrite = pt->tdefWrite;
        __atomic_store_n(&pt->tdefOthers, tdOthers, __ATOMIC_RELEASE);
        pt->tdefWrite = tdWrite;
    }
    os_mutex_unlock(&cdb->lock);
    if (tdOld)
        cur_tdef_release(tdOld);
    if (tdOldWrite)
        cur_tdef_release(tdOldWrite);
}

bool cur_table_has_others(struct cur_db *cdb, uint32_t objidTable)
{
    os_mutex_lock(&cdb->lock);
    struct cur_table *pt = cache_find(cdb, NULL, objidTable);
    const bool f = pt && pt->tdefOthers;
    os_mutex_unlock(&cdb->lock);
    return f;
}

void cur_table_invalidate(struct cur_db *cdb, uint32_t objidTable)
{
    os_mutex_lock(&cdb->lock);
    struct cur_table *pt = cache_find(cdb, NULL, objidTable);
    if (pt) {
        pt->fDeleted = true;
        pt->cref++;
        table_unref_locked(pt);
    }
    os_mutex_unlock(&cdb->lock);
}

uint32_t cur_table_index_users(struct cur_db *cdb, uint32_t objidTable, uint32_t objidIndex)
{
    uint32_t c = 0;
    os_mutex_lock(&cdb->lock);
    for (struct cur_table *pt = cdb->tables; pt; pt = pt->next) {
        if (pt->objid != objidTable)
            continue;
        for (struct cursor *o = pt->cursors; o; o = o->nextOfTable)
            if (o->iidx >= 0 && o->objidIdx == objidIndex)
                c++;
    }
    os_mutex_unlock(&cdb->lock);
    return c;
}

uint32_t cur_table_users(struct cur_db *cdb, uint32_t objidTable, const void *owner, bool *pfByOwner)
{
    uint32_t c = 0;
    *pfByOwner = false;
    os_mutex_lock(&cdb->lock);
    for (struct cur_table *pt = cdb->tables; pt; pt = pt->next) {
        if (pt->objid != objidTable)
            continue;
        for (struct cursor *o = pt->cursors; o; o = o->nextOfTable) {
            if (o->owner == owner)
                *pfByOwner = true;
            else
                c++;
        }
    }
    os_mutex_unlock(&cdb->lock);
    return c;
}

/* ============================================================== cursors ================= */

/* ESE's ErrFILEISetMode / ErrFILEICheckAndSetMode, under the lock. */
static JET_ERR check_and_set_mode(struct cur_table *pt, const void *owner, JET_GRBIT grbit)
{
    if (pt->ownerDenyRead && pt->ownerDenyRead != owner)
        return ERR_TRAP(JET_errTableLocked);
    if ((grbit & JET_bitTableUpdatable) && pt->fDenyWrite) {
        for (struct cursor *o = pt->cursors; o; o = o->nextOfTable)
            if (o->owner != owner && o->fDenyWrite)
                return ERR_TRAP(JET_errTableLocked);
    }
    if (grbit & JET_bitTableDenyWrite) {
        if (pt->fDenyWrite)
            return ERR_TRAP(JET_errTableInUse);
        for (struct cursor *o = pt->cursors; o; o = o->nextOfTable)
            if (o->owner != owner && o->fUpdatable)
                return ERR_TRAP(JET_errTableInUse);
    }
    if (grbit & JET_bitTableDenyRead) {
        for (struct cursor *o = pt->cursors; o; o = o->nextOfTable)
            if (o->owner != owner)
                return ERR_TRAP(JET_errTableInUse);
    }
    return JET_errSuccess;
}

/* Recompute the table's domain locks from its cursors (under the lock). */
static void recompute_locks(struct cur_table *pt)
{
    pt->ownerDenyRead = NULL;
    pt->fDenyWrite = false;
    for (struct cursor *o = pt->cursors; o; o = o->nextOfTable) {
        if (o->fDenyRead)
            pt->ownerDenyRead = o->owner;
        if (o->fDenyWrite)
            pt->fDenyWrite = true;
    }
}

static JET_ERR cursor_new(struct cur_table *pt, struct cur_tdef *td, struct cursor **ppc)
{
    JET_ERR err;
    struct cursor *c = mem_calloc(1, sizeof *c);
    *ppc = NULL;
    if (!c)
        return ERR_TRAP(JET_errOutOfMemory);
    c->pt = pt;
    c->td = td;
    c->iidx = -1;
    c->loc = CUR_LOC_DEFER_FIRST;
    err = bt_open(pt->cdb->btdb, &td->descPrimary, &c->btPrimary);
    if (err < 0) {
        mem_free(c);
        return err;
    }
    *ppc = c;
    return JET_errSuccess;
}

static void cursor_free(struct cursor *c)
{
    if (c->btIndex)
        bt_close(c->btIndex);
    if (c->btPrimary)
        bt_close(c->btPrimary);
    if (c->btLV)
        bt_close(c->btLV);
    cur_buf_free(&c->bmIdx);
    cur_buf_free(&c->pk);
    cur_buf_free(&c->rec);
    cur_buf_free(&c->idxData);
    cur_filter_free(c->filter);
    mem_free(c->pbKey);
    mem_free(c->pbRange);
    mem_free(c);
}

/* Link a new cursor into its table (under the lock). */
static void link_cursor(struct cursor *c)
{
    struct cur_table *pt = c->pt;
    c->nextOfTable = pt->cursors;
    pt->cursors = c;
    pt->cref++;
    pt->cdb->ccursors++;
}

JET_ERR cur_open(struct cur_table *pt, const struct ver_actor *pactor, const void *owner, JET_GRBIT grbit,
        struct cursor **ppc)
{
    JET_ERR err;
    struct cursor *c = NULL;
    struct cur_db *cdb = pt->cdb;

    *ppc = NULL;
    /* A read-only cursor cannot ask for writing (ErrFILEICheckAndSetMode). */
    if ((grbit & JET_bitTableReadOnly) && (grbit & JET_bitTableUpdatable))
        return ERR_TRAP(JET_errInvalidGrbit);
    struct cur_tdef *td = cur_tdef_get_for(pt, owner);
    err = cursor_new(pt, td, &c);
    if (err < 0) {
        cur_tdef_release(td);
        return err;
    }
    c->pactor = pactor;
    c->owner = owner;
    c->grbitOpen = grbit;
    c->fUpdatable = !(grbit & JET_bitTableReadOnly) && !cdb->fReadOnly;
    c->fSequential = (grbit & JET_bitTableSequential) != 0;

    os_mutex_lock(&cdb->lock);
    err = check_and_set_mode(pt, owner, grbit);
    if (err >= 0) {
        c->fDenyWrite = (grbit & JET_bitTableDenyWrite) != 0;
        c->fDenyRead = (grbit & JET_bitTableDenyRead) != 0;
        c->fPermitDDL = (grbit & JET_bitTablePermitDDL) != 0;
        link_cursor(c);
        recompute_locks(pt);
    }
    os_mutex_unlock(&cdb->lock);
    if (err < 0) {
        cur_tdef_release(c->td);
        cursor_free(c);
        return err;
    }
    TRACE("cursor %p on %s (grbit %#x)", (void *)c, debugstr_a(pt->szName), (unsigned)grbit);
    *ppc = c;
    return err;
}

JET_ERR cur_dup(struct cursor *c, struct cursor **ppc)
{
    JET_ERR err;
    struct cursor *d = NULL;
    *ppc = NULL;
    if (c->mem)
        return cur_mem_dup(c, ppc);
    CALL_R(cur_sync(c));
    struct cur_tdef *td = c->td;
    __atomic_add_fetch(&td->cref, 1, __ATOMIC_ACQ_REL);
    err = cursor_new(c->pt, td, &d);
    if (err < 0) {
        cur_tdef_release(td);
        return err;
    }
    d->pactor = c->pactor;
    d->owner = c->owner;
    d->grbitOpen = c->grbitOpen & ~(JET_bitTableDenyRead | JET_bitTableDenyWrite | JET_bitTablePermitDDL);
    d->fUpdatable = c->fUpdatable;
    d->fSequential = c->fSequential;
    /* ESE's ErrIsamDupCursor: the primary index, the first record (deferred) */
    os_mutex_lock(&c->pt->cdb->lock);
    link_cursor(d);
    os_mutex_unlock(&c->pt->cdb->lock);
    *ppc = d;
    return JET_errSuccess;
}

void cur_cancel_update(struct cursor *c)
{
    if (c->fUpdatePrepared && c->pupdops && c->pupdops->cancel)
        c->pupdops->cancel(c);
    c->fUpdatePrepared = false;
}

void cur_close(struct cursor *c)
{
    if (!c)
        return;
    cur_cancel_update(c);
    if (c->pupdops && c->pupdops->free)
        c->pupdops->free(c);
    if (c->mem) {
        cur_mem_close(c);
        return;
    }
    struct cur_table *pt = c->pt;
    struct cur_db *cdb = pt->cdb;
    os_mutex_lock(&cdb->lock);
    for (struct cursor **pp = &pt->cursors; *pp; pp = &(*pp)->nextOfTable) {
        if (*pp == c) {
            *pp = c->nextOfTable;
            break;
        }
    }
    recompute_locks(pt);
    cdb->ccursors--;
    struct cur_tdef *td = c->td;
    table_unref_locked(pt);
    os_mutex_unlock(&cdb->lock);
    cur_tdef_release(td);
    cursor_free(c);
}

JET_ERR cur_sync(struct cursor *c)
{
    JET_ERR err = JET_errSuccess;
    if (c->mem)
        return JET_errSuccess;
    struct cur_table *pt = c->pt;
    /* Before anything of this call is read from a page (cursor.h, fRecPage). */
    c->dbtimeCall = cur_db_dbtime(pt->cdb);
    if (!__atomic_load_n(&pt->tdefOthers, __ATOMIC_ACQUIRE) && __atomic_load_n(&pt->tdef, __ATOMIC_ACQUIRE) == c->td)
        return JET_errSuccess;
    struct cur_tdef *td = cur_tdef_get_for(pt, c->owner);
    if (td == c->td) {
        cur_tdef_release(td);
        return JET_errSuccess;
    }
    struct cur_tdef *tdOld = c->td;
    c->td = td;
    memset(c->rgpcCache, 0, sizeof c->rgpcCache);
    if (c->iidx >= 0) {
        /* find the current index again by objid (DDL may have renumbered the list) */
        int32_t iidx = -1;
        for (uint32_t i = 0; i < td->pt->cidx; i++)
            if (td->pt->rgidx[i].objid == c->objidIdx && (int32_t)i != td->pt->iidxPrimary)
                iidx = (int32_t)i;
        if (iidx < 0) {
            WARN("the current index of cursor %p is gone: back to the primary index", (void *)c);
            bt_close(c->btIndex);
            c->btIndex = NULL;
            c->iidx = -1;
            cur_reset_currency(c, CUR_LOC_BEFORE_FIRST);
        } else {
            c->iidx = iidx;
        }
    }
    if (c->btLV && (!td->fLV || td->descLV.pgnoFDP != tdOld->descLV.pgnoFDP)) {
        bt_close(c->btLV);
        c->btLV = NULL;
    }
    cur_tdef_release(tdOld);
    return err;
}
