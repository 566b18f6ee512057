/* SPDX-License-Identifier: MIT
 * bench/bench_fs.c: bench_fs.h on POSIX (the SQLite and LMDB backends only run on Linux). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bench_fs.h"

static int make_dirs(const char *dir)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

int bench_fresh_dir(const char *dir, const char *name, char *path, size_t cbPath, const char *ext)
{
    static const char *const rgszSuffix[] = { "", "-wal", "-shm", "-lock" };
    char buf[1200];
    if (make_dirs(dir) < 0) return -1;
    for (size_t i = 0; i < sizeof rgszSuffix / sizeof rgszSuffix[0]; i++) {
        snprintf(buf, sizeof buf, "%s/%s.%s%s", dir, name, ext, rgszSuffix[i]);
        remove(buf);
    }
    snprintf(path, cbPath, "%s/%s.%s", dir, name, ext);
    return 0;
}
