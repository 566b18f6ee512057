/* SPDX-License-Identifier: MIT
 * base/thread_stats.h: what the calling thread made the engine do, for JetGetThreadStats (ESE's
 * JET_THREADSTATS). The layers that do the work count on the thread that asks for it (cache:
 * pages referenced, read, dirtied; log: records appended); the api copies them out. Each thread
 * has its own counters, so no synchronisation; they wrap at 2^32 as ESE's ULONGs do. */
#ifndef ESENT_THREAD_STATS_H
#define ESENT_THREAD_STATS_H

#include <stdint.h>

struct thread_stats {
    uint32_t cPageReferenced;
    uint32_t cPageRead;
    uint32_t cPagePreread;
    uint32_t cPageDirtied;
    uint32_t cPageRedirtied;
    uint32_t cLogRecord;
    uint32_t cbLogRecord;
};

struct thread_stats *thread_stats(void);

#endif /* ESENT_THREAD_STATS_H */
