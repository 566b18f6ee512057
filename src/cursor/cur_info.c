/* SPDX-License-Identifier: MIT
 * cursor/cur_info.c: table definitions as the info functions report them: a column's
 * JET_COLUMNDEF fields and grbit, an index's grbit, and the in-memory list tables of
 * JET_ColInfoList / JET_IdxInfoList / JET_ObjInfoList with the columns and row order ESE's
 * temporary tables have (info.cxx's rgcolumndefGet*Info: sorted on their key columns).
 * Layer: cursor (uses catalog, record, btree, ver, os, base). */
#include "cur_int.h"
#include <stdlib.h>

DEBUG_CHANNEL(cursor);

#ifndef JET_bitObjectSystemDynamic
#define JET_bitObjectSystemDynamic 0x08000000u
#endif
#ifndef JET_bitColumnEncrypted
#define JET_bitColumnEncrypted 0x00200000u
#endif
#ifndef JET_bitColumnRenameConvertToPrimaryIndexPlaceholder
#define JET_bitColumnRenameConvertToPrimaryIndexPlaceholder 0x00010000u
#endif
#ifndef JET_bitIndexDeferredPopulateCreate
#define JET_bitIndexDeferredPopulateCreate 0x00080000u
#endif

/* ESE's default country (countryDefault) and the language of the default locale (en-US). */
#define INFO_COUNTRY 1u
#define INFO_LANGID 0x0409u
#define CP_UNICODE 1200u

JET_GRBIT cur_info_column_grbit(const struct rec_cat_column *pc, bool fUpdatable)
{
    JET_GRBIT grbit = rec_fid_is_tagged(pc->fid) ? JET_bitColumnTagged
                    : rec_fid_is_var(pc->fid) ? 0 : JET_bitColumnFixed;
    if (fUpdatable)
        grbit |= JET_bitColumnUpdatable;
    static const struct { uint32_t f; JET_GRBIT bit; } map[] = {
        { REC_FIELD_NOT_NULL, JET_bitColumnNotNULL },
        { REC_FIELD_AUTOINCREMENT, JET_bitColumnAutoincrement },
        { REC_FIELD_VERSION, JET_bitColumnVersion },
        { REC_FIELD_MULTIVALUED, JET_bitColumnMultiValued },
        { REC_FIELD_ESCROW_UPDATE, JET_bitColumnEscrowUpdate },
        { REC_FIELD_FINALIZE, JET_bitColumnFinalize },
        { REC_FIELD_DELETE_ON_ZERO, JET_bitColumnDeleteOnZero },
        { REC_FIELD_USER_DEFINED_DEFAULT, JET_bitColumnUserDefinedDefault },
        { REC_FIELD_COMPRESSED, JET_bitColumnCompressed },
        { REC_FIELD_ENCRYPTED, JET_bitColumnEncrypted },
        { REC_FIELD_PRIMARY_INDEX_PLACEHOLDER, JET_bitColumnRenameConvertToPrimaryIndexPlaceholder },
    };
    for (size_t i = 0; i < ARRAY_SIZE(map); i++)
        if (pc->fFlags & map[i].f)
            grbit |= map[i].bit;
    return grbit;
}

void cur_info_columndef(const struct rec_cat_column *pc, bool fUpdatable, JET_COLUMNDEF *pdef)
{
    memset(pdef, 0, sizeof *pdef);
    pdef->cbStruct = sizeof *pdef;
    pdef->columnid = pc->fid;
    pdef->coltyp = pc->coltyp;
    pdef->wCountry = INFO_COUNTRY;
    pdef->langid = INFO_LANGID;
    pdef->cp = (unsigned short)pc->cp;
    pdef->wCollate = 0;
    pdef->cbMax = pc->cbMax;
    pdef->grbit = cur_info_column_grbit(pc, fUpdatable);
}

JET_GRBIT cur_info_index_grbit(const struct rec_cat_index *pi)
{
    JET_GRBIT grbit = 0;
    const uint32_t f = pi->fidb;
    if (f & REC_IDB_PRIMARY)
        grbit |= JET_bitIndexPrimary;
    if (f & REC_IDB_UNIQUE)
        grbit |= JET_bitIndexUnique;
    if (pi->fTuples)
        grbit |= JET_bitIndexTuples;
    if (f & REC_IDB_CROSS_PRODUCT)
        grbit |= JET_bitIndexCrossProduct;
    if (f & REC_IDB_NESTED_TABLE)
        grbit |= JET_bitIndexNestedTable;
    if (pi->fidx & REC_IDX_DOTNET_GUID)
        grbit |= JET_bitIndexDotNetGuid;
    if (pi->fidx & REC_IDX_DEFERRED_POPULATE)
        grbit |= JET_bitIndexDeferredPopulateCreate;
    if (f & REC_IDB_DISALLOW_TRUNCATION)
        grbit |= JET_bitIndexDisallowTruncation;
    if (f & REC_IDB_NO_NULL_SEG) {
        grbit |= JET_bitIndexDisallowNull;
    } else {
        if (!(f & REC_IDB_ALLOW_ALL_NULLS))
            grbit |= JET_bitIndexIgnoreNull;
        if (!(f & REC_IDB_ALLOW_FIRST_NULL))
            grbit |= JET_bitIndexIgnoreFirstNull;
        if (!(f & REC_IDB_ALLOW_SOME_NULLS))
            grbit |= JET_bitIndexIgnoreAnyNull;
        if (f & REC_IDB_SORT_NULLS_HIGH)
            grbit |= JET_bitIndexSortNullsHigh;
    }
    if (pi->cbKeyMost > JET_cbKeyMost)
        grbit |= JET_bitIndexKeyMost;
    return grbit;
}

/* A text value for a list table: narrow, or UTF-16LE when fUnicode (names are ASCII). */
static JET_ERR set_name(struct cur_mem *m, uint32_t icol, const char *sz, bool fUnicode)
{
    const size_t n = strlen(sz);
    if (!fUnicode)
        return cur_mem_set(m, icol, sz, (uint32_t)n);
    uint8_t rgb[2 * (JET_cbNameMost + 1)];
    const size_t c = MIN(n, (size_t)JET_cbNameMost);
    for (size_t i = 0; i < c; i++) {
        rgb[2 * i] = (uint8_t)sz[i];
        rgb[2 * i + 1] = 0;
    }
    return cur_mem_set(m, icol, rgb, (uint32_t)(2 * c));
}

static JET_ERR set_u32(struct cur_mem *m, uint32_t icol, uint32_t v)
{
    uint8_t rgb[4];
    put_le32(rgb, v);
    return cur_mem_set(m, icol, rgb, 4);
}

static JET_ERR set_u16(struct cur_mem *m, uint32_t icol, uint16_t v)
{
    uint8_t rgb[2];
    put_le16(rgb, v);
    return cur_mem_set(m, icol, rgb, 2);
}

/* ======================================================================== JET_ColInfoList == */

enum {
    CI_PORDER, CI_NAME, CI_COLUMNID, CI_COLTYP, CI_COUNTRY, CI_LANGID, CI_CP, CI_COLLATE, CI_CBMAX, CI_GRBIT,
    CI_DEFAULT, CI_TABLENAME, CI_COLUMNNAME, CI_COUNT
};

struct col_order {
    const struct rec_cat_column *pc;
    bool fByColumnid;
    bool fTemplate;             /* the columnid carries the template bit */
};
/* By name, or by columnid: a Long key, so signed, and the template's columns (bit 31) first. */
static int cmp_col(const void *a, const void *b)
{
    const struct col_order *x = a, *y = b;
    if (x->fByColumnid && x->fTemplate != y->fTemplate)
        return x->fTemplate ? -1 : 1;
    if (x->fByColumnid && x->pc->fid != y->pc->fid)
        return x->pc->fid < y->pc->fid ? -1 : 1;
    return cur_name_cmp(x->pc->szName, y->pc->szName);
}

JET_ERR cur_info_column_list(const struct catalog_table *pt, bool fUnicode, JET_GRBIT grbit, bool fUpdatable,
        struct cursor **ppc, JET_COLUMNLIST *pl)
{
    JET_ERR err;
    const bool fMinimal = (grbit & JET_ColInfoGrbitMinimalInfo) != 0;
    const bool fByColumnid = (grbit & JET_ColInfoGrbitSortByColumnid) != 0;
    const bool fCompact = (grbit & 0x10000000u) != 0;    /* JET_ColInfoGrbitCompacting */
    const uint16_t cpText = fUnicode ? CP_UNICODE : 0;
    const struct cur_mem_column rgcol[CI_COUNT] = {
        { "PresentationOrder", JET_coltypLong, 4, 0 },
        { "ColumnName", JET_coltypText, JET_cbColumnMost, cpText },
        { "Columnid", JET_coltypLong, 4, 0 },
        { "Coltyp", JET_coltypLong, 4, 0 },
        { "Country", JET_coltypShort, 2, 0 },
        { "Langid", JET_coltypShort, 2, 0 },
        { "Cp", JET_coltypShort, 2, 0 },
        { "Collate", JET_coltypShort, 2, 0 },
        { "cbMax", JET_coltypLong, 4, 0 },
        { "grbit", JET_coltypLong, 4, 0 },
        { "Default", fCompact ? JET_coltypBinary : JET_coltypLongBinary, 0, 0 },
        { "BaseTableName", JET_coltypText, JET_cbColumnMost, cpText },
        { "BaseColumnName", JET_coltypText, JET_cbColumnMost, cpText },
    };
    struct cur_mem *m = NULL;
    struct col_order *rg = NULL;
    uint32_t c = 0;

    /* A derived table lists its template's columns too (ESE's ErrInfoGetTableColumnInfo), unless
     * only its own are asked for or it is for compaction. */
    const struct catalog_table *ptT = !(grbit & JET_ColInfoGrbitNonDerivedColumnsOnly) && !fCompact ? pt->ptTemplate : NULL;
    const uint32_t ccolT = ptT ? ptT->ccol : 0;
    const bool fTemplateTable = (pt->table.fFlags & REC_CAT_TABLE_TEMPLATE) != 0;
    *ppc = NULL;
    rg = mem_calloc(pt->ccol + ccolT ? pt->ccol + ccolT : 1, sizeof *rg);
    if (!rg)
        return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 0; i < ccolT; i++)
        if (ptT->rgcol[i].coltyp != JET_coltypNil)
            rg[c++] = (struct col_order){ &ptT->rgcol[i], fByColumnid, true };
    for (uint32_t i = 0; i < pt->ccol; i++) {
        const struct rec_cat_column *pc = &pt->rgcol[i];
        if (pc->coltyp == JET_coltypNil)
            continue;
        if (fCompact && (pc->fFlags & REC_FIELD_PRIMARY_INDEX_PLACEHOLDER))
            continue;
        rg[c++] = (struct col_order){ pc, fByColumnid, fTemplateTable };
    }
    qsort(rg, c, sizeof *rg, cmp_col);
    CALL(cur_mem_new(rgcol, CI_COUNT, &m));
    for (uint32_t i = 0; i < c; i++) {
        const struct rec_cat_column *pc = rg[i].pc;
        JET_COLUMNDEF def;
        cur_info_columndef(pc, fUpdatable, &def);
        if (rg[i].fTemplate)
            def.columnid |= REC_COLUMNID_TEMPLATE;
        CALL(cur_mem_row_begin(m));
        if (fByColumnid)
            CALL(set_u32(m, CI_PORDER, def.columnid));
        CALL(set_name(m, CI_NAME, pc->szName, fUnicode));
        CALL(set_u32(m, CI_COLUMNID, def.columnid));
        if (!fMinimal) {
            CALL(set_u32(m, CI_COLTYP, def.coltyp));
            CALL(set_u16(m, CI_COUNTRY, def.wCountry));
            CALL(set_u16(m, CI_LANGID, def.langid));
            CALL(set_u16(m, CI_CP, def.cp));
            CALL(set_u32(m, CI_CBMAX, def.cbMax));
            CALL(set_u32(m, CI_GRBIT, def.grbit));
            CALL(set_u16(m, CI_COLLATE, def.wCollate));
            if (pc->pbDefault && pc->cbDefault && !(pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT))
                CALL(cur_mem_set(m, CI_DEFAULT, pc->pbDefault, pc->cbDefault));
            CALL(set_name(m, CI_TABLENAME, pt->table.szName, fUnicode));
            CALL(set_name(m, CI_COLUMNNAME, pc->szName, fUnicode));
        }
        CALL(cur_mem_row_end(m));
    }
    memset(pl, 0, sizeof *pl);
    pl->cbStruct = sizeof *pl;
    pl->cRecord = c;
    pl->columnidPresentationOrder = cur_mem_columnid(m, CI_PORDER);
    pl->columnidcolumnname = cur_mem_columnid(m, CI_NAME);
    pl->columnidcolumnid = cur_mem_columnid(m, CI_COLUMNID);
    pl->columnidcoltyp = cur_mem_columnid(m, CI_COLTYP);
    pl->columnidCountry = cur_mem_columnid(m, CI_COUNTRY);
    pl->columnidLangid = cur_mem_columnid(m, CI_LANGID);
    pl->columnidCp = cur_mem_columnid(m, CI_CP);
    pl->columnidCollate = cur_mem_columnid(m, CI_COLLATE);
    pl->columnidcbMax = cur_mem_columnid(m, CI_CBMAX);
    pl->columnidgrbit = cur_mem_columnid(m, CI_GRBIT);
    pl->columnidDefault = cur_mem_columnid(m, CI_DEFAULT);
    pl->columnidBaseTableName = cur_mem_columnid(m, CI_TABLENAME);
    pl->columnidBaseColumnName = cur_mem_columnid(m, CI_COLUMNNAME);
    pl->columnidDefinitionName = cur_mem_columnid(m, CI_NAME);
    err = cur_mem_open(m, ppc);
    m = NULL;
    if (err >= 0) {
        /* ESE leaves the list's cursor on its first row */
        const JET_ERR errMove = cur_move(*ppc, (int32_t)JET_MoveFirst, 0);
        if (errMove < 0 && errMove != JET_errNoCurrentRecord)
            err = errMove;
    }
out:
    cur_mem_free(m);
    mem_free(rg);
    return err;
}

/* ======================================================================== JET_IdxInfoList == */

enum {
    II_NAME, II_GRBIT, II_CKEY, II_CENTRY, II_CPAGE, II_CCOLUMN, II_ICOLUMN, II_COLUMNID, II_COLTYP, II_COUNTRY,
    II_LANGID, II_CP, II_COLLATE, II_GRBITCOL, II_COLUMNNAME, II_LCMAPFLAGS, II_COUNT
};

static int cmp_idx(const void *a, const void *b)
{
    const struct rec_cat_index *const *x = a, *const *y = b;
    return cur_name_cmp((*x)->szName, (*y)->szName);
}

/* The LCID the index's locale stands for (0: the catalog names it by name only). */
static uint16_t index_langid(const struct rec_cat_index *pi)
{
    return pi->lcid ? (uint16_t)(pi->lcid & 0xffffu) : INFO_LANGID;
}

JET_ERR cur_info_index_list(const struct catalog_table *pt, const char *szIndex, bool fUnicode, struct cursor **ppc,
        JET_INDEXLIST *pl)
{
    JET_ERR err;
    const uint16_t cpText = fUnicode ? CP_UNICODE : 0;
    const struct cur_mem_column rgcol[II_COUNT] = {
        { "name", JET_coltypText, JET_cbColumnMost, cpText },
        { "grbit", JET_coltypLong, 4, 0 },
        { "cKey", JET_coltypLong, 4, 0 },
        { "cEntry", JET_coltypLong, 4, 0 },
        { "cPage", JET_coltypLong, 4, 0 },
        { "cColumn", JET_coltypLong, 4, 0 },
        { "iColumn", JET_coltypLong, 4, 0 },
        { "columnid", JET_coltypLong, 4, 0 },
        { "coltyp", JET_coltypLong, 4, 0 },
        { "Country", JET_coltypShort, 2, 0 },
        { "Langid", JET_coltypShort, 2, 0 },
        { "Cp", JET_coltypShort, 2, 0 },
        { "Collate", JET_coltypShort, 2, 0 },
        { "ColumnGrbit", JET_coltypLong, 4, 0 },
        { "ColumnName", JET_coltypText, JET_cbColumnMost, cpText },
        { "LCMapFlags", JET_coltypLong, 4, 0 },
    };
    struct cur_mem *m = NULL;
    const struct rec_cat_index **rg = NULL;
    uint32_t cidx = 0, crow = 0;

    *ppc = NULL;
    rg = mem_calloc(pt->cidx ? pt->cidx : 1, sizeof *rg);
    if (!rg)
        return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 0; i < pt->cidx; i++)
        if (!szIndex || !szIndex[0] || cur_name_cmp(pt->rgidx[i].szName, szIndex) == 0)
            rg[cidx++] = &pt->rgidx[i];
    if (szIndex && szIndex[0] && cidx == 0)
        FAIL(JET_errIndexNotFound);
    qsort(rg, cidx, sizeof *rg, cmp_idx);
    CALL(cur_mem_new(rgcol, II_COUNT, &m));
    for (uint32_t i = 0; i < cidx; i++) {
        const struct rec_cat_index *pi = rg[i];
        const JET_GRBIT grbitIdx = cur_info_index_grbit(pi);
        for (uint32_t iseg = 0; iseg < pi->cseg; iseg++) {
            const uint32_t fid = pi->rgseg[iseg].fid;
            const struct rec_cat_column *pc = NULL;
            for (uint32_t j = 0; j < pt->ccol && !pc; j++)
                if (pt->rgcol[j].fid == fid)
                    pc = &pt->rgcol[j];
            CALL(cur_mem_row_begin(m));
            CALL(set_name(m, II_NAME, pi->szName, fUnicode));
            CALL(set_u32(m, II_GRBIT, grbitIdx));
            /* the statistics (JetComputeStats): none kept */
            CALL(set_u32(m, II_CKEY, 0));
            CALL(set_u32(m, II_CENTRY, 0));
            CALL(set_u32(m, II_CPAGE, 0));
            CALL(set_u32(m, II_CCOLUMN, pi->cseg));
            CALL(set_u32(m, II_ICOLUMN, iseg));
            CALL(set_u32(m, II_COLUMNID, fid | ((pi->rgseg[iseg].fFlags & REC_IDXSEG_TEMPLATE) ? REC_COLUMNID_TEMPLATE : 0)));
            CALL(set_u32(m, II_COLTYP, pc ? pc->coltyp : 0));
            CALL(set_u16(m, II_COUNTRY, INFO_COUNTRY));
            CALL(set_u16(m, II_LANGID, index_langid(pi)));
            CALL(set_u16(m, II_CP, pc ? (uint16_t)pc->cp : 0));
            CALL(set_u16(m, II_COLLATE, 0));
            CALL(set_u32(m, II_GRBITCOL, (pi->rgseg[iseg].fFlags & REC_IDXSEG_DESCENDING) ? JET_bitKeyDescending : 0));
            CALL(set_name(m, II_COLUMNNAME, pc ? pc->szName : "", fUnicode));
            CALL(set_u32(m, II_LCMAPFLAGS, pi->dwLCMapFlags));
            CALL(cur_mem_row_end(m));
            crow++;
        }
    }
    memset(pl, 0, sizeof *pl);
    pl->cbStruct = sizeof *pl;
    pl->cRecord = crow;
    pl->columnidindexname = cur_mem_columnid(m, II_NAME);
    pl->columnidgrbitIndex = cur_mem_columnid(m, II_GRBIT);
    pl->columnidcKey = cur_mem_columnid(m, II_CKEY);
    pl->columnidcEntry = cur_mem_columnid(m, II_CENTRY);
    pl->columnidcPage = cur_mem_columnid(m, II_CPAGE);
    pl->columnidcColumn = cur_mem_columnid(m, II_CCOLUMN);
    pl->columnidiColumn = cur_mem_columnid(m, II_ICOLUMN);
    pl->columnidcolumnid = cur_mem_columnid(m, II_COLUMNID);
    pl->columnidcoltyp = cur_mem_columnid(m, II_COLTYP);
    pl->columnidCountry = cur_mem_columnid(m, II_COUNTRY);
    pl->columnidLangid = cur_mem_columnid(m, II_LANGID);
    pl->columnidCp = cur_mem_columnid(m, II_CP);
    pl->columnidCollate = cur_mem_columnid(m, II_COLLATE);
    pl->columnidgrbitColumn = cur_mem_columnid(m, II_GRBITCOL);
    pl->columnidcolumnname = cur_mem_columnid(m, II_COLUMNNAME);
    pl->columnidLCMapFlags = cur_mem_columnid(m, II_LCMAPFLAGS);
    err = cur_mem_open(m, ppc);
    m = NULL;
    if (err >= 0) {
        const JET_ERR errMove = cur_move(*ppc, (int32_t)JET_MoveFirst, 0);
        if (errMove < 0 && errMove != JET_errNoCurrentRecord)
            err = errMove;
    }
out:
    cur_mem_free(m);
    mem_free(rg);
    return err;
}

/* ======================================================================== JET_ObjInfoList == */

enum { OI_CONTAINER, OI_NAME, OI_OBJTYP, OI_DTCREATE, OI_DTUPDATE, OI_CRECORD, OI_CPAGE, OI_GRBIT, OI_FLAGS, OI_COUNT };

struct obj_collect {
    struct rec_cat_table *rg;
    uint32_t c, cMax;
};
static JET_ERR collect_table(void *pv, const struct rec_cat_table *pt)
{
    struct obj_collect *p = pv;
    if (p->c == p->cMax) {
        const uint32_t cNew = p->cMax ? p->cMax * 2 : 16;
        struct rec_cat_table *rg = mem_realloc(p->rg, (size_t)cNew * sizeof *rg);
        if (!rg)
            return ERR_TRAP(JET_errOutOfMemory);
        p->rg = rg;
        p->cMax = cNew;
    }
    p->rg[p->c++] = *pt;
    return JET_errSuccess;
}
static int cmp_obj(const void *a, const void *b)
{
    const struct rec_cat_table *x = a, *y = b;
    return cur_name_cmp(x->szName, y->szName);
}

uint32_t cur_info_table_flags(const struct rec_cat_table *pt)
{
    uint32_t f = 0;
    /* ESE's FCATSystemTable: the tables whose FDP is one of the catalog's */
    if (pt->objid == REC_CAT_OBJID_MSO || pt->objid == REC_CAT_OBJID_MSO_SHADOW)
        f |= JET_bitObjectSystem;
    else if ((pt->fFlags & (REC_CAT_TABLE_SYSTEM | REC_CAT_TABLE_DYNAMIC)) || !strncmp(pt->szName, "MSys", 4))
        f |= JET_bitObjectSystemDynamic;
    if (pt->fFlags & REC_CAT_TABLE_FIXED_DDL)
        f |= JET_bitObjectTableFixedDDL;
    if (pt->fFlags & REC_CAT_TABLE_TEMPLATE)
        f |= JET_bitObjectTableTemplate;
    else if (pt->szTemplateTable[0])
        f |= JET_bitObjectTableDerived;
    if (pt->fFlags & REC_CAT_TABLE_NO_FIXED_VAR)
        f |= JET_bitObjectTableNoFixedVarColumnsInDerivedTables;
    return f;
}

JET_ERR cur_info_object_list(struct cur_db *cdb, const struct catalog_reader *pview, bool fUnicode, bool fUpdatable, bool fTables, struct cursor **ppc,
        JET_OBJECTLIST *pl)
{
    JET_ERR err;
    struct catalog *cat;
    const uint16_t cpText = fUnicode ? CP_UNICODE : 0;
    const struct cur_mem_column rgcol[OI_COUNT] = {
        { "ContainerName", JET_coltypText, JET_cbColumnMost, cpText },
        { "ObjectName", JET_coltypText, JET_cbColumnMost, cpText },
        { "Objtyp", JET_coltypLong, 4, 0 },
        { "DtCreate", JET_coltypDateTime, 8, 0 },
        { "DtUpdate", JET_coltypDateTime, 8, 0 },
        { "cRecord", JET_coltypLong, 4, 0 },
        { "cPage", JET_coltypLong, 4, 0 },
        { "grbit", JET_coltypLong, 4, 0 },
        { "flags", JET_coltypLong, 4, 0 },
    };
    struct obj_collect oc = { NULL, 0, 0 };
    struct cur_mem *m = NULL;

    *ppc = NULL;
    CALL(cur_db_catalog(cdb, &cat));
    if (fTables)
        CALL(catalog_enum_tables_as(cat, pview, collect_table, &oc));
    qsort(oc.rg, oc.c, sizeof *oc.rg, cmp_obj);
    CALL(cur_mem_new(rgcol, OI_COUNT, &m));
    const uint32_t grbitTable = JET_bitTableInfoBookmark | JET_bitTableInfoRollback
                              | (fUpdatable ? JET_bitTableInfoUpdatable : 0);
    for (uint32_t i = 0; i < oc.c; i++) {
        CALL(cur_mem_row_begin(m));
        CALL(set_name(m, OI_CONTAINER, "Tables", fUnicode));     /* ESE's only container */
        CALL(set_name(m, OI_NAME, oc.rg[i].szName, fUnicode));
        CALL(set_u32(m, OI_OBJTYP, JET_objtypTable));
        /* the statistics (JetComputeStats): none kept */
        CALL(set_u32(m, OI_CRECORD, 0));
        CALL(set_u32(m, OI_CPAGE, 0));
        CALL(set_u32(m, OI_GRBIT, grbitTable));
        CALL(set_u32(m, OI_FLAGS, oc.rg[i].fFlags));            /* the catalog's Flags, as stored */
        CALL(cur_mem_row_end(m));
    }
    memset(pl, 0, sizeof *pl);
    pl->cbStruct = sizeof *pl;
    pl->cRecord = oc.c;
    pl->columnidcontainername = cur_mem_columnid(m, OI_CONTAINER);
    pl->columnidobjectname = cur_mem_columnid(m, OI_NAME);
    pl->columnidobjtyp = cur_mem_columnid(m, OI_OBJTYP);
    pl->columniddtCreate = cur_mem_columnid(m, OI_DTCREATE);
    pl->columniddtUpdate = cur_mem_columnid(m, OI_DTUPDATE);
    pl->columnidgrbit = cur_mem_columnid(m, OI_GRBIT);
    pl->columnidflags = cur_mem_columnid(m, OI_FLAGS);
    pl->columnidcRecord = cur_mem_columnid(m, OI_CRECORD);
    pl->columnidcPage = cur_mem_columnid(m, OI_CPAGE);
    err = cur_mem_open(m, ppc);
    m = NULL;
    if (err >= 0) {
        const JET_ERR errMove = cur_move(*ppc, (int32_t)JET_MoveFirst, 0);
        if (errMove < 0 && errMove != JET_errNoCurrentRecord)
            err = errMove;
    }
out:
    cur_mem_free(m);
    mem_free(oc.rg);
    return err;
}

/* ======================================================================== JetIntersectIndexes */

struct bm_list {
    struct cur_buf *rg;
    uint32_t c, cMax;
};

static void bm_list_free(struct bm_list *pl)
{
    for (uint32_t i = 0; i < pl->c; i++)
        cur_buf_free(&pl->rg[i]);
    mem_free(pl->rg);
    memset(pl, 0, sizeof *pl);
}

static int cmp_bm(const void *a, const void *b)
{
    const struct cur_buf *x = a, *y = b;
    return cur_key_cmp(x->pb, x->cb, y->pb, y->cb);
}

/* The primary bookmarks of the entries from the cursor's current one to the end of its index
 * range (ESE's ErrRECIInsertBookmarksIntoSort), sorted, without duplicates. */
static JET_ERR collect_bookmarks(struct cursor *c, struct bm_list *pl)
{
    JET_ERR err;
    for (err = cur_check_current(c); err >= 0; err = cur_move(c, JET_MoveNext, 0)) {
        if (pl->c == pl->cMax) {
            const uint32_t cNew = pl->cMax ? pl->cMax * 2 : 64;
            struct cur_buf *rg = mem_realloc(pl->rg, (size_t)cNew * sizeof *rg);
            if (!rg)
                return ERR_TRAP(JET_errOutOfMemory);
            memset(rg + pl->cMax, 0, (size_t)(cNew - pl->cMax) * sizeof *rg);
            pl->rg = rg;
            pl->cMax = cNew;
        }
        CALL_R(cur_buf_set(&pl->rg[pl->c], c->idxData.pb, c->idxData.cb));
        pl->c++;
    }
    if (err != JET_errNoCurrentRecord)
        return err;
    qsort(pl->rg, pl->c, sizeof *pl->rg, cmp_bm);
    uint32_t j = 0;
    for (uint32_t i = 0; i < pl->c; i++) {
        if (j && cmp_bm(&pl->rg[j - 1], &pl->rg[i]) == 0) {
            cur_buf_free(&pl->rg[i]);
            continue;
        }
        if (j != i) {
            pl->rg[j] = pl->rg[i];
            memset(&pl->rg[i], 0, sizeof pl->rg[i]);
        }
        j++;
    }
    pl->c = j;
    return JET_errSuccess;
}

JET_ERR cur_intersect(struct cursor *const *rgc, uint32_t cc, struct cursor **ppc, uint32_t *pcRecord,
        JET_COLUMNID *pcolumnidBookmark)
{
    JET_ERR err = JET_errSuccess;
    static const struct cur_mem_column col = { "bookmark", JET_coltypBinary, JET_cbBookmarkMostMost, 0 };
    struct bm_list *rgl = NULL;
    struct cur_mem *m = NULL;
    uint32_t *rgi = NULL;

    *ppc = NULL;
    *pcRecord = 0;
    *pcolumnidBookmark = 0;
    /* ESE's ErrRECICheckIndexrangesForUniqueness: secondary indexes of one table, each once */
    for (uint32_t i = 0; i < cc; i++) {
        if (rgc[i]->mem || !rgc[i]->btIndex)
            return ERR_TRAP(JET_errInvalidParameter);
        CALL_R(cur_sync(rgc[i]));
        for (uint32_t j = 0; j < i; j++)
            if (rgc[j]->pt != rgc[i]->pt || rgc[j]->objidIdx == rgc[i]->objidIdx)
                return ERR_TRAP(JET_errInvalidParameter);
    }
    rgl = mem_calloc(cc, sizeof *rgl);
    rgi = mem_calloc(cc, sizeof *rgi);
    if (!rgl || !rgi)
        FAIL(JET_errOutOfMemory);
    for (uint32_t i = 0; i < cc; i++) {
        CALL(collect_bookmarks(rgc[i], &rgl[i]));
        if (rgl[i].c == 0)
            goto out;                   /* ESE returns no table when a range is empty */
    }
    CALL(cur_mem_new(&col, 1, &m));
    /* merge: a bookmark in every list */
    for (;;) {
        uint32_t iMax = 0;
        bool fEnd = false;
        for (uint32_t i = 0; i < cc; i++)
            if (rgi[i] >= rgl[i].c)
                fEnd = true;
        if (fEnd)
            break;
        for (uint32_t i = 1; i < cc; i++)
            if (cmp_bm(&rgl[i].rg[rgi[i]], &rgl[iMax].rg[rgi[iMax]]) > 0)
                iMax = i;
        bool fAll = true;
        for (uint32_t i = 0; i < cc; i++) {
            while (rgi[i] < rgl[i].c && cmp_bm(&rgl[i].rg[rgi[i]], &rgl[iMax].rg[rgi[iMax]]) < 0)
                rgi[i]++;
            if (rgi[i] >= rgl[i].c || cmp_bm(&rgl[i].rg[rgi[i]], &rgl[iMax].rg[rgi[iMax]]) != 0)
                fAll = false;
        }
        if (!fAll)
            continue;
        const struct cur_buf *pb = &rgl[iMax].rg[rgi[iMax]];
        CALL(cur_mem_row_begin(m));
        CALL(cur_mem_set(m, 0, pb->pb, pb->cb));
        CALL(cur_mem_row_end(m));
        (*pcRecord)++;
        for (uint32_t i = 0; i < cc; i++)
            rgi[i]++;
    }
    *pcolumnidBookmark = cur_mem_columnid(m, 0);
    err = cur_mem_open(m, ppc);
    m = NULL;
    if (err >= 0) {
        const JET_ERR errMove = cur_move(*ppc, (int32_t)JET_MoveFirst, 0);
        if (errMove < 0 && errMove != JET_errNoCurrentRecord)
            err = errMove;
    }
out:
    cur_mem_free(m);
    for (uint32_t i = 0; rgl && i < cc; i++)
        bm_list_free(&rgl[i]);
    mem_free(rgl);
    mem_free(rgi);
    return err;
}
