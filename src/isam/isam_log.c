/* SPDX-License-Identifier: MIT
 * isam/isam_log.c: the instance's log (opened and started by JetInit, closed by JetTerm), the
 * records isam writes about databases, checkpoints and the thread that takes them. Layer: isam.
 *
 * A checkpoint asks every attached database for the point its recovery may start from
 * (cache_file_checkpoint), records the oldest of them as the log's redo point, and stores with it
 * what recovery needs to know that the log after the redo point does not say: the databases
 * attached at that moment. The redo point is never later than the first record of a transaction
 * still open, so the log after it holds everything about transactions; the open ones are also
 * listed with their last record, for tools (recovery does not need the list). */
#include "isam_db.h"
#include "isam_logrec.h"
#include "debug.h"
#include "utf.h"

DEBUG_CHANNEL(isam);

/* How often the checkpoint thread looks, and how much log (a fraction of the checkpoint depth)
 * makes it take a checkpoint. */
#define CKPT_WAKE_MS       1000u
#define CKPT_DEPTH_FRACTION 4u

JET_ERR isam_log_db_record(struct isam_instance *inst, uint8_t type, const struct isam_db *db, uint32_t cpg, lsn_t *plsn)
{
    struct isam_lr_db rec;
    size_t cch = (type == LOG_REC_DB_DETACH) ? 0 : wstr_len(db->wszPath);
    le32_put(&rec.dbid, db->dbid);
    le32_put(&rec.cbPage, db->cbPage);
    le32_put(&rec.cpg, cpg);
    le32_put(&rec.grbit, db->grbit);
    le32_put(&rec.cchPath, (uint32_t)cch);
    /* UTF-16 in little-endian units on disk: convert explicitly, the host order is not ours to trust. */
    uint8_t *path = mem_alloc(cch * 2 + 1);
    if (!path) return ERR_TRAP(JET_errOutOfMemory);
    for (size_t i = 0; i < cch; i++) put_le16(path + 2 * i, db->wszPath[i]);
    JET_ERR err = log_append2(inst->log, type, &rec, sizeof rec, path, cch * 2, plsn);
    mem_free(path);
    return err;
}

static bool recovery_off(struct isam_instance *inst)
{
    const ESENT_WCHAR *w = param_wsz(&inst->params, JET_paramRecovery);
    static const ESENT_WCHAR off[] = { 'o', 'f', 'f', 0 };
    return wstr_icmp_ascii(w, off) == 0;
}

JET_ERR isam_log_open(struct isam_instance *inst)
{
    struct log_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.vfs = isam_vfs(inst);
    cfg.wszLogPath = param_wsz(&inst->params, JET_paramLogFilePath);
    cfg.wszSystemPath = param_wsz(&inst->params, JET_paramSystemPath);
    cfg.wszBaseName = param_wsz(&inst->params, JET_paramBaseName);
    cfg.cbLogFile = (uint32_t)param_num(&inst->params, JET_paramLogFileSize) * 1024u;
    cfg.cbLogBuffer = (uint32_t)param_num(&inst->params, JET_paramLogBuffers) * 512u;
    cfg.fCircular = param_bool(&inst->params, JET_paramCircularLog);
    cfg.fCreatePath = param_bool(&inst->params, JET_paramCreatePathIfNotExist);
    cfg.grbitLegacyFileNames = (uint32_t)param_num(&inst->params, JET_paramLegacyFileNames);
    /* A restore needs its log whatever JET_paramRecovery says (ESE turns logging on for it). */
    cfg.fRecoveryOff = !inst->restore && recovery_off(inst);
    cfg.fRestore = inst->restore != NULL;
    if (cfg.fRecoveryOff) {
        /* No log at all: every layer accepts a NULL log and behaves as unlogged. */
        inst->log = NULL;
        memset(&inst->log_state, 0, sizeof inst->log_state);
        inst->log_state.fCleanEnd = true;
        return JET_errSuccess;
    }
    return log_open(&cfg, &inst->log, &inst->log_state);
}

static void checkpoint_thread(void *pv)
{
    struct isam_instance *inst = pv;
    uint64_t depth = param_num(&inst->params, JET_paramCheckpointDepthMax);
    uint64_t trigger = depth / CKPT_DEPTH_FRACTION;
    if (trigger < 64 * 1024) trigger = 64 * 1024;

    os_mutex_lock(&inst->ckpt_lock);
    while (!inst->fCkptStop) {
        uint32_t ms = CKPT_WAKE_MS;
        if (inst->lsnFlushDue) {
            const uint64_t now = os_time_ms();
            ms = inst->msFlushDue <= now ? 0 : (uint32_t)(inst->msFlushDue - now < ms ? inst->msFlushDue - now : ms);
        }
        if (ms) os_cond_wait_ms(&inst->ckpt_cond, &inst->ckpt_lock, ms);
        if (inst->fCkptStop) break;
        if (inst->lsnFlushDue && inst->msFlushDue <= os_time_ms()) {
            /* lazy commits due to be durable (JetCommitTransaction2's cmsecDurableCommit) */
            const lsn_t lsn = inst->lsnFlushDue;
            inst->lsnFlushDue = 0;
            os_mutex_unlock(&inst->ckpt_lock);
            JET_ERR err = log_flush(inst->log, lsn);
            if (err < 0) {
                WARN("flush of lazy commits failed: %ld", (long)err);
                inst->errUnavailable = JET_errInstanceUnavailable;     /* as a failed commit flush */
            }
            os_mutex_lock(&inst->ckpt_lock);
            continue;
        }
        lsn_t end = log_end_lsn(inst->log);
        uint64_t since = lsn_generation(end) == lsn_generation(inst->lsnLastCheckpoint)
                         ? lsn_offset(end) - lsn_offset(inst->lsnLastCheckpoint)
                         : UINT64_MAX;
        if (since < trigger) continue;
        os_mutex_unlock(&inst->ckpt_lock);
        JET_ERR err = isam_checkpoint(inst);
        if (err < 0) WARN("checkpoint failed: %ld", (long)err);
        os_mutex_lock(&inst->ckpt_lock);
    }
    os_mutex_unlock(&inst->ckpt_lock);
}

JET_ERR isam_log_start(struct isam_instance *inst)
{
    if (!inst->log) return JET_errSuccess;
    JET_ERR err = log_start(inst->log);
    if (err < 0) return err;
    inst->lsnLastCheckpoint = log_end_lsn(inst->log);
    /* No checkpoint of this run yet: nothing may be truncated on its account (a restore or an
     * earlier run of the instance may have left another log's values here). */
    inst->lsnCkptRedo = inst->lsnCkptKeep = LSN_NONE;
    inst->fCkptStop = false;
    return os_thread_create(&inst->ckpt_thread, checkpoint_thread, inst);
}

/* The checkpoint's opaque data: attached databases and open transactions (PERSISTED):
 *   le32 version (1), le32 cdb, cdb x (struct isam_lr_db + UTF-16 path),
 *   le32 ctrx, ctrx x { le64 trxid, le64 lsnLast }. */
#define CKPT_DATA_VERSION 1u

struct buf { uint8_t *p; size_t cb, cbMax; bool fail; };

static void buf_put(struct buf *b, const void *pv, size_t cb)
{
    if (b->fail) return;
    if (b->cb + cb > b->cbMax) {
        size_t n = MAX(b->cbMax * 2, b->cb + cb + 256);
        uint8_t *p = mem_realloc(b->p, n);
        if (!p) { b->fail = true; return; }
        b->p = p;
        b->cbMax = n;
    }
    memcpy(b->p + b->cb, pv, cb);
    b->cb += cb;
}

static void buf_le32(struct buf *b, uint32_t v) { uint8_t x[4]; put_le32(x, v); buf_put(b, x, 4); }
static void buf_le64(struct buf *b, uint64_t v) { uint8_t x[8]; put_le64(x, v); buf_put(b, x, 8); }

JET_ERR isam_checkpoint_ex(struct isam_instance *inst, struct isam_ckpt *pout)
{
    JET_ERR err = JET_errSuccess;
    struct buf data = { NULL, 0, 0, false };
    lsn_t lsnRedo, lsnKeep = LSN_NONE;
    uint32_t cdb = 0, ctrx = 0;

    if (pout) memset(pout, 0, sizeof *pout);
    if (!inst->log) return JET_errSuccess;
    /* One checkpoint at a time, from computing to writing: two interleaved ones could write an
     * older redo point after a newer one (lock order: ckpt_lock, then db_lock, then lock). */
    os_mutex_lock(&inst->ckpt_lock);
    os_mutex_lock(&inst->db_lock);
    lsnRedo = log_end_lsn(inst->log);
    buf_le32(&data, CKPT_DATA_VERSION);
    buf_le32(&data, 0);                       /* cdb, patched below */
    for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
        struct isam_db *db = inst->dbs[i];
        if (!db || db->fReadOnly || (db->grbit & JET_bitDbRecoveryOff)) continue;
        lsn_t lsn;
        err = cache_file_checkpoint(db->cfile, &lsn);
        if (err < 0) break;
        if (lsn < lsnRedo) lsnRedo = lsn;
        struct isam_lr_db rec;
        size_t cch = wstr_len(db->wszPath);
        le32_put(&rec.dbid, db->dbid);
        le32_put(&rec.cbPage, db->cbPage);
        le32_put(&rec.cpg, cache_file_cpg(db->cfile));
        le32_put(&rec.grbit, db->grbit);
        le32_put(&rec.cchPath, (uint32_t)cch);
        buf_put(&data, &rec, sizeof rec);
        for (size_t k = 0; k < cch; k++) {
            uint8_t x[2];
            put_le16(x, db->wszPath[k]);
            buf_put(&data, x, 2);
        }
        cdb++;
    }
    os_mutex_unlock(&inst->db_lock);
    CALL(err);

    size_t ibCtrx = data.cb;
    buf_le32(&data, 0);
    os_mutex_lock(&inst->lock);
    for (struct isam_session *s = inst->sessions; s; s = s->next) {
        uint64_t first = __atomic_load_n(&s->lsnTrxFirst, __ATOMIC_SEQ_CST);
        if (!first) continue;
        buf_le64(&data, __atomic_load_n(&s->trxid, __ATOMIC_RELAXED));
        buf_le64(&data, __atomic_load_n(&s->lsnTrxLast, __ATOMIC_ACQUIRE));
        if (lsnKeep == LSN_NONE || first < lsnKeep) lsnKeep = first;
        ctrx++;
    }
    os_mutex_unlock(&inst->lock);
    if (data.fail) FAIL(JET_errOutOfMemory);
    /* Redo starts no later than the first record of any transaction open now (ESE's checkpoint
     * never passes the oldest transaction's Begin0 either): recovery then reads every record
     * of a transaction that may need undo, and the end record of every one that ended, however
     * the session list above raced with commits. */
    if (lsnKeep != LSN_NONE && lsnKeep < lsnRedo) lsnRedo = lsnKeep;
    put_le32(data.p + 4, cdb);
    put_le32(data.p + ibCtrx, ctrx);

    /* A backup in progress needs its log range: circular logging must not delete it. */
    lsn_t lsnKeepLog = lsnKeep, lsnBackup = isam_backup_keep(inst);
    if (lsnBackup != LSN_NONE && (lsnKeepLog == LSN_NONE || lsnBackup < lsnKeepLog)) lsnKeepLog = lsnBackup;

    log_publish_redo_point(inst->log, lsnRedo);
    err = log_checkpoint(inst->log, lsnRedo, lsnKeepLog, data.p, data.cb);
    if (err >= 0) {
        inst->lsnLastCheckpoint = log_end_lsn(inst->log);
        inst->lsnCkptRedo = lsnRedo;
        inst->lsnCkptKeep = lsnKeep;
    }
    TRACE("checkpoint at %u:%u, %u databases, %u transactions -> %ld", lsn_generation(lsnRedo),
          lsn_offset(lsnRedo), cdb, ctrx, (long)err);
    if (err >= 0 && pout) {
        pout->lsnRedo = lsnRedo;
        pout->lsnKeep = lsnKeep;
        pout->pvData = data.p;
        pout->cbData = data.cb;
        data.p = NULL;
    }
out:
    os_mutex_unlock(&inst->ckpt_lock);
    mem_free(data.p);
    return err;
}

JET_ERR isam_checkpoint(struct isam_instance *inst)
{
    return isam_checkpoint_ex(inst, NULL);
}

void isam_log_schedule_flush(struct isam_instance *inst, lsn_t lsn, uint32_t cms)
{
    const uint64_t due = os_time_ms() + cms;
    os_mutex_lock(&inst->ckpt_lock);
    if (!inst->lsnFlushDue || due < inst->msFlushDue) inst->msFlushDue = due;
    if (lsn > inst->lsnFlushDue) inst->lsnFlushDue = lsn;
    os_cond_signal(&inst->ckpt_cond);
    os_mutex_unlock(&inst->ckpt_lock);
}

void isam_log_term(struct isam_instance *inst, bool fClean)
{
    if (inst->ckpt_thread) {
        os_mutex_lock(&inst->ckpt_lock);
        inst->fCkptStop = true;
        os_cond_signal(&inst->ckpt_cond);
        os_mutex_unlock(&inst->ckpt_lock);
        os_thread_join(inst->ckpt_thread);
        inst->ckpt_thread = NULL;
    }
    isam_backup_free(inst);
    if (!inst->log) return;
    if (fClean) {
        JET_ERR err = isam_checkpoint(inst);
        if (err >= 0) err = log_term(inst->log);
        else log_close(inst->log);
        if (err < 0) WARN("log termination failed: %ld", (long)err);
    } else {
        log_close(inst->log);
    }
    inst->log = NULL;
}
