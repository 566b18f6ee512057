/* SPDX-License-Identifier: MIT
 * isam/tests/test_dbutil.c: the utilities behind JetDBUtilities (isam_dbutil*.c) on a database
 * made by the engine over the in-memory file system: the integrity check of a sound database and
 * of one with a damaged page (its report names the page), the space walk's order and counts, and
 * the attach rules they share. */
#include "test_backup_util.h"
#include "isam_dbutil.h"

#define DB "/db.edb"

/* A database made and closed cleanly by one instance; then a second, running instance with a
 * session, as esentutl sets one up. */
static void make_db_and_instance(struct fx *f)
{
    struct fx_opts o = { .fRecoveryOff = false };
    assert_int_equal(fx_instance(f, g_mem, &o), JET_errSuccess);
    assert_int_equal(isam_instance_init(f->inst, 0), JET_errSuccess);
    assert_int_equal(isam_session_begin(f->inst, &f->sess), JET_errSuccess);
    assert_int_equal(isam_db_create(f->sess, W(DB), 0, 0, &f->dbid), JET_errSuccess);
    assert_int_equal(fx_close(f), JET_errSuccess);

    struct fx_opts o2 = { .fRecoveryOff = true, .szLogDir = "/log2/", .szName = "util" };
    assert_int_equal(fx_instance(f, g_mem, &o2), JET_errSuccess);
    assert_int_equal(isam_instance_init(f->inst, 0), JET_errSuccess);
    assert_int_equal(isam_session_begin(f->inst, &f->sess), JET_errSuccess);
}

/* The report file's text (NUL-terminated, caller frees). */
static char *read_text(const char *szPath)
{
    struct os_file *file = NULL;
    uint64_t cb = 0;
    if (os_file_open(g_mem, W(szPath), OS_OPEN_READONLY, &file) < 0) return NULL;
    char *sz = NULL;
    if (os_file_size(file, &cb) >= 0 && (sz = mem_alloc((size_t)cb + 1)) != NULL) {
        if (os_file_read(file, 0, sz, (size_t)cb) < 0) cb = 0;
        sz[cb] = 0;
    }
    os_file_close(file);
    return sz;
}

static void damage_page(uint32_t pgno, uint32_t cbPage)
{
    struct os_file *file = NULL;
    /* One 32-bit word: ESE's XOR checksum cancels a change repeated in two words. */
    uint8_t rgb[4];
    assert_int_equal(os_file_open(g_mem, W(DB), 0, &file), JET_errSuccess);
    const uint64_t ib = (uint64_t)(pgno + 1) * cbPage + 200;
    assert_int_equal(os_file_read(file, ib, rgb, sizeof rgb), JET_errSuccess);
    for (size_t i = 0; i < sizeof rgb; i++) rgb[i] ^= 0xA5;
    assert_int_equal(os_file_write(file, ib, rgb, sizeof rgb), JET_errSuccess);
    os_file_close(file);
}

static void test_isam_dbutil_integrity_passes_a_sound_database(void **state)
{
    (void)state;
    struct fx f;
    make_db_and_instance(&f);
    const struct isam_integrity_args a = { W(DB), W("/rep"), false, false, NULL, 0 };
    assert_int_equal(isam_dbutil_integrity(f.sess, &a), JET_errSuccess);
    char *sz = read_text("/rep.INTEG.RAW");
    assert_non_null(sz);
    assert_non_null(strstr(sz, "Integrity check successful."));
    assert_null(strstr(sz, "\nERROR:"));
    assert_non_null(strstr(sz, "checking table \"MSysObjids\""));
    mem_free(sz);
    /* Read-only, detached afterwards: the database can be checked again. */
    assert_int_equal(isam_dbutil_integrity(f.sess, &a), JET_errSuccess);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_isam_dbutil_integrity_names_a_damaged_page(void **state)
{
    (void)state;
    struct fx f;
    make_db_and_instance(&f);
    /* Page 4: MSysObjects' root (the catalog's fixed layout, ESE-FORMAT-NOTES). */
    damage_page(4, (uint32_t)param_num(isam_global_params(), JET_paramDatabasePageSize));
    const struct isam_integrity_args a = { W(DB), W("/rep"), false, false, NULL, 0 };
    assert_int_equal(isam_dbutil_integrity(f.sess, &a), JET_errDatabaseCorrupted);
    char *sz = read_text("/rep.INTEG.RAW");
    assert_non_null(sz);
    assert_non_null(strstr(sz, "Database is CORRUPTED!"));
    assert_non_null(strstr(sz, "\nERROR: tree at page 4: MSysObjects cannot be read"));
    mem_free(sz);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

struct space_seen {
    uint32_t c, cTables, cpgOwnedRoot;
    bool fRootFirst, fSysObjects, fDepthOk;
};

static JET_ERR space_fn(void *pv, const struct isam_space_tree *pt)
{
    struct space_seen *ps = pv;
    if (ps->c == 0) {
        ps->fRootFirst = pt->kind == ISAM_SPACE_DB_ROOT && pt->depth == 0 && pt->pgnoFDP == 1;
        ps->cpgOwnedRoot = pt->cpgOwned;
    }
    if (pt->kind == ISAM_SPACE_TABLE) {
        ps->cTables++;
        if (strcmp(pt->szName, "MSysObjects") == 0) ps->fSysObjects = pt->pgnoFDP == 4 && pt->objidFDP == 2;
        if (pt->depth != 1) ps->fDepthOk = false;
    }
    ps->c++;
    return JET_errSuccess;
}

static void test_isam_dbutil_space_walks_root_then_tables(void **state)
{
    (void)state;
    struct fx f;
    make_db_and_instance(&f);
    struct space_seen s = { .fDepthOk = true };
    assert_int_equal(isam_dbutil_space(f.sess, W(DB), NULL, space_fn, &s), JET_errSuccess);
    assert_true(s.fRootFirst);
    assert_true(s.fSysObjects);
    assert_true(s.fDepthOk);
    /* The catalog's tables: MSysObjects, MSysObjectsShadow, MSysObjids, MSysLocales. */
    assert_int_equal(s.cTables, 4);
    assert_true(s.cpgOwnedRoot > 0);
    struct space_seen s2 = { .fDepthOk = true };
    assert_int_equal(isam_dbutil_space(f.sess, W(DB), "no such table", space_fn, &s2), JET_errObjectNotFound);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_isam_dbutil_attach_fails_when_attached(void **state)
{
    (void)state;
    struct fx f;
    struct isam_db *db = NULL;
    make_db_and_instance(&f);
    assert_int_equal(isam_dbutil_attach(f.sess, W(DB), false, &db), JET_errSuccess);
    struct isam_db *db2 = NULL;
    assert_int_equal(isam_dbutil_attach(f.sess, W(DB), false, &db2), JET_errDatabaseInUse);
    assert_null(db2);
    isam_dbutil_detach(db);
    assert_int_equal(isam_dbutil_attach(f.sess, W("/missing.edb"), false, &db2), JET_errFileNotFound);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_isam_dbutil_integrity_passes_a_sound_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_dbutil_integrity_names_a_damaged_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_dbutil_space_walks_root_then_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_dbutil_attach_fails_when_attached, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
