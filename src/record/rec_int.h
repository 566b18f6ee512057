/* SPDX-License-Identifier: MIT
 * record/rec_int.h: helpers shared by the record layer's files (not part of its interface).
 * Layer: record (uses base). */
#ifndef REC_INT_H
#define REC_INT_H

#include "record.h"

/* Report malformed record/key/LV bytes: logs "<what>" on the record channel and traps
 * JET_errDatabaseCorrupted where it is born. */
JET_ERR rec_err_corrupt(const char *what, const char *file, int line);
#define REC_CORRUPT(what) rec_err_corrupt((what), __FILE__, __LINE__)

/* The raw TAGFLD entry i of a checked new-format view (no further checks). */
struct rec_tagfld {
    uint16_t fid;
    uint16_t wIb;               /* the stored word (flags included) */
    uint32_t ib;                /* masked offset from the start of the tagged area */
    uint32_t cb;                /* to the next entry's ib, or the record end */
};
void rec_tagfld_get(const struct rec_view *prv, uint32_t i, struct rec_tagfld *ptf);

static inline uint32_t rec_tagfld_ib_mask(bool fLarge)
{
    return fLarge ? REC_TAGFLD_IB_MASK_LARGE : REC_TAGFLD_IB_MASK_SMALL;
}
static inline bool rec_fixed_null_bit(const uint8_t *pbBitmap, uint32_t fid)
{
    return (pbBitmap[(fid - 1) / 8] >> ((fid - 1) % 8)) & 1;
}

#endif /* REC_INT_H */
