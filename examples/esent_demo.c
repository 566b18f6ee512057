/* SPDX-License-Identifier: MIT
 * examples/esent_demo.c: an ordinary ESE client, written against the Windows SDK's API the way a
 * Windows program is, that shows what our esent.dll does. The README's first command builds it
 * with MinGW and runs it under Wine with our DLL beside it; it also runs on Windows (with either
 * DLL) and, built against libesent.so, on Linux.
 *
 *   esent_demo <folder for files> [<a database made by Windows>]
 *
 * It makes a database with a table of every column type, writes rows, finds them again through
 * its indexes, and then lists the tables and first rows of the Windows-made database, opened
 * read-only. Each step prints what it did; a step the engine cannot do yet prints the JET error
 * it got ("not implemented yet") instead of stopping the program. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "esent.h"

static int failures;

static const char *err_name(JET_ERR err)
{
    static char buf[160];
    JET_API_PTR code = (JET_API_PTR)err;
    if (JetGetSystemParameterA(JET_instanceNil, JET_sesidNil, JET_paramErrorToString, &code, buf, sizeof buf) >= 0)
        return buf;
    snprintf(buf, sizeof buf, "%ld", (long)err);
    return buf;
}

/* A step that must work. */
static JET_ERR must(const char *what, JET_ERR err)
{
    printf("  %-58s %s\n", what, err >= 0 ? "ok" : err_name(err));
    if (err < 0) failures++;
    return err;
}

/* ---- values as text ------------------------------------------------------------------------ */

/* An OLE automation date (days since 1899-12-30) as text. */
static void format_datetime(double d, char *sz, size_t cb)
{
    long long days = (long long)d;
    double frac = d - (double)days;
    if (frac < 0) frac = -frac;
    long long secs = (long long)(frac * 86400.0 + 0.5);
    /* civil date from days since 1970-01-01 (Howard Hinnant's algorithm) */
    long long z = days - 25569 + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long day = doy - (153 * mp + 2) / 5 + 1;
    long long month = mp < 10 ? mp + 3 : mp - 9;
    long long year = yoe + era * 400 + (month <= 2);
    snprintf(sz, cb, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", year, month, day, secs / 3600, secs / 60 % 60, secs % 60);
}

/* UTF-16LE to UTF-8 (enough for display). */
static void utf16_to_utf8(const unsigned char *pb, size_t cb, char *sz, size_t cbMax)
{
    size_t o = 0;
    for (size_t i = 0; i + 1 < cb && o + 5 < cbMax; i += 2) {
        unsigned c = pb[i] | (unsigned)pb[i + 1] << 8;
        if (c >= 0xD800 && c < 0xDC00 && i + 3 < cb) {
            unsigned c2 = pb[i + 2] | (unsigned)pb[i + 3] << 8;
            if (c2 >= 0xDC00 && c2 < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
                i += 2;
            }
        }
        if (c == 0) break;
        if (c < 0x80) sz[o++] = (char)c;
        else if (c < 0x800) { sz[o++] = (char)(0xC0 | c >> 6); sz[o++] = (char)(0x80 | (c & 0x3F)); }
        else if (c < 0x10000) { sz[o++] = (char)(0xE0 | c >> 12); sz[o++] = (char)(0x80 | (c >> 6 & 0x3F)); sz[o++] = (char)(0x80 | (c & 0x3F)); }
        else { sz[o++] = (char)(0xF0 | c >> 18); sz[o++] = (char)(0x80 | (c >> 12 & 0x3F)); sz[o++] = (char)(0x80 | (c >> 6 & 0x3F)); sz[o++] = (char)(0x80 | (c & 0x3F)); }
    }
    sz[o] = 0;
}

static void format_value(JET_COLTYP coltyp, unsigned short cp, const unsigned char *pb, size_t cb, char *sz, size_t cbMax)
{
    long long ll = 0;
    double d = 0;
    float f = 0;
    switch (coltyp) {
    case JET_coltypBit: snprintf(sz, cbMax, "%s", cb && pb[0] ? "true" : "false"); return;
    case JET_coltypUnsignedByte: snprintf(sz, cbMax, "%u", cb ? pb[0] : 0); return;
    case JET_coltypShort: { short s; memcpy(&s, pb, sizeof s); snprintf(sz, cbMax, "%d", s); return; }
    case JET_coltypUnsignedShort: { unsigned short s; memcpy(&s, pb, sizeof s); snprintf(sz, cbMax, "%u", s); return; }
    case JET_coltypLong: { int l; memcpy(&l, pb, sizeof l); snprintf(sz, cbMax, "%d", l); return; }
    case JET_coltypUnsignedLong: { unsigned l; memcpy(&l, pb, sizeof l); snprintf(sz, cbMax, "%u", l); return; }
    case JET_coltypLongLong: memcpy(&ll, pb, sizeof ll); snprintf(sz, cbMax, "%lld", ll); return;
    case JET_coltypCurrency: memcpy(&ll, pb, sizeof ll); snprintf(sz, cbMax, "%lld.%04lld", ll / 10000, (ll < 0 ? -ll : ll) % 10000); return;
    case JET_coltypIEEESingle: memcpy(&f, pb, sizeof f); snprintf(sz, cbMax, "%g", (double)f); return;
    case JET_coltypIEEEDouble: memcpy(&d, pb, sizeof d); snprintf(sz, cbMax, "%g", d); return;
    case JET_coltypDateTime: memcpy(&d, pb, sizeof d); format_datetime(d, sz, cbMax); return;
    case JET_coltypGUID:
        if (cb == 16) {
            snprintf(sz, cbMax, "{%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                     pb[3], pb[2], pb[1], pb[0], pb[5], pb[4], pb[7], pb[6], pb[8], pb[9], pb[10], pb[11], pb[12], pb[13], pb[14], pb[15]);
            return;
        }
        break;
    case JET_coltypText:
    case JET_coltypLongText:
        if (cp == 1200) {
            char tmp[512];
            utf16_to_utf8(pb, cb, tmp, sizeof tmp);
            snprintf(sz, cbMax, "\"%s\"", tmp);
        } else {
            snprintf(sz, cbMax, "\"%.*s\"", (int)(cb < 200 ? cb : 200), (const char *)pb);
        }
        return;
    default:
        break;
    }
    size_t o = 0;
    for (size_t i = 0; i < cb && i < 12 && o + 3 < cbMax; i++)
        o += (size_t)snprintf(sz + o, cbMax - o, "%02x", pb[i]);
    if (cb > 12 && o + 20 < cbMax)
        snprintf(sz + o, cbMax - o, "... (%u bytes)", (unsigned)cb);
    else if (cb == 0)
        snprintf(sz, cbMax, "(empty)");
}

/* ---- our own database: every column type ------------------------------------------------------ */

enum { C_ID, C_BIT, C_UBYTE, C_SHORT, C_USHORT, C_LONG, C_ULONG, C_LONGLONG, C_CURRENCY, C_SINGLE, C_DOUBLE,
       C_DATETIME, C_GUID, C_BINARY, C_NAME, C_NOTE, C_PHOTO, C_TAGS, C_COUNT };

static JET_COLUMNCREATE_A g_rgcol[C_COUNT] = {
    { sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLong, 0, JET_bitColumnAutoincrement, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "active", JET_coltypBit, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "level", JET_coltypUnsignedByte, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "offset", JET_coltypShort, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "port", JET_coltypUnsignedShort, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "born", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "flags", JET_coltypUnsignedLong, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "bytes", JET_coltypLongLong, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "balance", JET_coltypCurrency, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "ratio", JET_coltypIEEESingle, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "score", JET_coltypIEEEDouble, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "since", JET_coltypDateTime, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "uid", JET_coltypGUID, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "hash", JET_coltypBinary, 16, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "name", JET_coltypText, 100, JET_bitColumnNotNULL, NULL, 0, 1200, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "note", JET_coltypLongText, 0, 0, NULL, 0, 1252, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "photo", JET_coltypLongBinary, 0, 0, NULL, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNCREATE_A), "tags", JET_coltypText, 32, JET_bitColumnTagged | JET_bitColumnMultiValued, NULL, 0, 1252, 0, 0 },
};

struct person {
    const char *name;
    unsigned char active, level;
    short offset;
    unsigned short port;
    int born;
    unsigned flags;
    long long bytes, balance;   /* balance: currency, 1/10000 units */
    float ratio;
    double score, since;
    const char *note;
    const char *tags[3];
};

static const struct person g_rgperson[] = {
    { "Ada Lovelace", 1, 3, -5, 8080, 1815, 0x11, 1LL << 40, 1234567, 0.25f, 98.5, 45000.5, "wrote the first program", { "math", "poetry", NULL } },
    { "Grace Hopper", 1, 5, 10, 443, 1906, 0x22, 3LL << 33, -990000, 0.5f, 99.25, 44000.25, "COBOL, and the first bug", { "navy", NULL, NULL } },
    { "Alan Turing", 0, 4, 0, 22, 1912, 0x33, 12345678901LL, 420000, 0.75f, 97.0, 43000.75, "on computable numbers", { "math", "crypto", "chess" } },
};

/* UTF-16LE bytes of an ASCII string (for the Unicode name column). */
static size_t to_utf16(const char *sz, unsigned char *pb, size_t cbMax)
{
    size_t cb = 0;
    for (; *sz && cb + 2 <= cbMax; sz++) { pb[cb++] = (unsigned char)*sz; pb[cb++] = 0; }
    return cb;
}

static JET_ERR insert_person(JET_SESID sesid, JET_TABLEID tableid, const struct person *p, unsigned i)
{
    JET_ERR err;
    unsigned char name[200], guid[16], hash[16], photo[3000];
    size_t cbName = to_utf16(p->name, name, sizeof name);
    for (unsigned k = 0; k < 16; k++) { guid[k] = (unsigned char)(0x10 * i + k); hash[k] = (unsigned char)(0xA0 + k * i); }
    for (unsigned k = 0; k < sizeof photo; k++) photo[k] = (unsigned char)(k * 7 + i);
    JET_SETCOLUMN rgset[C_COUNT + 2];
    unsigned c = 0;
#define SET(col, pv, cb) do { memset(&rgset[c], 0, sizeof rgset[c]); rgset[c].columnid = g_rgcol[col].columnid; \
        rgset[c].pvData = (pv); rgset[c].cbData = (ESENT_ULONG)(cb); c++; } while (0)
    SET(C_BIT, &p->active, 1);
    SET(C_UBYTE, &p->level, 1);
    SET(C_SHORT, &p->offset, 2);
    SET(C_USHORT, &p->port, 2);
    SET(C_LONG, &p->born, 4);
    SET(C_ULONG, &p->flags, 4);
    SET(C_LONGLONG, &p->bytes, 8);
    SET(C_CURRENCY, &p->balance, 8);
    SET(C_SINGLE, &p->ratio, 4);
    SET(C_DOUBLE, &p->score, 8);
    SET(C_DATETIME, &p->since, 8);
    SET(C_GUID, guid, 16);
    SET(C_BINARY, hash, 16);
    SET(C_NAME, name, cbName);
    SET(C_NOTE, p->note, strlen(p->note));
    SET(C_PHOTO, photo, sizeof photo);      /* larger than a record keeps inline: a separated long value */
    for (unsigned t = 0; t < 3 && p->tags[t]; t++) {
        SET(C_TAGS, p->tags[t], strlen(p->tags[t]));
        rgset[c - 1].itagSequence = 0;      /* 0: add one more value */
    }
#undef SET
    err = JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    if (err < 0) return err;
    err = JetSetColumns(sesid, tableid, rgset, c);
    if (err < 0) { (void)JetPrepareUpdate(sesid, tableid, JET_prepCancel); return err; }
    return JetUpdate(sesid, tableid, NULL, 0, NULL);
}

/* Print the current record: every column of g_rgcol. */
static JET_ERR print_person(JET_SESID sesid, JET_TABLEID tableid)
{
    char line[2048];
    size_t o = 0;
    for (unsigned col = 0; col < C_COUNT; col++) {
        unsigned char buf[4096];
        char sz[600];
        ESENT_ULONG cbActual = 0;
        if (col == C_TAGS) {
            /* every value of the multi-valued column */
            o += (size_t)snprintf(line + o, sizeof line - o, " tags=[");
            for (ESENT_ULONG itag = 1;; itag++) {
                JET_RETINFO ri = { sizeof ri, 0, itag, 0 };
                JET_ERR err = JetRetrieveColumn(sesid, tableid, g_rgcol[col].columnid, buf, sizeof buf, &cbActual, 0, &ri);
                if (err < 0) return err;
                if (err == JET_wrnColumnNull) break;
                o += (size_t)snprintf(line + o, sizeof line - o, "%s%.*s", itag > 1 ? "," : "", (int)cbActual, (const char *)buf);
            }
            o += (size_t)snprintf(line + o, sizeof line - o, "]");
            continue;
        }
        JET_ERR err = JetRetrieveColumn(sesid, tableid, g_rgcol[col].columnid, buf, sizeof buf, &cbActual, 0, NULL);
        if (err < 0) return err;
        if (err == JET_wrnColumnNull)
            snprintf(sz, sizeof sz, "NULL");
        else
            format_value(g_rgcol[col].coltyp, (unsigned short)g_rgcol[col].cp, buf, cbActual < sizeof buf ? cbActual : sizeof buf, sz, sizeof sz);
        /* six columns to a line */
        o += (size_t)snprintf(line + o, sizeof line - o, "%s%s=%s", col % 6 == 0 && col ? "\n       " : " ",
                              g_rgcol[col].szColumnName, sz);
        if (o >= sizeof line) break;
    }
    printf("     %s\n", line);
    return JET_errSuccess;
}

static void demo_own_database(JET_SESID sesid, const char *path)
{
    char sz[1100];
    JET_DBID dbid = JET_dbidNil;
    JET_TABLEID tableid = JET_tableidNil;
    JET_ERR err;

    printf("\nA database of our own: a table with every column type\n");
    snprintf(sz, sizeof sz, "%sdemo.edb", path);
    if (must("JetCreateDatabase(demo.edb)", JetCreateDatabaseA(sesid, sz, NULL, &dbid, JET_bitDbOverwriteExisting)) < 0)
        return;

    static char szKeyPrimary[] = "+id\0";
    static char szKeyName[] = "+name\0";
    static char szKeyBorn[] = "-born\0+name\0";
    JET_INDEXCREATE_A rgidx[3];
    memset(rgidx, 0, sizeof rgidx);
    rgidx[0] = (JET_INDEXCREATE_A){ .cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "primary", .szKey = szKeyPrimary,
                                    .cbKey = sizeof szKeyPrimary, .grbit = JET_bitIndexPrimary, .ulDensity = 100 };
    rgidx[1] = (JET_INDEXCREATE_A){ .cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "by_name", .szKey = szKeyName,
                                    .cbKey = sizeof szKeyName, .grbit = JET_bitIndexUnique, .ulDensity = 100 };
    rgidx[2] = (JET_INDEXCREATE_A){ .cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "by_born", .szKey = szKeyBorn,
                                    .cbKey = sizeof szKeyBorn, .grbit = 0, .ulDensity = 90 };
    JET_TABLECREATE_A tc = { sizeof tc, "people", NULL, 4, 100, g_rgcol, C_COUNT, rgidx, 3, 0, JET_tableidNil, 0 };
    err = must("JetCreateTableColumnIndex(people: 18 columns, 3 indexes)", JetCreateTableColumnIndexA(sesid, dbid, &tc));
    if (err < 0)
        goto detach;
    tableid = tc.tableid;
    printf("      created %lu objects; columnids: id=%lu name=%lu tags=%lu\n", (unsigned long)tc.cCreated,
           (unsigned long)g_rgcol[C_ID].columnid, (unsigned long)g_rgcol[C_NAME].columnid, (unsigned long)g_rgcol[C_TAGS].columnid);

    must("JetBeginTransaction", JetBeginTransaction(sesid));
    err = JET_errSuccess;
    for (unsigned i = 0; i < sizeof g_rgperson / sizeof g_rgperson[0] && err >= 0; i++)
        err = insert_person(sesid, tableid, &g_rgperson[i], i + 1);
    must("JetPrepareUpdate/JetSetColumns/JetUpdate x3", err);
    if (err < 0) {
        must("JetRollback", JetRollback(sesid, 0));
        goto close;
    }
    must("JetCommitTransaction", JetCommitTransaction(sesid, 0));

    printf("   In primary-key order (JetMove):\n");
    for (err = JetMove(sesid, tableid, JET_MoveFirst, 0); err >= 0; err = JetMove(sesid, tableid, JET_MoveNext, 0))
        if (print_person(sesid, tableid) < 0) { failures++; break; }
    if (err != JET_errNoCurrentRecord)
        must("JetMove", err);

    /* A seek on the Unicode name index. */
    unsigned char key[200];
    size_t cbKey = to_utf16("Grace Hopper", key, sizeof key);
    must("JetSetCurrentIndex(by_name)", JetSetCurrentIndexA(sesid, tableid, "by_name"));
    must("JetMakeKey(\"Grace Hopper\")", JetMakeKey(sesid, tableid, key, (ESENT_ULONG)cbKey, JET_bitNewKey));
    err = must("JetSeek(JET_bitSeekEQ)", JetSeek(sesid, tableid, JET_bitSeekEQ));
    if (err >= 0 && print_person(sesid, tableid) < 0)
        failures++;
    cbKey = to_utf16("Nobody", key, sizeof key);
    must("JetMakeKey(\"Nobody\")", JetMakeKey(sesid, tableid, key, (ESENT_ULONG)cbKey, JET_bitNewKey));
    err = JetSeek(sesid, tableid, JET_bitSeekEQ);
    printf("  %-58s %s\n", "JetSeek(\"Nobody\")", err == JET_errRecordNotFound ? "JET_errRecordNotFound, as expected" : err_name(err));
    if (err != JET_errRecordNotFound) failures++;

    /* A range on the descending birth-year index: born 1906 down to 1815 (inclusive). */
    printf("   Born 1906 or earlier, youngest first (index by_born: -born, +name, with an index range):\n");
    int born = 1906;
    must("JetSetCurrentIndex(by_born)", JetSetCurrentIndexA(sesid, tableid, "by_born"));
    must("JetMakeKey(1906, JET_bitFullColumnStartLimit)", JetMakeKey(sesid, tableid, &born, sizeof born, JET_bitNewKey | JET_bitFullColumnStartLimit));
    err = JetSeek(sesid, tableid, JET_bitSeekGE);
    if (err >= 0 || err == JET_wrnSeekNotEqual) {
        born = 1815;
        must("JetMakeKey(1815, JET_bitFullColumnEndLimit)", JetMakeKey(sesid, tableid, &born, sizeof born, JET_bitNewKey | JET_bitFullColumnEndLimit));
        err = must("JetSetIndexRange(upper, inclusive)", JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
        for (; err >= 0; err = JetMove(sesid, tableid, JET_MoveNext, 0))
            if (print_person(sesid, tableid) < 0) { failures++; break; }
        if (err != JET_errNoCurrentRecord)
            must("JetMove in the range", err);
    } else {
        must("JetSeek(JET_bitSeekGE)", err);
    }

close:
    must("JetCloseTable", JetCloseTable(sesid, tableid));
detach:
    must("JetCloseDatabase", JetCloseDatabase(sesid, dbid, 0));
    must("JetDetachDatabase(demo.edb)", JetDetachDatabaseA(sesid, sz));
}

/* ---- a database made by Windows: its tables and first rows ------------------------------------ */

#define SHOW_ROWS 3
#define SHOW_COLUMNS 6

static void show_table(JET_SESID sesid, JET_DBID dbid, const char *szTable)
{
    JET_TABLEID tableid;
    JET_ERR err = JetOpenTableA(sesid, dbid, szTable, NULL, 0, JET_bitTableReadOnly, &tableid);
    if (err < 0) {
        printf("    %-30s cannot open: %s\n", szTable, err_name(err));
        failures++;
        return;
    }
    JET_COLUMNLIST cl;
    memset(&cl, 0, sizeof cl);
    cl.cbStruct = sizeof cl;
    err = JetGetTableColumnInfoA(sesid, tableid, NULL, &cl, sizeof cl, JET_ColInfoList);
    if (err < 0) {
        printf("    %-30s column list: %s\n", szTable, err_name(err));
        failures++;
        (void)JetCloseTable(sesid, tableid);
        return;
    }
    struct { char name[JET_cbNameMost + 1]; JET_COLUMNID id; JET_COLTYP coltyp; unsigned short cp; } rgc[SHOW_COLUMNS];
    unsigned ccol = 0;
    for (err = JetMove(sesid, cl.tableid, JET_MoveFirst, 0); err >= 0 && ccol < SHOW_COLUMNS; err = JetMove(sesid, cl.tableid, JET_MoveNext, 0)) {
        ESENT_ULONG cb;
        memset(&rgc[ccol], 0, sizeof rgc[ccol]);
        if (JetRetrieveColumn(sesid, cl.tableid, cl.columnidcolumnname, rgc[ccol].name, JET_cbNameMost, &cb, 0, NULL) < 0) break;
        rgc[ccol].name[cb < JET_cbNameMost ? cb : JET_cbNameMost] = 0;
        if (JetRetrieveColumn(sesid, cl.tableid, cl.columnidcolumnid, &rgc[ccol].id, sizeof rgc[ccol].id, &cb, 0, NULL) < 0) break;
        if (JetRetrieveColumn(sesid, cl.tableid, cl.columnidcoltyp, &rgc[ccol].coltyp, sizeof rgc[ccol].coltyp, &cb, 0, NULL) < 0) break;
        if (JetRetrieveColumn(sesid, cl.tableid, cl.columnidCp, &rgc[ccol].cp, sizeof rgc[ccol].cp, &cb, 0, NULL) < 0) break;
        ccol++;
    }
    (void)JetCloseTable(sesid, cl.tableid);

    ESENT_ULONG crec = 0;
    err = JetMove(sesid, tableid, JET_MoveFirst, 0);
    if (err >= 0)
        err = JetIndexRecordCount(sesid, tableid, &crec, 0xFFFFFFFF);
    printf("    %s: %lu columns, %lu records\n", szTable, (unsigned long)cl.cRecord, err >= 0 ? (unsigned long)crec : 0ul);
    unsigned irow = 0;
    for (err = JetMove(sesid, tableid, JET_MoveFirst, 0); err >= 0 && irow < SHOW_ROWS; err = JetMove(sesid, tableid, JET_MoveNext, 0), irow++) {
        char line[1024];
        size_t o = 0;
        for (unsigned i = 0; i < ccol && o < sizeof line; i++) {
            unsigned char buf[512];
            char sz[300];
            ESENT_ULONG cb = 0;
            JET_ERR e = JetRetrieveColumn(sesid, tableid, rgc[i].id, buf, sizeof buf, &cb, 0, NULL);
            if (e < 0) snprintf(sz, sizeof sz, "<%s>", err_name(e));
            else if (e == JET_wrnColumnNull) snprintf(sz, sizeof sz, "NULL");
            else format_value(rgc[i].coltyp, rgc[i].cp, buf, cb < sizeof buf ? cb : sizeof buf, sz, sizeof sz);
            o += (size_t)snprintf(line + o, sizeof line - o, "%s%s=%s", i ? " " : "", rgc[i].name, sz);
        }
        printf("      %s\n", line);
    }
    if (err < 0 && err != JET_errNoCurrentRecord) {
        printf("      reading rows: %s\n", err_name(err));
        failures++;
    }
    (void)JetCloseTable(sesid, tableid);
}

static void demo_windows_database(JET_SESID sesid, const char *szDb)
{
    JET_DBID dbid = JET_dbidNil;
    JET_ERR err;
    ESENT_ULONG cbPage = 0;

    printf("\nA database made by Windows: %s (read-only)\n", szDb);
    err = must("JetGetDatabaseFileInfo(JET_DbInfoPageSize)", JetGetDatabaseFileInfoA(szDb, &cbPage, sizeof cbPage, JET_DbInfoPageSize));
    if (err < 0) return;
    printf("      page size %lu\n", (unsigned long)cbPage);
    if (must("JetAttachDatabase(JET_bitDbReadOnly)", JetAttachDatabaseA(sesid, szDb, JET_bitDbReadOnly)) < 0)
        return;
    err = must("JetOpenDatabase", JetOpenDatabaseA(sesid, szDb, NULL, &dbid, JET_bitDbReadOnly));
    if (err >= 0) {
        JET_OBJECTLIST ol;
        memset(&ol, 0, sizeof ol);
        ol.cbStruct = sizeof ol;
        err = must("JetGetObjectInfo(JET_ObjInfoList, tables)",
                   JetGetObjectInfoA(sesid, dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol, JET_ObjInfoList));
        if (err >= 0) {
            /* names first: the list's cursor is not needed while the tables are read */
            char rgsz[64][JET_cbNameMost + 1];
            unsigned c = 0;
            for (err = JetMove(sesid, ol.tableid, JET_MoveFirst, 0); err >= 0 && c < 64; err = JetMove(sesid, ol.tableid, JET_MoveNext, 0)) {
                ESENT_ULONG cb = 0;
                if (JetRetrieveColumn(sesid, ol.tableid, ol.columnidobjectname, rgsz[c], JET_cbNameMost, &cb, 0, NULL) < 0) break;
                rgsz[c][cb < JET_cbNameMost ? cb : JET_cbNameMost] = 0;
                if (strncmp(rgsz[c], "MSys", 4) != 0)     /* the catalog's own tables: not shown */
                    c++;
            }
            (void)JetCloseTable(sesid, ol.tableid);
            printf("   %u tables besides the catalog's; the first %d columns of the first %d rows of each:\n", c, SHOW_COLUMNS, SHOW_ROWS);
            for (unsigned i = 0; i < c; i++)
                show_table(sesid, dbid, rgsz[i]);
        }
        must("JetCloseDatabase", JetCloseDatabase(sesid, dbid, 0));
    }
    must("JetDetachDatabase", JetDetachDatabaseA(sesid, szDb));
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    char path[1024];
    JET_INSTANCE inst = JET_instanceNil;
    JET_SESID sesid = JET_sesidNil;
    JET_ERR err;
    ESENT_ULONG version = 0, count = 0;
    JET_INSTANCE_INFO_A *info = NULL;
    JET_API_PTR value = 0;
    char sz[1100];

    snprintf(path, sizeof path, "%s%s", dir, (dir[strlen(dir) - 1] == '\\' || dir[strlen(dir) - 1] == '/') ? "" : "\\");
    printf("esent demo: files go to %s\n\n", path);

    printf("Instance and parameters\n");
    must("JetCreateInstance(\"demo\")", JetCreateInstanceA(&inst, "demo"));
    must("JetSetSystemParameter(JET_paramSystemPath)", JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, path));
    must("JetSetSystemParameter(JET_paramLogFilePath)", JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, path));
    must("JetSetSystemParameter(JET_paramTempPath)", JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, path));
    must("JetSetSystemParameter(JET_paramBaseName, \"dmo\")", JetSetSystemParameterA(&inst, 0, JET_paramBaseName, 0, "dmo"));
    must("JetSetSystemParameter(JET_paramCircularLog, 1)", JetSetSystemParameterA(&inst, 0, JET_paramCircularLog, 1, NULL));
    must("JetSetSystemParameter(JET_paramDatabasePageSize, 4096)", JetSetSystemParameterA(&inst, 0, JET_paramDatabasePageSize, 4096, NULL));
    err = JetGetSystemParameterA(inst, 0, JET_paramBaseName, &value, sz, sizeof sz);
    must("JetGetSystemParameter(JET_paramBaseName)", err);
    if (err >= 0) printf("      base name: %s\n", sz);

    must("JetInit", JetInit(&inst));
    must("JetBeginSession", JetBeginSessionA(inst, &sesid, "", ""));
    err = JetGetVersion(sesid, &version);
    must("JetGetVersion", err);
    if (err >= 0)
        printf("      version %#lx: %lu.%lu build %lu\n", (unsigned long)version, (unsigned long)(version >> 28),
               (unsigned long)((version >> 24) & 0xf), (unsigned long)((version >> 8) & 0xffff));
    err = JetGetInstanceInfoA(&count, &info);
    must("JetGetInstanceInfo", err);
    for (ESENT_ULONG i = 0; err >= 0 && i < count; i++)
        printf("      instance %lu: %s\n", (unsigned long)i, info[i].szInstanceName ? info[i].szInstanceName : "(unnamed)");
    if (info) JetFreeBuffer((char *)info);

    demo_own_database(sesid, path);
    if (argc > 2)
        demo_windows_database(sesid, argv[2]);

    printf("\nShutdown\n");
    must("JetEndSession", JetEndSession(sesid, 0));
    must("JetTerm2(JET_bitTermComplete)", JetTerm2(inst, JET_bitTermComplete));

    printf("\n%s\n", failures ? "SOME STEPS FAILED" : "every step worked");
    return failures ? 1 : 0;
}
