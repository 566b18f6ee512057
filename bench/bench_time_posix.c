/* SPDX-License-Identifier: MIT
 * bench/bench_time_posix.c: wall-clock seconds from a monotonic clock. */
#include <time.h>

#include "bench.h"

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
