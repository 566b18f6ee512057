/* SPDX-License-Identifier: MIT
 * os/tests/test_fault.c: os_fault over os_mem: the nth call fails and changes nothing,
 * persistent failures, counters for failure loops, and the disk-full budget. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "os_test.h"
#include "os_tests.h"

struct fx { struct os_vfs *mem, *vfs; };

static int setup(void **state)
{
    static struct fx fx;
    fx.mem = os_mem_create();
    fx.vfs = os_fault_create(fx.mem);
    *state = &fx;
    return fx.mem && fx.vfs ? 0 : -1;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    os_fault_destroy(fx->vfs);
    os_mem_destroy(fx->mem);
    return 0;
}

static struct os_file *must_open(struct os_vfs *vfs, const ESENT_WCHAR *path, unsigned flags)
{
    struct os_file *f = NULL;
    assert_int_equal(os_file_open(vfs, path, flags, &f), JET_errSuccess);
    return f;
}

static void test_fault_fails_nth_write_and_leaves_file_unchanged(void **state)
{
    struct fx *fx = *state;
    char rgb[3];
    struct os_file *f = must_open(fx->vfs, W("a"), OS_OPEN_CREATE);
    os_fault_fail_nth(fx->vfs, OS_FAULT_WRITE, 2, JET_errDiskIO, false);
    assert_int_equal(os_file_write(f, 0, "abc", 3), JET_errSuccess);
    assert_int_equal(os_file_read(f, 0, rgb, 3), JET_errSuccess);      /* reads do not count */
    assert_int_equal(os_file_write(f, 0, "xyz", 3), JET_errDiskIO);
    assert_int_equal(os_file_write(f, 0, "XYZ", 3), JET_errSuccess);    /* not persistent */
    assert_int_equal(os_fault_injected(fx->vfs), 1);
    assert_int_equal(os_fault_calls(fx->vfs, OS_FAULT_WRITE), 3);
    assert_int_equal(os_fault_calls(fx->vfs, OS_FAULT_READ | OS_FAULT_OPEN), 2);
    os_file_close(f);
    os_fault_fail_nth(fx->vfs, OS_FAULT_WRITE, 1, JET_errDiskIO, false);
    f = must_open(fx->vfs, W("a"), 0);
    assert_int_equal(os_file_write(f, 1, "!", 1), JET_errDiskIO);
    assert_int_equal(os_file_read(f, 0, rgb, 3), JET_errSuccess);
    assert_memory_equal(rgb, "XYZ", 3);
    os_file_close(f);
}

static void test_fault_fails_each_selected_kind(void **state)
{
    struct fx *fx = *state;
    struct os_file *f = NULL;
    char b;
    os_fault_fail_nth(fx->vfs, OS_FAULT_OPEN, 1, JET_errOutOfMemory, false);
    assert_int_equal(os_file_open(fx->vfs, W("a"), OS_OPEN_CREATE, &f), JET_errOutOfMemory);
    assert_null(f);
    bool fExists = true;
    assert_int_equal(fx->vfs->ops->exists(fx->vfs, W("a"), &fExists, NULL), JET_errSuccess);
    assert_false(fExists);                                   /* the failed open created nothing */
    f = must_open(fx->vfs, W("a"), OS_OPEN_CREATE);
    assert_int_equal(os_file_write(f, 0, "x", 1), JET_errSuccess);
    os_fault_fail_nth(fx->vfs, OS_FAULT_READ, 1, JET_errReadVerifyFailure, false);
    assert_int_equal(os_file_read(f, 0, &b, 1), JET_errReadVerifyFailure);
    os_fault_fail_nth(fx->vfs, OS_FAULT_SYNC, 1, JET_errDiskIO, false);
    assert_int_equal(os_file_sync(f), JET_errDiskIO);
    os_fault_fail_nth(fx->vfs, OS_FAULT_SET_SIZE, 1, JET_errDiskFull, false);
    assert_int_equal(os_file_set_size(f, 100), JET_errDiskFull);
    uint64_t cb = 0;
    assert_int_equal(os_file_size(f, &cb), JET_errSuccess);
    assert_int_equal(cb, 1);
    assert_int_equal(os_fault_injected(fx->vfs), 4);
    os_file_close(f);
}

static void test_fault_persistent_failure_repeats_until_clear(void **state)
{
    struct fx *fx = *state;
    struct os_file *f = must_open(fx->vfs, W("a"), OS_OPEN_CREATE);
    os_fault_fail_nth(fx->vfs, OS_FAULT_WRITE | OS_FAULT_SYNC, 2, JET_errDiskIO, true);
    assert_int_equal(os_file_write(f, 0, "a", 1), JET_errSuccess);
    assert_int_equal(os_file_sync(f), JET_errDiskIO);
    assert_int_equal(os_file_write(f, 0, "a", 1), JET_errDiskIO);
    assert_int_equal(os_file_sync(f), JET_errDiskIO);
    assert_int_equal(os_fault_injected(fx->vfs), 3);
    os_fault_clear(fx->vfs);
    assert_int_equal(os_file_sync(f), JET_errSuccess);
    assert_int_equal(os_fault_injected(fx->vfs), 0);
    assert_int_equal(os_fault_calls(fx->vfs, OS_FAULT_ALL), 1);
    os_file_close(f);
}

/* A workload of open, three writes, sync: the loop must visit each of its five calls once and
 * then find a run with nothing injected. */
static JET_ERR workload(struct os_vfs *vfs)
{
    struct os_file *f = NULL;
    JET_ERR err;
    CALL(os_file_open(vfs, W("w"), OS_OPEN_CREATE, &f));
    for (int i = 0; i < 3; i++) CALL(os_file_write(f, (uint64_t)i * 512, "data", 4));
    CALL(os_file_sync(f));
out:
    os_file_close(f);
    return err;
}

static void test_fault_loop_visits_every_failure_point(void **state)
{
    struct fx *fx = *state;
    uint64_t n;
    for (n = 1; ; n++) {
        os_fault_clear(fx->vfs);
        os_fault_fail_nth(fx->vfs, OS_FAULT_ALL, n, JET_errDiskIO, false);
        JET_ERR err = workload(fx->vfs);
        if (os_fault_injected(fx->vfs) == 0) {
            assert_int_equal(err, JET_errSuccess);
            break;
        }
        assert_int_equal(err, JET_errDiskIO);
        assert_int_equal(os_fault_calls(fx->vfs, OS_FAULT_ALL), n);   /* stopped at the failure */
    }
    assert_int_equal(n, 6);
}

static void test_fault_disk_full_fails_growth_beyond_budget(void **state)
{
    struct fx *fx = *state;
    uint64_t cb = 0;
    char rgb[1000] = { 0 };
    struct os_file *f = must_open(fx->vfs, W("a"), OS_OPEN_CREATE);
    assert_int_equal(os_file_write(f, 0, rgb, 100), JET_errSuccess);
    os_fault_disk_full_after(fx->vfs, 150);
    assert_int_equal(fx->vfs->ops->free_space(fx->vfs, W("a"), &cb), JET_errSuccess);
    assert_int_equal(cb, 150);
    assert_int_equal(os_file_write(f, 0, rgb, 100), JET_errSuccess);      /* no growth */
    assert_int_equal(os_file_write(f, 50, rgb, 200), JET_errSuccess);     /* grows by 150 */
    assert_int_equal(os_file_write(f, 250, rgb, 1), JET_errDiskFull);
    assert_int_equal(os_file_set_size(f, 251), JET_errDiskFull);
    assert_int_equal(os_file_size(f, &cb), JET_errSuccess);
    assert_int_equal(cb, 250);
    assert_int_equal(os_fault_injected(fx->vfs), 2);
    assert_int_equal(os_file_set_size(f, 200), JET_errSuccess);           /* gives 50 back */
    assert_int_equal(os_file_write(f, 200, rgb, 50), JET_errSuccess);
    assert_int_equal(os_file_write(f, 250, rgb, 1), JET_errDiskFull);
    /* another file draws on the same disk */
    struct os_file *f2 = must_open(fx->vfs, W("b"), OS_OPEN_CREATE);
    assert_int_equal(os_file_write(f2, 0, rgb, 1), JET_errDiskFull);
    os_file_close(f2);
    os_file_close(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fault_fails_nth_write_and_leaves_file_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault_fails_each_selected_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault_persistent_failure_repeats_until_clear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault_loop_visits_every_failure_point, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault_disk_full_fails_growth_beyond_budget, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
