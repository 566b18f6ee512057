/* SPDX-License-Identifier: MIT
 * api/tests/test_callback.c: user-defined default values (JET_bitColumnUserDefinedDefault)
 * through the exports over an in-memory file system, with the callbacks of a module of their
 * own (udd_callbacks.c, named "<module>!function" as an application names its DLL): when the
 * callback runs (a column with no value, itagSequence 1, without JET_bitRetrieveIgnoreDefault),
 * what it receives (the user data, the columnid, the buffer and its size), its value, warning or
 * error as the retrieval's result, and ESE's errors for an unresolvable callback and for
 * JET_paramEnablePersistedCallbacks off. wine-tests/udd.c checks the same under Wine. */
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "api_test_util.h"

struct fx {
    struct os_vfs *vfs;
    JET_INSTANCE inst;
    JET_SESID s;
    JET_DBID db;
    JET_TABLEID t;
    JET_COLUMNID colId;
    void *hModule;
    ESENT_ULONG *pcCalls, *pcolumnidLast;
};

static const char szDb[] = "/udd.edb";

static int fx_setup_ex(void **state, bool fPersistedCallbacks)
{
    struct fx *f = calloc(1, sizeof *f);
    api_test_instance_create("apiudd", &f->vfs, &f->inst);
    if (fPersistedCallbacks)
        assert_int_equal(JetSetSystemParameterA(&f->inst, 0, JET_paramEnablePersistedCallbacks, 1, NULL), JET_errSuccess);
    assert_int_equal(JetInit(&f->inst), JET_errSuccess);
    assert_int_equal(JetBeginSessionA(f->inst, &f->s, NULL, NULL), JET_errSuccess);
    assert_int_equal(JetCreateDatabaseA(f->s, szDb, NULL, &f->db, 0), JET_errSuccess);
    JET_COLUMNCREATE_A rgc[1] = { { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 } };
    JET_INDEXCREATE_A idx = api_test_primary_index();
    JET_TABLECREATE_A tc = { sizeof tc, (char *)"t", NULL, 1, 100, rgc, 1, &idx, 1, 0, 0, 0 };
    assert_int_equal(JetCreateTableColumnIndexA(f->s, f->db, &tc), JET_errSuccess);
    f->t = tc.tableid;
    f->colId = rgc[0].columnid;
    f->hModule = dlopen(UDD_MODULE, RTLD_NOW);
    assert_non_null(f->hModule);
    f->pcCalls = dlsym(f->hModule, "g_cUddCalls");
    f->pcolumnidLast = dlsym(f->hModule, "g_columnidLast");
    assert_non_null(f->pcCalls);
    assert_non_null(f->pcolumnidLast);
    *state = f;
    return 0;
}

static int fx_setup(void **state) { return fx_setup_ex(state, true); }
static int fx_setup_off(void **state) { return fx_setup_ex(state, false); }

static int fx_teardown(void **state)
{
    struct fx *f = *state;
    assert_int_equal(JetCloseTable(f->s, f->t), JET_errSuccess);
    assert_int_equal(JetCloseDatabase(f->s, f->db, 0), JET_errSuccess);
    assert_int_equal(JetEndSession(f->s, 0), JET_errSuccess);
    api_test_instance_destroy(f->inst, f->vfs);
    dlclose(f->hModule);
    free(f);
    return 0;
}

/* A tagged column whose default comes from fn of the test module, with the user data sz. */
static JET_ERR add_udd_column(struct fx *f, const char *szColumn, const char *szCallback, const char *szUserData,
        JET_COLUMNID *pcolid)
{
    JET_COLUMNDEF def;
    JET_USERDEFINEDDEFAULT_A udd;
    memset(&def, 0, sizeof def);
    def.cbStruct = sizeof def;
    def.coltyp = JET_coltypLongText;
    def.cp = 1252;
    def.grbit = JET_bitColumnTagged | JET_bitColumnUserDefinedDefault;
    memset(&udd, 0, sizeof udd);
    udd.szCallback = (char *)szCallback;
    udd.pbUserData = (unsigned char *)szUserData;
    udd.cbUserData = szUserData ? (ESENT_ULONG)strlen(szUserData) + 1 : 0;
    return JetAddColumnA(f->s, f->t, szColumn, &def, &udd, sizeof udd, pcolid);
}

static void insert(struct fx *f, int32_t id, JET_COLUMNID colid, const char *szValue)
{
    assert_int_equal(JetPrepareUpdate(f->s, f->t, JET_prepInsert), JET_errSuccess);
    assert_int_equal(JetSetColumn(f->s, f->t, f->colId, &id, sizeof id, 0, NULL), JET_errSuccess);
    if (szValue)
        assert_int_equal(JetSetColumn(f->s, f->t, colid, szValue, (ESENT_ULONG)strlen(szValue), 0, NULL), JET_errSuccess);
    assert_int_equal(JetUpdate(f->s, f->t, NULL, 0, NULL), JET_errSuccess);
}

static void seek(struct fx *f, int32_t id)
{
    assert_int_equal(JetMakeKey(f->s, f->t, &id, sizeof id, JET_bitNewKey), JET_errSuccess);
    assert_int_equal(JetSeek(f->s, f->t, JET_bitSeekEQ), JET_errSuccess);
}

static void test_udd_retrieve_calls_the_callback_when_the_column_has_no_value(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID colid;
    char sz[32];
    ESENT_ULONG cb;
    assert_int_equal(add_udd_column(f, "Computed", UDD_MODULE "!udd_copy", "hello", &colid), JET_errSuccess);
    JET_COLUMNDEF def;
    assert_int_equal(JetGetTableColumnInfoA(f->s, f->t, "Computed", &def, sizeof def, JET_ColInfo), JET_errSuccess);
    assert_true(def.grbit & JET_bitColumnUserDefinedDefault);
    insert(f, 1, colid, NULL);
    insert(f, 2, colid, "own");
    const ESENT_ULONG cCalls = *f->pcCalls;

    seek(f, 1);
    memset(sz, 0, sizeof sz);
    cb = 0;
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colid, sz, sizeof sz, &cb, 0, NULL), JET_errSuccess);
    assert_int_equal(cb, 5);
    assert_string_equal(sz, "hello");
    assert_int_equal(*f->pcCalls, cCalls + 1);
    assert_int_equal(*f->pcolumnidLast, colid);
    /* a short buffer: the callback's size, JET_wrnBufferTruncated */
    memset(sz, 0, sizeof sz);
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colid, sz, 3, &cb, 0, NULL), JET_wrnBufferTruncated);
    assert_int_equal(cb, 5);
    assert_memory_equal(sz, "hel", 3);
    /* JET_bitRetrieveIgnoreDefault and a second value: no callback */
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colid, sz, sizeof sz, &cb, JET_bitRetrieveIgnoreDefault, NULL),
                     JET_wrnColumnNull);
    JET_RETINFO ri = { sizeof ri, 0, 2, 0 };
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colid, sz, sizeof sz, &cb, 0, &ri), JET_wrnColumnNull);
    assert_int_equal(*f->pcCalls, cCalls + 2);
    /* JetRetrieveColumns runs it too, and goes on with the next column */
    int32_t id = 0;
    memset(sz, 0, sizeof sz);
    JET_RETRIEVECOLUMN rg[2] = {
        { colid, sz, sizeof sz, 0, 0, 0, 1, 0, 0 },
        { f->colId, &id, sizeof id, 0, 0, 0, 1, 0, 0 },
    };
    assert_int_equal(JetRetrieveColumns(f->s, f->t, rg, 2), JET_errSuccess);
    assert_int_equal(rg[0].err, JET_errSuccess);
    assert_int_equal(rg[0].cbActual, 5);
    assert_string_equal(sz, "hello");
    assert_int_equal(rg[1].err, JET_errSuccess);
    assert_int_equal(id, 1);
    assert_int_equal(*f->pcCalls, cCalls + 3);

    /* a record with its own value: that, and no callback */
    seek(f, 2);
    memset(sz, 0, sizeof sz);
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colid, sz, sizeof sz, &cb, 0, NULL), JET_errSuccess);
    assert_int_equal(cb, 3);
    assert_string_equal(sz, "own");
    assert_int_equal(*f->pcCalls, cCalls + 3);

    /* the copy buffer of a new record without the value: the callback */
    assert_int_equal(JetPrepareUpdate(f->s, f->t, JET_prepInsert), JET_errSuccess);
    memset(sz, 0, sizeof sz);
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colid, sz, sizeof sz, &cb, JET_bitRetrieveCopy, NULL), JET_errSuccess);
    assert_string_equal(sz, "hello");
    assert_int_equal(JetPrepareUpdate(f->s, f->t, JET_prepCancel), JET_errSuccess);
}

static void test_udd_callback_warning_and_error_are_the_retrievals(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID colidNull, colidFail, colidNone;
    char sz[16];
    ESENT_ULONG cb = 99;
    assert_int_equal(add_udd_column(f, "Null", UDD_MODULE "!udd_null", NULL, &colidNull), JET_errSuccess);
    assert_int_equal(add_udd_column(f, "Fail", UDD_MODULE "!udd_fail", NULL, &colidFail), JET_errSuccess);
    assert_int_equal(add_udd_column(f, "NoData", UDD_MODULE "!udd_copy", NULL, &colidNone), JET_errSuccess);
    insert(f, 1, 0, NULL);
    seek(f, 1);
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colidNull, sz, sizeof sz, &cb, 0, NULL), JET_wrnColumnNull);
    assert_int_equal(cb, 0);
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colidFail, sz, sizeof sz, &cb, 0, NULL), JET_errDiskIO);
    /* without user data the callback's context is NULL */
    memset(sz, 0, sizeof sz);
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colidNone, sz, sizeof sz, &cb, 0, NULL), JET_errSuccess);
    assert_string_equal(sz, "none");
}

/* With persisted callbacks on, a callback must resolve when the column is made. */
static void test_udd_add_column_fails_when_the_callback_does_not_resolve(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID colid;
    assert_int_equal(add_udd_column(f, "C1", UDD_MODULE "!no_such_function", NULL, &colid), JET_errCallbackNotResolved);
    assert_int_equal(add_udd_column(f, "C2", "/no/such/module.so!udd_copy", NULL, &colid), JET_errCallbackNotResolved);
    assert_int_equal(add_udd_column(f, "C3", "no-separator", NULL, &colid), JET_errInvalidParameter);
    JET_COLUMNDEF def;
    assert_int_equal(JetGetTableColumnInfoA(f->s, f->t, "C1", &def, sizeof def, JET_ColInfo), JET_errColumnNotFound);
    /* the same through JetCreateTableColumnIndex */
    JET_USERDEFINEDDEFAULT_A udd = { (char *)UDD_MODULE "!nope", NULL, 0, NULL };
    JET_COLUMNCREATE_A cc = { sizeof cc, (char *)"U", JET_coltypLongBinary, 0,
                              JET_bitColumnTagged | JET_bitColumnUserDefinedDefault, &udd, sizeof udd, 0, 0, 0 };
    JET_TABLECREATE_A tc = { sizeof tc, (char *)"t2", NULL, 1, 100, &cc, 1, NULL, 0, 0, 0, 0 };
    assert_int_equal(JetCreateTableColumnIndexA(f->s, f->db, &tc), JET_errCallbackNotResolved);
    assert_int_equal(cc.err, JET_errCallbackNotResolved);
}

/* JET_paramEnablePersistedCallbacks off (ESENT's default): the column is made without looking
 * for its callback, and reading its default fails with JET_errCallbackFailed. */
static void test_udd_retrieve_fails_when_persisted_callbacks_are_off(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID colid, colidBad;
    char sz[16];
    ESENT_ULONG cb;
    assert_int_equal(add_udd_column(f, "Computed", UDD_MODULE "!udd_copy", "hello", &colid), JET_errSuccess);
    assert_int_equal(add_udd_column(f, "Bad", "/no/such/module.so!f", NULL, &colidBad), JET_errSuccess);
    insert(f, 1, colid, NULL);
    seek(f, 1);
    const ESENT_ULONG cCalls = *f->pcCalls;
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colid, sz, sizeof sz, &cb, 0, NULL), JET_errCallbackFailed);
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colidBad, sz, sizeof sz, &cb, 0, NULL), JET_errCallbackFailed);
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colid, sz, sizeof sz, &cb, JET_bitRetrieveIgnoreDefault, NULL),
                     JET_wrnColumnNull);
    assert_int_equal(*f->pcCalls, cCalls);
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_udd_retrieve_calls_the_callback_when_the_column_has_no_value, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_udd_callback_warning_and_error_are_the_retrievals, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_udd_add_column_fails_when_the_callback_does_not_resolve, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_udd_retrieve_fails_when_persisted_callbacks_are_off, fx_setup_off, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
