/* SPDX-License-Identifier: MIT
 * wine-tests/isolation.c: transactions that isolate, with data, through the exports: one test per
 * rule of ESE's transaction model. A transaction reads the committed state as of its
 * JetBeginTransaction plus its own changes; readers and writers never wait for each other; the
 * second writer of a record gets JET_errWriteConflict at once (ESE's ErrVERModify), and an insert
 * of a key another transaction holds is JET_errKeyDuplicate (ErrBTInsert turns the conflict into
 * it); an uncommitted primary index of another session is JET_errWriteConflictPrimaryIndex
 * (FCB::ErrSetUpdatingAndEnterDML); table modes (ErrFILEISetMode: JET_errTableInUse,
 * JET_errTableLocked); seven levels that commit into and roll back out of each other
 * (ErrIsamRollback cancels the updates prepared at the rolled-back level); escrow deltas that
 * commute (JET_bitEscrowNoRollback, delete-on-zero by version cleanup; a no-rollback delta
 * conflicts with nothing and goes with the rollback of a replace it was made over); lazy commits; a
 * transaction belongs to the thread that began it (PIB::FPIBCheckTrxContext), so another
 * thread's JetEndSession cannot end it and JetTerm refuses it (ErrIsamEndSession, ErrINSTTerm);
 * DDL rolled back is seen rolled back by sessions that had the table open; and a full version
 * store that leaves the transaction able to roll back. */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID s1, s2;
static JET_DBID db1, db2;
static char dir[MAX_PATH], path[MAX_PATH];

enum { C_ID, C_VAL, C_NAME, C_ESC, CCOL };
static JET_COLUMNID col[CCOL];
static JET_COLUMNID colRc;          /* table "rc": its delete-on-zero count */

/* Table "t": id (primary), val, name (unique, NULLs ignored), esc (escrow, default 0); rows
 * 1..3 with val id*10 and names "a".."c". */
static void create_t(void)
{
    static const long lZero = 0;
    char szPrimary[16], szName[16];
    JET_COLUMNCREATE_A rgc[CCOL] = {
        { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"val", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"name", JET_coltypText, 64, 0, NULL, 0, 1252, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"esc", JET_coltypLong, 0, JET_bitColumnEscrowUpdate | JET_bitColumnFixed,
          (void *)&lZero, sizeof lZero, 0, 0, 0 },
    };
    JET_INDEXCREATE_A rgi[2];
    JET_TABLECREATE_A tc;
    JET_ERR err;
    int i;

    memset(rgi, 0, sizeof rgi);
    rgi[0].cbStruct = sizeof rgi[0];
    rgi[0].szIndexName = (char *)"primary";
    rgi[0].szKey = szPrimary;
    rgi[0].cbKey = test_make_key(szPrimary, "+id");
    rgi[0].grbit = JET_bitIndexPrimary;
    rgi[0].ulDensity = 100;
    rgi[1] = rgi[0];
    rgi[1].szIndexName = (char *)"name";
    rgi[1].szKey = szName;
    rgi[1].cbKey = test_make_key(szName, "+name");
    rgi[1].grbit = JET_bitIndexUnique | JET_bitIndexIgnoreNull;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"t";
    tc.ulPages = 1;
    tc.ulDensity = 100;
    tc.rgcolumncreate = rgc;
    tc.cColumns = CCOL;
    tc.rgindexcreate = rgi;
    tc.cIndexes = 2;
    err = JetCreateTableColumnIndexA(s1, db1, &tc);
    ok(err == JET_errSuccess, "JetCreateTableColumnIndexA: %ld\n", err);
    for (i = 0; i < CCOL; i++) col[i] = rgc[i].columnid;
    for (i = 1; i <= 3; i++) {
        long id = i, val = i * 10;
        char sz[2] = { (char)('a' + i - 1), 0 };
        err = JetPrepareUpdate(s1, tc.tableid, JET_prepInsert);
        ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
        JetSetColumn(s1, tc.tableid, col[C_ID], &id, sizeof id, 0, NULL);
        JetSetColumn(s1, tc.tableid, col[C_VAL], &val, sizeof val, 0, NULL);
        JetSetColumn(s1, tc.tableid, col[C_NAME], sz, 1, 0, NULL);
        err = JetUpdate(s1, tc.tableid, NULL, 0, NULL);
        ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    }
    err = JetCloseTable(s1, tc.tableid);
    ok(err == JET_errSuccess, "JetCloseTable: %ld\n", err);
}

/* Two sessions on one database holding table t. */
static void start(const char *name)
{
    JET_ERR err;
    test_db_start(name, "iso.edb", &inst, &s1, dir, path, &db1);
    create_t();
    err = JetBeginSessionA(inst, &s2, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
    err = JetOpenDatabaseA(s2, path, NULL, &db2, 0);
    ok(err == JET_errSuccess, "JetOpenDatabaseA: %ld\n", err);
}

static void stop(void)
{
    JET_ERR err = JetCloseDatabase(s2, db2, 0);
    ok(err == JET_errSuccess, "JetCloseDatabase: %ld\n", err);
    err = JetEndSession(s2, 0);
    ok(err == JET_errSuccess, "JetEndSession: %ld\n", err);
    test_db_stop(inst, s1, dir, path, db1);
}

static JET_TABLEID open_t_(int line, JET_SESID s, JET_GRBIT grbit)
{
    JET_TABLEID t = JET_tableidNil;
    JET_ERR err = JetOpenTableA(s, s == s1 ? db1 : db2, "t", NULL, 0, grbit, &t);
    ok_(__FILE__, line)(err == JET_errSuccess, "JetOpenTableA: %ld\n", err);
    return t;
}
#define open_t(s, grbit) open_t_(__LINE__, s, grbit)

static JET_ERR seek_id(JET_SESID s, JET_TABLEID t, long id)
{
    JET_ERR err = JetSetCurrentIndexA(s, t, NULL);
    if (err < 0) return err;
    err = JetMakeKey(s, t, &id, sizeof id, JET_bitNewKey);
    if (err < 0) return err;
    return JetSeek(s, t, JET_bitSeekEQ);
}

static JET_ERR seek_name(JET_SESID s, JET_TABLEID t, const char *sz)
{
    JET_ERR err = JetSetCurrentIndexA(s, t, "name");
    if (err < 0) return err;
    err = JetMakeKey(s, t, sz, (unsigned long)strlen(sz), JET_bitNewKey);
    if (err < 0) return err;
    return JetSeek(s, t, JET_bitSeekEQ);
}

static long get_long(JET_SESID s, JET_TABLEID t, int c)
{
    long v = 0xcccc;
    unsigned long cb = 0;
    JET_ERR err = JetRetrieveColumn(s, t, col[c], &v, sizeof v, &cb, 0, NULL);
    return err == JET_errSuccess && cb == sizeof v ? v : -1000000 + err;
}

/* The value of record id as s sees it, -1 if it sees none. */
static long val_of(JET_SESID s, JET_TABLEID t, long id)
{
    JET_ERR err = seek_id(s, t, id);
    if (err == JET_errRecordNotFound) return -1;
    if (err < 0) return -1000000 + err;
    return get_long(s, t, C_VAL);
}

static long count_rows(JET_SESID s, JET_TABLEID t)
{
    long n = 0;
    JET_ERR err = JetSetCurrentIndexA(s, t, NULL);
    for (err = JetMove(s, t, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(s, t, JET_MoveNext, 0))
        n++;
    return err == JET_errNoCurrentRecord ? n : -1000000 + err;
}

/* Inserts id/val/name (name NULL: none); returns the first error. */
static JET_ERR insert_row(JET_SESID s, JET_TABLEID t, long id, long val, const char *name)
{
    JET_ERR err = JetPrepareUpdate(s, t, JET_prepInsert);
    if (err < 0) return err;
    err = JetSetColumn(s, t, col[C_ID], &id, sizeof id, 0, NULL);
    if (err >= 0) err = JetSetColumn(s, t, col[C_VAL], &val, sizeof val, 0, NULL);
    if (err >= 0 && name) err = JetSetColumn(s, t, col[C_NAME], name, (unsigned long)strlen(name), 0, NULL);
    if (err >= 0) err = JetUpdate(s, t, NULL, 0, NULL);
    if (err < 0) JetPrepareUpdate(s, t, JET_prepCancel);
    return err;
}

/* Replaces val of record id (prep: JET_prepReplace or JET_prepReplaceNoLock). */
static JET_ERR replace_val(JET_SESID s, JET_TABLEID t, long id, long val, unsigned long prep)
{
    JET_ERR err = seek_id(s, t, id);
    if (err < 0) return err;
    err = JetPrepareUpdate(s, t, prep);
    if (err < 0) return err;
    err = JetSetColumn(s, t, col[C_VAL], &val, sizeof val, 0, NULL);
    if (err >= 0) err = JetUpdate(s, t, NULL, 0, NULL);
    if (err < 0) JetPrepareUpdate(s, t, JET_prepCancel);
    return err;
}

static JET_ERR delete_id(JET_SESID s, JET_TABLEID t, long id)
{
    JET_ERR err = seek_id(s, t, id);
    if (err < 0) return err;
    return JetDelete(s, t);
}

static JET_ERR escrow(JET_SESID s, JET_TABLEID t, long id, long delta, JET_GRBIT grbit)
{
    JET_ERR err = seek_id(s, t, id);
    if (err < 0) return err;
    return JetEscrowUpdate(s, t, col[C_ESC], &delta, sizeof delta, NULL, 0, NULL, grbit);
}

#define check(e, exp) do { JET_ERR err_ = (e); ok(err_ == (exp), "%s: got %ld, expected %ld\n", #e, err_, (long)(exp)); } while (0)
#define check_long(e, exp) do { long l_ = (e); ok(l_ == (exp), "%s: got %ld, expected %ld\n", #e, l_, (long)(exp)); } while (0)

/* A transaction reads the committed state as of its JetBeginTransaction plus its own changes:
 * others' inserts, replaces and deletes are invisible until they commit, and stay invisible to it
 * after they commit. */
START_TEST(isolation_snapshot)
{
    JET_TABLEID t1, t2;

    start("isolation_snapshot");
    t1 = open_t(s1, 0);
    t2 = open_t(s2, 0);

    check(JetBeginTransaction(s2), JET_errSuccess);             /* s2's snapshot: rows 1..3 */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(insert_row(s1, t1, 4, 40, "d"), JET_errSuccess);
    check(replace_val(s1, t1, 1, 11, JET_prepReplace), JET_errSuccess);
    check(delete_id(s1, t1, 2), JET_errSuccess);

    /* its own changes */
    check_long(val_of(s1, t1, 4), 40);
    check_long(val_of(s1, t1, 1), 11);
    check_long(val_of(s1, t1, 2), -1);
    check_long(count_rows(s1, t1), 3);
    /* uncommitted: invisible to the other, through every index */
    check_long(val_of(s2, t2, 4), -1);
    check_long(val_of(s2, t2, 1), 10);
    check_long(val_of(s2, t2, 2), 20);
    check_long(count_rows(s2, t2), 3);
    check(seek_name(s2, t2, "d"), JET_errRecordNotFound);
    check(seek_name(s2, t2, "b"), JET_errSuccess);
    check_long(get_long(s2, t2, C_ID), 2);

    /* committed after s2 began: still not seen by s2 */
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check_long(val_of(s2, t2, 4), -1);
    check_long(val_of(s2, t2, 1), 10);
    check_long(val_of(s2, t2, 2), 20);
    check_long(count_rows(s2, t2), 3);
    check(seek_name(s2, t2, "d"), JET_errRecordNotFound);
    check(JetCommitTransaction(s2, 0), JET_errSuccess);

    /* a new transaction, and a read outside any, see the commit */
    check_long(val_of(s2, t2, 1), 11);
    check(JetBeginTransaction(s2), JET_errSuccess);
    check_long(val_of(s2, t2, 4), 40);
    check_long(val_of(s2, t2, 2), -1);
    check_long(count_rows(s2, t2), 3);
    check(seek_name(s2, t2, "d"), JET_errSuccess);
    check(JetCommitTransaction(s2, 0), JET_errSuccess);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* Readers do not block writers, nor writers readers: every call below returns at once (a wait
 * would hang the test). */
START_TEST(isolation_readers_and_writers_do_not_block)
{
    JET_TABLEID t1, t2;

    start("isolation_no_blocking");
    t1 = open_t(s1, 0);
    t2 = open_t(s2, 0);

    /* a reader in a transaction holds nothing against a writer */
    check(JetBeginTransaction(s2), JET_errSuccess);
    check_long(val_of(s2, t2, 1), 10);
    check(replace_val(s1, t1, 1, 12, JET_prepReplace), JET_errSuccess);        /* level 0: autocommitted */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(delete_id(s1, t1, 3), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check_long(val_of(s2, t2, 1), 10);
    check_long(val_of(s2, t2, 3), 30);
    check(JetCommitTransaction(s2, 0), JET_errSuccess);

    /* a writer's uncommitted change holds nothing against readers, in a transaction or not */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(replace_val(s1, t1, 2, 21, JET_prepReplace), JET_errSuccess);
    check_long(val_of(s2, t2, 2), 20);
    check(JetBeginTransaction(s2), JET_errSuccess);
    check_long(val_of(s2, t2, 2), 20);
    check_long(count_rows(s2, t2), 2);
    check(JetCommitTransaction(s2, 0), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check_long(val_of(s2, t2, 2), 21);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* The second writer of a record gets JET_errWriteConflict at once: JetPrepareUpdate(replace)
 * takes a write lock in a transaction, JetUpdate after a no-lock prepare and JetDelete conflict,
 * JetGetLock conflicts both ways; a change committed after the second transaction began is still
 * a conflict for it (first writer wins); at level 0 the implicit transaction conflicts too. */
START_TEST(isolation_write_conflict)
{
    JET_TABLEID t1, t2;
    long v = 0;

    start("isolation_write_conflict");
    t1 = open_t(s1, 0);
    t2 = open_t(s2, 0);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(replace_val(s1, t1, 1, 11, JET_prepReplace), JET_errSuccess);
    check(JetBeginTransaction(s2), JET_errSuccess);
    check(seek_id(s2, t2, 1), JET_errSuccess);
    check(JetPrepareUpdate(s2, t2, JET_prepReplace), JET_errWriteConflict);
    check(JetPrepareUpdate(s2, t2, JET_prepReplaceNoLock), JET_errSuccess);
    check(JetSetColumn(s2, t2, col[C_VAL], &v, sizeof v, 0, NULL), JET_errSuccess);
    check(JetUpdate(s2, t2, NULL, 0, NULL), JET_errWriteConflict);
    JetPrepareUpdate(s2, t2, JET_prepCancel);
    check(JetDelete(s2, t2), JET_errWriteConflict);
    check(JetGetLock(s2, t2, JET_bitReadLock), JET_errWriteConflict);
    check(JetGetLock(s2, t2, JET_bitWriteLock), JET_errWriteConflict);
    check_long(val_of(s2, t2, 1), 10);                      /* and it still reads its snapshot */
    /* other records are free */
    check(replace_val(s2, t2, 2, 22, JET_prepReplace), JET_errSuccess);
    /* and s1 conflicts with s2's change in turn */
    check(seek_id(s1, t1, 2), JET_errSuccess);
    check(JetPrepareUpdate(s1, t1, JET_prepReplace), JET_errWriteConflict);
    check(JetDelete(s1, t1), JET_errWriteConflict);

    /* committed after s2 began: first writer wins */
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check(replace_val(s2, t2, 1, 13, JET_prepReplace), JET_errWriteConflict);
    check(delete_id(s2, t2, 1), JET_errWriteConflict);
    check(JetRollback(s2, 0), JET_errSuccess);
    check_long(val_of(s2, t2, 2), 20);

    /* level 0: JetUpdate's own transaction conflicts with an uncommitted change */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(replace_val(s1, t1, 3, 31, JET_prepReplace), JET_errSuccess);
    check(replace_val(s2, t2, 3, 33, JET_prepReplace), JET_errWriteConflict);
    check(delete_id(s2, t2, 3), JET_errWriteConflict);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    /* a new transaction of s2 starts after the commit: no conflict */
    check(JetBeginTransaction(s2), JET_errSuccess);
    check(replace_val(s2, t2, 1, 14, JET_prepReplace), JET_errSuccess);
    check(JetCommitTransaction(s2, 0), JET_errSuccess);
    check_long(val_of(s1, t1, 1), 14);
    check_long(val_of(s1, t1, 3), 31);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* Inserting a key another transaction holds: ErrBTInsert turns the version store's write conflict
 * into JET_errKeyDuplicate, for the primary key and a unique secondary key alike, whether the
 * other transaction inserted it, deleted it (uncommitted) or deleted it after this one began. */
START_TEST(isolation_key_conflicts)
{
    JET_TABLEID t1, t2;

    start("isolation_key_conflicts");
    t1 = open_t(s1, 0);
    t2 = open_t(s2, 0);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetBeginTransaction(s2), JET_errSuccess);
    /* another's uncommitted insert */
    check(insert_row(s1, t1, 10, 100, "x"), JET_errSuccess);
    check(insert_row(s2, t2, 10, 101, NULL), JET_errKeyDuplicate);
    check(insert_row(s2, t2, 11, 110, "x"), JET_errKeyDuplicate);
    /* another's uncommitted delete: the key is still held */
    check(delete_id(s1, t1, 3), JET_errSuccess);
    check(insert_row(s2, t2, 3, 300, NULL), JET_errKeyDuplicate);
    check(insert_row(s2, t2, 12, 120, "c"), JET_errKeyDuplicate);
    /* a replace moving a unique key onto another's uncommitted one */
    check(seek_id(s2, t2, 1), JET_errSuccess);
    check(JetPrepareUpdate(s2, t2, JET_prepReplace), JET_errSuccess);
    check(JetSetColumn(s2, t2, col[C_NAME], "x", 1, 0, NULL), JET_errSuccess);
    check(JetUpdate(s2, t2, NULL, 0, NULL), JET_errKeyDuplicate);
    JetPrepareUpdate(s2, t2, JET_prepCancel);
    /* nothing of s2's failed inserts is left behind */
    check_long(val_of(s2, t2, 11), -1);
    check_long(count_rows(s2, t2), 3);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    /* committed after s2 began: still a duplicate for s2, though its snapshot shows no row 10
     * and still shows row 3 */
    check_long(val_of(s2, t2, 10), -1);
    check_long(val_of(s2, t2, 3), 30);
    check(insert_row(s2, t2, 10, 102, NULL), JET_errKeyDuplicate);
    check(insert_row(s2, t2, 3, 301, NULL), JET_errKeyDuplicate);
    check(JetRollback(s2, 0), JET_errSuccess);

    /* after the commit, a new transaction may take the deleted key */
    check(JetBeginTransaction(s2), JET_errSuccess);
    check(insert_row(s2, t2, 3, 302, "c"), JET_errSuccess);
    check(insert_row(s2, t2, 13, 130, "x"), JET_errKeyDuplicate);       /* committed, visible */
    check(JetCommitTransaction(s2, 0), JET_errSuccess);
    check_long(val_of(s1, t1, 3), 302);
    check_long(count_rows(s1, t1), 4);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* A primary index another session created and has not committed: updates through other sessions
 * get JET_errWriteConflictPrimaryIndex (ESE's FCB::ErrSetUpdatingAndEnterDML, no wait); the
 * creator's own updates go on. */
START_TEST(isolation_write_conflict_primary_index)
{
    JET_COLUMNDEF cd;
    JET_COLUMNID colid;
    JET_TABLEID ts1, ts2;
    char szKey[16];
    unsigned long cbKey = test_make_key(szKey, "+k");
    long k = 1;
    JET_ERR err;

    start("isolation_wcpi");
    check(JetCreateTableA(s1, db1, "seq", 1, 100, &ts1), JET_errSuccess);
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    check(JetAddColumnA(s1, ts1, "k", &cd, NULL, 0, &colid), JET_errSuccess);
    check(JetCloseTable(s1, ts1), JET_errSuccess);
    check(JetOpenTableA(s1, db1, "seq", NULL, 0, 0, &ts1), JET_errSuccess);
    check(JetOpenTableA(s2, db2, "seq", NULL, 0, 0, &ts2), JET_errSuccess);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetCreateIndexA(s1, ts1, "pk", JET_bitIndexPrimary, szKey, cbKey, 100), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);         /* into level 1: still uncommitted */
    check(JetPrepareUpdate(s2, ts2, JET_prepInsert), JET_errSuccess);
    check(JetSetColumn(s2, ts2, colid, &k, sizeof k, 0, NULL), JET_errSuccess);
    err = JetUpdate(s2, ts2, NULL, 0, NULL);
    ok(err == JET_errWriteConflictPrimaryIndex, "insert beside another's uncommitted primary index: %ld\n", err);
    if (err < 0) JetPrepareUpdate(s2, ts2, JET_prepCancel);
    /* in a transaction of its own too, at once */
    check(JetBeginTransaction(s2), JET_errSuccess);
    check(JetPrepareUpdate(s2, ts2, JET_prepInsert), JET_errSuccess);
    check(JetSetColumn(s2, ts2, colid, &k, sizeof k, 0, NULL), JET_errSuccess);
    check(JetUpdate(s2, ts2, NULL, 0, NULL), JET_errWriteConflictPrimaryIndex);
    JetPrepareUpdate(s2, ts2, JET_prepCancel);
    check(JetRollback(s2, 0), JET_errSuccess);
    /* its creator's session may insert */
    check(JetPrepareUpdate(s1, ts1, JET_prepInsert), JET_errSuccess);
    check(JetSetColumn(s1, ts1, colid, &k, sizeof k, 0, NULL), JET_errSuccess);
    check(JetUpdate(s1, ts1, NULL, 0, NULL), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);

    check(JetCloseTable(s1, ts1), JET_errSuccess);
    check(JetCloseTable(s2, ts2), JET_errSuccess);
    stop();
}

/* DDL and table modes against tables in use (ErrFILEISetMode): a deny-read cursor locks others
 * out (JET_errTableLocked) and needs nobody else's cursor (JET_errTableInUse); a deny-write cursor
 * keeps other sessions' updatable opens out and needs no other updatable cursor; a table open
 * elsewhere cannot be deleted. */
START_TEST(isolation_tables_in_use)
{
    JET_TABLEID t1, t2, tx;

    start("isolation_tables_in_use");
    t2 = open_t(s2, 0);
    check(JetOpenTableA(s1, db1, "t", NULL, 0, JET_bitTableDenyRead, &tx), JET_errTableInUse);
    check(JetOpenTableA(s1, db1, "t", NULL, 0, JET_bitTableDenyWrite, &tx), JET_errTableInUse);
    check(JetDeleteTableA(s1, db1, "t"), JET_errTableInUse);
    check(JetCloseTable(s2, t2), JET_errSuccess);

    t2 = open_t(s2, JET_bitTableReadOnly);
    t1 = open_t(s1, JET_bitTableDenyWrite);                  /* a read-only cursor does not stop it */
    check(JetOpenTableA(s2, db2, "t", NULL, 0, JET_bitTableUpdatable, &tx), JET_errTableLocked);
    check(JetOpenTableA(s2, db2, "t", NULL, 0, JET_bitTableDenyWrite, &tx), JET_errTableInUse);
    tx = open_t(s2, JET_bitTableReadOnly);
    check(JetCloseTable(s2, tx), JET_errSuccess);
    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);

    t1 = open_t(s1, JET_bitTableDenyRead);
    check(JetOpenTableA(s2, db2, "t", NULL, 0, 0, &tx), JET_errTableLocked);
    check(JetOpenTableA(s2, db2, "t", NULL, 0, JET_bitTableReadOnly, &tx), JET_errTableLocked);
    tx = open_t(s1, 0);                                      /* its own session may */
    check(JetCloseTable(s1, tx), JET_errSuccess);
    check(JetCloseTable(s1, t1), JET_errSuccess);
    t2 = open_t(s2, 0);                                      /* free again */
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* Seven levels with data: an eighth is JET_errTransTooDeep; JetRollback undoes the innermost
 * level only, an inner commit merges into the outer level (and goes with it when that rolls
 * back), JET_bitRollbackAll undoes every level; nothing is seen by others before level 0 commits. */
START_TEST(isolation_nesting)
{
    JET_TABLEID t1, t2;
    long level;

    start("isolation_nesting");
    t1 = open_t(s1, 0);
    t2 = open_t(s2, 0);

    for (level = 1; level <= 7; level++) {
        check(JetBeginTransaction(s1), JET_errSuccess);
        check(insert_row(s1, t1, 100 + level, level, NULL), JET_errSuccess);
        check(replace_val(s1, t1, 1, 1000 + level, JET_prepReplace), JET_errSuccess);
    }
    check(JetBeginTransaction(s1), JET_errTransTooDeep);
    check_long(count_rows(s1, t1), 10);
    check_long(val_of(s2, t2, 107), -1);

    check(JetRollback(s1, 0), JET_errSuccess);                           /* level 7 goes */
    check_long(val_of(s1, t1, 107), -1);
    check_long(val_of(s1, t1, 106), 6);
    check_long(val_of(s1, t1, 1), 1006);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);                  /* 6 into 5 */
    check_long(val_of(s1, t1, 106), 6);
    check_long(val_of(s2, t2, 106), -1);
    check_long(val_of(s2, t2, 1), 10);
    check(JetRollback(s1, 0), JET_errSuccess);                           /* 5 (with 6) goes */
    check_long(val_of(s1, t1, 106), -1);
    check_long(val_of(s1, t1, 105), -1);
    check_long(val_of(s1, t1, 104), 4);
    check_long(val_of(s1, t1, 1), 1004);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);                  /* 4 into 3 */
    check(JetRollback(s1, JET_bitRollbackAll), JET_errSuccess);          /* all */
    check(JetRollback(s1, 0), JET_errNotInTransaction);
    check_long(count_rows(s1, t1), 3);
    check_long(val_of(s1, t1, 1), 10);

    /* committed through the levels: all of it at the level-0 commit */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(insert_row(s1, t1, 201, 1, NULL), JET_errSuccess);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(insert_row(s1, t1, 202, 2, NULL), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check_long(val_of(s2, t2, 202), -1);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check_long(val_of(s2, t2, 201), 1);
    check_long(val_of(s2, t2, 202), 2);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* Cursors and updates in progress across a rollback (ErrIsamRollback): an update prepared at the
 * level rolled back is cancelled; one prepared at an outer level survives an inner rollback; a
 * cursor opened before the transaction stays usable. */
START_TEST(isolation_update_in_progress_across_rollback)
{
    JET_TABLEID t1;
    long v = 5, id = 50;

    start("isolation_upd_rollback");
    t1 = open_t(s1, 0);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetPrepareUpdate(s1, t1, JET_prepInsert), JET_errSuccess);
    check(JetSetColumn(s1, t1, col[C_ID], &id, sizeof id, 0, NULL), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(JetSetColumn(s1, t1, col[C_VAL], &v, sizeof v, 0, NULL), JET_errUpdateNotPrepared);
    check(JetUpdate(s1, t1, NULL, 0, NULL), JET_errUpdateNotPrepared);
    check(JetPrepareUpdate(s1, t1, JET_prepCancel), JET_errUpdateNotPrepared);

    /* a replace prepared in a transaction, then rolled back */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(seek_id(s1, t1, 2), JET_errSuccess);
    check(JetPrepareUpdate(s1, t1, JET_prepReplace), JET_errSuccess);
    check(JetSetColumn(s1, t1, col[C_VAL], &v, sizeof v, 0, NULL), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(JetUpdate(s1, t1, NULL, 0, NULL), JET_errUpdateNotPrepared);
    check_long(val_of(s1, t1, 2), 20);

    /* prepared at level 1, an inner level comes and goes: still prepared */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetPrepareUpdate(s1, t1, JET_prepInsert), JET_errSuccess);
    check(JetSetColumn(s1, t1, col[C_ID], &id, sizeof id, 0, NULL), JET_errSuccess);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(JetSetColumn(s1, t1, col[C_VAL], &v, sizeof v, 0, NULL), JET_errSuccess);
    check(JetUpdate(s1, t1, NULL, 0, NULL), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check_long(val_of(s1, t1, 50), 5);
    check_long(count_rows(s1, t1), 4);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    stop();
}

/* Escrow updates (JetEscrowUpdate) from two sessions commute: no write conflict, and each
 * delta counts once it commits or goes if it rolls back; JET_bitEscrowNoRollback deltas stay
 * through a rollback; any other update of the record still conflicts with a pending delta. */
START_TEST(isolation_escrow)
{
    JET_TABLEID t1, t2;

    start("isolation_escrow");
    t1 = open_t(s1, 0);
    t2 = open_t(s2, 0);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetBeginTransaction(s2), JET_errSuccess);
    check(escrow(s1, t1, 1, 5, 0), JET_errSuccess);
    check(escrow(s2, t2, 1, 3, 0), JET_errSuccess);
    check(escrow(s1, t1, 1, 2, 0), JET_errSuccess);
    check(seek_id(s2, t2, 1), JET_errSuccess);
    check(JetPrepareUpdate(s2, t2, JET_prepReplace), JET_errWriteConflict);
    check(JetDelete(s2, t2), JET_errWriteConflict);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check(JetCommitTransaction(s2, 0), JET_errSuccess);
    check(seek_id(s1, t1, 1), JET_errSuccess);
    check_long(get_long(s1, t1, C_ESC), 10);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetBeginTransaction(s2), JET_errSuccess);
    check(escrow(s1, t1, 1, 100, 0), JET_errSuccess);
    check(escrow(s2, t2, 1, -4, 0), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(JetCommitTransaction(s2, 0), JET_errSuccess);
    check(seek_id(s1, t1, 1), JET_errSuccess);
    check_long(get_long(s1, t1, C_ESC), 6);

    /* no rollback: the delta stays */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(escrow(s1, t1, 1, 7, JET_bitEscrowNoRollback), JET_errSuccess);
    check(escrow(s1, t1, 1, 1000, 0), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(seek_id(s2, t2, 1), JET_errSuccess);
    check_long(get_long(s2, t2, C_ESC), 13);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* JET_bitEscrowNoRollback over another session's uncommitted replace of the record. ESE makes
 * no version for it (ErrRECIEscrowUpdate passes fDIRNoVersion; ErrBTDelta then never calls
 * ErrVERModify), so there is no write conflict, where a versioned delta gets one; the delta is
 * made on the page, under the page latch, over the replaced record; the replace's rollback puts
 * its before image back (ErrVERIUndoReplacePhysical), which does not have the delta, so the delta
 * is gone. One made after that rollback, or before the replace, stays. */
START_TEST(isolation_escrow_no_rollback_over_uncommitted_replace)
{
    JET_TABLEID t1, t2;

    start("isolation_escrow_no_rollback");
    t1 = open_t(s1, 0);
    t2 = open_t(s2, 0);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(replace_val(s1, t1, 2, 21, JET_prepReplace), JET_errSuccess);
    check(JetBeginTransaction(s2), JET_errSuccess);
    check(escrow(s2, t2, 2, 5, 0), JET_errWriteConflict);
    check(escrow(s2, t2, 2, 5, JET_bitEscrowNoRollback), JET_errSuccess);
    check(JetCommitTransaction(s2, 0), JET_errSuccess);
    /* s1 sees its replace and the delta on it; s2 sees the record before the replace */
    check(seek_id(s1, t1, 2), JET_errSuccess);
    check_long(get_long(s1, t1, C_VAL), 21);
    check_long(get_long(s1, t1, C_ESC), 5);
    check(seek_id(s2, t2, 2), JET_errSuccess);
    check_long(get_long(s2, t2, C_VAL), 20);
    check_long(get_long(s2, t2, C_ESC), 0);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(seek_id(s2, t2, 2), JET_errSuccess);
    check_long(get_long(s2, t2, C_VAL), 20);
    check_long(get_long(s2, t2, C_ESC), 0);

    /* after the rollback: it stays, through its own transaction's rollback too */
    check(JetBeginTransaction(s2), JET_errSuccess);
    check(escrow(s2, t2, 2, 7, JET_bitEscrowNoRollback), JET_errSuccess);
    check(JetRollback(s2, 0), JET_errSuccess);
    /* before a replace: in its before image, so the replace's rollback leaves it */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(replace_val(s1, t1, 2, 22, JET_prepReplace), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(seek_id(s1, t1, 2), JET_errSuccess);
    check_long(get_long(s1, t1, C_VAL), 20);
    check_long(get_long(s1, t1, C_ESC), 7);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* A delete-on-zero escrow column: a committed delta that brings it to zero deletes the record
 * (ESE's version cleanup does it, shortly after the commit); a rolled-back one does not. */
START_TEST(isolation_escrow_delete_on_zero)
{
    static const long lZero = 0;
    JET_COLUMNCREATE_A rgc[2] = {
        { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"refs", JET_coltypLong, 0,
          JET_bitColumnEscrowUpdate | JET_bitColumnFixed | JET_bitColumnDeleteOnZero, (void *)&lZero, sizeof lZero, 0, 0, 0 },
    };
    char szKey[16];
    JET_INDEXCREATE_A idx;
    JET_TABLECREATE_A tc;
    JET_TABLEID t, t2;
    long id, refs, delta;
    int i;
    JET_ERR err;

    start("isolation_delete_on_zero");
    memset(&idx, 0, sizeof idx);
    idx.cbStruct = sizeof idx;
    idx.szIndexName = (char *)"primary";
    idx.szKey = szKey;
    idx.cbKey = test_make_key(szKey, "+id");
    idx.grbit = JET_bitIndexPrimary;
    idx.ulDensity = 100;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"rc";
    tc.ulPages = 1;
    tc.ulDensity = 100;
    tc.rgcolumncreate = rgc;
    tc.cColumns = 2;
    tc.rgindexcreate = &idx;
    tc.cIndexes = 1;
    check(JetCreateTableColumnIndexA(s1, db1, &tc), JET_errSuccess);
    t = tc.tableid;
    colRc = rgc[1].columnid;
    for (id = 1; id <= 2; id++) {
        refs = 2;
        check(JetPrepareUpdate(s1, t, JET_prepInsert), JET_errSuccess);
        check(JetSetColumn(s1, t, rgc[0].columnid, &id, sizeof id, 0, NULL), JET_errSuccess);
        check(JetSetColumn(s1, t, colRc, &refs, sizeof refs, 0, NULL), JET_errSuccess);
        check(JetUpdate(s1, t, NULL, 0, NULL), JET_errSuccess);
    }
    /* JetCreateTableColumnIndex's cursor holds the table exclusively: open it anew */
    check(JetCloseTable(s1, t), JET_errSuccess);
    check(JetOpenTableA(s1, db1, "rc", NULL, 0, 0, &t), JET_errSuccess);
    check(JetOpenTableA(s2, db2, "rc", NULL, 0, 0, &t2), JET_errSuccess);

    /* to zero and back out: the record stays */
    id = 1;
    delta = -2;
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetMakeKey(s1, t, &id, sizeof id, JET_bitNewKey), JET_errSuccess);
    check(JetSeek(s1, t, JET_bitSeekEQ), JET_errSuccess);
    check(JetEscrowUpdate(s1, t, colRc, &delta, sizeof delta, NULL, 0, NULL, 0), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    /* two sessions take a reference each: zero only once both commit */
    delta = -1;
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetBeginTransaction(s2), JET_errSuccess);
    check(JetMakeKey(s2, t2, &id, sizeof id, JET_bitNewKey), JET_errSuccess);
    check(JetSeek(s2, t2, JET_bitSeekEQ), JET_errSuccess);
    check(JetEscrowUpdate(s1, t, colRc, &delta, sizeof delta, NULL, 0, NULL, 0), JET_errSuccess);
    check(JetEscrowUpdate(s2, t2, colRc, &delta, sizeof delta, NULL, 0, NULL, 0), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check(JetMakeKey(s1, t, &id, sizeof id, JET_bitNewKey), JET_errSuccess);
    check(JetSeek(s1, t, JET_bitSeekEQ), JET_errSuccess);
    check(JetCommitTransaction(s2, 0), JET_errSuccess);
    /* cleanup deletes it: give it a few seconds */
    for (i = 0; i < 50; i++) {
        JetIdle(s1, 0);
        check(JetMakeKey(s1, t, &id, sizeof id, JET_bitNewKey), JET_errSuccess);
        err = JetSeek(s1, t, JET_bitSeekEQ);
        if (err == JET_errRecordNotFound) break;
        Sleep(100);
    }
    ok(err == JET_errRecordNotFound, "the record whose count reached zero: %ld\n", err);
    id = 2;
    check(JetMakeKey(s1, t, &id, sizeof id, JET_bitNewKey), JET_errSuccess);
    check(JetSeek(s1, t, JET_bitSeekEQ), JET_errSuccess);

    check(JetCloseTable(s1, t), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* Commit modes: a lazy commit is visible to others at once; JET_bitWaitLastLevel0Commit then
 * waits for it to be durable; JetCommitTransaction2 gives a commit id, and takes a time for a
 * lazy commit to become durable (ESE's ErrDIRCommitTransaction: JET_errInvalidParameter for a
 * durable one). */
START_TEST(isolation_commit_modes)
{
    JET_TABLEID t1, t2;
    JET_COMMIT_ID id1, id2;

    start("isolation_commit_modes");
    t1 = open_t(s1, 0);
    t2 = open_t(s2, 0);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(insert_row(s1, t1, 20, 200, NULL), JET_errSuccess);
    check(JetCommitTransaction(s1, JET_bitCommitLazyFlush), JET_errSuccess);
    check_long(val_of(s2, t2, 20), 200);
    check(JetCommitTransaction(s1, JET_bitWaitLastLevel0Commit), JET_errSuccess);

    memset(&id1, 0xcc, sizeof id1);
    memset(&id2, 0xcc, sizeof id2);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(insert_row(s1, t1, 21, 210, NULL), JET_errSuccess);
    check(JetCommitTransaction2(s1, JET_bitCommitLazyFlush, 0, &id1), JET_errSuccess);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(insert_row(s1, t1, 22, 220, NULL), JET_errSuccess);
    check(JetCommitTransaction2(s1, 0, 0, &id2), JET_errSuccess);
    ok(id2.commitId > id1.commitId, "commit ids %.0f then %.0f\n", (double)id1.commitId, (double)id2.commitId);
    /* cmsecDurableCommit: a time for a lazy commit to become durable; none for a durable one */
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(insert_row(s1, t1, 23, 230, NULL), JET_errSuccess);
    check(JetCommitTransaction2(s1, 0, 100, NULL), JET_errInvalidParameter);
    check(JetCommitTransaction2(s1, JET_bitCommitLazyFlush, 100, NULL), JET_errSuccess);
    check_long(val_of(s2, t2, 23), 230);
    check_long(val_of(s2, t2, 21), 210);
    check_long(val_of(s2, t2, 22), 220);
    check(JetCommitTransaction(s2, JET_bitWaitAllLevel0Commit), JET_errSuccess);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

struct other_thread {
    JET_SESID sesid;
    JET_ERR errBegin, errCommit, errRollback;
};

static DWORD WINAPI other_thread_proc(void *pv)
{
    struct other_thread *o = pv;
    o->errBegin = JetBeginTransaction(o->sesid);
    o->errCommit = JetCommitTransaction(o->sesid, 0);
    o->errRollback = JetRollback(o->sesid, 0);
    return 0;
}

static void run_other_thread(struct other_thread *o)
{
    HANDLE h = CreateThread(NULL, 0, other_thread_proc, o, 0, NULL);
    ok(h != NULL, "CreateThread failed\n");
    if (!h) return;
    WaitForSingleObject(h, INFINITE);
    CloseHandle(h);
}

/* A transaction belongs to the thread that began it (PIB::FPIBCheckTrxContext): another thread
 * continuing it gets JET_errSessionSharingViolation; with JetSetSessionContext it belongs to the
 * context instead, and moves with it. Outside a transaction any thread may use the session. */
START_TEST(isolation_session_sharing)
{
    struct other_thread o;
    JET_TABLEID t1;

    start("isolation_sharing");
    t1 = open_t(s1, 0);

    check(JetBeginTransaction(s1), JET_errSuccess);
    check(insert_row(s1, t1, 30, 300, NULL), JET_errSuccess);
    memset(&o, 0, sizeof o);
    o.sesid = s1;
    run_other_thread(&o);
    ok(o.errBegin == JET_errSessionSharingViolation, "nested begin from another thread: %ld\n", o.errBegin);
    ok(o.errCommit == JET_errSessionSharingViolation, "commit from another thread: %ld\n", o.errCommit);
    ok(o.errRollback == JET_errSessionSharingViolation, "rollback from another thread: %ld\n", o.errRollback);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);      /* still ours */
    check_long(val_of(s2, open_t(s2, 0), 30), 300);

    /* outside a transaction: another thread begins and ends its own */
    memset(&o, 0, sizeof o);
    o.sesid = s1;
    run_other_thread(&o);
    ok(o.errBegin == JET_errSuccess, "begin from another thread at level 0: %ld\n", o.errBegin);
    ok(o.errCommit == JET_errSuccess, "its commit: %ld\n", o.errCommit);
    ok(o.errRollback == JET_errNotInTransaction, "rollback at level 0: %ld\n", o.errRollback);

    /* a session context: the transaction moves with the context */
    check(JetSetSessionContext(s1, 0x1234), JET_errSuccess);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetResetSessionContext(s1), JET_errSuccess);
    memset(&o, 0, sizeof o);
    o.sesid = s1;
    run_other_thread(&o);                                    /* no context on that thread */
    ok(o.errBegin == JET_errSessionSharingViolation, "begin without the context: %ld\n", o.errBegin);
    check(JetSetSessionContext(s1, 0x1234), JET_errSuccess);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check(JetResetSessionContext(s1), JET_errSuccess);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    stop();
}

struct ender_thread {
    JET_SESID sesid;
    JET_INSTANCE inst;
    JET_ERR errEnd, errTerm, errTermComplete;
};

static DWORD WINAPI ender_thread_proc(void *pv)
{
    struct ender_thread *e = pv;
    e->errEnd = JetEndSession(e->sesid, 0);
    if (e->inst) {
        e->errTerm = JetTerm(e->inst);
        e->errTermComplete = JetTerm2(e->inst, JET_bitTermComplete);
    }
    return 0;
}

static void run_ender(struct ender_thread *e)
{
    HANDLE h = CreateThread(NULL, 0, ender_thread_proc, e, 0, NULL);
    ok(h != NULL, "CreateThread failed\n");
    if (!h) return;
    WaitForSingleObject(h, INFINITE);
    CloseHandle(h);
}

/* ESE's ErrIsamEndSession rolls back through FPIBCheckTrxContext: JetEndSession from a thread
 * that does not own the session's open transaction is JET_errSessionSharingViolation and the
 * session goes on; JetTerm refuses any open transaction (JET_errTooManyActiveUsers, ErrINSTTerm,
 * abrupt or complete). A transaction begun under a session context, reset since, may be ended
 * from anywhere. */
START_TEST(isolation_end_session_from_another_thread)
{
    struct ender_thread e;
    JET_SESID s3;
    JET_DBID db3;
    JET_TABLEID t1, t2, t3;

    start("isolation_end_thread");
    t1 = open_t(s1, 0);
    t2 = open_t(s2, 0);
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(insert_row(s1, t1, 50, 500, NULL), JET_errSuccess);
    memset(&e, 0, sizeof e);
    e.sesid = s1;
    e.inst = inst;
    run_ender(&e);
    ok(e.errEnd == JET_errSessionSharingViolation, "JetEndSession from another thread: %ld\n", e.errEnd);
    ok(e.errTerm == JET_errTooManyActiveUsers, "JetTerm from another thread: %ld\n", e.errTerm);
    ok(e.errTermComplete == JET_errTooManyActiveUsers, "JetTerm2(complete) from another thread: %ld\n", e.errTermComplete);
    /* the transaction is still s1's, and so is the instance */
    check_long(val_of(s1, t1, 50), 500);
    check_long(val_of(s2, t2, 50), -1);
    check(JetCommitTransaction(s1, 0), JET_errSuccess);
    check_long(val_of(s2, t2, 50), 500);

    /* begun under a context, reset since: another thread's JetEndSession rolls it back */
    check(JetBeginSessionA(inst, &s3, NULL, NULL), JET_errSuccess);
    check(JetOpenDatabaseA(s3, path, NULL, &db3, 0), JET_errSuccess);
    check(JetOpenTableA(s3, db3, "t", NULL, 0, 0, &t3), JET_errSuccess);
    check(JetSetSessionContext(s3, 0x77), JET_errSuccess);
    check(JetBeginTransaction(s3), JET_errSuccess);
    check(insert_row(s3, t3, 51, 510, NULL), JET_errSuccess);
    /* while its context is set the session is in use, even to the thread that set it */
    check(JetEndSession(s3, 0), JET_errSessionInUse);
    check(JetResetSessionContext(s3), JET_errSuccess);
    memset(&e, 0, sizeof e);
    e.sesid = s3;
    run_ender(&e);
    ok(e.errEnd == JET_errSuccess, "JetEndSession of a context's transaction from another thread: %ld\n", e.errEnd);
    check_long(val_of(s2, t2, 51), -1);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* DDL rolled back: a session that had the table open (its definition cached) sees the table as
 * it was, without the column or index the other session added and took back. */
START_TEST(isolation_ddl_rollback_seen_by_other_sessions)
{
    JET_TABLEID t1, t2, t3;
    JET_COLUMNDEF cd, cdOut;
    JET_COLUMNID colExtra;
    char szKey[] = "+val\0";

    start("isolation_ddl_rollback");
    t1 = open_t(s1, 0);
    t2 = open_t(s2, 0);
    check(JetGetTableColumnInfoA(s2, t2, "extra", &cdOut, sizeof cdOut, JET_ColInfo), JET_errColumnNotFound);
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    check(JetBeginTransaction(s1), JET_errSuccess);
    check(JetAddColumnA(s1, t1, "extra", &cd, NULL, 0, &colExtra), JET_errSuccess);
    check(JetCreateIndexA(s1, t1, "byval", 0, szKey, sizeof szKey, 100), JET_errSuccess);
    check(JetRollback(s1, 0), JET_errSuccess);
    check(JetGetTableColumnInfoA(s2, t2, "extra", &cdOut, sizeof cdOut, JET_ColInfo), JET_errColumnNotFound);
    check(JetSetCurrentIndexA(s2, t2, "byval"), JET_errIndexNotFound);
    check(JetGetTableColumnInfoA(s1, t1, "extra", &cdOut, sizeof cdOut, JET_ColInfo), JET_errColumnNotFound);
    check(JetSetCurrentIndexA(s1, t1, "byval"), JET_errIndexNotFound);
    /* a cursor opened afterwards too, and the table is written as it was */
    t3 = open_t(s2, 0);
    check(JetGetTableColumnInfoA(s2, t3, "extra", &cdOut, sizeof cdOut, JET_ColInfo), JET_errColumnNotFound);
    check(JetCloseTable(s2, t3), JET_errSuccess);
    check(insert_row(s2, t2, 60, 600, NULL), JET_errSuccess);
    check_long(val_of(s1, t1, 60), 600);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    check(JetCloseTable(s2, t2), JET_errSuccess);
    stop();
}

/* JET_paramMaxVerPages bounds the version store: one transaction that outgrows it gets
 * JET_errVersionStoreOutOfMemory (or ...AndCleanupTimedOut, when cleanup could not run in time)
 * and can still roll back, leaving nothing behind. */
START_TEST(isolation_version_store_full)
{
    static char big[1000];
    JET_TABLEID t1;
    JET_ERR err = JET_errSuccess;
    long id, n = 0;

    test_make_dir("isolation_verstore", dir, sizeof dir);
    check(JetCreateInstanceA(&inst, "isolation_verstore"), JET_errSuccess);
    test_set_paths(&inst, dir);
    check(JetSetSystemParameterA(&inst, 0, JET_paramMaxVerPages, 4, NULL), JET_errSuccess);
    check(JetInit(&inst), JET_errSuccess);
    check(JetBeginSessionA(inst, &s1, NULL, NULL), JET_errSuccess);
    snprintf(path, sizeof path, "%siso.edb", dir);
    check(JetCreateDatabaseA(s1, path, NULL, &db1, 0), JET_errSuccess);
    create_t();
    t1 = open_t(s1, 0);
    memset(big, 'v', sizeof big - 1);

    check(JetBeginTransaction(s1), JET_errSuccess);
    for (id = 1000; id < 1000 + 100000 && err >= 0; id++) {
        err = JetPrepareUpdate(s1, t1, JET_prepInsert);
        if (err >= 0) err = JetSetColumn(s1, t1, col[C_ID], &id, sizeof id, 0, NULL);
        if (err >= 0) err = JetSetColumn(s1, t1, col[C_NAME], big, 60, 0, NULL);
        if (err >= 0) {
            big[0] = (char)('a' + id % 26);
            big[1] = (char)('a' + id / 26 % 26);
            big[2] = (char)('a' + id / 676 % 26);
            big[3] = (char)('a' + id / 17576 % 26);
            err = JetSetColumn(s1, t1, col[C_NAME], big, 60, 0, NULL);
        }
        if (err >= 0) err = JetUpdate(s1, t1, NULL, 0, NULL);
        if (err >= 0) n++;
    }
    ok(err == JET_errVersionStoreOutOfMemory || err == JET_errVersionStoreOutOfMemoryAndCleanupTimedOut,
       "after %ld inserts: %ld\n", n, err);
    ok(n > 0, "no insert fitted\n");
    JetPrepareUpdate(s1, t1, JET_prepCancel);
    check(JetRollback(s1, 0), JET_errSuccess);
    check_long(count_rows(s1, t1), 3);
    /* room again once cleanup has run */
    for (n = 0; n < 50; n++) {
        JetIdle(s1, 0);
        err = JetBeginTransaction(s1);
        if (err >= 0) {
            err = insert_row(s1, t1, 5, 50, NULL);
            if (err >= 0) err = JetCommitTransaction(s1, 0);
            else JetRollback(s1, 0);
        }
        if (err >= 0) break;
        Sleep(100);
    }
    ok(err == JET_errSuccess, "an insert after the rollback: %ld\n", err);
    check_long(val_of(s1, t1, 5), 50);

    check(JetCloseTable(s1, t1), JET_errSuccess);
    test_db_stop(inst, s1, dir, path, db1);
}
