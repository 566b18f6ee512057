/* SPDX-License-Identifier: MIT
 * page/tests/test_write.c: changing pages: formatting, inserting (with ESE's prefix
 * compression), replacing, deleting, flags, tag 0, compaction; byte-for-byte rebuilds of
 * Windows-made pages; the check-then-modify contract; and a randomized comparison against a
 * simple model of the page's nodes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "debug.h"
#include "page.h"
#include "sample.h"

static const uint32_t rgcbPage[] = { 4096, 8192, 16384, 32768 };

static void expect_valid(const struct page_buf *pb)
{
    struct page_view v = page_view_of(pb);
    JET_ERR err = page_validate_ex(&v, PAGE_CHECK_KEY_ORDER);
    if (err != JET_errSuccess)
        fail_msg("page %u (%u bytes) does not validate: %ld", (unsigned)pb->pgno, (unsigned)pb->cb, (long)err);
}

static void expect_node(const struct page_buf *pb, uint32_t iline, const void *key, uint32_t cbKey,
        const void *data, uint32_t cbData, uint8_t fFlags)
{
    struct page_view v = page_view_of(pb);
    struct page_node n;
    assert_int_equal(page_get_node(&v, iline, &n), JET_errSuccess);
    assert_int_equal(page_node_cb_key(&n), cbKey);
    assert_int_equal(page_node_key_cmp(&n, key, cbKey), 0);
    assert_int_equal(n.cbData, cbData);
    if (cbData)
        assert_memory_equal(n.pbData, data, cbData);
    assert_int_equal(n.fFlags & ~PAGE_NODE_COMPRESSED, fFlags);
}

static void test_page_init_formats_an_empty_page(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint8_t *pb = malloc(cbPage);
        memset(pb, 0xEE, cbPage);
        struct page_buf b = page_buf_make(pb, cbPage, 77);
        struct page_view v = page_view_of(&b);
        page_init(&b, 9, 0x40, PAGE_FLAG_ROOT | PAGE_FLAG_LEAF | PAGE_FLAG_PREINIT);
        expect_valid(&b);
        assert_int_equal(page_flags(&v), PAGE_FLAG_ROOT | PAGE_FLAG_LEAF | PAGE_FLAG_NEW_RECORD_FORMAT);
        assert_int_equal(page_objid_fdp(&v), 9);
        assert_int_equal(page_dbtime(&v), 0x40);
        assert_int_equal(page_itag_mic_free(&v), 1);
        assert_int_equal(page_ctag_reserved(&v), 1);
        assert_int_equal(get_le16(pb + 34), 1);             /* legacy itagState form */
        assert_int_equal(page_cline(&v), 0);
        assert_int_equal(page_cb_free(&v), cbPage - page_cb_header_for(cbPage) - 4);
        assert_int_equal(page_cb_contiguous_free(&v), page_cb_free(&v));
        assert_int_equal(page_ib_mic_free(&v), 0);
        assert_int_equal(page_pgno_stored(&v), 77);
        struct page_line l;
        assert_int_equal(page_get_external_header(&v, &l), JET_errSuccess);
        assert_int_equal(l.cb, 0);
        /* Written, it verifies like a Windows page. */
        page_prepare_for_write(&b, PAGE_FLUSH_ROCK);
        assert_int_equal(page_flush_type(&v), PAGE_FLUSH_ROCK);
        assert_true(page_is_new_checksum(&v));
        assert_int_equal(page_verify(pb, cbPage, 77, 0, NULL), JET_errSuccess);
        free(pb);
    }
}

/* Keys inserted in any order at their sorted position read back in order, on every size. */
static void test_page_insert_node_reads_back_in_order(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint8_t *pb = calloc(1, cbPage);
        struct page_buf b = page_buf_make(pb, cbPage, 12);
        page_init(&b, 5, 100, PAGE_FLAG_LEAF);
        /* keys "k000".."k049" inserted as 0, 49, 1, 48, ... */
        for (uint32_t n = 0; n < 50; n++) {
            uint32_t k = n % 2 ? 49 - n / 2 : n / 2;
            char key[8], data[32];
            snprintf(key, sizeof key, "k%03u", (unsigned)k);
            int cbData = snprintf(data, sizeof data, "data for %u", (unsigned)k);
            /* position: number of keys already present that are smaller */
            uint32_t iline = n % 2 ? n / 2 + 1 : n / 2;
            assert_int_equal(page_insert_node(&b, iline, key, 4, data, (uint32_t)cbData,
                                              (uint8_t)(k % 3 == 0 ? PAGE_NODE_VERSIONED : 0)), JET_errSuccess);
            expect_valid(&b);
        }
        for (uint32_t k = 0; k < 50; k++) {
            char key[8], data[32];
            snprintf(key, sizeof key, "k%03u", (unsigned)k);
            int cbData = snprintf(data, sizeof data, "data for %u", (unsigned)k);
            expect_node(&b, k, key, 4, data, (uint32_t)cbData, (uint8_t)(k % 3 == 0 ? PAGE_NODE_VERSIONED : 0));
        }
        free(pb);
    }
}

/* ESE's prefix rule: compress against tag 0 when more than two bytes are shared, by all the
 * shared bytes; never on the root of a data tree; after the split buffer on space-tree roots. */
static void test_page_insert_node_compresses_prefix_as_ese(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint8_t *pb = calloc(1, cbPage);
        struct page_buf b = page_buf_make(pb, cbPage, 3);
        struct page_view v = page_view_of(&b);
        struct page_node n;

        page_init(&b, 5, 100, PAGE_FLAG_LEAF | PAGE_FLAG_INDEX);
        assert_int_equal(page_set_external_header(&b, "prefix-abc", 10), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 0, "prefix-abc-1", 12, "D1", 2, 0), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 1, "prefix-x", 8, "D2", 2, PAGE_NODE_DELETED), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 2, "prz", 3, "D3", 2, 0), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 3, "q", 1, "D4", 2, 0), JET_errSuccess);
        expect_valid(&b);
        assert_int_equal(page_get_node(&v, 0, &n), JET_errSuccess);
        assert_int_equal(n.cbPrefix, 10);
        assert_int_equal(n.cbSuffix, 2);
        assert_true(n.fFlags & PAGE_NODE_COMPRESSED);
        assert_int_equal(page_get_node(&v, 1, &n), JET_errSuccess);
        assert_int_equal(n.cbPrefix, 7);
        assert_int_equal(n.fFlags, PAGE_NODE_COMPRESSED | PAGE_NODE_DELETED);
        assert_int_equal(page_get_node(&v, 2, &n), JET_errSuccess);   /* 2 shared bytes: no */
        assert_int_equal(n.cbPrefix, 0);
        assert_int_equal(n.fFlags, 0);
        expect_node(&b, 0, "prefix-abc-1", 12, "D1", 2, 0);
        expect_node(&b, 1, "prefix-x", 8, "D2", 2, PAGE_NODE_DELETED);
        expect_node(&b, 3, "q", 1, "D4", 2, 0);

        /* Encoding: [u16 cbPrefix][u16 cbSuffix][suffix][data], flags in the tag or the node. */
        struct page_line l;
        assert_int_equal(page_get_line(&v, 0, &l), JET_errSuccess);
        assert_int_equal(l.cb, 2 + 2 + 2 + 2);
        assert_int_equal(get_le16(l.pb) & 0x1FFF, 10);
        assert_int_equal(get_le16(l.pb + 2), 2);
        assert_memory_equal(l.pb + 4, "-1D1", 4);
        if (cbPage > 8192)
            assert_int_equal(get_le16(l.pb) >> 13, PAGE_NODE_COMPRESSED);
        else
            assert_int_equal(get_le16(pb + cbPage - 8 + 2) >> 13, PAGE_NODE_COMPRESSED);

        /* An FDP root never compresses, even with a prefix-looking key. */
        page_init(&b, 5, 100, PAGE_FLAG_ROOT | PAGE_FLAG_LEAF);
        uint8_t sph[16] = { 1 };
        assert_int_equal(page_set_external_header(&b, sph, 16), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 0, "\x01\0\0\0\0\0", 6, "x", 1, 0), JET_errSuccess);
        assert_int_equal(page_get_node(&v, 0, &n), JET_errSuccess);
        assert_int_equal(n.cbPrefix, 0);
        assert_int_equal(page_insert_node_prefix(&b, 1, "\x01\0\0\0\0\1", 6, 4, "y", 1, 0), JET_errInvalidParameter);

        /* Space-tree root: the prefix follows the 16-byte split buffer. */
        page_init(&b, 5, 100, PAGE_FLAG_ROOT | PAGE_FLAG_LEAF | PAGE_FLAG_SPACE_TREE);
        uint8_t ext[20] = { 0 };
        memcpy(ext + 16, "\0\0\x01\x02", 4);
        assert_int_equal(page_set_external_header(&b, ext, 20), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 0, "\0\0\x01\x05", 4, "\x10\0\0\0", 4, 0), JET_errSuccess);
        assert_int_equal(page_get_node(&v, 0, &n), JET_errSuccess);
        assert_int_equal(n.cbPrefix, 3);
        assert_ptr_equal(n.pbPrefix, pb + page_cb_header_for(cbPage) + 16);
        expect_node(&b, 0, "\0\0\x01\x05", 4, "\x10\0\0\0", 4, 0);
        expect_valid(&b);
        free(pb);
    }
}

static void test_page_insert_node_prefix_checks_the_prefix(void **state)
{
    (void)state;
    uint8_t *pb = calloc(1, 4096);
    struct page_buf b = page_buf_make(pb, 4096, 3);
    page_init(&b, 5, 100, PAGE_FLAG_LEAF);
    assert_int_equal(page_set_external_header(&b, "abcdef", 6), JET_errSuccess);
    uint8_t *pbBefore = malloc(4096);
    memcpy(pbBefore, pb, 4096);
    assert_int_equal(page_insert_node_prefix(&b, 0, "abcxyz", 6, 4, "d", 1, 0), JET_errInvalidParameter);
    assert_int_equal(page_insert_node_prefix(&b, 0, "abcdef", 6, 2, "d", 1, 0), JET_errInvalidParameter);
    assert_int_equal(page_insert_node_prefix(&b, 0, "abcdefg", 7, 7, "d", 1, 0), JET_errInvalidParameter);
    assert_int_equal(page_insert_node_prefix(&b, 1, "abcdef", 6, 3, "d", 1, 0), JET_errInvalidParameter);
    assert_int_equal(page_insert_node_prefix(&b, 0, "abcdef", 6, 3, "d", 1, 0x8), JET_errInvalidParameter);
    assert_memory_equal(pb, pbBefore, 4096);
    assert_int_equal(page_insert_node_prefix(&b, 0, "abcdef", 6, 3, "d", 1, 0), JET_errSuccess);
    assert_int_equal(page_insert_node_prefix(&b, 1, "abcdefg", 7, 0, "d", 1, 0), JET_errSuccess);
    expect_node(&b, 0, "abcdef", 6, "d", 1, 0);
    expect_node(&b, 1, "abcdefg", 7, "d", 1, 0);
    expect_valid(&b);
    free(pbBefore);
    free(pb);
}

/* Nodes always carry data; on internal pages exactly a 4-byte child page number. */
static void test_page_insert_node_refuses_misfit_data(void **state)
{
    (void)state;
    uint8_t *pb = calloc(1, 4096), *pbBefore = malloc(4096);
    struct page_buf b = page_buf_make(pb, 4096, 3);
    page_init(&b, 5, 100, PAGE_FLAG_LEAF);
    memcpy(pbBefore, pb, 4096);
    assert_int_equal(page_insert_node(&b, 0, "key", 3, "", 0, 0), JET_errInvalidParameter);
    assert_int_equal(page_insert_node(&b, 0, "key", 3, NULL, 0, 0), JET_errInvalidParameter);
    assert_memory_equal(pb, pbBefore, 4096);
    assert_int_equal(page_insert_node(&b, 0, "key", 3, "d", 1, 0), JET_errSuccess);
    assert_int_equal(page_replace_node_data(&b, 0, "", 0), JET_errInvalidParameter);

    page_init(&b, 5, 100, PAGE_FLAG_PARENT_OF_LEAF);
    memcpy(pbBefore, pb, 4096);
    assert_int_equal(page_insert_node(&b, 0, "key", 3, "12345", 5, 0), JET_errInvalidParameter);
    assert_int_equal(page_insert_node(&b, 0, "key", 3, "123", 3, 0), JET_errInvalidParameter);
    assert_memory_equal(pb, pbBefore, 4096);
    assert_int_equal(page_insert_node(&b, 0, "key", 3, "1234", 4, 0), JET_errSuccess);
    assert_int_equal(page_replace_node_data(&b, 0, "12345", 5), JET_errInvalidParameter);
    assert_int_equal(page_replace_node_data(&b, 0, "5678", 4), JET_errSuccess);
    expect_node(&b, 0, "key", 3, "5678", 4, 0);
    expect_valid(&b);
    free(pbBefore);
    free(pb);
}

/* Fill a page to the last byte: the failing insert reports ERR_PAGE_FULL and leaves every byte. */
static void test_page_insert_node_fails_when_full(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint8_t *pb = calloc(1, cbPage), *pbBefore = malloc(cbPage);
        uint8_t data[256];
        struct page_buf b = page_buf_make(pb, cbPage, 3);
        struct page_view v = page_view_of(&b);
        memset(data, 0x42, sizeof data);
        page_init(&b, 5, 100, PAGE_FLAG_LEAF);
        uint32_t k = 0;
        for (;; k++) {
            uint8_t key[4];
            put_be32(key, k);
            memcpy(pbBefore, pb, cbPage);
            JET_ERR err = page_insert_node(&b, k, key, 4, data, 200, 0);
            if (err == ERR_PAGE_FULL)
                break;
            assert_int_equal(err, JET_errSuccess);
        }
        assert_memory_equal(pb, pbBefore, cbPage);
        /* What is left is less than a node of this size. */
        assert_true(page_cb_free(&v) < 2 + 4 + 200 + PAGE_CB_TAG);
        /* A node that fits exactly still goes in (the page is then exactly full). */
        uint8_t key[4];
        if (page_cb_free(&v) > PAGE_CB_TAG + 2 + 4) {
            const uint32_t cbFit = page_cb_free(&v) - PAGE_CB_TAG - 2 - 4;
            put_be32(key, k);
            assert_int_equal(page_insert_node(&b, k, key, 4, data, cbFit, 0), JET_errSuccess);
            assert_int_equal(page_cb_free(&v), 0);
            k++;
        }
        expect_valid(&b);
        /* Nothing at all fits now; a line larger than any page is refused up front. */
        memcpy(pbBefore, pb, cbPage);
        put_be32(key, k);
        assert_int_equal(page_insert_node(&b, k, key, 4, data, 1, 0), ERR_PAGE_FULL);
        uint8_t *big = calloc(1, cbPage);
        assert_int_equal(page_insert_node(&b, 0, key, 4, big, cbPage, 0), JET_errInvalidParameter);
        assert_memory_equal(pb, pbBefore, cbPage);
        free(big);
        free(pbBefore);
        free(pb);
    }
}

/* Replace: shrink in place, grow in place at the end, grow by moving, grow after compaction;
 * the page holds exactly the right nodes each time. */
static void test_page_replace_node_data_moves_and_compacts(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint8_t *pb = calloc(1, cbPage);
        struct page_buf b = page_buf_make(pb, cbPage, 3);
        struct page_view v = page_view_of(&b);
        const uint32_t cbBig = (cbPage - 200) / 4;
        uint8_t *big = malloc(cbPage);
        for (uint32_t j = 0; j < cbPage; j++)
            big[j] = (uint8_t)(j * 7);

        page_init(&b, 5, 100, PAGE_FLAG_LEAF);
        assert_int_equal(page_set_external_header(&b, "key-", 4), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 0, "key-a", 5, big, cbBig, 0), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 1, "key-b", 5, big + 1, cbBig, PAGE_NODE_VERSIONED), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 2, "key-c", 5, big + 2, cbBig, 0), JET_errSuccess);

        /* shrink node 0: hole after it */
        assert_int_equal(page_replace_node_data(&b, 0, "tiny", 4), JET_errSuccess);
        expect_node(&b, 0, "key-a", 5, "tiny", 4, 0);
        assert_true(page_cb_contiguous_free(&v) < page_cb_free(&v));
        /* grow the last node in place */
        const uint32_t ibMic = page_ib_mic_free(&v);
        assert_int_equal(page_replace_node_data(&b, 2, big + 2, cbBig + 10), JET_errSuccess);
        assert_int_equal(page_ib_mic_free(&v), ibMic + 10);
        expect_node(&b, 2, "key-c", 5, big + 2, cbBig + 10, 0);
        /* grow node 1: it moves to the end */
        assert_int_equal(page_replace_node_data(&b, 1, big + 3, cbBig + 20), JET_errSuccess);
        expect_node(&b, 1, "key-b", 5, big + 3, cbBig + 20, PAGE_NODE_VERSIONED);
        expect_valid(&b);
        /* grow node 0 into everything that is free: needs compaction */
        const uint32_t cbMax = page_cb_free(&v) + 4 + 1 /* suffix */ + 4 /* counts */ - 5;
        assert_true(page_cb_contiguous_free(&v) < cbMax);
        assert_int_equal(page_replace_node_data(&b, 0, big + 4, cbMax), JET_errSuccess);
        assert_int_equal(page_cb_free(&v), 0);
        expect_node(&b, 0, "key-a", 5, big + 4, cbMax, 0);
        expect_node(&b, 1, "key-b", 5, big + 3, cbBig + 20, PAGE_NODE_VERSIONED);
        expect_node(&b, 2, "key-c", 5, big + 2, cbBig + 10, 0);
        expect_valid(&b);
        /* one byte more does not fit */
        uint8_t *pbBefore = malloc(cbPage);
        memcpy(pbBefore, pb, cbPage);
        assert_int_equal(page_replace_node_data(&b, 0, big, cbMax + 1), ERR_PAGE_FULL);
        assert_int_equal(page_replace_node_data(&b, 3, big, 1), JET_errInvalidParameter);
        assert_memory_equal(pb, pbBefore, cbPage);
        free(pbBefore);
        free(big);
        free(pb);
    }
}

static void test_page_delete_node_returns_space(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint8_t *pb = calloc(1, cbPage);
        struct page_buf b = page_buf_make(pb, cbPage, 3);
        struct page_view v = page_view_of(&b);
        page_init(&b, 5, 100, PAGE_FLAG_LEAF);
        const uint32_t cbFree0 = page_cb_free(&v);
        assert_int_equal(page_insert_node(&b, 0, "aaa", 3, "1111", 4, 0), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 1, "bbb", 3, "2222", 4, 0), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 2, "ccc", 3, "3333", 4, 0), JET_errSuccess);
        assert_int_equal(page_cb_free(&v), cbFree0 - 3 * (2 + 3 + 4 + 4));

        assert_int_equal(page_delete_node(&b, 1), JET_errSuccess);      /* a hole */
        assert_int_equal(page_ib_mic_free(&v), 3 * 9);
        expect_node(&b, 0, "aaa", 3, "1111", 4, 0);
        expect_node(&b, 1, "ccc", 3, "3333", 4, 0);
        assert_int_equal(page_delete_node(&b, 1), JET_errSuccess);      /* the end: comes back */
        assert_int_equal(page_ib_mic_free(&v), 2 * 9);
        assert_int_equal(page_delete_node(&b, 0), JET_errSuccess);      /* empty: all of it */
        assert_int_equal(page_ib_mic_free(&v), 0);
        assert_int_equal(page_cb_free(&v), cbFree0);
        assert_int_equal(page_cline(&v), 0);
        assert_int_equal(page_delete_node(&b, 0), JET_errInvalidParameter);
        expect_valid(&b);
        free(pb);
    }
}

static void test_page_set_line_flags_changes_only_flags(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint8_t *pb = calloc(1, cbPage);
        struct page_buf b = page_buf_make(pb, cbPage, 3);
        page_init(&b, 5, 100, PAGE_FLAG_LEAF);
        assert_int_equal(page_set_external_header(&b, "pfx", 3), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 0, "pfx1", 4, "data", 4, 0), JET_errSuccess);
        assert_int_equal(page_set_line_flags(&b, 0, PAGE_NODE_COMPRESSED | PAGE_NODE_DELETED), JET_errSuccess);
        expect_node(&b, 0, "pfx1", 4, "data", 4, PAGE_NODE_DELETED);
        assert_int_equal(page_set_line_flags(&b, 0, PAGE_NODE_COMPRESSED), JET_errSuccess);
        expect_node(&b, 0, "pfx1", 4, "data", 4, 0);
        assert_int_equal(page_set_line_flags(&b, 0, 0x10), JET_errInvalidParameter);
        assert_int_equal(page_set_line_flags(&b, 1, 0), JET_errInvalidParameter);
        expect_valid(&b);
        free(pb);
    }
}

/* Growing and shrinking one node's compression leaves its key as it was. */
static void test_page_node_set_prefix_keeps_the_key(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint8_t *pb = calloc(1, cbPage);
        struct page_buf b = page_buf_make(pb, cbPage, 3);
        struct page_view v = page_view_of(&b);
        struct page_node n;
        page_init(&b, 5, 100, PAGE_FLAG_LEAF);
        assert_int_equal(page_set_external_header(&b, "common-prefix", 13), JET_errSuccess);
        assert_int_equal(page_insert_node_prefix(&b, 0, "common-prefix-1", 15, 0, "D", 1, PAGE_NODE_VERSIONED), JET_errSuccess);
        assert_int_equal(page_insert_node(&b, 1, "common-prefix-2", 15, "E", 1, 0), JET_errSuccess);
        const uint32_t rgcb[] = { 5, 13, 3, 0, 13, 6 };
        for (size_t j = 0; j < ARRAY_SIZE(rgcb); j++) {
            assert_int_equal(page_node_set_prefix(&b, 0, rgcb[j]), JET_errSuccess);
            assert_int_equal(page_get_node(&v, 0, &n), JET_errSuccess);
            assert_int_equal(n.cbPrefix, rgcb[j]);
            expect_node(&b, 0, "common-prefix-1", 15, "D", 1, PAGE_NODE_VERSIONED);
            expect_node(&b, 1, "common-prefix-2", 15, "E", 1, 0);
            expect_valid(&b);
        }
        uint8_t *pbBefore = malloc(cbPage);
        memcpy(pbBefore, pb, cbPage);
        assert_int_equal(page_node_set_prefix(&b, 0, 14), JET_errInvalidParameter);
        assert_int_equal(page_node_set_prefix(&b, 0, 2), JET_errInvalidParameter);
        assert_int_equal(page_node_set_prefix(&b, 0, 16), JET_errInvalidParameter);
        assert_memory_equal(pb, pbBefore, cbPage);
        free(pbBefore);
        free(pb);
    }
}

/* Tag 0 may change only where no compressed node depends on the changed bytes. */
static void test_page_set_external_header_keeps_used_prefix(void **state)
{
    (void)state;
    uint8_t *pb = calloc(1, 8192);
    struct page_buf b = page_buf_make(pb, 8192, 3);
    page_init(&b, 5, 100, PAGE_FLAG_LEAF);
    assert_int_equal(page_set_external_header(&b, "abcdefgh", 8), JET_errSuccess);
    assert_int_equal(page_insert_node(&b, 0, "abcdeX", 6, "1", 1, 0), JET_errSuccess);     /* uses 5 */
    assert_int_equal(page_set_external_header(&b, "abcdeZZZZZZZZ", 13), JET_errSuccess);
    assert_int_equal(page_set_external_header(&b, "abcde", 5), JET_errSuccess);
    assert_int_equal(page_set_external_header(&b, "abcd", 4), JET_errInvalidParameter);
    assert_int_equal(page_set_external_header(&b, "abXde", 5), JET_errInvalidParameter);
    expect_node(&b, 0, "abcdeX", 6, "1", 1, 0);
    assert_int_equal(page_node_set_prefix(&b, 0, 0), JET_errSuccess);
    assert_int_equal(page_set_external_header(&b, NULL, 0), JET_errSuccess);
    expect_node(&b, 0, "abcdeX", 6, "1", 1, 0);
    expect_valid(&b);
    free(pb);
}

/* The line API refuses data that points into the page itself. */
static void test_page_insert_line_refuses_data_inside_the_page(void **state)
{
    (void)state;
    uint8_t *pb = calloc(1, 4096);
    struct page_buf b = page_buf_make(pb, 4096, 3);
    page_init(&b, 5, 100, PAGE_FLAG_LEAF);
    const struct page_data d = { pb + 100, 10 };
    assert_int_equal(page_insert_line(&b, 0, &d, 1, 0), JET_errInvalidParameter);
    assert_int_equal(page_set_external_header(&b, pb + 4000, 10), JET_errInvalidParameter);
    free(pb);
}

/* Mutators refuse a page whose structure they cannot trust, and leave it alone. */
static void test_page_mutators_refuse_unsound_pages(void **state)
{
    (void)state;
    uint8_t *pb = calloc(1, 4096), *pbBefore = malloc(4096);
    struct page_buf b = page_buf_make(pb, 4096, 3);
    page_init(&b, 5, 100, PAGE_FLAG_LEAF);
    assert_int_equal(page_insert_node(&b, 0, "aaa", 3, "1", 1, 0), JET_errSuccess);
    put_le16(pb + 28, (uint16_t)(get_le16(pb + 28) - 1));     /* accounting off */
    b = page_buf_make(pb, 4096, 3);     /* bytes changed behind b's back: a new page_buf */
    memcpy(pbBefore, pb, 4096);
    assert_int_equal(page_insert_node(&b, 1, "bbb", 3, "1", 1, 0), JET_errDatabaseCorrupted);
    assert_int_equal(page_replace_node_data(&b, 0, "22", 2), JET_errDatabaseCorrupted);
    assert_int_equal(page_delete_node(&b, 0), JET_errDatabaseCorrupted);
    assert_int_equal(page_reorganize(&b), JET_errDatabaseCorrupted);
    assert_int_equal(page_set_external_header(&b, "x", 1), JET_errDatabaseCorrupted);
    assert_memory_equal(pb, pbBefore, 4096);
    /* A pre-initialized page has no tag 0 yet. */
    put_le16(pb + 34, 0);
    put_le32(pb + 36, PAGE_FLAG_PREINIT | PAGE_FLAG_NEW_RECORD_FORMAT);
    assert_int_equal(page_insert_node(&b, 0, "bbb", 3, "1", 1, 0), JET_errDatabaseCorrupted);
    free(pbBefore);
    free(pb);
}

/* A page_buf remembers that its page was checked: page_init and a successful mutator set
 * fSound, page_buf_make starts clear, and a failed check leaves it clear. */
static void test_page_buf_sound_bit_follows_checks(void **state)
{
    (void)state;
    uint8_t *pb = calloc(1, 8192);
    struct page_buf b = page_buf_make(pb, 8192, 3);
    assert_false(b.fSound);
    page_init(&b, 5, 100, PAGE_FLAG_LEAF);
    assert_true(b.fSound);
    struct page_buf b2 = page_buf_make(pb, 8192, 3);
    assert_false(b2.fSound);
    assert_int_equal(page_insert_node(&b2, 0, "\0\0\0\0", 4, "1", 1, 0), JET_errSuccess);
    assert_true(b2.fSound);
    for (uint32_t i = 1; i < 50; i++) {
        uint8_t key[4];
        put_be32(key, i);
        assert_int_equal(page_insert_node(&b2, i, key, 4, "data", 4, 0), JET_errSuccess);
    }
    expect_valid(&b2);
    put_le16(pb + 28, (uint16_t)(get_le16(pb + 28) + 1));     /* accounting off */
    struct page_buf b3 = page_buf_make(pb, 8192, 3);
    assert_int_equal(page_delete_node(&b3, 0), JET_errDatabaseCorrupted);
    assert_false(b3.fSound);
    free(pb);
}

/* ---- against Windows' own pages ------------------------------------------------------------- */

/* Compacting a Windows page keeps every node (same order, keys, data, flags) and leaves one
 * free block. */
static void test_page_reorganize_keeps_sample_nodes(void **state)
{
    (void)state;
    unsigned cpg = 0;
    for (size_t i = 0; i < sample_count; i++) {
        struct sample s;
        sample_load(&sample_all[i], &s);
        const uint32_t cbPage = s.desc->cbPage;
        const uint32_t pgnoLast = MIN(sample_pgno_last_owned(&s), sample_cpg(&s));
        uint8_t *pb = malloc(cbPage);
        for (uint32_t pgno = 1; pgno <= pgnoLast; pgno++) {
            if (sample_page_is_zero(&s, pgno))
                continue;
            const struct page_view vOrig = page_view_make(sample_page(&s, pgno), cbPage, pgno);
            if (page_cline(&vOrig) == 0)
                continue;
            memcpy(pb, vOrig.buf, cbPage);
            struct page_buf b = page_buf_make(pb, cbPage, pgno);
            struct page_view v = page_view_of(&b);
            assert_int_equal(page_reorganize(&b), JET_errSuccess);
            expect_valid(&b);
            assert_int_equal(page_cb_contiguous_free(&v), page_cb_free(&v));
            assert_int_equal(page_cline(&v), page_cline(&vOrig));
            for (uint32_t iline = 0; iline < page_cline(&v); iline++) {
                struct page_node a, n;
                assert_int_equal(page_get_node(&vOrig, iline, &a), JET_errSuccess);
                assert_int_equal(page_get_node(&v, iline, &n), JET_errSuccess);
                assert_int_equal(page_node_cmp(&a, &n, true), 0);
                assert_int_equal(a.fFlags, n.fFlags);
                assert_int_equal(a.cbPrefix, n.cbPrefix);
            }
            /* The header outside the free-space fields is untouched. */
            assert_memory_equal(pb, vOrig.buf, 32);
            assert_memory_equal(pb + 34, vOrig.buf + 34, page_cb_header_for(cbPage) - 34);
            cpg++;
        }
        free(pb);
        sample_free(&s);
    }
    assert_true(cpg > 1000);
}

/* A Windows page whose lines lie in tag order with no gaps, and whose tags carry no stale bits,
 * is what inserting its lines in order onto a fresh page gives: rebuilding it with our code
 * reproduces it byte for byte, checksum included. */
static bool page_is_in_order_and_compact(const struct page_view *pv)
{
    const uint32_t itagMic = page_itag_mic_free(pv);
    const uint32_t mask = pv->large ? PAGE_TAG_MASK_LARGE : PAGE_TAG_MASK_SMALL;
    uint32_t ibNext = 0;
    if (itagMic == 0 || page_cb_uncommitted_free(pv) != 0)
        return false;
    for (uint32_t itag = 0; itag < itagMic; itag++) {
        const uint8_t *pt = pv->buf + pv->cb - 4 * (itag + 1);
        if ((get_le16(pt) & ~mask) || (pv->large && (get_le16(pt + 2) & 0x8000)))
            return false;
        if ((get_le16(pt + 2) & mask) != ibNext)
            return false;
        ibNext += get_le16(pt) & mask;
    }
    if (ibNext != page_ib_mic_free(pv))
        return false;
    /* The free area holds no stale bytes. */
    const uint8_t *pbFree = pv->buf + page_cb_header(pv) + ibNext;
    for (uint32_t i = 0; i < page_cb_contiguous_free(pv); i++)
        if (pbFree[i])
            return false;
    return true;
}

static void test_page_rebuild_reproduces_windows_pages(void **state)
{
    (void)state;
    unsigned cCandidates = 0, cSizes[4] = { 0 };
    for (size_t i = 0; i < sample_count; i++) {
        struct sample s;
        sample_load(&sample_all[i], &s);
        const uint32_t cbPage = s.desc->cbPage;
        const uint32_t pgnoLast = MIN(sample_pgno_last_owned(&s), sample_cpg(&s));
        uint8_t *pb = malloc(cbPage);
        for (uint32_t pgno = 1; pgno <= pgnoLast; pgno++) {
            if (sample_page_is_zero(&s, pgno))
                continue;
            const struct page_view vOrig = page_view_make(sample_page(&s, pgno), cbPage, pgno);
            if (!page_is_in_order_and_compact(&vOrig))
                continue;
            cCandidates++;
            cSizes[cbPage == 4096 ? 0 : cbPage == 8192 ? 1 : cbPage == 16384 ? 2 : 3]++;

            struct page_buf b = page_buf_make(pb, cbPage, pgno);
            page_init(&b, page_objid_fdp(&vOrig), page_dbtime(&vOrig),
                      page_flags(&vOrig) & ~(PAGE_FLAG_NEW_CHECKSUM | PAGE_FLAG_FLUSH_TYPE_MASK));
            page_set_pgno_prev(&b, page_pgno_prev(&vOrig));
            page_set_pgno_next(&b, page_pgno_next(&vOrig));
            /* Newer pages state their reserved-tag count; the layer keeps that form. */
            put_le16(pb + 34, (uint16_t)(get_le16(vOrig.buf + 34) & 0xF000) | 1);

            struct page_line l;
            assert_int_equal(page_get_external_header(&vOrig, &l), JET_errSuccess);
            assert_int_equal(page_set_external_header(&b, l.pb, l.cb), JET_errSuccess);
            for (uint32_t iline = 0; iline < page_cline(&vOrig); iline++) {
                assert_int_equal(page_get_line(&vOrig, iline, &l), JET_errSuccess);
                const struct page_data d = { l.pb, l.cb };
                assert_int_equal(page_insert_line(&b, iline, &d, 1, l.fFlags), JET_errSuccess);
            }
            page_prepare_for_write(&b, page_flush_type(&vOrig));
            if (memcmp(pb, vOrig.buf, cbPage) != 0) {
                uint32_t ib = 0;
                while (pb[ib] == vOrig.buf[ib])
                    ib++;
                fail_msg("%s page %u: rebuilt page differs at byte %u", s.desc->path, (unsigned)pgno, (unsigned)ib);
            }
        }
        free(pb);
        sample_free(&s);
    }
    print_message("rebuilt %u Windows pages byte for byte (4K %u, 8K %u, 16K %u, 32K %u)\n",
                  cCandidates, cSizes[0], cSizes[1], cSizes[2], cSizes[3]);
    assert_true(cCandidates > 100);
    assert_true(cSizes[0] && cSizes[1] && cSizes[3]);
}

/* ---- randomized model test ------------------------------------------------------------------ */

struct model_node {
    uint8_t key[24];
    uint32_t cbKey;
    uint8_t data[2048];
    uint32_t cbData;
    uint8_t fFlags;
};

static uint32_t rnd(uint32_t *ps)
{
    *ps = *ps * 1103515245u + 12345u;
    return (*ps >> 8) & 0xFFFFFF;
}

/* Keys share a page prefix "RND-" most of the time, so compression, prefix changes and
 * compaction all get exercised. */
static void random_key(uint32_t *ps, uint8_t *key, uint32_t *pcb)
{
    uint32_t cb = 2 + rnd(ps) % 20;
    for (uint32_t i = 0; i < cb; i++)
        key[i] = (uint8_t)('a' + rnd(ps) % 4);
    if (rnd(ps) % 4)
        memcpy(key, "RND-", MIN(4u, cb));
    *pcb = cb;
}

static int model_cmp(const struct model_node *a, const uint8_t *key, uint32_t cbKey)
{
    int c = memcmp(a->key, key, MIN(a->cbKey, cbKey));
    return c ? c : (a->cbKey < cbKey ? -1 : a->cbKey > cbKey ? 1 : 0);
}

static void test_page_mutations_match_a_model(void **state)
{
    (void)state;
    struct model_node *rgm = malloc(sizeof *rgm * 4096);
    for (size_t i = 0; i < ARRAY_SIZE(rgcbPage); i++) {
        const uint32_t cbPage = rgcbPage[i];
        uint8_t *pb = calloc(1, cbPage), *pbBefore = malloc(cbPage);
        struct page_buf b = page_buf_make(pb, cbPage, 9);
        struct page_view v = page_view_of(&b);
        uint32_t seed = 1234 + (uint32_t)i, cm = 0, cFull = 0;
        page_init(&b, 5, 100, PAGE_FLAG_LEAF | PAGE_FLAG_INDEX);
        assert_int_equal(page_set_external_header(&b, "RND-", 4), JET_errSuccess);

        for (int op = 0; op < 6000; op++) {
            uint32_t r = rnd(&seed) % 100;
            JET_ERR err;
            memcpy(pbBefore, pb, cbPage);
            if (r < 45 || cm == 0) {                 /* insert */
                struct model_node m;
                random_key(&seed, m.key, &m.cbKey);
                m.cbData = 1 + rnd(&seed) % (cbPage / 16 - 1);
                for (uint32_t j = 0; j < m.cbData; j++)
                    m.data[j] = (uint8_t)rnd(&seed);
                m.fFlags = (uint8_t)(rnd(&seed) % 4);
                uint32_t pos = 0;
                while (pos < cm && model_cmp(&rgm[pos], m.key, m.cbKey) <= 0)
                    pos++;
                err = page_insert_node(&b, pos, m.key, m.cbKey, m.data, m.cbData, m.fFlags);
                if (err == JET_errSuccess) {
                    memmove(rgm + pos + 1, rgm + pos, sizeof *rgm * (cm - pos));
                    rgm[pos] = m;
                    cm++;
                }
            } else if (r < 70) {                    /* replace data */
                uint32_t pos = rnd(&seed) % cm;
                uint8_t data[2048];
                uint32_t cb = 1 + rnd(&seed) % (cbPage / 16 - 1);
                for (uint32_t j = 0; j < cb; j++)
                    data[j] = (uint8_t)rnd(&seed);
                err = page_replace_node_data(&b, pos, data, cb);
                if (err == JET_errSuccess) {
                    memcpy(rgm[pos].data, data, cb);
                    rgm[pos].cbData = cb;
                }
            } else if (r < 90) {                    /* delete */
                uint32_t pos = rnd(&seed) % cm;
                err = page_delete_node(&b, pos);
                assert_int_equal(err, JET_errSuccess);
                memmove(rgm + pos, rgm + pos + 1, sizeof *rgm * (cm - pos - 1));
                cm--;
            } else if (r < 94) {                    /* flags */
                uint32_t pos = rnd(&seed) % cm;
                uint8_t f = (uint8_t)(rnd(&seed) % 4);
                struct page_node n;
                assert_int_equal(page_get_node(&v, pos, &n), JET_errSuccess);
                err = page_set_line_flags(&b, pos, (uint8_t)(f | (n.fFlags & PAGE_NODE_COMPRESSED)));
                assert_int_equal(err, JET_errSuccess);
                rgm[pos].fFlags = f;
            } else if (r < 98) {                    /* recompress one node */
                uint32_t pos = rnd(&seed) % cm;
                uint32_t cbShared = 0;
                while (cbShared < 4 && cbShared < rgm[pos].cbKey && rgm[pos].key[cbShared] == "RND-"[cbShared])
                    cbShared++;
                uint32_t cbNew = cbShared >= 3 ? 3 + rnd(&seed) % (cbShared - 2) : 0;
                if (rnd(&seed) % 3 == 0)
                    cbNew = 0;
                err = page_node_set_prefix(&b, pos, cbNew);
                assert_true(err == JET_errSuccess || err == ERR_PAGE_FULL);
            } else {                                /* compact */
                err = page_reorganize(&b);
                assert_int_equal(err, JET_errSuccess);
            }
            if (err == ERR_PAGE_FULL) {
                assert_memory_equal(pb, pbBefore, cbPage);
                cFull++;
            } else {
                assert_int_equal(err, JET_errSuccess);
            }

            expect_valid(&b);
            assert_int_equal(page_cline(&v), cm);
            if (op % 50 == 0 || err == ERR_PAGE_FULL)
                for (uint32_t k = 0; k < cm; k++)
                    expect_node(&b, k, rgm[k].key, rgm[k].cbKey, rgm[k].data, rgm[k].cbData, rgm[k].fFlags);
        }
        assert_true(cFull > 0);
        free(pbBefore);
        free(pb);
    }
    free(rgm);
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_init_formats_an_empty_page),
        cmocka_unit_test(test_page_insert_node_reads_back_in_order),
        cmocka_unit_test(test_page_insert_node_compresses_prefix_as_ese),
        cmocka_unit_test(test_page_insert_node_prefix_checks_the_prefix),
        cmocka_unit_test(test_page_insert_node_refuses_misfit_data),
        cmocka_unit_test(test_page_insert_node_fails_when_full),
        cmocka_unit_test(test_page_replace_node_data_moves_and_compacts),
        cmocka_unit_test(test_page_delete_node_returns_space),
        cmocka_unit_test(test_page_set_line_flags_changes_only_flags),
        cmocka_unit_test(test_page_node_set_prefix_keeps_the_key),
        cmocka_unit_test(test_page_set_external_header_keeps_used_prefix),
        cmocka_unit_test(test_page_insert_line_refuses_data_inside_the_page),
        cmocka_unit_test(test_page_mutators_refuse_unsound_pages),
        cmocka_unit_test(test_page_buf_sound_bit_follows_checks),
        cmocka_unit_test(test_page_reorganize_keeps_sample_nodes),
        cmocka_unit_test(test_page_rebuild_reproduces_windows_pages),
        cmocka_unit_test(test_page_mutations_match_a_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
