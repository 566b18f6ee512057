/* SPDX-License-Identifier: MIT
 * fuzz/fuzz_cursor_read.c: a small database image of arbitrary bytes read the way applications
 * read Windows-made databases: its catalog, then every table opened through the cursor layer,
 * every record visited both ways, every column value retrieved (every instance, separated long
 * values from an offset, compressed values), JetEnumerateColumns, record sizes, bookmarks, every
 * index set, walked and sought with keys made from the records' own values, and the info lists.
 * Layers reached: cursor, catalog, record, btree, space, cache (read-only), page, os_mem and base.
 *
 * Input: byte 0 bits 0-1 pick the page size (4, 8, 16, 32 KiB), bit 2 stamps good checksums on
 * every non-zero page (so structural damage gets past the read check); the rest is database
 * pages 1, 2, ... (at most 64, the last one zero-padded). Seeds: the first pages of Windows-made
 * samples (tests/corpus/cursor_read).
 * Checked, beyond "never crash, never trip an assert, never leak, never hang": moves end, a
 * retrieved size never exceeds what was asked for when the buffer was large enough, and every
 * cursor is closed at the end (cur_db_cursor_count). */
#include <stdio.h>
#include <stdlib.h>

#include "cursor.h"
#include "debug.h"
#include "os_test.h"

#define CHECK(x) do { if (!(x)) { fprintf(stderr, "fuzz_cursor_read: check failed: %s (line %d)\n", #x, __LINE__); abort(); } } while (0)
#define IGNORE(e) do { JET_ERR ignored_ = (e); (void)ignored_; } while (0)
#define CPG_MAX 64u
#define TABLES_MAX 12u
#define ROWS_MAX 200u
#define COLUMNS_MAX 400u
#define INDEXES_MAX 24u

static uint8_t g_buf[65536];

static JET_ERR lcmap(void *pvCtx, const struct rec_locale *ploc, const ESENT_WCHAR *pwch, uint32_t cch, uint8_t *pbOut,
        uint32_t cbOutMax, uint32_t *pcbKey)
{
    (void)pvCtx;
    ESENT_WCHAR wszName[86];
    memcpy(wszName, ploc->wszLocaleName, sizeof wszName);
    wszName[85] = 0;
    struct os_sort_locale loc = { wszName, ploc->lcid, ploc->rgbSortId, ploc->dwNlsVersion };
    uint32_t dwFlags = ploc->dwLCMapFlags;
    if (dwFlags != REC_LCMAP_UPPERCASE)
        dwFlags |= OS_LCMAP_SORTKEY;
    return os_lcmap_sortkey(&loc, dwFlags, pwch, cch, pbOut, cbOutMax, pcbKey);
}

static void *JET_API enum_realloc(void *pvContext, void *pv, ESENT_ULONG cb)
{
    (void)pvContext;
    if (cb == 0) {
        free(pv);
        return NULL;
    }
    return realloc(pv, cb);
}

/* Every column of the current record. */
static void read_record(struct cursor *c)
{
    const struct catalog_table *pt = cur_def(c);
    for (uint32_t i = 0; i < pt->creccol && i < COLUMNS_MAX; i++) {
        const struct rec_column *pc = &pt->rgreccol[i];
        if (pc->coltyp == JET_coltypNil)
            continue;
        uint32_t cval = 0;
        if (cur_count_values(c, cur_columnid(pc), false, &cval) < 0)
            continue;
        for (uint32_t itag = 1; itag <= cval && itag <= 4; itag++) {
            struct cur_retrieve r = { .columnid = cur_columnid(pc), .pv = g_buf, .cbMax = sizeof g_buf, .itagSequence = itag };
            const JET_ERR err = cur_retrieve_column(c, &r);
            if (err == JET_errSuccess)
                CHECK(r.cbActual <= sizeof g_buf);
            struct cur_retrieve r2 = { .columnid = cur_columnid(pc), .pv = g_buf, .cbMax = 7, .itagSequence = itag,
                                       .ibLongValue = 3 };
            IGNORE(cur_retrieve_column(c, &r2));
            struct cur_retrieve r3 = { .columnid = cur_columnid(pc), .pv = g_buf, .cbMax = 8, .itagSequence = itag,
                                       .grbit = JET_bitRetrieveLongValueRefCount };
            IGNORE(cur_retrieve_column(c, &r3));
        }
    }
    for (uint32_t itag = 1; itag <= 6; itag++) {
        struct cur_retrieve r = { .columnid = 0, .pv = g_buf, .cbMax = 64, .itagSequence = itag, .grbit = JET_bitRetrieveNull };
        if (cur_retrieve_column(c, &r) < 0 || r.columnidNextTagged == 0)
            break;
    }
    unsigned long cEnum = 0;
    JET_ENUMCOLUMN *rgEnum = NULL;
    uint32_t c32 = 0;
    if (cur_enumerate_columns(c, 0, NULL, &c32, &rgEnum, enum_realloc, NULL, 256, 0) >= 0 && rgEnum) {
        cEnum = c32;
        for (unsigned long i = 0; i < cEnum; i++) {
            if (rgEnum[i].err != JET_wrnColumnSingleValue) {
                for (unsigned long j = 0; j < rgEnum[i].cEnumColumnValue; j++)
                    free(rgEnum[i].rgEnumColumnValue[j].pvData);
                free(rgEnum[i].rgEnumColumnValue);
            } else {
                free(rgEnum[i].pvData);
            }
        }
        free(rgEnum);
    }
    JET_RECSIZE2 rs;
    IGNORE(cur_record_size(c, &rs, 0));
}

/* Set an index, walk it, seek with a key made from the current record's values. */
static void use_index(struct cursor *c, uint32_t iidx)
{
    const struct catalog_table *pt = cur_def(c);
    if (cur_set_index(c, pt->rgidx[iidx].szName, NULL, JET_bitMoveFirst, 1) < 0)
        return;
    uint32_t n = 0;
    JET_ERR err;
    for (err = cur_move(c, (int32_t)JET_MoveFirst, 0); err >= 0 && n < ROWS_MAX; err = cur_move(c, JET_MoveNext, 0))
        n++;
    CHECK(err < 0 || n == ROWS_MAX);
    if (cur_move(c, (int32_t)JET_MoveLast, 0) < 0)
        return;
    const struct rec_index *pri = cur_index(c, NULL);
    if (!pri)
        return;
    for (uint32_t i = 0; i < pri->cseg; i++) {
        struct cur_retrieve r = { .columnid = pri->rgseg[i].fid, .pv = g_buf, .cbMax = 512, .itagSequence = 1 };
        err = cur_retrieve_column(c, &r);
        if (err < 0)
            return;
        IGNORE(cur_make_key(c, g_buf, err == JET_wrnColumnNull ? 0 : MIN(r.cbActual, 512u), i ? 0 : JET_bitNewKey));
    }
    IGNORE(cur_seek(c, JET_bitSeekGE));
    IGNORE(cur_move(c, JET_MovePrevious, JET_bitMoveKeyNE));
    uint8_t rgbKey[8] = { 0x7f, 0x80, 0x01, 0xff };
    IGNORE(cur_make_key(c, rgbKey, 4, JET_bitNewKey | JET_bitNormalizedKey));
    IGNORE(cur_set_index_range(c, JET_bitRangeUpperLimit));
    IGNORE(cur_make_key(c, rgbKey, 2, JET_bitNewKey | JET_bitNormalizedKey));
    IGNORE(cur_seek(c, JET_bitSeekLE));
    uint64_t cLT, cTotal;
    IGNORE(cur_position(c, &cLT, &cTotal));
    IGNORE(cur_goto_position(c, 1, 3));
    const uint8_t *pbK, *pbD;
    uint32_t cbK, cbD;
    IGNORE(cur_index_bookmark(c, &pbK, &cbK, &pbD, &cbD));
}

static void read_table(struct cur_db *cdb, const char *szName)
{
    struct cur_table *pt;
    struct cursor *c;
    if (cur_table_get(cdb, szName, &pt) < 0)
        return;
    const JET_ERR errOpen = cur_open(pt, NULL, cdb, JET_bitTableReadOnly, &c);
    cur_table_release(pt);
    if (errOpen < 0)
        return;
    uint32_t n = 0;
    JET_ERR err;
    for (err = cur_move(c, (int32_t)JET_MoveFirst, 0); err >= 0 && n < ROWS_MAX; err = cur_move(c, JET_MoveNext, 0)) {
        read_record(c);
        n++;
    }
    for (err = cur_move(c, (int32_t)JET_MoveLast, 0); err >= 0 && n < 2 * ROWS_MAX; err = cur_move(c, JET_MovePrevious, 0))
        n++;
    const uint8_t *pbBm;
    uint32_t cbBm;
    if (cur_move(c, (int32_t)JET_MoveFirst, 0) >= 0 && cur_bookmark(c, &pbBm, &cbBm) >= 0) {
        uint8_t rgbBm[JET_cbBookmarkMostMost];
        memcpy(rgbBm, pbBm, MIN(cbBm, (uint32_t)sizeof rgbBm));
        IGNORE(cur_move(c, (int32_t)JET_MoveLast, 0));
        IGNORE(cur_goto_bookmark(c, rgbBm, MIN(cbBm, (uint32_t)sizeof rgbBm)));
        uint64_t cnt;
        IGNORE(cur_count(c, 50, &cnt));
        IGNORE(cur_goto_position(c, 1, 2));
    }
    const struct catalog_table *pdef = cur_def(c);
    for (uint32_t i = 0; i < pdef->cidx && i < INDEXES_MAX; i++)
        use_index(c, i);
    struct cursor *l;
    JET_COLUMNLIST cl;
    JET_INDEXLIST il;
    if (cur_info_column_list(cur_def(c), true, 0, false, &l, &cl) >= 0)
        cur_close(l);
    if (cur_info_index_list(cur_def(c), NULL, false, &l, &il) >= 0)
        cur_close(l);
    cur_close(c);
}

struct names {
    char rgsz[TABLES_MAX][JET_cbNameMost + 1];
    uint32_t c;
};
static JET_ERR collect(void *pv, const struct rec_cat_table *pt)
{
    struct names *p = pv;
    if (p->c < TABLES_MAX)
        memcpy(p->rgsz[p->c++], pt->szName, JET_cbNameMost + 1);
    return JET_errSuccess;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct cache *s_cache;
    static struct os_vfs *s_vfs;
    if (!s_cache) {
        debug_configure("-all");
        CHECK(cache_create(16, 1024, &s_cache) == JET_errSuccess);
        cache_set_flush_thresholds(s_cache, 0, 0);
        s_vfs = os_mem_create();
        rec_lcmap_set_default(lcmap, NULL);
    }
    if (size < 2)
        return 0;
    const uint32_t cbPage = 4096u << (data[0] & 3);
    const size_t cbPages = size - 1;
    const uint32_t cpg = (uint32_t)MIN((cbPages + cbPage - 1) / cbPage, CPG_MAX);
    if (cpg < 4)
        return 0;
    const size_t cbImage = ((size_t)cpg + PAGE_DB_CPG_RESERVED) * cbPage;
    uint8_t *pbImage = calloc(1, cbImage);
    memcpy(pbImage + (size_t)PAGE_DB_CPG_RESERVED * cbPage, data + 1, MIN(cbPages, (size_t)cpg * cbPage));
    if (data[0] & 4) {
        for (uint32_t pgno = 1; pgno <= cpg; pgno++) {
            uint8_t *pb = pbImage + ((size_t)pgno + PAGE_DB_CPG_RESERVED - 1) * cbPage;
            bool fZero = true;
            for (uint32_t i = 0; i < cbPage && fZero; i++)
                fZero = pb[i] == 0;
            if (!fZero)
                page_checksum_set(pb, cbPage, pgno);
        }
    }
    const ESENT_WCHAR *wszPath = (const ESENT_WCHAR *)u"fuzz.edb";
    CHECK(os_test_write_file(s_vfs, wszPath, pbImage, cbImage) == JET_errSuccess);
    free(pbImage);
    struct os_file *pfile;
    CHECK(os_file_open(s_vfs, wszPath, OS_OPEN_EXCLUSIVE, &pfile) == JET_errSuccess);
    uint64_t dbtime = 1;
    const struct cache_file_desc desc = { .file = pfile, .cbPage = cbPage, .dbid = 1, .pdbtime = &dbtime, .fReadOnly = true };
    struct cache_file *f;
    CHECK(cache_file_register(s_cache, &desc, &f) == JET_errSuccess);
    struct space_db sdb;
    struct bt_db *db;
    space_db_init(&sdb, f, cbPage);
    CHECK(bt_db_open(&sdb, &db) == JET_errSuccess);

    struct cur_db *cdb;
    CHECK(cur_db_open(db, 1, cbPage, true, &cdb) == JET_errSuccess);
    struct catalog *cat;
    struct names names = { .c = 0 };
    if (cur_db_catalog(cdb, &cat) >= 0 && catalog_enum_tables(cat, collect, &names) >= 0) {
        for (uint32_t i = 0; i < names.c; i++)
            read_table(cdb, names.rgsz[i]);
        struct cursor *l;
        JET_OBJECTLIST ol;
        if (cur_info_object_list(cdb, NULL, false, false, true, &l, &ol) >= 0)
            cur_close(l);
    }
    CHECK(cur_db_cursor_count(cdb) == 0);
    cur_db_close(cdb);

    bt_db_close(db);
    cache_file_unregister(f);
    os_file_close(pfile);
    return 0;
}
