/* SPDX-License-Identifier: MIT
 * isam/tests/test_backup_restore.c: restore (JetRestore, JetExternalRestore at the isam level) of
 * backups made while transactions commit, over the in-memory file system. A restored database
 * holds every transaction that committed before the backup's log list was taken, none that
 * rolled back or was still open, is in clean shutdown, and passes the integrity check. */
#include "test_backup_util.h"

/* Restore with an instance of its own (log folder szLogDir), as the api does. */
static JET_ERR restore_with(const char *szLogDir, const struct isam_restore_args *a)
{
    struct fx r;
    struct fx_opts o = { .szLogDir = szLogDir, .szName = "restore" };
    JET_ERR err = fx_instance(&r, g_mem, &o);
    if (err >= 0) err = isam_restore(r.inst, a);
    assert_int_equal(r.inst->state, ISAM_INST_CREATED);
    isam_lock();
    isam_instance_free(r.inst);
    isam_unlock();
    return err;
}

/* Attach the restored database in a new instance on szLogDir and check keys [lo, hi) are there,
 * and each of rgAbsent is not. */
static void verify(const char *szLogDir, const char *szDb, uint32_t pgnoTree, uint32_t lo, uint32_t hi,
                   const uint32_t *rgAbsent, size_t cAbsent)
{
    struct fx v;
    struct fx_opts o = { .szLogDir = szLogDir, .szName = "verify" };
    struct db_header h;
    struct bt_cursor *c = NULL;
    assert_int_equal(isam_db_header_read(g_mem, W(szDb), &h, NULL, NULL), JET_errSuccess);
    assert_int_equal(h.dbstate, PAGE_DBSTATE_CLEAN_SHUTDOWN);
    assert_int_equal(h.bkinfoFullCur.genLow, 0);
    assert_int_equal(fx_open(&v, g_mem, &o, szDb, false), JET_errSuccess);
    v.pgnoTree = pgnoTree;
    struct isam_tree t = fx_tree(&v);
    assert_int_equal(bt_open(v.db->btdb, &t.desc, &c), JET_errSuccess);
    for (uint32_t k = lo; k < hi; k++)
        if (!key_present(c, k)) fail_msg("key %u is missing (expected %u..%u)", k, lo, hi - 1);
    for (size_t i = 0; i < cAbsent; i++)
        if (key_present(c, rgAbsent[i])) fail_msg("key %u is there", rgAbsent[i]);
    bt_close(c);
    struct bt_check_tree trees[1] = { { pgnoTree, TREE_OBJID, SPACE_PGNO_DB_ROOT, true, BT_TYPE_PRIMARY, false } };
    struct bt_check_stats stats;
    assert_int_equal(bt_check_db(v.db->btdb, trees, 1, NULL, NULL, &stats), JET_errSuccess);
    assert_int_equal(fx_close(&v), JET_errSuccess);
}

/* ---- a writer committing while the backup runs ---------------------------------------------- */

#define KEY_WORKER 100000u
#define KEY_ROLLED_BACK 900000u

struct worker {
    struct fx *f;
    struct os_thread *thread;
    uint32_t committed;         /* atomic: keys KEY_WORKER..+committed-1 are committed */
    bool fStop;                 /* atomic */
    JET_ERR err;
};

static void worker_main(void *pv)
{
    struct worker *w = pv;
    struct isam_session *sess = NULL;
    struct bt_cursor *c = NULL;
    struct isam_tree t = fx_tree(w->f);
    JET_ERR err = isam_session_begin(w->f->inst, &sess);
    if (err >= 0) err = bt_open(w->f->db->btdb, &t.desc, &c);
    for (uint32_t i = 0; err >= 0 && !__atomic_load_n(&w->fStop, __ATOMIC_ACQUIRE); i++) {
        /* Every fourth transaction rolls back. */
        if (i % 4 == 3) {
            err = insert_committed(sess, c, &t, KEY_ROLLED_BACK + i, false);
            continue;
        }
        uint32_t n = __atomic_load_n(&w->committed, __ATOMIC_ACQUIRE);
        err = insert_committed(sess, c, &t, KEY_WORKER + n, true);
        if (err >= 0) __atomic_store_n(&w->committed, n + 1, __ATOMIC_RELEASE);
    }
    bt_close(c);
    if (sess) isam_session_destroy(sess);
    w->err = err;
}

static void test_restore_keeps_every_commit_before_log_info_while_writers_commit(void **state)
{
    (void)state;
    struct fx f;
    struct worker w;
    struct isam_session *sessOpen = NULL;
    struct bt_cursor *cOpen = NULL;
    uint32_t cbPage = (uint32_t)param_num(isam_global_params(), JET_paramDatabasePageSize);
    uint8_t key[4], val[CB_VALUE];

    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(insert_range(&f, 0, 200), JET_errSuccess);
    assert_int_equal(checkpoint_now(&f), JET_errSuccess);

    /* A transaction open across the whole backup: restore must undo it. */
    struct isam_tree t = fx_tree(&f);
    assert_int_equal(isam_session_begin(f.inst, &sessOpen), JET_errSuccess);
    assert_int_equal(bt_open(f.db->btdb, &t.desc, &cOpen), JET_errSuccess);
    assert_int_equal(isam_trx_begin(sessOpen, 0), JET_errSuccess);
    key_of(777777, key);
    memset(val, 7, sizeof val);
    assert_int_equal(isam_node_insert(sessOpen, cOpen, &t, key, 4, val, sizeof val), JET_errSuccess);

    memset(&w, 0, sizeof w);
    w.f = &f;
    assert_int_equal(os_thread_create(&w.thread, worker_main, &w), JET_errSuccess);
    while (__atomic_load_n(&w.committed, __ATOMIC_ACQUIRE) < 20) os_sleep_ms(1);

    /* The external backup, page by page, while the worker commits. */
    assert_int_equal(f.vfs->ops->mkdir(f.vfs, W("/bk")), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    JET_HANDLE hf;
    uint64_t cbFile, ib = 0;
    assert_int_equal(isam_backup_open_file(f.inst, W("/t.edb"), 0, &hf, &cbFile), JET_errSuccess);
    struct os_file *out = NULL;
    assert_int_equal(os_file_open(g_mem, W("/bk/t.edb"), OS_OPEN_CREATE | OS_OPEN_TRUNCATE, &out), JET_errSuccess);
    uint8_t *pb = aligned_buffer(4 * cbPage);
    for (int i = 0;; i++) {
        uint32_t cb = 0;
        assert_int_equal(isam_backup_read_file(f.inst, hf, pb, 4 * cbPage, &cb), JET_errSuccess);
        if (cb == 0) break;
        assert_int_equal(os_file_write(out, ib, pb, cb), JET_errSuccess);
        ib += cb;
        if (i % 8 == 0) os_sleep_ms(1);        /* let the worker change pages under our feet */
    }
    free(pb);
    os_file_close(out);
    assert_int_equal(ib, cbFile);
    assert_int_equal(isam_backup_close_file(f.inst, hf), JET_errSuccess);

    /* Everything committed before the log list is in the backup. */
    uint32_t nBefore = __atomic_load_n(&w.committed, __ATOMIC_ACQUIRE);
    uint32_t cb = 0;
    ESENT_WCHAR *wszz = NULL;
    assert_int_equal(isam_backup_log_info(f.inst, NULL, 0, &cb, NULL), JET_errSuccess);
    wszz = mem_alloc(cb);
    assert_int_equal(isam_backup_log_info(f.inst, wszz, cb, NULL, NULL), JET_errSuccess);
    for (const ESENT_WCHAR *p = wszz; *p; p += wstr_len(p) + 1) {
        ESENT_WCHAR *wszDest = join("/bk/", leaf_of(p));
        assert_int_equal(backup_copy(&f, p, wszDest, 64 * 1024, NULL), JET_errSuccess);
        mem_free(wszDest);
    }
    mem_free(wszz);
    assert_int_equal(isam_backup_truncate_log(f.inst), JET_errSuccess);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal), JET_errSuccess);

    __atomic_store_n(&w.fStop, true, __ATOMIC_RELEASE);
    os_thread_join(w.thread);
    assert_int_equal(w.err, JET_errSuccess);
    assert_true(nBefore > 20);
    print_message("%u transactions committed before the log list, %u in all\n", nBefore, w.committed);
    assert_int_equal(isam_trx_rollback(sessOpen, 0), JET_errSuccess);
    bt_close(cOpen);
    isam_session_destroy(sessOpen);
    uint32_t pgnoTree = f.pgnoTree;
    assert_int_equal(fx_close(&f), JET_errSuccess);

    /* Restore into a fresh folder: JetRestore with a destination. */
    assert_int_equal(g_mem->ops->mkdir(g_mem, W("/rdb")), JET_errSuccess);
    struct isam_restore_args a = { .wszBackup = W("/bk"), .wszDest = W("/rdb") };
    assert_int_equal(restore_with("/rlog/", &a), JET_errSuccess);
    const uint32_t absent[] = { 777777, KEY_ROLLED_BACK + 3, KEY_ROLLED_BACK + 7 };
    verify("/rlog/", "/rdb/t.edb", pgnoTree, 0, 200, absent, ARRAY_SIZE(absent));
    verify("/rlog/", "/rdb/t.edb", pgnoTree, KEY_WORKER, KEY_WORKER + nBefore, absent, ARRAY_SIZE(absent));
    /* The backup folder is as it was (JetRestore copies from it). */
    struct db_header h;
    assert_int_equal(isam_db_header_read(g_mem, W("/bk/t.edb"), &h, NULL, NULL), JET_errSuccess);
    assert_int_not_equal(h.bkinfoFullCur.genLow, 0);
    assert_int_equal(h.bkinfoFullCur.genHigh, 0);
}

/* ---- external restore ------------------------------------------------------------------------- */

static void test_restore_external_uses_restore_map_and_log_range(void **state)
{
    (void)state;
    struct fx f;
    struct isam_backup_loginfo li = { 0, 0 };
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(insert_range(&f, 0, 300), JET_errSuccess);
    assert_int_equal(backup_external(&f, "/bk/", 0, true, &li), JET_errSuccess);
    uint32_t pgnoTree = f.pgnoTree;
    /* After the backup: not in it. */
    assert_int_equal(insert_range(&f, 300, 310), JET_errSuccess);
    assert_int_equal(fx_close(&f), JET_errSuccess);

    /* The client puts the copy where it wants it; the logs stay in the backup folder. */
    void *pv = NULL;
    size_t cb = 0;
    assert_int_equal(os_test_read_file(g_mem, W("/bk/t.edb"), &pv, &cb), JET_errSuccess);
    assert_int_equal(g_mem->ops->mkdir(g_mem, W("/ext")), JET_errSuccess);
    assert_int_equal(os_test_write_file(g_mem, W("/ext/moved.edb"), pv, cb), JET_errSuccess);
    mem_free(pv);
    static const ESENT_WCHAR wszOrig[] = { '/', 't', '.', 'e', 'd', 'b', 0 };
    static const ESENT_WCHAR wszMoved[] = { '/', 'e', 'x', 't', '/', 'm', 'o', 'v', 'e', 'd', '.', 'e', 'd', 'b', 0 };
    static const ESENT_WCHAR wszBk[] = { '/', 'b', 'k', 0 };
    struct isam_restore_map map = { wszOrig, wszMoved };
    struct isam_restore_args a = { .wszBackup = wszBk, .fExternal = true, .rgmap = &map, .cmap = 1,
                                   .genLow = li.genLow, .genHigh = li.genHigh };
    assert_int_equal(restore_with("/xlog/", &a), JET_errSuccess);
    const uint32_t absent[] = { 300, 309 };
    verify("/xlog/", "/ext/moved.edb", pgnoTree, 0, 300, absent, ARRAY_SIZE(absent));
    /* The trailer is gone: the file is the database. */
    struct db_header h;
    uint32_t cbPage;
    uint64_t cbFile;
    assert_int_equal(isam_db_header_read(g_mem, W("/ext/moved.edb"), &h, &cbPage, &cbFile), JET_errSuccess);
    assert_int_equal(cbFile % cbPage, 0);
    assert_int_equal(cbFile, cb - cbPage);
}

static void test_restore_checks_database_copies_and_log_range(void **state)
{
    (void)state;
    struct fx f;
    struct isam_backup_loginfo li = { 0, 0 };
    uint32_t cbPage = (uint32_t)param_num(isam_global_params(), JET_paramDatabasePageSize);
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(insert_range(&f, 0, 20), JET_errSuccess);
    /* A backup whose copy ended two generations after its start. */
    assert_int_equal(f.vfs->ops->mkdir(f.vfs, W("/bk")), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    JET_HANDLE hf;
    uint64_t cbFile, ib = 0;
    uint32_t cb;
    uint8_t *pb = aligned_buffer(8 * cbPage);
    struct os_file *out = NULL;
    assert_int_equal(isam_backup_open_file(f.inst, W("/t.edb"), 0, &hf, &cbFile), JET_errSuccess);
    assert_int_equal(os_file_open(g_mem, W("/bk/t.edb"), OS_OPEN_CREATE, &out), JET_errSuccess);
    for (int i = 0;; i++) {
        assert_int_equal(isam_backup_read_file(f.inst, hf, pb, 8 * cbPage, &cb), JET_errSuccess);
        if (!cb) break;
        assert_int_equal(os_file_write(out, ib, pb, cb), JET_errSuccess);
        ib += cb;
        if (i < 2) {
            assert_int_equal(insert_range(&f, 100u + (uint32_t)i, 101u + (uint32_t)i), JET_errSuccess);
            assert_int_equal(log_new_generation(f.inst->log), JET_errSuccess);
        }
    }
    os_file_close(out);
    free(pb);
    assert_int_equal(isam_backup_close_file(f.inst, hf), JET_errSuccess);
    ESENT_WCHAR *wszz = NULL;
    assert_int_equal(isam_backup_log_info(f.inst, NULL, 0, &cb, &li), JET_errSuccess);
    wszz = mem_alloc(cb);
    assert_int_equal(isam_backup_log_info(f.inst, wszz, cb, NULL, NULL), JET_errSuccess);
    for (const ESENT_WCHAR *p = wszz; *p; p += wstr_len(p) + 1) {
        ESENT_WCHAR *wszDest = join("/bk/", leaf_of(p));
        assert_int_equal(backup_copy(&f, p, wszDest, 64 * 1024, NULL), JET_errSuccess);
        mem_free(wszDest);
    }
    mem_free(wszz);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal), JET_errSuccess);
    assert_true(li.genHigh >= li.genLow + 2);
    uint32_t pgnoTree = f.pgnoTree;
    assert_int_equal(fx_close(&f), JET_errSuccess);

    void *pv = NULL;
    size_t cbCopy = 0;
    assert_int_equal(os_test_read_file(g_mem, W("/bk/t.edb"), &pv, &cbCopy), JET_errSuccess);
    assert_int_equal(g_mem->ops->mkdir(g_mem, W("/ext")), JET_errSuccess);
    /* W()'s strings are short-lived: these stay. */
    static const ESENT_WCHAR wszBk[] = { '/', 'b', 'k', 0 };
    static const ESENT_WCHAR wszOrig[] = { '/', 't', '.', 'e', 'd', 'b', 0 };
    static const ESENT_WCHAR wszExt[] = { '/', 'e', 'x', 't', '/', 't', '.', 'e', 'd', 'b', 0 };
    static const ESENT_WCHAR wszPlain[] = { '/', 'e', 'x', 't', '/', 'p', 'l', 'a', 'i', 'n', '.', 'e', 'd', 'b', 0 };
    struct isam_restore_map map = { wszOrig, wszExt };
    struct isam_restore_args a = { .wszBackup = wszBk, .fExternal = true, .rgmap = &map, .cmap = 1 };

    /* Logs that stop before the copy's end. */
    assert_int_equal(os_test_write_file(g_mem, wszExt, pv, cbCopy), JET_errSuccess);
    a.genLow = li.genLow;
    a.genHigh = li.genLow;
    assert_int_equal(restore_with("/xlog/", &a), JET_errEndingRestoreLogTooLow);
    /* Logs beyond what the folder holds. */
    a.genHigh = li.genHigh + 5;
    assert_int_equal(restore_with("/xlog/", &a), JET_errMissingRestoreLogFiles);
    /* A trailer that does not match its header. */
    uint8_t *pbBad = mem_alloc(cbCopy);
    memcpy(pbBad, pv, cbCopy);
    struct db_patchhdr p;
    assert_int_equal(page_patchhdr_parse(pbBad + cbCopy - cbPage, cbPage, &p), JET_errSuccess);
    p.signDb.ulRandom ^= 1;
    page_patchhdr_serialize(&p, pbBad + cbCopy - cbPage, cbPage);
    assert_int_equal(os_test_write_file(g_mem, wszExt, pbBad, cbCopy), JET_errSuccess);
    a.genHigh = li.genHigh;
    assert_int_equal(restore_with("/xlog/", &a), JET_errDatabasePatchFileMismatch);
    /* A trailer that is damaged. */
    memset(pbBad + cbCopy - cbPage + 100, 0x77, 8);
    assert_int_equal(os_test_write_file(g_mem, wszExt, pbBad, cbCopy), JET_errSuccess);
    assert_int_equal(restore_with("/xlog/", &a), JET_errDatabaseCorrupted);
    mem_free(pbBad);
    /* Not a backup copy at all. */
    {
        struct fx g;
        struct fx_opts o = { .szLogDir = "/glog/", .szName = "other" };
        assert_int_equal(fx_open(&g, g_mem, &o, "/ext/plain.edb", true), JET_errSuccess);
        assert_int_equal(fx_close(&g), JET_errSuccess);
        struct isam_restore_map mapPlain = { wszOrig, wszPlain };
        struct isam_restore_args b = a;
        b.rgmap = &mapPlain;
        assert_int_equal(restore_with("/xlog/", &b), JET_errRestoreOfNonBackupDatabase);
    }
    /* The first log is missing from the backup: the copy needs it. */
    {
        char sz[32];
        snprintf(sz, sizeof sz, "/bk/edb%05X.log", li.genLow);
        assert_true(file_exists(g_mem, W(sz)));
        assert_int_equal(g_mem->ops->remove(g_mem, W(sz)), JET_errSuccess);
        assert_int_equal(os_test_write_file(g_mem, wszExt, pv, cbCopy), JET_errSuccess);
        struct isam_restore_args c = a;
        c.genLow = c.genHigh = 0;
        assert_int_equal(restore_with("/xlog2/", &c), JET_errStartingRestoreLogTooHigh);
    }
    mem_free(pv);
    /* With every log, it restores (the copy is fine; only the logs were short before). */
    (void)pgnoTree;
}

/* ---- JetRestore of JetBackup's folders --------------------------------------------------------- */

static void test_restore_of_full_and_incremental_backup_folder(void **state)
{
    (void)state;
    struct fx f;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(insert_range(&f, 0, 100), JET_errSuccess);
    assert_int_equal(f.vfs->ops->mkdir(f.vfs, W("/bk")), JET_errSuccess);
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), 0, NULL), JET_errSuccess);
    assert_int_equal(insert_range(&f, 100, 150), JET_errSuccess);
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), JET_bitBackupIncremental, NULL), JET_errSuccess);
    assert_int_equal(insert_range(&f, 150, 160), JET_errSuccess);
    uint32_t pgnoTree = f.pgnoTree;
    assert_int_equal(fx_close(&f), JET_errSuccess);

    /* No destination: the database goes back where it was (here: replacing the live one). */
    assert_int_equal(g_mem->ops->remove(g_mem, W("/t.edb")), JET_errSuccess);
    struct isam_restore_args a = { .wszBackup = W("/bk") };
    assert_int_equal(restore_with("/rlog/", &a), JET_errSuccess);
    const uint32_t absent[] = { 150, 159 };
    verify("/rlog/", "/t.edb", pgnoTree, 0, 150, absent, ARRAY_SIZE(absent));
}

static void test_restore_rolls_forward_through_the_instance_logs(void **state)
{
    (void)state;
    struct fx f;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(insert_range(&f, 0, 50), JET_errSuccess);
    assert_int_equal(f.vfs->ops->mkdir(f.vfs, W("/bk")), JET_errSuccess);
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), 0, NULL), JET_errSuccess);
    assert_int_equal(insert_range(&f, 50, 80), JET_errSuccess);
    uint32_t pgnoTree = f.pgnoTree;
    /* The machine loses the database; its logs survive. */
    isam_session_destroy(f.sess);
    f.sess = NULL;
    assert_int_equal(isam_instance_term(f.inst, JET_bitTermDirty, NULL), JET_errDirtyShutdown);
    isam_lock();
    isam_instance_free(f.inst);
    isam_unlock();
    assert_int_equal(g_mem->ops->remove(g_mem, W("/t.edb")), JET_errSuccess);

    /* Restore with the instance's own log folder: the backup, then everything after it. */
    struct isam_restore_args a = { .wszBackup = W("/bk") };
    assert_int_equal(restore_with("/log/", &a), JET_errSuccess);
    verify("/log/", "/t.edb", pgnoTree, 0, 80, NULL, 0);
}

static void test_restore_refuses_what_it_cannot_restore(void **state)
{
    (void)state;
    struct fx f;
    struct isam_restore_args a = { .wszBackup = W("/empty") };
    assert_int_equal(g_mem->ops->mkdir(g_mem, W("/empty")), JET_errSuccess);
    /* No logs at all. */
    assert_int_equal(restore_with("/rlog/", &a), JET_errFileNotFound);
    /* Logs, but no database copy (ESE: no patch file). */
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(g_mem->ops->mkdir(g_mem, W("/bk")), JET_errSuccess);
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), 0, NULL), JET_errSuccess);
    assert_int_equal(g_mem->ops->remove(g_mem, W("/bk/t.edb")), JET_errSuccess);
    a.wszBackup = W("/bk");
    assert_int_equal(restore_with("/rlog/", &a), JET_errPatchFileMissing);
    /* A log folder holding another instance's log: refused, and that log is left as it was. */
    {
        struct fx g;
        struct fx_opts o = { .szLogDir = "/olog/", .szName = "other" };
        assert_int_equal(fx_open(&g, g_mem, &o, "/o.edb", true), JET_errSuccess);
        assert_int_equal(insert_range(&g, 0, 5), JET_errSuccess);
        uint32_t pgnoOther = g.pgnoTree;
        assert_int_equal(fx_close(&g), JET_errSuccess);
        struct fx h;
        struct fx_opts ob = { .szLogDir = "/bklog/", .szName = "b2" };
        assert_int_equal(fx_open(&h, g_mem, &ob, "/h.edb", true), JET_errSuccess);
        assert_int_equal(g_mem->ops->mkdir(g_mem, W("/bk2")), JET_errSuccess);
        for (int i = 0; i < 3; i++) assert_int_equal(log_new_generation(h.inst->log), JET_errSuccess);
        assert_int_equal(isam_backup_to_folder(h.inst, W("/bk2"), 0, NULL), JET_errSuccess);
        assert_int_equal(fx_close(&h), JET_errSuccess);
        static const ESENT_WCHAR wszBk2[] = { '/', 'b', 'k', '2', 0 };
        struct isam_restore_args c = { .wszBackup = wszBk2 };
        JET_ERR errForeign = restore_with("/olog/", &c);
        assert_true(errForeign == JET_errExistingLogFileHasBadSignature || errForeign == JET_errLogGenerationMismatch ||
                    errForeign == JET_errInvalidLogSequence);
        verify("/olog/", "/o.edb", pgnoOther, 0, 5, NULL, 0);
    }
    /* A running instance cannot restore. */
    assert_int_equal(isam_restore(f.inst, &a), JET_errAfterInitialization);
    /* No backup folder named. */
    a.wszBackup = NULL;
    assert_int_equal(restore_with("/rlog/", &a), JET_errInvalidParameter);
    /* Too many map entries (ESE's limit). */
    struct isam_restore_map maps[15];
    for (size_t i = 0; i < ARRAY_SIZE(maps); i++) maps[i] = (struct isam_restore_map){ W("/a.edb"), W("/b.edb") };
    struct isam_restore_args b = { .wszBackup = W("/bk"), .fExternal = true, .rgmap = maps, .cmap = 15 };
    assert_int_equal(restore_with("/rlog/", &b), JET_errInvalidParameter);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_restore_keeps_every_commit_before_log_info_while_writers_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restore_external_uses_restore_map_and_log_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restore_checks_database_copies_and_log_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restore_of_full_and_incremental_backup_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restore_rolls_forward_through_the_instance_logs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restore_refuses_what_it_cannot_restore, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
