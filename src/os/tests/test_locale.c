/* SPDX-License-Identifier: MIT
 * os/tests/test_locale.c: LCIDs and locale names from our copy of Windows' table
 * (os_lcid_to_locale_name_builtin, os_locale_name_to_lcid_builtin: Linux's answers). Expected
 * values are Windows' documented ones ([MS-LCID]); tests/win32_locale_check.c compares the whole
 * table with LCIDToLocaleName and LocaleNameToLCID under Wine. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <uchar.h>
#include <cmocka.h>

#include "os_lcmap_int.h"

static void assert_name(uint32_t lcid, const char16_t *wszWant)
{
    ESENT_WCHAR wsz[86];
    assert_int_equal(os_lcid_to_locale_name_builtin(lcid, wsz, 86), JET_errSuccess);
    size_t i = 0;
    for (; wszWant[i]; i++)
        assert_int_equal(wsz[i], wszWant[i]);
    assert_int_equal(wsz[i], 0);
}

static uint32_t lcid_of(const char16_t *wsz)
{
    uint32_t lcid = 0;
    assert_int_equal(os_locale_name_to_lcid_builtin((const ESENT_WCHAR *)wsz, &lcid), JET_errSuccess);
    return lcid;
}

static void test_locale_lcid_gives_windows_name(void **state)
{
    (void)state;
    assert_name(0x0409, u"en-US");
    assert_name(0x0407, u"de-DE");
    assert_name(0x0c0a, u"es-ES");
    assert_name(0x040a, u"es-ES_tradnl");      /* a sort variant in the LCID's high word ... */
    assert_name(0x10407, u"de-DE_phoneb");      /* ... or in its sort id */
    assert_name(0x0411, u"ja-JP");
    assert_name(0x007f, u"");                   /* the invariant locale */
    assert_name(0x0007, u"de-DE");              /* a neutral LCID names its default specific locale */
}

static void test_locale_lcid_unknown_or_short_buffer(void **state)
{
    (void)state;
    ESENT_WCHAR wsz[86];
    assert_int_equal(os_lcid_to_locale_name_builtin(0x12345, wsz, 86), JET_errInvalidLanguageId);
    assert_int_equal(os_lcid_to_locale_name_builtin(0x0400, wsz, 86), JET_errInvalidLanguageId);  /* user default */
    assert_int_equal(os_lcid_to_locale_name_builtin(0x0409, wsz, 5), JET_errBufferTooSmall);
    assert_int_equal(os_lcid_to_locale_name_builtin(0x0409, wsz, 6), JET_errSuccess);
}

static void test_locale_name_gives_lcid_case_insensitively(void **state)
{
    (void)state;
    assert_int_equal(lcid_of(u"en-US"), 0x0409);
    assert_int_equal(lcid_of(u"EN-us"), 0x0409);
    assert_int_equal(lcid_of(u"de-DE_phoneb"), 0x10407);
    assert_int_equal(lcid_of(u""), 0x007f);
    uint32_t lcid = 1;
    assert_int_equal(os_locale_name_to_lcid_builtin((const ESENT_WCHAR *)u"xx-YY", &lcid), JET_errInvalidLanguageId);
    assert_int_equal(lcid, 0);
    assert_int_equal(os_locale_name_to_lcid_builtin((const ESENT_WCHAR *)u"en-U\u00e9", &lcid), JET_errInvalidLanguageId);
    assert_int_equal(os_locale_name_to_lcid_builtin(NULL, &lcid), JET_errInvalidLanguageId);
}

/* The binary searches' preconditions, and every name going back to an LCID of that name. */
static void test_locale_tables_sorted_and_consistent(void **state)
{
    (void)state;
    for (size_t i = 1; i < os_locale_by_lcid_count; i++)
        assert_true(os_locale_by_lcid[i - 1].lcid < os_locale_by_lcid[i].lcid);
    for (size_t i = 1; i < os_locale_by_name_count; i++) {
        const char *a = os_locale_by_name[i - 1].szName, *b = os_locale_by_name[i].szName;
        char la[96], lb[96];
        size_t j;
        for (j = 0; a[j] && j < 95; j++) la[j] = (char)(a[j] >= 'A' && a[j] <= 'Z' ? a[j] + 32 : a[j]);
        la[j] = 0;
        for (j = 0; b[j] && j < 95; j++) lb[j] = (char)(b[j] >= 'A' && b[j] <= 'Z' ? b[j] + 32 : b[j]);
        lb[j] = 0;
        assert_true(strcmp(la, lb) < 0);
    }
    for (size_t i = 0; i < os_locale_by_lcid_count; i++) {
        ESENT_WCHAR wsz[86], wszBack[86];
        uint32_t lcid;
        assert_int_equal(os_lcid_to_locale_name_builtin(os_locale_by_lcid[i].lcid, wsz, 86), JET_errSuccess);
        assert_int_equal(os_locale_name_to_lcid_builtin(wsz, &lcid), JET_errSuccess);
        if (lcid == 0x1000)                     /* LOCALE_CUSTOM_UNSPECIFIED: no LCID of its own */
            continue;
        assert_int_equal(os_lcid_to_locale_name_builtin(lcid, wszBack, 86), JET_errSuccess);
        assert_memory_equal(wsz, wszBack, (strlen(os_locale_by_lcid[i].szName) + 1) * sizeof(ESENT_WCHAR));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_locale_lcid_gives_windows_name),
        cmocka_unit_test(test_locale_lcid_unknown_or_short_buffer),
        cmocka_unit_test(test_locale_name_gives_lcid_case_insensitively),
        cmocka_unit_test(test_locale_tables_sorted_and_consistent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
