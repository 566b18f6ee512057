/* SPDX-License-Identifier: MIT
 * ver/tests/test_trx.c: undo stacks: nesting, commit merging, rollback order, the budget. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ver.h"

struct seen { int n; char order[32]; };

static JET_ERR record_undo(void *ctx, const struct ver_entry *e)
{
    struct seen *s = ctx;
    s->order[s->n++] = (char)e->payload[0];
    return JET_errSuccess;
}

static void push_char(struct ver_trx *t, char c)
{
    assert_int_equal(ver_push(t, &c, 1, 0), JET_errSuccess);
}

static void test_ver_rollback_undoes_newest_first_and_only_the_top_level(void **state)
{
    (void)state;
    struct ver_trx t;
    struct seen s = { 0 };
    ver_trx_init(&t, NULL);
    ver_begin(&t);
    push_char(&t, 'a');
    push_char(&t, 'b');
    ver_begin(&t);
    push_char(&t, 'c');
    push_char(&t, 'd');
    assert_int_equal(ver_rollback(&t, false, record_undo, &s), JET_errSuccess);
    assert_int_equal(s.n, 2);
    assert_memory_equal(s.order, "dc", 2);
    assert_int_equal(t.level, 1);
    assert_int_equal(t.count, 2);
    assert_int_equal(ver_rollback(&t, false, record_undo, &s), JET_errSuccess);
    assert_memory_equal(s.order, "dcba", 4);
    assert_int_equal(t.level, 0);
    assert_null(t.top);
}

static void test_ver_commit_of_inner_level_merges_into_outer(void **state)
{
    (void)state;
    struct ver_trx t;
    struct seen s = { 0 };
    ver_trx_init(&t, NULL);
    ver_begin(&t);
    push_char(&t, 'a');
    ver_begin(&t);
    push_char(&t, 'b');
    ver_commit(&t);
    assert_int_equal(t.level, 1);
    assert_int_equal(t.top->level, 1);
    /* Rolling back level 1 now undoes what level 2 did too. */
    assert_int_equal(ver_rollback(&t, false, record_undo, &s), JET_errSuccess);
    assert_memory_equal(s.order, "ba", 2);
}

static void test_ver_commit_of_level_one_drops_everything(void **state)
{
    (void)state;
    struct ver_budget b = { 0, 0 };
    struct ver_trx t;
    ver_trx_init(&t, &b);
    ver_begin(&t);
    push_char(&t, 'a');
    push_char(&t, 'b');
    assert_true(b.cbUsed > 0);
    ver_commit(&t);
    assert_int_equal(t.level, 0);
    assert_int_equal(t.count, 0);
    assert_int_equal(b.cbUsed, 0);
}

static void test_ver_rollback_all_unwinds_every_level(void **state)
{
    (void)state;
    struct ver_trx t;
    struct seen s = { 0 };
    ver_trx_init(&t, NULL);
    for (int i = 0; i < 7; i++) {
        ver_begin(&t);
        push_char(&t, (char)('1' + i));
    }
    assert_int_equal(ver_rollback(&t, true, record_undo, &s), JET_errSuccess);
    assert_int_equal(s.n, 7);
    assert_memory_equal(s.order, "7654321", 7);
    assert_int_equal(t.level, 0);
}

static void test_ver_push_fails_over_budget_and_keeps_what_it_has(void **state)
{
    (void)state;
    struct ver_budget b = { 200, 0 };
    struct ver_trx t;
    uint8_t big[120] = { 'x' };
    ver_trx_init(&t, &b);
    ver_begin(&t);
    assert_int_equal(ver_push(&t, big, sizeof big, 0), JET_errSuccess);
    assert_int_equal(ver_push(&t, big, sizeof big, 0), JET_errVersionStoreOutOfMemory);
    assert_int_equal(t.count, 1);
    ver_trx_discard(&t);
    assert_int_equal(b.cbUsed, 0);
}

static JET_ERR fail_on_b(void *ctx, const struct ver_entry *e)
{
    (void)ctx;
    return e->payload[0] == 'b' ? JET_errDiskIO : JET_errSuccess;
}

static void test_ver_rollback_stops_at_failed_entry(void **state)
{
    (void)state;
    struct ver_trx t;
    ver_trx_init(&t, NULL);
    ver_begin(&t);
    push_char(&t, 'a');
    push_char(&t, 'b');
    push_char(&t, 'c');
    assert_int_equal(ver_rollback(&t, false, fail_on_b, NULL), JET_errDiskIO);
    assert_int_equal(t.count, 2);
    assert_int_equal(t.top->payload[0], 'b');
    ver_trx_discard(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ver_rollback_undoes_newest_first_and_only_the_top_level),
        cmocka_unit_test(test_ver_commit_of_inner_level_merges_into_outer),
        cmocka_unit_test(test_ver_commit_of_level_one_drops_everything),
        cmocka_unit_test(test_ver_rollback_all_unwinds_every_level),
        cmocka_unit_test(test_ver_push_fails_over_budget_and_keeps_what_it_has),
        cmocka_unit_test(test_ver_rollback_stops_at_failed_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
