/* SPDX-License-Identifier: MIT
 * tests/integration/test_storage.c: the storage engine end to end over the os test doubles:
 * databases, transactions, JetTerm and JetInit, a power cut at every write point of a small
 * workload (os_crash), and a failed write or a full disk at every point (os_fault). After each,
 * recovery must leave exactly the committed transactions and a database that passes the
 * integrity check.
 *
 * The workload: create a database and a tree, then NTRX transactions; transaction t inserts
 * keys 10t..10t+2, replaces key 10(t-1) and flag-deletes key 10(t-1)+1; every third one rolls
 * back. A transaction counts as committed when isam_trx_commit returned success. Key 10t+2 is
 * large (CB_LARGE), so that leaf pages split in the middle of transactions, before their other
 * changes: the record that splits must chain into its transaction like any other. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>

#include "isam_db.h"
#include "os_test.h"
#include "utf.h"
#include "debug.h"

#define NTRX 6
#define CB_LARGE 1800u

static uint32_t value_size(uint32_t k) { return k == 2 ? CB_LARGE : 20 + k; }
#define TREE_OBJID 500u

static const ESENT_WCHAR wszDb[] = { '/', 't', '.', 'e', 'd', 'b', 0 };
static const ESENT_WCHAR wszRoot[] = { '/', 0 };

struct run {
    struct os_vfs *vfs;
    struct isam_instance *inst;
    struct isam_session *sess;
    struct isam_db *db;
    uint32_t pgnoTree;
    int committed;          /* transactions whose commit returned, in order */
    bool fDead;             /* a call failed: the run stops */
    JET_ERR errDead;        /* with this error */
};

static JET_ERR run_open(struct run *r, struct os_vfs *vfs, bool fCreate)
{
    JET_ERR err;
    static const ESENT_WCHAR name[] = { 's', 't', 0 };
    JET_DBID dbid;
    memset(r, 0, sizeof *r);
    r->vfs = vfs;
    isam_lock();
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    err = isam_instance_new(name, NULL, &r->inst);
    isam_unlock();
    CALL_R(err);
    param_store_set_vfs(&r->inst->params, vfs);
    CALL_R(param_set(&r->inst->params, PARAM_TARGET_INSTANCE, JET_paramLogFilePath, 0, wszRoot));
    CALL_R(param_set(&r->inst->params, PARAM_TARGET_INSTANCE, JET_paramSystemPath, 0, wszRoot));
    CALL_R(param_set(&r->inst->params, PARAM_TARGET_INSTANCE, JET_paramLogFileSize, 128, NULL));
    CALL_R(isam_instance_init(r->inst, 0));
    CALL_R(isam_session_begin(r->inst, &r->sess));
    if (fCreate) {
        CALL_R(isam_db_create(r->sess, wszDb, 0, 0, &dbid));
    } else {
        CALL_R(isam_db_attach(r->sess, wszDb, 0, 0));
        CALL_R(isam_db_open(r->sess, wszDb, 0, &dbid));
    }
    r->db = isam_db_get(r->inst, dbid);
    return JET_errSuccess;
}

/* Tear down whatever state the run is in, without expecting the disk to work. */
static void run_abandon(struct run *r)
{
    if (!r->inst) return;
    if (r->sess) isam_session_destroy(r->sess);
    if (r->inst->state == ISAM_INST_RUNNING) {
        JET_ERR err = isam_instance_term(r->inst, JET_bitTermDirty, NULL);
        (void)err;
    }
    isam_lock();
    isam_instance_free(r->inst);
    isam_unlock();
    r->inst = NULL;
}

static JET_ERR run_close(struct run *r)
{
    JET_ERR err = isam_db_close(r->sess, r->db->dbid, 0);
    isam_session_destroy(r->sess);
    r->sess = NULL;
    if (err >= 0) err = isam_instance_term(r->inst, JET_bitTermComplete, NULL);
    isam_lock();
    isam_instance_free(r->inst);
    isam_unlock();
    r->inst = NULL;
    return err;
}

static struct isam_tree tree_of(struct run *r)
{
    struct isam_tree t = { r->db, { r->pgnoTree, TREE_OBJID, BT_TYPE_PRIMARY, false, 255 } };
    return t;
}

static void key_of(uint32_t k, uint8_t key[4])
{
    key[0] = (uint8_t)(k >> 24); key[1] = (uint8_t)(k >> 16); key[2] = (uint8_t)(k >> 8); key[3] = (uint8_t)k;
}

/* The workload; stops at the first failure (r->fDead) and counts what committed. */
static void workload(struct run *r, struct os_vfs *vfs)
{
    JET_ERR err;
    struct bt_cursor *c = NULL;
    uint8_t key[4], val[CB_LARGE];

    err = run_open(r, vfs, true);
    if (err < 0) goto dead;
    uint32_t pgnoTree;
    err = bt_create(r->db->btdb, SPACE_PGNO_DB_ROOT, 8, true, TREE_OBJID, BT_TYPE_PRIMARY, false, &pgnoTree);
    if (err < 0) goto dead;
    /* Structure changes become durable with the next flush; a table's creation would commit a
     * transaction. Make it durable before counting on it. */
    if ((err = log_flush(r->inst->log, LSN_MAX)) < 0) goto dead;
    r->pgnoTree = pgnoTree;
    struct isam_tree t = tree_of(r);
    err = bt_open(r->db->btdb, &t.desc, &c);
    if (err < 0) goto dead;
    for (int i = 0; i < NTRX; i++) {
        if ((err = isam_trx_begin(r->sess, 0)) < 0) goto dead;
        for (uint32_t k = 0; k < 3; k++) {
            key_of(10u * (uint32_t)i + k, key);
            memset(val, 'a' + i, sizeof val);
            if ((err = isam_node_insert(r->sess, c, &t, key, 4, val, value_size(k))) < 0) goto dead;
        }
        if (i > 0) {
            key_of(10u * (uint32_t)(i - 1), key);
            if (bt_seek(c, BT_SEEK_EQ, key, 4, NULL, 0, 0) >= 0) {
                memset(val, 'A' + i, sizeof val);
                if ((err = isam_node_replace(r->sess, c, &t, val, 30)) < 0) goto dead;
            }
            key_of(10u * (uint32_t)(i - 1) + 1, key);
            if (bt_seek(c, BT_SEEK_EQ, key, 4, NULL, 0, 0) >= 0 && (err = isam_node_flag_delete(r->sess, c, &t)) < 0)
                goto dead;
        }
        if (i % 3 == 2) err = isam_trx_rollback(r->sess, 0);
        else err = isam_trx_commit(r->sess, 0);
        if (err < 0) goto dead;
        if (i % 3 != 2) r->committed = i + 1;
    }
    bt_close(c);
    if ((err = run_close(r)) < 0) goto dead_closed;
    return;
dead:
    bt_close(c);
dead_closed:
    r->fDead = true;
    r->errDead = err;
    run_abandon(r);
}

/* What key 10t+k should look like when transactions 0..last (committed ones) are in. */
static void expect_key(int last, uint32_t t, uint32_t k, bool *pfPresent, uint32_t *pcb, uint8_t *pch)
{
    bool fRolledBack = t % 3 == 2;
    *pfPresent = !fRolledBack && (int)t < last;
    *pcb = value_size(k);
    *pch = (uint8_t)('a' + t);
    if (!*pfPresent) return;
    /* Transaction t+1 (if in and not rolled back) replaced key 10t and deleted key 10t+1. */
    bool fNextIn = (int)(t + 1) < last && (t + 1) % 3 != 2;
    if (fNextIn && k == 1) *pfPresent = false;
    if (fNextIn && k == 0) {
        *pcb = 30;
        *pch = (uint8_t)('A' + t + 1);
    }
}

/* After recovery: exactly transactions below `last` (a committed prefix) are in. The in-flight
 * one may or may not be (its commit record may have reached the disk): *pcommitted tells. */
static void verify(struct os_vfs *vfs, uint32_t pgnoTree, int committed)
{
    struct run r;
    struct bt_cursor *c = NULL;
    uint8_t key[4];

    JET_ERR errOpen = run_open(&r, vfs, false);
    if (errOpen < 0) fail_msg("reopening after the fault: %ld (committed %d)", (long)errOpen, committed);
    r.pgnoTree = pgnoTree;
    struct isam_tree t = tree_of(&r);
    assert_int_equal(bt_open(r.db->btdb, &t.desc, &c), JET_errSuccess);
    /* The transaction in flight (the next one that commits rather than rolls back) may have made
     * it: its commit record may be on disk although the commit call failed. Its key tells. */
    int last = committed, inflight = committed;
    if (inflight % 3 == 2) inflight++;
    if (inflight < NTRX) {
        key_of(10u * (uint32_t)inflight, key);
        if (bt_seek(c, BT_SEEK_EQ, key, 4, NULL, 0, 0) >= 0) last = inflight + 1;
    }
    for (uint32_t tr = 0; tr < NTRX; tr++) {
        for (uint32_t k = 0; k < 3; k++) {
            bool fPresent;
            uint32_t cb;
            uint8_t ch;
            expect_key(last, tr, k, &fPresent, &cb, &ch);
            key_of(10u * tr + k, key);
            JET_ERR err = bt_seek(c, BT_SEEK_EQ, key, 4, NULL, 0, 0);
            if ((err >= 0) != fPresent)
                fail_msg("key %u: %s, expected %s (committed %d, last %d)", 10 * tr + k,
                         err >= 0 ? "present" : "absent", fPresent ? "present" : "absent", committed, last);
            if (!fPresent) continue;
            uint32_t cbGot;
            const uint8_t *pb = bt_data(c, &cbGot);
            assert_int_equal(cbGot, cb);
            assert_int_equal(pb[0], ch);
        }
    }
    bt_close(c);
    struct bt_check_tree trees[1] = { { pgnoTree, TREE_OBJID, SPACE_PGNO_DB_ROOT, true, BT_TYPE_PRIMARY, false } };
    struct bt_check_stats stats;
    assert_int_equal(bt_check_db(r.db->btdb, trees, 1, NULL, NULL, &stats), JET_errSuccess);
    assert_int_equal(run_close(&r), JET_errSuccess);
}

static void test_storage_round_trip_keeps_committed_and_drops_rolled_back(void **state)
{
    (void)state;
    struct os_vfs *mem = os_mem_create();
    struct run r;
    workload(&r, mem);
    assert_false(r.fDead);
    assert_int_equal(r.committed, NTRX - 1);
    verify(mem, r.pgnoTree, r.committed);
    os_mem_destroy(mem);
}

/* Power cut at every write point, with each crash policy. */
static void test_storage_recovers_from_power_cut_at_every_write(void **state)
{
    (void)state;
    static const struct os_crash_policy policies[] = { { 0, 0 }, { 100, 0 }, { 0, 100 }, { 30, 30 } };
    /* Count the write points once. */
    struct os_vfs *mem = os_mem_create();
    struct os_vfs *crash = os_crash_create(mem, 512);
    struct run r;
    workload(&r, crash);
    assert_false(r.fDead);
    uint32_t pgnoTree = r.pgnoTree;
    uint64_t cwrites = os_crash_writes(crash);
    os_crash_destroy(crash);
    os_mem_destroy(mem);
    print_message("workload: %llu write points\n", (unsigned long long)cwrites);

    unsigned ccrash = 0;
    for (uint64_t k = 1; k <= cwrites; k++) {
        for (size_t p = 0; p < ARRAY_SIZE(policies); p++) {
            mem = os_mem_create();
            crash = os_crash_create(mem, 512);
            os_crash_at_write(crash, k);
            workload(&r, crash);
            if (!os_crash_has_crashed(crash)) {
                /* Background writes made this run take a different path: nothing to test. */
                os_crash_destroy(crash);
                os_mem_destroy(mem);
                continue;
            }
            assert_int_equal(os_crash_simulate(crash, policies[p], k * 7 + p), JET_errSuccess);
            os_crash_destroy(crash);
            ccrash++;
            /* Before the database existed there is nothing to check but a clean start. */
            bool fExists = false, fDir = false;
            assert_int_equal(mem->ops->exists(mem, wszDb, &fExists, &fDir), JET_errSuccess);
            struct os_file *f = NULL;
            uint64_t cb = 0;
            if (fExists && os_file_open(mem, wszDb, OS_OPEN_READONLY, &f) >= 0) {
                JET_ERR errSize = os_file_size(f, &cb);
                (void)errSize;
                os_file_close(f);
            }
            if (r.pgnoTree && cb > 0) verify(mem, pgnoTree, r.committed);
            os_mem_destroy(mem);
        }
    }
    print_message("%u crashes recovered\n", ccrash);
    assert_true(ccrash > 0);
}

/* A failing write or sync at every point: the error comes back as a JET error, and after the
 * fault is gone recovery keeps exactly what was committed. */
static void test_storage_recovers_after_io_error_at_every_point(void **state)
{
    (void)state;
    for (uint64_t n = 1;; n++) {
        struct os_vfs *mem = os_mem_create();
        struct os_vfs *fault = os_fault_create(mem);
        struct run r;
        os_fault_fail_nth(fault, OS_FAULT_WRITE | OS_FAULT_SYNC, n, JET_errDiskIO, true);
        workload(&r, fault);
        bool fInjected = os_fault_injected(fault) > 0;
        os_fault_destroy(fault);
        /* The failure comes back as the documented error of the layer that met it. */
        if (fInjected && r.fDead && !(r.errDead == JET_errDiskIO || r.errDead == JET_errLogWriteFail ||
                                     r.errDead == JET_errLogDiskFull || r.errDead == JET_errInstanceUnavailable))
            fail_msg("failure %llu gave %ld", (unsigned long long)n, (long)r.errDead);
        /* (A log that cannot make its next file or keep its reserve files reports
         * JET_errLogDiskFull, as ESE does, whatever the file system said.) */
        if (fInjected && r.pgnoTree) {
            bool fExists = false, fDir = false;
            assert_int_equal(mem->ops->exists(mem, wszDb, &fExists, &fDir), JET_errSuccess);
            if (fExists) verify(mem, r.pgnoTree, r.committed);
        }
        os_mem_destroy(mem);
        if (!fInjected) {
            print_message("%llu failure points\n", (unsigned long long)(n - 1));
            break;
        }
    }
}

static void test_storage_disk_full_gives_documented_error_and_recovers(void **state)
{
    (void)state;
    for (uint64_t cb = 64 * 1024; cb < 4 * 1024 * 1024; cb += 96 * 1024) {
        struct os_vfs *mem = os_mem_create();
        struct os_vfs *fault = os_fault_create(mem);
        struct run r;
        os_fault_disk_full_after(fault, cb);
        workload(&r, fault);
        bool fFull = os_fault_injected(fault) > 0;
        os_fault_destroy(fault);
        /* A full disk is reported as such: for the database file, or for the log (which then
         * stops the instance, whose later calls say so). */
        if (fFull && r.fDead)
            assert_true(r.errDead == JET_errDiskFull || r.errDead == JET_errLogDiskFull ||
                        r.errDead == JET_errInstanceUnavailable);
        if (fFull && r.pgnoTree) verify(mem, r.pgnoTree, r.committed);
        os_mem_destroy(mem);
        if (!fFull) break;
    }
}

static int group_setup(void **state)
{
    (void)state;
    debug_init();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_storage_round_trip_keeps_committed_and_drops_rolled_back),
        cmocka_unit_test(test_storage_recovers_from_power_cut_at_every_write),
        cmocka_unit_test(test_storage_recovers_after_io_error_at_every_point),
        cmocka_unit_test(test_storage_disk_full_gives_documented_error_and_recovers),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
