/* SPDX-License-Identifier: MIT
 * isam/isam_table.c: the tables a session has open (tableids): JetOpenTable's grbit rules,
 * JetDupCursor, JetCloseTable, and the places ESE closes tables by itself (rollback of the level
 * that opened them, the session's last JetCloseDatabase of their database, JetEndSession).
 * Layer: isam (uses cursor and below). */
#include "isam_db.h"
#include "isam_table.h"
#include "isam_wint.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

/* ESE's internal open grbits ErrIsamOpenTable refuses from applications (bitTableUpdatableDuring-
 * Recovery, JET_bitTableDelete, JET_bitTableCreate). */
#define TABLE_bitDelete   0x10000000u
#define TABLE_bitCreate   0x20000000u
#define TABLE_bitUpdatableDuringRecovery 0x40000000u

static void (*g_pfnRetire)(struct isam_table *t);

/* The cursor layer's table cache of a database, if a table was ever opened there. The database
 * stays attached while the DDL call that asks runs in a session that has it open. */
static struct cur_db *db_cursors_if_any(struct isam_session *sess, JET_DBID dbid)
{
    if (dbid >= ISAM_DB_SLOTS)          /* 0: the temporary database's */
        return NULL;
    struct isam_db *db = isam_db_get(sess->inst, (uint32_t)dbid);
    return db ? db->cdb : NULL;
}

/* The writer's DDL asks who has a table open (isam_write.h). */
static uint32_t tables_users(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable, bool *pfBySess)
{
    struct cur_db *cdb = db_cursors_if_any(sess, dbid);
    *pfBySess = false;
    return cdb ? cur_table_users(cdb, objidTable, sess, pfBySess) : 0;
}

uint32_t isam_table_index_users(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable, uint32_t objidIndex)
{
    struct cur_db *cdb = db_cursors_if_any(sess, dbid);
    return cdb ? cur_table_index_users(cdb, objidTable, objidIndex) : 0;
}

/* The reader of the committed catalog: no session's uncommitted change (ESE's versioned DDL),
 * every committed one; an index deleted by anyone is gone at once (ErrFILEIAccessIndex). */
static const char g_committedReader;

/* The definition the other sessions use while some session has DDL on the table it has not
 * committed: the committed one (cursor.h, tdefOthers). Without such DDL there is none. */
static void others_publish(struct isam_session *sess, struct cur_db *cdb, JET_DBID dbid, uint32_t objidTable)
{
    JET_ERR err;
    struct catalog *cat;
    struct catalog_table *pct = NULL;
    struct cur_tdef *td = NULL, *tdWrite = NULL;
    struct cur_table *pt = NULL;
    const bool fPending = sess->trx_level > 0 || isam_ddl_owners(isam_db_get(sess->inst, (uint32_t)dbid), objidTable) > 0;
    if (!fPending) {
        if (cur_table_has_others(cdb, objidTable))
            cur_table_set_others(cdb, objidTable, NULL, NULL);
        return;
    }
    struct catalog_reader reader = { sess->inst->vs, (uint32_t)dbid, { &g_committedReader, 0 }, true, false };
    CALL(cur_db_catalog(cdb, &cat));
    err = catalog_load_table_objid_as(cat, &reader, objidTable, &pct);
    if (err == JET_errObjectNotFound) {
        /* a table not committed yet: nobody else opens it (isam_catalog_seek_table) */
        cur_table_set_others(cdb, objidTable, NULL, NULL);
        return;
    }
    CALL(err);
    CALL(cur_tdef_new(cdb, pct, &td));
    /* the updates': the newest rows plus what the committed catalog still has of a deletion */
    reader.fDeletedIndexesGone = false;
    reader.fNewestPlusSeen = true;
    CALL(catalog_load_table_objid_as(cat, &reader, objidTable, &pct));
    CALL(cur_tdef_new(cdb, pct, &tdWrite));
    /* cached (the newest definition loaded) so that no other session loads that one instead */
    CALL(cur_table_get_objid(cdb, objidTable, &pt));
    cur_table_set_others(cdb, objidTable, td, tdWrite);
    td = tdWrite = NULL;
out:
    if (err < 0)
        WARN("table %u: the other sessions' definition is not published (%ld)", objidTable, (long)err);
    cur_tdef_release(td);
    cur_tdef_release(tdWrite);
    cur_table_release(pt);
}

/* The writer's DDL changed a table: cursors take the new definition at their next call (a
 * definition that does not load leaves the cache: the next open loads it again); other sessions'
 * cursors keep the committed one while the change is not committed. */
static void tables_changed(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable, bool fDropped)
{
    struct cur_db *cdb = db_cursors_if_any(sess, dbid);
    if (!cdb)
        return;
    if (fDropped) {
        cur_table_invalidate(cdb, objidTable);
        return;
    }
    others_publish(sess, cdb, dbid, objidTable);
    if (cur_table_reload(cdb, objidTable) < 0)
        cur_table_invalidate(cdb, objidTable);
}

/* The cursor layer asks whether a cursor's owner (a session, from its own thread) made the
 * uncommitted DDL on a table: it then sees the newest definition. */
static bool own_ddl(const void *owner, uint32_t dbid, uint32_t objidTable)
{
    return owner && isam_trx_ddl_owns(owner, dbid, objidTable);
}

void isam_tables_hooks_install(void)
{
    isam_set_table_users_fn(tables_users);
    isam_set_table_changed_fn(tables_changed);
    cur_set_own_ddl_fn(own_ddl);
}

void isam_table_set_retire(void (*pfn)(struct isam_table *t))
{
    g_pfnRetire = pfn;
}

JET_ERR isam_db_cursors(struct isam_session *sess, JET_DBID dbid, struct cur_db **ppcdb)
{
    JET_ERR err = JET_errSuccess;
    struct isam_instance *inst = sess->inst;
    *ppcdb = NULL;
    if (dbid == 0 || dbid >= ISAM_DB_SLOTS)
        return ERR_TRAP(JET_errInvalidDatabaseId);
    os_mutex_lock(&inst->db_lock);
    struct isam_db *db = isam_db_get(inst, dbid);
    if (!db || !sess->cdbOpen[dbid])
        FAIL(JET_errInvalidDatabaseId);
    if (!db->cdb) {
        CALL(cur_db_open(db->btdb, db->dbid, db->cbPage, db->fReadOnly, &db->cdb));
        /* readers see nodes through the instance's version store (snapshot isolation) */
        cur_db_set_ver_store(db->cdb, inst->vs);
    }
    *ppcdb = db->cdb;
out:
    os_mutex_unlock(&inst->db_lock);
    return err;
}

void isam_table_reader_sync(struct isam_session *sess)
{
    /* the owner the version store knows the session by (ver_store_attach), and its level-0
     * transaction's begin time: 0 outside one (every committed change is seen) */
    sess->reader.owner = sess;
    sess->reader.trxBegin0 = __atomic_load_n(&sess->trx.trxBegin0, __ATOMIC_ACQUIRE);
}

static void reader_init(struct isam_session *sess)
{
    isam_table_reader_sync(sess);
}

void isam_catalog_view(struct isam_session *sess, uint32_t dbid, struct catalog_reader *pview)
{
    isam_table_reader_sync(sess);
    pview->vs = sess->inst->vs;
    pview->dbid = dbid;
    pview->actor = sess->reader;
    pview->fDeletedIndexesGone = false;
    pview->fNewestPlusSeen = false;
}

JET_ERR isam_catalog_seek_table(struct isam_session *sess, uint32_t dbid, struct catalog *cat, const char *szName,
        struct rec_cat_table *pt)
{
    JET_ERR err;
    struct catalog_reader view;
    struct rec_cat_table tNow;
    /* ESE's ErrCATSeekTable reads the catalog through the session's transaction */
    isam_catalog_view(sess, dbid, &view);
    CALL_R(catalog_find_table_as(cat, &view, szName, pt));
    /* Seen, but gone from the newest catalog: a transaction deleted it, which the session does
     * not see yet (ESE's FCB stays FDeletePending until it is purged: JET_errTableLocked). */
    err = catalog_find_table_objid(cat, pt->objid, &tNow);
    if (err == JET_errObjectNotFound)
        return ERR_TRAP(JET_errTableLocked);
    return err;
}

JET_ERR isam_table_get_visible(struct isam_session *sess, JET_DBID dbid, struct cur_db *cdb, const char *szName,
        struct cur_table **ppt)
{
    JET_ERR err;
    struct catalog *cat;
    struct rec_cat_table t;
    *ppt = NULL;
    /* No version anywhere: the newest catalog is what every transaction sees (and the cache
     * answers by name without a catalog read). */
    if (!sess->inst->vs || ver_store_empty(sess->inst->vs))
        return cur_table_get(cdb, szName, ppt);
    CALL_R(cur_db_catalog(cdb, &cat));
    CALL_R(isam_catalog_seek_table(sess, (uint32_t)dbid, cat, szName, &t));
    err = cur_table_get_objid(cdb, t.objid, ppt);
    if (err == JET_errObjectNotFound)
        err = ERR_TRAP(JET_errTableLocked);
    return err;
}

static JET_ERR link_new(struct isam_session *sess, uint32_t dbid, struct cursor *c, struct isam_table **ppt)
{
    struct isam_table *t = mem_calloc(1, sizeof *t);
    *ppt = NULL;
    if (!t) {
        cur_close(c);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    t->sess = sess;
    t->dbid = dbid;
    t->c = c;
    t->levelOpen = sess->trx_level;
    t->next = sess->tables;
    sess->tables = t;
    *ppt = t;
    return JET_errSuccess;
}

/* ESE resolves a table's persisted callbacks, its user-defined defaults' and its own
 * (JET_TABLECREATE's szCallback), when it loads the table's definition (ErrCATIInitFIELD,
 * ErrCATIGetTableCallbacks), and only with JET_paramEnablePersistedCallbacks on: one it cannot
 * find fails JetOpenTable with ErrCALLBACKResolve's JET_errCallbackNotResolved. With the
 * parameter off nothing is looked for and reading such a column fails (JET_errCallbackFailed,
 * api_column.c). We look at every open (os_library_symbol keeps what it loaded). */
static JET_ERR resolve_callbacks(struct isam_session *sess, const struct catalog_table *pt)
{
    JET_ERR err = JET_errSuccess;
    JET_CALLBACK pfn;
    if (!isam_persisted_callbacks_enabled(sess)) return JET_errSuccess;
    for (; pt; pt = pt->ptTemplate) {
        for (uint32_t i = 0; i < pt->ccol; i++) {
            const struct rec_cat_column *pc = &pt->rgcol[i];
            if (pc->coltyp != JET_coltypNil && (pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT))
                CALL_R(isam_callback_resolve(pc->szCallback, &pfn));
        }
        for (uint32_t i = 0; i < pt->ccb; i++) CALL_R(isam_callback_resolve(pt->rgcb[i].szCallback, &pfn));
    }
    return err;
}

JET_ERR isam_table_open(struct isam_session *sess, JET_DBID dbid, const char *szName, JET_GRBIT grbit,
        struct isam_table **ppt)
{
    JET_ERR err;
    struct cur_db *cdb;
    struct cur_table *ptab = NULL;
    struct cursor *c = NULL;

    *ppt = NULL;
    /* ESE's ErrIsamOpenTable */
    if (grbit & (TABLE_bitDelete | TABLE_bitCreate))
        return ERR_TRAP(JET_errInvalidGrbit);
    if ((grbit & JET_bitTablePermitDDL) && !(grbit & JET_bitTableDenyRead))
        return ERR_TRAP(JET_errInvalidGrbit);
    if (!(grbit & JET_bitTablePermitDDL) && (grbit & JET_bitTableDenyRead) && (grbit & JET_bitTableReadOnly))
        return ERR_TRAP(JET_errInvalidGrbit);
    if (grbit & TABLE_bitUpdatableDuringRecovery)
        return ERR_TRAP(JET_errInvalidGrbit);
    CALL_R(isam_db_cursors(sess, dbid, &cdb));
    if (!szName || !szName[0] || strlen(szName) > JET_cbNameMost)
        return ERR_TRAP(JET_errInvalidName);
    /* JET_IndexCheckingDeferToOpenTable: the Unicode indexes' sort (isam_nls.c). */
    CALL_R(isam_nls_check_open(sess, dbid, szName, grbit));
    const JET_ERR wrnNls = err;
    reader_init(sess);
    CALL_R(isam_table_get_visible(sess, dbid, cdb, szName, &ptab));
    err = cur_open(ptab, &sess->reader, sess, grbit, &c);
    cur_table_release(ptab);
    CALL_R(err);
    const JET_ERR wrn = err != JET_errSuccess ? err : wrnNls;
    err = resolve_callbacks(sess, cur_def(c));
    if (err < 0) {
        cur_close(c);
        return err;
    }
    CALL_R(link_new(sess, dbid, c, ppt));
    TRACE("session %p opened %s (dbid %u, grbit %#x)", (void *)sess, debugstr_a(szName), (unsigned)dbid, (unsigned)grbit);
    return wrn;
}

JET_ERR isam_table_adopt(struct isam_session *sess, uint32_t dbid, struct cursor *c, struct isam_table **ppt)
{
    return link_new(sess, dbid, c, ppt);
}

JET_ERR isam_table_dup(struct isam_table *t, struct isam_table **ppt)
{
    JET_ERR err;
    struct cursor *c;
    *ppt = NULL;
    CALL_R(cur_dup(t->c, &c));
    CALL_R(link_new(t->sess, t->dbid, c, ppt));
    if (t->tt && (err = isam_temp_dup(t, *ppt)) < 0) {
        isam_table_close(*ppt);
        *ppt = NULL;
    }
    return err;
}

static void unlink_table(struct isam_table *t)
{
    for (struct isam_table **pp = &t->sess->tables; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            return;
        }
    }
}

void isam_table_close(struct isam_table *t)
{
    if (!t)
        return;
    unlink_table(t);
    cur_close(t->c);
    if (t->tt)
        isam_temp_release(t);
    mem_free(t);
}

/* Close t because ESE does: the api retires its handle first. */
static void close_by_engine(struct isam_table *t)
{
    if (g_pfnRetire)
        g_pfnRetire(t);
    isam_table_close(t);
}

void isam_tables_close_db(struct isam_session *sess, uint32_t dbid)
{
    struct isam_table *t = sess->tables, *next;
    for (; t; t = next) {
        next = t->next;
        if (t->dbid == dbid)
            close_by_engine(t);
    }
}

void isam_tables_rollback(struct isam_session *sess, uint32_t level)
{
    struct isam_table *t = sess->tables, *next;
    for (; t; t = next) {
        next = t->next;
        if (t->levelOpen > level)
            close_by_engine(t);
    }
}

void isam_tables_commit(struct isam_session *sess, uint32_t level)
{
    for (struct isam_table *t = sess->tables; t; t = t->next)
        if (t->levelOpen > level)
            t->levelOpen = level;
}

void isam_tables_close_all(struct isam_session *sess)
{
    while (sess->tables)
        close_by_engine(sess->tables);
}

JET_ERR isam_table_lock(struct isam_table *t, bool fWrite)
{
    JET_ERR err;
    struct cursor *c = t->c;
    const uint8_t *pb;
    uint32_t cb;
    /* the level is isam_node_lock's check (the api makes it before the lock kind, as ESE does) */
    if (fWrite && !c->fUpdatable)
        return ERR_TRAP(JET_errPermissionDenied);
    CALL_R(cur_record(c, &pb, &cb));
    if (!c->pt)
        return JET_errSuccess;          /* an in-memory list table: nobody else sees it */
    struct isam_db *db = isam_db_get(t->sess->inst, t->dbid);
    if (!db)
        return ERR_TRAP(JET_errInvalidDatabaseId);
    struct isam_tree tree = { db, c->td->descPrimary };
    return isam_node_lock(t->sess, c->btPrimary, &tree, fWrite);
}
