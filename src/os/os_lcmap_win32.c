/* SPDX-License-Identifier: MIT
 * os/os_lcmap_win32.c: Unicode sort keys and locale names on Windows: LCMapStringEx,
 * LCIDToLocaleName and LocaleNameToLCID themselves.
 * Layer: os (uses base). The locale is the index's name, else the name of its LCID (catalogs
 * older than locale names), else the invariant locale. No NLSVERSIONINFO is passed: keys are the
 * running Windows' current sort (ESE compares the NLS versions when it attaches a database). */
#include <limits.h>
#include <windows.h>
#include "os.h"
#include "debug.h"

DEBUG_CHANNEL(os);

#if WINVER < 0x0602
/* In kernel32 since Windows Vista; MinGW's winnls.h declares it for Windows 8 targets only. */
WINBASEAPI DWORD WINAPI IsValidNLSVersion(NLS_FUNCTION function, LPCWSTR lpLocaleName,
                                          LPNLSVERSIONINFOEX lpVersionInformation);
#endif

_Static_assert(OS_LCMAP_SORTKEY == LCMAP_SORTKEY && OS_LCMAP_UPPERCASE == LCMAP_UPPERCASE &&
               OS_NORM_IGNORECASE == NORM_IGNORECASE && OS_NORM_IGNORENONSPACE == NORM_IGNORENONSPACE &&
               OS_NORM_IGNORESYMBOLS == NORM_IGNORESYMBOLS && OS_SORT_STRINGSORT == SORT_STRINGSORT &&
               OS_NORM_IGNOREKANATYPE == NORM_IGNOREKANATYPE && OS_NORM_IGNOREWIDTH == NORM_IGNOREWIDTH,
               "winnls.h flag values");

static JET_ERR lcmap_failed(const char *szWhat)
{
    DWORD e = GetLastError();
    WARN("%s failed: error %lu\n", szWhat, (unsigned long)e);
    if (e == ERROR_NOT_ENOUGH_MEMORY || e == ERROR_OUTOFMEMORY)
        return ERR_TRAP(JET_errOutOfMemory);
    return ERR_TRAP(JET_errUnicodeTranslationFail);
}

/* The locale name LCMapStringEx and GetNLSVersionEx get: see the file comment. */
static JET_ERR locale_name(const struct os_sort_locale *ploc, WCHAR wszName[LOCALE_NAME_MAX_LENGTH], const WCHAR **ppwsz)
{
    wszName[0] = 0;
    *ppwsz = wszName;
    if (ploc && ploc->wszName && ploc->wszName[0])
        *ppwsz = (const WCHAR *)ploc->wszName;
    else if (ploc && ploc->lcid && ploc->lcid != LOCALE_INVARIANT) {
        if (!LCIDToLocaleName(ploc->lcid, wszName, LOCALE_NAME_MAX_LENGTH, 0))
            return lcmap_failed("LCIDToLocaleName");
    }
    return JET_errSuccess;
}

/* The sort the system keys the locale with now. */
static JET_ERR current_sort(const struct os_sort_locale *ploc, WCHAR wszName[LOCALE_NAME_MAX_LENGTH],
        const WCHAR **ppwszLocale, NLSVERSIONINFOEX *pnvi)
{
    JET_ERR err;
    CALL_R(locale_name(ploc, wszName, ppwszLocale));
    memset(pnvi, 0, sizeof *pnvi);
    pnvi->dwNLSVersionInfoSize = sizeof *pnvi;
    if (!GetNLSVersionEx(COMPARE_STRING, *ppwszLocale, pnvi))
        return lcmap_failed("GetNLSVersionEx");
    return JET_errSuccess;
}

JET_ERR os_sort_version(const struct os_sort_locale *ploc, uint32_t *pdwNlsVersion, uint32_t *pdwDefinedVersion,
        uint8_t rgbSortId[16])
{
    JET_ERR err;
    WCHAR wszName[LOCALE_NAME_MAX_LENGTH];
    const WCHAR *pwszLocale;
    NLSVERSIONINFOEX nvi;
    CALL_R(current_sort(ploc, wszName, &pwszLocale, &nvi));
    *pdwNlsVersion = nvi.dwNLSVersion;
    *pdwDefinedVersion = nvi.dwDefinedVersion;
    memcpy(rgbSortId, &nvi.guidCustomVersion, 16);
    return JET_errSuccess;
}

JET_ERR os_sort_state(const struct os_sort_locale *ploc, uint32_t dwDefinedVersion, enum os_sort_state *pst)
{
    JET_ERR err;
    WCHAR wszName[LOCALE_NAME_MAX_LENGTH];
    const WCHAR *pwszLocale;
    NLSVERSIONINFOEX nvi;
    static const uint8_t rgbZero[16];
    if (!ploc || ploc->dwNlsVersion == 0) {
        *pst = OS_SORT_GONE;        /* built without sort versioning: assume the worst, as ESE */
        return JET_errSuccess;
    }
    CALL_R(current_sort(ploc, wszName, &pwszLocale, &nvi));
    const bool fSortIdSame = !ploc->pbSortId || !memcmp(ploc->pbSortId, rgbZero, 16)
                             || !memcmp(ploc->pbSortId, &nvi.guidCustomVersion, 16);
    if (os_sort_nls_versions_equal(ploc->dwNlsVersion, nvi.dwNLSVersion) && fSortIdSame) {
        *pst = OS_SORT_CURRENT;
        return JET_errSuccess;
    }
    /* Another sort: can the system still key with the recorded one? */
    memset(&nvi, 0, sizeof nvi);
    nvi.dwNLSVersionInfoSize = sizeof nvi;
    nvi.dwNLSVersion = ploc->dwNlsVersion;
    nvi.dwDefinedVersion = dwDefinedVersion;
    if (ploc->pbSortId)
        memcpy(&nvi.guidCustomVersion, ploc->pbSortId, 16);
    *pst = IsValidNLSVersion(COMPARE_STRING, pwszLocale, &nvi) ? OS_SORT_OUT_OF_DATE : OS_SORT_GONE;
    return JET_errSuccess;
}

JET_ERR os_lcmap_sortkey(const struct os_sort_locale *ploc, uint32_t dwFlags, const ESENT_WCHAR *pwch, uint32_t cch,
        uint8_t *pbKey, uint32_t cbKeyMax, uint32_t *pcbKey)
{
    static const uint8_t rgbEmpty[5] = { 1, 1, 1, 1, 0 };
    WCHAR wszName[LOCALE_NAME_MAX_LENGTH];
    const WCHAR *pwszLocale;
    const bool fSortKey = dwFlags & LCMAP_SORTKEY;
    uint8_t *pbTmp = NULL;
    JET_ERR err = JET_errSuccess;

    *pcbKey = 0;
    if ((cch && !pwch) || (cbKeyMax && !pbKey) || cch > INT_MAX / 2)
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(locale_name(ploc, wszName, &pwszLocale));
    if (cch == 0) {
        /* LCMapStringEx refuses empty input; an empty sort key is the separators alone */
        if (!fSortKey)
            return JET_errSuccess;
        if (cbKeyMax)
            memcpy(pbKey, rgbEmpty, MIN(cbKeyMax, sizeof rgbEmpty));
        *pcbKey = sizeof rgbEmpty;
        return JET_errSuccess;
    }
    int c = LCMapStringEx(pwszLocale, dwFlags, (LPCWSTR)pwch, (int)cch, NULL, 0, NULL, NULL, 0);
    if (c <= 0)
        return lcmap_failed("LCMapStringEx");
    const uint32_t cb = fSortKey ? (uint32_t)c : 2u * (uint32_t)c;
    uint8_t *pbOut = pbKey;
    if (cb > cbKeyMax) {
        pbOut = pbTmp = mem_alloc(cb);
        if (!pbTmp)
            return ERR_TRAP(JET_errOutOfMemory);
    }
    if (LCMapStringEx(pwszLocale, dwFlags, (LPCWSTR)pwch, (int)cch, (LPWSTR)pbOut, fSortKey ? (int)cb : (int)(cb / 2),
                NULL, NULL, 0) <= 0) {
        err = lcmap_failed("LCMapStringEx");
        goto out;
    }
    if (pbTmp && cbKeyMax)
        memcpy(pbKey, pbTmp, cbKeyMax);
    *pcbKey = cb;
out:
    mem_free(pbTmp);
    return err;
}

JET_ERR os_lcid_to_locale_name(uint32_t lcid, ESENT_WCHAR *wsz, uint32_t cch)
{
    if (cch == 0)
        return ERR_TRAP(JET_errBufferTooSmall);
    if (!LCIDToLocaleName(lcid, (WCHAR *)wsz, (int)MIN(cch, (uint32_t)INT_MAX), 0))
        return ERR_TRAP(GetLastError() == ERROR_INSUFFICIENT_BUFFER ? JET_errBufferTooSmall : JET_errInvalidLanguageId);
    return JET_errSuccess;
}

JET_ERR os_locale_name_to_lcid(const ESENT_WCHAR *wsz, uint32_t *plcid)
{
    const LCID lcid = wsz ? LocaleNameToLCID((const WCHAR *)wsz, 0) : 0;
    *plcid = lcid;
    return lcid ? JET_errSuccess : ERR_TRAP(JET_errInvalidLanguageId);
}
