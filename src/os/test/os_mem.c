/* SPDX-License-Identifier: MIT
 * os/test/os_mem.c: an in-memory file system behind struct os_vfs (test double).
 * Every file and directory is a node in one list, keyed by its normalized full path and
 * compared case-insensitively, as NTFS does. Errors and share modes follow the real
 * implementations (os.h): a missing directory on the way is JET_errInvalidPath, a missing file
 * JET_errFileNotFound, a share-mode conflict or an open file removed or renamed
 * JET_errFileAccessDenied. One mutex guards everything; list reports after releasing it, so its
 * callback may use the vfs. */
#include "os_test.h"
#include "os_int.h"
#include "utf.h"

#define MEM_FREE_SPACE ((uint64_t)1 << 40)

struct mem_node {
    struct mem_node *next;
    ESENT_WCHAR *path;              /* normalized full path, case as created */
    bool fDir;
    uint8_t *pb;
    size_t cb, cbAlloc;
    struct os_share_count share;
};

struct mem_vfs {
    struct os_vfs base;
    struct os_mutex mu;
    struct mem_node *nodes;
};

struct mem_file {
    struct os_file base;
    struct mem_node *node;
    unsigned flags;
};

static const struct os_file_ops mem_file_ops;

static struct mem_vfs *mem_of(struct os_vfs *vfs) { return (struct mem_vfs *)vfs; }

static JET_ERR normalize(const ESENT_WCHAR *path, ESENT_WCHAR **pwsz)
{
    const ESENT_WCHAR root[] = { os_path_separator(), 0 };
    *pwsz = NULL;
    if (!path || !path[0]) return ERR_TRAP(JET_errInvalidPath);
    return os_path_normalize(root, path, root[0], pwsz);
}

static bool is_root(const ESENT_WCHAR *key) { return key[1] == 0; }

static struct mem_node *find(struct mem_vfs *m, const ESENT_WCHAR *key)
{
    for (struct mem_node *n = m->nodes; n; n = n->next)
        if (wstr_icmp_ascii(n->path, key) == 0) return n;
    return NULL;
}

/* Length of the directory part of key ("/a/b" -> 2, "/a" -> 0 meaning the root). */
static size_t parent_len(const ESENT_WCHAR *key)
{
    size_t cch = wstr_len(key);
    while (cch > 0 && !os_is_sep(key[cch - 1])) cch--;
    return cch > 0 ? cch - 1 : 0;
}

static bool prefix_ieq(const ESENT_WCHAR *a, const ESENT_WCHAR *b, size_t cch)
{
    for (size_t i = 0; i < cch; i++) {
        ESENT_WCHAR ca = a[i], cb = b[i];
        if (ca >= 'A' && ca <= 'Z') ca = (ESENT_WCHAR)(ca - 'A' + 'a');
        if (cb >= 'A' && cb <= 'Z') cb = (ESENT_WCHAR)(cb - 'A' + 'a');
        if (ca != cb) return false;
    }
    return true;
}

/* Is key an entry of the directory dir[0..cchDir) (cchDir 0: the root)? */
static bool same_parent(const ESENT_WCHAR *key, const ESENT_WCHAR *dir, size_t cchDir)
{
    return parent_len(key) == cchDir && prefix_ieq(key, dir, cchDir);
}

/* Is key somewhere below the directory dir[0..cchDir)? */
static bool is_under(const ESENT_WCHAR *key, const ESENT_WCHAR *dir, size_t cchDir)
{
    return wstr_len(key) > cchDir && os_is_sep(key[cchDir]) && prefix_ieq(key, dir, cchDir);
}

static bool parent_exists(struct mem_vfs *m, const ESENT_WCHAR *key)
{
    size_t cch = parent_len(key);
    if (cch == 0) return true;
    for (struct mem_node *n = m->nodes; n; n = n->next)
        if (n->fDir && wstr_len(n->path) == cch && prefix_ieq(n->path, key, cch)) return true;
    return false;
}

/* What a lookup that missed means: the file, or a directory on the way, is absent. */
static JET_ERR missing(struct mem_vfs *m, const ESENT_WCHAR *key)
{
    return parent_exists(m, key) ? ERR_TRAP(JET_errFileNotFound) : ERR_TRAP(JET_errInvalidPath);
}

static bool has_children(struct mem_vfs *m, const ESENT_WCHAR *key)
{
    size_t cch = wstr_len(key);
    for (struct mem_node *n = m->nodes; n; n = n->next)
        if (same_parent(n->path, key, cch)) return true;
    return false;
}

static void unlink_node(struct mem_vfs *m, struct mem_node *node)
{
    for (struct mem_node **pp = &m->nodes; *pp; pp = &(*pp)->next) {
        if (*pp == node) {
            *pp = node->next;
            break;
        }
    }
    mem_free(node->path);
    mem_free(node->pb);
    mem_free(node);
}

static JET_ERR add_node(struct mem_vfs *m, ESENT_WCHAR *key, bool fDir, struct mem_node **pnode)
{
    struct mem_node *node = mem_calloc(1, sizeof *node);
    if (!node) return ERR_TRAP(JET_errOutOfMemory);
    node->path = key;
    node->fDir = fDir;
    node->next = m->nodes;
    m->nodes = node;
    *pnode = node;
    return JET_errSuccess;
}

/* ---- files --------------------------------------------------------------------------------- */

static JET_ERR mem_open(struct os_vfs *vfs, const ESENT_WCHAR *path, unsigned flags, struct os_file **pf)
{
    struct mem_vfs *m = mem_of(vfs);
    ESENT_WCHAR *key = NULL;
    struct mem_file *f = NULL;
    struct mem_node *node;
    JET_ERR err;

    *pf = NULL;
    if ((flags & OS_OPEN_READONLY) && (flags & OS_OPEN_TRUNCATE)) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(normalize(path, &key));
    f = mem_calloc(1, sizeof *f);
    if (!f) {
        mem_free(key);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    os_mutex_lock(&m->mu);
    node = is_root(key) ? NULL : find(m, key);
    if (is_root(key) || (node && node->fDir)) FAIL(JET_errFileAccessDenied);
    if (node && (flags & OS_OPEN_CREATE_NEW)) FAIL(JET_errFileAlreadyExists);
    if (!node) {
        if (!(flags & (OS_OPEN_CREATE | OS_OPEN_CREATE_NEW))) CALL(missing(m, key));
        if (!parent_exists(m, key)) FAIL(JET_errInvalidPath);
        CALL(add_node(m, key, false, &node));
        key = NULL;
    }
    if (!os_share_allows(&node->share, flags)) FAIL(JET_errFileAccessDenied);
    if (flags & OS_OPEN_TRUNCATE) node->cb = 0;
    os_share_add(&node->share, flags, +1);
    f->base.ops = &mem_file_ops;
    f->base.vfs = vfs;
    f->node = node;
    f->flags = flags;
    *pf = &f->base;
    f = NULL;
    err = JET_errSuccess;
out:
    os_mutex_unlock(&m->mu);
    mem_free(f);
    mem_free(key);
    return err;
}

static struct mem_file *file_of(struct os_file *f) { return (struct mem_file *)f; }

static JET_ERR mem_read(struct os_file *f, uint64_t ib, void *pv, size_t cb)
{
    struct mem_vfs *m = mem_of(f->vfs);
    struct mem_node *node = file_of(f)->node;
    JET_ERR err = JET_errSuccess;

    os_mutex_lock(&m->mu);
    size_t cbAvail = ib < node->cb ? (size_t)MIN((uint64_t)cb, node->cb - ib) : 0;
    if (cbAvail) memcpy(pv, node->pb + ib, cbAvail);
    if (cbAvail < cb) {
        memset((uint8_t *)pv + cbAvail, 0, cb - cbAvail);
        err = ERR_TRAP(JET_errFileIOBeyondEOF);
    }
    os_mutex_unlock(&m->mu);
    return err;
}

/* Grow or shrink node to cb bytes; new bytes are zero. Called with the mutex held. */
static JET_ERR resize(struct mem_node *node, uint64_t cb)
{
    if (cb > SIZE_MAX / 2) return ERR_TRAP(JET_errDiskFull);
    if (cb > node->cbAlloc) {
        size_t cbNew = MAX((size_t)cb, node->cbAlloc * 2);
        uint8_t *pb = mem_realloc(node->pb, cbNew);
        if (!pb) return ERR_TRAP(JET_errOutOfMemory);
        node->pb = pb;
        node->cbAlloc = cbNew;
    }
    if (cb > node->cb) memset(node->pb + node->cb, 0, (size_t)cb - node->cb);
    node->cb = (size_t)cb;
    return JET_errSuccess;
}

static JET_ERR mem_write(struct os_file *f, uint64_t ib, const void *pv, size_t cb)
{
    struct mem_vfs *m = mem_of(f->vfs);
    struct mem_node *node = file_of(f)->node;
    JET_ERR err = JET_errSuccess;

    if (file_of(f)->flags & OS_OPEN_READONLY) return ERR_TRAP(JET_errFileAccessDenied);
    if (ib > (uint64_t)INT64_MAX - cb) return ERR_TRAP(JET_errInvalidParameter);
    if (cb == 0) return JET_errSuccess;     /* no growth either, as pwrite and WriteFile */
    os_mutex_lock(&m->mu);
    if (ib + cb > node->cb) err = resize(node, ib + cb);
    if (err >= 0) memcpy(node->pb + ib, pv, cb);
    os_mutex_unlock(&m->mu);
    return err;
}

static JET_ERR mem_sync(struct os_file *f)
{
    return JET_errSuccess;   /* memory is as durable as it gets; os_crash models the rest */
}

static JET_ERR mem_size(struct os_file *f, uint64_t *pcb)
{
    struct mem_vfs *m = mem_of(f->vfs);
    os_mutex_lock(&m->mu);
    *pcb = file_of(f)->node->cb;
    os_mutex_unlock(&m->mu);
    return JET_errSuccess;
}

static JET_ERR mem_set_size(struct os_file *f, uint64_t cb)
{
    struct mem_vfs *m = mem_of(f->vfs);
    JET_ERR err;
    if (file_of(f)->flags & OS_OPEN_READONLY) return ERR_TRAP(JET_errFileAccessDenied);
    if (cb > (uint64_t)INT64_MAX) return ERR_TRAP(JET_errInvalidParameter);
    os_mutex_lock(&m->mu);
    err = resize(file_of(f)->node, cb);
    os_mutex_unlock(&m->mu);
    return err;
}

static void mem_close(struct os_file *f)
{
    struct mem_vfs *m = mem_of(f->vfs);
    os_mutex_lock(&m->mu);
    os_share_add(&file_of(f)->node->share, file_of(f)->flags, -1);
    os_mutex_unlock(&m->mu);
    mem_free(f);
}

static const struct os_file_ops mem_file_ops = {
    mem_read, mem_write, mem_sync, mem_size, mem_set_size, mem_close,
};

/* ---- the name space ------------------------------------------------------------------------ */

static JET_ERR mem_remove(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    struct mem_vfs *m = mem_of(vfs);
    ESENT_WCHAR *key;
    JET_ERR err;

    CALL_R(normalize(path, &key));
    os_mutex_lock(&m->mu);
    struct mem_node *node = is_root(key) ? NULL : find(m, key);
    if (is_root(key)) FAIL(JET_errFileAccessDenied);
    if (!node) CALL(missing(m, key));
    if (node->share.cOpen > 0) FAIL(JET_errFileAccessDenied);
    if (node->fDir && has_children(m, node->path)) FAIL(JET_errDiskIO);   /* ERROR_DIR_NOT_EMPTY */
    unlink_node(m, node);
    err = JET_errSuccess;
out:
    os_mutex_unlock(&m->mu);
    mem_free(key);
    return err;
}

static JET_ERR mem_exists(struct os_vfs *vfs, const ESENT_WCHAR *path, bool *pfExists, bool *pfIsDir)
{
    struct mem_vfs *m = mem_of(vfs);
    ESENT_WCHAR *key;
    *pfExists = false;
    if (pfIsDir) *pfIsDir = false;
    JET_ERR err = normalize(path, &key);
    if (err < 0) return err;
    os_mutex_lock(&m->mu);
    struct mem_node *node = is_root(key) ? NULL : find(m, key);
    *pfExists = is_root(key) || node;
    if (pfIsDir) *pfIsDir = is_root(key) || (node && node->fDir);
    os_mutex_unlock(&m->mu);
    mem_free(key);
    return JET_errSuccess;
}

static JET_ERR mem_mkdir(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    struct mem_vfs *m = mem_of(vfs);
    ESENT_WCHAR *key;
    struct mem_node *node;
    JET_ERR err;

    CALL_R(normalize(path, &key));
    os_mutex_lock(&m->mu);
    err = JET_errSuccess;
    if (is_root(key)) goto out;
    node = find(m, key);
    if (node) {
        if (!node->fDir) FAIL(JET_errFileAlreadyExists);
        goto out;
    }
    if (!parent_exists(m, key)) FAIL(JET_errInvalidPath);
    CALL(add_node(m, key, true, &node));
    key = NULL;
out:
    os_mutex_unlock(&m->mu);
    mem_free(key);
    return err;
}

/* Replace the first cchOld characters of *pwsz by wszNew. */
static JET_ERR replace_prefix(ESENT_WCHAR **pwsz, size_t cchOld, const ESENT_WCHAR *wszNew)
{
    size_t cchNew = wstr_len(wszNew), cchRest = wstr_len(*pwsz + cchOld);
    ESENT_WCHAR *wsz = mem_alloc((cchNew + cchRest + 1) * sizeof(ESENT_WCHAR));
    if (!wsz) return ERR_TRAP(JET_errOutOfMemory);
    memcpy(wsz, wszNew, cchNew * sizeof(ESENT_WCHAR));
    memcpy(wsz + cchNew, *pwsz + cchOld, (cchRest + 1) * sizeof(ESENT_WCHAR));
    mem_free(*pwsz);
    *pwsz = wsz;
    return JET_errSuccess;
}

static JET_ERR mem_rename(struct os_vfs *vfs, const ESENT_WCHAR *from, const ESENT_WCHAR *to)
{
    struct mem_vfs *m = mem_of(vfs);
    ESENT_WCHAR *keyFrom = NULL, *keyTo = NULL;
    struct mem_node *nodeFrom, *nodeTo;
    JET_ERR err;

    err = normalize(from, &keyFrom);
    if (err >= 0) err = normalize(to, &keyTo);
    if (err < 0) {
        mem_free(keyFrom);
        return err;
    }
    os_mutex_lock(&m->mu);
    nodeFrom = is_root(keyFrom) ? NULL : find(m, keyFrom);
    nodeTo = is_root(keyTo) ? NULL : find(m, keyTo);
    if (is_root(keyFrom) || is_root(keyTo)) FAIL(JET_errFileAccessDenied);
    if (!nodeFrom) CALL(missing(m, keyFrom));
    if (!parent_exists(m, keyTo)) FAIL(JET_errInvalidPath);
    if (nodeFrom->share.cOpen > 0) FAIL(JET_errFileAccessDenied);
    if (nodeTo == nodeFrom) {
        CALL(replace_prefix(&nodeFrom->path, wstr_len(nodeFrom->path), keyTo));   /* case change */
        goto done;
    }
    if (nodeTo && (nodeTo->fDir || nodeFrom->fDir || nodeTo->share.cOpen > 0)) FAIL(JET_errFileAccessDenied);
    if (nodeFrom->fDir && is_under(keyTo, keyFrom, wstr_len(keyFrom))) FAIL(JET_errInvalidParameter);
    if (nodeFrom->fDir) {
        size_t cchFrom = wstr_len(nodeFrom->path);
        for (struct mem_node *n = m->nodes; n; n = n->next)
            if (n != nodeFrom && is_under(n->path, nodeFrom->path, cchFrom) && n->share.cOpen > 0)
                FAIL(JET_errFileAccessDenied);
        for (struct mem_node *n = m->nodes; n; n = n->next)
            if (n != nodeFrom && is_under(n->path, nodeFrom->path, cchFrom))
                CALL(replace_prefix(&n->path, cchFrom, keyTo));
    }
    if (nodeTo) unlink_node(m, nodeTo);
    mem_free(nodeFrom->path);
    nodeFrom->path = keyTo;
    keyTo = NULL;
done:
    err = JET_errSuccess;
out:
    os_mutex_unlock(&m->mu);
    mem_free(keyFrom);
    mem_free(keyTo);
    return err;
}

static JET_ERR mem_list(struct os_vfs *vfs, const ESENT_WCHAR *dir, const ESENT_WCHAR *pattern,
                        JET_ERR (*fn)(void *ctx, const ESENT_WCHAR *name), void *ctx)
{
    struct mem_vfs *m = mem_of(vfs);
    struct os_names names = { 0 };
    ESENT_WCHAR *key;
    JET_ERR err;

    CALL_R(normalize(dir, &key));
    os_mutex_lock(&m->mu);
    struct mem_node *node = is_root(key) ? NULL : find(m, key);
    if (!is_root(key) && (!node || !node->fDir)) {
        os_mutex_unlock(&m->mu);
        FAIL(JET_errInvalidPath);
    }
    size_t cchDir = is_root(key) ? 0 : wstr_len(key);
    err = JET_errSuccess;
    for (struct mem_node *n = m->nodes; n && err >= 0; n = n->next) {
        const ESENT_WCHAR *name = n->path + parent_len(n->path) + 1;
        if (same_parent(n->path, key, cchDir) && os_name_matches(name, pattern))
            err = os_names_take(&names, wstr_dup(name));
    }
    os_mutex_unlock(&m->mu);
    if (err >= 0) err = os_names_report(&names, fn, ctx);
out:
    os_names_free(&names);
    mem_free(key);
    return err;
}

static JET_ERR mem_full_path(struct os_vfs *vfs, const ESENT_WCHAR *path, ESENT_WCHAR **pwszFull)
{
    return normalize(path, pwszFull);
}

static JET_ERR mem_free_space(struct os_vfs *vfs, const ESENT_WCHAR *path, uint64_t *pcb)
{
    *pcb = MEM_FREE_SPACE;
    return JET_errSuccess;
}

static const struct os_vfs_ops mem_vfs_ops = {
    mem_open, mem_remove, mem_exists, mem_mkdir, mem_rename, mem_list, mem_full_path, mem_free_space,
};

struct os_vfs *os_mem_create(void)
{
    struct mem_vfs *m = mem_calloc(1, sizeof *m);
    if (!m) return NULL;
    m->base.ops = &mem_vfs_ops;
    os_mutex_init(&m->mu);
    return &m->base;
}

void os_mem_destroy(struct os_vfs *vfs)
{
    struct mem_vfs *m = mem_of(vfs);
    if (!m) return;
    while (m->nodes) unlink_node(m, m->nodes);
    os_mutex_destroy(&m->mu);
    mem_free(m);
}

/* ---- conveniences for any vfs ------------------------------------------------------------- */

JET_ERR os_test_write_file(struct os_vfs *vfs, const ESENT_WCHAR *path, const void *pv, size_t cb)
{
    struct os_file *f = NULL;
    JET_ERR err;
    CALL(os_file_open(vfs, path, OS_OPEN_CREATE | OS_OPEN_TRUNCATE, &f));
    if (cb) CALL(os_file_write(f, 0, pv, cb));
    CALL(os_file_sync(f));
out:
    os_file_close(f);
    return err;
}

JET_ERR os_test_read_file(struct os_vfs *vfs, const ESENT_WCHAR *path, void **ppv, size_t *pcb)
{
    struct os_file *f = NULL;
    uint64_t cb = 0;
    void *pv = NULL;
    JET_ERR err;
    *ppv = NULL;
    *pcb = 0;
    CALL(os_file_open(vfs, path, OS_OPEN_READONLY | OS_OPEN_SHARE_READ, &f));
    CALL(os_file_size(f, &cb));
    if (cb > SIZE_MAX) FAIL(JET_errOutOfMemory);
    pv = mem_alloc((size_t)cb);
    if (!pv) FAIL(JET_errOutOfMemory);
    if (cb) CALL(os_file_read(f, 0, pv, (size_t)cb));
    *ppv = pv;
    *pcb = (size_t)cb;
    pv = NULL;
out:
    mem_free(pv);
    os_file_close(f);
    return err;
}
