/* SPDX-License-Identifier: MIT
 * btree/btree.h: B+ trees in ESE's on-disk format, and cursors on them (ESE-FORMAT-NOTES §4,
 * §5). Layer: btree (uses space, cache, page, base). Used by catalog, cursor, record (long
 * values), ver (undo by key) and the integrity checker (bt_check.c, esentutl /g).
 *
 * A tree is an FDP (space.h): table data ("primary"), secondary index or long-value tree.
 * Leaves hold (key, data) nodes in key order, linked by pgnoPrev/pgnoNext; internal pages map
 * separator keys to child pages, the right-most with the null key on the right edge. Non-unique
 * trees (secondary indexes without the unique flag) order nodes by (key, data) and name a node by
 * both. The README beside this file describes the format rules, the invariants, the latching
 * protocol and what each mini-transaction contains.
 *
 * Cursors hold no latch between calls. A cursor remembers its node by bookmark (key, plus data
 * in non-unique trees) and by a hint (page, dbtime, line): when the page changed since (a split,
 * a merge, another writer), the next call finds the bookmark again from the root, so currency
 * survives structure changes made by others. What a cursor returns (key, data) is a copy owned
 * by the cursor, valid until its next call.
 *
 * Record operations (insert, replace, flag-delete, undelete, flag changes, delete) take an
 * optional undo payload that goes into the log record of their mini-transaction
 * (mtr_set_undo); structure changes (splits, merges) never carry one. Each call is atomic: on
 * error the tree is as it was. */
#ifndef BTREE_H
#define BTREE_H

#include "base.h"
#include "cache.h"
#include "page.h"
#include "space.h"

/* Deepest tree we walk (ESE's trees stay far below: fan-out is at least 3 with the largest keys). */
#define BT_DEPTH_MAX 16u

enum bt_type {
    BT_TYPE_PRIMARY,        /* table data: no type bit */
    BT_TYPE_INDEX,          /* secondary index: PAGE_FLAG_INDEX */
    BT_TYPE_LV,             /* long values: PAGE_FLAG_LONG_VALUE */
};

/* Page flags of a tree's pages besides root/leaf/parent-of-leaf (0x800 and 0x2000 included). */
uint32_t bt_type_page_flags(enum bt_type type, bool fNonUnique);

/* ---- databases and trees ------------------------------------------------------------------- */

struct bt_db;
/* The btree view of an attached database: its space context and the registry of open trees
 * (one shared object per tree carries the tree's structure-change mutex). */
MUST_CHECK JET_ERR bt_db_open(struct space_db *sdb, struct bt_db **ppdb);
/* Every cursor must be closed. */
void bt_db_close(struct bt_db *db);
struct space_db *bt_db_space(struct bt_db *db);
/* The database's dbtime counter (cache_file_dbtime): unchanged between two reads, no page of the
 * database changed in between, so what a cursor copied before is still what the pages hold. */
uint64_t bt_db_dbtime(const struct bt_db *db);
/* The counter itself (cache_file_dbtime_counter), for readers that load it at every call. */
const uint64_t *bt_db_dbtime_counter(const struct bt_db *db);

struct bt_tree_desc {
    uint32_t pgnoFDP;
    uint32_t objid;
    enum bt_type type;
    bool fNonUnique;
    uint32_t cbKeyMost;     /* longest key accepted: JET_cbKeyMost (255) or up to 1000/2000 (§12) */
};

/* Create a tree: an FDP under pgnoParent owning cpg pages (space_create_child) whose root is an
 * empty leaf with the tree's page flags. *ppgnoFDP receives its root. */
MUST_CHECK JET_ERR bt_create(struct bt_db *db, uint32_t pgnoParent, uint32_t cpg, bool fMultiple,
        uint32_t objid, enum bt_type type, bool fNonUnique, uint32_t *ppgnoFDP);

struct bt_cursor;
/* Open a cursor on a tree. The root is read and checked (JET_errDatabaseCorrupted if it is not
 * the root of such a tree). */
MUST_CHECK JET_ERR bt_open(struct bt_db *db, const struct bt_tree_desc *pdesc, struct bt_cursor **ppc);
void bt_close(struct bt_cursor *c);

/* ---- moving ---------------------------------------------------------------------------------- */

enum bt_seek {
    BT_SEEK_EQ,             /* the first node equal to the key (and data, if given) */
    BT_SEEK_GE,
    BT_SEEK_GT,
    BT_SEEK_LE,             /* the last node at or below */
    BT_SEEK_LT,
};
/* grbit of seeks and moves. */
#define BT_DELETED_TOO 0x1u     /* visit flag-deleted nodes too (they are skipped otherwise) */

/* Seek by key, or by (key, data) in a non-unique tree when pvData is not NULL (in a unique tree
 * the data is ignored). JET_errRecordNotFound when no node qualifies (the cursor then has no
 * current node). */
MUST_CHECK JET_ERR bt_seek(struct bt_cursor *c, enum bt_seek op, const void *pvKey, uint32_t cbKey,
        const void *pvData, uint32_t cbData, unsigned grbit);
/* JET_errNoCurrentRecord past either end (the cursor then sits before the first / after the
 * last node, and moving back finds the first / last). */
MUST_CHECK JET_ERR bt_move_first(struct bt_cursor *c, unsigned grbit);
MUST_CHECK JET_ERR bt_move_last(struct bt_cursor *c, unsigned grbit);
MUST_CHECK JET_ERR bt_move_next(struct bt_cursor *c, unsigned grbit);
MUST_CHECK JET_ERR bt_move_prev(struct bt_cursor *c, unsigned grbit);

/* Approximate positions, as ESE keeps them (ErrBTGetPosition, fractional descent): no record is
 * counted, a tree of depth d costs d page reads. Flag-deleted and uncommitted nodes count. */
/* Where the node (pvKey, and pvData in a non-unique tree) sits: at each level from the root, the
 * line taken and the page's lines as the digits and radixes of a mixed-radix number (*pcLT of
 * *pcTotal; on a one-page tree, exactly the lines before it and all lines). */
MUST_CHECK JET_ERR bt_position(struct bt_cursor *c, const void *pvKey, uint32_t cbKey, const void *pvData,
        uint32_t cbData, uint64_t *pcLT, uint64_t *pcTotal);
/* Make the node about cLT / cTotal of the way through the tree current: each level takes the line
 * that fraction of its lines points to and passes the remainder down. JET_errRecordNotFound in
 * an empty tree. */
MUST_CHECK JET_ERR bt_goto_fraction(struct bt_cursor *c, uint64_t cLT, uint64_t cTotal);

/* The current node. After the node was physically deleted (by this cursor or another), the
 * cursor sits between its neighbours: these fail with JET_errRecordDeleted, and next/prev go to
 * the neighbours. */
bool bt_has_current(const struct bt_cursor *c);
const uint8_t *bt_key(const struct bt_cursor *c, uint32_t *pcb);
const uint8_t *bt_data(const struct bt_cursor *c, uint32_t *pcb);
uint8_t bt_node_flags(const struct bt_cursor *c);     /* PAGE_NODE_DELETED | PAGE_NODE_VERSIONED */
/* Read the current node again (another writer may have changed it): JET_errRecordDeleted if it
 * is gone. */
MUST_CHECK JET_ERR bt_refresh(struct bt_cursor *c);

/* ---- changing -------------------------------------------------------------------------------- */

/* An undo payload for the mtr's log record (NULL/0: none). */
struct bt_undo {
    const void *pv;
    size_t cb;
};
#define BT_NO_UNDO ((const struct bt_undo *)NULL)

/* Insert a node and make it current. fFlags: 0 or PAGE_NODE_VERSIONED. A flag-deleted node with
 * the same key (and data, non-unique) is reused (its data and flags replaced).
 * JET_errKeyDuplicate if a live one exists; JET_errKeyTooBig / JET_errRecordTooBig if the node
 * cannot fit a page or the key is longer than the cbKeyMost the cursor was opened with (openers
 * of one tree may give different limits: each cursor keeps its own). */
MUST_CHECK JET_ERR bt_insert(struct bt_cursor *c, const void *pvKey, uint32_t cbKey, const void *pvData,
        uint32_t cbData, uint8_t fFlags, const struct bt_undo *pundo);
/* New data for the current node (its key stays). */
MUST_CHECK JET_ERR bt_replace(struct bt_cursor *c, const void *pvData, uint32_t cbData, const struct bt_undo *pundo);
/* Set and clear node flags of the current node: flag-delete is fSet = PAGE_NODE_DELETED,
 * undelete fClear = PAGE_NODE_DELETED; PAGE_NODE_VERSIONED likewise. */
MUST_CHECK JET_ERR bt_set_flags(struct bt_cursor *c, uint8_t fSet, uint8_t fClear, const struct bt_undo *pundo);
static inline MUST_CHECK JET_ERR bt_flag_delete(struct bt_cursor *c, const struct bt_undo *pundo)
{
    return bt_set_flags(c, PAGE_NODE_DELETED, 0, pundo);
}
static inline MUST_CHECK JET_ERR bt_undelete(struct bt_cursor *c, const struct bt_undo *pundo)
{
    return bt_set_flags(c, 0, PAGE_NODE_DELETED, pundo);
}
/* Remove the current node physically (version cleanup). A page left empty leaves the tree, an
 * almost empty one merges into a sibling, and a tree that shrinks back to one page becomes a
 * single root again; those are structure changes of their own. The cursor is left between the
 * neighbours. */
MUST_CHECK JET_ERR bt_delete(struct bt_cursor *c, const struct bt_undo *pundo);

/* The LSN of the log record of the last record operation (insert, replace, set_flags, delete)
 * made through the cursor: transactions chain their records with it. LSN_NONE when the database
 * has no log. */
lsn_t bt_last_lsn(const struct bt_cursor *c);

/* ---- integrity checking (bt_check.c) --------------------------------------------------------- */

/* A tree to check, as the catalog knows it. */
struct bt_check_tree {
    uint32_t pgnoFDP;
    uint32_t objid;             /* 0: take it from the root page */
    uint32_t pgnoParentFDP;     /* the FDP whose space it was taken from (1 for tables) */
    bool fTypeKnown;            /* check the page flags against type/fNonUnique */
    enum bt_type type;
    bool fNonUnique;
};

enum bt_check_severity {
    BT_CHECK_ERROR,             /* corruption: esentutl /g fails */
    BT_CHECK_WARNING,           /* tolerated by ESE, worth saying (leaked pages, ...) */
};
struct bt_check_problem {
    enum bt_check_severity severity;
    JET_ERR err;                /* the error a reader would hit (JET_errDatabaseCorrupted, ...) */
    uint32_t pgno;              /* the page at fault (0: the tree or the database) */
    uint32_t pgnoFDP;           /* the tree it was found in (0: database-wide) */
    const char *szWhat;         /* a sentence */
};
typedef void (*bt_check_fn)(void *pvCtx, const struct bt_check_problem *pp);

struct bt_check_stats {
    uint32_t cTrees;
    uint32_t cpgVisited;        /* tree pages read (space trees included) */
    uint32_t cLevelsMax;        /* depth of the deepest data tree (1: a root leaf) */
    uint64_t cNodes;            /* leaf nodes of data trees */
    uint32_t cpgOwned;          /* by the database root */
    uint32_t cpgAvail;          /* in every FDP's available space */
    uint32_t cpgLeaked;         /* owned, not available, reached by nothing */
    uint32_t cErrors, cWarnings;
};

/* Check every tree in rgtree (the database root, its OE/AE, and each FDP given with its space
 * trees) and the space accounting of the whole database. Problems go to fn as they are found;
 * the result is JET_errSuccess when no BT_CHECK_ERROR was reported, else the first error's
 * code. Bytes are untrusted: nothing in the file can make the checker crash or loop. */
MUST_CHECK JET_ERR bt_check_db(struct bt_db *db, const struct bt_check_tree *rgtree, uint32_t ctree,
        bt_check_fn fn, void *pvCtx, struct bt_check_stats *pstats);
/* Progress of a check (esentutl's bar): cpgDone tree pages read so far of cpgTotal pages in the
 * file (it need not reach cpgTotal: available pages are not read). Called every few dozen pages
 * and once at the end. */
typedef void (*bt_check_progress_fn)(void *pvCtx, uint32_t cpgDone, uint32_t cpgTotal);
/* bt_check_db with a progress callback (pfnProgress may be NULL). */
MUST_CHECK JET_ERR bt_check_db_ex(struct bt_db *db, const struct bt_check_tree *rgtree, uint32_t ctree,
        bt_check_fn fn, void *pvCtx, struct bt_check_stats *pstats, bt_check_progress_fn pfnProgress,
        void *pvProgress);

#endif /* BTREE_H */
