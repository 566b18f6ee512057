/* SPDX-License-Identifier: MIT
 * space/space.h: who owns which pages of a database, and what is free (ESE-FORMAT-NOTES §6, §7).
 * Layer: space (uses cache, page, base). Used by btree (pages for splits, pages freed by merges),
 * catalog (creating and deleting tables, indexes and long-value trees), isam (database creation
 * and growth) and the integrity checker.
 *
 * Every tree of a database is an FDP ("father data page"): its root page carries a SPACE_HEADER
 * in tag 0. A single-extent FDP owns at most 33 pages (the root and a 32-bit bitmap of free pages
 * after it); a multiple-extent FDP has two space trees of its own, OE (owned extents) and AE
 * (available extents), whose leaf nodes map the last page of an extent (4 bytes, big-endian) to
 * its page count (u32). The database root (pgno 1, objid 1, OE at 2, AE at 3) owns the whole
 * file; every other FDP takes its extents from its parent's available space, and they stay in the
 * parent's OE. The README beside this file explains the formats, the invariants and the latch
 * order.
 *
 * Two kinds of calls:
 *   - calls that take a struct mtr * change pages inside the caller's mini-transaction (so an
 *     allocation made for a split is part of the split). They never grow the file or go to the
 *     parent FDP for more space: when the FDP lacks what they need they return ERR_SPACE_RETRY,
 *     the caller aborts its mtr, calls space_prepare() and starts again;
 *   - space_prepare(), space_free_fdp() and the info calls run their own mini-transactions and
 *     must be called with no page latched.
 * Latch order: an FDP's root page is latched (exclusively, for changes) before any page of its
 * OE and AE trees, and a child FDP's root before its parent's root. Holding the root latch is
 * what serializes space changes of one FDP. */
#ifndef SPACE_H
#define SPACE_H

#include "base.h"
#include "cache.h"
#include "page.h"

/* Internal result of the in-mtr calls: the FDP lacks free pages (or pages for a split of its own
 * space trees). Abort the mtr, space_prepare(), retry. Never leaves the engine. */
#define ERR_SPACE_RETRY (ERR_INTERNAL_BASE - 64)

#define SPACE_PGNO_DB_ROOT      1u
#define SPACE_OBJID_DB_ROOT     1u
#define SPACE_CPG_SINGLE_MAX    33u     /* root + the 32 pages of the SPACE_HEADER bitmap */
#define SPACE_CPG_MULTIPLE_MIN  3u      /* root, OE root, AE root */
/* ESE's smallest database (pages 1..3 plus the catalog's fixed layout is the catalog's concern). */
#define SPACE_CPG_DB_MIN        3u

/* One attached database, as the space layer sees it. isam fills it at attach. */
struct space_db {
    struct cache_file *file;
    uint32_t cbPage;
    uint32_t cpgExtension;      /* JET_paramDbExtensionSize: the database root grows by multiples */
    uint32_t cpgMax;            /* largest database in pages (0: no limit): JET_errOutOfDatabaseSpace */
    /* Make the file hold cpgNew database pages (pgno 1..cpgNew). Called with the database root
     * latched, before the pages are used. NULL: cache_file_extend() alone. isam's version also
     * logs LOG_REC_DB_GROW (see README "What space needs from isam"). */
    JET_ERR (*pfnGrow)(void *pvCtx, uint32_t cpgNew);
    void *pvGrowCtx;
};

/* Defaults: extension 256 pages (ESE's JET_paramDbExtensionSize default), no limit, no callback. */
void space_db_init(struct space_db *sdb, struct cache_file *file, uint32_t cbPage);

/* ---- FDP description ------------------------------------------------------------------------ */

/* What an FDP's root page says about its space (ESE-FORMAT-NOTES §6). */
struct space_fdp_info {
    uint32_t pgnoFDP;
    uint32_t objid;             /* the root page's objidFDP */
    uint32_t fPageFlags;        /* the root page's flags */
    uint32_t pgnoParent;        /* 0 for the database root */
    bool fMultiple;
    bool fNonUnique;
    bool fV2;                   /* cpgPrimary holds the last allocation size */
    uint32_t cpgPrimary;
    uint32_t rgbitAvail;        /* single extent: bit i set = page pgnoFDP + 1 + i is free */
    uint32_t pgnoOE, pgnoAE;    /* multiple extent */
};
/* Parse a root page (already verified by the cache). JET_errDatabaseCorrupted if it is not the
 * root of a data tree or its tag 0 is not a space header. */
MUST_CHECK JET_ERR space_fdp_info_parse(const struct page_view *pv, struct space_fdp_info *pinfo);
/* The same, reading the root through the cache (shared latch, released before returning). */
MUST_CHECK JET_ERR space_get_fdp_info(struct space_db *sdb, uint32_t pgnoFDP, struct space_fdp_info *pinfo);

/* The tree-type bits of page flags a space tree copies from its owner (index, long value,
 * non-unique), as Windows does. */
#define SPACE_TYPE_FLAGS (PAGE_FLAG_INDEX | PAGE_FLAG_LONG_VALUE | PAGE_FLAG_NON_UNIQUE_KEYS)
/* Flags every page we write carries besides its own (new record format, new checksum). */
#define SPACE_PAGE_FLAGS_ALWAYS (PAGE_FLAG_NEW_RECORD_FORMAT | PAGE_FLAG_NEW_CHECKSUM)

/* ---- creating FDPs (inside the caller's mtr) ------------------------------------------------ */

struct space_fdp_create {
    uint32_t pgnoFDP;           /* first page of the extent the FDP owns */
    uint32_t cpg;               /* pages in it (the extent was taken from the parent already) */
    uint32_t pgnoParent;        /* parent FDP (0 only for the database root) */
    uint32_t objid;
    uint32_t fTypeFlags;        /* 0 (table), PAGE_FLAG_INDEX or PAGE_FLAG_LONG_VALUE, |
                                   PAGE_FLAG_NON_UNIQUE_KEYS for non-unique trees */
    bool fMultiple;             /* own OE/AE trees at pgnoFDP + 1, + 2 (needs cpg >= 3) */
};
/* Write the root (an empty leaf with the SPACE_HEADER) and, for multiple extent, the OE root
 * {last page -> cpg} and the AE root {last page -> cpg - 3}, exactly as ESE's ErrSPCreate does.
 * Single extent: cpg <= SPACE_CPG_SINGLE_MAX, every page after the root free in the bitmap. */
MUST_CHECK JET_ERR space_create_fdp(struct mtr *m, struct space_db *sdb, const struct space_fdp_create *pc);
/* A new database's root: pages 1..cpgDb owned, 1..3 used (root, OE, AE). The file must hold
 * cpgDb pages. */
MUST_CHECK JET_ERR space_create_db_root(struct mtr *m, struct space_db *sdb, uint32_t cpgDb);

/* ---- allocation (inside the caller's mtr) --------------------------------------------------- */

/* Take an extent from FDP pgnoFDP's free space for a child FDP: cpgReq pages if a free run is
 * that long, else at least cpgMin (a whole free run). */
MUST_CHECK JET_ERR space_alloc_extent(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP,
        uint32_t cpgReq, uint32_t cpgMin, uint32_t *ppgnoFirst, uint32_t *pcpg);
/* Take exactly pgnoFirst..pgnoFirst+cpg-1, which must be free in pgnoFDP (the catalog's fixed
 * layout of a new database). JET_errSPAvailExtCorrupted if a page is not free. */
MUST_CHECK JET_ERR space_alloc_extent_at(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP,
        uint32_t pgnoFirst, uint32_t cpg);
/* One page for FDP pgnoFDP's own tree, at or after pgnoNear when possible (0: lowest). */
MUST_CHECK JET_ERR space_alloc_page(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP,
        uint32_t pgnoNear, uint32_t *ppgno);
/* Give pages back to FDP pgnoFDP's free space (a page a merge emptied). The pages must be owned
 * by it and not free: JET_errSPAvailExtCorrupted otherwise. */
MUST_CHECK JET_ERR space_free_extent(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP,
        uint32_t pgnoFirst, uint32_t cpg);
static inline MUST_CHECK JET_ERR space_free_page(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP, uint32_t pgno)
{
    return space_free_extent(m, sdb, pgnoFDP, pgno, 1);
}

/* ---- own mini-transactions (no latch held by the caller) ------------------------------------ */

/* Make sure FDP pgnoFDP can then, inside one mtr, allocate cpgAlloc pages (one extent of
 * cpgAlloc if fContiguous) and take back cFree freed extents. Gets a secondary extent from the
 * parent (converting a single-extent FDP to multiple extent first if needed), or grows the
 * file for the database root. Other users may take the space again before the caller's mtr:
 * the caller's retry loop handles ERR_SPACE_RETRY. JET_errOutOfDatabaseSpace at cpgMax. */
MUST_CHECK JET_ERR space_prepare(struct space_db *sdb, uint32_t pgnoFDP, uint32_t cpgAlloc,
        bool fContiguous, uint32_t cFree);

/* Make the database root own at least cpgTarget pages (JetGrowDatabase, JetSetDatabaseSize),
 * growing the file by exactly what is missing; never shrinks. *pcpgOwned receives what it owns
 * afterwards. JET_errOutOfDatabaseSpace beyond cpgMax. */
MUST_CHECK JET_ERR space_grow_db_to(struct space_db *sdb, uint32_t cpgTarget, uint32_t *pcpgOwned);

/* Create a child FDP of pgnoParent owning cpg pages taken from the parent (prepare, take,
 * create, commit). The catalog records *ppgnoFDP. */
MUST_CHECK JET_ERR space_create_child(struct space_db *sdb, uint32_t pgnoParent, uint32_t cpg,
        uint32_t objid, uint32_t fTypeFlags, bool fMultiple, uint32_t *ppgnoFDP);

/* Give every extent FDP pgnoFDP owns back to its parent (table or index deleted). Nobody may
 * use the tree any more. One mtr per extent, the primary extent last, so an interrupted call
 * can be repeated. */
MUST_CHECK JET_ERR space_free_fdp(struct space_db *sdb, uint32_t pgnoFDP);

/* ---- information --------------------------------------------------------------------------- */

enum space_extent_kind {
    SPACE_EXT_OWNED       = 0x1,    /* an OE node, or a single-extent FDP's primary extent */
    SPACE_EXT_AVAIL       = 0x2,    /* an AE node, or a free run of the bitmap */
    SPACE_EXT_SPLIT_BUFFER = 0x4,   /* pages reserved in a space-tree root's split buffer */
};
struct space_extent {
    uint32_t pgnoFirst;
    uint32_t cpg;               /* may be 0 (Windows leaves zero-count AE nodes) */
    uint8_t kind;               /* one enum space_extent_kind */
    uint8_t pool;               /* AE pool: 0 general, 1 continuous, 2 shelved (5-byte keys) */
    bool fDeleted;              /* a flag-deleted node (not counted) */
    uint32_t pgnoNode;          /* the page holding it: an OE/AE leaf, the space-tree root (split
                                 * buffer), the FDP root (single extent); 0 when not known */
};
typedef JET_ERR (*space_extent_fn)(void *pvCtx, const struct space_extent *pext);
/* Call fn for each extent of the kinds in grbitKinds, in key order (OE, then AE, then split
 * buffers). Stops at the first error fn returns. Flag-deleted nodes are reported too. */
MUST_CHECK JET_ERR space_enum_extents(struct space_db *sdb, uint32_t pgnoFDP, unsigned grbitKinds,
        space_extent_fn fn, void *pvCtx);
/* Pages owned and available (split buffers and deleted nodes not counted), for
 * JetGetTableInfo / JetGetDatabaseInfo space queries. */
MUST_CHECK JET_ERR space_get_counts(struct space_db *sdb, uint32_t pgnoFDP, uint32_t *pcpgOwned,
        uint32_t *pcpgAvail);

/* ---- for the integrity checker (btree/bt_check.c) ------------------------------------------ */

/* Decode a space-tree leaf node: key = 4-byte BE last page (or 0x80|pool + 4 bytes), data = u32
 * count. false if the node is malformed. */
bool space_node_decode(const struct page_node *pn, uint32_t *ppgnoLast, uint32_t *pcpg, uint8_t *ppool);

#endif /* SPACE_H */
