/* SPDX-License-Identifier: MIT
 * os/os_sys_posix.c: threads, time, randomness and process facts on Linux (pthreads, clock_gettime).
 * Layer: os. Files live in os_file_posix.c. */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <string.h>
#include <stdio.h>

#include "os.h"
#include "utf.h"
#include "debug.h"

DEBUG_CHANNEL(os);

_Static_assert(sizeof(pthread_mutex_t) <= sizeof(struct os_mutex), "os_mutex too small");
_Static_assert(sizeof(pthread_cond_t) <= sizeof(struct os_cond), "os_cond too small");

#define PMUTEX(m) ((pthread_mutex_t *)(void *)(m)->u.b)
#define PCOND(c)  ((pthread_cond_t *)(void *)(c)->u.b)

void os_mutex_init(struct os_mutex *m) { pthread_mutex_init(PMUTEX(m), NULL); }
void os_mutex_destroy(struct os_mutex *m) { pthread_mutex_destroy(PMUTEX(m)); }
void os_mutex_lock(struct os_mutex *m) { pthread_mutex_lock(PMUTEX(m)); }
void os_mutex_unlock(struct os_mutex *m) { pthread_mutex_unlock(PMUTEX(m)); }
bool os_mutex_trylock(struct os_mutex *m) { return pthread_mutex_trylock(PMUTEX(m)) == 0; }

void os_cond_init(struct os_cond *c)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);   /* timeouts immune to clock changes */
    pthread_cond_init(PCOND(c), &attr);
    pthread_condattr_destroy(&attr);
}
void os_cond_destroy(struct os_cond *c) { pthread_cond_destroy(PCOND(c)); }
void os_cond_wait(struct os_cond *c, struct os_mutex *m) { pthread_cond_wait(PCOND(c), PMUTEX(m)); }
void os_cond_signal(struct os_cond *c) { pthread_cond_signal(PCOND(c)); }
void os_cond_broadcast(struct os_cond *c) { pthread_cond_broadcast(PCOND(c)); }

bool os_cond_wait_ms(struct os_cond *c, struct os_mutex *m, uint32_t ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
    return pthread_cond_timedwait(PCOND(c), PMUTEX(m), &ts) != ETIMEDOUT;
}

struct os_thread {
    pthread_t tid;
    void (*fn)(void *);
    void *arg;
};

static void *thread_start(void *p)
{
    struct os_thread *t = p;
    t->fn(t->arg);
    return NULL;
}

JET_ERR os_thread_create(struct os_thread **pt, void (*fn)(void *), void *arg)
{
    struct os_thread *t = mem_calloc(1, sizeof *t);
    if (!t) return ERR_TRAP(JET_errOutOfMemory);
    t->fn = fn;
    t->arg = arg;
    if (pthread_create(&t->tid, NULL, thread_start, t) != 0) {
        mem_free(t);
        return ERR_TRAP(JET_errOutOfThreads);
    }
    *pt = t;
    return JET_errSuccess;
}

void os_thread_join(struct os_thread *t)
{
    if (!t) return;
    pthread_join(t->tid, NULL);
    mem_free(t);
}

/* gettid is a system call: each thread asks once (sessions check their owner on every call).
 * A forked child's only thread asks again: it is not the thread its parent's copy names. */
static _Thread_local uint64_t t_tid;
static pthread_once_t g_tidOnce = PTHREAD_ONCE_INIT;
static void tid_forget_in_child(void) { t_tid = 0; }
static void tid_register_fork(void) { (void)pthread_atfork(NULL, NULL, tid_forget_in_child); }

uint64_t os_thread_id(void)
{
    if (!t_tid) {
        (void)pthread_once(&g_tidOnce, tid_register_fork);
        t_tid = (uint64_t)syscall(SYS_gettid);
    }
    return t_tid;
}

void os_sleep_ms(uint32_t ms)
{
    struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {}
}

uint64_t os_time_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void os_time_wall(struct os_wall_time *t)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    t->year = tm.tm_year + 1900;
    t->month = tm.tm_mon + 1;
    t->day = tm.tm_mday;
    t->hour = tm.tm_hour;
    t->minute = tm.tm_min;
    t->second = tm.tm_sec;
    t->millisecond = (int)(ts.tv_nsec / 1000000L);
}

uint64_t os_time_filetime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    /* 11644473600 s between 1601-01-01 and 1970-01-01. */
    return ((uint64_t)ts.tv_sec + 11644473600ull) * 10000000ull + (uint64_t)ts.tv_nsec / 100u;
}

void os_random(void *pv, size_t cb)
{
    uint8_t *p = pv;
    while (cb > 0) {
        ssize_t n = getrandom(p, cb, 0);
        if (n <= 0) {
            /* getrandom cannot fail for small requests once the pool is seeded; keep going
             * with a weak source rather than leave the bytes unset. */
            uint64_t x = os_time_filetime() ^ (uint64_t)(uintptr_t)p;
            while (cb > 0) { x = x * 6364136223846793005ull + 1442695040888963407ull; *p++ = (uint8_t)(x >> 56); cb--; }
            return;
        }
        p += n;
        cb -= (size_t)n;
    }
}

JET_ERR os_acp_to_utf16(const char *sz, ESENT_WCHAR **pwsz)
{
    *pwsz = NULL;
    if (!sz) return JET_errSuccess;
    *pwsz = utf8_to_utf16_dup(sz);
    return *pwsz ? JET_errSuccess : ERR_TRAP(JET_errOutOfMemory);
}

JET_ERR os_utf16_to_acp(const ESENT_WCHAR *wsz, char *sz, size_t cb, size_t *pcbNeeded)
{
    return utf16_to_utf8(wsz, sz, cb, pcbNeeded) ? JET_errSuccess : JET_wrnBufferTruncated;
}

ESENT_WCHAR os_path_separator(void) { return '/'; }

uint32_t os_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (uint32_t)n : 1;
}

uint64_t os_physical_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), cb = sysconf(_SC_PAGESIZE);
    return (pages > 0 && cb > 0) ? (uint64_t)pages * (uint64_t)cb : (uint64_t)1 << 30;
}

/* Modules stay loaded (ESE keeps its callback libraries until the process ends), so a handle
 * from dlopen is never closed: a second dlopen of the same name only counts up its reference. */
JET_ERR os_library_symbol(const char *szModule, const char *szSymbol, os_proc *ppfn)
{
    *ppfn = NULL;
    if (!szModule || !szModule[0] || !szSymbol || !szSymbol[0])
        return ERR_TRAP(JET_errCallbackNotResolved);
    void *h = dlopen(szModule, RTLD_NOW | RTLD_NOLOAD);
    if (!h)
        h = dlopen(szModule, RTLD_NOW);
    if (!h) {
        WARN("module %s: %s", szModule, dlerror());
        return ERR_TRAP(JET_errCallbackNotResolved);
    }
    void *pv = dlsym(h, szSymbol);
    if (!pv) {
        WARN("module %s has no export %s", szModule, szSymbol);
        return ERR_TRAP(JET_errCallbackNotResolved);
    }
    /* POSIX guarantees a function's address survives the trip through void * */
    memcpy(ppfn, &pv, sizeof *ppfn);
    return JET_errSuccess;
}
