/* SPDX-License-Identifier: MIT
 * log/tests/test_open.c: what log_open makes of the files it finds: missing, renamed, foreign
 * and damaged log files, torn tails, a crash in the middle of a generation switch, folders. */
#include "log_tests.h"

#define CB_FILE   (64 * 1024)
#define CB_SECTOR 512
#define C_PER_GEN 20

struct fx { struct os_vfs *vfs; struct log_config cfg; };

/* A log of generations 1..4 (edb00001..3.log and edb.log), C_PER_GEN records each, ended
 * cleanly. */
static void make_log(struct os_vfs *vfs, struct log_config *cfg)
{
    struct log *log = NULL;
    struct log_state st;
    lsn_t lsn;
    assert_int_equal(log_open(cfg, &log, &st), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errSuccess);
    for (uint32_t g = 0; g < 4; g++) {
        if (g) assert_int_equal(log_new_generation(log), JET_errSuccess);
        for (uint32_t i = 0; i < C_PER_GEN; i++)
            assert_int_equal(test_append(log, g * C_PER_GEN + i, 100, &lsn), JET_errSuccess);
    }
    assert_int_equal(log_term(log), JET_errSuccess);
}

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    fx->vfs = os_mem_create();
    fx->cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
    make_log(fx->vfs, &fx->cfg);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    os_mem_destroy(fx->vfs);
    free(fx);
    return 0;
}

static JET_ERR try_open(struct fx *fx, struct log_state *st)
{
    struct log *log = NULL;
    struct log_state stLocal;
    JET_ERR err = log_open(&fx->cfg, &log, st ? st : &stLocal);
    if (err >= 0) assert_non_null(log);
    else assert_null(log);
    log_close(log);
    return err;
}

static void copy_file(struct os_vfs *vfs, const ESENT_WCHAR *from, const ESENT_WCHAR *to)
{
    void *pv;
    size_t cb;
    assert_int_equal(os_test_read_file(vfs, from, &pv, &cb), JET_errSuccess);
    assert_int_equal(os_test_write_file(vfs, to, pv, cb), JET_errSuccess);
    mem_free(pv);
}

static void test_log_open_finds_generations_and_clean_end(void **state)
{
    struct fx *fx = *state;
    struct log_state st;
    struct log *log = NULL;
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    /* Before log_start everything found counts as durable (recovery writes the pages it redoes). */
    assert_true(log_flushed_lsn(log) == st.lsnEndOfData);
    assert_true(log_end_lsn(log) == st.lsnEnd);
    log_close(log);
    assert_int_equal(try_open(fx, &st), JET_errSuccess);
    assert_true(st.fExisting);
    assert_true(st.fCleanEnd);
    assert_int_equal(st.genMin, 1);
    assert_int_equal(st.genMax, 4);
    assert_true(st.lsnCheckpoint == lsn_make(1, CB_SECTOR));
    assert_true(st.lsnEnd == lsn_make(5, CB_SECTOR));
    assert_int_equal(lsn_generation(st.lsnEndOfData), 4);
    assert_int_equal(lsn_offset(st.lsnEndOfData) % CB_SECTOR, 0);
}

static void test_log_open_fails_with_missing_log_file_when_generation_missing(void **state)
{
    struct fx *fx = *state;
    assert_int_equal(fx->vfs->ops->remove(fx->vfs, W("/l/edb00002.log")), JET_errSuccess);
    assert_int_equal(try_open(fx, NULL), JET_errMissingLogFile);
}

static void test_log_open_fails_with_missing_log_file_when_current_and_tmp_missing(void **state)
{
    struct fx *fx = *state;
    assert_int_equal(fx->vfs->ops->remove(fx->vfs, W("/l/edb.log")), JET_errSuccess);
    assert_int_equal(try_open(fx, NULL), JET_errMissingLogFile);
}

static void test_log_open_ignores_old_files_below_a_gap_the_checkpoint_does_not_need(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL;
    struct log_state st;
    /* A checkpoint in generation 5 (the one log_start makes), then lose generation 2. */
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errSuccess);
    assert_int_equal(log_checkpoint(log, log_end_lsn(log), LSN_NONE, NULL, 0), JET_errSuccess);
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_int_equal(fx->vfs->ops->remove(fx->vfs, W("/l/edb00002.log")), JET_errSuccess);
    assert_int_equal(try_open(fx, &st), JET_errSuccess);
    assert_int_equal(st.genMin, 3);
    assert_int_equal(st.genMax, 5);
    assert_int_equal(lsn_generation(st.lsnCheckpoint), 5);
    /* A reader cannot start before what is kept. */
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    struct log_reader *r = NULL;
    assert_int_equal(log_reader_open(log, lsn_make(1, CB_SECTOR), &r), JET_errMissingLogFile);
    assert_null(r);
    log_close(log);
    /* Generation 3 now is needed by nothing either; losing 4 breaks the run the checkpoint
     * needs only if the checkpoint is at or before it. */
    assert_int_equal(fx->vfs->ops->remove(fx->vfs, W("/l/edb00004.log")), JET_errSuccess);
    assert_int_equal(try_open(fx, &st), JET_errSuccess);
    assert_int_equal(st.genMin, 5);
}

static void test_log_open_fails_with_generation_mismatch_when_files_renamed(void **state)
{
    struct fx *fx = *state;
    struct os_vfs *vfs = fx->vfs;
    /* Swap generations 2 and 3: each header names the other generation. */
    assert_int_equal(vfs->ops->rename(vfs, W("/l/edb00002.log"), W("/l/x")), JET_errSuccess);
    assert_int_equal(vfs->ops->rename(vfs, W("/l/edb00003.log"), W("/l/edb00002.log")), JET_errSuccess);
    assert_int_equal(vfs->ops->rename(vfs, W("/l/x"), W("/l/edb00003.log")), JET_errSuccess);
    assert_int_equal(try_open(fx, NULL), JET_errLogGenerationMismatch);
}

static void test_log_open_fails_with_generation_mismatch_when_archive_not_below_current(void **state)
{
    struct fx *fx = *state;
    copy_file(fx->vfs, W("/l/edb00003.log"), W("/l/edb00009.log"));
    assert_int_equal(try_open(fx, NULL), JET_errLogGenerationMismatch);
}

static void test_log_open_fails_with_generation_mismatch_when_two_names_for_one_generation(void **state)
{
    struct fx *fx = *state;
    copy_file(fx->vfs, W("/l/edb00002.log"), W("/l/edb00000002.log"));
    assert_int_equal(try_open(fx, NULL), JET_errLogGenerationMismatch);
}

static void test_log_open_fails_with_bad_log_signature_when_file_is_foreign(void **state)
{
    struct fx *fx = *state;
    /* Another log stream, same names and geometry, in another folder. */
    struct log_config cfgOther = fx->cfg;
    cfgOther.wszLogPath = W("/other");
    cfgOther.wszSystemPath = W("/other");
    make_log(fx->vfs, &cfgOther);
    copy_file(fx->vfs, W("/other/edb00002.log"), W("/l/edb00002.log"));
    assert_int_equal(try_open(fx, NULL), JET_errBadLogSignature);
}

static void test_log_open_fails_with_log_file_corrupt_when_header_damaged(void **state)
{
    struct fx *fx = *state;
    uint8_t b = 0x5A;
    test_poke(fx->vfs, W("/l/edb00002.log"), 20, &b, 1);
    assert_int_equal(try_open(fx, NULL), JET_errLogFileCorrupt);
}

static void test_log_open_fails_with_log_file_corrupt_when_current_header_damaged(void **state)
{
    struct fx *fx = *state;
    uint8_t b = 0x5A;
    test_poke(fx->vfs, W("/l/edb.log"), 60, &b, 1);
    assert_int_equal(try_open(fx, NULL), JET_errLogFileCorrupt);
}

static void test_log_open_fails_with_log_file_corrupt_when_file_shorter_than_header_says(void **state)
{
    struct fx *fx = *state;
    struct os_file *f = NULL;
    assert_int_equal(os_file_open(fx->vfs, W("/l/edb00003.log"), 0, &f), JET_errSuccess);
    assert_int_equal(os_file_set_size(f, CB_FILE - CB_SECTOR), JET_errSuccess);
    os_file_close(f);
    assert_int_equal(try_open(fx, NULL), JET_errLogFileCorrupt);
}

static void test_log_reader_fails_with_log_file_corrupt_when_older_generation_damaged(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL;
    struct log_state st;
    /* Damage the fifth record of generation 2: log_open does not read older generations'
     * records, the reader stops at it. */
    uint32_t ib = CB_SECTOR + 4 * log_frame_span(100) + LOG_CB_FRAME + 10;
    uint8_t b = 0xFF;
    test_poke(fx->vfs, W("/l/edb00002.log"), ib, &b, 1);
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    struct test_read tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, JET_errLogFileCorrupt);
    assert_int_equal(tr.c, C_PER_GEN + 4);
    log_close(log);
}

static void test_log_open_stops_cleanly_at_torn_tail_of_last_generation(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL;
    struct log_state st;
    /* Garbage over the last records of edb.log (the TERM record and the ones before it). */
    uint8_t rgb[CB_SECTOR];
    memset(rgb, 0xA7, sizeof rgb);
    uint32_t ibTorn = CB_SECTOR + 15 * log_frame_span(100);
    test_poke(fx->vfs, W("/l/edb.log"), ibTorn, rgb, sizeof rgb);
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_false(st.fCleanEnd);
    assert_true(st.lsnEndOfData == lsn_make(4, ibTorn));
    struct test_read tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, 3 * C_PER_GEN + 15);
    /* The next start begins generation 5 after the torn end. */
    assert_int_equal(log_start(log), JET_errSuccess);
    lsn_t lsn;
    assert_int_equal(test_append(log, 999, 10, &lsn), JET_errSuccess);
    assert_true(lsn == lsn_make(5, CB_SECTOR));
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_true(st.fCleanEnd);
    tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, 3 * C_PER_GEN + 15 + 1);
    log_close(log);
}

static void test_log_open_fails_with_log_file_corrupt_when_durable_records_follow_damage(void **state)
{
    struct fx *fx = *state;
    struct log_config cfg = test_cfg(fx->vfs, 4 << 20, 0, CB_SECTOR);   /* 1 MiB buffer */
    cfg.wszLogPath = cfg.wszSystemPath = W("/big");
    struct log *log = NULL;
    struct log_state st;
    lsn_t lsn, lsn2900 = 0;
    assert_int_equal(log_open(&cfg, &log, &st), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errSuccess);
    for (uint32_t i = 0; i < 3000; i++) {      /* ~3 MB, flushed as it goes */
        assert_int_equal(test_append(log, i, 1000, &lsn), JET_errSuccess);
        if (i == 2900) lsn2900 = lsn;
        if (i % 50 == 0) assert_int_equal(log_flush(log, lsn), JET_errSuccess);
    }
    log_close(log);      /* dirty: the tail was never flushed */

    void *pvOrig;
    size_t cbOrig;
    assert_int_equal(os_test_read_file(fx->vfs, W("/big/edb.log"), &pvOrig, &cbOrig), JET_errSuccess);

    /* A bit flip near the start: far more than one buffer of durable records follows it. */
    uint32_t ibEarly = CB_SECTOR + 40;
    uint8_t b = ((uint8_t *)pvOrig)[ibEarly] ^ 0x11;
    test_poke(fx->vfs, W("/big/edb.log"), ibEarly, &b, 1);
    assert_int_equal(log_open(&cfg, &log, &st), JET_errLogFileCorrupt);
    test_poke(fx->vfs, W("/big/edb.log"), ibEarly, (uint8_t *)pvOrig + ibEarly, 1);

    /* Near the end, within what one write could have torn, it is a torn tail. */
    uint32_t ibLate = lsn_offset(lsn2900) + 40;
    b = ((uint8_t *)pvOrig)[ibLate] ^ 0x11;
    test_poke(fx->vfs, W("/big/edb.log"), ibLate, &b, 1);
    assert_int_equal(log_open(&cfg, &log, &st), JET_errSuccess);
    assert_true(st.lsnEndOfData == lsn2900);
    log_close(log);
    mem_free(pvOrig);
}

static void test_log_open_accepts_crash_in_the_middle_of_a_switch(void **state)
{
    struct fx *fx = *state;
    struct os_vfs *vfs = fx->vfs;
    struct log *log = NULL;
    struct log_state st;
    /* edb.log was archived, edbtmp.log not yet renamed: as a crash between the two renames. */
    assert_int_equal(vfs->ops->rename(vfs, W("/l/edb.log"), W("/l/edb00004.log")), JET_errSuccess);
    uint8_t rgb[100] = { 1 };
    assert_int_equal(os_test_write_file(vfs, W("/l/edbtmp.log"), rgb, sizeof rgb), JET_errSuccess);
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_int_equal(st.genMax, 4);
    assert_true(st.fCleanEnd);
    struct test_read tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, 4 * C_PER_GEN);
    assert_int_equal(log_start(log), JET_errSuccess);
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_true(test_exists(vfs, W("/l/edb00004.log")));
    assert_true(test_exists(vfs, W("/l/edb.log")));
    assert_false(test_exists(vfs, W("/l/edbtmp.log")));
    assert_int_equal(try_open(fx, &st), JET_errSuccess);
    assert_int_equal(st.genMax, 5);
}

static void test_log_open_rejects_bad_configuration(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL;
    struct log_config cfg = fx->cfg;
    cfg.cbLogFile = CB_FILE + 100;
    assert_int_equal(log_open(&cfg, &log, NULL), JET_errInvalidParameter);
    cfg = fx->cfg;
    cfg.cbSector = 1000;
    assert_int_equal(log_open(&cfg, &log, NULL), JET_errInvalidParameter);
    cfg = fx->cfg;
    cfg.wszBaseName = W("e/b");
    assert_int_equal(log_open(&cfg, &log, NULL), JET_errInvalidParameter);
    cfg.wszBaseName = W("");
    assert_int_equal(log_open(&cfg, &log, NULL), JET_errInvalidParameter);
    assert_null(log);
}

static void test_log_start_creates_folders_only_when_asked(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL;
    struct log_config cfg = fx->cfg;
    cfg.wszLogPath = W("/n/a/b/");
    cfg.wszSystemPath = W("/n/sys");
    cfg.fCreatePath = false;
    assert_int_equal(log_open(&cfg, &log, NULL), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errInvalidPath);
    log_close(log);
    cfg.fCreatePath = true;
    assert_int_equal(log_open(&cfg, &log, NULL), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errSuccess);
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_true(test_exists(fx->vfs, W("/n/a/b/edb.log")));
    assert_true(test_exists(fx->vfs, W("/n/sys/edb.chk")));
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_log_open_finds_generations_and_clean_end),
        T(test_log_open_fails_with_missing_log_file_when_generation_missing),
        T(test_log_open_fails_with_missing_log_file_when_current_and_tmp_missing),
        T(test_log_open_ignores_old_files_below_a_gap_the_checkpoint_does_not_need),
        T(test_log_open_fails_with_generation_mismatch_when_files_renamed),
        T(test_log_open_fails_with_generation_mismatch_when_archive_not_below_current),
        T(test_log_open_fails_with_generation_mismatch_when_two_names_for_one_generation),
        T(test_log_open_fails_with_bad_log_signature_when_file_is_foreign),
        T(test_log_open_fails_with_log_file_corrupt_when_header_damaged),
        T(test_log_open_fails_with_log_file_corrupt_when_current_header_damaged),
        T(test_log_open_fails_with_log_file_corrupt_when_file_shorter_than_header_says),
        T(test_log_reader_fails_with_log_file_corrupt_when_older_generation_damaged),
        T(test_log_open_stops_cleanly_at_torn_tail_of_last_generation),
        T(test_log_open_fails_with_log_file_corrupt_when_durable_records_follow_damage),
        T(test_log_open_accepts_crash_in_the_middle_of_a_switch),
        T(test_log_open_rejects_bad_configuration),
        T(test_log_start_creates_folders_only_when_asked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
