/* SPDX-License-Identifier: MIT
 * wine-tests/info_levels.c: the info levels not covered with the samples (table_read.c):
 * JetGetTableInfo (template name, space allocation and ownership, the levels ESE does not
 * answer), JetGetTableColumnInfo / JetGetColumnInfo (every level, by name and by columnid, list
 * orders, short buffers, unknown levels and objects), JetGetTableIndexInfo / JetGetIndexInfo
 * (least sizes, LCID and language id, the short list), JetGetObjectInfo (levels and sizes). Each
 * check states what Windows' esent.dll does: ESE's JetGetTableColumnInfoEx, JetGetTableIndexInfoEx
 * and JetGetObjectInfoEx (the level decides the least buffer size, the system-table levels are
 * JET_errFeatureNotAvailable, an unknown level JET_errInvalidParameter) and ErrIsamGetTableInfo
 * (JET_TblInfoOLC and JET_TblInfoDumpTable fall to its default: JET_errFeatureNotAvailable). */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH];
static char dbpath[MAX_PATH];
static JET_DBID dbid;

enum { C_ID, C_ZETA, C_ALPHA, CCOL };
static JET_COLUMNID colid[CCOL];

/* "Info": Id (Long, primary), Zeta (Long), Alpha (Text, tagged): by name Alpha, Id, Zeta; by
 * columnid Id, Zeta, Alpha. One record. */
static JET_TABLEID create_info(void)
{
    JET_COLUMNCREATE_A rgc[CCOL];
    JET_TABLEID tableid;
    JET_ERR err;
    long v = 1;

    memset(rgc, 0, sizeof rgc);
    rgc[C_ID].szColumnName = (char *)"Id";
    rgc[C_ID].coltyp = JET_coltypLong;
    rgc[C_ZETA].szColumnName = (char *)"Zeta";
    rgc[C_ZETA].coltyp = JET_coltypLong;
    rgc[C_ALPHA].szColumnName = (char *)"Alpha";
    rgc[C_ALPHA].coltyp = JET_coltypText;
    rgc[C_ALPHA].cp = 1252;
    rgc[C_ALPHA].grbit = JET_bitColumnTagged;
    tableid = test_create_table(sesid, dbid, "Info", rgc, CCOL, colid);
    err = JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    JetSetColumn(sesid, tableid, colid[C_ID], &v, sizeof v, 0, NULL);
    JetSetColumn(sesid, tableid, colid[C_ALPHA], "text", 4, 0, NULL);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    return tableid;
}

START_TEST(info_table_levels)
{
    JET_TABLEID tableid;
    JET_ERR err;
    char sz[JET_cbNameMost + 1];
    WCHAR wsz[JET_cbNameMost + 1];
    unsigned long rgul[2], ul;

    test_db_start("info_table", "info.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_info();

    /* Not derived: an empty template name, given room for any name. */
    err = JetGetTableInfoA(sesid, tableid, sz, JET_cbNameMost, JET_TblInfoTemplateTableName);
    ok(err == JET_errBufferTooSmall, "template name without room for any: %ld\n", err);
    memset(sz, 'x', sizeof sz);
    err = JetGetTableInfoA(sesid, tableid, sz, sizeof sz, JET_TblInfoTemplateTableName);
    ok(err == JET_errSuccess && sz[0] == 0, "template name: %ld, \"%s\"\n", err, sz);

    /* The name, wide. */
    memset(wsz, 0, sizeof wsz);
    err = JetGetTableInfoW(sesid, tableid, wsz, sizeof wsz, JET_TblInfoName);
    ok(err == JET_errSuccess && !wcscmp(wsz, L"Info"), "JetGetTableInfoW(name): %ld, %ls\n", err, wsz);

    /* Space: the initial pages and the density (80 by default), and what the table owns. */
    err = JetGetTableInfoA(sesid, tableid, rgul, sizeof rgul[0], JET_TblInfoSpaceAlloc);
    ok(err == JET_errBufferTooSmall, "space alloc in 4 bytes: %ld\n", err);
    memset(rgul, 0xcc, sizeof rgul);
    err = JetGetTableInfoA(sesid, tableid, rgul, sizeof rgul, JET_TblInfoSpaceAlloc);
    ok(err == JET_errSuccess && rgul[1] == 80, "space alloc: %ld, %lu pages, density %lu\n", err, rgul[0], rgul[1]);
    ul = 0;
    err = JetGetTableInfoA(sesid, tableid, &ul, sizeof ul, JET_TblInfoSpaceOwned);
    ok(err == JET_errSuccess && ul >= 1, "pages owned: %ld, %lu\n", err, ul);
    {
        unsigned long ulAvail = 0xdeadbeef;
        err = JetGetTableInfoA(sesid, tableid, &ulAvail, sizeof ulAvail, JET_TblInfoSpaceAvailable);
        ok(err == JET_errSuccess && ulAvail <= ul, "pages available: %ld, %lu of %lu\n", err, ulAvail, ul);
    }

    /* Levels ESE does not answer. */
    err = JetGetTableInfoA(sesid, tableid, rgul, sizeof rgul, JET_TblInfoOLC);
    ok(err == JET_errFeatureNotAvailable, "JET_TblInfoOLC: %ld\n", err);
    err = JetGetTableInfoA(sesid, tableid, rgul, sizeof rgul, JET_TblInfoDumpTable);
    ok(err == JET_errFeatureNotAvailable, "JET_TblInfoDumpTable: %ld\n", err);
    err = JetGetTableInfoA(sesid, tableid, rgul, sizeof rgul, 200);
    ok(err == JET_errFeatureNotAvailable, "level 200: %ld\n", err);

    JetCloseTable(sesid, tableid);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

/* The column names of a JET_COLUMNLIST in its order, comma-separated. */
static void list_names(const JET_COLUMNLIST *pcl, char *sz, size_t cb)
{
    JET_ERR err;
    size_t n = 0;
    sz[0] = 0;
    for (err = JetMove(sesid, pcl->tableid, JET_MoveFirst, 0); err == JET_errSuccess;
         err = JetMove(sesid, pcl->tableid, JET_MoveNext, 0)) {
        char name[JET_cbNameMost + 1];
        unsigned long cbName = 0;
        JetRetrieveColumn(sesid, pcl->tableid, pcl->columnidcolumnname, name, JET_cbNameMost, &cbName, 0, NULL);
        name[cbName] = 0;
        n += (size_t)snprintf(sz + n, cb - n, "%s%s", n ? "," : "", name);
        if (n >= cb)
            break;
    }
}

START_TEST(info_column_levels)
{
    JET_TABLEID tableid;
    JET_COLUMNDEF def;
    JET_COLUMNBASE_A base;
    JET_COLUMNLIST cl;
    JET_ERR err;
    char names[128];

    test_db_start("info_column", "info.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_info();

    /* By name and by columnid. */
    memset(&def, 0xcc, sizeof def);
    err = JetGetTableColumnInfoA(sesid, tableid, "Alpha", &def, sizeof def, JET_ColInfo);
    ok(err == JET_errSuccess, "JET_ColInfo: %ld\n", err);
    ok(def.cbStruct == sizeof def && def.columnid == colid[C_ALPHA] && def.coltyp == JET_coltypText && def.cp == 1252
       && (def.grbit & JET_bitColumnTagged), "Alpha: id %#lx, type %lu, cp %u, grbit %#lx\n", def.columnid,
       def.coltyp, def.cp, def.grbit);
    err = JetGetTableColumnInfoA(sesid, tableid, "Alpha", &def, sizeof def - 1, JET_ColInfo);
    ok(err == JET_errBufferTooSmall, "a short JET_COLUMNDEF: %ld\n", err);
    memset(&def, 0xcc, sizeof def);
    err = JetGetTableColumnInfoA(sesid, tableid, (const char *)&colid[C_ZETA], &def, sizeof def, JET_ColInfoByColid);
    ok(err == JET_errSuccess && def.columnid == colid[C_ZETA] && def.coltyp == JET_coltypLong,
       "JET_ColInfoByColid: %ld\n", err);
    memset(&base, 0, sizeof base);
    err = JetGetTableColumnInfoA(sesid, tableid, (const char *)&colid[C_ALPHA], &base, sizeof base,
                                 JET_ColInfoBaseByColid);
    ok(err == JET_errSuccess && !strcmp(base.szBaseTableName, "Info") && !strcmp(base.szBaseColumnName, "Alpha"),
       "JET_ColInfoBaseByColid: %ld, %s.%s\n", err, base.szBaseTableName, base.szBaseColumnName);
    err = JetGetTableColumnInfoA(sesid, tableid, "Alpha", &base, sizeof base - 1, JET_ColInfoBase);
    ok(err == JET_errBufferTooSmall, "a short JET_COLUMNBASE: %ld\n", err);

    /* Unknown columns, levels ESE refuses. */
    err = JetGetTableColumnInfoA(sesid, tableid, "NoSuchColumn", &def, sizeof def, JET_ColInfo);
    ok(err == JET_errColumnNotFound, "unknown column: %ld\n", err);
    err = JetGetTableColumnInfoA(sesid, tableid, "Alpha", &def, sizeof def, JET_ColInfoSysTabCursor);
    ok(err == JET_errFeatureNotAvailable, "JET_ColInfoSysTabCursor: %ld\n", err);
    err = JetGetTableColumnInfoA(sesid, tableid, "Alpha", &def, sizeof def, 99);
    ok(err == JET_errInvalidParameter, "level 99: %ld\n", err);

    /* Lists: by name, or by columnid. */
    memset(&cl, 0, sizeof cl);
    err = JetGetTableColumnInfoA(sesid, tableid, NULL, &cl, sizeof cl - 1, JET_ColInfoList);
    ok(err == JET_errBufferTooSmall, "a short JET_COLUMNLIST: %ld\n", err);
    err = JetGetTableColumnInfoA(sesid, tableid, NULL, &cl, sizeof cl, JET_ColInfoList);
    ok(err == JET_errSuccess && cl.cRecord == CCOL, "JET_ColInfoList: %ld, %lu columns\n", err, cl.cRecord);
    if (err == JET_errSuccess) {
        list_names(&cl, names, sizeof names);
        ok(!strcmp(names, "Alpha,Id,Zeta"), "by name: %s\n", names);
        JetCloseTable(sesid, cl.tableid);
    }
    err = JetGetTableColumnInfoA(sesid, tableid, NULL, &cl, sizeof cl, JET_ColInfoListSortColumnid);
    ok(err == JET_errSuccess && cl.cRecord == CCOL, "JET_ColInfoListSortColumnid: %ld\n", err);
    if (err == JET_errSuccess) {
        list_names(&cl, names, sizeof names);
        ok(!strcmp(names, "Id,Zeta,Alpha"), "by columnid: %s\n", names);
        JetCloseTable(sesid, cl.tableid);
    }
    err = JetGetTableColumnInfoA(sesid, tableid, NULL, &cl, sizeof cl,
                                 JET_ColInfoList | JET_ColInfoGrbitMinimalInfo | JET_ColInfoGrbitSortByColumnid);
    ok(err == JET_errSuccess && cl.cRecord == CCOL, "minimal, by columnid: %ld\n", err);
    if (err == JET_errSuccess) {
        list_names(&cl, names, sizeof names);
        ok(!strcmp(names, "Id,Zeta,Alpha"), "minimal, by columnid: %s\n", names);
        JetCloseTable(sesid, cl.tableid);
    }

    /* The same through the database and the table's name. */
    memset(&def, 0xcc, sizeof def);
    err = JetGetColumnInfoA(sesid, dbid, "Info", "Zeta", &def, sizeof def, JET_ColInfo);
    ok(err == JET_errSuccess && def.columnid == colid[C_ZETA], "JetGetColumnInfoA: %ld\n", err);
    err = JetGetColumnInfoA(sesid, dbid, "NoSuchTable", "Zeta", &def, sizeof def, JET_ColInfo);
    ok(err == JET_errObjectNotFound, "unknown table: %ld\n", err);
    err = JetGetColumnInfoA(sesid, dbid, "Info", "NoSuchColumn", &def, sizeof def, JET_ColInfo);
    ok(err == JET_errColumnNotFound, "unknown column: %ld\n", err);
    err = JetGetColumnInfoA(sesid, dbid, "Info", NULL, &cl, sizeof cl, JET_ColInfoList);
    ok(err == JET_errSuccess && cl.cRecord == CCOL, "JetGetColumnInfoA(list): %ld\n", err);
    if (err == JET_errSuccess)
        JetCloseTable(sesid, cl.tableid);

    JetCloseTable(sesid, tableid);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

START_TEST(info_object_levels)
{
    JET_TABLEID tableid;
    JET_OBJECTINFO oi;
    JET_OBJECTLIST ol;
    JET_ERR err;

    test_db_start("info_object", "info.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_info();
    JetCloseTable(sesid, tableid);

    memset(&oi, 0xcc, sizeof oi);
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, "Info", &oi, sizeof oi, JET_ObjInfoNoStats);
    ok(err == JET_errSuccess && oi.cbStruct == sizeof oi && oi.objtyp == JET_objtypTable,
       "JET_ObjInfoNoStats: %ld, %lu\n", err, oi.objtyp);
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, "Info", &oi, sizeof oi - 1, JET_ObjInfo);
    ok(err == JET_errBufferTooSmall, "a short JET_OBJECTINFO: %ld\n", err);
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol - 1, JET_ObjInfoListNoStats);
    ok(err == JET_errBufferTooSmall, "a short JET_OBJECTLIST: %ld\n", err);
    memset(&ol, 0, sizeof ol);
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol, JET_ObjInfoListNoStats);
    ok(err == JET_errSuccess && ol.cRecord >= 1, "JET_ObjInfoListNoStats: %ld, %lu objects\n", err, ol.cRecord);
    if (err == JET_errSuccess)
        JetCloseTable(sesid, ol.tableid);

    /* Levels Windows does not answer, and unknown ones. */
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, "Info", &oi, sizeof oi, JET_ObjInfoSysTabCursor);
    ok(err == JET_errFeatureNotAvailable, "JET_ObjInfoSysTabCursor: %ld\n", err);
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, "Info", &oi, sizeof oi, JET_ObjInfoListACM);
    ok(err == JET_errFeatureNotAvailable, "JET_ObjInfoListACM: %ld\n", err);
    err = JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, "Info", &oi, sizeof oi, 42);
    ok(err == JET_errInvalidParameter, "level 42: %ld\n", err);

    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

START_TEST(info_index_levels)
{
    JET_TABLEID tableid;
    JET_INDEXCREATE2_A idx;
    JET_UNICODEINDEX ui = { 0x0407, 0 };
    JET_INDEXLIST il;
    char szKey[16];
    unsigned short us = 0;
    unsigned long ul = 0;
    unsigned char b;
    JET_ERR err;

    test_db_start("info_index", "info.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_info();
    memset(&idx, 0, sizeof idx);
    idx.cbStruct = sizeof idx;
    idx.szIndexName = (char *)"ByAlpha";
    idx.szKey = szKey;
    idx.cbKey = test_make_key(szKey, "+Alpha");
    idx.grbit = JET_bitIndexUnicode;
    idx.pidxunicode = &ui;
    err = JetCreateIndex3A(sesid, tableid, &idx, 1);
    ok(err == JET_errSuccess, "JetCreateIndex3A: %ld\n", err);

    /* JET_IdxInfoLangid and JET_IdxInfoLCID share a level: two bytes give the language id. */
    err = JetGetTableIndexInfoA(sesid, tableid, "ByAlpha", &us, sizeof us, JET_IdxInfoLangid);
    ok(err == JET_errSuccess && us == 0x0407, "language id: %ld, %#x\n", err, us);
    err = JetGetTableIndexInfoA(sesid, tableid, "ByAlpha", &ul, sizeof ul, JET_IdxInfoLCID);
    ok(err == JET_errSuccess && ul == 0x0407, "LCID: %ld, %#lx\n", err, ul);

    /* The least size of each level, levels Windows does not answer, unknown ones. */
    err = JetGetTableIndexInfoA(sesid, tableid, "ByAlpha", &b, sizeof b, JET_IdxInfoKeyMost);
    ok(err == JET_errBufferTooSmall, "key most in a byte: %ld\n", err);
    err = JetGetTableIndexInfoA(sesid, tableid, "ByAlpha", &us, sizeof us, JET_IdxInfoSpaceAlloc);
    ok(err == JET_errBufferTooSmall, "density in two bytes: %ld\n", err);
    err = JetGetTableIndexInfoA(sesid, tableid, "ByAlpha", &ul, sizeof ul, JET_IdxInfoOLC);
    ok(err == JET_errFeatureNotAvailable, "JET_IdxInfoOLC: %ld\n", err);
    err = JetGetTableIndexInfoA(sesid, tableid, "ByAlpha", &ul, sizeof ul, 99);
    ok(err == JET_errInvalidParameter, "level 99: %ld\n", err);
    err = JetGetIndexInfoA(sesid, dbid, "Info", "ByAlpha", &ul, sizeof ul, JET_IdxInfoSysTabCursor);
    ok(err == JET_errFeatureNotAvailable, "JET_IdxInfoSysTabCursor: %ld\n", err);

    /* A JET_INDEXLIST without its last member (columnidLCMapFlags) is still a list. */
    memset(&il, 0xcc, sizeof il);
    err = JetGetTableIndexInfoA(sesid, tableid, "ByAlpha", &il, sizeof il - sizeof(JET_COLUMNID) - 1, JET_IdxInfoList);
    ok(err == JET_errBufferTooSmall, "a list shorter than Windows XP's: %ld\n", err);
    err = JetGetTableIndexInfoA(sesid, tableid, "ByAlpha", &il, sizeof il - sizeof(JET_COLUMNID), JET_IdxInfoList);
    ok(err == JET_errSuccess && il.cRecord == 1, "the list without lcmapflags: %ld, %lu segments\n", err, il.cRecord);
    if (err == JET_errSuccess)
        JetCloseTable(sesid, il.tableid);

    JetCloseTable(sesid, tableid);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}
