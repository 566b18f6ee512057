/* SPDX-License-Identifier: MIT
 * ver/ver_store.h: the other half of ESE's version store: which state of a node each
 * transaction sees (snapshot isolation), and which changes collide (write conflicts).
 * Layer: ver (uses base). Used by cursor (reading), isam (changing nodes, transactions).
 *
 * THE CONTRACT between the layers (the implementation behind it is issue 5's work; until it
 * lands, ver_store.c is the stub described at the end):
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
 * Flag-deleted nodes stay on their pages while any transaction may still need them; the store
 * tells isam when one can go (cleanup).
 *
 * Writers. Before changing a node, isam asks ver_store_check_write: a node changed by another
 * transaction that has not committed, or that committed after the writer began, is a write
 * conflict (JET_errWriteConflict), as in ESE.
 *
 * Threads: every function is thread-safe; readers never block writers. */
#ifndef ESENT_VER_STORE_H
#define ESENT_VER_STORE_H

#include "base.h"

struct ver_store;

/* Which node: the tree (database slot and FDP page) and the node's bookmark. */
struct ver_node_id {
    uint32_t dbid;
    uint32_t pgnoFDP;
    const void *pvKey;
    uint32_t cbKey;
    const void *pvData;     /* non-unique trees only (the data is part of the bookmark), else NULL */
    uint32_t cbData;
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
    VER_VIEW_IMAGE,     /* a present node with older data: *ppb / *pcb (see ver_store_view) */
};

MUST_CHECK JET_ERR ver_store_create(struct ver_store **ppvs);
void ver_store_destroy(struct ver_store *vs);

/* Transactions. begin gives the level-0 transaction its trxBegin0; commit stamps every change
 * the owner registered since with a new trxCommit0; rollback forgets them (isam has undone them
 * on the pages, and undo changes are not registered). */
uint64_t ver_store_begin(struct ver_store *vs, const void *owner);
void ver_store_commit(struct ver_store *vs, const void *owner);
void ver_store_rollback(struct ver_store *vs, const void *owner);

/* The view of reader r on node id, which the page shows with data pbPage[0..cbPage) and
 * fDeletedOnPage. VER_VIEW_IMAGE: *ppb receives a mem_alloc'd copy of the data r sees (the
 * caller frees it), *pcb its size. */
MUST_CHECK JET_ERR ver_store_view(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *r,
                                  const void *pbPage, uint32_t cbPage, bool fDeletedOnPage,
                                  enum ver_view *pview, void **ppb, uint32_t *pcb);

/* May writer w change node id? JET_errSuccess or JET_errWriteConflict. */
MUST_CHECK JET_ERR ver_store_check_write(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *w);

/* Kinds of change, as the before-image is to be understood. */
enum ver_change {
    VER_CHANGE_INSERT,      /* node created (or a flag-deleted one revived: image = its data then) */
    VER_CHANGE_REPLACE,     /* data replaced: image = the data before */
    VER_CHANGE_DELETE,      /* node flag-deleted: the data is unchanged on the page */
    VER_CHANGE_DELTA,       /* escrow update: image = the data before */
};
/* Register a change w made to node id (after check_write said yes, before the mini-transaction
 * that makes it commits). fRevived: an insert that reused a flag-deleted node. */
MUST_CHECK JET_ERR ver_store_changed(struct ver_store *vs, const struct ver_node_id *id, const struct ver_actor *w,
                                     enum ver_change kind, bool fRevived, const void *pbBefore, uint32_t cbBefore);

/* The stub (until issue 5 lands): begin only counts, commit and rollback do nothing, changed
 * keeps nothing, check_write allows everything, view answers VER_VIEW_PAGE. Readers then see
 * the page, uncommitted changes of other sessions included (read-uncommitted), which is what
 * the engine did before the store existed. */

#endif /* ESENT_VER_STORE_H */
