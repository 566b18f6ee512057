/* SPDX-License-Identifier: MIT
 * base/tests/test_err_table.c: the error table against esent.h and the engine's categories.
 * The list of codes to check is read from include/esent.h itself when the test runs, so a code
 * added to the header without a table entry fails here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base.h"
#include "err_table.h"

struct hdr_code {
    char name[96];
    char value[96];     /* a number, or the name of another code (an alias) */
};

struct hdr_codes {
    struct hdr_code *v;
    size_t n;
};

/* include/esent.h, found from this file's path (the build passes absolute source paths). */
static FILE *open_header(void)
{
    char path[4096];
    const char *tail = "src/base/tests/test_err_table.c";
    size_t cchFile = strlen(__FILE__), cchTail = strlen(tail);
    if (cchFile < cchTail || strcmp(__FILE__ + cchFile - cchTail, tail) != 0
            || cchFile - cchTail + sizeof "include/esent.h" > sizeof path)
        return NULL;
    memcpy(path, __FILE__, cchFile - cchTail);
    strcpy(path + (cchFile - cchTail), "include/esent.h");
    return fopen(path, "r");
}

/* Every "#define JET_err... <value>" and "#define JET_wrn... <value>" line of the header. */
static struct hdr_codes read_header_codes(void)
{
    struct hdr_codes codes = { NULL, 0 };
    char line[512];
    FILE *f = open_header();
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        struct hdr_code c;
        if (sscanf(line, "#define %95s %95s", c.name, c.value) != 2)
            continue;
        if (strncmp(c.name, "JET_err", 7) != 0 && strncmp(c.name, "JET_wrn", 7) != 0)
            continue;
        codes.v = realloc(codes.v, (codes.n + 1) * sizeof *codes.v);
        assert_non_null(codes.v);
        codes.v[codes.n++] = c;
    }
    fclose(f);
    return codes;
}

static const struct hdr_code *find_code(const struct hdr_codes *codes, const char *name)
{
    for (size_t i = 0; i < codes->n; i++)
        if (strcmp(codes->v[i].name, name) == 0)
            return &codes->v[i];
    return NULL;
}

/* The value of a code, following aliases; *pszPrimary gets the name that owns the number. */
static JET_ERR code_value(const struct hdr_codes *codes, const struct hdr_code *c, const char **pszPrimary)
{
    for (int depth = 0; depth < 4; depth++) {
        char *end;
        long v = strtol(c->value, &end, 10);
        if (*end == '\0') {
            *pszPrimary = c->name;
            return (JET_ERR)v;
        }
        c = find_code(codes, c->value);
        assert_non_null(c);
    }
    fail_msg("alias chain too long");
    return 0;
}

static void test_err_table_has_every_code_of_esent_h(void **state)
{
    (void)state;
    struct hdr_codes codes = read_header_codes();
    size_t cAlias = 0;
    assert_true(codes.n > 400);     /* the parse found the error section */
    for (size_t i = 0; i < codes.n; i++) {
        const char *szPrimary = NULL;
        JET_ERR err = code_value(&codes, &codes.v[i], &szPrimary);
        const char *szName = err_name(err);
        if (szName == NULL)
            fail_msg("%s (%ld) is not in the error table", codes.v[i].name, (long)err);
        if (strcmp(szName, szPrimary) != 0)
            fail_msg("%s (%ld): table says %s, expected %s", codes.v[i].name, (long)err, szName, szPrimary);
        if (szPrimary != codes.v[i].name)
            cAlias++;
    }
    assert_int_equal(cAlias, 6);    /* RecordFoundGreater/Less, ColumnIllegalNull, ... */
    free(codes.v);
}

static void test_err_table_has_nothing_esent_h_lacks(void **state)
{
    (void)state;
    struct hdr_codes codes = read_header_codes();
    for (size_t i = 0; i < err_table_count(); i++) {
        JET_ERR err = err_table_code(i);
        const struct hdr_code *c = find_code(&codes, err_name(err));
        const char *szPrimary = NULL;
        if (c == NULL)
            fail_msg("table entry %s is not defined in esent.h", err_name(err));
        assert_int_equal(code_value(&codes, c, &szPrimary), err);
    }
    free(codes.v);
}

static void test_err_table_is_sorted_without_duplicates(void **state)
{
    (void)state;
    assert_true(err_table_count() > 400);
    for (size_t i = 1; i < err_table_count(); i++)
        assert_true(err_table_code(i - 1) < err_table_code(i));
    assert_int_equal(err_table_code(err_table_count()), JET_errSuccess);   /* out of range */
}

static void test_err_name_gives_primary_name_for_aliases(void **state)
{
    (void)state;
    assert_string_equal(err_name(JET_wrnRecordFoundGreater), "JET_wrnSeekNotEqual");
    assert_string_equal(err_name(JET_errDatabaseInconsistent), "JET_errDatabaseDirtyShutdown");
    assert_string_equal(err_name(JET_errSuccess), "JET_errSuccess");
    assert_string_equal(err_name(JET_wrnNyi), "JET_wrnNyi");
}

static void test_err_name_is_null_for_unknown_codes(void **state)
{
    (void)state;
    assert_null(err_name(-12345));
    assert_null(err_name(12345));
    assert_null(err_name(ERR_PAGE_FULL));
    assert_int_equal(err_category(-12345), JET_errcatUnknown);
    assert_int_equal(err_category(ERR_NOT_FOUND), JET_errcatUnknown);
}

/* Spot checks against the engine's error data (ESE sources, _errstr/errdata.txt). */
static void test_err_category_matches_engine(void **state)
{
    (void)state;
    static const struct { JET_ERR err; JET_ERRCAT cat; } cases[] = {
        { JET_errDiskFull,              JET_errcatDisk },
        { JET_errOutOfMemory,           JET_errcatMemory },
        { JET_errOutOfCursors,          JET_errcatMemory },
        { JET_errOutOfDatabaseSpace,    JET_errcatQuota },
        { JET_errTooManyOpenTables,     JET_errcatQuota },
        { JET_errDiskIO,                JET_errcatIO },
        { JET_errInstanceUnavailable,   JET_errcatFatal },
        { JET_errInternalError,         JET_errcatOperation },
        { JET_errDatabaseCorrupted,     JET_errcatCorruption },
        { JET_errReadVerifyFailure,     JET_errcatCorruption },
        { JET_errLogFileCorrupt,        JET_errcatCorruption },
        { JET_errDatabaseDirtyShutdown, JET_errcatInconsistent },
        { JET_errInvalidParameter,      JET_errcatUsage },
        { JET_errClientSpaceBegin,      JET_errcatUsage },
        { JET_errRecordNotFound,        JET_errcatState },
        { JET_errKeyDuplicate,          JET_errcatState },
        { JET_wrnBufferTruncated,       JET_errcatState },
        { JET_errSuccess,               JET_errcatState },
        { JET_errRfsFailure,            JET_errcatUnknown },     /* obsolete */
        { JET_errBadSLVSignature,       JET_errcatUnknown },     /* obsolete, not in the engine's list */
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        if (err_category(cases[i].err) != cases[i].cat)
            fail_msg("%s: category %d, expected %d", err_name(cases[i].err),
                     (int)err_category(cases[i].err), (int)cases[i].cat);
    }
}

static void test_err_category_hierarchy_walks_from_error_to_leaf(void **state)
{
    (void)state;
    JET_ERRCAT out[8];
    memset(out, 0xcc, sizeof out);
    assert_int_equal(err_category_hierarchy(JET_errcatMemory, out), 4);
    assert_int_equal(out[0], JET_errcatError);
    assert_int_equal(out[1], JET_errcatOperation);
    assert_int_equal(out[2], JET_errcatResource);
    assert_int_equal(out[3], JET_errcatMemory);
    for (int i = 4; i < 8; i++)
        assert_int_equal(out[i], JET_errcatUnknown);

    assert_int_equal(err_category_hierarchy(JET_errcatUsage, out), 3);
    assert_int_equal(out[0], JET_errcatError);
    assert_int_equal(out[1], JET_errcatApi);
    assert_int_equal(out[2], JET_errcatUsage);
    assert_int_equal(out[3], JET_errcatUnknown);

    assert_int_equal(err_category_hierarchy(JET_errcatInconsistent, out), 3);
    assert_int_equal(out[1], JET_errcatData);

    assert_int_equal(err_category_hierarchy(JET_errcatError, out), 1);
    assert_int_equal(out[0], JET_errcatError);
    assert_int_equal(out[1], JET_errcatUnknown);
}

static void test_err_category_hierarchy_is_empty_when_category_unknown_or_invalid(void **state)
{
    (void)state;
    JET_ERRCAT out[8];
    memset(out, 0xcc, sizeof out);
    assert_int_equal(err_category_hierarchy(JET_errcatUnknown, out), 0);
    for (int i = 0; i < 8; i++)
        assert_int_equal(out[i], JET_errcatUnknown);
    memset(out, 0xcc, sizeof out);
    assert_int_equal(err_category_hierarchy(JET_errcatMax, out), 0);
    assert_int_equal(err_category_hierarchy((JET_ERRCAT)-1, out), 0);
    assert_int_equal(out[0], JET_errcatUnknown);
}

/* Every category the table uses has a chain that starts at JET_errcatError, except Unknown. */
static void test_err_category_hierarchy_roots_every_table_category(void **state)
{
    (void)state;
    for (size_t i = 0; i < err_table_count(); i++) {
        JET_ERRCAT cat = err_category(err_table_code(i)), out[8];
        int n = err_category_hierarchy(cat, out);
        if (cat == JET_errcatUnknown) {
            assert_int_equal(n, 0);
            continue;
        }
        assert_in_range(n, 2, 4);
        assert_int_equal(out[0], JET_errcatError);
        assert_int_equal(out[n - 1], cat);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_err_table_has_every_code_of_esent_h),
        cmocka_unit_test(test_err_table_has_nothing_esent_h_lacks),
        cmocka_unit_test(test_err_table_is_sorted_without_duplicates),
        cmocka_unit_test(test_err_name_gives_primary_name_for_aliases),
        cmocka_unit_test(test_err_name_is_null_for_unknown_codes),
        cmocka_unit_test(test_err_category_matches_engine),
        cmocka_unit_test(test_err_category_hierarchy_walks_from_error_to_leaf),
        cmocka_unit_test(test_err_category_hierarchy_is_empty_when_category_unknown_or_invalid),
        cmocka_unit_test(test_err_category_hierarchy_roots_every_table_category),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
