/* SPDX-License-Identifier: MIT
 * os/tests/test_lcmap.c: our default sort (os_lcmap_sortkey_builtin, Linux's os_lcmap_sortkey).
 * Expected keys come from keys Windows wrote in the sample databases (index.edb, Current.mdb,
 * Catalog1.edb: letters, digits, spaces, hyphens in word sort, a surrogate pair) and from
 * properties Windows' sort has (lower before upper case, precomposed = decomposed accents,
 * word sort ignoring hyphens at the primary level). The comparison with LCMapStringEx itself is
 * tests/win32_lcmap_check.c under Wine; the samples' every Unicode index is record/keys. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <cmocka.h>

#include "os.h"

#define FLAGS_ESE   (OS_LCMAP_SORTKEY | OS_NORM_IGNORECASE | OS_NORM_IGNOREKANATYPE | OS_NORM_IGNOREWIDTH)
#define FLAGS_AD    (FLAGS_ESE | OS_NORM_IGNORENONSPACE | OS_SORT_STRINGSORT)

static const struct os_sort_locale g_enUS = { (const ESENT_WCHAR *)u"en-US", 0, NULL, 0x6020F };

struct key { uint8_t rgb[512]; uint32_t cb; };

static JET_ERR key_of(const struct os_sort_locale *ploc, uint32_t dwFlags, const char16_t *wsz, struct key *pk)
{
    uint32_t cch = 0;
    while (wsz[cch])
        cch++;
    memset(pk->rgb, 0xCC, sizeof pk->rgb);
    return os_lcmap_sortkey_builtin(ploc, dwFlags, (const ESENT_WCHAR *)wsz, cch, pk->rgb, sizeof pk->rgb, &pk->cb);
}

static void assert_key(uint32_t dwFlags, const char16_t *wsz, const uint8_t *pbWant, uint32_t cbWant)
{
    struct key k;
    assert_int_equal(key_of(&g_enUS, dwFlags, wsz, &k), JET_errSuccess);
    assert_int_equal(k.cb, cbWant);
    assert_memory_equal(k.rgb, pbWant, cbWant);
}

static int key_cmp(const struct key *a, const struct key *b)
{
    int c = memcmp(a->rgb, b->rgb, a->cb < b->cb ? a->cb : b->cb);
    return c ? c : (a->cb > b->cb) - (a->cb < b->cb);
}

static void test_os_lcmap_keys_equal_windows_sample_keys(void **state)
{
    (void)state;
    /* Current.mdb DNS.Address_index: "10.0.0.10" and friends (digits, symbols) */
    static const uint8_t k1[] = { 0x0d, 0x1a, 0x0d, 0x03, 0x07, 0x33, 0x0d, 0x1a, 0x0d, 0x03, 0x07, 0x33, 0x0d, 0x1a,
        0x0d, 0x03, 0x07, 0x33, 0x0d, 0x1a, 0x0d, 0x03, 0x0d, 0x03, 0x01, 0x01, 0x01, 0x01, 0x00 };
    assert_key(FLAGS_ESE, u"10.10.10.100", k1, sizeof k1);
    /* index.edb IxUnicode ends with a space and a surrogate pair: B0 40 B6 CD primary, 3F 3F
     * diacritics, and no case weight although their table case weight is 0x3F */
    static const uint8_t k2[] = { 0x0e, 0x99, 0x07, 0x02, 0xb0, 0x40, 0xb6, 0xcd, 0x01, 0x02, 0x02, 0x3f, 0x3f,
        0x01, 0x01, 0x01, 0x00 };
    assert_key(FLAGS_ESE, u"t \U0001F9D1", k2, sizeof k2);
    /* Catalog1.edb stringIndex (Windows 8.1), a stored key whole: word sort puts the four
     * hyphens in the special weights at -(primary weights before them) - 1: FFF6 FFF2 FFEE FFEA */
    static const uint8_t k3[] = {
        0x07, 0x2d, 0x0d, 0x1c, 0x0d, 0x1a, 0x0d, 0x1a, 0x0d, 0x1c, 0x0e, 0x02, 0x0e, 0x09, 0x0d, 0x03,
        0x0e, 0x02, 0x0e, 0x0a, 0x0d, 0x28, 0x0d, 0x24, 0x0e, 0x02, 0x0d, 0x20, 0x0e, 0x23, 0x0e, 0x23,
        0x0e, 0x21, 0x0e, 0x02, 0x0d, 0x1e, 0x0d, 0x24, 0x0d, 0x28, 0x0d, 0x03, 0x0e, 0x1a, 0x0e, 0x21,
        0x0d, 0x2a, 0x0d, 0x24, 0x0e, 0x21, 0x0d, 0x20, 0x0d, 0x26, 0x0d, 0x03, 0x0d, 0x1a, 0x0d, 0x1c,
        0x0e, 0x21, 0x01, 0x01, 0x01, 0x01, 0xff, 0xf6, 0x82, 0x12, 0xff, 0xf2, 0x82, 0x12, 0xff, 0xee,
        0x82, 0x12, 0xff, 0xea, 0x82, 0x12, 0x00 };
    assert_key(FLAGS_ESE, u"*2112ab0a-c86a-4ffe-a368-0de96e47012e", k3, sizeof k3);
    /* adamntds.dit (AD's flags): SORT_STRINGSORT keeps the hyphen in the primary weights */
    static const uint8_t k4[] = { 0x0e, 0x99, 0x06, 0x82, 0x0e, 0x21, 0x01, 0x01, 0x01, 0x01, 0x00 };
    assert_key(FLAGS_AD, u"t-e", k4, sizeof k4);
}

static void test_os_lcmap_levels_and_flags(void **state)
{
    (void)state;
    struct key a, A, b, B, e1, e2, E;
    /* case level with LCMAP_SORTKEY alone: lower case before upper case, after the letters */
    assert_int_equal(key_of(&g_enUS, OS_LCMAP_SORTKEY, u"a", &a), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, OS_LCMAP_SORTKEY, u"A", &A), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, OS_LCMAP_SORTKEY, u"b", &b), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, OS_LCMAP_SORTKEY, u"B", &B), JET_errSuccess);
    assert_true(key_cmp(&a, &A) < 0 && key_cmp(&A, &b) < 0 && key_cmp(&b, &B) < 0);
    assert_int_not_equal(a.cb, A.cb);
    /* ignoring case: one key */
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"ABC", &A), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"abc", &a), JET_errSuccess);
    assert_int_equal(key_cmp(&a, &A), 0);
    /* a precomposed accent equals the letter and its combining mark; differs from the bare letter
     * only after the primary level; NORM_IGNORENONSPACE erases the difference */
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"r\u00e9sum\u00e9", &e1), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"re\u0301sume\u0301", &e2), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"resume", &E), JET_errSuccess);
    assert_int_equal(key_cmp(&e1, &e2), 0);
    assert_true(key_cmp(&E, &e1) < 0);
    assert_memory_equal(E.rgb, e1.rgb, 12);         /* same six primary weights */
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE | OS_NORM_IGNORENONSPACE, u"r\u00e9sum\u00e9", &e1), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE | OS_NORM_IGNORENONSPACE, u"resume", &E), JET_errSuccess);
    assert_int_equal(key_cmp(&e1, &E), 0);
    /* word sort: "co-op" has coop's primary weights; string sort puts the hyphen among them;
     * NORM_IGNORESYMBOLS drops it */
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"co-op", &a), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"coop", &b), JET_errSuccess);
    assert_memory_equal(a.rgb, b.rgb, b.cb - 1);
    assert_true(a.cb == b.cb + 4);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE | OS_SORT_STRINGSORT, u"co-op", &A), JET_errSuccess);
    assert_int_equal(A.cb, b.cb + 2);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE | OS_NORM_IGNORESYMBOLS, u"co-op!", &B), JET_errSuccess);
    assert_int_equal(key_cmp(&B, &b), 0);
    /* unsortable characters vanish; the empty string is the separators */
    static const uint8_t rgbEmpty[] = { 1, 1, 1, 1, 0 };
    assert_key(FLAGS_ESE, u"", rgbEmpty, sizeof rgbEmpty);
    assert_key(FLAGS_ESE, u"\u200c\ufeff\u0378\u2060", rgbEmpty, sizeof rgbEmpty);
    /* CJK ideographs (script 5): FD FF primary diacritic */
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"\u4e00", &a), JET_errSuccess);
    assert_int_equal(a.rgb[0], 0xFD);
    assert_int_equal(a.rgb[1], 0xFF);
    assert_int_equal(a.cb, 4 + 5);
    /* LCMAP_UPPERCASE alone: the text upper-cased (ASCII) */
    assert_int_equal(key_of(&g_enUS, OS_LCMAP_UPPERCASE, u"aZ1", &a), JET_errSuccess);
    static const uint8_t rgbUpper[] = { 'A', 0, 'Z', 0, '1', 0 };
    assert_int_equal(a.cb, sizeof rgbUpper);
    assert_memory_equal(a.rgb, rgbUpper, sizeof rgbUpper);
}

static void test_os_lcmap_refuses_what_it_cannot_key_exactly(void **state)
{
    (void)state;
    struct key k;
    /* locales with tailorings, alternate sorts, other sort GUIDs, pre-Windows 8 NLS versions */
    const struct os_sort_locale sv = { (const ESENT_WCHAR *)u"sv-SE", 0, NULL, 0 };
    const struct os_sort_locale phone = { (const ESENT_WCHAR *)u"en-US_x", 0, NULL, 0 };
    const struct os_sort_locale lcidSv = { NULL, 0x41D, NULL, 0 };
    const struct os_sort_locale lcidEnGb = { NULL, 0x809, NULL, 0 };
    const struct os_sort_locale enGb = { (const ESENT_WCHAR *)u"EN-gb", 0, NULL, 0 };
    const struct os_sort_locale inv = { (const ESENT_WCHAR *)u"", 0, NULL, 0 };
    static const uint8_t rgbOtherSort[16] = { 2 };
    const struct os_sort_locale guid = { (const ESENT_WCHAR *)u"en-US", 0, rgbOtherSort, 0 };
    const struct os_sort_locale vista = { (const ESENT_WCHAR *)u"en-US", 0, NULL, 0x50000 };
    assert_int_equal(key_of(&sv, FLAGS_ESE, u"abc", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&phone, FLAGS_ESE, u"abc", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&lcidSv, FLAGS_ESE, u"abc", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&guid, FLAGS_ESE, u"abc", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&vista, FLAGS_ESE, u"abc", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&lcidEnGb, FLAGS_ESE, u"abc", &k), JET_errSuccess);
    assert_int_equal(key_of(&enGb, FLAGS_ESE, u"abc", &k), JET_errSuccess);
    assert_int_equal(key_of(&inv, FLAGS_ESE, u"abc", &k), JET_errSuccess);
    assert_int_equal(key_of(NULL, FLAGS_ESE, u"abc", &k), JET_errSuccess);
    /* flags not modelled; no LCMAP_SORTKEY */
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE | OS_SORT_DIGITSASNUMBERS, u"a1", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE | OS_LINGUISTIC_IGNORECASE, u"a", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&g_enUS, OS_NORM_IGNORECASE, u"a", &k), JET_errInvalidParameter);
    /* characters: expansions the table lacks, kana marks, jamo; upper-casing beyond ASCII */
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"Stra\u00dfe", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"\u00c6", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"\u3042\u30fc", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"\u1100", &k), JET_errUnicodeNormalizationNotSupported);
    assert_int_equal(key_of(&g_enUS, OS_LCMAP_UPPERCASE, u"\u00e9", &k), JET_errUnicodeNormalizationNotSupported);
}

/* A short buffer gets the key's first bytes and nothing beyond; the size is the whole key. */
static void test_os_lcmap_truncates_inside_the_buffer(void **state)
{
    (void)state;
    struct key full;
    assert_int_equal(key_of(&g_enUS, OS_LCMAP_SORTKEY, u"Co-op r\u00e9sum\u00e9 \U0001F600", &full), JET_errSuccess);
    const char16_t *wsz = u"Co-op r\u00e9sum\u00e9 \U0001F600";
    uint32_t cch = 0;
    while (wsz[cch])
        cch++;
    for (uint32_t cbMax = 0; cbMax <= full.cb + 2; cbMax++) {
        uint8_t rgb[256];
        uint32_t cb = 0;
        memset(rgb, 0xCC, sizeof rgb);
        assert_int_equal(os_lcmap_sortkey_builtin(&g_enUS, OS_LCMAP_SORTKEY, (const ESENT_WCHAR *)wsz, cch,
                    cbMax ? rgb : NULL, cbMax, &cb), JET_errSuccess);
        assert_int_equal(cb, full.cb);
        uint32_t cbKept = cbMax < full.cb ? cbMax : full.cb;
        assert_memory_equal(rgb, full.rgb, cbKept);
        for (uint32_t i = cbMax; i < sizeof rgb; i++)
            assert_int_equal(rgb[i], 0xCC);
    }
}

/* Unpaired and reversed surrogates are weighed one code unit at a time, like a pair. */
static void test_os_lcmap_unpaired_surrogates(void **state)
{
    (void)state;
    struct key hi, lo, pair, rev;
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"\xd83d", &hi), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"\xde00", &lo), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"\xd83d\xde00", &pair), JET_errSuccess);
    assert_int_equal(key_of(&g_enUS, FLAGS_ESE, u"\xde00\xd83d", &rev), JET_errSuccess);
    assert_memory_equal(pair.rgb, hi.rgb, 2);
    assert_memory_equal(pair.rgb + 2, lo.rgb, 2);
    assert_memory_equal(rev.rgb, lo.rgb, 2);
    assert_memory_equal(rev.rgb + 2, hi.rgb, 2);
}

/* Huge input: no allocation, no overflow, only cbKeyMax bytes written. */
static void test_os_lcmap_huge_input(void **state)
{
    (void)state;
    const uint32_t cch = 1u << 24;
    ESENT_WCHAR *pwch = malloc((size_t)cch * sizeof *pwch);
    assert_non_null(pwch);
    for (uint32_t i = 0; i < cch; i++)
        pwch[i] = (ESENT_WCHAR)(i % 3 == 2 ? '-' : 'A' + i % 26);
    uint8_t rgb[40];
    memset(rgb, 0xCC, sizeof rgb);
    uint32_t cb = 0;
    assert_int_equal(os_lcmap_sortkey_builtin(&g_enUS, OS_LCMAP_SORTKEY, pwch, cch, rgb, 32, &cb), JET_errSuccess);
    /* letters: 2 primary bytes each, one case byte each; hyphens: 4 special bytes each */
    const uint64_t cLetters = cch - cch / 3, cHyphens = cch / 3;
    assert_int_equal(cb, 2 * cLetters + 1 + 1 + cLetters + 1 + 1 + 4 * cHyphens + 1);
    for (int i = 32; i < 40; i++)
        assert_int_equal(rgb[i], 0xCC);
    free(pwch);
}

/* Every code unit, and random text, with every modelled flag: success or a refusal, a size that
 * does not depend on the buffer, never a byte outside it (ASan watches). */
static void test_os_lcmap_any_input_is_safe(void **state)
{
    (void)state;
    static const uint32_t rgdwFlags[] = { OS_LCMAP_SORTKEY, FLAGS_ESE, FLAGS_AD, OS_LCMAP_SORTKEY | OS_NORM_IGNORESYMBOLS,
        OS_LCMAP_SORTKEY | OS_NORM_IGNOREWIDTH, OS_LCMAP_UPPERCASE };
    for (size_t f = 0; f < sizeof rgdwFlags / sizeof *rgdwFlags; f++) {
        for (uint32_t c = 0; c < 0x10000; c++) {
            ESENT_WCHAR wch = (ESENT_WCHAR)c;
            uint8_t *pb = malloc(16);
            uint32_t cb = 0, cb0 = 0;
            JET_ERR err = os_lcmap_sortkey_builtin(&g_enUS, rgdwFlags[f], &wch, 1, pb, 16, &cb);
            assert_true(err == JET_errSuccess || err == JET_errUnicodeNormalizationNotSupported);
            if (err == JET_errSuccess) {
                assert_int_equal(os_lcmap_sortkey_builtin(&g_enUS, rgdwFlags[f], &wch, 1, NULL, 0, &cb0), JET_errSuccess);
                assert_int_equal(cb, cb0);
                assert_true(cb <= 16);
            }
            free(pb);
        }
    }
    srand(1234);
    for (int n = 0; n < 20000; n++) {
        ESENT_WCHAR rgwch[24];
        uint32_t cch = (uint32_t)(rand() % 24);
        for (uint32_t i = 0; i < cch; i++) {
            int r = rand() % 4;
            rgwch[i] = (ESENT_WCHAR)(r == 0 ? 0xD800 + rand() % 0x800 : r == 1 ? 0x20 + rand() % 0x60 : rand() % 0x10000);
        }
        uint32_t dwFlags = rgdwFlags[rand() % 5], cbFull = 0, cb = 0;
        JET_ERR err = os_lcmap_sortkey_builtin(&g_enUS, dwFlags, rgwch, cch, NULL, 0, &cbFull);
        if (err < 0) {
            assert_int_equal(err, JET_errUnicodeNormalizationNotSupported);
            continue;
        }
        uint32_t cbMax = (uint32_t)rand() % (cbFull + 2);
        uint8_t *pb = malloc(cbMax ? cbMax : 1);
        assert_int_equal(os_lcmap_sortkey_builtin(&g_enUS, dwFlags, rgwch, cch, pb, cbMax, &cb), JET_errSuccess);
        assert_int_equal(cb, cbFull);
        free(pb);
    }
}

static void test_os_sort_version_builtin_is_the_default_sort(void **state)
{
    (void)state;
    uint32_t dwNls = 0, dwDefined = 0;
    uint8_t rgbSortId[16] = { 0 };
    static const uint8_t rgbDefault[16] = { 0x01, 0, 0, 0, 0xee, 0x57, 0x5c, 0x1e, 0x00, 0xb4, 0xd0, 0x00, 0x0b, 0xb1, 0xe1, 0x1e };
    assert_int_equal(os_sort_version(&g_enUS, &dwNls, &dwDefined, rgbSortId), JET_errSuccess);
    assert_true(dwNls >= OS_SORT_NLS_VERSION_MIN);
    assert_memory_equal(rgbSortId, rgbDefault, 16);
    /* what it records is accepted back */
    const struct os_sort_locale loc = { (const ESENT_WCHAR *)u"en-US", 0, rgbSortId, dwNls };
    struct key k;
    assert_int_equal(key_of(&loc, FLAGS_ESE, u"abc", &k), JET_errSuccess);
    const struct os_sort_locale sv = { (const ESENT_WCHAR *)u"sv-SE", 0, NULL, 0 };
    assert_int_equal(os_sort_version(&sv, &dwNls, &dwDefined, rgbSortId), JET_errUnicodeNormalizationNotSupported);
}

static void test_os_sort_state_builtin_is_current_for_every_sort_it_keys(void **state)
{
    (void)state;
    enum os_sort_state st;
    struct os_sort_locale loc = { (const ESENT_WCHAR *)u"en-US", 0, NULL, 0x0006020F };
    assert_int_equal(os_sort_state_builtin(&loc, 0x0006020F, &st), JET_errSuccess);
    assert_int_equal(st, OS_SORT_CURRENT);
    loc.dwNlsVersion = 0x00060305;          /* Windows 8.1 / Wine: keyed alike */
    assert_int_equal(os_sort_state_builtin(&loc, 0x00060305, &st), JET_errSuccess);
    assert_int_equal(st, OS_SORT_CURRENT);
    loc.dwNlsVersion = 0x00060101;          /* Windows 7: no system since keys with it */
    assert_int_equal(os_sort_state_builtin(&loc, 0x00060101, &st), JET_errSuccess);
    assert_int_equal(st, OS_SORT_GONE);
    loc.dwNlsVersion = 0;                   /* none recorded: ESE assumes the worst */
    assert_int_equal(os_sort_state_builtin(&loc, 0, &st), JET_errSuccess);
    assert_int_equal(st, OS_SORT_GONE);
    /* a locale the built-in sort refuses to key is never keyed wrong: not out of date */
    const struct os_sort_locale sv = { (const ESENT_WCHAR *)u"sv-SE", 0, NULL, 0x00060101 };
    assert_int_equal(os_sort_state_builtin(&sv, 0x00060101, &st), JET_errSuccess);
    assert_int_equal(st, OS_SORT_CURRENT);
}

static void test_os_sort_nls_versions_equal_has_windows_two_exceptions(void **state)
{
    (void)state;
    assert_true(os_sort_nls_versions_equal(0x0006020F, 0x0006020F));
    assert_false(os_sort_nls_versions_equal(0x0006020F, 0x00060305));
    assert_true(os_sort_nls_versions_equal(0x00060101, 0x00060102));
    assert_true(os_sort_nls_versions_equal(0x0006020E, 0x0006020D));
    assert_false(os_sort_nls_versions_equal(0x0006020E, 0x0006020C));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_os_lcmap_keys_equal_windows_sample_keys),
        cmocka_unit_test(test_os_lcmap_levels_and_flags),
        cmocka_unit_test(test_os_lcmap_refuses_what_it_cannot_key_exactly),
        cmocka_unit_test(test_os_lcmap_truncates_inside_the_buffer),
        cmocka_unit_test(test_os_lcmap_unpaired_surrogates),
        cmocka_unit_test(test_os_lcmap_huge_input),
        cmocka_unit_test(test_os_lcmap_any_input_is_safe),
        cmocka_unit_test(test_os_sort_version_builtin_is_the_default_sort),
        cmocka_unit_test(test_os_sort_state_builtin_is_current_for_every_sort_it_keys),
        cmocka_unit_test(test_os_sort_nls_versions_equal_has_windows_two_exceptions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
