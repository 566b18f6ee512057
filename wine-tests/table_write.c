/* SPDX-License-Identifier: MIT
 * wine-tests/table_write.c: writing records through the exports: JetPrepareUpdate (insert,
 * replace, insert-copy, cancel), JetSetColumn / JetSetColumns with the grbits of note
 * (zero-length, append/overwrite/size of long values, unique multi-values, revert to default),
 * JetUpdate / JetUpdate2 (the bookmark out, short buffers), JetDelete, JetEscrowUpdate,
 * autoincrement, over a table with a column of every type. Each check states what Windows'
 * esent.dll does (ESE's ErrIsamPrepareUpdate, ErrRECSetColumn, ErrIsamUpdate, ErrRECIInsert,
 * ErrRECIEscrowUpdate): JET_errKeyDuplicate, JET_errNullInvalid, JET_errInvalidBufferSize,
 * JET_errColumnNotFound, JET_errUpdateNotPrepared, JET_errAlreadyPrepared, invalid handles,
 * unknown grbits. */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH];
static char dbpath[MAX_PATH];
static JET_DBID dbid;

enum {
    C_ID, C_BIT, C_UBYTE, C_SHORT, C_USHORT, C_LONG, C_ULONG, C_LONGLONG, C_CURRENCY, C_SINGLE, C_DOUBLE,
    C_DATETIME, C_GUID, C_ULONGLONG, C_TEXT, C_UTEXT, C_BINARY, C_LTEXT, C_LBIN, C_MVLONG, C_MVTEXT, C_ESCROW,
    C_DEFAULT, C_NOTNULL, CCOL
};
static const struct {
    const char *sz;
    JET_COLTYP coltyp;
    JET_GRBIT grbit;
    unsigned long cp, cbMax;
} cols[CCOL] = {
    { "Id", JET_coltypLong, JET_bitColumnAutoincrement, 0, 0 },
    { "Bit", JET_coltypBit, 0, 0, 0 },
    { "UnsignedByte", JET_coltypUnsignedByte, 0, 0, 0 },
    { "Short", JET_coltypShort, 0, 0, 0 },
    { "UnsignedShort", JET_coltypUnsignedShort, 0, 0, 0 },
    { "Long", JET_coltypLong, 0, 0, 0 },
    { "UnsignedLong", JET_coltypUnsignedLong, 0, 0, 0 },
    { "LongLong", JET_coltypLongLong, 0, 0, 0 },
    { "Currency", JET_coltypCurrency, 0, 0, 0 },
    { "IEEESingle", JET_coltypIEEESingle, 0, 0, 0 },
    { "IEEEDouble", JET_coltypIEEEDouble, 0, 0, 0 },
    { "DateTime", JET_coltypDateTime, 0, 0, 0 },
    { "GUID", JET_coltypGUID, 0, 0, 0 },
    { "UnsignedLongLong", JET_coltypUnsignedLongLong, 0, 0, 0 },
    { "Text", JET_coltypText, 0, 1252, 64 },
    { "UnicodeText", JET_coltypText, 0, 1200, 0 },
    { "Binary", JET_coltypBinary, 0, 0, 0 },
    { "LongText", JET_coltypLongText, JET_bitColumnTagged, 1200, 0 },
    { "LongBinary", JET_coltypLongBinary, JET_bitColumnTagged, 0, 0 },
    { "MultiLong", JET_coltypLong, JET_bitColumnTagged | JET_bitColumnMultiValued, 0, 0 },
    { "MultiText", JET_coltypText, JET_bitColumnTagged | JET_bitColumnMultiValued, 1252, 0 },
    { "Escrow", JET_coltypLong, JET_bitColumnEscrowUpdate | JET_bitColumnFixed, 0, 0 },
    { "Default", JET_coltypLong, JET_bitColumnTagged, 0, 0 },
    { "NotNull", JET_coltypShort, JET_bitColumnNotNULL, 0, 0 },
};
static JET_COLUMNID colid[CCOL];
static const long lZero = 0, lDefault = 77;

static void start(const char *name)
{
    test_db_start(name, "test.edb", &inst, &sesid, dir, dbpath, &dbid);
}

static void stop(void)
{
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

/* Table "Every": every column type, a primary index on Id, a unique index on Text (ignoring
 * NULLs), a multi-valued index on MultiLong. Returns it open. */
static JET_TABLEID create_every(void)
{
    JET_COLUMNCREATE_A rgc[CCOL];
    JET_INDEXCREATE_A rgi[3];
    JET_TABLECREATE2_A tc;
    char rgszKey[3][64];
    JET_ERR err;
    int i;

    memset(rgc, 0, sizeof rgc);
    for (i = 0; i < CCOL; i++) {
        rgc[i].cbStruct = sizeof rgc[i];
        rgc[i].szColumnName = (char *)cols[i].sz;
        rgc[i].coltyp = cols[i].coltyp;
        rgc[i].grbit = cols[i].grbit;
        rgc[i].cp = cols[i].cp;
        rgc[i].cbMax = cols[i].cbMax;
        rgc[i].columnid = 0xcccc;
        rgc[i].err = 0xcccc;
    }
    rgc[C_ESCROW].pvDefault = (void *)&lZero;
    rgc[C_ESCROW].cbDefault = sizeof lZero;
    rgc[C_DEFAULT].pvDefault = (void *)&lDefault;
    rgc[C_DEFAULT].cbDefault = sizeof lDefault;
    memset(rgi, 0, sizeof rgi);
    rgi[0].cbStruct = sizeof rgi[0];
    rgi[0].szIndexName = (char *)"Primary";
    rgi[0].szKey = rgszKey[0];
    rgi[0].cbKey = test_make_key(rgszKey[0], "+Id");
    rgi[0].grbit = JET_bitIndexPrimary;
    rgi[1] = rgi[0];
    rgi[1].szIndexName = (char *)"TextUnique";
    rgi[1].szKey = rgszKey[1];
    rgi[1].cbKey = test_make_key(rgszKey[1], "+Text");
    rgi[1].grbit = JET_bitIndexUnique | JET_bitIndexIgnoreNull;
    rgi[2] = rgi[0];
    rgi[2].szIndexName = (char *)"MultiLong";
    rgi[2].szKey = rgszKey[2];
    rgi[2].cbKey = test_make_key(rgszKey[2], "+MultiLong");
    rgi[2].grbit = JET_bitIndexIgnoreAnyNull;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"Every";
    tc.rgcolumncreate = rgc;
    tc.cColumns = CCOL;
    tc.rgindexcreate = rgi;
    tc.cIndexes = 3;
    tc.tableid = 0xcccc;
    err = JetCreateTableColumnIndex2A(sesid, dbid, &tc);
    ok(err == JET_errSuccess, "JetCreateTableColumnIndex2A: %ld\n", err);
    /* every column and index made, each with its own columnid and no error */
    ok(tc.cCreated == 1 + CCOL + 3, "cCreated %lu\n", tc.cCreated);
    for (i = 0; i < CCOL; i++) {
        ok(rgc[i].err == JET_errSuccess, "column %s: err %ld\n", cols[i].sz, rgc[i].err);
        colid[i] = rgc[i].columnid;
    }
    for (i = 0; i < 3; i++)
        ok(rgi[i].err == JET_errSuccess, "index %d: err %ld\n", i, rgi[i].err);
    ok(tc.tableid != 0xcccc && tc.tableid != JET_tableidNil, "tableid %#lx\n", (unsigned long)tc.tableid);
    return tc.tableid;
}

static JET_ERR set(JET_TABLEID t, int col, const void *pv, unsigned long cb, JET_GRBIT grbit)
{
    return JetSetColumn(sesid, t, colid[col], pv, cb, grbit, NULL);
}

#define check_long(t, col, grbit, exp) check_long_(__LINE__, t, col, grbit, exp)
static void check_long_(int line, JET_TABLEID t, int col, JET_GRBIT grbit, long exp)
{
    long v = 0xcccc;
    unsigned long cb = 0xcccc;
    JET_ERR err = JetRetrieveColumn(sesid, t, colid[col], &v, sizeof v, &cb, grbit, NULL);
    ok_(__FILE__, line)(err == JET_errSuccess && cb == 4 && v == exp, "column %s: %ld, %lu bytes, %ld (expected %ld)\n",
                        cols[col].sz, err, cb, v, exp);
}

/* Insert one row with Text szText (NULL: none), NotNull 1, Long l; returns JetUpdate's error. */
static JET_ERR insert_row(JET_TABLEID t, const char *szText, long l)
{
    const short s = 1;
    JET_ERR err = JetPrepareUpdate(sesid, t, JET_prepInsert);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    if (szText) {
        err = set(t, C_TEXT, szText, (unsigned long)strlen(szText), 0);
        ok(err == JET_errSuccess, "set Text: %ld\n", err);
    }
    err = set(t, C_NOTNULL, &s, sizeof s, 0);
    ok(err == JET_errSuccess, "set NotNull: %ld\n", err);
    err = set(t, C_LONG, &l, sizeof l, 0);
    ok(err == JET_errSuccess, "set Long: %ld\n", err);
    return JetUpdate(sesid, t, NULL, 0, NULL);
}

/* Seek the primary index to Id id. */
static JET_ERR seek_id(JET_TABLEID t, long id)
{
    JET_ERR err = JetSetCurrentIndexA(sesid, t, NULL);
    ok(err == JET_errSuccess, "JetSetCurrentIndex(primary): %ld\n", err);
    err = JetMakeKey(sesid, t, &id, sizeof id, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    return JetSeek(sesid, t, JET_bitSeekEQ);
}

START_TEST(table_write_insert)
{
    unsigned char bm[JET_cbBookmarkMost], buf[64];
    unsigned long cbBm = 0xcccc, cb;
    const unsigned char bit = 1, ub = 200;
    const short sh = -1234;
    const unsigned short us = 54321;
    const long l = -100000;
    const unsigned long ul = 3000000000u;
    const __int64 ll = -5000000000ll, cur = 123456789;
    const unsigned __int64 ull = 0xfedcba9876543210ull;
    const float fl = 1.5f;
    const double dbl = -2.25, dt = 45000.5;
    const unsigned char guid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    const WCHAR wsz[] = { 'w', 'i', 'd', 'e' };
    const unsigned char bin[3] = { 0, 0xff, 0x80 };
    JET_TABLEID t;
    JET_ERR err;
    float flOut;
    double dblOut;
    __int64 llOut;
    unsigned __int64 ullOut;

    start("table_write_insert");
    t = create_every();

    err = JetPrepareUpdate(sesid, t, JET_prepInsert);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    ok(set(t, C_BIT, &bit, 1, 0) == JET_errSuccess, "Bit\n");
    ok(set(t, C_UBYTE, &ub, 1, 0) == JET_errSuccess, "UnsignedByte\n");
    ok(set(t, C_SHORT, &sh, 2, 0) == JET_errSuccess, "Short\n");
    ok(set(t, C_USHORT, &us, 2, 0) == JET_errSuccess, "UnsignedShort\n");
    ok(set(t, C_LONG, &l, 4, 0) == JET_errSuccess, "Long\n");
    ok(set(t, C_ULONG, &ul, 4, 0) == JET_errSuccess, "UnsignedLong\n");
    ok(set(t, C_LONGLONG, &ll, 8, 0) == JET_errSuccess, "LongLong\n");
    ok(set(t, C_CURRENCY, &cur, 8, 0) == JET_errSuccess, "Currency\n");
    ok(set(t, C_SINGLE, &fl, 4, 0) == JET_errSuccess, "IEEESingle\n");
    ok(set(t, C_DOUBLE, &dbl, 8, 0) == JET_errSuccess, "IEEEDouble\n");
    ok(set(t, C_DATETIME, &dt, 8, 0) == JET_errSuccess, "DateTime\n");
    ok(set(t, C_GUID, guid, 16, 0) == JET_errSuccess, "GUID\n");
    ok(set(t, C_ULONGLONG, &ull, 8, 0) == JET_errSuccess, "UnsignedLongLong\n");
    ok(set(t, C_TEXT, "hello", 5, 0) == JET_errSuccess, "Text\n");
    ok(set(t, C_UTEXT, wsz, sizeof wsz, 0) == JET_errSuccess, "UnicodeText\n");
    ok(set(t, C_BINARY, bin, sizeof bin, 0) == JET_errSuccess, "Binary\n");
    ok(set(t, C_LTEXT, wsz, sizeof wsz, 0) == JET_errSuccess, "LongText\n");
    ok(set(t, C_LBIN, bin, sizeof bin, 0) == JET_errSuccess, "LongBinary\n");
    ok(set(t, C_NOTNULL, &sh, 2, 0) == JET_errSuccess, "NotNull\n");
    /* the copy buffer is read back with JET_bitRetrieveCopy before the update */
    check_long(t, C_LONG, JET_bitRetrieveCopy, l);
    /* the autoincrement column has its value in the copy buffer already */
    check_long(t, C_ID, JET_bitRetrieveCopy, 1);
    /* a bookmark buffer too small for the new record's key: nothing is inserted
     * (ErrRECIInsert's JET_errBufferTooSmall) and the update stays prepared */
    err = JetUpdate(sesid, t, bm, 1, &cbBm);
    ok(err == JET_errBufferTooSmall, "short bookmark buffer: %ld\n", err);
    /* ErrIsamUpdate ignores the bits it does not know */
    err = JetUpdate2(sesid, t, bm, sizeof bm, &cbBm, 0x10000000);
    ok(err == JET_errSuccess, "JetUpdate2: %ld\n", err);
    ok(cbBm > 0 && cbBm <= sizeof bm, "bookmark of %lu bytes\n", cbBm);
    /* the update is done: the copy buffer is gone */
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errUpdateNotPrepared, "second JetUpdate: %ld\n", err);

    /* the cursor does not move to the new record: its bookmark leads there */
    err = JetGotoBookmark(sesid, t, bm, cbBm);
    ok(err == JET_errSuccess, "JetGotoBookmark: %ld\n", err);
    check_long(t, C_ID, 0, 1);
    check_long(t, C_LONG, 0, l);
    check_long(t, C_DEFAULT, 0, lDefault);
    check_long(t, C_ESCROW, 0, 0);
    cb = 0;
    err = JetRetrieveColumn(sesid, t, colid[C_SINGLE], &flOut, sizeof flOut, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 4 && flOut == fl, "IEEESingle: %ld, %lu\n", err, cb);
    err = JetRetrieveColumn(sesid, t, colid[C_DOUBLE], &dblOut, sizeof dblOut, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 8 && dblOut == dbl, "IEEEDouble: %ld, %lu\n", err, cb);
    err = JetRetrieveColumn(sesid, t, colid[C_LONGLONG], &llOut, sizeof llOut, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 8 && llOut == ll, "LongLong: %ld, %lu\n", err, cb);
    err = JetRetrieveColumn(sesid, t, colid[C_ULONGLONG], &ullOut, sizeof ullOut, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 8 && ullOut == ull, "UnsignedLongLong: %ld, %lu\n", err, cb);
    memset(buf, 0xcc, sizeof buf);
    err = JetRetrieveColumn(sesid, t, colid[C_GUID], buf, sizeof buf, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 16 && !memcmp(buf, guid, 16), "GUID: %ld, %lu\n", err, cb);
    err = JetRetrieveColumn(sesid, t, colid[C_TEXT], buf, sizeof buf, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 5 && !memcmp(buf, "hello", 5), "Text: %ld, %lu\n", err, cb);
    err = JetRetrieveColumn(sesid, t, colid[C_UTEXT], buf, sizeof buf, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == sizeof wsz && !memcmp(buf, wsz, sizeof wsz), "UnicodeText: %ld, %lu\n", err, cb);
    err = JetRetrieveColumn(sesid, t, colid[C_LBIN], buf, sizeof buf, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == sizeof bin && !memcmp(buf, bin, sizeof bin), "LongBinary: %ld, %lu\n", err, cb);
    /* never set: NULL */
    err = JetRetrieveColumn(sesid, t, colid[C_MVTEXT], buf, sizeof buf, &cb, 0, NULL);
    ok(err == JET_wrnColumnNull && cb == 0, "MultiText: %ld, %lu\n", err, cb);

    /* autoincrement counts on: 2, 3 */
    ok(insert_row(t, "b", 2) == JET_errSuccess, "row 2\n");
    ok(insert_row(t, "c", 3) == JET_errSuccess, "row 3\n");
    ok(seek_id(t, 3) == JET_errSuccess, "Id 3 is there\n");
    check_long(t, C_LONG, 0, 3);

    /* replace: the bookmark out is the replaced record's, cut to the buffer, with its whole size
     * (ErrIsamUpdate copies before replacing) */
    err = JetPrepareUpdate(sesid, t, JET_prepReplace);
    ok(err == JET_errSuccess, "JetPrepareUpdate(replace): %ld\n", err);
    /* the copy buffer starts as the record */
    check_long(t, C_LONG, JET_bitRetrieveCopy, 3);
    ok(set(t, C_LONG, &l, 4, 0) == JET_errSuccess, "set Long\n");
    /* the autoincrement column cannot be set (JET_errInvalidColumnType) */
    err = set(t, C_ID, &l, 4, 0);
    ok(err == JET_errInvalidColumnType, "set the autoincrement column: %ld\n", err);
    cbBm = 0xcccc;
    memset(bm, 0xcc, sizeof bm);
    err = JetUpdate(sesid, t, bm, 1, &cbBm);
    ok(err == JET_errSuccess, "replace with a 1-byte bookmark buffer: %ld\n", err);
    ok(cbBm > 1 && cbBm != 0xcccc, "whole bookmark size %lu\n", cbBm);
    ok(bm[1] == 0xcc, "only one byte written\n");
    check_long(t, C_LONG, 0, l);
    check_long(t, C_ID, 0, 3);

    /* insert-copy: a new record from the current one, with a new autoincrement value */
    err = JetPrepareUpdate(sesid, t, JET_prepInsertCopy);
    ok(err == JET_errSuccess, "JetPrepareUpdate(insert copy): %ld\n", err);
    check_long(t, C_ID, JET_bitRetrieveCopy, 4);
    check_long(t, C_LONG, JET_bitRetrieveCopy, l);
    ok(set(t, C_TEXT, "d", 1, 0) == JET_errSuccess, "set Text\n");
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "insert copy: %ld\n", err);
    ok(seek_id(t, 4) == JET_errSuccess, "Id 4 is there\n");
    check_long(t, C_LONG, 0, l);

    /* insert-copy-delete-original: the copy gets a new autoincrement value, the original goes */
    err = JetPrepareUpdate(sesid, t, JET_prepInsertCopyDeleteOriginal);
    ok(err == JET_errSuccess, "JetPrepareUpdate(ICDO): %ld\n", err);
    check_long(t, C_ID, JET_bitRetrieveCopy, 5);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "ICDO: %ld\n", err);
    ok(seek_id(t, 4) == JET_errRecordNotFound, "Id 4 is gone\n");
    ok(seek_id(t, 5) == JET_errSuccess, "Id 5 is there\n");
    check_long(t, C_LONG, 0, l);
    /* insert-copy-replace-original: the same, keeping the autoincrement value (ESE's ICRO) */
    err = JetPrepareUpdate(sesid, t, JET_prepInsertCopyReplaceOriginal);
    ok(err == JET_errSuccess, "JetPrepareUpdate(ICRO): %ld\n", err);
    check_long(t, C_ID, JET_bitRetrieveCopy, 5);
    ok(set(t, C_LONG, &sh, 2, 0) == JET_errInvalidBufferSize, "2-byte value in the copy\n");
    ok(set(t, C_LONG, &ul, 4, 0) == JET_errSuccess, "set Long\n");
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "ICRO: %ld\n", err);
    ok(seek_id(t, 5) == JET_errSuccess, "Id 5 is still there\n");
    check_long(t, C_LONG, 0, (long)ul);
    {
        int n = 0;
        for (err = JetMove(sesid, t, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(sesid, t, JET_MoveNext, 0))
            n++;
        ok(n == 4, "%d records\n", n);
    }

    err = JetCloseTable(sesid, t);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    stop();
}

START_TEST(table_write_errors)
{
    JET_TABLEID t, t2;
    JET_SETCOLUMN rgsc[2];
    const long l = 5;
    const short s = 1;
    JET_ERR err;

    start("table_write_errors");
    t = create_every();

    /* nothing prepared */
    err = set(t, C_LONG, &l, 4, 0);
    ok(err == JET_errUpdateNotPrepared, "JetSetColumn unprepared: %ld\n", err);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errUpdateNotPrepared, "JetUpdate unprepared: %ld\n", err);
    err = JetPrepareUpdate(sesid, t, JET_prepCancel);
    ok(err == JET_errUpdateNotPrepared, "cancel unprepared: %ld\n", err);
    /* no current record to replace or delete */
    err = JetPrepareUpdate(sesid, t, JET_prepReplace);
    ok(err == JET_errNoCurrentRecord, "replace on an empty table: %ld\n", err);
    err = JetDelete(sesid, t);
    ok(err == JET_errNoCurrentRecord, "delete on an empty table: %ld\n", err);

    err = JetPrepareUpdate(sesid, t, JET_prepInsert);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    err = JetPrepareUpdate(sesid, t, JET_prepInsert);
    ok(err == JET_errAlreadyPrepared, "prepared twice: %ld\n", err);
    /* wrong sizes for fixed types (ErrRECSetColumn checks each type's size) */
    err = set(t, C_LONG, &l, 2, 0);
    ok(err == JET_errInvalidBufferSize, "2 bytes for a Long: %ld\n", err);
    err = set(t, C_BIT, &l, 4, 0);
    ok(err == JET_errInvalidBufferSize, "4 bytes for a Bit: %ld\n", err);
    err = set(t, C_GUID, &l, 4, 0);
    ok(err == JET_errInvalidBufferSize, "4 bytes for a GUID: %ld\n", err);
    err = set(t, C_DOUBLE, &l, 4, 0);
    ok(err == JET_errInvalidBufferSize, "4 bytes for an IEEEDouble: %ld\n", err);
    /* longer than the column's cbMax */
    {
        char sz[100];
        memset(sz, 'x', sizeof sz);
        unsigned long cb = 0;
        /* a variable column keeps its first cbMax bytes (ErrRECISetVarColumn's warning) */
        err = set(t, C_TEXT, sz, sizeof sz, 0);
        ok(err == JET_wrnColumnMaxTruncated, "100 bytes in a 64-byte Text: %ld\n", err);
        err = JetRetrieveColumn(sesid, t, colid[C_TEXT], sz, sizeof sz, &cb, JET_bitRetrieveCopy, NULL);
        ok(err == JET_errSuccess && cb == 64, "truncated Text: %ld, %lu bytes\n", err, cb);
    }
    err = JetSetColumn(sesid, t, 0x7ff0, &l, 4, 0, NULL);
    ok(err == JET_errColumnNotFound, "unknown fixed columnid: %ld\n", err);
    err = JetSetColumn(sesid, t, 0xfff0, &l, 4, 0, NULL);
    ok(err == JET_errColumnNotFound, "unknown tagged columnid: %ld\n", err);
    /* ESE's internal bits (0xf0000000) are refused */
    err = set(t, C_LONG, &l, 4, 0x80000000);
    ok(err == JET_errInvalidGrbit, "unknown grbit: %ld\n", err);
    err = set(t, C_LBIN, &l, 4, JET_bitSetUniqueMultiValues | JET_bitSetAppendLV);
    ok(err == JET_errInvalidGrbit, "unique multi-values with append: %ld\n", err);
    err = set(t, C_LBIN, &l, 4, JET_bitSetContiguousLV);
    ok(err == JET_errInvalidGrbit, "contiguous without separate: %ld\n", err);
    /* NOT NULL: set to NULL, or never set */
    err = set(t, C_NOTNULL, NULL, 0, 0);
    ok(err == JET_errNullInvalid, "NULL in a NOT NULL column: %ld\n", err);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errNullInvalid, "NOT NULL column never set: %ld\n", err);
    /* the update is still prepared after a failed JetUpdate */
    memset(rgsc, 0, sizeof rgsc);
    rgsc[0].columnid = colid[C_NOTNULL];
    rgsc[0].pvData = &s;
    rgsc[0].cbData = sizeof s;
    rgsc[1].columnid = colid[C_TEXT];
    rgsc[1].pvData = "dup";
    rgsc[1].cbData = 3;
    err = JetSetColumns(sesid, t, rgsc, 2);
    ok(err == JET_errSuccess, "JetSetColumns: %ld\n", err);
    ok(rgsc[0].err == JET_errSuccess && rgsc[1].err == JET_errSuccess, "errors %ld %ld\n", rgsc[0].err, rgsc[1].err);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);

    /* a unique index refuses a second "dup"; the update stays prepared and can be cancelled */
    err = insert_row(t, "dup", 2);
    ok(err == JET_errKeyDuplicate, "duplicate key: %ld\n", err);
    err = JetPrepareUpdate(sesid, t, JET_prepCancel);
    ok(err == JET_errSuccess, "cancel after JET_errKeyDuplicate: %ld\n", err);
    /* NULL keys are left out of the IgnoreNull index: two rows without Text */
    ok(insert_row(t, NULL, 3) == JET_errSuccess, "first row without Text\n");
    ok(insert_row(t, NULL, 4) == JET_errSuccess, "second row without Text\n");

    /* unknown prep */
    err = JetPrepareUpdate(sesid, t, 0x77);
    ok(err == JET_errInvalidParameter, "unknown prep: %ld\n", err);

    /* handles */
    err = JetPrepareUpdate(0, t, JET_prepInsert);
    ok(err == JET_errInvalidSesid, "sesid 0: %ld\n", err);
    err = JetSetColumn(0, t, colid[C_LONG], &l, 4, 0, NULL);
    ok(err == JET_errInvalidSesid, "JetSetColumn, sesid 0: %ld\n", err);
    err = JetUpdate(0, t, NULL, 0, NULL);
    ok(err == JET_errInvalidSesid, "JetUpdate, sesid 0: %ld\n", err);
    err = JetDelete(0, t);
    ok(err == JET_errInvalidSesid, "JetDelete, sesid 0: %ld\n", err);
    err = JetDupCursor(sesid, t, &t2, 0);
    ok(err == JET_errSuccess, "JetDupCursor: %ld\n", err);
    err = JetCloseTable(sesid, t2);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    err = JetPrepareUpdate(sesid, t2, JET_prepInsert);
    ok(err == JET_errInvalidTableId, "a closed tableid: %ld\n", err);
    err = JetSetColumn(sesid, t2, colid[C_LONG], &l, 4, 0, NULL);
    ok(err == JET_errInvalidTableId, "JetSetColumn, a closed tableid: %ld\n", err);
    err = JetUpdate(sesid, t2, NULL, 0, NULL);
    ok(err == JET_errInvalidTableId, "JetUpdate, a closed tableid: %ld\n", err);
    err = JetDelete(sesid, t2);
    ok(err == JET_errInvalidTableId, "JetDelete, a closed tableid: %ld\n", err);
    err = JetEscrowUpdate(sesid, t2, colid[C_ESCROW], (void *)&l, 4, NULL, 0, NULL, 0);
    ok(err == JET_errInvalidTableId, "JetEscrowUpdate, a closed tableid: %ld\n", err);

    /* a read-only cursor cannot update */
    err = JetOpenTableA(sesid, dbid, "Every", NULL, 0, JET_bitTableReadOnly, &t2);
    ok(err == JET_errSuccess, "JetOpenTable read-only: %ld\n", err);
    if (err == JET_errSuccess) {
        err = JetPrepareUpdate(sesid, t2, JET_prepInsert);
        ok(err == JET_errPermissionDenied, "insert on a read-only cursor: %ld\n", err);
        JetCloseTable(sesid, t2);
    }
    err = JetCloseTable(sesid, t);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    stop();
}

START_TEST(table_write_delete)
{
    JET_TABLEID t;
    JET_ERR err;
    long v;
    unsigned long cb;
    int n;

    start("table_write_delete");
    t = create_every();
    ok(insert_row(t, "a", 10) == JET_errSuccess, "row 1\n");
    ok(insert_row(t, "b", 20) == JET_errSuccess, "row 2\n");
    ok(insert_row(t, "c", 30) == JET_errSuccess, "row 3\n");

    ok(seek_id(t, 2) == JET_errSuccess, "seek Id 2\n");
    err = JetDelete(sesid, t);
    ok(err == JET_errSuccess, "JetDelete: %ld\n", err);
    /* the cursor stays on the deleted record: reading it fails, moving on works */
    err = JetRetrieveColumn(sesid, t, colid[C_LONG], &v, sizeof v, &cb, 0, NULL);
    ok(err == JET_errRecordDeleted, "retrieve from a deleted record: %ld\n", err);
    err = JetDelete(sesid, t);
    ok(err == JET_errRecordDeleted, "delete twice: %ld\n", err);
    err = JetMove(sesid, t, JET_MoveNext, 0);
    ok(err == JET_errSuccess, "move on: %ld\n", err);
    check_long(t, C_ID, 0, 3);
    ok(seek_id(t, 2) == JET_errRecordNotFound, "Id 2 is gone\n");
    /* the unique index forgot "b": it can be inserted again */
    ok(insert_row(t, "b", 40) == JET_errSuccess, "b again\n");

    /* in a transaction rolled back, the deleted record comes back */
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    ok(seek_id(t, 1) == JET_errSuccess, "seek Id 1\n");
    err = JetDelete(sesid, t);
    ok(err == JET_errSuccess, "JetDelete: %ld\n", err);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);
    ok(seek_id(t, 1) == JET_errSuccess, "Id 1 is back\n");
    check_long(t, C_LONG, 0, 10);

    n = 0;
    for (err = JetMove(sesid, t, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(sesid, t, JET_MoveNext, 0))
        n++;
    ok(err == JET_errNoCurrentRecord, "end of the table: %ld\n", err);
    ok(n == 3, "%d rows\n", n);
    JetCloseTable(sesid, t);
    stop();
}

START_TEST(table_write_escrow)
{
    JET_TABLEID t;
    JET_ERR err;
    long delta = 5, old = 0xcccc;
    unsigned long cbOld = 0xcccc;
    short s;

    start("table_write_escrow");
    t = create_every();
    ok(insert_row(t, "a", 1) == JET_errSuccess, "row\n");
    ok(seek_id(t, 1) == JET_errSuccess, "seek\n");

    /* escrow updates need a transaction */
    err = JetEscrowUpdate(sesid, t, colid[C_ESCROW], &delta, 4, &old, 4, &cbOld, 0);
    ok(err == JET_errNotInTransaction, "outside a transaction: %ld\n", err);
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetEscrowUpdate(sesid, t, colid[C_ESCROW], &delta, 4, &old, 4, &cbOld, 0);
    ok(err == JET_errSuccess, "JetEscrowUpdate: %ld\n", err);
    ok(old == 0 && cbOld == 4, "old value %ld, %lu bytes\n", old, cbOld);
    delta = -2;
    err = JetEscrowUpdate(sesid, t, colid[C_ESCROW], &delta, 4, &old, 4, &cbOld, 0);
    ok(err == JET_errSuccess, "JetEscrowUpdate: %ld\n", err);
    ok(old == 5, "old value %ld\n", old);
    check_long(t, C_ESCROW, 0, 3);
    /* the size must be the column's; the old value's buffer, when given, must hold it */
    err = JetEscrowUpdate(sesid, t, colid[C_ESCROW], &delta, 8, NULL, 0, NULL, 0);
    ok(err == JET_errInvalidBufferSize, "8 bytes for a Long: %ld\n", err);
    err = JetEscrowUpdate(sesid, t, colid[C_ESCROW], &delta, 4, &s, 2, NULL, 0);
    ok(err == JET_errInvalidBufferSize, "a 2-byte old value buffer: %ld\n", err);
    /* only escrow columns */
    err = JetEscrowUpdate(sesid, t, colid[C_LONG], &delta, 4, NULL, 0, NULL, 0);
    ok(err == JET_errInvalidOperation, "not an escrow column: %ld\n", err);
    err = JetEscrowUpdate(sesid, t, colid[C_MVLONG], &delta, 4, NULL, 0, NULL, 0);
    ok(err == JET_errInvalidOperation, "a tagged column: %ld\n", err);
    /* not while an update is prepared */
    err = JetPrepareUpdate(sesid, t, JET_prepReplace);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    err = JetEscrowUpdate(sesid, t, colid[C_ESCROW], &delta, 4, NULL, 0, NULL, 0);
    ok(err == JET_errAlreadyPrepared, "while prepared: %ld\n", err);
    err = JetPrepareUpdate(sesid, t, JET_prepCancel);
    ok(err == JET_errSuccess, "cancel: %ld\n", err);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    check_long(t, C_ESCROW, 0, 3);

    /* a rolled-back delta is undone */
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    delta = 100;
    err = JetEscrowUpdate(sesid, t, colid[C_ESCROW], &delta, 4, NULL, 0, NULL, 0);
    ok(err == JET_errSuccess, "JetEscrowUpdate: %ld\n", err);
    check_long(t, C_ESCROW, 0, 103);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);
    check_long(t, C_ESCROW, 0, 3);
    JetCloseTable(sesid, t);
    stop();
}

START_TEST(table_write_long_values)
{
    static unsigned char big[20000], out[20000];
    JET_TABLEID t;
    JET_RETINFO ri;
    JET_SETINFO si;
    unsigned char bm[JET_cbBookmarkMost];
    unsigned long cb, cbBm;
    JET_ERR err;
    size_t i;

    for (i = 0; i < sizeof big; i++)
        big[i] = (unsigned char)(i * 7 + i / 251);
    start("table_write_long_values");
    t = create_every();
    err = JetPrepareUpdate(sesid, t, JET_prepInsert);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    ok(set(t, C_NOTNULL, &(short){ 1 }, 2, 0) == JET_errSuccess, "NotNull\n");
    /* a long value bigger than a page, set in two pieces (append) */
    err = set(t, C_LBIN, big, 12000, 0);
    ok(err == JET_errSuccess, "set 12000 bytes: %ld\n", err);
    err = set(t, C_LBIN, big + 12000, sizeof big - 12000, JET_bitSetAppendLV);
    ok(err == JET_errSuccess, "append: %ld\n", err);
    /* zero-length text is not NULL */
    err = set(t, C_TEXT, "", 0, JET_bitSetZeroLength);
    ok(err == JET_errSuccess, "zero length: %ld\n", err);
    err = set(t, C_LTEXT, L"short", 10, JET_bitSetSeparateLV);
    ok(err == JET_errSuccess, "a short value forced out of the record: %ld\n", err);
    err = JetUpdate(sesid, t, bm, sizeof bm, &cbBm);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    err = JetGotoBookmark(sesid, t, bm, cbBm);
    ok(err == JET_errSuccess, "JetGotoBookmark: %ld\n", err);

    memset(out, 0, sizeof out);
    err = JetRetrieveColumn(sesid, t, colid[C_LBIN], out, sizeof out, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == sizeof big && !memcmp(out, big, sizeof big), "whole value: %ld, %lu\n", err, cb);
    /* a short buffer: JET_wrnBufferTruncated with the whole size */
    err = JetRetrieveColumn(sesid, t, colid[C_LBIN], out, 10, &cb, 0, NULL);
    ok(err == JET_wrnBufferTruncated && cb == sizeof big, "short buffer: %ld, %lu\n", err, cb);
    /* from an offset: the size is what is left */
    memset(&ri, 0, sizeof ri);
    ri.cbStruct = sizeof ri;
    ri.ibLongValue = 15000;
    ri.itagSequence = 1;
    err = JetRetrieveColumn(sesid, t, colid[C_LBIN], out, sizeof out, &cb, 0, &ri);
    ok(err == JET_errSuccess && cb == sizeof big - 15000 && !memcmp(out, big + 15000, cb), "from 15000: %ld, %lu\n",
       err, cb);
    err = JetRetrieveColumn(sesid, t, colid[C_TEXT], out, sizeof out, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 0, "zero-length Text: %ld, %lu\n", err, cb);
    err = JetRetrieveColumn(sesid, t, colid[C_LTEXT], out, sizeof out, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 10 && !memcmp(out, L"short", 10), "separated LongText: %ld, %lu\n", err, cb);

    /* overwrite in place at an offset, then cut the value with JET_bitSetSizeLV */
    err = JetPrepareUpdate(sesid, t, JET_prepReplace);
    ok(err == JET_errSuccess, "JetPrepareUpdate(replace): %ld\n", err);
    memset(&si, 0, sizeof si);
    si.cbStruct = sizeof si;
    si.ibLongValue = 100;
    si.itagSequence = 1;
    err = JetSetColumn(sesid, t, colid[C_LBIN], "ABCD", 4, JET_bitSetOverwriteLV, &si);
    ok(err == JET_errSuccess, "overwrite at 100: %ld\n", err);
    err = JetSetColumn(sesid, t, colid[C_LBIN], NULL, 5000, JET_bitSetSizeLV, NULL);
    ok(err == JET_errSuccess, "size 5000: %ld\n", err);
    /* a JET_SETINFO of the wrong size */
    si.cbStruct = 3;
    err = JetSetColumn(sesid, t, colid[C_LBIN], "x", 1, JET_bitSetAppendLV, &si);
    ok(err == JET_errInvalidParameter, "JET_SETINFO of 3 bytes: %ld\n", err);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    err = JetRetrieveColumn(sesid, t, colid[C_LBIN], out, sizeof out, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 5000, "after SizeLV: %ld, %lu\n", err, cb);
    ok(!memcmp(out, big, 100) && !memcmp(out + 100, "ABCD", 4) && !memcmp(out + 104, big + 104, 5000 - 104),
       "bytes after the overwrite\n");

    /* JET_bitSetIntrinsicLV only raises the size kept in the record (ESE's lv.cxx: a bigger value
     * still goes to the long-value tree, no error); JET_bitSetCompressed asks for compression */
    for (i = 0; i < 3; i++) {
        static const unsigned long rgcb[3] = { 1500, 6000, 3000 };
        static const JET_GRBIT rggrbit[3] = { JET_bitSetIntrinsicLV, JET_bitSetIntrinsicLV, JET_bitSetCompressed };
        err = JetPrepareUpdate(sesid, t, JET_prepReplace);
        ok(err == JET_errSuccess, "JetPrepareUpdate(replace): %ld\n", err);
        err = set(t, C_LBIN, big, rgcb[i], rggrbit[i]);
        ok(err == JET_errSuccess, "%lu bytes, grbit %#lx: %ld\n", rgcb[i], rggrbit[i], err);
        err = JetUpdate(sesid, t, NULL, 0, NULL);
        ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
        err = JetRetrieveColumn(sesid, t, colid[C_LBIN], out, sizeof out, &cb, 0, NULL);
        ok(err == JET_errSuccess && cb == rgcb[i] && !memcmp(out, big, cb), "%lu bytes back: %ld, %lu\n", rgcb[i],
           err, cb);
    }

    /* set to NULL; a tagged column reverts to its default (JET_bitSetRevertToDefaultValue is for
     * tagged columns) */
    err = JetPrepareUpdate(sesid, t, JET_prepReplace);
    ok(err == JET_errSuccess, "JetPrepareUpdate(replace): %ld\n", err);
    err = set(t, C_LBIN, NULL, 0, 0);
    ok(err == JET_errSuccess, "NULL: %ld\n", err);
    err = set(t, C_DEFAULT, &(long){ 5 }, 4, 0);
    ok(err == JET_errSuccess, "set Default: %ld\n", err);
    check_long(t, C_DEFAULT, JET_bitRetrieveCopy, 5);
    err = set(t, C_DEFAULT, NULL, 0, JET_bitSetRevertToDefaultValue);
    ok(err == JET_errSuccess, "revert to default: %ld\n", err);
    check_long(t, C_DEFAULT, JET_bitRetrieveCopy, lDefault);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    err = JetRetrieveColumn(sesid, t, colid[C_LBIN], out, sizeof out, &cb, 0, NULL);
    ok(err == JET_wrnColumnNull && cb == 0, "NULL long value: %ld, %lu\n", err, cb);
    check_long(t, C_DEFAULT, 0, lDefault);
    JetCloseTable(sesid, t);
    stop();
}

START_TEST(table_write_multi_values)
{
    JET_TABLEID t;
    JET_RETINFO ri;
    JET_SETINFO si;
    JET_RETRIEVECOLUMN rc;
    long v, rgv[4] = { 30, 10, 20, 40 };
    unsigned long cb;
    JET_ERR err;
    int i;

    start("table_write_multi_values");
    t = create_every();
    err = JetPrepareUpdate(sesid, t, JET_prepInsert);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    ok(set(t, C_NOTNULL, &(short){ 1 }, 2, 0) == JET_errSuccess, "NotNull\n");
    /* itagSequence 0 adds a value */
    memset(&si, 0, sizeof si);
    si.cbStruct = sizeof si;
    for (i = 0; i < 3; i++) {
        err = JetSetColumn(sesid, t, colid[C_MVLONG], &rgv[i], 4, 0, &si);
        ok(err == JET_errSuccess, "value %d: %ld\n", i, err);
    }
    /* JET_bitSetUniqueMultiValues refuses a value the column has */
    err = JetSetColumn(sesid, t, colid[C_MVLONG], &rgv[1], 4, JET_bitSetUniqueMultiValues, &si);
    ok(err == JET_errMultiValuedDuplicate, "a duplicate value: %ld\n", err);
    err = JetSetColumn(sesid, t, colid[C_MVLONG], &rgv[3], 4, JET_bitSetUniqueMultiValues, &si);
    ok(err == JET_errSuccess, "a new unique value: %ld\n", err);
    err = JetSetColumn(sesid, t, colid[C_MVTEXT], "Abc", 3, 0, &si);
    ok(err == JET_errSuccess, "text value: %ld\n", err);
    /* the normalized form compares "ABC" equal to "Abc" */
    err = JetSetColumn(sesid, t, colid[C_MVTEXT], "ABC", 3, JET_bitSetUniqueNormalizedMultiValues, &si);
    ok(err == JET_errMultiValuedDuplicate, "a normalized duplicate: %ld\n", err);
    err = JetSetColumn(sesid, t, colid[C_MVTEXT], "ABC", 3, JET_bitSetUniqueMultiValues, &si);
    ok(err == JET_errSuccess, "a binary-different value: %ld\n", err);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    ok(seek_id(t, 1) == JET_errSuccess, "seek\n");

    memset(&ri, 0, sizeof ri);
    ri.cbStruct = sizeof ri;
    for (i = 0; i < 4; i++) {
        ri.itagSequence = i + 1;
        v = 0;
        err = JetRetrieveColumn(sesid, t, colid[C_MVLONG], &v, sizeof v, &cb, 0, &ri);
        ok(err == JET_errSuccess && cb == 4 && v == rgv[i], "value %d: %ld, %lu, %ld\n", i + 1, err, cb, v);
    }
    ri.itagSequence = 5;
    err = JetRetrieveColumn(sesid, t, colid[C_MVLONG], &v, sizeof v, &cb, 0, &ri);
    ok(err == JET_wrnColumnNull, "beyond the last value: %ld\n", err);
    /* itagSequence 0 in JetRetrieveColumns counts the values */
    memset(&rc, 0, sizeof rc);
    rc.columnid = colid[C_MVLONG];
    rc.itagSequence = 0;
    err = JetRetrieveColumns(sesid, t, &rc, 1);
    ok(err == JET_errSuccess && rc.itagSequence == 4, "count: %ld, %lu\n", err, rc.itagSequence);

    /* one index entry per value: seek each value on the multi-valued index */
    err = JetSetCurrentIndexA(sesid, t, "MultiLong");
    ok(err == JET_errSuccess, "JetSetCurrentIndex: %ld\n", err);
    for (i = 0; i < 4; i++) {
        err = JetMakeKey(sesid, t, &rgv[i], 4, JET_bitNewKey);
        ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
        err = JetSeek(sesid, t, JET_bitSeekEQ);
        ok(err == JET_errSuccess, "seek value %ld: %ld\n", rgv[i], err);
    }

    /* replace the second value, delete the first (NULL at its itag): the others move down */
    err = JetPrepareUpdate(sesid, t, JET_prepReplace);
    ok(err == JET_errSuccess, "JetPrepareUpdate(replace): %ld\n", err);
    si.itagSequence = 2;
    v = 11;
    err = JetSetColumn(sesid, t, colid[C_MVLONG], &v, 4, 0, &si);
    ok(err == JET_errSuccess, "replace value 2: %ld\n", err);
    si.itagSequence = 1;
    err = JetSetColumn(sesid, t, colid[C_MVLONG], NULL, 0, 0, &si);
    ok(err == JET_errSuccess, "delete value 1: %ld\n", err);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    ri.itagSequence = 1;
    err = JetRetrieveColumn(sesid, t, colid[C_MVLONG], &v, sizeof v, &cb, 0, &ri);
    ok(err == JET_errSuccess && v == 11, "value 1 now: %ld, %ld\n", err, v);
    ri.itagSequence = 3;
    err = JetRetrieveColumn(sesid, t, colid[C_MVLONG], &v, sizeof v, &cb, 0, &ri);
    ok(err == JET_errSuccess && v == 40, "value 3 now: %ld, %ld\n", err, v);
    /* the old first value left the index */
    err = JetMakeKey(sesid, t, &rgv[0], 4, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetSeek(sesid, t, JET_bitSeekEQ);
    ok(err == JET_errRecordNotFound, "seek the deleted value: %ld\n", err);
    JetCloseTable(sesid, t);
    stop();
}

/* JET_bitColumnDeleteOnZero: ESE deletes the record once the delta that left the column at zero
 * is committed (version cleanup's FINALIZETASK; on Windows it runs in the background, so the check
 * waits for it). JET_bitEscrowNoRollback: the delta is not versioned, a rollback keeps it. */
START_TEST(table_write_escrow_zero)
{
    JET_COLUMNCREATE_A rgc[2];
    JET_INDEXCREATE_A ic;
    JET_TABLECREATE_A tc;
    char szKey[16];
    long l, delta, zero = 0;
    unsigned long cb;
    JET_TABLEID t;
    JET_ERR err;
    int i, n;

    start("table_write_escrow_zero");
    memset(rgc, 0, sizeof rgc);
    rgc[0].cbStruct = sizeof rgc[0];
    rgc[0].szColumnName = (char *)"Id";
    rgc[0].coltyp = JET_coltypLong;
    rgc[1] = rgc[0];
    rgc[1].szColumnName = (char *)"Refs";
    rgc[1].grbit = JET_bitColumnFixed | JET_bitColumnEscrowUpdate | JET_bitColumnDeleteOnZero;
    rgc[1].pvDefault = &zero;
    rgc[1].cbDefault = sizeof zero;
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (char *)"Primary";
    ic.szKey = szKey;
    ic.cbKey = test_make_key(szKey, "+Id");
    ic.grbit = JET_bitIndexPrimary;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"Refs";
    tc.rgcolumncreate = rgc;
    tc.cColumns = 2;
    tc.rgindexcreate = &ic;
    tc.cIndexes = 1;
    err = JetCreateTableColumnIndexA(sesid, dbid, &tc);
    ok(err == JET_errSuccess, "JetCreateTableColumnIndexA: %ld\n", err);
    t = tc.tableid;
    for (i = 1; i <= 2; i++) {
        l = i;
        ok(JetPrepareUpdate(sesid, t, JET_prepInsert) == JET_errSuccess, "prepare\n");
        ok(JetSetColumn(sesid, t, rgc[0].columnid, &l, 4, 0, NULL) == JET_errSuccess, "Id\n");
        ok(JetUpdate(sesid, t, NULL, 0, NULL) == JET_errSuccess, "insert\n");
    }

    /* +2 then -2 on record 1, committed: the record goes */
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    l = 1;
    ok(JetMakeKey(sesid, t, &l, 4, JET_bitNewKey) == JET_errSuccess, "JetMakeKey\n");
    ok(JetSeek(sesid, t, JET_bitSeekEQ) == JET_errSuccess, "seek 1\n");
    delta = 2;
    err = JetEscrowUpdate(sesid, t, rgc[1].columnid, &delta, 4, NULL, 0, NULL, 0);
    ok(err == JET_errSuccess, "JetEscrowUpdate +2: %ld\n", err);
    delta = -2;
    err = JetEscrowUpdate(sesid, t, rgc[1].columnid, &delta, 4, NULL, 0, NULL, 0);
    ok(err == JET_errSuccess, "JetEscrowUpdate -2: %ld\n", err);
    /* still there inside the transaction */
    err = JetRetrieveColumn(sesid, t, rgc[0].columnid, &l, 4, &cb, 0, NULL);
    ok(err == JET_errSuccess && l == 1, "record 1 before the commit: %ld\n", err);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    for (i = 0; i < 50; i++) {
        l = 1;
        ok(JetMakeKey(sesid, t, &l, 4, JET_bitNewKey) == JET_errSuccess, "JetMakeKey\n");
        err = JetSeek(sesid, t, JET_bitSeekEQ);
        if (err == JET_errRecordNotFound) break;
        Sleep(100);
    }
    ok(err == JET_errRecordNotFound, "record 1 after the commit: %ld\n", err);

    /* rolled back to zero: the record stays */
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    l = 2;
    ok(JetMakeKey(sesid, t, &l, 4, JET_bitNewKey) == JET_errSuccess, "JetMakeKey\n");
    ok(JetSeek(sesid, t, JET_bitSeekEQ) == JET_errSuccess, "seek 2\n");
    delta = 5;
    err = JetEscrowUpdate(sesid, t, rgc[1].columnid, &delta, 4, NULL, 0, NULL, 0);
    ok(err == JET_errSuccess, "JetEscrowUpdate: %ld\n", err);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    delta = -5;
    err = JetEscrowUpdate(sesid, t, rgc[1].columnid, &delta, 4, NULL, 0, NULL, 0);
    ok(err == JET_errSuccess, "JetEscrowUpdate: %ld\n", err);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);
    err = JetRetrieveColumn(sesid, t, rgc[1].columnid, &l, 4, &cb, 0, NULL);
    ok(err == JET_errSuccess && l == 5, "record 2 after the rollback: %ld, %ld\n", err, l);

    /* JET_bitEscrowNoRollback: a rollback keeps the delta */
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    delta = 3;
    err = JetEscrowUpdate(sesid, t, rgc[1].columnid, &delta, 4, NULL, 0, NULL, JET_bitEscrowNoRollback);
    ok(err == JET_errSuccess, "JetEscrowUpdate NoRollback: %ld\n", err);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);
    err = JetRetrieveColumn(sesid, t, rgc[1].columnid, &l, 4, &cb, 0, NULL);
    ok(err == JET_errSuccess && l == 8, "after the rollback of a NoRollback delta: %ld, %ld\n", err, l);

    n = 0;
    for (err = JetMove(sesid, t, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(sesid, t, JET_MoveNext, 0))
        n++;
    ok(n == 1, "%d records left\n", n);
    JetCloseTable(sesid, t);
    stop();
}
