/* SPDX-License-Identifier: MIT
 * log/tests/test_diskfull.c: a full disk (os_fault). The reserve files take the next
 * generations, new work is refused meanwhile (ESE's log disk full state), JET_errLogDiskFull
 * once they are gone, and the log stays readable. Write failures make the log fail for good. */
#include "log_tests.h"

#define CB_FILE   (32 * 1024)
#define CB_SECTOR 512

struct fx { struct os_vfs *mem, *vfs; struct log_config cfg; };

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    fx->mem = os_mem_create();
    fx->vfs = os_fault_create(fx->mem);
    fx->cfg = test_cfg(fx->vfs, CB_FILE, 4096, CB_SECTOR);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    os_fault_destroy(fx->vfs);
    os_mem_destroy(fx->mem);
    free(fx);
    return 0;
}

static struct log *open_start(struct fx *fx)
{
    struct log *log = NULL;
    assert_int_equal(log_open(&fx->cfg, &log, NULL), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errSuccess);
    return log;
}

/* Appends 300-byte records until generation genStop begins or an append fails; returns the
 * error, *pc counts the records appended. */
static JET_ERR fill_until(struct log *log, uint32_t genStop, uint32_t *pi)
{
    lsn_t lsn;
    for (;;) {
        JET_ERR err = test_append(log, *pi, 300, &lsn);
        if (err < 0) return err;
        (*pi)++;
        if (lsn_generation(lsn) >= genStop) return JET_errSuccess;
    }
}

static void test_log_runs_on_reserve_files_then_fails_with_log_disk_full(void **state)
{
    struct fx *fx = *state;
    struct log *log = open_start(fx);
    uint32_t i = 0;
    lsn_t lsn;
    assert_int_equal(log_check_state(log), JET_errSuccess);
    assert_int_equal(log_append(log, LOG_REC_TRX_BEGIN, "t", 1, &lsn), JET_errSuccess);

    os_fault_disk_full_after(fx->vfs, 0);
    /* Generation 2 cannot be created: it goes into reserve file 2, and the log stops taking
     * new work while it still logs what is under way. */
    assert_int_equal(fill_until(log, 2, &i), JET_errSuccess);
    assert_false(test_exists(fx->vfs, W("/l/edbres00002.jrs")));
    assert_true(test_exists(fx->vfs, W("/l/edbres00001.jrs")));
    assert_int_equal(log_check_state(log), JET_errLogDiskFull);
    assert_int_equal(log_append(log, LOG_REC_TRX_BEGIN, "t", 1, &lsn), JET_errLogDiskFull);
    assert_int_equal(log_append(log, LOG_REC_DB_ATTACH, "t", 1, &lsn), JET_errLogDiskFull);
    assert_int_equal(log_append(log, LOG_REC_TRX_COMMIT, "t", 1, &lsn), JET_errSuccess);
    assert_int_equal(log_flush(log, lsn), JET_errSuccess);

    /* Generation 3 takes reserve file 1; generation 4 finds nothing. */
    assert_int_equal(fill_until(log, 3, &i), JET_errSuccess);
    assert_false(test_exists(fx->vfs, W("/l/edbres00001.jrs")));
    uint32_t cBefore = i;
    assert_int_equal(fill_until(log, 4, &i), JET_errLogDiskFull);
    assert_true(i > cBefore);
    /* From now on every write fails the same way; nothing is left half made. */
    assert_int_equal(test_append(log, 9999, 10, &lsn), JET_errLogDiskFull);
    assert_int_equal(log_flush(log, LSN_MAX), JET_errLogDiskFull);
    assert_int_equal(log_new_generation(log), JET_errLogDiskFull);
    assert_int_equal(log_check_state(log), JET_errLogDiskFull);
    assert_false(test_exists(fx->vfs, W("/l/edbtmp.log")));

    /* Still readable, with every record appended (the failed switch had flushed them). */
    struct test_read tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, i);
    assert_int_equal(tr.cOther, 2);            /* the first TRX_BEGIN and the COMMIT */
    assert_int_equal(log_term(log), JET_errLogDiskFull);

    /* Reopened: the same, and once there is room again the log starts normally. */
    struct log_state st;
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_int_equal(st.genMax, 3);
    assert_false(st.fCleanEnd);
    tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, i);
    os_fault_disk_full_after(fx->vfs, UINT64_MAX);
    assert_int_equal(log_start(log), JET_errSuccess);
    assert_int_equal(log_check_state(log), JET_errSuccess);
    assert_true(test_exists(fx->vfs, W("/l/edbres00001.jrs")));
    assert_true(test_exists(fx->vfs, W("/l/edbres00002.jrs")));
    assert_int_equal(log_term(log), JET_errSuccess);
}

static void test_log_check_state_recovers_when_space_comes_back(void **state)
{
    struct fx *fx = *state;
    struct log *log = open_start(fx);
    uint32_t i = 0;
    lsn_t lsn;
    os_fault_disk_full_after(fx->vfs, 0);
    assert_int_equal(fill_until(log, 2, &i), JET_errSuccess);
    assert_int_equal(log_check_state(log), JET_errLogDiskFull);
    os_fault_disk_full_after(fx->vfs, UINT64_MAX);
    assert_int_equal(log_check_state(log), JET_errSuccess);      /* the reserve pool is full again */
    assert_true(test_exists(fx->vfs, W("/l/edbres00002.jrs")));
    assert_int_equal(log_append(log, LOG_REC_TRX_BEGIN, "t", 1, &lsn), JET_errSuccess);
    assert_int_equal(log_term(log), JET_errSuccess);
}

static void test_log_start_refuses_new_work_when_reserves_cannot_be_made(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL;
    lsn_t lsn;
    /* Room for the first generation and its checkpoint file, not for the reserve files. */
    os_fault_disk_full_after(fx->vfs, CB_FILE + LOG_CB_CHK_MIN);
    assert_int_equal(log_open(&fx->cfg, &log, NULL), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errSuccess);
    assert_false(test_exists(fx->vfs, W("/l/edbres00001.jrs")));
    assert_int_equal(log_check_state(log), JET_errLogDiskFull);
    assert_int_equal(log_append(log, LOG_REC_DB_CREATE, "d", 1, &lsn), JET_errLogDiskFull);
    assert_int_equal(log_append(log, LOG_REC_USER_MIN, "d", 1, &lsn), JET_errSuccess);
    assert_int_equal(log_term(log), JET_errSuccess);
}

static void test_log_fails_for_good_when_write_fails(void **state)
{
    struct fx *fx = *state;
    struct log *log = open_start(fx);
    lsn_t lsn, lsnOk;
    assert_int_equal(test_append(log, 0, 100, &lsnOk), JET_errSuccess);
    assert_int_equal(log_flush(log, lsnOk), JET_errSuccess);
    assert_int_equal(test_append(log, 1, 100, &lsn), JET_errSuccess);
    os_fault_fail_nth(fx->vfs, OS_FAULT_WRITE, 1, JET_errDiskIO, false);
    assert_int_equal(log_flush(log, lsn), JET_errLogWriteFail);
    /* Sticky, even though the disk works again. */
    assert_int_equal(log_flush(log, lsn), JET_errLogWriteFail);
    assert_int_equal(test_append(log, 2, 100, &lsn), JET_errLogWriteFail);
    assert_int_equal(log_check_state(log), JET_errLogWriteFail);
    assert_true(log_flushed_lsn(log) > lsnOk);
    struct test_read tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, 1);
    log_close(log);
}

static void test_log_sync_failure_is_fatal(void **state)
{
    struct fx *fx = *state;
    struct log *log = open_start(fx);
    lsn_t lsn;
    assert_int_equal(test_append(log, 0, 100, &lsn), JET_errSuccess);
    os_fault_fail_nth(fx->vfs, OS_FAULT_SYNC, 1, JET_errDiskIO, false);
    assert_int_equal(log_flush(log, lsn), JET_errLogWriteFail);
    assert_int_equal(log_flush(log, lsn), JET_errLogWriteFail);
    log_close(log);
}

/* Every failure point of a small workload: the log either works or fails cleanly, and what
 * was flushed before the failure reads back. */
static void test_log_survives_io_failure_at_every_point(void **state)
{
    struct fx *fx = *state;
    for (uint64_t n = 1; ; n++) {
        struct os_vfs *mem = os_mem_create(), *vfs = os_fault_create(mem);
        struct log_config cfg = test_cfg(vfs, CB_FILE, 4096, CB_SECTOR);
        struct log *log = NULL;
        uint32_t cDurable = 0, cAppended = 0;
        os_fault_fail_nth(vfs, OS_FAULT_ALL, n, JET_errDiskIO, false);
        JET_ERR err = log_open(&cfg, &log, NULL);
        if (err >= 0) err = log_start(log);
        for (uint32_t i = 0; err >= 0 && i < 120; i++) {
            lsn_t lsn;
            err = test_append(log, i, 200 + i, &lsn);
            if (err < 0) break;
            cAppended = i + 1;
            if (i % 4 == 3) {
                err = log_flush(log, lsn);
                if (err >= 0) cDurable = i + 1;
            }
        }
        if (err >= 0) {
            err = log_term(log);
            if (err >= 0) cDurable = cAppended;
        } else {
            log_close(log);
        }
        bool fInjected = os_fault_injected(vfs) > 0;
        os_fault_clear(vfs);

        struct log_state st;
        assert_int_equal(log_open(&cfg, &log, &st), JET_errSuccess);
        struct test_read tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
        assert_int_equal(tr.errEnd, 1);
        assert_true(tr.c >= cDurable && tr.c <= cAppended);
        assert_int_equal(log_start(log), JET_errSuccess);
        assert_int_equal(log_term(log), JET_errSuccess);
        os_fault_destroy(vfs);
        os_mem_destroy(mem);
        if (!fInjected) break;
    }
    (void)fx;
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_log_runs_on_reserve_files_then_fails_with_log_disk_full),
        T(test_log_check_state_recovers_when_space_comes_back),
        T(test_log_start_refuses_new_work_when_reserves_cannot_be_made),
        T(test_log_fails_for_good_when_write_fails),
        T(test_log_sync_failure_is_fatal),
        T(test_log_survives_io_failure_at_every_point),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
