/* SPDX-License-Identifier: MIT
 * btree/tests/test_samples.c: the trees of databases Windows made (shared/samples): walk
 * MSysObjects with a cursor, find every table, index and long-value tree from its rows, read
 * each tree both ways, seek every node again, and run the integrity checker over all of them:
 * no errors, and the leaked pages Windows leaves are reported as warnings only. */
#include "bt_testlib.h"
#include "sample.h"

#define SAMPLE_TREES_MAX 512

struct catalog {
    struct bt_check_tree rg[SAMPLE_TREES_MAX];
    uint32_t c;
};

/* MSysObjects rows (ESE-FORMAT-NOTES §8): fixed columns from offset 4: ObjidTable (u32),
 * Type (u16), Id (u32), ColtypOrPgnoFDP (u32), SpaceUsage, Flags (u32 at 22). */
static void read_catalog(struct tenv *pe, struct catalog *pcat)
{
    struct bt_cursor *c;
    const struct bt_tree_desc d = { 4, 2, BT_TYPE_PRIMARY, false, 255 };
    uint32_t rgpgnoTable[SAMPLE_TREES_MAX], rgobjidTable[SAMPLE_TREES_MAX], cTables = 0;
    pcat->c = 0;
    assert_int_equal(bt_open(pe->db, &d, &c), JET_errSuccess);
    /* Pass 1: tables; pass 2: their indexes and long-value trees. */
    for (int pass = 0; pass < 2; pass++) {
        for (JET_ERR err = bt_move_first(c, 0); err != JET_errNoCurrentRecord; err = bt_move_next(c, 0)) {
            assert_int_equal(err, JET_errSuccess);
            uint32_t cb;
            const uint8_t *pb = bt_data(c, &cb);
            assert_true(cb >= 26);
            const uint32_t objidTable = get_le32(pb + 4), id = get_le32(pb + 10), pgno = get_le32(pb + 14);
            const uint16_t type = get_le16(pb + 8);
            const uint32_t fFlags = get_le32(pb + 22);
            if (pass == 0 && type == 1) {
                assert_true(cTables < SAMPLE_TREES_MAX && pcat->c < SAMPLE_TREES_MAX);
                rgpgnoTable[cTables] = pgno;
                rgobjidTable[cTables++] = id;
                pcat->rg[pcat->c++] = (struct bt_check_tree){ pgno, id, 1, true, BT_TYPE_PRIMARY, false };
            } else if (pass == 1 && (type == 3 || type == 4) && !(type == 3 && id == objidTable)) {
                uint32_t pgnoParent = 0;
                for (uint32_t i = 0; i < cTables; i++)
                    if (rgobjidTable[i] == objidTable)
                        pgnoParent = rgpgnoTable[i];
                assert_int_not_equal(pgnoParent, 0);
                assert_true(pcat->c < SAMPLE_TREES_MAX);
                if (type == 3)
                    pcat->rg[pcat->c++] = (struct bt_check_tree){ pgno, id, pgnoParent, true, BT_TYPE_INDEX, !(fFlags & 0x1) };
                else
                    pcat->rg[pcat->c++] = (struct bt_check_tree){ pgno, id, pgnoParent, true, BT_TYPE_LV, false };
            }
        }
    }
    bt_close(c);
}

/* Read a tree forwards and backwards; seek each node again by its bookmark. */
static uint64_t read_tree(struct tenv *pe, const struct bt_check_tree *pt)
{
    struct bt_cursor *c;
    const struct bt_tree_desc d = { pt->pgnoFDP, pt->objid, pt->type, pt->fNonUnique, 2000 };
    assert_int_equal(bt_open(pe->db, &d, &c), JET_errSuccess);
    uint64_t cFwd = 0, cBack = 0;
    uint8_t *pbKey = malloc(PAGE_NODE_CB_KEY_MASK + 1), *pbData = malloc(pe->cbPage);
    for (JET_ERR err = bt_move_first(c, BT_DELETED_TOO); err != JET_errNoCurrentRecord; err = bt_move_next(c, BT_DELETED_TOO)) {
        assert_int_equal(err, JET_errSuccess);
        cFwd++;
        if (cFwd % 7 == 1) {
            uint32_t cbKey, cbData;
            const uint8_t *pk = bt_key(c, &cbKey), *pd = bt_data(c, &cbData);
            memcpy(pbKey, pk, cbKey);
            memcpy(pbData, pd, cbData);
            assert_int_equal(bt_seek(c, BT_SEEK_EQ, pbKey, cbKey, pbData, cbData, BT_DELETED_TOO), JET_errSuccess);
            uint32_t cb;
            assert_memory_equal(bt_data(c, &cb), pbData, cbData);
        }
    }
    for (JET_ERR err = bt_move_last(c, BT_DELETED_TOO); err != JET_errNoCurrentRecord; err = bt_move_prev(c, BT_DELETED_TOO)) {
        assert_int_equal(err, JET_errSuccess);
        cBack++;
    }
    assert_int_equal(cFwd, cBack);
    free(pbKey);
    free(pbData);
    bt_close(c);
    return cFwd;
}

struct problems {
    uint32_t cErrors;
    uint32_t cLeakReports;
};
static void on_problem(void *pv, const struct bt_check_problem *pp)
{
    struct problems *p = pv;
    if (pp->severity == BT_CHECK_ERROR) {
        fprintf(stderr, "  error: tree %u page %u: %s (%ld)\n", pp->pgnoFDP, pp->pgno, pp->szWhat, (long)pp->err);
        p->cErrors++;
    } else if (strstr(pp->szWhat, "leaked")) {
        p->cLeakReports++;
    }
}

static void test_bt_check_accepts_every_clean_sample(void **state)
{
    (void)state;
    uint32_t cSamples = 0;
    for (size_t i = 0; i < sample_count; i++) {
        const struct sample_desc *pd = &sample_all[i];
        if (pd->dbstate != 3)
            continue;       /* dirty databases need their logs first */
        struct sample s;
        struct tenv e;
        struct catalog *pcat = malloc(sizeof *pcat);
        sample_load(pd, &s);
        tenv_open_image(&e, s.pb, s.cb, pd->cbPage);
        read_catalog(&e, pcat);
        assert_true(pcat->c >= 4);          /* MSysObjects, its shadow, its two indexes at least */
        uint64_t cNodes = 0;
        for (uint32_t t = 0; t < pcat->c; t++)
            cNodes += read_tree(&e, &pcat->rg[t]);
        struct problems p = { 0, 0 };
        struct bt_check_stats st;
        const JET_ERR err = bt_check_db(e.db, pcat->rg, pcat->c, on_problem, &p, &st);
        fprintf(stderr, "%s: %u trees, %u pages read, %llu nodes, owned %u, available %u, leaked %u, %u warnings\n",
                pd->path, st.cTrees, st.cpgVisited, (unsigned long long)st.cNodes, st.cpgOwned, st.cpgAvail,
                st.cpgLeaked, st.cWarnings);
        assert_int_equal(err, JET_errSuccess);
        assert_int_equal(p.cErrors, 0);
        assert_int_equal(st.cNodes, cNodes);
        assert_int_equal(st.cTrees, pcat->c + 1);
        /* Owned pages are accounted for: used, available or leaked. */
        assert_true(st.cpgOwned >= st.cpgAvail + st.cpgLeaked);
        assert_int_equal(tenv_latched(&e), 0);
        free(pcat);
        tenv_close(&e);
        sample_free(&s);
        cSamples++;
    }
    assert_true(cSamples >= 10);
}

/* The catalog of a fresh Windows database is where ESE-FORMAT-NOTES §14 says. */
static void test_bt_catalog_of_default_sample_is_at_fixed_places(void **state)
{
    (void)state;
    struct sample s;
    struct tenv e;
    struct catalog cat;
    const struct sample_desc *pd = NULL;
    for (size_t i = 0; i < sample_count; i++)
        if (strstr(sample_all[i].path, "default.edb"))
            pd = &sample_all[i];
    assert_non_null(pd);
    sample_load(pd, &s);
    tenv_open_image(&e, s.pb, s.cb, pd->cbPage);
    read_catalog(&e, &cat);
    const uint32_t rgExpect[][3] = { { 4, 2, 1 }, { 24, 3, 1 }, { 29, 6, 1 }, { 30, 7, 1 }, { 7, 4, 4 }, { 10, 5, 4 } };
    for (size_t x = 0; x < ARRAY_SIZE(rgExpect); x++) {
        bool fFound = false;
        for (uint32_t t = 0; t < cat.c; t++)
            fFound |= cat.rg[t].pgnoFDP == rgExpect[x][0] && cat.rg[t].objid == rgExpect[x][1]
                      && cat.rg[t].pgnoParentFDP == rgExpect[x][2];
        assert_true(fFound);
    }
    struct space_fdp_info info;
    assert_int_equal(space_get_fdp_info(&e.sdb, 4, &info), JET_errSuccess);
    assert_true(info.fMultiple);
    assert_int_equal(info.pgnoOE, 5);
    assert_int_equal(info.cpgPrimary, 20);
    uint32_t cpgOwned, cpgAvail;
    assert_int_equal(space_get_counts(&e.sdb, 4, &cpgOwned, &cpgAvail), JET_errSuccess);
    assert_int_equal(cpgOwned, 20);
    assert_int_equal(cpgAvail, 5);
    tenv_close(&e);
    sample_free(&s);
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bt_check_accepts_every_clean_sample),
        cmocka_unit_test(test_bt_catalog_of_default_sample_is_at_fixed_places),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
