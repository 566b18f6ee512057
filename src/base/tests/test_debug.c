/* SPDX-License-Identifier: MIT
 * base/tests/test_debug.c: ESENT_DEBUG syntax (Wine's WINEDEBUG rules). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "debug.h"

static void test_debug_configure_defaults_to_err_and_fixme(void **state)
{
    (void)state;
    debug_configure(NULL);
    assert_int_equal(debug_flags[DBG_CH_api], DBG_ERR | DBG_FIXME);
    assert_int_equal(debug_flags[DBG_CH_btree], DBG_ERR | DBG_FIXME);
}

static void test_debug_configure_plus_channel_enables_every_class(void **state)
{
    (void)state;
    debug_configure("+api");
    assert_int_equal(debug_flags[DBG_CH_api], DBG_ERR | DBG_FIXME | DBG_WARN | DBG_TRACE);
    assert_int_equal(debug_flags[DBG_CH_page], DBG_ERR | DBG_FIXME);
}

static void test_debug_configure_class_and_all(void **state)
{
    (void)state;
    debug_configure("-all,trace+btree,warn+log");
    assert_int_equal(debug_flags[DBG_CH_api], 0);
    assert_int_equal(debug_flags[DBG_CH_btree], DBG_TRACE);
    assert_int_equal(debug_flags[DBG_CH_log], DBG_WARN);
}

static void test_debug_configure_ignores_unknown_items(void **state)
{
    (void)state;
    debug_configure("bogus,+nosuchchannel,loud+api,+isam");
    assert_int_equal(debug_flags[DBG_CH_api], DBG_ERR | DBG_FIXME);
    assert_int_equal(debug_flags[DBG_CH_isam], DBG_ERR | DBG_FIXME | DBG_WARN | DBG_TRACE);
}

static void test_debugstr_w_escapes_non_ascii(void **state)
{
    (void)state;
    const ESENT_WCHAR w[] = { 'a', 0x20AC, '"', 0 };
    assert_string_equal(debugstr_w(w), "L\"a\\x20ac\\x0022\"");
    assert_string_equal(debugstr_w(NULL), "(null)");
    assert_string_equal(debugstr_a("x\ty"), "\"x\\x09y\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_debug_configure_defaults_to_err_and_fixme),
        cmocka_unit_test(test_debug_configure_plus_channel_enables_every_class),
        cmocka_unit_test(test_debug_configure_class_and_all),
        cmocka_unit_test(test_debug_configure_ignores_unknown_items),
        cmocka_unit_test(test_debugstr_w_escapes_non_ascii),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
