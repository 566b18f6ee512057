/* SPDX-License-Identifier: MIT
 * isam/isam_dbutil_space.c: the space dump (opDBUTILDumpSpace) and the metadata dump
 * (opDBUTILDumpMetaData) of JetDBUtilities. Layer: isam.
 *
 * Both walk the trees the way ESE's dbutil.cxx does: the database root, then the tables in the
 * order of MSysObjects' RootObjects index (by name, ASCII letters without case), and under each
 * table its long-value tree and its secondary indexes by name. What the space dump reports of a
 * tree is ESE's ErrDBUTLGetSpaceTreeInfo: the space header, the owned and available extents
 * (split buffers as the OE/AE reserve pools, a single-extent tree's as its primary extent),
 * their page counts, and the persisted autoincrement value; of an OE or AE tree, the pages the
 * tree itself occupies. Nothing is changed: the database is attached read-only. */
#include <stdio.h>
#include <stdlib.h>

#include "isam_dbutil.h"
#include "isam_db.h"
#include "catalog.h"
#include "debug.h"
#include "utf.h"

DEBUG_CHANNEL(isam);

/* ---- collecting -------------------------------------------------------------------------------- */

struct ext_list {
    struct isam_space_extent *rg;
    uint32_t c, cMax;
};

static JET_ERR ext_push(struct ext_list *pl, const struct isam_space_extent *pe)
{
    if (pl->c == pl->cMax) {
        uint32_t cNew = pl->cMax ? 2 * pl->cMax : 16;
        struct isam_space_extent *rg = mem_realloc(pl->rg, cNew * sizeof *rg);
        if (!rg) return ERR_TRAP(JET_errOutOfMemory);
        pl->rg = rg;
        pl->cMax = cNew;
    }
    pl->rg[pl->c++] = *pe;
    return JET_errSuccess;
}

/* From the space layer's form (first page, count; a zero-count extent, a continuous-pool marker,
 * has pgnoFirst = its key + 1) to ESE's (last page, count). */
static JET_ERR ext_add(struct ext_list *pl, uint32_t pool, const struct space_extent *pe)
{
    const struct isam_space_extent e = { pool, pe->pgnoFirst + pe->cpg - 1, pe->cpg, pe->pgnoNode };
    return ext_push(pl, &e);
}

struct tree_ctx {
    const struct space_fdp_info *pinfo;
    struct ext_list owned, avail, split;
    uint64_t cpgOwned, cpgAvail, cpgSplit, cpgShelved;
};

static JET_ERR extent_fn(void *pv, const struct space_extent *pe)
{
    struct tree_ctx *pc = pv;
    if (pe->fDeleted) return JET_errSuccess;
    const bool fSingle = !pc->pinfo->fMultiple;
    switch (pe->kind) {
    case SPACE_EXT_OWNED:
        pc->cpgOwned += pe->cpg;
        return ext_add(&pc->owned, fSingle ? ISAM_SPACE_POOL_PRIMARY : pe->pool, pe);
    case SPACE_EXT_AVAIL:
        if (pe->pool == 2) pc->cpgShelved += pe->cpg;
        else pc->cpgAvail += pe->cpg;
        return ext_add(&pc->avail, fSingle ? ISAM_SPACE_POOL_PRIMARY : pe->pool, pe);
    case SPACE_EXT_SPLIT_BUFFER:
        pc->cpgSplit += pe->cpg;
        return ext_add(&pc->split, pe->pgnoNode == pc->pinfo->pgnoAE ? ISAM_SPACE_POOL_AE_RESERVE : ISAM_SPACE_POOL_OE_RESERVE,
                       pe);
    default:
        return JET_errSuccess;
    }
}

/* Pages of the tree rooted at pgnoRoot (a space tree: its leaves and internal pages). The file is
 * untrusted: the walk visits at most the file's page count and never goes deeper than
 * BT_DEPTH_MAX. */
static JET_ERR count_tree_pages(struct isam_db *db, uint32_t pgno, uint32_t depth, uint32_t *pcpg, uint32_t *pcInternal)
{
    JET_ERR err;
    struct page_ref ref = PAGE_REF_NONE;
    const uint32_t cpgFile = cache_file_cpg(db->cfile);
    if (depth >= BT_DEPTH_MAX || pgno == 0 || pgno > cpgFile || *pcpg >= cpgFile)
        return ERR_CORRUPT(pgno, "space tree leaves the file or is too deep");
    CALL_R(cache_get(db->cfile, pgno, CACHE_LATCH_SHARED, 0, &ref));
    (*pcpg)++;
    const struct page_view v = page_view_make(ref.buf, db->cbPage, pgno);
    if (page_is_leaf(&v)) {
        cache_put(&ref);
        return JET_errSuccess;
    }
    (*pcInternal)++;
    /* Copy the children first: the latch is not held across the recursion. */
    const uint32_t cline = page_cline(&v);
    uint32_t *rgpgno = mem_alloc((cline ? cline : 1) * sizeof *rgpgno);
    if (!rgpgno) {
        cache_put(&ref);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    err = JET_errSuccess;
    for (uint32_t i = 0; i < cline && err >= 0; i++) {
        struct page_node n;
        err = page_get_node(&v, i, &n);
        if (err >= 0 && !page_node_child_pgno(&n, &rgpgno[i]))
            err = ERR_CORRUPT(pgno, "internal space-tree node without a page number");
    }
    cache_put(&ref);
    for (uint32_t i = 0; i < cline && err >= 0; i++)
        err = count_tree_pages(db, rgpgno[i], depth + 1, pcpg, pcInternal);
    mem_free(rgpgno);
    return err;
}

struct walk {
    struct isam_db *db;
    isam_space_fn fn;
    void *pv;
};

/* Fill what ESE reports of a data tree (or the database root) and call back. */
static JET_ERR visit_tree(struct walk *w, struct isam_space_tree *pt)
{
    JET_ERR err;
    struct space_fdp_info info;
    struct tree_ctx c;
    struct page_ref ref = PAGE_REF_NONE;
    struct page_root_header rh;

    memset(&c, 0, sizeof c);
    CALL_R(space_get_fdp_info(&w->db->sdb, pt->pgnoFDP, &info));
    c.pinfo = &info;
    pt->objidFDP = info.objid;
    pt->cpgPrimary = info.fV2 ? 0 : info.cpgPrimary;
    pt->cpgLastAlloc = info.fV2 ? info.cpgPrimary : 0;
    pt->fMultiExtent = info.fMultiple;
    pt->pgnoOE = info.fMultiple ? info.pgnoOE : 0;
    pt->pgnoAE = info.fMultiple ? info.pgnoAE : 0;
    CALL(cache_get(w->db->cfile, pt->pgnoFDP, CACHE_LATCH_SHARED, 0, &ref));
    {
        const struct page_view v = page_view_make(ref.buf, w->db->cbPage, pt->pgnoFDP);
        err = page_get_root_header(&v, &rh);
        cache_put(&ref);
        CALL(err);
    }
    pt->fAutoInc = rh.fHasAutoInc;
    pt->qwAutoInc = rh.fHasAutoInc ? rh.qwAutoInc : 0;
    CALL(space_enum_extents(&w->db->sdb, pt->pgnoFDP, SPACE_EXT_OWNED | SPACE_EXT_AVAIL | SPACE_EXT_SPLIT_BUFFER,
                            extent_fn, &c));
    /* ESE lists the split buffers before the available extents. */
    for (uint32_t i = 0; i < c.avail.c; i++)
        CALL(ext_push(&c.split, &c.avail.rg[i]));
    pt->cpgOwned = (uint32_t)MIN(c.cpgOwned, UINT32_MAX);
    pt->cpgAvail = (uint32_t)MIN(c.cpgAvail, UINT32_MAX);
    pt->cpgSplitBuffers = (uint32_t)MIN(c.cpgSplit, UINT32_MAX);
    pt->cpgShelved = (uint32_t)MIN(c.cpgShelved, UINT32_MAX);
    pt->rgOwned = c.owned.rg;
    pt->cOwned = c.owned.c;
    pt->rgAvail = c.split.rg;
    pt->cAvail = c.split.c;
    CALL(w->fn(w->pv, pt));

    /* The OE and AE trees of a multiple-extent tree (ESE's ErrDBUTLEnumSpaceTrees). */
    if (info.fMultiple) {
        for (int i = 0; i < 2; i++) {
            struct isam_space_tree s;
            memset(&s, 0, sizeof s);
            s.kind = i == 0 ? ISAM_SPACE_OE : ISAM_SPACE_AE;
            s.depth = pt->depth + 1;
            snprintf(s.szName, sizeof s.szName, "%s", i == 0 ? "[Owned Extents]" : "[Avail Extents]");
            s.objidFDP = info.objid;
            s.pgnoFDP = i == 0 ? info.pgnoOE : info.pgnoAE;
            s.pgnoOE = info.pgnoOE;
            s.pgnoAE = info.pgnoAE;
            s.cpgPrimary = 1;
            uint32_t cpg = 0, cInternal = 0;
            CALL(count_tree_pages(w->db, s.pgnoFDP, 0, &cpg, &cInternal));
            s.cpgOwned = cpg;
            s.fMultiExtent = cInternal != 0;
            CALL(w->fn(w->pv, &s));
        }
    }
out:
    mem_free(c.owned.rg);
    mem_free(c.avail.rg);
    mem_free(c.split.rg);
    return err;
}

/* ---- the catalog, in ESE's order ------------------------------------------------------------- */

/* MSysObjects' Name and RootObjects keys hold names with ASCII letters upper-cased. */
static int name_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'a' && ca <= 'z') ca -= 'a' - 'A';
        if (cb >= 'a' && cb <= 'z') cb -= 'a' - 'A';
        if (ca != cb || !ca) return (int)ca - (int)cb;
    }
}

struct tables {
    struct rec_cat_table *rg;
    uint32_t c, cMax;
};

static JET_ERR collect_table(void *pv, const struct rec_cat_table *pt)
{
    struct tables *p = pv;
    if (p->c == p->cMax) {
        uint32_t cNew = p->cMax ? 2 * p->cMax : 32;
        struct rec_cat_table *rg = mem_realloc(p->rg, cNew * sizeof *rg);
        if (!rg) return ERR_TRAP(JET_errOutOfMemory);
        p->rg = rg;
        p->cMax = cNew;
    }
    p->rg[p->c++] = *pt;
    return JET_errSuccess;
}

static int cmp_table(const void *a, const void *b)
{
    return name_cmp(((const struct rec_cat_table *)a)->szName, ((const struct rec_cat_table *)b)->szName);
}

/* A table's own row, its LV tree, then its secondary indexes by name. */
static int sysobj_rank(uint16_t sysobj)
{
    return sysobj == REC_SYSOBJ_TABLE ? 0 : sysobj == REC_SYSOBJ_LV ? 1 : 2;
}

static int cmp_child(const void *a, const void *b)
{
    const struct catalog_fdp *x = a, *y = b;
    if (x->objidTable != y->objidTable) return x->objidTable < y->objidTable ? -1 : 1;
    if (x->sysobj != y->sysobj) return sysobj_rank(x->sysobj) - sysobj_rank(y->sysobj);
    return name_cmp(x->szName, y->szName);
}

struct catalog_view {
    struct catalog *cat;
    struct tables t;
    struct catalog_fdp *rgfdp;
    uint32_t cfdp;
};

static void catalog_view_free(struct catalog_view *pv)
{
    mem_free(pv->t.rg);
    mem_free(pv->rgfdp);
    catalog_close(pv->cat);
}

static JET_ERR catalog_view_load(struct isam_db *db, struct catalog_view *pv)
{
    JET_ERR err;
    memset(pv, 0, sizeof *pv);
    CALL_R(catalog_open(db->btdb, &pv->cat));
    CALL_R(catalog_enum_tables(pv->cat, collect_table, &pv->t));
    CALL_R(catalog_list_fdps(pv->cat, &pv->rgfdp, &pv->cfdp));
    qsort(pv->t.rg, pv->t.c, sizeof *pv->t.rg, cmp_table);
    qsort(pv->rgfdp, pv->cfdp, sizeof *pv->rgfdp, cmp_child);
    return JET_errSuccess;
}

/* ---- the space dump ------------------------------------------------------------------------------ */

JET_ERR isam_dbutil_space(struct isam_session *sess, const ESENT_WCHAR *wszDatabase, const char *szTable,
        isam_space_fn fn, void *pvCtx)
{
    JET_ERR err;
    struct isam_db *db = NULL;
    struct catalog_view cv;
    struct walk w = { NULL, fn, pvCtx };
    struct isam_space_tree t;
    bool fFound = false;

    memset(&cv, 0, sizeof cv);
    CALL(isam_dbutil_attach(sess, wszDatabase, false, &db));
    w.db = db;
    CALL(catalog_view_load(db, &cv));

    memset(&t, 0, sizeof t);
    t.kind = ISAM_SPACE_DB_ROOT;
    t.depth = 0;
    /* ESE names the database root by the database's name as the caller gave it. */
    if (os_utf16_to_acp(wszDatabase, t.szName, sizeof t.szName, NULL) < 0)
        snprintf(t.szName, sizeof t.szName, "%s", debugstr_w(wszDatabase));
    t.pgnoFDP = SPACE_PGNO_DB_ROOT;
    CALL(visit_tree(&w, &t));

    for (uint32_t i = 0; i < cv.t.c; i++) {
        const struct rec_cat_table *ptab = &cv.t.rg[i];
        if (szTable && name_cmp(szTable, ptab->szName) != 0) continue;
        fFound = true;
        memset(&t, 0, sizeof t);
        t.kind = ISAM_SPACE_TABLE;
        t.depth = 1;
        snprintf(t.szName, sizeof t.szName, "%s", ptab->szName);
        t.pgnoFDP = ptab->pgnoFDP;
        t.phints = ptab->fHints ? &ptab->hints : NULL;
        CALL(visit_tree(&w, &t));
        for (uint32_t j = 0; j < cv.cfdp; j++) {
            const struct catalog_fdp *pf = &cv.rgfdp[j];
            if (pf->objidTable != ptab->objid || pf->sysobj == REC_SYSOBJ_TABLE) continue;
            memset(&t, 0, sizeof t);
            t.kind = pf->sysobj == REC_SYSOBJ_LV ? ISAM_SPACE_LV : ISAM_SPACE_INDEX;
            t.depth = 2;
            snprintf(t.szName, sizeof t.szName, "%s", pf->sysobj == REC_SYSOBJ_LV ? "[Long Values]" : pf->szName);
            t.pgnoFDP = pf->pgnoFDP;
            t.phints = pf->sysobj == REC_SYSOBJ_LV && ptab->fHintsDeferredLV ? &ptab->hintsDeferredLV : NULL;
            CALL(visit_tree(&w, &t));
        }
    }
    if (szTable && !fFound) FAIL(JET_errObjectNotFound);
out:
    catalog_view_free(&cv);
    isam_dbutil_detach(db);
    return err;
}

/* ---- the metadata dump --------------------------------------------------------------------------- */

/* Right-aligned in ichMax columns, or ichMax '#' when it does not fit (ESE's DBUTLPrintfIntN). */
static void print_int_n(int32_t v, int ichMax)
{
    char sz[16];
    int cch = snprintf(sz, sizeof sz, "%ld", (long)v);
    if (cch > ichMax) {
        for (int i = 0; i < ichMax; i++) putchar('#');
        return;
    }
    printf("%*s", ichMax, sz);
}

/* A FILETIME (100 ns since 1601, UTC) as ESE prints a LOGTIME; zero prints as ESE's zero LOGTIME. */
static void print_filetime(uint64_t ft)
{
    if (!ft) {
        printf("00/00/1900 00:00:00.000 LOC");
        return;
    }
    const uint64_t ms = ft / 10000u;
    const uint64_t secs = ms / 1000u;
    int64_t days = (int64_t)(secs / 86400u);
    const uint32_t sod = (uint32_t)(secs % 86400u);
    /* Civil date from days since 1601-01-01 (shifted to an era starting 0000-03-01). */
    days += 584388;     /* days from 0000-03-01 to 1601-01-01 */
    const int64_t era = days / 146097;
    const uint32_t doe = (uint32_t)(days - era * 146097);
    const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const uint32_t mp = (5 * doy + 2) / 153;
    const uint32_t d = doy - (153 * mp + 2) / 5 + 1;
    const uint32_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = (int64_t)yoe + era * 400 + (m <= 2);
    printf("%02u/%02u/%04lld %02u:%02u:%02u.%03u UTC", m, d, (long long)y, sod / 3600, sod / 60 % 60, sod % 60,
           (unsigned)(ms % 1000u));
}

JET_ERR isam_dbutil_metadata(struct isam_session *sess, const ESENT_WCHAR *wszDatabase, bool fConsole, bool fVerbose)
{
    JET_ERR err;
    struct isam_db *db = NULL;
    struct catalog_view cv;
    char szDb[1024];

    memset(&cv, 0, sizeof cv);
    if (fVerbose) {
        FIXME("the verbose metadata dump (every column and index definition) is not implemented");
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    CALL(isam_dbutil_attach(sess, wszDatabase, false, &db));
    CALL(catalog_view_load(db, &cv));
    if (!fConsole) goto out;
    if (os_utf16_to_acp(wszDatabase, szDb, sizeof szDb, NULL) < 0) snprintf(szDb, sizeof szDb, "?");

    printf("******************************* META-DATA DUMP *******************************\n");
    printf("Name                                               Type    ObjidFDP    PgnoFDP             PgnoFDPLastSetTime\n");
    printf("=============================================================================================================\n");
    /* ESE prints only the first five characters of the database's name here. */
    printf("%-51.5s Db   ", szDb);
    print_int_n(SPACE_OBJID_DB_ROOT, 10);
    printf(" ");
    print_int_n(SPACE_PGNO_DB_ROOT, 10);
    printf("\n\n");
    for (uint32_t i = 0; i < cv.t.c; i++) {
        const struct rec_cat_table *ptab = &cv.t.rg[i];
        printf("%-51.51s Tbl  ", ptab->szName);
        print_int_n((int32_t)ptab->objid, 10);
        printf(" ");
        print_int_n((int32_t)ptab->pgnoFDP, 10);
        printf("    ");
        print_filetime(ptab->fPgnoFDPLastSetTime ? ptab->ftPgnoFDPLastSetTime : 0);
        printf("\n");
        /* The long-value tree, then every index by name, the primary index (the table's own
         * tree) among them when the table has one. */
        struct catalog_table *pdef = NULL;
        JET_ERR errLoad = catalog_load_table_objid(cv.cat, ptab->objid, &pdef);
        if (errLoad == JET_errOutOfMemory) FAIL(errLoad);
        for (uint32_t j = 0; j < cv.cfdp; j++) {
            const struct catalog_fdp *pf = &cv.rgfdp[j];
            if (pf->objidTable != ptab->objid || pf->sysobj != REC_SYSOBJ_LV) continue;
            printf("  %-49.49s LV   ", "<Long Values>");
            print_int_n((int32_t)pf->objid, 10);
            printf(" ");
            print_int_n((int32_t)pf->pgnoFDP, 10);
            printf("    ");
            print_filetime(pdef && pdef->fLV && pdef->lv.fPgnoFDPLastSetTime ? pdef->lv.ftPgnoFDPLastSetTime : 0);
            printf("\n");
        }
        if (pdef) {
            const struct rec_cat_index **rgpidx = mem_alloc((pdef->cidx ? pdef->cidx : 1) * sizeof *rgpidx);
            if (!rgpidx) {
                catalog_table_free(pdef);
                FAIL(JET_errOutOfMemory);
            }
            for (uint32_t j = 0; j < pdef->cidx; j++) rgpidx[j] = &pdef->rgidx[j];
            for (uint32_t j = 1; j < pdef->cidx; j++)        /* few indexes: insertion sort */
                for (uint32_t k = j; k > 0 && name_cmp(rgpidx[k - 1]->szName, rgpidx[k]->szName) > 0; k--) {
                    const struct rec_cat_index *p = rgpidx[k];
                    rgpidx[k] = rgpidx[k - 1];
                    rgpidx[k - 1] = p;
                }
            for (uint32_t j = 0; j < pdef->cidx; j++) {
                printf("  %-49.49s %s  ", rgpidx[j]->szName, rgpidx[j]->objid == ptab->objid ? "Pri" : "Idx");
                print_int_n((int32_t)rgpidx[j]->objid, 10);
                printf(" ");
                print_int_n((int32_t)rgpidx[j]->pgnoFDP, 10);
                printf("\n");
            }
            mem_free(rgpidx);
            catalog_table_free(pdef);
        } else {
            /* The definition does not load (a column this engine cannot describe): the indexes
             * are still listed from their catalog rows, the primary one aside. */
            WARN("table %s: definition not loaded (%ld); its indexes are listed without the primary one", ptab->szName,
                 (long)errLoad);
            for (uint32_t j = 0; j < cv.cfdp; j++) {
                const struct catalog_fdp *pf = &cv.rgfdp[j];
                if (pf->objidTable != ptab->objid || pf->sysobj != REC_SYSOBJ_INDEX) continue;
                printf("  %-49.49s Idx  ", pf->szName);
                print_int_n((int32_t)pf->objid, 10);
                printf(" ");
                print_int_n((int32_t)pf->pgnoFDP, 10);
                printf("\n");
            }
        }
    }
    printf("******************************************************************************\n");
    fflush(stdout);
out:
    catalog_view_free(&cv);
    isam_dbutil_detach(db);
    return err;
}
