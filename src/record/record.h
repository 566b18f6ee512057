/* SPDX-License-Identifier: MIT
 * record/record.h: the record layer's public face. Pure functions on byte buffers in the real ESE
 * formats: records (fixed, variable and tagged columns, multi-values, defaults), long-value keys
 * and roots, compressed values (7-bit, Xpress), normalized index keys, and (rec_catalog.h) the
 * rows of the system tables.
 * Layer: record (uses base). No I/O and no global state; allocation only where a function says so.
 *
 * The README beside this file gives the formats (with ESE-FORMAT-NOTES references), the invariants
 * of a valid record and the decode rules. In short:
 *   - Bytes from disk are untrusted. rec_view_init() checks the whole record (header, variable
 *     offsets, every tagged entry and multi-value array) and returns JET_errDatabaseCorrupted on
 *     the first violation; the accessors then only read inside the record. Accessors that combine
 *     a record with a schema check the pair again (a column that does not fit its record is
 *     corruption too).
 *   - The update functions (rec_set_*) are ESE's SetColumn: they change a record in a work buffer
 *     exactly as Windows does (bursting of columns and defaults, '*' fill, TWOVALUES on small
 *     pages, NULL entries that override defaults). They check first and change second: on an
 *     error the buffer is unchanged. Starting from rec_init_insert() and setting columns gives the
 *     bytes Windows would insert.
 *   - Nothing here knows B-trees or pages: long values are described (keys, roots, chunk sizes),
 *     not fetched; the caller walks the LV tree. */
#ifndef RECORD_H
#define RECORD_H

#include "base.h"
#include "le.h"
#include "rec_format.h"

/* Internal warnings of the record layer (base/base.h's range): they pass through CALL like any
 * warning, and never leave the engine. */
#define WRN_REC_KEY_TRUNCATED   (WRN_INTERNAL_BASE + 0x100)  /* a key was cut to cbKeyMost */
#define WRN_REC_NULL_KEY        (WRN_INTERNAL_BASE + 0x101)  /* every segment NULL */
#define WRN_REC_NULL_FIRST_SEG  (WRN_INTERNAL_BASE + 0x102)  /* first segment NULL */
#define WRN_REC_NULL_SEG        (WRN_INTERNAL_BASE + 0x103)  /* some segment NULL */
#define WRN_REC_NOT_IN_INDEX    (WRN_INTERNAL_BASE + 0x104)  /* conditional columns exclude it */
#define WRN_REC_OUT_OF_KEYS     (WRN_INTERNAL_BASE + 0x105)  /* no more multi-value combinations */
#define WRN_REC_OUT_OF_TUPLES   (WRN_INTERNAL_BASE + 0x106)  /* no more substrings (tuple index) */
/* Internal error: a compressed value may only be the first instance of a multi-valued column
 * (errRECCompressionNotPossible); the caller stores the value uncompressed instead. */
#define ERR_REC_COMPRESSION_NOT_POSSIBLE (ERR_INTERNAL_BASE - 0x100)

/* ============================================================ column definitions (schema) === */

/* FIELDFLAG: the column flags the catalog stores (§8, inc/tdb.hxx). */
#define REC_FIELD_NOT_NULL          0x0001u
#define REC_FIELD_VERSION           0x0002u
#define REC_FIELD_AUTOINCREMENT     0x0004u
#define REC_FIELD_MULTIVALUED       0x0008u
#define REC_FIELD_DEFAULT           0x0010u
#define REC_FIELD_ESCROW_UPDATE     0x0020u
#define REC_FIELD_FINALIZE          0x0040u
#define REC_FIELD_USER_DEFINED_DEFAULT 0x0080u
#define REC_FIELD_TEMPLATE_COLUMN_ESE98 0x0100u
#define REC_FIELD_DELETE_ON_ZERO    0x0200u
#define REC_FIELD_PRIMARY_INDEX_PLACEHOLDER 0x0800u
#define REC_FIELD_COMPRESSED        0x1000u
#define REC_FIELD_ENCRYPTED         0x2000u

#define REC_CP_UNICODE  1200u
#define REC_CP_ANSI     1252u

/* One column as the record layer needs it; the catalog layer builds these from MSysObjects. */
struct rec_column {
    uint16_t fid;               /* REC_FID_* ranges decide fixed/variable/tagged */
    bool     fTemplate;         /* column of the template table (JET_COLUMNID bit 31) */
    uint32_t coltyp;            /* JET_coltyp* */
    uint32_t cbMax;             /* SpaceUsage: the size of a fixed column; the limit of others (0 = none) */
    uint16_t ibRecordOffset;    /* fixed columns: offset of the value in the record (>= 4) */
    uint16_t cp;                /* text: 1200 Unicode, 1252 ANSI; else 0 */
    uint32_t fFlags;            /* REC_FIELD_* */
};

/* A table's columns (sorted by fid, the template's column first where a derived table's own
 * tagged column has the same fid, ESE's rule; otherwise fids are unique) and what records of
 * the table need. */
struct rec_schema {
    uint32_t cbPage;
    const struct rec_column *rgcol;
    uint32_t ccol;
    bool     fDerivedTable;     /* template columns' tagged values carry the derived bit */
    uint32_t cbKeyMostPrimary;  /* cbKeyMost of the primary index, 4 (the DBK) without one */
    const uint8_t *pbDefaultRecord; /* rec_build_default_record's result; NULL: no defaults */
    uint32_t cbDefaultRecord;
};

/* The column with this fid, or NULL (the template's, where a derived table's own tagged column
 * shares its fid). */
const struct rec_column *rec_schema_find(const struct rec_schema *ps, uint32_t fid);
/* The column with this fid that is (fTemplate) or is not the template's where both exist,
 * else rec_schema_find's. */
const struct rec_column *rec_schema_find_col(const struct rec_schema *ps, uint32_t fid, bool fTemplate);
/* Whether a tagged value of this column carries the derived bit (FRECUseDerivedBit). */
static inline bool rec_column_derived_bit(const struct rec_schema *ps, const struct rec_column *pc)
{
    return pc->fTemplate && ps->fDerivedTable && rec_fid_is_tagged(pc->fid);
}
/* Column types whose values may be long values (LongText, LongBinary). */
static inline bool rec_coltyp_is_long(uint32_t coltyp)
{
    return coltyp == JET_coltypLongText || coltyp == JET_coltypLongBinary;
}
static inline bool rec_coltyp_is_text(uint32_t coltyp)
{
    return coltyp == JET_coltypText || coltyp == JET_coltypLongText;
}
static inline bool rec_coltyp_is_binary(uint32_t coltyp)
{
    return coltyp == JET_coltypBinary || coltyp == JET_coltypLongBinary;
}
/* The stored size of a fixed column of this type (UlCATColumnSize); cbMax for Text/Binary. */
uint32_t rec_coltyp_fixed_size(uint32_t coltyp, uint32_t cbMax);

/* ================================================================ sizes (§9 end) ============ */

static inline bool rec_page_is_large(uint32_t cbPage) { return cbPage > 8192u; }
/* The largest node a page of cbPage takes (CbNDNodeMost: data area - one reserved tag - one tag). */
static inline uint32_t rec_cb_node_most(uint32_t cbPage)
{
    return cbPage - (rec_page_is_large(cbPage) ? 80u : 40u) - 8u;
}
/* REC::CbRecordMost: the largest record of a table whose primary key is at most cbKeyMost bytes
 * (4 for the DBK of a table without primary index). Small pages keep the old limit. */
uint32_t rec_cb_record_most(uint32_t cbPage, uint32_t cbKeyMost);

/* ============================================================== reading records ============ */

/* One value as stored. pb points into the record (or the default record). */
#define REC_VALUE_LONG          0x01u   /* column is a long-value type (intrinsic or separated) */
#define REC_VALUE_SEPARATED     0x02u   /* pb/cb is the LID, 4 or 8 bytes LE (rec_lid_get) */
#define REC_VALUE_COMPRESSED    0x04u   /* pb/cb is compressed data (rec_decompress) */
#define REC_VALUE_ENCRYPTED     0x08u   /* encrypted with the database key: not readable here */
#define REC_VALUE_DEFAULT       0x10u   /* came from the default record, not from this record */
struct rec_value {
    const uint8_t *pb;
    uint32_t cb;
    uint32_t fFlags;            /* REC_VALUE_* */
};

/* A checked record. Every offset below lies inside the record. */
struct rec_view {
    const uint8_t *pb;
    uint32_t cb;
    uint32_t cbPage;
    bool     fLarge;            /* 16/32 KiB page encoding of tagged columns */
    bool     fOldFormat;        /* revision-2 tagged entries (page without the 0x800 flag) */
    uint8_t  fidFixedLast;      /* as stored: REC_FID_FIXED_NONE or 1..127 */
    uint8_t  fidVarLast;        /* as stored: REC_FID_VAR_NONE or 128..255 */
    uint16_t ibEndFixed;        /* end of the null bitmap */
    uint32_t ibBitmap;          /* start of the null bitmap = end of the fixed columns */
    uint32_t ibVarOffsets;
    uint32_t ibVarData;
    uint32_t ibTagged;          /* start of the tagged area; cb - ibTagged bytes long */
    uint32_t ctagged;           /* entries in the tagged array (new format) / columns (old) */
};

#define REC_VIEW_OLD_FORMAT 0x1u    /* the record is on a page without PAGE_FLAG_NEW_RECORD_FORMAT */
/* Check a record read from a page of cbPage and describe it. JET_errDatabaseCorrupted (logged on
 * the record channel) when anything is out of place. */
MUST_CHECK JET_ERR rec_view_init(struct rec_view *prv, const void *pb, uint32_t cb, uint32_t cbPage, unsigned grbit);

/* Where a column stands in a record. */
enum rec_presence {
    REC_ABSENT,     /* beyond fid*LastInRec, or no tagged entry: the default applies */
    REC_NULL,       /* stored NULL (null bit, var null bit, tagged NULL entry) */
    REC_PRESENT,    /* stored with a value (possibly zero-length) */
};

/* Fixed column fid with its definition: the slot's bytes (cbMax of them, stale when NULL).
 * JET_errDatabaseCorrupted if the slot does not lie in the record's fixed area. */
MUST_CHECK JET_ERR rec_get_fixed(const struct rec_view *prv, const struct rec_column *pc,
        enum rec_presence *ppres, struct rec_value *pval);
/* Variable column fid (128..255). */
MUST_CHECK JET_ERR rec_get_var(const struct rec_view *prv, uint32_t fid, enum rec_presence *ppres,
        struct rec_value *pval);

/* One tagged column of a record (all its instances). */
enum rec_tagged_form {
    REC_TAGGED_SINGLE,      /* one value */
    REC_TAGGED_NULL,        /* explicit NULL (overrides the default) */
    REC_TAGGED_TWO,         /* TWOVALUES (small pages, non-LV) */
    REC_TAGGED_MULTI,       /* MULTIVALUES */
    REC_TAGGED_OLD,         /* revision-2 entries */
};
struct rec_tagged {
    uint16_t fid;
    bool     fDerived;
    enum rec_tagged_form form;
    bool     fHeader;           /* the data starts with a TAGFLD_HEADER byte */
    uint8_t  bHeader;           /* REC_TH_* (0 without header) */
    const uint8_t *pb;          /* the data after the header byte (the whole run for OLD) */
    uint32_t cb;
    uint32_t cinst;             /* instances (0 for NULL) */
};
/* The itagged-th column of the tagged area (0 .. prv->ctagged - 1), in stored order. */
MUST_CHECK JET_ERR rec_tagged_at(const struct rec_view *prv, uint32_t itagged, struct rec_tagged *pt);
/* Find column (fid, fDerived): JET_errSuccess, or ERR_NOT_FOUND. */
MUST_CHECK JET_ERR rec_tagged_find(const struct rec_view *prv, uint32_t fid, bool fDerived, struct rec_tagged *pt);
/* Instance itag (1-based) of a tagged column: JET_wrnColumnNull past the last instance. */
MUST_CHECK JET_ERR rec_tagged_instance(const struct rec_tagged *pt, uint32_t itag, struct rec_value *pval);

/* ESE's RetrieveColumn on a record: the value of (column, itag) with defaults applied: a column
 * the record does not hold takes its default (from ps->pbDefaultRecord, only for itag 1).
 * JET_errSuccess with the value, JET_wrnColumnNull for NULL or a missing instance. A user-defined
 * default (callback) reads as NULL here; the caller runs the callback. */
MUST_CHECK JET_ERR rec_retrieve(const struct rec_view *prv, const struct rec_schema *ps,
        const struct rec_column *pc, uint32_t itag, struct rec_value *pval);
/* Number of values of a column (JET_RETRIEVECOLUMN itagSequence 0): defaults count as one. */
MUST_CHECK JET_ERR rec_count_values(const struct rec_view *prv, const struct rec_schema *ps,
        const struct rec_column *pc, uint32_t *pcval);

/* LIDs in records are little-endian, 4 (LID32) or 8 (LID64, bit 63 set) bytes. false if the
 * bytes are not a valid LID of their size. */
bool rec_lid_get(const uint8_t *pb, uint32_t cb, uint64_t *plid);
static inline bool rec_lid_is_64(uint64_t lid) { return (lid & REC_LID64_FLAG) != 0; }
static inline uint32_t rec_lid_cb(uint64_t lid) { return rec_lid_is_64(lid) ? 8u : 4u; }
uint32_t rec_lid_put(uint8_t *pb, uint64_t lid);  /* returns 4 or 8 */

/* ============================================================= changing records ============ */

/* A record under construction: cb bytes used of cbMax (keep cbMax >= rec_cb_record_most). */
struct rec_buf {
    uint8_t *pb;
    uint32_t cb;
    uint32_t cbMax;
};

/* The empty record: 00 7F 04 00. */
void rec_init_minimum(struct rec_buf *prb);
/* JET_prepInsert: the fixed and variable part of the table's default record (the minimum record
 * without one). Tagged defaults stay in the default record, as in ESE. */
MUST_CHECK JET_ERR rec_init_insert(struct rec_buf *prb, const struct rec_schema *ps);

/* SetColumn grbits this layer understands (the JET_bitSet* values where one exists). */
#define REC_SET_REVERT_TO_DEFAULT   JET_bitSetRevertToDefaultValue
#define REC_SET_SEPARATED           0x40000000u /* the value is a LID of a separated long value */
#define REC_SET_COMPRESSED          0x20000000u /* the value is compressed data (§11) */
#define REC_SET_ENCRYPTED           0x10000000u /* the value is encrypted data */
#define REC_SET_USE_DERIVED_BIT     0x80000000u /* forced; normally from rec_column_derived_bit */
#define REC_SET_ZERO_LENGTH         JET_bitSetZeroLength

/* ESE's SetColumn for one column. pval NULL sets NULL. A value with cb 0 is zero-length (fixed
 * columns treat it as NULL). itag: 1-based instance of a tagged column; 0 or one past the last
 * appends; setting NULL at an existing itag deletes that instance. Values are stored as given
 * (little-endian numbers; a LID with REC_SET_SEPARATED; compressed data with REC_SET_COMPRESSED).
 * Errors (buffer unchanged): JET_errRecordTooBig, JET_errNullInvalid (NotNull column),
 * JET_errInvalidBufferSize (fixed size), JET_errColumnNotFound, JET_errDatabaseCorrupted (the
 * buffer is not a valid record). A too-long variable value is cut to cbMax with
 * JET_wrnColumnMaxTruncated, as ESE does. */
MUST_CHECK JET_ERR rec_set_column(struct rec_buf *prb, const struct rec_schema *ps,
        const struct rec_column *pc, uint32_t itag, const struct rec_value *pval, uint32_t grbit);

/* The itag of an instance of (fid, fDerived) equal to pb/cb, or 0 (JET_bitSetUniqueMultiValues). */
uint32_t rec_tagged_find_value(const struct rec_view *prv, uint32_t fid, bool fDerived,
        const void *pb, uint32_t cb);

/* The default record of a table (FILEPrepareDefaultRecord + ErrFILERebuildDefaultRec): every
 * column with a default value (REC_FIELD_DEFAULT, not user-defined) set in fid order from the
 * minimum record (or from the template table's default record, tagged columns made derived, for
 * a derived table). defaults[i] is the default of ps->rgcol[i] (cb 0: none). The result is
 * mem_alloc'ed into *ppb (free with mem_free). */
MUST_CHECK JET_ERR rec_build_default_record(const struct rec_schema *ps, const struct rec_value *rgdefault,
        const uint8_t *pbTemplateDefault, uint32_t cbTemplateDefault, uint8_t **ppb, uint32_t *pcb);

/* ================================================================== long values (§10) ======= */

/* cbLVChunkMost for a page size (JET_paramLVChunkSizeMost): cbPage - 82 on small pages, 4050 at
 * 16 KiB, 8150 at 32 KiB. A table's LVChunkMax, when set, replaces it. */
uint32_t rec_lv_chunk_most(uint32_t cbPage);
/* Keys of the LV tree are big-endian: root = LID (4 or 8 bytes), chunk = LID + u32 offset. */
uint32_t rec_lv_key_root(uint8_t *pbKey, uint64_t lid);
uint32_t rec_lv_key_chunk(uint8_t *pbKey, uint64_t lid, uint32_t ibOffset);
/* Parse an LV-tree key: fRoot tells a root from a chunk. JET_errDatabaseCorrupted for a key of
 * another size or an invalid LID. */
MUST_CHECK JET_ERR rec_lv_key_parse(const uint8_t *pbKey, uint32_t cbKey, uint64_t *plid, bool *pfRoot,
        uint32_t *pibOffset);
struct rec_lvroot {
    uint32_t ulReference;
    uint32_t ulSize;
    uint8_t  fFlags;            /* REC_LVROOT_ENCRYPTED (LVROOT2 only) */
    bool     fRoot2;            /* 9-byte form */
};
MUST_CHECK JET_ERR rec_lv_root_parse(const uint8_t *pb, uint32_t cb, struct rec_lvroot *proot);
uint32_t rec_lv_root_encode(const struct rec_lvroot *proot, uint8_t *pb);  /* 8 or 9 bytes */
/* FLVCompressedChunk: a chunk shorter than expected (full chunk, or the remainder for the last)
 * is compressed. JET_errDatabaseCorrupted if it is longer, or the offset is not a multiple. */
MUST_CHECK JET_ERR rec_lv_chunk_is_compressed(uint32_t cbChunkMost, uint32_t ibOffset, uint32_t cbData,
        uint32_t cbLV, bool *pfCompressed);
/* Whether a long value of cb bytes stays in the record (intrinsic): cb <= the table's SeparateLV
 * threshold (1023 by default) and the record has room. cbThreshold 0 means the default. */
static inline bool rec_lv_fits_intrinsic(uint32_t cb, uint32_t cbThreshold)
{
    return cb <= (cbThreshold ? cbThreshold : REC_CB_LV_INTRINSIC_MOST);
}

/* ==================================================================== compression (§11) ==== */

/* Uncompressed size of compressed data (from its header). JET_errDecompressionFailed for an
 * unknown or unsupported scheme or a malformed header. */
MUST_CHECK JET_ERR rec_decompressed_size(const uint8_t *pb, uint32_t cb, uint32_t *pcbOut);
/* Decompress into pbOut (cbOutMax >= rec_decompressed_size). JET_errDecompressionFailed when the
 * data is malformed; never reads or writes outside the buffers. */
MUST_CHECK JET_ERR rec_decompress(const uint8_t *pb, uint32_t cb, uint8_t *pbOut, uint32_t cbOutMax,
        uint32_t *pcbOut);
/* Compression as ESE's ErrPKCompressData with compress7Bit | compressXpress: Xpress for data of at
 * least cbXpressMin bytes (and at most 65535) when that beats 7-bit Unicode, else 7-bit Unicode or
 * 7-bit ASCII when every character fits. ERR_NOT_FOUND when nothing makes the data smaller.
 * cbOutMax must be >= cb. */
#define REC_COMPRESS_7BIT   0x1u
#define REC_COMPRESS_XPRESS_FLAG 0x2u
MUST_CHECK JET_ERR rec_compress(const uint8_t *pb, uint32_t cb, unsigned grbitSchemes, uint32_t cbXpressMin,
        uint8_t *pbOut, uint32_t cbOutMax, uint32_t *pcbOut);
/* The single schemes (tests, and writers wanting one). */
MUST_CHECK JET_ERR rec_compress_7bit(const uint8_t *pb, uint32_t cb, bool fUnicode, uint8_t *pbOut,
        uint32_t cbOutMax, uint32_t *pcbOut);
MUST_CHECK JET_ERR rec_compress_xpress(const uint8_t *pb, uint32_t cb, uint8_t *pbOut, uint32_t cbOutMax,
        uint32_t *pcbOut);
/* MS-XCA plain LZ77 without ESE's 3-byte header (exposed for tests). */
MUST_CHECK JET_ERR rec_lz77_decode(const uint8_t *pb, uint32_t cb, uint8_t *pbOut, uint32_t cbOut);
uint32_t rec_lz77_encode(const uint8_t *pb, uint32_t cb, uint8_t *pbOut, uint32_t cbOutMax);
/* The chi-squared test ESE runs before compressing (>= 128 bytes, first 1024): true = try. */
bool rec_compress_worth_trying(const uint8_t *pb, uint32_t cb);

/* =============================================================== index keys (§12) ========== */

/* IDBFLAG (low u16 of the catalog Flags of an index) and IDXFLAG (high u16). */
#define REC_IDB_UNIQUE              0x0001u
#define REC_IDB_ALLOW_ALL_NULLS     0x0002u
#define REC_IDB_ALLOW_FIRST_NULL    0x0004u
#define REC_IDB_ALLOW_SOME_NULLS    0x0008u
#define REC_IDB_NO_NULL_SEG         0x0010u
#define REC_IDB_PRIMARY             0x0020u
#define REC_IDB_LOCALE_SET          0x0040u
#define REC_IDB_MULTIVALUED         0x0080u
#define REC_IDB_TEMPLATE_INDEX      0x0100u
#define REC_IDB_DERIVED_INDEX       0x0200u
#define REC_IDB_LOCALIZED_TEXT      0x0400u
#define REC_IDB_SORT_NULLS_HIGH     0x0800u
#define REC_IDB_UNICODE_FIXUP_OLD   0x1000u
#define REC_IDB_CROSS_PRODUCT       0x2000u
#define REC_IDB_DISALLOW_TRUNCATION 0x4000u
#define REC_IDB_NESTED_TABLE        0x8000u
#define REC_IDX_EXTENDED_COLUMNS    0x0001u
#define REC_IDX_DOTNET_GUID         0x0002u
#define REC_IDX_DEFERRED_POPULATE   0x0004u
#define REC_IDX_OPTIONALLY_UNIQUE   0x0008u

/* A key segment (LE_IDXSEG flags). */
#define REC_IDXSEG_TEMPLATE     0x80u
#define REC_IDXSEG_DESCENDING   0x40u
#define REC_IDXSEG_MUST_BE_NULL 0x20u
struct rec_idxseg {
    uint16_t fid;
    uint8_t  fFlags;            /* REC_IDXSEG_* */
};

/* What LCMapStringEx needs for Unicode text (NORM_LOCALE_VER). */
struct rec_locale {
    ESENT_WCHAR wszLocaleName[86];  /* LOCALE_NAME_MAX_LENGTH; "" = invariant, or see lcid */
    uint32_t dwLCMapFlags;          /* 0x00030401 by default */
    uint32_t dwNlsVersion;
    uint32_t dwDefinedNlsVersion;
    uint8_t  rgbSortId[16];
    uint32_t lcid;                  /* catalogs older than locale names: the LCID (0 = none) */
};
#define REC_LCMAP_FLAGS_DEFAULT 0x00030401u
#define REC_LCMAP_UPPERCASE     0x00000200u
/* The hook that maps Unicode text to its sort key (LCMapStringEx with LCMAP_SORTKEY and the
 * locale's flags; with LCMAP_UPPERCASE alone, the upper-cased UTF-16LE text). It writes
 * min(cbOutMax, size) bytes and returns the whole size in *pcbKey (a sort key's terminating 0x00
 * included, as LCMapStringEx returns it). Errors are JET_err*: a hook that cannot key some text
 * exactly as Windows does must fail (JET_errUnicodeNormalizationNotSupported), never guess, so
 * that a seek never silently misses. */
typedef JET_ERR (*rec_lcmap_fn)(void *pvCtx, const struct rec_locale *ploc, const ESENT_WCHAR *pwch,
        uint32_t cch, uint8_t *pbOut, uint32_t cbOutMax, uint32_t *pcbKey);
/* The hook used for an index whose pfnLCMap is NULL. This layer cannot reach the OS, so the
 * process-wide default is installed from above (the isam layer installs the OS layer's
 * os_lcmap_sortkey: LCMapStringEx on Windows, our default sort elsewhere) and stays
 * rec_lcmap_unsupported until then. pfn NULL restores that. Thread-safe; meant to be set once. */
void rec_lcmap_set_default(rec_lcmap_fn pfn, void *pvCtx);
/* JET_errUnicodeNormalizationNotSupported, with a FIXME: the default before one is installed. */
JET_ERR rec_lcmap_unsupported(void *pvCtx, const struct rec_locale *ploc, const ESENT_WCHAR *pwch,
        uint32_t cch, uint8_t *pbOut, uint32_t cbOutMax, uint32_t *pcbKey);

/* An index as the key builder needs it. */
struct rec_index {
    uint16_t fidb;              /* REC_IDB_* */
    uint16_t fidx;              /* REC_IDX_* */
    uint32_t cbKeyMost;         /* 255 unless KeyMost is stored */
    uint32_t cbVarSegMac;       /* = cbKeyMost unless VarSegMac is stored */
    const struct rec_idxseg *rgseg;
    uint32_t cseg;
    const struct rec_idxseg *rgsegConditional;
    uint32_t csegConditional;
    struct rec_locale locale;
    rec_lcmap_fn pfnLCMap;      /* NULL: the default hook (rec_lcmap_set_default) */
    void *pvLCMapCtx;
    /* tuple indexes */
    bool     fTuples;
    uint32_t cchTupleMin, cchTupleMax, ichTupleToIndexMax, cchTupleIncrement, ichTupleStart;
};

/* One column value as a key segment sees it: already fetched (separated long values read,
 * compressed ones decompressed, defaults applied), whole. fNull for NULL. */
struct rec_key_column {
    bool fNull;
    const uint8_t *pb;
    uint32_t cb;
};

/* Normalize one value of a column into a key segment (ErrFLDNormalizeSegment): prefix byte and
 * body in at most cbAvail (>= 1) bytes, complemented when descending. The value is used as given
 * (the caller cuts it to the source length ESE would read). *pfTruncated when it did not fit.
 * JET_errDatabaseCorrupted for a fixed-type value of the wrong size; the LCMap hook's errors for
 * Unicode text. */
MUST_CHECK JET_ERR rec_key_segment(const struct rec_index *pidx, const struct rec_column *pc,
        const struct rec_key_column *pkc, bool fDescending, uint8_t *pbSeg, uint32_t cbAvail,
        uint32_t *pcbSeg, bool *pfTruncated);
/* The key of one index entry (ErrRECIRetrieveKey): rgkc[i] is the whole value of segment i's
 * column, rgitag[i] its itagSequence (NULL: all 1). pbKey holds cbKeyMost bytes. Returns
 * JET_errSuccess, or WRN_REC_NULL_KEY / _NULL_FIRST_SEG / _NULL_SEG, or WRN_REC_OUT_OF_KEYS when
 * a multi-valued segment with itag > 1 is NULL (*pisegOut = that segment), or WRN_REC_OUT_OF_KEYS
 * style tuple exhaustion for tuple indexes at ichTuple; JET_errKeyTruncated when the index
 * disallows truncation. *pfTruncated tells a cut key. */
MUST_CHECK JET_ERR rec_key_make(const struct rec_index *pidx, const struct rec_column *const *rgpc,
        const struct rec_key_column *rgkc, const uint32_t *rgitag, uint32_t ichTuple, uint8_t *pbKey,
        uint32_t *pcbKey, bool *pfTruncated, uint32_t *pisegOut);
/* The DBK of a table without primary index: a u32 counter from 1, big-endian, no prefix. */
static inline uint32_t rec_key_dbk(uint8_t *pbKey, uint32_t dbk) { put_be32(pbKey, dbk); return 4; }

/* Reads a separated long value for the key builder: copies min(cbMax, size) bytes from offset 0
 * and returns the whole size in *pcbActual. */
typedef JET_ERR (*rec_lv_fetch_fn)(void *pvCtx, uint64_t lid, uint8_t *pb, uint32_t cbMax, uint32_t *pcbActual);
/* Receives one index entry's key. */
typedef JET_ERR (*rec_key_entry_fn)(void *pvCtx, const uint8_t *pbKey, uint32_t cbKey);
/* Every entry a record puts in an index (ErrRECIEnumerateKeys): conditional columns, the
 * multi-value sequence (first multi-valued segment, or every combination for cross-product and
 * nested-table indexes), tuples, and the index's NULL rules; a key the record yields twice is
 * reported once. Values come from the record with defaults applied; compressed ones are
 * decompressed, separated ones read through pfnLV (NULL: JET_errFeatureNotAvailable). Memory:
 * mem_alloc for long values. An error of the LCMap hook (text it cannot key) ends the
 * enumeration. */
MUST_CHECK JET_ERR rec_key_enum_record(const struct rec_index *pidx, const struct rec_schema *ps,
        const struct rec_view *prv, rec_lv_fetch_fn pfnLV, void *pvLVCtx, rec_key_entry_fn pfnEntry,
        void *pvEntryCtx);

#include "rec_catalog.h"

#endif /* RECORD_H */
