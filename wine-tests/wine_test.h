/* SPDX-License-Identifier: MIT
 * wine-tests/wine_test.h: the conformance-test dialect of Wine's include/wine/test.h, written
 * afresh for this project, so the tests here read like (and could move to) dlls/esent/tests.
 *
 *   ok(cond, fmt, ...)        a check; the message prints what was got when it fails
 *   ok_(file, line)(...)      the same, reported at a caller's location (helpers pass __LINE__)
 *   todo_wine { ... }         checks that our DLL under Wine does not meet yet: they must fail
 *                             there (a pass is reported as a failure, so a fixed gap is noticed);
 *                             on Windows they are ordinary checks
 *   todo_wine_if(cond)        todo_wine only when cond
 *   broken(cond)              true only on Windows: accepts an old-Windows behaviour
 *   skip(fmt, ...)            a test that cannot run here
 *   win_skip(fmt, ...)        skip on Windows, failure on Wine (something Wine must have)
 *   trace(fmt, ...)           informational output
 *   START_TEST(name)          defines the test `name` (run as: esent_tests.exe name)
 *
 * The runner (wine_test.c) exits with the number of failures (0 = pass), or 77 when every check
 * was skipped. "On Wine" means ntdll exports wine_get_version. */
#ifndef WINE_TEST_H
#define WINE_TEST_H

#include <stdarg.h>
#include <stdio.h>

#ifdef __GNUC__
#define WINETEST_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define WINETEST_PRINTF(a, b)
#endif

extern int winetest_on_wine;
extern int winetest_debug;

void winetest_set_location(const char *file, int line);
int winetest_ok(int condition, const char *fmt, ...) WINETEST_PRINTF(2, 3);
void winetest_skip(const char *fmt, ...) WINETEST_PRINTF(1, 2);
void winetest_win_skip(const char *fmt, ...) WINETEST_PRINTF(1, 2);
void winetest_trace(const char *fmt, ...) WINETEST_PRINTF(1, 2);
void winetest_start_todo(int is_todo);
int winetest_loop_todo(void);
void winetest_end_todo(void);
int winetest_broken(int condition);

#define ok_(file, line)   (winetest_set_location(file, line), 0) ? (void)0 : (void)winetest_ok
#define ok                ok_(__FILE__, __LINE__)
#define skip_(file, line) (winetest_set_location(file, line), 0) ? (void)0 : winetest_skip
#define skip              skip_(__FILE__, __LINE__)
#define win_skip_(file, line) (winetest_set_location(file, line), 0) ? (void)0 : winetest_win_skip
#define win_skip          win_skip_(__FILE__, __LINE__)
#define trace_(file, line) (winetest_set_location(file, line), 0) ? (void)0 : winetest_trace
#define trace             trace_(__FILE__, __LINE__)

#define todo_if(is_todo)  for (winetest_start_todo(is_todo); winetest_loop_todo(); winetest_end_todo())
#define todo_wine         todo_if(winetest_on_wine)
#define todo_wine_if(c)   todo_if(winetest_on_wine && (c))
#define broken(c)         winetest_broken(c)

#define START_TEST(name)  void func_##name(void); void func_##name(void)

#endif /* WINE_TEST_H */
