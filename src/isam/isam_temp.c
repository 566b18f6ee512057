/* SPDX-License-Identifier: MIT
 * isam/isam_temp.c: temporary tables (JetOpenTempTable*, JetOpenTemporaryTable*): the instance's
 * temporary database, the tables made in it, and their end. Layer: isam (uses cursor and below).
 *
 * ESE sorts in memory (sort.cxx) and makes a B+ tree only when it must (ErrIsamSortMaterialize).
 * We always build the B+ tree, in the temporary database (dbid 0, JET_bitDbRecoveryOff: never in
 * the log), made at the first temporary table (ESE's ErrINSTCreateTempDatabase, lazily too) at
 * JET_paramTempPath ("tmp.edb" inside it when it names a folder) and deleted at JetTerm. What
 * ESE's phases allow is the api's to check (api_temp.c); this file keeps the phase.
 *
 * The table ESE's ErrSORTTableOpen describes:
 *   - columns in the caller's order: tagged for JET_bitColumnTagged and the long types, fixed for
 *     the numeric types and JET_bitColumnFixed, variable otherwise; no other column bit counts;
 *   - the JET_bitColumnTTKey columns, in array order, make the unique primary index
 *     (JET_bitColumnTTDescending per segment, JET_bitTTSortNullsHigh, JET_bitTTDotNetGuid, the
 *     caller's locale or the instance's default); without key columns the table has no index and
 *     its records keep insertion order (the sequential 4-byte keys ESE gives them);
 *   - JET_bitTTForwardOnly without JET_bitTTUnique keeps duplicates: the table has no primary
 *     index (insertion order) and a non-unique secondary index over the key columns, which the
 *     cursors walk: equal keys come back in insertion order, and the columns stay the caller's.
 * A sort drops duplicate keys silently: a duplicate insert in the insert phase is dropped by the
 * api (the first record wins); a materialized table reports JET_errKeyDuplicate, as ESE's B+ tree
 * does (JET_bitTTErrorOnDuplicateInsertion is JET_bitTTForceMaterialization).
 *
 * Dropping: a table goes when its last cursor closes (JetCloseTable, rollback of the level that
 * opened it, JetEndSession). Its name is queued on the instance and the table deleted by the
 * next call outside a transaction (JetCloseTable, the next temporary table): a delete inside one
 * would be undone by its rollback. A table whose creation was rolled back is already gone. */
#include "isam_db.h"
#include "isam_table.h"
#include "isam_int.h"
#include "debug.h"
#include "utf.h"
#include <stdio.h>

DEBUG_CHANNEL(isam);

#define TEMP_INDEX_NAME "TTSortIndex"
#define TEMP_PAGES      16u         /* ESE's materialized tables start with 16 pages */

struct temp_drop {
    struct temp_drop *next;
    char szName[JET_cbNameMost + 1];
};

/* inst->temp, under the instance's db_lock. */
struct isam_temp_db {
    uint32_t seqNext;               /* table names: TEMP<n> */
    struct temp_drop *drops;        /* tables whose last cursor closed */
};

static const ESENT_WCHAR wszTmpEdb[] = { 't', 'm', 'p', '.', 'e', 'd', 'b', 0 };

static bool path_is_relative(const ESENT_WCHAR *wsz)
{
    return wsz[0] != '/' && wsz[0] != '\\' && !(wsz[0] && wsz[1] == ':');
}

static bool path_is_folder(const ESENT_WCHAR *wsz)
{
    const size_t cch = wstr_len(wsz);
    return cch == 0 || wsz[cch - 1] == '\\' || wsz[cch - 1] == '/';
}

/* The temporary database's file, as ESE's JetInit resolves JET_paramTempPath: a relative path is
 * relative to JET_paramSystemPath, and a folder (a path ending in a separator) holds tmp.edb. */
static ESENT_WCHAR *temp_path(struct isam_instance *inst)
{
    static const ESENT_WCHAR wszEmpty[] = { 0 };
    const ESENT_WCHAR *wszParam = param_wsz(&inst->params, JET_paramTempPath);
    const ESENT_WCHAR *wszSystem = param_wsz(&inst->params, JET_paramSystemPath);
    ESENT_WCHAR *wsz;
    if (!wszParam)
        wszParam = wszEmpty;
    if (path_is_relative(wszParam) && wszSystem && wszSystem[0])
        wsz = isam_path_join(wszSystem, wszParam, false);
    else
        wsz = wstr_dup(wszParam);
    if (wsz && path_is_folder(wsz)) {
        ESENT_WCHAR *wszFile = wsz[0] ? isam_path_join(wsz, wszTmpEdb, false) : wstr_dup(wszTmpEdb);
        mem_free(wsz);
        wsz = wszFile;
    }
    return wsz;
}

/* The temporary database, made at the first use. */
static JET_ERR temp_db(struct isam_session *sess, struct isam_db **ppdb)
{
    JET_ERR err = JET_errSuccess;
    struct isam_instance *inst = sess->inst;
    *ppdb = NULL;
    os_mutex_lock(&inst->db_lock);
    if (!inst->temp) {
        inst->temp = mem_calloc(1, sizeof *inst->temp);
        if (!inst->temp)
            err = ERR_TRAP(JET_errOutOfMemory);
    }
    struct isam_db *db = inst->dbs[0];
    os_mutex_unlock(&inst->db_lock);
    CALL_R(err);
    if (!db) {
        ESENT_WCHAR *wszPath = temp_path(inst);
        JET_DBID dbid;
        if (!wszPath)
            return ERR_TRAP(JET_errOutOfMemory);
        err = isam_db_create(sess, wszPath, 0, JET_bitDbRecoveryOff | JET_bitDbShadowingOff |
                             JET_bitDbOverwriteExisting | ISAM_bitDbTemp, &dbid);
        if (err == JET_errDatabaseDuplicate && isam_db_get(inst, 0))
            err = JET_errSuccess;       /* another session made it first */
        if (err < 0)
            WARN("cannot create the temporary database %s: %ld", debugstr_w(wszPath), (long)err);
        mem_free(wszPath);
        CALL_R(err);
        db = isam_db_get(inst, 0);
        if (!db)
            return ERR_TRAP(JET_errInternalError);
    }
    *ppdb = db;
    return JET_errSuccess;
}

/* DDL on the temporary database: the session has it open for the call only, so no user call
 * with dbid 0 ever reaches it. */
static JET_ERR ddl_create(struct isam_session *sess, JET_TABLECREATE4_A *ptc, uint32_t *pobjid)
{
    sess->cdbOpen[0] = 1;
    const JET_ERR err = isam_ddl_create_table(sess, 0, ptc, pobjid);
    sess->cdbOpen[0] = 0;
    return err;
}

static JET_ERR ddl_delete(struct isam_session *sess, const char *szName)
{
    sess->cdbOpen[0] = 1;
    const JET_ERR err = isam_ddl_delete_table(sess, 0, szName);
    sess->cdbOpen[0] = 0;
    return err;
}

void isam_temp_drop_closed(struct isam_session *sess)
{
    struct isam_instance *inst = sess->inst;
    if (sess->trx_level > 0)
        return;
    for (;;) {
        os_mutex_lock(&inst->db_lock);
        struct temp_drop *d = inst->temp ? inst->temp->drops : NULL;
        if (d)
            inst->temp->drops = d->next;
        os_mutex_unlock(&inst->db_lock);
        if (!d)
            return;
        const JET_ERR err = ddl_delete(sess, d->szName);
        /* JET_errObjectNotFound: the rollback of its creation took it already */
        if (err < 0 && err != JET_errObjectNotFound)
            WARN("temporary table %s stays until JetTerm: %ld", d->szName, (long)err);
        mem_free(d);
    }
}

/* ESE's ErrSORTTableOpen's column kinds. */
static bool coltyp_is_long(JET_COLTYP coltyp)
{
    return coltyp == JET_coltypLongText || coltyp == JET_coltypLongBinary;
}

static JET_GRBIT column_kind(const JET_COLUMNDEF *pcd)
{
    switch (pcd->coltyp) {
    case JET_coltypLongText: case JET_coltypLongBinary:
        return JET_bitColumnTagged;
    case JET_coltypBit: case JET_coltypUnsignedByte: case JET_coltypShort: case JET_coltypLong:
    case JET_coltypCurrency: case JET_coltypIEEESingle: case JET_coltypIEEEDouble: case JET_coltypDateTime:
    case JET_coltypUnsignedShort: case JET_coltypUnsignedLong: case JET_coltypLongLong:
    case JET_coltypUnsignedLongLong: case JET_coltypGUID:
        return (pcd->grbit & JET_bitColumnTagged) ? JET_bitColumnTagged : JET_bitColumnFixed;
    default:
        if (pcd->grbit & JET_bitColumnTagged)
            return JET_bitColumnTagged;
        return pcd->grbit & JET_bitColumnFixed;
    }
}

static void column_name(char *sz, uint32_t i)
{
    snprintf(sz, 16, "c%u", (unsigned)i);
}

/* Check what ESE's ErrIsamOpenTempTable / ErrSORTTableOpen check before making anything. */
static JET_ERR check_open(struct isam_session *sess, const struct isam_temp_open *po, bool *pfMaterialize,
        bool *pfIndexed)
{
    const JET_GRBIT grbit = po->grbit;
    if (param_num(&sess->inst->params, JET_paramMaxTemporaryTables) == 0)
        return ERR_TRAP(JET_errTooManySorts);
    if ((grbit & JET_bitTTForwardOnly) &&
        (grbit & (JET_bitTTIndexed | JET_bitTTUpdatable | JET_bitTTScrollable | JET_bitTTForceMaterialization)))
        return ERR_TRAP(JET_errCannotMaterializeForwardOnlySort);
    if (!po->rgcolumndef && po->ccolumn)
        return ERR_TRAP(JET_errInvalidParameter);
    const uint32_t cbKeyMostPage = (uint32_t)param_num(&sess->inst->params, JET_paramKeyMost);
    if ((po->cbKeyMost != 0 && po->cbKeyMost < JET_cbKeyMostMin) || po->cbKeyMost > cbKeyMostPage)
        return ERR_TRAP(JET_errInvalidParameter);
    if ((po->cbKeyMost != 0 && po->cbVarSegMac > po->cbKeyMost) ||
        (po->cbKeyMost == 0 && po->cbVarSegMac > JET_cbKeyMostMin))
        return ERR_TRAP(JET_errInvalidParameter);
    bool fIndexed = false, fLV = false;
    for (uint32_t i = 0; i < po->ccolumn; i++) {
        const JET_COLUMNDEF *pcd = &po->rgcolumndef[i];
        fIndexed |= (pcd->grbit & JET_bitColumnTTKey) != 0;
        fLV |= coltyp_is_long(pcd->coltyp);
        if (pcd->coltyp == JET_coltypText || pcd->coltyp == JET_coltypLongText) {
            if (pcd->cp != 0 && pcd->cp != 1252 && pcd->cp != 1200)
                return ERR_TRAP(JET_errInvalidCodePage);
        }
    }
    /* no index: nothing to sort; long values: a sort holds none; forced: a B+ tree now */
    *pfMaterialize = !fIndexed || (fLV && !(grbit & JET_bitTTIntrinsicLVsOnly)) ||
                     (grbit & JET_bitTTForceMaterialization);
    if (*pfMaterialize && (grbit & JET_bitTTForwardOnly))
        return ERR_TRAP(JET_errCannotMaterializeForwardOnlySort);
    *pfIndexed = fIndexed;
    return JET_errSuccess;
}

/* The index key string "+c0\0-c3\0\0" of the key columns (cch: its length with both NULs). */
static uint32_t key_string(const struct isam_temp_open *po, char *szKey, size_t cbKey)
{
    uint32_t ich = 0, cseg = 0;
    for (uint32_t i = 0; i < po->ccolumn && cseg < JET_ccolKeyMost; i++) {
        const JET_COLUMNDEF *pcd = &po->rgcolumndef[i];
        if (!(pcd->grbit & JET_bitColumnTTKey))
            continue;
        char szCol[16];
        column_name(szCol, i);
        int cch = snprintf(szKey + ich, cbKey - ich, "%c%s", (pcd->grbit & JET_bitColumnTTDescending) ? '-' : '+', szCol);
        ich += (uint32_t)cch + 1;
        cseg++;
    }
    szKey[ich++] = '\0';
    return ich;
}

static JET_ERR create_table(struct isam_session *sess, const struct isam_temp_open *po, bool fIndexed,
        bool fSortIndex, const char *szName, JET_COLUMNID *rgcolumnid)
{
    JET_ERR err;
    JET_COLUMNCREATE_A *rgcc = NULL;
    char (*rgszCol)[16] = NULL;
    char szKey[JET_ccolKeyMost * 18 + 2];
    JET_INDEXCREATE3_A ic;
    JET_TABLECREATE4_A tc;
    uint32_t objid;

    if (po->ccolumn) {
        rgcc = mem_calloc(po->ccolumn, sizeof *rgcc);
        rgszCol = mem_calloc(po->ccolumn, sizeof *rgszCol);
        if (!rgcc || !rgszCol)
            FAIL(JET_errOutOfMemory);
    }
    for (uint32_t i = 0; i < po->ccolumn; i++) {
        const JET_COLUMNDEF *pcd = &po->rgcolumndef[i];
        column_name(rgszCol[i], i);
        rgcc[i].cbStruct = sizeof rgcc[i];
        rgcc[i].szColumnName = rgszCol[i];
        rgcc[i].coltyp = pcd->coltyp;
        rgcc[i].cbMax = pcd->cbMax;
        rgcc[i].grbit = column_kind(pcd);
        rgcc[i].cp = pcd->cp;
    }
    memset(&ic, 0, sizeof ic);
    memset(&tc, 0, sizeof tc);
    if (fIndexed) {
        ic.cbStruct = sizeof ic;
        ic.szIndexName = (char *)TEMP_INDEX_NAME;
        ic.szKey = szKey;
        ic.cbKey = key_string(po, szKey, sizeof szKey);
        ic.grbit = fSortIndex ? 0 : (JET_bitIndexPrimary | JET_bitIndexUnique);
        if (po->grbit & JET_bitTTSortNullsHigh)
            ic.grbit |= JET_bitIndexSortNullsHigh;
        if (po->grbit & JET_bitTTDotNetGuid)
            ic.grbit |= JET_bitIndexDotNetGuid;
        if (po->pidxunicode) {
            ic.grbit |= JET_bitIndexUnicode;
            ic.pidxunicode = (JET_UNICODEINDEX2 *)po->pidxunicode;
        }
        if (po->cbKeyMost) {
            ic.grbit |= JET_bitIndexKeyMost;
            ic.cbKeyMost = po->cbKeyMost;
        }
        ic.cbVarSegMac = po->cbVarSegMac;
        ic.ulDensity = 100;
    }
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)szName;
    tc.ulPages = TEMP_PAGES;
    tc.ulDensity = 100;
    tc.rgcolumncreate = rgcc;
    tc.cColumns = po->ccolumn;
    tc.rgindexcreate = fIndexed ? &ic : NULL;
    tc.cIndexes = fIndexed ? 1 : 0;
    CALL(ddl_create(sess, &tc, &objid));
    for (uint32_t i = 0; i < po->ccolumn; i++)
        rgcolumnid[i] = rgcc[i].columnid;
out:
    if (err < 0 && rgcc) {
        /* the first column or index the DDL refused says why (ESE checks them one by one) */
        for (uint32_t i = 0; i < po->ccolumn; i++)
            if (rgcc[i].err < 0) {
                err = rgcc[i].err;
                break;
            }
    }
    mem_free(rgcc);
    mem_free(rgszCol);
    return err;
}

/* A cursor of sess on the temporary table szName (exclusive: nobody else sees it). */
static JET_ERR open_cursor(struct isam_session *sess, struct isam_db *db, const char *szName, struct cursor **ppc)
{
    JET_ERR err;
    struct isam_instance *inst = sess->inst;
    struct cur_table *ptab = NULL;
    *ppc = NULL;
    os_mutex_lock(&inst->db_lock);
    if (!db->cdb) {
        err = cur_db_open(db->btdb, db->dbid, db->cbPage, false, &db->cdb);
        if (err >= 0)
            cur_db_set_ver_store(db->cdb, inst->vs);
    } else {
        err = JET_errSuccess;
    }
    os_mutex_unlock(&inst->db_lock);
    CALL_R(err);
    isam_table_reader_sync(sess);
    CALL_R(cur_table_get(db->cdb, szName, &ptab));
    err = cur_open(ptab, &sess->reader, sess, JET_bitTableDenyRead, ppc);
    cur_table_release(ptab);
    return err < 0 ? err : JET_errSuccess;
}

static JET_ERR on_sort_index(struct cursor *c)
{
    const JET_ERR err = cur_set_index(c, TEMP_INDEX_NAME, NULL, 0, 0);
    return err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

/* A materialized table's cursor starts before its first record (ESE's ErrIsamSortMaterialize
 * ends with DIRBeforeFirst), where an opened table's starts on it (CUR_LOC_DEFER_FIRST): the
 * first JetMove(JET_MoveNext) lands on the first record. Neither state stands on an entry. */
static void before_first(struct cursor *c)
{
    if (c->loc == CUR_LOC_DEFER_FIRST)
        c->loc = CUR_LOC_BEFORE_FIRST;
}

JET_ERR isam_temp_open(struct isam_session *sess, const struct isam_temp_open *po, JET_COLUMNID *rgcolumnid,
        struct isam_table **ppt)
{
    JET_ERR err;
    struct isam_db *db;
    struct cursor *c = NULL;
    struct isam_table *t = NULL;
    struct isam_temp *tt = NULL;
    bool fMaterialize = false, fIndexed = false, fMade = false;
    char szName[JET_cbNameMost + 1];

    *ppt = NULL;
    CALL_R(check_open(sess, po, &fMaterialize, &fIndexed));
    const bool fSortIndex = fIndexed && (po->grbit & JET_bitTTForwardOnly) && !(po->grbit & JET_bitTTUnique);
    isam_temp_drop_closed(sess);
    CALL(temp_db(sess, &db));
    os_mutex_lock(&sess->inst->db_lock);
    const uint32_t seq = sess->inst->temp->seqNext++;
    os_mutex_unlock(&sess->inst->db_lock);
    snprintf(szName, sizeof szName, "TEMP%u", (unsigned)seq);
    tt = mem_calloc(1, sizeof *tt);
    if (!tt)
        FAIL(JET_errOutOfMemory);
    CALL(create_table(sess, po, fIndexed, fSortIndex, szName, rgcolumnid));
    fMade = true;
    CALL(open_cursor(sess, db, szName, &c));
    if (fSortIndex)
        CALL(on_sort_index(c));
    if (fMaterialize)
        before_first(c);
    CALL(isam_table_adopt(sess, 0, c, &t));
    c = NULL;
    tt->cref = 1;
    tt->phase = fMaterialize ? ISAM_TEMP_TABLE : ISAM_TEMP_INSERT;
    tt->grbit = po->grbit;
    tt->fSortIndex = fSortIndex;
    memcpy(tt->szName, szName, sizeof szName);
    t->tt = tt;
    tt = NULL;
    *ppt = t;
    TRACE("session %p: temporary table %s (grbit %#x, %s)", (void *)sess, szName, (unsigned)po->grbit,
          fMaterialize ? "materialized" : "sorting");
    fMade = false;
out:
    cur_close(c);
    mem_free(tt);
    if (fMade) {
        const JET_ERR errDrop = ddl_delete(sess, szName);
        if (errDrop < 0)
            WARN("temporary table %s stays until JetTerm: %ld", szName, (long)errDrop);
    }
    return err;
}

JET_ERR isam_temp_end_insert(struct isam_table *t)
{
    struct isam_temp *tt = t->tt;
    if (tt->phase != ISAM_TEMP_INSERT)
        return JET_errSuccess;
    /* ESE's ErrTTEndInsert: an updatable table is materialized (its cursor before the first
     * record); otherwise the sort is read from its first record. Scrollable and indexed sorts
     * stay sorts unless they overflow memory, which ours never do. */
    if (tt->grbit & JET_bitTTUpdatable) {
        tt->phase = ISAM_TEMP_TABLE;
        before_first(t->c);
        return JET_errSuccess;
    }
    tt->phase = ISAM_TEMP_EXTRACT;
    return cur_move(t->c, JET_MoveFirst, 0);
}

JET_ERR isam_temp_dup(struct isam_table *t, struct isam_table *d)
{
    JET_ERR err;
    d->tt = t->tt;
    d->tt->cref++;
    if (d->tt->fSortIndex)
        CALL_R(on_sort_index(d->c));
    if (d->tt->phase == ISAM_TEMP_EXTRACT) {
        /* ESE's ErrIsamSortDupCursor: on the first record, an empty sort is no error */
        err = cur_move(d->c, JET_MoveFirst, 0);
        if (err == JET_errNoCurrentRecord)
            err = JET_errSuccess;
        CALL_R(err);
    }
    return JET_errSuccess;
}

JET_ERR isam_temp_count(struct isam_table *t, uint64_t *pc)
{
    JET_ERR err;
    struct cursor *c;
    *pc = 0;
    CALL_R(cur_dup(t->c, &c));
    if (t->tt->fSortIndex)
        CALL(on_sort_index(c));
    err = cur_move(c, JET_MoveFirst, 0);
    if (err == JET_errNoCurrentRecord) {
        err = JET_errSuccess;
        goto out;
    }
    CALL(err);
    CALL(cur_count(c, 0, pc));
out:
    cur_close(c);
    return err;
}

void isam_temp_release(struct isam_table *t)
{
    struct isam_temp *tt = t->tt;
    struct isam_instance *inst = t->sess->inst;
    t->tt = NULL;
    if (--tt->cref > 0)
        return;
    struct temp_drop *d = mem_calloc(1, sizeof *d);
    if (d) {
        memcpy(d->szName, tt->szName, sizeof d->szName);
        os_mutex_lock(&inst->db_lock);
        d->next = inst->temp->drops;
        inst->temp->drops = d;
        os_mutex_unlock(&inst->db_lock);
    } else {
        WARN("temporary table %s stays until JetTerm: out of memory", tt->szName);
    }
    mem_free(tt);
}

void isam_temp_term(struct isam_instance *inst)
{
    os_mutex_lock(&inst->db_lock);
    struct isam_temp_db *ptd = inst->temp;
    struct isam_db *db = inst->dbs[0];
    inst->temp = NULL;
    os_mutex_unlock(&inst->db_lock);
    if (ptd) {
        while (ptd->drops) {
            struct temp_drop *d = ptd->drops;
            ptd->drops = d->next;
            mem_free(d);
        }
        mem_free(ptd);
    }
    if (!db)
        return;
    ESENT_WCHAR *wszPath = wstr_dup(db->wszPath);
    /* nothing in it outlives the instance: no flush, no clean header */
    const JET_ERR err = isam_db_close_file(db, false);
    if (err < 0)
        WARN("closing the temporary database: %ld", (long)err);
    if (wszPath) {
        struct os_vfs *vfs = isam_vfs(inst);
        const JET_ERR errRm = vfs->ops->remove(vfs, wszPath);
        if (errRm < 0)
            WARN("cannot delete the temporary database %s: %ld", debugstr_w(wszPath), (long)errRm);
        mem_free(wszPath);
    }
}
