/* SPDX-License-Identifier: MIT
 * api/tests/test_handle.c: handle encoding, kinds, staleness and reuse order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "api_handle.h"

static int objs[8];

static void test_handle_alloc_is_never_zero_or_nil(void **state)
{
    (void)state;
    JET_API_PTR h;
    assert_int_equal(handle_alloc(HANDLE_SESSION, &objs[0], &h), JET_errSuccess);
    assert_true(h != 0);
    assert_true(h != ~(JET_API_PTR)0);
    assert_ptr_equal(handle_lookup(HANDLE_SESSION, h), &objs[0]);
    handle_free(HANDLE_SESSION, h);
}

static void test_handle_lookup_rejects_other_kind(void **state)
{
    (void)state;
    JET_API_PTR h;
    assert_int_equal(handle_alloc(HANDLE_TABLE, &objs[1], &h), JET_errSuccess);
    assert_null(handle_lookup(HANDLE_SESSION, h));
    assert_null(handle_lookup(HANDLE_INSTANCE, h));
    assert_ptr_equal(handle_lookup(HANDLE_TABLE, h), &objs[1]);
    handle_free(HANDLE_TABLE, h);
}

static void test_handle_lookup_rejects_stale_handle_after_slot_reuse(void **state)
{
    (void)state;
    JET_API_PTR h1, h2;
    assert_int_equal(handle_alloc(HANDLE_LS, &objs[2], &h1), JET_errSuccess);
    handle_free(HANDLE_LS, h1);
    assert_null(handle_lookup(HANDLE_LS, h1));
    assert_int_equal(handle_alloc(HANDLE_LS, &objs[3], &h2), JET_errSuccess);
    assert_true(h1 != h2);
    assert_null(handle_lookup(HANDLE_LS, h1));
    assert_ptr_equal(handle_lookup(HANDLE_LS, h2), &objs[3]);
    handle_free(HANDLE_LS, h2);
}

static void test_handle_lookup_rejects_garbage(void **state)
{
    (void)state;
    assert_null(handle_lookup(HANDLE_SESSION, 0));
    assert_null(handle_lookup(HANDLE_SESSION, ~(JET_API_PTR)0));
    assert_null(handle_lookup(HANDLE_SESSION, (JET_API_PTR)0x12345678));
    assert_null(handle_lookup(HANDLE_SESSION, (JET_API_PTR)0x20000001));   /* right kind, never allocated */
}

static void test_handle_free_reuses_oldest_slot_first(void **state)
{
    (void)state;
    JET_API_PTR a, b, c;
    assert_int_equal(handle_alloc(HANDLE_SNAPSHOT, &objs[4], &a), JET_errSuccess);
    assert_int_equal(handle_alloc(HANDLE_SNAPSHOT, &objs[5], &b), JET_errSuccess);
    handle_free(HANDLE_SNAPSHOT, a);
    handle_free(HANDLE_SNAPSHOT, b);
    assert_int_equal(handle_alloc(HANDLE_SNAPSHOT, &objs[6], &c), JET_errSuccess);
    assert_int_equal(c & HANDLE_MAX_SLOTS, a & HANDLE_MAX_SLOTS);   /* a's slot was freed first */
    assert_int_equal(handle_count(HANDLE_SNAPSHOT), 1);
    handle_free(HANDLE_SNAPSHOT, c);
    assert_int_equal(handle_count(HANDLE_SNAPSHOT), 0);
}

static void test_handle_double_free_is_harmless(void **state)
{
    (void)state;
    JET_API_PTR h;
    assert_int_equal(handle_alloc(HANDLE_FILE, &objs[7], &h), JET_errSuccess);
    handle_free(HANDLE_FILE, h);
    handle_free(HANDLE_FILE, h);
    assert_int_equal(handle_count(HANDLE_FILE), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handle_alloc_is_never_zero_or_nil),
        cmocka_unit_test(test_handle_lookup_rejects_other_kind),
        cmocka_unit_test(test_handle_lookup_rejects_stale_handle_after_slot_reuse),
        cmocka_unit_test(test_handle_lookup_rejects_garbage),
        cmocka_unit_test(test_handle_free_reuses_oldest_slot_first),
        cmocka_unit_test(test_handle_double_free_is_harmless),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
