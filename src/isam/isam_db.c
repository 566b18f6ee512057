/* SPDX-License-Identifier: MIT
 * isam/isam_db.c: creating, attaching, detaching, opening and closing databases (ESE's
 * ErrIsamCreateDatabase / AttachDatabase / DetachDatabase / OpenDatabase / CloseDatabase and the
 * FMP behind them). Layer: isam.
 *
 * The header on disk follows the database's life (ESE-FORMAT-NOTES §2, §14):
 *   create:  JustCreated while the first pages are built, then DirtyShutdown;
 *   attach:  DirtyShutdown, with the log stream's signature, the attach position and time, and the
 *            log generations recovery would need;
 *   detach:  after every page is written, CleanShutdown with the consistent position and time and
 *            no required generations: what Windows needs to attach it without our log.
 * A read-only attach never writes the file. */
#include "isam_db.h"
#include "isam_logrec.h"
#include "isam_table.h"
#include "catalog.h"
#include "debug.h"
#include "utf.h"

DEBUG_CHANNEL(isam);

/* New databases: what Windows does by default (ESE's CpgDBInitialUserDatabaseSize with the
 * default JET_paramDbExtensionSize of 256): 256 pages with header and shadow, so 254. */
#define DB_CPG_INITIAL_LEGACY   254u
#define DB_CPG_BASE_SCHEMA      30u
/* ESE's dbtimeStart: the first dbtime a new database hands out. */
#define DB_DBTIME_START         0x40u
/* The Windows release our headers name as the last attacher (JetGetVersion's). */
#define DB_OS_MAJOR 10u
#define DB_OS_MINOR 0u
#define DB_OS_BUILD 19041u

struct os_vfs *isam_vfs(const struct isam_instance *inst)
{
    return inst->params.vfs ? inst->params.vfs : os_vfs_default();
}

struct isam_db *isam_db_get(struct isam_instance *inst, uint32_t dbid)
{
    /* Without db_lock (version cleanup, the api's lookups): attach and detach store the slot
     * atomically under it. */
    /* 0: the temporary database (isam_temp.c), which no session opens as a user database */
    return dbid < ISAM_DB_SLOTS ? __atomic_load_n(&inst->dbs[dbid], __ATOMIC_ACQUIRE) : NULL;
}

struct db_logtime isam_logtime_now(void)
{
    struct os_wall_time t;
    struct db_logtime lt;
    os_time_wall(&t);
    memset(&lt, 0, sizeof lt);
    lt.bSeconds = (uint8_t)t.second;
    lt.bMinutes = (uint8_t)t.minute;
    lt.bHours = (uint8_t)t.hour;
    lt.bDay = (uint8_t)t.day;
    lt.bMonth = (uint8_t)t.month;
    lt.bYear = (uint8_t)(t.year - 1900);
    lt.fUTC = true;
    lt.wMilliseconds = (uint16_t)t.millisecond;
    return lt;
}

struct db_lgpos isam_lgpos_of(lsn_t lsn)
{
    struct log_lgpos p = log_lgpos_from_lsn(lsn);
    struct db_lgpos d = { p.ib, p.isec, p.lGeneration };
    return d;
}

void isam_signature_from_bytes(struct db_signature *sig, const uint8_t raw[28])
{
    /* Our log gives its signature in ESE's SIGNATURE byte layout; read it field by field. */
    memset(sig, 0, sizeof *sig);
    sig->ulRandom = get_le32(raw);
    sig->logtimeCreate.bSeconds = raw[4];
    sig->logtimeCreate.bMinutes = raw[5];
    sig->logtimeCreate.bHours = raw[6];
    sig->logtimeCreate.bDay = raw[7];
    sig->logtimeCreate.bMonth = raw[8];
    sig->logtimeCreate.bYear = raw[9];
    sig->logtimeCreate.fUTC = raw[10] & 1;
    sig->logtimeCreate.wMilliseconds = (uint16_t)((raw[10] >> 1) | ((raw[11] >> 1) & 7) << 7);
    memcpy(sig->szComputerName, raw + 12, 16);
}

JET_ERR isam_db_write_header(struct isam_db *db)
{
    JET_ERR err;
    uint8_t *buf = mem_calloc(1, db->cbPage);
    if (!buf) return ERR_TRAP(JET_errOutOfMemory);
    page_dbhdr_serialize(&db->hdr, buf, db->cbPage);
    /* ESE writes the header, then the shadow, each durable before the next, so a torn write
     * leaves one good copy (ESE-FORMAT-NOTES §3.1). */
    CALL(os_file_write(db->file, 0, buf, db->cbPage));
    CALL(os_file_sync(db->file));
    CALL(os_file_write(db->file, db->cbPage, buf, db->cbPage));
    CALL(os_file_sync(db->file));
out:
    mem_free(buf);
    return err;
}

/* The header fields every attach for writing refreshes. */
static void header_mark_attached(struct isam_db *db, lsn_t lsnAttach)
{
    struct isam_instance *inst = db->inst;
    struct db_header *h = &db->hdr;
    h->dbstate = PAGE_DBSTATE_DIRTY_SHUTDOWN;
    h->lgposAttach = isam_lgpos_of(lsnAttach);
    h->logtimeAttach = isam_logtime_now();
    h->dbid = db->dbid;
    if (inst->log) {
        uint8_t sig[28];
        uint32_t genMin, genMax;
        log_signature(inst->log, sig);
        isam_signature_from_bytes(&h->signLog, sig);
        log_generations(inst->log, &genMin, &genMax);
        h->lGenMinRequired = (int32_t)lsn_generation(lsnAttach);
        h->lGenMaxRequired = (int32_t)lsn_generation(lsnAttach);
        h->lGenMaxCommitted = (int32_t)lsn_generation(lsnAttach);
        h->lGenMinConsistent = (int32_t)lsn_generation(lsnAttach);
        (void)genMin;
        (void)genMax;
    }
    h->dwMajorVersion = DB_OS_MAJOR;
    h->dwMinorVersion = DB_OS_MINOR;
    h->dwBuildNumber = DB_OS_BUILD;
    h->lSPNumber = 0;
    h->ulDbFlags |= PAGE_DBFLAG_BUILD_ESENT_ATTACHED;
    /* A backup of this attachment's predecessor says nothing about it (ESE clears these). */
    memset(&h->bkinfoFullCur, 0, sizeof h->bkinfoFullCur);
    memset(&h->bkinfoSnapshotCur, 0, sizeof h->bkinfoSnapshotCur);
}

JET_ERR isam_db_grow(void *pvCtx, uint32_t cpgNew)
{
    JET_ERR err;
    struct isam_db *db = pvCtx;
    CALL_R(cache_file_extend(db->cfile, cpgNew));
    if (db->inst->log && !(db->grbit & JET_bitDbRecoveryOff)) {
        struct isam_lr_grow rec;
        lsn_t lsn;
        le32_put(&rec.dbid, db->dbid);
        le32_put(&rec.cpg, cpgNew);
        CALL_R(log_append(db->inst->log, LOG_REC_DB_GROW, &rec, sizeof rec, &lsn));
    }
    TRACE("database %u grows to %u pages", db->dbid, cpgNew);
    return JET_errSuccess;
}

static void db_free(struct isam_db *db)
{
    if (!db) return;
    cur_db_close(db->cdb);
    isam_tstate_free_all(db);
    os_mutex_destroy(&db->tstate_lock);
    if (db->btdb) bt_db_close(db->btdb);
    if (db->cfile) cache_file_unregister(db->cfile);
    os_file_close(db->file);
    os_mutex_destroy(&db->hdr_lock);
    mem_free(db->wszPath);
    mem_free(db);
}

/* Register an open file with the cache, space and btree layers. */
static JET_ERR db_register(struct isam_db *db, uint32_t cpgMax)
{
    JET_ERR err;
    struct isam_instance *inst = db->inst;
    struct cache_file_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.file = db->file;
    desc.cbPage = db->cbPage;
    desc.dbid = db->dbid;
    desc.log = (db->fReadOnly || (db->grbit & JET_bitDbRecoveryOff)) ? NULL : inst->log;
    desc.pdbtime = &db->dbtime;
    desc.fReadOnly = db->fReadOnly;
    desc.cbCheckpointDepthMax = param_num(&inst->params, JET_paramCheckpointDepthMax);
    desc.cbLogFile = (uint32_t)param_num(&inst->params, JET_paramLogFileSize) * 1024u;
    CALL_R(cache_file_register(isam_cache(), &desc, &db->cfile));
    space_db_init(&db->sdb, db->cfile, db->cbPage);
    db->sdb.cpgExtension = (uint32_t)param_num(&inst->params, JET_paramDbExtensionSize);
    if (!db->sdb.cpgExtension) db->sdb.cpgExtension = 1;
    db->sdb.cpgMax = cpgMax;
    db->sdb.pfnGrow = isam_db_grow;
    db->sdb.pvGrowCtx = db;
    CALL_R(bt_db_open(&db->sdb, &db->btdb));
    return err;
}

static JET_ERR db_new(struct isam_instance *inst, uint32_t dbid, const ESENT_WCHAR *wszFull, JET_GRBIT grbit,
                      struct isam_db **ppdb)
{
    struct isam_db *db = mem_calloc(1, sizeof *db);
    if (!db) return ERR_TRAP(JET_errOutOfMemory);
    db->inst = inst;
    db->dbid = dbid;
    db->grbit = grbit;
    db->fReadOnly = (grbit & JET_bitDbReadOnly) != 0;
    os_mutex_init(&db->hdr_lock);
    os_mutex_init(&db->tstate_lock);
    db->wszPath = wstr_dup(wszFull);
    if (!db->wszPath) {
        db_free(db);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    *ppdb = db;
    return JET_errSuccess;
}

JET_ERR isam_db_open_file(struct isam_instance *inst, uint32_t dbid, const ESENT_WCHAR *wszFull,
                          JET_GRBIT grbit, bool fDirtyOk, struct isam_db **ppdb)
{
    JET_ERR err;
    struct isam_db *db = NULL;
    uint8_t *buf = NULL;
    uint64_t cbFile = 0;
    struct page_dbhdr_choice choice;
    const size_t cbRead = 2u * 32768u;

    *ppdb = NULL;
    CALL(db_new(inst, dbid, wszFull, grbit, &db));
    unsigned flags = db->fReadOnly ? (OS_OPEN_READONLY | OS_OPEN_SHARE_READ) : OS_OPEN_EXCLUSIVE;
    err = os_file_open(isam_vfs(inst), wszFull, flags, &db->file);
    if (err == JET_errInvalidPath) err = ERR_TRAP(JET_errDatabaseInvalidPath);
    CALL(err);
    CALL(os_file_size(db->file, &cbFile));
    buf = mem_calloc(1, cbRead);
    if (!buf) FAIL(JET_errOutOfMemory);
    size_t cbHave = cbFile < cbRead ? (size_t)cbFile : cbRead;
    if (cbHave) CALL(os_file_read(db->file, 0, buf, cbHave));
    if (page_dbhdr_select(buf, cbHave, &choice) < 0) FAIL(page_dbhdr_unreadable_error(buf, cbHave));
    CALL(page_dbhdr_parse(buf + choice.ibHeader, choice.cbPage, &db->hdr));
    CALL(page_dbhdr_validate(&db->hdr, PAGE_DB_UPDATE_MAJOR_READ_MAX));
    db->cbPage = choice.cbPage;
    /* ESE's page size is process-wide: a database of another size cannot attach. */
    if (db->cbPage != param_num(isam_global_params(), JET_paramDatabasePageSize)) FAIL(JET_errPageSizeMismatch);
    if (!fDirtyOk && db->hdr.dbstate != PAGE_DBSTATE_CLEAN_SHUTDOWN) {
        WARN("%s is in state %u: it needs recovery with its logs", debugstr_w(wszFull), db->hdr.dbstate);
        FAIL(JET_errDatabaseDirtyShutdown);
    }
    /* A backup copy needs its logs replayed by a restore (JetRestore, JetExternalRestore) before
     * anything else may use it. */
    if (db->hdr.bkinfoFullCur.genLow != 0 && !inst->restore) FAIL(JET_errSoftRecoveryOnBackupDatabase);
    if (cbFile < (uint64_t)(PAGE_DB_CPG_RESERVED + SPACE_CPG_DB_MIN) * db->cbPage) FAIL(JET_errDatabaseCorrupted);
    db->dbtime = db->hdr.dbtimeDirtied;
    db->objidLast = db->hdr.objidLast;
    CALL(db_register(db, 0));
    /* A good shadow repairs a bad primary, and the other way round (ESE does it on attach). */
    if (!db->fReadOnly && choice.status != PAGE_DBHDR_BOTH_OK) CALL(isam_db_write_header(db));
    *ppdb = db;
    db = NULL;
out:
    mem_free(buf);
    db_free(db);
    return err;
}

JET_ERR isam_db_close_file(struct isam_db *db, bool fClean)
{
    JET_ERR err = JET_errSuccess;
    struct isam_instance *inst = db->inst;

    if (!db->fReadOnly && fClean) {
        lsn_t lsn = LSN_NONE;
        CALL(cache_file_flush(db->cfile));
        /* During redo the log is being read: the detach being replayed is already in it. A
         * JET_bitDbRecoveryOff database was never in the log, so its detach is not either. */
        if (inst->log && !inst->fRedoing && !(db->grbit & JET_bitDbRecoveryOff)) {
            CALL(isam_log_db_record(inst, LOG_REC_DB_DETACH, db, 0, &lsn));
            CALL(log_flush(inst->log, lsn));
        }
        os_mutex_lock(&db->hdr_lock);
        struct db_header *h = &db->hdr;
        h->dbstate = PAGE_DBSTATE_CLEAN_SHUTDOWN;
        h->dbtimeDirtied = __atomic_load_n(&db->dbtime, __ATOMIC_ACQUIRE);
        h->objidLast = __atomic_load_n(&db->objidLast, __ATOMIC_ACQUIRE);
        h->lgposConsistent = h->lgposDetach = isam_lgpos_of(lsn);
        h->logtimeConsistent = h->logtimeDetach = isam_logtime_now();
        h->lGenMinRequired = h->lGenMaxRequired = 0;
        h->lGenMaxCommitted = 0;
        h->lGenMinConsistent = 0;
        /* Consistent now: a restored backup copy is an ordinary database from here on. */
        memset(&h->bkinfoFullCur, 0, sizeof h->bkinfoFullCur);
        err = isam_db_write_header(db);
        os_mutex_unlock(&db->hdr_lock);
        CALL(err);
    }
out:
    if (inst->dbs[db->dbid] == db) __atomic_store_n(&inst->dbs[db->dbid], NULL, __ATOMIC_RELEASE);
    db_free(db);
    return err;
}

/* ---- the API's operations ---- */

static JET_ERR full_path(struct isam_instance *inst, const ESENT_WCHAR *wszPath, ESENT_WCHAR **pwszFull)
{
    if (!wszPath || !wszPath[0]) return ERR_TRAP(JET_errDatabaseInvalidPath);
    struct os_vfs *vfs = isam_vfs(inst);
    JET_ERR err = vfs->ops->full_path(vfs, wszPath, pwszFull);
    if (err == JET_errInvalidPath) err = ERR_TRAP(JET_errDatabaseInvalidPath);
    return err;
}

/* Under db_lock. */
static struct isam_db *find_by_path(struct isam_instance *inst, const ESENT_WCHAR *wszFull)
{
    for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
        struct isam_db *db = inst->dbs[i];
        /* Windows compares file names case-insensitively; our paths are full and normalized. */
        if (db && wstr_icmp_ascii(db->wszPath, wszFull) == 0) return db;
    }
    return NULL;
}

static JET_ERR free_dbid(struct isam_instance *inst, uint32_t *pdbid)
{
    for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
        if (!inst->dbs[i]) {
            *pdbid = i;
            return JET_errSuccess;
        }
    }
    return ERR_TRAP(JET_errTooManyAttachedDatabases);
}

static void new_header(struct isam_db *db, uint32_t cbPage, JET_GRBIT grbit)
{
    struct db_header *h = &db->hdr;
    memset(h, 0, sizeof *h);
    h->ulMagic = PAGE_DB_MAGIC;
    h->ulVersion = PAGE_DB_VERSION;
    h->ulDaeUpdateMajor = PAGE_DB_UPDATE_MAJOR_WRITE;
    h->ulCreateVersion = PAGE_DB_VERSION;
    h->ulCreateUpdate = PAGE_DB_UPDATE_MAJOR_WRITE;
    h->attrib = 0;
    h->filetype = PAGE_FILETYPE_DATABASE;
    h->cbPageSize = cbPage;
    h->dbstate = PAGE_DBSTATE_JUST_CREATED;
    h->dbid = db->dbid;
    os_random(&h->signDb.ulRandom, sizeof h->signDb.ulRandom);
    h->signDb.logtimeCreate = isam_logtime_now();
    h->dbtimeDirtied = DB_DBTIME_START;
    if (grbit & JET_bitDbShadowingOff) h->ulDbFlags |= PAGE_DBFLAG_SHADOWING_DISABLED;
    h->dwMajorVersion = DB_OS_MAJOR;
    h->dwMinorVersion = DB_OS_MINOR;
    h->dwBuildNumber = DB_OS_BUILD;
}

/* Initial size: the base schema plus one extension (ESE's CpgDBInitialUserDatabaseSize). */
static uint32_t initial_cpg(struct isam_instance *inst)
{
    uint32_t ext = (uint32_t)param_num(&inst->params, JET_paramDbExtensionSize);
    uint32_t user = DB_CPG_INITIAL_LEGACY - DB_CPG_BASE_SCHEMA;
    if (!param_written(&inst->params, JET_paramDbExtensionSize) || ext == 256) return DB_CPG_INITIAL_LEGACY;
    return DB_CPG_BASE_SCHEMA + MIN(ext, user);
}

JET_ERR isam_db_create(struct isam_session *sess, const ESENT_WCHAR *wszPath, uint32_t cpgMax,
                       JET_GRBIT grbit, JET_DBID *pdbid)
{
    JET_ERR err;
    struct isam_instance *inst = sess->inst;
    ESENT_WCHAR *wszFull = NULL;
    struct isam_db *db = NULL;
    uint32_t dbid = 0;
    bool fLocked = false;

    const bool fTemp = (grbit & ISAM_bitDbTemp) != 0;
    if (sess->trx_level > 0 && !fTemp) return ERR_TRAP(JET_errInTransaction);
    if (grbit & JET_bitDbReadOnly) return ERR_TRAP(JET_errInvalidGrbit);
    CALL(full_path(inst, wszPath, &wszFull));
    os_mutex_lock(&inst->db_lock);
    fLocked = true;
    if (find_by_path(inst, wszFull)) FAIL(JET_errDatabaseDuplicate);
    if (fTemp && inst->dbs[0]) FAIL(JET_errDatabaseDuplicate);     /* another session made it */
    if (!fTemp) CALL(free_dbid(inst, &dbid));
    if (inst->log) CALL(log_check_state(inst->log));

    CALL(db_new(inst, dbid, wszFull, grbit & ~JET_bitDbOverwriteExisting, &db));
    db->cbPage = (uint32_t)param_num(isam_global_params(), JET_paramDatabasePageSize);
    unsigned flags = OS_OPEN_EXCLUSIVE | ((grbit & JET_bitDbOverwriteExisting) ? (OS_OPEN_CREATE | OS_OPEN_TRUNCATE) : OS_OPEN_CREATE_NEW);
    err = os_file_open(isam_vfs(inst), wszFull, flags, &db->file);
    if (err == JET_errFileAlreadyExists) err = ERR_TRAP(JET_errDatabaseDuplicate);
    if (err == JET_errInvalidPath) err = ERR_TRAP(JET_errDatabaseInvalidPath);
    CALL(err);

    uint32_t cpg = initial_cpg(inst);
    if (cpgMax && cpg > cpgMax) cpg = MAX(cpgMax, SPACE_CPG_DB_MIN + DB_CPG_BASE_SCHEMA);
    new_header(db, db->cbPage, grbit);
    db->dbtime = db->hdr.dbtimeDirtied;
    CALL(os_file_set_size(db->file, (uint64_t)(cpg + PAGE_DB_CPG_RESERVED) * db->cbPage));
    CALL(isam_db_write_header(db));

    /* The creation goes into the log before any page of the new file: recovery recreates it. */
    lsn_t lsnCreate = LSN_NONE;
    if (inst->log && !(grbit & JET_bitDbRecoveryOff)) {
        CALL(isam_log_db_record(inst, LOG_REC_DB_CREATE, db, cpg, &lsnCreate));
        CALL(log_flush(inst->log, lsnCreate));
    }
    CALL(db_register(db, cpgMax));
    __atomic_store_n(&inst->dbs[dbid], db, __ATOMIC_RELEASE);
    struct catalog_new_db newdb;
    CALL(catalog_create_database(db->btdb, (grbit & JET_bitDbShadowingOff) != 0, &newdb));
    db->objidLast = newdb.objidLast;
    /* JetCreateDatabase is durable when it returns: a crash right after it must recover a
     * database with its system tables, not a file of empty pages (the catalog's records were
     * only appended to the log, and a process ending now would lose them). */
    if (inst->log && !(grbit & JET_bitDbRecoveryOff))
        CALL(log_flush(inst->log, log_end_lsn(inst->log)));

    os_mutex_lock(&db->hdr_lock);
    header_mark_attached(db, lsnCreate);
    db->hdr.objidLast = db->objidLast;
    db->hdr.qwSortVersion = newdb.qwSortVersion;
    err = isam_db_write_header(db);
    os_mutex_unlock(&db->hdr_lock);
    CALL(err);

    if (!fTemp) {
        sess->cdbOpen[dbid]++;
        db->cOpen++;
    }
    if (grbit & JET_bitDbExclusive) db->sessExclusive = sess;
    *pdbid = dbid;
    TRACE("created %s as dbid %u (%u pages of %u bytes)", debugstr_w(wszFull), dbid, cpg, db->cbPage);
    db = NULL;
out:
    if (db) {
        bool fCreated = db->file != NULL;
        if (inst->dbs[dbid] == db) __atomic_store_n(&inst->dbs[dbid], NULL, __ATOMIC_RELEASE);
        db_free(db);
        /* A database that failed while being made is of no use to anyone. */
        if (fCreated && err != JET_errDatabaseDuplicate) {
            struct os_vfs *vfs = isam_vfs(inst);
            JET_ERR errRemove = vfs->ops->remove(vfs, wszFull);
            (void)errRemove;
        }
    }
    if (fLocked) os_mutex_unlock(&inst->db_lock);
    mem_free(wszFull);
    return err;
}

JET_ERR isam_db_attach(struct isam_session *sess, const ESENT_WCHAR *wszPath, uint32_t cpgMax, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_instance *inst = sess->inst;
    ESENT_WCHAR *wszFull = NULL;
    struct isam_db *db = NULL;
    uint32_t dbid = 0;

    if (sess->trx_level > 0) return ERR_TRAP(JET_errInTransaction);
    if (grbit & ISAM_bitDbVersioningOff) return ERR_TRAP(JET_errCannotDisableVersioning);
    if ((grbit & JET_bitDbDeleteUnicodeIndexes) && (grbit & JET_bitDbReadOnly)) return ERR_TRAP(JET_errInvalidGrbit);
    CALL_R(full_path(inst, wszPath, &wszFull));
    os_mutex_lock(&inst->db_lock);
    if (find_by_path(inst, wszFull)) {
        err = JET_wrnDatabaseAttached;
        goto out;
    }
    CALL(free_dbid(inst, &dbid));
    if (inst->log && !(grbit & JET_bitDbReadOnly)) CALL(log_check_state(inst->log));
    CALL(isam_db_open_file(inst, dbid, wszFull, grbit, false, &db));
    db->sdb.cpgMax = cpgMax;
    __atomic_store_n(&inst->dbs[dbid], db, __ATOMIC_RELEASE);
    if (!db->fReadOnly) {
        lsn_t lsn = LSN_NONE;
        if (inst->log && !(grbit & JET_bitDbRecoveryOff)) {
            CALL(isam_log_db_record(inst, LOG_REC_DB_ATTACH, db, cache_file_cpg(db->cfile), &lsn));
            CALL(log_flush(inst->log, lsn));
        }
        os_mutex_lock(&db->hdr_lock);
        header_mark_attached(db, lsn);
        err = isam_db_write_header(db);
        os_mutex_unlock(&db->hdr_lock);
        CALL(err);
    }
    TRACE("attached %s as dbid %u%s", debugstr_w(wszFull), dbid, db->fReadOnly ? " (read-only)" : "");
    db = NULL;
out:
    if (db) {
        __atomic_store_n(&inst->dbs[db->dbid], NULL, __ATOMIC_RELEASE);
        db_free(db);
    }
    os_mutex_unlock(&inst->db_lock);
    if (err >= 0 && err != JET_wrnDatabaseAttached && !inst->fRedoing) {
        /* Indexes whose sort changed (ESE's attach: ErrDBUpgradeForLocalisation). A failure
         * leaves the database detached, as ESE's attach does. */
        const JET_ERR errNls = isam_nls_check_attach(sess, wszFull, grbit);
        if (errNls < 0) {
            const JET_ERR errDetach = isam_db_detach(sess, wszFull, 0);
            if (errDetach < 0) WARN("cannot detach %s again: %d\n", debugstr_w(wszFull), (int)errDetach);
        }
        if (errNls != JET_errSuccess) err = errNls;
    }
    mem_free(wszFull);
    return err;
}

/* Under db_lock. */
static JET_ERR detach_one(struct isam_db *db)
{
    if (db->cOpen > 0) return ERR_TRAP(JET_errDatabaseInUse);
    isam_ver_detach_db(db->inst, db);     /* no transaction can reach it any more */
    return isam_db_close_file(db, true);
}

JET_ERR isam_db_detach(struct isam_session *sess, const ESENT_WCHAR *wszPath, JET_GRBIT grbit)
{
    JET_ERR err = JET_errSuccess;
    struct isam_instance *inst = sess->inst;
    ESENT_WCHAR *wszFull = NULL;

    (void)grbit;   /* JET_bitForceDetach / JET_bitForceCloseAndDetach: see below */
    if (sess->trx_level > 0) return ERR_TRAP(JET_errInTransaction);
    if (wszPath && wszPath[0]) CALL_R(full_path(inst, wszPath, &wszFull));
    os_mutex_lock(&inst->db_lock);
    if (wszFull) {
        struct isam_db *db = find_by_path(inst, wszFull);
        if (!db) err = ERR_TRAP(JET_errDatabaseNotFound);
        else err = detach_one(db);
    } else {
        /* No name: detach every database (ESE's behaviour for a NULL name). */
        for (uint32_t i = 1; i < ISAM_DB_SLOTS && err >= 0; i++)
            if (inst->dbs[i]) err = detach_one(inst->dbs[i]);
    }
    os_mutex_unlock(&inst->db_lock);
    mem_free(wszFull);
    return err;
}

JET_ERR isam_db_open(struct isam_session *sess, const ESENT_WCHAR *wszPath, JET_GRBIT grbit, JET_DBID *pdbid)
{
    JET_ERR err = JET_errSuccess;
    struct isam_instance *inst = sess->inst;
    ESENT_WCHAR *wszFull = NULL;

    CALL_R(full_path(inst, wszPath, &wszFull));
    os_mutex_lock(&inst->db_lock);
    struct isam_db *db = find_by_path(inst, wszFull);
    if (!db) FAIL(JET_errDatabaseNotFound);
    if (db->sessExclusive && db->sessExclusive != sess) FAIL(JET_errDatabaseLocked);
    if ((grbit & JET_bitDbExclusive) && db->cOpen > sess->cdbOpen[db->dbid]) FAIL(JET_errDatabaseInUse);
    if (sess->cdbOpen[db->dbid] == UINT16_MAX) FAIL(JET_errTooManyOpenDatabases);
    if (db->fReadOnly && !(grbit & JET_bitDbReadOnly)) err = JET_wrnFileOpenReadOnly;
    sess->cdbOpen[db->dbid]++;
    db->cOpen++;
    if (grbit & JET_bitDbExclusive) db->sessExclusive = sess;
    *pdbid = db->dbid;
out:
    os_mutex_unlock(&inst->db_lock);
    mem_free(wszFull);
    return err;
}

JET_ERR isam_db_close(struct isam_session *sess, JET_DBID dbid, JET_GRBIT grbit)
{
    JET_ERR err = JET_errSuccess;
    struct isam_instance *inst = sess->inst;
    (void)grbit;
    os_mutex_lock(&inst->db_lock);
    struct isam_db *db = isam_db_get(inst, dbid);
    if (!db || sess->cdbOpen[dbid] == 0) FAIL(JET_errInvalidDatabaseId);
    /* ESE's ErrDBCloseDatabase: the session's last close of a database closes its tables there */
    if (sess->cdbOpen[dbid] == 1) isam_tables_close_db(sess, dbid);
    sess->cdbOpen[dbid]--;
    db->cOpen--;
    if (sess->cdbOpen[dbid] == 0 && db->sessExclusive == sess) db->sessExclusive = NULL;
out:
    os_mutex_unlock(&inst->db_lock);
    return err;
}

void isam_db_close_session(struct isam_session *sess)
{
    struct isam_instance *inst = sess->inst;
    isam_tables_close_all(sess);
    os_mutex_lock(&inst->db_lock);
    for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
        struct isam_db *db = inst->dbs[i];
        if (!db || !sess->cdbOpen[i]) continue;
        db->cOpen -= sess->cdbOpen[i];
        sess->cdbOpen[i] = 0;
        if (db->sessExclusive == sess) db->sessExclusive = NULL;
    }
    os_mutex_unlock(&inst->db_lock);
}

JET_ERR isam_db_detach_all(struct isam_instance *inst, bool fClean)
{
    JET_ERR err = JET_errSuccess;
    isam_backup_abort(inst);          /* it holds databases open; before db_lock (lock order) */
    os_mutex_lock(&inst->db_lock);
    for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
        struct isam_db *db = inst->dbs[i];
        if (!db) continue;
        JET_ERR errT = isam_db_close_file(db, fClean);
        if (errT < 0 && err >= 0) err = errT;
    }
    os_mutex_unlock(&inst->db_lock);
    return err;
}

/* Recovery re-creates a database whose creation it replays: an empty file of the logged size
 * with a just-created header; the log's page images fill it. */
JET_ERR isam_db_create_file_for_redo(struct isam_instance *inst, uint32_t dbid, const ESENT_WCHAR *wszFull,
                                     uint32_t cbPage, uint32_t cpg, JET_GRBIT grbit, struct isam_db **ppdb)
{
    JET_ERR err;
    struct isam_db *db = NULL;
    if (cbPage != param_num(isam_global_params(), JET_paramDatabasePageSize)) return ERR_TRAP(JET_errPageSizeMismatch);
    CALL(db_new(inst, dbid, wszFull, grbit & ~(JET_bitDbOverwriteExisting | JET_bitDbReadOnly), &db));
    db->cbPage = cbPage;
    CALL(os_file_open(isam_vfs(inst), wszFull, OS_OPEN_EXCLUSIVE | OS_OPEN_CREATE | OS_OPEN_TRUNCATE, &db->file));
    new_header(db, cbPage, grbit);
    db->dbtime = db->hdr.dbtimeDirtied;
    CALL(os_file_set_size(db->file, (uint64_t)(cpg + PAGE_DB_CPG_RESERVED) * cbPage));
    CALL(isam_db_write_header(db));
    CALL(db_register(db, 0));
    *ppdb = db;
    db = NULL;
out:
    db_free(db);
    return err;
}

JET_ERR isam_db_get_info(struct isam_session *sess, JET_DBID dbid, struct isam_db_info *pinfo)
{
    JET_ERR err = JET_errSuccess;
    struct isam_instance *inst = sess->inst;
    memset(pinfo, 0, sizeof *pinfo);
    os_mutex_lock(&inst->db_lock);
    struct isam_db *db = isam_db_get(inst, dbid);
    if (!db || !sess->cdbOpen[dbid]) FAIL(JET_errInvalidDatabaseId);
    pinfo->wszPath = wstr_dup(db->wszPath);
    if (!pinfo->wszPath) FAIL(JET_errOutOfMemory);
    os_mutex_lock(&db->hdr_lock);
    pinfo->hdr = db->hdr;
    os_mutex_unlock(&db->hdr_lock);
    pinfo->cbPage = db->cbPage;
    pinfo->fExclusive = db->sessExclusive == sess;
    pinfo->cpgFile = cache_file_cpg(db->cfile);
    CALL(space_get_counts(&db->sdb, SPACE_PGNO_DB_ROOT, &pinfo->cpgOwned, &pinfo->cpgAvail));
out:
    os_mutex_unlock(&inst->db_lock);
    if (err < 0) {
        mem_free(pinfo->wszPath);
        pinfo->wszPath = NULL;
    }
    return err;
}

/* Errors of database states Windows 10 knows but the SDK header does not publish. */
#ifndef JET_errDatabaseIncompleteIncrementalReseed
#define JET_errDatabaseIncompleteIncrementalReseed  (-1226)
#endif
#ifndef JET_errDatabaseIncompleteRevert
#define JET_errDatabaseIncompleteRevert             (-1935)
#endif

/* ESE's smallest size a database may be set to (cpgDatabaseApiMinReserved). */
#define DB_CPG_API_MIN 32u

JET_ERR isam_db_grow_to(struct isam_session *sess, JET_DBID dbid, uint32_t cpg, enum isam_resize mode,
        uint32_t *pcpgReal)
{
    JET_ERR err;
    struct isam_instance *inst = sess->inst;
    os_mutex_lock(&inst->db_lock);
    struct isam_db *db = isam_db_get(inst, dbid);
    if (!db || !sess->cdbOpen[dbid]) {
        os_mutex_unlock(&inst->db_lock);
        return ERR_TRAP(JET_errInvalidDatabaseId);
    }
    if (db->fReadOnly) {
        os_mutex_unlock(&inst->db_lock);
        return ERR_TRAP(JET_errDatabaseFileReadOnly);
    }
    os_mutex_unlock(&inst->db_lock);
    uint32_t cpgOwned = 0, cpgAvail = 0;
    CALL_R(space_get_counts(&db->sdb, SPACE_PGNO_DB_ROOT, &cpgOwned, &cpgAvail));
    *pcpgReal = cpgOwned;
    if (cpg < cpgOwned) {
        if (mode == ISAM_RESIZE_GROW_ONLY)
            return JET_errSuccess;
        /* ESE's ErrIsamResizeDatabase: no shrinking unless JET_paramEnableShrinkDatabase allows */
        if (!(param_num(&inst->params, JET_paramEnableShrinkDatabase) & JET_bitShrinkDatabaseOn))
            return ERR_TRAP(JET_errFeatureNotAvailable);
        FIXME("shrinking a database (trimming the root's free space at the file's end) is not done: it keeps its %u pages\n",
              (unsigned)cpgOwned);
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    if (cpg == cpgOwned || mode == ISAM_RESIZE_SHRINK_ONLY)
        return JET_errSuccess;
    CALL_R(space_grow_db_to(&db->sdb, cpg, &cpgOwned));
    *pcpgReal = cpgOwned;
    return JET_errSuccess;
}

JET_ERR isam_db_set_size(struct isam_session *sess, const ESENT_WCHAR *wszPath, uint32_t cpg, uint32_t *pcpgReal)
{
    JET_ERR err;
    struct isam_instance *inst = sess->inst;
    struct db_header hdr;
    uint32_t cbPage;
    uint64_t cbFile;
    struct os_file *f = NULL;

    if (!wszPath || !wszPath[0]) return ERR_TRAP(JET_errDatabaseInvalidPath);
    if (cpg < DB_CPG_API_MIN) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(isam_db_header_read(isam_vfs(inst), wszPath, &hdr, &cbPage, &cbFile));
    if (hdr.dbstate == PAGE_DBSTATE_INC_RESEED) return ERR_TRAP(JET_errDatabaseIncompleteIncrementalReseed);
    if (hdr.dbstate == PAGE_DBSTATE_REVERT_IN_PROGRESS) return ERR_TRAP(JET_errDatabaseIncompleteRevert);
    if (hdr.dbstate != PAGE_DBSTATE_CLEAN_SHUTDOWN) return ERR_TRAP(JET_errDatabaseInconsistent);
    uint32_t cpgNow = (uint32_t)(cbFile / cbPage) - PAGE_DB_CPG_RESERVED;
    if (cpgNow >= cpg) {
        *pcpgReal = cpgNow;
        return JET_errSuccess;
    }
    /* As ESE does: the file grows; the pages past the database root's owned space stay unowned
     * until the database grows into them. */
    CALL(os_file_open(isam_vfs(inst), wszPath, OS_OPEN_EXCLUSIVE, &f));
    CALL(os_file_set_size(f, (uint64_t)(cpg + PAGE_DB_CPG_RESERVED) * cbPage));
    CALL(os_file_sync(f));
    *pcpgReal = cpg;
out:
    os_file_close(f);
    return err;
}
