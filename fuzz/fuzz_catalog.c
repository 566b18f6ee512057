/* SPDX-License-Identifier: MIT
 * fuzz/fuzz_catalog.c: one MSysObjects row of arbitrary bytes through the catalog-row decoder and
 * encoder of the record layer.
 * Layer reached: record (and base).
 *
 * Input: byte 0 picks the page size (bits 0-1: 4, 8, 16 or 32 KiB); the rest is the row.
 * Checked, beyond "never crash, never trip an assert":
 *   - a row that decodes into its descriptor either fails to encode or encodes into a row that
 *     decodes again (same table, type, id and name but for the fixed ones of LV and callback
 *     rows) and encodes into the same bytes again (encoding is a function of the descriptor);
 *   - the Id key of a decoded row is 13 bytes. */
#include <stdio.h>
#include <stdlib.h>

#include "record.h"

#define CHECK(x) do { if (!(x)) { fprintf(stderr, "fuzz_catalog: check failed: %s (line %d)\n", #x, __LINE__); abort(); } } while (0)

static uint8_t g_row[32768];
static uint8_t g_enc1[32768];
static uint8_t g_enc2[32768];

/* Encode a decoded row with the encoder of its type. */
static JET_ERR encode(const struct rec_cat_row *prow, uint32_t cbPage, struct rec_buf *prb)
{
    JET_ERR err;
    switch (prow->type) {
    case REC_SYSOBJ_TABLE: {
        struct rec_cat_table t;
        CALL_R(rec_cat_row_table(prow, &t));
        return rec_cat_encode_table(&t, cbPage, prb);
    }
    case REC_SYSOBJ_COLUMN: {
        struct rec_cat_column c;
        CALL_R(rec_cat_row_column(prow, &c));
        return rec_cat_encode_column(&c, cbPage, prb);
    }
    case REC_SYSOBJ_INDEX: {
        struct rec_cat_index x;
        CALL_R(rec_cat_row_index(prow, &x));
        struct rec_index idx;
        rec_cat_index_to_rec(&x, &idx);
        return rec_cat_encode_index(&x, cbPage, prb);
    }
    case REC_SYSOBJ_LV: {
        struct rec_cat_lv lv;
        CALL_R(rec_cat_row_lv(prow, &lv));
        return rec_cat_encode_lv(&lv, cbPage, prb);
    }
    case REC_SYSOBJ_CALLBACK: {
        struct rec_cat_callback cb;
        CALL_R(rec_cat_row_callback(prow, &cb));
        return rec_cat_encode_callback(&cb, cbPage, prb);
    }
    default:
        return JET_errCatalogCorrupted;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t rgcbPage[4] = { 4096, 8192, 16384, 32768 };
    if (size < 1)
        return 0;
    const uint32_t cbPage = rgcbPage[data[0] & 3];
    uint32_t cb = (uint32_t)MIN(size - 1, (size_t)cbPage);
    memcpy(g_row, data + 1, cb);

    struct rec_view v;
    struct rec_cat_row row;
    if (rec_view_init(&v, g_row, cb, cbPage, 0) != JET_errSuccess)
        return 0;
    if (rec_cat_row_decode(&v, &row) != JET_errSuccess)
        return 0;
    uint8_t rgbKey[16];
    CHECK(rec_cat_key_id(row.objidTable, row.type, row.id, rgbKey) == 13);

    struct rec_buf rb1 = { g_enc1, 0, cbPage };
    if (encode(&row, cbPage, &rb1) != JET_errSuccess)
        return 0;
    /* what we wrote decodes, and encodes into the same bytes */
    struct rec_view v1;
    struct rec_cat_row row1;
    CHECK(rec_view_init(&v1, rb1.pb, rb1.cb, cbPage, 0) == JET_errSuccess);
    CHECK(rec_cat_row_decode(&v1, &row1) == JET_errSuccess);
    CHECK(row1.objidTable == row.objidTable && row1.type == row.type);
    /* LV and callback rows always say "LV"/"CB", and a callback row's Id is 5 */
    if (row.type != REC_SYSOBJ_LV && row.type != REC_SYSOBJ_CALLBACK)
        CHECK(row1.id == row.id && !strcmp(row1.szName, row.szName));
    struct rec_buf rb2 = { g_enc2, 0, cbPage };
    CHECK(encode(&row1, cbPage, &rb2) == JET_errSuccess);
    CHECK(rb1.cb == rb2.cb && !memcmp(rb1.pb, rb2.pb, rb1.cb));
    return 0;
}
