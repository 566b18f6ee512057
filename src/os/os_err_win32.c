/* SPDX-License-Identifier: MIT
 * os/os_err_win32.c: Win32 error -> JET_ERR, the one place the Windows build maps native errors.
 * Layer: os. It follows ESE: the open/name-space table (ErrOSErrFromWin32Err with JET_errDiskIO
 * as default) merged with the file-I/O table (ErrOSFileIFromWinError). Where they differ the
 * open table wins, except ERROR_HANDLE_EOF, which only reads produce. Additions of ours:
 * ERROR_HANDLE_DISK_FULL and ERROR_DISK_QUOTA_EXCEEDED are disk full, ERROR_FILENAME_EXCED_RANGE
 * is an invalid path (ESE rejects long paths before the OS sees them). */
#include <windows.h>

#include "os_int.h"
#include "debug.h"

DEBUG_CHANNEL(os);

#ifndef ERROR_DISK_QUOTA_EXCEEDED
#define ERROR_DISK_QUOTA_EXCEEDED 1295   /* winerror.h of newer SDKs */
#endif

JET_ERR os_err_from_win32(uint32_t e)
{
    switch (e) {
    case ERROR_SUCCESS:
        return JET_errSuccess;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
    case ERROR_DISK_QUOTA_EXCEEDED:
        return ERR_TRAP(JET_errDiskFull);
    case ERROR_HANDLE_EOF:
        return ERR_TRAP(JET_errFileIOBeyondEOF);
    case ERROR_VC_DISCONNECTED:
    case ERROR_IO_DEVICE:
    case ERROR_DEVICE_NOT_CONNECTED:
        return ERR_TRAP(JET_errDiskIO);
    case ERROR_FILE_CORRUPT:
    case ERROR_DISK_CORRUPT:
        return ERR_TRAP(JET_errFileSystemCorruption);
    case ERROR_NOT_READY:               /* no medium in the drive: as if the file were absent */
    case ERROR_NO_MORE_FILES:
    case ERROR_FILE_NOT_FOUND:
        return ERR_TRAP(JET_errFileNotFound);
    case ERROR_PATH_NOT_FOUND:
    case ERROR_DIRECTORY:
    case ERROR_BAD_NET_NAME:
    case ERROR_BAD_NETPATH:
    case ERROR_BAD_PATHNAME:
    case ERROR_INVALID_NAME:
    case ERROR_FILENAME_EXCED_RANGE:
        return ERR_TRAP(JET_errInvalidPath);
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
    case ERROR_WRITE_PROTECT:
        return ERR_TRAP(JET_errFileAccessDenied);
    case ERROR_TOO_MANY_OPEN_FILES:
        return ERR_TRAP(JET_errOutOfFileHandles);
    case ERROR_NO_SYSTEM_RESOURCES:
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
    case ERROR_WORKING_SET_QUOTA:
    case ERROR_COMMITMENT_LIMIT:
    case ERROR_INVALID_USER_BUFFER:
        return ERR_TRAP(JET_errOutOfMemory);
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        return ERR_TRAP(JET_errFileAlreadyExists);
    case ERROR_INVALID_PARAMETER:
    case ERROR_CALL_NOT_IMPLEMENTED:
    case ERROR_INVALID_ADDRESS:
    case ERROR_NOT_SUPPORTED:
        return ERR_TRAP(JET_errInvalidParameter);
    case ERROR_CRC:
        return ERR_TRAP(JET_errDiskReadVerificationFailure);
    default:
        WARN("unexpected Win32 error %lu, reporting JET_errDiskIO\n", (unsigned long)e);
        return ERR_TRAP(JET_errDiskIO);
    }
}
