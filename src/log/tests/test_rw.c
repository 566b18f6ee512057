/* SPDX-License-Identifier: MIT
 * log/tests/test_rw.c: a log over os_mem: creation, appends and reads across generations, the
 * exact file-full boundary, forced generations, flush alignment, logging off, names. */
#include "log_tests.h"

#define CB_FILE   (64 * 1024)
#define CB_SECTOR 512

struct fx { struct os_vfs *vfs; };

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    fx->vfs = os_mem_create();
    *state = fx;
    return fx->vfs ? 0 : -1;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    os_mem_destroy(fx->vfs);
    free(fx);
    return 0;
}

static struct log *open_start(struct log_config *cfg, struct log_state *st)
{
    struct log *log = NULL;
    assert_int_equal(log_open(cfg, &log, st), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errSuccess);
    return log;
}

static void test_log_start_creates_esent_files_when_new(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    struct log_state st;
    struct log *log = NULL;

    assert_int_equal(log_open(&cfg, &log, &st), JET_errSuccess);
    assert_false(st.fExisting);
    assert_true(st.fCleanEnd);
    assert_int_equal(st.genMin, 0);
    assert_int_equal(st.genMax, 0);
    assert_true(st.lsnEnd == lsn_make(1, CB_SECTOR));
    /* Nothing is written before log_start, not even the folders. */
    assert_false(test_exists(fx->vfs, W("/l/edb.log")));
    bool fExists = true, fDir = false;
    assert_int_equal(fx->vfs->ops->exists(fx->vfs, W("/l"), &fExists, &fDir), JET_errSuccess);
    assert_false(fExists);

    assert_int_equal(log_start(log), JET_errSuccess);
    assert_true(test_exists(fx->vfs, W("/l/edb.log")));
    assert_true(test_exists(fx->vfs, W("/s/edb.chk")));
    assert_true(test_exists(fx->vfs, W("/l/edbres00001.jrs")));
    assert_true(test_exists(fx->vfs, W("/l/edbres00002.jrs")));
    assert_false(test_exists(fx->vfs, W("/l/edbtmp.log")));
    /* Every log file, reserve ones included, has the configured size from the start. The
     * current one is open exclusively, as ESE holds it. */
    struct os_file *f = NULL;
    assert_int_equal(os_file_open(fx->vfs, W("/l/edb.log"), OS_OPEN_READONLY, &f), JET_errFileAccessDenied);
    assert_int_equal(test_file_size(fx->vfs, W("/l/edbres00001.jrs")), CB_FILE);
    assert_int_equal(test_file_size(fx->vfs, W("/l/edbres00002.jrs")), CB_FILE);
    assert_true(log_end_lsn(log) == lsn_make(1, CB_SECTOR));
    assert_true(log_redo_point(log) == lsn_make(1, CB_SECTOR));
    uint8_t sign[28], zero[28] = { 0 };
    log_signature(log, sign);
    assert_memory_not_equal(sign, zero, 28);
    uint32_t genMin, genMax;
    log_generations(log, &genMin, &genMax);
    assert_int_equal(genMin, 1);
    assert_int_equal(genMax, 1);
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_int_equal(test_file_size(fx->vfs, W("/l/edb.log")), CB_FILE);
}

/* Appends n records of random sizes (up to cbMax), flushing every few; rgcb/rglsn receive them. */
static void append_many(struct log *log, uint32_t iFirst, uint32_t n, uint32_t cbMax, uint32_t *rgcb, lsn_t *rglsn)
{
    for (uint32_t i = iFirst; i < iFirst + n; i++) {
        rgcb[i] = test_rec_cb(i, cbMax);
        assert_int_equal(test_append(log, i, rgcb[i], &rglsn[i]), JET_errSuccess);
        if (i > 0) assert_true(rglsn[i] > rglsn[i - 1]);
        if (i % 7 == 0) assert_int_equal(log_flush(log, rglsn[i]), JET_errSuccess);
    }
}

static void test_log_records_round_trip_across_generations(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    struct log_state st;
    enum { N = 600 };
    uint32_t rgcb[2 * N];
    lsn_t rglsn[2 * N];

    struct log *log = open_start(&cfg, &st);
    append_many(log, 0, N, 700, rgcb, rglsn);
    assert_true(lsn_generation(rglsn[N - 1]) >= 4);      /* several generations */
    /* While running, a reader sees what is durable. */
    assert_int_equal(log_flush(log, LSN_MAX), JET_errSuccess);
    struct test_read tr = test_read_all(log, LSN_NONE, 0, rgcb, rglsn);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, N);
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_true(test_exists(fx->vfs, W("/l/edb00001.log")));
    assert_true(test_exists(fx->vfs, W("/l/edb00002.log")));

    /* Reopen: every record is there, the end is clean, and a new generation follows. */
    struct log *log2 = NULL;
    assert_int_equal(log_open(&cfg, &log2, &st), JET_errSuccess);
    assert_true(st.fExisting);
    assert_true(st.fCleanEnd);
    assert_int_equal(st.genMin, 1);
    assert_int_equal(st.genMax, lsn_generation(rglsn[N - 1]));
    assert_true(st.lsnEndOfData > rglsn[N - 1]);
    assert_true(st.lsnEnd == lsn_make(st.genMax + 1, CB_SECTOR));
    tr = test_read_all(log2, LSN_NONE, 0, rgcb, rglsn);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, N);
    assert_int_equal(tr.cOther, 1);                      /* the TERM record */
    assert_int_equal(tr.typeLast, LOG_REC_TERM);
    /* From the middle: record N/2 on. */
    tr = test_read_all(log2, rglsn[N / 2], N / 2, rgcb, rglsn);
    assert_int_equal(tr.c, N - N / 2);
    assert_int_equal(log_start(log2), JET_errSuccess);
    assert_true(log_end_lsn(log2) == st.lsnEnd);
    append_many(log2, N, 50, 300, rgcb, rglsn);
    assert_int_equal(lsn_generation(rglsn[N]), st.genMax + 1);
    assert_int_equal(log_term(log2), JET_errSuccess);

    assert_int_equal(log_open(&cfg, &log2, &st), JET_errSuccess);
    assert_true(st.fCleanEnd);
    tr = test_read_all(log2, rglsn[N], N, rgcb, rglsn);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, 50);
    log_close(log2);
}

static void test_log_append2_joins_two_parts(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    struct log_state st;
    struct log *log = open_start(&cfg, &st);
    uint8_t rgb[300];
    lsn_t lsn;
    test_rec_fill(rgb, sizeof rgb, 5);
    assert_int_equal(log_append2(log, LOG_REC_USER_MIN + 5, rgb, 100, rgb + 100, 200, &lsn), JET_errSuccess);
    assert_int_equal(log_append2(log, LOG_REC_USER_MIN + 5, NULL, 0, rgb, 0, &lsn), JET_errSuccess);
    assert_int_equal(log_flush(log, lsn), JET_errSuccess);
    struct log_reader *r;
    struct log_record rec;
    assert_int_equal(log_reader_open(log, LSN_NONE, &r), JET_errSuccess);
    assert_int_equal(log_reader_next(r, &rec), JET_errSuccess);
    assert_int_equal(rec.cb, 300);
    assert_memory_equal(rec.pv, rgb, 300);
    assert_int_equal(log_reader_next(r, &rec), JET_errSuccess);
    assert_int_equal(rec.cb, 0);
    assert_true(rec.lsn == lsn);
    assert_int_equal(log_reader_next(r, &rec), 1);
    log_reader_close(r);
    /* Type 0 and PAD are ours; NULL with a length is a caller bug. */
    assert_int_equal(log_append(log, 0, rgb, 1, &lsn), JET_errInvalidParameter);
    assert_int_equal(log_append(log, LOG_REC_PAD, rgb, 1, &lsn), JET_errInvalidParameter);
    assert_int_equal(log_append(log, LOG_REC_USER_MIN, NULL, 1, &lsn), JET_errInvalidParameter);
    assert_int_equal(log_term(log), JET_errSuccess);
}

static void test_log_switch_happens_at_exact_file_full_boundary(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, CB_FILE, CB_SECTOR);
    struct log_state st;
    struct log *log = open_start(&cfg, &st);
    lsn_t lsn;
    uint32_t cbRec = 1000;   /* span 1008 */

    /* Fill generation 1 so that exactly `left` bytes remain, then append a record whose span is
     * exactly left: it stays in generation 1 and ends at the file's last byte. */
    uint32_t ib = CB_SECTOR;
    uint32_t i = 0;
    while (CB_FILE - ib >= 2 * log_frame_span(cbRec)) {
        assert_int_equal(test_append(log, i++, cbRec, &lsn), JET_errSuccess);
        assert_true(lsn == lsn_make(1, ib));
        ib += log_frame_span(cbRec);
    }
    uint32_t left = CB_FILE - ib;
    assert_true(left >= log_frame_span(0));
    assert_int_equal(test_append(log, i++, left - LOG_CB_FRAME, &lsn), JET_errSuccess);
    assert_true(lsn == lsn_make(1, ib));
    assert_true(log_end_lsn(log) == lsn_make(1, CB_FILE));
    /* The next record, even empty, opens generation 2. */
    assert_int_equal(test_append(log, i++, 0, &lsn), JET_errSuccess);
    assert_true(lsn == lsn_make(2, CB_SECTOR));
    assert_true(test_exists(fx->vfs, W("/l/edb00001.log")));
    /* Everything of generation 1 became durable with the switch. */
    assert_true(log_flushed_lsn(log) >= lsn_make(2, CB_SECTOR));

    /* One byte short of fitting: the record goes to generation 3 and the rest of 2 stays empty. */
    uint32_t cbRest = CB_FILE - CB_SECTOR - log_frame_span(0);      /* bytes after record i-1 */
    assert_int_equal(test_append(log, i++, cbRest - LOG_CB_FRAME + 1, &lsn), JET_errSuccess);
    assert_true(lsn == lsn_make(3, CB_SECTOR));
    assert_int_equal(log_term(log), JET_errSuccess);

    assert_int_equal(log_open(&cfg, &log, &st), JET_errSuccess);
    struct test_read tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, i);
    log_close(log);
}

static void test_log_new_generation_closes_current_file(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    struct log_state st;
    struct log *log = open_start(&cfg, &st);
    lsn_t lsn;
    assert_int_equal(test_append(log, 0, 10, &lsn), JET_errSuccess);
    assert_int_equal(log_new_generation(log), JET_errSuccess);
    assert_true(log_end_lsn(log) == lsn_make(2, CB_SECTOR));
    assert_true(log_flushed_lsn(log) > lsn);
    assert_int_equal(log_new_generation(log), JET_errSuccess);     /* an empty one too */
    assert_int_equal(test_append(log, 1, 10, &lsn), JET_errSuccess);
    assert_true(lsn == lsn_make(3, CB_SECTOR));
    assert_true(test_exists(fx->vfs, W("/l/edb00001.log")));
    assert_true(test_exists(fx->vfs, W("/l/edb00002.log")));
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_int_equal(log_open(&cfg, &log, &st), JET_errSuccess);
    assert_int_equal(st.genMax, 3);
    struct test_read tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, 2);
    log_close(log);
}

static void test_log_flush_ends_on_sector_boundary(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    struct log_state st;
    struct log *log = open_start(&cfg, &st);
    lsn_t lsn, lsnPrevFlushed = log_flushed_lsn(log);
    for (uint32_t i = 0; i < 40; i++) {
        assert_int_equal(test_append(log, i, test_rec_cb(i, 300), &lsn), JET_errSuccess);
        assert_int_equal(log_flush(log, lsn), JET_errSuccess);
        lsn_t lsnFlushed = log_flushed_lsn(log);
        assert_true(lsnFlushed > lsn);
        assert_int_equal(lsn_offset(lsnFlushed) % CB_SECTOR, 0);
        /* The next record starts a fresh sector: durable sectors are never written again. */
        assert_true(log_end_lsn(log) == lsnFlushed);
        assert_true(lsnFlushed > lsnPrevFlushed);
        lsnPrevFlushed = lsnFlushed;
    }
    /* Flushing what is already durable, or an end position, writes nothing new. */
    assert_int_equal(log_flush(log, lsn), JET_errSuccess);
    assert_int_equal(log_flush(log, log_end_lsn(log)), JET_errSuccess);
    assert_true(log_flushed_lsn(log) == lsnPrevFlushed);
    assert_int_equal(log_term(log), JET_errSuccess);
}

static void test_log_record_too_big_fails_with_log_buffer_too_small(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    struct log_state st;
    struct log *log = open_start(&cfg, &st);
    uint32_t cbMax = log_cb_record_max(log);
    assert_true(cbMax >= 8192 - LOG_CB_FRAME);
    assert_true(log_frame_span(cbMax) <= CB_FILE - CB_SECTOR);
    lsn_t lsn;
    assert_int_equal(test_append(log, 1, cbMax, &lsn), JET_errSuccess);
    assert_int_equal(test_append(log, 2, cbMax + 1, &lsn), JET_errLogBufferTooSmall);
    assert_int_equal(test_append(log, 3, cbMax, &lsn), JET_errSuccess);
    assert_int_equal(log_term(log), JET_errSuccess);
}

static void test_log_does_nothing_when_recovery_off(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    cfg.fRecoveryOff = true;
    struct log_state st;
    struct log *log = NULL;
    lsn_t lsn = 1;
    assert_int_equal(log_open(&cfg, &log, &st), JET_errSuccess);
    assert_non_null(log);
    assert_false(st.fExisting);
    assert_int_equal(log_start(log), JET_errSuccess);
    assert_int_equal(test_append(log, 0, 100, &lsn), JET_errSuccess);
    assert_true(lsn == LSN_NONE);
    assert_int_equal(log_flush(log, LSN_MAX), JET_errSuccess);
    assert_true(log_flushed_lsn(log) == LSN_MAX);
    assert_int_equal(log_checkpoint(log, lsn_make(1, 0), LSN_NONE, "x", 1), JET_errSuccess);
    assert_int_equal(log_new_generation(log), JET_errSuccess);
    assert_int_equal(log_check_state(log), JET_errSuccess);
    struct log_reader *r;
    struct log_record rec;
    assert_int_equal(log_reader_open(log, LSN_NONE, &r), JET_errSuccess);
    assert_int_equal(log_reader_next(r, &rec), 1);
    log_reader_close(r);
    assert_int_equal(log_term(log), JET_errSuccess);
    /* No file, no folder. */
    bool fExists = true, fDir;
    assert_int_equal(fx->vfs->ops->exists(fx->vfs, W("/l"), &fExists, &fDir), JET_errSuccess);
    assert_false(fExists);
    assert_int_equal(fx->vfs->ops->exists(fx->vfs, W("/s"), &fExists, &fDir), JET_errSuccess);
    assert_false(fExists);

    /* A NULL log behaves the same. */
    lsn = 1;
    assert_int_equal(log_append(NULL, LOG_REC_USER_MIN, "x", 1, &lsn), JET_errSuccess);
    assert_true(lsn == LSN_NONE);
    assert_int_equal(log_flush(NULL, LSN_MAX), JET_errSuccess);
    assert_true(log_flushed_lsn(NULL) == LSN_MAX);
    assert_true(log_end_lsn(NULL) == LSN_NONE);
    assert_true(log_redo_point(NULL) == LSN_NONE);
    assert_int_equal(log_term(NULL), JET_errSuccess);
}

static void test_log_uses_jtx_names_without_legacy_bits_and_finds_them_later(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    cfg.grbitLegacyFileNames = 0;
    struct log_state st;
    struct log *log = open_start(&cfg, &st);
    lsn_t lsn;
    assert_int_equal(test_append(log, 0, 10, &lsn), JET_errSuccess);
    assert_int_equal(log_new_generation(log), JET_errSuccess);
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_true(test_exists(fx->vfs, W("/l/edb.jtx")));
    assert_true(test_exists(fx->vfs, W("/l/edb00000001.jtx")));
    assert_true(test_exists(fx->vfs, W("/s/edb.jcp")));
    assert_true(test_exists(fx->vfs, W("/l/edbres00001.jrs")));

    /* With ESENT's setting the existing .jtx log is found and kept (ESE picks the extension
     * the log has); eight-digit names are accepted under soft compatibility. */
    cfg.grbitLegacyFileNames = LOG_LEGACY_FILE_NAMES_ESENT;
    assert_int_equal(log_open(&cfg, &log, &st), JET_errSuccess);
    assert_true(st.fExisting);
    assert_int_equal(st.genMax, 2);
    struct test_read tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, 1);
    assert_int_equal(log_start(log), JET_errSuccess);
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_true(test_exists(fx->vfs, W("/l/edb00002.jtx")));
    assert_false(test_exists(fx->vfs, W("/l/edb.log")));
}

static void test_log_file_names_lists_present_generations(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    struct log_state st;
    struct log *log = open_start(&cfg, &st);
    assert_int_equal(log_new_generation(log), JET_errSuccess);
    assert_int_equal(log_new_generation(log), JET_errSuccess);
    ESENT_WCHAR **rgwsz = NULL;
    uint32_t c = 0;
    assert_int_equal(log_file_names(log, 0, 100, &rgwsz, &c), JET_errSuccess);
    assert_int_equal(c, 3);
    assert_string_equal(narrow(rgwsz[0]), "/l/edb00001.log");
    assert_string_equal(narrow(rgwsz[1]), "/l/edb00002.log");
    assert_string_equal(narrow(rgwsz[2]), "/l/edb.log");
    mem_free(rgwsz);
    assert_int_equal(log_file_names(log, 2, 2, &rgwsz, &c), JET_errSuccess);
    assert_int_equal(c, 1);
    assert_string_equal(narrow(rgwsz[0]), "/l/edb00002.log");
    mem_free(rgwsz);
    ESENT_WCHAR *wsz;
    assert_int_equal(log_checkpoint_path(log, &wsz), JET_errSuccess);
    assert_string_equal(narrow(wsz), "/s/edb.chk");
    mem_free(wsz);
    assert_int_equal(log_generation_path(log, 3, &wsz), JET_errSuccess);
    assert_string_equal(narrow(wsz), "/l/edb.log");
    mem_free(wsz);
    assert_int_equal(log_term(log), JET_errSuccess);
}

static void test_log_reader_sees_only_durable_records_while_running(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    struct log_state st;
    struct log *log = open_start(&cfg, &st);
    lsn_t lsn;
    assert_int_equal(test_append(log, 0, 10, &lsn), JET_errSuccess);
    assert_int_equal(log_flush(log, lsn), JET_errSuccess);
    assert_int_equal(test_append(log, 1, 10, &lsn), JET_errSuccess);     /* not flushed */
    struct log_reader *r;
    struct log_record rec;
    assert_int_equal(log_reader_open(log, LSN_NONE, &r), JET_errSuccess);
    assert_int_equal(log_reader_next(r, &rec), JET_errSuccess);
    assert_int_equal(get_le32(rec.pv), 0);
    assert_int_equal(log_reader_next(r, &rec), 1);
    /* Once flushed, the same reader goes on. */
    assert_int_equal(log_flush(log, lsn), JET_errSuccess);
    assert_int_equal(log_reader_next(r, &rec), JET_errSuccess);
    assert_int_equal(get_le32(rec.pv), 1);
    assert_int_equal(log_reader_next(r, &rec), 1);
    /* A reader opened at the end of the log waits there for what comes. */
    struct log_reader *r2;
    assert_int_equal(test_append(log, 2, 10, &lsn), JET_errSuccess);
    assert_int_equal(log_reader_open(log, log_end_lsn(log), &r2), JET_errSuccess);
    assert_int_equal(log_reader_next(r2, &rec), 1);
    assert_int_equal(test_append(log, 3, 10, &lsn), JET_errSuccess);
    assert_int_equal(log_reader_next(r2, &rec), 1);       /* not durable yet */
    assert_int_equal(log_flush(log, lsn), JET_errSuccess);
    assert_int_equal(log_reader_next(r2, &rec), JET_errSuccess);
    assert_int_equal(get_le32(rec.pv), 3);
    log_reader_close(r2);
    log_reader_close(r);
    assert_int_equal(log_term(log), JET_errSuccess);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_log_start_creates_esent_files_when_new, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_records_round_trip_across_generations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_append2_joins_two_parts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_switch_happens_at_exact_file_full_boundary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_new_generation_closes_current_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_flush_ends_on_sector_boundary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_record_too_big_fails_with_log_buffer_too_small, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_does_nothing_when_recovery_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_uses_jtx_names_without_legacy_bits_and_finds_them_later, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_file_names_lists_present_generations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_reader_sees_only_durable_records_while_running, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
