/* SPDX-License-Identifier: MIT
 * wine-tests/table_read.c: reading a Windows-made database through the table exports: JetOpenTable,
 * JetCloseTable, JetDupCursor, JetMove, JetRetrieveColumn(s), JetMakeKey/JetSeek,
 * JetSetCurrentIndex/JetGetCurrentIndex, bookmarks, JetGetTableColumnInfo and the list tables,
 * over dissect-esedb's basic.edb (table "basic": 2 rows, Id 1 and 2, a primary index on Id) and
 * index.edb (table "index": 1 row, one secondary index per column). Each check states what
 * Windows' esent.dll does: invalid handles, short buffers (JET_wrnBufferTruncated with the whole
 * size), wrong column ids, unknown grbits. */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH];
static char dbpath[MAX_PATH];
static JET_DBID dbid;

/* An instance, a session and sample rel attached read-only and opened. */
static int start(const char *name, const char *rel)
{
    JET_ERR err;
    test_make_dir(name, dir, sizeof dir);
    err = JetCreateInstanceA(&inst, name);
    ok(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
    if (!test_sample_path(rel, dbpath, sizeof dbpath))
        return 0;
    err = JetAttachDatabaseA(sesid, dbpath, JET_bitDbReadOnly);
    ok(err == JET_errSuccess, "attach %s: %ld\n", rel, err);
    err = JetOpenDatabaseA(sesid, dbpath, NULL, &dbid, JET_bitDbReadOnly);
    ok(err == JET_errSuccess, "open %s: %ld\n", rel, err);
    return err == JET_errSuccess;
}

static void stop(void)
{
    JET_ERR err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession: %ld\n", err);
    err = JetTerm2(inst, JET_bitTermComplete);
    ok(err == JET_errSuccess, "JetTerm2: %ld\n", err);
    test_remove_dir(dir);
}

static JET_COLUMNID column_id(JET_TABLEID tableid, const char *name, JET_COLTYP *pcoltyp)
{
    JET_COLUMNDEF def;
    JET_ERR err;
    memset(&def, 0xcc, sizeof def);
    err = JetGetTableColumnInfoA(sesid, tableid, name, &def, sizeof def, JET_ColInfo);
    ok(err == JET_errSuccess, "JetGetTableColumnInfo(%s): %ld\n", name, err);
    ok(def.cbStruct == sizeof def, "cbStruct %lu\n", def.cbStruct);
    if (pcoltyp) *pcoltyp = def.coltyp;
    return err == JET_errSuccess ? def.columnid : 0;
}

static long retrieve_long(JET_TABLEID tableid, JET_COLUMNID columnid)
{
    long v = 0xcccc;
    unsigned long cb = 0;
    JET_ERR err = JetRetrieveColumn(sesid, tableid, columnid, &v, sizeof v, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 4, "JetRetrieveColumn: %ld, %lu bytes\n", err, cb);
    return v;
}

START_TEST(table_open)
{
    JET_TABLEID tableid = 0xcccc, dup;
    JET_ERR err;

    if (!start("table_open", "dissect-esedb/basic.edb")) {
        stop();
        return;
    }
    err = JetOpenTableA(0, dbid, "basic", NULL, 0, 0, &tableid);
    ok(err == JET_errInvalidSesid, "sesid 0: %ld\n", err);
    err = JetOpenTableA(sesid, dbid + 10, "basic", NULL, 0, 0, &tableid);
    ok(err == JET_errInvalidDatabaseId, "unknown dbid: %ld\n", err);
    err = JetOpenTableA(sesid, dbid, "NoSuchTable", NULL, 0, 0, &tableid);
    ok(err == JET_errObjectNotFound, "unknown table: %ld\n", err);
    err = JetOpenTableA(sesid, dbid, "", NULL, 0, 0, &tableid);
    ok(err == JET_errInvalidName, "empty name: %ld\n", err);
    err = JetOpenTableA(sesid, dbid, "basic", NULL, 0, JET_bitTableReadOnly | JET_bitTableDenyRead, &tableid);
    ok(err == JET_errInvalidGrbit, "read-only with deny-read: %ld\n", err);

    /* names compare without case */
    err = JetOpenTableA(sesid, dbid, "BASIC", NULL, 0, JET_bitTableReadOnly, &tableid);
    ok(err == JET_errSuccess, "JetOpenTableA: %ld\n", err);
    ok(tableid != 0xcccc && tableid != JET_tableidNil, "tableid %#lx\n", (unsigned long)tableid);

    err = JetDupCursor(sesid, tableid, &dup, 0);
    ok(err == JET_errSuccess, "JetDupCursor: %ld\n", err);
    /* the duplicate is on the first record of the primary index */
    err = JetMove(sesid, dup, 0, 0);
    ok(err == JET_errSuccess, "current record of a duplicate: %ld\n", err);
    ok(retrieve_long(dup, column_id(dup, "Id", NULL)) == 1, "duplicate's first record\n");
    err = JetCloseTable(sesid, dup);
    ok(err == JET_errSuccess, "close the duplicate: %ld\n", err);
    err = JetMove(sesid, dup, JET_MoveFirst, 0);
    ok(err == JET_errInvalidTableId, "a closed tableid: %ld\n", err);
    err = JetCloseTable(sesid, dup);
    ok(err == JET_errInvalidTableId, "closed twice: %ld\n", err);

    err = JetCloseTable(sesid, tableid);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    JetCloseDatabase(sesid, dbid, 0);
    JetDetachDatabaseA(sesid, dbpath);
    stop();
}

START_TEST(table_move_retrieve)
{
    JET_TABLEID tableid;
    JET_COLUMNID colId, colLong, colGuid;
    JET_COLTYP coltyp = 0;
    unsigned char buf[64];
    unsigned long cb;
    long n;
    JET_ERR err;

    if (!start("table_move_retrieve", "dissect-esedb/basic.edb")) {
        stop();
        return;
    }
    err = JetOpenTableA(sesid, dbid, "basic", NULL, 0, JET_bitTableReadOnly, &tableid);
    ok(err == JET_errSuccess, "JetOpenTableA: %ld\n", err);
    colId = column_id(tableid, "Id", NULL);
    colLong = column_id(tableid, "Long", &coltyp);
    ok(coltyp == JET_coltypLong, "coltyp of Long: %lu\n", coltyp);
    colGuid = column_id(tableid, "GUID", &coltyp);
    ok(coltyp == JET_coltypGUID, "coltyp of GUID: %lu\n", coltyp);

    /* every record, forwards */
    n = 0;
    for (err = JetMove(sesid, tableid, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(sesid, tableid, JET_MoveNext, 0)) {
        n++;
        ok(retrieve_long(tableid, colId) == n, "record %ld\n", n);
    }
    ok(err == JET_errNoCurrentRecord, "past the last: %ld\n", err);
    ok(n == 2, "%ld records\n", n);
    err = JetMove(sesid, tableid, 0, 0);
    ok(err == JET_errNoCurrentRecord, "no current record after the last: %ld\n", err);
    err = JetMove(sesid, tableid, JET_MovePrevious, 0);
    ok(err == JET_errSuccess, "back from after the last: %ld\n", err);
    ok(retrieve_long(tableid, colId) == 2, "the last record\n");

    err = JetMove(sesid, tableid, JET_MoveFirst, 0);
    ok(err == JET_errSuccess, "JET_MoveFirst: %ld\n", err);
    ok(retrieve_long(tableid, colLong) == -13371337, "Long of the first record\n");

    /* a short buffer: the first bytes, the whole size, a warning */
    memset(buf, 0xcc, sizeof buf);
    cb = 0;
    err = JetRetrieveColumn(sesid, tableid, colGuid, buf, 4, &cb, 0, NULL);
    ok(err == JET_wrnBufferTruncated, "short buffer: %ld\n", err);
    ok(cb == 16, "whole size %lu\n", cb);
    ok(buf[4] == 0xcc, "wrote past the buffer\n");
    err = JetRetrieveColumn(sesid, tableid, colGuid, NULL, 0, &cb, 0, NULL);
    ok(err == JET_wrnBufferTruncated && cb == 16, "no buffer: %ld, %lu\n", err, cb);

    /* wrong column ids, internal grbits, a short JET_RETINFO */
    err = JetRetrieveColumn(sesid, tableid, 0x7fff, buf, sizeof buf, &cb, 0, NULL);
    ok(err == JET_errColumnNotFound, "unknown columnid: %ld\n", err);
    err = JetRetrieveColumn(sesid, tableid, colLong, buf, sizeof buf, &cb, 0x80000000, NULL);
    ok(err == JET_errInvalidGrbit, "internal grbit: %ld\n", err);
    {
        JET_RETINFO ri = { sizeof ri - 1, 0, 1, 0 };
        err = JetRetrieveColumn(sesid, tableid, colLong, buf, sizeof buf, &cb, 0, &ri);
        ok(err == JET_errInvalidParameter, "short JET_RETINFO: %ld\n", err);
    }
    err = JetRetrieveColumn(sesid, JET_tableidNil, colLong, buf, sizeof buf, &cb, 0, NULL);
    ok(err == JET_errInvalidTableId, "tableid nil: %ld\n", err);

    /* JetRetrieveColumns: itagSequence 0 counts the values */
    {
        long v = 0;
        JET_RETRIEVECOLUMN rc[2];
        memset(rc, 0, sizeof rc);
        rc[0].columnid = colLong;
        rc[0].pvData = &v;
        rc[0].cbData = sizeof v;
        rc[0].itagSequence = 1;
        rc[1].columnid = colGuid;
        rc[1].itagSequence = 0;
        err = JetRetrieveColumns(sesid, tableid, rc, 2);
        ok(err == JET_errSuccess, "JetRetrieveColumns: %ld\n", err);
        ok(rc[0].err == JET_errSuccess && v == -13371337 && rc[0].cbActual == 4, "Long: %ld %ld %lu\n", rc[0].err, v,
           rc[0].cbActual);
        ok(rc[1].itagSequence == 1, "values of GUID: %lu\n", rc[1].itagSequence);
    }

    /* bookmarks */
    {
        unsigned char bm[JET_cbBookmarkMost];
        unsigned long cbBm = 0;
        err = JetMove(sesid, tableid, JET_MoveLast, 0);
        ok(err == JET_errSuccess, "JET_MoveLast: %ld\n", err);
        err = JetGetBookmark(sesid, tableid, bm, 1, &cbBm);
        ok(err == JET_errBufferTooSmall && cbBm > 1, "short bookmark buffer: %ld, %lu\n", err, cbBm);
        err = JetGetBookmark(sesid, tableid, bm, sizeof bm, &cbBm);
        ok(err == JET_errSuccess, "JetGetBookmark: %ld\n", err);
        err = JetMove(sesid, tableid, JET_MoveFirst, 0);
        ok(err == JET_errSuccess, "JET_MoveFirst: %ld\n", err);
        err = JetGotoBookmark(sesid, tableid, bm, cbBm);
        ok(err == JET_errSuccess, "JetGotoBookmark: %ld\n", err);
        ok(retrieve_long(tableid, colId) == 2, "the bookmarked record\n");
    }

    err = JetCloseTable(sesid, tableid);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    JetCloseDatabase(sesid, dbid, 0);
    JetDetachDatabaseA(sesid, dbpath);
    stop();
}

START_TEST(table_info)
{
    static const WCHAR wszBasic[] = { 'b', 'a', 's', 'i', 'c', 0 };
    static const WCHAR wszLong[] = { 'L', 'o', 'n', 'g', 0 };
    JET_TABLEID tableid;
    JET_OBJECTINFO oi;
    JET_COLUMNBASE_W cbw;
    JET_OBJECTLIST ol;
    WCHAR wsz[JET_cbNameMost + 1];
    char sz[JET_cbNameMost + 1];
    unsigned long cb;
    JET_ERR err;
    int fFound = 0;

    if (!start("table_info", "dissect-esedb/basic.edb")) {
        stop();
        return;
    }
    err = JetOpenTableW(sesid, dbid, wszBasic, NULL, 0, JET_bitTableReadOnly, &tableid);
    ok(err == JET_errSuccess, "JetOpenTableW: %ld\n", err);

    memset(&oi, 0xcc, sizeof oi);
    err = JetGetTableInfoA(sesid, tableid, &oi, sizeof oi, JET_TblInfo);
    ok(err == JET_errSuccess, "JET_TblInfo: %ld\n", err);
    ok(oi.cbStruct == sizeof oi && oi.objtyp == JET_objtypTable, "JET_OBJECTINFO %lu %lu\n", oi.cbStruct, oi.objtyp);
    ok(oi.grbit == (JET_bitTableInfoBookmark | JET_bitTableInfoRollback), "grbit of a read-only table: %#lx\n", oi.grbit);
    err = JetGetTableInfoA(sesid, tableid, &oi, sizeof oi - 1, JET_TblInfo);
    ok(err == JET_errBufferTooSmall, "short JET_OBJECTINFO: %ld\n", err);
    memset(sz, 0xcc, sizeof sz);
    err = JetGetTableInfoA(sesid, tableid, sz, sizeof sz, JET_TblInfoName);
    ok(err == JET_errSuccess && !strcmp(sz, "basic"), "JET_TblInfoName: %ld %s\n", err, sz);
    err = JetGetTableInfoA(sesid, tableid, sz, 5, JET_TblInfoName);
    ok(err == JET_errBufferTooSmall, "name without room for its terminator: %ld\n", err);
    {
        JET_DBID dbidT = 0;
        err = JetGetTableInfoA(sesid, tableid, &dbidT, sizeof dbidT, JET_TblInfoDbid);
        ok(err == JET_errSuccess && dbidT == dbid, "JET_TblInfoDbid: %ld %lu\n", err, dbidT);
    }

    /* W forms: the names come back wide */
    memset(&cbw, 0xcc, sizeof cbw);
    err = JetGetTableColumnInfoW(sesid, tableid, wszLong, &cbw, sizeof cbw, JET_ColInfoBase);
    ok(err == JET_errSuccess, "JET_ColInfoBase (W): %ld\n", err);
    ok(cbw.cbStruct == sizeof cbw && cbw.coltyp == JET_coltypLong, "JET_COLUMNBASE_W %lu %lu\n", cbw.cbStruct, cbw.coltyp);
    ok(!memcmp(cbw.szBaseColumnName, wszLong, sizeof wszLong), "base column name\n");
    ok(!memcmp(cbw.szBaseTableName, wszBasic, sizeof wszBasic), "base table name\n");
    err = JetGetTableColumnInfoW(sesid, tableid, wszLong, &cbw, sizeof cbw - 1, JET_ColInfoBase);
    ok(err == JET_errBufferTooSmall, "short JET_COLUMNBASE_W: %ld\n", err);     /* JetGetTableColumnInfoExW */
    {
        JET_COLUMNDEF def;
        JET_COLUMNID colid = cbw.columnid;
        err = JetGetTableColumnInfoA(sesid, tableid, (const char *)&colid, &def, sizeof def, JET_ColInfoByColid);
        ok(err == JET_errSuccess && def.columnid == colid && def.coltyp == JET_coltypLong, "JET_ColInfoByColid: %ld\n", err);
        colid = 0x7fff;
        err = JetGetTableColumnInfoA(sesid, tableid, (const char *)&colid, &def, sizeof def, JET_ColInfoByColid);
        ok(err == JET_errColumnNotFound, "unknown columnid: %ld\n", err);
        err = JetGetTableColumnInfoA(sesid, tableid, "NoSuchColumn", &def, sizeof def, JET_ColInfo);
        ok(err == JET_errColumnNotFound, "unknown column: %ld\n", err);
        err = JetGetColumnInfoA(sesid, dbid, "basic", "Long", &def, sizeof def, JET_ColInfo);
        ok(err == JET_errSuccess && def.coltyp == JET_coltypLong, "JetGetColumnInfoA: %ld\n", err);
    }
    /* the primary index is the current one */
    memset(wsz, 0xcc, sizeof wsz);
    err = JetGetCurrentIndexW(sesid, tableid, wsz, sizeof wsz);
    ok(err == JET_errSuccess && wsz[0] != 0 && wsz[0] != 0xcccc, "JetGetCurrentIndexW: %ld\n", err);

    /* every table of the database, with the user table among them */
    memset(&ol, 0, sizeof ol);
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol, JET_ObjInfoList);
    ok(err == JET_errSuccess, "JET_ObjInfoList: %ld\n", err);
    if (err == JET_errSuccess) {
        for (err = JetMove(sesid, ol.tableid, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(sesid, ol.tableid, JET_MoveNext, 0)) {
            err = JetRetrieveColumn(sesid, ol.tableid, ol.columnidobjectname, sz, JET_cbNameMost, &cb, 0, NULL);
            if (err == JET_errSuccess && cb == 5 && !memcmp(sz, "basic", 5))
                fFound = 1;
            err = JetRetrieveColumn(sesid, ol.tableid, ol.columnidcontainername, sz, JET_cbNameMost, &cb, 0, NULL);
            ok(err == JET_errSuccess && cb == 6 && !memcmp(sz, "Tables", 6), "container of %s: %ld\n", sz, err);
            err = JET_errSuccess;
        }
        ok(fFound, "basic is not listed\n");
        JetCloseTable(sesid, ol.tableid);
    }
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, "basic", &oi, sizeof oi, JET_ObjInfo);
    ok(err == JET_errSuccess && oi.objtyp == JET_objtypTable, "JET_ObjInfo: %ld\n", err);
    /* "Tables" is the only container */
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, "Tables", "basic", &oi, sizeof oi, JET_ObjInfo);
    ok(err == JET_errSuccess, "container Tables: %ld\n", err);
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, "Forms", "basic", &oi, sizeof oi, JET_ObjInfo);
    ok(err == JET_errObjectNotFound, "another container: %ld\n", err);
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, "NoSuchTable", &oi, sizeof oi, JET_ObjInfo);
    ok(err == JET_errObjectNotFound, "JET_ObjInfo of no table: %ld\n", err);

    err = JetCloseTable(sesid, tableid);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    JetCloseDatabase(sesid, dbid, 0);
    JetDetachDatabaseA(sesid, dbpath);
    stop();
}

START_TEST(table_seek)
{
    JET_TABLEID tableid;
    JET_COLUMNID colId;
    char name[JET_cbNameMost + 1];
    long key;
    JET_ERR err;

    if (!start("table_seek", "dissect-esedb/index.edb")) {
        stop();
        return;
    }
    err = JetOpenTableA(sesid, dbid, "index", NULL, 0, JET_bitTableReadOnly, &tableid);
    ok(err == JET_errSuccess, "JetOpenTableA: %ld\n", err);
    colId = column_id(tableid, "Id", NULL);

    err = JetSetCurrentIndexA(sesid, tableid, "NoSuchIndex");
    ok(err == JET_errIndexNotFound, "unknown index: %ld\n", err);
    err = JetSetCurrentIndexA(sesid, tableid, "IxLong");
    ok(err == JET_errSuccess, "JetSetCurrentIndexA: %ld\n", err);
    memset(name, 0xcc, sizeof name);
    err = JetGetCurrentIndexA(sesid, tableid, name, sizeof name);
    ok(err == JET_errSuccess && !strcmp(name, "IxLong"), "JetGetCurrentIndexA: %ld, %s\n", err, name);

    err = JetSeek(sesid, tableid, JET_bitSeekEQ);
    ok(err == JET_errKeyNotMade, "seek without a key: %ld\n", err);
    key = -13371337;
    err = JetMakeKey(sesid, tableid, &key, sizeof key, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetSeek(sesid, tableid, JET_bitSeekEQ);
    ok(err == JET_errSuccess, "JetSeek: %ld\n", err);
    ok(retrieve_long(tableid, colId) == 1, "the row of IxLong\n");
    /* the seek used the key up */
    err = JetSeek(sesid, tableid, JET_bitSeekEQ);
    ok(err == JET_errKeyNotMade, "second seek: %ld\n", err);
    key = 5;
    err = JetMakeKey(sesid, tableid, &key, sizeof key, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetSeek(sesid, tableid, JET_bitSeekEQ);
    ok(err == JET_errRecordNotFound, "a missing key: %ld\n", err);
    key = -2000000000;
    err = JetMakeKey(sesid, tableid, &key, sizeof key, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetSeek(sesid, tableid, JET_bitSeekGE);
    ok(err == JET_wrnSeekNotEqual, "GE below the row: %ld\n", err);

    /* the index list */
    {
        JET_INDEXLIST il;
        memset(&il, 0, sizeof il);
        err = JetGetTableIndexInfoA(sesid, tableid, "IxLong", &il, sizeof il, JET_IdxInfoList);
        ok(err == JET_errSuccess, "JET_IdxInfoList: %ld\n", err);
        ok(il.cRecord == 1, "segments of IxLong: %lu\n", il.cRecord);
        if (err == JET_errSuccess) JetCloseTable(sesid, il.tableid);
    }
    /* the index as the JET_INDEXCREATE that would make it */
    {
        union { JET_INDEXCREATE_A ic; char rgb[1024]; } u;
        memset(&u, 0xcc, sizeof u);
        err = JetGetTableIndexInfoA(sesid, tableid, "IxLong", &u, sizeof u, JET_IdxInfoCreateIndex);
        ok(err == JET_errSuccess, "JET_IdxInfoCreateIndex: %ld\n", err);
        if (err == JET_errSuccess) {
            ok(u.ic.cbStruct == sizeof(JET_INDEXCREATE_A), "cbStruct %lu\n", u.ic.cbStruct);
            ok(!strcmp(u.ic.szIndexName, "IxLong"), "name %s\n", u.ic.szIndexName);
            ok(u.ic.cbKey == 7 && !memcmp(u.ic.szKey, "+Long\0\0", 7), "key %.*s (%lu)\n", (int)u.ic.cbKey, u.ic.szKey,
               u.ic.cbKey);
            ok(u.ic.grbit & JET_bitIndexUnicode, "grbit %#lx\n", u.ic.grbit);
        }
        err = JetGetTableIndexInfoA(sesid, tableid, "IxLong", &u, sizeof(JET_INDEXCREATE_A), JET_IdxInfoCreateIndex);
        ok(err == JET_errBufferTooSmall, "no room for the strings: %ld\n", err);
    }
    {
        static const WCHAR wszIx[] = { 'I', 'x', 'L', 'o', 'n', 'g', 0 };
        union { JET_INDEXCREATE3_W ic; char rgb[1024]; } u;
        memset(&u, 0xcc, sizeof u);
        err = JetGetTableIndexInfoW(sesid, tableid, wszIx, &u, sizeof u, JET_IdxInfoCreateIndex3);
        ok(err == JET_errSuccess, "JET_IdxInfoCreateIndex3 (W): %ld\n", err);
        if (err == JET_errSuccess) {
            ok(!memcmp(u.ic.szIndexName, wszIx, sizeof wszIx), "name\n");
            ok(u.ic.pSpacehints != NULL && u.ic.pSpacehints->cbStruct == sizeof(JET_SPACEHINTS), "space hints\n");
            ok(u.ic.pidxunicode != NULL && u.ic.pidxunicode->szLocaleName != NULL, "locale\n");
        }
    }
    /* the column list, sorted by name */
    {
        JET_COLUMNLIST cl;
        memset(&cl, 0, sizeof cl);
        err = JetGetTableColumnInfoA(sesid, tableid, NULL, &cl, sizeof cl, JET_ColInfoList);
        ok(err == JET_errSuccess, "JET_ColInfoList: %ld\n", err);
        ok(cl.cRecord == 19, "columns: %lu\n", cl.cRecord);
        if (err == JET_errSuccess) {
            unsigned long cb = 0;
            err = JetRetrieveColumn(sesid, cl.tableid, cl.columnidcolumnname, name, sizeof name, &cb, 0, NULL);
            ok(err == JET_errSuccess && cb == 5 && !memcmp(name, "ASCII", 5), "first column: %ld, %.*s\n", err, (int)cb, name);
            JetCloseTable(sesid, cl.tableid);
        }
    }

    err = JetCloseTable(sesid, tableid);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    JetCloseDatabase(sesid, dbid, 0);
    JetDetachDatabaseA(sesid, dbpath);
    stop();
}
