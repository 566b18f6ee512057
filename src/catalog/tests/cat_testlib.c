/* SPDX-License-Identifier: MIT
 * catalog/tests/cat_testlib.c: test databases for the catalog tests (see cat_testlib.h). */
#include "cat_testlib.h"

#define CENV_PATH ((const ESENT_WCHAR *)u"db.edb")

static void start(struct cenv *pe, uint32_t cbPage)
{
    pe->cbPage = cbPage;
    assert_int_equal(cache_create(16, 4096, &pe->cache), JET_errSuccess);
    cache_set_flush_thresholds(pe->cache, 0, 0);
    assert_int_equal(os_file_open(pe->vfs, CENV_PATH, OS_OPEN_EXCLUSIVE, &pe->osfile), JET_errSuccess);
    const struct cache_file_desc d = { .file = pe->osfile, .cbPage = cbPage, .dbid = 1, .log = NULL,
                                       .pdbtime = &pe->dbtime };
    assert_int_equal(cache_file_register(pe->cache, &d, &pe->file), JET_errSuccess);
    space_db_init(&pe->sdb, pe->file, cbPage);
    assert_int_equal(bt_db_open(&pe->sdb, &pe->db), JET_errSuccess);
}

void cenv_create(struct cenv *pe, uint32_t cbPage, uint32_t cpg, bool fShadowingOff)
{
    struct os_file *pf;
    memset(pe, 0, sizeof *pe);
    pe->vfs = os_mem_create();
    pe->dbtime = 0x40;
    assert_int_equal(os_file_open(pe->vfs, CENV_PATH, OS_OPEN_CREATE_NEW, &pf), JET_errSuccess);
    assert_int_equal(os_file_set_size(pf, ((uint64_t)cpg + PAGE_DB_CPG_RESERVED) * cbPage), JET_errSuccess);
    os_file_close(pf);
    start(pe, cbPage);
    assert_int_equal(catalog_create_database(pe->db, fShadowingOff, &pe->newdb), JET_errSuccess);
}

void cenv_open_image(struct cenv *pe, const void *pb, size_t cb, uint32_t cbPage)
{
    memset(pe, 0, sizeof *pe);
    pe->vfs = os_mem_create();
    pe->dbtime = get_le64((const uint8_t *)pb + offsetof(struct dbfilehdr_disk, dbtimeDirtied));
    assert_int_equal(os_test_write_file(pe->vfs, CENV_PATH, pb, cb), JET_errSuccess);
    start(pe, cbPage);
}

void cenv_close(struct cenv *pe)
{
    bt_db_close(pe->db);
    cache_file_unregister(pe->file);
    cache_destroy(pe->cache);
    os_file_close(pe->osfile);
    os_mem_destroy(pe->vfs);
}

void cenv_read_page(struct cenv *pe, uint32_t pgno, void *pb)
{
    assert_int_equal(cache_file_flush(pe->file), JET_errSuccess);
    assert_int_equal(os_file_read(pe->osfile, page_file_offset(pgno, pe->cbPage), pb, pe->cbPage), JET_errSuccess);
}

uint8_t *cenv_image(struct cenv *pe, size_t *pcb)
{
    uint64_t cb;
    assert_int_equal(cache_file_flush(pe->file), JET_errSuccess);
    assert_int_equal(os_file_size(pe->osfile, &cb), JET_errSuccess);
    uint8_t *pb = calloc(1, (size_t)cb);
    assert_int_equal(os_file_read(pe->osfile, 0, pb, (size_t)cb), JET_errSuccess);
    *pcb = (size_t)cb;
    return pb;
}

struct counts {
    uint32_t cErrors;
};
static void on_problem(void *pv, const struct bt_check_problem *pp)
{
    struct counts *p = pv;
    if (pp->severity == BT_CHECK_ERROR) {
        p->cErrors++;
        fprintf(stderr, "  error: tree %u page %u: %s (%d)\n", pp->pgnoFDP, pp->pgno, pp->szWhat, (int)pp->err);
    } else if (!strstr(pp->szWhat, "leaked")) {
        fprintf(stderr, "  warning: tree %u page %u: %s\n", pp->pgnoFDP, pp->pgno, pp->szWhat);
    }
}

JET_ERR cenv_check(struct cenv *pe, const struct catalog_check_opts *po, struct catalog_check_stats *pstats,
        uint32_t *pcErrors)
{
    struct counts c = { 0 };
    const JET_ERR err = catalog_check_database(pe->db, po, on_problem, &c, pstats);
    if (pcErrors)
        *pcErrors = c.cErrors;
    return err;
}
