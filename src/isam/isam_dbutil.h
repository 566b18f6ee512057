/* SPDX-License-Identifier: MIT
 * isam/isam_dbutil.h: the engine's side of JetDBUtilities (ESE's ErrIsamDBUtilities): the
 * integrity check of a database file, its space and metadata dumps. Layer: isam; the api layer
 * (api_dbutil.c) checks the JET_DBUTIL structure, converts its strings and calls these.
 *
 * Each call attaches the database file itself, read-only and without logging, as ESE's utilities
 * do (an instance set up by esentutl runs with JET_paramRecovery "off"), and detaches it before
 * returning, whatever the result. The file must not be attached to the instance already
 * (JET_errDatabaseInUse), and its page size must be the process's JET_paramDatabasePageSize
 * (JET_errPageSizeMismatch), as for any attach.
 *
 * Like ESE's, these calls write text: the integrity check prints its progress lines and verdict
 * on stdout (unless JET_bitDBUtilOptionSuppressConsoleOutput) and every finding, with the page
 * and tree at fault, into the report file <prefix>.INTEG.RAW; the metadata dump prints its table.
 * The space dump prints nothing: it hands each tree to the caller (the BTREE_STATS callback is
 * the api layer's business; here it is struct isam_space_tree). */
#ifndef ISAM_DBUTIL_H
#define ISAM_DBUTIL_H

#include "isam.h"
#include "record.h"

/* ---- integrity (opDBUTILEDBRepair with JET_bitDBUtilOptionDontRepair) ------------------------ */

struct isam_integrity_args {
    const ESENT_WCHAR *wszDatabase;
    const ESENT_WCHAR *wszIntegPrefix;  /* report file prefix (NULL: the database's file name
                                         * without folder and extension, in the current folder) */
    bool fConsole;                      /* print on stdout (not JET_bitDBUtilOptionSuppressConsoleOutput) */
    bool fStats;                        /* JET_bitDBUtilOptionStats (no statistics file is written) */
    JET_PFNSTATUS pfnStatus;            /* JET_snpRepair progress (NULL: none) */
    JET_SESID sesid;                    /* passed to pfnStatus */
};
/* ESE's integrity check of a whole database (esentutl /g): the header, the file size, every
 * tree the catalog names with its space (catalog_check_database), the catalog's consistency.
 * JET_errSuccess when the database is sound; JET_errDatabaseCorrupted when something is wrong or
 * the database was not shut down cleanly (its logs were not replayed: ESE calls it corrupted
 * too); other errors when the check could not run (the file cannot be opened, no memory). */
MUST_CHECK JET_ERR isam_dbutil_integrity(struct isam_session *sess, const struct isam_integrity_args *pa);

/* ---- repair (opDBUTILEDBRepair without JET_bitDBUtilOptionDontRepair): isam_repair.c ------- */

struct isam_repair_args {
    const ESENT_WCHAR *wszDatabase;
    const ESENT_WCHAR *wszIntegPrefix;  /* report file prefix, as for the integrity check */
    bool fConsole;                      /* print on stdout */
    JET_PFNSTATUS pfnStatus;            /* JET_snpRepair progress (NULL: none) */
    JET_SESID sesid;                    /* passed to pfnStatus */
};
/* ESE's ErrDBUTLRepair: the integrity check first (JET_errSuccess, the file untouched, when it
 * finds nothing), then the database is rebuilt from every page that passes verification into
 * <database>.REPAIR.TMP, which is renamed over the original (README.md "Repair"). The check's
 * report <prefix>.INTEG.RAW gets the repair's findings and each table's losses after it; the
 * console gets ESE's lines and a line per table that lost something. JET_wrnDatabaseRepaired
 * when the database was rebuilt; JET_errDatabaseCorrupted when the header is unreadable (nothing
 * changed); other errors when the rebuild could not finish (the original is left as it was). */
MUST_CHECK JET_ERR isam_dbutil_repair(struct isam_session *sess, const struct isam_repair_args *pa);

/* ---- space (opDBUTILDumpSpace) ---------------------------------------------------------------- */

enum isam_space_kind {
    ISAM_SPACE_DB_ROOT,
    ISAM_SPACE_TABLE,
    ISAM_SPACE_LV,
    ISAM_SPACE_INDEX,
    ISAM_SPACE_OE,          /* the owned-extent tree of the tree before it at depth - 1 */
    ISAM_SPACE_AE,          /* its available-extent tree */
};

/* One extent as ESE's space dump describes it (BTREE_SPACE_EXTENT_INFO). */
struct isam_space_extent {
    uint32_t pool;          /* 0 general, 1 continuous, 2 shelved; ISAM_SPACE_POOL_* */
    uint32_t pgnoLast;
    uint32_t cpg;
    uint32_t pgnoNode;      /* the page holding its node */
};
#define ISAM_SPACE_POOL_PRIMARY     0x00010000u     /* inside a single-extent FDP's primary extent */
#define ISAM_SPACE_POOL_OE_RESERVE  0x00020000u     /* the OE tree's split buffer */
#define ISAM_SPACE_POOL_AE_RESERVE  0x00030000u     /* the AE tree's split buffer */

struct isam_space_tree {
    enum isam_space_kind kind;
    uint32_t depth;                 /* 0 the database root, 1 tables, 2 their trees, 3 those trees' OE/AE */
    char szName[JET_cbNameMost + 1];    /* ESE's: the table or index name, "[Long Values]",
                                         * "[Owned Extents]", "[Avail Extents]", or the database's */
    uint32_t objidFDP, pgnoFDP;
    const struct rec_cat_spacehints *phints;    /* the catalog's space hints (NULL: none) */
    /* Space (what ESE's ErrDBUTLGetSpaceTreeInfo reports): */
    uint32_t cpgPrimary;            /* v1 space header: the primary extent (0 for v2) */
    uint32_t cpgLastAlloc;          /* v2 space header: the last allocation */
    bool fMultiExtent;
    uint32_t pgnoOE, pgnoAE;
    uint32_t cpgOwned;
    uint32_t cpgAvail;              /* available extents, shelved ones and split buffers excluded */
    uint32_t cpgSplitBuffers;       /* pages in the OE/AE split buffers */
    uint32_t cpgShelved;            /* database root only: available pages beyond the file */
    bool fAutoInc;
    uint64_t qwAutoInc;             /* the root's persisted autoincrement value */
    const struct isam_space_extent *rgOwned;
    uint32_t cOwned;
    const struct isam_space_extent *rgAvail;    /* split buffers included, by pool */
    uint32_t cAvail;
};
/* Called once per tree, in ESE's order: the database root, its OE and AE, then each table by
 * name, each followed by its OE/AE (multiple-extent trees only), its long-value tree and that
 * tree's OE/AE, and its secondary indexes by name, each with its OE/AE. The pointers are valid
 * during the call only. An error stops the walk and is returned. */
typedef JET_ERR (*isam_space_fn)(void *pvCtx, const struct isam_space_tree *pt);
/* szTable (NULL: every table) restricts the tables visited; JET_errObjectNotFound if there is
 * no such table. */
MUST_CHECK JET_ERR isam_dbutil_space(struct isam_session *sess, const ESENT_WCHAR *wszDatabase, const char *szTable,
        isam_space_fn fn, void *pvCtx);

/* ---- metadata (opDBUTILDumpMetaData) ---------------------------------------------------------- */

/* ESE's "META-DATA DUMP" on stdout: every table (system tables included) with its long-value
 * tree and indexes, their objids and root pages, and when each root was last set. fConsole
 * false (JET_bitDBUtilOptionSuppressConsoleOutput): nothing is printed. fVerbose
 * (JET_bitDBUtilOptionDumpVerbose): the full dump is not implemented (JET_errFeatureNotAvailable). */
MUST_CHECK JET_ERR isam_dbutil_metadata(struct isam_session *sess, const ESENT_WCHAR *wszDatabase, bool fConsole,
        bool fVerbose);

/* ---- shared by the utilities (isam only) ------------------------------------------------------ */

struct isam_db;
/* Attach wszDatabase read-only without logging in a free slot of the session's instance
 * (fDirtyOk: a database that was not shut down cleanly too). JET_errDatabaseInUse if the
 * instance has it attached already, JET_errInTransaction inside a transaction. */
MUST_CHECK JET_ERR isam_dbutil_attach(struct isam_session *sess, const ESENT_WCHAR *wszDatabase, bool fDirtyOk,
        struct isam_db **ppdb);
/* Detach it again (NULL: nothing). */
void isam_dbutil_detach(struct isam_db *db);

#endif /* ISAM_DBUTIL_H */
