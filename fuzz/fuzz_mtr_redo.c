/* SPDX-License-Identifier: MIT
 * fuzz/fuzz_mtr_redo.c: arbitrary LOG_REC_PAGES payloads through cache_redo and
 * cache_record_dbid, on a small database file in os_mem. Layer reached: cache (and page, log,
 * os, base).
 *
 * Input: byte 0 holds flags, then up to 8 records, each a le16 length and that many bytes (a
 * length past the input takes what is left):
 *   bits 0-1  page size: 4, 8, 16 or 32 KiB
 *   bit 2     the file's pages are garbage (else valid pages, page n tagged n)
 *   bit 3     after the records, flush, register the file again and apply them once more
 * Checked, beyond "never crash, never trip an assert":
 *   - cache_redo answers success, JET_errLogFileCorrupt, JET_errDatabaseCorrupted or
 *     JET_errReadVerifyFailure, and cache_record_dbid agrees on which records are malformed;
 *   - a record that applied applies again without error and without changing any page
 *     (idempotence, what a crash during recovery relies on). */
#include <stdio.h>
#include <stdlib.h>

#include "cache.h"
#include "cache_format.h"
#include "page.h"
#include "os_test.h"

#define CHECK(x) do { if (!(x)) { fprintf(stderr, "fuzz_mtr_redo: check failed: %s (line %d)\n", #x, __LINE__); abort(); } } while (0)
#define W(s) ((const ESENT_WCHAR *)u"" s)
#define CPG_FILE 4u
#define CRECORD_MAX 8u

static struct cache *g_cache;
static struct os_vfs *g_vfs;

static bool redo_error_ok(JET_ERR err)
{
    return err == JET_errSuccess || err == JET_errLogFileCorrupt || err == JET_errDatabaseCorrupted ||
           err == JET_errReadVerifyFailure;
}

/* The pages a well-formed record names (parsed here independently, with bounds checks). */
static uint32_t record_pgnos(const struct log_record *rec, uint32_t rgpgno[MTR_MAX_PAGES])
{
    const uint8_t *pb = rec->pv;
    uint32_t c = 0;
    if (rec->cb < sizeof(struct mtr_rec_header_disk))
        return 0;
    size_t ib = sizeof(struct mtr_rec_header_disk);
    for (uint32_t i = 0; i < pb[1] && i < MTR_MAX_PAGES; i++) {
        if (rec->cb - ib < sizeof(struct mtr_rec_page_disk))
            break;
        const struct mtr_rec_page_disk *d = (const void *)(pb + ib);
        rgpgno[c++] = le32_get(&d->pgno);
        ib += sizeof *d;
        if (rec->cb - ib < le32_get(&d->cbBody))
            break;
        ib += le32_get(&d->cbBody);
    }
    return c;
}

static void snapshot(struct cache_file *f, uint32_t cb, const uint32_t *rgpgno, uint32_t c, uint8_t *pb)
{
    for (uint32_t i = 0; i < c; i++) {
        struct page_ref r;
        CHECK(cache_get(f, rgpgno[i], CACHE_LATCH_SHARED, CACHE_GET_NO_VERIFY, &r) == JET_errSuccess);
        memcpy(pb + (size_t)i * cb, r.buf, cb);
        cache_put(&r);
    }
}

static void run(const uint8_t *data, size_t size, uint32_t cbPage, bool fGarbage, bool fAgain)
{
    static uint8_t rgbFile[(CPG_FILE + 2) * PAGE_CB_MAX];
    static uint8_t rgbBefore[MTR_MAX_PAGES * PAGE_CB_MAX], rgbAfter[MTR_MAX_PAGES * PAGE_CB_MAX];
    struct log_record rgrec[CRECORD_MAX];
    uint32_t crec = 0;
    struct os_file *file;
    struct cache_file *f;
    uint64_t dbtime = 1;

    /* The records. */
    while (size > 0 && crec < CRECORD_MAX) {
        size_t cb = size >= 2 ? get_le16(data) : 0;
        size_t ib = size >= 2 ? 2 : size;
        if (cb > size - ib)
            cb = size - ib;
        rgrec[crec] = (struct log_record){ lsn_make(1, 4096 + 64 * crec), LOG_REC_PAGES, data + ib, (uint32_t)cb };
        crec++;
        data += ib + cb;
        size -= ib + cb;
    }

    /* The file. */
    size_t cbFile = (size_t)(CPG_FILE + 2) * cbPage;
    memset(rgbFile, 0, cbFile);
    for (uint32_t pgno = 1; pgno <= CPG_FILE; pgno++) {
        uint8_t *pg = rgbFile + page_file_offset(pgno, cbPage);
        if (fGarbage) {
            for (uint32_t i = 0; i < cbPage; i++)
                pg[i] = (uint8_t)(i * 131 + pgno * 7);
            continue;
        }
        struct page_buf pb = page_buf_make(pg, cbPage, pgno);
        uint8_t key[4];
        put_le32(key, pgno);
        page_init(&pb, 100, 1, PAGE_FLAG_LEAF);
        CHECK(page_insert_node(&pb, 0, key, 4, key, 4, 0) == JET_errSuccess);
        page_checksum_set(pg, cbPage, pgno);
    }
    CHECK(os_test_write_file(g_vfs, W("fuzz.edb"), rgbFile, cbFile) == JET_errSuccess);
    CHECK(os_file_open(g_vfs, W("fuzz.edb"), 0, &file) == JET_errSuccess);
    struct cache_file_desc d = { .file = file, .cbPage = cbPage, .dbid = 1, .pdbtime = &dbtime };
    CHECK(cache_file_register(g_cache, &d, &f) == JET_errSuccess);

    bool rgfApplied[CRECORD_MAX];
    for (uint32_t i = 0; i < crec; i++) {
        uint32_t dbid;
        JET_ERR err = cache_redo(f, &rgrec[i], NULL, NULL);
        CHECK(redo_error_ok(err));
        JET_ERR errDbid = cache_record_dbid(&rgrec[i], &dbid);
        CHECK(errDbid == JET_errSuccess || errDbid == JET_errLogFileCorrupt);
        /* A record cache_redo takes is well formed for cache_record_dbid too (the converse
         * need not hold: only redo knows the file's page size). */
        if (err != JET_errLogFileCorrupt)
            CHECK(errDbid == JET_errSuccess);
        rgfApplied[i] = err == JET_errSuccess;
    }

    /* Idempotence, in memory. */
    for (uint32_t i = 0; i < crec; i++) {
        if (!rgfApplied[i])
            continue;
        uint32_t rgpgno[MTR_MAX_PAGES];
        uint32_t c = record_pgnos(&rgrec[i], rgpgno);
        snapshot(f, cbPage, rgpgno, c, rgbBefore);
        CHECK(cache_redo(f, &rgrec[i], NULL, NULL) == JET_errSuccess);
        snapshot(f, cbPage, rgpgno, c, rgbAfter);
        CHECK(memcmp(rgbBefore, rgbAfter, (size_t)c * cbPage) == 0);
    }

    /* Against the disk: only files that stayed small (an image may name any page). */
    if (fAgain && cache_file_cpg(f) <= 64) {
        CHECK(cache_file_flush(f) == JET_errSuccess);
        cache_file_unregister(f);
        CHECK(cache_file_register(g_cache, &d, &f) == JET_errSuccess);
        for (uint32_t i = 0; i < crec; i++)
            CHECK(redo_error_ok(cache_redo(f, &rgrec[i], NULL, NULL)));
    }
    cache_file_unregister(f);
    os_file_close(file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_cache) {
        CHECK(cache_create(16, 64, &g_cache) == JET_errSuccess);
        cache_set_flush_thresholds(g_cache, 0, 0);
        g_vfs = os_mem_create();
    }
    if (size == 0)
        return 0;
    run(data + 1, size - 1, 4096u << (data[0] & 3), data[0] & 4, data[0] & 8);
    return 0;
}
