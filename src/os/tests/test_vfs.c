/* SPDX-License-Identifier: MIT
 * os/tests/test_vfs.c: the os_vfs contract (os.h), run twice: against the real file system of
 * the host (in a fresh directory under $ESENT_TEST_TMP) and against os_mem. The same
 * expectations for both is the point: os_mem must fail where the real one fails.
 * A last group holds what only the real one can show (another process, permissions). */
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <setjmp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "os_test.h"
#include "os_int.h"
#include "os_tests.h"

struct fx {
    struct os_vfs *vfs;
    char szDir[512];    /* absolute, no trailing separator; every test works inside it */
    bool fMem;
};

/* Path of name inside the test directory, in UTF-16 (ring buffer of wfmt). */
static const ESENT_WCHAR *P(struct fx *fx, const char *name)
{
    return wfmt("%s/%s", fx->szDir, name);
}

static int setup_posix(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    const char *szBase = getenv("ESENT_TEST_TMP");
    char szTemplate[512];
    if (!fx) return -1;
    if (!szBase || !szBase[0]) szBase = "/tmp";
    mkdir(szBase, 0777);
    snprintf(szTemplate, sizeof szTemplate, "%s/os_vfs_XXXXXX", szBase);
    if (!mkdtemp(szTemplate) || !realpath(szTemplate, fx->szDir)) {
        free(fx);
        return -1;
    }
    fx->vfs = os_vfs_default();
    *state = fx;
    return 0;
}

static int rm_entry(const char *sz, const struct stat *st, int type, struct FTW *ftw)
{
    chmod(sz, 0700);
    return remove(sz);
}

static int teardown_posix(void **state)
{
    struct fx *fx = *state;
    nftw(fx->szDir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

static int setup_mem(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    if (!fx) return -1;
    fx->vfs = os_mem_create();
    fx->fMem = true;
    snprintf(fx->szDir, sizeof fx->szDir, "/t");
    if (!fx->vfs || fx->vfs->ops->mkdir(fx->vfs, W("/t")) != JET_errSuccess) return -1;
    *state = fx;
    return 0;
}

static int teardown_mem(void **state)
{
    struct fx *fx = *state;
    os_mem_destroy(fx->vfs);
    free(fx);
    return 0;
}

static void put(struct fx *fx, const char *name, const char *sz)
{
    assert_int_equal(os_test_write_file(fx->vfs, P(fx, name), sz, strlen(sz)), JET_errSuccess);
}

static JET_ERR try_open(struct fx *fx, const char *name, unsigned flags)
{
    struct os_file *f = NULL;
    JET_ERR err = os_file_open(fx->vfs, P(fx, name), flags, &f);
    assert_true(err < 0 ? f == NULL : f != NULL);
    os_file_close(f);
    return err;
}

static struct os_file *must_open(struct fx *fx, const char *name, unsigned flags)
{
    struct os_file *f = NULL;
    assert_int_equal(os_file_open(fx->vfs, P(fx, name), flags, &f), JET_errSuccess);
    return f;
}

static uint64_t size_of(struct os_file *f)
{
    uint64_t cb = 0xcccccccc;
    assert_int_equal(os_file_size(f, &cb), JET_errSuccess);
    return cb;
}

/* ---- open ------------------------------------------------------------------------------------ */

static void test_vfs_open_fails_with_file_not_found_when_missing(void **state)
{
    assert_int_equal(try_open(*state, "nothing.edb", 0), JET_errFileNotFound);
    assert_int_equal(try_open(*state, "nothing.edb", OS_OPEN_READONLY), JET_errFileNotFound);
}

static void test_vfs_open_fails_with_invalid_path_when_directory_missing(void **state)
{
    assert_int_equal(try_open(*state, "nodir/x.edb", 0), JET_errInvalidPath);
    assert_int_equal(try_open(*state, "nodir/x.edb", OS_OPEN_CREATE), JET_errInvalidPath);
}

static void test_vfs_open_create_new_fails_when_file_exists(void **state)
{
    struct fx *fx = *state;
    assert_int_equal(try_open(fx, "a.edb", OS_OPEN_CREATE_NEW), JET_errSuccess);
    assert_int_equal(try_open(fx, "a.edb", OS_OPEN_CREATE_NEW), JET_errFileAlreadyExists);
    assert_int_equal(try_open(fx, "a.edb", OS_OPEN_CREATE), JET_errSuccess);
}

static void test_vfs_open_truncate_empties_file(void **state)
{
    struct fx *fx = *state;
    put(fx, "a.log", "hello");
    struct os_file *f = must_open(fx, "a.log", 0);
    assert_int_equal(size_of(f), 5);
    os_file_close(f);
    f = must_open(fx, "a.log", OS_OPEN_TRUNCATE);
    assert_int_equal(size_of(f), 0);
    os_file_close(f);
}

static void test_vfs_open_rejects_readonly_with_truncate(void **state)
{
    struct fx *fx = *state;
    put(fx, "a.log", "hello");
    assert_int_equal(try_open(fx, "a.log", OS_OPEN_READONLY | OS_OPEN_TRUNCATE), JET_errInvalidParameter);
}

static void test_vfs_open_fails_with_access_denied_on_directory(void **state)
{
    struct fx *fx = *state;
    assert_int_equal(fx->vfs->ops->mkdir(fx->vfs, P(fx, "sub")), JET_errSuccess);
    assert_int_equal(try_open(fx, "sub", 0), JET_errFileAccessDenied);
    assert_int_equal(try_open(fx, "sub", OS_OPEN_READONLY), JET_errFileAccessDenied);
}

static void test_vfs_open_accepts_both_separators(void **state)
{
    struct fx *fx = *state;
    assert_int_equal(fx->vfs->ops->mkdir(fx->vfs, wfmt("%s\\sub", fx->szDir)), JET_errSuccess);
    struct os_file *f = NULL;
    assert_int_equal(os_file_open(fx->vfs, wfmt("%s\\sub\\x.edb", fx->szDir), OS_OPEN_CREATE, &f), JET_errSuccess);
    assert_int_equal(os_file_write(f, 0, "abc", 3), JET_errSuccess);
    os_file_close(f);
    f = must_open(fx, "sub/x.edb", OS_OPEN_READONLY);
    assert_int_equal(size_of(f), 3);
    os_file_close(f);
}

/* ---- read, write, size ---------------------------------------------------------------------- */

static void test_vfs_write_then_read_round_trips(void **state)
{
    struct fx *fx = *state;
    uint8_t rgb[8192], rgbBack[8192];
    for (size_t i = 0; i < sizeof rgb; i++) rgb[i] = (uint8_t)(i * 7 + 3);
    struct os_file *f = must_open(fx, "a.edb", OS_OPEN_CREATE | OS_OPEN_EXCLUSIVE);
    assert_int_equal(os_file_write(f, 4096, rgb, sizeof rgb), JET_errSuccess);
    assert_int_equal(os_file_sync(f), JET_errSuccess);
    assert_int_equal(size_of(f), 4096 + sizeof rgb);
    assert_int_equal(os_file_read(f, 4096, rgbBack, sizeof rgbBack), JET_errSuccess);
    assert_memory_equal(rgb, rgbBack, sizeof rgb);
    /* the gap before the write reads as zeros */
    memset(rgbBack, 0xcc, 4096);
    assert_int_equal(os_file_read(f, 0, rgbBack, 4096), JET_errSuccess);
    for (size_t i = 0; i < 4096; i++) assert_int_equal(rgbBack[i], 0);
    os_file_close(f);
}

static void test_vfs_read_fails_with_beyond_eof_past_end(void **state)
{
    struct fx *fx = *state;
    char rgb[16];
    put(fx, "a.edb", "0123456789");
    struct os_file *f = must_open(fx, "a.edb", OS_OPEN_READONLY);
    memset(rgb, 'x', sizeof rgb);
    assert_int_equal(os_file_read(f, 100, rgb, 4), JET_errFileIOBeyondEOF);
    assert_int_equal(os_file_read(f, 10, rgb, 1), JET_errFileIOBeyondEOF);
    memset(rgb, 'x', sizeof rgb);
    assert_int_equal(os_file_read(f, 6, rgb, 8), JET_errFileIOBeyondEOF);
    assert_memory_equal(rgb, "6789\0\0\0\0", 8);   /* what exists, then zeros */
    assert_int_equal(os_file_read(f, 6, rgb, 4), JET_errSuccess);
    os_file_close(f);
}

static void test_vfs_write_fails_with_access_denied_when_readonly(void **state)
{
    struct fx *fx = *state;
    put(fx, "a.edb", "0123456789");
    struct os_file *f = must_open(fx, "a.edb", OS_OPEN_READONLY);
    assert_int_equal(os_file_write(f, 0, "x", 1), JET_errFileAccessDenied);
    assert_int_equal(os_file_set_size(f, 2), JET_errFileAccessDenied);
    assert_int_equal(os_file_sync(f), JET_errSuccess);
    assert_int_equal(size_of(f), 10);
    os_file_close(f);
}

static void test_vfs_set_size_grows_with_zeros_and_shrinks(void **state)
{
    struct fx *fx = *state;
    uint8_t rgb[100];
    struct os_file *f = must_open(fx, "a.edb", OS_OPEN_CREATE);
    assert_int_equal(os_file_write(f, 0, "abcdef", 6), JET_errSuccess);
    assert_int_equal(os_file_set_size(f, 3), JET_errSuccess);
    assert_int_equal(size_of(f), 3);
    assert_int_equal(os_file_set_size(f, 100), JET_errSuccess);
    assert_int_equal(size_of(f), 100);
    memset(rgb, 0xcc, sizeof rgb);
    assert_int_equal(os_file_read(f, 0, rgb, sizeof rgb), JET_errSuccess);
    assert_memory_equal(rgb, "abc", 3);
    for (size_t i = 3; i < sizeof rgb; i++) assert_int_equal(rgb[i], 0);
    assert_int_equal(os_file_set_size(f, 100), JET_errSuccess);
    assert_int_equal(os_file_set_size(f, 0), JET_errSuccess);
    assert_int_equal(size_of(f), 0);
    os_file_close(f);
}

/* ---- sharing -------------------------------------------------------------------------------- */

static void test_vfs_exclusive_open_keeps_every_other_opener_out(void **state)
{
    struct fx *fx = *state;
    put(fx, "db.edb", "x");
    struct os_file *f = must_open(fx, "db.edb", OS_OPEN_EXCLUSIVE);
    assert_int_equal(try_open(fx, "db.edb", 0), JET_errFileAccessDenied);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_READONLY), JET_errFileAccessDenied);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_READONLY | OS_OPEN_SHARE_READ), JET_errFileAccessDenied);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_EXCLUSIVE), JET_errFileAccessDenied);
    os_file_close(f);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_EXCLUSIVE), JET_errSuccess);
}

static void test_vfs_exclusive_open_fails_when_file_is_open(void **state)
{
    struct fx *fx = *state;
    put(fx, "db.edb", "x");
    struct os_file *f = must_open(fx, "db.edb", OS_OPEN_READONLY);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_EXCLUSIVE), JET_errFileAccessDenied);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_EXCLUSIVE | OS_OPEN_READONLY), JET_errFileAccessDenied);
    os_file_close(f);
}

static void test_vfs_share_read_lets_readers_in_and_keeps_writers_out(void **state)
{
    struct fx *fx = *state;
    put(fx, "db.edb", "x");
    struct os_file *f1 = must_open(fx, "db.edb", OS_OPEN_READONLY | OS_OPEN_SHARE_READ);
    struct os_file *f2 = must_open(fx, "db.edb", OS_OPEN_READONLY | OS_OPEN_SHARE_READ);
    struct os_file *f3 = must_open(fx, "db.edb", OS_OPEN_READONLY);
    assert_int_equal(try_open(fx, "db.edb", 0), JET_errFileAccessDenied);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_SHARE_READ), JET_errFileAccessDenied);
    os_file_close(f1);
    os_file_close(f2);
    /* f3 shares read and write, but f1/f2 are gone: now a writer may come */
    assert_int_equal(try_open(fx, "db.edb", 0), JET_errSuccess);
    os_file_close(f3);
}

static void test_vfs_share_read_fails_when_a_writer_has_the_file(void **state)
{
    struct fx *fx = *state;
    put(fx, "db.edb", "x");
    struct os_file *f = must_open(fx, "db.edb", 0);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_READONLY | OS_OPEN_SHARE_READ), JET_errFileAccessDenied);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_READONLY), JET_errSuccess);
    assert_int_equal(try_open(fx, "db.edb", 0), JET_errSuccess);
    os_file_close(f);
}

static void test_vfs_writer_with_share_read_admits_readers_sharing_write(void **state)
{
    struct fx *fx = *state;
    put(fx, "db.edb", "x");
    struct os_file *f = must_open(fx, "db.edb", OS_OPEN_SHARE_READ);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_READONLY), JET_errSuccess);
    assert_int_equal(try_open(fx, "db.edb", OS_OPEN_READONLY | OS_OPEN_SHARE_READ), JET_errFileAccessDenied);
    assert_int_equal(try_open(fx, "db.edb", 0), JET_errFileAccessDenied);
    os_file_close(f);
}

/* ---- the name space ------------------------------------------------------------------------- */

static void test_vfs_remove_deletes_file_and_reports_missing(void **state)
{
    struct fx *fx = *state;
    bool fExists = true;
    put(fx, "a.log", "x");
    assert_int_equal(fx->vfs->ops->remove(fx->vfs, P(fx, "a.log")), JET_errSuccess);
    assert_int_equal(fx->vfs->ops->exists(fx->vfs, P(fx, "a.log"), &fExists, NULL), JET_errSuccess);
    assert_false(fExists);
    assert_int_equal(fx->vfs->ops->remove(fx->vfs, P(fx, "a.log")), JET_errFileNotFound);
    assert_int_equal(fx->vfs->ops->remove(fx->vfs, P(fx, "nodir/a.log")), JET_errInvalidPath);
}

static void test_vfs_remove_fails_with_access_denied_when_open(void **state)
{
    struct fx *fx = *state;
    put(fx, "a.log", "x");
    struct os_file *f = must_open(fx, "a.log", OS_OPEN_READONLY);
    assert_int_equal(fx->vfs->ops->remove(fx->vfs, P(fx, "a.log")), JET_errFileAccessDenied);
    os_file_close(f);
    assert_int_equal(fx->vfs->ops->remove(fx->vfs, P(fx, "a.log")), JET_errSuccess);
}

static void test_vfs_remove_deletes_empty_directory(void **state)
{
    struct fx *fx = *state;
    bool fExists = true;
    assert_int_equal(fx->vfs->ops->mkdir(fx->vfs, P(fx, "sub")), JET_errSuccess);
    assert_int_equal(fx->vfs->ops->remove(fx->vfs, P(fx, "sub")), JET_errSuccess);
    assert_int_equal(fx->vfs->ops->exists(fx->vfs, P(fx, "sub"), &fExists, NULL), JET_errSuccess);
    assert_false(fExists);
}

static void test_vfs_exists_tells_files_from_directories(void **state)
{
    struct fx *fx = *state;
    bool fExists, fIsDir;
    put(fx, "a.log", "x");
    assert_int_equal(fx->vfs->ops->mkdir(fx->vfs, P(fx, "sub")), JET_errSuccess);
    assert_int_equal(fx->vfs->ops->exists(fx->vfs, P(fx, "a.log"), &fExists, &fIsDir), JET_errSuccess);
    assert_true(fExists);
    assert_false(fIsDir);
    assert_int_equal(fx->vfs->ops->exists(fx->vfs, P(fx, "sub"), &fExists, &fIsDir), JET_errSuccess);
    assert_true(fExists);
    assert_true(fIsDir);
    assert_int_equal(fx->vfs->ops->exists(fx->vfs, P(fx, "nodir/x"), &fExists, &fIsDir), JET_errSuccess);
    assert_false(fExists);
    assert_false(fIsDir);
}

static void test_vfs_mkdir_succeeds_when_directory_exists(void **state)
{
    struct fx *fx = *state;
    assert_int_equal(fx->vfs->ops->mkdir(fx->vfs, P(fx, "sub")), JET_errSuccess);
    assert_int_equal(fx->vfs->ops->mkdir(fx->vfs, P(fx, "sub")), JET_errSuccess);
    put(fx, "file", "x");
    assert_int_equal(fx->vfs->ops->mkdir(fx->vfs, P(fx, "file")), JET_errFileAlreadyExists);
    assert_int_equal(fx->vfs->ops->mkdir(fx->vfs, P(fx, "a/b")), JET_errInvalidPath);
}

static void test_vfs_rename_moves_and_replaces(void **state)
{
    struct fx *fx = *state;
    void *pv;
    size_t cb;
    put(fx, "a", "first");
    put(fx, "b", "second");
    assert_int_equal(fx->vfs->ops->rename(fx->vfs, P(fx, "a"), P(fx, "b")), JET_errSuccess);
    assert_int_equal(os_test_read_file(fx->vfs, P(fx, "b"), &pv, &cb), JET_errSuccess);
    assert_int_equal(cb, 5);
    assert_memory_equal(pv, "first", 5);
    mem_free(pv);
    assert_int_equal(try_open(fx, "a", 0), JET_errFileNotFound);
    assert_int_equal(fx->vfs->ops->rename(fx->vfs, P(fx, "a"), P(fx, "c")), JET_errFileNotFound);
}

static void test_vfs_rename_fails_with_access_denied_when_open(void **state)
{
    struct fx *fx = *state;
    put(fx, "a", "first");
    put(fx, "b", "second");
    struct os_file *f = must_open(fx, "a", OS_OPEN_READONLY);
    assert_int_equal(fx->vfs->ops->rename(fx->vfs, P(fx, "a"), P(fx, "c")), JET_errFileAccessDenied);
    os_file_close(f);
    f = must_open(fx, "b", OS_OPEN_READONLY);
    assert_int_equal(fx->vfs->ops->rename(fx->vfs, P(fx, "a"), P(fx, "b")), JET_errFileAccessDenied);
    os_file_close(f);
}

struct listing { char sz[512]; int cStopAfter; int c; };

static JET_ERR collect(void *ctx, const ESENT_WCHAR *name)
{
    struct listing *l = ctx;
    if (l->sz[0]) strcat(l->sz, ",");
    strcat(l->sz, narrow(name));
    return ++l->c == l->cStopAfter ? 42 : JET_errSuccess;
}

static void test_vfs_list_matches_wildcard_in_sorted_order(void **state)
{
    struct fx *fx = *state;
    struct listing l = { "", 0, 0 };
    put(fx, "edb00002.log", "x");
    put(fx, "edb.chk", "x");
    put(fx, "EDB00001.log", "x");
    put(fx, "edb.log", "x");
    put(fx, "edb.jrs", "x");
    assert_int_equal(fx->vfs->ops->mkdir(fx->vfs, P(fx, "dir.log")), JET_errSuccess);
    assert_int_equal(fx->vfs->ops->list(fx->vfs, wfmt("%s", fx->szDir), W("edb*.log"), collect, &l), JET_errSuccess);
    assert_string_equal(l.sz, "edb.log,EDB00001.log,edb00002.log");   /* '.' sorts before '0' */
    memset(&l, 0, sizeof l);
    assert_int_equal(fx->vfs->ops->list(fx->vfs, wfmt("%s", fx->szDir), W("*.log"), collect, &l), JET_errSuccess);
    assert_string_equal(l.sz, "dir.log,edb.log,EDB00001.log,edb00002.log");
    memset(&l, 0, sizeof l);
    assert_int_equal(fx->vfs->ops->list(fx->vfs, wfmt("%s", fx->szDir), W("*.xyz"), collect, &l), JET_errSuccess);
    assert_int_equal(l.c, 0);
}

static void test_vfs_list_stops_with_callback_value(void **state)
{
    struct fx *fx = *state;
    struct listing l = { "", 2, 0 };
    put(fx, "a", "x");
    put(fx, "b", "x");
    put(fx, "c", "x");
    assert_int_equal(fx->vfs->ops->list(fx->vfs, wfmt("%s", fx->szDir), W("*"), collect, &l), 42);
    assert_string_equal(l.sz, "a,b");
}

static void test_vfs_list_fails_with_invalid_path_when_directory_missing(void **state)
{
    struct fx *fx = *state;
    struct listing l = { "", 0, 0 };
    assert_int_equal(fx->vfs->ops->list(fx->vfs, P(fx, "nodir"), W("*"), collect, &l), JET_errInvalidPath);
    assert_int_equal(l.c, 0);
}

static void test_vfs_full_path_normalizes(void **state)
{
    struct fx *fx = *state;
    ESENT_WCHAR *wsz = NULL;
    assert_int_equal(fx->vfs->ops->full_path(fx->vfs, wfmt("%s/a/../b/./c\\d", fx->szDir), &wsz), JET_errSuccess);
    char szWant[600];
    snprintf(szWant, sizeof szWant, "%s/b/c/d", fx->szDir);
    assert_string_equal(narrow(wsz), szWant);
    mem_free(wsz);
    /* relative paths become absolute */
    assert_int_equal(fx->vfs->ops->full_path(fx->vfs, W("x.edb"), &wsz), JET_errSuccess);
    assert_true(os_is_sep(wsz[0]));
    assert_int_equal(wsz[wstr_len(wsz) - 1], 'b');
    mem_free(wsz);
}

static void test_vfs_free_space_is_reported(void **state)
{
    struct fx *fx = *state;
    uint64_t cb = 0;
    assert_int_equal(fx->vfs->ops->free_space(fx->vfs, P(fx, "not-yet.edb"), &cb), JET_errSuccess);
    assert_true(cb > 0);
}

/* ---- the real file system only -------------------------------------------------------------- */

/* Open file description locks are per open(), so another process is refused like a second
 * open in this one. */
static void test_vfs_exclusive_open_is_seen_by_another_process(void **state)
{
    struct fx *fx = *state;
    put(fx, "db.edb", "x");
    struct os_file *f = must_open(fx, "db.edb", OS_OPEN_EXCLUSIVE);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct os_file *f2 = NULL;
        JET_ERR err = os_file_open(fx->vfs, P(fx, "db.edb"), OS_OPEN_READONLY | OS_OPEN_SHARE_READ, &f2);
        _exit(err == JET_errFileAccessDenied ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    os_file_close(f);
}

static void test_vfs_open_fails_with_access_denied_without_permission(void **state)
{
    struct fx *fx = *state;
    char sz[600];
    put(fx, "locked.edb", "x");
    snprintf(sz, sizeof sz, "%s/locked.edb", fx->szDir);
    assert_int_equal(chmod(sz, 0), 0);
    if (geteuid() != 0) {
        assert_int_equal(try_open(fx, "locked.edb", OS_OPEN_READONLY), JET_errFileAccessDenied);
        return;
    }
    /* root reads anything: try as nobody, in a child process */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct os_file *f = NULL;
        if (setgid(65534) != 0 || setuid(65534) != 0) _exit(2);
        JET_ERR err = os_file_open(fx->vfs, P(fx, "locked.edb"), OS_OPEN_READONLY, &f);
        _exit(err == JET_errFileAccessDenied ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

#define CONTRACT(X) \
    X(test_vfs_open_fails_with_file_not_found_when_missing) \
    X(test_vfs_open_fails_with_invalid_path_when_directory_missing) \
    X(test_vfs_open_create_new_fails_when_file_exists) \
    X(test_vfs_open_truncate_empties_file) \
    X(test_vfs_open_rejects_readonly_with_truncate) \
    X(test_vfs_open_fails_with_access_denied_on_directory) \
    X(test_vfs_open_accepts_both_separators) \
    X(test_vfs_write_then_read_round_trips) \
    X(test_vfs_read_fails_with_beyond_eof_past_end) \
    X(test_vfs_write_fails_with_access_denied_when_readonly) \
    X(test_vfs_set_size_grows_with_zeros_and_shrinks) \
    X(test_vfs_exclusive_open_keeps_every_other_opener_out) \
    X(test_vfs_exclusive_open_fails_when_file_is_open) \
    X(test_vfs_share_read_lets_readers_in_and_keeps_writers_out) \
    X(test_vfs_share_read_fails_when_a_writer_has_the_file) \
    X(test_vfs_writer_with_share_read_admits_readers_sharing_write) \
    X(test_vfs_remove_deletes_file_and_reports_missing) \
    X(test_vfs_remove_fails_with_access_denied_when_open) \
    X(test_vfs_remove_deletes_empty_directory) \
    X(test_vfs_exists_tells_files_from_directories) \
    X(test_vfs_mkdir_succeeds_when_directory_exists) \
    X(test_vfs_rename_moves_and_replaces) \
    X(test_vfs_rename_fails_with_access_denied_when_open) \
    X(test_vfs_list_matches_wildcard_in_sorted_order) \
    X(test_vfs_list_stops_with_callback_value) \
    X(test_vfs_list_fails_with_invalid_path_when_directory_missing) \
    X(test_vfs_full_path_normalizes) \
    X(test_vfs_free_space_is_reported) \

#define ON_POSIX(t) cmocka_unit_test_setup_teardown(t, setup_posix, teardown_posix),
#define ON_MEM(t)   cmocka_unit_test_setup_teardown(t, setup_mem, teardown_mem),

int main(void)
{
    const struct CMUnitTest posix[] = {
        CONTRACT(ON_POSIX)
        ON_POSIX(test_vfs_exclusive_open_is_seen_by_another_process)
        ON_POSIX(test_vfs_open_fails_with_access_denied_without_permission)
    };
    const struct CMUnitTest mem[] = { CONTRACT(ON_MEM) };
    int cFailed = cmocka_run_group_tests_name("vfs_posix", posix, NULL, NULL);
    cFailed += cmocka_run_group_tests_name("vfs_mem", mem, NULL, NULL);
    return cFailed;
}
