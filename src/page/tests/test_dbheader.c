/* SPDX-License-Identifier: MIT
 * page/tests/test_dbheader.c: the database header: round trips of every Windows-made sample,
 * checksum, choosing between header and shadow, and the attach-time format checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "debug.h"
#include "page.h"
#include "sample.h"

/* Parse, serialize and compare: the header page comes back byte for byte, for every sample. */
static void test_page_dbhdr_round_trips_every_sample(void **state)
{
    (void)state;
    for (size_t i = 0; i < sample_count; i++) {
        struct sample s;
        struct page_dbhdr_choice ch;
        struct db_header h;
        sample_load(&sample_all[i], &s);

        assert_int_equal(page_dbhdr_select(s.pb, s.cb, &ch), JET_errSuccess);
        assert_int_equal(ch.status, PAGE_DBHDR_BOTH_OK);
        assert_int_equal(ch.cbPage, s.desc->cbPage);
        assert_int_equal(ch.ibHeader, 0);
        assert_int_equal(page_dbhdr_parse(s.pb, ch.cbPage, &h), JET_errSuccess);
        assert_int_equal(h.ulMagic, PAGE_DB_MAGIC);
        assert_int_equal(h.ulVersion, PAGE_DB_VERSION);
        assert_int_equal(h.ulDaeUpdateMajor, s.desc->ulUpdateMajor);
        assert_int_equal(h.dbstate, s.desc->dbstate);
        assert_int_equal(h.filetype, PAGE_FILETYPE_DATABASE);
        assert_int_equal(page_dbhdr_cb_page(&h), s.desc->cbPage);
        assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errSuccess);

        uint8_t *pb = malloc(ch.cbPage);
        page_dbhdr_serialize(&h, pb, ch.cbPage);
        assert_memory_equal(pb, s.pb, ch.cbPage);

        struct db_header h2;
        assert_int_equal(page_dbhdr_parse(pb, ch.cbPage, &h2), JET_errSuccess);
        assert_memory_equal(&h, &h2, sizeof h);
        free(pb);
        sample_free(&s);
    }
}

/* The newer engines' timestamp at 0x2a0 (logtimeGenMaxRequired) is part of the header and of
 * its checksum: qmgr.db (Windows 11 24H2) carries one. */
static void test_page_dbhdr_parses_logtime_at_0x2a0(void **state)
{
    (void)state;
    struct sample s;
    struct db_header h;
    for (size_t i = 0; i < sample_count; i++)
        if (sample_all[i].ulUpdateMajor == 0x12c)
            sample_load(&sample_all[i], &s);
    assert_int_equal(page_dbhdr_parse(s.pb, s.cb, &h), JET_errSuccess);
    assert_int_equal(h.logtimeGenMaxRequired.bSeconds, s.pb[0x2a0]);
    assert_int_equal(h.logtimeGenMaxRequired.bMinutes, s.pb[0x2a1]);
    assert_int_equal(h.logtimeGenMaxRequired.bYear, s.pb[0x2a5]);
    assert_true(h.logtimeGenMaxRequired.bYear >= 120);          /* 2020 or later */
    assert_true(h.logtimeGenMaxRequired.bMonth >= 1 && h.logtimeGenMaxRequired.bMonth <= 12);
    assert_int_equal(h.logtimeGenMaxRequired.fUTC, s.pb[0x2a6] & 1);
    assert_int_equal(h.logtimeGenMaxRequired.wMilliseconds, (s.pb[0x2a6] >> 1) | (((s.pb[0x2a7] >> 1) & 7) << 7));
    assert_true(page_dbhdr_checksum_ok(s.pb, 16384));
    sample_free(&s);
}

/* Every value of the two packed LOGTIME bytes survives parse and serialize. */
static void test_page_dbhdr_logtime_keeps_every_bit(void **state)
{
    (void)state;
    uint8_t *pb = calloc(1, 4096), *pb2 = malloc(4096);
    struct db_header h;
    for (unsigned v = 0; v < 65536; v++) {
        pb[64 + 6] = (uint8_t)v;            /* logtimeConsistent bytes 6 and 7 */
        pb[64 + 7] = (uint8_t)(v >> 8);
        assert_int_equal(page_dbhdr_parse(pb, 4096, &h), JET_errSuccess);
        page_dbhdr_serialize(&h, pb2, 4096);
        assert_int_equal(pb2[64 + 6], pb[64 + 6]);
        assert_int_equal(pb2[64 + 7], pb[64 + 7]);
    }
    free(pb);
    free(pb2);
}

/* A fresh header as our writer will make it (ESE-FORMAT-NOTES §14) comes back field for field. */
static void test_page_dbhdr_serialize_writes_fields_at_their_offsets(void **state)
{
    (void)state;
    struct db_header h, h2;
    memset(&h, 0, sizeof h);
    h.ulMagic = PAGE_DB_MAGIC;
    h.ulVersion = PAGE_DB_VERSION;
    h.dbtimeDirtied = 0x1234;
    h.signDb.ulRandom = 0xA1B2C3D4;
    h.signDb.logtimeCreate = (struct db_logtime){ 5, 6, 7, 8, 9, 125, true, 999, false, 0 };
    h.dbstate = PAGE_DBSTATE_CLEAN_SHUTDOWN;
    h.dbid = 1;
    h.objidLast = 8;
    h.dwMajorVersion = 10;
    h.dwBuildNumber = 17763;
    h.ulDaeUpdateMajor = PAGE_DB_UPDATE_MAJOR_WRITE;
    h.cbPageSize = 8192;
    h.ulCreateVersion = PAGE_DB_VERSION;
    h.ulCreateUpdate = PAGE_DB_UPDATE_MAJOR_WRITE;
    h.qwSortVersion = UINT64_MAX;
    h.filetype = PAGE_FILETYPE_DATABASE;
    h.lgposCommitBeforeRevert.lGeneration = -2;

    uint8_t *pb = malloc(8192);
    memset(pb, 0xCC, 8192);
    page_dbhdr_serialize(&h, pb, 8192);
    assert_int_equal(get_le32(pb + 4), PAGE_DB_MAGIC);
    assert_int_equal(get_le32(pb + 8), 0x620);
    assert_int_equal(get_le64(pb + 16), 0x1234);
    assert_int_equal(get_le32(pb + 24), 0xA1B2C3D4);
    assert_int_equal(pb[28 + 5], 125);
    assert_int_equal(get_le32(pb + 52), 3);
    assert_int_equal(get_le32(pb + 104), 1);
    assert_int_equal(get_le32(pb + 212), 8);
    assert_int_equal(get_le32(pb + 224), 17763);
    assert_int_equal(get_le32(pb + 232), 0x14);
    assert_int_equal(get_le32(pb + 236), 8192);
    assert_int_equal(get_le32(pb + 340), 0x620);
    assert_int_equal(get_le64(pb + 508), UINT64_MAX);
    assert_int_equal(get_le32(pb + 667), 1);
    assert_int_equal((int32_t)get_le32(pb + 744), -2);
    for (uint32_t i = PAGE_DB_CB_HEADER_USED; i < 8192; i++)
        assert_int_equal(pb[i], 0);
    assert_true(page_dbhdr_checksum_ok(pb, 8192));
    assert_int_equal(page_dbhdr_parse(pb, 8192, &h2), JET_errSuccess);
    h.ulChecksum = h2.ulChecksum;
    assert_memory_equal(&h, &h2, sizeof h);
    assert_int_equal(page_dbhdr_validate(&h2, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errSuccess);
    free(pb);
}

static void test_page_dbhdr_checksum_detects_every_changed_byte(void **state)
{
    (void)state;
    struct sample s;
    sample_load(&sample_all[0], &s);
    for (uint32_t ib = 0; ib < 4096; ib++) {
        s.pb[ib] ^= 0x5A;
        assert_false(page_dbhdr_checksum_ok(s.pb, 4096));
        s.pb[ib] ^= 0x5A;
    }
    assert_true(page_dbhdr_checksum_ok(s.pb, 4096));
    sample_free(&s);
}

static void test_page_dbhdr_select_uses_shadow_when_header_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < sample_count; i++) {
        if (i != 0 && sample_all[i].cbPage == 4096)
            continue;   /* one sample per page size */
        struct sample s;
        struct page_dbhdr_choice ch;
        sample_load(&sample_all[i], &s);
        const uint32_t cbPage = s.desc->cbPage;

        s.pb[100] ^= 1;
        assert_int_equal(page_dbhdr_select(s.pb, s.cb, &ch), JET_errSuccess);
        assert_int_equal(ch.status, PAGE_DBHDR_PRIMARY_BAD);
        assert_int_equal(ch.cbPage, cbPage);
        assert_int_equal(ch.ibHeader, cbPage);
        s.pb[100] ^= 1;

        s.pb[cbPage + 100] ^= 1;
        assert_int_equal(page_dbhdr_select(s.pb, s.cb, &ch), JET_errSuccess);
        assert_int_equal(ch.status, PAGE_DBHDR_SHADOW_BAD);
        assert_int_equal(ch.ibHeader, 0);
        s.pb[cbPage + 100] ^= 1;

        /* A shadow that is valid but different (an interrupted header update) loses too. */
        put_le32(s.pb + cbPage + 212, get_le32(s.pb + 212) + 1);
        put_le32(s.pb + cbPage, page_dbhdr_checksum(s.pb + cbPage, cbPage));
        assert_int_equal(page_dbhdr_select(s.pb, s.cb, &ch), JET_errSuccess);
        assert_int_equal(ch.status, PAGE_DBHDR_SHADOW_BAD);
        assert_int_equal(ch.ibHeader, 0);

        /* Only the header present (a file cut short): still found. */
        assert_int_equal(page_dbhdr_select(s.pb, cbPage, &ch), JET_errSuccess);
        assert_int_equal(ch.status, PAGE_DBHDR_SHADOW_BAD);
        sample_free(&s);
    }
}

static void test_page_dbhdr_select_fails_when_both_copies_bad(void **state)
{
    (void)state;
    struct sample s;
    struct page_dbhdr_choice ch;
    sample_load(&sample_all[0], &s);

    s.pb[300] ^= 1;
    s.pb[4096 + 300] ^= 1;
    assert_int_equal(page_dbhdr_select(s.pb, s.cb, &ch), JET_errReadVerifyFailure);
    assert_int_equal(page_dbhdr_unreadable_error(s.pb, s.cb), JET_errInvalidDatabaseVersion);
    put_le32(s.pb + 8, PAGE_DB_VERSION_500);
    assert_int_equal(page_dbhdr_unreadable_error(s.pb, s.cb), JET_errDatabase500Format);
    put_le32(s.pb + 4, 0x12345678);
    assert_int_equal(page_dbhdr_unreadable_error(s.pb, s.cb), JET_errDatabaseCorrupted);
    assert_int_equal(page_dbhdr_select(s.pb, 100, &ch), JET_errReadVerifyFailure);
    assert_int_equal(page_dbhdr_select(s.pb, 0, &ch), JET_errReadVerifyFailure);
    sample_free(&s);
}

/* A copy is only trusted at the page size its own field names: a 4 KiB header relabelled as
 * 8 KiB (checksum fixed for 4 KiB) is found nowhere. */
static void test_page_dbhdr_select_requires_matching_page_size_field(void **state)
{
    (void)state;
    struct sample s;
    struct page_dbhdr_choice ch;
    sample_load(&sample_all[0], &s);
    for (int copy = 0; copy < 2; copy++) {
        uint8_t *pb = s.pb + copy * 4096;
        put_le32(pb + 236, 8192);
        put_le32(pb, page_dbhdr_checksum(pb, 4096));
    }
    assert_int_equal(page_dbhdr_select(s.pb, s.cb, &ch), JET_errReadVerifyFailure);
    /* cbPageSize 0 means 4096. */
    for (int copy = 0; copy < 2; copy++) {
        uint8_t *pb = s.pb + copy * 4096;
        put_le32(pb + 236, 0);
        put_le32(pb, page_dbhdr_checksum(pb, 4096));
    }
    assert_int_equal(page_dbhdr_select(s.pb, s.cb, &ch), JET_errSuccess);
    assert_int_equal(ch.cbPage, 4096);
    assert_int_equal(ch.status, PAGE_DBHDR_BOTH_OK);
    sample_free(&s);
}

static void test_page_dbhdr_validate_rejects_bad_formats(void **state)
{
    (void)state;
    struct sample s;
    struct db_header h0, h;
    sample_load(&sample_all[0], &s);
    assert_int_equal(page_dbhdr_parse(s.pb, s.cb, &h0), JET_errSuccess);
    sample_free(&s);

    h = h0; h.ulMagic = 0x89ABCDEE;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errInvalidDatabaseVersion);
    h = h0; h.ulVersion = PAGE_DB_VERSION_500;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errInvalidDatabaseVersion);
    h = h0; h.ulVersion = 0x621;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errInvalidDatabaseVersion);
    h = h0; h.ulDaeUpdateMajor = PAGE_DB_UPDATE_MAJOR_READ_MAX + 1;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errInvalidDatabaseVersion);
    h = h0; h.ulDaeUpdateMajor = 0x15;
    assert_int_equal(page_dbhdr_validate(&h, 0x14), JET_errInvalidDatabaseVersion);
    assert_int_equal(page_dbhdr_validate(&h, 0x15), JET_errSuccess);
    h = h0; h.cbPageSize = 32768; h.ulDaeUpdateMajor = 0x10;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errInvalidDatabaseVersion);
    h.ulDaeUpdateMajor = 0x11;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errSuccess);
    h = h0; h.cbPageSize = 8192; h.ulDaeUpdateMajor = 0x0c;   /* small pages: any revision */
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errSuccess);
    h = h0; h.cbPageSize = 2048;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errPageSizeMismatch);
    h = h0; h.cbPageSize = 12288;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errDatabaseCorrupted);
    h = h0; h.cbPageSize = 0;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errSuccess);
    h = h0; h.attrib = 1;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errDatabaseCorrupted);
    h = h0; h.filetype = PAGE_FILETYPE_STREAMING;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errDatabaseCorrupted);
    h = h0; h.filetype = PAGE_FILETYPE_UNKNOWN;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errSuccess);
    h = h0; h.filetype = PAGE_FILETYPE_TEMP_DB;
    assert_int_equal(page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX), JET_errSuccess);
}

static void test_page_dbhdr_parse_fails_when_short(void **state)
{
    (void)state;
    uint8_t rgb[PAGE_DB_CB_HEADER_USED] = { 0 };
    struct db_header h;
    assert_int_equal(page_dbhdr_parse(rgb, sizeof rgb - 1, &h), JET_errDatabaseCorrupted);
    assert_int_equal(page_dbhdr_parse(rgb, sizeof rgb, &h), JET_errSuccess);
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_dbhdr_round_trips_every_sample),
        cmocka_unit_test(test_page_dbhdr_parses_logtime_at_0x2a0),
        cmocka_unit_test(test_page_dbhdr_logtime_keeps_every_bit),
        cmocka_unit_test(test_page_dbhdr_serialize_writes_fields_at_their_offsets),
        cmocka_unit_test(test_page_dbhdr_checksum_detects_every_changed_byte),
        cmocka_unit_test(test_page_dbhdr_select_uses_shadow_when_header_bad),
        cmocka_unit_test(test_page_dbhdr_select_fails_when_both_copies_bad),
        cmocka_unit_test(test_page_dbhdr_select_requires_matching_page_size_field),
        cmocka_unit_test(test_page_dbhdr_validate_rejects_bad_formats),
        cmocka_unit_test(test_page_dbhdr_parse_fails_when_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
