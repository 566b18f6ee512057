/* SPDX-License-Identifier: MIT
 * isam/tests/test_backup.c: the external backup (JetBeginExternalBackup ... JetEndExternalBackup
 * and JetBackup at the isam level) over the in-memory file system: the copies handed out, the
 * order and error rules ESE has, the log range kept and truncated, and the header's backup
 * information afterwards. Restoring what these make is test_backup_restore.c's business. */
#include "test_backup_util.h"

static uint32_t cb_page(void)
{
    return (uint32_t)param_num(isam_global_params(), JET_paramDatabasePageSize);
}

/* ---- begin -------------------------------------------------------------------------------- */

static void test_backup_begin_fails_with_logging_disabled_when_recovery_off(void **state)
{
    (void)state;
    struct fx f;
    struct fx_opts o = { .fRecoveryOff = true };
    assert_int_equal(fx_open(&f, g_mem, &o, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errLoggingDisabled);
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), 0, NULL), JET_errLoggingDisabled);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_begin_refuses_bits_esent_refuses(void **state)
{
    (void)state;
    struct fx f;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    /* JET_bitBackupAtomic is only JetBackup's; the reference says so and ESE checks it. */
    assert_int_equal(isam_backup_begin(f.inst, JET_bitBackupAtomic), JET_errInvalidGrbit);
    assert_int_equal(isam_backup_begin(f.inst, JET_bitBackupSnapshot), JET_errInvalidGrbit);
    assert_int_equal(isam_backup_begin(f.inst, 0x100), JET_errInvalidGrbit);
    /* Surrogate backups are not done here (FIXME): refused, never pretended. */
    assert_int_equal(isam_backup_begin(f.inst, 0x20), JET_errFeatureNotAvailable);
    assert_int_equal(isam_backup_begin(f.inst, 0x40 | JET_bitBackupIncremental), JET_errInvalidGrbit);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndAbort), JET_errNoBackup);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_begin_twice_gives_backup_in_progress(void **state)
{
    (void)state;
    struct fx f;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errBackupInProgress);
    assert_int_equal(isam_backup_begin(f.inst, JET_bitBackupIncremental), JET_errBackupInProgress);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndAbort), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndAbort), JET_errSuccess);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_incremental_gives_invalid_backup_when_circular_logging(void **state)
{
    (void)state;
    struct fx f;
    struct fx_opts o = { .fCircular = true };
    assert_int_equal(fx_open(&f, g_mem, &o, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, JET_bitBackupIncremental), JET_errInvalidBackup);
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), JET_bitBackupIncremental, NULL), JET_errInvalidBackup);
    /* A full one is fine with circular logging. */
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndAbort), JET_errSuccess);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_incremental_gives_missing_full_backup_when_none_was_made(void **state)
{
    (void)state;
    struct fx f;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, JET_bitBackupIncremental), JET_errMissingFullBackup);
    /* The failed begin left no backup behind. */
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal), JET_errNoBackup);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

/* ---- calls without a backup, and their argument checks -------------------------------------- */

static void test_backup_calls_give_no_backup_when_none_in_progress(void **state)
{
    (void)state;
    struct fx f;
    uint32_t cb = 0;
    JET_HANDLE hf;
    uint64_t cbFile;
    void *pv = aligned_buffer(3 * cb_page());
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_attach_info(f.inst, NULL, 0, &cb), JET_errNoBackup);
    assert_int_equal(isam_backup_open_file(f.inst, W("/t.edb"), 0, &hf, &cbFile), JET_errNoBackup);
    assert_int_equal(isam_backup_read_file(f.inst, 0, pv, 3 * cb_page(), &cb), JET_errNoBackup);
    assert_int_equal(isam_backup_close_file(f.inst, 0), JET_errNoBackup);
    assert_int_equal(isam_backup_log_info(f.inst, NULL, 0, &cb, NULL), JET_errNoBackup);
    assert_int_equal(isam_backup_truncate_log_info(f.inst, NULL, 0, &cb), JET_errNoBackup);
    assert_int_equal(isam_backup_truncate_log(f.inst), JET_errNoBackup);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal), JET_errNoBackup);
    /* The grbit is checked first: neither or both of normal and abort. */
    assert_int_equal(isam_backup_end(f.inst, 0), JET_errInvalidParameter);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal | JET_bitBackupEndAbort), JET_errInvalidParameter);
    free(pv);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_attach_info_reports_size_and_truncates_to_short_buffers(void **state)
{
    (void)state;
    struct fx f;
    uint32_t cb = 0, cbGot = 0xcccc;
    JET_DBID dbid2;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_db_create(f.sess, W("/u.edb"), 0, 0, &dbid2), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(isam_backup_attach_info(f.inst, NULL, 0, &cb), JET_errSuccess);
    /* "/t.edb\0/u.edb\0\0" in the file system's separator. */
    assert_int_equal(cb, (7 + 7 + 1) * sizeof(ESENT_WCHAR));
    ESENT_WCHAR buf[32];
    memset(buf, 0xcc, sizeof buf);
    assert_int_equal(isam_backup_attach_info(f.inst, buf, sizeof buf, &cbGot), JET_errSuccess);
    assert_int_equal(cbGot, cb);
    assert_int_equal(wstr_icmp_ascii(buf + 1, W("t.edb")), 0);
    assert_int_equal(wstr_icmp_ascii(buf + 8, W("u.edb")), 0);
    assert_int_equal(buf[14], 0);
    assert_int_equal(buf[15], 0xcccc);                 /* nothing past the size */
    /* A short buffer: as much as fits, success, and the whole size (ESE's rules). */
    memset(buf, 0xcc, sizeof buf);
    cbGot = 0;
    assert_int_equal(isam_backup_attach_info(f.inst, buf, 6, &cbGot), JET_errSuccess);
    assert_int_equal(cbGot, cb);
    assert_int_equal(buf[1], 't');
    assert_int_equal(buf[2], '.');
    assert_int_equal(buf[3], 0xcccc);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndAbort), JET_errSuccess);
    /* An incremental backup has no database list. */
    assert_int_equal(backup_external(&f, "/bk/", 0, true, NULL), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, JET_bitBackupIncremental), JET_errSuccess);
    assert_int_equal(isam_backup_attach_info(f.inst, NULL, 0, &cb), JET_errInvalidBackupSequence);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndAbort), JET_errSuccess);
    assert_int_equal(isam_db_close(f.sess, dbid2, 0), JET_errSuccess);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_open_and_read_check_their_arguments(void **state)
{
    (void)state;
    struct fx f;
    JET_HANDLE hf = 77, hf2;
    uint64_t cbFile = 0;
    uint32_t cb = 0, cbPage = cb_page();
    uint8_t *pv = aligned_buffer(8 * cbPage);
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(isam_backup_open_file(f.inst, NULL, 0, &hf, &cbFile), JET_errInvalidParameter);
    assert_int_equal(isam_backup_open_file(f.inst, W(""), 0, &hf, &cbFile), JET_errInvalidParameter);
    assert_int_equal(isam_backup_open_file(f.inst, W("/t.edb"), 100, &hf, &cbFile), JET_errInvalidParameter);
    assert_int_equal(isam_backup_open_file(f.inst, W("/t.edb"), cbPage, &hf, &cbFile), JET_errInvalidParameter);
    /* Before the logs, only attached databases can be opened. */
    assert_int_equal(isam_backup_open_file(f.inst, W("/other.edb"), 0, &hf, &cbFile), JET_errDatabaseNotFound);
    assert_int_equal(isam_backup_open_file(f.inst, W("/t.edb"), 0, &hf, &cbFile), JET_errSuccess);
    assert_int_equal(hf, 0);        /* ESE's handles are indexes: the first is 0 */
    assert_int_equal(cbFile, (uint64_t)(cache_file_cpg(f.db->cfile) + 3) * cbPage);
    /* One file at a time. */
    assert_int_equal(isam_backup_open_file(f.inst, W("/t.edb"), 0, &hf2, &cbFile), JET_errOutOfMemory);
    /* Detach waits for the backup. */
    assert_int_equal(isam_db_close(f.sess, f.dbid, 0), JET_errSuccess);
    assert_int_equal(isam_db_detach(f.sess, W("/t.edb"), 0), JET_errDatabaseInUse);
    assert_int_equal(isam_db_open(f.sess, W("/t.edb"), 0, &f.dbid), JET_errSuccess);

    assert_int_equal(isam_backup_read_file(f.inst, hf, pv + 8, 4 * cbPage, &cb), JET_errInvalidParameter);
    assert_int_equal(isam_backup_read_file(f.inst, hf, NULL, 4 * cbPage, &cb), JET_errInvalidParameter);
    assert_int_equal(isam_backup_read_file(f.inst, hf, pv, 4 * cbPage - 1, &cb), JET_errInvalidParameter);
    /* The first read holds header, shadow and at least one page. */
    assert_int_equal(isam_backup_read_file(f.inst, hf, pv, 2 * cbPage, &cb), JET_errInvalidParameter);
    assert_int_equal(isam_backup_read_file(f.inst, 1, pv, 4 * cbPage, &cb), JET_errInvalidParameter);
    assert_int_equal(isam_backup_read_file(f.inst, hf, pv, 3 * cbPage, &cb), JET_errSuccess);
    assert_int_equal(cb, 3 * cbPage);
    /* Afterwards one page at a time is fine. */
    assert_int_equal(isam_backup_read_file(f.inst, hf, pv, cbPage, &cb), JET_errSuccess);
    assert_int_equal(cb, cbPage);
    assert_int_equal(isam_backup_close_file(f.inst, 3), JET_errInvalidParameter);
    assert_int_equal(isam_backup_close_file(f.inst, hf), JET_errSuccess);
    assert_int_equal(isam_backup_close_file(f.inst, hf), JET_errInvalidParameter);
    assert_int_equal(isam_backup_read_file(f.inst, hf, pv, 4 * cbPage, &cb), JET_errInvalidParameter);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndAbort), JET_errSuccess);
    free(pv);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

/* ---- the database copy ----------------------------------------------------------------------- */

static void test_backup_database_copy_has_header_range_pages_and_trailer(void **state)
{
    (void)state;
    struct fx f;
    uint64_t cbFile = 0;
    uint32_t cbPage = cb_page();
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(insert_range(&f, 0, 50), JET_errSuccess);
    assert_int_equal(f.vfs->ops->mkdir(f.vfs, W("/bk")), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    /* Odd chunk sizes: the trailer still comes once, at the end. */
    assert_int_equal(backup_copy(&f, W("/t.edb"), W("/bk/t.edb"), 7 * cbPage, &cbFile), JET_errSuccess);
    uint32_t cpg = cache_file_cpg(f.db->cfile);
    assert_int_equal(cbFile, (uint64_t)(cpg + 3) * cbPage);

    void *pvCopy = NULL;
    size_t cbCopy = 0;
    assert_int_equal(os_test_read_file(f.vfs, W("/bk/t.edb"), &pvCopy, &cbCopy), JET_errSuccess);
    assert_int_equal(cbCopy, cbFile);
    const uint8_t *pb = pvCopy;
    /* Header and shadow: the live header with the backup's range. */
    struct db_header h, hLive = f.db->hdr;
    assert_true(page_dbhdr_checksum_ok(pb, cbPage));
    assert_memory_equal(pb, pb + cbPage, cbPage);
    assert_int_equal(page_dbhdr_parse(pb, cbPage, &h), JET_errSuccess);
    assert_memory_equal(&h.signDb, &hLive.signDb, sizeof h.signDb);
    assert_int_not_equal(h.bkinfoFullCur.genLow, 0);
    assert_int_equal(h.bkinfoFullCur.genHigh, 0);
    assert_int_not_equal(h.bkinfoFullCur.lgposMark.lGeneration, 0);
    /* Every page verifies (or was never written). */
    for (uint32_t pgno = 1; pgno <= cpg; pgno++) {
        JET_ERR e = page_checksum_verify(pb + (size_t)(pgno + 1) * cbPage, cbPage, pgno, NULL);
        assert_true(e == JET_errSuccess || e == JET_errPageNotInitialized);
    }
    /* The trailer: the same mark and genLow, genHigh now known. */
    struct db_patchhdr p;
    assert_int_equal(page_patchhdr_parse(pb + (size_t)(cpg + 2) * cbPage, cbPage, &p), JET_errSuccess);
    assert_memory_equal(&p.bkinfo.lgposMark, &h.bkinfoFullCur.lgposMark, sizeof p.bkinfo.lgposMark);
    assert_int_equal(p.bkinfo.genLow, h.bkinfoFullCur.genLow);
    assert_true(p.bkinfo.genHigh >= p.bkinfo.genLow);
    assert_memory_equal(&p.signDb, &hLive.signDb, sizeof p.signDb);
    assert_memory_equal(&p.signLog, &hLive.signLog, sizeof p.signLog);
    mem_free(pvCopy);

    /* Read past the end: nothing more, still success. */
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndAbort), JET_errSuccess);
    /* A backup copy does not attach as a database until it is restored. */
    assert_int_equal(fx_close(&f), JET_errSuccess);
    struct fx g;
    assert_int_equal(fx_open(&g, g_mem, NULL, "/u.edb", true), JET_errSuccess);
    struct os_file *fc = NULL;
    assert_int_equal(os_file_open(g_mem, W("/bk/t.edb"), 0, &fc), JET_errSuccess);
    assert_int_equal(os_file_set_size(fc, (uint64_t)(cpg + 2) * cbPage), JET_errSuccess);
    os_file_close(fc);
    assert_int_equal(isam_db_attach(g.sess, W("/bk/t.edb"), 0, 0), JET_errDatabaseDirtyShutdown);
    assert_int_equal(fx_close(&g), JET_errSuccess);
}

static void test_backup_read_fails_with_read_verify_failure_when_page_is_damaged(void **state)
{
    (void)state;
    struct fx f;
    uint32_t cbPage = cb_page();
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    /* The last page of the file was never written: make it garbage. */
    uint32_t cpg = cache_file_cpg(f.db->cfile);
    uint8_t *junk = mem_alloc(cbPage);
    memset(junk, 0x5a, cbPage);
    assert_int_equal(os_file_write(f.db->file, page_file_offset(cpg, cbPage), junk, cbPage), JET_errSuccess);
    mem_free(junk);
    assert_int_equal(f.vfs->ops->mkdir(f.vfs, W("/bk")), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(backup_copy(&f, W("/t.edb"), W("/bk/t.edb"), 16 * cbPage, NULL), JET_errReadVerifyFailure);
    /* The database's copy failed and its handle is gone, but the backup goes on (ESE). */
    assert_int_equal(isam_backup_close_file(f.inst, 0), JET_errInvalidParameter);
    uint32_t cb = 0;
    assert_int_equal(isam_backup_log_info(f.inst, NULL, 0, &cb, NULL), JET_errSuccess);
    /* Nothing was backed up whole: ending it leaves the header's backup information alone. */
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal | JET_bitBackupTruncateDone), JET_errSuccess);
    assert_int_equal(f.db->hdr.bkinfoFullPrev.genLow, 0);
    assert_int_equal(f.db->hdr.bkinfoCopyPrev.genLow, 0);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_read_error_fails_the_database_copy_and_ends_the_backup_for_a_log(void **state)
{
    (void)state;
    struct fx f;
    struct os_vfs *fault = os_fault_create(g_mem);
    uint32_t cbPage = cb_page(), cb = 0;
    JET_HANDLE hf;
    uint64_t cbFile;
    uint8_t *pv = aligned_buffer(16 * cbPage);
    assert_int_equal(fx_open(&f, fault, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(isam_backup_open_file(f.inst, W("/t.edb"), 0, &hf, &cbFile), JET_errSuccess);
    /* The disk fails under the database's copy: that copy fails, the backup goes on. */
    os_fault_fail_nth(fault, OS_FAULT_READ, 1, JET_errDiskIO, true);
    assert_int_equal(isam_backup_read_file(f.inst, hf, pv, 16 * cbPage, &cb), JET_errDiskIO);
    os_fault_clear(fault);
    assert_int_equal(isam_backup_close_file(f.inst, hf), JET_errInvalidParameter);
    assert_int_equal(isam_backup_attach_info(f.inst, NULL, 0, &cb), JET_errSuccess);
    /* Under a log's copy it ends the backup (ESE). */
    ESENT_WCHAR wszz[512];
    assert_int_equal(isam_backup_log_info(f.inst, wszz, sizeof wszz, &cb, NULL), JET_errSuccess);
    assert_int_equal(isam_backup_open_file(f.inst, wszz, 0, &hf, &cbFile), JET_errSuccess);
    os_fault_fail_nth(fault, OS_FAULT_READ, 1, JET_errDiskIO, true);
    assert_int_equal(isam_backup_read_file(f.inst, hf, pv, 16 * cbPage, &cb), JET_errDiskIO);
    os_fault_clear(fault);
    assert_int_equal(isam_backup_close_file(f.inst, hf), JET_errNoBackup);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal), JET_errNoBackup);
    assert_int_equal(f.db->hdr.bkinfoCopyPrev.genLow, 0);
    free(pv);
    assert_int_equal(fx_close(&f), JET_errSuccess);
    os_fault_destroy(fault);
}

/* ---- logs, truncation, headers --------------------------------------------------------------- */

static void test_backup_full_with_truncation_records_full_backup_and_deletes_old_logs(void **state)
{
    (void)state;
    struct fx f;
    struct isam_backup_loginfo li = { 0, 0 };
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(insert_range(&f, 100u * (uint32_t)i, 100u * (uint32_t)i + 20), JET_errSuccess);
        assert_int_equal(log_new_generation(f.inst->log), JET_errSuccess);
    }
    assert_int_equal(checkpoint_now(&f), JET_errSuccess);
    uint32_t genMin0, genMax0;
    log_generations(f.inst->log, &genMin0, &genMax0);
    assert_int_equal(backup_external(&f, "/bk/", 0, true, &li), JET_errSuccess);
    assert_true(li.genLow >= genMin0 && li.genHigh >= li.genLow);
    assert_int_equal(li.genHigh, genMax0);           /* up to the generation current at log_info */
    /* Each log of the range is in the backup folder. */
    for (uint32_t g = li.genLow; g <= li.genHigh; g++) {
        ESENT_WCHAR *wszPath = NULL;
        assert_int_equal(log_generation_path(f.inst->log, g, &wszPath), JET_errSuccess);
        ESENT_WCHAR *wszCopy = join("/bk/", leaf_of(wszPath));
        assert_true(file_exists(f.vfs, wszCopy));
        mem_free(wszCopy);
        mem_free(wszPath);
    }
    /* Truncation removed what the checkpoint no longer needs. */
    uint32_t genMin1, genMax1;
    log_generations(f.inst->log, &genMin1, &genMax1);
    assert_true(genMin1 > genMin0);
    /* The header says: a full backup of this range. */
    struct db_header h = f.db->hdr;
    assert_int_equal(h.bkinfoFullPrev.genLow, li.genLow);
    assert_int_equal(h.bkinfoFullPrev.genHigh, li.genHigh);
    assert_int_equal(h.bkinfoTypeFullPrev, 0);
    assert_int_not_equal(h.bkinfoFullPrev.lgposMark.lGeneration, 0);
    assert_int_equal(h.bkinfoCopyPrev.genLow, 0);
    assert_int_equal(h.bkinfoFullCur.genLow, 0);
    /* And on disk. */
    struct db_header hDisk;
    uint8_t *pbHdr = mem_alloc(f.db->cbPage);
    assert_int_equal(os_file_read(f.db->file, 0, pbHdr, f.db->cbPage), JET_errSuccess);
    assert_int_equal(page_dbhdr_parse(pbHdr, f.db->cbPage, &hDisk), JET_errSuccess);
    mem_free(pbHdr);
    assert_int_equal(hDisk.bkinfoFullPrev.genHigh, li.genHigh);

    /* An incremental backup now: the logs since, recorded as incremental. */
    assert_int_equal(insert_range(&f, 1000, 1010), JET_errSuccess);
    struct isam_backup_loginfo li2 = { 0, 0 };
    assert_int_equal(backup_external(&f, "/bk2/", JET_bitBackupIncremental, true, &li2), JET_errSuccess);
    assert_true(li2.genLow <= li.genHigh + 1);
    assert_true(li2.genHigh > li.genHigh);
    h = f.db->hdr;
    assert_int_equal(h.bkinfoIncPrev.genHigh, li2.genHigh);
    assert_int_equal(h.bkinfoFullPrev.genHigh, li.genHigh);     /* the full one stays */
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_without_truncation_is_recorded_as_copy(void **state)
{
    (void)state;
    struct fx f;
    struct isam_backup_loginfo li = { 0, 0 };
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(insert_range(&f, 0, 10), JET_errSuccess);
    uint32_t genMin0, genMax0;
    log_generations(f.inst->log, &genMin0, &genMax0);
    assert_int_equal(backup_external(&f, "/bk/", 0, false, &li), JET_errSuccess);
    struct db_header h = f.db->hdr;
    assert_int_equal(h.bkinfoCopyPrev.genLow, li.genLow);
    assert_int_equal(h.bkinfoCopyPrev.genHigh, li.genHigh);
    assert_int_equal(h.bkinfoFullPrev.genLow, 0);
    uint32_t genMin1, genMax1;
    log_generations(f.inst->log, &genMin1, &genMax1);
    assert_int_equal(genMin1, genMin0);          /* nothing deleted */
    /* A copy is no base for an incremental backup (ESE's rule). */
    assert_int_equal(isam_backup_begin(f.inst, JET_bitBackupIncremental), JET_errMissingFullBackup);
    /* JET_bitBackupTruncateDone: the client truncated the logs itself; now it is a full one. */
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(backup_copy(&f, W("/t.edb"), W("/bk/t2.edb"), 64 * 1024, NULL), JET_errSuccess);
    uint32_t cb;
    assert_int_equal(isam_backup_log_info(f.inst, NULL, 0, &cb, &li), JET_errSuccess);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal | JET_bitBackupTruncateDone), JET_errSuccess);
    assert_int_equal(f.db->hdr.bkinfoFullPrev.genHigh, li.genHigh);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_truncate_log_checks_sequence_and_copies(void **state)
{
    (void)state;
    struct fx f;
    uint32_t cb = 0;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    /* Before the logs were listed there is no range to truncate. */
    assert_int_equal(isam_backup_truncate_log(f.inst), JET_errInvalidBackupSequence);
    assert_int_equal(isam_backup_log_info(f.inst, NULL, 0, &cb, NULL), JET_errSuccess);
    /* The logs were not copied. */
    assert_int_equal(isam_backup_truncate_log(f.inst), JET_errLogFileNotCopied);
    /* After the log phase began, databases cannot be opened any more, and trying ends it. */
    JET_HANDLE hf;
    uint64_t cbFile;
    assert_int_equal(isam_backup_open_file(f.inst, W("/t.edb"), 0, &hf, &cbFile), JET_errInvalidBackupSequence);
    assert_int_equal(isam_backup_truncate_log(f.inst), JET_errNoBackup);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal), JET_errNoBackup);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_log_info_reports_range_and_short_buffers(void **state)
{
    (void)state;
    struct fx f;
    uint32_t cb = 0, cbGot = 0;
    struct isam_backup_loginfo li = { 0, 0 };
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(isam_backup_log_info(f.inst, NULL, 0, &cb, &li), JET_errSuccess);
    uint32_t genMin, genCur;
    log_generations(f.inst->log, &genMin, &genCur);
    assert_int_equal(li.genHigh, genCur - 1);    /* the new generation is not part of it */
    ESENT_WCHAR *w = mem_alloc(cb + 8);
    memset(w, 0xcc, cb + 8);
    /* With a buffer, the count is what was copied: min(cbMax, size) (ESE). */
    assert_int_equal(isam_backup_log_info(f.inst, w, cb + 8, &cbGot, NULL), JET_errSuccess);
    assert_int_equal(cbGot, cb);
    assert_int_equal(w[cb / 2 - 1], 0);
    assert_int_equal(w[cb / 2 - 2], 0);
    assert_int_equal(isam_backup_log_info(f.inst, w, 10, &cbGot, NULL), JET_errSuccess);
    assert_int_equal(cbGot, 10);
    /* A second call does not start another generation. */
    uint32_t genCur2;
    log_generations(f.inst->log, &genMin, &genCur2);
    assert_int_equal(genCur2, genCur);
    /* While a file is open, no list. */
    JET_HANDLE hf;
    uint64_t cbFile;
    ESENT_WCHAR *wszFirst = NULL;
    assert_int_equal(isam_backup_log_info(f.inst, w, cb, &cbGot, NULL), JET_errSuccess);
    wszFirst = wstr_dup(w);
    assert_int_equal(isam_backup_open_file(f.inst, wszFirst, 0, &hf, &cbFile), JET_errSuccess);
    assert_int_equal(isam_backup_log_info(f.inst, NULL, 0, &cb, NULL), JET_errInvalidBackupSequence);
    assert_int_equal(isam_backup_close_file(f.inst, hf), JET_errSuccess);
    /* A log file that does not exist ends the backup. */
    assert_int_equal(isam_backup_open_file(f.inst, W("/log/edbFFFFF.log"), 0, &hf, &cbFile), JET_errMissingFileToBackup);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal), JET_errNoBackup);
    mem_free(wszFirst);
    mem_free(w);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_stop_makes_calls_fail_and_end_succeed(void **state)
{
    (void)state;
    struct fx f;
    uint32_t cb;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    isam_backup_stop(f.inst);
    assert_int_equal(isam_backup_attach_info(f.inst, NULL, 0, &cb), JET_errBackupAbortByServer);
    assert_int_equal(isam_backup_log_info(f.inst, NULL, 0, &cb, NULL), JET_errBackupAbortByServer);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal), JET_errSuccess);
    assert_int_equal(f.db->hdr.bkinfoCopyPrev.genLow, 0);
    /* A new backup starts afresh. */
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(isam_backup_attach_info(f.inst, NULL, 0, &cb), JET_errSuccess);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndAbort), JET_errSuccess);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_ended_before_its_logs_is_not_recorded(void **state)
{
    (void)state;
    struct fx f;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(backup_copy(&f, W("/t.edb"), W("/t.copy"), 64 * 1024, NULL), JET_errSuccess);
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndNormal | JET_bitBackupTruncateDone), JET_errSuccess);
    assert_int_equal(f.db->hdr.bkinfoFullPrev.genLow, 0);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_keeps_its_logs_from_circular_logging(void **state)
{
    (void)state;
    struct fx f;
    struct fx_opts o = { .fCircular = true };
    assert_int_equal(fx_open(&f, g_mem, &o, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    uint32_t genMin0, genCur0;
    log_generations(f.inst->log, &genMin0, &genCur0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(insert_range(&f, 10u * (uint32_t)i, 10u * (uint32_t)i + 5), JET_errSuccess);
        assert_int_equal(log_new_generation(f.inst->log), JET_errSuccess);
        assert_int_equal(checkpoint_now(&f), JET_errSuccess);
    }
    uint32_t genMin1, genCur1;
    log_generations(f.inst->log, &genMin1, &genCur1);
    assert_true(genMin1 <= genCur0);             /* the backup's generations are still there */
    assert_int_equal(isam_backup_end(f.inst, JET_bitBackupEndAbort), JET_errSuccess);
    assert_int_equal(checkpoint_now(&f), JET_errSuccess);
    log_generations(f.inst->log, &genMin1, &genCur1);
    assert_true(genMin1 > genCur0);              /* and go once it is over */
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

/* ---- JetBackup ------------------------------------------------------------------------------- */

static void test_backup_to_folder_copies_databases_and_logs(void **state)
{
    (void)state;
    struct fx f;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(insert_range(&f, 0, 30), JET_errSuccess);
    assert_int_equal(f.vfs->ops->mkdir(f.vfs, W("/bk")), JET_errSuccess);
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), 0, NULL), JET_errSuccess);
    assert_true(file_exists(f.vfs, W("/bk/t.edb")));
    assert_int_not_equal(f.db->hdr.bkinfoFullPrev.genLow, 0);
    struct db_header h;
    assert_int_equal(isam_db_header_read(f.vfs, W("/bk/t.edb"), &h, NULL, NULL), JET_errSuccess);
    assert_int_equal(h.bkinfoFullCur.genLow, f.db->hdr.bkinfoFullPrev.genLow);
    ESENT_WCHAR *wszLog = NULL;
    assert_int_equal(log_generation_path(f.inst->log, f.db->hdr.bkinfoFullPrev.genHigh, &wszLog), JET_errSuccess);
    ESENT_WCHAR *wszCopy = join("/bk/", leaf_of(wszLog));
    assert_true(file_exists(f.vfs, wszCopy));
    mem_free(wszCopy);
    mem_free(wszLog);
    /* A full backup wants an empty folder. */
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), 0, NULL), JET_errBackupDirectoryNotEmpty);
    /* An incremental one adds the logs since. */
    assert_int_equal(insert_range(&f, 30, 40), JET_errSuccess);
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), JET_bitBackupIncremental, NULL), JET_errSuccess);
    assert_int_not_equal(f.db->hdr.bkinfoIncPrev.genLow, 0);
    /* No folder: ESE's log-deleting path ends in JET_errInvalidBackupSequence. */
    assert_int_equal(isam_backup_to_folder(f.inst, NULL, 0, NULL), JET_errInvalidBackupSequence);
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static int g_cBegin, g_cComplete;

static JET_ERR JET_API count_status(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
    assert_int_equal(sesid, JET_sesidNil);
    assert_int_equal(snp, JET_snpBackup);
    const JET_SNPROG *prog = pv;
    assert_int_equal(prog->cbStruct, sizeof(JET_SNPROG));
    if (snt == JET_sntBegin) g_cBegin++;
    if (snt == JET_sntComplete) {
        assert_int_equal(prog->cunitDone, prog->cunitTotal);
        g_cComplete++;
    }
    return JET_errSuccess;
}

static void test_backup_to_folder_atomic_rotates_new_and_old(void **state)
{
    (void)state;
    struct fx f;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(f.vfs->ops->mkdir(f.vfs, W("/bk")), JET_errSuccess);
    g_cBegin = g_cComplete = 0;
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), JET_bitBackupAtomic, count_status), JET_errSuccess);
    assert_int_equal(g_cBegin, 1);
    assert_int_equal(g_cComplete, 1);
    assert_true(file_exists(f.vfs, W("/bk/new/t.edb")));
    assert_false(file_exists(f.vfs, W("/bk/temp")));
    assert_int_equal(insert_range(&f, 0, 10), JET_errSuccess);
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), JET_bitBackupAtomic, NULL), JET_errSuccess);
    assert_true(file_exists(f.vfs, W("/bk/new/t.edb")));
    assert_false(file_exists(f.vfs, W("/bk/old")));
    /* An atomic incremental backup goes into "old", where the previous full one was moved. */
    assert_int_equal(isam_backup_to_folder(f.inst, W("/bk"), JET_bitBackupAtomic | JET_bitBackupIncremental, NULL),
                     JET_errSuccess);
    assert_true(file_exists(f.vfs, W("/bk/old/t.edb")));
    assert_int_equal(fx_close(&f), JET_errSuccess);
}

static void test_backup_abandoned_at_term_leaves_instance_clean(void **state)
{
    (void)state;
    struct fx f;
    JET_HANDLE hf;
    uint64_t cbFile;
    assert_int_equal(fx_open(&f, g_mem, NULL, "/t.edb", true), JET_errSuccess);
    assert_int_equal(isam_backup_begin(f.inst, 0), JET_errSuccess);
    assert_int_equal(isam_backup_open_file(f.inst, W("/t.edb"), 0, &hf, &cbFile), JET_errSuccess);
    assert_int_equal(fx_close(&f), JET_errSuccess);
    struct db_header h;
    assert_int_equal(isam_db_header_read(g_mem, W("/t.edb"), &h, NULL, NULL), JET_errSuccess);
    assert_int_equal(h.dbstate, PAGE_DBSTATE_CLEAN_SHUTDOWN);
    assert_int_equal(h.bkinfoFullCur.genLow, 0);
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_backup_begin_fails_with_logging_disabled_when_recovery_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_begin_refuses_bits_esent_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_begin_twice_gives_backup_in_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_incremental_gives_invalid_backup_when_circular_logging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_incremental_gives_missing_full_backup_when_none_was_made, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_calls_give_no_backup_when_none_in_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_attach_info_reports_size_and_truncates_to_short_buffers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_open_and_read_check_their_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_database_copy_has_header_range_pages_and_trailer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_read_fails_with_read_verify_failure_when_page_is_damaged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_read_error_fails_the_database_copy_and_ends_the_backup_for_a_log, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_full_with_truncation_records_full_backup_and_deletes_old_logs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_without_truncation_is_recorded_as_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_truncate_log_checks_sequence_and_copies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_log_info_reports_range_and_short_buffers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_stop_makes_calls_fail_and_end_succeed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_ended_before_its_logs_is_not_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_keeps_its_logs_from_circular_logging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_to_folder_copies_databases_and_logs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_to_folder_atomic_rotates_new_and_old, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_abandoned_at_term_leaves_instance_clean, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
