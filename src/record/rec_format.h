/* SPDX-License-Identifier: MIT
 * record/rec_format.h: the persisted layouts the record layer reads and writes: records
 * (fixed, variable and tagged columns), long-value keys and roots, compressed values and
 * normalized index keys. Records sit at variable positions inside page nodes, so nothing here is
 * a struct to cast onto bytes: every field is read with a bounds check (get_le16 after checking
 * the length) in rec_read.c. The constants below are the whole format.
 * Layer: record (uses base).
 *
 * Sources: ESE-FORMAT-NOTES §9 (records), §10 (long values), §11 (compression), §12 (keys);
 * checked against Microsoft's ESE (inc/rec.hxx, inc/tagfld.hxx, inc/lv.hxx, ese/compression.cxx,
 * ese/fldnorm.cxx). */
#ifndef REC_FORMAT_H
#define REC_FORMAT_H

#include <stdint.h>

/* ---- Column ids (§9) ----------------------------------------------------------------------- */
/* A FID names a column inside its table; its range says how the record stores it. */
#define REC_FID_FIXED_FIRST     1u
#define REC_FID_FIXED_LAST      127u
#define REC_FID_FIXED_NONE      0u      /* fidFixedLastInRec when the record has no fixed column */
#define REC_FID_VAR_FIRST       128u
#define REC_FID_VAR_LAST        255u
#define REC_FID_VAR_NONE        127u    /* fidVarLastInRec when the record has no variable column */
#define REC_FID_TAGGED_FIRST    256u
#define REC_FID_TAGGED_LAST     0xFFFEu /* FID(fidtypTagged, fidlimMost) is JET_ccolMost; we read up to 0xFFFE */
#define REC_COLUMNID_TEMPLATE   0x80000000u /* JET_COLUMNID bit: column of a template table */

static inline bool rec_fid_is_fixed(uint32_t fid) { return fid >= REC_FID_FIXED_FIRST && fid <= REC_FID_FIXED_LAST; }
static inline bool rec_fid_is_var(uint32_t fid) { return fid >= REC_FID_VAR_FIRST && fid <= REC_FID_VAR_LAST; }
static inline bool rec_fid_is_tagged(uint32_t fid) { return fid >= REC_FID_TAGGED_FIRST && fid <= REC_FID_TAGGED_LAST; }

/* ---- Record header (§9, REC::RECHDR) -------------------------------------------------------
 * offset size
 *   0     1   fidFixedLastInRec   0 = none, else 1..127
 *   1     1   fidVarLastInRec     127 = none, else 128..255
 *   2     2   ibEndOfFixedData    offset of the end of the fixed null bitmap (= start of the
 *                                 variable offsets array)
 *   4     .   fixed columns 1..fidFixedLastInRec at their catalog RecordOffset
 *   .     .   null bitmap: ceil(cFixed / 8) bytes, bit (fid-1)%8 of byte (fid-1)/8 set = NULL
 *   .     .   u16 per variable column 128..fidVarLastInRec: end of its data, relative to the
 *             start of the variable data; bit 15 = NULL (then the column has no bytes)
 *   .     .   variable data
 *   .     .   tagged area up to the end of the record */
#define REC_CB_HEADER           4u
#define REC_IB_FID_FIXED_LAST   0u
#define REC_IB_FID_VAR_LAST     1u
#define REC_IB_END_FIXED        2u
#define REC_IB_FIXED_FIRST      4u      /* ibRECStartFixedColumns: the first fixed column */
#define REC_VAR_NULL            0x8000u
#define REC_VAR_IB_MASK         0x7FFFu
#define REC_FILL                0x2Au   /* chRECFill ('*'): new space when a record grows */

/* ---- Tagged area (§9, TAGFLD / TAGFLD_HEADER) ------------------------------------------------
 * An array of {u16 fid, u16 ib} sorted with derived (template) columns first, then by fid; ib is
 * the offset of the column's data from the start of the tagged area, so the entry count is the
 * first ib / 4 and a column's data runs to the next entry's ib (the last one to the record end).
 * Small pages (<= 8 KiB): ib & 0x1FFF, 0x4000 = the data starts with a header byte, 0x2000 = an
 * explicit NULL (no data). Large pages: ib & 0x7FFF and every value starts with a header byte,
 * whose 0x20 bit is the NULL. 0x8000 = derived column on both. */
#define REC_CB_TAGFLD               4u
#define REC_TAGFLD_DERIVED          0x8000u
#define REC_TAGFLD_EXTENDED_SMALL   0x4000u
#define REC_TAGFLD_NULL_SMALL       0x2000u
#define REC_TAGFLD_IB_MASK_SMALL    0x1FFFu
#define REC_TAGFLD_IB_MASK_LARGE    0x7FFFu

#define REC_TH_LONG_VALUE   0x01u   /* the column is LongText/LongBinary (always set for those) */
#define REC_TH_COMPRESSED   0x02u   /* §11; with multi-values only the first instance */
#define REC_TH_SEPARATED    0x04u   /* the value is a LID (§10), 4 or 8 bytes LE */
#define REC_TH_MULTI        0x08u   /* MULTIVALUES (or, with TWO, TWOVALUES) */
#define REC_TH_TWO          0x10u   /* TWOVALUES: u8 length of value 1, value 1, value 2 */
#define REC_TH_NULL         0x20u   /* explicit NULL on large pages */
#define REC_TH_ENCRYPTED    0x40u
#define REC_TH_MASK         0x7Fu

/* MULTIVALUES: after the header, u16 offsets relative to the array start (count = first / 2);
 * bit 15 of an offset = that instance is a separated LID. */
#define REC_CB_MVOFFSET     2u
#define REC_MV_SEPARATED    0x8000u
#define REC_MV_IB_MASK      0x7FFFu

/* Revision-2 (ESE97) tagged entries, on pages without the new-record-format flag: {u16 fid,
 * u16 bits} then the data; bits: cb 0..11, 0x2000 derived, 0x4000 NULL, 0x8000 long value. One
 * entry per instance; instances of a column are consecutive. */
#define REC_OLD_CB_MASK     0x0FFFu
#define REC_OLD_DERIVED     0x2000u
#define REC_OLD_NULL        0x4000u
#define REC_OLD_LONG_VALUE  0x8000u

/* ---- Long values (§10, inc/lv.hxx, inc/rec.hxx LvId) ----------------------------------------- */
#define REC_LID32_MAX           0x7FFFFFFFu
#define REC_LID32_MAX_ALLOWED   0x7FFFFF00u          /* JET_errOutOfLongValueIDs past this */
#define REC_LID64_FLAG          0x8000000000000000ull
#define REC_LID64_FIRST         0x8000000080000001ull /* lid64Flag | (lid32Max + 2) */
#define REC_LID64_MAX           0x80FFFFFFFFFFFFFFull
#define REC_LID64_MAX_ALLOWED   0x80FFFFFF00000000ull
#define REC_CB_LVROOT           8u      /* {u32 refcount, u32 size} */
#define REC_CB_LVROOT2          9u      /* + u8 flags */
#define REC_LVROOT_ENCRYPTED    0x01u
#define REC_CB_LV_INTRINSIC_MOST 1023u  /* cbLVIntrinsicMost */
#define REC_CB_LV_CHUNK_OVERHEAD 42u    /* LVChunkOverheadCommon, plus the page header on small pages */

/* ---- Compression (§11) ------------------------------------------------------------------------ */
/* First byte = scheme << 3 | x. 7-bit: x = bits used in the last byte - 1. Xpress: then u16 LE
 * uncompressed size, then MS-XCA "plain LZ77". */
#define REC_COMPRESS_7BIT_ASCII     1u
#define REC_COMPRESS_7BIT_UNICODE   2u
#define REC_COMPRESS_XPRESS         3u
#define REC_COMPRESS_SCRUB          4u
#define REC_COMPRESS_XPRESS9        5u
#define REC_COMPRESS_XPRESS10       6u
#define REC_COMPRESS_LZ4            7u
#define REC_CB_XPRESS_HEADER        3u
#define REC_CB_XPRESS_MIN_DEFAULT   1024u   /* JET_paramMinDataForXpress default */

/* ---- Normalized keys (§12, ese/fldnorm.cxx) -------------------------------------------------- */
#define REC_KEY_PREFIX_NULL         0x00u
#define REC_KEY_PREFIX_ZERO_LENGTH  0x40u
#define REC_KEY_PREFIX_NULL_HIGH    0xC0u
#define REC_KEY_PREFIX_DATA         0x7Fu
#define REC_KEY_BINARY_CHUNK        8u      /* variable binary: 8 data bytes ... */
#define REC_KEY_BINARY_CHUNK_NORM   9u      /* ... then a length/continuation byte */
#define REC_CB_KEY_MOST_OLD         255u    /* JET_cbKeyMost_OLD: the legacy key size */
#define REC_CB_KEY_MOST_MOST        2000u   /* cbKeyMostMost: the largest key of any page size */
#define REC_CCOL_KEY_MOST           16u     /* JET_ccolKeyMost */

#endif /* REC_FORMAT_H */
