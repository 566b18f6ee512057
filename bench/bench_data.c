/* SPDX-License-Identifier: MIT
 * bench/bench_data.c: runs the workloads of bench.h on every engine built in, and prints one
 * Markdown table of operations per second with the ratios to SQLite and LMDB.
 *
 *   bench_data [--rows N] [--dir DIR] [--engine NAME]... [--settle-ms MS] [--read-passes K]
 *
 * --read-passes runs the three read workloads K times over (each rate the best pass), so that a
 * profile of a run is mostly reads.
 * --settle-ms pauses MS milliseconds between the random inserts and the reads (untimed), so the
 * engines' background work (ESE's version cleanup runs every 100 ms) is done before the reads,
 * as it is in a run of a million rows: instruction profiles of small runs need it.
 *
 * DIR (default: a folder under the system's temporary directory) must be on the disk to measure;
 * each engine gets its own subfolder, removed first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define MAX(a, b) ((a) > (b) ? (a) : (b))

uint32_t bench_grp(uint32_t id, uint32_t cGroups)
{
    uint32_t h = id * 2654435761u;
    return (h >> 7) % cGroups;
}

void bench_payload(uint32_t id, uint8_t *payload)
{
    for (uint32_t i = 0; i < BENCH_CB_PAYLOAD; i++)
        payload[i] = (uint8_t)(id * 31u + i * 7u);
}

/* A permutation of 0..n-1 from a fixed seed (xorshift), so every engine gets the same order. */
static uint32_t *permutation(uint32_t n, uint64_t seed)
{
    uint32_t *p = malloc((size_t)n * sizeof *p);
    if (!p) return NULL;
    for (uint32_t i = 0; i < n; i++) p[i] = i;
    for (uint32_t i = n; i > 1; i--) {
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
        uint32_t j = (uint32_t)(seed % i);
        uint32_t t = p[i - 1]; p[i - 1] = p[j]; p[j] = t;
    }
    return p;
}

enum { W_SEQ_INSERT, W_RAND_INSERT, W_POINT_SEEK, W_SCAN, W_RANGE, W_COUNT };
static const char *const g_rgszWorkload[W_COUNT] = {
    "sequential insert", "random insert", "random point seek", "full scan", "secondary range scan",
};

struct check { uint32_t cGroups; uint32_t cBad; uint32_t idLast; bool fOrdered; uint32_t grpWant; };

static void check_row(void *arg, uint32_t id, uint32_t grp, const uint8_t *payload)
{
    struct check *c = arg;
    uint8_t want[BENCH_CB_PAYLOAD];
    bench_payload(id, want);
    if (grp != bench_grp(id, c->cGroups) || !bench_same(want, payload, sizeof want)) c->cBad++;
    if (c->fOrdered && c->idLast != UINT32_MAX && id <= c->idLast) c->cBad++;
    if (!c->fOrdered && grp != c->grpWant) c->cBad++;
    c->idLast = id;
}

static int insert_all(const struct bench_backend *be, void *ctx, const uint32_t *order, uint32_t n, uint32_t cGroups)
{
    uint8_t payload[BENCH_CB_PAYLOAD];
    for (uint32_t i = 0; i < n; i += BENCH_BATCH) {
        if (be->begin(ctx) < 0) return -1;
        for (uint32_t k = i; k < n && k < i + BENCH_BATCH; k++) {
            uint32_t id = order ? order[k] : k;
            bench_payload(id, payload);
            if (be->insert(ctx, id, bench_grp(id, cGroups), payload) < 0) return -1;
        }
        if (be->commit(ctx) < 0) return -1;
    }
    return 0;
}

/* The three read workloads once over the random-insert table; each rate the best so far. */
static int read_pass(const struct bench_backend *be, void *ctx, uint32_t n, uint32_t cGroups, const uint32_t *probe,
        double *rate)
{
    uint8_t buf[BENCH_CB_PAYLOAD], want[BENCH_CB_PAYLOAD];
    double t0 = bench_now();
    for (uint32_t i = 0; i < n; i++) {
        if (be->seek(ctx, probe[i], buf) < 0) return -1;
        bench_payload(probe[i], want);
        if (!bench_same(buf, want, sizeof want)) {
            fprintf(stderr, "%s: row %u read back wrong\n", be->name, probe[i]);
            return -1;
        }
    }
    rate[W_POINT_SEEK] = MAX(rate[W_POINT_SEEK], n / (bench_now() - t0));

    struct check c = { cGroups, 0, UINT32_MAX, true, 0 };
    uint32_t cRows = 0;
    t0 = bench_now();
    if (be->scan(ctx, check_row, &c, &cRows) < 0) return -1;
    rate[W_SCAN] = MAX(rate[W_SCAN], cRows / (bench_now() - t0));
    if (cRows != n || c.cBad) {
        fprintf(stderr, "%s: scan saw %u rows, %u wrong\n", be->name, cRows, c.cBad);
        return -1;
    }

    uint32_t cTotal = 0, cRanges = BENCH_RANGES < cGroups ? BENCH_RANGES : cGroups;
    t0 = bench_now();
    for (uint32_t g = 0; g < cRanges; g++) {
        struct check cr = { cGroups, 0, UINT32_MAX, false, g };
        uint32_t cr_rows = 0;
        if (be->range(ctx, g, check_row, &cr, &cr_rows) < 0) return -1;
        if (cr.cBad) {
            fprintf(stderr, "%s: range %u returned %u wrong rows\n", be->name, g, cr.cBad);
            return -1;
        }
        cTotal += cr_rows;
    }
    rate[W_RANGE] = MAX(rate[W_RANGE], cTotal / (bench_now() - t0));
    return 0;
}

/* Runs every workload on one engine; rate[w] = operations (rows) per second, 0 when not run. */
static int run_engine(const struct bench_backend *be, const char *dirBase, uint32_t n, unsigned msSettle,
        unsigned cReadPasses, double *rate)
{
    char dir[1200], why[256] = "";
    void *ctx = NULL;
    const uint32_t cGroups = n / 1000 ? n / 1000 : 1;
    snprintf(dir, sizeof dir, "%.1000s/%s", dirBase, be->name);

    /* seq_insert */
    int r = be->open(&ctx, dir, "seq", why, sizeof why);
    if (r != 0) {
        fprintf(stderr, "%s: %s\n", be->name, why[0] ? why : "cannot open");
        return r;
    }
    double t0 = bench_now();
    if (insert_all(be, ctx, NULL, n, cGroups) < 0) return -1;
    rate[W_SEQ_INSERT] = n / (bench_now() - t0);
    be->close(ctx);

    /* rand_insert, then the reads on that table */
    uint32_t *order = permutation(n, 0x9E3779B97F4A7C15ull), *probe = permutation(n, 12345);
    if (!order || !probe) return -1;
    if (be->open(&ctx, dir, "rand", why, sizeof why) != 0) {
        fprintf(stderr, "%s: %s\n", be->name, why);
        return -1;
    }
    t0 = bench_now();
    if (insert_all(be, ctx, order, n, cGroups) < 0) return -1;
    rate[W_RAND_INSERT] = n / (bench_now() - t0);
    if (msSettle)
        bench_sleep_ms(msSettle);

    for (unsigned pass = 0; pass < cReadPasses; pass++)
        if (read_pass(be, ctx, n, cGroups, probe, rate) < 0) return -1;
    be->close(ctx);
    free(order);
    free(probe);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct bench_backend *const rgbe[] = {
        &bench_ese,
#ifdef BENCH_HAVE_SQLITE
        &bench_sqlite,
#endif
#ifdef BENCH_HAVE_LMDB
        &bench_lmdb,
#endif
    };
    enum { CBE = sizeof rgbe / sizeof rgbe[0] };
    uint32_t n = 1000000;
    const char *dir = NULL;
    unsigned msSettle = 0, cReadPasses = 1;
    const char *rgszOnly[8];
    int cOnly = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--rows") && i + 1 < argc) n = (uint32_t)strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--dir") && i + 1 < argc) dir = argv[++i];
        else if (!strcmp(argv[i], "--engine") && i + 1 < argc && cOnly < 8) rgszOnly[cOnly++] = argv[++i];
        else if (!strcmp(argv[i], "--settle-ms") && i + 1 < argc) msSettle = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--read-passes") && i + 1 < argc) {
            cReadPasses = (unsigned)strtoul(argv[++i], NULL, 10);
            if (cReadPasses == 0) cReadPasses = 1;
        }
        else {
            fprintf(stderr, "usage: bench_data [--rows N] [--dir DIR] [--engine ese|sqlite|lmdb]... [--settle-ms MS] [--read-passes K]\n");
            return 2;
        }
    }
    if (!dir) {
        const char *tmp = getenv("TMPDIR");
        if (!tmp) tmp = getenv("TEMP");
        static char buf[1024];
        snprintf(buf, sizeof buf, "%s/esent-bench", tmp ? tmp : "/tmp");
        dir = buf;
    }

    double rate[CBE][W_COUNT];
    int rc[CBE];
    memset(rate, 0, sizeof rate);
    for (int b = 0; b < CBE; b++) {
        bool fRun = cOnly == 0;
        for (int k = 0; k < cOnly; k++) fRun |= !strcmp(rgszOnly[k], rgbe[b]->name);
        rc[b] = fRun ? run_engine(rgbe[b], dir, n, msSettle, cReadPasses, rate[b]) : 1;
        if (rc[b] < 0) {
            fprintf(stderr, "%s: FAILED\n", rgbe[b]->name);
            return 1;
        }
    }

    printf("%u rows of ~100 bytes, inserts in durable transactions of %u rows; rows per second\n\n", n, BENCH_BATCH);
    printf("| workload |");
    for (int b = 0; b < CBE; b++) printf(" %s |", rgbe[b]->name);
    for (int b = 1; b < CBE; b++) printf(" ese / %s |", rgbe[b]->name);
    printf("\n|---|");
    for (int b = 0; b < 2 * CBE - 1; b++) printf("---:|");
    printf("\n");
    for (int w = 0; w < W_COUNT; w++) {
        printf("| %s |", g_rgszWorkload[w]);
        for (int b = 0; b < CBE; b++) {
            if (rc[b] == 0) printf(" %.0f |", rate[b][w]);
            else printf(" n/a |");
        }
        for (int b = 1; b < CBE; b++) {
            if (rc[0] == 0 && rc[b] == 0 && rate[b][w] > 0) printf(" %.2f |", rate[0][w] / rate[b][w]);
            else printf(" n/a |");
        }
        printf("\n");
    }
    return 0;
}
