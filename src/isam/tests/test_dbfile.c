/* SPDX-License-Identifier: MIT
 * isam/tests/test_dbfile.c: reading database headers without attaching (Windows-made samples). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "isam.h"
#include "page.h"
#include "utf.h"

static JET_ERR read_sample(const char *rel, struct db_header *h, uint32_t *pcbPage)
{
    char path[1024];
    const char *dir = getenv("ESENT_SAMPLES_DIR");
    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    ESENT_WCHAR *wsz = utf8_to_utf16_dup(path);
    JET_ERR err = isam_db_header_read(os_vfs_default(), wsz, h, pcbPage, NULL);
    mem_free(wsz);
    return err;
}

static void test_isam_db_header_read_finds_page_size_of_every_sample(void **state)
{
    (void)state;
    static const struct { const char *file; uint32_t cbPage, dbstate; } samples[] = {
        { "dissect-esedb/basic.edb", 4096, JET_dbstateCleanShutdown },
        { "dissect-esedb/large.edb", 32768, JET_dbstateCleanShutdown },
        { "ese-parser/decompress_test2.edb", 8192, JET_dbstateCleanShutdown },
        { "go-ese/qmgr.db", 16384, JET_dbstateDirtyShutdown },
        { "dsinternals/adamntds.dit", 8192, JET_dbstateCleanShutdown },
    };
    for (size_t i = 0; i < ARRAY_SIZE(samples); i++) {
        struct db_header h;
        uint32_t cbPage = 0;
        assert_int_equal(read_sample(samples[i].file, &h, &cbPage), JET_errSuccess);
        assert_int_equal(cbPage, samples[i].cbPage);
        assert_int_equal(h.dbstate, samples[i].dbstate);
        assert_int_equal(h.ulVersion, 0x620);
    }
}

static void test_isam_db_header_read_reports_missing_file(void **state)
{
    (void)state;
    struct db_header h;
    assert_true(read_sample("no/such.edb", &h, NULL) == JET_errFileNotFound ||
                read_sample("no/such.edb", &h, NULL) == JET_errInvalidPath);
}

static void test_isam_db_header_read_reads_log_headers_as_files_of_their_type(void **state)
{
    (void)state;
    struct db_header h;
    assert_int_equal(read_sample("dfir-artifact-museum/srum-win10-belkasoft/Clean/SRU.chk", &h, NULL), JET_errSuccess);
    assert_int_equal(h.filetype, JET_filetypeCheckpoint);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_isam_db_header_read_finds_page_size_of_every_sample),
        cmocka_unit_test(test_isam_db_header_read_reports_missing_file),
        cmocka_unit_test(test_isam_db_header_read_reads_log_headers_as_files_of_their_type),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
