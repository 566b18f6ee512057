/* SPDX-License-Identifier: MIT
 * log/tests/log_tests.h: helpers shared by the log layer's CMocka tests: configurations over
 * os_mem, deterministic record payloads, reading a whole log back. */
#ifndef LOG_TESTS_H
#define LOG_TESTS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "log_int.h"
#include "os_test.h"

#define W(s) ((const ESENT_WCHAR *)u"" s)

/* printf into one of a ring of UTF-16 buffers (valid for the next 15 calls). */
static inline const ESENT_WCHAR *wfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline const ESENT_WCHAR *wfmt(const char *fmt, ...)
{
    static ESENT_WCHAR ring[16][1024];
    static unsigned next;
    char sz[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sz, sizeof sz, fmt, ap);
    va_end(ap);
    ESENT_WCHAR *wsz = ring[next++ % 16];
    size_t cch;
    utf8_to_utf16(sz, wsz, 1024, &cch);
    return wsz;
}

/* UTF-8 copy of a UTF-16 string in a ring buffer (for assert_string_equal). */
static inline const char *narrow(const ESENT_WCHAR *wsz)
{
    static char ring[8][1024];
    static unsigned next;
    char *sz = ring[next++ % 8];
    size_t cb;
    utf16_to_utf8(wsz, sz, 1024, &cb);
    return sz;
}

/* A configuration in folder /l of vfs, ESENT's names, small files. */
static inline struct log_config test_cfg(struct os_vfs *vfs, uint32_t cbFile, uint32_t cbBuffer, uint32_t cbSector)
{
    struct log_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.vfs = vfs;
    cfg.wszLogPath = W("/l/");
    cfg.wszSystemPath = W("/s");
    cfg.wszBaseName = W("edb");
    cfg.cbLogFile = cbFile;
    cfg.cbLogBuffer = cbBuffer;
    cfg.cbSector = cbSector;
    cfg.fCreatePath = true;
    cfg.grbitLegacyFileNames = LOG_LEGACY_FILE_NAMES_ESENT;
    return cfg;
}

/* Payload of record i: its length and bytes follow from i and a seed. */
static inline uint32_t test_rec_cb(uint32_t i, uint32_t cbMax)
{
    uint32_t x = i * 2654435761u;
    return (x >> 7) % (cbMax + 1);
}
static inline void test_rec_fill(uint8_t *pb, uint32_t cb, uint32_t i)
{
    uint32_t x = i * 0x9E3779B9u + 1;
    for (uint32_t k = 0; k < cb; k++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        pb[k] = (uint8_t)x;
    }
    if (cb >= 4) put_le32(pb, i);   /* the index, so a reader can tell which record it has */
}
static inline bool test_rec_check(const uint8_t *pb, uint32_t cb, uint32_t i)
{
    uint8_t *pbExp = malloc(cb ? cb : 1);
    test_rec_fill(pbExp, cb, i);
    bool f = memcmp(pb, pbExp, cb) == 0;
    free(pbExp);
    return f;
}

/* Append record i (cb bytes, type LOG_REC_USER_MIN + i % 8). */
static inline JET_ERR test_append(struct log *log, uint32_t i, uint32_t cb, lsn_t *plsn)
{
    uint8_t *pb = malloc(cb ? cb : 1);
    test_rec_fill(pb, cb, i);
    JET_ERR err = log_append(log, (uint8_t)(LOG_REC_USER_MIN + i % 8), pb, cb, plsn);
    free(pb);
    return err;
}

/* Everything a reader returns from lsnFrom: counts, and checks each record is record first+k. */
struct test_read {
    JET_ERR errEnd;       /* 1 at a clean end, else the error */
    uint32_t c;           /* user records read (types >= LOG_REC_USER_MIN) */
    uint32_t cOther;      /* others (TERM, ...) */
    uint8_t typeLast;
    lsn_t lsnLast;
};
static inline struct test_read test_read_all(struct log *log, lsn_t lsnFrom, uint32_t iFirst,
                                             const uint32_t *rgcb, const lsn_t *rglsn)
{
    struct test_read tr = { 0, 0, 0, 0, LSN_NONE };
    struct log_reader *r = NULL;
    struct log_record rec;
    JET_ERR err = log_reader_open(log, lsnFrom, &r);
    if (err < 0) { tr.errEnd = err; return tr; }
    while ((err = log_reader_next(r, &rec)) == JET_errSuccess) {
        assert_true(rec.lsn > tr.lsnLast);
        tr.lsnLast = rec.lsn;
        tr.typeLast = rec.type;
        if (rec.type < LOG_REC_USER_MIN) {
            tr.cOther++;
            continue;
        }
        uint32_t i = iFirst + tr.c;
        if (rgcb) {
            assert_int_equal(rec.cb, rgcb[i]);
            assert_true(test_rec_check(rec.pv, rec.cb, i));
            assert_int_equal(rec.type, LOG_REC_USER_MIN + i % 8);
        }
        if (rglsn) assert_true(rec.lsn == rglsn[i]);
        tr.c++;
    }
    tr.errEnd = err;
    log_reader_close(r);
    return tr;
}

static inline bool test_exists(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    bool fExists = false, fDir = false;
    assert_int_equal(vfs->ops->exists(vfs, path, &fExists, &fDir), JET_errSuccess);
    return fExists && !fDir;
}

static inline uint64_t test_file_size(struct os_vfs *vfs, const ESENT_WCHAR *path)
{
    struct os_file *f = NULL;
    uint64_t cb = 0;
    assert_int_equal(os_file_open(vfs, path, OS_OPEN_READONLY, &f), JET_errSuccess);
    assert_int_equal(os_file_size(f, &cb), JET_errSuccess);
    os_file_close(f);
    return cb;
}

/* Overwrite bytes of a file (through any vfs). */
static inline void test_poke(struct os_vfs *vfs, const ESENT_WCHAR *path, uint64_t ib, const void *pv, size_t cb)
{
    struct os_file *f = NULL;
    assert_int_equal(os_file_open(vfs, path, 0, &f), JET_errSuccess);
    assert_int_equal(os_file_write(f, ib, pv, cb), JET_errSuccess);
    assert_int_equal(os_file_sync(f), JET_errSuccess);
    os_file_close(f);
}

#endif /* LOG_TESTS_H */
