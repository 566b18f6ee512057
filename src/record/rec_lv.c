/* SPDX-License-Identifier: MIT
 * record/rec_lv.c: the long-value tree's formats: keys, roots, chunk sizes, the compressed-chunk
 * rule. The LV tree itself (seek, insert, replace) belongs to the layers above.
 * Layer: record (uses base).
 * Keys are big-endian so that a value's root sorts first and its chunks follow in offset order:
 * root = LID (4 bytes, or 8 with bit 63 set), chunk = LID + u32 offset. A 8-byte key is a LID64
 * root when its first bit is set, else a LID32 chunk. Chunks cover [offset, offset + cbChunkMost)
 * of the value; the LV has no compressed flag: a chunk shorter than its share is compressed.
 * ESE-FORMAT-NOTES §10; ESE inc/lv.hxx, inc/rec.hxx (LvId, LVROOT), ese/lv.cxx
 * (FLVCompressedChunk), ese/jetapi.cxx (InitVariablesWithPageSize). */
#include "rec_int.h"
#include "debug.h"

DEBUG_CHANNEL(record);

uint32_t rec_lv_chunk_most(uint32_t cbPage)
{
    if (!rec_page_is_large(cbPage))
        return cbPage - (REC_CB_LV_CHUNK_OVERHEAD + 40u);
    return cbPage == 32768 ? 8150u : 4050u;
}

uint32_t rec_lv_key_root(uint8_t *pbKey, uint64_t lid)
{
    if (rec_lid_is_64(lid)) {
        put_be32(pbKey, (uint32_t)(lid >> 32));
        put_be32(pbKey + 4, (uint32_t)lid);
        return 8;
    }
    put_be32(pbKey, (uint32_t)lid);
    return 4;
}

uint32_t rec_lv_key_chunk(uint8_t *pbKey, uint64_t lid, uint32_t ibOffset)
{
    uint32_t cb = rec_lv_key_root(pbKey, lid);
    put_be32(pbKey + cb, ibOffset);
    return cb + 4;
}

static bool lid32_ok(uint32_t lid) { return lid != 0 && !(lid & 0x80000000u); }
static bool lid64_ok(uint64_t lid) { return (lid & REC_LID64_FLAG) && lid <= REC_LID64_MAX && lid != REC_LID64_FLAG; }

JET_ERR rec_lv_key_parse(const uint8_t *pbKey, uint32_t cbKey, uint64_t *plid, bool *pfRoot, uint32_t *pibOffset)
{
    *plid = 0;
    *pfRoot = false;
    *pibOffset = 0;
    switch (cbKey) {
    case 4:
        *plid = get_be32(pbKey);
        *pfRoot = true;
        if (!lid32_ok((uint32_t)*plid))
            return REC_CORRUPT("bad LID32 root key");
        return JET_errSuccess;
    case 8:
        if (pbKey[0] & 0x80) {
            *plid = ((uint64_t)get_be32(pbKey) << 32) | get_be32(pbKey + 4);
            *pfRoot = true;
            if (!lid64_ok(*plid))
                return REC_CORRUPT("bad LID64 root key");
        } else {
            *plid = get_be32(pbKey);
            *pibOffset = get_be32(pbKey + 4);
            if (!lid32_ok((uint32_t)*plid))
                return REC_CORRUPT("bad LID32 chunk key");
        }
        return JET_errSuccess;
    case 12:
        *plid = ((uint64_t)get_be32(pbKey) << 32) | get_be32(pbKey + 4);
        *pibOffset = get_be32(pbKey + 8);
        if (!lid64_ok(*plid))
            return REC_CORRUPT("bad LID64 chunk key");
        return JET_errSuccess;
    default:
        return REC_CORRUPT("LV key of a bad size");
    }
}

JET_ERR rec_lv_root_parse(const uint8_t *pb, uint32_t cb, struct rec_lvroot *proot)
{
    memset(proot, 0, sizeof *proot);
    if (cb != REC_CB_LVROOT && cb != REC_CB_LVROOT2)
        return REC_CORRUPT("LV root of a bad size");
    proot->ulReference = get_le32(pb);
    proot->ulSize = get_le32(pb + 4);
    if (cb == REC_CB_LVROOT2) {
        proot->fRoot2 = true;
        proot->fFlags = pb[8];
        if (proot->fFlags & ~REC_LVROOT_ENCRYPTED)
            return REC_CORRUPT("LV root with unknown flags");
    }
    return JET_errSuccess;
}

uint32_t rec_lv_root_encode(const struct rec_lvroot *proot, uint8_t *pb)
{
    put_le32(pb, proot->ulReference);
    put_le32(pb + 4, proot->ulSize);
    if (!proot->fRoot2)
        return REC_CB_LVROOT;
    pb[8] = proot->fFlags;
    return REC_CB_LVROOT2;
}

JET_ERR rec_lv_chunk_is_compressed(uint32_t cbChunkMost, uint32_t ibOffset, uint32_t cbData, uint32_t cbLV,
        bool *pfCompressed)
{
    *pfCompressed = false;
    if (cbChunkMost == 0)
        return ERR_TRAP(JET_errInvalidParameter);
    if (ibOffset % cbChunkMost || ibOffset >= cbLV)
        return REC_CORRUPT("LV chunk at a bad offset");
    uint32_t cbExpected = cbLV - ibOffset > cbChunkMost ? cbChunkMost : cbLV - ibOffset;
    if (cbData > cbExpected)
        return REC_CORRUPT("LV chunk longer than its share");
    *pfCompressed = cbData < cbExpected;
    return JET_errSuccess;
}
