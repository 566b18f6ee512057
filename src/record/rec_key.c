/* SPDX-License-Identifier: MIT
 * record/rec_key.c: normalized index keys (§12) and the entries a record puts in an index.
 * Layer: record (uses base).
 * A key is the concatenation of its segments, cut to the index's cbKeyMost. A segment is a prefix
 * byte (0x7F data, 0x00 NULL or 0xC0 with SortNullsHigh, 0x40 zero-length text/binary) and a
 * body that compares with memcmp in the column's order; descending segments are complemented.
 * Bodies: big-endian integers (signed ones with the sign bit flipped), floating point and
 * DateTime with the sign rule, GUIDs in string (or .NET) order, ANSI text upper-cased (a..z only)
 * and NUL-terminated with ESE's quirk for a cut value, binary in 8-byte chunks, Unicode text as
 * the LCMapStringEx sort key of the index's locale (a hook: the index's own, else the process
 * default that the isam layer installs from the OS layer). The source value is read at most cbDataMost bytes at a time, starting at cbKeyMost and
 * doubling while a segment could still grow; indexes with the legacy 255-byte keys never ask for
 * more (their keys depend on the first 255 bytes only, forever).
 * ESE-FORMAT-NOTES §12; ESE ese/fldnorm.cxx (ErrRECIRetrieveKey, FLDNormalize*), ese/_osu/normu.cxx
 * (ErrUtilNormText), os/norm.cxx (ErrNORMMapString), ese/recupd.cxx (ErrRECIEnumerateKeys),
 * inc/rec.hxx (KeySequence). */
#include "rec_int.h"
#include "debug.h"

DEBUG_CHANNEL(record);

JET_ERR rec_lcmap_unsupported(void *pvCtx, const struct rec_locale *ploc, const ESENT_WCHAR *pwch, uint32_t cch,
        uint8_t *pbOut, uint32_t cbOutMax, uint32_t *pcbKey)
{
    (void)pvCtx; (void)ploc; (void)pwch; (void)cch; (void)pbOut; (void)cbOutMax;
    *pcbKey = 0;
    FIXME("no Unicode sort key hook installed (rec_lcmap_set_default)\n");
    return ERR_TRAP(JET_errUnicodeNormalizationNotSupported);
}

/* The process-wide default hook: a function and its context, swapped together under a tiny
 * spin lock so a reader never pairs one hook with another's context. */
static rec_lcmap_fn g_pfnLCMapDefault;
static void *g_pvLCMapDefault;
static int g_lockLCMapDefault;

static void lcmap_default_lock(void)
{
    while (__atomic_exchange_n(&g_lockLCMapDefault, 1, __ATOMIC_ACQUIRE))
        ;
}

static void lcmap_default_unlock(void)
{
    __atomic_store_n(&g_lockLCMapDefault, 0, __ATOMIC_RELEASE);
}

void rec_lcmap_set_default(rec_lcmap_fn pfn, void *pvCtx)
{
    lcmap_default_lock();
    g_pfnLCMapDefault = pfn;
    g_pvLCMapDefault = pvCtx;
    lcmap_default_unlock();
}

static void lcmap_of(const struct rec_index *pidx, rec_lcmap_fn *ppfn, void **ppv)
{
    if (pidx->pfnLCMap) {
        *ppfn = pidx->pfnLCMap;
        *ppv = pidx->pvLCMapCtx;
        return;
    }
    lcmap_default_lock();
    *ppfn = g_pfnLCMapDefault ? g_pfnLCMapDefault : rec_lcmap_unsupported;
    *ppv = g_pvLCMapDefault;
    lcmap_default_unlock();
}

#define WRN_KEY_TOO_BIG 1   /* local: a segment was cut (wrnFLDKeyTooBig) */

/* ErrUtilNormText: cbText bytes of ANSI text into at most cbAvail bytes: up to the first NUL,
 * a..z upper-cased, then 0x00. Cut short, the terminator's slot gets the next source byte minus
 * 0x20 whatever it is (the C runtime's _toupper without its check, kept for compatibility). */
static JET_ERR norm_text_ansi(const uint8_t *pb, uint32_t cb, uint32_t cbAvail, uint8_t *pbOut, uint32_t *pcbOut)
{
    if (cbAvail == 0) {
        *pcbOut = 0;        /* ESE gives no warning here */
        return JET_errSuccess;
    }
    uint32_t cbCopy = cbAvail > cb ? cb : cbAvail - 1;
    uint32_t n = 0;
    while (n < cbCopy && pb[n])
        n++;
    for (uint32_t i = 0; i < n; i++)
        pbOut[i] = (pb[i] >= 'a' && pb[i] <= 'z') ? (uint8_t)(pb[i] - 0x20) : pb[i];
    pbOut[n] = 0;
    *pcbOut = n + 1;
    if (cbAvail <= cb && n == cbCopy && pb[n] != 0) {
        pbOut[n] = (uint8_t)(pb[n] - 0x20);
        return WRN_KEY_TOO_BIG;
    }
    return JET_errSuccess;
}

/* ErrNORMMapString: the sort key of cb bytes of UTF-16 through the LCMap hook. */
static JET_ERR norm_text_unicode(const struct rec_index *pidx, const uint8_t *pb, uint32_t cb, uint32_t cbAvail,
        uint8_t *pbOut, uint32_t *pcbOut)
{
    JET_ERR err;
    rec_lcmap_fn pfn;
    void *pvCtx;
    lcmap_of(pidx, &pfn, &pvCtx);
    const uint32_t cch = cb / 2;
    ESENT_WCHAR *pwch = mem_alloc((cch ? cch : 1) * sizeof(ESENT_WCHAR));
    uint8_t *pbKey = NULL;
    if (!pwch)
        return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 0; i < cch; i++)
        pwch[i] = get_le16(pb + 2 * i);
    uint32_t cbKey = 0, cbBuf = 4 * cch + 64;
    for (;;) {
        mem_free(pbKey);
        pbKey = mem_alloc(cbBuf);
        if (!pbKey)
            FAIL(JET_errOutOfMemory);
        CALL(pfn(pvCtx, &pidx->locale, pwch, cch, pbKey, cbBuf, &cbKey));
        if (cbKey <= cbBuf)
            break;
        cbBuf = cbKey;
    }
    if (pidx->locale.dwLCMapFlags == REC_LCMAP_UPPERCASE) {
        /* upper-cased text, big-endian, NUL-terminated */
        uint32_t cbOut = cbKey + 2;
        uint32_t cbCopy = MIN(cbOut, cbAvail);
        for (uint32_t i = 0; i < cbCopy; i++)
            pbOut[i] = i >= cbKey ? 0 : pbKey[i ^ 1];
        *pcbOut = cbCopy;
        err = cbOut > cbAvail ? WRN_KEY_TOO_BIG : JET_errSuccess;
    } else if (cbKey > cbAvail) {
        memcpy(pbOut, pbKey, cbAvail);
        *pcbOut = cbAvail;
        err = WRN_KEY_TOO_BIG;
    } else {
        memcpy(pbOut, pbKey, cbKey);
        *pcbOut = cbKey;
        err = JET_errSuccess;
    }
out:
    mem_free(pbKey);
    mem_free(pwch);
    return err;
}

/* ErrFLDNormalizeTextSegment. cbVarSegMac is cbKeyMost + 1 when not set. */
static JET_ERR text_segment(const struct rec_index *pidx, const struct rec_column *pc, const uint8_t *pb, uint32_t cb,
        uint8_t *pbSeg, uint32_t cbKeyAvail, uint32_t cbVarSegMac, uint32_t *pcbSeg)
{
    JET_ERR err;
    const uint32_t cbKeyMost = pidx->cbKeyMost;
    const uint32_t cbChar = pc->cp == REC_CP_UNICODE ? 2 : 1;
    uint32_t cbT = MIN(cbKeyAvail, cbVarSegMac) - 1;
    uint32_t cbField = cb / cbChar * cbChar;
    if (cbKeyMost == REC_CB_KEY_MOST_OLD)
        cbField = MIN(cbField, (cbKeyMost + cbChar - 1) / cbChar * cbChar);
    uint32_t cbBody = 0;
    if (pc->cp == REC_CP_UNICODE)
        CALL_R(norm_text_unicode(pidx, pb, cbField, cbT, pbSeg + 1, &cbBody));
    else
        err = norm_text_ansi(pb, cbField, cbT, pbSeg + 1, &cbBody);
    if (err == WRN_KEY_TOO_BIG) {
        /* cut on purpose by VarSegMac: not a truncation */
        if (!(cbVarSegMac > cbKeyMost || cbBody < cbVarSegMac - 1))
            err = JET_errSuccess;
    }
    pbSeg[0] = REC_KEY_PREFIX_DATA;
    *pcbSeg = cbBody + 1;
    return err;
}

/* FLDNormalizeBinarySegment. */
static void binary_segment(const uint8_t *pb, uint32_t cb, uint8_t *pbSeg, uint32_t cbKeyAvail, uint32_t cbKeyMost,
        uint32_t cbVarSegMac, bool fFixed, uint32_t *pcbSeg, bool *pfTruncated)
{
    uint32_t cbSeg;
    pbSeg[0] = REC_KEY_PREFIX_DATA;
    if (fFixed) {
        cbSeg = cb + 1;
        if (cbVarSegMac < cbKeyMost && cbSeg > cbVarSegMac)
            cbSeg = cbVarSegMac;
        if (cbSeg > cbKeyAvail) {
            cbSeg = cbKeyAvail;
            *pfTruncated = true;
        }
        memcpy(pbSeg + 1, pb, cbSeg - 1);
        *pcbSeg = cbSeg;
        return;
    }
    bool fWhole = true;
    const uint32_t cchunk = (cb + REC_KEY_BINARY_CHUNK - 1) / REC_KEY_BINARY_CHUNK;
    cbSeg = cchunk * REC_KEY_BINARY_CHUNK_NORM + 1;
    if (cbVarSegMac < cbKeyMost && cbSeg > cbVarSegMac) {
        cbSeg = cbVarSegMac;
        fWhole = false;
    }
    if (cbSeg > cbKeyAvail) {
        cbSeg = cbKeyAvail;
        fWhole = false;
        *pfTruncated = true;
    }
    uint32_t cbSegLeft = cbSeg - 1, cbLeft = cb;
    uint8_t *pbOut = pbSeg + 1;
    const uint8_t *pbIn = pb;
    while (cbSegLeft >= REC_KEY_BINARY_CHUNK_NORM) {
        if (cbLeft <= REC_KEY_BINARY_CHUNK) {
            /* the last chunk: zero padded, then its length (9 if a full chunk was cut) */
            memcpy(pbOut, pbIn, cbLeft);
            memset(pbOut + cbLeft, 0, REC_KEY_BINARY_CHUNK - cbLeft);
            pbOut[REC_KEY_BINARY_CHUNK] = (uint8_t)(cbLeft == REC_KEY_BINARY_CHUNK && !fWhole
                    ? REC_KEY_BINARY_CHUNK_NORM : cbLeft);
            pbOut += REC_KEY_BINARY_CHUNK_NORM;
            cbLeft = 0;
        } else {
            memcpy(pbOut, pbIn, REC_KEY_BINARY_CHUNK);
            pbOut[REC_KEY_BINARY_CHUNK] = REC_KEY_BINARY_CHUNK_NORM;
            pbOut += REC_KEY_BINARY_CHUNK_NORM;
            pbIn += REC_KEY_BINARY_CHUNK;
            cbLeft -= REC_KEY_BINARY_CHUNK;
        }
        cbSegLeft -= REC_KEY_BINARY_CHUNK_NORM;
    }
    if (cbSegLeft > 0) {
        /* a partial chunk fills the rest of the key space */
        uint32_t cbCopy = MIN(cbLeft, cbSegLeft);
        memcpy(pbOut, pbIn, cbCopy);
        memset(pbOut + cbCopy, 0, cbSegLeft - cbCopy);
    }
    *pcbSeg = cbSeg;
}

/* FLDNormalizeFixedSegment. */
static JET_ERR fixed_segment(uint32_t coltyp, bool fDotNetGuid, const uint8_t *pb, uint32_t cb, uint8_t *pbSeg,
        uint32_t *pcbSeg)
{
    uint32_t cbWant = rec_coltyp_fixed_size(coltyp, 0);
    if (cbWant == 0 || cb != cbWant)
        return REC_CORRUPT("key column value of the wrong size");
    pbSeg[0] = REC_KEY_PREFIX_DATA;
    *pcbSeg = cb + 1;
    switch (coltyp) {
    case JET_coltypBit:
        pbSeg[1] = pb[0] ? 0xFF : 0x00;
        break;
    case JET_coltypUnsignedByte:
        pbSeg[1] = pb[0];
        break;
    case JET_coltypShort:
        put_be16(pbSeg + 1, (uint16_t)(get_le16(pb) ^ 0x8000u));
        break;
    case JET_coltypUnsignedShort:
        put_be16(pbSeg + 1, get_le16(pb));
        break;
    case JET_coltypLong:
        put_be32(pbSeg + 1, get_le32(pb) ^ 0x80000000u);
        break;
    case JET_coltypUnsignedLong:
        put_be32(pbSeg + 1, get_le32(pb));
        break;
    case JET_coltypLongLong:
    case JET_coltypCurrency:
    case JET_coltypUnsignedLongLong: {
        uint64_t q = get_le64(pb);
        if (coltyp != JET_coltypUnsignedLongLong)
            q ^= 0x8000000000000000ull;
        put_be32(pbSeg + 1, (uint32_t)(q >> 32));
        put_be32(pbSeg + 5, (uint32_t)q);
        break;
    }
    case JET_coltypIEEESingle: {
        uint32_t d = get_le32(pb);
        put_be32(pbSeg + 1, (d & 0x80000000u) ? ~d : d ^ 0x80000000u);
        break;
    }
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime: {
        uint64_t q = get_le64(pb);
        q = (q & 0x8000000000000000ull) ? ~q : q ^ 0x8000000000000000ull;
        put_be32(pbSeg + 1, (uint32_t)(q >> 32));
        put_be32(pbSeg + 5, (uint32_t)q);
        break;
    }
    case JET_coltypGUID: {
        /* string order of the GUID, or .NET's (Data1, Data2, Data3 as numbers, then bytes) */
        static const uint8_t rgiStd[16] = { 10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3 };
        static const uint8_t rgiNet[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
        const uint8_t *rgi = fDotNetGuid ? rgiNet : rgiStd;
        for (int i = 0; i < 16; i++)
            pbSeg[1 + i] = pb[rgi[i]];
        break;
    }
    default:
        return ERR_TRAP(JET_errInvalidParameter);
    }
    return JET_errSuccess;
}

static uint8_t null_prefix(uint32_t coltyp, bool fZeroLength, bool fSortNullsHigh)
{
    if (fZeroLength && (rec_coltyp_is_text(coltyp) || rec_coltyp_is_binary(coltyp)))
        return REC_KEY_PREFIX_ZERO_LENGTH;
    return fSortNullsHigh ? REC_KEY_PREFIX_NULL_HIGH : REC_KEY_PREFIX_NULL;
}

static uint32_t var_seg_mac(const struct rec_index *pidx)
{
    return pidx->cbKeyMost == pidx->cbVarSegMac ? pidx->cbKeyMost + 1 : pidx->cbVarSegMac;
}

/* Normalize a non-NULL, non-empty value (the body of ErrRECIIRetrieveKey's switch). */
static JET_ERR normalize(const struct rec_index *pidx, const struct rec_column *pc, const uint8_t *pb, uint32_t cb,
        uint8_t *pbSeg, uint32_t cbKeyAvail, uint32_t *pcbSeg, bool *pfColumnTruncated)
{
    JET_ERR err;
    if (rec_coltyp_is_text(pc->coltyp)) {
        CALL_R(text_segment(pidx, pc, pb, cb, pbSeg, cbKeyAvail, var_seg_mac(pidx), pcbSeg));
        if (err == WRN_KEY_TOO_BIG)
            *pfColumnTruncated = true;
        return JET_errSuccess;
    }
    if (rec_coltyp_is_binary(pc->coltyp)) {
        binary_segment(pb, cb, pbSeg, cbKeyAvail, pidx->cbKeyMost, var_seg_mac(pidx), rec_fid_is_fixed(pc->fid),
                pcbSeg, pfColumnTruncated);
        return JET_errSuccess;
    }
    return fixed_segment(pc->coltyp, pidx->fidx & REC_IDX_DOTNET_GUID, pb, cb, pbSeg, pcbSeg);
}

JET_ERR rec_key_segment(const struct rec_index *pidx, const struct rec_column *pc, const struct rec_key_column *pkc,
        bool fDescending, uint8_t *pbSeg, uint32_t cbAvail, uint32_t *pcbSeg, bool *pfTruncated)
{
    JET_ERR err;
    uint8_t rgbSeg[REC_CB_KEY_MOST_MOST + 16];
    uint32_t cbSeg;
    *pfTruncated = false;
    *pcbSeg = 0;
    if (cbAvail == 0)
        return ERR_TRAP(JET_errInvalidParameter);
    if (pkc->fNull || pkc->cb == 0) {
        rgbSeg[0] = null_prefix(pc->coltyp, !pkc->fNull, pidx->fidb & REC_IDB_SORT_NULLS_HIGH);
        cbSeg = 1;
    } else {
        CALL_R(normalize(pidx, pc, pkc->pb, pkc->cb, rgbSeg, MIN(cbAvail, (uint32_t)sizeof rgbSeg), &cbSeg,
                pfTruncated));
        if (cbSeg > cbAvail) {
            cbSeg = cbAvail;
            *pfTruncated = true;
        }
    }
    for (uint32_t i = 0; i < cbSeg; i++)
        pbSeg[i] = fDescending ? (uint8_t)~rgbSeg[i] : rgbSeg[i];
    *pcbSeg = cbSeg;
    return JET_errSuccess;
}

/* One try of ErrRECIIRetrieveKey with source values cut to cbDataMost. */
static JET_ERR key_attempt(const struct rec_index *pidx, const struct rec_column *const *rgpc,
        const struct rec_key_column *rgkc, const uint32_t *rgitag, uint32_t ichTuple, uint32_t cbDataMost,
        uint8_t *pbKey, uint32_t *pcbKey, bool *pfTruncated, uint32_t *piseg, bool *pfNeedMore)
{
    JET_ERR err;
    const uint32_t cbKeyMost = pidx->cbKeyMost;
    const bool fNested = pidx->fidb & REC_IDB_NESTED_TABLE;
    const bool fDisallowTruncation = pidx->fidb & REC_IDB_DISALLOW_TRUNCATION;
    bool fAllNulls = true, fNullFirst = false, fNullSeg = false, fColumnTruncated = false, fKeyTruncated = false;
    bool fAllMVOutOfValues = true;
    uint32_t cbKeyAvail = cbKeyMost, ibKey = 0;
    uint8_t rgbSeg[REC_CB_KEY_MOST_MOST + 16];

    *pfNeedMore = false;
    *pfTruncated = false;
    *piseg = UINT32_MAX;
    for (uint32_t iseg = 0; iseg < pidx->cseg; iseg++) {
        const struct rec_column *pc = rgpc[iseg];
        const uint32_t itag = rgitag ? rgitag[iseg] : 1;
        const bool fDescending = pidx->rgseg[iseg].fFlags & REC_IDXSEG_DESCENDING;
        bool fNull = rgkc[iseg].fNull;
        const uint8_t *pb = rgkc[iseg].pb;
        uint32_t cb = fNull ? 0 : rgkc[iseg].cb;

        if (rec_fid_is_tagged(pc->fid))
            fAllMVOutOfValues = fAllMVOutOfValues && itag > 1 && fNull;
        if (pidx->fTuples && iseg == 0) {
            /* substring ichTuple of the first column, cchTupleMax characters at most */
            const uint32_t cbChar = pc->cp == REC_CP_UNICODE ? 2 : 1;
            uint32_t ib = ichTuple * cbChar;
            if (fNull || ib > cb) {
                pb = NULL;
                cb = 0;
            } else {
                pb += ib;
                cb -= ib;
            }
            cb = MIN(cb, pidx->cchTupleMax * cbChar);
            if (cb < pidx->cchTupleMin * cbChar)
                return WRN_REC_OUT_OF_TUPLES;
        }
        cb = MIN(cb, cbDataMost);

        if (cbKeyAvail == 0) {
            fKeyTruncated = true;
            if (fDisallowTruncation)
                return ERR_TRAP(JET_errKeyTruncated);
            if (fNull) {
                if (itag > 1 && !fNested) {
                    *piseg = iseg;
                    return WRN_REC_OUT_OF_KEYS;
                }
                if (iseg == 0)
                    fNullFirst = true;
                fNullSeg = true;
            }
            continue;
        }
        if (itag > 1 && fNull && !fNested) {
            *piseg = iseg;
            return WRN_REC_OUT_OF_KEYS;
        }

        uint32_t cbSeg;
        if (fNull || pb == NULL || cb == 0) {
            if (fNull) {
                if (iseg == 0)
                    fNullFirst = true;
                fNullSeg = true;
            } else {
                fAllNulls = false;
            }
            rgbSeg[0] = null_prefix(pc->coltyp, !fNull, pidx->fidb & REC_IDB_SORT_NULLS_HIGH);
            cbSeg = 1;
        } else {
            fAllNulls = false;
            CALL_R(normalize(pidx, pc, pb, cb, rgbSeg, cbKeyAvail, &cbSeg, &fColumnTruncated));
        }
        /* a segment that used all the source it was given and still has room wants more */
        if (cb == cbDataMost && cbSeg < cbKeyMost && cbSeg < cbKeyAvail && cbSeg < pidx->cbVarSegMac
                && cbKeyMost != REC_CB_KEY_MOST_OLD)
            *pfNeedMore = true;
        if (fKeyTruncated)
            continue;
        if (fColumnTruncated) {
            fKeyTruncated = true;
            if (fDisallowTruncation)
                return ERR_TRAP(JET_errKeyTruncated);
        } else if (cbSeg > cbKeyAvail) {
            fKeyTruncated = true;
            if (fDisallowTruncation)
                return ERR_TRAP(JET_errKeyTruncated);
            cbSeg = cbKeyAvail;
        }
        for (uint32_t i = 0; i < cbSeg; i++)
            pbKey[ibKey + i] = fDescending ? (uint8_t)~rgbSeg[i] : rgbSeg[i];
        ibKey += cbSeg;
        cbKeyAvail -= cbSeg;
    }
    if (fNested && fAllMVOutOfValues) {
        *piseg = 0;
        return WRN_REC_OUT_OF_KEYS;
    }
    *pcbKey = ibKey;
    *pfTruncated = fKeyTruncated;
    if (fAllNulls)
        return WRN_REC_NULL_KEY;
    if (fNullFirst)
        return WRN_REC_NULL_FIRST_SEG;
    if (fNullSeg)
        return WRN_REC_NULL_SEG;
    return JET_errSuccess;
}

JET_ERR rec_key_make(const struct rec_index *pidx, const struct rec_column *const *rgpc,
        const struct rec_key_column *rgkc, const uint32_t *rgitag, uint32_t ichTuple, uint8_t *pbKey,
        uint32_t *pcbKey, bool *pfTruncated, uint32_t *pisegOut)
{
    JET_ERR err;
    uint32_t iseg;
    bool fNeedMore;
    *pcbKey = 0;
    *pfTruncated = false;
    if (pidx->cseg == 0 || pidx->cseg > REC_CCOL_KEY_MOST || pidx->cbKeyMost == 0
            || pidx->cbKeyMost > REC_CB_KEY_MOST_MOST || pidx->cbVarSegMac == 0)
        return ERR_TRAP(JET_errInvalidParameter);
    /* ESE reads cbKeyMost bytes of source first and doubles while a segment wants more */
    uint32_t cbDataMost = pidx->cbKeyMost, cbLongest = 0;
    for (uint32_t i = 0; i < pidx->cseg; i++)
        if (!rgkc[i].fNull)
            cbLongest = MAX(cbLongest, rgkc[i].cb);
    for (;;) {
        err = key_attempt(pidx, rgpc, rgkc, rgitag, ichTuple, cbDataMost, pbKey, pcbKey, pfTruncated, &iseg, &fNeedMore);
        if (err < 0 || !fNeedMore || cbDataMost > cbLongest)
            break;
        cbDataMost *= 2;
    }
    if (pisegOut)
        *pisegOut = iseg;
    return err;
}

/* ============================================================= entries of a record ======== */

struct key_entries {
    rec_key_entry_fn pfn;
    void *pv;
    uint8_t **rgpb;     /* keys reported so far (a record's duplicate keys go in once) */
    uint32_t *rgcb;
    uint32_t c;
};

static JET_ERR emit_once(struct key_entries *pke, const uint8_t *pb, uint32_t cb)
{
    for (uint32_t i = 0; i < pke->c; i++)
        if (pke->rgcb[i] == cb && !memcmp(pke->rgpb[i], pb, cb))
            return JET_errSuccess;
    uint8_t **rgpb = mem_realloc(pke->rgpb, (pke->c + 1) * sizeof *rgpb);
    if (!rgpb)
        return ERR_TRAP(JET_errOutOfMemory);
    pke->rgpb = rgpb;
    uint32_t *rgcb = mem_realloc(pke->rgcb, (pke->c + 1) * sizeof *rgcb);
    if (!rgcb)
        return ERR_TRAP(JET_errOutOfMemory);
    pke->rgcb = rgcb;
    uint8_t *pbCopy = mem_alloc(cb ? cb : 1);
    if (!pbCopy)
        return ERR_TRAP(JET_errOutOfMemory);
    memcpy(pbCopy, pb, cb);
    pke->rgpb[pke->c] = pbCopy;
    pke->rgcb[pke->c] = cb;
    pke->c++;
    return pke->pfn(pke->pv, pb, cb);
}

/* The value of a key column's instance, whole: defaults applied, compressed values decompressed,
 * separated ones read. *ppbFree receives what to free. */
static JET_ERR fetch(const struct rec_view *prv, const struct rec_schema *ps, const struct rec_column *pc,
        uint32_t itag, rec_lv_fetch_fn pfnLV, void *pvLVCtx, struct rec_key_column *pkc, uint8_t **ppbFree)
{
    JET_ERR err;
    struct rec_value v;
    *ppbFree = NULL;
    memset(pkc, 0, sizeof *pkc);
    CALL_R(rec_retrieve(prv, ps, pc, itag, &v));
    if (err == JET_wrnColumnNull) {
        pkc->fNull = true;
        return JET_errSuccess;
    }
    if (v.fFlags & REC_VALUE_ENCRYPTED)
        return REC_CORRUPT("encrypted value in an index column");
    if (v.fFlags & REC_VALUE_SEPARATED) {
        uint64_t lid;
        uint32_t cb;
        if (!pfnLV)
            return ERR_TRAP(JET_errFeatureNotAvailable);
        if (!rec_lid_get(v.pb, v.cb, &lid))
            return REC_CORRUPT("bad LID");
        CALL_R(pfnLV(pvLVCtx, lid, NULL, 0, &cb));
        uint8_t *pb = mem_alloc(cb ? cb : 1);
        if (!pb)
            return ERR_TRAP(JET_errOutOfMemory);
        err = pfnLV(pvLVCtx, lid, pb, cb, &cb);
        if (err < 0) {
            mem_free(pb);
            return err;
        }
        *ppbFree = pb;
        pkc->pb = pb;
        pkc->cb = cb;
        return JET_errSuccess;
    }
    if (v.fFlags & REC_VALUE_COMPRESSED) {
        uint32_t cb;
        CALL_R(rec_decompressed_size(v.pb, v.cb, &cb));
        uint8_t *pb = mem_alloc(cb ? cb : 1);
        if (!pb)
            return ERR_TRAP(JET_errOutOfMemory);
        err = rec_decompress(v.pb, v.cb, pb, cb, &cb);
        if (err < 0) {
            mem_free(pb);
            return err;
        }
        *ppbFree = pb;
        pkc->pb = pb;
        pkc->cb = cb;
        return JET_errSuccess;
    }
    pkc->pb = v.pb;
    pkc->cb = v.cb;
    return JET_errSuccess;
}

JET_ERR rec_key_enum_record(const struct rec_index *pidx, const struct rec_schema *ps, const struct rec_view *prv,
        rec_lv_fetch_fn pfnLV, void *pvLVCtx, rec_key_entry_fn pfnEntry, void *pvEntryCtx)
{
    JET_ERR err = JET_errSuccess;
    const struct rec_column *rgpc[REC_CCOL_KEY_MOST];
    struct rec_key_column rgkc[REC_CCOL_KEY_MOST];
    uint8_t *rgpbFree[REC_CCOL_KEY_MOST] = { NULL };
    uint32_t rgitag[REC_CCOL_KEY_MOST];
    bool rgfMV[REC_CCOL_KEY_MOST];
    uint8_t rgbKey[REC_CB_KEY_MOST_MOST];
    struct key_entries ke = { pfnEntry, pvEntryCtx, NULL, NULL, 0 };
    const bool fCross = pidx->fidb & REC_IDB_CROSS_PRODUCT, fNested = pidx->fidb & REC_IDB_NESTED_TABLE;
    int imvMost = -1;

    if (pidx->cseg == 0 || pidx->cseg > REC_CCOL_KEY_MOST || pidx->csegConditional > REC_CCOL_KEY_MOST)
        return ERR_TRAP(JET_errInvalidParameter);
    /* conditional columns: the record is in the index only if each is NULL as required */
    for (uint32_t i = 0; i < pidx->csegConditional; i++) {
        const struct rec_column *pc = rec_schema_find_col(ps, pidx->rgsegConditional[i].fid,
                                                          pidx->rgsegConditional[i].fFlags & REC_IDXSEG_TEMPLATE);
        struct rec_value v;
        if (!pc)
            return REC_CORRUPT("conditional column not in the table");
        CALL_R(rec_retrieve(prv, ps, pc, 1, &v));
        bool fNull = err == JET_wrnColumnNull;
        if (fNull != (bool)(pidx->rgsegConditional[i].fFlags & REC_IDXSEG_MUST_BE_NULL))
            return JET_errSuccess;
    }
    /* KeySequence: which segments are multi-valued (only the first, unless cross product or
     * nested table) */
    for (uint32_t i = 0; i < pidx->cseg; i++) {
        rgpc[i] = rec_schema_find_col(ps, pidx->rgseg[i].fid, pidx->rgseg[i].fFlags & REC_IDXSEG_TEMPLATE);
        if (!rgpc[i])
            return REC_CORRUPT("key column not in the table");
        rgitag[i] = 1;
        rgfMV[i] = false;
    }
    if (pidx->fidb & REC_IDB_MULTIVALUED) {
        for (uint32_t i = 0; i < pidx->cseg; i++) {
            if (rec_fid_is_tagged(rgpc[i]->fid) && (rgpc[i]->fFlags & REC_FIELD_MULTIVALUED)) {
                rgfMV[i] = true;
                imvMost = (int)i;
                if (!fCross && !fNested)
                    break;
            }
        }
    }
    const bool fFirstMV = rgfMV[0];
    const uint32_t ichStart = pidx->fTuples ? pidx->ichTupleStart : 0;
    const uint32_t ctupleMax = pidx->fTuples ? pidx->ichTupleToIndexMax : 1;
    const uint32_t ichStep = pidx->fTuples ? MAX(pidx->cchTupleIncrement, 1u) : 1;

    for (bool fComplete = false; !fComplete;) {
        uint32_t isegRoll = UINT32_MAX;   /* iidxsegNoRollover */
        for (uint32_t i = 0; i < pidx->cseg; i++) {
            mem_free(rgpbFree[i]);
            rgpbFree[i] = NULL;
            CALL(fetch(prv, ps, rgpc[i], rgitag[i], pfnLV, pvLVCtx, &rgkc[i], &rgpbFree[i]));
        }
        JET_ERR errKey = JET_errSuccess;
        for (uint32_t ituple = 0, ich = ichStart; errKey == JET_errSuccess && ituple < ctupleMax; ituple++, ich += ichStep) {
            uint32_t cbKey, iseg;
            bool fTruncated;
            CALL(rec_key_make(pidx, rgpc, rgkc, rgitag, ich, rgbKey, &cbKey, &fTruncated, &iseg));
            errKey = err;
            bool fEmit = true;
            switch (errKey) {
            case WRN_REC_OUT_OF_KEYS:
                isegRoll = iseg;
                fEmit = false;
                break;
            case WRN_REC_OUT_OF_TUPLES:
                if (!fFirstMV)
                    fComplete = true;
                fEmit = false;
                break;
            case WRN_REC_NULL_KEY:
                fComplete = true;
                fEmit = (pidx->fidb & REC_IDB_ALLOW_ALL_NULLS) && ituple == 0;
                break;
            case WRN_REC_NULL_FIRST_SEG:
                if (!(pidx->fidb & REC_IDB_ALLOW_FIRST_NULL)) {
                    fComplete = true;
                    fEmit = false;
                }
                break;
            case WRN_REC_NULL_SEG:
                if (!(pidx->fidb & REC_IDB_ALLOW_SOME_NULLS)) {
                    fComplete = true;
                    fEmit = false;
                }
                break;
            default:
                break;
            }
            if (fEmit) {
                CALL(emit_once(&ke, rgbKey, cbKey));
                errKey = JET_errSuccess;
            }
        }
        if (fComplete)
            break;
        if (!(pidx->fidb & REC_IDB_MULTIVALUED) || imvMost < 0)
            break;
        /* KeySequence::Increment */
        if (isegRoll == UINT32_MAX) {
            if (fNested) {
                for (int i = imvMost; i >= 0; i--)
                    if (rgfMV[i])
                        rgitag[i]++;
            } else {
                rgitag[imvMost]++;
            }
        } else {
            if (isegRoll == 0)
                break;
            int i;
            for (i = (int)MIN(isegRoll, (uint32_t)REC_CCOL_KEY_MOST - 1) - 1; i >= 0; i--)
                if (rgfMV[i]) {
                    rgitag[i]++;
                    break;
                }
            if (i < 0)
                break;
            for (uint32_t j = isegRoll; (int)j <= imvMost; j++)
                rgitag[j] = 1;
        }
    }
    err = JET_errSuccess;
out:
    for (uint32_t i = 0; i < pidx->cseg; i++)
        mem_free(rgpbFree[i]);
    for (uint32_t i = 0; i < ke.c; i++)
        mem_free(ke.rgpb[i]);
    mem_free(ke.rgpb);
    mem_free(ke.rgcb);
    return err;
}
