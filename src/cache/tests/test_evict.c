/* SPDX-License-Identifier: MIT
 * cache/tests/test_evict.c: LRU-K (K = 2) eviction, dirty victims, shrinking the cache. */
#include "cache_test.h"

static void touch(struct tenv *e, uint32_t pgno)
{
    struct page_ref r;
    assert_int_equal(cache_get(e->f, pgno, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    assert_int_equal(tpage_tag(r.buf, e->cbPage, pgno), pgno);
    cache_put(&r);
}

static uint64_t reads(struct tenv *e)
{
    struct cache_stats s;
    cache_get_stats(e->cache, &s);
    return s.cRead;
}

static void change(struct tenv *e, uint32_t pgno, uint32_t v)
{
    struct mtr m;
    uint8_t *pb;
    mtr_begin(&m, e->f);
    assert_int_equal(mtr_get(&m, pgno, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    struct page_buf b = page_buf_make(pb, e->cbPage, pgno);
    page_set_pgno_next(&b, v);
    mtr_set_modified(&m, pgno);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
}

/* Pages referenced twice survive a scan of pages referenced once, even a scan ten times the
 * cache; plain LRU would have flushed them. */
static void test_cache_evict_keeps_the_hot_set_when_a_scan_passes(void **state)
{
    struct tenv e;
    tenv_open(&e, 4096, 16, 400, 0);
    for (int round = 0; round < 2; round++)
        for (uint32_t pgno = 1; pgno <= 8; pgno++) {
            touch(&e, pgno);
            touch(&e, 300 + round * 8 + pgno);   /* a miss between: references not correlated */
        }
    for (uint32_t pgno = 100; pgno < 260; pgno++)
        touch(&e, pgno);
    uint64_t c = reads(&e);
    for (uint32_t pgno = 1; pgno <= 8; pgno++)
        touch(&e, pgno);
    assert_int_equal(reads(&e), c);
    tenv_close(&e);
}

/* References with no miss between them count once: a page read twice in a row is not hot. */
static void test_cache_evict_treats_back_to_back_references_as_one(void **state)
{
    struct tenv e;
    tenv_open(&e, 4096, 4, 100, 0);
    touch(&e, 1);
    touch(&e, 1);
    touch(&e, 1);
    touch(&e, 2);
    touch(&e, 3);
    touch(&e, 2);    /* 2 now has two uncorrelated references */
    touch(&e, 4);
    touch(&e, 5);    /* evicts the coldest once-referenced page: 1 (oldest), not 2 */
    uint64_t c = reads(&e);
    touch(&e, 2);
    assert_int_equal(reads(&e), c);
    touch(&e, 1);
    assert_int_equal(reads(&e), c + 1);
    tenv_close(&e);
}

/* A dirty victim is written before its buffer is reused. */
static void test_cache_evict_writes_a_dirty_victim_first(void **state)
{
    struct tenv e;
    uint8_t raw[4096];
    tenv_open(&e, 4096, 4, 50, 0);
    change(&e, 1, 4242);
    tenv_read_raw(&e, 1, raw);
    assert_int_equal(get_le32(raw + 20), 0);   /* pgnoNext on disk: not yet */
    for (uint32_t pgno = 2; pgno <= 30; pgno++)
        touch(&e, pgno);
    tenv_read_raw(&e, 1, raw);
    assert_int_equal(page_verify(raw, 4096, 1, 0, NULL), JET_errSuccess);
    assert_int_equal(get_le32(raw + 20), 4242);
    struct page_ref r;
    assert_int_equal(cache_get(e.f, 1, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    struct page_view v = page_view_make(r.buf, 4096, 1);
    assert_int_equal(page_pgno_next(&v), 4242);
    cache_put(&r);
    tenv_close(&e);
}

/* Random changes over many more pages than the cache holds: nothing is lost, by any path. */
static void test_cache_evict_loses_nothing_under_pressure(void **state)
{
    struct tenv e;
    struct cache_stats s;
    const uint32_t cpg = 200;
    uint32_t model[201] = { 0 };
    tenv_open(&e, 8192, 16, cpg, TENV_LOG);
    srand(11);
    for (uint32_t i = 1; i <= 3000; i++) {
        uint32_t pgno = 1 + (uint32_t)rand() % cpg;
        if (rand() % 2) {
            change(&e, pgno, i);
            model[pgno] = i;
        } else {
            touch(&e, pgno);
        }
    }
    cache_get_stats(e.cache, &s);
    assert_true(s.cframe <= 16);
    assert_true(s.cWrite > 100);
    assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
    cache_get_stats(e.cache, &s);
    assert_int_equal(s.cframeDirty, 0);
    assert_int_equal(cache_file_oldest_dirty_lsn(e.f), LSN_MAX);
    uint8_t raw[8192];
    for (uint32_t pgno = 1; pgno <= cpg; pgno++) {
        tenv_read_raw(&e, pgno, raw);
        assert_int_equal(page_verify(raw, 8192, pgno, 0, NULL), JET_errSuccess);
        assert_int_equal(get_le32(raw + 20), model[pgno]);
    }
    tenv_close(&e);
}

/* Shrinking JET_paramCacheSizeMax evicts down to the new bound, writing dirty frames. */
static void test_cache_resize_shrinks_to_the_new_bound(void **state)
{
    struct tenv e;
    struct cache_stats s;
    uint8_t raw[4096];
    tenv_open(&e, 4096, 64, 64, 0);
    for (uint32_t pgno = 1; pgno <= 64; pgno++)
        change(&e, pgno, 1000 + pgno);
    cache_get_stats(e.cache, &s);
    assert_int_equal(s.cframe, 64);
    assert_int_equal(s.cframeDirty, 64);
    assert_int_equal(cache_resize(e.cache, 4, 8), JET_errSuccess);
    cache_get_stats(e.cache, &s);
    assert_true(s.cframe <= 8);
    assert_true(s.cframeDirty <= 8);
    assert_int_equal(s.cbBudget, 8 * 4096);
    for (uint32_t pgno = 1; pgno <= 64; pgno++) {
        struct page_ref r;
        assert_int_equal(cache_get(e.f, pgno, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
        assert_int_equal(get_le32(r.buf + 20), 1000 + pgno);
        cache_put(&r);
    }
    assert_int_equal(cache_resize(e.cache, 4, 0), JET_errInvalidParameter);
    assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
    tenv_read_raw(&e, 64, raw);
    assert_int_equal(get_le32(raw + 20), 1064);
    tenv_close(&e);
}

/* A failed write of a dirty victim is reported to the getter and loses nothing. */
static void test_cache_evict_reports_a_failed_victim_write(void **state)
{
    struct tenv e;
    struct page_ref r;
    tenv_open(&e, 4096, 2, 10, 0);
    struct os_vfs *fault = os_fault_create(e.vfsMem);
    /* Reopen the file through the fault injector. */
    cache_file_unregister(e.f);
    os_file_close(e.file);
    assert_int_equal(os_file_open(fault, TEST_DB_PATH, 0, &e.file), JET_errSuccess);
    struct cache_file_desc d = { .file = e.file, .cbPage = 4096, .dbid = 1, .pdbtime = &e.dbtime };
    assert_int_equal(cache_file_register(e.cache, &d, &e.f), JET_errSuccess);

    change(&e, 1, 77);
    change(&e, 2, 78);
    os_fault_fail_nth(fault, OS_FAULT_WRITE, 1, JET_errDiskIO, true);
    assert_int_equal(cache_get(e.f, 3, CACHE_LATCH_SHARED, 0, &r), JET_errDiskIO);
    os_fault_clear(fault);
    assert_int_equal(cache_get(e.f, 3, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    cache_put(&r);
    assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
    for (uint32_t pgno = 1; pgno <= 2; pgno++) {
        assert_int_equal(cache_get(e.f, pgno, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
        assert_int_equal(get_le32(r.buf + 20), 76 + pgno);
        cache_put(&r);
    }
    cache_file_unregister(e.f);
    os_file_close(e.file);
    e.f = NULL;
    e.file = NULL;
    os_fault_destroy(fault);
    cache_destroy(e.cache);
    os_mem_destroy(e.vfsMem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_evict_keeps_the_hot_set_when_a_scan_passes),
        cmocka_unit_test(test_cache_evict_treats_back_to_back_references_as_one),
        cmocka_unit_test(test_cache_evict_writes_a_dirty_victim_first),
        cmocka_unit_test(test_cache_evict_loses_nothing_under_pressure),
        cmocka_unit_test(test_cache_resize_shrinks_to_the_new_bound),
        cmocka_unit_test(test_cache_evict_reports_a_failed_victim_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
