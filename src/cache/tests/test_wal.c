/* SPDX-License-Identifier: MIT
 * cache/tests/test_wal.c: the write-ahead rule, cache_file_flush, and the checkpoint's redo
 * point (both of its promises). */
#include "cache_test.h"

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

static void change2(struct tenv *e, uint32_t pgno1, uint32_t pgno2, uint32_t v)
{
    struct mtr m;
    uint8_t *pb;
    mtr_begin(&m, e->f);
    assert_int_equal(mtr_get(&m, pgno1, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    struct page_buf b = page_buf_make(pb, e->cbPage, pgno1);
    page_set_pgno_next(&b, v);
    mtr_set_modified(&m, pgno1);
    assert_int_equal(mtr_get(&m, pgno2, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    b = page_buf_make(pb, e->cbPage, pgno2);
    page_set_pgno_prev(&b, v);
    mtr_set_modified(&m, pgno2);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
}

static void touch(struct tenv *e, uint32_t pgno)
{
    struct page_ref r;
    assert_int_equal(cache_get(e->f, pgno, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    cache_put(&r);
}

/* Every page write, by evictors, the background writer and flush alike, finds the record that
 * gave the page its dbtime already durable. */
static void test_cache_never_writes_a_page_before_its_log_record_is_durable(void **state)
{
    struct tenv e;
    struct wal_check chk;
    tenv_open(&e, 4096, 8, 100, TENV_LOG);
    tenv_wrap_wal_check(&e, &chk);
    cache_set_flush_thresholds(e.cache, 30, 60);
    srand(3);
    for (uint32_t i = 1; i <= 3000; i++) {
        uint32_t r = (uint32_t)rand() % 100;
        uint32_t pgno = 1 + (uint32_t)rand() % 100;
        if (r < 50)
            change(&e, pgno, i);
        else if (r < 60)
            change2(&e, pgno, 1 + pgno % 100, i);
        else if (r < 99)
            touch(&e, pgno);
        else
            assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
    }
    assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
    print_message("WAL check: %llu page writes checked\n", (unsigned long long)chk.cChecked);
    assert_true(chk.cChecked > 500);
    assert_int_equal(chk.cViolations, 0);
    tenv_close(&e);
}

/* flush writes every dirty page and syncs: a power cut right after loses nothing. */
static void test_cache_file_flush_makes_every_change_durable(void **state)
{
    struct tenv e;
    struct cache_stats s;
    uint8_t raw[4096];
    tenv_open(&e, 4096, 64, 40, TENV_LOG | TENV_CRASH);
    for (uint32_t pgno = 1; pgno <= 40; pgno++)
        change(&e, pgno, 500 + pgno);
    lsn_t lsnEnd = log_end_lsn(e.log);
    assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
    assert_true(log_flushed_lsn(e.log) >= lsnEnd);
    cache_get_stats(e.cache, &s);
    assert_int_equal(s.cframeDirty, 0);
    assert_int_equal(cache_file_oldest_dirty_lsn(e.f), LSN_MAX);
    assert_int_equal(os_crash_simulate(e.vfs, OS_CRASH_DROP_ALL, 1), JET_errSuccess);
    tenv_reopen_file(&e);
    for (uint32_t pgno = 1; pgno <= 40; pgno++) {
        tenv_read_raw(&e, pgno, raw);
        assert_int_equal(page_verify(raw, 4096, pgno, 0, NULL), JET_errSuccess);
        assert_int_equal(get_le32(raw + 20), 500 + pgno);
    }
    tenv_close(&e);
}

/* Without the sync, the same power cut loses the changes: the test above proves something. */
static void test_cache_file_changes_are_lost_by_a_crash_before_flush(void **state)
{
    struct tenv e;
    uint8_t raw[4096];
    tenv_open(&e, 4096, 4, 40, TENV_LOG | TENV_CRASH);
    for (uint32_t pgno = 1; pgno <= 40; pgno++)
        change(&e, pgno, 500 + pgno);   /* most are written by evictors, none synced */
    assert_int_equal(os_crash_simulate(e.vfs, OS_CRASH_DROP_ALL, 1), JET_errSuccess);
    tenv_reopen_file(&e);
    for (uint32_t pgno = 1; pgno <= 40; pgno++) {
        tenv_read_raw(&e, pgno, raw);
        assert_int_equal(get_le32(raw + 20), 0);
    }
    tenv_close(&e);
}

/* cache_file_checkpoint's redo point R keeps both promises at every call of a random workload:
 *   every change logged before R is on disk when the call returns;
 *   every page's first record at or after R holds a full image (checked at the end, for every
 *   R handed out, over the whole log). */
static void test_cache_checkpoint_redo_point_keeps_both_promises(void **state)
{
    struct tenv e;
    lsn_t rgR[400];
    uint32_t cR = 0;
    uint8_t raw[4096];
    tenv_open(&e, 4096, 12, 60, TENV_LOG);
    srand(5);
    for (uint32_t i = 1; i <= 2500; i++) {
        uint32_t r = (uint32_t)rand() % 100;
        uint32_t pgno = 1 + (uint32_t)rand() % 60;
        if (r < 55) {
            change(&e, pgno, i);
        } else if (r < 65) {
            change2(&e, pgno, 1 + pgno % 60, i);
        } else if (r < 82) {
            touch(&e, pgno);
        } else if (r < 85) {
            assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
        } else if (cR < ARRAY_SIZE(rgR)) {
            lsn_t R;
            assert_int_equal(cache_file_checkpoint(e.f, &R), JET_errSuccess);
            assert_true(R <= cache_file_oldest_dirty_lsn(e.f));
            assert_true(R <= log_end_lsn(e.log));
            assert_true(cR == 0 || R >= rgR[cR - 1]);
            rgR[cR++] = R;
            /* Promise 1. */
            struct log_record rec;
            for (uint32_t j = 0; tlog_record(e.log, j, &rec) && rec.lsn < R; j++) {
                const uint8_t *pb = rec.pv;
                size_t ib = sizeof(struct mtr_rec_header_disk);
                for (uint32_t k = 0; k < pb[1]; k++) {
                    const struct mtr_rec_page_disk *d = (const void *)(pb + ib);
                    tenv_read_raw(&e, le32_get(&d->pgno), raw);
                    assert_true(get_le64(raw + 8) >= le64_get(&d->dbtimeAfter));
                    ib += sizeof *d + le32_get(&d->cbBody);
                }
            }
        }
    }
    assert_true(cR > 100);
    /* Promise 2, and the redo point moves on. */
    for (uint32_t i = 0; i < cR; i++) {
        bool rgfSeen[61] = { false };
        struct log_record rec;
        for (uint32_t j = 0; tlog_record(e.log, j, &rec); j++) {
            if (rec.lsn < rgR[i])
                continue;
            const uint8_t *pb = rec.pv;
            size_t ib = sizeof(struct mtr_rec_header_disk);
            for (uint32_t k = 0; k < pb[1]; k++) {
                const struct mtr_rec_page_disk *d = (const void *)(pb + ib);
                uint32_t pgno = le32_get(&d->pgno);
                if (!rgfSeen[pgno])
                    assert_int_equal(d->bKind & MTR_PAGE_KIND_MASK, MTR_PAGE_IMAGE);
                rgfSeen[pgno] = true;
                ib += sizeof *d + le32_get(&d->cbBody);
            }
        }
    }
    assert_true(rgR[cR - 1] > rgR[0]);
    tenv_close(&e);
}

/* A clean file's redo point is the log's end; a dirty one's stays at or before its oldest change. */
static void test_cache_checkpoint_follows_the_oldest_dirty_page(void **state)
{
    struct tenv e;
    lsn_t R;
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    change(&e, 1, 1);
    assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
    assert_int_equal(cache_file_checkpoint(e.f, &R), JET_errSuccess);
    assert_int_equal(R, log_end_lsn(e.log));
    lsn_t R0 = R;
    change(&e, 2, 2);
    lsn_t lsnOldest = cache_file_oldest_dirty_lsn(e.f);
    assert_true(lsnOldest >= R0);
    change(&e, 3, 3);
    assert_int_equal(cache_file_oldest_dirty_lsn(e.f), lsnOldest);
    assert_int_equal(cache_file_checkpoint(e.f, &R), JET_errSuccess);
    assert_int_equal(R, R0);   /* the horizon before the oldest change */
    assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
    assert_int_equal(cache_file_checkpoint(e.f, &R), JET_errSuccess);
    assert_int_equal(R, log_end_lsn(e.log));
    assert_true(R > lsnOldest);
    tenv_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_never_writes_a_page_before_its_log_record_is_durable),
        cmocka_unit_test(test_cache_file_flush_makes_every_change_durable),
        cmocka_unit_test(test_cache_file_changes_are_lost_by_a_crash_before_flush),
        cmocka_unit_test(test_cache_checkpoint_redo_point_keeps_both_promises),
        cmocka_unit_test(test_cache_checkpoint_follows_the_oldest_dirty_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
