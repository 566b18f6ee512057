/* SPDX-License-Identifier: MIT
 * record/tests/test_samples.c: round trips over the Windows sample databases.
 *  - Records: every record is decoded and rebuilt with rec_set_column, starting from the table's
 *    default record and setting its columns in fid order, as an application inserting it would.
 *    The bytes must equal Windows' bytes. Two things in a Windows record depend on its history,
 *    not on its values, and are replayed as history: the stale bytes left in a fixed column set
 *    to NULL after it had a value (set the old value, then NULL), and a small-page MULTIVALUES
 *    holding two non-LV values (three values were set and one deleted; a fresh pair would be
 *    TWOVALUES). Their counts are printed.
 *  - Catalog: every MSysObjects row is decoded into its descriptor and encoded again; the bytes
 *    and the Id key must be Windows' bytes. MSysObjectsShadow must hold the same rows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "walk.h"

struct rt_ctx {
    const struct walk_table *pt;
    uint32_t crec;
    uint32_t cStaleFixed;       /* records with stale bytes in a NULL fixed column */
    uint32_t cMulti2;           /* records with a two-value MULTIVALUES on a small page */
    uint8_t *pbBuf;
};

static void set_or_fail(struct rec_buf *prb, const struct rec_schema *ps, const struct rec_column *pc,
        uint32_t itag, const struct rec_value *pval, uint32_t grbit)
{
    JET_ERR err = rec_set_column(prb, ps, pc, itag, pval, grbit);
    if (err < 0)
        fail_msg("rec_set_column fid %u itag %u: %d", pc->fid, itag, err);
}

static uint32_t grbit_for(const struct rec_value *pv)
{
    return ((pv->fFlags & REC_VALUE_SEPARATED) ? REC_SET_SEPARATED : 0)
         | ((pv->fFlags & REC_VALUE_COMPRESSED) ? REC_SET_COMPRESSED : 0)
         | ((pv->fFlags & REC_VALUE_ENCRYPTED) ? REC_SET_ENCRYPTED : 0);
}

/* Rebuild a record from its decoded columns. */
static void replay(struct rt_ctx *prt, const struct rec_view *pv, struct rec_buf *prb)
{
    const struct walk_table *pt = prt->pt;
    const struct rec_schema *ps = &pt->schema;
    bool fStale = false, fMulti2 = false;

    assert_int_equal(rec_init_insert(prb, ps), JET_errSuccess);
    for (uint32_t fid = 1; fid <= pv->fidFixedLast; fid++) {
        const struct rec_column *pc = rec_schema_find(ps, fid);
        assert_non_null(pc);
        enum rec_presence pres;
        struct rec_value val;
        assert_int_equal(rec_get_fixed(pv, pc, &pres, &val), JET_errSuccess);
        if (pres == REC_PRESENT) {
            set_or_fail(prb, ps, pc, 1, &val, 0);
            continue;
        }
        /* NULL: a fresh burst leaves '*' (or the default record's bytes); anything else is what
         * the column held before it was set to NULL. */
        set_or_fail(prb, ps, pc, 1, NULL, 0);
        struct rec_view vNow;
        struct rec_value valNow;
        assert_int_equal(rec_view_init(&vNow, prb->pb, prb->cb, ps->cbPage, 0), JET_errSuccess);
        assert_int_equal(rec_get_fixed(&vNow, pc, &pres, &valNow), JET_errSuccess);
        if (memcmp(valNow.pb, val.pb, val.cb)) {
            uint8_t rgb[256];
            memcpy(rgb, val.pb, val.cb);
            struct rec_value valOld = { rgb, val.cb, 0 };
            if (pc->coltyp == JET_coltypBit && rgb[0] != 0 && rgb[0] != 0xFF)
                fail_msg("stale Bit byte %02x cannot come from SetColumn", rgb[0]);
            set_or_fail(prb, ps, pc, 1, &valOld, 0);
            set_or_fail(prb, ps, pc, 1, NULL, 0);
            fStale = true;
        }
    }
    for (uint32_t fid = REC_FID_VAR_FIRST; fid <= pv->fidVarLast; fid++) {
        const struct rec_column *pc = rec_schema_find(ps, fid);
        assert_non_null(pc);
        enum rec_presence pres;
        struct rec_value val;
        assert_int_equal(rec_get_var(pv, fid, &pres, &val), JET_errSuccess);
        set_or_fail(prb, ps, pc, 1, pres == REC_PRESENT ? &val : NULL, 0);
    }
    for (uint32_t i = 0; i < pv->ctagged; i++) {
        struct rec_tagged t;
        assert_int_equal(rec_tagged_at(pv, i, &t), JET_errSuccess);
        const struct rec_column *pc = rec_schema_find(ps, t.fid);
        assert_non_null(pc);
        uint32_t grbitDerived = t.fDerived ? REC_SET_USE_DERIVED_BIT : 0;
        if (t.form == REC_TAGGED_NULL) {
            set_or_fail(prb, ps, pc, 1, NULL, grbitDerived);
            continue;
        }
        for (uint32_t itag = 1; itag <= t.cinst; itag++) {
            struct rec_value val;
            assert_int_equal(rec_tagged_instance(&t, itag, &val), JET_errSuccess);
            set_or_fail(prb, ps, pc, itag == 1 ? 1 : 0, &val, grbit_for(&val) | grbitDerived);
        }
        if (t.form == REC_TAGGED_MULTI && t.cinst == 2 && !rec_page_is_large(ps->cbPage)
                && !(t.bHeader & REC_TH_LONG_VALUE)) {
            /* a third value set and deleted again */
            static const uint8_t b = 0;
            struct rec_value val = { &b, 1, 0 };
            set_or_fail(prb, ps, pc, 0, &val, grbitDerived);
            set_or_fail(prb, ps, pc, 3, NULL, grbitDerived);
            fMulti2 = true;
        }
    }
    prt->cStaleFixed += fStale;
    prt->cMulti2 += fMulti2;
}

static bool rt_record(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    struct rt_ctx *prt = pvCtx;
    struct rec_view v;
    unsigned grbit = page_is_new_record_format(pv) ? 0 : REC_VIEW_OLD_FORMAT;
    assert_int_equal(rec_view_init(&v, pn->pbData, pn->cbData, pv->cb, grbit), JET_errSuccess);
    if (grbit)
        return true;    /* revision-2 records are rewritten in the new format by ESE: no round trip */
    struct rec_buf rb = { prt->pbBuf, 0, pv->cb };
    replay(prt, &v, &rb);
    if (rb.cb != pn->cbData || memcmp(rb.pb, pn->pbData, rb.cb)) {
        uint32_t ib = 0;
        while (ib < rb.cb && ib < pn->cbData && rb.pb[ib] == pn->pbData[ib])
            ib++;
        fail_msg("table %s: record %u on page %u rebuilt as %u bytes (Windows: %u), first difference at %u",
                prt->pt->table.szName, prt->crec, pv->pgno, rb.cb, pn->cbData, ib);
    }
    prt->crec++;
    return true;
}

static void test_records_rebuild_byte_for_byte(void **state)
{
    (void)state;
    for (size_t is = 0; is < sample_count; is++) {
        struct sample s;
        struct walk_catalog cat;
        sample_load(&sample_all[is], &s);
        walk_catalog_load(&s, &cat);
        uint32_t crec = 0, cStale = 0, cMulti2 = 0;
        uint8_t *pbBuf = malloc(s.desc->cbPage);
        for (uint32_t it = 0; it < cat.ctable; it++) {
            struct rt_ctx rt = { &cat.rgtable[it], 0, 0, 0, pbBuf };
            walk_tree(&s, rt.pt->table.pgnoFDP, rt_record, &rt);
            crec += rt.crec;
            cStale += rt.cStaleFixed;
            cMulti2 += rt.cMulti2;
        }
        print_message("%s: %u records rebuilt (%u with stale NULL fixed bytes, %u with a two-value MULTIVALUES)\n",
                s.desc->path, crec, cStale, cMulti2);
        free(pbBuf);
        walk_catalog_free(&cat);
        sample_free(&s);
    }
}

/* ================================================================ catalog rows ============= */

static void encode_row(const struct rec_cat_row *prow, uint32_t cbPage, struct rec_buf *prb)
{
    JET_ERR err;
    switch (prow->type) {
    case REC_SYSOBJ_TABLE: {
        struct rec_cat_table t;
        assert_int_equal(rec_cat_row_table(prow, &t), JET_errSuccess);
        err = rec_cat_encode_table(&t, cbPage, prb);
        break;
    }
    case REC_SYSOBJ_COLUMN: {
        struct rec_cat_column c;
        assert_int_equal(rec_cat_row_column(prow, &c), JET_errSuccess);
        err = rec_cat_encode_column(&c, cbPage, prb);
        break;
    }
    case REC_SYSOBJ_INDEX: {
        struct rec_cat_index x;
        assert_int_equal(rec_cat_row_index(prow, &x), JET_errSuccess);
        err = rec_cat_encode_index(&x, cbPage, prb);
        break;
    }
    case REC_SYSOBJ_LV: {
        struct rec_cat_lv lv;
        assert_int_equal(rec_cat_row_lv(prow, &lv), JET_errSuccess);
        err = rec_cat_encode_lv(&lv, cbPage, prb);
        break;
    }
    case REC_SYSOBJ_CALLBACK: {
        struct rec_cat_callback cb;
        assert_int_equal(rec_cat_row_callback(prow, &cb), JET_errSuccess);
        err = rec_cat_encode_callback(&cb, cbPage, prb);
        break;
    }
    default:
        fail_msg("row type %u", prow->type);
        return;
    }
    assert_int_equal(err, JET_errSuccess);
}

struct shadow_ctx {
    const struct walk_catalog *pcat;
    uint32_t irow;
};

static bool shadow_row(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    struct shadow_ctx *psc = pvCtx;
    uint8_t rgbKey[64];
    (void)pv;
    assert_true(psc->irow < psc->pcat->crow);
    uint32_t cbKey = page_node_key(pn, rgbKey, sizeof rgbKey);
    assert_int_equal(cbKey, psc->pcat->rgcbKey[psc->irow]);
    assert_memory_equal(rgbKey, psc->pcat->rgpbKey[psc->irow], cbKey);
    assert_int_equal(pn->cbData, psc->pcat->rgcbRow[psc->irow]);
    assert_memory_equal(pn->pbData, psc->pcat->rgpbRow[psc->irow], pn->cbData);
    psc->irow++;
    return true;
}

static bool count_only(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    (void)pvCtx; (void)pv; (void)pn;
    return true;
}

static void test_catalog_rows_reencode_byte_for_byte(void **state)
{
    (void)state;
    for (size_t is = 0; is < sample_count; is++) {
        struct sample s;
        struct walk_catalog cat;
        sample_load(&sample_all[is], &s);
        walk_catalog_load(&s, &cat);
        const uint32_t cbPage = s.desc->cbPage;
        uint8_t *pbBuf = malloc(cbPage);
        uint32_t rgcType[6] = { 0 };
        for (uint32_t i = 0; i < cat.crow; i++) {
            struct rec_view v;
            struct rec_cat_row row;
            assert_int_equal(rec_view_init(&v, cat.rgpbRow[i], cat.rgcbRow[i], cbPage, 0), JET_errSuccess);
            assert_int_equal(rec_cat_row_decode(&v, &row), JET_errSuccess);
            uint8_t rgbKey[16];
            uint32_t cbKey = rec_cat_key_id(row.objidTable, row.type, row.id, rgbKey);
            assert_int_equal(cbKey, cat.rgcbKey[i]);
            assert_memory_equal(rgbKey, cat.rgpbKey[i], cbKey);
            struct rec_buf rb = { pbBuf, 0, cbPage };
            encode_row(&row, cbPage, &rb);
            if (rb.cb != cat.rgcbRow[i] || memcmp(rb.pb, cat.rgpbRow[i], rb.cb))
                fail_msg("%s: catalog row %u (table %u type %u id %u %s) re-encodes as %u bytes, Windows %u",
                        s.desc->path, i, row.objidTable, row.type, row.id, row.szName, rb.cb, cat.rgcbRow[i]);
            /* REC_TEST_CAT_SEED_DIR: the first row of each type as a fuzz_catalog seed */
            const char *szSeedDir = getenv("REC_TEST_CAT_SEED_DIR");
            if (szSeedDir && row.type < 6 && rgcType[row.type] == 0) {
                char path[1024];
                const char *szBase = strrchr(s.desc->path, '/');
                snprintf(path, sizeof path, "%s/seed-%.*s-type%u", szSeedDir, (int)strcspn(szBase + 1, "."), szBase + 1, row.type);
                FILE *f = fopen(path, "wb");
                if (f) {
                    uint8_t b = (uint8_t)(cbPage == 4096 ? 0 : cbPage == 8192 ? 1 : cbPage == 16384 ? 2 : 3);
                    fwrite(&b, 1, 1, f);
                    fwrite(cat.rgpbRow[i], 1, cat.rgcbRow[i], f);
                    fclose(f);
                }
            }
            rgcType[row.type < 6 ? row.type : 0]++;
        }
        /* the shadow catalog holds the same rows, unless the header turns shadowing off
         * (Catalog1.edb: header flag 0x01; its shadow tree is then empty) */
        struct db_header hdr;
        assert_int_equal(page_dbhdr_parse(s.pb, s.cb, &hdr), JET_errSuccess);
        bool fShadowOff = hdr.ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED;
        struct shadow_ctx sc = { &cat, 0 };
        uint32_t cShadow = walk_tree(&s, REC_CAT_PGNO_MSO_SHADOW, fShadowOff ? count_only : shadow_row, &sc);
        assert_int_equal(cShadow, fShadowOff ? 0 : cat.crow);
        print_message("%s: %u catalog rows re-encoded (%u tables, %u columns, %u indexes, %u LV, %u callbacks), %s\n",
                s.desc->path, cat.crow, rgcType[1], rgcType[2], rgcType[3], rgcType[4], rgcType[5],
                fShadowOff ? "shadowing off, shadow empty" : "shadow identical");
        free(pbBuf);
        walk_catalog_free(&cat);
        sample_free(&s);
    }
}

/* The stored row with this Id key, or -1. */
static int find_row(const struct walk_catalog *pcat, uint32_t objidTable, uint16_t type, uint32_t id)
{
    uint8_t rgbKey[16];
    uint32_t cbKey = rec_cat_key_id(objidTable, type, id, rgbKey);
    for (uint32_t i = 0; i < pcat->crow; i++)
        if (pcat->rgcbKey[i] == cbKey && !memcmp(pcat->rgpbKey[i], rgbKey, cbKey))
            return (int)i;
    return -1;
}

static void expect_row(const struct walk_catalog *pcat, const char *szSample, const char *what, int irow,
        const struct rec_buf *prb)
{
    if (irow < 0)
        fail_msg("%s: no catalog row for %s", szSample, what);
    if (prb->cb != pcat->rgcbRow[irow] || memcmp(prb->pb, pcat->rgpbRow[irow], prb->cb)) {
        for (uint32_t i = 0; i < prb->cb; i++)
            print_message("%02x%s", prb->pb[i], i + 1 == prb->cb ? "\n" : " ");
        for (uint32_t i = 0; i < pcat->rgcbRow[irow]; i++)
            print_message("%02x%s", pcat->rgpbRow[irow][i], i + 1 == pcat->rgcbRow[irow] ? "\n" : " ");
        fail_msg("%s: built-in definition of %s differs from Windows' row (ours above, Windows' below)", szSample, what);
    }
}

/* Builds that stamp PgnoFDPLastSetTime (Windows 11 24H2's qmgr.db) put the creation time in table
 * and index rows: take it from the stored row. */
static void stored_time(const struct walk_catalog *pcat, int irow, bool *pf, uint64_t *pft)
{
    struct rec_view v;
    struct rec_cat_row row;
    if (irow < 0)
        return;
    assert_int_equal(rec_view_init(&v, pcat->rgpbRow[irow], pcat->rgcbRow[irow], pcat->cbPage, 0), JET_errSuccess);
    assert_int_equal(rec_cat_row_decode(&v, &row), JET_errSuccess);
    *pf = row.rgfPresent[REC_MSO_PGNO_FDP_LAST_SET_TIME];
    if (*pf)
        *pft = get_le64(row.rgval[REC_MSO_PGNO_FDP_LAST_SET_TIME].pb);
}

static void check_sys_table(const struct walk_catalog *pcat, const char *szSample, const struct rec_sys_table_def *pdef,
        uint8_t *pbBuf)
{
    const struct walk_table *pt = walk_catalog_find(pcat, pdef->table.szName);
    struct rec_buf rb = { pbBuf, 0, pcat->cbPage };
    if (!pt) {
        print_message("%s: no %s (Windows creates it at the first read/write attach)\n", szSample, pdef->table.szName);
        return;
    }
    struct rec_cat_table t = pdef->table;
    t.objid = pt->table.objid;
    t.pgnoFDP = pt->table.pgnoFDP;
    int irow = find_row(pcat, t.objid, REC_SYSOBJ_TABLE, t.objid);
    stored_time(pcat, irow, &t.fPgnoFDPLastSetTime, &t.ftPgnoFDPLastSetTime);
    assert_int_equal(rec_cat_encode_table(&t, pcat->cbPage, &rb), JET_errSuccess);
    expect_row(pcat, szSample, t.szName, irow, &rb);
    for (uint32_t i = 0; i < pdef->ccol; i++) {
        struct rec_cat_column c = pdef->rgcol[i];
        c.objidTable = t.objid;
        assert_int_equal(rec_cat_encode_column(&c, pcat->cbPage, &rb), JET_errSuccess);
        expect_row(pcat, szSample, c.szName, find_row(pcat, t.objid, REC_SYSOBJ_COLUMN, c.fid), &rb);
    }
    for (uint32_t i = 0; i < pdef->cidx; i++) {
        struct rec_cat_index x = pdef->rgidx[i];
        x.objidTable = x.objid = t.objid;
        x.pgnoFDP = t.pgnoFDP;
        irow = find_row(pcat, t.objid, REC_SYSOBJ_INDEX, x.objid);
        stored_time(pcat, irow, &x.fPgnoFDPLastSetTime, &x.ftPgnoFDPLastSetTime);
        assert_int_equal(rec_cat_encode_index(&x, pcat->cbPage, &rb), JET_errSuccess);
        expect_row(pcat, szSample, x.szName, irow, &rb);
    }
}

/* The built-in rows of the system tables equal what Windows wrote in every sample made by a
 * Windows 8+ engine (adamntds.dit, from Vista, predates MSysObjids/MSysLocales and LocaleName). */
static void test_catalog_system_rows_match_builtin_definitions(void **state)
{
    (void)state;
    for (size_t is = 0; is < sample_count; is++) {
        struct sample s;
        struct walk_catalog cat;
        sample_load(&sample_all[is], &s);
        walk_catalog_load(&s, &cat);
        const uint32_t cbPage = s.desc->cbPage;
        uint8_t *pbBuf = malloc(cbPage);
        struct rec_buf rb = { pbBuf, 0, cbPage };
        for (int fShadow = 0; fShadow <= 1; fShadow++) {
            struct rec_cat_table t;
            rec_sys_mso_table(fShadow, cbPage, &t);
            if (fShadow) {
                /* Windows 8.1 and earlier gave the shadow 9 pages (cpgMSOShadowInitialLegacy) */
                int irow = find_row(&cat, t.objid, REC_SYSOBJ_TABLE, t.objid);
                assert_true(irow >= 0);
                struct rec_view v;
                struct rec_cat_row row;
                struct rec_cat_table tStored;
                assert_int_equal(rec_view_init(&v, cat.rgpbRow[irow], cat.rgcbRow[irow], cbPage, 0), JET_errSuccess);
                assert_int_equal(rec_cat_row_decode(&v, &row), JET_errSuccess);
                assert_int_equal(rec_cat_row_table(&row, &tStored), JET_errSuccess);
                if (tStored.cpgInitial == 9)
                    t.cpgInitial = 9;
            }
            /* a Vista catalog (adamntds.dit) had a 9-page shadow and index rows without LocaleName:
             * only its column rows are compared (all its rows re-encode, test above) */
            const bool fModern = s.desc->ulUpdateMajor >= 0x14;
            assert_int_equal(rec_cat_encode_table(&t, cbPage, &rb), JET_errSuccess);
            if (fModern)
                expect_row(&cat, s.desc->path, t.szName, find_row(&cat, t.objid, REC_SYSOBJ_TABLE, t.objid), &rb);
            uint32_t ccol = 0;
            for (unsigned i = 0; i < REC_MSO_COUNT; i++) {
                struct rec_cat_column c;
                rec_sys_mso_column(t.objid, (enum rec_mso)i, &c);
                int irow = find_row(&cat, t.objid, REC_SYSOBJ_COLUMN, c.fid);
                if (irow < 0)
                    continue;   /* PgnoFDPLastSetTime: newer engines only */
                ccol++;
                assert_int_equal(rec_cat_encode_column(&c, cbPage, &rb), JET_errSuccess);
                expect_row(&cat, s.desc->path, c.szName, irow, &rb);
            }
            /* 28 on Windows 8-11 (29 with PgnoFDPLastSetTime); a Vista catalog has 22 */
            if (!fShadow)
                print_message("%s: %u MSysObjects column rows match the built-in schema\n", s.desc->path, ccol);
            assert_true(ccol >= 22);
            if (!fModern)
                continue;
            for (unsigned iidx = 0; iidx < (fShadow ? 1u : 3u); iidx++) {
                struct rec_cat_index x;
                rec_sys_mso_index(t.objid, iidx, &x);
                assert_int_equal(rec_cat_encode_index(&x, cbPage, &rb), JET_errSuccess);
                expect_row(&cat, s.desc->path, x.szName, find_row(&cat, t.objid, REC_SYSOBJ_INDEX, x.objid), &rb);
            }
        }
        if (s.desc->ulUpdateMajor >= 0x14) {
            check_sys_table(&cat, s.desc->path, &rec_sys_msysobjids, pbBuf);
            check_sys_table(&cat, s.desc->path, &rec_sys_msyslocales, pbBuf);
        }
        free(pbBuf);
        walk_catalog_free(&cat);
        sample_free(&s);
    }
}

/* The records of MSysObjids and MSysLocales, rebuilt by their row encoders. */
struct sysrow_ctx {
    const struct walk_table *pt;
    bool fLocales;
    uint8_t *pbBuf;
    uint32_t c;
};

static bool sys_row(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    struct sysrow_ctx *psc = pvCtx;
    struct rec_view v;
    struct rec_value rgv[3];
    assert_int_equal(rec_view_init(&v, pn->pbData, pn->cbData, pv->cb, 0), JET_errSuccess);
    for (uint32_t i = 0; i < 3; i++)
        assert_int_equal(rec_retrieve(&v, &psc->pt->schema, &psc->pt->rgcol[i], 1, &rgv[i]), JET_errSuccess);
    struct rec_buf rb = { psc->pbBuf, 0, pv->cb };
    if (psc->fLocales) {
        ESENT_WCHAR wsz[128];
        assert_true(rgv[2].cb % 2 == 0 && rgv[2].cb / 2 <= 128 && rgv[2].cb >= 2);
        for (uint32_t i = 0; i < rgv[2].cb / 2; i++)
            wsz[i] = get_le16(rgv[2].pb + 2 * i);
        assert_int_equal(wsz[rgv[2].cb / 2 - 1], 0);
        assert_int_equal(rec_sys_locales_row(wsz, rgv[0].pb[0], (int32_t)get_le32(rgv[1].pb), pv->cb, &rb), JET_errSuccess);
    } else {
        assert_int_equal(rec_sys_objids_row(get_le32(rgv[0].pb), get_le32(rgv[1].pb), get_le16(rgv[2].pb), pv->cb, &rb),
                JET_errSuccess);
    }
    if (rb.cb != pn->cbData || memcmp(rb.pb, pn->pbData, rb.cb))
        fail_msg("%s row %u rebuilt differently", psc->pt->table.szName, psc->c);
    psc->c++;
    return true;
}

static void test_system_table_records_match_their_encoders(void **state)
{
    (void)state;
    for (size_t is = 0; is < sample_count; is++) {
        struct sample s;
        struct walk_catalog cat;
        sample_load(&sample_all[is], &s);
        walk_catalog_load(&s, &cat);
        uint8_t *pbBuf = malloc(s.desc->cbPage);
        uint32_t rgc[2] = { 0, 0 };
        for (int fLocales = 0; fLocales <= 1; fLocales++) {
            const struct walk_table *pt = walk_catalog_find(&cat, fLocales ? "MSysLocales" : "MSysObjids");
            if (!pt)
                continue;
            if (pt->ccol != 3) {
                /* Windows 11 upgrades the KVP schema with i64Value (fid 3) and rgbValue (256);
                 * the encoder writes the original three-column rows */
                print_message("%s: %s has %u columns, not rebuilt\n", s.desc->path, pt->table.szName, pt->ccol);
                continue;
            }
            struct sysrow_ctx sc = { pt, fLocales, pbBuf, 0 };
            walk_tree(&s, pt->table.pgnoFDP, sys_row, &sc);
            rgc[fLocales] = sc.c;
        }
        print_message("%s: %u MSysObjids and %u MSysLocales records rebuilt\n", s.desc->path, rgc[0], rgc[1]);
        free(pbBuf);
        walk_catalog_free(&cat);
        sample_free(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_rebuild_byte_for_byte),
        cmocka_unit_test(test_catalog_rows_reencode_byte_for_byte),
        cmocka_unit_test(test_catalog_system_rows_match_builtin_definitions),
        cmocka_unit_test(test_system_table_records_match_their_encoders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
