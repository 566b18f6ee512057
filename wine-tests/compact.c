/* SPDX-License-Identifier: MIT
 * wine-tests/compact.c: JetCompactA/W. The argument and state errors ESE's JetCompactEx and
 * ErrIsamCompact give (an invalid session, a JET_CONVERT, a transaction, a source that is not
 * attached, a destination that exists), the JET_snpCompact status calls, and a round trip: a
 * table with a primary and a secondary index, multi-valued and long values and deleted records
 * is compacted, and the copy, attached, holds exactly the records left, through both indexes. */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH], path[MAX_PATH];
static JET_DBID dbid;
static JET_COLUMNID colId, colName, colTags, colBlob;

static struct {
    int cBegin, cProgress, cComplete, cFail, cOther;
    unsigned long cunitDoneLast, cunitTotal;
    int fBadProgress;
    int iFailAt;
} st;

static JET_ERR JET_API status(JET_SESID s, JET_SNP snp, JET_SNT snt, void *pv)
{
    const JET_SNPROG *p = pv;
    if (snp != JET_snpCompact) {
        st.cOther++;
        return JET_errSuccess;
    }
    switch (snt) {
    case JET_sntBegin: st.cBegin++; break;
    case JET_sntProgress:
        st.cProgress++;
        if (!p || p->cbStruct != sizeof *p || p->cunitDone > p->cunitTotal || p->cunitDone < st.cunitDoneLast)
            st.fBadProgress = 1;
        if (p) {
            st.cunitDoneLast = p->cunitDone;
            st.cunitTotal = p->cunitTotal;
        }
        if (st.iFailAt && st.cProgress == st.iFailAt) return JET_errCallbackFailed;
        break;
    case JET_sntComplete: st.cComplete++; break;
    case JET_sntFail: st.cFail++; break;
    default: st.cOther++; break;
    }
    (void)s;
    return JET_errSuccess;
}

static void blob_of(int i, unsigned char *pb, unsigned long cb)
{
    unsigned long b;
    for (b = 0; b < cb; b++) pb[b] = (unsigned char)(b * 7 + i);
}

static void make_table(void)
{
    JET_COLUMNCREATE_A rgc[4];
    JET_INDEXCREATE_A rgi[2];
    JET_TABLECREATE2_A tc;
    char k0[32], k1[32];
    JET_TABLEID tableid;
    JET_ERR err;
    int i;

    memset(rgc, 0, sizeof rgc);
    for (i = 0; i < 4; i++) rgc[i].cbStruct = sizeof rgc[i];
    rgc[0].szColumnName = (char *)"Id";
    rgc[0].coltyp = JET_coltypLong;
    rgc[1].szColumnName = (char *)"Name";
    rgc[1].coltyp = JET_coltypText;
    rgc[1].cbMax = 64;
    rgc[1].cp = 1252;
    rgc[2].szColumnName = (char *)"Tags";
    rgc[2].coltyp = JET_coltypLong;
    rgc[2].grbit = JET_bitColumnTagged | JET_bitColumnMultiValued;
    rgc[3].szColumnName = (char *)"Blob";
    rgc[3].coltyp = JET_coltypLongBinary;
    memset(rgi, 0, sizeof rgi);
    rgi[0].cbStruct = sizeof rgi[0];
    rgi[0].szIndexName = (char *)"Primary";
    rgi[0].szKey = k0;
    rgi[0].cbKey = test_make_key(k0, "+Id");
    rgi[0].grbit = JET_bitIndexPrimary;
    rgi[1].cbStruct = sizeof rgi[1];
    rgi[1].szIndexName = (char *)"ByName";
    rgi[1].szKey = k1;
    rgi[1].cbKey = test_make_key(k1, "-Name");
    rgi[1].grbit = JET_bitIndexUnique;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"t";
    tc.rgcolumncreate = rgc;
    tc.cColumns = 4;
    tc.rgindexcreate = rgi;
    tc.cIndexes = 2;
    err = JetCreateTableColumnIndex2A(sesid, dbid, &tc);
    ok(err == JET_errSuccess, "JetCreateTableColumnIndex2A: %ld\n", err);
    colId = rgc[0].columnid;
    colName = rgc[1].columnid;
    colTags = rgc[2].columnid;
    colBlob = rgc[3].columnid;
    tableid = tc.tableid;

    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    for (i = 0; i < 200; i++) {
        char sz[32];
        long t;
        unsigned char blob[9000];
        const unsigned long cbBlob = (unsigned long)(i % 4 == 0 ? 9000 : i % 50);
        int n;
        err = JetPrepareUpdate(sesid, tableid, JET_prepInsert);
        ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
        err = JetSetColumn(sesid, tableid, colId, &i, sizeof i, 0, NULL);
        ok(err == JET_errSuccess, "Id: %ld\n", err);
        snprintf(sz, sizeof sz, "name %03d", i);
        err = JetSetColumn(sesid, tableid, colName, sz, (unsigned long)strlen(sz), 0, NULL);
        ok(err == JET_errSuccess, "Name: %ld\n", err);
        for (n = 0; n < i % 3; n++) {
            JET_SETINFO si = { sizeof si, 0, 0 };   /* itagSequence 0: a new value */
            t = i * 10 + n;
            err = JetSetColumn(sesid, tableid, colTags, &t, sizeof t, 0, &si);
            ok(err == JET_errSuccess, "Tags: %ld\n", err);
        }
        blob_of(i, blob, cbBlob);
        if (cbBlob) {
            err = JetSetColumn(sesid, tableid, colBlob, blob, cbBlob, 0, NULL);
            ok(err == JET_errSuccess, "Blob: %ld\n", err);
        }
        err = JetUpdate(sesid, tableid, NULL, 0, NULL);
        ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    }
    /* every odd record goes */
    for (err = JetMove(sesid, tableid, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(sesid, tableid, JET_MoveNext, 0)) {
        long id = -1;
        unsigned long cb;
        err = JetRetrieveColumn(sesid, tableid, colId, &id, sizeof id, &cb, 0, NULL);
        ok(err == JET_errSuccess, "Id: %ld\n", err);
        if (id % 2) {
            err = JetDelete(sesid, tableid);
            ok(err == JET_errSuccess, "JetDelete: %ld\n", err);
        }
    }
    ok(err == JET_errNoCurrentRecord, "end: %ld\n", err);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    err = JetCloseTable(sesid, tableid);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
}

/* The copy holds the even records, each whole, in Id order and (descending) in Name order. */
static void check_copy(const char *szCopy)
{
    JET_DBID dbidCopy;
    JET_TABLEID tableid;
    JET_COLUMNDEF cd;
    JET_COLUMNID cId, cName, cTags, cBlob;
    JET_ERR err;
    int c = 0, expect;

    err = JetAttachDatabaseA(sesid, szCopy, JET_bitDbReadOnly);
    ok(err == JET_errSuccess, "attach the copy: %ld\n", err);
    err = JetOpenDatabaseA(sesid, szCopy, NULL, &dbidCopy, JET_bitDbReadOnly);
    ok(err == JET_errSuccess, "open the copy: %ld\n", err);
    err = JetOpenTableA(sesid, dbidCopy, "t", NULL, 0, JET_bitTableReadOnly, &tableid);
    ok(err == JET_errSuccess, "open t: %ld\n", err);
    if (err != JET_errSuccess) return;
    err = JetGetTableColumnInfoA(sesid, tableid, "Id", &cd, sizeof cd, JET_ColInfo);
    ok(err == JET_errSuccess && cd.coltyp == JET_coltypLong, "Id: %ld, coltyp %lu\n", err, cd.coltyp);
    cId = cd.columnid;
    err = JetGetTableColumnInfoA(sesid, tableid, "Name", &cd, sizeof cd, JET_ColInfo);
    ok(err == JET_errSuccess && cd.coltyp == JET_coltypText && cd.cbMax == 64, "Name: %ld, coltyp %lu cbMax %lu\n", err,
       cd.coltyp, cd.cbMax);
    cName = cd.columnid;
    err = JetGetTableColumnInfoA(sesid, tableid, "Tags", &cd, sizeof cd, JET_ColInfo);
    ok(err == JET_errSuccess && (cd.grbit & JET_bitColumnMultiValued), "Tags: %ld, grbit %#lx\n", err, cd.grbit);
    cTags = cd.columnid;
    err = JetGetTableColumnInfoA(sesid, tableid, "Blob", &cd, sizeof cd, JET_ColInfo);
    ok(err == JET_errSuccess && cd.coltyp == JET_coltypLongBinary, "Blob: %ld, coltyp %lu\n", err, cd.coltyp);
    cBlob = cd.columnid;

    expect = 0;
    for (err = JetMove(sesid, tableid, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(sesid, tableid, JET_MoveNext, 0)) {
        long id = -1, t;
        char sz[64], szExpect[32];
        unsigned char blob[9000], blobExpect[9000];
        unsigned long cb, cbBlob = (unsigned long)(expect % 4 == 0 ? 9000 : expect % 50);
        int n;
        JET_RETINFO ri;
        err = JetRetrieveColumn(sesid, tableid, cId, &id, sizeof id, &cb, 0, NULL);
        ok(err == JET_errSuccess && id == expect, "record %d: Id %ld (%ld)\n", c, id, err);
        err = JetRetrieveColumn(sesid, tableid, cName, sz, sizeof sz, &cb, 0, NULL);
        snprintf(szExpect, sizeof szExpect, "name %03d", expect);
        ok(err == JET_errSuccess && cb == strlen(szExpect) && !memcmp(sz, szExpect, cb), "record %d: Name (%ld)\n", c, err);
        for (n = 0; n < 3; n++) {
            memset(&ri, 0, sizeof ri);
            ri.cbStruct = sizeof ri;
            ri.itagSequence = (unsigned long)n + 1;
            t = -1;
            err = JetRetrieveColumn(sesid, tableid, cTags, &t, sizeof t, &cb, 0, &ri);
            if (n < expect % 3)
                ok(err == JET_errSuccess && t == expect * 10 + n, "record %d: tag %d %ld (%ld)\n", c, n, t, err);
            else
                ok(err == JET_wrnColumnNull, "record %d: tag %d: %ld\n", c, n, err);
        }
        err = JetRetrieveColumn(sesid, tableid, cBlob, blob, sizeof blob, &cb, 0, NULL);
        blob_of(expect, blobExpect, cbBlob);
        if (cbBlob)
            ok(err == JET_errSuccess && cb == cbBlob && !memcmp(blob, blobExpect, cb), "record %d: blob %lu bytes (%ld)\n",
               c, cb, err);
        else
            ok(err == JET_wrnColumnNull, "record %d: blob: %ld\n", c, err);
        expect += 2;
        c++;
    }
    ok(err == JET_errNoCurrentRecord, "end: %ld\n", err);
    ok(c == 100, "%d records in the copy\n", c);

    /* the secondary index: every record, names descending */
    err = JetSetCurrentIndexA(sesid, tableid, "ByName");
    ok(err == JET_errSuccess, "JetSetCurrentIndex: %ld\n", err);
    c = 0;
    expect = 198;
    for (err = JetMove(sesid, tableid, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(sesid, tableid, JET_MoveNext, 0)) {
        long id = -1;
        unsigned long cb;
        err = JetRetrieveColumn(sesid, tableid, cId, &id, sizeof id, &cb, 0, NULL);
        ok(err == JET_errSuccess && id == expect, "ByName %d: Id %ld\n", c, id);
        expect -= 2;
        c++;
    }
    ok(c == 100, "%d entries in ByName\n", c);

    err = JetCloseTable(sesid, tableid);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    err = JetCloseDatabase(sesid, dbidCopy, 0);
    ok(err == JET_errSuccess, "JetCloseDatabase: %ld\n", err);
    err = JetDetachDatabaseA(sesid, szCopy);
    ok(err == JET_errSuccess, "JetDetachDatabase: %ld\n", err);
}

START_TEST(compact)
{
    char copy[MAX_PATH], copyW[MAX_PATH], missing[MAX_PATH];
    WCHAR wpath[MAX_PATH], wcopy[MAX_PATH];
    JET_CONVERT_A convert;
    JET_ERR err;

    test_db_start("compact", "src.edb", &inst, &sesid, dir, path, &dbid);
    make_table();
    err = JetCloseDatabase(sesid, dbid, 0);
    ok(err == JET_errSuccess, "JetCloseDatabase: %ld\n", err);
    snprintf(copy, sizeof copy, "%scopy.edb", dir);
    snprintf(copyW, sizeof copyW, "%scopyw.edb", dir);
    snprintf(missing, sizeof missing, "%smissing.edb", dir);

    /* errors */
    err = JetCompactA(JET_sesidNil, path, copy, NULL, NULL, 0);
    ok(err == JET_errInvalidSesid, "nil session: %ld\n", err);
    memset(&convert, 0, sizeof convert);
    err = JetCompactA(sesid, path, copy, NULL, &convert, 0);
    ok(err == JET_errFeatureNotAvailable, "JET_CONVERT: %ld\n", err);
    ok(GetFileAttributesA(copy) == INVALID_FILE_ATTRIBUTES, "the copy was made\n");
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetCompactA(sesid, path, copy, NULL, NULL, 0);
    ok(err == JET_errInTransaction, "in a transaction: %ld\n", err);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);
    err = JetCompactA(sesid, missing, copy, NULL, NULL, 0);
    ok(err == JET_errDatabaseNotFound, "source not attached: %ld\n", err);
    ok(GetFileAttributesA(copy) == INVALID_FILE_ATTRIBUTES, "the copy was made\n");
    err = JetCompactA(sesid, path, path, NULL, NULL, 0);
    ok(err == JET_errDatabaseDuplicate, "destination is the source: %ld\n", err);

    /* the round trip, with the status calls */
    memset(&st, 0, sizeof st);
    err = JetCompactA(sesid, path, copy, status, NULL, 0);
    ok(err == JET_errSuccess, "JetCompactA: %ld\n", err);
    ok(st.cBegin == 1, "%d begin calls\n", st.cBegin);
    ok(st.cProgress >= 1, "%d progress calls\n", st.cProgress);
    ok(st.cComplete == 1, "%d complete calls\n", st.cComplete);
    ok(st.cFail == 0 && st.cOther == 0, "%d fail calls, %d others\n", st.cFail, st.cOther);
    ok(!st.fBadProgress, "progress went backwards or past its total\n");
    ok(st.cunitTotal > 0, "cunitTotal %lu\n", st.cunitTotal);
    check_copy(copy);

    /* the destination exists now */
    err = JetCompactA(sesid, path, copy, NULL, NULL, 0);
    ok(err == JET_errDatabaseDuplicate, "destination exists: %ld\n", err);

    /* the wide form, without a callback */
    MultiByteToWideChar(CP_ACP, 0, path, -1, wpath, MAX_PATH);
    MultiByteToWideChar(CP_ACP, 0, copyW, -1, wcopy, MAX_PATH);
    err = JetCompactW(sesid, wpath, wcopy, NULL, NULL, 0);
    ok(err == JET_errSuccess, "JetCompactW: %ld\n", err);
    check_copy(copyW);
    DeleteFileA(copyW);

    /* a callback's error stops the copy with that error, after a failure call */
    memset(&st, 0, sizeof st);
    st.iFailAt = 1;
    err = JetCompactA(sesid, path, copyW, status, NULL, 0);
    ok(err == JET_errCallbackFailed, "failing callback: %ld\n", err);
    ok(st.cProgress == 1, "%d progress calls\n", st.cProgress);
    ok(st.cFail == 1 && st.cComplete == 0, "%d fail, %d complete calls\n", st.cFail, st.cComplete);
    DeleteFileA(copyW);

    err = JetOpenDatabaseA(sesid, path, NULL, &dbid, 0);
    ok(err == JET_errSuccess, "JetOpenDatabase: %ld\n", err);
    test_db_stop(inst, sesid, dir, path, dbid);
}
