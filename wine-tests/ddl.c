/* SPDX-License-Identifier: MIT
 * wine-tests/ddl.c: schema changes through the exports: JetCreateTable{A,W},
 * JetCreateTableColumnIndex{,2,3,4}{A,W}, JetAddColumn, JetDeleteColumn{,2}, JetRenameColumn,
 * JetSetColumnDefaultValue, JetCreateIndex{,2,3,4}, JetDeleteIndex, JetRenameTable,
 * JetDeleteTable. Each check states what Windows' esent.dll does (ESE's fcreate.cxx and cat.cxx:
 * JET_errTableDuplicate, JET_errColumnDuplicate, JET_errIndexDuplicate, JET_errIndexHasPrimary,
 * JET_errObjectNotFound, JET_errColumnNotFound, JET_errIndexNotFound, JET_errTableInUse). */
#include "test_util.h"
#include "esent_private.h"     /* JetCreateTableColumnIndex5: exported by esent.dll, not in the SDK header */

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH];
static char dbpath[MAX_PATH];
static JET_DBID dbid;

static void start(const char *name)
{
    test_db_start(name, "ddl.edb", &inst, &sesid, dir, dbpath, &dbid);
}

static void stop(void)
{
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

static unsigned long make_keyw(WCHAR *wsz, const char *spec)
{
    size_t n = strlen(spec), i;
    for (i = 0; i <= n; i++)
        wsz[i] = spec[i] == '|' ? 0 : (WCHAR)(unsigned char)spec[i];
    wsz[n + 1] = 0;
    return (unsigned long)(n + 2) * sizeof(WCHAR);
}

/* The column's definition, or err. */
static JET_ERR column_def(JET_TABLEID t, const char *name, JET_COLUMNDEF *pdef)
{
    memset(pdef, 0xcc, sizeof *pdef);
    return JetGetTableColumnInfoA(sesid, t, name, pdef, sizeof *pdef, JET_ColInfo);
}

static JET_ERR index_exists(JET_TABLEID t, const char *name)
{
    JET_ERR err = JetSetCurrentIndexA(sesid, t, name);
    if (err == JET_errSuccess) err = JetSetCurrentIndexA(sesid, t, NULL);
    return err;
}

START_TEST(ddl_create_table)
{
    static const WCHAR wszT[] = { 'W', 'i', 'd', 'e', 0 }, wszC[] = { 'W', 'C', 'o', 'l', 0 },
                       wszI[] = { 'W', 'I', 'd', 'x', 0 }, wszLocale[] = { 'e', 'n', '-', 'U', 'S', 0 };
    JET_TABLEID t = 0xcccc, t2;
    JET_COLUMNCREATE_A rgc[3];
    JET_COLUMNCREATE_W cw;
    JET_INDEXCREATE_A ic;
    JET_INDEXCREATE3_W icw;
    JET_UNICODEINDEX2 ui;
    JET_TABLECREATE_A tc;
    JET_TABLECREATE3_A tc3;
    JET_TABLECREATE4_W tc4;
    JET_COLUMNDEF def;
    char szKey[64];
    WCHAR wszKey[64];
    JET_ERR err;

    start("ddl_create_table");
    err = JetCreateTableA(sesid, dbid, "Plain", 0, 100, &t);
    ok(err == JET_errSuccess, "JetCreateTableA: %ld\n", err);
    ok(t != 0xcccc && t != JET_tableidNil, "tableid %#lx\n", (unsigned long)t);
    /* names compare without case */
    err = JetCreateTableA(sesid, dbid, "PLAIN", 0, 100, &t2);
    ok(err == JET_errTableDuplicate, "same name again: %ld\n", err);
    err = JetCreateTableA(sesid, dbid, "", 0, 100, &t2);
    ok(err == JET_errInvalidName, "empty name: %ld\n", err);
    err = JetCreateTableA(sesid, dbid + 10, "Other", 0, 100, &t2);
    ok(err == JET_errInvalidDatabaseId, "unknown dbid: %ld\n", err);
    err = JetCreateTableA(0, dbid, "Other", 0, 100, &t2);
    ok(err == JET_errInvalidSesid, "sesid 0: %ld\n", err);
    err = JetCloseTable(sesid, t);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    err = JetCreateTableW(sesid, dbid, wszT, 0, 100, &t);
    ok(err == JET_errSuccess, "JetCreateTableW: %ld\n", err);
    JetCloseTable(sesid, t);
    err = JetOpenTableA(sesid, dbid, "wide", NULL, 0, 0, &t);
    ok(err == JET_errSuccess, "open the W-made table: %ld\n", err);
    JetCloseTable(sesid, t);

    /* JET_TABLECREATE: columns and a primary index; a duplicate column name fails the create */
    memset(rgc, 0, sizeof rgc);
    rgc[0].cbStruct = sizeof rgc[0];
    rgc[0].szColumnName = (char *)"Key";
    rgc[0].coltyp = JET_coltypLong;
    rgc[1] = rgc[0];
    rgc[1].szColumnName = (char *)"Name";
    rgc[1].coltyp = JET_coltypText;
    rgc[1].cp = 1200;
    rgc[2] = rgc[0];
    rgc[2].szColumnName = (char *)"key";
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (char *)"Primary";
    ic.szKey = szKey;
    ic.cbKey = test_make_key(szKey, "+Key");
    ic.grbit = JET_bitIndexPrimary;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"Dup";
    tc.rgcolumncreate = rgc;
    tc.cColumns = 3;
    tc.rgindexcreate = &ic;
    tc.cIndexes = 1;
    err = JetCreateTableColumnIndexA(sesid, dbid, &tc);
    ok(err == JET_errColumnDuplicate, "duplicate column: %ld\n", err);
    ok(tc.tableid == JET_tableidNil, "no table on failure: %#lx\n", (unsigned long)tc.tableid);
    err = JetOpenTableA(sesid, dbid, "Dup", NULL, 0, 0, &t);
    ok(err == JET_errObjectNotFound, "the failed table is not there: %ld\n", err);
    tc.cColumns = 2;
    tc.cbStruct = sizeof tc - 1;
    err = JetCreateTableColumnIndexA(sesid, dbid, &tc);
    ok(err == JET_errInvalidParameter, "cbStruct one short: %ld\n", err);
    tc.cbStruct = sizeof tc;
    err = JetCreateTableColumnIndexA(sesid, dbid, &tc);
    ok(err == JET_errSuccess, "JetCreateTableColumnIndexA: %ld\n", err);
    ok(tc.cCreated == 4, "cCreated %lu\n", tc.cCreated);
    ok(rgc[0].columnid != rgc[1].columnid, "columnids %#lx %#lx\n", rgc[0].columnid, rgc[1].columnid);
    err = column_def(tc.tableid, "Name", &def);
    ok(err == JET_errSuccess && def.coltyp == JET_coltypText && def.cp == 1200 && def.columnid == rgc[1].columnid,
       "Name: %ld, coltyp %lu, cp %u\n", err, def.coltyp, def.cp);
    /* a second primary index */
    ic.szIndexName = (char *)"Primary2";
    err = JetCreateIndex2A(sesid, tc.tableid, &ic, 1);
    ok(err == JET_errIndexHasPrimary, "second primary index: %ld\n", err);
    JetCloseTable(sesid, tc.tableid);

    /* JET_TABLECREATE3 with a secondary index and space hints */
    memset(&tc3, 0, sizeof tc3);
    tc3.cbStruct = sizeof tc3;
    tc3.szTableName = (char *)"Three";
    tc3.rgcolumncreate = rgc;
    tc3.cColumns = 2;
    tc3.ulPages = 4;
    {
        JET_INDEXCREATE2_A ic2[2];
        JET_SPACEHINTS sh;
        char szKey2[64];
        memset(ic2, 0, sizeof ic2);
        memset(&sh, 0, sizeof sh);
        sh.cbStruct = sizeof sh;
        sh.ulInitialDensity = 80;
        ic2[0].cbStruct = sizeof ic2[0];
        ic2[0].szIndexName = (char *)"Primary";
        ic2[0].szKey = szKey;
        ic2[0].cbKey = test_make_key(szKey, "+Key");
        ic2[0].grbit = JET_bitIndexPrimary;
        ic2[1] = ic2[0];
        ic2[1].szIndexName = (char *)"ByName";
        ic2[1].szKey = szKey2;
        ic2[1].cbKey = test_make_key(szKey2, "-Name");
        ic2[1].grbit = JET_bitIndexIgnoreNull;
        ic2[1].pSpacehints = &sh;
        tc3.rgindexcreate = ic2;
        tc3.cIndexes = 2;
        err = JetCreateTableColumnIndex3A(sesid, dbid, &tc3);
        ok(err == JET_errSuccess, "JetCreateTableColumnIndex3A: %ld\n", err);
        ok(ic2[0].err == JET_errSuccess && ic2[1].err == JET_errSuccess, "index errors %ld %ld\n", ic2[0].err,
           ic2[1].err);
    }
    ok(index_exists(tc3.tableid, "ByName") == JET_errSuccess, "ByName exists\n");
    JetCloseTable(sesid, tc3.tableid);

    /* JET_TABLECREATE4_W: wide names, a Unicode index with a locale name */
    memset(&cw, 0, sizeof cw);
    cw.cbStruct = sizeof cw;
    cw.szColumnName = (WCHAR *)wszC;
    cw.coltyp = JET_coltypLongText;
    cw.cp = 1200;
    memset(&ui, 0, sizeof ui);
    ui.szLocaleName = (WCHAR *)wszLocale;
    ui.dwMapFlags = LCMAP_SORTKEY | NORM_IGNORECASE;
    memset(&icw, 0, sizeof icw);
    icw.cbStruct = sizeof icw;
    icw.szIndexName = (WCHAR *)wszI;
    icw.szKey = wszKey;
    icw.cbKey = make_keyw(wszKey, "+WCol");
    icw.grbit = JET_bitIndexUnicode;
    icw.pidxunicode = &ui;
    icw.cbKeyMost = 255;
    memset(&tc4, 0, sizeof tc4);
    tc4.cbStruct = sizeof tc4;
    tc4.szTableName = (WCHAR *)L"Four";
    tc4.rgcolumncreate = &cw;
    tc4.cColumns = 1;
    tc4.rgindexcreate = &icw;
    tc4.cIndexes = 1;
    err = JetCreateTableColumnIndex4W(sesid, dbid, &tc4);
    ok(err == JET_errSuccess, "JetCreateTableColumnIndex4W: %ld\n", err);
    ok(cw.err == JET_errSuccess && cw.columnid != 0, "column: err %ld, id %#lx\n", cw.err, cw.columnid);
    ok(icw.err == JET_errSuccess, "index: err %ld\n", icw.err);
    ok(index_exists(tc4.tableid, "WIdx") == JET_errSuccess, "WIdx exists\n");
    err = column_def(tc4.tableid, "WCol", &def);
    ok(err == JET_errSuccess && def.coltyp == JET_coltypLongText, "WCol: %ld, coltyp %lu\n", err, def.coltyp);
    JetCloseTable(sesid, tc4.tableid);
    stop();
}

START_TEST(ddl_columns)
{
    static const JET_COLTYP types[] = { JET_coltypBit, JET_coltypUnsignedByte, JET_coltypShort,
        JET_coltypUnsignedShort, JET_coltypLong, JET_coltypUnsignedLong, JET_coltypLongLong,
        JET_coltypUnsignedLongLong, JET_coltypCurrency, JET_coltypIEEESingle, JET_coltypIEEEDouble,
        JET_coltypDateTime, JET_coltypGUID, JET_coltypText, JET_coltypBinary, JET_coltypLongText,
        JET_coltypLongBinary };
    JET_TABLEID t;
    JET_COLUMNDEF cd, def;
    JET_COLUMNID id, idFirst = 0;
    char name[32];
    long l;
    unsigned long cb;
    JET_ERR err;
    unsigned i;

    start("ddl_columns");
    err = JetCreateTableA(sesid, dbid, "T", 0, 100, &t);
    ok(err == JET_errSuccess, "JetCreateTableA: %ld\n", err);
    for (i = 0; i < ARRAYSIZE(types); i++) {
        memset(&cd, 0, sizeof cd);
        cd.cbStruct = sizeof cd;
        cd.coltyp = types[i];
        cd.cp = types[i] == JET_coltypText || types[i] == JET_coltypLongText ? 1252 : 0;
        snprintf(name, sizeof name, "Col%u", i);
        id = 0xcccc;
        err = JetAddColumnA(sesid, t, name, &cd, NULL, 0, &id);
        ok(err == JET_errSuccess, "JetAddColumn(%s, coltyp %lu): %ld\n", name, types[i], err);
        if (!i) idFirst = id;
        err = column_def(t, name, &def);
        ok(err == JET_errSuccess && def.coltyp == types[i] && def.columnid == id, "%s: %ld, coltyp %lu\n", name, err,
           def.coltyp);
    }
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    err = JetAddColumnA(sesid, t, "col0", &cd, NULL, 0, &id);
    ok(err == JET_errColumnDuplicate, "an existing name: %ld\n", err);
    cd.coltyp = 99;
    err = JetAddColumnA(sesid, t, "Bad", &cd, NULL, 0, &id);
    ok(err == JET_errInvalidColumnType, "coltyp 99: %ld\n", err);
    cd.coltyp = JET_coltypLong;
    err = JetAddColumnA(sesid, t, "Bad", NULL, NULL, 0, &id);
    ok(err == JET_errInvalidParameter, "no JET_COLUMNDEF: %ld\n", err);
    err = JetAddColumnA(sesid, t + 1000, "Bad", &cd, NULL, 0, &id);
    ok(err == JET_errInvalidTableId, "unknown tableid: %ld\n", err);

    /* a column with a default: a row that never sets it reads the default */
    l = 42;
    cd.grbit = JET_bitColumnTagged;
    err = JetAddColumnA(sesid, t, "WithDefault", &cd, &l, sizeof l, &id);
    ok(err == JET_errSuccess, "JetAddColumn with a default: %ld\n", err);
    err = JetPrepareUpdate(sesid, t, JET_prepInsert);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    err = JetMove(sesid, t, JET_MoveFirst, 0);
    ok(err == JET_errSuccess, "JetMove: %ld\n", err);
    l = 0;
    err = JetRetrieveColumn(sesid, t, id, &l, sizeof l, &cb, 0, NULL);
    ok(err == JET_errSuccess && l == 42, "the default: %ld, %ld\n", err, l);
    /* a new default, by table and column name */
    l = 43;
    err = JetSetColumnDefaultValueA(sesid, dbid, "T", "WithDefault", &l, sizeof l, 0);
    ok(err == JET_errSuccess, "JetSetColumnDefaultValue: %ld\n", err);
    err = JetSetColumnDefaultValueA(sesid, dbid, "T", "NoSuchColumn", &l, sizeof l, 0);
    ok(err == JET_errColumnNotFound, "default of an unknown column: %ld\n", err);
    err = JetMove(sesid, t, JET_MoveFirst, 0);
    ok(err == JET_errSuccess, "JetMove: %ld\n", err);
    l = 0;
    err = JetRetrieveColumn(sesid, t, id, &l, sizeof l, &cb, 0, NULL);
    ok(err == JET_errSuccess && l == 43, "the new default: %ld, %ld\n", err, l);

    /* rename: the old name is gone, the columnid stays */
    err = JetRenameColumnA(sesid, t, "Col0", "Renamed", 0);
    ok(err == JET_errSuccess, "JetRenameColumn: %ld\n", err);
    err = column_def(t, "Col0", &def);
    ok(err == JET_errColumnNotFound, "the old name: %ld\n", err);
    err = column_def(t, "Renamed", &def);
    ok(err == JET_errSuccess && def.columnid == idFirst, "the new name: %ld, %#lx\n", err, def.columnid);
    err = JetRenameColumnA(sesid, t, "NoSuch", "Other", 0);
    ok(err == JET_errColumnNotFound, "rename an unknown column: %ld\n", err);
    err = JetRenameColumnA(sesid, t, "Renamed", "Col1", 0);
    ok(err == JET_errColumnDuplicate, "rename onto another column: %ld\n", err);

    /* delete */
    err = JetDeleteColumnA(sesid, t, "Col1");
    ok(err == JET_errSuccess, "JetDeleteColumn: %ld\n", err);
    err = column_def(t, "Col1", &def);
    ok(err == JET_errColumnNotFound, "the deleted column: %ld\n", err);
    err = JetDeleteColumnA(sesid, t, "Col1");
    ok(err == JET_errColumnNotFound, "delete twice: %ld\n", err);
    err = JetDeleteColumn2A(sesid, t, "Col2", 0x80000000);
    ok(err == JET_errInvalidGrbit, "unknown grbit: %ld\n", err);
    err = JetDeleteColumnW(sesid, t, L"Col2");
    ok(err == JET_errSuccess, "JetDeleteColumnW: %ld\n", err);
    JetCloseTable(sesid, t);
    stop();
}

START_TEST(ddl_indexes)
{
    JET_TABLEID t;
    JET_COLUMNDEF cd;
    JET_COLUMNID idA, idB;
    JET_INDEXCREATE_A ic[2];
    char szKey[2][64];
    long a, b;
    JET_ERR err;
    int i;

    start("ddl_indexes");
    err = JetCreateTableA(sesid, dbid, "T", 0, 100, &t);
    ok(err == JET_errSuccess, "JetCreateTableA: %ld\n", err);
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    ok(JetAddColumnA(sesid, t, "A", &cd, NULL, 0, &idA) == JET_errSuccess, "column A\n");
    ok(JetAddColumnA(sesid, t, "B", &cd, NULL, 0, &idB) == JET_errSuccess, "column B\n");
    /* rows with B values 1, 1, 2: a unique index on B cannot be built */
    for (i = 0; i < 3; i++) {
        a = i;
        b = i < 2 ? 1 : 2;
        ok(JetPrepareUpdate(sesid, t, JET_prepInsert) == JET_errSuccess, "prepare\n");
        ok(JetSetColumn(sesid, t, idA, &a, 4, 0, NULL) == JET_errSuccess, "A\n");
        ok(JetSetColumn(sesid, t, idB, &b, 4, 0, NULL) == JET_errSuccess, "B\n");
        ok(JetUpdate(sesid, t, NULL, 0, NULL) == JET_errSuccess, "update\n");
    }
    err = JetCreateIndexA(sesid, t, "UniqueB", JET_bitIndexUnique, "+B\0", 4, 100);
    ok(err == JET_errKeyDuplicate, "unique index over duplicates: %ld\n", err);
    ok(index_exists(t, "UniqueB") == JET_errIndexNotFound, "no index left behind\n");
    err = JetCreateIndexA(sesid, t, "ByB", 0, "+B\0", 4, 100);
    ok(err == JET_errSuccess, "JetCreateIndexA: %ld\n", err);
    err = JetCreateIndexA(sesid, t, "byb", 0, "-A\0", 4, 100);
    ok(err == JET_errIndexDuplicate, "an existing name: %ld\n", err);
    err = JetCreateIndexA(sesid, t, "Bad", 0, "+NoSuch\0", 9, 100);
    ok(err == JET_errColumnNotFound, "an unknown key column: %ld\n", err);

    /* the new index holds the existing rows */
    err = JetSetCurrentIndexA(sesid, t, "ByB");
    ok(err == JET_errSuccess, "JetSetCurrentIndex: %ld\n", err);
    b = 2;
    err = JetMakeKey(sesid, t, &b, 4, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetSeek(sesid, t, JET_bitSeekEQ);
    ok(err == JET_errSuccess, "seek B=2: %ld\n", err);
    err = JetRetrieveColumn(sesid, t, idA, &a, 4, NULL, 0, NULL);
    ok(err == JET_errSuccess && a == 2, "A of B=2: %ld, %ld\n", err, a);
    err = JetSetCurrentIndexA(sesid, t, NULL);
    ok(err == JET_errSuccess, "back to the primary index: %ld\n", err);

    /* JetCreateIndex2 with two at once; the primary over existing rows */
    memset(ic, 0, sizeof ic);
    ic[0].cbStruct = sizeof ic[0];
    ic[0].szIndexName = (char *)"ByAB";
    ic[0].szKey = szKey[0];
    ic[0].cbKey = test_make_key(szKey[0], "+A|-B");
    ic[0].grbit = JET_bitIndexUnique;
    ic[1] = ic[0];
    ic[1].szIndexName = (char *)"ByBA";
    ic[1].szKey = szKey[1];
    ic[1].cbKey = test_make_key(szKey[1], "-B|+A");
    ic[1].grbit = JET_bitIndexDisallowNull;
    err = JetCreateIndex2A(sesid, t, ic, 2);
    ok(err == JET_errSuccess, "JetCreateIndex2A: %ld\n", err);
    ok(ic[0].err == JET_errSuccess && ic[1].err == JET_errSuccess, "errors %ld %ld\n", ic[0].err, ic[1].err);
    ok(index_exists(t, "ByAB") == JET_errSuccess && index_exists(t, "ByBA") == JET_errSuccess, "both exist\n");
    ic[0].cbStruct = 5;
    err = JetCreateIndex2A(sesid, t, ic, 1);
    ok(err != JET_errSuccess, "cbStruct 5: %ld\n", err);

    /* delete */
    err = JetDeleteIndexA(sesid, t, "ByBA");
    ok(err == JET_errSuccess, "JetDeleteIndex: %ld\n", err);
    ok(index_exists(t, "ByBA") == JET_errIndexNotFound, "ByBA is gone\n");
    err = JetDeleteIndexA(sesid, t, "ByBA");
    ok(err == JET_errIndexNotFound, "delete twice: %ld\n", err);
    err = JetDeleteIndexW(sesid, t, L"ByAB");
    ok(err == JET_errSuccess, "JetDeleteIndexW: %ld\n", err);
    JetCloseTable(sesid, t);
    stop();
}

START_TEST(ddl_tables)
{
    JET_TABLEID t, t2;
    JET_ERR err;

    start("ddl_tables");
    err = JetCreateTableA(sesid, dbid, "One", 0, 100, &t);
    ok(err == JET_errSuccess, "JetCreateTableA: %ld\n", err);
    JetCloseTable(sesid, t);
    err = JetCreateTableA(sesid, dbid, "Two", 0, 100, &t);
    ok(err == JET_errSuccess, "JetCreateTableA: %ld\n", err);
    JetCloseTable(sesid, t);

    err = JetRenameTableA(sesid, dbid, "One", "Uno");
    ok(err == JET_errSuccess, "JetRenameTable: %ld\n", err);
    err = JetOpenTableA(sesid, dbid, "One", NULL, 0, 0, &t);
    ok(err == JET_errObjectNotFound, "the old name: %ld\n", err);
    err = JetOpenTableA(sesid, dbid, "Uno", NULL, 0, 0, &t);
    ok(err == JET_errSuccess, "the new name: %ld\n", err);
    JetCloseTable(sesid, t);
    err = JetRenameTableA(sesid, dbid, "Uno", "two");
    ok(err == JET_errTableDuplicate, "onto another table: %ld\n", err);
    err = JetRenameTableA(sesid, dbid, "NoSuch", "Three");
    ok(err == JET_errObjectNotFound, "an unknown table: %ld\n", err);
    err = JetRenameTableW(sesid, dbid, L"Uno", L"One");
    ok(err == JET_errSuccess, "JetRenameTableW: %ld\n", err);

    err = JetDeleteTableA(sesid, dbid, "NoSuch");
    ok(err == JET_errObjectNotFound, "delete an unknown table: %ld\n", err);
    err = JetDeleteTableA(sesid, dbid, "MSysObjects");
    ok(err == JET_errCannotDeleteSystemTable, "delete MSysObjects: %ld\n", err);
    /* a table some cursor has open cannot be deleted (ErrFILEDeleteTable opens it with
     * JET_bitTableDelete | JET_bitTableDenyRead: JET_errTableInUse), even by its own session */
    err = JetOpenTableA(sesid, dbid, "Two", NULL, 0, 0, &t2);
    ok(err == JET_errSuccess, "JetOpenTable: %ld\n", err);
    err = JetDeleteTableA(sesid, dbid, "Two");
    ok(err == JET_errTableInUse, "delete an open table: %ld\n", err);
    JetCloseTable(sesid, t2);
    err = JetDeleteTableA(sesid, dbid, "Two");
    ok(err == JET_errSuccess, "JetDeleteTable: %ld\n", err);
    err = JetOpenTableA(sesid, dbid, "Two", NULL, 0, 0, &t);
    ok(err == JET_errObjectNotFound, "the deleted table: %ld\n", err);
    /* a table open in a cursor can be renamed (ErrCATRenameTable renames the open FCB too) and
     * the cursor keeps working; another session's cursor keeps it from being deleted */
    err = JetOpenTableA(sesid, dbid, "One", NULL, 0, 0, &t2);
    ok(err == JET_errSuccess, "JetOpenTable: %ld\n", err);
    err = JetRenameTableA(sesid, dbid, "One", "Eins");
    ok(err == JET_errSuccess, "rename an open table: %ld\n", err);
    err = JetMove(sesid, t2, JET_MoveFirst, 0);
    ok(err == JET_errNoCurrentRecord, "the open cursor on the renamed (empty) table: %ld\n", err);
    {
        JET_SESID sesid2;
        JET_DBID dbid2;
        JET_TABLEID t3;
        err = JetBeginSessionA(inst, &sesid2, NULL, NULL);
        ok(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
        err = JetOpenDatabaseA(sesid2, dbpath, NULL, &dbid2, 0);
        ok(err == JET_errSuccess, "JetOpenDatabase: %ld\n", err);
        err = JetOpenTableA(sesid2, dbid2, "Eins", NULL, 0, 0, &t3);
        ok(err == JET_errSuccess, "open the new name in another session: %ld\n", err);
        JetCloseTable(sesid, t2);
        err = JetDeleteTableA(sesid, dbid, "Eins");
        ok(err == JET_errTableInUse, "delete a table another session has open: %ld\n", err);
        JetCloseTable(sesid2, t3);
        JetCloseDatabase(sesid2, dbid2, 0);
        JetEndSession(sesid2, 0);
    }
    err = JetDeleteTableW(sesid, dbid, L"Eins");
    ok(err == JET_errSuccess, "JetDeleteTableW: %ld\n", err);
    /* a deleted name can be used again */
    err = JetCreateTableA(sesid, dbid, "Two", 0, 100, &t);
    ok(err == JET_errSuccess, "create Two again: %ld\n", err);
    JetCloseTable(sesid, t);

    /* in a transaction rolled back, the table is back */
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetDeleteTableA(sesid, dbid, "Two");
    ok(err == JET_errSuccess, "JetDeleteTable: %ld\n", err);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);
    err = JetOpenTableA(sesid, dbid, "Two", NULL, 0, 0, &t);
    ok(err == JET_errSuccess, "Two after the rollback: %ld\n", err);
    JetCloseTable(sesid, t);
    stop();
}

/* A derived table (JET_TABLECREATE szTemplateTableName) with columns of its own, each kind: ESE
 * gives its fixed and variable columns the fids after the template's and its tagged ones fids
 * from 256 again (ErrTDBCreate), the same fid as the template's first tagged column; records
 * written through the derived table keep the two apart, template columns included. */
START_TEST(ddl_derived_table_own_columns)
{
    JET_COLUMNCREATE_A rgc[3], rgcD[3];
    JET_INDEXCREATE_A ic;
    JET_TABLECREATE_A tc, td;
    JET_COLUMNDEF def;
    JET_COLUMNID colidAdded;
    JET_TABLEID t;
    JET_ERR err;
    long k, kGot, tagT, tagD, tagA;
    short fixD;
    char szV[16], szVD[16], szKey[] = "+K\0";
    unsigned long cb;
    int r;

    start("ddl_derived_table_own_columns");
    memset(rgc, 0, sizeof rgc);
    rgc[0].cbStruct = rgc[1].cbStruct = rgc[2].cbStruct = sizeof rgc[0];
    rgc[0].szColumnName = (char *)"K";
    rgc[0].coltyp = JET_coltypLong;
    rgc[1].szColumnName = (char *)"V";
    rgc[1].coltyp = JET_coltypText;
    rgc[1].cp = 1252;
    rgc[2].szColumnName = (char *)"TagT";
    rgc[2].coltyp = JET_coltypLong;
    rgc[2].grbit = JET_bitColumnTagged;
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (char *)"PK";
    ic.szKey = szKey;
    ic.cbKey = sizeof szKey;
    ic.grbit = JET_bitIndexPrimary;
    ic.ulDensity = 100;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"Tmpl";
    tc.rgcolumncreate = rgc;
    tc.cColumns = 3;
    tc.rgindexcreate = &ic;
    tc.cIndexes = 1;
    tc.ulDensity = 100;
    tc.grbit = JET_bitTableCreateTemplateTable;
    err = JetCreateTableColumnIndexA(sesid, dbid, &tc);
    ok(err == JET_errSuccess, "create the template: %ld\n", err);
    if (err == JET_errSuccess) JetCloseTable(sesid, tc.tableid);

    memset(rgcD, 0, sizeof rgcD);
    rgcD[0].cbStruct = rgcD[1].cbStruct = rgcD[2].cbStruct = sizeof rgcD[0];
    rgcD[0].szColumnName = (char *)"FixD";
    rgcD[0].coltyp = JET_coltypShort;
    rgcD[1].szColumnName = (char *)"VarD";
    rgcD[1].coltyp = JET_coltypText;
    rgcD[1].cp = 1252;
    rgcD[2].szColumnName = (char *)"TagD";
    rgcD[2].coltyp = JET_coltypLong;
    rgcD[2].grbit = JET_bitColumnTagged;
    memset(&td, 0, sizeof td);
    td.cbStruct = sizeof td;
    td.szTableName = (char *)"Derived";
    td.szTemplateTableName = (char *)"Tmpl";
    td.rgcolumncreate = rgcD;
    td.cColumns = 3;
    td.ulDensity = 100;
    err = JetCreateTableColumnIndexA(sesid, dbid, &td);
    ok(err == JET_errSuccess, "create the derived table: %ld\n", err);
    if (err != JET_errSuccess) { stop(); return; }
    ok(rgc[0].columnid == 0x80000001 && rgc[2].columnid == 0x80000100, "template columnids %#lx %#lx\n",
       rgc[0].columnid, rgc[2].columnid);
    ok(rgcD[0].columnid == 2, "own fixed column: %#lx, want 2 (after the template's)\n", rgcD[0].columnid);
    ok(rgcD[1].columnid == 129, "own variable column: %#lx, want 129\n", rgcD[1].columnid);
    ok(rgcD[2].columnid == 256, "own tagged column: %#lx, want 256 (tagged fids start again)\n", rgcD[2].columnid);
    JetCloseTable(sesid, td.tableid);

    err = JetOpenTableA(sesid, dbid, "Derived", NULL, 0, 0, &t);
    ok(err == JET_errSuccess, "open the derived table: %ld\n", err);
    if (err != JET_errSuccess) { stop(); return; }
    /* The template's columns are the derived table's too: found by name (after its own) and by
     * their template columnids (ESE's ErrINFOGetTableColumnInfo). */
    err = column_def(t, "TagT", &def);
    ok(err == JET_errSuccess && def.columnid == 0x80000100, "the template's tagged column: %ld %#lx\n", err,
       def.columnid);
    err = column_def(t, "K", &def);
    ok(err == JET_errSuccess && def.columnid == 0x80000001 && def.coltyp == JET_coltypLong,
       "the template's fixed column: %ld %#lx %lu\n", err, def.columnid, def.coltyp);
    err = column_def(t, "TagD", &def);
    ok(err == JET_errSuccess && def.columnid == 256, "the own tagged column: %ld %#lx\n", err, def.columnid);
    {
        JET_COLUMNID colid = 0x80000100;
        JET_COLUMNBASE_A base;
        memset(&def, 0xcc, sizeof def);
        err = JetGetTableColumnInfoA(sesid, t, (const char *)&colid, &def, sizeof def, JET_ColInfoByColid);
        ok(err == JET_errSuccess && def.columnid == 0x80000100 && (def.grbit & JET_bitColumnTagged),
           "JET_ColInfoByColid, the template's tagged column: %ld %#lx\n", err, def.columnid);
        colid = 256;
        err = JetGetTableColumnInfoA(sesid, t, (const char *)&colid, &def, sizeof def, JET_ColInfoByColid);
        ok(err == JET_errSuccess && def.columnid == 256, "JET_ColInfoByColid, the own tagged column: %ld %#lx\n", err,
           def.columnid);
        memset(&base, 0xcc, sizeof base);
        err = JetGetTableColumnInfoA(sesid, t, "V", &base, sizeof base, JET_ColInfoBase);
        ok(err == JET_errSuccess && base.columnid == 0x80000080 && !strcmp(base.szBaseColumnName, "V"),
           "JET_ColInfoBase, the template's variable column: %ld %#lx\n", err, base.columnid);
        memset(&def, 0xcc, sizeof def);
        err = JetGetColumnInfoA(sesid, dbid, "Derived", "TagT", &def, sizeof def, JET_ColInfo);
        ok(err == JET_errSuccess && def.columnid == 0x80000100, "JetGetColumnInfo, the template's column: %ld %#lx\n",
           err, def.columnid);
    }
    /* The column list: the template's columns first, then the table's own (three each here). */
    {
        JET_COLUMNLIST cl;
        unsigned long cTemplate = 0, cOwn = 0;
        memset(&cl, 0xcc, sizeof cl);
        err = JetGetTableColumnInfoA(sesid, t, NULL, &cl, sizeof cl, JET_ColInfoListSortColumnid);
        ok(err == JET_errSuccess && cl.cRecord == 6, "JET_ColInfoListSortColumnid: %ld, %lu columns\n", err, cl.cRecord);
        if (err == JET_errSuccess) {
            JET_COLUMNID colidPrev = 0;
            int fOrdered = 1;
            for (err = JetMove(sesid, cl.tableid, JET_MoveFirst, 0); err == JET_errSuccess;
                 err = JetMove(sesid, cl.tableid, JET_MoveNext, 0)) {
                JET_COLUMNID colid = 0;
                JetRetrieveColumn(sesid, cl.tableid, cl.columnidcolumnid, &colid, sizeof colid, &cb, 0, NULL);
                if (colid & 0x80000000) {
                    cTemplate++;
                    if (cOwn) fOrdered = 0;
                } else {
                    cOwn++;
                }
                if (cTemplate + cOwn > 1 && !!(colid & 0x80000000) == !!(colidPrev & 0x80000000) && colid < colidPrev)
                    fOrdered = 0;
                colidPrev = colid;
            }
            ok(cTemplate == 3 && cOwn == 3 && fOrdered, "the list: %lu template and %lu own columns, ordered %d\n",
               cTemplate, cOwn, fOrdered);
            JetCloseTable(sesid, cl.tableid);
        }
        memset(&cl, 0xcc, sizeof cl);
        err = JetGetTableColumnInfoA(sesid, t, NULL, &cl, sizeof cl, JET_ColInfoList | JET_ColInfoGrbitNonDerivedColumnsOnly);
        ok(err == JET_errSuccess && cl.cRecord == 3, "JET_ColInfoGrbitNonDerivedColumnsOnly: %ld, %lu columns\n", err,
           cl.cRecord);
        if (err == JET_errSuccess) JetCloseTable(sesid, cl.tableid);
    }
    /* DDL on the template's columns through the derived table: ESE's ErrIsamDeleteColumn refuses
     * it, ErrCATRenameColumn and JetSetColumnDefaultValue look at the table's own columns only,
     * and JetAddColumn finds the name taken. */
    err = JetDeleteColumnA(sesid, t, "TagT");
    ok(err == JET_errFixedInheritedDDL, "JetDeleteColumn on the template's column: %ld\n", err);
    err = JetRenameColumnA(sesid, t, "TagT", "TagX", 0);
    ok(err == JET_errColumnNotFound, "JetRenameColumn on the template's column: %ld\n", err);
    {
        long lDefault = 7;
        err = JetSetColumnDefaultValueA(sesid, dbid, "Derived", "TagT", &lDefault, sizeof lDefault, 0);
        ok(err == JET_errColumnNotFound, "JetSetColumnDefaultValue on the template's column: %ld\n", err);
    }
    memset(&def, 0, sizeof def);
    def.cbStruct = sizeof def;
    def.coltyp = JET_coltypLong;
    def.grbit = JET_bitColumnTagged;
    err = JetAddColumnA(sesid, t, "TagT", &def, NULL, 0, &colidAdded);
    ok(err == JET_errColumnDuplicate, "JetAddColumn with the template's column name: %ld\n", err);
    /* JetAddColumn on the derived table: the next own tagged fid */
    memset(&def, 0, sizeof def);
    def.cbStruct = sizeof def;
    def.coltyp = JET_coltypLong;
    def.grbit = JET_bitColumnTagged;
    err = JetAddColumnA(sesid, t, "TagA", &def, NULL, 0, &colidAdded);
    ok(err == JET_errSuccess && colidAdded == 257, "JetAddColumn: %ld %#lx, want 257\n", err, colidAdded);
    /* an index of the derived table over a template column, by its name */
    err = JetCreateIndexA(sesid, t, "ByTagT", 0, "-TagT\0", 7, 100);
    ok(err == JET_errSuccess, "JetCreateIndex over the template's column: %ld\n", err);

    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    for (k = 1; k <= 3; k++) {
        fixD = (short)(k * 10);
        tagT = 1000 + k;
        tagD = 2000 + k;
        tagA = 3000 + k;
        sprintf(szV, "v%ld", k);
        sprintf(szVD, "vd%ld", k);
        err = JetPrepareUpdate(sesid, t, JET_prepInsert);
        ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
        JetSetColumn(sesid, t, rgc[0].columnid, &k, sizeof k, 0, NULL);
        JetSetColumn(sesid, t, rgc[1].columnid, szV, (unsigned long)strlen(szV), 0, NULL);
        JetSetColumn(sesid, t, rgc[2].columnid, &tagT, sizeof tagT, 0, NULL);
        JetSetColumn(sesid, t, rgcD[0].columnid, &fixD, sizeof fixD, 0, NULL);
        JetSetColumn(sesid, t, rgcD[1].columnid, szVD, (unsigned long)strlen(szVD), 0, NULL);
        JetSetColumn(sesid, t, rgcD[2].columnid, &tagD, sizeof tagD, 0, NULL);
        err = JetSetColumn(sesid, t, colidAdded, &tagA, sizeof tagA, 0, NULL);
        ok(err == JET_errSuccess, "JetSetColumn: %ld\n", err);
        err = JetUpdate(sesid, t, NULL, 0, NULL);
        ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    }
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    JetCloseTable(sesid, t);

    /* read back through a new cursor */
    err = JetOpenTableA(sesid, dbid, "Derived", NULL, 0, 0, &t);
    ok(err == JET_errSuccess, "open the derived table again: %ld\n", err);
    if (err != JET_errSuccess) { stop(); return; }
    r = 0;
    for (err = JetMove(sesid, t, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(sesid, t, JET_MoveNext, 0)) {
        r++;
        kGot = tagT = tagD = tagA = 0;
        fixD = 0;
        memset(szV, 0, sizeof szV);
        memset(szVD, 0, sizeof szVD);
        JetRetrieveColumn(sesid, t, rgc[0].columnid, &kGot, sizeof kGot, &cb, 0, NULL);
        JetRetrieveColumn(sesid, t, rgc[1].columnid, szV, sizeof szV - 1, &cb, 0, NULL);
        JetRetrieveColumn(sesid, t, rgc[2].columnid, &tagT, sizeof tagT, &cb, 0, NULL);
        JetRetrieveColumn(sesid, t, rgcD[0].columnid, &fixD, sizeof fixD, &cb, 0, NULL);
        JetRetrieveColumn(sesid, t, rgcD[1].columnid, szVD, sizeof szVD - 1, &cb, 0, NULL);
        JetRetrieveColumn(sesid, t, rgcD[2].columnid, &tagD, sizeof tagD, &cb, 0, NULL);
        JetRetrieveColumn(sesid, t, colidAdded, &tagA, sizeof tagA, &cb, 0, NULL);
        ok(kGot == r, "row %d: K %ld\n", r, kGot);
        ok(tagT == 1000 + r && tagD == 2000 + r && tagA == 3000 + r, "row %d: the template's tagged %ld, own %ld and %ld\n",
           r, tagT, tagD, tagA);
        ok(fixD == r * 10, "row %d: own fixed %d\n", r, fixD);
        {
            char szWant[16], szWantD[16];
            sprintf(szWant, "v%d", r);
            sprintf(szWantD, "vd%d", r);
            ok(!strcmp(szV, szWant) && !strcmp(szVD, szWantD), "row %d: variable %s, own %s\n", r, szV, szVD);
        }
    }
    ok(err == JET_errNoCurrentRecord, "JetMove: %ld\n", err);
    ok(r == 3, "%d rows\n", r);
    /* the index over the template's column: descending, so row 3 first */
    err = JetSetCurrentIndexA(sesid, t, "ByTagT");
    ok(err == JET_errSuccess, "JetSetCurrentIndex ByTagT: %ld\n", err);
    tagT = 0;
    err = JetMove(sesid, t, JET_MoveFirst, 0);
    if (err == JET_errSuccess) JetRetrieveColumn(sesid, t, rgc[2].columnid, &tagT, sizeof tagT, &cb, 0, NULL);
    ok(err == JET_errSuccess && tagT == 1003, "the first row by ByTagT: %ld %ld\n", err, tagT);
    JetCloseTable(sesid, t);
    stop();
}

/* JetCreateTableColumnIndex5 (JET_TABLECREATE5: JET_TABLECREATE4 and cbLVChunkMax, ESE's
 * jethdr.w): the table row keeps the long-value chunk size (JET_TblInfoLVChunkMax reads it back;
 * 0 gives the page's default); above JET_paramLVChunkSizeMost it is JET_errInvalidLVChunkSize
 * (ESE's ErrCATAddTable); another cbStruct is JET_errInvalidParameter. */
START_TEST(ddl_create_table5)
{
    static const WCHAR wszT[] = { 'W', '5', 0 };
    JET_COLUMNCREATE_A rgc[2];
    JET_TABLECREATE5_A tc;
    JET_TABLECREATE5_W tcw;
    unsigned long cbChunk, cb, i;
    unsigned char rgb[10000], rgbBack[10000];
    JET_ERR err;

    start("ddl_create_table5");
    memset(rgc, 0, sizeof rgc);
    rgc[0].cbStruct = rgc[1].cbStruct = sizeof rgc[0];
    rgc[0].szColumnName = (char *)"K";
    rgc[0].coltyp = JET_coltypLong;
    rgc[1].szColumnName = (char *)"LV";
    rgc[1].coltyp = JET_coltypLongBinary;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"T5";
    tc.ulDensity = 100;
    tc.rgcolumncreate = rgc;
    tc.cColumns = 2;
    tc.cbLVChunkMax = 1000;
    err = JetCreateTableColumnIndex5A(sesid, dbid, &tc);
    ok(err == JET_errSuccess && tc.cCreated == 3, "JetCreateTableColumnIndex5A: %ld, %lu created\n", err, tc.cCreated);
    if (err == JET_errSuccess) {
        cbChunk = 0;
        err = JetGetTableInfoA(sesid, tc.tableid, &cbChunk, sizeof cbChunk, JET_TblInfoLVChunkMax);
        ok(err == JET_errSuccess && cbChunk == 1000, "JET_TblInfoLVChunkMax: %ld %lu\n", err, cbChunk);
        /* a long value in chunks of that size reads back whole */
        for (i = 0; i < sizeof rgb; i++) rgb[i] = (unsigned char)(i * 7 + 1);
        i = 1;
        JetPrepareUpdate(sesid, tc.tableid, JET_prepInsert);
        JetSetColumn(sesid, tc.tableid, rgc[0].columnid, &i, sizeof i, 0, NULL);
        JetSetColumn(sesid, tc.tableid, rgc[1].columnid, rgb, sizeof rgb, 0, NULL);
        err = JetUpdate(sesid, tc.tableid, NULL, 0, NULL);
        ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
        err = JetMove(sesid, tc.tableid, JET_MoveFirst, 0);
        ok(err == JET_errSuccess, "JetMove: %ld\n", err);
        memset(rgbBack, 0, sizeof rgbBack);
        err = JetRetrieveColumn(sesid, tc.tableid, rgc[1].columnid, rgbBack, sizeof rgbBack, &cb, 0, NULL);
        ok(err == JET_errSuccess && cb == sizeof rgb && !memcmp(rgb, rgbBack, sizeof rgb), "the long value: %ld %lu\n",
           err, cb);
        JetCloseTable(sesid, tc.tableid);
    }
    /* too big a chunk, a wrong cbStruct */
    tc.szTableName = (char *)"T5big";
    tc.cbLVChunkMax = 1000000;
    err = JetCreateTableColumnIndex5A(sesid, dbid, &tc);
    ok(err == JET_errInvalidLVChunkSize, "cbLVChunkMax 1000000: %ld\n", err);
    tc.cbLVChunkMax = 0;
    tc.cbStruct = sizeof tc + 8;    /* (JET_TABLECREATE4's size is the same on 64-bit Windows) */
    err = JetCreateTableColumnIndex5A(sesid, dbid, &tc);
    ok(err == JET_errInvalidParameter, "a bad cbStruct: %ld\n", err);
    /* the W form, without a chunk size: the page's default */
    memset(&tcw, 0, sizeof tcw);
    tcw.cbStruct = sizeof tcw;
    tcw.szTableName = (WCHAR *)wszT;
    tcw.ulDensity = 100;
    err = JetCreateTableColumnIndex5W(sesid, dbid, &tcw);
    ok(err == JET_errSuccess, "JetCreateTableColumnIndex5W: %ld\n", err);
    if (err == JET_errSuccess) {
        cbChunk = 0;
        err = JetGetTableInfoA(sesid, tcw.tableid, &cbChunk, sizeof cbChunk, JET_TblInfoLVChunkMax);
        ok(err == JET_errSuccess && cbChunk > 1000 && cbChunk <= 8192, "JET_TblInfoLVChunkMax by default: %ld %lu\n",
           err, cbChunk);
        JetCloseTable(sesid, tcw.tableid);
    }
    stop();
}

/* A table deleted inside a transaction (ESE's version cleanup of operDeleteTable): a rollback
 * keeps it whole; once the deletion commits and no transaction can see the table any more, its
 * pages go back to the database's free space (JET_DbInfoSpaceAvailable grows; cleanup runs in
 * the background, JetIdle asks for it) and a new table reuses them without growing the file. */
START_TEST(ddl_delete_table_in_transaction)
{
    JET_COLUMNCREATE_A rgc[2];
    JET_COLUMNID rgcolid[2];
    JET_TABLEID t;
    unsigned long cpgAvail0 = 0, cpgAvail = 0, cpgOwned0 = 0, cpgOwned = 0, c;
    char sz[200];
    long k;
    int i;
    JET_ERR err;

    start("ddl_delete_table_in_transaction");
    memset(rgc, 0, sizeof rgc);
    rgc[0].szColumnName = (char *)"K";
    rgc[0].coltyp = JET_coltypLong;
    rgc[1].szColumnName = (char *)"V";
    rgc[1].coltyp = JET_coltypBinary;
    t = test_create_table(sesid, dbid, "Big", rgc, 2, rgcolid);
    memset(sz, 'x', sizeof sz);
    JetBeginTransaction(sesid);
    for (k = 1; k <= 2000; k++) {
        JetPrepareUpdate(sesid, t, JET_prepInsert);
        JetSetColumn(sesid, t, rgcolid[0], &k, sizeof k, 0, NULL);
        JetSetColumn(sesid, t, rgcolid[1], sz, 200, 0, NULL);
        err = JetUpdate(sesid, t, NULL, 0, NULL);
        if (err != JET_errSuccess) break;
        if (k % 500 == 0) {
            JetCommitTransaction(sesid, JET_bitCommitLazyFlush);
            JetBeginTransaction(sesid);
        }
    }
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    JetCommitTransaction(sesid, 0);
    JetCloseTable(sesid, t);
    JetIdle(sesid, 0);
    JetGetDatabaseInfoA(sesid, dbid, &cpgAvail0, sizeof cpgAvail0, JET_DbInfoSpaceAvailable);
    JetGetDatabaseInfoA(sesid, dbid, &cpgOwned0, sizeof cpgOwned0, JET_DbInfoSpaceOwned);

    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetDeleteTableA(sesid, dbid, "Big");
    ok(err == JET_errSuccess, "JetDeleteTable: %ld\n", err);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);
    err = JetOpenTableA(sesid, dbid, "Big", NULL, 0, 0, &t);
    ok(err == JET_errSuccess, "the table after the rollback: %ld\n", err);
    if (err == JET_errSuccess) {
        c = 0;
        for (err = JetMove(sesid, t, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(sesid, t, JET_MoveNext, 0)) c++;
        ok(c == 2000, "%lu records after the rollback\n", c);
        JetCloseTable(sesid, t);
    }

    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetDeleteTableA(sesid, dbid, "Big");
    ok(err == JET_errSuccess, "JetDeleteTable: %ld\n", err);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    for (i = 0; i < 50; i++) {
        JetIdle(sesid, 0);
        JetGetDatabaseInfoA(sesid, dbid, &cpgAvail, sizeof cpgAvail, JET_DbInfoSpaceAvailable);
        if (cpgAvail > cpgAvail0 + 40) break;
        Sleep(100);
    }
    ok(cpgAvail > cpgAvail0 + 40, "free pages %lu, before the delete %lu\n", cpgAvail, cpgAvail0);
    /* the space is reused: the same table again, the file as big as before */
    t = test_create_table(sesid, dbid, "Again", rgc, 2, rgcolid);
    JetBeginTransaction(sesid);
    for (k = 1; k <= 2000; k++) {
        JetPrepareUpdate(sesid, t, JET_prepInsert);
        JetSetColumn(sesid, t, rgcolid[0], &k, sizeof k, 0, NULL);
        JetSetColumn(sesid, t, rgcolid[1], sz, 200, 0, NULL);
        JetUpdate(sesid, t, NULL, 0, NULL);
        if (k % 500 == 0) {
            JetCommitTransaction(sesid, JET_bitCommitLazyFlush);
            JetBeginTransaction(sesid);
        }
    }
    JetCommitTransaction(sesid, 0);
    JetCloseTable(sesid, t);
    JetGetDatabaseInfoA(sesid, dbid, &cpgOwned, sizeof cpgOwned, JET_DbInfoSpaceOwned);
    ok(cpgOwned == cpgOwned0, "owned pages %lu, before %lu\n", cpgOwned, cpgOwned0);
    stop();
}
