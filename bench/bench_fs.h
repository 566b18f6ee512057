/* SPDX-License-Identifier: MIT
 * bench/bench_fs.h: a fresh folder for one engine's table (portable: C stdio plus mkdir/remove
 * through the C library each platform's toolchain provides). */
#ifndef BENCH_FS_H
#define BENCH_FS_H

#include <stddef.h>

/* Makes dir (and its parent) if missing, removes dir/<name>.<ext> and its usual companions
 * (-wal, -shm, -lock), and gives the path dir/<name>.<ext> in path. */
int bench_fresh_dir(const char *dir, const char *name, char *path, size_t cbPath, const char *ext);

#endif /* BENCH_FS_H */
