/* SPDX-License-Identifier: MIT
 * bench/bench_time_posix.c: wall-clock seconds from a monotonic clock, a pause, and the checks' compare. */
#include <string.h>
#include <time.h>

#include "bench.h"

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void bench_sleep_ms(unsigned ms)
{
    struct timespec ts = { (time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L };
    while (nanosleep(&ts, &ts) != 0) {
    }
}

bool bench_same(const void *a, const void *b, size_t cb)
{
    return memcmp(a, b, cb) == 0;
}
