/* SPDX-License-Identifier: MIT
 * space/tests/test_space.c: FDP creation as Windows lays it out, page and extent allocation,
 * conversion to multiple extent, database growth, freeing, space-tree splits, and a random
 * workload checked against a model of who owns and uses which page. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "debug.h"
#include "space.h"
#include "os_test.h"

/* A database file in os_mem under the real cache. */
struct env {
    struct os_vfs *vfs;
    struct os_file *osfile;
    struct cache *cache;
    struct cache_file *file;
    uint64_t dbtime;
    struct space_db sdb;
    uint32_t cbPage;
};

static void env_open(struct env *pe, uint32_t cbPage, uint32_t cpg)
{
    struct mtr m;
    memset(pe, 0, sizeof *pe);
    pe->cbPage = cbPage;
    pe->dbtime = 0x40;
    pe->vfs = os_mem_create();
    assert_int_equal(os_file_open(pe->vfs, (const ESENT_WCHAR *)u"db.edb", OS_OPEN_CREATE_NEW | OS_OPEN_EXCLUSIVE,
                                  &pe->osfile), JET_errSuccess);
    assert_int_equal(os_file_set_size(pe->osfile, ((uint64_t)cpg + PAGE_DB_CPG_RESERVED) * cbPage), JET_errSuccess);
    assert_int_equal(cache_create(16, 8192, &pe->cache), JET_errSuccess);
    cache_set_flush_thresholds(pe->cache, 0, 0);
    const struct cache_file_desc d = { .file = pe->osfile, .cbPage = cbPage, .dbid = 1, .pdbtime = &pe->dbtime };
    assert_int_equal(cache_file_register(pe->cache, &d, &pe->file), JET_errSuccess);
    space_db_init(&pe->sdb, pe->file, cbPage);
    mtr_begin(&m, pe->file);
    assert_int_equal(space_create_db_root(&m, &pe->sdb, cpg), JET_errSuccess);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
}

static void env_close(struct env *pe)
{
    cache_file_unregister(pe->file);
    cache_destroy(pe->cache);
    os_file_close(pe->osfile);
    os_mem_destroy(pe->vfs);
}

/* Page pgno as the file holds it (flushed first). */
static void read_page(struct env *pe, uint32_t pgno, uint8_t *pb)
{
    assert_int_equal(cache_file_flush(pe->file), JET_errSuccess);
    const JET_ERR err = os_file_read(pe->osfile, page_file_offset(pgno, pe->cbPage), pb, pe->cbPage);
    assert_true(err == JET_errSuccess || err == JET_errFileIOBeyondEOF);
}

/* ---- helpers ---------------------------------------------------------------------------------- */

struct ext_rec {
    uint32_t first, cpg;
    uint8_t kind;
    bool fDeleted;
};
struct ext_set {
    struct ext_rec rg[8192];
    uint32_t c;
};
static JET_ERR collect_fn(void *pv, const struct space_extent *pe)
{
    struct ext_set *ps = pv;
    assert_true(ps->c < ARRAY_SIZE(ps->rg));
    ps->rg[ps->c++] = (struct ext_rec){ pe->pgnoFirst, pe->cpg, pe->kind, pe->fDeleted };
    return JET_errSuccess;
}
static void collect(struct env *pe, uint32_t pgnoFDP, unsigned kinds, struct ext_set *ps)
{
    ps->c = 0;
    assert_int_equal(space_enum_extents(&pe->sdb, pgnoFDP, kinds, collect_fn, ps), JET_errSuccess);
}

/* Page map of one FDP: 0 not owned, 1 owned/unknown, 2 available. */
static uint8_t *fdp_map(struct env *pe, uint32_t pgnoFDP)
{
    const uint32_t cpg = cache_file_cpg(pe->file);
    uint8_t *map = calloc(cpg + 2, 1);
    static struct ext_set s;
    collect(pe, pgnoFDP, SPACE_EXT_OWNED | SPACE_EXT_AVAIL | SPACE_EXT_SPLIT_BUFFER, &s);
    for (uint32_t i = 0; i < s.c; i++) {
        if (s.rg[i].kind != SPACE_EXT_OWNED || s.rg[i].fDeleted)
            continue;
        for (uint32_t p = s.rg[i].first; p < s.rg[i].first + s.rg[i].cpg; p++) {
            assert_true(p >= 1 && p <= cpg);
            assert_int_equal(map[p], 0);        /* owned extents do not overlap */
            map[p] = 1;
        }
    }
    for (uint32_t i = 0; i < s.c; i++) {
        if (s.rg[i].kind == SPACE_EXT_OWNED || s.rg[i].fDeleted)
            continue;
        for (uint32_t p = s.rg[i].first; p < s.rg[i].first + s.rg[i].cpg; p++) {
            assert_int_equal(map[p], 1);        /* available and reserved pages are owned, once */
            map[p] = s.rg[i].kind == SPACE_EXT_AVAIL ? 2 : 3;
        }
    }
    return map;
}

static void alloc_page(struct env *pe, uint32_t pgnoFDP, uint32_t *ppgno)
{
    for (int attempt = 0; attempt < 8; attempt++) {
        struct mtr m;
        assert_int_equal(space_prepare(&pe->sdb, pgnoFDP, 1, false, 0), JET_errSuccess);
        mtr_begin(&m, pe->file);
        JET_ERR err = space_alloc_page(&m, &pe->sdb, pgnoFDP, 0, ppgno);
        if (err == ERR_SPACE_RETRY) {
            mtr_abort(&m);
            continue;
        }
        assert_int_equal(err, JET_errSuccess);
        assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
        return;
    }
    fail_msg("allocation does not converge");
}

static void free_page(struct env *pe, uint32_t pgnoFDP, uint32_t pgno)
{
    for (int attempt = 0; attempt < 8; attempt++) {
        struct mtr m;
        assert_int_equal(space_prepare(&pe->sdb, pgnoFDP, 0, false, 1), JET_errSuccess);
        mtr_begin(&m, pe->file);
        JET_ERR err = space_free_page(&m, &pe->sdb, pgnoFDP, pgno);
        if (err == ERR_SPACE_RETRY) {
            mtr_abort(&m);
            continue;
        }
        assert_int_equal(err, JET_errSuccess);
        assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
        return;
    }
    fail_msg("free does not converge");
}

/* Every page written so far is structurally sound (keys in order included). */
static void check_pages(struct env *pe)
{
    uint8_t *pb = malloc(pe->cbPage);
    for (uint32_t pgno = 1; pgno <= cache_file_cpg(pe->file); pgno++) {
        read_page(pe, pgno, pb);
        bool fZero = true;
        for (uint32_t i = 0; i < pe->cbPage && fZero; i++)
            fZero = pb[i] == 0;
        if (fZero)
            continue;
        struct page_view v = page_view_make(pb, pe->cbPage, pgno);
        assert_int_equal(page_checksum_verify(pb, pe->cbPage, pgno, NULL), JET_errSuccess);
        assert_int_equal(page_validate_ex(&v, PAGE_CHECK_KEY_ORDER), JET_errSuccess);
    }
    free(pb);
}

static uint32_t tag0_u32(struct env *pe, uint32_t pgno, uint32_t ib)
{
    uint8_t *pb = malloc(pe->cbPage);
    read_page(pe, pgno, pb);
    struct page_view v = page_view_make(pb, pe->cbPage, pgno);
    struct page_line l;
    assert_int_equal(page_get_external_header(&v, &l), JET_errSuccess);
    assert_true(l.cb >= ib + 4);
    uint32_t u = get_le32(l.pb + ib);
    free(pb);
    return u;
}

static uint32_t page_flags_of(struct env *pe, uint32_t pgno)
{
    uint8_t *pb = malloc(pe->cbPage);
    read_page(pe, pgno, pb);
    struct page_view v = page_view_make(pb, pe->cbPage, pgno);
    uint32_t f = page_flags(&v) & ~(uint32_t)PAGE_FLAG_FLUSH_TYPE_MASK;
    free(pb);
    return f;
}

/* ---- tests ------------------------------------------------------------------------------------ */

/* The database root as Windows writes it (default.edb): SPACE_HEADER {254, 0, multiple, OE 2},
 * OE {254 -> 254}, AE {254 -> 251}, flags 0x2803 / 0x2823. */
static void test_space_create_db_root_writes_windows_layout(void **state)
{
    (void)state;
    struct env e;
    struct ext_set s;
    env_open(&e, 4096, 254);
    assert_int_equal(tag0_u32(&e, 1, 0), 254);
    assert_int_equal(tag0_u32(&e, 1, 4), 0);
    assert_int_equal(tag0_u32(&e, 1, 8), PAGE_SPH_MULTIPLE_EXTENT);
    assert_int_equal(tag0_u32(&e, 1, 12), 2);
    assert_int_equal(page_flags_of(&e, 1), 0x2803);
    assert_int_equal(page_flags_of(&e, 2), 0x2823);
    assert_int_equal(page_flags_of(&e, 3), 0x2823);
    collect(&e, 1, SPACE_EXT_OWNED, &s);
    assert_int_equal(s.c, 1);
    assert_int_equal(s.rg[0].first, 1);
    assert_int_equal(s.rg[0].cpg, 254);
    collect(&e, 1, SPACE_EXT_AVAIL, &s);
    assert_int_equal(s.c, 1);
    assert_int_equal(s.rg[0].first, 4);
    assert_int_equal(s.rg[0].cpg, 251);
    check_pages(&e);
    env_close(&e);
}

/* The catalog's fixed places (ESE-FORMAT-NOTES §8, §14) come out where Windows puts them. */
static void test_space_alloc_extent_at_reproduces_catalog_layout(void **state)
{
    (void)state;
    struct env e;
    struct mtr m;
    struct ext_set s;
    uint32_t cpgOwned, cpgAvail;
    env_open(&e, 4096, 254);

    mtr_begin(&m, e.file);
    assert_int_equal(space_alloc_extent_at(&m, &e.sdb, 1, 4, 20), JET_errSuccess);
    struct space_fdp_create c = { 4, 20, 1, 2, 0, true };
    assert_int_equal(space_create_fdp(&m, &e.sdb, &c), JET_errSuccess);
    assert_int_equal(space_alloc_extent_at(&m, &e.sdb, 4, 7, 3), JET_errSuccess);
    c = (struct space_fdp_create){ 7, 3, 4, 4, PAGE_FLAG_INDEX, true };
    assert_int_equal(space_create_fdp(&m, &e.sdb, &c), JET_errSuccess);
    assert_int_equal(space_alloc_extent_at(&m, &e.sdb, 4, 10, 3), JET_errSuccess);
    c = (struct space_fdp_create){ 10, 3, 4, 5, PAGE_FLAG_INDEX, true };
    assert_int_equal(space_create_fdp(&m, &e.sdb, &c), JET_errSuccess);
    assert_int_equal(space_alloc_extent_at(&m, &e.sdb, 1, 24, 5), JET_errSuccess);
    c = (struct space_fdp_create){ 24, 5, 1, 3, 0, true };
    assert_int_equal(space_create_fdp(&m, &e.sdb, &c), JET_errSuccess);
    assert_int_equal(space_alloc_extent_at(&m, &e.sdb, 1, 29, 1), JET_errSuccess);
    c = (struct space_fdp_create){ 29, 1, 1, 6, 0, false };
    assert_int_equal(space_create_fdp(&m, &e.sdb, &c), JET_errSuccess);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);

    /* DB root: 4..23 and 24..29 gone; the extent before 24 is split off. */
    collect(&e, 1, SPACE_EXT_AVAIL, &s);
    assert_int_equal(s.c, 1);
    assert_int_equal(s.rg[0].first, 30);
    assert_int_equal(s.rg[0].cpg, 225);
    /* MSysObjects: owns 4..23, 7..12 went to its indexes, its own root/OE/AE are 4..6. */
    assert_int_equal(space_get_counts(&e.sdb, 4, &cpgOwned, &cpgAvail), JET_errSuccess);
    assert_int_equal(cpgOwned, 20);
    assert_int_equal(cpgAvail, 11);
    collect(&e, 4, SPACE_EXT_AVAIL, &s);
    assert_int_equal(s.rg[0].first, 13);
    /* The index pages carry the index flag, their space trees too; MSysObjids is single extent
     * with nothing free. */
    assert_int_equal(page_flags_of(&e, 7), 0x2843);
    assert_int_equal(page_flags_of(&e, 8), 0x2863);
    assert_int_equal(tag0_u32(&e, 29, 12), 0);
    assert_int_equal(tag0_u32(&e, 29, 0), 1);
    assert_int_equal(tag0_u32(&e, 29, 4), 1);
    /* Taking pages that are not free fails and changes nothing. */
    mtr_begin(&m, e.file);
    assert_int_equal(space_alloc_extent_at(&m, &e.sdb, 1, 20, 12), JET_errSPAvailExtCorrupted);
    mtr_abort(&m);
    check_pages(&e);
    env_close(&e);
}

static void test_space_alloc_page_takes_lowest_bitmap_page_first(void **state)
{
    (void)state;
    struct env e;
    uint32_t pgnoFDP, pgno;
    env_open(&e, 8192, 128);
    assert_int_equal(space_create_child(&e.sdb, 1, 5, 8, 0, false, &pgnoFDP), JET_errSuccess);
    assert_int_equal(pgnoFDP, 4);
    assert_int_equal(tag0_u32(&e, 4, 12), 0xF);
    alloc_page(&e, 4, &pgno);
    assert_int_equal(pgno, 5);
    alloc_page(&e, 4, &pgno);
    assert_int_equal(pgno, 6);
    assert_int_equal(tag0_u32(&e, 4, 12), 0xC);
    free_page(&e, 4, 5);
    assert_int_equal(tag0_u32(&e, 4, 12), 0xD);
    /* Freeing a free page, or one the FDP does not own, is refused. */
    struct mtr m;
    mtr_begin(&m, e.file);
    assert_int_equal(space_free_page(&m, &e.sdb, 4, 5), JET_errSPAvailExtCorrupted);
    assert_int_equal(space_free_page(&m, &e.sdb, 4, 40), JET_errSPAvailExtCorrupted);
    mtr_abort(&m);
    env_close(&e);
}

/* A single-extent FDP that runs out becomes multiple extent, with OE/AE roots at the start of
 * the new extent and every bitmap page carried over. */
static void test_space_prepare_converts_single_to_multiple_extent(void **state)
{
    (void)state;
    struct env e;
    uint32_t pgnoFDP, pgno, cpgOwned, cpgAvail;
    struct space_fdp_info info;
    env_open(&e, 4096, 254);
    assert_int_equal(space_create_child(&e.sdb, 1, 3, 8, PAGE_FLAG_LONG_VALUE, false, &pgnoFDP), JET_errSuccess);
    alloc_page(&e, pgnoFDP, &pgno);
    free_page(&e, pgnoFDP, pgno);
    for (int i = 0; i < 3; i++)
        alloc_page(&e, pgnoFDP, &pgno);
    assert_int_equal(space_get_fdp_info(&e.sdb, pgnoFDP, &info), JET_errSuccess);
    assert_true(info.fMultiple);
    assert_int_equal(info.pgnoOE, pgnoFDP + 3);
    assert_int_equal(info.pgnoAE, pgnoFDP + 4);
    assert_int_equal(page_flags_of(&e, info.pgnoOE), 0x28a3);
    assert_int_equal(space_get_counts(&e.sdb, pgnoFDP, &cpgOwned, &cpgAvail), JET_errSuccess);
    assert_int_equal(cpgOwned, 3 + 4 + 1 - 1);     /* primary 3, secondary: 1 page + 2 roots, rounded to 4 */
    assert_int_equal(cpgAvail, cpgOwned - 3 /* root, 2 pages used */ - 1 /* third page */ - 2 /* OE/AE */);
    check_pages(&e);
    env_close(&e);
}

/* The database root grows by whole extension steps, one OE node per growth (as in SRUDB.dat),
 * through the growth callback. */
static uint32_t g_cpgGrown;
static JET_ERR grow_cb(void *pv, uint32_t cpgNew)
{
    g_cpgGrown = cpgNew;
    return cache_file_extend(pv, cpgNew);
}

static void test_space_prepare_grows_database_by_extension_size(void **state)
{
    (void)state;
    struct env e;
    struct ext_set s;
    uint32_t pgnoFDP;
    env_open(&e, 4096, 16);
    e.sdb.cpgExtension = 16;
    e.sdb.pfnGrow = grow_cb;
    e.sdb.pvGrowCtx = e.file;
    assert_int_equal(space_create_child(&e.sdb, 1, 20, 9, 0, true, &pgnoFDP), JET_errSuccess);
    assert_int_equal(g_cpgGrown, 48);
    assert_int_equal(cache_file_cpg(e.file), 48);
    collect(&e, 1, SPACE_EXT_OWNED, &s);
    assert_int_equal(s.c, 2);
    assert_int_equal(s.rg[1].first, 17);
    assert_int_equal(s.rg[1].cpg, 32);
    /* A size limit stops growth with JET_errOutOfDatabaseSpace. */
    e.sdb.cpgMax = 60;
    assert_int_equal(space_create_child(&e.sdb, 1, 30, 10, 0, true, &pgnoFDP), JET_errOutOfDatabaseSpace);
    check_pages(&e);
    env_close(&e);
}

/* Fragmenting an FDP's space makes its AE tree split; giving everything back coalesces it. */
static void test_space_ae_tree_splits_when_fragmented(void **state)
{
    (void)state;
    struct env e;
    uint32_t pgnoFDP, cpgOwned, cpgAvail;
    const uint32_t cpg = 5200;       /* > 290 secondary extents: the OE tree splits too */
    uint32_t *rgpgno = malloc(cpg * sizeof *rgpgno);
    env_open(&e, 4096, 64);
    assert_int_equal(space_create_child(&e.sdb, 1, 8, 9, 0, true, &pgnoFDP), JET_errSuccess);
    for (uint32_t i = 0; i < cpg; i++)
        alloc_page(&e, pgnoFDP, &rgpgno[i]);
    for (uint32_t i = 0; i < cpg; i += 2)
        free_page(&e, pgnoFDP, rgpgno[i]);
    assert_int_equal(space_get_counts(&e.sdb, pgnoFDP, &cpgOwned, &cpgAvail), JET_errSuccess);
    struct space_fdp_info info;
    assert_int_equal(space_get_fdp_info(&e.sdb, pgnoFDP, &info), JET_errSuccess);
    assert_int_equal(page_flags_of(&e, info.pgnoOE) & PAGE_FLAG_LEAF, 0);   /* both trees split */
    assert_int_equal(page_flags_of(&e, info.pgnoAE) & PAGE_FLAG_LEAF, 0);
    struct ext_set *ps = malloc(sizeof *ps);
    collect(&e, pgnoFDP, SPACE_EXT_AVAIL, ps);
    assert_true(ps->c >= cpg / 2 - 64);             /* thousands of extents: several AE pages */
    /* Used pages stay used; freed ones are available, except the few the AE's own splits took. */
    uint8_t *map = fdp_map(&e, pgnoFDP);
    uint32_t cTaken = 0;
    for (uint32_t i = 0; i < cpg; i++) {
        if (i % 2)
            assert_int_equal(map[rgpgno[i]], 1);
        else
            cTaken += map[rgpgno[i]] != 2;
    }
    assert_true(cTaken >= 1 && cTaken <= 64);
    free(map);
    check_pages(&e);
    for (uint32_t i = 1; i < cpg; i += 2)
        free_page(&e, pgnoFDP, rgpgno[i]);
    uint32_t cpgAvail2;
    assert_int_equal(space_get_counts(&e.sdb, pgnoFDP, &cpgOwned, &cpgAvail2), JET_errSuccess);
    assert_int_equal(cpgAvail2, cpgAvail + cpg / 2);
    /* The freed halves coalesced again, within each owned extent (never across: ESE refuses a
     * free that crosses owned extents). */
    collect(&e, pgnoFDP, SPACE_EXT_OWNED, ps);
    const uint32_t cOwned = ps->c;
    collect(&e, pgnoFDP, SPACE_EXT_AVAIL, ps);
    assert_true(ps->c <= cOwned + 64);               /* space-tree pages cut some extents */
    assert_true(cOwned < cpg / 8);
    check_pages(&e);
    free(ps);
    free(rgpgno);
    env_close(&e);
}

static void test_space_free_fdp_returns_every_extent_to_parent(void **state)
{
    (void)state;
    struct env e;
    uint32_t pgnoTable, pgnoIndex, pgno, cpgOwned0, cpgAvail0, cpgOwned, cpgAvail;
    env_open(&e, 4096, 128);
    assert_int_equal(space_get_counts(&e.sdb, 1, &cpgOwned0, &cpgAvail0), JET_errSuccess);
    assert_int_equal(space_create_child(&e.sdb, 1, 8, 8, 0, true, &pgnoTable), JET_errSuccess);
    assert_int_equal(space_create_child(&e.sdb, pgnoTable, 1, 9, PAGE_FLAG_INDEX | PAGE_FLAG_NON_UNIQUE_KEYS,
                                        false, &pgnoIndex), JET_errSuccess);
    for (int i = 0; i < 40; i++)
        alloc_page(&e, pgnoTable, &pgno);
    for (int i = 0; i < 3; i++)
        alloc_page(&e, pgnoIndex, &pgno);
    assert_int_equal(space_free_fdp(&e.sdb, pgnoIndex), JET_errSuccess);
    assert_int_equal(space_free_fdp(&e.sdb, pgnoTable), JET_errSuccess);
    assert_int_equal(space_get_counts(&e.sdb, 1, &cpgOwned, &cpgAvail), JET_errSuccess);
    assert_int_equal(cpgOwned - cpgAvail, cpgOwned0 - cpgAvail0);
    /* The freed root is no FDP any more. */
    struct space_fdp_info info;
    assert_int_equal(space_get_fdp_info(&e.sdb, pgnoTable, &info), JET_errDatabaseCorrupted);
    check_pages(&e);
    env_close(&e);
}

/* ---- random workload against a model ----------------------------------------------------------- */

#define MODEL_FDP_MAX 24
struct model_fdp {
    uint32_t pgnoFDP, pgnoParent;
    uint32_t *rgpgno;       /* pages the test allocated from it */
    uint32_t c, cAlloc;
    bool fLive;
};

static void model_check(struct env *pe, struct model_fdp *rg, uint32_t c)
{
    const uint32_t cpg = cache_file_cpg(pe->file);
    uint8_t *mapRoot = fdp_map(pe, 1);
    /* The database root owns the whole file. */
    for (uint32_t p = 1; p <= cpg; p++)
        assert_int_not_equal(mapRoot[p], 0);
    uint8_t *owner = calloc(cpg + 2, 1);
    for (uint32_t i = 0; i < c; i++) {
        if (!rg[i].fLive)
            continue;
        uint8_t *map = fdp_map(pe, rg[i].pgnoFDP);
        uint8_t *mapParent = fdp_map(pe, rg[i].pgnoParent);
        for (uint32_t p = 1; p <= cpg; p++) {
            if (!map[p])
                continue;
            assert_int_equal(mapParent[p], 1);      /* owned by the parent, not available there */
            assert_true(owner[p] == 0 || rg[owner[p] - 1].pgnoFDP == rg[i].pgnoParent
                        || rg[i].pgnoFDP == rg[owner[p] - 1].pgnoParent);
            if (!owner[p] || rg[owner[p] - 1].pgnoFDP == rg[i].pgnoParent)
                owner[p] = (uint8_t)(i + 1);
        }
        for (uint32_t k = 0; k < rg[i].c; k++)
            assert_int_equal(map[rg[i].rgpgno[k]], 1);   /* used pages are owned, not free */
        assert_int_equal(map[rg[i].pgnoFDP], 1);
        free(map);
        free(mapParent);
    }
    free(owner);
    free(mapRoot);
}

static uint32_t rnd(uint64_t *ps)
{
    *ps = *ps * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*ps >> 33);
}

static void random_workload(uint32_t cbPage, uint64_t seed, uint32_t cop)
{
    struct env e;
    struct model_fdp rg[MODEL_FDP_MAX];
    uint32_t c = 0, objid = 10;
    env_open(&e, cbPage, 40);
    e.sdb.cpgExtension = 32;
    memset(rg, 0, sizeof rg);
    for (uint32_t op = 0; op < cop; op++) {
        const uint32_t r = rnd(&seed) % 100;
        if (r < 8 && c < MODEL_FDP_MAX) {
            /* New FDP under the root or under a live table. */
            uint32_t pgnoParent = 1;
            uint32_t iParent = rnd(&seed) % (c + 1);
            if (iParent < c && rg[iParent].fLive && rg[iParent].pgnoParent == 1)
                pgnoParent = rg[iParent].pgnoFDP;
            const bool fMultiple = rnd(&seed) % 2;
            const uint32_t cpg = fMultiple ? 3 + rnd(&seed) % 12 : 1 + rnd(&seed) % 8;
            struct model_fdp *pm = &rg[c++];
            pm->pgnoParent = pgnoParent;
            pm->fLive = true;
            assert_int_equal(space_create_child(&e.sdb, pgnoParent, cpg, objid++, 0, fMultiple, &pm->pgnoFDP),
                             JET_errSuccess);
        } else if (r < 60 && c) {
            struct model_fdp *pm = &rg[rnd(&seed) % c];
            if (!pm->fLive)
                continue;
            if (pm->c == pm->cAlloc) {
                pm->cAlloc = pm->cAlloc ? 2 * pm->cAlloc : 16;
                pm->rgpgno = realloc(pm->rgpgno, pm->cAlloc * sizeof *pm->rgpgno);
            }
            alloc_page(&e, pm->pgnoFDP, &pm->rgpgno[pm->c++]);
        } else if (r < 97 && c) {
            struct model_fdp *pm = &rg[rnd(&seed) % c];
            if (!pm->fLive || !pm->c)
                continue;
            const uint32_t k = rnd(&seed) % pm->c;
            free_page(&e, pm->pgnoFDP, pm->rgpgno[k]);
            pm->rgpgno[k] = pm->rgpgno[--pm->c];
        } else if (c) {
            /* Delete a child-less FDP. */
            const uint32_t i = rnd(&seed) % c;
            bool fHasChild = false;
            for (uint32_t j = 0; j < c; j++)
                fHasChild |= rg[j].fLive && rg[j].pgnoParent == rg[i].pgnoFDP;
            if (!rg[i].fLive || fHasChild)
                continue;
            assert_int_equal(space_free_fdp(&e.sdb, rg[i].pgnoFDP), JET_errSuccess);
            rg[i].fLive = false;
            rg[i].c = 0;
        }
        if (op % 97 == 0)
            model_check(&e, rg, c);
    }
    model_check(&e, rg, c);
    check_pages(&e);
    for (uint32_t i = 0; i < c; i++)
        free(rg[i].rgpgno);
    env_close(&e);
}

static void test_space_random_workload_matches_model_4k(void **state)
{
    (void)state;
    random_workload(4096, 1, 6000);
}

static void test_space_random_workload_matches_model_32k(void **state)
{
    (void)state;
    random_workload(32768, 7, 3000);
}

int main(void)
{
    debug_configure(getenv("ESENT_DEBUG") ? getenv("ESENT_DEBUG") : "-all");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_space_create_db_root_writes_windows_layout),
        cmocka_unit_test(test_space_alloc_extent_at_reproduces_catalog_layout),
        cmocka_unit_test(test_space_alloc_page_takes_lowest_bitmap_page_first),
        cmocka_unit_test(test_space_prepare_converts_single_to_multiple_extent),
        cmocka_unit_test(test_space_prepare_grows_database_by_extension_size),
        cmocka_unit_test(test_space_ae_tree_splits_when_fragmented),
        cmocka_unit_test(test_space_free_fdp_returns_every_extent_to_parent),
        cmocka_unit_test(test_space_random_workload_matches_model_4k),
        cmocka_unit_test(test_space_random_workload_matches_model_32k),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
