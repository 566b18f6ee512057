/* SPDX-License-Identifier: MIT
 * os/test/os_fault.c: fault injection over any vfs (test double).
 * Every open, read, write, sync and set_size is counted by kind; an armed countdown makes the
 * nth matching call fail without reaching the lower vfs (and, when persistent, every one after
 * it). A growth budget stands for the free space of the disk: calls that would grow files
 * beyond it fail with JET_errDiskFull. Name-space calls pass through untouched. */
#include "os_test.h"
#include "os_int.h"

struct fault_vfs {
    struct os_vfs base;
    struct os_vfs *lower;
    struct os_mutex mu;
    uint64_t rgcCalls[5];           /* per kind, index = bit number of enum os_fault_op */
    uint64_t cInjected;
    unsigned opsArmed;
    uint64_t cCountdown;            /* 0: nothing armed */
    JET_ERR errInject;
    bool fPersist, fFailing;        /* fFailing: a persistent failure has started */
    uint64_t cbFree;                /* growth budget; UINT64_MAX: unlimited */
};

struct fault_file {
    struct os_file base;
    struct os_file *lower;
};

static const struct os_file_ops fault_file_ops;

static struct fault_vfs *fault_of(struct os_vfs *vfs) { return (struct fault_vfs *)vfs; }
static struct os_file *lower_of(struct os_file *f) { return ((struct fault_file *)f)->lower; }

/* Count a call of kind op; returns the error to inject, or JET_errSuccess. */
static JET_ERR count_call(struct fault_vfs *fv, unsigned op)
{
    JET_ERR err = JET_errSuccess;
    os_mutex_lock(&fv->mu);
    fv->rgcCalls[__builtin_ctz(op)]++;
    if (fv->opsArmed & op) {
        if (fv->fFailing || (fv->cCountdown > 0 && --fv->cCountdown == 0)) {
            err = fv->errInject;
            fv->cInjected++;
            fv->fFailing = fv->fPersist;
        }
    }
    os_mutex_unlock(&fv->mu);
    return err ? ERR_TRAP(err) : err;
}

/* The growth budget: take cb bytes of it (JET_errDiskFull when it is short), or give them back. */
static JET_ERR take_space(struct fault_vfs *fv, uint64_t cb)
{
    JET_ERR err = JET_errSuccess;
    os_mutex_lock(&fv->mu);
    if (fv->cbFree != UINT64_MAX) {
        if (cb > fv->cbFree) {
            fv->cInjected++;
            err = JET_errDiskFull;
        } else {
            fv->cbFree -= cb;
        }
    }
    os_mutex_unlock(&fv->mu);
    return err ? ERR_TRAP(err) : err;
}

static void give_space(struct fault_vfs *fv, uint64_t cb)
{
    os_mutex_lock(&fv->mu);
    if (fv->cbFree != UINT64_MAX) fv->cbFree += MIN(cb, UINT64_MAX - 1 - fv->cbFree);
    os_mutex_unlock(&fv->mu);
}

static JET_ERR fault_open(struct os_vfs *vfs, const ESENT_WCHAR *path, unsigned flags, struct os_file **pf)
{
    struct fault_vfs *fv = fault_of(vfs);
    JET_ERR err;
    *pf = NULL;
    CALL_R(count_call(fv, OS_FAULT_OPEN));
    struct fault_file *f = mem_calloc(1, sizeof *f);
    if (!f) return ERR_TRAP(JET_errOutOfMemory);
    err = os_file_open(fv->lower, path, flags, &f->lower);
    if (err < 0) {
        mem_free(f);
        return err;
    }
    f->base.ops = &fault_file_ops;
    f->base.vfs = vfs;
    *pf = &f->base;
    return err;
}

static JET_ERR fault_read(struct os_file *f, uint64_t ib, void *pv, size_t cb)
{
    JET_ERR err;
    CALL_R(count_call(fault_of(f->vfs), OS_FAULT_READ));
    return os_file_read(lower_of(f), ib, pv, cb);
}

static JET_ERR fault_write(struct os_file *f, uint64_t ib, const void *pv, size_t cb)
{
    struct fault_vfs *fv = fault_of(f->vfs);
    uint64_t cbOld;
    JET_ERR err;
    CALL_R(count_call(fv, OS_FAULT_WRITE));
    CALL_R(os_file_size(lower_of(f), &cbOld));
    uint64_t cbGrowth = ib + cb > cbOld ? ib + cb - cbOld : 0;
    CALL_R(take_space(fv, cbGrowth));
    err = os_file_write(lower_of(f), ib, pv, cb);
    if (err < 0) give_space(fv, cbGrowth);
    return err;
}

static JET_ERR fault_sync(struct os_file *f)
{
    JET_ERR err;
    CALL_R(count_call(fault_of(f->vfs), OS_FAULT_SYNC));
    return os_file_sync(lower_of(f));
}

static JET_ERR fault_size(struct os_file *f, uint64_t *pcb)
{
    return os_file_size(lower_of(f), pcb);
}

static JET_ERR fault_set_size(struct os_file *f, uint64_t cb)
{
    struct fault_vfs *fv = fault_of(f->vfs);
    uint64_t cbOld;
    JET_ERR err;
    CALL_R(count_call(fv, OS_FAULT_SET_SIZE));
    CALL_R(os_file_size(lower_of(f), &cbOld));
    if (cb > cbOld) CALL_R(take_space(fv, cb - cbOld));
    err = os_file_set_size(lower_of(f), cb);
    if (err < 0 && cb > cbOld) give_space(fv, cb - cbOld);
    if (err >= 0 && cb < cbOld) give_space(fv, cbOld - cb);
    return err;
}

static void fault_close(struct os_file *f)
{
    os_file_close(lower_of(f));
    mem_free(f);
}

static const struct os_file_ops fault_file_ops = {
    fault_read, fault_write, fault_sync, fault_size, fault_set_size, fault_close,
};

static JET_ERR fault_remove(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    return fault_of(vfs)->lower->ops->remove(fault_of(vfs)->lower, path);
}

static JET_ERR fault_exists(struct os_vfs *vfs, const ESENT_WCHAR *path, bool *pfExists, bool *pfIsDir)
{
    return fault_of(vfs)->lower->ops->exists(fault_of(vfs)->lower, path, pfExists, pfIsDir);
}

static JET_ERR fault_mkdir(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    return fault_of(vfs)->lower->ops->mkdir(fault_of(vfs)->lower, path);
}

static JET_ERR fault_rename(struct os_vfs *vfs, const ESENT_WCHAR *from, const ESENT_WCHAR *to)
{
    return fault_of(vfs)->lower->ops->rename(fault_of(vfs)->lower, from, to);
}

static JET_ERR fault_list(struct os_vfs *vfs, const ESENT_WCHAR *dir, const ESENT_WCHAR *pattern,
                          JET_ERR (*fn)(void *ctx, const ESENT_WCHAR *name), void *ctx)
{
    return fault_of(vfs)->lower->ops->list(fault_of(vfs)->lower, dir, pattern, fn, ctx);
}

static JET_ERR fault_full_path(struct os_vfs *vfs, const ESENT_WCHAR *path, ESENT_WCHAR **pwszFull)
{
    return fault_of(vfs)->lower->ops->full_path(fault_of(vfs)->lower, path, pwszFull);
}

static JET_ERR fault_free_space(struct os_vfs *vfs, const ESENT_WCHAR *path, uint64_t *pcb)
{
    struct fault_vfs *fv = fault_of(vfs);
    JET_ERR err;
    CALL_R(fv->lower->ops->free_space(fv->lower, path, pcb));
    os_mutex_lock(&fv->mu);
    *pcb = MIN(*pcb, fv->cbFree);
    os_mutex_unlock(&fv->mu);
    return err;
}

static const struct os_vfs_ops fault_vfs_ops = {
    fault_open, fault_remove, fault_exists, fault_mkdir, fault_rename, fault_list,
    fault_full_path, fault_free_space,
};

struct os_vfs *os_fault_create(struct os_vfs *lower)
{
    struct fault_vfs *fv = mem_calloc(1, sizeof *fv);
    if (!fv) return NULL;
    fv->base.ops = &fault_vfs_ops;
    fv->lower = lower;
    fv->cbFree = UINT64_MAX;
    os_mutex_init(&fv->mu);
    return &fv->base;
}

void os_fault_destroy(struct os_vfs *vfs)
{
    if (!vfs) return;
    os_mutex_destroy(&fault_of(vfs)->mu);
    mem_free(vfs);
}

void os_fault_fail_nth(struct os_vfs *vfs, unsigned ops, uint64_t n, JET_ERR err, bool fPersist)
{
    struct fault_vfs *fv = fault_of(vfs);
    os_mutex_lock(&fv->mu);
    fv->opsArmed = n ? ops : 0;
    fv->cCountdown = n;
    fv->errInject = err;
    fv->fPersist = fPersist;
    fv->fFailing = false;
    os_mutex_unlock(&fv->mu);
}

void os_fault_disk_full_after(struct os_vfs *vfs, uint64_t cb)
{
    struct fault_vfs *fv = fault_of(vfs);
    os_mutex_lock(&fv->mu);
    fv->cbFree = cb;
    os_mutex_unlock(&fv->mu);
}

void os_fault_clear(struct os_vfs *vfs)
{
    struct fault_vfs *fv = fault_of(vfs);
    os_mutex_lock(&fv->mu);
    memset(fv->rgcCalls, 0, sizeof fv->rgcCalls);
    fv->cInjected = 0;
    fv->opsArmed = 0;
    fv->cCountdown = 0;
    fv->fPersist = fv->fFailing = false;
    fv->cbFree = UINT64_MAX;
    os_mutex_unlock(&fv->mu);
}

uint64_t os_fault_calls(struct os_vfs *vfs, unsigned ops)
{
    struct fault_vfs *fv = fault_of(vfs);
    uint64_t c = 0;
    os_mutex_lock(&fv->mu);
    for (unsigned i = 0; i < ARRAY_SIZE(fv->rgcCalls); i++)
        if (ops & (1u << i)) c += fv->rgcCalls[i];
    os_mutex_unlock(&fv->mu);
    return c;
}

uint64_t os_fault_injected(struct os_vfs *vfs)
{
    struct fault_vfs *fv = fault_of(vfs);
    os_mutex_lock(&fv->mu);
    uint64_t c = fv->cInjected;
    os_mutex_unlock(&fv->mu);
    return c;
}
