/* SPDX-License-Identifier: MIT
 * os/os_sys_win32.c: threads, time, randomness and process facts on Windows (mutexes on one
 * word with an SRW lock for waiting, condition variables, QueryPerformanceCounter-free tick
 * counts). Layer: os. */
#include <windows.h>

#include <string.h>
#include <stdio.h>

#include "os.h"
#include "utf.h"
#include "debug.h"

DEBUG_CHANNEL(os);

/* A mutex of our own: one word taken with one compare-exchange and given back with one exchange,
 * the SRW lock and condition variable beside it touched only when a thread must wait (the word
 * then says 2: someone may be waiting). Windows' SRW locks cost the same uncontended, but Wine's
 * (8.0) release always asks the wait-on-address table for sleepers (RtlWakeAddressAll: a
 * critical section and a hash bucket), which made every cache lookup on the read path pay for
 * it: this keeps the uncontended path free of system calls on both. A zeroed one is unlocked. */
struct win_mutex {
    LONG state;                 /* 0 free, 1 held, 2 held and perhaps waited for */
    SRWLOCK srw;
    CONDITION_VARIABLE cv;
};
/* A condition variable over it: a sequence number bumped by every signal, read under the mutex
 * before it is let go, so a signal between the release and the sleep is never missed. */
struct win_cond {
    LONG seq;
    SRWLOCK srw;
    CONDITION_VARIABLE cv;
};
_Static_assert(sizeof(struct win_mutex) <= sizeof(struct os_mutex), "os_mutex too small");
_Static_assert(sizeof(struct win_cond) <= sizeof(struct os_cond), "os_cond too small");

#define PWM(m) ((struct win_mutex *)(void *)(m)->u.b)
#define PWC(c) ((struct win_cond *)(void *)(c)->u.b)

void os_mutex_init(struct os_mutex *m)
{
    memset(m, 0, sizeof *m);
    InitializeSRWLock(&PWM(m)->srw);
    InitializeConditionVariable(&PWM(m)->cv);
}
void os_mutex_destroy(struct os_mutex *m) { (void)m; }

static NOINLINE void mutex_lock_slow(struct win_mutex *w)
{
    AcquireSRWLockExclusive(&w->srw);
    /* Mark it waited for whoever holds it: its release then wakes one sleeper. */
    while (__atomic_exchange_n(&w->state, 2, __ATOMIC_ACQUIRE) != 0)
        SleepConditionVariableSRW(&w->cv, &w->srw, INFINITE, 0);
    ReleaseSRWLockExclusive(&w->srw);
}

void os_mutex_lock(struct os_mutex *m)
{
    struct win_mutex *w = PWM(m);
    LONG expected = 0;
    if (!__atomic_compare_exchange_n(&w->state, &expected, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        mutex_lock_slow(w);
}

void os_mutex_unlock(struct os_mutex *m)
{
    struct win_mutex *w = PWM(m);
    if (__atomic_exchange_n(&w->state, 0, __ATOMIC_RELEASE) == 2) {
        /* A sleeper checks the word under srw before it sleeps: taking srw here waits until it
         * sleeps (or has seen the word free), so the wake is never lost. */
        AcquireSRWLockExclusive(&w->srw);
        WakeConditionVariable(&w->cv);
        ReleaseSRWLockExclusive(&w->srw);
    }
}

bool os_mutex_trylock(struct os_mutex *m)
{
    LONG expected = 0;
    return __atomic_compare_exchange_n(&PWM(m)->state, &expected, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void os_cond_init(struct os_cond *c)
{
    memset(c, 0, sizeof *c);
    InitializeSRWLock(&PWC(c)->srw);
    InitializeConditionVariable(&PWC(c)->cv);
}
void os_cond_destroy(struct os_cond *c) { (void)c; }

bool os_cond_wait_ms(struct os_cond *c, struct os_mutex *m, uint32_t ms)
{
    struct win_cond *wc = PWC(c);
    const LONG seq = __atomic_load_n(&wc->seq, __ATOMIC_ACQUIRE);
    BOOL fWoken = TRUE;
    os_mutex_unlock(m);
    AcquireSRWLockExclusive(&wc->srw);
    if (__atomic_load_n(&wc->seq, __ATOMIC_ACQUIRE) == seq)
        fWoken = SleepConditionVariableSRW(&wc->cv, &wc->srw, ms, 0);
    ReleaseSRWLockExclusive(&wc->srw);
    os_mutex_lock(m);
    return fWoken != 0;
}
void os_cond_wait(struct os_cond *c, struct os_mutex *m) { (void)os_cond_wait_ms(c, m, INFINITE); }

void os_cond_signal(struct os_cond *c)
{
    struct win_cond *wc = PWC(c);
    AcquireSRWLockExclusive(&wc->srw);
    __atomic_add_fetch(&wc->seq, 1, __ATOMIC_RELEASE);
    WakeConditionVariable(&wc->cv);
    ReleaseSRWLockExclusive(&wc->srw);
}

void os_cond_broadcast(struct os_cond *c)
{
    struct win_cond *wc = PWC(c);
    AcquireSRWLockExclusive(&wc->srw);
    __atomic_add_fetch(&wc->seq, 1, __ATOMIC_RELEASE);
    WakeAllConditionVariable(&wc->cv);
    ReleaseSRWLockExclusive(&wc->srw);
}

struct os_thread {
    HANDLE h;
    void (*fn)(void *);
    void *arg;
};

static DWORD WINAPI thread_start(void *p)
{
    struct os_thread *t = p;
    t->fn(t->arg);
    return 0;
}

JET_ERR os_thread_create(struct os_thread **pt, void (*fn)(void *), void *arg)
{
    struct os_thread *t = mem_calloc(1, sizeof *t);
    if (!t) return ERR_TRAP(JET_errOutOfMemory);
    t->fn = fn;
    t->arg = arg;
    t->h = CreateThread(NULL, 0, thread_start, t, 0, NULL);
    if (!t->h) {
        mem_free(t);
        return ERR_TRAP(JET_errOutOfThreads);
    }
    *pt = t;
    return JET_errSuccess;
}

void os_thread_join(struct os_thread *t)
{
    if (!t) return;
    WaitForSingleObject(t->h, INFINITE);
    CloseHandle(t->h);
    mem_free(t);
}

uint64_t os_thread_id(void) { return GetCurrentThreadId(); }
void os_sleep_ms(uint32_t ms) { Sleep(ms); }
uint64_t os_time_ms(void) { return GetTickCount64(); }

void os_time_wall(struct os_wall_time *t)
{
    SYSTEMTIME st;
    GetSystemTime(&st);
    t->year = st.wYear;
    t->month = st.wMonth;
    t->day = st.wDay;
    t->hour = st.wHour;
    t->minute = st.wMinute;
    t->second = st.wSecond;
    t->millisecond = st.wMilliseconds;
}

uint64_t os_time_filetime(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    return ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

/* RtlGenRandom (SystemFunction036) is in advapi32 on every Windows since XP. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG cb);

void os_random(void *pv, size_t cb)
{
    uint8_t *p = pv;
    while (cb > 0) {
        ULONG n = cb > 0x10000 ? 0x10000 : (ULONG)cb;
        if (!SystemFunction036(p, n)) {
            uint64_t x = os_time_filetime() ^ (uint64_t)(uintptr_t)p ^ GetCurrentThreadId();
            while (cb > 0) { x = x * 6364136223846793005ull + 1442695040888963407ull; *p++ = (uint8_t)(x >> 56); cb--; }
            return;
        }
        p += n;
        cb -= n;
    }
}

JET_ERR os_acp_to_utf16(const char *sz, ESENT_WCHAR **pwsz)
{
    *pwsz = NULL;
    if (!sz) return JET_errSuccess;
    int cch = MultiByteToWideChar(CP_ACP, 0, sz, -1, NULL, 0);
    if (cch <= 0) return ERR_TRAP(JET_errInvalidParameter);
    ESENT_WCHAR *w = mem_alloc((size_t)cch * sizeof(ESENT_WCHAR));
    if (!w) return ERR_TRAP(JET_errOutOfMemory);
    MultiByteToWideChar(CP_ACP, 0, sz, -1, w, cch);
    *pwsz = w;
    return JET_errSuccess;
}

JET_ERR os_utf16_to_acp(const ESENT_WCHAR *wsz, char *sz, size_t cb, size_t *pcbNeeded)
{
    int need = WideCharToMultiByte(CP_ACP, 0, wsz, -1, NULL, 0, NULL, NULL);
    if (need <= 0) return ERR_TRAP(JET_errInvalidParameter);
    if (pcbNeeded) *pcbNeeded = (size_t)need;
    if ((size_t)need <= cb) {
        WideCharToMultiByte(CP_ACP, 0, wsz, -1, sz, need, NULL, NULL);
        return JET_errSuccess;
    }
    if (cb > 0) {
        /* Convert what fits, then terminate: the caller reports JET_wrnBufferTruncated. */
        int n = WideCharToMultiByte(CP_ACP, 0, wsz, -1, sz, (int)cb, NULL, NULL);
        (void)n;
        sz[cb - 1] = 0;
    }
    return JET_wrnBufferTruncated;
}

ESENT_WCHAR os_path_separator(void) { return '\\'; }

uint32_t os_cpu_count(void)
{
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    return si.dwNumberOfProcessors ? si.dwNumberOfProcessors : 1;
}

uint64_t os_physical_memory(void)
{
    MEMORYSTATUSEX ms;
    ms.dwLength = sizeof ms;
    return GlobalMemoryStatusEx(&ms) ? ms.ullTotalPhys : (uint64_t)1 << 30;
}

/* Modules stay loaded (ESE keeps its callback libraries until the process ends): a repeated
 * LoadLibrary of the same module only counts up its reference. */
JET_ERR os_library_symbol(const char *szModule, const char *szSymbol, os_proc *ppfn)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL;
    *ppfn = NULL;
    if (!szModule || !szModule[0] || !szSymbol || !szSymbol[0] || strlen(szSymbol) > 250)
        return ERR_TRAP(JET_errCallbackNotResolved);
    CALL_R(os_acp_to_utf16(szModule, &wsz));
    HMODULE h = GetModuleHandleW(wsz);
    if (!h)
        h = LoadLibraryW(wsz);
    mem_free(wsz);
    if (!h) {
        WARN("module %s: error %lu", szModule, (unsigned long)GetLastError());
        return ERR_TRAP(JET_errCallbackNotResolved);
    }
    FARPROC pfn = GetProcAddress(h, szSymbol);
    if (!pfn) {
        /* ESE tries the x86 stdcall decoration of a JET_CALLBACK (eight arguments) too */
        char sz[256];
        snprintf(sz, sizeof sz, "%s@32", szSymbol);
        pfn = GetProcAddress(h, sz);
    }
    if (!pfn) {
        WARN("module %s has no export %s", szModule, szSymbol);
        return ERR_TRAP(JET_errCallbackNotResolved);
    }
    *ppfn = (os_proc)(void (*)(void))pfn;
    return JET_errSuccess;
}
