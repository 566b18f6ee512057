/* SPDX-License-Identifier: MIT
 * wine-tests/udd.c: user-defined default values (JET_bitColumnUserDefinedDefault with a
 * JET_USERDEFINEDDEFAULT), as Windows' esent.dll gives them (the docs' JET_USERDEFINEDDEFAULT
 * and JET_cbtypUserDefinedDefaultValue; ESE's ErrCALLBACKResolve, ErrRECCallback and
 * ErrRECRetrieveTaggedColumn): the callback is named "module!function" and found with
 * LoadLibrary and GetProcAddress (here: this test program's own export, by its path); it runs
 * when a column with no value is read (first value, without JET_bitRetrieveIgnoreDefault) and
 * gets the session, database, cursor, output buffer and size, the user data and the columnid;
 * its result is the retrieval's. With JET_paramEnablePersistedCallbacks off (ESENT's default) a
 * callback is not looked for at creation and the read fails with JET_errCallbackFailed; with it
 * on, one that cannot be found is JET_errCallbackNotResolved, at creation and at JetOpenTable.
 * JetEnumerateColumns does not run callbacks (JET_errCallbackFailed unless defaults are
 * ignored); index keys over such a column do (todo_wine: we key it as NULL). */
#include "test_util.h"

static JET_INSTANCE inst;
static JET_SESID sesid;
static char dir[MAX_PATH];
static char dbpath[MAX_PATH];
static JET_DBID dbid;

static unsigned long cCalls;
static struct {
    JET_SESID sesid;
    JET_DBID dbid;
    JET_TABLEID tableid;
    JET_CBTYP cbtyp;
    unsigned long cbIn;
    JET_API_PTR ulUnused;
    long id;                    /* the record's key column, read inside the callback */
    JET_ERR errRetrieve;
} last;
static JET_COLUMNID colidKey;

/* The value is "<user data>:<the record's key>": the callback reads the record it is on. */
__declspec(dllexport) JET_ERR JET_API udd_wine_copy(JET_SESID s, JET_DBID d, JET_TABLEID t, JET_CBTYP cbtyp,
        void *pvArg1, void *pvArg2, void *pvContext, JET_API_PTR ulUnused)
{
    unsigned long *pcb = pvArg2, cbKey;
    char sz[64];
    size_t cb;
    cCalls++;
    last.sesid = s;
    last.dbid = d;
    last.tableid = t;
    last.cbtyp = cbtyp;
    last.cbIn = *pcb;
    last.ulUnused = ulUnused;
    last.id = 0;
    last.errRetrieve = JetRetrieveColumn(s, t, colidKey, &last.id, sizeof last.id, &cbKey, 0, NULL);
    snprintf(sz, sizeof sz, "%s:%ld", pvContext ? (const char *)pvContext : "none", last.id);
    cb = strlen(sz);
    memcpy(pvArg1, sz, cb < *pcb ? cb : *pcb);
    *pcb = (unsigned long)cb;
    return JET_errSuccess;
}

__declspec(dllexport) JET_ERR JET_API udd_wine_fail(JET_SESID s, JET_DBID d, JET_TABLEID t, JET_CBTYP cbtyp,
        void *pvArg1, void *pvArg2, void *pvContext, JET_API_PTR ulUnused)
{
    cCalls++;
    return JET_errDiskIO;
}

/* The value is the user data alone (the record is not read: the index build's cursor). */
__declspec(dllexport) JET_ERR JET_API udd_wine_const(JET_SESID s, JET_DBID d, JET_TABLEID t, JET_CBTYP cbtyp,
        void *pvArg1, void *pvArg2, void *pvContext, JET_API_PTR ulUnused)
{
    unsigned long *pcb = pvArg2;
    const char *sz = pvContext ? (const char *)pvContext : "none";
    size_t cb = strlen(sz);
    cCalls++;
    if (pvArg1) memcpy(pvArg1, sz, cb < *pcb ? cb : *pcb);
    *pcb = (unsigned long)cb;
    return JET_errSuccess;
}

/* An instance over dir, and a session. */
static void start_instance(const char *name, BOOL fPersistedCallbacks)
{
    JET_ERR err = JetCreateInstanceA(&inst, name);
    ok(err == JET_errSuccess, "JetCreateInstanceA: %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetSetSystemParameterA(&inst, 0, JET_paramEnablePersistedCallbacks, fPersistedCallbacks, NULL);
    ok(err == JET_errSuccess, "JET_paramEnablePersistedCallbacks: %ld\n", err);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: %ld\n", err);
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSession: %ld\n", err);
}

static void start(const char *name, BOOL fPersistedCallbacks)
{
    JET_ERR err;
    test_make_dir(name, dir, MAX_PATH);
    start_instance(name, fPersistedCallbacks);
    snprintf(dbpath, MAX_PATH, "%sudd.edb", dir);
    err = JetCreateDatabaseA(sesid, dbpath, NULL, &dbid, 0);
    ok(err == JET_errSuccess, "JetCreateDatabaseA: %ld\n", err);
}

static JET_ERR add_udd(JET_TABLEID t, const char *szColumn, const char *szCallback, const char *szUserData,
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
    udd.cbUserData = szUserData ? (unsigned long)strlen(szUserData) + 1 : 0;
    *pcolid = 0;
    return JetAddColumnA(sesid, t, szColumn, &def, &udd, sizeof udd, pcolid);
}

static JET_TABLEID make_table(void)
{
    JET_COLUMNCREATE_A rgc[1];
    JET_COLUMNID colid;
    JET_TABLEID t;
    long k;
    memset(rgc, 0, sizeof rgc);
    rgc[0].szColumnName = (char *)"K";
    rgc[0].coltyp = JET_coltypLong;
    t = test_create_table(sesid, dbid, "T", rgc, 1, &colid);
    colidKey = colid;
    for (k = 1; k <= 2; k++) {
        JetPrepareUpdate(sesid, t, JET_prepInsert);
        JetSetColumn(sesid, t, colidKey, &k, sizeof k, 0, NULL);
        JetUpdate(sesid, t, NULL, 0, NULL);
    }
    return t;
}

static void seek(JET_TABLEID t, long k)
{
    JET_ERR err = JetMakeKey(sesid, t, &k, sizeof k, JET_bitNewKey);
    if (err == JET_errSuccess) err = JetSeek(sesid, t, JET_bitSeekEQ);
    ok(err == JET_errSuccess, "seek %ld: %ld\n", k, err);
}

static void module_callback(char *sz, size_t cb, const char *szFunction)
{
    char path[MAX_PATH];
    GetModuleFileNameA(NULL, path, sizeof path);
    snprintf(sz, cb, "%s!%s", path, szFunction);
}

static void *JET_API enum_realloc(void *pvContext, void *pv, unsigned long cb)
{
    if (!cb) {
        free(pv);
        return NULL;
    }
    return realloc(pv, cb);
}

static void enum_free(JET_ENUMCOLUMN *rg, unsigned long c)
{
    unsigned long i, j;
    for (i = 0; i < c; i++) {
        for (j = 0; j < rg[i].cEnumColumnValue; j++) free(rg[i].rgEnumColumnValue[j].pvData);
        free(rg[i].rgEnumColumnValue);
    }
    free(rg);
}

/* JetEnumerateColumns does not run user-defined default callbacks ("integration with
 * user-defined callbacks is NYI", ErrRECEnumerateAllColumns / ErrRECEnumerateReqColumns): on a
 * table with such a column it is JET_errCallbackFailed unless JET_bitEnumerateIgnoreDefault or
 * JET_bitEnumerateIgnoreUserDefinedDefault; then the record's own values, and a requested column
 * without one is JET_wrnColumnDefault with JET_bitEnumerateIgnoreDefault, else JET_wrnColumnNull.
 * Record 1 has no value in colid, record 2 has "own". */
static void check_enumerate(JET_TABLEID t, JET_COLUMNID colid)
{
    static const JET_GRBIT rggrbit[2] = { JET_bitEnumerateIgnoreUserDefinedDefault, JET_bitEnumerateIgnoreDefault };
    JET_ENUMCOLUMNID req;
    JET_ENUMCOLUMN *rg = NULL;
    unsigned long c = 99, cCallsBefore = cCalls;
    JET_ERR err;
    int i;
    memset(&req, 0, sizeof req);
    req.columnid = colid;
    seek(t, 1);
    err = JetEnumerateColumns(sesid, t, 0, NULL, &c, &rg, enum_realloc, NULL, 0, 0);
    ok(err == JET_errCallbackFailed, "JetEnumerateColumns, all: %ld\n", err);
    err = JetEnumerateColumns(sesid, t, 1, &req, &c, &rg, enum_realloc, NULL, 0, 0);
    ok(err == JET_errCallbackFailed, "JetEnumerateColumns, the column: %ld\n", err);
    for (i = 0; i < 2; i++) {
        seek(t, 1);
        c = 99;
        rg = NULL;
        err = JetEnumerateColumns(sesid, t, 0, NULL, &c, &rg, enum_realloc, NULL, 0, rggrbit[i]);
        ok(err == JET_errSuccess && c == 1 && rg && rg[0].columnid == colidKey, "%#lx, all: %ld %lu\n", rggrbit[i], err, c);
        if (err == JET_errSuccess) enum_free(rg, c);
        c = 99;
        rg = NULL;
        err = JetEnumerateColumns(sesid, t, 1, &req, &c, &rg, enum_realloc, NULL, 0, rggrbit[i]);
        ok(err == JET_errSuccess && c == 1 && rg && rg[0].columnid == colid
           && rg[0].err == (i == 1 ? JET_wrnColumnDefault : JET_wrnColumnNull),
           "%#lx, the column: %ld %lu %ld\n", rggrbit[i], err, c, rg ? rg[0].err : 0);
        if (err == JET_errSuccess) enum_free(rg, c);
        seek(t, 2);
        c = 99;
        rg = NULL;
        err = JetEnumerateColumns(sesid, t, 1, &req, &c, &rg, enum_realloc, NULL, 0, rggrbit[i]);
        ok(err == JET_errSuccess && c == 1 && rg && rg[0].err == JET_errSuccess && rg[0].cEnumColumnValue == 1
           && rg[0].rgEnumColumnValue[0].cbData == 3 && !memcmp(rg[0].rgEnumColumnValue[0].pvData, "own", 3),
           "%#lx, its own value: %ld %lu\n", rggrbit[i], err, c);
        if (err == JET_errSuccess) enum_free(rg, c);
    }
    ok(cCalls == cCallsBefore, "%lu calls\n", cCalls - cCallsBefore);
}

START_TEST(udd)
{
    char szCallback[MAX_PATH + 32], szFail[MAX_PATH + 32], sz[64];
    JET_COLUMNID colid, colidFail, colidBad;
    JET_COLUMNDEF def;
    JET_TABLEID t;
    unsigned long cb;
    JET_ERR err;

    module_callback(szCallback, sizeof szCallback, "udd_wine_copy");
    module_callback(szFail, sizeof szFail, "udd_wine_fail");

    /* persisted callbacks on */
    start("udd", TRUE);
    t = make_table();
    err = add_udd(t, "Bad", "no-such-module-xyz.dll!f", NULL, &colidBad);
    ok(err == JET_errCallbackNotResolved, "a missing module: %ld\n", err);
    {
        char szNoFn[MAX_PATH + 32];
        module_callback(szNoFn, sizeof szNoFn, "no_such_export");
        err = add_udd(t, "Bad", szNoFn, NULL, &colidBad);
        ok(err == JET_errCallbackNotResolved, "a missing export: %ld\n", err);
    }
    err = add_udd(t, "Bad", "no-separator", NULL, &colidBad);
    ok(err == JET_errInvalidParameter, "no '!': %ld\n", err);
    err = add_udd(t, "Computed", szCallback, "hi", &colid);
    ok(err == JET_errSuccess, "JetAddColumn: %ld\n", err);
    err = add_udd(t, "Failing", szFail, NULL, &colidFail);
    ok(err == JET_errSuccess, "JetAddColumn: %ld\n", err);
    memset(&def, 0xcc, sizeof def);
    err = JetGetTableColumnInfoA(sesid, t, "Computed", &def, sizeof def, JET_ColInfo);
    ok(err == JET_errSuccess && (def.grbit & JET_bitColumnUserDefinedDefault) && (def.grbit & JET_bitColumnTagged),
       "column info: %ld %#lx\n", err, def.grbit);

    /* a record without the value: the callback's, which reads the record's key */
    seek(t, 2);
    cCalls = 0;
    memset(&last, 0, sizeof last);
    memset(sz, 0, sizeof sz);
    cb = 0;
    err = JetRetrieveColumn(sesid, t, colid, sz, sizeof sz, &cb, 0, NULL);
    ok(err == JET_errSuccess && cb == 4 && !strcmp(sz, "hi:2"), "the default: %ld %lu %s\n", err, cb, sz);
    ok(cCalls == 1, "%lu calls\n", cCalls);
    ok(last.sesid == sesid && last.dbid == dbid && last.tableid == t, "the callback's handles\n");
    ok(last.cbtyp == JET_cbtypUserDefinedDefaultValue, "cbtyp %#lx\n", last.cbtyp);
    ok(last.cbIn == sizeof sz, "the buffer's size %lu\n", last.cbIn);
    ok(last.ulUnused == colid, "the columnid %#lx\n", (unsigned long)last.ulUnused);
    ok(last.errRetrieve == JET_errSuccess && last.id == 2, "JetRetrieveColumn in the callback: %ld %ld\n",
       last.errRetrieve, last.id);
    /* short buffer */
    memset(sz, 0, sizeof sz);
    err = JetRetrieveColumn(sesid, t, colid, sz, 2, &cb, 0, NULL);
    ok(err == JET_wrnBufferTruncated && cb == 4 && !memcmp(sz, "hi", 2), "short: %ld %lu\n", err, cb);
    /* JET_bitRetrieveIgnoreDefault: no callback */
    cCalls = 0;
    err = JetRetrieveColumn(sesid, t, colid, sz, sizeof sz, &cb, JET_bitRetrieveIgnoreDefault, NULL);
    ok(err == JET_wrnColumnNull && cCalls == 0, "JET_bitRetrieveIgnoreDefault: %ld, %lu calls\n", err, cCalls);
    /* the callback's error */
    err = JetRetrieveColumn(sesid, t, colidFail, sz, sizeof sz, &cb, 0, NULL);
    ok(err == JET_errDiskIO && cCalls == 1, "the failing callback: %ld, %lu calls\n", err, cCalls);
    /* a value of its own: no callback */
    err = JetPrepareUpdate(sesid, t, JET_prepReplace);
    ok(err == JET_errSuccess, "JetPrepareUpdate: %ld\n", err);
    JetSetColumn(sesid, t, colid, "own", 3, 0, NULL);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    cCalls = 0;
    memset(sz, 0, sizeof sz);
    err = JetRetrieveColumn(sesid, t, colid, sz, sizeof sz, &cb, 0, NULL);
    ok(err == JET_errSuccess && !strcmp(sz, "own") && cCalls == 0, "own value: %ld %s, %lu calls\n", err, sz, cCalls);
    check_enumerate(t, colid);
    JetCloseTable(sesid, t);
    test_db_stop(inst, sesid, dir, dbpath, dbid);

    /* persisted callbacks off: not resolved at creation, JET_errCallbackFailed on reading */
    start("udd_off", FALSE);
    t = make_table();
    err = add_udd(t, "Bad", "no-such-module-xyz.dll!f", NULL, &colidBad);
    ok(err == JET_errSuccess, "a missing module with callbacks off: %ld\n", err);
    err = add_udd(t, "Computed", szCallback, "hi", &colid);
    ok(err == JET_errSuccess, "JetAddColumn: %ld\n", err);
    seek(t, 1);
    cCalls = 0;
    err = JetRetrieveColumn(sesid, t, colid, sz, sizeof sz, &cb, 0, NULL);
    ok(err == JET_errCallbackFailed && cCalls == 0, "callbacks off: %ld, %lu calls\n", err, cCalls);
    err = JetRetrieveColumn(sesid, t, colidBad, sz, sizeof sz, &cb, 0, NULL);
    ok(err == JET_errCallbackFailed, "callbacks off, the missing module: %ld\n", err);
    JetCloseTable(sesid, t);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

/* ESE resolves a table's callbacks when it loads the table's definition (ErrCATIInitFIELD), and
 * only with JET_paramEnablePersistedCallbacks on: a table whose user-defined default names a
 * module that is not there then fails JetOpenTable with JET_errCallbackNotResolved (made with
 * the parameter off, where nothing is looked for, it opens). A table whose callback is found
 * opens and runs it. */
START_TEST(udd_open_table)
{
    char szCallback[MAX_PATH + 32], sz[64];
    JET_COLUMNID colid, colidBad;
    JET_TABLEID t, tGood;
    unsigned long cb;
    JET_ERR err;

    module_callback(szCallback, sizeof szCallback, "udd_wine_copy");
    start("udd_open", FALSE);
    t = make_table();
    err = add_udd(t, "Bad", "no-such-module-xyz.dll!f", NULL, &colidBad);
    ok(err == JET_errSuccess, "a missing module with callbacks off: %ld\n", err);
    err = add_udd(t, "Computed", szCallback, "hi", &colid);
    ok(err == JET_errSuccess, "JetAddColumn: %ld\n", err);
    JetCloseTable(sesid, t);
    err = JetOpenTableA(sesid, dbid, "T", NULL, 0, 0, &t);
    ok(err == JET_errSuccess, "JetOpenTable with callbacks off: %ld\n", err);
    if (err == JET_errSuccess) JetCloseTable(sesid, t);
    /* a second table with only the callback that exists */
    {
        JET_COLUMNCREATE_A rgc[1];
        JET_COLUMNID colidU;
        long k = 1;
        memset(rgc, 0, sizeof rgc);
        rgc[0].szColumnName = (char *)"K";
        rgc[0].coltyp = JET_coltypLong;
        tGood = test_create_table(sesid, dbid, "U", rgc, 1, &colidU);
        err = add_udd(tGood, "Computed", szCallback, "hi", &colid);
        ok(err == JET_errSuccess, "JetAddColumn: %ld\n", err);
        JetPrepareUpdate(sesid, tGood, JET_prepInsert);
        JetSetColumn(sesid, tGood, colidU, &k, sizeof k, 0, NULL);
        err = JetUpdate(sesid, tGood, NULL, 0, NULL);
        ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
        JetCloseTable(sesid, tGood);
        colidKey = colidU;
    }
    err = JetCloseDatabase(sesid, dbid, 0);
    ok(err == JET_errSuccess, "JetCloseDatabase: %ld\n", err);
    err = JetDetachDatabaseA(sesid, dbpath);
    ok(err == JET_errSuccess, "JetDetachDatabase: %ld\n", err);
    JetEndSession(sesid, 0);
    err = JetTerm2(inst, JET_bitTermComplete);
    ok(err == JET_errSuccess, "JetTerm2: %ld\n", err);

    /* the same database in an instance with persisted callbacks on */
    start_instance("udd_open_on", TRUE);
    err = JetAttachDatabaseA(sesid, dbpath, 0);
    ok(err == JET_errSuccess, "JetAttachDatabase: %ld\n", err);
    err = JetOpenDatabaseA(sesid, dbpath, NULL, &dbid, 0);
    ok(err == JET_errSuccess, "JetOpenDatabase: %ld\n", err);
    t = JET_tableidNil;
    err = JetOpenTableA(sesid, dbid, "T", NULL, 0, 0, &t);
    ok(err == JET_errCallbackNotResolved, "JetOpenTable, a callback not found: %ld\n", err);
    if (err == JET_errSuccess) JetCloseTable(sesid, t);
    err = JetOpenTableA(sesid, dbid, "U", NULL, 0, 0, &tGood);
    ok(err == JET_errSuccess, "JetOpenTable, the callback found: %ld\n", err);
    if (err == JET_errSuccess) {
        seek(tGood, 1);
        memset(sz, 0, sizeof sz);
        cCalls = 0;
        err = JetRetrieveColumn(sesid, tGood, colid, sz, sizeof sz, &cb, 0, NULL);
        ok(err == JET_errSuccess && !strcmp(sz, "hi:1") && cCalls == 1, "the default: %ld %s, %lu calls\n", err, sz, cCalls);
        JetCloseTable(sesid, tGood);
    }
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}

/* An index over a user-defined-default column: ESE builds its keys with the callback's value
 * (ErrRECIRetrieveKey calls ErrRECCallback with JET_cbtypUserDefinedDefaultValue for a segment
 * whose column has no value; the index build and JetUpdate both go through it, and a replace
 * always updates such an index: FRECIHasUserDefinedColumns). We build them with the column
 * NULL: not done yet. */
START_TEST(udd_index)
{
    char szConst[MAX_PATH + 32];
    static const char szKey[] = "+Computed\0";
    JET_COLUMNID colid;
    JET_TABLEID t;
    unsigned long c;
    long k = 3;
    JET_ERR err;

    module_callback(szConst, sizeof szConst, "udd_wine_const");
    start("udd_index", TRUE);
    t = make_table();
    err = add_udd(t, "Computed", szConst, "hi", &colid);
    ok(err == JET_errSuccess, "JetAddColumn: %ld\n", err);
    err = JetCreateIndexA(sesid, t, "byComputed", 0, szKey, sizeof szKey, 100);
    ok(err == JET_errSuccess, "JetCreateIndex: %ld\n", err);
    /* one record more, made with the index there */
    JetPrepareUpdate(sesid, t, JET_prepInsert);
    JetSetColumn(sesid, t, colidKey, &k, sizeof k, 0, NULL);
    err = JetUpdate(sesid, t, NULL, 0, NULL);
    ok(err == JET_errSuccess, "JetUpdate: %ld\n", err);
    err = JetSetCurrentIndexA(sesid, t, "byComputed");
    ok(err == JET_errSuccess, "JetSetCurrentIndex: %ld\n", err);
    err = JetMakeKey(sesid, t, "hi", 2, JET_bitNewKey);
    ok(err == JET_errSuccess, "JetMakeKey: %ld\n", err);
    err = JetSeek(sesid, t, JET_bitSeekEQ | JET_bitSetIndexRange);
    todo_wine ok(err == JET_errSuccess, "JetSeek on the callback's value: %ld\n", err);
    c = 0;
    if (err == JET_errSuccess) {
        err = JetIndexRecordCount(sesid, t, &c, 0);
        ok(err == JET_errSuccess && c == 3, "records under the callback's value: %ld %lu\n", err, c);
    }
    JetCloseTable(sesid, t);
    test_db_stop(inst, sesid, dir, dbpath, dbid);
}
