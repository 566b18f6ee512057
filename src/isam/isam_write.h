/* SPDX-License-Identifier: MIT
 * isam/isam_write.h: the write half of the data API, as the api layer calls it: DDL (tables,
 * columns, indexes as MSysObjects records them, isam_ddl*.c) and record updates (isam_update*.c).
 * Layer: isam. Included by isam.h.
 *
 * Structures are ESE's newest narrow forms (JET_TABLECREATE4_A with JET_INDEXCREATE3_A,
 * JET_COLUMNCREATE_A): the api converts W forms down and older versions up, as jetapi.cxx does.
 * Each call runs in a transaction level of its own (committed into the caller's transaction, or
 * durable on its own outside one) and is atomic: on error nothing of it remains.
 * README.md ("DDL", "Record updates") has the rules and invariants. */
#ifndef ISAM_WRITE_H
#define ISAM_WRITE_H

#include "base.h"

struct isam_session;

/* ---- DDL (isam_ddl.c, isam_ddl_alter.c) ----------------------------------------------------- */

/* JetCreateTableColumnIndex4 (and every older form, and JetCreateTable with no columns): the
 * table row, its columns and indexes, FDPs from space as ESE sizes them. Fills each column's
 * columnid and err, each index's err, ptc->cCreated; *pobjidTable gets the new table's objid (the
 * api then opens it for ptc->tableid). ptc->tableid is not touched. */
MUST_CHECK JET_ERR isam_ddl_create_table(struct isam_session *sess, JET_DBID dbid, JET_TABLECREATE4_A *ptc,
        uint32_t *pobjidTable);
/* JetCreateTableColumnIndex5: the same with JET_TABLECREATE5's cbLVChunkMax (0: the page's
 * default; above it JET_errInvalidLVChunkSize, ESE's ErrCATAddTable), kept in the table row. */
MUST_CHECK JET_ERR isam_ddl_create_table5(struct isam_session *sess, JET_DBID dbid, JET_TABLECREATE4_A *ptc,
        uint32_t cbLVChunkMax, uint32_t *pobjidTable);

/* Table-level DDL on a table the caller has open (tableid resolved by the api to the database and
 * the table's objid). fExclusive: the cursor holds the table with JET_bitTableDenyRead (ESE's
 * FDomainDenyReadByUs), which escrow and autoincrement columns need. */
struct isam_ddl_table {
    JET_DBID dbid;
    uint32_t objidTable;
    bool fExclusive;
    bool fPermitDDL;            /* a FixedDDL table opened with JET_bitTablePermitDDL */
};
/* A persisted callback's function from its "module!function" name (ESE's ErrCALLBACKResolve):
 * JET_errInvalidParameter when the name is longer than JET_cbColumnMost or has no '!',
 * JET_errCallbackNotResolved when the module or its export is not there. The module stays
 * loaded. Callers resolve only while JET_paramEnablePersistedCallbacks is on (ESE does). */
MUST_CHECK JET_ERR isam_callback_resolve(const char *szCallback, JET_CALLBACK *ppfn);
/* Whether the session's instance runs persisted callbacks (JET_paramEnablePersistedCallbacks). */
bool isam_persisted_callbacks_enabled(const struct isam_session *sess);
/* JetAddColumn: JET_wrnColumnMaxTruncated when cbMax was cut. */
MUST_CHECK JET_ERR isam_ddl_add_column(struct isam_session *sess, const struct isam_ddl_table *pt,
        const char *szColumn, const JET_COLUMNDEF *pcd, const void *pvDefault, uint32_t cbDefault,
        JET_COLUMNID *pcolumnid);
/* JetDeleteColumn2 (JET_bitDeleteColumnIgnoreTemplateColumns). */
MUST_CHECK JET_ERR isam_ddl_delete_column(struct isam_session *sess, const struct isam_ddl_table *pt,
        const char *szColumn, JET_GRBIT grbit);
/* JetCreateIndex4 (and older): rg is an array of JET_INDEXCREATE3_A strided by cbStruct. Each
 * index is built over the table's records. */
MUST_CHECK JET_ERR isam_ddl_create_indexes(struct isam_session *sess, const struct isam_ddl_table *pt,
        JET_INDEXCREATE3_A *rg, uint32_t c);
MUST_CHECK JET_ERR isam_ddl_delete_index(struct isam_session *sess, const struct isam_ddl_table *pt,
        const char *szIndex);
/* JetRenameColumn (grbit 0 or JET_bitRenameColumnFix... none defined: 0). */
MUST_CHECK JET_ERR isam_ddl_rename_column(struct isam_session *sess, const struct isam_ddl_table *pt,
        const char *szColumn, const char *szNew, JET_GRBIT grbit);

/* Database-level DDL by table name. */
MUST_CHECK JET_ERR isam_ddl_delete_table(struct isam_session *sess, JET_DBID dbid, const char *szTable);
MUST_CHECK JET_ERR isam_ddl_rename_table(struct isam_session *sess, JET_DBID dbid, const char *szTable,
        const char *szNew);
/* JetSetColumnDefaultValue. */
MUST_CHECK JET_ERR isam_ddl_set_default_value(struct isam_session *sess, JET_DBID dbid, const char *szTable,
        const char *szColumn, const void *pvData, uint32_t cbData, JET_GRBIT grbit);

/* An LCID as the locale name the catalog stores (86 WCHARs; "" for the invariant locale), as
 * LCIDToLocaleName names it. JET_errInvalidLanguageId for an LCID without a name. */
MUST_CHECK JET_ERR isam_locale_name_of_lcid(uint32_t lcid, ESENT_WCHAR *wsz);

/* Who else has a table open: the cursor layer's answer (set by whoever owns table handles; NULL:
 * nobody is counted). Returns the number of cursors other than those of sess, and whether any
 * cursor of sess holds it. Used by DeleteTable/RenameTable (JET_errTableInUse). */
typedef uint32_t (*isam_table_users_fn)(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable,
        bool *pfBySess);
void isam_set_table_users_fn(isam_table_users_fn pfn);
/* Called after DDL changed a table's definition (committed or not), so definitions cached above
 * the catalog are reloaded (NULL: none). fDropped: the table is gone. */
typedef void (*isam_table_changed_fn)(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable, bool fDropped);
void isam_set_table_changed_fn(isam_table_changed_fn pfn);

/* ---- escrow columns that delete their record at zero (isam_update.c) ---------------------- */
/* Version cleanup's finalize (isam_ver.c, ESE's FINALIZETASK): the record with bookmark pbBm of
 * the table is deleted, in a transaction of an internal session, if its field (ibOffset, cb)
 * reads zero. */
MUST_CHECK JET_ERR isam_escrow_finalize(struct isam_instance *inst, uint32_t dbid, uint32_t objidTable,
        const void *pbBm, uint32_t cbBm, uint32_t ibOffset, uint32_t cb);
/* Deltas without a version (JET_bitEscrowNoRollback): the session's transaction code calls these
 * after a commit (at level 0 the records such a delta of the transaction left at zero are
 * deleted) and after a rollback (what the rolled-back levels remembered is forgotten). */
void isam_escrow_zero_commit(struct isam_session *sess);
void isam_escrow_zero_rollback(struct isam_session *sess);

#endif /* ISAM_WRITE_H */
