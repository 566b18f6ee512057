/* SPDX-License-Identifier: MIT
 * os/tests/test_path.c: the platform-neutral helpers of the file layer (path normalization,
 * wildcard matching, the share-mode rule) and the errno table. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "os_int.h"
#include "os_tests.h"

static const char *normalized(const char *base, const char *path, char sep)
{
    ESENT_WCHAR *wsz = NULL;
    assert_int_equal(os_path_normalize(base ? wfmt("%s", base) : NULL, wfmt("%s", path), (ESENT_WCHAR)sep, &wsz), JET_errSuccess);
    const char *sz = narrow(wsz);
    mem_free(wsz);
    return sz;
}

static void test_os_path_normalize_folds_dots_and_separators(void **state)
{
    (void)state;
    assert_string_equal(normalized(NULL, "/a/./b//c/", '/'), "/a/b/c");
    assert_string_equal(normalized(NULL, "\\a\\b\\..\\c", '/'), "/a/c");
    assert_string_equal(normalized(NULL, "/a/b", '\\'), "\\a\\b");
    assert_string_equal(normalized(NULL, "/..", '/'), "/");
    assert_string_equal(normalized(NULL, "/a/../../b", '/'), "/b");
    assert_string_equal(normalized(NULL, "/", '/'), "/");
}

static void test_os_path_normalize_resolves_relative_against_base(void **state)
{
    (void)state;
    assert_string_equal(normalized("/home/u", "x.edb", '/'), "/home/u/x.edb");
    assert_string_equal(normalized("/home/u", "../v\\logs/", '/'), "/home/v/logs");
    assert_string_equal(normalized("/home/u", ".", '/'), "/home/u");
    assert_string_equal(normalized("/", "a", '/'), "/a");
}

static void test_os_name_matches_wildcards_case_insensitively(void **state)
{
    (void)state;
    assert_true(os_name_matches(W("edb.log"), W("*.log")));
    assert_true(os_name_matches(W("EDB.LOG"), W("*.log")));
    assert_false(os_name_matches(W("edb.log1"), W("*.log")));   /* no 8.3 quirk */
    assert_true(os_name_matches(W("edb00001.log"), W("edb*.log")));
    assert_false(os_name_matches(W("edb00001.jrs"), W("edb*.log")));
    assert_true(os_name_matches(W("edb.chk"), W("edb.chk")));
    assert_false(os_name_matches(W("edb.chk2"), W("edb.chk")));
    assert_true(os_name_matches(W("noext"), W("*.*")));
    assert_true(os_name_matches(W("anything"), W("*")));
    assert_true(os_name_matches(W("a1b"), W("a?b")));
    assert_false(os_name_matches(W("ab"), W("a?b")));
    assert_true(os_name_matches(W("aaab"), W("*ab")));          /* needs backtracking */
    assert_true(os_name_matches(W("x.log.log"), W("*.log")));
}

/* Windows' rule, written the long way: compatible iff each side's access is within the other's
 * share mode. Access: 1 read, 2 write. */
static bool windows_allows(unsigned flagsOld, unsigned flagsNew)
{
    unsigned accOld = 1 | ((flagsOld & OS_OPEN_READONLY) ? 0 : 2), accNew = 1 | ((flagsNew & OS_OPEN_READONLY) ? 0 : 2);
    unsigned shareOld = (flagsOld & OS_OPEN_EXCLUSIVE) ? 0 : (flagsOld & OS_OPEN_SHARE_READ) ? 1 : 3;
    unsigned shareNew = (flagsNew & OS_OPEN_EXCLUSIVE) ? 0 : (flagsNew & OS_OPEN_SHARE_READ) ? 1 : 3;
    return (accNew & ~shareOld) == 0 && (accOld & ~shareNew) == 0;
}

static void test_os_share_allows_matches_windows_for_every_pair(void **state)
{
    (void)state;
    static const unsigned modes[] = {
        0, OS_OPEN_READONLY, OS_OPEN_SHARE_READ, OS_OPEN_READONLY | OS_OPEN_SHARE_READ,
        OS_OPEN_EXCLUSIVE, OS_OPEN_READONLY | OS_OPEN_EXCLUSIVE,
    };
    for (size_t i = 0; i < ARRAY_SIZE(modes); i++) {
        for (size_t j = 0; j < ARRAY_SIZE(modes); j++) {
            struct os_share_count sc = { 0 };
            os_share_add(&sc, modes[i], +1);
            assert_int_equal(os_share_allows(&sc, modes[j]), windows_allows(modes[i], modes[j]));
            os_share_add(&sc, modes[i], -1);
            assert_true(os_share_allows(&sc, modes[j]));
        }
    }
}

static void test_os_err_from_errno_follows_ese_mapping(void **state)
{
    (void)state;
    assert_int_equal(os_err_from_errno(0), JET_errSuccess);
    assert_int_equal(os_err_from_errno(ENOSPC), JET_errDiskFull);
    assert_int_equal(os_err_from_errno(EDQUOT), JET_errDiskFull);
    assert_int_equal(os_err_from_errno(EACCES), JET_errFileAccessDenied);
    assert_int_equal(os_err_from_errno(EPERM), JET_errFileAccessDenied);
    assert_int_equal(os_err_from_errno(EROFS), JET_errFileAccessDenied);
    assert_int_equal(os_err_from_errno(EWOULDBLOCK), JET_errFileAccessDenied);
    assert_int_equal(os_err_from_errno(ENOENT), JET_errFileNotFound);
    assert_int_equal(os_err_from_errno(ENOTDIR), JET_errInvalidPath);
    assert_int_equal(os_err_from_errno(ENAMETOOLONG), JET_errInvalidPath);
    assert_int_equal(os_err_from_errno(EEXIST), JET_errFileAlreadyExists);
    assert_int_equal(os_err_from_errno(EMFILE), JET_errOutOfFileHandles);
    assert_int_equal(os_err_from_errno(ENOMEM), JET_errOutOfMemory);
    assert_int_equal(os_err_from_errno(EIO), JET_errDiskIO);
    assert_int_equal(os_err_from_errno(EXDEV), JET_errDiskIO);   /* unexpected: the default */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_os_path_normalize_folds_dots_and_separators),
        cmocka_unit_test(test_os_path_normalize_resolves_relative_against_base),
        cmocka_unit_test(test_os_name_matches_wildcards_case_insensitively),
        cmocka_unit_test(test_os_share_allows_matches_windows_for_every_pair),
        cmocka_unit_test(test_os_err_from_errno_follows_ese_mapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
