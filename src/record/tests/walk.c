/* SPDX-License-Identifier: MIT
 * record/tests/walk.c: test-only B-tree walker and catalog loader over the sample databases. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "walk.h"

uint64_t fnv_add(uint64_t h, const void *pv, size_t cb)
{
    const uint8_t *pb = pv;
    for (size_t i = 0; i < cb; i++)
        h = (h ^ pb[i]) * 0x100000001b3ull;
    return h;
}

struct walk_state {
    const struct sample *ps;
    walk_fn pfn;
    void *pvCtx;
    uint32_t cnode;
    bool fStop;
    uint32_t cpage;
};

static void walk_page(struct walk_state *pws, uint32_t pgno, int depth)
{
    if (pws->fStop)
        return;
    if (depth > 16)
        fail_msg("tree too deep at page %u", pgno);
    if (++pws->cpage > 1u << 22)
        fail_msg("tree walk does not end");
    uint8_t *pb = sample_page(pws->ps, pgno);
    if (!pb)
        fail_msg("page %u beyond the file", pgno);
    const uint32_t cbPage = pws->ps->desc->cbPage;
    struct page_view v = page_view_make(pb, cbPage, pgno);
    JET_ERR err = page_validate(pb, cbPage, pgno);
    if (err != JET_errSuccess)
        fail_msg("page %u does not validate: %d", pgno, err);
    uint32_t cline = page_cline(&v);
    for (uint32_t i = 0; i < cline && !pws->fStop; i++) {
        struct page_node n;
        assert_int_equal(page_get_node(&v, i, &n), JET_errSuccess);
        if (page_is_leaf(&v)) {
            if (page_node_is_deleted(&n))
                continue;
            pws->cnode++;
            if (!pws->pfn(pws->pvCtx, &v, &n))
                pws->fStop = true;
        } else {
            uint32_t pgnoChild;
            if (!page_node_child_pgno(&n, &pgnoChild))
                fail_msg("internal node without a child pgno on page %u", pgno);
            walk_page(pws, pgnoChild, depth + 1);
        }
    }
}

uint32_t walk_tree(const struct sample *ps, uint32_t pgnoRoot, walk_fn pfn, void *pvCtx)
{
    struct walk_state ws = { ps, pfn, pvCtx, 0, false, 0 };
    walk_page(&ws, pgnoRoot, 0);
    return ws.cnode;
}

/* ====================================================================== catalog ============ */

struct cat_load {
    struct walk_catalog *pcat;
    uint32_t crowAlloc;
};

/* realloc to hold n+1 elements, growing geometrically (catalogs have 65,000 column rows). */
static void *grow(void *pv, uint32_t n, size_t cbElem)
{
    /* capacity: 16 while n <= 16, then the next power of two */
    if (n == 0)
        return realloc(pv, 16 * cbElem);
    if (n >= 16 && !(n & (n - 1)))
        return realloc(pv, 2 * (size_t)n * cbElem);
    return pv;
}

static struct walk_table *table_for(struct walk_catalog *pcat, uint32_t objid)
{
    for (uint32_t i = 0; i < pcat->ctable; i++)
        if (pcat->rgtable[i].table.objid == objid)
            return &pcat->rgtable[i];
    fail_msg("catalog row for table %u before its table row", objid);
    return NULL;
}

static bool cat_row(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    struct cat_load *pl = pvCtx;
    struct walk_catalog *pcat = pl->pcat;
    if (pcat->crow == pl->crowAlloc) {
        pl->crowAlloc = pl->crowAlloc ? 2 * pl->crowAlloc : 256;
        pcat->rgpbRow = realloc(pcat->rgpbRow, pl->crowAlloc * sizeof *pcat->rgpbRow);
        pcat->rgcbRow = realloc(pcat->rgcbRow, pl->crowAlloc * sizeof *pcat->rgcbRow);
        pcat->rgpbKey = realloc(pcat->rgpbKey, pl->crowAlloc * sizeof *pcat->rgpbKey);
        pcat->rgcbKey = realloc(pcat->rgcbKey, pl->crowAlloc * sizeof *pcat->rgcbKey);
    }
    /* keep a copy: descriptors point into row bytes */
    uint8_t *pbRow = malloc(pn->cbData ? pn->cbData : 1);
    memcpy(pbRow, pn->pbData, pn->cbData);
    uint32_t cbKey = page_node_cb_key(pn);
    uint8_t *pbKey = malloc(cbKey ? cbKey : 1);
    page_node_key(pn, pbKey, cbKey);
    pcat->rgpbRow[pcat->crow] = pbRow;
    pcat->rgcbRow[pcat->crow] = pn->cbData;
    pcat->rgpbKey[pcat->crow] = pbKey;
    pcat->rgcbKey[pcat->crow] = cbKey;
    pcat->crow++;

    struct rec_view v;
    struct rec_cat_row row;
    unsigned grbit = page_is_new_record_format(pv) ? 0 : REC_VIEW_OLD_FORMAT;
    JET_ERR err = rec_view_init(&v, pbRow, pn->cbData, pv->cb, grbit);
    if (err != JET_errSuccess)
        fail_msg("catalog row %u on page %u: rec_view_init %d", pcat->crow - 1, pv->pgno, err);
    err = rec_cat_row_decode(&v, &row);
    if (err != JET_errSuccess)
        fail_msg("catalog row %u on page %u: rec_cat_row_decode %d", pcat->crow - 1, pv->pgno, err);

    switch (row.type) {
    case REC_SYSOBJ_TABLE: {
        pcat->rgtable = grow(pcat->rgtable, pcat->ctable, sizeof *pcat->rgtable);
        struct walk_table *pt = &pcat->rgtable[pcat->ctable++];
        memset(pt, 0, sizeof *pt);
        assert_int_equal(rec_cat_row_table(&row, &pt->table), JET_errSuccess);
        break;
    }
    case REC_SYSOBJ_COLUMN: {
        struct walk_table *pt = table_for(pcat, row.objidTable);
        pt->rgcc = grow(pt->rgcc, pt->ccol, sizeof *pt->rgcc);
        assert_int_equal(rec_cat_row_column(&row, &pt->rgcc[pt->ccol]), JET_errSuccess);
        pt->ccol++;
        break;
    }
    case REC_SYSOBJ_INDEX: {
        struct walk_table *pt = table_for(pcat, row.objidTable);
        pt->rgidx = grow(pt->rgidx, pt->cidx, sizeof *pt->rgidx);
        assert_int_equal(rec_cat_row_index(&row, &pt->rgidx[pt->cidx]), JET_errSuccess);
        if (pt->rgidx[pt->cidx].fidb & REC_IDB_PRIMARY)
            pt->fHasPrimary = true;
        pt->cidx++;
        break;
    }
    case REC_SYSOBJ_LV: {
        struct walk_table *pt = table_for(pcat, row.objidTable);
        assert_int_equal(rec_cat_row_lv(&row, &pt->lv), JET_errSuccess);
        pt->fLV = true;
        break;
    }
    case REC_SYSOBJ_CALLBACK: {
        struct rec_cat_callback cb;
        assert_int_equal(rec_cat_row_callback(&row, &cb), JET_errSuccess);
        break;
    }
    default:
        fail_msg("catalog row of unknown type %u", row.type);
    }
    return true;
}

void walk_catalog_load(const struct sample *ps, struct walk_catalog *pcat)
{
    struct cat_load l = { pcat, 0 };
    memset(pcat, 0, sizeof *pcat);
    pcat->cbPage = ps->desc->cbPage;
    walk_tree(ps, REC_CAT_PGNO_MSO, cat_row, &l);
    for (uint32_t it = 0; it < pcat->ctable; it++) {
        struct walk_table *pt = &pcat->rgtable[it];
        pt->rgcol = calloc(pt->ccol ? pt->ccol : 1, sizeof *pt->rgcol);
        struct rec_value *rgdef = calloc(pt->ccol ? pt->ccol : 1, sizeof *rgdef);
        for (uint32_t i = 0; i < pt->ccol; i++) {
            if (i)
                assert_true(pt->rgcc[i].fid > pt->rgcc[i - 1].fid);
            rec_cat_column_to_rec(&pt->rgcc[i], false, &pt->rgcol[i]);
            if (pt->table.objid == REC_CAT_OBJID_MSO || pt->table.objid == REC_CAT_OBJID_MSO_SHADOW) {
                /* ESE never reads the catalog's own column rows (placeholders: RecordOffset 4,
                 * cp 1252); its schema is built in. */
                struct rec_schema sMso;
                rec_cat_schema(pcat->cbPage, &sMso);
                const struct rec_column *pcMso = rec_schema_find(&sMso, pt->rgcc[i].fid);
                assert_non_null(pcMso);
                pt->rgcol[i] = *pcMso;
            }
            rgdef[i].pb = pt->rgcc[i].pbDefault;
            rgdef[i].cb = pt->rgcc[i].cbDefault;
        }
        pt->schema.cbPage = pcat->cbPage;
        pt->schema.rgcol = pt->rgcol;
        pt->schema.ccol = pt->ccol;
        pt->schema.cbKeyMostPrimary = 4;
        for (uint32_t i = 0; i < pt->cidx; i++)
            if (pt->rgidx[i].fidb & REC_IDB_PRIMARY)
                pt->schema.cbKeyMostPrimary = pt->rgidx[i].cbKeyMost;
        bool fDefaults = false;
        for (uint32_t i = 0; i < pt->ccol; i++)
            if ((pt->rgcol[i].fFlags & REC_FIELD_DEFAULT) && rgdef[i].cb)
                fDefaults = true;
        /* ESE builds a default record for every user table (system tables have none); it only
         * matters when a column has a default. */
        if (fDefaults) {
            assert_int_equal(rec_build_default_record(&pt->schema, rgdef, NULL, 0, &pt->pbDefault, &pt->cbDefault),
                    JET_errSuccess);
            pt->schema.pbDefaultRecord = pt->pbDefault;
            pt->schema.cbDefaultRecord = pt->cbDefault;
        }
        free(rgdef);
    }
}

void walk_catalog_free(struct walk_catalog *pcat)
{
    for (uint32_t it = 0; it < pcat->ctable; it++) {
        struct walk_table *pt = &pcat->rgtable[it];
        free(pt->rgcc);
        free(pt->rgcol);
        free(pt->rgidx);
        mem_free(pt->pbDefault);
    }
    for (uint32_t i = 0; i < pcat->crow; i++) {
        free(pcat->rgpbRow[i]);
        free(pcat->rgpbKey[i]);
    }
    free(pcat->rgpbRow);
    free(pcat->rgcbRow);
    free(pcat->rgpbKey);
    free(pcat->rgcbKey);
    free(pcat->rgtable);
    memset(pcat, 0, sizeof *pcat);
}

const struct walk_table *walk_catalog_find(const struct walk_catalog *pcat, const char *szName)
{
    for (uint32_t i = 0; i < pcat->ctable; i++)
        if (!strcmp(pcat->rgtable[i].table.szName, szName))
            return &pcat->rgtable[i];
    return NULL;
}

/* ================================================================== long values =========== */

struct lv_read {
    uint64_t lid;
    bool fRaw;
    bool fRoot;
    struct rec_lvroot root;
    uint32_t cbChunkMost;
    uint8_t *pb;
    uint32_t cb;
    uint32_t ibNext;            /* next chunk offset expected */
    uint32_t cChunkCompressed;
};

static bool lv_node(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    struct lv_read *pr = pvCtx;
    uint8_t rgbKey[16];
    (void)pv;
    uint32_t cbKey = page_node_key(pn, rgbKey, sizeof rgbKey);
    uint64_t lid;
    bool fRoot;
    uint32_t ibOffset;
    assert_int_equal(rec_lv_key_parse(rgbKey, cbKey, &lid, &fRoot, &ibOffset), JET_errSuccess);
    /* LIDs sort as their big-endian keys: LID32 keys (first bit clear) before LID64 ones */
    if (lid < pr->lid)
        return true;
    if (lid > pr->lid)
        return false;
    if (fRoot) {
        assert_false(pr->fRoot);
        assert_int_equal(rec_lv_root_parse(pn->pbData, pn->cbData, &pr->root), JET_errSuccess);
        pr->fRoot = true;
        pr->pb = malloc(pr->fRaw ? pr->root.ulSize + 1 : pr->root.ulSize + 1);
        return true;
    }
    assert_true(pr->fRoot);
    assert_int_equal(ibOffset, pr->ibNext);
    bool fCompressed;
    assert_int_equal(rec_lv_chunk_is_compressed(pr->cbChunkMost, ibOffset, pn->cbData, pr->root.ulSize, &fCompressed),
            JET_errSuccess);
    uint32_t cbLogical = MIN(pr->cbChunkMost, pr->root.ulSize - ibOffset);
    if (fCompressed) {
        pr->cChunkCompressed++;
        uint32_t cbOut;
        assert_int_equal(rec_decompressed_size(pn->pbData, pn->cbData, &cbOut), JET_errSuccess);
        assert_int_equal(cbOut, cbLogical);
    }
    if (pr->fRaw) {
        memcpy(pr->pb + pr->cb, pn->pbData, pn->cbData);
        pr->cb += pn->cbData;
    } else if (fCompressed) {
        uint32_t cbOut;
        assert_int_equal(rec_decompress(pn->pbData, pn->cbData, pr->pb + ibOffset, cbLogical, &cbOut), JET_errSuccess);
        pr->cb += cbOut;
    } else {
        memcpy(pr->pb + ibOffset, pn->pbData, pn->cbData);
        pr->cb += pn->cbData;
    }
    pr->ibNext = ibOffset + cbLogical;
    return true;
}

void walk_read_lv(const struct sample *ps, const struct walk_table *pt, uint64_t lid, bool fRaw, uint8_t **ppb,
        uint32_t *pcb, uint32_t *pcChunkCompressed)
{
    struct lv_read r;
    memset(&r, 0, sizeof r);
    r.lid = lid;
    r.fRaw = fRaw;
    r.cbChunkMost = pt->table.cbLVChunkMax ? pt->table.cbLVChunkMax : rec_lv_chunk_most(ps->desc->cbPage);
    if (!pt->fLV)
        fail_msg("table %s has a separated value but no LV tree", pt->table.szName);
    walk_tree(ps, pt->lv.pgnoFDP, lv_node, &r);
    if (!r.fRoot)
        fail_msg("table %s: LV %llu not in the LV tree", pt->table.szName, (unsigned long long)lid);
    assert_int_equal(r.ibNext, r.root.ulSize);
    if (!fRaw)
        assert_int_equal(r.cb, r.root.ulSize);
    *ppb = r.pb;
    *pcb = r.cb;
    if (pcChunkCompressed)
        *pcChunkCompressed = r.cChunkCompressed;
}
