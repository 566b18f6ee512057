/* SPDX-License-Identifier: MIT
 * bench/bench.h: the data workloads of issue 4, run the same way on three engines.
 *
 * One table of N rows, a 3-column record of about 100 bytes: id (32-bit, the primary key), grp
 * (32-bit, a secondary index: id's hash modulo N/1000, so about 1000 rows per value) and payload
 * (92 bytes). Inserts go in transactions of BENCH_BATCH rows, each committed durably (ESE's
 * default commit, SQLite WAL with synchronous=FULL, LMDB's synced commit): the engines promise
 * the same thing when a commit returns. Workloads, in this order:
 *   seq_insert    N rows, ids ascending, into an empty table
 *   rand_insert   N rows, ids in a random order, into another empty table
 *   point_seek    N lookups of random ids (in the rand_insert table), reading payload
 *   scan          every row in primary-key order, reading all three columns
 *   range_scan    1000 secondary-index ranges (grp = g), each row's payload read through it
 * Every read is checked against what was written (a wrong answer stops the run). */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BENCH_BATCH 1000u
#define BENCH_CB_PAYLOAD 92u
#define BENCH_RANGES 1000u

/* One engine. Each function returns 0 on success, or prints why and returns -1. A backend that
 * cannot run here (an export not implemented yet) returns 1 from open, with a reason. */
struct bench_backend {
    const char *name;
    int (*open)(void **pctx, const char *dir, const char *table, char *why, size_t cbWhy);
    int (*begin)(void *ctx);
    int (*insert)(void *ctx, uint32_t id, uint32_t grp, const uint8_t *payload);
    int (*commit)(void *ctx);
    /* The payload of row id into buf (BENCH_CB_PAYLOAD bytes). */
    int (*seek)(void *ctx, uint32_t id, uint8_t *buf);
    /* Every row in id order: fn(id, grp, payload) for each; *pc = rows seen. */
    int (*scan)(void *ctx, void (*fn)(void *arg, uint32_t id, uint32_t grp, const uint8_t *payload), void *arg, uint32_t *pc);
    /* Every row with this grp through the secondary index, its payload read: fn as for scan. */
    int (*range)(void *ctx, uint32_t grp, void (*fn)(void *arg, uint32_t id, uint32_t grp, const uint8_t *payload), void *arg, uint32_t *pc);
    void (*close)(void *ctx);
};

extern const struct bench_backend bench_ese;
#ifdef BENCH_HAVE_SQLITE
extern const struct bench_backend bench_sqlite;
#endif
#ifdef BENCH_HAVE_LMDB
extern const struct bench_backend bench_lmdb;
#endif

/* Wall-clock seconds (monotonic; bench_time_*.c). */
double bench_now(void);
/* Pause the calling thread. */
void bench_sleep_ms(unsigned ms);
/* memcmp(a, b, cb) == 0, for the checks of every value read: the C library's on Linux; on
 * Windows a word-at-a-time loop, as msvcrt's memcmp under Wine compares a byte at a time and the
 * Wine-against-Linux comparison would measure the checks. */
bool bench_same(const void *a, const void *b, size_t cb);

/* What a row holds: grp and payload are functions of id (so reads can be checked). */
uint32_t bench_grp(uint32_t id, uint32_t cGroups);
void bench_payload(uint32_t id, uint8_t *payload);

#endif /* BENCH_H */
