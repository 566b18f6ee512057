/* SPDX-License-Identifier: MIT
 * fuzz/fuzz_page.c: one database page of arbitrary bytes through the page layer.
 * Layer reached: page (and base).
 *
 * Input: byte 0 picks the page size (bits 0-1: 4, 8, 16 or 32 KiB) and the page number (bits
 * 2-7, plus 1); the rest is the page, zero-padded or cut to size.
 * Checked, beyond "never crash, never trip an assert":
 *   - checksum verification and ECC correction: a reported bit lies on the page; a failed
 *     page_verify leaves the buffer as it was;
 *   - every accessor answers on any bytes; on a page that validates, every node parses and its
 *     pieces lie on the page;
 *   - mutators either fail and leave the page byte for byte unchanged, or succeed; on a page that
 *     validated they keep it valid;
 *   - a valid page stamped by page_prepare_for_write passes page_verify. */
#include <stdio.h>
#include <stdlib.h>

#include "page.h"

/* Results that only must not crash (gcc does not let (void) drop a warn_unused_result). */
#define IGNORE(e) do { JET_ERR ignored_ = (e); (void)ignored_; } while (0)
#define CHECK(x) do { if (!(x)) { fprintf(stderr, "fuzz_page: check failed: %s (line %d)\n", #x, __LINE__); abort(); } } while (0)

static uint8_t g_page[PAGE_CB_MAX];
static uint8_t g_copy[PAGE_CB_MAX];
static uint8_t g_key[PAGE_CB_MAX];

static void walk(const struct page_view *pv, bool fValid)
{
    struct page_line l;
    struct page_node n;
    const uint8_t *pbPrefix;
    uint16_t cbPrefix;

    for (uint32_t itag = 0; itag < page_itag_mic_free(pv) + 2; itag++) {
        if (page_get_tag(pv, itag, &l) == JET_errSuccess)
            CHECK(l.cb == 0 || (l.pb >= pv->buf + page_cb_header(pv) && l.pb + l.cb <= pv->buf + pv->cb));
    }
    IGNORE(page_get_external_header(pv, &l));
    if (page_get_prefix(pv, &pbPrefix, &cbPrefix) == JET_errSuccess)
        CHECK(cbPrefix == 0 || (pbPrefix >= pv->buf && pbPrefix + cbPrefix <= pv->buf + pv->cb));
    for (uint32_t iline = 0; iline < page_cline(pv) + 1; iline++) {
        JET_ERR err = page_get_node(pv, iline, &n);
        if (fValid && iline < page_cline(pv))
            CHECK(err == JET_errSuccess);
        if (err != JET_errSuccess)
            continue;
        CHECK(n.pbSuffix >= pv->buf && n.pbData + n.cbData <= pv->buf + pv->cb);
        CHECK(n.cbPrefix == 0 || (n.pbPrefix >= pv->buf && n.pbPrefix + n.cbPrefix <= pv->buf + pv->cb));
        uint32_t cbKey = page_node_key(&n, g_key, sizeof g_key);
        CHECK(cbKey == page_node_cb_key(&n));
        CHECK(page_node_key_cmp(&n, g_key, cbKey) == 0);
        CHECK(page_node_cmp(&n, &n, true) == 0);
        uint32_t pgno;
        (void)page_node_child_pgno(&n, &pgno);
    }
    struct page_root_header rh;
    struct page_split_buffer sb;
    IGNORE(page_get_root_header(pv, &rh));
    IGNORE(page_get_split_buffer(pv, &sb));
    (void)page_cb_contiguous_free(pv);
}

/* Run one mutation on g_page; check the contract; re-validate if the page was valid. */
static void after_op(JET_ERR err, const struct page_buf *pb, bool *pfValid, const char *what)
{
    if (err < 0) {
        CHECK(memcmp(pb->buf, g_copy, pb->cb) == 0);
        return;
    }
    if (*pfValid) {
        JET_ERR errV = page_validate(pb->buf, pb->cb, pb->pgno);
        if (errV != JET_errSuccess) {
            fprintf(stderr, "fuzz_page: %s broke a valid page (%ld)\n", what, (long)errV);
            abort();
        }
        struct page_view v = page_view_of(pb);
        walk(&v, true);
    } else {
        *pfValid = page_validate(pb->buf, pb->cb, pb->pgno) == JET_errSuccess;
    }
}

#define OP(call, what) do { memcpy(g_copy, b.buf, b.cb); after_op((call), &b, &fValid, (what)); } while (0)

static void mutate(const struct page_view *pvIn, const uint8_t *pbExtra, size_t cbExtra)
{
    memcpy(g_page, pvIn->buf, pvIn->cb);
    struct page_buf b = page_buf_make(g_page, pvIn->cb, pvIn->pgno);
    struct page_view v = page_view_of(&b);
    bool fValid = page_validate(g_page, b.cb, b.pgno) == JET_errSuccess;
    uint8_t data[96];          /* the largest use below is 64 + 20 bytes */
    uint8_t key[32] = "fuzz-key";
    uint32_t cbKey = 8;

    memset(data, 0x5A, sizeof data);
    if (cbExtra) {
        cbKey = 1 + (uint32_t)(pbExtra[0] % sizeof key);
        memcpy(key, pbExtra, MIN(cbExtra, cbKey));
    }
    /* Internal pages point to children: their data is a page number. */
    const uint32_t cbData = page_is_internal(&v) ? 4 : 1 + (cbExtra > 1 ? pbExtra[1] % 64u : 7);

    OP(page_reorganize(&b), "reorganize");
    OP(page_insert_node(&b, 0, key, cbKey, data, cbData, 0), "insert");
    OP(page_insert_node_prefix(&b, 0, key, cbKey, cbKey > 3 ? 3 : 0, data, cbData, PAGE_NODE_VERSIONED), "insert with prefix");
    if (page_cline(&v) > 0) {
        const uint32_t ilast = page_cline(&v) - 1;
        struct page_node n;
        OP(page_replace_node_data(&b, ilast, data, page_is_internal(&v) ? 4 : cbData + 20), "replace");
        if (page_get_node(&v, 0, &n) == JET_errSuccess)
            OP(page_set_line_flags(&b, 0, (uint8_t)((n.fFlags & PAGE_NODE_COMPRESSED) | PAGE_NODE_DELETED)), "flags");
        OP(page_node_set_prefix(&b, 0, 0), "prefix off");
        OP(page_node_set_prefix(&b, 0, cbExtra > 2 ? pbExtra[2] % 16 : 4), "prefix on");
        OP(page_delete_node(&b, page_cline(&v) > 1 ? 1 : 0), "delete");
    }
    struct page_line l0;
    if (page_get_external_header(&v, &l0) == JET_errSuccess && page_itag_mic_free(&v) > 0) {
        uint8_t ext[PAGE_CB_MAX];
        memcpy(ext, l0.pb ? l0.pb : ext, l0.cb);
        ext[l0.cb] = 0x77;
        OP(page_set_external_header(&b, ext, l0.cb + 1u), "tag 0");
    }
    OP(page_set_cb_uncommitted_free(&b, cbExtra > 3 ? pbExtra[3] : 0), "uncommitted free");

    /* Written and read back, a valid page verifies. */
    if (fValid) {
        if (b.large)
            put_le32(g_page + offsetof(struct pghdr2_disk, pgno), b.pgno);
        page_prepare_for_write(&b, PAGE_FLUSH_PAPER);
        int32_t ibit;
        CHECK(page_verify(g_page, b.cb, b.pgno, 0, &ibit) == JET_errSuccess);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t rgcb[4] = { 4096, 8192, 16384, 32768 };
    if (size < 1)
        return 0;
    const uint32_t cbPage = rgcb[data[0] & 3];
    const uint32_t pgno = 1u + (data[0] >> 2);
    const size_t cbIn = MIN(size - 1, (size_t)cbPage);
    static uint8_t page[PAGE_CB_MAX];
    memset(page, 0, cbPage);
    memcpy(page, data + 1, cbIn);

    /* Checksums and correction. */
    struct page_checksum_report rep;
    JET_ERR err = page_checksum_verify(page, cbPage, pgno, &rep);
    CHECK(err == JET_errSuccess || err == JET_errReadVerifyFailure || err == JET_errPageNotInitialized);
    if (rep.fCorrectable)
        CHECK(rep.ibitCorrupted >= 0 && (uint32_t)rep.ibitCorrupted < cbPage * 8);
    memcpy(g_copy, page, cbPage);
    int32_t ibit;
    err = page_verify(g_copy, cbPage, pgno, PAGE_VERIFY_FIX, &ibit);
    if (err < 0)
        CHECK(memcmp(g_copy, page, cbPage) == 0);
    else if (err == WRN_PAGE_BIT_CORRECTED)
        CHECK(ibit >= 0 && rep.fCorrectable && ibit == rep.ibitCorrupted);

    /* Reading. */
    struct page_view v = page_view_make(page, cbPage, pgno);
    const bool fValid = page_validate_ex(&v, 0) == JET_errSuccess;
    IGNORE(page_validate_ex(&v, PAGE_CHECK_KEY_ORDER));
    walk(&v, fValid);

    /* Changing. Input bytes beyond the page steer the key and sizes. */
    mutate(&v, data + 1 + cbIn, size - 1 - cbIn);
    return 0;
}
