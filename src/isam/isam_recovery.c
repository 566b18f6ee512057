/* SPDX-License-Identifier: MIT
 * isam/isam_recovery.c: soft recovery at JetInit (ESE's ErrLGSoftStart): bring every database
 * the log knows back to a consistent state. Layer: isam. src/README.md "Recovery" is the design.
 *
 *  1. Databases: those the checkpoint recorded as attached are opened (dirty is expected).
 *  2. Redo, from the checkpoint's redo point to the end of the log: page records are applied by
 *     the cache (dbtime rules make this idempotent); database records create, attach, grow and
 *     detach files as the original run did; every transaction's last record is tracked.
 *  3. The log starts writing (a new generation).
 *  4. Undo: every transaction without a commit or rollback record is rolled back, newest record
 *     first across all of them, through the logical undo payloads; each undo is logged as a
 *     compensation, so a crash during recovery is recovered the same way.
 *  5. Every database is flushed and its header marked clean, then a checkpoint is taken.
 * Databases end detached, as ESE leaves them after soft recovery. */
#include "isam_db.h"
#include "isam_logrec.h"
#include "debug.h"
#include "utf.h"

DEBUG_CHANNEL(recovery);

struct loser {
    uint64_t trxid;
    lsn_t lsnLast;          /* the next record of this transaction to look at */
};

struct recovery {
    struct isam_instance *inst;
    struct loser *losers;
    uint32_t cLosers, cLosersMax;
    uint64_t cRedone, cRecords;
};

static struct loser *loser_find(struct recovery *rc, uint64_t trxid)
{
    for (uint32_t i = 0; i < rc->cLosers; i++)
        if (rc->losers[i].trxid == trxid) return &rc->losers[i];
    return NULL;
}

static JET_ERR loser_note(struct recovery *rc, uint64_t trxid, lsn_t lsn)
{
    struct loser *l = loser_find(rc, trxid);
    if (!l) {
        if (rc->cLosers == rc->cLosersMax) {
            uint32_t n = rc->cLosersMax ? rc->cLosersMax * 2 : 16;
            struct loser *p = mem_realloc(rc->losers, n * sizeof *p);
            if (!p) return ERR_TRAP(JET_errOutOfMemory);
            rc->losers = p;
            rc->cLosersMax = n;
        }
        l = &rc->losers[rc->cLosers++];
        l->trxid = trxid;
        l->lsnLast = LSN_NONE;
    }
    if (lsn > l->lsnLast) l->lsnLast = lsn;
    return JET_errSuccess;
}

static void loser_forget(struct recovery *rc, uint64_t trxid)
{
    for (uint32_t i = 0; i < rc->cLosers; i++) {
        if (rc->losers[i].trxid == trxid) {
            rc->losers[i] = rc->losers[--rc->cLosers];
            return;
        }
    }
}

/* A path stored in a record: UTF-16 little-endian units. */
static JET_ERR read_path(const uint8_t *pb, size_t cb, uint32_t cch, ESENT_WCHAR **pwsz)
{
    if ((size_t)cch * 2 > cb) return ERR_TRAP(JET_errLogFileCorrupt);
    ESENT_WCHAR *w = mem_alloc(((size_t)cch + 1) * sizeof *w);
    if (!w) return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 0; i < cch; i++) w[i] = get_le16(pb + 2 * i);
    w[cch] = 0;
    *pwsz = w;
    return JET_errSuccess;
}

/* Create (or re-create) the file of a LOG_REC_DB_CREATE: every page it will need is in the log
 * after this record, as full images. */
static JET_ERR redo_create(struct recovery *rc, uint32_t dbid, uint32_t cbPage, uint32_t cpg, JET_GRBIT grbit,
                           const ESENT_WCHAR *wszPath)
{
    JET_ERR err;
    struct isam_instance *inst = rc->inst;
    ESENT_WCHAR *wszMapped = NULL;
    struct isam_db *db = isam_db_get(inst, dbid);
    if (db) CALL_R(isam_db_close_file(db, false));
    if (inst->restore) {
        /* A restore puts databases where its map says, and leaves out those it does not name. */
        CALL_R(isam_restore_map_path(inst, wszPath, true, &wszMapped));
        if (!wszMapped) return JET_errSuccess;
        wszPath = wszMapped;
    }
    err = isam_db_create_file_for_redo(inst, dbid, wszPath, cbPage, cpg, grbit, &db);
    mem_free(wszMapped);
    CALL_R(err);
    __atomic_store_n(&inst->dbs[dbid], db, __ATOMIC_RELEASE);
    return JET_errSuccess;
}

static JET_ERR redo_attach(struct recovery *rc, uint32_t dbid, JET_GRBIT grbit, const ESENT_WCHAR *wszPath)
{
    struct isam_instance *inst = rc->inst;
    ESENT_WCHAR *wszMapped = NULL;
    struct isam_db *db = isam_db_get(inst, dbid);
    if (db) return JET_errSuccess;
    if (inst->restore) {
        JET_ERR errMap = isam_restore_map_path(inst, wszPath, false, &wszMapped);
        if (errMap < 0) return errMap;
        if (!wszMapped) {
            TRACE("restore: %s is not part of it", debugstr_w(wszPath));
            return JET_errSuccess;
        }
        wszPath = wszMapped;
    }
    JET_ERR err = isam_db_open_file(inst, dbid, wszPath, grbit & ~JET_bitDbReadOnly, true, &db);
    mem_free(wszMapped);
    if (err == JET_errFileNotFound) {
        /* Detached and removed since: its later records (if any) say so, or name it again. */
        WARN("database %s named by the log is gone", debugstr_w(wszPath));
        return JET_errSuccess;
    }
    if (err < 0) return err;
    __atomic_store_n(&inst->dbs[dbid], db, __ATOMIC_RELEASE);
    return JET_errSuccess;
}

static JET_ERR redo_db_record(struct recovery *rc, const struct log_record *rec)
{
    JET_ERR err;
    struct isam_lr_db hdr;
    ESENT_WCHAR *wsz = NULL;
    if (rec->cb < sizeof hdr) return ERR_TRAP(JET_errLogFileCorrupt);
    memcpy(&hdr, rec->pv, sizeof hdr);
    uint32_t dbid = le32_get(&hdr.dbid);
    if (dbid == 0 || dbid >= ISAM_DB_SLOTS) return ERR_TRAP(JET_errLogFileCorrupt);
    if (rec->type == LOG_REC_DB_DETACH) {
        struct isam_db *db = isam_db_get(rc->inst, dbid);
        return db ? isam_db_close_file(db, true) : JET_errSuccess;
    }
    CALL_R(read_path(rec->pv + sizeof hdr, rec->cb - sizeof hdr, le32_get(&hdr.cchPath), &wsz));
    if (rec->type == LOG_REC_DB_CREATE)
        err = redo_create(rc, dbid, le32_get(&hdr.cbPage), le32_get(&hdr.cpg), le32_get(&hdr.grbit), wsz);
    else
        err = redo_attach(rc, dbid, le32_get(&hdr.grbit), wsz);
    mem_free(wsz);
    return err;
}

static JET_ERR redo_record(struct recovery *rc, const struct log_record *rec)
{
    JET_ERR err = JET_errSuccess;
    struct isam_instance *inst = rc->inst;
    rc->cRecords++;
    switch (rec->type) {
    case LOG_REC_PAGES: {
        uint32_t dbid;
        const void *pvUndo;
        size_t cbUndo;
        CALL_R(cache_record_dbid(rec, &dbid));
        struct isam_db *db = isam_db_get(inst, dbid);
        if (!db) {
            /* A database detached (or removed) before the crash whose detach we have seen. */
            TRACE("record %u:%u for dbid %u, not attached: skipped", lsn_generation(rec->lsn), lsn_offset(rec->lsn), dbid);
            return JET_errSuccess;
        }
        CALL_R(cache_redo(db->cfile, rec, &pvUndo, &cbUndo));
        rc->cRedone++;
        if (cbUndo) {
            uint64_t trxid;
            lsn_t lsnPrev, lsnUndoNext;
            bool fClr;
            if (!isam_undo_describe(pvUndo, cbUndo, &trxid, &lsnPrev, &lsnUndoNext, &fClr))
                return ERR_TRAP(JET_errLogFileCorrupt);
            CALL_R(loser_note(rc, trxid, rec->lsn));
            if (trxid >= inst->trxidNext) inst->trxidNext = trxid;
        }
        return JET_errSuccess;
    }
    case LOG_REC_TRX_COMMIT:
    case LOG_REC_TRX_ROLLBACK: {
        struct isam_lr_trx t;
        if (rec->cb < sizeof t) return ERR_TRAP(JET_errLogFileCorrupt);
        memcpy(&t, rec->pv, sizeof t);
        loser_forget(rc, le64_get(&t.trxid));
        if (le64_get(&t.trxid) >= inst->trxidNext) inst->trxidNext = le64_get(&t.trxid);
        return JET_errSuccess;
    }
    case LOG_REC_DB_CREATE:
    case LOG_REC_DB_ATTACH:
    case LOG_REC_DB_DETACH:
        return redo_db_record(rc, rec);
    case LOG_REC_DB_GROW: {
        struct isam_lr_grow g;
        if (rec->cb < sizeof g) return ERR_TRAP(JET_errLogFileCorrupt);
        memcpy(&g, rec->pv, sizeof g);
        struct isam_db *db = isam_db_get(inst, le32_get(&g.dbid));
        if (db && cache_file_cpg(db->cfile) < le32_get(&g.cpg)) CALL_R(cache_file_extend(db->cfile, le32_get(&g.cpg)));
        return JET_errSuccess;
    }
    default:
        return err;   /* checkpoints, term, types of other layers: nothing to redo here */
    }
}

/* The checkpoint's data: attached databases (and open transactions: see the end) as isam_log.c
 * writes it. */
static JET_ERR load_checkpoint(struct recovery *rc, const uint8_t *p, size_t cb)
{
    JET_ERR err;
    size_t ib = 8;
    if (!p || cb < 8) return JET_errSuccess;
    if (get_le32(p) != 1) return ERR_TRAP(JET_errCheckpointCorrupt);
    uint32_t cdb = get_le32(p + 4);
    for (uint32_t i = 0; i < cdb; i++) {
        struct isam_lr_db hdr;
        ESENT_WCHAR *wsz = NULL;
        if (cb - ib < sizeof hdr) return ERR_TRAP(JET_errCheckpointCorrupt);
        memcpy(&hdr, p + ib, sizeof hdr);
        ib += sizeof hdr;
        uint32_t cch = le32_get(&hdr.cchPath);
        if ((cb - ib) / 2 < cch) return ERR_TRAP(JET_errCheckpointCorrupt);
        CALL_R(read_path(p + ib, cb - ib, cch, &wsz));
        ib += (size_t)cch * 2;
        uint32_t dbid = le32_get(&hdr.dbid);
        err = (dbid > 0 && dbid < ISAM_DB_SLOTS) ? redo_attach(rc, dbid, le32_get(&hdr.grbit), wsz)
                                                 : ERR_TRAP(JET_errCheckpointCorrupt);
        mem_free(wsz);
        CALL_R(err);
    }
    if (cb - ib < 4) return ERR_TRAP(JET_errCheckpointCorrupt);
    uint32_t ctrx = get_le32(p + ib);
    ib += 4;
    if ((cb - ib) / 16 < ctrx) return ERR_TRAP(JET_errCheckpointCorrupt);
    /* The open transactions listed after it are not losers to seed: the redo point is no later
     * than the first record of each (isam_log.c), so redo finds their records and ends itself,
     * while the list is read without stopping the sessions and may pair an id with the next
     * transaction's record. */
    return JET_errSuccess;
}

static JET_ERR read_record_at(struct log *log, lsn_t lsn, struct log_reader **pr, struct log_record *rec)
{
    JET_ERR err;
    CALL_R(log_reader_open(log, lsn, pr));
    err = log_reader_next(*pr, rec);
    if (err > 0 || (err >= 0 && rec->lsn != lsn)) err = ERR_TRAP(JET_errLogFileCorrupt);
    return err;
}

/* ARIES undo: always the newest outstanding record of any loser next. */
static JET_ERR undo_losers(struct recovery *rc)
{
    JET_ERR err;
    struct isam_instance *inst = rc->inst;
    while (rc->cLosers > 0) {
        uint32_t iMax = 0;
        for (uint32_t i = 1; i < rc->cLosers; i++)
            if (rc->losers[i].lsnLast > rc->losers[iMax].lsnLast) iMax = i;
        struct loser *l = &rc->losers[iMax];
        lsn_t lsnChain = l->lsnLast;       /* compensations chain after everything so far */
        lsn_t next = LSN_NONE;
        if (l->lsnLast != LSN_NONE) {
            struct log_reader *r = NULL;
            struct log_record rec;
            err = read_record_at(inst->log, l->lsnLast, &r, &rec);
            if (err >= 0) {
                const void *pvUndo = NULL;
                size_t cbUndo = 0;
                uint64_t trxid;
                lsn_t lsnPrev = LSN_NONE, lsnUndoNext = LSN_NONE;
                bool fClr = false;
                if (rec.type == LOG_REC_PAGES) {
                    err = cache_record_undo(&rec, &pvUndo, &cbUndo);
                    if (err >= 0 && (!cbUndo || !isam_undo_describe(pvUndo, cbUndo, &trxid, &lsnPrev, &lsnUndoNext, &fClr)))
                        err = ERR_TRAP(JET_errLogFileCorrupt);
                    if (err >= 0 && !fClr) err = isam_undo_apply(inst, pvUndo, cbUndo, &lsnChain);
                    next = fClr ? lsnUndoNext : lsnPrev;
                } else {
                    err = ERR_TRAP(JET_errLogFileCorrupt);
                }
            }
            log_reader_close(r);
            CALL_R(err);
        }
        if (next == LSN_NONE) {
            struct isam_lr_trx t;
            lsn_t lsn;
            le64_put(&t.trxid, l->trxid);
            le64_put(&t.lsnPrev, lsnChain);
            CALL_R(log_append(inst->log, LOG_REC_TRX_ROLLBACK, &t, sizeof t, &lsn));
            TRACE("transaction %llu rolled back", (unsigned long long)l->trxid);
            *l = rc->losers[--rc->cLosers];
        } else {
            l->lsnLast = next;
        }
    }
    return JET_errSuccess;
}

JET_ERR isam_recover_from(struct isam_instance *inst, lsn_t lsnRedo, const void *pvCkpt, size_t cbCkpt)
{
    JET_ERR err;
    struct recovery rc;
    struct log_reader *r = NULL;
    memset(&rc, 0, sizeof rc);
    rc.inst = inst;

    TRACE("recovery from %u:%u", lsn_generation(lsnRedo), lsn_offset(lsnRedo));
    CALL(load_checkpoint(&rc, pvCkpt, cbCkpt));
    inst->fRedoing = true;
    CALL(log_reader_open(inst->log, lsnRedo, &r));
    for (;;) {
        struct log_record rec;
        err = log_reader_next(r, &rec);
        if (err > 0) break;
        CALL(err);
        CALL(redo_record(&rc, &rec));
    }
    log_reader_close(r);
    r = NULL;
    inst->fRedoing = false;
    TRACE("redo: %llu records, %llu page records applied, %u transactions to undo",
          (unsigned long long)rc.cRecords, (unsigned long long)rc.cRedone, rc.cLosers);

    CALL(isam_log_start(inst));
    CALL(undo_losers(&rc));
    CALL(log_flush(inst->log, LSN_MAX));
    err = isam_db_detach_all(inst, true);
    if (err >= 0) err = isam_checkpoint(inst);
out:
    inst->fRedoing = false;
    if (r) log_reader_close(r);
    mem_free(rc.losers);
    if (err < 0) ERR("recovery failed: %ld", (long)err);
    return err;
}

JET_ERR isam_recover(struct isam_instance *inst)
{
    size_t cb = 0;
    const void *pv = log_checkpoint_data(inst->log, &cb);
    return isam_recover_from(inst, inst->log_state.lsnCheckpoint, pv, cb);
}
