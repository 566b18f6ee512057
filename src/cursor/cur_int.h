/* SPDX-License-Identifier: MIT
 * cursor/cur_int.h: what the cursor layer's files share. Not for other layers.
 * Layer: cursor (uses catalog, record, btree, ver, os, base). */
#ifndef CUR_INT_H
#define CUR_INT_H

#include "cursor.h"
#include "debug.h"
#include "os.h"

struct cur_db {
    struct bt_db *btdb;
    uint32_t dbid;
    uint32_t cbPage;
    bool fReadOnly;
    struct ver_store *vs;
    const uint64_t *pdbtime;        /* the database's dbtime counter (bt_db_dbtime_counter) */
    struct os_mutex lock;           /* the fields below, every cur_table's lists and locks */
    struct catalog *cat;            /* opened at first use */
    struct cur_table *tables;       /* the cache */
    uint32_t ccursors;
};

/* The database's dbtime counter now (cursor.h, fRecPage). */
static inline uint64_t cur_db_dbtime(const struct cur_db *cdb)
{
    return __atomic_load_n(cdb->pdbtime, __ATOMIC_ACQUIRE);
}

/* ---- buffers ---- */
MUST_CHECK JET_ERR cur_buf_set_slow(struct cur_buf *b, const void *pv, uint32_t cb);
MUST_CHECK JET_ERR cur_buf_reserve(struct cur_buf *b, uint32_t cb);
/* b holds a copy of pv[0..cb) (pv may lie inside b). Inline: every landing copies three keys or
 * records into buffers that are almost always large enough already. */
static inline MUST_CHECK JET_ERR cur_buf_set(struct cur_buf *b, const void *pv, uint32_t cb)
{
    if (LIKELY(b->pb && cb <= b->cbMax)) {
        if (cb)
            memmove(b->pb, pv, cb);
        b->cb = cb;
        return JET_errSuccess;
    }
    return cur_buf_set_slow(b, pv, cb);
}
void cur_buf_free(struct cur_buf *b);

/* ESE's name comparison (UtilCmpName: ASCII letters without case). */
int cur_name_cmp(const char *a, const char *b);

/* Key comparison as ESE's CmpKey: bytes, then length. */
int cur_key_cmp(const uint8_t *a, uint32_t ca, const uint8_t *b, uint32_t cb);

/* ---- navigation (cur_nav.c) ---- */
/* The tree the cursor navigates (the current secondary index, or the primary tree). */
static inline struct bt_cursor *cur_nav_bt(const struct cursor *c)
{
    return c->btIndex ? c->btIndex : c->btPrimary;
}
static inline const struct bt_tree_desc *cur_nav_desc(const struct cursor *c)
{
    return c->iidx >= 0 ? &c->td->rgdescIdx[c->iidx] : &c->td->descPrimary;
}
/* The unique/non-unique shape of the navigated tree. */
static inline bool cur_nav_nonunique(const struct cursor *c)
{
    return c->iidx >= 0 && c->td->rgdescIdx[c->iidx].fNonUnique;
}
/* What reader c sees of the node bt stands on: *pfVisible; *ppbData, *pcbData the data it sees
 * (bt's copy, or *ppvFree, an image to mem_free). */
MUST_CHECK JET_ERR cur_node_view(struct cursor *c, struct bt_cursor *bt, const struct bt_tree_desc *pdesc,
        bool *pfVisible, const uint8_t **ppbData, uint32_t *pcbData, void **ppvFree);
/* Forget currency (BEFORE_FIRST), keep the trees. */
void cur_reset_currency(struct cursor *c, enum cur_loc loc);
/* The first entry of the current index, as the cursor's currency (DEFER_FIRST's resolution):
 * JET_errNoCurrentRecord when the index is empty. */
MUST_CHECK JET_ERR cur_nav_first(struct cursor *c);
/* ESE's ErrDIRGet: the current entry still there for this reader (JET_errNoCurrentRecord,
 * JET_errRecordDeleted); DEFER_FIRST resolves to the first entry. Cancels nothing. */
MUST_CHECK JET_ERR cur_check_current(struct cursor *c);
/* JetGotoBookmark onto the itag-th entry the record has in the current secondary index (the
 * itagSequence of JetSetCurrentIndex4 with JET_bitNoMove on a multi-valued index). */
MUST_CHECK JET_ERR cur_goto_bookmark_itag(struct cursor *c, const void *pvBm, uint32_t cbBm, uint32_t itag);
/* Remove the index range. */
static inline void cur_range_reset(struct cursor *c) { c->fRange = false; }

/* ---- cursor filters ---- */
struct cur_filter;
void cur_filter_free(struct cur_filter *f);
/* Whether the record passes the filter (true without one). */
MUST_CHECK JET_ERR cur_filter_match(struct cursor *c, const uint8_t *pbRec, uint32_t cbRec, bool *pfMatch);

/* ---- in-memory tables (cur_mem.c) ---- */
MUST_CHECK JET_ERR cur_mem_move(struct cursor *c, int32_t crow, JET_GRBIT grbit);
MUST_CHECK JET_ERR cur_mem_record(struct cursor *c, const uint8_t **ppb, uint32_t *pcb);
MUST_CHECK JET_ERR cur_mem_bookmark(struct cursor *c, const uint8_t **ppb, uint32_t *pcb);
MUST_CHECK JET_ERR cur_mem_goto_bookmark(struct cursor *c, const void *pv, uint32_t cb);
MUST_CHECK JET_ERR cur_mem_position(struct cursor *c, uint64_t *pcLT, uint64_t *pcTotal);
MUST_CHECK JET_ERR cur_mem_goto_position(struct cursor *c, uint64_t cLT, uint64_t cTotal);
MUST_CHECK JET_ERR cur_mem_count(struct cursor *c, uint64_t cMax, uint64_t *pc);
const struct rec_schema *cur_mem_schema(const struct cursor *c);
void cur_mem_close(struct cursor *c);
MUST_CHECK JET_ERR cur_mem_dup(struct cursor *c, struct cursor **ppc);

/* The schema of the cursor's records (a table's, or an in-memory table's). */
static inline const struct rec_schema *cur_schema(const struct cursor *c)
{
    return c->mem ? cur_mem_schema(c) : c->td->ps;
}
static inline uint32_t cur_cbpage(const struct cursor *c)
{
    return cur_schema(c)->cbPage;
}

#endif /* CUR_INT_H */
