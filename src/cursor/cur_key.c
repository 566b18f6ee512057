/* SPDX-License-Identifier: MIT
 * cursor/cur_key.c: the current index (JetSetCurrentIndex*), the search key (JetMakeKey with
 * every limit option), and JetRetrieveKey.
 * Layer: cursor (uses catalog, record, btree, ver, os, base).
 *
 * The search key is built segment by segment with the record layer's normalization
 * (rec_key_segment), exactly as ESE's ErrIsamMakeKey builds it: cbKeyMost + 1 bytes at most, a
 * limit option fills the rest of the key space with 0xFF (after stripping a text terminator or
 * a binary column's padding for the partial limits), and once a limit is set no segment may
 * follow (JET_errKeyIsMade). */
#include "cur_int.h"

DEBUG_CHANNEL(cursor);

#define KEY_PREFIX_DATA 0x7Fu
#define KEY_SENTINEL 0xFFu
#define KEY_UNICODE_SENTINEL 0x01u      /* separates the weight levels of a sort key */
#define KEY_ASCII_TERMINATOR 0x00u
#define KEY_BUFFER_CB (REC_CB_KEY_MOST_MOST + 16u)
/* The four limit options of JetMakeKey (jethdr.w's KEY_MASK_LIMIT, not in the SDK header). */
#define KEY_MASK_LIMIT 0x00000F00u

/* ============================================================== the current index ====== */

const struct rec_index *cur_index(const struct cursor *c, const struct rec_cat_index **ppci)
{
    const struct catalog_table *pt = c->td ? c->td->pt : NULL;
    if (ppci)
        *ppci = NULL;
    if (!pt)
        return NULL;
    int32_t i = c->iidx >= 0 ? c->iidx : pt->iidxPrimary;
    if (i < 0)
        return NULL;
    if (ppci)
        *ppci = &pt->rgidx[i];
    return &pt->rgrecidx[i];
}

void cur_index_name(const struct cursor *c, char *sz, size_t cb)
{
    const struct rec_cat_index *pci;
    if (!cb)
        return;
    sz[0] = 0;
    if (cur_index(c, &pci) && pci) {
        size_t n = strlen(pci->szName);
        if (n >= cb)
            n = cb - 1;
        memcpy(sz, pci->szName, n);
        sz[n] = 0;
    }
}

static void key_reset(struct cursor *c)
{
    c->cbKey = 0;
    c->csegKey = 0;
    c->fKeyPrepared = false;
    c->fKeyLimit = false;
    c->fKeyTooBig = false;
}

/* ESE's ErrRECSetCurrentIndex: to index iidx (-1: primary). */
static JET_ERR switch_index(struct cursor *c, int32_t iidx)
{
    JET_ERR err;
    if (iidx == c->iidx)
        return JET_errSuccess;
    struct bt_cursor *bt = NULL;
    if (iidx >= 0)
        CALL_R(bt_open(c->pt->cdb->btdb, &c->td->rgdescIdx[iidx], &bt));
    if (c->btIndex)
        bt_close(c->btIndex);
    c->btIndex = bt;
    c->iidx = iidx;
    c->objidIdx = iidx >= 0 ? c->td->pt->rgidx[iidx].objid : 0;
    return JET_errSuccess;
}

JET_ERR cur_set_index(struct cursor *c, const char *szIndex, const JET_INDEXID *pindexid, JET_GRBIT grbit,
        uint32_t itagSequence)
{
    JET_ERR err;
    int32_t iidx = -1;

    if (c->mem) {
        /* a list table has one (sequential) order */
        if (pindexid || (szIndex && szIndex[0]))
            return ERR_TRAP(JET_errIndexNotFound);
        return grbit == JET_bitNoMove ? JET_errSuccess : cur_mem_move(c, (int32_t)JET_MoveFirst, 0);
    }
    CALL_R(cur_sync(c));
    if (c->filter)
        return ERR_TRAP(JET_errFilteredMoveNotSupported);
    const struct catalog_table *pt = c->td->pt;
    if (pindexid) {
        uint32_t objid, pgno;
        if (pindexid->cbStruct != sizeof(JET_INDEXID))
            return ERR_TRAP(JET_errInvalidIndexId);
        objid = get_le32(pindexid->rgbIndexId + sizeof(JET_API_PTR));
        pgno = get_le32(pindexid->rgbIndexId + sizeof(JET_API_PTR) + 4);
        iidx = -2;
        for (uint32_t i = 0; i < pt->cidx; i++)
            if (pt->rgidx[i].objid == objid && pt->rgidx[i].pgnoFDP == pgno)
                iidx = (int32_t)i == pt->iidxPrimary ? -1 : (int32_t)i;
        if (iidx == -2)
            return ERR_TRAP(JET_errInvalidIndexId);
    } else if (szIndex && szIndex[0]) {
        const struct rec_cat_index *pci = catalog_table_index(pt, szIndex);
        if (!pci)
            return ERR_TRAP(JET_errIndexNotFound);
        iidx = (int32_t)(pci - pt->rgidx);
        if (iidx == pt->iidxPrimary)
            iidx = -1;
    }

    if (grbit != JET_bitNoMove) {
        cur_cancel_update(c);
        CALL_R(switch_index(c, iidx));
        /* ESE defers the move to the first entry even when the index did not change */
        cur_range_reset(c);
        key_reset(c);
        c->loc = CUR_LOC_DEFER_FIRST;
        return JET_errSuccess;
    }

    /* NoMove: the current record's bookmark, the new index, the record's entry in it */
    const uint8_t *pbBm;
    uint32_t cbBm;
    CALL_R(cur_bookmark(c, &pbBm, &cbBm));
    uint8_t *pbCopy = mem_alloc(cbBm ? cbBm : 1);
    if (!pbCopy)
        return ERR_TRAP(JET_errOutOfMemory);
    memcpy(pbCopy, pbBm, cbBm);
    if (iidx == c->iidx) {
        mem_free(pbCopy);
        return JET_errSuccess;
    }
    err = switch_index(c, iidx);
    if (err >= 0) {
        cur_range_reset(c);
        key_reset(c);
        /* the itag-th entry of the record in a multi-valued index */
        err = cur_goto_bookmark_itag(c, pbCopy, cbBm, itagSequence);
    }
    mem_free(pbCopy);
    return err;
}

/* ============================================================== JetMakeKey ============= */

/* FLDISetFullColumnLimit: pad the rest of the key space (cbAvail + 1 bytes from the segment's
 * start) with the sentinel. */
static void full_limit(uint8_t *pbSeg, uint32_t *pcbSeg, uint32_t cbAvailWithSuffix, bool fSentinel)
{
    if (!fSentinel)
        return;
    memset(pbSeg + *pcbSeg, KEY_SENTINEL, cbAvailWithSuffix - *pcbSeg);
    *pcbSeg = cbAvailWithSuffix;
}

/* FLDISetPartialColumnLimitOnTextColumn. */
static void partial_limit_text(uint8_t *pbSeg, uint32_t *pcbSeg, uint32_t cbAvailWithSuffix, bool fDescending,
        bool fSentinel, bool fUnicode)
{
    const uint32_t ibSuffix = cbAvailWithSuffix - 1;
    uint32_t ib;
    if (*pcbSeg < 2) {
        full_limit(pbSeg, pcbSeg, cbAvailWithSuffix, fSentinel);
        return;
    }
    if (fUnicode) {
        const uint8_t bDelim = (uint8_t)(KEY_UNICODE_SENTINEL ^ (fDescending ? 0xFF : 0x00));
        for (ib = 1; ib < ibSuffix && pbSeg[ib] != bDelim; ib++)
            ;
    } else {
        const uint8_t bTerm = (uint8_t)(KEY_ASCII_TERMINATOR ^ (fDescending ? 0xFF : 0x00));
        ib = *pcbSeg;
        if (pbSeg[ib - 1] == bTerm)
            ib--;
    }
    ib = MIN(ib, ibSuffix);
    if (fSentinel) {
        memset(pbSeg + ib, KEY_SENTINEL, ibSuffix - ib + 1);
        *pcbSeg = cbAvailWithSuffix;
    } else {
        *pcbSeg = ib;
    }
}

/* FLDITrySetPartialColumnLimitOnBinaryColumn: ibDelim is where the last chunk's padding starts
 * (0 when the value was not normalized whole). */
static void partial_limit_binary(uint8_t *pbSeg, uint32_t *pcbSeg, uint32_t cbAvailWithSuffix, uint32_t ibDelim,
        bool fSentinel)
{
    if (ibDelim == 0) {
        full_limit(pbSeg, pcbSeg, cbAvailWithSuffix, fSentinel);
    } else if (fSentinel) {
        (*pcbSeg)++;
        memset(pbSeg + ibDelim, KEY_SENTINEL, *pcbSeg - ibDelim);
    } else {
        *pcbSeg = ibDelim;
    }
}

/* Where the padding of a variable binary value's last chunk starts in its normalized segment, or
 * 0 when the segment does not hold the whole value (FLDNormalizeBinarySegment's delimiter). */
static uint32_t binary_delimiter(uint32_t cbValue, uint32_t cbSeg)
{
    if (cbValue == 0)
        return 0;
    const uint32_t cchunk = (cbValue + REC_KEY_BINARY_CHUNK - 1) / REC_KEY_BINARY_CHUNK;
    if (cbSeg != 1 + cchunk * REC_KEY_BINARY_CHUNK_NORM)
        return 0;
    return 1 + (cchunk - 1) * REC_KEY_BINARY_CHUNK_NORM + (cbValue - (cchunk - 1) * REC_KEY_BINARY_CHUNK);
}

/* RECTextColumnPadding: a short value of a fixed text column is padded with spaces. */
static void pad_text(uint8_t *pb, uint32_t cbFixed, uint32_t cbValue, uint16_t cp)
{
    if (cp == REC_CP_UNICODE) {
        for (uint32_t ib = cbValue; ib + 1 < cbFixed; ib += 2) {
            pb[ib] = ' ';
            pb[ib + 1] = 0;
        }
        if (cbFixed % 2 && cbValue < cbFixed)
            pb[cbFixed - 1] = 0;
    } else {
        memset(pb + cbValue, ' ', cbFixed - cbValue);
    }
}

JET_ERR cur_make_key(struct cursor *c, const void *pv, uint32_t cb, JET_GRBIT grbit)
{
    JET_ERR err;
    const struct rec_cat_index *pci = NULL;
    const struct rec_index *pidx;
    uint32_t cbKeyMost;
    uint8_t *pbPadded = NULL;

    if (c->mem)
        return ERR_TRAP(JET_errInvalidOperation);
    CALL_R(cur_sync(c));
    pidx = cur_index(c, &pci);
    if (!pidx && !(grbit & JET_bitNormalizedKey))
        return ERR_TRAP(JET_errNoCurrentIndex);
    cbKeyMost = pidx ? pidx->cbKeyMost : REC_CB_KEY_MOST_OLD;
    if (!c->pbKey) {
        c->pbKey = mem_alloc(KEY_BUFFER_CB);
        if (!c->pbKey)
            return ERR_TRAP(JET_errOutOfMemory);
        key_reset(c);
    }

    if (grbit & JET_bitNormalizedKey) {
        const uint32_t cbLimitKeyMost = cbKeyMost + 1;
        if (cb > cbLimitKeyMost && cb > JET_cbKeyMost)
            return ERR_TRAP(JET_errInvalidParameter);
        cb = MIN(cb, cbLimitKeyMost);
        key_reset(c);
        c->csegKey = 1;
        if (cb)
            memcpy(c->pbKey, pv, cb);
        c->cbKey = cb;
        c->fKeyPrepared = true;
        if (cb > cbKeyMost)
            c->fKeyLimit = true;
        return JET_errSuccess;
    }
    if (grbit & JET_bitNewKey)
        key_reset(c);
    else if (c->fKeyLimit)
        return ERR_TRAP(JET_errKeyIsMade);
    else if (!c->fKeyPrepared)
        return ERR_TRAP(JET_errKeyNotMade);
    const uint32_t iseg = c->csegKey;
    if (iseg >= pidx->cseg)
        return ERR_TRAP(JET_errKeyIsMade);

    const struct rec_idxseg *pseg = &pidx->rgseg[iseg];
    const struct rec_column *pc = rec_schema_find_col(c->td->ps, pseg->fid, pseg->fFlags & REC_IDXSEG_TEMPLATE);
    if (!pc)
        return ERR_TRAP(JET_errColumnNotFound);
    const bool fDescending = (pseg->fFlags & REC_IDXSEG_DESCENDING) != 0;
    const bool fFixed = rec_fid_is_fixed(pc->fid);
    const uint32_t coltyp = pc->coltyp;
    const bool fText = rec_coltyp_is_text(coltyp), fBinary = rec_coltyp_is_binary(coltyp);
    const uint8_t *pbValue = pv;
    uint32_t cbValue = cb;

    /* legacy 255-byte keys never read more than 255 bytes of source */
    if (cbKeyMost == REC_CB_KEY_MOST_OLD)
        cbValue = MIN(cbValue, REC_CB_KEY_MOST_OLD);
    if (fFixed && cb > 0 && cb != pc->cbMax) {
        if (coltyp == JET_coltypText && cb < pc->cbMax) {
            pbPadded = mem_alloc(pc->cbMax);
            if (!pbPadded)
                return ERR_TRAP(JET_errOutOfMemory);
            memcpy(pbPadded, pv, cb);
            pad_text(pbPadded, pc->cbMax, cb, pc->cp);
            pbValue = pbPadded;
            cbValue = pc->cbMax;
        } else {
            return ERR_TRAP(JET_errInvalidBufferSize);
        }
    } else if (!fText && !fBinary && cb > 0 && cb != rec_coltyp_fixed_size(coltyp, 0)) {
        /* a fixed-size type in a variable or tagged column */
        return ERR_TRAP(JET_errInvalidBufferSize);
    }
    switch (grbit & KEY_MASK_LIMIT) {
    case JET_bitPartialColumnStartLimit:
    case JET_bitPartialColumnEndLimit:
        if (!fText && (fFixed || !fBinary)) {
            err = ERR_TRAP(JET_errInvalidGrbit);
            goto out;
        }
        break;
    case 0:
    case JET_bitFullColumnStartLimit:
    case JET_bitFullColumnEndLimit:
        break;
    default:
        err = ERR_TRAP(JET_errInvalidGrbit);
        goto out;
    }
    if ((grbit & JET_bitKeyDataZeroLength) && cb == 0 && (fFixed || (!fText && !fBinary))) {
        err = ERR_TRAP(JET_errInvalidBufferSize);
        goto out;
    }

    uint8_t rgbSeg[KEY_BUFFER_CB];
    uint32_t cbSeg = 0;
    if (!c->fKeyTooBig && c->cbKey < cbKeyMost) {
        const uint32_t cbAvail = cbKeyMost - c->cbKey;
        struct rec_key_column kc = { .fNull = cb == 0 && !(grbit & JET_bitKeyDataZeroLength), .pb = pbValue,
                                     .cb = cbValue };
        if (pidx->fTuples && iseg == 0) {
            /* a tuple index's first column: at least cchTupleMin characters, cut to cchTupleMax */
            const uint32_t cbChar = pc->cp == REC_CP_UNICODE ? 2 : 1;
            if (kc.fNull || kc.cb / cbChar < pidx->cchTupleMin) {
                err = ERR_TRAP(JET_errIndexTuplesKeyTooSmall);
                goto out;
            }
            kc.cb = MIN(kc.cb, pidx->cchTupleMax * cbChar);
        }
        bool fTruncated = false;
        CALL(rec_key_segment(pidx, pc, &kc, fDescending, rgbSeg, cbAvail, &cbSeg, &fTruncated));
        if (fTruncated)
            c->fKeyTooBig = true;
        const uint32_t ibDelim = (fBinary && !fFixed && !kc.fNull && !fTruncated) ? binary_delimiter(kc.cb, cbSeg) : 0;
        const uint32_t cbAvailWithSuffix = cbAvail + 1;
        switch (grbit & KEY_MASK_LIMIT) {
        case JET_bitFullColumnStartLimit:
        case JET_bitFullColumnEndLimit:
            full_limit(rgbSeg, &cbSeg, cbAvailWithSuffix, (grbit & JET_bitFullColumnEndLimit) != 0);
            c->fKeyLimit = true;
            break;
        case JET_bitPartialColumnStartLimit:
        case JET_bitPartialColumnEndLimit:
            if (fText)
                partial_limit_text(rgbSeg, &cbSeg, cbAvailWithSuffix, fDescending,
                                   (grbit & JET_bitPartialColumnEndLimit) != 0, pc->cp == REC_CP_UNICODE);
            else
                partial_limit_binary(rgbSeg, &cbSeg, cbAvailWithSuffix, ibDelim,
                                     (grbit & JET_bitPartialColumnEndLimit) != 0);
            c->fKeyLimit = true;
            break;
        default:
            if ((grbit & JET_bitSubStrLimit) && fText) {
                partial_limit_text(rgbSeg, &cbSeg, cbAvailWithSuffix, fDescending, true, pc->cp == REC_CP_UNICODE);
                c->fKeyLimit = true;
            } else if (grbit & JET_bitStrLimit) {
                partial_limit_binary(rgbSeg, &cbSeg, cbAvailWithSuffix, ibDelim, true);
                c->fKeyLimit = true;
            }
            break;
        }
    }
    c->csegKey++;
    if (c->cbKey + cbSeg > cbKeyMost + 1)
        cbSeg = cbKeyMost + 1 - c->cbKey;
    memcpy(c->pbKey + c->cbKey, rgbSeg, cbSeg);
    c->cbKey += cbSeg;
    c->fKeyPrepared = true;
    err = JET_errSuccess;
out:
    mem_free(pbPadded);
    return err;
}

/* ============================================================== JetRetrieveKey ========= */

JET_ERR cur_retrieve_key(struct cursor *c, void *pv, uint32_t cbMax, uint32_t *pcbActual, JET_GRBIT grbit)
{
    JET_ERR err;
    const uint8_t *pb;
    uint32_t cb;

    if (grbit & JET_bitRetrieveCopy) {
        if (!c->pbKey)
            return ERR_TRAP(JET_errKeyNotMade);
        if (pv)
            memcpy(pv, c->pbKey, MIN(c->cbKey, cbMax));
        if (pcbActual)
            *pcbActual = c->cbKey;
        return JET_errSuccess;
    }
    if (c->mem) {
        CALL_R(cur_mem_bookmark(c, &pb, &cb));
    } else {
        CALL_R(cur_sync(c));
        CALL_R(cur_check_current(c));
        pb = c->bmIdx.pb;
        cb = c->cbBmIdxKey;
    }
    err = JET_errSuccess;
    if (pcbActual)
        *pcbActual = cb;
    if (cb > cbMax) {
        err = JET_wrnBufferTruncated;
        cb = cbMax;
    }
    if (pv && cb)
        memcpy(pv, pb, cb);
    return err;
}
