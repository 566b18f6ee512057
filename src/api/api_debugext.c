/* SPDX-License-Identifier: MIT
 * api/api_debugext.c: the WinDbg extension entry points Windows' esent.dll exports. Ours offers
 * no debugger commands: the extension declines to load (E_NOTIMPL), `!ese` says so, and the
 * globals table is empty. */
#include "api_int.h"
#include "esent_private.h"

DEBUG_CHANNEL(api);

#define E_NOTIMPL_ ((ESENT_LONG)0x80004001L)

const struct esent_dbg_global rgEDBGGlobals[] = { { NULL, 0, NULL } };

ESENT_LONG JET_API DebugExtensionInitialize(ESENT_ULONG *pVersion, ESENT_ULONG *pFlags)
{
    FIXME("(%p, %p): no debugger extension", (void *)pVersion, (void *)pFlags);
    return E_NOTIMPL_;
}

void JET_API DebugExtensionNotify(ESENT_ULONG Notify, ESENT_UINT64 Argument)
{
    TRACE("(%lu, %#llx)", (unsigned long)Notify, (unsigned long long)Argument);
}

void JET_API DebugExtensionUninitialize(void)
{
    TRACE("()");
}

ESENT_LONG JET_API ese(void *pDebugClient, const char *szArgs)
{
    FIXME("(%p, %s): no debugger extension", pDebugClient, debugstr_a(szArgs));
    return E_NOTIMPL_;
}
