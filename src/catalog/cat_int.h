/* SPDX-License-Identifier: MIT
 * catalog/cat_int.h: what the catalog layer's files share. Not for other layers.
 * Layer: catalog (uses btree, space, cache, page, record, ver, base). */
#ifndef CAT_INT_H
#define CAT_INT_H

#include "catalog.h"
#include "debug.h"

/* ---- loading a new tree the way Windows fills it (cat_layout.c) ---------------------------- */

/* One node to insert: key and data, in the order Windows inserts them. */
struct cat_entry {
    const uint8_t *pbKey;
    uint32_t cbKey;
    const uint8_t *pbData;
    uint32_t cbData;
};

/* An empty tree (a root leaf made by space_create_fdp) to fill. */
struct cat_tree_load {
    struct space_db *sdb;
    uint32_t pgnoFDP;
    uint32_t objid;
    uint32_t fTypeFlags;        /* 0 or PAGE_FLAG_INDEX */
    uint32_t ulDensity;         /* the tree's density in percent (ESE's FCB space hints) */
};

/* Insert the entries, in order, into the tree inside the caller's mtr, making the splits ESE
 * makes for the same inserts (cat_layout.c explains which). Pages for splits come from the
 * tree's own space. The entries must have distinct keys. JET_errInternalError if a split ESE
 * would make differently (an even split, a split below the root) is needed: the system tables
 * never need one at any page size. */
MUST_CHECK JET_ERR cat_tree_load(struct mtr *m, const struct cat_tree_load *pl, const struct cat_entry *rg, uint32_t c);

/* ESE's BTISelectPrefix over sorted keys: the line whose key, as the page's prefix, saves the
 * most bytes (*pfFound false when no line saves anything). */
MUST_CHECK JET_ERR cat_select_prefix(const struct cat_entry *rg, uint32_t c, bool *pfFound, uint32_t *piline);

/* Length of the common prefix of two byte strings. */
static inline uint32_t cat_lcp(const uint8_t *a, uint32_t ca, const uint8_t *b, uint32_t cb)
{
    uint32_t n = 0, m = MIN(ca, cb);
    while (n < m && a[n] == b[n])
        n++;
    return n;
}

/* ---- reading MSysObjects (cat_read.c) ------------------------------------------------------ */

/* The tree descriptions of the catalog's fixed trees. */
extern const struct bt_tree_desc cat_desc_mso;
extern const struct bt_tree_desc cat_desc_mso_shadow;
extern const struct bt_tree_desc cat_desc_name_index;
extern const struct bt_tree_desc cat_desc_root_index;

/* Decode the row a cursor on MSysObjects stands on. JET_errCatalogCorrupted when it is not a
 * valid row or its key does not match its (ObjidTable, Type, Id). */
MUST_CHECK JET_ERR cat_row_decode(struct bt_cursor *c, uint32_t cbPage, struct rec_view *pv, struct rec_cat_row *prow);

/* The same for the row data the reader sees (cat_node_seen), the key being the cursor's. */
MUST_CHECK JET_ERR cat_row_decode_as_seen(struct bt_cursor *c, const uint8_t *pbData, uint32_t cbData, uint32_t cbPage,
        struct rec_view *pv, struct rec_cat_row *prow);

/* The node a cursor stands on as a view's reader sees it (NULL view: as the page has it):
 * fVisible, and its data (the page's, or an image owned by pvImage). */
struct cat_seen {
    bool fVisible;
    const uint8_t *pb;
    uint32_t cb;
    void *pvImage;          /* cat_seen_free */
};
MUST_CHECK JET_ERR cat_node_seen(const struct catalog_reader *pview, struct bt_cursor *c, const struct bt_tree_desc *pdesc,
        struct cat_seen *ps);
void cat_seen_free(struct cat_seen *ps);

/* Name comparison as ESE's UtilCmpName (case-insensitive for ASCII letters). */
int cat_name_cmp(const char *a, const char *b);

#endif /* CAT_INT_H */
