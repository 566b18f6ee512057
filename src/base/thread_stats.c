/* SPDX-License-Identifier: MIT
 * base/thread_stats.c: the calling thread's counters (thread_stats.h). */
#include "thread_stats.h"

static _Thread_local struct thread_stats tls_stats;

struct thread_stats *thread_stats(void)
{
    return &tls_stats;
}
