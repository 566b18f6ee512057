/* SPDX-License-Identifier: MIT
 * isam/tests/test_repair.c: repair (isam_repair.c) of copies of an engine-made database damaged
 * in one page each (a data leaf, the data tree's internal root, a long-value leaf, a secondary
 * index leaf, the catalog's root, the database root's space tree): the result passes the
 * integrity check, holds exactly the records of the undamaged pages (a record whose long value
 * lost a chunk is deleted, as ESE does), its header counts the repair, and the report names the
 * losses. Also: a sound database is left alone, and random damage never crashes. */
#include "test_write_util.h"
#include "isam_dbutil.h"

#define CREC 600u
#define CB_BLOB 9000u

static struct wfx g_f;
static uint32_t g_objid, g_objidLV, g_objidIdx;
static JET_COLUMNID g_colName, g_colNum, g_colBlob;

static void make_db(void)
{
    assert_int_equal(wfx_open(&g_f, 0), JET_errSuccess);
    JET_COLUMNCREATE_A rgc[] = {
        colc("Id", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0),
        colc("Name", JET_coltypText, 64, 0, 1252),
        colc("Num", JET_coltypLong, 0, 0, 0),
        colc("Blob", JET_coltypLongBinary, 0, 0, 0),
    };
    struct keybuf k[3];
    keybuf_set(&k[0], "+Id");
    keybuf_set(&k[1], "+Name");
    keybuf_set(&k[2], "-Num|+Name");
    JET_INDEXCREATE3_A rgi[] = {
        idxc("Primary", &k[0], JET_bitIndexPrimary),
        idxc("Name", &k[1], JET_bitIndexUnique),
        idxc("NumName", &k[2], 0),
    };
    JET_TABLECREATE4_A tc = tablec("t", rgc, ARRAY_SIZE(rgc), rgi, ARRAY_SIZE(rgi));
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &g_objid), JET_errSuccess);
    g_colName = rgc[1].columnid;
    g_colNum = rgc[2].columnid;
    g_colBlob = rgc[3].columnid;
    uint8_t *pbBlob = mem_alloc(CB_BLOB);
    assert_non_null(pbBlob);
    for (uint32_t i = 0; i < CREC; i++) {
        struct isam_wtable *pwt = NULL;
        struct isam_upd u;
        char szName[32];
        int32_t num = (int32_t)(i % 37);
        snprintf(szName, sizeof szName, "name%05u-padding-padding", i);
        assert_int_equal(isam_wtable_open(g_f.db, g_objid, &pwt), JET_errSuccess);
        assert_int_equal(isam_upd_prepare(g_f.sess, pwt, &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
        assert_true(isam_upd_set(g_f.sess, &u, g_colName, szName, (uint32_t)strlen(szName), 0, 1, 0) >= 0);
        assert_true(isam_upd_set(g_f.sess, &u, g_colNum, &num, 4, 0, 1, 0) >= 0);
        if (i % 10 == 0) {
            for (uint32_t b = 0; b < CB_BLOB; b++) pbBlob[b] = (uint8_t)(b * 7 + i);
            assert_true(isam_upd_set(g_f.sess, &u, g_colBlob, pbBlob, CB_BLOB, 0, 1, 0) >= 0);
        }
        uint8_t rgbBm[JET_cbKeyMostMost];
        uint32_t cbBm = 0;
        assert_int_equal(isam_upd_update(g_f.sess, &u, rgbBm, sizeof rgbBm, &cbBm, 0), JET_errSuccess);
    }
    mem_free(pbBlob);
    struct catalog_table *pt = NULL;
    assert_int_equal(wfx_load(&g_f, "t", &pt), JET_errSuccess);
    assert_true(pt->fLV);
    g_objidLV = pt->lv.objid;
    g_objidIdx = 0;
    for (uint32_t i = 0; i < pt->cidx; i++)
        if (!strcmp(pt->rgidx[i].szName, "Name")) g_objidIdx = pt->rgidx[i].objid;
    assert_int_not_equal(g_objidIdx, 0);
    catalog_table_free(pt);
    assert_int_equal(isam_db_close(g_f.sess, g_f.dbid, 0), JET_errSuccess);
    assert_int_equal(isam_db_detach(g_f.sess, WW("/w.edb"), 0), JET_errSuccess);
    g_f.dbid = 0;
    g_f.db = NULL;
}

static int setup(void **state)
{
    (void)state;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    wfx_close(&g_f);
    return 0;
}

/* ---- the file, page by page ---- */

static uint32_t cb_page(void)
{
    return (uint32_t)param_num(&g_f.inst->params, JET_paramDatabasePageSize);
}

static uint8_t *read_page(uint32_t pgno)
{
    struct os_file *file = NULL;
    const uint32_t cb = cb_page();
    uint8_t *pb = mem_alloc(cb);
    assert_non_null(pb);
    assert_int_equal(os_file_open(g_f.vfs, WW("/w.edb"), OS_OPEN_READONLY, &file), JET_errSuccess);
    if (os_file_read(file, page_file_offset(pgno, cb), pb, cb) < 0) memset(pb, 0, cb);
    os_file_close(file);
    return pb;
}

static uint32_t cpg_file(void)
{
    struct os_file *file = NULL;
    uint64_t cb = 0;
    assert_int_equal(os_file_open(g_f.vfs, WW("/w.edb"), OS_OPEN_READONLY, &file), JET_errSuccess);
    assert_int_equal(os_file_size(file, &cb), JET_errSuccess);
    os_file_close(file);
    return (uint32_t)(cb / cb_page() - 2);
}

/* The first page (after skip others) of tree objid whose flags include fWant and exclude fNot. */
static uint32_t find_page(uint32_t objid, uint32_t fWant, uint32_t fNot, uint32_t skip)
{
    const uint32_t cpg = cpg_file();
    for (uint32_t pgno = 1; pgno <= cpg; pgno++) {
        uint8_t *pb = read_page(pgno);
        bool fMatch = false;
        if (page_verify(pb, cb_page(), pgno, 0, NULL) >= 0) {
            const struct page_view v = page_view_make(pb, cb_page(), pgno);
            fMatch = page_objid_fdp(&v) == objid && (page_flags(&v) & fWant) == fWant && !(page_flags(&v) & fNot) &&
                     page_cline(&v) > 0;
        }
        mem_free(pb);
        if (fMatch && skip-- == 0) return pgno;
    }
    fail_msg("no page of objid %u with flags %#x", objid, fWant);
    return 0;
}

/* The nodes' keys of a page, each as a 4-byte-or-less prefix (Ids and LIDs fit). */
static uint32_t page_keys(uint32_t pgno, uint64_t *rg, uint32_t cMax, bool fLV)
{
    uint8_t *pb = read_page(pgno);
    const struct page_view v = page_view_make(pb, cb_page(), pgno);
    uint32_t c = 0;
    for (uint32_t i = 0; i < page_cline(&v) && c < cMax; i++) {
        struct page_node n;
        uint8_t rgbKey[512];
        assert_int_equal(page_get_node(&v, i, &n), JET_errSuccess);
        uint32_t cbKey = page_node_key(&n, rgbKey, sizeof rgbKey);
        if (fLV) {
            uint64_t lid;
            bool fRoot;
            uint32_t ib;
            assert_int_equal(rec_lv_key_parse(rgbKey, cbKey, &lid, &fRoot, &ib), JET_errSuccess);
            if (c == 0 || rg[c - 1] != lid) rg[c++] = lid;
        } else {
            uint64_t k = 0;
            for (uint32_t b = 0; b < cbKey && b < 8; b++) k = (k << 8) | rgbKey[b];
            rg[c++] = k;
        }
    }
    mem_free(pb);
    return c;
}

static void damage_page(uint32_t pgno)
{
    struct os_file *file = NULL;
    const uint32_t cb = cb_page();
    uint8_t rgb[4];
    assert_int_equal(os_file_open(g_f.vfs, WW("/w.edb"), 0, &file), JET_errSuccess);
    const uint64_t ib = page_file_offset(pgno, cb) + cb / 2;
    assert_int_equal(os_file_read(file, ib, rgb, sizeof rgb), JET_errSuccess);
    for (size_t i = 0; i < sizeof rgb; i++) rgb[i] ^= 0x5A;
    assert_int_equal(os_file_write(file, ib, rgb, sizeof rgb), JET_errSuccess);
    os_file_close(file);
}

static char *read_text(const char *szPath)
{
    struct os_file *file = NULL;
    uint64_t cb = 0;
    if (os_file_open(g_f.vfs, WW(szPath), OS_OPEN_READONLY, &file) < 0) return NULL;
    char *sz = NULL;
    if (os_file_size(file, &cb) >= 0 && (sz = mem_alloc((size_t)cb + 1)) != NULL) {
        if (os_file_read(file, 0, sz, (size_t)cb) < 0) cb = 0;
        sz[cb] = 0;
    }
    os_file_close(file);
    return sz;
}

/* ---- after the repair ---- */

/* The primary keys of table "t" (as integers) and which of them hold a separated long value. */
struct table_keys {
    uint64_t rg[CREC];
    uint64_t rgLid[CREC];           /* 0: no separated value */
    uint32_t c;
};

static void read_table(struct table_keys *pk)
{
    struct isam_db *db = NULL;
    struct catalog *cat = NULL;
    struct catalog_table *pt = NULL;
    struct bt_cursor *c = NULL;
    memset(pk, 0, sizeof *pk);
    assert_int_equal(isam_dbutil_attach(g_f.sess, WW("/w.edb"), false, &db), JET_errSuccess);
    assert_int_equal(catalog_open(db->btdb, &cat), JET_errSuccess);
    assert_int_equal(catalog_load_table(cat, "t", &pt), JET_errSuccess);
    const struct bt_tree_desc d = { pt->table.pgnoFDP, pt->table.objid, BT_TYPE_PRIMARY, false, JET_cbKeyMost };
    assert_int_equal(bt_open(db->btdb, &d, &c), JET_errSuccess);
    const struct rec_column *pcBlob = NULL;
    for (uint32_t i = 0; i < pt->creccol; i++)
        if (rec_coltyp_is_long(pt->rgreccol[i].coltyp)) pcBlob = &pt->rgreccol[i];
    assert_non_null(pcBlob);
    for (JET_ERR err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0)) {
        uint32_t cbKey, cbData;
        const uint8_t *pbKey = bt_key(c, &cbKey);
        const uint8_t *pbData = bt_data(c, &cbData);
        uint64_t k = 0;
        for (uint32_t b = 0; b < cbKey && b < 8; b++) k = (k << 8) | pbKey[b];
        assert_true(pk->c < CREC);
        struct rec_view v;
        struct rec_value val;
        assert_int_equal(rec_view_init(&v, pbData, cbData, db->cbPage, 0), JET_errSuccess);
        JET_ERR e = rec_retrieve(&v, &pt->schema, pcBlob, 1, &val);
        uint64_t lid = 0;
        if (e == JET_errSuccess && (val.fFlags & REC_VALUE_SEPARATED)) assert_true(rec_lid_get(val.pb, val.cb, &lid));
        pk->rgLid[pk->c] = lid;
        pk->rg[pk->c++] = k;
    }
    bt_close(c);
    catalog_table_free(pt);
    catalog_close(cat);
    isam_dbutil_detach(db);
}

static bool has_key(const struct table_keys *pk, uint64_t k)
{
    for (uint32_t i = 0; i < pk->c; i++)
        if (pk->rg[i] == k) return true;
    return false;
}

static void repair_and_check(void)
{
    const struct isam_repair_args ra = { WW("/w.edb"), WW("/rep"), false, NULL, 0 };
    assert_int_equal(isam_dbutil_repair(g_f.sess, &ra), JET_wrnDatabaseRepaired);
    const struct isam_integrity_args ia = { WW("/w.edb"), WW("/after"), false, false, NULL, 0 };
    assert_int_equal(isam_dbutil_integrity(g_f.sess, &ia), JET_errSuccess);
    struct db_header hdr;
    uint32_t cbPage;
    uint64_t cbFile;
    assert_int_equal(isam_db_header_read(g_f.vfs, WW("/w.edb"), &hdr, &cbPage, &cbFile), JET_errSuccess);
    assert_int_equal(hdr.ulRepairCount, 1);
    assert_int_equal(hdr.dbstate, PAGE_DBSTATE_CLEAN_SHUTDOWN);
    assert_true(hdr.logtimeRepair.bYear > 0);
    char *sz = read_text("/rep.INTEG.RAW");
    assert_non_null(sz);
    assert_non_null(strstr(sz, "Integrity check completed. Database is CORRUPTED!"));
    assert_non_null(strstr(sz, "repaired table \"t\""));
    mem_free(sz);
}

/* ---- the cases ---- */

static void test_isam_repair_keeps_a_sound_database_unchanged(void **state)
{
    (void)state;
    make_db();
    const struct isam_repair_args ra = { WW("/w.edb"), WW("/rep"), false, NULL, 0 };
    assert_int_equal(isam_dbutil_repair(g_f.sess, &ra), JET_errSuccess);
    struct db_header hdr;
    uint32_t cbPage;
    uint64_t cbFile;
    assert_int_equal(isam_db_header_read(g_f.vfs, WW("/w.edb"), &hdr, &cbPage, &cbFile), JET_errSuccess);
    assert_int_equal(hdr.ulRepairCount, 0);
    struct table_keys k;
    read_table(&k);
    assert_int_equal(k.c, CREC);
    wfx_close(&g_f);
}

static void test_isam_repair_drops_exactly_the_records_of_a_damaged_leaf(void **state)
{
    (void)state;
    make_db();
    const uint32_t pgno =
        find_page(g_objid, PAGE_FLAG_LEAF, PAGE_FLAG_LONG_VALUE | PAGE_FLAG_INDEX | PAGE_FLAG_SPACE_TREE, 1);
    uint64_t rgLost[CREC];
    const uint32_t cLost = page_keys(pgno, rgLost, CREC, false);
    assert_true(cLost > 0 && cLost < CREC);
    damage_page(pgno);
    repair_and_check();
    struct table_keys k;
    read_table(&k);
    assert_int_equal(k.c, CREC - cLost);
    for (uint32_t i = 0; i < cLost; i++) assert_false(has_key(&k, rgLost[i]));
    char *sz = read_text("/rep.INTEG.RAW");
    assert_non_null(strstr(sz, "damaged pages: 1 of its data (the records they held are lost), 0 of its long values"));
    mem_free(sz);
    wfx_close(&g_f);
}

static void test_isam_repair_keeps_every_record_when_an_internal_page_is_damaged(void **state)
{
    (void)state;
    make_db();
    const uint32_t pgno = find_page(g_objid, PAGE_FLAG_ROOT, PAGE_FLAG_LEAF | PAGE_FLAG_SPACE_TREE, 0);
    damage_page(pgno);
    repair_and_check();
    struct table_keys k;
    read_table(&k);
    assert_int_equal(k.c, CREC);
    wfx_close(&g_f);
}

static void test_isam_repair_deletes_records_whose_long_value_lost_a_chunk(void **state)
{
    (void)state;
    make_db();
    struct table_keys before;
    read_table(&before);
    const uint32_t pgno = find_page(g_objidLV, PAGE_FLAG_LEAF | PAGE_FLAG_LONG_VALUE, PAGE_FLAG_SPACE_TREE, 1);
    uint64_t rgLid[CREC];
    const uint32_t cLid = page_keys(pgno, rgLid, CREC, true);
    assert_true(cLid > 0);
    uint32_t cLost = 0;
    for (uint32_t i = 0; i < before.c; i++)
        for (uint32_t j = 0; j < cLid; j++)
            if (before.rgLid[i] && before.rgLid[i] == rgLid[j]) cLost++;
    assert_true(cLost > 0);
    damage_page(pgno);
    repair_and_check();
    struct table_keys k;
    read_table(&k);
    assert_int_equal(k.c, CREC - cLost);
    for (uint32_t i = 0; i < before.c; i++) {
        bool fLost = false;
        for (uint32_t j = 0; j < cLid; j++) fLost |= before.rgLid[i] && before.rgLid[i] == rgLid[j];
        assert_true(has_key(&k, before.rg[i]) == !fLost);
    }
    char *sz = read_text("/rep.INTEG.RAW");
    assert_non_null(strstr(sz, "references a long value that is missing or incomplete: deleted"));
    mem_free(sz);
    wfx_close(&g_f);
}

static void test_isam_repair_rebuilds_a_damaged_secondary_index(void **state)
{
    (void)state;
    make_db();
    damage_page(find_page(g_objidIdx, PAGE_FLAG_LEAF | PAGE_FLAG_INDEX, PAGE_FLAG_SPACE_TREE, 0));
    repair_and_check();
    struct table_keys k;
    read_table(&k);
    assert_int_equal(k.c, CREC);
    wfx_close(&g_f);
}

static void test_isam_repair_takes_the_catalog_from_its_shadow(void **state)
{
    (void)state;
    make_db();
    damage_page(REC_CAT_PGNO_MSO);
    repair_and_check();
    struct table_keys k;
    read_table(&k);
    assert_int_equal(k.c, CREC);
    wfx_close(&g_f);
}

static void test_isam_repair_survives_a_damaged_space_tree(void **state)
{
    (void)state;
    make_db();
    damage_page(3);     /* the database root's available-extent tree */
    repair_and_check();
    struct table_keys k;
    read_table(&k);
    assert_int_equal(k.c, CREC);
    wfx_close(&g_f);
}

/* Records deleted before the damage stay deleted: the pages they left (merged away, given back
 * to the space trees) still hold them, and the repair must not bring them back. */
static void test_isam_repair_does_not_bring_back_deleted_records(void **state)
{
    (void)state;
    make_db();
    assert_int_equal(isam_db_attach(g_f.sess, WW("/w.edb"), 0, 0), JET_errSuccess);
    assert_int_equal(isam_db_open(g_f.sess, WW("/w.edb"), 0, &g_f.dbid), JET_errSuccess);
    g_f.db = isam_db_get(g_f.inst, g_f.dbid);
    struct table_keys before;
    struct isam_wtable *pwt = NULL;
    assert_int_equal(isam_wtable_open(g_f.db, g_objid, &pwt), JET_errSuccess);
    struct bt_cursor *c;
    struct isam_tree *pt;
    assert_int_equal(isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &pt), JET_errSuccess);
    uint8_t rgrgbKey[CREC][8];
    uint32_t rgcbKey[CREC], cKeys = 0;
    for (JET_ERR err = bt_move_first(c, 0); err >= 0 && cKeys < CREC; err = bt_move_next(c, 0)) {
        const uint8_t *pb = bt_key(c, &rgcbKey[cKeys]);
        assert_true(rgcbKey[cKeys] <= 8);
        memcpy(rgrgbKey[cKeys], pb, rgcbKey[cKeys]);
        cKeys++;
    }
    assert_int_equal(cKeys, CREC);
    /* the middle two thirds go: whole pages empty and leave the tree */
    for (uint32_t i = CREC / 6; i < CREC - CREC / 6; i++)
        assert_int_equal(isam_rec_delete(g_f.sess, pwt, rgrgbKey[i], rgcbKey[i]), JET_errSuccess);
    isam_wtable_close(pwt);
    for (int i = 0; i < 4; i++) {
        const JET_ERR e = isam_idle(g_f.sess, 0);
        (void)e;
    }
    assert_int_equal(isam_db_close(g_f.sess, g_f.dbid, 0), JET_errSuccess);
    assert_int_equal(isam_db_detach(g_f.sess, WW("/w.edb"), 0), JET_errSuccess);
    g_f.dbid = 0;
    g_f.db = NULL;
    read_table(&before);
    assert_int_equal(before.c, CREC - (CREC - 2 * (CREC / 6)));
    damage_page(find_page(g_objidIdx, PAGE_FLAG_LEAF | PAGE_FLAG_INDEX, PAGE_FLAG_SPACE_TREE, 0));
    repair_and_check();
    struct table_keys k;
    read_table(&k);
    assert_int_equal(k.c, before.c);
    for (uint32_t i = 0; i < before.c; i++) assert_true(has_key(&k, before.rg[i]));
    /* the freed pages were there, and were left out */
    char *sz = read_text("/rep.INTEG.RAW");
    const char *pc = strstr(sz, " pages the space trees list as free are left out");
    assert_non_null(pc);
    while (pc > sz && pc[-1] >= '0' && pc[-1] <= '9') pc--;
    assert_true(atoi(pc) > 0);
    mem_free(sz);
    wfx_close(&g_f);
}

/* A template table and a table derived from it: the derived table's rows name the template, whose
 * columns and primary index it inherits; both come back, and so do the derived table's records. */
static void test_isam_repair_rebuilds_template_and_derived_tables(void **state)
{
    (void)state;
    uint32_t objidT, objidD;
    assert_int_equal(wfx_open(&g_f, 0), JET_errSuccess);
    JET_COLUMNCREATE_A rgc[] = { colc("K", JET_coltypLong, 0, 0, 0),
                                 colc("Tg", JET_coltypBinary, 0, JET_bitColumnTagged, 0) };
    struct keybuf k;
    keybuf_set(&k, "+K");
    JET_INDEXCREATE3_A rgi[] = { idxc("PK", &k, JET_bitIndexPrimary) };
    JET_TABLECREATE4_A tc = tablec("tmpl", rgc, 2, rgi, 1);
    tc.grbit = JET_bitTableCreateTemplateTable;
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &tc, &objidT), JET_errSuccess);
    JET_COLUMNCREATE_A rgcD[] = { colc("Own", JET_coltypShort, 0, 0, 0) };
    JET_TABLECREATE4_A td = tablec("derived", rgcD, 1, NULL, 0);
    td.szTemplateTableName = (char *)"tmpl";
    assert_int_equal(isam_ddl_create_table(g_f.sess, g_f.dbid, &td, &objidD), JET_errSuccess);
    for (int32_t i = 0; i < 300; i++) {
        struct isam_wtable *pwt = NULL;
        struct isam_upd u;
        int16_t own = (int16_t)i;
        uint8_t rgbTag[40];
        memset(rgbTag, (int)i, sizeof rgbTag);
        assert_int_equal(isam_wtable_open(g_f.db, objidD, &pwt), JET_errSuccess);
        assert_int_equal(isam_upd_prepare(g_f.sess, pwt, &u, JET_prepInsert, NULL, 0, NULL, 0), JET_errSuccess);
        assert_true(isam_upd_set(g_f.sess, &u, rgc[0].columnid, &i, 4, 0, 1, 0) >= 0);
        assert_true(isam_upd_set(g_f.sess, &u, rgc[1].columnid, rgbTag, sizeof rgbTag, 0, 1, 0) >= 0);
        assert_true(isam_upd_set(g_f.sess, &u, rgcD[0].columnid, &own, 2, 0, 1, 0) >= 0);
        assert_int_equal(isam_upd_update(g_f.sess, &u, NULL, 0, NULL, 0), JET_errSuccess);
    }
    assert_int_equal(isam_db_close(g_f.sess, g_f.dbid, 0), JET_errSuccess);
    assert_int_equal(isam_db_detach(g_f.sess, WW("/w.edb"), 0), JET_errSuccess);
    g_f.dbid = 0;
    g_f.db = NULL;
    damage_page(3);
    const struct isam_repair_args ra = { WW("/w.edb"), WW("/rep"), false, NULL, 0 };
    assert_int_equal(isam_dbutil_repair(g_f.sess, &ra), JET_wrnDatabaseRepaired);
    const struct isam_integrity_args ia = { WW("/w.edb"), WW("/after"), false, false, NULL, 0 };
    assert_int_equal(isam_dbutil_integrity(g_f.sess, &ia), JET_errSuccess);

    struct isam_db *db = NULL;
    struct catalog *cat = NULL;
    struct catalog_table *pt = NULL;
    struct bt_cursor *c = NULL;
    assert_int_equal(isam_dbutil_attach(g_f.sess, WW("/w.edb"), false, &db), JET_errSuccess);
    assert_int_equal(catalog_open(db->btdb, &cat), JET_errSuccess);
    assert_int_equal(catalog_load_table(cat, "derived", &pt), JET_errSuccess);
    assert_true(pt->table.fFlags & REC_CAT_TABLE_DERIVED);
    assert_string_equal(pt->table.szTemplateTable, "tmpl");
    assert_true(pt->iidxPrimary >= 0);
    const struct bt_tree_desc d = { pt->table.pgnoFDP, pt->table.objid, BT_TYPE_PRIMARY, false, JET_cbKeyMost };
    assert_int_equal(bt_open(db->btdb, &d, &c), JET_errSuccess);
    uint32_t cRec = 0;
    for (JET_ERR err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0)) cRec++;
    assert_int_equal(cRec, 300);
    bt_close(c);
    catalog_table_free(pt);
    assert_int_equal(catalog_load_table(cat, "tmpl", &pt), JET_errSuccess);
    assert_true(pt->table.fFlags & REC_CAT_TABLE_TEMPLATE);
    catalog_table_free(pt);
    catalog_close(cat);
    isam_dbutil_detach(db);
    wfx_close(&g_f);
}

static void test_isam_repair_never_crashes_on_random_damage(void **state)
{
    (void)state;
    make_db();
    /* Keep a pristine copy to damage afresh each round. */
    struct os_file *file = NULL;
    uint64_t cb = 0;
    assert_int_equal(os_file_open(g_f.vfs, WW("/w.edb"), OS_OPEN_READONLY, &file), JET_errSuccess);
    assert_int_equal(os_file_size(file, &cb), JET_errSuccess);
    uint8_t *pbOrig = mem_alloc((size_t)cb);
    assert_non_null(pbOrig);
    assert_int_equal(os_file_read(file, 0, pbOrig, (size_t)cb), JET_errSuccess);
    os_file_close(file);
    const uint32_t cbPage = cb_page();
    uint32_t seed = 12345;
    for (int round = 0; round < 16; round++) {
        assert_int_equal(os_file_open(g_f.vfs, WW("/w.edb"), OS_OPEN_TRUNCATE, &file), JET_errSuccess);
        assert_int_equal(os_file_write(file, 0, pbOrig, (size_t)cb), JET_errSuccess);
        /* scramble bytes of a few pages (the header pages left alone), checksums re-stamped on
         * some so the damage reaches the structure checks */
        for (int d = 0; d < 4; d++) {
            seed = seed * 1103515245u + 12345u;
            const uint32_t pgno = 1 + (seed >> 8) % (uint32_t)(cb / cbPage - 2);
            uint8_t *pb = mem_alloc(cbPage);
            assert_int_equal(os_file_read(file, page_file_offset(pgno, cbPage), pb, cbPage), JET_errSuccess);
            if (round % 4 == 3 && d == 0) {
                memset(pb, 0, cbPage);      /* a page never written */
            } else {
                for (int b = 0; b < 24; b++) {
                    seed = seed * 1103515245u + 12345u;
                    pb[(seed >> 4) % cbPage] ^= (uint8_t)(seed >> 24);
                }
                /* half the damage keeps a valid checksum: structure and record checks meet it */
                if (d & 1) page_checksum_set(pb, cbPage, pgno);
            }
            assert_int_equal(os_file_write(file, page_file_offset(pgno, cbPage), pb, cbPage), JET_errSuccess);
            mem_free(pb);
        }
        os_file_close(file);
        const struct isam_repair_args ra = { WW("/w.edb"), WW("/rep"), false, NULL, 0 };
        const JET_ERR err = isam_dbutil_repair(g_f.sess, &ra);
        assert_true(err == JET_wrnDatabaseRepaired || err == JET_errSuccess || err == JET_errDatabaseCorrupted);
        if (err == JET_wrnDatabaseRepaired) {
            const struct isam_integrity_args ia = { WW("/w.edb"), WW("/after"), false, false, NULL, 0 };
            assert_int_equal(isam_dbutil_integrity(g_f.sess, &ia), JET_errSuccess);
        }
    }
    mem_free(pbOrig);
    wfx_close(&g_f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_isam_repair_keeps_a_sound_database_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_repair_drops_exactly_the_records_of_a_damaged_leaf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_repair_keeps_every_record_when_an_internal_page_is_damaged, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_isam_repair_deletes_records_whose_long_value_lost_a_chunk, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_isam_repair_rebuilds_a_damaged_secondary_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_repair_takes_the_catalog_from_its_shadow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_repair_survives_a_damaged_space_tree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_repair_does_not_bring_back_deleted_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_repair_rebuilds_template_and_derived_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isam_repair_never_crashes_on_random_damage, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
