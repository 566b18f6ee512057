/* SPDX-License-Identifier: MIT
 * cache/tests/test_mtr.c: mini-transactions: dbtimes, the LOG_REC_PAGES record (images and
 * deltas), abort, failure, and the size of a typical record. */
#include "cache_test.h"

struct tentry {
    uint8_t kind;
    uint32_t cbPage;
    uint32_t pgno;
    uint64_t dbtimeBefore, dbtimeAfter;
    uint32_t cbBody;
    const uint8_t *pbBody;
};
struct trec {
    uint32_t dbid, cpage, cbUndo, cb;
    struct tentry e[MTR_MAX_PAGES];
    const uint8_t *pbUndo;
};

/* Parse the log's ith record by the layout cache_format.h documents. */
static void trec_get(struct log *log, uint32_t i, struct trec *t)
{
    struct log_record rec;
    assert_true(tlog_record(log, i, &rec));
    assert_int_equal(rec.type, LOG_REC_PAGES);
    const uint8_t *pb = rec.pv;
    assert_true(rec.cb >= 12);
    assert_int_equal(pb[0], MTR_REC_VERSION);
    t->cb = rec.cb;
    t->cpage = pb[1];
    assert_int_equal(get_le16(pb + 2), 0);
    t->dbid = get_le32(pb + 4);
    t->cbUndo = get_le32(pb + 8);
    size_t ib = 12;
    for (uint32_t j = 0; j < t->cpage; j++) {
        struct tentry *e = &t->e[j];
        e->kind = pb[ib] & 0xf;
        e->cbPage = 4096u << (pb[ib] >> 4);
        e->pgno = get_le32(pb + ib + 1);
        e->dbtimeBefore = get_le64(pb + ib + 5);
        e->dbtimeAfter = get_le64(pb + ib + 13);
        e->cbBody = get_le32(pb + ib + 21);
        e->pbBody = pb + ib + 25;
        ib += 25 + e->cbBody;
    }
    t->pbUndo = pb + ib;
    assert_int_equal(ib + t->cbUndo, rec.cb);
}

/* Ranges of a body: count, and check they never cover the dbtime field. */
static uint32_t body_ranges(const struct tentry *e)
{
    size_t ib = 0;
    uint32_t c = 0, ibPage = 0;
    while (ib < e->cbBody) {
        uint32_t gap = 0, cb = 0;
        assert_true(mtr_varint_get(e->pbBody, e->cbBody, &ib, &gap));
        assert_true(mtr_varint_get(e->pbBody, e->cbBody, &ib, &cb));
        ibPage += gap;
        assert_true(cb > 0 && ibPage + cb <= e->cbPage);
        assert_true(ibPage + cb <= 8 || ibPage >= 16);
        ib += cb;
        ibPage += cb;
        c++;
    }
    return c;
}

static lsn_t change(struct tenv *e, uint32_t pgno, uint32_t v)
{
    struct mtr m;
    uint8_t *pb;
    lsn_t lsn;
    mtr_begin(&m, e->f);
    assert_int_equal(mtr_get(&m, pgno, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    struct page_buf b = page_buf_make(pb, e->cbPage, pgno);
    page_set_pgno_next(&b, v);
    mtr_set_modified(&m, pgno);
    assert_int_equal(mtr_commit(&m, &lsn), JET_errSuccess);
    return lsn;
}

static void test_mtr_commit_stamps_one_dbtime_per_page_and_logs_one_record(void **state)
{
    struct tenv e;
    struct mtr m;
    uint8_t *p2, *p5, *p7;
    lsn_t lsn;
    struct trec t;
    tenv_open(&e, 8192, 16, 10, TENV_LOG);
    e.dbtime = 1000;
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_EXCLUSIVE, &p2), JET_errSuccess);
    assert_int_equal(mtr_get(&m, 7, CACHE_LATCH_SHARED, &p7), JET_errSuccess);
    assert_int_equal(mtr_get(&m, 5, CACHE_LATCH_EXCLUSIVE, &p5), JET_errSuccess);
    tpage_insert(p2, 8192, 2, "zz", 10, 1);
    tpage_insert(p5, 8192, 5, "zz", 10, 2);
    mtr_set_modified(&m, 2);
    mtr_set_modified(&m, 5);
    assert_int_equal(mtr_commit(&m, &lsn), JET_errSuccess);
    assert_int_equal(m.cslot, 0);
    assert_int_equal(e.dbtime, 1002);
    assert_int_equal(tlog_count(e.log), 1);
    trec_get(e.log, 0, &t);
    assert_int_equal(t.dbid, 1);
    assert_int_equal(t.cpage, 2);
    assert_int_equal(t.cbUndo, 0);
    assert_int_equal(t.e[0].pgno, 2);
    assert_int_equal(t.e[1].pgno, 5);
    assert_int_equal(t.e[0].cbPage, 8192);
    assert_int_equal(t.e[0].dbtimeBefore, 1);
    assert_int_equal(t.e[0].dbtimeAfter, 1001);
    assert_int_equal(t.e[1].dbtimeAfter, 1002);
    struct page_ref r;
    assert_int_equal(cache_get(e.f, 5, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    assert_int_equal(get_le64(r.buf + 8), 1002);
    cache_put(&r);
    assert_int_equal(cache_file_oldest_dirty_lsn(e.f), lsn);
    tenv_close(&e);
}

/* Torn-page rule: the first change after the horizon is a full image, the next ones deltas; a
 * page evicted and read again still knows (by its dbtime); a new redo point starts over. */
static void test_mtr_commit_logs_an_image_first_then_deltas(void **state)
{
    struct tenv e;
    struct trec t;
    tenv_open(&e, 4096, 4, 40, TENV_LOG);
    change(&e, 3, 1);
    change(&e, 3, 2);
    trec_get(e.log, 0, &t);
    assert_int_equal(t.e[0].kind, MTR_PAGE_IMAGE);
    trec_get(e.log, 1, &t);
    assert_int_equal(t.e[0].kind, MTR_PAGE_DELTA);
    assert_int_equal(body_ranges(&t.e[0]), 1);

    for (uint32_t pgno = 10; pgno < 30; pgno++) {   /* push page 3 out */
        struct page_ref r;
        assert_int_equal(cache_get(e.f, pgno, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
        cache_put(&r);
    }
    change(&e, 3, 3);
    trec_get(e.log, 2, &t);
    assert_int_equal(t.e[0].kind, MTR_PAGE_DELTA);

    tlog_set_redo_point(e.log, log_end_lsn(e.log));
    change(&e, 3, 4);
    change(&e, 3, 5);
    trec_get(e.log, 3, &t);
    assert_int_equal(t.e[0].kind, MTR_PAGE_IMAGE);
    trec_get(e.log, 4, &t);
    assert_int_equal(t.e[0].kind, MTR_PAGE_DELTA);

    /* A checkpoint opens a new horizon too. */
    lsn_t lsnRedo;
    assert_int_equal(cache_file_checkpoint(e.f, &lsnRedo), JET_errSuccess);
    change(&e, 3, 6);
    trec_get(e.log, 5, &t);
    assert_int_equal(t.e[0].kind, MTR_PAGE_IMAGE);
    tenv_close(&e);
}

static void test_mtr_new_logs_an_image_of_a_zeroed_page(void **state)
{
    struct tenv e;
    struct mtr m;
    uint8_t *pb;
    struct trec t;
    tenv_open(&e, 16384, 8, 4, TENV_LOG);
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_new(&m, 9, &pb), JET_errSuccess);
    for (uint32_t i = 0; i < 16384; i++)
        assert_int_equal(pb[i], 0);
    tpage_make(pb, 16384, 9, 99, 0);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);   /* new pages count as changed */
    trec_get(e.log, 0, &t);
    assert_int_equal(t.cpage, 1);
    assert_int_equal(t.e[0].kind, MTR_PAGE_IMAGE);
    assert_int_equal(t.e[0].pgno, 9);
    assert_true(t.e[0].cbBody < 200);   /* zero runs are left out */
    assert_int_equal(cache_file_cpg(e.f), 9);
    assert_int_equal(cache_file_flush(e.f), JET_errSuccess);
    tenv_reopen_file(&e);
    struct page_ref r;
    assert_int_equal(cache_get(e.f, 9, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    assert_int_equal(tpage_tag(r.buf, 16384, 9), 99);
    cache_put(&r);
    tenv_close(&e);
}

static void test_mtr_abort_restores_pages_byte_for_byte(void **state)
{
    struct tenv e;
    struct mtr m;
    uint8_t *pb[3];
    uint8_t copy[3][4096];
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    change(&e, 4, 17);   /* resident and dirty already */
    mtr_begin(&m, e.f);
    for (uint32_t i = 0; i < 3; i++) {
        assert_int_equal(mtr_get(&m, 3 + i, CACHE_LATCH_EXCLUSIVE, &pb[i]), JET_errSuccess);
        memcpy(copy[i], pb[i], 4096);
    }
    tpage_insert(pb[0], 4096, 3, "abc", 100, 7);
    memset(pb[1] + 2000, 0x33, 500);
    struct page_buf b = page_buf_make(pb[2], 4096, 5);
    page_set_dbtime(&b, 999);
    for (uint32_t i = 0; i < 3; i++)
        mtr_set_modified(&m, 3 + i);
    uint64_t dbtime = e.dbtime;
    mtr_abort(&m);
    assert_int_equal(m.cslot, 0);
    assert_int_equal(e.dbtime, dbtime);
    assert_int_equal(tlog_count(e.log), 1);
    for (uint32_t i = 0; i < 3; i++) {
        struct page_ref r;
        assert_int_equal(cache_get(e.f, 3 + i, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
        assert_memory_equal(r.buf, copy[i], 4096);
        cache_put(&r);
    }
    tenv_close(&e);
}

/* A new page that was not resident: its frame never held the page, so abort forgets it. */
static void test_mtr_abort_of_a_new_page_forgets_the_frame(void **state)
{
    struct tenv e;
    struct mtr m;
    uint8_t *pb, *pbOld;
    uint8_t copy[4096];
    struct page_ref r;
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_new(&m, 6, &pb), JET_errSuccess);
    tpage_make(pb, 4096, 6, 1234, 5);
    mtr_abort(&m);
    assert_int_equal(cache_get(e.f, 6, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    assert_int_equal(tpage_tag(r.buf, 4096, 6), 6);   /* read from disk again */
    cache_put(&r);

    /* A resident one is put back as it was. */
    assert_int_equal(cache_get(e.f, 7, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    memcpy(copy, r.buf, sizeof copy);
    cache_put(&r);
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 7, CACHE_LATCH_SHARED, &pbOld), JET_errSuccess);
    assert_int_equal(mtr_new(&m, 7, &pb), JET_errSuccess);   /* upgrades the held page */
    assert_ptr_equal(pb, pbOld);
    tpage_make(pb, 4096, 7, 4321, 5);
    mtr_abort(&m);
    assert_int_equal(cache_get(e.f, 7, CACHE_LATCH_SHARED, 0, &r), JET_errSuccess);
    assert_memory_equal(r.buf, copy, sizeof copy);
    cache_put(&r);
    assert_int_equal(tlog_count(e.log), 0);
    tenv_close(&e);
}

static void test_mtr_commit_restores_pages_when_the_log_fails(void **state)
{
    struct tenv e;
    struct mtr m;
    uint8_t *pb;
    uint8_t copy[4096];
    lsn_t lsn = 5;
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    memcpy(copy, pb, sizeof copy);
    tpage_insert(pb, 4096, 2, "x", 50, 9);
    mtr_set_modified(&m, 2);
    JET_ERR errLog = tlog_fail(e.log);
    assert_int_equal(mtr_commit(&m, &lsn), errLog);
    assert_int_equal(lsn, LSN_NONE);
    assert_int_equal(m.cslot, 0);
    struct page_ref r;
    assert_int_equal(cache_get(e.f, 2, CACHE_LATCH_EXCLUSIVE, CACHE_GET_NO_WAIT, &r), JET_errSuccess);
    assert_memory_equal(r.buf, copy, sizeof copy);
    cache_put(&r);
    assert_int_equal(cache_file_oldest_dirty_lsn(e.f), LSN_MAX);
    tenv_close(&e);
}

static void test_mtr_commit_logs_nothing_when_nothing_changed(void **state)
{
    struct tenv e;
    struct mtr m;
    uint8_t *pb;
    lsn_t lsn = 5;
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    assert_int_equal(mtr_get(&m, 3, CACHE_LATCH_SHARED, &pb), JET_errSuccess);
    assert_int_equal(mtr_commit(&m, &lsn), JET_errSuccess);
    assert_int_equal(lsn, LSN_NONE);
    assert_int_equal(tlog_count(e.log), 0);
    assert_int_equal(e.dbtime, 1);
    /* An undo payload alone is logged. */
    mtr_begin(&m, e.f);
    mtr_set_undo(&m, "undo!", 5);
    assert_int_equal(mtr_commit(&m, &lsn), JET_errSuccess);
    assert_int_not_equal(lsn, LSN_NONE);
    struct trec t;
    trec_get(e.log, 0, &t);
    assert_int_equal(t.cpage, 0);
    assert_int_equal(t.cbUndo, 5);
    assert_memory_equal(t.pbUndo, "undo!", 5);
    tenv_close(&e);
}

static void test_mtr_get_returns_held_pages_and_upgrades(void **state)
{
    struct tenv e;
    struct mtr m, m2;
    uint8_t *pb1, *pb2, *pb3;
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_SHARED, &pb1), JET_errSuccess);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_SHARED, &pb2), JET_errSuccess);
    assert_ptr_equal(pb1, pb2);
    assert_int_equal(m.cslot, 1);
    /* Someone else reads it too: no upgrade. */
    mtr_begin(&m2, e.f);
    assert_int_equal(mtr_get(&m2, 2, CACHE_LATCH_SHARED, &pb3), JET_errSuccess);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_EXCLUSIVE, &pb2), ERR_LATCH_CONFLICT);
    assert_int_equal(mtr_get_ex(&m2, 3, CACHE_LATCH_EXCLUSIVE, CACHE_GET_NO_WAIT, &pb3), JET_errSuccess);
    mtr_release(&m2, 2);
    assert_int_equal(m2.cslot, 1);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_EXCLUSIVE, &pb2), JET_errSuccess);
    assert_ptr_equal(pb1, pb2);
    assert_int_equal(mtr_get_ex(&m2, 2, CACHE_LATCH_SHARED, CACHE_GET_NO_WAIT, &pb3), ERR_LATCH_CONFLICT);
    tpage_insert(pb2, 4096, 2, "up", 5, 5);
    mtr_set_modified(&m, 2);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    mtr_abort(&m2);
    assert_int_equal(tlog_count(e.log), 1);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_NONE, &pb1), JET_errInvalidParameter);
    tenv_close(&e);
}

static void test_mtr_refuses_changes_to_a_read_only_file(void **state)
{
    struct tenv e;
    struct cache_file *f;
    struct mtr m;
    uint8_t *pb;
    tenv_open(&e, 4096, 16, 10, 0);
    cache_file_unregister(e.f);
    struct cache_file_desc d = { .file = e.file, .cbPage = 4096, .dbid = 3, .fReadOnly = true };
    assert_int_equal(cache_file_register(e.cache, &d, &f), JET_errSuccess);
    e.f = f;
    mtr_begin(&m, f);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_SHARED, &pb), JET_errSuccess);
    assert_int_equal(tpage_tag(pb, 4096, 2), 2);
    assert_int_equal(mtr_get(&m, 3, CACHE_LATCH_EXCLUSIVE, &pb), JET_errPermissionDenied);
    assert_int_equal(mtr_new(&m, 4, &pb), JET_errPermissionDenied);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    assert_int_equal(cache_file_flush(f), JET_errSuccess);
    tenv_close(&e);
}

static void test_mtr_delta_coalesces_close_ranges(void **state)
{
    struct tenv e;
    struct mtr m;
    uint8_t *pb;
    struct trec t;
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    change(&e, 2, 1);   /* the image */
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 2, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    pb[1000] ^= 1;
    pb[1003] ^= 1;
    pb[1007] ^= 1;      /* gaps of 2 and 3: one range */
    pb[3000] ^= 1;      /* far: a second range */
    mtr_set_modified(&m, 2);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    trec_get(e.log, 1, &t);
    assert_int_equal(t.e[0].kind, MTR_PAGE_DELTA);
    assert_int_equal(body_ranges(&t.e[0]), 2);
    /* varints: gap 1000 (2 bytes) + cb 8 (1) + 8 bytes; gap 1992 (2) + cb 1 (1) + 1 byte */
    assert_int_equal(t.e[0].cbBody, 2 + 1 + 8 + 2 + 1 + 1);
    tenv_close(&e);
}

/* The record for a typical B-tree insert (a node in the middle of a leaf that holds some), on a
 * small and a large page. Printed for the report; the bound asserted is loose. */
static void test_mtr_record_size_of_a_node_insert(void **state)
{
    const uint32_t rgcb[] = { 4096, 32768 };
    for (uint32_t i = 0; i < 2; i++) {
        const uint32_t cb = rgcb[i];
        struct tenv e;
        struct mtr m;
        uint8_t *pb;
        struct trec t;
        tenv_open(&e, cb, 16, 4, TENV_LOG);
        /* A leaf with 40 records of ~60 bytes (keys "key000".."key039"). */
        mtr_begin(&m, e.f);
        assert_int_equal(mtr_new(&m, 3, &pb), JET_errSuccess);
        struct page_buf b = page_buf_make(pb, cb, 3);
        page_init(&b, 100, 0, PAGE_FLAG_LEAF);
        uint8_t data[60];
        for (uint32_t k = 0; k < 40; k++) {
            char key[16];
            snprintf(key, sizeof key, "key%03u", (unsigned)(k * 2));
            memset(data, (int)k, sizeof data);
            assert_int_equal(page_insert_node(&b, k, key, 6, data, sizeof data, 0), JET_errSuccess);
        }
        assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
        trec_get(e.log, 0, &t);
        uint32_t cbImage = t.cb;

        /* Insert "key041" between key040 and key042: line 21. */
        mtr_begin(&m, e.f);
        assert_int_equal(mtr_get(&m, 3, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
        b = page_buf_make(pb, cb, 3);
        memset(data, 0xab, sizeof data);
        assert_int_equal(page_insert_node(&b, 21, "key041", 6, data, sizeof data, 0), JET_errSuccess);
        mtr_set_modified(&m, 3);
        assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
        trec_get(e.log, 1, &t);
        assert_int_equal(t.e[0].kind, MTR_PAGE_DELTA);
        print_message("mtr record for a 60-byte node insert on a %u-byte page: %u bytes "
                      "(%u ranges; the page's first image was %u bytes)\n",
                      (unsigned)cb, (unsigned)t.cb, (unsigned)body_ranges(&t.e[0]), (unsigned)cbImage);
        /* Node (2 + 6 + 60 bytes) + shifted tags (20 x 4) + header fields + framing. */
        assert_true(t.cb < 250);
        tenv_close(&e);
    }
}

/* A frame is sound (mutators may skip their structure check) when read and verified, and stays
 * so only through mtrs whose writer vouches for its change; any other exclusive latch, a change
 * nobody vouches for, or a second hand-out in the same mtr takes it away. */
static bool sound_in_new_mtr(struct tenv *e, uint32_t pgno)
{
    struct mtr m;
    uint8_t *pb;
    mtr_begin(&m, e->f);
    assert_int_equal(mtr_get(&m, pgno, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    const bool f = mtr_page_sound(&m, pgno);
    mtr_abort(&m);
    return f;
}

static void test_mtr_page_sound_follows_what_writers_vouch_for(void **state)
{
    struct tenv e;
    struct mtr m;
    uint8_t *pb;
    (void)state;
    tenv_open(&e, 4096, 16, 10, TENV_LOG);
    /* Read and verified; an abort (bytes put back) keeps it. */
    assert_true(sound_in_new_mtr(&e, 3));
    assert_true(sound_in_new_mtr(&e, 3));
    /* Shared, or handed out twice: not vouched for. */
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 3, CACHE_LATCH_SHARED, &pb), JET_errSuccess);
    assert_false(mtr_page_sound(&m, 3));
    mtr_abort(&m);
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 3, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    assert_true(mtr_page_sound(&m, 3));
    assert_int_equal(mtr_get(&m, 3, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    assert_false(mtr_page_sound(&m, 3));
    mtr_abort(&m);
    assert_true(sound_in_new_mtr(&e, 3));
    /* A change nobody vouches for. */
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 3, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    tpage_insert(pb, 4096, 3, "abc", 100, 7);
    mtr_set_modified(&m, 3);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    assert_false(sound_in_new_mtr(&e, 3));
    /* A writer that checked the page and changed it through mutators. */
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_get(&m, 3, CACHE_LATCH_EXCLUSIVE, &pb), JET_errSuccess);
    struct page_buf b = page_buf_make(pb, 4096, 3);
    b.fSound = mtr_page_sound(&m, 3);
    assert_false(b.fSound);
    assert_int_equal(page_insert_node(&b, 2, "k4", 2, "data", 4, 0), JET_errSuccess);
    assert_true(b.fSound);
    mtr_set_modified(&m, 3);
    mtr_set_page_sound(&m, 3);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    assert_true(sound_in_new_mtr(&e, 3));
    /* An exclusive latch outside any mtr (recovery's) takes it away for good. */
    struct page_ref r;
    assert_int_equal(cache_get(e.f, 3, CACHE_LATCH_EXCLUSIVE, 0, &r), JET_errSuccess);
    assert_true(r.fSound);
    cache_put(&r);
    assert_false(sound_in_new_mtr(&e, 3));
    /* A new page is never vouched for by the cache. */
    mtr_begin(&m, e.f);
    assert_int_equal(mtr_new(&m, 7, &pb), JET_errSuccess);
    assert_false(mtr_page_sound(&m, 7));
    mtr_abort(&m);
    tenv_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mtr_commit_stamps_one_dbtime_per_page_and_logs_one_record),
        cmocka_unit_test(test_mtr_commit_logs_an_image_first_then_deltas),
        cmocka_unit_test(test_mtr_new_logs_an_image_of_a_zeroed_page),
        cmocka_unit_test(test_mtr_abort_restores_pages_byte_for_byte),
        cmocka_unit_test(test_mtr_abort_of_a_new_page_forgets_the_frame),
        cmocka_unit_test(test_mtr_commit_restores_pages_when_the_log_fails),
        cmocka_unit_test(test_mtr_commit_logs_nothing_when_nothing_changed),
        cmocka_unit_test(test_mtr_get_returns_held_pages_and_upgrades),
        cmocka_unit_test(test_mtr_refuses_changes_to_a_read_only_file),
        cmocka_unit_test(test_mtr_delta_coalesces_close_ranges),
        cmocka_unit_test(test_mtr_record_size_of_a_node_insert),
        cmocka_unit_test(test_mtr_page_sound_follows_what_writers_vouch_for),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
