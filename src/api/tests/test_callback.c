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

static void *JET_API enum_realloc(void *pvContext, void *pv, ESENT_ULONG cb)
{
    (void)pvContext;
    if (!cb) {
        free(pv);
        return NULL;
    }
    return realloc(pv, cb);
}

static void enum_free(JET_ENUMCOLUMN *rg, ESENT_ULONG c)
{
    for (ESENT_ULONG i = 0; i < c; i++) {
        for (ESENT_ULONG j = 0; j < rg[i].cEnumColumnValue; j++) free(rg[i].rgEnumColumnValue[j].pvData);
        free(rg[i].rgEnumColumnValue);
    }
    free(rg);
}

/* ESE does not call user-defined default callbacks in JetEnumerateColumns ("integration with
 * user-defined callbacks is NYI", ErrRECEnumerateAllColumns / ErrRECEnumerateReqColumns): on a
 * table with such a column it fails with JET_errCallbackFailed unless told to leave defaults out
 * (JET_bitEnumerateIgnoreDefault or JET_bitEnumerateIgnoreUserDefinedDefault); then the column
 * is what the record holds, and a requested one without a value JET_wrnColumnDefault with
 * JET_bitEnumerateIgnoreDefault, JET_wrnColumnNull without. */
static void test_udd_enumerate_columns_fails_unless_user_defined_defaults_are_ignored(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID colid;
    ESENT_ULONG c = 99;
    JET_ENUMCOLUMN *rg = NULL;
    assert_int_equal(add_udd_column(f, "Computed", UDD_MODULE "!udd_copy", "hello", &colid), JET_errSuccess);
    insert(f, 1, colid, NULL);
    insert(f, 2, colid, "own");
    const ESENT_ULONG cCalls = *f->pcCalls;
    JET_ENUMCOLUMNID req = { colid, 0, NULL };
    seek(f, 1);
    assert_int_equal(JetEnumerateColumns(f->s, f->t, 0, NULL, &c, &rg, enum_realloc, NULL, 0, 0), JET_errCallbackFailed);
    assert_int_equal(JetEnumerateColumns(f->s, f->t, 1, &req, &c, &rg, enum_realloc, NULL, 0, 0), JET_errCallbackFailed);
    /* without defaults: the record's columns; the column without a value is not there */
    static const JET_GRBIT rggrbit[] = { JET_bitEnumerateIgnoreUserDefinedDefault, JET_bitEnumerateIgnoreDefault };
    for (size_t i = 0; i < 2; i++) {
        seek(f, 1);
        assert_int_equal(JetEnumerateColumns(f->s, f->t, 0, NULL, &c, &rg, enum_realloc, NULL, 0, rggrbit[i]), JET_errSuccess);
        assert_int_equal(c, 1);
        assert_int_equal(rg[0].columnid, f->colId);
        enum_free(rg, c);
        assert_int_equal(JetEnumerateColumns(f->s, f->t, 1, &req, &c, &rg, enum_realloc, NULL, 0, rggrbit[i]), JET_errSuccess);
        assert_int_equal(c, 1);
        assert_int_equal(rg[0].columnid, colid);
        /* ESE: JET_wrnColumnDefault when told to ignore every default, else JET_wrnColumnNull */
        assert_int_equal(rg[0].err, i == 1 ? JET_wrnColumnDefault : JET_wrnColumnNull);
        enum_free(rg, c);
        seek(f, 2);
        assert_int_equal(JetEnumerateColumns(f->s, f->t, 0, NULL, &c, &rg, enum_realloc, NULL, 0, rggrbit[i]), JET_errSuccess);
        assert_int_equal(c, 2);
        assert_int_equal(rg[1].columnid, colid);
        assert_int_equal(rg[1].err, JET_errSuccess);
        assert_int_equal(rg[1].cEnumColumnValue, 1);
        assert_int_equal(rg[1].rgEnumColumnValue[0].cbData, 3);
        assert_memory_equal(rg[1].rgEnumColumnValue[0].pvData, "own", 3);
        enum_free(rg, c);
    }
    assert_int_equal(*f->pcCalls, cCalls);
}

/* ESE resolves a table's callbacks when it loads its definition, with
 * JET_paramEnablePersistedCallbacks on (ErrCATIInitFIELD): a table whose user-defined default
 * cannot be found does not open (JET_errCallbackNotResolved); with the parameter off it opens. */
static void test_udd_open_table_fails_when_a_callback_does_not_resolve_with_persisted_callbacks_on(void **state)
{
    struct fx *f = *state;
    JET_COLUMNID colid, colidBad;
    JET_TABLEID t;
    char sz[16];
    ESENT_ULONG cb;
    struct isam_instance *pi;
    /* made with the parameter off: "t" names a module that is not there, "u" a good one */
    assert_int_equal(add_udd_column(f, "Bad", "/no/such/module.so!f", NULL, &colidBad), JET_errSuccess);
    JET_COLUMNCREATE_A rgc[1] = { { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 } };
    JET_INDEXCREATE_A idx = api_test_primary_index();
    JET_TABLECREATE_A tc = { sizeof tc, (char *)"u", NULL, 1, 100, rgc, 1, &idx, 1, 0, 0, 0 };
    assert_int_equal(JetCreateTableColumnIndexA(f->s, f->db, &tc), JET_errSuccess);
    assert_int_equal(JetCloseTable(f->s, f->t), JET_errSuccess);
    f->t = tc.tableid;
    assert_int_equal(add_udd_column(f, "Computed", UDD_MODULE "!udd_copy", "hello", &colid), JET_errSuccess);
    insert(f, 1, colid, NULL);
    assert_int_equal(JetCloseTable(f->s, f->t), JET_errSuccess);
    assert_int_equal(JetOpenTableA(f->s, f->db, "t", NULL, 0, 0, &t), JET_errSuccess);
    assert_int_equal(JetCloseTable(f->s, t), JET_errSuccess);
    assert_int_equal(JetCloseDatabase(f->s, f->db, 0), JET_errSuccess);
    assert_int_equal(JetEndSession(f->s, 0), JET_errSuccess);
    assert_int_equal(JetTerm2(f->inst, JET_bitTermComplete), JET_errSuccess);
    /* the same files, the parameter on */
    assert_int_equal(JetCreateInstanceA(&f->inst, "apiudd-on"), JET_errSuccess);
    assert_int_equal(api_instance_find(f->inst, &pi), JET_errSuccess);
    param_store_set_vfs(&pi->params, f->vfs);
    assert_int_equal(JetSetSystemParameterA(&f->inst, 0, JET_paramSystemPath, 0, "/"), JET_errSuccess);
    assert_int_equal(JetSetSystemParameterA(&f->inst, 0, JET_paramLogFilePath, 0, "/"), JET_errSuccess);
    assert_int_equal(JetSetSystemParameterA(&f->inst, 0, JET_paramTempPath, 0, "/"), JET_errSuccess);
    assert_int_equal(JetSetSystemParameterA(&f->inst, 0, JET_paramEnablePersistedCallbacks, 1, NULL), JET_errSuccess);
    assert_int_equal(JetInit(&f->inst), JET_errSuccess);
    assert_int_equal(JetBeginSessionA(f->inst, &f->s, NULL, NULL), JET_errSuccess);
    assert_int_equal(JetAttachDatabaseA(f->s, szDb, 0), JET_errSuccess);
    assert_int_equal(JetOpenDatabaseA(f->s, szDb, NULL, &f->db, 0), JET_errSuccess);
    t = (JET_TABLEID)0x1234;
    assert_int_equal(JetOpenTableA(f->s, f->db, "t", NULL, 0, 0, &t), JET_errCallbackNotResolved);
    assert_int_equal(JetOpenTableA(f->s, f->db, "u", NULL, 0, 0, &f->t), JET_errSuccess);
    seek(f, 1);
    memset(sz, 0, sizeof sz);
    assert_int_equal(JetRetrieveColumn(f->s, f->t, colid, sz, sizeof sz, &cb, 0, NULL), JET_errSuccess);
    assert_string_equal(sz, "hello");
}

int main(void)
{
    debug_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_udd_retrieve_calls_the_callback_when_the_column_has_no_value, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_udd_callback_warning_and_error_are_the_retrievals, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_udd_add_column_fails_when_the_callback_does_not_resolve, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_udd_retrieve_fails_when_persisted_callbacks_are_off, fx_setup_off, fx_teardown),
        cmocka_unit_test_setup_teardown(test_udd_enumerate_columns_fails_unless_user_defined_defaults_are_ignored, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_udd_open_table_fails_when_a_callback_does_not_resolve_with_persisted_callbacks_on, fx_setup_off, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
