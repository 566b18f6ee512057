/* SPDX-License-Identifier: MIT
 * os/os.h: the engine's only door to the operating system (STYLE.md "OS layer").
 * Layer: os (uses base). Implementations: os_*_win32.c (the DLL), os_*_posix.c (libesent.so),
 * and the test doubles in os/test/ (in-memory files, fault injection, crash simulation).
 *
 * Files go through a `struct os_vfs` method table, so an instance can be pointed at the in-memory
 * file system in tests (SQLite's VFS idea). Paths are NUL-terminated UTF-16 everywhere.
 * Every function returns a documented JET_ERR; native errors are mapped in one place per
 * platform (os_err_from_win32 / os_err_from_errno). */
#ifndef OS_H
#define OS_H

#include "base.h"

/* ---- files ------------------------------------------------------------------------------ */

struct os_file;
struct os_vfs;

/* Sharing follows Windows' share modes, on every implementation (the Linux one builds them from
 * open-file-description locks, so a second open in the same process is refused as well):
 *   OS_OPEN_EXCLUSIVE   share nothing: fails if anyone has the file open, and keeps everyone out;
 *   OS_OPEN_SHARE_READ  share read: fails if anyone has it open for writing, and keeps writers out;
 *   neither             share read and write.
 * An open that would break a share mode fails with JET_errFileAccessDenied (ESE maps
 * ERROR_SHARING_VIOLATION there too). Remove and rename of a file that is open anywhere fail the
 * same way (no FILE_SHARE_DELETE).
 *
 * Durability: os_file_sync returns once the file's data and size are on stable storage, and it
 * covers every earlier write to that file through any handle. Writes through an
 * OS_OPEN_WRITE_THROUGH handle are stable when write returns. Creating, removing and renaming a
 * file, and mkdir, are stable when they return (Linux syncs the directory; on Windows a new file
 * is flushed, a rename written through, and NTFS's journal covers the rest). Nothing is promised
 * about unsynced writes: after a power cut each may be there, missing, or torn at sector
 * granularity (os_crash models exactly this). A failed sync leaves the file in an unknown state
 * (Linux may have dropped the dirty pages, so a later sync that succeeds proves nothing): treat
 * it as fatal for the file. */
enum os_open_flags {
    OS_OPEN_READONLY    = 0x01,  /* else read/write */
    OS_OPEN_CREATE      = 0x02,  /* create if missing */
    OS_OPEN_CREATE_NEW  = 0x04,  /* create; JET_errFileAlreadyExists if it exists */
    OS_OPEN_TRUNCATE    = 0x08,  /* set the size to 0 after opening (not with READONLY) */
    OS_OPEN_EXCLUSIVE   = 0x10,  /* no other opener at all (attached database, log file) */
    OS_OPEN_SHARE_READ  = 0x20,  /* others may open read-only (JET_bitDbReadOnly attach) */
    OS_OPEN_WRITE_THROUGH = 0x40, /* writes reach the medium before returning (log files) */
};

struct os_file_ops {
    JET_ERR (*read)(struct os_file *f, uint64_t ib, void *pv, size_t cb);
    JET_ERR (*write)(struct os_file *f, uint64_t ib, const void *pv, size_t cb);
    JET_ERR (*sync)(struct os_file *f);
    JET_ERR (*size)(struct os_file *f, uint64_t *pcb);
    JET_ERR (*set_size)(struct os_file *f, uint64_t cb);
    void    (*close)(struct os_file *f);
};

/* Every file object starts with this, so the wrappers below dispatch through ops. */
struct os_file {
    const struct os_file_ops *ops;
    struct os_vfs *vfs;
};

struct os_vfs_ops {
    JET_ERR (*open)(struct os_vfs *vfs, const ESENT_WCHAR *path, unsigned flags, struct os_file **pf);
    JET_ERR (*remove)(struct os_vfs *vfs, const ESENT_WCHAR *path);   /* JET_errFileNotFound if absent */
    JET_ERR (*exists)(struct os_vfs *vfs, const ESENT_WCHAR *path, bool *pfExists, bool *pfIsDir);
    JET_ERR (*mkdir)(struct os_vfs *vfs, const ESENT_WCHAR *path);    /* success if it exists */
    JET_ERR (*rename)(struct os_vfs *vfs, const ESENT_WCHAR *from, const ESENT_WCHAR *to);
    /* Calls fn for each entry (not "." or "..") of dir whose name matches the pattern (a file name
     * with at most one '*' wildcard, matched case-insensitively as Windows does). Stops early, and
     * returns its value, when fn returns non-zero. */
    JET_ERR (*list)(struct os_vfs *vfs, const ESENT_WCHAR *dir, const ESENT_WCHAR *pattern,
                    JET_ERR (*fn)(void *ctx, const ESENT_WCHAR *name), void *ctx);
    /* Absolute, normalized form of path (relative paths resolve against the process's current
     * directory). JET_errBufferTooSmall-free: the result is mem_alloc'd into *pwszFull. */
    JET_ERR (*full_path)(struct os_vfs *vfs, const ESENT_WCHAR *path, ESENT_WCHAR **pwszFull);
    /* Bytes free on the volume holding path (for JET_paramCheckFormatWhenOpenFail-style checks
     * and JET_errDiskFull decisions); may return JET_errFeatureNotAvailable. */
    JET_ERR (*free_space)(struct os_vfs *vfs, const ESENT_WCHAR *path, uint64_t *pcb);
};

struct os_vfs {
    const struct os_vfs_ops *ops;
};

/* The real file system of the platform. */
struct os_vfs *os_vfs_default(void);

static inline MUST_CHECK JET_ERR os_file_open(struct os_vfs *vfs, const ESENT_WCHAR *path, unsigned flags, struct os_file **pf)
{ return vfs->ops->open(vfs, path, flags, pf); }
/* Errors of open: JET_errFileNotFound (no such file), JET_errInvalidPath (a directory on the way is
 * missing, or the name is malformed or too long), JET_errFileAlreadyExists (CREATE_NEW),
 * JET_errFileAccessDenied (permissions, read-only medium, a directory, a share mode),
 * JET_errInvalidParameter (READONLY with TRUNCATE).
 * Short reads past end of file give JET_errFileIOBeyondEOF (ESE's code for it); the bytes of pv
 * past the end are then zero. Writes past the end grow the file (the gap reads as zeros).
 * Any call may also give JET_errDiskFull, JET_errDiskIO or JET_errOutOfMemory. */
static inline MUST_CHECK JET_ERR os_file_read(struct os_file *f, uint64_t ib, void *pv, size_t cb)
{ return f->ops->read(f, ib, pv, cb); }
static inline MUST_CHECK JET_ERR os_file_write(struct os_file *f, uint64_t ib, const void *pv, size_t cb)
{ return f->ops->write(f, ib, pv, cb); }
static inline MUST_CHECK JET_ERR os_file_sync(struct os_file *f) { return f->ops->sync(f); }
static inline MUST_CHECK JET_ERR os_file_size(struct os_file *f, uint64_t *pcb) { return f->ops->size(f, pcb); }
static inline MUST_CHECK JET_ERR os_file_set_size(struct os_file *f, uint64_t cb) { return f->ops->set_size(f, cb); }
static inline void os_file_close(struct os_file *f) { if (f) f->ops->close(f); }

/* ---- threads and synchronization -------------------------------------------------------- */

/* Opaque storage big enough for the platform object (SRWLOCK / CONDITION_VARIABLE on Windows,
 * pthread_mutex_t / pthread_cond_t on Linux); no allocation, so init cannot fail. */
struct os_mutex { union { void *align; unsigned char b[64]; } u; };
struct os_cond  { union { void *align; unsigned char b[64]; } u; };
struct os_thread;

void os_mutex_init(struct os_mutex *m);
void os_mutex_destroy(struct os_mutex *m);
void os_mutex_lock(struct os_mutex *m);
void os_mutex_unlock(struct os_mutex *m);
bool os_mutex_trylock(struct os_mutex *m);

void os_cond_init(struct os_cond *c);
void os_cond_destroy(struct os_cond *c);
void os_cond_wait(struct os_cond *c, struct os_mutex *m);
/* Returns false on timeout. */
bool os_cond_wait_ms(struct os_cond *c, struct os_mutex *m, uint32_t ms);
void os_cond_signal(struct os_cond *c);
void os_cond_broadcast(struct os_cond *c);

MUST_CHECK JET_ERR os_thread_create(struct os_thread **pt, void (*fn)(void *), void *arg);
void os_thread_join(struct os_thread *t);
/* A number identifying the calling thread, never 0. */
uint64_t os_thread_id(void);
void os_sleep_ms(uint32_t ms);

/* ---- time and randomness ----------------------------------------------------------------- */

/* Monotonic milliseconds (for timeouts and ages; never goes back). */
uint64_t os_time_ms(void);
/* Wall clock, broken down in UTC (for JET_LOGTIME fields in headers). */
struct os_wall_time { int year, month, day, hour, minute, second, millisecond; };
void os_time_wall(struct os_wall_time *t);
/* Wall clock as 100 ns units since 1601-01-01 (FILETIME). */
uint64_t os_time_filetime(void);
void os_random(void *pv, size_t cb);

/* ---- Unicode sort keys (index keys of Unicode text columns) ------------------------------- */

/* LCMapStringEx flags the sort key functions understand (values as in winnls.h). */
#define OS_NORM_IGNORECASE          0x00000001u
#define OS_NORM_IGNORENONSPACE      0x00000002u
#define OS_NORM_IGNORESYMBOLS       0x00000004u
#define OS_SORT_DIGITSASNUMBERS     0x00000008u
#define OS_LINGUISTIC_IGNORECASE    0x00000010u
#define OS_LINGUISTIC_IGNOREDIACRITIC 0x00000020u
#define OS_LCMAP_UPPERCASE          0x00000200u
#define OS_LCMAP_SORTKEY            0x00000400u
#define OS_SORT_STRINGSORT          0x00001000u
#define OS_NORM_IGNOREKANATYPE      0x00010000u
#define OS_NORM_IGNOREWIDTH         0x00020000u
#define OS_NORM_LINGUISTIC_CASING   0x08000000u
/* The locale of a Unicode index: a name ("en-US"; "" or NULL = invariant), else an LCID for
 * catalogs older than locale names (0 = none); the sort GUID and the NLS version the catalog
 * recorded (NULL or all zero, 0 = none). */
struct os_sort_locale {
    const ESENT_WCHAR *wszName;
    uint32_t lcid;
    const uint8_t *pbSortId;        /* 16 bytes */
    uint32_t dwNlsVersion;          /* GetNLSVersionEx's dwNLSVersion when the index was built */
};
/* The NLS versions whose default-sort keys os_lcmap_sortkey_builtin reproduces: Windows 8 and
 * later (6.2.x, 6.3.x). Windows Vista and 7 (5.x, 6.0, 6.1) weighed some characters differently
 * (digits, for one), so their indexes are refused. */
#define OS_SORT_NLS_VERSION_MIN     0x00060200u
#define OS_SORT_NLS_VERSION_BUILTIN 0x0006020Fu     /* what we claim for new indexes: Windows 10 1809 */
/* LCMapStringEx(locale, dwFlags, pwch, cch): with OS_LCMAP_SORTKEY the sort key (terminating
 * 0x00 included); with OS_LCMAP_UPPERCASE alone the upper-cased text, UTF-16LE. Writes
 * min(cbKeyMax, size) bytes to pbKey (bytes after the key may change too) and the whole size
 * to *pcbKey. Empty text (cch 0) has the key 01 01 01 01 00. Windows asks LCMapStringEx;
 * elsewhere this is os_lcmap_sortkey_builtin. Errors: JET_errUnicodeNormalizationNotSupported
 * (a locale, flag or character this implementation cannot key exactly: refused rather than
 * keyed differently from Windows, FIXME), JET_errUnicodeTranslationFail (Windows refused),
 * JET_errInvalidParameter, JET_errOutOfMemory. */
MUST_CHECK JET_ERR os_lcmap_sortkey(const struct os_sort_locale *ploc, uint32_t dwFlags, const ESENT_WCHAR *pwch,
        uint32_t cch, uint8_t *pbKey, uint32_t cbKeyMax, uint32_t *pcbKey);
/* The sort version to record in a new Unicode index's catalog row (NORM_LOCALE_VER): NLS
 * version, defined version and sort GUID (16 bytes, GUID byte order) of the locale's sort.
 * Windows: GetNLSVersionEx. Elsewhere: OS_SORT_NLS_VERSION_BUILTIN and the default sort's GUID
 * (JET_errUnicodeNormalizationNotSupported for a locale os_lcmap_sortkey_builtin refuses). */
MUST_CHECK JET_ERR os_sort_version(const struct os_sort_locale *ploc, uint32_t *pdwNlsVersion,
        uint32_t *pdwDefinedVersion, uint8_t rgbSortId[16]);
/* What os_sort_version gives for the built-in sort (every platform; for tests). */
MUST_CHECK JET_ERR os_sort_version_builtin(const struct os_sort_locale *ploc, uint32_t *pdwNlsVersion,
        uint32_t *pdwDefinedVersion, uint8_t rgbSortId[16]);
/* Whether an index's keys, built with the sort a catalog recorded (ploc: locale, sort GUID and
 * dwNlsVersion; dwDefinedVersion beside it), are what os_lcmap_sortkey makes now (ESE's
 * ErrIndexUnicodeState). OS_SORT_CURRENT: the same sort (ESE's NLS version comparison, which
 * ignores the definition version and the two minor steps Windows made without changing keys);
 * OS_SORT_OUT_OF_DATE: another sort, but one the system can still key with (IsValidNLSVersion);
 * OS_SORT_GONE: another sort the system no longer has, or none recorded (dwNlsVersion 0). Windows:
 * GetNLSVersionEx / IsValidNLSVersion. Elsewhere (os_sort_state_builtin): current when the
 * built-in sort reproduces the recorded one or refuses the locale outright (its keys are then
 * never made: JET_errUnicodeNormalizationNotSupported), gone for the sorts before Windows 8. */
enum os_sort_state { OS_SORT_CURRENT, OS_SORT_OUT_OF_DATE, OS_SORT_GONE };
MUST_CHECK JET_ERR os_sort_state(const struct os_sort_locale *ploc, uint32_t dwDefinedVersion, enum os_sort_state *pst);
MUST_CHECK JET_ERR os_sort_state_builtin(const struct os_sort_locale *ploc, uint32_t dwDefinedVersion,
        enum os_sort_state *pst);
/* ESE's FNORMNLSVersionEquals: two NLS versions key alike (equal, or the two pairs of adjacent
 * releases Windows changed without changing keys: 6.1.1/6.1.2 and 6.2.13/6.2.14). */
bool os_sort_nls_versions_equal(uint32_t dwNlsA, uint32_t dwNlsB);
/* Our own implementation of Windows' default sort (the "Windows Sorting Weight Table" model:
 * os_lcmap.c), on every platform, so tests can compare it with LCMapStringEx. It keys the
 * invariant locale and English locales (whose sort is the default one); other locales, indexes
 * of NLS versions before OS_SORT_NLS_VERSION_MIN, the flags SORT_DIGITSASNUMBERS and LINGUISTIC_*, and characters whose weights depend on their
 * neighbours (kana repeat and length marks, old Hangul jamo) or that the table does not carry
 * (expansions such as U+00DF) give JET_errUnicodeNormalizationNotSupported. Reads exactly cch
 * code units (unpaired surrogates are weighed like any code unit) and needs no memory. */
MUST_CHECK JET_ERR os_lcmap_sortkey_builtin(const struct os_sort_locale *ploc, uint32_t dwFlags,
        const ESENT_WCHAR *pwch, uint32_t cch, uint8_t *pbKey, uint32_t cbKeyMax, uint32_t *pcbKey);

/* LCIDToLocaleName and LocaleNameToLCID with flags 0, as ESE's ErrNORMLcidToLocale and
 * ErrNORMLocaleToLcid call them: Windows asks the system, elsewhere our copy of Windows' table
 * (the _builtin forms, on every platform for tests). The invariant locale is 0x7F and "".
 * Errors: JET_errInvalidLanguageId for an LCID or name the table does not know,
 * JET_errBufferTooSmall when the name and its terminator do not fit in cch characters. */
MUST_CHECK JET_ERR os_lcid_to_locale_name(uint32_t lcid, ESENT_WCHAR *wsz, uint32_t cch);
MUST_CHECK JET_ERR os_locale_name_to_lcid(const ESENT_WCHAR *wsz, uint32_t *plcid);
MUST_CHECK JET_ERR os_lcid_to_locale_name_builtin(uint32_t lcid, ESENT_WCHAR *wsz, uint32_t cch);
MUST_CHECK JET_ERR os_locale_name_to_lcid_builtin(const ESENT_WCHAR *wsz, uint32_t *plcid);

/* ---- process ------------------------------------------------------------------------------ */

/* Narrow strings of the A entry points: the ANSI code page on Windows (CP_ACP), UTF-8 on Linux.
 * The result is mem_alloc'd; NULL input gives NULL output with success. */
MUST_CHECK JET_ERR os_acp_to_utf16(const char *sz, ESENT_WCHAR **pwsz);
MUST_CHECK JET_ERR os_utf16_to_acp(const ESENT_WCHAR *wsz, char *sz, size_t cb, size_t *pcbNeeded);
/* Directory separator the platform prefers ('\\' or '/'); both are accepted on input. */
ESENT_WCHAR os_path_separator(void);
/* Number of processors (for defaults that scale with the machine). */
uint32_t os_cpu_count(void);
/* Physical memory in bytes (for JET_paramCacheSizeMax-style defaults). */
uint64_t os_physical_memory(void);

/* A function exported by a module, for persisted callbacks ("module!function" in the catalog,
 * ESE's ErrCALLBACKResolve): the module is loaded by name (LoadLibrary on Windows, dlopen on
 * Linux; a narrow name as the A entry points take it) and stays loaded for the process, then the
 * export is looked up (on Windows also with ESE's "@32" stdcall decoration). A module or export
 * that cannot be found is JET_errCallbackNotResolved. Thread-safe. */
typedef void (*os_proc)(void);
MUST_CHECK JET_ERR os_library_symbol(const char *szModule, const char *szSymbol, os_proc *ppfn);

#endif /* OS_H */
