/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_plat_posix.c: what esentutl asks of Linux (chosen by CMake; the Windows
 * counterpart is eu_plat_win32.c). */
#include <unistd.h>

#include "esentutl.h"

bool eu_plat_stdout_is_terminal(void)
{
    return isatty(STDOUT_FILENO) == 1;
}

unsigned long eu_plat_process_id(void)
{
    return (unsigned long)getpid();
}

int eu_plat_exit_code(JET_ERR err, bool fUsage)
{
    if (fUsage) return 2;
    return err < 0 ? 1 : 0;
}
