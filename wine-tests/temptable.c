/* SPDX-License-Identifier: MIT
 * wine-tests/temptable.c: temporary tables (JetOpenTempTable, JetOpenTempTable3,
 * JetOpenTemporaryTable), as ESE's sortapi.cxx defines them: the key columns sort the records
 * and drop duplicates (a forward-only sort keeps them; JET_bitTTErrorOnDuplicateInsertion
 * reports them), the first JetMove after the inserts lands on the first record, each phase
 * refuses what its function table does not have (JET_errIllegalOperation), column ids are given
 * as for ordinary tables, JET_paramMaxTemporaryTables 0 refuses every temporary table
 * (JET_errTooManySorts), and the temporary database is gone after JetTerm (ESE opens it with
 * fmfTemporary: deleted on close). */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH];

static void start(const char *name, int fNoTempTables)
{
    JET_ERR err;
    test_make_dir(name, dir, sizeof dir);
    err = JetCreateInstanceA(&inst, name);
    ok(err == JET_errSuccess, "JetCreateInstanceA returned %ld\n", err);
    test_set_paths(&inst, dir);
    if (fNoTempTables) {
        err = JetSetSystemParameterA(&inst, 0, JET_paramMaxTemporaryTables, 0, NULL);
        ok(err == JET_errSuccess, "JET_paramMaxTemporaryTables: got %ld\n", err);
    }
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit returned %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA returned %ld\n", err);
}

static void stop(void)
{
    char path[MAX_PATH];
    JET_ERR err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
    err = JetTerm(inst);
    ok(err == JET_errSuccess, "JetTerm returned %ld\n", err);
    snprintf(path, sizeof path, "%stmp.edb", dir);
    ok(GetFileAttributesA(path) == INVALID_FILE_ATTRIBUTES, "%s still there after JetTerm\n", path);
    test_remove_dir(dir);
}

static JET_COLUMNDEF coldef(JET_COLTYP coltyp, JET_GRBIT grbit)
{
    JET_COLUMNDEF cd;
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = coltyp;
    cd.grbit = grbit;
    return cd;
}

/* Key column (long) and value column (long). */
static JET_TABLEID open_kv_(int line, JET_GRBIT grbit, JET_COLUMNID rgcol[2])
{
    JET_COLUMNDEF rgcd[2];
    JET_TABLEID t = JET_tableidNil;
    JET_ERR err;
    rgcd[0] = coldef(JET_coltypLong, JET_bitColumnTTKey);
    rgcd[1] = coldef(JET_coltypLong, 0);
    err = JetOpenTempTable(sesid, rgcd, 2, grbit, &t, rgcol);
    ok_(__FILE__, line)(err == JET_errSuccess, "JetOpenTempTable(%#lx) returned %ld\n", (unsigned long)grbit, err);
    return t;
}
#define open_kv(grbit, rgcol) open_kv_(__LINE__, grbit, rgcol)

static JET_ERR insert(JET_TABLEID t, const JET_COLUMNID rgcol[2], LONG key, LONG val)
{
    JET_ERR err = JetPrepareUpdate(sesid, t, JET_prepInsert);
    if (err < 0) return err;
    JetSetColumn(sesid, t, rgcol[0], &key, sizeof key, 0, NULL);
    JetSetColumn(sesid, t, rgcol[1], &val, sizeof val, 0, NULL);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    if (err < 0) JetPrepareUpdate(sesid, t, JET_prepCancel);
    return err;
}

static LONG value(JET_TABLEID t, JET_COLUMNID col)
{
    LONG v = -1;
    unsigned long cb = 0;
    JET_ERR err = JetRetrieveColumn(sesid, t, col, &v, sizeof v, &cb, 0, NULL);
    ok(err == JET_errSuccess, "JetRetrieveColumn returned %ld\n", err);
    return v;
}

START_TEST(temptable_sort)
{
    static const LONG rgkey[] = { 5, -3, 9, 5, 1 };
    JET_COLUMNID rgcol[2];
    JET_TABLEID t, tDup;
    JET_OBJECTINFO oi;
    JET_ERR err;
    LONG v;
    unsigned long cb;
    int i;

    start("tt_sort", 0);
    t = open_kv(0, rgcol);
    for (i = 0; i < 5; i++) {
        err = insert(t, rgcol, rgkey[i], i);
        ok(err == JET_errSuccess, "insert %d: got %ld\n", i, err);       /* the duplicate 5 too */
    }
    /* the insert phase: no reads, no deletes, no cursor copies */
    err = JetRetrieveColumn(sesid, t, rgcol[1], &v, sizeof v, &cb, 0, NULL);
    ok(err == JET_errIllegalOperation, "retrieve while inserting: got %ld\n", err);
    err = JetDupCursor(sesid, t, &tDup, 0);
    ok(err == JET_errIllegalOperation, "dup while inserting: got %ld\n", err);
    err = JetGetTableInfoA(sesid, t, &oi, sizeof oi, JET_TblInfo);
    ok(err == JET_errIllegalOperation, "table info while inserting: got %ld\n", err);

    /* ErrTTSortInsMove: the move that ends the inserts finds the first record (-3) */
    err = JetMove(sesid, t, JET_MoveNext, 0);
    ok(err == JET_errSuccess, "first JetMove returned %ld\n", err);
    ok(value(t, rgcol[1]) == 1, "first record: value %ld\n", value(t, rgcol[1]));
    err = JetMove(sesid, t, JET_MoveNext, 0);
    ok(err == JET_errSuccess, "JetMove returned %ld\n", err);
    ok(value(t, rgcol[1]) == 4, "second record (key 1): value %ld\n", value(t, rgcol[1]));
    err = JetMove(sesid, t, JET_MoveNext, 0);
    ok(err == JET_errSuccess, "JetMove returned %ld\n", err);
    v = value(t, rgcol[1]);
    ok(v == 0 || v == 3, "third record (key 5, one of two): value %ld\n", v);
    err = JetMove(sesid, t, JET_MoveNext, 0);
    ok(err == JET_errSuccess, "JetMove returned %ld\n", err);
    ok(value(t, rgcol[1]) == 2, "fourth record (key 9): value %ld\n", value(t, rgcol[1]));
    err = JetMove(sesid, t, JET_MoveNext, 0);
    ok(err == JET_errNoCurrentRecord, "past the end: got %ld\n", err);

    /* reading a sort: no updates, no backward moves or seeks unless scrollable or indexed */
    err = JetPrepareUpdate(sesid, t, JET_prepInsert);
    ok(err == JET_errIllegalOperation, "prepare while reading: got %ld\n", err);
    err = JetMove(sesid, t, JET_MovePrevious, 0);
    ok(err == JET_errIllegalOperation, "move back: got %ld\n", err);
    v = 1;
    err = JetMakeKey(sesid, t, &v, sizeof v, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey returned %ld\n", err);
    err = JetSeek(sesid, t, JET_bitSeekEQ);
    ok(err == JET_errIllegalOperation, "seek: got %ld\n", err);
    err = JetMove(sesid, t, JET_MoveFirst, 0);
    ok(err == JET_errSuccess, "JetMove(first) returned %ld\n", err);
    ok(value(t, rgcol[1]) == 1, "first record again: value %ld\n", value(t, rgcol[1]));

    /* ErrIsamSortGetTableInfo: JET_TblInfo only */
    memset(&oi, 0xcc, sizeof oi);
    err = JetGetTableInfoA(sesid, t, &oi, sizeof oi, JET_TblInfo);
    ok(err == JET_errSuccess, "JetGetTableInfoA returned %ld\n", err);
    ok(oi.objtyp == JET_objtypTable, "objtyp %lu\n", (unsigned long)oi.objtyp);
    ok(oi.cRecord == 4, "cRecord %lu\n", (unsigned long)oi.cRecord);
    err = JetGetTableInfoA(sesid, t, &oi, sizeof oi, JET_TblInfoName);
    ok(err == JET_errInvalidOperation, "JET_TblInfoName: got %ld\n", err);

    /* ErrIsamSortDupCursor: the copy starts on the first record */
    err = JetMove(sesid, t, JET_MoveLast, 0);
    ok(err == JET_errSuccess, "JetMove(last) returned %ld\n", err);
    err = JetDupCursor(sesid, t, &tDup, 0);
    ok(err == JET_errSuccess, "JetDupCursor returned %ld\n", err);
    if (err == JET_errSuccess) {
        ok(value(tDup, rgcol[1]) == 1, "copy's record: value %ld\n", value(tDup, rgcol[1]));
        JetCloseTable(sesid, tDup);
    }
    err = JetCloseTable(sesid, t);
    ok(err == JET_errSuccess, "JetCloseTable returned %ld\n", err);
    stop();
}

START_TEST(temptable_duplicates)
{
    static const LONG rgkey[] = { 2, 1, 2, 1 };
    JET_COLUMNID rgcol[2];
    JET_TABLEID t;
    JET_ERR err;
    int i, c;

    start("tt_dups", 0);
    /* JET_bitTTErrorOnDuplicateInsertion (JET_bitTTForceMaterialization): a B+ tree at once */
    t = open_kv(JET_bitTTErrorOnDuplicateInsertion, rgcol);
    err = insert(t, rgcol, 7, 1);
    ok(err == JET_errSuccess, "insert returned %ld\n", err);
    err = insert(t, rgcol, 7, 2);
    ok(err == JET_errKeyDuplicate, "duplicate: got %ld\n", err);
    err = JetMove(sesid, t, JET_MoveFirst, 0);
    ok(err == JET_errSuccess, "JetMove returned %ld\n", err);
    ok(value(t, rgcol[1]) == 1, "the first stays: value %ld\n", value(t, rgcol[1]));
    JetCloseTable(sesid, t);

    /* a forward-only sort keeps duplicates (ErrSORTTableOpen's fRemoveDuplicates) */
    t = open_kv(JET_bitTTForwardOnly, rgcol);
    for (i = 0; i < 4; i++) insert(t, rgcol, rgkey[i], i);
    for (c = 0; (err = JetMove(sesid, t, JET_MoveNext, 0)) == JET_errSuccess; c++)
        ;
    ok(err == JET_errNoCurrentRecord, "end: got %ld\n", err);
    ok(c == 4, "forward-only sort: %d records\n", c);
    JetCloseTable(sesid, t);

    /* unless JET_bitTTUnique */
    t = open_kv(JET_bitTTForwardOnly | JET_bitTTUnique, rgcol);
    for (i = 0; i < 4; i++) insert(t, rgcol, rgkey[i], i);
    for (c = 0; JetMove(sesid, t, JET_MoveNext, 0) == JET_errSuccess; c++)
        ;
    ok(c == 2, "unique forward-only sort: %d records\n", c);
    JetCloseTable(sesid, t);
    stop();
}

START_TEST(temptable_open_rules)
{
    JET_COLUMNDEF rgcd[5];
    JET_COLUMNID rgcol[5];
    JET_TABLEID t;
    JET_OPENTEMPORARYTABLE ott;
    JET_ERR err;

    start("tt_open", 0);
    /* ErrSORTTableOpen's ids: variable 128.., fixed 1.., tagged 256.., in the caller's order */
    rgcd[0] = coldef(JET_coltypText, 0);
    rgcd[1] = coldef(JET_coltypLong, JET_bitColumnTTKey);
    rgcd[2] = coldef(JET_coltypLongText, 0);
    rgcd[3] = coldef(JET_coltypBinary, JET_bitColumnTagged);
    rgcd[4] = coldef(JET_coltypBinary, JET_bitColumnFixed);
    rgcd[4].cbMax = 4;
    memset(rgcol, 0xcc, sizeof rgcol);
    err = JetOpenTempTable(sesid, rgcd, 5, 0, &t, rgcol);
    ok(err == JET_errSuccess, "JetOpenTempTable returned %ld\n", err);
    ok(rgcol[0] == 128 && rgcol[1] == 1 && rgcol[2] == 256 && rgcol[3] == 257 && rgcol[4] == 2,
       "column ids %lu %lu %lu %lu %lu\n", rgcol[0], rgcol[1], rgcol[2], rgcol[3], rgcol[4]);
    if (err == JET_errSuccess) JetCloseTable(sesid, t);

    /* ErrIsamOpenTempTable: a forward-only sort cannot be made into a table */
    err = JetOpenTempTable(sesid, rgcd + 1, 1, JET_bitTTForwardOnly | JET_bitTTScrollable, &t, rgcol);
    ok(err == JET_errCannotMaterializeForwardOnlySort, "forward-only and scrollable: got %ld\n", err);
    err = JetOpenTempTable(sesid, rgcd + 1, 2, JET_bitTTForwardOnly, &t, rgcol);
    ok(err == JET_errCannotMaterializeForwardOnlySort, "forward-only with a long value: got %ld\n", err);
    err = JetOpenTempTable(sesid, rgcd + 2, 1, JET_bitTTForwardOnly, &t, rgcol);
    ok(err == JET_errCannotMaterializeForwardOnlySort, "forward-only without a key: got %ld\n", err);

    /* JetOpenTemporaryTable: cbStruct exact; key sizes as ErrSORTTableOpen checks them */
    memset(&ott, 0, sizeof ott);
    ott.cbStruct = sizeof ott - 1;
    ott.prgcolumndef = rgcd + 1;
    ott.ccolumn = 1;
    ott.prgcolumnid = rgcol;
    err = JetOpenTemporaryTable(sesid, &ott);
    ok(err == JET_errInvalidParameter, "cbStruct - 1: got %ld\n", err);
    ott.cbStruct = sizeof ott;
    ott.cbKeyMost = JET_cbKeyMostMin - 1;
    err = JetOpenTemporaryTable(sesid, &ott);
    ok(err == JET_errInvalidParameter, "cbKeyMost %lu: got %ld\n", ott.cbKeyMost, err);
    ott.cbKeyMost = 0;
    ott.cbVarSegMac = JET_cbKeyMostMin + 1;
    err = JetOpenTemporaryTable(sesid, &ott);
    ok(err == JET_errInvalidParameter, "cbVarSegMac %lu: got %ld\n", ott.cbVarSegMac, err);
    ott.cbVarSegMac = 0;
    err = JetOpenTemporaryTable(sesid, &ott);
    ok(err == JET_errSuccess, "JetOpenTemporaryTable returned %ld\n", err);
    if (err == JET_errSuccess) JetCloseTable(sesid, ott.tableid);
    stop();
}

START_TEST(temptable_none_allowed)
{
    JET_COLUMNDEF cd = coldef(JET_coltypLong, JET_bitColumnTTKey);
    JET_COLUMNID col;
    JET_TABLEID t;
    JET_ERR err;

    start("tt_none", 1);
    err = JetOpenTempTable(sesid, &cd, 1, 0, &t, &col);
    ok(err == JET_errTooManySorts, "JET_paramMaxTemporaryTables 0: got %ld\n", err);
    stop();
}

START_TEST(temptable_rollback)
{
    JET_COLUMNID rgcol[2];
    JET_TABLEID t;
    JET_ERR err;
    int i, c;

    start("tt_rollback", 0);
    /* a sort has no versions (sort.cxx keeps it in memory): a rollback leaves its records */
    t = open_kv(0, rgcol);
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction returned %ld\n", err);
    for (i = 0; i < 3; i++) {
        err = insert(t, rgcol, i, i);
        ok(err == JET_errSuccess, "insert %d: got %ld\n", i, err);
    }
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback returned %ld\n", err);
    for (c = 0; (err = JetMove(sesid, t, JET_MoveNext, 0)) == JET_errSuccess; c++)
        ;
    ok(err == JET_errNoCurrentRecord, "end: got %ld\n", err);
    ok(c == 3, "after the rollback: %d records\n", c);
    err = JetCloseTable(sesid, t);
    ok(err == JET_errSuccess, "JetCloseTable returned %ld\n", err);
    stop();
}
