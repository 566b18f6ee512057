/* SPDX-License-Identifier: MIT
 * cache/tests/test_frames.c: lookup, pins, reading and verifying pages, page sizes, the bound. */
#include "cache_test.h"

static const uint32_t rgcbPage[] = { 4096, 8192, 16384, 32768 };

static void get_put(struct tenv *e, uint32_t pgno, enum cache_latch latch)
{
    struct page_ref r;
    assert_int_equal(cache_get(e->f, pgno, latch, 0, &r), JET_errSuccess);
    assert_int_equal(tpage_tag(r.buf, e->cbPage, pgno), pgno);
    cache_put(&r);
}

static void test_cache_get_reads_once_then_hits(void **state)
{
    struct tenv e;
    struct cache_stats s0, s1;
    struct page_ref r;
    tenv_open(&e, 8192, 32, 10, 0);

    cache_get_stats(e.cache, &s0);
    assert_int_equal(cache_get(e.f, 3, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    assert_int_equal(r.pgno, 3);
    assert_int_equal(r.latch, CACHE_LATCH_SHARED);
    assert_non_null(r.frame);
    assert_int_equal(tpage_tag(r.buf, e.cbPage, 3), 3);
    uint8_t *buf = r.buf;
    cache_put(&r);
    assert_null(r.frame);
    assert_int_equal(r.latch, CACHE_LATCH_NONE);
    cache_put(&r);   /* a no-op on PAGE_REF_NONE */

    assert_int_equal(cache_get(e.f, 3, CACHE_LATCH_EXCLUSIVE, 0, &r), JET_errSuccess);
    assert_ptr_equal(r.buf, buf);
    cache_put(&r);
    cache_get_stats(e.cache, &s1);
    assert_int_equal(s1.cRead - s0.cRead, 1);
    assert_int_equal(s1.cMiss - s0.cMiss, 1);
    assert_int_equal(s1.cHit - s0.cHit, 1);
    assert_int_equal(s1.cframe, 1);
    tenv_close(&e);
}

static void test_cache_get_fails_beyond_eof_unless_new(void **state)
{
    struct tenv e;
    struct page_ref r;
    tenv_open(&e, 4096, 32, 10, 0);
    assert_int_equal(cache_file_cpg(e.f), 10);
    assert_int_equal(cache_get(e.f, 11, CACHE_LATCH_SHARED, 0, &r), JET_errFileIOBeyondEOF);
    assert_null(r.frame);
    assert_int_equal(cache_get(e.f, 12, CACHE_LATCH_EXCLUSIVE, CACHE_GET_NEW, &r), JET_errSuccess);
    for (uint32_t i = 0; i < e.cbPage; i++)
        assert_int_equal(r.buf[i], 0);
    cache_put(&r);
    assert_int_equal(cache_file_cpg(e.f), 12);
    tenv_close(&e);
}

static void test_cache_get_fails_with_corrupted_when_pgno_zero(void **state)
{
    struct tenv e;
    struct page_ref r;
    tenv_open(&e, 4096, 32, 10, 0);
    assert_int_equal(cache_get(e.f, 0, CACHE_LATCH_SHARED, 0, &r), JET_errDatabaseCorrupted);
    tenv_close(&e);
}

static void test_cache_get_fails_with_read_verify_failure_when_page_corrupted(void **state)
{
    for (uint32_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        struct tenv e;
        struct page_ref r;
        struct cache_stats s;
        uint8_t *pg = malloc(rgcbPage[i]);
        tenv_open(&e, rgcbPage[i], 32, 10, 0);
        tenv_read_raw(&e, 5, pg);
        for (uint32_t ib = 200; ib < 210; ib++)   /* many bits: beyond what ECC corrects */
            pg[ib] ^= 0x5a;
        tenv_write_raw(&e, 5, pg);

        assert_int_equal(cache_get(e.f, 5, CACHE_LATCH_SHARED, 0, &r), JET_errReadVerifyFailure);
        assert_null(r.frame);
        /* Not kept: the next get reads (and fails) again. */
        assert_int_equal(cache_get(e.f, 5, CACHE_LATCH_SHARED, 0, &r), JET_errReadVerifyFailure);
        cache_get_stats(e.cache, &s);
        assert_int_equal(s.cframe, 0);
        assert_int_equal(s.cRead, 2);
        get_put(&e, 4, CACHE_LATCH_SHARED);   /* the neighbours are fine */
        free(pg);
        tenv_close(&e);
    }
}

static void test_cache_get_corrects_a_single_flipped_bit(void **state)
{
    struct tenv e;
    uint8_t pg[8192];
    tenv_open(&e, 8192, 32, 10, 0);
    tenv_read_raw(&e, 7, pg);
    pg[8000] ^= 0x10;
    tenv_write_raw(&e, 7, pg);
    get_put(&e, 7, CACHE_LATCH_SHARED);
    tenv_close(&e);
}

static void test_cache_get_returns_page_not_initialized_when_all_zero(void **state)
{
    struct tenv e;
    struct page_ref r;
    tenv_open(&e, 4096, 32, 10, 0);
    assert_int_equal(cache_file_extend(e.f, 20), JET_errSuccess);
    assert_int_equal(cache_file_cpg(e.f), 20);
    assert_int_equal(cache_get(e.f, 15, CACHE_LATCH_SHARED, 0, &r), JET_errPageNotInitialized);
    /* Recovery may look at it. */
    assert_int_equal(cache_get(e.f, 15, CACHE_LATCH_SHARED, CACHE_GET_NO_VERIFY, &r), JET_errSuccess);
    for (uint32_t i = 0; i < e.cbPage; i++)
        assert_int_equal(r.buf[i], 0);
    cache_put(&r);
    /* Still resident, still refused to normal readers. */
    assert_int_equal(cache_get(e.f, 15, CACHE_LATCH_SHARED, 0, &r), JET_errPageNotInitialized);
    /* Extending never shrinks. */
    assert_int_equal(cache_file_extend(e.f, 12), JET_errSuccess);
    assert_int_equal(cache_file_cpg(e.f), 20);
    tenv_close(&e);
}

static void test_cache_get_no_verify_hands_out_a_bad_page_and_no_one_else(void **state)
{
    struct tenv e;
    struct page_ref r;
    uint8_t pg[4096];
    tenv_open(&e, 4096, 32, 10, 0);
    tenv_read_raw(&e, 2, pg);
    memset(pg + 1000, 0xee, 100);
    tenv_write_raw(&e, 2, pg);
    assert_int_equal(cache_get(e.f, 2, CACHE_LATCH_SHARED, CACHE_GET_NO_VERIFY, &r), JET_errSuccess);
    assert_memory_equal(r.buf, pg, sizeof pg);
    cache_put(&r);
    assert_int_equal(cache_get(e.f, 2, CACHE_LATCH_SHARED, 0, &r), JET_errReadVerifyFailure);
    tenv_close(&e);
}

/* Changes reach the disk checksummed, dbtime-stamped, at each page size. */
static void test_cache_flush_writes_checksummed_pages_at_every_size(void **state)
{
    for (uint32_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cb = rgcbPage[i];
        struct tenv e;
        struct mtr m;
        uint8_t *pb;
        uint8_t *raw = malloc(cb);
        tenv_open(&e, cb, 16, 10, 0);
        for (uint32_t pgno = 1; pgno <= 10; pgno++) {
            mtr_begin(&m, e.f);
            assert_int_equal(mtr_get(&m, pgno, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
            tpage_insert(pb, cb, pgno, "zz-new", 40, (uint8_t)pgno);
            mtr_set_modified(&m, pgno);
            assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
        }
        assert_int_equal(e.dbtime, 11);
        assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
        for (uint32_t pgno = 1; pgno <= 10; pgno++) {
            tenv_read_raw(&e, pgno, raw);
            assert_int_equal(page_verify(raw, cb, pgno, 0, NULL), JET_errSuccess);
            struct page_view pv = page_view_make(raw, cb, pgno);
            assert_int_equal(page_cline(&pv), 2);
            assert_int_equal(page_dbtime(&pv), 1 + pgno);
            assert_int_equal(tpage_tag(raw, cb, pgno), pgno);
        }
        /* And read back through a fresh registration. */
        tenv_reopen_file(&e);
        for (uint32_t pgno = 1; pgno <= 10; pgno++)
            get_put(&e, pgno, CACHE_LATCH_SHARED);
        free(raw);
        tenv_close(&e);
    }
}

/* A workload touching ten times the cache: the frame count never passes the bound. */
static void test_cache_bound_holds_when_touching_ten_times_the_cache(void **state)
{
    struct tenv e;
    struct cache_stats s;
    struct mtr m;
    uint8_t *pb;
    const uint32_t cpgMax = 32, cpg = 320;
    tenv_open(&e, 4096, cpgMax, cpg, 0);
    srand(7);
    for (uint32_t i = 0; i < 4000; i++) {
        uint32_t pgno = 1 + (uint32_t)rand() % cpg;
        if (i % 3 == 0) {
            mtr_begin(&m, e.f);
            assert_int_equal(mtr_get(&m, pgno, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
            struct page_buf b = page_buf_make(pb, 4096, pgno);
            page_set_pgno_next(&b, i);
            mtr_set_modified(&m, pgno);
            assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
        } else {
            get_put(&e, pgno, CACHE_LATCH_SHARED);
        }
        cache_get_stats(e.cache, &s);
        assert_true(s.cframe <= cpgMax);
        assert_true(s.cbUsed <= s.cbBudget);
    }
    assert_int_equal(s.cbBudget, (uint64_t)cpgMax * 4096);
    assert_true(s.cEvict > 1000);
    assert_true(s.cWrite > 0);
    tenv_close(&e);
}

/* Two page sizes: each frame charges its size against cpgMax x the largest page size. */
static void test_cache_bound_counts_bytes_when_page_sizes_mix(void **state)
{
    struct tenv e;
    struct cache_stats s;
    struct os_file *file32;
    struct cache_file *f32;
    const uint32_t cpgMax = 8;
    tenv_open(&e, 4096, cpgMax, 200, 0);

    cache_get_stats(e.cache, &s);
    assert_int_equal(s.cbBudget, cpgMax * 4096);
    for (uint32_t pgno = 1; pgno <= 50; pgno++)
        get_put(&e, pgno, CACHE_LATCH_SHARED);
    cache_get_stats(e.cache, &s);
    assert_int_equal(s.cframe, cpgMax);

    /* A 32 KiB file joins: the bound grows to 8 x 32 KiB. */
    size_t cb32 = (size_t)(20 + 2) * 32768;
    uint8_t *pb = calloc(1, cb32);
    for (uint32_t pgno = 1; pgno <= 20; pgno++) {
        tpage_make(pb + page_file_offset(pgno, 32768), 32768, pgno, pgno, 1);
        page_checksum_set(pb + page_file_offset(pgno, 32768), 32768, pgno);
    }
    assert_int_equal(os_test_write_file(e.vfs, (const ESENT_WCHAR *)u"big.edb", pb, cb32), JET_errSuccess);
    free(pb);
    assert_int_equal(os_file_open(e.vfs, (const ESENT_WCHAR *)u"big.edb", 0, &file32), JET_errSuccess);
    uint64_t dbtime32 = 1;
    struct cache_file_desc d = { .file = file32, .cbPage = 32768, .dbid = 2, .pdbtime = &dbtime32 };
    assert_int_equal(cache_file_register(e.cache, &d, &f32), JET_errSuccess);
    cache_get_stats(e.cache, &s);
    assert_int_equal(s.cbBudget, cpgMax * 32768);

    for (uint32_t round = 0; round < 3; round++)
        for (uint32_t pgno = 1; pgno <= 20; pgno++) {
            struct page_ref r;
            assert_int_equal(cache_get(f32, pgno, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
            assert_int_equal(tpage_tag(r.buf, 32768, pgno), pgno);
            cache_put(&r);
            get_put(&e, 1 + (pgno * 7 + round) % 200, CACHE_LATCH_SHARED);
            cache_get_stats(e.cache, &s);
            assert_true(s.cbUsed <= s.cbBudget);
        }
    cache_get_stats(e.cache, &s);
    assert_true(s.cframe > cpgMax);   /* small frames count for an eighth */

    /* The large file leaves: the bound shrinks back and the cache is trimmed to it. */
    cache_file_unregister(f32);
    os_file_close(file32);
    for (int i = 0; i < 200; i++) {
        cache_get_stats(e.cache, &s);
        if (s.cbUsed <= s.cbBudget)
            break;
        os_sleep_ms(10);
    }
    assert_int_equal(s.cbBudget, cpgMax * 4096);
    assert_true(s.cbUsed <= s.cbBudget);
    tenv_close(&e);
}

static void test_cache_file_register_rejects_bad_page_size(void **state)
{
    struct tenv e;
    struct cache_file *f;
    tenv_open(&e, 4096, 8, 2, 0);
    struct cache_file_desc d = { .file = e.file, .cbPage = 2048, .pdbtime = &e.dbtime };
    assert_int_equal(cache_file_register(e.cache, &d, &f), JET_errInvalidParameter);
    d.cbPage = 4096;
    d.pdbtime = NULL;
    assert_int_equal(cache_file_register(e.cache, &d, &f), JET_errInvalidParameter);
    tenv_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_get_reads_once_then_hits),
        cmocka_unit_test(test_cache_get_fails_beyond_eof_unless_new),
        cmocka_unit_test(test_cache_get_fails_with_corrupted_when_pgno_zero),
        cmocka_unit_test(test_cache_get_fails_with_read_verify_failure_when_page_corrupted),
        cmocka_unit_test(test_cache_get_corrects_a_single_flipped_bit),
        cmocka_unit_test(test_cache_get_returns_page_not_initialized_when_all_zero),
        cmocka_unit_test(test_cache_get_no_verify_hands_out_a_bad_page_and_no_one_else),
        cmocka_unit_test(test_cache_flush_writes_checksummed_pages_at_every_size),
        cmocka_unit_test(test_cache_bound_holds_when_touching_ten_times_the_cache),
        cmocka_unit_test(test_cache_bound_counts_bytes_when_page_sizes_mix),
        cmocka_unit_test(test_cache_file_register_rejects_bad_page_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
