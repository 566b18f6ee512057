/* SPDX-License-Identifier: MIT
 * isam/isam_update.c: record updates (ESE's ErrIsamPrepareUpdate, ErrFLDSetOneColumn,
 * ErrRECSetLongField, ErrIsamUpdate: ErrRECIInsert / ErrRECIReplace, ErrIsamDelete,
 * ErrIsamEscrowUpdate). Layer: isam.
 *
 * The copy buffer is a record built by the record layer's SetColumn (rec_set_column: ESE's
 * byte layout), starting from the table's default record (insert) or the current record
 * (replace, insert copy). What the record layer cannot do alone lives here:
 *   - long values: intrinsic (compressed when the column or the call asks and it pays) up to the
 *     table's SeparateLV threshold (1023 by default) and while the record has room, separated into
 *     the LV tree beyond; appends, overwrites and resizes of separated values in place (a copy
 *     when another record shares the value); refcounts for insert-copy and delete;
 *   - autoincrement (at prepare, ESE's old-format rule: the highest value in the table + 1, then
 *     a counter per table), the version column (0 at insert, +1 at each replace), NotNull checks;
 *   - the record and its index entries in and out (isam_idx.c), the primary key kept by replaces.
 * Long-value changes made before JetUpdate run in a transaction level the update opens
 * (levelLV): JetUpdate commits it, a cancel rolls it back, so a cancelled update leaves no LV.
 * JetUpdate itself runs in a level of its own, rolled back on error; the update then stays
 * prepared, as in ESE. */
#include "isam_wint.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

#define UPD_SET_KNOWN_LV    (JET_bitSetAppendLV | JET_bitSetOverwriteLV | JET_bitSetSizeLV | JET_bitSetZeroLength)
#define UPD_SET_INTERNAL    0xF0000000u     /* grbitSetColumnInternalFlagsMask */
#define UPD_CB_LID          4u              /* LvId::CbLidFromCurrFormat: LID32 */

/* ---- columns ------------------------------------------------------------------------------------- */

JET_ERR isam_wtable_column(const struct isam_wtable *pwt, JET_COLUMNID columnid, const struct rec_column **ppc)
{
    const uint32_t fid = columnid & 0xFFFFu;
    const bool fTemplateId = (columnid & REC_COLUMNID_TEMPLATE) != 0;
    const struct catalog_table *pt = pwt->pt;
    *ppc = NULL;
    if ((columnid & 0x7FFF0000u) || fid == 0 || fid > REC_FID_TAGGED_LAST) return ERR_TRAP(JET_errBadColumnId);
    const bool fTemplateTable = pt->table.fFlags & REC_CAT_TABLE_TEMPLATE;
    for (uint32_t i = 0; i < pt->creccol; i++) {
        const struct rec_column *pc = &pt->rgreccol[i];
        if (pc->fid != fid) continue;
        /* A template table's own columns carry the template bit in their columnids; a derived
         * table's template columns too. */
        const bool fIsTemplateCol = pc->fTemplate || fTemplateTable;
        if (fIsTemplateCol != fTemplateId) continue;
        if (pc->coltyp == JET_coltypNil) break;
        *ppc = pc;
        return JET_errSuccess;
    }
    return ERR_TRAP(JET_errColumnNotFound);
}

static void mark_set(struct isam_upd *pu, uint32_t fid)
{
    pu->rgbitSet[(fid & 0xFF) >> 3] |= (uint8_t)(1u << (fid & 7));
    pu->fAnySet = true;
}
static bool is_set(const struct isam_upd *pu, uint32_t fid)
{
    return (pu->rgbitSet[(fid & 0xFF) >> 3] >> (fid & 7)) & 1;
}

static const struct rec_column *column_with_flag(const struct isam_wtable *pwt, uint32_t fFlag)
{
    for (uint32_t i = 0; i < pwt->pt->creccol; i++)
        if (pwt->pt->rgreccol[i].coltyp != JET_coltypNil && (pwt->pt->rgreccol[i].fFlags & fFlag))
            return &pwt->pt->rgreccol[i];
    return NULL;
}

static JET_ERR buf_view(const struct isam_upd *pu, struct rec_view *pv)
{
    return rec_view_init(pv, pu->pbRec, pu->cbRec, pu->pwt->db->cbPage, 0);
}

static JET_ERR set_raw(struct isam_upd *pu, const struct rec_column *pc, uint32_t itag, const struct rec_value *pval,
        uint32_t grbit)
{
    struct rec_buf rb = { pu->pbRec, pu->cbRec, pu->pwt->db->cbPage };
    const JET_ERR err = rec_set_column(&rb, &pu->pwt->pt->schema, pc, itag, pval, grbit);
    if (err >= 0) pu->cbRec = rb.cb;
    return err;
}

/* The level long-value changes of this update run in (opened at the first one). */
static JET_ERR lv_level(struct isam_session *sess, struct isam_upd *pu)
{
    JET_ERR err;
    if (pu->levelLV) return JET_errSuccess;
    CALL_R(isam_wtrx_begin(sess));
    pu->levelLV = sess->trx_level;
    return JET_errSuccess;
}

/* ---- autoincrement, DBK ------------------------------------------------------------------------- */

/* ErrRECIInitAutoIncOldFormat: the highest value in the table, plus one. */
static JET_ERR autoinc_next(struct isam_wtable *pwt, const struct rec_column *pc, uint64_t *pqw)
{
    JET_ERR err = JET_errSuccess;
    struct isam_tstate *ts = pwt->ts;
    os_mutex_lock(&ts->mu);
    if (!ts->fAutoInc) {
        struct bt_cursor *c;
        struct isam_tree *pt;
        uint64_t qwMax = 0;
        err = isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &pt);
        for (err = err < 0 ? err : bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0)) {
            uint32_t cb;
            const uint8_t *pb = bt_data(c, &cb);
            struct rec_view v;
            struct rec_value val;
            if ((err = rec_view_init(&v, pb, cb, pwt->db->cbPage, 0)) < 0) break;
            err = rec_retrieve(&v, &pwt->pt->schema, pc, 1, &val);
            if (err < 0) break;
            if (err == JET_errSuccess && (val.cb == 4 || val.cb == 8)) {
                const uint64_t qw = val.cb == 4 ? get_le32(val.pb) : get_le64(val.pb);
                if (qw > qwMax) qwMax = qw;
            }
        }
        if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound) err = JET_errSuccess;
        if (err >= 0) {
            ts->qwAutoIncNext = qwMax + 1;
            ts->fAutoInc = true;
        }
    }
    if (err >= 0) {
        const bool f8 = pc->cbMax == 8;
        if (!f8 && ts->qwAutoIncNext >= 0xFFFFFFFFu) err = ERR_TRAP(JET_errOutOfAutoincrementValues);
        else *pqw = ts->qwAutoIncNext++;
    }
    os_mutex_unlock(&ts->mu);
    return err;
}

static JET_ERR set_autoinc(struct isam_upd *pu)
{
    JET_ERR err;
    const struct rec_column *pc = column_with_flag(pu->pwt, REC_FIELD_AUTOINCREMENT);
    if (!pc) return JET_errSuccess;
    uint64_t qw = 0;
    uint8_t rgb[8];
    CALL_R(autoinc_next(pu->pwt, pc, &qw));
    put_le64(rgb, qw);
    const struct rec_value v = { rgb, pc->cbMax == 8 ? 8u : 4u, 0 };
    CALL_R(set_raw(pu, pc, 1, &v, 0));
    mark_set(pu, pc->fid);
    return JET_errSuccess;
}

/* ErrRECIInitDbkMost: the last DBK in the table, plus one. */
static JET_ERR dbk_next(struct isam_wtable *pwt, uint32_t *pdbk)
{
    JET_ERR err = JET_errSuccess;
    struct isam_tstate *ts = pwt->ts;
    os_mutex_lock(&ts->mu);
    if (!ts->fDbk) {
        struct bt_cursor *c;
        struct isam_tree *pt;
        uint32_t dbkMax = 0;
        err = isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &pt);
        if (err >= 0) err = bt_move_last(c, BT_DELETED_TOO);
        if (err >= 0) {
            uint32_t cbKey;
            const uint8_t *pbKey = bt_key(c, &cbKey);
            if (cbKey != 4) err = ERR_TRAP(JET_errDatabaseCorrupted);
            else dbkMax = get_be32(pbKey);
        } else if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound) {
            err = JET_errSuccess;
        }
        if (err >= 0) {
            ts->dbkNext = dbkMax + 1;
            ts->fDbk = true;
        }
    }
    if (err >= 0) {
        if (ts->dbkNext == 0 || ts->dbkNext >= 0x7FFFFFFFu) err = ERR_TRAP(JET_errOutOfSequentialIndexValues);
        else *pdbk = ts->dbkNext++;
    }
    os_mutex_unlock(&ts->mu);
    return err;
}

/* ---- long values in a record ------------------------------------------------------------------- */

/* Call fn for every separated value the record holds. */
static JET_ERR each_separated(const struct isam_wtable *pwt, const struct rec_view *prv,
        JET_ERR (*fn)(void *pv, uint64_t lid), void *pvCtx)
{
    JET_ERR err;
    for (uint32_t i = 0; i < pwt->pt->creccol; i++) {
        const struct rec_column *pc = &pwt->pt->rgreccol[i];
        if (!rec_fid_is_tagged(pc->fid) || !rec_coltyp_is_long(pc->coltyp)) continue;
        struct rec_tagged t;
        err = rec_tagged_find(prv, pc->fid, rec_column_derived_bit(&pwt->pt->schema, pc), &t);
        if (err == ERR_NOT_FOUND) continue;
        CALL_R(err);
        for (uint32_t itag = 1; itag <= t.cinst; itag++) {
            struct rec_value v;
            CALL_R(rec_tagged_instance(&t, itag, &v));
            if (err != JET_errSuccess || !(v.fFlags & REC_VALUE_SEPARATED)) continue;
            uint64_t lid;
            if (!rec_lid_get(v.pb, v.cb, &lid)) return ERR_TRAP(JET_errDatabaseCorrupted);
            CALL_R(fn(pvCtx, lid));
        }
    }
    return JET_errSuccess;
}

struct ref_ctx {
    struct isam_session *sess;
    struct isam_wtable *pwt;
    int32_t delta;
};
static JET_ERR ref_fn(void *pv, uint64_t lid)
{
    struct ref_ctx *p = pv;
    return isam_lv_adjust_ref(p->sess, p->pwt, lid, p->delta);
}

/* ESE's CbLVIntrinsicTableMost: the largest intrinsic value a record of the table can hold. */
static uint32_t cb_intrinsic_table_most(const struct isam_wtable *pwt)
{
    return pwt->cbRecordMost - 4u - 4u - 1u;
}

/* Intrinsic value, compressed when asked and worthwhile (ErrRECAOIntrinsicLV). */
static JET_ERR set_intrinsic(struct isam_upd *pu, const struct rec_column *pc, uint32_t itag, const uint8_t *pb,
        uint32_t cb, bool fCompress, uint32_t grbitRaw)
{
    JET_ERR err;
    uint8_t *pbComp = NULL;
    struct rec_value v = { pb, cb, 0 };
    if (fCompress && itag < 2 && cb > 0 && (cb < 128 || rec_compress_worth_trying(pb, cb))) {
        pbComp = mem_alloc(cb);
        if (!pbComp) return ERR_TRAP(JET_errOutOfMemory);
        uint32_t cbOut;
        err = rec_compress(pb, cb, REC_COMPRESS_7BIT | REC_COMPRESS_XPRESS_FLAG, 1024, pbComp, cb, &cbOut);
        if (err >= 0 && cbOut >= UPD_CB_LID && cbOut < cb) {
            const struct rec_value vc = { pbComp, cbOut, 0 };
            err = set_raw(pu, pc, itag, &vc, grbitRaw | REC_SET_COMPRESSED);
            if (err >= 0 || (err != JET_errRecordTooBig && err != ERR_REC_COMPRESSION_NOT_POSSIBLE)) goto out;
        } else if (err == JET_errOutOfMemory) {
            goto out;
        }
    }
    err = set_raw(pu, pc, itag, &v, grbitRaw);
out:
    mem_free(pbComp);
    return err;
}

/* Separate every intrinsic long value of the copy buffer larger than cbThreshold
 * (ErrRECAffectLongFieldsInWorkBuf, lvaffectSeparateAll). */
static JET_ERR separate_all(struct isam_session *sess, struct isam_upd *pu, uint32_t cbThreshold)
{
    JET_ERR err;
    struct isam_wtable *pwt = pu->pwt;
    for (uint32_t i = 0; i < pwt->pt->creccol; i++) {
        const struct rec_column *pc = &pwt->pt->rgreccol[i];
        if (!rec_fid_is_tagged(pc->fid) || !rec_coltyp_is_long(pc->coltyp)) continue;
        for (uint32_t itag = 1;; itag++) {
            struct rec_view v;
            struct rec_tagged t;
            struct rec_value val;
            uint8_t *pbValue = NULL;
            CALL_R(buf_view(pu, &v));
            err = rec_tagged_find(&v, pc->fid, rec_column_derived_bit(&pwt->pt->schema, pc), &t);
            if (err == ERR_NOT_FOUND || itag > t.cinst) break;
            CALL_R(err);
            CALL_R(rec_tagged_instance(&t, itag, &val));
            if (err != JET_errSuccess || (val.fFlags & REC_VALUE_SEPARATED)) continue;
            const uint8_t *pb = val.pb;
            uint32_t cb = val.cb;
            if (val.fFlags & REC_VALUE_COMPRESSED) {
                if (val.cb <= cbThreshold) continue;
                CALL_R(rec_decompressed_size(val.pb, val.cb, &cb));
                pbValue = mem_alloc(cb ? cb : 1);
                if (!pbValue) return ERR_TRAP(JET_errOutOfMemory);
                err = rec_decompress(val.pb, val.cb, pbValue, cb, &cb);
                if (err < 0) {
                    mem_free(pbValue);
                    return err;
                }
                pb = pbValue;
            } else if (cb <= cbThreshold) {
                continue;
            } else {
                pbValue = mem_alloc(cb);
                if (!pbValue) return ERR_TRAP(JET_errOutOfMemory);
                memcpy(pbValue, val.pb, cb);
                pb = pbValue;
            }
            uint64_t lid;
            uint8_t rgbLid[8];
            err = lv_level(sess, pu);
            if (err >= 0) err = isam_lv_create(sess, pwt, pb, cb, (val.fFlags & REC_VALUE_COMPRESSED) != 0, &lid);
            mem_free(pbValue);
            CALL_R(err);
            const struct rec_value vl = { rgbLid, rec_lid_put(rgbLid, lid), 0 };
            CALL_R(set_raw(pu, pc, itag, &vl, REC_SET_SEPARATED));
        }
    }
    return JET_errSuccess;
}

/* ESE's LVOP, from the grbit (ErrLVOpFromGrbit). */
enum lvop {
    LVOP_NULL, LVOP_INSERT_NULL, LVOP_REPLACE_WITH_NULL, LVOP_INSERT_ZERO_LENGTH, LVOP_REPLACE_WITH_ZERO_LENGTH,
    LVOP_INSERT, LVOP_INSERT_ZEROED_OUT, LVOP_REPLACE, LVOP_APPEND, LVOP_RESIZE, LVOP_OVERWRITE_RANGE,
    LVOP_OVERWRITE_RANGE_AND_RESIZE,
};
static JET_ERR lvop_from_grbit(JET_GRBIT grbit, uint32_t cb, bool fNew, uint32_t ib, enum lvop *pop)
{
    const bool fNoData = cb == 0;
    switch (grbit) {
    case JET_bitSetAppendLV:
        *pop = fNoData ? (fNew ? LVOP_INSERT_ZERO_LENGTH : LVOP_NULL) : (fNew ? LVOP_INSERT : LVOP_APPEND);
        break;
    case JET_bitSetOverwriteLV:
        if (fNew && ib != 0) {
            *pop = LVOP_NULL;
            return ERR_TRAP(JET_errColumnNoChunk);
        }
        *pop = fNoData ? (fNew ? LVOP_INSERT_ZERO_LENGTH : LVOP_NULL) : (fNew ? LVOP_INSERT : LVOP_OVERWRITE_RANGE);
        break;
    case JET_bitSetSizeLV:
        *pop = fNoData ? (fNew ? LVOP_INSERT_NULL : LVOP_REPLACE_WITH_NULL) : (fNew ? LVOP_INSERT_ZEROED_OUT : LVOP_RESIZE);
        break;
    case JET_bitSetZeroLength:
        *pop = fNoData ? (fNew ? LVOP_INSERT_ZERO_LENGTH : LVOP_REPLACE_WITH_ZERO_LENGTH) : (fNew ? LVOP_INSERT : LVOP_REPLACE);
        break;
    case JET_bitSetSizeLV | JET_bitSetZeroLength:
        *pop = fNoData ? (fNew ? LVOP_INSERT_ZERO_LENGTH : LVOP_REPLACE_WITH_ZERO_LENGTH)
                       : (fNew ? LVOP_INSERT_ZEROED_OUT : LVOP_RESIZE);
        break;
    case JET_bitSetSizeLV | JET_bitSetOverwriteLV:
        if (fNoData) {
            *pop = fNew ? LVOP_INSERT_NULL : LVOP_REPLACE_WITH_NULL;
        } else if (fNew) {
            if (ib != 0) {
                *pop = LVOP_NULL;
                return ERR_TRAP(JET_errColumnNoChunk);
            }
            *pop = LVOP_INSERT;
        } else {
            *pop = LVOP_OVERWRITE_RANGE_AND_RESIZE;
        }
        break;
    default:
        *pop = fNoData ? (fNew ? LVOP_INSERT_NULL : LVOP_REPLACE_WITH_NULL) : (fNew ? LVOP_INSERT : LVOP_REPLACE);
        break;
    }
    return JET_errSuccess;
}

/* The value an LV operation leaves, from the old content (NULL/0 for a new instance): mem_alloc'd. */
static JET_ERR lv_new_content(enum lvop op, const uint8_t *pbOld, uint32_t cbOld, const uint8_t *pb, uint32_t cb, uint32_t ib,
        uint8_t **ppb, uint32_t *pcb)
{
    uint64_t cbNew;
    switch (op) {
    case LVOP_INSERT: case LVOP_REPLACE: case LVOP_INSERT_ZEROED_OUT: case LVOP_RESIZE:
        cbNew = cb;
        break;
    case LVOP_OVERWRITE_RANGE:
        if (ib > cbOld) return ERR_TRAP(JET_errColumnNoChunk);
        cbNew = MAX((uint64_t)cbOld, (uint64_t)ib + cb);
        break;
    case LVOP_OVERWRITE_RANGE_AND_RESIZE:
        if (ib > cbOld) return ERR_TRAP(JET_errColumnNoChunk);
        cbNew = (uint64_t)ib + cb;
        break;
    case LVOP_APPEND:
        cbNew = (uint64_t)cbOld + cb;
        break;
    default:
        return ERR_TRAP(JET_errInternalError);
    }
    if (cbNew > JET_cbLVColumnMost) return ERR_TRAP(JET_errColumnTooBig);
    uint8_t *p = mem_calloc(1, cbNew ? (size_t)cbNew : 1);
    if (!p) return ERR_TRAP(JET_errOutOfMemory);
    switch (op) {
    case LVOP_INSERT: case LVOP_REPLACE:
        memcpy(p, pb, cb);
        break;
    case LVOP_INSERT_ZEROED_OUT:
        break;
    case LVOP_RESIZE:
        memcpy(p, pbOld, MIN(cbOld, (uint32_t)cbNew));
        break;
    case LVOP_OVERWRITE_RANGE:
        memcpy(p, pbOld, cbOld);
        memcpy(p + ib, pb, cb);
        break;
    case LVOP_OVERWRITE_RANGE_AND_RESIZE:
        memcpy(p, pbOld, ib);
        memcpy(p + ib, pb, cb);
        break;
    case LVOP_APPEND:
        memcpy(p, pbOld, cbOld);
        memcpy(p + cbOld, pb, cb);
        break;
    default:
        break;
    }
    *ppb = p;
    *pcb = (uint32_t)cbNew;
    return JET_errSuccess;
}

/* ErrRECSetLongField. */
static JET_ERR set_long(struct isam_session *sess, struct isam_upd *pu, const struct rec_column *pc, uint32_t itag,
        const uint8_t *pb, uint32_t cb, JET_GRBIT grbit, uint32_t ib, uint32_t cbThreshold)
{
    JET_ERR err;
    struct isam_wtable *pwt = pu->pwt;
    const bool fCompress = (grbit & JET_bitSetCompressed) ? true
                           : (grbit & JET_bitSetUncompressed) ? false : (pc->fFlags & REC_FIELD_COMPRESSED) != 0;
    const uint32_t cbTableMost = cb_intrinsic_table_most(pwt);
    uint32_t cbPreferred;
    if (grbit & JET_bitSetSeparateLV) {
        cbPreferred = UPD_CB_LID;
    } else if (grbit & JET_bitSetIntrinsicLV) {
        cbPreferred = cbTableMost;
    } else {
        cbPreferred = pwt->pt->table.cbSeparateLV ? pwt->pt->table.cbSeparateLV : REC_CB_LV_INTRINSIC_MOST;
        cbPreferred = MIN(MAX(cbPreferred, UPD_CB_LID), cbTableMost);
    }
    const uint32_t grbitRevert = (grbit & JET_bitSetRevertToDefaultValue) ? REC_SET_REVERT_TO_DEFAULT : 0;
    const JET_GRBIT grbitOp = grbit & UPD_SET_KNOWN_LV;
    uint8_t *pbOld = NULL, *pbNew = NULL;
    uint32_t cbOld = 0, cbNew = 0;
    bool fNew = itag == 0, fSeparated = false;
    uint64_t lidOld = 0;

    CALL(lv_level(sess, pu));
    if (!fNew) {
        struct rec_view v;
        struct rec_tagged t;
        struct rec_value val;
        CALL(buf_view(pu, &v));
        err = rec_tagged_find(&v, pc->fid, rec_column_derived_bit(&pwt->pt->schema, pc), &t);
        if (err == ERR_NOT_FOUND) {
            fNew = true;
        } else {
            CALL(err);
            CALL(rec_tagged_instance(&t, itag, &val));
            if (err != JET_errSuccess) {
                fNew = true;
            } else if (val.fFlags & REC_VALUE_SEPARATED) {
                if (!rec_lid_get(val.pb, val.cb, &lidOld)) FAIL(JET_errDatabaseCorrupted);
                fSeparated = true;
            } else if (val.fFlags & REC_VALUE_COMPRESSED) {
                CALL(rec_decompressed_size(val.pb, val.cb, &cbOld));
                pbOld = mem_alloc(cbOld ? cbOld : 1);
                if (!pbOld) FAIL(JET_errOutOfMemory);
                CALL(rec_decompress(val.pb, val.cb, pbOld, cbOld, &cbOld));
            } else {
                cbOld = val.cb;
                pbOld = mem_alloc(cbOld ? cbOld : 1);
                if (!pbOld) FAIL(JET_errOutOfMemory);
                memcpy(pbOld, val.pb, cbOld);
            }
        }
    }
    enum lvop op;
    CALL(lvop_from_grbit(grbitOp, cb, fNew, ib, &op));
    /* An operation that replaces the whole value lets go of the separated one. */
    if (fSeparated && (op == LVOP_REPLACE || op == LVOP_REPLACE_WITH_NULL || op == LVOP_REPLACE_WITH_ZERO_LENGTH)) {
        CALL(isam_lv_adjust_ref(sess, pwt, lidOld, -1));
        fSeparated = false;
    }
    switch (op) {
    case LVOP_NULL:
        goto out;
    case LVOP_INSERT_NULL: case LVOP_REPLACE_WITH_NULL:
        CALL(set_raw(pu, pc, itag, NULL, grbitRevert));
        goto out;
    case LVOP_INSERT_ZERO_LENGTH: case LVOP_REPLACE_WITH_ZERO_LENGTH: {
        const struct rec_value vz = { NULL, 0, 0 };
        CALL(set_raw(pu, pc, itag, &vz, REC_SET_ZERO_LENGTH));
        goto out;
    }
    default:
        break;
    }

    if (fSeparated) {
        /* Append, resize or overwrite a separated value: in place while this record is its
         * only user, else on a copy (JET_wrnCopyLongValue in ESE). */
        uint32_t cbSize, cRef;
        CALL(isam_lv_info(pwt, lidOld, &cbSize, &cRef));
        uint64_t cbResult = cbSize;
        if (op == LVOP_APPEND) cbResult = (uint64_t)cbSize + cb;
        else if (op == LVOP_RESIZE) cbResult = cb;
        else if (op == LVOP_OVERWRITE_RANGE) cbResult = MAX((uint64_t)cbSize, (uint64_t)ib + cb);
        else if (op == LVOP_OVERWRITE_RANGE_AND_RESIZE) cbResult = (uint64_t)ib + cb;
        if ((op == LVOP_OVERWRITE_RANGE || op == LVOP_OVERWRITE_RANGE_AND_RESIZE) && ib > cbSize)
            FAIL(JET_errColumnNoChunk);
        if (pc->cbMax && cbResult > pc->cbMax) FAIL(JET_errColumnTooBig);
        if (cbResult > JET_cbLVColumnMost) FAIL(JET_errColumnTooBig);
        if (cRef == 1) {
            switch (op) {
            case LVOP_APPEND:
                CALL(isam_lv_modify(sess, pwt, lidOld, cbSize, pb, cb, UINT32_MAX, fCompress));
                break;
            case LVOP_RESIZE:
                CALL(isam_lv_modify(sess, pwt, lidOld, 0, NULL, 0, cb, fCompress));
                break;
            case LVOP_OVERWRITE_RANGE:
                CALL(isam_lv_modify(sess, pwt, lidOld, ib, pb, cb, UINT32_MAX, fCompress));
                break;
            case LVOP_OVERWRITE_RANGE_AND_RESIZE:
                CALL(isam_lv_modify(sess, pwt, lidOld, ib, pb, cb, ib + cb, fCompress));
                break;
            default:
                FAIL(JET_errInternalError);
            }
            goto out;
        }
        CALL(isam_lv_read_all(pwt, lidOld, &pbOld, &cbOld));
        CALL(lv_new_content(op, pbOld, cbOld, pb, cb, ib, &pbNew, &cbNew));
        uint64_t lidNew;
        uint8_t rgbLid[8];
        CALL(isam_lv_create(sess, pwt, pbNew, cbNew, fCompress, &lidNew));
        CALL(isam_lv_adjust_ref(sess, pwt, lidOld, -1));
        const struct rec_value vl = { rgbLid, rec_lid_put(rgbLid, lidNew), 0 };
        CALL(set_raw(pu, pc, itag, &vl, REC_SET_SEPARATED));
        goto out;
    }

    CALL(lv_new_content(op, pbOld, cbOld, pb, cb, ib, &pbNew, &cbNew));
    if (pc->cbMax && cbNew > pc->cbMax) FAIL(JET_errColumnTooBig);
    bool fSeparate = cbNew > cbPreferred;
    if (!fSeparate) {
        err = set_intrinsic(pu, pc, itag, pbNew, cbNew, fCompress, 0);
        if (err == JET_errRecordTooBig && cbNew > (cbThreshold ? cbThreshold : UPD_CB_LID)) {
            fSeparate = true;
            err = JET_errSuccess;
        }
        CALL(err);
    }
    if (fSeparate) {
        uint64_t lid;
        uint8_t rgbLid[8];
        CALL(isam_lv_create(sess, pwt, pbNew, cbNew, fCompress, &lid));
        const struct rec_value vl = { rgbLid, rec_lid_put(rgbLid, lid), 0 };
        CALL(set_raw(pu, pc, itag, &vl, REC_SET_SEPARATED));
    }
out:
    mem_free(pbOld);
    mem_free(pbNew);
    return err;
}

/* ErrRECICheckUniqueLVMultiValues / the tagged-field check: JET_errMultiValuedDuplicate when
 * another instance of the column already holds the value (normalized as an index key would be,
 * for JET_bitSetUniqueNormalizedMultiValues). */
static JET_ERR value_of(struct isam_wtable *pwt, const struct rec_value *pv, uint8_t **ppb, uint32_t *pcb)
{
    JET_ERR err;
    *ppb = NULL;
    *pcb = 0;
    if (pv->fFlags & REC_VALUE_SEPARATED) {
        uint64_t lid;
        if (!rec_lid_get(pv->pb, pv->cb, &lid)) return ERR_TRAP(JET_errDatabaseCorrupted);
        return isam_lv_read_all(pwt, lid, ppb, pcb);
    }
    uint32_t cb = pv->cb;
    if (pv->fFlags & REC_VALUE_COMPRESSED) CALL_R(rec_decompressed_size(pv->pb, pv->cb, &cb));
    uint8_t *pb = mem_alloc(cb ? cb : 1);
    if (!pb) return ERR_TRAP(JET_errOutOfMemory);
    if (pv->fFlags & REC_VALUE_COMPRESSED) {
        err = rec_decompress(pv->pb, pv->cb, pb, cb, &cb);
        if (err < 0) {
            mem_free(pb);
            return err;
        }
    } else {
        memcpy(pb, pv->pb, cb);
    }
    *ppb = pb;
    *pcb = cb;
    return JET_errSuccess;
}

static JET_ERR normalize(struct isam_session *sess, const struct rec_column *pc, const uint8_t *pb, uint32_t cb,
        uint8_t *pbKey, uint32_t *pcbKey)
{
    struct rec_idxseg seg = { pc->fid, 0 };
    struct rec_index idx;
    memset(&idx, 0, sizeof idx);
    idx.fidb = REC_IDB_ALLOW_ALL_NULLS | REC_IDB_ALLOW_FIRST_NULL | REC_IDB_ALLOW_SOME_NULLS;
    idx.cbKeyMost = idx.cbVarSegMac = JET_cbKeyMostMost;
    idx.rgseg = &seg;
    idx.cseg = 1;
    idx.locale.dwLCMapFlags = sess->inst->params.unicode_map_flags;
    static const ESENT_WCHAR wszEnUs[] = { 'e', 'n', '-', 'U', 'S', 0 };
    memcpy(idx.locale.wszLocaleName, wszEnUs, sizeof wszEnUs);
    const struct rec_key_column kc = { false, pb, cb };
    bool fTruncated;
    return rec_key_segment(&idx, pc, &kc, false, pbKey, JET_cbKeyMostMost, pcbKey, &fTruncated);
}

static JET_ERR check_unique(struct isam_session *sess, struct isam_upd *pu, const struct rec_column *pc, uint32_t itag,
        const uint8_t *pb, uint32_t cb, bool fNormalized)
{
    JET_ERR err;
    struct rec_view v;
    struct rec_tagged t;
    uint8_t *pbKeyNew = NULL, *pbKeyOld = NULL;
    uint32_t cbKeyNew = 0, cbKeyOld;
    if (!rec_fid_is_tagged(pc->fid)) return JET_errSuccess;
    CALL_R(buf_view(pu, &v));
    err = rec_tagged_find(&v, pc->fid, rec_column_derived_bit(&pu->pwt->pt->schema, pc), &t);
    if (err == ERR_NOT_FOUND) return JET_errSuccess;
    CALL_R(err);
    if (fNormalized) {
        pbKeyNew = mem_alloc(2 * JET_cbKeyMostMost);
        if (!pbKeyNew) return ERR_TRAP(JET_errOutOfMemory);
        pbKeyOld = pbKeyNew + JET_cbKeyMostMost;
        CALL(normalize(sess, pc, pb, cb, pbKeyNew, &cbKeyNew));
    }
    for (uint32_t i = 1; i <= t.cinst; i++) {
        struct rec_value val;
        uint8_t *pbVal = NULL;
        uint32_t cbVal;
        if (i == itag) continue;
        CALL(rec_tagged_instance(&t, i, &val));
        if (err != JET_errSuccess) continue;
        CALL(value_of(pu->pwt, &val, &pbVal, &cbVal));
        bool fDup;
        if (fNormalized) {
            err = normalize(sess, pc, pbVal, cbVal, pbKeyOld, &cbKeyOld);
            fDup = err >= 0 && cbKeyOld == cbKeyNew && memcmp(pbKeyOld, pbKeyNew, cbKeyNew) == 0;
        } else {
            fDup = cbVal == cb && (cb == 0 || memcmp(pbVal, pb, cb) == 0);
        }
        mem_free(pbVal);
        CALL(err);
        if (fDup) FAIL(JET_errMultiValuedDuplicate);
    }
    err = JET_errSuccess;
out:
    mem_free(pbKeyNew);
    return err;
}

/* ---- prepare / cancel ---------------------------------------------------------------------------- */

void isam_upd_free(struct isam_upd *pu)
{
    if (!pu) return;
    isam_wtable_close(pu->pwt);
    mem_free(pu->pbRec);
    mem_free(pu->pbOrig);
    mem_free(pu->pbBm);
    memset(pu, 0, sizeof *pu);
}

JET_ERR isam_upd_prepare(struct isam_session *sess, struct isam_wtable *pwt, struct isam_upd *pu, uint32_t prep,
        const uint8_t *pbRec, uint32_t cbRec, const uint8_t *pbBm, uint32_t cbBm)
{
    JET_ERR err;
    const uint32_t cbPage = pwt->db->cbPage;
    memset(pu, 0, sizeof *pu);
    pu->pwt = pwt;
    pu->pbRec = mem_alloc(cbPage);
    if (!pu->pbRec) FAIL(JET_errOutOfMemory);
    switch (prep) {
    case JET_prepInsert: {
        struct rec_buf rb = { pu->pbRec, 0, cbPage };
        CALL(rec_init_insert(&rb, &pwt->pt->schema));
        pu->cbRec = rb.cb;
        pu->prep = prep;
        pu->fPrepared = true;
        CALL(set_autoinc(pu));
        break;
    }
    case JET_prepReplace:
    case JET_prepReplaceNoLock:
    case JET_prepInsertCopy:
    case JET_prepInsertCopyDeleteOriginal:
    case JET_prepInsertCopyReplaceOriginal:
        if (!pbRec || cbRec > cbPage || !pbBm || cbBm == 0) FAIL(JET_errNoCurrentRecord);
        memcpy(pu->pbRec, pbRec, cbRec);
        pu->cbRec = cbRec;
        pu->pbOrig = mem_alloc(cbRec ? cbRec : 1);
        pu->pbBm = mem_alloc(cbBm);
        if (!pu->pbOrig || !pu->pbBm) FAIL(JET_errOutOfMemory);
        memcpy(pu->pbOrig, pbRec, cbRec);
        pu->cbOrig = cbRec;
        memcpy(pu->pbBm, pbBm, cbBm);
        pu->cbBm = cbBm;
        pu->prep = prep;
        pu->fPrepared = true;
        if (prep == JET_prepInsertCopy || prep == JET_prepInsertCopyDeleteOriginal) {
            CALL(set_autoinc(pu));
            pu->fAnySet = false;
        } else if (prep == JET_prepInsertCopyReplaceOriginal) {
            /* ESE's ICRO: InsertCopyDeleteOriginal keeping the original's autoincrement value */
            pu->fAnySet = false;
        }
        if (prep == JET_prepInsertCopy) {
            /* The copy shares the original's separated values (lvaffectReferenceAll). */
            struct rec_view v;
            CALL(buf_view(pu, &v));
            struct ref_ctx rc = { sess, pwt, +1 };
            CALL(lv_level(sess, pu));
            CALL(each_separated(pwt, &v, ref_fn, &rc));
        }
        break;
    default:
        FAIL(JET_errInvalidParameter);
    }
    return JET_errSuccess;
out:
    if (pu->levelLV && sess->trx_level == pu->levelLV) {
        const JET_ERR errRb = isam_trx_rollback(sess, 0);
        (void)errRb;
    }
    isam_upd_free(pu);
    return err;
}

JET_ERR isam_upd_cancel(struct isam_session *sess, struct isam_upd *pu)
{
    JET_ERR err = JET_errSuccess;
    if (!pu->fPrepared) return ERR_TRAP(JET_errUpdateNotPrepared);
    /* The update's own level: its long-value changes go. A level the caller has since committed
     * or rolled back is not ours to end. */
    if (pu->levelLV && sess->trx_level == pu->levelLV) err = isam_trx_rollback(sess, 0);
    isam_upd_free(pu);
    return err;
}

/* ---- SetColumn ----------------------------------------------------------------------------------- */

JET_ERR isam_upd_set(struct isam_session *sess, struct isam_upd *pu, JET_COLUMNID columnid, const void *pv, uint32_t cb,
        JET_GRBIT grbit, uint32_t itag, uint32_t ib)
{
    JET_ERR err;
    const struct rec_column *pc;
    struct isam_wtable *pwt = pu->pwt;

    if (!pu->fPrepared) return ERR_TRAP(JET_errUpdateNotPrepared);
    if (cb > JET_cbLVColumnMost) return ERR_TRAP(JET_errInvalidParameter);
    bool fUnique = false;
    if (grbit & (JET_bitSetUniqueMultiValues | JET_bitSetUniqueNormalizedMultiValues)) {
        if (grbit & (JET_bitSetAppendLV | JET_bitSetOverwriteLV | JET_bitSetSizeLV)) return ERR_TRAP(JET_errInvalidGrbit);
        fUnique = (pv && cb) || (grbit & JET_bitSetZeroLength);
    }
    if ((grbit & JET_bitSetContiguousLV) && !(grbit & JET_bitSetSeparateLV)) return ERR_TRAP(JET_errInvalidGrbit);
    if ((grbit & JET_bitSetContiguousLV) && cb < pwt->db->cbPage) return ERR_TRAP(JET_errInvalidBufferSize);
    if (grbit & UPD_SET_INTERNAL) return ERR_TRAP(JET_errInvalidGrbit);
    CALL_R(isam_wtable_column(pwt, columnid, &pc));
    if (!pv && !(grbit & JET_bitSetSizeLV)) cb = 0;

    if (rec_fid_is_fixed(pc->fid)) {
        if ((pc->fFlags & REC_FIELD_VERSION)
                && (pu->prep == JET_prepReplace || pu->prep == JET_prepReplaceNoLock))
            return ERR_TRAP(JET_errInvalidColumnType);
        if ((pc->fFlags & REC_FIELD_AUTOINCREMENT) && !pu->fMustSetAutoInc) return ERR_TRAP(JET_errInvalidColumnType);
    }
    if (rec_fid_is_tagged(pc->fid)) {
        if (!pv && cb == 0 && (pc->fFlags & REC_FIELD_NOT_NULL) && !(grbit & JET_bitSetZeroLength)
                && !rec_coltyp_is_long(pc->coltyp))
            return ERR_TRAP(JET_errNullInvalid);
        if (fUnique) CALL_R(check_unique(sess, pu, pc, itag, pv, cb, (grbit & JET_bitSetUniqueNormalizedMultiValues) != 0));
        if (rec_coltyp_is_long(pc->coltyp)) {
            mark_set(pu, pc->fid);
            if (!pv && cb && !(grbit & JET_bitSetSizeLV)) cb = 0;
            if (pc->fFlags & REC_FIELD_NOT_NULL) {
                /* NULL stays refused for a NotNull long column (through the record layer). */
            }
            /* ErrFLDSetOneColumn: a record too big separates long values, threshold halving. */
            uint32_t cbThreshold = pwt->db->cbPage;
            err = set_long(sess, pu, pc, itag, pv, cb, grbit, ib, cbThreshold / 2);
            while (err == JET_errRecordTooBig && cbThreshold > UPD_CB_LID) {
                cbThreshold /= 2;
                if (cbThreshold < pwt->db->cbPage / 64) cbThreshold = UPD_CB_LID;
                CALL_R(separate_all(sess, pu, cbThreshold));
                err = set_long(sess, pu, pc, itag, pv, cb, grbit, ib, cbThreshold);
            }
            return err;
        }
        /* ErrRECISetTaggedColumn's checks. */
        if (pv || (grbit & JET_bitSetZeroLength)) {
            if (pc->cbMax && cb > pc->cbMax) return ERR_TRAP(JET_errColumnTooBig);
            if (cb > 0 && !rec_coltyp_is_text(pc->coltyp) && !rec_coltyp_is_binary(pc->coltyp)
                    && cb != rec_coltyp_fixed_size(pc->coltyp, 0))
                return ERR_TRAP(JET_errInvalidBufferSize);
            if (cb > cb_intrinsic_table_most(pwt)) return ERR_TRAP(JET_errColumnDoesNotFit);
        }
    }
    const bool fValue = cb > 0 || (grbit & JET_bitSetZeroLength);
    const struct rec_value v = { pv, cb, 0 };
    const uint32_t grbitRaw = ((grbit & JET_bitSetRevertToDefaultValue) ? REC_SET_REVERT_TO_DEFAULT : 0)
                              | ((grbit & JET_bitSetZeroLength) ? REC_SET_ZERO_LENGTH : 0);
    mark_set(pu, pc->fid);
    err = set_raw(pu, pc, itag, fValue ? &v : NULL, grbitRaw);
    /* A record too big makes room by separating long values (threshold halving). */
    uint32_t cbThreshold = pwt->db->cbPage;
    while (err == JET_errRecordTooBig && cbThreshold > UPD_CB_LID) {
        cbThreshold /= 2;
        if (cbThreshold < pwt->db->cbPage / 64) cbThreshold = UPD_CB_LID;
        CALL_R(separate_all(sess, pu, cbThreshold));
        err = set_raw(pu, pc, itag, fValue ? &v : NULL, grbitRaw);
    }
    return err;
}

/* ---- JetUpdate ----------------------------------------------------------------------------------- */

/* ErrRECIIllegalNulls: NotNull columns without a default must have a value. */
static JET_ERR check_nulls(const struct isam_upd *pu)
{
    JET_ERR err;
    struct rec_view v;
    CALL_R(buf_view(pu, &v));
    for (uint32_t i = 0; i < pu->pwt->pt->creccol; i++) {
        const struct rec_column *pc = &pu->pwt->pt->rgreccol[i];
        if (pc->coltyp == JET_coltypNil || !(pc->fFlags & (REC_FIELD_NOT_NULL | REC_FIELD_AUTOINCREMENT))) continue;
        if (pc->fFlags & REC_FIELD_DEFAULT) continue;
        if ((pc->fFlags & REC_FIELD_AUTOINCREMENT) && !(pc->fFlags & REC_FIELD_NOT_NULL) && !pu->fMustSetAutoInc) continue;
        struct rec_value val;
        CALL_R(rec_retrieve(&v, &pu->pwt->pt->schema, pc, 1, &val));
        if (err == JET_wrnColumnNull)
            return ERR_TRAP((pc->fFlags & REC_FIELD_AUTOINCREMENT) ? JET_errAutoIncrementNotSet : JET_errNullInvalid);
    }
    return JET_errSuccess;
}

static JET_ERR seek_record(struct isam_wtable *pwt, const uint8_t *pbBm, uint32_t cbBm, struct bt_cursor **ppc,
        struct isam_tree **ppt)
{
    JET_ERR err;
    CALL_R(isam_wtable_cursor(pwt, ISAM_WT_DATA, ppc, ppt));
    err = bt_seek(*ppc, BT_SEEK_EQ, pbBm, cbBm, NULL, 0, 0);
    if (err == JET_errRecordNotFound) return ERR_TRAP(JET_errRecordDeleted);
    return err;
}

/* The record's entries out of every secondary index, and the record flag-deleted. fDerefLV:
 * its separated values lose a reference (not for InsertCopyDeleteOriginal: the copy takes them). */
static JET_ERR delete_record(struct isam_session *sess, struct isam_wtable *pwt, const uint8_t *pbBm, uint32_t cbBm,
        bool fDerefLV)
{
    JET_ERR err;
    struct bt_cursor *c;
    struct isam_tree *pt;
    uint8_t *pbRec = NULL;
    uint32_t cbRec;
    CALL(seek_record(pwt, pbBm, cbBm, &c, &pt));
    const uint8_t *pb = bt_data(c, &cbRec);
    pbRec = mem_alloc(cbRec ? cbRec : 1);
    if (!pbRec) FAIL(JET_errOutOfMemory);
    memcpy(pbRec, pb, cbRec);
    struct rec_view v;
    CALL(rec_view_init(&v, pbRec, cbRec, pwt->db->cbPage, 0));
    CALL(isam_idx_record(sess, pwt, &v, NULL, pbBm, cbBm));
    if (fDerefLV && pwt->fLV) {
        struct ref_ctx rc = { sess, pwt, -1 };
        CALL(each_separated(pwt, &v, ref_fn, &rc));
    }
    CALL(seek_record(pwt, pbBm, cbBm, &c, &pt));
    CALL(isam_node_flag_delete(sess, c, pt));
out:
    mem_free(pbRec);
    return err;
}

static JET_ERR do_insert(struct isam_session *sess, struct isam_upd *pu, void *pvBm, uint32_t cbMax, uint32_t *pcbActual)
{
    JET_ERR err;
    struct isam_wtable *pwt = pu->pwt;
    uint8_t rgbKey[JET_cbKeyMostMost];
    uint32_t cbKey;
    struct bt_cursor *c;
    struct isam_tree *pt;

    if (pu->prep == JET_prepInsertCopyDeleteOriginal || pu->prep == JET_prepInsertCopyReplaceOriginal)
        CALL_R(delete_record(sess, pwt, pu->pbBm, pu->cbBm, false));
    CALL_R(check_nulls(pu));
    const struct rec_column *pcVersion = column_with_flag(pwt, REC_FIELD_VERSION);
    if (pcVersion && !is_set(pu, pcVersion->fid)) {
        static const uint8_t rgbZero[4] = { 0, 0, 0, 0 };
        const struct rec_value v = { rgbZero, 4, 0 };
        CALL_R(set_raw(pu, pcVersion, 1, &v, 0));
    }
    struct rec_view v;
    CALL_R(buf_view(pu, &v));
    if (pwt->pt->iidxPrimary >= 0) {
        CALL_R(isam_idx_primary_key(pwt, &v, rgbKey, &cbKey));
    } else {
        uint32_t dbk = 0;
        CALL_R(dbk_next(pwt, &dbk));
        cbKey = rec_key_dbk(rgbKey, dbk);
    }
    if (pvBm && cbKey > cbMax) return ERR_TRAP(JET_errBufferTooSmall);
    CALL_R(isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &pt));
    CALL_R(isam_node_insert(sess, c, pt, rgbKey, cbKey, pu->pbRec, pu->cbRec));
    if (pcbActual) *pcbActual = cbKey;
    if (pvBm) memcpy(pvBm, rgbKey, MIN(cbMax, cbKey));
    CALL_R(isam_idx_record(sess, pwt, NULL, &v, rgbKey, cbKey));
    return JET_errSuccess;
}

static JET_ERR do_replace(struct isam_session *sess, struct isam_upd *pu)
{
    JET_ERR err;
    struct isam_wtable *pwt = pu->pwt;
    struct bt_cursor *c;
    struct isam_tree *pt;
    uint8_t *pbNow = NULL;
    uint32_t cbNow;

    CALL(seek_record(pwt, pu->pbBm, pu->cbBm, &c, &pt));
    const uint8_t *pb = bt_data(c, &cbNow);
    /* No lock was taken: a record changed since the prepare is a write conflict (ESE's
     * ErrRECUpgradeReplaceNoLock checksum). */
    if (cbNow != pu->cbOrig || memcmp(pb, pu->pbOrig, cbNow) != 0) FAIL(JET_errWriteConflict);
    if (!pu->fAnySet) goto out;
    CALL(check_nulls(pu));
    struct rec_view vNew, vOld;
    CALL(rec_view_init(&vOld, pu->pbOrig, pu->cbOrig, pwt->db->cbPage, 0));
    if (pwt->pt->iidxPrimary >= 0) {
        uint8_t rgbKey[JET_cbKeyMostMost];
        uint32_t cbKey;
        CALL(buf_view(pu, &vNew));
        CALL(isam_idx_primary_key(pwt, &vNew, rgbKey, &cbKey));
        if (cbKey != pu->cbBm || memcmp(rgbKey, pu->pbBm, cbKey) != 0) FAIL(JET_errRecordPrimaryChanged);
    }
    const struct rec_column *pcVersion = column_with_flag(pwt, REC_FIELD_VERSION);
    if (pcVersion) {
        struct rec_value val;
        uint8_t rgb[4];
        CALL(rec_retrieve(&vOld, &pwt->pt->schema, pcVersion, 1, &val));
        const uint32_t ul = (err == JET_errSuccess && val.cb == 4) ? get_le32(val.pb) + 1 : 1;
        put_le32(rgb, ul);
        const struct rec_value vv = { rgb, 4, 0 };
        CALL(set_raw(pu, pcVersion, 1, &vv, 0));
    }
    CALL(buf_view(pu, &vNew));
    CALL(isam_idx_record(sess, pwt, &vOld, &vNew, pu->pbBm, pu->cbBm));
    CALL(seek_record(pwt, pu->pbBm, pu->cbBm, &c, &pt));
    CALL(isam_node_replace(sess, c, pt, pu->pbRec, pu->cbRec));
out:
    mem_free(pbNow);
    return err;
}

JET_ERR isam_upd_update(struct isam_session *sess, struct isam_upd *pu, void *pvBm, uint32_t cbMax, uint32_t *pcbActual,
        JET_GRBIT grbit)
{
    JET_ERR err;
    (void)grbit;
    if (!pu->fPrepared) return ERR_TRAP(JET_errUpdateNotPrepared);
    const bool fReplace = pu->prep == JET_prepReplace || pu->prep == JET_prepReplaceNoLock;
    if (fReplace && pvBm && cbMax > 0) {
        /* ESE gives the replaced record's bookmark before replacing it. */
        if (pcbActual) *pcbActual = pu->cbBm;
        memcpy(pvBm, pu->pbBm, MIN(cbMax, pu->cbBm));
    }
    CALL_R(isam_ver_pidx_check(sess, pu->pwt->db->dbid, pu->pwt->pt->table.objid));
    CALL_R(isam_wtrx_begin(sess));
    err = fReplace ? do_replace(sess, pu) : do_insert(sess, pu, pvBm, cbMax, pcbActual);
    err = isam_wtrx_end(sess, err);
    if (err < 0) return err;
    /* The update's long-value level commits with it. */
    if (pu->levelLV && sess->trx_level == pu->levelLV) {
        const JET_ERR errCommit = isam_trx_commit(sess, 0);
        if (errCommit < 0) return errCommit;
    }
    isam_upd_free(pu);
    return err;
}

/* ---- JetDelete, JetEscrowUpdate ------------------------------------------------------------------ */

JET_ERR isam_rec_delete(struct isam_session *sess, struct isam_wtable *pwt, const uint8_t *pbBm, uint32_t cbBm)
{
    JET_ERR err;
    CALL_R(isam_ver_pidx_check(sess, pwt->db->dbid, pwt->pt->table.objid));
    CALL_R(isam_wtrx_begin(sess));
    err = delete_record(sess, pwt, pbBm, cbBm, true);
    return isam_wtrx_end(sess, err);
}

/* ---- delete on zero ------------------------------------------------------------------------------
 * ESE marks an escrow delta that leaves a JET_bitColumnDeleteOnZero (or Finalize) column at zero;
 * once it is committed and no transaction can see the value before it (the version store's
 * cleanup), the record is deleted if the column is still zero (FINALIZETASK). Here every
 * versioned delta of such a column carries VER_DELTA_FINALIZE; the store's cleanup calls
 * isam_escrow_finalize (isam_ver.c's hook) once the node has no version left. Until then readers
 * see the record, with its value as their snapshot has it. A delta without a version
 * (JET_bitEscrowNoRollback, or no version store) is remembered on the session instead and the
 * record deleted at the commit to level 0. */
struct isam_escrow_zero {
    struct isam_escrow_zero *next;
    uint32_t level;                     /* the transaction level that made the change */
    uint32_t dbid, objidTable, fid, ibOffset, cb, cbBm;
    uint8_t rgbBm[];
};

static JET_ERR escrow_zero_remember(struct isam_session *sess, const struct isam_wtable *pwt,
        const struct rec_column *pc, const uint8_t *pbBm, uint32_t cbBm)
{
    struct isam_escrow_zero *e = mem_alloc(sizeof *e + cbBm);
    if (!e) return ERR_TRAP(JET_errOutOfMemory);
    e->level = sess->trx_level;
    e->dbid = pwt->db->dbid;
    e->objidTable = pwt->pt->table.objid;
    e->fid = pc->fid;
    e->ibOffset = pc->ibRecordOffset;
    e->cb = rec_coltyp_fixed_size(pc->coltyp, pc->cbMax);
    e->cbBm = cbBm;
    memcpy(e->rgbBm, pbBm, cbBm);
    e->next = sess->escrowZero;
    sess->escrowZero = e;
    return JET_errSuccess;
}

/* The record of e, if its column is still zero. */
static JET_ERR escrow_zero_delete(struct isam_session *sess, const struct isam_escrow_zero *e)
{
    JET_ERR err;
    struct isam_wtable *pwt = NULL;
    struct bt_cursor *c;
    struct isam_tree *pt;
    struct isam_db *db = isam_db_get(sess->inst, e->dbid);
    if (!db) return JET_errSuccess;     /* the database went away: nothing left to delete */
    err = isam_wtable_open(db, e->objidTable, &pwt);
    if (err == JET_errObjectNotFound) return JET_errSuccess;
    CALL(err);
    err = seek_record(pwt, e->rgbBm, e->cbBm, &c, &pt);
    if (err == JET_errRecordDeleted) FAIL(JET_errSuccess);
    CALL(err);
    uint32_t cbRec;
    const uint8_t *pbRec = bt_data(c, &cbRec);
    struct rec_view v;
    CALL(rec_view_init(&v, pbRec, cbRec, db->cbPage, 0));
    uint32_t fid = e->fid;
    for (uint32_t i = 0; fid == 0 && i < pwt->pt->creccol; i++) {
        const struct rec_column *pc = &pwt->pt->rgreccol[i];
        if (rec_fid_is_fixed(pc->fid) && pc->ibRecordOffset == e->ibOffset) fid = pc->fid;
    }
    if (fid == 0 || v.fidFixedLast < fid || e->ibOffset + e->cb > v.ibBitmap) FAIL(JET_errSuccess);
    for (uint32_t i = 0; i < e->cb; i++)
        if (pbRec[e->ibOffset + i]) FAIL(JET_errSuccess);
    CALL(isam_lv_open(sess, pwt, false));
    CALL(isam_rec_delete(sess, pwt, e->rgbBm, e->cbBm));
out:
    isam_wtable_close(pwt);
    return err;
}

JET_ERR isam_escrow_finalize(struct isam_instance *inst, uint32_t dbid, uint32_t objidTable, const void *pbBm,
        uint32_t cbBm, uint32_t ibOffset, uint32_t cb)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_escrow_zero *e = NULL;
    if (cbBm > JET_cbKeyMostMost || (cb != 4 && cb != 8)) return ERR_TRAP(JET_errInvalidParameter);
    e = mem_calloc(1, sizeof *e + cbBm);
    if (!e) return ERR_TRAP(JET_errOutOfMemory);
    *e = (struct isam_escrow_zero){ .dbid = dbid, .objidTable = objidTable, .ibOffset = ibOffset, .cb = cb, .cbBm = cbBm };
    memcpy(e->rgbBm, pbBm, cbBm);
    e->fid = 0;         /* escrow_zero_delete finds the column by its offset */
    CALL(isam_session_begin_internal(inst, &sess));
    CALL(isam_trx_begin(sess, 0));
    err = escrow_zero_delete(sess, e);
    if (err >= 0) err = isam_trx_commit(sess, JET_bitCommitLazyFlush);
    /* (an error leaves the transaction to isam_session_destroy_internal's rollback) */
out:
    if (sess) isam_session_destroy_internal(sess);
    mem_free(e);
    return err;
}

void isam_escrow_zero_commit(struct isam_session *sess)
{
    if (!sess->escrowZero) return;
    if (sess->trx_level > 0) {
        /* committed into the level below: it now belongs to that level */
        for (struct isam_escrow_zero *e = sess->escrowZero; e; e = e->next)
            if (e->level > sess->trx_level) e->level = sess->trx_level;
        return;
    }
    /* Taken off the session first: the deletes commit transactions of their own. */
    struct isam_escrow_zero *list = sess->escrowZero;
    sess->escrowZero = NULL;
    while (list) {
        struct isam_escrow_zero *e = list;
        list = e->next;
        const JET_ERR err = escrow_zero_delete(sess, e);
        if (err < 0) WARN("table %u: a record at zero in a delete-on-zero column stays: %ld", e->objidTable, (long)err);
        mem_free(e);
    }
}

void isam_escrow_zero_rollback(struct isam_session *sess)
{
    struct isam_escrow_zero **pp = &sess->escrowZero;
    while (*pp) {
        struct isam_escrow_zero *e = *pp;
        if (e->level > sess->trx_level) {
            *pp = e->next;
            mem_free(e);
        } else {
            pp = &e->next;
        }
    }
}

JET_ERR isam_rec_escrow(struct isam_session *sess, struct isam_wtable *pwt, const uint8_t *pbBm, uint32_t cbBm,
        JET_COLUMNID columnid, const void *pv, uint32_t cb, void *pvOld, uint32_t cbOldMax, uint32_t *pcbOldActual,
        JET_GRBIT grbit)
{
    JET_ERR err;
    const struct rec_column *pc;
    struct bt_cursor *c;
    struct isam_tree *pt;
    if (sess->trx_level == 0) return ERR_TRAP(JET_errNotInTransaction);
    CALL_R(isam_wtable_column(pwt, columnid, &pc));
    const uint32_t cbCol = rec_coltyp_fixed_size(pc->coltyp, pc->cbMax);
    if (cbCol != cb) return ERR_TRAP(JET_errInvalidBufferSize);
    if (pvOld && cbOldMax != 0 && cbCol > cbOldMax) return ERR_TRAP(JET_errInvalidBufferSize);
    if (!rec_fid_is_fixed(pc->fid)) return ERR_TRAP(JET_errInvalidOperation);
    if (!(pc->fFlags & REC_FIELD_ESCROW_UPDATE)) return ERR_TRAP(JET_errInvalidOperation);
    if (!pv) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(isam_wtrx_begin(sess));
    err = seek_record(pwt, pbBm, cbBm, &c, &pt);
    if (err >= 0) {
        uint32_t cbRec;
        const uint8_t *pbRec = bt_data(c, &cbRec);
        struct rec_view v;
        err = rec_view_init(&v, pbRec, cbRec, pwt->db->cbPage, 0);
        if (err >= 0 && (v.fidFixedLast < pc->fid || (uint32_t)pc->ibRecordOffset + cb > v.ibBitmap))
            err = ERR_TRAP(JET_errDatabaseCorrupted);
    }
    uint64_t qwBefore = 0;
    const int64_t delta = cb == 4 ? (int64_t)(int32_t)get_le32(pv) : (int64_t)get_le64(pv);
    /* version cleanup finalizes a versioned delta; the session does the others (see above) */
    const bool fFinalize = (pc->fFlags & (REC_FIELD_FINALIZE | REC_FIELD_DELETE_ON_ZERO)) != 0 && sess->trx.vs
            && !(grbit & JET_bitEscrowNoRollback);
    if (err >= 0) {
        if (grbit & JET_bitEscrowNoRollback)
            err = isam_node_delta_no_version(sess, c, pt, pc->ibRecordOffset, cb, delta, &qwBefore);
        else
            err = isam_node_delta(sess, c, pt, pc->ibRecordOffset, cb, delta, fFinalize ? VER_DELTA_FINALIZE : 0,
                                  &qwBefore);
    }
    err = isam_wtrx_end(sess, err);
    CALL_R(err);
    const uint64_t qwAfter = qwBefore + (uint64_t)delta;
    if ((pc->fFlags & (REC_FIELD_FINALIZE | REC_FIELD_DELETE_ON_ZERO)) && !fFinalize
            && (cb == 4 ? (uint32_t)qwAfter == 0 : qwAfter == 0))
        CALL_R(escrow_zero_remember(sess, pwt, pc, pbBm, cbBm));
    if (pvOld && cbOldMax >= cb) {
        uint8_t rgb[8];
        put_le64(rgb, qwBefore);
        memcpy(pvOld, rgb, cb);
    }
    if (pcbOldActual) *pcbOldActual = cb;
    return JET_errSuccess;
}
