/* SPDX-License-Identifier: MIT
 * btree/tests/test_fault.c: what needs the in-memory test cache (built with BT_TEST_FAKE_CACHE
 * from the layers' sources): a failure at every page access of a split (and of a delete that
 * empties and merges pages): the call fails with the injected error, the mtr is aborted, and the
 * tree holds exactly what it held before and still checks; and the undo payload each record
 * operation hands to its mtr. */
#include "bt_testlib.h"

#define CREC 600

struct saved {
    void *pbImage;
    size_t cbImage;
    uint32_t cbPage;
    struct bt_check_tree tree;
};

static struct bt_cursor *open_tree(struct tenv *pe, const struct saved *ps)
{
    struct bt_cursor *c;
    const struct bt_tree_desc d = { ps->tree.pgnoFDP, ps->tree.objid, ps->tree.type, ps->tree.fNonUnique, 255 };
    assert_int_equal(bt_open(pe->db, &d, &c), JET_errSuccess);
    pe->rgtree[0] = ps->tree;
    pe->ctree = 1;
    return c;
}

/* Every key i in [0, n) with present[i] is in the tree, and nothing else. */
static void expect_keys(struct bt_cursor *c, const uint8_t *present, uint32_t n)
{
    uint32_t i = 0;
    for (JET_ERR err = bt_move_first(c, 0); err == JET_errSuccess; err = bt_move_next(c, 0)) {
        uint32_t cb;
        const uint8_t *pk = bt_key(c, &cb);
        assert_int_equal(cb, 4);
        const uint32_t k = get_be32(pk);
        while (i < k) {
            assert_false(present[i]);
            i++;
        }
        assert_true(k < n && present[k]);
        i = k + 1;
    }
    while (i < n)
        assert_false(present[i++]);
}

static void insert_key(struct bt_cursor *c, uint32_t k, uint32_t cbData, JET_ERR errExpect)
{
    uint8_t rgbKey[4], rgbData[900];
    put_be32(rgbKey, k);
    memset(rgbData, (int)k, sizeof rgbData);
    const JET_ERR err = bt_insert(c, rgbKey, 4, rgbData, cbData, 0, BT_NO_UNDO);
    if (errExpect != JET_errSuccess || err != JET_errSuccess)
        assert_int_equal(err, errExpect);
}

/* A tree whose next inserts split pages at several levels; saved as an image. */
static void build(struct saved *ps, uint8_t *present)
{
    struct tenv e;
    tenv_open(&e, 4096, 24);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, false, 3, 255, NULL);
    memset(present, 0, 2 * CREC);
    for (uint32_t i = 0; i < CREC; i++) {
        const uint32_t k = 2 * ((i * 7919) % CREC);
        insert_key(c, k, 100 + (k % 5) * 60, JET_errSuccess);
        present[k] = 1;
    }
    tenv_check_ok(&e);
    ps->tree = e.rgtree[0];
    ps->cbPage = e.cbPage;
    bt_close(c);
    bt_db_close(e.db);
    ps->pbImage = fake_cache_image(e.file, &ps->cbImage);
    fake_cache_destroy(e.file);
}

/* Run op on a fresh copy for every failure point n = 1, 2, ...; op returns whether the change
 * it attempted happened, and the model is checked either way. */
typedef JET_ERR (*op_fn)(struct bt_cursor *c, uint8_t *present);

static JET_ERR op_insert_split(struct bt_cursor *c, uint8_t *present)
{
    /* Big nodes into full pages: leaf splits; enough of them to split internal pages too. */
    for (uint32_t k = 1; k < 2 * CREC; k += 2 * CREC / 40) {
        uint8_t rgbKey[4], rgbData[900];
        put_be32(rgbKey, k);
        memset(rgbData, 7, sizeof rgbData);
        const JET_ERR err = bt_insert(c, rgbKey, 4, rgbData, sizeof rgbData, 0, BT_NO_UNDO);
        if (err < 0)
            return err;
        present[k] = 1;
    }
    return JET_errSuccess;
}

static JET_ERR op_delete_merge(struct bt_cursor *c, uint8_t *present)
{
    /* Delete runs of keys: pages empty out, merge, and the tree shrinks. */
    for (uint32_t k = 0; k < 2 * CREC; k += 2) {
        if (!present[k] || (k / 64) % 2)
            continue;
        uint8_t rgbKey[4];
        put_be32(rgbKey, k);
        JET_ERR err = bt_seek(c, BT_SEEK_EQ, rgbKey, 4, NULL, 0, 0);
        if (err < 0)
            return err;
        err = bt_delete(c, BT_NO_UNDO);
        if (err < 0)
            return err;
        present[k] = 0;
    }
    return JET_errSuccess;
}

static void run_faults(op_fn op)
{
    struct saved sv;
    uint8_t *present0 = malloc(2 * CREC), *present = malloc(2 * CREC);
    build(&sv, present0);
    uint32_t cFailed = 0;
    for (uint64_t n = 1;; n++) {
        struct tenv e;
        tenv_open_image(&e, sv.pbImage, sv.cbImage, sv.cbPage);
        struct bt_cursor *c = open_tree(&e, &sv);
        memcpy(present, present0, 2 * CREC);
        fake_cache_fail_nth_get(e.file, n, JET_errDiskIO);
        const JET_ERR err = op(c, present);
        const bool fInjected = fake_cache_failed(e.file);
        fake_cache_fail_nth_get(e.file, 0, 0);
        if (err < 0) {
            /* The failing call changed nothing; everything before it is complete. */
            assert_true(fInjected);
            assert_int_equal(err, JET_errDiskIO);
            cFailed++;
        }
        /* (A failure in the merge that follows a delete is swallowed: the delete stands.) */
        assert_int_equal(fake_cache_latched(e.file), 0);
        expect_keys(c, present, 2 * CREC);
        bt_close(c);
        tenv_check_ok(&e);
        tenv_close(&e);
        if (!fInjected)
            break;
    }
    assert_true(cFailed > 100);
    free(sv.pbImage);
    free(present0);
    free(present);
}

static void test_bt_split_failing_at_any_page_access_leaves_tree_unchanged(void **state)
{
    (void)state;
    run_faults(op_insert_split);
}

static void test_bt_merge_failing_at_any_page_access_leaves_tree_unchanged(void **state)
{
    (void)state;
    run_faults(op_delete_merge);
}

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

/* Record operations hand their undo payload to the mtr; structure changes do not. */
static void test_bt_record_operations_carry_undo_payload(void **state)
{
    (void)state;
    struct tenv e;
    const void *pv;
    size_t cb;
    uint8_t rgbKey[4];
    tenv_open(&e, 4096, 64);
    struct bt_cursor *c = tenv_tree(&e, 1, BT_TYPE_PRIMARY, false, true, 4, 255, NULL);
    const struct bt_undo u = { "undo-insert", 11 };
    key_of(1, rgbKey);
    assert_int_equal(bt_insert(c, rgbKey, 4, "a", 1, PAGE_NODE_VERSIONED, &u), JET_errSuccess);
    fake_cache_last_undo(e.file, &pv, &cb);
    assert_int_equal(cb, 11);
    assert_memory_equal(pv, "undo-insert", 11);
    const struct bt_undo u2 = { "undo-replace", 12 };
    assert_int_equal(bt_replace(c, "bb", 2, &u2), JET_errSuccess);
    fake_cache_last_undo(e.file, &pv, &cb);
    assert_int_equal(cb, 12);
    const struct bt_undo u3 = { "undo-delete", 11 };
    assert_int_equal(bt_flag_delete(c, &u3), JET_errSuccess);
    fake_cache_last_undo(e.file, &pv, &cb);
    assert_memory_equal(pv, "undo-delete", 11);
    assert_int_equal(bt_set_flags(c, 0, PAGE_NODE_VERSIONED | PAGE_NODE_DELETED, NULL), JET_errSuccess);
    fake_cache_last_undo(e.file, &pv, &cb);
    assert_int_equal(cb, 0);
    /* A split: the mtr with the insert carries its payload; the root split before it none. */
    for (uint32_t i = 2; i < 200; i++)
        insert_u32(c, i, 100);
    const struct bt_undo u4 = { "undo-split-insert", 17 };
    key_of(100000, rgbKey);
    uint8_t rgb[1000];
    memset(rgb, 1, sizeof rgb);
    const uint64_t cCommit = fake_cache_commits(e.file);
    assert_int_equal(bt_insert(c, rgbKey, 4, rgb, sizeof rgb, 0, &u4), JET_errSuccess);
    fake_cache_last_undo(e.file, &pv, &cb);
    assert_int_equal(cb, 17);
    assert_true(fake_cache_commits(e.file) > cCommit);
    bt_close(c);
    tenv_check_ok(&e);
    tenv_close(&e);
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bt_split_failing_at_any_page_access_leaves_tree_unchanged),
        cmocka_unit_test(test_bt_merge_failing_at_any_page_access_leaves_tree_unchanged),
        cmocka_unit_test(test_bt_record_operations_carry_undo_payload),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
