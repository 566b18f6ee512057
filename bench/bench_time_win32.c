/* SPDX-License-Identifier: MIT
 * bench/bench_time_win32.c: wall-clock seconds from the performance counter, and a pause. */
#include <windows.h>

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
