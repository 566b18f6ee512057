/* SPDX-License-Identifier: MIT
 * wine-tests/index_checking.c: Unicode indexes and the system's sort (JET_paramEnableIndexChecking,
 * JET_paramEnableIndexCleanup, JET_bitDbDeleteCorruptIndexes), over a copy of dissect-esedb's
 * index.edb (Windows 10: table "index", one row, secondary indexes IxUnicode and IxLongUnicode
 * over Unicode text). Windows compares the sort each Unicode index was built with (its catalog
 * row: JetGetTableIndexInfo's private levels 15 and 17) with the sort GetNLSVersionEx reports
 * now. When they are the same, a writable attach is plain. When they differ (another Windows
 * release; Wine reports its own), a writable attach fails with JET_errSecondaryIndexCorrupted and
 * leaves the database detached, JET_bitDbDeleteCorruptIndexes deletes those indexes and returns
 * JET_wrnCorruptIndexDeleted, and JET_IndexCheckingDeferToOpenTable moves the verdict to
 * JetOpenTable (JET_wrnSecondaryIndexOutOfDate for a read-only open). A read-only attach never
 * checks. */
#include "test_util.h"

#define IDX_INFO_SORT_VERSION 15u       /* Windows 10 answers it; the SDK does not name it */
#define IDX_INFO_SORT_ID      17u

static char dir[MAX_PATH], db[MAX_PATH];

/* A copy of index.edb in a folder of the test's own, and an instance there with the two
 * parameters set. Returns 0 (after a skip) without the samples. */
static int start_instance(const char *name, JET_INSTANCE *pinst, JET_SESID *psesid, JET_API_PTR lChecking,
        JET_API_PTR fCleanup)
{
    char src[MAX_PATH];
    JET_ERR err;
    if (!test_sample_path("dissect-esedb/index.edb", src, sizeof src)) return 0;
    test_make_dir(name, dir, sizeof dir);
    snprintf(db, sizeof db, "%sindex.edb", dir);
    ok(CopyFileA(src, db, FALSE), "CopyFileA: %lu\n", GetLastError());
    err = JetCreateInstanceA(pinst, name);
    ok(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths(pinst, dir);
    err = JetSetSystemParameterA(pinst, 0, JET_paramEnableIndexChecking, lChecking, NULL);
    ok(err == JET_errSuccess, "JET_paramEnableIndexChecking %lu: %ld\n", (unsigned long)lChecking, err);
    err = JetSetSystemParameterA(pinst, 0, JET_paramEnableIndexCleanup, fCleanup, NULL);
    ok(err == JET_errSuccess, "JET_paramEnableIndexCleanup: %ld\n", err);
    err = JetInit(pinst);
    ok(err == JET_errSuccess, "JetInit: %ld\n", err);
    err = JetBeginSessionA(*pinst, psesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA: %ld\n", err);
    return err == JET_errSuccess;
}

static void stop_instance(JET_INSTANCE inst, JET_SESID sesid)
{
    JET_ERR err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession: %ld\n", err);
    err = JetTerm2(inst, JET_bitTermComplete);
    ok(err == JET_errSuccess, "JetTerm2: %ld\n", err);
}

/* Whether IxUnicode's recorded sort is the one the system sorts its locale with now. */
static int sort_is_current(JET_SESID sesid)
{
    JET_DBID dbid;
    JET_TABLEID tableid;
    DWORD dwRecorded = 0;
    GUID guidRecorded;
    WCHAR wszLocale[LOCALE_NAME_MAX_LENGTH];
    static const WCHAR wszIx[] = { 'I', 'x', 'U', 'n', 'i', 'c', 'o', 'd', 'e', 0 };
    NLSVERSIONINFOEX nvi;
    JET_ERR err = JetAttachDatabaseA(sesid, db, JET_bitDbReadOnly);
    ok(err == JET_errSuccess, "read-only attach (never checked): %ld\n", err);
    err = JetOpenDatabaseA(sesid, db, NULL, &dbid, JET_bitDbReadOnly);
    ok(err == JET_errSuccess, "JetOpenDatabaseA: %ld\n", err);
    /* a read-only open: at most JET_wrnSecondaryIndexOutOfDate (JET_IndexCheckingDeferToOpenTable) */
    err = JetOpenTableA(sesid, dbid, "index", NULL, 0, JET_bitTableReadOnly, &tableid);
    ok(err == JET_errSuccess || err == JET_wrnSecondaryIndexOutOfDate, "JetOpenTableA: %ld\n", err);
    err = JetGetTableIndexInfoA(sesid, tableid, "IxUnicode", &dwRecorded, sizeof dwRecorded, IDX_INFO_SORT_VERSION);
    ok(err == JET_errSuccess && dwRecorded != 0, "recorded sort version: %ld, %#lx\n", err, dwRecorded);
    err = JetGetTableIndexInfoA(sesid, tableid, "IxUnicode", &guidRecorded, sizeof guidRecorded, IDX_INFO_SORT_ID);
    ok(err == JET_errSuccess, "recorded sort id: %ld\n", err);
    err = JetGetTableIndexInfoW(sesid, tableid, wszIx, wszLocale, sizeof wszLocale, JET_IdxInfoLocaleName);
    ok(err == JET_errSuccess, "locale name: %ld\n", err);
    JetCloseTable(sesid, tableid);
    JetCloseDatabase(sesid, dbid, 0);
    err = JetDetachDatabaseA(sesid, db);
    ok(err == JET_errSuccess, "JetDetachDatabaseA: %ld\n", err);
    memset(&nvi, 0, sizeof nvi);
    nvi.dwNLSVersionInfoSize = sizeof nvi;
    ok(GetNLSVersionEx(COMPARE_STRING, wszLocale, &nvi), "GetNLSVersionEx: %lu\n", GetLastError());
    trace("IxUnicode: sort %#lx recorded, %#lx now\n", dwRecorded, nvi.dwNLSVersion);
    return nvi.dwNLSVersion == dwRecorded && !memcmp(&nvi.guidCustomVersion, &guidRecorded, sizeof guidRecorded);
}

static int has_index(JET_SESID sesid, JET_DBID dbid, const char *szIndex)
{
    JET_TABLEID tableid;
    JET_INDEXID indexid;
    JET_ERR err = JetOpenTableA(sesid, dbid, "index", NULL, 0, 0, &tableid);
    ok(err == JET_errSuccess, "JetOpenTableA: %ld\n", err);
    err = JetGetTableIndexInfoA(sesid, tableid, szIndex, &indexid, sizeof indexid, JET_IdxInfoIndexId);
    ok(err == JET_errSuccess || err == JET_errIndexNotFound, "%s: %ld\n", szIndex, err);
    JetCloseTable(sesid, tableid);
    return err == JET_errSuccess;
}

START_TEST(index_checking_attach)
{
    JET_INSTANCE inst;
    JET_SESID sesid;
    JET_DBID dbid;
    JET_ERR err;

    /* ESE's defaults: checking on, cleanup on */
    if (!start_instance("index_checking_attach", &inst, &sesid, JET_IndexCheckingOn, 1)) return;

    if (sort_is_current(sesid)) {
        err = JetAttachDatabaseA(sesid, db, 0);
        ok(err == JET_errSuccess, "writable attach with the indexes' own sort: %ld\n", err);
        err = JetDetachDatabaseA(sesid, db);
        ok(err == JET_errSuccess, "JetDetachDatabaseA: %ld\n", err);
        skip("the system sorts as index.edb's Windows did: nothing out of date to see\n");
    } else {
        err = JetAttachDatabaseA(sesid, db, 0);
        ok(err == JET_errSecondaryIndexCorrupted, "writable attach, another sort: %ld\n", err);
        err = JetOpenDatabaseA(sesid, db, NULL, &dbid, 0);
        ok(err == JET_errDatabaseNotFound, "left detached: %ld\n", err);
        err = JetAttachDatabaseA(sesid, db, JET_bitDbDeleteCorruptIndexes);
        ok(err == JET_wrnCorruptIndexDeleted, "JET_bitDbDeleteCorruptIndexes: %ld\n", err);
        err = JetOpenDatabaseA(sesid, db, NULL, &dbid, 0);
        ok(err == JET_errSuccess, "JetOpenDatabaseA: %ld\n", err);
        ok(!has_index(sesid, dbid, "IxUnicode"), "IxUnicode is gone\n");
        ok(!has_index(sesid, dbid, "IxLongUnicode"), "IxLongUnicode is gone\n");
        ok(has_index(sesid, dbid, "IxLong"), "IxLong stays\n");
        JetCloseDatabase(sesid, dbid, 0);
        err = JetDetachDatabaseA(sesid, db);
        ok(err == JET_errSuccess, "JetDetachDatabaseA: %ld\n", err);
        /* deleted: the next attach has nothing to say */
        err = JetAttachDatabaseA(sesid, db, 0);
        ok(err == JET_errSuccess, "attach after the deletion: %ld\n", err);
        err = JetDetachDatabaseA(sesid, db);
        ok(err == JET_errSuccess, "JetDetachDatabaseA: %ld\n", err);
    }
    stop_instance(inst, sesid);
    test_remove_dir(dir);
}

START_TEST(index_checking_open_table)
{
    JET_INSTANCE inst;
    JET_SESID sesid;
    JET_DBID dbid;
    JET_TABLEID tableid;
    JET_ERR err;

    /* deferred to JetOpenTable; cleanup off, or the attach would check anyway */
    if (!start_instance("index_checking_open_table", &inst, &sesid, JET_IndexCheckingDeferToOpenTable, 0)) return;
    const int fCurrent = sort_is_current(sesid);
    err = JetAttachDatabaseA(sesid, db, 0);
    ok(err == JET_errSuccess, "writable attach, checks deferred: %ld\n", err);
    err = JetOpenDatabaseA(sesid, db, NULL, &dbid, 0);
    ok(err == JET_errSuccess, "JetOpenDatabaseA: %ld\n", err);
    err = JetOpenTableA(sesid, dbid, "index", NULL, 0, 0, &tableid);
    ok(err == (fCurrent ? JET_errSuccess : JET_errSecondaryIndexCorrupted), "writable open: %ld\n", err);
    if (err == JET_errSuccess) JetCloseTable(sesid, tableid);
    err = JetOpenTableA(sesid, dbid, "index", NULL, 0, JET_bitTableReadOnly, &tableid);
    ok(err == (fCurrent ? JET_errSuccess : JET_wrnSecondaryIndexOutOfDate), "read-only open: %ld\n", err);
    if (err >= 0) JetCloseTable(sesid, tableid);
    JetCloseDatabase(sesid, dbid, 0);
    err = JetDetachDatabaseA(sesid, db);
    ok(err == JET_errSuccess, "JetDetachDatabaseA: %ld\n", err);
    stop_instance(inst, sesid);
    test_remove_dir(dir);
}
