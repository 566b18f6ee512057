/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_space.c: /ms, the space dump, printed as Windows' esentutl prints it from
 * the trees JetDBUtilities(opDBUTILDumpSpace) hands to its JET_PFNSPACEDATA callback.
 *
 * The layout is Windows': a "PageSize:" line, the "SPACE DUMP" banner as wide as the table, a
 * header row (names right-aligned in their columns; a second row for the fields that hold
 * several numbers), one row per tree (the database root first; names indented two spaces per
 * level), a closing rule, the tree counts, the page totals and the page-number ranges. Small
 * trees (under 0.5% of the database) are left out unless /v or /t asks for them, and a note says
 * so. /d (or /d1) adds the OE and AE trees, /d2 also every tree's extents; /c separates fields
 * with commas; /f picks the fields (a set: #default, #legacy, #spacehints, #lvs, #leaked, #all, or
 * names). Fields that need the engine's page walks (Data, Internal, Depth, histograms of nodes
 * and long values) are recognized; the engine answers JET_errFeatureNotAvailable for them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "esentutl.h"
#include "esent_private.h"
#include "os.h"

/* ---- fields ----------------------------------------------------------------------------------- */

enum fld {
    F_FULLNAME, F_OWNINGTABLE, F_TYPE, F_OBJID, F_PGNOFDP, F_PRIEXT, F_PRIEXTTYPE, F_PRIEXTCPG, F_PGNOOE,
    F_PGNOAE, F_OWNMIN, F_OWNMAX, F_OWNEDEXTS, F_OWNED, F_OWNEDCACHE, F_OWNEDMB, F_OPCTDB, F_OPCTTBL,
    F_AVAILEXTS, F_AVAIL, F_AVAILCACHE, F_AVAILMB, F_APCTTBL, F_SPBUF, F_SPBUFMB, F_SPBUFPCT, F_SPCRESERVE,
    F_AUTOINC, F_RESERVED, F_RESERVEDMB, F_RESERVEDPCT, F_OWNEXT, F_GENAVAILEXT, F_CONTIGAVAILEXT,
    F_SH_IDENSITY, F_SH_ISIZE, F_SH_GRBIT, F_SH_MDENSITY, F_SH_GROWTH, F_SH_MINEXT, F_SH_MAXEXT, F_NAME,
    F_UNSUPPORTED,      /* needs the engine's page walks: never printed (the engine refuses them) */
};

#define CCH_MAM 48u
static const char szMAM[] = "   Count,  Min,  Ave, StdDev,  Max,       Total";

struct field {
    const char *sz;
    unsigned cch;
    enum fld id;
    JET_GRBIT grbit;    /* what the engine must collect for it */
};

#define CAT JET_bitDBUtilSpaceInfoBasicCatalog
#define SPT JET_bitDBUtilSpaceInfoSpaceTrees
#define POL JET_bitDBUtilSpaceInfoParentOfLeaf
#define FW  JET_bitDBUtilSpaceInfoFullWalk

/* Windows' fields, in Windows' order (it decides /f#all), with its column widths. */
static const struct field rgField[] = {
    { "FullName", 77, F_FULLNAME, CAT }, { "OwningTableName", 68, F_OWNINGTABLE, CAT },
    { "Type", 4, F_TYPE, CAT }, { "ObjidFDP", 10, F_OBJID, CAT }, { "PgnoFDP", 10, F_PGNOFDP, CAT },
    { "PriExt", 7, F_PRIEXT, SPT }, { "PriExtType", 10, F_PRIEXTTYPE, SPT }, { "PriExtCpg", 9, F_PRIEXTCPG, SPT },
    { "PgnoOE", 10, F_PGNOOE, SPT }, { "PgnoAE", 10, F_PGNOAE, SPT }, { "OwnPgnoMin", 10, F_OWNMIN, SPT },
    { "OwnPgnoMax", 10, F_OWNMAX, SPT }, { "OwnedExts", 10, F_OWNEDEXTS, SPT }, { "Owned", 10, F_OWNED, SPT },
    { "Owned(Cache)", 12, F_OWNEDCACHE, SPT }, { "Owned(MB)", 12, F_OWNEDMB, SPT }, { "O%OfDb", 9, F_OPCTDB, SPT },
    { "O%OfTable", 9, F_OPCTTBL, SPT }, { "Data", 10, F_UNSUPPORTED, POL }, { "Data(MB)", 12, F_UNSUPPORTED, POL },
    { "D%OfDb", 9, F_UNSUPPORTED, POL }, { "AvailExts", 10, F_AVAILEXTS, SPT }, { "Available", 10, F_AVAIL, SPT },
    { "Avail(Cache)", 12, F_AVAILCACHE, SPT }, { "Avail(MB)", 12, F_AVAILMB, SPT }, { "Avail%Tbl", 9, F_APCTTBL, SPT },
    { "SPBuffers", 10, F_SPBUF, SPT }, { "SPBuf(MB)", 12, F_SPBUFMB, SPT }, { "SPBuf%Tbl", 9, F_SPBUFPCT, SPT },
    { "SpcReserve", 10, F_SPCRESERVE, SPT }, { "AutoInc", 10, F_AUTOINC, SPT }, { "Reserved", 10, F_RESERVED, SPT },
    { "Reser(MB)", 12, F_RESERVEDMB, SPT }, { "Reser%Tbl", 9, F_RESERVEDPCT, SPT },
    { "OwnExt", CCH_MAM, F_OWNEXT, SPT }, { "GenAvailExt", CCH_MAM, F_GENAVAILEXT, SPT },
    { "ContigAvailExt", CCH_MAM, F_CONTIGAVAILEXT, SPT },
    { "Empty", 5, F_UNSUPPORTED, POL }, { "Internal", 10, F_UNSUPPORTED, POL }, { "Internal(MB)", 12, F_UNSUPPORTED, POL },
    { "Depth", 5, F_UNSUPPORTED, POL }, { "IORuns", 6, F_UNSUPPORTED, POL }, { "IORuns(histo)", 120, F_UNSUPPORTED, POL },
    { "FwdScans", 8, F_UNSUPPORTED, POL }, { "Int:FreeBytes", CCH_MAM, F_UNSUPPORTED, POL },
    { "Int:Nodes", CCH_MAM, F_UNSUPPORTED, POL }, { "Int:Nodes(histo)", 152, F_UNSUPPORTED, POL },
    { "Int:KeySizes", CCH_MAM, F_UNSUPPORTED, POL }, { "Int:KeyComp", CCH_MAM, F_UNSUPPORTED, POL },
    { "Data:FreeBytes", CCH_MAM, F_UNSUPPORTED, FW }, { "Data:Nodes", CCH_MAM, F_UNSUPPORTED, FW },
    { "Data:Nodes(histo)", 152, F_UNSUPPORTED, FW }, { "Node%Tbl", 9, F_UNSUPPORTED, FW },
    { "Data:KeySizes", CCH_MAM, F_UNSUPPORTED, FW }, { "Data:DataSizes", CCH_MAM, F_UNSUPPORTED, FW },
    { "Data:KeyComp", CCH_MAM, F_UNSUPPORTED, FW }, { "Data:ReservedTags", CCH_MAM, F_UNSUPPORTED, FW },
    { "Data:Unreclaim", CCH_MAM, F_UNSUPPORTED, FW }, { "VersndNode", 10, F_UNSUPPORTED, FW },
    { "cLVRefs", 12, F_UNSUPPORTED, FW }, { "cCorrLVs", 12, F_UNSUPPORTED, FW }, { "cSepRtChk", 12, F_UNSUPPORTED, FW },
    { "cPartDelLVs", 12, F_UNSUPPORTED, FW }, { "lidMax", 12, F_UNSUPPORTED, FW }, { "LV:ChunkSize", 12, F_UNSUPPORTED, FW },
    { "LV:Size", 14, F_UNSUPPORTED, FW }, { "LV:Size(histo)", 120, F_UNSUPPORTED, FW }, { "LV:Comp", 12, F_UNSUPPORTED, FW },
    { "LV:Comp(histo)", 120, F_UNSUPPORTED, FW }, { "LV:Ratio(histo)", 120, F_UNSUPPORTED, FW },
    { "LV:Seeks", 12, F_UNSUPPORTED, FW }, { "LV:Seeks(histo)", 120, F_UNSUPPORTED, FW },
    { "LV:Bytes", 12, F_UNSUPPORTED, FW }, { "LV:Bytes(histo)", 120, F_UNSUPPORTED, FW },
    { "LV:ExtraSeeks", 13, F_UNSUPPORTED, FW }, { "LV:ExtraSeeks(histo)", 120, F_UNSUPPORTED, FW },
    { "LV:ExtraBytes", 13, F_UNSUPPORTED, FW }, { "LV:ExtraBytes(histo)", 120, F_UNSUPPORTED, FW },
    { "SH:IDensity", 11, F_SH_IDENSITY, CAT }, { "SH:ISize(KB)", 12, F_SH_ISIZE, CAT }, { "SH:grbit", 9, F_SH_GRBIT, CAT },
    { "SH:MDensity", 11, F_SH_MDENSITY, CAT }, { "SH:Growth", 9, F_SH_GROWTH, CAT },
    { "SH:MinExt(KB)", 13, F_SH_MINEXT, CAT }, { "SH:MaxExt(KB)", 13, F_SH_MAXEXT, CAT },
    { "Name", 23, F_NAME, CAT },
};

static const struct { const char *szSet, *szFields; bool fSmall, fSpaceTrees, fLeaks; } rgSet[] = {
    { "#default", "Name,Type,Owned(MB),O%OfDb,O%OfTable,Avail(MB),Avail%Tbl,AutoInc", false, false, false },
    { "#legacy", "name,type,objidfdp,pgnofdp,priext,owned,available", true, false, false },
    { "#leaked", "Name,Type,ObjidFDP,PriExt,PgnoFDP,Owned,Available,Internal,Data", true, true, true },
    { "#spacehints", "Name,Type,SH:IDensity,SH:ISize(KB),SH:grbit,SH:MDensity,SH:Growth,SH:MinExt(KB),SH:MaxExt(KB)",
      false, false, false },
    { "#lvs", "FullName,Type,LV:Size,LV:Size(histo),LV:Comp,LV:Comp(histo),LV:Ratio(histo),LV:Seeks,LV:Seeks(histo),"
              "LV:ExtraSeeks,LV:ExtraSeeks(histo),LV:Bytes,LV:Bytes(histo),LV:ExtraBytes,LV:ExtraBytes(histo),"
              "Data:FreeBytes,Data:Nodes,Data:KeySizes,Data:DataSizes,Data:Unreclaim,VersndNode,cLVRefs,cCorrLVs,"
              "cSepRtChk,lidMax,LV:ChunkSize,OwnExt,GenAvailExt", false, false, false },
};

/* Trees smaller than this share of the database are left out (Windows' 0.5%). */
#define SMALL_TREE_SHARE 0.005

struct ctx {
    const struct field *rgpf[ARRAY_SIZE(rgField)];
    unsigned cf;
    char chSep;
    JET_GRBIT grbit;
    bool fSmall, fSpaceTrees, fSpaceNodes, fOneTable;
    uint32_t cbPage;
    /* accumulated */
    uint32_t rgcTrees[eBTreeTypeMax];
    uint32_t cpgDbOwned, cpgTotalAvail, cpgShelved, pgnoLast;
    uint32_t pgnoUsedMin, pgnoUsedMax, pgnoEndUnusedBegin, pgnoEndUnusedEnd, pgnoShelvedMin, pgnoShelvedMax;
    uint32_t cpgCurrentTableOwned;
    bool fSquelched;
};

static bool word_ieq(const char *a, size_t cch, const char *b)
{
    if (strlen(b) != cch) return false;
    for (size_t i = 0; i < cch; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

static JET_ERR set_fields(struct ctx *pc, const char *szFields)
{
    for (size_t i = 0; i < ARRAY_SIZE(rgSet); i++) {
        if (word_ieq(szFields, strlen(szFields), rgSet[i].szSet)) {
            pc->fSmall |= rgSet[i].fSmall;
            pc->fSpaceTrees |= rgSet[i].fSpaceTrees;
            if (rgSet[i].fLeaks) pc->grbit |= POL;
            szFields = rgSet[i].szFields;
            break;
        }
    }
    if (word_ieq(szFields, strlen(szFields), "#all")) {
        pc->cf = 0;
        for (size_t i = 0; i < ARRAY_SIZE(rgField); i++) {
            pc->rgpf[pc->cf++] = &rgField[i];
            pc->grbit |= rgField[i].grbit;
        }
        return JET_errSuccess;
    }
    pc->cf = 0;
    for (const char *p = szFields; *p;) {
        const char *q = strchr(p, ',');
        size_t cch = q ? (size_t)(q - p) : strlen(p);
        if (cch) {
            const struct field *pf = NULL;
            for (size_t i = 0; i < ARRAY_SIZE(rgField) && !pf; i++)
                if (word_ieq(p, cch, rgField[i].sz)) pf = &rgField[i];
            if (!pf) {
                printf("Did not recognize the field: %.*s\n", (int)cch, p);
                return JET_errInvalidParameter;
            }
            if (pc->cf < ARRAY_SIZE(pc->rgpf)) pc->rgpf[pc->cf++] = pf;
            pc->grbit |= pf->grbit;
        }
        p += cch + (q ? 1 : 0);
    }
    return JET_errSuccess;
}

/* ---- printing one row --------------------------------------------------------------------------- */

static void sep(const struct ctx *pc, unsigned i)
{
    if (i + 1 < pc->cf) putchar(pc->chSep);
    else putchar('\n');
}

static void fill(char ch, unsigned cch)
{
    while (cch--) putchar(ch);
}

static void print_null(const struct ctx *pc, const struct field *pf)
{
    unsigned cSep = pf->id >= F_OWNEXT && pf->id <= F_CONTIGAVAILEXT ? 5 : 0;
    fill(' ', pf->cch - cSep);
    fill(pc->chSep, cSep);
}

static uint64_t cb_of(const struct ctx *pc, uint32_t cpg) { return (uint64_t)cpg * pc->cbPage; }

/* Windows' MB figure: whole megabytes, then thousandths rounded from the kilobytes. */
static void print_mb(const struct ctx *pc, const struct field *pf, uint32_t cpg)
{
    const uint64_t cb = cb_of(pc, cpg), kb = cb / 1024;
    const unsigned mb = (unsigned)(kb / 1024);
    const unsigned dec = (unsigned)((kb % 1024) * 1000 / 1024 + (((kb % 1024) * 10000 / 1024) >= 5 ? 1 : 0));
    printf("%*u.%03u", (int)pf->cch - 4, mb, dec);
}

static void print_pct(const struct field *pf, double pct)
{
    printf("%*.*f%%", (int)pf->cch - 1, 2, pct);
}

static uint32_t pgno_first(const BTREE_SPACE_EXTENT_INFO *pe)
{
    return pe->pgnoLast - pe->cpgExtent + 1;
}

static uint32_t pgno_min_owned(const BTREE_STATS_SPACE_TREES *ps)
{
    uint32_t pgno = UINT32_MAX;
    for (uint32_t i = 0; i < ps->cOwnedExtents; i++)
        if (ps->prgOwnedExtents[i].cpgExtent) pgno = MIN(pgno, pgno_first(&ps->prgOwnedExtents[i]));
    return pgno == UINT32_MAX ? 0 : pgno;
}

static uint32_t pgno_max_owned(const BTREE_STATS_SPACE_TREES *ps)
{
    uint32_t pgno = 0;
    for (uint32_t i = 0; i < ps->cOwnedExtents; i++) pgno = MAX(pgno, ps->prgOwnedExtents[i].pgnoLast);
    return pgno;
}

/* Count, min, average, standard deviation (of the population), max and total. */
static void print_mam(const BTREE_SPACE_EXTENT_INFO *rg, uint32_t c, int which)
{
    uint64_t n = 0, min = UINT64_MAX, max = 0, tot = 0;
    double sq = 0;
    for (uint32_t i = 0; i < c; i++) {
        const BTREE_SPACE_EXTENT_INFO *pe = &rg[i];
        bool fIn = which == 0 ? true
                 : which == 1 ? (pe->iPool == JET_SpacePoolGeneral || pe->iPool == JET_SpacePoolPrimaryExt)
                              : (pe->iPool == JET_SpacePoolContinuous && pe->cpgExtent != 0);
        if (!fIn) continue;
        n++;
        min = MIN(min, pe->cpgExtent);
        max = MAX(max, pe->cpgExtent);
        tot += pe->cpgExtent;
        sq += (double)pe->cpgExtent * pe->cpgExtent;
    }
    if (!n) {
        printf("       0,     ,     ,       ,     ,            ");
        return;
    }
    const double ave = (double)tot / (double)n;
    const double var = sq / (double)n - ave * ave;
    printf("%8llu,%5llu,%5.0f,%7.0f,%5llu,%12llu", (unsigned long long)n, (unsigned long long)min, ave,
           sqrt(var > 0 ? var : 0), (unsigned long long)max, (unsigned long long)tot);
}

static const char *table_of(const BTREE_STATS *p, char *sz, size_t cb);

static void print_name(const BTREE_STATS *p, const struct field *pf, bool fFull)
{
    char sz[256];
    unsigned cchIndent = 0;
    for (const BTREE_STATS *q = p; q->pParent; q = q->pParent) {
        printf("  ");
        cchIndent += 2;
    }
    (void)fFull;
    if (os_utf16_to_acp(p->pBasicCatalog->rgName, sz, sizeof sz, NULL) < 0) snprintf(sz, sizeof sz, "?");
    int cch = (int)(pf->cch > cchIndent ? pf->cch - cchIndent : 0);
    printf("%-*.*s", cch, cch, sz);
}

static void print_field(const struct ctx *pc, const BTREE_STATS *p, const struct field *pf)
{
    const BTREE_STATS_BASIC_CATALOG *pcat = p->pBasicCatalog;
    const BTREE_STATS_SPACE_TREES *ps = p->pSpaceTrees;
    const JET_SPACEHINTS *ph = pcat ? pcat->pSpaceHints : NULL;
    const bool fRoot = pcat && pcat->eType == eBTreeTypeInternalDbRootSpace;
    char sz[256];
    const int w = (int)pf->cch;

    if (pf->grbit == SPT && !ps) {
        print_null(pc, pf);
        return;
    }
    switch (pf->id) {
    case F_FULLNAME: print_name(p, pf, true); break;
    case F_NAME: print_name(p, pf, false); break;
    case F_OWNINGTABLE: printf("%-*.*s", w, w, table_of(p, sz, sizeof sz)); break;
    case F_TYPE:
        switch (pcat->eType) {
        case eBTreeTypeInternalDbRootSpace: printf(" Db "); break;
        case eBTreeTypeInternalSpaceOE: printf(" OE "); break;
        case eBTreeTypeInternalSpaceAE: printf(" AE "); break;
        case eBTreeTypeUserClusteredIndex: printf(" Pri"); break;
        case eBTreeTypeInternalLongValue: printf(" LV "); break;
        case eBTreeTypeUserSecondaryIndex: printf(" Idx"); break;
        default: printf("???"); break;
        }
        break;
    case F_OBJID: printf("%*lu", w, (unsigned long)pcat->objidFDP); break;
    case F_PGNOFDP: printf("%*lu", w, (unsigned long)pcat->pgnoFDP); break;
    case F_PRIEXT: printf("%*lu-%c", 5, (unsigned long)ps->cpgPrimary, ps->fMultiExtent ? 'm' : 's'); break;
    case F_PRIEXTTYPE: printf("%*s", w, ps->fMultiExtent ? "multi" : "single"); break;
    case F_PRIEXTCPG: {
        uint32_t cpg = 0;
        for (uint32_t i = 0; i < ps->cOwnedExtents; i++)
            if (pgno_first(&ps->prgOwnedExtents[i]) == pcat->pgnoFDP) cpg = ps->prgOwnedExtents[i].cpgExtent;
        printf("%*lu", w, (unsigned long)cpg);
        break;
    }
    case F_PGNOOE: printf("%*lu", w, (unsigned long)ps->pgnoOE); break;
    case F_PGNOAE: printf("%*lu", w, (unsigned long)ps->pgnoAE); break;
    case F_OWNMIN: printf("%*lu", w, (unsigned long)pgno_min_owned(ps)); break;
    case F_OWNMAX: printf("%*lu", w, (unsigned long)pgno_max_owned(ps)); break;
    case F_OWNEDEXTS: printf("%*lu", w, (unsigned long)ps->cOwnedExtents); break;
    case F_OWNED: printf("%*lu", w, (unsigned long)ps->cpgOwned); break;
    case F_OWNEDCACHE: printf("%*lu", w, (unsigned long)ps->cpgOwnedCache); break;
    case F_OWNEDMB: print_mb(pc, pf, ps->cpgOwned); break;
    case F_OPCTDB: print_pct(pf, pc->cpgDbOwned ? (double)ps->cpgOwned / pc->cpgDbOwned * 100 : 0); break;
    case F_OPCTTBL:
        if (!fRoot && pc->cpgCurrentTableOwned) print_pct(pf, (double)ps->cpgOwned / pc->cpgCurrentTableOwned * 100);
        else print_null(pc, pf);
        break;
    case F_AVAILEXTS: printf("%*lu", w, (unsigned long)ps->cAvailExtents); break;
    case F_AVAIL: printf("%*lu", w, (unsigned long)ps->cpgAvailable); break;
    case F_AVAILCACHE: printf("%*lu", w, (unsigned long)ps->cpgAvailableCache); break;
    case F_AVAILMB: print_mb(pc, pf, ps->cpgAvailable); break;
    case F_APCTTBL:
        if (!fRoot && pc->cpgCurrentTableOwned) print_pct(pf, (double)ps->cpgAvailable / pc->cpgCurrentTableOwned * 100);
        else print_null(pc, pf);
        break;
    case F_SPBUF: printf("%*lu", w, (unsigned long)ps->cpgSpaceTreeAvailable); break;
    case F_SPBUFMB: print_mb(pc, pf, ps->cpgSpaceTreeAvailable); break;
    case F_SPBUFPCT:
        if (!fRoot && pc->cpgCurrentTableOwned)
            print_pct(pf, (double)ps->cpgSpaceTreeAvailable / pc->cpgCurrentTableOwned * 100);
        else print_null(pc, pf);
        break;
    case F_SPCRESERVE: {
        uint32_t cpg = 0;
        for (uint32_t i = 0; i < ps->cAvailExtents; i++)
            if (ps->prgAvailExtents[i].iPool == JET_SpacePoolOwnedTreeAvail ||
                ps->prgAvailExtents[i].iPool == JET_SpacePoolAvailTreeAvail)
                cpg += ps->prgAvailExtents[i].cpgExtent;
        printf("%*lu", w, (unsigned long)cpg);
        break;
    }
    case F_AUTOINC:
        if (pcat->eType == eBTreeTypeUserClusteredIndex && ps->fAutoIncPresents)
            printf("%*lld", w, (long long)ps->qwAutoInc);
        else print_null(pc, pf);
        break;
    case F_RESERVED: printf("%*lu", w, (unsigned long)ps->cpgReserved); break;
    case F_RESERVEDMB: print_mb(pc, pf, ps->cpgReserved); break;
    case F_RESERVEDPCT:
        if (!fRoot && pc->cpgCurrentTableOwned) print_pct(pf, (double)ps->cpgReserved / pc->cpgCurrentTableOwned * 100);
        else print_null(pc, pf);
        break;
    case F_OWNEXT: print_mam(ps->prgOwnedExtents, ps->cOwnedExtents, 0); break;
    case F_GENAVAILEXT: print_mam(ps->prgAvailExtents, ps->cAvailExtents, 1); break;
    case F_CONTIGAVAILEXT: print_mam(ps->prgAvailExtents, ps->cAvailExtents, 2); break;
    case F_SH_IDENSITY: if (ph) printf("%*lu%%", w - 1, (unsigned long)ph->ulInitialDensity); else print_null(pc, pf); break;
    case F_SH_ISIZE: if (ph) printf("%*lu", w, (unsigned long)(ph->cbInitial / 1024)); else print_null(pc, pf); break;
    case F_SH_GRBIT:
        if (ph) {
            snprintf(sz, sizeof sz, "0x%lx", (unsigned long)ph->grbit);
            printf("%*s", w, sz);
        } else print_null(pc, pf);
        break;
    case F_SH_MDENSITY: if (ph) printf("%*lu%%", w - 1, (unsigned long)ph->ulMaintDensity); else print_null(pc, pf); break;
    case F_SH_GROWTH: if (ph) printf("%*lu%%", w - 1, (unsigned long)ph->ulGrowth); else print_null(pc, pf); break;
    case F_SH_MINEXT: if (ph) printf("%*lu", w, (unsigned long)(ph->cbMinExtent / 1024)); else print_null(pc, pf); break;
    case F_SH_MAXEXT: if (ph) printf("%*lu", w, (unsigned long)(ph->cbMaxExtent / 1024)); else print_null(pc, pf); break;
    case F_UNSUPPORTED: print_null(pc, pf); break;
    }
}

/* The table a tree belongs to (Windows' WszTableOfStats). */
static const char *table_of(const BTREE_STATS *p, char *sz, size_t cb)
{
    const BTREE_STATS *q = p;
    switch (p->pBasicCatalog->eType) {
    case eBTreeTypeInternalDbRootSpace: return "DbRoot";
    case eBTreeTypeUserClusteredIndex: break;
    case eBTreeTypeInternalLongValue: case eBTreeTypeUserSecondaryIndex: q = p->pParent; break;
    case eBTreeTypeInternalSpaceOE: case eBTreeTypeInternalSpaceAE:
        if (p->pParent->pBasicCatalog->eType == eBTreeTypeInternalDbRootSpace) return "DbRoot";
        q = p->pParent->pParent && p->pParent->pParent->pBasicCatalog->eType != eBTreeTypeInternalDbRootSpace
            ? p->pParent->pParent : p->pParent;
        break;
    default: return "UNKNOWN";
    }
    if (!q || os_utf16_to_acp(q->pBasicCatalog->rgName, sz, cb, NULL) < 0) snprintf(sz, cb, "?");
    return sz;
}

static void print_row(const struct ctx *pc, const BTREE_STATS *p)
{
    for (unsigned i = 0; i < pc->cf; i++) {
        print_field(pc, p, pc->rgpf[i]);
        sep(pc, i);
    }
}

static unsigned table_width(const struct ctx *pc)
{
    unsigned cch = 0;
    for (unsigned i = 0; i < pc->cf; i++) cch += pc->rgpf[i]->cch + 1;
    return cch;
}

/* A rule of ch as wide as the table, cut to the fields' widths as Windows does. */
static void rule(const struct ctx *pc, char ch, unsigned cchDone)
{
    unsigned cchLeft = MAX(table_width(pc), cchDone) - cchDone;
    for (unsigned i = 0; cchLeft && i < pc->cf; i++) {
        unsigned cch = MIN(cchLeft, pc->rgpf[i]->cch + 1);
        fill(ch, cch);
        cchLeft -= cch;
    }
    putchar('\n');
}

static void print_headers(const struct ctx *pc)
{
    static const char szBanner[] = "******************************** SPACE DUMP *******";
    bool fSecond = false;
    printf("        PageSize: %lu\n\n", (unsigned long)pc->cbPage);
    printf("%s", szBanner);
    rule(pc, '*', (unsigned)strlen(szBanner));
    for (unsigned i = 0; i < pc->cf; i++) {
        const struct field *pf = pc->rgpf[i];
        const unsigned cch = (unsigned)strlen(pf->sz);
        const unsigned cExtra = pf->cch == CCH_MAM ? 5 : 0;
        fSecond |= cExtra != 0;
        if (pf->id == F_NAME || pf->id == F_FULLNAME)
            printf("%s%*s", pf->sz, (int)(pf->cch - cch), "");
        else if (pc->chSep == ',' && cExtra) {
            fill(' ', pf->cch - cch - cExtra);
            fill(',', cExtra);
            printf("%s", pf->sz);
        } else
            printf("%*s", (int)pf->cch, pf->sz);
        sep(pc, i);
    }
    if (fSecond) {
        for (unsigned i = 0; i < pc->cf; i++) {
            if (pc->rgpf[i]->cch == CCH_MAM) printf("%s", szMAM);
            else fill(' ', pc->rgpf[i]->cch);
            sep(pc, i);
        }
    }
    rule(pc, '=', 0);
}

/* Where the database ends in free space (Windows' EseutilCalculateLastAvailableDbLogicalExtentRange). */
static void db_end_unused(struct ctx *pc, const BTREE_STATS_SPACE_TREES *ps)
{
    const uint32_t lMax = 0x7FFFFFFFu;
    pc->pgnoEndUnusedBegin = pc->pgnoEndUnusedEnd = lMax;
    if (!ps->cOwnedExtents) return;
    const uint32_t pgnoOELast = ps->prgOwnedExtents[ps->cOwnedExtents - 1].pgnoLast;
    uint32_t cAvail = ps->cAvailExtents;
    while (cAvail && ps->prgAvailExtents[cAvail - 1].iPool == JET_SpacePoolShelved) cAvail--;
    if (!cAvail) {
        pc->pgnoEndUnusedBegin = pgnoOELast + 1;
        return;
    }
    const BTREE_SPACE_EXTENT_INFO *rg = ps->prgAvailExtents;
    if (pgnoOELast == rg[cAvail - 1].pgnoLast && rg[ps->cAvailExtents - 1].cpgExtent != 0) {
        pc->pgnoEndUnusedBegin = pgno_first(&rg[cAvail - 1]);
        pc->pgnoEndUnusedEnd = rg[cAvail - 1].pgnoLast;
        for (uint32_t i = cAvail - 1; i > 0; i--) {
            if (rg[i - 1].pgnoLast + 1 != pgno_first(&rg[i])) break;
            pc->pgnoEndUnusedBegin = pgno_first(&rg[i - 1]);
        }
    } else {
        pc->pgnoEndUnusedBegin = pgnoOELast + 1;
    }
}

static const char *pool_name(uint32_t pool)
{
    switch (pool) {
    case JET_SpacePoolGeneral: return "Gen";
    case JET_SpacePoolContinuous: return "Cont";
    case JET_SpacePoolShelved: return "Shvd";
    case JET_SpacePoolPrimaryExt: return "Pri";
    case JET_SpacePoolOwnedTreeAvail: return "OeRes";
    case JET_SpacePoolAvailTreeAvail: return "AeRes";
    default: return "Unkn";
    }
}

static bool ext_contains(const BTREE_SPACE_EXTENT_INFO *po, uint32_t pgno)
{
    return po->cpgExtent && pgno >= pgno_first(po) && pgno <= po->pgnoLast;
}

/* /d2: each owned extent with the available extents inside it, then what no owned extent holds
 * (Windows' EseutilPrintSpaceTrees; shelved runs beyond the end of the file are printed alone). */
static void print_space_nodes(const struct ctx *pc, const char *szTable, const char *szTree,
        const BTREE_STATS_SPACE_TREES *ps)
{
    bool *rgfDone = calloc(ps->cAvailExtents ? ps->cAvailExtents : 1, sizeof *rgfDone);
    if (!rgfDone) return;
    for (uint32_t o = 0; o < ps->cOwnedExtents; o++) {
        const BTREE_SPACE_EXTENT_INFO *po = &ps->prgOwnedExtents[o];
        printf("        space[%s\\%s]  OE[  %5lu]: %6lu - %6lu (%4lu, ", szTable, szTree, (unsigned long)po->pgnoSpaceNode,
               (unsigned long)pgno_first(po), (unsigned long)po->pgnoLast, (unsigned long)po->cpgExtent);
        if (po->pgnoLast > pc->pgnoLast) printf(">EOF[OK]");
        printf("):  ");
        uint32_t cExt = 0, cpg = 0, cMarkers = 0;
        for (uint32_t a = 0; a < ps->cAvailExtents; a++) {
            const BTREE_SPACE_EXTENT_INFO *pa = &ps->prgAvailExtents[a];
            if (pa->cpgExtent && ext_contains(po, pgno_first(pa)) && ext_contains(po, pa->pgnoLast)) {
                cpg += pa->cpgExtent;
                cExt++;
            } else if (!pa->cpgExtent && ext_contains(po, pa->pgnoLast)) {
                cMarkers++;
            }
        }
        if (cExt || cMarkers)
            printf("AEs(%lu extents, %lu markers, %lu pages)  Extents: ", (unsigned long)cExt, (unsigned long)cMarkers,
                   (unsigned long)cpg);
        for (uint32_t a = 0; a < ps->cAvailExtents; a++) {
            const BTREE_SPACE_EXTENT_INFO *pa = &ps->prgAvailExtents[a];
            bool fIn = pa->cpgExtent ? ext_contains(po, pgno_first(pa)) && ext_contains(po, pa->pgnoLast)
                                     : ext_contains(po, pa->pgnoLast);
            if (!fIn || rgfDone[a]) continue;
            printf("[%lu]%lu-%lu (%lu, Pool: %s%s), ", (unsigned long)pa->pgnoSpaceNode,
                   (unsigned long)(pa->cpgExtent ? pgno_first(pa) : pa->pgnoLast), (unsigned long)pa->pgnoLast,
                   (unsigned long)pa->cpgExtent, pool_name(pa->iPool),
                   pa->iPool == JET_SpacePoolContinuous && !pa->cpgExtent ? "-Marker"
                   : pa->iPool == JET_SpacePoolShelved && pa->pgnoLast <= pc->pgnoLast ? "-<EOF" : "");
            rgfDone[a] = true;
        }
        printf("\n");
    }
    for (uint32_t a = 0; a < ps->cAvailExtents; a++) {
        if (rgfDone[a]) continue;
        const BTREE_SPACE_EXTENT_INFO *pa = &ps->prgAvailExtents[a];
        const bool fShelved = pa->iPool == JET_SpacePoolShelved;
        printf("        space[%s\\%s]   Pool: %s: %6lu - %6lu (%4lu%s):  Extents:  [%lu]%lu-%lu (%lu, Pool: %s%s), \n",
               szTable, szTree, pool_name(pa->iPool), (unsigned long)pgno_first(pa), (unsigned long)pa->pgnoLast,
               (unsigned long)pa->cpgExtent,
               pa->pgnoLast > pc->pgnoLast ? (fShelved ? ", >EOF[OK]" : ", >EOF[ERROR:non-shelved]") : "",
               (unsigned long)pa->pgnoSpaceNode, (unsigned long)pgno_first(pa), (unsigned long)pa->pgnoLast,
               (unsigned long)pa->cpgExtent, pool_name(pa->iPool), fShelved ? "" : ", ERROR:not-owned");
    }
    free(rgfDone);
}

/* ---- the callback -------------------------------------------------------------------------------- */

static JET_ERR JET_API on_tree(BTREE_STATS *p, JET_API_PTR pvContext)
{
    struct ctx *pc = (struct ctx *)pvContext;
    if (p->cbStruct != sizeof *p || !p->pBasicCatalog) {
        printf("The ESE engine did not return expected stat data size.\n");
        return JET_errInvalidParameter;
    }
    const JET_BTREETYPE type = p->pBasicCatalog->eType;
    const BTREE_STATS_SPACE_TREES *ps = p->pSpaceTrees;
    char szTable[256], szTree[256];

    if (type == eBTreeTypeInternalDbRootSpace) {
        if (ps) {
            pc->cpgShelved = ps->cpgShelved;
            pc->cpgDbOwned = ps->cpgOwned;
            pc->pgnoLast = ps->cpgOwned;
            pc->cpgTotalAvail += ps->cpgAvailable + ps->cpgSpaceTreeAvailable;
            pc->pgnoUsedMin = UINT32_MAX;
            pc->pgnoUsedMax = 0;
            db_end_unused(pc, ps);
            for (uint32_t i = 0; i < ps->cAvailExtents; i++) {
                const BTREE_SPACE_EXTENT_INFO *pe = &ps->prgAvailExtents[i];
                if (pe->iPool != JET_SpacePoolShelved || !pe->cpgExtent) continue;
                pc->pgnoShelvedMin = pc->pgnoShelvedMin ? MIN(pc->pgnoShelvedMin, pgno_first(pe)) : pgno_first(pe);
                pc->pgnoShelvedMax = MAX(pc->pgnoShelvedMax, pe->pgnoLast);
            }
        }
        print_headers(pc);
        print_row(pc, p);
        if ((pc->grbit & SPT) && pc->fSpaceNodes && ps) print_space_nodes(pc, "DbRoot", "", ps);
        return JET_errSuccess;
    }
    if (type <= eBTreeTypeInvalid || type >= eBTreeTypeMax) {
        printf("Unknown BTree enum: %d\n", (int)type);
        return JET_errInvalidParameter;
    }
    pc->rgcTrees[type]++;
    if (ps) {
        if (type == eBTreeTypeUserClusteredIndex) pc->cpgCurrentTableOwned = ps->cpgOwned;
        pc->cpgTotalAvail += ps->cpgAvailable + ps->cpgSpaceTreeAvailable;
        uint32_t pgnoMin = pgno_min_owned(ps);
        if (pgnoMin) pc->pgnoUsedMin = MIN(pc->pgnoUsedMin, pgnoMin);
        pc->pgnoUsedMax = MAX(pc->pgnoUsedMax, pgno_max_owned(ps));
    }
    if ((type == eBTreeTypeInternalSpaceOE || type == eBTreeTypeInternalSpaceAE) && !pc->fSpaceTrees)
        return JET_errSuccess;
    if (!pc->fSmall && ps && pc->cpgDbOwned && (double)ps->cpgOwned / pc->cpgDbOwned < SMALL_TREE_SHARE) {
        pc->fSquelched = true;
        return JET_errSuccess;
    }
    print_row(pc, p);
    if ((pc->grbit & SPT) && pc->fSpaceNodes && ps && type != eBTreeTypeInternalSpaceOE &&
        type != eBTreeTypeInternalSpaceAE) {
        if (os_utf16_to_acp(p->pBasicCatalog->rgName, szTree, sizeof szTree, NULL) < 0) snprintf(szTree, sizeof szTree, "?");
        print_space_nodes(pc, table_of(p, szTable, sizeof szTable), szTree, ps);
    }
    return JET_errSuccess;
}

static void print_totals(struct ctx *pc)
{
    if (pc->fSquelched)
        printf("Note: Some small tables/indices were not printed (use /v option to see those smaller than %.1f%% of the database).\n",
               SMALL_TREE_SHARE * 100);
    rule(pc, '-', 0);
    printf("\n");
    printf("    Enumerated %lu Tables (", (unsigned long)pc->rgcTrees[eBTreeTypeUserClusteredIndex]);
    if (pc->grbit & SPT)
        printf(" %lu Internal Trees,",
               (unsigned long)(pc->rgcTrees[eBTreeTypeInternalSpaceOE] + pc->rgcTrees[eBTreeTypeInternalSpaceAE]));
    printf(" %lu Long Value Trees, %lu Secondary Indices )\n", (unsigned long)pc->rgcTrees[eBTreeTypeInternalLongValue],
           (unsigned long)pc->rgcTrees[eBTreeTypeUserSecondaryIndex]);
    printf("\n");
    if (!(pc->grbit & SPT)) return;
    const double dblOwned = pc->cpgDbOwned ? (double)pc->cpgDbOwned : 1.0;
    const double pctAvail = pc->cpgTotalAvail / dblOwned * 100;
    const uint32_t cpgUsed = pc->cpgDbOwned - MIN(pc->cpgDbOwned, pc->cpgTotalAvail);
    printf("    Pages %lu ( %lu Used (%.1f%%), %lu Available (%.1f%%) ) + %lu Shelved\n", (unsigned long)pc->cpgDbOwned,
           (unsigned long)cpgUsed, cpgUsed / dblOwned * 100, (unsigned long)pc->cpgTotalAvail, pctAvail,
           (unsigned long)pc->cpgShelved);
    printf("\n    Pgno Ranges (User min-max: %lu - %lu; Last: %lu; DB End Contiguous Unused: %lu - %lu; Shelved min-max: %lu - %lu; Total: %lu)\n",
           (unsigned long)(pc->pgnoUsedMin == UINT32_MAX ? 0 : pc->pgnoUsedMin), (unsigned long)pc->pgnoUsedMax,
           (unsigned long)pc->pgnoLast, (unsigned long)pc->pgnoEndUnusedBegin, (unsigned long)pc->pgnoEndUnusedEnd,
           (unsigned long)pc->pgnoShelvedMin, (unsigned long)pc->pgnoShelvedMax, (unsigned long)pc->cpgDbOwned);
    if (cb_of(pc, pc->cpgDbOwned) > 100u * 1024 * 1024 && pctAvail > 20.0)
        printf("\n    Note: This database is over 20%% empty, an offline defragmentation can be used to shrink the file.\n");
    printf("\n");
}

JET_ERR eu_space_dump(const struct eu_opts *o, uint32_t cbPage)
{
    JET_ERR err;
    struct ctx c;
    JET_DBUTIL_A dbutil;

    memset(&c, 0, sizeof c);
    c.chSep = o->fSpaceCsv ? ',' : ' ';
    c.cbPage = cbPage;
    c.fSmall = o->fVerbose || o->szTable;
    c.fOneTable = o->szTable != NULL;
    c.fSpaceTrees = o->iSpaceDetail >= 1;
    c.fSpaceNodes = o->iSpaceDetail >= 2;
    c.grbit = CAT;
    if (o->fSpaceLeaks) c.grbit |= POL;
    CALL_R(set_fields(&c, o->szSpaceFields ? o->szSpaceFields : "#default"));

    memset(&dbutil, 0, sizeof dbutil);
    dbutil.cbStruct = sizeof dbutil;
    dbutil.op = opDBUTILDumpSpace;
    dbutil.szDatabase = (char *)o->szSource;
    dbutil.szTable = o->szTable;
    dbutil.grbitOptions = c.grbit;
    dbutil.pfnCallback = (void *)on_tree;
    dbutil.pvCallback = &c;
    fflush(stdout);
    err = JetDBUtilitiesA(&dbutil);
    if (err >= 0) print_totals(&c);
    return err;
}
