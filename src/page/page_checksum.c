/* SPDX-License-Identifier: MIT
 * page/page_checksum.c: database page checksums (ESE-FORMAT-NOTES §3.2): the old XOR form, the
 * ECC+XOR form of small pages and the four block checksums of large pages; single-bit error
 * correction; and page_verify(), the whole read-path check.
 * Layer: page (uses base).
 *
 * The ECC is a Hsiao code over the block seen as rows of four u32 (128 bits): for every row with
 * odd parity the row index and its complement are folded in (upper and lower 16-bit halves), and
 * for the 32-bit XOR of all rows the bit index and its complement likewise. A single flipped bit
 * changes the XOR in one bit and the ECC halves by complementary values, whose low half is the
 * bit's index in the block; anything else is not correctable. */
#include "page.h"
#include "debug.h"

DEBUG_CHANNEL(page);

/* 0 or all ones: the parity of v spread over 32 bits (the compiler's parity builtin: a
 * flag-based sequence on x86, POPCNT where the target has it). */
static inline uint32_t parity_mask(uint32_t v)
{
    return 0u - (uint32_t)__builtin_parity(v);
}

/* ECC and XOR of one block of cbBlock bytes (1 KiB .. 8 KiB, a multiple of 16). In the header
 * block (the page start) the first 8 bytes, where the checksum itself lives, count as zero. */
static uint64_t block_checksum(const uint8_t *pb, uint32_t cbBlock, uint32_t pgno, bool fHeaderBlock)
{
    uint64_t c01 = 0, c23 = 0;                  /* column parities, two u32 columns each */
    uint32_t p = 0;                             /* row-index part of the code */
    uint32_t idx = 0xFF800000u;                 /* ~(r << 7) in the top half, r << 7 below */
    const uint32_t crow = cbBlock / 16;

    /* Rows as two little-endian u64 (columns 0|1 and 2|3): half the loads and XORs. */
    for (uint32_t r = 0; r < crow; r++, pb += 16) {
        const uint64_t v01 = r == 0 && fHeaderBlock ? 0 : get_le64(pb);
        const uint64_t v23 = get_le64(pb + 8);
        c01 ^= v01;
        c23 ^= v23;
        const uint64_t v = v01 ^ v23;
        p ^= idx & parity_mask((uint32_t)v ^ (uint32_t)(v >> 32));
        idx += 0xFF800080u;
    }
    const uint32_t c0 = (uint32_t)c01, c1 = (uint32_t)(c01 >> 32);
    const uint32_t c2 = (uint32_t)c23, c3 = (uint32_t)(c23 >> 32);

    p |= 0x00400000u & parity_mask(c0 ^ c1);
    p |= 0x00000040u & parity_mask(c2 ^ c3);
    const uint32_t r0 = c0 ^ c2, r1 = c1 ^ c3;
    p |= 0x00200000u & parity_mask(r0);
    p |= 0x00000020u & parity_mask(r1);
    const uint32_t x = r0 ^ r1;

    uint32_t r = 0;
    for (uint32_t i = 0; i < 32; i++)
        if (x & (1u << i))
            r ^= ((~i & 0xFFFFu) << 16) | i;

    /* Keep only as many complement bits as the block has bit-index bits (wraps to all ones at
     * 8 KiB, as the 32-bit arithmetic of the original does). */
    const uint32_t mask = (uint32_t)(cbBlock << 19) - 1u;
    const uint32_t ecc = (p & 0xFFE0FFE0u & mask) | (r & 0x001F001Fu);
    return ((uint64_t)ecc << 32) | (uint32_t)(x ^ pgno);
}

/* Block size of the checksummed blocks: the whole small page; 4 KiB blocks for 16 KiB pages and
 * 8 KiB blocks for 32 KiB pages (the header block is block 0). */
static uint32_t cb_block(uint32_t cbPage)
{
    if (!page_cb_is_large(cbPage))
        return cbPage;
    return cbPage <= 16384 ? 4096 : 8192;
}

static bool is_new_format(const uint8_t *pb)
{
    return get_le32(pb + offsetof(struct pghdr_disk, fFlags)) & PAGE_FLAG_NEW_CHECKSUM;
}

void page_checksum_compute(const void *buf, uint32_t cbPage, uint32_t pgno, struct page_checksum *pck)
{
    const uint8_t *pb = (const uint8_t *)buf;
    memset(pck, 0, sizeof *pck);
    if (!is_new_format(pb)) {
        /* Pre-2004 form: seed XOR every u32 after the first (the stored pgno included), and the
         * page number itself as the upper half. */
        uint32_t x = PAGE_DB_MAGIC;
        for (uint32_t ib = 4; ib < cbPage; ib += 4)
            x ^= get_le32(pb + ib);
        pck->rg[0] = ((uint64_t)pgno << 32) | x;
        return;
    }
    const uint32_t cbB = cb_block(cbPage);
    for (uint32_t i = 1; i * cbB < cbPage && i < 4; i++)
        pck->rg[i] = block_checksum(pb + i * cbB, cbB, pgno, false);
    pck->rg[0] = block_checksum(pb, cbB, pgno, true);
}

static void checksum_stored(const uint8_t *pb, uint32_t cbPage, struct page_checksum *pck)
{
    memset(pck, 0, sizeof *pck);
    pck->rg[0] = get_le64(pb);
    if (page_cb_is_large(cbPage) && is_new_format(pb))
        for (int i = 0; i < 3; i++)
            pck->rg[i + 1] = get_le64(pb + offsetof(struct pghdr2_disk, rgChecksum) + 8 * i);
}

void page_checksum_set(void *buf, uint32_t cbPage, uint32_t pgno)
{
    uint8_t *pb = (uint8_t *)buf;
    uint8_t *pbFlags = pb + offsetof(struct pghdr_disk, fFlags);
    put_le32(pbFlags, get_le32(pbFlags) | PAGE_FLAG_NEW_CHECKSUM);

    /* Blocks 1..3 first: their checksums sit in block 0, which is checksummed last over them. */
    const uint32_t cbB = cb_block(cbPage);
    for (uint32_t i = 1; i * cbB < cbPage && i < 4; i++)
        put_le64(pb + offsetof(struct pghdr2_disk, rgChecksum) + 8 * (i - 1),
                 block_checksum(pb + i * cbB, cbB, pgno, false));
    put_le64(pb, block_checksum(pb, cbB, pgno, true));
}

static bool all_zero(const uint8_t *pb, uint32_t cb)
{
    for (uint32_t i = 0; i < cb; i++)
        if (pb[i])
            return false;
    return true;
}

static int popcount32(uint32_t v)
{
    int c = 0;
    for (; v; v &= v - 1)
        c++;
    return c;
}

/* One block's difference: -1 if none, -2 if not correctable, else the bit (within the block).
 * ibitForbidden is a bit that may not be "corrected" (the checksum-format flag). */
static int32_t block_error_bit(uint32_t cbBlock, uint64_t stored, uint64_t computed, uint32_t ibitForbidden)
{
    if (stored == computed)
        return -1;
    const uint32_t eccDiff = (uint32_t)(stored >> 32) ^ (uint32_t)(computed >> 32);
    const uint32_t xorDiff = (uint32_t)stored ^ (uint32_t)computed;
    const uint32_t mask = cbBlock * 8u - 1u;
    if ((((eccDiff >> 16) ^ eccDiff) & mask) != mask || popcount32(xorDiff) != 1)
        return -2;
    const uint32_t ibit = eccDiff & 0xFFFFu;
    if (ibit >= cbBlock * 8u || ibit == ibitForbidden)
        return -2;
    return (int32_t)ibit;
}

/* Which single bit of the page explains the mismatch, or -1. Mirrors ESE: every block must be
 * either intact or correctable; the first correctable bit is reported; a bit in block 0 that
 * falls on a stored block checksum means that stored value, not the block, is wrong. */
static int32_t correctable_bit(uint32_t cbPage, struct page_checksum stored, const struct page_checksum *computed)
{
    const uint32_t cbB = cb_block(cbPage);
    const uint32_t cblk = cbPage / cbB;
    int32_t ibitFirst = -1;

    for (uint32_t iblk = 0; iblk < cblk; iblk++) {
        int32_t ibit = block_error_bit(cbB, stored.rg[iblk], computed->rg[iblk],
                                       iblk == 0 ? PAGE_IBIT_NEW_CHECKSUM_FLAG : UINT32_MAX);
        if (ibit == -2)
            return -1;
        if (ibit < 0)
            continue;
        ibit += (int32_t)(iblk * cbB * 8u);
        if (ibitFirst < 0) {
            ibitFirst = ibit;
            const int32_t ibitStart = (int32_t)offsetof(struct pghdr2_disk, rgChecksum) * 8;
            if (cblk > 1 && iblk == 0 && ibit >= ibitStart && ibit < ibitStart + 3 * 64) {
                const int32_t i = ibit - ibitStart;
                stored.rg[1 + i / 64] ^= (uint64_t)1 << (i % 64);
            }
        }
    }
    return ibitFirst;
}

JET_ERR page_checksum_verify(const void *buf, uint32_t cbPage, uint32_t pgno, struct page_checksum_report *prep)
{
    const uint8_t *pb = (const uint8_t *)buf;
    struct page_checksum_report rep;
    memset(&rep, 0, sizeof rep);
    rep.ibitCorrupted = -1;

    JET_ERR err = JET_errSuccess;
    if (all_zero(pb, cbPage)) {
        err = JET_errPageNotInitialized;
    } else {
        checksum_stored(pb, cbPage, &rep.stored);
        page_checksum_compute(pb, cbPage, pgno, &rep.computed);
        if (memcmp(&rep.stored, &rep.computed, sizeof rep.stored) != 0) {
            err = JET_errReadVerifyFailure;
            if (is_new_format(pb)) {
                rep.ibitCorrupted = correctable_bit(cbPage, rep.stored, &rep.computed);
                rep.fCorrectable = rep.ibitCorrupted >= 0;
            }
        }
    }
    if (prep)
        *prep = rep;
    return err;
}

JET_ERR page_verify(void *buf, uint32_t cbPage, uint32_t pgno, unsigned grbit, int32_t *pibitCorrected)
{
    uint8_t *pb = (uint8_t *)buf;
    struct page_checksum_report rep;
    JET_ERR wrn = JET_errSuccess;

    if (pibitCorrected)
        *pibitCorrected = -1;

    JET_ERR err = page_checksum_verify(pb, cbPage, pgno, &rep);
    if (err == JET_errPageNotInitialized)
        return ERR_CORRUPT_E(err, pgno, "page is all zero");
    if (err < 0) {
        if (!(grbit & PAGE_VERIFY_FIX) || !rep.fCorrectable)
            return ERR_CORRUPT_E(err, pgno, "page checksum mismatch");
        /* Flip the bit, then trust the page only if it is now sound; otherwise put it back. */
        pb[rep.ibitCorrupted / 8] ^= (uint8_t)(1u << (rep.ibitCorrupted % 8));
        err = page_checksum_verify(pb, cbPage, pgno, NULL);
        if (err >= 0)
            err = page_validate(pb, cbPage, pgno);
        if (err < 0) {
            pb[rep.ibitCorrupted / 8] ^= (uint8_t)(1u << (rep.ibitCorrupted % 8));
            return ERR_CORRUPT_E(JET_errReadVerifyFailure, pgno, "single-bit ECC correction did not give a sound page");
        }
        WARN("page %u: corrected bit %ld (byte %ld) by ECC\n", (unsigned)pgno,
             (long)rep.ibitCorrupted, (long)(rep.ibitCorrupted / 8));
        if (pibitCorrected)
            *pibitCorrected = rep.ibitCorrupted;
        wrn = WRN_PAGE_BIT_CORRECTED;
    }

    if (page_cb_is_large(cbPage)) {
        uint32_t pgnoStored = get_le32(pb + offsetof(struct pghdr2_disk, pgno));
        if (pgnoStored != pgno) {
            if (wrn)   /* leave the buffer as it came */
                pb[rep.ibitCorrupted / 8] ^= (uint8_t)(1u << (rep.ibitCorrupted % 8));
            return ERR_CORRUPT_E(JET_errReadPgnoVerifyFailure, pgno, "page stores another page number");
        }
    }

    if (!wrn)
        CALL_R(page_validate(pb, cbPage, pgno));
    return wrn;
}
