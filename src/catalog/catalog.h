/* SPDX-License-Identifier: MIT
 * catalog/catalog.h: the system tables of a database, and the definitions of its tables,
 * columns, indexes and long-value trees as MSysObjects records them.
 * Layer: catalog (uses btree, space, cache, page, record, ver). Used by isam, cursor, api, esentutl.
 *
 * Three services (README.md beside this file has the layout, the rows and the invariants):
 *   - catalog_create_database: what Windows puts in a new database (ESE-FORMAT-NOTES §14): the
 *     database root, MSysObjects with its indexes Name and RootObjects, MSysObjectsShadow,
 *     MSysObjids and MSysLocales, at Windows' pages, with Windows' rows, split as Windows splits
 *     them; one mini-transaction per tree, so it is logged and recoverable like any change.
 *   - reading: tables by enumeration or by name (MSysObjects' RootObjects index, ESE's case
 *     rules), a table's whole definition loaded into a descriptor the record layer can use
 *     directly (rec_schema, rec_index), and every FDP of the database with its parent and type.
 *     Reads go through btree cursors over the cache, so they see committed pages only and hold no
 *     latch between calls. Rows carrying the version bit are read as their page has them (the
 *     newest state), unless the read names a view (catalog_reader: as one transaction sees them).
 *   - catalog_check_database: the whole-database integrity check (esentutl /g): every tree the
 *     catalog names through btree's checker, plus the catalog's own consistency.
 *
 * Bytes from disk are untrusted: a malformed row is JET_errCatalogCorrupted, a tree the catalog
 * names that is not there JET_errDatabaseCorrupted; nothing in a file reaches an assert. */
#ifndef CATALOG_H
#define CATALOG_H

#include "base.h"
#include "btree.h"
#include "record.h"
#include "ver_store.h"

/* ---- fixed places (ESE-FORMAT-NOTES §8, §14; record/rec_catalog.h has MSysObjects' own) ----- */

#define CATALOG_PGNO_MSO            REC_CAT_PGNO_MSO            /* 4 */
#define CATALOG_PGNO_NAME_INDEX     REC_CAT_PGNO_NAME_INDEX     /* 7 */
#define CATALOG_PGNO_ROOT_INDEX     REC_CAT_PGNO_ROOT_INDEX     /* 10 */
#define CATALOG_PGNO_MSO_SHADOW     REC_CAT_PGNO_MSO_SHADOW     /* 24 */
/* A new database's MSysObjids and MSysLocales (an older database may lack them, or have them
 * elsewhere: Windows creates them at the first read/write attach). */
#define CATALOG_OBJID_MSYSOBJIDS    6u
#define CATALOG_OBJID_MSYSLOCALES   7u
/* Header qwSortVersion when MSysLocales exists and is consistent (ESE's g_qwUpgradedLocalesTable). */
#define CATALOG_QW_SORT_VERSION_LOCALES UINT64_MAX

#define CATALOG_SZ_MSO          "MSysObjects"
#define CATALOG_SZ_MSO_SHADOW   "MSysObjectsShadow"
#define CATALOG_SZ_MSYSOBJIDS   "MSysObjids"
#define CATALOG_SZ_MSYSLOCALES  "MSysLocales"

/* ---- a new database --------------------------------------------------------------------------- */

/* What the header of a new database must say about its catalog. */
struct catalog_new_db {
    uint32_t objidLast;         /* the header's objidLast (7) */
    uint64_t qwSortVersion;     /* the header's qwSortVersion (CATALOG_QW_SORT_VERSION_LOCALES) */
};

/* Build what Windows puts in a new empty database in a file of at least 31 pages holding
 * nothing yet (ESE-FORMAT-NOTES §14): the database root (pages 1-3), MSysObjects (4-23, its
 * indexes Name at 7 and RootObjects at 10), MSysObjectsShadow (24-28 at 4 KiB and more, empty
 * when fShadowingOff, which the header must then say), MSysObjids (29), MSysLocales (30), with
 * every catalog row, MSysObjids row and MSysLocales row Windows writes. The caller writes the
 * header with the fields in *pnew (isam: objidLast, qwSortVersion; ulDbFlags for shadowing). */
MUST_CHECK JET_ERR catalog_create_database(struct bt_db *db, bool fShadowingOff, struct catalog_new_db *pnew);

/* ---- reading ------------------------------------------------------------------------------------ */

/* The catalog of an attached database. Opening checks that MSysObjects and its indexes are
 * where they must be. The handle only reads; several threads may use it at once. */
struct catalog;
MUST_CHECK JET_ERR catalog_open(struct bt_db *db, struct catalog **ppcat);
void catalog_close(struct catalog *cat);
struct bt_db *catalog_bt_db(const struct catalog *cat);

/* Every table row of MSysObjects, in objid order (system tables included). fn's error stops the
 * walk and is returned. */
typedef JET_ERR (*catalog_table_fn)(void *pvCtx, const struct rec_cat_table *pt);
MUST_CHECK JET_ERR catalog_enum_tables(struct catalog *cat, catalog_table_fn fn, void *pvCtx);

/* A table by name, through the RootObjects index: names compare as ESE normalizes them (ASCII
 * letters without case, the rest byte for byte). JET_errObjectNotFound if there is none. */
MUST_CHECK JET_ERR catalog_find_table(struct catalog *cat, const char *szName, struct rec_cat_table *pt);
/* A table by objid (its table row). JET_errObjectNotFound if there is none. */
MUST_CHECK JET_ERR catalog_find_table_objid(struct catalog *cat, uint32_t objidTable, struct rec_cat_table *pt);

/* Reading as one transaction sees the catalog (ESE reads it through the session's transaction:
 * ErrCATSeekTable, ErrCATAccessTableColumn / Index): a row another transaction inserted and has
 * not committed (or committed after the reader began) is not there, one it deleted is, one it
 * replaced reads as before. The *_as functions take a view (NULL: the newest state, every
 * uncommitted change included, as the unsuffixed ones read). */
struct catalog_reader {
    struct ver_store *vs;       /* the instance's version store */
    uint32_t dbid;              /* the database as the store names its nodes */
    struct ver_actor actor;     /* the reader */
    bool fDeletedIndexesGone;   /* an index row deleted on its page is gone for this reader too,
                                 * committed or not (ESE: a deleted index is unavailable at once,
                                 * ErrFILEIAccessIndex) */
    bool fNewestPlusSeen;       /* catalog_load_table_objid_as only: the newest rows, plus the
                                 * index rows deleted on their page that the reader still sees,
                                 * and a column the reader sees where the newest row is its
                                 * deleted stub (what every session's updates must maintain
                                 * while a deletion is not committed: ESE's FFILEIPotentialIndex) */
};
MUST_CHECK JET_ERR catalog_enum_tables_as(struct catalog *cat, const struct catalog_reader *pview, catalog_table_fn fn,
        void *pvCtx);
MUST_CHECK JET_ERR catalog_find_table_as(struct catalog *cat, const struct catalog_reader *pview, const char *szName,
        struct rec_cat_table *pt);
MUST_CHECK JET_ERR catalog_find_table_objid_as(struct catalog *cat, const struct catalog_reader *pview, uint32_t objidTable,
        struct rec_cat_table *pt);

/* A table's whole definition. Every pointer inside points into the descriptor's own memory. */
struct catalog_table {
    struct rec_cat_table table;
    struct rec_cat_column *rgcol;   /* the table's own columns by fid (deleted ones too: coltyp 0) */
    uint32_t ccol;
    struct rec_cat_index *rgidx;    /* by index objid, the primary index (objid = table's) first */
    uint32_t cidx;
    int32_t iidxPrimary;            /* -1: records are keyed by the DBK (no primary index) */
    bool fLV;                       /* the table has a long-value tree */
    struct rec_cat_lv lv;
    struct rec_cat_callback *rgcb;
    uint32_t ccb;
    /* The record layer's view: every column (a derived table's template columns with fTemplate)
     * sorted by fid, the default record, and one rec_index per rgidx entry (pfnLCMap NULL: the
     * record layer's default Unicode hook, rec_lcmap_set_default). */
    struct rec_column *rgreccol;
    uint32_t creccol;
    struct rec_schema schema;
    struct rec_index *rgrecidx;
    uint8_t *pbDefaultRecord;
    /* A derived table's template table (its whole definition, owned: freed with this one), else
     * NULL. The template's columns are the derived table's too: by name they are found after
     * its own (ESE's ErrFILEGetPfieldAndEnterDML), and their columnids carry the template bit. */
    struct catalog_table *ptTemplate;
};
/* Load a table's definition (JET_errObjectNotFound if there is no such table). A derived table's
 * template columns come from its template table. Free with catalog_table_free. */
MUST_CHECK JET_ERR catalog_load_table(struct catalog *cat, const char *szName, struct catalog_table **ppt);
MUST_CHECK JET_ERR catalog_load_table_objid(struct catalog *cat, uint32_t objidTable, struct catalog_table **ppt);
/* The definition as a view's reader sees it (its columns, indexes, LV tree, callbacks). */
MUST_CHECK JET_ERR catalog_load_table_objid_as(struct catalog *cat, const struct catalog_reader *pview, uint32_t objidTable,
        struct catalog_table **ppt);
void catalog_table_free(struct catalog_table *pt);
/* A column or index by name (ESE's UtilCmpName: ASCII letters without case), or NULL. */
const struct rec_cat_column *catalog_table_column(const struct catalog_table *pt, const char *szName);
/* The same through a derived table: its own column, else its template's (*pfTemplate says which;
 * on a template table itself every column is a template column). Deleted columns are not found. */
const struct rec_cat_column *catalog_table_column_inherited(const struct catalog_table *pt, const char *szName,
        bool *pfTemplate);
/* A column by columnid as JetGetTableColumnInfo takes it (ESE's ErrINFOGetTableColumnInfo): the
 * template bit on a derived table names the template's column, otherwise the fid names the
 * table's own. Deleted columns are not found. */
const struct rec_cat_column *catalog_table_column_by_id(const struct catalog_table *pt, uint32_t columnid,
        bool *pfTemplate);
const struct rec_cat_index *catalog_table_index(const struct catalog_table *pt, const char *szName);

/* One tree of the database as the catalog names it. */
struct catalog_fdp {
    uint32_t pgnoFDP;
    uint32_t objid;
    uint32_t pgnoParentFDP;         /* 1 for tables, the table's FDP for its indexes and LV tree */
    uint32_t objidTable;
    uint16_t sysobj;                /* REC_SYSOBJ_TABLE, _INDEX (secondary only) or _LV */
    enum bt_type type;
    bool fNonUnique;                /* a secondary index without the unique flag */
    char szTable[JET_cbNameMost + 1];
    char szName[JET_cbNameMost + 1];    /* the table's, the index's, or "LV" */
};
/* Every FDP the catalog names: each table (its primary index is its own FDP), secondary index
 * and long-value tree, MSysObjects' fixed indexes and the shadow catalog included; the database
 * root is not listed. *prg is mem_alloc'ed (mem_free it). */
MUST_CHECK JET_ERR catalog_list_fdps(struct catalog *cat, struct catalog_fdp **prg, uint32_t *pc);

/* ---- checking the whole database ----------------------------------------------------------- */

struct catalog_check_opts {
    bool fShadowingOff;             /* the header's PAGE_DBFLAG_SHADOWING_DISABLED */
    uint32_t objidLast;             /* the header's objidLast (0: not checked) */
    bool fLocalesConsistent;        /* the header's qwSortVersion says MSysLocales is consistent */
};
struct catalog_check_stats {
    struct bt_check_stats bt;
    uint32_t cTables, cIndexes, cLV;    /* secondary indexes; system tables counted too */
    uint32_t cRows;                     /* MSysObjects rows */
};
/* The integrity check of a database (esentutl /g): every tree the catalog names (and the
 * database root) through bt_check_db, then the catalog's consistency: each row well formed and
 * in its place, the rows of a table under exactly one table row, every pgnoFDP a root of the
 * right objid, parent and type, objids unique and not above objidLast, the Name and RootObjects
 * indexes holding exactly the entries of the rows, the shadow catalog identical to MSysObjects
 * (unless shadowing is off), MSysObjids listing exactly the catalog's objects, MSysLocales marked
 * consistent when the header says so. Problems go to fn as they are found, each naming its page,
 * tree and object. Returns JET_errSuccess when nothing of BT_CHECK_ERROR severity was found, else
 * the first such problem's error. A catalog too broken to walk ends the check with its error. */
MUST_CHECK JET_ERR catalog_check_database(struct bt_db *db, const struct catalog_check_opts *po, bt_check_fn fn,
        void *pvCtx, struct catalog_check_stats *pstats);
/* The same, reporting the tree walk's progress to pfnProgress (may be NULL). */
MUST_CHECK JET_ERR catalog_check_database_ex(struct bt_db *db, const struct catalog_check_opts *po, bt_check_fn fn,
        void *pvCtx, struct catalog_check_stats *pstats, bt_check_progress_fn pfnProgress, void *pvProgress);

#endif /* CATALOG_H */
