/* SPDX-License-Identifier: MIT
 * os/test/os_proc_win32.c: os_test_proc on Windows (CreateProcessW of our own module,
 * TerminateProcess). Test support only.
 *
 * Under Wine a killed process's handle is signalled as soon as wineserver has sent its threads
 * the kill signal (server/thread.c kill_thread), while the Unix process may still finish a
 * write() or two; wineserver has already dropped its share modes, so a parent that recovers at
 * once races with the dying child. On Windows the handle is signalled only once the process has
 * ended. So under Wine the parent finds the child's Unix process (its /proc/<pid>/cmdline holds
 * the Windows command line, whose first word we make unique) once the child has announced itself
 * through an inherited pipe, and its wait also waits for that process to be gone. Z:\\proc does
 * not exist on Windows: there the handle alone is enough. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

#include "os_test.h"
#include "base.h"
#include "utf.h"

#define PIPE_ENV "ESENT_TEST_PROC_PIPE"

struct os_test_proc {
    PROCESS_INFORMATION pi;
    unsigned long pidUnix;      /* 0: not under Wine */
};

/* Under Wine: the Unix pid of the process whose command line starts with the word szNonce
 * (0: none, or not under Wine). */
static unsigned long unix_pid_find(const char *szNonce)
{
    WIN32_FIND_DATAA fd;
    HANDLE hFind = FindFirstFileA("Z:\\proc\\*", &fd);
    unsigned long pidFound = 0;
    size_t cchNonce = strlen(szNonce);
    if (hFind == INVALID_HANDLE_VALUE)
        return 0;
    do {
        char path[MAX_PATH], buf[128];
        char *pchEnd;
        unsigned long pid = strtoul(fd.cFileName, &pchEnd, 10);
        if (pid == 0 || *pchEnd)
            continue;
        snprintf(path, sizeof path, "Z:\\proc\\%lu\\cmdline", pid);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        size_t cb = fread(buf, 1, sizeof buf, f);
        fclose(f);
        if (cb > cchNonce && memcmp(buf, szNonce, cchNonce) == 0 && buf[cchNonce] == 0)
            pidFound = pid;
    } while (!pidFound && FindNextFileA(hFind, &fd));
    FindClose(hFind);
    return pidFound;
}

/* True when the /proc stat file at path names a task that still runs (not a zombie). */
static bool stat_file_running(const char *path)
{
    char buf[512];
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t cb = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[cb] = 0;
    const char *pc = strrchr(buf, ')');     /* "pid (comm) S ...": comm may hold anything */
    return pc && pc[1] == ' ' && pc[2] && pc[2] != 'Z' && pc[2] != 'X';
}

/* Under Wine: true while any thread of Unix process pid runs. The process itself may show as a
 * zombie while its other threads still run (a thread group's leader exits first), so every
 * task is checked. */
static bool unix_pid_alive(unsigned long pid)
{
    char path[MAX_PATH];
    WIN32_FIND_DATAA fd;
    bool fAlive = false;
    snprintf(path, sizeof path, "Z:\\proc\\%lu\\task\\*", pid);
    HANDLE hFind = FindFirstFileA(path, &fd);
    if (hFind == INVALID_HANDLE_VALUE)
        return false;
    do {
        char *pchEnd;
        unsigned long tid = strtoul(fd.cFileName, &pchEnd, 10);
        if (tid == 0 || *pchEnd)
            continue;
        snprintf(path, sizeof path, "Z:\\proc\\%lu\\task\\%lu\\stat", pid, tid);
        fAlive = stat_file_running(path);
    } while (!fAlive && FindNextFileA(hFind, &fd));
    FindClose(hFind);
    return fAlive;
}

void os_test_proc_started(void)
{
    const char *sz = getenv(PIPE_ENV);
    if (!sz)
        return;
    HANDLE h = (HANDLE)(uintptr_t)strtoull(sz, NULL, 16);
    char ch = 'S';
    DWORD cbWritten;
    WriteFile(h, &ch, 1, &cbWritten, NULL);
    CloseHandle(h);
}

/* Appends arg to the command line, quoted as CommandLineToArgvW and the C runtime parse it. */
static void cmdline_append(ESENT_WCHAR *wszCmd, size_t *pich, size_t cchMax, const ESENT_WCHAR *wszArg)
{
    size_t ich = *pich;
#define PUT(c) do { if (ich + 1 < cchMax) wszCmd[ich++] = (ESENT_WCHAR)(c); } while (0)
    if (ich) PUT(' ');
    PUT('"');
    for (const ESENT_WCHAR *pw = wszArg; ; pw++) {
        size_t cBackslash = 0;
        while (*pw == '\\') { cBackslash++; pw++; }
        if (!*pw) {
            for (size_t i = 0; i < cBackslash * 2; i++) PUT('\\');
            break;
        }
        if (*pw == '"') {
            for (size_t i = 0; i < cBackslash * 2 + 1; i++) PUT('\\');
        } else {
            for (size_t i = 0; i < cBackslash; i++) PUT('\\');
        }
        PUT(*pw);
    }
    PUT('"');
#undef PUT
    wszCmd[ich] = 0;
    *pich = ich;
}

JET_ERR os_test_proc_spawn_self(int argc, const char *const *argv, struct os_test_proc **pp)
{
    enum { CCH_CMD = 8192 };
    *pp = NULL;
    struct os_test_proc *p = mem_calloc(1, sizeof *p);
    ESENT_WCHAR *wszCmd = mem_calloc(CCH_CMD, sizeof *wszCmd);
    WCHAR wszExe[MAX_PATH];
    if (!p || !wszCmd) {
        mem_free(p);
        mem_free(wszCmd);
        return JET_errOutOfMemory;
    }
    DWORD cch = GetModuleFileNameW(NULL, wszExe, MAX_PATH);
    if (cch == 0 || cch >= MAX_PATH) {
        mem_free(p);
        mem_free(wszCmd);
        return JET_errInvalidPath;
    }
    /* The first word (the child's argv[0]) is the nonce that finds it under /proc. */
    static LONG s_cSpawn;
    char szNonce[64];
    snprintf(szNonce, sizeof szNonce, "esent-test-proc-%lu-%ld", (unsigned long)GetCurrentProcessId(),
             (long)InterlockedIncrement(&s_cSpawn));
    size_t ich = 0;
    for (const char *pc = szNonce; *pc; pc++)
        wszCmd[ich++] = (ESENT_WCHAR)*pc;
    wszCmd[ich] = 0;
    for (int i = 0; i < argc; i++) {
        ESENT_WCHAR *wsz = utf8_to_utf16_dup(argv[i]);
        if (!wsz) {
            mem_free(p);
            mem_free(wszCmd);
            return JET_errOutOfMemory;
        }
        cmdline_append(wszCmd, &ich, CCH_CMD, wsz);
        mem_free(wsz);
    }
    /* The announce pipe: only its write end is inheritable, named to the child by PIPE_ENV. */
    SECURITY_ATTRIBUTES sa = { .nLength = sizeof sa, .bInheritHandle = TRUE };
    HANDLE hRead, hWrite;
    if (!CreatePipe(&hRead, &hWrite, &sa, 0)) {
        mem_free(p);
        mem_free(wszCmd);
        return JET_errOutOfMemory;
    }
    SetHandleInformation(hRead, HANDLE_FLAG_INHERIT, 0);
    char szHandle[32];
    snprintf(szHandle, sizeof szHandle, "%llx", (unsigned long long)(uintptr_t)hWrite);
    SetEnvironmentVariableA(PIPE_ENV, szHandle);
    STARTUPINFOW si = { .cb = sizeof si };
    fflush(NULL);   /* the child shares our console: no output twice */
    BOOL fOk = CreateProcessW(wszExe, (WCHAR *)wszCmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &p->pi);
    SetEnvironmentVariableA(PIPE_ENV, NULL);
    CloseHandle(hWrite);
    mem_free(wszCmd);
    if (!fOk) {
        CloseHandle(hRead);
        mem_free(p);
        return JET_errOutOfMemory;
    }
    /* Until the child announces itself (or dies: the pipe then breaks). */
    char ch;
    DWORD cbRead = 0;
    if (ReadFile(hRead, &ch, 1, &cbRead, NULL) && cbRead == 1)
        p->pidUnix = unix_pid_find(szNonce);
    CloseHandle(hRead);
    *pp = p;
    return JET_errSuccess;
}

void os_test_proc_kill(struct os_test_proc *p)
{
    if (p)
        TerminateProcess(p->pi.hProcess, 0xDEAD);
}

int os_test_proc_wait(struct os_test_proc *p)
{
    DWORD code = 0;
    WaitForSingleObject(p->pi.hProcess, INFINITE);
    GetExitCodeProcess(p->pi.hProcess, &code);
    unsigned ms = 0;
    for (; p->pidUnix && unix_pid_alive(p->pidUnix) && ms < 30000; ms++)
        Sleep(1);
    if (getenv("ESENT_TEST_PROC_DEBUG"))
        fprintf(stderr, "os_test_proc: pid %lu gone after %u polls\n", p->pidUnix, ms);
    CloseHandle(p->pi.hProcess);
    CloseHandle(p->pi.hThread);
    mem_free(p);
    return code == 0xDEAD ? -1 : (int)code;
}
