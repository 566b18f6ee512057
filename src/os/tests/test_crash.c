/* SPDX-License-Identifier: MIT
 * os/tests/test_crash.c: os_crash over os_mem. Synced data always survives; unsynced writes may
 * vanish; torn writes only touch unsynced sectors; crash points loop over a workload. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "os_test.h"
#include "os_tests.h"

#define CB_SEC 512

struct disk { struct os_vfs *mem, *vfs; };

static struct disk disk_new(void)
{
    struct disk d = { os_mem_create(), NULL };
    assert_non_null(d.mem);
    d.vfs = os_crash_create(d.mem, CB_SEC);
    assert_non_null(d.vfs);
    return d;
}

static void disk_free(struct disk *d)
{
    os_crash_destroy(d->vfs);
    os_mem_destroy(d->mem);
}

static struct os_file *must_open(struct os_vfs *vfs, const ESENT_WCHAR *path, unsigned flags)
{
    struct os_file *f = NULL;
    assert_int_equal(os_file_open(vfs, path, flags, &f), JET_errSuccess);
    return f;
}

/* Fill sector isec of f with byte b. */
static void put_sector(struct os_file *f, uint64_t isec, uint8_t b)
{
    uint8_t rgb[CB_SEC];
    memset(rgb, b, sizeof rgb);
    assert_int_equal(os_file_write(f, isec * CB_SEC, rgb, sizeof rgb), JET_errSuccess);
}

/* The byte filling sector isec of path in the lower vfs, 0xEE when its bytes differ (garbage),
 * 0xFF when the file ends before it. */
static uint8_t sector_of(struct os_vfs *vfs, const ESENT_WCHAR *path, uint64_t isec)
{
    void *pv;
    size_t cb;
    assert_int_equal(os_test_read_file(vfs, path, &pv, &cb), JET_errSuccess);
    uint8_t b = 0xFF;
    if ((isec + 1) * CB_SEC <= cb) {
        const uint8_t *p = (const uint8_t *)pv + isec * CB_SEC;
        b = p[0];
        for (size_t i = 1; i < CB_SEC; i++)
            if (p[i] != b) { b = 0xEE; break; }
    }
    mem_free(pv);
    return b;
}

static uint64_t file_size(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    struct os_file *f = must_open(vfs, path, OS_OPEN_READONLY);
    uint64_t cb = 0;
    assert_int_equal(os_file_size(f, &cb), JET_errSuccess);
    os_file_close(f);
    return cb;
}

/* Eight sectors of 'A' synced; then sectors 2..5 rewritten with 'B' and two sectors of 'C'
 * appended, none of it synced; then the power cut. */
static struct disk scenario_cut(struct os_crash_policy policy, uint64_t seed)
{
    struct disk d = disk_new();
    struct os_file *f = must_open(d.vfs, W("db"), OS_OPEN_CREATE | OS_OPEN_EXCLUSIVE);
    for (uint64_t i = 0; i < 8; i++) put_sector(f, i, 'A');
    assert_int_equal(os_file_sync(f), JET_errSuccess);
    for (uint64_t i = 2; i < 6; i++) put_sector(f, i, 'B');
    put_sector(f, 8, 'C');
    put_sector(f, 9, 'C');
    assert_int_equal(os_crash_simulate(d.vfs, policy, seed), JET_errSuccess);
    os_file_close(f);
    return d;
}

static void test_crash_keeps_synced_sectors_under_every_policy(void **state)
{
    (void)state;
    const struct os_crash_policy policies[] = { OS_CRASH_KEEP_ALL, OS_CRASH_DROP_ALL, OS_CRASH_TEAR_ALL, OS_CRASH_RANDOM };
    for (size_t p = 0; p < ARRAY_SIZE(policies); p++) {
        for (uint64_t seed = 1; seed <= 40; seed++) {
            struct disk d = scenario_cut(policies[p], seed);
            for (uint64_t i = 0; i < 8; i++) {
                uint8_t b = sector_of(d.mem, W("/db"), i);
                if (i < 2 || i >= 6) assert_int_equal(b, 'A');   /* never written since the sync */
            }
            uint64_t cb = file_size(d.mem, W("/db"));
            assert_true(cb == 8 * CB_SEC || cb == 10 * CB_SEC);
            disk_free(&d);
        }
    }
}

static void test_crash_keep_all_keeps_every_unsynced_write(void **state)
{
    (void)state;
    struct disk d = scenario_cut(OS_CRASH_KEEP_ALL, 1);
    for (uint64_t i = 0; i < 10; i++)
        assert_int_equal(sector_of(d.mem, W("/db"), i), i < 2 || (i >= 6 && i < 8) ? 'A' : i < 6 ? 'B' : 'C');
    disk_free(&d);
}

static void test_crash_drop_all_restores_last_synced_state(void **state)
{
    (void)state;
    struct disk d = scenario_cut(OS_CRASH_DROP_ALL, 1);
    assert_int_equal(file_size(d.mem, W("/db")), 8 * CB_SEC);
    for (uint64_t i = 0; i < 8; i++) assert_int_equal(sector_of(d.mem, W("/db"), i), 'A');
    disk_free(&d);
}

/* Torn writes: over many seeds each rewritten sector is seen kept, lost and garbage, and
 * garbage never shows up outside the rewritten sectors. */
static void test_crash_tears_only_unsynced_sectors(void **state)
{
    (void)state;
    bool fSeenA = false, fSeenB = false, fSeenGarbage = false;
    for (uint64_t seed = 1; seed <= 60; seed++) {
        struct disk d = scenario_cut(OS_CRASH_TEAR_ALL, seed);
        for (uint64_t i = 0; i < 8; i++) {
            uint8_t b = sector_of(d.mem, W("/db"), i);
            if (i < 2 || i >= 6) {
                assert_int_equal(b, 'A');
                continue;
            }
            fSeenA |= b == 'A';
            fSeenB |= b == 'B';
            fSeenGarbage |= b != 'A' && b != 'B';
        }
        disk_free(&d);
    }
    assert_true(fSeenA);
    assert_true(fSeenB);
    assert_true(fSeenGarbage);
}

static void test_crash_same_seed_gives_same_outcome(void **state)
{
    (void)state;
    void *pv1, *pv2;
    size_t cb1, cb2;
    struct disk d1 = scenario_cut(OS_CRASH_RANDOM, 12345);
    struct disk d2 = scenario_cut(OS_CRASH_RANDOM, 12345);
    assert_int_equal(os_test_read_file(d1.mem, W("/db"), &pv1, &cb1), JET_errSuccess);
    assert_int_equal(os_test_read_file(d2.mem, W("/db"), &pv2, &cb2), JET_errSuccess);
    assert_int_equal(cb1, cb2);
    assert_memory_equal(pv1, pv2, cb1);
    mem_free(pv1);
    mem_free(pv2);
    disk_free(&d1);
    disk_free(&d2);
}

static void test_crash_drop_all_undoes_unsynced_shrink(void **state)
{
    (void)state;
    struct disk d = disk_new();
    struct os_file *f = must_open(d.vfs, W("db"), OS_OPEN_CREATE);
    for (uint64_t i = 0; i < 4; i++) put_sector(f, i, (uint8_t)('0' + i));
    assert_int_equal(os_file_sync(f), JET_errSuccess);
    assert_int_equal(os_file_set_size(f, CB_SEC + 100), JET_errSuccess);   /* cuts into sector 1 */
    assert_int_equal(os_crash_simulate(d.vfs, OS_CRASH_DROP_ALL, 3), JET_errSuccess);
    os_file_close(f);
    assert_int_equal(file_size(d.mem, W("/db")), 4 * CB_SEC);
    for (uint64_t i = 0; i < 4; i++) assert_int_equal(sector_of(d.mem, W("/db"), i), '0' + i);
    disk_free(&d);
}

static void test_crash_unsynced_writes_stay_unsynced_across_close(void **state)
{
    (void)state;
    struct disk d = disk_new();
    struct os_file *f = must_open(d.vfs, W("db"), OS_OPEN_CREATE);
    put_sector(f, 0, 'A');
    assert_int_equal(os_file_sync(f), JET_errSuccess);
    put_sector(f, 0, 'B');
    os_file_close(f);
    f = must_open(d.vfs, W("db"), OS_OPEN_READONLY);                      /* through the wrapper */
    os_file_close(f);
    assert_int_equal(os_crash_simulate(d.vfs, OS_CRASH_DROP_ALL, 1), JET_errSuccess);
    assert_int_equal(sector_of(d.mem, W("/db"), 0), 'A');
    disk_free(&d);
}

static void test_crash_write_through_survives_drop_all(void **state)
{
    (void)state;
    struct disk d = disk_new();
    struct os_file *f = must_open(d.vfs, W("edb.log"), OS_OPEN_CREATE | OS_OPEN_WRITE_THROUGH);
    put_sector(f, 0, 'L');
    put_sector(f, 1, 'M');
    assert_int_equal(os_crash_simulate(d.vfs, OS_CRASH_DROP_ALL, 1), JET_errSuccess);
    os_file_close(f);
    assert_int_equal(file_size(d.mem, W("/edb.log")), 2 * CB_SEC);
    assert_int_equal(sector_of(d.mem, W("/edb.log"), 0), 'L');
    assert_int_equal(sector_of(d.mem, W("/edb.log"), 1), 'M');
    disk_free(&d);
}

static void test_crash_renamed_file_keeps_its_unsynced_state(void **state)
{
    (void)state;
    struct disk d = disk_new();
    struct os_file *f = must_open(d.vfs, W("tmp"), OS_OPEN_CREATE);
    put_sector(f, 0, 'A');
    assert_int_equal(os_file_sync(f), JET_errSuccess);
    put_sector(f, 0, 'B');
    os_file_close(f);
    assert_int_equal(d.vfs->ops->rename(d.vfs, W("tmp"), W("final")), JET_errSuccess);
    assert_int_equal(os_crash_simulate(d.vfs, OS_CRASH_DROP_ALL, 1), JET_errSuccess);
    assert_int_equal(sector_of(d.mem, W("/final"), 0), 'A');
    disk_free(&d);
}

static void test_crash_old_handles_die_and_new_opens_work(void **state)
{
    (void)state;
    struct disk d = disk_new();
    uint8_t b;
    struct os_file *f = must_open(d.vfs, W("db"), OS_OPEN_CREATE | OS_OPEN_EXCLUSIVE);
    put_sector(f, 0, 'A');
    assert_int_equal(os_crash_writes(d.vfs), 1);
    assert_int_equal(os_crash_simulate(d.vfs, OS_CRASH_KEEP_ALL, 1), JET_errSuccess);
    assert_int_equal(os_file_read(f, 0, &b, 1), JET_errDiskIO);
    assert_int_equal(os_file_write(f, 0, &b, 1), JET_errDiskIO);
    assert_int_equal(os_file_sync(f), JET_errDiskIO);
    assert_int_equal(os_crash_writes(d.vfs), 0);
    struct os_file *f2 = must_open(d.vfs, W("db"), OS_OPEN_EXCLUSIVE);   /* the dead handle holds nothing */
    assert_int_equal(os_file_read(f2, 0, &b, 1), JET_errSuccess);
    assert_int_equal(b, 'A');
    os_file_close(f2);
    os_file_close(f);
    disk_free(&d);
}

/* Workload: six records, one sector each, synced after every second. Returns at the first
 * error, like an engine whose disk went away. */
static JET_ERR workload(struct os_vfs *vfs)
{
    struct os_file *f = NULL;
    JET_ERR err;
    CALL(os_file_open(vfs, W("log"), OS_OPEN_CREATE | OS_OPEN_EXCLUSIVE, &f));
    for (uint64_t i = 0; i < 6; i++) {
        uint8_t rgb[CB_SEC];
        memset(rgb, (int)('a' + i), sizeof rgb);
        CALL(os_file_write(f, i * CB_SEC, rgb, sizeof rgb));
        if (i % 2 == 1) CALL(os_file_sync(f));
    }
out:
    os_file_close(f);
    return err;
}

static void test_crash_at_every_write_point_keeps_synced_records(void **state)
{
    (void)state;
    struct disk d = disk_new();
    assert_int_equal(workload(d.vfs), JET_errSuccess);
    uint64_t cWrites = os_crash_writes(d.vfs);
    assert_int_equal(cWrites, 6);
    disk_free(&d);

    const struct os_crash_policy policies[] = { OS_CRASH_DROP_ALL, OS_CRASH_KEEP_ALL, OS_CRASH_RANDOM };
    for (uint64_t k = 1; k <= cWrites; k++) {
        for (size_t p = 0; p < ARRAY_SIZE(policies); p++) {
            for (uint64_t seed = 1; seed <= 8; seed++) {
                d = disk_new();
                os_crash_at_write(d.vfs, k);
                assert_int_equal(workload(d.vfs), JET_errDiskIO);
                assert_true(os_crash_has_crashed(d.vfs));
                assert_int_equal(os_crash_simulate(d.vfs, policies[p], seed), JET_errSuccess);
                /* writes 1..k happened; the syncs after writes 2, 4 (those before write k) too */
                uint64_t cSynced = 2 * ((k - 1) / 2);
                for (uint64_t i = 0; i < cSynced; i++)
                    assert_int_equal(sector_of(d.mem, W("/log"), i), 'a' + i);
                if (p == 0) assert_int_equal(file_size(d.mem, W("/log")), cSynced * CB_SEC);
                if (p == 1)
                    for (uint64_t i = cSynced; i < k; i++) assert_int_equal(sector_of(d.mem, W("/log"), i), 'a' + i);
                disk_free(&d);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crash_keeps_synced_sectors_under_every_policy),
        cmocka_unit_test(test_crash_keep_all_keeps_every_unsynced_write),
        cmocka_unit_test(test_crash_drop_all_restores_last_synced_state),
        cmocka_unit_test(test_crash_tears_only_unsynced_sectors),
        cmocka_unit_test(test_crash_same_seed_gives_same_outcome),
        cmocka_unit_test(test_crash_drop_all_undoes_unsynced_shrink),
        cmocka_unit_test(test_crash_unsynced_writes_stay_unsynced_across_close),
        cmocka_unit_test(test_crash_write_through_survives_drop_all),
        cmocka_unit_test(test_crash_renamed_file_keeps_its_unsynced_state),
        cmocka_unit_test(test_crash_old_handles_die_and_new_opens_work),
        cmocka_unit_test(test_crash_at_every_write_point_keeps_synced_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
