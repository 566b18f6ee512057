/* SPDX-License-Identifier: MIT
 * isam/isam_lcmap.c: the Unicode sort key hook of the record layer, served by the OS layer.
 * Layer: isam (uses record, os). The record layer builds index keys but may not reach the OS
 * (it depends on base only); the first use of the engine installs this hook as its process-wide
 * default (rec_lcmap_set_default), so every index whose rec_index has no hook of its own keys
 * Unicode text with os_lcmap_sortkey: LCMapStringEx on Windows, our default sort elsewhere. */
#include "isam_int.h"
#include "record.h"

static JET_ERR isam_lcmap(void *pvCtx, const struct rec_locale *ploc, const ESENT_WCHAR *pwch, uint32_t cch,
        uint8_t *pbOut, uint32_t cbOutMax, uint32_t *pcbKey)
{
    (void)pvCtx;
    ESENT_WCHAR wszName[86];
    memcpy(wszName, ploc->wszLocaleName, sizeof wszName);
    wszName[85] = 0;                /* the catalog's bytes: never trust a terminator */
    struct os_sort_locale loc = { wszName, ploc->lcid, ploc->rgbSortId, ploc->dwNlsVersion };
    /* ESE stores LCMAP_SORTKEY with the flags, except for LCMAP_UPPERCASE alone */
    uint32_t dwFlags = ploc->dwLCMapFlags;
    if (dwFlags != REC_LCMAP_UPPERCASE)
        dwFlags |= OS_LCMAP_SORTKEY;
    return os_lcmap_sortkey(&loc, dwFlags, pwch, cch, pbOut, cbOutMax, pcbKey);
}

void isam_lcmap_install(void)
{
    rec_lcmap_set_default(isam_lcmap, NULL);
}
