/* SPDX-License-Identifier: MIT
 * isam/isam_cache.c: the process's database cache, shared by every instance (ESE's cache is
 * process-wide: JET_paramCacheSizeMin/Max are global parameters). The first JetInit creates it,
 * the last JetTerm destroys it; a parameter change resizes it. Layer: isam. */
#include "isam_db.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

static struct cache *process_cache;
static uint32_t cache_users;     /* under isam_lock() */

struct cache *isam_cache(void)
{
    return process_cache;
}

/* The flush thresholds are counts of buffers relative to JET_paramCacheSizeMax (ESE's
 * BFICacheSetTarget scales them by the cache's size over it): as percents of the cache, the
 * defaults (20,000,000 and 40,000,000 of 2,000,000,000) are 1% and 2%. Taken as percents
 * themselves, they clamped to 100% and the writer wrote every page as soon as it was dirty
 * (the hot page of a commit loop once per commit). */
static uint32_t flush_pct(struct param_store *g, uint32_t paramid)
{
    const uint64_t cbuf = (uint64_t)param_num(g, paramid);
    const uint64_t cbufMax = (uint64_t)param_num(g, JET_paramCacheSizeMax);
    if (cbuf == 0) return 0;
    if (cbufMax == 0 || cbuf >= cbufMax) return 100;
    const uint64_t pct = cbuf * 100 / cbufMax;
    return pct ? (uint32_t)pct : 1;
}

JET_ERR isam_cache_acquire(struct isam_instance *inst)
{
    JET_ERR err = JET_errSuccess;
    struct param_store *g = isam_global_params();
    uint32_t cpgMin = (uint32_t)param_num(g, JET_paramCacheSizeMin);
    uint32_t cpgMax = (uint32_t)param_num(g, JET_paramCacheSizeMax);
    /* The default has no limit (ESE grows the cache with the machine's memory): never plan for
     * more pages than the machine has memory for. */
    uint64_t cpgMemory = os_physical_memory() / (uint64_t)param_num(g, JET_paramDatabasePageSize);
    if (cpgMax > cpgMemory) cpgMax = (uint32_t)MIN(cpgMemory, UINT32_MAX);
    if (cpgMax < cpgMin) cpgMax = cpgMin;
    isam_lock();
    if (!process_cache) {
        err = cache_create(cpgMin, cpgMax, &process_cache);
        if (err >= 0) {
            cache_set_flush_thresholds(process_cache, flush_pct(g, JET_paramStartFlushThreshold),
                                       flush_pct(g, JET_paramStopFlushThreshold));
            TRACE("cache created: %u..%u pages", cpgMin, cpgMax);
        }
    }
    if (err >= 0) {
        cache_users++;
        inst->fCache = true;
    }
    isam_unlock();
    return err;
}

void isam_cache_release(struct isam_instance *inst)
{
    if (!inst->fCache) return;
    isam_lock();
    inst->fCache = false;
    if (--cache_users == 0) {
        cache_destroy(process_cache);
        process_cache = NULL;
    }
    isam_unlock();
}
