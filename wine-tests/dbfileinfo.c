/* SPDX-License-Identifier: MIT
 * wine-tests/dbfileinfo.c: JetGetDatabaseFileInfo on databases, logs and checkpoint files written
 * by Windows (the samples): header fields, page sizes, file types, buffer-size rules. It needs
 * no instance. */
#include "test_util.h"

struct expect {
    const char *file;
    unsigned long cbPage, ulUpdate, dbstate, genMin, genMax, dwMajor, dwMinor, dwBuild, fNoShadow;
};

/* What the samples' headers hold (samples/README.md, and the header bytes themselves: the File
 * History catalog is the one sample with the shadow catalog disabled, header byte 208). */
static const struct expect expects[] = {
    { "dissect-esedb/basic.edb",         4096, 0x14,  JET_dbstateCleanShutdown, 0, 0, 6, 2, 9200 , 0 },
    { "dissect-esedb/large.edb",        32768, 0x14,  JET_dbstateCleanShutdown, 0, 0, 6, 2, 9200 , 0 },
    { "dissect-esedb/SRUDB.dat",         4096, 0x14,  JET_dbstateCleanShutdown, 0, 0, 10, 0, 17763 , 0 },
    { "ese-parser/decompress_test.edb",  8192, 0x14,  JET_dbstateCleanShutdown, 0, 0, 6, 2, 9200 , 0 },
    { "dsinternals/adamntds.dit",        8192, 0x0c,  JET_dbstateCleanShutdown, 0, 0, 6, 0, 6001 , 0 },
    { "plaso/Catalog1.edb",              4096, 0x14,  JET_dbstateCleanShutdown, 0, 0, 6, 3, 9600, 1 },
    { "go-ese/qmgr.db",                 16384, 0x12c, JET_dbstateDirtyShutdown, 23, 23, 10, 0, 26100 , 0 },
    { "dfir-artifact-museum/srum-win10-belkasoft/Dirty/SRUDB.dat", 4096, 0x14, JET_dbstateDirtyShutdown, 81, 81, 10, 0, 17763 , 0 },
    { "dfir-artifact-museum/srum-win10-belkasoft/Clean/SRUDB.dat", 4096, 0x6e, JET_dbstateCleanShutdown, 0, 0, 10, 0, 19044 , 0 },
};

START_TEST(dbfileinfo)
{
    char path[MAX_PATH];
    JET_DBINFOMISC4 misc;
    JET_DBINFOMISC misc1;
    unsigned long cb;
    long filetype;
    unsigned __int64 cbFile;
    JET_ERR err;

    for (size_t i = 0; i < sizeof expects / sizeof expects[0]; i++) {
        const struct expect *e = &expects[i];
        if (!test_sample_path(e->file, path, sizeof path)) return;
        memset(&misc, 0xcc, sizeof misc);
        err = JetGetDatabaseFileInfoA(path, &misc, sizeof misc, JET_DbInfoMisc);
        ok(err == JET_errSuccess, "%s: JET_DbInfoMisc returned %ld\n", e->file, err);
        if (err < 0) continue;
        ok(misc.ulVersion == 0x620, "%s: version %#lx\n", e->file, misc.ulVersion);
        ok(misc.ulUpdate == e->ulUpdate, "%s: update %#lx\n", e->file, misc.ulUpdate);
        ok(misc.dbstate == e->dbstate, "%s: state %lu\n", e->file, misc.dbstate);
        ok(misc.cbPageSize == e->cbPage, "%s: page size %lu\n", e->file, misc.cbPageSize);
        ok(misc.genMinRequired == e->genMin && misc.genMaxRequired == e->genMax, "%s: generations %lu-%lu\n",
           e->file, misc.genMinRequired, misc.genMaxRequired);
        ok(misc.dwMajorVersion == e->dwMajor && misc.dwMinorVersion == e->dwMinor && misc.dwBuildNumber == e->dwBuild,
           "%s: OS %lu.%lu.%lu\n", e->file, misc.dwMajorVersion, misc.dwMinorVersion, misc.dwBuildNumber);
        ok(misc.fShadowingDisabled == e->fNoShadow, "%s: shadowing disabled %lu\n", e->file, misc.fShadowingDisabled);

        cb = 0xcccc;
        err = JetGetDatabaseFileInfoA(path, &cb, sizeof cb, JET_DbInfoPageSize);
        ok(err == JET_errSuccess && cb == e->cbPage, "%s: JET_DbInfoPageSize %ld, %lu\n", e->file, err, cb);
        filetype = 0xcccc;
        err = JetGetDatabaseFileInfoA(path, &filetype, sizeof filetype, JET_DbInfoFileType);
        ok(err == JET_errSuccess && filetype == JET_filetypeDatabase, "%s: file type %ld, %ld\n", e->file, err, filetype);
    }

    if (!test_sample_path("dissect-esedb/basic.edb", path, sizeof path)) return;
    /* Every JET_DBINFOMISC generation is accepted; the first fills the first fields. */
    memset(&misc1, 0xcc, sizeof misc1);
    err = JetGetDatabaseFileInfoA(path, &misc1, sizeof misc1, JET_DbInfoMisc);
    ok(err == JET_errSuccess && misc1.cbPageSize == 4096, "JET_DBINFOMISC: %ld, %lu\n", err, misc1.cbPageSize);
    err = JetGetDatabaseFileInfoA(path, &misc, sizeof misc - 4, JET_DbInfoMisc);
    ok(err == JET_errInvalidBufferSize, "odd size: got %ld\n", err);
    err = JetGetDatabaseFileInfoA(path, &cb, sizeof cb + 1, JET_DbInfoPageSize);
    ok(err == JET_errInvalidBufferSize, "page size, wrong buffer: got %ld\n", err);
    err = JetGetDatabaseFileInfoA(path, &cb, sizeof cb, 9999);
    ok(err == JET_errInvalidParameter, "unknown level: got %ld\n", err);
    cbFile = 0;
    err = JetGetDatabaseFileInfoA(path, &cbFile, sizeof cbFile, JET_DbInfoFilesize);
    ok(err == JET_errSuccess && cbFile % 4096 == 0 && cbFile >= 2 * 4096, "file size %ld, %I64u\n", err, cbFile);
    err = JetGetDatabaseFileInfoW(L"Z:\\no\\such\\file.edb", &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errFileNotFound || err == JET_errInvalidPath, "missing file: got %ld\n", err);

    /* Log and checkpoint files: the type is readable, JET_DbInfoMisc is refused. */
    if (!test_sample_path("dfir-artifact-museum/srum-win10-belkasoft/Clean/SRU.log", path, sizeof path)) return;
    filetype = 0;
    err = JetGetDatabaseFileInfoA(path, &filetype, sizeof filetype, JET_DbInfoFileType);
    ok(err == JET_errSuccess && filetype == JET_filetypeLog, "log file type %ld, %ld\n", err, filetype);
    err = JetGetDatabaseFileInfoA(path, &misc, sizeof misc, JET_DbInfoMisc);
    ok(err == JET_errFileInvalidType, "JET_DbInfoMisc of a log: got %ld\n", err);
    if (!test_sample_path("dfir-artifact-museum/srum-win10-belkasoft/Clean/SRU.chk", path, sizeof path)) return;
    err = JetGetDatabaseFileInfoA(path, &filetype, sizeof filetype, JET_DbInfoFileType);
    ok(err == JET_errSuccess && filetype == JET_filetypeCheckpoint, "checkpoint file type %ld, %ld\n", err, filetype);
}
