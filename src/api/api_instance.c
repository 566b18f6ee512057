/* SPDX-License-Identifier: MIT
 * api/api_instance.c: instance lifecycle exports: JetCreateInstance*, JetEnableMultiInstance*,
 * JetInit*, JetTerm*, JetStopService*, JetGetInstanceInfo*, JetGetVersion, JetFreeBuffer.
 * The run-mode and error rules follow ESENT's jetapi (see isam.h for the state machines). */
#include "api_int.h"
#include "os.h"
#include "utf.h"

DEBUG_CHANNEL(api);

/* JetGetVersion: ESENT packs image major (4 bits), image minor (4), build major (16) and the
 * service pack (8). We report Windows 10 version 2004, build 10.0.19041, the esent.dll whose
 * export table we reproduce (README "Version"). */
#define ESENT_VERSION_MAJOR 10u
#define ESENT_VERSION_MINOR 0u
#define ESENT_VERSION_BUILD 19041u
#define ESENT_VERSION_SP    0u
/* Windows 10's esent.dll accepts this JetStopServiceInstance2 bit, which the SDK header does not
 * publish: stop logging and emit the last chunk of log. */
#define STOP_SERVICE_STOP_AND_EMIT_LOG 0x00000008u

#define ESENT_VERSION ((ESENT_VERSION_MAJOR << 28) | (ESENT_VERSION_MINOR << 24) | (ESENT_VERSION_BUILD << 8) | ESENT_VERSION_SP)

/* Give a new instance its handle; frees it on failure. Under isam_lock(). */
static JET_ERR instance_publish(struct isam_instance *inst)
{
    JET_ERR err = handle_alloc(HANDLE_INSTANCE, inst, &inst->handle);
    if (err < 0) isam_instance_free(inst);
    return err;
}

/* Retire a never-initialized or terminated instance. Under isam_lock(). */
static void instance_retire(struct isam_instance *inst)
{
    handle_free(HANDLE_INSTANCE, inst->handle);
    isam_instance_free(inst);
}

static JET_ERR create_instance(JET_INSTANCE *pinstance, const ESENT_WCHAR *wszName, const ESENT_WCHAR *wszDisplay)
{
    JET_ERR err;
    struct isam_instance *inst;

    if (!pinstance) return ERR_TRAP(JET_errInvalidParameter);
    *pinstance = JET_instanceNil;
    isam_lock();
    if (isam_run_mode() == ISAM_MODE_ONE_INSTANCE) {
        isam_unlock();
        return ERR_TRAP(JET_errRunningInOneInstanceMode);
    }
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    err = isam_instance_new(wszName, wszDisplay, &inst);
    if (err >= 0) err = instance_publish(inst);
    if (err >= 0) *pinstance = inst->handle;
    isam_unlock();
    return err;
}

JET_ERR JET_API JetCreateInstance2W(JET_INSTANCE *pinstance, JET_PCWSTR wszInstanceName,
                                    JET_PCWSTR wszDisplayName, JET_GRBIT grbit)
{
    TRACE("(%p, %s, %s, %#lx)", (void *)pinstance, debugstr_w(wszInstanceName), debugstr_w(wszDisplayName), (unsigned long)grbit);
    /* ESE ignores grbit here ("currently unused"). */
    return api_return(create_instance(pinstance, wszInstanceName, wszDisplayName));
}

JET_ERR JET_API JetCreateInstance2A(JET_INSTANCE *pinstance, JET_PCSTR szInstanceName,
                                    JET_PCSTR szDisplayName, JET_GRBIT grbit)
{
    JET_ERR err;
    ESENT_WCHAR *wszName = NULL, *wszDisplay = NULL;
    TRACE("(%p, %s, %s, %#lx)", (void *)pinstance, debugstr_a(szInstanceName), debugstr_a(szDisplayName), (unsigned long)grbit);
    CALL(api_wsz_from_a(szInstanceName, &wszName));
    CALL(api_wsz_from_a(szDisplayName, &wszDisplay));
    err = create_instance(pinstance, wszName, wszDisplay);
out:
    mem_free(wszName);
    mem_free(wszDisplay);
    return api_return(err);
}

JET_ERR JET_API JetCreateInstanceW(JET_INSTANCE *pinstance, JET_PCWSTR wszInstanceName)
{
    return JetCreateInstance2W(pinstance, wszInstanceName, NULL, 0);
}

JET_ERR JET_API JetCreateInstanceA(JET_INSTANCE *pinstance, JET_PCSTR szInstanceName)
{
    return JetCreateInstance2A(pinstance, szInstanceName, NULL, 0);
}

/* JetInit, JetInit2, JetInit3 (A/W): ESENT's JetInitEx. */
static JET_ERR init_instance(JET_INSTANCE *pinstance, ESENT_ULONG cbRstInfo, bool have_rstinfo, JET_GRBIT grbit)
{
    JET_ERR err;
    bool allocate = !pinstance || *pinstance == 0 || *pinstance == JET_instanceNil;
    struct isam_instance *inst = NULL;

    if (allocate && pinstance) *pinstance = JET_instanceNil;
    isam_lock();
    if (isam_run_mode() == ISAM_MODE_MULTI_INSTANCE && !pinstance) {
        isam_unlock();
        return ERR_TRAP(JET_errRunningInMultiInstanceMode);
    }
    if (isam_run_mode() == ISAM_MODE_ONE_INSTANCE && isam_instance_count() != 0) {
        isam_unlock();
        return ERR_TRAP(JET_errAlreadyInitialized);
    }
    if (have_rstinfo && cbRstInfo != sizeof(JET_RSTINFO_W)) {
        isam_unlock();
        return ERR_TRAP(JET_errInvalidParameter);
    }
    if (isam_run_mode() == ISAM_MODE_NOT_SET) isam_set_run_mode(ISAM_MODE_ONE_INSTANCE);
    if (isam_run_mode() == ISAM_MODE_ONE_INSTANCE) allocate = true;
    if (allocate) {
        err = isam_instance_new(NULL, NULL, &inst);
        if (err >= 0) err = instance_publish(inst);
    } else {
        inst = handle_lookup(HANDLE_INSTANCE, *pinstance);
        err = inst ? JET_errSuccess : ERR_TRAP(JET_errInvalidParameter);
    }
    isam_unlock();
    if (err < 0) return err;

    err = isam_instance_init(inst, grbit);
    if (err >= 0) {
        if (allocate && pinstance) *pinstance = inst->handle;
        return err;
    }
    /* A failed JetInit frees the instance, whether it made it or JetCreateInstance did, except
     * when the instance was already running (ESE's TermAlloc path). */
    if (err != JET_errAlreadyInitialized && (allocate || (pinstance && *pinstance != 0 && *pinstance != JET_instanceNil))) {
        isam_lock();
        instance_retire(inst);
        isam_unlock();
        if (pinstance) *pinstance = 0;
    }
    return err;
}

JET_ERR JET_API JetInit(JET_INSTANCE *pinstance)
{
    TRACE("(%p)", (void *)pinstance);
    return api_return(init_instance(pinstance, 0, false, 0));
}

JET_ERR JET_API JetInit2(JET_INSTANCE *pinstance, JET_GRBIT grbit)
{
    TRACE("(%p, %#lx)", (void *)pinstance, (unsigned long)grbit);
    return api_return(init_instance(pinstance, 0, false, grbit));
}

JET_ERR JET_API JetInit3W(JET_INSTANCE *pinstance, JET_RSTINFO_W *prstInfo, JET_GRBIT grbit)
{
    TRACE("(%p, %p, %#lx)", (void *)pinstance, (void *)prstInfo, (unsigned long)grbit);
    if (prstInfo && prstInfo->crstmap)
        FIXME("restore maps are accepted but there is nothing to recover yet");
    return api_return(init_instance(pinstance, prstInfo ? prstInfo->cbStruct : 0, prstInfo != NULL, grbit));
}

JET_ERR JET_API JetInit3A(JET_INSTANCE *pinstance, JET_RSTINFO_A *prstInfo, JET_GRBIT grbit)
{
    TRACE("(%p, %p, %#lx)", (void *)pinstance, (void *)prstInfo, (unsigned long)grbit);
    /* JET_RSTINFO_A and _W have the same size; the maps' strings are not used before recovery. */
    return api_return(init_instance(pinstance, prstInfo ? prstInfo->cbStruct : 0, prstInfo != NULL, grbit));
}

static void retire_session_handle(struct isam_session *sess)
{
    handle_free(HANDLE_SESSION, sess->handle);
}

/* JetTerm, JetTerm2: ESENT's ErrTermComplete. */
static JET_ERR term_instance(JET_INSTANCE instance, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_instance *inst;

    CALL_R(api_instance_find(instance, &inst));
    isam_lock();
    if (inst->state == ISAM_INST_CREATED) {
        /* Allocated but never initialized: it simply goes away. */
        instance_retire(inst);
        isam_unlock();
        return JET_errSuccess;
    }
    isam_unlock();
    err = isam_instance_term(inst, grbit, retire_session_handle);
    if (err < 0 && err != JET_errDirtyShutdown) return err;
    isam_lock();
    instance_retire(inst);
    isam_unlock();
    return err;
}

JET_ERR JET_API JetTerm(JET_INSTANCE instance)
{
    TRACE("(%#lx)", (unsigned long)instance);
    return api_return(term_instance(instance, JET_bitTermAbrupt));
}

JET_ERR JET_API JetTerm2(JET_INSTANCE instance, JET_GRBIT grbit)
{
    TRACE("(%#lx, %#lx)", (unsigned long)instance, (unsigned long)grbit);
    return api_return(term_instance(instance, grbit));
}

/* ESENT's JetStopServiceInstanceExOld: new calls on the instance fail from now on. */
JET_ERR JET_API JetStopServiceInstance(JET_INSTANCE instance)
{
    JET_ERR err;
    struct isam_instance *inst;
    TRACE("(%#lx)", (unsigned long)instance);
    CALL(api_instance_find(instance, &inst));
    inst->fStopService = true;
out:
    return api_return(err);
}

JET_ERR JET_API JetStopServiceInstance2(JET_INSTANCE instance, const JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_instance *inst;
    const JET_GRBIT resumable = JET_bitStopServiceBackgroundUserTasks | JET_bitStopServiceQuiesceCaches;
    const JET_GRBIT valid = resumable | STOP_SERVICE_STOP_AND_EMIT_LOG | JET_bitStopServiceResume;
    TRACE("(%#lx, %#lx)", (unsigned long)instance, (unsigned long)grbit);

    CALL(api_instance_find(instance, &inst));
    if (grbit & ~valid) FAIL(JET_errInvalidGrbit);
    if (grbit & JET_bitStopServiceResume) {
        JET_GRBIT which = grbit & ~JET_bitStopServiceResume;
        if (!which) which = inst->grbitStopped;
        /* Only the background-task and cache-quiescing stops can be undone. */
        if (which & ~resumable) FAIL(JET_errClientRequestToStopJetService);
        inst->grbitStopped &= ~which;
    } else if (grbit & STOP_SERVICE_STOP_AND_EMIT_LOG) {
        if (grbit != STOP_SERVICE_STOP_AND_EMIT_LOG) FAIL(JET_errInvalidGrbit);
        /* Nothing to emit before the log exists. */
    } else {
        JET_GRBIT which = grbit == JET_bitStopServiceAll ? (resumable | 1u) : grbit;
        inst->grbitStopped |= which;
        if (grbit == JET_bitStopServiceAll) inst->fStopService = true;
    }
out:
    return api_return(err);
}

JET_ERR JET_API JetStopService(void)
{
    JET_ERR err;
    struct isam_instance *inst = NULL;
    TRACE("()");
    isam_lock();
    err = isam_run_mode() == ISAM_MODE_ONE_INSTANCE ? JET_errSuccess :
          isam_run_mode() == ISAM_MODE_MULTI_INSTANCE ? ERR_TRAP(JET_errRunningInMultiInstanceMode) :
          ERR_TRAP(JET_errNotInitialized);
    for (uint32_t i = 0; err >= 0 && i < isam_instance_slots() && !inst; i++)
        inst = isam_instance_at(i);
    if (err >= 0 && !inst) err = ERR_TRAP(JET_errNotInitialized);
    if (err >= 0) inst->fStopService = true;
    isam_unlock();
    return api_return(err);
}

/* ---- JetGetInstanceInfo: one block, freed with JetFreeBuffer ---- */

static JET_ERR get_instance_info(ESENT_ULONG *pcInstanceInfo, JET_INSTANCE_INFO_W **paInstanceInfo)
{
    size_t cb = 0, cinst = 0;
    if (!pcInstanceInfo || !paInstanceInfo) return ERR_TRAP(JET_errInvalidParameter);
    isam_lock();
    for (uint32_t i = 0; i < isam_instance_slots(); i++) {
        struct isam_instance *inst = isam_instance_at(i);
        if (!inst) continue;
        cinst++;
        if (inst->wszName) cb += (wstr_len(inst->wszName) + 1) * sizeof(ESENT_WCHAR);
    }
    *pcInstanceInfo = 0;
    *paInstanceInfo = NULL;
    if (cinst == 0) {
        isam_unlock();
        return JET_errSuccess;
    }
    cb += cinst * sizeof(JET_INSTANCE_INFO_W);
    uint8_t *block = mem_calloc(1, cb);
    if (!block) {
        isam_unlock();
        return ERR_TRAP(JET_errOutOfMemory);
    }
    JET_INSTANCE_INFO_W *info = (JET_INSTANCE_INFO_W *)block;
    ESENT_WCHAR *names = (ESENT_WCHAR *)(block + cinst * sizeof(JET_INSTANCE_INFO_W));
    size_t k = 0;
    for (uint32_t i = 0; i < isam_instance_slots(); i++) {
        struct isam_instance *inst = isam_instance_at(i);
        if (!inst) continue;
        info[k].hInstanceId = inst->handle;
        if (inst->wszName) {
            size_t cch = wstr_len(inst->wszName) + 1;
            memcpy(names, inst->wszName, cch * sizeof(ESENT_WCHAR));
            info[k].szInstanceName = names;
            names += cch;
        }
        /* Databases attached with logging appear here once the page store exists. */
        info[k].cDatabases = 0;
        k++;
    }
    isam_unlock();
    *pcInstanceInfo = (ESENT_ULONG)cinst;
    *paInstanceInfo = info;
    return JET_errSuccess;
}

JET_ERR JET_API JetGetInstanceInfoW(ESENT_ULONG *pcInstanceInfo, JET_INSTANCE_INFO_W **paInstanceInfo)
{
    TRACE("(%p, %p)", (void *)pcInstanceInfo, (void *)paInstanceInfo);
    return api_return(get_instance_info(pcInstanceInfo, paInstanceInfo));
}

JET_ERR JET_API JetGetInstanceInfoA(ESENT_ULONG *pcInstanceInfo, JET_INSTANCE_INFO_A **paInstanceInfo)
{
    JET_ERR err;
    JET_INSTANCE_INFO_W *winfo = NULL;
    ESENT_ULONG c = 0;
    TRACE("(%p, %p)", (void *)pcInstanceInfo, (void *)paInstanceInfo);
    if (!pcInstanceInfo || !paInstanceInfo) return api_return(ERR_TRAP(JET_errInvalidParameter));
    CALL(get_instance_info(&c, &winfo));
    *pcInstanceInfo = 0;
    *paInstanceInfo = NULL;
    if (c == 0) goto out;
    /* Same layout, narrow names: measure, then copy into one block. */
    size_t cb = c * sizeof(JET_INSTANCE_INFO_A);
    for (ESENT_ULONG i = 0; i < c; i++) {
        if (!winfo[i].szInstanceName) continue;
        size_t cbName = 0;
        JET_ERR errSize = os_utf16_to_acp(winfo[i].szInstanceName, NULL, 0, &cbName);
        if (errSize < 0) FAIL(errSize);
        cb += cbName;
    }
    uint8_t *block = mem_calloc(1, cb);
    if (!block) FAIL(JET_errOutOfMemory);
    JET_INSTANCE_INFO_A *ainfo = (JET_INSTANCE_INFO_A *)block;
    char *names = (char *)(block + c * sizeof(JET_INSTANCE_INFO_A));
    for (ESENT_ULONG i = 0; i < c; i++) {
        ainfo[i].hInstanceId = winfo[i].hInstanceId;
        ainfo[i].cDatabases = winfo[i].cDatabases;
        if (winfo[i].szInstanceName) {
            size_t cbName = 0;
            /* Sized above, so it fits. */
            JET_ERR errCopy = os_utf16_to_acp(winfo[i].szInstanceName, names, (size_t)(block + cb - (uint8_t *)names), &cbName);
            assert(errCopy == JET_errSuccess);
            (void)errCopy;
            ainfo[i].szInstanceName = names;
            names += cbName;
        }
    }
    *pcInstanceInfo = c;
    *paInstanceInfo = ainfo;
out:
    mem_free(winfo);
    return api_return(err);
}

JET_ERR JET_API JetFreeBuffer(char *pbBuf)
{
    TRACE("(%p)", (void *)pbBuf);
    mem_free(pbBuf);
    return api_return(JET_errSuccess);
}

JET_ERR JET_API JetGetVersion(JET_SESID sesid, ESENT_ULONG *pwVersion)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    TRACE("(%#lx, %p)", (unsigned long)sesid, (void *)pwVersion);
    CALL(api_session_enter(sesid, &sess));
    if (!pwVersion) FAIL(JET_errInvalidParameter);
    *pwVersion = ESENT_VERSION;
out:
    api_session_leave(sess);
    return api_return(err);
}
