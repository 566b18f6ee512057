/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_print.c: the value formats Windows' esentutl prints (times, signatures, log
 * positions, error texts) and its progress bar. Values come in as the bytes ESE stores, which are
 * also the memory images of JET_LOGTIME and JET_SIGNATURE, so one formatter serves the API's
 * structures and the raw headers alike. */
#include <stdio.h>

#include "esentutl.h"
#include "le.h"

/* LOGTIME (ESE-FORMAT-NOTES §2): seconds, minutes, hours, day, month (1-12), year - 1900; byte 6
 * holds the UTC bit and the low 7 bits of the milliseconds, byte 7 their high 3 bits in 1..3. */
void eu_print_logtime(const uint8_t rgb[8])
{
    unsigned ms = (unsigned)(rgb[6] >> 1) | ((unsigned)((rgb[7] >> 1) & 7u) << 7);
    printf("%02u/%02u/%04u %02u:%02u:%02u.%03u %s", rgb[4], rgb[3], 1900u + rgb[5], rgb[2], rgb[1], rgb[0], ms,
           (rgb[6] & 1) ? "UTC" : "LOC");
}

/* Windows prints the signature's time without the UTC/LOC suffix. The computer name is a
 * 16-byte field that need not be terminated; only printable ASCII is shown. */
void eu_print_signature(const uint8_t rgb[28])
{
    const uint8_t *t = rgb + 4;
    unsigned ms = (unsigned)(t[6] >> 1) | ((unsigned)((t[7] >> 1) & 7u) << 7);
    char szName[17];
    size_t i;
    for (i = 0; i < 16 && rgb[12 + i]; i++)
        szName[i] = (rgb[12 + i] >= 0x20 && rgb[12 + i] < 0x7f) ? (char)rgb[12 + i] : '?';
    szName[i] = 0;
    printf("Create time:%02u/%02u/%04u %02u:%02u:%02u.%03u Rand:%lu Computer:%s\n", t[4], t[3], 1900u + t[5], t[2], t[1],
           t[0], ms, (unsigned long)get_le32(rgb), szName);
}

void eu_print_lgpos(int32_t lGeneration, uint16_t isec, uint16_t ib)
{
    printf("(0x%X,%X,%X)", (unsigned)lGeneration, (unsigned)isec, (unsigned)ib);
}

const char *eu_err_text(JET_ERR err, char *buf, size_t cb)
{
    JET_API_PTR code = (JET_API_PTR)(intptr_t)err;
    if (cb == 0) return buf;
    buf[0] = 0;
    if (JetGetSystemParameterA(JET_instanceNil, JET_sesidNil, JET_paramErrorToString, &code, buf,
                               (ESENT_ULONG)(cb > 0xFFFFFFFFu ? 0xFFFFFFFFu : cb)) < 0 || !buf[0])
        snprintf(buf, cb, "%ld", (long)err);
    return buf;
}

/* ---- progress bar ----------------------------------------------------------------------------
 * Windows draws a scale of 0..100 and then one dot per 2 %, on the same line. The bar is for
 * people: when stdout is a file or a pipe, nothing is drawn (Windows always draws it), so logs
 * and scripts see only the results. */

void eu_progress_begin(struct eu_progress *pp, const char *szOperation)
{
    size_t cch = strlen(szOperation);
    int pad = cch < 51 ? (int)((51 - cch) / 2) : 0;
    pp->fOn = eu_plat_stdout_is_terminal();
    pp->iPercentShown = 0;
    if (!pp->fOn) return;
    printf("          %*s%s\n\n", pad, "", szOperation);
    printf("          0    10   20   30   40   50   60   70   80   90  100\n");
    printf("          |----|----|----|----|----|----|----|----|----|----|\n");
    printf("          ");
    fflush(stdout);
}

void eu_progress_update(struct eu_progress *pp, uint64_t done, uint64_t total)
{
    if (!pp->fOn) return;
    int iPercent = total ? (int)(done >= total ? 100 : (done * 100) / total) : 100;
    bool fDrew = false;
    while (iPercent - pp->iPercentShown >= 2) {
        putchar('.');
        pp->iPercentShown += 2;
        fDrew = true;
    }
    if (fDrew) fflush(stdout);
}

void eu_progress_end(struct eu_progress *pp)
{
    if (!pp->fOn) return;
    eu_progress_update(pp, 1, 1);
    printf(".\n");
    fflush(stdout);
    pp->fOn = false;
}
