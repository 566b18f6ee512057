/* SPDX-License-Identifier: MIT
 * os/os_sys_win32.c: threads, time, randomness and process facts on Windows (SRW locks,
 * condition variables, QueryPerformanceCounter-free tick counts). Layer: os. */
#include <windows.h>

#include <string.h>
#include <stdio.h>

#include "os.h"
#include "utf.h"
#include "debug.h"

DEBUG_CHANNEL(os);

_Static_assert(sizeof(SRWLOCK) <= sizeof(struct os_mutex), "os_mutex too small");
_Static_assert(sizeof(CONDITION_VARIABLE) <= sizeof(struct os_cond), "os_cond too small");

#define PSRW(m) ((SRWLOCK *)(void *)(m)->u.b)
#define PCV(c)  ((CONDITION_VARIABLE *)(void *)(c)->u.b)

void os_mutex_init(struct os_mutex *m) { InitializeSRWLock(PSRW(m)); }
void os_mutex_destroy(struct os_mutex *m) { (void)m; }
void os_mutex_lock(struct os_mutex *m) { AcquireSRWLockExclusive(PSRW(m)); }
void os_mutex_unlock(struct os_mutex *m) { ReleaseSRWLockExclusive(PSRW(m)); }
bool os_mutex_trylock(struct os_mutex *m) { return TryAcquireSRWLockExclusive(PSRW(m)) != 0; }

void os_cond_init(struct os_cond *c) { InitializeConditionVariable(PCV(c)); }
void os_cond_destroy(struct os_cond *c) { (void)c; }
void os_cond_wait(struct os_cond *c, struct os_mutex *m) { SleepConditionVariableSRW(PCV(c), PSRW(m), INFINITE, 0); }
bool os_cond_wait_ms(struct os_cond *c, struct os_mutex *m, uint32_t ms)
{
    return SleepConditionVariableSRW(PCV(c), PSRW(m), ms, 0) != 0;
}
void os_cond_signal(struct os_cond *c) { WakeConditionVariable(PCV(c)); }
void os_cond_broadcast(struct os_cond *c) { WakeAllConditionVariable(PCV(c)); }

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
