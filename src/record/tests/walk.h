/* SPDX-License-Identifier: MIT
 * record/tests/walk.h: test-only helpers over the Windows sample databases: a B-tree walker
 * (page.h, following internal nodes down to the leaves) and a catalog loader that builds record
 * schemas from MSysObjects. Not product code: the btree and catalog layers do this for real. */
#ifndef REC_TEST_WALK_H
#define REC_TEST_WALK_H

#include "record.h"
#include "page.h"
#include "sample.h"

/* Called for each live (not flag-deleted) leaf node, in key order. Return false to stop. */
typedef bool (*walk_fn)(void *pvCtx, const struct page_view *pv, const struct page_node *pn);
/* Walk the tree rooted at pgnoRoot. Fails the test on a structural problem. Returns the number
 * of leaf nodes visited. */
uint32_t walk_tree(const struct sample *ps, uint32_t pgnoRoot, walk_fn pfn, void *pvCtx);

/* A table as the catalog describes it. */
struct walk_table {
    struct rec_cat_table table;
    struct rec_cat_column *rgcc;        /* catalog rows, by fid */
    struct rec_column *rgcol;           /* record-layer columns, by fid */
    uint32_t ccol;
    struct rec_cat_index *rgidx;
    uint32_t cidx;
    bool fLV;
    struct rec_cat_lv lv;
    struct rec_schema schema;
    uint8_t *pbDefault;
    uint32_t cbDefault;
    bool fHasPrimary;
};
struct walk_catalog {
    uint32_t cbPage;
    struct walk_table *rgtable;
    uint32_t ctable;
    uint32_t crow;                      /* MSysObjects rows read */
    /* every row, raw, for re-encoding tests */
    uint8_t **rgpbRow;
    uint32_t *rgcbRow;
    uint8_t **rgpbKey;
    uint32_t *rgcbKey;
};
/* Read MSysObjects (pgno 4) and build every table's schema and default record. */
void walk_catalog_load(const struct sample *ps, struct walk_catalog *pcat);
void walk_catalog_free(struct walk_catalog *pcat);
const struct walk_table *walk_catalog_find(const struct walk_catalog *pcat, const char *szName);

/* A separated long value from the table's LV tree: its chunks concatenated as stored (fRaw) or
 * decompressed (the logical value, ulSize bytes). mallocs *ppb. Fails the test when the LV tree
 * does not hold it or its chunks break §10's rules. *pcChunkCompressed counts compressed chunks. */
void walk_read_lv(const struct sample *ps, const struct walk_table *pt, uint64_t lid, bool fRaw, uint8_t **ppb,
        uint32_t *pcb, uint32_t *pcChunkCompressed);

/* FNV-1a-64, as in tools/gen_libesedb_expect.py. */
#define FNV_OFFSET 0xcbf29ce484222325ull
uint64_t fnv_add(uint64_t h, const void *pv, size_t cb);

#endif
