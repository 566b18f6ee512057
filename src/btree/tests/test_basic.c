/* SPDX-License-Identifier: MIT
 * btree/tests/test_basic.c: the cursor API on small and growing trees: inserts, seeks in every
 * direction, moves, flag-delete and undelete, replace, duplicates, non-unique trees, the undo
 * payload, and the page layout Windows expects (flags, links, prefixes, separators). */
#include "bt_testlib.h"

static void key_of(uint32_t i, uint8_t *rgb)
{
    put_be32(rgb, i);
}

static void insert_u32(struct bt_cursor *c, uint32_t i, uint32_t cbData)
{
    uint8_t rgbKey[4], rgbData[512];
    key_of(i, rgbKey);
    memset(rgbData, (int)(i & 0xFF), sizeof rgbData);
    assert_true(cbData <= sizeof rgbData);
    assert_int_equal(bt_insert(c, rgbKey, 4, rgbData, cbData, 0, BT_NO_UNDO), JET_errSuccess);
}

static uint32_t current_u32(struct bt_cursor *c)
{
    uint32_t cb;
    const uint8_t *pb = bt_key(c, &cb);
    assert_non_null(pb);
    assert_int_equal(cb, 4);
    return get_be32(pb);
}

static JET_ERR seek_u32(struct bt_cursor *c, enum bt_seek op, uint32_t i)
{
    uint8_t rgbKey[4];
    key_of(i, rgbKey);
    return bt_seek(c, op, rgbKey, 4, NULL, 0, 0);
}

static void test_bt_seek_finds_every_direction(void **state)
{
    (void)state;
    struct tenv e;
    tenv_open(&e, 4096, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, false, 1, 255, NULL);
    /* Empty tree: nothing anywhere. */
    assert_int_equal(bt_move_first(c, 0), JET_errNoCurrentRecord);
    assert_int_equal(seek_u32(c, BT_SEEK_GE, 5), JET_errRecordNotFound);
    for (uint32_t i = 10; i <= 50; i += 10)
        insert_u32(c, i, 8);
    assert_int_equal(seek_u32(c, BT_SEEK_EQ, 30), JET_errSuccess);
    assert_int_equal(current_u32(c), 30);
    assert_int_equal(seek_u32(c, BT_SEEK_EQ, 31), JET_errRecordNotFound);
    assert_false(bt_has_current(c));
    assert_int_equal(seek_u32(c, BT_SEEK_GE, 30), JET_errSuccess);
    assert_int_equal(current_u32(c), 30);
    assert_int_equal(seek_u32(c, BT_SEEK_GE, 31), JET_errSuccess);
    assert_int_equal(current_u32(c), 40);
    assert_int_equal(seek_u32(c, BT_SEEK_GT, 30), JET_errSuccess);
    assert_int_equal(current_u32(c), 40);
    assert_int_equal(seek_u32(c, BT_SEEK_LE, 30), JET_errSuccess);
    assert_int_equal(current_u32(c), 30);
    assert_int_equal(seek_u32(c, BT_SEEK_LE, 29), JET_errSuccess);
    assert_int_equal(current_u32(c), 20);
    assert_int_equal(seek_u32(c, BT_SEEK_LT, 30), JET_errSuccess);
    assert_int_equal(current_u32(c), 20);
    assert_int_equal(seek_u32(c, BT_SEEK_LT, 10), JET_errRecordNotFound);
    assert_int_equal(seek_u32(c, BT_SEEK_GT, 50), JET_errRecordNotFound);
    /* Moves from the ends and back. */
    assert_int_equal(bt_move_last(c, 0), JET_errSuccess);
    assert_int_equal(current_u32(c), 50);
    assert_int_equal(bt_move_next(c, 0), JET_errNoCurrentRecord);
    assert_int_equal(bt_move_prev(c, 0), JET_errSuccess);
    assert_int_equal(current_u32(c), 50);
    assert_int_equal(bt_move_first(c, 0), JET_errSuccess);
    assert_int_equal(bt_move_prev(c, 0), JET_errNoCurrentRecord);
    assert_int_equal(bt_move_next(c, 0), JET_errSuccess);
    assert_int_equal(current_u32(c), 10);
    bt_close(c);
    tenv_check_ok(&e);
    tenv_close(&e);
}

/* Thousands of sequential inserts: root split, append splits, a third level; leaves full
 * (append split) and the tree walks in order both ways. */
static void sequential(uint32_t cbPage, bool fReverse, uint32_t cRec, uint32_t cbData)
{
    struct tenv e;
    uint32_t pgnoFDP;
    tenv_open(&e, cbPage, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, true, 8, 255, &pgnoFDP);
    for (uint32_t n = 0; n < cRec; n++)
        insert_u32(c, fReverse ? cRec - n : n + 1, cbData);
    uint32_t i = 0;
    for (JET_ERR err = bt_move_first(c, 0); err == JET_errSuccess; err = bt_move_next(c, 0)) {
        assert_int_equal(current_u32(c), ++i);
        uint32_t cb;
        const uint8_t *pb = bt_data(c, &cb);
        assert_int_equal(cb, cbData);
        assert_int_equal(pb[0], i & 0xFF);
    }
    assert_int_equal(i, cRec);
    for (JET_ERR err = bt_move_last(c, 0); err == JET_errSuccess; err = bt_move_prev(c, 0))
        assert_int_equal(current_u32(c), i--);
    assert_int_equal(i, 0);
    /* The root is internal now; every page carries the format flags. */
    uint8_t *pb = malloc(cbPage);
    tenv_read_page(&e, pgnoFDP, pb);
    const struct page_view v = page_view_make(pb, cbPage, pgnoFDP);
    assert_false(page_is_leaf(&v));
    assert_true(page_flags(&v) & PAGE_FLAG_NEW_RECORD_FORMAT);
    assert_true(page_flags(&v) & PAGE_FLAG_NEW_CHECKSUM);
    free(pb);
    struct bt_check_stats s;
    assert_int_equal(tenv_check(&e, NULL, &s), 0);
    assert_int_equal(s.cNodes, cRec);
    assert_int_equal(s.cpgLeaked, 0);
    assert_true(s.cLevelsMax >= 2);
    bt_close(c);
    tenv_close(&e);
}

static void test_bt_insert_sequential_splits_keep_order(void **state)
{
    (void)state;
    sequential(4096, false, 20000, 40);
}

static void test_bt_insert_reverse_sequential_splits_keep_order(void **state)
{
    (void)state;
    sequential(4096, true, 20000, 40);
}

static void test_bt_insert_sequential_large_pages(void **state)
{
    (void)state;
    sequential(32768, false, 30000, 100);
    sequential(16384, true, 20000, 300);
    sequential(8192, false, 8000, 500);
}

static void test_bt_insert_duplicate_fails_and_reuses_deleted(void **state)
{
    (void)state;
    struct tenv e;
    uint8_t rgbKey[4];
    tenv_open(&e, 4096, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, false, 1, 255, NULL);
    insert_u32(c, 7, 10);
    key_of(7, rgbKey);
    assert_int_equal(bt_insert(c, rgbKey, 4, "x", 1, 0, BT_NO_UNDO), JET_errKeyDuplicate);
    /* Flag-deleted: invisible to moves and seeks, visible with BT_DELETED_TOO. */
    assert_int_equal(seek_u32(c, BT_SEEK_EQ, 7), JET_errSuccess);
    assert_int_equal(bt_flag_delete(c, BT_NO_UNDO), JET_errSuccess);
    assert_int_equal(bt_node_flags(c), PAGE_NODE_DELETED);
    assert_int_equal(seek_u32(c, BT_SEEK_EQ, 7), JET_errRecordNotFound);
    assert_int_equal(bt_move_first(c, 0), JET_errNoCurrentRecord);
    assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbKey, 4, NULL, 0, BT_DELETED_TOO), JET_errSuccess);
    assert_int_equal(bt_undelete(c, BT_NO_UNDO), JET_errSuccess);
    assert_int_equal(seek_u32(c, BT_SEEK_EQ, 7), JET_errSuccess);
    assert_int_equal(bt_flag_delete(c, BT_NO_UNDO), JET_errSuccess);
    /* An insert with the key of a deleted node takes it over. */
    assert_int_equal(bt_insert(c, rgbKey, 4, "new", 3, PAGE_NODE_VERSIONED, BT_NO_UNDO), JET_errSuccess);
    assert_int_equal(seek_u32(c, BT_SEEK_EQ, 7), JET_errSuccess);
    uint32_t cb;
    const uint8_t *pb = bt_data(c, &cb);
    assert_int_equal(cb, 3);
    assert_memory_equal(pb, "new", 3);
    assert_int_equal(bt_node_flags(c), PAGE_NODE_VERSIONED);
    assert_int_equal(bt_set_flags(c, 0, PAGE_NODE_VERSIONED, BT_NO_UNDO), JET_errSuccess);
    assert_int_equal(seek_u32(c, BT_SEEK_EQ, 7), JET_errSuccess);
    assert_int_equal(bt_node_flags(c), 0);
    bt_close(c);
    tenv_check_ok(&e);
    tenv_close(&e);
}

/* Replace growing a node beyond its page's room splits the page, with the new data in. */
static void test_bt_replace_grows_node_through_split(void **state)
{
    (void)state;
    struct tenv e;
    tenv_open(&e, 4096, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, true, 4, 255, NULL);
    for (uint32_t i = 0; i < 60; i++)
        insert_u32(c, i, 60);
    uint8_t rgb[3000];
    for (uint32_t i = 0; i < 60; i += 7) {
        memset(rgb, (int)i, sizeof rgb);
        assert_int_equal(seek_u32(c, BT_SEEK_EQ, i), JET_errSuccess);
        assert_int_equal(bt_replace(c, rgb, 1000 + i * 30, BT_NO_UNDO), JET_errSuccess);
    }
    for (uint32_t i = 0; i < 60; i++) {
        uint32_t cb;
        assert_int_equal(seek_u32(c, BT_SEEK_EQ, i), JET_errSuccess);
        const uint8_t *pb = bt_data(c, &cb);
        assert_int_equal(cb, i % 7 ? 60 : 1000 + i * 30);
        assert_int_equal(pb[cb - 1], i & 0xFF);
    }
    bt_close(c);
    tenv_check_ok(&e);
    tenv_close(&e);
}

/* Records bigger than half a page: every split must still find a place for each. */
static void test_bt_insert_nodes_larger_than_half_a_page(void **state)
{
    (void)state;
    struct tenv e;
    uint8_t rgbKey[4], rgb[3900];
    uint64_t seed = 3;
    tenv_open(&e, 4096, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, true, 4, 255, NULL);
    for (uint32_t n = 0; n < 300; n++) {
        const uint32_t i = trand(&seed) % 100000;
        key_of(i, rgbKey);
        memset(rgb, (int)i, sizeof rgb);
        const uint32_t cb = 1500 + trand(&seed) % 2400;
        JET_ERR err = bt_insert(c, rgbKey, 4, rgb, cb, 0, BT_NO_UNDO);
        assert_true(err == JET_errSuccess || err == JET_errKeyDuplicate);
    }
    /* Too big for any page. */
    key_of(1, rgbKey);
    assert_int_equal(bt_insert(c, rgbKey, 4, rgb, 4090, 0, BT_NO_UNDO), JET_errRecordTooBig);
    bt_close(c);
    tenv_check_ok(&e);
    tenv_close(&e);
}

/* The longest keys each page size allows (ESE-FORMAT-NOTES §12: 1000 at 4 KiB, 2000 above). */
static void max_keys(uint32_t cbPage, uint32_t cbKeyMost)
{
    struct tenv e;
    uint8_t *rgbKey = malloc(cbKeyMost);
    tenv_open(&e, cbPage, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_INDEX, false, true, 4, cbKeyMost, NULL);
    /* Keys share nothing but their first 4 bytes (no prefix compression to make them small). */
    uint64_t seed = cbKeyMost;
    for (uint32_t i = 0; i < 400; i++) {
        for (uint32_t b = 4; b < cbKeyMost; b++)
            rgbKey[b] = (uint8_t)trand(&seed);
        put_be32(rgbKey, i * 7919 % 400);
        assert_int_equal(bt_insert(c, rgbKey, cbKeyMost, "d", 1, 0, BT_NO_UNDO), JET_errSuccess);
    }
    assert_int_equal(bt_insert(c, rgbKey, cbKeyMost + 1, "d", 1, 0, BT_NO_UNDO), JET_errKeyTooBig);
    if (cbKeyMost * 3 > cbPage) {
        /* Keys that share all but their last bytes: leaves compress them well, separators stay
         * long, so internal pages hold a few and the tree grows deep. */
        struct bt_cursor *c2 = tenv_tree(&e, 1, BT_TYPE_INDEX, false, true, 4, cbKeyMost, NULL);
        for (uint32_t i = 0; i < 20000; i++) {
            memset(rgbKey, 0x7F, cbKeyMost);
            put_be32(rgbKey + cbKeyMost - 4, i * 7919 % 20000);
            assert_int_equal(bt_insert(c2, rgbKey, cbKeyMost, "d", 1, 0, BT_NO_UNDO), JET_errSuccess);
        }
        struct bt_check_stats s;
        assert_int_equal(tenv_check(&e, NULL, &s), 0);
        assert_true(s.cLevelsMax >= 4);
        bt_close(c2);
    }
    uint32_t n = 0;
    for (JET_ERR err = bt_move_first(c, 0); err == JET_errSuccess; err = bt_move_next(c, 0)) {
        uint32_t cb;
        const uint8_t *pb = bt_key(c, &cb);
        assert_int_equal(cb, cbKeyMost);
        assert_int_equal(get_be32(pb), n++);
    }
    assert_int_equal(n, 400);
    bt_close(c);
    tenv_check_ok(&e);
    tenv_close(&e);
    free(rgbKey);
}

static void test_bt_insert_max_size_keys(void **state)
{
    (void)state;
    max_keys(4096, 255);
    max_keys(4096, 1000);
    max_keys(8192, 2000);
    max_keys(32768, 2000);
}

/* Two openers of one tree with different key limits (the catalog checker opens primaries with
 * 255 while the table's writer may allow 1000): each cursor keeps its own limit, whoever opened
 * the shared tree first. */
static void test_bt_key_limit_is_the_openers(void **state)
{
    (void)state;
    struct tenv e;
    uint8_t rgbKey[300];
    uint32_t pgnoFDP;
    memset(rgbKey, 0x41, sizeof rgbKey);
    tenv_open(&e, 4096, 64);
    struct bt_cursor *cShort = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, true, 4, 255, &pgnoFDP);
    const struct bt_tree_desc d = { pgnoFDP, e.objidNext - 1, BT_TYPE_PRIMARY, false, 1000 };
    struct bt_cursor *cLong;
    assert_int_equal(bt_open(e.db, &d, &cLong), JET_errSuccess);
    assert_int_equal(bt_insert(cLong, rgbKey, sizeof rgbKey, "d", 1, 0, BT_NO_UNDO), JET_errSuccess);
    rgbKey[0] = 0x42;
    assert_int_equal(bt_insert(cShort, rgbKey, sizeof rgbKey, "d", 1, 0, BT_NO_UNDO), JET_errKeyTooBig);
    assert_int_equal(bt_insert(cShort, rgbKey, 255, "d", 1, 0, BT_NO_UNDO), JET_errSuccess);
    bt_close(cLong);
    bt_close(cShort);
    tenv_close(&e);
}

/* Non-unique trees order by (key, data); seeks by key alone find the first or last of a run. */
static void test_bt_nonunique_orders_by_key_then_data(void **state)
{
    (void)state;
    struct tenv e;
    uint8_t rgbKey[8], rgbData[8];
    tenv_open(&e, 4096, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_INDEX, true, true, 4, 255, NULL);
    /* 40 keys x 50 duplicates, enough for runs of one key across pages. */
    for (uint32_t d = 0; d < 50; d++) {
        for (uint32_t k = 0; k < 40; k++) {
            memset(rgbKey, 0x7F, 4);
            put_be32(rgbKey + 4, k);
            put_be32(rgbData, (d * 37) % 50);
            memset(rgbData + 4, 0xAA, 4);
            assert_int_equal(bt_insert(c, rgbKey, 8, rgbData, 8, 0, BT_NO_UNDO), JET_errSuccess);
        }
    }
    assert_int_equal(bt_insert(c, rgbKey, 8, rgbData, 8, 0, BT_NO_UNDO), JET_errKeyDuplicate);
    uint32_t n = 0;
    for (JET_ERR err = bt_move_first(c, 0); err == JET_errSuccess; err = bt_move_next(c, 0)) {
        uint32_t cbK, cbD;
        const uint8_t *pk = bt_key(c, &cbK), *pd = bt_data(c, &cbD);
        assert_int_equal(get_be32(pk + 4), n / 50);
        assert_int_equal(get_be32(pd), n % 50);
        n++;
    }
    assert_int_equal(n, 2000);
    /* Key-only seeks: GE/EQ give the first of the run, LE the last, GT the next key. */
    memset(rgbKey, 0x7F, 4);
    put_be32(rgbKey + 4, 17);
    uint32_t cb;
    assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbKey, 8, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(get_be32(bt_data(c, &cb)), 0);
    assert_int_equal(bt_seek(c, BT_SEEK_LE, rgbKey, 8, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(get_be32(bt_data(c, &cb)), 49);
    assert_int_equal(bt_seek(c, BT_SEEK_GT, rgbKey, 8, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(get_be32(bt_key(c, &cb) + 4), 18);
    assert_int_equal(get_be32(bt_data(c, &cb)), 0);
    assert_int_equal(bt_seek(c, BT_SEEK_LT, rgbKey, 8, NULL, 0, 0), JET_errSuccess);
    assert_int_equal(get_be32(bt_key(c, &cb) + 4), 16);
    assert_int_equal(get_be32(bt_data(c, &cb)), 49);
    /* With data: exactly that node. */
    put_be32(rgbData, 23);
    assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbKey, 8, rgbData, 8, 0), JET_errSuccess);
    assert_int_equal(get_be32(bt_data(c, &cb)), 23);
    put_be32(rgbData, 99);
    assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbKey, 8, rgbData, 8, 0), JET_errRecordNotFound);
    assert_int_equal(bt_seek(c, BT_SEEK_LT, rgbKey, 8, rgbData, 8, 0), JET_errSuccess);
    assert_int_equal(get_be32(bt_data(c, &cb)), 49);
    bt_close(c);
    tenv_check_ok(&e);
    tenv_close(&e);
}

/* Deleting everything brings the tree back to its root page, and every page back to space. */
static void test_bt_delete_all_merges_back_to_single_page(void **state)
{
    (void)state;
    struct tenv e;
    uint32_t pgnoFDP, cpgOwned, cpgAvail0, cpgAvail;
    tenv_open(&e, 4096, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, true, 8, 255, &pgnoFDP);
    assert_int_equal(space_get_counts(&e.sdb, pgnoFDP, &cpgOwned, &cpgAvail0), JET_errSuccess);
    for (uint32_t i = 0; i < 5000; i++)
        insert_u32(c, i * 7 % 5000, 60);
    tenv_check_ok(&e);
    uint64_t seed = 5;
    uint32_t cLeft = 5000;
    uint8_t *fGone = calloc(5000, 1);
    while (cLeft) {
        const uint32_t i = trand(&seed) % 5000;
        if (fGone[i])
            continue;
        assert_int_equal(seek_u32(c, BT_SEEK_EQ, i), JET_errSuccess);
        assert_int_equal(bt_delete(c, BT_NO_UNDO), JET_errSuccess);
        assert_false(bt_has_current(c));
        fGone[i] = 1;
        cLeft--;
        if (cLeft % 1000 == 0)
            tenv_check_ok(&e);
    }
    free(fGone);
    assert_int_equal(bt_move_first(c, 0), JET_errNoCurrentRecord);
    uint8_t *pb = malloc(4096);
    tenv_read_page(&e, pgnoFDP, pb);
    const struct page_view v = page_view_make(pb, 4096, pgnoFDP);
    assert_true(page_is_leaf(&v));
    assert_int_equal(page_cline(&v), 0);
    free(pb);
    /* Every page but the root, OE and AE roots is available again (secondary extents stay). */
    assert_int_equal(space_get_counts(&e.sdb, pgnoFDP, &cpgOwned, &cpgAvail), JET_errSuccess);
    assert_int_equal(cpgOwned - cpgAvail, 3);
    tenv_check_ok(&e);
    bt_close(c);
    tenv_close(&e);
}

/* Seeks and inserts reuse the leaf they saw last (a repeated seek, an insert after a seek, the
 * next insert after an insert) only while it is unchanged: after splits and merges moved the
 * nodes elsewhere and pages went back to space, every answer is still the tree's. */
static void test_bt_leaf_hints_follow_splits_and_merges(void **state)
{
    (void)state;
    struct tenv e;
    tenv_open(&e, 4096, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, true, 8, 255, NULL);
    const uint32_t n = 3000;
    for (uint32_t i = 0; i < n; i++)
        insert_u32(c, 2 * i, 40);                  /* even keys, ascending: the append hint */
    for (uint32_t i = 1; i + 1 < 2 * n; i += 2) {
        /* The seek leaves the hint on the leaf holding i + 1; the same seek again and the
         * insert of i take it; the seek after the insert takes the insert's. */
        assert_int_equal(seek_u32(c, BT_SEEK_GE, i), JET_errSuccess);
        assert_int_equal(current_u32(c), i + 1);
        assert_int_equal(seek_u32(c, BT_SEEK_GE, i), JET_errSuccess);
        assert_int_equal(current_u32(c), i + 1);
        if (i % 3 == 0)
            continue;
        insert_u32(c, i, 40);
        assert_int_equal(seek_u32(c, BT_SEEK_LT, i), JET_errSuccess);
        assert_int_equal(current_u32(c), i - 1);
        assert_int_equal(seek_u32(c, BT_SEEK_EQ, i), JET_errSuccess);
        assert_int_equal(current_u32(c), i);
    }
    tenv_check_ok(&e);
    /* Delete most keys from the top down (merges free the pages the hints named), seeking the
     * same targets before and after each delete. */
    for (uint32_t i = 2 * n; i-- > 20;) {
        if (seek_u32(c, BT_SEEK_EQ, i) != JET_errSuccess)
            continue;
        assert_int_equal(bt_delete(c, BT_NO_UNDO), JET_errSuccess);
        assert_int_equal(seek_u32(c, BT_SEEK_EQ, i), JET_errRecordNotFound);
        assert_int_equal(seek_u32(c, BT_SEEK_GE, i), JET_errRecordNotFound);
        assert_int_equal(seek_u32(c, BT_SEEK_LE, i), JET_errSuccess);
        assert_true(current_u32(c) < i);
    }
    tenv_check_ok(&e);
    /* Grow it again through the same cursor: the hints it holds name freed pages. */
    for (uint32_t i = 20; i < 2 * n; i++)
        insert_u32(c, i, 40);
    uint32_t kNext = 20, cLow = 0;
    for (JET_ERR err = bt_move_first(c, 0); err == JET_errSuccess; err = bt_move_next(c, 0)) {
        const uint32_t k = current_u32(c);
        if (k < 20) {
            assert_int_equal(kNext, 20);
            cLow++;
        } else {
            assert_int_equal(k, kNext++);
        }
    }
    assert_int_equal(kNext, 2 * n);
    assert_int_equal(cLow, 17);     /* 0..19 but 3, 9 and 15 (never inserted) */
    tenv_check_ok(&e);
    bt_close(c);
    tenv_close(&e);
}

/* A cursor stepping forward through a leaf it keeps pinned reads the next node from the page it
 * saw only while the page is unchanged: nodes another cursor inserts before or after the current
 * one, or flag-deletes, between two steps are seen (or not) as a read from the root would. */
static void test_bt_move_next_sees_changes_to_the_kept_leaf(void **state)
{
    (void)state;
    struct tenv e;
    tenv_open(&e, 4096, 64);
    uint32_t pgnoFDP;
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, false, 1, 255, &pgnoFDP);
    const struct bt_tree_desc d = { pgnoFDP, e.objidNext - 1, BT_TYPE_PRIMARY, false, 255 };
    struct bt_cursor *w;
    for (uint32_t i = 0; i < 40; i += 4)
        insert_u32(c, i, 8);
    assert_int_equal(bt_open(e.db, &d, &w), JET_errSuccess);
    assert_int_equal(bt_move_first(c, 0), JET_errSuccess);
    assert_int_equal(current_u32(c), 0);
    assert_int_equal(bt_move_next(c, 0), JET_errSuccess);      /* the fast step's first use */
    assert_int_equal(current_u32(c), 4);
    insert_u32(w, 5, 8);                                        /* right after the current node */
    assert_int_equal(bt_move_next(c, 0), JET_errSuccess);
    assert_int_equal(current_u32(c), 5);
    insert_u32(w, 1, 8);                                        /* before it: its line moves */
    insert_u32(w, 2, 8);
    assert_int_equal(bt_move_next(c, 0), JET_errSuccess);
    assert_int_equal(current_u32(c), 8);
    assert_int_equal(bt_move_prev(c, 0), JET_errSuccess);
    assert_int_equal(current_u32(c), 5);
    assert_int_equal(seek_u32(w, BT_SEEK_EQ, 8), JET_errSuccess);
    assert_int_equal(bt_flag_delete(w, BT_NO_UNDO), JET_errSuccess);
    assert_int_equal(bt_move_next(c, 0), JET_errSuccess);      /* 8 is flag-deleted: hidden */
    assert_int_equal(current_u32(c), 12);
    assert_int_equal(bt_move_next(c, BT_DELETED_TOO), JET_errSuccess);
    assert_int_equal(current_u32(c), 16);
    uint32_t k = 16;
    JET_ERR err;
    while ((err = bt_move_next(c, 0)) == JET_errSuccess) {
        assert_int_equal(current_u32(c), k + 4);
        k += 4;
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    assert_int_equal(k, 36);
    assert_int_equal(tenv_latched(&e), 0);
    bt_close(w);
    bt_close(c);
    tenv_close(&e);
}

/* Seeks route the root through the cursor's decoded copy of it once the root has stayed the same
 * for a while: every answer is still the tree's, across inserts and deletes that change the root
 * between seeks, with keys too long to decode (9 bytes) and with a second cursor's changes. */
static void test_bt_seek_through_the_decoded_root_follows_changes(void **state)
{
    (void)state;
    struct tenv e;
    tenv_open(&e, 4096, 64);
    uint32_t pgnoFDP;
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, true, 8, 255, &pgnoFDP);
    const struct bt_tree_desc d = { pgnoFDP, e.objidNext - 1, BT_TYPE_PRIMARY, false, 255 };
    struct bt_cursor *w;
    assert_int_equal(bt_open(e.db, &d, &w), JET_errSuccess);
    enum { N = 6000 };
    static bool present[N + 1];
    memset(present, 0, sizeof present);
    for (uint32_t i = 0; i < N; i += 3) {
        insert_u32(w, i, 40);
        present[i] = true;
    }
    uint64_t seed = 11;
    for (uint32_t round = 0; round < 4; round++) {
        /* next[i]: the first key >= i */
        static uint32_t next[N + 1];
        next[N] = UINT32_MAX;
        for (uint32_t i = N; i-- > 0;)
            next[i] = present[i] ? i : next[i + 1];
        for (uint32_t i = 0; i < N; i++) {
            const JET_ERR err = seek_u32(c, BT_SEEK_GE, i);
            if (next[i] == UINT32_MAX) {
                assert_int_equal(err, JET_errRecordNotFound);
                continue;
            }
            assert_int_equal(err, JET_errSuccess);
            assert_int_equal(current_u32(c), next[i]);
            assert_int_equal(seek_u32(c, BT_SEEK_EQ, i), present[i] ? JET_errSuccess : JET_errRecordNotFound);
        }
        /* change the root under the reader's copy: inserts split leaves, deletes merge them */
        for (uint32_t k = 0; k < 400; k++) {
            const uint32_t i = trand(&seed) % N;
            if (present[i]) {
                assert_int_equal(seek_u32(w, BT_SEEK_EQ, i), JET_errSuccess);
                assert_int_equal(bt_delete(w, BT_NO_UNDO), JET_errSuccess);
            } else {
                insert_u32(w, i, 40);
            }
            present[i] = !present[i];
            if (k % 50 == 0)
                assert_int_equal(seek_u32(c, BT_SEEK_EQ, i), present[i] ? JET_errSuccess : JET_errRecordNotFound);
        }
    }
    /* keys of 9 bytes: the root cannot be decoded, seeks route it the usual way */
    uint8_t rgbKey[9];
    memset(rgbKey, 0xff, sizeof rgbKey);
    for (uint32_t i = 0; i < 600; i++) {
        put_be32(rgbKey + 5, i);
        assert_int_equal(bt_insert(w, rgbKey, 9, "d", 1, 0, BT_NO_UNDO), JET_errSuccess);
    }
    for (uint32_t k = 0; k < 2; k++)
        for (uint32_t i = 0; i < 600; i++) {
            put_be32(rgbKey + 5, i);
            assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbKey, 9, NULL, 0, 0), JET_errSuccess);
            assert_int_equal(seek_u32(c, BT_SEEK_EQ, 3 * (i % 100) + 1), present[3 * (i % 100) + 1] ? JET_errSuccess
                                                                                                  : JET_errRecordNotFound);
        }
    tenv_check_ok(&e);
    bt_close(w);
    bt_close(c);
    tenv_close(&e);
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bt_seek_finds_every_direction),
        cmocka_unit_test(test_bt_key_limit_is_the_openers),
        cmocka_unit_test(test_bt_insert_sequential_splits_keep_order),
        cmocka_unit_test(test_bt_insert_reverse_sequential_splits_keep_order),
        cmocka_unit_test(test_bt_insert_sequential_large_pages),
        cmocka_unit_test(test_bt_insert_duplicate_fails_and_reuses_deleted),
        cmocka_unit_test(test_bt_replace_grows_node_through_split),
        cmocka_unit_test(test_bt_insert_nodes_larger_than_half_a_page),
        cmocka_unit_test(test_bt_insert_max_size_keys),
        cmocka_unit_test(test_bt_nonunique_orders_by_key_then_data),
        cmocka_unit_test(test_bt_delete_all_merges_back_to_single_page),
        cmocka_unit_test(test_bt_leaf_hints_follow_splits_and_merges),
        cmocka_unit_test(test_bt_move_next_sees_changes_to_the_kept_leaf),
        cmocka_unit_test(test_bt_seek_through_the_decoded_root_follows_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
