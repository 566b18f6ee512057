/* SPDX-License-Identifier: MIT
 * os/os_locale.c: LCIDs and locale names from our copy of Windows' table (os_locale_table.c), on
 * every platform: what the Linux build answers for LCIDToLocaleName / LocaleNameToLCID, and what
 * the Windows build's tests compare with Windows itself. Layer: os (uses base). */
#include <string.h>

#include "os_lcmap_int.h"

static int ascii_lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/* <0, 0, >0 as the UTF-16 name sorts before, equal to or after the table's name, both in
 * ASCII lower case; a character outside ASCII sorts after every table name. */
static int name_cmp(const ESENT_WCHAR *wsz, const char *sz)
{
    for (;; wsz++, sz++) {
        const int a = *wsz < 0x80 ? ascii_lower(*wsz) : 0x80 + *wsz;
        const int b = ascii_lower((unsigned char)*sz);
        if (a != b || !a)
            return a - b;
    }
}

JET_ERR os_lcid_to_locale_name_builtin(uint32_t lcid, ESENT_WCHAR *wsz, uint32_t cch)
{
    size_t lo = 0, hi = os_locale_by_lcid_count;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (os_locale_by_lcid[mid].lcid < lcid)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == os_locale_by_lcid_count || os_locale_by_lcid[lo].lcid != lcid)
        return ERR_TRAP(JET_errInvalidLanguageId);
    const char *sz = os_locale_by_lcid[lo].szName;
    const size_t n = strlen(sz);
    if (cch <= n)
        return ERR_TRAP(JET_errBufferTooSmall);
    for (size_t i = 0; i <= n; i++)
        wsz[i] = (unsigned char)sz[i];
    return JET_errSuccess;
}

JET_ERR os_locale_name_to_lcid_builtin(const ESENT_WCHAR *wsz, uint32_t *plcid)
{
    size_t lo = 0, hi = os_locale_by_name_count;
    *plcid = 0;
    if (!wsz)
        return ERR_TRAP(JET_errInvalidLanguageId);
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        const int cmp = name_cmp(wsz, os_locale_by_name[mid].szName);
        if (cmp == 0) {
            *plcid = os_locale_by_name[mid].lcid;
            return JET_errSuccess;
        }
        if (cmp > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return ERR_TRAP(JET_errInvalidLanguageId);
}
