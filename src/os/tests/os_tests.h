/* SPDX-License-Identifier: MIT
 * os/tests/os_tests.h: small helpers shared by the os layer's CMocka tests. */
#ifndef OS_TESTS_H
#define OS_TESTS_H

#include <stdarg.h>
#include <stdio.h>
#include "os.h"
#include "utf.h"

/* A UTF-16 literal of the API's WCHAR type. */
#define W(s) ((const ESENT_WCHAR *)u"" s)

/* printf into one of a ring of UTF-16 buffers (valid for the next 15 calls). */
static inline const ESENT_WCHAR *wfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline const ESENT_WCHAR *wfmt(const char *fmt, ...)
{
    static ESENT_WCHAR ring[16][1024];
    static unsigned next;
    char sz[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sz, sizeof sz, fmt, ap);
    va_end(ap);
    ESENT_WCHAR *wsz = ring[next++ % 16];
    size_t cch;
    utf8_to_utf16(sz, wsz, 1024, &cch);
    return wsz;
}

/* UTF-8 copy of a UTF-16 string in a ring buffer (for assert_string_equal). */
static inline const char *narrow(const ESENT_WCHAR *wsz)
{
    static char ring[8][1024];
    static unsigned next;
    char *sz = ring[next++ % 8];
    size_t cb;
    utf16_to_utf8(wsz, sz, 1024, &cb);
    return sz;
}

#endif /* OS_TESTS_H */
