/* SPDX-License-Identifier: MIT
 * record/tests/test_libesedb.c: every record of every table of every sample, decoded by the
 * record layer and compared with what libesedb reads (tests/data/libesedb_<sample>.txt, made by
 * tools/gen_libesedb_expect.py). libesedb shows raw stored values (fixed slots whatever their
 * null bit, tagged data after the header byte, the header byte as "flags"), so the comparison is
 * on the decoded layout: offsets, null bits, tagged entries, multi-value arrays.
 * Where libesedb cannot read a file or a table (qmgr.db's header, large.edb's 64,994 tagged
 * columns) the test says so and checks our decode against the format notes instead (every
 * record passes rec_view_init, every value is reachable). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "walk.h"

struct expect {
    char szTable[JET_cbNameMost + 1];
    bool fError;
    bool fLV;                   /* a long value line: irec, icol, crec = its size, hash = its digest */
    uint32_t irec, icol;
    uint32_t crec;
    uint64_t hash;
};

static uint32_t load_expect(const char *szName, struct expect *rg, uint32_t cmax, bool *pfUnreadable)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/libesedb_%s.txt", REC_TEST_SRC_DIR, szName);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    char line[4096];
    uint32_t c = 0;
    *pfUnreadable = false;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') {
            *pfUnreadable = true;
            continue;
        }
        assert_true(c < cmax);
        struct expect *pe = &rg[c];
        memset(pe, 0, sizeof *pe);
        char *p = strtok(line, "\t\n");
        if (!strcmp(p, "LV")) {
            pe->fLV = true;
            p = strtok(NULL, "\t\n");
        }
        snprintf(pe->szTable, sizeof pe->szTable, "%s", p);
        if (pe->fLV) {
            pe->irec = (uint32_t)strtoul(strtok(NULL, "\t\n"), NULL, 10);
            pe->icol = (uint32_t)strtoul(strtok(NULL, "\t\n"), NULL, 10);
        }
        p = strtok(NULL, "\t\n");
        if (!strcmp(p, "error")) {
            pe->fError = true;
        } else {
            pe->crec = (uint32_t)strtoul(p, NULL, 10);
            pe->hash = strtoull(strtok(NULL, "\t\n"), NULL, 16);
        }
        c++;
    }
    fclose(f);
    return c;
}

/* The data-file name of a sample. */
static const char *sample_short_name(const struct sample_desc *pd)
{
    static const struct { const char *path; const char *name; } map[] = {
        { "dissect-esedb/basic.edb.gz", "basic" }, { "dissect-esedb/binary.edb.gz", "binary" },
        { "dissect-esedb/default.edb.gz", "default" }, { "dissect-esedb/index.edb.gz", "index" },
        { "dissect-esedb/multi.edb.gz", "multi" }, { "dissect-esedb/text.edb.gz", "text" },
        { "dissect-esedb/large.edb.gz", "large" }, { "dissect-esedb/Current.mdb.gz", "Current" },
        { "dissect-esedb/SRUDB.dat.gz", "SRUDB" }, { "ese-parser/test.edb.gz", "eseparser_test" },
        { "ese-parser/decompress_test.edb.gz", "decompress_test" },
        { "ese-parser/decompress_test2.edb.gz", "decompress_test2" },
        { "dsinternals/adamntds.dit.gz", "adamntds" }, { "plaso/Catalog1.edb.gz", "Catalog1" },
        { "go-ese/qmgr.db.gz", "qmgr" },
        { "dfir-artifact-museum/srum-win10-belkasoft/Clean.tar.gz", "srum_clean" },
        { "dfir-artifact-museum/srum-win10-belkasoft/Dirty.tar.gz", "srum_dirty" },
        { "dfir-artifact-museum/ual-2012r2/Current.mdb.gz", "ual_Current" },
        { "dfir-artifact-museum/ual-2012r2/SystemIdentity.mdb.gz", "ual_SystemIdentity" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(map); i++)
        if (!strcmp(map[i].path, pd->path))
            return map[i].name;
    fail_msg("no data-file name for %s", pd->path);
    return NULL;
}

struct lv_ref {
    uint32_t irec, icol;
    uint64_t lid;
};
struct dump_ctx {
    const char *szSample;
    const struct walk_table *pt;
    uint64_t hash;
    uint32_t crec;
    FILE *fDump;
    uint32_t cvalues;       /* values seen (a sanity count) */
    struct lv_ref *rglv;    /* single separated values, for the LV lines */
    uint32_t clv;
};

static void emit(struct dump_ctx *pd, uint32_t icol, uint32_t fFlags, const uint8_t *pb, uint32_t cb, bool fNone)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%u:%x:", icol, fFlags);
    pd->hash = fnv_add(pd->hash, buf, (size_t)n);
    if (pd->fDump)
        fputs(buf, pd->fDump);
    if (fNone) {
        pd->hash = fnv_add(pd->hash, "-", 1);
        if (pd->fDump)
            fputc('-', pd->fDump);
    } else {
        static const char hex[] = "0123456789abcdef";
        for (uint32_t i = 0; i < cb; i++) {
            char h[2] = { hex[pb[i] >> 4], hex[pb[i] & 15] };
            pd->hash = fnv_add(pd->hash, h, 2);
            if (pd->fDump)
                fwrite(h, 1, 2, pd->fDump);
        }
        pd->cvalues++;
    }
    pd->hash = fnv_add(pd->hash, "\n", 1);
    if (pd->fDump)
        fputc('\n', pd->fDump);
}

/* libesedb's view of one record (see the file comment). */
static bool dump_record(void *pvCtx, const struct page_view *pv, const struct page_node *pn)
{
    struct dump_ctx *pd = pvCtx;
    const struct walk_table *pt = pd->pt;
    struct rec_view v;
    unsigned grbit = page_is_new_record_format(pv) ? 0 : REC_VIEW_OLD_FORMAT;
    JET_ERR err = rec_view_init(&v, pn->pbData, pn->cbData, pv->cb, grbit);
    if (err != JET_errSuccess)
        fail_msg("table %s: record on page %u does not decode (%d)", pt->table.szName, pv->pgno, err);
    for (uint32_t i = 0; i < pt->ccol; i++) {
        const struct rec_column *pc = &pt->rgcol[i];
        enum rec_presence pres;
        struct rec_value val;
        if (rec_fid_is_fixed(pc->fid)) {
            assert_int_equal(rec_get_fixed(&v, pc, &pres, &val), JET_errSuccess);
            emit(pd, i, 0, val.pb, val.cb, pres == REC_ABSENT);
        } else if (rec_fid_is_var(pc->fid)) {
            assert_int_equal(rec_get_var(&v, pc->fid, &pres, &val), JET_errSuccess);
            emit(pd, i, 0, val.pb, val.cb, pres != REC_PRESENT);
        } else {
            struct rec_tagged t;
            err = rec_tagged_find(&v, pc->fid, false, &t);
            if (err == ERR_NOT_FOUND) {
                emit(pd, i, 0, NULL, 0, true);
                continue;
            }
            assert_int_equal(err, JET_errSuccess);
            if (t.form == REC_TAGGED_NULL)
                emit(pd, i, t.bHeader, NULL, 0, true);
            else
                emit(pd, i, t.bHeader, t.pb, t.cb, false);
            if (t.form == REC_TAGGED_SINGLE && (t.bHeader & REC_TH_SEPARATED)) {
                pd->rglv = realloc(pd->rglv, (pd->clv + 1) * sizeof *pd->rglv);
                pd->rglv[pd->clv].irec = pd->crec;
                pd->rglv[pd->clv].icol = i;
                assert_true(rec_lid_get(t.pb, t.cb, &pd->rglv[pd->clv].lid));
                pd->clv++;
            }
            /* every instance must be reachable; separated instances of multi-values are read too
             * (libesedb does not read those: irec UINT32_MAX never matches its lines) */
            for (uint32_t itag = 1; itag <= t.cinst; itag++) {
                assert_int_equal(rec_tagged_instance(&t, itag, &val), JET_errSuccess);
                if (t.form == REC_TAGGED_MULTI && (val.fFlags & REC_VALUE_SEPARATED)) {
                    pd->rglv = realloc(pd->rglv, (pd->clv + 1) * sizeof *pd->rglv);
                    pd->rglv[pd->clv].irec = UINT32_MAX;
                    pd->rglv[pd->clv].icol = i;
                    assert_true(rec_lid_get(val.pb, val.cb, &pd->rglv[pd->clv].lid));
                    pd->clv++;
                }
            }
        }
    }
    pd->hash = fnv_add(pd->hash, "--\n", 3);
    if (pd->fDump)
        fputs("--\n", pd->fDump);
    /* REC_TEST_SEED_DIR: write the first records of each table as fuzz seeds (byte 0: page size,
     * then fuzz_record's column byte, then the record) */
    const char *szSeedDir = getenv("REC_TEST_SEED_DIR");
    if (szSeedDir && pd->crec < 2) {
        char path[1024];
        snprintf(path, sizeof path, "%s/seed-%s-%s-%u", szSeedDir, pd->szSample, pt->table.szName, pd->crec);
        for (char *p = path + strlen(szSeedDir) + 1; *p; p++)
            if (*p == '{' || *p == '}' || *p == ' ')
                *p = '_';
        FILE *f = fopen(path, "wb");
        if (f) {
            uint8_t rgb[2] = { (uint8_t)(pv->cb == 4096 ? 0 : pv->cb == 8192 ? 1 : pv->cb == 16384 ? 2 : 3), 0x0B };
            fwrite(rgb, 1, 2, f);
            fwrite(pn->pbData, 1, pn->cbData, f);
            fclose(f);
        }
    }
    pd->crec++;
    return true;
}

static void check_sample(const struct sample_desc *pdesc)
{
    struct sample s;
    struct walk_catalog cat;
    struct expect rgexp[64];
    bool fUnreadable;
    const char *szShort = sample_short_name(pdesc);
    uint32_t cexp = load_expect(szShort, rgexp, ARRAY_SIZE(rgexp), &fUnreadable);
    const char *szDumpTable = getenv("REC_TEST_DUMP");   /* debugging: sample:table */

    uint32_t clvChecked = 0, clvAll = 0;
    sample_load(pdesc, &s);
    walk_catalog_load(&s, &cat);
    assert_true(cat.ctable >= 2);
    uint32_t ctableExpected = 0;
    for (uint32_t i = 0; i < cexp; i++)
        ctableExpected += !rgexp[i].fLV;
    if (!fUnreadable)
        assert_int_equal(ctableExpected, cat.ctable);
    for (uint32_t it = 0; it < cat.ctable; it++) {
        const struct walk_table *pt = &cat.rgtable[it];
        struct dump_ctx d = { szShort, pt, FNV_OFFSET, 0, NULL, 0, NULL, 0 };
        char szWant[128];
        snprintf(szWant, sizeof szWant, "%s:%s", szShort, pt->table.szName);
        if (szDumpTable && !strcmp(szDumpTable, szWant))
            d.fDump = stderr;
        walk_tree(&s, pt->table.pgnoFDP, dump_record, &d);
        const struct expect *pe = NULL;
        for (uint32_t i = 0; i < cexp; i++)
            if (!rgexp[i].fLV && !strcmp(rgexp[i].szTable, pt->table.szName))
                pe = &rgexp[i];
        /* every separated value reads from the LV tree; the ones libesedb reads (it returns the
         * stored chunks, compressed ones as stored) must be the same bytes */
        for (uint32_t i = 0; i < d.clv; i++) {
            uint8_t *pbLV;
            uint32_t cbLV, cCompressed;
            walk_read_lv(&s, pt, d.rglv[i].lid, false, &pbLV, &cbLV, &cCompressed);
            free(pbLV);
            walk_read_lv(&s, pt, d.rglv[i].lid, true, &pbLV, &cbLV, &cCompressed);
            for (uint32_t j = 0; j < cexp; j++) {
                const struct expect *pl = &rgexp[j];
                if (!pl->fLV || strcmp(pl->szTable, pt->table.szName) || pl->irec != d.rglv[i].irec
                        || pl->icol != d.rglv[i].icol)
                    continue;
                if (pl->crec != cbLV || pl->hash != fnv_add(FNV_OFFSET, pbLV, cbLV))
                    fail_msg("%s: %s record %u column %u: LV of %u bytes differs from libesedb's %u", szShort,
                            pt->table.szName, pl->irec, pl->icol, cbLV, pl->crec);
                clvChecked++;
            }
            free(pbLV);
        }
        clvAll += d.clv;
        free(d.rglv);
        if (fUnreadable)
            continue;
        if (!pe)
            fail_msg("%s: libesedb does not list table %s", szShort, pt->table.szName);
        if (pe->fError) {
            /* libesedb cannot read this table; our decode passed rec_view_init for every record */
            print_message("%s: %s: libesedb cannot read it; %u records decoded by us\n", szShort,
                    pt->table.szName, d.crec);
            continue;
        }
        if (d.crec != pe->crec || d.hash != pe->hash)
            fail_msg("%s: table %s: %u records, digest %016llx; libesedb: %u, %016llx", szShort,
                    pt->table.szName, d.crec, (unsigned long long)d.hash, pe->crec, (unsigned long long)pe->hash);
    }
    uint32_t clvExpected = 0;
    for (uint32_t i = 0; i < cexp; i++)
        clvExpected += rgexp[i].fLV;
    assert_int_equal(clvChecked, clvExpected);
    if (clvAll)
        print_message("%s: %u separated long values read (%u compared with libesedb)\n", szShort, clvAll, clvChecked);
    walk_catalog_free(&cat);
    sample_free(&s);
}

static void test_records_match_libesedb_for_every_sample(void **state)
{
    (void)state;
    for (size_t i = 0; i < sample_count; i++)
        check_sample(&sample_all[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_match_libesedb_for_every_sample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
