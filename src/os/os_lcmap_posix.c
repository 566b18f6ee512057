/* SPDX-License-Identifier: MIT
 * os/os_lcmap_posix.c: Unicode sort keys on Linux: our implementation of the default sort.
 * Layer: os (uses base). */
#include "os.h"

JET_ERR os_lcmap_sortkey(const struct os_sort_locale *ploc, uint32_t dwFlags, const ESENT_WCHAR *pwch, uint32_t cch,
        uint8_t *pbKey, uint32_t cbKeyMax, uint32_t *pcbKey)
{
    return os_lcmap_sortkey_builtin(ploc, dwFlags, pwch, cch, pbKey, cbKeyMax, pcbKey);
}

JET_ERR os_sort_version(const struct os_sort_locale *ploc, uint32_t *pdwNlsVersion, uint32_t *pdwDefinedVersion,
        uint8_t rgbSortId[16])
{
    return os_sort_version_builtin(ploc, pdwNlsVersion, pdwDefinedVersion, rgbSortId);
}
