/* SPDX-License-Identifier: MIT
 * os/os_file_win32.c: the real file system on Windows, behind struct os_vfs.
 * Layer: os (uses base). ESENT_WCHAR is WCHAR here, so paths go to the W functions as they are;
 * those accept '/' as well as '\\'. Share modes (os.h) are CreateFileW's own, without
 * FILE_SHARE_DELETE, so remove and rename of an open file fail with a sharing violation. Handles
 * are synchronous; reads and writes name their offset in an OVERLAPPED, so they need no file
 * pointer and concurrent calls on one handle do not disturb each other. */
#include <windows.h>

#include "os_int.h"
#include "utf.h"
#include "debug.h"

DEBUG_CHANNEL(os);

#define IO_CHUNK ((DWORD)1 << 30)

struct win32_file {
    struct os_file base;
    HANDLE h;
    unsigned flags;
};

static const struct os_file_ops win32_file_ops;

static JET_ERR last_error(void)
{
    return os_err_from_win32(GetLastError());
}

static HANDLE handle_of(struct os_file *f) { return ((struct win32_file *)f)->h; }

static OVERLAPPED overlapped_at(uint64_t ib)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = (DWORD)ib;
    ov.OffsetHigh = (DWORD)(ib >> 32);
    return ov;
}

/* ---- files --------------------------------------------------------------------------------- */

static JET_ERR win32_open(struct os_vfs *vfs, const ESENT_WCHAR *path, unsigned flags, struct os_file **pf)
{
    const bool fReadOnly = flags & OS_OPEN_READONLY;
    DWORD access = GENERIC_READ | (fReadOnly ? 0 : GENERIC_WRITE);
    DWORD share = (flags & OS_OPEN_EXCLUSIVE) ? 0 :
                  (flags & OS_OPEN_SHARE_READ) ? FILE_SHARE_READ : FILE_SHARE_READ | FILE_SHARE_WRITE;
    DWORD disposition;
    DWORD attrs = FILE_ATTRIBUTE_NORMAL | ((flags & OS_OPEN_WRITE_THROUGH) ? FILE_FLAG_WRITE_THROUGH : 0);
    struct win32_file *f;

    *pf = NULL;
    if (fReadOnly && (flags & OS_OPEN_TRUNCATE)) return ERR_TRAP(JET_errInvalidParameter);
    if (!path || !path[0]) return ERR_TRAP(JET_errInvalidPath);
    if (flags & OS_OPEN_CREATE_NEW)
        disposition = CREATE_NEW;
    else if (flags & OS_OPEN_CREATE)
        disposition = (flags & OS_OPEN_TRUNCATE) ? CREATE_ALWAYS : OPEN_ALWAYS;
    else
        disposition = (flags & OS_OPEN_TRUNCATE) ? TRUNCATE_EXISTING : OPEN_EXISTING;

    f = mem_calloc(1, sizeof *f);
    if (!f) return ERR_TRAP(JET_errOutOfMemory);
    f->h = CreateFileW(path, access, share, NULL, disposition, attrs, NULL);
    if (f->h == INVALID_HANDLE_VALUE) {
        JET_ERR err = last_error();
        mem_free(f);
        return err;
    }
    /* A new directory entry: flushing the file commits its metadata, so the creation survives
     * a power cut (os.h durability). OPEN_ALWAYS / CREATE_ALWAYS report an existing file with
     * ERROR_ALREADY_EXISTS. */
    bool fCreated = disposition == CREATE_NEW ||
                    ((disposition == OPEN_ALWAYS || disposition == CREATE_ALWAYS) && GetLastError() != ERROR_ALREADY_EXISTS);
    if (fCreated && !fReadOnly && !FlushFileBuffers(f->h)) {
        JET_ERR err = last_error();
        CloseHandle(f->h);
        mem_free(f);
        return err;
    }
    f->base.ops = &win32_file_ops;
    f->base.vfs = vfs;
    f->flags = flags;
    *pf = &f->base;
    return JET_errSuccess;
}

static JET_ERR win32_read(struct os_file *f, uint64_t ib, void *pv, size_t cb)
{
    uint8_t *p = pv;
    while (cb > 0) {
        OVERLAPPED ov = overlapped_at(ib);
        DWORD cbDone = 0;
        if (!ReadFile(handle_of(f), p, (DWORD)MIN(cb, IO_CHUNK), &cbDone, &ov)) {
            DWORD e = GetLastError();
            if (e != ERROR_HANDLE_EOF) return os_err_from_win32(e);
            cbDone = 0;
        }
        if (cbDone == 0) {
            memset(p, 0, cb);
            return ERR_TRAP(JET_errFileIOBeyondEOF);
        }
        p += cbDone; cb -= cbDone; ib += cbDone;
    }
    return JET_errSuccess;
}

static JET_ERR win32_write(struct os_file *f, uint64_t ib, const void *pv, size_t cb)
{
    const uint8_t *p = pv;
    while (cb > 0) {
        OVERLAPPED ov = overlapped_at(ib);
        DWORD cbDone = 0;
        if (!WriteFile(handle_of(f), p, (DWORD)MIN(cb, IO_CHUNK), &cbDone, &ov))
            return last_error();
        if (cbDone == 0) return ERR_TRAP(JET_errDiskIO);
        p += cbDone; cb -= cbDone; ib += cbDone;
    }
    return JET_errSuccess;
}

/* FlushFileBuffers needs write access; a read-only handle has nothing of its own to flush. */
static JET_ERR win32_sync(struct os_file *f)
{
    if (((struct win32_file *)f)->flags & OS_OPEN_READONLY) return JET_errSuccess;
    return FlushFileBuffers(handle_of(f)) ? JET_errSuccess : last_error();
}

static JET_ERR win32_size(struct os_file *f, uint64_t *pcb)
{
    LARGE_INTEGER li;
    if (!GetFileSizeEx(handle_of(f), &li)) return last_error();
    *pcb = (uint64_t)li.QuadPart;
    return JET_errSuccess;
}

/* SetEndOfFile allocates the clusters of a growing file, so a full disk fails here. It moves the
 * file pointer, which nothing else uses (reads and writes carry their offsets). */
static JET_ERR win32_set_size(struct os_file *f, uint64_t cb)
{
    LARGE_INTEGER li;
    /* Windows says ERROR_ACCESS_DENIED here, Wine ERROR_INVALID_PARAMETER: answer for both. */
    if (((struct win32_file *)f)->flags & OS_OPEN_READONLY) return ERR_TRAP(JET_errFileAccessDenied);
    if (cb > (uint64_t)INT64_MAX) return ERR_TRAP(JET_errInvalidParameter);
    li.QuadPart = (LONGLONG)cb;
    if (!SetFilePointerEx(handle_of(f), li, NULL, FILE_BEGIN) || !SetEndOfFile(handle_of(f)))
        return last_error();
    return JET_errSuccess;
}

static void win32_close(struct os_file *f)
{
    CloseHandle(handle_of(f));
    mem_free(f);
}

static const struct os_file_ops win32_file_ops = {
    win32_read, win32_write, win32_sync, win32_size, win32_set_size, win32_close,
};

/* ---- the name space ------------------------------------------------------------------------ */

static JET_ERR win32_remove(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    if (!path || !path[0]) return ERR_TRAP(JET_errInvalidPath);
    if (DeleteFileW(path)) return JET_errSuccess;
    DWORD e = GetLastError();
    DWORD attrs = GetFileAttributesW(path);
    if (e == ERROR_ACCESS_DENIED && attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY))
        return RemoveDirectoryW(path) ? JET_errSuccess : last_error();
    return os_err_from_win32(e);
}

static JET_ERR win32_exists(struct os_vfs *vfs, const ESENT_WCHAR *path, bool *pfExists, bool *pfIsDir)
{
    *pfExists = false;
    if (pfIsDir) *pfIsDir = false;
    if (!path || !path[0]) return ERR_TRAP(JET_errInvalidPath);
    DWORD attrs = GetFileAttributesW(path);
    if (attrs == INVALID_FILE_ATTRIBUTES) {
        DWORD e = GetLastError();
        return (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND) ? JET_errSuccess : os_err_from_win32(e);
    }
    *pfExists = true;
    if (pfIsDir) *pfIsDir = (attrs & FILE_ATTRIBUTE_DIRECTORY) != 0;
    return JET_errSuccess;
}

static JET_ERR win32_mkdir(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    if (!path || !path[0]) return ERR_TRAP(JET_errInvalidPath);
    if (CreateDirectoryW(path, NULL)) return JET_errSuccess;
    DWORD e = GetLastError();
    DWORD attrs = GetFileAttributesW(path);
    if (e == ERROR_ALREADY_EXISTS && attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY))
        return JET_errSuccess;
    return os_err_from_win32(e);
}

static JET_ERR win32_rename(struct os_vfs *vfs, const ESENT_WCHAR *from, const ESENT_WCHAR *to)
{
    if (!from || !from[0] || !to || !to[0]) return ERR_TRAP(JET_errInvalidPath);
    if (MoveFileExW(from, to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) return JET_errSuccess;
    return last_error();
}

/* FindFirstFileW gets "*" and we match the names ourselves: its own matching also tries the 8.3
 * short names ("*.log" finding "edb.log1"), which the other implementations cannot copy. */
static JET_ERR win32_list(struct os_vfs *vfs, const ESENT_WCHAR *dir, const ESENT_WCHAR *pattern,
                          JET_ERR (*fn)(void *ctx, const ESENT_WCHAR *name), void *ctx)
{
    JET_ERR err;
    struct os_names names = { 0 };
    HANDLE hFind = INVALID_HANDLE_VALUE;
    WIN32_FIND_DATAW fd;
    size_t cchDir = dir ? wstr_len(dir) : 0;
    WCHAR *wszSearch = NULL;

    if (cchDir == 0) return ERR_TRAP(JET_errInvalidPath);
    wszSearch = mem_alloc((cchDir + 3) * sizeof(WCHAR));
    if (!wszSearch) return ERR_TRAP(JET_errOutOfMemory);
    memcpy(wszSearch, dir, cchDir * sizeof(WCHAR));
    if (!os_is_sep(dir[cchDir - 1])) wszSearch[cchDir++] = '\\';
    wszSearch[cchDir++] = '*';
    wszSearch[cchDir] = 0;

    hFind = FindFirstFileW(wszSearch, &fd);
    if (hFind == INVALID_HANDLE_VALUE) {
        DWORD e = GetLastError();
        err = e == ERROR_FILE_NOT_FOUND ? JET_errSuccess : os_err_from_win32(e);   /* empty */
        goto out;
    }
    do {
        if (wstr_cmp(fd.cFileName, L".") == 0 || wstr_cmp(fd.cFileName, L"..") == 0) continue;
        if (!os_name_matches(fd.cFileName, pattern)) continue;
        CALL(os_names_take(&names, wstr_dup(fd.cFileName)));
    } while (FindNextFileW(hFind, &fd));
    if (GetLastError() != ERROR_NO_MORE_FILES) CALL(last_error());
    err = os_names_report(&names, fn, ctx);
out:
    if (hFind != INVALID_HANDLE_VALUE) FindClose(hFind);
    os_names_free(&names);
    mem_free(wszSearch);
    return err;
}

static JET_ERR win32_full_path(struct os_vfs *vfs, const ESENT_WCHAR *path, ESENT_WCHAR **pwszFull)
{
    *pwszFull = NULL;
    if (!path || !path[0]) return ERR_TRAP(JET_errInvalidPath);
    for (;;) {
        DWORD cch = GetFullPathNameW(path, 0, NULL, NULL);
        if (cch == 0) return last_error();
        WCHAR *wsz = mem_alloc(cch * sizeof(WCHAR));
        if (!wsz) return ERR_TRAP(JET_errOutOfMemory);
        DWORD cchGot = GetFullPathNameW(path, cch, wsz, NULL);
        if (cchGot > 0 && cchGot < cch) {
            *pwszFull = wsz;
            return JET_errSuccess;
        }
        mem_free(wsz);
        if (cchGot == 0) return last_error();
        /* the current directory changed between the calls: ask again */
    }
}

/* GetDiskFreeSpaceExW wants a directory: try the path, then the directory holding it. */
static JET_ERR win32_free_space(struct os_vfs *vfs, const ESENT_WCHAR *path, uint64_t *pcb)
{
    JET_ERR err;
    ESENT_WCHAR *wszFull = NULL;
    ULARGE_INTEGER cbAvail;

    CALL(win32_full_path(vfs, path, &wszFull));
    if (!GetDiskFreeSpaceExW(wszFull, &cbAvail, NULL, NULL)) {
        size_t cch = wstr_len(wszFull);
        while (cch > 0 && !os_is_sep(wszFull[cch - 1])) cch--;
        wszFull[cch] = 0;
        if (cch == 0 || !GetDiskFreeSpaceExW(wszFull, &cbAvail, NULL, NULL))
            CALL(last_error());
    }
    *pcb = cbAvail.QuadPart;
    err = JET_errSuccess;
out:
    mem_free(wszFull);
    return err;
}

static const struct os_vfs_ops win32_vfs_ops = {
    win32_open, win32_remove, win32_exists, win32_mkdir, win32_rename, win32_list,
    win32_full_path, win32_free_space,
};

static struct os_vfs win32_vfs = { &win32_vfs_ops };

struct os_vfs *os_vfs_default(void)
{
    return &win32_vfs;
}
