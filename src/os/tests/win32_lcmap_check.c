/* SPDX-License-Identifier: MIT
 * os/tests/win32_lcmap_check.c: conformance of our default sort (os_lcmap_sortkey_builtin, the
 * Linux implementation) with LCMapStringEx (os_lcmap_sortkey on Windows), for the MinGW builds.
 * Runs under Wine from CTest (fixture `wineprefix`) or on Windows. For every string of a corpus
 * (ASCII, Latin-1 accents and case, symbols, hyphen and apostrophe in word and string sort, CJK,
 * kana, full-width, surrogate pairs, unpaired surrogates, unassigned code points, the empty
 * string) and every flag set, either our implementation refuses the text (counted, printed with
 * -v) or both keys are equal. Windows is the reference; Wine's own LCMapStringEx differs from it
 * in a known place (wine_differs()), tolerated under Wine only. Exits non-zero on any failure;
 * -v prints refusals and known differences too. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "os.h"

static int cChecks, cFailures, cRefused, cWineKnown;
static bool g_fVerbose, g_fWine;

static void print_key(const char *szWhat, const uint8_t *pb, uint32_t cb)
{
    printf("    %-8s", szWhat);
    for (uint32_t i = 0; i < cb; i++)
        printf("%02x", pb[i]);
    printf("\n");
}

static void print_text(const WCHAR *pwch, uint32_t cch)
{
    for (uint32_t i = 0; i < cch; i++)
        printf(pwch[i] >= 0x20 && pwch[i] < 0x7F ? "%c" : "\\u%04x", pwch[i]);
}

/* Wine 8's LCMapStringEx keeps the case weights that survive its per-flag masks when
 * NORM_IGNORECASE, NORM_IGNOREKANATYPE and NORM_IGNOREWIDTH are all set (ESE's default flags),
 * where Windows writes no case weight at all: the Windows samples' keys of surrogate pairs
 * (case weight 0x3F, 0x06 after the masks) have an empty case level. So under Wine such a key
 * is ours with a case level inserted (bytes 2..0x3F, the last above 2) where ours has none. */
static bool wine_differs(uint32_t dwFlags, const uint8_t *pbOurs, uint32_t cbOurs, const uint8_t *pbWin, uint32_t cbWin)
{
    const uint32_t all = OS_NORM_IGNORECASE | OS_NORM_IGNOREKANATYPE | OS_NORM_IGNOREWIDTH;
    if ((dwFlags & all) != all || cbWin <= cbOurs)
        return false;
    const uint32_t cbCase = cbWin - cbOurs;
    for (uint32_t k = 0; k <= cbOurs; k++) {
        if (k && pbOurs[k - 1] != pbWin[k - 1])
            return false;
        if (memcmp(pbWin + k + cbCase, pbOurs + k, cbOurs - k))
            continue;
        bool fCaseWeights = k >= 1 && pbOurs[k - 1] == 0x01;
        for (uint32_t i = 0; i < cbCase && fCaseWeights; i++)
            fCaseWeights = pbWin[k + i] >= 2 && pbWin[k + i] < 0x40;
        fCaseWeights = fCaseWeights && pbWin[k + cbCase - 1] > 2;
        if (fCaseWeights)
            return true;
    }
    return false;
}

static void check_one(const struct os_sort_locale *ploc, uint32_t dwFlags, const WCHAR *pwch, uint32_t cch)
{
    uint8_t rgbOurs[1024], rgbWin[1024];
    uint32_t cbOurs = 0, cbWin = 0;
    JET_ERR errOurs = os_lcmap_sortkey_builtin(ploc, dwFlags, pwch, cch, rgbOurs, sizeof rgbOurs, &cbOurs);
    JET_ERR errWin = os_lcmap_sortkey(ploc, dwFlags, pwch, cch, rgbWin, sizeof rgbWin, &cbWin);
    cChecks++;
    if (errOurs == JET_errUnicodeNormalizationNotSupported) {
        cRefused++;
        if (g_fVerbose) {
            printf("refused: flags %#x \"", (unsigned)dwFlags);
            print_text(pwch, cch);
            printf("\"\n");
        }
        return;
    }
    bool fOk = errOurs == JET_errSuccess && errWin == JET_errSuccess && cbOurs <= sizeof rgbOurs && cbWin <= sizeof rgbWin;
    bool fEqual = fOk && cbOurs == cbWin && !memcmp(rgbOurs, rgbWin, cbOurs);
    if (fEqual)
        return;
    bool fKnown = fOk && g_fWine && wine_differs(dwFlags, rgbOurs, cbOurs, rgbWin, cbWin);
    if (fKnown) {
        cWineKnown++;
        if (!g_fVerbose)
            return;
    } else {
        cFailures++;
    }
    printf("%s: flags %#x \"", fKnown ? "known Wine difference" : "MISMATCH", (unsigned)dwFlags);
    print_text(pwch, cch);
    printf("\": ours %ld, LCMapStringEx %ld\n", (long)errOurs, (long)errWin);
    print_key("ours", rgbOurs, MIN(cbOurs, (uint32_t)sizeof rgbOurs));
    print_key("windows", rgbWin, MIN(cbWin, (uint32_t)sizeof rgbWin));
}

static uint32_t wlen(const WCHAR *wsz)
{
    uint32_t n = 0;
    while (wsz[n])
        n++;
    return n;
}

static const WCHAR *const corpus[] = {
    L"a", L"A", L"abc", L"ABC", L"Abc", L"hello world", L"The quick brown fox jumps over the lazy dog",
    L"0123456789", L"a1b2c3", L"file_name.txt", L"C:\\Windows\\System32", L"user@example.com",
    L"!\"#$%&()*+,./:;<=>?@[\\]^_`{|}~", L"a b", L"  leading", L"trailing  ",
    /* hyphen and apostrophe: word sort puts them in the special weights */
    L"co-op", L"coop", L"co op", L"it's", L"its", L"-", L"'", L"--a--", L"a-b-c-d", L"don't-stop",
    L"{4311e2b4-1f6d-4d4c-9b16-7c1b0e5bf7a2}",
    /* Latin-1 and accents, precomposed and combining */
    L"\u00e9", L"e\u0301", L"\u00c9", L"E\u0301", L"r\u00e9sum\u00e9", L"resume", L"R\u00c9SUM\u00c9",
    L"na\u00efve", L"\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5", L"\u00f1", L"n\u0303", L"\u00e7\u00c7",
    L"\u00fc\u00dc", L"\u00f8\u00d8", L"\u00a0", L"\u00a9\u00ae\u00b0\u00b1", L"\u00bf\u00a1",
    L"\u00df", L"\u00e6", L"\u00c6sir", L"\u0153uvre",
    /* Greek, Cyrillic, Hebrew, Arabic */
    L"\u03b1\u03b2\u03b3", L"\u0391\u0392\u0393", L"\u043f\u0440\u0438\u0432\u0435\u0442", L"\u041f\u0420\u0418",
    L"\u05e9\u05dc\u05d5\u05dd", L"\u0645\u0631\u062d\u0628\u0627",
    /* CJK, Hangul, kana, full-width */
    L"\u4e00", L"\u4e2d\u6587", L"\u3400", L"\uac00", L"\ud55c\uae00", L"\u3042", L"\u30a2", L"\uff71",
    L"\u3042\u30fc", L"\u30ab\u30fd", L"\uff21\uff22\uff23", L"\uff41", L"\uff10",
    /* surrogate pairs (emoji, CJK extension B), unpaired and reversed surrogates */
    L"\U0001F600", L"a\U0001F9D1b", L"\U00020000", L"\xd800", L"\xdc00", L"a\xd83d", L"\xde00\xd83d",
    /* private use, unassigned, controls, format characters */
    L"\ue000", L"\uf8ff", L"\u0378", L"\x0001", L"\x0007", L"\t", L"a\u200bb", L"\ufeff", L"\ufffd", L"\uffff",
};

static const uint32_t rgdwFlags[] = {
    OS_LCMAP_SORTKEY,
    OS_LCMAP_SORTKEY | OS_NORM_IGNORECASE | OS_NORM_IGNOREKANATYPE | OS_NORM_IGNOREWIDTH,        /* ESE's default */
    OS_LCMAP_SORTKEY | OS_NORM_IGNORECASE | OS_NORM_IGNORENONSPACE | OS_NORM_IGNOREKANATYPE | OS_NORM_IGNOREWIDTH |
        OS_SORT_STRINGSORT,                                                                 /* AD's */
    OS_LCMAP_SORTKEY | OS_NORM_IGNORECASE,
    OS_LCMAP_SORTKEY | OS_NORM_IGNORENONSPACE,
    OS_LCMAP_SORTKEY | OS_NORM_IGNORESYMBOLS,
    OS_LCMAP_SORTKEY | OS_SORT_STRINGSORT,
    OS_LCMAP_SORTKEY | OS_NORM_IGNOREWIDTH,
    OS_LCMAP_SORTKEY | OS_NORM_IGNOREKANATYPE,
};

int main(int argc, char **argv)
{
    g_fVerbose = argc > 1 && !strcmp(argv[1], "-v");
    g_fWine = GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != NULL;
    static const struct os_sort_locale rgloc[] = {
        { L"en-US", 0, NULL, 0 },
        { L"", 0, NULL, 0 },
        { NULL, 0x409, NULL, 0 },
    };
    for (size_t il = 0; il < sizeof rgloc / sizeof *rgloc; il++)
        for (size_t i = 0; i < sizeof corpus / sizeof *corpus; i++)
            for (size_t f = 0; f < sizeof rgdwFlags / sizeof *rgdwFlags; f++)
                check_one(&rgloc[il], rgdwFlags[f], corpus[i], wlen(corpus[i]));
    /* every BMP code unit alone, with ESE's default flags */
    for (uint32_t c = 1; c < 0x10000; c++) {
        WCHAR wch = (WCHAR)c;
        check_one(&rgloc[0], rgdwFlags[1], &wch, 1);
    }
    /* the sort GUID Windows records for en-US is the default sort's, as the built-in one says */
    uint32_t dwNls = 0, dwDefined = 0, dwNlsOurs = 0, dwDefinedOurs = 0;
    uint8_t rgbSortId[16], rgbSortIdOurs[16];
    cChecks++;
    if (os_sort_version(&rgloc[0], &dwNls, &dwDefined, rgbSortId) != JET_errSuccess ||
            os_sort_version_builtin(&rgloc[0], &dwNlsOurs, &dwDefinedOurs, rgbSortIdOurs) != JET_errSuccess ||
            memcmp(rgbSortId, rgbSortIdOurs, 16) || dwNls < OS_SORT_NLS_VERSION_MIN) {
        cFailures++;
        printf("MISMATCH: os_sort_version: NLS %#x (ours %#x)\n", (unsigned)dwNls, (unsigned)dwNlsOurs);
    }
    printf("%d checks, %d failures, %d refused by our implementation, %d known Wine differences (%s)\n",
            cChecks, cFailures, cRefused, cWineKnown, g_fWine ? "Wine" : "Windows");
    return cFailures ? 1 : 0;
}
