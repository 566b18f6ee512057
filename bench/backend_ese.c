/* SPDX-License-Identifier: MIT
 * bench/backend_ese.c: the workloads through the ESE API (our esent.dll / libesent.so, or any
 * esent.dll): one instance and database per table, columns id (Long, primary index), grp (Long,
 * secondary index) and payload (Binary), durable commits (JetCommitTransaction with no grbit).
 * Built on Linux with libesent.so and with MinGW for the same run under Wine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esent.h"
#include "bench.h"

struct ese {
    JET_INSTANCE inst;
    JET_SESID sesid;
    JET_DBID dbid;
    JET_TABLEID tableid;
    JET_COLUMNID colId, colGrp, colPayload;
    int fOnGrp;     /* current index is the secondary one */
};

static int fail(const char *what, JET_ERR err)
{
    fprintf(stderr, "ese: %s: %ld\n", what, (long)err);
    return -1;
}

#define TRY(what, expr) do { JET_ERR e_ = (expr); if (e_ < 0) return fail(what, e_); } while (0)

static int ese_open(void **pctx, const char *dir, const char *table, char *why, size_t cbWhy)
{
    static int s_cInstance;
    char path[1100], name[64];
    JET_ERR err;
    struct ese *e = calloc(1, sizeof *e);
    if (!e) return -1;
    snprintf(path, sizeof path, "%s/", dir);
    snprintf(name, sizeof name, "bench%d", ++s_cInstance);
    JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 8192, NULL);
    JetEnableMultiInstanceA(NULL, 0, NULL);
    TRY("JetCreateInstance", JetCreateInstanceA(&e->inst, name));
    TRY("JET_paramCreatePathIfNotExist", JetSetSystemParameterA(&e->inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    TRY("JET_paramLogFilePath", JetSetSystemParameterA(&e->inst, 0, JET_paramLogFilePath, 0, path));
    TRY("JET_paramSystemPath", JetSetSystemParameterA(&e->inst, 0, JET_paramSystemPath, 0, path));
    TRY("JET_paramTempPath", JetSetSystemParameterA(&e->inst, 0, JET_paramTempPath, 0, path));
    TRY("JET_paramCircularLog", JetSetSystemParameterA(&e->inst, 0, JET_paramCircularLog, 1, NULL));
    TRY("JET_paramCacheSizeMax", JetSetSystemParameterA(&e->inst, 0, JET_paramCacheSizeMax, 32768, NULL));
    TRY("JetInit", JetInit(&e->inst));
    TRY("JetBeginSession", JetBeginSessionA(e->inst, &e->sesid, NULL, NULL));
    snprintf(path, sizeof path, "%s/%s.edb", dir, table);
    TRY("JetCreateDatabase", JetCreateDatabaseA(e->sesid, path, NULL, &e->dbid, JET_bitDbOverwriteExisting));

    JET_COLUMNCREATE_A cols[3] = {
        { sizeof(JET_COLUMNCREATE_A), (char *)"id", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"grp", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), (char *)"payload", JET_coltypBinary, BENCH_CB_PAYLOAD, 0, NULL, 0, 0, 0, 0 },
    };
    static char szKeyId[] = "+id\0", szKeyGrp[] = "+grp\0";
    JET_INDEXCREATE_A idx[2];
    memset(idx, 0, sizeof idx);
    idx[0].cbStruct = sizeof idx[0];
    idx[0].szIndexName = (char *)"primary";
    idx[0].szKey = szKeyId;
    idx[0].cbKey = sizeof szKeyId;
    idx[0].grbit = JET_bitIndexPrimary | JET_bitIndexUnique | JET_bitIndexDisallowNull;
    idx[0].ulDensity = 100;
    idx[1].cbStruct = sizeof idx[1];
    idx[1].szIndexName = (char *)"grp";
    idx[1].szKey = szKeyGrp;
    idx[1].cbKey = sizeof szKeyGrp;
    idx[1].ulDensity = 100;
    JET_TABLECREATE_A tc;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"bench";
    tc.ulPages = 16;
    tc.ulDensity = 100;
    tc.rgcolumncreate = cols;
    tc.cColumns = 3;
    tc.rgindexcreate = idx;
    tc.cIndexes = 2;
    err = JetCreateTableColumnIndexA(e->sesid, e->dbid, &tc);
    if (err == JET_errFeatureNotAvailable) {
        snprintf(why, cbWhy, "JetCreateTableColumnIndex is not implemented yet (%ld)", (long)err);
        JetEndSession(e->sesid, 0);
        JetTerm(e->inst);
        free(e);
        return 1;
    }
    TRY("JetCreateTableColumnIndex", err);
    e->tableid = tc.tableid;
    e->colId = cols[0].columnid;
    e->colGrp = cols[1].columnid;
    e->colPayload = cols[2].columnid;
    *pctx = e;
    return 0;
}

static int ese_begin(void *ctx)
{
    struct ese *e = ctx;
    TRY("JetBeginTransaction", JetBeginTransaction(e->sesid));
    return 0;
}

static int ese_commit(void *ctx)
{
    struct ese *e = ctx;
    TRY("JetCommitTransaction", JetCommitTransaction(e->sesid, 0));
    return 0;
}

static int ese_insert(void *ctx, uint32_t id, uint32_t grp, const uint8_t *payload)
{
    struct ese *e = ctx;
    JET_SETCOLUMN set[3];
    memset(set, 0, sizeof set);
    set[0].columnid = e->colId;
    set[0].pvData = &id;
    set[0].cbData = 4;
    set[1].columnid = e->colGrp;
    set[1].pvData = &grp;
    set[1].cbData = 4;
    set[2].columnid = e->colPayload;
    set[2].pvData = payload;
    set[2].cbData = BENCH_CB_PAYLOAD;
    TRY("JetPrepareUpdate", JetPrepareUpdate(e->sesid, e->tableid, JET_prepInsert));
    TRY("JetSetColumns", JetSetColumns(e->sesid, e->tableid, set, 3));
    TRY("JetUpdate", JetUpdate(e->sesid, e->tableid, NULL, 0, NULL));
    return 0;
}

static int use_index(struct ese *e, int fGrp)
{
    if (e->fOnGrp == fGrp) return 0;
    TRY("JetSetCurrentIndex", JetSetCurrentIndexA(e->sesid, e->tableid, fGrp ? "grp" : NULL));
    e->fOnGrp = fGrp;
    return 0;
}

static int ese_seek(void *ctx, uint32_t id, uint8_t *buf)
{
    struct ese *e = ctx;
    ESENT_ULONG cb;
    if (use_index(e, 0) < 0) return -1;
    TRY("JetMakeKey", JetMakeKey(e->sesid, e->tableid, &id, 4, JET_bitNewKey));
    TRY("JetSeek", JetSeek(e->sesid, e->tableid, JET_bitSeekEQ));
    TRY("JetRetrieveColumn", JetRetrieveColumn(e->sesid, e->tableid, e->colPayload, buf, BENCH_CB_PAYLOAD, &cb, 0, NULL));
    return cb == BENCH_CB_PAYLOAD ? 0 : fail("payload size", JET_errInvalidBufferSize);
}

/* The current row's three columns to fn. */
static int emit(struct ese *e, void (*fn)(void *, uint32_t, uint32_t, const uint8_t *), void *arg)
{
    uint32_t id = 0, grp = 0;
    uint8_t payload[BENCH_CB_PAYLOAD];
    JET_RETRIEVECOLUMN rc[3];
    memset(rc, 0, sizeof rc);
    rc[0].columnid = e->colId;
    rc[0].pvData = &id;
    rc[0].cbData = 4;
    rc[0].itagSequence = 1;
    rc[1].columnid = e->colGrp;
    rc[1].pvData = &grp;
    rc[1].cbData = 4;
    rc[1].itagSequence = 1;
    rc[2].columnid = e->colPayload;
    rc[2].pvData = payload;
    rc[2].cbData = sizeof payload;
    rc[2].itagSequence = 1;
    TRY("JetRetrieveColumns", JetRetrieveColumns(e->sesid, e->tableid, rc, 3));
    fn(arg, id, grp, payload);
    return 0;
}

static int ese_scan(void *ctx, void (*fn)(void *, uint32_t, uint32_t, const uint8_t *), void *arg, uint32_t *pc)
{
    struct ese *e = ctx;
    uint32_t n = 0;
    if (use_index(e, 0) < 0) return -1;
    JET_ERR err = JetMove(e->sesid, e->tableid, JET_MoveFirst, 0);
    while (err >= 0) {
        if (emit(e, fn, arg) < 0) return -1;
        n++;
        err = JetMove(e->sesid, e->tableid, JET_MoveNext, 0);
    }
    *pc = n;
    return err == JET_errNoCurrentRecord ? 0 : fail("JetMove", err);
}

static int ese_range(void *ctx, uint32_t grp, void (*fn)(void *, uint32_t, uint32_t, const uint8_t *), void *arg, uint32_t *pc)
{
    struct ese *e = ctx;
    uint32_t n = 0;
    if (use_index(e, 1) < 0) return -1;
    TRY("JetMakeKey", JetMakeKey(e->sesid, e->tableid, &grp, 4, JET_bitNewKey));
    JET_ERR err = JetSeek(e->sesid, e->tableid, JET_bitSeekEQ | JET_bitSetIndexRange);
    while (err >= 0) {
        if (emit(e, fn, arg) < 0) return -1;
        n++;
        err = JetMove(e->sesid, e->tableid, JET_MoveNext, 0);
    }
    *pc = n;
    return err == JET_errNoCurrentRecord || err == JET_errRecordNotFound ? 0 : fail("range", err);
}

static void ese_close(void *ctx)
{
    struct ese *e = ctx;
    JetCloseTable(e->sesid, e->tableid);
    JetCloseDatabase(e->sesid, e->dbid, 0);
    JetEndSession(e->sesid, 0);
    JetTerm2(e->inst, JET_bitTermComplete);
    free(e);
}

const struct bench_backend bench_ese = {
    "ese", ese_open, ese_begin, ese_insert, ese_commit, ese_seek, ese_scan, ese_range, ese_close,
};
