/* SPDX-License-Identifier: MIT
 * api/tests/udd_callbacks.c: a module of user-defined default callbacks (JET_CALLBACK) that
 * test_callback.c names in its columns ("<this module>!function"), loaded by the engine through
 * os_library_symbol as an application's DLL would be. */
#include <string.h>

#include "esent.h"

/* the build hides symbols by default; these are the module's exports */
#define UDD_EXPORT __attribute__((visibility("default")))

/* Calls made, read by the test through the same module. */
UDD_EXPORT ESENT_ULONG g_cUddCalls;
UDD_EXPORT ESENT_ULONG g_columnidLast;

/* The value is the user data up to its NUL, or "none" without any. */
UDD_EXPORT JET_ERR JET_API udd_copy(JET_SESID sesid, JET_DBID dbid, JET_TABLEID tableid, JET_CBTYP cbtyp, void *pvArg1,
        void *pvArg2, void *pvContext, JET_API_PTR ulUnused)
{
    ESENT_ULONG *pcb = pvArg2;
    const char *sz = pvContext ? (const char *)pvContext : "none";
    const ESENT_ULONG cb = (ESENT_ULONG)strlen(sz);
    (void)sesid, (void)dbid, (void)tableid;
    g_cUddCalls++;
    g_columnidLast = (ESENT_ULONG)ulUnused;
    if (cbtyp != JET_cbtypUserDefinedDefaultValue)
        return JET_errCallbackFailed;
    memcpy(pvArg1, sz, cb < *pcb ? cb : *pcb);
    *pcb = cb;
    return JET_errSuccess;
}

/* The value is NULL. */
UDD_EXPORT JET_ERR JET_API udd_null(JET_SESID sesid, JET_DBID dbid, JET_TABLEID tableid, JET_CBTYP cbtyp, void *pvArg1,
        void *pvArg2, void *pvContext, JET_API_PTR ulUnused)
{
    (void)sesid, (void)dbid, (void)tableid, (void)cbtyp, (void)pvArg1, (void)pvContext, (void)ulUnused;
    g_cUddCalls++;
    *(ESENT_ULONG *)pvArg2 = 0;
    return JET_wrnColumnNull;
}

/* The callback fails. */
UDD_EXPORT JET_ERR JET_API udd_fail(JET_SESID sesid, JET_DBID dbid, JET_TABLEID tableid, JET_CBTYP cbtyp, void *pvArg1,
        void *pvArg2, void *pvContext, JET_API_PTR ulUnused)
{
    (void)sesid, (void)dbid, (void)tableid, (void)cbtyp, (void)pvArg1, (void)pvArg2, (void)pvContext, (void)ulUnused;
    g_cUddCalls++;
    return JET_errDiskIO;
}
