/* SPDX-License-Identifier: MIT
 * isam/isam_repair.c: repair of a damaged database (JetDBUtilities opDBUTILEDBRepair without
 * JET_bitDBUtilOptionDontRepair, what esentutl /p runs). Layer: isam.
 *
 * Strategy (README.md "Repair" says why): salvage into a new file, then instate it over the
 * original. The integrity check runs first (its report is the start of <prefix>.INTEG.RAW); a
 * database it finds sound is left alone. Otherwise:
 *   1. Every page of the file is read and verified (checksum and structure, page_verify); a page
 *      that fails is never trusted again, only counted against the table that owns it.
 *   2. Pages the space trees list as available (as far as they can be read) are dropped: freed
 *      pages keep their old nodes.
 *   3. The catalog is salvaged from the good leaf pages of MSysObjects and, for every row missing
 *      there, of MSysObjectsShadow. For each key the copy from the newest page (dbtime) wins.
 *   4. A new database is made beside the original (<db>.REPAIR.TMP); each table's rows are
 *      written into its catalog with new objids and trees (indexes and long-value trees are
 *      rebuilt, space trees are new).
 *   5. For each table, the records of its good data leaf pages (newest copy of each key, deleted
 *      nodes dropped) go in byte for byte, with their separated long values rebuilt from the good
 *      leaf pages of the table's LV tree. A record whose long value is missing or incomplete is
 *      deleted, as ESE's repair does (ErrREPAIRCheckUpdateLVsFromColumn); so is a record that does
 *      not decode, or that a unique index refuses. Each secondary index is rebuilt from the records.
 *   6. The new header records the repair as ESE does (ulRepairCount + 1, logtimeRepair, the log
 *      signature and log positions cleared, the old database signature kept); the new file is
 *      renamed over the original.
 * Each table's losses go to the console and the report. Nothing read from the file reaches an
 * assert: every page goes through page_verify first, every node and record through the page and
 * record layers' checked accessors. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "isam_dbutil.h"
#include "isam_db.h"
#include "isam_wint.h"
#include "catalog.h"
#include "debug.h"
#include "utf.h"

DEBUG_CHANNEL(isam);

#define RP_CPG_FDP_MAX 64u          /* a new tree's first extent, whatever the old row says */
#define RP_OBJID_SHADOW REC_CAT_OBJID_MSO_SHADOW
#define RP_ROWS_PER_TRX 256u        /* catalog rows written per transaction */

enum rp_page_state { RP_PAGE_UNUSED = 0, RP_PAGE_GOOD, RP_PAGE_BAD, RP_PAGE_AVAIL };

struct rp_page {
    uint8_t state;
    uint32_t objid;                 /* as the page says (for a bad page: unverified, a hint) */
    uint32_t fFlags;
    uint64_t dbtime;
};

/* One salvaged leaf node. */
struct rp_node {
    uint8_t *pbKey;
    uint8_t *pbData;
    uint32_t cbKey, cbData;
    uint64_t dbtime;
    uint32_t pgno;
    uint8_t fFlags;                 /* PAGE_NODE_* */
    uint8_t src;                    /* catalog rows: 0 MSysObjects, 1 its shadow */
    bool fOldFormat;                /* the page lacks PAGE_FLAG_NEW_RECORD_FORMAT */
};
struct rp_nodes {
    struct rp_node *rg;
    uint32_t c, cMax;
};

/* What one table lost and kept. */
struct rp_table_stats {
    uint32_t cRecords;              /* written to the new database */
    uint32_t cLostCorrupt;          /* records that do not decode */
    uint32_t cLostLV;               /* records whose long value is missing or incomplete */
    uint32_t cLostDuplicate;        /* refused by a unique index (or the primary key) */
    uint32_t cpgBad;                /* pages of its data tree that failed verification: their
                                     * records are lost */
    uint32_t cpgBadLV;              /* of its LV tree: their long values are lost */
    uint32_t cpgBadIndex;           /* of its indexes: nothing lost (indexes are rebuilt) */
    uint32_t cLV;                   /* long values written */
    uint32_t cLVOrphan;             /* complete long values no record references: dropped */
};

struct rp {
    struct isam_session *sess;
    struct isam_instance *inst;
    struct os_vfs *vfs;
    const struct isam_repair_args *pa;
    char szDb[1024];
    struct os_file *fSrc;
    struct os_file *fRaw;
    uint64_t ibRaw;
    uint32_t cbPage;
    uint32_t cpg;                   /* database pages in the file */
    struct rp_page *rgpg;           /* [0..cpg], index = pgno */
    uint8_t *pbPage;
    uint32_t cpgBad;
    uint32_t cpgFreed;              /* good pages the space trees list as available: left out */
    struct db_header hdrSrc;
    struct isam_db *dbSrc;          /* the original attached read-only (NULL: its attach failed) */
    struct isam_db *dbNew;
    JET_DBID dbidNew;
    uint32_t cTables, cTablesLost;
    uint64_t cRecordsLost;
};

/* ---- output ----------------------------------------------------------------------------------- */

static void con(struct rp *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void con(struct rp *r, const char *fmt, ...)
{
    if (!r->pa->fConsole) return;
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
}

static void raw(struct rp *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void raw(struct rp *r, const char *fmt, ...)
{
    char sz[1536];
    if (!r->fRaw) return;
    va_list ap;
    va_start(ap, fmt);
    int cch = vsnprintf(sz, sizeof sz, fmt, ap);
    va_end(ap);
    if (cch < 0) return;
    size_t cb = MIN((size_t)cch, sizeof sz - 1);
    if (os_file_write(r->fRaw, r->ibRaw, sz, cb) < 0) {
        WARN("cannot write the repair report; it stops here");
        os_file_close(r->fRaw);
        r->fRaw = NULL;
        return;
    }
    r->ibRaw += cb;
}

static void status(struct rp *r, JET_SNT snt, uint32_t cDone, uint32_t cTotal)
{
    if (!r->pa->pfnStatus) return;
    JET_SNPROG prog = { sizeof prog, cDone, cTotal };
    JET_ERR errIgnored = r->pa->pfnStatus(r->pa->sesid, JET_snpRepair, snt, snt == JET_sntProgress ? &prog : NULL);
    (void)errIgnored;
}

/* ---- nodes ------------------------------------------------------------------------------------ */

static void nodes_free(struct rp_nodes *pn)
{
    for (uint32_t i = 0; i < pn->c; i++) mem_free(pn->rg[i].pbKey);
    mem_free(pn->rg);
    memset(pn, 0, sizeof *pn);
}

static JET_ERR nodes_add(struct rp_nodes *pn, const uint8_t *pbKey, uint32_t cbKey, const uint8_t *pbData,
        uint32_t cbData, const struct rp_node *pmeta)
{
    if (pn->c == pn->cMax) {
        uint32_t cNew = pn->cMax ? 2 * pn->cMax : 256;
        struct rp_node *rg = mem_realloc(pn->rg, (size_t)cNew * sizeof *rg);
        if (!rg) return ERR_TRAP(JET_errOutOfMemory);
        pn->rg = rg;
        pn->cMax = cNew;
    }
    /* key and data in one allocation */
    uint8_t *pb = mem_alloc((size_t)cbKey + cbData + 1);
    if (!pb) return ERR_TRAP(JET_errOutOfMemory);
    if (cbKey) memcpy(pb, pbKey, cbKey);
    if (cbData) memcpy(pb + cbKey, pbData, cbData);
    struct rp_node *p = &pn->rg[pn->c++];
    *p = *pmeta;
    p->pbKey = pb;
    p->cbKey = cbKey;
    p->pbData = pb + cbKey;
    p->cbData = cbData;
    return JET_errSuccess;
}

static int cmp_key(const uint8_t *a, uint32_t cba, const uint8_t *b, uint32_t cbb)
{
    int c = memcmp(a, b, MIN(cba, cbb));
    if (c) return c;
    return cba < cbb ? -1 : cba > cbb;
}

/* Key order; for one key the copy to keep first: the catalog before its shadow, then the newest. */
static int cmp_node(const void *x, const void *y)
{
    const struct rp_node *a = x, *b = y;
    int c = cmp_key(a->pbKey, a->cbKey, b->pbKey, b->cbKey);
    if (c) return c;
    if (a->src != b->src) return a->src < b->src ? -1 : 1;
    if (a->dbtime != b->dbtime) return a->dbtime > b->dbtime ? -1 : 1;
    return a->pgno < b->pgno ? -1 : a->pgno > b->pgno;
}

/* Sort, keep one copy of each key, then drop flag-deleted ones (a deletion on the newest page
 * wins over an older live copy). */
static void nodes_settle(struct rp_nodes *pn)
{
    if (!pn->c) return;
    qsort(pn->rg, pn->c, sizeof *pn->rg, cmp_node);
    uint32_t j = 0;
    for (uint32_t i = 0; i < pn->c;) {
        uint32_t k = i + 1;
        while (k < pn->c && cmp_key(pn->rg[i].pbKey, pn->rg[i].cbKey, pn->rg[k].pbKey, pn->rg[k].cbKey) == 0) k++;
        for (uint32_t m = i + 1; m < k; m++) mem_free(pn->rg[m].pbKey);
        if (pn->rg[i].fFlags & PAGE_NODE_DELETED) mem_free(pn->rg[i].pbKey);
        else pn->rg[j++] = pn->rg[i];
        i = k;
    }
    pn->c = j;
}

/* ---- reading the file -------------------------------------------------------------------------- */

static JET_ERR read_page(struct rp *r, uint32_t pgno, bool *pfGood)
{
    JET_ERR err;
    *pfGood = false;
    err = os_file_read(r->fSrc, page_file_offset(pgno, r->cbPage), r->pbPage, r->cbPage);
    if (err < 0) return err == JET_errOutOfMemory ? err : JET_errSuccess;     /* unreadable: bad */
    err = page_verify(r->pbPage, r->cbPage, pgno, 0, NULL);
    *pfGood = err >= 0;
    return JET_errSuccess;
}

/* Every page read once: good, bad or never initialised. */
static JET_ERR scan_pages(struct rp *r)
{
    JET_ERR err;
    for (uint32_t pgno = 1; pgno <= r->cpg; pgno++) {
        struct rp_page *pp = &r->rgpg[pgno];
        err = os_file_read(r->fSrc, page_file_offset(pgno, r->cbPage), r->pbPage, r->cbPage);
        if (err == JET_errOutOfMemory) return err;
        if (err < 0) {
            pp->state = RP_PAGE_BAD;
            r->cpgBad++;
            raw(r, "ERROR: page %u cannot be read (error %ld)\n", pgno, (long)err);
            continue;
        }
        const struct page_view v = page_view_make(r->pbPage, r->cbPage, pgno);
        err = page_verify(r->pbPage, r->cbPage, pgno, 0, NULL);
        if (err == JET_errPageNotInitialized) continue;
        pp->objid = page_objid_fdp(&v);     /* unverified for a bad page: a hint for the report */
        if (err < 0) {
            pp->state = RP_PAGE_BAD;
            r->cpgBad++;
            raw(r, "ERROR: page %u (objid %u by its header) is damaged (error %ld)%s\n", pgno, pp->objid, (long)err,
                err == JET_errReadVerifyFailure ? ": checksum mismatch" : ": bad structure");
            continue;
        }
        pp->state = RP_PAGE_GOOD;
        pp->fFlags = page_flags(&v);
        pp->dbtime = page_dbtime(&v);
        if ((pgno & 0xff) == 0) status(r, JET_sntProgress, pgno, r->cpg);
    }
    return JET_errSuccess;
}

/* Pages a space tree lists as available are not part of any tree any more. */
static JET_ERR avail_fn(void *pv, const struct space_extent *pe)
{
    struct rp *r = pv;
    if (pe->fDeleted || pe->kind != SPACE_EXT_AVAIL) return JET_errSuccess;
    for (uint32_t i = 0; i < pe->cpg; i++) {
        uint32_t pgno = pe->pgnoFirst + i;
        if (pgno < pe->pgnoFirst || pgno > r->cpg) break;
        if (r->rgpg[pgno].state == RP_PAGE_GOOD) {
            r->rgpg[pgno].state = RP_PAGE_AVAIL;
            r->cpgFreed++;
        }
    }
    return JET_errSuccess;
}

static void mark_avail(struct rp *r, uint32_t pgnoFDP)
{
    if (!r->dbSrc || !pgnoFDP || pgnoFDP > r->cpg) return;
    JET_ERR err = space_enum_extents(&r->dbSrc->sdb, pgnoFDP, SPACE_EXT_AVAIL, avail_fn, r);
    if (err < 0) {
        TRACE("the available space of the tree at page %u cannot be read (%ld)", pgnoFDP, (long)err);
        raw(r, "WARNING: the available space of the tree at page %u cannot be read (error %ld): its freed pages "
               "are told apart by their content only\n", pgnoFDP, (long)err);
    }
}

enum rp_kind { RP_KIND_DATA, RP_KIND_LV };

/* The nodes of every good, live leaf page of tree objid of that kind. */
static JET_ERR collect(struct rp *r, uint32_t objid, enum rp_kind kind, uint8_t src, struct rp_nodes *pn)
{
    JET_ERR err;
    uint8_t *pbKey = mem_alloc(r->cbPage);
    if (!pbKey) return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t pgno = 1; pgno <= r->cpg; pgno++) {
        const struct rp_page *pp = &r->rgpg[pgno];
        if (pp->state != RP_PAGE_GOOD || pp->objid != objid) continue;
        if (!(pp->fFlags & PAGE_FLAG_LEAF) || (pp->fFlags & (PAGE_FLAG_SPACE_TREE | PAGE_FLAG_INDEX | PAGE_FLAG_EMPTY)))
            continue;
        if (((pp->fFlags & PAGE_FLAG_LONG_VALUE) != 0) != (kind == RP_KIND_LV)) continue;
        bool fGood;
        CALL(read_page(r, pgno, &fGood));
        if (!fGood) continue;
        const struct page_view v = page_view_make(r->pbPage, r->cbPage, pgno);
        struct page_nodes ns;
        if (page_nodes_init(&v, &ns) < 0) continue;
        for (uint32_t i = 0; i < ns.cline; i++) {
            struct page_node n;
            if (page_nodes_get(&ns, i, &n) < 0) continue;
            uint32_t cbKey = page_node_key(&n, pbKey, r->cbPage);
            if (cbKey > r->cbPage) continue;
            const struct rp_node meta = { NULL, NULL, 0, 0, pp->dbtime, pgno, n.fFlags, src,
                                          !(pp->fFlags & PAGE_FLAG_NEW_RECORD_FORMAT) };
            CALL(nodes_add(pn, pbKey, cbKey, n.pbData, n.cbData, &meta));
        }
    }
    err = JET_errSuccess;
out:
    mem_free(pbKey);
    return err;
}

/* ---- the catalog ------------------------------------------------------------------------------ */

struct rp_row {
    struct rec_view v;
    struct rec_cat_row row;
};

static bool is_builtin_table(const char *szName)
{
    return !strcmp(szName, CATALOG_SZ_MSO) || !strcmp(szName, CATALOG_SZ_MSO_SHADOW) ||
           !strcmp(szName, CATALOG_SZ_MSYSOBJIDS) || !strcmp(szName, CATALOG_SZ_MSYSLOCALES);
}

/* The rows of the catalog and its shadow, one per key, decoded (rows that do not decode are
 * reported and dropped). */
static JET_ERR salvage_catalog(struct rp *r, struct rp_nodes *pn, struct rp_row **prgrow, uint32_t *pcrow)
{
    JET_ERR err;
    *prgrow = NULL;
    *pcrow = 0;
    CALL_R(collect(r, REC_CAT_OBJID_MSO, RP_KIND_DATA, 0, pn));
    const uint32_t cMso = pn->c;
    CALL_R(collect(r, RP_OBJID_SHADOW, RP_KIND_DATA, 1, pn));
    const uint32_t cShadow = pn->c - cMso;
    nodes_settle(pn);
    uint32_t cFromShadow = 0;
    struct rp_row *rg = mem_calloc(pn->c ? pn->c : 1, sizeof *rg);
    if (!rg) return ERR_TRAP(JET_errOutOfMemory);
    uint32_t c = 0;
    for (uint32_t i = 0; i < pn->c; i++) {
        const struct rp_node *p = &pn->rg[i];
        struct rp_row *prow = &rg[c];
        if (rec_view_init(&prow->v, p->pbData, p->cbData, r->cbPage, p->fOldFormat ? REC_VIEW_OLD_FORMAT : 0) < 0 ||
            rec_cat_row_decode(&prow->v, &prow->row) < 0) {
            raw(r, "ERROR: catalog row on page %u does not decode: dropped\n", p->pgno);
            continue;
        }
        if (p->src) cFromShadow++;
        c++;
    }
    raw(r, "catalog: %u rows read from MSysObjects, %u from MSysObjectsShadow; %u rows kept, %u of them from the "
           "shadow\n", cMso, cShadow, c, cFromShadow);
    *prgrow = rg;
    *pcrow = c;
    return JET_errSuccess;
}

/* One table's rows: [iFirst, iEnd) of the salvaged rows, the table row at iTable. */
struct rp_tdef {
    struct rec_cat_table t;
    uint32_t objidOld, objidNew;
    uint32_t pgnoFDPOld;
    uint32_t objidLVOld;            /* 0: none */
    uint32_t pgnoLVOld;
    uint32_t rgobjidIdxOld[64];
    uint32_t cidxOld;
    uint32_t iFirst, iEnd;
    struct rp_table_stats st;
};

static uint32_t cpg_of(uint32_t cpg)
{
    return cpg < 1 ? 1 : cpg > RP_CPG_FDP_MAX ? RP_CPG_FDP_MAX : cpg;
}

/* The table's catalog rows in the new database, in a transaction level of their own. */
static JET_ERR write_table_rows(struct rp *r, struct catw *pw, const struct rp_row *rgrow, struct rp_tdef *ptd)
{
    JET_ERR err;
    struct isam_session *sess = r->sess;
    struct isam_db *db = r->dbNew;
    uint32_t pgnoTable = 0;

    uint32_t cInTrx = 0;
    bool fTrx = false;

    CALL_R(isam_wtrx_begin(sess));
    fTrx = true;
    CALL(isam_db_objid_new(db, &ptd->objidNew));
    struct rec_cat_table t = ptd->t;
    CALL(isam_ddl_new_fdp(sess, db, SPACE_PGNO_DB_ROOT, cpg_of(t.cpgInitial), ptd->objidNew, 0, &pgnoTable));
    t.objid = ptd->objidNew;
    t.pgnoFDP = pgnoTable;
    t.fPgnoFDPLastSetTime = false;
    CALL(catw_add_table(pw, &t));
    for (uint32_t i = ptd->iFirst; i < ptd->iEnd; i++) {
        const struct rec_cat_row *prow = &rgrow[i].row;
        if (++cInTrx == RP_ROWS_PER_TRX) {
            /* A table of tens of thousands of columns would fill the version store. */
            fTrx = false;
            CALL_R(isam_wtrx_end(sess, JET_errSuccess));
            CALL_R(isam_wtrx_begin(sess));
            fTrx = true;
            cInTrx = 0;
        }
        switch (prow->type) {
        case REC_SYSOBJ_COLUMN: {
            struct rec_cat_column c;
            if (rec_cat_row_column(prow, &c) < 0) {
                raw(r, "ERROR: table \"%s\": column row %u does not decode: dropped\n", t.szName, prow->id);
                break;
            }
            c.objidTable = ptd->objidNew;
            err = catw_add_column(pw, &c);
            if (err == JET_errColumnDuplicate) {
                raw(r, "ERROR: table \"%s\": column \"%s\" is named twice: the second dropped\n", t.szName, c.szName);
                break;
            }
            CALL(err);
            break;
        }
        case REC_SYSOBJ_INDEX: {
            struct rec_cat_index ci;
            if (rec_cat_row_index(prow, &ci) < 0) {
                raw(r, "ERROR: table \"%s\": index row %u does not decode: dropped\n", t.szName, prow->id);
                break;
            }
            ci.objidTable = ptd->objidNew;
            ci.fPgnoFDPLastSetTime = false;
            if (ci.objid == ptd->objidOld) {
                ci.objid = ptd->objidNew;
                ci.pgnoFDP = pgnoTable;
            } else {
                CALL(isam_db_objid_new(db, &ci.objid));
                CALL(isam_ddl_new_fdp(sess, db, pgnoTable, cpg_of(ci.hints.cbInitial / r->cbPage), ci.objid,
                                      PAGE_FLAG_INDEX | ((ci.fidb & REC_IDB_UNIQUE) ? 0 : PAGE_FLAG_NON_UNIQUE_KEYS),
                                      &ci.pgnoFDP));
            }
            if (ci.fidb & REC_IDB_LOCALIZED_TEXT) {
                /* Its keys are rebuilt with this engine's sort: the index says so. */
                struct os_sort_locale loc = { ci.wszLocaleName, 0, NULL, 0 };
                uint32_t dwNls, dwDef;
                if (os_sort_version(&loc, &dwNls, &dwDef, ci.rgbSortId) >= 0) {
                    ci.fVersion = true;
                    ci.qwSortVersion = ((uint64_t)dwNls << 32) | dwDef;
                    ci.fSortId = true;
                }
            }
            err = catw_add_index(pw, &ci);
            if (err == JET_errIndexDuplicate) {
                raw(r, "ERROR: table \"%s\": index \"%s\" is named twice: the second dropped\n", t.szName, ci.szName);
                break;
            }
            CALL(err);
            if (ci.fidb & REC_IDB_LOCALIZED_TEXT) CALL(isam_ddl_locale_count(pw, &ci));
            break;
        }
        case REC_SYSOBJ_CALLBACK: {
            struct rec_cat_callback cb;
            if (rec_cat_row_callback(prow, &cb) < 0) break;
            cb.objidTable = ptd->objidNew;
            CALL(catw_add_callback(pw, &cb));
            break;
        }
        default:
            /* the table row is written above; the LV tree is made when a long value needs it */
            break;
        }
    }
out:
    return fTrx ? isam_wtrx_end(sess, err) : err;
}

/* ---- long values ------------------------------------------------------------------------------ */

struct rp_lv {
    uint64_t lid;
    uint32_t iRoot;                 /* the root node in the LV nodes */
    uint32_t iFirstChunk, cChunks;
    uint32_t cbSize;
    bool fComplete;
    uint32_t cRef;                  /* records kept that reference it */
};

static int cmp_lv_lid(const void *x, const void *y)
{
    const uint64_t *a = x;
    const struct rp_lv *b = y;
    return *a < b->lid ? -1 : *a > b->lid;
}

/* Group the LV tree's nodes by LID and decide which long values are whole. */
static JET_ERR build_lvs(struct rp *r, const struct rp_nodes *pn, uint32_t cbChunkMost, struct rp_lv **prg,
        uint32_t *pc)
{
    struct rp_lv *rg = mem_calloc(pn->c ? pn->c : 1, sizeof *rg);
    uint32_t c = 0;
    if (!rg) return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 0; i < pn->c;) {
        uint64_t lid;
        bool fRoot;
        uint32_t ib;
        if (rec_lv_key_parse(pn->rg[i].pbKey, pn->rg[i].cbKey, &lid, &fRoot, &ib) < 0) {
            i++;
            continue;
        }
        struct rp_lv *pl = &rg[c];
        memset(pl, 0, sizeof *pl);
        pl->lid = lid;
        pl->iRoot = UINT32_MAX;
        uint32_t j = i;
        /* nodes of this LID are adjacent: keys are big-endian LID first */
        for (; j < pn->c; j++) {
            uint64_t lid2;
            bool fRoot2;
            uint32_t ib2;
            if (rec_lv_key_parse(pn->rg[j].pbKey, pn->rg[j].cbKey, &lid2, &fRoot2, &ib2) < 0 || lid2 != lid) break;
            if (fRoot2) {
                pl->iRoot = j;
            } else {
                if (!pl->cChunks) pl->iFirstChunk = j;
                pl->cChunks++;
            }
        }
        if (j == i) j = i + 1;
        i = j;
        if (c > 0 && rg[c - 1].lid == lid) continue;    /* a stray key form of the same LID */
        c++;
        /* whole: a root, and chunks at 0, cbChunkMost, ... covering its size */
        struct rec_lvroot root;
        if (pl->iRoot == UINT32_MAX ||
            rec_lv_root_parse(pn->rg[pl->iRoot].pbData, pn->rg[pl->iRoot].cbData, &root) < 0)
            continue;
        pl->cbSize = root.ulSize;
        if (root.fFlags) continue;      /* encrypted: cannot be checked here */
        uint32_t ibNext = 0;
        bool fOk = true;
        for (uint32_t k = 0; k < pl->cChunks && fOk; k++) {
            const struct rp_node *pch = &pn->rg[pl->iFirstChunk + k];
            uint64_t lid2;
            bool fRoot2, fCompressed;
            uint32_t ib2;
            if (rec_lv_key_parse(pch->pbKey, pch->cbKey, &lid2, &fRoot2, &ib2) < 0 || ib2 != ibNext ||
                ib2 >= root.ulSize ||
                rec_lv_chunk_is_compressed(cbChunkMost, ib2, pch->cbData, root.ulSize, &fCompressed) < 0) {
                fOk = false;
                break;
            }
            const uint32_t cbExpected = MIN(cbChunkMost, root.ulSize - ib2);
            if (!fCompressed && pch->cbData != cbExpected) fOk = false;
            ibNext = ib2 + cbExpected;
        }
        pl->fComplete = fOk && ibNext == root.ulSize;
    }
    *prg = rg;
    *pc = c;
    return JET_errSuccess;
}

/* Every separated LID a record references, through fn (false stops with "missing"). */
static JET_ERR record_lids(const struct rec_view *prv, bool (*fn)(void *pv, uint64_t lid), void *pvCtx,
        bool *pfAllOk)
{
    JET_ERR err;
    *pfAllOk = true;
    for (uint32_t i = 0; i < prv->ctagged; i++) {
        struct rec_tagged t;
        CALL_R(rec_tagged_at(prv, i, &t));
        for (uint32_t itag = 1; itag <= t.cinst; itag++) {
            struct rec_value v;
            CALL_R(rec_tagged_instance(&t, itag, &v));
            if (err != JET_errSuccess || !(v.fFlags & REC_VALUE_SEPARATED)) continue;
            uint64_t lid;
            if (!rec_lid_get(v.pb, v.cb, &lid)) return ERR_TRAP(JET_errDatabaseCorrupted);
            if (!fn(pvCtx, lid)) *pfAllOk = false;
        }
    }
    return JET_errSuccess;
}

struct lid_ctx {
    struct rp_lv *rg;
    uint32_t c;
    int delta;                      /* 0: only check */
};
static bool lid_fn(void *pv, uint64_t lid)
{
    struct lid_ctx *p = pv;
    struct rp_lv *pl = bsearch(&lid, p->rg, p->c, sizeof *p->rg, cmp_lv_lid);
    if (!pl || !pl->fComplete) return false;
    pl->cRef = (uint32_t)((int64_t)pl->cRef + p->delta);
    return true;
}

/* ---- one table's data --------------------------------------------------------------------------- */

/* One long value: its root with the references the kept records hold, its chunks as they were. */
static JET_ERR insert_lv(struct rp *r, struct isam_wtable *pwt, const struct rp_nodes *pnLV, const struct rp_lv *pl)
{
    JET_ERR err;
    struct isam_session *sess = r->sess;
    uint8_t rgbKey[8], rgbRoot[16];
    const struct rp_node *pr = &pnLV->rg[pl->iRoot];
    struct rec_lvroot root;
    CALL_R(rec_lv_root_parse(pr->pbData, pr->cbData, &root));
    root.ulReference = pl->cRef;
    const uint32_t cbRoot = rec_lv_root_encode(&root, rgbRoot);
    const uint32_t cbKey = rec_lv_key_root(rgbKey, pl->lid);
    CALL_R(isam_wtrx_begin(sess));
    CALL(isam_node_insert(sess, pwt->cLV, &pwt->tLV, rgbKey, cbKey, rgbRoot, cbRoot));
    for (uint32_t k = 0; k < pl->cChunks; k++) {
        const struct rp_node *pc = &pnLV->rg[pl->iFirstChunk + k];
        CALL(isam_node_insert(sess, pwt->cLV, &pwt->tLV, pc->pbKey, pc->cbKey, pc->pbData, pc->cbData));
    }
out:
    return isam_wtrx_end(sess, err);
}

static JET_ERR insert_lvs(struct rp *r, struct isam_wtable *pwt, const struct rp_nodes *pnLV, struct rp_lv *rgLV,
        uint32_t cLV, struct rp_table_stats *pst)
{
    JET_ERR err = JET_errSuccess;
    struct isam_session *sess = r->sess;
    bool fAny = false;
    for (uint32_t i = 0; i < cLV; i++) fAny |= rgLV[i].cRef > 0;
    if (fAny) {
        pwt->fExclusive = true;     /* the LV tree is made in this session's transaction */
        CALL_R(isam_wtrx_begin(sess));
        err = isam_lv_open(sess, pwt, true);
        if (err >= 0 && !pwt->fLV) err = ERR_TRAP(JET_errInternalError);
        CALL_R(isam_wtrx_end(sess, err));
        if (!pwt->cLV) CALL_R(bt_open(pwt->db->btdb, &pwt->tLV.desc, &pwt->cLV));
    }
    for (uint32_t i = 0; i < cLV; i++) {
        if (!rgLV[i].cRef) {
            pst->cLVOrphan += rgLV[i].fComplete;
            continue;
        }
        CALL_R(insert_lv(r, pwt, pnLV, &rgLV[i]));
        pst->cLV++;
    }
    return JET_errSuccess;
}

/* A record that could not be written gives its long values' references back. */
static JET_ERR release_lvs(struct rp *r, struct isam_wtable *pwt, const struct rec_view *prv)
{
    JET_ERR err;
    if (!pwt->fLV) return JET_errSuccess;
    for (uint32_t i = 0; i < prv->ctagged; i++) {
        struct rec_tagged tg;
        if (rec_tagged_at(prv, i, &tg) < 0) break;
        for (uint32_t itag = 1; itag <= tg.cinst; itag++) {
            struct rec_value val;
            uint64_t lid;
            if (rec_tagged_instance(&tg, itag, &val) != JET_errSuccess || !(val.fFlags & REC_VALUE_SEPARATED) ||
                !rec_lid_get(val.pb, val.cb, &lid))
                continue;
            CALL_R(isam_wtrx_begin(r->sess));
            err = isam_lv_adjust_ref(r->sess, pwt, lid, -1);
            CALL_R(isam_wtrx_end(r->sess, err));
        }
    }
    return JET_errSuccess;
}

static JET_ERR copy_table(struct rp *r, struct rp_tdef *ptd)
{
    JET_ERR err;
    struct isam_session *sess = r->sess;
    struct isam_wtable *pwt = NULL;
    struct rp_nodes nData = { 0 }, nLV = { 0 };
    struct rp_lv *rgLV = NULL;
    uint32_t cLV = 0;
    uint8_t *pbKey = NULL;
    bool *rgfKeep = NULL;

    CALL(isam_wtable_open(r->dbNew, ptd->objidNew, &pwt));
    CALL(collect(r, ptd->objidOld, RP_KIND_DATA, 0, &nData));
    nodes_settle(&nData);
    if (ptd->objidLVOld) {
        CALL(collect(r, ptd->objidLVOld, RP_KIND_LV, 0, &nLV));
        nodes_settle(&nLV);
    }
    const uint32_t cbChunkMost = ptd->t.cbLVChunkMax ? ptd->t.cbLVChunkMax : rec_lv_chunk_most(r->cbPage);
    CALL(build_lvs(r, &nLV, cbChunkMost, &rgLV, &cLV));

    /* Which records survive, and the references they hold. */
    rgfKeep = mem_calloc(nData.c ? nData.c : 1, sizeof *rgfKeep);
    pbKey = mem_alloc(JET_cbKeyMostMost);
    if (!rgfKeep || !pbKey) FAIL(JET_errOutOfMemory);
    for (uint32_t i = 0; i < nData.c; i++) {
        const struct rp_node *p = &nData.rg[i];
        struct rec_view v;
        bool fLVOk;
        struct lid_ctx lc = { rgLV, cLV, 0 };
        if (rec_view_init(&v, p->pbData, p->cbData, r->cbPage, p->fOldFormat ? REC_VIEW_OLD_FORMAT : 0) < 0 ||
            record_lids(&v, lid_fn, &lc, &fLVOk) < 0) {
            raw(r, "ERROR: table \"%s\": the record on page %u does not decode: deleted\n", ptd->t.szName, p->pgno);
            ptd->st.cLostCorrupt++;
            continue;
        }
        if (!fLVOk) {
            raw(r, "ERROR: table \"%s\": the record on page %u references a long value that is missing or "
                   "incomplete: deleted\n", ptd->t.szName, p->pgno);
            ptd->st.cLostLV++;
            continue;
        }
        lc.delta = 1;
        CALL(record_lids(&v, lid_fn, &lc, &fLVOk));
        rgfKeep[i] = true;
    }
    CALL(insert_lvs(r, pwt, &nLV, rgLV, cLV, &ptd->st));

    for (uint32_t i = 0; i < nData.c; i++) {
        if (!rgfKeep[i]) continue;
        const struct rp_node *p = &nData.rg[i];
        struct rec_view v;
        uint32_t cbKey;
        CALL(rec_view_init(&v, p->pbData, p->cbData, r->cbPage, p->fOldFormat ? REC_VIEW_OLD_FORMAT : 0));
        if (pwt->pt->iidxPrimary >= 0) {
            /* the key this engine's normalization gives (a Windows database's text keys may differ) */
            err = isam_idx_primary_key(pwt, &v, pbKey, &cbKey);
        } else if (p->cbKey == 4) {
            memcpy(pbKey, p->pbKey, 4);
            cbKey = 4;
            err = JET_errSuccess;
        } else {
            err = ERR_TRAP(JET_errDatabaseCorrupted);
        }
        if (err >= 0) {
            struct bt_cursor *c;
            struct isam_tree *pt;
            CALL(isam_wtrx_begin(sess));
            err = isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &pt);
            if (err >= 0) err = isam_node_insert(sess, c, pt, pbKey, cbKey, p->pbData, p->cbData);
            if (err >= 0) err = isam_idx_record(sess, pwt, NULL, &v, pbKey, cbKey);
            err = isam_wtrx_end(sess, err);
        }
        if (err == JET_errOutOfMemory || err == JET_errDiskFull || err == JET_errOutOfDatabaseSpace ||
            err == JET_errVersionStoreOutOfMemory)
            goto out;
        if (err < 0) {
            if (err == JET_errKeyDuplicate) {
                raw(r, "ERROR: table \"%s\": the record on page %u duplicates the key of another: deleted\n",
                    ptd->t.szName, p->pgno);
                ptd->st.cLostDuplicate++;
            } else {
                raw(r, "ERROR: table \"%s\": the record on page %u cannot be written (error %ld): deleted\n",
                    ptd->t.szName, p->pgno, (long)err);
                ptd->st.cLostCorrupt++;
            }
            /* its long values lose the reference */
            CALL(release_lvs(r, pwt, &v));
            continue;
        }
        ptd->st.cRecords++;
    }
    err = JET_errSuccess;
out:
    mem_free(rgfKeep);
    mem_free(pbKey);
    mem_free(rgLV);
    nodes_free(&nData);
    nodes_free(&nLV);
    isam_wtable_close(pwt);
    return err;
}

/* ---- the repair ----------------------------------------------------------------------------------- */

static JET_ERR pages_of_tables(struct rp *r, struct rp_tdef *rgtd, uint32_t ctd)
{
    /* A bad page counts against the table whose objid (or index or LV objid) its header names. */
    for (uint32_t pgno = 1; pgno <= r->cpg; pgno++) {
        if (r->rgpg[pgno].state != RP_PAGE_BAD) continue;
        const uint32_t objid = r->rgpg[pgno].objid;
        for (uint32_t i = 0; i < ctd; i++) {
            struct rp_tdef *ptd = &rgtd[i];
            if (objid == ptd->objidOld) {
                ptd->st.cpgBad++;
                break;
            }
            if (ptd->objidLVOld && objid == ptd->objidLVOld) {
                ptd->st.cpgBadLV++;
                break;
            }
            bool fIndex = false;
            for (uint32_t k = 0; k < ptd->cidxOld && !fIndex; k++) fIndex = objid == ptd->rgobjidIdxOld[k];
            if (fIndex) {
                ptd->st.cpgBadIndex++;
                break;
            }
        }
    }
    return JET_errSuccess;
}

static int cmp_row_objid(const void *x, const void *y)
{
    const struct rp_row *a = x, *b = y;
    if (a->row.objidTable != b->row.objidTable) return a->row.objidTable < b->row.objidTable ? -1 : 1;
    if (a->row.type != b->row.type) return a->row.type < b->row.type ? -1 : 1;
    return a->row.id < b->row.id ? -1 : a->row.id > b->row.id;
}

static JET_ERR rebuild(struct rp *r, const ESENT_WCHAR *wszNew)
{
    JET_ERR err;
    struct rp_nodes nCat = { 0 };
    struct rp_row *rgrow = NULL;
    uint32_t crow = 0;
    struct rp_tdef *rgtd = NULL;
    uint32_t ctd = 0;
    struct catw w;
    bool fCatw = false;

    con(r, "\nScanning the database.\n");
    raw(r, "\n***** Repair: scanning %u pages\n", r->cpg);
    status(r, JET_sntBegin, 0, r->cpg);
    CALL(scan_pages(r));
    status(r, JET_sntComplete, r->cpg, r->cpg);
    raw(r, "%u pages are damaged\n", r->cpgBad);

    /* The space trees that can be read name the freed pages. */
    mark_avail(r, SPACE_PGNO_DB_ROOT);
    mark_avail(r, REC_CAT_PGNO_MSO);
    mark_avail(r, REC_CAT_PGNO_MSO_SHADOW);
    CALL(salvage_catalog(r, &nCat, &rgrow, &crow));
    qsort(rgrow, crow, sizeof *rgrow, cmp_row_objid);

    /* The tables and what they own. */
    rgtd = mem_calloc(crow ? crow : 1, sizeof *rgtd);
    if (!rgtd) FAIL(JET_errOutOfMemory);
    for (uint32_t i = 0; i < crow;) {
        uint32_t j = i;
        while (j < crow && rgrow[j].row.objidTable == rgrow[i].row.objidTable) j++;
        struct rp_tdef *ptd = &rgtd[ctd];
        memset(ptd, 0, sizeof *ptd);
        bool fTable = false;
        for (uint32_t k = i; k < j; k++) {
            const struct rec_cat_row *prow = &rgrow[k].row;
            if (prow->type == REC_SYSOBJ_TABLE && rec_cat_row_table(prow, &ptd->t) >= 0) fTable = true;
            if (prow->type == REC_SYSOBJ_LV) {
                struct rec_cat_lv lv;
                if (rec_cat_row_lv(prow, &lv) >= 0) {
                    ptd->objidLVOld = lv.objid;
                    ptd->pgnoLVOld = lv.pgnoFDP;
                }
            }
            if (prow->type == REC_SYSOBJ_INDEX) {
                struct rec_cat_index ci;
                if (rec_cat_row_index(prow, &ci) >= 0 && ptd->cidxOld < ARRAY_SIZE(ptd->rgobjidIdxOld)) {
                    ptd->rgobjidIdxOld[ptd->cidxOld++] = ci.objid;
                    if (ci.objid != rgrow[i].row.objidTable) mark_avail(r, ci.pgnoFDP);
                }
            }
        }
        if (!fTable) {
            raw(r, "ERROR: rows of object %u lost their table row: the table is lost\n", rgrow[i].row.objidTable);
            r->cTablesLost++;
        } else if (!is_builtin_table(ptd->t.szName)) {
            ptd->objidOld = rgrow[i].row.objidTable;
            ptd->pgnoFDPOld = ptd->t.pgnoFDP;
            ptd->iFirst = i;
            ptd->iEnd = j;
            mark_avail(r, ptd->pgnoFDPOld);
            mark_avail(r, ptd->pgnoLVOld);
            ctd++;
        }
        i = j;
    }
    r->cTables = ctd;
    raw(r, "%u pages the space trees list as free are left out (a freed page keeps its old nodes)\n", r->cpgFreed);
    CALL(pages_of_tables(r, rgtd, ctd));

    /* The new database. */
    {
        char szNew[1100];
        if (os_utf16_to_acp(wszNew, szNew, sizeof szNew, NULL) < 0)
            snprintf(szNew, sizeof szNew, "%s", debugstr_w(wszNew));
        con(r, "Rebuilding the database in %s.\n", szNew);
    }
    {
        bool fExists = false, fDir = false;
        if (r->vfs->ops->exists(r->vfs, wszNew, &fExists, &fDir) >= 0 && fExists) {
            err = r->vfs->ops->remove(r->vfs, wszNew);
            if (err < 0 && err != JET_errFileNotFound) goto out;
        }
    }
    /* Not logged: the file is renamed over the original at the end, so records about it in the
     * instance's log would name a file that no longer exists. */
    const JET_GRBIT grbitCreate = JET_bitDbRecoveryOff |
                                  ((r->hdrSrc.ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED) ? JET_bitDbShadowingOff : 0);
    CALL(isam_db_create(r->sess, wszNew, 0, grbitCreate, &r->dbidNew));
    r->dbNew = isam_db_get(r->inst, r->dbidNew);
    if (!r->dbNew) FAIL(JET_errInternalError);

    CALL(catw_open(r->sess, r->dbNew, &w));
    fCatw = true;
    for (uint32_t i = 0; i < ctd; i++) {
        err = write_table_rows(r, &w, rgrow, &rgtd[i]);
        if (err == JET_errTableDuplicate) {
            raw(r, "ERROR: table \"%s\" is named twice: the second copy is lost\n", rgtd[i].t.szName);
            rgtd[i].objidNew = 0;
            r->cTablesLost++;
            continue;
        }
        CALL(err);
    }
    catw_close(&w);
    fCatw = false;

    con(r, "Repairing damaged tables.\n");
    for (uint32_t i = 0; i < ctd; i++) {
        struct rp_tdef *ptd = &rgtd[i];
        if (!ptd->objidNew) continue;
        status(r, JET_sntProgress, i, ctd);
        CALL(copy_table(r, ptd));
        const struct rp_table_stats *ps = &ptd->st;
        const uint32_t cLost = ps->cLostCorrupt + ps->cLostLV + ps->cLostDuplicate;
        r->cRecordsLost += cLost;
        raw(r, "%s:\trepaired table \"%s\" (%u): %u records kept, %u records deleted (%u undecodable, %u with a lost "
               "long value, %u duplicate keys), %u long values kept, %u orphaned long values dropped; damaged pages: "
               "%u of its data (the records they held are lost), %u of its long values, %u of its indexes "
               "(rebuilt)\n", ptd->t.szName, ptd->t.szName, ptd->objidOld, ps->cRecords, cLost, ps->cLostCorrupt,
            ps->cLostLV, ps->cLostDuplicate, ps->cLV, ps->cLVOrphan, ps->cpgBad, ps->cpgBadLV, ps->cpgBadIndex);
        if (cLost || ps->cpgBad || ps->cpgBadLV)
            con(r, "  Table \"%s\": %u records kept, %u records deleted, %u damaged data pages lost.\n", ptd->t.szName,
                ps->cRecords, cLost, ps->cpgBad);
        else if (ps->cpgBadIndex)
            con(r, "  Table \"%s\": %u records kept; %u damaged index pages rebuilt.\n", ptd->t.szName, ps->cRecords,
                ps->cpgBadIndex);
    }

    /* The header says it was repaired (ESE's ErrDBUTLRepair end): the logs are not this
     * database's any more. */
    {
        struct isam_db *db = r->dbNew;
        os_mutex_lock(&db->hdr_lock);
        db->hdr.ulRepairCount = r->hdrSrc.ulRepairCount + 1;
        db->hdr.logtimeRepair = isam_logtime_now();
        db->hdr.signDb = r->hdrSrc.signDb;
        memset(&db->hdr.signLog, 0, sizeof db->hdr.signLog);
        memset(&db->hdr.lgposAttach, 0, sizeof db->hdr.lgposAttach);
        memset(&db->hdr.logtimeAttach, 0, sizeof db->hdr.logtimeAttach);
        db->hdr.ulECCFixSuccessOld = r->hdrSrc.ulECCFixSuccess;
        db->hdr.ulECCFixFailOld = r->hdrSrc.ulECCFixFail;
        db->hdr.ulBadChecksumOld = r->hdrSrc.ulBadChecksum;
        db->hdr.bkinfoFullPrev = r->hdrSrc.bkinfoFullPrev;
        os_mutex_unlock(&db->hdr_lock);
    }
    err = JET_errSuccess;
out:
    if (fCatw) catw_close(&w);
    mem_free(rgtd);
    mem_free(rgrow);
    nodes_free(&nCat);
    return err;
}

static JET_ERR open_report(struct rp *r)
{
    static const ESENT_WCHAR wszExt[] = { '.', 'I', 'N', 'T', 'E', 'G', '.', 'R', 'A', 'W', 0 };
    const ESENT_WCHAR *wszPrefix = r->pa->wszIntegPrefix;
    size_t cchPrefix;
    if (wszPrefix && wszPrefix[0]) {
        cchPrefix = wstr_len(wszPrefix);
    } else {
        wszPrefix = isam_path_leaf(r->pa->wszDatabase);
        cchPrefix = wstr_len(wszPrefix);
        for (size_t i = cchPrefix; i-- > 0;)
            if (wszPrefix[i] == '.') {
                cchPrefix = i;
                break;
            }
    }
    if (cchPrefix + ARRAY_SIZE(wszExt) > 260) return ERR_TRAP(JET_errInvalidParameter);
    ESENT_WCHAR *wsz = mem_alloc((cchPrefix + ARRAY_SIZE(wszExt)) * sizeof *wsz);
    if (!wsz) return ERR_TRAP(JET_errOutOfMemory);
    memcpy(wsz, wszPrefix, cchPrefix * sizeof *wsz);
    memcpy(wsz + cchPrefix, wszExt, sizeof wszExt);
    if (os_file_open(r->vfs, wsz, OS_OPEN_CREATE, &r->fRaw) < 0 || os_file_size(r->fRaw, &r->ibRaw) < 0) {
        WARN("cannot open the report %s", debugstr_w(wsz));
        if (r->fRaw) os_file_close(r->fRaw);
        r->fRaw = NULL;
    }
    mem_free(wsz);
    return JET_errSuccess;
}

JET_ERR isam_dbutil_repair(struct isam_session *sess, const struct isam_repair_args *pa)
{
    JET_ERR err;
    struct rp r;
    ESENT_WCHAR *wszFull = NULL, *wszNew = NULL;
    uint64_t cbFile = 0;
    bool fDbNewOpen = false;

    memset(&r, 0, sizeof r);
    r.sess = sess;
    r.inst = sess->inst;
    r.vfs = isam_vfs(sess->inst);
    r.pa = pa;
    if (!pa->wszDatabase || !pa->wszDatabase[0]) return ERR_TRAP(JET_errDatabaseInvalidName);
    if (sess->trx_level > 0) return ERR_TRAP(JET_errInTransaction);
    if (os_utf16_to_acp(pa->wszDatabase, r.szDb, sizeof r.szDb, NULL) < 0)
        snprintf(r.szDb, sizeof r.szDb, "%s", debugstr_w(pa->wszDatabase));

    /* The check first, as ESE's repair runs it: a sound database is left alone. */
    const struct isam_integrity_args ia = { pa->wszDatabase, pa->wszIntegPrefix, pa->fConsole, false, pa->pfnStatus,
                                            pa->sesid };
    err = isam_dbutil_integrity(sess, &ia);
    if (err >= 0) {
        con(&r, "No corruption was found: the database was not changed.\n");
        return JET_errSuccess;
    }
    if (err != JET_errDatabaseCorrupted) return err;

    CALL(open_report(&r));
    err = isam_db_header_read(r.vfs, pa->wszDatabase, &r.hdrSrc, &r.cbPage, &cbFile);
    if (err == JET_errDatabaseCorrupted || err == JET_errReadVerifyFailure || err == JET_errInvalidDatabaseVersion) {
        raw(&r, "ERROR: the database header and its shadow are both unreadable: repair cannot continue\n");
        con(&r, "\nThe database header cannot be read: the database cannot be repaired.\n");
        FAIL(JET_errDatabaseCorrupted);
    }
    CALL(err);
    if (r.cbPage != (uint32_t)param_num(&r.inst->params, JET_paramDatabasePageSize)) FAIL(JET_errPageSizeMismatch);
    if (cbFile / r.cbPage < 2 || cbFile / r.cbPage - 2 > UINT32_MAX - 1) FAIL(JET_errDatabaseCorrupted);
    r.cpg = (uint32_t)(cbFile / r.cbPage - 2);
    r.rgpg = mem_calloc((size_t)r.cpg + 1, sizeof *r.rgpg);
    r.pbPage = mem_alloc(r.cbPage);
    if (!r.rgpg || !r.pbPage) FAIL(JET_errOutOfMemory);

    CALL(r.vfs->ops->full_path(r.vfs, pa->wszDatabase, &wszFull));
    {
        static const ESENT_WCHAR wszSuffix[] = { '.', 'R', 'E', 'P', 'A', 'I', 'R', '.', 'T', 'M', 'P', 0 };
        size_t cch = wstr_len(wszFull);
        wszNew = mem_alloc((cch + ARRAY_SIZE(wszSuffix)) * sizeof *wszNew);
        if (!wszNew) FAIL(JET_errOutOfMemory);
        memcpy(wszNew, wszFull, cch * sizeof *wszNew);
        memcpy(wszNew + cch, wszSuffix, sizeof wszSuffix);
    }
    raw(&r, "\n***** Repair of database '%s' started\n", r.szDb);
    CALL(os_file_open(r.vfs, wszFull, OS_OPEN_READONLY | OS_OPEN_SHARE_READ, &r.fSrc));
    /* The space trees are read through an attach; without one freed pages are told apart by
     * their dbtimes only. */
    err = isam_dbutil_attach(sess, pa->wszDatabase, true, &r.dbSrc);
    if (err < 0) {
        raw(&r, "WARNING: the database cannot be attached (error %ld): its space trees are not read\n", (long)err);
        r.dbSrc = NULL;
    }
    err = rebuild(&r, wszNew);
    if (r.dbNew) fDbNewOpen = true;
    CALL(err);
    isam_dbutil_detach(r.dbSrc);
    r.dbSrc = NULL;
    os_file_close(r.fSrc);
    r.fSrc = NULL;
    fDbNewOpen = false;
    CALL(isam_db_close(sess, r.dbidNew, 0));
    CALL(isam_db_detach(sess, wszNew, 0));
    /* Instate it. */
    CALL(r.vfs->ops->rename(r.vfs, wszNew, wszFull));
    raw(&r, "\nRepair completed: %u tables rebuilt, %u lost; %llu records deleted; %u damaged pages.\n", r.cTables,
        r.cTablesLost, (unsigned long long)r.cRecordsLost, r.cpgBad);
    con(&r, "\nRepair completed. Database corruption has been repaired!\n");
    if (r.cRecordsLost || r.cpgBad || r.cTablesLost)
        con(&r, "%u damaged pages; %llu records deleted; %u tables lost (details in the .INTEG.RAW report).\n",
            r.cpgBad, (unsigned long long)r.cRecordsLost, r.cTablesLost);
    con(&r, "\nNote:\n"
            "  It is recommended that you immediately perform a full backup\n"
            "  of this database. If you restore a backup made before the\n"
            "  repair, the database will be rolled back to the state\n"
            "  it was in at the time of that backup.\n");
    err = JET_wrnDatabaseRepaired;
out:
    if (err < 0) {
        raw(&r, "\nRepair stopped with error %ld: the database was not changed.\n", (long)err);
        if (fDbNewOpen) {
            JET_ERR e1 = isam_db_close(sess, r.dbidNew, 0);
            JET_ERR e2 = isam_db_detach(sess, wszNew, 0);
            (void)e1;
            (void)e2;
        }
        if (wszNew) {
            JET_ERR e3 = r.vfs->ops->remove(r.vfs, wszNew);
            (void)e3;
        }
    }
    isam_dbutil_detach(r.dbSrc);
    if (r.fSrc) os_file_close(r.fSrc);
    if (r.fRaw) {
        JET_ERR errSync = os_file_sync(r.fRaw);
        (void)errSync;
        os_file_close(r.fRaw);
    }
    mem_free(r.rgpg);
    mem_free(r.pbPage);
    mem_free(wszFull);
    mem_free(wszNew);
    return err;
}
