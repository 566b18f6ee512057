/* SPDX-License-Identifier: MIT
 * bench/bench_time_win32.c: wall-clock seconds from the performance counter, a pause, and the
 * checks' compare. */
#include <windows.h>
#include <string.h>

#include "bench.h"

double bench_now(void)
{
    LARGE_INTEGER t, f;
    QueryPerformanceCounter(&t);
    QueryPerformanceFrequency(&f);
    return (double)t.QuadPart / (double)f.QuadPart;
}

void bench_sleep_ms(unsigned ms)
{
    Sleep(ms);
}

bool bench_same(const void *a, const void *b, size_t cb)
{
    const unsigned char *pa = a, *pb = b;
    uint64_t diff = 0;
    size_t i = 0;
    for (; i + 8 <= cb; i += 8) {
        uint64_t x, y;
        memcpy(&x, pa + i, 8);
        memcpy(&y, pb + i, 8);
        diff |= x ^ y;
    }
    for (; i < cb; i++)
        diff |= (uint64_t)(pa[i] ^ pb[i]);
    return diff == 0;
}
