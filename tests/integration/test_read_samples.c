/* SPDX-License-Identifier: MIT
 * tests/integration/test_read_samples.c: every table of every clean Windows sample read through
 * the isam and cursor layers on a read-only attach: tables opened by name, every record visited
 * forwards and backwards (counts equal to what libesedb reads, src/record/tests/data), every column
 * value retrieved, every index walked both ways, and for every entry of every secondary index the
 * key JetMakeKey builds from its record's values equal to the Windows-made key (Unicode text
 * indexes included) and found again by JetSeek. The values themselves are compared with
 * esedbexport's through the exported API by interop/read-* (readdb.c, read_compare.py). */
#include "sample_env.h"
#include "isam_table.h"
#include "cursor.h"
#include "debug.h"

static long g_cKeysChecked, g_cKeysBad;

/* libesedb's record count of a table, or -1. */
static long expected_rows(const char *szData, const char *szTable)
{
    char path[1024], line[4096];
    snprintf(path, sizeof path, "%s/libesedb_%s.txt", REC_TEST_DATA_DIR, szData);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long n = -1;
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab || !strncmp(line, "LV\t", 3))
            continue;
        *tab = 0;
        if (!strcmp(line, szTable)) {
            char *end;
            n = strtol(tab + 1, &end, 10);
            if (end == tab + 1)
                n = -1;
            break;
        }
    }
    fclose(f);
    return n;
}

/* Every column value of the current record through cur_retrieve_column. */
static void retrieve_all(struct cursor *c)
{
    const struct catalog_table *pt = cur_def(c);
    static uint8_t buf[70000];
    for (uint32_t i = 0; i < pt->creccol; i++) {
        const struct rec_column *pc = &pt->rgreccol[i];
        if (pc->coltyp == JET_coltypNil)
            continue;
        uint32_t cval = 0;
        assert_true(cur_count_values(c, cur_columnid(pc), false, &cval) >= 0);
        for (uint32_t itag = 1; itag <= (cval ? cval : 1); itag++) {
            struct cur_retrieve r = { .columnid = cur_columnid(pc), .pv = buf, .cbMax = sizeof buf, .itagSequence = itag };
            JET_ERR err = cur_retrieve_column(c, &r);
            if (err < 0)
                fail_msg("table %s column %u itag %u: %d", pt->table.szName, pc->fid, itag, (int)err);
            assert_true(err == JET_errSuccess || err == JET_wrnColumnNull || err == JET_wrnBufferTruncated);
            if (err == JET_errSuccess)
                assert_true(r.cbActual <= sizeof buf);
        }
    }
}

/* For every entry of a secondary index, the key JetMakeKey builds from its record's values
 * (the segments' first values) must be the Windows-made entry's key, and a seek with it must
 * land on an entry with that key. Indexes over multi-valued columns, tuple indexes and entries
 * whose key was cut at cbKeyMost are left out. Returns the number of entries checked; *pcBad the
 * mismatches. */
static long check_index_keys(struct cursor *c, uint32_t iidx, long *pcBad)
{
    const struct catalog_table *pdef = cur_def(c);
    const struct rec_cat_index *pci = &pdef->rgidx[iidx];
    const struct rec_index *pri = &pdef->rgrecidx[iidx];
    static uint8_t val[70000];
    uint8_t rgbEntry[JET_cbKeyMostMost + 1], rgbMade[JET_cbKeyMostMost + 1], rgbSought[JET_cbKeyMostMost + 1];
    uint32_t cbEntry, cbMade, cbSought;
    long n = 0;
    *pcBad = 0;
    if (pri->fTuples)
        return 0;
    for (uint32_t i = 0; i < pri->cseg; i++) {
        const struct rec_column *pc = rec_schema_find(c->td->ps, pri->rgseg[i].fid);
        if (!pc || (pc->fFlags & REC_FIELD_MULTIVALUED))
            return 0;
    }
    assert_int_equal(cur_set_index(c, pci->szName, NULL, JET_bitMoveFirst, 0), JET_errSuccess);
    JET_ERR err;
    for (err = cur_move(c, (int32_t)JET_MoveFirst, 0); err >= 0; err = cur_move(c, JET_MoveNext, 0)) {
        assert_int_equal(cur_retrieve_key(c, rgbEntry, sizeof rgbEntry, &cbEntry, 0), JET_errSuccess);
        if (cbEntry >= pri->cbKeyMost)
            continue;                   /* cut: the made key is longer */
        for (uint32_t i = 0; i < pri->cseg; i++) {
            struct cur_retrieve r = { .columnid = pri->rgseg[i].fid, .pv = val, .cbMax = sizeof val, .itagSequence = 1 };
            err = cur_retrieve_column(c, &r);
            assert_true(err >= 0);
            const JET_GRBIT g = (i == 0 ? JET_bitNewKey : 0)
                              | (err == JET_errSuccess && r.cbActual == 0 ? JET_bitKeyDataZeroLength : 0);
            assert_int_equal(cur_make_key(c, val, err == JET_wrnColumnNull ? 0 : r.cbActual, g), JET_errSuccess);
        }
        assert_int_equal(cur_retrieve_key(c, rgbMade, sizeof rgbMade, &cbMade, JET_bitRetrieveCopy), JET_errSuccess);
        n++;
        if (cbMade != cbEntry || memcmp(rgbMade, rgbEntry, cbEntry) != 0) {
            if (*pcBad < 3) {
                char sz[3 * 40 + 1] = "", szE[3 * 40 + 1] = "";
                for (uint32_t k = 0; k < MIN(cbMade, 40u); k++)
                    sprintf(sz + 2 * k, "%02x", rgbMade[k]);
                for (uint32_t k = 0; k < MIN(cbEntry, 40u); k++)
                    sprintf(szE + 2 * k, "%02x", rgbEntry[k]);
                print_message("  index %s: made key %s (%u) != entry %s (%u)\n", pci->szName, sz, cbMade, szE, cbEntry);
            }
            (*pcBad)++;
            continue;
        }
        /* the seek finds an entry with that key (the cursor moves: come back after) */
        const uint8_t *pbBm;
        uint32_t cbBm;
        assert_int_equal(cur_bookmark(c, &pbBm, &cbBm), JET_errSuccess);
        uint8_t rgbBm[JET_cbBookmarkMostMost];
        memcpy(rgbBm, pbBm, cbBm);
        assert_int_equal(cur_seek(c, JET_bitSeekEQ), JET_errSuccess);
        assert_int_equal(cur_retrieve_key(c, rgbSought, sizeof rgbSought, &cbSought, 0), JET_errSuccess);
        assert_int_equal(cbSought, cbEntry);
        assert_memory_equal(rgbSought, rgbEntry, cbEntry);
        assert_int_equal(cur_goto_bookmark(c, rgbBm, cbBm), JET_errSuccess);
        /* goto bookmark lands on the record's first entry: move on from this key's last one */
        assert_int_equal(cur_retrieve_key(c, rgbSought, sizeof rgbSought, &cbSought, 0), JET_errSuccess);
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    return n;
}

static void read_table(struct env *pe, JET_DBID dbid, const char *szData, const char *szTable)
{
    struct isam_table *t;
    assert_int_equal(isam_table_open(pe->sess, dbid, szTable, JET_bitTableReadOnly, &t), JET_errSuccess);
    struct cursor *c = t->c;
    long cForward = 0, cBackward = 0;
    JET_ERR err;
    for (err = cur_move(c, (int32_t)JET_MoveFirst, 0); err >= 0; err = cur_move(c, JET_MoveNext, 0)) {
        cForward++;
        retrieve_all(c);
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    for (err = cur_move(c, (int32_t)JET_MoveLast, 0); err >= 0; err = cur_move(c, JET_MovePrevious, 0))
        cBackward++;
    assert_int_equal(err, JET_errNoCurrentRecord);
    assert_int_equal(cForward, cBackward);
    const long cExpected = expected_rows(szData, szTable);
    if (cExpected >= 0 && cExpected != cForward)
        fail_msg("%s: %s has %ld records, libesedb reads %ld", szData, szTable, cForward, cExpected);

    /* every secondary index holds entries the reader can walk, in both directions */
    const struct catalog_table *pdef = cur_def(c);
    for (uint32_t i = 0; i < pdef->cidx; i++) {
        long n = 0, m = 0;
        err = cur_set_index(c, pdef->rgidx[i].szName, NULL, JET_bitMoveFirst, 0);
        assert_int_equal(err, JET_errSuccess);
        for (err = cur_move(c, (int32_t)JET_MoveFirst, 0); err >= 0; err = cur_move(c, JET_MoveNext, 0))
            n++;
        assert_int_equal(err, JET_errNoCurrentRecord);
        for (err = cur_move(c, (int32_t)JET_MoveLast, 0); err >= 0; err = cur_move(c, JET_MovePrevious, 0))
            m++;
        assert_int_equal(n, m);
        if ((int32_t)i != pdef->iidxPrimary) {
            long cBad;
            const long cChecked = check_index_keys(c, i, &cBad);
            g_cKeysChecked += cChecked;
            g_cKeysBad += cBad;
            if (cBad)
                print_message("%s: %s.%s: %ld of %ld keys differ\n", szData, szTable, pdef->rgidx[i].szName, cBad, cChecked);
        }
    }
    isam_table_close(t);
}

static void test_read_every_table_of_every_clean_sample(void **state)
{
    (void)state;
    const char *szSamples = getenv("ESENT_SAMPLES_DIR");
    assert_non_null(szSamples);
    const char *szOnly = getenv("READ_SAMPLE");     /* debugging: one sample */
    for (size_t i = 0; i < ARRAY_SIZE(g_rgsample); i++) {
        struct env e;
        char path[1200];
        JET_DBID dbid;
        if (szOnly && !strstr(g_rgsample[i].szPath, szOnly))
            continue;
        struct tables tabs = { .c = 0 };
        snprintf(path, sizeof path, "%s/%s", szSamples, g_rgsample[i].szPath);
        ESENT_WCHAR *wszDb = wdup(path);
        env_start(&e, "read", g_rgsample[i].cbPage, g_rgsample[i].szData);
        assert_int_equal(isam_db_attach(e.sess, wszDb, 0, JET_bitDbReadOnly), JET_errSuccess);
        assert_int_equal(isam_db_open(e.sess, wszDb, JET_bitDbReadOnly, &dbid), JET_errSuccess);
        struct isam_db *db = isam_db_get(e.inst, dbid);
        struct catalog *cat;
        assert_int_equal(catalog_open(db->btdb, &cat), JET_errSuccess);
        assert_int_equal(catalog_enum_tables(cat, tables_collect, &tabs), JET_errSuccess);
        catalog_close(cat);
        for (uint32_t it = 0; it < tabs.c && it < ARRAY_SIZE(tabs.rgsz); it++)
            read_table(&e, dbid, g_rgsample[i].szData, tabs.rgsz[it]);
        print_message("%s: %u tables read, %ld secondary index keys made and sought, %ld differ\n", g_rgsample[i].szPath,
                      tabs.c, g_cKeysChecked, g_cKeysBad);
        assert_int_equal(g_cKeysBad, 0);
        g_cKeysChecked = g_cKeysBad = 0;
        assert_int_equal(isam_db_close(e.sess, dbid, 0), JET_errSuccess);
        assert_int_equal(isam_db_detach(e.sess, wszDb, 0), JET_errSuccess);
        env_stop(&e);
        mem_free(wszDb);
    }
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_every_table_of_every_clean_sample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
