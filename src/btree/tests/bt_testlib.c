/* SPDX-License-Identifier: MIT
 * btree/tests/bt_testlib.c: test databases and trees (see bt_testlib.h). */
#include "bt_testlib.h"

#ifndef BT_TEST_FAKE_CACHE
#define TENV_PATH ((const ESENT_WCHAR *)u"db.edb")

static void file_register(struct tenv *pe)
{
    const struct cache_file_desc d = { .file = pe->osfile, .cbPage = pe->cbPage, .dbid = 1, .log = NULL,
                                       .pdbtime = &pe->dbtime };
    assert_int_equal(cache_file_register(pe->cache, &d, &pe->file), JET_errSuccess);
}

static void env_start(struct tenv *pe, uint32_t cbPage)
{
    pe->cbPage = cbPage;
    pe->objidNext = 10;
    assert_int_equal(cache_create(16, 4096, &pe->cache), JET_errSuccess);
    cache_set_flush_thresholds(pe->cache, 0, 0);
    assert_int_equal(os_file_open(pe->vfs, TENV_PATH, OS_OPEN_EXCLUSIVE, &pe->osfile), JET_errSuccess);
    file_register(pe);
    space_db_init(&pe->sdb, pe->file, cbPage);
    pe->sdb.cpgExtension = 64;
    assert_int_equal(bt_db_open(&pe->sdb, &pe->db), JET_errSuccess);
}
#endif

void tenv_open(struct tenv *pe, uint32_t cbPage, uint32_t cpg)
{
    struct mtr m;
    memset(pe, 0, sizeof *pe);
#ifdef BT_TEST_FAKE_CACHE
    pe->cbPage = cbPage;
    pe->objidNext = 10;
    pe->file = fake_cache_create(cbPage, cpg, 0x40);
    space_db_init(&pe->sdb, pe->file, cbPage);
    pe->sdb.cpgExtension = 64;
    assert_int_equal(bt_db_open(&pe->sdb, &pe->db), JET_errSuccess);
#else
    pe->vfs = os_mem_create();
    pe->dbtime = 0x40;
    struct os_file *pf;
    assert_int_equal(os_file_open(pe->vfs, TENV_PATH, OS_OPEN_CREATE_NEW, &pf), JET_errSuccess);
    assert_int_equal(os_file_set_size(pf, ((uint64_t)cpg + PAGE_DB_CPG_RESERVED) * cbPage), JET_errSuccess);
    os_file_close(pf);
    env_start(pe, cbPage);
#endif
    mtr_begin(&m, pe->file);
    assert_int_equal(space_create_db_root(&m, &pe->sdb, cpg), JET_errSuccess);
    assert_int_equal(mtr_commit(&m, NULL), JET_errSuccess);
}

void tenv_open_image(struct tenv *pe, const void *pb, size_t cb, uint32_t cbPage)
{
    memset(pe, 0, sizeof *pe);
#ifdef BT_TEST_FAKE_CACHE
    pe->cbPage = cbPage;
    pe->file = fake_cache_open_image(pb, cb, cbPage);
    space_db_init(&pe->sdb, pe->file, cbPage);
    assert_int_equal(bt_db_open(&pe->sdb, &pe->db), JET_errSuccess);
#else
    pe->vfs = os_mem_create();
    pe->dbtime = cb >= PAGE_DB_CB_HEADER_USED ? get_le64((const uint8_t *)pb + offsetof(struct dbfilehdr_disk, dbtimeDirtied)) : 0;
    assert_int_equal(os_test_write_file(pe->vfs, TENV_PATH, pb, cb), JET_errSuccess);
    env_start(pe, cbPage);
#endif
}

void tenv_close(struct tenv *pe)
{
    bt_db_close(pe->db);
#ifdef BT_TEST_FAKE_CACHE
    assert_int_equal(fake_cache_latched(pe->file), 0);
    fake_cache_destroy(pe->file);
#else
    cache_file_unregister(pe->file);
    cache_destroy(pe->cache);
    os_file_close(pe->osfile);
    os_mem_destroy(pe->vfs);
#endif
}

uint32_t tenv_latched(struct tenv *pe)
{
#ifdef BT_TEST_FAKE_CACHE
    return fake_cache_latched(pe->file);
#else
    (void)pe;
    return 0;
#endif
}

void tenv_read_page(struct tenv *pe, uint32_t pgno, void *pb)
{
#ifdef BT_TEST_FAKE_CACHE
    fake_cache_read_page(pe->file, pgno, pb);
#else
    assert_int_equal(cache_file_flush(pe->file), JET_errSuccess);
    const JET_ERR err = os_file_read(pe->osfile, page_file_offset(pgno, pe->cbPage), pb, pe->cbPage);
    assert_true(err == JET_errSuccess || err == JET_errFileIOBeyondEOF);
#endif
}

void tenv_write_page(struct tenv *pe, uint32_t pgno, const void *pb)
{
#ifdef BT_TEST_FAKE_CACHE
    fake_cache_poke_page(pe->file, pgno, pb);
#else
    /* Out of the cache, into the file, and back. */
    assert_int_equal(cache_file_flush(pe->file), JET_errSuccess);
    bt_db_close(pe->db);
    cache_file_unregister(pe->file);
    assert_int_equal(os_file_write(pe->osfile, page_file_offset(pgno, pe->cbPage), pb, pe->cbPage), JET_errSuccess);
    file_register(pe);
    pe->sdb.file = pe->file;
    assert_int_equal(bt_db_open(&pe->sdb, &pe->db), JET_errSuccess);
#endif
}

void *tenv_image(struct tenv *pe, size_t *pcb)
{
#ifdef BT_TEST_FAKE_CACHE
    return fake_cache_image(pe->file, pcb);
#else
    uint64_t cb;
    assert_int_equal(cache_file_flush(pe->file), JET_errSuccess);
    assert_int_equal(os_file_size(pe->osfile, &cb), JET_errSuccess);
    uint8_t *pb = calloc(1, (size_t)cb);
    assert_int_equal(os_file_read(pe->osfile, 0, pb, (size_t)cb), JET_errSuccess);
    /* The header field a reopen reads back: the dbtime high-water mark. */
    put_le64(pb + offsetof(struct dbfilehdr_disk, dbtimeDirtied), pe->dbtime);
    *pcb = (size_t)cb;
    return pb;
#endif
}

struct bt_cursor *tenv_tree(struct tenv *pe, uint32_t pgnoParent, enum bt_type type, bool fNonUnique, bool fMultiple,
        uint32_t cpg, uint32_t cbKeyMost, uint32_t *ppgnoFDP)
{
    uint32_t pgnoFDP;
    struct bt_cursor *c;
    const uint32_t objid = pe->objidNext++;
    assert_int_equal(bt_create(pe->db, pgnoParent, cpg, fMultiple, objid, type, fNonUnique, &pgnoFDP), JET_errSuccess);
    const struct bt_tree_desc d = { pgnoFDP, objid, type, fNonUnique, cbKeyMost };
    assert_int_equal(bt_open(pe->db, &d, &c), JET_errSuccess);
    assert_true(pe->ctree < TENV_TREES_MAX);
    pe->rgtree[pe->ctree++] = (struct bt_check_tree){ pgnoFDP, objid, pgnoParent, true, type, fNonUnique };
    if (ppgnoFDP)
        *ppgnoFDP = pgnoFDP;
    return c;
}

static void print_problem(void *pv, const struct bt_check_problem *pp)
{
    (void)pv;
    if (pp->severity == BT_CHECK_ERROR)
        fprintf(stderr, "check: error: tree %u page %u: %s (%ld)\n", pp->pgnoFDP, pp->pgno, pp->szWhat, (long)pp->err);
}

uint32_t tenv_check(struct tenv *pe, uint32_t *pcWarnings, struct bt_check_stats *pstats)
{
    struct bt_check_stats s;
    const JET_ERR err = bt_check_db(pe->db, pe->rgtree, pe->ctree, print_problem, NULL, &s);
    assert_true(err >= 0 || s.cErrors > 0);
    if (pcWarnings)
        *pcWarnings = s.cWarnings;
    if (pstats)
        *pstats = s;
    assert_int_equal(tenv_latched(pe), 0);
    return s.cErrors;
}

void tenv_check_ok(struct tenv *pe)
{
    struct bt_check_stats s;
    assert_int_equal(bt_check_db(pe->db, pe->rgtree, pe->ctree, print_problem, NULL, &s), JET_errSuccess);
    assert_int_equal(s.cErrors, 0);
    /* Nothing is leaked by our own writes (Windows' files may leak some). */
    assert_int_equal(s.cpgLeaked, 0);
}

uint32_t trand(uint64_t *ps)
{
    *ps = *ps * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*ps >> 33);
}
