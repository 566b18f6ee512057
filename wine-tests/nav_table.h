/* SPDX-License-Identifier: MIT
 * wine-tests/nav_table.h: the navigation tests' fixture (cursor_nav.c, cursor_hints.c): a database
 * with the table "Nav" of NROWS records and four indexes, and small helpers to seek and read it.
 * The table is small enough for one leaf page per index, where ESE's approximate positions are
 * exact fractions. Each including file has its own copy of the state below. */
#ifndef NAV_TABLE_H
#define NAV_TABLE_H

#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH];
static char dbpath[MAX_PATH];
static JET_DBID dbid;
static JET_COLUMNID colId, colGrp, colName, colTags;

#define NROWS 50

static inline void start(const char *name)
{
    test_db_start(name, "nav.edb", &inst, &sesid, dir, dbpath, &dbid);
}

static inline void stop(void)
{
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

/* "Nav": Id (primary), Grp = Id % 5 (index "Grp"), Name = L"nNN" (unique index "Name"), Tags =
 * {Id, 1000 + Id} (multi-valued index "Tags"); rows Id 1..NROWS. Returns it open. */
static inline JET_TABLEID create_nav(void)
{
    JET_COLUMNCREATE_A rgc[4];
    JET_INDEXCREATE_A rgi[4];
    JET_TABLECREATE_A tc;
    char rgszKey[4][32];
    const char *rgszName[4] = { "Id", "Grp", "Name", "Tags" };
    JET_ERR err;
    JET_TABLEID tableid;
    JET_SETINFO append = { sizeof(JET_SETINFO), 0, 0 }; /* itagSequence 0: a new value */
    long id;
    int i;

    memset(rgc, 0, sizeof rgc);
    for (i = 0; i < 4; i++) {
        rgc[i].cbStruct = sizeof rgc[i];
        rgc[i].szColumnName = (char *)rgszName[i];
        rgc[i].coltyp = JET_coltypLong;
    }
    rgc[2].coltyp = JET_coltypText;
    rgc[2].cp = 1200;
    rgc[3].grbit = JET_bitColumnTagged | JET_bitColumnMultiValued;
    memset(rgi, 0, sizeof rgi);
    for (i = 0; i < 4; i++) {
        char spec[16];
        rgi[i].cbStruct = sizeof rgi[i];
        rgi[i].szIndexName = (char *)(i == 0 ? "Primary" : rgszName[i]);
        snprintf(spec, sizeof spec, "+%s", rgszName[i]);
        rgi[i].szKey = rgszKey[i];
        rgi[i].cbKey = test_make_key(rgszKey[i], spec);
    }
    rgi[0].grbit = JET_bitIndexPrimary;
    rgi[2].grbit = JET_bitIndexUnique;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"Nav";
    tc.rgcolumncreate = rgc;
    tc.cColumns = 4;
    tc.rgindexcreate = rgi;
    tc.cIndexes = 4;
    err = JetCreateTableColumnIndexA(sesid, dbid, &tc);
    ok(err == JET_errSuccess, "JetCreateTableColumnIndexA: %ld\n", err);
    tableid = tc.tableid;
    colId = rgc[0].columnid;
    colGrp = rgc[1].columnid;
    colName = rgc[2].columnid;
    colTags = rgc[3].columnid;

    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    for (id = 1; id <= NROWS; id++) {
        long grp = id % 5, tag1 = id, tag2 = 1000 + id;
        WCHAR name[8];
        name[0] = 'n';
        name[1] = (WCHAR)('0' + id / 10);
        name[2] = (WCHAR)('0' + id % 10);
        err = JetPrepareUpdate(sesid, tableid, JET_prepInsert);
        ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
        JetSetColumn(sesid, tableid, colId, &id, sizeof id, 0, NULL);
        JetSetColumn(sesid, tableid, colGrp, &grp, sizeof grp, 0, NULL);
        JetSetColumn(sesid, tableid, colName, name, 3 * sizeof(WCHAR), 0, NULL);
        JetSetColumn(sesid, tableid, colTags, &tag1, sizeof tag1, 0, NULL);
        JetSetColumn(sesid, tableid, colTags, &tag2, sizeof tag2, 0, &append);
        err = JetUpdate(sesid, tableid, NULL, 0, NULL);
        ok(err == JET_errSuccess, "JetUpdate of %ld: %ld\n", id, err);
    }
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    return tableid;
}

static inline long current_id(JET_TABLEID tableid)
{
    long id = -1;
    unsigned long cb = 0;
    JET_ERR err = JetRetrieveColumn(sesid, tableid, colId, &id, sizeof id, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == sizeof id, "JetRetrieveColumn(Id): %ld, cb %lu\n", err, cb);
    return id;
}

static inline JET_ERR seek_long(JET_TABLEID tableid, long v, JET_GRBIT grbit)
{
    JET_ERR err = JetMakeKey(sesid, tableid, &v, sizeof v, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey(%ld): %ld\n", v, err);
    return JetSeek(sesid, tableid, grbit);
}

static inline void make_long_key(JET_TABLEID tableid, long v)
{
    JET_ERR err = JetMakeKey(sesid, tableid, &v, sizeof v, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey(%ld): %ld\n", v, err);
}

static inline unsigned long count_from_here(JET_TABLEID tableid, unsigned long crecMax)
{
    unsigned long c = 0xdeadbeef;
    JET_ERR err = JetIndexRecordCount(sesid, tableid, &c, crecMax);
    ok(err == JET_errSuccess, "JetIndexRecordCount: %ld\n", err);
    return c;
}

#endif /* NAV_TABLE_H */
