/* SPDX-License-Identifier: MIT
 * space/space_int.h: what the space layer's files share. Not for other layers.
 * Layer: space (uses cache, page, base). */
#ifndef SPACE_INT_H
#define SPACE_INT_H

#include "space.h"
#include "debug.h"

#define SPT_DEPTH_MAX   8u      /* space trees deeper than this are corrupt */
#define SPT_CB_KEY_MAX  5u      /* 4-byte pgno, or pool byte + pgno */
#define SPT_CB_DATA     4u
/* Bytes a separator node can take in a parent (counts, key, pgno, tag). */
#define SPT_CB_SEP_NODE (PAGE_NODE_CB_COUNT + SPT_CB_KEY_MAX + 4u + PAGE_CB_TAG)
#define SPT_CB_LEAF_NODE (PAGE_NODE_CB_COUNT + SPT_CB_KEY_MAX + SPT_CB_DATA + PAGE_CB_TAG)
#define SP_MODIFIED_MAX MTR_MAX_PAGES

/* An FDP whose root page is latched in an mtr. */
struct sp_fdp {
    struct mtr *m;
    struct space_db *sdb;
    uint32_t pgnoFDP;
    enum cache_latch latch;
    uint8_t *pbRoot;
    struct space_fdp_info info;
    struct page_root_header rh;     /* tag 0 as found (kept in its form when rewritten) */
};

/* One space tree (OE or AE) of an FDP latched in an mtr. */
struct spt {
    struct sp_fdp *fdp;
    uint32_t pgnoRoot;
    bool fAE;
};

/* A space-tree node (leaf: extent; internal: separator and child). */
struct spt_node {
    uint8_t rgbKey[SPT_CB_KEY_MAX];
    uint8_t cbKey;
    uint8_t fFlags;         /* PAGE_NODE_VERSIONED / PAGE_NODE_DELETED */
    uint32_t ulData;        /* leaf: page count; internal: child pgno */
};

/* An extent read from a leaf. */
struct spt_ext {
    uint32_t pgnoLast;
    uint32_t cpg;
    uint8_t pool;
    bool fDeleted;
    uint8_t rgbKey[SPT_CB_KEY_MAX];
    uint8_t cbKey;
    uint32_t pgnoNode;          /* the leaf it was read from */
};
static inline uint32_t spt_ext_first(const struct spt_ext *pe) { return pe->pgnoLast - pe->cpg + 1; }

/* Where pages for a split of a space tree may come from, in this order: the tree's own split
 * buffer, an extent being added that is not yet in the AE (carved from its front), and the
 * FDP's AE. */
struct spt_src {
    uint32_t pgnoCarve;         /* next page to carve */
    uint32_t cpgCarve;          /* pages left to carve */
    uint32_t cpgCarved;         /* pages carved so far */
    bool fUseAE;
};

/* ---- sp_fdp.c ---- */
MUST_CHECK JET_ERR sp_fdp_latch(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP,
        enum cache_latch latch, struct sp_fdp *pf);
/* Write pf->info's space-header fields back into the root's tag 0. */
MUST_CHECK JET_ERR sp_fdp_write_header(struct sp_fdp *pf);
void sp_set_modified(struct sp_fdp *pf, uint32_t pgno);
static inline struct spt sp_oe(struct sp_fdp *pf) { struct spt t = { pf, pf->info.pgnoOE, false }; return t; }
static inline struct spt sp_ae(struct sp_fdp *pf) { struct spt t = { pf, pf->info.pgnoAE, true }; return t; }
/* Fresh root of an OE/AE tree: an empty leaf root with a zero split buffer. */
MUST_CHECK JET_ERR sp_tree_root_new(struct sp_fdp *pf, uint32_t pgno);
/* Free pages of a single-extent FDP's bitmap (and the pages after bit 31, as ESE reads them). */
uint32_t sp_single_cpg_avail(const struct space_fdp_info *pi);

/* ---- sp_tree.c ---- */
static inline void spt_key_make(uint8_t rgb[4], uint32_t pgnoLast) { put_be32(rgb, pgnoLast); }
/* First extent at or after pgnoLast (key order) for which pred is true (NULL: any non-deleted
 * node). ERR_NOT_FOUND at the end of the tree. */
typedef bool (*spt_pred)(const struct spt_ext *pe, void *pv);
MUST_CHECK JET_ERR spt_find(struct spt *t, uint32_t pgnoFrom, spt_pred pred, void *pv, struct spt_ext *pe);
/* Visit every extent (deleted too) in key order. */
typedef JET_ERR (*spt_visit_fn)(void *pv, const struct spt_ext *pe);
MUST_CHECK JET_ERR spt_visit(struct spt *t, spt_visit_fn fn, void *pv);
/* Change the count of the node with pe's key (same size: never splits). */
MUST_CHECK JET_ERR spt_set_cpg(struct spt *t, const struct spt_ext *pe, uint32_t cpg);
/* Remove the node with pe's key: physically, or flag-deleted when it is the only node of a
 * non-root page (ESE rejects empty pages that are not roots). */
MUST_CHECK JET_ERR spt_remove(struct spt *t, const struct spt_ext *pe);
/* Insert {pgnoLast, cpg} (general pool). A flag-deleted or zero-count node with that key is
 * reused. Splits take their pages from src. */
MUST_CHECK JET_ERR spt_insert(struct spt *t, uint32_t pgnoLast, uint32_t cpg, struct spt_src *src);
/* Pages a split caused by cInserts more inserts could need (0 when the tree is a root leaf with
 * room for them). */
MUST_CHECK JET_ERR spt_split_reserve(struct spt *t, uint32_t cInserts, uint32_t *pcpg);
/* The split buffer of a space tree root. */
MUST_CHECK JET_ERR spt_split_buffer_get(struct spt *t, struct page_split_buffer *psb);

/* ---- sp_alloc.c ---- */
/* Take cpg pages from the front of the first available extent with at least cpgMin pages (at or
 * after pgnoNear first, then from the start); *pcpgGot <= cpgReq. ERR_SPACE_RETRY if none. */
MUST_CHECK JET_ERR sp_ae_take(struct sp_fdp *pf, uint32_t pgnoNear, uint32_t cpgReq, uint32_t cpgMin,
        uint32_t *ppgnoFirst, uint32_t *pcpgGot);
MUST_CHECK JET_ERR sp_ae_free(struct sp_fdp *pf, uint32_t pgnoFirst, uint32_t cpg, struct spt_src *src);

#endif /* SPACE_INT_H */
