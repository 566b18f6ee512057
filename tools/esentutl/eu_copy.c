/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_copy.c: /y, copy a file (a database, a log, anything) the way Windows'
 * esentutl does: the destination must not exist (default: the source's name in the current
 * folder), the copy is synced before success is reported, and a failed copy leaves no partial
 * destination behind. With /i, unreadable ranges are written as zeros and counted, and the
 * result is the warning JET_wrnDatabaseRepaired, as in Windows. */
#include <inttypes.h>
#include <stdio.h>

#include "esentutl.h"
#include "os.h"

#define CB_CHUNK (1024u * 1024u)

JET_ERR eu_mode_copy(const struct eu_opts *o)
{
    JET_ERR err;
    struct os_file *fSrc = NULL, *fDest = NULL;
    uint8_t *pb = NULL;
    uint64_t cbFile = 0, cbRead = 0, cbWritten = 0, cbReadErrors = 0;
    uint32_t cReadErrors = 0;
    bool fCreated = false;
    struct eu_progress prog;
    char szErr[512];
    const char *szDest = o->szDest;

    if (!szDest) {
        /* The source's file name, in the current folder. */
        szDest = o->szSource;
        for (const char *p = o->szSource; *p; p++)
            if (*p == '/' || *p == '\\') szDest = p + 1;
    }
    printf("Initiating COPY FILE mode...\n");
    printf("     Source File: %s\n", o->szSource);
    printf("Destination File: %s\n\n", szDest);

    CALL(eu_file_open(o->szSource, OS_OPEN_READONLY | OS_OPEN_SHARE_READ, &fSrc));
    CALL(os_file_size(fSrc, &cbFile));
    CALL(eu_file_open(szDest, OS_OPEN_CREATE_NEW, &fDest));
    fCreated = true;
    pb = mem_alloc(CB_CHUNK);
    if (!pb) FAIL(JET_errOutOfMemory);

    eu_progress_begin(&prog, "Copy Progress (% complete)");
    for (uint64_t ib = 0; ib < cbFile;) {
        size_t cb = (size_t)MIN((uint64_t)CB_CHUNK, cbFile - ib);
        err = os_file_read(fSrc, ib, pb, cb);
        if (err < 0) {
            printf("Read at offset 0x%016" PRIx64 " for %lu bytes failed with error %ld (%s).\n", ib, (unsigned long)cb,
                   (long)err, eu_err_text(err, szErr, sizeof szErr));
            if (!o->fIgnoreIoErrors) {
                eu_progress_end(&prog);
                goto out;
            }
            memset(pb, 0, cb);
            cReadErrors++;
            cbReadErrors += cb;
        } else {
            cbRead += cb;
        }
        err = os_file_write(fDest, ib, pb, cb);
        if (err < 0) {
            eu_progress_end(&prog);
            printf("Write at offset 0x%016" PRIx64 " for %lu bytes failed with error %ld (%s).\n", ib, (unsigned long)cb,
                   (long)err, eu_err_text(err, szErr, sizeof szErr));
            goto out;
        }
        cbWritten += cb;
        ib += cb;
        eu_progress_update(&prog, ib, cbFile);
    }
    CALL(os_file_sync(fDest));
    eu_progress_end(&prog);

    printf("\n\tTotal bytes read                = %#" PRIx64 " (%" PRIu64 ") (%" PRIu64 " MB)\n", cbRead, cbRead, cbRead >> 20);
    printf("\tTotal bytes written             = %#" PRIx64 " (%" PRIu64 ") (%" PRIu64 " MB)\n", cbWritten, cbWritten, cbWritten >> 20);
    if (o->fIgnoreIoErrors) {
        printf("\tNumber of read errors           = %" PRIu32 "\n", cReadErrors);
        printf("\tBytes affected by read errors   = %#" PRIx64 " (%" PRIu64 ") (%" PRIu64 " kB)\n", cbReadErrors, cbReadErrors,
               cbReadErrors >> 10);
        printf("\tNumber of write errors          = 0\n");
        printf("\tBytes affected by write errors  = 0 (0) (0 kB)\n");
    }
    err = cReadErrors ? JET_wrnDatabaseRepaired : JET_errSuccess;
out:
    mem_free(pb);
    os_file_close(fSrc);
    os_file_close(fDest);
    if (err < 0 && fCreated) {
        JET_ERR errDelete = eu_file_delete(szDest);     /* best effort: the copy already failed */
        (void)errDelete;
    }
    return err;
}
