/* SPDX-License-Identifier: MIT
 * bench/backend_lmdb.c: the workloads on LMDB (Debian liblmdb-dev): one environment file per
 * table, a main database id -> (grp, payload) and a DUPSORT database grp -> id as the secondary
 * index; every commit synced (LMDB's default). Keys are big-endian so that byte order is id order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lmdb.h>

#include "bench.h"
#include "bench_fs.h"

struct lm {
    MDB_env *env;
    MDB_dbi main, byGrp;
    MDB_txn *txn;       /* the write transaction of a batch */
    MDB_txn *rtxn;      /* a read transaction kept for reads (reset and renewed around writes) */
};

static int fail(const char *what, int rc)
{
    fprintf(stderr, "lmdb: %s: %s\n", what, mdb_strerror(rc));
    return -1;
}

static void be32(uint32_t v, uint8_t *b) { b[0] = (uint8_t)(v >> 24); b[1] = (uint8_t)(v >> 16); b[2] = (uint8_t)(v >> 8); b[3] = (uint8_t)v; }
static uint32_t get_be32(const uint8_t *b) { return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]; }

static int lm_open(void **pctx, const char *dir, const char *table, char *why, size_t cbWhy)
{
    char path[1100];
    int rc;
    struct lm *l = calloc(1, sizeof *l);
    if (!l) return -1;
    if (bench_fresh_dir(dir, table, path, sizeof path, "mdb") < 0) {
        snprintf(why, cbWhy, "cannot prepare %s", dir);
        free(l);
        return -1;
    }
    if ((rc = mdb_env_create(&l->env)) || (rc = mdb_env_set_mapsize(l->env, (size_t)16 << 30)) ||
        (rc = mdb_env_set_maxdbs(l->env, 2)) || (rc = mdb_env_open(l->env, path, MDB_NOSUBDIR, 0644)))
        return fail("open", rc);
    MDB_txn *t;
    if ((rc = mdb_txn_begin(l->env, NULL, 0, &t)) || (rc = mdb_dbi_open(t, "main", MDB_CREATE, &l->main)) ||
        (rc = mdb_dbi_open(t, "grp", MDB_CREATE | MDB_DUPSORT, &l->byGrp)) || (rc = mdb_txn_commit(t)))
        return fail("databases", rc);
    *pctx = l;
    return 0;
}

static int lm_begin(void *ctx)
{
    struct lm *l = ctx;
    int rc = mdb_txn_begin(l->env, NULL, 0, &l->txn);
    return rc ? fail("begin", rc) : 0;
}

static int lm_commit(void *ctx)
{
    struct lm *l = ctx;
    int rc = mdb_txn_commit(l->txn);
    l->txn = NULL;
    return rc ? fail("commit", rc) : 0;
}

static int lm_insert(void *ctx, uint32_t id, uint32_t grp, const uint8_t *payload)
{
    struct lm *l = ctx;
    uint8_t k[4], g[4], v[4 + BENCH_CB_PAYLOAD];
    be32(id, k);
    be32(grp, g);
    memcpy(v, g, 4);
    memcpy(v + 4, payload, BENCH_CB_PAYLOAD);
    MDB_val key = { 4, k }, val = { sizeof v, v }, gkey = { 4, g }, gval = { 4, k };
    int rc = mdb_put(l->txn, l->main, &key, &val, MDB_NOOVERWRITE);
    if (!rc) rc = mdb_put(l->txn, l->byGrp, &gkey, &gval, 0);
    return rc ? fail("insert", rc) : 0;
}

static int read_txn(struct lm *l)
{
    int rc = l->rtxn ? mdb_txn_renew(l->rtxn) : mdb_txn_begin(l->env, NULL, MDB_RDONLY, &l->rtxn);
    return rc ? fail("read transaction", rc) : 0;
}

static int lm_seek(void *ctx, uint32_t id, uint8_t *buf)
{
    struct lm *l = ctx;
    uint8_t k[4];
    be32(id, k);
    MDB_val key = { 4, k }, val;
    if (!l->rtxn && read_txn(l) < 0) return -1;
    int rc = mdb_get(l->rtxn, l->main, &key, &val);
    if (rc || val.mv_size != 4 + BENCH_CB_PAYLOAD) return fail("seek", rc ? rc : MDB_CORRUPTED);
    memcpy(buf, (uint8_t *)val.mv_data + 4, BENCH_CB_PAYLOAD);
    return 0;
}

static int lm_scan(void *ctx, void (*fn)(void *, uint32_t, uint32_t, const uint8_t *), void *arg, uint32_t *pc)
{
    struct lm *l = ctx;
    MDB_cursor *c;
    MDB_val key, val;
    uint32_t n = 0;
    if (!l->rtxn && read_txn(l) < 0) return -1;
    int rc = mdb_cursor_open(l->rtxn, l->main, &c);
    if (rc) return fail("cursor", rc);
    for (rc = mdb_cursor_get(c, &key, &val, MDB_FIRST); !rc; rc = mdb_cursor_get(c, &key, &val, MDB_NEXT)) {
        const uint8_t *v = val.mv_data;
        fn(arg, get_be32(key.mv_data), get_be32(v), v + 4);
        n++;
    }
    mdb_cursor_close(c);
    *pc = n;
    return rc == MDB_NOTFOUND ? 0 : fail("scan", rc);
}

static int lm_range(void *ctx, uint32_t grp, void (*fn)(void *, uint32_t, uint32_t, const uint8_t *), void *arg, uint32_t *pc)
{
    struct lm *l = ctx;
    MDB_cursor *c;
    uint8_t g[4];
    be32(grp, g);
    MDB_val key = { 4, g }, val, rkey, rval;
    uint32_t n = 0;
    if (!l->rtxn && read_txn(l) < 0) return -1;
    int rc = mdb_cursor_open(l->rtxn, l->byGrp, &c);
    if (rc) return fail("cursor", rc);
    for (rc = mdb_cursor_get(c, &key, &val, MDB_SET_KEY); !rc; rc = mdb_cursor_get(c, &key, &val, MDB_NEXT_DUP)) {
        rkey = val;
        if ((rc = mdb_get(l->rtxn, l->main, &rkey, &rval))) break;
        const uint8_t *v = rval.mv_data;
        fn(arg, get_be32(rkey.mv_data), get_be32(v), v + 4);
        n++;
    }
    mdb_cursor_close(c);
    *pc = n;
    return rc == MDB_NOTFOUND ? 0 : fail("range", rc);
}

static void lm_close(void *ctx)
{
    struct lm *l = ctx;
    if (l->rtxn) mdb_txn_abort(l->rtxn);
    mdb_env_close(l->env);
    free(l);
}

const struct bench_backend bench_lmdb = {
    "lmdb", lm_open, lm_begin, lm_insert, lm_commit, lm_seek, lm_scan, lm_range, lm_close,
};
