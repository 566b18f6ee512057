/* SPDX-License-Identifier: MIT
 * cache/cache_format.h: the payload of a LOG_REC_PAGES log record (one mini-transaction).
 * Layer: cache (uses base). The format is ours (the log is ours, ESE-FORMAT-NOTES §15); it is
 * read by cache_redo and written by mtr_commit only. Little-endian, byte-aligned (base/le.h).
 *
 *   struct mtr_rec_header_disk                      12 bytes
 *   cpage x { struct mtr_rec_page_disk; body }      25 + cbBody bytes each
 *   undo payload                                    cbUndo bytes (isam's format, opaque here)
 *
 * The sizes must add up to the record's length exactly.
 *
 * A page body is a list of ranges, each
 *   varint gap     bytes from the end of the previous range (from 0 for the first)
 *   varint cb      length of the range, >= 1
 *   cb bytes       the page's bytes there
 * (varint: unsigned LEB128, at most 5 bytes). The ranges lie inside the page, in increasing
 * order, and never cover the dbtime field of the page header (bytes 8..15): redo writes
 * dbtimeAfter there. The base the ranges apply to depends on the kind:
 *   MTR_PAGE_IMAGE  an all-zero page: the body is the whole page (zero runs left out); it is
 *                   applied to any page whose dbtime is below dbtimeAfter, whatever its state;
 *   MTR_PAGE_DELTA  the page as it was at dbtimeBefore: applied only to a page at exactly that
 *                   dbtime.
 * Close ranges are coalesced: equal bytes that do not fill an aligned 8-byte word of their own
 * are carried inside a range (cheaper than a new range's two varints). Redo does not depend on
 * how ranges were cut. */
#ifndef CACHE_FORMAT_H
#define CACHE_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "le.h"

#define MTR_REC_VERSION      1u
#define MTR_PAGE_IMAGE       1u
#define MTR_PAGE_DELTA       2u
#define MTR_PAGE_KIND_MASK   0x0Fu
#define MTR_PAGE_SHIFT_SHIFT 4          /* bits 4-7 of bKind: log2(cbPage) - 12 (0..3) */
#define MTR_VARINT_CB_MAX    5u
#define MTR_IB_DBTIME        8u         /* the page header's dbtimeDirtied: bytes 8..15 */
#define MTR_CB_DBTIME        8u

/* PERSISTED: the record header. */
struct mtr_rec_header_disk {
    uint8_t bVersion;       /* MTR_REC_VERSION */
    uint8_t cpage;          /* page entries that follow (0..MTR_MAX_PAGES) */
    le16 fFlags;            /* 0 */
    le32 dbid;              /* the database (cache_file_desc.dbid) */
    le32 cbUndo;            /* undo payload at the end of the record */
};
_Static_assert(sizeof(struct mtr_rec_header_disk) == 12, "mtr record header");
_Static_assert(offsetof(struct mtr_rec_header_disk, dbid) == 4, "mtr record header dbid");
_Static_assert(offsetof(struct mtr_rec_header_disk, cbUndo) == 8, "mtr record header cbUndo");

/* PERSISTED: one page of the record; its body follows. */
struct mtr_rec_page_disk {
    uint8_t bKind;          /* MTR_PAGE_IMAGE / MTR_PAGE_DELTA | page size shift << 4 */
    le32 pgno;
    le64 dbtimeBefore;      /* the page's dbtime before the mtr (deltas apply only to it) */
    le64 dbtimeAfter;       /* the dbtime the mtr stamped */
    le32 cbBody;
};
_Static_assert(sizeof(struct mtr_rec_page_disk) == 25, "mtr record page entry");
_Static_assert(offsetof(struct mtr_rec_page_disk, pgno) == 1, "mtr record page pgno");
_Static_assert(offsetof(struct mtr_rec_page_disk, dbtimeBefore) == 5, "mtr record page dbtimeBefore");
_Static_assert(offsetof(struct mtr_rec_page_disk, dbtimeAfter) == 13, "mtr record page dbtimeAfter");
_Static_assert(offsetof(struct mtr_rec_page_disk, cbBody) == 21, "mtr record page cbBody");

static inline uint32_t mtr_rec_cb_page(uint8_t bKind) { return 4096u << (bKind >> MTR_PAGE_SHIFT_SHIFT); }

/* Unsigned LEB128. put returns the bytes written (pb may be NULL to measure). */
static inline uint32_t mtr_varint_put(uint8_t *pb, uint32_t v)
{
    uint32_t cb = 0;
    do {
        uint8_t b = (uint8_t)(v & 0x7f);
        v >>= 7;
        if (v) b |= 0x80;
        if (pb) pb[cb] = b;
        cb++;
    } while (v);
    return cb;
}
/* Reads a varint from pb[*pib .. cb); false if it runs off the end or exceeds 32 bits. */
static inline bool mtr_varint_get(const uint8_t *pb, size_t cb, size_t *pib, uint32_t *pv)
{
    uint64_t v = 0;
    for (uint32_t i = 0; i < MTR_VARINT_CB_MAX; i++) {
        if (*pib >= cb) return false;
        uint8_t b = pb[(*pib)++];
        v |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80))
            return v <= UINT32_MAX ? (*pv = (uint32_t)v, true) : false;
    }
    return false;
}

#endif /* CACHE_FORMAT_H */
