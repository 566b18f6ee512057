/* SPDX-License-Identifier: MIT
 * tests/integration/test_interop_write.c: a database made through the exported API with every
 * column type (fixed, variable, tagged), every index kind, long values (intrinsic and separated),
 * multi-valued and compressed columns, for the interoperability test (test_interop_write.sh):
 * other readers must read back what we wrote.
 *
 *   test_interop_write <folder> <page size> <rows>
 * writes <folder>/rows.edb and, on stdout, table Every as esedbexport prints it (a header line of
 * column names, one line per row, tab-separated; "?" where esedbexport cannot print the value:
 * IEEESingle, which libesedb 20230824 prints as 0.000000 for Windows' databases too (basic.edb);
 * compressed long values, and multi-values stored in ESE's two-value form (header 0x10) or of a
 * fixed-size type, for which it prints nothing: those are not checked by this test; "~" before
 * a separated long value: esedbexport prints it equal, or nothing where libesedb 20181229 cannot
 * find it (its page keys are read right only for a node whose key is all page prefix, so of
 * Windows' own LV trees it reads the values that start a page, text.edb's LongASCII but not its
 * LongUnicode; test_interop_write.sh requires at least one to be read), on stderr
 * table Unsigned64 (Id, value: libesedb does not know coltyp 18; impacket reads it).
 * Then it reads every value of every row back through our own JetRetrieveColumn, from the file
 * after JetTerm (read_back: what esedbexport cannot show is checked there); exit 1 if one differs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

#include "esent.h"

static int fail(const char *what, JET_ERR err, int line)
{
    fprintf(stderr, "test_interop_write:%d: %s failed: %ld\n", line, what, (long)err);
    return 1;
}
#define MUST(expr) do { JET_ERR e_ = (expr); if (e_ < 0) return fail(#expr, e_, __LINE__); } while (0)

enum {
    C_ID, C_BIT, C_UBYTE, C_SHORT, C_USHORT, C_LONG, C_ULONG, C_LONGLONG, C_CURRENCY, C_SINGLE, C_DOUBLE,
    C_DATETIME, C_GUID, C_TEXT, C_UTEXT, C_BINARY, C_LTEXT, C_LUTEXTC, C_LBIN, C_LBINC, C_MVTEXT, C_MVLONG,
    C_ULONGLONG,        /* last: libesedb 20230824 does not know coltyp 18 and refuses a table that has one */
    CCOL
};
static const struct { const char *sz; JET_COLTYP coltyp; JET_GRBIT grbit; unsigned long cp; } g_col[CCOL] = {
    { "Id", JET_coltypLong, JET_bitColumnAutoincrement, 0 },
    { "Bit", JET_coltypBit, 0, 0 },
    { "UnsignedByte", JET_coltypUnsignedByte, 0, 0 },
    { "Short", JET_coltypShort, 0, 0 },
    { "UnsignedShort", JET_coltypUnsignedShort, 0, 0 },
    { "Long", JET_coltypLong, 0, 0 },
    { "UnsignedLong", JET_coltypUnsignedLong, 0, 0 },
    { "LongLong", JET_coltypLongLong, 0, 0 },
    { "Currency", JET_coltypCurrency, 0, 0 },
    { "IEEESingle", JET_coltypIEEESingle, 0, 0 },
    { "IEEEDouble", JET_coltypIEEEDouble, 0, 0 },
    { "DateTime", JET_coltypDateTime, 0, 0 },
    { "GUID", JET_coltypGUID, 0, 0 },
    { "Text", JET_coltypText, 0, 1252 },
    { "UnicodeText", JET_coltypText, 0, 1200 },
    { "Binary", JET_coltypBinary, 0, 0 },
    { "LongText", JET_coltypLongText, 0, 1252 },
    { "LongUnicodeCompressed", JET_coltypLongText, JET_bitColumnCompressed, 1200 },
    { "LongBinary", JET_coltypLongBinary, 0, 0 },
    { "LongBinaryCompressed", JET_coltypLongBinary, JET_bitColumnCompressed, 0 },
    { "MultiText", JET_coltypText, JET_bitColumnTagged | JET_bitColumnMultiValued, 1252 },
    { "MultiLong", JET_coltypLong, JET_bitColumnTagged | JET_bitColumnMultiValued, 0 },
    { "UnsignedLongLong", JET_coltypUnsignedLongLong, 0, 0 },
};

static JET_COLUMNID g_colid[CCOL];

static void key(char *sz, unsigned long *pcb, const char *szSpec)
{
    size_t n = strlen(szSpec);
    memcpy(sz, szSpec, n + 1);
    for (size_t i = 0; i < n; i++)
        if (sz[i] == '|') sz[i] = 0;
    sz[n + 1] = 0;
    *pcb = (unsigned long)n + 2;
}

static uint32_t rnd(uint32_t *ps)
{
    *ps = *ps * 1103515245u + 12345u;
    return *ps >> 8;
}

static void print_hex(const unsigned char *pb, size_t cb)
{
    for (size_t i = 0; i < cb; i++)
        printf("%02x", pb[i]);
}

static unsigned char g_rgbBig[200000];

static void init_big(void)
{
    uint32_t seed = 12345;
    for (size_t i = 0; i < sizeof g_rgbBig; i++)
        g_rgbBig[i] = (unsigned char)rnd(&seed);
}

/* Row r's values (what the writer sets and the reader expects). */
struct rowv {
    unsigned char bit, ub;
    short sh;
    unsigned short us;
    int32_t l;
    uint32_t ul;
    int64_t ll, cur;
    uint64_t ull;
    float fl;
    double dbl, dt;
    unsigned char guid[16], rgbBin[8];
    char szText[64], szLText[3000], szU[40];
    uint16_t wszU[40], wszLong[1500];
    int cchU;
    size_t cbLText, cbLBin, cbComp;
    const unsigned char *pbLBin;
    unsigned char rgbComp[20000];
    unsigned long cmv;
};

static void row_values(unsigned long r, struct rowv *v)
{
    v->bit = r & 1;
    v->ub = (unsigned char)(r * 7);
    v->sh = (short)(r * 131 - 5000);
    v->us = (unsigned short)(r * 257);
    v->l = (int32_t)(r * 100003u) - 1000000;
    v->ul = r * 2654435761u;
    v->ll = (int64_t)r * -12345678901LL;
    v->ull = (uint64_t)r * 0x9E3779B97F4A7C15ull;
    v->cur = (int64_t)r * 10000 + 1234;
    v->fl = (float)r * 0.5f;
    v->dbl = (double)r * 1.25 - 3.0;
    v->dt = 40000.0 + (double)r;
    for (int i = 0; i < 16; i++)
        v->guid[i] = (unsigned char)(r * 16 + (unsigned long)i);
    snprintf(v->szText, sizeof v->szText, "text %05lu", r);
    int cchL = snprintf(v->szLText, sizeof v->szLText, "long text %lu ", r);
    v->cbLText = (size_t)cchL + (r % 3 == 0 ? 2000 : 10);
    for (size_t i = (size_t)cchL; i < v->cbLText; i++)
        v->szLText[i] = (char)('a' + i % 26);
    v->cchU = snprintf(v->szU, sizeof v->szU, "Unicode %lu", r % 50);
    for (int i = 0; i < v->cchU; i++)
        v->wszU[i] = (uint16_t)(unsigned char)v->szU[i];
    for (int i = 0; i < 1500; i++)
        v->wszLong[i] = (uint16_t)('A' + (i + (int)r) % 20);
    v->cbLBin = r % 4 == 0 ? 50000 + r : 100 + r;
    v->pbLBin = g_rgbBig + r;
    for (int i = 0; i < 8; i++)
        v->rgbBin[i] = (unsigned char)(r + (unsigned long)i * 3);
    memset(v->rgbComp, (int)(r & 0xff), sizeof v->rgbComp);
    v->cbComp = r % 2 ? sizeof v->rgbComp : 300;
    v->cmv = r % 4;
}

/* One column of the current row against the expected bytes (pv NULL: expected NULL); itag 0
 * reads the first value. */
static int expect_col(JET_SESID sesid, JET_TABLEID t, unsigned long r, int col, unsigned long itag, const void *pv,
        size_t cb)
{
    static unsigned char buf[120000];
    ESENT_ULONG cbActual = 0;
    JET_RETINFO ri = { sizeof ri, 0, itag ? itag : 1, 0 };
    JET_ERR err = JetRetrieveColumn(sesid, t, g_colid[col], buf, sizeof buf, &cbActual, 0, &ri);
    if (!pv) {
        if (err == JET_wrnColumnNull) return 0;
        fprintf(stderr, "read back: row %lu %s value %lu: %ld, %lu bytes, want NULL\n", r + 1, g_col[col].sz, itag,
                (long)err, (unsigned long)cbActual);
        return 1;
    }
    if (err != JET_errSuccess || cbActual != cb || memcmp(buf, pv, cb) != 0) {
        fprintf(stderr, "read back: row %lu %s value %lu: %ld, %lu bytes, want %zu\n", r + 1, g_col[col].sz, itag,
                (long)err, (unsigned long)cbActual, cb);
        return 1;
    }
    return 0;
}

/* The database read back through our own JetRetrieveColumn, from the file after JetTerm: every
 * value of every row, the ones esedbexport cannot show (IEEESingle, UnsignedLongLong, separated
 * and compressed long values, fixed-size multi-values) included. */
static int read_back(const char *dir, const char *db, unsigned long crow)
{
    JET_INSTANCE inst = 0;
    JET_SESID sesid = 0;
    JET_DBID dbid = 0;
    JET_TABLEID t = 0, tU = 0;
    int bad = 0;
    MUST(JetCreateInstanceA(&inst, "interop_read_back"));
    MUST(JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, dir));
    MUST(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, dir));
    MUST(JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, dir));
    MUST(JetInit(&inst));
    MUST(JetBeginSessionA(inst, &sesid, "", ""));
    MUST(JetAttachDatabaseA(sesid, db, JET_bitDbReadOnly));
    MUST(JetOpenDatabaseA(sesid, db, NULL, &dbid, JET_bitDbReadOnly));
    MUST(JetOpenTableA(sesid, dbid, "Every", NULL, 0, JET_bitTableReadOnly, &t));
    MUST(JetOpenTableA(sesid, dbid, "Unsigned64", NULL, 0, JET_bitTableReadOnly, &tU));
    static struct rowv v;
    unsigned long r = 0;
    JET_ERR err;
    for (err = JetMove(sesid, t, JET_MoveFirst, 0); err == JET_errSuccess && bad < 20;
            err = JetMove(sesid, t, JET_MoveNext, 0), r++) {
        row_values(r, &v);
        const int32_t id = (int32_t)r + 1;
        bad += expect_col(sesid, t, r, C_ID, 0, &id, 4);
        const unsigned char bit = v.bit ? 0xff : 0;     /* ESE stores a true Bit as 0xFF */
        bad += expect_col(sesid, t, r, C_BIT, 0, &bit, 1);
        bad += expect_col(sesid, t, r, C_UBYTE, 0, &v.ub, 1);
        bad += expect_col(sesid, t, r, C_SHORT, 0, &v.sh, 2);
        bad += expect_col(sesid, t, r, C_USHORT, 0, &v.us, 2);
        bad += expect_col(sesid, t, r, C_LONG, 0, &v.l, 4);
        bad += expect_col(sesid, t, r, C_ULONG, 0, &v.ul, 4);
        bad += expect_col(sesid, t, r, C_LONGLONG, 0, &v.ll, 8);
        bad += expect_col(sesid, t, r, C_CURRENCY, 0, &v.cur, 8);
        bad += expect_col(sesid, t, r, C_SINGLE, 0, &v.fl, 4);
        bad += expect_col(sesid, t, r, C_DOUBLE, 0, &v.dbl, 8);
        bad += expect_col(sesid, t, r, C_DATETIME, 0, &v.dt, 8);
        bad += expect_col(sesid, t, r, C_GUID, 0, v.guid, 16);
        bad += expect_col(sesid, t, r, C_TEXT, 0, r % 5 != 4 ? v.szText : NULL, strlen(v.szText));
        bad += expect_col(sesid, t, r, C_UTEXT, 0, v.wszU, (size_t)v.cchU * 2);
        bad += expect_col(sesid, t, r, C_BINARY, 0, r % 2 == 0 ? v.rgbBin : NULL, 8);
        bad += expect_col(sesid, t, r, C_LTEXT, 0, v.szLText, v.cbLText);
        bad += expect_col(sesid, t, r, C_LUTEXTC, 0, v.wszLong, sizeof v.wszLong);
        bad += expect_col(sesid, t, r, C_LBIN, 0, v.pbLBin, v.cbLBin);
        bad += expect_col(sesid, t, r, C_LBINC, 0, v.rgbComp, v.cbComp);
        for (unsigned long i = 0; i < v.cmv; i++) {
            char sz[64];
            snprintf(sz, sizeof sz, "mv %lu.%lu", r, i);
            const int32_t mv = (int32_t)(r * 10 + i);
            bad += expect_col(sesid, t, r, C_MVTEXT, i + 1, sz, strlen(sz));
            bad += expect_col(sesid, t, r, C_MVLONG, i + 1, &mv, 4);
        }
        bad += expect_col(sesid, t, r, C_MVTEXT, v.cmv + 1, NULL, 0);
        bad += expect_col(sesid, t, r, C_MVLONG, v.cmv + 1, NULL, 0);
    }
    if (err != JET_errNoCurrentRecord && bad < 20) {
        fprintf(stderr, "read back: JetMove: %ld\n", (long)err);
        bad++;
    }
    if (r != crow && bad < 20) {
        fprintf(stderr, "read back: %lu rows of Every, want %lu\n", r, crow);
        bad++;
    }
    r = 0;
    for (err = JetMove(sesid, tU, JET_MoveFirst, 0); err == JET_errSuccess && bad < 20;
            err = JetMove(sesid, tU, JET_MoveNext, 0), r++) {
        const uint64_t ull = (uint64_t)r * 0x9E3779B97F4A7C15ull;
        bad += expect_col(sesid, tU, r, C_ULONGLONG, 0, &ull, 8);
    }
    if (r != crow && bad < 20) {
        fprintf(stderr, "read back: %lu rows of Unsigned64, want %lu\n", r, crow);
        bad++;
    }
    MUST(JetCloseTable(sesid, t));
    MUST(JetCloseTable(sesid, tU));
    MUST(JetCloseDatabase(sesid, dbid, 0));
    MUST(JetDetachDatabaseA(sesid, db));
    MUST(JetEndSession(sesid, 0));
    MUST(JetTerm2(inst, JET_bitTermComplete));
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    JET_INSTANCE inst = 0;
    JET_SESID sesid = 0;
    JET_DBID dbid = 0;
    JET_TABLEID tableid = 0;
    char dir[1024], db[1100];
    if (argc < 4) {
        fprintf(stderr, "usage: test_interop_write <folder> <page size> <rows>\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s/", argv[1]);
    snprintf(db, sizeof db, "%srows.edb", dir);
    const unsigned long cbPage = strtoul(argv[2], NULL, 10);
    const unsigned long crow = strtoul(argv[3], NULL, 10);

    MUST(JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, cbPage, NULL));
    MUST(JetCreateInstanceA(&inst, "interop_write"));
    MUST(JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, dir));
    MUST(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, dir));
    MUST(JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, dir));
    MUST(JetInit(&inst));
    MUST(JetBeginSessionA(inst, &sesid, "", ""));
    MUST(JetCreateDatabaseA(sesid, db, NULL, &dbid, JET_bitDbOverwriteExisting));

    JET_COLUMNCREATE_A rgc[CCOL];
    memset(rgc, 0, sizeof rgc);
    for (int i = 0; i < CCOL; i++) {
        rgc[i].cbStruct = sizeof rgc[i];
        rgc[i].szColumnName = (char *)g_col[i].sz;
        rgc[i].coltyp = g_col[i].coltyp;
        rgc[i].grbit = g_col[i].grbit;
        rgc[i].cp = g_col[i].cp;
    }
    char rgszKey[9][128];
    unsigned long rgcbKey[9];
    key(rgszKey[0], &rgcbKey[0], "+Id");
    key(rgszKey[1], &rgcbKey[1], "+Text");
    key(rgszKey[2], &rgcbKey[2], "+UnicodeText|-Long");
    key(rgszKey[3], &rgcbKey[3], "+MultiText");
    key(rgszKey[4], &rgcbKey[4], "+MultiText|+MultiLong");
    key(rgszKey[5], &rgcbKey[5], "-LongLong|+GUID|+DateTime");
    key(rgszKey[6], &rgcbKey[6], "+Text");
    key(rgszKey[7], &rgcbKey[7], "+Binary|+IEEEDouble|+Currency");
    key(rgszKey[8], &rgcbKey[8], "+Short|+UnsignedShort|+UnsignedByte|+Bit");
    JET_CONDITIONALCOLUMN_A cond = { sizeof cond, (char *)"Binary", JET_bitIndexColumnMustBeNonNull };
    static const struct { const char *sz; JET_GRBIT grbit; } rgidx[9] = {
        { "Primary", JET_bitIndexPrimary | JET_bitIndexDisallowNull },
        { "TextUnique", JET_bitIndexUnique | JET_bitIndexIgnoreNull },
        { "UnicodeDesc", JET_bitIndexIgnoreAnyNull },
        { "MultiValued", JET_bitIndexIgnoreFirstNull },
        { "Cross", JET_bitIndexCrossProduct | JET_bitIndexIgnoreAnyNull },
        { "Numbers", 0 },
        { "Tuples", JET_bitIndexTuples | JET_bitIndexIgnoreAnyNull },
        { "Conditional", JET_bitIndexSortNullsHigh },
        { "Small", JET_bitIndexKeyMost },
    };
    JET_INDEXCREATE3_A rgic[9];
    memset(rgic, 0, sizeof rgic);
    for (int i = 0; i < 9; i++) {
        rgic[i].cbStruct = sizeof rgic[i];
        rgic[i].szIndexName = (char *)rgidx[i].sz;
        rgic[i].szKey = rgszKey[i];
        rgic[i].cbKey = rgcbKey[i];
        rgic[i].grbit = rgidx[i].grbit;
        rgic[i].ulDensity = 90;
    }
    rgic[7].rgconditionalcolumn = &cond;
    rgic[7].cConditionalColumn = 1;
    rgic[8].cbKeyMost = 500;
    JET_TABLECREATE4_A tc;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"Every";
    tc.rgcolumncreate = rgc;
    tc.cColumns = CCOL - 1;
    tc.rgindexcreate = rgic;
    tc.cIndexes = 9;
    tc.ulDensity = 90;
    MUST(JetCreateTableColumnIndex4A(sesid, dbid, &tc));
    tableid = tc.tableid;
    for (int i = 0; i < CCOL - 1; i++)
        g_colid[i] = rgc[i].columnid;
    /* UnsignedLongLong in a table of its own, with an Id (impacket reads it; libesedb cannot). */
    JET_TABLEID tableidU;
    JET_COLUMNCREATE_A rgcU[2] = { rgc[C_ID], rgc[C_ULONGLONG] };
    JET_INDEXCREATE3_A icU = rgic[0];
    JET_TABLECREATE4_A tcU = tc;
    tcU.szTableName = (char *)"Unsigned64";
    tcU.rgcolumncreate = rgcU;
    tcU.cColumns = 2;
    tcU.rgindexcreate = &icU;
    tcU.cIndexes = 1;
    MUST(JetCreateTableColumnIndex4A(sesid, dbid, &tcU));
    tableidU = tcU.tableid;
    g_colid[C_ULONGLONG] = rgcU[1].columnid;

    /* header */
    for (int i = 0; i < CCOL - 1; i++)
        printf("%s%s", i ? "\t" : "", g_col[i].sz);
    printf("\n");

    init_big();
    MUST(JetBeginTransaction(sesid));
    for (unsigned long r = 0; r < crow; r++) {
        struct rowv rv;
        row_values(r, &rv);
        const unsigned char bit = rv.bit, ub = rv.ub;
        const short sh = rv.sh;
        const unsigned short us = rv.us;
        const int32_t l = rv.l;
        const uint32_t ul = rv.ul;
        const int64_t ll = rv.ll, cur = rv.cur;
        const uint64_t ull = rv.ull;
        const float fl = rv.fl;
        const double dbl = rv.dbl, dt = rv.dt;
        const unsigned char *guid = rv.guid, *rgbBin = rv.rgbBin, *pbLBin = rv.pbLBin, *rgbComp = rv.rgbComp;
        const char *szText = rv.szText, *szLText = rv.szLText, *szU = rv.szU;
        const uint16_t *wszU = rv.wszU, *wszLong = rv.wszLong;
        const int cchU = rv.cchU;
        const size_t cbLText = rv.cbLText, cbLBin = rv.cbLBin;
        const unsigned long cmv = rv.cmv;
        MUST(JetPrepareUpdate(sesid, tableid, JET_prepInsert));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_BIT], &bit, 1, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_UBYTE], &ub, 1, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_SHORT], &sh, 2, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_USHORT], &us, 2, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LONG], &l, 4, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_ULONG], &ul, 4, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LONGLONG], &ll, 8, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_CURRENCY], &cur, 8, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_SINGLE], &fl, 4, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_DOUBLE], &dbl, 8, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_DATETIME], &dt, 8, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_GUID], guid, 16, 0, NULL));
        if (r % 5 != 4) MUST(JetSetColumn(sesid, tableid, g_colid[C_TEXT], szText, (unsigned long)strlen(szText), 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_UTEXT], wszU, (unsigned long)cchU * 2, 0, NULL));
        if (r % 2 == 0) MUST(JetSetColumn(sesid, tableid, g_colid[C_BINARY], rgbBin, 8, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LTEXT], szLText, (unsigned long)cbLText, 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LUTEXTC], wszLong, sizeof rv.wszLong, 0, NULL));
        /* the long binary in two pieces (an append) */
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LBIN], pbLBin, (unsigned long)(cbLBin / 2), 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LBIN], pbLBin + cbLBin / 2, (unsigned long)(cbLBin - cbLBin / 2),
                          JET_bitSetAppendLV, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LBINC], rgbComp, (unsigned long)rv.cbComp, 0, NULL));
        for (unsigned long i = 0; i < cmv; i++) {
            char sz[64];
            snprintf(sz, sizeof sz, "mv %lu.%lu", r, i);
            JET_SETINFO si = { sizeof si, 0, 0 };
            MUST(JetSetColumn(sesid, tableid, g_colid[C_MVTEXT], sz, (unsigned long)strlen(sz), 0, &si));
            int32_t v = (int32_t)(r * 10 + i);
            MUST(JetSetColumn(sesid, tableid, g_colid[C_MVLONG], &v, 4, 0, &si));
        }
        MUST(JetUpdate(sesid, tableid, NULL, 0, NULL));
        MUST(JetPrepareUpdate(sesid, tableidU, JET_prepInsert));
        MUST(JetSetColumn(sesid, tableidU, g_colid[C_ULONGLONG], &ull, 8, 0, NULL));
        MUST(JetUpdate(sesid, tableidU, NULL, 0, NULL));
        fprintf(stderr, "%lu\t%" PRIu64 "\n", r + 1, ull);

        /* what esedbexport prints */
        union { double d; uint64_t u; } dtu = { dt };
        printf("%lu\t%s\t%u\t%d\t%u\t%" PRId32 "\t%" PRIu32 "\t%" PRId64 "\t%" PRId64 "\t?\t%f\t(0x%08" PRIx32
               " 0x%08" PRIx32 ")\t",
               r + 1, bit ? "true" : "false", ub, sh, us, l, ul, ll, cur, dbl, (uint32_t)(dtu.u >> 32),
               (uint32_t)dtu.u);
        print_hex(guid, 16);
        printf("\t%s\t%s\t", r % 5 != 4 ? szText : "", szU);
        if (r % 2 == 0) print_hex(rgbBin, 8);
        /* Long values: a separated one (beyond 1023 bytes) is marked "~": esedbexport prints it
         * equal or, where libesedb 20181229 cannot find its nodes, nothing (see the file
         * comment). The compressed columns and the two-value form are not printed. */
        printf("\t%s%.*s\t?\t", cbLText > 1023 ? "~" : "", (int)cbLText, szLText);
        if (cbLBin > 1023) printf("~");
        print_hex(pbLBin, cbLBin);
        printf("\t?\t");
        if (cmv == 2) {
            printf("?\t?\n");
        } else {
            for (unsigned long i = 0; i < cmv; i++)
                printf("%smv %lu.%lu", i ? "; " : "", r, i);
            /* several values of a fixed-size type: nothing either (Long of Windows' multi.edb) */
            if (cmv > 1) printf("\t?\n");
            else if (cmv == 1) printf("\t%lu\n", r * 10);
            else printf("\t\n");
        }
        if (r % 100 == 99) {
            MUST(JetCommitTransaction(sesid, 0));
            MUST(JetBeginTransaction(sesid));
        }
    }
    MUST(JetCommitTransaction(sesid, 0));
    MUST(JetCloseTable(sesid, tableid));
    MUST(JetCloseTable(sesid, tableidU));
    MUST(JetCloseDatabase(sesid, dbid, 0));
    MUST(JetDetachDatabaseA(sesid, db));
    MUST(JetEndSession(sesid, 0));
    MUST(JetTerm2(inst, JET_bitTermComplete));
    return read_back(dir, db, crow);
}
