/* SPDX-License-Identifier: MIT
 * catalog/tests/test_create.c: a new database is laid out as Windows lays it out
 * (ESE-FORMAT-NOTES §14). Its pages are compared, node by node, with the Windows-made samples
 * that are a fresh database plus one user table (objid 8 and up): default.edb (4 KiB) and
 * decompress_test.edb (8 KiB). What the user table changed in Windows' files is filtered out (its
 * rows) or checked against the fresh values (the available-space counts it consumed); the pages
 * it did not touch are compared byte for byte too. Windows' dbtimes, node version bits and
 * flush-type bits are not compared (see README.md). */
#include "cat_testlib.h"
#include "cat_int.h"
#include "sample.h"

#define CPG_NEW 254u

/* ---- the logical content of a page ------------------------------------------------------------ */

struct lnode {
    uint8_t fFlags;             /* without PAGE_NODE_VERSIONED */
    uint8_t rgbKey[512];
    uint32_t cbKey;
    const uint8_t *pbData;
    uint32_t cbData;
};
struct lpage {
    uint32_t fFlags;            /* without the flush type */
    uint32_t objid, pgnoPrev, pgnoNext;
    const uint8_t *pbTag0;
    uint32_t cbTag0;
    struct lnode rg[400];
    uint32_t c;
};

static void lpage_read(const uint8_t *pb, uint32_t cbPage, uint32_t pgno, struct lpage *pl)
{
    const struct page_view v = page_view_make(pb, cbPage, pgno);
    struct page_line l0;
    assert_int_equal(page_validate(pb, cbPage, pgno), JET_errSuccess);
    memset(pl, 0, sizeof *pl);
    pl->fFlags = page_flags(&v) & ~PAGE_FLAG_FLUSH_TYPE_MASK;
    pl->objid = page_objid_fdp(&v);
    pl->pgnoPrev = page_pgno_prev(&v);
    pl->pgnoNext = page_pgno_next(&v);
    assert_int_equal(page_get_external_header(&v, &l0), JET_errSuccess);
    pl->pbTag0 = l0.pb;
    pl->cbTag0 = l0.cb;
    pl->c = page_cline(&v);
    assert_true(pl->c <= ARRAY_SIZE(pl->rg));
    for (uint32_t i = 0; i < pl->c; i++) {
        struct page_node n;
        assert_int_equal(page_get_node(&v, i, &n), JET_errSuccess);
        pl->rg[i].fFlags = n.fFlags & ~PAGE_NODE_VERSIONED;
        pl->rg[i].cbKey = page_node_key(&n, pl->rg[i].rgbKey, sizeof pl->rg[i].rgbKey);
        pl->rg[i].pbData = n.pbData;
        pl->rg[i].cbData = n.cbData;
    }
}

/* Drop nodes the filter rejects (a user table's rows). */
typedef bool (*lnode_keep_fn)(const struct lnode *pn);
static void lpage_filter(struct lpage *pl, lnode_keep_fn fn)
{
    uint32_t j = 0;
    for (uint32_t i = 0; i < pl->c; i++)
        if (fn(&pl->rg[i]))
            pl->rg[j++] = pl->rg[i];
    pl->c = j;
}

static void lpage_expect_equal(const struct lpage *pOurs, const struct lpage *pWin, uint32_t pgno, bool fCompareTag0)
{
    if (fCompareTag0 && (pOurs->fFlags != pWin->fFlags || pOurs->objid != pWin->objid || pOurs->pgnoPrev != pWin->pgnoPrev
            || pOurs->pgnoNext != pWin->pgnoNext))
        fail_msg("page %u: flags %#x/%#x objid %u/%u prev %u/%u next %u/%u (ours/Windows')", pgno, pOurs->fFlags,
                 pWin->fFlags, pOurs->objid, pWin->objid, pOurs->pgnoPrev, pWin->pgnoPrev, pOurs->pgnoNext, pWin->pgnoNext);
    if (fCompareTag0 && (pOurs->cbTag0 != pWin->cbTag0 || memcmp(pOurs->pbTag0, pWin->pbTag0, pOurs->cbTag0)))
        fail_msg("page %u: tag 0 differs (%u/%u bytes)", pgno, pOurs->cbTag0, pWin->cbTag0);
    if (pOurs->c != pWin->c)
        fail_msg("page %u: %u nodes, Windows has %u", pgno, pOurs->c, pWin->c);
    for (uint32_t i = 0; i < pOurs->c; i++) {
        const struct lnode *a = &pOurs->rg[i], *b = &pWin->rg[i];
        /* a root never compresses: against another kind of page only the flags' meaning counts */
        const uint8_t fMask = fCompareTag0 ? 0xFF : (uint8_t)~PAGE_NODE_COMPRESSED;
        if ((a->fFlags & fMask) != (b->fFlags & fMask) || a->cbKey != b->cbKey || memcmp(a->rgbKey, b->rgbKey, a->cbKey)
                || a->cbData != b->cbData || memcmp(a->pbData, b->pbData, a->cbData))
            fail_msg("page %u: node %u differs (flags %x/%x, key %u/%u bytes, data %u/%u bytes)", pgno, i, a->fFlags,
                     b->fFlags, a->cbKey, b->cbKey, a->cbData, b->cbData);
    }
}

/* Keys of MSysObjects rows start 7F + objidTable (BE, sign bit flipped); Name entries too; the
 * data of a RootObjects entry is such a key; MSysObjids keys are 7F + objid. */
static uint32_t objid_at(const uint8_t *pb, uint32_t cb)
{
    return cb >= 5 && pb[0] == 0x7F ? get_be32(pb + 1) ^ 0x80000000u : 0;
}
static bool keep_fresh_by_key(const struct lnode *pn)
{
    return objid_at(pn->rgbKey, pn->cbKey) < 8;
}
static bool keep_fresh_by_data(const struct lnode *pn)
{
    return objid_at(pn->pbData, pn->cbData) < 8;
}

static uint32_t space_count(const struct lpage *pl, uint32_t i)
{
    assert_true(i < pl->c);
    assert_int_equal(pl->rg[i].cbData, 4);
    return get_le32(pl->rg[i].pbData);
}

struct cmp_plan {
    uint32_t pgnoOurs, pgnoWin;
    enum { SAME, BY_KEY, BY_DATA, SKIP } how;
    bool fHeader;               /* compare the page header and tag 0 too */
    bool fBytes;                /* and every byte (see bytes_expect_equal) */
};

/* Byte for byte, but for what is not Windows' to fix: the checksum and dbtime (bytes 0-15), the
 * flush-type bits of the flags, and the version bit of each tag (small pages keep node flags in
 * the tags' offset word: fNDVersion is 0x2000 there). */
static void bytes_expect_equal(const uint8_t *pbOurs, const uint8_t *pbWin, uint32_t cbPage, uint32_t pgno)
{
    uint8_t *a = malloc(cbPage), *b = malloc(cbPage);
    memcpy(a, pbOurs, cbPage);
    memcpy(b, pbWin, cbPage);
    assert_true(cbPage <= 8192);
    const struct page_view v = page_view_make(pbWin, cbPage, pgno);
    const uint32_t ctag = page_itag_mic_free(&v);
    for (uint8_t *p = a; p; p = p == a ? b : NULL) {
        memset(p, 0, 16);
        put_le32(p + offsetof(struct pghdr_disk, fFlags), get_le32(p + offsetof(struct pghdr_disk, fFlags)) & ~PAGE_FLAG_FLUSH_TYPE_MASK);
        for (uint32_t i = 0; i < ctag && 4 * (i + 1) <= cbPage; i++) {
            uint8_t *pTag = p + cbPage - 4 * (i + 1);
            put_le16(pTag + 2, get_le16(pTag + 2) & ~0x2000u);
        }
    }
    for (uint32_t i = 0; i < cbPage; i++)
        if (a[i] != b[i])
            fail_msg("page %u: byte %u is %#x, Windows' is %#x", pgno, i, a[i], b[i]);
    free(a);
    free(b);
}

static void compare_with_sample(const char *szSample, uint32_t cbPage, const struct cmp_plan *rgplan, size_t cplan,
        struct cenv *pe, struct sample *ps)
{
    const struct sample_desc *pd = NULL;
    for (size_t i = 0; i < sample_count; i++)
        if (strstr(sample_all[i].path, szSample))
            pd = &sample_all[i];
    assert_non_null(pd);
    assert_int_equal(pd->cbPage, cbPage);
    sample_load(pd, ps);
    cenv_create(pe, cbPage, CPG_NEW, false);
    uint8_t *pb = malloc(cbPage);
    struct lpage *pOurs = malloc(sizeof *pOurs), *pWin = malloc(sizeof *pWin);
    for (size_t i = 0; i < cplan; i++) {
        const struct cmp_plan *pp = &rgplan[i];
        if (pp->how == SKIP)
            continue;
        cenv_read_page(pe, pp->pgnoOurs, pb);
        lpage_read(pb, cbPage, pp->pgnoOurs, pOurs);
        lpage_read(sample_page(ps, pp->pgnoWin), cbPage, pp->pgnoWin, pWin);
        if (pp->how == BY_KEY)
            lpage_filter(pWin, keep_fresh_by_key);
        else if (pp->how == BY_DATA)
            lpage_filter(pWin, keep_fresh_by_data);
        lpage_expect_equal(pOurs, pWin, pp->pgnoOurs, pp->fHeader);
        if (pp->fBytes)
            bytes_expect_equal(pb, sample_page(ps, pp->pgnoWin), cbPage, pp->pgnoOurs);
    }
    free(pOurs);
    free(pWin);
    free(pb);
}

/* default.edb: a 4 KiB database Windows 10 made, plus table "default" (objid 8, pages 31-34). */
static void test_catalog_create_matches_windows_pages_4k(void **state)
{
    (void)state;
    struct cenv e;
    struct sample s;
    static const struct cmp_plan rgplan[] = {
        { 1, 1, SAME, true, true }, { 2, 2, SAME, true, true },
        /* the roots keep what the vertical split left in their free space: nodes only */
        { 4, 4, SAME, true, false }, { 5, 5, SAME, true, true },
        /* the Name index: Windows' went to a leaf (15) with the user table's rows */
        { 7, 15, BY_KEY, false, false },
        { 10, 10, BY_DATA, true, false }, { 11, 11, SAME, true, true }, { 12, 12, SAME, true, true },
        { 13, 13, SAME, true, true }, { 14, 14, BY_KEY, true, false },
        { 24, 24, SAME, true, false }, { 25, 25, SAME, true, true },
        { 27, 27, SAME, true, true }, { 28, 28, BY_KEY, true, false },
        { 29, 29, BY_KEY, true, false }, { 30, 30, SAME, true, true },
    };
    compare_with_sample("dissect-esedb/default.edb", 4096, rgplan, ARRAY_SIZE(rgplan), &e, &s);

    /* Pages the user table changed: our fresh values. */
    uint8_t pb[4096];
    struct lpage *pl = malloc(sizeof *pl);
    cenv_read_page(&e, 3, pb);              /* database root AE: 31..254 free (Windows: 35..254) */
    lpage_read(pb, 4096, 3, pl);
    assert_int_equal(pl->c, 1);
    assert_int_equal(space_count(pl, 0), 224);
    cenv_read_page(&e, 6, pb);              /* MSysObjects AE: 15..23 (Windows gave 15..18 to Name) */
    lpage_read(pb, 4096, 6, pl);
    assert_int_equal(pl->c, 1);
    assert_int_equal(space_count(pl, 0), 9);
    cenv_read_page(&e, 7, pb);              /* Name: a root leaf, 3 pages, OE at 8 */
    lpage_read(pb, 4096, 7, pl);
    assert_int_equal(pl->fFlags, PAGE_FLAG_ROOT | PAGE_FLAG_LEAF | PAGE_FLAG_INDEX | PAGE_FLAG_NEW_RECORD_FORMAT
                                 | PAGE_FLAG_NEW_CHECKSUM);
    assert_int_equal(pl->cbTag0, 16);
    assert_int_equal(get_le32(pl->pbTag0), 3);
    assert_int_equal(get_le32(pl->pbTag0 + 4), 4);
    assert_int_equal(get_le32(pl->pbTag0 + 8), 1);
    assert_int_equal(get_le32(pl->pbTag0 + 12), 8);
    cenv_read_page(&e, 26, pb);             /* shadow AE: empty (Windows keeps a flag-deleted {28 -> 1}) */
    lpage_read(pb, 4096, 26, pl);
    assert_int_equal(pl->c, 0);
    for (uint32_t pgno = 15; pgno <= 23; pgno++) {
        cenv_read_page(&e, pgno, pb);
        for (uint32_t i = 0; i < 4096; i++)
            assert_int_equal(pb[i], 0);
    }
    free(pl);
    assert_int_equal(e.newdb.objidLast, 7);
    assert_true(e.newdb.qwSortVersion == UINT64_MAX);
    cenv_close(&e);
    sample_free(&s);
}

/* decompress_test.edb: an 8 KiB database Windows 10 made, plus one table (objid 8). At 8 KiB
 * every system tree is a single root page. */
static void test_catalog_create_matches_windows_pages_8k(void **state)
{
    (void)state;
    struct cenv e;
    struct sample s;
    static const struct cmp_plan rgplan[] = {
        { 1, 1, SAME, true, true }, { 2, 2, SAME, true, true },
        { 4, 4, BY_KEY, true, false }, { 5, 5, SAME, true, true },
        { 6, 6, SAME, true, false },        /* Windows' AE keeps stale bytes in its free space */
        { 7, 7, BY_KEY, true, false }, { 8, 8, SAME, true, true }, { 9, 9, SAME, true, true },
        { 10, 10, BY_DATA, true, false }, { 11, 11, SAME, true, true }, { 12, 12, SAME, true, true },
        { 24, 24, BY_KEY, true, false }, { 25, 25, SAME, true, true }, { 26, 26, SAME, true, true },
        { 29, 29, BY_KEY, true, false }, { 30, 30, SAME, true, true },
    };
    compare_with_sample("decompress_test.edb", 8192, rgplan, ARRAY_SIZE(rgplan), &e, &s);
    cenv_close(&e);
    sample_free(&s);
}

/* Every page size: the layout checks, and the trees are where §14 puts them. */
static void test_catalog_create_passes_check_at_every_page_size(void **state)
{
    (void)state;
    static const uint32_t rgcb[] = { 4096, 8192, 16384, 32768 };
    for (size_t i = 0; i < ARRAY_SIZE(rgcb); i++) {
        for (int fShadowOff = 0; fShadowOff <= 1; fShadowOff++) {
            struct cenv e;
            struct catalog_check_stats st;
            uint32_t cErrors;
            const struct catalog_check_opts o = { fShadowOff != 0, 7, true };
            cenv_create(&e, rgcb[i], CPG_NEW, fShadowOff);
            assert_int_equal(cenv_check(&e, &o, &st, &cErrors), JET_errSuccess);
            assert_int_equal(cErrors, 0);
            assert_int_equal(st.bt.cErrors, 0);
            assert_int_equal(st.bt.cpgLeaked, 0);
            assert_int_equal(st.cTables, 4);
            assert_int_equal(st.cIndexes, 2);
            assert_int_equal(st.cRows, 2 * 29 + 4 + 5 + 5);
            assert_int_equal(st.bt.cTrees, 7);     /* root, 4 tables, 2 indexes */
            /* MSysObjects is a root with two leaves at 4 KiB only. */
            uint8_t *pb = malloc(rgcb[i]);
            cenv_read_page(&e, 4, pb);
            const struct page_view v = page_view_make(pb, rgcb[i], 4);
            assert_int_equal(page_is_leaf(&v), rgcb[i] > 4096);
            free(pb);
            cenv_close(&e);
        }
    }
}

/* A file too small for the fixed layout is refused before anything is written. */
static void test_catalog_create_fails_when_file_too_small(void **state)
{
    (void)state;
    struct cenv e;
    struct os_file *pf;
    struct catalog_new_db n;
    memset(&e, 0, sizeof e);
    e.vfs = os_mem_create();
    e.dbtime = 0x40;
    e.cbPage = 4096;
    assert_int_equal(os_file_open(e.vfs, (const ESENT_WCHAR *)u"db.edb", OS_OPEN_CREATE_NEW, &pf), JET_errSuccess);
    assert_int_equal(os_file_set_size(pf, (20ull + PAGE_DB_CPG_RESERVED) * 4096), JET_errSuccess);
    os_file_close(pf);
    assert_int_equal(cache_create(16, 4096, &e.cache), JET_errSuccess);
    assert_int_equal(os_file_open(e.vfs, (const ESENT_WCHAR *)u"db.edb", OS_OPEN_EXCLUSIVE, &e.osfile), JET_errSuccess);
    const struct cache_file_desc d = { .file = e.osfile, .cbPage = 4096, .dbid = 1, .pdbtime = &e.dbtime };
    assert_int_equal(cache_file_register(e.cache, &d, &e.file), JET_errSuccess);
    space_db_init(&e.sdb, e.file, 4096);
    assert_int_equal(bt_db_open(&e.sdb, &e.db), JET_errSuccess);
    assert_int_equal(catalog_create_database(e.db, false, &n), JET_errInvalidParameter);
    assert_true(e.dbtime == 0x40);
    cenv_close(&e);
}

/* cat_tree_load on a tree of its own: ascending keys fill leaves by append splits (each new leaf
 * starting with the node that did not fit under the density reserve); a key that needs an even
 * split is refused and the mtr leaves nothing behind. */
static void test_cat_tree_load_appends_and_refuses_even_split(void **state)
{
    (void)state;
    struct cenv e;
    struct mtr m;
    uint8_t rgbKey[64][8], rgbData[600];
    struct cat_entry rg[64];
    cenv_create(&e, 4096, CPG_NEW, false);
    memset(rgbData, 0x5A, sizeof rgbData);
    for (uint32_t i = 0; i < 64; i++) {
        put_be32(rgbKey[i], 0x7F000000u + i);
        put_be32(rgbKey[i] + 4, i);
        rg[i] = (struct cat_entry){ rgbKey[i], 8, rgbData, sizeof rgbData };
    }
    mtr_begin(&m, e.file);
    assert_int_equal(space_alloc_extent_at(&m, &e.sdb, 1, 40, 16), JET_errSuccess);
    const struct space_fdp_create c = { 40, 16, 1, 50, 0, true };
    assert_int_equal(space_create_fdp(&m, &e.sdb, &c), JET_errSuccess);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    const struct cat_tree_load l = { &e.sdb, 40, 50, 0, 80 };
    /* 12 nodes of 600 bytes: 5 fit a root under 80% density, the vertical split takes the root's
     * 5 and the 6th; the leaf then takes more until its reserve is reached, and so on. */
    mtr_begin(&m, e.file);
    assert_int_equal(cat_tree_load(&m, &l, rg, 12), JET_errSuccess);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
    uint8_t pb[4096];
    cenv_read_page(&e, 40, pb);
    const struct page_view v = page_view_make(pb, 4096, 40);
    assert_true(page_is_parent_of_leaf(&v));
    assert_true(page_cline(&v) >= 2);
    struct bt_cursor *cur;
    const struct bt_tree_desc d = { 40, 50, BT_TYPE_PRIMARY, false, 255 };
    assert_int_equal(bt_open(e.db, &d, &cur), JET_errSuccess);
    uint32_t n = 0;
    for (JET_ERR err = bt_move_first(cur, 0); err != JET_errNoCurrentRecord; err = bt_move_next(cur, 0)) {
        uint32_t cbK;
        assert_int_equal(err, JET_errSuccess);
        assert_memory_equal(bt_key(cur, &cbK), rgbKey[n], 8);
        n++;
    }
    bt_close(cur);
    assert_int_equal(n, 12);
    /* Keys below every leaf's first one would need an even split of a full leaf. */
    size_t cbImage;
    uint8_t *pbBefore = cenv_image(&e, &cbImage);
    struct cat_entry rgLow[8];
    uint8_t rgbLow[8][8];
    for (uint32_t i = 0; i < 8; i++) {
        put_be32(rgbLow[i], 0x7E000000u);
        put_be32(rgbLow[i] + 4, i);
        rgLow[i] = (struct cat_entry){ rgbLow[i], 8, rgbData, sizeof rgbData };
    }
    mtr_begin(&m, e.file);
    assert_int_equal(cat_tree_load(&m, &l, rgLow, 8), JET_errInternalError);
    mtr_abort(&m);
    size_t cbAfter;
    uint8_t *pbAfter = cenv_image(&e, &cbAfter);
    assert_int_equal(cbImage, cbAfter);
    assert_memory_equal(pbBefore + 2 * 4096, pbAfter + 2 * 4096, cbImage - 2 * 4096);
    free(pbBefore);
    free(pbAfter);
    cenv_close(&e);
}

/* ESE's BTISelectPrefix: the best line, never the first or last of more than two. */
static void test_cat_select_prefix_picks_line_saving_most(void **state)
{
    (void)state;
    static const char *const rgsz[] = { "aaaa1", "bbbbbb1", "bbbbbb2", "bbbbbb3", "cc" };
    struct cat_entry rg[5];
    bool fFound;
    uint32_t iline = 99;
    for (uint32_t i = 0; i < 5; i++)
        rg[i] = (struct cat_entry){ (const uint8_t *)rgsz[i], (uint32_t)strlen(rgsz[i]), NULL, 0 };
    assert_int_equal(cat_select_prefix(rg, 5, &fFound, &iline), JET_errSuccess);
    assert_true(fFound);
    assert_true(iline >= 1 && iline <= 3);
    /* nothing shared by more than two bytes: no prefix */
    static const char *const rgszNone[] = { "ab1", "ab2", "ac3" };
    for (uint32_t i = 0; i < 3; i++)
        rg[i] = (struct cat_entry){ (const uint8_t *)rgszNone[i], 3, NULL, 0 };
    assert_int_equal(cat_select_prefix(rg, 3, &fFound, &iline), JET_errSuccess);
    assert_false(fFound);
    assert_int_equal(cat_select_prefix(rg, 1, &fFound, &iline), JET_errSuccess);
    assert_false(fFound);
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_create_matches_windows_pages_4k),
        cmocka_unit_test(test_catalog_create_matches_windows_pages_8k),
        cmocka_unit_test(test_catalog_create_passes_check_at_every_page_size),
        cmocka_unit_test(test_catalog_create_fails_when_file_too_small),
        cmocka_unit_test(test_cat_tree_load_appends_and_refuses_even_split),
        cmocka_unit_test(test_cat_select_prefix_picks_line_saving_most),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
