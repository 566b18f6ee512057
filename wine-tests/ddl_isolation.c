/* SPDX-License-Identifier: MIT
 * wine-tests/ddl_isolation.c: DDL inside a transaction as other sessions see it, through the
 * exports, one test per rule. ESE versions DDL: JetOpenTable finds a table through the catalog
 * as the session's transaction sees it (ErrFILEOpenTable -> ErrCATSeekTable), so a table another
 * session created and has not committed is JET_errObjectNotFound, for JetDeleteTable too; a
 * table another session deleted and has not committed is JET_errTableLocked (its FCB is
 * FDeletePending from the deletion on); the session that made the change sees it at once, and
 * a rollback leaves everything as it was. The object list (JetGetObjectInfo, walking the catalog
 * through the session's transaction) agrees. */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID s1, s2;
static JET_DBID db1, db2;
static char dir[MAX_PATH], path[MAX_PATH];

#define check(e, exp) do { JET_ERR err_ = (e); ok(err_ == (exp), "%s: got %ld, expected %ld\n", #e, err_, (long)(exp)); } while (0)

/* Two sessions on one new database. */
static void start(const char *name)
{
    test_db_start(name, "ddliso.edb", &inst, &s1, dir, path, &db1);
    check(JetBeginSessionA(inst, &s2, NULL, NULL), JET_errSuccess);
    check(JetOpenDatabaseA(s2, path, NULL, &db2, 0), JET_errSuccess);
}

static void stop(void)
{
    check(JetCloseDatabase(s2, db2, 0), JET_errSuccess);
    check(JetEndSession(s2, 0), JET_errSuccess);
    test_db_stop(inst, s1, dir, path, db1);
}

static JET_DBID db_of(JET_SESID s)
{
    return s == s1 ? db1 : db2;
}

/* Table szName with a column "id" (its primary index) and szCol of coltyp, made by s and closed
 * (JetCreateTable's cursor holds the table exclusively, ESE's JET_bitTableDenyRead); rgcolid
 * (may be NULL) gets their columnids. */
static void create_table2_(int line, JET_SESID s, const char *szName, const char *szCol, JET_COLTYP coltyp,
        JET_COLUMNID *rgcolid)
{
    JET_COLUMNCREATE_A rgc[2];
    JET_COLUMNID rgcolidT[2];
    JET_TABLEID t;
    memset(rgc, 0, sizeof rgc);
    rgc[0].szColumnName = (char *)"id";
    rgc[0].coltyp = JET_coltypLong;
    rgc[1].szColumnName = (char *)szCol;
    rgc[1].coltyp = coltyp;
    t = test_create_table_(__FILE__, line, s, db_of(s), szName, rgc, 2, rgcolid ? rgcolid : rgcolidT);
    ok_(__FILE__, line)(JetCloseTable(s, t) == JET_errSuccess, "JetCloseTable failed\n");
}
#define create_table(s, sz) create_table2_(__LINE__, s, sz, "val", JET_coltypLong, NULL)

/* JetOpenTable's answer for s (the table closed again on success). */
static JET_ERR open_err(JET_SESID s, const char *szName)
{
    JET_TABLEID t = JET_tableidNil;
    JET_ERR err = JetOpenTableA(s, db_of(s), szName, NULL, 0, 0, &t);
    if (err >= 0) JetCloseTable(s, t);
    return err;
}

/* Whether JetGetObjectInfo's table list of s names szName (-1: the list failed). */
static int listed(JET_SESID s, const char *szName)
{
    JET_OBJECTLIST ol;
    char sz[JET_cbNameMost + 1];
    unsigned long cb;
    int fFound = 0;
    JET_ERR err;
    memset(&ol, 0xcc, sizeof ol);
    err = JetGetObjectInfoA(s, db_of(s), JET_objtypTable, NULL, NULL, &ol, sizeof ol, JET_ObjInfoListNoStats);
    if (err != JET_errSuccess) return -1;
    for (err = JetMove(s, ol.tableid, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(s, ol.tableid, JET_MoveNext, 0)) {
        memset(sz, 0, sizeof sz);
        if (JetRetrieveColumn(s, ol.tableid, ol.columnidobjectname, sz, sizeof sz - 1, &cb, 0, NULL) == JET_errSuccess
                && !strcmp(sz, szName))
            fFound = 1;
    }
    JetCloseTable(s, ol.tableid);
    return fFound;
}

/* A table created in a transaction: not there for the other session until the commit. */
START_TEST(ddl_isolation_table_create)
{
    JET_OBJECTINFO oi;

    start("ddliso_create");
    check(JetBeginTransaction(s1), JET_errSuccess);
    create_table(s1, "t");
    check(open_err(s1, "t"), JET_errSuccess);
    check(open_err(s2, "t"), JET_errObjectNotFound);
    check(JetDeleteTableA(s2, db2, "t"), JET_errObjectNotFound);
    check(JetGetObjectInfoA(s2, db2, JET_objtypTable, NULL, "t", &oi, sizeof oi, JET_ObjInfoNoStats), JET_errObjectNotFound);
    ok(listed(s1, "t") == 1, "the creator's list lacks t\n");
    ok(listed(s2, "t") == 0, "the other session's list has t\n");
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check(open_err(s2, "t"), JET_errSuccess);
    ok(listed(s2, "t") == 1, "t is not listed after the commit\n");

    /* rolled back: nobody ever sees it */
    check(JetBeginTransaction(s1), JET_errSuccess);
    create_table(s1, "u");
    check(JetRollback(s1, 0), JET_errSuccess);
    check(open_err(s1, "u"), JET_errObjectNotFound);
    check(open_err(s2, "u"), JET_errObjectNotFound);
    ok(listed(s2, "u") == 0, "a rolled-back table is listed\n");
    stop();
}

/* A table deleted in a transaction: locked for the other session until the commit, gone after;
 * a rollback gives it back. */
START_TEST(ddl_isolation_table_delete)
{
    start("ddliso_delete");
    create_table(s1, "t");
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetDeleteTableA(s1, db1, "t"), JET_errSuccess);
    check(open_err(s1, "t"), JET_errObjectNotFound);
    check(open_err(s2, "t"), JET_errTableLocked);
    check(JetDeleteTableA(s2, db2, "t"), JET_errTableLocked);
    ok(listed(s1, "t") == 0, "the deleter still lists t\n");
    ok(listed(s2, "t") == 1, "the other session no longer lists t\n");
    check(JetRollback(s1, 0), JET_errSuccess);
    check(open_err(s2, "t"), JET_errSuccess);
    check(open_err(s1, "t"), JET_errSuccess);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetDeleteTableA(s1, db1, "t"), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check(open_err(s2, "t"), JET_errObjectNotFound);
    ok(listed(s2, "t") == 0, "a deleted table is listed\n");
    stop();
}

static JET_TABLEID open_t_(int line, JET_SESID s)
{
    JET_TABLEID t = JET_tableidNil;
    JET_ERR err = JetOpenTableA(s, db_of(s), "t", NULL, 0, 0, &t);
    ok_(__FILE__, line)(err == JET_errSuccess, "JetOpenTableA: %ld\n", err);
    return t;
}
#define open_t(s) open_t_(__LINE__, s)

/* JetGetTableColumnInfo by name: its error. */
static JET_ERR column_err(JET_SESID s, JET_TABLEID t, const char *szColumn)
{
    JET_COLUMNDEF cd;
    memset(&cd, 0xcc, sizeof cd);
    return JetGetTableColumnInfoA(s, t, szColumn, &cd, sizeof cd, JET_ColInfo);
}

/* Whether JetGetTableColumnInfo's list (JET_ColInfoList) or JetGetTableIndexInfo's
 * (JET_IdxInfoList) names szName (-1: the list failed). */
static int list_has(JET_SESID s, JET_TABLEID t, int fIndexes, const char *szName)
{
    JET_COLUMNLIST cl;
    JET_INDEXLIST il;
    JET_TABLEID tl;
    JET_COLUMNID colName;
    char sz[JET_cbNameMost + 1];
    unsigned long cb;
    int fFound = 0;
    JET_ERR err;
    memset(&cl, 0xcc, sizeof cl);
    memset(&il, 0xcc, sizeof il);
    if (fIndexes) {
        err = JetGetTableIndexInfoA(s, t, NULL, &il, sizeof il, JET_IdxInfoList);
        tl = il.tableid;
        colName = il.columnidindexname;
    } else {
        err = JetGetTableColumnInfoA(s, t, NULL, &cl, sizeof cl, JET_ColInfoList);
        tl = cl.tableid;
        colName = cl.columnidcolumnname;
    }
    if (err != JET_errSuccess) return -1;
    for (err = JetMove(s, tl, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(s, tl, JET_MoveNext, 0)) {
        memset(sz, 0, sizeof sz);
        if (JetRetrieveColumn(s, tl, colName, sz, sizeof sz - 1, &cb, 0, NULL) == JET_errSuccess && !strcmp(sz, szName))
            fFound = 1;
    }
    JetCloseTable(s, tl);
    return fFound;
}

/* Inserts (id, val) through t; returns the first error. */
static JET_ERR insert_row(JET_SESID s, JET_TABLEID t, long id, long val)
{
    JET_COLUMNDEF cdId, cdVal;
    JET_ERR err = JetGetTableColumnInfoA(s, t, "id", &cdId, sizeof cdId, JET_ColInfo);
    if (err >= 0) err = JetGetTableColumnInfoA(s, t, "val", &cdVal, sizeof cdVal, JET_ColInfo);
    if (err >= 0) err = JetPrepareUpdate(s, t, JET_prepInsert);
    if (err < 0) return err;
    err = JetSetColumn(s, t, cdId.columnid, &id, sizeof id, 0, NULL);
    if (err >= 0) err = JetSetColumn(s, t, cdVal.columnid, &val, sizeof val, 0, NULL);
    if (err >= 0) err = JetUpdate(s, t, NULL, 0, NULL);
    if (err < 0) JetPrepareUpdate(s, t, JET_prepCancel);
    return err;
}

/* start(), then table t made by s1 and opened in both sessions. */
static void start_t_(int line, const char *name, JET_TABLEID *pt1, JET_TABLEID *pt2)
{
    start(name);
    create_table2_(line, s1, "t", "val", JET_coltypLong, NULL);
    *pt1 = open_t_(line, s1);
    *pt2 = open_t_(line, s2);
}
#define start_t(name, pt1, pt2) start_t_(__LINE__, name, pt1, pt2)

/* Index "ival" (+val) on t, made by s. */
static JET_ERR create_ival(JET_SESID s, JET_TABLEID t)
{
    JET_INDEXCREATE_A ic;
    char szKey[16];
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (char *)"ival";
    ic.szKey = szKey;
    ic.cbKey = test_make_key(szKey, "+val");
    ic.ulDensity = 100;
    return JetCreateIndex2A(s, t, &ic, 1);
}

/* Seek val v on index "ival". */
static JET_ERR seek_ival(JET_SESID s, JET_TABLEID t, long v)
{
    JET_ERR err = JetSetCurrentIndexA(s, t, "ival");
    if (err >= 0) err = JetMakeKey(s, t, &v, sizeof v, JET_bitNewKey);
    if (err >= 0) err = JetSeek(s, t, JET_bitSeekEQ);
    return err;
}

/* A column added in a transaction: not found by name, not listed and not readable by columnid
 * for the other session until the commit (ErrFILEIScanForColumnName and ErrRECIAccessColumn
 * consult the catalog through the session's transaction for a versioned FIELD). */
START_TEST(ddl_isolation_column_add)
{
    JET_TABLEID t1, t2;
    JET_COLUMNDEF cd;
    JET_COLUMNID colid = 0;
    long v = 0;
    unsigned long cb;

    start_t("ddliso_coladd", &t1, &t2);
    check(insert_row(s1, t1, 1, 10), JET_errSuccess);
    check(JetMove(s2, t2, JET_MoveFirst, 0), JET_errSuccess);

    check(JetBeginTransaction(s1), JET_errSuccess);
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    check(JetAddColumnA(s1, t1, "b", &cd, NULL, 0, &colid), JET_errSuccess);
    check(column_err(s1, t1, "b"), JET_errSuccess);
    ok(list_has(s1, t1, 0, "b") == 1, "the adder's list lacks b\n");
    check(column_err(s2, t2, "b"), JET_errColumnNotFound);
    ok(list_has(s2, t2, 0, "b") == 0, "the other session lists b\n");
    check(JetRetrieveColumn(s2, t2, colid, &v, sizeof v, &cb, 0, NULL), JET_errColumnNotFound);
    check(JetPrepareUpdate(s2, t2, JET_prepInsert), JET_errSuccess);
    check(JetSetColumn(s2, t2, colid, &v, sizeof v, 0, NULL), JET_errColumnNotFound);
    check(JetPrepareUpdate(s2, t2, JET_prepCancel), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check(column_err(s2, t2, "b"), JET_errSuccess);
    ok(list_has(s2, t2, 0, "b") == 1, "b is not listed after the commit\n");

    /* rolled back: gone for the adder too */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetAddColumnA(s1, t1, "c", &cd, NULL, 0, &colid), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(column_err(s1, t1, "c"), JET_errColumnNotFound);
    check(column_err(s2, t2, "c"), JET_errColumnNotFound);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* A column deleted in a transaction: gone for the deleter at once, still there for the other
 * session (its catalog row, read through its transaction, is the committed one) until the
 * commit. */
START_TEST(ddl_isolation_column_delete)
{
    JET_TABLEID t1, t2;
    JET_COLUMNDEF cdVal;
    long v = 5;
    unsigned long cb;

    start_t("ddliso_coldel", &t1, &t2);
    check(JetGetTableColumnInfoA(s1, t1, "val", &cdVal, sizeof cdVal, JET_ColInfo), JET_errSuccess);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetDeleteColumnA(s1, t1, "val"), JET_errSuccess);
    check(column_err(s1, t1, "val"), JET_errColumnNotFound);
    ok(list_has(s1, t1, 0, "val") == 0, "the deleter still lists val\n");
    check(JetPrepareUpdate(s1, t1, JET_prepInsert), JET_errSuccess);
    check(JetSetColumn(s1, t1, cdVal.columnid, &v, sizeof v, 0, NULL), JET_errColumnNotFound);
    check(JetPrepareUpdate(s1, t1, JET_prepCancel), JET_errSuccess);
    check(column_err(s2, t2, "val"), JET_errSuccess);
    ok(list_has(s2, t2, 0, "val") == 1, "the other session no longer lists val\n");
    /* the other session still writes and reads it */
    check(insert_row(s2, t2, 1, 5), JET_errSuccess);
    check(JetMove(s2, t2, JET_MoveFirst, 0), JET_errSuccess);
    v = 0;
    check(JetRetrieveColumn(s2, t2, cdVal.columnid, &v, sizeof v, &cb, 0, NULL), JET_errSuccess);
    ok(v == 5, "val: got %ld\n", v);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(column_err(s1, t1, "val"), JET_errSuccess);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetDeleteColumnA(s1, t1, "val"), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check(column_err(s2, t2, "val"), JET_errColumnNotFound);
    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* An index created in a transaction: JET_errIndexNotFound and not listed for the other session
 * until the commit (ErrFILEIAccessIndex: a versioned IDB is looked up in the catalog through the
 * session's transaction), while that session's updates maintain it (FFILEIPotentialIndex), so
 * it is complete at the commit. */
START_TEST(ddl_isolation_index_create)
{
    JET_TABLEID t1, t2;

    start_t("ddliso_idxcreate", &t1, &t2);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(create_ival(s1, t1), JET_errSuccess);
    check(JetSetCurrentIndexA(s1, t1, "ival"), JET_errSuccess);
    check(JetSetCurrentIndexA(s2, t2, "ival"), JET_errIndexNotFound);
    ok(list_has(s2, t2, 1, "ival") == 0, "the other session lists ival\n");
    ok(list_has(s1, t1, 1, "ival") == 1, "the creator's list lacks ival\n");
    /* the other session's insert goes into the index all the same */
    check(insert_row(s2, t2, 1, 7), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check(seek_ival(s2, t2, 7), JET_errSuccess);
    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* An index deleted in a transaction is unavailable to every session at once, committed or not
 * (ErrFILEIAccessIndex: "If an index is deleted, it immediately becomes unavailable"); a
 * rollback gives it back. */
START_TEST(ddl_isolation_index_delete)
{
    JET_TABLEID t1, t2;

    start_t("ddliso_idxdelete", &t1, &t2);
    check(create_ival(s1, t1), JET_errSuccess);
    /* not while it is a cursor's current index, another session's or its own */
    check(JetSetCurrentIndexA(s2, t2, "ival"), JET_errSuccess);
    check(JetDeleteIndexA(s1, t1, "ival"), JET_errIndexInUse);
    check(JetSetCurrentIndexA(s2, t2, NULL), JET_errSuccess);
    check(JetSetCurrentIndexA(s1, t1, "ival"), JET_errSuccess);
    check(JetDeleteIndexA(s1, t1, "ival"), JET_errIndexInUse);
    check(JetSetCurrentIndexA(s1, t1, NULL), JET_errSuccess);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetDeleteIndexA(s1, t1, "ival"), JET_errSuccess);
    check(JetSetCurrentIndexA(s1, t1, "ival"), JET_errIndexNotFound);
    check(JetSetCurrentIndexA(s2, t2, "ival"), JET_errIndexNotFound);
    ok(list_has(s2, t2, 1, "ival") == 0, "the other session lists a deleted index\n");
    /* updates still maintain it while the deletion may roll back (FFILEIPotentialIndex) */
    check(insert_row(s2, t2, 1, 7), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(JetSetCurrentIndexA(s2, t2, "ival"), JET_errSuccess);
    check(seek_ival(s1, t1, 7), JET_errSuccess);
    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* Inserts (id, a long value of cb bytes of b) through t and reads the value back: the first
 * error, JET_errInvalidParameter if what it read differs. */
static JET_ERR insert_lv(JET_SESID s, JET_TABLEID t, JET_COLUMNID colId, JET_COLUMNID colBlob, long id, int b)
{
    static unsigned char rgb[3000], rgbOut[3000];
    unsigned long cb = 0;
    JET_ERR err = JetPrepareUpdate(s, t, JET_prepInsert);
    memset(rgb, b, sizeof rgb);
    if (err < 0) return err;
    err = JetSetColumn(s, t, colId, &id, sizeof id, 0, NULL);
    if (err >= 0) err = JetSetColumn(s, t, colBlob, rgb, sizeof rgb, 0, NULL);
    if (err >= 0) err = JetUpdate(s, t, NULL, 0, NULL);
    if (err < 0) {
        JetPrepareUpdate(s, t, JET_prepCancel);
        return err;
    }
    err = JetSetCurrentIndexA(s, t, NULL);
    if (err >= 0) err = JetMakeKey(s, t, &id, sizeof id, JET_bitNewKey);
    if (err >= 0) err = JetSeek(s, t, JET_bitSeekEQ);
    if (err >= 0) err = JetRetrieveColumn(s, t, colBlob, rgbOut, sizeof rgbOut, &cb, 0, NULL);
    if (err >= 0 && (cb != sizeof rgb || memcmp(rgb, rgbOut, cb) != 0)) err = JET_errInvalidParameter;
    return err;
}

/* The table's long-value tree is no DDL the other sessions must not see: made by the first
 * separated long value of a transaction that has not committed, it serves every session. */
START_TEST(ddl_isolation_long_values)
{
    JET_COLUMNID rgcolid[2];
    JET_TABLEID t1, t2;

    start("ddliso_lv");
    create_table2_(__LINE__, s1, "lv", "blob", JET_coltypLongBinary, rgcolid);
    check(JetOpenTableA(s1, db1, "lv", NULL, 0, 0, &t1), JET_errSuccess);
    check(JetOpenTableA(s2, db2, "lv", NULL, 0, 0, &t2), JET_errSuccess);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(insert_lv(s1, t1, rgcolid[0], rgcolid[1], 1, 0x11), JET_errSuccess);
    check(insert_lv(s2, t2, rgcolid[0], rgcolid[1], 2, 0x22), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(insert_lv(s2, t2, rgcolid[0], rgcolid[1], 3, 0x33), JET_errSuccess);
    check(insert_lv(s1, t1, rgcolid[0], rgcolid[1], 4, 0x44), JET_errSuccess);
    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}
