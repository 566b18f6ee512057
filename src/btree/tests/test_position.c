/* SPDX-License-Identifier: MIT
 * btree/tests/test_position.c: approximate positions (bt_position, bt_goto_fraction) as ESE
 * computes them from the path: exact on one page, monotonic on a tree of several levels, the
 * ends mapped to the first and last nodes, and every position leading back to its node. */
#include "bt_testlib.h"

static void insert_u32(struct bt_cursor *c, uint32_t i, uint32_t cbData)
{
    uint8_t rgbKey[4], rgbData[256];
    put_be32(rgbKey, i);
    memset(rgbData, (int)(i & 0xFF), sizeof rgbData);
    assert_int_equal(bt_insert(c, rgbKey, 4, rgbData, cbData, 0, BT_NO_UNDO), JET_errSuccess);
}

static uint32_t current_u32(struct bt_cursor *c)
{
    uint32_t cb;
    const uint8_t *pb = bt_key(c, &cb);
    assert_int_equal(cb, 4);
    return get_be32(pb);
}

static void position_of(struct bt_cursor *c, uint32_t i, uint64_t *pcLT, uint64_t *pcTotal)
{
    uint8_t rgbKey[4];
    put_be32(rgbKey, i);
    assert_int_equal(bt_position(c, rgbKey, 4, NULL, 0, pcLT, pcTotal), JET_errSuccess);
}

static void test_bt_position_exact_on_one_page(void **state)
{
    (void)state;
    struct tenv e;
    uint32_t pgnoFDP;
    uint64_t cLT, cTotal;
    tenv_open(&e, 8192, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, true, 8, 255, &pgnoFDP);
    assert_int_equal(bt_goto_fraction(c, 0, 1), JET_errRecordNotFound);
    for (uint32_t i = 1; i <= 20; i++)
        insert_u32(c, i, 8);
    for (uint32_t i = 1; i <= 20; i++) {
        position_of(c, i, &cLT, &cTotal);
        assert_int_equal(cLT, i - 1);
        assert_int_equal(cTotal, 20);
        assert_int_equal(bt_goto_fraction(c, i - 1, 20), JET_errSuccess);
        assert_int_equal(current_u32(c), i);
    }
    assert_int_equal(bt_goto_fraction(c, 1, 1), JET_errSuccess);
    assert_int_equal(current_u32(c), 20);
    bt_close(c);
    tenv_close(&e);
}

static void test_bt_position_estimates_on_a_deep_tree(void **state)
{
    (void)state;
    struct tenv e;
    uint32_t pgnoFDP;
    const uint32_t cRec = 40000;
    tenv_open(&e, 4096, 4096);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, true, 8, 255, &pgnoFDP);
    for (uint32_t i = 1; i <= cRec; i++)
        insert_u32(c, i, 100);
    struct bt_check_stats s;
    assert_int_equal(tenv_check(&e, NULL, &s), 0);
    assert_true(s.cLevelsMax >= 3);

    /* Along the index the fraction never goes back, starts at 0 and stays below 1 (how near it is
     * to the true place depends on how evenly the pages are filled: ESE's estimate; the totals
     * differ from path to path, being the products of the pages' line counts). */
    uint64_t cLT, cTotal;
    double dPrev = 0.0;
    position_of(c, 1, &cLT, &cTotal);
    assert_int_equal(cLT, 0);
    for (uint32_t i = 1; i <= cRec; i += 197) {
        position_of(c, i, &cLT, &cTotal);
        const double d = (double)cLT / (double)cTotal;
        assert_true(d >= dPrev);
        assert_true(cLT < cTotal);
        dPrev = d;
        /* ... and going to that position finds the node again. */
        assert_int_equal(bt_goto_fraction(c, cLT, cTotal), JET_errSuccess);
        assert_int_equal(current_u32(c), i);
    }

    /* The ends. */
    assert_int_equal(bt_goto_fraction(c, 0, 1000), JET_errSuccess);
    assert_int_equal(current_u32(c), 1);
    assert_int_equal(bt_goto_fraction(c, 1000, 1000), JET_errSuccess);
    assert_int_equal(current_u32(c), cRec);
    assert_int_equal(bt_goto_fraction(c, 999999, 1000000), JET_errSuccess);
    assert_int_equal(current_u32(c), cRec);
    bt_close(c);
    tenv_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bt_position_exact_on_one_page),
        cmocka_unit_test(test_bt_position_estimates_on_a_deep_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
