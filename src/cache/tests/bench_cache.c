/* SPDX-License-Identifier: MIT
 * cache/tests/bench_cache.c: numbers, not a test. How long cache_get + cache_put of a resident
 * page takes (one thread, and several on different pages or on one hot page), a miss served from
 * os_mem, and an mtr commit of a small change (the real log over os_mem). Build without sanitizers for meaningful numbers:
 *   cmake -S . -B build/rel -DCMAKE_BUILD_TYPE=Release && cmake --build build/rel --target bench_cache
 *   build/rel/src/cache/bench_cache */
#include <time.h>

#include "cache_test.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct hit_args {
    struct tenv *e;
    uint32_t cpg;        /* pages to pick from (1: one hot page) */
    uint32_t seed;
    uint64_t cop;
    enum cache_latch latch;
    double s;
};

static void hit_main(void *pv)
{
    struct hit_args *a = pv;
    uint32_t x = a->seed;
    struct page_ref r;
    double t0 = now_s();
    for (uint64_t i = 0; i < a->cop; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        uint32_t pgno = 1 + x % a->cpg;
        if (cache_get(a->e->f, pgno, a->latch, 0, &r) < 0)
            abort();
        cache_put(&r);
    }
    a->s = now_s() - t0;
}

static void bench_hits(struct tenv *e, uint32_t cthread, uint32_t cpg, enum cache_latch latch, const char *what)
{
    struct hit_args rga[16];
    struct os_thread *rgt[16];
    const uint64_t cop = 2000000;
    for (uint32_t i = 0; i < cthread; i++) {
        rga[i] = (struct hit_args){ e, cpg, 2463534242u + i * 7919u, cop, latch, 0 };
        if (os_thread_create(&rgt[i], hit_main, &rga[i]) < 0)
            abort();
    }
    double sMax = 0;
    for (uint32_t i = 0; i < cthread; i++) {
        os_thread_join(rgt[i]);
        sMax = MAX(sMax, rga[i].s);
    }
    printf("  %-44s %2u thread(s): %7.1f ns per get+put per thread, %6.1f M ops/s in all\n", what,
           (unsigned)cthread, sMax * 1e9 / (double)cop, (double)cop * cthread / sMax / 1e6);
}

int main(int argc, char **argv)
{
    struct tenv e;
    const uint32_t cpg = 10000;
    bool fMtrOnly = argc > 1 && strcmp(argv[1], "mtr") == 0;   /* for profiling */
    if (fMtrOnly)
        goto mtr;
    printf("cache_get + cache_put of resident pages (%u pages of 8 KiB, all resident):\n", (unsigned)cpg);
    tenv_open(&e, 8192, 16384, cpg, 0);
    for (uint32_t pgno = 1; pgno <= cpg; pgno++) {
        struct page_ref r;
        if (cache_get(e.f, pgno, CACHE_LATCH_SHARED, 0, &r) < 0)
            abort();
        cache_put(&r);
    }
    for (uint32_t c = 1; c <= 8; c *= 2)
        bench_hits(&e, c, cpg, CACHE_LATCH_SHARED, "random pages, shared latch");
    bench_hits(&e, 1, cpg, CACHE_LATCH_EXCLUSIVE, "random pages, exclusive latch");
    for (uint32_t c = 1; c <= 8; c *= 2)
        bench_hits(&e, c, 1, CACHE_LATCH_SHARED, "one hot page (a B-tree root), shared latch");
    tenv_close(&e);

    printf("misses (cache of 512 frames, %u pages, reads from os_mem with checksum and validation):\n", (unsigned)cpg);
    tenv_open(&e, 8192, 512, cpg, 0);
    bench_hits(&e, 1, cpg, CACHE_LATCH_SHARED, "random pages, ~95% misses");
    struct cache_stats s;
    cache_get_stats(e.cache, &s);
    printf("  (%llu hits, %llu misses, %llu evictions)\n", (unsigned long long)s.cHit,
           (unsigned long long)s.cMiss, (unsigned long long)s.cEvict);
    tenv_close(&e);

mtr:
    printf("mtr commit of a small change (the real log over os_mem, never flushed; 1000 resident 8 KiB pages):\n");
    tenv_open(&e, 8192, 2048, 1000, TENV_LOG);
    const uint32_t cmtr = 300000;
    uint32_t x = 12345;
    double t0 = now_s();
    for (uint32_t i = 0; i < cmtr; i++) {
        struct mtr m;
        uint8_t *pb;
        x = x * 1103515245 + 12345;
        uint32_t pgno = 1 + (x >> 8) % 1000;
        mtr_begin(&m, e.f);
        if (mtr_get(&m, pgno, CACHE_LATCH_EXCLUSIVE, &pb) < 0)
            abort();
        struct page_buf b = page_buf_make(pb, 8192, pgno);
        page_set_pgno_next(&b, i);
        mtr_set_modified(&m, pgno);
        if (mtr_commit(&m, NULL) < 0)
            abort();
    }
    double sCommit = now_s() - t0;
    lsn_t lsnEnd = log_end_lsn(e.log);
    printf("  %7.1f ns per mtr (get exclusive, change 4 bytes, commit); log %.1f bytes per mtr "
           "(first change of each page is an image)\n", sCommit * 1e9 / cmtr,
           (double)((lsn_generation(lsnEnd) - 1) * (double)(1u << 20) + lsn_offset(lsnEnd) - 4096) / cmtr);
    tenv_close(&e);
    return 0;
}
