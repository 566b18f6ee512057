/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_export.c: /x, ours (Windows' esentutl has no export): every table of a
 * database, or the one /t names, written as <folder>/<table>.csv or .json, for people and scripts.
 *
 * The database is attached read-only in an instance with recovery off, as the other engine modes
 * do, and read through the exported API only: the table list (JetGetObjectInfo, JET_ObjInfoList),
 * each table's columns (JetGetTableColumnInfo, JET_ColInfoList) in columnid order, and every
 * record in primary-index order with every value of every column (multi-valued columns through
 * itagSequence). System tables (MSys*) are left out unless /t names one.
 *
 * Values: integers and floating point in C's shortest round-trip forms, currency as a decimal with
 * four places, DateTime (an OLE automation date) as ISO 8601 "YYYY-MM-DDThh:mm:ss.fff", GUIDs in
 * registry form, text as UTF-8 (code page 1200 from UTF-16, 1252 from Windows-1252; other single
 * byte code pages as Latin-1), binary as lowercase hex. CSV: RFC 4180 quoting, a header row, NULL as
 * an empty field, several values of a multi-valued column joined by "|". JSON: one array of
 * objects, NULL as null, a multi-valued column with more than one value as an array. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esentutl.h"
#include "le.h"

#define EXPORT_TABLES_MAX   4096
#define EXPORT_COLUMNS_MAX  65536

struct export_column {
    char szName[JET_cbNameMost + 1];
    JET_COLUMNID columnid;
    JET_COLTYP coltyp;
    uint16_t cp;
    bool fMulti;
};

/* Where one value's text lies in the column's text buffer. */
struct value_ref {
    size_t ib, cch;
    bool fString;               /* a JSON string (quoted), not a number or boolean */
};

/* A growable text buffer for one value. */
struct text {
    char *sz;
    size_t cch, cchMax;
};

static bool text_reserve(struct text *t, size_t cchMore)
{
    if (t->cch + cchMore + 1 <= t->cchMax)
        return true;
    size_t cchNew = (t->cch + cchMore + 1) * 2;
    char *sz = realloc(t->sz, cchNew);
    if (!sz)
        return false;
    t->sz = sz;
    t->cchMax = cchNew;
    return true;
}

static bool text_add(struct text *t, const char *pch, size_t cch)
{
    if (!text_reserve(t, cch))
        return false;
    memcpy(t->sz + t->cch, pch, cch);
    t->cch += cch;
    t->sz[t->cch] = 0;
    return true;
}

static bool text_addf(struct text *t, const char *szFormat, ...) __attribute__((format(printf, 2, 3)));
static bool text_addf(struct text *t, const char *szFormat, ...)
{
    char buf[128];
    va_list va;
    va_start(va, szFormat);
    int cch = vsnprintf(buf, sizeof buf, szFormat, va);
    va_end(va);
    return cch >= 0 && text_add(t, buf, (size_t)MIN((size_t)cch, sizeof buf - 1));
}

static bool text_add_utf8(struct text *t, uint32_t c)
{
    char rg[4];
    size_t cch;
    if (c < 0x80) { rg[0] = (char)c; cch = 1; }
    else if (c < 0x800) { rg[0] = (char)(0xC0 | c >> 6); rg[1] = (char)(0x80 | (c & 0x3F)); cch = 2; }
    else if (c < 0x10000) { rg[0] = (char)(0xE0 | c >> 12); rg[1] = (char)(0x80 | (c >> 6 & 0x3F)); rg[2] = (char)(0x80 | (c & 0x3F)); cch = 3; }
    else { rg[0] = (char)(0xF0 | c >> 18); rg[1] = (char)(0x80 | (c >> 12 & 0x3F)); rg[2] = (char)(0x80 | (c >> 6 & 0x3F)); rg[3] = (char)(0x80 | (c & 0x3F)); cch = 4; }
    return text_add(t, rg, cch);
}

/* Windows-1252's 0x80..0x9F (0: undefined there; written as U+FFFD). */
static const uint16_t g_rgw1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static bool text_add_string(struct text *t, const uint8_t *pb, size_t cb, uint16_t cp)
{
    if (cp == 1200) {
        for (size_t i = 0; i + 1 < cb; i += 2) {
            uint32_t c = pb[i] | (uint32_t)pb[i + 1] << 8;
            if (c >= 0xD800 && c < 0xDC00 && i + 3 < cb) {
                uint32_t c2 = pb[i + 2] | (uint32_t)pb[i + 3] << 8;
                if (c2 >= 0xDC00 && c2 < 0xE000) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
                    i += 2;
                }
            }
            if (c >= 0xD800 && c < 0xE000)
                c = 0xFFFD;
            if (!text_add_utf8(t, c))
                return false;
        }
        return true;
    }
    for (size_t i = 0; i < cb; i++) {
        uint32_t c = pb[i];
        if (c >= 0x80 && c < 0xA0)
            c = cp == 1252 && g_rgw1252[c - 0x80] ? g_rgw1252[c - 0x80] : 0xFFFD;
        if (!text_add_utf8(t, c))
            return false;
    }
    return true;
}

/* An OLE automation date: days since 1899-12-30, the fraction the time of day. */
static bool text_add_datetime(struct text *t, double d)
{
    if (!(d > -657435.0 && d < 2958466.0))          /* outside 100-01-01 .. 9999-12-31 */
        return text_addf(t, "%.17g", d);
    /* Before 1899-12-30 the day counts back but the fraction still counts forward from midnight:
     * -1.25 is 1899-12-29 06:00. So the day is the integer part, the time its remainder's size. */
    long long days = (long long)d;
    double frac = d - (double)days;
    if (frac < 0)
        frac = -frac;
    long long ms = (long long)(frac * 86400000.0 + 0.5);
    if (ms >= 86400000) { ms -= 86400000; days++; }
    long long z = days - 25569 + 719468;             /* days since 0000-03-01 (civil from days) */
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long day = doy - (153 * mp + 2) / 5 + 1;
    long long month = mp < 10 ? mp + 3 : mp - 9;
    long long year = yoe + era * 400 + (month <= 2);
    return text_addf(t, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lld", year, month, day, ms / 3600000,
                     ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

static bool text_add_hex(struct text *t, const uint8_t *pb, size_t cb)
{
    static const char rgch[] = "0123456789abcdef";
    if (!text_reserve(t, 2 * cb))
        return false;
    for (size_t i = 0; i < cb; i++) {
        t->sz[t->cch++] = rgch[pb[i] >> 4];
        t->sz[t->cch++] = rgch[pb[i] & 15];
    }
    t->sz[t->cch] = 0;
    return true;
}

/* One value as text; *pfString: it is a string (quoted in JSON), not a number or boolean. */
static bool format_value(struct text *t, const struct export_column *pc, const uint8_t *pb, size_t cb, bool *pfString)
{
    int64_t ll;
    double d;
    float f;
    *pfString = false;
    switch (pc->coltyp) {
    case JET_coltypBit:
        return cb >= 1 && text_addf(t, "%s", pb[0] ? "true" : "false");
    case JET_coltypUnsignedByte:
        return cb >= 1 && text_addf(t, "%u", pb[0]);
    case JET_coltypShort:
        return cb >= 2 && text_addf(t, "%d", (int16_t)(pb[0] | pb[1] << 8));
    case JET_coltypUnsignedShort:
        return cb >= 2 && text_addf(t, "%u", (unsigned)(pb[0] | pb[1] << 8));
    case JET_coltypLong:
        return cb >= 4 && text_addf(t, "%ld", (long)(int32_t)get_le32(pb));
    case JET_coltypUnsignedLong:
        return cb >= 4 && text_addf(t, "%lu", (unsigned long)get_le32(pb));
    case JET_coltypLongLong:
        return cb >= 8 && text_addf(t, "%lld", (long long)(int64_t)get_le64(pb));
    case JET_coltypUnsignedLongLong:
        return cb >= 8 && text_addf(t, "%llu", (unsigned long long)get_le64(pb));
    case JET_coltypCurrency:
        if (cb < 8)
            return false;
        ll = (int64_t)get_le64(pb);
        return text_addf(t, "%s%llu.%04llu", ll < 0 ? "-" : "", (unsigned long long)(ll < 0 ? -(uint64_t)ll : (uint64_t)ll) / 10000,
                         (unsigned long long)(ll < 0 ? -(uint64_t)ll : (uint64_t)ll) % 10000);
    case JET_coltypIEEESingle:
        if (cb < 4)
            return false;
        memcpy(&f, pb, 4);
        *pfString = f != f || f - f != 0;           /* NaN and infinities are not JSON numbers */
        return text_addf(t, "%.9g", (double)f);
    case JET_coltypIEEEDouble:
        if (cb < 8)
            return false;
        memcpy(&d, pb, 8);
        *pfString = d != d || d - d != 0;
        return text_addf(t, "%.17g", d);
    case JET_coltypDateTime:
        if (cb < 8)
            return false;
        memcpy(&d, pb, 8);
        *pfString = true;
        return text_add_datetime(t, d);
    case JET_coltypGUID:
        if (cb != 16)
            break;
        *pfString = true;
        return text_addf(t, "{%08lX-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", (unsigned long)get_le32(pb),
                         (unsigned)(pb[4] | pb[5] << 8), (unsigned)(pb[6] | pb[7] << 8), pb[8], pb[9], pb[10], pb[11],
                         pb[12], pb[13], pb[14], pb[15]);
    case JET_coltypText:
    case JET_coltypLongText:
        *pfString = true;
        return text_add_string(t, pb, cb, pc->cp);
    default:
        break;
    }
    *pfString = true;
    return text_add_hex(t, pb, cb);
}

/* ---- reading ----------------------------------------------------------------------------------- */

/* Value itag (1-based) of the current record's column into *ppb (grown as needed); JET_wrnColumnNull
 * when there is none. */
static JET_ERR retrieve(JET_SESID sesid, JET_TABLEID tableid, const struct export_column *pc, uint32_t itag,
        uint8_t **ppb, size_t *pcbMax, size_t *pcb)
{
    for (;;) {
        JET_RETINFO ri = { sizeof ri, 0, itag, 0 };
        ESENT_ULONG cbActual = 0;
        JET_ERR err = JetRetrieveColumn(sesid, tableid, pc->columnid, *ppb, (ESENT_ULONG)*pcbMax, &cbActual, 0, &ri);
        if (err < 0 || err == JET_wrnColumnNull) {
            *pcb = 0;
            return err;
        }
        if (err != JET_wrnBufferTruncated || cbActual <= *pcbMax) {
            *pcb = MIN((size_t)cbActual, *pcbMax);
            return JET_errSuccess;
        }
        uint8_t *pb = realloc(*ppb, cbActual);
        if (!pb)
            return JET_errOutOfMemory;
        *ppb = pb;
        *pcbMax = cbActual;
    }
}

static int column_cmp(const void *a, const void *b)
{
    const struct export_column *x = a, *y = b;
    return x->columnid < y->columnid ? -1 : x->columnid > y->columnid;
}

static JET_ERR read_columns(JET_SESID sesid, JET_TABLEID tableid, struct export_column **prgc, uint32_t *pc)
{
    JET_ERR err;
    JET_COLUMNLIST cl;
    memset(&cl, 0, sizeof cl);
    cl.cbStruct = sizeof cl;
    *prgc = NULL;
    *pc = 0;
    CALL_R(JetGetTableColumnInfoA(sesid, tableid, NULL, &cl, sizeof cl, JET_ColInfoList));
    struct export_column *rgc = calloc(MAX(cl.cRecord, 1), sizeof *rgc);
    uint32_t c = 0;
    if (!rgc) {
        (void)JetCloseTable(sesid, cl.tableid);
        return JET_errOutOfMemory;
    }
    for (err = JetMove(sesid, cl.tableid, JET_MoveFirst, 0); err >= 0 && c < cl.cRecord && c < EXPORT_COLUMNS_MAX;
         err = JetMove(sesid, cl.tableid, JET_MoveNext, 0)) {
        struct export_column *p = &rgc[c];
        ESENT_ULONG cb = 0;
        JET_GRBIT grbit = 0;
        CALL(JetRetrieveColumn(sesid, cl.tableid, cl.columnidcolumnname, p->szName, JET_cbNameMost, &cb, 0, NULL));
        p->szName[MIN(cb, (ESENT_ULONG)JET_cbNameMost)] = 0;
        CALL(JetRetrieveColumn(sesid, cl.tableid, cl.columnidcolumnid, &p->columnid, sizeof p->columnid, &cb, 0, NULL));
        CALL(JetRetrieveColumn(sesid, cl.tableid, cl.columnidcoltyp, &p->coltyp, sizeof p->coltyp, &cb, 0, NULL));
        CALL(JetRetrieveColumn(sesid, cl.tableid, cl.columnidCp, &p->cp, sizeof p->cp, &cb, 0, NULL));
        CALL(JetRetrieveColumn(sesid, cl.tableid, cl.columnidgrbit, &grbit, sizeof grbit, &cb, 0, NULL));
        p->fMulti = (grbit & JET_bitColumnMultiValued) != 0;
        c++;
    }
    if (err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
out:
    (void)JetCloseTable(sesid, cl.tableid);
    if (err < 0) {
        free(rgc);
        return err;
    }
    qsort(rgc, c, sizeof *rgc, column_cmp);
    *prgc = rgc;
    *pc = c;
    return JET_errSuccess;
}

/* ---- writing ----------------------------------------------------------------------------------- */

static void put_csv_field(FILE *f, const char *sz, size_t cch)
{
    bool fQuote = cch == 0 ? false : strpbrk(sz, ",\"\r\n") != NULL || sz[0] == ' ' || sz[cch - 1] == ' ';
    if (!fQuote) {
        fwrite(sz, 1, cch, f);
        return;
    }
    fputc('"', f);
    for (size_t i = 0; i < cch; i++) {
        if (sz[i] == '"')
            fputc('"', f);
        fputc(sz[i], f);
    }
    fputc('"', f);
}

static void put_json_string(FILE *f, const char *sz, size_t cch)
{
    fputc('"', f);
    for (size_t i = 0; i < cch; i++) {
        const unsigned char ch = (unsigned char)sz[i];
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch == '\n')
            fputs("\\n", f);
        else if (ch == '\r')
            fputs("\\r", f);
        else if (ch == '\t')
            fputs("\\t", f);
        else if (ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

/* A file name from a table name: letters, digits, '-', '_' and '.' kept, anything else '_'. */
static void file_name_of(const char *szTable, char *sz, size_t cb)
{
    size_t i = 0;
    for (; szTable[i] && i + 1 < cb; i++) {
        const char ch = szTable[i];
        sz[i] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
                (ch == '.' && i > 0) ? ch : '_';
    }
    sz[i] = 0;
}

static JET_ERR export_table(JET_SESID sesid, JET_DBID dbid, const char *szTable, const struct eu_opts *o, uint64_t *pcrec)
{
    JET_ERR err;
    JET_TABLEID tableid = JET_tableidNil;
    struct export_column *rgc = NULL;
    uint32_t ccol = 0;
    FILE *f = NULL;
    uint8_t *pb = NULL;
    size_t cbMax = 0, cb;
    struct text t = { NULL, 0, 0 };
    struct value_ref *rgval = NULL;
    uint32_t cvalMax = 0;
    char szFile[JET_cbNameMost + 8], szPath[4096];
    const bool fJson = o->exportFormat == EU_EXPORT_JSON;

    *pcrec = 0;
    CALL(JetOpenTableA(sesid, dbid, szTable, NULL, 0, JET_bitTableReadOnly | JET_bitTableSequential, &tableid));
    CALL(read_columns(sesid, tableid, &rgc, &ccol));
    file_name_of(szTable, szFile, sizeof szFile - 6);
    snprintf(szPath, sizeof szPath, "%s/%s.%s", o->szDest ? o->szDest : ".", szFile, fJson ? "json" : "csv");
    f = fopen(szPath, "wb");
    if (!f) {
        printf("Cannot write %s.\n", szPath);
        FAIL(JET_errFileAccessDenied);
    }
    cbMax = 4096;
    pb = malloc(cbMax);
    if (!pb || !text_reserve(&t, 256))
        FAIL(JET_errOutOfMemory);

    if (fJson) {
        fputs("[", f);
    } else {
        for (uint32_t i = 0; i < ccol; i++) {
            if (i) fputc(',', f);
            put_csv_field(f, rgc[i].szName, strlen(rgc[i].szName));
        }
        fputs("\r\n", f);
    }
    for (err = JetMove(sesid, tableid, JET_MoveFirst, 0); err >= 0; err = JetMove(sesid, tableid, JET_MoveNext, 0)) {
        if (fJson)
            fputs(*pcrec ? ",\n  {" : "\n  {", f);
        for (uint32_t i = 0; i < ccol; i++) {
            const struct export_column *pc = &rgc[i];
            uint32_t cval = 0;
            /* every value of the column, into t, each one's place in rgval */
            t.cch = 0;
            t.sz[0] = 0;
            for (uint32_t itag = 1;; itag++) {
                CALL(retrieve(sesid, tableid, pc, itag, &pb, &cbMax, &cb));
                if (err == JET_wrnColumnNull)
                    break;
                if (cval == cvalMax) {
                    struct value_ref *rg = realloc(rgval, (cvalMax * 2 + 4) * sizeof *rg);
                    if (!rg)
                        FAIL(JET_errOutOfMemory);
                    rgval = rg;
                    cvalMax = cvalMax * 2 + 4;
                }
                rgval[cval].ib = t.cch;
                if (!format_value(&t, pc, pb, cb, &rgval[cval].fString))
                    FAIL(JET_errOutOfMemory);
                rgval[cval].cch = t.cch - rgval[cval].ib;
                cval++;
                if (!pc->fMulti)
                    break;
            }
            if (fJson) {
                if (i) fputs(", ", f);
                put_json_string(f, pc->szName, strlen(pc->szName));
                fputs(": ", f);
                if (cval == 0)
                    fputs("null", f);
                if (cval > 1)
                    fputc('[', f);
                for (uint32_t v = 0; v < cval; v++) {
                    if (v) fputs(", ", f);
                    if (rgval[v].fString)
                        put_json_string(f, t.sz + rgval[v].ib, rgval[v].cch);
                    else
                        fwrite(t.sz + rgval[v].ib, 1, rgval[v].cch, f);
                }
                if (cval > 1)
                    fputc(']', f);
            } else {
                if (i) fputc(',', f);
                /* several values in one field, joined by '|' */
                struct text j = { NULL, 0, 0 };
                if (cval > 1) {
                    for (uint32_t v = 0; v < cval; v++)
                        if ((v && !text_add(&j, "|", 1)) || !text_add(&j, t.sz + rgval[v].ib, rgval[v].cch)) {
                            free(j.sz);
                            FAIL(JET_errOutOfMemory);
                        }
                    put_csv_field(f, j.sz, j.cch);
                    free(j.sz);
                } else if (cval == 1) {
                    put_csv_field(f, t.sz, t.cch);
                }
            }
        }
        if (fJson)
            fputs("}", f);
        else
            fputs("\r\n", f);
        (*pcrec)++;
    }
    if (err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
    if (fJson)
        fputs(*pcrec ? "\n]\n" : "]\n", f);
    printf("        %-32s %10llu records  %s\n", szTable, (unsigned long long)*pcrec, szPath);
out:
    if (f && fclose(f) != 0 && err >= 0)
        err = JET_errDiskIO;
    free(t.sz);
    free(rgval);
    free(pb);
    free(rgc);
    if (tableid != JET_tableidNil)
        (void)JetCloseTable(sesid, tableid);
    return err;
}

/* ---- the mode ---------------------------------------------------------------------------------- */

static bool is_system_table(const char *sz)
{
    return strncmp(sz, "MSys", 4) == 0;
}

JET_ERR eu_mode_export(const struct eu_opts *o)
{
    JET_ERR err;
    JET_INSTANCE inst = 0;
    JET_SESID sesid = JET_sesidNil;
    JET_DBID dbid = JET_dbidNil;
    bool fInit = false, fAttached = false;
    char (*rgsz)[JET_cbNameMost + 1] = NULL;
    uint32_t ctable = 0;
    uint64_t crecAll = 0;

    printf("Initiating EXPORT mode...\n");
    printf("        Database: %s\n", o->szSource);
    printf("          Folder: %s\n", o->szDest ? o->szDest : ".");
    printf("          Format: %s\n\n", o->exportFormat == EU_EXPORT_JSON ? "JSON" : "CSV");
    fflush(stdout);
    CALL(eu_engine_setup(o, &inst));
    CALL(JetInit(&inst));
    fInit = true;
    CALL(JetBeginSessionA(inst, &sesid, "", ""));
    CALL(JetAttachDatabaseA(sesid, o->szSource, JET_bitDbReadOnly));
    fAttached = true;
    CALL(JetOpenDatabaseA(sesid, o->szSource, NULL, &dbid, JET_bitDbReadOnly));

    rgsz = calloc(EXPORT_TABLES_MAX, sizeof *rgsz);
    if (!rgsz)
        FAIL(JET_errOutOfMemory);
    if (o->szTable) {
        snprintf(rgsz[0], sizeof rgsz[0], "%s", o->szTable);
        ctable = 1;
    } else {
        JET_OBJECTLIST ol;
        memset(&ol, 0, sizeof ol);
        ol.cbStruct = sizeof ol;
        CALL(JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol, JET_ObjInfoList));
        for (err = JetMove(sesid, ol.tableid, JET_MoveFirst, 0); err >= 0 && ctable < EXPORT_TABLES_MAX;
             err = JetMove(sesid, ol.tableid, JET_MoveNext, 0)) {
            ESENT_ULONG cb = 0;
            err = JetRetrieveColumn(sesid, ol.tableid, ol.columnidobjectname, rgsz[ctable], JET_cbNameMost, &cb, 0, NULL);
            if (err < 0)
                break;
            rgsz[ctable][MIN(cb, (ESENT_ULONG)JET_cbNameMost)] = 0;
            if (!is_system_table(rgsz[ctable]))
                ctable++;
        }
        (void)JetCloseTable(sesid, ol.tableid);
        if (err < 0 && err != JET_errNoCurrentRecord)
            goto out;
        err = JET_errSuccess;
    }
    for (uint32_t i = 0; i < ctable; i++) {
        uint64_t crec = 0;
        CALL(export_table(sesid, dbid, rgsz[i], o, &crec));
        crecAll += crec;
    }
    printf("\n%lu tables, %llu records exported.\n", (unsigned long)ctable, (unsigned long long)crecAll);
out:
    free(rgsz);
    if (dbid != JET_dbidNil)
        (void)JetCloseDatabase(sesid, dbid, 0);
    if (fAttached)
        (void)JetDetachDatabaseA(sesid, o->szSource);
    if (sesid != JET_sesidNil)
        (void)JetEndSession(sesid, 0);
    if (fInit) {
        JET_ERR errTerm = JetTerm2(inst, err < 0 ? JET_bitTermAbrupt : JET_bitTermComplete);
        if (err >= 0)
            err = errTerm;
    }
    return err;
}
