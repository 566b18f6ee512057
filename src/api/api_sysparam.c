/* SPDX-License-Identifier: MIT
 * api/api_sysparam.c: JetSetSystemParameter*, JetGetSystemParameter*, JetEnableMultiInstance*.
 * Which store a call addresses follows ESENT's jetapi: in single-instance mode the instance's
 * (the global store for global parameters); in multi-instance mode the sesid's instance, else
 * the instance argument's, else the process store; before any mode, the process store. The
 * values and rules themselves live in isam/isam_param.c. */
#include "api_int.h"
#include "os.h"
#include "utf.h"

DEBUG_CHANNEL(api);

/* Resolve the store; on success with *ppinst != NULL the caller has entered the instance
 * (isam_instance_enter_uninit) and must leave it. Called under isam_lock(). */
static JET_ERR resolve_store(JET_INSTANCE instance, JET_SESID sesid, ESENT_ULONG paramid,
                             struct isam_instance **ppinst, struct param_store **pps,
                             enum param_target *ptarget)
{
    struct isam_instance *inst = NULL;
    const struct param_info *info = param_info(paramid);
    bool global = info && (info->flags & PARAM_GLOBAL);

    *ppinst = NULL;
    switch (isam_run_mode()) {
    case ISAM_MODE_ONE_INSTANCE:
        if (!global)
            for (uint32_t i = 0; i < isam_instance_slots() && !inst; i++)
                inst = isam_instance_at(i);
        break;
    case ISAM_MODE_MULTI_INSTANCE:
        if (sesid && sesid != JET_sesidNil) {
            struct isam_session *sess = handle_lookup(HANDLE_SESSION, sesid);
            if (!sess) return ERR_TRAP(JET_errInvalidSesid);
            inst = sess->inst;
        } else if (instance && instance != JET_instanceNil) {
            inst = handle_lookup(HANDLE_INSTANCE, instance);
            if (!inst) return ERR_TRAP(JET_errInvalidInstance);
        }
        break;
    default:
        break;
    }
    if (!inst) {
        *pps = isam_global_params();
        *ptarget = isam_run_mode() == ISAM_MODE_NOT_SET ? PARAM_TARGET_PROCESS : PARAM_TARGET_PROCESS_RUNNING;
        return JET_errSuccess;
    }
    JET_ERR err = isam_instance_enter_uninit(inst);
    if (err < 0) return err;
    *ppinst = inst;
    *pps = &inst->params;
    *ptarget = inst->state == ISAM_INST_RUNNING ? PARAM_TARGET_INSTANCE_RUNNING : PARAM_TARGET_INSTANCE;
    return JET_errSuccess;
}

/* JET_paramTransactionLevel: deprecated, no longer in the SDK header, still answered by ESENT. */
#define PARAM_TRANSACTION_LEVEL 38u

/* JET_paramCommitDefault and JET_paramTransactionLevel name session values when a session is
 * given (ESENT's ErrSetSystemParameter / ErrGetSystemParameter look at the PIB). */
static struct isam_session *session_for(JET_SESID sesid, ESENT_ULONG paramid)
{
    if (paramid != JET_paramCommitDefault && paramid != PARAM_TRANSACTION_LEVEL) return NULL;
    if (!sesid || sesid == JET_sesidNil) return NULL;
    return handle_lookup(HANDLE_SESSION, sesid);
}

static JET_ERR set_param(JET_INSTANCE *pinstance, JET_SESID sesid, ESENT_ULONG paramid,
                         JET_API_PTR lParam, const ESENT_WCHAR *wszParam)
{
    JET_ERR err;
    struct isam_instance *inst;
    struct param_store *ps;
    enum param_target target;

    isam_lock();
    err = resolve_store(pinstance ? *pinstance : 0, sesid, paramid, &inst, &ps, &target);
    if (err >= 0) {
        struct isam_session *sess = session_for(sesid, paramid);
        if (sess && paramid == JET_paramCommitDefault) {
            /* The same bits as the instance's default (ESE's SetCommitDefault checks them
             * before it looks at the session). */
            if ((ESENT_ULONG)lParam & ~PARAM_COMMIT_DEFAULT_BITS) err = ERR_TRAP(JET_errInvalidParameter);
            else sess->grbitCommitDefault = (JET_GRBIT)lParam;
        } else
            err = param_set(ps, target, paramid, lParam, wszParam);
        if (inst) isam_instance_leave(inst);
    }
    isam_unlock();
    return err;
}

static JET_ERR get_param(JET_INSTANCE instance, JET_SESID sesid, ESENT_ULONG paramid,
                         JET_API_PTR *plParam, ESENT_WCHAR *wszParam, size_t cbMax)
{
    JET_ERR err;
    struct isam_instance *inst;
    struct param_store *ps;
    enum param_target target;

    isam_lock();
    err = resolve_store(instance, sesid, paramid, &inst, &ps, &target);
    if (err >= 0) {
        struct isam_session *sess = session_for(sesid, paramid);
        if (sess && plParam) {
            /* ESENT writes only the low 32 bits of a session's commit default. */
            if (paramid == JET_paramCommitDefault) *(ESENT_ULONG *)plParam = (ESENT_ULONG)sess->grbitCommitDefault;
            else *plParam = sess->trx_level;
        } else {
            err = param_get(ps, target, paramid, plParam, wszParam, cbMax);
        }
        if (inst) isam_instance_leave(inst);
    }
    isam_unlock();
    return err;
}

JET_ERR JET_API JetSetSystemParameterW(JET_INSTANCE *pinstance, JET_SESID sesid, ESENT_ULONG paramid,
                                       JET_API_PTR lParam, JET_PCWSTR wszParam)
{
    TRACE("(%p, %#lx, %lu, %#lx, %s)", (void *)pinstance, (unsigned long)sesid, (unsigned long)paramid,
          (unsigned long)lParam, debugstr_w(wszParam));
    return api_return(set_param(pinstance, sesid, paramid, lParam, wszParam));
}

JET_ERR JET_API JetSetSystemParameterA(JET_INSTANCE *pinstance, JET_SESID sesid, ESENT_ULONG paramid,
                                       JET_API_PTR lParam, JET_PCSTR szParam)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL;
    TRACE("(%p, %#lx, %lu, %#lx, %s)", (void *)pinstance, (unsigned long)sesid, (unsigned long)paramid,
          (unsigned long)lParam, debugstr_a(szParam));
    CALL(api_wsz_from_a(szParam, &wsz));
    err = set_param(pinstance, sesid, paramid, lParam, wsz);
out:
    mem_free(wsz);
    return api_return(err);
}

JET_ERR JET_API JetGetSystemParameterW(JET_INSTANCE instance, JET_SESID sesid, ESENT_ULONG paramid,
                                       JET_API_PTR *plParam, JET_PWSTR wszParam, ESENT_ULONG cbMax)
{
    TRACE("(%#lx, %#lx, %lu, %p, %p, %lu)", (unsigned long)instance, (unsigned long)sesid,
          (unsigned long)paramid, (void *)plParam, (void *)wszParam, (unsigned long)cbMax);
    /* cbMax goes through even without a string buffer: JET_paramUnicodeIndexDefault reads its
     * structure through plParam with cbMax its size. */
    return api_return(get_param(instance, sesid, paramid, plParam, wszParam, cbMax));
}

/* Whether wsz survives the trip to the ANSI code page and back (ESENT converts without a
 * lossy default character: JET_errUnicodeTranslationFail). */
static bool acp_is_lossless(const ESENT_WCHAR *wsz, const char *sz)
{
    ESENT_WCHAR *back = NULL;
    if (os_acp_to_utf16(sz, &back) < 0) return false;
    const bool same = back && wstr_cmp(back, wsz) == 0;
    mem_free(back);
    return same;
}

/* ESENT reads the wide value into a buffer of cbMax WCHARs, returns a failure as it is, then
 * converts into the caller's cbMax bytes. Without a buffer cbMax goes through unchanged. */
JET_ERR JET_API JetGetSystemParameterA(JET_INSTANCE instance, JET_SESID sesid, ESENT_ULONG paramid,
                                       JET_API_PTR *plParam, JET_PSTR szParam, ESENT_ULONG cbMax)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL;
    TRACE("(%#lx, %#lx, %lu, %p, %p, %lu)", (unsigned long)instance, (unsigned long)sesid,
          (unsigned long)paramid, (void *)plParam, (void *)szParam, (unsigned long)cbMax);
    if (!szParam || !cbMax) {
        err = get_param(instance, sesid, paramid, plParam, NULL, cbMax);
        goto out;
    }
    wsz = mem_calloc(cbMax, sizeof(ESENT_WCHAR));
    if (!wsz) FAIL(JET_errOutOfMemory);
    CALL(get_param(instance, sesid, paramid, plParam, wsz, (size_t)cbMax * sizeof(ESENT_WCHAR)));
    JET_ERR errConv = os_utf16_to_acp(wsz, szParam, cbMax, NULL);
    if (errConv == JET_wrnBufferTruncated) errConv = ERR_TRAP(JET_errBufferTooSmall);
    else if (errConv < 0 || !acp_is_lossless(wsz, szParam)) errConv = ERR_TRAP(JET_errUnicodeTranslationFail);
    if (errConv < 0) err = errConv;
out:
    mem_free(wsz);
    return api_return(err);
}

/* Whether the process store holds what a later JetEnableMultiInstance lists (ESE compares the
 * stored value: numbers exactly, JET_paramConfiguration without JET_configDefault, strings
 * exactly with NULL only equal to NULL; placeholders never match). */
static bool param_matches(const struct param_store *global, const JET_SETSYSPARAM_W *p)
{
    const struct param_info *info = param_info(p->paramid);
    switch (info->type) {
    case PARAM_TYPE_NONE:
        return false;
    case PARAM_TYPE_STRING: case PARAM_TYPE_FOLDER: case PARAM_TYPE_PATH: {
        const ESENT_WCHAR *wsz = global->wsz[p->paramid];
        if (!wsz || !p->sz) return wsz == (const ESENT_WCHAR *)p->sz;
        return wstr_cmp(wsz, p->sz) == 0;
    }
    default:
        break;
    }
    JET_API_PTR v = global->num[p->paramid];
    /* ESE keeps these two outside the value it compares, which stays the table's default. */
    if (p->paramid == JET_paramCommitDefault || p->paramid == JET_paramCacheSize) v = info->def;
    if (p->paramid == JET_paramConfiguration) v &= ~(JET_API_PTR)JET_configDefault;
    return v == p->lParam;
}

/* The process-wide parameters that are fixed once the engine runs: a later caller must list
 * exactly the ones that were set. */
static bool is_fixed_global(const struct param_info *info)
{
    return (info->flags & PARAM_GLOBAL) && (info->flags & PARAM_LOCK_RUNNING);
}

/* ESENT's JetEnableMultiInstanceEx: sets the process-wide parameters and enters multi-instance
 * mode; once in that mode it only checks that the parameters match what is set. */
static JET_ERR enable_multi_instance(JET_SETSYSPARAM_W *psetsysparam, ESENT_ULONG csetsysparam,
                                     ESENT_ULONG *pcsetsucceed)
{
    JET_ERR err = JET_errSuccess;
    ESENT_ULONG csucceed = 0;
    struct param_store *global;

    isam_lock();
    global = isam_global_params();
    if (csetsysparam && !psetsysparam) FAIL(JET_errInvalidParameter);
    if (isam_run_mode() != ISAM_MODE_NOT_SET) {
        bool listed[PARAM_ID_COUNT] = { false };
        if (isam_run_mode() != ISAM_MODE_MULTI_INSTANCE) FAIL(JET_errRunningInOneInstanceMode);
        for (ESENT_ULONG i = 0; i < csetsysparam; i++) {
            JET_SETSYSPARAM_W *p = &psetsysparam[i];
            const struct param_info *info = param_info(p->paramid);
            if (!info) FAIL(JET_errInvalidParameter);
            if ((is_fixed_global(info) && !param_written(global, p->paramid)) || !param_matches(global, p)) {
                p->err = ERR_TRAP(JET_errSystemParameterConflict);
                FAIL(JET_errSystemParameterConflict);
            }
            listed[p->paramid] = true;
            p->err = JET_errSuccess;
            csucceed++;
        }
        for (ESENT_ULONG id = 0; id < PARAM_ID_COUNT; id++)
            if (is_fixed_global(param_info(id)) && param_written(global, id) != listed[id])
                FAIL(JET_errSystemParameterConflict);
        FAIL(JET_errSystemParamsAlreadySet);
    }
    for (ESENT_ULONG i = 0; i < csetsysparam; i++) {
        JET_SETSYSPARAM_W *p = &psetsysparam[i];
        p->err = param_set(global, PARAM_TARGET_PROCESS, p->paramid, p->lParam, p->sz);
        CALL(p->err);
        csucceed++;
    }
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
out:
    isam_unlock();
    if (pcsetsucceed) *pcsetsucceed = csucceed;
    return err;
}

JET_ERR JET_API JetEnableMultiInstanceW(JET_SETSYSPARAM_W *psetsysparam, ESENT_ULONG csetsysparam,
                                        ESENT_ULONG *pcsetsucceed)
{
    TRACE("(%p, %lu, %p)", (void *)psetsysparam, (unsigned long)csetsysparam, (void *)pcsetsucceed);
    return api_return(enable_multi_instance(psetsysparam, csetsysparam, pcsetsucceed));
}

JET_ERR JET_API JetEnableMultiInstanceA(JET_SETSYSPARAM_A *psetsysparam, ESENT_ULONG csetsysparam,
                                        ESENT_ULONG *pcsetsucceed)
{
    JET_ERR err = JET_errSuccess;
    JET_SETSYSPARAM_W *wparams = NULL;
    TRACE("(%p, %lu, %p)", (void *)psetsysparam, (unsigned long)csetsysparam, (void *)pcsetsucceed);
    /* ESENT's A form refuses an array without a count too, and returns before the W core
     * would write *pcsetsucceed. */
    if ((csetsysparam && !psetsysparam) || (!csetsysparam && psetsysparam))
        return api_return(ERR_TRAP(JET_errInvalidParameter));
    if (csetsysparam) {
        wparams = mem_calloc(csetsysparam, sizeof *wparams);
        if (!wparams) FAIL(JET_errOutOfMemory);
        for (ESENT_ULONG i = 0; i < csetsysparam; i++) {
            wparams[i].paramid = psetsysparam[i].paramid;
            wparams[i].lParam = psetsysparam[i].lParam;
            wparams[i].err = psetsysparam[i].err;
            CALL(api_wsz_from_a(psetsysparam[i].sz, (ESENT_WCHAR **)&wparams[i].sz));
        }
    }
    err = enable_multi_instance(wparams, csetsysparam, pcsetsucceed);
    for (ESENT_ULONG i = 0; i < csetsysparam; i++)
        psetsysparam[i].err = wparams[i].err;
out:
    if (wparams)
        for (ESENT_ULONG i = 0; i < csetsysparam; i++)
            mem_free((void *)wparams[i].sz);
    mem_free(wparams);
    return api_return(err);
}
