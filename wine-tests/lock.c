/* SPDX-License-Identifier: MIT
 * wine-tests/lock.c: JetGetLock, as ESE's ErrIsamGetLock: a read or write lock on the current
 * record for the rest of the transaction. Write locks conflict with every other session's lock or
 * change of the record (JET_errWriteConflict at once, never a wait); read locks share. */
#include "test_util.h"

static JET_INSTANCE inst;
static char dir[MAX_PATH];

static JET_COLUMNID make_table(JET_SESID sesid, JET_DBID dbid)
{
    static char szKey[] = "+id\0";
    JET_COLUMNCREATE_A rgcol[2] = {
        { sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), "value", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
    };
    JET_INDEXCREATE_A idx;
    memset(&idx, 0, sizeof idx);
    idx.cbStruct = sizeof idx;
    idx.szIndexName = "primary";
    idx.szKey = szKey;
    idx.cbKey = sizeof szKey;
    idx.grbit = JET_bitIndexPrimary;
    idx.ulDensity = 100;
    JET_TABLECREATE_A tc = { sizeof tc, "t", NULL, 1, 100, rgcol, 2, &idx, 1, 0, 0, 0 };
    JET_ERR err = JetCreateTableColumnIndexA(sesid, dbid, &tc);
    ok(err == JET_errSuccess, "JetCreateTableColumnIndexA: %ld\n", err);
    for (long id = 1; id <= 2; id++) {
        err = JetPrepareUpdate(sesid, tc.tableid, JET_prepInsert);
        ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
        err = JetSetColumn(sesid, tc.tableid, rgcol[0].columnid, &id, sizeof id, 0, NULL);
        ok(err == JET_errSuccess, "JetSetColumn: %ld\n", err);
        err = JetSetColumn(sesid, tc.tableid, rgcol[1].columnid, &id, sizeof id, 0, NULL);
        ok(err == JET_errSuccess, "JetSetColumn: %ld\n", err);
        err = JetUpdate(sesid, tc.tableid, NULL, 0, NULL);
        ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    }
    err = JetCloseTable(sesid, tc.tableid);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    return rgcol[1].columnid;
}

static JET_TABLEID open_on(JET_SESID sesid, JET_DBID dbid, long id, JET_GRBIT grbitOpen)
{
    JET_TABLEID tableid = 0;
    JET_ERR err = JetOpenTableA(sesid, dbid, "t", NULL, 0, grbitOpen, &tableid);
    ok(err == JET_errSuccess, "JetOpenTableA: %ld\n", err);
    err = JetMakeKey(sesid, tableid, &id, sizeof id, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetSeek(sesid, tableid, JET_bitSeekEQ);
    ok(err == JET_errSuccess, "JetSeek %ld: %ld\n", id, err);
    return tableid;
}

START_TEST(lock_records)
{
    JET_SESID s1, s2;
    JET_DBID db1, db2;
    JET_TABLEID t1, t2, t1b, tRO;
    JET_COLUMNID colValue;
    char path[MAX_PATH];
    long v = 99;
    JET_ERR err;

    test_make_dir("lock_records", dir, sizeof dir);
    err = JetCreateInstanceA(&inst, "lock_records");
    ok(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: %ld\n", err);
    err = JetBeginSessionA(inst, &s1, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
    err = JetBeginSessionA(inst, &s2, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
    snprintf(path, sizeof path, "%slock.edb", dir);
    err = JetCreateDatabaseA(s1, path, NULL, &db1, 0);
    ok(err == JET_errSuccess, "JetCreateDatabaseA: %ld\n", err);
    colValue = make_table(s1, db1);
    err = JetOpenDatabaseA(s2, path, NULL, &db2, 0);
    ok(err == JET_errSuccess, "JetOpenDatabaseA: %ld\n", err);

    t1 = open_on(s1, db1, 1, 0);
    t2 = open_on(s2, db2, 1, 0);

    /* outside a transaction, and the argument checks */
    err = JetGetLock(s1, t1, JET_bitWriteLock);
    ok(err == JET_errNotInTransaction, "outside a transaction: %ld\n", err);
    err = JetBeginTransaction(s1);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetGetLock(s1, t1, 0);
    ok(err == JET_errInvalidGrbit, "no lock kind: %ld\n", err);
    err = JetGetLock(s1, t1, JET_bitReadLock | JET_bitWriteLock);
    ok(err == JET_errInvalidGrbit, "both lock kinds: %ld\n", err);
    err = JetGetLock(s1, JET_tableidNil, JET_bitReadLock);
    ok(err == JET_errInvalidTableId, "nil tableid: %ld\n", err);
    tRO = open_on(s1, db1, 2, JET_bitTableReadOnly);
    err = JetGetLock(s1, tRO, JET_bitWriteLock);
    ok(err == JET_errPermissionDenied, "write lock through a read-only cursor: %ld\n", err);
    err = JetGetLock(s1, tRO, JET_bitReadLock);
    ok(err == JET_errSuccess, "read lock through a read-only cursor: %ld\n", err);
    err = JetCloseTable(s1, tRO);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);

    /* read locks share; a write lock conflicts with them */
    err = JetGetLock(s1, t1, JET_bitReadLock);
    ok(err == JET_errSuccess, "s1 read lock: %ld\n", err);
    err = JetBeginTransaction(s2);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetGetLock(s2, t2, JET_bitReadLock);
    ok(err == JET_errSuccess, "s2 read lock beside s1's: %ld\n", err);
    err = JetGetLock(s2, t2, JET_bitWriteLock);
    ok(err == JET_errWriteConflict, "s2 write lock over s1's read lock: %ld\n", err);
    err = JetRollback(s2, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);
    err = JetCommitTransaction(s1, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);

    /* a write lock keeps every other session from changing or locking the record */
    err = JetBeginTransaction(s1);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetGetLock(s1, t1, JET_bitWriteLock);
    ok(err == JET_errSuccess, "s1 write lock: %ld\n", err);
    err = JetGetLock(s1, t1, JET_bitWriteLock);
    ok(err == JET_errSuccess, "s1 write lock again: %ld\n", err);
    err = JetBeginTransaction(s2);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetGetLock(s2, t2, JET_bitReadLock);
    ok(err == JET_errWriteConflict, "s2 read lock over s1's write lock: %ld\n", err);
    err = JetPrepareUpdate(s2, t2, JET_prepReplace);
    if (err == JET_errSuccess) {
        err = JetSetColumn(s2, t2, colValue, &v, sizeof v, 0, NULL);
        ok(err == JET_errSuccess, "JetSetColumn: %ld\n", err);
        err = JetUpdate(s2, t2, NULL, 0, NULL);
    }
    ok(err == JET_errWriteConflict, "s2 replace of the write-locked record: %ld\n", err);
    if (err != JET_errSuccess)
        JetPrepareUpdate(s2, t2, JET_prepCancel);
    /* another record is free, and so is the owner's own cursor */
    t1b = open_on(s2, db2, 2, 0);
    err = JetGetLock(s2, t1b, JET_bitWriteLock);
    ok(err == JET_errSuccess, "s2 write lock on another record: %ld\n", err);
    err = JetCloseTable(s2, t1b);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
    err = JetRollback(s2, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);
    err = JetRollback(s1, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);

    /* the locks ended with the transactions */
    err = JetBeginTransaction(s2);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetGetLock(s2, t2, JET_bitWriteLock);
    ok(err == JET_errSuccess, "s2 write lock after s1 rolled back: %ld\n", err);
    err = JetCommitTransaction(s2, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);

    /* off a record */
    err = JetBeginTransaction(s1);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetMove(s1, t1, JET_MoveLast, 0);
    ok(err == JET_errSuccess, "JetMove last: %ld\n", err);
    err = JetMove(s1, t1, JET_MoveNext, 0);
    ok(err == JET_errNoCurrentRecord, "JetMove past the end: %ld\n", err);
    err = JetGetLock(s1, t1, JET_bitReadLock);
    ok(err == JET_errNoCurrentRecord, "lock with no current record: %ld\n", err);
    err = JetCommitTransaction(s1, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);

    JetCloseTable(s1, t1);
    JetCloseTable(s2, t2);
    err = JetEndSession(s2, 0);
    ok(err == JET_errSuccess, "JetEndSession: %ld\n", err);
    err = JetEndSession(s1, 0);
    ok(err == JET_errSuccess, "JetEndSession: %ld\n", err);
    err = JetTerm2(inst, JET_bitTermComplete);
    ok(err == JET_errSuccess, "JetTerm2: %ld\n", err);
    test_remove_dir(dir);
}
