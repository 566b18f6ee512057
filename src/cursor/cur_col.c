/* SPDX-License-Identifier: MIT
 * cursor/cur_col.c: column values of the current record: JetRetrieveColumn(s) with every option,
 * JetEnumerateColumns, JetGetRecordSize, and reading long values from the table's LV tree.
 * Layer: cursor (uses catalog, record, btree, ver, os, base).
 *
 * Values come from the record as the cursor's reader sees it (cur_record) or, with
 * JET_bitRetrieveCopy while an update is prepared, from the write path's copy buffer. The record
 * layer decodes (rec_retrieve applies defaults); this file fetches separated long values chunk
 * by chunk, decompresses, cuts at ibLongValue and fills the caller's buffer with ESE's
 * truncation rules. */
#include "cur_int.h"
#include <stdlib.h>

DEBUG_CHANNEL(cursor);

/* ============================================================== columns ================= */

const struct rec_column *cur_column(const struct cursor *c, JET_COLUMNID columnid)
{
    const uint32_t fid = columnid & ~REC_COLUMNID_TEMPLATE;
    if (fid == 0 || fid > REC_FID_TAGGED_LAST)
        return NULL;
    const struct rec_column *pc = rec_schema_find_col(cur_schema(c), fid, (columnid & REC_COLUMNID_TEMPLATE) != 0);
    if (!pc || pc->coltyp == JET_coltypNil)
        return NULL;
    return pc;
}

const struct rec_cat_column *cur_column_def(const struct cursor *c, JET_COLUMNID columnid)
{
    const uint32_t fid = columnid & ~REC_COLUMNID_TEMPLATE;
    if (c->mem || !c->td)
        return NULL;
    const struct catalog_table *pt = c->td->pt;
    for (uint32_t i = 0; i < pt->ccol; i++)
        if (pt->rgcol[i].fid == fid && pt->rgcol[i].coltyp != JET_coltypNil)
            return &pt->rgcol[i];
    return NULL;
}

/* The record a read uses: the copy buffer (JET_bitRetrieveCopy while an update is prepared) or
 * the current record. */
static JET_ERR get_record(struct cursor *c, bool fCopy, const uint8_t **ppb, uint32_t *pcb)
{
    if (fCopy && c->fUpdatePrepared && c->pbCopy) {
        *ppb = c->pbCopy;
        *pcb = c->cbCopy;
        return JET_errSuccess;
    }
    return cur_record(c, ppb, pcb);
}

/* The view of the record a read uses in *ppv: the cursor's own (viewRec) for the current record,
 * else *pvLocal. */
static JET_ERR view_ref(struct cursor *c, bool fCopy, struct rec_view *pvLocal, const struct rec_view **ppv)
{
    JET_ERR err;
    const uint8_t *pb;
    uint32_t cb;
    CALL_R(get_record(c, fCopy, &pb, &cb));
    const bool fCurrent = !c->mem && pb == c->rec.pb;
    if (fCurrent && c->fViewRec && c->viewRec.pb == pb && c->viewRec.cb == cb) {
        *ppv = &c->viewRec;
        return JET_errSuccess;
    }
    CALL_R(rec_view_init(pvLocal, pb, cb, cur_cbpage(c), 0));
    *ppv = pvLocal;
    if (fCurrent) {
        c->viewRec = *pvLocal;
        c->fViewRec = true;
        *ppv = &c->viewRec;
    }
    return JET_errSuccess;
}

static JET_ERR get_view(struct cursor *c, bool fCopy, struct rec_view *pv)
{
    JET_ERR err;
    const struct rec_view *pvRef;
    CALL_R(view_ref(c, fCopy, pv, &pvRef));
    if (pvRef != pv)
        *pv = *pvRef;
    return JET_errSuccess;
}

/* ============================================================== long values ============= */

static JET_ERR lv_open(struct cursor *c)
{
    if (c->btLV)
        return JET_errSuccess;
    if (c->mem || !c->td->fLV) {
        WARN("a record names a separated long value but the table has no LV tree");
        return ERR_TRAP(JET_errDatabaseCorrupted);
    }
    return bt_open(c->pt->cdb->btdb, &c->td->descLV, &c->btLV);
}

JET_ERR cur_lv_root(struct cursor *c, uint64_t lid, struct rec_lvroot *proot)
{
    JET_ERR err;
    uint8_t rgbKey[16];
    bool fVisible;
    const uint8_t *pbData;
    uint32_t cbData;
    void *pvFree = NULL;

    CALL_R(lv_open(c));
    const uint32_t cbKey = rec_lv_key_root(rgbKey, lid);
    err = bt_seek(c->btLV, BT_SEEK_EQ, rgbKey, cbKey, NULL, 0, BT_DELETED_TOO);
    if (err == JET_errRecordNotFound) {
        WARN("long value %llu is not in the LV tree", (unsigned long long)lid);
        return ERR_TRAP(JET_errDatabaseCorrupted);
    }
    CALL_R(err);
    CALL_R(cur_node_view(c, c->btLV, &c->td->descLV, &fVisible, &pbData, &cbData, &pvFree));
    if (!fVisible) {
        mem_free(pvFree);
        WARN("long value %llu is not visible", (unsigned long long)lid);
        return ERR_TRAP(JET_errDatabaseCorrupted);
    }
    err = rec_lv_root_parse(pbData, cbData, proot);
    mem_free(pvFree);
    return err;
}

JET_ERR cur_lv_read(struct cursor *c, uint64_t lid, uint32_t ib, void *pv, uint32_t cbMax, uint32_t *pcbActual)
{
    JET_ERR err;
    struct rec_lvroot root;
    uint8_t rgbKey[16];
    uint8_t *pbChunk = NULL;

    *pcbActual = 0;
    CALL_R(cur_lv_root(c, lid, &root));
    const uint32_t cbLV = root.ulSize;
    *pcbActual = ib < cbLV ? cbLV - ib : 0;
    uint32_t cbWant = MIN(cbMax, *pcbActual);
    if (cbWant == 0)
        return JET_errSuccess;
    if (root.fFlags & REC_LVROOT_ENCRYPTED)
        return ERR_TRAP(JET_errColumnNoEncryptionKey);
    const uint32_t cbChunkMost = c->td->cbLVChunkMost;
    uint32_t ibChunk = ib - ib % cbChunkMost;
    uint8_t *pbOut = pv;
    uint32_t ibOut = 0;
    const uint32_t cbKey = rec_lv_key_chunk(rgbKey, lid, ibChunk);
    err = bt_seek(c->btLV, BT_SEEK_EQ, rgbKey, cbKey, NULL, 0, BT_DELETED_TOO);
    if (err == JET_errRecordNotFound)
        err = ERR_TRAP(JET_errDatabaseCorrupted);
    while (err >= 0 && ibOut < cbWant) {
        bool fVisible, fRoot, fCompressed;
        const uint8_t *pbData;
        uint32_t cbData, cbK, ibOffset;
        uint64_t lidNode;
        void *pvFree = NULL;
        const uint8_t *pbK = bt_key(c->btLV, &cbK);
        CALL(rec_lv_key_parse(pbK, cbK, &lidNode, &fRoot, &ibOffset));
        if (lidNode != lid || fRoot || ibOffset != ibChunk) {
            WARN("long value %llu: chunk at %u missing", (unsigned long long)lid, ibChunk);
            FAIL(JET_errDatabaseCorrupted);
        }
        CALL(cur_node_view(c, c->btLV, &c->td->descLV, &fVisible, &pbData, &cbData, &pvFree));
        if (!fVisible) {
            mem_free(pvFree);
            FAIL(JET_errDatabaseCorrupted);
        }
        const uint32_t cbLogical = MIN(cbChunkMost, cbLV - ibChunk);
        err = rec_lv_chunk_is_compressed(cbChunkMost, ibChunk, cbData, cbLV, &fCompressed);
        if (err >= 0 && fCompressed) {
            uint32_t cbOut;
            if (!pbChunk)
                pbChunk = mem_alloc(cbChunkMost);
            if (!pbChunk)
                err = ERR_TRAP(JET_errOutOfMemory);
            if (err >= 0)
                err = rec_decompress(pbData, cbData, pbChunk, cbLogical, &cbOut);
            if (err >= 0 && cbOut != cbLogical)
                err = ERR_TRAP(JET_errDatabaseCorrupted);
            pbData = pbChunk;
        } else if (err >= 0 && cbData != cbLogical) {
            err = ERR_TRAP(JET_errDatabaseCorrupted);
        }
        if (err >= 0) {
            /* the part of [ibChunk, ibChunk + cbLogical) that [ib + ibOut, ib + cbWant) covers */
            const uint32_t ibFrom = ib + ibOut - ibChunk;
            const uint32_t cbCopy = MIN(cbLogical - ibFrom, cbWant - ibOut);
            memcpy(pbOut + ibOut, pbData + ibFrom, cbCopy);
            ibOut += cbCopy;
        }
        mem_free(pvFree);
        CALL(err);
        ibChunk += cbLogical;
        if (ibOut < cbWant) {
            err = bt_move_next(c->btLV, BT_DELETED_TOO);
            if (err == JET_errNoCurrentRecord)
                err = ERR_TRAP(JET_errDatabaseCorrupted);
        }
    }
out:
    mem_free(pbChunk);
    return err < 0 ? err : JET_errSuccess;
}

JET_ERR cur_value_fetch(struct cursor *c, const struct rec_value *pval, uint8_t **ppb, uint32_t *pcb)
{
    JET_ERR err;
    uint8_t *pb = NULL;
    uint32_t cb = 0;
    *ppb = NULL;
    *pcb = 0;
    if (pval->fFlags & REC_VALUE_ENCRYPTED)
        return ERR_TRAP(JET_errColumnNoEncryptionKey);
    if (pval->fFlags & REC_VALUE_SEPARATED) {
        uint64_t lid;
        struct rec_lvroot root;
        if (!rec_lid_get(pval->pb, pval->cb, &lid))
            return ERR_TRAP(JET_errDatabaseCorrupted);
        CALL_R(cur_lv_root(c, lid, &root));
        pb = mem_alloc(root.ulSize ? root.ulSize : 1);
        if (!pb)
            return ERR_TRAP(JET_errOutOfMemory);
        err = cur_lv_read(c, lid, 0, pb, root.ulSize, &cb);
    } else if (pval->fFlags & REC_VALUE_COMPRESSED) {
        CALL_R(rec_decompressed_size(pval->pb, pval->cb, &cb));
        pb = mem_alloc(cb ? cb : 1);
        if (!pb)
            return ERR_TRAP(JET_errOutOfMemory);
        err = rec_decompress(pval->pb, pval->cb, pb, cb, &cb);
    } else {
        pb = mem_alloc(pval->cb ? pval->cb : 1);
        if (!pb)
            return ERR_TRAP(JET_errOutOfMemory);
        if (pval->cb)
            memcpy(pb, pval->pb, pval->cb);
        cb = pval->cb;
        err = JET_errSuccess;
    }
    if (err < 0) {
        mem_free(pb);
        return err;
    }
    *ppb = pb;
    *pcb = cb;
    return JET_errSuccess;
}

/* ============================================================== delivering a value ====== */

/* Copy bytes [ib, ...) of a value to the caller: *pcbActual the size from ib,
 * JET_wrnBufferTruncated when cbMax is short. */
static JET_ERR copy_out(const uint8_t *pb, uint32_t cb, uint32_t ib, void *pv, uint32_t cbMax, uint32_t *pcbActual)
{
    const uint32_t cbFrom = ib < cb ? cb - ib : 0;
    *pcbActual = cbFrom;
    const uint32_t cbCopy = MIN(cbFrom, cbMax);
    if (cbCopy && pv)
        memcpy(pv, pb + ib, cbCopy);
    return cbFrom > cbMax ? JET_wrnBufferTruncated : JET_errSuccess;
}

/* ESE's handling of a value found by rec_retrieve (ErrIsamRetrieveColumn after the lookup). */
static JET_ERR deliver(struct cursor *c, const struct rec_column *pc, const struct rec_value *pval,
        struct cur_retrieve *pr)
{
    JET_ERR err;
    const JET_GRBIT grbit = pr->grbit;
    const bool fSeparated = (pval->fFlags & REC_VALUE_SEPARATED) != 0;

    if ((grbit & (JET_bitRetrieveLongId | JET_bitRetrieveLongValueRefCount)) && !fSeparated) {
        pr->cbActual = 0;
        return JET_wrnColumnNull;
    }
    if (pval->fFlags & REC_VALUE_ENCRYPTED)
        return ERR_TRAP(JET_errColumnNoEncryptionKey);
    if (fSeparated) {
        uint64_t lid;
        if (!rec_lid_get(pval->pb, pval->cb, &lid))
            return ERR_TRAP(JET_errDatabaseCorrupted);
        if (grbit & JET_bitRetrieveLongId) {
            const bool fRet64 = pr->cbMax >= 8;
            if (!fRet64 && (pr->cbMax < 4 || rec_lid_is_64(lid)))
                return ERR_TRAP(JET_errInvalidBufferSize);
            uint8_t rgb[8];
            put_le64(rgb, lid);
            memcpy(pr->pv, rgb, fRet64 ? 8 : 4);
            pr->cbActual = fRet64 ? 8 : 4;
            return JET_wrnSeparateLongValue;
        }
        if (grbit & JET_bitRetrieveLongValueRefCount) {
            struct rec_lvroot root;
            uint8_t rgb[4];
            CALL_R(cur_lv_root(c, lid, &root));
            put_le32(rgb, root.ulReference);
            pr->cbActual = 4;
            if (pr->pv)
                memcpy(pr->pv, rgb, MIN(pr->cbMax, 4u));
            return pr->cbMax < 4 ? JET_wrnBufferTruncated : JET_wrnSeparateLongValue;
        }
        CALL_R(cur_lv_read(c, lid, pr->ibLongValue, pr->pv, pr->pv ? pr->cbMax : 0, &pr->cbActual));
        return pr->cbActual > pr->cbMax ? JET_wrnBufferTruncated : JET_errSuccess;
    }
    if (pval->fFlags & REC_VALUE_COMPRESSED) {
        uint32_t cb;
        uint8_t *pb;
        CALL_R(rec_decompressed_size(pval->pb, pval->cb, &cb));
        pb = mem_alloc(cb ? cb : 1);
        if (!pb)
            return ERR_TRAP(JET_errOutOfMemory);
        err = rec_decompress(pval->pb, pval->cb, pb, cb, &cb);
        if (err >= 0)
            err = copy_out(pb, cb, pr->ibLongValue, pr->pv, pr->cbMax, &pr->cbActual);
        mem_free(pb);
        return err;
    }
    /* ibLongValue applies to long-value columns only (ESE's wrnRECIntrinsicLV) */
    const uint32_t ib = rec_coltyp_is_long(pc->coltyp) ? pr->ibLongValue : 0;
    return copy_out(pval->pb, pval->cb, ib, pr->pv, pr->cbMax, &pr->cbActual);
}

/* ============================================================== columnid 0: the tagged scan */

/* ESE's TAGFIELDS::ErrScan: the itagSequence-th tagged value of the record, tagged columns in
 * order (template ones first), instances in order, defaults in the gaps unless IgnoreDefault,
 * explicit NULLs only with JET_bitRetrieveNull (JET_wrnColumnSetNull). */
static JET_ERR scan_tagged(struct cursor *c, const struct rec_view *pv, struct cur_retrieve *pr)
{
    JET_ERR err;
    const struct rec_schema *ps = cur_schema(c);
    const bool fDefaults = !(pr->grbit & JET_bitRetrieveIgnoreDefault);
    const bool fNulls = (pr->grbit & JET_bitRetrieveNull) != 0;
    uint32_t n = 0;

    for (uint32_t i = 0; i < ps->ccol; i++) {
        const struct rec_column *pc = &ps->rgcol[i];
        if (!rec_fid_is_tagged(pc->fid) || pc->coltyp == JET_coltypNil)
            continue;
        struct rec_tagged t;
        err = rec_tagged_find(pv, pc->fid, rec_column_derived_bit(ps, pc), &t);
        if (err == ERR_NOT_FOUND) {
            if (!fDefaults || !(pc->fFlags & REC_FIELD_DEFAULT))
                continue;
            if (++n != pr->itagSequence)
                continue;
            pr->columnidNextTagged = cur_columnid(pc);
            pr->itagSequence = 1;
            if (pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT) {
                FIXME("user-defined default values (callbacks) are not supported");
                pr->cbActual = 0;
                return JET_wrnColumnNull;
            }
            struct rec_value v;
            CALL_R(rec_retrieve(pv, ps, pc, 1, &v));
            if (err == JET_wrnColumnNull) {
                pr->cbActual = 0;
                return JET_wrnColumnNull;
            }
            return deliver(c, pc, &v, pr);
        }
        CALL_R(err);
        if (t.form == REC_TAGGED_NULL) {
            if (fNulls && ++n == pr->itagSequence) {
                pr->columnidNextTagged = cur_columnid(pc);
                pr->itagSequence = 1;
                pr->cbActual = 0;
                return JET_wrnColumnSetNull;
            }
            continue;
        }
        if (pr->itagSequence > n && pr->itagSequence <= n + t.cinst) {
            const uint32_t itag = pr->itagSequence - n;
            struct rec_value v;
            CALL_R(rec_tagged_instance(&t, itag, &v));
            pr->columnidNextTagged = cur_columnid(pc);
            pr->itagSequence = itag;
            if (err == JET_wrnColumnNull) {
                pr->cbActual = 0;
                return JET_wrnColumnNull;
            }
            return deliver(c, pc, &v, pr);
        }
        n += t.cinst;
    }
    /* past the last value */
    pr->columnidNextTagged = 0;
    pr->cbActual = 0;
    return JET_wrnColumnNull;
}

/* ============================================================== from the index ========= */

/* JET_bitRetrieveFromIndex / FromPrimaryBookmark: the column must be a segment of that index.
 * Values are taken from the record (they equal what the key holds whenever ESE could rebuild
 * them from it); for a multi-valued column the instance is the one this index entry was made
 * from. *pfDone false: retrieve from the record normally. */
static JET_ERR retrieve_from_index(struct cursor *c, const struct rec_column *pc, struct cur_retrieve *pr, bool *pfDone)
{
    JET_ERR err;
    const bool fPrimaryBm = (pr->grbit & JET_bitRetrieveFromPrimaryBookmark) != 0;
    *pfDone = false;
    if ((pr->grbit & JET_bitRetrieveFromIndex) && fPrimaryBm)
        return ERR_TRAP(JET_errInvalidGrbit);
    if (c->mem)
        return JET_errSuccess;
    const struct catalog_table *pt = c->td->pt;
    int32_t iidx;
    if (fPrimaryBm || !c->btIndex) {
        iidx = pt->iidxPrimary;
        if (iidx < 0) {
            if (fPrimaryBm)
                return ERR_TRAP(JET_errColumnNotFound);
            pr->itagSequence = 1;
            return JET_errSuccess;          /* sequential: from the record */
        }
    } else {
        iidx = c->iidx;
    }
    const struct rec_index *pidx = &pt->rgrecidx[iidx];
    uint32_t iseg = 0;
    while (iseg < pidx->cseg && pidx->rgseg[iseg].fid != pc->fid)
        iseg++;
    if (iseg == pidx->cseg)
        return ERR_TRAP(JET_errColumnNotFound);
    if (pidx->fTuples && iseg == 0 && !(pr->grbit & JET_bitRetrieveTuple))
        return ERR_TRAP(JET_errIndexTuplesCannotRetrieveFromIndex);
    CALL_R(cur_check_current(c));
    pr->itagSequence = 1;
    if (!fPrimaryBm && c->btIndex && rec_fid_is_tagged(pc->fid) && (pc->fFlags & REC_FIELD_MULTIVALUED)) {
        /* which instance made this entry: the one whose key is the entry's */
        struct rec_view v;
        const struct rec_schema *ps = cur_schema(c);
        uint32_t cval;
        CALL_R(rec_view_init(&v, c->rec.pb, c->rec.cb, ps->cbPage, 0));
        CALL_R(rec_count_values(&v, ps, pc, &cval));
        for (uint32_t itag = 1; itag <= cval; itag++) {
            const struct rec_column *rgpc[REC_CCOL_KEY_MOST];
            struct rec_key_column rgkc[REC_CCOL_KEY_MOST];
            uint8_t *rgpbFree[REC_CCOL_KEY_MOST];
            uint32_t rgitag[REC_CCOL_KEY_MOST];
            uint8_t rgbKey[REC_CB_KEY_MOST_MOST];
            uint32_t cbKey, isegOut;
            bool fTrunc, fMatch = false;
            memset(rgpbFree, 0, sizeof rgpbFree);
            err = JET_errSuccess;
            for (uint32_t i = 0; i < pidx->cseg && err >= 0; i++) {
                struct rec_value val;
                rgpc[i] = rec_schema_find_col(ps, pidx->rgseg[i].fid, pidx->rgseg[i].fFlags & REC_IDXSEG_TEMPLATE);
                rgitag[i] = rgpc[i] == pc ? itag : 1;
                if (!rgpc[i]) {
                    err = ERR_TRAP(JET_errColumnNotFound);
                    break;
                }
                err = rec_retrieve(&v, ps, rgpc[i], rgitag[i], &val);
                if (err == JET_wrnColumnNull) {
                    rgkc[i] = (struct rec_key_column){ true, NULL, 0 };
                    err = JET_errSuccess;
                } else if (err >= 0) {
                    err = cur_value_fetch(c, &val, &rgpbFree[i], &rgkc[i].cb);
                    rgkc[i].fNull = false;
                    rgkc[i].pb = rgpbFree[i];
                }
            }
            if (err >= 0) {
                err = rec_key_make(pidx, rgpc, rgkc, rgitag, 0, rgbKey, &cbKey, &fTrunc, &isegOut);
                fMatch = err >= 0 && cur_key_cmp(rgbKey, cbKey, c->bmIdx.pb, c->cbBmIdxKey) == 0;
            }
            for (uint32_t i = 0; i < pidx->cseg; i++)
                mem_free(rgpbFree[i]);
            CALL_R(err);
            if (fMatch) {
                pr->itagSequence = itag;
                break;
            }
        }
    }
    return JET_errSuccess;
}

/* ============================================================== JetRetrieveColumn ====== */

/* cur_column through the cursor's cache (cursor.h rgpcCache). */
static const struct rec_column *column_cached(struct cursor *c, JET_COLUMNID columnid)
{
    const uint32_t i = columnid % ARRAY_SIZE(c->rgpcCache);
    if (c->rgpcCache[i] && c->rgcolidCache[i] == columnid)
        return c->rgpcCache[i];
    const struct rec_column *pc = cur_column(c, columnid);
    if (pc) {
        c->rgcolidCache[i] = columnid;
        c->rgpcCache[i] = pc;
    }
    return pc;
}

/* The most common read: a fixed or variable column with a value, whole, no option bit (nothing
 * of deliver's applies to such a value: never separated, compressed or encrypted). false: the
 * general path decides (NULL, default, long types with an offset). */
static bool retrieve_plain(const struct rec_view *pv, const struct rec_column *pc, struct cur_retrieve *pr,
        JET_ERR *perr)
{
    struct rec_value val;
    enum rec_presence pres;
    if (pr->grbit != 0 || pr->itagSequence != 1 || (pr->ibLongValue && rec_coltyp_is_long(pc->coltyp)))
        return false;
    if (rec_fid_is_fixed(pc->fid))
        *perr = rec_get_fixed(pv, pc, &pres, &val);
    else if (rec_fid_is_var(pc->fid))
        *perr = rec_get_var(pv, pc->fid, &pres, &val);
    else
        return false;
    if (*perr < 0)
        return true;
    if (pres != REC_PRESENT)
        return false;
    pr->columnidNextTagged = pr->columnid;
    *perr = copy_out(val.pb, val.cb, 0, pr->pv, pr->cbMax, &pr->cbActual);
    return true;
}

static JET_ERR retrieve_column(struct cursor *c, struct cur_retrieve *pr);

JET_ERR cur_retrieve_column(struct cursor *c, struct cur_retrieve *pr)
{
    /* A batch's later plain reads (cur_read_batch_begin): the record was read and checked in
     * this call, so only the column is looked up. */
    if (c->fReadBatch && c->fReadBatchRec && c->fViewRec && c->loc == CUR_LOC_ON && pr->columnid
            && c->viewRec.pb == c->rec.pb && c->viewRec.cb == c->rec.cb) {
        JET_ERR err;
        const struct rec_column *pc = column_cached(c, pr->columnid);
        if (pc && retrieve_plain(&c->viewRec, pc, pr, &err))
            return err;
    }
    return retrieve_column(c, pr);
}

static NOINLINE JET_ERR retrieve_column(struct cursor *c, struct cur_retrieve *pr)
{
    JET_ERR err;
    struct rec_view vLocal;
    const struct rec_view *pv;
    const struct rec_column *pc = NULL;

    pr->cbActual = 0;
    if ((pr->grbit & JET_bitRetrieveTuple) && !(pr->grbit & JET_bitRetrieveFromIndex))
        return ERR_TRAP(JET_errInvalidGrbit);
    /* A batch's later reads run in the same call as its first, which synced the cursor. */
    if (!(c->fReadBatch && c->fReadBatchRec))
        CALL_R(cur_sync(c));
    if (pr->columnid != 0) {
        pc = column_cached(c, pr->columnid);
        if (!pc)
            return ERR_TRAP(JET_errColumnNotFound);
    }
    if (pr->grbit & (JET_bitRetrieveFromIndex | JET_bitRetrieveFromPrimaryBookmark)) {
        bool fDone;
        if (!pc)
            return ERR_TRAP(JET_errBadColumnId);
        CALL_R(retrieve_from_index(c, pc, pr, &fDone));
    }
    CALL_R(view_ref(c, (pr->grbit & JET_bitRetrieveCopy) != 0, &vLocal, &pv));
    if (pc && retrieve_plain(pv, pc, pr, &err))
        return err;
    if (!pc) {
        if (pr->itagSequence == 0)
            return ERR_TRAP(JET_errBadItagSequence);
        return scan_tagged(c, pv, pr);
    }
    pr->columnidNextTagged = pr->columnid;
    if (pr->itagSequence == 0)
        return ERR_TRAP(JET_errBadItagSequence);
    struct rec_value val;
    CALL_R(rec_retrieve(pv, cur_schema(c), pc, pr->itagSequence, &val));
    if (err == JET_wrnColumnNull) {
        pr->cbActual = 0;
        if (pr->itagSequence == 1 && (pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT)
                && !(pr->grbit & JET_bitRetrieveIgnoreDefault)) {
            /* no value in the record (an explicit NULL is no entry either): the callback's */
            struct rec_tagged t;
            if (!rec_fid_is_tagged(pc->fid)
                    || rec_tagged_find(pv, pc->fid, rec_column_derived_bit(cur_schema(c), pc), &t) == ERR_NOT_FOUND)
                return WRN_CUR_USER_DEFINED_DEFAULT;
        }
        return JET_wrnColumnNull;
    }
    if ((val.fFlags & REC_VALUE_DEFAULT) && (pr->grbit & JET_bitRetrieveIgnoreDefault)) {
        pr->cbActual = 0;
        return JET_wrnColumnNull;
    }
    return deliver(c, pc, &val, pr);
}

JET_ERR cur_count_values(struct cursor *c, JET_COLUMNID columnid, bool fCopy, uint32_t *pc)
{
    JET_ERR err;
    struct rec_view v;
    *pc = 0;
    CALL_R(cur_sync(c));
    const struct rec_column *pcol = cur_column(c, columnid);
    if (!pcol)
        return ERR_TRAP(JET_errColumnNotFound);
    CALL_R(get_view(c, fCopy, &v));
    return rec_count_values(&v, cur_schema(c), pcol, pc);
}

/* ============================================================== JetEnumerateColumns ==== */

/* Which record holds a column: the record, the default record, or neither (ESE's iterators). */
struct src {
    const struct rec_view *pv;
    bool fFound;
};

/* The record's own presence of a column (its iterators): fixed/var up to fid*LastInRec,
 * tagged when it has an entry. */
static bool rec_has_column(const struct rec_view *pv, const struct rec_schema *ps, const struct rec_column *pc)
{
    if (rec_fid_is_fixed(pc->fid))
        return pv->fidFixedLast != REC_FID_FIXED_NONE && pc->fid <= pv->fidFixedLast;
    if (rec_fid_is_var(pc->fid))
        return pv->fidVarLast != REC_FID_VAR_NONE && pc->fid <= pv->fidVarLast;
    struct rec_tagged t;
    return rec_tagged_find(pv, pc->fid, rec_column_derived_bit(ps, pc), &t) == JET_errSuccess;
}

/* Values of a column in one source: count and the value of an instance. */
static JET_ERR src_count(const struct rec_view *pv, const struct rec_schema *ps, const struct rec_column *pc,
        uint32_t *pcval)
{
    JET_ERR err;
    enum rec_presence pres;
    struct rec_value val;
    *pcval = 0;
    if (rec_fid_is_fixed(pc->fid)) {
        CALL_R(rec_get_fixed(pv, pc, &pres, &val));
        *pcval = pres == REC_PRESENT;
    } else if (rec_fid_is_var(pc->fid)) {
        CALL_R(rec_get_var(pv, pc->fid, &pres, &val));
        *pcval = pres == REC_PRESENT;
    } else {
        struct rec_tagged t;
        err = rec_tagged_find(pv, pc->fid, rec_column_derived_bit(ps, pc), &t);
        if (err == ERR_NOT_FOUND)
            return JET_errSuccess;
        CALL_R(err);
        *pcval = t.cinst;
    }
    return JET_errSuccess;
}

static JET_ERR src_value(const struct rec_view *pv, const struct rec_schema *ps, const struct rec_column *pc,
        uint32_t itag, struct rec_value *pval)
{
    JET_ERR err;
    enum rec_presence pres;
    memset(pval, 0, sizeof *pval);
    if (rec_fid_is_fixed(pc->fid))
        return rec_get_fixed(pv, pc, &pres, pval);
    if (rec_fid_is_var(pc->fid))
        return rec_get_var(pv, pc->fid, &pres, pval);
    struct rec_tagged t;
    CALL_R(rec_tagged_find(pv, pc->fid, rec_column_derived_bit(ps, pc), &t));
    return rec_tagged_instance(&t, itag, pval);
}

/* Order of ESE's union iterators: template columns first, then by columnid. */
static uint32_t enum_order(const struct rec_column *pc)
{
    return (pc->fTemplate ? 0u : 0x80000000u) | pc->fid;
}

struct enum_ctx {
    struct cursor *c;
    JET_PFNREALLOC pfnRealloc;
    void *pvReallocContext;
    uint32_t cbDataMost;
    JET_GRBIT grbit;
};

static void *ealloc(struct enum_ctx *e, size_t cb)
{
    return e->pfnRealloc(e->pvReallocContext, NULL, (unsigned long)(cb ? cb : 1));
}

static int cmp_enum_order(const void *a, const void *b)
{
    const uint32_t x = enum_order(*(const struct rec_column *const *)a);
    const uint32_t y = enum_order(*(const struct rec_column *const *)b);
    return x < y ? -1 : x > y;
}

/* One value into a JET_ENUMCOLUMNVALUE (or the compressed single-value form). */
static JET_ERR enum_value(struct enum_ctx *e, const struct rec_value *pval, JET_ERR *perr, void **ppv,
        ESENT_ULONG *pcb)
{
    JET_ERR err;
    *perr = JET_errSuccess;
    *ppv = NULL;
    *pcb = 0;
    if (pval->fFlags & REC_VALUE_ENCRYPTED) {
        *perr = JET_errColumnNoEncryptionKey;
        return JET_errSuccess;
    }
    if ((pval->fFlags & REC_VALUE_SEPARATED) && (e->grbit & JET_bitEnumerateInRecordOnly)) {
        *perr = JET_wrnColumnNotInRecord;
        return JET_errSuccess;
    }
    if (pval->fFlags & REC_VALUE_SEPARATED) {
        uint64_t lid;
        struct rec_lvroot root;
        if (!rec_lid_get(pval->pb, pval->cb, &lid))
            return ERR_TRAP(JET_errDatabaseCorrupted);
        CALL_R(cur_lv_root(e->c, lid, &root));
        const uint32_t cb = MIN(root.ulSize, e->cbDataMost);
        void *pv = ealloc(e, cb);
        if (!pv)
            return ERR_TRAP(JET_errOutOfMemory);
        uint32_t cbActual;
        err = cur_lv_read(e->c, lid, 0, pv, cb, &cbActual);
        if (err < 0) {
            e->pfnRealloc(e->pvReallocContext, pv, 0);
            return err;
        }
        *ppv = pv;
        *pcb = cb;
        if (root.ulSize > e->cbDataMost)
            *perr = JET_wrnColumnTruncated;
        return JET_errSuccess;
    }
    uint8_t *pbFree = NULL;
    const uint8_t *pb = pval->pb;
    uint32_t cb = pval->cb;
    if (pval->fFlags & REC_VALUE_COMPRESSED) {
        CALL_R(cur_value_fetch(e->c, pval, &pbFree, &cb));
        pb = pbFree;
    }
    void *pv = ealloc(e, cb);
    if (!pv) {
        mem_free(pbFree);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    if (cb)
        memcpy(pv, pb, cb);
    mem_free(pbFree);
    *ppv = pv;
    *pcb = cb;
    return JET_errSuccess;
}

static void enum_free(struct enum_ctx *e, JET_ENUMCOLUMN *rg, uint32_t c)
{
    if (!rg)
        return;
    for (uint32_t i = 0; i < c; i++) {
        if (rg[i].err == JET_wrnColumnSingleValue) {
            if (rg[i].pvData)
                e->pfnRealloc(e->pvReallocContext, rg[i].pvData, 0);
            continue;
        }
        for (uint32_t j = 0; j < rg[i].cEnumColumnValue; j++)
            if (rg[i].rgEnumColumnValue[j].pvData)
                e->pfnRealloc(e->pvReallocContext, rg[i].rgEnumColumnValue[j].pvData, 0);
        if (rg[i].rgEnumColumnValue)
            e->pfnRealloc(e->pvReallocContext, rg[i].rgEnumColumnValue, 0);
    }
    e->pfnRealloc(e->pvReallocContext, rg, 0);
}

/* One column: its values from source pv (cColumnValue of them), rgitag (NULL: all). */
static JET_ERR enum_column(struct enum_ctx *e, JET_ENUMCOLUMN *pec, const struct rec_view *pv,
        const struct rec_schema *ps, const struct rec_column *pc, bool fFound, const JET_ENUMCOLUMNID *pid)
{
    JET_ERR err;
    uint32_t cval = 0;
    const uint32_t ctag = pid ? pid->ctagSequence : 0;
    if (fFound)
        CALL_R(src_count(pv, ps, pc, &cval));
    if (!fFound && (e->grbit & JET_bitEnumerateIgnoreDefault) && pid && !ctag) {
        pec->err = JET_wrnColumnDefault;
        return JET_errSuccess;
    }
    if (cval == 0 && !ctag) {
        pec->err = JET_wrnColumnNull;
        return JET_errSuccess;
    }
    if ((e->grbit & JET_bitEnumeratePresenceOnly) && !ctag) {
        pec->err = JET_wrnColumnPresent;
        return JET_errSuccess;
    }
    if (cval == 1 && !ctag && (e->grbit & JET_bitEnumerateCompressOutput)) {
        struct rec_value val;
        CALL_R(src_value(pv, ps, pc, 1, &val));
        if (!(val.fFlags & (REC_VALUE_SEPARATED | REC_VALUE_ENCRYPTED))) {
            JET_ERR errV;
            void *pvData;
            ESENT_ULONG cbData;
            CALL_R(enum_value(e, &val, &errV, &pvData, &cbData));
            pec->err = JET_wrnColumnSingleValue;
            pec->pvData = pvData;
            pec->cbData = cbData;
            return JET_errSuccess;
        }
    }
    const uint32_t cAlloc = ctag ? ctag : cval;
    pec->rgEnumColumnValue = ealloc(e, (size_t)cAlloc * sizeof(JET_ENUMCOLUMNVALUE));
    if (!pec->rgEnumColumnValue)
        return ERR_TRAP(JET_errOutOfMemory);
    memset(pec->rgEnumColumnValue, 0, (size_t)cAlloc * sizeof(JET_ENUMCOLUMNVALUE));
    pec->cEnumColumnValue = cAlloc;
    for (uint32_t i = 0; i < cAlloc; i++) {
        JET_ENUMCOLUMNVALUE *pev = &pec->rgEnumColumnValue[i];
        pev->itagSequence = ctag ? pid->rgtagSequence[i] : i + 1;
        if (!pev->itagSequence) {
            pev->err = JET_wrnColumnSkipped;
            continue;
        }
        if (pev->itagSequence > cval && !fFound && (e->grbit & JET_bitEnumerateIgnoreDefault)) {
            pev->err = JET_wrnColumnDefault;
            continue;
        }
        if (pev->itagSequence > cval) {
            pev->err = JET_wrnColumnNull;
            continue;
        }
        if (e->grbit & JET_bitEnumeratePresenceOnly) {
            pev->err = JET_wrnColumnPresent;
            continue;
        }
        struct rec_value val;
        CALL_R(src_value(pv, ps, pc, pev->itagSequence, &val));
        JET_ERR errV;
        void *pvData;
        ESENT_ULONG cbData;
        CALL_R(enum_value(e, &val, &errV, &pvData, &cbData));
        pev->err = errV;
        pev->pvData = pvData;
        pev->cbData = cbData;
    }
    return JET_errSuccess;
}

#define ENUM_GRBITS (JET_bitEnumerateCopy | JET_bitEnumerateIgnoreDefault | JET_bitEnumerateLocal | \
                     JET_bitEnumeratePresenceOnly | JET_bitEnumerateTaggedOnly | JET_bitEnumerateCompressOutput | \
                     JET_bitEnumerateIgnoreUserDefinedDefault | JET_bitEnumerateInRecordOnly | 0x00400000u)

JET_ERR cur_enumerate_columns(struct cursor *c, uint32_t cEnumColumnId, const JET_ENUMCOLUMNID *rgEnumColumnId,
        uint32_t *pcEnumColumn, JET_ENUMCOLUMN **prgEnumColumn, JET_PFNREALLOC pfnRealloc, void *pvReallocContext,
        uint32_t cbDataMost, JET_GRBIT grbit)
{
    JET_ERR err;
    struct rec_view v, vd;
    bool fDefaults;
    JET_ENUMCOLUMN *rg = NULL;
    uint32_t n = 0;
    struct enum_ctx e = { c, pfnRealloc, pvReallocContext, cbDataMost, grbit };

    if (!pcEnumColumn || !prgEnumColumn || !pfnRealloc)
        return ERR_TRAP(JET_errInvalidParameter);
    *pcEnumColumn = 0;
    *prgEnumColumn = NULL;
    if (grbit & ~ENUM_GRBITS)
        return ERR_TRAP(JET_errInvalidGrbit);
    if (grbit & JET_bitEnumerateLocal)
        return ERR_TRAP(JET_errInvalidGrbit);
    if (cEnumColumnId && (grbit & JET_bitEnumerateTaggedOnly))
        return ERR_TRAP(JET_errInvalidGrbit);
    /* InRecordOnly and AsRefIfNotInRecord (0x00400000) exclude each other; references are not
     * supported */
    if (grbit & 0x00400000u)
        return ERR_TRAP(JET_errInvalidGrbit);
    CALL_R(cur_sync(c));
    const struct rec_schema *ps = cur_schema(c);
    bool fUserDefault = false;
    for (uint32_t i = 0; i < ps->ccol; i++)
        if (ps->rgcol[i].coltyp != JET_coltypNil && (ps->rgcol[i].fFlags & REC_FIELD_USER_DEFINED_DEFAULT))
            fUserDefault = true;
    if (fUserDefault && !(grbit & (JET_bitEnumerateIgnoreDefault | JET_bitEnumerateIgnoreUserDefinedDefault)))
        return ERR_TRAP(JET_errCallbackFailed);
    CALL_R(get_view(c, (grbit & JET_bitEnumerateCopy) != 0, &v));
    fDefaults = !(grbit & JET_bitEnumerateIgnoreDefault) && ps->pbDefaultRecord;
    if (fDefaults)
        CALL_R(rec_view_init(&vd, ps->pbDefaultRecord, ps->cbDefaultRecord, ps->cbPage, 0));

    if (cEnumColumnId) {
        if (!rgEnumColumnId)
            return ERR_TRAP(JET_errInvalidParameter);
        rg = pfnRealloc(pvReallocContext, NULL, (unsigned long)(cEnumColumnId * sizeof *rg));
        if (!rg)
            return ERR_TRAP(JET_errOutOfMemory);
        memset(rg, 0, cEnumColumnId * sizeof *rg);
        n = cEnumColumnId;
        bool fIdError = false;
        for (uint32_t i = 0; i < n; i++) {
            JET_ENUMCOLUMN *pec = &rg[i];
            pec->columnid = rgEnumColumnId[i].columnid;
            if (!pec->columnid) {
                pec->err = JET_wrnColumnSkipped;
                continue;
            }
            const struct rec_column *pc = cur_column(c, pec->columnid);
            if (!pc) {
                pec->err = JET_errColumnNotFound;
                fIdError = true;
                continue;
            }
            const struct rec_view *pvSrc = &v;
            bool fFound = rec_has_column(&v, ps, pc);
            if (!fFound && fDefaults && rec_has_column(&vd, ps, pc)) {
                pvSrc = &vd;
                fFound = true;
            }
            CALL(enum_column(&e, pec, pvSrc, ps, pc, fFound, &rgEnumColumnId[i]));
        }
        if (fIdError) {
            /* ESE returns the first bad id's error and keeps the array, so that the caller sees
             * which ids were bad */
            *pcEnumColumn = n;
            *prgEnumColumn = rg;
            for (uint32_t i = 0; i < n; i++)
                if (rg[i].err < 0)
                    return ERR_TRAP(rg[i].err);
        }
    } else {
        /* every column the record (or the default record) holds, in ESE's order */
        const struct rec_column **rgpc = mem_calloc(ps->ccol ? ps->ccol : 1, sizeof *rgpc);
        if (!rgpc)
            return ERR_TRAP(JET_errOutOfMemory);
        uint32_t cpc = 0;
        for (uint32_t i = 0; i < ps->ccol; i++) {
            const struct rec_column *pc = &ps->rgcol[i];
            if (pc->coltyp == JET_coltypNil)
                continue;
            if ((grbit & JET_bitEnumerateTaggedOnly) && !rec_fid_is_tagged(pc->fid))
                continue;
            if (rec_has_column(&v, ps, pc) || (fDefaults && rec_has_column(&vd, ps, pc)))
                rgpc[cpc++] = pc;
        }
        /* ESE's union order (template columns first) */
        qsort(rgpc, cpc, sizeof *rgpc, cmp_enum_order);
        rg = pfnRealloc(pvReallocContext, NULL, (unsigned long)((cpc ? cpc : 1) * sizeof *rg));
        if (!rg) {
            mem_free(rgpc);
            return ERR_TRAP(JET_errOutOfMemory);
        }
        memset(rg, 0, (cpc ? cpc : 1) * sizeof *rg);
        n = cpc;
        err = JET_errSuccess;
        for (uint32_t i = 0; i < cpc && err >= 0; i++) {
            const struct rec_column *pc = rgpc[i];
            const bool fInRec = rec_has_column(&v, ps, pc);
            rg[i].columnid = cur_columnid(pc);
            err = enum_column(&e, &rg[i], fInRec ? &v : &vd, ps, pc, true, NULL);
        }
        mem_free(rgpc);
        CALL(err);
    }
    *pcEnumColumn = n;
    *prgEnumColumn = rg;
    return JET_errSuccess;
out:
    enum_free(&e, rg, n);
    return err;
}

/* ============================================================== JetGetRecordSize ====== */

#define CB_TAG 4u           /* CPAGE::cbInsertionOverhead */
#define CB_KEY_COUNT 2u
#define CB_TAGFLD 4u
#define CB_TAGFLD_HEADER 1u

JET_ERR cur_record_size(struct cursor *c, JET_RECSIZE2 *prs, JET_GRBIT grbit)
{
    JET_ERR err;
    struct rec_view v;
    const uint8_t *pbRec;
    uint32_t cbRec;
    const bool fCopy = (grbit & JET_bitRecordSizeInCopyBuffer) && c->fUpdatePrepared && c->pbCopy;

    if (!prs)
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(cur_sync(c));
    CALL_R(get_record(c, fCopy, &pbRec, &cbRec));
    CALL_R(rec_view_init(&v, pbRec, cbRec, cur_cbpage(c), 0));
    if (!(grbit & JET_bitRecordSizeRunningTotal))
        memset(prs, 0, sizeof *prs);
    const struct rec_schema *ps = cur_schema(c);
    prs->cbOverhead += CB_TAG + CB_KEY_COUNT + REC_CB_HEADER;
    if (!fCopy) {
        uint32_t cbKey = 0;
        if (c->mem) {
            const uint8_t *pb;
            if (cur_mem_bookmark(c, &pb, &cbKey) < 0)
                cbKey = 0;
        } else {
            cbKey = c->pk.cb;
        }
        prs->cbOverhead += cbKey;      /* ESE counts the key as overhead in JET_RECSIZE2 */
    }
    /* fixed and variable parts */
    const uint32_t cfixed = v.fidFixedLast == REC_FID_FIXED_NONE ? 0 : v.fidFixedLast;
    const uint32_t cvar = v.fidVarLast == REC_FID_VAR_NONE ? 0 : v.fidVarLast - REC_FID_VAR_NONE;
    const uint32_t cbBitmap = (cfixed + 7) / 8;
    const uint32_t cbFixedUser = v.ibEndFixed - REC_CB_HEADER - cbBitmap;
    const uint32_t cbVarUser = v.ibTagged - v.ibVarData;
    prs->cbOverhead += cbBitmap + 2u * cvar;
    prs->cbData += cbFixedUser + cbVarUser;
    prs->cbDataCompressed += cbFixedUser + cbVarUser;
    prs->cNonTaggedColumns += cfixed + cvar;
    /* tagged columns */
    for (uint32_t it = 0; it < v.ctagged; it++) {
        struct rec_tagged t;
        CALL_R(rec_tagged_at(&v, it, &t));
        const struct rec_column *pc = rec_schema_find_col(ps, t.fid, t.fDerived);
        const bool fLong = pc && rec_coltyp_is_long(pc->coltyp);
        if (t.form == REC_TAGGED_NULL) {
            prs->cbOverhead += CB_TAGFLD + (t.fHeader ? CB_TAGFLD_HEADER : 0);
            prs->cTaggedColumns++;
            continue;
        }
        if (t.form == REC_TAGGED_MULTI || t.form == REC_TAGGED_TWO) {
            prs->cbOverhead += CB_TAGFLD + CB_TAGFLD_HEADER + (t.form == REC_TAGGED_TWO ? 1u : 2u * t.cinst);
            prs->cMultiValues += t.cinst - 1;       /* ESE counts the values beyond the first */
        } else {
            prs->cbOverhead += CB_TAGFLD + (t.fHeader ? CB_TAGFLD_HEADER : 0);
        }
        prs->cTaggedColumns++;
        for (uint32_t itag = 1; itag <= t.cinst; itag++) {
            struct rec_value val;
            CALL_R(rec_tagged_instance(&t, itag, &val));
            if (err == JET_wrnColumnNull)
                continue;
            if (val.fFlags & REC_VALUE_SEPARATED) {
                uint64_t lid;
                prs->cLongValues++;
                if (t.form == REC_TAGGED_SINGLE)
                    prs->cbOverhead += val.cb;
                if (!(grbit & JET_bitRecordSizeLocal) && rec_lid_get(val.pb, val.cb, &lid) && !c->mem) {
                    struct rec_lvroot root;
                    CALL_R(cur_lv_root(c, lid, &root));
                    prs->cbLongValueData += root.ulSize;
                    prs->cbLongValueDataCompressed += root.ulSize;
                    prs->cbLongValueOverhead += REC_CB_LVROOT;
                }
                continue;
            }
            uint32_t cbLogical = val.cb;
            if (val.fFlags & REC_VALUE_COMPRESSED)
                CALL_R(rec_decompressed_size(val.pb, val.cb, &cbLogical));
            prs->cbData += cbLogical;
            prs->cbDataCompressed += val.cb;
            if (val.fFlags & REC_VALUE_COMPRESSED)
                prs->cCompressedColumns++;
        }
        (void)fLong;
    }
    return JET_errSuccess;
}
