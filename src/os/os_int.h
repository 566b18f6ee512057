/* SPDX-License-Identifier: MIT
 * os/os_int.h: helpers shared by the file systems of the os layer and its test doubles
 * (native error mapping, path normalization, wildcard matching). Not for other layers. */
#ifndef OS_INT_H
#define OS_INT_H

#include "os.h"

/* Native error -> JET_ERR, one table per platform (os_err_posix.c, os_err_win32.c), following
 * ESE's ErrOSErrFromWin32Err / ErrOSFileIFromWinError. Unknown codes give JET_errDiskIO and a
 * WARN naming the native code. 0 gives JET_errSuccess. */
JET_ERR os_err_from_errno(int e);
JET_ERR os_err_from_win32(uint32_t e);

static inline bool os_is_sep(ESENT_WCHAR c) { return c == '/' || c == '\\'; }

/* Absolute, normalized form of path: both separators accepted, written as sep; empty, "." and
 * ".." components folded (".." stops at the root); no trailing separator except for the root
 * itself. A path not starting with a separator is resolved against base, itself absolute in
 * the same form. The result is mem_alloc'd. */
MUST_CHECK JET_ERR os_path_normalize(const ESENT_WCHAR *base, const ESENT_WCHAR *path,
                                     ESENT_WCHAR sep, ESENT_WCHAR **pwszOut);

/* Directory-entry name matching for os_vfs list: '*' any run, '?' one character, ASCII letters
 * case-insensitive. "*.*" matches every name, as on Windows. */
bool os_name_matches(const ESENT_WCHAR *name, const ESENT_WCHAR *pattern);

/* Names collected by list implementations, then reported in one order everywhere: sorted
 * case-insensitively (NTFS order for ASCII names). */
struct os_names { ESENT_WCHAR **rgwsz; size_t c, cMax; };
/* Takes ownership of wsz (mem_alloc'd), also on failure. */
MUST_CHECK JET_ERR os_names_take(struct os_names *names, ESENT_WCHAR *wsz);
/* Sorts, then calls fn for each name until it returns non-zero, and returns that value. */
MUST_CHECK JET_ERR os_names_report(struct os_names *names, JET_ERR (*fn)(void *ctx, const ESENT_WCHAR *name), void *ctx);
void os_names_free(struct os_names *names);

/* Windows' share-mode rule, for implementations that enforce it themselves. An opener has
 * read access, plus write access unless OS_OPEN_READONLY; it refuses others' writes when
 * EXCLUSIVE or SHARE_READ, and others' reads when EXCLUSIVE. */
struct os_share_count { uint32_t cOpen, cWriters, cDenyWrite, cDenyRead; };
bool os_share_allows(const struct os_share_count *sc, unsigned flags);
void os_share_add(struct os_share_count *sc, unsigned flags, int delta);

#endif /* OS_INT_H */
