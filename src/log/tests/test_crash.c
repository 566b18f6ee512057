/* SPDX-License-Identifier: MIT
 * log/tests/test_crash.c: power cuts at every write of a workload (os_crash over os_mem). After
 * each one: the log opens, every record whose log_flush returned is read back, what is read is
 * exactly a prefix of what was appended, the reader ends cleanly at the torn tail, and the log
 * can be started and written again. */
#include "log_tests.h"

#define CB_FILE   (32 * 1024)
#define CB_SECTOR 512
#define N_REC     160

struct run {
    uint32_t rgcb[N_REC + 1];
    lsn_t rglsn[N_REC + 1];
    uint32_t cAppended;     /* records appended */
    uint32_t cDurable;      /* records 0..cDurable-1 had their flush return */
    lsn_t lsnChk;           /* checkpoint written (LSN_NONE if none returned) */
};

/* The workload: records of mixed sizes over several generations, a flush after every third, a
 * forced generation and a checkpoint on the way. Stops at the first error (the crash). */
static void workload(struct os_vfs *vfs, struct run *run)
{
    struct log_config cfg = test_cfg(vfs, CB_FILE, 4096, CB_SECTOR);
    struct log *log = NULL;
    struct log_state st;
    memset(run, 0, sizeof *run);
    if (log_open(&cfg, &log, &st) < 0) return;
    if (log_start(log) < 0) goto out;
    for (uint32_t i = 0; i < N_REC; i++) {
        run->rgcb[i] = test_rec_cb(i, 900);
        if (test_append(log, i, run->rgcb[i], &run->rglsn[i]) < 0) goto out;
        run->cAppended = i + 1;
        if (i % 3 == 2) {
            if (log_flush(log, run->rglsn[i]) < 0) goto out;
            run->cDurable = i + 1;
        }
        if (i == 50 && log_new_generation(log) < 0) goto out;
        if (i == 50) run->cDurable = i + 1;          /* a switch flushes everything before it */
        if (i == 90) {
            lsn_t lsnRedo = log_end_lsn(log);
            if (log_checkpoint(log, lsnRedo, LSN_NONE, "chk", 4) < 0) goto out;
            run->lsnChk = lsnRedo;
            run->cDurable = i + 1;
        }
    }
    if (log_term(log) >= 0) run->cDurable = N_REC;
    log = NULL;
out:
    log_close(log);
}

/* After the power cut: open, read, check, start again, and check once more. */
static void check_after_crash(struct os_vfs *vfs, const struct run *run, uint64_t k)
{
    struct log_config cfg = test_cfg(vfs, CB_FILE, 4096, CB_SECTOR);
    struct log *log = NULL;
    struct log_state st;
    JET_ERR err = log_open(&cfg, &log, &st);
    if (err < 0) fail_msg("crash at write %llu: log_open gives %d", (unsigned long long)k, (int)err);
    if (run->lsnChk != LSN_NONE) assert_true(st.lsnCheckpoint >= run->lsnChk);

    /* Every durable record, in order, and nothing that was not appended. */
    struct test_read tr = test_read_all(log, LSN_NONE, 0, run->rgcb, run->rglsn);
    if (tr.errEnd != 1) fail_msg("crash at write %llu: reader ends with %d", (unsigned long long)k, (int)tr.errEnd);
    if (tr.c < run->cDurable || tr.c > run->cAppended)
        fail_msg("crash at write %llu: %u records read, %u durable, %u appended", (unsigned long long)k,
                 tr.c, run->cDurable, run->cAppended);
    /* Recovery would start at the checkpoint: reading from there works too. */
    struct test_read trChk = test_read_all(log, st.lsnCheckpoint, 0, NULL, NULL);
    assert_int_equal(trChk.errEnd, 1);

    /* Start again: the log continues after the torn tail. */
    assert_int_equal(log_start(log), JET_errSuccess);
    lsn_t lsn;
    uint32_t i = tr.c;
    uint32_t rgcb[N_REC + 1];
    lsn_t rglsn[N_REC + 1];
    memcpy(rgcb, run->rgcb, sizeof rgcb);
    memcpy(rglsn, run->rglsn, sizeof rglsn);
    rgcb[i] = 77;
    assert_int_equal(test_append(log, i, rgcb[i], &lsn), JET_errSuccess);
    assert_true(lsn == st.lsnEnd);
    rglsn[i] = lsn;
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_int_equal(log_open(&cfg, &log, &st), JET_errSuccess);
    assert_true(st.fCleanEnd);
    tr = test_read_all(log, LSN_NONE, 0, rgcb, rglsn);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, i + 1);
    log_close(log);
}

static void crash_loop(struct os_crash_policy policy, unsigned seedSalt)
{
    uint64_t cPoints = 0;
    for (uint64_t k = 1; ; k++) {
        struct os_vfs *mem = os_mem_create(), *vfs = os_crash_create(mem, CB_SECTOR);
        struct run run;
        os_crash_at_write(vfs, k);
        workload(vfs, &run);
        bool fCrashed = os_crash_has_crashed(vfs);
        if (fCrashed) {
            assert_int_equal(os_crash_simulate(vfs, policy, k * 7919 + seedSalt), JET_errSuccess);
            check_after_crash(mem, &run, k);
            cPoints++;
        } else {
            assert_int_equal(run.cDurable, N_REC);     /* the workload ran to its end */
        }
        os_crash_destroy(vfs);
        os_mem_destroy(mem);
        if (!fCrashed) break;
    }
    assert_true(cPoints > 50);     /* the workload has many write points */
}

static void test_log_keeps_flushed_records_when_crash_at_every_write_random(void **state)
{
    (void)state;
    crash_loop(OS_CRASH_RANDOM, 1);
}

static void test_log_keeps_flushed_records_when_crash_at_every_write_torn(void **state)
{
    (void)state;
    crash_loop(OS_CRASH_TEAR_ALL, 2);
}

static void test_log_keeps_flushed_records_when_crash_at_every_write_dropped(void **state)
{
    (void)state;
    crash_loop(OS_CRASH_DROP_ALL, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log_keeps_flushed_records_when_crash_at_every_write_random),
        cmocka_unit_test(test_log_keeps_flushed_records_when_crash_at_every_write_torn),
        cmocka_unit_test(test_log_keeps_flushed_records_when_crash_at_every_write_dropped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
