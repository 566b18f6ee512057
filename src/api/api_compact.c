/* SPDX-License-Identifier: MIT
 * api/api_compact.c: JetCompactA, JetCompactW (offline compaction). The engine's work is
 * isam_compact (isam/isam_compact.c); this file checks what needs no engine state and enters
 * the session, in jetapi.cxx's order: the session, then JET_CONVERT (obsolete: any given is
 * JET_errFeatureNotAvailable, as ErrIsamCompact answers), then the engine's checks. */
#include "api_int.h"
#include "isam_compact.h"

DEBUG_CHANNEL(api);

static JET_ERR compact(JET_SESID sesid, const ESENT_WCHAR *wszSrc, const ESENT_WCHAR *wszDest, JET_PFNSTATUS pfnStatus,
        bool fConvert, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    CALL(api_session_enter(sesid, &sess));
    if (fConvert) FAIL(JET_errFeatureNotAvailable);
    if (!wszSrc || !wszDest) FAIL(JET_errInvalidParameter);
    err = isam_compact(sess, wszSrc, wszDest, pfnStatus, grbit);
out:
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetCompactW(JET_SESID sesid, JET_PCWSTR wszDatabaseSrc, JET_PCWSTR wszDatabaseDest,
        JET_PFNSTATUS pfnStatus, JET_CONVERT_W *pconvert, JET_GRBIT grbit)
{
    JET_ERR err;
    TRACE("(%#lx, %s, %s, %p, %p, %#lx)", (unsigned long)sesid, debugstr_w(wszDatabaseSrc), debugstr_w(wszDatabaseDest),
          (void *)(uintptr_t)pfnStatus, (void *)pconvert, (unsigned long)grbit);
    CALL_R(api_check_sesid(sesid));
    return api_return(compact(sesid, wszDatabaseSrc, wszDatabaseDest, pfnStatus, pconvert != NULL, grbit));
}

JET_ERR JET_API JetCompactA(JET_SESID sesid, JET_PCSTR szDatabaseSrc, JET_PCSTR szDatabaseDest,
        JET_PFNSTATUS pfnStatus, JET_CONVERT_A *pconvert, JET_GRBIT grbit)
{
    JET_ERR err;
    ESENT_WCHAR *wszSrc = NULL, *wszDest = NULL;
    TRACE("(%#lx, %s, %s, %p, %p, %#lx)", (unsigned long)sesid, debugstr_a(szDatabaseSrc), debugstr_a(szDatabaseDest),
          (void *)(uintptr_t)pfnStatus, (void *)pconvert, (unsigned long)grbit);
    CALL_R(api_check_sesid(sesid));
    if (szDatabaseSrc) CALL(api_wsz_from_a(szDatabaseSrc, &wszSrc));
    if (szDatabaseDest) CALL(api_wsz_from_a(szDatabaseDest, &wszDest));
    err = api_return(compact(sesid, wszSrc, wszDest, pfnStatus, pconvert != NULL, grbit));
out:
    mem_free(wszSrc);
    mem_free(wszDest);
    return err;
}
