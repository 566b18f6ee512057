/* SPDX-License-Identifier: MIT
 * isam/isam.h: instances and sessions, the engine's top (ESE's INST and PIB).
 * Layer: isam (uses the layers below; used by api).
 *
 * Process state machine (ESE's "run mode"), guarded by isam_lock():
 *     NOT_SET --JetCreateInstance/JetEnableMultiInstance--> MULTI
 *     NOT_SET --JetInit without an instance--------------> ONE   (the legacy single-instance mode)
 *     ONE/MULTI --last instance freed--------------------> NOT_SET (as ESE's FreePinst does; a
 *                                                         failed first isam_instance_new too)
 *
 * Instance state machine:
 *     CREATED --isam_instance_init--> RUNNING --isam_instance_term--> (freed)
 *     CREATED --isam_instance_term/free--> (freed)    a never-initialized instance just goes away
 * `api_in` counts threads inside an instance-level API call (a session call marks its session's
 * `api_in` instead); term locks new callers out (JET_errTermInProgress), then waits for both to
 * drain. */
#ifndef ISAM_H
#define ISAM_H

#include "base.h"
#include "os.h"
#include "isam_param.h"
#include "ver.h"
#include "ver_store.h"
#include "log.h"

struct isam_db;
struct os_thread;

/* Databases per instance: dbids 1..6 (ESE's dbidMax 7; 0 is the temporary database). */
#define ISAM_DB_SLOTS 7u

enum isam_run_mode { ISAM_MODE_NOT_SET, ISAM_MODE_ONE_INSTANCE, ISAM_MODE_MULTI_INSTANCE };

enum isam_instance_state { ISAM_INST_CREATED, ISAM_INST_INITIALIZING, ISAM_INST_RUNNING, ISAM_INST_TERMINATING };

struct isam_session;

struct isam_instance {
    JET_API_PTR handle;                 /* the API's handle for it; set by api */
    ESENT_WCHAR *wszName;               /* NULL: unnamed (at most one unnamed instance) */
    ESENT_WCHAR *wszDisplayName;
    struct param_store params;
    enum isam_instance_state state;     /* under isam_lock() */
    bool fStopService;                  /* JetStopService*: new API calls fail */
    JET_GRBIT grbitStopped;
    JET_ERR errUnavailable;             /* < 0: instance failed (sticky), e.g. a log write failed */
    int api_in;                         /* atomic: threads inside an instance-level API call (session
                                           calls mark the session's api_in) */
    struct os_mutex lock;               /* sessions list */
    struct isam_session *sessions;
    uint32_t csessions;
    uint32_t islot;                     /* index in the process's instance table */

    /* The storage engine (set up by JetInit, torn down by JetTerm). */
    struct log *log;                    /* NULL when JET_paramRecovery is off */
    struct log_state log_state;         /* what log_open found */
    bool fCache;                        /* holds a reference on the process's cache */
    struct os_mutex db_lock;            /* dbs[], attach/detach, open counts */
    struct isam_db *dbs[ISAM_DB_SLOTS];
    struct ver_budget ver_budget;       /* JET_paramMaxVerPages x JET_paramVerPageSize */
    struct ver_store *vs;               /* the version store (JetInit to JetTerm) */
    struct ver_trx ver_cleanup_trx;     /* the store's cleanup: locks a node it removes */
    struct isam_pidx *pidx;             /* primary indexes created by open transactions (under
                                         * lock; isam_ver.c) */
    int cPidx;                          /* atomic: how many */
    struct os_mutex delta_locks[16];    /* escrow deltas' read-modify-write, by key hash (isam_ver.c) */
    bool fDeltaLocks;                   /* initialised (the first JetInit; freed with the instance) */
    uint64_t trxidNext;                 /* atomic */
    struct os_mutex ckpt_lock;          /* one checkpoint at a time */
    struct os_cond ckpt_cond;
    struct os_thread *ckpt_thread;
    bool fCkptStop;
    lsn_t lsnFlushDue;                  /* JetCommitTransaction2's cmsecDurableCommit: the log is
                                         * flushed through here by msFlushDue (0: nothing due;
                                         * under ckpt_lock) */
    uint64_t msFlushDue;
    uint64_t lsnLastCheckpoint;
    lsn_t lsnCkptRedo, lsnCkptKeep;     /* the last checkpoint written: its redo point, and the
                                         * first record of its oldest open transaction (under
                                         * ckpt_lock) */
    bool fRedoing;                      /* recovery's redo pass: the log is read, not written */
    struct isam_backup *backup;         /* online backup state (isam_backup.c); made at the first
                                         * JetBeginExternalBackup, freed with the log */
    struct isam_temp_db *temp;          /* temporary tables (isam_temp.c; under db_lock) */
    struct isam_restore *restore;       /* set while JetRestore / JetExternalRestore runs: maps
                                         * the databases the log names to the restored files */
};

struct isam_session {
    struct isam_instance *inst;
    JET_API_PTR handle;                 /* the API's handle for it; set by api */
    struct isam_session *next;          /* in inst->sessions */
    int api_in;                         /* atomic: 1 while a thread is inside the API with it */
    JET_API_PTR context;                /* JetSetSessionContext value, 0 when none */
    uint64_t context_thread;            /* thread that set the context */
    uint32_t trx_level;                 /* transaction nesting, 0 outside */
    /* Whose the transaction is (ESE's trx context): set at the level-0 begin to the session's
     * context when one is set, else to the beginning thread (isam_trx_check_context). */
    uint64_t trx_owner;
    bool fTrxOwnerIsContext;
    struct ver_trx trx;                 /* undo entries of the transaction */
    uint64_t trxid;                     /* the level-0 transaction's id (0 outside) */
    uint64_t lsnTrxFirst, lsnTrxLast;   /* its first and last log records (0: nothing logged) */
    uint64_t lsnCommitLast;             /* the session's last level-0 commit record (0: none) */
    uint64_t trxCommit0Last;            /* and its commit time in the version store */
    uint16_t cdbOpen[ISAM_DB_SLOTS];    /* JetOpenDatabase count per dbid */
    JET_GRBIT grbitCommitDefault;
    uint32_t io_priority_default;       /* the instance's JET_paramIOPriority when it began */
    struct isam_session_params *params; /* JetSetSessionParameter values; NULL until one is set */
    /* Tables (isam_table.h): the session's open tableids, and its identity as a reader of the
     * version store (owner = the session; trxBegin0 = its level-0 transaction's begin time, 0
     * outside a transaction: the transaction code keeps it current). */
    struct isam_table *tables;
    struct ver_actor reader;
    /* Records an escrow update left at zero in a delete-on-zero column (isam_update.c). */
    struct isam_escrow_zero *escrowZero;
    /* Tables whose definition the transaction changed (isam_trx_ddl_changed), by level: a
     * rollback of that level publishes their definitions again, as the catalog then has them. */
    struct isam_trx_ddl *ddlChanged;
    /* A sort being filled (api_temp.c sets it around the insert): the temporary database's
     * inserts take neither undo nor versions, as ESE's sorts have none (isam_node_insert). */
    bool fSortInsert;
};

/* The values JetSetSessionParameter keeps for a session (ESE's PIB fields and user trace
 * context). Strings are ESE's 32-byte client descriptions. */
#define ISAM_SESPARAM_DESC_MAX 32
#define ISAM_SESPARAM_COMMIT_CONTEXT_MAX 30000
struct isam_session_params {
    uint8_t *commit_context;            /* JET_sesparamCommitGenericContext */
    uint32_t cb_commit_context;
    uint32_t commit_context_customer_data;
    uint32_t commit_context_need_precommit;
    uint8_t operation_context[8];       /* JET_OPERATIONCONTEXT */
    uint32_t correlation_id;
    uint32_t cache_priority;            /* percent, 0..1000, default 100 */
    char client_component[ISAM_SESPARAM_DESC_MAX];
    char client_action[ISAM_SESPARAM_DESC_MAX];
    char client_action_context[ISAM_SESPARAM_DESC_MAX];
    uint8_t activity_id[16];            /* GUID */
    uint32_t io_sess_trace_flags;
    uint32_t io_priority;               /* JET_IOPriority* bits */
};

/* ---- process ---- */
void isam_lock(void);
void isam_unlock(void);
enum isam_run_mode isam_run_mode(void);            /* under isam_lock() */
void isam_set_run_mode(enum isam_run_mode mode);   /* under isam_lock() */
/* The process-wide parameter store: JET_instanceNil's, and the one-instance mode's defaults. */
struct param_store *isam_global_params(void);
/* True once any instance has completed JetInit in this process (global params freeze). */
bool isam_any_instance_initialized(void);
/* Visit every instance (under isam_lock()). */
uint32_t isam_instance_count(void);
struct isam_instance *isam_instance_at(uint32_t islot);   /* NULL for an empty slot */
uint32_t isam_instance_slots(void);

/* ---- instances ---- */
/* A new CREATED instance with its parameters copied from the global store. Under isam_lock().
 * JET_errTooManyInstances past JET_paramMaxInstances, JET_errInstanceNameInUse for a duplicate
 * name (two unnamed instances count as a duplicate, as in ESE). */
MUST_CHECK JET_ERR isam_instance_new(const ESENT_WCHAR *wszName, const ESENT_WCHAR *wszDisplayName,
                                     struct isam_instance **ppinst);
/* Frees a CREATED (or terminated) instance. Under isam_lock(). */
void isam_instance_free(struct isam_instance *inst);
/* JetInit's work: recovery, then RUNNING. JET_errAlreadyInitialized if already running. */
MUST_CHECK JET_ERR isam_instance_init(struct isam_instance *inst, JET_GRBIT grbit);
/* JetTerm's work for a RUNNING instance. Ends every session (JET_errTooManyActiveUsers, and the
 * instance stays up, if a session is in a transaction and the grbits ask for a clean shutdown).
 * On success the caller frees the instance. JET_bitTermDirty gives JET_errDirtyShutdown.
 * before_session_end (may be NULL) sees each session just before it is ended, so the api can
 * retire its handle. */
MUST_CHECK JET_ERR isam_instance_term(struct isam_instance *inst, JET_GRBIT grbit,
                                      void (*before_session_end)(struct isam_session *sess));

/* API entry/exit on an instance (ESE's ErrAPIEnter): JET_errNotInitialized before JetInit,
 * JET_errClientRequestToStopJetService after JetStopService, the instance's sticky error once
 * it has failed, JET_errTermInProgress while it terminates. */
MUST_CHECK JET_ERR isam_instance_enter(struct isam_instance *inst);
/* As above, but also allowed before JetInit (parameters, info): JET_errInitInProgress while
 * JetInit runs, JET_errTermInProgress while JetTerm runs. */
MUST_CHECK JET_ERR isam_instance_enter_uninit(struct isam_instance *inst);
void isam_instance_leave(struct isam_instance *inst);

/* ---- sessions ---- */
/* JET_errOutOfSessions past JET_paramMaxSessions. */
MUST_CHECK JET_ERR isam_session_begin(struct isam_instance *inst, struct isam_session **ppsess);
/* JetEndSession in two steps, so the api can retire the handle in between (ESE's
 * ErrIsamEndSession): prepare locks the session against every context (JET_errSessionInUse
 * when a session context is set, by any thread) and, with a transaction open, checks that the
 * calling thread may roll it back (JET_errSessionSharingViolation when the transaction belongs
 * to another thread; one begun under a session context, since reset, may end anywhere); on an
 * error nothing changes. Destroy rolls back every transaction level, closes what the session
 * has open and frees it; drop does the same without undoing the transaction (a dirty
 * termination: recovery undoes it). Instance termination ends sessions with one of them. */
MUST_CHECK JET_ERR isam_session_end_prepare(struct isam_session *sess, JET_GRBIT grbit);
void isam_session_destroy(struct isam_session *sess);
void isam_session_drop(struct isam_session *sess);
/* A session of the engine's own (version cleanup's finalize): not counted against
 * JET_paramMaxSessions, and it opens no database or table, so its end takes no database lock
 * (cleanup also runs inside a detach). */
MUST_CHECK JET_ERR isam_session_begin_internal(struct isam_instance *inst, struct isam_session **ppsess);
void isam_session_destroy_internal(struct isam_session *sess);
/* Enter/leave the API with a session: JET_errSessionSharingViolation when another thread is inside
 * the API with it, plus every instance-level error of isam_instance_enter. */
MUST_CHECK JET_ERR isam_session_enter(struct isam_session *sess, bool fIgnoreStopService);
void isam_session_leave(struct isam_session *sess);
/* Inside the session (entered): count the caller in the instance's api_in too, so that JetTerm
 * waits for it after the session itself is gone (JetEndSession; isam_instance_leave after). */
void isam_session_hold_instance(struct isam_session *sess);
MUST_CHECK JET_ERR isam_session_set_context(struct isam_session *sess, JET_API_PTR context);
MUST_CHECK JET_ERR isam_session_reset_context(struct isam_session *sess);

/* ---- databases (isam_db.c) ---- */
/* ESENT's internal JetCreateDatabase/JetAttachDatabase bit (not in the SDK header): refused with
 * JET_errCannotDisableVersioning. */
#define ISAM_bitDbVersioningOff 0x00000040u
/* The instance's temporary database (isam_temp.c): made as dbid 0 inside a transaction too, and
 * not opened in the creating session (no user call reaches it). Never from an application. */
#define ISAM_bitDbTemp 0x40000000u

MUST_CHECK JET_ERR isam_db_create(struct isam_session *sess, const ESENT_WCHAR *wszPath, uint32_t cpgMax,
                                  JET_GRBIT grbit, JET_DBID *pdbid);
/* JET_wrnDatabaseAttached when it already is. A writable attach then checks the Unicode
 * indexes for a changed sort (isam_nls.c): JET_errPrimaryIndexCorrupted /
 * JET_errSecondaryIndexCorrupted (the database is detached again) or JET_wrnCorruptIndexDeleted
 * (JET_bitDbDeleteCorruptIndexes). */
MUST_CHECK JET_ERR isam_db_attach(struct isam_session *sess, const ESENT_WCHAR *wszPath, uint32_t cpgMax, JET_GRBIT grbit);
/* The Unicode-index checks of isam_nls.c: after an attach (JET_paramEnableIndexChecking /
 * JET_paramEnableIndexCleanup, JET_bitDbDeleteCorruptIndexes, JET_bitDbDeleteUnicodeIndexes), and
 * at JetOpenTable under JET_IndexCheckingDeferToOpenTable (a read-only open gets
 * JET_wrnPrimaryIndexOutOfDate / JET_wrnSecondaryIndexOutOfDate instead of the errors). */
MUST_CHECK JET_ERR isam_nls_check_attach(struct isam_session *sess, const ESENT_WCHAR *wszPath, JET_GRBIT grbit);
MUST_CHECK JET_ERR isam_nls_check_open(struct isam_session *sess, JET_DBID dbid, const char *szTable, JET_GRBIT grbit);
/* wszPath NULL or empty: every database. */
MUST_CHECK JET_ERR isam_db_detach(struct isam_session *sess, const ESENT_WCHAR *wszPath, JET_GRBIT grbit);
MUST_CHECK JET_ERR isam_db_open(struct isam_session *sess, const ESENT_WCHAR *wszPath, JET_GRBIT grbit, JET_DBID *pdbid);
MUST_CHECK JET_ERR isam_db_close(struct isam_session *sess, JET_DBID dbid, JET_GRBIT grbit);
/* What JetGetDatabaseInfo reports about a database the session has open. */
#include "page.h"
struct isam_db_info {
    ESENT_WCHAR *wszPath;       /* mem_alloc'd: the caller frees it */
    struct db_header hdr;       /* as last written */
    uint32_t cbPage;
    bool fExclusive;            /* opened exclusively by this session */
    uint32_t cpgFile;           /* database pages in the file */
    uint32_t cpgOwned, cpgAvail;
};
MUST_CHECK JET_ERR isam_db_get_info(struct isam_session *sess, JET_DBID dbid, struct isam_db_info *pinfo);
/* JetGrowDatabase / JetResizeDatabase: make the database root own cpg pages. GROW_ONLY and
 * SHRINK_ONLY leave a database alone that would move the other way (ESE's
 * JET_bitResizeDatabaseOnlyGrow / OnlyShrink). Shrinking answers JET_errFeatureNotAvailable: as
 * Windows does unless JET_paramEnableShrinkDatabase has JET_bitShrinkDatabaseOn, and always here
 * (trimming the file's end is not done). *pcpgReal: pages owned now. */
enum isam_resize { ISAM_RESIZE_GROW_ONLY, ISAM_RESIZE_SHRINK_ONLY, ISAM_RESIZE_EITHER };
MUST_CHECK JET_ERR isam_db_grow_to(struct isam_session *sess, JET_DBID dbid, uint32_t cpg, enum isam_resize mode,
        uint32_t *pcpgReal);
/* JetSetDatabaseSize on a detached, cleanly shut down database file. */
MUST_CHECK JET_ERR isam_db_set_size(struct isam_session *sess, const ESENT_WCHAR *wszPath, uint32_t cpg, uint32_t *pcpgReal);
/* A session ending closes what it opened. */
void isam_db_close_session(struct isam_session *sess);
/* JetTerm: detach every database (clean: flush and mark the headers clean). */
MUST_CHECK JET_ERR isam_db_detach_all(struct isam_instance *inst, bool fClean);
struct cache;
struct cache *isam_cache(void);

/* ---- database files ---- */
struct db_header;
/* Read the header of a database file without attaching it: the good one of header and shadow,
 * at whatever page size the file has (ESE's ErrUtilReadShadowedHeader). Errors as an attach
 * reports them for an unreadable header (JET_errDatabaseCorrupted, JET_errInvalidDatabaseVersion,
 * JET_errFileNotFound, ...). */
MUST_CHECK JET_ERR isam_db_header_read(struct os_vfs *vfs, const ESENT_WCHAR *wszPath, struct db_header *phdr,
                                       uint32_t *pcbPage, uint64_t *pcbFile);

/* ---- online backup (isam_backup.c): ESE's external backup ----
 * One backup at a time per instance; the calls follow ESE's BACKUP_CONTEXT (see README.md
 * "Backup and restore"). File handles are small numbers (ESE's RHF index; 0 is valid) and only
 * one file is open at a time. */
MUST_CHECK JET_ERR isam_backup_begin(struct isam_instance *inst, JET_GRBIT grbit);
/* Multi-string of the attached, logged databases. *pcbActual (may be NULL) gets the whole size;
 * min(cbMax, size) bytes are copied (nothing when wszz is NULL). */
MUST_CHECK JET_ERR isam_backup_attach_info(struct isam_instance *inst, ESENT_WCHAR *wszz, uint32_t cbMax,
                                           uint32_t *pcbActual);
/* ibRead: where reading starts (JetOpenFileSectionInstance), a multiple of the page size. */
MUST_CHECK JET_ERR isam_backup_open_file(struct isam_instance *inst, const ESENT_WCHAR *wszName, uint64_t ibRead,
                                         JET_HANDLE *phf, uint64_t *pcbFile);
MUST_CHECK JET_ERR isam_backup_read_file(struct isam_instance *inst, JET_HANDLE hf, void *pv, uint32_t cbMax,
                                         uint32_t *pcbActual);
MUST_CHECK JET_ERR isam_backup_close_file(struct isam_instance *inst, JET_HANDLE hf);
/* The log files to copy (a multi-string, ESE's buffer rules: with wszz, min(cbMax, size) bytes
 * are copied and that count is *pcbActual; without, *pcbActual is the size). The first call
 * ends the database phase and starts a new log generation. pinfo (may be NULL): the range. */
struct isam_backup_loginfo { uint32_t genLow, genHigh; };
MUST_CHECK JET_ERR isam_backup_log_info(struct isam_instance *inst, ESENT_WCHAR *wszz, uint32_t cbMax,
                                        uint32_t *pcbActual, struct isam_backup_loginfo *pinfo);
MUST_CHECK JET_ERR isam_backup_truncate_log_info(struct isam_instance *inst, ESENT_WCHAR *wszz, uint32_t cbMax,
                                                 uint32_t *pcbActual);
MUST_CHECK JET_ERR isam_backup_truncate_log(struct isam_instance *inst);
MUST_CHECK JET_ERR isam_backup_end(struct isam_instance *inst, JET_GRBIT grbit);
/* JetStopBackupInstance: the backup in progress fails from now on (JET_errBackupAbortByServer). */
void isam_backup_stop(struct isam_instance *inst);
/* JetBackupInstance: the whole external backup into a folder (JET_bitBackupIncremental,
 * JET_bitBackupAtomic). pfn (may be NULL) hears JET_snpBackup begin and completion. */
MUST_CHECK JET_ERR isam_backup_to_folder(struct isam_instance *inst, const ESENT_WCHAR *wszFolder, JET_GRBIT grbit,
                                         JET_PFNSTATUS pfn);

/* ---- restore (isam_restore.c): JetRestore and JetExternalRestore ----
 * Runs on an instance that is not initialized (JET_errAfterInitialization otherwise), with its
 * parameters: the logs are copied into JET_paramLogFilePath and replayed, the new ones go there,
 * the checkpoint into JET_paramSystemPath. The instance is left uninitialized. */
struct isam_restore_map {
    const ESENT_WCHAR *wszDatabaseName;     /* as the backed-up instance had it attached */
    const ESENT_WCHAR *wszNewDatabaseName;  /* where its backup copy is now (external restore) */
};
struct isam_restore_args {
    const ESENT_WCHAR *wszBackup;           /* the backup's folder: its logs, and for JetRestore
                                             * its database copies */
    const ESENT_WCHAR *wszDest;             /* JetRestore: folder for the databases (NULL: the
                                             * paths they had) */
    bool fExternal;                         /* JetExternalRestore: the databases are in place */
    const struct isam_restore_map *rgmap;   /* external: the databases to restore */
    uint32_t cmap;
    uint32_t genLow, genHigh;               /* external: the backup's logs (0: what is there) */
    JET_PFNSTATUS pfn;                      /* JET_snpRestore progress (may be NULL) */
};
MUST_CHECK JET_ERR isam_restore(struct isam_instance *inst, const struct isam_restore_args *a);

/* Transactions: levels, the log's commit records, and the version store's snapshots. A
 * level-0 commit records sess->lsnCommitLast (JetCommitTransaction2's commit id). */
MUST_CHECK JET_ERR isam_trx_begin(struct isam_session *sess, JET_GRBIT grbit);
/* JetBeginTransaction's: the user's seven levels (JET_errTransTooDeep beyond; the engine's own
 * levels for an update or DDL call may go three deeper, as ESE's levelMax), and a nested begin
 * only from the transaction's owner. */
MUST_CHECK JET_ERR isam_trx_begin_user(struct isam_session *sess, JET_GRBIT grbit);
/* ESE's FPIBCheckTrxContext: JET_errSessionSharingViolation unless the calling thread owns the
 * open transaction (the thread that began it, or, when it began under JetSetSessionContext, the
 * thread now holding that same context). Success outside a transaction. */
MUST_CHECK JET_ERR isam_trx_check_context(const struct isam_session *sess);
MUST_CHECK JET_ERR isam_trx_commit(struct isam_session *sess, JET_GRBIT grbit);
/* JetCommitTransaction2's: a lazy level-0 commit is made durable within cmsecDurableCommit ms
 * (the checkpoint thread flushes the log through it by then; 0: at the next flush). A durable
 * commit with a time is JET_errInvalidParameter, as in ESE's ErrDIRCommitTransaction. */
MUST_CHECK JET_ERR isam_trx_commit2(struct isam_session *sess, JET_GRBIT grbit, uint32_t cmsecDurableCommit);
MUST_CHECK JET_ERR isam_trx_rollback(struct isam_session *sess, JET_GRBIT grbit);
/* JetCommitTransaction's flush requests (valid outside a transaction): JET_bitWaitLastLevel0Commit
 * (this session's last commit), JET_bitWaitAllLevel0Commit (every commit so far),
 * JET_bitForceNewLog (flush and start a new log generation). */
MUST_CHECK JET_ERR isam_trx_flush(struct isam_session *sess, JET_GRBIT grbit);

/* JetIdle: JET_bitIdleStatus gives JET_wrnIdleFull when the version store is past 60% of
 * min(JET_paramPreferredVerPages, JET_paramMaxVerPages); otherwise (no bit, JET_bitIdleCompact)
 * one pass of its cleanup and JET_wrnNoIdleActivity, as ESE answers; JET_bitIdleFlushBuffers is
 * JET_errInvalidGrbit (reserved, as in ESE). */
MUST_CHECK JET_ERR isam_idle(struct isam_session *sess, JET_GRBIT grbit);

#include "isam_write.h"

#endif /* ISAM_H */
