/* SPDX-License-Identifier: MIT
 * ver/ver.h: the undo entries of transactions (ESE's RCEs, the undo half of its version store).
 * Layer: ver (uses base). Used by isam (transactions) and recovery (undo).
 *
 * Every record-level change made inside a transaction leaves one entry: an opaque payload (the
 * same bytes its mini-transaction logged as undo information; isam defines the format), the
 * transaction level it was made at, and the LSN of its log record. Entries form a stack per
 * transaction, newest on top.
 *
 *   commit of level L > 1: entries of level L become level L-1 (they now roll back with L-1);
 *   commit of level 1:     entries are dropped (the transaction is durable via the log);
 *   rollback of level L:   entries of level L are handed to the caller's undo function newest
 *                          first and dropped; the caller performs and logs the compensation.
 *
 * Memory is bounded by a budget the instance sets from JET_paramMaxVerPages x
 * JET_paramVerPageSize; an entry that would exceed it gives JET_errVersionStoreOutOfMemory and is
 * not added, so the transaction can still roll back everything it did. Snapshot isolation (the
 * other half of ESE's version store, ver_store.h) hangs its versions on these entries: an entry
 * owns the version its change registered, rolling the entry back or dropping it forgets the
 * version, and a level-1 commit leaves the versions to the store (they outlive the entries
 * until no transaction needs them). An entry without payload (cb 0) only carries a version
 * (a lock): rollback drops it without calling the undo function.
 *
 * A ver_trx is used by its session's thread only; the budget is shared and atomic. */
#ifndef ESENT_VER_H
#define ESENT_VER_H

#include "base.h"


struct ver_store;
struct ver_rce;
struct ver_txn;

struct ver_budget {
    size_t cbMax;          /* 0: unbounded */
    size_t cbUsed;         /* atomic */
};

struct ver_entry {
    struct ver_entry *below;
    struct ver_rce *rce;   /* the version the change registered (ver_store.h), NULL if none */
    uint32_t level;        /* 1..7 */
    uint32_t cb;
    uint64_t lsn;          /* the change's log record LSN (0 without a log) */
    uint8_t payload[];
};

struct ver_trx {
    struct ver_budget *budget;
    struct ver_entry *top;
    uint32_t level;        /* current nesting level, 0 outside a transaction */
    uint32_t count;        /* entries held */
    /* The version store side (ver_store.h); vs is NULL when the session takes no part in one
     * (unit tests of the stack). */
    struct ver_store *vs;
    const void *owner;     /* what readers name as ver_actor.owner */
    uint64_t trxBegin0;    /* atomic: the level-0 transaction's begin time, 0 outside one */
    struct ver_txn *txn;   /* its versions (NULL until the first) */
    struct ver_trx *regPrev, *regNext;   /* in the store's list (under its lock) */
};

void ver_trx_init(struct ver_trx *t, struct ver_budget *budget);
/* Record an undo entry at the current level. */
MUST_CHECK JET_ERR ver_push(struct ver_trx *t, const void *pv, size_t cb, uint64_t lsn);
/* Begin a nested level (the caller enforces the depth limit). */
void ver_begin(struct ver_trx *t);
/* Commit the current level: merge into the level below, or drop everything at level 1. */
void ver_commit(struct ver_trx *t);
/* Roll back the current level (or every level with fAll): fn undoes one entry (entries without
 * payload are dropped without it); an error from fn
 * stops the rollback with the failed entry and everything below it still held, so it can be
 * retried (the instance is then unusable: ESE reports the error and goes into the failed state). */
MUST_CHECK JET_ERR ver_rollback(struct ver_trx *t, bool fAll,
                                JET_ERR (*fn)(void *ctx, const struct ver_entry *e), void *ctx);
/* Forget the newest entry (and its version) without undoing it (the change it was pushed for
 * failed). */
void ver_drop_top(struct ver_trx *t);
/* Drop every entry and version without undoing (session teardown after the instance failed). */
void ver_trx_discard(struct ver_trx *t);

#endif /* ESENT_VER_H */
