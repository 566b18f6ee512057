/* SPDX-License-Identifier: MIT
 * page/tests/test_read.c: reading pages: every sample page validates and every node parses;
 * external headers; and each structural invariant, broken on purpose, is reported as
 * JET_errDatabaseCorrupted. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "debug.h"
#include "page.h"
#include "sample.h"

/* Walk every node of a validated page, checking what the API promises about it. */
static uint32_t walk_nodes(const struct page_view *pv)
{
    const uint32_t cline = page_cline(pv);
    uint8_t key[PAGE_CB_MAX];
    for (uint32_t iline = 0; iline < cline; iline++) {
        struct page_node n;
        assert_int_equal(page_get_node(pv, iline, &n), JET_errSuccess);
        /* Every piece lies inside the page. */
        assert_true(n.pbSuffix >= pv->buf && n.pbData + n.cbData <= pv->buf + pv->cb);
        assert_true(n.cbPrefix == 0 || (n.pbPrefix >= pv->buf && n.pbPrefix + n.cbPrefix <= pv->buf + pv->cb));
        uint32_t cbKey = page_node_key(&n, key, sizeof key);
        assert_int_equal(cbKey, page_node_cb_key(&n));
        assert_int_equal(page_node_key_cmp(&n, key, cbKey), 0);
        if (cbKey) {
            assert_true(page_node_key_cmp(&n, key, cbKey - 1) > 0);
            key[cbKey - 1]++;
            if (key[cbKey - 1] != 0)
                assert_true(page_node_key_cmp(&n, key, cbKey) < 0);
        }
        if (page_is_internal(pv)) {
            uint32_t pgnoChild;
            assert_true(page_node_child_pgno(&n, &pgnoChild));
            assert_true(pgnoChild != 0);
        }
        /* ESE never compresses on FDP roots; where it does compress, it shares > 2 bytes. */
        if (n.fFlags & PAGE_NODE_COMPRESSED) {
            assert_false(page_is_fdp_root(pv));
            assert_true(n.cbPrefix >= PAGE_NODE_PREFIX_MIN);
        }
    }
    return cline;
}

/* Every non-empty page a sample database owns is structurally sound, keys in order included. */
static void test_page_validate_accepts_every_sample_page(void **state)
{
    (void)state;
    unsigned cpg = 0, cnode = 0, cCompressed = 0, cDeleted = 0, cInternal = 0, cRoot = 0;
    for (size_t i = 0; i < sample_count; i++) {
        struct sample s;
        sample_load(&sample_all[i], &s);
        const uint32_t cbPage = s.desc->cbPage;
        const uint32_t pgnoLast = MIN(sample_pgno_last_owned(&s), sample_cpg(&s));
        for (uint32_t pgno = 1; pgno <= pgnoLast; pgno++) {
            if (sample_page_is_zero(&s, pgno))
                continue;
            uint8_t *pb = sample_page(&s, pgno);
            JET_ERR err = page_verify(pb, cbPage, pgno, 0, NULL);
            if (err != JET_errSuccess)
                fail_msg("%s page %u: page_verify %ld", s.desc->path, (unsigned)pgno, (long)err);
            struct page_view v = page_view_make(pb, cbPage, pgno);
            err = page_validate_ex(&v, PAGE_CHECK_KEY_ORDER);
            if (err != JET_errSuccess)
                fail_msg("%s page %u: key order %ld", s.desc->path, (unsigned)pgno, (long)err);
            assert_int_equal(page_pgno_stored(&v), pgno);
            cnode += walk_nodes(&v);
            for (uint32_t iline = 0; iline < page_cline(&v); iline++) {
                struct page_node n;
                assert_int_equal(page_get_node(&v, iline, &n), JET_errSuccess);
                cCompressed += (n.fFlags & PAGE_NODE_COMPRESSED) != 0;
                cDeleted += page_node_is_deleted(&n);
            }
            cInternal += page_is_internal(&v);
            if (page_is_fdp_root(&v)) {
                struct page_root_header rh;
                assert_int_equal(page_get_root_header(&v, &rh), JET_errSuccess);
                cRoot++;
            } else if (page_is_root(&v)) {
                struct page_split_buffer sb;
                assert_int_equal(page_get_split_buffer(&v, &sb), JET_errSuccess);
            }
            cpg++;
        }
        sample_free(&s);
    }
    print_message("%u pages, %u nodes (%u compressed, %u flag-deleted), %u internal pages, %u FDP roots\n",
                  cpg, cnode, cCompressed, cDeleted, cInternal, cRoot);
    assert_true(cCompressed > 0 && cDeleted > 0 && cInternal > 0 && cRoot > 0);
}

/* The database root and its owned-extent tree, as ESE-FORMAT-NOTES §7 and §14 describe them. */
static void test_page_reads_database_root_and_owned_extents(void **state)
{
    (void)state;
    struct sample s;
    sample_load(&sample_all[0], &s);        /* basic.edb, 4 KiB */
    struct page_view v = page_view_make(sample_page(&s, 1), 4096, 1);
    struct page_root_header rh;
    assert_true(page_is_root(&v) && page_is_fdp_root(&v));
    assert_int_equal(page_objid_fdp(&v), 1);
    assert_int_equal(page_get_root_header(&v, &rh), JET_errSuccess);
    assert_false(rh.fExtended);
    assert_true(rh.fHasSpaceHeader && !rh.fHasAutoInc);
    assert_int_equal(rh.sph.pgnoParent, 0);
    assert_true(page_sph_multiple_extent(&rh.sph));
    assert_int_equal(page_sph_pgno_oe(&rh.sph), 2);
    assert_int_equal(page_sph_pgno_ae(&rh.sph), 3);
    assert_int_equal(rh.sph.cpgPrimary, 254);   /* a fresh Windows database: 256 pages */

    /* OE root: a space-tree root, keys are big-endian last pages, data page counts. */
    v = page_view_make(sample_page(&s, 2), 4096, 2);
    assert_true(page_is_root(&v) && page_is_space_tree(&v) && page_is_leaf(&v));
    assert_int_equal(page_objid_fdp(&v), 1);
    struct page_split_buffer sb;
    assert_int_equal(page_get_split_buffer(&v, &sb), JET_errSuccess);
    uint32_t cpgOwned = 0, pgnoLast = 0;
    for (uint32_t iline = 0; iline < page_cline(&v); iline++) {
        struct page_node n;
        uint8_t key[4];
        assert_int_equal(page_get_node(&v, iline, &n), JET_errSuccess);
        assert_int_equal(page_node_key(&n, key, 4), 4);
        assert_int_equal(n.cbData, 4);
        pgnoLast = get_be32(key);
        cpgOwned += get_le32(n.pbData);
    }
    assert_int_equal(pgnoLast, cpgOwned);       /* one contiguous run from page 1 */
    assert_int_equal(pgnoLast, sample_cpg(&s));
    assert_int_equal(sample_pgno_last_owned(&s), pgnoLast);

    /* MSysObjects (pgno 4): child of the database root. */
    v = page_view_make(sample_page(&s, 4), 4096, 4);
    assert_int_equal(page_get_root_header(&v, &rh), JET_errSuccess);
    assert_int_equal(rh.sph.pgnoParent, 1);
    assert_int_equal(page_objid_fdp(&v), 2);
    sample_free(&s);
}

/* The extended root header (mask byte + fields, format >= 1568.30) parses; a plain 16-byte one
 * does not claim to be extended. */
static void test_page_get_root_header_reads_extended_form(void **state)
{
    (void)state;
    uint8_t *pb = calloc(1, 4096);
    struct page_buf b = page_buf_make(pb, 4096, 9);
    struct page_view v = page_view_of(&b);
    struct page_root_header rh;
    page_init(&b, 20, 100, PAGE_FLAG_ROOT | PAGE_FLAG_LEAF);

    uint8_t ext[25] = { PAGE_ROOT_FIELD_SPACE_HEADER | PAGE_ROOT_FIELD_AUTOINC };
    struct page_space_header sph = { 3, 1, PAGE_SPH_NON_UNIQUE, 0x6 };
    page_space_header_encode(&sph, ext + 1);
    put_le64(ext + 17, 0x1122334455667788ull);
    assert_int_equal(page_set_external_header(&b, ext, sizeof ext), JET_errSuccess);
    assert_int_equal(page_get_root_header(&v, &rh), JET_errSuccess);
    assert_true(rh.fExtended && rh.fHasSpaceHeader && rh.fHasAutoInc);
    assert_memory_equal(&rh.sph, &sph, sizeof sph);
    assert_int_equal(rh.qwAutoInc, 0x1122334455667788ull);

    /* Auto-increment only. */
    uint8_t ext2[9] = { PAGE_ROOT_FIELD_AUTOINC, 1, 2, 3, 4, 5, 6, 7, 8 };
    assert_int_equal(page_set_external_header(&b, ext2, sizeof ext2), JET_errSuccess);
    assert_int_equal(page_get_root_header(&v, &rh), JET_errSuccess);
    assert_true(rh.fExtended && !rh.fHasSpaceHeader && rh.fHasAutoInc);
    assert_int_equal(rh.qwAutoInc, 0x0807060504030201ull);

    /* A mask naming more than the line holds is corrupt. */
    ext[0] = PAGE_ROOT_FIELD_SPACE_HEADER | PAGE_ROOT_FIELD_AUTOINC;
    assert_int_equal(page_set_external_header(&b, ext, 20), JET_errSuccess);
    assert_int_equal(page_get_root_header(&v, &rh), JET_errDatabaseCorrupted);

    /* Plain form. */
    assert_int_equal(page_set_external_header(&b, ext + 1, 16), JET_errSuccess);
    assert_int_equal(page_get_root_header(&v, &rh), JET_errSuccess);
    assert_true(!rh.fExtended && rh.fHasSpaceHeader && !rh.fHasAutoInc);
    assert_memory_equal(&rh.sph, &sph, sizeof sph);
    free(pb);
}

/* ---- broken invariants ---------------------------------------------------------------------- */

/* A sample leaf page with several nodes, copied. */
static uint8_t *leaf_copy(uint32_t cbPage, uint32_t *ppgno, int fWantCompressed /* -1: any */)
{
    for (size_t i = 0; i < sample_count; i++) {
        if (sample_all[i].cbPage != cbPage)
            continue;
        struct sample s;
        sample_load(&sample_all[i], &s);
        const uint32_t pgnoLast = MIN(sample_pgno_last_owned(&s), sample_cpg(&s));
        for (uint32_t pgno = 4; pgno <= pgnoLast; pgno++) {
            if (sample_page_is_zero(&s, pgno))
                continue;
            struct page_view v = page_view_make(sample_page(&s, pgno), cbPage, pgno);
            if (!page_is_leaf(&v) || page_is_root(&v) || page_cline(&v) < 4)
                continue;
            struct page_node n;
            assert_int_equal(page_get_node(&v, 1, &n), JET_errSuccess);
            if (fWantCompressed >= 0 && fWantCompressed != ((n.fFlags & PAGE_NODE_COMPRESSED) != 0))
                continue;
            uint8_t *pb = malloc(cbPage);
            memcpy(pb, v.buf, cbPage);
            *ppgno = pgno;
            sample_free(&s);
            return pb;
        }
        sample_free(&s);
    }
    fail_msg("no suitable %u-byte leaf", (unsigned)cbPage);
    return NULL;
}

static uint8_t *tag_at(uint8_t *pb, uint32_t cbPage, uint32_t itag) { return pb + cbPage - 4 * (itag + 1); }

#define EXPECT_CORRUPT(pb, cbPage, pgno) \
    assert_int_equal(page_validate((pb), (cbPage), (pgno)), JET_errDatabaseCorrupted)

static void test_page_validate_rejects_broken_header_fields(void **state)
{
    (void)state;
    for (uint32_t cbPage = 4096; cbPage <= 32768; cbPage *= 2) {
        if (cbPage == 16384)
            continue;   /* qmgr.db has no plain leaf with 4 nodes; 32 KiB covers large pages */
        uint32_t pgno;
        uint8_t *pbOrig = leaf_copy(cbPage, &pgno, -1);
        uint8_t *pb = malloc(cbPage);
        const uint32_t cbData = cbPage - page_cb_header_for(cbPage);
#define RESET() memcpy(pb, pbOrig, cbPage)
        RESET();
        assert_int_equal(page_validate(pb, cbPage, pgno), JET_errSuccess);

        RESET(); put_le16(pb + 28, (uint16_t)(get_le16(pb + 28) + 1));          /* cbFree */
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le16(pb + 28, (uint16_t)(cbData + 1));
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le16(pb + 30, (uint16_t)(get_le16(pb + 28) + 1));          /* cbUncommittedFree */
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le16(pb + 30, (uint16_t)get_le16(pb + 28));
        assert_int_equal(page_validate(pb, cbPage, pgno), JET_errSuccess);
        RESET(); put_le16(pb + 32, (uint16_t)(cbData - 4 * (get_le16(pb + 34) & 0xFFF) + 1)); /* ibMicFree */
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le16(pb + 34, 0x0FFF);                                      /* itagMicFree */
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le16(pb + 34, (uint16_t)((get_le16(pb + 34) & 0xFFF) - 1)); /* one tag lost */
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le16(pb + 34, 0);
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le16(pb + 34, (uint16_t)(get_le16(pb + 34) | 0x8000));     /* reserved bit */
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le16(pb + 34, (uint16_t)((get_le16(pb + 34) & 0xFFF) | (7u << 12)));
        assert_int_equal(page_validate(pb, cbPage, pgno), JET_errSuccess);      /* 7 reserved tags: still sound */
        RESET(); put_le16(pb + 34, (uint16_t)(2 | (3u << 12)));                   /* more reserved than tags */
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le32(pb + 36, get_le32(pb + 36) | PAGE_FLAG_REPAIRED);
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le32(pb + 36, get_le32(pb + 36) | PAGE_FLAG_LONG_VALUE | PAGE_FLAG_INDEX);
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le32(pb + 36, get_le32(pb + 36) | PAGE_FLAG_EMPTY | PAGE_FLAG_PREINIT);
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le32(pb + 36, get_le32(pb + 36) | PAGE_FLAG_PREINIT);      /* pre-init with tags */
        EXPECT_CORRUPT(pb, cbPage, pgno);
        free(pb);
        free(pbOrig);
    }
}

static void test_page_validate_rejects_broken_tags(void **state)
{
    (void)state;
    for (uint32_t cbPage = 4096; cbPage <= 32768; cbPage *= 8) {
        uint32_t pgno;
        uint8_t *pbOrig = leaf_copy(cbPage, &pgno, -1);
        uint8_t *pb = malloc(cbPage);
        const uint32_t mask = cbPage > 8192 ? 0x7FFF : 0x1FFF;
        RESET();
        struct page_view v = page_view_make(pb, cbPage, pgno);
        const uint32_t itagLast = page_itag_mic_free(&v) - 1;

        /* Overlap: tag 2 starts where tag 1 starts. */
        RESET(); put_le16(tag_at(pb, cbPage, 2) + 2,
                          (uint16_t)((get_le16(tag_at(pb, cbPage, 2) + 2) & ~mask) | (get_le16(tag_at(pb, cbPage, 1) + 2) & mask)));
        EXPECT_CORRUPT(pb, cbPage, pgno);
        /* Size grown by one: accounting or overlap breaks. */
        RESET(); put_le16(tag_at(pb, cbPage, 1), (uint16_t)(get_le16(tag_at(pb, cbPage, 1)) + 1));
        EXPECT_CORRUPT(pb, cbPage, pgno);
        /* A node of zero length. */
        RESET(); put_le16(tag_at(pb, cbPage, 1), (uint16_t)(get_le16(tag_at(pb, cbPage, 1)) & ~mask));
        EXPECT_CORRUPT(pb, cbPage, pgno);
        /* Line running into the tag array / beyond ibMicFree. */
        RESET(); put_le16(tag_at(pb, cbPage, itagLast) + 2, (uint16_t)(mask & (cbPage - page_cb_header_for(cbPage) - 8)));
        EXPECT_CORRUPT(pb, cbPage, pgno);
        RESET(); put_le16(tag_at(pb, cbPage, itagLast) + 2, (uint16_t)mask);
        EXPECT_CORRUPT(pb, cbPage, pgno);
        /* Stale high bits of the size word are ignored (Windows leaves them). */
        RESET(); put_le16(tag_at(pb, cbPage, 1), (uint16_t)(get_le16(tag_at(pb, cbPage, 1)) | ~mask));
        if (cbPage <= 8192)
            assert_int_equal(page_validate(pb, cbPage, pgno), JET_errSuccess);
        free(pb);
        free(pbOrig);
    }
}

static void test_page_validate_rejects_broken_nodes(void **state)
{
    (void)state;
    for (uint32_t cbPage = 4096; cbPage <= 32768; cbPage *= 8) {
        uint32_t pgno;
        uint8_t *pbOrig = leaf_copy(cbPage, &pgno, cbPage == 4096 ? 1 : -1);
        uint8_t *pb = malloc(cbPage);
        RESET();
        struct page_view v = page_view_make(pb, cbPage, pgno);
        struct page_line l;
        assert_int_equal(page_get_line(&v, 1, &l), JET_errSuccess);
        uint8_t *pbLine = (uint8_t *)l.pb;
        const bool fCompressed = l.fFlags & PAGE_NODE_COMPRESSED;
        uint8_t *pbSuffixCount = pbLine + (fCompressed ? 2 : 0);
        const uint16_t flags = (uint16_t)(get_le16(pbLine) & 0xE000);

        /* Key suffix longer than the node. */
        RESET(); put_le16(pbSuffixCount, (uint16_t)((get_le16(pbSuffixCount) & 0xE000) | (l.cb - (fCompressed ? 3 : 1))));
        EXPECT_CORRUPT(pb, cbPage, pgno);
        /* Suffix exactly the rest of the line: a node without data. */
        RESET(); put_le16(pbSuffixCount, (uint16_t)((get_le16(pbSuffixCount) & 0xE000) | (l.cb - (fCompressed ? 4 : 2))));
        EXPECT_CORRUPT(pb, cbPage, pgno);
        if (fCompressed) {
            /* More prefix than the page's prefix holds. */
            struct page_line l0;
            assert_int_equal(page_get_external_header(&v, &l0), JET_errSuccess);
            RESET(); put_le16(pbLine, (uint16_t)(flags | (l0.cb + 1)));
            EXPECT_CORRUPT(pb, cbPage, pgno);
            /* All of it is fine. */
            RESET(); put_le16(pbLine, (uint16_t)(flags | l0.cb));
            assert_int_equal(page_validate(pb, cbPage, pgno), JET_errSuccess);
        }
        /* Empty key on a leaf. */
        RESET();
        if (!fCompressed) {
            put_le16(pbLine, (uint16_t)(flags | 0));
            EXPECT_CORRUPT(pb, cbPage, pgno);
        }
        /* Keys out of order: only with PAGE_CHECK_KEY_ORDER. */
        RESET();
        uint8_t *t1 = tag_at(pb, cbPage, 1), *t2 = tag_at(pb, cbPage, 2), tmp[4];
        memcpy(tmp, t1, 4); memcpy(t1, t2, 4); memcpy(t2, tmp, 4);
        assert_int_equal(page_validate(pb, cbPage, pgno), JET_errSuccess);
        assert_int_equal(page_validate_ex(&v, PAGE_CHECK_KEY_ORDER), JET_errDatabaseCorrupted);
        free(pb);
        free(pbOrig);
    }
}

/* Internal pages: node data must be a 4-byte page number; the last key may be empty. */
static void test_page_validate_checks_internal_nodes(void **state)
{
    (void)state;
    uint8_t *pb = calloc(1, 8192);
    struct page_buf b = page_buf_make(pb, 8192, 30);
    struct page_view v = page_view_of(&b);
    uint8_t child[4];
    page_init(&b, 5, 77, PAGE_FLAG_PARENT_OF_LEAF);
    put_le32(child, 40);
    assert_int_equal(page_insert_node(&b, 0, "abc", 3, child, 4, 0), JET_errSuccess);
    put_le32(child, 41);
    assert_int_equal(page_insert_node(&b, 1, NULL, 0, child, 4, 0), JET_errSuccess);
    assert_int_equal(page_validate_ex(&v, PAGE_CHECK_KEY_ORDER), JET_errSuccess);
    /* The node API refuses such data; the raw line API lets us build the bad page. */
    assert_int_equal(page_insert_node(&b, 2, "zzz", 3, "12345", 5, 0), JET_errInvalidParameter);
    const struct page_data rgd[] = { { "\x03\x00zzz12345", 10 } };
    assert_int_equal(page_insert_line(&b, 2, rgd, 1, 0), JET_errSuccess);
    assert_int_equal(page_validate(pb, 8192, 30), JET_errDatabaseCorrupted);
    assert_int_equal(page_delete_node(&b, 2), JET_errSuccess);
    assert_int_equal(page_insert_node(&b, 1, NULL, 0, child, 4, 0), JET_errSuccess);   /* empty key, not last */
    assert_int_equal(page_validate(pb, 8192, 30), JET_errDatabaseCorrupted);
    free(pb);
}

/* Line access checks its arguments against the page, never trusting them. */
static void test_page_get_line_rejects_out_of_range(void **state)
{
    (void)state;
    uint32_t pgno;
    uint8_t *pb = leaf_copy(4096, &pgno, 0);
    struct page_view v = page_view_make(pb, 4096, pgno);
    struct page_line l;
    struct page_node n;
    assert_int_equal(page_get_line(&v, page_cline(&v), &l), JET_errDatabaseCorrupted);
    assert_int_equal(page_get_node(&v, page_cline(&v) + 100, &n), JET_errDatabaseCorrupted);
    assert_int_equal(page_get_tag(&v, page_itag_mic_free(&v), &l), JET_errDatabaseCorrupted);
    put_le16(pb + 34, 0x0FFF);
    assert_int_equal(page_get_tag(&v, 2000, &l), JET_errDatabaseCorrupted);
    free(pb);
}

/* Random damage to sample pages: validation answers without crashing, and whatever it accepts
 * can be walked. */
static void test_page_validate_survives_random_damage(void **state)
{
    (void)state;
    srand(12345);
    for (uint32_t cbPage = 4096; cbPage <= 32768; cbPage *= 8) {
        uint32_t pgno;
        uint8_t *pbOrig = leaf_copy(cbPage, &pgno, cbPage == 4096 ? 1 : -1);
        uint8_t *pb = malloc(cbPage);
        unsigned cAccepted = 0;
        for (int round = 0; round < 3000; round++) {
            memcpy(pb, pbOrig, cbPage);
            int cDamage = 1 + rand() % 4;
            for (int k = 0; k < cDamage; k++) {
                /* Mostly the header, tag array and line starts, where structure lives. */
                uint32_t ib;
                switch (rand() % 3) {
                case 0: ib = (uint32_t)rand() % 80; break;
                case 1: ib = cbPage - 1 - (uint32_t)rand() % 200; break;
                default: ib = (uint32_t)rand() % cbPage; break;
                }
                pb[ib] = (uint8_t)rand();
            }
            struct page_view v = page_view_make(pb, cbPage, pgno);
            if (page_validate_ex(&v, PAGE_CHECK_KEY_ORDER) == JET_errSuccess) {
                walk_nodes(&v);
                cAccepted++;
            }
        }
        assert_true(cAccepted > 0);
        free(pb);
        free(pbOrig);
    }
}

/* The node reader for searches answers exactly as page_get_node, node for node and error for
 * error: on every sample page, and on damaged copies that never went through validation. */
static void expect_nodes_reader_agrees(const struct page_view *pv)
{
    struct page_nodes pns;
    JET_ERR errInit = page_nodes_init(pv, &pns);
    for (uint32_t iline = 0; iline < page_cline(pv) + 2; iline++) {
        struct page_node a, b;
        JET_ERR errA = page_get_node(pv, iline, &a);
        JET_ERR errB = errInit < 0 ? errInit : page_nodes_get(&pns, iline, &b);
        assert_int_equal(errA, errB);
        if (errA == JET_errSuccess) {
            assert_ptr_equal(a.pbPrefix, b.pbPrefix);
            assert_ptr_equal(a.pbSuffix, b.pbSuffix);
            assert_ptr_equal(a.pbData, b.pbData);
            assert_int_equal(a.cbPrefix, b.cbPrefix);
            assert_int_equal(a.cbSuffix, b.cbSuffix);
            assert_int_equal(a.cbData, b.cbData);
            assert_int_equal(a.fFlags, b.fFlags);
        }
    }
}

static void test_page_nodes_reader_agrees_with_page_get_node(void **state)
{
    (void)state;
    unsigned cpg = 0;
    for (size_t i = 0; i < sample_count; i++) {
        struct sample s;
        sample_load(&sample_all[i], &s);
        const uint32_t pgnoLast = MIN(sample_pgno_last_owned(&s), sample_cpg(&s));
        for (uint32_t pgno = 1; pgno <= pgnoLast; pgno++) {
            if (sample_page_is_zero(&s, pgno))
                continue;
            struct page_view v = page_view_make(sample_page(&s, pgno), s.desc->cbPage, pgno);
            expect_nodes_reader_agrees(&v);
            cpg++;
        }
        sample_free(&s);
    }
    assert_true(cpg > 0);

    srand(4242);
    for (uint32_t cbPage = 4096; cbPage <= 32768; cbPage *= 8) {
        uint32_t pgno;
        uint8_t *pbOrig = leaf_copy(cbPage, &pgno, cbPage == 4096 ? 1 : -1);
        uint8_t *pb = malloc(cbPage);
        for (int round = 0; round < 2000; round++) {
            memcpy(pb, pbOrig, cbPage);
            for (int k = 1 + rand() % 4; k > 0; k--) {
                uint32_t ib = rand() % 2 ? cbPage - 1 - (uint32_t)rand() % 200 : (uint32_t)rand() % cbPage;
                pb[ib] = (uint8_t)rand();
            }
            struct page_view v = page_view_make(pb, cbPage, pgno);
            expect_nodes_reader_agrees(&v);
        }
        free(pb);
        free(pbOrig);
    }
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_validate_accepts_every_sample_page),
        cmocka_unit_test(test_page_reads_database_root_and_owned_extents),
        cmocka_unit_test(test_page_get_root_header_reads_extended_form),
        cmocka_unit_test(test_page_validate_rejects_broken_header_fields),
        cmocka_unit_test(test_page_validate_rejects_broken_tags),
        cmocka_unit_test(test_page_validate_rejects_broken_nodes),
        cmocka_unit_test(test_page_validate_checks_internal_nodes),
        cmocka_unit_test(test_page_get_line_rejects_out_of_range),
        cmocka_unit_test(test_page_validate_survives_random_damage),
        cmocka_unit_test(test_page_nodes_reader_agrees_with_page_get_node),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
