/* SPDX-License-Identifier: MIT
 * os/os_lcmap_posix.c: Unicode sort keys and locale names on Linux: our implementation of the
 * default sort and our copy of Windows' LCID table.
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

JET_ERR os_sort_state(const struct os_sort_locale *ploc, uint32_t dwDefinedVersion, enum os_sort_state *pst)
{
    return os_sort_state_builtin(ploc, dwDefinedVersion, pst);
}

JET_ERR os_lcid_to_locale_name(uint32_t lcid, ESENT_WCHAR *wsz, uint32_t cch)
{
    return os_lcid_to_locale_name_builtin(lcid, wsz, cch);
}

JET_ERR os_locale_name_to_lcid(const ESENT_WCHAR *wsz, uint32_t *plcid)
{
    return os_locale_name_to_lcid_builtin(wsz, plcid);
}
