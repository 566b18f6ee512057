/* SPDX-License-Identifier: MIT
 * base/mem.c: the engine's allocator door, with an out-of-memory injection hook for tests. */
#include <stdlib.h>

#include "base.h"

static unsigned long mem_fail_countdown;   /* 0: never fail */

void mem_fail_after(unsigned long n)
{
    __atomic_store_n(&mem_fail_countdown, n, __ATOMIC_RELAXED);
}

static bool mem_should_fail(void)
{
    unsigned long n = __atomic_load_n(&mem_fail_countdown, __ATOMIC_RELAXED);
    if (LIKELY(n == 0)) return false;
    /* Exactly one caller sees the count reach 1. */
    while (n != 0) {
        if (__atomic_compare_exchange_n(&mem_fail_countdown, &n, n - 1, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            return n == 1;
    }
    return false;
}

void *mem_alloc(size_t cb)
{
    return mem_should_fail() ? NULL : malloc(cb ? cb : 1);
}

void *mem_calloc(size_t n, size_t cb)
{
    return mem_should_fail() ? NULL : calloc(n ? n : 1, cb ? cb : 1);
}

void *mem_realloc(void *pv, size_t cb)
{
    return mem_should_fail() ? NULL : realloc(pv, cb ? cb : 1);
}

void mem_free(void *pv)
{
    /* Readers free a NULL "no image" pointer for every node they land on: under Wine, msvcrt's
     * free goes through HeapFree even for NULL. */
    if (pv)
        free(pv);
}

char *mem_strdup(const char *sz)
{
    size_t cb = strlen(sz) + 1;
    char *p = mem_alloc(cb);
    if (p) memcpy(p, sz, cb);
    return p;
}
