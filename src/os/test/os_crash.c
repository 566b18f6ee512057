/* SPDX-License-Identifier: MIT
 * os/test/os_crash.c: power-cut simulation over any vfs (test double, after SQLite's test6.c).
 *
 * Model. Writes go to the lower vfs at once (so reads need no overlay). For each file, named by
 * its full path so that the state outlives close and reopen, the wrapper keeps
 *   - cbSynced: the size as of the last sync;
 *   - the dirty sectors: every sector written, or cut off by a shrink, since the last sync, with
 *     its content as of that sync (the part below cbSynced) and the id of the last operation
 *     that touched it;
 *   - idSize: the id of the last operation that changed the size.
 * A sync empties the set and sets cbSynced. A write through an OS_OPEN_WRITE_THROUGH handle makes
 * the sectors it covers durable at once.
 *
 * A power cut decides one fate per operation id from the seed (kept, dropped or torn, by the
 * policy; a torn operation decides again per sector: kept, dropped or garbage). The file's size
 * becomes the current size if the fate of idSize keeps it, else cbSynced. Each dirty sector then
 * holds its current content (kept), its content at the last sync (dropped; zeros past cbSynced) or
 * random bytes (garbage). Sectors that are not dirty are never touched: synced data survives.
 * A page cache behaves this way: what reaches the disk is some sectors' latest content, so two
 * overlapping unsynced writes never leave the older one's bytes where the newer one wrote. */
#include "os_test.h"
#include "os_int.h"
#include "utf.h"

enum fate { FATE_KEEP, FATE_DROP, FATE_TORN, FATE_GARBAGE };

struct crash_sector {
    uint64_t isec;
    uint64_t idOp;                  /* last operation that dirtied it */
    uint32_t cbOld;                 /* bytes of pbOld: the sector's part below cbSynced */
    uint8_t *pbOld;
};

struct crash_node {
    struct crash_node *next;
    ESENT_WCHAR *path;              /* lower full path */
    uint64_t cbSynced;
    uint64_t idSize;                /* 0: size unchanged since the last sync */
    struct crash_sector *rgsec;     /* sorted by isec */
    size_t csec, csecMax;
};

struct crash_file {
    struct os_file base;
    struct crash_file *nextOpen;
    struct os_file *lower;          /* NULL once the power is cut */
    struct crash_node *node;
    unsigned flags;
};

struct crash_vfs {
    struct os_vfs base;
    struct os_vfs *lower;
    struct os_mutex mu;             /* held across lower calls too: one operation at a time */
    uint32_t cbSector;
    struct crash_node *nodes;
    struct crash_file *open;
    uint64_t idOpLast;
    uint64_t cWrites, cWritesCrash; /* crash when cWrites reaches cWritesCrash (0: never) */
    bool fCrashed;
};

static const struct os_file_ops crash_file_ops;

static struct crash_vfs *crash_of(struct os_vfs *vfs) { return (struct crash_vfs *)vfs; }
static struct crash_file *cfile_of(struct os_file *f) { return (struct crash_file *)f; }

/* ---- the dirty-sector set ------------------------------------------------------------------- */

/* Index of isec in node->rgsec, or where it would go. */
static size_t sector_find(const struct crash_node *node, uint64_t isec, bool *pfFound)
{
    size_t lo = 0, hi = node->csec;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (node->rgsec[mid].isec < isec) lo = mid + 1;
        else hi = mid;
    }
    *pfFound = lo < node->csec && node->rgsec[lo].isec == isec;
    return lo;
}

/* Mark sector isec dirty by operation idOp, saving its synced content first if it was clean.
 * lower is any handle on the file; cbCur its current size. */
static JET_ERR sector_dirty(struct crash_vfs *cv, struct crash_node *node, struct os_file *lower,
                            uint64_t cbCur, uint64_t isec, uint64_t idOp)
{
    bool fFound;
    size_t i = sector_find(node, isec, &fFound);
    JET_ERR err;

    if (fFound) {
        node->rgsec[i].idOp = idOp;
        return JET_errSuccess;
    }
    if (node->csec == node->csecMax) {
        size_t cNew = node->csecMax ? 2 * node->csecMax : 16;
        struct crash_sector *rg = mem_realloc(node->rgsec, cNew * sizeof *rg);
        if (!rg) return ERR_TRAP(JET_errOutOfMemory);
        node->rgsec = rg;
        node->csecMax = cNew;
    }
    uint64_t ibSec = isec * cv->cbSector;
    uint64_t ibEnd = MIN(ibSec + cv->cbSector, MIN(node->cbSynced, cbCur));
    struct crash_sector sec = { isec, idOp, 0, NULL };
    if (ibEnd > ibSec) {
        sec.cbOld = (uint32_t)(ibEnd - ibSec);
        sec.pbOld = mem_alloc(sec.cbOld);
        if (!sec.pbOld) return ERR_TRAP(JET_errOutOfMemory);
        err = os_file_read(lower, ibSec, sec.pbOld, sec.cbOld);
        if (err < 0) {
            mem_free(sec.pbOld);
            return err;
        }
    }
    memmove(node->rgsec + i + 1, node->rgsec + i, (node->csec - i) * sizeof *node->rgsec);
    node->rgsec[i] = sec;
    node->csec++;
    return JET_errSuccess;
}

/* Forget the sectors in [isecFirst, isecLim): they are durable now. */
static void sectors_clean(struct crash_node *node, uint64_t isecFirst, uint64_t isecLim)
{
    bool fFound;
    if (node->csec == 0) return;
    size_t i = sector_find(node, isecFirst, &fFound), j = i;
    while (j < node->csec && node->rgsec[j].isec < isecLim) mem_free(node->rgsec[j++].pbOld);
    memmove(node->rgsec + i, node->rgsec + j, (node->csec - j) * sizeof *node->rgsec);
    node->csec -= j - i;
}

static void node_free(struct crash_node *node)
{
    sectors_clean(node, 0, UINT64_MAX);
    mem_free(node->rgsec);
    mem_free(node->path);
    mem_free(node);
}

static struct crash_node *node_find(struct crash_vfs *cv, const ESENT_WCHAR *path)
{
    for (struct crash_node *n = cv->nodes; n; n = n->next)
        if (wstr_cmp(n->path, path) == 0) return n;
    return NULL;
}

static void node_drop(struct crash_vfs *cv, struct crash_node *node)
{
    for (struct crash_node **pp = &cv->nodes; *pp; pp = &(*pp)->next) {
        if (*pp == node) {
            *pp = node->next;
            node_free(node);
            return;
        }
    }
}

/* ---- files ---------------------------------------------------------------------------------- */

static JET_ERR crash_open(struct os_vfs *vfs, const ESENT_WCHAR *path, unsigned flags, struct os_file **pf)
{
    struct crash_vfs *cv = crash_of(vfs);
    ESENT_WCHAR *wszFull = NULL;
    struct crash_file *f = NULL;
    uint64_t cb;
    JET_ERR err;

    *pf = NULL;
    if ((flags & OS_OPEN_READONLY) && (flags & OS_OPEN_TRUNCATE)) return ERR_TRAP(JET_errInvalidParameter);
    os_mutex_lock(&cv->mu);
    if (cv->fCrashed) FAIL(JET_errDiskIO);
    CALL(cv->lower->ops->full_path(cv->lower, path, &wszFull));
    f = mem_calloc(1, sizeof *f);
    if (!f) FAIL(JET_errOutOfMemory);
    /* Truncation is a size change like any other, so it goes through set_size below. */
    CALL(os_file_open(cv->lower, path, flags & ~OS_OPEN_TRUNCATE, &f->lower));
    f->base.ops = &crash_file_ops;
    f->base.vfs = vfs;
    f->flags = flags;
    f->node = node_find(cv, wszFull);
    if (!f->node) {
        CALL(os_file_size(f->lower, &cb));
        f->node = mem_calloc(1, sizeof *f->node);
        if (!f->node) FAIL(JET_errOutOfMemory);
        f->node->path = wszFull;
        f->node->cbSynced = cb;     /* a file's content at first sight counts as synced */
        f->node->next = cv->nodes;
        cv->nodes = f->node;
        wszFull = NULL;
    }
    f->nextOpen = cv->open;
    cv->open = f;
    *pf = &f->base;
    os_mutex_unlock(&cv->mu);
    mem_free(wszFull);
    if (flags & OS_OPEN_TRUNCATE) {
        err = os_file_set_size(*pf, 0);
        if (err < 0) {
            os_file_close(*pf);
            *pf = NULL;
        }
    }
    return err;

out:
    if (f && f->lower) os_file_close(f->lower);
    mem_free(f);
    os_mutex_unlock(&cv->mu);
    mem_free(wszFull);
    return err;
}

/* Common entry of file calls: the lower handle, or JET_errDiskIO once the power is cut. */
static JET_ERR enter(struct os_file *f, struct os_file **plower)
{
    struct crash_vfs *cv = crash_of(f->vfs);
    os_mutex_lock(&cv->mu);
    *plower = cfile_of(f)->lower;
    if (cv->fCrashed || !*plower) {
        os_mutex_unlock(&cv->mu);
        return ERR_TRAP(JET_errDiskIO);
    }
    return JET_errSuccess;
}

static JET_ERR crash_read(struct os_file *f, uint64_t ib, void *pv, size_t cb)
{
    struct os_file *lower;
    JET_ERR err;
    CALL_R(enter(f, &lower));
    err = os_file_read(lower, ib, pv, cb);
    os_mutex_unlock(&crash_of(f->vfs)->mu);
    return err;
}

static JET_ERR crash_write(struct os_file *f, uint64_t ib, const void *pv, size_t cb)
{
    struct crash_vfs *cv = crash_of(f->vfs);
    struct crash_node *node = cfile_of(f)->node;
    struct os_file *lower;
    uint64_t cbCur;
    JET_ERR err;

    CALL_R(enter(f, &lower));
    if (cb == 0) { err = JET_errSuccess; goto out; }
    CALL(os_file_size(lower, &cbCur));
    uint64_t idOp = ++cv->idOpLast;
    uint64_t isecFirst = ib / cv->cbSector, isecLim = (ib + cb - 1) / cv->cbSector + 1;
    for (uint64_t isec = isecFirst; isec < isecLim; isec++)
        CALL(sector_dirty(cv, node, lower, cbCur, isec, idOp));
    CALL(os_file_write(lower, ib, pv, cb));
    if (ib + cb > cbCur) node->idSize = idOp;
    if (cfile_of(f)->flags & OS_OPEN_WRITE_THROUGH) {
        sectors_clean(node, isecFirst, isecLim);
        if (ib + cb > node->cbSynced) node->cbSynced = ib + cb;
    }
    cv->cWrites++;
    if (cv->cWritesCrash && cv->cWrites == cv->cWritesCrash) {
        cv->fCrashed = true;
        FAIL(JET_errDiskIO);
    }
out:
    os_mutex_unlock(&cv->mu);
    return err;
}

static JET_ERR crash_sync(struct os_file *f)
{
    struct crash_vfs *cv = crash_of(f->vfs);
    struct crash_node *node = cfile_of(f)->node;
    struct os_file *lower;
    uint64_t cb;
    JET_ERR err;

    CALL_R(enter(f, &lower));
    CALL(os_file_sync(lower));
    CALL(os_file_size(lower, &cb));
    sectors_clean(node, 0, UINT64_MAX);
    node->cbSynced = cb;
    node->idSize = 0;
out:
    os_mutex_unlock(&cv->mu);
    return err;
}

static JET_ERR crash_size(struct os_file *f, uint64_t *pcb)
{
    struct os_file *lower;
    JET_ERR err;
    CALL_R(enter(f, &lower));
    err = os_file_size(lower, pcb);
    os_mutex_unlock(&crash_of(f->vfs)->mu);
    return err;
}

/* A shrink dirties the sectors it cuts off (and the one it cuts into), so that a power cut that
 * loses the shrink can give their synced content back. */
static JET_ERR crash_set_size(struct os_file *f, uint64_t cb)
{
    struct crash_vfs *cv = crash_of(f->vfs);
    struct crash_node *node = cfile_of(f)->node;
    struct os_file *lower;
    uint64_t cbCur;
    JET_ERR err;

    CALL_R(enter(f, &lower));
    CALL(os_file_size(lower, &cbCur));
    if (cb == cbCur) goto out;
    uint64_t idOp = ++cv->idOpLast;
    if (cb < cbCur) {
        uint64_t cbCut = MIN(cbCur, node->cbSynced);
        for (uint64_t isec = cb / cv->cbSector; isec * cv->cbSector < cbCut; isec++)
            CALL(sector_dirty(cv, node, lower, cbCur, isec, idOp));
    }
    CALL(os_file_set_size(lower, cb));
    node->idSize = idOp;
out:
    os_mutex_unlock(&cv->mu);
    return err;
}

static void crash_close(struct os_file *f)
{
    struct crash_vfs *cv = crash_of(f->vfs);
    os_mutex_lock(&cv->mu);
    for (struct crash_file **pp = &cv->open; *pp; pp = &(*pp)->nextOpen) {
        if (*pp == cfile_of(f)) {
            *pp = cfile_of(f)->nextOpen;
            break;
        }
    }
    if (cfile_of(f)->lower) os_file_close(cfile_of(f)->lower);
    os_mutex_unlock(&cv->mu);
    mem_free(f);
}

static const struct os_file_ops crash_file_ops = {
    crash_read, crash_write, crash_sync, crash_size, crash_set_size, crash_close,
};

/* ---- the name space (durable when it returns, os.h) ----------------------------------------- */

static JET_ERR enter_vfs(struct crash_vfs *cv)
{
    os_mutex_lock(&cv->mu);
    if (cv->fCrashed) {
        os_mutex_unlock(&cv->mu);
        return ERR_TRAP(JET_errDiskIO);
    }
    return JET_errSuccess;
}

static JET_ERR crash_remove(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    struct crash_vfs *cv = crash_of(vfs);
    ESENT_WCHAR *wszFull = NULL;
    JET_ERR err;
    CALL_R(enter_vfs(cv));
    CALL(cv->lower->ops->full_path(cv->lower, path, &wszFull));
    CALL(cv->lower->ops->remove(cv->lower, path));
    struct crash_node *node = node_find(cv, wszFull);
    if (node) node_drop(cv, node);
out:
    os_mutex_unlock(&cv->mu);
    mem_free(wszFull);
    return err;
}

static JET_ERR crash_exists(struct os_vfs *vfs, const ESENT_WCHAR *path, bool *pfExists, bool *pfIsDir)
{
    struct crash_vfs *cv = crash_of(vfs);
    JET_ERR err;
    CALL_R(enter_vfs(cv));
    err = cv->lower->ops->exists(cv->lower, path, pfExists, pfIsDir);
    os_mutex_unlock(&cv->mu);
    return err;
}

static JET_ERR crash_mkdir(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    struct crash_vfs *cv = crash_of(vfs);
    JET_ERR err;
    CALL_R(enter_vfs(cv));
    err = cv->lower->ops->mkdir(cv->lower, path);
    os_mutex_unlock(&cv->mu);
    return err;
}

static JET_ERR crash_rename(struct os_vfs *vfs, const ESENT_WCHAR *from, const ESENT_WCHAR *to)
{
    struct crash_vfs *cv = crash_of(vfs);
    ESENT_WCHAR *wszFrom = NULL, *wszTo = NULL;
    JET_ERR err;
    CALL_R(enter_vfs(cv));
    CALL(cv->lower->ops->full_path(cv->lower, from, &wszFrom));
    CALL(cv->lower->ops->full_path(cv->lower, to, &wszTo));
    CALL(cv->lower->ops->rename(cv->lower, from, to));
    struct crash_node *nodeTo = node_find(cv, wszTo), *nodeFrom = node_find(cv, wszFrom);
    if (nodeTo && nodeTo != nodeFrom) node_drop(cv, nodeTo);
    if (nodeFrom) {
        mem_free(nodeFrom->path);
        nodeFrom->path = wszTo;
        wszTo = NULL;
    }
out:
    os_mutex_unlock(&cv->mu);
    mem_free(wszFrom);
    mem_free(wszTo);
    return err;
}

static JET_ERR crash_list(struct os_vfs *vfs, const ESENT_WCHAR *dir, const ESENT_WCHAR *pattern,
                          JET_ERR (*fn)(void *ctx, const ESENT_WCHAR *name), void *ctx)
{
    struct crash_vfs *cv = crash_of(vfs);
    JET_ERR err;
    CALL_R(enter_vfs(cv));
    os_mutex_unlock(&cv->mu);       /* fn may call back into vfs */
    return cv->lower->ops->list(cv->lower, dir, pattern, fn, ctx);
}

static JET_ERR crash_full_path(struct os_vfs *vfs, const ESENT_WCHAR *path, ESENT_WCHAR **pwszFull)
{
    struct crash_vfs *cv = crash_of(vfs);
    return cv->lower->ops->full_path(cv->lower, path, pwszFull);
}

static JET_ERR crash_free_space(struct os_vfs *vfs, const ESENT_WCHAR *path, uint64_t *pcb)
{
    struct crash_vfs *cv = crash_of(vfs);
    JET_ERR err;
    CALL_R(enter_vfs(cv));
    err = cv->lower->ops->free_space(cv->lower, path, pcb);
    os_mutex_unlock(&cv->mu);
    return err;
}

static const struct os_vfs_ops crash_vfs_ops = {
    crash_open, crash_remove, crash_exists, crash_mkdir, crash_rename, crash_list,
    crash_full_path, crash_free_space,
};

/* ---- the power cut -------------------------------------------------------------------------- */

static uint64_t mix(uint64_t x)     /* splitmix64's finalizer: a seeded hash, no state */
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static enum fate fate_of_op(struct os_crash_policy policy, uint64_t seed, uint64_t idOp)
{
    unsigned r = (unsigned)(mix(seed ^ mix(idOp)) % 100);
    if (r < policy.pct_drop) return FATE_DROP;
    if (r < policy.pct_drop + policy.pct_torn) return FATE_TORN;
    return FATE_KEEP;
}

static enum fate fate_of_sector(struct os_crash_policy policy, uint64_t seed, uint64_t idOp, uint64_t isec)
{
    enum fate fate = fate_of_op(policy, seed, idOp);
    if (fate != FATE_TORN) return fate;
    static const enum fate rgfate[3] = { FATE_KEEP, FATE_DROP, FATE_GARBAGE };
    return rgfate[mix(seed ^ mix(idOp) ^ mix(~isec)) % 3];
}

/* Rewrite one file as the power cut leaves it. */
static JET_ERR cut_file(struct crash_vfs *cv, struct crash_node *node, struct os_crash_policy policy, uint64_t seed)
{
    struct os_file *lower = NULL;
    uint8_t *pb = NULL;
    uint64_t cbCur;
    JET_ERR err;

    if (node->csec == 0 && node->idSize == 0) return JET_errSuccess;
    err = os_file_open(cv->lower, node->path, 0, &lower);
    if (err == JET_errFileNotFound || err == JET_errInvalidPath)
        return JET_errSuccess;      /* removed behind our back, through lower */
    CALL(err);
    CALL(os_file_size(lower, &cbCur));
    uint64_t cbFinal = cbCur;
    if (node->idSize) {
        enum fate fate = fate_of_sector(policy, seed, node->idSize, UINT64_MAX);
        if (fate == FATE_DROP) cbFinal = node->cbSynced;
    }
    /* Decide every sector's bytes before the size changes: kept ones need the current data. */
    pb = mem_calloc(node->csec ? node->csec : 1, cv->cbSector);
    if (!pb) FAIL(JET_errOutOfMemory);
    for (size_t i = 0; i < node->csec; i++) {
        const struct crash_sector *sec = &node->rgsec[i];
        uint8_t *pbSec = pb + i * cv->cbSector;
        uint64_t ibSec = sec->isec * cv->cbSector;
        switch (fate_of_sector(policy, seed, sec->idOp, sec->isec)) {
        case FATE_KEEP:
            if (ibSec < cbCur) CALL(os_file_read(lower, ibSec, pbSec, (size_t)MIN(cv->cbSector, cbCur - ibSec)));
            break;
        case FATE_GARBAGE:
            for (uint32_t ib = 0; ib < cv->cbSector; ib += 8) {
                uint64_t x = mix(seed ^ mix(sec->isec) ^ ib);
                memcpy(pbSec + ib, &x, MIN(8u, cv->cbSector - ib));
            }
            break;
        default:
            if (sec->cbOld) memcpy(pbSec, sec->pbOld, sec->cbOld);
            break;
        }
    }
    CALL(os_file_set_size(lower, cbFinal));
    for (size_t i = 0; i < node->csec; i++) {
        uint64_t ibSec = node->rgsec[i].isec * cv->cbSector;
        if (ibSec < cbFinal)
            CALL(os_file_write(lower, ibSec, pb + i * cv->cbSector, (size_t)MIN(cv->cbSector, cbFinal - ibSec)));
    }
    CALL(os_file_sync(lower));
out:
    mem_free(pb);
    os_file_close(lower);
    return err;
}

JET_ERR os_crash_simulate(struct os_vfs *vfs, struct os_crash_policy policy, uint64_t seed)
{
    struct crash_vfs *cv = crash_of(vfs);
    JET_ERR err = JET_errSuccess;

    os_mutex_lock(&cv->mu);
    /* Every handle dies first: the lower files must be free to reopen, whatever share mode
     * the dead handles held. */
    for (struct crash_file *f = cv->open; f; f = f->nextOpen) {
        os_file_close(f->lower);
        f->lower = NULL;
    }
    for (struct crash_node *node = cv->nodes; node && err >= 0; node = node->next)
        err = cut_file(cv, node, policy, seed);
    while (cv->nodes) {
        struct crash_node *node = cv->nodes;
        cv->nodes = node->next;
        node_free(node);
    }
    for (struct crash_file *f = cv->open; f; f = f->nextOpen) f->node = NULL;
    cv->open = NULL;                /* dead handles stay allocated until their close */
    cv->cWrites = cv->cWritesCrash = 0;
    cv->fCrashed = false;
    os_mutex_unlock(&cv->mu);
    return err;
}

/* ---- creation and controls ------------------------------------------------------------------ */

struct os_vfs *os_crash_create(struct os_vfs *lower, uint32_t cbSector)
{
    struct crash_vfs *cv = mem_calloc(1, sizeof *cv);
    if (!cv) return NULL;
    cv->base.ops = &crash_vfs_ops;
    cv->lower = lower;
    cv->cbSector = cbSector ? cbSector : 512;
    os_mutex_init(&cv->mu);
    return &cv->base;
}

void os_crash_destroy(struct os_vfs *vfs)
{
    struct crash_vfs *cv = crash_of(vfs);
    if (!cv) return;
    while (cv->nodes) {
        struct crash_node *node = cv->nodes;
        cv->nodes = node->next;
        node_free(node);
    }
    os_mutex_destroy(&cv->mu);
    mem_free(cv);
}

void os_crash_at_write(struct os_vfs *vfs, uint64_t k)
{
    struct crash_vfs *cv = crash_of(vfs);
    os_mutex_lock(&cv->mu);
    cv->cWritesCrash = k ? cv->cWrites + k : 0;
    os_mutex_unlock(&cv->mu);
}

uint64_t os_crash_writes(struct os_vfs *vfs)
{
    struct crash_vfs *cv = crash_of(vfs);
    os_mutex_lock(&cv->mu);
    uint64_t c = cv->cWrites;
    os_mutex_unlock(&cv->mu);
    return c;
}

bool os_crash_has_crashed(struct os_vfs *vfs)
{
    struct crash_vfs *cv = crash_of(vfs);
    os_mutex_lock(&cv->mu);
    bool f = cv->fCrashed;
    os_mutex_unlock(&cv->mu);
    return f;
}
