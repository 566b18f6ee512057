/* SPDX-License-Identifier: MIT
 * record/rec_update.c: changing a record in a work buffer the way ESE's SetColumn does, and
 * building a table's default record.
 * Layer: record (uses base).
 * Windows' record bytes depend on how a record was built, so this file follows ESE's update
 * algorithm step for step rather than serializing from values: a fixed or variable column beyond
 * the last one in the record "bursts" the record (new space filled with '*', null bits set,
 * default values copied from the default record), tagged columns go through the TAGFLD
 * insert/resize/convert operations (TWOVALUES on small pages, MULTIVALUES otherwise, NULL
 * entries that override defaults). Every function computes the new size and checks it before
 * touching the buffer, so an error leaves the record as it was.
 * ESE-FORMAT-NOTES §9; ESE ese/fldmod.cxx (ErrRECISetIFixedColumn, ErrRECISetVarColumn),
 * ese/tagfld.cxx (TAGFIELDS::ErrSetColumn and helpers), ese/fileopen.cxx (default record). */
#include "rec_int.h"
#include "debug.h"

DEBUG_CHANNEL(record);

void rec_init_minimum(struct rec_buf *prb)
{
    assert(prb->cbMax >= REC_CB_HEADER);
    prb->pb[REC_IB_FID_FIXED_LAST] = REC_FID_FIXED_NONE;
    prb->pb[REC_IB_FID_VAR_LAST] = REC_FID_VAR_NONE;
    put_le16(prb->pb + REC_IB_END_FIXED, REC_CB_HEADER);
    prb->cb = REC_CB_HEADER;
}

JET_ERR rec_init_insert(struct rec_buf *prb, const struct rec_schema *ps)
{
    JET_ERR err;
    if (!ps->pbDefaultRecord) {
        rec_init_minimum(prb);
        return JET_errSuccess;
    }
    struct rec_view v;
    CALL_R(rec_view_init(&v, ps->pbDefaultRecord, ps->cbDefaultRecord, ps->cbPage, 0));
    if (v.ibTagged > prb->cbMax)
        return ERR_TRAP(JET_errRecordTooBig);
    memcpy(prb->pb, ps->pbDefaultRecord, v.ibTagged);
    prb->cb = v.ibTagged;
    return JET_errSuccess;
}

static uint32_t record_most(const struct rec_buf *prb, const struct rec_schema *ps)
{
    uint32_t cb = rec_cb_record_most(ps->cbPage, ps->cbKeyMostPrimary ? ps->cbKeyMostPrimary : 4);
    return MIN(cb, prb->cbMax);
}

/* TDB::IbOffsetOfNextColumn: where the fixed column after fid starts (the end of fid's slot). */
static JET_ERR fixed_end(const struct rec_schema *ps, uint32_t fid, uint32_t *pib)
{
    if (fid == REC_FID_FIXED_NONE) {
        *pib = REC_IB_FIXED_FIRST;
        return JET_errSuccess;
    }
    const struct rec_column *pc = rec_schema_find(ps, fid);
    if (!pc)
        return REC_CORRUPT("record holds a fixed column the schema lacks");
    const struct rec_column *pcNext = rec_schema_find(ps, fid + 1);
    if (pcNext && rec_fid_is_fixed(pcNext->fid))
        *pib = pcNext->ibRecordOffset;
    else
        *pib = pc->ibRecordOffset + rec_coltyp_fixed_size(pc->coltyp, pc->cbMax);
    return JET_errSuccess;
}

static bool lid_valid(const struct rec_value *pval)
{
    uint64_t lid;
    return rec_lid_get(pval->pb, pval->cb, &lid);
}

static bool column_has_default(const struct rec_column *pc)
{
    return pc && (pc->fFlags & REC_FIELD_DEFAULT) && pc->coltyp != JET_coltypNil;
}

/* ================================================================ fixed columns ============= */

static JET_ERR set_fixed(struct rec_buf *prb, const struct rec_schema *ps, const struct rec_column *pc,
        const struct rec_value *pval)
{
    JET_ERR err;
    struct rec_view v;
    uint8_t *pb = prb->pb;
    const uint32_t fid = pc->fid;
    const uint32_t cbCol = rec_coltyp_fixed_size(pc->coltyp, pc->cbMax);
    const bool fNull = !pval || pval->cb == 0;   /* zero-length is NULL for fixed columns */

    CALL_R(rec_view_init(&v, prb->pb, prb->cb, ps->cbPage, 0));
    if (fNull && (pc->fFlags & REC_FIELD_NOT_NULL))
        return ERR_TRAP(JET_errNullInvalid);
    if (!fNull && pval->cb != cbCol) {
        bool fPadded = pc->coltyp == JET_coltypBinary || pc->coltyp == JET_coltypText;
        if (!fPadded || pval->cb > cbCol)
            return ERR_TRAP(JET_errInvalidBufferSize);
    }
    if (pc->ibRecordOffset < REC_IB_FIXED_FIRST)
        return ERR_TRAP(JET_errInvalidParameter);

    if (fid > v.fidFixedLast) {
        /* Burst: grow the fixed area up to this column and the null bitmap with it. */
        uint32_t ibOldFixEnd = v.ibBitmap, ibOldBitmapEnd = v.ibEndFixed;
        uint32_t cbOldBitmap = ibOldBitmapEnd - ibOldFixEnd, ibCheck;
        CALL_R(fixed_end(ps, v.fidFixedLast, &ibCheck));
        if (ibCheck != ibOldFixEnd)
            return REC_CORRUPT("fixed area does not match the schema");
        uint32_t ibNewFixEnd;
        CALL_R(fixed_end(ps, fid, &ibNewFixEnd));
        if (ibNewFixEnd < pc->ibRecordOffset + cbCol || ibNewFixEnd <= ibOldFixEnd)
            return ERR_TRAP(JET_errInvalidParameter);
        uint32_t cbNewBitmap = (fid + 7) / 8;
        uint32_t ibNewBitmapEnd = ibNewFixEnd + cbNewBitmap;
        uint32_t cbShift = ibNewBitmapEnd - ibOldBitmapEnd;
        if (ibNewBitmapEnd > 0xFFFF || prb->cb + cbShift > record_most(prb, ps))
            return ERR_TRAP(JET_errRecordTooBig);

        /* The default record, for the defaults between the old end and this column. */
        struct rec_view vd;
        const uint8_t *pbDefault = NULL;
        if (ps->pbDefaultRecord) {
            CALL_R(rec_view_init(&vd, ps->pbDefaultRecord, ps->cbDefaultRecord, ps->cbPage, 0));
            pbDefault = ps->pbDefaultRecord;
        }

        memmove(pb + ibNewBitmapEnd, pb + ibOldBitmapEnd, prb->cb - ibOldBitmapEnd);
        memset(pb + ibOldBitmapEnd, REC_FILL, cbShift);
        prb->cb += cbShift;
        put_le16(pb + REC_IB_END_FIXED, (uint16_t)ibNewBitmapEnd);
        memmove(pb + ibNewFixEnd, pb + ibOldFixEnd, cbOldBitmap);
        memset(pb + ibOldFixEnd, REC_FILL, ibNewFixEnd - ibOldFixEnd);

        /* New columns are NULL: the rest of the last old bitmap byte, then whole 0xFF bytes. */
        uint8_t *pbBitmap = pb + ibNewFixEnd, *pbNullity;
        if (v.fidFixedLast != REC_FID_FIXED_NONE) {
            uint32_t ibyte = (v.fidFixedLast - 1u) / 8u;
            for (uint32_t fidT = v.fidFixedLast + 1u; fidT <= fid && (fidT - 1) / 8 == ibyte; fidT++)
                pbBitmap[ibyte] |= (uint8_t)(1u << ((fidT - 1) % 8));
            pbNullity = pbBitmap + ibyte + 1;
        } else {
            pbNullity = pbBitmap;
        }
        memset(pbNullity, 0xFF, (size_t)(pb + ibNewBitmapEnd - pbNullity));

        /* Burst the defaults of the columns in between (from the default record). */
        if (pbDefault && vd.fidFixedLast > v.fidFixedLast) {
            uint32_t fidLastDefault = vd.fidFixedLast;
            uint32_t fidCheckLast = MIN(fid, (uint32_t)vd.fidFixedLast);
            for (uint32_t fidT = v.fidFixedLast + 1u; fidT <= fidCheckLast; fidT++) {
                if (column_has_default(rec_schema_find(ps, fidT))) {
                    pbBitmap[(fidT - 1) / 8] &= (uint8_t)~(1u << ((fidT - 1) % 8));
                    fidLastDefault = fidT;
                }
            }
            if (fidLastDefault <= fid) {
                uint32_t ibLast;
                CALL_R(fixed_end(ps, fidLastDefault, &ibLast));
                if (ibLast > vd.ibBitmap)
                    return REC_CORRUPT("default record shorter than its schema");
                memcpy(pb + ibOldFixEnd, pbDefault + ibOldFixEnd, ibLast - ibOldFixEnd);
            }
        }
        pb[REC_IB_FID_FIXED_LAST] = (uint8_t)fid;
        v.ibBitmap = ibNewFixEnd;
    } else if (v.ibBitmap < pc->ibRecordOffset + cbCol) {
        return REC_CORRUPT("fixed column outside the record's fixed area");
    }

    uint8_t *pbNull = pb + v.ibBitmap + (fid - 1) / 8;
    uint8_t bit = (uint8_t)(1u << ((fid - 1) % 8));
    if (fNull) {
        *pbNull |= bit;
        return JET_errSuccess;
    }
    uint8_t *pbSlot = pb + pc->ibRecordOffset;
    if (pval->cb < cbCol) {
        if (pc->coltyp == JET_coltypBinary) {
            memset(pbSlot + pval->cb, 0, cbCol - pval->cb);
        } else if (pc->cp == REC_CP_UNICODE) {
            static const uint8_t rgbFill[2] = { ' ', 0 };   /* L' ' */
            for (uint32_t ib = pval->cb; ib < cbCol; ib++)
                pbSlot[ib] = rgbFill[ib % 2];
        } else {
            memset(pbSlot + pval->cb, ' ', cbCol - pval->cb);
        }
    }
    *pbNull &= (uint8_t)~bit;
    if (pc->coltyp == JET_coltypBit)
        *pbSlot = pval->pb[0] ? 0xFF : 0x00;
    else
        memcpy(pbSlot, pval->pb, pval->cb);
    return JET_errSuccess;
}

/* ============================================================= variable columns ============ */

static JET_ERR set_var(struct rec_buf *prb, const struct rec_schema *ps, const struct rec_column *pc,
        const struct rec_value *pval)
{
    JET_ERR err, wrn = JET_errSuccess;
    struct rec_view v;
    uint8_t *pb = prb->pb;
    const uint32_t fid = pc->fid;
    uint32_t cbCopy = 0;

    CALL_R(rec_view_init(&v, prb->pb, prb->cb, ps->cbPage, 0));
    if (!pval) {
        if (pc->fFlags & REC_FIELD_NOT_NULL)
            return ERR_TRAP(JET_errNullInvalid);
    } else {
        cbCopy = pval->cb;
        uint32_t cbLimit = pc->cbMax ? MIN(pc->cbMax, (uint32_t)JET_cbColumnMost) : JET_cbColumnMost;
        if (cbCopy > cbLimit) {
            cbCopy = cbLimit;
            wrn = JET_wrnColumnMaxTruncated;
        }
    }
    const uint32_t cbMost = record_most(prb, ps);

    if (fid > v.fidVarLast) {
        const uint32_t fidVarLastInRec = v.fidVarLast;
        const uint32_t cbNeed = (fid - fidVarLastInRec) * 2;

        /* Defaults of the columns in between (CbBurstVarDefaults). */
        struct rec_view vd;
        uint32_t cbBurst = 0, fidLastDefault = REC_FID_VAR_NONE;
        if (ps->pbDefaultRecord) {
            CALL_R(rec_view_init(&vd, ps->pbDefaultRecord, ps->cbDefaultRecord, ps->cbPage, 0));
            fidLastDefault = vd.fidVarLast;
            if (vd.fidVarLast > fidVarLastInRec) {
                for (uint32_t fidT = fidVarLastInRec + 1; fidT < fid; fidT++) {
                    if (!column_has_default(rec_schema_find(ps, fidT)) || fidT > vd.fidVarLast)
                        continue;
                    enum rec_presence pres;
                    struct rec_value vdef;
                    CALL_R(rec_get_var(&vd, fidT, &pres, &vdef));
                    if (pres != REC_PRESENT)
                        return REC_CORRUPT("default record lacks a variable default");
                    cbBurst += vdef.cb;
                    fidLastDefault = fidT;
                }
            }
        }
        if (prb->cb + cbNeed + cbBurst + cbCopy > cbMost)
            return ERR_TRAP(JET_errRecordTooBig);

        /* Room for the new offsets; they start NULL at the end of the variable data. */
        uint32_t ibVarOffsEnd = v.ibVarData;
        memmove(pb + ibVarOffsEnd + cbNeed, pb + ibVarOffsEnd, prb->cb - ibVarOffsEnd);
        memset(pb + ibVarOffsEnd, REC_FILL, cbNeed);
        uint16_t wTagFields = (uint16_t)((v.ibTagged - v.ibVarData) | REC_VAR_NULL);
        for (uint32_t i = 0; i < cbNeed / 2; i++)
            put_le16(pb + ibVarOffsEnd + 2 * i, wTagFields);
        pb[REC_IB_FID_VAR_LAST] = (uint8_t)fid;
        prb->cb += cbNeed;

        if (cbBurst > 0) {
            uint8_t *pbOffs = pb + v.ibVarOffsets;
            uint8_t *pbVarData = pbOffs + 2 * (fid - REC_FID_VAR_NONE);
            uint32_t ibOldEnd = wTagFields & REC_VAR_IB_MASK;
            memmove(pbVarData + ibOldEnd + cbBurst, pbVarData + ibOldEnd, prb->cb - (uint32_t)(pbVarData + ibOldEnd - pb));
            uint32_t fidT;
            for (fidT = fidVarLastInRec + 1; fidT <= fidLastDefault; fidT++) {
                uint32_t i = fidT - REC_FID_VAR_FIRST;
                uint32_t ibPrev = i ? (get_le16(pbOffs + 2 * (i - 1)) & REC_VAR_IB_MASK) : 0;
                if (column_has_default(rec_schema_find(ps, fidT))) {
                    enum rec_presence pres;
                    struct rec_value vdef;
                    CALL_R(rec_get_var(&vd, fidT, &pres, &vdef));
                    memcpy(pbVarData + ibPrev, vdef.pb, vdef.cb);
                    put_le16(pbOffs + 2 * i, (uint16_t)(ibPrev + vdef.cb));
                } else if (i) {
                    put_le16(pbOffs + 2 * i, (uint16_t)(ibPrev | REC_VAR_NULL));
                }
            }
            for (; fidT <= fid; fidT++) {
                uint32_t i = fidT - REC_FID_VAR_FIRST;
                put_le16(pbOffs + 2 * i, (uint16_t)(get_le16(pbOffs + 2 * i) + cbBurst));
            }
            prb->cb += cbBurst;
        }
        CALL_R(rec_view_init(&v, prb->pb, prb->cb, ps->cbPage, 0));
    }

    uint8_t *pbOffs = pb + v.ibVarOffsets;
    uint8_t *pbVarData = pb + v.ibVarData;
    uint32_t i = fid - REC_FID_VAR_FIRST;
    uint32_t ibStart = i ? (get_le16(pbOffs + 2 * (i - 1)) & REC_VAR_IB_MASK) : 0;
    uint32_t ibEnd = get_le16(pbOffs + 2 * i) & REC_VAR_IB_MASK;
    int32_t delta = (int32_t)cbCopy - (int32_t)(ibEnd - ibStart);
    if (delta != 0) {
        if ((int64_t)prb->cb + delta > (int64_t)cbMost)
            return ERR_TRAP(JET_errRecordTooBig);
        uint32_t ibTail = (uint32_t)(pbVarData + ibEnd - pb);
        memmove(pbVarData + ibEnd + delta, pbVarData + ibEnd, prb->cb - ibTail);
        prb->cb = (uint32_t)((int32_t)prb->cb + delta);
        for (uint32_t j = i; j <= (uint32_t)(v.fidVarLast - REC_FID_VAR_FIRST); j++)
            put_le16(pbOffs + 2 * j, (uint16_t)(get_le16(pbOffs + 2 * j) + delta));
    }
    if (cbCopy)
        memcpy(pbVarData + ibStart, pval->pb, cbCopy);
    uint16_t w = get_le16(pbOffs + 2 * i);
    put_le16(pbOffs + 2 * i, pval ? (uint16_t)(w & ~REC_VAR_NULL) : (uint16_t)(w | REC_VAR_NULL));
    return wrn;
}

/* ============================================================== tagged columns ============== */

/* The tagged area of a record being changed (ESE's TAGFIELDS). */
struct tagfields {
    uint8_t *pb;        /* start of the tagged area */
    uint32_t cb;        /* its length (to the end of the record) */
    uint32_t ctag;
    bool fLarge;
    uint16_t mask;
};

static uint16_t tf_fid(const struct tagfields *ptf, uint32_t i) { return get_le16(ptf->pb + 4 * i); }
static uint16_t tf_w(const struct tagfields *ptf, uint32_t i) { return get_le16(ptf->pb + 4 * i + 2); }
static void tf_set_w(struct tagfields *ptf, uint32_t i, uint16_t w) { put_le16(ptf->pb + 4 * i + 2, w); }
static uint32_t tf_ib(const struct tagfields *ptf, uint32_t i) { return tf_w(ptf, i) & ptf->mask; }
static uint32_t tf_cb(const struct tagfields *ptf, uint32_t i)
{
    return (i + 1 < ptf->ctag ? tf_ib(ptf, i + 1) : ptf->cb) - tf_ib(ptf, i);
}
static uint8_t *tf_data(struct tagfields *ptf, uint32_t i) { return ptf->pb + tf_ib(ptf, i); }
static bool tf_derived(const struct tagfields *ptf, uint32_t i) { return tf_w(ptf, i) & REC_TAGFLD_DERIVED; }
static bool tf_extended(const struct tagfields *ptf, uint32_t i)
{
    return ptf->fLarge || (tf_w(ptf, i) & REC_TAGFLD_EXTENDED_SMALL);
}
static bool tf_null(const struct tagfields *ptf, uint32_t i)
{
    if (!ptf->fLarge)
        return tf_w(ptf, i) & REC_TAGFLD_NULL_SMALL;
    return tf_data((struct tagfields *)ptf, i)[0] & REC_TH_NULL;
}
static void tf_delta_ib(struct tagfields *ptf, uint32_t i, int32_t delta)
{
    uint16_t w = tf_w(ptf, i);
    uint32_t ib = (uint32_t)((int32_t)(w & ptf->mask) + delta);
    tf_set_w(ptf, i, (uint16_t)((w & ~ptf->mask) | (ib & ptf->mask)));
}

/* Lower bound of (fid, fDerived) in stored order. */
static uint32_t tf_find(const struct tagfields *ptf, uint32_t fid, bool fDerived)
{
    uint32_t lo = 0, hi = ptf->ctag;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        bool d = tf_derived(ptf, mid);
        uint32_t f = tf_fid(ptf, mid);
        bool fLess = d != fDerived ? d : f < fid;
        if (fLess)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ResizeTagfld: grow/shrink column i's data by delta at its end. */
static void tf_resize(struct tagfields *ptf, uint32_t i, int32_t delta)
{
    if (i + 1 < ptf->ctag) {
        uint8_t *pbFrom = tf_data(ptf, i + 1);
        memmove(pbFrom + delta, pbFrom, ptf->cb - tf_ib(ptf, i + 1));
    }
    ptf->cb = (uint32_t)((int32_t)ptf->cb + delta);
    for (uint32_t j = i + 1; j < ptf->ctag; j++)
        tf_delta_ib(ptf, j, delta);
}

/* InsertTagfld: a new entry at position i with cbData bytes of room (header byte included). */
static void tf_insert(struct tagfields *ptf, uint32_t i, uint16_t fid, uint16_t wFlags, uint32_t cbData)
{
    uint32_t ibNew;
    if (i < ptf->ctag) {
        uint32_t ibMoveFrom = tf_ib(ptf, i);
        memmove(ptf->pb + ibMoveFrom + 4 + cbData, ptf->pb + ibMoveFrom, ptf->cb - ibMoveFrom);
        memmove(ptf->pb + 4 * i + 4, ptf->pb + 4 * i, ibMoveFrom - 4 * i);
        ibNew = 4 + ibMoveFrom;
    } else if (ptf->ctag > 0) {
        uint32_t ibData = tf_ib(ptf, 0);
        memmove(ptf->pb + ibData + 4, ptf->pb + ibData, ptf->cb - ibData);
        ibNew = 4 + ptf->cb;
    } else {
        ibNew = 4;
    }
    ptf->cb += 4 + cbData;
    ptf->ctag++;
    put_le16(ptf->pb + 4 * i, fid);
    tf_set_w(ptf, i, (uint16_t)((wFlags & ~ptf->mask) | (ibNew & ptf->mask)));
    for (uint32_t j = 0; j < i; j++)
        tf_delta_ib(ptf, j, 4);
    for (uint32_t j = i + 1; j < ptf->ctag; j++)
        tf_delta_ib(ptf, j, (int32_t)(4 + cbData));
}

/* DeleteTagfld. */
static void tf_delete(struct tagfields *ptf, uint32_t i)
{
    uint32_t cbData = tf_cb(ptf, i), ibData = tf_ib(ptf, i);
    /* remove the entry, then (shifted by 4) the data */
    memmove(ptf->pb + 4 * i, ptf->pb + 4 * i + 4, ptf->cb - 4 * i - 4);
    if (cbData)
        memmove(ptf->pb + ibData - 4, ptf->pb + ibData - 4 + cbData, ptf->cb - 4 - (ibData - 4 + cbData));
    ptf->cb -= 4 + cbData;
    ptf->ctag--;
    for (uint32_t j = 0; j < i; j++)
        tf_delta_ib(ptf, j, -4);
    for (uint32_t j = i; j < ptf->ctag; j++)
        tf_delta_ib(ptf, j, -(int32_t)(4 + cbData));
}

static uint8_t header_for(uint32_t coltyp, bool fSeparated, bool fNull, bool fCompressed, bool fEncrypted, bool fLarge)
{
    uint8_t b = 0;
    if (rec_coltyp_is_long(coltyp))
        b |= REC_TH_LONG_VALUE;
    if (fSeparated)
        b |= REC_TH_SEPARATED;
    if (fCompressed)
        b |= REC_TH_COMPRESSED;
    if (fEncrypted)
        b |= REC_TH_ENCRYPTED;
    if (fNull && fLarge)
        b |= REC_TH_NULL;
    return b;
}

/* MULTIVALUES helpers on the data after the header byte (pbMV, cbMV bytes). */
static uint32_t mv_count(const uint8_t *pbMV) { return (get_le16(pbMV) & REC_MV_IB_MASK) / 2; }
static uint32_t mv_ib(const uint8_t *pbMV, uint32_t imv) { return get_le16(pbMV + 2 * imv) & REC_MV_IB_MASK; }
static uint32_t mv_cb(const uint8_t *pbMV, uint32_t cbMV, uint32_t imv)
{
    uint32_t c = mv_count(pbMV);
    return (imv + 1 < c ? mv_ib(pbMV, imv + 1) : cbMV) - mv_ib(pbMV, imv);
}
static void mv_delta(uint8_t *pbMV, uint32_t imv, int32_t delta)
{
    uint16_t w = get_le16(pbMV + 2 * imv);
    put_le16(pbMV + 2 * imv, (uint16_t)((w & REC_MV_SEPARATED) | (((w & REC_MV_IB_MASK) + delta) & REC_MV_IB_MASK)));
}

static JET_ERR set_tagged(struct rec_buf *prb, const struct rec_schema *ps, const struct rec_column *pc,
        uint32_t itag, const struct rec_value *pval, uint32_t grbit)
{
    JET_ERR err;
    struct rec_view v;
    CALL_R(rec_view_init(&v, prb->pb, prb->cb, ps->cbPage, 0));
    if (pval && !rec_coltyp_is_long(pc->coltyp) && pval->cb > JET_cbColumnMost)
        return ERR_TRAP(JET_errInvalidBufferSize);
    if ((grbit & REC_SET_SEPARATED) && (!pval || !rec_coltyp_is_long(pc->coltyp) || !lid_valid(pval)))
        return ERR_TRAP(JET_errInvalidParameter);

    struct tagfields tf = { prb->pb + v.ibTagged, prb->cb - v.ibTagged, v.ctagged, v.fLarge,
                            (uint16_t)rec_tagfld_ib_mask(v.fLarge) };
    const uint32_t cbRec = prb->cb, cbMost = record_most(prb, ps);
    const bool fLarge = v.fLarge;
    const uint32_t cbHeaderDefault = fLarge ? 1 : 0;
    const bool fUseDerived = (grbit & REC_SET_USE_DERIVED_BIT) || rec_column_derived_bit(ps, pc);
    const bool fSep = grbit & REC_SET_SEPARATED, fComp = grbit & REC_SET_COMPRESSED, fEnc = grbit & REC_SET_ENCRYPTED;
    const bool fLong = rec_coltyp_is_long(pc->coltyp);
    const bool fDefault = pc->fFlags & REC_FIELD_DEFAULT;
    const bool fRevert = grbit & REC_SET_REVERT_TO_DEFAULT;

    uint32_t i = tf_find(&tf, pc->fid, fUseDerived);
    bool fExists = i < tf.ctag && tf_fid(&tf, i) == pc->fid && tf_derived(&tf, i) == fUseDerived;

    if (!fExists) {
        uint16_t wFlags = fUseDerived ? REC_TAGFLD_DERIVED : 0;
        uint32_t cbField = fLarge ? 1 : 0;
        bool fNullEntry = false;
        if (!pval) {
            if (!(fDefault && itag == 1 && !fRevert))
                return JET_errSuccess;
            fNullEntry = true;
            if (!fLarge)
                wFlags |= REC_TAGFLD_NULL_SMALL;
        } else {
            cbField += pval->cb;
            if (!fLarge && fLong) {
                cbField += 1;
                wFlags |= REC_TAGFLD_EXTENDED_SMALL;
            }
        }
        if (cbRec + 4 + cbField > cbMost)
            return ERR_TRAP(JET_errRecordTooBig);
        tf_insert(&tf, i, pc->fid, wFlags, cbField);
        uint8_t *pbData = tf_data(&tf, i);
        if (fLarge || (wFlags & REC_TAGFLD_EXTENDED_SMALL))
            *pbData++ = header_for(pc->coltyp, fSep, fNullEntry, fComp, fEnc, fLarge);
        if (pval && pval->cb)
            memcpy(pbData, pval->pb, pval->cb);
        goto done;
    }

    uint8_t *pbData = tf_data(&tf, i);
    const bool fHeader = tf_extended(&tf, i);
    const bool fIsNull = tf_null(&tf, i);
    const uint8_t bHeader = fHeader ? pbData[0] : 0;
    /* The entry must agree with its column's type (TAGFIELDS::AssertValidTagColumns): a value of
     * an LV column carries the LV header bit, any other value does not. */
    if (!fIsNull && (fHeader ? fLong != (bool)(bHeader & REC_TH_LONG_VALUE) : fLong))
        return REC_CORRUPT("tagged value does not match its column type");

    if (pval) {
        const uint32_t cb = pval->cb;
        if (fHeader && (bHeader & REC_TH_MULTI)) {
            int32_t delta = (int32_t)cb;
            uint8_t *pbMV = pbData + 1;
            uint32_t cbMV = tf_cb(&tf, i) - 1;
            if (bHeader & REC_TH_TWO) {
                if (fLarge)
                    return REC_CORRUPT("TWOVALUES on a large page");
                uint32_t cb1 = pbMV[0], cb2 = cbMV - 1 - cb1;
                if (itag == 1 || itag == 2) {
                    delta -= (int32_t)(itag == 1 ? cb1 : cb2);
                    if ((int64_t)cbRec + delta > cbMost)
                        return ERR_TRAP(JET_errRecordTooBig);
                    if (delta > 0)
                        tf_resize(&tf, i, delta);
                    pbMV = tf_data(&tf, i) + 1;
                    if (itag == 1) {
                        memmove(pbMV + 1 + cb, pbMV + 1 + cb1, cb2);
                        memcpy(pbMV + 1, pval->pb, cb);
                        pbMV[0] = (uint8_t)cb;
                    } else {
                        memcpy(pbMV + 1 + cb1, pval->pb, cb);
                    }
                    if (delta < 0)
                        tf_resize(&tf, i, delta);
                } else {
                    /* a third value: TWOVALUES becomes MULTIVALUES */
                    delta += 3 * 2 - 1;
                    if ((int64_t)cbRec + delta > cbMost)
                        return ERR_TRAP(JET_errRecordTooBig);
                    tf_resize(&tf, i, delta);
                    uint8_t *pbH = tf_data(&tf, i);
                    pbMV = pbH + 1;
                    memmove(pbMV + 6, pbMV + 1, cb1 + cb2);
                    put_le16(pbMV, 6);
                    put_le16(pbMV + 2, (uint16_t)(6 + cb1));
                    put_le16(pbMV + 4, (uint16_t)(6 + cb1 + cb2));
                    memcpy(pbMV + 6 + cb1 + cb2, pval->pb, cb);
                    pbH[0] = (uint8_t)(pbH[0] & ~REC_TH_TWO);
                }
            } else {
                uint32_t cmv = mv_count(pbMV);
                if (itag != 1 && fComp)
                    return ERR_REC_COMPRESSION_NOT_POSSIBLE;
                if (itag == 0 || itag > cmv) {
                    delta += 2;
                    if ((int64_t)cbRec + delta > cbMost)
                        return ERR_TRAP(JET_errRecordTooBig);
                    tf_resize(&tf, i, delta);
                    pbMV = tf_data(&tf, i) + 1;
                    /* AddInstance: room for one more offset, offsets shift by 2, data at the end */
                    uint32_t ibStartData = mv_ib(pbMV, 0);
                    memmove(pbMV + ibStartData + 2, pbMV + ibStartData, cbMV - ibStartData);
                    for (uint32_t imv = 0; imv < cmv; imv++)
                        mv_delta(pbMV, imv, 2);
                    put_le16(pbMV + 2 * cmv, (uint16_t)((2 + cbMV) | (fSep ? REC_MV_SEPARATED : 0)));
                    memcpy(pbMV + 2 + cbMV, pval->pb, cb);
                } else {
                    uint32_t imv = itag - 1, cbOld = mv_cb(pbMV, cbMV, imv);
                    delta -= (int32_t)cbOld;
                    if ((int64_t)cbRec + delta > cbMost)
                        return ERR_TRAP(JET_errRecordTooBig);
                    if (delta > 0)
                        tf_resize(&tf, i, delta);
                    uint8_t *pbH = tf_data(&tf, i);
                    pbMV = pbH + 1;
                    uint32_t ib = mv_ib(pbMV, imv);
                    if (delta != 0) {
                        memmove(pbMV + ib + cb, pbMV + ib + cbOld, cbMV - ib - cbOld);
                        for (uint32_t j = imv + 1; j < cmv; j++)
                            mv_delta(pbMV, j, delta);
                    }
                    if (imv == 0)
                        pbH[0] = (uint8_t)(fComp ? pbH[0] | REC_TH_COMPRESSED : pbH[0] & ~REC_TH_COMPRESSED);
                    uint16_t w = get_le16(pbMV + 2 * imv);
                    put_le16(pbMV + 2 * imv, (uint16_t)(fSep ? w | REC_MV_SEPARATED : w & ~REC_MV_SEPARATED));
                    memcpy(pbMV + ib, pval->pb, cb);
                    if (delta < 0)
                        tf_resize(&tf, i, delta);
                }
            }
            goto done;
        }
        if (itag == 1 || fIsNull) {
            /* overwrite the single value, or turn a NULL entry into a value */
            int32_t delta = (int32_t)(cb + cbHeaderDefault) - (int32_t)tf_cb(&tf, i);
            if (!fLarge && fLong)
                delta += 1;
            if ((int64_t)cbRec + delta > cbMost)
                return ERR_TRAP(JET_errRecordTooBig);
            if (!fLarge)
                tf_set_w(&tf, i, (uint16_t)(tf_w(&tf, i) & ~REC_TAGFLD_NULL_SMALL));
            else if (fIsNull)
                pbData[0] = header_for(pc->coltyp, false, false, false, false, fLarge);   /* a NULL's other bits mean nothing */
            else
                pbData[0] = (uint8_t)(pbData[0] & ~REC_TH_NULL);
            if (delta != 0)
                tf_resize(&tf, i, delta);
            pbData = tf_data(&tf, i);
            if (fHeader) {
                uint8_t b = pbData[0];
                b = (uint8_t)(fComp ? b | REC_TH_COMPRESSED : b & ~REC_TH_COMPRESSED);
                b = (uint8_t)(fEnc ? b | REC_TH_ENCRYPTED : b & ~REC_TH_ENCRYPTED);
                b = (uint8_t)(fSep ? b | REC_TH_SEPARATED : b & ~REC_TH_SEPARATED);
                pbData[0] = b;
                pbData++;
            } else if (fLong) {
                *pbData++ = header_for(pc->coltyp, fSep, false, fComp, fEnc, fLarge);
                tf_set_w(&tf, i, (uint16_t)(tf_w(&tf, i) | REC_TAGFLD_EXTENDED_SMALL));
            }
            if (cb)
                memcpy(pbData, pval->pb, cb);
            goto done;
        }
        /* a second value */
        if (fComp)
            return ERR_REC_COMPRESSION_NOT_POSSIBLE;
        if (fHeader) {
            uint32_t cbOld = tf_cb(&tf, i) - 1;
            if ((int64_t)cbRec + 4 + cb > cbMost)
                return ERR_TRAP(JET_errRecordTooBig);
            bool fOldSep = bHeader & REC_TH_SEPARATED;
            tf_resize(&tf, i, (int32_t)(4 + cb));
            uint8_t *pbH = tf_data(&tf, i);
            pbH[0] = (uint8_t)((pbH[0] & ~REC_TH_SEPARATED) | REC_TH_MULTI);
            uint8_t *pbMV = pbH + 1;
            memmove(pbMV + 4, pbMV, cbOld);
            put_le16(pbMV, (uint16_t)(4 | (fOldSep ? REC_MV_SEPARATED : 0)));
            put_le16(pbMV + 2, (uint16_t)((4 + cbOld) | (fSep ? REC_MV_SEPARATED : 0)));
            memcpy(pbMV + 4 + cbOld, pval->pb, cb);
        } else {
            uint32_t cbOld = tf_cb(&tf, i);
            if ((int64_t)cbRec + 2 + cb > cbMost)
                return ERR_TRAP(JET_errRecordTooBig);
            tf_resize(&tf, i, (int32_t)(2 + cb));
            uint8_t *pbH = tf_data(&tf, i);
            memmove(pbH + 2, pbH, cbOld);
            pbH[0] = (uint8_t)(header_for(pc->coltyp, false, false, false, false, fLarge) | REC_TH_MULTI | REC_TH_TWO);
            pbH[1] = (uint8_t)cbOld;
            memcpy(pbH + 2 + cbOld, pval->pb, cb);
            tf_set_w(&tf, i, (uint16_t)(tf_w(&tf, i) | REC_TAGFLD_EXTENDED_SMALL));
        }
        goto done;
    }

    /* setting NULL */
    if (fIsNull) {
        if (fRevert)
            tf_delete(&tf, i);
        goto done;
    }
    if (fHeader && (bHeader & REC_TH_MULTI)) {
        uint8_t *pbMV = pbData + 1;
        uint32_t cbData = tf_cb(&tf, i), cbMV = cbData - 1, cbRemain;
        if (bHeader & REC_TH_TWO) {
            if (fLarge)
                return REC_CORRUPT("TWOVALUES on a large page");
            if (itag != 1 && itag != 2)
                goto done;
            uint32_t cb1 = pbMV[0], cb2 = cbMV - 1 - cb1;
            const uint8_t *pbKeep = itag == 1 ? pbMV + 1 + cb1 : pbMV + 1;
            cbRemain = itag == 1 ? cb2 : cb1;
            memmove(pbData, pbKeep, cbRemain);
            tf_set_w(&tf, i, (uint16_t)(tf_w(&tf, i) & ~REC_TAGFLD_EXTENDED_SMALL));
        } else {
            uint32_t cmv = mv_count(pbMV);
            if (itag == 0 || itag > cmv)
                goto done;
            uint32_t imvDel = itag - 1;
            if (cmv > 2) {
                uint32_t cbDel = mv_cb(pbMV, cbMV, imvDel), ibDel = mv_ib(pbMV, imvDel);
                /* remove the offset entry, then (shifted by 2) the data */
                memmove(pbMV + 2 * imvDel, pbMV + 2 * imvDel + 2, cbMV - 2 * imvDel - 2);
                if (cbDel)
                    memmove(pbMV + ibDel - 2, pbMV + ibDel - 2 + cbDel, cbMV - 2 - (ibDel - 2 + cbDel));
                for (uint32_t j = 0; j < imvDel; j++)
                    mv_delta(pbMV, j, -2);
                for (uint32_t j = imvDel; j < cmv - 1; j++)
                    mv_delta(pbMV, j, -(int32_t)(2 + cbDel));
                if (imvDel == 0)
                    pbData[0] = (uint8_t)(pbData[0] & ~REC_TH_COMPRESSED);
                cbRemain = 1 + cbMV - 2 - cbDel;
            } else {
                uint32_t imvKeep = 1 - imvDel;
                bool fSepKeep = get_le16(pbMV + 2 * imvKeep) & REC_MV_SEPARATED;
                uint32_t ibKeep = mv_ib(pbMV, imvKeep), cbKeep = mv_cb(pbMV, cbMV, imvKeep);
                uint8_t b = (uint8_t)(pbData[0] & ~REC_TH_MULTI);
                if (fLarge || b) {
                    if (itag == 1)
                        b = (uint8_t)(b & ~REC_TH_COMPRESSED);
                    b = (uint8_t)(fSepKeep ? b | REC_TH_SEPARATED : b & ~REC_TH_SEPARATED);
                    pbData[0] = b;
                    memmove(pbData + 1, pbMV + ibKeep, cbKeep);
                    cbRemain = 1 + cbKeep;
                } else {
                    tf_set_w(&tf, i, (uint16_t)(tf_w(&tf, i) & ~REC_TAGFLD_EXTENDED_SMALL));
                    memmove(pbData, pbMV + ibKeep, cbKeep);
                    cbRemain = cbKeep;
                }
            }
        }
        /* shift the following columns down over the freed bytes */
        int32_t shrink = (int32_t)(cbData - cbRemain);
        if (i + 1 < tf.ctag) {
            uint8_t *pbNext = tf_data(&tf, i + 1);
            memmove(pbData + cbRemain, pbNext, tf.cb - tf_ib(&tf, i + 1));
        }
        tf.cb -= (uint32_t)shrink;
        for (uint32_t j = i + 1; j < tf.ctag; j++)
            tf_delta_ib(&tf, j, -shrink);
        goto done;
    }
    if (itag != 1)
        goto done;
    if (fDefault && !fRevert) {
        /* leave a NULL entry so the default does not show through */
        uint32_t cbField = tf_cb(&tf, i);
        if (cbField > cbHeaderDefault)
            tf_resize(&tf, i, -(int32_t)(cbField - cbHeaderDefault));
        if (fLarge) {
            pbData = tf_data(&tf, i);
            /* a NULL entry carries no value, so none of the value's flags (compressed, separated,
             * multi-valued) may stay: readers refuse a NULL that claims them */
            pbData[0] = header_for(pc->coltyp, false, true, false, false, fLarge);
        } else {
            tf_set_w(&tf, i, (uint16_t)((tf_w(&tf, i) & ~REC_TAGFLD_EXTENDED_SMALL) | REC_TAGFLD_NULL_SMALL));
        }
    } else {
        tf_delete(&tf, i);
    }

done:
    prb->cb = v.ibTagged + tf.cb;
    return JET_errSuccess;
}

JET_ERR rec_set_column(struct rec_buf *prb, const struct rec_schema *ps, const struct rec_column *pc,
        uint32_t itag, const struct rec_value *pval, uint32_t grbit)
{
    if (!pc || pc->coltyp == JET_coltypNil)
        return ERR_TRAP(JET_errColumnNotFound);
    if (rec_fid_is_fixed(pc->fid))
        return set_fixed(prb, ps, pc, pval);
    if (rec_fid_is_var(pc->fid))
        return set_var(prb, ps, pc, pval);
    if (rec_fid_is_tagged(pc->fid))
        return set_tagged(prb, ps, pc, itag, pval, grbit);
    return ERR_TRAP(JET_errColumnNotFound);
}

/* ============================================================== default record ============ */

JET_ERR rec_build_default_record(const struct rec_schema *ps, const struct rec_value *rgdefault,
        const uint8_t *pbTemplateDefault, uint32_t cbTemplateDefault, uint8_t **ppb, uint32_t *pcb)
{
    JET_ERR err;
    struct rec_buf rb;
    struct rec_schema s = *ps;
    s.pbDefaultRecord = NULL;   /* defaults are being built: nothing to burst from */
    s.cbDefaultRecord = 0;
    *ppb = NULL;
    *pcb = 0;
    rb.cbMax = ps->cbPage;
    rb.pb = mem_alloc(rb.cbMax);
    if (!rb.pb)
        return ERR_TRAP(JET_errOutOfMemory);
    if (pbTemplateDefault) {
        /* a derived table starts from its template's default record, tagged values derived */
        struct rec_view vt;
        CALL(rec_view_init(&vt, pbTemplateDefault, cbTemplateDefault, ps->cbPage, 0));
        memcpy(rb.pb, pbTemplateDefault, cbTemplateDefault);
        rb.cb = cbTemplateDefault;
        for (uint32_t i = 0; i < vt.ctagged; i++) {
            uint8_t *pw = rb.pb + vt.ibTagged + 4 * i + 2;
            put_le16(pw, (uint16_t)(get_le16(pw) | REC_TAGFLD_DERIVED));
        }
    } else {
        rec_init_minimum(&rb);
    }
    for (uint32_t i = 0; i < ps->ccol; i++) {
        const struct rec_column *pc = &ps->rgcol[i];
        if (!(pc->fFlags & REC_FIELD_DEFAULT) || (pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT)
                || pc->coltyp == JET_coltypNil || rgdefault[i].cb == 0)
            continue;
        if (pbTemplateDefault && pc->fTemplate)
            continue;   /* already in the template's record */
        struct rec_value val = rgdefault[i];
        val.fFlags = 0;
        CALL(rec_set_column(&rb, &s, pc, 0, &val, 0));
    }
    *ppb = rb.pb;
    *pcb = rb.cb;
    return JET_errSuccess;
out:
    mem_free(rb.pb);
    return err;
}
