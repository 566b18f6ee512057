/* SPDX-License-Identifier: MIT
 * catalog/cat_create.c: the layout of a new database (ESE-FORMAT-NOTES §14). Layer: catalog.
 *
 * Windows' ErrDBCreateDatabase builds, in this order: the database root (ErrDBInitDatabase);
 * ErrCATCreate: MSysObjects' FDP at 4 (20 pages, multiple extent), the shadow's at 24 (5 pages at
 * 4 KiB and above), the Name and RootObjects index FDPs at 7 and 10 (3 pages each, taken from
 * MSysObjects' own space), then the rows: MSysObjects' table row and its 28 column rows, the same
 * for MSysObjectsShadow, the index rows Id (MSysObjects), Id (shadow), Name, RootObjects; then
 * MSysObjids (ErrCATCreateMSObjids: a 1-page table at 29 with its rows, populated from the catalog,
 * ErrCATPopulateMSObjids) and MSysLocales (the key-value store of kvpstore.cxx: a 1-page table at
 * 30, its six .Schema rows and the MSysLocalesConsistent marker). Every catalog row goes to both
 * MSysObjects and the shadow (ErrCATInsert) unless shadowing is off, and every MSysObjects row to
 * its Name index, table rows to RootObjects.
 *
 * Here each FDP is made in an mtr of its own (space_alloc_extent_at + space_create_fdp), then
 * each tree is filled in one mtr by cat_tree_load with its entries in Windows' insertion order,
 * which reproduces Windows' splits (MSysObjects and its shadow become a root and two leaves at
 * 4 KiB, 13/14 and 27/28). The row bytes are the record layer's encoders (ESE's ErrCATAdd* and
 * SetColumn), so every row is Windows' row byte for byte. */
#include "cat_int.h"

DEBUG_CHANNEL(catalog);

/* ESE's cpgMSOInitial, CpgCATShadowInitial (5 at 4 KiB and up), the indexes' 3 pages. */
#define CAT_CPG_MSO             REC_CAT_CPG_MSO
#define CAT_CPG_MSO_SHADOW      5u
#define CAT_CPG_MSO_INDEX       3u
#define CAT_OBJID_LAST_NEW      CATALOG_OBJID_MSYSLOCALES

/* ---- entries under construction -------------------------------------------------------------- */

struct entries {
    struct cat_entry *rg;
    uint32_t c, cMax;
};

static JET_ERR entries_add(struct entries *pe, const void *pbKey, uint32_t cbKey, const void *pbData, uint32_t cbData)
{
    if (pe->c == pe->cMax) {
        const uint32_t cNew = pe->cMax ? pe->cMax * 2 : 64;
        struct cat_entry *rg = mem_realloc(pe->rg, (size_t)cNew * sizeof *rg);
        if (!rg)
            return ERR_TRAP(JET_errOutOfMemory);
        pe->rg = rg;
        pe->cMax = cNew;
    }
    uint8_t *pb = mem_alloc(cbKey + cbData + 1);
    if (!pb)
        return ERR_TRAP(JET_errOutOfMemory);
    memcpy(pb, pbKey, cbKey);
    memcpy(pb + cbKey, pbData, cbData);
    pe->rg[pe->c++] = (struct cat_entry){ pb, cbKey, pb + cbKey, cbData };
    return JET_errSuccess;
}

static void entries_free(struct entries *pe)
{
    for (uint32_t i = 0; i < pe->c; i++)
        mem_free((void *)pe->rg[i].pbKey);
    mem_free(pe->rg);
    memset(pe, 0, sizeof *pe);
}

/* ---- the rows ------------------------------------------------------------------------------- */

struct build {
    uint32_t cbPage;
    bool fShadowingOff;
    uint8_t *pbRec;                 /* a record buffer of cbPage bytes */
    struct entries mso;             /* MSysObjects (and the shadow): Id key -> row */
    struct entries name;            /* Name index: key -> Id key */
    struct entries root;            /* RootObjects index: key -> Id key */
    struct entries objids;          /* MSysObjids */
    struct entries locales;         /* MSysLocales */
    struct rec_cat_index idxName, idxRoot;
    struct rec_index recName, recRoot;
    struct rec_schema schemaMso;
};

struct key_sink {
    struct entries *pe;
    const uint8_t *pbData;
    uint32_t cbData;
};
static JET_ERR key_sink_fn(void *pv, const uint8_t *pbKey, uint32_t cbKey)
{
    struct key_sink *ps = pv;
    return entries_add(ps->pe, pbKey, cbKey, ps->pbData, ps->cbData);
}

/* A row as ErrCATInsert adds it: to MSysObjects (and so to its shadow), Name, RootObjects. */
static JET_ERR add_row(struct build *pb, uint32_t objidTable, uint16_t type, uint32_t id, const struct rec_buf *prb)
{
    JET_ERR err;
    uint8_t rgbId[16];
    struct rec_view v;
    const uint32_t cbId = rec_cat_key_id(objidTable, type, id, rgbId);
    CALL_R(entries_add(&pb->mso, rgbId, cbId, prb->pb, prb->cb));
    CALL_R(rec_view_init(&v, prb->pb, prb->cb, pb->cbPage, 0));
    struct key_sink s = { &pb->name, rgbId, cbId };
    CALL_R(rec_key_enum_record(&pb->recName, &pb->schemaMso, &v, NULL, NULL, key_sink_fn, &s));
    s.pe = &pb->root;
    CALL_R(rec_key_enum_record(&pb->recRoot, &pb->schemaMso, &v, NULL, NULL, key_sink_fn, &s));
    return JET_errSuccess;
}

static JET_ERR add_table_row(struct build *pb, const struct rec_cat_table *pt)
{
    JET_ERR err;
    struct rec_buf rb = { pb->pbRec, 0, pb->cbPage };
    CALL_R(rec_cat_encode_table(pt, pb->cbPage, &rb));
    return add_row(pb, pt->objid, REC_SYSOBJ_TABLE, pt->objid, &rb);
}
static JET_ERR add_column_row(struct build *pb, const struct rec_cat_column *pc)
{
    JET_ERR err;
    struct rec_buf rb = { pb->pbRec, 0, pb->cbPage };
    CALL_R(rec_cat_encode_column(pc, pb->cbPage, &rb));
    return add_row(pb, pc->objidTable, REC_SYSOBJ_COLUMN, pc->fid, &rb);
}
static JET_ERR add_index_row(struct build *pb, const struct rec_cat_index *pi)
{
    JET_ERR err;
    struct rec_buf rb = { pb->pbRec, 0, pb->cbPage };
    CALL_R(rec_cat_encode_index(pi, pb->cbPage, &rb));
    return add_row(pb, pi->objidTable, REC_SYSOBJ_INDEX, pi->objid, &rb);
}

/* ErrCATPopulateCatalog: the table row and MSysObjects' 28 column rows (the columns of Windows
 * 8 to 11; PgnoFDPLastSetTime is a newer engine's). */
static JET_ERR add_mso_table(struct build *pb, bool fShadow)
{
    JET_ERR err;
    struct rec_cat_table t;
    rec_sys_mso_table(fShadow, pb->cbPage, &t);
    CALL_R(add_table_row(pb, &t));
    for (unsigned i = 0; i < REC_MSO_PGNO_FDP_LAST_SET_TIME; i++) {
        struct rec_cat_column c;
        rec_sys_mso_column(t.objid, (enum rec_mso)i, &c);
        CALL_R(add_column_row(pb, &c));
    }
    return JET_errSuccess;
}

/* A system table made by ErrFILECreateTable: table row, columns in creation order, indexes. */
static JET_ERR add_sys_table(struct build *pb, const struct rec_sys_table_def *pd, uint32_t objid, uint32_t pgnoFDP,
        const uint32_t *rgicolCreate)
{
    JET_ERR err;
    struct rec_cat_table t = pd->table;
    t.objid = objid;
    t.pgnoFDP = pgnoFDP;
    CALL_R(add_table_row(pb, &t));
    for (uint32_t i = 0; i < pd->ccol; i++) {
        struct rec_cat_column c = pd->rgcol[rgicolCreate ? rgicolCreate[i] : i];
        c.objidTable = objid;
        CALL_R(add_column_row(pb, &c));
    }
    for (uint32_t i = 0; i < pd->cidx; i++) {
        struct rec_cat_index x = pd->rgidx[i];
        x.objidTable = x.objid = objid;
        x.pgnoFDP = pgnoFDP;
        CALL_R(add_index_row(pb, &x));
    }
    return JET_errSuccess;
}

/* ---- MSysObjids and MSysLocales rows --------------------------------------------------------- */

/* A small system table's schema as the record layer needs it. */
struct sys_schema {
    struct rec_column rgcol[8];
    struct rec_schema schema;
    struct rec_cat_index idx;
    struct rec_index recidx;
    uint8_t *pbDefault;
};

static JET_ERR sys_schema_init(const struct rec_sys_table_def *pd, uint32_t cbPage, struct sys_schema *ps)
{
    JET_ERR err;
    struct rec_value rgdef[8];
    memset(ps, 0, sizeof *ps);
    memset(rgdef, 0, sizeof rgdef);
    if (pd->ccol > ARRAY_SIZE(ps->rgcol) || pd->cidx != 1)
        return ERR_TRAP(JET_errInternalError);
    bool fDefaults = false;
    for (uint32_t i = 0; i < pd->ccol; i++) {
        rec_cat_column_to_rec(&pd->rgcol[i], false, &ps->rgcol[i]);
        if (pd->rgcol[i].pbDefault) {
            rgdef[i] = (struct rec_value){ pd->rgcol[i].pbDefault, pd->rgcol[i].cbDefault, 0 };
            fDefaults = true;
        }
    }
    ps->schema = (struct rec_schema){ cbPage, ps->rgcol, pd->ccol, false, REC_CB_KEY_MOST_OLD, NULL, 0 };
    if (fDefaults) {
        uint32_t cb;
        CALL_R(rec_build_default_record(&ps->schema, rgdef, NULL, 0, &ps->pbDefault, &cb));
        ps->schema.pbDefaultRecord = ps->pbDefault;
        ps->schema.cbDefaultRecord = cb;
    }
    ps->idx = pd->rgidx[0];
    rec_cat_index_to_rec(&ps->idx, &ps->recidx);
    return JET_errSuccess;
}

/* Insert a record built by SetColumn calls into a system table's entries (key from its index). */
static JET_ERR add_sys_record(struct build *pb, struct sys_schema *ps, struct entries *pe, const struct rec_buf *prb)
{
    JET_ERR err;
    struct rec_view v;
    CALL_R(rec_view_init(&v, prb->pb, prb->cb, pb->cbPage, 0));
    struct key_sink s = { pe, prb->pb, prb->cb };
    uint32_t c0 = pe->c;
    CALL_R(rec_key_enum_record(&ps->recidx, &ps->schema, &v, NULL, NULL, key_sink_fn, &s));
    if (pe->c != c0 + 1)
        return ERR_TRAP(JET_errInternalError);      /* a primary index gives one key per record */
    return JET_errSuccess;
}

/* ErrCATPopulateMSObjids walks the catalog: each table, then its secondary indexes and LV tree;
 * MSysLocales' row follows when it is created. (objid, objidTable, type). */
static JET_ERR add_objids_rows(struct build *pb)
{
    JET_ERR err;
    struct sys_schema s;
    static const uint32_t rgrow[][3] = {
        { REC_CAT_OBJID_MSO, REC_CAT_OBJID_MSO, REC_SYSOBJ_TABLE },
        { REC_CAT_OBJID_NAME_INDEX, REC_CAT_OBJID_MSO, REC_SYSOBJ_INDEX },
        { REC_CAT_OBJID_ROOT_INDEX, REC_CAT_OBJID_MSO, REC_SYSOBJ_INDEX },
        { REC_CAT_OBJID_MSO_SHADOW, REC_CAT_OBJID_MSO_SHADOW, REC_SYSOBJ_TABLE },
        { CATALOG_OBJID_MSYSOBJIDS, CATALOG_OBJID_MSYSOBJIDS, REC_SYSOBJ_TABLE },
        { CATALOG_OBJID_MSYSLOCALES, CATALOG_OBJID_MSYSLOCALES, REC_SYSOBJ_TABLE },
    };
    CALL_R(sys_schema_init(&rec_sys_msysobjids, pb->cbPage, &s));
    for (size_t i = 0; i < ARRAY_SIZE(rgrow); i++) {
        struct rec_buf rb = { pb->pbRec, 0, pb->cbPage };
        CALL(rec_sys_objids_row(rgrow[i][0], rgrow[i][1], (uint16_t)rgrow[i][2], pb->cbPage, &rb));
        CALL(add_sys_record(pb, &s, &pb->objids, &rb));
    }
out:
    mem_free(s.pbDefault);
    return err;
}

/* CKVPStore::ErrKVPIInitICreateTable sets the internal version 1.0.0 and the external one (1 for
 * MSysLocales) .0.0 as type-1 values; ErrCATIFlagMSLocalesConsistent adds the marker, type 2
 * (an integer value) = 1. */
static JET_ERR add_locales_rows(struct build *pb)
{
    JET_ERR err;
    struct sys_schema s;
    static const struct { const char *szKey; uint8_t type; int32_t value; } rgrow[] = {
        { ".Schema\\Internal\\Major", 1, 1 },
        { ".Schema\\Internal\\Minor", 1, 0 },
        { ".Schema\\Internal\\Update", 1, 0 },
        { ".Schema\\External\\Major", 1, 1 },
        { ".Schema\\External\\Minor", 1, 0 },
        { ".Schema\\External\\Update", 1, 0 },
        { "MSysLocalesConsistent", 2, 1 },
    };
    CALL_R(sys_schema_init(&rec_sys_msyslocales, pb->cbPage, &s));
    for (size_t i = 0; i < ARRAY_SIZE(rgrow); i++) {
        struct rec_buf rb = { pb->pbRec, 0, pb->cbPage };
        ESENT_WCHAR wszKey[64];
        const size_t cch = strlen(rgrow[i].szKey) + 1;
        for (size_t ich = 0; ich < cch; ich++)
            wszKey[ich] = (uint8_t)rgrow[i].szKey[ich];
        CALL(rec_sys_locales_row(wszKey, rgrow[i].type, rgrow[i].value, pb->cbPage, &rb));
        CALL(add_sys_record(pb, &s, &pb->locales, &rb));
    }
out:
    mem_free(s.pbDefault);
    return err;
}

static JET_ERR build_rows(struct build *pb, uint32_t pgnoObjids, uint32_t pgnoLocales)
{
    JET_ERR err;
    rec_cat_schema(pb->cbPage, &pb->schemaMso);
    rec_sys_mso_index(REC_CAT_OBJID_MSO, 1, &pb->idxName);
    rec_sys_mso_index(REC_CAT_OBJID_MSO, 2, &pb->idxRoot);
    rec_cat_index_to_rec(&pb->idxName, &pb->recName);
    rec_cat_index_to_rec(&pb->idxRoot, &pb->recRoot);

    /* ErrREPAIRCATCreate */
    CALL_R(add_mso_table(pb, false));
    CALL_R(add_mso_table(pb, true));
    for (unsigned i = 0; i < 4; i++) {
        struct rec_cat_index x;
        if (i < 2)
            rec_sys_mso_index(i == 0 ? REC_CAT_OBJID_MSO : REC_CAT_OBJID_MSO_SHADOW, 0, &x);   /* Id, Id */
        else
            rec_sys_mso_index(REC_CAT_OBJID_MSO, i - 1, &x);                                  /* Name, RootObjects */
        CALL_R(add_index_row(pb, &x));
    }
    /* ErrCATCreateMSObjids, then the key-value store's table (columns Key, Type, iValue as
     * created; the definition lists them by fid) */
    CALL_R(add_sys_table(pb, &rec_sys_msysobjids, CATALOG_OBJID_MSYSOBJIDS, pgnoObjids, NULL));
    static const uint32_t rgicolLocales[3] = { 2, 0, 1 };
    if (rec_sys_msyslocales.ccol != 3 || rec_sys_msyslocales.rgcol[2].fid != 128)
        return ERR_TRAP(JET_errInternalError);
    CALL_R(add_sys_table(pb, &rec_sys_msyslocales, CATALOG_OBJID_MSYSLOCALES, pgnoLocales, rgicolLocales));
    CALL_R(add_objids_rows(pb));
    CALL_R(add_locales_rows(pb));
    return JET_errSuccess;
}

/* ---- the trees ------------------------------------------------------------------------------- */

/* An FDP of cpg pages at pgnoFDP taken from pgnoParent, in an mtr of its own. */
static JET_ERR make_fdp(struct space_db *sdb, uint32_t pgnoParent, uint32_t pgnoFDP, uint32_t cpg, uint32_t objid,
        uint32_t fTypeFlags, bool fMultiple)
{
    JET_ERR err;
    struct mtr m;
    const struct space_fdp_create c = { pgnoFDP, cpg, pgnoParent, objid, fTypeFlags, fMultiple };
    mtr_begin(&m, sdb->file);
    CALL(space_alloc_extent_at(&m, sdb, pgnoParent, pgnoFDP, cpg));
    CALL(space_create_fdp(&m, sdb, &c));
    return mtr_commit(&m, NULL);
out:
    mtr_abort(&m);
    return err;
}

static JET_ERR load_tree(struct space_db *sdb, uint32_t pgnoFDP, uint32_t objid, uint32_t fTypeFlags, uint32_t ulDensity,
        const struct entries *pe)
{
    JET_ERR err;
    struct mtr m;
    const struct cat_tree_load l = { sdb, pgnoFDP, objid, fTypeFlags, ulDensity };
    mtr_begin(&m, sdb->file);
    CALL(cat_tree_load(&m, &l, pe->rg, pe->c));
    return mtr_commit(&m, NULL);
out:
    mtr_abort(&m);
    return err;
}

JET_ERR catalog_create_database(struct bt_db *db, bool fShadowingOff, struct catalog_new_db *pnew)
{
    JET_ERR err;
    struct space_db *sdb = bt_db_space(db);
    struct mtr m;
    struct build b;
    const uint32_t pgnoObjids = REC_CAT_PGNO_MSO_SHADOW + CAT_CPG_MSO_SHADOW, pgnoLocales = pgnoObjids + 1;

    memset(&b, 0, sizeof b);
    b.cbPage = sdb->cbPage;
    b.fShadowingOff = fShadowingOff;
    if (cache_file_cpg(sdb->file) < pgnoLocales + 1)
        return ERR_TRAP(JET_errInvalidParameter);

    /* ErrDBInitDatabase: the root owns the whole file. */
    mtr_begin(&m, sdb->file);
    err = space_create_db_root(&m, sdb, cache_file_cpg(sdb->file));
    if (err < 0) {
        mtr_abort(&m);
        return err;
    }
    CALL_R(mtr_commit(&m, NULL));

    /* ErrCATCreate's FDPs, then ErrFILECreateTable's for MSysObjids and MSysLocales (1 page,
     * single extent: JET_TABLECREATE's one initial page). */
    CALL(make_fdp(sdb, SPACE_PGNO_DB_ROOT, REC_CAT_PGNO_MSO, CAT_CPG_MSO, REC_CAT_OBJID_MSO, 0, true));
    CALL(make_fdp(sdb, SPACE_PGNO_DB_ROOT, REC_CAT_PGNO_MSO_SHADOW, CAT_CPG_MSO_SHADOW, REC_CAT_OBJID_MSO_SHADOW, 0, true));
    CALL(make_fdp(sdb, REC_CAT_PGNO_MSO, REC_CAT_PGNO_NAME_INDEX, CAT_CPG_MSO_INDEX, REC_CAT_OBJID_NAME_INDEX,
                  PAGE_FLAG_INDEX, true));
    CALL(make_fdp(sdb, REC_CAT_PGNO_MSO, REC_CAT_PGNO_ROOT_INDEX, CAT_CPG_MSO_INDEX, REC_CAT_OBJID_ROOT_INDEX,
                  PAGE_FLAG_INDEX, true));
    CALL(make_fdp(sdb, SPACE_PGNO_DB_ROOT, pgnoObjids, 1, CATALOG_OBJID_MSYSOBJIDS, 0, false));
    CALL(make_fdp(sdb, SPACE_PGNO_DB_ROOT, pgnoLocales, 1, CATALOG_OBJID_MSYSLOCALES, 0, false));

    b.pbRec = mem_alloc(b.cbPage);
    if (!b.pbRec)
        FAIL(JET_errOutOfMemory);
    CALL(build_rows(&b, pgnoObjids, pgnoLocales));

    /* Densities are the FCBs' (ErrFILEIInitializeFCB): 80% for the catalog and its indexes,
     * MSysObjids 100%, MSysLocales 92% (their JET_TABLECREATE). */
    CALL(load_tree(sdb, REC_CAT_PGNO_MSO, REC_CAT_OBJID_MSO, 0, 80, &b.mso));
    if (!fShadowingOff)
        CALL(load_tree(sdb, REC_CAT_PGNO_MSO_SHADOW, REC_CAT_OBJID_MSO_SHADOW, 0, 80, &b.mso));
    CALL(load_tree(sdb, REC_CAT_PGNO_NAME_INDEX, REC_CAT_OBJID_NAME_INDEX, PAGE_FLAG_INDEX, 80, &b.name));
    CALL(load_tree(sdb, REC_CAT_PGNO_ROOT_INDEX, REC_CAT_OBJID_ROOT_INDEX, PAGE_FLAG_INDEX, 80, &b.root));
    CALL(load_tree(sdb, pgnoObjids, CATALOG_OBJID_MSYSOBJIDS, 0, rec_sys_msysobjids.table.ulDensity, &b.objids));
    CALL(load_tree(sdb, pgnoLocales, CATALOG_OBJID_MSYSLOCALES, 0, rec_sys_msyslocales.table.ulDensity, &b.locales));

    pnew->objidLast = CAT_OBJID_LAST_NEW;
    pnew->qwSortVersion = CATALOG_QW_SORT_VERSION_LOCALES;
    TRACE("new database: %u catalog rows, %u pages", b.mso.c, cache_file_cpg(sdb->file));
out:
    entries_free(&b.mso);
    entries_free(&b.name);
    entries_free(&b.root);
    entries_free(&b.objids);
    entries_free(&b.locales);
    mem_free(b.pbRec);
    return err;
}
