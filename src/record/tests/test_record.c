/* SPDX-License-Identifier: MIT
 * record/tests/test_record.c: records built and changed by rec_set_column, byte for byte against
 * what ESE's SetColumn produces (ESE-FORMAT-NOTES §9, ese/fldmod.cxx, ese/tagfld.cxx), and the
 * decoder's refusal of malformed records. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "record.h"

/* A table: Long@4 (1), Short@8 (2), Bit@10 (3), Binary(4)@11 fixed; Text 128, Binary 129,
 * Text 130; tagged Binary 256 (multi), LongBinary 257 (multi), LongText 258 with a default,
 * Long 259 with a default. */
static struct rec_column g_rgcol[] = {
    { 1, false, JET_coltypLong, 4, 4, 0, 0 },
    { 2, false, JET_coltypShort, 2, 8, 0, 0 },
    { 3, false, JET_coltypBit, 1, 10, 0, 0 },
    { 4, false, JET_coltypBinary, 4, 11, 0, 0 },
    { 128, false, JET_coltypText, 255, 0, REC_CP_ANSI, 0 },
    { 129, false, JET_coltypBinary, 10, 0, 0, 0 },
    { 130, false, JET_coltypText, 255, 0, REC_CP_UNICODE, 0 },
    { 256, false, JET_coltypBinary, 255, 0, 0, REC_FIELD_MULTIVALUED },
    { 257, false, JET_coltypLongBinary, 0, 0, 0, REC_FIELD_MULTIVALUED },
    { 258, false, JET_coltypLongText, 0, 0, REC_CP_ANSI, REC_FIELD_DEFAULT },
    { 259, false, JET_coltypLong, 4, 0, 0, REC_FIELD_DEFAULT },
};

static struct rec_schema schema(uint32_t cbPage)
{
    struct rec_schema s = { cbPage, g_rgcol, ARRAY_SIZE(g_rgcol), false, 4, NULL, 0 };
    return s;
}

static const struct rec_column *col(uint32_t fid)
{
    struct rec_schema s = schema(4096);
    const struct rec_column *pc = rec_schema_find(&s, fid);
    assert_non_null(pc);
    return pc;
}

static uint8_t g_rgb[32768];

static struct rec_buf fresh(void)
{
    struct rec_buf rb = { g_rgb, 0, sizeof g_rgb };
    rec_init_minimum(&rb);
    return rb;
}

static void set(struct rec_buf *prb, uint32_t cbPage, uint32_t fid, uint32_t itag, const char *sz, uint32_t grbit)
{
    struct rec_schema s = schema(cbPage);
    struct rec_value v = { (const uint8_t *)sz, sz ? (uint32_t)strlen(sz) : 0, 0 };
    JET_ERR err = rec_set_column(prb, &s, col(fid), itag, sz ? &v : NULL, grbit);
    assert_true(err >= 0);
    struct rec_view view;
    assert_int_equal(rec_view_init(&view, prb->pb, prb->cb, cbPage, 0), JET_errSuccess);
}

static void expect_bytes(const struct rec_buf *prb, const uint8_t *pb, uint32_t cb)
{
    if (prb->cb != cb || memcmp(prb->pb, pb, cb)) {
        for (uint32_t i = 0; i < prb->cb; i++)
            print_message("%02x%s", prb->pb[i], i + 1 == prb->cb ? "\n" : " ");
    }
    assert_int_equal(prb->cb, cb);
    assert_memory_equal(prb->pb, pb, cb);
}

static void test_rec_init_minimum_is_the_empty_record(void **state)
{
    (void)state;
    struct rec_buf rb = fresh();
    static const uint8_t want[] = { 0x00, 0x7F, 0x04, 0x00 };
    expect_bytes(&rb, want, sizeof want);
    struct rec_view v;
    assert_int_equal(rec_view_init(&v, rb.pb, rb.cb, 4096, 0), JET_errSuccess);
    assert_int_equal(v.ctagged, 0);
}

static void test_rec_set_fixed_bursts_with_fill_and_null_bits(void **state)
{
    (void)state;
    struct rec_buf rb = fresh();
    uint8_t sh[2] = { 0x34, 0x12 };
    struct rec_schema s = schema(4096);
    struct rec_value v = { sh, 2, 0 };
    assert_int_equal(rec_set_column(&rb, &s, col(2), 1, &v, 0), JET_errSuccess);
    /* fid 1 burst with '*' and NULL, fid 2 set; bitmap byte: bit 0 NULL, bit 1 clear, rest 1 */
    static const uint8_t want[] = { 0x02, 0x7F, 0x0B, 0x00, '*', '*', '*', '*', 0x34, 0x12, 0xFD };
    expect_bytes(&rb, want, sizeof want);

    /* Bit stores 0xFF for any non-zero byte; Binary is zero padded */
    uint8_t b = 7;
    struct rec_value vb = { &b, 1, 0 };
    assert_int_equal(rec_set_column(&rb, &s, col(3), 1, &vb, 0), JET_errSuccess);
    struct rec_value vbin = { (const uint8_t *)"ab", 2, 0 };
    assert_int_equal(rec_set_column(&rb, &s, col(4), 1, &vbin, 0), JET_errSuccess);
    static const uint8_t want2[] = { 0x04, 0x7F, 0x10, 0x00, '*', '*', '*', '*', 0x34, 0x12, 0xFF, 'a', 'b', 0, 0, 0xF1 };
    expect_bytes(&rb, want2, sizeof want2);

    /* NULL only sets the bit: the bytes stay */
    assert_int_equal(rec_set_column(&rb, &s, col(2), 1, NULL, 0), JET_errSuccess);
    assert_int_equal(rb.pb[15], 0xF3);
    assert_int_equal(rb.pb[8], 0x34);

    /* wrong size for a fixed type */
    uint8_t rgb3[3] = { 1, 2, 3 };
    struct rec_value v3 = { rgb3, 3, 0 };
    assert_int_equal(rec_set_column(&rb, &s, col(1), 1, &v3, 0), JET_errInvalidBufferSize);
}

static void test_rec_set_var_keeps_null_bits_in_offsets(void **state)
{
    (void)state;
    struct rec_buf rb = fresh();
    set(&rb, 4096, 130, 1, "ab", 0);
    static const uint8_t want1[] = { 0x00, 0x82, 0x04, 0x00, 0x00, 0x80, 0x00, 0x80, 0x02, 0x00, 'a', 'b' };
    expect_bytes(&rb, want1, sizeof want1);
    set(&rb, 4096, 128, 1, "x", 0);
    static const uint8_t want2[] = { 0x00, 0x82, 0x04, 0x00, 0x01, 0x00, 0x01, 0x80, 0x03, 0x00, 'x', 'a', 'b' };
    expect_bytes(&rb, want2, sizeof want2);
    set(&rb, 4096, 128, 1, NULL, 0);
    static const uint8_t want3[] = { 0x00, 0x82, 0x04, 0x00, 0x00, 0x80, 0x00, 0x80, 0x02, 0x00, 'a', 'b' };
    expect_bytes(&rb, want3, sizeof want3);
    set(&rb, 4096, 128, 1, "", 0);     /* zero-length is not NULL */
    static const uint8_t want4[] = { 0x00, 0x82, 0x04, 0x00, 0x00, 0x00, 0x00, 0x80, 0x02, 0x00, 'a', 'b' };
    expect_bytes(&rb, want4, sizeof want4);

    struct rec_view v;
    enum rec_presence pres;
    struct rec_value val;
    assert_int_equal(rec_view_init(&v, rb.pb, rb.cb, 4096, 0), JET_errSuccess);
    assert_int_equal(rec_get_var(&v, 128, &pres, &val), JET_errSuccess);
    assert_int_equal(pres, REC_PRESENT);
    assert_int_equal(val.cb, 0);
    assert_int_equal(rec_get_var(&v, 129, &pres, &val), JET_errSuccess);
    assert_int_equal(pres, REC_NULL);
    assert_int_equal(rec_get_var(&v, 131, &pres, &val), JET_errSuccess);
    assert_int_equal(pres, REC_ABSENT);
    assert_int_equal(rec_get_var(&v, 256, &pres, &val), JET_errInvalidParameter);

    /* too long for cbMax: cut, with the warning */
    struct rec_schema s = schema(4096);
    struct rec_value vlong = { (const uint8_t *)"0123456789ABC", 13, 0 };
    assert_int_equal(rec_set_column(&rb, &s, col(129), 1, &vlong, 0), JET_wrnColumnMaxTruncated);
    assert_int_equal(rec_view_init(&v, rb.pb, rb.cb, 4096, 0), JET_errSuccess);
    assert_int_equal(rec_get_var(&v, 129, &pres, &val), JET_errSuccess);
    assert_int_equal(val.cb, 10);
}

static void test_rec_set_tagged_two_then_multi_values_on_small_pages(void **state)
{
    (void)state;
    struct rec_buf rb = fresh();
    set(&rb, 4096, 256, 1, "a", 0);
    static const uint8_t want1[] = { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x00, 'a' };
    expect_bytes(&rb, want1, sizeof want1);
    set(&rb, 4096, 256, 0, "bc", 0);
    /* TWOVALUES: header 0x18, length of the first value */
    static const uint8_t want2[] = { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x18, 0x01, 'a', 'b', 'c' };
    expect_bytes(&rb, want2, sizeof want2);
    set(&rb, 4096, 256, 0, "d", 0);
    static const uint8_t want3[] = { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x08,
                                     0x06, 0x00, 0x07, 0x00, 0x09, 0x00, 'a', 'b', 'c', 'd' };
    expect_bytes(&rb, want3, sizeof want3);
    /* deleting one of three leaves a two-value MULTIVALUES, not TWOVALUES */
    set(&rb, 4096, 256, 2, NULL, 0);
    static const uint8_t want4[] = { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x08,
                                     0x04, 0x00, 0x05, 0x00, 'a', 'd' };
    expect_bytes(&rb, want4, sizeof want4);
    /* down to one: the header goes */
    set(&rb, 4096, 256, 1, NULL, 0);
    static const uint8_t want5[] = { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x00, 'd' };
    expect_bytes(&rb, want5, sizeof want5);
    set(&rb, 4096, 256, 1, NULL, 0);
    static const uint8_t want6[] = { 0x00, 0x7F, 0x04, 0x00 };
    expect_bytes(&rb, want6, sizeof want6);
}

static void test_rec_set_tagged_long_values_and_separated_lids(void **state)
{
    (void)state;
    struct rec_buf rb = fresh();
    set(&rb, 4096, 257, 1, "xyz", 0);
    static const uint8_t want1[] = { 0x00, 0x7F, 0x04, 0x00, 0x01, 0x01, 0x04, 0x40, 0x01, 'x', 'y', 'z' };
    expect_bytes(&rb, want1, sizeof want1);
    /* a separated second value: MULTIVALUES with the separated bit on its offset */
    struct rec_schema s = schema(4096);
    uint8_t lid[4] = { 0x05, 0, 0, 0 };
    struct rec_value vlid = { lid, 4, 0 };
    assert_int_equal(rec_set_column(&rb, &s, col(257), 0, &vlid, REC_SET_SEPARATED), JET_errSuccess);
    static const uint8_t want2[] = { 0x00, 0x7F, 0x04, 0x00, 0x01, 0x01, 0x04, 0x40, 0x09,
                                     0x04, 0x00, 0x07, 0x80, 'x', 'y', 'z', 0x05, 0, 0, 0 };
    expect_bytes(&rb, want2, sizeof want2);
    struct rec_view v;
    struct rec_tagged t;
    struct rec_value val;
    assert_int_equal(rec_view_init(&v, rb.pb, rb.cb, 4096, 0), JET_errSuccess);
    assert_int_equal(rec_tagged_find(&v, 257, false, &t), JET_errSuccess);
    assert_int_equal(t.form, REC_TAGGED_MULTI);
    assert_int_equal(rec_tagged_instance(&t, 2, &val), JET_errSuccess);
    assert_true(val.fFlags & REC_VALUE_SEPARATED);
    uint64_t lidGot;
    assert_true(rec_lid_get(val.pb, val.cb, &lidGot));
    assert_int_equal(lidGot, 5);
    /* deleting the first leaves the separated one, flagged in the header */
    set(&rb, 4096, 257, 1, NULL, 0);
    static const uint8_t want3[] = { 0x00, 0x7F, 0x04, 0x00, 0x01, 0x01, 0x04, 0x40, 0x05, 0x05, 0, 0, 0 };
    expect_bytes(&rb, want3, sizeof want3);
    /* a separated value needs a valid LID */
    uint8_t bad[4] = { 0, 0, 0, 0x80 };
    struct rec_value vbad = { bad, 4, 0 };
    assert_int_equal(rec_set_column(&rb, &s, col(257), 1, &vbad, REC_SET_SEPARATED), JET_errInvalidParameter);
}

static void test_rec_set_null_leaves_entry_when_column_has_default(void **state)
{
    (void)state;
    struct rec_buf rb = fresh();
    set(&rb, 4096, 258, 1, NULL, 0);
    static const uint8_t want1[] = { 0x00, 0x7F, 0x04, 0x00, 0x02, 0x01, 0x04, 0x20 };
    expect_bytes(&rb, want1, sizeof want1);
    set(&rb, 4096, 258, 1, "hi", 0);
    static const uint8_t want2[] = { 0x00, 0x7F, 0x04, 0x00, 0x02, 0x01, 0x04, 0x40, 0x01, 'h', 'i' };
    expect_bytes(&rb, want2, sizeof want2);
    set(&rb, 4096, 258, 1, NULL, 0);
    expect_bytes(&rb, want1, sizeof want1);
    set(&rb, 4096, 258, 1, NULL, REC_SET_REVERT_TO_DEFAULT);
    static const uint8_t want3[] = { 0x00, 0x7F, 0x04, 0x00 };
    expect_bytes(&rb, want3, sizeof want3);

    /* large pages: the NULL is a header byte */
    rb = fresh();
    set(&rb, 32768, 258, 1, NULL, 0);
    static const uint8_t want4[] = { 0x00, 0x7F, 0x04, 0x00, 0x02, 0x01, 0x04, 0x00, 0x21 };
    expect_bytes(&rb, want4, sizeof want4);
    struct rec_view v;
    struct rec_tagged t;
    assert_int_equal(rec_view_init(&v, rb.pb, rb.cb, 32768, 0), JET_errSuccess);
    assert_int_equal(rec_tagged_find(&v, 258, false, &t), JET_errSuccess);
    assert_int_equal(t.form, REC_TAGGED_NULL);
}

/* A value stored compressed (header 0x02 on a large page) that is set to NULL, on a column with a
 * default, leaves a NULL entry whose header is the NULL bit alone: a NULL carries no value, so the
 * value's flags must not stay (readers refuse a NULL that claims to be compressed). */
static void test_rec_set_null_over_compressed_value_drops_value_flags(void **state)
{
    (void)state;
    static const uint8_t rec[] = { 0x00, 0x7F, 0x04, 0x00, 0x03, 0x01, 0x04, 0x00, 0x02, 0x00 };
    struct rec_buf rb = { g_rgb, sizeof rec, sizeof g_rgb };
    memcpy(g_rgb, rec, sizeof rec);
    set(&rb, 32768, 259, 1, NULL, 0);
    static const uint8_t want[] = { 0x00, 0x7F, 0x04, 0x00, 0x03, 0x01, 0x04, 0x00, 0x20 };
    expect_bytes(&rb, want, sizeof want);
}

static void test_rec_set_tagged_large_pages_use_headers_and_no_twovalues(void **state)
{
    (void)state;
    struct rec_buf rb = fresh();
    set(&rb, 32768, 256, 1, "a", 0);
    static const uint8_t want1[] = { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x00, 0x00, 'a' };
    expect_bytes(&rb, want1, sizeof want1);
    set(&rb, 32768, 256, 0, "b", 0);
    static const uint8_t want2[] = { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x00, 0x08,
                                     0x04, 0x00, 0x05, 0x00, 'a', 'b' };
    expect_bytes(&rb, want2, sizeof want2);
    set(&rb, 32768, 256, 2, NULL, 0);
    static const uint8_t want3[] = { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x00, 0x00, 'a' };
    expect_bytes(&rb, want3, sizeof want3);
}

static void test_rec_set_tagged_orders_entries_derived_first(void **state)
{
    (void)state;
    static struct rec_column rgcol[] = {
        { 256, true, JET_coltypBinary, 255, 0, 0, 0 },
        { 300, false, JET_coltypBinary, 255, 0, 0, 0 },
    };
    struct rec_schema s = { 4096, rgcol, 2, true, 4, NULL, 0 };
    struct rec_buf rb = fresh();
    struct rec_value v1 = { (const uint8_t *)"n", 1, 0 }, v2 = { (const uint8_t *)"d", 1, 0 };
    assert_int_equal(rec_set_column(&rb, &s, &rgcol[1], 1, &v1, 0), JET_errSuccess);
    assert_int_equal(rec_set_column(&rb, &s, &rgcol[0], 1, &v2, 0), JET_errSuccess);
    static const uint8_t want[] = { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x08, 0x80, 0x2C, 0x01, 0x09, 0x00, 'd', 'n' };
    expect_bytes(&rb, want, sizeof want);
    struct rec_view v;
    struct rec_value val;
    assert_int_equal(rec_view_init(&v, rb.pb, rb.cb, 4096, 0), JET_errSuccess);
    assert_int_equal(rec_retrieve(&v, &s, &rgcol[0], 1, &val), JET_errSuccess);
    assert_memory_equal(val.pb, "d", 1);
}

static void test_rec_set_fails_when_record_too_big_and_leaves_it_unchanged(void **state)
{
    (void)state;
    struct rec_buf rb = fresh();
    struct rec_schema s = schema(4096);
    uint8_t big[1000];
    memset(big, 'q', sizeof big);
    struct rec_value v = { big, sizeof big, 0 };
    uint32_t c = 0;
    JET_ERR err;
    while ((err = rec_set_column(&rb, &s, col(257), 0, &v, 0)) == JET_errSuccess)
        c++;
    assert_int_equal(err, JET_errRecordTooBig);
    assert_int_equal(c, 3);
    assert_true(rb.cb <= rec_cb_record_most(4096, 4));
    uint8_t snapshot[4096];
    uint32_t cb = rb.cb;
    memcpy(snapshot, rb.pb, cb);
    assert_int_equal(rec_set_column(&rb, &s, col(257), 0, &v, 0), JET_errRecordTooBig);
    assert_int_equal(rb.cb, cb);
    assert_memory_equal(rb.pb, snapshot, cb);
}

static void test_rec_cb_record_most_follows_ese(void **state)
{
    (void)state;
    assert_int_equal(rec_cb_node_most(4096), 4048);
    assert_int_equal(rec_cb_record_most(4096, 255), 4048 - 2 - 257);
    assert_int_equal(rec_cb_record_most(4096, 4), 4048 - 2 - 255);
    assert_int_equal(rec_cb_record_most(8192, 1000), 8144 - 2 - 1002);
    assert_int_equal(rec_cb_record_most(32768, 255), 32680 - 4 - 255);
    assert_int_equal(rec_cb_record_most(16384, 4), 16296 - 4 - 4);
}

static void test_rec_defaults_come_from_the_default_record(void **state)
{
    (void)state;
    static struct rec_column rgcol[] = {
        { 1, false, JET_coltypLong, 4, 4, 0, REC_FIELD_DEFAULT },
        { 2, false, JET_coltypLong, 4, 8, 0, 0 },
        { 3, false, JET_coltypShort, 2, 12, 0, REC_FIELD_DEFAULT },
        { 128, false, JET_coltypBinary, 255, 0, 0, 0 },
        { 129, false, JET_coltypBinary, 255, 0, 0, REC_FIELD_DEFAULT },
        { 256, false, JET_coltypLongText, 0, 0, REC_CP_ANSI, REC_FIELD_DEFAULT },
    };
    uint8_t d1[4] = { 1, 0, 0, 0 }, d3[2] = { 3, 0 };
    struct rec_value rgdef[6] = { { d1, 4, 0 }, { 0 }, { d3, 2, 0 }, { 0 },
                                  { (const uint8_t *)"dv", 2, 0 }, { (const uint8_t *)"tagged", 6, 0 } };
    struct rec_schema s = { 4096, rgcol, 6, false, 4, NULL, 0 };
    uint8_t *pbDef;
    uint32_t cbDef;
    assert_int_equal(rec_build_default_record(&s, rgdef, NULL, 0, &pbDef, &cbDef), JET_errSuccess);
    static const uint8_t wantDef[] = { 0x03, 0x81, 0x0F, 0x00, 1, 0, 0, 0, '*', '*', '*', '*', 3, 0, 0xFA,
                                       0x00, 0x80, 0x02, 0x00, 'd', 'v',
                                       0x00, 0x01, 0x04, 0x40, 0x01, 't', 'a', 'g', 'g', 'e', 'd' };
    assert_int_equal(cbDef, sizeof wantDef);
    assert_memory_equal(pbDef, wantDef, cbDef);
    s.pbDefaultRecord = pbDef;
    s.cbDefaultRecord = cbDef;

    /* insert: the fixed and variable part of the default record */
    struct rec_buf rb = { g_rgb, 0, 4096 };
    assert_int_equal(rec_init_insert(&rb, &s), JET_errSuccess);
    assert_int_equal(rb.cb, 21);
    struct rec_view v;
    struct rec_value val;
    assert_int_equal(rec_view_init(&v, rb.pb, rb.cb, 4096, 0), JET_errSuccess);
    assert_int_equal(rec_retrieve(&v, &s, &rgcol[5], 1, &val), JET_errSuccess);
    assert_true(val.fFlags & REC_VALUE_DEFAULT);
    assert_memory_equal(val.pb, "tagged", 6);
    assert_int_equal(rec_retrieve(&v, &s, &rgcol[5], 2, &val), JET_wrnColumnNull);
    assert_int_equal(rec_retrieve(&v, &s, &rgcol[1], 1, &val), JET_wrnColumnNull);

    /* a record holding none of them still reads the defaults */
    struct rec_buf rbMin = fresh();
    assert_int_equal(rec_view_init(&v, rbMin.pb, rbMin.cb, 4096, 0), JET_errSuccess);
    assert_int_equal(rec_retrieve(&v, &s, &rgcol[2], 1, &val), JET_errSuccess);
    assert_int_equal(get_le16(val.pb), 3);
    assert_int_equal(rec_retrieve(&v, &s, &rgcol[4], 1, &val), JET_errSuccess);
    assert_memory_equal(val.pb, "dv", 2);
    uint32_t cval;
    assert_int_equal(rec_count_values(&v, &s, &rgcol[5], &cval), JET_errSuccess);
    assert_int_equal(cval, 1);

    /* bursting a fixed column past a default copies the default in */
    rb = fresh();
    uint8_t v2[4] = { 9, 9, 9, 9 };
    struct rec_value val2 = { v2, 4, 0 };
    assert_int_equal(rec_set_column(&rb, &s, &rgcol[1], 1, &val2, 0), JET_errSuccess);
    static const uint8_t want[] = { 0x02, 0x7F, 0x0D, 0x00, 1, 0, 0, 0, 9, 9, 9, 9, 0xFC };
    assert_int_equal(rb.cb, sizeof want);
    assert_memory_equal(rb.pb, want, sizeof want);
    /* bursting a variable column past a default copies the default in */
    rb = fresh();
    struct rec_column c130 = { 130, false, JET_coltypBinary, 255, 0, 0, 0 };
    struct rec_column rgcol2[7];
    memcpy(rgcol2, rgcol, 5 * sizeof *rgcol);
    rgcol2[5] = c130;
    rgcol2[6] = rgcol[5];
    struct rec_schema s2 = s;
    s2.rgcol = rgcol2;
    s2.ccol = 7;
    struct rec_value vx = { (const uint8_t *)"x", 1, 0 };
    assert_int_equal(rec_set_column(&rb, &s2, &rgcol2[5], 1, &vx, 0), JET_errSuccess);
    static const uint8_t wantVar[] = { 0x00, 0x82, 0x04, 0x00, 0x00, 0x80, 0x02, 0x00, 0x03, 0x00, 'd', 'v', 'x' };
    assert_int_equal(rb.cb, sizeof wantVar);
    assert_memory_equal(rb.pb, wantVar, sizeof wantVar);
    mem_free(pbDef);
}

static void test_rec_view_decodes_revision2_tagged_entries(void **state)
{
    (void)state;
    /* fid 256: two instances "ab", "c"; fid 257 LV intrinsic "xyz" (flag byte 0); fid 258 NULL */
    static const uint8_t rec[] = { 0x00, 0x7F, 0x04, 0x00,
        0x00, 0x01, 0x02, 0x00, 'a', 'b',
        0x00, 0x01, 0x01, 0x00, 'c',
        0x01, 0x01, 0x04, 0x80, 0x00, 'x', 'y', 'z',
        0x02, 0x01, 0x00, 0x40 };
    struct rec_view v;
    struct rec_tagged t;
    struct rec_value val;
    assert_int_equal(rec_view_init(&v, rec, sizeof rec, 4096, REC_VIEW_OLD_FORMAT), JET_errSuccess);
    assert_int_equal(v.ctagged, 3);
    assert_int_equal(rec_tagged_find(&v, 256, false, &t), JET_errSuccess);
    assert_int_equal(t.cinst, 2);
    assert_int_equal(rec_tagged_instance(&t, 2, &val), JET_errSuccess);
    assert_int_equal(val.cb, 1);
    assert_memory_equal(val.pb, "c", 1);
    assert_int_equal(rec_tagged_find(&v, 257, false, &t), JET_errSuccess);
    assert_int_equal(rec_tagged_instance(&t, 1, &val), JET_errSuccess);
    assert_int_equal(val.fFlags, REC_VALUE_LONG);
    assert_memory_equal(val.pb, "xyz", 3);
    assert_int_equal(rec_tagged_at(&v, 2, &t), JET_errSuccess);
    assert_int_equal(t.form, REC_TAGGED_NULL);
    /* an entry running past the record */
    static const uint8_t bad[] = { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x09, 0x00, 'a' };
    assert_int_equal(rec_view_init(&v, bad, sizeof bad, 4096, REC_VIEW_OLD_FORMAT), JET_errDatabaseCorrupted);
}

/* Malformed records: each one breaks one rule of the README's invariants. */
static void test_rec_view_init_rejects_malformed_records(void **state)
{
    (void)state;
    static const struct { const char *what; uint8_t rgb[24]; uint32_t cb; uint32_t cbPage; } rgbad[] = {
        { "short", { 0x00, 0x7F, 0x04 }, 3, 4096 },
        { "fixed fid", { 0x80, 0x7F, 0x04, 0x00 }, 4, 4096 },
        { "var fid", { 0x00, 0x10, 0x04, 0x00 }, 4, 4096 },
        { "end fixed past", { 0x01, 0x7F, 0x20, 0x00, 0, 0, 0, 0 }, 8, 4096 },
        { "end fixed no room for bitmap", { 0x01, 0x7F, 0x04, 0x00 }, 4, 4096 },
        { "fixed data without columns", { 0x00, 0x7F, 0x05, 0x00, 0 }, 5, 4096 },
        { "var offsets past", { 0x00, 0x81, 0x04, 0x00, 0x00, 0x00 }, 6, 4096 },
        { "var decreasing", { 0x00, 0x81, 0x04, 0x00, 0x02, 0x00, 0x01, 0x00, 'a', 'b' }, 10, 4096 },
        { "null with data", { 0x00, 0x80, 0x04, 0x00, 0x01, 0x80, 'a' }, 7, 4096 },
        { "var data past", { 0x00, 0x80, 0x04, 0x00, 0x05, 0x00, 'a' }, 7, 4096 },
        { "tagged too small", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01 }, 6, 4096 },
        { "first ib unaligned", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x05, 0x00, 'a', 'b' }, 10, 4096 },
        { "first ib past", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x08, 0x00 }, 8, 4096 },
        { "non-tagged fid", { 0x00, 0x7F, 0x04, 0x00, 0x80, 0x00, 0x04, 0x00 }, 8, 4096 },
        { "fids out of order", { 0x00, 0x7F, 0x04, 0x00, 0x01, 0x01, 0x08, 0x00, 0x00, 0x01, 0x08, 0x00 }, 12, 4096 },
        { "derived after non-derived", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x08, 0x00, 0x01, 0x01, 0x08, 0x80 }, 12, 4096 },
        { "null and extended", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x60 }, 8, 4096 },
        { "null with data small", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x20, 'a' }, 9, 4096 },
        { "header on non-LV single", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x00, 'a' }, 10, 4096 },
        { "header bit 7", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x81, 'a' }, 10, 4096 },
        { "separated and compressed", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x07, 1, 0, 0, 0 }, 13, 4096 },
        { "separated bad lid size", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x05, 1, 0, 0 }, 12, 4096 },
        { "separated lid zero", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x05, 0, 0, 0, 0 }, 13, 4096 },
        { "two on LV", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x19, 0x01, 'a', 'b' }, 12, 4096 },
        { "two length past", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x18, 0x05, 'a', 'b' }, 12, 4096 },
        { "two without multi", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x11, 0x01, 'a', 'b' }, 12, 4096 },
        { "multi first offset odd", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x08, 0x05, 0x00, 0x06, 0x00, 'a' }, 14, 4096 },
        { "multi offsets decreasing", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x08, 0x04, 0x00, 0x03, 0x00, 'a' }, 14, 4096 },
        { "multi separated in non-LV", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x40, 0x08, 0x04, 0x00, 0x04, 0x80, 1, 0, 0, 0 }, 17, 4096 },
        { "large entry without header", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x00 }, 8, 32768 },
        { "large null with data", { 0x00, 0x7F, 0x04, 0x00, 0x00, 0x01, 0x04, 0x00, 0x20, 'a' }, 10, 32768 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(rgbad); i++) {
        struct rec_view v;
        JET_ERR err = rec_view_init(&v, rgbad[i].rgb, rgbad[i].cb, rgbad[i].cbPage, 0);
        if (err != JET_errDatabaseCorrupted)
            fail_msg("%s: %d", rgbad[i].what, err);
    }
    /* a schema that does not fit the record */
    static const uint8_t rec[] = { 0x01, 0x7F, 0x09, 0x00, 1, 2, 3, 4, 0x00 };
    struct rec_view v;
    assert_int_equal(rec_view_init(&v, rec, sizeof rec, 4096, 0), JET_errSuccess);
    struct rec_column c = { 1, false, JET_coltypLongLong, 8, 4, 0, 0 };
    enum rec_presence pres;
    struct rec_value val;
    assert_int_equal(rec_get_fixed(&v, &c, &pres, &val), JET_errDatabaseCorrupted);
}

/* Random bytes never crash the decoder; whatever passes rec_view_init reads safely. */
static void test_rec_view_survives_random_bytes(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    uint8_t rgb[300];
    for (int iter = 0; iter < 200000; iter++) {
        uint32_t cb = 4 + (seed % 60);
        for (uint32_t i = 0; i < cb; i++) {
            seed = seed * 1103515245u + 12345u;
            rgb[i] = (uint8_t)(seed >> 16);
        }
        /* bias towards plausible headers */
        rgb[0] &= 0x07;
        rgb[1] = (uint8_t)(0x7F + (rgb[1] & 3));
        rgb[2] = (uint8_t)(4 + (rgb[2] & 7));
        rgb[3] = 0;
        uint32_t cbPage = (iter & 1) ? 4096 : 32768;
        struct rec_view v;
        if (rec_view_init(&v, rgb, cb, cbPage, (iter & 6) == 6 ? REC_VIEW_OLD_FORMAT : 0) != JET_errSuccess)
            continue;
        for (uint32_t i = 0; i < v.ctagged; i++) {
            struct rec_tagged t;
            struct rec_value val;
            assert_int_equal(rec_tagged_at(&v, i, &t), JET_errSuccess);
            for (uint32_t itag = 1; itag <= t.cinst + 1; itag++)
                if (rec_tagged_instance(&t, itag, &val) == JET_errSuccess)
                    assert_true(val.pb >= rgb && val.pb + val.cb <= rgb + cb);
        }
        for (uint32_t fid = 128; fid <= v.fidVarLast; fid++) {
            enum rec_presence pres;
            struct rec_value val;
            assert_int_equal(rec_get_var(&v, fid, &pres, &val), JET_errSuccess);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rec_init_minimum_is_the_empty_record),
        cmocka_unit_test(test_rec_set_fixed_bursts_with_fill_and_null_bits),
        cmocka_unit_test(test_rec_set_var_keeps_null_bits_in_offsets),
        cmocka_unit_test(test_rec_set_tagged_two_then_multi_values_on_small_pages),
        cmocka_unit_test(test_rec_set_tagged_long_values_and_separated_lids),
        cmocka_unit_test(test_rec_set_null_leaves_entry_when_column_has_default),
        cmocka_unit_test(test_rec_set_null_over_compressed_value_drops_value_flags),
        cmocka_unit_test(test_rec_set_tagged_large_pages_use_headers_and_no_twovalues),
        cmocka_unit_test(test_rec_set_tagged_orders_entries_derived_first),
        cmocka_unit_test(test_rec_set_fails_when_record_too_big_and_leaves_it_unchanged),
        cmocka_unit_test(test_rec_cb_record_most_follows_ese),
        cmocka_unit_test(test_rec_defaults_come_from_the_default_record),
        cmocka_unit_test(test_rec_view_decodes_revision2_tagged_entries),
        cmocka_unit_test(test_rec_view_init_rejects_malformed_records),
        cmocka_unit_test(test_rec_view_survives_random_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
