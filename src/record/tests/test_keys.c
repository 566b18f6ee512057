/* SPDX-License-Identifier: MIT
 * record/tests/test_keys.c: normalized keys (§12): each column type's body, NULL and
 * zero-length prefixes, descending segments, truncation (ANSI quirk included), binary chunks,
 * GUID orders, the entries of multi-valued and conditional indexes; then every index of every
 * sample recomputed from its records and compared with Windows' index trees. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "walk.h"
#include "os.h"

static struct rec_index index_of(const struct rec_idxseg *rgseg, uint32_t cseg, uint32_t cbKeyMost, uint16_t fidb)
{
    struct rec_index idx;
    memset(&idx, 0, sizeof idx);
    idx.fidb = fidb;
    idx.fidx = REC_IDX_EXTENDED_COLUMNS;
    idx.cbKeyMost = cbKeyMost;
    idx.cbVarSegMac = cbKeyMost;
    idx.rgseg = rgseg;
    idx.cseg = cseg;
    idx.locale.dwLCMapFlags = REC_LCMAP_FLAGS_DEFAULT;
    return idx;
}

/* The key of one value of one column. */
static uint32_t key1(uint32_t coltyp, uint16_t fid, const void *pv, uint32_t cb, bool fNull, uint8_t fFlags,
        uint32_t cbKeyMost, uint16_t fidb, uint8_t *pbKey, JET_ERR *perr, bool *pfTruncated)
{
    struct rec_column c = { fid, false, coltyp, rec_fid_is_fixed(fid) ? rec_coltyp_fixed_size(coltyp, cb) : 255,
                            4, REC_CP_ANSI, 0 };
    const struct rec_column *pc = &c;
    struct rec_idxseg seg = { fid, fFlags };
    struct rec_index idx = index_of(&seg, 1, cbKeyMost, fidb);
    struct rec_key_column kc = { fNull, pv, cb };
    uint32_t cbKey, iseg;
    bool fTruncated;
    JET_ERR err = rec_key_make(&idx, &pc, &kc, NULL, 0, pbKey, &cbKey, &fTruncated, &iseg);
    if (perr)
        *perr = err;
    else
        assert_int_equal(err, JET_errSuccess);
    if (pfTruncated)
        *pfTruncated = fTruncated;
    return cbKey;
}

#define EXPECT_KEY(coltyp, fid, pv, cb, ...) do {                                       \
        static const uint8_t want_[] = { __VA_ARGS__ };                                 \
        uint8_t k_[REC_CB_KEY_MOST_MOST];                                               \
        uint32_t cbk_ = key1((coltyp), (fid), (pv), (cb), false, 0, 255, 0, k_, NULL, NULL); \
        assert_int_equal(cbk_, sizeof want_);                                           \
        assert_memory_equal(k_, want_, sizeof want_);                                   \
    } while (0)

static void test_rec_key_fixed_types(void **state)
{
    (void)state;
    uint8_t b;
    b = 0; EXPECT_KEY(JET_coltypBit, 1, &b, 1, 0x7F, 0x00);
    b = 5; EXPECT_KEY(JET_coltypBit, 1, &b, 1, 0x7F, 0xFF);
    b = 0x9A; EXPECT_KEY(JET_coltypUnsignedByte, 1, &b, 1, 0x7F, 0x9A);
    EXPECT_KEY(JET_coltypShort, 1, "\x39\xFA", 2, 0x7F, 0x7A, 0x39);         /* -1479 */
    EXPECT_KEY(JET_coltypUnsignedShort, 1, "\x39\xFA", 2, 0x7F, 0xFA, 0x39);
    EXPECT_KEY(JET_coltypLong, 1, "\x02\x00\x00\x00", 4, 0x7F, 0x80, 0x00, 0x00, 0x02);
    EXPECT_KEY(JET_coltypLong, 1, "\xFF\xFF\xFF\xFF", 4, 0x7F, 0x7F, 0xFF, 0xFF, 0xFF);
    EXPECT_KEY(JET_coltypUnsignedLong, 1, "\xFF\xFF\xFF\xFF", 4, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF);
    EXPECT_KEY(JET_coltypLongLong, 1, "\x01\0\0\0\0\0\0\0", 8, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0x01);
    EXPECT_KEY(JET_coltypCurrency, 1, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8, 0x7F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);
    EXPECT_KEY(JET_coltypUnsignedLongLong, 1, "\x01\0\0\0\0\0\0\x80", 8, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0x01);
    /* floating point: positive flips the sign bit, negative inverts everything */
    EXPECT_KEY(JET_coltypIEEESingle, 1, "\x00\x00\x80\x3F", 4, 0x7F, 0xBF, 0x80, 0x00, 0x00);    /* 1.0f */
    EXPECT_KEY(JET_coltypIEEESingle, 1, "\x00\x00\x80\xBF", 4, 0x7F, 0x40, 0x7F, 0xFF, 0xFF);    /* -1.0f */
    EXPECT_KEY(JET_coltypIEEEDouble, 1, "\0\0\0\0\0\0\xF0\x3F", 8, 0x7F, 0xBF, 0xF0, 0, 0, 0, 0, 0, 0);
    EXPECT_KEY(JET_coltypDateTime, 1, "\0\0\0\0\0\0\xF0\xBF", 8, 0x7F, 0x40, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);
    /* GUID {33221100-5544-7766-8899-AABBCCDDEEFF} stored 00 11 22 33 44 55 ... */
    static const uint8_t guid[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF };
    EXPECT_KEY(JET_coltypGUID, 1, guid, 16, 0x7F, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x88, 0x99, 0x66, 0x77, 0x44, 0x55,
               0x00, 0x11, 0x22, 0x33);
    const struct rec_column c = { 1, false, JET_coltypGUID, 16, 4, 0, 0 };
    const struct rec_column *pc = &c;
    struct rec_idxseg seg = { 1, 0 };
    struct rec_index idx = index_of(&seg, 1, 255, 0);
    idx.fidx |= REC_IDX_DOTNET_GUID;
    struct rec_key_column kc = { false, guid, 16 };
    uint8_t k[64];
    uint32_t cbKey, iseg;
    bool fTrunc;
    assert_int_equal(rec_key_make(&idx, &pc, &kc, NULL, 0, k, &cbKey, &fTrunc, &iseg), JET_errSuccess);
    static const uint8_t wantNet[] = { 0x7F, 0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF };
    assert_int_equal(cbKey, sizeof wantNet);
    assert_memory_equal(k, wantNet, sizeof wantNet);
    /* a value of the wrong size is corruption */
    JET_ERR err;
    key1(JET_coltypLong, 256, "\x01\x02", 2, false, 0, 255, 0, k, &err, NULL);
    assert_int_equal(err, JET_errDatabaseCorrupted);
}

static void test_rec_key_binary_chunks(void **state)
{
    (void)state;
    EXPECT_KEY(JET_coltypBinary, 128, "abc", 3, 0x7F, 'a', 'b', 'c', 0, 0, 0, 0, 0, 3);
    EXPECT_KEY(JET_coltypBinary, 128, "abcdefgh", 8, 0x7F, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 8);
    EXPECT_KEY(JET_coltypBinary, 128, "abcdefghi", 9, 0x7F, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 9,
               'i', 0, 0, 0, 0, 0, 0, 0, 1);
    /* a fixed binary column is its bytes */
    EXPECT_KEY(JET_coltypBinary, 1, "ab\0\0", 4, 0x7F, 'a', 'b', 0, 0);
    /* a cut full chunk ends in 9, a cut partial chunk fills the key with data */
    uint8_t rgb[40], k[64];
    memset(rgb, 'z', sizeof rgb);
    bool fTrunc;
    JET_ERR err;
    uint32_t cbKey = key1(JET_coltypBinary, 128, rgb, 40, false, 0, 20, 0, k, &err, &fTrunc);
    assert_int_equal(err, JET_errSuccess);
    assert_true(fTrunc);
    assert_int_equal(cbKey, 20);
    assert_int_equal(k[9], 9);
    assert_int_equal(k[18], 9);
    assert_int_equal(k[19], 'z');
    cbKey = key1(JET_coltypBinary, 128, rgb, 16, false, 0, 19, 0, k, &err, &fTrunc);
    assert_int_equal(cbKey, 19);
    assert_int_equal(k[18], 8);     /* the whole value fits exactly */
    assert_false(fTrunc);
}

static void test_rec_key_ansi_text_and_its_quirk(void **state)
{
    (void)state;
    EXPECT_KEY(JET_coltypText, 128, "aBz{", 4, 0x7F, 'A', 'B', 'Z', '{', 0x00);
    EXPECT_KEY(JET_coltypText, 128, "ab\0cd", 5, 0x7F, 'A', 'B', 0x00);
    /* 300 digits into 255 bytes: 253 of them, then '1' - 0x20 where the terminator would go */
    uint8_t rgb[300], k[REC_CB_KEY_MOST_MOST];
    memset(rgb, '1', sizeof rgb);
    bool fTrunc;
    JET_ERR err;
    uint32_t cbKey = key1(JET_coltypText, 128, rgb, 300, false, 0, 255, 0, k, &err, &fTrunc);
    assert_int_equal(err, JET_errSuccess);
    assert_true(fTrunc);
    assert_int_equal(cbKey, 255);
    assert_int_equal(k[253], '1');
    assert_int_equal(k[254], '1' - 0x20);
    /* with a larger key the whole text is read (more than cbKeyMost bytes of source) */
    uint8_t big[1500];
    memset(big, 'x', sizeof big);
    cbKey = key1(JET_coltypLongText, 256, big, 1500, false, 0, 1000, 0, k, &err, &fTrunc);
    assert_int_equal(cbKey, 1000);
    assert_true(fTrunc);
    assert_int_equal(k[999], 'x' - 0x20);
    cbKey = key1(JET_coltypLongText, 256, big, 900, false, 0, 1000, 0, k, &err, &fTrunc);
    assert_int_equal(cbKey, 902);
    assert_false(fTrunc);
    /* DisallowTruncation refuses the cut key */
    key1(JET_coltypText, 128, rgb, 300, false, 0, 255, REC_IDB_DISALLOW_TRUNCATION, k, &err, &fTrunc);
    assert_int_equal(err, JET_errKeyTruncated);
}

static void test_rec_key_nulls_zero_length_and_descending(void **state)
{
    (void)state;
    uint8_t k[16];
    JET_ERR err;
    assert_int_equal(key1(JET_coltypLong, 1, NULL, 0, true, 0, 255, 0, k, &err, NULL), 1);
    assert_int_equal(err, WRN_REC_NULL_KEY);
    assert_int_equal(k[0], 0x00);
    assert_int_equal(key1(JET_coltypLong, 1, NULL, 0, true, 0, 255, REC_IDB_SORT_NULLS_HIGH, k, &err, NULL), 1);
    assert_int_equal(k[0], 0xC0);
    assert_int_equal(key1(JET_coltypBinary, 128, "", 0, false, 0, 255, 0, k, &err, NULL), 1);
    assert_int_equal(err, JET_errSuccess);
    assert_int_equal(k[0], 0x40);
    assert_int_equal(key1(JET_coltypLong, 1, "\x02\0\0\0", 4, false, REC_IDXSEG_DESCENDING, 255, 0, k, &err, NULL), 5);
    static const uint8_t want[] = { 0x80, 0x7F, 0xFF, 0xFF, 0xFD };
    assert_memory_equal(k, want, 5);
    /* two segments: the second NULL */
    struct rec_column rgc[2] = { { 1, false, JET_coltypLong, 4, 4, 0, 0 }, { 2, false, JET_coltypShort, 2, 8, 0, 0 } };
    const struct rec_column *rgpc[2] = { &rgc[0], &rgc[1] };
    struct rec_idxseg rgseg[2] = { { 1, 0 }, { 2, 0 } };
    struct rec_index idx = index_of(rgseg, 2, 255, 0);
    struct rec_key_column rgkc[2] = { { false, (const uint8_t *)"\x05\0\0\0", 4 }, { true, NULL, 0 } };
    uint32_t cbKey, iseg;
    bool fTrunc;
    assert_int_equal(rec_key_make(&idx, rgpc, rgkc, NULL, 0, k, &cbKey, &fTrunc, &iseg), WRN_REC_NULL_SEG);
    assert_int_equal(cbKey, 6);
    rgkc[0].fNull = true;
    rgkc[1] = (struct rec_key_column){ false, (const uint8_t *)"\x01\0", 2 };
    assert_int_equal(rec_key_make(&idx, rgpc, rgkc, NULL, 0, k, &cbKey, &fTrunc, &iseg), WRN_REC_NULL_FIRST_SEG);
}

/* A stand-in sort key: the UTF-16 units big-endian, then 0x00 (exercises the plumbing only). */
static JET_ERR fake_lcmap(void *pvCtx, const struct rec_locale *ploc, const ESENT_WCHAR *pwch, uint32_t cch,
        uint8_t *pbOut, uint32_t cbOutMax, uint32_t *pcbKey)
{
    (void)pvCtx; (void)ploc;
    *pcbKey = 2 * cch + 1;
    for (uint32_t i = 0; i < cch && 2 * i + 1 < cbOutMax; i++)
        put_be16(pbOut + 2 * i, pwch[i]);
    if (2 * cch < cbOutMax)
        pbOut[2 * cch] = 0;
    return JET_errSuccess;
}

static void test_rec_key_unicode_text_goes_through_the_hook(void **state)
{
    (void)state;
    struct rec_column c = { 128, false, JET_coltypText, 255, 0, REC_CP_UNICODE, 0 };
    const struct rec_column *pc = &c;
    struct rec_idxseg seg = { 128, 0 };
    struct rec_index idx = index_of(&seg, 1, 255, 0);
    struct rec_key_column kc = { false, (const uint8_t *)"a\0b\0", 4 };
    uint8_t k[300];
    uint32_t cbKey, iseg;
    bool fTrunc;
    /* no hook and no default installed: rec_lcmap_unsupported */
    assert_int_equal(rec_key_make(&idx, &pc, &kc, NULL, 0, k, &cbKey, &fTrunc, &iseg), JET_errUnicodeNormalizationNotSupported);
    idx.pfnLCMap = fake_lcmap;
    assert_int_equal(rec_key_make(&idx, &pc, &kc, NULL, 0, k, &cbKey, &fTrunc, &iseg), JET_errSuccess);
    static const uint8_t want[] = { 0x7F, 0x00, 'a', 0x00, 'b', 0x00 };
    assert_int_equal(cbKey, sizeof want);
    assert_memory_equal(k, want, sizeof want);
    /* legacy 255-byte keys read 127 characters at most (255 bytes, whole characters) */
    uint8_t rgb[400];
    for (int i = 0; i < 200; i++)
        put_le16(rgb + 2 * i, (uint16_t)('A' + i % 26));
    kc = (struct rec_key_column){ false, rgb, 400 };
    assert_int_equal(rec_key_make(&idx, &pc, &kc, NULL, 0, k, &cbKey, &fTrunc, &iseg), JET_errSuccess);
    assert_int_equal(cbKey, 255);
    assert_true(fTrunc);
}

/* A table with a multi-valued tagged Long column 256 and a Long 1, for enumerations. */
static struct rec_column g_rgcol[] = {
    { 1, false, JET_coltypLong, 4, 4, 0, 0 },
    { 256, false, JET_coltypLong, 4, 0, 0, REC_FIELD_MULTIVALUED },
};

struct collected {
    uint8_t rgb[16][32];
    uint32_t rgcb[16];
    uint32_t c;
};

static JET_ERR collect(void *pv, const uint8_t *pbKey, uint32_t cbKey)
{
    struct collected *pc = pv;
    assert_true(pc->c < 16 && cbKey <= 32);
    memcpy(pc->rgb[pc->c], pbKey, cbKey);
    pc->rgcb[pc->c++] = cbKey;
    return JET_errSuccess;
}

static void test_rec_key_enum_multi_values_conditional_and_nulls(void **state)
{
    (void)state;
    struct rec_schema s = { 4096, g_rgcol, 2, false, 4, NULL, 0 };
    uint8_t rgbRec[512];
    struct rec_buf rb = { rgbRec, 0, sizeof rgbRec };
    rec_init_minimum(&rb);
    static const uint8_t v1[4] = { 1, 0, 0, 0 }, v2[4] = { 2, 0, 0, 0 };
    struct rec_value val1 = { v1, 4, 0 }, val2 = { v2, 4, 0 };
    assert_int_equal(rec_set_column(&rb, &s, &g_rgcol[0], 1, &val1, 0), JET_errSuccess);
    assert_int_equal(rec_set_column(&rb, &s, &g_rgcol[1], 1, &val2, 0), JET_errSuccess);
    assert_int_equal(rec_set_column(&rb, &s, &g_rgcol[1], 0, &val1, 0), JET_errSuccess);
    assert_int_equal(rec_set_column(&rb, &s, &g_rgcol[1], 0, &val2, 0), JET_errSuccess);
    struct rec_view v;
    assert_int_equal(rec_view_init(&v, rb.pb, rb.cb, 4096, 0), JET_errSuccess);

    /* +tagged +fixed over a multi-valued column: one entry per distinct value */
    struct rec_idxseg rgseg[2] = { { 256, 0 }, { 1, 0 } };
    struct rec_index idx = index_of(rgseg, 2, 255, REC_IDB_MULTIVALUED | REC_IDB_ALLOW_SOME_NULLS | REC_IDB_ALLOW_FIRST_NULL);
    struct collected col = { .c = 0 };
    assert_int_equal(rec_key_enum_record(&idx, &s, &v, NULL, NULL, collect, &col), JET_errSuccess);
    assert_int_equal(col.c, 2);
    static const uint8_t k0[] = { 0x7F, 0x80, 0, 0, 2, 0x7F, 0x80, 0, 0, 1 };
    static const uint8_t k1[] = { 0x7F, 0x80, 0, 0, 1, 0x7F, 0x80, 0, 0, 1 };
    assert_memory_equal(col.rgb[0], k0, sizeof k0);
    assert_memory_equal(col.rgb[1], k1, sizeof k1);

    /* conditional: only records where column 1 is NULL */
    struct rec_idxseg cond = { 1, REC_IDXSEG_MUST_BE_NULL };
    idx.rgsegConditional = &cond;
    idx.csegConditional = 1;
    col.c = 0;
    assert_int_equal(rec_key_enum_record(&idx, &s, &v, NULL, NULL, collect, &col), JET_errSuccess);
    assert_int_equal(col.c, 0);
    idx.csegConditional = 0;

    /* a record without the tagged column: one NULL-first entry, kept or not by the flags */
    struct rec_buf rb2 = { rgbRec, 0, sizeof rgbRec };
    rec_init_minimum(&rb2);
    assert_int_equal(rec_set_column(&rb2, &s, &g_rgcol[0], 1, &val1, 0), JET_errSuccess);
    assert_int_equal(rec_view_init(&v, rb2.pb, rb2.cb, 4096, 0), JET_errSuccess);
    col.c = 0;
    assert_int_equal(rec_key_enum_record(&idx, &s, &v, NULL, NULL, collect, &col), JET_errSuccess);
    assert_int_equal(col.c, 1);
    assert_int_equal(col.rgb[0][0], 0x00);
    idx.fidb = REC_IDB_MULTIVALUED | REC_IDB_ALLOW_SOME_NULLS;     /* IgnoreFirstNull */
    col.c = 0;
    assert_int_equal(rec_key_enum_record(&idx, &s, &v, NULL, NULL, collect, &col), JET_errSuccess);
    assert_int_equal(col.c, 0);
}

/* ===================================================================== samples ============ */

struct lv_fetch_ctx {
    const struct sample *ps;
    const struct walk_table *pt;
};

static JET_ERR fetch_lv(void *pvCtx, uint64_t lid, uint8_t *pb, uint32_t cbMax, uint32_t *pcbActual)
{
    struct lv_fetch_ctx *pc = pvCtx;
    uint8_t *pbLV;
    uint32_t cbLV;
    walk_read_lv(pc->ps, pc->pt, lid, false, &pbLV, &cbLV, NULL);
    if (cbMax)
        memcpy(pb, pbLV, MIN(cbMax, cbLV));
    *pcbActual = cbLV;
    free(pbLV);
    return JET_errSuccess;
}

/* An index entry: key and the primary key it points to. */
struct entry {
    uint8_t *pb;        /* key then bookmark */
    uint32_t cbKey, cbBm;
    bool fVersioned;    /* stored node with the versioned flag */
};
struct entries {
    struct entry *rg;
    uint32_t c, cAlloc;
};

static void entries_add(struct entries *pe, const uint8_t *pbKey, uint32_t cbKey, const uint8_t *pbBm, uint32_t cbBm)
{
    if (pe->c == pe->cAlloc) {
        pe->cAlloc = pe->cAlloc ? 2 * pe->cAlloc : 256;
        pe->rg = realloc(pe->rg, pe->cAlloc * sizeof *pe->rg);
    }
    struct entry *p = &pe->rg[pe->c++];
    p->pb = malloc(cbKey + cbBm + 1);
    memcpy(p->pb, pbKey, cbKey);
    memcpy(p->pb + cbKey, pbBm, cbBm);
    p->cbKey = cbKey;
    p->cbBm = cbBm;
    p->fVersioned = false;
}

static int entry_cmp(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    uint32_t cbx = x->cbKey + x->cbBm, cby = y->cbKey + y->cbBm;
    int c = memcmp(x->pb, y->pb, MIN(cbx, cby));
    if (c)
        return c;
    if (x->cbKey != y->cbKey)
        return x->cbKey < y->cbKey ? -1 : 1;
    return cbx < cby ? -1 : cbx > cby;
}

static void entries_free(struct entries *pe)
{
    for (uint32_t i = 0; i < pe->c; i++)
        free(pe->rg[i].pb);
    free(pe->rg);
    memset(pe, 0, sizeof *pe);
}

struct idx_ctx {
    const struct sample *ps;
    const struct walk_table *pt;
    const struct rec_index *pidx;
    bool fPrimary;
    struct entries computed;
    const uint8_t *pbBm;
    uint32_t cbBm;
    JET_ERR errEnum;
    uint32_t crec;
    uint32_t cDbk;
};

static JET_ERR add_computed(void *pv, const uint8_t *pbKey, uint32_t cbKey)
{
    struct idx_ctx *pic = pv;
    entries_add(&pic->computed, pbKey, cbKey, pic->pbBm, pic->cbBm);
    return JET_errSuccess;
}

static bool idx_record(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    struct idx_ctx *pic = pvCtx;
    struct rec_view v;
    uint8_t rgbBm[REC_CB_KEY_MOST_MOST];
    assert_int_equal(rec_view_init(&v, pn->pbData, pn->cbData, pv->cb, page_is_new_record_format(pv) ? 0 : REC_VIEW_OLD_FORMAT),
            JET_errSuccess);
    pic->cbBm = page_node_key(pn, rgbBm, sizeof rgbBm);
    pic->pbBm = rgbBm;
    pic->crec++;
    if (!pic->pidx) {
        /* no primary index: the bookmark is the DBK, a 4-byte big-endian counter from 1 */
        assert_int_equal(pic->cbBm, 4);
        assert_true(get_be32(rgbBm) >= 1);
        pic->cDbk++;
        return true;
    }
    struct lv_fetch_ctx lc = { pic->ps, pic->pt };
    JET_ERR err = rec_key_enum_record(pic->pidx, &pic->pt->schema, &v, fetch_lv, &lc, add_computed, pic);
    if (err < 0) {
        pic->errEnum = err;
        return false;
    }
    return true;
}

static bool idx_node(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    struct entries *pe = pvCtx;
    uint8_t rgbKey[REC_CB_KEY_MOST_MOST + 8];
    (void)pv;
    uint32_t cbKey = page_node_key(pn, rgbKey, sizeof rgbKey);
    entries_add(pe, rgbKey, cbKey, pn->pbData, pn->cbData);
    pe->rg[pe->c - 1].fVersioned = page_node_is_versioned(pn);
    return true;
}

static bool index_has_unicode(const struct walk_table *pt, const struct rec_cat_index *pci)
{
    for (uint32_t i = 0; i < pci->cseg; i++) {
        const struct rec_column *pc = rec_schema_find(&pt->schema, pci->rgseg[i].fid);
        if (pc && rec_coltyp_is_text(pc->coltyp) && pc->cp == REC_CP_UNICODE)
            return true;
    }
    return false;
}

/* What the isam layer installs: the locale of the index handed to the OS layer's sort keys. */
static JET_ERR os_lcmap_hook(void *pvCtx, const struct rec_locale *ploc, const ESENT_WCHAR *pwch, uint32_t cch,
        uint8_t *pbOut, uint32_t cbOutMax, uint32_t *pcbKey)
{
    (void)pvCtx;
    ESENT_WCHAR wszName[86];
    memcpy(wszName, ploc->wszLocaleName, sizeof wszName);
    wszName[85] = 0;
    struct os_sort_locale loc = { wszName, ploc->lcid, ploc->rgbSortId, ploc->dwNlsVersion };
    uint32_t dwFlags = ploc->dwLCMapFlags == REC_LCMAP_UPPERCASE ? ploc->dwLCMapFlags : ploc->dwLCMapFlags | OS_LCMAP_SORTKEY;
    return os_lcmap_sortkey(&loc, dwFlags, pwch, cch, pbOut, cbOutMax, pcbKey);
}

static void test_samples_index_keys_recomputed(void **state)
{
    (void)state;
    rec_lcmap_set_default(os_lcmap_hook, NULL);
    for (size_t is = 0; is < sample_count; is++) {
        struct sample s;
        struct walk_catalog cat;
        sample_load(&sample_all[is], &s);
        walk_catalog_load(&s, &cat);
        uint32_t cIdx = 0, cEntries = 0, cUnicode = 0, cUnicodeRefused = 0, cPrimary = 0, cDbkTables = 0, cStaleVersioned = 0;
        for (uint32_t it = 0; it < cat.ctable; it++) {
            const struct walk_table *pt = &cat.rgtable[it];
            if (!pt->fHasPrimary) {
                struct idx_ctx ic = { .ps = &s, .pt = pt, .pidx = NULL };
                walk_tree(&s, pt->table.pgnoFDP, idx_record, &ic);
                cDbkTables += ic.crec > 0;
            }
            for (uint32_t ii = 0; ii < pt->cidx; ii++) {
                const struct rec_cat_index *pci = &pt->rgidx[ii];
                const bool fPrimary = pci->fidb & REC_IDB_PRIMARY;
                struct rec_index idx;
                rec_cat_index_to_rec(pci, &idx);
                /* Unicode text: the OS layer's sort keys through the process default hook. Indexes
                 * built before Windows 8 (adamntds.dit: Vista, NLS 5.0, whose digits weigh
                 * differently) must be refused, not keyed with today's weights. */
                const bool fUnicode = index_has_unicode(pt, pci);
                const bool fOldNls = fUnicode && idx.locale.dwNlsVersion && idx.locale.dwNlsVersion < OS_SORT_NLS_VERSION_MIN;
                struct idx_ctx ic = { .ps = &s, .pt = pt, .pidx = &idx, .fPrimary = fPrimary };
                walk_tree(&s, pt->table.pgnoFDP, idx_record, &ic);
                if (fOldNls && ic.errEnum == JET_errUnicodeNormalizationNotSupported) {
                    /* (an index whose records hold no text never asks for a sort key) */
                    cUnicodeRefused++;
                    entries_free(&ic.computed);
                    continue;
                }
                cUnicode += fUnicode;
                if (ic.errEnum < 0)
                    fail_msg("%s: %s index %s: enumerating keys failed (%d)", s.desc->path, pt->table.szName,
                            pci->szName, ic.errEnum);
                struct entries stored = { 0 };
                if (fPrimary) {
                    /* the data tree's node keys are the primary keys, one per record */
                    for (uint32_t i = 0; i < ic.computed.c; i++) {
                        struct entry *pe = &ic.computed.rg[i];
                        if (pe->cbKey != pe->cbBm || memcmp(pe->pb, pe->pb + pe->cbKey, pe->cbKey))
                            fail_msg("%s: %s: primary key %u recomputed differently", s.desc->path, pt->table.szName, i);
                    }
                    assert_int_equal(ic.computed.c, ic.crec);
                    cPrimary++;
                } else {
                    walk_tree(&s, pci->pgnoFDP, idx_node, &stored);
                    if (ic.computed.c)
                        qsort(ic.computed.rg, ic.computed.c, sizeof *ic.computed.rg, entry_cmp);
                    if (stored.c)
                        qsort(stored.rg, stored.c, sizeof *stored.rg, entry_cmp);
                    /* Catalog1.edb's timestampIndex holds one versioned entry for a record that does
                     * not exist (an insert that never became a record, left behind at shutdown);
                     * versioned entries without a record are counted and set aside */
                    uint32_t j = 0;
                    for (uint32_t i = 0, k = 0; k < stored.c; k++) {
                        while (i < ic.computed.c && entry_cmp(&ic.computed.rg[i], &stored.rg[k]) < 0)
                            i++;
                        bool fMatch = i < ic.computed.c && !entry_cmp(&ic.computed.rg[i], &stored.rg[k]);
                        if (!fMatch && stored.rg[k].fVersioned) {
                            free(stored.rg[k].pb);
                            cStaleVersioned++;
                            continue;
                        }
                        stored.rg[j++] = stored.rg[k];
                    }
                    stored.c = j;
                    if (ic.computed.c != stored.c && getenv("REC_TEST_KEYS_DEBUG")) {
                        for (uint32_t i = 0, m = 0; i < ic.computed.c || m < stored.c;) {
                            int c = i == ic.computed.c ? 1 : m == stored.c ? -1 : entry_cmp(&ic.computed.rg[i], &stored.rg[m]);
                            if (c) {
                                const struct entry *pe = c < 0 ? &ic.computed.rg[i] : &stored.rg[m];
                                print_message("%s: ", c < 0 ? "computed only" : "stored only");
                                for (uint32_t k = 0; k < pe->cbKey + pe->cbBm; k++)
                                    print_message("%02x%s", pe->pb[k], k + 1 == pe->cbKey ? " | " : "");
                                print_message("\n");
                            }
                            if (c <= 0) i++;
                            if (c >= 0) m++;
                        }
                    }
                    if (ic.computed.c != stored.c)
                        fail_msg("%s: %s index %s: %u entries computed, %u stored", s.desc->path, pt->table.szName,
                                pci->szName, ic.computed.c, stored.c);
                    for (uint32_t i = 0; i < stored.c; i++)
                        if (entry_cmp(&ic.computed.rg[i], &stored.rg[i]))
                            fail_msg("%s: %s index %s: entry %u differs", s.desc->path, pt->table.szName, pci->szName, i);
                }
                cIdx++;
                cEntries += ic.computed.c;
                entries_free(&ic.computed);
                entries_free(&stored);
            }
        }
        print_message("%s: %u indexes recomputed (%u primary, %u entries; %u over Unicode text, %u refused: NLS "
                "version before Windows 8), %u tables keyed by DBK%s\n",
                s.desc->path, cIdx, cPrimary, cEntries, cUnicode, cUnicodeRefused, cDbkTables,
                cStaleVersioned ? "; stale versioned index entries set aside:" : "");
        if (cStaleVersioned)
            print_message("    %u\n", cStaleVersioned);
        walk_catalog_free(&cat);
        sample_free(&s);
    }
    rec_lcmap_set_default(NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rec_key_fixed_types),
        cmocka_unit_test(test_rec_key_binary_chunks),
        cmocka_unit_test(test_rec_key_ansi_text_and_its_quirk),
        cmocka_unit_test(test_rec_key_nulls_zero_length_and_descending),
        cmocka_unit_test(test_rec_key_unicode_text_goes_through_the_hook),
        cmocka_unit_test(test_rec_key_enum_multi_values_conditional_and_nulls),
        cmocka_unit_test(test_samples_index_keys_recomputed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
