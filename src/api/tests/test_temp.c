/* SPDX-License-Identifier: MIT
 * api/tests/test_temp.c: temporary tables through the exports over an in-memory file system, as
 * ESE's sortapi.cxx defines them: sorting by the key columns (every key type, descending, nulls
 * low and high, Unicode case-insensitivity), duplicates dropped (or JET_errKeyDuplicate when
 * materialized, or kept by a forward-only sort), the insert phase ended by the first JetMove
 * (on the first record) or JetSeek, the calls each phase refuses with JET_errIllegalOperation,
 * updatable, scrollable and indexed tables, long values, JetDupCursor, the table's end at the
 * rollback of its level, JET_paramMaxTemporaryTables 0, and the temporary database's file,
 * gone after JetTerm. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "api_test_util.h"
#include "utf.h"
#include "isam_db.h"
#include "isam_table.h"

struct fx {
    struct os_vfs *vfs;
    JET_INSTANCE inst;
    JET_SESID s;
};

static int fx_setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    api_test_instance_create("apitt", &f->vfs, &f->inst);
    assert_int_equal(JetInit(&f->inst), JET_errSuccess);
    assert_int_equal(JetBeginSessionA(f->inst, &f->s, NULL, NULL), JET_errSuccess);
    *state = f;
    return 0;
}

/* The session ended, the instance and its file system gone (f itself stays). */
static void fx_teardown_keep(void **state)
{
    struct fx *f = *state;
    assert_int_equal(JetEndSession(f->s, 0), JET_errSuccess);
    api_test_instance_destroy(f->inst, f->vfs);
}

static int fx_teardown(void **state)
{
    fx_teardown_keep(state);
    free(*state);
    return 0;
}

static JET_COLUMNDEF coldef(JET_COLTYP coltyp, JET_GRBIT grbit)
{
    JET_COLUMNDEF cd;
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = coltyp;
    cd.grbit = grbit;
    return cd;
}

/* A table of one key column of coltyp (grbitKey: JET_bitColumnTTDescending or 0) and a long
 * value column, opened with grbit. */
static JET_TABLEID open_kv(struct fx *f, JET_COLTYP coltyp, JET_GRBIT grbitKey, JET_GRBIT grbit, JET_COLUMNID rgcol[2])
{
    JET_COLUMNDEF rgcd[2] = { coldef(coltyp, JET_bitColumnTTKey | grbitKey), coldef(JET_coltypLong, 0) };
    if (coltyp == JET_coltypText) rgcd[0].cp = 1200;
    JET_TABLEID t = JET_tableidNil;
    assert_int_equal(JetOpenTempTable(f->s, rgcd, 2, grbit, &t, rgcol), JET_errSuccess);
    assert_true(t != JET_tableidNil);
    return t;
}

static JET_ERR insert(struct fx *f, JET_TABLEID t, const JET_COLUMNID rgcol[2], const void *pvKey, ESENT_ULONG cbKey,
        int32_t val)
{
    assert_int_equal(JetPrepareUpdate(f->s, t, JET_prepInsert), JET_errSuccess);
    if (pvKey) assert_int_equal(JetSetColumn(f->s, t, rgcol[0], pvKey, cbKey, 0, NULL), JET_errSuccess);
    assert_int_equal(JetSetColumn(f->s, t, rgcol[1], &val, sizeof val, 0, NULL), JET_errSuccess);
    JET_ERR err = JetUpdate(f->s, t, NULL, 0, NULL);
    if (err < 0) assert_int_equal(JetPrepareUpdate(f->s, t, JET_prepCancel), JET_errSuccess);
    return err;
}

static void insert_long(struct fx *f, JET_TABLEID t, const JET_COLUMNID rgcol[2], int32_t key, int32_t val)
{
    assert_int_equal(insert(f, t, rgcol, &key, sizeof key, val), JET_errSuccess);
}

static int32_t val_of(struct fx *f, JET_TABLEID t, JET_COLUMNID col)
{
    int32_t v = -1;
    ESENT_ULONG cb = 0;
    assert_int_equal(JetRetrieveColumn(f->s, t, col, &v, sizeof v, &cb, 0, NULL), JET_errSuccess);
    assert_int_equal(cb, sizeof v);
    return v;
}

/* Read the table from its first JetMove(JET_MoveNext) on: the value column of each record. */
static uint32_t read_all(struct fx *f, JET_TABLEID t, JET_COLUMNID col, int32_t *rg, uint32_t cMax)
{
    uint32_t c = 0;
    JET_ERR err;
    while ((err = JetMove(f->s, t, JET_MoveNext, 0)) == JET_errSuccess) {
        assert_true(c < cMax);
        rg[c++] = val_of(f, t, col);
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    return c;
}

/* Whether the temporary database still has table szName (isam's view). */
static bool temp_table_exists(struct fx *f, const char *szName)
{
    struct isam_instance *pi;
    struct cur_table *ptab;
    assert_int_equal(api_instance_find(f->inst, &pi), JET_errSuccess);
    assert_non_null(pi->dbs[0]);
    JET_ERR err = cur_table_get(pi->dbs[0]->cdb, szName, &ptab);
    if (err == JET_errObjectNotFound) return false;
    assert_int_equal(err, JET_errSuccess);
    cur_table_release(ptab);
    return true;
}

static void test_temptable_sorts_long_keys_and_first_move_lands_on_first(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, 0, rgcol);
    const int32_t rgkey[] = { 5, -3, 9, 1, 100000, -70000 };
    for (size_t i = 0; i < sizeof rgkey / sizeof rgkey[0]; i++) insert_long(f, t, rgcol, rgkey[i], rgkey[i]);
    int32_t rg[8];
    assert_int_equal(read_all(f, t, rgcol[1], rg, 8), 6);
    const int32_t rgExp[] = { -70000, -3, 1, 5, 9, 100000 };
    assert_memory_equal(rg, rgExp, sizeof rgExp);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_move_next_counts_from_first_record_when_ending_insert(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, 0, rgcol);
    for (int32_t k = 4; k >= 1; k--) insert_long(f, t, rgcol, k, k * 10);
    /* ESE's fMovedToFirst: a move of 2 from the end of the insert phase lands on the second */
    assert_int_equal(JetMove(f->s, t, 2, 0), JET_errSuccess);
    assert_int_equal(val_of(f, t, rgcol[1]), 20);
    assert_int_equal(JetMove(f->s, t, JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(val_of(f, t, rgcol[1]), 10);
    assert_int_equal(JetMove(f->s, t, JET_MoveLast, 0), JET_errSuccess);
    assert_int_equal(val_of(f, t, rgcol[1]), 40);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_sorts_descending_segment(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, JET_bitColumnTTDescending, 0, rgcol);
    const int32_t rgkey[] = { 2, 7, -1, 4 };
    for (size_t i = 0; i < 4; i++) insert_long(f, t, rgcol, rgkey[i], rgkey[i]);
    int32_t rg[4];
    assert_int_equal(read_all(f, t, rgcol[1], rg, 4), 4);
    const int32_t rgExp[] = { 7, 4, 2, -1 };
    assert_memory_equal(rg, rgExp, sizeof rgExp);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

/* Every key type sorts by value: two values inserted high first come back low first. */
static void test_temptable_sorts_every_key_type(void **state)
{
    struct fx *f = *state;
    const struct {
        JET_COLTYP coltyp;
        uint8_t rgbLow[16], rgbHigh[16];
        ESENT_ULONG cb;
    } rg[] = {
        { JET_coltypBit, { 0x00 }, { 0xff }, 1 },
        { JET_coltypUnsignedByte, { 0x02 }, { 0xf0 }, 1 },
        { JET_coltypShort, { 0x00, 0x80 }, { 0x05, 0x00 }, 2 },                  /* -32768 < 5 */
        { JET_coltypUnsignedShort, { 0x05, 0x00 }, { 0x00, 0x80 }, 2 },          /* 5 < 32768 */
        { JET_coltypLong, { 0xff, 0xff, 0xff, 0xff }, { 0x01, 0, 0, 0 }, 4 },    /* -1 < 1 */
        { JET_coltypUnsignedLong, { 0x01, 0, 0, 0 }, { 0xff, 0xff, 0xff, 0xff }, 4 },
        { JET_coltypLongLong, { 0, 0, 0, 0, 0, 0, 0, 0x80 }, { 1, 0, 0, 0, 0, 0, 0, 0 }, 8 },
        { JET_coltypUnsignedLongLong, { 1 }, { 0, 0, 0, 0, 0, 0, 0, 0x80 }, 8 },
        { JET_coltypCurrency, { 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, { 2 }, 8 },
        { JET_coltypIEEESingle, { 0, 0, 0x80, 0xbf }, { 0, 0, 0x80, 0x3f }, 4 },   /* -1.0f < 1.0f */
        { JET_coltypIEEEDouble, { 0, 0, 0, 0, 0, 0, 0xf0, 0xbf }, { 0, 0, 0, 0, 0, 0, 0x00, 0x40 }, 8 },
        { JET_coltypDateTime, { 0, 0, 0, 0, 0, 0, 0xf0, 0x3f }, { 0, 0, 0, 0, 0, 0, 0x00, 0x40 }, 8 },
        { JET_coltypBinary, { 'a', 'b' }, { 'b' }, 2 },
        { JET_coltypText, { 'a', 0, 'b', 0 }, { 'B', 0, 'a', 0 }, 4 },
        { JET_coltypGUID, { 1 }, { 2 }, 16 },
    };
    for (size_t i = 0; i < sizeof rg / sizeof rg[0]; i++) {
        JET_COLUMNID rgcol[2];
        JET_TABLEID t = open_kv(f, rg[i].coltyp, 0, 0, rgcol);
        ESENT_ULONG cbHigh = rg[i].coltyp == JET_coltypBinary ? 1 : (rg[i].coltyp == JET_coltypText ? 4 : rg[i].cb);
        assert_int_equal(insert(f, t, rgcol, rg[i].rgbHigh, cbHigh, 2), JET_errSuccess);
        assert_int_equal(insert(f, t, rgcol, rg[i].rgbLow, rg[i].cb, 1), JET_errSuccess);
        int32_t rgv[2];
        assert_int_equal(read_all(f, t, rgcol[1], rgv, 2), 2);
        if (rgv[0] != 1 || rgv[1] != 2) fail_msg("coltyp %lu sorted %d %d", (unsigned long)rg[i].coltyp, rgv[0], rgv[1]);
        assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
    }
}

static void test_temptable_unicode_key_ignores_case_and_drops_duplicates(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypText, 0, 0, rgcol);
    const ESENT_WCHAR wszApple[] = { 'a', 'p', 'p', 'l', 'e' }, wszAPPLE[] = { 'A', 'P', 'P', 'L', 'E' };
    const ESENT_WCHAR wszBanana[] = { 'B', 'a', 'n', 'a', 'n', 'a' };
    assert_int_equal(insert(f, t, rgcol, wszBanana, sizeof wszBanana, 2), JET_errSuccess);
    assert_int_equal(insert(f, t, rgcol, wszApple, sizeof wszApple, 1), JET_errSuccess);
    /* the same key: the sort drops it silently */
    assert_int_equal(insert(f, t, rgcol, wszAPPLE, sizeof wszAPPLE, 3), JET_errSuccess);
    int32_t rg[4];
    assert_int_equal(read_all(f, t, rgcol[1], rg, 4), 2);
    assert_int_equal(rg[0], 1);         /* the first one inserted stays */
    assert_int_equal(rg[1], 2);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_nulls_sort_low_unless_nulls_high(void **state)
{
    struct fx *f = *state;
    for (int fHigh = 0; fHigh < 2; fHigh++) {
        JET_COLUMNID rgcol[2];
        JET_TABLEID t = open_kv(f, JET_coltypLong, 0, fHigh ? JET_bitTTSortNullsHigh : 0, rgcol);
        insert_long(f, t, rgcol, 3, 3);
        assert_int_equal(insert(f, t, rgcol, NULL, 0, 0), JET_errSuccess);      /* a NULL key */
        insert_long(f, t, rgcol, -5, -5);
        int32_t rg[3];
        assert_int_equal(read_all(f, t, rgcol[1], rg, 3), 3);
        const int32_t rgLow[] = { 0, -5, 3 }, rgHigh[] = { -5, 3, 0 };
        assert_memory_equal(rg, fHigh ? rgHigh : rgLow, sizeof rgLow);
        assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
    }
}

static void test_temptable_error_on_duplicate_insertion_keeps_first(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, JET_bitTTErrorOnDuplicateInsertion, rgcol);
    insert_long(f, t, rgcol, 7, 1);
    const int32_t key = 7;
    assert_int_equal(insert(f, t, rgcol, &key, sizeof key, 2), JET_errKeyDuplicate);
    int32_t rg[2];
    assert_int_equal(read_all(f, t, rgcol[1], rg, 2), 1);
    assert_int_equal(rg[0], 1);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_forward_only_keeps_duplicates_in_insertion_order(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, JET_bitTTForwardOnly, rgcol);
    const int32_t rgkey[] = { 2, 1, 2, 1, 0 };
    for (int32_t i = 0; i < 5; i++) insert_long(f, t, rgcol, rgkey[i], i);
    int32_t rg[6];
    assert_int_equal(read_all(f, t, rgcol[1], rg, 6), 5);
    const int32_t rgExp[] = { 4, 1, 3, 0, 2 };
    assert_memory_equal(rg, rgExp, sizeof rgExp);
    /* backwards is not allowed on a forward-only sort */
    assert_int_equal(JetMove(f->s, t, JET_MovePrevious, 0), JET_errIllegalOperation);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);

    /* with JET_bitTTUnique the duplicates go */
    t = open_kv(f, JET_coltypLong, 0, JET_bitTTForwardOnly | JET_bitTTUnique, rgcol);
    for (int32_t i = 0; i < 5; i++) insert_long(f, t, rgcol, rgkey[i], i);
    assert_int_equal(read_all(f, t, rgcol[1], rg, 6), 3);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_forward_only_refuses_what_needs_materialization(void **state)
{
    struct fx *f = *state;
    JET_COLUMNDEF rgcd[2] = { coldef(JET_coltypLong, JET_bitColumnTTKey), coldef(JET_coltypLongBinary, 0) };
    JET_COLUMNID rgcol[2];
    JET_TABLEID t;
    const JET_GRBIT rggrbit[] = { JET_bitTTIndexed, JET_bitTTUpdatable, JET_bitTTScrollable, JET_bitTTForceMaterialization };
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(JetOpenTempTable(f->s, rgcd, 1, JET_bitTTForwardOnly | rggrbit[i], &t, rgcol),
                         JET_errCannotMaterializeForwardOnlySort);
    /* a long value column, and no key at all, need a B+ tree too */
    assert_int_equal(JetOpenTempTable(f->s, rgcd, 2, JET_bitTTForwardOnly, &t, rgcol), JET_errCannotMaterializeForwardOnlySort);
    assert_int_equal(JetOpenTempTable(f->s, rgcd + 1, 1, JET_bitTTForwardOnly, &t, rgcol), JET_errCannotMaterializeForwardOnlySort);
    /* intrinsic long values only: a sort can hold them */
    assert_int_equal(JetOpenTempTable(f->s, rgcd, 2, JET_bitTTForwardOnly | JET_bitTTIntrinsicLVsOnly, &t, rgcol), JET_errSuccess);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_insert_phase_refuses_reads_and_navigation_helpers(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, JET_bitTTScrollable | JET_bitTTIndexed, rgcol);
    insert_long(f, t, rgcol, 1, 1);
    int32_t v;
    ESENT_ULONG cb;
    JET_TABLEID tDup;
    JET_OBJECTINFO oi;
    uint8_t rgbBm[64];
    assert_int_equal(JetRetrieveColumn(f->s, t, rgcol[1], &v, sizeof v, &cb, 0, NULL), JET_errIllegalOperation);
    assert_int_equal(JetDelete(f->s, t), JET_errIllegalOperation);
    assert_int_equal(JetDupCursor(f->s, t, &tDup, 0), JET_errIllegalOperation);
    assert_int_equal(JetGetTableInfoA(f->s, t, &oi, sizeof oi, JET_TblInfo), JET_errIllegalOperation);
    assert_int_equal(JetGetBookmark(f->s, t, rgbBm, sizeof rgbBm, &cb), JET_errIllegalOperation);
    assert_int_equal(JetSetCurrentIndexA(f->s, t, NULL), JET_errIllegalOperation);
    assert_int_equal(JetSetTableSequential(f->s, t, 0), JET_errIllegalOperation);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_sort_refuses_updates_seeks_and_moving_back(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, 0, rgcol);
    insert_long(f, t, rgcol, 1, 1);
    insert_long(f, t, rgcol, 2, 2);
    assert_int_equal(JetMove(f->s, t, JET_MoveNext, 0), JET_errSuccess);
    int32_t v = 5;
    char szName[64];
    assert_int_equal(JetPrepareUpdate(f->s, t, JET_prepInsert), JET_errIllegalOperation);
    assert_int_equal(JetSetColumn(f->s, t, rgcol[1], &v, sizeof v, 0, NULL), JET_errIllegalOperation);
    assert_int_equal(JetDelete(f->s, t), JET_errIllegalOperation);
    assert_int_equal(JetMakeKey(f->s, t, &v, sizeof v, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(JetSeek(f->s, t, JET_bitSeekEQ), JET_errIllegalOperation);
    assert_int_equal(JetMove(f->s, t, JET_MovePrevious, 0), JET_errIllegalOperation);
    assert_int_equal(JetGetCurrentIndexA(f->s, t, szName, sizeof szName), JET_errIllegalOperation);
    JET_COLUMNDEF cd;
    assert_int_equal(JetGetTableColumnInfoA(f->s, t, "c0", &cd, sizeof cd, JET_ColInfo), JET_errIllegalOperation);
    /* moving forward, to the first and to the last stay allowed */
    assert_int_equal(JetMove(f->s, t, JET_MoveLast, 0), JET_errSuccess);
    assert_int_equal(val_of(f, t, rgcol[1]), 2);
    assert_int_equal(JetMove(f->s, t, JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(val_of(f, t, rgcol[1]), 1);
    JET_OBJECTINFO oi;
    memset(&oi, 0xcc, sizeof oi);
    assert_int_equal(JetGetTableInfoA(f->s, t, &oi, sizeof oi, JET_TblInfo), JET_errSuccess);
    assert_int_equal(oi.cbStruct, sizeof oi);
    assert_int_equal(oi.objtyp, JET_objtypTable);
    assert_int_equal(oi.cRecord, 2);
    assert_int_equal(JetGetTableInfoA(f->s, t, &oi, sizeof oi, JET_TblInfoName), JET_errInvalidOperation);
    assert_int_equal(JetGetTableInfoA(f->s, t, &oi, sizeof oi - 1, JET_TblInfo), JET_errInvalidParameter);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_indexed_sort_seeks_and_scrolls(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, JET_bitTTIndexed, rgcol);
    for (int32_t k = 10; k <= 50; k += 10) insert_long(f, t, rgcol, k, k);
    int32_t key = 30;
    assert_int_equal(JetMakeKey(f->s, t, &key, sizeof key, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(JetSeek(f->s, t, JET_bitSeekEQ), JET_errSuccess);      /* ends the insert phase */
    assert_int_equal(val_of(f, t, rgcol[1]), 30);
    key = 35;
    assert_int_equal(JetMakeKey(f->s, t, &key, sizeof key, JET_bitNewKey), JET_errSuccess);
    assert_true(JetSeek(f->s, t, JET_bitSeekGE) >= 0);
    assert_int_equal(val_of(f, t, rgcol[1]), 40);
    assert_int_equal(JetMove(f->s, t, JET_MovePrevious, 0), JET_errSuccess);
    assert_int_equal(val_of(f, t, rgcol[1]), 30);
    assert_int_equal(JetMakeKey(f->s, t, &key, sizeof key, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(JetSeek(f->s, t, JET_bitSeekEQ), JET_errRecordNotFound);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_updatable_materializes_with_duplicate_errors(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, JET_bitTTUpdatable, rgcol);
    insert_long(f, t, rgcol, 2, 2);
    insert_long(f, t, rgcol, 2, 3);                     /* dropped by the sort */
    insert_long(f, t, rgcol, 1, 1);
    assert_int_equal(JetMove(f->s, t, JET_MoveNext, 0), JET_errSuccess);   /* materialized: from before the first */
    assert_int_equal(val_of(f, t, rgcol[1]), 1);
    /* a table now: updates, deletes, seeks, and duplicates are errors */
    const int32_t two = 2;
    assert_int_equal(insert(f, t, rgcol, &two, sizeof two, 9), JET_errKeyDuplicate);
    insert_long(f, t, rgcol, 3, 30);
    assert_int_equal(JetMakeKey(f->s, t, &two, sizeof two, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(JetSeek(f->s, t, JET_bitSeekEQ), JET_errSuccess);
    assert_int_equal(val_of(f, t, rgcol[1]), 2);
    assert_int_equal(JetDelete(f->s, t), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s, t, JET_prepInsert), JET_errSuccess);
    assert_int_equal(JetPrepareUpdate(f->s, t, JET_prepCancel), JET_errSuccess);
    assert_int_equal(JetMove(f->s, t, JET_MoveFirst, 0), JET_errSuccess);
    int32_t rg[4];
    assert_int_equal(val_of(f, t, rgcol[1]), 1);
    assert_int_equal(read_all(f, t, rgcol[1], rg, 4), 1);
    assert_int_equal(rg[0], 30);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_without_key_keeps_insertion_order_and_column_ids(void **state)
{
    struct fx *f = *state;
    JET_COLUMNDEF rgcd[5] = {
        coldef(JET_coltypText, 0), coldef(JET_coltypLong, 0), coldef(JET_coltypLongText, 0),
        coldef(JET_coltypBinary, JET_bitColumnTagged), coldef(JET_coltypBinary, JET_bitColumnFixed),
    };
    rgcd[4].cbMax = 4;
    JET_COLUMNID rgcol[5];
    JET_TABLEID t;
    assert_int_equal(JetOpenTempTable(f->s, rgcd, 5, 0, &t, rgcol), JET_errSuccess);
    /* ids as ESE's ErrSORTTableOpen gives them: fixed 1.., variable 128.., tagged 256.. */
    assert_int_equal(rgcol[0], 128);
    assert_int_equal(rgcol[1], 1);
    assert_int_equal(rgcol[2], 256);
    assert_int_equal(rgcol[3], 257);
    assert_int_equal(rgcol[4], 2);
    /* materialized at once: reading needs no move first */
    const int32_t rgv[] = { 30, 10, 20 };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(JetPrepareUpdate(f->s, t, JET_prepInsert), JET_errSuccess);
        assert_int_equal(JetSetColumn(f->s, t, rgcol[1], &rgv[i], sizeof rgv[i], 0, NULL), JET_errSuccess);
        assert_int_equal(JetUpdate(f->s, t, NULL, 0, NULL), JET_errSuccess);
    }
    int32_t rg[4];
    assert_int_equal(JetMove(f->s, t, JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(val_of(f, t, rgcol[1]), 30);
    assert_int_equal(read_all(f, t, rgcol[1], rg, 4), 2);
    assert_int_equal(rg[0], 10);
    assert_int_equal(rg[1], 20);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_long_values_round_trip(void **state)
{
    struct fx *f = *state;
    JET_COLUMNDEF rgcd[2] = { coldef(JET_coltypLong, JET_bitColumnTTKey), coldef(JET_coltypLongBinary, 0) };
    JET_COLUMNID rgcol[2];
    JET_TABLEID t;
    assert_int_equal(JetOpenTempTable(f->s, rgcd, 2, 0, &t, rgcol), JET_errSuccess);
    enum { CB = 20000 };
    uint8_t *pb = malloc(CB), *pbOut = malloc(CB);
    for (int i = 0; i < CB; i++) pb[i] = (uint8_t)(i * 7);
    for (int32_t k = 2; k >= 1; k--) {
        assert_int_equal(JetPrepareUpdate(f->s, t, JET_prepInsert), JET_errSuccess);
        assert_int_equal(JetSetColumn(f->s, t, rgcol[0], &k, sizeof k, 0, NULL), JET_errSuccess);
        assert_int_equal(JetSetColumn(f->s, t, rgcol[1], pb, CB - (ESENT_ULONG)k, 0, NULL), JET_errSuccess);
        assert_int_equal(JetUpdate(f->s, t, NULL, 0, NULL), JET_errSuccess);
    }
    ESENT_ULONG cb = 0;
    assert_int_equal(JetMove(f->s, t, JET_MoveFirst, 0), JET_errSuccess);
    assert_int_equal(JetRetrieveColumn(f->s, t, rgcol[1], pbOut, CB, &cb, 0, NULL), JET_errSuccess);
    assert_int_equal(cb, CB - 1);
    assert_memory_equal(pbOut, pb, CB - 1);
    free(pb);
    free(pbOut);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_dup_cursor_of_sort_starts_on_first_record(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, 0, rgcol), tDup;
    for (int32_t k = 3; k >= 1; k--) insert_long(f, t, rgcol, k, k);
    assert_int_equal(JetMove(f->s, t, JET_MoveLast, 0), JET_errSuccess);
    assert_int_equal(JetDupCursor(f->s, t, &tDup, 0), JET_errSuccess);
    assert_int_equal(val_of(f, tDup, rgcol[1]), 1);
    assert_int_equal(val_of(f, t, rgcol[1]), 3);
    /* the table lives while a cursor is open */
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
    assert_int_equal(JetMove(f->s, tDup, JET_MoveNext, 0), JET_errSuccess);
    assert_int_equal(val_of(f, tDup, rgcol[1]), 2);
    assert_int_equal(JetPrepareUpdate(f->s, tDup, JET_prepInsert), JET_errIllegalOperation);
    assert_int_equal(JetCloseTable(f->s, tDup), JET_errSuccess);
}

static void test_temptable_rollback_of_its_level_closes_it(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    assert_int_equal(JetBeginTransaction(f->s), JET_errSuccess);
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, JET_bitTTUpdatable, rgcol);
    insert_long(f, t, rgcol, 1, 1);
    assert_int_equal(JetRollback(f->s, 0), JET_errSuccess);
    assert_int_equal(JetMove(f->s, t, JET_MoveFirst, 0), JET_errInvalidTableId);

    /* a sort's inserts have no versions (ESE's sorts are in memory): a rollback leaves them */
    t = open_kv(f, JET_coltypLong, 0, 0, rgcol);
    assert_int_equal(JetBeginTransaction(f->s), JET_errSuccess);
    for (int32_t k = 0; k < 3; k++) insert_long(f, t, rgcol, k, k);
    assert_int_equal(JetRollback(f->s, 0), JET_errSuccess);
    int32_t rgSort[4];
    assert_int_equal(read_all(f, t, rgcol[1], rgSort, 4), 3);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);

    /* a materialized table opened outside the transaction: the table stays, its rolled-back
     * insert does not (JET_paramEnableTempTableVersioning) */
    t = open_kv(f, JET_coltypLong, 0, JET_bitTTForceMaterialization, rgcol);
    insert_long(f, t, rgcol, 1, 1);
    assert_int_equal(JetBeginTransaction(f->s), JET_errSuccess);
    insert_long(f, t, rgcol, 2, 2);
    assert_int_equal(JetRollback(f->s, 0), JET_errSuccess);
    int32_t rg[4];
    assert_int_equal(read_all(f, t, rgcol[1], rg, 4), 1);
    assert_int_equal(rg[0], 1);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_empty_sort_has_no_record(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, 0, rgcol);
    assert_int_equal(JetMove(f->s, t, JET_MoveNext, 0), JET_errNoCurrentRecord);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
    t = open_kv(f, JET_coltypLong, 0, JET_bitTTIndexed, rgcol);
    const int32_t key = 1;
    assert_int_equal(JetMakeKey(f->s, t, &key, sizeof key, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(JetSeek(f->s, t, JET_bitSeekEQ), JET_errRecordNotFound);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

static void test_temptable_open_checks_arguments(void **state)
{
    struct fx *f = *state;
    JET_COLUMNDEF cd = coldef(JET_coltypLong, JET_bitColumnTTKey);
    JET_COLUMNID col;
    JET_TABLEID t;
    JET_OPENTEMPORARYTABLE ott;
    memset(&ott, 0, sizeof ott);
    ott.cbStruct = sizeof ott + 1;
    ott.prgcolumndef = &cd;
    ott.ccolumn = 1;
    ott.prgcolumnid = &col;
    assert_int_equal(JetOpenTemporaryTable(f->s, &ott), JET_errInvalidParameter);
    ott.cbStruct = sizeof ott;
    ott.cbKeyMost = 100;                /* below JET_cbKeyMostMin */
    assert_int_equal(JetOpenTemporaryTable(f->s, &ott), JET_errInvalidParameter);
    ott.cbKeyMost = 0;
    ott.cbVarSegMac = JET_cbKeyMostMin + 1;
    assert_int_equal(JetOpenTemporaryTable(f->s, &ott), JET_errInvalidParameter);
    ott.cbVarSegMac = 0;
    assert_int_equal(JetOpenTemporaryTable(f->s, &ott), JET_errSuccess);
    assert_true(ott.tableid != JET_tableidNil);
    assert_int_equal(JetCloseTable(f->s, ott.tableid), JET_errSuccess);
    JET_COLUMNDEF cdText = coldef(JET_coltypText, JET_bitColumnTTKey);
    cdText.cp = 437;
    assert_int_equal(JetOpenTempTable(f->s, &cdText, 1, 0, &t, &col), JET_errInvalidCodePage);
    assert_int_equal(JetOpenTempTable(f->s, &cd, 1, 0, NULL, &col), JET_errInvalidParameter);
}

static bool file_exists(struct os_vfs *vfs, const char *sz)
{
    ESENT_WCHAR *wsz = utf8_to_utf16_dup(sz);
    bool fExists = false, fDir = false;
    JET_ERR err = vfs->ops->exists(vfs, wsz, &fExists, &fDir);
    free(wsz);
    return err >= 0 && fExists;
}

/* An instance of the test's own with one parameter set before JetInit, and a session. */
static void start_with_param(struct fx *f, const char *szPrefix, ESENT_ULONG paramid, JET_API_PTR num, const char *sz)
{
    api_test_instance_create(szPrefix, &f->vfs, &f->inst);
    assert_int_equal(JetSetSystemParameterA(&f->inst, 0, paramid, num, sz), JET_errSuccess);
    assert_int_equal(JetInit(&f->inst), JET_errSuccess);
    assert_int_equal(JetBeginSessionA(f->inst, &f->s, NULL, NULL), JET_errSuccess);
}

/* A relative JET_paramTempPath is in JET_paramSystemPath ("/"), a folder holds tmp.edb, made at
 * the first temporary table and removed by JetTerm. */
static void test_temptable_file_is_gone_after_term(void **state)
{
    (void)state;
    struct fx fx, *f = &fx;
    JET_TABLEID t;
    JET_COLUMNID col;
    start_with_param(f, "apitt_term", JET_paramTempPath, 0, "scratch/");
    assert_int_equal(f->vfs->ops->mkdir(f->vfs, (const ESENT_WCHAR[]){ '/', 's', 'c', 'r', 'a', 't', 'c', 'h', 0 }),
                     JET_errSuccess);
    assert_false(file_exists(f->vfs, "/scratch/tmp.edb"));
    JET_COLUMNDEF cd = coldef(JET_coltypLong, JET_bitColumnTTKey);
    assert_int_equal(JetOpenTempTable(f->s, &cd, 1, 0, &t, &col), JET_errSuccess);
    assert_true(file_exists(f->vfs, "/scratch/tmp.edb"));
    /* it never shows as a user database */
    assert_int_equal(JetCloseDatabase(f->s, 0, 0), JET_errInvalidDatabaseId);
    JET_TABLEID tOpen;
    assert_int_equal(JetOpenTableA(f->s, 0, "TEMP0", NULL, 0, 0, &tOpen), JET_errInvalidDatabaseId);
    char szPath[260];
    assert_int_equal(JetGetDatabaseInfoA(f->s, 0, szPath, sizeof szPath, JET_DbInfoFilename), JET_errInvalidDatabaseId);
    assert_int_equal(JetEndSession(f->s, 0), JET_errSuccess);          /* closes the table */
    assert_int_equal(JetTerm2(f->inst, JET_bitTermComplete), JET_errSuccess);
    assert_false(file_exists(f->vfs, "/scratch/tmp.edb"));
    os_mem_destroy(f->vfs);
}

static void test_temptable_max_temporary_tables_zero_refuses(void **state)
{
    (void)state;
    struct fx fx, *f = &fx;
    JET_TABLEID t;
    JET_COLUMNID col;
    start_with_param(f, "apitt_none", JET_paramMaxTemporaryTables, 0, NULL);
    JET_COLUMNDEF cd = coldef(JET_coltypLong, JET_bitColumnTTKey);
    assert_int_equal(JetOpenTempTable(f->s, &cd, 1, 0, &t, &col), JET_errTooManySorts);
    assert_false(file_exists(f->vfs, "/tmp.edb"));
    void *pv = f;
    fx_teardown_keep(&pv);
}

/* A table whose last cursor closed is dropped from the temporary database. */
static void test_temptable_closed_tables_are_dropped(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID rgt[3];
    for (int i = 0; i < 3; i++) {
        rgt[i] = open_kv(f, JET_coltypLong, 0, JET_bitTTUpdatable, rgcol);
        for (int32_t k = 0; k < 20; k++) insert_long(f, rgt[i], rgcol, k, k);
    }
    for (int i = 0; i < 3; i++) {
        char szName[16];
        snprintf(szName, sizeof szName, "TEMP%d", i);
        assert_true(temp_table_exists(f, szName));
        assert_int_equal(JetCloseTable(f->s, rgt[i]), JET_errSuccess);
        assert_false(temp_table_exists(f, szName));
    }
}

/* JetOpenTempTable2's LCID keeps the instance's default flags (case-insensitive); JetOpenTempTable3
 * takes the caller's flags: LCMAP_SORTKEY alone is case-sensitive. */
static void test_temptable_locale_and_flags_come_from_the_caller(void **state)
{
    struct fx *f = *state;
    JET_COLUMNDEF rgcd[2] = { coldef(JET_coltypText, JET_bitColumnTTKey), coldef(JET_coltypLong, 0) };
    rgcd[0].cp = 1200;
    const ESENT_WCHAR wszLower[] = { 'k', 'e', 'y' }, wszUpper[] = { 'K', 'E', 'Y' };
    for (int iCase = 0; iCase < 2; iCase++) {
        JET_COLUMNID rgcol[2];
        JET_TABLEID t;
        JET_UNICODEINDEX ui = { 0x409, 0x400 };
        if (iCase == 0)
            assert_int_equal(JetOpenTempTable2(f->s, rgcd, 2, 0x409, 0, &t, rgcol), JET_errSuccess);
        else
            assert_int_equal(JetOpenTempTable3(f->s, rgcd, 2, &ui, 0, &t, rgcol), JET_errSuccess);
        assert_int_equal(insert(f, t, rgcol, wszUpper, sizeof wszUpper, 1), JET_errSuccess);
        assert_int_equal(insert(f, t, rgcol, wszLower, sizeof wszLower, 2), JET_errSuccess);
        int32_t rg[3];
        const uint32_t c = read_all(f, t, rgcol[1], rg, 3);
        assert_int_equal(c, iCase == 0 ? 1 : 2);
        if (iCase == 1) {
            assert_int_equal(rg[0], 2);         /* lower case sorts first */
            assert_int_equal(rg[1], 1);
        }
        assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
    }
}

/* A table closed inside a transaction is dropped only outside one (a drop inside would come back
 * with the rollback). */
static void test_temptable_closed_in_transaction_is_dropped_after_it(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, JET_bitTTUpdatable, rgcol);
    insert_long(f, t, rgcol, 1, 1);
    assert_int_equal(JetBeginTransaction(f->s), JET_errSuccess);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
    assert_true(temp_table_exists(f, "TEMP0"));
    assert_int_equal(JetRollback(f->s, 0), JET_errSuccess);
    t = open_kv(f, JET_coltypLong, 0, 0, rgcol);
    assert_false(temp_table_exists(f, "TEMP0"));
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

/* JetEndSession closes the session's temporary tables; the next one any session opens drops them. */
static void test_temptable_session_end_closes_and_another_session_drops(void **state)
{
    struct fx *f = *state;
    JET_SESID s2;
    JET_COLUMNID rgcol[2];
    assert_int_equal(JetBeginSessionA(f->inst, &s2, NULL, NULL), JET_errSuccess);
    JET_COLUMNDEF rgcd[2] = { coldef(JET_coltypLong, JET_bitColumnTTKey), coldef(JET_coltypLong, 0) };
    JET_TABLEID t2;
    assert_int_equal(JetOpenTempTable(s2, rgcd, 2, 0, &t2, rgcol), JET_errSuccess);
    assert_int_equal(JetEndSession(s2, 0), JET_errSuccess);
    assert_true(temp_table_exists(f, "TEMP0"));
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, 0, rgcol);
    assert_false(temp_table_exists(f, "TEMP0"));
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
}

/* A sort bigger than the version store's budget fills inside a transaction (its inserts take no
 * versions). */
static void test_temptable_big_sort_in_transaction(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID rgcol[2];
    assert_int_equal(JetBeginTransaction(f->s), JET_errSuccess);
    JET_TABLEID t = open_kv(f, JET_coltypLong, 0, 0, rgcol);
    uint32_t x = 1;
    for (int32_t i = 0; i < 30000; i++) {
        x = x * 1103515245u + 12345u;
        insert_long(f, t, rgcol, (int32_t)(x >> 1), i);
    }
    int32_t prev = INT32_MIN;
    uint32_t c = 0;
    JET_ERR err;
    while ((err = JetMove(f->s, t, JET_MoveNext, 0)) == JET_errSuccess) {
        int32_t k = -1;
        ESENT_ULONG cb;
        assert_int_equal(JetRetrieveColumn(f->s, t, rgcol[0], &k, sizeof k, &cb, 0, NULL), JET_errSuccess);
        assert_true(k >= prev);
        prev = k;
        c++;
    }
    assert_int_equal(err, JET_errNoCurrentRecord);
    assert_true(c > 29000 && c <= 30000);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
    assert_int_equal(JetCommitTransaction(f->s, 0), JET_errSuccess);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
        T(test_temptable_sorts_long_keys_and_first_move_lands_on_first),
        T(test_temptable_move_next_counts_from_first_record_when_ending_insert),
        T(test_temptable_sorts_descending_segment),
        T(test_temptable_sorts_every_key_type),
        T(test_temptable_unicode_key_ignores_case_and_drops_duplicates),
        T(test_temptable_nulls_sort_low_unless_nulls_high),
        T(test_temptable_error_on_duplicate_insertion_keeps_first),
        T(test_temptable_forward_only_keeps_duplicates_in_insertion_order),
        T(test_temptable_forward_only_refuses_what_needs_materialization),
        T(test_temptable_insert_phase_refuses_reads_and_navigation_helpers),
        T(test_temptable_sort_refuses_updates_seeks_and_moving_back),
        T(test_temptable_indexed_sort_seeks_and_scrolls),
        T(test_temptable_updatable_materializes_with_duplicate_errors),
        T(test_temptable_without_key_keeps_insertion_order_and_column_ids),
        T(test_temptable_long_values_round_trip),
        T(test_temptable_dup_cursor_of_sort_starts_on_first_record),
        T(test_temptable_rollback_of_its_level_closes_it),
        T(test_temptable_empty_sort_has_no_record),
        T(test_temptable_open_checks_arguments),
        T(test_temptable_closed_tables_are_dropped),
        T(test_temptable_locale_and_flags_come_from_the_caller),
        T(test_temptable_closed_in_transaction_is_dropped_after_it),
        T(test_temptable_session_end_closes_and_another_session_drops),
        T(test_temptable_big_sort_in_transaction),
        cmocka_unit_test(test_temptable_file_is_gone_after_term),
        cmocka_unit_test(test_temptable_max_temporary_tables_zero_refuses),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
