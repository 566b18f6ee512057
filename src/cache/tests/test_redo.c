/* SPDX-License-Identifier: MIT
 * cache/tests/test_redo.c: cache_redo and cache_record_dbid: the dbtime rules, idempotence,
 * torn pages, pages past the end, malformed records. */
#include "cache_test.h"

/* Records copied out of the log (the payload of the fake log moves when it grows). */
struct saved {
    uint32_t c;
    struct log_record rg[64];
    uint8_t *rgpb[64];
};

static void save_all(struct log *log, struct saved *s)
{
    s->c = tlog_count(log);
    assert_true(s->c <= 64);
    for (uint32_t i = 0; i < s->c; i++) {
        assert_true(tlog_record(log, i, &s->rg[i]));
        s->rgpb[i] = malloc(s->rg[i].cb);
        memcpy(s->rgpb[i], s->rg[i].pv, s->rg[i].cb);
        s->rg[i].pv = s->rgpb[i];
    }
}

static void saved_free(struct saved *s)
{
    for (uint32_t i = 0; i < s->c; i++)
        free(s->rgpb[i]);
}

static void change(struct tenv *e, uint32_t pgno, const char *key)
{
    struct mtr m;
    uint8_t *pb;
    mtr_begin(&m, e->f);
    assert_int_equal(mtr_get(&m, pgno, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    tpage_insert(pb, e->cbPage, pgno, key, 20, (uint8_t)pgno);
    mtr_set_modified(&m, pgno);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
}

static void snapshot(struct tenv *e, uint32_t pgno, uint8_t *pb)
{
    struct page_ref r;
    assert_int_equal(cache_get(e->f, pgno, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    memcpy(pb, r.buf, e->cbPage);
    cache_put(&r);
}

/* Pages equal but for what only writes stamp: the checksum and its format flag. */
static void assert_page_is(struct tenv *e, uint32_t pgno, const uint8_t *pbWant)
{
    struct page_ref r;
    uint8_t *a = malloc(e->cbPage), *b = malloc(e->cbPage);
    assert_int_equal(cache_get(e->f, pgno, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    memcpy(a, r.buf, e->cbPage);
    memcpy(b, pbWant, e->cbPage);
    cache_put(&r);
    memset(a, 0, 8);
    memset(b, 0, 8);
    a[37] &= (uint8_t)~(PAGE_FLAG_NEW_CHECKSUM >> 8);
    b[37] &= (uint8_t)~(PAGE_FLAG_NEW_CHECKSUM >> 8);
    assert_memory_equal(a, b, e->cbPage);
    free(a);
    free(b);
}

static void redo_all(struct tenv *e, struct saved *s, JET_ERR errWant)
{
    for (uint32_t i = 0; i < s->c; i++)
        assert_int_equal(cache_redo(e->f, &s->rg[i], NULL, NULL), errWant);
}

/* A crash loses the dirty frames; redo from the records rebuilds every page, and applying the
 * records again (a crash during recovery) changes nothing. */
static void test_cache_redo_rebuilds_pages_and_is_idempotent(void **state)
{
    struct tenv e;
    struct saved s;
    struct mtr m;
    uint8_t *pb;
    uint8_t want[5][8192];
    tenv_open(&e, 8192, 16, 10, TENV_LOG);
    change(&e, 1, "a");
    change(&e, 2, "b");
    change(&e, 1, "c");
    mtr_begin(&m, e.f);    /* a two-page mtr with a new page */
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    tpage_insert(pb, 8192, 2, "d", 30, 4);
    mtr_set_modified(&m, 2);
    assert_int_equal(mtr_new(&m, 4, &pb), JET_errSuccess);
    tpage_make(pb, 8192, 4, 444, 0);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    change(&e, 4, "e");
    for (uint32_t pgno = 1; pgno <= 4; pgno++)
        snapshot(&e, pgno, want[pgno]);
    uint64_t dbtimeEnd = e.dbtime;
    save_all(e.log, &s);
    assert_int_equal(s.c, 5);

    tenv_reopen_file(&e);              /* the crash: nothing was written */
    e.dbtime = 1;
    redo_all(&e, &s, JET_errSuccess);
    assert_int_equal(e.dbtime, dbtimeEnd);   /* raised to the newest dbtime redone */
    for (uint32_t pgno = 1; pgno <= 4; pgno++)
        assert_page_is(&e, pgno, want[pgno]);
    assert_int_not_equal(cache_file_oldest_dirty_lsn(e.f), LSN_MAX);
    assert_int_equal(cache_file_oldest_dirty_lsn(e.f), s.rg[0].lsn);

    redo_all(&e, &s, JET_errSuccess);  /* again, in memory */
    for (uint32_t pgno = 1; pgno <= 4; pgno++)
        assert_page_is(&e, pgno, want[pgno]);

    assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
    tenv_reopen_file(&e);
    redo_all(&e, &s, JET_errSuccess);  /* again, against the disk */
    assert_int_equal(cache_file_oldest_dirty_lsn(e.f), LSN_MAX);   /* all skipped */
    for (uint32_t pgno = 1; pgno <= 4; pgno++)
        assert_page_is(&e, pgno, want[pgno]);
    saved_free(&s);
    tenv_close(&e);
}

static void test_cache_redo_fails_with_corrupted_when_the_page_is_neither_before_nor_after(void **state)
{
    struct tenv e;
    struct saved s;
    uint8_t before[4096];
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    change(&e, 3, "a");   /* image */
    change(&e, 3, "b");   /* delta d2 -> d3 */
    change(&e, 3, "c");   /* delta d3 -> d4 */
    save_all(e.log, &s);
    tenv_reopen_file(&e);
    snapshot(&e, 3, before);
    assert_int_equal(cache_redo(e.f, &s.rg[2], NULL, NULL), JET_errDatabaseCorrupted);
    assert_page_is(&e, 3, before);
    /* In order it works. */
    redo_all(&e, &s, JET_errSuccess);
    saved_free(&s);
    tenv_close(&e);
}

/* A delta finding a torn page passes over it (the page still fails verification); the image
 * rebuilds it, and the deltas after it apply. */
static void test_cache_redo_passes_a_delta_over_an_unverifiable_page(void **state)
{
    struct tenv e;
    struct saved s;
    uint8_t raw[4096];
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    change(&e, 3, "a");
    change(&e, 3, "b");
    save_all(e.log, &s);
    tenv_reopen_file(&e);
    tenv_read_raw(&e, 3, raw);
    for (uint32_t i = 0; i < 64; i++)   /* distinct bytes: equal ones cancel in ESE's XOR checksum */
        raw[1000 + i] = (uint8_t)(i * 37 + 11);
    tenv_write_raw(&e, 3, raw);
    assert_int_equal(cache_redo(e.f, &s.rg[1], NULL, NULL), JET_errSuccess);
    struct page_ref rTorn;
    assert_int_equal(cache_get(e.f, 3, CACHE_LATCH_SHARED, 0, &rTorn), JET_errReadVerifyFailure);
    /* The image repairs it, and then the delta applies. */
    redo_all(&e, &s, JET_errSuccess);
    struct page_ref r;
    assert_int_equal(cache_get(e.f, 3, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    assert_int_equal(tpage_tag(r.buf, 4096, 3), 3);
    cache_put(&r);
    saved_free(&s);
    tenv_close(&e);
}

/* The torn-page case the design exists for: a page written without a sync, torn by a power cut.
 * The record holding its full image rebuilds it, and the deltas after it apply. */
static void test_cache_redo_rebuilds_a_page_torn_by_a_crash(void **state)
{
    uint32_t cTorn = 0;
    for (uint64_t seed = 1; seed <= 12; seed++) {
        struct tenv e;
        struct saved s;
        uint8_t want[4096];
        tenv_open(&e, 4096, 4, 40, TENV_LOG | TENV_CRASH);
        change(&e, 3, "first");    /* image */
        change(&e, 3, "second");   /* delta */
        change(&e, 3, "third");    /* delta */
        snapshot(&e, 3, want);
        save_all(e.log, &s);
        for (uint32_t pgno = 10; pgno < 30; pgno++) {   /* page 3 is written by an evictor */
            struct page_ref r;
            assert_int_equal(cache_get(e.f, pgno, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
            cache_put(&r);
        }
        struct cache_stats st;
        cache_get_stats(e.cache, &st);
        assert_true(st.cWrite >= 1);

        assert_int_equal(os_crash_simulate(e.vfs, OS_CRASH_TEAR_ALL, seed), JET_errSuccess);
        tenv_reopen_file(&e);
        struct page_ref r;
        JET_ERR err = cache_get(e.f, 3, CACHE_LATCH_SHARED, 0, &r);
        if (err >= 0)
            cache_put(&r);
        else
            cTorn++;

        redo_all(&e, &s, JET_errSuccess);
        assert_page_is(&e, 3, want);
        redo_all(&e, &s, JET_errSuccess);
        assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
        tenv_reopen_file(&e);
        assert_page_is(&e, 3, want);
        saved_free(&s);
        tenv_close(&e);
    }
    assert_true(cTorn > 0);   /* some seeds did tear the page */
}

/* A page whose growth never reached the disk: its image recreates it. */
static void test_cache_redo_recreates_a_page_past_the_end_from_its_image(void **state)
{
    struct tenv e;
    struct saved s;
    struct mtr m;
    uint8_t *pb;
    uint8_t want[4096];
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_new(&m, 25, &pb), JET_errSuccess);
    tpage_make(pb, 4096, 25, 2525, 0);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    change(&e, 25, "x");
    snapshot(&e, 25, want);
    save_all(e.log, &s);
    tenv_reopen_file(&e);
    assert_int_equal(cache_file_cpg(e.f), 10);
    redo_all(&e, &s, JET_errSuccess);
    assert_true(cache_file_cpg(e.f) >= 25);
    assert_page_is(&e, 25, want);
    saved_free(&s);
    tenv_close(&e);
}

static void test_cache_redo_refuses_malformed_records_and_changes_nothing(void **state)
{
    struct tenv e;
    struct saved s;
    struct mtr m;
    uint8_t *pb;
    uint8_t before[4096];
    uint32_t dbid = 0;
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    tpage_insert(pb, 4096, 2, "k", 5, 5);
    mtr_set_modified(&m, 2);
    mtr_set_undo(&m, "UNDO", 4);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    save_all(e.log, &s);
    tenv_reopen_file(&e);
    snapshot(&e, 2, before);

    struct log_record rec = s.rg[0];
    uint8_t *pbRec = malloc(rec.cb);
    rec.pv = pbRec;
    /* Bytes to put at an offset: header 0..11, page entry 12..36, body from 37. */
    const struct { uint32_t ib, cb; uint8_t rgb[5]; } rgmut[] = {
        { 0, 1, { 2 } },                      /* version */
        { 1, 1, { 17 } },                     /* more pages than an mtr holds */
        { 1, 1, { 2 } },                      /* a page entry missing */
        { 2, 1, { 1 } },                      /* flags */
        { 12, 1, { 0x03 } },                  /* kind 3 */
        { 12, 1, { 0x31 } },                  /* a 32 KiB page in a 4 KiB file */
        { 13, 1, { 0 } },                     /* pgno 0 */
        { 34, 3, { 0x7f, 0x7f, 0x7f } },      /* cbBody runs off the record */
        { 37, 5, { 0xff, 0xff, 0xff, 0xff, 0xff } },   /* a varint that never ends */
        { 37, 2, { 0xff, 0x7f } },            /* first range starts past the page */
        { 37, 3, { 0, 0xff, 0x7f } },         /* first range runs past it */
        { 37, 2, { 0, 0 } },                  /* an empty range */
    };
    for (uint32_t i = 0; i < ARRAY_SIZE(rgmut); i++) {
        memcpy(pbRec, s.rg[0].pv, rec.cb);
        memcpy(pbRec + rgmut[i].ib, rgmut[i].rgb, rgmut[i].cb);
        assert_int_equal(cache_redo(e.f, &rec, NULL, NULL), JET_errLogFileCorrupt);
    }
    memcpy(pbRec, s.rg[0].pv, rec.cb);
    for (uint32_t cb = 0; cb < s.rg[0].cb; cb++) {   /* every truncation */
        rec.cb = cb;
        assert_int_equal(cache_redo(e.f, &rec, NULL, NULL), JET_errLogFileCorrupt);
        assert_int_equal(cache_record_dbid(&rec, &dbid), JET_errLogFileCorrupt);
    }
    rec.cb = s.rg[0].cb;
    rec.type = LOG_REC_TRX_COMMIT;
    assert_int_equal(cache_record_dbid(&rec, &dbid), JET_errLogFileCorrupt);
    assert_page_is(&e, 2, before);
    assert_int_equal(cache_file_oldest_dirty_lsn(e.f), LSN_MAX);

    /* The intact record: its dbid and its undo payload. */
    const void *pvUndo = NULL;
    size_t cbUndo = 0;
    assert_int_equal(cache_record_dbid(&s.rg[0], &dbid), JET_errSuccess);
    assert_int_equal(dbid, 1);
    assert_int_equal(cache_redo(e.f, &s.rg[0], &pvUndo, &cbUndo), JET_errSuccess);
    assert_int_equal(cbUndo, 4);
    assert_memory_equal(pvUndo, "UNDO", 4);
    assert_true((const uint8_t *)pvUndo >= s.rg[0].pv && (const uint8_t *)pvUndo < s.rg[0].pv + s.rg[0].cb);
    free(pbRec);
    saved_free(&s);
    tenv_close(&e);
}

/* After redo, the next change of a redone page carries an image again: recovery's pages are
 * not covered by any horizon this cache opened. */
static void test_cache_redo_makes_the_next_change_an_image(void **state)
{
    struct tenv e;
    struct saved s;
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    change(&e, 3, "a");
    change(&e, 3, "b");
    save_all(e.log, &s);
    tenv_reopen_file(&e);
    redo_all(&e, &s, JET_errSuccess);
    change(&e, 3, "c");
    struct log_record rec;
    assert_true(tlog_record(e.log, 2, &rec));
    assert_int_equal(rec.pv[12] & MTR_PAGE_KIND_MASK, MTR_PAGE_IMAGE);
    saved_free(&s);
    tenv_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_redo_rebuilds_pages_and_is_idempotent),
        cmocka_unit_test(test_cache_redo_fails_with_corrupted_when_the_page_is_neither_before_nor_after),
        cmocka_unit_test(test_cache_redo_passes_a_delta_over_an_unverifiable_page),
        cmocka_unit_test(test_cache_redo_rebuilds_a_page_torn_by_a_crash),
        cmocka_unit_test(test_cache_redo_recreates_a_page_past_the_end_from_its_image),
        cmocka_unit_test(test_cache_redo_refuses_malformed_records_and_changes_nothing),
        cmocka_unit_test(test_cache_redo_makes_the_next_change_an_image),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
