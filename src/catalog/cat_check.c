/* SPDX-License-Identifier: MIT
 * catalog/cat_check.c: the integrity check of a whole database (esentutl /g): every tree the
 * catalog names through btree's checker, and the catalog's own consistency. Layer: catalog.
 *
 * Order: one walk of MSysObjects decodes every row (a row that does not decode is reported and
 * skipped), collects the objects (tables, secondary indexes, LV trees) and computes the entries
 * its Name and RootObjects indexes must hold; each object's root is read (objid, parent, type
 * bits); bt_check_db checks the database root and every tree whose root is sound; then the
 * indexes of MSysObjects, the shadow catalog, MSysObjids and MSysLocales are compared with what
 * the rows say. Problems are reported as found, each naming its page (when one is at fault), its
 * tree and its object. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cat_int.h"

DEBUG_CHANNEL(catalog);

/* Past this many differences in one comparison, the rest are summed up in one line. */
#define CHECK_DIFFS_MAX 20u

struct obj {
    uint32_t objid;
    uint32_t objidTable;
    uint32_t pgnoFDP;
    uint32_t pgnoParent;
    uint16_t sysobj;
    enum bt_type type;
    bool fNonUnique;
    bool fRootOk;
    char szTable[JET_cbNameMost + 1];
    char szName[JET_cbNameMost + 1];
};

struct kv {
    uint8_t *pbKey;
    uint32_t cbKey;
    uint8_t *pbData;
    uint32_t cbData;
    uint32_t objidTable, id;
    uint16_t type;
};
struct kvs {
    struct kv *rg;
    uint32_t c, cMax;
};

struct checker {
    struct bt_db *db;
    uint32_t cbPage;
    const struct catalog_check_opts *po;
    bt_check_fn fn;
    void *pv;
    JET_ERR errFirst;
    struct obj *rgobj;
    uint32_t cobj, cobjMax;
    struct kvs name, root;
    struct rec_schema schemaMso;
    struct rec_cat_index idxName, idxRoot;
    struct rec_index recName, recRoot;
    struct catalog_check_stats *pstats;
    bt_check_progress_fn pfnProgress;
    void *pvProgress;
};

static void problem(struct checker *pc, enum bt_check_severity sev, JET_ERR err, uint32_t pgno, uint32_t pgnoFDP,
        const char *fmt, ...) PRINTF_LIKE(6, 7);
static void problem(struct checker *pc, enum bt_check_severity sev, JET_ERR err, uint32_t pgno, uint32_t pgnoFDP,
        const char *fmt, ...)
{
    char sz[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sz, sizeof sz, fmt, ap);
    va_end(ap);
    if (sev == BT_CHECK_ERROR) {
        pc->pstats->bt.cErrors++;
        if (pc->errFirst >= 0)
            pc->errFirst = err;
        WARN("tree %u page %u: %s", pgnoFDP, pgno, sz);
    } else {
        pc->pstats->bt.cWarnings++;
    }
    if (pc->fn) {
        const struct bt_check_problem p = { sev, err, pgno, pgnoFDP, sz };
        pc->fn(pc->pv, &p);
    }
}

/* bt_check_db's reports pass through, counted by bt_check_db itself. */
static void forward(void *pv, const struct bt_check_problem *pp)
{
    struct checker *pc = pv;
    if (pp->severity == BT_CHECK_ERROR && pc->errFirst >= 0)
        pc->errFirst = pp->err;
    if (pc->fn)
        pc->fn(pc->pv, pp);
}

static const char *hex(const uint8_t *pb, uint32_t cb, char *sz, size_t cch)
{
    size_t n = 0;
    for (uint32_t i = 0; i < cb && n + 3 < cch; i++)
        n += (size_t)snprintf(sz + n, cch - n, "%02x", pb[i]);
    if (n + 3 >= cch && cch > 4)
        strcpy(sz + cch - 4, "...");
    return sz;
}

static int key_cmp(const uint8_t *a, uint32_t ca, const uint8_t *b, uint32_t cb)
{
    const int r = memcmp(a, b, MIN(ca, cb));
    return r ? r : (ca < cb ? -1 : ca > cb);
}

static int cmp_kv(const void *x, const void *y)
{
    const struct kv *a = x, *b = y;
    const int r = key_cmp(a->pbKey, a->cbKey, b->pbKey, b->cbKey);
    return r ? r : key_cmp(a->pbData, a->cbData, b->pbData, b->cbData);
}

static JET_ERR kvs_add(struct kvs *ps, const uint8_t *pbKey, uint32_t cbKey, const uint8_t *pbData, uint32_t cbData,
        uint32_t objidTable, uint16_t type, uint32_t id)
{
    if (ps->c == ps->cMax) {
        const uint32_t n = ps->cMax ? ps->cMax * 2 : 64;
        struct kv *rg = mem_realloc(ps->rg, (size_t)n * sizeof *rg);
        if (!rg)
            return ERR_TRAP(JET_errOutOfMemory);
        ps->rg = rg;
        ps->cMax = n;
    }
    uint8_t *pb = mem_alloc(cbKey + cbData + 1);
    if (!pb)
        return ERR_TRAP(JET_errOutOfMemory);
    memcpy(pb, pbKey, cbKey);
    memcpy(pb + cbKey, pbData, cbData);
    ps->rg[ps->c++] = (struct kv){ pb, cbKey, pb + cbKey, cbData, objidTable, id, type };
    return JET_errSuccess;
}

static void kvs_free(struct kvs *ps)
{
    for (uint32_t i = 0; i < ps->c; i++)
        mem_free(ps->rg[i].pbKey);
    mem_free(ps->rg);
}

static JET_ERR obj_add(struct checker *pc, const struct obj *po)
{
    if (pc->cobj == pc->cobjMax) {
        const uint32_t n = pc->cobjMax ? pc->cobjMax * 2 : 32;
        struct obj *rg = mem_realloc(pc->rgobj, (size_t)n * sizeof *rg);
        if (!rg)
            return ERR_TRAP(JET_errOutOfMemory);
        pc->rgobj = rg;
        pc->cobjMax = n;
    }
    pc->rgobj[pc->cobj++] = *po;
    return JET_errSuccess;
}

static const char *sysobj_name(uint16_t sysobj)
{
    return sysobj == REC_SYSOBJ_TABLE ? "table" : sysobj == REC_SYSOBJ_INDEX ? "index" : "long-value tree";
}

/* ---- the walk of MSysObjects ------------------------------------------------------------------ */

struct sink {
    struct kvs *ps;
    const uint8_t *pbId;
    uint32_t cbId;
    const struct rec_cat_row *prow;
};
static JET_ERR sink_fn(void *pv, const uint8_t *pbKey, uint32_t cbKey)
{
    struct sink *s = pv;
    return kvs_add(s->ps, pbKey, cbKey, s->pbId, s->cbId, s->prow->objidTable, s->prow->type, s->prow->id);
}

static JET_ERR walk_catalog(struct checker *pc)
{
    JET_ERR err;
    struct bt_cursor *c;
    struct obj table;
    bool fTable = false, fPrimary = false;
    memset(&table, 0, sizeof table);
    CALL_R(bt_open(pc->db, &cat_desc_mso, &c));
    for (err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0)) {
        struct rec_view v;
        struct rec_cat_row row;
        uint32_t cbKey;
        char szKey[64];
        const uint8_t *pbKey = bt_key(c, &cbKey);
        pc->pstats->cRows++;
        if (cat_row_decode(c, pc->cbPage, &v, &row) < 0) {
            problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                    "MSysObjects row with key %s is malformed", hex(pbKey, cbKey, szKey, sizeof szKey));
            continue;
        }
        /* The entries this row puts in Name and RootObjects. */
        uint8_t rgbId[16];
        const uint32_t cbId = rec_cat_key_id(row.objidTable, row.type, row.id, rgbId);
        struct sink s = { &pc->name, rgbId, cbId, &row };
        CALL(rec_key_enum_record(&pc->recName, &pc->schemaMso, &v, NULL, NULL, sink_fn, &s));
        s.ps = &pc->root;
        CALL(rec_key_enum_record(&pc->recRoot, &pc->schemaMso, &v, NULL, NULL, sink_fn, &s));

        if (row.type == REC_SYSOBJ_TABLE) {
            struct rec_cat_table t;
            if (rec_cat_row_table(&row, &t) < 0) {
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                        "table row of objid %u is malformed", row.objidTable);
                fTable = false;
                continue;
            }
            /* (a table without a primary index row is keyed by the DBK: nothing to check) */
            table = (struct obj){ t.objid, t.objid, t.pgnoFDP, SPACE_PGNO_DB_ROOT, REC_SYSOBJ_TABLE, BT_TYPE_PRIMARY,
                                  false, false, "", "" };
            strcpy(table.szTable, t.szName);
            strcpy(table.szName, t.szName);
            fTable = true;
            fPrimary = false;
            pc->pstats->cTables++;
            CALL(obj_add(pc, &table));
            continue;
        }
        if (!fTable || row.objidTable != table.objid) {
            problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                    "row (%u, %u, %u) \"%s\" belongs to no table row", row.objidTable, row.type, row.id, row.szName);
            continue;
        }
        switch (row.type) {
        case REC_SYSOBJ_COLUMN: {
            struct rec_cat_column col;
            if (rec_cat_row_column(&row, &col) < 0)
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                        "column row %s.%s is malformed", table.szTable, row.szName);
            break;
        }
        case REC_SYSOBJ_INDEX: {
            struct rec_cat_index x;
            if (rec_cat_row_index(&row, &x) < 0) {
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                        "index row %s.%s is malformed", table.szTable, row.szName);
                break;
            }
            if (x.objid == table.objid) {
                if (!(x.fidb & REC_IDB_PRIMARY) || x.pgnoFDP != table.pgnoFDP || fPrimary)
                    problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                            "primary index %s.%s: pgnoFDP %u (the table's is %u), flags 0x%x%s", table.szTable,
                            x.szName, x.pgnoFDP, table.pgnoFDP, x.fidb, fPrimary ? ", a second one" : "");
                fPrimary = true;
                break;
            }
            if (x.fidb & REC_IDB_PRIMARY)
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                        "index %s.%s has its own tree but says it is primary", table.szTable, x.szName);
            struct obj o = { x.objid, table.objid, x.pgnoFDP, table.pgnoFDP, REC_SYSOBJ_INDEX, BT_TYPE_INDEX,
                             !(x.fidb & REC_IDB_UNIQUE), false, "", "" };
            strcpy(o.szTable, table.szTable);
            strcpy(o.szName, x.szName);
            pc->pstats->cIndexes++;
            CALL(obj_add(pc, &o));
            break;
        }
        case REC_SYSOBJ_LV: {
            struct rec_cat_lv lv;
            if (rec_cat_row_lv(&row, &lv) < 0) {
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                        "long-value row of %s is malformed", table.szTable);
                break;
            }
            struct obj o = { lv.objid, table.objid, lv.pgnoFDP, table.pgnoFDP, REC_SYSOBJ_LV, BT_TYPE_LV, false, false,
                             "", "LV" };
            strcpy(o.szTable, table.szTable);
            pc->pstats->cLV++;
            CALL(obj_add(pc, &o));
            break;
        }
        case REC_SYSOBJ_CALLBACK: {
            struct rec_cat_callback cb;
            if (rec_cat_row_callback(&row, &cb) < 0)
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                        "callback row of %s is malformed", table.szTable);
            break;
        }
        default:
            problem(pc, BT_CHECK_WARNING, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                    "row (%u, %u, %u) of %s has an obsolete type", row.objidTable, row.type, row.id, table.szTable);
            break;
        }
    }
    if (err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
out:
    bt_close(c);
    return err;
}

/* ---- objects and their roots ------------------------------------------------------------------ */

static int cmp_obj_objid(const void *x, const void *y)
{
    const struct obj *a = x, *b = y;
    return a->objid < b->objid ? -1 : a->objid > b->objid;
}
static int cmp_obj_pgno(const void *x, const void *y)
{
    const struct obj *a = x, *b = y;
    return a->pgnoFDP < b->pgnoFDP ? -1 : a->pgnoFDP > b->pgnoFDP;
}

static JET_ERR check_objects(struct checker *pc)
{
    JET_ERR err;
    struct space_db *sdb = bt_db_space(pc->db);
    for (uint32_t i = 0; i < pc->cobj; i++) {
        struct obj *po = &pc->rgobj[i];
        struct space_fdp_info info;
        if (pc->po->objidLast && po->objid > pc->po->objidLast)
            problem(pc, BT_CHECK_ERROR, JET_errDatabaseCorrupted, 0, po->pgnoFDP,
                    "%s %s.%s has objid %u, above the header's objidLast %u", sysobj_name(po->sysobj), po->szTable,
                    po->szName, po->objid, pc->po->objidLast);
        if (po->pgnoFDP <= SPACE_PGNO_DB_ROOT || po->pgnoFDP > cache_file_cpg(sdb->file)) {
            problem(pc, BT_CHECK_ERROR, JET_errDatabaseCorrupted, 0, po->pgnoFDP,
                    "%s %s.%s names page %u, outside the database", sysobj_name(po->sysobj), po->szTable, po->szName,
                    po->pgnoFDP);
            continue;
        }
        err = space_get_fdp_info(sdb, po->pgnoFDP, &info);
        if (err == JET_errOutOfMemory)
            return err;
        if (err < 0) {
            problem(pc, BT_CHECK_ERROR, err, po->pgnoFDP, po->pgnoFDP, "%s %s.%s: page %u is not the root of a tree (%ld)",
                    sysobj_name(po->sysobj), po->szTable, po->szName, po->pgnoFDP, (long)err);
            continue;
        }
        const uint32_t fTypeWant = (po->type == BT_TYPE_INDEX ? PAGE_FLAG_INDEX : 0)
                                   | (po->type == BT_TYPE_LV ? PAGE_FLAG_LONG_VALUE : 0)
                                   | (po->fNonUnique ? PAGE_FLAG_NON_UNIQUE_KEYS : 0);
        bool fOk = true;
        if (info.objid != po->objid) {
            problem(pc, BT_CHECK_ERROR, JET_errDatabaseCorrupted, po->pgnoFDP, po->pgnoFDP,
                    "%s %s.%s: its root has objid %u, the catalog says %u", sysobj_name(po->sysobj), po->szTable,
                    po->szName, info.objid, po->objid);
            fOk = false;
        }
        if (info.pgnoParent != po->pgnoParent)
            problem(pc, BT_CHECK_ERROR, JET_errDatabaseCorrupted, po->pgnoFDP, po->pgnoFDP,
                    "%s %s.%s: its root names parent %u, the catalog puts it under %u", sysobj_name(po->sysobj),
                    po->szTable, po->szName, info.pgnoParent, po->pgnoParent);
        if ((info.fPageFlags & SPACE_TYPE_FLAGS) != fTypeWant) {
            problem(pc, BT_CHECK_ERROR, JET_errDatabaseCorrupted, po->pgnoFDP, po->pgnoFDP,
                    "%s %s.%s: its root's type flags are 0x%x, the catalog calls for 0x%x", sysobj_name(po->sysobj),
                    po->szTable, po->szName, info.fPageFlags & SPACE_TYPE_FLAGS, fTypeWant);
            fOk = false;
        }
        po->fRootOk = fOk;
    }
    /* objids and FDPs are each used once */
    struct obj *rg = mem_alloc((size_t)(pc->cobj ? pc->cobj : 1) * sizeof *rg);
    if (!rg)
        return ERR_TRAP(JET_errOutOfMemory);
    if (pc->cobj)
        memcpy(rg, pc->rgobj, (size_t)pc->cobj * sizeof *rg);
    qsort(rg, pc->cobj, sizeof *rg, cmp_obj_objid);
    for (uint32_t i = 1; i < pc->cobj; i++)
        if (rg[i].objid == rg[i - 1].objid)
            problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, rg[i].pgnoFDP, "objid %u is used by %s %s.%s and %s %s.%s",
                    rg[i].objid, sysobj_name(rg[i - 1].sysobj), rg[i - 1].szTable, rg[i - 1].szName,
                    sysobj_name(rg[i].sysobj), rg[i].szTable, rg[i].szName);
    qsort(rg, pc->cobj, sizeof *rg, cmp_obj_pgno);
    for (uint32_t i = 1; i < pc->cobj; i++)
        if (rg[i].pgnoFDP == rg[i - 1].pgnoFDP)
            problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, rg[i].pgnoFDP, rg[i].pgnoFDP,
                    "page %u is the root of both %s %s.%s and %s %s.%s", rg[i].pgnoFDP, sysobj_name(rg[i - 1].sysobj),
                    rg[i - 1].szTable, rg[i - 1].szName, sysobj_name(rg[i].sysobj), rg[i].szTable, rg[i].szName);
    mem_free(rg);
    return JET_errSuccess;
}

static JET_ERR check_trees(struct checker *pc)
{
    JET_ERR err;
    struct bt_check_tree *rg = mem_calloc(pc->cobj ? pc->cobj : 1, sizeof *rg);
    uint32_t c = 0;
    if (!rg)
        return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 0; i < pc->cobj; i++) {
        const struct obj *po = &pc->rgobj[i];
        if (!po->fRootOk)
            continue;
        /* A page two objects claim is reported once, above; the checker sees it once. */
        bool fDup = false;
        for (uint32_t j = 0; j < c && !fDup; j++)
            fDup = rg[j].pgnoFDP == po->pgnoFDP;
        if (!fDup)
            rg[c++] = (struct bt_check_tree){ po->pgnoFDP, po->objid, po->pgnoParent, true, po->type, po->fNonUnique };
    }
    const uint32_t cErrors = pc->pstats->bt.cErrors, cWarnings = pc->pstats->bt.cWarnings;
    err = bt_check_db_ex(pc->db, rg, c, forward, pc, &pc->pstats->bt, pc->pfnProgress, pc->pvProgress);
    pc->pstats->bt.cErrors += cErrors;
    pc->pstats->bt.cWarnings += cWarnings;
    mem_free(rg);
    /* Corruption is reported, not returned: the checks below still run. */
    return err == JET_errOutOfMemory ? err : JET_errSuccess;
}

/* ---- trees compared with what the rows say ---------------------------------------------------- */

/* The live nodes of a tree, in order, against the sorted expected entries. */
static JET_ERR compare_index(struct checker *pc, const struct bt_tree_desc *pd, const char *szIndex, struct kvs *pexp)
{
    JET_ERR err;
    struct bt_cursor *c;
    uint32_t i = 0, cDiff = 0;
    char szKey[96];
    qsort(pexp->rg, pexp->c, sizeof *pexp->rg, cmp_kv);
    CALL_R(bt_open(pc->db, pd, &c));
    err = bt_move_first(c, 0);
    for (;;) {
        const bool fHave = err >= 0;
        if (err < 0 && err != JET_errNoCurrentRecord)
            goto out;
        if (!fHave && i == pexp->c)
            break;
        uint32_t cbKey = 0, cbData = 0;
        const uint8_t *pbKey = fHave ? bt_key(c, &cbKey) : NULL, *pbData = fHave ? bt_data(c, &cbData) : NULL;
        int cmp = !fHave ? 1 : i == pexp->c ? -1 : key_cmp(pbKey, cbKey, pexp->rg[i].pbKey, pexp->rg[i].cbKey);
        if (cmp == 0 && key_cmp(pbData, cbData, pexp->rg[i].pbData, pexp->rg[i].cbData) != 0) {
            if (cDiff++ < CHECK_DIFFS_MAX)
                problem(pc, BT_CHECK_ERROR, JET_errSecondaryIndexCorrupted, 0, pd->pgnoFDP,
                        "%s entry %s points to another row than (%u, %u, %u)", szIndex, hex(pbKey, cbKey, szKey, sizeof szKey),
                        pexp->rg[i].objidTable, pexp->rg[i].type, pexp->rg[i].id);
        } else if (cmp < 0) {
            if (cDiff++ < CHECK_DIFFS_MAX)
                problem(pc, BT_CHECK_ERROR, JET_errSecondaryIndexCorrupted, 0, pd->pgnoFDP,
                        "%s holds entry %s that no MSysObjects row gives", szIndex, hex(pbKey, cbKey, szKey, sizeof szKey));
            err = bt_move_next(c, 0);
            continue;
        } else if (cmp > 0) {
            if (cDiff++ < CHECK_DIFFS_MAX)
                problem(pc, BT_CHECK_ERROR, JET_errSecondaryIndexCorrupted, 0, pd->pgnoFDP,
                        "%s lacks the entry of row (%u, %u, %u)", szIndex, pexp->rg[i].objidTable, pexp->rg[i].type,
                        pexp->rg[i].id);
            i++;
            continue;
        }
        i++;
        err = bt_move_next(c, 0);
    }
    if (cDiff > CHECK_DIFFS_MAX)
        problem(pc, BT_CHECK_ERROR, JET_errSecondaryIndexCorrupted, 0, pd->pgnoFDP, "%s: %u more differences",
                szIndex, cDiff - CHECK_DIFFS_MAX);
    err = JET_errSuccess;
out:
    bt_close(c);
    return err;
}

static const struct obj *find_table(const struct checker *pc, const char *szName)
{
    for (uint32_t i = 0; i < pc->cobj; i++)
        if (pc->rgobj[i].sysobj == REC_SYSOBJ_TABLE && cat_name_cmp(pc->rgobj[i].szName, szName) == 0)
            return &pc->rgobj[i];
    return NULL;
}

/* MSysObjectsShadow holds every row of MSysObjects, key and data (ErrCATInsert). */
static JET_ERR compare_shadow(struct checker *pc)
{
    JET_ERR err, errS;
    struct bt_cursor *c = NULL, *cs = NULL;
    uint32_t cDiff = 0;
    char szKey[96];
    const struct obj *po = find_table(pc, CATALOG_SZ_MSO_SHADOW);
    if (!po || !po->fRootOk) {
        if (!po)
            problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, REC_CAT_PGNO_MSO,
                    "the catalog has no MSysObjectsShadow, and the header does not turn shadowing off");
        return JET_errSuccess;
    }
    const struct bt_tree_desc d = { po->pgnoFDP, po->objid, BT_TYPE_PRIMARY, false, REC_CB_KEY_MOST_OLD };
    CALL(bt_open(pc->db, &cat_desc_mso, &c));
    CALL(bt_open(pc->db, &d, &cs));
    err = bt_move_first(c, 0);
    errS = bt_move_first(cs, 0);
    for (;;) {
        if (err < 0 && err != JET_errNoCurrentRecord)
            goto out;
        if (errS < 0 && errS != JET_errNoCurrentRecord)
            FAIL(errS);
        const bool f = err >= 0, fS = errS >= 0;
        if (!f && !fS)
            break;
        uint32_t cbK = 0, cbD = 0, cbKS = 0, cbDS = 0;
        const uint8_t *pbK = f ? bt_key(c, &cbK) : NULL, *pbD = f ? bt_data(c, &cbD) : NULL;
        const uint8_t *pbKS = fS ? bt_key(cs, &cbKS) : NULL, *pbDS = fS ? bt_data(cs, &cbDS) : NULL;
        const int cmp = !f ? 1 : !fS ? -1 : key_cmp(pbK, cbK, pbKS, cbKS);
        if (cmp == 0) {
            if ((cbD != cbDS || memcmp(pbD, pbDS, cbD) != 0) && cDiff++ < CHECK_DIFFS_MAX)
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, po->pgnoFDP,
                        "the shadow's row %s differs from MSysObjects'", hex(pbK, cbK, szKey, sizeof szKey));
            err = bt_move_next(c, 0);
            errS = bt_move_next(cs, 0);
        } else if (cmp < 0) {
            if (cDiff++ < CHECK_DIFFS_MAX)
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, po->pgnoFDP, "the shadow lacks row %s",
                        hex(pbK, cbK, szKey, sizeof szKey));
            err = bt_move_next(c, 0);
        } else {
            if (cDiff++ < CHECK_DIFFS_MAX)
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, po->pgnoFDP,
                        "the shadow holds row %s that MSysObjects has not", hex(pbKS, cbKS, szKey, sizeof szKey));
            errS = bt_move_next(cs, 0);
        }
    }
    if (cDiff > CHECK_DIFFS_MAX)
        problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, po->pgnoFDP, "the shadow: %u more differences",
                cDiff - CHECK_DIFFS_MAX);
    err = JET_errSuccess;
out:
    if (cs)
        bt_close(cs);
    if (c)
        bt_close(c);
    return err;
}

static bool tagged_u32(const struct rec_view *pv, uint32_t fid, uint32_t cb, uint32_t *pv32)
{
    struct rec_tagged t;
    struct rec_value val;
    if (rec_tagged_find(pv, fid, false, &t) < 0 || rec_tagged_instance(&t, 1, &val) != JET_errSuccess || val.cb != cb
            || (val.fFlags & ~REC_VALUE_DEFAULT))
        return false;
    *pv32 = cb == 4 ? get_le32(val.pb) : get_le16(val.pb);
    return true;
}

/* MSysObjids: one row (objid, objidTable, type) per table, secondary index and LV tree. */
static JET_ERR compare_objids(struct checker *pc)
{
    JET_ERR err;
    struct bt_cursor *c;
    const struct obj *pt = find_table(pc, CATALOG_SZ_MSYSOBJIDS);
    uint32_t cDiff = 0, cRows = 0;
    if (!pt || !pt->fRootOk)
        return JET_errSuccess;      /* Windows creates it at the first read/write attach */
    bool *rgfSeen = mem_calloc(pc->cobj ? pc->cobj : 1, sizeof *rgfSeen);
    if (!rgfSeen)
        return ERR_TRAP(JET_errOutOfMemory);
    const struct bt_tree_desc d = { pt->pgnoFDP, pt->objid, BT_TYPE_PRIMARY, false, REC_CB_KEY_MOST_OLD };
    CALL(bt_open(pc->db, &d, &c));
    for (err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0)) {
        struct rec_view v;
        uint32_t cb, objid, objidTable, type;
        const uint8_t *pb = bt_data(c, &cb);
        cRows++;
        if (rec_view_init(&v, pb, cb, pc->cbPage, 0) < 0 || !tagged_u32(&v, 256, 4, &objid)
                || !tagged_u32(&v, 257, 4, &objidTable) || !tagged_u32(&v, 258, 2, &type)) {
            if (cDiff++ < CHECK_DIFFS_MAX)
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, pt->pgnoFDP, "MSysObjids row %u is malformed", cRows);
            continue;
        }
        uint32_t i = 0;
        while (i < pc->cobj && pc->rgobj[i].objid != objid)
            i++;
        if (i == pc->cobj) {
            if (cDiff++ < CHECK_DIFFS_MAX)
                problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, pt->pgnoFDP,
                        "MSysObjids lists objid %u, which the catalog does not have", objid);
            continue;
        }
        rgfSeen[i] = true;
        if ((pc->rgobj[i].objidTable != objidTable || pc->rgobj[i].sysobj != type) && cDiff++ < CHECK_DIFFS_MAX)
            problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, pt->pgnoFDP,
                    "MSysObjids says objid %u is a %u of table %u; the catalog has the %s %s.%s", objid, type, objidTable,
                    sysobj_name(pc->rgobj[i].sysobj), pc->rgobj[i].szTable, pc->rgobj[i].szName);
    }
    if (err != JET_errNoCurrentRecord)
        goto out;
    for (uint32_t i = 0; i < pc->cobj; i++)
        if (!rgfSeen[i] && cDiff++ < CHECK_DIFFS_MAX)
            problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, pt->pgnoFDP, "MSysObjids lacks the %s %s.%s (objid %u)",
                    sysobj_name(pc->rgobj[i].sysobj), pc->rgobj[i].szTable, pc->rgobj[i].szName, pc->rgobj[i].objid);
    if (cDiff > CHECK_DIFFS_MAX)
        problem(pc, BT_CHECK_ERROR, JET_errCatalogCorrupted, 0, pt->pgnoFDP, "MSysObjids: %u more differences",
                cDiff - CHECK_DIFFS_MAX);
    err = JET_errSuccess;
out:
    bt_close(c);
    mem_free(rgfSeen);
    return err;
}

/* The header says MSysLocales is consistent: its marker row must be there (else Windows
 * rebuilds the table at the next read/write attach, ErrCATCreateOrUpgradeMSLocales). */
static JET_ERR check_locales(struct checker *pc)
{
    JET_ERR err;
    struct bt_cursor *c;
    static const char szMarker[] = "MSysLocalesConsistent";
    const struct obj *pt = find_table(pc, CATALOG_SZ_MSYSLOCALES);
    bool fFound = false;
    if (!pc->po->fLocalesConsistent)
        return JET_errSuccess;
    if (!pt) {
        problem(pc, BT_CHECK_WARNING, JET_errCatalogCorrupted, 0, 0,
                "the header says MSysLocales is consistent, and there is no MSysLocales");
        return JET_errSuccess;
    }
    if (!pt->fRootOk)
        return JET_errSuccess;
    const struct bt_tree_desc d = { pt->pgnoFDP, pt->objid, BT_TYPE_PRIMARY, false, REC_CB_KEY_MOST_OLD };
    CALL_R(bt_open(pc->db, &d, &c));
    for (err = bt_move_first(c, 0); err >= 0 && !fFound; err = bt_move_next(c, 0)) {
        struct rec_view v;
        struct rec_value val;
        enum rec_presence pres;
        uint32_t cb;
        const uint8_t *pb = bt_data(c, &cb);
        if (rec_view_init(&v, pb, cb, pc->cbPage, 0) < 0 || rec_get_var(&v, 128, &pres, &val) < 0 || pres != REC_PRESENT
                || val.cb != 2 * sizeof szMarker)
            continue;
        fFound = true;
        for (uint32_t i = 0; i < sizeof szMarker && fFound; i++)
            fFound = get_le16(val.pb + 2 * i) == (uint8_t)szMarker[i];
    }
    bt_close(c);
    if (err < 0 && err != JET_errNoCurrentRecord)
        return err;
    if (!fFound)
        problem(pc, BT_CHECK_WARNING, JET_errCatalogCorrupted, 0, pt->pgnoFDP,
                "the header says MSysLocales is consistent, and it has no MSysLocalesConsistent row");
    return JET_errSuccess;
}

JET_ERR catalog_check_database(struct bt_db *db, const struct catalog_check_opts *po, bt_check_fn fn, void *pvCtx,
        struct catalog_check_stats *pstats)
{
    return catalog_check_database_ex(db, po, fn, pvCtx, pstats, NULL, NULL);
}

JET_ERR catalog_check_database_ex(struct bt_db *db, const struct catalog_check_opts *po, bt_check_fn fn, void *pvCtx,
        struct catalog_check_stats *pstats, bt_check_progress_fn pfnProgress, void *pvProgress)
{
    JET_ERR err;
    struct checker ch;
    struct catalog_check_stats stats;
    memset(&ch, 0, sizeof ch);
    memset(&stats, 0, sizeof stats);
    ch.db = db;
    ch.cbPage = bt_db_space(db)->cbPage;
    ch.po = po;
    ch.fn = fn;
    ch.pv = pvCtx;
    ch.pfnProgress = pfnProgress;
    ch.pvProgress = pvProgress;
    ch.pstats = pstats ? pstats : &stats;
    memset(ch.pstats, 0, sizeof *ch.pstats);
    rec_cat_schema(ch.cbPage, &ch.schemaMso);
    rec_sys_mso_index(REC_CAT_OBJID_MSO, 1, &ch.idxName);
    rec_sys_mso_index(REC_CAT_OBJID_MSO, 2, &ch.idxRoot);
    rec_cat_index_to_rec(&ch.idxName, &ch.recName);
    rec_cat_index_to_rec(&ch.idxRoot, &ch.recRoot);

    err = walk_catalog(&ch);
    if (err < 0 && err != JET_errOutOfMemory) {
        problem(&ch, BT_CHECK_ERROR, err, 0, REC_CAT_PGNO_MSO, "MSysObjects cannot be read (%ld)", (long)err);
        goto out;
    }
    CALL(err);
    CALL(check_objects(&ch));
    CALL(check_trees(&ch));
    /* The fixed indexes of MSysObjects: only when the catalog names them and their roots are sound. */
    for (uint32_t i = 0; i < ch.cobj; i++) {
        const struct obj *o = &ch.rgobj[i];
        if (o->objidTable != REC_CAT_OBJID_MSO || o->sysobj != REC_SYSOBJ_INDEX || !o->fRootOk)
            continue;
        if (o->objid == REC_CAT_OBJID_NAME_INDEX && o->pgnoFDP == REC_CAT_PGNO_NAME_INDEX)
            CALL(compare_index(&ch, &cat_desc_name_index, "index Name of MSysObjects", &ch.name));
        else if (o->objid == REC_CAT_OBJID_ROOT_INDEX && o->pgnoFDP == REC_CAT_PGNO_ROOT_INDEX)
            CALL(compare_index(&ch, &cat_desc_root_index, "index RootObjects of MSysObjects", &ch.root));
    }
    if (!po->fShadowingOff)
        CALL(compare_shadow(&ch));
    CALL(compare_objids(&ch));
    CALL(check_locales(&ch));
    err = ch.errFirst;
out:
    if (err == JET_errOutOfMemory)
        ch.errFirst = err;
    mem_free(ch.rgobj);
    kvs_free(&ch.name);
    kvs_free(&ch.root);
    return err < 0 ? err : ch.errFirst;
}
