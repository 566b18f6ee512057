/* SPDX-License-Identifier: MIT
 * isam/isam_dbfile.c: reading a database file's header without attaching it (JetGetDatabaseFileInfo,
 * esentutl /mh). Works on any ESE file, Windows-made or ours, with or without an instance. */
#include "isam.h"
#include "page.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

/* Two copies of the largest page size: enough to find header and shadow at any size. */
#define HEADER_READ_MAX (2u * 32768u)

JET_ERR isam_db_header_read(struct os_vfs *vfs, const ESENT_WCHAR *wszPath, struct db_header *phdr,
                            uint32_t *pcbPage, uint64_t *pcbFile)
{
    JET_ERR err;
    struct os_file *f = NULL;
    uint8_t *buf = NULL;
    uint64_t cbFile = 0;
    struct page_dbhdr_choice choice;

    if (!wszPath || !wszPath[0]) return ERR_TRAP(JET_errInvalidParameter);
    CALL(os_file_open(vfs, wszPath, OS_OPEN_READONLY, &f));
    CALL(os_file_size(f, &cbFile));
    if (pcbFile) *pcbFile = cbFile;
    size_t cbRead = cbFile < HEADER_READ_MAX ? (size_t)cbFile : HEADER_READ_MAX;
    buf = mem_calloc(1, HEADER_READ_MAX);
    if (!buf) FAIL(JET_errOutOfMemory);
    if (cbRead) CALL(os_file_read(f, 0, buf, cbRead));
    err = page_dbhdr_select(buf, cbRead, &choice);
    if (err < 0) {
        err = page_dbhdr_unreadable_error(buf, cbRead);
        WARN("%s: no readable header (%ld)", debugstr_w(wszPath), (long)err);
        goto out;
    }
    CALL(page_dbhdr_parse(buf + choice.ibHeader, choice.cbPage, phdr));
    if (pcbPage) *pcbPage = choice.cbPage;
out:
    mem_free(buf);
    os_file_close(f);
    return err;
}
