/* SPDX-License-Identifier: MIT
 * os/os_file_posix.c: the real file system on Linux, behind struct os_vfs.
 * Layer: os (uses base). Paths arrive as UTF-16 with either separator and leave as UTF-8 with '/'.
 *
 * Share modes (os.h) are built from open-file-description locks, which belong to one open()
 * rather than to the process, so a second open in the same process is refused like one from
 * another process. Every opener takes read locks only (a read-only descriptor can hold those) on
 * four bytes far past any real data, one per role:
 *     ANY (every opener), EXCL (shares nothing), WRITER (has write access),
 *     DENY_WRITE (shares read only, or nothing)
 * and then asks the kernel whether another description holds the bytes it conflicts with
 * (F_OFD_GETLK): everyone checks EXCL, an exclusive opener checks ANY, a writer checks DENY_WRITE,
 * a write-denier checks WRITER. Each opener sets its locks before it checks, so of two
 * conflicting opens racing each other at least one sees the other and fails: never both succeed
 * (both may fail, which a retry settles). The locks go away when the descriptor is closed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "os_int.h"
#include "utf.h"
#include "debug.h"

DEBUG_CHANNEL(os);

enum { LOCK_ANY, LOCK_EXCL, LOCK_WRITER, LOCK_DENY_WRITE };
#define LOCK_BASE ((off_t)1 << 62)
#define IO_CHUNK  ((size_t)1 << 30)

struct posix_file {
    struct os_file base;
    int fd;
    bool fReadOnly;
};

static const struct os_file_ops posix_file_ops;

/* ---- paths and errors ---------------------------------------------------------------------- */

static JET_ERR native_path(const ESENT_WCHAR *path, char **psz)
{
    *psz = NULL;
    if (!path || !path[0]) return ERR_TRAP(JET_errInvalidPath);
    char *sz = utf16_to_utf8_dup(path);
    if (!sz) return ERR_TRAP(JET_errOutOfMemory);
    for (char *p = sz; *p; p++)
        if (*p == '\\') *p = '/';
    *psz = sz;
    return JET_errSuccess;
}

/* The directory part of sz ("." when there is none) in buf. */
static void parent_of(const char *sz, char *buf, size_t cb)
{
    const char *slash = strrchr(sz, '/');
    if (!slash) { snprintf(buf, cb, "."); return; }
    size_t cch = slash == sz ? 1 : (size_t)(slash - sz);
    snprintf(buf, cb, "%.*s", (int)cch, sz);
}

/* errno after an operation on path sz. ENOENT means a missing file only when the directory
 * holding it exists; otherwise it is Windows' ERROR_PATH_NOT_FOUND, JET_errInvalidPath. */
static JET_ERR path_error(int e, const char *sz)
{
    if (e == ENOENT) {
        char dir[4096];
        struct stat st;
        parent_of(sz, dir, sizeof dir);
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
            return ERR_TRAP(JET_errInvalidPath);
    }
    return os_err_from_errno(e);
}

/* A new, removed or renamed directory entry is durable only once its directory is synced. */
static JET_ERR sync_parent(const char *sz)
{
    char dir[4096];
    parent_of(sz, dir, sizeof dir);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return path_error(errno, dir);
    int rc;
    while ((rc = fsync(fd)) != 0 && errno == EINTR) {}
    int e = errno;
    close(fd);
    /* Some file systems cannot sync a directory (EINVAL); their entries are as durable as
     * they will ever be. */
    return (rc == 0 || e == EINVAL) ? JET_errSuccess : os_err_from_errno(e);
}

/* ---- share modes --------------------------------------------------------------------------- */

static int lock_op(int fd, int cmd, short type, int role, short *ptypeHeld)
{
    struct flock l = { .l_type = type, .l_whence = SEEK_SET, .l_start = LOCK_BASE + role, .l_len = 1 };
    int rc = fcntl(fd, cmd, &l);
    if (ptypeHeld) *ptypeHeld = l.l_type;
    return rc;
}

static bool held_by_other(int fd, int role, int *pe)
{
    short type = F_UNLCK;
    if (lock_op(fd, F_OFD_GETLK, F_WRLCK, role, &type) != 0) { *pe = errno; return false; }
    return type != F_UNLCK;
}

static JET_ERR take_share_locks(int fd, unsigned flags)
{
    const bool fWrite = !(flags & OS_OPEN_READONLY);
    const bool fExcl = flags & OS_OPEN_EXCLUSIVE;
    const bool fDenyWrite = flags & (OS_OPEN_EXCLUSIVE | OS_OPEN_SHARE_READ);
    const bool hold[4] = { [LOCK_ANY] = true, [LOCK_EXCL] = fExcl, [LOCK_WRITER] = fWrite,
                           [LOCK_DENY_WRITE] = fDenyWrite };
    const bool check[4] = { [LOCK_ANY] = fExcl, [LOCK_EXCL] = true, [LOCK_WRITER] = fDenyWrite,
                            [LOCK_DENY_WRITE] = fWrite };
    int e = 0;

    for (int role = 0; role < 4; role++) {
        if (hold[role] && lock_op(fd, F_OFD_SETLK, F_RDLCK, role, NULL) != 0) {
            e = errno;
            break;
        }
    }
    for (int role = 0; role < 4 && e == 0; role++) {
        if (check[role] && held_by_other(fd, role, &e))
            return ERR_TRAP(JET_errFileAccessDenied);
    }
    if (e == EINVAL) {
        /* The file system has no OFD locks (or the kernel predates them): open unshared. */
        WARN("no open file description locks here; sharing is not enforced\n");
        return JET_errSuccess;
    }
    return e ? os_err_from_errno(e) : JET_errSuccess;
}

/* Remove and rename refuse a file someone has open, as Windows does without FILE_SHARE_DELETE. */
static JET_ERR check_not_open(const char *sz)
{
    int fd = open(sz, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) return JET_errSuccess;   /* the operation itself reports what is wrong */
    int e = 0;
    bool fBusy = held_by_other(fd, LOCK_ANY, &e);
    close(fd);
    return fBusy ? ERR_TRAP(JET_errFileAccessDenied) : JET_errSuccess;
}

/* ---- files --------------------------------------------------------------------------------- */

static int open_retry(const char *sz, int oflags)
{
    int fd;
    while ((fd = open(sz, oflags, 0666)) < 0 && errno == EINTR) {}
    return fd;
}

static JET_ERR posix_open(struct os_vfs *vfs, const ESENT_WCHAR *path, unsigned flags, struct os_file **pf)
{
    JET_ERR err;
    char *sz = NULL;
    int fd = -1;
    bool fCreated = false;
    struct stat st;
    struct posix_file *f = NULL;

    *pf = NULL;
    if ((flags & OS_OPEN_READONLY) && (flags & OS_OPEN_TRUNCATE))
        return ERR_TRAP(JET_errInvalidParameter);
    CALL(native_path(path, &sz));

    /* No O_TRUNC: truncating before the share check would clobber a file someone else holds. */
    int oflags = O_CLOEXEC | O_NOCTTY | ((flags & OS_OPEN_READONLY) ? O_RDONLY : O_RDWR) |
                 ((flags & OS_OPEN_WRITE_THROUGH) ? O_DSYNC : 0);
    if (!(flags & OS_OPEN_CREATE_NEW))
        fd = open_retry(sz, oflags);
    if ((flags & OS_OPEN_CREATE_NEW) || (fd < 0 && errno == ENOENT && (flags & OS_OPEN_CREATE))) {
        fd = open_retry(sz, oflags | O_CREAT | O_EXCL);
        fCreated = fd >= 0;
        if (fd < 0 && errno == EEXIST && !(flags & OS_OPEN_CREATE_NEW))
            fd = open_retry(sz, oflags);     /* another creator got there first */
    }
    if (fd < 0) CALL(path_error(errno, sz));
    if (fstat(fd, &st) != 0) CALL(os_err_from_errno(errno));
    if (S_ISDIR(st.st_mode)) FAIL(JET_errFileAccessDenied);   /* as CreateFileW does */
    CALL(take_share_locks(fd, flags));
    if ((flags & OS_OPEN_TRUNCATE) && st.st_size != 0 && ftruncate(fd, 0) != 0)
        CALL(os_err_from_errno(errno));
    if (fCreated) CALL(sync_parent(sz));

    f = mem_calloc(1, sizeof *f);
    if (!f) FAIL(JET_errOutOfMemory);
    f->base.ops = &posix_file_ops;
    f->base.vfs = vfs;
    f->fd = fd;
    f->fReadOnly = flags & OS_OPEN_READONLY;
    *pf = &f->base;
    fd = -1;
    err = JET_errSuccess;
out:
    if (fd >= 0) close(fd);
    mem_free(sz);
    return err;
}

static int fd_of(struct os_file *f) { return ((struct posix_file *)f)->fd; }

static JET_ERR posix_read(struct os_file *f, uint64_t ib, void *pv, size_t cb)
{
    uint8_t *p = pv;
    if (ib > (uint64_t)INT64_MAX - cb) return ERR_TRAP(JET_errInvalidParameter);
    while (cb > 0) {
        ssize_t n = pread(fd_of(f), p, MIN(cb, IO_CHUNK), (off_t)ib);
        if (n < 0) {
            if (errno == EINTR) continue;
            return os_err_from_errno(errno);
        }
        if (n == 0) {
            memset(p, 0, cb);
            return ERR_TRAP(JET_errFileIOBeyondEOF);
        }
        p += n; cb -= (size_t)n; ib += (uint64_t)n;
    }
    return JET_errSuccess;
}

static JET_ERR posix_write(struct os_file *f, uint64_t ib, const void *pv, size_t cb)
{
    const uint8_t *p = pv;
    if (ib > (uint64_t)INT64_MAX - cb) return ERR_TRAP(JET_errInvalidParameter);
    while (cb > 0) {
        ssize_t n = pwrite(fd_of(f), p, MIN(cb, IO_CHUNK), (off_t)ib);
        if (n < 0) {
            if (errno == EINTR) continue;
            return os_err_from_errno(errno);
        }
        if (n == 0) return ERR_TRAP(JET_errDiskIO);
        p += n; cb -= (size_t)n; ib += (uint64_t)n;
    }
    return JET_errSuccess;
}

/* fdatasync covers the size too (it is needed to read the data back). After a failed sync the
 * kernel may have dropped the dirty pages, so a later sync that succeeds proves nothing: the
 * caller must treat this failure as fatal for the file (README.md). */
static JET_ERR posix_sync(struct os_file *f)
{
    int rc;
    while ((rc = fdatasync(fd_of(f))) != 0 && errno == EINTR) {}
    return rc == 0 ? JET_errSuccess : os_err_from_errno(errno);
}

static JET_ERR posix_size(struct os_file *f, uint64_t *pcb)
{
    struct stat st;
    if (fstat(fd_of(f), &st) != 0) return os_err_from_errno(errno);
    *pcb = (uint64_t)st.st_size;
    return JET_errSuccess;
}

/* Growth allocates the blocks (fallocate), so a full disk shows up here as JET_errDiskFull rather
 * than in a later write, as with SetEndOfFile on NTFS. File systems without fallocate get a
 * sparse extension. */
static JET_ERR posix_set_size(struct os_file *f, uint64_t cb)
{
    uint64_t cbCur;
    JET_ERR err;
    int rc;

    if (((struct posix_file *)f)->fReadOnly) return ERR_TRAP(JET_errFileAccessDenied);   /* not EINVAL */
    if (cb > (uint64_t)INT64_MAX) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(posix_size(f, &cbCur));
    if (cb > cbCur) {
        while ((rc = fallocate(fd_of(f), 0, (off_t)cbCur, (off_t)(cb - cbCur))) != 0 && errno == EINTR) {}
        if (rc == 0) return JET_errSuccess;
        if (errno != EOPNOTSUPP && errno != ENOSYS && errno != EINVAL)
            return os_err_from_errno(errno);
    } else if (cb == cbCur) {
        return JET_errSuccess;
    }
    while ((rc = ftruncate(fd_of(f), (off_t)cb)) != 0 && errno == EINTR) {}
    return rc == 0 ? JET_errSuccess : os_err_from_errno(errno);
}

static void posix_close(struct os_file *f)
{
    close(fd_of(f));   /* never retried on EINTR: Linux has closed the descriptor either way */
    mem_free(f);
}

static const struct os_file_ops posix_file_ops = {
    posix_read, posix_write, posix_sync, posix_size, posix_set_size, posix_close,
};

/* ---- the name space ------------------------------------------------------------------------ */

static JET_ERR posix_remove(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    JET_ERR err;
    char *sz = NULL;
    CALL(native_path(path, &sz));
    CALL(check_not_open(sz));
    if (unlink(sz) != 0) {
        if (errno != EISDIR || rmdir(sz) != 0)
            CALL(path_error(errno, sz));
    }
    CALL(sync_parent(sz));
out:
    mem_free(sz);
    return err;
}

static JET_ERR posix_exists(struct os_vfs *vfs, const ESENT_WCHAR *path, bool *pfExists, bool *pfIsDir)
{
    JET_ERR err;
    char *sz = NULL;
    struct stat st;
    bool fExists = false, fIsDir = false;
    CALL(native_path(path, &sz));
    if (stat(sz, &st) == 0) {
        fExists = true;
        fIsDir = S_ISDIR(st.st_mode);
    } else if (errno != ENOENT && errno != ENOTDIR) {
        CALL(os_err_from_errno(errno));
    }
out:
    *pfExists = fExists;
    if (pfIsDir) *pfIsDir = fIsDir;
    mem_free(sz);
    return err;
}

static JET_ERR posix_mkdir(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    JET_ERR err;
    char *sz = NULL;
    struct stat st;
    CALL(native_path(path, &sz));
    if (mkdir(sz, 0777) == 0) {
        CALL(sync_parent(sz));
    } else if (errno != EEXIST) {
        CALL(path_error(errno, sz));
    } else if (stat(sz, &st) != 0 || !S_ISDIR(st.st_mode)) {
        FAIL(JET_errFileAlreadyExists);
    }
out:
    mem_free(sz);
    return err;
}

static JET_ERR posix_rename(struct os_vfs *vfs, const ESENT_WCHAR *from, const ESENT_WCHAR *to)
{
    JET_ERR err;
    char *szFrom = NULL, *szTo = NULL;
    char dirFrom[4096], dirTo[4096];
    CALL(native_path(from, &szFrom));
    CALL(native_path(to, &szTo));
    CALL(check_not_open(szFrom));
    CALL(check_not_open(szTo));
    if (rename(szFrom, szTo) != 0) {
        int e = errno;
        struct stat st;
        CALL(path_error(e, (e == ENOENT && stat(szFrom, &st) == 0) ? szTo : szFrom));
    }
    CALL(sync_parent(szTo));
    parent_of(szFrom, dirFrom, sizeof dirFrom);
    parent_of(szTo, dirTo, sizeof dirTo);
    if (strcmp(dirFrom, dirTo) != 0) CALL(sync_parent(szFrom));
out:
    mem_free(szFrom);
    mem_free(szTo);
    return err;
}

static JET_ERR posix_list(struct os_vfs *vfs, const ESENT_WCHAR *dir, const ESENT_WCHAR *pattern,
                          JET_ERR (*fn)(void *ctx, const ESENT_WCHAR *name), void *ctx)
{
    JET_ERR err;
    char *sz = NULL;
    DIR *d = NULL;
    struct os_names names = { 0 };

    CALL(native_path(dir, &sz));
    d = opendir(sz);
    if (!d) CALL(errno == ENOENT ? ERR_TRAP(JET_errInvalidPath) : os_err_from_errno(errno));
    for (;;) {
        errno = 0;
        struct dirent *de = readdir(d);
        if (!de) {
            if (errno != 0) CALL(os_err_from_errno(errno));
            break;
        }
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        ESENT_WCHAR *wsz = utf8_to_utf16_dup(de->d_name);
        if (wsz && !os_name_matches(wsz, pattern)) { mem_free(wsz); continue; }
        CALL(os_names_take(&names, wsz));
    }
    err = os_names_report(&names, fn, ctx);
out:
    os_names_free(&names);
    if (d) closedir(d);
    mem_free(sz);
    return err;
}

static JET_ERR posix_full_path(struct os_vfs *vfs, const ESENT_WCHAR *path, ESENT_WCHAR **pwszFull)
{
    JET_ERR err;
    char *szCwd = NULL;
    ESENT_WCHAR *wszCwd = NULL;

    *pwszFull = NULL;
    if (!path || !path[0]) return ERR_TRAP(JET_errInvalidPath);
    if (!os_is_sep(path[0])) {
        szCwd = get_current_dir_name();
        if (!szCwd) CALL(os_err_from_errno(errno));
        wszCwd = utf8_to_utf16_dup(szCwd);
        if (!wszCwd) FAIL(JET_errOutOfMemory);
    }
    CALL(os_path_normalize(wszCwd, path, '/', pwszFull));
out:
    free(szCwd);
    mem_free(wszCwd);
    return err;
}

static JET_ERR posix_free_space(struct os_vfs *vfs, const ESENT_WCHAR *path, uint64_t *pcb)
{
    JET_ERR err;
    char *sz = NULL;
    struct statvfs sv;
    CALL(native_path(path, &sz));
    if (statvfs(sz, &sv) != 0) {
        char dir[4096];
        parent_of(sz, dir, sizeof dir);   /* a file that does not exist yet: ask its directory */
        if (errno != ENOENT || statvfs(dir, &sv) != 0) CALL(path_error(errno, sz));
    }
    *pcb = (uint64_t)sv.f_bavail * (uint64_t)sv.f_frsize;
out:
    mem_free(sz);
    return err;
}

static const struct os_vfs_ops posix_vfs_ops = {
    posix_open, posix_remove, posix_exists, posix_mkdir, posix_rename, posix_list,
    posix_full_path, posix_free_space,
};

static struct os_vfs posix_vfs = { &posix_vfs_ops };

struct os_vfs *os_vfs_default(void)
{
    return &posix_vfs;
}
