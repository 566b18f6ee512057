/* SPDX-License-Identifier: MIT
 * isam/tests/test_detach.c: what a clean detach leaves in the log and the header. A logged
 * database's detach is a log record whose position becomes the header's consistent and detach
 * positions; a JET_bitDbRecoveryOff database is never in the log (ESE logs nothing for it), so
 * its detach adds nothing to the log either, and its header still says clean shutdown. */
#include "test_write_util.h"

WFX_FIXTURE()

static void read_header(const ESENT_WCHAR *wszPath, struct db_header *h)
{
    assert_int_equal(isam_db_header_read(g_f.vfs, wszPath, h, NULL, NULL), JET_errSuccess);
}

static void test_detach_of_logged_database_logs_it_and_records_its_position(void **state)
{
    (void)state;
    JET_DBID dbid;
    assert_int_equal(isam_db_create(g_f.sess, WW("/l.edb"), 0, 0, &dbid), JET_errSuccess);
    assert_int_equal(isam_db_close(g_f.sess, dbid, 0), JET_errSuccess);
    lsn_t lsnBefore = log_end_lsn(g_f.inst->log);
    assert_int_equal(isam_db_detach(g_f.sess, WW("/l.edb"), 0), JET_errSuccess);
    assert_true(log_end_lsn(g_f.inst->log) > lsnBefore);
    struct db_header h;
    read_header(WW("/l.edb"), &h);
    assert_int_equal(h.dbstate, JET_dbstateCleanShutdown);
    assert_true(h.lgposDetach.lGeneration > 0);
    assert_memory_equal(&h.lgposConsistent, &h.lgposDetach, sizeof h.lgposDetach);
}

static void test_detach_of_recovery_off_database_writes_no_log_record(void **state)
{
    (void)state;
    JET_DBID dbid;
    assert_int_equal(isam_db_create(g_f.sess, WW("/r.edb"), 0, JET_bitDbRecoveryOff, &dbid), JET_errSuccess);
    assert_int_equal(isam_db_close(g_f.sess, dbid, 0), JET_errSuccess);
    lsn_t lsnBefore = log_end_lsn(g_f.inst->log);
    assert_int_equal(isam_db_detach(g_f.sess, WW("/r.edb"), 0), JET_errSuccess);
    assert_int_equal(log_end_lsn(g_f.inst->log), lsnBefore);
    struct db_header h;
    read_header(WW("/r.edb"), &h);
    assert_int_equal(h.dbstate, JET_dbstateCleanShutdown);
    assert_int_equal(h.lgposDetach.lGeneration, 0);
    assert_int_equal(h.lgposConsistent.lGeneration, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_detach_of_logged_database_logs_it_and_records_its_position, setup, teardown),
        cmocka_unit_test_setup_teardown(test_detach_of_recovery_off_database_writes_no_log_record, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
