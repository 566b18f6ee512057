/* SPDX-License-Identifier: MIT
 * isam/tests/test_backup_util.h: what the backup and restore tests share: an instance over an
 * os test double with one database and one tree, transactions that insert numbered keys, and the
 * external backup read into a folder of the same file system. */
#ifndef TEST_BACKUP_UTIL_H
#define TEST_BACKUP_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "isam_db.h"
#include "os_test.h"
#include "utf.h"
#include "debug.h"

#define TREE_OBJID 500u
#define CB_VALUE 40u

/* A UTF-16 copy of an ASCII string, from a small ring (enough for one call's arguments). */
static inline const ESENT_WCHAR *W(const char *sz)
{
    static ESENT_WCHAR ring[64][260];
    static unsigned next;
    ESENT_WCHAR *w = ring[next++ % 64];
    size_t i = 0;
    for (; sz[i] && i < 259; i++) w[i] = (ESENT_WCHAR)(unsigned char)sz[i];
    w[i] = 0;
    return w;
}

/* Each test gets a fresh in-memory file system (g_mem); teardown ends whatever instance a failed
 * test left behind, so the next one starts afresh. */
static struct os_vfs *g_mem;

static inline int setup(void **state)
{
    (void)state;
    g_mem = os_mem_create();
    return g_mem ? 0 : -1;
}

static inline int teardown(void **state)
{
    (void)state;
    for (uint32_t i = 0; i < isam_instance_slots(); i++) {
        isam_lock();
        struct isam_instance *inst = isam_instance_at(i);
        isam_unlock();
        if (!inst) continue;
        while (inst->sessions) isam_session_destroy(inst->sessions);
        if (inst->state == ISAM_INST_RUNNING) {
            JET_ERR err = isam_instance_term(inst, JET_bitTermDirty, NULL);
            (void)err;
        }
        isam_lock();
        isam_instance_free(inst);
        isam_unlock();
    }
    os_mem_destroy(g_mem);
    g_mem = NULL;
    return 0;
}

struct fx {
    struct os_vfs *vfs;
    struct isam_instance *inst;
    struct isam_session *sess;
    JET_DBID dbid;
    struct isam_db *db;
    uint32_t pgnoTree;
};

struct fx_opts {
    bool fCircular;
    bool fRecoveryOff;
    const char *szLogDir;       /* default "/log/" */
    const char *szName;         /* instance name, default "bk" */
};

static inline JET_ERR fx_instance(struct fx *f, struct os_vfs *vfs, const struct fx_opts *o)
{
    JET_ERR err;
    static const ESENT_WCHAR off[] = { 'o', 'f', 'f', 0 };
    const char *szLog = o && o->szLogDir ? o->szLogDir : "/log/";
    memset(f, 0, sizeof *f);
    f->vfs = vfs;
    CALL_R(vfs->ops->mkdir(vfs, W(szLog)));
    isam_lock();
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    err = isam_instance_new(W(o && o->szName ? o->szName : "bk"), NULL, &f->inst);
    isam_unlock();
    CALL_R(err);
    struct param_store *ps = &f->inst->params;
    param_store_set_vfs(ps, vfs);
    CALL_R(param_set(ps, PARAM_TARGET_INSTANCE, JET_paramLogFilePath, 0, W(szLog)));
    CALL_R(param_set(ps, PARAM_TARGET_INSTANCE, JET_paramSystemPath, 0, W(szLog)));
    CALL_R(param_set(ps, PARAM_TARGET_INSTANCE, JET_paramLogFileSize, 128, NULL));
    if (o && o->fCircular) CALL_R(param_set(ps, PARAM_TARGET_INSTANCE, JET_paramCircularLog, 1, NULL));
    if (o && o->fRecoveryOff) CALL_R(param_set(ps, PARAM_TARGET_INSTANCE, JET_paramRecovery, 0, off));
    return JET_errSuccess;
}

/* A running instance with database wszDb (created, or attached) holding a tree. */
static inline JET_ERR fx_open(struct fx *f, struct os_vfs *vfs, const struct fx_opts *o, const char *szDb, bool fCreate)
{
    JET_ERR err;
    CALL_R(fx_instance(f, vfs, o));
    CALL_R(isam_instance_init(f->inst, 0));
    CALL_R(isam_session_begin(f->inst, &f->sess));
    if (fCreate) {
        CALL_R(isam_db_create(f->sess, W(szDb), 0, 0, &f->dbid));
    } else {
        CALL_R(isam_db_attach(f->sess, W(szDb), 0, 0));
        CALL_R(isam_db_open(f->sess, W(szDb), 0, &f->dbid));
    }
    f->db = isam_db_get(f->inst, f->dbid);
    if (fCreate) {
        CALL_R(bt_create(f->db->btdb, SPACE_PGNO_DB_ROOT, 8, true, TREE_OBJID, BT_TYPE_PRIMARY, false, &f->pgnoTree));
        /* Structure changes become durable with the next flush (as in tests/integration). */
        CALL_R(log_flush(f->inst->log, LSN_MAX));
    }
    return JET_errSuccess;
}

static inline JET_ERR fx_close(struct fx *f)
{
    JET_ERR err = JET_errSuccess;
    if (!f->inst) return JET_errSuccess;
    if (f->sess) {
        if (f->dbid) {
            JET_ERR errClose = isam_db_close(f->sess, f->dbid, 0);
            (void)errClose;
        }
        isam_session_destroy(f->sess);
    }
    if (f->inst->state == ISAM_INST_RUNNING) err = isam_instance_term(f->inst, JET_bitTermComplete, NULL);
    isam_lock();
    isam_instance_free(f->inst);
    isam_unlock();
    f->inst = NULL;
    return err;
}

static inline struct isam_tree fx_tree(const struct fx *f)
{
    struct isam_tree t = { f->db, { f->pgnoTree, TREE_OBJID, BT_TYPE_PRIMARY, false, 255 } };
    return t;
}

static inline void key_of(uint32_t k, uint8_t key[4])
{
    key[0] = (uint8_t)(k >> 24); key[1] = (uint8_t)(k >> 16); key[2] = (uint8_t)(k >> 8); key[3] = (uint8_t)k;
}

/* One durable transaction inserting key k (value: CB_VALUE bytes of k's low byte). */
static inline JET_ERR insert_committed(struct isam_session *sess, struct bt_cursor *c, const struct isam_tree *t, uint32_t k,
                                       bool fCommit)
{
    JET_ERR err;
    uint8_t key[4], val[CB_VALUE];
    key_of(k, key);
    memset(val, (int)(k & 0xff), sizeof val);
    CALL_R(isam_trx_begin(sess, 0));
    err = isam_node_insert(sess, c, t, key, 4, val, sizeof val);
    if (err < 0 || !fCommit) {
        JET_ERR errRb = isam_trx_rollback(sess, 0);
        (void)errRb;
        return err;
    }
    return isam_trx_commit(sess, 0);
}

/* Insert keys [from, to) in committed transactions. */
static inline JET_ERR insert_range(struct fx *f, uint32_t from, uint32_t to)
{
    JET_ERR err = JET_errSuccess;
    struct bt_cursor *c = NULL;
    struct isam_tree t = fx_tree(f);
    CALL_R(bt_open(f->db->btdb, &t.desc, &c));
    for (uint32_t k = from; k < to && err >= 0; k++) err = insert_committed(f->sess, c, &t, k, true);
    bt_close(c);
    return err;
}

/* A checkpoint whose redo point is the log's end: the cache's checkpoints are fuzzy (they move
 * as the background writer writes pages), so write every page first; the second checkpoint
 * takes the horizon the first one opened. */
static inline JET_ERR checkpoint_now(struct fx *f)
{
    JET_ERR err;
    CALL_R(cache_file_flush(f->db->cfile));
    CALL_R(isam_checkpoint(f->inst));
    CALL_R(cache_file_flush(f->db->cfile));
    return isam_checkpoint(f->inst);
}

/* Is key k there with its value? */
static inline bool key_present(struct bt_cursor *c, uint32_t k)
{
    uint8_t key[4];
    key_of(k, key);
    if (bt_seek(c, BT_SEEK_EQ, key, 4, NULL, 0, 0) < 0) return false;
    uint32_t cb;
    const uint8_t *pb = bt_data(c, &cb);
    return cb == CB_VALUE && pb[0] == (uint8_t)(k & 0xff) && pb[CB_VALUE - 1] == (uint8_t)(k & 0xff);
}

/* A page-aligned buffer, as JetReadFile wants. */
static inline void *aligned_buffer(size_t cb)
{
    void *pv = aligned_alloc(4096, (cb + 4095) & ~(size_t)4095);
    assert_non_null(pv);
    return pv;
}

/* Copy file wszName through the backup calls into szDest (cbChunk bytes per read). */
static inline JET_ERR backup_copy(struct fx *f, const ESENT_WCHAR *wszName, const ESENT_WCHAR *wszDest, uint32_t cbChunk,
                                  uint64_t *pcbFile)
{
    JET_ERR err;
    JET_HANDLE hf;
    uint64_t cbFile = 0, ib = 0;
    struct os_file *out = NULL;
    uint8_t *pb = aligned_buffer(cbChunk);
    CALL(isam_backup_open_file(f->inst, wszName, 0, &hf, &cbFile));
    if (pcbFile) *pcbFile = cbFile;
    err = os_file_open(f->vfs, wszDest, OS_OPEN_CREATE | OS_OPEN_TRUNCATE, &out);
    for (;;) {
        uint32_t cb = 0;
        if (err >= 0) err = isam_backup_read_file(f->inst, hf, pb, cbChunk, &cb);
        if (err < 0 || cb == 0) break;
        err = os_file_write(out, ib, pb, cb);
        ib += cb;
    }
    os_file_close(out);
    if (err >= 0 && ib != cbFile) err = JET_errDiskIO;
    {
        JET_ERR errClose = isam_backup_close_file(f->inst, hf);
        if (err >= 0 && errClose != JET_errNoBackup) err = errClose;
    }
out:
    free(pb);
    return err;
}

/* The last path component. */
static inline const ESENT_WCHAR *leaf_of(const ESENT_WCHAR *w)
{
    const ESENT_WCHAR *p = w;
    for (; *w; w++)
        if (*w == '/' || *w == '\\') p = w + 1;
    return p;
}

static inline ESENT_WCHAR *join(const char *szDir, const ESENT_WCHAR *wszLeaf)
{
    size_t cchDir = strlen(szDir), cch = wstr_len(wszLeaf);
    ESENT_WCHAR *w = mem_alloc((cchDir + cch + 1) * sizeof(ESENT_WCHAR));
    assert_non_null(w);
    memcpy(w, W(szDir), cchDir * sizeof(ESENT_WCHAR));
    memcpy(w + cchDir, wszLeaf, (cch + 1) * sizeof(ESENT_WCHAR));
    return w;
}

/* The whole external backup protocol into folder szDir ("/bk/"): databases, then the logs, an
 * optional truncation, then the end. *pinfo gets the log range. */
static inline JET_ERR backup_external(struct fx *f, const char *szDir, JET_GRBIT grbit, bool fTruncate,
                                      struct isam_backup_loginfo *pinfo)
{
    JET_ERR err;
    uint32_t cb = 0;
    ESENT_WCHAR *wszz = NULL;
    CALL_R(f->vfs->ops->mkdir(f->vfs, W(szDir)));
    CALL_R(isam_backup_begin(f->inst, grbit));
    if (!(grbit & JET_bitBackupIncremental)) {
        CALL(isam_backup_attach_info(f->inst, NULL, 0, &cb));
        wszz = mem_alloc(cb);
        CALL(isam_backup_attach_info(f->inst, wszz, cb, NULL));
        for (const ESENT_WCHAR *p = wszz; *p; p += wstr_len(p) + 1) {
            ESENT_WCHAR *wszDest = join(szDir, leaf_of(p));
            err = backup_copy(f, p, wszDest, 64 * 1024, NULL);
            mem_free(wszDest);
            CALL(err);
        }
        mem_free(wszz);
        wszz = NULL;
    }
    CALL(isam_backup_log_info(f->inst, NULL, 0, &cb, pinfo));
    wszz = mem_alloc(cb);
    CALL(isam_backup_log_info(f->inst, wszz, cb, &cb, NULL));
    for (const ESENT_WCHAR *p = wszz; *p; p += wstr_len(p) + 1) {
        ESENT_WCHAR *wszDest = join(szDir, leaf_of(p));
        err = backup_copy(f, p, wszDest, 64 * 1024, NULL);
        mem_free(wszDest);
        CALL(err);
    }
    if (fTruncate) CALL(isam_backup_truncate_log(f->inst));
    err = isam_backup_end(f->inst, JET_bitBackupEndNormal);
    mem_free(wszz);
    return err;
out:
    mem_free(wszz);
    {
        JET_ERR errEnd = isam_backup_end(f->inst, JET_bitBackupEndAbort);
        (void)errEnd;
    }
    return err;
}

static inline bool file_exists(struct os_vfs *vfs, const ESENT_WCHAR *w)
{
    bool fExists = false, fDir = false;
    JET_ERR err = vfs->ops->exists(vfs, w, &fExists, &fDir);
    return err >= 0 && fExists;
}

#endif /* TEST_BACKUP_UTIL_H */
