/* SPDX-License-Identifier: MIT
 * os/os_lcmap.c: our own LCMapStringEx(LCMAP_SORTKEY) for Windows' default sort.
 * Layer: os (uses base). Built on every platform: it is os_lcmap_sortkey on Linux, and the Wine
 * conformance test compares it with LCMapStringEx on Windows builds.
 *
 * The model is the one of Microsoft's "Windows Sorting Weight Table" (MS-UCODEREF 3.1.5.2):
 * each UTF-16 code unit has four weights, script member, primary (alphanumeric), diacritic and
 * case (os_lcmap_table.c). A sort key is five levels:
 *
 *   primary weights 01 diacritic weights 01 case weights 01 01 special weights 00
 *
 *   primary    script + primary per character (2 bytes; Extension A and CJK "script 5"
 *              characters FD FF primary diacritic; private use script primary diacritic)
 *   diacritic  one byte per character; a nonspacing mark adds its weight to the previous
 *              character's byte; trailing bytes <= 2 dropped; empty with NORM_IGNORENONSPACE
 *   case       one byte per character (masked by the IGNORE flags), trailing bytes <= 2 dropped;
 *              empty when NORM_IGNORECASE, NORM_IGNOREKANATYPE and NORM_IGNOREWIDTH are all set
 *              (ESE's default flags: the samples' keys hold no case weight even for surrogates,
 *              whose case weight survives the per-flag masks)
 *   special    word sort (no SORT_STRINGSORT): punctuation (script 6: hyphen, apostrophe,
 *              some controls) is not in the primary level but here, 4 bytes each: the 16-bit
 *              big-endian position -(primary weights before it) - 1, the primary weight, and
 *              case | diacritic << 3. With SORT_STRINGSORT it sorts as a symbol.
 *
 * Symbols (scripts 6..12) disappear with NORM_IGNORESYMBOLS; unsortable characters (script 0:
 * controls, format characters, unassigned code points) never appear. The levels are produced one
 * pass each, straight into the caller's buffer, so any length of input needs no memory and
 * every access is bounds-checked. What is not modelled is refused (see os.h). */
#include "os_lcmap_int.h"
#include "debug.h"

DEBUG_CHANNEL(os);

enum {
    SCRIPT_UNSORTABLE = 0,
    SCRIPT_NONSPACE_MARK = 1,
    SCRIPT_EXPANSION = 2,
    SCRIPT_EASTASIA_SPECIAL = 3,
    SCRIPT_JAMO_SPECIAL = 4,
    SCRIPT_EXTENSION_A = 5,
    SCRIPT_PUNCTUATION = 6,
    SCRIPT_SYMBOL_LAST = 12,
    SCRIPT_PUA_FIRST = 169,
    SCRIPT_PUA_LAST = 175,
};

/* case weight bits */
#define CASE_FULLWIDTH  0x01u
#define CASE_SUBSCRIPT  0x08u
#define CASE_UPPER      0x10u
#define CASE_KATAKANA   0x20u

#define FLAGS_ALL_CASE  (OS_NORM_IGNORECASE | OS_NORM_IGNOREKANATYPE | OS_NORM_IGNOREWIDTH)
#define FLAGS_MODELLED  (OS_NORM_IGNORECASE | OS_NORM_IGNORENONSPACE | OS_NORM_IGNORESYMBOLS | OS_LCMAP_SORTKEY | \
                         OS_SORT_STRINGSORT | OS_NORM_IGNOREKANATYPE | OS_NORM_IGNOREWIDTH | OS_NORM_LINGUISTIC_CASING)

/* {00000001-57EE-1E5C-00B4-D0000BB1E11E}, the default sort, as stored (GUID byte order). */
static const uint8_t rgbDefaultSortId[16] = {
    0x01, 0x00, 0x00, 0x00, 0xee, 0x57, 0x5c, 0x1e, 0x00, 0xb4, 0xd0, 0x00, 0x0b, 0xb1, 0xe1, 0x1e,
};

static uint32_t weight_of(ESENT_WCHAR wch)
{
    uint32_t lo = 0, hi = os_sort_run_count;       /* the last run with cpFirst <= wch */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (os_sort_runs[mid].cpFirst <= wch)
            lo = mid;
        else
            hi = mid;
    }
    const struct os_sort_run *pr = &os_sort_runs[lo];
    return pr->value + (uint32_t)(wch - pr->cpFirst) * pr->step;
}

static inline uint8_t w_script(uint32_t w) { return (uint8_t)(w >> 24); }
static inline uint8_t w_primary(uint32_t w) { return (uint8_t)(w >> 16); }
static inline uint8_t w_diacritic(uint32_t w) { return (uint8_t)(w >> 8); }
static inline uint8_t w_case(uint32_t w) { return (uint8_t)w; }

static bool wch_lower_eq(const ESENT_WCHAR *pwsz, const char *sz, size_t cch)
{
    for (size_t i = 0; i < cch; i++) {
        ESENT_WCHAR c = pwsz[i];
        if (c >= 'A' && c <= 'Z')
            c = (ESENT_WCHAR)(c + 32);
        if (c != (ESENT_WCHAR)(unsigned char)sz[i])
            return false;
    }
    return true;
}

/* Whether the locale sorts with the default table, no tailoring: the invariant locale and the
 * English ones. Everything else has (or may have) exceptions and compressions we do not carry. */
static bool locale_uses_default_sort(const struct os_sort_locale *ploc)
{
    if (ploc && ploc->pbSortId) {
        static const uint8_t rgbZero[16];
        if (memcmp(ploc->pbSortId, rgbZero, 16) && memcmp(ploc->pbSortId, rgbDefaultSortId, 16))
            return false;
    }
    const ESENT_WCHAR *wsz = ploc ? ploc->wszName : NULL;
    if (wsz && wsz[0]) {
        size_t cch = 0;
        while (wsz[cch] && cch < 85)
            cch++;
        if (wsz[cch])
            return false;
        for (size_t i = 0; i < cch; i++)
            if (wsz[i] == '_')
                return false;                       /* an alternate sort ("de-DE_phoneb") */
        return (cch == 2 && wch_lower_eq(wsz, "en", 2)) || (cch > 3 && wch_lower_eq(wsz, "en-", 3));
    }
    const uint32_t lcid = ploc ? ploc->lcid : 0;
    if (lcid == 0 || lcid == 0x7F)                  /* none, LOCALE_INVARIANT */
        return true;
    return (lcid & 0x3FF) == 0x09 && (lcid >> 16) == 0;     /* LANG_ENGLISH, any sublanguage, SORT_DEFAULT */
}

/* Where one level's bytes go: the caller's buffer from ib on, nothing past cbMax. */
struct sink {
    uint8_t *pb;
    uint32_t cbMax;
    uint64_t ib;
};

static inline void put(struct sink *ps, uint8_t b)
{
    if (ps->ib < ps->cbMax)
        ps->pb[ps->ib] = b;
    ps->ib++;
}

enum level { LEVEL_PRIMARY, LEVEL_DIACRITIC, LEVEL_CASE, LEVEL_SPECIAL };

/* A level whose trailing weights <= 2 are dropped, with the last byte held back because a
 * nonspacing mark may still add to it. */
struct trimmed {
    struct sink *ps;
    uint64_t ibStart, ibKeep;       /* bytes up to ibKeep are kept */
    bool fPending;
    uint8_t bPending;
};

static void trimmed_flush(struct trimmed *pt)
{
    if (!pt->fPending)
        return;
    put(pt->ps, pt->bPending);
    if (pt->bPending > 2)
        pt->ibKeep = pt->ps->ib;
    pt->fPending = false;
}

static void trimmed_add(struct trimmed *pt, uint8_t b)
{
    trimmed_flush(pt);
    pt->fPending = true;
    pt->bPending = b;
}

/* Emit one level of the key of pwch[0..cch) at ps->ib. The caller has checked every character
 * (no refused script). */
static void emit_level(enum level level, uint32_t dwFlags, const ESENT_WCHAR *pwch, uint32_t cch, struct sink *ps)
{
    uint8_t bCaseMask = 0x3F;
    if (dwFlags & OS_NORM_IGNORECASE)
        bCaseMask &= (uint8_t)~(CASE_UPPER | CASE_SUBSCRIPT);
    if (dwFlags & OS_NORM_IGNOREWIDTH)
        bCaseMask &= (uint8_t)~CASE_FULLWIDTH;
    if (dwFlags & OS_NORM_IGNOREKANATYPE)
        bCaseMask &= (uint8_t)~CASE_KATAKANA;
    const bool fSymbolsIgnored = dwFlags & OS_NORM_IGNORESYMBOLS;
    struct trimmed t = { ps, ps->ib, ps->ib, false, 0 };
    uint64_t cbPrimary = 0;         /* primary bytes so far (the special weights' positions) */

    if (level == LEVEL_DIACRITIC && (dwFlags & OS_NORM_IGNORENONSPACE))
        return;
    if (level == LEVEL_CASE && (dwFlags & FLAGS_ALL_CASE) == FLAGS_ALL_CASE)
        return;
    for (uint32_t i = 0; i < cch; i++) {
        const uint32_t w = weight_of(pwch[i]);
        const uint8_t script = w_script(w), prim = w_primary(w), dia = w_diacritic(w);
        const uint8_t cas = (uint8_t)(w_case(w) & bCaseMask);
        uint8_t rgbPrimary[4], cbP = 0;
        int dia_out = -1, case_out = -1;            /* -1: the character adds nothing there */

        if (script == SCRIPT_UNSORTABLE) {
            continue;
        } else if (script == SCRIPT_NONSPACE_MARK) {
            if (level == LEVEL_DIACRITIC) {
                if (t.fPending)
                    t.bPending = (uint8_t)(t.bPending + dia);
                else
                    trimmed_add(&t, dia);
            }
            continue;
        } else if (script == SCRIPT_EXTENSION_A) {
            rgbPrimary[0] = 0xFD; rgbPrimary[1] = 0xFF; rgbPrimary[2] = prim; rgbPrimary[3] = dia;
            cbP = 4;
            dia_out = 2;
            case_out = 2;
        } else if (script >= SCRIPT_PUNCTUATION && script <= SCRIPT_SYMBOL_LAST) {
            if (fSymbolsIgnored)
                continue;
            if (script == SCRIPT_PUNCTUATION && !(dwFlags & OS_SORT_STRINGSORT)) {
                if (level == LEVEL_SPECIAL) {
                    const uint16_t pos = (uint16_t)(-(int64_t)(cbPrimary / 2) - 1);
                    put(ps, (uint8_t)(pos >> 8));
                    put(ps, (uint8_t)pos);
                    put(ps, prim);
                    put(ps, (uint8_t)(cas | dia << 3));
                }
                continue;
            }
            rgbPrimary[0] = script; rgbPrimary[1] = prim;
            cbP = 2;
            dia_out = dia;
            case_out = cas;
        } else if (script >= SCRIPT_PUA_FIRST && script <= SCRIPT_PUA_LAST) {
            rgbPrimary[0] = script; rgbPrimary[1] = prim; rgbPrimary[2] = dia;
            cbP = 3;
            case_out = cas;
        } else {
            rgbPrimary[0] = script; rgbPrimary[1] = prim;
            cbP = 2;
            dia_out = dia;
            case_out = cas;
        }
        cbPrimary += cbP;
        if (level == LEVEL_PRIMARY)
            for (uint8_t k = 0; k < cbP; k++)
                put(ps, rgbPrimary[k]);
        else if (level == LEVEL_DIACRITIC && dia_out >= 0)
            trimmed_add(&t, (uint8_t)dia_out);
        else if (level == LEVEL_CASE && case_out >= 0)
            trimmed_add(&t, (uint8_t)case_out);
    }
    if (level == LEVEL_DIACRITIC || level == LEVEL_CASE) {
        trimmed_flush(&t);
        ps->ib = t.ibKeep;
    }
}

/* The characters this implementation cannot key exactly. */
static JET_ERR check_text(const ESENT_WCHAR *pwch, uint32_t cch)
{
    for (uint32_t i = 0; i < cch; i++) {
        const uint32_t w = weight_of(pwch[i]);
        const uint8_t script = w_script(w);
        if (w == OS_SORT_REFUSED || script == SCRIPT_EXPANSION) {
            FIXME("no sort weights for U+%04X (an expansion or equivalent the table lacks)\n", pwch[i]);
            return ERR_TRAP(JET_errUnicodeNormalizationNotSupported);
        }
        if (script == SCRIPT_EASTASIA_SPECIAL || script == SCRIPT_JAMO_SPECIAL) {
            FIXME("U+%04X: kana/jamo weights that depend on the neighbours are not modelled\n", pwch[i]);
            return ERR_TRAP(JET_errUnicodeNormalizationNotSupported);
        }
    }
    return JET_errSuccess;
}

/* LCMAP_UPPERCASE: only ASCII is certain without Windows' case table. */
static JET_ERR upper_case(const ESENT_WCHAR *pwch, uint32_t cch, uint8_t *pbOut, uint32_t cbMax, uint32_t *pcbOut)
{
    if (cch > UINT32_MAX / 2)
        return ERR_TRAP(JET_errInvalidParameter);
    for (uint32_t i = 0; i < cch; i++) {
        ESENT_WCHAR c = pwch[i];
        if (c >= 0x80) {
            FIXME("LCMAP_UPPERCASE of U+%04X needs Windows' case table\n", c);
            return ERR_TRAP(JET_errUnicodeNormalizationNotSupported);
        }
        if (c >= 'a' && c <= 'z')
            c = (ESENT_WCHAR)(c - 32);
        if (2 * (uint64_t)i + 1 < cbMax) {
            pbOut[2 * i] = (uint8_t)c;
            pbOut[2 * i + 1] = 0;
        } else if (2 * (uint64_t)i < cbMax) {
            pbOut[2 * i] = (uint8_t)c;
        }
    }
    *pcbOut = 2 * cch;
    return JET_errSuccess;
}

JET_ERR os_lcmap_sortkey_builtin(const struct os_sort_locale *ploc, uint32_t dwFlags, const ESENT_WCHAR *pwch,
        uint32_t cch, uint8_t *pbKey, uint32_t cbKeyMax, uint32_t *pcbKey)
{
    JET_ERR err;
    *pcbKey = 0;
    if (cch && !pwch)
        return ERR_TRAP(JET_errInvalidParameter);
    if (cbKeyMax && !pbKey)
        return ERR_TRAP(JET_errInvalidParameter);
    if (!locale_uses_default_sort(ploc)) {
        FIXME("only the default sort (invariant and English locales) is implemented\n");
        return ERR_TRAP(JET_errUnicodeNormalizationNotSupported);
    }
    if (ploc && ploc->dwNlsVersion && ploc->dwNlsVersion < OS_SORT_NLS_VERSION_MIN) {
        FIXME("sort keys of NLS version %#x (before Windows 8) are not implemented\n", ploc->dwNlsVersion);
        return ERR_TRAP(JET_errUnicodeNormalizationNotSupported);
    }
    if (dwFlags == OS_LCMAP_UPPERCASE)
        return upper_case(pwch, cch, pbKey, cbKeyMax, pcbKey);
    if (!(dwFlags & OS_LCMAP_SORTKEY))
        return ERR_TRAP(JET_errInvalidParameter);
    if (dwFlags & ~FLAGS_MODELLED) {
        FIXME("LCMapStringEx flags %#x are not modelled\n", dwFlags & ~FLAGS_MODELLED);
        return ERR_TRAP(JET_errUnicodeNormalizationNotSupported);
    }
    CALL_R(check_text(pwch, cch));

    struct sink s = { pbKey, cbKeyMax, 0 };
    emit_level(LEVEL_PRIMARY, dwFlags, pwch, cch, &s);
    put(&s, 0x01);
    emit_level(LEVEL_DIACRITIC, dwFlags, pwch, cch, &s);
    put(&s, 0x01);
    emit_level(LEVEL_CASE, dwFlags, pwch, cch, &s);
    put(&s, 0x01);
    put(&s, 0x01);                  /* no extra (kana) weights: refused above */
    emit_level(LEVEL_SPECIAL, dwFlags, pwch, cch, &s);
    put(&s, 0x00);
    if (s.ib > UINT32_MAX)
        return ERR_TRAP(JET_errInvalidParameter);
    *pcbKey = (uint32_t)s.ib;
    return JET_errSuccess;
}

bool os_sort_nls_versions_equal(uint32_t dwNlsA, uint32_t dwNlsB)
{
    const uint32_t hi = MAX(dwNlsA, dwNlsB), lo = MIN(dwNlsA, dwNlsB);
    return hi == lo || (hi == 0x00060102u && lo == 0x00060101u) || (hi == 0x0006020Eu && lo == 0x0006020Du);
}

JET_ERR os_sort_state_builtin(const struct os_sort_locale *ploc, uint32_t dwDefinedVersion, enum os_sort_state *pst)
{
    (void)dwDefinedVersion;
    if (!ploc || ploc->dwNlsVersion == 0)
        *pst = OS_SORT_GONE;
    else if (locale_uses_default_sort(ploc) && ploc->dwNlsVersion < OS_SORT_NLS_VERSION_MIN)
        *pst = OS_SORT_GONE;        /* keys we cannot make (Windows 8 and later cannot either) */
    else
        *pst = OS_SORT_CURRENT;
    return JET_errSuccess;
}

JET_ERR os_sort_version_builtin(const struct os_sort_locale *ploc, uint32_t *pdwNlsVersion, uint32_t *pdwDefinedVersion,
        uint8_t rgbSortId[16])
{
    if (!locale_uses_default_sort(ploc)) {
        FIXME("only the default sort (invariant and English locales) is implemented\n");
        return ERR_TRAP(JET_errUnicodeNormalizationNotSupported);
    }
    *pdwNlsVersion = OS_SORT_NLS_VERSION_BUILTIN;
    *pdwDefinedVersion = OS_SORT_NLS_VERSION_BUILTIN;
    memcpy(rgbSortId, rgbDefaultSortId, 16);
    return JET_errSuccess;
}
