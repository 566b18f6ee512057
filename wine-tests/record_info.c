/* SPDX-License-Identifier: MIT
 * wine-tests/record_info.c: what a record holds, as a whole: JetEnumerateColumns (every column or
 * the ones asked for, itagSequences, presence only, single values in place, separated long values
 * cut at cbDataMost, the allocator) and JetGetRecordSize / JetGetRecordSize2 (the data, tagged,
 * multi-value and long-value counts, running totals, local sizes). Each check states what
 * Windows' esent.dll does: ESE's ErrRECEnumerateAllColumns / ErrRECEnumerateReqColumns (argument
 * and grbit rules, JET_wrnColumnSingleValue, JET_wrnColumnPresent, JET_wrnColumnTruncated) and
 * ErrIsamGetRecordSize with the column iterators' ErrGetColumnSize (JET_RECSIZE counts
 * multi-values beyond the first). */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH];
static char dbpath[MAX_PATH];
static JET_DBID dbid;

enum { C_ID, C_NAME, C_TAGS, C_BIG, C_EMPTY, CCOL };
static JET_COLUMNID colid[CCOL];
#define CB_BIG 10000

static void *JET_API test_realloc(void *pvContext, void *pv, unsigned long cb)
{
    (void)pvContext;
    if (!cb) {
        free(pv);
        return NULL;
    }
    return realloc(pv, cb);
}

static void free_enum(unsigned long c, JET_ENUMCOLUMN *rg)
{
    unsigned long i, j;
    for (i = 0; i < c; i++) {
        if (rg[i].err == JET_wrnColumnSingleValue) {
            test_realloc(NULL, rg[i].pvData, 0);
            continue;
        }
        if (rg[i].err != JET_errSuccess)
            continue;
        for (j = 0; j < rg[i].cEnumColumnValue; j++)
            test_realloc(NULL, rg[i].rgEnumColumnValue[j].pvData, 0);
        test_realloc(NULL, rg[i].rgEnumColumnValue, 0);
    }
    test_realloc(NULL, rg, 0);
}

/* "Rec": Id (fixed, primary), Name (text), Tags (multi-valued Long), Big (long binary), Empty
 * (tagged, never set). Record 1: "abcdef", Tags {11, 12}, Big CB_BIG bytes (separated from the
 * record); record 2: "ab", Tags {21}, no Big. Returns the table open on record 1. */
static JET_TABLEID create_rec(unsigned char *pbBig)
{
    JET_COLUMNCREATE_A rgc[CCOL];
    JET_SETINFO append = { sizeof(JET_SETINFO), 0, 0 };
    JET_TABLEID tableid;
    JET_ERR err;
    long v;
    int i;

    memset(rgc, 0, sizeof rgc);
    rgc[C_ID].szColumnName = (char *)"Id";
    rgc[C_ID].coltyp = JET_coltypLong;
    rgc[C_NAME].szColumnName = (char *)"Name";
    rgc[C_NAME].coltyp = JET_coltypText;
    rgc[C_NAME].cp = 1252;
    rgc[C_TAGS].szColumnName = (char *)"Tags";
    rgc[C_TAGS].coltyp = JET_coltypLong;
    rgc[C_TAGS].grbit = JET_bitColumnTagged | JET_bitColumnMultiValued;
    rgc[C_BIG].szColumnName = (char *)"Big";
    rgc[C_BIG].coltyp = JET_coltypLongBinary;
    rgc[C_EMPTY].szColumnName = (char *)"Empty";
    rgc[C_EMPTY].coltyp = JET_coltypLong;
    rgc[C_EMPTY].grbit = JET_bitColumnTagged;
    tableid = test_create_table(sesid, dbid, "Rec", rgc, CCOL, colid);
    for (i = 0; i < CB_BIG; i++)
        pbBig[i] = (unsigned char)(i * 7);

    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    v = 1;
    JetSetColumn(sesid, tableid, colid[C_ID], &v, sizeof v, 0, NULL);
    JetSetColumn(sesid, tableid, colid[C_NAME], "abcdef", 6, 0, NULL);
    v = 11;
    JetSetColumn(sesid, tableid, colid[C_TAGS], &v, sizeof v, 0, NULL);
    v = 12;
    JetSetColumn(sesid, tableid, colid[C_TAGS], &v, sizeof v, 0, &append);
    err = JetSetColumn(sesid, tableid, colid[C_BIG], pbBig, CB_BIG, 0, NULL);
    ok(err == JET_errSuccess, "JetSetColumn(Big): %ld\n", err);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    err = JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    v = 2;
    JetSetColumn(sesid, tableid, colid[C_ID], &v, sizeof v, 0, NULL);
    JetSetColumn(sesid, tableid, colid[C_NAME], "ab", 2, 0, NULL);
    v = 21;
    JetSetColumn(sesid, tableid, colid[C_TAGS], &v, sizeof v, 0, NULL);
    err = JetUpdate(sesid, tableid, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    err = JetMove(sesid, tableid, JET_MoveFirst, 0);
    ok(err == JET_errSuccess, "JetMove(first): %ld\n", err);
    return tableid;
}

static const JET_ENUMCOLUMN *find_column(unsigned long c, const JET_ENUMCOLUMN *rg, JET_COLUMNID columnid)
{
    unsigned long i;
    for (i = 0; i < c; i++)
        if (rg[i].columnid == columnid)
            return &rg[i];
    return NULL;
}

static long long_at(const void *pv)
{
    long v;
    memcpy(&v, pv, sizeof v);
    return v;
}

START_TEST(record_enumerate_columns)
{
    static unsigned char big[CB_BIG];
    JET_TABLEID tableid;
    JET_ERR err;
    unsigned long c = 0;
    JET_ENUMCOLUMN *rg = NULL;
    const JET_ENUMCOLUMN *p;
    JET_ENUMCOLUMNID req[2];
    unsigned long itag2 = 2;

    test_db_start("record_enumerate", "rec.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_rec(big);

    /* The allocator is required; JET_bitEnumerateLocal and unknown bits are refused. */
    err = JetEnumerateColumns(sesid, tableid, 0, NULL, &c, &rg, NULL, NULL, 0, 0);
    ok(err == JET_errInvalidParameter, "no allocator: %ld\n", err);
    err = JetEnumerateColumns(sesid, tableid, 0, NULL, &c, &rg, test_realloc, NULL, 0, JET_bitEnumerateLocal);
    ok(err == JET_errInvalidGrbit, "JET_bitEnumerateLocal: %ld\n", err);
    err = JetEnumerateColumns(sesid, tableid, 0, NULL, &c, &rg, test_realloc, NULL, 0, 0x08000000);
    ok(err == JET_errInvalidGrbit, "unknown grbit: %ld\n", err);

    /* Every column present in the record, each value in an array; the separated long value cut
     * at cbDataMost with JET_wrnColumnTruncated. */
    err = JetEnumerateColumns(sesid, tableid, 0, NULL, &c, &rg, test_realloc, NULL, 100, 0);
    ok(err == JET_errSuccess, "JetEnumerateColumns: %ld\n", err);
    ok(c == 4, "columns present: %lu\n", c);
    p = find_column(c, rg, colid[C_ID]);
    ok(p && p->err == JET_errSuccess && p->cEnumColumnValue == 1 && p->rgEnumColumnValue[0].cbData == 4 &&
       long_at(p->rgEnumColumnValue[0].pvData) == 1, "Id\n");
    p = find_column(c, rg, colid[C_NAME]);
    ok(p && p->err == JET_errSuccess && p->cEnumColumnValue == 1 && p->rgEnumColumnValue[0].cbData == 6 &&
       !memcmp(p->rgEnumColumnValue[0].pvData, "abcdef", 6), "Name\n");
    p = find_column(c, rg, colid[C_TAGS]);
    ok(p && p->err == JET_errSuccess && p->cEnumColumnValue == 2, "Tags: two values\n");
    if (p && p->err == JET_errSuccess && p->cEnumColumnValue == 2) {
        ok(p->rgEnumColumnValue[0].itagSequence == 1 && long_at(p->rgEnumColumnValue[0].pvData) == 11, "Tags 1\n");
        ok(p->rgEnumColumnValue[1].itagSequence == 2 && long_at(p->rgEnumColumnValue[1].pvData) == 12, "Tags 2\n");
    }
    p = find_column(c, rg, colid[C_BIG]);
    ok(p && p->err == JET_errSuccess && p->cEnumColumnValue == 1, "Big\n");
    if (p && p->err == JET_errSuccess && p->cEnumColumnValue == 1) {
        ok(p->rgEnumColumnValue[0].err == JET_wrnColumnTruncated, "Big cut: %ld\n", p->rgEnumColumnValue[0].err);
        ok(p->rgEnumColumnValue[0].cbData == 100 && !memcmp(p->rgEnumColumnValue[0].pvData, big, 100),
           "Big's first 100 bytes: %lu\n", p->rgEnumColumnValue[0].cbData);
    }
    ok(!find_column(c, rg, colid[C_EMPTY]), "a NULL column is not listed\n");
    free_enum(c, rg);

    /* JET_bitEnumerateCompressOutput: a lone value in the record sits in JET_ENUMCOLUMN itself. */
    err = JetEnumerateColumns(sesid, tableid, 0, NULL, &c, &rg, test_realloc, NULL, CB_BIG, JET_bitEnumerateCompressOutput);
    ok(err == JET_errSuccess, "JetEnumerateColumns(compress): %ld\n", err);
    p = find_column(c, rg, colid[C_ID]);
    ok(p && p->err == JET_wrnColumnSingleValue && p->cbData == 4 && long_at(p->pvData) == 1, "Id in place\n");
    p = find_column(c, rg, colid[C_TAGS]);
    ok(p && p->err == JET_errSuccess && p->cEnumColumnValue == 2, "two values stay an array\n");
    p = find_column(c, rg, colid[C_BIG]);
    ok(p && p->err == JET_errSuccess && p->cEnumColumnValue == 1 && p->rgEnumColumnValue[0].cbData == CB_BIG &&
       !memcmp(p->rgEnumColumnValue[0].pvData, big, CB_BIG), "a separated value stays an array, whole\n");
    free_enum(c, rg);

    /* JET_bitEnumeratePresenceOnly: no values. */
    err = JetEnumerateColumns(sesid, tableid, 0, NULL, &c, &rg, test_realloc, NULL, 0, JET_bitEnumeratePresenceOnly);
    ok(err == JET_errSuccess, "JetEnumerateColumns(presence): %ld\n", err);
    ok(c == 4, "columns present: %lu\n", c);
    p = find_column(c, rg, colid[C_NAME]);
    ok(p && p->err == JET_wrnColumnPresent, "Name present: %ld\n", p ? p->err : 0);
    free_enum(c, rg);

    /* JET_bitEnumerateTaggedOnly: Tags and Big. */
    err = JetEnumerateColumns(sesid, tableid, 0, NULL, &c, &rg, test_realloc, NULL, 0, JET_bitEnumerateTaggedOnly);
    ok(err == JET_errSuccess, "JetEnumerateColumns(tagged): %ld\n", err);
    ok(c == 2 && find_column(c, rg, colid[C_TAGS]) && find_column(c, rg, colid[C_BIG]), "tagged columns: %lu\n", c);
    free_enum(c, rg);

    /* Asked-for columns: a NULL one is listed with JET_wrnColumnNull; one itagSequence of Tags. */
    memset(req, 0, sizeof req);
    req[0].columnid = colid[C_EMPTY];
    req[1].columnid = colid[C_TAGS];
    req[1].ctagSequence = 1;
    req[1].rgtagSequence = &itag2;
    err = JetEnumerateColumns(sesid, tableid, 2, req, &c, &rg, test_realloc, NULL, 0, 0);
    ok(err == JET_errSuccess, "JetEnumerateColumns(asked): %ld\n", err);
    ok(c == 2, "columns: %lu\n", c);
    if (c == 2) {
        ok(rg[0].columnid == colid[C_EMPTY] && rg[0].err == JET_wrnColumnNull, "Empty is NULL: %ld\n", rg[0].err);
        ok(rg[1].columnid == colid[C_TAGS] && rg[1].err == JET_errSuccess && rg[1].cEnumColumnValue == 1 &&
           rg[1].rgEnumColumnValue[0].itagSequence == 2 && long_at(rg[1].rgEnumColumnValue[0].pvData) == 12,
           "the second value of Tags\n");
    }
    free_enum(c, rg);

    JetCloseTable(sesid, tableid);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

START_TEST(record_get_record_size)
{
    static unsigned char big[CB_BIG];
    JET_TABLEID tableid;
    JET_RECSIZE rs;
    JET_RECSIZE2 rs2;
    JET_ERR err;

    test_db_start("record_size", "rec.edb", &inst, &sesid, dir, dbpath, &dbid);
    tableid = create_rec(big);

    err = JetGetRecordSize(sesid, tableid, NULL, 0);
    ok(err == JET_errInvalidParameter, "no JET_RECSIZE: %ld\n", err);

    /* Record 1: Id (4) and Name (6) in the record, Tags' two values (8, one multi-value beyond
     * the first) and Big's CB_BIG bytes in the long-value tree. */
    memset(&rs, 0xcc, sizeof rs);
    err = JetGetRecordSize(sesid, tableid, &rs, 0);
    ok(err == JET_errSuccess, "JetGetRecordSize: %ld\n", err);
    ok(rs.cbData == 18, "cbData %lu\n", (unsigned long)rs.cbData);
    ok(rs.cNonTaggedColumns == 2 && rs.cTaggedColumns == 2 && rs.cMultiValues == 1,
       "columns: %lu non-tagged, %lu tagged, %lu multi-values\n", (unsigned long)rs.cNonTaggedColumns,
       (unsigned long)rs.cTaggedColumns, (unsigned long)rs.cMultiValues);
    ok(rs.cLongValues == 1 && rs.cbLongValueData == CB_BIG, "long values: %lu of %lu bytes\n",
       (unsigned long)rs.cLongValues, (unsigned long)rs.cbLongValueData);
    ok(rs.cbOverhead > 0 && rs.cbLongValueOverhead > 0, "overheads %lu, %lu\n", (unsigned long)rs.cbOverhead,
       (unsigned long)rs.cbLongValueOverhead);

    /* JET_bitRecordSizeLocal: the long value counted but not read. */
    memset(&rs2, 0xcc, sizeof rs2);
    err = JetGetRecordSize2(sesid, tableid, &rs2, JET_bitRecordSizeLocal);
    ok(err == JET_errSuccess, "JetGetRecordSize2(local): %ld\n", err);
    ok(rs2.cbData == 18 && rs2.cbDataCompressed == 18, "cbData %lu, compressed %lu\n", (unsigned long)rs2.cbData,
       (unsigned long)rs2.cbDataCompressed);
    ok(rs2.cLongValues == 1 && rs2.cbLongValueData == 0, "local: %lu long values, %lu bytes\n",
       (unsigned long)rs2.cLongValues, (unsigned long)rs2.cbLongValueData);

    /* JET_bitRecordSizeRunningTotal adds record 2 (Id, "ab", one Tag) to record 1's sizes. */
    err = JetMove(sesid, tableid, JET_MoveNext, 0);
    ok(err == JET_errSuccess, "JetMove(next): %ld\n", err);
    err = JetGetRecordSize(sesid, tableid, &rs, JET_bitRecordSizeRunningTotal);
    ok(err == JET_errSuccess, "JetGetRecordSize(running total): %ld\n", err);
    ok(rs.cbData == 18 + 10, "running cbData %lu\n", (unsigned long)rs.cbData);
    ok(rs.cNonTaggedColumns == 4 && rs.cTaggedColumns == 3 && rs.cMultiValues == 1 && rs.cLongValues == 1,
       "running counts %lu %lu %lu %lu\n", (unsigned long)rs.cNonTaggedColumns, (unsigned long)rs.cTaggedColumns,
       (unsigned long)rs.cMultiValues, (unsigned long)rs.cLongValues);

    /* In the copy buffer: the record being built. */
    err = JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    err = JetSetColumn(sesid, tableid, colid[C_NAME], "abcd", 4, 0, NULL);
    ok(err == JET_errSuccess, "JetSetColumn: %ld\n", err);
    err = JetGetRecordSize(sesid, tableid, &rs, JET_bitRecordSizeInCopyBuffer);
    ok(err == JET_errSuccess, "JetGetRecordSize(copy): %ld\n", err);
    ok(rs.cbData == 12, "copy buffer cbData %lu\n", (unsigned long)rs.cbData);
    err = JetGetRecordSize(sesid, tableid, &rs, 0);
    ok(err == JET_errSuccess && rs.cbData == 10, "the record itself: %ld, %lu\n", err, (unsigned long)rs.cbData);
    JetPrepareUpdate(sesid, tableid, JET_prepCancel);

    JetCloseTable(sesid, tableid);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}
