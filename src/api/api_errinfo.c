/* SPDX-License-Identifier: MIT
 * api/api_errinfo.c: JetGetErrorInfoW: the category of an error code and its place in the
 * JET_ERRCAT hierarchy (base/err_table.c holds the data). Argument rules are ESENT's: an unknown
 * info level, a NULL context or any grbit give JET_errInvalidParameter, a short buffer gives
 * JET_errInvalidBufferSize, and a code ESENT does not know gives JET_errInvalidParameter. */
#include "api_int.h"
#include "err_table.h"

DEBUG_CHANNEL(api);

static JET_ERR get_error_info(void *pvContext, void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel, JET_GRBIT grbit)
{
    JET_ERRINFOBASIC_W *info = pvResult;
    JET_ERRCAT hierarchy[8];

    if (InfoLevel != JET_ErrorInfoSpecificErr || !pvContext) return ERR_TRAP(JET_errInvalidParameter);
    if (grbit != 0) return ERR_TRAP(JET_errInvalidParameter);
    if (cbMax < sizeof(JET_ERRINFOBASIC_W) || !pvResult) return ERR_TRAP(JET_errInvalidBufferSize);

    JET_ERR code;
    memcpy(&code, pvContext, sizeof code);
    if (!err_name(code)) return ERR_TRAP(JET_errInvalidParameter);
    JET_ERRCAT cat = err_category(code);
    int n = err_category_hierarchy(cat, hierarchy);
    if (n <= 0) return ERR_TRAP(JET_errInvalidParameter);

    info->cbStruct = sizeof(JET_ERRINFOBASIC_W);
    info->errValue = code;
    info->errcatMostSpecific = cat;
    for (int i = 0; i < 8; i++)
        info->rgCategoricalHierarchy[i] = (unsigned char)(i < n ? hierarchy[i] : JET_errcatUnknown);
    info->lSourceLine = 0;
    info->rgszSourceFile[0] = 0;
    return JET_errSuccess;
}

JET_ERR JET_API JetGetErrorInfoW(void *pvContext, void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel, JET_GRBIT grbit)
{
    TRACE("(%p, %p, %lu, %lu, %#lx)", pvContext, pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel, (unsigned long)grbit);
    return api_return(get_error_info(pvContext, pvResult, cbMax, InfoLevel, grbit));
}
