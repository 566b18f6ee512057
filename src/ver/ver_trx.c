/* SPDX-License-Identifier: MIT
 * ver/ver_trx.c: the per-transaction undo stack (see ver.h). */
#include "ver_int.h"

/* What an entry costs against the budget: payload, header and allocator overhead. */
static size_t entry_cost(size_t cb)
{
    return sizeof(struct ver_entry) + cb + 16;
}

static bool budget_take(struct ver_budget *b, size_t cb)
{
    if (!b) return true;
    size_t used = __atomic_add_fetch(&b->cbUsed, cb, __ATOMIC_RELAXED);
    if (b->cbMax && used > b->cbMax) {
        __atomic_sub_fetch(&b->cbUsed, cb, __ATOMIC_RELAXED);
        return false;
    }
    return true;
}

static void budget_give(struct ver_budget *b, size_t cb)
{
    if (b) __atomic_sub_fetch(&b->cbUsed, cb, __ATOMIC_RELAXED);
}

void ver_trx_init(struct ver_trx *t, struct ver_budget *budget)
{
    memset(t, 0, sizeof *t);
    t->budget = budget;
}

JET_ERR ver_push(struct ver_trx *t, const void *pv, size_t cb, uint64_t lsn)
{
    assert(t->level > 0);
    if (cb > UINT32_MAX) return ERR_TRAP(JET_errVersionStoreEntryTooBig);
    if (!budget_take(t->budget, entry_cost(cb))) {
        /* Committed versions may hold the budget: one cleanup pass, then try again (as the
         * store does for its own versions). */
        if (!t->vs || !ver_store_make_room(t->vs) || !budget_take(t->budget, entry_cost(cb)))
            return ERR_TRAP(JET_errVersionStoreOutOfMemory);
    }
    struct ver_entry *e = mem_alloc(sizeof *e + cb);
    if (!e) {
        budget_give(t->budget, entry_cost(cb));
        return ERR_TRAP(JET_errOutOfMemory);
    }
    e->below = t->top;
    e->rce = NULL;
    e->level = t->level;
    e->cb = (uint32_t)cb;
    e->lsn = lsn;
    if (cb) memcpy(e->payload, pv, cb);
    t->top = e;
    t->count++;
    return JET_errSuccess;
}

void ver_begin(struct ver_trx *t)
{
    t->level++;
}

enum drop_how {
    DROP_COMMITTED,     /* a level-1 commit: the version stays with the store */
    DROP_UNDONE,        /* rolled back: undone on the page */
    DROP_NEVER_MADE,    /* the change failed, or the instance did */
};

static void drop_top(struct ver_trx *t, enum drop_how how)
{
    struct ver_entry *e = t->top;
    if (e->rce) {
        if (how != DROP_COMMITTED) ver_store_forget(t, e->rce, how == DROP_UNDONE);
        e->rce = NULL;
    }
    t->top = e->below;
    t->count--;
    budget_give(t->budget, entry_cost(e->cb));
    mem_free(e);
}

void ver_drop_top(struct ver_trx *t)
{
    if (t->top) drop_top(t, DROP_NEVER_MADE);
}

void ver_commit(struct ver_trx *t)
{
    assert(t->level > 0);
    if (t->level == 1) {
        while (t->top) drop_top(t, DROP_COMMITTED);
    } else {
        for (struct ver_entry *e = t->top; e && e->level == t->level; e = e->below)
            e->level--;
    }
    t->level--;
}

JET_ERR ver_rollback(struct ver_trx *t, bool fAll, JET_ERR (*fn)(void *ctx, const struct ver_entry *e), void *ctx)
{
    assert(t->level > 0);
    uint32_t stop = fAll ? 1 : t->level;
    while (t->top && t->top->level >= stop) {
        if (t->top->cb) {
            JET_ERR err = fn(ctx, t->top);
            if (err < 0) return err;
        }
        drop_top(t, DROP_UNDONE);
    }
    t->level = stop - 1;
    return JET_errSuccess;
}

void ver_trx_discard(struct ver_trx *t)
{
    while (t->top) drop_top(t, DROP_NEVER_MADE);
    t->level = 0;
}
