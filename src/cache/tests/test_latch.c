/* SPDX-License-Identifier: MIT
 * cache/tests/test_latch.c: pins and latches, alone and under concurrency. */
#include "cache_test.h"

static void test_cache_latch_shared_coexist_and_exclusive_conflicts(void **state)
{
    struct tenv e;
    struct page_ref a, b, c;
    tenv_open(&e, 4096, 16, 4, 0);
    assert_int_equal(cache_get(e.f, 1, CACHE_LATCH_SHARED, 0, &a), JET_errSuccess);
    assert_int_equal(cache_get(e.f, 1, CACHE_LATCH_SHARED, 0, &b), JET_errSuccess);
    assert_ptr_equal(a.buf, b.buf);
    assert_int_equal(cache_get(e.f, 1, CACHE_LATCH_EXCLUSIVE, CACHE_GET_NO_WAIT, &c), ERR_LATCH_CONFLICT);
    assert_null(c.frame);
    /* Two readers: no upgrade. */
    assert_false(cache_try_upgrade(&a));
    assert_int_equal(a.latch, CACHE_LATCH_SHARED);
    cache_put(&b);
    /* One reader: upgrade. */
    assert_true(cache_try_upgrade(&a));
    assert_int_equal(a.latch, CACHE_LATCH_EXCLUSIVE);
    assert_int_equal(cache_get(e.f, 1, CACHE_LATCH_SHARED, CACHE_GET_NO_WAIT, &c), ERR_LATCH_CONFLICT);
    assert_int_equal(cache_get(e.f, 1, CACHE_LATCH_EXCLUSIVE, CACHE_GET_NO_WAIT, &c), ERR_LATCH_CONFLICT);
    /* Pinning without a latch never conflicts. */
    assert_int_equal(cache_get(e.f, 1, CACHE_LATCH_NONE, CACHE_GET_NO_WAIT, &c), JET_errSuccess);
    cache_put(&c);
    cache_put(&a);
    assert_int_equal(cache_get(e.f, 1, CACHE_LATCH_EXCLUSIVE, CACHE_GET_NO_WAIT, &c), JET_errSuccess);
    cache_put(&c);
    tenv_close(&e);
}

static void test_cache_get_fails_with_out_of_buffers_when_every_frame_is_pinned(void **state)
{
    struct tenv e;
    struct page_ref r[4], x;
    tenv_open(&e, 4096, 4, 10, 0);
    for (uint32_t i = 0; i < 4; i++)
        assert_int_equal(cache_get(e.f, i + 1, CACHE_LATCH_NONE, 0, &r[i]), JET_errSuccess);
    assert_int_equal(cache_get(e.f, 5, CACHE_LATCH_SHARED, 0, &x), JET_errOutOfBuffers);
    cache_put(&r[2]);
    assert_int_equal(cache_get(e.f, 5, CACHE_LATCH_SHARED, 0, &x), JET_errSuccess);
    assert_int_equal(tpage_tag(x.buf, 4096, 5), 5);
    cache_put(&x);
    /* The pinned pages stayed where they were. */
    for (uint32_t i = 0; i < 4; i++)
        if (i != 2) {
            assert_int_equal(tpage_tag(r[i].buf, 4096, i + 1), i + 1);
            cache_put(&r[i]);
        }
    tenv_close(&e);
}

/* ---- threads ---- */

struct waiter {
    struct tenv *e;
    uint32_t pgno;
    enum cache_latch latch;
    int fGot;          /* set once the latch is held */
    JET_ERR err;
};

static void waiter_main(void *pv)
{
    struct waiter *w = pv;
    struct page_ref r;
    w->err = cache_get(w->e->f, w->pgno, w->latch, 0, &r);
    __atomic_store_n(&w->fGot, 1, __ATOMIC_SEQ_CST);
    if (w->err >= 0)
        cache_put(&r);
}

static int wait_flag(int *p, uint32_t ms)
{
    for (uint32_t t = 0; t < ms && !__atomic_load_n(p, __ATOMIC_SEQ_CST); t++)
        os_sleep_ms(1);
    return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

/* A writer waits for the readers; a waiting writer holds back new readers. */
static void test_cache_latch_writer_waits_for_readers_and_blocks_new_ones(void **state)
{
    struct tenv e;
    struct page_ref a, c;
    struct os_thread *t;
    tenv_open(&e, 4096, 16, 4, 0);
    assert_int_equal(cache_get(e.f, 2, CACHE_LATCH_SHARED, 0, &a), JET_errSuccess);

    struct waiter w = { &e, 2, CACHE_LATCH_EXCLUSIVE, 0, 0 };
    assert_int_equal(os_thread_create(&t, waiter_main, &w), JET_errSuccess);
    assert_false(wait_flag(&w.fGot, 50));
    /* The writer is queued now (or about to be): a new reader must not jump it for long. */
    for (int i = 0; i < 1000; i++) {
        JET_ERR err = cache_get(e.f, 2, CACHE_LATCH_SHARED, CACHE_GET_NO_WAIT, &c);
        if (err == ERR_LATCH_CONFLICT)
            break;
        assert_int_equal(err, JET_errSuccess);
        cache_put(&c);
        os_sleep_ms(1);
    }
    assert_int_equal(cache_get(e.f, 2, CACHE_LATCH_SHARED, CACHE_GET_NO_WAIT, &c), ERR_LATCH_CONFLICT);
    assert_false(__atomic_load_n(&w.fGot, __ATOMIC_SEQ_CST));
    cache_put(&a);
    assert_true(wait_flag(&w.fGot, 5000));
    os_thread_join(t);
    assert_int_equal(w.err, JET_errSuccess);
    tenv_close(&e);
}

/* Many threads ask for the same page that is not resident: one read. */
struct same_page {
    struct tenv *e;
    int go;
    JET_ERR err;
};

static void same_page_main(void *pv)
{
    struct same_page *sp = pv;
    struct page_ref r;
    while (!__atomic_load_n(&sp->go, __ATOMIC_SEQ_CST))
        ;
    JET_ERR err = cache_get(sp->e->f, 9, CACHE_LATCH_SHARED, 0, &r);
    if (err >= 0) {
        if (tpage_tag(r.buf, 4096, 9) != 9)
            err = -1;
        cache_put(&r);
    }
    sp->err = err;
}

static void test_cache_get_reads_a_page_once_when_threads_miss_together(void **state)
{
    struct tenv e;
    struct cache_stats s;
    struct os_thread *rgt[8];
    struct same_page rgsp[8];
    tenv_open(&e, 4096, 16, 10, 0);
    for (int i = 0; i < 8; i++) {
        rgsp[i] = (struct same_page){ &e, 0, 1 };
        assert_int_equal(os_thread_create(&rgt[i], same_page_main, &rgsp[i]), JET_errSuccess);
    }
    for (int i = 0; i < 8; i++)
        __atomic_store_n(&rgsp[i].go, 1, __ATOMIC_SEQ_CST);
    for (int i = 0; i < 8; i++) {
        os_thread_join(rgt[i]);
        assert_int_equal(rgsp[i].err, JET_errSuccess);
    }
    cache_get_stats(e.cache, &s);
    assert_int_equal(s.cRead, 1);
    assert_int_equal(s.cHit + s.cMiss, 8);
    tenv_close(&e);
}

/* Readers and writers on different pages, with a cache smaller than the pages, plus one page
 * everybody fights over: every change lands, and no reader ever sees a half-made change. */
#define CT_THREADS 6
#define CT_OPS     3000
#define CT_PAGES   64
#define CT_SHARED  (CT_PAGES + 1)

struct worker {
    struct tenv *e;
    uint32_t id;
    uint32_t cChanges;
    uint32_t cTorn;
    JET_ERR err;
};

/* The shared page's two counters (next-page and prev-page header fields) move together. */
static void worker_main(void *pv)
{
    struct worker *w = pv;
    struct mtr m;
    uint8_t *pb;
    uint32_t seed = w->id * 7919 + 1;
    for (uint32_t op = 0; op < CT_OPS && w->err >= 0; op++) {
        seed = seed * 1103515245 + 12345;
        uint32_t r = seed >> 8;
        if (r % 4 == 0) {
            /* Change one of my own pages (pages id, id + THREADS, ...). */
            uint32_t pgno = 1 + w->id + CT_THREADS * (r / 4 % (CT_PAGES / CT_THREADS));
            mtr_begin(&m, w->e->f);
            w->err = mtr_get(&m, pgno, CACHE_LATCH_EXCLUSIVE, &pb);
            if (w->err < 0) break;
            struct page_buf b = page_buf_make(pb, 4096, pgno);
            struct page_view v = page_view_of(&b);
            page_set_pgno_next(&b, page_pgno_next(&v) + 1);
            mtr_set_modified(&m, pgno);
            w->err = mtr_commit(&m, NULL);
            w->cChanges++;
        } else if (r % 4 == 1) {
            mtr_begin(&m, w->e->f);
            w->err = mtr_get(&m, CT_SHARED, CACHE_LATCH_EXCLUSIVE, &pb);
            if (w->err < 0) break;
            struct page_buf b = page_buf_make(pb, 4096, CT_SHARED);
            struct page_view v = page_view_of(&b);
            page_set_pgno_next(&b, page_pgno_next(&v) + 1);
            os_sleep_ms(0);
            page_set_pgno_prev(&b, page_pgno_prev(&v) + 1);
            mtr_set_modified(&m, CT_SHARED);
            w->err = mtr_commit(&m, NULL);
            w->cChanges++;
        } else {
            struct page_ref ref;
            uint32_t pgno = r % 2 ? CT_SHARED : 1 + r / 4 % CT_PAGES;
            w->err = cache_get(w->e->f, pgno, CACHE_LATCH_SHARED, 0, &ref);
            if (w->err < 0) break;
            struct page_view v = page_view_make(ref.buf, 4096, pgno);
            if (pgno == CT_SHARED && page_pgno_next(&v) != page_pgno_prev(&v))
                w->cTorn++;
            if (tpage_tag(ref.buf, 4096, pgno) != pgno)
                w->cTorn++;
            cache_put(&ref);
        }
    }
}

static void run_workers(struct tenv *e, uint32_t *pcShared, uint32_t rgcOwn[CT_PAGES + 1])
{
    struct worker rgw[CT_THREADS];
    struct os_thread *rgt[CT_THREADS];
    uint32_t cSharedChanges = 0;
    for (uint32_t i = 0; i < CT_THREADS; i++) {
        rgw[i] = (struct worker){ e, i, 0, 0, 0 };
        assert_int_equal(os_thread_create(&rgt[i], worker_main, &rgw[i]), JET_errSuccess);
    }
    for (uint32_t i = 0; i < CT_THREADS; i++) {
        os_thread_join(rgt[i]);
        assert_int_equal(rgw[i].err, JET_errSuccess);
        assert_int_equal(rgw[i].cTorn, 0);
    }
    /* Recount what each thread did, replaying its random choices. */
    for (uint32_t i = 0; i < CT_THREADS; i++) {
        uint32_t seed = i * 7919 + 1;
        for (uint32_t op = 0; op < CT_OPS; op++) {
            seed = seed * 1103515245 + 12345;
            uint32_t r = seed >> 8;
            if (r % 4 == 0)
                rgcOwn[1 + i + CT_THREADS * (r / 4 % (CT_PAGES / CT_THREADS))]++;
            else if (r % 4 == 1)
                cSharedChanges++;
        }
    }
    *pcShared = cSharedChanges;
}

static void check_counts(struct tenv *e, uint32_t cShared, const uint32_t rgcOwn[CT_PAGES + 1])
{
    struct page_ref ref;
    for (uint32_t pgno = 1; pgno <= CT_PAGES; pgno++) {
        assert_int_equal(cache_get(e->f, pgno, CACHE_LATCH_SHARED, 0, &ref), JET_errSuccess);
        struct page_view v = page_view_make(ref.buf, 4096, pgno);
        assert_int_equal(page_pgno_next(&v), rgcOwn[pgno]);
        cache_put(&ref);
    }
    assert_int_equal(cache_get(e->f, CT_SHARED, CACHE_LATCH_SHARED, 0, &ref), JET_errSuccess);
    struct page_view v = page_view_make(ref.buf, 4096, CT_SHARED);
    assert_int_equal(page_pgno_next(&v), cShared);
    assert_int_equal(page_pgno_prev(&v), cShared);
    cache_put(&ref);
}

static void test_cache_concurrent_readers_and_writers_keep_every_change(void **state)
{
    for (int fLog = 0; fLog < 2; fLog++) {
        struct tenv e;
        struct cache_stats s;
        uint32_t rgcOwn[CT_PAGES + 1] = { 0 }, cShared = 0;
        tenv_open(&e, 4096, 24, CT_SHARED, fLog ? TENV_LOG : 0);
        cache_set_flush_thresholds(e.cache, 20, 40);
        run_workers(&e, &cShared, rgcOwn);
        check_counts(&e, cShared, rgcOwn);
        cache_get_stats(e.cache, &s);
        assert_true(s.cframe <= 24);
        assert_true(s.cEvict > 0);
        /* And on disk, after a flush, through a new registration. */
        assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
        tenv_reopen_file(&e);
        check_counts(&e, cShared, rgcOwn);
        tenv_close(&e);
    }
}

/* One thread reads a second file through a small cache (evicting, and writing, the first file's
 * dirty pages) while the main thread keeps dirtying the first file and unregistering it. */
struct reader2 {
    struct cache_file *f;
    int stop;
    uint32_t cReads;
    JET_ERR err;
};

static void reader2_main(void *pv)
{
    struct reader2 *r = pv;
    uint32_t x = 99;
    while (!__atomic_load_n(&r->stop, __ATOMIC_SEQ_CST) && r->err >= 0) {
        struct page_ref ref;
        x = x * 1103515245 + 12345;
        uint32_t pgno = 1 + (x >> 8) % 60;
        r->err = cache_get(r->f, pgno, CACHE_LATCH_SHARED, 0, &ref);
        if (r->err >= 0) {
            if (get_le32(ref.buf + 24) != 100)   /* objidFDP of every test page */
                r->err = -1;
            cache_put(&ref);
            __atomic_add_fetch(&r->cReads, 1, __ATOMIC_SEQ_CST);
        }
    }
}

static void test_cache_unregister_while_another_file_evicts(void **state)
{
    struct tenv e;
    struct os_file *file2;
    struct cache_file *f2;
    struct os_thread *t;
    uint64_t dbtime2 = 1;
    tenv_open(&e, 4096, 8, 60, 0);
    size_t cb = 62 * 4096;
    uint8_t *pb = calloc(1, cb);
    for (uint32_t pgno = 1; pgno <= 60; pgno++) {
        tpage_make(pb + page_file_offset(pgno, 4096), 4096, pgno, pgno, 1);
        page_checksum_set(pb + page_file_offset(pgno, 4096), 4096, pgno);
    }
    assert_int_equal(os_test_write_file(e.vfs, (const ESENT_WCHAR *)u"two.edb", pb, cb), JET_errSuccess);
    free(pb);
    assert_int_equal(os_file_open(e.vfs, (const ESENT_WCHAR *)u"two.edb", 0, &file2), JET_errSuccess);
    struct cache_file_desc d = { .file = file2, .cbPage = 4096, .dbid = 2, .pdbtime = &dbtime2 };
    assert_int_equal(cache_file_register(e.cache, &d, &f2), JET_errSuccess);

    struct reader2 r = { f2, 0, 0, 0 };
    assert_int_equal(os_thread_create(&t, reader2_main, &r), JET_errSuccess);
    /* The reader must be running before the unregistering starts (a loaded machine may not
     * schedule it for a while; the rounds alone take milliseconds). */
    for (uint32_t ms = 0; ms < 30000 && !__atomic_load_n(&r.cReads, __ATOMIC_SEQ_CST); ms++)
        os_sleep_ms(1);
    for (uint32_t round = 0; round < 200; round++) {
        for (uint32_t i = 0; i < 5; i++) {
            struct mtr m;
            uint8_t *pbPage;
            uint32_t pgno = 1 + (round * 5 + i) % 60;
            mtr_begin(&m, e.f);
            assert_int_equal(mtr_get(&m, pgno, CACHE_LATCH_EXCLUSIVE, &pbPage), JET_errSuccess);
            struct page_buf b = page_buf_make(pbPage, 4096, pgno);
            page_set_pgno_next(&b, round);
            mtr_set_modified(&m, pgno);
            assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
        }
        tenv_reopen_file(&e);   /* drops the dirty pages the reader has not evicted yet */
    }
    __atomic_store_n(&r.stop, 1, __ATOMIC_SEQ_CST);
    os_thread_join(t);
    assert_int_equal(r.err, JET_errSuccess);
    assert_true(r.cReads > 0);
    cache_file_unregister(f2);
    os_file_close(file2);
    tenv_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_latch_shared_coexist_and_exclusive_conflicts),
        cmocka_unit_test(test_cache_get_fails_with_out_of_buffers_when_every_frame_is_pinned),
        cmocka_unit_test(test_cache_latch_writer_waits_for_readers_and_blocks_new_ones),
        cmocka_unit_test(test_cache_get_reads_a_page_once_when_threads_miss_together),
        cmocka_unit_test(test_cache_concurrent_readers_and_writers_keep_every_change),
        cmocka_unit_test(test_cache_unregister_while_another_file_evicts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
