/* SPDX-License-Identifier: MIT
 * btree/tests/test_check.c: the integrity checker finds each kind of damage, names the page,
 * and tolerates (as a warning) only what ESE tolerates: leaked pages. */
#include "bt_testlib.h"

struct found {
    uint32_t cErrors, cWarnings;
    uint32_t pgnoFirst;
    JET_ERR errFirst;
    char szFirst[128];
    uint32_t pgnoWant;
    bool fPgnoSeen;
};
static void collect(void *pv, const struct bt_check_problem *pp)
{
    struct found *pf = pv;
    if (pp->severity == BT_CHECK_ERROR) {
        if (!pf->cErrors++) {
            pf->pgnoFirst = pp->pgno;
            pf->errFirst = pp->err;
            snprintf(pf->szFirst, sizeof pf->szFirst, "%s", pp->szWhat);
        }
        pf->fPgnoSeen |= pp->pgno == pf->pgnoWant;
    } else {
        pf->cWarnings++;
    }
}

struct fixture {
    struct tenv e;
    uint32_t pgnoFDP;
    uint32_t pgnoLeaf, pgnoLeaf2, pgnoInternal;    /* two neighbouring leaves and their parent */
};

static void setup_tree(struct fixture *px)
{
    tenv_open(&px->e, 4096, 64);
    struct bt_cursor *c = tenv_tree(&px->e, 1, BT_TYPE_PRIMARY, false, true, 4, 255, &px->pgnoFDP);
    uint8_t rgbKey[4], rgbData[100];
    memset(rgbData, 1, sizeof rgbData);
    for (uint32_t i = 0; i < 400; i++) {
        put_be32(rgbKey, i * 3);
        assert_int_equal(bt_insert(c, rgbKey, 4, rgbData, sizeof rgbData, 0, BT_NO_UNDO), JET_errSuccess);
    }
    bt_close(c);
    tenv_check_ok(&px->e);
    /* The root is internal (a vertical split happened) and its child too, or the root's
     * children are leaves: find two leaves under one parent. */
    uint8_t *pb = malloc(4096);
    uint32_t pgno = px->pgnoFDP;
    for (;;) {
        tenv_read_page(&px->e, pgno, pb);
        const struct page_view v = page_view_make(pb, 4096, pgno);
        assert_false(page_is_leaf(&v));
        struct page_node n0, n1;
        assert_int_equal(page_get_node(&v, 0, &n0), JET_errSuccess);
        uint32_t pgnoChild;
        assert_true(page_node_child_pgno(&n0, &pgnoChild));
        if (page_is_parent_of_leaf(&v) && page_cline(&v) >= 2) {
            assert_int_equal(page_get_node(&v, 1, &n1), JET_errSuccess);
            px->pgnoInternal = pgno;
            px->pgnoLeaf = pgnoChild;
            assert_true(page_node_child_pgno(&n1, &px->pgnoLeaf2));
            break;
        }
        pgno = pgnoChild;
    }
    free(pb);
}

static void teardown_tree(struct fixture *px)
{
    tenv_close(&px->e);
}

/* Change a page behind the engine's back, with a good checksum (structural damage only). */
typedef void (*mutate_fn)(struct page_buf *pb, void *pv);
static void mutate(struct fixture *px, uint32_t pgno, mutate_fn fn, void *pv)
{
    uint8_t *pb = malloc(4096);
    tenv_read_page(&px->e, pgno, pb);
    struct page_buf b = page_buf_make(pb, 4096, pgno);
    fn(&b, pv);
    page_checksum_set(pb, 4096, pgno);
    tenv_write_page(&px->e, pgno, pb);
    free(pb);
}

static struct found run_check(struct fixture *px, uint32_t pgnoWant)
{
    struct found f;
    memset(&f, 0, sizeof f);
    f.pgnoWant = pgnoWant;
    const JET_ERR err = bt_check_db(px->e.db, px->e.rgtree, px->e.ctree, collect, &f, NULL);
    assert_int_equal(tenv_latched(&px->e), 0);
    if (f.cErrors)
        assert_true(err < 0);
    else
        assert_int_equal(err, JET_errSuccess);
    return f;
}

static void set_next(struct page_buf *pb, void *pv) { page_set_pgno_next(pb, *(uint32_t *)pv); }
static void set_objid(struct page_buf *pb, void *pv) { page_set_objid_fdp(pb, *(uint32_t *)pv); }
static void set_flags(struct page_buf *pb, void *pv) { page_set_flags(pb, *(uint32_t *)pv); }

/* Replace the last node by one with a key far above the page's range. */
static void key_too_high(struct page_buf *pb, void *pv)
{
    (void)pv;
    const struct page_view v = page_view_of(pb);
    const uint32_t iLast = page_cline(&v) - 1;
    uint8_t rgbKey[4] = { 0xFF, 0xFF, 0xFF, 0xF0 };
    assert_int_equal(page_delete_node(pb, iLast), JET_errSuccess);
    assert_int_equal(page_insert_node(pb, iLast, rgbKey, 4, "x", 1, 0), JET_errSuccess);
}

/* The first two nodes change places. */
static void swap_first_two(struct page_buf *pb, void *pv)
{
    (void)pv;
    const struct page_view v = page_view_of(pb);
    struct page_node n;
    uint8_t rgbKey[64], rgbData[256];
    assert_int_equal(page_get_node(&v, 0, &n), JET_errSuccess);
    const uint32_t cbKey = page_node_key(&n, rgbKey, sizeof rgbKey), cbData = n.cbData;
    memcpy(rgbData, n.pbData, cbData);
    assert_int_equal(page_delete_node(pb, 0), JET_errSuccess);
    assert_int_equal(page_insert_node(pb, 1, rgbKey, cbKey, rgbData, cbData, 0), JET_errSuccess);
}

/* The last (null-key) node of the right-edge parent gets a key. */
static void last_key_not_null(struct page_buf *pb, void *pv)
{
    (void)pv;
    const struct page_view v = page_view_of(pb);
    const uint32_t iLast = page_cline(&v) - 1;
    struct page_node n;
    uint8_t rgbData[4];
    assert_int_equal(page_get_node(&v, iLast, &n), JET_errSuccess);
    assert_int_equal(page_node_cb_key(&n), 0);
    memcpy(rgbData, n.pbData, 4);
    assert_int_equal(page_delete_node(pb, iLast), JET_errSuccess);
    assert_int_equal(page_insert_node(pb, iLast, "\xff\xff\xff\xff\xff", 5, rgbData, 4, 0), JET_errSuccess);
}

static void test_bt_check_passes_sound_tree(void **state)
{
    (void)state;
    struct fixture x;
    setup_tree(&x);
    struct found f = run_check(&x, 0);
    assert_int_equal(f.cErrors, 0);
    assert_int_equal(f.cWarnings, 0);
    teardown_tree(&x);
}

static void test_bt_check_reports_bad_checksum(void **state)
{
    (void)state;
    struct fixture x;
    setup_tree(&x);
    uint8_t *pb = malloc(4096);
    tenv_read_page(&x.e, x.pgnoLeaf2, pb);
    /* Two flipped bits: more than the ECC checksum corrects (one would be fixed on read). */
    pb[2000] ^= 0x10;
    pb[3000] ^= 0x01;
    tenv_write_page(&x.e, x.pgnoLeaf2, pb);
    free(pb);
    struct found f = run_check(&x, x.pgnoLeaf2);
    assert_true(f.cErrors >= 1);
    assert_int_equal(f.pgnoFirst, x.pgnoLeaf2);
    assert_int_equal(f.errFirst, JET_errReadVerifyFailure);
    teardown_tree(&x);
}

static void test_bt_check_reports_broken_sibling_link(void **state)
{
    (void)state;
    struct fixture x;
    setup_tree(&x);
    uint32_t pgnoWrong = x.pgnoFDP;
    mutate(&x, x.pgnoLeaf, set_next, &pgnoWrong);
    struct found f = run_check(&x, x.pgnoLeaf);
    assert_true(f.cErrors >= 1);
    assert_true(f.fPgnoSeen);
    assert_int_equal(f.errFirst, JET_errBadPageLink);
    teardown_tree(&x);
}

static void test_bt_check_reports_key_outside_parent_range(void **state)
{
    (void)state;
    struct fixture x;
    setup_tree(&x);
    mutate(&x, x.pgnoLeaf, key_too_high, NULL);
    struct found f = run_check(&x, x.pgnoLeaf);
    assert_true(f.cErrors >= 1);
    assert_true(f.fPgnoSeen);
    assert_int_equal(f.errFirst, JET_errDatabaseCorrupted);
    teardown_tree(&x);
}

static void test_bt_check_reports_keys_out_of_order(void **state)
{
    (void)state;
    struct fixture x;
    setup_tree(&x);
    mutate(&x, x.pgnoLeaf2, swap_first_two, NULL);
    struct found f = run_check(&x, x.pgnoLeaf2);
    assert_true(f.cErrors >= 1);
    assert_true(f.fPgnoSeen);
    teardown_tree(&x);
}

static void test_bt_check_reports_foreign_objid_and_flags(void **state)
{
    (void)state;
    struct fixture x;
    setup_tree(&x);
    uint32_t objid = 4242;
    mutate(&x, x.pgnoLeaf, set_objid, &objid);
    struct found f = run_check(&x, x.pgnoLeaf);
    assert_true(f.fPgnoSeen);
    teardown_tree(&x);

    setup_tree(&x);
    uint32_t fFlags = PAGE_FLAG_LEAF | PAGE_FLAG_INDEX | SPACE_PAGE_FLAGS_ALWAYS;
    mutate(&x, x.pgnoLeaf2, set_flags, &fFlags);
    f = run_check(&x, x.pgnoLeaf2);
    assert_true(f.fPgnoSeen);
    teardown_tree(&x);
}

static void test_bt_check_reports_non_null_key_on_right_edge(void **state)
{
    (void)state;
    struct fixture x;
    setup_tree(&x);
    /* The root's last node (on the right edge) with a key. */
    mutate(&x, x.pgnoFDP, last_key_not_null, NULL);
    struct found f = run_check(&x, x.pgnoFDP);
    assert_true(f.fPgnoSeen);
    teardown_tree(&x);
}

/* A page both in the tree and in the available space. */
static void test_bt_check_reports_page_used_and_available(void **state)
{
    (void)state;
    struct fixture x;
    struct mtr m;
    setup_tree(&x);
    mtr_begin(&m, x.e.file);
    assert_int_equal(space_free_page(&m, &x.e.sdb, x.pgnoFDP, x.pgnoLeaf2), JET_errSuccess);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    struct found f = run_check(&x, x.pgnoLeaf2);
    assert_true(f.fPgnoSeen);
    teardown_tree(&x);
}

/* A page reached twice (two parent pointers). */
static void test_bt_check_reports_page_in_two_trees(void **state)
{
    (void)state;
    struct fixture x;
    setup_tree(&x);
    /* The parent's second pointer names the first leaf too. */
    uint8_t *pb = malloc(4096);
    tenv_read_page(&x.e, x.pgnoInternal, pb);
    struct page_buf b = page_buf_make(pb, 4096, x.pgnoInternal);
    uint8_t rgbPgno[4];
    put_le32(rgbPgno, x.pgnoLeaf);
    assert_int_equal(page_replace_node_data(&b, 1, rgbPgno, 4), JET_errSuccess);
    page_checksum_set(pb, 4096, x.pgnoInternal);
    tenv_write_page(&x.e, x.pgnoInternal, pb);
    free(pb);
    struct found f = run_check(&x, x.pgnoLeaf);
    assert_true(f.fPgnoSeen);
    teardown_tree(&x);
}

/* Owned pages nothing uses: leaked, a warning only (Windows' files may have them). */
static void test_bt_check_tolerates_leaked_pages(void **state)
{
    (void)state;
    struct fixture x;
    struct mtr m;
    uint32_t pgno;
    setup_tree(&x);
    assert_int_equal(space_prepare(&x.e.sdb, x.pgnoFDP, 2, false, 0), JET_errSuccess);
    mtr_begin(&m, x.e.file);
    assert_int_equal(space_alloc_page(&m, &x.e.sdb, x.pgnoFDP, 0, &pgno), JET_errSuccess);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    struct bt_check_stats st;
    struct found f;
    memset(&f, 0, sizeof f);
    assert_int_equal(bt_check_db(x.e.db, x.e.rgtree, x.e.ctree, collect, &f, &st), JET_errSuccess);
    assert_int_equal(f.cErrors, 0);
    assert_int_equal(f.cWarnings, 1);
    assert_int_equal(st.cpgLeaked, 1);
    teardown_tree(&x);
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bt_check_passes_sound_tree),
        cmocka_unit_test(test_bt_check_reports_bad_checksum),
        cmocka_unit_test(test_bt_check_reports_broken_sibling_link),
        cmocka_unit_test(test_bt_check_reports_key_outside_parent_range),
        cmocka_unit_test(test_bt_check_reports_keys_out_of_order),
        cmocka_unit_test(test_bt_check_reports_foreign_objid_and_flags),
        cmocka_unit_test(test_bt_check_reports_non_null_key_on_right_edge),
        cmocka_unit_test(test_bt_check_reports_page_used_and_available),
        cmocka_unit_test(test_bt_check_reports_page_in_two_trees),
        cmocka_unit_test(test_bt_check_tolerates_leaked_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
