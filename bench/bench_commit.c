/* SPDX-License-Identifier: MIT
 * bench/bench_commit.c: issue 5's commit benchmark, in one run on one disk folder:
 *   disk        the disk's own limit: 4 KiB written at the end of a file, then fdatasync, repeated
 *   ese         durable commits/s with 1, 4 and 16 threads (each thread its own session and its
 *               own record: no write conflicts, only the log's group commit to share), lazy
 *               commits/s (JET_bitCommitLazyFlush) with 1 and 4 threads, and point reads/s of 4
 *               readers through the version store while one durable writer runs
 *   sqlite      durable commits/s with 1, 4 and 16 threads (WAL, synchronous=FULL, one
 *               connection per thread, each updating its own row)
 * Each transaction updates one 8-byte counter. ESE runs through the exported API, as an
 * application does (libesent.so: JetBeginTransaction, JetPrepareUpdate, JetRetrieveColumn,
 * JetSetColumn, JetUpdate, JetCommitTransaction; readers JetSeek and JetRetrieveColumn). Linux
 * only. Never part of the tests.
 *
 * The disk is shared and its speed drifts, so the measurements are interleaved: --rounds rounds
 * (default 3) each measure everything once, and the median of each cell is printed.
 *
 *   bench_commit [--dir D] [--seconds S] [--rounds N] [--engine disk|ese|sqlite]... [--threads 1|4|16]
 * (--threads: only the durable commits with that many threads, for profiling). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef BENCH_HAVE_SQLITE
#include <sqlite3.h>
#endif

#include <stdbool.h>
#include <stdint.h>
#include "esent.h"

#define CALL_R(e) do { err = (e); if (err < 0) return err; } while (0)

/* 4096 counters of 8 bytes; writer i updates counter i * 256, so that writers work on different
 * pages (a few hundred counters fit a page): the benchmark measures commits, not one page's
 * latch. */
#define NACC 4096
#define ACC_STRIDE 256

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double g_seconds = 2.0;
static int g_rounds = 3;
static const char *g_dir = "bench-commit.tmp";
static volatile int g_stop;

/* ---- the disk ----
 * 4 KiB writes, each followed by fdatasync, going through a file written and synced beforehand
 * (as a log file is: preallocated, so a sync flushes data, not the file's size). */

#define DISK_CB_FILE (64u << 20)

static double bench_disk(void)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/disk.tmp", g_dir);
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    if (fd < 0) {
        perror(path);
        return -1;
    }
    static char buf[4096];
    memset(buf, 0x5a, sizeof buf);
    for (uint32_t ib = 0; ib < DISK_CB_FILE; ib += sizeof buf) {
        if (pwrite(fd, buf, sizeof buf, (off_t)ib) != (ssize_t)sizeof buf) {
            perror("disk");
            close(fd);
            return -1;
        }
    }
    if (fsync(fd) != 0) {
        perror("disk");
        close(fd);
        return -1;
    }
    uint64_t n = 0;
    const double t0 = now_s();
    double t;
    do {
        const off_t ib = (off_t)((n * sizeof buf) % DISK_CB_FILE);
        if (pwrite(fd, buf, sizeof buf, ib) != (ssize_t)sizeof buf || fdatasync(fd) != 0) {
            perror("disk");
            close(fd);
            return -1;
        }
        n++;
        t = now_s();
    } while (t - t0 < g_seconds);
    close(fd);
    unlink(path);
    return (double)n / (t - t0);
}

/* ---- ours, through the exported API ---- */

struct ese {
    JET_INSTANCE inst;
    JET_SESID sesid;
    JET_DBID dbid;
    JET_COLUMNID colId, colV;
    char szDb[1200];
};

static int ese_check(JET_ERR err, const char *what)
{
    if (err >= 0) return 0;
    fprintf(stderr, "ese: %s: %ld\n", what, (long)err);
    return -1;
}

#define ECALL(e, what) do { if (ese_check((e), (what)) < 0) return -1; } while (0)

static int ese_open(struct ese *e)
{
    static char szKey[] = "+id\0";
    char sz[1200];
    memset(e, 0, sizeof *e);
    snprintf(sz, sizeof sz, "%s/ese", g_dir);
    mkdir(sz, 0755);
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "rm -f '%s'/*", sz);
    if (system(cmd) != 0) return -1;
    snprintf(sz, sizeof sz, "%s/ese/", g_dir);
    snprintf(e->szDb, sizeof e->szDb, "%s/ese/bench.edb", g_dir);
    JetEnableMultiInstanceA(NULL, 0, NULL);
    ECALL(JetCreateInstanceA(&e->inst, "bench_commit"), "JetCreateInstance");
    ECALL(JetSetSystemParameterA(&e->inst, 0, JET_paramLogFilePath, 0, sz), "log path");
    ECALL(JetSetSystemParameterA(&e->inst, 0, JET_paramSystemPath, 0, sz), "system path");
    ECALL(JetSetSystemParameterA(&e->inst, 0, JET_paramTempPath, 0, sz), "temp path");
    ECALL(JetSetSystemParameterA(&e->inst, 0, JET_paramMaxSessions, 64, NULL), "sessions");
    ECALL(JetSetSystemParameterA(&e->inst, 0, JET_paramCircularLog, 1, NULL), "circular log");
    /* 64 MiB of version store: at tens of thousands of lazy commits a second, a writer thread
     * that loses its CPU for a while mid-transaction holds back cleanup of everything committed
     * meanwhile, and the default 64 pages run out (JET_errVersionStoreOutOfMemory), as in ESE. */
    ECALL(JetSetSystemParameterA(&e->inst, 0, JET_paramMaxVerPages, 2048, NULL), "version pages");
    ECALL(JetInit(&e->inst), "JetInit");
    ECALL(JetBeginSessionA(e->inst, &e->sesid, NULL, NULL), "JetBeginSession");
    ECALL(JetCreateDatabaseA(e->sesid, e->szDb, NULL, &e->dbid, 0), "JetCreateDatabase");
    JET_COLUMNCREATE_A cols[2] = {
        { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"v", JET_coltypLongLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL, NULL, 0, 0, 0, 0 },
    };
    JET_INDEXCREATE_A idx;
    memset(&idx, 0, sizeof idx);
    idx.cbStruct = sizeof idx;
    idx.szIndexName = (char *)"primary";
    idx.szKey = szKey;
    idx.cbKey = sizeof szKey;
    idx.grbit = JET_bitIndexPrimary;
    idx.ulDensity = 100;
    JET_TABLECREATE_A tc = { sizeof tc, (char *)"acc", NULL, 16, 100, cols, 2, &idx, 1, 0, 0, 0 };
    ECALL(JetCreateTableColumnIndexA(e->sesid, e->dbid, &tc), "JetCreateTableColumnIndex");
    e->colId = cols[0].columnid;
    e->colV = cols[1].columnid;
    ECALL(JetBeginTransaction(e->sesid), "begin");
    for (int32_t k = 0; k < NACC; k++) {
        const int64_t v = 0;
        ECALL(JetPrepareUpdate(e->sesid, tc.tableid, JET_prepInsert), "prepare");
        ECALL(JetSetColumn(e->sesid, tc.tableid, e->colId, &k, sizeof k, 0, NULL), "set id");
        ECALL(JetSetColumn(e->sesid, tc.tableid, e->colV, &v, sizeof v, 0, NULL), "set v");
        ECALL(JetUpdate(e->sesid, tc.tableid, NULL, 0, NULL), "insert");
    }
    ECALL(JetCommitTransaction(e->sesid, 0), "commit");
    ECALL(JetCloseTable(e->sesid, tc.tableid), "close table");
    return 0;
}

static void ese_close(struct ese *e)
{
    JET_ERR err = JetCloseDatabase(e->sesid, e->dbid, 0);
    if (err >= 0) err = JetEndSession(e->sesid, 0);
    if (err >= 0) err = JetTerm2(e->inst, JET_bitTermComplete);
    if (err < 0) fprintf(stderr, "ese: term: %ld\n", (long)err);
}

struct ese_worker {
    struct ese *e;
    int32_t k;
    JET_GRBIT grbit;
    bool fReader;
    uint64_t n;
    JET_ERR err;
};

static JET_ERR seek(JET_SESID sesid, JET_TABLEID t, int32_t k)
{
    JET_ERR err;
    CALL_R(JetMakeKey(sesid, t, &k, sizeof k, JET_bitNewKey));
    return JetSeek(sesid, t, JET_bitSeekEQ);
}

/* One transaction: the writer's counter read and written back plus one (JetPrepareUpdate,
 * JetRetrieveColumn from the copy, JetSetColumn, JetUpdate), then JetCommitTransaction. */
static JET_ERR ese_one_commit(struct ese_worker *w, JET_SESID sesid, JET_TABLEID t)
{
    JET_ERR err;
    int64_t v = 0;
    ESENT_ULONG cb;
    CALL_R(JetBeginTransaction(sesid));
    err = seek(sesid, t, w->k);
    if (err >= 0) err = JetPrepareUpdate(sesid, t, JET_prepReplace);
    if (err >= 0) err = JetRetrieveColumn(sesid, t, w->e->colV, &v, sizeof v, &cb, JET_bitRetrieveCopy, NULL);
    if (err >= 0) {
        v++;
        err = JetSetColumn(sesid, t, w->e->colV, &v, sizeof v, 0, NULL);
    }
    if (err >= 0) err = JetUpdate(sesid, t, NULL, 0, NULL);
    if (err < 0) {
        JET_ERR errT = JetRollback(sesid, JET_bitRollbackAll);
        (void)errT;
        return err;
    }
    return JetCommitTransaction(sesid, w->grbit);
}

/* A point read: seek and retrieve, through the version store when the record has versions. */
static JET_ERR ese_one_read(struct ese_worker *w, JET_SESID sesid, JET_TABLEID t, int32_t k)
{
    JET_ERR err;
    int64_t v;
    ESENT_ULONG cb;
    CALL_R(seek(sesid, t, k));
    return JetRetrieveColumn(sesid, t, w->e->colV, &v, sizeof v, &cb, 0, NULL);
}

static void *ese_thread(void *pv)
{
    struct ese_worker *w = pv;
    JET_SESID sesid = JET_sesidNil;
    JET_DBID dbid;
    JET_TABLEID t = JET_tableidNil;
    if ((w->err = JetBeginSessionA(w->e->inst, &sesid, NULL, NULL)) < 0) return NULL;
    if ((w->err = JetOpenDatabaseA(sesid, w->e->szDb, NULL, &dbid, 0)) < 0) goto out;
    if ((w->err = JetOpenTableA(sesid, dbid, "acc", NULL, 0, 0, &t)) < 0) goto out;
    uint32_t k = (uint32_t)w->k;
    while (!__atomic_load_n(&g_stop, __ATOMIC_ACQUIRE)) {
        if (w->fReader) {
            /* Short read transactions of 16 point reads. */
            if ((w->err = JetBeginTransaction(sesid)) < 0) break;
            for (int i = 0; i < 16 && w->err >= 0; i++) {
                k = (k * 1103515245u + 12345u) % NACC;
                w->err = ese_one_read(w, sesid, t, (int32_t)k);
                w->n++;
            }
            JET_ERR err = JetCommitTransaction(sesid, JET_bitCommitLazyFlush);
            if (w->err >= 0) w->err = err;
        } else {
            w->err = ese_one_commit(w, sesid, t);
            w->n++;
        }
        if (w->err < 0) break;
    }
out:
    if (t != JET_tableidNil) (void)JetCloseTable(sesid, t);
    (void)JetEndSession(sesid, 0);
    return NULL;
}

/* Commits per second with cthread writers (grbit: 0 durable, JET_bitCommitLazyFlush), and with
 * creader readers beside them: *preads gets the readers' reads per second. */
static double ese_run(struct ese *e, int cthread, JET_GRBIT grbit, int creader, double *preads)
{
    struct ese_worker w[32];
    pthread_t th[32];
    const int ctotal = cthread + creader;
    memset(w, 0, sizeof w);
    g_stop = 0;
    for (int i = 0; i < ctotal; i++) {
        w[i].e = e;
        w[i].k = (int32_t)((i * ACC_STRIDE) % NACC);
        w[i].grbit = grbit;
        w[i].fReader = i >= cthread;
        pthread_create(&th[i], NULL, ese_thread, &w[i]);
    }
    const double t0 = now_s();
    struct timespec ts = { (time_t)g_seconds, (long)((g_seconds - (double)(time_t)g_seconds) * 1e9) };
    nanosleep(&ts, NULL);
    __atomic_store_n(&g_stop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < ctotal; i++) pthread_join(th[i], NULL);
    const double dt = now_s() - t0;
    uint64_t n = 0, reads = 0;
    for (int i = 0; i < ctotal; i++) {
        if (w[i].err < 0) {
            fprintf(stderr, "ese: worker %d: %ld\n", i, (long)w[i].err);
            return -1;
        }
        if (w[i].fReader) reads += w[i].n;
        else n += w[i].n;
    }
    if (preads) *preads = (double)reads / dt;
    return (double)n / dt;
}

/* ---- SQLite ---- */

#ifdef BENCH_HAVE_SQLITE
struct sq_worker {
    int k;
    uint64_t n;
    int rc;
};

static int sq_open_conn(sqlite3 **pdb)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/sqlite.db", g_dir);
    if (sqlite3_open(path, pdb) != SQLITE_OK) return -1;
    sqlite3_busy_timeout(*pdb, 10000);
    return sqlite3_exec(*pdb, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static void *sq_thread(void *pv)
{
    struct sq_worker *w = pv;
    sqlite3 *db = NULL;
    sqlite3_stmt *up = NULL;
    if (sq_open_conn(&db) < 0 ||
        sqlite3_prepare_v2(db, "UPDATE acc SET v = v + 1 WHERE id = ?", -1, &up, NULL) != SQLITE_OK) {
        w->rc = -1;
        goto out;
    }
    while (!__atomic_load_n(&g_stop, __ATOMIC_ACQUIRE)) {
        /* BEGIN IMMEDIATE: the writer lock up front, so that busy waits replace deadlocks. */
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) { w->rc = -1; break; }
        sqlite3_bind_int(up, 1, w->k);
        if (sqlite3_step(up) != SQLITE_DONE) { w->rc = -1; break; }
        sqlite3_reset(up);
        if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) { w->rc = -1; break; }
        w->n++;
    }
    if (w->rc < 0) fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
out:
    sqlite3_finalize(up);
    sqlite3_close(db);
    return NULL;
}

static double sq_run(int cthread)
{
    struct sq_worker w[32];
    pthread_t th[32];
    memset(w, 0, sizeof w);
    g_stop = 0;
    for (int i = 0; i < cthread; i++) {
        w[i].k = (i * ACC_STRIDE) % NACC;
        pthread_create(&th[i], NULL, sq_thread, &w[i]);
    }
    const double t0 = now_s();
    struct timespec ts = { (time_t)g_seconds, (long)((g_seconds - (double)(time_t)g_seconds) * 1e9) };
    nanosleep(&ts, NULL);
    __atomic_store_n(&g_stop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < cthread; i++) pthread_join(th[i], NULL);
    const double dt = now_s() - t0;
    uint64_t n = 0;
    for (int i = 0; i < cthread; i++) {
        if (w[i].rc < 0) return -1;
        n += w[i].n;
    }
    return (double)n / dt;
}

static int sq_setup(void)
{
    char path[1200];
    for (const char *ext = ""; ext; ext = (*ext == 0 ? "-wal" : (strcmp(ext, "-wal") == 0 ? "-shm" : NULL))) {
        snprintf(path, sizeof path, "%s/sqlite.db%s", g_dir, ext);
        unlink(path);
    }
    sqlite3 *db = NULL;
    if (sq_open_conn(&db) < 0) return -1;
    int rc = sqlite3_exec(db, "CREATE TABLE acc(id INTEGER PRIMARY KEY, v INTEGER NOT NULL); BEGIN;", NULL, NULL, NULL);
    for (int i = 0; i < NACC && rc == SQLITE_OK; i++) {
        char sql[100];
        snprintf(sql, sizeof sql, "INSERT INTO acc VALUES(%d, 0);", i);
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}
#endif

/* ---- driver ---- */

#define MAX_ROUNDS 15

/* The median of n measurements; -1 (n/a) if any failed. */
static double median(const double *pv, int n)
{
    double v[MAX_ROUNDS];
    for (int i = 0; i < n; i++) {
        if (pv[i] < 0) return -1;
        v[i] = pv[i];
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            double t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    }
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static bool want(const char *const *engines, int cengine, const char *name)
{
    if (cengine == 0) return true;
    for (int i = 0; i < cengine; i++)
        if (strcmp(engines[i], name) == 0) return true;
    return false;
}

static void cell(double v)
{
    if (v < 0) printf(" n/a |");
    else printf(" %.0f |", v);
}

int main(int argc, char **argv)
{
    const char *engines[8];
    int cengine = 0;
    int cthreadOnly = 0;        /* --threads: durable commits with that many threads only (profiling) */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) g_dir = argv[++i];
        else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) g_seconds = atof(argv[++i]);
        else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) g_rounds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--engine") == 0 && i + 1 < argc && cengine < 8) engines[cengine++] = argv[++i];
        else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) cthreadOnly = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: %s [--dir D] [--seconds S] [--rounds N] [--engine disk|ese|sqlite]... [--threads 1|4|16]\n",
                    argv[0]);
            return 2;
        }
    }
    if (g_seconds <= 0) g_seconds = 2.0;
    if (g_rounds < 1 || g_rounds > MAX_ROUNDS) g_rounds = 3;
    mkdir(g_dir, 0755);
    static const int threads[] = { 1, 4, 16 };
    /* Every cell, per round. */
    enum { C_DISK, C_ESE1, C_ESE4, C_ESE16, C_SQ1, C_SQ4, C_SQ16, C_LAZY1, C_LAZY4, C_READ, C_READW, C_WRITER, C_MAX };
    double r[C_MAX][MAX_ROUNDS];
    for (int c = 0; c < C_MAX; c++)
        for (int k = 0; k < MAX_ROUNDS; k++) r[c][k] = -1;
    struct ese e;
    bool fEse = want(engines, cengine, "ese") && ese_open(&e) == 0;
#ifdef BENCH_HAVE_SQLITE
    bool fSq = want(engines, cengine, "sqlite") && sq_setup() == 0;
#endif
    for (int k = 0; k < g_rounds; k++) {
        fprintf(stderr, "round %d of %d\n", k + 1, g_rounds);
        if (want(engines, cengine, "disk")) r[C_DISK][k] = bench_disk();
        if (fEse) {
            for (int i = 0; i < 3; i++)
                if (!cthreadOnly || cthreadOnly == threads[i]) r[C_ESE1 + i][k] = ese_run(&e, threads[i], 0, 0, NULL);
        }
        if (fEse && !cthreadOnly) {
            r[C_LAZY1][k] = ese_run(&e, 1, JET_bitCommitLazyFlush, 0, NULL);
            r[C_LAZY4][k] = ese_run(&e, 4, JET_bitCommitLazyFlush, 0, NULL);
            (void)ese_run(&e, 0, 0, 4, &r[C_READ][k]);
            r[C_WRITER][k] = ese_run(&e, 1, 0, 4, &r[C_READW][k]);
        }
#ifdef BENCH_HAVE_SQLITE
        if (fSq)
            for (int i = 0; i < 3; i++)
                if (!cthreadOnly || cthreadOnly == threads[i]) r[C_SQ1 + i][k] = sq_run(threads[i]);
#endif
    }
    if (fEse) ese_close(&e);
    double disk = median(r[C_DISK], g_rounds), ese[3], sq[3], lazy[2];
    for (int i = 0; i < 3; i++) {
        ese[i] = median(r[C_ESE1 + i], g_rounds);
        sq[i] = median(r[C_SQ1 + i], g_rounds);
    }
    lazy[0] = median(r[C_LAZY1], g_rounds);
    lazy[1] = median(r[C_LAZY4], g_rounds);
    double readsAlone = median(r[C_READ], g_rounds), readsWithWriter = median(r[C_READW], g_rounds);
    double writerWithReaders = median(r[C_WRITER], g_rounds);

    printf("\n%.1f s per measurement, median of %d interleaved rounds, folder %s\n\n", g_seconds, g_rounds, g_dir);
    printf("| durable commits/s | 1 thread | 4 threads | 16 threads |\n|---|---|---|---|\n");
    printf("| ESE (exported API) |");
    for (int i = 0; i < 3; i++) cell(ese[i]);
    printf("\n| SQLite WAL, synchronous=FULL |");
    for (int i = 0; i < 3; i++) cell(sq[i]);
    printf("\n| disk: 4 KiB write + fdatasync |");
    cell(disk);
    printf(" | |\n| ESE / SQLite |");
    for (int i = 0; i < 3; i++) {
        if (ese[i] > 0 && sq[i] > 0) printf(" %.2f |", ese[i] / sq[i]);
        else printf(" n/a |");
    }
    printf("\n| ESE / disk limit |");
    for (int i = 0; i < 3; i++) {
        if (ese[i] > 0 && disk > 0) printf(" %.2f |", ese[i] / disk);
        else printf(" n/a |");
    }
    printf("\n\n| lazy commits/s (JET_bitCommitLazyFlush) | 1 thread | 4 threads |\n|---|---|---|\n| ESE |");
    cell(lazy[0]);
    cell(lazy[1]);
    printf("\n\n| readers (4 threads, point reads/s) | alone | beside 1 durable writer |\n|---|---|---|\n| ESE |");
    cell(readsAlone);
    cell(readsWithWriter);
    printf("\n| the writer's durable commits/s meanwhile | |");
    cell(writerWithReaders);
    printf("\n");
    return 0;
}
