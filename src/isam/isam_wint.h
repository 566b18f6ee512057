/* SPDX-License-Identifier: MIT
 * isam/isam_wint.h: what the writer's files share (DDL: isam_ddl*.c, the catalog writer
 * isam_catw.c; record updates: isam_update*.c, index maintenance isam_idx.c, long values
 * isam_lv*.c). Internal to the isam layer.
 *
 * Every change here is made inside a transaction through isam_node's operations, so rollback and
 * recovery undo it; every DDL or update call opens a transaction level of its own for the
 * duration of the call (ESE's ErrDIRBeginTransaction in each ErrFILE* / ErrIsam*), and rolls that
 * level back on error: a failed call leaves nothing behind. */
#ifndef ISAM_WINT_H
#define ISAM_WINT_H

#include "isam_db.h"
#include "isam_write.h"
#include "catalog.h"
#include "record.h"

/* ---- names (ESE's ErrUTILCheckName) ---------------------------------------------------------- */

/* Check an object name and copy its significant part (trailing spaces dropped) to sz
 * (JET_cbNameMost + 1 bytes). JET_errInvalidName: NULL, empty, leading space, longer than 64
 * bytes, a control character, '!', '.', '[' or ']'. */
MUST_CHECK JET_ERR isam_name_check(const char *szName, char *sz);
/* ESE's UtilCmpName: ASCII letters without case, other bytes as they are. */
int isam_name_cmp(const char *a, const char *b);

/* ---- the nested level every writer call runs in ------------------------------------------- */

/* Begin a level (JET_errTransTooDeep at the limit). */
MUST_CHECK JET_ERR isam_wtrx_begin(struct isam_session *sess);
/* End it: commit when err >= 0 (a failing commit becomes the result), else roll back that level
 * only. Returns the call's result. */
MUST_CHECK JET_ERR isam_wtrx_end(struct isam_session *sess, JET_ERR err);

/* ---- objids ---------------------------------------------------------------------------------- */

/* The next objid of the database (ESE's ErrObjidLastIncrementAndGet). The first call after an
 * attach raises objidLast to the catalog's highest objid: the header's objidLast is only written
 * at a clean detach, so after a crash it may lag behind the tables recovery redid. */
MUST_CHECK JET_ERR isam_db_objid_new(struct isam_db *db, uint32_t *pobjid);

/* ---- the catalog writer (isam_catw.c) --------------------------------------------------------
 * ESE's ErrCATInsert: a row goes to MSysObjects and (unless shadowing is off) MSysObjectsShadow,
 * its key entries to Name and (table rows) RootObjects; tables, secondary indexes and LV trees
 * get their MSysObjids row. Deleting a row flag-deletes the row, its shadow and its entries. */
struct catw {
    struct isam_session *sess;
    struct isam_db *db;
    uint32_t cbPage;
    bool fShadow;                   /* the header does not turn shadowing off */
    struct rec_schema schemaMso;
    struct rec_cat_index idxName, idxRoot;
    struct rec_index recName, recRoot;
    struct bt_cursor *rgc[4];       /* MSysObjects, shadow, Name, RootObjects (opened on use) */
    uint8_t *pbRec;                 /* a page-sized row buffer */
    struct catalog *cat;            /* reading */
};
enum catw_tree { CATW_MSO, CATW_SHADOW, CATW_NAME, CATW_ROOT };

MUST_CHECK JET_ERR catw_open(struct isam_session *sess, struct isam_db *db, struct catw *pw);
void catw_close(struct catw *pw);

/* Insert one encoded row (its Id key built from objidTable, type, id). JET_errKeyDuplicate when
 * the Id, Name or RootObjects key exists. */
MUST_CHECK JET_ERR catw_insert_row(struct catw *pw, uint32_t objidTable, uint16_t type, uint32_t id,
        const struct rec_buf *prow);
/* Flag-delete a row and its index entries. JET_errObjectNotFound if there is none. */
MUST_CHECK JET_ERR catw_delete_row(struct catw *pw, uint32_t objidTable, uint16_t type, uint32_t id);
/* Replace a row's data (same Id): index entries that change are deleted and inserted. */
MUST_CHECK JET_ERR catw_replace_row(struct catw *pw, uint32_t objidTable, uint16_t type, uint32_t id,
        const struct rec_buf *prow);
/* The row (decoded into *pv / *prow, which point into pw->pbRec) or JET_errObjectNotFound. */
MUST_CHECK JET_ERR catw_read_row(struct catw *pw, uint32_t objidTable, uint16_t type, uint32_t id,
        struct rec_view *pv, struct rec_cat_row *prow);

/* The encoders plus the insert, mapping a duplicate to ESE's error (TableDuplicate,
 * ColumnDuplicate, IndexDuplicate) and adding the MSysObjids row. */
MUST_CHECK JET_ERR catw_add_table(struct catw *pw, const struct rec_cat_table *pt);
MUST_CHECK JET_ERR catw_add_column(struct catw *pw, const struct rec_cat_column *pc);
MUST_CHECK JET_ERR catw_add_index(struct catw *pw, const struct rec_cat_index *pi);
MUST_CHECK JET_ERR catw_add_lv(struct catw *pw, const struct rec_cat_lv *plv);
MUST_CHECK JET_ERR catw_add_callback(struct catw *pw, const struct rec_cat_callback *pcb);
/* MSysObjids (when the database has it): (objid, objidTable, type) in, or out. */
MUST_CHECK JET_ERR catw_objids_insert(struct catw *pw, uint32_t objid, uint32_t objidTable, uint16_t type);
MUST_CHECK JET_ERR catw_objids_delete(struct catw *pw, uint32_t objid);
/* MSysLocales: ESE's ErrKVPAdjValue on an integer key (UTF-16, NUL included): add delta, or insert
 * the key with Type 2 and iValue delta. Nothing when the database has no MSysLocales. */
MUST_CHECK JET_ERR catw_locales_adjust(struct catw *pw, const ESENT_WCHAR *wszKey, int32_t delta);

/* ---- DDL helpers shared by isam_ddl.c and isam_ddl_alter.c --------------------------------- */

/* The database of a DDL call: opened by the session (JET_errInvalidDatabaseId), writable
 * (JET_errPermissionDenied). */
MUST_CHECK JET_ERR isam_ddl_db(struct isam_session *sess, JET_DBID dbid, struct isam_db **ppdb);
uint32_t isam_ddl_table_users(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable, bool *pfBySess);
void isam_ddl_table_changed(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable, bool fDropped);
/* The session's uncommitted DDL on the table committed at level 0: definitions cached above the
 * catalog are published again (the others' one follows the committed catalog). */
void isam_ddl_table_settled(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable);
/* Sessions with uncommitted DDL on the table (0 when the table has no tstate yet). */
uint32_t isam_ddl_owners(struct isam_db *db, uint32_t objidTable);
/* ErrCATCheckJetSpaceHints: with fCorrect, sizes round up to pages, a one-page cbInitial becomes
 * 0 and a zero density the default. */
MUST_CHECK JET_ERR isam_ddl_check_space_hints(uint32_t cbPage, JET_SPACEHINTS *p, bool fCorrect);
void isam_ddl_hints_to_cat(const JET_SPACEHINTS *p, struct rec_cat_spacehints *ph);
/* A new FDP (table, index or LV tree) of cpg pages under pgnoParent, in the transaction. */
MUST_CHECK JET_ERR isam_ddl_new_fdp(struct isam_session *sess, struct isam_db *db, uint32_t pgnoParent, uint32_t cpg,
        uint32_t objid, uint32_t fTypeFlags, uint32_t *ppgnoFDP);
/* ErrFILEIValidateAddColumn: the column's catalog fields from the caller's (name, type, size, code
 * page, flags); JET_wrnColumnMaxTruncated when cbMax was cut. */
MUST_CHECK JET_ERR isam_ddl_validate_column(const char *szName, char *szColumn, uint32_t coltyp, uint32_t cbMax,
        JET_GRBIT grbit, const void *pvDefault, uint32_t cbDefault, uint32_t cp, bool fExclusive,
        const struct catalog_table *ptTemplate, struct rec_cat_column *pc);
/* The last fids of a table (deleted columns count) and the end of its fixed columns. */
struct isam_fid_last {
    uint32_t fidFixed, fidVar, fidTagged;
    uint32_t ibEndFixed;
};
void isam_ddl_fid_last(const struct catalog_table *pt, struct isam_fid_last *pfl);
MUST_CHECK JET_ERR isam_ddl_next_fid(uint32_t coltyp, JET_GRBIT grbit, struct isam_fid_last *pfl, uint16_t *pfid);
/* An index being defined. */
struct isam_idx_def {
    struct rec_cat_index ci;
    const char *rgszCol[REC_CCOL_KEY_MOST];
    bool rgfDesc[REC_CCOL_KEY_MOST];
    uint32_t cseg;
    JET_SPACEHINTS jsph;
    bool fCheckEmptyDefault;        /* JetCreateIndex: JET_bitIndexEmpty refuses columns with defaults */
};
/* ErrFILEIValidateCreateIndex: flags, key and segment sizes, locale, tuples, key string. */
MUST_CHECK JET_ERR isam_ddl_validate_index(struct isam_session *sess, uint32_t cbPage, const JET_INDEXCREATE3_A *pic,
        const JET_SPACEHINTS *pjsph, struct isam_idx_def *pd);
/* Find a column by name for an index: its definition, and whether it is a template column. */
typedef bool (*isam_ddl_column_fn)(void *pvCtx, const char *szName, const struct rec_cat_column **ppc, bool *pfTemplate);
MUST_CHECK JET_ERR isam_ddl_resolve_index(struct catw *pw, struct isam_idx_def *pd, const JET_INDEXCREATE3_A *pic,
        isam_ddl_column_fn fn, void *pvCtx);
MUST_CHECK JET_ERR isam_ddl_locale_count(struct catw *pw, const struct rec_cat_index *pi);

/* ---- the runtime state a table's writers share (isam_update.c) --------------------------- */

/* Per table and attach: the counters ESE keeps in its TDB/FCB (autoincrement, the DBK of tables
 * without a primary index, the LV tree's last LID), each loaded from the table at first use.
 * Entries live until the database is closed (a writer may hold one); DDL that changes a table
 * resets its entry (isam_tstate_forget), so the next user loads the counters again. */
struct isam_tstate {
    struct isam_tstate *next;
    uint32_t objidTable;
    struct os_mutex mu;             /* the fields below */
    bool fAutoInc;                  /* qwAutoIncNext is loaded */
    uint64_t qwAutoIncNext;
    bool fDbk;
    uint32_t dbkNext;
    bool fLid;
    uint64_t lidNext;
    uint32_t cDdlOwners;            /* atomic: sessions whose transaction has DDL on the table
                                     * it has not committed (isam_session.c) */
};
MUST_CHECK JET_ERR isam_tstate_get(struct isam_db *db, uint32_t objidTable, struct isam_tstate **pps);
void isam_tstate_forget(struct isam_db *db, uint32_t objidTable);

/* ---- a table as its writers see it (isam_idx.c) ------------------------------------------- */

struct isam_wtable {
    struct isam_db *db;
    struct catalog_table *pt;           /* the definition (owned unless fBorrowedDef) */
    bool fBorrowedDef;                  /* pt belongs to the caller (a cursor's definition) */
    struct isam_tstate *ts;
    struct isam_tree tData;             /* the table's tree (primary index or DBK) */
    struct bt_cursor *cData;            /* opened on use */
    struct isam_tree *rgtIdx;           /* per pt->rgidx (the primary's entry is tData) */
    struct bt_cursor **rgcIdx;
    bool fLV;                           /* the LV tree exists */
    struct isam_tree tLV;
    struct bt_cursor *cLV;
    uint32_t cbLVChunkMost;
    uint32_t cbRecordMost;
    bool fExclusive;                    /* the writer holds the table exclusively (DenyRead) */
};
/* Load objidTable's definition (JET_errObjectNotFound if there is no such table). */
MUST_CHECK JET_ERR isam_wtable_open(struct isam_db *db, uint32_t objidTable, struct isam_wtable **ppwt);
/* A table around a definition the caller has (fBorrowed: it outlives the table, else the table
 * takes it over, even on error). */
MUST_CHECK JET_ERR isam_wtable_open_def(struct isam_db *db, struct catalog_table *pt, bool fBorrowed,
        struct isam_wtable **ppwt);
void isam_wtable_close(struct isam_wtable *pwt);
MUST_CHECK JET_ERR isam_wtable_cursor(struct isam_wtable *pwt, int iidx, struct bt_cursor **ppc, struct isam_tree **ppt);
#define ISAM_WT_DATA (-1)

/* The entries of one index for one record (ESE's keys of ErrRECIEnumerateKeys). */
struct isam_keyset {
    uint8_t *pb;
    uint32_t *rgib, *rgcb;
    uint32_t c, cb, cMax, cbMax;
};
void isam_keyset_free(struct isam_keyset *pks);
bool isam_keyset_has(const struct isam_keyset *pks, const uint8_t *pb, uint32_t cb);
/* The entries record prv puts in index iidx; JET_errNullKeyDisallowed for a NULL segment of a
 * DisallowNull index. Separated long values are read from the table's LV tree. */
MUST_CHECK JET_ERR isam_idx_keys(struct isam_wtable *pwt, uint32_t iidx, const struct rec_view *prv,
        struct isam_keyset *pks);
/* The record's primary bookmark: the primary index's one key, or the DBK given. */
MUST_CHECK JET_ERR isam_idx_primary_key(struct isam_wtable *pwt, const struct rec_view *prv, uint8_t *pbKey,
        uint32_t *pcbKey);
/* Add or remove entries (minus those in pksSkip, may be NULL) of index iidx pointing at bookmark
 * pbBm. Adding to a unique index an existing key gives JET_errKeyDuplicate. */
MUST_CHECK JET_ERR isam_idx_add(struct isam_session *sess, struct isam_wtable *pwt, uint32_t iidx,
        const struct isam_keyset *pks, const struct isam_keyset *pksSkip, const uint8_t *pbBm, uint32_t cbBm);
MUST_CHECK JET_ERR isam_idx_remove(struct isam_session *sess, struct isam_wtable *pwt, uint32_t iidx,
        const struct isam_keyset *pks, const struct isam_keyset *pksSkip, const uint8_t *pbBm, uint32_t cbBm);
/* Every secondary index of the table: a record's entries in (fInsert) or out, or the difference
 * between an old and a new version of it (prvOld and prvNew both given). */
MUST_CHECK JET_ERR isam_idx_record(struct isam_session *sess, struct isam_wtable *pwt, const struct rec_view *prvOld,
        const struct rec_view *prvNew, const uint8_t *pbBm, uint32_t cbBm);

/* ---- long values (isam_lv.c) ----------------------------------------------------------------- */

/* The longest key of an LV tree: a chunk of a 64-bit LID (8 + 4 bytes; newer Windows databases
 * use them), so writes into such a tree are not refused as JET_errKeyTooBig. */
#define ISAM_LV_CB_KEY_MOST 12u

/* Open the table's LV tree, creating it first when fCreate (in a transaction of its own, as ESE's
 * ErrFILECreateLVRoot does with its LV session, so concurrent writers never see it vanish).
 * JET_errSuccess with pwt->fLV false when there is none and !fCreate. */
MUST_CHECK JET_ERR isam_lv_open(struct isam_session *sess, struct isam_wtable *pwt, bool fCreate);
/* Size and refcount of a separated value. */
MUST_CHECK JET_ERR isam_lv_info(struct isam_wtable *pwt, uint64_t lid, uint32_t *pcbSize, uint32_t *pcRef);
/* Bytes [ib, ib + cbMax) of a separated value (fewer at its end); *pcbActual: its whole size. */
MUST_CHECK JET_ERR isam_lv_read(struct isam_wtable *pwt, uint64_t lid, uint32_t ib, uint8_t *pb, uint32_t cbMax,
        uint32_t *pcbRead, uint32_t *pcbActual);
/* A new separated value with refcount 1 (chunks compressed when fCompress and worth it). */
MUST_CHECK JET_ERR isam_lv_create(struct isam_session *sess, struct isam_wtable *pwt, const uint8_t *pb, uint32_t cb,
        bool fCompress, uint64_t *plid);
/* Reference counts (InsertCopy, delete): at zero the root and chunks are flag-deleted. */
MUST_CHECK JET_ERR isam_lv_adjust_ref(struct isam_session *sess, struct isam_wtable *pwt, uint64_t lid, int32_t delta);
/* Change a value in place (refcount 1): bytes at ib (extending it), and/or its new size
 * (cbSize, UINT32_MAX: unchanged; growing pads with zeros). */
MUST_CHECK JET_ERR isam_lv_modify(struct isam_session *sess, struct isam_wtable *pwt, uint64_t lid, uint32_t ib,
        const uint8_t *pb, uint32_t cb, uint32_t cbSize, bool fCompress);
/* Read a whole separated value into a mem_alloc'd buffer. */
MUST_CHECK JET_ERR isam_lv_read_all(struct isam_wtable *pwt, uint64_t lid, uint8_t **ppb, uint32_t *pcb);

/* ---- record updates (isam_update.c) ------------------------------------------------------- */

/* One prepared update (ESE's FUCB update state and copy buffer). */
struct isam_upd {
    bool fPrepared;                 /* an update is prepared (JET_prepInsert is 0) */
    uint32_t prep;                  /* JET_prep*: Insert, Replace, ReplaceNoLock, InsertCopy,
                                     * InsertCopyDeleteOriginal */
    struct isam_wtable *pwt;        /* the table (owned by the update) */
    uint8_t *pbRec;                 /* the copy buffer: a valid record, page-sized buffer */
    uint32_t cbRec;
    uint8_t *pbOrig;                /* replace / delete-original: the record when prepared */
    uint32_t cbOrig;
    uint8_t *pbBm;                  /* its bookmark (primary key or DBK) */
    uint32_t cbBm;
    uint32_t levelLV;               /* the transaction level the update opened for its long-value
                                     * changes (0: none): committed by the update, rolled back by
                                     * its cancel (ESE's updateid rollback) */
    bool fMustSetAutoInc;
    bool fAnySet;
    uint8_t rgbitSet[32];           /* columns set, by fid modulo 256 (ESE's rgbitSet) */
};
/* JetPrepareUpdate (not JET_prepCancel): pbRec/pbBm the current record for the replace and copy
 * kinds (NULL for insert). Takes over pwt (freed by isam_upd_free even on error). */
MUST_CHECK JET_ERR isam_upd_prepare(struct isam_session *sess, struct isam_wtable *pwt, struct isam_upd *pu,
        uint32_t prep, const uint8_t *pbRec, uint32_t cbRec, const uint8_t *pbBm, uint32_t cbBm);
/* JetPrepareUpdate(JET_prepCancel): long-value changes undone, buffer freed. */
MUST_CHECK JET_ERR isam_upd_cancel(struct isam_session *sess, struct isam_upd *pu);
void isam_upd_free(struct isam_upd *pu);
/* JetSetColumn on the copy buffer. */
MUST_CHECK JET_ERR isam_upd_set(struct isam_session *sess, struct isam_upd *pu, JET_COLUMNID columnid, const void *pv,
        uint32_t cb, JET_GRBIT grbit, uint32_t itagSequence, uint32_t ibLongValue);
/* JetUpdate: the record in, its bookmark out (pvBm may be NULL). On success the update is over
 * (buffer freed); on error it stays prepared, as in ESE. */
MUST_CHECK JET_ERR isam_upd_update(struct isam_session *sess, struct isam_upd *pu, void *pvBm, uint32_t cbMax,
        uint32_t *pcbActual, JET_GRBIT grbit);
/* JetDelete of the record with bookmark pbBm. */
MUST_CHECK JET_ERR isam_rec_delete(struct isam_session *sess, struct isam_wtable *pwt, const uint8_t *pbBm, uint32_t cbBm);
/* JetEscrowUpdate on the record with bookmark pbBm. */
MUST_CHECK JET_ERR isam_rec_escrow(struct isam_session *sess, struct isam_wtable *pwt, const uint8_t *pbBm, uint32_t cbBm,
        JET_COLUMNID columnid, const void *pv, uint32_t cb, void *pvOld, uint32_t cbOldMax, uint32_t *pcbOldActual,
        JET_GRBIT grbit);
/* The column of a columnid (JET_errColumnNotFound, JET_errBadColumnId). */
MUST_CHECK JET_ERR isam_wtable_column(const struct isam_wtable *pwt, JET_COLUMNID columnid, const struct rec_column **ppc);

#endif /* ISAM_WINT_H */
