/* SPDX-License-Identifier: MIT
 * fuzz/fuzz_log.c: arbitrary bytes as log and checkpoint files, through log_open and the reader
 * (over os_mem). Layer reached: log (and os, base).
 *
 * Input: byte 0 holds flags, then up to three files, each a le32 length and that many bytes
 * (a length past the input takes what is left):
 *   bits 0-1  which files: 0 edb.log; 1 edb00001.log, edb.log; 2 edb.log, edb.chk;
 *             3 edb00001.log, edb.log, edb.chk
 *   bit 2     the configuration's sector size: 512, else 4096
 *   bit 3     after reading, start the log, append, end it cleanly, and read it all again
 *   bit 4     fix the checksums of the log files' headers and records first, so that mutations
 *             of their fields reach the checks behind the checksum
 * Checked, beyond "never crash, never trip an assert":
 *   - log_open and the reader answer with documented errors only;
 *   - the reader returns records in increasing LSN order, each inside a generation log_open saw,
 *     ending with 1 (the end) or an error;
 *   - a log that opens can be started, written and read back: what was appended is read back. */
#include <stdio.h>
#include <stdlib.h>

#include "log_int.h"
#include "os_test.h"

#define CHECK(x) do { if (!(x)) { fprintf(stderr, "fuzz_log: check failed: %s (line %d)\n", #x, __LINE__); abort(); } } while (0)
#define W(s) ((const ESENT_WCHAR *)u"" s)

static bool open_error_ok(JET_ERR err)
{
    switch (err) {
    case JET_errMissingLogFile: case JET_errLogGenerationMismatch: case JET_errBadLogSignature:
    case JET_errInvalidLogSequence: case JET_errLogFileCorrupt: case JET_errBadCheckpointSignature:
    case JET_errCheckpointCorrupt: case JET_errBadLogVersion:
        return true;
    default:
        return false;
    }
}

/* Recompute header and record checksums of a log file in place (flag bit 4). */
static void fix_checksums(uint8_t *pb, size_t cb)
{
    if (cb < sizeof(struct log_file_header)) return;
    put_le32(pb, log_crc32c(0, pb + 4, sizeof(struct log_file_header) - 4));
    struct log_hdr h;
    if (log_hdr_parse(pb, cb, cb, &h) < 0) return;
    uint32_t seed = log_crc32c(0, h.signLog, LOG_CB_SIGNATURE);
    size_t ib = h.cbSector;
    while (ib + LOG_CB_FRAME <= cb && ib + LOG_CB_FRAME <= h.cbFile) {
        uint32_t ulCbType = get_le32(pb + ib + 4);
        uint32_t cbPayload = log_frame_cb(ulCbType);
        if (log_frame_type(ulCbType) == 0 || ib + log_frame_span(cbPayload) > cb) break;
        uint8_t rgbLsn[8];
        put_le64(rgbLsn, lsn_make(h.gen, (uint32_t)ib));
        uint32_t crc = log_crc32c(seed, pb + ib + 4, 4);
        crc = log_crc32c(crc, pb + ib + LOG_CB_FRAME, cbPayload);
        put_le32(pb + ib, log_crc32c(crc, rgbLsn, 8));
        ib += log_frame_span(cbPayload);
    }
}

/* Reads everything from lsnFrom; returns the number of records. */
static uint32_t read_all(struct log *log, lsn_t lsnFrom, const struct log_state *st)
{
    struct log_reader *r = NULL;
    struct log_record rec;
    uint32_t c = 0;
    lsn_t lsnPrev = 0;
    JET_ERR err = log_reader_open(log, lsnFrom, &r);
    if (err < 0) {
        CHECK(err == JET_errMissingLogFile || err == JET_errInvalidParameter);
        return 0;
    }
    while ((err = log_reader_next(r, &rec)) == JET_errSuccess) {
        CHECK(rec.lsn > lsnPrev);
        CHECK(rec.type != 0 && rec.type != LOG_REC_PAD);
        CHECK(rec.cb == 0 || rec.pv != NULL);
        if (st) CHECK(lsn_generation(rec.lsn) >= st->genMin && rec.lsn < st->lsnEndOfData);
        lsnPrev = rec.lsn;
        c++;
    }
    CHECK(err == 1 || err == JET_errLogFileCorrupt || err == JET_errMissingLogFile);
    log_reader_close(r);
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ESENT_WCHAR *const rgName[4][3] = {
        { W("/l/edb.log"), NULL, NULL },
        { W("/l/edb00001.log"), W("/l/edb.log"), NULL },
        { W("/l/edb.log"), W("/l/edb.chk"), NULL },
        { W("/l/edb00001.log"), W("/l/edb.log"), W("/l/edb.chk") },
    };
    if (size < 1) return 0;
    uint8_t flags = data[0];
    size_t ib = 1;
    struct os_vfs *vfs = os_mem_create();
    CHECK(vfs);
    CHECK(vfs->ops->mkdir(vfs, W("/l")) == JET_errSuccess);

    for (int i = 0; i < 3 && rgName[flags & 3][i]; i++) {
        size_t cb = 0;
        if (ib + 4 <= size) {
            cb = get_le32(data + ib);
            ib += 4;
        }
        cb = MIN(cb, size - MIN(ib, size));
        uint8_t *pb = malloc(cb ? cb : 1);
        if (cb) memcpy(pb, data + ib, cb);
        ib += cb;
        bool fChk = rgName[flags & 3][i][7] == 'c';
        if ((flags & 0x10) && !fChk) fix_checksums(pb, cb);
        CHECK(os_test_write_file(vfs, rgName[flags & 3][i], pb, cb) == JET_errSuccess);
        free(pb);
    }

    struct log_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.vfs = vfs;
    cfg.wszLogPath = W("/l");
    cfg.wszSystemPath = W("/l");
    cfg.wszBaseName = W("edb");
    cfg.cbLogFile = 64 * 1024;
    cfg.cbLogBuffer = 16 * 1024;
    cfg.cbSector = (flags & 4) ? 512 : 4096;
    cfg.grbitLegacyFileNames = LOG_LEGACY_FILE_NAMES_ESENT;

    struct log *log = NULL;
    struct log_state st;
    JET_ERR err = log_open(&cfg, &log, &st);
    bool fVerbose = getenv("FUZZ_LOG_VERBOSE") != NULL;
    if (fVerbose) fprintf(stderr, "fuzz_log: log_open %d, generations %u..%u\n", (int)err, st.genMin, st.genMax);
    if (err < 0) {
        if (!open_error_ok(err)) {
            fprintf(stderr, "fuzz_log: log_open gave %d\n", (int)err);
            abort();
        }
        CHECK(log == NULL);
        os_mem_destroy(vfs);
        return 0;
    }
    CHECK(log != NULL);
    CHECK(!st.fExisting || (st.genMin >= 1 && st.genMin <= st.genMax && lsn_generation(st.lsnEndOfData) == st.genMax));
    uint32_t c = read_all(log, LSN_NONE, st.fExisting ? &st : NULL);
    if (fVerbose) fprintf(stderr, "fuzz_log: %u records\n", c);
    if (st.lsnCheckpoint != LSN_NONE) read_all(log, st.lsnCheckpoint, &st);

    if (flags & 8) {
        /* The log continues after whatever was found. */
        err = log_start(log);
        CHECK(err == JET_errSuccess || err == JET_errLogSequenceEnd);
        if (err == JET_errSuccess) {
            lsn_t lsn;
            CHECK(log_append(log, LOG_REC_USER_MIN, "fuzz", 4, &lsn) == JET_errSuccess);
            CHECK(lsn == st.lsnEnd);
            CHECK(log_term(log) == JET_errSuccess);
            log = NULL;
            struct log_state st2;
            CHECK(log_open(&cfg, &log, &st2) == JET_errSuccess);
            CHECK(st2.fCleanEnd);
            struct log_reader *r;
            struct log_record rec;
            CHECK(log_reader_open(log, lsn, &r) == JET_errSuccess);
            CHECK(log_reader_next(r, &rec) == JET_errSuccess);
            CHECK(rec.lsn == lsn && rec.cb == 4 && memcmp(rec.pv, "fuzz", 4) == 0);
            CHECK(log_reader_next(r, &rec) == JET_errSuccess && rec.type == LOG_REC_TERM);
            CHECK(log_reader_next(r, &rec) == 1);
            log_reader_close(r);
        }
    }
    log_close(log);
    os_mem_destroy(vfs);
    return 0;
}
