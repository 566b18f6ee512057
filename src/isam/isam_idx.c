/* SPDX-License-Identifier: MIT
 * isam/isam_idx.c: a table as its writers see it, and the maintenance of its indexes (ESE's
 * ErrRECIInsert/ErrRECIReplace index part: ErrRECIAddToIndex, ErrRECIDeleteFromIndex,
 * ErrRECIReplaceInIndex). Layer: isam.
 *
 * Index entries of a record are the record layer's (rec_key_enum_record: conditional columns,
 * multi-values one entry per value or per combination, tuples, the NULL rules); a secondary
 * index node is (index key -> the record's primary bookmark), unique indexes keyed by the index
 * key alone (a second record with the same key is JET_errKeyDuplicate), non-unique ones by
 * (key, bookmark). A replace touches only the entries that differ between the old and new
 * record. Every node change goes through isam_node (transactional, undoable). */
#include "isam_wint.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

/* The trees of a table whose definition pwt->pt holds. */
static JET_ERR wtable_init(struct isam_db *db, struct isam_wtable *pwt)
{
    JET_ERR err;
    const struct catalog_table *pt = pwt->pt;
    pwt->db = db;
    CALL_R(isam_tstate_get(db, pt->table.objid, &pwt->ts));
    uint32_t cbKeyMostPrimary = 4;
    if (pt->iidxPrimary >= 0) cbKeyMostPrimary = pt->rgidx[pt->iidxPrimary].cbKeyMost;
    pwt->tData.db = db;
    pwt->tData.desc = (struct bt_tree_desc){ pt->table.pgnoFDP, pt->table.objid, BT_TYPE_PRIMARY, false,
                                             MAX(cbKeyMostPrimary, (uint32_t)REC_CB_KEY_MOST_OLD) };
    pwt->cbRecordMost = rec_cb_record_most(db->cbPage, cbKeyMostPrimary);
    if (pt->cidx) {
        pwt->rgtIdx = mem_calloc(pt->cidx, sizeof *pwt->rgtIdx);
        pwt->rgcIdx = mem_calloc(pt->cidx, sizeof *pwt->rgcIdx);
        if (!pwt->rgtIdx || !pwt->rgcIdx) return ERR_TRAP(JET_errOutOfMemory);
    }
    for (uint32_t i = 0; i < pt->cidx; i++) {
        const struct rec_cat_index *pi = &pt->rgidx[i];
        pwt->rgtIdx[i].db = db;
        if ((int32_t)i == pt->iidxPrimary) {
            pwt->rgtIdx[i].desc = pwt->tData.desc;
        } else {
            pwt->rgtIdx[i].desc = (struct bt_tree_desc){ pi->pgnoFDP, pi->objid, BT_TYPE_INDEX,
                                                         !(pi->fidb & REC_IDB_UNIQUE), MAX(pi->cbKeyMost, 255u) };
        }
    }
    pwt->cbLVChunkMost = pt->table.cbLVChunkMax ? pt->table.cbLVChunkMax : rec_lv_chunk_most(db->cbPage);
    if (pt->fLV) {
        pwt->fLV = true;
        pwt->tLV.db = db;
        pwt->tLV.desc =
            (struct bt_tree_desc){ pt->lv.pgnoFDP, pt->lv.objid, BT_TYPE_LV, false, ISAM_LV_CB_KEY_MOST };
    }
    return JET_errSuccess;
}

JET_ERR isam_wtable_open(struct isam_db *db, uint32_t objidTable, struct isam_wtable **ppwt)
{
    JET_ERR err;
    struct catalog *cat = NULL;
    struct catalog_table *pt = NULL;

    *ppwt = NULL;
    CALL_R(catalog_open(db->btdb, &cat));
    err = catalog_load_table_objid(cat, objidTable, &pt);
    catalog_close(cat);
    CALL_R(err);
    return isam_wtable_open_def(db, pt, false, ppwt);
}

JET_ERR isam_wtable_open_def(struct isam_db *db, struct catalog_table *pt, bool fBorrowed, struct isam_wtable **ppwt)
{
    JET_ERR err;
    struct isam_wtable *pwt = mem_calloc(1, sizeof *pwt);
    *ppwt = NULL;
    if (!pwt) {
        if (!fBorrowed) catalog_table_free(pt);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    pwt->pt = pt;
    pwt->fBorrowedDef = fBorrowed;
    err = wtable_init(db, pwt);
    if (err < 0) {
        isam_wtable_close(pwt);
        return err;
    }
    *ppwt = pwt;
    return JET_errSuccess;
}

void isam_wtable_close(struct isam_wtable *pwt)
{
    if (!pwt) return;
    if (pwt->cData) bt_close(pwt->cData);
    if (pwt->cLV) bt_close(pwt->cLV);
    for (uint32_t i = 0; pwt->rgcIdx && i < pwt->pt->cidx; i++)
        if (pwt->rgcIdx[i]) bt_close(pwt->rgcIdx[i]);
    mem_free(pwt->rgcIdx);
    mem_free(pwt->rgtIdx);
    if (!pwt->fBorrowedDef) catalog_table_free(pwt->pt);
    mem_free(pwt);
}

JET_ERR isam_wtable_cursor(struct isam_wtable *pwt, int iidx, struct bt_cursor **ppc, struct isam_tree **ppt)
{
    JET_ERR err;
    if (iidx == ISAM_WT_DATA || iidx == pwt->pt->iidxPrimary) {
        if (!pwt->cData) CALL_R(bt_open(pwt->db->btdb, &pwt->tData.desc, &pwt->cData));
        *ppc = pwt->cData;
        *ppt = &pwt->tData;
        return JET_errSuccess;
    }
    if (iidx < 0 || (uint32_t)iidx >= pwt->pt->cidx) return ERR_TRAP(JET_errInternalError);
    if (!pwt->rgcIdx[iidx]) CALL_R(bt_open(pwt->db->btdb, &pwt->rgtIdx[iidx].desc, &pwt->rgcIdx[iidx]));
    *ppc = pwt->rgcIdx[iidx];
    *ppt = &pwt->rgtIdx[iidx];
    return JET_errSuccess;
}

/* ---- key sets ------------------------------------------------------------------------------------ */

void isam_keyset_free(struct isam_keyset *pks)
{
    mem_free(pks->pb);
    mem_free(pks->rgib);
    memset(pks, 0, sizeof *pks);
}

bool isam_keyset_has(const struct isam_keyset *pks, const uint8_t *pb, uint32_t cb)
{
    if (!pks) return false;
    for (uint32_t i = 0; i < pks->c; i++)
        if (pks->rgcb[i] == cb && memcmp(pks->pb + pks->rgib[i], pb, cb) == 0) return true;
    return false;
}

static JET_ERR keyset_add(void *pv, const uint8_t *pbKey, uint32_t cbKey)
{
    struct isam_keyset *pks = pv;
    if (pks->c == pks->cMax) {
        uint32_t cMax = pks->cMax ? 2 * pks->cMax : 8;
        uint32_t *rg = mem_realloc(pks->rgib, 2 * (size_t)cMax * sizeof *rg);
        if (!rg) return ERR_TRAP(JET_errOutOfMemory);
        /* rgcb lives in the second half */
        memmove(rg + cMax, rg + pks->cMax, pks->c * sizeof *rg);
        pks->rgib = rg;
        pks->rgcb = rg + cMax;
        pks->cMax = cMax;
    }
    if (pks->cb + cbKey > pks->cbMax) {
        uint32_t cbMax = MAX(2 * pks->cbMax, pks->cb + cbKey + 256);
        uint8_t *pb = mem_realloc(pks->pb, cbMax);
        if (!pb) return ERR_TRAP(JET_errOutOfMemory);
        pks->pb = pb;
        pks->cbMax = cbMax;
    }
    memcpy(pks->pb + pks->cb, pbKey, cbKey);
    pks->rgib[pks->c] = pks->cb;
    pks->rgcb[pks->c++] = cbKey;
    pks->cb += cbKey;
    return JET_errSuccess;
}

/* The record layer asks for the first bytes of a separated value. */
static JET_ERR lv_fetch(void *pvCtx, uint64_t lid, uint8_t *pb, uint32_t cbMax, uint32_t *pcbActual)
{
    uint32_t cbRead;
    return isam_lv_read(pvCtx, lid, 0, pb, cbMax, &cbRead, pcbActual);
}

/* ErrRECIRetrieveKey's NULL check for DisallowNull indexes: the record is in the index (its
 * conditional columns agree) and some key column's first value is NULL. */
static JET_ERR check_no_null_seg(const struct rec_index *pidx, const struct rec_schema *ps, const struct rec_view *prv)
{
    JET_ERR err;
    struct rec_value v;
    for (uint32_t i = 0; i < pidx->csegConditional; i++) {
        const struct rec_column *pc = rec_schema_find_col(ps, pidx->rgsegConditional[i].fid,
                                                          pidx->rgsegConditional[i].fFlags & REC_IDXSEG_TEMPLATE);
        if (!pc) return ERR_TRAP(JET_errDatabaseCorrupted);
        CALL_R(rec_retrieve(prv, ps, pc, 1, &v));
        if ((err == JET_wrnColumnNull) != ((pidx->rgsegConditional[i].fFlags & REC_IDXSEG_MUST_BE_NULL) != 0))
            return JET_errSuccess;
    }
    for (uint32_t i = 0; i < pidx->cseg; i++) {
        const struct rec_column *pc = rec_schema_find_col(ps, pidx->rgseg[i].fid, pidx->rgseg[i].fFlags & REC_IDXSEG_TEMPLATE);
        if (!pc) return ERR_TRAP(JET_errDatabaseCorrupted);
        CALL_R(rec_retrieve(prv, ps, pc, 1, &v));
        if (err == JET_wrnColumnNull) return ERR_TRAP(JET_errNullKeyDisallowed);
    }
    return JET_errSuccess;
}

JET_ERR isam_idx_keys(struct isam_wtable *pwt, uint32_t iidx, const struct rec_view *prv, struct isam_keyset *pks)
{
    JET_ERR err;
    const struct rec_index *pidx = &pwt->pt->rgrecidx[iidx];
    pks->c = pks->cb = 0;
    if (pidx->fidb & REC_IDB_NO_NULL_SEG) CALL_R(check_no_null_seg(pidx, &pwt->pt->schema, prv));
    err = rec_key_enum_record(pidx, &pwt->pt->schema, prv, lv_fetch, pwt, keyset_add, pks);
    if (err == JET_errKeyTruncated) return err;
    return err < 0 ? err : JET_errSuccess;
}

JET_ERR isam_idx_primary_key(struct isam_wtable *pwt, const struct rec_view *prv, uint8_t *pbKey, uint32_t *pcbKey)
{
    JET_ERR err;
    struct isam_keyset ks = { 0 };
    if (pwt->pt->iidxPrimary < 0) return ERR_TRAP(JET_errInternalError);
    CALL(isam_idx_keys(pwt, (uint32_t)pwt->pt->iidxPrimary, prv, &ks));
    /* A primary index gives exactly one key (its definition allows neither multi-values nor
     * ignored NULLs); anything else is a catalog we do not understand. */
    if (ks.c != 1) FAIL(JET_errIndexInvalidDef);
    memcpy(pbKey, ks.pb, ks.rgcb[0]);
    *pcbKey = ks.rgcb[0];
out:
    isam_keyset_free(&ks);
    return err;
}

JET_ERR isam_idx_add(struct isam_session *sess, struct isam_wtable *pwt, uint32_t iidx, const struct isam_keyset *pks,
        const struct isam_keyset *pksSkip, const uint8_t *pbBm, uint32_t cbBm)
{
    JET_ERR err;
    struct bt_cursor *c;
    struct isam_tree *pt;
    CALL_R(isam_wtable_cursor(pwt, (int)iidx, &c, &pt));
    for (uint32_t i = 0; i < pks->c; i++) {
        const uint8_t *pbKey = pks->pb + pks->rgib[i];
        if (isam_keyset_has(pksSkip, pbKey, pks->rgcb[i])) continue;
        CALL_R(isam_node_insert(sess, c, pt, pbKey, pks->rgcb[i], pbBm, cbBm));
    }
    return JET_errSuccess;
}

JET_ERR isam_idx_remove(struct isam_session *sess, struct isam_wtable *pwt, uint32_t iidx, const struct isam_keyset *pks,
        const struct isam_keyset *pksSkip, const uint8_t *pbBm, uint32_t cbBm)
{
    JET_ERR err;
    struct bt_cursor *c;
    struct isam_tree *pt;
    CALL_R(isam_wtable_cursor(pwt, (int)iidx, &c, &pt));
    for (uint32_t i = 0; i < pks->c; i++) {
        const uint8_t *pbKey = pks->pb + pks->rgib[i];
        if (isam_keyset_has(pksSkip, pbKey, pks->rgcb[i])) continue;
        err = bt_seek(c, BT_SEEK_EQ, pbKey, pks->rgcb[i], pt->desc.fNonUnique ? pbBm : NULL,
                      pt->desc.fNonUnique ? cbBm : 0, 0);
        if (err == JET_errRecordNotFound) {
            /* ESE reports the index corrupt (RECIReportIndexCorruption). */
            WARN("index entry of a record missing (index objid %u)", pt->desc.objid);
            return ERR_TRAP(JET_errSecondaryIndexCorrupted);
        }
        CALL_R(err);
        if (!pt->desc.fNonUnique) {
            uint32_t cbData;
            const uint8_t *pbData = bt_data(c, &cbData);
            if (cbData != cbBm || memcmp(pbData, pbBm, cbBm) != 0) return ERR_TRAP(JET_errSecondaryIndexCorrupted);
        }
        CALL_R(isam_node_flag_delete(sess, c, pt));
    }
    return JET_errSuccess;
}

JET_ERR isam_idx_record(struct isam_session *sess, struct isam_wtable *pwt, const struct rec_view *prvOld,
        const struct rec_view *prvNew, const uint8_t *pbBm, uint32_t cbBm)
{
    JET_ERR err = JET_errSuccess;
    struct isam_keyset ksOld = { 0 }, ksNew = { 0 };
    for (uint32_t i = 0; i < pwt->pt->cidx; i++) {
        if ((int32_t)i == pwt->pt->iidxPrimary) continue;
        if (prvOld) CALL(isam_idx_keys(pwt, i, prvOld, &ksOld));
        if (prvNew) CALL(isam_idx_keys(pwt, i, prvNew, &ksNew));
        /* Entries out first, so a key that moves between records of a unique index in one
         * replace does not collide with itself. */
        if (prvOld) CALL(isam_idx_remove(sess, pwt, i, &ksOld, prvNew ? &ksNew : NULL, pbBm, cbBm));
        if (prvNew) CALL(isam_idx_add(sess, pwt, i, &ksNew, prvOld ? &ksOld : NULL, pbBm, cbBm));
    }
out:
    isam_keyset_free(&ksOld);
    isam_keyset_free(&ksNew);
    return err;
}
