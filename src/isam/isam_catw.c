/* SPDX-License-Identifier: MIT
 * isam/isam_catw.c: writing the catalog inside a transaction (ESE's ErrCATInsert and
 * ErrCATAdd*, ErrCATDelete*, the MSysObjids and MSysLocales bookkeeping). Layer: isam.
 *
 * A catalog row lives in four places that must agree (catalog/README.md, and what
 * catalog_check_database verifies): MSysObjects keyed by Id (+ObjidTable +Type +Id), the same
 * bytes in MSysObjectsShadow unless the header turns shadowing off, its Name entry (+ObjidTable
 * +Type +Name -> Id key) and, for table rows, its RootObjects entry (+RootFlag +Name -> Id key).
 * Every change here goes through isam_node's transactional operations; a caller that fails part
 * way rolls back its transaction level and all four places go back together. Entries are computed
 * with the record layer's key code from the row bytes, exactly as the check recomputes them. */
#include "isam_wint.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

static const struct bt_tree_desc g_rgdescCat[4] = {
    { REC_CAT_PGNO_MSO, REC_CAT_OBJID_MSO, BT_TYPE_PRIMARY, false, REC_CB_KEY_MOST_OLD },
    { REC_CAT_PGNO_MSO_SHADOW, REC_CAT_OBJID_MSO_SHADOW, BT_TYPE_PRIMARY, false, REC_CB_KEY_MOST_OLD },
    { REC_CAT_PGNO_NAME_INDEX, REC_CAT_OBJID_NAME_INDEX, BT_TYPE_INDEX, false, REC_CB_KEY_MOST_OLD },
    { REC_CAT_PGNO_ROOT_INDEX, REC_CAT_OBJID_ROOT_INDEX, BT_TYPE_INDEX, false, REC_CB_KEY_MOST_OLD },
};

JET_ERR catw_open(struct isam_session *sess, struct isam_db *db, struct catw *pw)
{
    JET_ERR err;
    memset(pw, 0, sizeof *pw);
    pw->sess = sess;
    pw->db = db;
    pw->cbPage = db->cbPage;
    pw->fShadow = !(db->hdr.ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED);
    rec_cat_schema(db->cbPage, &pw->schemaMso);
    rec_sys_mso_index(REC_CAT_OBJID_MSO, 1, &pw->idxName);
    rec_sys_mso_index(REC_CAT_OBJID_MSO, 2, &pw->idxRoot);
    rec_cat_index_to_rec(&pw->idxName, &pw->recName);
    rec_cat_index_to_rec(&pw->idxRoot, &pw->recRoot);
    pw->pbRec = mem_alloc(db->cbPage);
    if (!pw->pbRec) return ERR_TRAP(JET_errOutOfMemory);
    err = catalog_open(db->btdb, &pw->cat);
    if (err < 0) {
        mem_free(pw->pbRec);
        pw->pbRec = NULL;
    }
    return err;
}

void catw_close(struct catw *pw)
{
    for (unsigned i = 0; i < ARRAY_SIZE(pw->rgc); i++)
        if (pw->rgc[i]) bt_close(pw->rgc[i]);
    if (pw->cat) catalog_close(pw->cat);
    mem_free(pw->pbRec);
    memset(pw, 0, sizeof *pw);
}

static JET_ERR cursor_of(struct catw *pw, enum catw_tree i, struct bt_cursor **ppc, struct isam_tree *pt)
{
    JET_ERR err;
    if (!pw->rgc[i]) CALL_R(bt_open(pw->db->btdb, &g_rgdescCat[i], &pw->rgc[i]));
    *ppc = pw->rgc[i];
    pt->db = pw->db;
    pt->desc = g_rgdescCat[i];
    return JET_errSuccess;
}

/* ---- a row's index entries ------------------------------------------------------------------ */

#define CATW_ENTRIES_MAX 4      /* a catalog row has at most one entry per index */
struct entries {
    uint8_t rgb[CATW_ENTRIES_MAX][REC_CB_KEY_MOST_OLD];
    uint32_t rgcb[CATW_ENTRIES_MAX];
    uint32_t c;
};
static JET_ERR entry_fn(void *pv, const uint8_t *pbKey, uint32_t cbKey)
{
    struct entries *pe = pv;
    if (pe->c == CATW_ENTRIES_MAX || cbKey > REC_CB_KEY_MOST_OLD) return ERR_TRAP(JET_errCatalogCorrupted);
    memcpy(pe->rgb[pe->c], pbKey, cbKey);
    pe->rgcb[pe->c++] = cbKey;
    return JET_errSuccess;
}
static JET_ERR row_entries(struct catw *pw, const uint8_t *pbRow, uint32_t cbRow, struct entries *pName,
        struct entries *pRoot)
{
    JET_ERR err;
    struct rec_view v;
    pName->c = pRoot->c = 0;
    CALL_R(rec_view_init(&v, pbRow, cbRow, pw->cbPage, 0));
    CALL_R(rec_key_enum_record(&pw->recName, &pw->schemaMso, &v, NULL, NULL, entry_fn, pName));
    CALL_R(rec_key_enum_record(&pw->recRoot, &pw->schemaMso, &v, NULL, NULL, entry_fn, pRoot));
    return JET_errSuccess;
}
static bool entries_have(const struct entries *pe, const uint8_t *pb, uint32_t cb)
{
    for (uint32_t i = 0; i < pe->c; i++)
        if (pe->rgcb[i] == cb && memcmp(pe->rgb[i], pb, cb) == 0) return true;
    return false;
}

static JET_ERR entries_insert(struct catw *pw, enum catw_tree itree, const struct entries *pe, const struct entries *pSkip,
        const uint8_t *pbId, uint32_t cbId)
{
    JET_ERR err;
    struct bt_cursor *c;
    struct isam_tree t;
    CALL_R(cursor_of(pw, itree, &c, &t));
    for (uint32_t i = 0; i < pe->c; i++) {
        if (pSkip && entries_have(pSkip, pe->rgb[i], pe->rgcb[i])) continue;
        CALL_R(isam_node_insert(pw->sess, c, &t, pe->rgb[i], pe->rgcb[i], pbId, cbId));
    }
    return JET_errSuccess;
}

static JET_ERR entries_delete(struct catw *pw, enum catw_tree itree, const struct entries *pe, const struct entries *pKeep)
{
    JET_ERR err;
    struct bt_cursor *c;
    struct isam_tree t;
    CALL_R(cursor_of(pw, itree, &c, &t));
    for (uint32_t i = 0; i < pe->c; i++) {
        if (pKeep && entries_have(pKeep, pe->rgb[i], pe->rgcb[i])) continue;
        err = bt_seek(c, BT_SEEK_EQ, pe->rgb[i], pe->rgcb[i], NULL, 0, 0);
        if (err == JET_errRecordNotFound) {
            WARN("catalog index entry missing (tree %u)", (unsigned)itree);
            return ERR_TRAP(JET_errCatalogCorrupted);
        }
        CALL_R(err);
        CALL_R(isam_node_flag_delete(pw->sess, c, &t));
    }
    return JET_errSuccess;
}

/* ---- rows ------------------------------------------------------------------------------------ */

JET_ERR catw_insert_row(struct catw *pw, uint32_t objidTable, uint16_t type, uint32_t id, const struct rec_buf *prow)
{
    JET_ERR err;
    uint8_t rgbId[16];
    struct bt_cursor *c;
    struct isam_tree t;
    struct entries *pName = NULL, *pRoot = NULL;
    const uint32_t cbId = rec_cat_key_id(objidTable, type, id, rgbId);

    pName = mem_alloc(2 * sizeof *pName);
    if (!pName) return ERR_TRAP(JET_errOutOfMemory);
    pRoot = pName + 1;
    CALL(row_entries(pw, prow->pb, prow->cb, pName, pRoot));
    CALL(cursor_of(pw, CATW_MSO, &c, &t));
    CALL(isam_node_insert(pw->sess, c, &t, rgbId, cbId, prow->pb, prow->cb));
    if (pw->fShadow) {
        CALL(cursor_of(pw, CATW_SHADOW, &c, &t));
        CALL(isam_node_insert(pw->sess, c, &t, rgbId, cbId, prow->pb, prow->cb));
    }
    CALL(entries_insert(pw, CATW_NAME, pName, NULL, rgbId, cbId));
    CALL(entries_insert(pw, CATW_ROOT, pRoot, NULL, rgbId, cbId));
out:
    mem_free(pName);
    return err;
}

/* Position the MSysObjects cursor on row Id; JET_errObjectNotFound when absent. */
static JET_ERR seek_row(struct catw *pw, enum catw_tree itree, const uint8_t *pbId, uint32_t cbId, struct bt_cursor **ppc,
        struct isam_tree *pt)
{
    JET_ERR err;
    CALL_R(cursor_of(pw, itree, ppc, pt));
    err = bt_seek(*ppc, BT_SEEK_EQ, pbId, cbId, NULL, 0, 0);
    if (err == JET_errRecordNotFound) return JET_errObjectNotFound;
    return err;
}

JET_ERR catw_read_row(struct catw *pw, uint32_t objidTable, uint16_t type, uint32_t id, struct rec_view *pv,
        struct rec_cat_row *prow)
{
    JET_ERR err;
    uint8_t rgbId[16];
    struct bt_cursor *c;
    struct isam_tree t;
    uint32_t cb;
    const uint32_t cbId = rec_cat_key_id(objidTable, type, id, rgbId);
    CALL_R(seek_row(pw, CATW_MSO, rgbId, cbId, &c, &t));
    const uint8_t *pb = bt_data(c, &cb);
    if (cb > pw->cbPage) return ERR_TRAP(JET_errCatalogCorrupted);
    memcpy(pw->pbRec, pb, cb);
    CALL_R(rec_view_init(pv, pw->pbRec, cb, pw->cbPage, 0));
    err = rec_cat_row_decode(pv, prow);
    return err < 0 ? err : JET_errSuccess;
}

JET_ERR catw_delete_row(struct catw *pw, uint32_t objidTable, uint16_t type, uint32_t id)
{
    JET_ERR err;
    uint8_t rgbId[16];
    struct bt_cursor *c;
    struct isam_tree t;
    struct entries *pName = NULL, *pRoot = NULL;
    uint32_t cb;
    const uint32_t cbId = rec_cat_key_id(objidTable, type, id, rgbId);

    pName = mem_alloc(2 * sizeof *pName);
    if (!pName) return ERR_TRAP(JET_errOutOfMemory);
    pRoot = pName + 1;
    CALL(seek_row(pw, CATW_MSO, rgbId, cbId, &c, &t));
    const uint8_t *pb = bt_data(c, &cb);
    if (cb > pw->cbPage) FAIL(JET_errCatalogCorrupted);
    memcpy(pw->pbRec, pb, cb);
    CALL(row_entries(pw, pw->pbRec, cb, pName, pRoot));
    CALL(isam_node_flag_delete(pw->sess, c, &t));
    if (pw->fShadow) {
        err = seek_row(pw, CATW_SHADOW, rgbId, cbId, &c, &t);
        if (err == JET_errObjectNotFound) FAIL(JET_errCatalogCorrupted);
        CALL(err);
        CALL(isam_node_flag_delete(pw->sess, c, &t));
    }
    CALL(entries_delete(pw, CATW_NAME, pName, NULL));
    CALL(entries_delete(pw, CATW_ROOT, pRoot, NULL));
out:
    mem_free(pName);
    return err;
}

JET_ERR catw_replace_row(struct catw *pw, uint32_t objidTable, uint16_t type, uint32_t id, const struct rec_buf *prow)
{
    JET_ERR err;
    uint8_t rgbId[16];
    struct bt_cursor *c;
    struct isam_tree t;
    struct entries *rg = NULL;
    uint32_t cb;
    const uint32_t cbId = rec_cat_key_id(objidTable, type, id, rgbId);

    rg = mem_alloc(4 * sizeof *rg);      /* old Name, old Root, new Name, new Root */
    if (!rg) return ERR_TRAP(JET_errOutOfMemory);
    CALL(row_entries(pw, prow->pb, prow->cb, &rg[2], &rg[3]));
    CALL(seek_row(pw, CATW_MSO, rgbId, cbId, &c, &t));
    const uint8_t *pb = bt_data(c, &cb);
    if (cb > pw->cbPage) FAIL(JET_errCatalogCorrupted);
    CALL(row_entries(pw, pb, cb, &rg[0], &rg[1]));
    CALL(isam_node_replace(pw->sess, c, &t, prow->pb, prow->cb));
    if (pw->fShadow) {
        err = seek_row(pw, CATW_SHADOW, rgbId, cbId, &c, &t);
        if (err == JET_errObjectNotFound) FAIL(JET_errCatalogCorrupted);
        CALL(err);
        CALL(isam_node_replace(pw->sess, c, &t, prow->pb, prow->cb));
    }
    CALL(entries_delete(pw, CATW_NAME, &rg[0], &rg[2]));
    CALL(entries_delete(pw, CATW_ROOT, &rg[1], &rg[3]));
    CALL(entries_insert(pw, CATW_NAME, &rg[2], &rg[0], rgbId, cbId));
    CALL(entries_insert(pw, CATW_ROOT, &rg[3], &rg[1], rgbId, cbId));
out:
    mem_free(rg);
    return err;
}

/* ---- typed rows (ESE's ErrCATAdd*) ---------------------------------------------------------- */

static JET_ERR dup_as(JET_ERR err, JET_ERR errDup)
{
    return err == JET_errKeyDuplicate ? ERR_TRAP(errDup) : err;
}

JET_ERR catw_add_table(struct catw *pw, const struct rec_cat_table *pt)
{
    JET_ERR err;
    struct rec_buf rb = { pw->pbRec, 0, pw->cbPage };
    CALL_R(rec_cat_encode_table(pt, pw->cbPage, &rb));
    CALL_R(dup_as(catw_insert_row(pw, pt->objid, REC_SYSOBJ_TABLE, pt->objid, &rb), JET_errTableDuplicate));
    return catw_objids_insert(pw, pt->objid, pt->objid, REC_SYSOBJ_TABLE);
}

JET_ERR catw_add_column(struct catw *pw, const struct rec_cat_column *pc)
{
    JET_ERR err;
    struct rec_buf rb = { pw->pbRec, 0, pw->cbPage };
    CALL_R(rec_cat_encode_column(pc, pw->cbPage, &rb));
    return dup_as(catw_insert_row(pw, pc->objidTable, REC_SYSOBJ_COLUMN, pc->fid, &rb), JET_errColumnDuplicate);
}

JET_ERR catw_add_index(struct catw *pw, const struct rec_cat_index *pi)
{
    JET_ERR err;
    struct rec_buf rb = { pw->pbRec, 0, pw->cbPage };
    CALL_R(rec_cat_encode_index(pi, pw->cbPage, &rb));
    CALL_R(dup_as(catw_insert_row(pw, pi->objidTable, REC_SYSOBJ_INDEX, pi->objid, &rb), JET_errIndexDuplicate));
    /* The primary index is its table's tree: no row of its own in MSysObjids. */
    if (pi->objid == pi->objidTable) return JET_errSuccess;
    return catw_objids_insert(pw, pi->objid, pi->objidTable, REC_SYSOBJ_INDEX);
}

JET_ERR catw_add_lv(struct catw *pw, const struct rec_cat_lv *plv)
{
    JET_ERR err;
    struct rec_buf rb = { pw->pbRec, 0, pw->cbPage };
    CALL_R(rec_cat_encode_lv(plv, pw->cbPage, &rb));
    CALL_R(catw_insert_row(pw, plv->objidTable, REC_SYSOBJ_LV, plv->objid, &rb));
    return catw_objids_insert(pw, plv->objid, plv->objidTable, REC_SYSOBJ_LV);
}

JET_ERR catw_add_callback(struct catw *pw, const struct rec_cat_callback *pcb)
{
    JET_ERR err;
    struct rec_buf rb = { pw->pbRec, 0, pw->cbPage };
    CALL_R(rec_cat_encode_callback(pcb, pw->cbPage, &rb));
    return catw_insert_row(pw, pcb->objidTable, REC_SYSOBJ_CALLBACK, REC_SYSOBJ_CALLBACK, &rb);
}

/* ---- MSysObjids and MSysLocales --------------------------------------------------------------- */

/* A system table as a record-layer table (definition loaded from the catalog), with a cursor on
 * its tree. JET_errObjectNotFound: the database does not have it (older databases). */
struct systab {
    struct catalog_table *pt;
    struct bt_cursor *c;
    struct isam_tree t;
};
static JET_ERR systab_open(struct catw *pw, const char *szName, struct systab *ps)
{
    JET_ERR err;
    memset(ps, 0, sizeof *ps);
    CALL_R(catalog_load_table(pw->cat, szName, &ps->pt));
    if (ps->pt->iidxPrimary < 0) {
        catalog_table_free(ps->pt);
        ps->pt = NULL;
        return ERR_TRAP(JET_errCatalogCorrupted);
    }
    ps->t.db = pw->db;
    ps->t.desc = (struct bt_tree_desc){ ps->pt->table.pgnoFDP, ps->pt->table.objid, BT_TYPE_PRIMARY, false,
                                        ps->pt->rgrecidx[ps->pt->iidxPrimary].cbKeyMost };
    err = bt_open(pw->db->btdb, &ps->t.desc, &ps->c);
    if (err < 0) {
        catalog_table_free(ps->pt);
        ps->pt = NULL;
    }
    return err;
}
static void systab_close(struct systab *ps)
{
    if (ps->c) bt_close(ps->c);
    catalog_table_free(ps->pt);
}

struct key1 {
    uint8_t rgb[JET_cbKeyMostMost];
    uint32_t cb, c;
};
static JET_ERR key1_fn(void *pv, const uint8_t *pbKey, uint32_t cbKey)
{
    struct key1 *pk = pv;
    if (pk->c++ || cbKey > sizeof pk->rgb) return ERR_TRAP(JET_errInternalError);
    memcpy(pk->rgb, pbKey, cbKey);
    pk->cb = cbKey;
    return JET_errSuccess;
}
/* The primary key of a record of a system table. */
static JET_ERR systab_key(struct catw *pw, struct systab *ps, const struct rec_buf *prb, struct key1 *pk)
{
    JET_ERR err;
    struct rec_view v;
    pk->c = pk->cb = 0;
    CALL_R(rec_view_init(&v, prb->pb, prb->cb, pw->cbPage, 0));
    CALL_R(rec_key_enum_record(&ps->pt->rgrecidx[ps->pt->iidxPrimary], &ps->pt->schema, &v, NULL, NULL, key1_fn, pk));
    return pk->c == 1 ? JET_errSuccess : ERR_TRAP(JET_errInternalError);
}

JET_ERR catw_objids_insert(struct catw *pw, uint32_t objid, uint32_t objidTable, uint16_t type)
{
    JET_ERR err;
    struct systab s;
    struct key1 k;
    uint8_t rgb[64];
    struct rec_buf rb = { rgb, 0, sizeof rgb };
    err = systab_open(pw, CATALOG_SZ_MSYSOBJIDS, &s);
    if (err == JET_errObjectNotFound) return JET_errSuccess;
    CALL_R(err);
    CALL(rec_sys_objids_row(objid, objidTable, type, pw->cbPage, &rb));
    CALL(systab_key(pw, &s, &rb, &k));
    CALL(isam_node_insert(pw->sess, s.c, &s.t, k.rgb, k.cb, rb.pb, rb.cb));
out:
    systab_close(&s);
    return err;
}

JET_ERR catw_objids_delete(struct catw *pw, uint32_t objid)
{
    JET_ERR err;
    struct systab s;
    struct key1 k;
    uint8_t rgb[64];
    struct rec_buf rb = { rgb, 0, sizeof rgb };
    err = systab_open(pw, CATALOG_SZ_MSYSOBJIDS, &s);
    if (err == JET_errObjectNotFound) return JET_errSuccess;
    CALL_R(err);
    CALL(rec_sys_objids_row(objid, 0, 0, pw->cbPage, &rb));
    CALL(systab_key(pw, &s, &rb, &k));
    err = bt_seek(s.c, BT_SEEK_EQ, k.rgb, k.cb, NULL, 0, 0);
    if (err == JET_errRecordNotFound) {
        err = JET_errSuccess;       /* ESE tolerates a missing row (ErrCATPossiblyDeleteMSObjidsRecord) */
        goto out;
    }
    CALL(err);
    CALL(isam_node_flag_delete(pw->sess, s.c, &s.t));
out:
    systab_close(&s);
    return err;
}

JET_ERR catw_locales_adjust(struct catw *pw, const ESENT_WCHAR *wszKey, int32_t delta)
{
    JET_ERR err;
    struct systab s;
    struct key1 k;
    uint8_t *pb = NULL;
    err = systab_open(pw, CATALOG_SZ_MSYSLOCALES, &s);
    if (err == JET_errObjectNotFound) return JET_errSuccess;
    CALL_R(err);
    pb = mem_alloc(pw->cbPage);
    if (!pb) FAIL(JET_errOutOfMemory);
    struct rec_buf rb = { pb, 0, pw->cbPage };
    CALL(rec_sys_locales_row(wszKey, 2, delta, pw->cbPage, &rb));
    CALL(systab_key(pw, &s, &rb, &k));
    err = bt_seek(s.c, BT_SEEK_EQ, k.rgb, k.cb, NULL, 0, 0);
    if (err == JET_errRecordNotFound) {
        CALL(isam_node_insert(pw->sess, s.c, &s.t, k.rgb, k.cb, rb.pb, rb.cb));
        goto out;
    }
    CALL(err);
    /* iValue is an escrow column (fid 2): ESE adjusts it with an escrow update. */
    uint32_t cbRec;
    const uint8_t *pbRec = bt_data(s.c, &cbRec);
    struct rec_view v;
    CALL(rec_view_init(&v, pbRec, cbRec, pw->cbPage, 0));
    const struct rec_column *pc = rec_schema_find(&s.pt->schema, 2);
    if (!pc || pc->coltyp != JET_coltypLong || v.fidFixedLast < 2) FAIL(JET_errCatalogCorrupted);
    CALL(isam_node_delta(pw->sess, s.c, &s.t, pc->ibRecordOffset, 4, delta, 0, NULL));
out:
    mem_free(pb);
    systab_close(&s);
    return err;
}
