/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_plat_win32.c: what esentutl asks of Windows (chosen by CMake; the Linux
 * counterpart is eu_plat_posix.c). */
#include <windows.h>

#include "esentutl.h"

/* A console, not a file, pipe or the NUL device (which _isatty calls a character device). */
bool eu_plat_stdout_is_terminal(void)
{
    DWORD mode;
    HANDLE h = GetStdHandle(STD_OUTPUT_HANDLE);
    return h && h != INVALID_HANDLE_VALUE && GetConsoleMode(h, &mode);
}

unsigned long eu_plat_process_id(void)
{
    return GetCurrentProcessId();
}

/* Windows' esentutl exits with the JET error itself, and with -1 after a usage error. */
int eu_plat_exit_code(JET_ERR err, bool fUsage)
{
    if (fUsage) return -1;
    return err < 0 ? (int)err : 0;
}
