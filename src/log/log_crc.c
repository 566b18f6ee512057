/* SPDX-License-Identifier: MIT
 * log/log_crc.c: CRC32C (Castagnoli, reflected polynomial 0x82F63B78): the x86 CRC32
 * instruction where the processor has it (SSE4.2: every x86-64 CPU since 2008), slicing by 8
 * elsewhere. Layer: log.
 * Every log record and header is covered by it (log_format.h). The tables and the processor
 * check are done once, on first use; a thread that finds them being built waits for the builder. */
#include <string.h>

#include "log_int.h"

static uint32_t crc_table[8][256];
static int crc_state;   /* 0 not built, 1 building, 2 ready (atomic) */
static bool crc_fHardware;

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define CRC_HARDWARE 1
/* The instruction computes the same reflected update as the tables, without the inversions. */
__attribute__((target("sse4.2")))
static uint32_t crc_hardware(uint32_t crc, const uint8_t *p, size_t cb)
{
    while (cb && ((uintptr_t)p & 7)) {
        crc = __builtin_ia32_crc32qi(crc, *p++);
        cb--;
    }
#ifdef __x86_64__
    uint64_t c = crc;
    for (; cb >= 8; p += 8, cb -= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        c = __builtin_ia32_crc32di(c, v);
    }
    crc = (uint32_t)c;
#else
    for (; cb >= 4; p += 4, cb -= 4) {
        uint32_t v;
        memcpy(&v, p, 4);
        crc = __builtin_ia32_crc32si(crc, v);
    }
#endif
    while (cb--)
        crc = __builtin_ia32_crc32qi(crc, *p++);
    return crc;
}
#endif

static void crc_build(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0x82F63B78u & (0u - (c & 1)));
        crc_table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 8; t++)
            crc_table[t][i] = (crc_table[t - 1][i] >> 8) ^ crc_table[0][crc_table[t - 1][i] & 0xFF];
}

static void crc_init(void)
{
    int s = __atomic_load_n(&crc_state, __ATOMIC_ACQUIRE);
    if (LIKELY(s == 2)) return;
    int expected = 0;
    if (__atomic_compare_exchange_n(&crc_state, &expected, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        crc_build();
#ifdef CRC_HARDWARE
        __builtin_cpu_init();
        crc_fHardware = __builtin_cpu_supports("sse4.2");
#endif
        __atomic_store_n(&crc_state, 2, __ATOMIC_RELEASE);
        return;
    }
    while (__atomic_load_n(&crc_state, __ATOMIC_ACQUIRE) != 2)
        os_sleep_ms(0);
}

uint32_t log_crc32c(uint32_t crc, const void *pv, size_t cb)
{
    crc_init();
#ifdef CRC_HARDWARE
    if (LIKELY(crc_fHardware))
        return ~crc_hardware(~crc, pv, cb);
#endif
    return log_crc32c_portable(crc, pv, cb);
}

uint32_t log_crc32c_portable(uint32_t crc, const void *pv, size_t cb)
{
    const uint8_t *p = pv;
    crc_init();
    crc = ~crc;
    while (cb && ((uintptr_t)p & 7)) {
        crc = (crc >> 8) ^ crc_table[0][(crc ^ *p++) & 0xFF];
        cb--;
    }
    while (cb >= 8) {
        uint32_t lo = crc ^ get_le32(p);
        uint32_t hi = get_le32(p + 4);
        crc = crc_table[7][lo & 0xFF] ^ crc_table[6][(lo >> 8) & 0xFF] ^
              crc_table[5][(lo >> 16) & 0xFF] ^ crc_table[4][lo >> 24] ^
              crc_table[3][hi & 0xFF] ^ crc_table[2][(hi >> 8) & 0xFF] ^
              crc_table[1][(hi >> 16) & 0xFF] ^ crc_table[0][hi >> 24];
        p += 8;
        cb -= 8;
    }
    while (cb--)
        crc = (crc >> 8) ^ crc_table[0][(crc ^ *p++) & 0xFF];
    return ~crc;
}
