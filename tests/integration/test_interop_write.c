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
 * separated long values and compressed long values, and multi-values stored in ESE's two-value
 * form (header 0x10) or of a fixed-size type, for which it prints nothing: those are not checked by this test), on stderr
 * table Unsigned64 (Id, value: libesedb does not know coltyp 18; impacket reads it). */
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

    uint32_t seed = 12345;
    static unsigned char rgbBig[200000];
    for (size_t i = 0; i < sizeof rgbBig; i++)
        rgbBig[i] = (unsigned char)rnd(&seed);
    MUST(JetBeginTransaction(sesid));
    for (unsigned long r = 0; r < crow; r++) {
        const unsigned char bit = r & 1;
        const unsigned char ub = (unsigned char)(r * 7);
        const short sh = (short)(r * 131 - 5000);
        const unsigned short us = (unsigned short)(r * 257);
        const int32_t l = (int32_t)(r * 100003u) - 1000000;
        const uint32_t ul = r * 2654435761u;
        const int64_t ll = (int64_t)r * -12345678901LL;
        const uint64_t ull = (uint64_t)r * 0x9E3779B97F4A7C15ull;
        const int64_t cur = (int64_t)r * 10000 + 1234;
        const float fl = (float)r * 0.5f;
        const double dbl = (double)r * 1.25 - 3.0;
        const double dt = 40000.0 + (double)r;
        unsigned char guid[16];
        for (int i = 0; i < 16; i++)
            guid[i] = (unsigned char)(r * 16 + (unsigned long)i);
        char szText[64], szLText[3000];
        snprintf(szText, sizeof szText, "text %05lu", r);
        int cchL = snprintf(szLText, sizeof szLText, "long text %lu ", r);
        size_t cbLText = (size_t)cchL + (r % 3 == 0 ? 2000 : 10);
        for (size_t i = (size_t)cchL; i < cbLText; i++)
            szLText[i] = (char)('a' + i % 26);
        uint16_t wszU[40];
        char szU[40];
        int cchU = snprintf(szU, sizeof szU, "Unicode %lu", r % 50);
        for (int i = 0; i < cchU; i++)
            wszU[i] = (uint16_t)(unsigned char)szU[i];
        uint16_t wszLong[1500];
        for (int i = 0; i < 1500; i++)
            wszLong[i] = (uint16_t)('A' + (i + (int)r) % 20);
        const size_t cbLBin = r % 4 == 0 ? 50000 + r : 100 + r;
        const unsigned char *pbLBin = rgbBig + r;
        unsigned char rgbBin[8];
        for (int i = 0; i < 8; i++)
            rgbBin[i] = (unsigned char)(r + (unsigned long)i * 3);
        static unsigned char rgbComp[20000];
        memset(rgbComp, (int)(r & 0xff), sizeof rgbComp);

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
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LUTEXTC], wszLong, sizeof wszLong, 0, NULL));
        /* the long binary in two pieces (an append) */
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LBIN], pbLBin, (unsigned long)(cbLBin / 2), 0, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LBIN], pbLBin + cbLBin / 2, (unsigned long)(cbLBin - cbLBin / 2),
                          JET_bitSetAppendLV, NULL));
        MUST(JetSetColumn(sesid, tableid, g_colid[C_LBINC], rgbComp, r % 2 ? sizeof rgbComp : 300, 0, NULL));
        const unsigned long cmv = r % 4;
        for (unsigned long i = 0; i < cmv; i++) {
            char sz[32];
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
        /* separated long values (beyond 1023 bytes) and the two-value form: libesedb prints
         * nothing for them (see the file comment) */
        if (cbLText > 1023) printf("\t?\t");
        else printf("\t%.*s\t", (int)cbLText, szLText);
        printf("?\t?\t?\t");
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
    return 0;
}
