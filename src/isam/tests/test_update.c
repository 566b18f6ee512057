/* SPDX-License-Identifier: MIT
 * isam/tests/test_update.c: record updates at the isam level (isam_upd_*, isam_rec_*): records
 * read back through btree cursors and the record layer, every secondary index holding exactly the
 * entries its records give, long values separated and read back, the errors ESE gives, and the
 * integrity check after each scenario. */
#include "test_write_util.h"

WFX_FIXTURE()

/* The test table: Id autoincrement primary key, a unique Name, a multi-valued Tags index, a
 * long binary and a compressed long text. */
enum { COL_ID, COL_NAME, COL_NUM, COL_TAGS, COL_BLOB, COL_TEXT, COL_ESCROW, COL_VER, CCOL };
static JET_COLUMNID g_rgcolid[CCOL];
static uint32_t g_objid;

static void make_table(void)
{
    static const int32_t lZero = 0;
    JET_COLUMNCREATE_A rgc[CCOL] = {
        colc("Id", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0),
        colc("Name", JET_coltypText, 64, 0, 1252),
        colc("Num", JET_coltypLong, 0, 0, 0),
        colc("Tags", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 1252),
        colc("Blob", JET_coltypLongBinary, 0, 0, 0),
        colc("Text", JET_coltypLongText, 0, JET_bitColumnCompressed, 1200),
        colc("Escrow", JET_coltypLong, 0, JET_bitColumnEscrowUpdate, 0),
        colc("Ver", JET_coltypLong, 0, JET_bitColumnVersion, 0),
    };
    rgc[COL_ESCROW].pvDefault = (void *)&lZero;
    rgc[COL_ESCROW].cbDefault = 4;
    struct keybuf k[4];
    keybuf_set(&k[0], "+Id");
    keybuf_set(&k[1], "+Name");
    keybuf_set(&k[2], "+Tags");
    keybuf_set(&k[3], "-Num|+Name");
    JET_INDEXCREATE3_A rgi[] = {
        idxc("Primary", &k[0], JET_bitIndexPrimary),
        idxc("Name", &k[1], JET_bitIndexUnique | JET_bitIndexIgnoreNull),
        idxc("Tags", &k[2], JET_bitIndexIgnoreAnyNull),
        idxc("NumName", &k[3], 0),
    };
    JET_TABLECREATE4_A tc = tablec("t", rgc, CCOL, rgi, ARRAY_SIZE(rgi));
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &g_objid), JET_errSuccess);
    for (unsigned i = 0; i < CCOL; i++)
        g_rgcolid[i] = rgc[i].columnid;
}

static struct isam_wtable *wt(void)
{
    struct isam_wtable *pwt = NULL;
    assert_int_equal(isam_wtable_open(g_f.db, g_objid, &pwt), JET_errSuccess);
    return pwt;
}

/* Every secondary index holds exactly the entries of the table's records. */
static void check_indexes(void)
{
    struct isam_wtable *pwt = wt();
    struct bt_cursor *c, *ci;
    struct isam_tree *pt, *pti;
    assert_int_equal(isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &pt), JET_errSuccess);
    for (uint32_t i = 0; i < pwt->pt->cidx; i++) {
        if ((int32_t)i == pwt->pt->iidxPrimary) continue;
        uint32_t cExpect = 0, cHave = 0;
        assert_int_equal(isam_wtable_cursor(pwt, (int)i, &ci, &pti), JET_errSuccess);
        JET_ERR err;
        for (err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0)) {
            uint32_t cb, cbBm;
            const uint8_t *pb = bt_data(c, &cb);
            const uint8_t *pbBmCur = bt_key(c, &cbBm);
            uint8_t rgbBm[JET_cbKeyMostMost];
            memcpy(rgbBm, pbBmCur, cbBm);
            uint8_t *pbRec = mem_alloc(cb);
            memcpy(pbRec, pb, cb);
            struct rec_view v;
            struct isam_keyset ks = { 0 };
            assert_int_equal(rec_view_init(&v, pbRec, cb, g_f.db->cbPage, 0), JET_errSuccess);
            assert_true(isam_idx_keys(pwt, i, &v, &ks) >= 0);
            for (uint32_t k = 0; k < ks.c; k++) {
                err = bt_seek(ci, BT_SEEK_EQ, ks.pb + ks.rgib[k], ks.rgcb[k], pti->desc.fNonUnique ? rgbBm : NULL,
                              pti->desc.fNonUnique ? cbBm : 0, 0);
                assert_int_equal(err, JET_errSuccess);
                uint32_t cbData;
                const uint8_t *pbData = bt_data(ci, &cbData);
                assert_int_equal(cbData, cbBm);
                assert_memory_equal(pbData, rgbBm, cbBm);
            }
            cExpect += ks.c;
            isam_keyset_free(&ks);
            mem_free(pbRec);
            assert_int_equal(bt_seek(c, BT_SEEK_EQ, rgbBm, cbBm, NULL, 0, 0), JET_errSuccess);
        }
        for (err = bt_move_first(ci, 0); err >= 0; err = bt_move_next(ci, 0))
            cHave++;
        assert_int_equal(cHave, cExpect);
    }
    isam_wtable_close(pwt);
}

static void check_db(void)
{
    check_indexes();
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

/* Insert a record: Name, Num, tags; returns its bookmark length. */
static JET_ERR insert(const char *szName, int32_t num, const char **rgszTag, uint32_t cTag, uint8_t *pbBm, uint32_t *pcbBm)
{
    JET_ERR err;
    struct isam_upd u;
    CALL_R(isam_upd_prepare(g_f.sess, wt(), &u, JET_prepInsert, NULL, 0, NULL, 0));
    if (szName) CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NAME], szName, (uint32_t)strlen(szName), 0, 1, 0));
    CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NUM], &num, 4, 0, 1, 0));
    for (uint32_t i = 0; i < cTag; i++)
        CALL(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_TAGS], rgszTag[i], (uint32_t)strlen(rgszTag[i]), 0, 0, 0));
    uint8_t rgb[JET_cbKeyMostMost];
    uint32_t cb = 0;
    CALL(isam_upd_update(g_f.sess, &u, pbBm ? pbBm : rgb, JET_cbKeyMostMost, pcbBm ? pcbBm : &cb, 0));
    return err;
out:
    {
        const JET_ERR e = isam_upd_cancel(g_f.sess, &u);
        (void)e;
    }
    return err;
}

/* The record with bookmark pbBm, copied (mem_free it). */
static uint8_t *record(struct isam_wtable *pwt, const uint8_t *pbBm, uint32_t cbBm, uint32_t *pcb)
{
    struct bt_cursor *c;
    struct isam_tree *pt;
    assert_int_equal(isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &pt), JET_errSuccess);
    if (bt_seek(c, BT_SEEK_EQ, pbBm, cbBm, NULL, 0, 0) != JET_errSuccess) return NULL;
    const uint8_t *pb = bt_data(c, pcb);
    uint8_t *p = mem_alloc(*pcb);
    memcpy(p, pb, *pcb);
    return p;
}

static JET_ERR value(struct isam_wtable *pwt, const uint8_t *pbRec, uint32_t cbRec, JET_COLUMNID colid, uint32_t itag,
        struct rec_value *pval)
{
    const struct rec_column *pc;
    struct rec_view v;
    JET_ERR err;
    CALL_R(isam_wtable_column(pwt, colid, &pc));
    CALL_R(rec_view_init(&v, pbRec, cbRec, g_f.db->cbPage, 0));
    return rec_retrieve(&v, &pwt->pt->schema, pc, itag, pval);
}

static void test_update_insert_reads_back_with_autoincrement_and_index_entries(void **state)
{
    (void)state;
    make_table();
    const char *rgTags[] = { "red", "green" };
    uint8_t rgbBm[3][JET_cbKeyMostMost];
    uint32_t rgcbBm[3];
    assert_int_equal(insert("alpha", 5, rgTags, 2, rgbBm[0], &rgcbBm[0]), JET_errSuccess);
    assert_int_equal(insert("beta", 7, rgTags, 1, rgbBm[1], &rgcbBm[1]), JET_errSuccess);
    assert_int_equal(insert(NULL, 9, NULL, 0, rgbBm[2], &rgcbBm[2]), JET_errSuccess);

    struct isam_wtable *pwt = wt();
    for (int i = 0; i < 3; i++) {
        uint32_t cb;
        uint8_t *pb = record(pwt, rgbBm[i], rgcbBm[i], &cb);
        assert_non_null(pb);
        struct rec_value val;
        assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_ID], 1, &val), JET_errSuccess);
        assert_int_equal(val.cb, 4);
        assert_int_equal(get_le32(val.pb), (uint32_t)i + 1);
        assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_VER], 1, &val), JET_errSuccess);
        assert_int_equal(get_le32(val.pb), 0);
        assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_ESCROW], 1, &val), JET_errSuccess);
        assert_int_equal(get_le32(val.pb), 0);
        if (i == 0) {
            assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_TAGS], 2, &val), JET_errSuccess);
            assert_int_equal(val.cb, 5);
            assert_memory_equal(val.pb, "green", 5);
        }
        if (i == 2) assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_NAME], 1, &val), JET_wrnColumnNull);
        mem_free(pb);
    }
    isam_wtable_close(pwt);
    check_db();
}

static void test_update_unique_index_refuses_duplicate_and_leaves_nothing(void **state)
{
    (void)state;
    make_table();
    assert_int_equal(insert("same", 1, NULL, 0, NULL, NULL), JET_errSuccess);
    assert_int_equal(insert("same", 2, NULL, 0, NULL, NULL), JET_errKeyDuplicate);
    /* NULL names are ignored by the unique index: two of them are fine. */
    assert_int_equal(insert(NULL, 3, NULL, 0, NULL, NULL), JET_errSuccess);
    assert_int_equal(insert(NULL, 4, NULL, 0, NULL, NULL), JET_errSuccess);
    struct isam_wtable *pwt = wt();
    struct bt_cursor *c;
    struct isam_tree *pt;
    uint32_t cRec = 0;
    assert_int_equal(isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &pt), JET_errSuccess);
    for (JET_ERR err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0))
        cRec++;
    assert_int_equal(cRec, 3);
    isam_wtable_close(pwt);
    check_db();
}

static void test_update_replace_moves_index_entries_and_bumps_version(void **state)
{
    (void)state;
    make_table();
    const char *rgTags[] = { "a", "b", "c" };
    uint8_t rgbBm[JET_cbKeyMostMost];
    uint32_t cbBm;
    assert_int_equal(insert("one", 1, rgTags, 3, rgbBm, &cbBm), JET_errSuccess);
    assert_int_equal(insert("two", 2, NULL, 0, NULL, NULL), JET_errSuccess);

    struct isam_wtable *pwt = wt();
    uint32_t cb;
    uint8_t *pb = record(pwt, rgbBm, cbBm, &cb);
    struct isam_upd u;
    assert_int_equal(isam_upd_prepare(g_f.sess, pwt, &u, JET_prepReplace, pb, cb, rgbBm, cbBm), JET_errSuccess);
    mem_free(pb);
    /* The autoincrement and version columns cannot be set by a replace. */
    int32_t l = 42;
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_ID], &l, 4, 0, 1, 0), JET_errInvalidColumnType);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_VER], &l, 4, 0, 1, 0), JET_errInvalidColumnType);
    /* A name another record has: the unique index refuses at JetUpdate, the update stays. */
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NAME], "two", 3, 0, 1, 0), JET_errSuccess);
    assert_int_equal(isam_upd_update(g_f.sess, &u, NULL, 0, NULL, 0), JET_errKeyDuplicate);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NAME], "uno", 3, 0, 1, 0), JET_errSuccess);
    /* Second tag replaced, third removed (NULL at its itag). */
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_TAGS], "z", 1, 0, 2, 0), JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_TAGS], NULL, 0, 0, 3, 0), JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NUM], &l, 4, 0, 1, 0), JET_errSuccess);
    assert_int_equal(isam_upd_update(g_f.sess, &u, NULL, 0, NULL, 0), JET_errSuccess);

    pwt = wt();
    pb = record(pwt, rgbBm, cbBm, &cb);
    struct rec_value val;
    assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_NAME], 1, &val), JET_errSuccess);
    assert_int_equal(val.cb, 3);
    assert_memory_equal(val.pb, "uno", 3);
    assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_VER], 1, &val), JET_errSuccess);
    assert_int_equal(get_le32(val.pb), 1);
    uint32_t cval;
    const struct rec_column *pc;
    struct rec_view v;
    assert_int_equal(isam_wtable_column(pwt, g_rgcolid[COL_TAGS], &pc), JET_errSuccess);
    assert_int_equal(rec_view_init(&v, pb, cb, g_f.db->cbPage, 0), JET_errSuccess);
    assert_int_equal(rec_count_values(&v, &pwt->pt->schema, pc, &cval), JET_errSuccess);
    assert_int_equal(cval, 2);
    mem_free(pb);
    isam_wtable_close(pwt);
    check_db();
}

static void test_update_delete_removes_record_and_entries(void **state)
{
    (void)state;
    make_table();
    const char *rgTags[] = { "x", "y" };
    uint8_t rgbBm[JET_cbKeyMostMost];
    uint32_t cbBm;
    assert_int_equal(insert("gone", 1, rgTags, 2, rgbBm, &cbBm), JET_errSuccess);
    assert_int_equal(insert("kept", 2, rgTags, 1, NULL, NULL), JET_errSuccess);
    struct isam_wtable *pwt = wt();
    assert_int_equal(isam_rec_delete(g_f.sess, pwt, rgbBm, cbBm), JET_errSuccess);
    assert_int_equal(isam_rec_delete(g_f.sess, pwt, rgbBm, cbBm), JET_errRecordDeleted);
    uint32_t cb;
    assert_null(record(pwt, rgbBm, cbBm, &cb));
    isam_wtable_close(pwt);
    /* The name is free again. */
    assert_int_equal(insert("gone", 3, NULL, 0, NULL, NULL), JET_errSuccess);
    check_db();
}

static void test_update_long_values_separate_and_read_back(void **state)
{
    (void)state;
    make_table();
    const uint32_t cbBig = 100000;
    uint8_t *pbBig = mem_alloc(cbBig);
    for (uint32_t i = 0; i < cbBig; i++)
        pbBig[i] = (uint8_t)(i * 7 + (i >> 9));
    /* Unicode text that compresses (7-bit) */
    ESENT_WCHAR wsz[600];
    for (uint32_t i = 0; i < 600; i++)
        wsz[i] = (ESENT_WCHAR)('a' + i % 26);

    struct isam_upd u;
    uint8_t rgbBm[JET_cbKeyMostMost];
    uint32_t cbBm;
    assert_int_equal(isam_upd_prepare(g_f.sess, wt(), &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_BLOB], pbBig, 60000, 0, 1, 0), JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_BLOB], pbBig + 60000, cbBig - 60000, JET_bitSetAppendLV, 1, 0),
                     JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_TEXT], wsz, sizeof wsz, 0, 1, 0), JET_errSuccess);
    assert_int_equal(isam_upd_update(g_f.sess, &u, rgbBm, sizeof rgbBm, &cbBm, 0), JET_errSuccess);

    struct isam_wtable *pwt = wt();
    uint32_t cb;
    uint8_t *pb = record(pwt, rgbBm, cbBm, &cb);
    struct rec_value val;
    assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_BLOB], 1, &val), JET_errSuccess);
    assert_true(val.fFlags & REC_VALUE_SEPARATED);
    uint64_t lid;
    assert_true(rec_lid_get(val.pb, val.cb, &lid));
    assert_int_equal(isam_lv_open(g_f.sess, pwt, false), JET_errSuccess);
    assert_true(pwt->fLV);
    uint8_t *pbRead = NULL;
    uint32_t cbRead = 0;
    assert_int_equal(isam_lv_read_all(pwt, lid, &pbRead, &cbRead), JET_errSuccess);
    assert_int_equal(cbRead, cbBig);
    assert_memory_equal(pbRead, pbBig, cbBig);
    mem_free(pbRead);
    /* The text: compressed (intrinsic or separated), decompressing to what was set. */
    assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_TEXT], 1, &val), JET_errSuccess);
    uint8_t *pbText = NULL;
    uint32_t cbText = 0;
    if (val.fFlags & REC_VALUE_SEPARATED) {
        assert_true(rec_lid_get(val.pb, val.cb, &lid));
        assert_int_equal(isam_lv_read_all(pwt, lid, &pbText, &cbText), JET_errSuccess);
    } else {
        assert_true(val.fFlags & REC_VALUE_COMPRESSED);
        assert_int_equal(rec_decompressed_size(val.pb, val.cb, &cbText), JET_errSuccess);
        pbText = mem_alloc(cbText);
        assert_int_equal(rec_decompress(val.pb, val.cb, pbText, cbText, &cbText), JET_errSuccess);
    }
    assert_int_equal(cbText, sizeof wsz);
    assert_memory_equal(pbText, wsz, sizeof wsz);
    mem_free(pbText);

    /* Overwrite a range in place, then shrink it. */
    struct isam_upd u2;
    assert_int_equal(isam_upd_prepare(g_f.sess, pwt, &u2, JET_prepReplace, pb, cb, rgbBm, cbBm), JET_errSuccess);
    static const uint8_t rgbNew[5] = { 1, 2, 3, 4, 5 };
    assert_int_equal(isam_upd_set(g_f.sess, &u2, g_rgcolid[COL_BLOB], rgbNew, 5, JET_bitSetOverwriteLV, 1, 70000),
                     JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u2, g_rgcolid[COL_BLOB], NULL, 80000, JET_bitSetSizeLV, 1, 0), JET_errSuccess);
    assert_int_equal(isam_upd_update(g_f.sess, &u2, NULL, 0, NULL, 0), JET_errSuccess);
    mem_free(pb);
    memcpy(pbBig + 70000, rgbNew, 5);

    pwt = wt();
    pb = record(pwt, rgbBm, cbBm, &cb);
    assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_BLOB], 1, &val), JET_errSuccess);
    assert_true(rec_lid_get(val.pb, val.cb, &lid));
    assert_int_equal(isam_lv_open(g_f.sess, pwt, false), JET_errSuccess);
    assert_int_equal(isam_lv_read_all(pwt, lid, &pbRead, &cbRead), JET_errSuccess);
    assert_int_equal(cbRead, 80000);
    assert_memory_equal(pbRead, pbBig, 80000);
    mem_free(pbRead);
    mem_free(pb);
    isam_wtable_close(pwt);
    mem_free(pbBig);
    check_db();
}

static void test_update_cancel_leaves_no_long_value(void **state)
{
    (void)state;
    make_table();
    uint8_t rgb[5000];
    memset(rgb, 0x5a, sizeof rgb);
    struct isam_upd u;
    assert_int_equal(isam_upd_prepare(g_f.sess, wt(), &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_BLOB], rgb, sizeof rgb, JET_bitSetSeparateLV, 1, 0),
                     JET_errSuccess);
    assert_int_equal(isam_upd_cancel(g_f.sess, &u), JET_errSuccess);
    assert_int_equal(g_f.sess->trx_level, 0);
    struct isam_wtable *pwt = wt();
    assert_int_equal(isam_lv_open(g_f.sess, pwt, false), JET_errSuccess);
    if (pwt->fLV) {
        struct bt_cursor *c;
        assert_int_equal(bt_open(g_f.db->btdb, &pwt->tLV.desc, &c), JET_errSuccess);
        assert_int_equal(bt_move_first(c, 0), JET_errNoCurrentRecord);
        bt_close(c);
    }
    isam_wtable_close(pwt);
    check_db();
}

static void test_update_unique_multivalues_refused(void **state)
{
    (void)state;
    make_table();
    struct isam_upd u;
    assert_int_equal(isam_upd_prepare(g_f.sess, wt(), &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_TAGS], "dup", 3, 0, 0, 0), JET_errSuccess);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_TAGS], "dup", 3, JET_bitSetUniqueMultiValues, 0, 0),
                     JET_errMultiValuedDuplicate);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_TAGS], "other", 5, JET_bitSetUniqueMultiValues, 0, 0),
                     JET_errSuccess);
    /* A fixed column takes only its size. */
    int16_t s = 1;
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NUM], &s, 2, 0, 1, 0), JET_errInvalidBufferSize);
    assert_int_equal(isam_upd_set(g_f.sess, &u, 0x3000, &s, 2, 0, 1, 0), JET_errColumnNotFound);
    assert_int_equal(isam_upd_update(g_f.sess, &u, NULL, 0, NULL, 0), JET_errSuccess);
    check_db();
}

static void test_update_escrow_adds_and_rolls_back(void **state)
{
    (void)state;
    make_table();
    uint8_t rgbBm[JET_cbKeyMostMost];
    uint32_t cbBm;
    assert_int_equal(insert("e", 1, NULL, 0, rgbBm, &cbBm), JET_errSuccess);
    struct isam_wtable *pwt = wt();
    int32_t delta = 5, old = -1;
    uint32_t cbOld = 0;
    assert_int_equal(isam_rec_escrow(g_f.sess, pwt, rgbBm, cbBm, g_rgcolid[COL_ESCROW], &delta, 4, &old, 4, &cbOld, 0),
                     JET_errNotInTransaction);
    assert_int_equal(isam_trx_begin(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(isam_rec_escrow(g_f.sess, pwt, rgbBm, cbBm, g_rgcolid[COL_ESCROW], &delta, 4, &old, 4, &cbOld, 0),
                     JET_errSuccess);
    assert_int_equal(old, 0);
    assert_int_equal(cbOld, 4);
    delta = -2;
    assert_int_equal(isam_rec_escrow(g_f.sess, pwt, rgbBm, cbBm, g_rgcolid[COL_ESCROW], &delta, 4, &old, 4, &cbOld, 0),
                     JET_errSuccess);
    assert_int_equal(old, 5);
    assert_int_equal(isam_rec_escrow(g_f.sess, pwt, rgbBm, cbBm, g_rgcolid[COL_NUM], &delta, 4, NULL, 0, NULL, 0),
                     JET_errInvalidOperation);
    assert_int_equal(isam_trx_commit(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(g_f.sess, 0), JET_errSuccess);
    delta = 100;
    assert_int_equal(isam_rec_escrow(g_f.sess, pwt, rgbBm, cbBm, g_rgcolid[COL_ESCROW], &delta, 4, &old, 4, &cbOld, 0),
                     JET_errSuccess);
    assert_int_equal(old, 3);
    assert_int_equal(isam_trx_rollback(g_f.sess, 0), JET_errSuccess);
    uint32_t cb;
    uint8_t *pb = record(pwt, rgbBm, cbBm, &cb);
    struct rec_value val;
    assert_int_equal(value(pwt, pb, cb, g_rgcolid[COL_ESCROW], 1, &val), JET_errSuccess);
    assert_int_equal((int32_t)get_le32(val.pb), 3);
    mem_free(pb);
    isam_wtable_close(pwt);
    check_db();
}

/* JET_prepInsertCopyReplaceOriginal: the copy replaces the original and keeps its autoincrement
 * value (InsertCopyDeleteOriginal takes a new one). */
static void test_update_insert_copy_replace_original_keeps_autoincrement(void **state)
{
    (void)state;
    make_table();
    uint8_t rgbBm[JET_cbKeyMostMost], rgbBm2[JET_cbKeyMostMost];
    uint32_t cbBm, cbBm2, cb;
    assert_int_equal(insert("a", 1, NULL, 0, rgbBm, &cbBm), JET_errSuccess);
    struct isam_wtable *pwt = wt();
    uint8_t *pbRec = record(pwt, rgbBm, cbBm, &cb);
    assert_non_null(pbRec);
    struct isam_upd u;
    assert_int_equal(isam_upd_prepare(g_f.sess, wt(), &u, JET_prepInsertCopyReplaceOriginal, pbRec, cb, rgbBm, cbBm),
                     JET_errSuccess);
    mem_free(pbRec);
    int32_t num = 9;
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_ID], &num, 4, 0, 1, 0), JET_errInvalidColumnType);
    assert_int_equal(isam_upd_set(g_f.sess, &u, g_rgcolid[COL_NUM], &num, 4, 0, 1, 0), JET_errSuccess);
    assert_int_equal(isam_upd_update(g_f.sess, &u, rgbBm2, sizeof rgbBm2, &cbBm2, 0), JET_errSuccess);
    /* the same primary key (Id kept), the new Num */
    assert_int_equal(cbBm2, cbBm);
    assert_memory_equal(rgbBm2, rgbBm, cbBm);
    pbRec = record(pwt, rgbBm, cbBm, &cb);
    assert_non_null(pbRec);
    struct rec_value val;
    assert_int_equal(value(pwt, pbRec, cb, g_rgcolid[COL_NUM], 1, &val), JET_errSuccess);
    assert_int_equal((int32_t)get_le32(val.pb), 9);
    mem_free(pbRec);
    isam_wtable_close(pwt);
    check_db();
}

/* A DeleteOnZero column left at zero: the record goes once the transaction committed to level 0
 * and the version store's cleanup runs, not before, not after a rollback; a NoRollback delta
 * survives its rollback. */
static void test_update_escrow_delete_on_zero_at_cleanup(void **state)
{
    (void)state;
    static const int32_t lZero = 0;
    JET_COLUMNCREATE_A rgc[2] = {
        colc("Id", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0),
        colc("Refs", JET_coltypLong, 0, JET_bitColumnEscrowUpdate | JET_bitColumnDeleteOnZero, 0),
    };
    rgc[1].pvDefault = (void *)&lZero;
    rgc[1].cbDefault = 4;
    struct keybuf k;
    keybuf_set(&k, "+Id");
    JET_INDEXCREATE3_A rgi[] = { idxc("Primary", &k, JET_bitIndexPrimary) };
    JET_TABLECREATE4_A tc = tablec("z", rgc, 2, rgi, 1);
    uint32_t objid;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objid), JET_errSuccess);
    struct isam_wtable *pwt = NULL;
    assert_int_equal(isam_wtable_open(g_f.db, objid, &pwt), JET_errSuccess);
    uint8_t rgbBm[2][JET_cbKeyMostMost];
    uint32_t cbBm[2];
    for (int i = 0; i < 2; i++) {
        struct isam_upd u;
        struct isam_wtable *pwtU = NULL;
        assert_int_equal(isam_wtable_open(g_f.db, objid, &pwtU), JET_errSuccess);
        assert_int_equal(isam_upd_prepare(g_f.sess, pwtU, &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
        assert_int_equal(isam_upd_update(g_f.sess, &u, rgbBm[i], JET_cbKeyMostMost, &cbBm[i], 0), JET_errSuccess);
    }
    const JET_COLUMNID colid = rgc[1].columnid;
    int32_t delta = 2;
    uint32_t cb;
    assert_int_equal(isam_trx_begin(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(isam_rec_escrow(g_f.sess, pwt, rgbBm[0], cbBm[0], colid, &delta, 4, NULL, 0, NULL, 0), JET_errSuccess);
    /* a nested level down to zero, committed into the outer one: the record stays until level 0 */
    assert_int_equal(isam_trx_begin(g_f.sess, 0), JET_errSuccess);
    delta = -2;
    assert_int_equal(isam_rec_escrow(g_f.sess, pwt, rgbBm[0], cbBm[0], colid, &delta, 4, NULL, 0, NULL, 0), JET_errSuccess);
    assert_int_equal(isam_trx_commit(g_f.sess, 0), JET_errSuccess);
    uint8_t *pb = record(pwt, rgbBm[0], cbBm[0], &cb);
    assert_non_null(pb);
    mem_free(pb);
    assert_int_equal(isam_trx_commit(g_f.sess, 0), JET_errSuccess);
    (void)ver_store_clean(g_f.sess->inst->vs);   /* (its thread may have been first) */
    assert_null(record(pwt, rgbBm[0], cbBm[0], &cb));

    /* down to zero and rolled back: kept */
    assert_int_equal(isam_trx_begin(g_f.sess, 0), JET_errSuccess);
    delta = 4;
    assert_int_equal(isam_rec_escrow(g_f.sess, pwt, rgbBm[1], cbBm[1], colid, &delta, 4, NULL, 0, NULL, 0), JET_errSuccess);
    assert_int_equal(isam_trx_commit(g_f.sess, 0), JET_errSuccess);
    assert_int_equal(isam_trx_begin(g_f.sess, 0), JET_errSuccess);
    delta = -4;
    assert_int_equal(isam_rec_escrow(g_f.sess, pwt, rgbBm[1], cbBm[1], colid, &delta, 4, NULL, 0, NULL, 0), JET_errSuccess);
    assert_int_equal(isam_trx_rollback(g_f.sess, 0), JET_errSuccess);
    assert_null(g_f.sess->escrowZero);
    /* JET_bitEscrowNoRollback: kept by the rollback */
    assert_int_equal(isam_trx_begin(g_f.sess, 0), JET_errSuccess);
    delta = 3;
    assert_int_equal(isam_rec_escrow(g_f.sess, pwt, rgbBm[1], cbBm[1], colid, &delta, 4, NULL, 0, NULL,
                                     JET_bitEscrowNoRollback), JET_errSuccess);
    assert_int_equal(isam_trx_rollback(g_f.sess, 0), JET_errSuccess);
    pb = record(pwt, rgbBm[1], cbBm[1], &cb);
    assert_non_null(pb);
    struct rec_value val;
    assert_int_equal(value(pwt, pb, cb, colid, 1, &val), JET_errSuccess);
    assert_int_equal((int32_t)get_le32(val.pb), 7);
    mem_free(pb);
    isam_wtable_close(pwt);
    assert_int_equal(wfx_check(&g_f, NULL), JET_errSuccess);
}

static void test_update_many_records_split_pages(void **state)
{
    (void)state;
    make_table();
    char sz[32];
    for (int i = 0; i < 3000; i++) {
        snprintf(sz, sizeof sz, "name%05d", (i * 7919) % 3000);
        const char *rgTags[] = { sz + 4 };
        assert_int_equal(insert(sz, i % 17, rgTags, 1, NULL, NULL), JET_errSuccess);
    }
    check_db();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_update_insert_reads_back_with_autoincrement_and_index_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_unique_index_refuses_duplicate_and_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_replace_moves_index_entries_and_bumps_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_delete_removes_record_and_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_long_values_separate_and_read_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_cancel_leaves_no_long_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_unique_multivalues_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_escrow_adds_and_rolls_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_insert_copy_replace_original_keeps_autoincrement, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_escrow_delete_on_zero_at_cleanup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_many_records_split_pages, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
