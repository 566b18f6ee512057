/* SPDX-License-Identifier: MIT
 * log/tests/test_checkpoint.c: the checkpoint file (two copies; either may be torn), its data,
 * the redo point, and circular logging. */
#include "log_tests.h"

#define CB_FILE   (64 * 1024)
#define CB_SECTOR 512

struct fx { struct os_vfs *vfs; struct log_config cfg; };

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    fx->vfs = os_mem_create();
    fx->cfg = test_cfg(fx->vfs, CB_FILE, 8192, CB_SECTOR);
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

static struct log *open_start(struct log_config *cfg)
{
    struct log *log = NULL;
    struct log_state st;
    assert_int_equal(log_open(cfg, &log, &st), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errSuccess);
    return log;
}

/* A log with a checkpoint carrying data `tag` at the end of some records. */
static lsn_t log_with_checkpoint(struct log_config *cfg, const char *tag)
{
    struct log *log = open_start(cfg);
    lsn_t lsn;
    for (uint32_t i = 0; i < 10; i++)
        assert_int_equal(test_append(log, i, 50, &lsn), JET_errSuccess);
    lsn_t lsnRedo = log_end_lsn(log);
    assert_int_equal(log_checkpoint(log, lsnRedo, LSN_NONE, tag, strlen(tag) + 1), JET_errSuccess);
    /* The checkpoint flushed the log through its redo point. */
    assert_true(log_flushed_lsn(log) >= lsnRedo);
    assert_int_equal(log_term(log), JET_errSuccess);
    return lsnRedo;
}

static void test_log_checkpoint_data_round_trips(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL;
    struct log_state st;
    lsn_t lsnRedo = log_with_checkpoint(&fx->cfg, "attached: a.edb");
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_true(st.lsnCheckpoint == lsnRedo);
    assert_true(log_redo_point(log) == lsnRedo);
    size_t cb = 0;
    const char *pv = log_checkpoint_data(log, &cb);
    assert_int_equal(cb, strlen("attached: a.edb") + 1);
    assert_string_equal(pv, "attached: a.edb");
    /* Recovery reads from the redo point: nothing but the TERM record lies after it. */
    struct test_read tr = test_read_all(log, st.lsnCheckpoint, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, 0);
    assert_int_equal(tr.cOther, 1);
    log_close(log);
}

static void test_log_checkpoint_survives_one_torn_copy(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL;
    struct log_state st;
    uint8_t garbage[200];
    memset(garbage, 0xC3, sizeof garbage);
    lsn_t lsnRedo = log_with_checkpoint(&fx->cfg, "data");
    uint64_t cbChk = test_file_size(fx->vfs, W("/s/edb.chk"));
    assert_true(cbChk >= LOG_CB_CHK_MIN);

    /* Copy 0 (the start of the file) torn: copy 1 answers. */
    void *pvSaved;
    size_t cbSaved;
    assert_int_equal(os_test_read_file(fx->vfs, W("/s/edb.chk"), &pvSaved, &cbSaved), JET_errSuccess);
    test_poke(fx->vfs, W("/s/edb.chk"), 0, garbage, sizeof garbage);
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_true(st.lsnCheckpoint == lsnRedo);
    assert_string_equal(log_checkpoint_data(log, NULL), "data");
    log_close(log);

    /* Copy 1 (the end of the file) torn instead: copy 0 answers. */
    assert_int_equal(os_test_write_file(fx->vfs, W("/s/edb.chk"), pvSaved, cbSaved), JET_errSuccess);
    test_poke(fx->vfs, W("/s/edb.chk"), cbChk - sizeof garbage, garbage, sizeof garbage);
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_true(st.lsnCheckpoint == lsnRedo);
    assert_string_equal(log_checkpoint_data(log, NULL), "data");
    log_close(log);

    /* Both: the checkpoint is lost. */
    test_poke(fx->vfs, W("/s/edb.chk"), 0, garbage, sizeof garbage);
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errCheckpointCorrupt);
    mem_free(pvSaved);
}

/* A crash at every write of a checkpoint, each unsynced write torn: the file always yields the
 * old checkpoint or the new one. */
static void test_log_checkpoint_is_atomic_under_crash_at_every_write(void **state)
{
    struct fx *fx = *state;
    for (uint64_t k = 1; ; k++) {
        struct os_vfs *mem = os_mem_create(), *vfs = os_crash_create(mem, CB_SECTOR);
        struct log_config cfg = test_cfg(vfs, CB_FILE, 8192, CB_SECTOR);
        struct log *log = open_start(&cfg);
        lsn_t lsn, lsnOld = log_redo_point(log);
        assert_int_equal(test_append(log, 1, 3000, &lsn), JET_errSuccess);
        char big[3000];
        memset(big, 'n', sizeof big);
        big[sizeof big - 1] = 0;
        lsn_t lsnNew = log_end_lsn(log);
        os_crash_at_write(vfs, k);
        JET_ERR err = log_checkpoint(log, lsnNew, LSN_NONE, big, sizeof big);
        bool fCrashed = os_crash_has_crashed(vfs);
        if (!fCrashed) assert_int_equal(err, JET_errSuccess);
        log_close(log);
        assert_int_equal(os_crash_simulate(vfs, OS_CRASH_TEAR_ALL, k), JET_errSuccess);

        struct log_state st;
        assert_int_equal(log_open(&cfg, &log, &st), JET_errSuccess);
        if (st.lsnCheckpoint == lsnNew) {
            assert_string_equal(log_checkpoint_data(log, NULL), big);
        } else {
            assert_true(st.lsnCheckpoint == lsnOld);
            assert_true(fCrashed);
            assert_null(log_checkpoint_data(log, NULL));
        }
        log_close(log);
        os_crash_destroy(vfs);
        os_mem_destroy(mem);
        if (!fCrashed) break;
    }
    (void)fx;
}

static void test_log_checkpoint_grows_file_for_large_data(void **state)
{
    struct fx *fx = *state;
    struct log *log = open_start(&fx->cfg);
    struct log_state st;
    static uint8_t big[20000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (uint8_t)(i * 13);
    assert_int_equal(log_checkpoint(log, log_end_lsn(log), LSN_NONE, big, sizeof big), JET_errSuccess);
    assert_true(test_file_size(fx->vfs, W("/s/edb.chk")) >= 2 * sizeof big);
    assert_int_equal(log_checkpoint(log, log_end_lsn(log), LSN_NONE, "small", 6), JET_errSuccess);
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_string_equal(log_checkpoint_data(log, NULL), "small");
    log_close(log);

    log = open_start(&fx->cfg);
    assert_int_equal(log_checkpoint(log, log_end_lsn(log), LSN_NONE, big, sizeof big), JET_errSuccess);
    assert_int_equal(log_term(log), JET_errSuccess);
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    size_t cb;
    const void *pv = log_checkpoint_data(log, &cb);
    assert_int_equal(cb, sizeof big);
    assert_memory_equal(pv, big, sizeof big);
    log_close(log);
}

static void test_log_open_fails_with_bad_checkpoint_signature_when_foreign(void **state)
{
    struct fx *fx = *state;
    struct log_config cfgOther = fx->cfg;
    cfgOther.wszLogPath = cfgOther.wszSystemPath = W("/other");
    log_with_checkpoint(&fx->cfg, "ours");
    log_with_checkpoint(&cfgOther, "theirs");
    void *pv;
    size_t cb;
    assert_int_equal(os_test_read_file(fx->vfs, W("/other/edb.chk"), &pv, &cb), JET_errSuccess);
    assert_int_equal(os_test_write_file(fx->vfs, W("/s/edb.chk"), pv, cb), JET_errSuccess);
    mem_free(pv);
    struct log *log = NULL;
    assert_int_equal(log_open(&fx->cfg, &log, NULL), JET_errBadCheckpointSignature);
}

static void test_log_open_fails_with_checkpoint_corrupt_when_it_points_past_the_end(void **state)
{
    struct fx *fx = *state;
    lsn_t lsnRedo = log_with_checkpoint(&fx->cfg, "x");
    /* Lose the records before the redo point: the log now ends before it. */
    uint8_t garbage[CB_SECTOR];
    memset(garbage, 0x99, sizeof garbage);
    assert_true(lsn_offset(lsnRedo) > CB_SECTOR);
    test_poke(fx->vfs, W("/l/edb.log"), CB_SECTOR, garbage, sizeof garbage);
    struct log *log = NULL;
    assert_int_equal(log_open(&fx->cfg, &log, NULL), JET_errCheckpointCorrupt);
}

static void test_log_checkpoint_rejects_redo_point_past_the_end(void **state)
{
    struct fx *fx = *state;
    struct log *log = open_start(&fx->cfg);
    assert_int_equal(log_checkpoint(log, log_end_lsn(log) + 8, LSN_NONE, NULL, 0), JET_errInvalidParameter);
    assert_int_equal(log_checkpoint(log, LSN_NONE, LSN_NONE, NULL, 0), JET_errInvalidParameter);
    assert_int_equal(log_term(log), JET_errSuccess);
}

static void test_log_redo_point_only_moves_forward(void **state)
{
    struct fx *fx = *state;
    struct log *log = open_start(&fx->cfg);
    lsn_t lsn, lsnStart = log_redo_point(log);
    assert_int_equal(test_append(log, 0, 10, &lsn), JET_errSuccess);
    log_publish_redo_point(log, log_end_lsn(log));
    assert_true(log_redo_point(log) == log_end_lsn(log));
    log_publish_redo_point(log, lsnStart);
    assert_true(log_redo_point(log) == log_end_lsn(log));
    assert_int_equal(log_term(log), JET_errSuccess);
}

/* Generations 1..6 with a record each; the current one is 6. */
static struct log *six_generations(struct log_config *cfg, lsn_t rglsn[7])
{
    struct log *log = open_start(cfg);
    for (uint32_t g = 1; g <= 6; g++) {
        if (g > 1) assert_int_equal(log_new_generation(log), JET_errSuccess);
        assert_int_equal(test_append(log, g, 20, &rglsn[g]), JET_errSuccess);
        assert_int_equal(lsn_generation(rglsn[g]), g);
    }
    return log;
}

static void test_log_circular_deletes_generations_before_redo_and_keep(void **state)
{
    struct fx *fx = *state;
    fx->cfg.fCircular = true;
    lsn_t rglsn[7];
    struct log *log = six_generations(&fx->cfg, rglsn);
    uint32_t genMin, genMax;

    /* Redo in 5, an active transaction from 4: 1..3 go. */
    assert_int_equal(log_checkpoint(log, rglsn[5], rglsn[4], NULL, 0), JET_errSuccess);
    log_generations(log, &genMin, &genMax);
    assert_int_equal(genMin, 4);
    assert_int_equal(genMax, 6);
    assert_false(test_exists(fx->vfs, W("/l/edb00001.log")));
    assert_false(test_exists(fx->vfs, W("/l/edb00003.log")));
    assert_true(test_exists(fx->vfs, W("/l/edb00004.log")));
    /* A reader from the start begins at the oldest generation kept. */
    struct test_read tr = test_read_all(log, LSN_NONE, 0, NULL, NULL);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, 2);    /* records of 4 and 5; 6's is not flushed yet */

    /* Redo at the end of the log, no transaction: everything but the current one goes. */
    assert_int_equal(log_checkpoint(log, log_end_lsn(log), LSN_NONE, NULL, 0), JET_errSuccess);
    log_generations(log, &genMin, &genMax);
    assert_int_equal(genMin, 6);
    assert_false(test_exists(fx->vfs, W("/l/edb00005.log")));
    assert_true(test_exists(fx->vfs, W("/l/edb.log")));
    assert_int_equal(log_term(log), JET_errSuccess);

    struct log_state st;
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_int_equal(st.genMin, 6);
    assert_int_equal(st.genMax, 6);
    log_close(log);
}

static void test_log_keeps_generations_without_circular_logging(void **state)
{
    struct fx *fx = *state;
    lsn_t rglsn[7];
    struct log *log = six_generations(&fx->cfg, rglsn);
    assert_int_equal(log_checkpoint(log, log_end_lsn(log), LSN_NONE, NULL, 0), JET_errSuccess);
    uint32_t genMin, genMax;
    log_generations(log, &genMin, &genMax);
    assert_int_equal(genMin, 1);
    for (uint32_t g = 1; g < 6; g++)
        assert_true(test_exists(fx->vfs, wfmt("/l/edb%05X.log", g)));
    assert_int_equal(log_term(log), JET_errSuccess);
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_log_checkpoint_data_round_trips),
        T(test_log_checkpoint_survives_one_torn_copy),
        T(test_log_checkpoint_is_atomic_under_crash_at_every_write),
        T(test_log_checkpoint_grows_file_for_large_data),
        T(test_log_open_fails_with_bad_checkpoint_signature_when_foreign),
        T(test_log_open_fails_with_checkpoint_corrupt_when_it_points_past_the_end),
        T(test_log_checkpoint_rejects_redo_point_past_the_end),
        T(test_log_redo_point_only_moves_forward),
        T(test_log_circular_deletes_generations_before_redo_and_keep),
        T(test_log_keeps_generations_without_circular_logging),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
