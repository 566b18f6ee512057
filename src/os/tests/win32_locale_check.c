/* SPDX-License-Identifier: MIT
 * os/tests/win32_locale_check.c: our copy of Windows' LCID table (os_lcid_to_locale_name_builtin,
 * os_locale_name_to_lcid_builtin: the Linux build's answers) against LCIDToLocaleName and
 * LocaleNameToLCID themselves, for every LCID up to 0xFFFFF (except the machine-dependent 0,
 * 0x400 and 0x800) and every name either knows. Runs under Wine from CTest (fixture
 * `wineprefix`) or on Windows; exits non-zero on any difference, each one printed. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "os.h"

int main(void)
{
    int cChecks = 0, cFailures = 0;
    for (DWORD lcid = 0; lcid <= 0xFFFFF; lcid++) {
        WCHAR wszWin[LOCALE_NAME_MAX_LENGTH];
        ESENT_WCHAR wszOurs[LOCALE_NAME_MAX_LENGTH];
        if (lcid == 0 || lcid == 0x400 || lcid == 0x800)
            continue;
        const bool fWin = LCIDToLocaleName(lcid, wszWin, LOCALE_NAME_MAX_LENGTH, 0) != 0;
        const JET_ERR err = os_lcid_to_locale_name_builtin(lcid, wszOurs, LOCALE_NAME_MAX_LENGTH);
        cChecks++;
        if (fWin != (err == JET_errSuccess) || (fWin && memcmp(wszWin, wszOurs, (wcslen(wszWin) + 1) * sizeof(WCHAR)))) {
            printf("LCID %#lx: Windows %ls, ours %ls (%ld)\n", (unsigned long)lcid, fWin ? wszWin : L"(none)",
                   err == JET_errSuccess ? (const WCHAR *)wszOurs : L"(none)", (long)err);
            cFailures++;
            continue;
        }
        if (!fWin)
            continue;
        uint32_t lcidOurs = 0;
        const LCID lcidWin = LocaleNameToLCID(wszWin, 0);
        const JET_ERR errBack = os_locale_name_to_lcid_builtin(wszOurs, &lcidOurs);
        cChecks++;
        if ((lcidWin != 0) != (errBack == JET_errSuccess) || lcidWin != lcidOurs) {
            printf("name %ls: Windows %#lx, ours %#lx (%ld)\n", wszWin, (unsigned long)lcidWin, (unsigned long)lcidOurs,
                   (long)errBack);
            cFailures++;
        }
    }
    printf("%d checks, %d differences\n", cChecks, cFailures);
    return cFailures ? 1 : 0;
}
