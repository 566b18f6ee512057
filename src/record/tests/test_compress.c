/* SPDX-License-Identifier: MIT
 * record/tests/test_compress.c: compressed values (§11) and long-value formats (§10): our
 * encoders against our decoders, Windows' compressed values decoded and (for 7-bit, which is
 * deterministic) re-encoded bit for bit, esent.dll's own dump of decompress_test.edb
 * (ese-parser/esentoutput2.txt), and malformed streams. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "walk.h"

static uint8_t g_in[70000], g_z[80000], g_out[70000];

static void roundtrip_7bit(const uint8_t *pb, uint32_t cb, bool fUnicode)
{
    uint32_t cbZ, cbOut;
    assert_int_equal(rec_compress_7bit(pb, cb, fUnicode, g_z, sizeof g_z, &cbZ), JET_errSuccess);
    assert_int_equal(cbZ, (cb / (fUnicode ? 2 : 1) * 7 + 7) / 8 + 1);
    assert_int_equal(g_z[0] >> 3, fUnicode ? REC_COMPRESS_7BIT_UNICODE : REC_COMPRESS_7BIT_ASCII);
    assert_int_equal(rec_decompressed_size(g_z, cbZ, &cbOut), JET_errSuccess);
    assert_int_equal(cbOut, cb);
    assert_int_equal(rec_decompress(g_z, cbZ, g_out, sizeof g_out, &cbOut), JET_errSuccess);
    assert_int_equal(cbOut, cb);
    assert_memory_equal(g_out, pb, cb);
}

static void test_rec_compress_7bit_round_trips_every_length(void **state)
{
    (void)state;
    uint32_t seed = 7;
    for (uint32_t cb = 1; cb < 300; cb++) {
        for (uint32_t i = 0; i < cb; i++) {
            seed = seed * 1103515245u + 12345u;
            g_in[i] = (uint8_t)((seed >> 16) & 0x7F);
        }
        roundtrip_7bit(g_in, cb, false);
        if (cb % 2 == 0) {
            for (uint32_t i = 1; i < cb; i += 2)
                g_in[i] = 0;
            roundtrip_7bit(g_in, cb, true);
        }
    }
    /* a byte over 0x7F cannot be packed */
    uint32_t cbZ;
    g_in[0] = 0x80;
    assert_int_equal(rec_compress_7bit(g_in, 8, false, g_z, sizeof g_z, &cbZ), JET_errInvalidParameter);
    /* "Record          0" as ESE packs it (decompress_test.edb, compressed_ascii) */
    static const char sz[] = "Record          0";
    assert_int_equal(rec_compress_7bit((const uint8_t *)sz, 17, false, g_z, sizeof g_z, &cbZ), JET_errSuccess);
    static const uint8_t want[] = { 0x0e, 0xd2, 0xf2, 0xf8, 0x2d, 0x27, 0x83, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x81, 0x40, 0x30 };
    assert_int_equal(cbZ, sizeof want);
    assert_memory_equal(g_z, want, sizeof want);
}

static void test_rec_compress_chooses_like_ese(void **state)
{
    (void)state;
    uint32_t cbZ;
    /* UTF-16 of ASCII: 7-bit Unicode */
    for (int i = 0; i < 40; i++) {
        g_in[2 * i] = (uint8_t)('a' + i % 26);
        g_in[2 * i + 1] = 0;
    }
    assert_int_equal(rec_compress(g_in, 80, REC_COMPRESS_7BIT | REC_COMPRESS_XPRESS_FLAG, 1024, g_z, sizeof g_z, &cbZ),
            JET_errSuccess);
    assert_int_equal(g_z[0] >> 3, REC_COMPRESS_7BIT_UNICODE);
    /* ASCII with an odd length: 7-bit ASCII */
    assert_int_equal(rec_compress((const uint8_t *)"hello world, hello", 18, REC_COMPRESS_7BIT, 1024, g_z, sizeof g_z, &cbZ),
            JET_errSuccess);
    assert_int_equal(g_z[0] >> 3, REC_COMPRESS_7BIT_ASCII);
    /* too short to shrink: nothing */
    assert_int_equal(rec_compress((const uint8_t *)"a\0", 2, REC_COMPRESS_7BIT, 1024, g_z, sizeof g_z, &cbZ), ERR_NOT_FOUND);
    /* repetitive binary over the Xpress minimum: Xpress */
    for (int i = 0; i < 4000; i++)
        g_in[i] = (uint8_t)(0x80 | (i % 7));
    assert_int_equal(rec_compress(g_in, 4000, REC_COMPRESS_7BIT | REC_COMPRESS_XPRESS_FLAG, 1024, g_z, sizeof g_z, &cbZ),
            JET_errSuccess);
    assert_int_equal(g_z[0] >> 3, REC_COMPRESS_XPRESS);
    assert_true(cbZ < 100);
    uint32_t cbOut;
    assert_int_equal(rec_decompress(g_z, cbZ, g_out, sizeof g_out, &cbOut), JET_errSuccess);
    assert_int_equal(cbOut, 4000);
    assert_memory_equal(g_out, g_in, 4000);
    /* random bytes: nothing */
    uint32_t seed = 99;
    for (int i = 0; i < 2000; i++) {
        seed = seed * 1103515245u + 12345u;
        g_in[i] = (uint8_t)(seed >> 16);
    }
    assert_int_equal(rec_compress(g_in, 2000, REC_COMPRESS_7BIT | REC_COMPRESS_XPRESS_FLAG, 1024, g_z, sizeof g_z, &cbZ),
            ERR_NOT_FOUND);
    assert_false(rec_compress_worth_trying(g_in, 2000));
    memset(g_in, 'x', 2000);
    assert_true(rec_compress_worth_trying(g_in, 2000));
}

static void test_rec_lz77_round_trips(void **state)
{
    (void)state;
    uint32_t seed = 1;
    static const uint32_t rgcb[] = { 1, 2, 3, 4, 31, 32, 33, 100, 1000, 8191, 8192, 8193, 20000, 65535 };
    for (size_t k = 0; k < ARRAY_SIZE(rgcb); k++) {
        for (int mode = 0; mode < 4; mode++) {
            uint32_t cb = rgcb[k];
            for (uint32_t i = 0; i < cb; i++) {
                seed = seed * 1103515245u + 12345u;
                switch (mode) {
                case 0: g_in[i] = (uint8_t)(seed >> 16); break;            /* random */
                case 1: g_in[i] = 'A'; break;                               /* one long run */
                case 2: g_in[i] = (uint8_t)("abcdefgh"[i % 8] + (i / 5000)); break;
                default: g_in[i] = (uint8_t)((seed >> 28) ? g_in[i ? i - 1 : 0] : seed >> 16); break;
                }
            }
            uint32_t cbZ = rec_lz77_encode(g_in, cb, g_z, sizeof g_z);
            assert_true(cbZ > 0);
            memset(g_out, 0xCC, cb);
            assert_int_equal(rec_lz77_decode(g_z, cbZ, g_out, cb), JET_errSuccess);
            assert_memory_equal(g_out, g_in, cb);
            if (mode == 1)
                assert_true(cbZ < 16);      /* one literal and one long match */
        }
    }
}

static void test_rec_decompress_rejects_malformed_data(void **state)
{
    (void)state;
    uint32_t cbOut;
    /* 7-bit: too short, bit count not a multiple of 7 */
    static const uint8_t r1[] = { 0x08 };
    assert_int_equal(rec_decompressed_size(r1, 1, &cbOut), JET_errDecompressionFailed);
    static const uint8_t r2[] = { 0x0F, 0x11, 0x22 };
    assert_int_equal(rec_decompressed_size(r2, 3, &cbOut), JET_errDecompressionFailed);
    /* unknown and Exchange-only schemes */
    static const uint8_t r3[] = { 0x40, 0x00, 0x00 };
    assert_int_equal(rec_decompressed_size(r3, 3, &cbOut), JET_errDecompressionFailed);
    static const uint8_t r4[] = { 0x38, 0x10, 0x00 };
    assert_int_equal(rec_decompressed_size(r4, 3, &cbOut), JET_errDecompressionFailed);
    /* Xpress: flags past the input, a match before the start, a literal past the input */
    static const uint8_t x1[] = { 0x18, 0x04, 0x00, 0x00, 0x00 };
    assert_int_equal(rec_decompress(x1, sizeof x1, g_out, sizeof g_out, &cbOut), JET_errDecompressionFailed);
    static const uint8_t x2[] = { 0x18, 0x04, 0x00, 0x00, 0x00, 0x00, 0x80, 0x08, 0x00 };
    assert_int_equal(rec_decompress(x2, sizeof x2, g_out, sizeof g_out, &cbOut), JET_errDecompressionFailed);
    static const uint8_t x3[] = { 0x18, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 'a', 'b' };
    assert_int_equal(rec_decompress(x3, sizeof x3, g_out, sizeof g_out, &cbOut), JET_errDecompressionFailed);
    /* output buffer too small */
    static const uint8_t x4[] = { 0x18, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 'a', 'b' };
    assert_int_equal(rec_decompress(x4, sizeof x4, g_out, 1, &cbOut), JET_errBufferTooSmall);
    assert_int_equal(rec_decompress(x4, sizeof x4, g_out, 2, &cbOut), JET_errSuccess);
    assert_memory_equal(g_out, "ab", 2);
    /* a match whose 32-bit length escape is cut short */
    static const uint8_t x5[] = { 0x00, 0x00, 0x00, 0x40, 'a', 0x07, 0x00, 0x0F, 0xFF, 0x00, 0x00, 0x01 };
    assert_int_equal(rec_lz77_decode(x5, sizeof x5, g_out, 60000), JET_errDecompressionFailed);
    /* random streams never escape their buffers */
    uint32_t seed = 5;
    for (int iter = 0; iter < 20000; iter++) {
        uint32_t cb = 3 + iter % 40;
        for (uint32_t i = 0; i < cb; i++) {
            seed = seed * 1103515245u + 12345u;
            g_in[i] = (uint8_t)(seed >> 16);
        }
        g_in[0] = (uint8_t)((1 + iter % 3) << 3 | (g_in[0] & 7));
        if (rec_decompressed_size(g_in, cb, &cbOut) == JET_errSuccess && cbOut <= sizeof g_out)
            (void)!rec_decompress(g_in, cb, g_out, cbOut, &cbOut);
    }
}

static void test_rec_lv_formats(void **state)
{
    (void)state;
    assert_int_equal(rec_lv_chunk_most(4096), 4014);
    assert_int_equal(rec_lv_chunk_most(8192), 8110);
    assert_int_equal(rec_lv_chunk_most(16384), 4050);
    assert_int_equal(rec_lv_chunk_most(32768), 8150);
    uint8_t key[12];
    uint64_t lid;
    bool fRoot;
    uint32_t ib;
    assert_int_equal(rec_lv_key_root(key, 0x1234), 4);
    assert_memory_equal(key, "\x00\x00\x12\x34", 4);
    assert_int_equal(rec_lv_key_parse(key, 4, &lid, &fRoot, &ib), JET_errSuccess);
    assert_true(fRoot);
    assert_int_equal(lid, 0x1234);
    assert_int_equal(rec_lv_key_chunk(key, 0x1234, 8028), 8);
    assert_int_equal(rec_lv_key_parse(key, 8, &lid, &fRoot, &ib), JET_errSuccess);
    assert_false(fRoot);
    assert_int_equal(ib, 8028);
    const uint64_t lid64 = REC_LID64_FIRST + 5;
    assert_int_equal(rec_lv_key_root(key, lid64), 8);
    assert_int_equal(rec_lv_key_parse(key, 8, &lid, &fRoot, &ib), JET_errSuccess);
    assert_true(fRoot);
    assert_true(lid == lid64);
    assert_int_equal(rec_lv_key_chunk(key, lid64, 4014), 12);
    assert_int_equal(rec_lv_key_parse(key, 12, &lid, &fRoot, &ib), JET_errSuccess);
    assert_false(fRoot);
    assert_int_equal(ib, 4014);
    /* bad keys: size, LID 0, LID64 without its flag */
    assert_int_equal(rec_lv_key_parse(key, 5, &lid, &fRoot, &ib), JET_errDatabaseCorrupted);
    memset(key, 0, sizeof key);
    assert_int_equal(rec_lv_key_parse(key, 4, &lid, &fRoot, &ib), JET_errDatabaseCorrupted);
    assert_int_equal(rec_lv_key_parse(key, 12, &lid, &fRoot, &ib), JET_errDatabaseCorrupted);
    /* roots */
    struct rec_lvroot root = { 1, 5000, 0, false }, root2;
    uint8_t rgb[9];
    assert_int_equal(rec_lv_root_encode(&root, rgb), 8);
    assert_int_equal(rec_lv_root_parse(rgb, 8, &root2), JET_errSuccess);
    assert_int_equal(root2.ulSize, 5000);
    root.fRoot2 = true;
    root.fFlags = REC_LVROOT_ENCRYPTED;
    assert_int_equal(rec_lv_root_encode(&root, rgb), 9);
    assert_int_equal(rec_lv_root_parse(rgb, 9, &root2), JET_errSuccess);
    assert_int_equal(root2.fFlags, REC_LVROOT_ENCRYPTED);
    rgb[8] = 0x80;
    assert_int_equal(rec_lv_root_parse(rgb, 9, &root2), JET_errDatabaseCorrupted);
    assert_int_equal(rec_lv_root_parse(rgb, 7, &root2), JET_errDatabaseCorrupted);
    /* the compressed-chunk rule: 10000 bytes in chunks of 4014 */
    bool f;
    assert_int_equal(rec_lv_chunk_is_compressed(4014, 0, 4014, 10000, &f), JET_errSuccess);
    assert_false(f);
    assert_int_equal(rec_lv_chunk_is_compressed(4014, 4014, 100, 10000, &f), JET_errSuccess);
    assert_true(f);
    assert_int_equal(rec_lv_chunk_is_compressed(4014, 8028, 1972, 10000, &f), JET_errSuccess);
    assert_false(f);
    assert_int_equal(rec_lv_chunk_is_compressed(4014, 8028, 1971, 10000, &f), JET_errSuccess);
    assert_true(f);
    assert_int_equal(rec_lv_chunk_is_compressed(4014, 8028, 1973, 10000, &f), JET_errDatabaseCorrupted);
    assert_int_equal(rec_lv_chunk_is_compressed(4014, 100, 10, 10000, &f), JET_errDatabaseCorrupted);
    assert_int_equal(rec_lv_chunk_is_compressed(4014, 12042, 10, 10000, &f), JET_errDatabaseCorrupted);
}

/* ===================================================================== samples ============ */

struct comp_ctx {
    const struct sample *ps;
    const struct walk_table *pt;
    uint32_t c7bit, c7bitSame, cXpress, cXpressSame, cbXpressWindows, cbXpressOurs, cLVChunks;
    uint32_t irec;
    /* esentoutput2.txt's test_table rows */
    char (*rgrow)[4][64];
    uint32_t crow;
};

/* A Windows compressed value: decodes; 7-bit re-encodes bit for bit; Xpress re-encodes to
 * something our decoder turns back into the same data. */
static void check_compressed(struct comp_ctx *pcc, const uint8_t *pb, uint32_t cb, uint8_t **ppbOut, uint32_t *pcbOut)
{
    uint32_t cbOut, cbGot, cbZ;
    assert_int_equal(rec_decompressed_size(pb, cb, &cbOut), JET_errSuccess);
    uint8_t *pbOut = malloc(cbOut + 1);
    assert_int_equal(rec_decompress(pb, cb, pbOut, cbOut, &cbGot), JET_errSuccess);
    uint8_t *pbZ = malloc(cbOut + 16);
    unsigned scheme = pb[0] >> 3;
    if (scheme == REC_COMPRESS_XPRESS) {
        pcc->cXpress++;
        pcc->cbXpressWindows += cb;
        assert_int_equal(rec_compress_xpress(pbOut, cbOut, pbZ, cbOut + 16, &cbZ), JET_errSuccess);
        pcc->cbXpressOurs += cbZ;
        pcc->cXpressSame += cbZ == cb && !memcmp(pbZ, pb, cb);
        uint8_t *pbBack = malloc(cbOut + 1);
        assert_int_equal(rec_decompress(pbZ, cbZ, pbBack, cbOut, &cbGot), JET_errSuccess);
        assert_memory_equal(pbBack, pbOut, cbOut);
        free(pbBack);
    } else {
        pcc->c7bit++;
        assert_int_equal(rec_compress_7bit(pbOut, cbOut, scheme == REC_COMPRESS_7BIT_UNICODE, pbZ, cbOut + 16, &cbZ),
                JET_errSuccess);
        assert_int_equal(cbZ, cb);
        assert_memory_equal(pbZ, pb, cb);
        pcc->c7bitSame++;
        /* and ESE's choice of scheme would have been the same */
        assert_int_equal(rec_compress(pbOut, cbOut, REC_COMPRESS_7BIT, UINT32_MAX, pbZ, cbOut + 16, &cbZ), JET_errSuccess);
        assert_int_equal(pbZ[0] >> 3, scheme);
    }
    free(pbZ);
    if (ppbOut) {
        *ppbOut = pbOut;
        *pcbOut = cbOut;
    } else {
        free(pbOut);
    }
}

static void trim(char *sz)
{
    size_t n = strlen(sz);
    while (n && sz[n - 1] == ' ')
        sz[--n] = 0;
    size_t i = 0;
    while (sz[i] == ' ')
        i++;
    memmove(sz, sz + i, strlen(sz + i) + 1);
}

static bool comp_record(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    struct comp_ctx *pcc = pvCtx;
    struct rec_view v;
    assert_int_equal(rec_view_init(&v, pn->pbData, pn->cbData, pv->cb, 0), JET_errSuccess);
    for (uint32_t i = 0; i < v.ctagged; i++) {
        struct rec_tagged t;
        assert_int_equal(rec_tagged_at(&v, i, &t), JET_errSuccess);
        for (uint32_t itag = 1; itag <= t.cinst; itag++) {
            struct rec_value val;
            assert_int_equal(rec_tagged_instance(&t, itag, &val), JET_errSuccess);
            uint8_t *pbData = NULL;
            uint32_t cbData = 0;
            if (val.fFlags & REC_VALUE_COMPRESSED) {
                check_compressed(pcc, val.pb, val.cb, &pbData, &cbData);
            } else if (val.fFlags & REC_VALUE_SEPARATED) {
                uint64_t lid;
                uint32_t cCompressed;
                assert_true(rec_lid_get(val.pb, val.cb, &lid));
                walk_read_lv(pcc->ps, pcc->pt, lid, false, &pbData, &cbData, &cCompressed);
            } else {
                pbData = malloc(val.cb + 1);
                memcpy(pbData, val.pb, val.cb);
                cbData = val.cb;
            }
            /* decompress_test.edb against esent.dll's dump: columns in fid order */
            if (pcc->crow && itag == 1) {
                uint32_t icol = t.fid - 256;
                assert_true(pcc->irec < pcc->crow && icol < 4);
                const char *szWant = pcc->rgrow[pcc->irec][icol];
                if (!strncmp(szWant, "17 bytes:", 9)) {
                    assert_int_equal(cbData, 17);
                    for (int k = 0; k < 16; k++)
                        assert_int_equal(strtoul(szWant + 10 + 3 * k, NULL, 16), pbData[k]);
                } else if (icol == 0) {     /* compressed_unicode: UTF-16 */
                    assert_int_equal(cbData, 2 * strlen(szWant));
                    for (size_t k = 0; k < strlen(szWant); k++)
                        assert_int_equal(get_le16(pbData + 2 * k), (uint8_t)szWant[k]);
                } else {
                    assert_int_equal(cbData, strlen(szWant));
                    assert_memory_equal(pbData, szWant, cbData);
                }
            }
            free(pbData);
        }
    }
    pcc->irec++;
    return true;
}

/* Every compressed chunk of a table's LV tree (a chunk shorter than its share, §10). */
struct lvchunk_ctx {
    struct comp_ctx *pcc;
    uint32_t cbChunkMost;
    uint64_t lid;
    uint32_t cbLV;
};

static bool lv_chunk(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    struct lvchunk_ctx *plc = pvCtx;
    uint8_t rgbKey[16];
    uint64_t lid;
    bool fRoot, fCompressed;
    uint32_t ib;
    (void)pv;
    uint32_t cbKey = page_node_key(pn, rgbKey, sizeof rgbKey);
    assert_int_equal(rec_lv_key_parse(rgbKey, cbKey, &lid, &fRoot, &ib), JET_errSuccess);
    if (fRoot) {
        struct rec_lvroot root;
        assert_int_equal(rec_lv_root_parse(pn->pbData, pn->cbData, &root), JET_errSuccess);
        plc->lid = lid;
        plc->cbLV = root.ulSize;
        return true;
    }
    assert_true(lid == plc->lid);
    assert_int_equal(rec_lv_chunk_is_compressed(plc->cbChunkMost, ib, pn->cbData, plc->cbLV, &fCompressed), JET_errSuccess);
    if (fCompressed) {
        plc->pcc->cLVChunks++;
        check_compressed(plc->pcc, pn->pbData, pn->cbData, NULL, NULL);
    }
    return true;
}

/* Every compressed value of every sample; decompress_test.edb against esentoutput2.txt. */
static void test_samples_compressed_values_decode_and_reencode(void **state)
{
    (void)state;
    for (size_t is = 0; is < sample_count; is++) {
        struct sample s;
        struct walk_catalog cat;
        sample_load(&sample_all[is], &s);
        walk_catalog_load(&s, &cat);
        struct comp_ctx cc;
        memset(&cc, 0, sizeof cc);
        cc.ps = &s;
        char (*rgrow)[4][64] = NULL;
        uint32_t crow = 0;
        if (strstr(s.desc->path, "decompress_test.edb")) {
            char path[1024];
            snprintf(path, sizeof path, "%s/samples/ese-parser/esentoutput2.txt", getenv("ESENT_SHARED_DIR"));
            FILE *f = fopen(path, "r");
            assert_non_null(f);
            char line[70000];
            bool fIn = false;
            rgrow = calloc(16, sizeof *rgrow);
            while (fgets(line, sizeof line, f)) {
                if (!strncmp(line, "table ", 6)) {
                    fIn = !strncmp(line, "table test_table", 16);
                    continue;
                }
                if (!fIn || strstr(line, "compressed_unicode"))
                    continue;
                char *p = line + 1;
                for (int k = 0; k < 4; k++) {
                    char *q = strchr(p, '|');
                    assert_non_null(q);
                    *q = 0;
                    size_t cch = MIN(strlen(p), (size_t)63);
                    memcpy(rgrow[crow][k], p, cch);
                    rgrow[crow][k][cch] = 0;
                    trim(rgrow[crow][k]);
                    p = q + 1;
                }
                crow++;
            }
            fclose(f);
            assert_int_equal(crow, 10);
        }
        for (uint32_t it = 0; it < cat.ctable; it++) {
            cc.pt = &cat.rgtable[it];
            cc.irec = 0;
            bool fTestTable = !strcmp(cc.pt->table.szName, "test_table");
            cc.rgrow = fTestTable ? rgrow : NULL;
            cc.crow = fTestTable ? crow : 0;
            walk_tree(&s, cc.pt->table.pgnoFDP, comp_record, &cc);
            if (fTestTable && crow)
                assert_int_equal(cc.irec, crow);
            if (cc.pt->fLV) {
                struct lvchunk_ctx lc = { &cc, cc.pt->table.cbLVChunkMax ? cc.pt->table.cbLVChunkMax
                                                                        : rec_lv_chunk_most(s.desc->cbPage), 0, 0 };
                walk_tree(&s, cc.pt->lv.pgnoFDP, lv_chunk, &lc);
            }
        }
        if (cc.c7bit || cc.cXpress || cc.cLVChunks)
            print_message("%s: %u 7-bit values re-encoded bit for bit; %u Xpress values (%u bytes by Windows, %u by us, "
                          "%u identical); %u compressed LV chunks\n", s.desc->path, cc.c7bitSame, cc.cXpress,
                          cc.cbXpressWindows, cc.cbXpressOurs, cc.cXpressSame, cc.cLVChunks);
        free(rgrow);
        walk_catalog_free(&cat);
        sample_free(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rec_compress_7bit_round_trips_every_length),
        cmocka_unit_test(test_rec_compress_chooses_like_ese),
        cmocka_unit_test(test_rec_lz77_round_trips),
        cmocka_unit_test(test_rec_decompress_rejects_malformed_data),
        cmocka_unit_test(test_rec_lv_formats),
        cmocka_unit_test(test_samples_compressed_values_decode_and_reencode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
