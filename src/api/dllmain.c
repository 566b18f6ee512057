/* SPDX-License-Identifier: MIT
 * api/dllmain.c: process attach and detach, the only place besides src/os and the public header
 * where the platform shows: DllMain for esent.dll, a constructor/destructor pair for libesent.so. */
#include "api_int.h"

#if defined(_WIN32)
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE hinst, DWORD reason, LPVOID reserved);

BOOL WINAPI DllMain(HINSTANCE hinst, DWORD reason, LPVOID reserved)
{
    switch (reason) {
    case DLL_PROCESS_ATTACH:
        DisableThreadLibraryCalls(hinst);
        api_process_attach();
        break;
    case DLL_PROCESS_DETACH:
        /* reserved != NULL: the process is exiting; other threads are gone and nothing may wait. */
        api_process_detach(reserved != NULL);
        break;
    }
    return TRUE;
}
#else
__attribute__((constructor)) static void esent_load(void)
{
    api_process_attach();
}

__attribute__((destructor)) static void esent_unload(void)
{
    api_process_detach(true);
}
#endif
