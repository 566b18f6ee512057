/* SPDX-License-Identifier: MIT
 * ver/ver_store.c: the version store (ver_store.h): snapshot isolation, write conflicts and the
 * cleanup of versions no transaction needs. Layer: ver (uses os, base).
 *
 * Versions (ESE's RCEs) hang in a hash table of buckets, newest first; a bucket mixes the
 * versions of every node that hashes there, so a node's chain is the bucket's list filtered by
 * identity. Buckets are guarded by striped mutexes; readers check the bucket head without a
 * lock first (empty: the page is the truth). Each version also belongs to its level-0
 * transaction (struct ver_txn), which carries the commit time all its versions share: stamping
 * it is one store, so a reader sees all of a commit or none of it. Committed transactions wait
 * in a list until the oldest active transaction began after them; cleanup then frees their
 * versions and hands the flag-deleted nodes they leave to isam's remove hook.
 *
 * Time (README.md "The version store"): begin and commit take numbers from one counter. A
 * committer marks its transaction "precommit" before it takes its number and readers that meet
 * the mark wait for the number: a reader that began after the number was taken therefore never
 * mistakes the commit for an uncommitted one. */
#include "ver_int.h"
#include "os.h"
#include "debug.h"

DEBUG_CHANNEL(ver);

#define TRX_ACTIVE      UINT64_MAX          /* not committed */
#define TRX_PRECOMMIT   (UINT64_MAX - 1)    /* taking its commit number right now */
#define STRIPES         256u
#define CBUCKET_DEFAULT 16384u
#define CMS_CLEANUP_DEFAULT 100u
#define CB_ALLOC_OVERHEAD 16u               /* what an allocation costs beyond its size */
#define CMS_GHOST_DEFAULT 100u

struct ver_txn {
    const void *owner;
    uint64_t trxBegin0;
    uint64_t trxCommit0;                    /* atomic: TRX_ACTIVE, TRX_PRECOMMIT or the time */
    struct ver_rce *rceNewest;              /* its versions, newest first */
    struct ver_txn *nextCommitted;
};

struct ver_rce {
    struct ver_rce *nextInBucket;           /* older versions of the bucket's nodes */
    struct ver_rce *prevInBucket;           /* newer (NULL at the head): cleanup unlinks the
                                             * oldest versions of long chains, so unlinking must
                                             * not walk from the head (under the stripe) */
    struct ver_rce *txnNewer, *txnOlder;    /* in its transaction; in the ghost list once rolled back */
    struct ver_txn *txn;                    /* NULL once a ghost */
    bool fGhost;                            /* rolled back: seen by no one, kept for stale readers */
    bool fBuried;                           /* a ghost already out of its bucket */
    uint64_t trxGhost;                      /* the counter when it was rolled back */
    uint64_t msGhost;                       /* and the clock */
    uint32_t hash;
    uint8_t kind;                           /* enum ver_change */
    bool fRevived;
    bool fFinalize;
    bool fPending;                          /* registered, image not yet confirmed: readers skip it */
    uint32_t dbid, pgnoFDP, objid, treeInfo;
    uint32_t cbKey, cbBmData, cbImage;
    uint32_t ibDelta, cbDelta;
    int64_t delta;                          /* what readers take out: 0 until the page has it */
    int64_t deltaPending;                   /* the delta registered, applied or not */
    /* Deltas against copies (ver_store_view_copy): the store's delta clock when the page got
     * the delta (0: not yet) and when an undo took it out again (fUndoing from before the undo
     * changes the page; genUndone 0 until it has). */
    uint64_t genApplied, genUndone;
    bool fUndoing;
    uint64_t genRegistered;                 /* the delta clock when registered (its image's time) */
    size_t cbCost;
    uint8_t rgb[];                          /* key, bookmark data, before-image */
};

/* A node to look at after a pass (cleanup candidates). */
struct ver_cand {
    struct ver_cand *next;
    uint8_t kind;                           /* VER_CHANGE_DELETE: remove; VER_CHANGE_DELTA: finalize */
    uint32_t ibDelta, cbDelta;
    uint32_t dbid, pgnoFDP, objid, treeInfo, cbKey, cbData;
    bool fData;
    uint8_t rgb[];
};

struct ver_store {
    struct ver_store_config cfg;
    uint64_t trxNewest;                     /* atomic: the counter */
    uint64_t genDelta;                      /* atomic: the delta clock (ver_store_delta_gen) */
    uint32_t mask;
    struct ver_rce **rgbucket;              /* heads; written under the stripe, read atomically */
    struct os_mutex rgstripe[STRIPES];

    struct os_mutex reg_lock;               /* the attached transactions */
    struct ver_trx *reg;

    struct os_mutex committed_lock;         /* committed transactions whose versions are held */
    struct ver_txn *committedHead, *committedTail;
    uint64_t ctxnCommitted;

    struct os_mutex clean_lock;             /* one cleanup pass at a time (never held across a hook) */
    uint64_t cleanOwner;                    /* atomic: the thread running a pass (0: none) */
    struct ver_cand *candPending;           /* nodes for the hooks, under clean_lock */
    struct os_mutex hook_lock;              /* one caller of the hooks at a time; the hooks */
    struct os_mutex ghost_lock;             /* rolled-back versions, oldest first */
    struct ver_rce *ghostHead, *ghostTail;
    uint64_t cGhosts;

    uint64_t cVersions, cCleaned, cRemoved; /* atomic */

    struct os_thread *thread;
    struct os_mutex thread_lock;
    struct os_cond thread_cond;
    bool fStop, fWake;
};

/* ---- memory ---- */

static bool budget_take(struct ver_store *vs, size_t cb)
{
    struct ver_budget *b = vs->cfg.budget;
    if (!b) return true;
    size_t used = __atomic_add_fetch(&b->cbUsed, cb, __ATOMIC_RELAXED);
    if (b->cbMax && used > b->cbMax) {
        __atomic_sub_fetch(&b->cbUsed, cb, __ATOMIC_RELAXED);
        return false;
    }
    return true;
}

static void budget_give(struct ver_store *vs, size_t cb)
{
    if (vs->cfg.budget) __atomic_sub_fetch(&vs->cfg.budget->cbUsed, cb, __ATOMIC_RELAXED);
}

static bool budget_over_half(struct ver_store *vs)
{
    const struct ver_budget *b = vs->cfg.budget;
    return b && b->cbMax && __atomic_load_n(&b->cbUsed, __ATOMIC_RELAXED) > b->cbMax / 2;
}

static void rce_free(struct ver_store *vs, struct ver_rce *rce)
{
    budget_give(vs, rce->cbCost);
    __atomic_sub_fetch(&vs->cVersions, 1, __ATOMIC_RELAXED);
    mem_free(rce);
}

#define TXN_COST (sizeof(struct ver_txn) + CB_ALLOC_OVERHEAD)

static void txn_free(struct ver_store *vs, struct ver_txn *x)
{
    budget_give(vs, TXN_COST);
    mem_free(x);
}

/* ---- identity ---- */

static uint32_t hash_bytes(uint32_t h, const void *pv, size_t cb)
{
    const uint8_t *p = pv;
    for (size_t i = 0; i < cb; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

static uint32_t hash_id(const struct ver_node_id *id)
{
    uint32_t h = 2166136261u;
    uint8_t b[8];
    for (int i = 0; i < 4; i++) b[i] = (uint8_t)(id->dbid >> (8 * i));
    for (int i = 0; i < 4; i++) b[4 + i] = (uint8_t)(id->pgnoFDP >> (8 * i));
    h = hash_bytes(h, b, 8);
    h = hash_bytes(h, id->pvKey, id->cbKey);
    if (id->pvData) h = hash_bytes(h, id->pvData, id->cbData);
    /* Finish so that the low bits (the bucket) depend on every byte. */
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    return h;
}

static bool rce_is(const struct ver_rce *rce, uint32_t h, const struct ver_node_id *id)
{
    const uint32_t cbData = id->pvData ? id->cbData : 0;
    return rce->hash == h && rce->dbid == id->dbid && rce->pgnoFDP == id->pgnoFDP && rce->cbKey == id->cbKey &&
           rce->cbBmData == cbData && memcmp(rce->rgb, id->pvKey, id->cbKey) == 0 &&
           (!cbData || memcmp(rce->rgb + rce->cbKey, id->pvData, cbData) == 0);
}

static bool rce_same_node(const struct ver_rce *a, const struct ver_rce *b)
{
    return a->hash == b->hash && a->dbid == b->dbid && a->pgnoFDP == b->pgnoFDP && a->cbKey == b->cbKey &&
           a->cbBmData == b->cbBmData && memcmp(a->rgb, b->rgb, a->cbKey + a->cbBmData) == 0;
}

static const uint8_t *rce_image(const struct ver_rce *rce)
{
    return rce->rgb + rce->cbKey + rce->cbBmData;
}

static struct os_mutex *stripe_of(struct ver_store *vs, uint32_t h)
{
    return &vs->rgstripe[(h & vs->mask) % STRIPES];
}

static struct ver_rce **bucket_of(struct ver_store *vs, uint32_t h)
{
    return &vs->rgbucket[h & vs->mask];
}

/* ---- time ---- */

static uint64_t commit_time(const struct ver_txn *x)
{
    for (;;) {
        uint64_t c = __atomic_load_n(&x->trxCommit0, __ATOMIC_SEQ_CST);
        if (c != TRX_PRECOMMIT) return c;
        os_sleep_ms(0);     /* the committer is between two stores */
    }
}

/* Does reader r see this version's change? Nobody sees a ghost's. */
static bool rce_visible(const struct ver_rce *rce, const struct ver_actor *r)
{
    if (rce->fGhost) return false;
    uint64_t c = commit_time(rce->txn);
    if (c == TRX_ACTIVE) return rce->txn->owner == r->owner;
    return r->trxBegin0 == 0 || c < r->trxBegin0;
}

/* ESE's FActiveNotByMe: a change writer w cannot build on. */
static bool rce_active_not_by(const struct ver_rce *rce, const struct ver_actor *w)
{
    if (rce->fGhost) return false;
    uint64_t c = commit_time(rce->txn);
    if (c == TRX_ACTIVE) return rce->txn->owner != w->owner;
    return w->trxBegin0 != 0 && c > w->trxBegin0;
}

/* Insert, replace, delete: the kinds that change what the node is. */
static bool kind_changes_node(uint8_t kind)
{
    return kind == VER_CHANGE_INSERT || kind == VER_CHANGE_REPLACE || kind == VER_CHANGE_DELETE;
}

static bool kind_commutes(uint8_t kind)
{
    return kind == VER_CHANGE_DELTA || kind == VER_CHANGE_READ_LOCK;
}

/* ESE's FVERIWriteConflict, under the node's stripe. */
static bool write_conflict_locked(struct ver_store *vs, uint32_t h, const struct ver_node_id *id,
                                  const struct ver_actor *w, uint8_t kind)
{
    const struct ver_rce *first = NULL;
    for (const struct ver_rce *rce = *bucket_of(vs, h); rce; rce = rce->nextInBucket) {
        if (!rce->fGhost && rce_is(rce, h, id)) {
            first = rce;
            break;
        }
    }
    if (!first) return false;
    if (rce_active_not_by(first, w)) {
        if (!kind_commutes(kind)) return true;
        /* Commuting changes stack only on active versions all of the same kind. */
        for (const struct ver_rce *rce = first; rce; rce = rce->nextInBucket)
            if (rce_is(rce, h, id) && rce->kind != kind && rce_active_not_by(rce, w)) return true;
        return false;
    }
    /* The newest is ours or old. A change of another kind on top of commuting versions needs
     * every active one to be ours. */
    if (first->kind != kind && kind_commutes(first->kind)) {
        for (const struct ver_rce *rce = first; rce; rce = rce->nextInBucket)
            if (rce_is(rce, h, id) && rce_active_not_by(rce, w)) return true;
    }
    return false;
}

/* ---- creation ---- */

static void cleanup_thread(void *pv);

JET_ERR ver_store_create(const struct ver_store_config *cfg, struct ver_store **ppvs)
{
    JET_ERR err = JET_errSuccess;
    *ppvs = NULL;
    struct ver_store *vs = mem_calloc(1, sizeof *vs);
    if (!vs) return ERR_TRAP(JET_errOutOfMemory);
    vs->cfg = *cfg;
    uint32_t cbucket = 1;
    uint32_t want = cfg->cbucket ? cfg->cbucket : CBUCKET_DEFAULT;
    while (cbucket < want && cbucket < (1u << 24)) cbucket <<= 1;
    vs->mask = cbucket - 1;
    vs->rgbucket = mem_calloc(cbucket, sizeof *vs->rgbucket);
    if (!vs->rgbucket) {
        mem_free(vs);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    for (uint32_t i = 0; i < STRIPES; i++) os_mutex_init(&vs->rgstripe[i]);
    os_mutex_init(&vs->reg_lock);
    os_mutex_init(&vs->committed_lock);
    os_mutex_init(&vs->clean_lock);
    os_mutex_init(&vs->hook_lock);
    os_mutex_init(&vs->ghost_lock);
    os_mutex_init(&vs->thread_lock);
    os_cond_init(&vs->thread_cond);
    if (cfg->fThread) {
        err = os_thread_create(&vs->thread, cleanup_thread, vs);
        if (err < 0) {
            vs->thread = NULL;
            ver_store_destroy(vs);
            return err;
        }
    }
    *ppvs = vs;
    return JET_errSuccess;
}

static void cand_free_list(struct ver_cand *c)
{
    while (c) {
        struct ver_cand *next = c->next;
        mem_free(c);
        c = next;
    }
}

void ver_store_destroy(struct ver_store *vs)
{
    if (!vs) return;
    if (vs->thread) {
        os_mutex_lock(&vs->thread_lock);
        vs->fStop = true;
        os_cond_signal(&vs->thread_cond);
        os_mutex_unlock(&vs->thread_lock);
        os_thread_join(vs->thread);
    }
    assert(vs->reg == NULL);
    /* What is left belongs to committed transactions (every active one ended). */
    for (struct ver_txn *x = vs->committedHead; x;) {
        struct ver_txn *next = x->nextCommitted;
        for (struct ver_rce *rce = x->rceNewest; rce;) {
            struct ver_rce *older = rce->txnOlder;
            rce_free(vs, rce);
            rce = older;
        }
        txn_free(vs, x);
        x = next;
    }
    for (struct ver_rce *rce = vs->ghostHead; rce;) {
        struct ver_rce *next = rce->txnOlder;
        rce_free(vs, rce);
        rce = next;
    }
    for (uint32_t i = 0; i < STRIPES; i++) os_mutex_destroy(&vs->rgstripe[i]);
    os_mutex_destroy(&vs->reg_lock);
    os_mutex_destroy(&vs->committed_lock);
    os_mutex_destroy(&vs->clean_lock);
    os_mutex_destroy(&vs->hook_lock);
    os_mutex_destroy(&vs->ghost_lock);
    os_mutex_destroy(&vs->thread_lock);
    os_cond_destroy(&vs->thread_cond);
    cand_free_list(vs->candPending);
    mem_free(vs->rgbucket);
    mem_free(vs);
}

void ver_store_set_hooks(struct ver_store *vs, ver_remove_fn pfnRemove, ver_finalize_fn pfnFinalize, void *pvCtx)
{
    /* Hooks are called under hook_lock only. */
    os_mutex_lock(&vs->hook_lock);
    vs->cfg.pfnRemove = pfnRemove;
    vs->cfg.pfnFinalize = pfnFinalize;
    vs->cfg.pvCtx = pvCtx;
    os_mutex_unlock(&vs->hook_lock);
}

/* ---- transactions ---- */

void ver_store_attach(struct ver_store *vs, struct ver_trx *t, const void *owner)
{
    t->vs = vs;
    t->owner = owner;
    __atomic_store_n(&t->trxBegin0, 0, __ATOMIC_SEQ_CST);
    t->txn = NULL;
    os_mutex_lock(&vs->reg_lock);
    t->regPrev = NULL;
    t->regNext = vs->reg;
    if (vs->reg) vs->reg->regPrev = t;
    vs->reg = t;
    os_mutex_unlock(&vs->reg_lock);
}

void ver_store_detach(struct ver_trx *t)
{
    struct ver_store *vs = t->vs;
    if (!vs) return;
    assert(t->txn == NULL && t->top == NULL);
    os_mutex_lock(&vs->reg_lock);
    if (t->regPrev) t->regPrev->regNext = t->regNext;
    else vs->reg = t->regNext;
    if (t->regNext) t->regNext->regPrev = t->regPrev;
    os_mutex_unlock(&vs->reg_lock);
    t->regPrev = t->regNext = NULL;
    t->vs = NULL;
}

uint64_t ver_store_begin(struct ver_store *vs, struct ver_trx *t)
{
    /* A lower bound first, so that a cleanup pass running now either sees it or computed its
     * horizon before our number was taken (README "Cleanup"). */
    uint64_t now = __atomic_load_n(&vs->trxNewest, __ATOMIC_SEQ_CST);
    __atomic_store_n(&t->trxBegin0, now ? now : 1, __ATOMIC_SEQ_CST);
    uint64_t b = __atomic_add_fetch(&vs->trxNewest, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&t->trxBegin0, b, __ATOMIC_SEQ_CST);
    return b;
}

static void wake_cleanup(struct ver_store *vs)
{
    if (!vs->thread) return;
    /* Committers call this at a high rate once the budget is half used: one signal per pass. */
    if (__atomic_load_n(&vs->fWake, __ATOMIC_ACQUIRE)) return;
    os_mutex_lock(&vs->thread_lock);
    __atomic_store_n(&vs->fWake, true, __ATOMIC_RELEASE);
    os_cond_signal(&vs->thread_cond);
    os_mutex_unlock(&vs->thread_lock);
}

uint64_t ver_store_commit(struct ver_store *vs, struct ver_trx *t)
{
    struct ver_txn *x = t->txn;
    uint64_t c = 0;
    t->txn = NULL;
    if (x && x->rceNewest) {
        __atomic_store_n(&x->trxCommit0, TRX_PRECOMMIT, __ATOMIC_SEQ_CST);
        c = __atomic_add_fetch(&vs->trxNewest, 1, __ATOMIC_SEQ_CST);
        __atomic_store_n(&x->trxCommit0, c, __ATOMIC_SEQ_CST);
        os_mutex_lock(&vs->committed_lock);
        if (vs->committedTail) vs->committedTail->nextCommitted = x;
        else vs->committedHead = x;
        vs->committedTail = x;
        vs->ctxnCommitted++;
        os_mutex_unlock(&vs->committed_lock);
        if (budget_over_half(vs)) wake_cleanup(vs);
    } else if (x) {
        txn_free(vs, x);
    }
    __atomic_store_n(&t->trxBegin0, 0, __ATOMIC_SEQ_CST);
    return c;
}

void ver_store_rollback(struct ver_store *vs, struct ver_trx *t)
{
    struct ver_txn *x = t->txn;
    t->txn = NULL;
    if (x) {
        /* Every version went with its undo entry. */
        assert(x->rceNewest == NULL);
        txn_free(vs, x);
    }
    __atomic_store_n(&t->trxBegin0, 0, __ATOMIC_SEQ_CST);
}

/* ---- readers ---- */

uint64_t ver_store_delta_gen(struct ver_store *vs)
{
    return __atomic_load_n(&vs->genDelta, __ATOMIC_SEQ_CST);
}

/* The field rce's delta changed, less delta, in a copy of pb (*ppbWork, made once). */
static JET_ERR take_out_delta(const struct ver_rce *rce, int64_t delta, const uint8_t **ppb, uint32_t cb,
                              uint8_t **ppbWork)
{
    if (*ppb != *ppbWork) {
        uint8_t *p = mem_alloc(cb ? cb : 1);
        if (!p) return ERR_TRAP(JET_errOutOfMemory);
        if (cb) memcpy(p, *ppb, cb);
        mem_free(*ppbWork);
        *ppb = *ppbWork = p;
    }
    if ((uint64_t)rce->ibDelta + rce->cbDelta <= cb) {
        uint8_t *f = *ppbWork + rce->ibDelta;
        uint64_t v = 0;
        for (uint32_t i = 0; i < rce->cbDelta; i++) v |= (uint64_t)f[i] << (8 * i);
        v -= (uint64_t)delta;
        for (uint32_t i = 0; i < rce->cbDelta; i++) f[i] = (uint8_t)(v >> (8 * i));
    }
    return JET_errSuccess;
}

/* genCopy: VIEW_LATCHED for a caller holding the page latch (the old contract), else the delta
 * clock read before the copy was taken (0: not read yet). */
#define VIEW_LATCHED UINT64_MAX

static JET_ERR view(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *r, uint64_t genCopy,
                    const void *pbPage, uint32_t cbPage, bool fDeletedOnPage,
                    enum ver_view *pview, void **ppb, uint32_t *pcb)
{
    JET_ERR err = JET_errSuccess;
    *pview = VER_VIEW_PAGE;
    *ppb = NULL;
    *pcb = 0;
    const uint32_t h = hash_id(id);
    struct ver_rce **phead = bucket_of(vs, h);
    if (!__atomic_load_n(phead, __ATOMIC_ACQUIRE)) return JET_errSuccess;

    bool fExists = true, fDeleted = fDeletedOnPage, fChanged = false;
    const uint8_t *pb = pbPage;
    uint32_t cb = cbPage;
    uint8_t *pbWork = NULL;         /* our copy, once a delta had to be taken out */
    uint64_t genImage = 0;          /* the delta clock when pb's image (not the page) was taken */

    struct os_mutex *mu = stripe_of(vs, h);
    os_mutex_lock(mu);
    /* Newest first: take back every change r must not see; what is left is r's state. */
    bool fPastLive = false;
    for (const struct ver_rce *rce = *phead; rce; rce = rce->nextInBucket) {
        if (!rce_is(rce, h, id)) continue;
        /* A pending version's change has not reached the page and its image is not yet known
         * to be the page's: as if it were not there (ver_store_changed_pending). */
        if (rce->fPending) continue;
        if (rce->kind == VER_CHANGE_DELTA && (rce->fGhost || rce->fUndoing)
                && (genCopy != VIEW_LATCHED || rce->fGhost)) {
            /* A delta being undone or undone. A copy must be from after the undo reached the
             * page, else the caller copies again; then the page lacks the delta, and so does
             * an image taken before the delta or after its undo. An image taken in between (an
             * undone replace made over the delta, undone before it) has it: take it out. */
            if (genCopy != VIEW_LATCHED && (!genCopy || !rce->genUndone || rce->genUndone > genCopy)) {
                *pview = VER_VIEW_RETRY;
                goto out;
            }
            if (pb != pbPage && rce->genApplied && rce->genApplied <= genImage
                    && (!rce->genUndone || genImage < rce->genUndone)) {
                CALL(take_out_delta(rce, rce->deltaPending, &pb, cb, &pbWork));
                fChanged = true;
            }
            continue;
        }
        if (rce->kind == VER_CHANGE_DELTA && genCopy != VIEW_LATCHED && !rce_visible(rce, r)) {
            /* A copy holds a delta the reader must not see iff the page got it before the copy
             * read the clock; a delta not yet applied, or applied since, cannot be judged. */
            if (!genCopy || !rce->genApplied || rce->genApplied > genCopy) {
                *pview = VER_VIEW_RETRY;
                goto out;
            }
        }
        /* A ghost speaks only for the page as its undo left it: once a live version lies above
         * it, the page has moved on and its image is history. */
        if (rce->fGhost && fPastLive) continue;
        /* (a lock moves nothing: the ghosts under it still speak for a copy from before) */
        if (!rce->fGhost && rce->kind != VER_CHANGE_READ_LOCK && rce->kind != VER_CHANGE_WRITE_LOCK) fPastLive = true;
        if (rce_visible(rce, r)) {
            /* r sees everything older too (write conflicts order a node's chain), except the
             * ghosts this change was made over: stop. */
            if (kind_changes_node(rce->kind)) break;
            continue;
        }
        switch (rce->kind) {
        case VER_CHANGE_INSERT:
            if (rce->fRevived) {
                fDeleted = true;
                pb = rce_image(rce);
                cb = rce->cbImage;
                genImage = rce->genRegistered;
            } else {
                fExists = false;
            }
            fChanged = true;
            break;
        case VER_CHANGE_REPLACE:
            pb = rce_image(rce);
            cb = rce->cbImage;
            genImage = rce->genRegistered;
            fChanged = true;
            break;
        case VER_CHANGE_DELETE:
            fDeleted = false;
            fChanged = true;
            break;
        case VER_CHANGE_DELTA:
            CALL(take_out_delta(rce, rce->delta, &pb, cb, &pbWork));
            fChanged = true;
            break;
        default:        /* locks change nothing */
            break;
        }
    }
    if (!fChanged) goto out;
    if (!fExists || fDeleted) {
        *pview = VER_VIEW_ABSENT;
        goto out;
    }
    if (pb != pbWork) {
        uint8_t *p = mem_alloc(cb ? cb : 1);
        if (!p) {
            err = ERR_TRAP(JET_errOutOfMemory);
            goto out;
        }
        if (cb) memcpy(p, pb, cb);
        mem_free(pbWork);
        pbWork = p;
    }
    *pview = VER_VIEW_IMAGE;
    *ppb = pbWork;
    *pcb = cb;
    pbWork = NULL;
out:
    os_mutex_unlock(mu);
    mem_free(pbWork);
    if (err < 0) *pview = VER_VIEW_PAGE;
    return err;
}

JET_ERR ver_store_view(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *r,
                       const void *pbPage, uint32_t cbPage, bool fDeletedOnPage,
                       enum ver_view *pview, void **ppb, uint32_t *pcb)
{
    return view(vs, id, r, VIEW_LATCHED, pbPage, cbPage, fDeletedOnPage, pview, ppb, pcb);
}

JET_ERR ver_store_view_copy(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *r,
                            uint64_t genCopy, const void *pbPage, uint32_t cbPage, bool fDeletedOnPage,
                            enum ver_view *pview, void **ppb, uint32_t *pcb)
{
    return view(vs, id, r, genCopy == VIEW_LATCHED ? VIEW_LATCHED - 1 : genCopy, pbPage, cbPage, fDeletedOnPage, pview,
                ppb, pcb);
}

bool ver_store_empty(struct ver_store *vs)
{
    return __atomic_load_n(&vs->cVersions, __ATOMIC_SEQ_CST) == 0;
}

bool ver_store_has_versions(struct ver_store *vs, const struct ver_node_id *id)
{
    const uint32_t h = hash_id(id);
    struct ver_rce **phead = bucket_of(vs, h);
    if (!__atomic_load_n(phead, __ATOMIC_ACQUIRE)) return false;
    bool f = false;
    struct os_mutex *mu = stripe_of(vs, h);
    os_mutex_lock(mu);
    for (const struct ver_rce *rce = *phead; rce && !f; rce = rce->nextInBucket) f = rce_is(rce, h, id);
    os_mutex_unlock(mu);
    return f;
}

/* ---- writers ---- */

JET_ERR ver_store_check(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *w,
                        enum ver_change kind)
{
    const uint32_t h = hash_id(id);
    struct ver_rce **phead = bucket_of(vs, h);
    if (!__atomic_load_n(phead, __ATOMIC_ACQUIRE)) return JET_errSuccess;
    struct os_mutex *mu = stripe_of(vs, h);
    os_mutex_lock(mu);
    bool f = write_conflict_locked(vs, h, id, w, (uint8_t)kind);
    os_mutex_unlock(mu);
    return f ? ERR_TRAP(JET_errWriteConflict) : JET_errSuccess;
}

static uint64_t clean_pass(struct ver_store *vs, bool fHooks);

static bool clean_running_here(struct ver_store *vs)
{
    return __atomic_load_n(&vs->cleanOwner, __ATOMIC_ACQUIRE) == os_thread_id();
}

bool ver_store_make_room(struct ver_store *vs)
{
    if (clean_running_here(vs)) return false;
    (void)clean_pass(vs, false);
    return true;
}

/* Memory for a version: from the budget, after one cleanup pass if it is spent (ESE signals its
 * cleanup and retries before it reports the version store full). */
static JET_ERR take_memory(struct ver_store *vs, size_t cb)
{
    if (budget_take(vs, cb)) return JET_errSuccess;
    if (!clean_running_here(vs)) {
        /* The writer may hold a page latch: free memory, leave the hooks (which latch pages)
         * to the next full pass. */
        (void)clean_pass(vs, false);
        if (budget_take(vs, cb)) return JET_errSuccess;
    }
    WARN("version store full (%llu of %llu bytes)", (unsigned long long)__atomic_load_n(&vs->cfg.budget->cbUsed, __ATOMIC_RELAXED),
         (unsigned long long)vs->cfg.budget->cbMax);
    return ERR_TRAP(JET_errVersionStoreOutOfMemory);
}

struct reg_args {
    uint8_t kind;
    bool fRevived;
    bool fFinalize;
    bool fPending;
    const void *pbImage;
    uint32_t cbImage;
    uint32_t ibDelta, cbDelta;
    int64_t delta;
};

static JET_ERR register_change(struct ver_store *vs, const struct ver_node_id *id, struct ver_trx *t,
                               const struct reg_args *a)
{
    JET_ERR err;
    assert(t->vs == vs && t->top && !t->top->rce && t->level > 0);
    const uint32_t cbData = id->pvData ? id->cbData : 0;
    const size_t cbRce = sizeof(struct ver_rce) + (size_t)id->cbKey + cbData + a->cbImage;
    if (vs->cfg.cbVersionMax && cbRce > vs->cfg.cbVersionMax) return ERR_TRAP(JET_errVersionStoreEntryTooBig);
    const struct ver_actor w = { t->owner, __atomic_load_n(&t->trxBegin0, __ATOMIC_RELAXED) };

    if (!t->txn) {
        CALL_R(take_memory(vs, TXN_COST));
        struct ver_txn *x = mem_calloc(1, sizeof *x);
        if (!x) {
            budget_give(vs, TXN_COST);
            return ERR_TRAP(JET_errOutOfMemory);
        }
        x->owner = t->owner;
        x->trxBegin0 = w.trxBegin0;
        x->trxCommit0 = TRX_ACTIVE;
        t->txn = x;
    }
    const size_t cbCost = cbRce + CB_ALLOC_OVERHEAD;
    CALL_R(take_memory(vs, cbCost));
    struct ver_rce *rce = mem_alloc(cbRce);
    if (!rce) {
        budget_give(vs, cbCost);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    memset(rce, 0, sizeof *rce);
    rce->txn = t->txn;
    rce->hash = hash_id(id);
    rce->kind = a->kind;
    rce->fRevived = a->fRevived;
    rce->fFinalize = a->fFinalize;
    rce->fPending = a->fPending;
    rce->genRegistered = __atomic_load_n(&vs->genDelta, __ATOMIC_SEQ_CST);
    rce->dbid = id->dbid;
    rce->pgnoFDP = id->pgnoFDP;
    rce->objid = id->objid;
    rce->treeInfo = id->treeInfo;
    rce->cbKey = id->cbKey;
    rce->cbBmData = cbData;
    rce->cbImage = a->cbImage;
    rce->ibDelta = a->ibDelta;
    rce->cbDelta = a->cbDelta;
    rce->deltaPending = a->delta;
    rce->cbCost = cbCost;
    if (id->cbKey) memcpy(rce->rgb, id->pvKey, id->cbKey);
    if (cbData) memcpy(rce->rgb + id->cbKey, id->pvData, cbData);
    if (a->cbImage) memcpy(rce->rgb + id->cbKey + cbData, a->pbImage, a->cbImage);

    struct os_mutex *mu = stripe_of(vs, rce->hash);
    struct ver_rce **phead = bucket_of(vs, rce->hash);
    os_mutex_lock(mu);
    if (write_conflict_locked(vs, rce->hash, id, &w, rce->kind)) {
        os_mutex_unlock(mu);
        budget_give(vs, cbCost);
        mem_free(rce);
        return ERR_TRAP(JET_errWriteConflict);
    }
    /* Counted before it can be found: ver_store_empty's readers rely on it. */
    __atomic_add_fetch(&vs->cVersions, 1, __ATOMIC_SEQ_CST);
    rce->nextInBucket = *phead;
    rce->prevInBucket = NULL;
    if (*phead) (*phead)->prevInBucket = rce;
    __atomic_store_n(phead, rce, __ATOMIC_RELEASE);
    os_mutex_unlock(mu);

    /* The transaction's own list: only its session touches it until it commits. */
    rce->txnOlder = t->txn->rceNewest;
    if (rce->txnOlder) rce->txnOlder->txnNewer = rce;
    t->txn->rceNewest = rce;
    t->top->rce = rce;
    return JET_errSuccess;
}

static JET_ERR changed(struct ver_store *vs, const struct ver_node_id *id, struct ver_trx *t,
                       enum ver_change kind, bool fRevived, const void *pbBefore, uint32_t cbBefore, bool fPending)
{
    struct reg_args a = { (uint8_t)kind, fRevived, false, fPending, NULL, 0, 0, 0, 0 };
    if (kind == VER_CHANGE_DELTA) return ERR_TRAP(JET_errInvalidParameter);   /* ver_store_changed_delta */
    if ((kind == VER_CHANGE_INSERT && fRevived) || kind == VER_CHANGE_REPLACE) {
        a.pbImage = pbBefore;
        a.cbImage = cbBefore;
    }
    a.fRevived = kind == VER_CHANGE_INSERT && fRevived;
    return register_change(vs, id, t, &a);
}

JET_ERR ver_store_changed(struct ver_store *vs, const struct ver_node_id *id, struct ver_trx *t,
                          enum ver_change kind, bool fRevived, const void *pbBefore, uint32_t cbBefore)
{
    return changed(vs, id, t, kind, fRevived, pbBefore, cbBefore, false);
}

JET_ERR ver_store_changed_pending(struct ver_store *vs, const struct ver_node_id *id, struct ver_trx *t,
                                  enum ver_change kind, bool fRevived, const void *pbBefore, uint32_t cbBefore)
{
    return changed(vs, id, t, kind, fRevived, pbBefore, cbBefore, true);
}

void ver_store_confirm(struct ver_trx *t)
{
    struct ver_rce *rce = t->top ? t->top->rce : NULL;
    if (!rce || !rce->fPending) return;
    struct os_mutex *mu = stripe_of(t->vs, rce->hash);
    os_mutex_lock(mu);
    rce->fPending = false;
    os_mutex_unlock(mu);
}

JET_ERR ver_store_changed_delta(struct ver_store *vs, const struct ver_node_id *id, struct ver_trx *t,
                                uint32_t ibOffset, uint32_t cbField, int64_t delta, unsigned grbit)
{
    if ((cbField != 4 && cbField != 8) || (grbit & ~VER_DELTA_FINALIZE)) return ERR_TRAP(JET_errInvalidParameter);
    struct reg_args a = { VER_CHANGE_DELTA, false, (grbit & VER_DELTA_FINALIZE) != 0, false, NULL, 0, ibOffset, cbField, delta };
    return register_change(vs, id, t, &a);
}

/* Take a version out of its bucket (the caller then frees it or keeps it a little longer). */
/* Take rce out of its bucket in O(1); caller holds its stripe. */
static void unlink_locked(struct ver_store *vs, struct ver_rce *rce)
{
    struct ver_rce **pp = rce->prevInBucket ? &rce->prevInBucket->nextInBucket : bucket_of(vs, rce->hash);
    assert(*pp == rce);
    __atomic_store_n(pp, rce->nextInBucket, __ATOMIC_RELEASE);
    if (rce->nextInBucket) rce->nextInBucket->prevInBucket = rce->prevInBucket;
    rce->prevInBucket = rce->nextInBucket = NULL;
}

static void unlink_from_bucket(struct ver_store *vs, struct ver_rce *rce)
{
    struct os_mutex *mu = stripe_of(vs, rce->hash);
    os_mutex_lock(mu);
    unlink_locked(vs, rce);
    os_mutex_unlock(mu);
}

/* Cleanup takes a committed version out of its bucket: the ghosts under it go too. Readers
 * ignore a ghost under a live version; left alone, it would come back to the top and show its
 * stale before-image to everyone. (Freed later from the ghost list.) Cleanup goes oldest
 * first, so what lies below is short. A delta's ghost stays: it is judged wherever it lies
 * (never by its place under a live version), and it may have been undone after the committed
 * version above it was registered (deltas stack on active deltas), so a reader that began
 * after that commit may still hold a copy taken before the undo and need it (README
 * "Escrow deltas against copies"); it goes from the ghost list by age. */
static void unlink_with_ghosts_below(struct ver_store *vs, struct ver_rce *rce)
{
    struct os_mutex *mu = stripe_of(vs, rce->hash);
    os_mutex_lock(mu);
    for (struct ver_rce *g = rce->nextInBucket; g;) {
        struct ver_rce *next = g->nextInBucket;
        if (g->fGhost && g->kind != VER_CHANGE_DELTA && rce_same_node(g, rce)) {
            unlink_locked(vs, g);
            g->fBuried = true;
        }
        g = next;
    }
    unlink_locked(vs, rce);
    os_mutex_unlock(mu);
}

static struct ver_cand *cand_of(const struct ver_rce *rce, uint8_t kind)
{
    struct ver_cand *c = mem_alloc(sizeof *c + rce->cbKey + rce->cbBmData);
    if (!c) return NULL;
    c->next = NULL;
    c->kind = kind;
    c->ibDelta = rce->ibDelta;
    c->cbDelta = rce->cbDelta;
    c->dbid = rce->dbid;
    c->pgnoFDP = rce->pgnoFDP;
    c->objid = rce->objid;
    c->treeInfo = rce->treeInfo;
    c->cbKey = rce->cbKey;
    c->cbData = rce->cbBmData;
    c->fData = rce->cbBmData != 0;
    memcpy(c->rgb, rce->rgb, rce->cbKey + rce->cbBmData);
    return c;
}

static struct ver_node_id cand_id(const struct ver_cand *c)
{
    struct ver_node_id id = { c->dbid, c->pgnoFDP, c->rgb, c->cbKey, c->fData ? c->rgb + c->cbKey : NULL, c->cbData,
                              c->objid, c->treeInfo };
    return id;
}

static void txn_unlink(struct ver_trx *t, struct ver_rce *rce)
{
    if (rce->txnNewer) rce->txnNewer->txnOlder = rce->txnOlder;
    else t->txn->rceNewest = rce->txnOlder;
    if (rce->txnOlder) rce->txnOlder->txnNewer = rce->txnNewer;
    rce->txnNewer = rce->txnOlder = NULL;
}

void ver_store_forget(struct ver_trx *t, struct ver_rce *rce, bool fUndone)
{
    struct ver_store *vs = t->vs;
    txn_unlink(t, rce);
    /* An undone delta stays too, as a ghost that says when its undo reached the page (readers
     * of copies, ver_store_view_copy). */
    if (!fUndone || !(kind_changes_node(rce->kind) || (rce->kind == VER_CHANGE_DELTA && rce->genApplied))) {
        unlink_from_bucket(vs, rce);
        rce_free(vs, rce);
        return;
    }
    /* Undone on the page: the version stays as a ghost nobody sees, for a reader that copied
     * the node before the undo and asks about it after (README "Ghosts"); cleanup frees it
     * once every transaction that could hold such a copy has ended. */
    struct os_mutex *mu = stripe_of(vs, rce->hash);
    os_mutex_lock(mu);
    rce->fGhost = true;
    rce->txn = NULL;
    rce->trxGhost = __atomic_load_n(&vs->trxNewest, __ATOMIC_SEQ_CST);
    rce->msGhost = os_time_ms();
    os_mutex_unlock(mu);
    os_mutex_lock(&vs->ghost_lock);
    if (vs->ghostTail) vs->ghostTail->txnOlder = rce;
    else vs->ghostHead = rce;
    vs->ghostTail = rce;
    vs->cGhosts++;
    os_mutex_unlock(&vs->ghost_lock);
}

void ver_store_delta_applied(struct ver_trx *t)
{
    struct ver_rce *rce = t->top ? t->top->rce : NULL;
    if (!rce || rce->kind != VER_CHANGE_DELTA) return;
    struct os_mutex *mu = stripe_of(t->vs, rce->hash);
    os_mutex_lock(mu);
    rce->delta = rce->deltaPending;
    /* Stamped after the page change: a copy whose clock reading is at or past this stamp was
     * taken after the change and holds the delta. */
    rce->genApplied = __atomic_add_fetch(&t->vs->genDelta, 1, __ATOMIC_SEQ_CST);
    os_mutex_unlock(mu);
}

void ver_store_delta_unversioned(struct ver_store *vs, const struct ver_node_id *id, uint32_t ibOffset,
                                 uint32_t cbField, int64_t delta)
{
    const uint32_t h = hash_id(id);
    struct ver_rce **phead = bucket_of(vs, h);
    if (!__atomic_load_n(phead, __ATOMIC_ACQUIRE)) return;
    struct os_mutex *mu = stripe_of(vs, h);
    os_mutex_lock(mu);
    /* Newest first, as view() reads them: locks move nothing; below a live change, ghosts are
     * history and nobody reads their images. */
    for (struct ver_rce *rce = *phead; rce; rce = rce->nextInBucket) {
        if (!rce_is(rce, h, id)) continue;
        if (!rce->fGhost) {
            if (rce->kind == VER_CHANGE_READ_LOCK || rce->kind == VER_CHANGE_WRITE_LOCK) continue;
            break;
        }
        const bool fImage = rce->kind == VER_CHANGE_REPLACE || (rce->kind == VER_CHANGE_INSERT && rce->fRevived);
        if (!fImage || (uint64_t)ibOffset + cbField > rce->cbImage) continue;
        uint8_t *f = rce->rgb + rce->cbKey + rce->cbBmData + ibOffset;
        uint64_t v = 0;
        for (uint32_t i = 0; i < cbField; i++) v |= (uint64_t)f[i] << (8 * i);
        v += (uint64_t)delta;
        for (uint32_t i = 0; i < cbField; i++) f[i] = (uint8_t)(v >> (8 * i));
    }
    os_mutex_unlock(mu);
}

void ver_store_delta_undoing(struct ver_trx *t, const struct ver_entry *e)
{
    struct ver_rce *rce = e->rce;
    if (!rce || rce->kind != VER_CHANGE_DELTA) return;
    struct os_mutex *mu = stripe_of(t->vs, rce->hash);
    os_mutex_lock(mu);
    rce->fUndoing = true;
    os_mutex_unlock(mu);
}

void ver_store_delta_undone(struct ver_trx *t, const struct ver_entry *e)
{
    struct ver_rce *rce = e->rce;
    if (!rce || rce->kind != VER_CHANGE_DELTA) return;
    struct os_mutex *mu = stripe_of(t->vs, rce->hash);
    os_mutex_lock(mu);
    rce->genUndone = __atomic_add_fetch(&t->vs->genDelta, 1, __ATOMIC_SEQ_CST);
    os_mutex_unlock(mu);
}

void ver_store_forget_now(struct ver_trx *t, const struct ver_entry *e)
{
    struct ver_entry *em = (struct ver_entry *)e;     /* the entry is t's; const only for undo fns */
    if (!em->rce) return;
    ver_store_forget(t, em->rce, false);
    em->rce = NULL;
}

/* ---- cleanup ---- */

/* The begin time of the oldest active transaction, or past the newest time when none is
 * active: versions committed before it can go. The counter is read before the list: a
 * transaction beginning meanwhile that we do not see takes a later number (begin stores its
 * lower bound before it takes the number). */
static uint64_t oldest_begin(struct ver_store *vs)
{
    uint64_t oldest = __atomic_load_n(&vs->trxNewest, __ATOMIC_SEQ_CST) + 1;
    os_mutex_lock(&vs->reg_lock);
    for (struct ver_trx *t = vs->reg; t; t = t->regNext) {
        uint64_t b = __atomic_load_n(&t->trxBegin0, __ATOMIC_SEQ_CST);
        if (b && b < oldest) oldest = b;
    }
    os_mutex_unlock(&vs->reg_lock);
    return oldest;
}

/* Hand the candidates to the hooks: each node whose versions are all gone. Caller holds
 * hook_lock and nothing else (the hooks latch pages). */
static void process_candidates(struct ver_store *vs, struct ver_cand *list)
{
    for (struct ver_cand *c = list; c; c = c->next) {
        struct ver_node_id id = cand_id(c);
        if (ver_store_has_versions(vs, &id)) continue;     /* a newer change owns the node now */
        JET_ERR err = JET_errSuccess;
        if (c->kind == VER_CHANGE_DELETE && vs->cfg.pfnRemove) {
            err = vs->cfg.pfnRemove(vs->cfg.pvCtx, &id);
            __atomic_add_fetch(&vs->cRemoved, 1, __ATOMIC_RELAXED);
        } else if (c->kind == VER_CHANGE_DELTA && vs->cfg.pfnFinalize) {
            err = vs->cfg.pfnFinalize(vs->cfg.pvCtx, &id, c->ibDelta, c->cbDelta);
        }
        if (err < 0) WARN("cleanup of a node of tree %u in database %u failed: %ld", c->pgnoFDP, c->dbid, (long)err);
    }
}

/* Free the versions of finished transactions; deletes (and finalizing deltas) become
 * candidates. Caller holds clean_lock. */
static uint64_t clean_txns(struct ver_store *vs, struct ver_txn *done, struct ver_cand **pcand)
{
    uint64_t n = 0;
    while (done) {
        struct ver_txn *x = done;
        done = x->nextCommitted;
        for (struct ver_rce *rce = x->rceNewest; rce;) {
            struct ver_rce *older = rce->txnOlder;
            unlink_with_ghosts_below(vs, rce);
            if (rce->kind == VER_CHANGE_DELETE || (rce->kind == VER_CHANGE_DELTA && rce->fFinalize)) {
                struct ver_cand *c = cand_of(rce, rce->kind);
                if (c) {
                    c->next = *pcand;
                    *pcand = c;
                }
            }
            rce_free(vs, rce);
            n++;
            rce = older;
        }
        txn_free(vs, x);
    }
    return n;
}

/* Ghosts old enough (rolled back before the oldest active transaction began, and at least
 * cmsGhost ago for readers outside transactions); dbid != 0: every ghost of that database. A
 * revival rolled back leaves a flag-deleted node that may have lost the version that would
 * have removed it (cleanup may have removed the node in between and the insert made a fresh
 * one): it becomes a candidate. */
static uint64_t clean_ghosts(struct ver_store *vs, uint64_t oldest, uint32_t dbid, struct ver_cand **pcand)
{
    uint64_t n = 0;
    const uint64_t now = os_time_ms();
    struct ver_rce *done = NULL;
    os_mutex_lock(&vs->ghost_lock);
    struct ver_rce *prev = NULL;
    for (struct ver_rce *rce = vs->ghostHead; rce;) {
        struct ver_rce *next = rce->txnOlder;
        bool fGo = rce->fBuried || (dbid ? rce->dbid == dbid
                                        : rce->trxGhost < oldest && now - rce->msGhost >= vs->cfg.cmsGhost);
        if (fGo) {
            if (prev) prev->txnOlder = next;
            else vs->ghostHead = next;
            if (vs->ghostTail == rce) vs->ghostTail = prev;
            vs->cGhosts--;
            rce->txnOlder = done;
            done = rce;
        } else {
            prev = rce;
        }
        rce = next;
    }
    os_mutex_unlock(&vs->ghost_lock);
    while (done) {
        struct ver_rce *rce = done;
        done = rce->txnOlder;
        if (!rce->fBuried) unlink_from_bucket(vs, rce);
        if (rce->kind == VER_CHANGE_INSERT && rce->fRevived) {
            struct ver_cand *c = cand_of(rce, VER_CHANGE_DELETE);
            if (c) {
                c->next = *pcand;
                *pcand = c;
            }
        }
        rce_free(vs, rce);
        n++;
    }
    return n;
}

static void clean_lock(struct ver_store *vs)
{
    os_mutex_lock(&vs->clean_lock);
    __atomic_store_n(&vs->cleanOwner, os_thread_id(), __ATOMIC_RELEASE);
}

static void clean_unlock(struct ver_store *vs)
{
    __atomic_store_n(&vs->cleanOwner, 0, __ATOMIC_RELEASE);
    os_mutex_unlock(&vs->clean_lock);
}

/* Queue a pass's candidates for the hooks (under clean_lock). */
static void cand_queue(struct ver_store *vs, struct ver_cand *cand)
{
    while (cand) {
        struct ver_cand *next = cand->next;
        cand->next = vs->candPending;
        vs->candPending = cand;
        cand = next;
    }
}

/* Run the hooks on every queued candidate (no lock held by the caller). */
static void run_hooks(struct ver_store *vs)
{
    os_mutex_lock(&vs->hook_lock);
    clean_lock(vs);
    struct ver_cand *cand = vs->candPending;
    vs->candPending = NULL;
    clean_unlock(vs);
    process_candidates(vs, cand);
    os_mutex_unlock(&vs->hook_lock);
    cand_free_list(cand);
}

uint64_t ver_store_clean(struct ver_store *vs)
{
    return clean_pass(vs, true);
}

/* fHooks false: a writer's pass (it may hold a page latch), which only frees memory. */
static uint64_t clean_pass(struct ver_store *vs, bool fHooks)
{
    struct ver_txn *done = NULL, **ppdone = &done;
    struct ver_cand *cand = NULL;

    clean_lock(vs);
    const uint64_t oldest = oldest_begin(vs);
    /* Committers append in about commit order: take the old enough ones from the head and stop
     * at the first that is not (one appended late waits for the next pass). The lock is held
     * for what is taken only, never for a walk of everything committers are appending to. */
    os_mutex_lock(&vs->committed_lock);
    struct ver_txn *x = vs->committedHead;
    while (x && __atomic_load_n(&x->trxCommit0, __ATOMIC_SEQ_CST) < oldest) {
        *ppdone = x;
        ppdone = &x->nextCommitted;
        vs->ctxnCommitted--;
        x = x->nextCommitted;
    }
    *ppdone = NULL;
    vs->committedHead = x;
    if (!x) vs->committedTail = NULL;
    os_mutex_unlock(&vs->committed_lock);

    uint64_t n = clean_txns(vs, done, &cand);
    n += clean_ghosts(vs, oldest, 0, &cand);
    /* Every version of this pass is gone before any node is looked at, so a node deleted and
     * touched by several transactions is judged on what is left. */
    cand_queue(vs, cand);
    __atomic_add_fetch(&vs->cCleaned, n, __ATOMIC_RELAXED);
    clean_unlock(vs);
    if (fHooks) run_hooks(vs);
    if (n) TRACE("cleaned %llu versions (oldest transaction began at %llu)", (unsigned long long)n,
                 (unsigned long long)oldest);
    return n;
}

void ver_store_clean_db(struct ver_store *vs, uint32_t dbid)
{
    struct ver_cand *cand = NULL;
    uint64_t n = 0;
    clean_lock(vs);
    os_mutex_lock(&vs->committed_lock);
    struct ver_txn *prev = NULL;
    for (struct ver_txn *x = vs->committedHead; x;) {
        struct ver_txn *next = x->nextCommitted;
        /* Committed transactions are the cleanup's alone: their lists change under clean_lock. */
        for (struct ver_rce *rce = x->rceNewest; rce;) {
            struct ver_rce *older = rce->txnOlder;
            if (rce->dbid == dbid) {
                unlink_from_bucket(vs, rce);
                if (rce->txnNewer) rce->txnNewer->txnOlder = rce->txnOlder;
                else x->rceNewest = rce->txnOlder;
                if (rce->txnOlder) rce->txnOlder->txnNewer = rce->txnNewer;
                if (rce->kind == VER_CHANGE_DELETE || (rce->kind == VER_CHANGE_DELTA && rce->fFinalize)) {
                    struct ver_cand *c = cand_of(rce, rce->kind);
                    if (c) {
                        c->next = cand;
                        cand = c;
                    }
                }
                rce_free(vs, rce);
                n++;
            }
            rce = older;
        }
        if (!x->rceNewest) {
            if (prev) prev->nextCommitted = next;
            else vs->committedHead = next;
            if (vs->committedTail == x) vs->committedTail = prev;
            vs->ctxnCommitted--;
            txn_free(vs, x);
        } else {
            prev = x;
        }
        x = next;
    }
    os_mutex_unlock(&vs->committed_lock);
    n += clean_ghosts(vs, 0, dbid, &cand);
    cand_queue(vs, cand);
    __atomic_add_fetch(&vs->cCleaned, n, __ATOMIC_RELAXED);
    clean_unlock(vs);
    run_hooks(vs);
}

static void cleanup_thread(void *pv)
{
    struct ver_store *vs = pv;
    const uint32_t cms = vs->cfg.cmsCleanup ? vs->cfg.cmsCleanup : CMS_CLEANUP_DEFAULT;
    os_mutex_lock(&vs->thread_lock);
    while (!vs->fStop) {
        if (!__atomic_load_n(&vs->fWake, __ATOMIC_ACQUIRE)) os_cond_wait_ms(&vs->thread_cond, &vs->thread_lock, cms);
        __atomic_store_n(&vs->fWake, false, __ATOMIC_RELEASE);
        if (vs->fStop) break;
        os_mutex_unlock(&vs->thread_lock);
        os_mutex_lock(&vs->committed_lock);
        bool fWork = vs->committedHead != NULL;
        os_mutex_unlock(&vs->committed_lock);
        os_mutex_lock(&vs->ghost_lock);
        fWork = fWork || vs->ghostHead != NULL;
        os_mutex_unlock(&vs->ghost_lock);
        os_mutex_lock(&vs->clean_lock);
        fWork = fWork || vs->candPending != NULL;
        os_mutex_unlock(&vs->clean_lock);
        if (fWork) (void)ver_store_clean(vs);
        os_mutex_lock(&vs->thread_lock);
    }
    os_mutex_unlock(&vs->thread_lock);
}

void ver_store_get_stats(struct ver_store *vs, struct ver_store_stats *ps)
{
    memset(ps, 0, sizeof *ps);
    ps->cVersions = __atomic_load_n(&vs->cVersions, __ATOMIC_RELAXED);
    ps->cCleaned = __atomic_load_n(&vs->cCleaned, __ATOMIC_RELAXED);
    ps->cRemoved = __atomic_load_n(&vs->cRemoved, __ATOMIC_RELAXED);
    ps->trxNewest = __atomic_load_n(&vs->trxNewest, __ATOMIC_SEQ_CST);
    os_mutex_lock(&vs->committed_lock);
    ps->cTxnCommitted = vs->ctxnCommitted;
    os_mutex_unlock(&vs->committed_lock);
    os_mutex_lock(&vs->reg_lock);
    for (struct ver_trx *t = vs->reg; t; t = t->regNext) {
        uint64_t b = __atomic_load_n(&t->trxBegin0, __ATOMIC_SEQ_CST);
        if (b && (!ps->trxOldest || b < ps->trxOldest)) ps->trxOldest = b;
    }
    os_mutex_unlock(&vs->reg_lock);
    os_mutex_lock(&vs->ghost_lock);
    ps->cGhosts = vs->cGhosts;
    os_mutex_unlock(&vs->ghost_lock);
}
