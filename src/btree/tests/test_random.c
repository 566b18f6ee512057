/* SPDX-License-Identifier: MIT
 * btree/tests/test_random.c: random inserts, replaces, flag-deletes, undeletes and deletes
 * against an in-memory model, for unique and non-unique trees and several page sizes; seeks in
 * every direction and moves compared with the model; a second cursor whose place must survive
 * the splits and merges the first one causes; the checker over the tree every few hundred
 * operations. */
#include "bt_testlib.h"

#define KEY_MAX 48
#define DATA_MAX 1400

struct ent {
    uint8_t key[KEY_MAX];
    uint8_t cbKey;
    uint8_t flags;
    uint16_t cbData;
    uint8_t *data;
};

struct model {
    struct ent *rg;
    uint32_t c, cAlloc;
    bool fNonUnique;
};

static int bytes_cmp(const uint8_t *a, uint32_t ca, const uint8_t *b, uint32_t cb)
{
    int c = memcmp(a, b, MIN(ca, cb));
    return c ? c : (ca < cb ? -1 : ca > cb);
}

/* Model order: key, then data for non-unique trees. fData: compare data too. */
static int ent_cmp(const struct model *pm, const struct ent *e, const uint8_t *key, uint32_t cbKey,
        const uint8_t *data, uint32_t cbData, bool fData)
{
    int c = bytes_cmp(e->key, e->cbKey, key, cbKey);
    if (c || !pm->fNonUnique || !fData)
        return c;
    return bytes_cmp(e->data, e->cbData, data, cbData);
}

/* First index with entry >= (key[, data]). */
static uint32_t lower(const struct model *pm, const uint8_t *key, uint32_t cbKey, const uint8_t *data, uint32_t cbData,
        bool fData)
{
    uint32_t lo = 0, hi = pm->c;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (ent_cmp(pm, &pm->rg[mid], key, cbKey, data, cbData, fData) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
static uint32_t upper(const struct model *pm, const uint8_t *key, uint32_t cbKey, const uint8_t *data, uint32_t cbData,
        bool fData)
{
    uint32_t lo = 0, hi = pm->c;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (ent_cmp(pm, &pm->rg[mid], key, cbKey, data, cbData, fData) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void model_insert(struct model *pm, uint32_t i, const uint8_t *key, uint32_t cbKey, const uint8_t *data,
        uint32_t cbData, uint8_t flags)
{
    if (pm->c == pm->cAlloc) {
        pm->cAlloc = pm->cAlloc ? 2 * pm->cAlloc : 256;
        pm->rg = realloc(pm->rg, pm->cAlloc * sizeof *pm->rg);
    }
    memmove(&pm->rg[i + 1], &pm->rg[i], (pm->c - i) * sizeof *pm->rg);
    struct ent *e = &pm->rg[i];
    memcpy(e->key, key, cbKey);
    e->cbKey = (uint8_t)cbKey;
    e->data = malloc(cbData ? cbData : 1);
    memcpy(e->data, data, cbData);
    e->cbData = (uint16_t)cbData;
    e->flags = flags;
    pm->c++;
}

static void model_remove(struct model *pm, uint32_t i)
{
    free(pm->rg[i].data);
    memmove(&pm->rg[i], &pm->rg[i + 1], (pm->c - i - 1) * sizeof *pm->rg);
    pm->c--;
}

/* The cursor is on model entry i. */
static void expect_at(struct bt_cursor *c, const struct model *pm, uint32_t i)
{
    uint32_t cbKey, cbData;
    assert_true(i < pm->c);
    const uint8_t *pk = bt_key(c, &cbKey), *pd = bt_data(c, &cbData);
    assert_non_null(pk);
    assert_int_equal(cbKey, pm->rg[i].cbKey);
    assert_memory_equal(pk, pm->rg[i].key, cbKey);
    assert_int_equal(cbData, pm->rg[i].cbData);
    if (cbData)
        assert_memory_equal(pd, pm->rg[i].data, cbData);
    assert_int_equal(bt_node_flags(c), pm->rg[i].flags);
}

static bool visible(const struct model *pm, uint32_t i, unsigned grbit)
{
    return (grbit & BT_DELETED_TOO) || !(pm->rg[i].flags & PAGE_NODE_DELETED);
}

static void make_key(uint64_t *ps, bool fNonUnique, uint8_t *key, uint32_t *pcb)
{
    /* Few distinct first bytes, so keys share prefixes and runs cross pages. Non-unique keys
     * have a fixed length (normalized keys never have one key a proper prefix of another). */
    const uint32_t cb = fNonUnique ? 6 : 1 + trand(ps) % 24;
    for (uint32_t i = 0; i < cb; i++)
        key[i] = (uint8_t)(i < 3 ? 'a' + trand(ps) % 3 : trand(ps) % (fNonUnique ? 4 : 256));
    *pcb = cb;
}

static void make_data(uint64_t *ps, uint8_t *data, uint32_t *pcb)
{
    const uint32_t r = trand(ps) % 100;
    const uint32_t cb = r < 80 ? 1 + trand(ps) % 60 : r < 97 ? 60 + trand(ps) % 400 : 400 + trand(ps) % (DATA_MAX - 400);
    for (uint32_t i = 0; i < cb; i++)
        data[i] = (uint8_t)trand(ps);
    *pcb = cb;
}

/* Compare a seek with the model's answer. */
static void check_seek(struct bt_cursor *c, const struct model *pm, enum bt_seek op, const uint8_t *key, uint32_t cbKey,
        const uint8_t *data, uint32_t cbData, bool fData, unsigned grbit)
{
    int64_t iExpect = -1;
    const bool fD = fData && pm->fNonUnique;
    switch (op) {
    case BT_SEEK_EQ:
    case BT_SEEK_GE: {
        for (uint32_t i = lower(pm, key, cbKey, data, cbData, fD); i < pm->c; i++)
            if (visible(pm, i, grbit)) {
                iExpect = i;
                break;
            }
        if (op == BT_SEEK_EQ && iExpect >= 0 && ent_cmp(pm, &pm->rg[iExpect], key, cbKey, data, cbData, fD) != 0)
            iExpect = -1;
        break;
    }
    case BT_SEEK_GT:
        for (uint32_t i = upper(pm, key, cbKey, data, cbData, fD); i < pm->c; i++)
            if (visible(pm, i, grbit)) {
                iExpect = i;
                break;
            }
        break;
    case BT_SEEK_LE:
        for (int64_t i = (int64_t)upper(pm, key, cbKey, data, cbData, fD) - 1; i >= 0; i--)
            if (visible(pm, (uint32_t)i, grbit)) {
                iExpect = i;
                break;
            }
        break;
    case BT_SEEK_LT:
        for (int64_t i = (int64_t)lower(pm, key, cbKey, data, cbData, fD) - 1; i >= 0; i--)
            if (visible(pm, (uint32_t)i, grbit)) {
                iExpect = i;
                break;
            }
        break;
    }
    const JET_ERR err = bt_seek(c, op, key, cbKey, fData ? data : NULL, fData ? cbData : 0, grbit);
    if (iExpect < 0) {
        assert_int_equal(err, JET_errRecordNotFound);
    } else {
        assert_int_equal(err, JET_errSuccess);
        expect_at(c, pm, (uint32_t)iExpect);
    }
}

static void random_run(uint32_t cbPage, bool fNonUnique, uint64_t seed, uint32_t cop)
{
    struct tenv e;
    struct model m = { NULL, 0, 0, fNonUnique };
    uint8_t key[KEY_MAX], data[DATA_MAX];
    uint32_t cbKey, cbData;
    tenv_open(&e, cbPage, 32);
    struct bt_cursor *c = tenv_tree(&e, 1, fNonUnique ? BT_TYPE_INDEX : BT_TYPE_PRIMARY, fNonUnique, true, 4, 255, NULL);
    struct bt_cursor *c2 = NULL;
    uint32_t iStay = 0;             /* the model entry c2 sits on */
    {
        const struct bt_tree_desc d = { e.rgtree[0].pgnoFDP, e.rgtree[0].objid, e.rgtree[0].type, fNonUnique, 255 };
        assert_int_equal(bt_open(e.db, &d, &c2), JET_errSuccess);
    }
    bool fStay = false;

    const bool fVerbose = getenv("BT_RANDOM_VERBOSE") != NULL;
    for (uint32_t op = 0; op < cop; op++) {
        const uint32_t r = trand(&seed) % 100;
        if (fVerbose)
            fprintf(stderr, "op %u r %u count %u\n", op, r, m.c);
        if (r < 45 || m.c < 50) {
            make_key(&seed, fNonUnique, key, &cbKey);
            make_data(&seed, data, &cbData);
            const uint32_t i = lower(&m, key, cbKey, data, cbData, true);
            const bool fExists = i < m.c && ent_cmp(&m, &m.rg[i], key, cbKey, data, cbData, true) == 0;
            const uint8_t fl = trand(&seed) % 4 == 0 ? PAGE_NODE_VERSIONED : 0;
            const JET_ERR err = bt_insert(c, key, cbKey, data, cbData, fl, BT_NO_UNDO);
            if (fExists && !(m.rg[i].flags & PAGE_NODE_DELETED)) {
                assert_int_equal(err, JET_errKeyDuplicate);
            } else {
                assert_int_equal(err, JET_errSuccess);
                if (fExists) {
                    free(m.rg[i].data);
                    m.rg[i].data = malloc(cbData);
                    memcpy(m.rg[i].data, data, cbData);
                    m.rg[i].cbData = (uint16_t)cbData;
                    m.rg[i].flags = fl;
                } else {
                    model_insert(&m, i, key, cbKey, data, cbData, fl);
                    if (fStay && i <= iStay)
                        iStay++;
                }
                expect_at(c, &m, i);
            }
        } else if (r < 85 && m.c) {
            /* Change an existing entry. */
            const uint32_t i = trand(&seed) % m.c;
            struct ent *pe = &m.rg[i];
            assert_int_equal(bt_seek(c, BT_SEEK_EQ, pe->key, pe->cbKey, pe->data, pe->cbData, BT_DELETED_TOO), JET_errSuccess);
            expect_at(c, &m, i);
            const uint32_t what = trand(&seed) % 4;
            if (fVerbose)
                fprintf(stderr, "  change %u what %u\n", i, what);
            if (what == 0 && !fNonUnique) {
                make_data(&seed, data, &cbData);
                assert_int_equal(bt_replace(c, data, cbData, BT_NO_UNDO), JET_errSuccess);
                free(pe->data);
                pe->data = malloc(cbData);
                memcpy(pe->data, data, cbData);
                pe->cbData = (uint16_t)cbData;
            } else if (what <= 1) {
                assert_int_equal(bt_set_flags(c, PAGE_NODE_DELETED, 0, BT_NO_UNDO), JET_errSuccess);
                pe->flags |= PAGE_NODE_DELETED;
            } else if (what == 2) {
                assert_int_equal(bt_set_flags(c, 0, PAGE_NODE_DELETED | PAGE_NODE_VERSIONED, BT_NO_UNDO), JET_errSuccess);
                pe->flags = 0;
            } else {
                if (fStay && i == iStay)
                    continue;
                assert_int_equal(bt_delete(c, BT_NO_UNDO), JET_errSuccess);
                model_remove(&m, i);
                if (fStay && i < iStay)
                    iStay--;
            }
            if (what != 3)
                expect_at(c, &m, i);
        } else if (r < 95) {
            /* Seeks against the model. */
            make_key(&seed, fNonUnique, key, &cbKey);
            make_data(&seed, data, &cbData);
            if (m.c && trand(&seed) % 2) {
                const struct ent *pe = &m.rg[trand(&seed) % m.c];
                memcpy(key, pe->key, pe->cbKey);
                cbKey = pe->cbKey;
                memcpy(data, pe->data, pe->cbData);
                cbData = pe->cbData;
            }
            const enum bt_seek sop = (enum bt_seek)(trand(&seed) % 5);
            check_seek(c, &m, sop, key, cbKey, data, cbData, trand(&seed) % 2, trand(&seed) % 3 == 0 ? BT_DELETED_TOO : 0);
        } else if (m.c) {
            /* The second cursor: park it, or check it is still where it was and walk from it. */
            if (!fStay) {
                iStay = trand(&seed) % m.c;
                const struct ent *pe = &m.rg[iStay];
                assert_int_equal(bt_seek(c2, BT_SEEK_EQ, pe->key, pe->cbKey, pe->data, pe->cbData, BT_DELETED_TOO), JET_errSuccess);
                expect_at(c2, &m, iStay);
                if (fVerbose)
                    fprintf(stderr, "c2 parked at %u\n", iStay);
                fStay = true;
            } else {
                assert_int_equal(bt_refresh(c2), JET_errSuccess);
                if (fVerbose) {
                    uint32_t cbk;
                    const uint8_t *pk = bt_key(c2, &cbk);
                    fprintf(stderr, "c2 at %u: key len %u first %02x %02x %02x model len %u first %02x %02x %02x\n", iStay, cbk,
                            pk[0], cbk > 1 ? pk[1] : 0, cbk > 2 ? pk[2] : 0, m.rg[iStay].cbKey, m.rg[iStay].key[0],
                            m.rg[iStay].key[1], m.rg[iStay].key[2]);
                    for (uint32_t x = iStay > 2 ? iStay - 2 : 0; x < MIN(m.c, iStay + 3); x++)
                        fprintf(stderr, "  model %u: len %u %02x %02x %02x flags %x\n", x, m.rg[x].cbKey, m.rg[x].key[0],
                                m.rg[x].key[1], m.rg[x].key[2], m.rg[x].flags);
                }
                expect_at(c2, &m, iStay);
                const bool fNext = trand(&seed) % 2;
                const JET_ERR err = fNext ? bt_move_next(c2, BT_DELETED_TOO) : bt_move_prev(c2, BT_DELETED_TOO);
                if ((fNext && iStay + 1 == m.c) || (!fNext && iStay == 0)) {
                    assert_int_equal(err, JET_errNoCurrentRecord);
                    fStay = false;
                } else {
                    assert_int_equal(err, JET_errSuccess);
                    iStay = fNext ? iStay + 1 : iStay - 1;
                    expect_at(c2, &m, iStay);
                }
            }
        }
        if (op % 700 == 699 || (fVerbose && getenv("BT_RANDOM_CHECK"))) {
            tenv_check_ok(&e);
            /* A full walk both ways matches the model. */
            uint32_t i = 0;
            for (JET_ERR err = bt_move_first(c, BT_DELETED_TOO); err == JET_errSuccess; err = bt_move_next(c, BT_DELETED_TOO))
                expect_at(c, &m, i++);
            assert_int_equal(i, m.c);
            for (JET_ERR err = bt_move_last(c, 0); err == JET_errSuccess; err = bt_move_prev(c, 0)) {
                while (i > 0 && (m.rg[i - 1].flags & PAGE_NODE_DELETED))
                    i--;
                assert_true(i > 0);
                expect_at(c, &m, --i);
            }
        }
    }
    tenv_check_ok(&e);
    bt_close(c2);
    bt_close(c);
    for (uint32_t i = 0; i < m.c; i++)
        free(m.rg[i].data);
    free(m.rg);
    tenv_close(&e);
}

static void test_bt_random_unique_4k_matches_model(void **state)
{
    (void)state;
    random_run(4096, false, 11, 8000);
}

static void test_bt_random_nonunique_4k_matches_model(void **state)
{
    (void)state;
    random_run(4096, true, 12, 8000);
}

static void test_bt_random_unique_8k_matches_model(void **state)
{
    (void)state;
    random_run(8192, false, 13, 6000);
}

static void test_bt_random_nonunique_16k_matches_model(void **state)
{
    (void)state;
    random_run(16384, true, 14, 6000);
}

static void test_bt_random_unique_32k_matches_model(void **state)
{
    (void)state;
    random_run(32768, false, 15, 6000);
}

/* BT_RANDOM_SEEDS=n runs n more seeds of every configuration (a soak, not part of ctest). */
static void test_bt_random_soak(void **state)
{
    (void)state;
    const char *sz = getenv("BT_RANDOM_SEEDS");
    const uint32_t n = sz ? (uint32_t)atoi(sz) : 0;
    for (uint32_t s = 0; s < n; s++) {
        fprintf(stderr, "soak seed %u\n", s);
        random_run(4096, s % 2, 1000 + s, 12000);
        random_run(8192, !(s % 2), 2000 + s, 8000);
        random_run(32768, s % 2, 3000 + s, 8000);
    }
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bt_random_unique_4k_matches_model),
        cmocka_unit_test(test_bt_random_nonunique_4k_matches_model),
        cmocka_unit_test(test_bt_random_unique_8k_matches_model),
        cmocka_unit_test(test_bt_random_nonunique_16k_matches_model),
        cmocka_unit_test(test_bt_random_unique_32k_matches_model),
        cmocka_unit_test(test_bt_random_soak),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
