/* SPDX-License-Identifier: MIT
 * base/utf.h: UTF-16 (the API's WCHAR, always 16 bits) <-> UTF-8 conversion and wide-string helpers.
 * Paths travel through the engine as UTF-16 (the ESE split); os_posix converts them to UTF-8. */
#ifndef BASE_UTF_H
#define BASE_UTF_H

#include "base.h"

size_t wstr_len(const ESENT_WCHAR *wsz);
int wstr_cmp(const ESENT_WCHAR *a, const ESENT_WCHAR *b);
/* Case-insensitive for ASCII letters only (enough for file names built by the engine). */
int wstr_icmp_ascii(const ESENT_WCHAR *a, const ESENT_WCHAR *b);
/* mem_alloc'd copy; NULL on out of memory. */
ESENT_WCHAR *wstr_dup(const ESENT_WCHAR *wsz);
/* Copy at most cch-1 characters and terminate; returns false when truncated. */
bool wstr_copy(ESENT_WCHAR *dst, size_t cch, const ESENT_WCHAR *src);

/* Convert a NUL-terminated string. The size needed, NUL included, is stored in *pcbNeeded /
 * *pcchNeeded whether or not it fit. Unpaired surrogates and invalid UTF-8 become U+FFFD.
 * Returns false when the output was too small (the output is then truncated and terminated
 * when it has room for at least the NUL). */
bool utf16_to_utf8(const ESENT_WCHAR *wsz, char *sz, size_t cb, size_t *pcbNeeded);
bool utf8_to_utf16(const char *sz, ESENT_WCHAR *wsz, size_t cch, size_t *pcchNeeded);
/* mem_alloc'd conversions; NULL on out of memory (input NULL gives NULL). */
char *utf16_to_utf8_dup(const ESENT_WCHAR *wsz);
ESENT_WCHAR *utf8_to_utf16_dup(const char *sz);

#endif /* BASE_UTF_H */
