/* SPDX-License-Identifier: MIT
 * cache/tests/test_writer.c: the background writer: flush thresholds and checkpoint depth. */
#include "cache_test.h"

static void change(struct tenv *e, uint32_t pgno, uint32_t cbData)
{
    struct mtr m;
    uint8_t *pb;
    mtr_begin(&m, e->f);
    assert_int_equal(mtr_get(&m, pgno, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    tpage_insert(pb, e->cbPage, pgno, "w", cbData, (uint8_t)pgno);
    mtr_set_modified(&m, pgno);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
}

static uint32_t dirty(struct tenv *e)
{
    struct cache_stats s;
    cache_get_stats(e->cache, &s);
    return s.cframeDirty;
}

/* Below the start threshold nothing is written; past it the writer cleans down to the stop
 * threshold and no further than a batch beyond it. */
static void test_cache_writer_starts_and_stops_at_the_thresholds(void **state)
{
    struct tenv e;
    struct cache_stats s;
    tenv_open(&e, 4096, 100, 200, TENV_LOG);
    /* Start when fewer than 20% of the frames could be reused without a write (more than 80
     * dirty), stop once 40% could (60 dirty or fewer). */
    cache_set_flush_thresholds(e.cache, 20, 40);
    for (uint32_t pgno = 1; pgno <= 75; pgno++)
        change(&e, pgno, 10);
    os_sleep_ms(300);
    cache_get_stats(e.cache, &s);
    assert_int_equal(s.cWrite, 0);
    assert_int_equal(s.cframeDirty, 75);

    for (uint32_t pgno = 76; pgno <= 90; pgno++)
        change(&e, pgno, 10);
    for (int i = 0; i < 500 && dirty(&e) > 60; i++)
        os_sleep_ms(10);
    os_sleep_ms(200);   /* let it finish a round: it must stop */
    cache_get_stats(e.cache, &s);
    print_message("writer: %u dirty after cleaning (%llu writes)\n", (unsigned)s.cframeDirty,
                  (unsigned long long)s.cWrite);
    assert_true(s.cframeDirty <= 60);
    assert_true(s.cframeDirty >= 60 - 16);
    assert_int_equal(s.cWrite, 90 - s.cframeDirty);
    /* Oldest first: the first pages changed are the ones written. */
    uint8_t raw[4096];
    tenv_read_raw(&e, 1, raw);
    assert_int_equal(page_verify(raw, 4096, 1, 0, NULL), JET_errSuccess);
    struct page_view pv = page_view_make(raw, 4096, 1);
    assert_int_equal(page_cline(&pv), 2);
    tenv_read_raw(&e, 90, raw);
    pv = page_view_make(raw, 4096, 90);
    assert_int_equal(page_cline(&pv), 1);
    tenv_close(&e);
}

static void test_cache_writer_keeps_the_checkpoint_depth(void **state)
{
    struct tenv e;
    const uint64_t cbDepth = 64 * 1024;
    tenv_open(&e, 4096, 400, 300, TENV_LOG);
    tenv_set_depth(&e, cbDepth, 1u << 20);
    lsn_t lsnStart = log_end_lsn(e.log);
    for (uint32_t pgno = 1; pgno <= 300; pgno++)
        change(&e, pgno, 600);   /* images of ~700 bytes: ~200 KiB of log */
    lsn_t lsnEnd = log_end_lsn(e.log);
    assert_true(lsnEnd - lsnStart > 3 * cbDepth);   /* one generation: offsets compare */
    lsn_t lsnOldest = LSN_NONE;
    for (int i = 0; i < 500; i++) {
        lsnOldest = cache_file_oldest_dirty_lsn(e.f);
        if (lsnOldest != LSN_MAX && lsnEnd - lsnOldest <= cbDepth)
            break;
        os_sleep_ms(10);
    }
    print_message("writer: oldest change %llu bytes behind the log end (depth %llu), %u dirty\n",
                  (unsigned long long)(lsnEnd - lsnOldest), (unsigned long long)cbDepth, (unsigned)dirty(&e));
    assert_true(lsnEnd - lsnOldest <= cbDepth);
    assert_true(dirty(&e) > 0);   /* it wrote only what the depth asked for */
    tenv_close(&e);
}

/* The depth is measured across log generations. */
static void test_cache_writer_measures_depth_across_generations(void **state)
{
    struct tenv e;
    const uint64_t cbDepth = 96 * 1024;
    tenv_open(&e, 4096, 400, 300, TENV_LOG | TENV_SMALL_LOG);   /* 32 KiB generations */
    tenv_set_depth(&e, cbDepth, 32 * 1024);
    for (uint32_t pgno = 1; pgno <= 300; pgno++)
        change(&e, pgno, 600);
    lsn_t lsnEnd = log_end_lsn(e.log);
    assert_true(lsn_generation(lsnEnd) > 5);
    lsn_t lsnOldest = LSN_NONE;
    for (int i = 0; i < 500; i++) {
        lsnOldest = cache_file_oldest_dirty_lsn(e.f);
        if (lsnOldest != LSN_MAX && lsn_generation(lsnEnd) - lsn_generation(lsnOldest) <= 3)
            break;
        os_sleep_ms(10);
    }
    assert_true(lsnOldest != LSN_MAX);
    assert_true(lsn_generation(lsnEnd) - lsn_generation(lsnOldest) <= 3);
    tenv_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_writer_starts_and_stops_at_the_thresholds),
        cmocka_unit_test(test_cache_writer_keeps_the_checkpoint_depth),
        cmocka_unit_test(test_cache_writer_measures_depth_across_generations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
