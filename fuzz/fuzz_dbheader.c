/* SPDX-License-Identifier: MIT
 * fuzz/fuzz_dbheader.c: the start of a database file of arbitrary bytes through the header code.
 * Layer reached: page (and base).
 *
 * Input: the first bytes of a file (header and shadow pages, up to 64 KiB matter).
 * Checked, beyond "never crash, never trip an assert":
 *   - choosing a copy returns one that lies in the input and has a good checksum;
 *   - parse -> serialize -> parse gives the same header, for any 748 bytes, and the serialized
 *     page carries a good checksum;
 *   - a chosen copy whose bytes after the 748-byte header are zero is reproduced byte for byte;
 *   - validation and the unreadable-file mapping answer with one of their documented errors. */
#include <stdio.h>
#include <stdlib.h>

#include "page.h"

#define CHECK(x) do { if (!(x)) { fprintf(stderr, "fuzz_dbheader: check failed: %s (line %d)\n", #x, __LINE__); abort(); } } while (0)

static uint8_t g_page[PAGE_CB_MAX];

static void round_trip(const uint8_t *pb, size_t cb, uint32_t cbPage)
{
    struct db_header h, h2;
    if (page_dbhdr_parse(pb, cb, &h) != JET_errSuccess) {
        CHECK(cb < PAGE_DB_CB_HEADER_USED);
        return;
    }
    page_dbhdr_serialize(&h, g_page, cbPage);
    CHECK(page_dbhdr_checksum_ok(g_page, cbPage));
    CHECK(page_dbhdr_parse(g_page, cbPage, &h2) == JET_errSuccess);
    h.ulChecksum = h2.ulChecksum;
    CHECK(memcmp(&h, &h2, sizeof h) == 0);

    JET_ERR err = page_dbhdr_validate(&h, PAGE_DB_UPDATE_MAJOR_READ_MAX);
    CHECK(err == JET_errSuccess || err == JET_errInvalidDatabaseVersion || err == JET_errPageSizeMismatch
          || err == JET_errDatabaseCorrupted);
    if (err == JET_errSuccess)
        CHECK(page_cb_valid(page_dbhdr_cb_page(&h)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct page_dbhdr_choice ch;

    /* Field coding, checksum or not. */
    round_trip(data, size, 4096);

    JET_ERR err = page_dbhdr_select(data, size, &ch);
    if (err < 0) {
        CHECK(err == JET_errReadVerifyFailure);
        err = page_dbhdr_unreadable_error(data, size);
        CHECK(err == JET_errDatabase500Format || err == JET_errInvalidDatabaseVersion || err == JET_errDatabaseCorrupted);
        return 0;
    }
    CHECK(ch.cbPage >= 2048 && ch.cbPage <= PAGE_CB_MAX && (ch.cbPage & (ch.cbPage - 1)) == 0);
    CHECK(ch.ibHeader == 0 || ch.ibHeader == ch.cbPage);
    CHECK((size_t)ch.ibHeader + ch.cbPage <= size);
    const uint8_t *pb = data + ch.ibHeader;
    CHECK(page_dbhdr_checksum_ok(pb, ch.cbPage));
    CHECK((ch.ibHeader == 0) == (ch.status != PAGE_DBHDR_PRIMARY_BAD));

    if (ch.cbPage >= PAGE_DB_CB_HEADER_USED) {
        round_trip(pb, ch.cbPage, ch.cbPage);
        bool fTailZero = true;
        for (uint32_t i = PAGE_DB_CB_HEADER_USED; i < ch.cbPage && fTailZero; i++)
            fTailZero = pb[i] == 0;
        if (fTailZero) {
            struct db_header h;
            CHECK(page_dbhdr_parse(pb, ch.cbPage, &h) == JET_errSuccess);
            page_dbhdr_serialize(&h, g_page, ch.cbPage);
            CHECK(memcmp(g_page, pb, ch.cbPage) == 0);
        }
    }
    return 0;
}
