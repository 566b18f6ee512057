/* SPDX-License-Identifier: MIT
 * isam/isam_db.h: attached databases (ESE's FMP), the instance's log and checkpoints, and the
 * transactional node operations the upper layers build on. Internal to isam; the api layer calls
 * the functions declared in isam.h.
 *
 * Database states (under the instance's db_lock):
 *     (none) --create/attach--> ATTACHED --detach--> (none)
 * While attached the file is open exclusively (read-only attaches share reading), registered with
 * the cache, and its header on disk says "dirty shutdown" with the log it belongs to. Detach and
 * JetTerm flush every page and write the header back as "clean shutdown" (ESE-FORMAT-NOTES §14).
 *
  * dbids (JET_DBID) are 1..ISAM_DB_SLOTS-1 per instance, as in ESE (0 is the temporary database). */
#ifndef ISAM_DB_H
#define ISAM_DB_H

#include "isam.h"
#include "cache.h"
#include "log.h"
#include "space.h"
#include "btree.h"
#include "page.h"
#include "ver.h"

struct cur_db;
struct isam_db {
    struct isam_instance *inst;
    uint32_t dbid;
    ESENT_WCHAR *wszPath;           /* full path */
    struct os_file *file;
    struct cache_file *cfile;
    struct space_db sdb;
    struct bt_db *btdb;
    uint32_t cbPage;
    JET_GRBIT grbit;                /* JET_bitDbReadOnly, JET_bitDbExclusive, ... as attached */
    bool fReadOnly;
    bool fDetaching;                /* atomic: set by isam_ver_detach_db; the version store's
                                     * cleanup hooks leave the database alone from then on */
    uint64_t dbtime;                /* atomic: the cache stamps pages from it */
    uint32_t objidLast;             /* atomic */
    bool fObjidChecked;             /* atomic: objidLast raised to the catalog's highest objid
                                     * (isam_db_objid_new, first DDL after the attach) */
    struct os_mutex tstate_lock;    /* tstates */
    struct isam_tstate *tstates;    /* writers' per-table counters (isam_update.c) */
    struct os_mutex hdr_lock;       /* hdr and header writes */
    struct db_header hdr;           /* as last written */
    uint32_t cOpen;                 /* JetOpenDatabase count over all sessions (under db_lock) */
    struct isam_session *sessExclusive; /* JET_bitDbExclusive holder */
    /* Online backup (isam_backup.c), under the instance's db_lock: */
    bool fInBackup;                 /* part of the backup in progress (ESE's FInBackupSession) */
    bool fBackupCopyDone;           /* its copy was read to the end and closed */
    /* Tables (isam_table.c): the cursor layer's table cache, made at the first table opened
     * (under the instance's db_lock), freed with the database. */
    struct cur_db *cdb;
};

/* The file system the instance works on: the real one, or a test double set on its parameter
 * store (param_store_set_vfs). */
struct os_vfs *isam_vfs(const struct isam_instance *inst);

/* The instance side (fields of struct isam_instance reached through these). */
struct isam_db *isam_db_get(struct isam_instance *inst, uint32_t dbid);

/* Header field helpers: the wall clock as a LOGTIME, an LSN as ESE's LGPOS. */
struct db_logtime isam_logtime_now(void);
struct db_lgpos isam_lgpos_of(lsn_t lsn);

/* Write the header (and its shadow) from db->hdr with the given state; syncs. */
MUST_CHECK JET_ERR isam_db_write_header(struct isam_db *db);

/* ---- logging, checkpoints (isam_log.c) ---- */
MUST_CHECK JET_ERR isam_log_open(struct isam_instance *inst);
MUST_CHECK JET_ERR isam_log_start(struct isam_instance *inst);
MUST_CHECK JET_ERR isam_checkpoint(struct isam_instance *inst);
/* A checkpoint, and what it recorded: the redo point, the first record of the oldest open
 * transaction (LSN_NONE: none), and a mem_alloc'd copy of its data (the attached databases and
 * open transactions, in the format load_checkpoint reads). */
struct isam_ckpt {
    lsn_t lsnRedo, lsnKeep;
    void *pvData;
    size_t cbData;
};
MUST_CHECK JET_ERR isam_checkpoint_ex(struct isam_instance *inst, struct isam_ckpt *pout);
void isam_log_term(struct isam_instance *inst, bool fClean);
/* The log is to be flushed through lsn within cms ms (a lazy commit's cmsecDurableCommit): the
 * checkpoint thread does it by then (the earliest deadline and the highest LSN asked for). */
void isam_log_schedule_flush(struct isam_instance *inst, lsn_t lsn, uint32_t cms);
MUST_CHECK JET_ERR isam_log_db_record(struct isam_instance *inst, uint8_t type, const struct isam_db *db,
                                      uint32_t cpg, lsn_t *plsn);

/* ---- the process-wide cache ---- */
MUST_CHECK JET_ERR isam_cache_acquire(struct isam_instance *inst);
void isam_cache_release(struct isam_instance *inst);

/* ---- recovery (isam_recovery.c) ---- */
MUST_CHECK JET_ERR isam_recover(struct isam_instance *inst);
/* Recovery from lsnRedo, with the attached databases and open transactions of pvCkpt (a
 * checkpoint's data; isam_recover passes the checkpoint file's, a restore its backup mark's). */
MUST_CHECK JET_ERR isam_recover_from(struct isam_instance *inst, lsn_t lsnRedo, const void *pvCkpt, size_t cbCkpt);

/* ---- restore (isam_restore.c) ---- */
/* While inst->restore is set: where the database the log names as wszPath is restored
 * (*pwszUse, mem_alloc'd), or NULL when the restore leaves it out (its records are skipped).
 * JetRestore copies the backup's copy into place the first time the log names it. */
MUST_CHECK JET_ERR isam_restore_map_path(struct isam_instance *inst, const ESENT_WCHAR *wszPath, bool fCreate,
                                         ESENT_WCHAR **pwszUse);

/* ---- paths (isam_backup.c) ---- */
/* dir + a separator when it has none + name (+ a separator with fFolder); NULL: no memory. */
ESENT_WCHAR *isam_path_join(const ESENT_WCHAR *wszDir, const ESENT_WCHAR *wszName, bool fFolder);
/* The last component of a path. */
const ESENT_WCHAR *isam_path_leaf(const ESENT_WCHAR *wszPath);
/* Create every folder of wszDir that is missing. */
MUST_CHECK JET_ERR isam_mkdir_p(struct os_vfs *vfs, const ESENT_WCHAR *wszDir);
/* The log signature's 28 bytes (ESE's SIGNATURE layout) as a header field. */
void isam_signature_from_bytes(struct db_signature *sig, const uint8_t raw[28]);

/* ---- online backup (isam_backup.c) ---- */
/* The oldest LSN the backup in progress needs kept (LSN_NONE: no backup). Lock-free. */
lsn_t isam_backup_keep(struct isam_instance *inst);
/* End the backup in progress, if any, without updating headers (JetTerm, before the databases
 * are detached); releases its files and databases. */
void isam_backup_abort(struct isam_instance *inst);
/* Free the backup state (the storage engine is going away). */
void isam_backup_free(struct isam_instance *inst);

/* ---- opening and closing database files (isam_db.c) ---- */
/* Attach an existing file as dbid (recovery uses fDirtyOk to take a dirty database). */
MUST_CHECK JET_ERR isam_db_open_file(struct isam_instance *inst, uint32_t dbid, const ESENT_WCHAR *wszFull,
                                     JET_GRBIT grbit, bool fDirtyOk, struct isam_db **ppdb);
/* Recovery: create (or truncate) the file of a database whose creation the log replays. */
MUST_CHECK JET_ERR isam_db_create_file_for_redo(struct isam_instance *inst, uint32_t dbid, const ESENT_WCHAR *wszFull,
                                                uint32_t cbPage, uint32_t cpg, JET_GRBIT grbit, struct isam_db **ppdb);
/* Flush, write the header clean, close, free; the slot is emptied. */
MUST_CHECK JET_ERR isam_db_close_file(struct isam_db *db, bool fClean);
/* Grow callback for the space layer: extend the file and log LOG_REC_DB_GROW. */
JET_ERR isam_db_grow(void *pvCtx, uint32_t cpgNew);

/* ---- node operations inside transactions (isam_node.c) ---- */
struct isam_tree {
    struct isam_db *db;
    struct bt_tree_desc desc;
};
MUST_CHECK JET_ERR isam_node_insert(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t,
                                    const void *pvKey, uint32_t cbKey, const void *pvData, uint32_t cbData);
MUST_CHECK JET_ERR isam_node_replace(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t,
                                     const void *pvData, uint32_t cbData);
MUST_CHECK JET_ERR isam_node_flag_delete(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t);
/* A new FDP of cpg pages under pgnoParent (space_create_child's work) whose undo gives the space
 * back (rollback and recovery; DDL: a table, index or LV tree created in a transaction). */
MUST_CHECK JET_ERR isam_node_create_fdp(struct isam_session *sess, struct isam_db *db, uint32_t pgnoParent,
                                        uint32_t cpg, uint32_t objid, uint32_t fTypeFlags, bool fMultiple,
                                        uint32_t *ppgnoFDP);
/* Escrow update (JetEscrowUpdate): add delta to the cb-byte (4 or 8) little-endian counter at
 * ibOffset of the current node's data; *pqwBefore gets the value before. Its undo is the opposite
 * delta applied to the node as it is then (VER_CHANGE_DELTA: concurrent deltas commute). */
/* ESE's FVersionedCreate of a primary index (FCB::ErrSetUpdatingAndEnterDML): a primary index
 * created in sess's open transaction (isam_ver_pidx_created) makes other sessions' inserts,
 * replaces and deletes of the table JET_errWriteConflictPrimaryIndex (isam_ver_pidx_check) until
 * the level-0 commit, or the rollback of the level that made it (isam_ver_pidx_level). */
void isam_ver_pidx_created(struct isam_session *sess, uint32_t dbid, uint32_t objidTable);
MUST_CHECK JET_ERR isam_ver_pidx_check(struct isam_session *sess, uint32_t dbid, uint32_t objidTable);
void isam_ver_pidx_level(struct isam_session *sess, uint32_t level, bool fCommit);
/* DDL in a transaction changed the definition of table objidTable (isam_ddl_table_changed
 * calls this after publishing the new definition): a rollback of the level publishes the
 * definition again as the catalog has it then, for every session's cursors (isam_session.c). */
void isam_trx_ddl_changed(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable);
/* Whether the session's transaction has DDL on the table it has not committed (its own thread). */
bool isam_trx_ddl_owns(const struct isam_session *sess, JET_DBID dbid, uint32_t objidTable);
/* grbitVer: ver_store_changed_delta's (VER_DELTA_FINALIZE for a delete-on-zero / finalize
 * column: version cleanup then calls isam_escrow_finalize). */
MUST_CHECK JET_ERR isam_node_delta(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t,
                                   uint32_t ibOffset, uint32_t cb, int64_t delta, unsigned grbitVer, uint64_t *pqwBefore);
/* Tests only (NULL in the product): called by isam_node_delta after its first read of the node
 * and before it registers its version, and by isam_node_delta_no_version between its read of
 * the node and its write, both with the node's delta lock held (a replace or its undo started
 * from the seam waits for the delta: run it on another thread). */
extern void (*isam_node_delta_seam)(void *pvCtx);
extern void *isam_node_delta_seam_ctx;
/* The same without a version (JET_bitEscrowNoRollback, ESE's fDIRNoVersion): logged for redo
 * only, never undone by a rollback of the transaction, seen by every reader at once. */
MUST_CHECK JET_ERR isam_node_delta_no_version(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t,
                                              uint32_t ibOffset, uint32_t cb, int64_t delta, uint64_t *pqwBefore);
/* Free the writers' per-table counters (isam_wint.h) when the database closes. */
void isam_tstate_free_all(struct isam_db *db);
/* Take JetGetLock's lock on the current node (fWrite: JET_bitWriteLock, else JET_bitReadLock)
 * until the transaction ends: JET_errWriteConflict if another transaction holds a conflicting
 * change or lock. */
MUST_CHECK JET_ERR isam_node_lock(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t, bool fWrite);

/* The version store (isam_ver.c). */
MUST_CHECK JET_ERR isam_ver_open(struct isam_instance *inst);
void isam_ver_close(struct isam_instance *inst, bool fClean);
/* A database is going away: its versions go first (flag-deleted nodes removed), and no
 * cleanup hook touches it once this returns (fDetaching). */
void isam_ver_detach_db(struct isam_instance *inst, struct isam_db *db);
/* Escrow deltas read the node, add, and write it back: concurrent deltas on one node (which
 * the version store lets through: they commute) take the node's lock around that, and so does
 * their undo. Initialised at JetInit (before recovery, which undoes deltas too). */
void isam_ver_init_locks(struct isam_instance *inst);
struct os_mutex *isam_ver_delta_lock(struct isam_instance *inst, const void *pvKey, uint32_t cbKey);
/* ver_node_id.treeInfo of a tree. */
uint32_t isam_ver_tree_info(const struct bt_tree_desc *d);
/* A deleted tree's space goes back to its parent once no transaction can see the tree any more
 * (ESE's version cleanup of operDeleteTable / operDeleteIndex): the deleting transaction
 * registers a delete of a node no tree has (the tree's FDP, an empty key, this treeInfo), which
 * cleanup hands to the remove hook once the deletion committed before the oldest active
 * transaction began; the hook then frees the tree (space_free_fdp). A rollback forgets it. */
#define ISAM_VER_TREE_FREE 0xffffffffu
/* objidTable: the table's; fIndex: pgnoFDP is one of its secondary indexes (freed only while the
 * table is still there: a deleted table's own free covers its indexes). */
MUST_CHECK JET_ERR isam_ver_defer_free_tree(struct isam_session *sess, uint32_t dbid, uint32_t pgnoFDP,
        uint32_t objidTable, bool fIndex);

/* Undo one change described by an undo payload (rollback and recovery). The compensation it logs
 * is chained after *plsnChain (the transaction's last record), which it then updates. */
MUST_CHECK JET_ERR isam_undo_apply(struct isam_instance *inst, const void *pv, size_t cb, lsn_t *plsnChain);
/* What recovery needs from a payload found in the log; false if it is malformed. */
bool isam_undo_describe(const void *pv, size_t cb, uint64_t *ptrxid, lsn_t *plsnPrev, lsn_t *plsnUndoNext, bool *pfClr);

#endif /* ISAM_DB_H */
