/* SPDX-License-Identifier: MIT
 * base/tests/test_utf.c: UTF-16 <-> UTF-8 conversion, truncation and bad input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "utf.h"

static void test_utf16_to_utf8_round_trips_bmp_and_astral(void **state)
{
    (void)state;
    const ESENT_WCHAR w[] = { 'a', 0xE9, 0x20AC, 0xD83D, 0xDE00, 0 };   /* a é € 😀 */
    char sz[32];
    size_t cb = 0;
    assert_true(utf16_to_utf8(w, sz, sizeof sz, &cb));
    assert_string_equal(sz, "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    assert_int_equal(cb, 11);
    ESENT_WCHAR back[8];
    size_t cch = 0;
    assert_true(utf8_to_utf16(sz, back, ARRAY_SIZE(back), &cch));
    assert_int_equal(cch, 6);
    assert_memory_equal(back, w, sizeof w);
}

static void test_utf16_to_utf8_reports_size_when_truncated(void **state)
{
    (void)state;
    const ESENT_WCHAR w[] = { 'a', 'b', 'c', 'd', 0 };
    char sz[3] = { 'x', 'x', 'x' };
    size_t cb = 0;
    assert_false(utf16_to_utf8(w, sz, sizeof sz, &cb));
    assert_int_equal(cb, 5);
    assert_string_equal(sz, "ab");
}

static void test_utf16_to_utf8_replaces_unpaired_surrogate(void **state)
{
    (void)state;
    const ESENT_WCHAR w[] = { 0xD800, 'x', 0xDC00, 0 };
    char sz[16];
    assert_true(utf16_to_utf8(w, sz, sizeof sz, NULL));
    assert_string_equal(sz, "\xEF\xBF\xBDx\xEF\xBF\xBD");
}

static void test_utf8_to_utf16_replaces_overlong_and_truncated_sequences(void **state)
{
    (void)state;
    ESENT_WCHAR w[8];
    assert_true(utf8_to_utf16("\xC0\x80" "a" "\xE2\x82", w, ARRAY_SIZE(w), NULL));
    assert_int_equal(w[0], 0xFFFD);
    assert_int_equal(w[1], 'a');
    assert_int_equal(w[2], 0xFFFD);
}

static void test_wstr_icmp_ascii_folds_only_ascii(void **state)
{
    (void)state;
    const ESENT_WCHAR a[] = { 'E', 'd', 'B', 0 }, b[] = { 'e', 'D', 'b', 0 };
    const ESENT_WCHAR c[] = { 0xC9, 0 }, d[] = { 0xE9, 0 };
    assert_int_equal(wstr_icmp_ascii(a, b), 0);
    assert_int_not_equal(wstr_icmp_ascii(c, d), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf16_to_utf8_round_trips_bmp_and_astral),
        cmocka_unit_test(test_utf16_to_utf8_reports_size_when_truncated),
        cmocka_unit_test(test_utf16_to_utf8_replaces_unpaired_surrogate),
        cmocka_unit_test(test_utf8_to_utf16_replaces_overlong_and_truncated_sequences),
        cmocka_unit_test(test_wstr_icmp_ascii_folds_only_ascii),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
