/* SPDX-License-Identifier: MIT
 * record/rec_compress.c: the compressed-value formats of ESE: 7-bit ASCII, 7-bit Unicode and
 * Xpress (MS-XCA "plain LZ77"), read and written.
 * Layer: record (uses base).
 * A compressed value starts with scheme << 3 | x (§11). 7-bit packs each character (or UTF-16
 * unit) into 7 bits, low bits first, x = bits used in the last byte - 1. Xpress is followed by
 * the u16 LE uncompressed size and the LZ77 stream. The decoders are written against untrusted
 * input: they never read past the compressed bytes nor write past the output, and every
 * inconsistency is JET_errDecompressionFailed. The encoder choice follows ESE's
 * CDataCompressor::ErrCompress; our Xpress matcher is our own (Windows' level-2 matcher is not
 * reproduced), so Xpress output is valid MS-XCA but not always Windows' bytes.
 * ESE-FORMAT-NOTES §11; ESE ese/compression.cxx, _xpress/xdecode.i; [MS-XCA] 2.3/2.4. */
#include "rec_int.h"
#include "debug.h"

DEBUG_CHANNEL(record);

static JET_ERR fail_decompress(const char *what)
{
    WARN("bad compressed value: %s\n", what);
    return ERR_TRAP(JET_errDecompressionFailed);
}

/* ======================================================================== 7-bit ============ */

static uint32_t cb_7bit(uint32_t cch) { return (cch * 7 + 7) / 8 + 1; }

/* Characters a 7-bit stream holds: ((cb - 2) * 8 + bits in the last byte) / 7, exactly. */
static JET_ERR count_7bit(const uint8_t *pb, uint32_t cb, uint32_t *pcch)
{
    *pcch = 0;
    if (cb < 2)
        return fail_decompress("7-bit value without data");
    uint32_t cbitFinal = (pb[0] & 7u) + 1u;
    uint64_t cbit = (uint64_t)(cb - 2) * 8u + cbitFinal;
    if (cbit % 7)
        return fail_decompress("7-bit bit count not a multiple of 7");
    *pcch = (uint32_t)(cbit / 7);
    return JET_errSuccess;
}

static void unpack_7bit(const uint8_t *pb, uint32_t cch, uint8_t *pbOut, uint32_t cbUnit)
{
    uint32_t ibit = 0;
    for (uint32_t i = 0; i < cch; i++, ibit += 7) {
        uint32_t ib = 1 + ibit / 8, sh = ibit % 8;
        uint32_t w = pb[ib];
        if (sh > 1)
            w |= (uint32_t)pb[ib + 1] << 8;
        pbOut[i * cbUnit] = (uint8_t)((w >> sh) & 0x7F);
        if (cbUnit == 2)
            pbOut[i * 2 + 1] = 0;
    }
}

JET_ERR rec_compress_7bit(const uint8_t *pb, uint32_t cb, bool fUnicode, uint8_t *pbOut, uint32_t cbOutMax,
        uint32_t *pcbOut)
{
    const uint32_t cbUnit = fUnicode ? 2 : 1;
    if (cb == 0 || cb % cbUnit)
        return ERR_TRAP(JET_errInvalidParameter);
    const uint32_t cch = cb / cbUnit, cbOut = cb_7bit(cch);
    if (cbOut > cbOutMax)
        return ERR_TRAP(JET_errBufferTooSmall);
    for (uint32_t i = 0; i < cch; i++) {
        uint32_t c = fUnicode ? get_le16(pb + 2 * i) : pb[i];
        if (c > 0x7F)
            return ERR_TRAP(JET_errInvalidParameter);
    }
    memset(pbOut, 0, cbOut);
    uint32_t ibit = 0;
    for (uint32_t i = 0; i < cch; i++, ibit += 7) {
        uint32_t c = fUnicode ? pb[2 * i] : pb[i];
        uint32_t ib = 1 + ibit / 8, sh = ibit % 8;
        pbOut[ib] |= (uint8_t)(c << sh);
        if (sh > 1)
            pbOut[ib + 1] |= (uint8_t)(c >> (8 - sh));
    }
    /* bits used in the final byte, 1..8, stored minus one */
    uint32_t cbitFinal = (cch * 7 - 1) % 8 + 1;
    pbOut[0] = (uint8_t)(((fUnicode ? REC_COMPRESS_7BIT_UNICODE : REC_COMPRESS_7BIT_ASCII) << 3) | (cbitFinal - 1));
    *pcbOut = cbOut;
    return JET_errSuccess;
}

/* ====================================================================== LZ77 =============== */

JET_ERR rec_lz77_decode(const uint8_t *pb, uint32_t cb, uint8_t *pbOut, uint32_t cbOut)
{
    uint32_t ib = 0, ibOut = 0, flags = 0, cflag = 0;
    uint32_t ibNibble = UINT32_MAX;     /* the byte whose high nibble holds the next length */
    while (ibOut < cbOut) {
        if (cflag == 0) {
            if (cb - ib < 4)
                return fail_decompress("LZ77 flags past the input");
            flags = get_le32(pb + ib);
            ib += 4;
            cflag = 32;
        }
        cflag--;
        if (!((flags >> cflag) & 1)) {
            if (ib >= cb)
                return fail_decompress("LZ77 literal past the input");
            pbOut[ibOut++] = pb[ib++];
            continue;
        }
        if (cb - ib < 2)
            return fail_decompress("LZ77 match past the input");
        uint32_t w = get_le16(pb + ib);
        ib += 2;
        uint32_t offset = (w >> 3) + 1, length = w & 7;
        if (length == 7) {
            if (ibNibble == UINT32_MAX) {
                if (ib >= cb)
                    return fail_decompress("LZ77 length past the input");
                length = pb[ib] & 15;
                ibNibble = ib++;
            } else {
                length = pb[ibNibble] >> 4;
                ibNibble = UINT32_MAX;
            }
            if (length == 15) {
                if (ib >= cb)
                    return fail_decompress("LZ77 length past the input");
                length = pb[ib++];
                if (length == 255) {
                    if (cb - ib < 2)
                        return fail_decompress("LZ77 length past the input");
                    length = get_le16(pb + ib);
                    ib += 2;
                    if (length == 0) {
                        if (cb - ib < 4)
                            return fail_decompress("LZ77 length past the input");
                        length = get_le32(pb + ib);
                        ib += 4;
                    }
                    if (length < 15 + 7 || length > 0x7FFFFFFF)
                        return fail_decompress("LZ77 bad long length");
                    length -= 15 + 7;
                }
                length += 15;
            }
            length += 7;
        }
        length += 3;
        if (offset > ibOut)
            return fail_decompress("LZ77 match before the start");
        /* a match may overlap its own output; one that runs past the end is cut there */
        uint32_t cbCopy = MIN(length, cbOut - ibOut);
        for (uint32_t i = 0; i < cbCopy; i++, ibOut++)
            pbOut[ibOut] = pbOut[ibOut - offset];
    }
    return JET_errSuccess;
}

#define LZ_HASH_BITS 13
#define LZ_WINDOW 8192u
#define LZ_CHAIN_MAX 64u
#define LZ_MATCH_MAX 0xFFFFu

static uint32_t lz_hash(const uint8_t *p)
{
    return ((uint32_t)p[0] * 0x9E3779B1u ^ (uint32_t)p[1] * 0x85EBCA77u ^ (uint32_t)p[2] * 0xC2B2AE3Du) >> (32 - LZ_HASH_BITS);
}

/* MS-XCA plain LZ77 with a hash-chain greedy matcher (window 8 KiB, 13-bit offsets). Returns the
 * compressed size, or 0 when it does not fit in cbOutMax. Allocates its chains (mem_alloc); 0
 * also on out of memory. */
uint32_t rec_lz77_encode(const uint8_t *pb, uint32_t cb, uint8_t *pbOut, uint32_t cbOutMax)
{
    int32_t *rghead = mem_alloc(sizeof(int32_t) << LZ_HASH_BITS);
    int32_t *rgprev = mem_alloc(sizeof(int32_t) * (cb ? cb : 1));
    uint32_t ibOut = 0, ibFlags, cflag = 0, flags = 0, ibNibble = 0;
    bool fNibble = false, fOk = false;
    if (!rghead || !rgprev)
        goto out;
    for (uint32_t i = 0; i < (1u << LZ_HASH_BITS); i++)
        rghead[i] = -1;
#define NEED(n) do { if (cbOutMax - ibOut < (uint32_t)(n)) goto out; } while (0)
    NEED(4);
    ibFlags = ibOut;
    ibOut += 4;
    for (uint32_t i = 0; i < cb;) {
        uint32_t lenBest = 0, offBest = 0;
        if (cb - i >= 3) {
            uint32_t h = lz_hash(pb + i);
            int32_t j = rghead[h];
            for (uint32_t depth = 0; j >= 0 && i - (uint32_t)j <= LZ_WINDOW && depth < LZ_CHAIN_MAX; depth++) {
                uint32_t len = 0, lenMax = MIN(cb - i, LZ_MATCH_MAX);
                while (len < lenMax && pb[(uint32_t)j + len] == pb[i + len])
                    len++;
                if (len > lenBest) {
                    lenBest = len;
                    offBest = i - (uint32_t)j;
                    if (len == lenMax)
                        break;
                }
                j = rgprev[j];
            }
        }
        uint32_t cadv;
        if (lenBest >= 3) {
            uint32_t length = lenBest - 3, offset = offBest - 1;
            NEED(2);
            if (length < 7) {
                put_le16(pbOut + ibOut, (uint16_t)((offset << 3) | length));
                ibOut += 2;
            } else {
                put_le16(pbOut + ibOut, (uint16_t)((offset << 3) | 7));
                ibOut += 2;
                length -= 7;
                uint32_t nibble = MIN(length, 15u);
                if (!fNibble) {
                    NEED(1);
                    pbOut[ibOut] = (uint8_t)nibble;
                    ibNibble = ibOut++;
                    fNibble = true;
                } else {
                    pbOut[ibNibble] |= (uint8_t)(nibble << 4);
                    fNibble = false;
                }
                if (length >= 15) {
                    length -= 15;
                    if (length < 255) {
                        NEED(1);
                        pbOut[ibOut++] = (uint8_t)length;
                    } else {
                        NEED(3);
                        pbOut[ibOut++] = 255;
                        put_le16(pbOut + ibOut, (uint16_t)(length + 15 + 7));
                        ibOut += 2;
                    }
                }
            }
            flags = (flags << 1) | 1;
            cadv = lenBest;
        } else {
            NEED(1);
            pbOut[ibOut++] = pb[i];
            flags <<= 1;
            cadv = 1;
        }
        /* index every position passed over */
        for (uint32_t k = 0; k < cadv; k++, i++) {
            if (cb - i >= 3) {
                uint32_t h = lz_hash(pb + i);
                rgprev[i] = rghead[h];
                rghead[h] = (int32_t)i;
            }
        }
        if (++cflag == 32) {
            put_le32(pbOut + ibFlags, flags);
            cflag = 0;
            flags = 0;
            NEED(4);
            ibFlags = ibOut;
            ibOut += 4;
        }
    }
    /* the last flags word: unused bits set, as MS-XCA's encoder writes it */
    flags = cflag ? (flags << (32 - cflag)) | ((1u << (32 - cflag)) - 1) : 0xFFFFFFFFu;
    put_le32(pbOut + ibFlags, flags);
    fOk = true;
#undef NEED
out:
    mem_free(rghead);
    mem_free(rgprev);
    return fOk ? ibOut : 0;
}

/* ================================================================= ESE's framing =========== */

JET_ERR rec_decompressed_size(const uint8_t *pb, uint32_t cb, uint32_t *pcbOut)
{
    JET_ERR err;
    uint32_t cch = 0;
    *pcbOut = 0;
    if (cb < 1)
        return fail_decompress("empty compressed value");
    switch (pb[0] >> 3) {
    case REC_COMPRESS_7BIT_ASCII:
        CALL_R(count_7bit(pb, cb, &cch));
        *pcbOut = cch;
        return JET_errSuccess;
    case REC_COMPRESS_7BIT_UNICODE:
        CALL_R(count_7bit(pb, cb, &cch));
        *pcbOut = 2 * cch;
        return JET_errSuccess;
    case REC_COMPRESS_XPRESS:
        if (cb < REC_CB_XPRESS_HEADER)
            return fail_decompress("Xpress value without its size");
        *pcbOut = get_le16(pb + 1);
        return JET_errSuccess;
    case REC_COMPRESS_SCRUB:
        return fail_decompress("scrubbed value");
    case REC_COMPRESS_XPRESS9:
    case REC_COMPRESS_XPRESS10:
    case REC_COMPRESS_LZ4:
        FIXME("compression scheme %u (Exchange builds only)\n", pb[0] >> 3);
        return ERR_TRAP(JET_errDecompressionFailed);
    default:
        return fail_decompress("unknown compression scheme");
    }
}

JET_ERR rec_decompress(const uint8_t *pb, uint32_t cb, uint8_t *pbOut, uint32_t cbOutMax, uint32_t *pcbOut)
{
    JET_ERR err;
    uint32_t cbOut, cch = 0;
    CALL_R(rec_decompressed_size(pb, cb, &cbOut));
    *pcbOut = cbOut;
    if (cbOut > cbOutMax)
        return ERR_TRAP(JET_errBufferTooSmall);
    switch (pb[0] >> 3) {
    case REC_COMPRESS_7BIT_ASCII:
    case REC_COMPRESS_7BIT_UNICODE:
        CALL_R(count_7bit(pb, cb, &cch));
        unpack_7bit(pb, cch, pbOut, (pb[0] >> 3) == REC_COMPRESS_7BIT_UNICODE ? 2 : 1);
        return JET_errSuccess;
    default:    /* Xpress: rec_decompressed_size refused everything else */
        return rec_lz77_decode(pb + REC_CB_XPRESS_HEADER, cb - REC_CB_XPRESS_HEADER, pbOut, cbOut);
    }
}

JET_ERR rec_compress_xpress(const uint8_t *pb, uint32_t cb, uint8_t *pbOut, uint32_t cbOutMax, uint32_t *pcbOut)
{
    if (cb == 0 || cb > 0xFFFF || cbOutMax < REC_CB_XPRESS_HEADER)
        return ERR_TRAP(JET_errInvalidParameter);
    uint32_t cbZ = rec_lz77_encode(pb, cb, pbOut + REC_CB_XPRESS_HEADER, cbOutMax - REC_CB_XPRESS_HEADER);
    /* ESE keeps Xpress output only when it is smaller than the data, header included */
    if (cbZ == 0 || cbZ + REC_CB_XPRESS_HEADER >= cb)
        return ERR_NOT_FOUND;
    pbOut[0] = REC_COMPRESS_XPRESS << 3;
    put_le16(pbOut + 1, (uint16_t)cb);
    *pcbOut = cbZ + REC_CB_XPRESS_HEADER;
    return JET_errSuccess;
}

/* Calculate7BitCompressionScheme_: Unicode when every UTF-16 unit is below 0x80 (and that
 * shrinks the data), else ASCII when every byte is; with fUnicodeOnly, Unicode or nothing. */
static uint32_t scheme_7bit(const uint8_t *pb, uint32_t cb, bool fUnicodeOnly)
{
    bool fAscii = true, fUnicode = cb % 2 == 0;
    for (uint32_t i = 0; i < cb; i++)
        if (pb[i] > 0x7F)
            fAscii = false;
    if (fUnicode)
        for (uint32_t i = 0; i + 1 < cb; i += 2)
            if (get_le16(pb + i) > 0x7F)
                fUnicode = false;
    if (fUnicodeOnly && !fUnicode)
        return 0;
    if (!fAscii)
        return 0;
    if (fUnicode)
        return cb_7bit(cb / 2) < cb ? REC_COMPRESS_7BIT_UNICODE : 0;
    return cb_7bit(cb) < cb ? REC_COMPRESS_7BIT_ASCII : 0;
}

JET_ERR rec_compress(const uint8_t *pb, uint32_t cb, unsigned grbitSchemes, uint32_t cbXpressMin, uint8_t *pbOut,
        uint32_t cbOutMax, uint32_t *pcbOut)
{
    JET_ERR err;
    bool fXpress = false;
    if (cb == 0 || cbOutMax < cb)
        return ERR_TRAP(JET_errInvalidParameter);
    if ((grbitSchemes & REC_COMPRESS_XPRESS_FLAG) && cb >= cbXpressMin && cb <= 0xFFFF) {
        err = rec_compress_xpress(pb, cb, pbOut, cbOutMax, pcbOut);
        if (err == JET_errSuccess) {
            fXpress = true;
            if (*pcbOut <= cb_7bit(cb / 2))
                return JET_errSuccess;
        } else if (err != ERR_NOT_FOUND) {
            return err;
        }
    }
    if (grbitSchemes & REC_COMPRESS_7BIT) {
        uint32_t scheme = scheme_7bit(pb, cb, fXpress);
        if (scheme)
            return rec_compress_7bit(pb, cb, scheme == REC_COMPRESS_7BIT_UNICODE, pbOut, cbOutMax, pcbOut);
    }
    return fXpress ? JET_errSuccess : ERR_NOT_FOUND;
}

bool rec_compress_worth_trying(const uint8_t *pb, uint32_t cb)
{
    if (cb < 128)
        return true;
    uint32_t cbSample = MIN(cb, 1024u), rgfreq[256] = { 0 };
    for (uint32_t i = 0; i < cbSample; i++)
        rgfreq[pb[i]]++;
    double e = cbSample / 256.0, chi = 0.0;
    for (int i = 0; i < 256; i++)
        chi += (rgfreq[i] - e) * (rgfreq[i] - e) / e;
    return chi >= 500.0;
}
