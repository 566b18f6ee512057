/* SPDX-License-Identifier: MIT
 * os/tests/win32_vfs_check.c: self-checking test of the Win32 file system (os_file_win32.c) and
 * of the Win32 error table, for the MinGW builds (no CMocka there). Runs under Wine from CTest
 * (fixture `wineprefix`) or on Windows; prints each failure with its line and what it got, and
 * exits non-zero if there was any. Works in a fresh directory under %TEMP%. */
#include <stdio.h>
#include <windows.h>

#include "os_int.h"
#include "utf.h"

static int cChecks, cFailures;

#define CHECK(cond, ...) do { cChecks++; if (!(cond)) { cFailures++; \
        printf("%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); printf(__VA_ARGS__); printf("\n"); } } while (0)
#define CHECK_ERR(got, want) do { JET_ERR got_ = (got); \
        CHECK(got_ == (want), "got %ld, expected %ld", (long)got_, (long)(want)); } while (0)

static WCHAR g_wszDir[MAX_PATH];

/* g_wszDir + '\\' + name, in a ring of buffers. */
static const WCHAR *P(const WCHAR *name)
{
    static WCHAR ring[8][MAX_PATH * 2];
    static unsigned next;
    WCHAR *wsz = ring[next++ % 8];
    size_t cchDir = wstr_len(g_wszDir);
    memcpy(wsz, g_wszDir, cchDir * sizeof(WCHAR));
    wsz[cchDir] = '\\';
    wstr_copy(wsz + cchDir + 1, MAX_PATH, name);
    return wsz;
}

static struct os_vfs *vfs;

static JET_ERR try_open(const WCHAR *name, unsigned flags)
{
    struct os_file *f = NULL;
    JET_ERR err = os_file_open(vfs, P(name), flags, &f);
    CHECK(err < 0 ? f == NULL : f != NULL, "handle %p with err %ld", (void *)f, (long)err);
    os_file_close(f);
    return err;
}

static struct os_file *must_open(const WCHAR *name, unsigned flags)
{
    struct os_file *f = NULL;
    CHECK_ERR(os_file_open(vfs, P(name), flags, &f), JET_errSuccess);
    return f;
}

static void put(const WCHAR *name, const char *sz)
{
    struct os_file *f = must_open(name, OS_OPEN_CREATE | OS_OPEN_TRUNCATE);
    if (!f) return;
    CHECK_ERR(os_file_write(f, 0, sz, strlen(sz)), JET_errSuccess);
    CHECK_ERR(os_file_sync(f), JET_errSuccess);
    os_file_close(f);
}

static void check_open_modes(void)
{
    CHECK_ERR(try_open(L"missing.edb", 0), JET_errFileNotFound);
    CHECK_ERR(try_open(L"nodir\\x.edb", OS_OPEN_CREATE), JET_errInvalidPath);
    CHECK_ERR(try_open(L"new.edb", OS_OPEN_CREATE_NEW), JET_errSuccess);
    CHECK_ERR(try_open(L"new.edb", OS_OPEN_CREATE_NEW), JET_errFileAlreadyExists);
    CHECK_ERR(try_open(L"new.edb", OS_OPEN_CREATE), JET_errSuccess);
    CHECK_ERR(try_open(L"new.edb", OS_OPEN_READONLY | OS_OPEN_TRUNCATE), JET_errInvalidParameter);
    CHECK_ERR(vfs->ops->mkdir(vfs, P(L"sub")), JET_errSuccess);
    CHECK_ERR(try_open(L"sub", 0), JET_errFileAccessDenied);

    put(L"t.log", "hello");
    struct os_file *f = must_open(L"t.log", OS_OPEN_TRUNCATE | OS_OPEN_WRITE_THROUGH);
    uint64_t cb = 99;
    if (f) {
        CHECK_ERR(os_file_size(f, &cb), JET_errSuccess);
        CHECK(cb == 0, "size %llu after truncate", (unsigned long long)cb);
        os_file_close(f);
    }
    /* forward slashes work as well */
    WCHAR wsz[MAX_PATH * 2];
    wstr_copy(wsz, ARRAY_SIZE(wsz), P(L"sub/fwd.edb"));
    f = NULL;
    CHECK_ERR(os_file_open(vfs, wsz, OS_OPEN_CREATE, &f), JET_errSuccess);
    os_file_close(f);
    CHECK_ERR(try_open(L"sub\\fwd.edb", OS_OPEN_READONLY), JET_errSuccess);
}

static void check_read_write(void)
{
    uint8_t rgb[10000], rgbBack[10000];
    uint64_t cb = 0;
    for (size_t i = 0; i < sizeof rgb; i++) rgb[i] = (uint8_t)(i * 13 + 1);
    struct os_file *f = must_open(L"rw.edb", OS_OPEN_CREATE | OS_OPEN_EXCLUSIVE);
    if (!f) return;
    CHECK_ERR(os_file_write(f, 5000, rgb, sizeof rgb), JET_errSuccess);
    CHECK_ERR(os_file_sync(f), JET_errSuccess);
    CHECK_ERR(os_file_size(f, &cb), JET_errSuccess);
    CHECK(cb == 15000, "size %llu", (unsigned long long)cb);
    CHECK_ERR(os_file_read(f, 5000, rgbBack, sizeof rgbBack), JET_errSuccess);
    CHECK(memcmp(rgb, rgbBack, sizeof rgb) == 0, "data differs");
    memset(rgbBack, 0xcc, 5000);
    CHECK_ERR(os_file_read(f, 0, rgbBack, 5000), JET_errSuccess);
    CHECK(rgbBack[0] == 0 && rgbBack[4999] == 0, "gap not zero: %02x %02x", rgbBack[0], rgbBack[4999]);

    /* beyond the end */
    CHECK_ERR(os_file_read(f, 15000, rgbBack, 1), JET_errFileIOBeyondEOF);
    CHECK_ERR(os_file_read(f, 99999, rgbBack, 10), JET_errFileIOBeyondEOF);
    memset(rgbBack, 0xcc, 20);
    CHECK_ERR(os_file_read(f, 14990, rgbBack, 20), JET_errFileIOBeyondEOF);
    CHECK(memcmp(rgbBack, rgb + 9990, 10) == 0 && rgbBack[10] == 0 && rgbBack[19] == 0, "partial read");

    /* set_size both ways */
    CHECK_ERR(os_file_set_size(f, 100), JET_errSuccess);
    CHECK_ERR(os_file_size(f, &cb), JET_errSuccess);
    CHECK(cb == 100, "size %llu after shrink", (unsigned long long)cb);
    CHECK_ERR(os_file_set_size(f, 1 << 20), JET_errSuccess);
    CHECK_ERR(os_file_size(f, &cb), JET_errSuccess);
    CHECK(cb == 1 << 20, "size %llu after grow", (unsigned long long)cb);
    memset(rgbBack, 0xcc, 100);
    CHECK_ERR(os_file_read(f, (1 << 20) - 100, rgbBack, 100), JET_errSuccess);
    CHECK(rgbBack[0] == 0 && rgbBack[99] == 0, "grown part not zero");
    os_file_close(f);

    f = must_open(L"rw.edb", OS_OPEN_READONLY);
    if (!f) return;
    CHECK_ERR(os_file_write(f, 0, "x", 1), JET_errFileAccessDenied);
    CHECK_ERR(os_file_set_size(f, 1), JET_errFileAccessDenied);
    CHECK_ERR(os_file_sync(f), JET_errSuccess);
    os_file_close(f);
}

/* Windows' rule: compatible iff each side's access is within the other's share mode. */
static bool windows_allows(unsigned flagsOld, unsigned flagsNew)
{
    unsigned accOld = 1 | ((flagsOld & OS_OPEN_READONLY) ? 0 : 2), accNew = 1 | ((flagsNew & OS_OPEN_READONLY) ? 0 : 2);
    unsigned shareOld = (flagsOld & OS_OPEN_EXCLUSIVE) ? 0 : (flagsOld & OS_OPEN_SHARE_READ) ? 1 : 3;
    unsigned shareNew = (flagsNew & OS_OPEN_EXCLUSIVE) ? 0 : (flagsNew & OS_OPEN_SHARE_READ) ? 1 : 3;
    return (accNew & ~shareOld) == 0 && (accOld & ~shareNew) == 0;
}

static void check_sharing(void)
{
    static const unsigned modes[] = {
        0, OS_OPEN_READONLY, OS_OPEN_SHARE_READ, OS_OPEN_READONLY | OS_OPEN_SHARE_READ,
        OS_OPEN_EXCLUSIVE, OS_OPEN_READONLY | OS_OPEN_EXCLUSIVE,
    };
    put(L"share.edb", "x");
    for (size_t i = 0; i < ARRAY_SIZE(modes); i++) {
        struct os_file *f = must_open(L"share.edb", modes[i]);
        if (!f) continue;
        for (size_t j = 0; j < ARRAY_SIZE(modes); j++) {
            JET_ERR err = try_open(L"share.edb", modes[j]);
            JET_ERR want = windows_allows(modes[i], modes[j]) ? JET_errSuccess : JET_errFileAccessDenied;
            CHECK(err == want, "held 0x%x, opened 0x%x: got %ld, expected %ld", modes[i], modes[j], (long)err, (long)want);
        }
        /* an open file can be neither removed nor renamed over or away */
        CHECK_ERR(vfs->ops->remove(vfs, P(L"share.edb")), JET_errFileAccessDenied);
        CHECK_ERR(vfs->ops->rename(vfs, P(L"share.edb"), P(L"moved.edb")), JET_errFileAccessDenied);
        os_file_close(f);
    }
}

static void check_name_space(void)
{
    bool fExists = false, fIsDir = false;
    put(L"gone.log", "x");
    CHECK_ERR(vfs->ops->exists(vfs, P(L"gone.log"), &fExists, &fIsDir), JET_errSuccess);
    CHECK(fExists && !fIsDir, "exists %d dir %d", fExists, fIsDir);
    CHECK_ERR(vfs->ops->remove(vfs, P(L"gone.log")), JET_errSuccess);
    CHECK_ERR(vfs->ops->exists(vfs, P(L"gone.log"), &fExists, &fIsDir), JET_errSuccess);
    CHECK(!fExists, "still exists");
    CHECK_ERR(vfs->ops->remove(vfs, P(L"gone.log")), JET_errFileNotFound);
    CHECK_ERR(vfs->ops->exists(vfs, P(L"nodir\\x"), &fExists, &fIsDir), JET_errSuccess);
    CHECK(!fExists, "missing dir exists");

    CHECK_ERR(vfs->ops->mkdir(vfs, P(L"d2")), JET_errSuccess);
    CHECK_ERR(vfs->ops->mkdir(vfs, P(L"d2")), JET_errSuccess);
    CHECK_ERR(vfs->ops->exists(vfs, P(L"d2"), &fExists, &fIsDir), JET_errSuccess);
    CHECK(fExists && fIsDir, "exists %d dir %d", fExists, fIsDir);
    put(L"plain", "x");
    CHECK_ERR(vfs->ops->mkdir(vfs, P(L"plain")), JET_errFileAlreadyExists);
    CHECK_ERR(vfs->ops->mkdir(vfs, P(L"no\\such")), JET_errInvalidPath);
    CHECK_ERR(vfs->ops->remove(vfs, P(L"d2")), JET_errSuccess);

    put(L"from", "first");
    put(L"to", "second");
    CHECK_ERR(vfs->ops->rename(vfs, P(L"from"), P(L"to")), JET_errSuccess);
    CHECK_ERR(try_open(L"from", 0), JET_errFileNotFound);
    struct os_file *f = must_open(L"to", OS_OPEN_READONLY);
    if (f) {
        uint64_t cb = 0;
        CHECK_ERR(os_file_size(f, &cb), JET_errSuccess);
        CHECK(cb == 5, "renamed file has %llu bytes", (unsigned long long)cb);
        os_file_close(f);
    }
    CHECK_ERR(vfs->ops->rename(vfs, P(L"from"), P(L"x")), JET_errFileNotFound);
}

struct listing { char sz[512]; int c; };

static JET_ERR collect(void *ctx, const ESENT_WCHAR *name)
{
    struct listing *l = ctx;
    char sz[256];
    size_t cb;
    utf16_to_utf8(name, sz, sizeof sz, &cb);
    if (l->sz[0]) strcat(l->sz, ",");
    strcat(l->sz, sz);
    l->c++;
    return JET_errSuccess;
}

static void check_list(void)
{
    struct listing l = { "", 0 };
    CHECK_ERR(vfs->ops->mkdir(vfs, P(L"logs")), JET_errSuccess);
    put(L"logs\\edb00002.log", "x");
    put(L"logs\\EDB00001.log", "x");
    put(L"logs\\edb.log", "x");
    put(L"logs\\edb.chk", "x");
    put(L"logs\\edb.log1", "x");
    CHECK_ERR(vfs->ops->list(vfs, P(L"logs"), L"edb*.log", collect, &l), JET_errSuccess);
    CHECK(strcmp(l.sz, "edb.log,EDB00001.log,edb00002.log") == 0, "listed %s", l.sz);
    memset(&l, 0, sizeof l);
    CHECK_ERR(vfs->ops->list(vfs, P(L"logs"), L"*", collect, &l), JET_errSuccess);
    CHECK(l.c == 5, "listed %d: %s", l.c, l.sz);
    memset(&l, 0, sizeof l);
    CHECK_ERR(vfs->ops->list(vfs, P(L"logs"), L"*.xyz", collect, &l), JET_errSuccess);
    CHECK(l.c == 0, "listed %s", l.sz);
    CHECK_ERR(vfs->ops->list(vfs, P(L"nodir"), L"*", collect, &l), JET_errInvalidPath);
}

static void check_full_path_and_space(void)
{
    ESENT_WCHAR *wsz = NULL;
    WCHAR wszWant[MAX_PATH * 2];
    char sz[MAX_PATH * 4];
    size_t cb;
    wstr_copy(wszWant, ARRAY_SIZE(wszWant), P(L"b\\c.edb"));
    CHECK_ERR(vfs->ops->full_path(vfs, P(L"a/../b/./c.edb"), &wsz), JET_errSuccess);
    if (wsz) {
        utf16_to_utf8(wsz, sz, sizeof sz, &cb);
        CHECK(wstr_cmp(wsz, wszWant) == 0, "full path %s", sz);
        mem_free(wsz);
    }
    wsz = NULL;
    CHECK_ERR(vfs->ops->full_path(vfs, L"rel.edb", &wsz), JET_errSuccess);
    CHECK(wsz && wstr_len(wsz) > 8 && wsz[1] == ':', "relative path not made absolute");
    mem_free(wsz);

    uint64_t cbFree = 0;
    CHECK_ERR(vfs->ops->free_space(vfs, P(L"not-yet.edb"), &cbFree), JET_errSuccess);
    CHECK(cbFree > 0, "no free space reported");
}

/* ERROR_DISK_FULL cannot be provoked under Wine without a small volume: check the table. */
static void check_error_table(void)
{
    static const struct { DWORD e; JET_ERR err; } map[] = {
        { ERROR_SUCCESS, JET_errSuccess },
        { ERROR_DISK_FULL, JET_errDiskFull },
        { ERROR_HANDLE_DISK_FULL, JET_errDiskFull },
        { ERROR_ACCESS_DENIED, JET_errFileAccessDenied },
        { ERROR_SHARING_VIOLATION, JET_errFileAccessDenied },
        { ERROR_LOCK_VIOLATION, JET_errFileAccessDenied },
        { ERROR_WRITE_PROTECT, JET_errFileAccessDenied },
        { ERROR_FILE_NOT_FOUND, JET_errFileNotFound },
        { ERROR_PATH_NOT_FOUND, JET_errInvalidPath },
        { ERROR_INVALID_NAME, JET_errInvalidPath },
        { ERROR_FILENAME_EXCED_RANGE, JET_errInvalidPath },
        { ERROR_FILE_EXISTS, JET_errFileAlreadyExists },
        { ERROR_ALREADY_EXISTS, JET_errFileAlreadyExists },
        { ERROR_HANDLE_EOF, JET_errFileIOBeyondEOF },
        { ERROR_IO_DEVICE, JET_errDiskIO },
        { ERROR_NOT_ENOUGH_MEMORY, JET_errOutOfMemory },
        { ERROR_TOO_MANY_OPEN_FILES, JET_errOutOfFileHandles },
        { ERROR_CRC, JET_errDiskReadVerificationFailure },
        { ERROR_INVALID_PARAMETER, JET_errInvalidParameter },
        { ERROR_NET_WRITE_FAULT, JET_errDiskIO },          /* unexpected: the default */
    };
    for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
        JET_ERR err = os_err_from_win32(map[i].e);
        CHECK(err == map[i].err, "Win32 error %lu gave %ld, expected %ld", (unsigned long)map[i].e, (long)err, (long)map[i].err);
    }
}

static void remove_tree(const WCHAR *wszDir)
{
    WCHAR wszSearch[MAX_PATH * 2], wszPath[MAX_PATH * 2];
    WIN32_FIND_DATAW fd;
    wstr_copy(wszSearch, ARRAY_SIZE(wszSearch), wszDir);
    size_t cch = wstr_len(wszSearch);
    wstr_copy(wszSearch + cch, ARRAY_SIZE(wszSearch) - cch, L"\\*");
    HANDLE h = FindFirstFileW(wszSearch, &fd);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            if (wstr_cmp(fd.cFileName, L".") == 0 || wstr_cmp(fd.cFileName, L"..") == 0) continue;
            wstr_copy(wszPath, ARRAY_SIZE(wszPath), wszDir);
            cch = wstr_len(wszPath);
            wszPath[cch++] = '\\';
            wstr_copy(wszPath + cch, ARRAY_SIZE(wszPath) - cch, fd.cFileName);
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) remove_tree(wszPath);
            else DeleteFileW(wszPath);
        } while (FindNextFileW(h, &fd));
        FindClose(h);
    }
    RemoveDirectoryW(wszDir);
}

int main(void)
{
    WCHAR wszTemp[MAX_PATH];
    if (!GetTempPathW(ARRAY_SIZE(wszTemp), wszTemp)) {
        printf("GetTempPathW failed: %lu\n", (unsigned long)GetLastError());
        return 2;
    }
    _snwprintf(g_wszDir, ARRAY_SIZE(g_wszDir), L"%lsesent_vfs_%lu_%lu", wszTemp,
               (unsigned long)GetCurrentProcessId(), (unsigned long)GetTickCount());
    if (!CreateDirectoryW(g_wszDir, NULL)) {
        printf("CreateDirectoryW failed: %lu\n", (unsigned long)GetLastError());
        return 2;
    }
    vfs = os_vfs_default();

    check_open_modes();
    check_read_write();
    check_sharing();
    check_name_space();
    check_list();
    check_full_path_and_space();
    check_error_table();

    remove_tree(g_wszDir);
    printf("win32_vfs_check: %d checks, %d failures\n", cChecks, cFailures);
    return cFailures ? 1 : 0;
}
