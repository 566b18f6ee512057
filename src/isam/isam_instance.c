/* SPDX-License-Identifier: MIT
 * isam/isam_instance.c: the process's instances, its run mode, and instance init/term
 * (ESE's INST, RUNINSTMODE, ErrNewInst, ErrInit, ErrINSTTerm). Layer: isam.
 *
 * Locking: one process lock (isam_lock) guards the run mode, the instance table and every
 * instance's state; the per-instance api_in counter is atomic so that API entry costs no lock. */
#include "isam.h"
#include "isam_int.h"
#include "isam_db.h"
#include "isam_table.h"
#include "debug.h"
#include "utf.h"

DEBUG_CHANNEL(isam);

/* Windows' hard ceiling on instances per process (JET_paramMaxInstances cannot exceed it). */
#define ISAM_INSTANCE_SLOTS 1024

static struct os_mutex process_lock;
static int process_lock_ready;     /* 0, 1 initializing, 2 ready */
static enum isam_run_mode run_mode = ISAM_MODE_NOT_SET;
static struct isam_instance *instances[ISAM_INSTANCE_SLOTS];
static uint32_t cinstances;
static bool global_params_ready;
static struct param_store global_params;
static uint32_t cinstances_initialized_ever;

static void process_lock_init(void)
{
    int state = __atomic_load_n(&process_lock_ready, __ATOMIC_ACQUIRE);
    if (LIKELY(state == 2)) return;
    state = 0;
    if (__atomic_compare_exchange_n(&process_lock_ready, &state, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        os_mutex_init(&process_lock);
        isam_lcmap_install();
        __atomic_store_n(&process_lock_ready, 2, __ATOMIC_RELEASE);
        return;
    }
    while (__atomic_load_n(&process_lock_ready, __ATOMIC_ACQUIRE) != 2)
        os_sleep_ms(0);
}

void isam_lock(void)
{
    process_lock_init();
    os_mutex_lock(&process_lock);
}

void isam_unlock(void)
{
    os_mutex_unlock(&process_lock);
}

enum isam_run_mode isam_run_mode(void) { return run_mode; }
void isam_set_run_mode(enum isam_run_mode mode) { run_mode = mode; }

struct param_store *isam_global_params(void)
{
    if (!global_params_ready) {
        param_store_init(&global_params);
        param_store_set_vfs(&global_params, os_vfs_default());
        global_params_ready = true;
    }
    return &global_params;
}

bool isam_any_instance_initialized(void)
{
    return __atomic_load_n(&cinstances_initialized_ever, __ATOMIC_ACQUIRE) != 0;
}

uint32_t isam_instance_count(void) { return cinstances; }
uint32_t isam_instance_slots(void) { return ISAM_INSTANCE_SLOTS; }
struct isam_instance *isam_instance_at(uint32_t islot)
{
    return islot < ISAM_INSTANCE_SLOTS ? instances[islot] : NULL;
}

static bool names_equal(const ESENT_WCHAR *a, const ESENT_WCHAR *b)
{
    /* ESE compares instance names with its ordinal string compare: exact, case-sensitive. */
    if (!a || !b) return a == b;
    return wstr_cmp(a, b) == 0;
}

JET_ERR isam_instance_new(const ESENT_WCHAR *wszName, const ESENT_WCHAR *wszDisplayName,
                          struct isam_instance **ppinst)
{
    JET_ERR err = JET_errSuccess;
    struct isam_instance *inst = NULL;
    uint32_t islot;

    *ppinst = NULL;
    JET_API_PTR cmax = param_num(isam_global_params(), JET_paramMaxInstances);
    if (cinstances >= cmax || cinstances >= ISAM_INSTANCE_SLOTS)
        FAIL(JET_errTooManyInstances);
    for (islot = 0; islot < ISAM_INSTANCE_SLOTS; islot++)
        if (instances[islot] && names_equal(instances[islot]->wszName, wszName))
            FAIL(JET_errInstanceNameInUse);
    for (islot = 0; islot < ISAM_INSTANCE_SLOTS && instances[islot]; islot++) {}

    inst = mem_calloc(1, sizeof *inst);
    if (!inst) FAIL(JET_errOutOfMemory);
    os_mutex_init(&inst->lock);
    os_mutex_init(&inst->db_lock);
    os_mutex_init(&inst->ckpt_lock);
    os_cond_init(&inst->ckpt_cond);
    CALL(param_store_copy(&inst->params, isam_global_params()));
    if (wszName && !(inst->wszName = wstr_dup(wszName))) FAIL(JET_errOutOfMemory);
    /* ESE shows the instance name where no display name was given. */
    const ESENT_WCHAR *display = wszDisplayName ? wszDisplayName : wszName;
    if (display && !(inst->wszDisplayName = wstr_dup(display))) FAIL(JET_errOutOfMemory);
    inst->state = ISAM_INST_CREATED;
    inst->islot = islot;
    instances[islot] = inst;
    cinstances++;
    *ppinst = inst;
    TRACE("instance %p slot %u name %s", (void *)inst, islot, debugstr_w(wszName));
    inst = NULL;
out:
    /* ESE's ErrNewInst: on failure with no instance left, the process is as before. */
    if (err < 0 && cinstances == 0) run_mode = ISAM_MODE_NOT_SET;
    if (inst) {
        param_store_free(&inst->params);
        mem_free(inst->wszName);
        mem_free(inst);
    }
    return err;
}

void isam_instance_free(struct isam_instance *inst)
{
    if (!inst) return;
    assert(inst->sessions == NULL);
    assert(instances[inst->islot] == inst);
    instances[inst->islot] = NULL;
    if (--cinstances == 0) run_mode = ISAM_MODE_NOT_SET;   /* ESE's FreePinst */
    param_store_free(&inst->params);
    if (inst->fDeltaLocks)
        for (size_t i = 0; i < ARRAY_SIZE(inst->delta_locks); i++) os_mutex_destroy(&inst->delta_locks[i]);
    os_cond_destroy(&inst->ckpt_cond);
    os_mutex_destroy(&inst->ckpt_lock);
    os_mutex_destroy(&inst->db_lock);
    os_mutex_destroy(&inst->lock);
    mem_free(inst->wszName);
    mem_free(inst->wszDisplayName);
    mem_free(inst);
}

/* JetInit's work on the storage side: the cache, the log, recovery. Undone on failure. */
static JET_ERR init_storage(struct isam_instance *inst)
{
    JET_ERR err;
    /* JET_paramGlobalMinVerPages is what ESE reserves up front; we allocate as we go, so it only
     * raises the bound. */
    size_t cpgVer = (size_t)param_num(&inst->params, JET_paramMaxVerPages);
    size_t cpgGlobalMin = (size_t)param_num(isam_global_params(), JET_paramGlobalMinVerPages);
    inst->ver_budget.cbMax = (cpgVer > cpgGlobalMin ? cpgVer : cpgGlobalMin) *
                             (size_t)param_num(&inst->params, JET_paramVerPageSize);
    inst->ver_budget.cbUsed = 0;
    isam_ver_init_locks(inst);
    CALL(isam_cache_acquire(inst));
    CALL(isam_log_open(inst));
    if (inst->log && inst->log_state.fExisting && !inst->log_state.fCleanEnd)
        CALL(isam_recover(inst));       /* ends with the log started */
    else
        CALL(isam_log_start(inst));
    CALL(isam_ver_open(inst));
    return JET_errSuccess;
out:
    {
        JET_ERR errIgnored = isam_db_detach_all(inst, false);   /* the first error is the one to report */
        (void)errIgnored;
    }
    isam_log_term(inst, false);
    isam_cache_release(inst);
    return err;
}

JET_ERR isam_instance_init(struct isam_instance *inst, JET_GRBIT grbit)
{
    isam_lock();
    if (inst->state != ISAM_INST_CREATED) {
        JET_ERR err = inst->state == ISAM_INST_INITIALIZING ? JET_errInitInProgress : JET_errAlreadyInitialized;
        isam_unlock();
        return ERR_TRAP(err);
    }
    inst->state = ISAM_INST_INITIALIZING;
    isam_unlock();

    (void)grbit;
    JET_ERR err = init_storage(inst);
    if (err < 0) {
        isam_lock();
        inst->state = ISAM_INST_CREATED;
        isam_unlock();
        return err;
    }

    isam_lock();
    inst->state = ISAM_INST_RUNNING;
    __atomic_add_fetch(&cinstances_initialized_ever, 1, __ATOMIC_RELEASE);
    isam_unlock();
    TRACE("instance %p running", (void *)inst);
    return JET_errSuccess;
}

JET_ERR isam_instance_term(struct isam_instance *inst, JET_GRBIT grbit,
                           void (*before_session_end)(struct isam_session *sess))
{
    JET_ERR err = JET_errSuccess;
    bool dirty = (grbit & JET_bitTermDirty) != 0;

    isam_lock();
    if (inst->state != ISAM_INST_RUNNING) {
        err = inst->state == ISAM_INST_TERMINATING ? JET_errTermInProgress : JET_errNotInitialized;
        isam_unlock();
        return ERR_TRAP(err);
    }
    __atomic_store_n(&inst->state, ISAM_INST_TERMINATING, __ATOMIC_SEQ_CST);
    isam_unlock();

    /* Wait for callers already inside the API on this instance to leave; new ones now get
     * JET_errTermInProgress. A session call marks only its session (isam_session_enter reads
     * the state after marking it, this reads the marks after storing the state: sequentially
     * consistent stores and loads on both sides, so one sees the other). Sessions first: one
     * ending meanwhile holds the instance's count before it leaves the list
     * (isam_session_hold_instance). */
    for (;;) {
        bool fBusy = false;
        os_mutex_lock(&inst->lock);
        for (struct isam_session *s = inst->sessions; s && !fBusy; s = s->next)
            fBusy = __atomic_load_n(&s->api_in, __ATOMIC_SEQ_CST) != 0;
        os_mutex_unlock(&inst->lock);
        if (!fBusy && __atomic_load_n(&inst->api_in, __ATOMIC_SEQ_CST) == 0)
            break;
        os_sleep_ms(1);
    }

    /* A shutdown refuses while a session is inside a transaction, whichever thread began it
     * (JET_errTooManyActiveUsers: ESE's ErrINSTTerm checks for clean and abrupt terms alike,
     * though the documentation names JET_bitTermComplete only). A dirty one, or one of a
     * failed instance, ends the sessions without undoing their transactions: recovery does.
     * The instance stays up on refusal. */
    const bool fDrop = dirty || inst->errUnavailable < 0;
    if (!fDrop) {
        os_mutex_lock(&inst->lock);
        for (struct isam_session *s = inst->sessions; s; s = s->next)
            if (s->trx_level > 0) err = JET_errTooManyActiveUsers;
        os_mutex_unlock(&inst->lock);
        if (err < 0) {
            isam_lock();
            inst->state = ISAM_INST_RUNNING;
            isam_unlock();
            return ERR_TRAP(err);
        }
    }

    /* End every session the application left open. */
    for (;;) {
        os_mutex_lock(&inst->lock);
        struct isam_session *s = inst->sessions;
        os_mutex_unlock(&inst->lock);
        if (!s) break;
        if (before_session_end) before_session_end(s);
        if (fDrop) isam_session_drop(s);
        else isam_session_destroy(s);
    }

    /* Databases and the log: a clean shutdown leaves every database consistent (no log needed to
     * attach it, here or in Windows); a dirty one leaves them to recovery. */
    bool fClean = !dirty && inst->errUnavailable >= 0;
    isam_ver_close(inst, fClean);       /* a clean end removes what cleanup can first */
    isam_temp_term(inst);
    JET_ERR errStorage = isam_db_detach_all(inst, fClean);
    isam_log_term(inst, fClean && errStorage >= 0);
    isam_cache_release(inst);
    if (errStorage < 0 && err >= 0) err = errStorage;

    if (dirty && err >= 0) err = ERR_TRAP(JET_errDirtyShutdown);
    TRACE("instance %p terminated (grbit %#lx) -> %ld", (void *)inst, (unsigned long)grbit, (long)err);
    return err;
}

JET_ERR isam_instance_enter(struct isam_instance *inst)
{
    if (inst->fStopService) return ERR_TRAP(JET_errClientRequestToStopJetService);
    if (inst->errUnavailable < 0) return inst->errUnavailable;
    __atomic_add_fetch(&inst->api_in, 1, __ATOMIC_ACQ_REL);
    enum isam_instance_state state = __atomic_load_n(&inst->state, __ATOMIC_ACQUIRE);
    if (state != ISAM_INST_RUNNING) {
        __atomic_sub_fetch(&inst->api_in, 1, __ATOMIC_ACQ_REL);
        return ERR_TRAP(state == ISAM_INST_TERMINATING ? JET_errTermInProgress : JET_errNotInitialized);
    }
    return JET_errSuccess;
}

JET_ERR isam_instance_enter_uninit(struct isam_instance *inst)
{
    __atomic_add_fetch(&inst->api_in, 1, __ATOMIC_ACQ_REL);
    enum isam_instance_state state = __atomic_load_n(&inst->state, __ATOMIC_ACQUIRE);
    if (state == ISAM_INST_INITIALIZING || state == ISAM_INST_TERMINATING) {
        __atomic_sub_fetch(&inst->api_in, 1, __ATOMIC_ACQ_REL);
        return ERR_TRAP(state == ISAM_INST_TERMINATING ? JET_errTermInProgress : JET_errInitInProgress);
    }
    return JET_errSuccess;
}

void isam_instance_leave(struct isam_instance *inst)
{
    __atomic_sub_fetch(&inst->api_in, 1, __ATOMIC_ACQ_REL);
}
