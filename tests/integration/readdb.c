/* SPDX-License-Identifier: MIT
 * tests/integration/readdb.c: dump every user table of a database through the exported API, in
 * the layout of libesedb's esedbexport (one file <out>/<table> per table: a header line of column
 * names in columnid order, then one tab-separated line per record in primary-key order), for the
 * read tests that compare our reading with other readers (read_compare.py).
 *
 *   readdb <database> <page size> <out folder>
 *
 * Values are printed as esedbexport prints them: integers in decimal (Currency unsigned, as it
 * does), Bit as true/false, GUID, binary and long binary as lowercase hex, text as UTF-8 (UTF-16
 * columns converted), multi-values joined by "; ", NULL as nothing. IEEESingle, IEEEDouble and
 * DateTime print as "*" (esedbexport's formatting of them is not reproduced; the compare skips
 * them). Exit status 0 when every table was read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "esent.h"

static int fail(const char *what, JET_ERR err)
{
    fprintf(stderr, "readdb: %s failed: %ld\n", what, (long)err);
    return 1;
}

#define MUST(what, expr) do { JET_ERR e_ = (expr); if (e_ < 0) return fail(what, e_); } while (0)

struct col {
    char szName[JET_cbNameMost + 1];
    JET_COLUMNID columnid;
    JET_COLTYP coltyp;
    unsigned short cp;
};

static void put_utf8(FILE *f, uint32_t cp)
{
    if (cp < 0x80) {
        fputc((int)cp, f);
    } else if (cp < 0x800) {
        fputc(0xc0 | (int)(cp >> 6), f);
        fputc(0x80 | (int)(cp & 0x3f), f);
    } else if (cp < 0x10000) {
        fputc(0xe0 | (int)(cp >> 12), f);
        fputc(0x80 | (int)((cp >> 6) & 0x3f), f);
        fputc(0x80 | (int)(cp & 0x3f), f);
    } else {
        fputc(0xf0 | (int)(cp >> 18), f);
        fputc(0x80 | (int)((cp >> 12) & 0x3f), f);
        fputc(0x80 | (int)((cp >> 6) & 0x3f), f);
        fputc(0x80 | (int)(cp & 0x3f), f);
    }
}

/* One character of text as esedbexport writes it: backslash, tab, newline, return escaped. */
static void put_char(FILE *f, uint32_t cp)
{
    switch (cp) {
    case '\\': fputs("\\\\", f); return;
    case '\t': fputs("\\t", f); return;
    case '\n': fputs("\\n", f); return;
    case '\r': fputs("\\r", f); return;
    default: put_utf8(f, cp); return;
    }
}

static void print_value(FILE *f, const struct col *pc, const uint8_t *pb, ESENT_ULONG cb)
{
    uint64_t u = 0;
    for (ESENT_ULONG i = 0; i < cb && i < 8; i++)
        u |= (uint64_t)pb[i] << (8 * i);
    switch (pc->coltyp) {
    case JET_coltypBit:
        fputs(pb[0] ? "true" : "false", f);
        break;
    case JET_coltypUnsignedByte:
    case JET_coltypUnsignedShort:
    case JET_coltypUnsignedLong:
    case JET_coltypCurrency:
        fprintf(f, "%llu", (unsigned long long)u);
        break;
    case JET_coltypShort:
        fprintf(f, "%d", (int)(int16_t)u);
        break;
    case JET_coltypLong:
        fprintf(f, "%ld", (long)(int32_t)u);
        break;
    case JET_coltypLongLong:
        fprintf(f, "%lld", (long long)(int64_t)u);
        break;
    case JET_coltypIEEESingle:
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:
        fputc('*', f);
        break;
    case JET_coltypText:
    case JET_coltypLongText:
        if (pc->cp == 1200) {
            for (ESENT_ULONG i = 0; i + 1 < cb; i += 2) {
                uint32_t w = pb[i] | (uint32_t)pb[i + 1] << 8;
                if (w >= 0xd800 && w < 0xdc00 && i + 3 < cb) {
                    const uint32_t w2 = pb[i + 2] | (uint32_t)pb[i + 3] << 8;
                    if (w2 >= 0xdc00 && w2 < 0xe000) {
                        w = 0x10000 + ((w - 0xd800) << 10) + (w2 - 0xdc00);
                        i += 2;
                    }
                }
                if (w == 0)
                    break;
                put_char(f, w);
            }
        } else {
            for (ESENT_ULONG i = 0; i < cb && pb[i]; i++) {
                if (pb[i] < 0x80)
                    put_char(f, pb[i]);
                else
                    fputc(pb[i], f);
            }
        }
        break;
    default:
        for (ESENT_ULONG i = 0; i < cb; i++)
            fprintf(f, "%02x", pb[i]);
        break;
    }
}

static int dump_table(JET_SESID sesid, JET_DBID dbid, const char *szTable, const char *szOut)
{
    JET_TABLEID tableid;
    JET_COLUMNLIST cl;
    struct col *rgcol = NULL;
    unsigned long ccol = 0;
    static uint8_t buf[1 << 20];
    ESENT_ULONG cb;
    char path[1400];

    MUST("JetOpenTable", JetOpenTableA(sesid, dbid, szTable, NULL, 0, JET_bitTableReadOnly, &tableid));
    memset(&cl, 0, sizeof cl);
    MUST("JetGetTableColumnInfo", JetGetTableColumnInfoA(sesid, tableid, NULL, &cl, sizeof cl, JET_ColInfoListSortColumnid));
    rgcol = calloc(cl.cRecord ? cl.cRecord : 1, sizeof *rgcol);
    if (!rgcol)
        return 1;
    for (JET_ERR err = JetMove(sesid, cl.tableid, JET_MoveFirst, 0); err >= 0 && ccol < cl.cRecord;
         err = JetMove(sesid, cl.tableid, JET_MoveNext, 0)) {
        struct col *pc = &rgcol[ccol++];
        ESENT_ULONG coltyp = 0, cp = 0;
        MUST("name", JetRetrieveColumn(sesid, cl.tableid, cl.columnidcolumnname, pc->szName, JET_cbNameMost, &cb, 0, NULL));
        pc->szName[cb < JET_cbNameMost ? cb : JET_cbNameMost] = 0;
        MUST("columnid", JetRetrieveColumn(sesid, cl.tableid, cl.columnidcolumnid, &pc->columnid, 4, &cb, 0, NULL));
        MUST("coltyp", JetRetrieveColumn(sesid, cl.tableid, cl.columnidcoltyp, &coltyp, 4, &cb, 0, NULL));
        MUST("cp", JetRetrieveColumn(sesid, cl.tableid, cl.columnidCp, &cp, 2, &cb, 0, NULL));
        pc->coltyp = coltyp;
        pc->cp = (unsigned short)cp;
    }
    MUST("JetCloseTable(list)", JetCloseTable(sesid, cl.tableid));
    snprintf(path, sizeof path, "%s/%s", szOut, szTable);
    FILE *f = fopen(path, "w");
    if (!f)
        return fail("fopen", -1);
    for (unsigned long i = 0; i < ccol; i++)
        fprintf(f, "%s%s", i ? "\t" : "", rgcol[i].szName);
    fputc('\n', f);
    /* the column types, for the compare's rules (<out>/<table>.coltyp) */
    snprintf(path, sizeof path, "%s/%s.coltyp", szOut, szTable);
    FILE *ft = fopen(path, "w");
    if (ft) {
        for (unsigned long i = 0; i < ccol; i++)
            fprintf(ft, "%s%lu", i ? "\t" : "", (unsigned long)rgcol[i].coltyp);
        fputc('\n', ft);
        fclose(ft);
    }
    JET_ERR err;
    for (err = JetMove(sesid, tableid, JET_MoveFirst, 0); err >= 0; err = JetMove(sesid, tableid, JET_MoveNext, 0)) {
        for (unsigned long i = 0; i < ccol; i++) {
            if (i)
                fputc('\t', f);
            for (unsigned long itag = 1;; itag++) {
                JET_RETINFO ri = { sizeof ri, 0, itag, 0 };
                JET_ERR e = JetRetrieveColumn(sesid, tableid, rgcol[i].columnid, buf, sizeof buf, &cb, 0, &ri);
                if (e < 0) {
                    fclose(f);
                    return fail("JetRetrieveColumn", e);
                }
                if (e == JET_wrnColumnNull)
                    break;
                if (itag > 1)
                    fputs("; ", f);
                if (itag == 1) {
                    /* a value that comes from the column's default: marked '=' (libesedb leaves
                     * defaults out) */
                    JET_RETINFO ri2 = { sizeof ri2, 0, 1, 0 };
                    ESENT_ULONG cb2;
                    uint8_t b;
                    if (JetRetrieveColumn(sesid, tableid, rgcol[i].columnid, &b, 0, &cb2, JET_bitRetrieveIgnoreDefault, &ri2)
                            == JET_wrnColumnNull)
                        fputc('=', f);
                }
                print_value(f, &rgcol[i], buf, cb < sizeof buf ? cb : sizeof buf);
            }
        }
        fputc('\n', f);
    }
    fclose(f);
    free(rgcol);
    if (err != JET_errNoCurrentRecord)
        return fail("JetMove", err);
    MUST("JetCloseTable", JetCloseTable(sesid, tableid));
    return 0;
}

int main(int argc, char **argv)
{
    JET_INSTANCE inst = 0;
    JET_SESID sesid = 0;
    JET_DBID dbid = 0;
    JET_OBJECTLIST ol;
    char dir[1200];
    if (argc < 4) {
        fprintf(stderr, "usage: readdb <database> <page size> <out folder>\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s/", argv[3]);
    MUST("JetSetSystemParameter(JET_paramDatabasePageSize)",
         JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, strtoul(argv[2], NULL, 10), NULL));
    MUST("JetCreateInstance", JetCreateInstanceA(&inst, "readdb"));
    MUST("JET_paramSystemPath", JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, dir));
    MUST("JET_paramLogFilePath", JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, dir));
    MUST("JET_paramTempPath", JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, dir));
    MUST("JetInit", JetInit(&inst));
    MUST("JetBeginSession", JetBeginSessionA(inst, &sesid, "", ""));
    MUST("JetAttachDatabase", JetAttachDatabaseA(sesid, argv[1], JET_bitDbReadOnly));
    MUST("JetOpenDatabase", JetOpenDatabaseA(sesid, argv[1], NULL, &dbid, JET_bitDbReadOnly));
    memset(&ol, 0, sizeof ol);
    MUST("JetGetObjectInfo", JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol, JET_ObjInfoList));
    int rc = 0;
    for (JET_ERR err = JetMove(sesid, ol.tableid, JET_MoveFirst, 0); err >= 0; err = JetMove(sesid, ol.tableid, JET_MoveNext, 0)) {
        char szName[JET_cbNameMost + 1];
        ESENT_ULONG cb = 0;
        MUST("object name", JetRetrieveColumn(sesid, ol.tableid, ol.columnidobjectname, szName, JET_cbNameMost, &cb, 0, NULL));
        szName[cb] = 0;
        if (dump_table(sesid, dbid, szName, argv[3]) != 0) {
            fprintf(stderr, "readdb: table %s\n", szName);
            rc = 1;
        }
    }
    MUST("JetCloseTable(objects)", JetCloseTable(sesid, ol.tableid));
    MUST("JetCloseDatabase", JetCloseDatabase(sesid, dbid, 0));
    MUST("JetDetachDatabase", JetDetachDatabaseA(sesid, argv[1]));
    MUST("JetEndSession", JetEndSession(sesid, 0));
    MUST("JetTerm2", JetTerm2(inst, JET_bitTermComplete));
    return rc;
}
