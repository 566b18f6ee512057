/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_file.c: files through the engine's os layer, opened by the path the user
 * typed. argv is in the console's encoding (the ANSI code page on Windows, UTF-8 on Linux),
 * which os_acp_to_utf16 converts to the layer's UTF-16. */
#include "esentutl.h"
#include "os.h"

static MUST_CHECK JET_ERR wide_path(const char *szPath, ESENT_WCHAR **pwsz)
{
    JET_ERR err;
    if (!szPath || !szPath[0]) return JET_errInvalidPath;
    CALL_R(os_acp_to_utf16(szPath, pwsz));
    return *pwsz ? JET_errSuccess : JET_errOutOfMemory;
}

JET_ERR eu_file_open(const char *szPath, unsigned osflags, struct os_file **ppf)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL;
    *ppf = NULL;
    CALL(wide_path(szPath, &wsz));
    CALL(os_file_open(os_vfs_default(), wsz, osflags, ppf));
out:
    mem_free(wsz);
    return err;
}

JET_ERR eu_file_read_at(struct os_file *f, uint64_t ib, void *pv, size_t cb, size_t *pcbRead)
{
    JET_ERR err;
    uint64_t cbFile = 0;
    *pcbRead = 0;
    CALL_R(os_file_size(f, &cbFile));
    if (ib >= cbFile) return JET_errSuccess;
    size_t cbRead = cbFile - ib < cb ? (size_t)(cbFile - ib) : cb;
    if (cbRead) CALL_R(os_file_read(f, ib, pv, cbRead));
    *pcbRead = cbRead;
    return JET_errSuccess;
}

JET_ERR eu_file_delete(const char *szPath)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL;
    struct os_vfs *vfs = os_vfs_default();
    CALL(wide_path(szPath, &wsz));
    CALL(vfs->ops->remove(vfs, wsz));
out:
    mem_free(wsz);
    return err;
}

JET_ERR eu_file_rename(const char *szFrom, const char *szTo)
{
    JET_ERR err;
    ESENT_WCHAR *wszFrom = NULL, *wszTo = NULL;
    struct os_vfs *vfs = os_vfs_default();
    CALL(wide_path(szFrom, &wszFrom));
    CALL(wide_path(szTo, &wszTo));
    CALL(vfs->ops->rename(vfs, wszFrom, wszTo));
out:
    mem_free(wszFrom);
    mem_free(wszTo);
    return err;
}

struct list_ctx {
    JET_ERR (*fn)(void *ctx, const char *szName);
    void *ctx;
};

static JET_ERR list_one(void *pv, const ESENT_WCHAR *wszName)
{
    struct list_ctx *lc = pv;
    char szName[1024];
    if (os_utf16_to_acp(wszName, szName, sizeof szName, NULL) != JET_errSuccess)
        return JET_errSuccess;     /* a name this long is no log file of ours to find */
    return lc->fn(lc->ctx, szName);
}

JET_ERR eu_file_list(const char *szDir, const char *szPattern, JET_ERR (*fn)(void *ctx, const char *szName), void *ctx)
{
    JET_ERR err;
    ESENT_WCHAR *wszDir = NULL, *wszPattern = NULL;
    struct os_vfs *vfs = os_vfs_default();
    struct list_ctx lc = { fn, ctx };
    CALL(wide_path(szDir, &wszDir));
    CALL(wide_path(szPattern, &wszPattern));
    CALL(vfs->ops->list(vfs, wszDir, wszPattern, list_one, &lc));
out:
    mem_free(wszDir);
    mem_free(wszPattern);
    return err;
}

bool eu_file_exists(const char *szPath)
{
    ESENT_WCHAR *wsz = NULL;
    bool fExists = false, fIsDir = false;
    struct os_vfs *vfs = os_vfs_default();
    if (wide_path(szPath, &wsz) >= 0 && vfs->ops->exists(vfs, wsz, &fExists, &fIsDir) < 0)
        fExists = false;
    mem_free(wsz);
    return fExists;
}

bool eu_folder_of_exists(const char *szPath)
{
    const char *pszSlash = strrchr(szPath, '/');
    if (!pszSlash) return true;     /* the current folder */
    if (pszSlash == szPath) return true;
    char sz[1024];
    size_t cch = (size_t)(pszSlash - szPath);
    if (cch >= sizeof sz) return false;
    memcpy(sz, szPath, cch);
    sz[cch] = 0;
    ESENT_WCHAR *wsz = NULL;
    bool fExists = false, fIsDir = false;
    struct os_vfs *vfs = os_vfs_default();
    if (wide_path(sz, &wsz) >= 0 && vfs->ops->exists(vfs, wsz, &fExists, &fIsDir) < 0)
        fExists = false;
    mem_free(wsz);
    return fExists && fIsDir;
}
