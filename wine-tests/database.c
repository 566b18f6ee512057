/* SPDX-License-Identifier: MIT
 * wine-tests/database.c: JetCreateDatabase*, JetAttachDatabase*, JetDetachDatabase*,
 * JetOpenDatabase*, JetCloseDatabase, JetGetDatabaseInfo*, JetGrowDatabase, JetResizeDatabase,
 * and what the header says after a clean JetTerm; Windows-made samples attached read-only. */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH];

static void start(const char *name)
{
    JET_ERR err;
    test_make_dir(name, dir, sizeof dir);
    err = JetCreateInstanceA(&inst, name);
    ok(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
}

static void stop(void)
{
    JET_ERR err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession: %ld\n", err);
    err = JetTerm2(inst, JET_bitTermComplete);
    ok(err == JET_errSuccess, "JetTerm2: %ld\n", err);
}

START_TEST(database_lifecycle)
{
    char path[MAX_PATH], name[MAX_PATH];
    WCHAR wname[MAX_PATH];
    JET_DBID dbid = 0xcccc, dbid2;
    JET_DBINFOMISC misc;
    JET_DBINFOMISC4 misc4;
    unsigned long cb, cpg;
    JET_ERR err;

    start("database_lifecycle");
    snprintf(path, sizeof path, "%stest.edb", dir);

    err = JetCreateDatabaseA(sesid, path, NULL, NULL, 0);
    ok(err == JET_errInvalidParameter, "NULL pdbid: %ld\n", err);
    err = JetCreateDatabaseA(sesid, "", NULL, &dbid, 0);
    ok(err == JET_errDatabaseInvalidPath, "empty path: %ld\n", err);
    err = JetCreateDatabaseA(sesid, path, NULL, &dbid, 0x80000000);
    ok(err == JET_errInvalidGrbit, "unknown grbit: %ld\n", err);

    err = JetCreateDatabaseA(sesid, path, NULL, &dbid, 0);
    ok(err == JET_errSuccess, "JetCreateDatabaseA: %ld\n", err);
    ok(dbid != 0xcccc && dbid != JET_dbidNil, "dbid %lu\n", dbid);
    err = JetCreateDatabaseA(sesid, path, NULL, &dbid2, 0);
    ok(err == JET_errDatabaseDuplicate, "second create: %ld\n", err);

    /* What the open database says about itself. */
    memset(name, 0xcc, sizeof name);
    err = JetGetDatabaseInfoA(sesid, dbid, name, sizeof name, JET_DbInfoFilename);
    ok(err == JET_errSuccess, "JET_DbInfoFilename: %ld\n", err);
    ok(!lstrcmpiA(name, path), "name %s, expected %s\n", name, path);
    err = JetGetDatabaseInfoW(sesid, dbid, wname, sizeof wname, JET_DbInfoFilename);
    ok(err == JET_errSuccess, "JET_DbInfoFilename (W): %ld\n", err);
    err = JetGetDatabaseInfoA(sesid, dbid, name, 2, JET_DbInfoFilename);
    ok(err == JET_errBufferTooSmall, "short name buffer: %ld\n", err);
    cb = 0;
    err = JetGetDatabaseInfoA(sesid, dbid, &cb, sizeof cb, JET_DbInfoPageSize);
    ok(err == JET_errSuccess && cb == 4096, "JET_DbInfoPageSize: %ld, %lu\n", err, cb);
    err = JetGetDatabaseInfoA(sesid, dbid, &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errSuccess, "JET_DbInfoMisc: %ld\n", err);
    ok(misc.ulVersion == 0x620 && misc.ulUpdate == 0x14, "format %#lx.%#lx\n", misc.ulVersion, misc.ulUpdate);
    ok(misc.dbstate == JET_dbstateDirtyShutdown, "an attached database is dirty on disk: %lu\n", misc.dbstate);
    err = JetGetDatabaseInfoA(sesid, dbid, &cb, sizeof cb, 9999);
    ok(err == JET_errInvalidParameter, "unknown level: %ld\n", err);
    err = JetGetDatabaseInfoA(sesid, 5, &cb, sizeof cb, JET_DbInfoPageSize);
    ok(err == JET_errInvalidDatabaseId, "unknown dbid: %ld\n", err);

    cpg = 0;
    err = JetGrowDatabase(sesid, dbid, 512, &cpg);
    ok(err == JET_errSuccess, "JetGrowDatabase: %ld\n", err);
    ok(cpg >= 512, "grown to %lu pages\n", cpg);

    /* JetResizeDatabase (ESE's ErrIsamResizeDatabase): grows like JetGrowDatabase; the
     * OnlyGrow / OnlyShrink bits leave alone a database that would move the other way; a real
     * shrink needs JET_paramEnableShrinkDatabase (off by default): JET_errFeatureNotAvailable. */
    {
        unsigned long cpgNow = cpg, cpg2 = 0;
        err = JetResizeDatabase(sesid, dbid, cpgNow + 256, &cpg2, 0);
        ok(err == JET_errSuccess && cpg2 >= cpgNow + 256, "resize up: %ld, %lu pages\n", err, cpg2);
        cpgNow = cpg2;
        err = JetResizeDatabase(sesid, dbid, cpgNow + 256, &cpg2, JET_bitResizeDatabaseOnlyShrink);
        ok(err == JET_errSuccess && cpg2 == cpgNow, "only-shrink asked to grow: %ld, %lu pages (had %lu)\n", err, cpg2, cpgNow);
        err = JetResizeDatabase(sesid, dbid, 64, &cpg2, JET_bitResizeDatabaseOnlyGrow);
        ok(err == JET_errSuccess && cpg2 == cpgNow, "only-grow asked to shrink: %ld, %lu pages (had %lu)\n", err, cpg2, cpgNow);
        err = JetResizeDatabase(sesid, dbid, 64, &cpg2, 0);
        ok(err == JET_errFeatureNotAvailable, "shrink without JET_paramEnableShrinkDatabase: %ld\n", err);
        err = JetResizeDatabase(sesid, dbid, 64, &cpg2, JET_bitResizeDatabaseOnlyGrow | JET_bitResizeDatabaseOnlyShrink);
        ok(err == JET_errInvalidGrbit, "both bits: %ld\n", err);
        err = JetResizeDatabase(sesid, dbid, 64, &cpg2, 0x100);
        ok(err == JET_errInvalidGrbit, "unknown bit: %ld\n", err);
    }

    /* Open and close counts; detach refuses while the database is open. */
    err = JetDetachDatabaseA(sesid, path);
    ok(err == JET_errDatabaseInUse, "detach while open: %ld\n", err);
    err = JetCloseDatabase(sesid, dbid, 0);
    ok(err == JET_errSuccess, "JetCloseDatabase: %ld\n", err);
    err = JetCloseDatabase(sesid, dbid, 0);
    ok(err == JET_errInvalidDatabaseId, "second close: %ld\n", err);
    err = JetDetachDatabaseA(sesid, path);
    ok(err == JET_errSuccess, "JetDetachDatabaseA: %ld\n", err);
    err = JetDetachDatabaseA(sesid, path);
    ok(err == JET_errDatabaseNotFound, "second detach: %ld\n", err);
    err = JetOpenDatabaseA(sesid, path, NULL, &dbid, 0);
    ok(err == JET_errDatabaseNotFound, "open when detached: %ld\n", err);

    /* Detached: the header says clean shutdown, without any log needed. */
    err = JetGetDatabaseFileInfoA(path, &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errSuccess, "JetGetDatabaseFileInfoA: %ld\n", err);
    ok(misc.dbstate == JET_dbstateCleanShutdown, "state after detach %lu\n", misc.dbstate);

    err = JetAttachDatabaseA(sesid, path, 0);
    ok(err == JET_errSuccess, "JetAttachDatabaseA: %ld\n", err);
    err = JetAttachDatabaseA(sesid, path, 0);
    ok(err == JET_wrnDatabaseAttached, "second attach: %ld\n", err);
    err = JetOpenDatabaseA(sesid, path, NULL, &dbid, 0);
    ok(err == JET_errSuccess, "JetOpenDatabaseA: %ld\n", err);

    /* Not inside a transaction. */
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    snprintf(name, sizeof name, "%sother.edb", dir);
    err = JetCreateDatabaseA(sesid, name, NULL, &dbid2, 0);
    ok(err == JET_errInTransaction, "create in a transaction: %ld\n", err);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback: %ld\n", err);

    err = JetCloseDatabase(sesid, dbid, 0);
    ok(err == JET_errSuccess, "JetCloseDatabase: %ld\n", err);
    stop();

    /* JetTerm detached it cleanly. */
    err = JetGetDatabaseFileInfoA(path, &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errSuccess && misc.dbstate == JET_dbstateCleanShutdown, "after JetTerm: %ld, state %lu\n", err, misc.dbstate);
    err = JetGetDatabaseFileInfoA(path, &misc4, sizeof misc4, JET_DbInfoMisc);
    ok(err == JET_errSuccess, "JET_DBINFOMISC4: %ld\n", err);
    ok(misc4.genMinRequired == 0 && misc4.genMaxRequired == 0, "required generations %lu-%lu\n", misc4.genMinRequired, misc4.genMaxRequired);
    test_remove_dir(dir);
}

START_TEST(database_overwrite)
{
    char path[MAX_PATH];
    JET_DBID dbid;
    JET_ERR err;
    unsigned long cpg;

    start("database_overwrite");
    snprintf(path, sizeof path, "%sover.edb", dir);
    err = JetCreateDatabaseA(sesid, path, NULL, &dbid, 0);
    ok(err == JET_errSuccess, "create: %ld\n", err);
    err = JetCloseDatabase(sesid, dbid, 0);
    ok(err == JET_errSuccess, "close: %ld\n", err);
    err = JetDetachDatabaseA(sesid, path);
    ok(err == JET_errSuccess, "detach: %ld\n", err);
    err = JetCreateDatabaseA(sesid, path, NULL, &dbid, 0);
    ok(err == JET_errDatabaseDuplicate, "create over an existing file: %ld\n", err);
    err = JetCreateDatabaseA(sesid, path, NULL, &dbid, JET_bitDbOverwriteExisting);
    ok(err == JET_errSuccess, "create with JET_bitDbOverwriteExisting: %ld\n", err);
    err = JetCloseDatabase(sesid, dbid, 0);
    ok(err == JET_errSuccess, "close: %ld\n", err);
    err = JetDetachDatabaseA(sesid, NULL);
    ok(err == JET_errSuccess, "detach all: %ld\n", err);
    /* A detached, clean database file can be set to a size. */
    err = JetSetDatabaseSizeA(sesid, path, 16, &cpg);
    ok(err == JET_errInvalidParameter, "below the minimum size: %ld\n", err);
    err = JetSetDatabaseSizeA(sesid, path, 1024, &cpg);
    ok(err == JET_errSuccess && cpg == 1024, "JetSetDatabaseSizeA: %ld, %lu\n", err, cpg);
    stop();
    test_remove_dir(dir);
}

START_TEST(database_samples)
{
    char path[MAX_PATH];
    JET_DBID dbid;
    JET_ERR err;

    /* Clean Windows-made databases attach read-only (4 KiB pages, the default). */
    start("database_samples");
    if (test_sample_path("dissect-esedb/basic.edb", path, sizeof path)) {
        err = JetAttachDatabaseA(sesid, path, JET_bitDbReadOnly);
        ok(err == JET_errSuccess, "attach basic.edb read-only: %ld\n", err);
        err = JetOpenDatabaseA(sesid, path, NULL, &dbid, JET_bitDbReadOnly);
        ok(err == JET_errSuccess, "open basic.edb: %ld\n", err);
        if (err >= 0) JetCloseDatabase(sesid, dbid, 0);
        err = JetDetachDatabaseA(sesid, path);
        ok(err == JET_errSuccess, "detach basic.edb: %ld\n", err);
    }
    /* Another page size than the process's cannot attach. */
    if (test_sample_path("ese-parser/decompress_test.edb", path, sizeof path)) {
        err = JetAttachDatabaseA(sesid, path, JET_bitDbReadOnly);
        ok(err == JET_errPageSizeMismatch, "attach an 8 KiB database: %ld\n", err);
    }
    stop();
    test_remove_dir(dir);
}

START_TEST(database_dirty)
{
    char path[MAX_PATH];
    JET_ERR err;

    /* A database shut down dirty needs its logs: without them it does not attach. */
    err = JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 16384, NULL);
    ok(err == JET_errSuccess, "JET_paramDatabasePageSize: %ld\n", err);
    start("database_dirty");
    if (test_sample_path("go-ese/qmgr.db", path, sizeof path)) {
        err = JetAttachDatabaseA(sesid, path, JET_bitDbReadOnly);
        ok(err == JET_errDatabaseDirtyShutdown, "attach a dirty database: %ld\n", err);
    }
    stop();
    test_remove_dir(dir);
}

/* Whether dir holds a file named leaf. */
static BOOL file_exists(const char *leaf)
{
    char path[MAX_PATH];
    snprintf(path, sizeof path, "%s%s", dir, leaf);
    return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES;
}

START_TEST(database_recovery_off)
{
    char path[MAX_PATH];
    JET_DBINFOMISC misc;
    JET_DBID dbid;
    JET_ERR err;

    /* JET_paramRecovery "off": no log at all, and a database the instance did not shut down
     * cleanly is left dirty, with nothing to recover it. */
    test_make_dir("database_recovery_off", dir, sizeof dir);
    err = JetCreateInstanceA(&inst, "recovery_off");
    ok(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetSetSystemParameterA(&inst, 0, JET_paramRecovery, 0, "off");
    ok(err == JET_errSuccess, "JET_paramRecovery off: %ld\n", err);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
    snprintf(path, sizeof path, "%soff.edb", dir);
    err = JetCreateDatabaseA(sesid, path, NULL, &dbid, 0);
    ok(err == JET_errSuccess, "JetCreateDatabaseA: %ld\n", err);
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: %ld\n", err);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: %ld\n", err);
    ok(!file_exists("edb.log") && !file_exists("edb.chk") && !file_exists("edbres00001.jrs"),
       "no log, checkpoint or reserve file with recovery off\n");
    err = JetCloseDatabase(sesid, dbid, 0);
    ok(err == JET_errSuccess, "JetCloseDatabase: %ld\n", err);
    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession: %ld\n", err);
    /* A dirty end says so, and leaves the attached database dirty. */
    err = JetTerm2(inst, JET_bitTermDirty);
    ok(err == JET_errDirtyShutdown, "JetTerm2 dirty: %ld\n", err);
    err = JetGetDatabaseFileInfoA(path, &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errSuccess, "JetGetDatabaseFileInfoA: %ld\n", err);
    ok(misc.dbstate == JET_dbstateDirtyShutdown, "state after a dirty end without recovery: %lu\n", misc.dbstate);

    /* Nothing can recover it: it does not attach. */
    err = JetCreateInstanceA(&inst, "recovery_off2");
    ok(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetSetSystemParameterA(&inst, 0, JET_paramRecovery, 0, "off");
    ok(err == JET_errSuccess, "JET_paramRecovery off: %ld\n", err);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
    err = JetAttachDatabaseA(sesid, path, 0);
    ok(err == JET_errDatabaseDirtyShutdown, "attach the dirty database: %ld\n", err);

    /* A clean end leaves a clean database. */
    snprintf(path, sizeof path, "%sclean.edb", dir);
    err = JetCreateDatabaseA(sesid, path, NULL, &dbid, 0);
    ok(err == JET_errSuccess, "JetCreateDatabaseA: %ld\n", err);
    err = JetCloseDatabase(sesid, dbid, 0);
    ok(err == JET_errSuccess, "JetCloseDatabase: %ld\n", err);
    stop();
    err = JetGetDatabaseFileInfoA(path, &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errSuccess && misc.dbstate == JET_dbstateCleanShutdown, "after JetTerm: %ld, state %lu\n", err, misc.dbstate);
    test_remove_dir(dir);
}
