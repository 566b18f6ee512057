/* SPDX-License-Identifier: MIT
 * bench/backend_sqlite.c: the workloads on SQLite (Debian libsqlite3-dev): WAL journal,
 * synchronous=FULL (a commit is on disk when it returns, as ESE's default commit), prepared
 * statements, the secondary index on grp. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "bench.h"
#include "bench_fs.h"

struct sq {
    sqlite3 *db;
    sqlite3_stmt *ins, *sel, *scan, *range, *begin, *commit;
};

static int fail(struct sq *s, const char *what)
{
    fprintf(stderr, "sqlite: %s: %s\n", what, s->db ? sqlite3_errmsg(s->db) : "no database");
    return -1;
}

static int sq_open(void **pctx, const char *dir, const char *table, char *why, size_t cbWhy)
{
    char path[1100];
    struct sq *s = calloc(1, sizeof *s);
    if (!s) return -1;
    if (bench_fresh_dir(dir, table, path, sizeof path, "db") < 0) {
        snprintf(why, cbWhy, "cannot prepare %s", dir);
        free(s);
        return -1;
    }
    if (sqlite3_open(path, &s->db) != SQLITE_OK) return fail(s, "open");
    const char *setup =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-262144;"
        "CREATE TABLE bench(id INTEGER PRIMARY KEY, grp INTEGER NOT NULL, payload BLOB NOT NULL);"
        "CREATE INDEX bench_grp ON bench(grp);";
    if (sqlite3_exec(s->db, setup, NULL, NULL, NULL) != SQLITE_OK) return fail(s, "setup");
    if (sqlite3_prepare_v2(s->db, "INSERT INTO bench VALUES(?,?,?)", -1, &s->ins, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT payload FROM bench WHERE id=?", -1, &s->sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT id, grp, payload FROM bench ORDER BY id", -1, &s->scan, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT id, grp, payload FROM bench WHERE grp=?", -1, &s->range, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "BEGIN", -1, &s->begin, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "COMMIT", -1, &s->commit, NULL) != SQLITE_OK)
        return fail(s, "prepare");
    *pctx = s;
    return 0;
}

static int step_done(struct sq *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : fail(s, what);
}

static int sq_begin(void *ctx) { struct sq *s = ctx; return step_done(s, s->begin, "begin"); }
static int sq_commit(void *ctx) { struct sq *s = ctx; return step_done(s, s->commit, "commit"); }

static int sq_insert(void *ctx, uint32_t id, uint32_t grp, const uint8_t *payload)
{
    struct sq *s = ctx;
    sqlite3_bind_int64(s->ins, 1, id);
    sqlite3_bind_int64(s->ins, 2, grp);
    sqlite3_bind_blob(s->ins, 3, payload, BENCH_CB_PAYLOAD, SQLITE_STATIC);
    return step_done(s, s->ins, "insert");
}

static int sq_seek(void *ctx, uint32_t id, uint8_t *buf)
{
    struct sq *s = ctx;
    sqlite3_bind_int64(s->sel, 1, id);
    if (sqlite3_step(s->sel) != SQLITE_ROW || sqlite3_column_bytes(s->sel, 0) != BENCH_CB_PAYLOAD) {
        sqlite3_reset(s->sel);
        return fail(s, "seek");
    }
    memcpy(buf, sqlite3_column_blob(s->sel, 0), BENCH_CB_PAYLOAD);
    sqlite3_reset(s->sel);
    return 0;
}

static int rows(struct sq *s, sqlite3_stmt *st, void (*fn)(void *, uint32_t, uint32_t, const uint8_t *), void *arg, uint32_t *pc)
{
    int rc;
    uint32_t c = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_bytes(st, 2) != BENCH_CB_PAYLOAD) break;
        fn(arg, (uint32_t)sqlite3_column_int64(st, 0), (uint32_t)sqlite3_column_int64(st, 1), sqlite3_column_blob(st, 2));
        c++;
    }
    sqlite3_reset(st);
    *pc = c;
    return rc == SQLITE_DONE ? 0 : fail(s, "read rows");
}

static int sq_scan(void *ctx, void (*fn)(void *, uint32_t, uint32_t, const uint8_t *), void *arg, uint32_t *pc)
{
    struct sq *s = ctx;
    return rows(s, s->scan, fn, arg, pc);
}

static int sq_range(void *ctx, uint32_t grp, void (*fn)(void *, uint32_t, uint32_t, const uint8_t *), void *arg, uint32_t *pc)
{
    struct sq *s = ctx;
    sqlite3_bind_int64(s->range, 1, grp);
    return rows(s, s->range, fn, arg, pc);
}

static void sq_close(void *ctx)
{
    struct sq *s = ctx;
    sqlite3_finalize(s->ins);
    sqlite3_finalize(s->sel);
    sqlite3_finalize(s->scan);
    sqlite3_finalize(s->range);
    sqlite3_finalize(s->begin);
    sqlite3_finalize(s->commit);
    sqlite3_close(s->db);
    free(s);
}

const struct bench_backend bench_sqlite = {
    "sqlite", sq_open, sq_begin, sq_insert, sq_commit, sq_seek, sq_scan, sq_range, sq_close,
};
