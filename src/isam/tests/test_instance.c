/* SPDX-License-Identifier: MIT
 * isam/tests/test_instance.c: instance table, run mode, init/term and API entry rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "isam.h"
#include "utf.h"

static const ESENT_WCHAR wszA[] = { 'a', 0 };
static const ESENT_WCHAR wszB[] = { 'b', 0 };

static int teardown(void **state)
{
    (void)state;
    isam_lock();
    for (uint32_t i = 0; i < isam_instance_slots(); i++) {
        struct isam_instance *inst = isam_instance_at(i);
        if (inst) isam_instance_free(inst);
    }
    isam_unlock();
    return 0;
}

static struct isam_instance *new_instance(const ESENT_WCHAR *name)
{
    struct isam_instance *inst = NULL;
    isam_lock();
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    assert_int_equal(isam_instance_new(name, NULL, &inst), JET_errSuccess);
    isam_unlock();
    return inst;
}

static void test_isam_instance_new_rejects_duplicate_names(void **state)
{
    (void)state;
    struct isam_instance *a = new_instance(wszA), *dup = NULL;
    isam_lock();
    assert_int_equal(isam_instance_new(wszA, NULL, &dup), JET_errInstanceNameInUse);
    assert_null(dup);
    struct isam_instance *b = NULL;
    assert_int_equal(isam_instance_new(wszB, NULL, &b), JET_errSuccess);
    assert_int_equal(isam_instance_count(), 2);
    isam_unlock();
    assert_non_null(a);
}

static void test_isam_instance_new_treats_two_unnamed_instances_as_duplicates(void **state)
{
    (void)state;
    struct isam_instance *dup = NULL;
    new_instance(NULL);
    isam_lock();
    assert_int_equal(isam_instance_new(NULL, NULL, &dup), JET_errInstanceNameInUse);
    isam_unlock();
}

static void test_isam_instance_free_of_last_instance_resets_run_mode(void **state)
{
    (void)state;
    struct isam_instance *a = new_instance(wszA);
    isam_lock();
    assert_int_equal(isam_run_mode(), ISAM_MODE_MULTI_INSTANCE);
    isam_instance_free(a);
    assert_int_equal(isam_run_mode(), ISAM_MODE_NOT_SET);
    isam_unlock();
}

static void test_isam_instance_display_name_defaults_to_instance_name(void **state)
{
    (void)state;
    struct isam_instance *a = new_instance(wszA);
    assert_int_equal(wstr_cmp(a->wszDisplayName, wszA), 0);
}

static void test_isam_instance_enter_fails_before_init_and_after_stop(void **state)
{
    (void)state;
    struct isam_instance *a = new_instance(wszA);
    assert_int_equal(isam_instance_enter(a), JET_errNotInitialized);
    assert_int_equal(isam_instance_enter_uninit(a), JET_errSuccess);
    isam_instance_leave(a);
    assert_int_equal(isam_instance_init(a, 0), JET_errSuccess);
    assert_int_equal(isam_instance_init(a, 0), JET_errAlreadyInitialized);
    assert_int_equal(isam_instance_enter(a), JET_errSuccess);
    isam_instance_leave(a);
    a->fStopService = true;
    assert_int_equal(isam_instance_enter(a), JET_errClientRequestToStopJetService);
    a->fStopService = false;
    a->errUnavailable = JET_errInstanceUnavailable;
    assert_int_equal(isam_instance_enter(a), JET_errInstanceUnavailable);
    a->errUnavailable = 0;
    assert_int_equal(isam_instance_term(a, JET_bitTermComplete, NULL), JET_errSuccess);
}

static int sessions_seen;
static void count_session(struct isam_session *sess)
{
    (void)sess;
    sessions_seen++;
}

static void test_isam_instance_term_refuses_open_transaction_unless_dirty(void **state)
{
    (void)state;
    struct isam_instance *a = new_instance(wszA);
    struct isam_session *s = NULL;
    assert_int_equal(isam_instance_init(a, 0), JET_errSuccess);
    assert_int_equal(isam_session_begin(a, &s), JET_errSuccess);
    assert_int_equal(isam_trx_begin(s, 0), JET_errSuccess);
    /* ESE's ErrINSTTerm: clean and abrupt terms alike */
    assert_int_equal(isam_instance_term(a, JET_bitTermComplete, NULL), JET_errTooManyActiveUsers);
    assert_int_equal(a->state, ISAM_INST_RUNNING);
    assert_int_equal(isam_instance_term(a, JET_bitTermAbrupt, NULL), JET_errTooManyActiveUsers);
    assert_int_equal(a->state, ISAM_INST_RUNNING);
    assert_int_equal(s->trx_level, 1);
    /* A dirty termination ends the session, its transaction left to recovery. */
    sessions_seen = 0;
    assert_int_equal(isam_instance_term(a, JET_bitTermDirty, count_session), JET_errDirtyShutdown);
    assert_int_equal(sessions_seen, 1);
    assert_null(a->sessions);
}

static void test_isam_instance_term_dirty_reports_dirty_shutdown(void **state)
{
    (void)state;
    struct isam_instance *a = new_instance(wszA);
    assert_int_equal(isam_instance_init(a, 0), JET_errSuccess);
    assert_int_equal(isam_instance_term(a, JET_bitTermDirty, NULL), JET_errDirtyShutdown);
}

static void test_isam_instance_new_honours_max_instances(void **state)
{
    (void)state;
    struct isam_instance *a = NULL;
    isam_lock();
    assert_int_equal(param_set(isam_global_params(), PARAM_TARGET_PROCESS, JET_paramMaxInstances, 1, NULL), JET_errSuccess);
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    assert_int_equal(isam_instance_new(wszA, NULL, &a), JET_errSuccess);
    assert_int_equal(isam_instance_new(wszB, NULL, &a), JET_errTooManyInstances);
    isam_instance_free(isam_instance_at(0));
    assert_int_equal(param_set(isam_global_params(), PARAM_TARGET_PROCESS, JET_paramMaxInstances, 16, NULL), JET_errSuccess);
    isam_unlock();
}

/* These tests are about instances and sessions, not the log: no log files. */
static int group_setup(void **state)
{
    (void)state;
    static const ESENT_WCHAR off[] = { 'o', 'f', 'f', 0 };
    isam_lock();
    JET_ERR err = param_set(isam_global_params(), PARAM_TARGET_PROCESS, JET_paramRecovery, 0, off);
    isam_unlock();
    return err < 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_isam_instance_new_rejects_duplicate_names, teardown),
        cmocka_unit_test_teardown(test_isam_instance_new_treats_two_unnamed_instances_as_duplicates, teardown),
        cmocka_unit_test_teardown(test_isam_instance_free_of_last_instance_resets_run_mode, teardown),
        cmocka_unit_test_teardown(test_isam_instance_display_name_defaults_to_instance_name, teardown),
        cmocka_unit_test_teardown(test_isam_instance_enter_fails_before_init_and_after_stop, teardown),
        cmocka_unit_test_teardown(test_isam_instance_term_refuses_open_transaction_unless_dirty, teardown),
        cmocka_unit_test_teardown(test_isam_instance_term_dirty_reports_dirty_shutdown, teardown),
        cmocka_unit_test_teardown(test_isam_instance_new_honours_max_instances, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
