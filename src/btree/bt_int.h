/* SPDX-License-Identifier: MIT
 * btree/bt_int.h: what the btree layer's files share. Not for other layers.
 * Layer: btree (uses space, cache, page, base). */
#ifndef BT_INT_H
#define BT_INT_H

#include "btree.h"
#include "debug.h"
#include "os.h"

/* ---- trees and cursors -------------------------------------------------------------------- */

/* One per open tree, shared by its cursors (ESE's FCB, reduced to what the tree needs). */
struct bt_tree {
    struct bt_db *db;
    struct bt_tree *next;
    uint32_t cRef;
    struct bt_tree_desc desc;
    uint32_t fTypeFlags;            /* type bits of every page (index, LV, non-unique) */
    struct os_mutex muSmo;          /* held for a structure change (split, merge), never longer */
    /* The leaf the last plain insert changed and the dbtime it left there (atomics, read and
     * written without a lock: each is only a hint, checked against the page; dbtimes are
     * never stamped twice in a database, so a pair torn between two inserts never matches). */
    uint32_t pgnoHintInsert;
    uint64_t dbtimeHintInsert;
    uint32_t ilineHintInsert;
    bool fRootChecked;              /* bt_open found the root to be this tree's (atomic) */
    /* The root kept pinned while the tree object lives (cache_keep_pin): read descents latch it
     * again lock-free from a copy. Written once, by the reader that won fRootKeeping, before
     * fRootKept is set (release); put when the tree object is freed (bt_tree_unkeep_root). */
    struct page_ref refRoot;
    bool fRootKept;
    bool fRootKeeping;
};

struct bt_db {
    struct space_db *sdb;
    struct cache_file *file;
    uint32_t cbPage;
    struct os_mutex mu;             /* the tree registry and the cursor pool */
    struct bt_tree *trees;          /* open trees, and up to BT_TREES_IDLE_MAX idle ones (cRef 0:
                                       kept for their insert hint; a new desc at the same root
                                       takes an idle one over) */
    uint32_t cIdle;
    struct bt_cursor *pcFree;       /* closed cursors kept with their buffers (BT_CURSORS_FREE_MAX) */
    uint32_t cFree;
};
#define BT_TREES_IDLE_MAX 64u
#define BT_CURSORS_FREE_MAX 32u

enum bt_pos {
    BT_POS_NONE,                    /* never positioned, or a seek failed */
    BT_POS_ON,                      /* on the node in pbKey/pbData */
    BT_POS_GAP,                     /* where that node was (it was deleted) */
    BT_POS_BEFORE_FIRST,
    BT_POS_AFTER_LAST,
};

/* A root's separators decoded for routing (bt_route_cached): each a key of at most 8 bytes as a
 * big-endian word, left-aligned, with its length; and every child. Valid for the page pgno while
 * it has dbtime (a page's content at a dbtime never changes: every change stamps a new one).
 * Built only after BT_ROUTE_HITS routes through the same unchanged root, so writers, whose
 * roots change often, rarely pay for a build. */
#define BT_ROUTE_HITS 16u
struct bt_route_cache {
    uint32_t pgno;                  /* the page the arrays describe (0: none) */
    uint64_t dbtime;
    uint32_t cline;
    uint64_t *rgkey;                /* cline - 1 separators (the last node routes everything above) */
    uint8_t *rgcbKey;
    uint32_t *rgpgnoChild;          /* cline children */
    uint32_t clineMax;              /* allocated */
    uint32_t pgnoSeen;              /* the root routed through last, and how many times in a row */
    uint64_t dbtimeSeen;
    uint32_t cSeen;                 /* UINT32_MAX: that page cannot be decoded (long keys, ...) */
};

struct bt_cursor {
    struct bt_tree *tree;
    uint32_t cbKeyMost;             /* the opener's longest key (openers of one tree may differ:
                                       the catalog checker opens every primary with 255) */
    enum bt_pos pos;
    uint8_t *pbKey;                 /* the current node's key ... */
    uint32_t cbKey;
    uint8_t *pbData;                /* ... and data (copies) */
    uint32_t cbData;
    uint8_t fFlags;
    uint32_t pgnoHint;              /* where it was found, while that page's dbtime holds */
    uint64_t dbtimeHint;
    uint32_t ilineHint;
    uint64_t hashSeek;              /* the last seek's target (bt_seek tries the hint page for
                                       the same target again) */
    bool fHintWrite;                /* the hint is the page the cursor's last insert changed */
    struct page_ref refKeep;        /* a page kept pinned between calls (cache_keep_pin), the
                                       hint page when refKeep.pgno == pgnoHint: locate latches
                                       it again without a lookup */
    /* The kept page's node reader (page_nodes_init of vKeep, worked out under the latch at the
     * first fast step on the page), valid while fNodesKeep, vKeep.buf is refKeep's buffer and
     * the page still has dbtimeNodes: a move to the next node on that page latches it, compares
     * the dbtime and reads the node (bt_move_next's fast step). pnsKeep.pv points at vKeep: the
     * cursor is never copied. */
    bool fNodesKeep;
    uint64_t dbtimeNodes;
    struct page_view vKeep;
    struct page_nodes pnsKeep;
    struct bt_route_cache *prc;     /* its seeks' decoded root (allocated at first use; kept
                                       with the cursor in bt_db's pool, reset for another tree) */
    struct bt_cursor *pnextFree;    /* bt_db's pool of closed cursors */
    lsn_t lsnLast;                  /* log record of the last record operation made through it */
};

static inline uint32_t bt_cb_page(const struct bt_tree *t) { return t->db->cbPage; }
static inline bool bt_nonunique(const struct bt_tree *t) { return t->desc.fNonUnique; }

/* ---- search targets ------------------------------------------------------------------------ */

enum bt_tmode {
    BT_T_KEY,               /* key alone (non-unique: before every node with that key) */
    BT_T_KEYDATA,           /* key and data */
    BT_T_KEY_DATAMAX,       /* key, after every node with that key */
    BT_T_MIN,               /* before every node */
    BT_T_MAX,               /* after every node */
};
struct bt_target {
    const uint8_t *pbKey;
    uint32_t cbKey;
    const uint8_t *pbData;
    uint32_t cbData;
    enum bt_tmode mode;
    bool fNonUnique;
};

/* Leaf order: key, then (non-unique) data. */
int bt_cmp_leaf(const struct page_node *pn, const struct bt_target *pt);
/* Internal order: the separator against the target; non-unique trees compare the separator with
 * key || data as one string, as ESE does (CmpKeyWithKeyData). The null key of a right-edge
 * node is handled by the caller (it is above everything). */
int bt_cmp_sep(const struct page_node *pn, const struct bt_target *pt);
/* The child to follow on an internal page: the first separator above the target (a target equal
 * to a separator goes right), else the last node. */
MUST_CHECK JET_ERR bt_route(const struct page_view *pv, const struct bt_target *pt, uint32_t *piline, uint32_t *ppgnoChild);
/* bt_route through the cache of decoded separators when it describes this page at its dbtime (a
 * key target of a unique tree, keys of at most 8 bytes): true with the same answer bt_route
 * gives; false when the caller must route the page itself (the cache may have learned from it). */
bool bt_route_cached(struct bt_route_cache *prc, const struct page_view *pv, const struct bt_target *pt,
        uint32_t *piline, uint32_t *ppgnoChild);
void bt_route_cache_free(struct bt_route_cache *prc);
/* First line whose node is >= (fStrict: >) the target; cline when none. */
MUST_CHECK JET_ERR bt_leaf_search(const struct page_view *pv, const struct bt_target *pt, bool fStrict, uint32_t *piline);

/* ---- page checks ---------------------------------------------------------------------------- */

/* What a page of this tree must look like at this place: objid, no space/empty/preinit flag,
 * type bits, root flag iff level 0, leaf when expected. fLeafExpected: 1 leaf, 0 internal, -1
 * either (the root). */
MUST_CHECK JET_ERR bt_check_tree_page(const struct bt_tree *t, const struct page_view *pv, bool fRoot, int fLeafExpected);

/* ---- nodes in memory (splits, merges) -------------------------------------------------------- */

struct bt_kd {
    const uint8_t *pbKey;
    uint32_t cbKey;
    const uint8_t *pbData;
    uint32_t cbData;
    uint8_t fFlags;         /* without PAGE_NODE_COMPRESSED */
};
/* The nodes of a page with their whole keys, copied into one allocation (free with mem_free on
 * *ppvArena). */
MUST_CHECK JET_ERR bt_nodes_read(const struct page_view *pv, struct bt_kd **prg, uint32_t *pc, void **ppvArena);
static inline uint32_t bt_kd_cb_line(const struct bt_kd *p) { return page_cb_line_node(0, p->cbKey, p->cbData); }
/* Bytes a set of nodes needs on a page (uncompressed lines, their tags, tag 0 holding cbTag0). */
uint32_t bt_cb_nodes(const struct bt_kd *rg, uint32_t c, uint32_t cbTag0);
/* Rebuild a page from scratch: header (objid, flags, links), tag 0 (pbTag0 as given on an FDP root;
 * on other pages the prefix chosen for the nodes as ESE's split does), the nodes. */
MUST_CHECK JET_ERR bt_page_build(struct page_buf *pb, uint32_t objid, uint32_t fFlags, uint32_t pgnoPrev,
        uint32_t pgnoNext, const uint8_t *pbTag0, uint32_t cbTag0, const struct bt_kd *rg, uint32_t c);
/* ESE's shortest separator between two adjacent leaf nodes a < b (non-unique trees: data bytes
 * when the keys tie). Returns its length; rgbOut holds cbKey + cbData + 1 bytes at most. */
uint32_t bt_separator(const struct bt_kd *a, const struct bt_kd *b, bool fNonUnique, uint8_t *rgbOut);

/* ---- descending ----------------------------------------------------------------------------- */

struct bt_path {
    uint32_t depth;
    uint32_t rgpgno[BT_DEPTH_MAX];
    uint32_t rgiline[BT_DEPTH_MAX];     /* child taken; at the leaf: first node >= target */
    uint32_t rgcline[BT_DEPTH_MAX];     /* lines of each page */
};

/* JET_errDatabaseCorrupted (naming pgnoFrom) for a page number outside the file. */
MUST_CHECK JET_ERR bt_check_pgno(const struct bt_tree *t, uint32_t pgno, uint32_t pgnoFrom);
/* Read descent with shared latches (coupling): *pref holds the leaf, *piline the first node
 * >= (fStrict: >) the target. path (may be NULL) receives the pages on the way. */
MUST_CHECK JET_ERR bt_descend_read(struct bt_tree *t, const struct bt_target *pt, bool fStrict,
        struct page_ref *pref, uint32_t *piline, struct bt_path *path);
/* The same for a cursor's seek: the root is routed through the cursor's route cache. */
MUST_CHECK JET_ERR bt_descend_read_cursor(struct bt_cursor *c, const struct bt_target *pt, bool fStrict,
        struct page_ref *pref, uint32_t *piline);
/* Write descent inside an mtr: internal pages shared (released as soon as the child is held),
 * the leaf exclusive. *ppb is the leaf. */
MUST_CHECK JET_ERR bt_descend_write(struct bt_tree *t, struct mtr *m, const struct bt_target *pt,
        uint8_t **ppb, uint32_t *ppgno, uint32_t *piline);
/* Latch a leaf's sibling (shared, plain cache reference) and check it is one of ours. */
MUST_CHECK JET_ERR bt_get_sibling(struct bt_tree *t, uint32_t pgno, uint32_t pgnoFrom, bool fNext, struct page_ref *pref);

/* ---- leaf hints (bt_read.c) ---------------------------------------------------------------------
 * A leaf seen at some dbtime can be used again without a descent while it keeps that dbtime:
 * every change to a page moves its dbtime, and a page leaving the tree is changed (page_free
 * formats it empty), so the page is still the tree's leaf it was. A target whose place on it
 * has a node of the page on each side (or no sibling on that side: the tree's first or last
 * leaf) has that same place in the whole tree, and a descent would find it there. */

/* Shared latch on hint page pgno in *pref and the target's place in *piline, when usable
 * (true); false (nothing held) when the page moved on, is not the tree's, or the place is at an
 * edge with a sibling beyond. Never an error: a descent decides then. */
#define BT_ILINE_NONE UINT32_MAX
/* ilineGuess (BT_ILINE_NONE: none) is where the place probably is: that line or the next one is
 * tried first, with two comparisons, before a binary search. */
bool bt_hint_read(struct bt_tree *t, uint32_t pgno, uint64_t dbtime, uint32_t ilineGuess, const struct bt_target *pt,
        bool fStrict, struct page_ref *pref, uint32_t *piline);
/* The same for a writer: hint page pgno latched exclusively in mtr m (which holds nothing
 * else), *ppb its bytes. */
bool bt_hint_write(struct bt_tree *t, struct mtr *m, uint32_t pgno, uint64_t dbtime, uint32_t ilineGuess,
        const struct bt_target *pt, uint8_t **ppb, uint32_t *piline);

/* ---- cursor helpers (bt_read.c) ----------------------------------------------------------------- */

/* Put the tree's kept root (the tree object is being freed: no cursor uses it). */
void bt_tree_unkeep_root(struct bt_tree *t);
/* Drop the cursor's kept pin (bt_close, and before the tree's pages may go away). */
void bt_unkeep(struct bt_cursor *c);
/* Copy node iline of a latched leaf into the cursor and remember the place. */
MUST_CHECK JET_ERR bt_cursor_take(struct bt_cursor *c, const struct page_view *pv, uint32_t iline);
/* The target naming the cursor's node (its bookmark). */
struct bt_target bt_cursor_target(const struct bt_cursor *c);

/* ---- structure changes (bt_smo.c) --------------------------------------------------------------- */

/* A record operation that needs room: performed inside the leaf split that makes it fit. */
enum bt_op_kind { BT_OP_INSERT, BT_OP_REPLACE };
struct bt_op {
    enum bt_op_kind kind;
    const uint8_t *pbKey;
    uint32_t cbKey;
    const uint8_t *pbData;
    uint32_t cbData;
    uint8_t fFlags;                 /* node flags after the operation */
    const struct bt_undo *pundo;
    /* out: where the node ended up, and the log record that made the change (the caller's
     * cursor reports it through bt_last_lsn: isam chains a transaction's records by it) */
    uint32_t pgnoResult;
    lsn_t lsnOp;
};
/* Under the tree's SMO mutex: split whatever must split (root first, then down) until op fits,
 * and perform op in the leaf split's mtr. JET_errSuccess: done (op->pgnoResult names the leaf).
 * Returns ERR_NOT_FOUND if no split was needed any more (the caller retries the plain path). */
MUST_CHECK JET_ERR bt_smo_make_room(struct bt_tree *t, struct bt_op *op);
/* After a physical delete left a page empty (or nearly): remove or merge it. ptarget names the
 * deleted node. The delete itself happens inside when the page would become empty; *plsn (may be
 * NULL) receives the log record that made it. */
MUST_CHECK JET_ERR bt_smo_delete(struct bt_tree *t, const struct bt_target *ptarget, const struct bt_undo *pundo,
                                 lsn_t *plsn);
MUST_CHECK JET_ERR bt_smo_merge(struct bt_tree *t, const struct bt_target *ptarget);

/* An mtr on the tree's file. */
static inline void bt_mtr_begin(struct bt_tree *t, struct mtr *m) { mtr_begin(m, t->db->file); }

#endif /* BT_INT_H */
