/* SPDX-License-Identifier: MIT
 * page/tests/test_checksum.c: page checksums against every Windows-made sample (4, 8, 16 and
 * 32 KiB pages), detection of changed bytes, ECC single-bit correction, and page_verify(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "debug.h"
#include "page.h"
#include "sample.h"

/* Every non-empty page the database owns carries the checksum our code computes, and
 * page_checksum_set reproduces the stored bytes exactly. */
static void test_page_checksum_verifies_every_sample_page(void **state)
{
    (void)state;
    unsigned cpgChecked = 0, cpgBySize[4] = { 0 };
    for (size_t i = 0; i < sample_count; i++) {
        struct sample s;
        sample_load(&sample_all[i], &s);
        const uint32_t cbPage = s.desc->cbPage;
        const uint32_t pgnoLast = MIN(sample_pgno_last_owned(&s), sample_cpg(&s));
        uint8_t *pbCopy = malloc(cbPage);
        for (uint32_t pgno = 1; pgno <= pgnoLast; pgno++) {
            if (sample_page_is_zero(&s, pgno))
                continue;
            uint8_t *pb = sample_page(&s, pgno);
            struct page_checksum_report rep;
            JET_ERR err = page_checksum_verify(pb, cbPage, pgno, &rep);
            if (err != JET_errSuccess)
                fail_msg("%s page %u: checksum error %ld", s.desc->path, (unsigned)pgno, (long)err);

            memcpy(pbCopy, pb, cbPage);
            memset(pbCopy, 0, 8);
            if (page_cb_is_large(cbPage))
                memset(pbCopy + 40, 0, 24);
            page_checksum_set(pbCopy, cbPage, pgno);
            assert_memory_equal(pbCopy, pb, cbPage);
            cpgChecked++;
            cpgBySize[cbPage == 4096 ? 0 : cbPage == 8192 ? 1 : cbPage == 16384 ? 2 : 3]++;
        }
        free(pbCopy);
        sample_free(&s);
    }
    print_message("checked %u pages (4K %u, 8K %u, 16K %u, 32K %u)\n", cpgChecked,
                  cpgBySize[0], cpgBySize[1], cpgBySize[2], cpgBySize[3]);
    for (int i = 0; i < 4; i++)
        assert_true(cpgBySize[i] > 0);
}

/* One non-empty owned page of the given size from the samples (caller frees). */
static uint8_t *sample_page_copy(uint32_t cbPage, uint32_t *ppgno, bool fRoot)
{
    for (size_t i = 0; i < sample_count; i++) {
        if (sample_all[i].cbPage != cbPage)
            continue;
        struct sample s;
        sample_load(&sample_all[i], &s);
        for (uint32_t pgno = 4; pgno <= sample_cpg(&s); pgno++) {
            if (sample_page_is_zero(&s, pgno))
                continue;
            struct page_view v = page_view_make(sample_page(&s, pgno), cbPage, pgno);
            if (fRoot != page_is_root(&v) || page_cline(&v) < 3)
                continue;
            uint8_t *pb = malloc(cbPage);
            memcpy(pb, sample_page(&s, pgno), cbPage);
            *ppgno = pgno;
            sample_free(&s);
            return pb;
        }
        sample_free(&s);
    }
    fail_msg("no sample page of %u bytes", (unsigned)cbPage);
    return NULL;
}

static const uint32_t rgcbPage[] = { 4096, 8192, 16384, 32768 };

/* Any changed byte anywhere on the page is caught, for every page size. */
static void test_page_checksum_detects_every_changed_byte(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint32_t pgno;
        uint8_t *pb = sample_page_copy(cbPage, &pgno, false);
        assert_int_equal(page_checksum_verify(pb, cbPage, pgno, NULL), JET_errSuccess);
        for (uint32_t ib = 0; ib < cbPage; ib++) {
            pb[ib] ^= 0xA5;
            assert_int_equal(page_checksum_verify(pb, cbPage, pgno, NULL), JET_errReadVerifyFailure);
            pb[ib] ^= 0xA5;
        }
        /* The page number is part of the checksum. */
        assert_int_equal(page_checksum_verify(pb, cbPage, pgno + 1, NULL), JET_errReadVerifyFailure);
        free(pb);
    }
}

/* Every single flipped bit is found by the ECC and named exactly, except where ESE cannot: in
 * the stored checksum of the header block and the checksum-format flag itself. */
static void test_page_checksum_locates_every_single_bit_error(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint32_t pgno;
        uint8_t *pb = sample_page_copy(cbPage, &pgno, false);
        const uint32_t step = cbPage == 4096 ? 1 : cbPage == 8192 ? 7 : 61;   /* keep it quick */
        for (uint32_t ibit = 0; ibit < cbPage * 8; ibit += step) {
            struct page_checksum_report rep;
            pb[ibit / 8] ^= (uint8_t)(1u << (ibit % 8));
            assert_int_equal(page_checksum_verify(pb, cbPage, pgno, &rep), JET_errReadVerifyFailure);
            if (ibit < 64 || ibit == PAGE_IBIT_NEW_CHECKSUM_FLAG) {
                assert_false(rep.fCorrectable);
                assert_int_equal(rep.ibitCorrupted, -1);
            } else {
                if (!rep.fCorrectable || rep.ibitCorrupted != (int32_t)ibit)
                    fail_msg("%u-byte page: bit %u reported as %ld", (unsigned)cbPage, (unsigned)ibit,
                             (long)rep.ibitCorrupted);
            }
            pb[ibit / 8] ^= (uint8_t)(1u << (ibit % 8));
        }
        free(pb);
    }
}

static void test_page_checksum_two_bit_errors_are_not_correctable(void **state)
{
    (void)state;
    uint32_t pgno;
    uint8_t *pb = sample_page_copy(4096, &pgno, false);
    const uint32_t rgpair[][2] = { { 1000, 1001 }, { 800, 20000 }, { 512, 640 }, { 30000, 32767 } };
    for (size_t i = 0; i < ARRAY_SIZE(rgpair); i++) {
        struct page_checksum_report rep;
        pb[rgpair[i][0] / 8] ^= (uint8_t)(1u << (rgpair[i][0] % 8));
        pb[rgpair[i][1] / 8] ^= (uint8_t)(1u << (rgpair[i][1] % 8));
        assert_int_equal(page_checksum_verify(pb, 4096, pgno, &rep), JET_errReadVerifyFailure);
        assert_false(rep.fCorrectable);
        pb[rgpair[i][0] / 8] ^= (uint8_t)(1u << (rgpair[i][0] % 8));
        pb[rgpair[i][1] / 8] ^= (uint8_t)(1u << (rgpair[i][1] % 8));
    }
    free(pb);
}

/* page_verify with PAGE_VERIFY_FIX repairs a single flipped bit, says so with a warning and the
 * bit; without the flag, or when the fix cannot be proven sound, nothing changes. */
static void test_page_verify_corrects_one_bit_and_reports_it(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint32_t pgno;
        uint8_t *pb = sample_page_copy(cbPage, &pgno, false);
        uint8_t *pbOrig = malloc(cbPage);
        memcpy(pbOrig, pb, cbPage);
        int32_t ibit;

        assert_int_equal(page_verify(pb, cbPage, pgno, PAGE_VERIFY_FIX, &ibit), JET_errSuccess);
        assert_int_equal(ibit, -1);

        const uint32_t ibitFlip = cbPage * 8 - 1234;   /* in the last block */
        pb[ibitFlip / 8] ^= (uint8_t)(1u << (ibitFlip % 8));
        assert_int_equal(page_verify(pb, cbPage, pgno, 0, &ibit), JET_errReadVerifyFailure);
        assert_int_not_equal(memcmp(pb, pbOrig, cbPage), 0);
        assert_int_equal(page_verify(pb, cbPage, pgno, PAGE_VERIFY_FIX, &ibit), WRN_PAGE_BIT_CORRECTED);
        assert_int_equal(ibit, ibitFlip);
        assert_memory_equal(pb, pbOrig, cbPage);

        /* A bit inside the page header (cbFree): the fixed page must also validate. */
        pb[29] ^= 0x10;
        assert_int_equal(page_verify(pb, cbPage, pgno, PAGE_VERIFY_FIX, &ibit), WRN_PAGE_BIT_CORRECTED);
        assert_int_equal(ibit, 29 * 8 + 4);
        assert_memory_equal(pb, pbOrig, cbPage);

        /* The checksum-format flag is never "corrected". */
        pb[PAGE_IBIT_NEW_CHECKSUM_FLAG / 8] ^= (uint8_t)(1u << (PAGE_IBIT_NEW_CHECKSUM_FLAG % 8));
        assert_int_equal(page_verify(pb, cbPage, pgno, PAGE_VERIFY_FIX, &ibit), JET_errReadVerifyFailure);
        pb[PAGE_IBIT_NEW_CHECKSUM_FLAG / 8] ^= (uint8_t)(1u << (PAGE_IBIT_NEW_CHECKSUM_FLAG % 8));

        /* Two bits: refused, untouched. */
        pb[100] ^= 1;
        pb[cbPage - 100] ^= 1;
        memcpy(pbOrig, pb, cbPage);
        assert_int_equal(page_verify(pb, cbPage, pgno, PAGE_VERIFY_FIX, &ibit), JET_errReadVerifyFailure);
        assert_memory_equal(pb, pbOrig, cbPage);
        free(pbOrig);
        free(pb);
    }
}

/* A bit error in the block checksums stored in a large page's header: the stored value is what
 * is wrong, and correcting it gives back the page. */
static void test_page_verify_corrects_bit_in_stored_block_checksum(void **state)
{
    (void)state;
    for (uint32_t cbPage = 16384; cbPage <= 32768; cbPage *= 2) {
        uint32_t pgno;
        int32_t ibit;
        uint8_t *pb = sample_page_copy(cbPage, &pgno, false);
        uint8_t *pbOrig = malloc(cbPage);
        memcpy(pbOrig, pb, cbPage);
        for (uint32_t ib = 40; ib < 64; ib += 7) {
            pb[ib] ^= 0x02;
            assert_int_equal(page_verify(pb, cbPage, pgno, PAGE_VERIFY_FIX, &ibit), WRN_PAGE_BIT_CORRECTED);
            assert_int_equal(ibit, ib * 8 + 1);
            assert_memory_equal(pb, pbOrig, cbPage);
        }
        free(pbOrig);
        free(pb);
    }
}

/* A page that verifies by checksum but would not pass validation after the "fix" is refused. */
static void test_page_verify_refuses_fix_that_leaves_page_corrupt(void **state)
{
    (void)state;
    uint32_t pgno;
    int32_t ibit;
    uint8_t *pb = sample_page_copy(4096, &pgno, false);
    /* Break the structure, re-stamp, then flip one bit: the ECC can undo the bit, but the page it
     * gives back is still corrupt. */
    put_le16(pb + 28, (uint16_t)(get_le16(pb + 28) + 1));     /* cbFree off by one */
    page_checksum_set(pb, 4096, pgno);
    assert_int_equal(page_verify(pb, 4096, pgno, 0, &ibit), JET_errDatabaseCorrupted);
    pb[2000] ^= 0x40;
    uint8_t *pbCopy = malloc(4096);
    memcpy(pbCopy, pb, 4096);
    assert_int_equal(page_verify(pb, 4096, pgno, PAGE_VERIFY_FIX, &ibit), JET_errReadVerifyFailure);
    assert_memory_equal(pb, pbCopy, 4096);
    free(pbCopy);
    free(pb);
}

static void test_page_verify_reports_uninitialized_page(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        uint8_t *pb = calloc(1, rgcbPage[i]);
        int32_t ibit;
        assert_int_equal(page_checksum_verify(pb, rgcbPage[i], 7, NULL), JET_errPageNotInitialized);
        assert_int_equal(page_verify(pb, rgcbPage[i], 7, PAGE_VERIFY_FIX, &ibit), JET_errPageNotInitialized);
        free(pb);
    }
}

/* Large pages keep their number in the header: a page written for another number but
 * checksummed for this one is JET_errReadPgnoVerifyFailure. */
static void test_page_verify_reports_wrong_pgno_on_large_pages(void **state)
{
    (void)state;
    uint32_t pgno;
    int32_t ibit;
    uint8_t *pb = sample_page_copy(32768, &pgno, false);
    page_checksum_set(pb, 32768, pgno + 5);
    assert_int_equal(page_checksum_verify(pb, 32768, pgno + 5, NULL), JET_errSuccess);
    assert_int_equal(page_verify(pb, 32768, pgno + 5, 0, &ibit), JET_errReadPgnoVerifyFailure);
    assert_int_equal(page_verify(pb, 32768, pgno, 0, &ibit), JET_errReadVerifyFailure);
    free(pb);
}

/* Pages written before 2004 (no ECC flag): seed XOR everything after the first u32, pgno at 4. */
static void test_page_checksum_handles_old_format(void **state)
{
    (void)state;
    uint32_t pgno;
    uint8_t *pb = sample_page_copy(4096, &pgno, false);
    put_le32(pb + 36, get_le32(pb + 36) & ~PAGE_FLAG_NEW_CHECKSUM);
    put_le32(pb + 4, pgno);
    uint32_t x = PAGE_DB_MAGIC;
    for (uint32_t ib = 4; ib < 4096; ib += 4)
        x ^= get_le32(pb + ib);
    put_le32(pb, x);
    struct page_checksum_report rep;
    assert_int_equal(page_checksum_verify(pb, 4096, pgno, &rep), JET_errSuccess);
    assert_int_equal(rep.computed.rg[0], ((uint64_t)pgno << 32) | x);
    assert_int_equal(page_checksum_verify(pb, 4096, pgno + 1, &rep), JET_errReadVerifyFailure);
    pb[1234] ^= 1;
    assert_int_equal(page_checksum_verify(pb, 4096, pgno, &rep), JET_errReadVerifyFailure);
    assert_false(rep.fCorrectable);     /* no ECC in the old form */
    free(pb);
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_checksum_verifies_every_sample_page),
        cmocka_unit_test(test_page_checksum_detects_every_changed_byte),
        cmocka_unit_test(test_page_checksum_locates_every_single_bit_error),
        cmocka_unit_test(test_page_checksum_two_bit_errors_are_not_correctable),
        cmocka_unit_test(test_page_verify_corrects_one_bit_and_reports_it),
        cmocka_unit_test(test_page_verify_corrects_bit_in_stored_block_checksum),
        cmocka_unit_test(test_page_verify_refuses_fix_that_leaves_page_corrupt),
        cmocka_unit_test(test_page_verify_reports_uninitialized_page),
        cmocka_unit_test(test_page_verify_reports_wrong_pgno_on_large_pages),
        cmocka_unit_test(test_page_checksum_handles_old_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
