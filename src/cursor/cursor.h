/* SPDX-License-Identifier: MIT
 * cursor/cursor.h: table cursors (ESE's FUCB) and the shared table definitions they use (ESE's
 * FCB): currency, moves, seeks, index ranges, bookmarks, positions, column retrieval, long-value
 * reading, and read-only in-memory tables (the "temp tables" the info functions return).
 * Layer: cursor (uses catalog, record, btree, ver, os, base). Used by isam and api.
 *
 * Objects (README.md beside this file has the invariants and the locking):
 *   struct cur_db     per attached database: its catalog and the cache of open tables. isam
 *                     owns one per database (made at the first table open, freed at detach).
 *   struct cur_table  one per table in use (ESE's FCB), shared by every cursor on it in every
 *                     session, refcounted: its current definition, its domain locks (DenyRead,
 *                     DenyWrite) and the list of its cursors.
 *   struct cur_tdef   one definition of a table (a loaded catalog_table plus the tree
 *                     descriptions of its primary tree, secondary indexes and LV tree). Immutable
 *                     once published and refcounted: DDL publishes a new one
 *                     (cur_table_set_definition) and every cursor switches to it at its next call,
 *                     while a call in progress keeps the one it started with.
 *   struct cursor     one per tableid (ESE's FUCB): the reader identity of its session, the
 *                     current index, btree cursors on the primary tree and the current secondary
 *                     index, currency, the search key of JetMakeKey, the index range, the current
 *                     record's bytes, and the slot of the write path's update buffer.
 *
 * Visibility. Every node the cursor lands on whose page flags carry PAGE_NODE_VERSIONED goes
 * through ver_store_view with the cursor's actor: VER_VIEW_ABSENT nodes are skipped,
 * VER_VIEW_IMAGE nodes read as their image, VER_VIEW_PAGE nodes as the page has them (skipped when
 * flag-deleted). Nodes without the bit are read as the page has them, flag-deleted ones skipped.
 * A cur_db without a version store reads every node as its page has it.
 *
 * Threads: a cursor is used by one thread at a time (its session's). cur_db and cur_table are
 * shared; their lists and locks are under the cur_db's mutex. */
#ifndef CURSOR_H
#define CURSOR_H

#include "base.h"
#include "btree.h"
#include "catalog.h"
#include "record.h"
#include "ver_store.h"

/* ======================================================================== databases ======== */

struct cur_db;
/* The cursor layer's state for an attached database (dbid is isam's, for version-store node ids).
 * The catalog is opened at the first table access. */
MUST_CHECK JET_ERR cur_db_open(struct bt_db *btdb, uint32_t dbid, uint32_t cbPage, bool fReadOnly,
        struct cur_db **ppcdb);
/* Every cursor must have been closed. Frees the table cache. */
void cur_db_close(struct cur_db *cdb);
/* The version store readers consult (NULL: every node as its page has it). Set before use. */
void cur_db_set_ver_store(struct cur_db *cdb, struct ver_store *vs);
struct bt_db *cur_db_bt(const struct cur_db *cdb);
uint32_t cur_db_cbpage(const struct cur_db *cdb);
bool cur_db_read_only(const struct cur_db *cdb);
/* The database's catalog (opened on first use). */
MUST_CHECK JET_ERR cur_db_catalog(struct cur_db *cdb, struct catalog **ppcat);
/* Number of open cursors on tables of the database (real tables only). */
uint32_t cur_db_cursor_count(struct cur_db *cdb);

/* ======================================================================== tables (FCB) ===== */

struct cur_tdef {
    uint32_t cref;                      /* atomic */
    struct catalog_table *pt;           /* the catalog's definition (owned) */
    const struct rec_schema *ps;        /* the record layer's schema: &pt->schema, or MSysObjects'
                                         * built-in one */
    struct rec_schema schemaSys;
    struct bt_tree_desc descPrimary;    /* the table's own tree (records by primary key or DBK) */
    struct bt_tree_desc *rgdescIdx;     /* one per pt->rgidx (the primary index: descPrimary) */
    bool fLV;
    struct bt_tree_desc descLV;
    uint32_t cbLVChunkMost;             /* the table's LVChunkMax, or the page size's default */
    uint32_t cbSeparateLV;              /* intrinsic long values up to this size */
};

/* Domain locks (ESE's FCB deny flags), for cur_open's grbits. */
struct cur_table {
    struct cur_db *cdb;
    uint32_t objid;
    uint32_t pgnoFDP;
    char szName[JET_cbNameMost + 1];
    uint32_t cref;                      /* under the cur_db's lock */
    struct cur_tdef *tdef;              /* the current definition (under the lock; cur_tdef_get) */
    struct cur_tdef *tdefOthers;        /* while some session has DDL on the table it has not
                                         * committed: the definition the cursors of every other
                                         * session use (ESE's versioned FIELDs and IDBs), else
                                         * NULL (under the lock; cur_tdef_get_for) */
    struct cur_tdef *tdefWrite;         /* the same while: what every session's updates
                                         * maintain (the newest definition plus what a deletion
                                         * not committed yet removed), else NULL
                                         * (cur_tdef_get_write) */
    bool fDeleted;                      /* left the cache (table deleted or renamed): new opens
                                         * load again; cursors on it keep working */
    const void *ownerDenyRead;          /* the session holding DenyRead, or NULL */
    bool fDenyWrite;                    /* some cursor holds DenyWrite */
    struct cursor *cursors;             /* every cursor on the table (under the lock) */
    struct cur_table *next;             /* in the cur_db's cache */
};

/* The table by name (a cached one, or loaded from the catalog): JET_errObjectNotFound when
 * there is none. Takes a reference (cur_table_release). System tables open too. */
MUST_CHECK JET_ERR cur_table_get(struct cur_db *cdb, const char *szName, struct cur_table **ppt);
MUST_CHECK JET_ERR cur_table_get_objid(struct cur_db *cdb, uint32_t objidTable, struct cur_table **ppt);
void cur_table_release(struct cur_table *pt);
/* A reference to the table's current definition (cur_tdef_release): the newest, uncommitted DDL
 * included (what the write path maintains). */
struct cur_tdef *cur_tdef_get(struct cur_table *pt);
/* The definition updates maintain: tdefWrite while DDL is not committed, else the newest. */
struct cur_tdef *cur_tdef_get_write(struct cur_table *pt);
/* The definition owner's cursors use: the newest when owner has uncommitted DDL on the table or
 * nobody has, else the others' (tdefOthers). */
struct cur_tdef *cur_tdef_get_for(struct cur_table *pt, const void *owner);
/* Whether owner (a session) has DDL on table objidTable of database dbid it has not committed:
 * asked from owner's own thread. Installed once by isam (NULL: nobody has). */
typedef bool (*cur_own_ddl_fn)(const void *owner, uint32_t dbid, uint32_t objidTable);
void cur_set_own_ddl_fn(cur_own_ddl_fn pfn);
void cur_tdef_release(struct cur_tdef *td);
/* Build a definition from a loaded catalog_table (which it takes over, even on error). */
MUST_CHECK JET_ERR cur_tdef_new(struct cur_db *cdb, struct catalog_table *pct, struct cur_tdef **pptd);

/* ---- DDL hooks (the write path's DDL calls these; see README "DDL") ---- */
/* Publish a new definition of a table (after its catalog rows changed): cursors switch at their
 * next call; the old one is freed when the last call using it ends. Takes over td. */
void cur_table_set_definition(struct cur_table *pt, struct cur_tdef *td);
/* Reload the definition of table objidTable from the catalog, if it is in the cache. */
MUST_CHECK JET_ERR cur_table_reload(struct cur_db *cdb, uint32_t objidTable);
/* Set (taken over) or clear (NULL) the definitions the other sessions' cursors use and the
 * updates maintain while DDL on the table is not committed (struct cur_table's tdefOthers and
 * tdefWrite); cursors switch at their next call. Nothing happens (both are released) when the
 * table is not cached. */
void cur_table_set_others(struct cur_db *cdb, uint32_t objidTable, struct cur_tdef *tdOthers,
        struct cur_tdef *tdWrite);
/* Whether the table is cached with a definition for the others (tdefOthers). */
bool cur_table_has_others(struct cur_db *cdb, uint32_t objidTable);
/* The table leaves the cache (deleted or renamed): the next open loads it again by name. */
void cur_table_invalidate(struct cur_db *cdb, uint32_t objidTable);
/* Cursors on table objidTable whose current index is the secondary index objidIndex, whoever
 * owns them (ESE's IDB CrefCurrentIndex: JetDeleteIndex gives JET_errIndexInUse). */
uint32_t cur_table_index_users(struct cur_db *cdb, uint32_t objidTable, uint32_t objidIndex);
/* Cursors open on table objidTable: the number owned by others than owner; *pfByOwner whether
 * owner has one (DeleteTable / RenameTable: JET_errTableInUse). */
uint32_t cur_table_users(struct cur_db *cdb, uint32_t objidTable, const void *owner, bool *pfByOwner);

/* ======================================================================== cursors (FUCB) ==== */

enum cur_loc {
    CUR_LOC_DEFER_FIRST,    /* just opened or index just set: the first entry, at first use */
    CUR_LOC_BEFORE_FIRST,
    CUR_LOC_AFTER_LAST,
    CUR_LOC_ON,             /* on an entry (the btree cursors stand on it) */
    CUR_LOC_GAP,            /* at a position between entries (bmGap): a failed seek */
};

/* A growable byte buffer owned by a cursor. */
struct cur_buf {
    uint8_t *pb;
    uint32_t cb;
    uint32_t cbMax;
};

struct cur_mem;             /* an in-memory table (cur_mem_*) */
struct cur_filter;          /* JetSetCursorFilter's conditions */
struct cursor;

/* The write path's hooks on a cursor (JetPrepareUpdate/JetUpdate own the update buffer). */
struct cur_update_ops {
    /* The update in progress is cancelled (the cursor moves, seeks, changes index, closes):
     * ESE's PrepareUpdate(JET_prepCancel) before navigation. */
    void (*cancel)(struct cursor *c);
    /* Free the update buffer (the cursor closes). */
    void (*free)(struct cursor *c);
};

struct cursor {
    struct cur_table *pt;           /* NULL for an in-memory table */
    struct cur_tdef *td;            /* the definition this cursor uses now */
    struct cur_mem *mem;            /* an in-memory table (pt is NULL) */
    const struct ver_actor *pactor; /* the session's reader identity (owned by the session) */
    const void *owner;              /* the session (domain locks) */
    JET_GRBIT grbitOpen;
    bool fUpdatable;                /* not JET_bitTableReadOnly, database not read-only */
    bool fDenyRead, fDenyWrite;     /* domain locks this cursor holds */
    bool fPermitDDL;
    bool fSequential;               /* JET_bitTableSequential / JetSetTableSequential (a hint) */
    struct cursor *nextOfTable;

    /* current index: -1 the primary (or sequential) index, else an index of td->pt->rgidx */
    int32_t iidx;
    uint32_t objidIdx;              /* its objid (the definition may change under it) */
    struct bt_cursor *btPrimary;
    struct bt_cursor *btIndex;      /* on the current secondary index (NULL on the primary) */
    struct bt_cursor *btLV;         /* opened at the first separated long value */

    /* currency */
    enum cur_loc loc;
    struct cur_buf bmIdx;           /* ON: the entry's key (+ data on a non-unique index); GAP:
                                     * the position's key */
    uint32_t cbBmIdxKey;            /* key part of bmIdx */
    struct cur_buf pk;              /* ON: the record's primary key (its bookmark) */
    struct cur_buf rec;             /* ON: the record's bytes as this reader sees them */
    struct rec_view viewRec;        /* rec checked (rec_view_init), while fViewRec: a record
                                     * read again unchanged is not checked again */
    bool fViewRec;
    /* rec is the node's data as its page holds it (no version-store image), read in a call that
     * began at dbtimeRec (the database's dbtime counter, bt_db_dbtime). While the counter stays
     * there no page changed, so rec is still what a read from the page would give, provided the
     * node has no PAGE_NODE_VERSIONED bit (fRecVersioned) or the version store is empty. */
    bool fRecPage;
    bool fRecVersioned;
    uint64_t dbtimeRec;
    uint64_t dbtimeCall;            /* the counter when the current call began (cur_sync) */
    bool fReadBatch;                /* cur_read_batch_begin .. end: one API call reading columns */
    bool fReadBatchRec;             /* rec was read from its page in this batch (the cursor was
                                     * synced: later reads of the batch skip cur_sync) */
    /* The columns cur_retrieve_column looked up last, by columnid (slot columnid % 4), for the
     * definition in use: cleared when cur_sync switches to a new one. */
    JET_COLUMNID rgcolidCache[4];
    const struct rec_column *rgpcCache[4];
    struct cur_buf idxData;         /* ON on a secondary index: the entry's data (primary key) */
    uint32_t irowMem;               /* ON, in-memory table: the row */

    /* JetMakeKey's search key (cbKeyMost + 1 bytes at most: limit keys carry a 0xFF suffix) */
    uint8_t *pbKey;
    uint32_t cbKey;
    uint32_t csegKey;               /* columns in the key */
    bool fKeyPrepared;
    bool fKeyLimit;                 /* a limit was set: no more segments */
    bool fKeyTooBig;                /* a segment was cut: later segments add nothing */

    /* index range (JetSetIndexRange) */
    bool fRange;
    bool fRangeUpper, fRangeInclusive;
    uint8_t *pbRange;
    uint32_t cbRange;

    /* JetSetCursorFilter: the conditions (owned), applied to moves on a secondary index */
    struct cur_filter *filter;

    /* The write path's state (JetPrepareUpdate ... JetUpdate). The cursor layer only calls ops
     * and, while fUpdatePrepared, reads the copy buffer's record at pbCopy[0..cbCopy) for
     * JET_bitRetrieveCopy and JET_bitRecordSizeInCopyBuffer. */
    void *pvUpdate;
    const struct cur_update_ops *pupdops;
    bool fUpdatePrepared;
    const uint8_t *pbCopy;
    uint32_t cbCopy;
};

/* Open a cursor on a table (takes its own reference on pt). grbit: JET_bitTable* (ReadOnly,
 * Updatable, DenyRead, DenyWrite, PermitDDL, Sequential, ...); the domain checks are ESE's
 * (JET_errTableLocked, JET_errTableInUse, JET_wrnTableInUseBySystem never: we have no system
 * sessions). The cursor is CUR_LOC_DEFER_FIRST on the primary index. */
MUST_CHECK JET_ERR cur_open(struct cur_table *pt, const struct ver_actor *pactor, const void *owner, JET_GRBIT grbit,
        struct cursor **ppc);
/* JetDupCursor: a new cursor on the same table, on its primary index, DEFER_FIRST (ESE copies
 * only the updatable flag: no domain locks, no index, no key). */
MUST_CHECK JET_ERR cur_dup(struct cursor *c, struct cursor **ppc);
/* Cancels the update in progress (ops), releases locks and trees. NULL is fine. */
void cur_close(struct cursor *c);
/* Switch to the table's newest definition if DDL published one; called by every cur_* entry. */
MUST_CHECK JET_ERR cur_sync(struct cursor *c);
/* The definition in use (after cur_sync). */
static inline const struct catalog_table *cur_def(const struct cursor *c) { return c->td ? c->td->pt : NULL; }
/* The write path's update is cancelled if one is prepared (ops->cancel). */
void cur_cancel_update(struct cursor *c);

/* ---- moving (cur_nav.c) ---- */
/* JetMove: JET_MoveFirst, JET_MoveLast, JET_MoveNext/Previous, +-n; grbit JET_bitMoveKeyNE.
 * JET_errNoCurrentRecord past either end (the cursor then sits after the last / before the
 * first entry). crow 0 checks the current record (JET_errNoCurrentRecord, JET_errRecordDeleted). */
MUST_CHECK JET_ERR cur_move(struct cursor *c, int32_t crow, JET_GRBIT grbit);
/* JetSeek with the search key (JET_errKeyNotMade without one): JET_bitSeekEQ/LT/LE/GE/GT,
 * JET_bitSetIndexRange (with EQ), JET_wrnSeekNotEqual, JET_errRecordNotFound. */
MUST_CHECK JET_ERR cur_seek(struct cursor *c, JET_GRBIT grbit);
/* JetSetIndexRange with the search key: JET_bitRangeUpperLimit, Inclusive, InstantDuration,
 * Remove. JET_errNoCurrentRecord when the current entry is outside the range. */
MUST_CHECK JET_ERR cur_set_index_range(struct cursor *c, JET_GRBIT grbit);
/* The current record for a read: JET_errNoCurrentRecord / JET_errRecordDeleted; *ppb, *pcb the
 * record as this reader sees it (valid until the cursor's next call). DEFER_FIRST moves first. */
MUST_CHECK JET_ERR cur_record(struct cursor *c, const uint8_t **ppb, uint32_t *pcb);
/* The current entry's primary key (the record's bookmark). */
MUST_CHECK JET_ERR cur_bookmark(struct cursor *c, const uint8_t **ppb, uint32_t *pcb);
/* The current secondary index entry: its key and data (JET_errNoCurrentIndex on the primary). */
MUST_CHECK JET_ERR cur_index_bookmark(struct cursor *c, const uint8_t **ppbKey, uint32_t *pcbKey,
        const uint8_t **ppbData, uint32_t *pcbData);
/* JetGotoBookmark: the record with this primary key, and on a secondary index its first entry
 * whose data is that key (JET_errRecordDeleted when none: ESE's rule for a record not in the
 * index is JET_errNoCurrentRecord on the index, see README). JET_errRecordDeleted when the
 * record does not exist. Removes the index range. */
MUST_CHECK JET_ERR cur_goto_bookmark(struct cursor *c, const void *pvBm, uint32_t cbBm);
/* JetGotoSecondaryIndexBookmark (grbit JET_bitBookmarkPermitVirtualCurrency). */
MUST_CHECK JET_ERR cur_goto_index_bookmark(struct cursor *c, const void *pvKey, uint32_t cbKey, const void *pvData,
        uint32_t cbData, JET_GRBIT grbit);
/* JetGetCursorInfo: JET_errNoCurrentRecord off a record, JET_errWriteConflict when another
 * session has an uncommitted change on it. */
MUST_CHECK JET_ERR cur_check_not_in_conflict(struct cursor *c);
/* JetGetRecordPosition: where the current entry sits in the current index, as ESE estimates it
 * from the path through the tree (bt_position: exact on a one-page index, never a count of the
 * records; deleted and uncommitted entries count). In-memory tables: exact. */
MUST_CHECK JET_ERR cur_position(struct cursor *c, uint64_t *pcLT, uint64_t *pcTotal);
/* JetGotoPosition: the entry about cLT/cTotal of the way through the index (bt_goto_fraction),
 * or the nearest one this reader sees after it (before it, at the end). */
MUST_CHECK JET_ERR cur_goto_position(struct cursor *c, uint64_t cLT, uint64_t cTotal);
/* JetIndexRecordCount: entries from the current one to the end of the range (or index), at
 * most cMax (0: no limit). The cursor stays where it was. */
MUST_CHECK JET_ERR cur_count(struct cursor *c, uint64_t cMax, uint64_t *pc);

/* ---- indexes and keys (cur_key.c) ---- */
/* JetSetCurrentIndex: szIndex NULL or "" the primary index; grbit JET_bitMoveFirst/NoMove;
 * itag for a multi-valued index (NoMove). JET_errIndexNotFound. */
MUST_CHECK JET_ERR cur_set_index(struct cursor *c, const char *szIndex, const JET_INDEXID *pindexid,
        JET_GRBIT grbit, uint32_t itagSequence);
/* The current index's name ("" for a table without primary index on its sequential index). */
void cur_index_name(const struct cursor *c, char *sz, size_t cb);
/* The rec_index and definition row of the current index (NULL: sequential). */
const struct rec_index *cur_index(const struct cursor *c, const struct rec_cat_index **ppci);
/* JetMakeKey (every JET_bit of it). */
MUST_CHECK JET_ERR cur_make_key(struct cursor *c, const void *pv, uint32_t cb, JET_GRBIT grbit);
/* JetRetrieveKey: the search key (JET_bitRetrieveCopy) or the current entry's key. */
MUST_CHECK JET_ERR cur_retrieve_key(struct cursor *c, void *pv, uint32_t cbMax, uint32_t *pcbActual, JET_GRBIT grbit);

/* ---- columns (cur_col.c) ---- */
/* A column of the table by columnid (NULL: JET_errColumnNotFound). */
const struct rec_column *cur_column(const struct cursor *c, JET_COLUMNID columnid);
const struct rec_cat_column *cur_column_def(const struct cursor *c, JET_COLUMNID columnid);
static inline JET_COLUMNID cur_columnid(const struct rec_column *pc)
{
    return pc->fid | (pc->fTemplate ? REC_COLUMNID_TEMPLATE : 0u);
}
/* JetRetrieveColumn on the current record (or the copy buffer with JET_bitRetrieveCopy):
 * columnid 0 walks the tagged columns (itagSequence-th value, its columnid in *pcolumnidNext);
 * ibLongValue, itagSequence, JET_bitRetrieveTag/FromIndex/FromPrimaryBookmark/Null/
 * IgnoreDefault/LongId/LongValueRefCount. JET_wrnBufferTruncated with the whole size in
 * *pcbActual, JET_wrnColumnNull. *pitagOut: the itagSequence used (RetrieveTag). */
struct cur_retrieve {
    JET_COLUMNID columnid;
    void *pv;
    uint32_t cbMax;
    uint32_t cbActual;
    JET_GRBIT grbit;
    uint32_t ibLongValue;
    uint32_t itagSequence;
    JET_COLUMNID columnidNextTagged;
    JET_ERR err;
};
/* WRN_CUR_USER_DEFINED_DEFAULT: the column has no value and its default comes from its
 * user-defined default callback (ESE's wrnRECUserDefinedDefault), which only the api layer can
 * call (it needs the handles); pr->cbActual is 0. */
#define WRN_CUR_USER_DEFINED_DEFAULT (WRN_INTERNAL_BASE + 0x200)
MUST_CHECK JET_ERR cur_retrieve_column(struct cursor *c, struct cur_retrieve *pr);
/* Around the column reads of one API call (JetRetrieveColumns): the record is read from its
 * page once, at the first read, and every later read in the batch uses that copy, so all the
 * columns come from one version of the record (as ESE reads them under one latch) and the page
 * is latched once instead of once per column. */
void cur_read_batch_begin(struct cursor *c);
void cur_read_batch_end(struct cursor *c);
/* Number of values of a column (itagSequence 0 of JetRetrieveColumns). */
MUST_CHECK JET_ERR cur_count_values(struct cursor *c, JET_COLUMNID columnid, bool fCopy, uint32_t *pc);
/* JetEnumerateColumns: fills the arrays through pfnRealloc as ESE does. */
MUST_CHECK JET_ERR cur_enumerate_columns(struct cursor *c, uint32_t cEnumColumnId, const JET_ENUMCOLUMNID *rgEnumColumnId,
        uint32_t *pcEnumColumn, JET_ENUMCOLUMN **prgEnumColumn, JET_PFNREALLOC pfnRealloc, void *pvReallocContext,
        uint32_t cbDataMost, JET_GRBIT grbit);
/* JetGetRecordSize2 (JET_bitRecordSizeInCopyBuffer, RunningTotal, Local). */
MUST_CHECK JET_ERR cur_record_size(struct cursor *c, JET_RECSIZE2 *prs, JET_GRBIT grbit);
/* Read bytes [ib, ib + cbMax) of separated long value lid of the cursor's table into pv;
 * *pcbActual receives size - ib (0 past the end). JET_errDatabaseCorrupted when the LV tree does
 * not hold it whole. */
MUST_CHECK JET_ERR cur_lv_read(struct cursor *c, uint64_t lid, uint32_t ib, void *pv, uint32_t cbMax, uint32_t *pcbActual);
/* The LV's root: its size and reference count. */
MUST_CHECK JET_ERR cur_lv_root(struct cursor *c, uint64_t lid, struct rec_lvroot *proot);
/* A column value of record prv, whole (separated values read, compressed ones decompressed):
 * mem_alloc'ed into *ppb (NULL for NULL). */
MUST_CHECK JET_ERR cur_value_fetch(struct cursor *c, const struct rec_value *pval, uint8_t **ppb, uint32_t *pcb);

/* ---- cursor filters (cur_nav.c) ---- */
MUST_CHECK JET_ERR cur_set_filter(struct cursor *c, const JET_INDEX_COLUMN *rgFilters, uint32_t cFilters, JET_GRBIT grbit);

/* ======================================================================== in-memory tables == */
/* A read-only table held in memory: columns of a rec_schema and records encoded by the record
 * layer, in insertion order; the "temp tables" of JET_ColInfoList, JET_IdxInfoList,
 * JET_ObjInfoList, JetIntersectIndexes. A cursor on one moves, retrieves columns, reads
 * bookmarks and positions like any other; seeks and updates are refused. */
struct cur_mem_column {
    const char *szName;
    uint32_t coltyp;
    uint32_t cbMax;             /* fixed: the size */
    uint16_t cp;
};
MUST_CHECK JET_ERR cur_mem_new(const struct cur_mem_column *rgcol, uint32_t ccol, struct cur_mem **ppm);
/* The columnid of column icol (as given to cur_mem_new). */
JET_COLUMNID cur_mem_columnid(const struct cur_mem *m, uint32_t icol);
/* Start a new row; set values; end it. pv NULL (or cb 0 for fixed columns) leaves it NULL. */
MUST_CHECK JET_ERR cur_mem_row_begin(struct cur_mem *m);
MUST_CHECK JET_ERR cur_mem_set(struct cur_mem *m, uint32_t icol, const void *pv, uint32_t cb);
MUST_CHECK JET_ERR cur_mem_row_end(struct cur_mem *m);
uint32_t cur_mem_rows(const struct cur_mem *m);
/* A cursor on the table (which it takes over: freed with the cursor). */
MUST_CHECK JET_ERR cur_mem_open(struct cur_mem *m, struct cursor **ppc);
void cur_mem_free(struct cur_mem *m);

/* ======================================================================== info (cur_info.c) == */
/* What JetGetTableColumnInfo and friends report for a definition. */
JET_GRBIT cur_info_column_grbit(const struct rec_cat_column *pc, bool fUpdatable);
void cur_info_columndef(const struct rec_cat_column *pc, bool fUpdatable, JET_COLUMNDEF *pdef);
JET_GRBIT cur_info_index_grbit(const struct rec_cat_index *pi);
/* JET_OBJECTINFO.flags of a table (system, fixed DDL, template, derived). */
uint32_t cur_info_table_flags(const struct rec_cat_table *pt);
/* The list tables (a cursor on an in-memory table on its first row, and the struct naming its
 * columns; tableid is left 0 for the caller): JET_ColInfoList (grbit: JET_ColInfoGrbit*),
 * JET_IdxInfoList (szIndex NULL or "": every index), JET_ObjInfoList (every table, in container
 * "Tables", with the catalog's stored flags; no rows unless fTables: another object type). Text
 * columns are UTF-16 when fUnicode (the W functions). */
MUST_CHECK JET_ERR cur_info_column_list(const struct catalog_table *pt, bool fUnicode, JET_GRBIT grbit, bool fUpdatable,
        struct cursor **ppc, JET_COLUMNLIST *pl);
MUST_CHECK JET_ERR cur_info_index_list(const struct catalog_table *pt, const char *szIndex, bool fUnicode,
        struct cursor **ppc, JET_INDEXLIST *pl);
/* The tables as pview's reader sees them (NULL: the newest catalog). */
MUST_CHECK JET_ERR cur_info_object_list(struct cur_db *cdb, const struct catalog_reader *pview, bool fUnicode,
        bool fUpdatable, bool fTables, struct cursor **ppc, JET_OBJECTLIST *pl);
/* JetIntersectIndexes: the primary bookmarks found from each cursor's current entry to the end
 * of its index range (the cursors move there) in every one of them, as an in-memory table of one
 * binary column, sorted (*ppc NULL and *pcRecord 0 when a range is empty, as ESE returns). The
 * cursors must be on different secondary indexes of one table (JET_errInvalidParameter). */
MUST_CHECK JET_ERR cur_intersect(struct cursor *const *rgc, uint32_t cc, struct cursor **ppc, uint32_t *pcRecord,
        JET_COLUMNID *pcolumnidBookmark);

#endif /* CURSOR_H */
