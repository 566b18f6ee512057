/* SPDX-License-Identifier: MIT
 * catalog/cat_read.c: reading the catalog of an attached database: tables by enumeration, name
 * or objid, a table's whole definition, every FDP. Layer: catalog (uses btree, record).
 *
 * Everything goes through btree cursors on MSysObjects (pgno 4, objid 2, key +ObjidTable +Type
 * +Id) and its RootObjects index (pgno 10, objid 5, key +RootFlag +Name), so a read holds no latch
 * between calls and sees what the cache holds. Rows of one table are contiguous in MSysObjects:
 * the table row, then columns, indexes, the LV tree, callbacks (their Type order). Every row is
 * checked by the record layer before use (JET_errCatalogCorrupted when it is malformed), and its
 * key must agree with its ObjidTable, Type and Id. */
#include <stdlib.h>

#include "cat_int.h"

DEBUG_CHANNEL(catalog);

const struct bt_tree_desc cat_desc_mso = { REC_CAT_PGNO_MSO, REC_CAT_OBJID_MSO, BT_TYPE_PRIMARY, false, REC_CB_KEY_MOST_OLD };
const struct bt_tree_desc cat_desc_mso_shadow = { REC_CAT_PGNO_MSO_SHADOW, REC_CAT_OBJID_MSO_SHADOW, BT_TYPE_PRIMARY, false,
                                                  REC_CB_KEY_MOST_OLD };
const struct bt_tree_desc cat_desc_name_index = { REC_CAT_PGNO_NAME_INDEX, REC_CAT_OBJID_NAME_INDEX, BT_TYPE_INDEX, false,
                                                  REC_CB_KEY_MOST_OLD };
const struct bt_tree_desc cat_desc_root_index = { REC_CAT_PGNO_ROOT_INDEX, REC_CAT_OBJID_ROOT_INDEX, BT_TYPE_INDEX, false,
                                                  REC_CB_KEY_MOST_OLD };

struct catalog {
    struct bt_db *db;
    uint32_t cbPage;
};

int cat_name_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'a' && ca <= 'z')
            ca -= 'a' - 'A';
        if (cb >= 'a' && cb <= 'z')
            cb -= 'a' - 'A';
        if (ca != cb || !ca)
            return ca - cb;
    }
}

JET_ERR cat_row_decode(struct bt_cursor *c, uint32_t cbPage, struct rec_view *pv, struct rec_cat_row *prow)
{
    uint32_t cbData;
    const uint8_t *pbData = bt_data(c, &cbData);
    return cat_row_decode_as_seen(c, pbData, cbData, cbPage, pv, prow);
}

JET_ERR cat_row_decode_as_seen(struct bt_cursor *c, const uint8_t *pbData, uint32_t cbData, uint32_t cbPage,
        struct rec_view *pv, struct rec_cat_row *prow)
{
    uint32_t cbKey;
    uint8_t rgbKey[16];
    const uint8_t *pbKey = bt_key(c, &cbKey);
    if (rec_view_init(pv, pbData, cbData, cbPage, 0) < 0 || rec_cat_row_decode(pv, prow) < 0)
        return ERR_TRAP(JET_errCatalogCorrupted);
    const uint32_t cb = rec_cat_key_id(prow->objidTable, prow->type, prow->id, rgbKey);
    if (cb != cbKey || memcmp(rgbKey, pbKey, cb) != 0) {
        WARN("catalog row (%u, %u, %u) is filed under another key", prow->objidTable, prow->type, prow->id);
        return ERR_TRAP(JET_errCatalogCorrupted);
    }
    return JET_errSuccess;
}

/* ---- reading as one transaction sees it ------------------------------------------------------ */

/* What a walk asks of bt: flag-deleted nodes too when a reader's view decides (a delete the
 * reader must not see yet leaves the node flag-deleted on its page). */
static unsigned walk_grbit(const struct catalog_reader *pview)
{
    return pview ? BT_DELETED_TOO : 0;
}

JET_ERR cat_node_seen(const struct catalog_reader *pview, struct bt_cursor *c, const struct bt_tree_desc *pdesc,
        struct cat_seen *ps)
{
    JET_ERR err;
    uint8_t f = bt_node_flags(c);
    uint32_t cbKey, cbData;
    const uint8_t *pbKey = bt_key(c, &cbKey), *pbData = bt_data(c, &cbData);
    ps->pb = pbData;
    ps->cb = cbData;
    ps->pvImage = NULL;
    ps->fVisible = !(f & PAGE_NODE_DELETED);
    /* A node without the version bit, or a store holding no version at all, is the page's. */
    if (!pview || !pview->vs || !(f & PAGE_NODE_VERSIONED) || ver_store_empty(pview->vs))
        return JET_errSuccess;
    enum ver_view view = VER_VIEW_PAGE;
    uint64_t genCopy = 0;
    uint32_t cbImage = 0;
    for (unsigned attempt = 0;; attempt++) {
        const struct ver_node_id id = {
            .dbid = pview->dbid, .pgnoFDP = pdesc->pgnoFDP, .pvKey = pbKey, .cbKey = cbKey,
            .pvData = pdesc->fNonUnique ? pbData : NULL, .cbData = pdesc->fNonUnique ? cbData : 0,
        };
        CALL_R(ver_store_view_copy(pview->vs, &id, &pview->actor, genCopy, pbData, cbData, (f & PAGE_NODE_DELETED) != 0,
                                   &view, &ps->pvImage, &cbImage));
        if (view != VER_VIEW_RETRY)
            break;
        /* an escrow delta around the copy (none is ever registered on the catalog's nodes, but
         * the store's contract is kept): read the clock, copy the node again */
        if (attempt > 1000)
            return ERR_TRAP(JET_errInternalError);
        genCopy = ver_store_delta_gen(pview->vs);
        CALL_R(bt_refresh(c));
        f = bt_node_flags(c);
        pbKey = bt_key(c, &cbKey);
        pbData = bt_data(c, &cbData);
        ps->pb = pbData;
        ps->cb = cbData;
    }
    switch (view) {
    case VER_VIEW_ABSENT:
        ps->fVisible = false;
        break;
    case VER_VIEW_IMAGE:
        ps->fVisible = true;
        ps->pb = ps->pvImage;
        ps->cb = cbImage;
        break;
    default:
        ps->fVisible = !(f & PAGE_NODE_DELETED);
        break;
    }
    return JET_errSuccess;
}

void cat_seen_free(struct cat_seen *ps)
{
    mem_free(ps->pvImage);
    ps->pvImage = NULL;
}

/* ---- opening ---------------------------------------------------------------------------------- */

JET_ERR catalog_open(struct bt_db *db, struct catalog **ppcat)
{
    JET_ERR err;
    struct bt_cursor *c;
    *ppcat = NULL;
    /* bt_open checks each root: MSysObjects and the index the name lookups use. */
    CALL_R(bt_open(db, &cat_desc_mso, &c));
    bt_close(c);
    CALL_R(bt_open(db, &cat_desc_root_index, &c));
    bt_close(c);
    struct catalog *cat = mem_calloc(1, sizeof *cat);
    if (!cat)
        return ERR_TRAP(JET_errOutOfMemory);
    cat->db = db;
    cat->cbPage = bt_db_space(db)->cbPage;
    *ppcat = cat;
    return JET_errSuccess;
}

void catalog_close(struct catalog *cat)
{
    mem_free(cat);
}

struct bt_db *catalog_bt_db(const struct catalog *cat)
{
    return cat->db;
}

/* ---- tables ----------------------------------------------------------------------------------- */

JET_ERR catalog_enum_tables(struct catalog *cat, catalog_table_fn fn, void *pvCtx)
{
    return catalog_enum_tables_as(cat, NULL, fn, pvCtx);
}

JET_ERR catalog_enum_tables_as(struct catalog *cat, const struct catalog_reader *pview, catalog_table_fn fn,
        void *pvCtx)
{
    JET_ERR err;
    struct bt_cursor *c;
    struct cat_seen seen = { 0 };
    const unsigned grbit = walk_grbit(pview);
    CALL_R(bt_open(cat->db, &cat_desc_mso, &c));
    for (err = bt_move_first(c, grbit); err >= 0; err = bt_move_next(c, grbit)) {
        struct rec_view v;
        struct rec_cat_row row;
        struct rec_cat_table t;
        cat_seen_free(&seen);
        CALL(cat_node_seen(pview, c, &cat_desc_mso, &seen));
        if (!seen.fVisible)
            continue;
        CALL(cat_row_decode_as_seen(c, seen.pb, seen.cb, cat->cbPage, &v, &row));
        if (row.type != REC_SYSOBJ_TABLE)
            continue;
        if (rec_cat_row_table(&row, &t) < 0)
            FAIL(JET_errCatalogCorrupted);
        CALL(fn(pvCtx, &t));
    }
    if (err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
out:
    cat_seen_free(&seen);
    bt_close(c);
    return err;
}

/* Seek MSysObjects to an Id key and decode the table row there (as pview's reader sees it). */
static JET_ERR table_row_at(struct catalog *cat, const struct catalog_reader *pview, struct bt_cursor *c,
        const uint8_t *pbKey, uint32_t cbKey, struct rec_cat_table *pt)
{
    JET_ERR err;
    struct rec_view v;
    struct rec_cat_row row;
    struct cat_seen seen = { 0 };
    err = bt_seek(c, BT_SEEK_EQ, pbKey, cbKey, NULL, 0, walk_grbit(pview));
    if (err == JET_errRecordNotFound)
        return JET_errObjectNotFound;
    CALL_R(err);
    CALL(cat_node_seen(pview, c, &cat_desc_mso, &seen));
    if (!seen.fVisible)
        FAIL(JET_errObjectNotFound);
    CALL(cat_row_decode_as_seen(c, seen.pb, seen.cb, cat->cbPage, &v, &row));
    if (row.type != REC_SYSOBJ_TABLE || rec_cat_row_table(&row, pt) < 0)
        FAIL(JET_errCatalogCorrupted);
out:
    cat_seen_free(&seen);
    return err;
}

JET_ERR catalog_find_table_objid(struct catalog *cat, uint32_t objidTable, struct rec_cat_table *pt)
{
    return catalog_find_table_objid_as(cat, NULL, objidTable, pt);
}

JET_ERR catalog_find_table_objid_as(struct catalog *cat, const struct catalog_reader *pview, uint32_t objidTable,
        struct rec_cat_table *pt)
{
    JET_ERR err;
    struct bt_cursor *c;
    uint8_t rgbKey[16];
    const uint32_t cbKey = rec_cat_key_id(objidTable, REC_SYSOBJ_TABLE, objidTable, rgbKey);
    CALL_R(bt_open(cat->db, &cat_desc_mso, &c));
    err = table_row_at(cat, pview, c, rgbKey, cbKey, pt);
    bt_close(c);
    return err;
}

/* The RootObjects key of a table name: +RootFlag (set) +Name, normalized by the record layer. */
static JET_ERR root_key(const char *szName, uint8_t *pbKey, uint32_t *pcbKey)
{
    struct rec_cat_index ci;
    struct rec_index ri;
    static const uint8_t bTrue = 0xFF;
    rec_sys_mso_index(REC_CAT_OBJID_MSO, 2, &ci);
    rec_cat_index_to_rec(&ci, &ri);
    const struct rec_column *rgpc[2] = { rec_cat_column(REC_MSO_ROOT_FLAG), rec_cat_column(REC_MSO_NAME) };
    const struct rec_key_column rgkc[2] = { { false, &bTrue, 1 }, { false, (const uint8_t *)szName, (uint32_t)strlen(szName) } };
    bool fTruncated;
    uint32_t iseg;
    const JET_ERR err = rec_key_make(&ri, rgpc, rgkc, NULL, 0, pbKey, pcbKey, &fTruncated, &iseg);
    return err < 0 ? err : JET_errSuccess;
}

JET_ERR catalog_find_table(struct catalog *cat, const char *szName, struct rec_cat_table *pt)
{
    return catalog_find_table_as(cat, NULL, szName, pt);
}

JET_ERR catalog_find_table_as(struct catalog *cat, const struct catalog_reader *pview, const char *szName,
        struct rec_cat_table *pt)
{
    JET_ERR err;
    struct bt_cursor *ci = NULL, *c = NULL;
    uint8_t rgbKey[REC_CB_KEY_MOST_OLD + 1], rgbId[16];
    uint32_t cbKey, cbId;
    struct cat_seen seen = { 0 };
    if (!szName[0] || strlen(szName) > JET_cbNameMost)
        return JET_errObjectNotFound;
    CALL_R(root_key(szName, rgbKey, &cbKey));
    CALL(bt_open(cat->db, &cat_desc_root_index, &ci));
    err = bt_seek(ci, BT_SEEK_EQ, rgbKey, cbKey, NULL, 0, walk_grbit(pview));
    if (err == JET_errRecordNotFound)
        FAIL(JET_errObjectNotFound);
    CALL(err);
    CALL(cat_node_seen(pview, ci, &cat_desc_root_index, &seen));
    if (!seen.fVisible)
        FAIL(JET_errObjectNotFound);
    cbId = seen.cb;
    if (cbId > sizeof rgbId)
        FAIL(JET_errCatalogCorrupted);
    memcpy(rgbId, seen.pb, cbId);
    CALL(bt_open(cat->db, &cat_desc_mso, &c));
    err = table_row_at(cat, pview, c, rgbId, cbId, pt);
    if (err == JET_errObjectNotFound) {
        WARN("RootObjects names a row MSysObjects does not have (table %s)", debugstr_a(szName));
        err = ERR_TRAP(JET_errCatalogCorrupted);
    }
    CALL(err);
    if (cat_name_cmp(pt->szName, szName) != 0)
        FAIL(JET_errCatalogCorrupted);
out:
    cat_seen_free(&seen);
    if (c)
        bt_close(c);
    if (ci)
        bt_close(ci);
    return err;
}

/* ---- a table's definition --------------------------------------------------------------------- */

static int cmp_reccol(const void *a, const void *b)
{
    const struct rec_column *x = a, *y = b;
    if (x->fid != y->fid)
        return (int)x->fid - (int)y->fid;
    return (int)y->fTemplate - (int)x->fTemplate;     /* the template's column first */
}

void catalog_table_free(struct catalog_table *pt)
{
    if (!pt)
        return;
    for (uint32_t i = 0; i < pt->ccol; i++) {
        mem_free((void *)pt->rgcol[i].pbDefault);
        mem_free((void *)pt->rgcol[i].pbCallbackData);
        mem_free((void *)pt->rgcol[i].pbCallbackDependencies);
    }
    mem_free(pt->rgcol);
    mem_free(pt->rgidx);
    mem_free(pt->rgcb);
    mem_free(pt->rgreccol);
    mem_free(pt->rgrecidx);
    mem_free(pt->pbDefaultRecord);
    catalog_table_free(pt->ptTemplate);
    mem_free(pt);
}

static JET_ERR dup_bytes(const uint8_t *pb, uint32_t cb, const uint8_t **ppb)
{
    *ppb = NULL;
    if (!pb)
        return JET_errSuccess;
    uint8_t *p = mem_alloc(cb ? cb : 1);
    if (!p)
        return ERR_TRAP(JET_errOutOfMemory);
    memcpy(p, pb, cb);
    *ppb = p;
    return JET_errSuccess;
}

static JET_ERR grow(void **ppv, uint32_t c, uint32_t *pcMax, size_t cbItem)
{
    if (c < *pcMax)
        return JET_errSuccess;
    const uint32_t cNew = *pcMax ? *pcMax * 2 : 16;
    void *pv = mem_realloc(*ppv, (size_t)cNew * cbItem);
    if (!pv)
        return ERR_TRAP(JET_errOutOfMemory);
    *ppv = pv;
    *pcMax = cNew;
    return JET_errSuccess;
}

/* catalog_reader's fNewestPlusSeen: which row of the node the load takes, the page's or the
 * reader's (seen, changed in place). */
static JET_ERR newest_plus_seen(struct catalog *cat, struct bt_cursor *c, struct cat_seen *ps)
{
    JET_ERR err;
    struct rec_view v;
    struct rec_cat_row row;
    struct rec_cat_column col;
    uint32_t cbPage;
    const uint8_t *pbPage = bt_data(c, &cbPage);
    const bool fOnPage = !(bt_node_flags(c) & PAGE_NODE_DELETED);
    CALL_R(cat_row_decode_as_seen(c, pbPage, cbPage, cat->cbPage, &v, &row));
    if (!fOnPage) {
        /* deleted: an index the reader still sees stays (its row is the page's) */
        if (row.type != REC_SYSOBJ_INDEX || !ps->fVisible) {
            cat_seen_free(ps);
            ps->fVisible = false;
        }
        return JET_errSuccess;
    }
    if (ps->fVisible && ps->pb != pbPage && row.type == REC_SYSOBJ_COLUMN) {
        /* the reader's column where the page has its deleted stub */
        if (rec_cat_row_column(&row, &col) < 0)
            return ERR_TRAP(JET_errCatalogCorrupted);
        if (col.coltyp == JET_coltypNil)
            return JET_errSuccess;
    }
    cat_seen_free(ps);
    ps->fVisible = true;
    ps->pb = pbPage;
    ps->cb = cbPage;
    return JET_errSuccess;
}

/* The rows after the table row: columns, indexes, LV, callbacks. */
static JET_ERR load_rows(struct catalog *cat, const struct catalog_reader *pview, struct catalog_table *pt)
{
    JET_ERR err;
    struct bt_cursor *c;
    struct cat_seen seen = { 0 };
    const unsigned grbit = walk_grbit(pview);
    uint8_t rgbKey[16];
    uint32_t ccolMax = 0, cidxMax = 0, ccbMax = 0;
    const uint32_t objid = pt->table.objid;
    const uint32_t cbKey = rec_cat_key_id(objid, REC_SYSOBJ_COLUMN, 0, rgbKey);
    CALL_R(bt_open(cat->db, &cat_desc_mso, &c));
    for (err = bt_seek(c, BT_SEEK_GE, rgbKey, cbKey, NULL, 0, grbit); err >= 0; err = bt_move_next(c, grbit)) {
        struct rec_view v;
        struct rec_cat_row row;
        cat_seen_free(&seen);
        CALL(cat_node_seen(pview, c, &cat_desc_mso, &seen));
        if (pview && pview->fNewestPlusSeen)
            CALL(newest_plus_seen(cat, c, &seen));
        if (!seen.fVisible) {
            /* a row the reader does not see: the walk still ends past the table's rows */
            CALL(cat_row_decode(c, cat->cbPage, &v, &row));
            if (row.objidTable != objid)
                break;
            continue;
        }
        CALL(cat_row_decode_as_seen(c, seen.pb, seen.cb, cat->cbPage, &v, &row));
        if (row.objidTable != objid)
            break;
        switch (row.type) {
        case REC_SYSOBJ_COLUMN: {
            CALL(grow((void **)&pt->rgcol, pt->ccol, &ccolMax, sizeof *pt->rgcol));
            struct rec_cat_column *pc = &pt->rgcol[pt->ccol];
            if (rec_cat_row_column(&row, pc) < 0)
                FAIL(JET_errCatalogCorrupted);
            /* Own the values the descriptor points to (they point into the cursor's row). */
            const uint8_t *pbDef = pc->pbDefault, *pbData = pc->pbCallbackData, *pbDep = pc->pbCallbackDependencies;
            pc->pbDefault = pc->pbCallbackData = pc->pbCallbackDependencies = NULL;
            pt->ccol++;
            CALL(dup_bytes(pbDef, pc->cbDefault, &pc->pbDefault));
            CALL(dup_bytes(pbData, pc->cbCallbackData, &pc->pbCallbackData));
            CALL(dup_bytes(pbDep, pc->cbCallbackDependencies, &pc->pbCallbackDependencies));
            break;
        }
        case REC_SYSOBJ_INDEX:
            if (pview && pview->fDeletedIndexesGone && (bt_node_flags(c) & PAGE_NODE_DELETED))
                break;
            CALL(grow((void **)&pt->rgidx, pt->cidx, &cidxMax, sizeof *pt->rgidx));
            if (rec_cat_row_index(&row, &pt->rgidx[pt->cidx]) < 0)
                FAIL(JET_errCatalogCorrupted);
            pt->cidx++;
            break;
        case REC_SYSOBJ_LV:
            if (pt->fLV || rec_cat_row_lv(&row, &pt->lv) < 0)
                FAIL(JET_errCatalogCorrupted);
            pt->fLV = true;
            break;
        case REC_SYSOBJ_CALLBACK:
            CALL(grow((void **)&pt->rgcb, pt->ccb, &ccbMax, sizeof *pt->rgcb));
            if (rec_cat_row_callback(&row, &pt->rgcb[pt->ccb]) < 0)
                FAIL(JET_errCatalogCorrupted);
            pt->ccb++;
            break;
        default:
            /* 6/7: the obsolete SLV rows; nothing to load */
            WARN("table %s: catalog row of type %u ignored", debugstr_a(pt->table.szName), row.type);
            break;
        }
    }
    if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound)
        err = JET_errSuccess;
out:
    cat_seen_free(&seen);
    bt_close(c);
    return err;
}

/* The record layer's view: columns (template ones first merged in by fid), default record,
 * indexes. */
static JET_ERR build_schema(struct catalog *cat, struct catalog_table *pt, const struct catalog_table *ptTemplate)
{
    JET_ERR err;
    const uint32_t ctmpl = ptTemplate ? ptTemplate->creccol : 0;
    struct rec_value *rgdef = NULL;
    bool fDefaults = false;
    pt->creccol = pt->ccol + ctmpl;
    pt->rgreccol = mem_calloc(pt->creccol ? pt->creccol : 1, sizeof *pt->rgreccol);
    pt->rgrecidx = mem_calloc(pt->cidx ? pt->cidx : 1, sizeof *pt->rgrecidx);
    rgdef = mem_calloc(pt->creccol ? pt->creccol : 1, sizeof *rgdef);
    if (!pt->rgreccol || !pt->rgrecidx || !rgdef)
        FAIL(JET_errOutOfMemory);
    for (uint32_t i = 0; i < ctmpl; i++) {
        pt->rgreccol[i] = ptTemplate->rgreccol[i];
        pt->rgreccol[i].fTemplate = true;
    }
    for (uint32_t i = 0; i < pt->ccol; i++)
        rec_cat_column_to_rec(&pt->rgcol[i], false, &pt->rgreccol[ctmpl + i]);
    qsort(pt->rgreccol, pt->creccol, sizeof *pt->rgreccol, cmp_reccol);
    /* Fids are unique but for ESE's rule for a derived table (ErrTDBCreate): its own fixed and
     * variable columns follow the template's, its own tagged ones start again at 256 (the
     * records tell them apart by the derived bit of the template's). */
    for (uint32_t i = 1; i < pt->creccol; i++)
        if (pt->rgreccol[i].fid == pt->rgreccol[i - 1].fid
                && !(rec_fid_is_tagged(pt->rgreccol[i].fid) && pt->rgreccol[i - 1].fTemplate && !pt->rgreccol[i].fTemplate))
            FAIL(JET_errCatalogCorrupted);
    /* Defaults of the table's own columns (a user-defined default has no stored value). */
    for (uint32_t j = 0; j < pt->ccol; j++) {
        const struct rec_cat_column *pc = &pt->rgcol[j];
        if (!(pc->fFlags & REC_FIELD_DEFAULT) || (pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT) || !pc->pbDefault)
            continue;
        /* rgreccol is sorted by fid (binary search: tables have up to 65,000 columns) */
        uint32_t lo = 0, hi = pt->creccol;
        while (lo < hi) {
            const uint32_t mid = lo + (hi - lo) / 2;
            if (pt->rgreccol[mid].fid < pc->fid)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo + 1 < pt->creccol && pt->rgreccol[lo].fTemplate && pt->rgreccol[lo + 1].fid == pc->fid)
            lo++;       /* past the template's column of the same fid */
        if (lo < pt->creccol && pt->rgreccol[lo].fid == pc->fid && !pt->rgreccol[lo].fTemplate) {
            rgdef[lo] = (struct rec_value){ pc->pbDefault, pc->cbDefault, 0 };
            fDefaults = true;
        }
    }
    pt->iidxPrimary = -1;
    for (uint32_t i = 0; i < pt->cidx; i++) {
        rec_cat_index_to_rec(&pt->rgidx[i], &pt->rgrecidx[i]);
        if (pt->rgidx[i].fidb & REC_IDB_PRIMARY)
            pt->iidxPrimary = (int32_t)i;
    }
    pt->schema = (struct rec_schema){
        .cbPage = cat->cbPage, .rgcol = pt->rgreccol, .ccol = pt->creccol, .fDerivedTable = ptTemplate != NULL,
        .cbKeyMostPrimary = pt->iidxPrimary >= 0 ? pt->rgidx[pt->iidxPrimary].cbKeyMost : 4u,
    };
    const uint8_t *pbTmplDef = ptTemplate ? ptTemplate->schema.pbDefaultRecord : NULL;
    const uint32_t cbTmplDef = ptTemplate ? ptTemplate->schema.cbDefaultRecord : 0;
    if (fDefaults || pbTmplDef) {
        uint32_t cb;
        err = rec_build_default_record(&pt->schema, rgdef, pbTmplDef, cbTmplDef, &pt->pbDefaultRecord, &cb);
        if (err < 0 && err != JET_errOutOfMemory)
            err = ERR_TRAP(JET_errCatalogCorrupted);
        CALL(err);
        pt->schema.pbDefaultRecord = pt->pbDefaultRecord;
        pt->schema.cbDefaultRecord = cb;
    }
    err = JET_errSuccess;
out:
    mem_free(rgdef);
    return err;
}

static JET_ERR load_table(struct catalog *cat, const struct catalog_reader *pview, const struct rec_cat_table *ptRow,
        unsigned cDepth, struct catalog_table **ppt)
{
    JET_ERR err;
    struct catalog_table *ptTemplate = NULL;
    struct catalog_table *pt = mem_calloc(1, sizeof *pt);
    *ppt = NULL;
    if (!pt)
        return ERR_TRAP(JET_errOutOfMemory);
    pt->table = *ptRow;
    pt->iidxPrimary = -1;
    CALL(load_rows(cat, pview, pt));
    if (pt->table.szTemplateTable[0]) {
        struct rec_cat_table tt;
        /* A template table is never derived itself (ESE refuses it), so one level is all. */
        if (cDepth > 0)
            FAIL(JET_errCatalogCorrupted);
        err = catalog_find_table_as(cat, pview, pt->table.szTemplateTable, &tt);
        if (err == JET_errObjectNotFound)
            err = ERR_TRAP(JET_errCatalogCorrupted);
        CALL(err);
        CALL(load_table(cat, pview, &tt, cDepth + 1, &ptTemplate));
    }
    CALL(build_schema(cat, pt, ptTemplate));
    pt->ptTemplate = ptTemplate;
    ptTemplate = NULL;
    *ppt = pt;
    pt = NULL;
out:
    catalog_table_free(ptTemplate);
    catalog_table_free(pt);
    return err;
}

JET_ERR catalog_load_table_objid(struct catalog *cat, uint32_t objidTable, struct catalog_table **ppt)
{
    return catalog_load_table_objid_as(cat, NULL, objidTable, ppt);
}

JET_ERR catalog_load_table_objid_as(struct catalog *cat, const struct catalog_reader *pview, uint32_t objidTable,
        struct catalog_table **ppt)
{
    JET_ERR err;
    struct rec_cat_table t;
    *ppt = NULL;
    CALL_R(catalog_find_table_objid_as(cat, pview, objidTable, &t));
    return load_table(cat, pview, &t, 0, ppt);
}

JET_ERR catalog_load_table(struct catalog *cat, const char *szName, struct catalog_table **ppt)
{
    JET_ERR err;
    struct rec_cat_table t;
    *ppt = NULL;
    CALL_R(catalog_find_table(cat, szName, &t));
    return load_table(cat, NULL, &t, 0, ppt);
}

const struct rec_cat_column *catalog_table_column(const struct catalog_table *pt, const char *szName)
{
    if (!szName)
        return NULL;
    for (uint32_t i = 0; i < pt->ccol; i++)
        if (pt->rgcol[i].coltyp != JET_coltypNil && cat_name_cmp(pt->rgcol[i].szName, szName) == 0)
            return &pt->rgcol[i];
    return NULL;
}

const struct rec_cat_column *catalog_table_column_inherited(const struct catalog_table *pt, const char *szName,
        bool *pfTemplate)
{
    const struct rec_cat_column *pc = catalog_table_column(pt, szName);
    *pfTemplate = (pt->table.fFlags & REC_CAT_TABLE_TEMPLATE) != 0;
    if (!pc && pt->ptTemplate) {
        pc = catalog_table_column(pt->ptTemplate, szName);
        *pfTemplate = true;
    }
    return pc;
}

const struct rec_cat_column *catalog_table_column_by_id(const struct catalog_table *pt, uint32_t columnid,
        bool *pfTemplate)
{
    const uint32_t fid = columnid & ~REC_COLUMNID_TEMPLATE;
    *pfTemplate = (pt->table.fFlags & REC_CAT_TABLE_TEMPLATE) != 0;
    if ((columnid & REC_COLUMNID_TEMPLATE) && pt->ptTemplate) {
        pt = pt->ptTemplate;
        *pfTemplate = true;
    }
    for (uint32_t i = 0; i < pt->ccol; i++)
        if (pt->rgcol[i].fid == fid && pt->rgcol[i].coltyp != JET_coltypNil)
            return &pt->rgcol[i];
    return NULL;
}

const struct rec_cat_index *catalog_table_index(const struct catalog_table *pt, const char *szName)
{
    for (uint32_t i = 0; i < pt->cidx; i++)
        if (cat_name_cmp(pt->rgidx[i].szName, szName) == 0)
            return &pt->rgidx[i];
    return NULL;
}

/* ---- every FDP -------------------------------------------------------------------------------- */

JET_ERR catalog_list_fdps(struct catalog *cat, struct catalog_fdp **prg, uint32_t *pc)
{
    JET_ERR err;
    struct bt_cursor *c;
    struct catalog_fdp *rg = NULL;
    uint32_t n = 0, nMax = 0;
    /* the current table (rows of a table follow its table row) */
    uint32_t objidTable = 0, pgnoTable = 0;
    char szTable[JET_cbNameMost + 1] = "";
    *prg = NULL;
    *pc = 0;
    CALL_R(bt_open(cat->db, &cat_desc_mso, &c));
    for (err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0)) {
        struct rec_view v;
        struct rec_cat_row row;
        struct catalog_fdp f;
        CALL(cat_row_decode(c, cat->cbPage, &v, &row));
        memset(&f, 0, sizeof f);
        if (row.type == REC_SYSOBJ_TABLE) {
            struct rec_cat_table t;
            if (rec_cat_row_table(&row, &t) < 0)
                FAIL(JET_errCatalogCorrupted);
            objidTable = t.objid;
            pgnoTable = t.pgnoFDP;
            strcpy(szTable, t.szName);
            f = (struct catalog_fdp){ t.pgnoFDP, t.objid, SPACE_PGNO_DB_ROOT, t.objid, REC_SYSOBJ_TABLE,
                                      BT_TYPE_PRIMARY, false, "", "" };
            strcpy(f.szName, t.szName);
        } else if (row.type == REC_SYSOBJ_INDEX || row.type == REC_SYSOBJ_LV) {
            if (row.objidTable != objidTable) {
                WARN("catalog row (%u, %u, %u) has no table row", row.objidTable, row.type, row.id);
                FAIL(JET_errCatalogCorrupted);
            }
            if (row.type == REC_SYSOBJ_INDEX) {
                struct rec_cat_index x;
                if (rec_cat_row_index(&row, &x) < 0)
                    FAIL(JET_errCatalogCorrupted);
                if (x.objid == objidTable)
                    continue;       /* the primary index is the table's own tree */
                f = (struct catalog_fdp){ x.pgnoFDP, x.objid, pgnoTable, objidTable, REC_SYSOBJ_INDEX, BT_TYPE_INDEX,
                                          !(x.fidb & REC_IDB_UNIQUE), "", "" };
                strcpy(f.szName, x.szName);
            } else {
                struct rec_cat_lv lv;
                if (rec_cat_row_lv(&row, &lv) < 0)
                    FAIL(JET_errCatalogCorrupted);
                f = (struct catalog_fdp){ lv.pgnoFDP, lv.objid, pgnoTable, objidTable, REC_SYSOBJ_LV, BT_TYPE_LV,
                                          false, "", "LV" };
            }
        } else {
            continue;
        }
        strcpy(f.szTable, szTable);
        if (n == nMax)
            CALL(grow((void **)&rg, n, &nMax, sizeof *rg));
        rg[n++] = f;
    }
    if (err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
out:
    bt_close(c);
    if (err < 0) {
        mem_free(rg);
        return err;
    }
    *prg = rg;
    *pc = n;
    return err;
}
