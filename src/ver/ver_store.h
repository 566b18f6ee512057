/* SPDX-License-Identifier: MIT
 * ver/ver_store.h: the other half of ESE's version store: which state of a node each
 * transaction sees (snapshot isolation), and which changes collide (write conflicts).
 * Layer: ver (uses os, base). Used by cursor (reading), isam (changing nodes, transactions).
 *
 * THE CONTRACT between the layers (README.md "The version store" states the invariants):
 *
 * Time. The store keeps one counter. A level-0 transaction takes trxBegin0 from it when it
 * begins (ver_store_begin) and, when it commits, its changes are stamped with trxCommit0 from
 * it (ver_store_commit). A change is visible to a reader when the reader made it, or when it
 * committed before the reader's transaction began (trxCommit0 < trxBegin0). A reader outside
 * any transaction sees every committed change (ESE's implicit transaction per call).
 *
 * Nodes. Every change isam makes to a node of a tree for a transaction (insert, replace,
 * flag-delete, escrow delta) is registered (ver_store_changed) with the node's identity (tree
 * FDP and bookmark: key, plus data in non-unique trees) and its before-image, and isam sets
 * PAGE_NODE_VERSIONED on the node in the same mini-transaction. The page always holds the
 * newest state, uncommitted changes included. A node whose page version bit is clear is
 * visible as the page has it to everyone: readers call ver_store_view only for nodes with the
 * bit set (the bit may stay set after the versions are gone; the store then answers "page").
 * Flag-deleted nodes stay on their pages while any transaction may still need them; the
 * store's cleanup removes them (through the remove hook isam gives it) once none can.
 *
 * Writers. Before changing a node, isam asks ver_store_check_write: a node changed by another
 * transaction that has not committed, or that committed after the writer began, is a write
 * conflict (JET_errWriteConflict), as in ESE. Escrow deltas and read locks commute with their
 * own kind (ver_store_check with that kind). ver_store_changed checks again, atomically with
 * registering, so two writers that both passed the early check cannot both register.
 *
 * A registered change belongs to the undo entry on top of the writer's ver_trx (ver.h): rolling
 * that entry back, or dropping it because the change failed, forgets the version; committing
 * level 0 stamps them all. So a writer pushes the undo entry first (ver_push; an entry without
 * payload for locks), then registers, then changes the page.
 *
 * Readers. The page state a reader passes to ver_store_view must be the node's state at one
 * moment during the call: call it with the page latched (as ESE does), or with a copy taken
 * before and checked after (the page's dbtime unchanged), retrying otherwise. A copy that went
 * stale is still judged right for insert, replace and delete when the reader is inside a
 * transaction (undone versions stay behind as ghosts, README "Ghosts"), but not for escrow
 * deltas, whose undo changes the page and forgets the version at one instant under the latch.
 *
 * Threads: every function is thread-safe; readers never block writers (a reader or writer
 * holds one of the store's striped mutexes for a few hundred instructions, never across I/O or
 * a page latch wait; a reader may hold its page latch while it calls). */
#ifndef ESENT_VER_STORE_H
#define ESENT_VER_STORE_H

#include "base.h"

struct ver_store;
struct ver_trx;
struct ver_entry;
struct ver_budget;

/* Which node: the tree (database slot and FDP page) and the node's bookmark. */
struct ver_node_id {
    uint32_t dbid;
    uint32_t pgnoFDP;
    const void *pvKey;
    uint32_t cbKey;
    const void *pvData;     /* non-unique trees only (the data is part of the bookmark), else NULL */
    uint32_t cbData;
    /* Writers only (readers leave them 0): what cleanup needs to open the tree again. Opaque
     * to ver; isam's encoding. */
    uint32_t objid;
    uint32_t treeInfo;
};

/* Who reads or writes: the session (an opaque owner pointer) and its transaction's begin time
 * (0 outside a transaction). */
struct ver_actor {
    const void *owner;
    uint64_t trxBegin0;
};

/* What a reader sees of a node found on a page with its version bit set. */
enum ver_view {
    VER_VIEW_PAGE,      /* the node as the page has it (deleted if flag-deleted there) */
    VER_VIEW_ABSENT,    /* no node: an insert the reader must not see yet, or a delete it sees */
    VER_VIEW_IMAGE,     /* a present node with other data: *ppb / *pcb (see ver_store_view) */
    VER_VIEW_RETRY,     /* ver_store_view_copy only: the copy cannot be judged; copy again */
};

/* Remove node id physically if it is still flag-deleted there (cleanup: no transaction can
 * see it any more). Must check, under the page latch, that the node is still flag-deleted and
 * that ver_store_has_versions is false (a writer, which registers under the latch, may have
 * reused the node since). Called with no lock of the store held except the one that keeps
 * hooks one at a time, never from a writer's thread inside ver_store_changed. Errors are
 * logged by the store and otherwise ignored. */
typedef JET_ERR (*ver_remove_fn)(void *pvCtx, const struct ver_node_id *id);
/* An escrow delta registered with VER_DELTA_FINALIZE was cleaned up and no other version of
 * the node is left: if the field (ibOffset, cbField) now reads zero, the owner of the hook
 * deletes the record (ESE's finalize / delete-on-zero columns). Same rules as ver_remove_fn. */
typedef JET_ERR (*ver_finalize_fn)(void *pvCtx, const struct ver_node_id *id, uint32_t ibOffset, uint32_t cbField);

struct ver_store_config {
    struct ver_budget *budget;  /* memory bound shared with the undo entries (NULL: none) */
    uint32_t cbVersionMax;      /* largest version (JET_paramVerPageSize): bigger before-images
                                 * give JET_errVersionStoreEntryTooBig; 0: no limit */
    uint32_t cbucket;           /* hash buckets (rounded up to a power of two; 0: default) */
    bool fThread;               /* clean in a background thread (else only ver_store_clean) */
    uint32_t cmsCleanup;        /* how often the thread looks (0: 100 ms) */
    uint32_t cmsGhost;          /* least age of a rolled-back version before it goes (README
                                 * "Ghosts"; 0 in tests: the next pass) */
    ver_remove_fn pfnRemove;    /* may be NULL: flag-deleted nodes then stay */
    ver_finalize_fn pfnFinalize;
    void *pvCtx;
};

MUST_CHECK JET_ERR ver_store_create(const struct ver_store_config *cfg, struct ver_store **ppvs);
/* Every registered transaction must have ended. Versions still held are dropped (their
 * flag-deleted nodes are not removed: call ver_store_clean first). */
void ver_store_destroy(struct ver_store *vs);
/* Change the hooks (isam sets them once its databases can be reached). */
void ver_store_set_hooks(struct ver_store *vs, ver_remove_fn pfnRemove, ver_finalize_fn pfnFinalize, void *pvCtx);

/* ---- transactions ---- */

/* A session's ver_trx takes part in the store from attach to detach (its transactions' begin
 * times hold back cleanup). owner is what readers pass as ver_actor.owner. */
void ver_store_attach(struct ver_store *vs, struct ver_trx *t, const void *owner);
void ver_store_detach(struct ver_trx *t);
/* Level-0 begin: t->trxBegin0 (also returned). */
uint64_t ver_store_begin(struct ver_store *vs, struct ver_trx *t);
/* Level-0 commit, after the commit record is logged (and, for a durable commit, flushed): every
 * change t registered becomes visible at once, stamped with the returned trxCommit0 (0 when
 * t registered nothing). */
uint64_t ver_store_commit(struct ver_store *vs, struct ver_trx *t);
/* Level-0 end without commit: every level was rolled back (ver_rollback forgot each version as
 * it undid its entry). */
void ver_store_rollback(struct ver_store *vs, struct ver_trx *t);

/* ---- readers ---- */

/* The view of reader r on node id, which the page shows with data pbPage[0..cbPage) and
 * fDeletedOnPage. VER_VIEW_IMAGE: *ppb receives a mem_alloc'd copy of the data r sees (the
 * caller frees it), *pcb its size. JET_errOutOfMemory is the only error. */
MUST_CHECK JET_ERR ver_store_view(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *r,
                                  const void *pbPage, uint32_t cbPage, bool fDeletedOnPage,
                                  enum ver_view *pview, void **ppb, uint32_t *pcb);
/* The same for a copy of the node taken without the latch (the cursor's): genCopy is
 * ver_store_delta_gen read before the copy was taken, 0 if the caller has not read it.
 * VER_VIEW_RETRY when the copy cannot be judged: an escrow delta the reader must not see
 * reached the page or left it (undo) around the time of the copy, or genCopy is 0 and there is
 * such a delta; the caller reads ver_store_delta_gen, copies the node again and asks again (a
 * delta is in flight for a few microseconds: retries end). Insert, replace and delete versions
 * are judged right for any copy of a reader in a transaction (README "Ghosts"). */
MUST_CHECK JET_ERR ver_store_view_copy(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *r,
                                       uint64_t genCopy, const void *pbPage, uint32_t cbPage, bool fDeletedOnPage,
                                       enum ver_view *pview, void **ppb, uint32_t *pcb);
/* The store's delta clock: ticks when a delta reaches a page and when an undo takes one out. */
uint64_t ver_store_delta_gen(struct ver_store *vs);
/* No version of any node is held (ghosts included). A version is counted before it is
 * registered, and registered before the page it describes changes (under the page's latch): a
 * reader that copied a node and then finds the store empty may read the copy as the page has it,
 * whatever the node's PAGE_NODE_VERSIONED bit says. */
bool ver_store_empty(struct ver_store *vs);
/* Is there a version of node id at all (for tests and for clearing version bits)? */
bool ver_store_has_versions(struct ver_store *vs, const struct ver_node_id *id);

/* ---- writers ---- */

/* Kinds of change, as the before-image is to be understood. */
enum ver_change {
    VER_CHANGE_INSERT,      /* node created (or a flag-deleted one revived: image = its data then) */
    VER_CHANGE_REPLACE,     /* data replaced: image = the data before */
    VER_CHANGE_DELETE,      /* node flag-deleted: the data is unchanged on the page (no image) */
    VER_CHANGE_DELTA,       /* escrow update (ver_store_changed_delta) */
    VER_CHANGE_READ_LOCK,   /* JetGetLock(JET_bitReadLock): nothing changes; commutes with itself */
    VER_CHANGE_WRITE_LOCK,  /* JetGetLock(JET_bitWriteLock): nothing changes; conflicts like a write */
};

/* May writer w make a change of this kind to node id? JET_errSuccess or JET_errWriteConflict.
 * Deltas commute with deltas and read locks with read locks (ESE's FVERWriteConflict): the
 * other active versions on the node must all be of the same kind. */
MUST_CHECK JET_ERR ver_store_check(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *w,
                                   enum ver_change kind);
/* The same for a change that does not commute (insert, replace, delete, write lock). */
static inline MUST_CHECK JET_ERR ver_store_check_write(struct ver_store *vs, const struct ver_node_id *id,
                                                       const struct ver_actor *w)
{
    return ver_store_check(vs, id, w, VER_CHANGE_REPLACE);
}

/* Register a change t makes to node id: checks for a write conflict again (atomically with the
 * registration), then records the version against t's top undo entry (which must have none
 * yet). fRevived: an insert that reused a flag-deleted node. Errors: JET_errWriteConflict,
 * JET_errVersionStoreOutOfMemory (after one cleanup pass: the transaction can still roll
 * back), JET_errVersionStoreEntryTooBig, JET_errOutOfMemory; nothing is registered then. */
MUST_CHECK JET_ERR ver_store_changed(struct ver_store *vs, const struct ver_node_id *id, struct ver_trx *t,
                                     enum ver_change kind, bool fRevived, const void *pbBefore, uint32_t cbBefore);
/* The same, for a writer that read the before-image without holding the page latch (our
 * cursors hold none between calls): the version is registered "pending" — it already excludes
 * other writers, but readers ignore it, since another writer's rollback may have put a different
 * state on the page between the writer's read and its registration. The writer then reads the
 * node again; if it is what pbBefore says, ver_store_confirm makes the version count for
 * readers (before the page changes), else ver_drop_top forgets it and the writer starts over. */
MUST_CHECK JET_ERR ver_store_changed_pending(struct ver_store *vs, const struct ver_node_id *id, struct ver_trx *t,
                                             enum ver_change kind, bool fRevived, const void *pbBefore, uint32_t cbBefore);
/* The pending version of t's top undo entry is confirmed (no-op if none or not pending). */
void ver_store_confirm(struct ver_trx *t);

/* An escrow delta: the little-endian signed field of cbField (4 or 8) bytes at ibOffset in the
 * node's data is increased by delta. Readers that cannot see it see the field less delta. Unlike
 * the other kinds, a delta's version and the page must change at one instant for readers that
 * hold the latch (the image trick does not work for sums): register first (the version takes
 * nothing out yet), then change the page and, with the page still latched, call
 * ver_store_delta_applied (struct bt_undo's pfnLatched). */
#define VER_DELTA_FINALIZE 0x1u     /* at cleanup, a zero field deletes the record (hook) */
MUST_CHECK JET_ERR ver_store_changed_delta(struct ver_store *vs, const struct ver_node_id *id, struct ver_trx *t,
                                           uint32_t ibOffset, uint32_t cbField, int64_t delta, unsigned grbit);
/* The page now holds the delta registered for t's top undo entry (stamps the delta clock). */
void ver_store_delta_applied(struct ver_trx *t);
/* A delta with no version (JET_bitEscrowNoRollback) reached node id's page, which the caller
 * still keeps from other writers: the images of the node's ghosts that speak for the page (those
 * above its newest live change) get it too, since they stand for the page as an undo left it.
 * Live versions' images do not: a reader kept from an uncommitted replace does not see it (nor
 * does anyone, if that replace rolls back: its undo puts back an image without it, as in ESE). */
void ver_store_delta_unversioned(struct ver_store *vs, const struct ver_node_id *id, uint32_t ibOffset,
                                 uint32_t cbField, int64_t delta);
/* Around the undo of entry e's delta (no-ops for other entries): before the page changes, and
 * after (stamps the delta clock). The undone version then stays as a ghost for readers of copies
 * taken before the undo. */
void ver_store_delta_undoing(struct ver_trx *t, const struct ver_entry *e);
void ver_store_delta_undone(struct ver_trx *t, const struct ver_entry *e);

/* Forget the version of undo entry e of t now. The undo of an escrow delta calls this while the
 * page it restores is still latched (struct bt_undo's pfnLatched), so that no reader ever sees
 * the page without the delta and the version that subtracts it (ver_rollback then finds the
 * entry without a version). */
void ver_store_forget_now(struct ver_trx *t, const struct ver_entry *e);

/* ---- cleanup ---- */

/* Forget every version no transaction can need (committed before the oldest active
 * transaction began), and remove the flag-deleted nodes they leave that nobody can see. Runs
 * in the background thread too; one pass at a time. Returns the number of versions freed. */
uint64_t ver_store_clean(struct ver_store *vs);
/* A database is going away (detach): forget the committed versions of its trees whoever might
 * want them (no reader can reach it any more), removing their flag-deleted nodes first. */
void ver_store_clean_db(struct ver_store *vs, uint32_t dbid);

/* What the store holds (JetIdle's status, tests). */
struct ver_store_stats {
    uint64_t cVersions;         /* held now (ghosts included) */
    uint64_t cGhosts;           /* rolled back, waiting for cleanup */
    uint64_t cTxnCommitted;     /* committed transactions whose versions are still held */
    uint64_t cCleaned;          /* versions freed by cleanup since creation */
    uint64_t cRemoved;          /* flag-deleted nodes handed to the remove hook */
    uint64_t trxNewest;         /* the counter */
    uint64_t trxOldest;         /* oldest begin time of an active transaction (0: none) */
};
void ver_store_get_stats(struct ver_store *vs, struct ver_store_stats *pstats);

#endif /* ESENT_VER_STORE_H */
