/* SPDX-License-Identifier: MIT
 * isam/isam_table.h: tables a session has open (the objects behind JET_TABLEIDs): opening,
 * duplicating and closing cursors for sessions, and closing them where ESE does (the session's
 * last JetCloseDatabase of the database, rollback of the transaction level that opened them,
 * JetEndSession). Layer: isam (uses cursor and below). Used by api.
 *
 * An isam_table wraps one cursor (cursor/cursor.h: the navigation, the keys, the columns; the
 * api layer calls the cur_* functions on t->c directly) with the session state ESE keeps in the
 * FUCB: the owning session, the database, the transaction level it was opened at. Tables are
 * used by their session's thread only (the api enters the session first).
 *
 * The write path (JetPrepareUpdate ... JetUpdate, JetDelete, DDL) reaches the cursor's table
 * definition, trees and update-buffer slot through t->c (cursor.h "The write path's state") and
 * the database through isam_table_db(). */
#ifndef ISAM_TABLE_H
#define ISAM_TABLE_H

#include "isam.h"
#include "cursor.h"

struct isam_table {
    struct isam_session *sess;
    uint32_t dbid;                  /* 0: an in-memory list table */
    struct cursor *c;
    JET_API_PTR handle;             /* the API's tableid; set by api */
    uint32_t levelOpen;             /* transaction level at open (lowered by commits) */
    struct isam_table *next;        /* in sess->tables */
    struct isam_temp *tt;           /* a temporary table's state, shared by its cursors (NULL:
                                     * an ordinary table) */
};

/* The api's hook that retires a tableid when isam closes a table by itself (rollback, the last
 * JetCloseDatabase, session end). Set once at process attach. */
void isam_table_set_retire(void (*pfn)(struct isam_table *t));

/* Answer the writer's DDL (isam_write.h): who has a table open, and a table's definition changed
 * (the cached definitions reload). Installed once at process attach. */
void isam_tables_hooks_install(void);

/* The session's reader identity (sess->reader, which its cursors read with) brought up to date
 * with its transaction: every table call does this first (api_table_enter). */
void isam_table_reader_sync(struct isam_session *sess);

/* The session's view of database dbid's catalog (catalog_reader): what its transaction sees. */
void isam_catalog_view(struct isam_session *sess, uint32_t dbid, struct catalog_reader *pview);
/* A table by name as the session sees it (ESE's ErrCATSeekTable through the session's
 * transaction): JET_errObjectNotFound when it does not see the table (created by a transaction
 * that has not committed, or committed after the session's began), JET_errTableLocked when it
 * sees a table that a transaction it does not see yet has deleted (ESE's FDeletePending). */
MUST_CHECK JET_ERR isam_catalog_seek_table(struct isam_session *sess, uint32_t dbid, struct catalog *cat,
        const char *szName, struct rec_cat_table *pt);
/* The same, giving the cached table (a reference: cur_table_release). */
MUST_CHECK JET_ERR isam_table_get_visible(struct isam_session *sess, JET_DBID dbid, struct cur_db *cdb,
        const char *szName, struct cur_table **ppt);

/* Cursors of any session whose current index is secondary index objidIndex of the table
 * (JetDeleteIndex: JET_errIndexInUse, ESE's FCB::ErrSetDeleteIndex). */
uint32_t isam_table_index_users(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable, uint32_t objidIndex);

/* JetOpenTable: dbid must be open in the session (JET_errInvalidDatabaseId). grbit as
 * JET_bitTable*: JET_errInvalidGrbit for the combinations ESE's ErrIsamOpenTable refuses. */
MUST_CHECK JET_ERR isam_table_open(struct isam_session *sess, JET_DBID dbid, const char *szName, JET_GRBIT grbit,
        struct isam_table **ppt);
/* A table around a cursor the caller made (an in-memory list table); takes the cursor over. */
MUST_CHECK JET_ERR isam_table_adopt(struct isam_session *sess, uint32_t dbid, struct cursor *c, struct isam_table **ppt);
/* JetDupCursor. */
MUST_CHECK JET_ERR isam_table_dup(struct isam_table *t, struct isam_table **ppt);
/* JetGetLock: a read or write lock on the current record until the transaction ends, as a
 * version the other sessions' writers conflict with (JET_errWriteConflict). JET_errNotInTransaction
 * at level 0, JET_errPermissionDenied for a write lock through a read-only cursor,
 * JET_errNoCurrentRecord off a record. */
MUST_CHECK JET_ERR isam_table_lock(struct isam_table *t, bool fWrite);
/* JetCloseTable (does not call the retire hook: the api retires the handle it closes). */
void isam_table_close(struct isam_table *t);

/* The database's cursor-layer state (made at first use); JET_errInvalidDatabaseId when the
 * session has not opened dbid. For the write path's DDL and the info functions. Its readers
 * consult the instance's version store. */
MUST_CHECK JET_ERR isam_db_cursors(struct isam_session *sess, JET_DBID dbid, struct cur_db **ppcdb);

/* Where ESE closes tables by itself (each calls the retire hook for every table it closes): */
/* every table of dbid the session has open (its last JetCloseDatabase of it) */
void isam_tables_close_db(struct isam_session *sess, uint32_t dbid);
/* every table opened above level (rollback to level) */
void isam_tables_rollback(struct isam_session *sess, uint32_t level);
/* a commit to level: tables opened above it now belong to it */
void isam_tables_commit(struct isam_session *sess, uint32_t level);
/* every table (the session ends) */
void isam_tables_close_all(struct isam_session *sess);

/* ---- temporary tables (isam_temp.c; README.md "Temporary tables") ----
 * A temporary table is an ordinary table in the instance's temporary database (dbid 0, made at
 * the first one, deleted at JetTerm), one session's only. ESE's sort phases are a state the api
 * checks (api_temp.c) on every call through a temporary table's cursor:
 *     INSERT  --first JetMove/JetSeek, JET_bitTTUpdatable--> TABLE
 *     INSERT  --first JetMove/JetSeek----------------------> EXTRACT (on the first record)
 *     opened materialized (no key, long values, JET_bitTTForceMaterialization): TABLE at once
 * The table is dropped once its last cursor closed, at the next safe point (outside a
 * transaction: isam_temp_drop_closed). */
enum isam_temp_phase { ISAM_TEMP_INSERT, ISAM_TEMP_EXTRACT, ISAM_TEMP_TABLE };
struct isam_temp {
    uint32_t cref;                  /* cursors on it */
    enum isam_temp_phase phase;
    JET_GRBIT grbit;                /* JET_bitTT* as opened */
    bool fSortIndex;                /* JET_bitTTForwardOnly keeping duplicates: cursors walk a
                                     * non-unique secondary index (the records are in insertion
                                     * order) */
    char szName[JET_cbNameMost + 1];
};
struct isam_temp_open {
    const JET_COLUMNDEF *rgcolumndef;
    uint32_t ccolumn;
    const JET_UNICODEINDEX2 *pidxunicode;   /* NULL: the instance's default locale and flags */
    JET_GRBIT grbit;
    uint32_t cbKeyMost, cbVarSegMac;        /* 0: JET_cbKeyMostMin, cbKeyMost */
};
/* ESE's ErrIsamOpenTempTable: JET_errTooManySorts when JET_paramMaxTemporaryTables is 0,
 * JET_errCannotMaterializeForwardOnlySort, JET_errInvalidParameter for key sizes ESE refuses.
 * rgcolumnid gets each column's id, in the caller's order. */
MUST_CHECK JET_ERR isam_temp_open(struct isam_session *sess, const struct isam_temp_open *po,
        JET_COLUMNID *rgcolumnid, struct isam_table **ppt);
/* The insert phase ends (the first JetMove or JetSeek): TABLE with JET_bitTTUpdatable, else
 * EXTRACT on the first record (JET_errNoCurrentRecord when there is none; the phase changes
 * anyway). */
MUST_CHECK JET_ERR isam_temp_end_insert(struct isam_table *t);
/* JET_TblInfo's record count (ESE counts what the sort kept). */
MUST_CHECK JET_ERR isam_temp_count(struct isam_table *t, uint64_t *pc);
/* The table hooks: a cursor was duplicated (d shares t's state; on the sort's index, and in
 * EXTRACT on the first record, as ESE's ErrIsamSortDupCursor), a cursor closed (the last one
 * queues the table's drop). */
MUST_CHECK JET_ERR isam_temp_dup(struct isam_table *t, struct isam_table *d);
void isam_temp_release(struct isam_table *t);
/* Drop the temporary tables whose last cursor closed, if sess is outside a transaction (a
 * drop inside one would come back with its rollback). */
void isam_temp_drop_closed(struct isam_session *sess);
/* JetTerm (every session ended): the temporary database is closed and its file deleted. */
void isam_temp_term(struct isam_instance *inst);

#endif /* ISAM_TABLE_H */
