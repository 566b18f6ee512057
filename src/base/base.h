/* SPDX-License-Identifier: MIT
 * base/base.h: what every layer includes. The public types, the error-flow macros, MUST_CHECK,
 * and the internal error codes that never leave the engine.
 * Layer: base (depends on nothing but the public header). */
#ifndef BASE_H
#define BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <assert.h>

#include "esent.h"

#if defined(__GNUC__) || defined(__clang__)
#  define MUST_CHECK  __attribute__((warn_unused_result))
#  define UNUSED      __attribute__((unused))
#  define LIKELY(x)   __builtin_expect(!!(x), 1)
#  define UNLIKELY(x) __builtin_expect(!!(x), 0)
#  define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#  define NOINLINE    __attribute__((noinline))   /* a slow path kept out of its hot caller */
#  define ALWAYS_INLINE inline __attribute__((always_inline))  /* a probe in a hot loop */
#else
#  define MUST_CHECK
#  define UNUSED
#  define LIKELY(x)   (x)
#  define UNLIKELY(x) (x)
#  define PRINTF_LIKE(f, a)
#  define NOINLINE
#  define ALWAYS_INLINE inline
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/* Error flow (STYLE.md §3). Every function using these declares `JET_ERR err;` and, for CALL and
 * FAIL, has one exit label `out:`. Warnings (err > 0) pass through CALL untouched. */
#define CALL(e)   do { err = (e); if (err < 0) goto out; } while (0)
#define CALL_R(e) do { err = (e); if (err < 0) return err; } while (0)
#define FAIL(e)   do { err = ERR_TRAP(e); goto out; } while (0)

/* ERR_TRAP marks where an error is born: it logs file:line through the `err` debug channel and,
 * when ESENT_ERRTRAP names that error, stops there under a debugger (debug builds). */
#define ERR_TRAP(e) err_trap((e), __FILE__, __LINE__)
JET_ERR err_trap(JET_ERR err, const char *file, int line);

/* Internal codes: outside every documented range (documented errors lie in -1..-65535, warnings
 * in 1..65535), so an escape to the caller is caught by the api layer's assert. */
#define ERR_INTERNAL_BASE (-0x40000000)
#define ERR_PAGE_FULL       (ERR_INTERNAL_BASE - 1)   /* node does not fit: split first */
#define ERR_LATCH_CONFLICT  (ERR_INTERNAL_BASE - 2)   /* retry after releasing latches */
#define ERR_NOT_FOUND       (ERR_INTERNAL_BASE - 3)   /* lookup missed (mapped by the caller) */
/* Internal warnings: positive and above every documented warning; they pass through CALL like
 * any warning, so the caller that must act on one (log it, map it) sees it. */
#define WRN_INTERNAL_BASE   0x40000000
#define WRN_PAGE_BIT_CORRECTED (WRN_INTERNAL_BASE + 1) /* page read fine after ECC fixed one bit */
static inline bool err_is_internal(JET_ERR err) { return err <= ERR_INTERNAL_BASE || err >= WRN_INTERNAL_BASE; }

/* Allocation through one door, so tests can inject out-of-memory (SQLite's DO_OS_MALLOC_TEST). */
void *mem_alloc(size_t cb);
void *mem_calloc(size_t n, size_t cb);
void *mem_realloc(void *pv, size_t cb);
void mem_free(void *pv);
char *mem_strdup(const char *sz);
/* Test hook: the nth allocation from now (1 = the next) fails; 0 disables. */
void mem_fail_after(unsigned long n);

#endif /* BASE_H */
