/* SPDX-License-Identifier: MIT
 * btree/tests/test_prefix.c: the prefix a rebuilt page gets (bt_page_build), node for node as
 * ESE's BTISelectPrefix picks it: of two nodes the second, of more never the first or last, the
 * first best on a tie. Windows' LV pages start with the first value's chunk key as prefix. */
#include "bt_testlib.h"
#include "bt_int.h"

#define CB_PAGE 8192u

/* Builds a leaf page of the keys (hex strings, each data "d") and returns its prefix. */
static uint32_t build(const char *const *rgszKey, uint32_t c, uint8_t *rgbPrefix)
{
    static uint8_t rgbPage[CB_PAGE];
    uint8_t rgbKeys[16][16];
    struct bt_kd rg[16];
    assert_true(c <= 16);
    for (uint32_t i = 0; i < c; i++) {
        const size_t cch = strlen(rgszKey[i]);
        for (size_t j = 0; j < cch / 2; j++) {
            unsigned v;
            assert_int_equal(sscanf(rgszKey[i] + 2 * j, "%2x", &v), 1);
            rgbKeys[i][j] = (uint8_t)v;
        }
        rg[i] = (struct bt_kd){ rgbKeys[i], (uint32_t)cch / 2, (const uint8_t *)"d", 1, 0 };
    }
    memset(rgbPage, 0, sizeof rgbPage);
    struct page_buf pb = page_buf_make(rgbPage, CB_PAGE, 10);
    assert_int_equal(bt_page_build(&pb, 20, PAGE_FLAG_LEAF | PAGE_FLAG_LONG_VALUE, 0, 0, NULL, 0, rg, c),
                     JET_errSuccess);
    const struct page_view pv = page_view_of(&pb);
    struct page_line line;
    assert_int_equal(page_get_external_header(&pv, &line), JET_errSuccess);
    if (line.cb)
        memcpy(rgbPrefix, line.pb, line.cb);
    return line.cb;
}

static void test_bt_page_build_prefix_is_first_chunk_key_when_lv_page(void **state)
{
    (void)state;
    /* LID 1's root and chunk, LID 2's root and chunk, LID 3's root (Windows' text.edb page 43). */
    static const char *const rgsz[] = { "00000001", "0000000100000000", "00000002", "0000000200000000", "00000003" };
    uint8_t rgb[16];
    const uint8_t rgbWant[] = { 0, 0, 0, 1, 0, 0, 0, 0 };
    assert_int_equal(build(rgsz, 5, rgb), 8);
    assert_memory_equal(rgb, rgbWant, 8);
}

static void test_bt_page_build_prefix_is_second_node_when_two(void **state)
{
    (void)state;
    static const char *const rgsz[] = { "0a0b0c0d0e", "0a0b0c0d0e0f" };   /* saves 5 - 2 - 2 */
    uint8_t rgb[16];
    assert_int_equal(build(rgsz, 2, rgb), 6);
    assert_memory_equal(rgb, "\x0a\x0b\x0c\x0d\x0e\x0f", 6);
}

static void test_bt_page_build_prefix_none_when_keys_share_too_little(void **state)
{
    (void)state;
    static const char *const rgsz[] = { "0a0b0c", "0a0b0d", "0a0c00" };
    uint8_t rgb[16];
    assert_int_equal(build(rgsz, 3, rgb), 0);
    static const char *const rgsz2[] = { "0a0b0c0d", "0a0b0c0e" };   /* saves 4 - 2 - 2 = 0 */
    assert_int_equal(build(rgsz2, 2, rgb), 0);
}

static void test_bt_page_build_prefix_never_first_or_last_when_more_than_two(void **state)
{
    (void)state;
    /* Node 0 as prefix would save as much as node 1 (2 + 1 - 2 bytes), but ESE only weighs
     * the middle nodes. */
    static const char *const rgsz[] = { "01020304", "0102030405", "01020306" };
    uint8_t rgb[16];
    assert_int_equal(build(rgsz, 3, rgb), 5);
    assert_memory_equal(rgb, "\x01\x02\x03\x04\x05", 5);
    /* Node 2 (middle of four) beats node 1 when it saves more. */
    static const char *const rgsz4[] = { "01020304", "0102030405", "0102030406", "01020304060708" };
    assert_int_equal(build(rgsz4, 4, rgb), 5);
    assert_memory_equal(rgb, "\x01\x02\x03\x04\x06", 5);
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bt_page_build_prefix_is_first_chunk_key_when_lv_page),
        cmocka_unit_test(test_bt_page_build_prefix_is_second_node_when_two),
        cmocka_unit_test(test_bt_page_build_prefix_none_when_keys_share_too_little),
        cmocka_unit_test(test_bt_page_build_prefix_never_first_or_last_when_more_than_two),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
