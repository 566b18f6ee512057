/* SPDX-License-Identifier: MIT
 * log/tests/test_fs.c: the log on the real file system, in a fresh folder under
 * $ESENT_TEST_TMP: names on disk, sizes, generations, reopening, circular logging. */
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log_tests.h"

#define CB_FILE (128 * 1024)

struct fx { char szDir[512]; struct log_config cfg; };

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    const char *szBase = getenv("ESENT_TEST_TMP");
    char szTemplate[512];
    if (!szBase || !szBase[0]) szBase = "/tmp";
    mkdir(szBase, 0777);
    snprintf(szTemplate, sizeof szTemplate, "%s/log_fs_XXXXXX", szBase);
    if (!mkdtemp(szTemplate) || !realpath(szTemplate, fx->szDir)) {
        free(fx);
        return -1;
    }
    fx->cfg = test_cfg(os_vfs_default(), CB_FILE, 16 * 1024, 0);   /* default 4 KiB sectors */
    static ESENT_WCHAR wszLog[600], wszSys[600];
    size_t cch;
    char sz[600];
    snprintf(sz, sizeof sz, "%s/logs/", fx->szDir);
    utf8_to_utf16(sz, wszLog, 600, &cch);
    snprintf(sz, sizeof sz, "%s/sys", fx->szDir);
    utf8_to_utf16(sz, wszSys, 600, &cch);
    fx->cfg.wszLogPath = wszLog;
    fx->cfg.wszSystemPath = wszSys;
    *state = fx;
    return 0;
}

static int rm_entry(const char *sz, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st; (void)type; (void)ftw;
    return remove(sz);
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    nftw(fx->szDir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

static off_t size_of(struct fx *fx, const char *szRel)
{
    char sz[700];
    struct stat st;
    snprintf(sz, sizeof sz, "%s/%s", fx->szDir, szRel);
    return stat(sz, &st) == 0 ? st.st_size : -1;
}

static void test_log_on_real_files_round_trips_across_generations(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL;
    struct log_state st;
    enum { N = 400 };
    uint32_t rgcb[N];
    lsn_t rglsn[N];

    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_false(st.fExisting);
    assert_int_equal(log_start(log), JET_errSuccess);
    for (uint32_t i = 0; i < N; i++) {
        rgcb[i] = test_rec_cb(i, 2000);
        assert_int_equal(test_append(log, i, rgcb[i], &rglsn[i]), JET_errSuccess);
        if (i % 10 == 9) assert_int_equal(log_flush(log, rglsn[i]), JET_errSuccess);
    }
    uint32_t genLast = lsn_generation(rglsn[N - 1]);
    assert_true(genLast >= 3);
    assert_int_equal(log_term(log), JET_errSuccess);

    /* ESENT's names, every log file at JET_paramLogFileSize, the checkpoint in the system path. */
    assert_int_equal(size_of(fx, "logs/edb.log"), CB_FILE);
    assert_int_equal(size_of(fx, "logs/edb00001.log"), CB_FILE);
    assert_int_equal(size_of(fx, "logs/edb00002.log"), CB_FILE);
    assert_int_equal(size_of(fx, "logs/edbres00001.jrs"), CB_FILE);
    assert_int_equal(size_of(fx, "logs/edbres00002.jrs"), CB_FILE);
    assert_true(size_of(fx, "sys/edb.chk") >= (off_t)LOG_CB_CHK_MIN);
    assert_int_equal(size_of(fx, "logs/edbtmp.log"), -1);
    assert_int_equal(size_of(fx, "sys/edbtmp.chk"), -1);

    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_true(st.fCleanEnd);
    assert_int_equal(st.genMax, genLast);
    struct test_read tr = test_read_all(log, LSN_NONE, 0, rgcb, rglsn);
    assert_int_equal(tr.errEnd, 1);
    assert_int_equal(tr.c, N);
    log_close(log);
}

static void test_log_on_real_files_deletes_old_generations_when_circular(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL;
    lsn_t lsn;
    fx->cfg.fCircular = true;
    assert_int_equal(log_open(&fx->cfg, &log, NULL), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errSuccess);
    for (int g = 0; g < 4; g++) {
        assert_int_equal(test_append(log, (uint32_t)g, 100, &lsn), JET_errSuccess);
        assert_int_equal(log_new_generation(log), JET_errSuccess);
    }
    assert_true(size_of(fx, "logs/edb00004.log") > 0);
    assert_int_equal(log_checkpoint(log, log_end_lsn(log), LSN_NONE, "c", 2), JET_errSuccess);
    for (int g = 1; g <= 4; g++) {
        char sz[64];
        snprintf(sz, sizeof sz, "logs/edb%05X.log", g);
        assert_int_equal(size_of(fx, sz), -1);
    }
    assert_int_equal(log_term(log), JET_errSuccess);
    struct log_state st;
    assert_int_equal(log_open(&fx->cfg, &log, &st), JET_errSuccess);
    assert_int_equal(st.genMin, 5);
    assert_string_equal(log_checkpoint_data(log, NULL), "c");
    log_close(log);
}

static void test_log_on_real_files_refuses_a_second_writer(void **state)
{
    struct fx *fx = *state;
    struct log *log = NULL, *log2 = NULL;
    assert_int_equal(log_open(&fx->cfg, &log, NULL), JET_errSuccess);
    assert_int_equal(log_start(log), JET_errSuccess);
    /* The current log file is held exclusively: a second instance on the same folder fails. */
    assert_int_equal(log_open(&fx->cfg, &log2, NULL), JET_errFileAccessDenied);
    assert_null(log2);
    assert_int_equal(log_term(log), JET_errSuccess);
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_log_on_real_files_round_trips_across_generations),
        T(test_log_on_real_files_deletes_old_generations_when_circular),
        T(test_log_on_real_files_refuses_a_second_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
