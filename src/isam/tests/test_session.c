/* SPDX-License-Identifier: MIT
 * isam/tests/test_session.c: session limits, the one-thread rule, contexts and transaction levels. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "isam.h"
#include "os.h"

static struct isam_instance *inst;

static int setup(void **state)
{
    (void)state;
    static const ESENT_WCHAR name[] = { 's', 0 };
    isam_lock();
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    assert_int_equal(isam_instance_new(name, NULL, &inst), JET_errSuccess);
    isam_unlock();
    assert_int_equal(param_set(&inst->params, PARAM_TARGET_INSTANCE, JET_paramMaxSessions, 2, NULL), JET_errSuccess);
    assert_int_equal(isam_instance_init(inst, 0), JET_errSuccess);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    assert_true(isam_instance_term(inst, JET_bitTermAbrupt, NULL) >= 0);
    isam_lock();
    isam_instance_free(inst);
    isam_unlock();
    return 0;
}

static void test_isam_session_begin_honours_max_sessions(void **state)
{
    (void)state;
    struct isam_session *a, *b, *c = NULL;
    assert_int_equal(isam_session_begin(inst, &a), JET_errSuccess);
    assert_int_equal(isam_session_begin(inst, &b), JET_errSuccess);
    assert_int_equal(isam_session_begin(inst, &c), JET_errOutOfSessions);
    assert_null(c);
    isam_session_destroy(a);
    assert_int_equal(isam_session_begin(inst, &c), JET_errSuccess);
}

static void test_isam_session_enter_twice_is_a_sharing_violation(void **state)
{
    (void)state;
    struct isam_session *s;
    assert_int_equal(isam_session_begin(inst, &s), JET_errSuccess);
    assert_int_equal(isam_session_enter(s, false), JET_errSuccess);
    assert_int_equal(isam_session_enter(s, false), JET_errSessionSharingViolation);
    isam_session_leave(s);
    assert_int_equal(isam_session_enter(s, false), JET_errSuccess);
    isam_session_leave(s);
    assert_int_equal(inst->api_in, 0);
}

static void test_isam_session_enter_after_stop_service_unless_ignored(void **state)
{
    (void)state;
    struct isam_session *s;
    assert_int_equal(isam_session_begin(inst, &s), JET_errSuccess);
    inst->fStopService = true;
    assert_int_equal(isam_session_enter(s, false), JET_errClientRequestToStopJetService);
    assert_int_equal(isam_session_enter(s, true), JET_errSuccess);
    isam_session_leave(s);
    inst->fStopService = false;
}

static void test_isam_session_context_rules(void **state)
{
    (void)state;
    struct isam_session *s;
    assert_int_equal(isam_session_begin(inst, &s), JET_errSuccess);
    assert_int_equal(isam_session_reset_context(s), JET_errSessionContextNotSetByThisThread);
    assert_int_equal(isam_session_set_context(s, 0), JET_errInvalidParameter);
    assert_int_equal(isam_session_set_context(s, ~(JET_API_PTR)0), JET_errInvalidParameter);
    assert_int_equal(isam_session_set_context(s, 42), JET_errSuccess);
    assert_int_equal(isam_session_set_context(s, 43), JET_errSessionContextAlreadySet);
    /* A context set means the session is in use, even to the thread that set it (ESE's
     * ErrIsamEndSession locks the session with a context of its own). */
    assert_int_equal(isam_session_end_prepare(s, 0), JET_errSessionInUse);
    assert_int_equal(isam_session_reset_context(s), JET_errSuccess);
    assert_int_equal(isam_session_end_prepare(s, 0), JET_errSuccess);
    isam_session_destroy(s);
}

struct ender {
    struct isam_session *s;
    JET_ERR err;
};

static void end_prepare_thread(void *pv)
{
    struct ender *e = pv;
    e->err = isam_session_end_prepare(e->s, 0);
}

static JET_ERR end_prepare_elsewhere(struct isam_session *s)
{
    struct ender e = { s, JET_errSuccess };
    struct os_thread *t;
    assert_int_equal(os_thread_create(&t, end_prepare_thread, &e), JET_errSuccess);
    os_thread_join(t);
    return e.err;
}

static void test_isam_session_end_prepare_refuses_when_another_thread_owns_the_transaction(void **state)
{
    (void)state;
    struct isam_session *s;
    assert_int_equal(isam_session_begin(inst, &s), JET_errSuccess);
    /* no transaction: any thread may end the session (it is then locked to that end) */
    assert_int_equal(end_prepare_elsewhere(s), JET_errSuccess);
    assert_int_equal(isam_session_set_context(s, 7), JET_errSessionContextAlreadySet);
    isam_session_destroy(s);
    assert_int_equal(isam_session_begin(inst, &s), JET_errSuccess);
    /* this thread's transaction: another thread's JetEndSession leaves it alone (ESE's
     * FPIBCheckTrxContext in the rollback), and the session stays usable */
    assert_int_equal(isam_trx_begin_user(s, 0), JET_errSuccess);
    assert_int_equal(end_prepare_elsewhere(s), JET_errSessionSharingViolation);
    assert_int_equal(s->trx_level, 1);
    assert_int_equal(isam_trx_check_context(s), JET_errSuccess);
    assert_int_equal(isam_session_set_context(s, 7), JET_errSuccess);     /* not left locked */
    assert_int_equal(isam_session_reset_context(s), JET_errSuccess);
    assert_int_equal(isam_trx_commit(s, 0), JET_errSuccess);
    /* a transaction begun under a context, reset since: any thread may end it */
    assert_int_equal(isam_session_set_context(s, 9), JET_errSuccess);
    assert_int_equal(isam_trx_begin_user(s, 0), JET_errSuccess);
    assert_int_equal(isam_session_reset_context(s), JET_errSuccess);
    assert_int_equal(end_prepare_elsewhere(s), JET_errSuccess);
    isam_session_destroy(s);
    /* the owner itself may end it, rolling back */
    assert_int_equal(isam_session_begin(inst, &s), JET_errSuccess);
    assert_int_equal(isam_trx_begin_user(s, 0), JET_errSuccess);
    assert_int_equal(isam_session_end_prepare(s, 0), JET_errSuccess);
    isam_session_destroy(s);
    assert_null(inst->sessions);
}

static void test_isam_trx_levels_nest_to_seven(void **state)
{
    (void)state;
    struct isam_session *s;
    assert_int_equal(isam_session_begin(inst, &s), JET_errSuccess);
    assert_int_equal(isam_trx_commit(s, 0), JET_errNotInTransaction);
    assert_int_equal(isam_trx_rollback(s, 0), JET_errNotInTransaction);
    for (int i = 0; i < 7; i++) assert_int_equal(isam_trx_begin_user(s, 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin_user(s, 0), JET_errTransTooDeep);
    assert_int_equal(isam_trx_commit(s, 0), JET_errSuccess);
    assert_int_equal(s->trx_level, 6);
    assert_int_equal(isam_trx_rollback(s, 0), JET_errSuccess);
    assert_int_equal(s->trx_level, 5);
    assert_int_equal(isam_trx_rollback(s, JET_bitRollbackAll), JET_errSuccess);
    assert_int_equal(s->trx_level, 0);
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

static void term_thread(void *pv)
{
    JET_ERR *perr = pv;
    __atomic_store_n(perr, isam_instance_term(inst, JET_bitTermAbrupt, NULL), __ATOMIC_RELEASE);
}

static int teardown_terminated(void **state)
{
    (void)state;
    isam_lock();
    isam_instance_free(inst);
    isam_unlock();
    return 0;
}

/* JetTerm waits for a thread inside a session call: a session marks itself alone (no instance
 * count), and termination reads every session's mark after locking new callers out. */
static void test_isam_instance_term_waits_for_a_thread_inside_a_session_call(void **state)
{
    (void)state;
    struct isam_session *s, *s2;
    struct os_thread *th;
    JET_ERR errTerm = 1;
    assert_int_equal(isam_session_begin(inst, &s), JET_errSuccess);
    assert_int_equal(isam_session_begin(inst, &s2), JET_errSuccess);
    assert_int_equal(isam_session_enter(s, false), JET_errSuccess);
    assert_int_equal(inst->api_in, 0);
    assert_int_equal(os_thread_create(&th, term_thread, &errTerm), JET_errSuccess);
    /* the terminating instance turns new callers away at once ... */
    JET_ERR err;
    while ((err = isam_session_enter(s2, false)) == JET_errSuccess) {
        isam_session_leave(s2);
        os_sleep_ms(1);
    }
    assert_int_equal(err, JET_errTermInProgress);
    /* ... but waits for the one inside */
    os_sleep_ms(50);
    assert_int_equal(__atomic_load_n(&errTerm, __ATOMIC_ACQUIRE), 1);
    isam_session_leave(s);
    os_thread_join(th);
    assert_true(errTerm >= 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_isam_session_begin_honours_max_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_session_enter_twice_is_a_sharing_violation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_session_enter_after_stop_service_unless_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_session_context_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_session_end_prepare_refuses_when_another_thread_owns_the_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_trx_levels_nest_to_seven, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_instance_term_waits_for_a_thread_inside_a_session_call, setup,
                                        teardown_terminated),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
