/* SPDX-License-Identifier: MIT
 * ver/ver_store.c: the version store's contract (ver_store.h) held by a stub until snapshot
 * isolation is built: no versions are kept, every node reads as its page has it, nothing
 * conflicts. Layer: ver (uses base). */
#include "ver_store.h"
#include "debug.h"

DEBUG_CHANNEL(ver);

struct ver_store {
    uint64_t trxNewest;     /* atomic: the counter begin times come from */
};

JET_ERR ver_store_create(struct ver_store **ppvs)
{
    struct ver_store *vs = mem_calloc(1, sizeof *vs);
    if (!vs) return ERR_TRAP(JET_errOutOfMemory);
    *ppvs = vs;
    return JET_errSuccess;
}

void ver_store_destroy(struct ver_store *vs)
{
    mem_free(vs);
}

uint64_t ver_store_begin(struct ver_store *vs, const void *owner)
{
    (void)owner;
    return __atomic_add_fetch(&vs->trxNewest, 1, __ATOMIC_SEQ_CST);
}

void ver_store_commit(struct ver_store *vs, const void *owner)
{
    (void)vs; (void)owner;
}

void ver_store_rollback(struct ver_store *vs, const void *owner)
{
    (void)vs; (void)owner;
}

JET_ERR ver_store_view(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *r,
                       const void *pbPage, uint32_t cbPage, bool fDeletedOnPage,
                       enum ver_view *pview, void **ppb, uint32_t *pcb)
{
    (void)vs; (void)id; (void)r; (void)pbPage; (void)cbPage; (void)fDeletedOnPage;
    *pview = VER_VIEW_PAGE;
    *ppb = NULL;
    *pcb = 0;
    return JET_errSuccess;
}

JET_ERR ver_store_check_write(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *w)
{
    (void)vs; (void)id; (void)w;
    return JET_errSuccess;
}

JET_ERR ver_store_changed(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *w,
                          enum ver_change kind, bool fRevived, const void *pbBefore, uint32_t cbBefore)
{
    (void)vs; (void)id; (void)w; (void)kind; (void)fRevived; (void)pbBefore; (void)cbBefore;
    return JET_errSuccess;
}
