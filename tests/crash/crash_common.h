/* SPDX-License-Identifier: MIT
 * tests/crash/crash_common.h: the workload the crash tests kill and then check.
 *
 * One database with one test tree (created by the setup run). Each transaction i inserts key i
 * (4 bytes, big-endian) with a value derived from i, replaces the value of key i-5, and
 * flag-deletes key i-10; one transaction in eight is rolled back instead of committed. A
 * committed transaction is reported on stdout ("C i") after JetCommitTransaction-equivalent
 * returns, so the checker knows exactly which ones the engine owes: every reported one must be
 * there after recovery, no rolled-back or unreported one may be, except the one in flight at the
 * kill (it may have committed without being reported). */
#ifndef CRASH_COMMON_H
#define CRASH_COMMON_H

#include <stdint.h>
#include <string.h>

static inline void crash_key(uint32_t i, uint8_t key[4])
{
    key[0] = (uint8_t)(i >> 24); key[1] = (uint8_t)(i >> 16); key[2] = (uint8_t)(i >> 8); key[3] = (uint8_t)i;
}

/* Value of key i after transaction j (j == i: inserted; j == i + 5: replaced). */
static inline size_t crash_value(uint32_t i, int replaced, uint8_t *buf)
{
    size_t cb = 20 + (i % 200);
    for (size_t k = 0; k < cb; k++) buf[k] = (uint8_t)(i * 31 + k * 7 + (replaced ? 101 : 0));
    return cb;
}

static inline int crash_rolled_back(uint32_t i)
{
    return i % 8 == 3;
}

#endif /* CRASH_COMMON_H */
