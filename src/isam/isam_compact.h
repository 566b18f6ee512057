/* SPDX-License-Identifier: MIT
 * isam/isam_compact.h: offline compaction (JetCompact, esentutl /d) and the table copier it is
 * built on, which repair can reuse ("copy a table's schema, then stream its records").
 * Layer: isam. Used by api (JetCompactA/W) and by other isam code (repair).
 *
 * The copier (ESE's ErrCMPCopyTable, comp.cxx) recreates one table of a source database in an
 * open destination database:
 *   isam_copy_table_begin   the table, its columns (in fid order, so fixed and variable columns
 *                           are renumbered densely, as ESE's compaction does) and its primary
 *                           index; a template table gets every index now (its derived tables
 *                           inherit them at their creation), a derived table names its template
 *   isam_copy_record        one source record, value by value, into the new table, appended in
 *                           the order given (give them in primary key order and the pages fill)
 *   isam_copy_table_end     the secondary indexes, built over the copied records, and the last
 *                           records committed
 *   isam_copy_table_free    (also after an error: the uncommitted rest is rolled back)
 * Values keep their exact stored form: NULLs, zero-length values, every instance of a
 * multi-valued column in order, autoincrement, version and escrow values as stored; compressed
 * intrinsic values stay compressed; separated long values are read whole through the caller's
 * fetch function and written to the new table's long-value tree. Column ids of the destination
 * may differ from the source's (dense renumbering): values are matched by column name.
 *
 * isam_compact is JetCompact's work: ESE's ErrIsamCompact. */
#ifndef ISAM_COMPACT_H
#define ISAM_COMPACT_H

#include "isam.h"
#include "catalog.h"
#include "record.h"

struct isam_copy_table;

/* A separated long value of a source record, whole (mem_alloc'ed into *ppb; the copier frees it).
 * pval is the record's value (REC_VALUE_SEPARATED: its LID). */
typedef JET_ERR (*isam_copy_lv_fn)(void *pvCtx, const struct rec_value *pval, uint8_t **ppb, uint32_t *pcb);

struct isam_copy_opts {
    bool fRepair;               /* a record the destination refuses (duplicate key, a value that
                                 * does not fit) is skipped and counted instead of failing */
    bool fIndexesWithRecords;   /* every index made with the table and kept up as records are
                                 * appended (in the batches' transactions), instead of built
                                 * after them in one transaction per index, which a large table
                                 * can make too big for the version store */
};

/* Create the table ptSrc describes in dbidDest (open in sess, at transaction level 0).
 * ptTmplSrc: the source's template table definition when ptSrc is derived (its template must
 * already be in the destination, under the same name), else NULL. cbPageSrc: the source's page
 * size (records are parsed with it). */
MUST_CHECK JET_ERR isam_copy_table_begin(struct isam_session *sess, JET_DBID dbidDest, const struct catalog_table *ptSrc,
        const struct catalog_table *ptTmplSrc, uint32_t cbPageSrc, const struct isam_copy_opts *po,
        struct isam_copy_table **ppct);
/* Append one record of the source table (its bytes as stored). Opens and commits transactions of
 * its own in batches. JET_errDatabaseCorrupted for a record that does not parse. */
MUST_CHECK JET_ERR isam_copy_record(struct isam_copy_table *pct, const uint8_t *pbRec, uint32_t cbRec,
        isam_copy_lv_fn pfnLV, void *pvLV);
/* Commit the records and build the secondary indexes left for the end. */
MUST_CHECK JET_ERR isam_copy_table_end(struct isam_copy_table *pct);
void isam_copy_table_free(struct isam_copy_table *pct);
/* What the copy did so far. */
struct isam_copy_stats {
    uint64_t cRecords;          /* records copied */
    uint64_t cSkipped;          /* records skipped (fRepair) */
    uint64_t cbData;            /* source record bytes read */
    uint64_t cbLV;              /* separated long-value bytes copied */
};
void isam_copy_table_stats(const struct isam_copy_table *pct, struct isam_copy_stats *pst);
/* The destination table's objid. */
uint32_t isam_copy_table_objid(const struct isam_copy_table *pct);

/* True for the system tables ESE's compaction does not copy (the catalog, its shadow, MSysObjids,
 * MSysLocales, MSysDefrag*, MSysUnicodeFixupVer*, MSysExtentPageCountCache,
 * MSysDeferredPopulateKeys, MSysDatabaseMaintenance): the destination makes its own. */
bool isam_compact_skips_table(const char *szName, uint32_t fFlags);

/* JetCompact: every user table of the attached database wszSrc (opened exclusively, read only)
 * into the new database wszDest (JET_errDatabaseDuplicate when it exists), which is left
 * detached and cleanly shut down. Templates first, derived tables second, each table in name
 * order, records in primary key order, secondary indexes built after the records.
 * pfnStatus (may be NULL) hears JET_snpCompact: JET_sntBegin, JET_sntProgress (JET_SNPROG in
 * source pages: done of owned minus available), then JET_sntComplete or JET_sntFail, as ESE
 * calls it; an error it returns stops the compaction with that error. On failure the partial
 * destination is detached and deleted. Errors: JET_errInTransaction, JET_errDatabaseNotFound
 * (source not attached), JET_errFeatureNotAvailable (pconvert given: the api checks it),
 * JET_errDatabaseDuplicate, and the copy's. grbit: JET_bitCompactStats (accepted, no stats
 * file), JET_bitCompactRepair (fRepair), JET_bitCompactPreserveOriginal (accepted). */
MUST_CHECK JET_ERR isam_compact(struct isam_session *sess, const ESENT_WCHAR *wszSrc, const ESENT_WCHAR *wszDest,
        JET_PFNSTATUS pfnStatus, JET_GRBIT grbit);

#endif /* ISAM_COMPACT_H */
