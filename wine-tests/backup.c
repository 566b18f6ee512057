/* SPDX-License-Identifier: MIT
 * wine-tests/backup.c: online backup (JetBeginExternalBackupInstance ... JetEndExternalBackup-
 * Instance2, JetBackupInstance) and restore (JetRestoreInstance, JetExternalRestore). What
 * Windows does here comes from the ESE reference pages and ESE's own source (backup.cxx,
 * logutil.cxx): the order of its checks, its buffer rules (the W lists report the bytes copied,
 * the A lists fail with JET_errBufferTooSmall), its handles (indexes: the first file is 0, one file
 * at a time), the page-aligned buffers JetReadFile wants, and the trailer page it appends to a
 * database copy. The databases are empty (the data API is not built yet); the data itself is
 * checked at the engine level (src/isam/tests/test_backup*.c). */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static JET_DBID dbid;
static char dir[MAX_PATH], dbpath[MAX_PATH];

static void start(const char *name, int fRecoveryOff)
{
    JET_ERR err;
    test_make_dir(name, dir, sizeof dir);
    err = JetCreateInstanceA(&inst, name);
    ok(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths(&inst, dir);
    if (fRecoveryOff) {
        err = JetSetSystemParameterA(&inst, 0, JET_paramRecovery, 0, "off");
        ok(err == JET_errSuccess, "JET_paramRecovery: %ld\n", err);
    }
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
    snprintf(dbpath, sizeof dbpath, "%stest.edb", dir);
    err = JetCreateDatabaseA(sesid, dbpath, NULL, &dbid, 0);
    ok(err == JET_errSuccess, "JetCreateDatabaseA: %ld\n", err);
}

static void stop(void)
{
    JET_ERR err = JetCloseDatabase(sesid, dbid, 0);
    ok(err == JET_errSuccess, "JetCloseDatabase: %ld\n", err);
    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession: %ld\n", err);
    err = JetTerm2(inst, JET_bitTermComplete);
    ok(err == JET_errSuccess, "JetTerm2: %ld\n", err);
}

static ULONGLONG file_size(const char *path)
{
    WIN32_FILE_ATTRIBUTE_DATA fad;
    if (!GetFileAttributesExA(path, GetFileExInfoStandard, &fad)) return 0;
    return ((ULONGLONG)fad.nFileSizeHigh << 32) | fad.nFileSizeLow;
}

/* Read a file through the backup calls into out (may be NULL); returns the bytes read. */
static ULONGLONG copy_file_(int line, const char *src, const char *out)
{
    JET_HANDLE hf = 0xcccc;
    unsigned long lo = 0xcccc, hi = 0xcccc, cb;
    ULONGLONG total = 0;
    HANDLE h = INVALID_HANDLE_VALUE;
    const unsigned long cbBuf = 64 * 1024;
    void *pv = VirtualAlloc(NULL, cbBuf, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    JET_ERR err = JetOpenFileInstanceA(inst, src, &hf, &lo, &hi);
    ok_(__FILE__, line)(err == JET_errSuccess, "JetOpenFileInstanceA(%s): %ld\n", src, err);
    if (err < 0) goto done;
    if (out) h = CreateFileA(out, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    for (;;) {
        DWORD cbWritten;
        cb = 0xcccc;
        err = JetReadFileInstance(inst, hf, pv, cbBuf, &cb);
        ok_(__FILE__, line)(err == JET_errSuccess, "JetReadFileInstance: %ld\n", err);
        if (err < 0 || cb == 0) break;
        if (h != INVALID_HANDLE_VALUE) WriteFile(h, pv, cb, &cbWritten, NULL);
        total += cb;
    }
    ok_(__FILE__, line)(total == (((ULONGLONG)hi << 32) | lo), "read %lu bytes of %lu\n", (unsigned long)total, lo);
    err = JetCloseFileInstance(inst, hf);
    ok_(__FILE__, line)(err == JET_errSuccess, "JetCloseFileInstance: %ld\n", err);
done:
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
    VirtualFree(pv, 0, MEM_RELEASE);
    return total;
}
#define copy_file(src, out) copy_file_(__LINE__, src, out)

START_TEST(backup_begin_end)
{
    JET_ERR err;
    unsigned long cb = 0xcccc;
    JET_INSTANCE instOff;

    start("backup_begin_end", 0);
    /* Nothing in progress. */
    err = JetGetAttachInfoInstanceA(inst, NULL, 0, &cb);
    ok(err == JET_errNoBackup, "attach info without a backup: %ld\n", err);
    err = JetTruncateLogInstance(inst);
    ok(err == JET_errNoBackup, "truncate without a backup: %ld\n", err);
    err = JetCloseFileInstance(inst, 0);
    ok(err == JET_errNoBackup, "close without a backup: %ld\n", err);
    err = JetEndExternalBackupInstance(inst);
    ok(err == JET_errNoBackup, "end without a backup: %ld\n", err);
    /* The end's grbit is checked first: exactly one of normal and abort. */
    err = JetEndExternalBackupInstance2(inst, 0);
    ok(err == JET_errInvalidParameter, "end with grbit 0: %ld\n", err);
    err = JetEndExternalBackupInstance2(inst, JET_bitBackupEndNormal | JET_bitBackupEndAbort);
    ok(err == JET_errInvalidParameter, "end normal and abort: %ld\n", err);

    /* JET_bitBackupAtomic is JetBackup's only (the reference: JET_errInvalidGrbit). */
    err = JetBeginExternalBackupInstance(inst, JET_bitBackupAtomic);
    ok(err == JET_errInvalidGrbit, "atomic: %ld\n", err);
    err = JetBeginExternalBackupInstance(inst, 0x80000000);
    ok(err == JET_errInvalidGrbit, "unknown grbit: %ld\n", err);
    /* No full backup yet: no incremental one. */
    err = JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental);
    ok(err == JET_errMissingFullBackup, "incremental first: %ld\n", err);
    /* The forms without an instance are for the legacy one-instance mode. */
    err = JetBeginExternalBackup(0);
    ok(err == JET_errRunningInMultiInstanceMode, "JetBeginExternalBackup: %ld\n", err);
    err = JetBeginExternalBackupInstance(0, 0);
    ok(err == JET_errInvalidParameter, "instance 0: %ld\n", err);

    err = JetBeginExternalBackupInstance(inst, 0);
    ok(err == JET_errSuccess, "JetBeginExternalBackupInstance: %ld\n", err);
    err = JetBeginExternalBackupInstance(inst, 0);
    ok(err == JET_errBackupInProgress, "second begin: %ld\n", err);
    /* Ending before the logs were read: not a backup, but the end succeeds. */
    err = JetEndExternalBackupInstance2(inst, JET_bitBackupEndNormal);
    ok(err == JET_errSuccess, "end early: %ld\n", err);
    err = JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort);
    ok(err == JET_errNoBackup, "end twice: %ld\n", err);

    /* JetStopBackupInstance: every call then fails, the end still succeeds. */
    err = JetBeginExternalBackupInstance(inst, 0);
    ok(err == JET_errSuccess, "begin: %ld\n", err);
    err = JetStopBackupInstance(inst);
    ok(err == JET_errSuccess, "JetStopBackupInstance: %ld\n", err);
    err = JetGetAttachInfoInstanceA(inst, NULL, 0, &cb);
    ok(err == JET_errBackupAbortByServer, "attach info after stop: %ld\n", err);
    err = JetEndExternalBackupInstance2(inst, JET_bitBackupEndNormal);
    ok(err == JET_errSuccess, "end after stop: %ld\n", err);
    stop();
    test_remove_dir(dir);

    /* Without a log there is no backup. */
    start("backup_begin_end_nolog", 1);
    instOff = inst;
    err = JetBeginExternalBackupInstance(instOff, 0);
    ok(err == JET_errLoggingDisabled, "recovery off: %ld\n", err);
    stop();
    test_remove_dir(dir);
}

START_TEST(backup_external)
{
    JET_ERR err;
    unsigned long cb, cbGot, lo, hi, cbRead;
    char *list, bkdir[MAX_PATH], out[MAX_PATH], small[6];
    WCHAR wlist[MAX_PATH * 2];
    JET_HANDLE hf = 0xcccc, hf2;
    JET_LOGINFO_A li;
    JET_LOGINFO_W liw;
    JET_DBINFOMISC4 misc;
    void *pv;
    ULONGLONG cbDb;
    int cLogs = 0;

    start("backup_external", 0);
    snprintf(bkdir, sizeof bkdir, "%sbk\\", dir);
    CreateDirectoryA(bkdir, NULL);
    err = JetBeginExternalBackupInstance(inst, 0);
    ok(err == JET_errSuccess, "JetBeginExternalBackupInstance: %ld\n", err);

    /* The databases: a multi-string, sizes ESE's way. */
    cb = 0xcccc;
    err = JetGetAttachInfoInstanceA(inst, NULL, 0, &cb);
    ok(err == JET_errSuccess, "JetGetAttachInfoInstanceA: %ld\n", err);
    ok(cb == strlen(dbpath) + 2, "size %lu, expected %u\n", cb, (unsigned)strlen(dbpath) + 2);
    list = malloc(cb + 4);
    memset(list, 0xcc, cb + 4);
    err = JetGetAttachInfoInstanceA(inst, list, cb + 4, &cbGot);
    ok(err == JET_errSuccess, "JetGetAttachInfoInstanceA: %ld\n", err);
    ok(!lstrcmpiA(list, dbpath), "got %s, expected %s\n", list, dbpath);
    ok(list[cb - 1] == 0 && list[cb - 2] == 0, "not double-terminated\n");
    ok((unsigned char)list[cb] == 0xcc, "wrote past the list\n");
    err = JetGetAttachInfoInstanceA(inst, small, sizeof small, &cbGot);
    ok(err == JET_errBufferTooSmall, "short A buffer: %ld\n", err);
    /* The W form copies what fits and reports the whole size. */
    memset(wlist, 0xcc, sizeof wlist);
    cbGot = 0;
    err = JetGetAttachInfoInstanceW(inst, wlist, 6, &cbGot);
    ok(err == JET_errSuccess, "short W buffer: %ld\n", err);
    ok(cbGot == cb * sizeof(WCHAR), "W size %lu\n", cbGot);
    ok(wlist[2] != 0xcccc && wlist[3] == 0xcccc, "copied %#x %#x\n", wlist[2], wlist[3]);

    /* The database file: its size now plus one page, the trailer. */
    err = JetOpenFileInstanceA(inst, NULL, &hf, &lo, &hi);
    ok(err == JET_errInvalidParameter, "NULL name: %ld\n", err);
    snprintf(out, sizeof out, "%snot-attached.edb", dir);
    err = JetOpenFileInstanceA(inst, out, &hf, &lo, &hi);
    ok(err == JET_errDatabaseNotFound, "database not attached: %ld\n", err);
    hf = 0xcccc;
    err = JetOpenFileInstanceA(inst, dbpath, &hf, &lo, &hi);
    ok(err == JET_errSuccess, "JetOpenFileInstanceA: %ld\n", err);
    ok(hf == 0, "the first handle is 0, got %#lx\n", (unsigned long)hf);
    ok(hi == 0 && lo == file_size(dbpath) + 4096, "size %lu, file %lu\n", lo, (unsigned long)file_size(dbpath));
    err = JetOpenFileInstanceA(inst, dbpath, &hf2, &lo, &hi);
    ok(err == JET_errOutOfMemory, "second file: %ld\n", err);
    pv = VirtualAlloc(NULL, 64 * 1024, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    err = JetReadFileInstance(inst, hf, (char *)pv + 16, 16 * 4096, &cbRead);
    ok(err == JET_errInvalidParameter, "unaligned buffer: %ld\n", err);
    err = JetReadFileInstance(inst, hf, pv, 2 * 4096, &cbRead);
    ok(err == JET_errInvalidParameter, "two pages first: %ld\n", err);
    err = JetReadFileInstance(inst, hf, pv, 4096 + 1, &cbRead);
    ok(err == JET_errInvalidParameter, "not whole pages: %ld\n", err);
    err = JetCloseFileInstance(inst, 7);
    ok(err == JET_errInvalidParameter, "bad handle: %ld\n", err);
    err = JetCloseFileInstance(inst, hf);
    ok(err == JET_errSuccess, "JetCloseFileInstance: %ld\n", err);
    err = JetCloseFileInstance(inst, hf);
    ok(err == JET_errInvalidParameter, "closed twice: %ld\n", err);
    VirtualFree(pv, 0, MEM_RELEASE);

    snprintf(out, sizeof out, "%stest.edb", bkdir);
    cbDb = copy_file(dbpath, out);
    ok(cbDb == file_size(out) && cbDb > 3 * 4096, "copied %lu bytes\n", (unsigned long)cbDb);
    {
        JET_DBINFOMISC copy;
        err = JetGetDatabaseFileInfoA(out, &copy, sizeof copy, JET_DbInfoMisc);
        ok(err == JET_errSuccess, "the copy's header: %ld\n", err);
        ok(copy.bkinfoFullCur.genLow != 0, "copy genLow %lu\n", copy.bkinfoFullCur.genLow);
        ok(copy.bkinfoFullCur.genHigh == 0, "copy genHigh %lu\n", copy.bkinfoFullCur.genHigh);
    }

    /* The logs: a new generation starts, the range comes back with the base name. */
    li.cbSize = 1;
    err = JetGetLogInfoInstance2A(inst, NULL, 0, &cb, &li);
    ok(err == JET_errInvalidParameter, "bad JET_LOGINFO size: %ld\n", err);
    memset(&li, 0xcc, sizeof li);
    li.cbSize = sizeof li;
    err = JetGetLogInfoInstance2A(inst, NULL, 0, &cb, &li);
    ok(err == JET_errSuccess, "JetGetLogInfoInstance2A: %ld\n", err);
    ok(!strcmp(li.szBaseName, "edb"), "base name %s\n", li.szBaseName);
    ok(li.ulGenLow >= 1 && li.ulGenHigh >= li.ulGenLow, "generations %lu..%lu\n", li.ulGenLow, li.ulGenHigh);
    memset(&liw, 0xcc, sizeof liw);
    liw.cbSize = sizeof liw;
    err = JetGetLogInfoInstance2W(inst, wlist, sizeof wlist, &cbGot, &liw);
    ok(err == JET_errSuccess, "JetGetLogInfoInstance2W: %ld\n", err);
    ok(liw.ulGenLow == li.ulGenLow && liw.ulGenHigh == li.ulGenHigh, "W range %lu..%lu\n", liw.ulGenLow, liw.ulGenHigh);
    ok(cbGot == cb * sizeof(WCHAR), "W list %lu bytes, A %lu\n", cbGot, cb);
    free(list);
    list = malloc(cb);
    err = JetGetLogInfoInstanceA(inst, list, cb, &cbGot);
    ok(err == JET_errSuccess, "JetGetLogInfoInstanceA: %ld\n", err);
    /* Databases cannot be opened any more. */
    err = JetOpenFileInstanceA(inst, dbpath, &hf, &lo, &hi);
    ok(err == JET_errInvalidBackupSequence, "database after the logs: %ld\n", err);
    /* ... and that mistake ended the backup. */
    err = JetEndExternalBackupInstance2(inst, JET_bitBackupEndNormal);
    ok(err == JET_errNoBackup, "end after a fatal error: %ld\n", err);

    /* Again, all the way. */
    err = JetBeginExternalBackupInstance(inst, 0);
    ok(err == JET_errSuccess, "begin: %ld\n", err);
    copy_file(dbpath, out);
    err = JetGetLogInfoInstanceA(inst, NULL, 0, &cb);
    ok(err == JET_errSuccess, "JetGetLogInfoInstanceA: %ld\n", err);
    free(list);
    list = malloc(cb);
    err = JetGetLogInfoInstanceA(inst, list, cb, &cbGot);
    ok(err == JET_errSuccess, "JetGetLogInfoInstanceA: %ld\n", err);
    err = JetTruncateLogInstance(inst);
    ok(err == JET_errLogFileNotCopied, "truncate before copying the logs: %ld\n", err);
    for (char *p = list; *p; p += strlen(p) + 1) {
        const char *leaf = strrchr(p, '\\');
        ok(strlen(p) > 4 && !lstrcmpiA(p + strlen(p) - 4, ".log"), "log name %s\n", p);
        snprintf(out, sizeof out, "%s%s", bkdir, leaf ? leaf + 1 : p);
        copy_file(p, out);
        cLogs++;
    }
    ok(cLogs > 0, "no logs\n");
    err = JetGetTruncateLogInfoInstanceA(inst, NULL, 0, &cb);
    ok(err == JET_errSuccess, "JetGetTruncateLogInfoInstanceA: %ld\n", err);
    err = JetTruncateLogInstance(inst);
    ok(err == JET_errSuccess, "JetTruncateLogInstance: %ld\n", err);
    err = JetEndExternalBackupInstance2(inst, JET_bitBackupEndNormal);
    ok(err == JET_errSuccess, "JetEndExternalBackupInstance2: %ld\n", err);
    /* With the logs truncated it is a full backup (without, ESE records a copy). */
    memset(&misc, 0, sizeof misc);
    err = JetGetDatabaseInfoA(sesid, dbid, &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errSuccess, "JET_DbInfoMisc: %ld\n", err);
    ok(misc.bkinfoFullPrev.genLow != 0 && misc.bkinfoFullPrev.genHigh >= misc.bkinfoFullPrev.genLow,
       "full backup %lu..%lu\n", misc.bkinfoFullPrev.genLow, misc.bkinfoFullPrev.genHigh);
    ok(misc.bkinfoCopyPrev.genLow == 0, "copy %lu\n", misc.bkinfoCopyPrev.genLow);
    ok(misc.bkinfoFullCur.genLow == 0, "current %lu\n", misc.bkinfoFullCur.genLow);

    /* Now an incremental one: the logs since. */
    err = JetBeginExternalBackupInstance(inst, JET_bitBackupIncremental);
    ok(err == JET_errSuccess, "incremental begin: %ld\n", err);
    err = JetGetAttachInfoInstanceA(inst, NULL, 0, &cb);
    ok(err == JET_errInvalidBackupSequence, "attach info in an incremental backup: %ld\n", err);
    err = JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort);
    ok(err == JET_errSuccess, "abort: %ld\n", err);
    free(list);
    stop();
    test_remove_dir(bkdir);
    test_remove_dir(dir);
}

START_TEST(backup_to_folder)
{
    JET_ERR err;
    char bkdir[MAX_PATH], path[MAX_PATH];
    JET_DBINFOMISC misc;

    start("backup_to_folder", 0);
    snprintf(bkdir, sizeof bkdir, "%sbk\\", dir);
    test_remove_dir(bkdir);                     /* a previous run's, if any */
    CreateDirectoryA(bkdir, NULL);
    bkdir[strlen(bkdir) - 1] = 0;               /* JetBackup takes a folder without a separator too */
    err = JetBackupInstanceA(inst, bkdir, 0, NULL);
    ok(err == JET_errSuccess, "JetBackupInstanceA: %ld\n", err);
    snprintf(path, sizeof path, "%s\\test.edb", bkdir);
    ok(GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES, "no database copy\n");
    err = JetGetDatabaseFileInfoA(path, &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errSuccess && misc.bkinfoFullCur.genLow != 0, "copy header: %ld, %lu\n", err, misc.bkinfoFullCur.genLow);
    /* A full backup wants an empty folder. */
    err = JetBackupInstanceA(inst, bkdir, 0, NULL);
    ok(err == JET_errBackupDirectoryNotEmpty, "second full backup: %ld\n", err);
    err = JetBackupInstanceA(inst, bkdir, JET_bitBackupIncremental, NULL);
    ok(err == JET_errSuccess, "incremental backup: %ld\n", err);
    err = JetBackupA(bkdir, 0, NULL);
    ok(err == JET_errRunningInMultiInstanceMode, "JetBackupA: %ld\n", err);
    stop();
    strcat(bkdir, "\\");
    test_remove_dir(bkdir);
    test_remove_dir(dir);
}

static int cRestoreBegin, cRestoreComplete;

static JET_ERR JET_API restore_status(JET_SESID sid, JET_SNP snp, JET_SNT snt, void *pv)
{
    ok(sid == JET_sesidNil, "status callback session %#lx\n", (unsigned long)sid);
    ok(snp == JET_snpRestore, "status callback snp %lu\n", (unsigned long)snp);
    ok(pv != NULL, "no JET_SNPROG\n");
    if (snt == JET_sntBegin) cRestoreBegin++;
    if (snt == JET_sntComplete) cRestoreComplete++;
    return JET_errSuccess;
}

/* An instance that is created and pointed at sub, but not initialized: restore's host. */
static JET_INSTANCE make_instance(const char *name, const char *sub)
{
    JET_INSTANCE i2 = 0;
    JET_ERR err = JetCreateInstanceA(&i2, name);
    ok(err == JET_errSuccess, "JetCreateInstanceA(%s): %ld\n", name, err);
    CreateDirectoryA(sub, NULL);
    test_set_paths(&i2, sub);
    return i2;
}

START_TEST(backup_restore)
{
    JET_ERR err;
    char bkdir[MAX_PATH], rdir[MAX_PATH], edir[MAX_PATH], empty[MAX_PATH], path[MAX_PATH], copy[MAX_PATH];
    JET_DBINFOMISC misc;
    JET_INSTANCE i2;
    JET_SESID s2;
    JET_DBID d2;
    JET_RSTMAP_A map;
    JET_LOGINFO_A li;

    start("backup_restore", 0);
    snprintf(bkdir, sizeof bkdir, "%sbk\\", dir);
    snprintf(rdir, sizeof rdir, "%srestored\\", dir);
    snprintf(edir, sizeof edir, "%sexternal\\", dir);
    snprintf(empty, sizeof empty, "%sempty\\", dir);
    test_remove_dir(bkdir);
    CreateDirectoryA(bkdir, NULL);
    CreateDirectoryA(empty, NULL);
    err = JetBackupInstanceA(inst, bkdir, 0, NULL);
    ok(err == JET_errSuccess, "JetBackupInstanceA: %ld\n", err);
    /* The legacy form is for the one-instance mode (with no instance at all it would start that
     * mode and restore with the process's default folders: not here). */
    err = JetRestoreA(bkdir, NULL);
    ok(err == JET_errRunningInMultiInstanceMode, "JetRestoreA: %ld\n", err);
    stop();

    /* JetRestoreInstance into a destination folder, on an instance not yet initialized. */
    i2 = make_instance("backup_restore_2", rdir);
    err = JetRestoreInstanceA(i2, empty, rdir, NULL);
    ok(err == JET_errFileNotFound, "restore of a folder without logs: %ld\n", err);
    cRestoreBegin = cRestoreComplete = 0;
    err = JetRestoreInstanceA(i2, bkdir, rdir, restore_status);
    ok(err == JET_errSuccess, "JetRestoreInstanceA: %ld\n", err);
    ok(cRestoreBegin == 1 && cRestoreComplete == 1, "status: %d begin, %d complete\n", cRestoreBegin, cRestoreComplete);
    snprintf(path, sizeof path, "%stest.edb", rdir);
    err = JetGetDatabaseFileInfoA(path, &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errSuccess, "restored header: %ld\n", err);
    ok(misc.dbstate == JET_dbstateCleanShutdown, "restored database state %lu\n", misc.dbstate);
    ok(misc.bkinfoFullCur.genLow == 0, "restored database still says backup copy (%lu)\n", misc.bkinfoFullCur.genLow);
    /* The instance is left as it was: it can be initialized and use the database. */
    err = JetInit(&i2);
    ok(err == JET_errSuccess, "JetInit after the restore: %ld\n", err);
    err = JetRestoreInstanceA(i2, bkdir, rdir, NULL);
    ok(err == JET_errAfterInitialization, "restore on an initialized instance: %ld\n", err);
    err = JetBeginSessionA(i2, &s2, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA: %ld\n", err);
    err = JetAttachDatabaseA(s2, path, 0);
    ok(err == JET_errSuccess, "attach the restored database: %ld\n", err);
    err = JetOpenDatabaseA(s2, path, NULL, &d2, 0);
    ok(err == JET_errSuccess, "open it: %ld\n", err);
    err = JetCloseDatabase(s2, d2, 0);
    ok(err == JET_errSuccess, "close it: %ld\n", err);
    err = JetEndSession(s2, 0);
    ok(err == JET_errSuccess, "JetEndSession: %ld\n", err);
    err = JetTerm2(i2, JET_bitTermComplete);
    ok(err == JET_errSuccess, "JetTerm2: %ld\n", err);

    /* JetExternalRestore: the caller put the copy in place; a restore instance of its own. */
    CreateDirectoryA(edir, NULL);
    snprintf(copy, sizeof copy, "%smoved.edb", edir);
    snprintf(path, sizeof path, "%stest.edb", bkdir);
    ok(CopyFileA(path, copy, FALSE), "CopyFileA: %lu\n", GetLastError());
    map.szDatabaseName = dbpath;
    map.szNewDatabaseName = copy;
    err = JetExternalRestoreA(edir, edir, &map, -1, bkdir, 0, 0, NULL);
    ok(err == JET_errInvalidParameter, "negative map count: %ld\n", err);
    err = JetExternalRestore2A(edir, edir, &map, 1, bkdir, NULL, NULL, NULL, NULL, NULL);
    ok(err == JET_errInvalidParameter, "no JET_LOGINFO: %ld\n", err);
    memset(&li, 0, sizeof li);
    li.cbSize = sizeof li;
    strcpy(li.szBaseName, "edb");
    err = JetExternalRestore2A(edir, edir, &map, 1, bkdir, &li, NULL, edir, NULL, NULL);
    ok(err == JET_errInvalidParameter, "target log folder without checkpoint folder: %ld\n", err);
    err = JetExternalRestoreA(edir, edir, &map, 1, bkdir, 0, 0, NULL);
    ok(err == JET_errSuccess, "JetExternalRestoreA: %ld\n", err);
    err = JetGetDatabaseFileInfoA(copy, &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errSuccess && misc.dbstate == JET_dbstateCleanShutdown, "externally restored: %ld, state %lu\n",
       err, misc.dbstate);
    /* Once restored it is no backup copy any more. */
    err = JetExternalRestoreA(edir, edir, &map, 1, bkdir, 0, 0, NULL);
    ok(err == JET_errRestoreOfNonBackupDatabase, "restore of a restored database: %ld\n", err);

    test_remove_dir(edir);
    test_remove_dir(rdir);
    test_remove_dir(empty);
    test_remove_dir(bkdir);
    test_remove_dir(dir);
}
