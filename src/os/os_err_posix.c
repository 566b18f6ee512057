/* SPDX-License-Identifier: MIT
 * os/os_err_posix.c: errno -> JET_ERR, the one place the Linux build maps native errors.
 * Layer: os. The table mirrors ESE's Win32 mapping (ErrOSErrFromWin32Err and
 * ErrOSFileIFromWinError) through the errno each Win32 error corresponds to. ENOENT is
 * JET_errFileNotFound here; callers that can tell a missing directory from a missing file
 * (os_file_posix.c) turn the former into JET_errInvalidPath, as ERROR_PATH_NOT_FOUND is. */
#include <errno.h>
#include <string.h>

#include "os_int.h"
#include "debug.h"

DEBUG_CHANNEL(os);

JET_ERR os_err_from_errno(int e)
{
    switch (e) {
    case 0:
        return JET_errSuccess;
    case ENOSPC:                /* ERROR_DISK_FULL */
    case EDQUOT:                /* ERROR_DISK_QUOTA_EXCEEDED is reported as disk full too */
        return ERR_TRAP(JET_errDiskFull);
    case EACCES:                /* ERROR_ACCESS_DENIED */
    case EPERM:
    case EROFS:                 /* ERROR_WRITE_PROTECT */
    case EISDIR:                /* CreateFileW on a directory: ERROR_ACCESS_DENIED */
    case EBUSY:
    case ETXTBSY:
    case EWOULDBLOCK:           /* a lock conflict: ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION */
    case EBADF:                 /* writing through a read-only descriptor */
        return ERR_TRAP(JET_errFileAccessDenied);
    case ENOENT:                /* ERROR_FILE_NOT_FOUND */
        return ERR_TRAP(JET_errFileNotFound);
    case ENOTDIR:               /* ERROR_PATH_NOT_FOUND / ERROR_DIRECTORY */
    case ENAMETOOLONG:          /* ERROR_FILENAME_EXCED_RANGE */
    case ELOOP:
        return ERR_TRAP(JET_errInvalidPath);
    case EEXIST:                /* ERROR_FILE_EXISTS / ERROR_ALREADY_EXISTS */
        return ERR_TRAP(JET_errFileAlreadyExists);
    case EMFILE:                /* ERROR_TOO_MANY_OPEN_FILES */
    case ENFILE:
        return ERR_TRAP(JET_errOutOfFileHandles);
    case ENOMEM:                /* ERROR_NOT_ENOUGH_MEMORY */
        return ERR_TRAP(JET_errOutOfMemory);
    case EIO:                   /* ERROR_IO_DEVICE */
    case ENXIO:
    case ENODEV:                /* ERROR_DEVICE_NOT_CONNECTED */
        return ERR_TRAP(JET_errDiskIO);
    case EINVAL:                /* ERROR_INVALID_PARAMETER (file I/O) */
        return ERR_TRAP(JET_errInvalidParameter);
    case EUCLEAN:               /* ERROR_FILE_CORRUPT / ERROR_DISK_CORRUPT (ext4's EFSCORRUPTED) */
        return ERR_TRAP(JET_errFileSystemCorruption);
    default:
        WARN("unexpected errno %d (%s), reporting JET_errDiskIO\n", e, strerror(e));
        return ERR_TRAP(JET_errDiskIO);
    }
}
