/* SPDX-License-Identifier: MIT
 * record/rec_catalog.h: the rows of MSysObjects (and its shadow) decoded into table, column,
 * index, long-value and callback descriptors, and encoded back exactly as Windows writes them;
 * the built-in schemas of the system tables. Pure: the catalog layer does the DDL, the tree
 * walking and the MSysObjids/MSysLocales bookkeeping on top of this.
 * Layer: record (uses base). Included by record.h.
 * ESE-FORMAT-NOTES §8 and §14; ESE ese/_cat.cxx (rgcdescMSO), ese/cat.cxx (ErrCATAddTable,
 * ErrCATAddTableColumn, ErrCATAddTableIndex, ErrCATIAddTableLV, ErrCATAddTableCallback,
 * ErrCATIInsert, ErrCATIInitIDB), inc/cat.hxx. */
#ifndef REC_CATALOG_H
#define REC_CATALOG_H

/* ---- MSysObjects' own schema (built into ESE, never read from the catalog) ----------------- */

/* Columns in ESE's iMSO order (the order ErrCATIInsert sets them). */
enum rec_mso {
    REC_MSO_OBJID_TABLE, REC_MSO_TYPE, REC_MSO_ID, REC_MSO_NAME, REC_MSO_COLTYP_OR_PGNO_FDP,
    REC_MSO_SPACE_USAGE, REC_MSO_FLAGS, REC_MSO_PAGES_OR_LOCALE, REC_MSO_STATS, REC_MSO_ROOT_FLAG,
    REC_MSO_TEMPLATE_TABLE, REC_MSO_RECORD_OFFSET, REC_MSO_DEFAULT_VALUE, REC_MSO_KEY_FLD_IDS,
    REC_MSO_VAR_SEG_MAC, REC_MSO_CONDITIONAL_COLUMNS, REC_MSO_LCMAP_FLAGS, REC_MSO_KEY_MOST,
    REC_MSO_TUPLE_LIMITS, REC_MSO_VERSION, REC_MSO_SORT_ID, REC_MSO_CALLBACK_DATA,
    REC_MSO_CALLBACK_DEPENDENCIES, REC_MSO_SEPARATE_LV, REC_MSO_SPACE_HINTS,
    REC_MSO_SPACE_DEFERRED_LV_HINTS, REC_MSO_LOCALE_NAME, REC_MSO_LV_CHUNK_MAX,
    REC_MSO_PGNO_FDP_LAST_SET_TIME,
    REC_MSO_COUNT   /* 29; Windows 10 catalogs have column rows for the first 28 */
};
#define REC_MSO_CALLBACK REC_MSO_TEMPLATE_TABLE   /* overloaded for columns and callbacks */

struct rec_mso_column_def {
    const char *szName;
    uint16_t fid;
    uint32_t coltyp;
    bool     fNotNull;
};
extern const struct rec_mso_column_def rec_mso_columns[REC_MSO_COUNT];

/* MSysObjects' schema for records of cbPage pages: 29 columns (fixed at offsets 4..50), no
 * default record, primary key Id (cbKeyMost 255). The columns are static; *ps may be copied. */
void rec_cat_schema(uint32_t cbPage, struct rec_schema *ps);
/* The rec_column of an iMSO column. */
const struct rec_column *rec_cat_column(enum rec_mso imso);

/* Fixed places of the catalog (§8). */
#define REC_CAT_OBJID_MSO           2u
#define REC_CAT_OBJID_MSO_SHADOW    3u
#define REC_CAT_OBJID_NAME_INDEX    4u
#define REC_CAT_OBJID_ROOT_INDEX    5u
#define REC_CAT_PGNO_MSO            4u
#define REC_CAT_PGNO_NAME_INDEX     7u
#define REC_CAT_PGNO_ROOT_INDEX     10u
#define REC_CAT_PGNO_MSO_SHADOW     24u
#define REC_CAT_CPG_MSO             20u

/* SYSOBJ: the Type column. Rows of one table sort table, columns, indexes, LV, callbacks. */
#define REC_SYSOBJ_TABLE    1u
#define REC_SYSOBJ_COLUMN   2u
#define REC_SYSOBJ_INDEX    3u
#define REC_SYSOBJ_LV       4u
#define REC_SYSOBJ_CALLBACK 5u

/* Table flags (JET_bitObject*): the Flags of a table row. */
#define REC_CAT_TABLE_SYSTEM        0x80000000u
#define REC_CAT_TABLE_FIXED_DDL     0x40000000u
#define REC_CAT_TABLE_TEMPLATE      0x20000000u
#define REC_CAT_TABLE_DERIVED       0x10000000u
#define REC_CAT_TABLE_DYNAMIC       0x08000000u
#define REC_CAT_TABLE_NO_FIXED_VAR  0x04000000u

/* JET_SPACEHINTS as the catalog keeps them (ulInitialDensity and the initial size are columns;
 * the rest, when not zero, go to the SpaceHints/SpaceDeferredLVHints tagged columns: a version
 * byte 1 then u32s from grbit (tables) or cbInitial (indexes, LV), trailing zeros dropped). */
struct rec_cat_spacehints {
    uint32_t ulInitialDensity;
    uint32_t cbInitial;
    uint32_t grbit;
    uint32_t ulMaintDensity;
    uint32_t ulGrowth;
    uint32_t cbMinExtent;
    uint32_t cbMaxExtent;
};

/* ---- Decoded rows ----------------------------------------------------------------------- */

/* One MSysObjects row, column by column (pointers into the record). */
struct rec_cat_row {
    bool     rgfPresent[REC_MSO_COUNT];    /* stored non-NULL */
    struct rec_value rgval[REC_MSO_COUNT];
    uint32_t objidTable;
    uint16_t type;
    uint32_t id;
    char     szName[JET_cbNameMost + 1];
};
/* Decode a row (rec_view_init'ed on a page of the catalog). JET_errCatalogCorrupted when a
 * NotNull column is missing or a column has the wrong size for its type. */
MUST_CHECK JET_ERR rec_cat_row_decode(const struct rec_view *prv, struct rec_cat_row *prow);

struct rec_cat_table {
    uint32_t objid;
    uint32_t pgnoFDP;
    char     szName[JET_cbNameMost + 1];
    char     szTemplateTable[JET_cbNameMost + 1];   /* "" = none */
    uint32_t fFlags;                /* REC_CAT_TABLE_* */
    uint32_t ulDensity;
    uint32_t cpgInitial;
    struct rec_cat_spacehints hints;        /* the extended part, decoded (zeros when absent) */
    struct rec_cat_spacehints hintsDeferredLV;
    bool     fHints, fHintsDeferredLV;      /* the tagged columns are present */
    uint32_t cbSeparateLV;          /* 0 = default */
    uint32_t cbLVChunkMax;          /* 0 = default */
    bool     fPgnoFDPLastSetTime;
    uint64_t ftPgnoFDPLastSetTime;
};

struct rec_cat_column {
    uint32_t objidTable;
    uint16_t fid;                   /* Id, template bit removed (catalog stores it without) */
    char     szName[JET_cbNameMost + 1];
    uint32_t coltyp;
    uint32_t cbMax;                 /* SpaceUsage */
    uint32_t fFlags;                /* FIELDFLAG (REC_FIELD_*) */
    uint32_t cp;                    /* PagesOrLocale */
    bool     fRecordOffset;
    uint16_t ibRecordOffset;        /* fixed columns */
    const uint8_t *pbDefault;       /* DefaultValue (NULL = none) */
    uint32_t cbDefault;
    char     szCallback[JET_cbColumnMost + 1];  /* user-defined default callback "module!function" ("" = none) */
    const uint8_t *pbCallbackData;
    uint32_t cbCallbackData;
    const uint8_t *pbCallbackDependencies;
    uint32_t cbCallbackDependencies;
};

struct rec_cat_index {
    uint32_t objidTable;
    uint32_t objid;                 /* = objidTable for the primary index */
    uint32_t pgnoFDP;
    char     szName[JET_cbNameMost + 1];
    uint32_t ulDensity;
    uint16_t fidb;                  /* REC_IDB_* */
    uint16_t fidx;                  /* REC_IDX_* */
    uint32_t lcid;                  /* PagesOrLocale (0 in modern catalogs) */
    uint32_t dwLCMapFlags;
    bool     fLCMapFlags;
    uint32_t cbKeyMost;             /* 255 when not stored */
    bool     fKeyMost;
    uint32_t cbVarSegMac;           /* cbKeyMost when not stored */
    bool     fVarSegMac;
    struct rec_idxseg rgseg[REC_CCOL_KEY_MOST];
    uint32_t cseg;
    struct rec_idxseg rgsegConditional[REC_CCOL_KEY_MOST];
    uint32_t csegConditional;
    bool     fTuples;
    uint32_t cbTupleLimits;         /* 12 (v1) or 20 */
    uint32_t rgulTuple[5];          /* chLengthMin, chLengthMax, chToIndexMax, cchIncrement, ichStart */
    bool     fVersion;
    uint64_t qwSortVersion;         /* (dwNLSVersion << 32) | dwDefinedVersion */
    bool     fSortId;
    uint8_t  rgbSortId[16];
    ESENT_WCHAR wszLocaleName[86];  /* "" when not stored */
    bool     fLocaleName;
    struct rec_cat_spacehints hints;
    bool     fHints;
    bool     fPgnoFDPLastSetTime;
    uint64_t ftPgnoFDPLastSetTime;
};

struct rec_cat_lv {
    uint32_t objidTable;
    uint32_t objid;
    uint32_t pgnoFDP;
    uint32_t ulDensity;             /* 100 */
    uint32_t cpgInitial;            /* 1 */
    uint32_t fFlags;                /* 0 */
    struct rec_cat_spacehints hints;
    bool     fHints;
    bool     fPgnoFDPLastSetTime;
    uint64_t ftPgnoFDPLastSetTime;
};

struct rec_cat_callback {
    uint32_t objidTable;
    uint32_t cbtyp;                 /* Flags */
    char     szCallback[JET_cbColumnMost + 1];  /* "module!function" (ESE allows JET_cbColumnMost) */
};

/* Typed views of a decoded row (JET_errCatalogCorrupted if the row is not of that type or a
 * column is malformed). */
MUST_CHECK JET_ERR rec_cat_row_table(const struct rec_cat_row *prow, struct rec_cat_table *pt);
MUST_CHECK JET_ERR rec_cat_row_column(const struct rec_cat_row *prow, struct rec_cat_column *pc);
MUST_CHECK JET_ERR rec_cat_row_index(const struct rec_cat_row *prow, struct rec_cat_index *pi);
MUST_CHECK JET_ERR rec_cat_row_lv(const struct rec_cat_row *prow, struct rec_cat_lv *plv);
MUST_CHECK JET_ERR rec_cat_row_callback(const struct rec_cat_row *prow, struct rec_cat_callback *pcb);

/* A column definition from its catalog row (the record layer's view of it). */
void rec_cat_column_to_rec(const struct rec_cat_column *pcc, bool fTemplate, struct rec_column *prc);
/* An index definition from its catalog row (pidx->locale filled from the row; pfnLCMap NULL). */
void rec_cat_index_to_rec(const struct rec_cat_index *pci, struct rec_index *pidx);

/* ---- Encoding (ESE's ErrCATAdd* + ErrCATIInsert) --------------------------------------- */

/* The key of a row in the catalog's primary index Id (+ObjidTable +Type +Id). */
uint32_t rec_cat_key_id(uint32_t objidTable, uint16_t type, uint32_t id, uint8_t *pbKey);

/* Encode a row as Windows inserts it, into prb (cbMax >= the page's record limit). The same
 * bytes go to MSysObjects and MSysObjectsShadow. fPgnoFDPLastSetTime (newer Windows builds that
 * stamp PgnoFDPLastSetTime) is taken from the descriptor. */
MUST_CHECK JET_ERR rec_cat_encode_table(const struct rec_cat_table *pt, uint32_t cbPage, struct rec_buf *prb);
MUST_CHECK JET_ERR rec_cat_encode_column(const struct rec_cat_column *pc, uint32_t cbPage, struct rec_buf *prb);
MUST_CHECK JET_ERR rec_cat_encode_index(const struct rec_cat_index *pi, uint32_t cbPage, struct rec_buf *prb);
MUST_CHECK JET_ERR rec_cat_encode_lv(const struct rec_cat_lv *plv, uint32_t cbPage, struct rec_buf *prb);
MUST_CHECK JET_ERR rec_cat_encode_callback(const struct rec_cat_callback *pcb, uint32_t cbPage, struct rec_buf *prb);

/* ---- System tables as data ---------------------------------------------------------------- */

/* A table definition the catalog layer creates as it is: the rows Windows puts in MSysObjects for
 * it (with placeholders for objids and pgnos, filled in by the creator). */
struct rec_sys_table_def {
    struct rec_cat_table table;
    const struct rec_cat_column *rgcol;
    uint32_t ccol;
    const struct rec_cat_index *rgidx;
    uint32_t cidx;
};
/* MSysObjects / MSysObjectsShadow: table row (objid 2 or 3) and 29 column rows (28 without
 * PgnoFDPLastSetTime). The indexes Id, Name, RootObjects (Id only for the shadow). */
void rec_sys_mso_table(bool fShadow, uint32_t cbPage, struct rec_cat_table *pt);
void rec_sys_mso_column(uint32_t objidTable, enum rec_mso imso, struct rec_cat_column *pc);
void rec_sys_mso_index(uint32_t objidTable, unsigned iidx, struct rec_cat_index *pi);  /* 0 Id, 1 Name, 2 RootObjects */
/* MSysObjids (objid, objidTable, type) and MSysLocales (Key, Type, iValue): objidTable and
 * pgnoFDP of the table and index rows are 0 here. */
extern const struct rec_sys_table_def rec_sys_msysobjids;
extern const struct rec_sys_table_def rec_sys_msyslocales;

/* The records of those tables, as Windows inserts them. MSysObjids: one per table (type 1),
 * secondary index (3) and LV tree (4): tagged objid, objidTable, type. MSysLocales: Key =
 * UTF-16 string with its NUL (as bytes), Type (1 schema version, 2 locale/consistency), iValue
 * (its default is 0). *prb receives the record (cbMax >= 64 + 2 * key length). */
MUST_CHECK JET_ERR rec_sys_objids_row(uint32_t objid, uint32_t objidTable, uint16_t type, uint32_t cbPage,
        struct rec_buf *prb);
MUST_CHECK JET_ERR rec_sys_locales_row(const ESENT_WCHAR *wszKey, uint8_t type, int32_t iValue, uint32_t cbPage,
        struct rec_buf *prb);

#endif /* REC_CATALOG_H */
