/* SPDX-License-Identifier: MIT
 * record/rec_read.c: checking records read from disk and reading their columns.
 * Layer: record (uses base).
 * rec_view_init() proves every structural invariant of a record once (README "Invariants"), so
 * the accessors afterwards index into it without further bounds checks on the record itself;
 * only the pairing of a record with a schema (a fixed column's slot) is checked per call.
 * ESE-FORMAT-NOTES §9; ESE inc/rec.hxx, inc/tagfld.hxx, ese/tagfld.cxx (TAGFIELDS::FValidate). */
#include "rec_int.h"
#include "debug.h"

DEBUG_CHANNEL(record);

JET_ERR rec_err_corrupt(const char *what, const char *file, int line)
{
    WARN("corrupt record: %s\n", what);
    return err_trap(JET_errDatabaseCorrupted, file, line);
}

/* ================================================================== schema helpers ======== */

const struct rec_column *rec_schema_find(const struct rec_schema *ps, uint32_t fid)
{
    uint32_t lo = 0, hi = ps->ccol;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ps->rgcol[mid].fid < fid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ps->ccol && ps->rgcol[lo].fid == fid ? &ps->rgcol[lo] : NULL;
}

const struct rec_column *rec_schema_find_col(const struct rec_schema *ps, uint32_t fid, bool fTemplate)
{
    const struct rec_column *pc = rec_schema_find(ps, fid);
    /* The template's column sorts first; the derived table's own one with that fid follows. */
    if (pc && pc->fTemplate && !fTemplate && pc + 1 < ps->rgcol + ps->ccol && pc[1].fid == fid)
        return pc + 1;
    return pc;
}

uint32_t rec_coltyp_fixed_size(uint32_t coltyp, uint32_t cbMax)
{
    switch (coltyp) {
    case JET_coltypBit:
    case JET_coltypUnsignedByte:
        return 1;
    case JET_coltypShort:
    case JET_coltypUnsignedShort:
        return 2;
    case JET_coltypLong:
    case JET_coltypUnsignedLong:
    case JET_coltypIEEESingle:
        return 4;
    case JET_coltypCurrency:
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:
    case JET_coltypLongLong:
    case JET_coltypUnsignedLongLong:
        return 8;
    case JET_coltypGUID:
        return 16;
    default:
        return cbMax;
    }
}

uint32_t rec_cb_record_most(uint32_t cbPage, uint32_t cbKeyMost)
{
    uint32_t cbNode = rec_cb_node_most(cbPage);
    if (!rec_page_is_large(cbPage)) {
        /* Small pages keep the pre-2008 limit: the key reserve is at least 255 bytes. */
        uint32_t cbReserve = MAX((uint32_t)JET_cbKeyMostMin, 2u + cbKeyMost);
        return cbNode - 2u - cbReserve;
    }
    return cbNode - 2u - 2u - cbKeyMost;
}

/* ====================================================================== LIDs =============== */

bool rec_lid_get(const uint8_t *pb, uint32_t cb, uint64_t *plid)
{
    uint64_t lid;
    if (cb == 4) {
        lid = get_le32(pb);
        if (lid == 0 || (lid & 0x80000000u))
            return false;
    } else if (cb == 8) {
        lid = get_le64(pb);
        if (!(lid & REC_LID64_FLAG) || lid > REC_LID64_MAX)
            return false;
    } else {
        return false;
    }
    *plid = lid;
    return true;
}

uint32_t rec_lid_put(uint8_t *pb, uint64_t lid)
{
    if (rec_lid_is_64(lid)) {
        put_le64(pb, lid);
        return 8;
    }
    put_le32(pb, (uint32_t)lid);
    return 4;
}

static bool lid_ok(const uint8_t *pb, uint32_t cb)
{
    uint64_t lid;
    return rec_lid_get(pb, cb, &lid);
}

/* ====================================================================== view ================ */

void rec_tagfld_get(const struct rec_view *prv, uint32_t i, struct rec_tagfld *ptf)
{
    const uint8_t *pbTag = prv->pb + prv->ibTagged;
    const uint32_t cbTagged = prv->cb - prv->ibTagged;
    const uint32_t mask = rec_tagfld_ib_mask(prv->fLarge);
    ptf->fid = get_le16(pbTag + 4 * i);
    ptf->wIb = get_le16(pbTag + 4 * i + 2);
    ptf->ib = ptf->wIb & mask;
    uint32_t ibNext = i + 1 < prv->ctagged ? (get_le16(pbTag + 4 * (i + 1) + 2) & mask) : cbTagged;
    ptf->cb = ibNext - ptf->ib;
}

/* The multi-value array of a MULTI column: pb/cb is the data after the header byte. */
static JET_ERR check_multivalues(const uint8_t *pb, uint32_t cb, uint8_t bHeader)
{
    if (cb < 2 * REC_CB_MVOFFSET)
        return REC_CORRUPT("multi-value column too small");
    uint32_t ib0 = get_le16(pb) & REC_MV_IB_MASK;
    if (ib0 < 2 * REC_CB_MVOFFSET || ib0 > cb || ib0 % REC_CB_MVOFFSET)
        return REC_CORRUPT("first multi-value offset out of range");
    uint32_t cmv = ib0 / REC_CB_MVOFFSET;
    for (uint32_t imv = 0; imv < cmv; imv++) {
        uint16_t w = get_le16(pb + 2 * imv);
        uint32_t ib = w & REC_MV_IB_MASK;
        uint32_t ibNext = imv + 1 < cmv ? (get_le16(pb + 2 * (imv + 1)) & REC_MV_IB_MASK) : cb;
        if (ib > ibNext || ibNext > cb || ib < ib0)
            return REC_CORRUPT("multi-value offsets out of order");
        if (!(bHeader & REC_TH_LONG_VALUE) && ibNext - ib > JET_cbColumnMost)
            return REC_CORRUPT("multi-value over 255 bytes in a non-LV column");
        if (w & REC_MV_SEPARATED) {
            if (!(bHeader & REC_TH_LONG_VALUE))
                return REC_CORRUPT("separated instance in a non-LV column");
            if (!lid_ok(pb + ib, ibNext - ib))
                return REC_CORRUPT("separated instance with a bad LID");
        }
    }
    return JET_errSuccess;
}

/* Check the data of one tagged entry (TAGFIELDS::FValidate, per column). */
static JET_ERR check_tagged_data(const struct rec_view *prv, uint16_t wIb, const uint8_t *pb, uint32_t cb)
{
    uint8_t bHeader;
    if (!prv->fLarge) {
        bool fExt = wIb & REC_TAGFLD_EXTENDED_SMALL, fNull = wIb & REC_TAGFLD_NULL_SMALL;
        if (fNull) {
            if (fExt)
                return REC_CORRUPT("tagged entry both NULL and extended");
            if (cb != 0)
                return REC_CORRUPT("NULL tagged entry with data");
            return JET_errSuccess;
        }
        if (!fExt) {
            if (cb > JET_cbColumnMost)
                return REC_CORRUPT("tagged value over 255 bytes without header");
            return JET_errSuccess;
        }
        if (cb < 1)
            return REC_CORRUPT("tagged entry without its header byte");
        bHeader = pb[0];
        if (!(bHeader & (REC_TH_LONG_VALUE | REC_TH_MULTI)))
            return REC_CORRUPT("header byte on a small-page non-LV single value");
    } else {
        if (cb < 1)
            return REC_CORRUPT("tagged entry without its header byte");
        bHeader = pb[0];
        if (bHeader & REC_TH_NULL) {
            if (cb != 1)
                return REC_CORRUPT("NULL tagged entry with data");
            if (bHeader & ~REC_TH_MASK)
                return REC_CORRUPT("tagged header with unknown bits");
            if (bHeader & (REC_TH_MULTI | REC_TH_TWO | REC_TH_SEPARATED | REC_TH_COMPRESSED))
                return REC_CORRUPT("NULL tagged entry with the flags of a value");
            return JET_errSuccess;
        }
    }
    if (bHeader & ~REC_TH_MASK)
        return REC_CORRUPT("tagged header with unknown bits");
    if ((bHeader & REC_TH_SEPARATED) && (bHeader & REC_TH_COMPRESSED))
        return REC_CORRUPT("tagged value both separated and compressed");
    const uint8_t *pbData = pb + 1;
    uint32_t cbData = cb - 1;
    if (bHeader & REC_TH_TWO) {
        if (!(bHeader & REC_TH_MULTI) || (bHeader & (REC_TH_LONG_VALUE | REC_TH_SEPARATED)))
            return REC_CORRUPT("bad TWOVALUES header");
        if (cbData < 1 || pbData[0] > cbData - 1 || cbData - 1 - pbData[0] > JET_cbColumnMost)
            return REC_CORRUPT("TWOVALUES lengths out of range");
        return JET_errSuccess;
    }
    if (bHeader & REC_TH_MULTI) {
        if (bHeader & REC_TH_SEPARATED)
            return REC_CORRUPT("separated multi-value array");
        return check_multivalues(pbData, cbData, bHeader);
    }
    if (bHeader & REC_TH_SEPARATED) {
        if (!(bHeader & REC_TH_LONG_VALUE))
            return REC_CORRUPT("separated non-LV value");
        if (!lid_ok(pbData, cbData))
            return REC_CORRUPT("separated value with a bad LID");
        return JET_errSuccess;
    }
    if (!(bHeader & REC_TH_LONG_VALUE) && cbData > JET_cbColumnMost)
        return REC_CORRUPT("tagged value over 255 bytes in a non-LV column");
    return JET_errSuccess;
}

static JET_ERR check_tagged_new(struct rec_view *prv)
{
    JET_ERR err;
    const uint8_t *pbTag = prv->pb + prv->ibTagged;
    const uint32_t cbTagged = prv->cb - prv->ibTagged;
    const uint32_t mask = rec_tagfld_ib_mask(prv->fLarge);

    prv->ctagged = 0;
    if (cbTagged == 0)
        return JET_errSuccess;
    if (cbTagged < REC_CB_TAGFLD)
        return REC_CORRUPT("tagged area smaller than one entry");
    uint32_t ib0 = get_le16(pbTag + 2) & mask;
    if (ib0 < REC_CB_TAGFLD || ib0 > cbTagged || ib0 % REC_CB_TAGFLD)
        return REC_CORRUPT("first tagged offset out of range");
    prv->ctagged = ib0 / REC_CB_TAGFLD;

    bool fSawNonDerived = false;
    uint32_t fidPrev = 0;
    for (uint32_t i = 0; i < prv->ctagged; i++) {
        uint16_t fid = get_le16(pbTag + 4 * i);
        uint16_t wIb = get_le16(pbTag + 4 * i + 2);
        uint32_t ib = wIb & mask;
        uint32_t ibNext = i + 1 < prv->ctagged ? (get_le16(pbTag + 4 * (i + 1) + 2) & mask) : cbTagged;
        if (!rec_fid_is_tagged(fid))
            return REC_CORRUPT("tagged entry with a non-tagged fid");
        if (wIb & REC_TAGFLD_DERIVED) {
            if (fSawNonDerived || fid <= fidPrev)
                return REC_CORRUPT("tagged entries out of order");
        } else if (fSawNonDerived) {
            if (fid <= fidPrev)
                return REC_CORRUPT("tagged entries out of order");
        } else {
            fSawNonDerived = true;
        }
        fidPrev = fid;
        if (ib < ib0 || ib > ibNext || ibNext > cbTagged)
            return REC_CORRUPT("tagged offsets out of order");
        CALL_R(check_tagged_data(prv, wIb, pbTag + ib, ibNext - ib));
    }
    return JET_errSuccess;
}

/* Revision-2 entries: {fid, bits} + data, instances of a column consecutive, derived first. */
static JET_ERR check_tagged_old(struct rec_view *prv)
{
    const uint8_t *pbTag = prv->pb + prv->ibTagged;
    const uint32_t cbTagged = prv->cb - prv->ibTagged;
    uint32_t ib = 0, fidPrev = 0, ccol = 0;
    bool fPrevDerived = true, fFirst = true;
    while (ib < cbTagged) {
        if (cbTagged - ib < REC_CB_TAGFLD)
            return REC_CORRUPT("old tagged entry truncated");
        uint16_t fid = get_le16(pbTag + ib);
        uint16_t bits = get_le16(pbTag + ib + 2);
        uint32_t cbData = bits & REC_OLD_CB_MASK;
        bool fDerived = bits & REC_OLD_DERIVED;
        if (!rec_fid_is_tagged(fid))
            return REC_CORRUPT("old tagged entry with a non-tagged fid");
        if (cbTagged - ib - REC_CB_TAGFLD < cbData)
            return REC_CORRUPT("old tagged entry overruns the record");
        if (!fFirst && fDerived && !fPrevDerived)
            return REC_CORRUPT("old tagged entries out of order");
        if (fFirst || fDerived != fPrevDerived || fid != fidPrev) {
            if (!fFirst && fDerived == fPrevDerived && fid < fidPrev)
                return REC_CORRUPT("old tagged entries out of order");
            ccol++;
        }
        if ((bits & REC_OLD_LONG_VALUE) && !(bits & REC_OLD_NULL)) {
            if (cbData < 1)
                return REC_CORRUPT("old long value without its flag byte");
            if (pbTag[ib + 4] && !lid_ok(pbTag + ib + 5, cbData - 1))
                return REC_CORRUPT("old separated value with a bad LID");
        } else if (!(bits & REC_OLD_LONG_VALUE) && cbData > JET_cbColumnMost) {
            return REC_CORRUPT("old tagged value over 255 bytes");
        }
        fFirst = false;
        fidPrev = fid;
        fPrevDerived = fDerived;
        ib += REC_CB_TAGFLD + cbData;
    }
    prv->ctagged = ccol;
    return JET_errSuccess;
}

JET_ERR rec_view_init(struct rec_view *prv, const void *pv, uint32_t cb, uint32_t cbPage, unsigned grbit)
{
    const uint8_t *pb = (const uint8_t *)pv;
    memset(prv, 0, sizeof *prv);
    if (cbPage < 2048 || cbPage > 32768)
        return ERR_TRAP(JET_errInvalidParameter);
    prv->pb = pb;
    prv->cb = cb;
    prv->cbPage = cbPage;
    prv->fLarge = rec_page_is_large(cbPage);
    prv->fOldFormat = grbit & REC_VIEW_OLD_FORMAT;

    if (cb < REC_CB_HEADER)
        return REC_CORRUPT("record shorter than its header");
    if (cb > rec_cb_node_most(cbPage))
        return REC_CORRUPT("record larger than a page");
    prv->fidFixedLast = pb[REC_IB_FID_FIXED_LAST];
    prv->fidVarLast = pb[REC_IB_FID_VAR_LAST];
    prv->ibEndFixed = get_le16(pb + REC_IB_END_FIXED);
    if (prv->fidFixedLast > REC_FID_FIXED_LAST || prv->fidVarLast < REC_FID_VAR_NONE)
        return REC_CORRUPT("bad last fixed/variable fid");
    uint32_t cbBitmap = (prv->fidFixedLast + 7u) / 8u;
    if (prv->ibEndFixed < REC_CB_HEADER + cbBitmap || prv->ibEndFixed > cb)
        return REC_CORRUPT("end of fixed data out of range");
    if (prv->fidFixedLast == REC_FID_FIXED_NONE && prv->ibEndFixed != REC_CB_HEADER)
        return REC_CORRUPT("fixed data without fixed columns");
    prv->ibBitmap = prv->ibEndFixed - cbBitmap;
    prv->ibVarOffsets = prv->ibEndFixed;
    uint32_t cvar = prv->fidVarLast - REC_FID_VAR_NONE;
    if (cb - prv->ibVarOffsets < 2 * cvar)
        return REC_CORRUPT("variable offsets beyond the record");
    prv->ibVarData = prv->ibVarOffsets + 2 * cvar;
    uint32_t ibEnd = 0;
    for (uint32_t i = 0; i < cvar; i++) {
        uint16_t w = get_le16(pb + prv->ibVarOffsets + 2 * i);
        uint32_t ib = w & REC_VAR_IB_MASK;
        if (ib < ibEnd)
            return REC_CORRUPT("variable offsets out of order");
        if ((w & REC_VAR_NULL) && ib != ibEnd)
            return REC_CORRUPT("NULL variable column with data");
        ibEnd = ib;
    }
    if (cb - prv->ibVarData < ibEnd)
        return REC_CORRUPT("variable data beyond the record");
    prv->ibTagged = prv->ibVarData + ibEnd;
    return prv->fOldFormat ? check_tagged_old(prv) : check_tagged_new(prv);
}

/* ================================================================= fixed and variable ====== */

JET_ERR rec_get_fixed(const struct rec_view *prv, const struct rec_column *pc, enum rec_presence *ppres,
        struct rec_value *pval)
{
    pval->pb = NULL;
    pval->cb = 0;
    pval->fFlags = 0;
    if (!rec_fid_is_fixed(pc->fid))
        return ERR_TRAP(JET_errInvalidParameter);
    if (pc->fid > prv->fidFixedLast) {
        *ppres = REC_ABSENT;
        return JET_errSuccess;
    }
    uint32_t cbCol = rec_coltyp_fixed_size(pc->coltyp, pc->cbMax);
    if (pc->ibRecordOffset < REC_IB_FIXED_FIRST || pc->ibRecordOffset > prv->ibBitmap
            || prv->ibBitmap - pc->ibRecordOffset < cbCol)
        return REC_CORRUPT("fixed column outside the record's fixed area");
    pval->pb = prv->pb + pc->ibRecordOffset;
    pval->cb = cbCol;
    *ppres = rec_fixed_null_bit(prv->pb + prv->ibBitmap, pc->fid) ? REC_NULL : REC_PRESENT;
    return JET_errSuccess;
}

JET_ERR rec_get_var(const struct rec_view *prv, uint32_t fid, enum rec_presence *ppres, struct rec_value *pval)
{
    pval->pb = NULL;
    pval->cb = 0;
    pval->fFlags = 0;
    if (!rec_fid_is_var(fid))
        return ERR_TRAP(JET_errInvalidParameter);
    if (fid > prv->fidVarLast) {
        *ppres = REC_ABSENT;
        return JET_errSuccess;
    }
    uint32_t i = fid - REC_FID_VAR_FIRST;
    uint16_t w = get_le16(prv->pb + prv->ibVarOffsets + 2 * i);
    uint32_t ibStart = i ? (get_le16(prv->pb + prv->ibVarOffsets + 2 * (i - 1)) & REC_VAR_IB_MASK) : 0;
    if (w & REC_VAR_NULL) {
        *ppres = REC_NULL;
        return JET_errSuccess;
    }
    pval->pb = prv->pb + prv->ibVarData + ibStart;
    pval->cb = (w & REC_VAR_IB_MASK) - ibStart;
    *ppres = REC_PRESENT;
    return JET_errSuccess;
}

/* ====================================================================== tagged ============== */

static void tagged_from_entry(const struct rec_view *prv, const struct rec_tagfld *ptf, struct rec_tagged *pt)
{
    const uint8_t *pbData = prv->pb + prv->ibTagged + ptf->ib;
    memset(pt, 0, sizeof *pt);
    pt->fid = ptf->fid;
    pt->fDerived = ptf->wIb & REC_TAGFLD_DERIVED;
    pt->fHeader = prv->fLarge || (ptf->wIb & REC_TAGFLD_EXTENDED_SMALL);
    if (!prv->fLarge && (ptf->wIb & REC_TAGFLD_NULL_SMALL)) {
        pt->form = REC_TAGGED_NULL;
        pt->pb = pbData;
        return;
    }
    if (pt->fHeader) {
        pt->bHeader = pbData[0];
        pt->pb = pbData + 1;
        pt->cb = ptf->cb - 1;
    } else {
        pt->pb = pbData;
        pt->cb = ptf->cb;
    }
    if (pt->bHeader & REC_TH_NULL) {
        pt->form = REC_TAGGED_NULL;
    } else if (pt->bHeader & REC_TH_TWO) {
        pt->form = REC_TAGGED_TWO;
        pt->cinst = 2;
    } else if (pt->bHeader & REC_TH_MULTI) {
        pt->form = REC_TAGGED_MULTI;
        pt->cinst = (get_le16(pt->pb) & REC_MV_IB_MASK) / REC_CB_MVOFFSET;
    } else {
        pt->form = REC_TAGGED_SINGLE;
        pt->cinst = 1;
    }
}

/* Old format: the run of entries of the column starting at byte ib of the tagged area. */
static uint32_t old_run(const struct rec_view *prv, uint32_t ib, struct rec_tagged *pt)
{
    const uint8_t *pbTag = prv->pb + prv->ibTagged;
    const uint32_t cbTagged = prv->cb - prv->ibTagged;
    uint16_t fid = get_le16(pbTag + ib);
    uint16_t bits = get_le16(pbTag + ib + 2);
    bool fDerived = bits & REC_OLD_DERIVED;
    uint32_t ibStart = ib, cinst = 0;
    while (ib < cbTagged) {
        uint16_t fidT = get_le16(pbTag + ib), bitsT = get_le16(pbTag + ib + 2);
        if (fidT != fid || (bool)(bitsT & REC_OLD_DERIVED) != fDerived)
            break;
        cinst++;
        ib += REC_CB_TAGFLD + (bitsT & REC_OLD_CB_MASK);
    }
    memset(pt, 0, sizeof *pt);
    pt->fid = fid;
    pt->fDerived = fDerived;
    pt->form = REC_TAGGED_OLD;
    pt->pb = pbTag + ibStart;
    pt->cb = ib - ibStart;
    pt->cinst = (cinst == 1 && (bits & REC_OLD_NULL)) ? 0 : cinst;
    if (pt->cinst == 0)
        pt->form = REC_TAGGED_NULL;
    return ib;
}

JET_ERR rec_tagged_at(const struct rec_view *prv, uint32_t itagged, struct rec_tagged *pt)
{
    if (itagged >= prv->ctagged)
        return ERR_TRAP(JET_errInvalidParameter);
    if (prv->fOldFormat) {
        uint32_t ib = 0;
        for (uint32_t i = 0;; i++) {
            uint32_t ibNext = old_run(prv, ib, pt);
            if (i == itagged)
                return JET_errSuccess;
            ib = ibNext;
        }
    }
    struct rec_tagfld tf;
    rec_tagfld_get(prv, itagged, &tf);
    tagged_from_entry(prv, &tf, pt);
    return JET_errSuccess;
}

/* Stored order: derived first, then by fid. <0 when (fid1, d1) sorts before (fid2, d2). */
static int tagged_cmp(uint32_t fid1, bool fDerived1, uint32_t fid2, bool fDerived2)
{
    if (fDerived1 != fDerived2)
        return fDerived1 ? -1 : 1;
    return fid1 < fid2 ? -1 : fid1 > fid2 ? 1 : 0;
}

JET_ERR rec_tagged_find(const struct rec_view *prv, uint32_t fid, bool fDerived, struct rec_tagged *pt)
{
    if (prv->fOldFormat) {
        for (uint32_t i = 0; i < prv->ctagged; i++) {
            JET_ERR err;
            CALL_R(rec_tagged_at(prv, i, pt));
            if (pt->fid == fid && pt->fDerived == fDerived)
                return JET_errSuccess;
        }
        return ERR_NOT_FOUND;
    }
    const uint8_t *pbTag = prv->pb + prv->ibTagged;
    uint32_t lo = 0, hi = prv->ctagged;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint16_t fidMid = get_le16(pbTag + 4 * mid);
        bool fDerivedMid = get_le16(pbTag + 4 * mid + 2) & REC_TAGFLD_DERIVED;
        if (tagged_cmp(fidMid, fDerivedMid, fid, fDerived) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= prv->ctagged)
        return ERR_NOT_FOUND;
    struct rec_tagfld tf;
    rec_tagfld_get(prv, lo, &tf);
    if (tf.fid != fid || (bool)(tf.wIb & REC_TAGFLD_DERIVED) != fDerived)
        return ERR_NOT_FOUND;
    tagged_from_entry(prv, &tf, pt);
    return JET_errSuccess;
}

JET_ERR rec_tagged_instance(const struct rec_tagged *pt, uint32_t itag, struct rec_value *pval)
{
    memset(pval, 0, sizeof *pval);
    if (itag == 0 || itag > pt->cinst)
        return JET_wrnColumnNull;
    uint32_t fLong = (pt->bHeader & REC_TH_LONG_VALUE) ? REC_VALUE_LONG : 0;
    uint32_t fEncrypted = (pt->bHeader & REC_TH_ENCRYPTED) ? REC_VALUE_ENCRYPTED : 0;
    switch (pt->form) {
    case REC_TAGGED_SINGLE:
        pval->pb = pt->pb;
        pval->cb = pt->cb;
        pval->fFlags = fLong | fEncrypted
            | ((pt->bHeader & REC_TH_SEPARATED) ? REC_VALUE_SEPARATED : 0)
            | ((pt->bHeader & REC_TH_COMPRESSED) ? REC_VALUE_COMPRESSED : 0);
        return JET_errSuccess;
    case REC_TAGGED_TWO: {
        uint32_t cb1 = pt->pb[0];
        pval->pb = pt->pb + 1 + (itag == 1 ? 0 : cb1);
        pval->cb = itag == 1 ? cb1 : pt->cb - 1 - cb1;
        return JET_errSuccess;
    }
    case REC_TAGGED_MULTI: {
        uint32_t imv = itag - 1;
        uint16_t w = get_le16(pt->pb + 2 * imv);
        uint32_t ib = w & REC_MV_IB_MASK;
        uint32_t ibNext = imv + 1 < pt->cinst ? (get_le16(pt->pb + 2 * (imv + 1)) & REC_MV_IB_MASK) : pt->cb;
        pval->pb = pt->pb + ib;
        pval->cb = ibNext - ib;
        pval->fFlags = fLong | fEncrypted
            | ((w & REC_MV_SEPARATED) ? REC_VALUE_SEPARATED : 0)
            | ((imv == 0 && (pt->bHeader & REC_TH_COMPRESSED)) ? REC_VALUE_COMPRESSED : 0);
        return JET_errSuccess;
    }
    case REC_TAGGED_OLD: {
        uint32_t ib = 0;
        for (uint32_t i = 1;; i++) {
            uint16_t bits = get_le16(pt->pb + ib + 2);
            uint32_t cbData = bits & REC_OLD_CB_MASK;
            if (i == itag) {
                const uint8_t *pbData = pt->pb + ib + REC_CB_TAGFLD;
                if (bits & REC_OLD_NULL)
                    return JET_wrnColumnNull;
                if (bits & REC_OLD_LONG_VALUE) {
                    pval->fFlags = REC_VALUE_LONG | (pbData[0] ? REC_VALUE_SEPARATED : 0);
                    pval->pb = pbData + 1;
                    pval->cb = cbData - 1;
                } else {
                    pval->pb = pbData;
                    pval->cb = cbData;
                }
                return JET_errSuccess;
            }
            ib += REC_CB_TAGFLD + cbData;
        }
    }
    case REC_TAGGED_NULL:
    default:
        return JET_wrnColumnNull;
    }
}

uint32_t rec_tagged_find_value(const struct rec_view *prv, uint32_t fid, bool fDerived, const void *pb, uint32_t cb)
{
    struct rec_tagged t;
    if (rec_tagged_find(prv, fid, fDerived, &t) != JET_errSuccess)
        return 0;
    for (uint32_t itag = 1; itag <= t.cinst; itag++) {
        struct rec_value v;
        if (rec_tagged_instance(&t, itag, &v) == JET_errSuccess && v.cb == cb && (cb == 0 || !memcmp(v.pb, pb, cb)))
            return itag;
    }
    return 0;
}

/* ====================================================================== retrieve ============ */

/* The default value of a column from the default record (ErrRECIRetrieve*DefaultValue). */
static JET_ERR retrieve_default(const struct rec_schema *ps, const struct rec_column *pc, struct rec_value *pval)
{
    JET_ERR err;
    memset(pval, 0, sizeof *pval);
    if (!(pc->fFlags & REC_FIELD_DEFAULT) || (pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT) || !ps->pbDefaultRecord)
        return JET_wrnColumnNull;
    struct rec_view vd;
    CALL_R(rec_view_init(&vd, ps->pbDefaultRecord, ps->cbDefaultRecord, ps->cbPage, 0));
    enum rec_presence pres;
    if (rec_fid_is_fixed(pc->fid)) {
        CALL_R(rec_get_fixed(&vd, pc, &pres, pval));
    } else if (rec_fid_is_var(pc->fid)) {
        CALL_R(rec_get_var(&vd, pc->fid, &pres, pval));
    } else {
        struct rec_tagged t;
        err = rec_tagged_find(&vd, pc->fid, rec_column_derived_bit(ps, pc), &t);
        if (err == ERR_NOT_FOUND)
            return JET_wrnColumnNull;
        CALL_R(err);
        err = rec_tagged_instance(&t, 1, pval);
        if (err == JET_errSuccess)
            pval->fFlags |= REC_VALUE_DEFAULT;
        return err;
    }
    if (pres != REC_PRESENT) {
        memset(pval, 0, sizeof *pval);
        return JET_wrnColumnNull;
    }
    pval->fFlags |= REC_VALUE_DEFAULT;
    return JET_errSuccess;
}

JET_ERR rec_retrieve(const struct rec_view *prv, const struct rec_schema *ps, const struct rec_column *pc,
        uint32_t itag, struct rec_value *pval)
{
    JET_ERR err;
    enum rec_presence pres;
    memset(pval, 0, sizeof *pval);
    if (rec_fid_is_fixed(pc->fid) || rec_fid_is_var(pc->fid)) {
        if (itag != 1)
            return JET_wrnColumnNull;
        if (rec_fid_is_fixed(pc->fid))
            CALL_R(rec_get_fixed(prv, pc, &pres, pval));
        else
            CALL_R(rec_get_var(prv, pc->fid, &pres, pval));
        if (pres == REC_ABSENT)
            return retrieve_default(ps, pc, pval);
        if (pres == REC_NULL) {
            memset(pval, 0, sizeof *pval);
            return JET_wrnColumnNull;
        }
        return JET_errSuccess;
    }
    if (!rec_fid_is_tagged(pc->fid))
        return ERR_TRAP(JET_errColumnNotFound);
    struct rec_tagged t;
    err = rec_tagged_find(prv, pc->fid, rec_column_derived_bit(ps, pc), &t);
    if (err == ERR_NOT_FOUND)
        return itag == 1 ? retrieve_default(ps, pc, pval) : JET_wrnColumnNull;
    CALL_R(err);
    return rec_tagged_instance(&t, itag, pval);
}

JET_ERR rec_count_values(const struct rec_view *prv, const struct rec_schema *ps, const struct rec_column *pc,
        uint32_t *pcval)
{
    JET_ERR err;
    struct rec_value v;
    *pcval = 0;
    if (rec_fid_is_tagged(pc->fid)) {
        struct rec_tagged t;
        err = rec_tagged_find(prv, pc->fid, rec_column_derived_bit(ps, pc), &t);
        if (err != ERR_NOT_FOUND) {
            CALL_R(err);
            *pcval = t.cinst;
            return JET_errSuccess;
        }
    }
    CALL_R(rec_retrieve(prv, ps, pc, 1, &v));
    *pcval = err == JET_wrnColumnNull ? 0 : 1;
    return JET_errSuccess;
}
