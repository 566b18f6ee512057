/* SPDX-License-Identifier: MIT
 * cursor/tests/test_cursor.c: cursors on Windows-made sample databases (dissect-esedb's basic,
 * index and multi tables, loaded into an in-memory file system) and on in-memory list tables:
 * moves in both directions, currency past the ends, column values (truncation, multi-values,
 * long values), seeks on secondary indexes (numeric and Unicode text keys), bookmarks, index
 * ranges, positions, domain locks and the DDL hook that swaps a table's definition. */
#include "cat_testlib.h"
#include "sample.h"
#include "cursor.h"
#include <strings.h>

struct tenv {
    struct sample s;
    struct cenv e;
    struct cur_db *cdb;
    struct cur_table *pt;
    struct cursor *c;
};

static const struct sample_desc g_basic = { "dissect-esedb/basic.edb.gz", NULL, 4096, 0x14, 3 };
static const struct sample_desc g_index = { "dissect-esedb/index.edb.gz", NULL, 4096, 0x14, 3 };
static const struct sample_desc g_multi = { "dissect-esedb/multi.edb.gz", NULL, 4096, 0x14, 3 };

static void tenv_open(struct tenv *pt, const struct sample_desc *pd, const char *szTable)
{
    memset(pt, 0, sizeof *pt);
    sample_load(pd, &pt->s);
    cenv_open_image(&pt->e, pt->s.pb, pt->s.cb, pd->cbPage);
    assert_int_equal(cur_db_open(pt->e.db, 1, pd->cbPage, true, &pt->cdb), JET_errSuccess);
    assert_int_equal(cur_table_get(pt->cdb, szTable, &pt->pt), JET_errSuccess);
    assert_int_equal(cur_open(pt->pt, NULL, pt, JET_bitTableReadOnly, &pt->c), JET_errSuccess);
}

static void tenv_close(struct tenv *pt)
{
    cur_close(pt->c);
    cur_table_release(pt->pt);
    assert_int_equal(cur_db_cursor_count(pt->cdb), 0);
    cur_db_close(pt->cdb);
    cenv_close(&pt->e);
    sample_free(&pt->s);
}

static JET_COLUMNID colid(struct cursor *c, const char *szName)
{
    const struct rec_cat_column *pc = catalog_table_column(cur_def(c), szName);
    if (!pc)
        fail_msg("no column %s", szName);
    return pc->fid;
}

/* A value into buf; returns the error, *pcb the size. */
static JET_ERR get(struct cursor *c, JET_COLUMNID columnid, uint32_t itag, void *pv, uint32_t cbMax, uint32_t *pcb)
{
    struct cur_retrieve r = { .columnid = columnid, .pv = pv, .cbMax = cbMax, .itagSequence = itag };
    JET_ERR err = cur_retrieve_column(c, &r);
    *pcb = r.cbActual;
    return err;
}

static int32_t get_long(struct cursor *c, const char *szCol)
{
    uint8_t rgb[4];
    uint32_t cb;
    assert_int_equal(get(c, colid(c, szCol), 1, rgb, sizeof rgb, &cb), JET_errSuccess);
    assert_int_equal(cb, 4);
    return (int32_t)get_le32(rgb);
}

/* The Unicode sort-key hook isam installs for the engine (isam_lcmap.c), for this test. */
static JET_ERR test_lcmap(void *pvCtx, const struct rec_locale *ploc, const ESENT_WCHAR *pwch, uint32_t cch,
        uint8_t *pbOut, uint32_t cbOutMax, uint32_t *pcbKey)
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

/* ---- moving ------------------------------------------------------------------------------------ */

static void test_cur_move_visits_every_record_in_both_directions(void **state)
{
    (void)state;
    struct tenv t;
    tenv_open(&t, &g_basic, "basic");
    int32_t rgid[8];
    uint32_t n = 0;
    JET_ERR err;
    for (err = cur_move(t.c, (int32_t)JET_MoveFirst, 0); err >= 0; err = cur_move(t.c, JET_MoveNext, 0)) {
        assert_true(n < ARRAY_SIZE(rgid));
        rgid[n++] = get_long(t.c, "Id");
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    assert_int_equal(n, 2);                     /* esedbexport: two rows */
    assert_int_equal(rgid[0], 1);
    assert_int_equal(rgid[1], 2);
    /* after the last: no current record, and moving back finds the last */
    assert_int_equal(cur_move(t.c, 0, 0), JET_errNoCurrentRecord);
    assert_int_equal(cur_move(t.c, JET_MovePrevious, 0), JET_errSuccess);
    assert_int_equal(get_long(t.c, "Id"), 2);
    assert_int_equal(cur_move(t.c, JET_MovePrevious, 0), JET_errSuccess);
    assert_int_equal(get_long(t.c, "Id"), 1);
    assert_int_equal(cur_move(t.c, JET_MovePrevious, 0), JET_errNoCurrentRecord);
    assert_int_equal(cur_move(t.c, JET_MoveNext, 0), JET_errSuccess);
    assert_int_equal(get_long(t.c, "Id"), 1);
    /* +2 from the first runs off the end */
    assert_int_equal(cur_move(t.c, 2, 0), JET_errNoCurrentRecord);
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveLast, 0), JET_errSuccess);
    assert_int_equal(get_long(t.c, "Id"), 2);
    tenv_close(&t);
}

static void test_cur_retrieve_column_reads_first_record_when_cursor_just_opened(void **state)
{
    (void)state;
    struct tenv t;
    tenv_open(&t, &g_basic, "basic");
    /* a new cursor stands before its first move on the first record (ESE's deferred move) */
    assert_int_equal(get_long(t.c, "Long"), -13371337);
    tenv_close(&t);
}

/* ---- values ------------------------------------------------------------------------------------ */

/* A read batch (JetRetrieveColumns) reads the record once; a move inside it lands on the next
 * record's bytes, and outside a batch every read goes to the page again. */
static void test_cur_read_batch_reads_record_once_and_follows_moves(void **state)
{
    (void)state;
    struct tenv t;
    tenv_open(&t, &g_basic, "basic");
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    const int32_t lLong = get_long(t.c, "Long");
    cur_read_batch_begin(t.c);
    assert_false(t.c->fReadBatchRec);
    assert_int_equal(get_long(t.c, "Id"), 1);
    assert_true(t.c->fReadBatchRec);
    assert_int_equal(get_long(t.c, "Long"), lLong);
    assert_int_equal(cur_move(t.c, JET_MoveNext, 0), JET_errSuccess);
    assert_false(t.c->fReadBatchRec);
    assert_int_equal(get_long(t.c, "Id"), 2);
    cur_read_batch_end(t.c);
    assert_false(t.c->fReadBatch);
    assert_false(t.c->fReadBatchRec);
    assert_int_equal(get_long(t.c, "Id"), 2);
    assert_false(t.c->fReadBatchRec);
    tenv_close(&t);
}

static void test_cur_retrieve_column_truncates_with_whole_size(void **state)
{
    (void)state;
    struct tenv t;
    char buf[64];
    uint32_t cb;
    tenv_open(&t, &g_index, "index");
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    memset(buf, 0xcc, sizeof buf);
    assert_int_equal(get(t.c, colid(t.c, "ASCII"), 1, buf, 6, &cb), JET_wrnBufferTruncated);
    assert_int_equal(cb, strlen("Simple ASCII text"));
    assert_memory_equal(buf, "Simple", 6);
    assert_int_equal((uint8_t)buf[6], 0xcc);
    assert_int_equal(get(t.c, colid(t.c, "ASCII"), 1, buf, sizeof buf, &cb), JET_errSuccess);
    assert_int_equal(cb, strlen("Simple ASCII text"));
    assert_memory_equal(buf, "Simple ASCII text", cb);
    /* unknown columns */
    assert_int_equal(get(t.c, 0x7fff, 1, buf, sizeof buf, &cb), JET_errColumnNotFound);
    tenv_close(&t);
}

static void test_cur_retrieve_column_reads_multi_values_by_itag(void **state)
{
    (void)state;
    struct tenv t;
    char buf[256];
    uint32_t cb, cval;
    static const char szV2[] = "Some ASCII text that has multiple values, this is value 2";
    tenv_open(&t, &g_multi, "multi");
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    const JET_COLUMNID col = colid(t.c, "ASCII");
    assert_int_equal(cur_count_values(t.c, col, false, &cval), JET_errSuccess);
    assert_int_equal(cval, 3);
    assert_int_equal(get(t.c, col, 2, buf, sizeof buf, &cb), JET_errSuccess);
    assert_int_equal(cb, strlen(szV2));
    assert_memory_equal(buf, szV2, cb);
    /* past the last value: NULL */
    assert_int_equal(get(t.c, col, 4, buf, sizeof buf, &cb), JET_wrnColumnNull);
    assert_int_equal(cb, 0);
    /* itagSequence 0 is for JetRetrieveColumns only */
    assert_int_equal(get(t.c, col, 0, buf, sizeof buf, &cb), JET_errBadItagSequence);
    tenv_close(&t);
}

static void test_cur_retrieve_column_reads_separated_long_value_from_offset(void **state)
{
    (void)state;
    struct tenv t;
    static uint8_t whole[70000], part[16];
    uint32_t cb, cbPart;
    tenv_open(&t, &g_index, "index");
    const JET_COLUMNID col = colid(t.c, "LongBinary");
    assert_int_equal(get(t.c, col, 1, whole, sizeof whole, &cb), JET_errSuccess);
    assert_true(cb > 16);
    assert_memory_equal(whole, "test long binary data", 21);
    struct cur_retrieve r = { .columnid = col, .pv = part, .cbMax = sizeof part, .itagSequence = 1, .ibLongValue = 5 };
    const JET_ERR err = cur_retrieve_column(t.c, &r);
    cbPart = r.cbActual;
    assert_true(err == JET_wrnBufferTruncated || err == JET_errSuccess);
    assert_int_equal(cbPart, cb - 5);
    assert_memory_equal(part, whole + 5, MIN(cbPart, (uint32_t)sizeof part));
    tenv_close(&t);
}

static void *JET_API enum_realloc(void *pvContext, void *pv, ESENT_ULONG cb)
{
    (*(int *)pvContext) += cb ? (pv ? 0 : 1) : -1;      /* live blocks */
    if (!cb) {
        free(pv);
        return NULL;
    }
    return realloc(pv, cb);
}

static void test_cur_enumerate_columns_returns_every_value(void **state)
{
    (void)state;
    struct tenv t;
    JET_ENUMCOLUMN *rg = NULL;
    uint32_t c = 0;
    int cLive = 0;
    tenv_open(&t, &g_basic, "basic");
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(cur_enumerate_columns(t.c, 0, NULL, &c, &rg, enum_realloc, &cLive, 0xffffffffu, 0), JET_errSuccess);
    assert_true(c >= 12);                       /* row 1 has every column set (esedbexport) */
    const JET_COLUMNID colLong = colid(t.c, "Long");
    bool fFound = false;
    for (uint32_t i = 0; i < c; i++) {
        if (rg[i].columnid != colLong)
            continue;
        fFound = true;
        assert_int_equal(rg[i].err, JET_errSuccess);
        assert_int_equal(rg[i].cEnumColumnValue, 1);
        assert_int_equal(rg[i].rgEnumColumnValue[0].cbData, 4);
        assert_int_equal((int32_t)get_le32(rg[i].rgEnumColumnValue[0].pvData), -13371337);
    }
    assert_true(fFound);
    for (uint32_t i = 0; i < c; i++) {
        if (rg[i].err == JET_wrnColumnSingleValue) {
            enum_realloc(&cLive, rg[i].pvData, 0);
        } else {
            for (uint32_t j = 0; j < rg[i].cEnumColumnValue; j++)
                enum_realloc(&cLive, rg[i].rgEnumColumnValue[j].pvData, 0);
            enum_realloc(&cLive, rg[i].rgEnumColumnValue, 0);
        }
    }
    enum_realloc(&cLive, rg, 0);
    assert_int_equal(cLive, 0);
    /* an unknown columnid: its entry says so */
    JET_ENUMCOLUMNID id = { 0x7fff, 0, NULL };
    rg = NULL;
    assert_int_equal(cur_enumerate_columns(t.c, 1, &id, &c, &rg, enum_realloc, &cLive, 0xffffffffu, 0),
                     JET_errColumnNotFound);
    assert_non_null(rg);                        /* kept: the caller sees which id was bad */
    assert_int_equal(c, 1);
    assert_int_equal(rg[0].err, JET_errColumnNotFound);
    enum_realloc(&cLive, rg, 0);
    assert_int_equal(cLive, 0);
    tenv_close(&t);
}

/* ---- seeks and indexes ------------------------------------------------------------------------- */

static void test_cur_seek_finds_record_on_secondary_index(void **state)
{
    (void)state;
    struct tenv t;
    uint8_t rgb[4];
    tenv_open(&t, &g_index, "index");
    assert_int_equal(cur_set_index(t.c, "IxLong", NULL, JET_bitMoveFirst, 1), JET_errSuccess);
    put_le32(rgb, (uint32_t)-13371337);
    assert_int_equal(cur_make_key(t.c, rgb, 4, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(cur_seek(t.c, JET_bitSeekEQ), JET_errSuccess);
    assert_int_equal(get_long(t.c, "Id"), 1);
    /* a key that is not there */
    put_le32(rgb, 5);
    assert_int_equal(cur_make_key(t.c, rgb, 4, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(cur_seek(t.c, JET_bitSeekEQ), JET_errRecordNotFound);
    /* GE from below lands on it with a warning */
    put_le32(rgb, (uint32_t)INT32_MIN);
    assert_int_equal(cur_make_key(t.c, rgb, 4, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(cur_seek(t.c, JET_bitSeekGE), JET_wrnSeekNotEqual);
    assert_int_equal(get_long(t.c, "Id"), 1);
    /* no key: JET_errKeyNotMade */
    assert_int_equal(cur_seek(t.c, JET_bitSeekEQ), JET_errKeyNotMade);
    char sz[JET_cbNameMost + 1];
    cur_index_name(t.c, sz, sizeof sz);
    assert_string_equal(sz, "IxLong");
    assert_int_equal(cur_set_index(t.c, "NoSuchIndex", NULL, JET_bitMoveFirst, 1), JET_errIndexNotFound);
    tenv_close(&t);
}

static void test_cur_seek_finds_record_by_unicode_text_key(void **state)
{
    (void)state;
    struct tenv t;
    /* the row holds "Simple Unicode text " + U+1F98A (a surrogate pair), UTF-16LE; the key we
     * make for it must be the Windows-made entry's, byte for byte */
    static const char sz[] = "Simple Unicode text ";
    uint8_t rgb[64];
    uint32_t cb = 0;
    for (const char *p = sz; *p; p++) {
        rgb[cb++] = (uint8_t)*p;
        rgb[cb++] = 0;
    }
    put_le16(rgb + cb, 0xD83E);
    put_le16(rgb + cb + 2, 0xDD8A);
    cb += 4;
    tenv_open(&t, &g_index, "index");
    assert_int_equal(cur_set_index(t.c, "IxUnicode", NULL, JET_bitMoveFirst, 1), JET_errSuccess);
    uint8_t rgbSearch[JET_cbKeyMostMost], rgbEntry[JET_cbKeyMostMost];
    uint32_t cbSearch = 0, cbEntry = 0;
    assert_int_equal(cur_make_key(t.c, rgb, cb, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(cur_retrieve_key(t.c, rgbSearch, sizeof rgbSearch, &cbSearch, JET_bitRetrieveCopy), JET_errSuccess);
    assert_int_equal(cur_seek(t.c, JET_bitSeekEQ), JET_errSuccess);
    assert_int_equal(get_long(t.c, "Id"), 1);
    assert_int_equal(cur_retrieve_key(t.c, rgbEntry, sizeof rgbEntry, &cbEntry, 0), JET_errSuccess);
    assert_int_equal(cbSearch, cbEntry);
    assert_memory_equal(rgbSearch, rgbEntry, cbEntry);
    /* the seek consumed the key */
    assert_int_equal(cur_seek(t.c, JET_bitSeekGE), JET_errKeyNotMade);
    /* the text before the emoji: GE lands on the row */
    assert_int_equal(cur_make_key(t.c, rgb, cb - 6, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(cur_seek(t.c, JET_bitSeekGE), JET_wrnSeekNotEqual);
    assert_int_equal(get_long(t.c, "Id"), 1);
    tenv_close(&t);
}

static void test_cur_set_index_range_ends_moves_at_limit(void **state)
{
    (void)state;
    struct tenv t;
    uint8_t rgb[4];
    tenv_open(&t, &g_basic, "basic");
    /* the primary index is on Id: range [.., 1] */
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    put_le32(rgb, 1);
    assert_int_equal(cur_make_key(t.c, rgb, 4, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(cur_set_index_range(t.c, JET_bitRangeUpperLimit | JET_bitRangeInclusive), JET_errSuccess);
    assert_int_equal(cur_move(t.c, JET_MoveNext, 0), JET_errNoCurrentRecord);
    /* the range went with the failed move */
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(cur_move(t.c, JET_MoveNext, 0), JET_errSuccess);
    assert_int_equal(get_long(t.c, "Id"), 2);
    assert_int_equal(cur_set_index_range(t.c, JET_bitRangeRemove), JET_errInvalidOperation);
    tenv_close(&t);
}

/* ---- bookmarks and positions ------------------------------------------------------------------- */

static void test_cur_goto_bookmark_returns_to_record(void **state)
{
    (void)state;
    struct tenv t;
    const uint8_t *pb;
    uint8_t rgbBm[JET_cbBookmarkMostMost];
    uint32_t cb;
    tenv_open(&t, &g_basic, "basic");
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveLast, 0), JET_errSuccess);
    assert_int_equal(cur_bookmark(t.c, &pb, &cb), JET_errSuccess);
    memcpy(rgbBm, pb, cb);
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(get_long(t.c, "Id"), 1);
    assert_int_equal(cur_goto_bookmark(t.c, rgbBm, cb), JET_errSuccess);
    assert_int_equal(get_long(t.c, "Id"), 2);
    /* a bookmark of no record */
    rgbBm[cb - 1] ^= 0x55;
    assert_int_equal(cur_goto_bookmark(t.c, rgbBm, cb), JET_errRecordDeleted);
    assert_int_equal(cur_goto_bookmark(t.c, rgbBm, 0), JET_errInvalidBookmark);
    tenv_close(&t);
}

/* On a one-page index ESE's estimate is exact: the entries before the current one, of all. */
static void test_cur_position_exact_on_one_page(void **state)
{
    (void)state;
    struct tenv t;
    uint64_t cLT, cTotal;
    uint64_t c;
    tenv_open(&t, &g_basic, "basic");
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveLast, 0), JET_errSuccess);
    assert_int_equal(cur_position(t.c, &cLT, &cTotal), JET_errSuccess);
    assert_int_equal(cLT, 1);
    assert_int_equal(cTotal, 2);
    assert_int_equal(cur_goto_position(t.c, 0, 2), JET_errSuccess);
    assert_int_equal(get_long(t.c, "Id"), 1);
    assert_int_equal(cur_count(t.c, 0, &c), JET_errSuccess);
    assert_int_equal(c, 2);
    assert_int_equal(cur_count(t.c, 1, &c), JET_errSuccess);
    assert_int_equal(c, 1);
    tenv_close(&t);
}

/* ---- tables: domain locks and definitions ------------------------------------------------------ */

static void test_cur_open_refuses_other_owner_when_table_deny_read(void **state)
{
    (void)state;
    struct tenv t;
    struct cursor *c2 = NULL, *c3 = NULL;
    int owner2;
    tenv_open(&t, &g_basic, "basic");
    /* another owner has the table open: DenyRead is refused */
    assert_int_equal(cur_open(t.pt, NULL, &owner2, JET_bitTableDenyRead, &c2), JET_errTableInUse);
    assert_null(c2);
    /* the same owner may */
    assert_int_equal(cur_open(t.pt, NULL, &t, JET_bitTableDenyRead, &c2), JET_errSuccess);
    assert_int_equal(cur_open(t.pt, NULL, &owner2, 0, &c3), JET_errTableLocked);
    cur_close(c2);
    assert_int_equal(cur_open(t.pt, NULL, &owner2, 0, &c3), JET_errSuccess);
    cur_close(c3);
    assert_int_equal(cur_open(t.pt, NULL, &t, JET_bitTableReadOnly | JET_bitTableUpdatable, &c3), JET_errInvalidGrbit);
    tenv_close(&t);
}

static void test_cur_sync_takes_new_definition_after_ddl_hook(void **state)
{
    (void)state;
    struct tenv t;
    struct cursor *d = NULL;
    tenv_open(&t, &g_basic, "basic");
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveLast, 0), JET_errSuccess);
    const struct cur_tdef *tdOld = t.c->td;
    assert_int_equal(cur_table_reload(t.cdb, t.pt->objid), JET_errSuccess);
    assert_ptr_equal(t.c->td, tdOld);           /* switches at its next call */
    assert_int_equal(get_long(t.c, "Id"), 2);   /* currency survives */
    assert_ptr_not_equal(t.c->td, tdOld);
    assert_ptr_equal(t.c->td, t.pt->tdef);
    /* a duplicate starts on the primary index before the first record */
    assert_int_equal(cur_dup(t.c, &d), JET_errSuccess);
    assert_int_equal(get_long(d, "Id"), 1);
    cur_close(d);
    tenv_close(&t);
}

/* ---- info lists ------------------------------------------------------------------------------- */

static void test_cur_info_column_list_lists_columns_by_name(void **state)
{
    (void)state;
    struct tenv t;
    struct cursor *c;
    JET_COLUMNLIST cl;
    char prev[JET_cbNameMost + 1] = "", sz[JET_cbNameMost + 1];
    uint32_t cb, n = 0;
    tenv_open(&t, &g_index, "index");
    assert_int_equal(cur_info_column_list(cur_def(t.c), false, 0, false, &c, &cl), JET_errSuccess);
    assert_int_equal(cl.cRecord, 19);               /* esedbinfo: 19 columns */
    JET_ERR err;
    for (err = cur_move(c, (int32_t)JET_MoveFirst, 0); err >= 0; err = cur_move(c, JET_MoveNext, 0)) {
        uint8_t rgb[4];
        assert_int_equal(get(c, cl.columnidcolumnname, 1, sz, JET_cbNameMost, &cb), JET_errSuccess);
        sz[cb] = 0;
        assert_true(strcasecmp(prev, sz) < 0);      /* by name */
        strcpy(prev, sz);
        assert_int_equal(get(c, cl.columnidcolumnid, 1, rgb, 4, &cb), JET_errSuccess);
        const struct rec_cat_column *pc = catalog_table_column(cur_def(t.c), sz);
        assert_non_null(pc);
        assert_int_equal(get_le32(rgb), pc->fid);
        assert_int_equal(get(c, cl.columnidcoltyp, 1, rgb, 4, &cb), JET_errSuccess);
        assert_int_equal(get_le32(rgb), pc->coltyp);
        n++;
    }
    assert_int_equal(n, 19);
    cur_close(c);
    /* by columnid */
    assert_int_equal(cur_info_column_list(cur_def(t.c), true, JET_ColInfoGrbitSortByColumnid, false, &c, &cl), JET_errSuccess);
    uint32_t fidPrev = 0;
    for (err = cur_move(c, (int32_t)JET_MoveFirst, 0); err >= 0; err = cur_move(c, JET_MoveNext, 0)) {
        uint8_t rgb[4];
        assert_int_equal(get(c, cl.columnidcolumnid, 1, rgb, 4, &cb), JET_errSuccess);
        assert_true(get_le32(rgb) > fidPrev);
        fidPrev = get_le32(rgb);
    }
    cur_close(c);
    tenv_close(&t);
}

static void test_cur_info_index_list_has_a_row_per_segment(void **state)
{
    (void)state;
    struct tenv t;
    struct cursor *c;
    JET_INDEXLIST il;
    uint8_t rgb[4];
    uint32_t cb;
    tenv_open(&t, &g_index, "index");
    assert_int_equal(cur_info_index_list(cur_def(t.c), "IxLong", false, &c, &il), JET_errSuccess);
    assert_int_equal(il.cRecord, 1);
    assert_int_equal(get(c, il.columnidcColumn, 1, rgb, 4, &cb), JET_errSuccess);
    assert_int_equal(get_le32(rgb), 1);
    assert_int_equal(get(c, il.columnidcolumnid, 1, rgb, 4, &cb), JET_errSuccess);
    assert_int_equal(get_le32(rgb), colid(t.c, "Long"));
    cur_close(c);
    assert_int_equal(cur_info_index_list(cur_def(t.c), "NoSuchIndex", false, &c, &il), JET_errIndexNotFound);
    assert_int_equal(cur_info_index_list(cur_def(t.c), NULL, false, &c, &il), JET_errSuccess);
    assert_int_equal(il.cRecord, 19);
    cur_close(c);
    tenv_close(&t);
}

static void test_cur_intersect_finds_records_in_every_range(void **state)
{
    (void)state;
    struct tenv t;
    struct cursor *c2, *r = NULL;
    uint32_t cRecord;
    JET_COLUMNID colBm;
    uint8_t rgb[64];
    uint32_t cb;
    tenv_open(&t, &g_index, "index");
    assert_int_equal(cur_open(t.pt, NULL, &t, JET_bitTableReadOnly, &c2), JET_errSuccess);
    assert_int_equal(cur_set_index(t.c, "IxLong", NULL, JET_bitMoveFirst, 1), JET_errSuccess);
    assert_int_equal(cur_set_index(c2, "IxLong", NULL, JET_bitMoveFirst, 1), JET_errSuccess);
    struct cursor *rgc[2] = { t.c, c2 };
    assert_int_equal(cur_intersect(rgc, 2, &r, &cRecord, &colBm), JET_errInvalidParameter);    /* one index twice */
    assert_int_equal(cur_set_index(c2, "IxShort", NULL, JET_bitMoveFirst, 1), JET_errSuccess);
    assert_int_equal(cur_intersect(rgc, 2, &r, &cRecord, &colBm), JET_errSuccess);
    assert_non_null(r);
    assert_int_equal(cRecord, 1);
    /* the bookmark is the record's */
    const uint8_t *pbBm;
    uint32_t cbBm;
    assert_int_equal(cur_move(t.c, (int32_t)JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(cur_bookmark(t.c, &pbBm, &cbBm), JET_errSuccess);
    assert_int_equal(get(r, colBm, 1, rgb, sizeof rgb, &cb), JET_errSuccess);
    assert_int_equal(cb, cbBm);
    assert_memory_equal(rgb, pbBm, cb);
    cur_close(r);
    cur_close(c2);
    tenv_close(&t);
}

/* ---- in-memory tables -------------------------------------------------------------------------- */

static void test_cur_mem_table_moves_and_retrieves(void **state)
{
    (void)state;
    static const struct cur_mem_column rgcol[] = {
        { "Name", JET_coltypText, 64, 1252 },
        { "Value", JET_coltypLong, 4, 0 },
    };
    struct cur_mem *m;
    struct cursor *c;
    uint8_t rgb[4];
    char buf[16];
    uint32_t cb;
    assert_int_equal(cur_mem_new(rgcol, 2, &m), JET_errSuccess);
    for (uint32_t i = 0; i < 3; i++) {
        char sz[8];
        snprintf(sz, sizeof sz, "row%u", i);
        put_le32(rgb, i * 10);
        assert_int_equal(cur_mem_row_begin(m), JET_errSuccess);
        assert_int_equal(cur_mem_set(m, 0, sz, (uint32_t)strlen(sz)), JET_errSuccess);
        assert_int_equal(cur_mem_set(m, 1, rgb, 4), JET_errSuccess);
        assert_int_equal(cur_mem_row_end(m), JET_errSuccess);
    }
    assert_int_equal(cur_mem_rows(m), 3);
    assert_int_equal(cur_mem_open(m, &c), JET_errSuccess);
    uint32_t n = 0;
    JET_ERR err;
    for (err = cur_move(c, (int32_t)JET_MoveFirst, 0); err >= 0; err = cur_move(c, JET_MoveNext, 0)) {
        assert_int_equal(get(c, cur_mem_columnid(m, 1), 1, rgb, 4, &cb), JET_errSuccess);
        assert_int_equal(get_le32(rgb), n * 10);
        assert_int_equal(get(c, cur_mem_columnid(m, 0), 1, buf, sizeof buf, &cb), JET_errSuccess);
        assert_int_equal(cb, 4);
        assert_memory_equal(buf, "row", 3);
        n++;
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    assert_int_equal(n, 3);
    assert_int_equal(cur_seek(c, JET_bitSeekEQ), JET_errInvalidOperation);
    cur_close(c);
}

int main(void)
{
    debug_init();
    rec_lcmap_set_default(test_lcmap, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cur_move_visits_every_record_in_both_directions),
        cmocka_unit_test(test_cur_retrieve_column_reads_first_record_when_cursor_just_opened),
        cmocka_unit_test(test_cur_read_batch_reads_record_once_and_follows_moves),
        cmocka_unit_test(test_cur_retrieve_column_truncates_with_whole_size),
        cmocka_unit_test(test_cur_retrieve_column_reads_multi_values_by_itag),
        cmocka_unit_test(test_cur_retrieve_column_reads_separated_long_value_from_offset),
        cmocka_unit_test(test_cur_enumerate_columns_returns_every_value),
        cmocka_unit_test(test_cur_seek_finds_record_on_secondary_index),
        cmocka_unit_test(test_cur_seek_finds_record_by_unicode_text_key),
        cmocka_unit_test(test_cur_set_index_range_ends_moves_at_limit),
        cmocka_unit_test(test_cur_goto_bookmark_returns_to_record),
        cmocka_unit_test(test_cur_position_exact_on_one_page),
        cmocka_unit_test(test_cur_open_refuses_other_owner_when_table_deny_read),
        cmocka_unit_test(test_cur_sync_takes_new_definition_after_ddl_hook),
        cmocka_unit_test(test_cur_info_column_list_lists_columns_by_name),
        cmocka_unit_test(test_cur_info_index_list_has_a_row_per_segment),
        cmocka_unit_test(test_cur_intersect_finds_records_in_every_range),
        cmocka_unit_test(test_cur_mem_table_moves_and_retrieves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
