/* SPDX-License-Identifier: MIT
 * fuzz/fuzz_record.c: one record of arbitrary bytes through the record layer.
 * Layer reached: record (and base).
 *
 * Input: byte 0 picks the page size (bits 0-1: 4, 8, 16 or 32 KiB), the revision-2 tagged format
 * (bit 2) and a column type for the update step (bits 3-7); byte 1 the column picked for the
 * update; the rest is the record.
 * Checked, beyond "never crash, never trip an assert":
 *   - on a record that rec_view_init accepts, every accessor answers and every value it returns
 *     lies inside the record (or the default record);
 *   - rec_set_column either fails and leaves the record byte for byte unchanged, or succeeds and
 *     leaves a record rec_view_init accepts;
 *   - decompression of every compressed value stays inside its buffers. */
#include <stdio.h>
#include <stdlib.h>

#include "record.h"

#define IGNORE(e) do { JET_ERR ignored_ = (e); (void)ignored_; } while (0)
#define CHECK(x) do { if (!(x)) { fprintf(stderr, "fuzz_record: check failed: %s (line %d)\n", #x, __LINE__); abort(); } } while (0)

static uint8_t g_rec[32768];
static uint8_t g_copy[32768];
static uint8_t g_out[65536];

static void check_inside(const struct rec_view *pv, const struct rec_value *pval)
{
    if (pval->cb == 0)
        return;
    CHECK(pval->pb >= pv->pb && pval->pb + pval->cb <= pv->pb + pv->cb);
}

static void try_decompress(const struct rec_value *pval)
{
    uint32_t cbOut;
    if (!(pval->fFlags & REC_VALUE_COMPRESSED) || pval->cb == 0)
        return;
    if (rec_decompressed_size(pval->pb, pval->cb, &cbOut) == JET_errSuccess && cbOut <= sizeof g_out) {
        uint32_t cbGot;
        if (rec_decompress(pval->pb, pval->cb, g_out, cbOut, &cbGot) == JET_errSuccess)
            CHECK(cbGot == cbOut);
    }
}

static void walk(const struct rec_view *pv)
{
    /* fixed columns as a run of 1-byte slots: must either fit or report corruption */
    for (uint32_t fid = 1; fid <= pv->fidFixedLast; fid++) {
        struct rec_column c = { (uint16_t)fid, false, JET_coltypUnsignedByte, 1, (uint16_t)(3 + fid), 0, 0 };
        enum rec_presence pres;
        struct rec_value val;
        if (rec_get_fixed(pv, &c, &pres, &val) == JET_errSuccess)
            check_inside(pv, &val);
    }
    for (uint32_t fid = REC_FID_VAR_FIRST; fid <= REC_FID_VAR_LAST; fid++) {
        enum rec_presence pres;
        struct rec_value val;
        CHECK(rec_get_var(pv, fid, &pres, &val) == JET_errSuccess);
        check_inside(pv, &val);
        if (fid > pv->fidVarLast)
            CHECK(pres == REC_ABSENT);
    }
    for (uint32_t i = 0; i < pv->ctagged; i++) {
        struct rec_tagged t, t2;
        CHECK(rec_tagged_at(pv, i, &t) == JET_errSuccess);
        CHECK(rec_tagged_find(pv, t.fid, t.fDerived, &t2) == JET_errSuccess);
        CHECK(t2.fid == t.fid && t2.cinst == t.cinst);
        for (uint32_t itag = 1; itag <= t.cinst + 1; itag++) {
            struct rec_value val;
            JET_ERR err = rec_tagged_instance(&t, itag, &val);
            if (err == JET_errSuccess) {
                check_inside(pv, &val);
                try_decompress(&val);
                if (val.fFlags & REC_VALUE_SEPARATED) {
                    uint64_t lid;
                    CHECK(rec_lid_get(val.pb, val.cb, &lid));
                }
            } else {
                CHECK(err == JET_wrnColumnNull);
            }
        }
    }
}

static const uint32_t g_rgcoltyp[] = {
    JET_coltypBit, JET_coltypUnsignedByte, JET_coltypShort, JET_coltypLong, JET_coltypCurrency,
    JET_coltypIEEESingle, JET_coltypIEEEDouble, JET_coltypDateTime, JET_coltypBinary, JET_coltypText,
    JET_coltypLongBinary, JET_coltypLongText, JET_coltypUnsignedLong, JET_coltypLongLong, JET_coltypGUID,
    JET_coltypUnsignedShort,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t rgcbPage[4] = { 4096, 8192, 16384, 32768 };
    if (size < 2)
        return 0;
    const uint32_t cbPage = rgcbPage[data[0] & 3];
    const unsigned grbit = (data[0] & 4) ? REC_VIEW_OLD_FORMAT : 0;
    const uint32_t coltyp = g_rgcoltyp[(data[0] >> 3) % ARRAY_SIZE(g_rgcoltyp)];
    const uint8_t bCol = data[1];
    uint32_t cb = (uint32_t)MIN(size - 2, (size_t)cbPage);
    memcpy(g_rec, data + 2, cb);

    struct rec_view v;
    if (rec_view_init(&v, g_rec, cb, cbPage, grbit) != JET_errSuccess)
        return 0;
    walk(&v);
    if (grbit)
        return 0;

    /* one update with a schema made up from the input: a fixed column at the record's own end of
     * fixed data, a variable column, a tagged column with a default */
    struct rec_column rgcol[3];
    uint32_t cbFixed = rec_coltyp_fixed_size(coltyp, 4);
    rgcol[0] = (struct rec_column){ (uint16_t)(v.fidFixedLast + 1 <= 127 ? v.fidFixedLast + 1 : 127), false,
        rec_coltyp_is_long(coltyp) ? JET_coltypLong : coltyp, cbFixed, (uint16_t)v.ibBitmap, 0, 0 };
    rgcol[1] = (struct rec_column){ (uint16_t)(128 + (bCol & 7)), false, JET_coltypBinary, 255, 0, 0, 0 };
    rgcol[2] = (struct rec_column){ (uint16_t)(256 + (bCol >> 3)), (bCol & 0x80) != 0, coltyp, 0, 0, 1252,
        REC_FIELD_DEFAULT | REC_FIELD_MULTIVALUED };
    struct rec_schema s = { cbPage, rgcol, 3, (bCol & 0x40) != 0, 4, NULL, 0 };
    const struct rec_column *pc = &rgcol[(bCol >> 1) % 3];
    static const uint8_t rgbVal[16] = { 1, 0, 0, 0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    struct rec_value val = { rgbVal, rec_fid_is_fixed(pc->fid) ? cbFixed : (bCol & 15), 0 };
    uint32_t itag = bCol & 3;
    uint32_t grbitSet = (bCol & 0x20) ? REC_SET_SEPARATED : 0;
    if (grbitSet)
        val.cb = 4;
    memcpy(g_copy, g_rec, cb);
    struct rec_buf rb = { g_rec, cb, sizeof g_rec };
    JET_ERR err = rec_set_column(&rb, &s, pc, itag, (bCol & 0x10) ? NULL : &val, grbitSet);
    if (err < 0) {
        CHECK(rb.cb == cb && !memcmp(g_rec, g_copy, cb));
    } else {
        struct rec_view v2;
        CHECK(rec_view_init(&v2, rb.pb, rb.cb, cbPage, 0) == JET_errSuccess);
        walk(&v2);
    }
    return 0;
}
