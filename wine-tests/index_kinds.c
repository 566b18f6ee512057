/* SPDX-License-Identifier: MIT
 * wine-tests/index_kinds.c: what each kind of index holds, built by JetCreateIndex3/4 over
 * records already in the table and kept by later inserts: NULL handling (no flag,
 * JET_bitIndexIgnoreNull, IgnoreAnyNull, IgnoreFirstNull, DisallowNull), tuple indexes (default
 * and custom JET_TUPLELIMITS, and their rules), cross-product multi-valued indexes, conditional
 * columns, and JET_bitIndexKeyMost; JetGetIndexInfo / JetGetTableIndexInfo report them. Each
 * check states what Windows' esent.dll does: ESE's ErrIDBSetIdxSeg/ErrFILEIInitializeFCB (tuple
 * rules: secondary and non-unique only, a text or binary first column, lengths 2..255), the
 * index-entry enumeration of recupd.cxx (one entry per tuple offset until the rest is shorter
 * than chLengthMin or chToIndexMax entries are made; an entry per combination of values with
 * JET_bitIndexCrossProduct; JET_errNullKeyDisallowed), and key truncation at cbKeyMost (255
 * unless JET_bitIndexKeyMost says otherwise); locales given as LCIDs or names, converted as
 * LCIDToLocaleName and LocaleNameToLCID convert them (ErrNORMLcidToLocale, ErrNORMLocaleToLcid). */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH];
static char dbpath[MAX_PATH];
static JET_DBID dbid;

enum { C_ID, C_A, C_B, C_T, C_M1, C_M2, C_FLAG, CCOL };
static JET_COLUMNID colid[CCOL];

/* Sets a Long column; itag 0 appends a value of a multi-valued one. */
static void set_long(JET_TABLEID tableid, int col, long v, unsigned long itag)
{
    JET_SETINFO si = { sizeof(JET_SETINFO), 0, itag };
    JET_ERR err = JetSetColumn(sesid, tableid, colid[col], &v, sizeof v, 0, &si);
    ok(err == JET_errSuccess, "JetSetColumn(%d, %ld): %ld\n", col, v, err);
}

static void set_text(JET_TABLEID tableid, int col, const char *sz)
{
    JET_ERR err = JetSetColumn(sesid, tableid, colid[col], sz, (unsigned long)strlen(sz), 0, NULL);
    ok(err == JET_errSuccess, "JetSetColumn(%s): %ld\n", sz, err);
}

static void insert_begin(JET_TABLEID tableid, long id)
{
    JET_ERR err = JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    set_long(tableid, C_ID, id, 1);
}

static void insert_end(JET_TABLEID tableid)
{
    JET_ERR err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
}

/* "Kinds": Id (primary), A, B, Flag (Long), T (text), M1, M2 (multi-valued Long). Rows:
 *   1: A 1, B 1, T "abcdef", M1 {1, 2}, M2 {10, 20, 30}
 *   2: B 2, T "xyz", M1 {3}, Flag 1
 *   3: Flag 1 (everything else NULL)
 *   4: A 4, T "abcxyz"                                                          */
static JET_TABLEID create_kinds(void)
{
    static const char *rgsz[CCOL] = { "Id", "A", "B", "T", "M1", "M2", "Flag" };
    JET_COLUMNCREATE_A rgc[CCOL];
    JET_TABLEID tableid;
    JET_ERR err;
    int i;

    memset(rgc, 0, sizeof rgc);
    for (i = 0; i < CCOL; i++) {
        rgc[i].szColumnName = (char *)rgsz[i];
        rgc[i].coltyp = JET_coltypLong;
    }
    rgc[C_T].coltyp = JET_coltypText;
    rgc[C_T].cp = 1252;
    rgc[C_M1].grbit = rgc[C_M2].grbit = JET_bitColumnTagged | JET_bitColumnMultiValued;
    rgc[C_FLAG].grbit = JET_bitColumnTagged;
    tableid = test_create_table(sesid, dbid, "Kinds", rgc, CCOL, colid);

    JetBeginTransaction(sesid);
    insert_begin(tableid, 1);
    set_long(tableid, C_A, 1, 1);
    set_long(tableid, C_B, 1, 1);
    set_text(tableid, C_T, "abcdef");
    set_long(tableid, C_M1, 1, 0);
    set_long(tableid, C_M1, 2, 0);
    set_long(tableid, C_M2, 10, 0);
    set_long(tableid, C_M2, 20, 0);
    set_long(tableid, C_M2, 30, 0);
    insert_end(tableid);
    insert_begin(tableid, 2);
    set_long(tableid, C_B, 2, 1);
    set_text(tableid, C_T, "xyz");
    set_long(tableid, C_M1, 3, 0);
    set_long(tableid, C_FLAG, 1, 1);
    insert_end(tableid);
    insert_begin(tableid, 3);
    set_long(tableid, C_FLAG, 1, 1);
    insert_end(tableid);
    insert_begin(tableid, 4);
    set_long(tableid, C_A, 4, 1);
    set_text(tableid, C_T, "abcxyz");
    insert_end(tableid);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    return tableid;
}

/* JET_INDEXCREATE2_A for "+spec" (| separates segments). */
static void index2(JET_INDEXCREATE2_A *pidx, char *szKey, const char *szName, const char *spec, JET_GRBIT grbit)
{
    memset(pidx, 0, sizeof *pidx);
    pidx->cbStruct = sizeof *pidx;
    pidx->szIndexName = (char *)szName;
    pidx->szKey = szKey;
    pidx->cbKey = test_make_key(szKey, spec);
    pidx->grbit = grbit;
    pidx->ulDensity = 100;
}

static JET_ERR create_index2(JET_TABLEID tableid, const char *szName, const char *spec, JET_GRBIT grbit)
{
    JET_INDEXCREATE2_A idx;
    char szKey[64];
    index2(&idx, szKey, szName, spec, grbit);
    return JetCreateIndex3A(sesid, tableid, &idx, 1);
}

/* Entries of an index, counted from its first. */
static unsigned long entries(JET_TABLEID tableid, const char *szIndex)
{
    unsigned long c = 0xdeadbeef;
    JET_ERR err = JetSetCurrentIndexA(sesid, tableid, szIndex);
    ok(err == JET_errSuccess, "JetSetCurrentIndexA(%s): %ld\n", szIndex, err);
    err = JetIndexRecordCount(sesid, tableid, &c, 0);
    ok(err == JET_errSuccess, "JetIndexRecordCount(%s): %ld\n", szIndex, err);
    return c;
}

static long current_id(JET_TABLEID tableid)
{
    long id = -1;
    unsigned long cb;
    JetRetrieveColumn(sesid, tableid, colid[C_ID], &id, sizeof id, &cb, 0, NULL);
    return id;
}

START_TEST(index_null_handling)
{
    JET_TABLEID tableid;
    JET_ERR err;
    unsigned long c;

    test_db_start("index_nulls", "kinds.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_kinds();

    err = create_index2(tableid, "AB", "+A|+B", 0);
    ok(err == JET_errSuccess, "AB: %ld\n", err);
    err = create_index2(tableid, "ABIgnoreNull", "+A|+B", JET_bitIndexIgnoreNull);
    ok(err == JET_errSuccess, "ABIgnoreNull: %ld\n", err);
    err = create_index2(tableid, "ABIgnoreAny", "+A|+B", JET_bitIndexIgnoreAnyNull);
    ok(err == JET_errSuccess, "ABIgnoreAny: %ld\n", err);
    err = create_index2(tableid, "ABIgnoreFirst", "+A|+B", JET_bitIndexIgnoreFirstNull);
    ok(err == JET_errSuccess, "ABIgnoreFirst: %ld\n", err);

    c = entries(tableid, "AB");
    ok(c == 4, "no flag: every record: %lu\n", c);
    c = entries(tableid, "ABIgnoreNull");
    ok(c == 3, "IgnoreNull leaves out record 3 (all NULL): %lu\n", c);
    c = entries(tableid, "ABIgnoreAny");
    ok(c == 1, "IgnoreAnyNull keeps record 1 only: %lu\n", c);
    c = entries(tableid, "ABIgnoreFirst");
    ok(c == 2, "IgnoreFirstNull keeps records 1 and 4: %lu\n", c);

    /* NULLs sort first in an index that keeps them. */
    JetSetCurrentIndexA(sesid, tableid, "AB");
    err = JetMove(sesid, tableid, JET_MoveFirst, 0);
    ok(err == JET_errSuccess && current_id(tableid) == 3, "first of AB is the all-NULL record: %ld\n", err);

    /* Later inserts follow the same rules. */
    JetBeginTransaction(sesid);
    insert_begin(tableid, 5);
    set_long(tableid, C_B, 5, 1);
    insert_end(tableid);
    JetCommitTransaction(sesid, 0);
    c = entries(tableid, "ABIgnoreNull");
    ok(c == 4, "IgnoreNull takes record 5 (B set): %lu\n", c);
    c = entries(tableid, "ABIgnoreFirst");
    ok(c == 2, "IgnoreFirstNull does not (A NULL): %lu\n", c);

    /* DisallowNull: refused over records with a NULL, and on insert. */
    err = create_index2(tableid, "ANoNull", "+A", JET_bitIndexDisallowNull);
    ok(err == JET_errNullKeyDisallowed, "DisallowNull over NULLs: %ld\n", err);
    JetSetCurrentIndexA(sesid, tableid, NULL);
    JetBeginTransaction(sesid);
    while (JetMove(sesid, tableid, JET_MoveFirst, 0) == JET_errSuccess)
        JetDelete(sesid, tableid);
    JetCommitTransaction(sesid, 0);
    err = create_index2(tableid, "ANoNull", "+A", JET_bitIndexDisallowNull);
    ok(err == JET_errSuccess, "DisallowNull on an empty table: %ld\n", err);
    insert_begin(tableid, 6);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errNullKeyDisallowed, "insert with A NULL: %ld\n", err);
    set_long(tableid, C_A, 6, 1);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errSuccess, "insert with A set: %ld\n", err);

    JetCloseTable(sesid, tableid);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

START_TEST(index_tuples)
{
    JET_TABLEID tableid;
    JET_INDEXCREATE2_A idx;
    JET_INDEXCREATE3_A idx3;
    JET_TUPLELIMITS tl;
    char szKey[32];
    JET_ERR err;
    unsigned long c;

    test_db_start("index_tuples", "kinds.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_kinds();

    /* Secondary, non-unique, on text or binary, with lengths JetCreateIndex accepts. */
    err = create_index2(tableid, "TupUnique", "+T", JET_bitIndexTuples | JET_bitIndexUnique);
    ok(err == JET_errIndexTuplesNonUniqueOnly, "unique tuples: %ld\n", err);
    err = create_index2(tableid, "TupLong", "+A", JET_bitIndexTuples);
    ok(err == JET_errIndexTuplesTextBinaryColumnsOnly, "tuples of a Long: %ld\n", err);
    index2(&idx, szKey, "TupBad", "+T", JET_bitIndexTuples | JET_bitIndexTupleLimits);
    memset(&tl, 0, sizeof tl);
    tl.chLengthMin = 1;
    tl.chLengthMax = 4;
    tl.chToIndexMax = 10;
    tl.cchIncrement = 1;
    idx.ptuplelimits = &tl;
    err = JetCreateIndex3A(sesid, tableid, &idx, 1);
    ok(err == JET_errIndexTuplesInvalidLimits, "chLengthMin 1: %ld\n", err);

    /* Default limits (3 to 10 characters, every offset): "abcdef" gives abcdef, bcdef, cdef and
     * def; "xyz" gives xyz; "abcxyz" four more; record 3 (NULL) none. */
    err = create_index2(tableid, "Tuples", "+T", JET_bitIndexTuples | JET_bitIndexIgnoreAnyNull);
    ok(err == JET_errSuccess, "Tuples: %ld\n", err);
    c = entries(tableid, "Tuples");
    ok(c == 9, "tuple entries: %lu\n", c);
    err = JetMakeKey(sesid, tableid, "cxy", 3, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetSeek(sesid, tableid, JET_bitSeekGE);
    ok(err >= 0 && current_id(tableid) == 4, "a substring finds its record: %ld, %ld\n", err, current_id(tableid));

    /* Custom limits (JET_bitIndexTupleLimits: the union holds ptuplelimits) through
     * JetCreateIndex4: pairs, at most 3 per value: ab bc cd; xy yz; ab bc cx. */
    memset(&idx3, 0, sizeof idx3);
    idx3.cbStruct = sizeof idx3;
    idx3.szIndexName = (char *)"Pairs";
    idx3.szKey = szKey;
    idx3.cbKey = test_make_key(szKey, "+T");
    idx3.grbit = JET_bitIndexTuples | JET_bitIndexTupleLimits | JET_bitIndexIgnoreAnyNull;
    idx3.ulDensity = 100;
    tl.chLengthMin = 2;
    tl.chLengthMax = 2;
    tl.chToIndexMax = 3;
    tl.cchIncrement = 1;
    tl.ichStart = 0;
    idx3.ptuplelimits = &tl;
    err = JetCreateIndex4A(sesid, tableid, &idx3, 1);
    ok(err == JET_errSuccess, "Pairs: %ld\n", err);
    c = entries(tableid, "Pairs");
    ok(c == 8, "pair entries: %lu\n", c);

    JetCloseTable(sesid, tableid);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

START_TEST(index_multi_valued_and_conditional)
{
    JET_TABLEID tableid;
    JET_INDEXCREATE2_A idx;
    JET_CONDITIONALCOLUMN_A cond;
    char szKey[32];
    JET_ERR err;
    unsigned long c;

    test_db_start("index_mv_cond", "kinds.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_kinds();

    /* One entry per value; with two multi-valued columns and JET_bitIndexCrossProduct, one per
     * combination (record 1: 2 x 3). */
    err = create_index2(tableid, "M1", "+M1", JET_bitIndexIgnoreAnyNull);
    ok(err == JET_errSuccess, "M1: %ld\n", err);
    c = entries(tableid, "M1");
    ok(c == 3, "values of M1: %lu\n", c);
    err = create_index2(tableid, "Cross", "+M1|+M2", JET_bitIndexCrossProduct | JET_bitIndexIgnoreAnyNull);
    ok(err == JET_errSuccess, "Cross: %ld\n", err);
    c = entries(tableid, "Cross");
    ok(c == 6, "combinations: %lu\n", c);

    /* A conditional column: only records whose Flag is not NULL (2 and 3). */
    index2(&idx, szKey, "BFlagged", "+B", 0);
    memset(&cond, 0, sizeof cond);
    cond.cbStruct = sizeof cond;
    cond.szColumnName = (char *)"Flag";
    cond.grbit = JET_bitIndexColumnMustBeNonNull;
    idx.rgconditionalcolumn = &cond;
    idx.cConditionalColumn = 1;
    err = JetCreateIndex3A(sesid, tableid, &idx, 1);
    ok(err == JET_errSuccess, "BFlagged: %ld\n", err);
    c = entries(tableid, "BFlagged");
    ok(c == 2, "records with Flag: %lu\n", c);
    index2(&idx, szKey, "BUnflagged", "+B", 0);
    cond.grbit = JET_bitIndexColumnMustBeNull;
    idx.rgconditionalcolumn = &cond;
    idx.cConditionalColumn = 1;
    err = JetCreateIndex3A(sesid, tableid, &idx, 1);
    ok(err == JET_errSuccess, "BUnflagged: %ld\n", err);
    c = entries(tableid, "BUnflagged");
    ok(c == 2, "records without Flag: %lu\n", c);
    cond.szColumnName = (char *)"NoSuchColumn";
    index2(&idx, szKey, "BNone", "+B", 0);
    idx.rgconditionalcolumn = &cond;
    idx.cConditionalColumn = 1;
    err = JetCreateIndex3A(sesid, tableid, &idx, 1);
    ok(err == JET_errColumnNotFound, "an unknown conditional column: %ld\n", err);

    /* Setting Flag on record 1 brings it into BFlagged and out of BUnflagged. */
    JetSetCurrentIndexA(sesid, tableid, NULL);
    err = JetMakeKey(sesid, tableid, &(long){ 1 }, sizeof(long), JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetSeek(sesid, tableid, JET_bitSeekEQ);
    ok(err == JET_errSuccess, "JetSeek: %ld\n", err);
    err = JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    set_long(tableid, C_FLAG, 7, 1);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    c = entries(tableid, "BFlagged");
    ok(c == 3, "records with Flag now: %lu\n", c);
    c = entries(tableid, "BUnflagged");
    ok(c == 1, "records without Flag now: %lu\n", c);

    JetCloseTable(sesid, tableid);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

START_TEST(index_key_most_and_info)
{
    JET_TABLEID tableid;
    JET_COLUMNDEF cd;
    JET_COLUMNID colBin;
    JET_INDEXCREATE2_A idx;
    char szKey[32];
    unsigned char v1[255], v2[255];
    unsigned short us = 0;
    unsigned long ul = 0;
    JET_ERR err;

    test_db_start("index_keymost", "kinds.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_kinds();
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypBinary;
    cd.cbMax = 255;
    err = JetAddColumnA(sesid, tableid, "Bin", &cd, NULL, 0, &colBin);
    ok(err == JET_errSuccess, "JetAddColumnA: %ld\n", err);

    /* Unique on Bin with the default key size (255 bytes) and with room for 400. */
    err = create_index2(tableid, "BinShort", "+Bin", JET_bitIndexUnique | JET_bitIndexIgnoreNull);
    ok(err == JET_errSuccess, "BinShort: %ld\n", err);
    index2(&idx, szKey, "BinLong", "+Bin", JET_bitIndexUnique | JET_bitIndexIgnoreNull | JET_bitIndexKeyMost);
    idx.cbKeyMost = 400;
    err = JetCreateIndex3A(sesid, tableid, &idx, 1);
    ok(err == JET_errSuccess, "BinLong: %ld\n", err);

    err = JetGetTableIndexInfoA(sesid, tableid, "BinShort", &us, sizeof us, JET_IdxInfoKeyMost);
    ok(err == JET_errSuccess && us == JET_cbKeyMost, "default key most: %ld, %u\n", err, us);
    err = JetGetTableIndexInfoA(sesid, tableid, "BinLong", &us, sizeof us, JET_IdxInfoKeyMost);
    ok(err == JET_errSuccess && us == 400, "key most 400: %ld, %u\n", err, us);
    err = JetGetIndexInfoA(sesid, dbid, "Kinds", "BinLong", &us, sizeof us, JET_IdxInfoKeyMost);
    ok(err == JET_errSuccess && us == 400, "JetGetIndexInfoA(KeyMost): %ld, %u\n", err, us);
    err = JetGetIndexInfoA(sesid, dbid, "Kinds", "BinLong", &ul, sizeof ul, JET_IdxInfoSpaceAlloc);
    ok(err == JET_errSuccess && ul == 100, "density: %ld, %lu\n", err, ul);
    err = JetGetIndexInfoA(sesid, dbid, "Kinds", NULL, &ul, sizeof ul, JET_IdxInfoCount);
    ok(err == JET_errSuccess && ul == 3, "indexes on the table: %ld, %lu\n", err, ul);
    err = JetGetIndexInfoA(sesid, dbid, "Kinds", "NoSuchIndex", &us, sizeof us, JET_IdxInfoKeyMost);
    ok(err == JET_errIndexNotFound, "unknown index: %ld\n", err);

    /* Two values equal in their first 250 bytes: the same key once cut at 255 bytes, different
     * keys at 400. */
    memset(v1, 0x5a, sizeof v1);
    memcpy(v2, v1, sizeof v2);
    v2[252] = 0x11;
    JetDeleteIndexA(sesid, tableid, "BinLong");
    JetBeginTransaction(sesid);
    insert_begin(tableid, 10);
    JetSetColumn(sesid, tableid, colBin, v1, sizeof v1, 0, NULL);
    insert_end(tableid);
    insert_begin(tableid, 11);
    JetSetColumn(sesid, tableid, colBin, v2, sizeof v2, 0, NULL);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errKeyDuplicate, "keys cut at 255 bytes collide: %ld\n", err);
    JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    JetCommitTransaction(sesid, 0);

    JetDeleteIndexA(sesid, tableid, "BinShort");
    err = JetCreateIndex3A(sesid, tableid, &idx, 1);
    ok(err == JET_errSuccess, "BinLong again: %ld\n", err);
    JetBeginTransaction(sesid);
    insert_begin(tableid, 11);
    JetSetColumn(sesid, tableid, colBin, v2, sizeof v2, 0, NULL);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errSuccess, "keys of 400 bytes differ: %ld\n", err);
    JetCommitTransaction(sesid, 0);

    JetCloseTable(sesid, tableid);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

START_TEST(index_locales)
{
    JET_TABLEID tableid;
    JET_INDEXCREATE2_A idx;
    JET_INDEXCREATE3_A idx3;
    JET_UNICODEINDEX ui;
    JET_UNICODEINDEX2 ui2;
    static WCHAR wszFrench[] = { 'f', 'r', '-', 'F', 'R', 0 };
    char szKey[32];
    WCHAR wszName[LOCALE_NAME_MAX_LENGTH];
    unsigned long lcid = 0;
    JET_ERR err;

    test_db_start("index_locales", "kinds.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_kinds();

    /* An LCID (JET_UNICODEINDEX) becomes its locale name, as LCIDToLocaleName gives it. */
    index2(&idx, szKey, "TGerman", "+T", JET_bitIndexUnicode);
    ui.lcid = 0x0407;
    ui.dwMapFlags = 0;
    idx.pidxunicode = &ui;
    err = JetCreateIndex3A(sesid, tableid, &idx, 1);
    ok(err == JET_errSuccess, "an index in German (0x407): %ld\n", err);
    err = JetGetTableIndexInfoA(sesid, tableid, "TGerman", &lcid, sizeof lcid, JET_IdxInfoLCID);
    ok(err == JET_errSuccess && lcid == 0x0407, "its LCID: %ld, %#lx\n", err, lcid);
    memset(wszName, 0, sizeof wszName);
    err = JetGetTableIndexInfoW(sesid, tableid, L"TGerman", wszName, sizeof wszName, JET_IdxInfoLocaleName);
    ok(err == JET_errSuccess && !wcscmp(wszName, L"de-DE"), "its locale name: %ld, %ls\n", err, wszName);

    /* A name (JET_UNICODEINDEX2) answers the LCID LocaleNameToLCID gives it. */
    memset(&idx3, 0, sizeof idx3);
    idx3.cbStruct = sizeof idx3;
    idx3.szIndexName = (char *)"TFrench";
    idx3.szKey = szKey;
    idx3.cbKey = test_make_key(szKey, "+T");
    idx3.grbit = JET_bitIndexUnicode;
    idx3.ulDensity = 100;
    ui2.szLocaleName = wszFrench;
    ui2.dwMapFlags = 0;
    idx3.pidxunicode = &ui2;
    err = JetCreateIndex4A(sesid, tableid, &idx3, 1);
    ok(err == JET_errSuccess, "an index in fr-FR: %ld\n", err);
    err = JetGetTableIndexInfoA(sesid, tableid, "TFrench", &lcid, sizeof lcid, JET_IdxInfoLCID);
    ok(err == JET_errSuccess && lcid == 0x040c, "its LCID: %ld, %#lx\n", err, lcid);

    /* Unknown LCIDs and names. */
    index2(&idx, szKey, "TBad", "+T", JET_bitIndexUnicode);
    ui.lcid = 0x12345;
    idx.pidxunicode = &ui;
    err = JetCreateIndex3A(sesid, tableid, &idx, 1);
    ok(err == JET_errInvalidLanguageId, "LCID 0x12345: %ld\n", err);
    wszFrench[0] = 'q';
    wszFrench[1] = 'q';
    idx3.szIndexName = (char *)"TBad";
    err = JetCreateIndex4A(sesid, tableid, &idx3, 1);
    ok(err == JET_errInvalidLanguageId, "locale qq-FR: %ld\n", err);

    /* Rows sort under their index's locale: every record with T is there. */
    ok(entries(tableid, "TGerman") == 4 && entries(tableid, "TFrench") == 4, "entries\n");

    JetCloseTable(sesid, tableid);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

START_TEST(index_primary_added)
{
    JET_TABLEID tableid;
    JET_COLUMNDEF cd;
    JET_COLUMNID colName;
    char szKey[16];
    JET_ERR err;

    test_db_start("index_primary", "kinds.edb", &inst, &sesid, dir, dbpath, &dbid);
    /* A table made without indexes keys its records by their order of insertion ... */
    err = JetCreateTableA(sesid, dbid, "Seq", 0, 100, &tableid);
    ok(err == JET_errSuccess, "JetCreateTableA: %ld\n", err);
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypText;
    cd.cp = 1252;
    err = JetAddColumnA(sesid, tableid, "Name", &cd, NULL, 0, &colName);
    ok(err == JET_errSuccess, "JetAddColumnA: %ld\n", err);

    /* ... until, while it is empty, it is given a primary index. */
    err = JetCreateIndexA(sesid, tableid, "ByName", JET_bitIndexPrimary, szKey, test_make_key(szKey, "+Name"), 100);
    ok(err == JET_errSuccess, "a primary index on an empty table: %ld\n", err);
    err = JetCreateIndexA(sesid, tableid, "Again", JET_bitIndexPrimary, szKey, test_make_key(szKey, "+Name"), 100);
    ok(err == JET_errIndexHasPrimary, "a second primary index: %ld\n", err);
    JetBeginTransaction(sesid);
    JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    JetSetColumn(sesid, tableid, colName, "b", 1, 0, NULL);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    JetSetColumn(sesid, tableid, colName, "a", 1, 0, NULL);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    JetSetColumn(sesid, tableid, colName, "a", 1, 0, NULL);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errKeyDuplicate, "the primary key is unique: %ld\n", err);
    JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    JetCommitTransaction(sesid, 0);
    {
        char sz[4];
        unsigned long cb = 0;
        err = JetMove(sesid, tableid, JET_MoveFirst, 0);
        ok(err == JET_errSuccess, "JetMove: %ld\n", err);
        JetRetrieveColumn(sesid, tableid, colName, sz, sizeof sz, &cb, 0, NULL);
        ok(cb == 1 && sz[0] == 'a', "first by name\n");
    }
    JetCloseTable(sesid, tableid);

    /* A table with a record cannot get one. */
    err = JetCreateTableA(sesid, dbid, "Full", 0, 100, &tableid);
    ok(err == JET_errSuccess, "JetCreateTableA: %ld\n", err);
    err = JetAddColumnA(sesid, tableid, "Name", &cd, NULL, 0, &colName);
    ok(err == JET_errSuccess, "JetAddColumnA: %ld\n", err);
    JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    JetSetColumn(sesid, tableid, colName, "x", 1, 0, NULL);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    err = JetCreateIndexA(sesid, tableid, "ByName", JET_bitIndexPrimary, szKey, test_make_key(szKey, "+Name"), 100);
    ok(err == JET_errTableNotEmpty, "a primary index on a table with a record: %ld\n", err);
    JetCloseTable(sesid, tableid);

    test_db_stop(inst, sesid, dir, dbpath, dbid);
}
