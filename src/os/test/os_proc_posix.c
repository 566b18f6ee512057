/* SPDX-License-Identifier: MIT
 * os/test/os_proc_posix.c: os_test_proc on POSIX (fork and exec of /proc/self/exe, SIGKILL).
 * Test support only. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os_test.h"
#include "base.h"

struct os_test_proc {
    pid_t pid;
    bool fKilled;
};

JET_ERR os_test_proc_spawn_self(int argc, const char *const *argv, struct os_test_proc **pp)
{
    *pp = NULL;
    struct os_test_proc *p = mem_calloc(1, sizeof *p);
    char **argvChild = mem_calloc((size_t)argc + 2, sizeof *argvChild);
    if (!p || !argvChild) {
        mem_free(p);
        mem_free(argvChild);
        return JET_errOutOfMemory;
    }
    argvChild[0] = (char *)"self";   /* argv[0]: only the program itself reads it */
    for (int i = 0; i < argc; i++)
        argvChild[i + 1] = (char *)argv[i];
    p->pid = fork();
    if (p->pid == 0) {
        execv("/proc/self/exe", argvChild);
        _exit(127);
    }
    mem_free(argvChild);
    if (p->pid < 0) {
        mem_free(p);
        return JET_errOutOfMemory;
    }
    *pp = p;
    return JET_errSuccess;
}

/* fork and exec: the parent knows the pid, and waitpid returns only once the child is gone. */
void os_test_proc_started(void)
{
}

void os_test_proc_kill(struct os_test_proc *p)
{
    if (p && kill(p->pid, SIGKILL) == 0)
        p->fKilled = true;
}

int os_test_proc_wait(struct os_test_proc *p)
{
    int status = 0;
    while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
        ;
    mem_free(p);
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return -1;
}
