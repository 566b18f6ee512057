/* SPDX-License-Identifier: MIT
 * isam/isam_ddl_alter.c: changing tables that exist (ESE's ErrIsamAddColumn, ErrIsamDeleteColumn,
 * ErrIsamCreateIndex with its index build, ErrIsamDeleteIndex, ErrIsamDeleteTable,
 * ErrIsamRenameTable, ErrIsamRenameColumn, ErrIsamSetColumnDefaultValue). Layer: isam.
 *
 * Rows change as Windows changes them: a deleted column keeps its row with coltyp 0 and the name
 * "JetStub_<objidTable>_<columnid>" (its fid is never reused, its bytes stay in old records); a
 * deleted index or table loses its rows (MSysObjects, shadow, Name/RootObjects entries,
 * MSysObjids). A deleted tree's space goes back to its parent once no transaction can see it
 * (README "DDL": a version of the deletion that the store's cleanup hands to isam_ver.c). Every
 * call runs in a transaction level of its own (isam_wtrx_*): on error nothing of it remains. */
#include <stdio.h>
#include "isam_wint.h"
#include "isam_table.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

#define DDL_bitColumnRenameConvertToPrimaryIndexPlaceholder 0x00010000u   /* internal, not in the SDK */

/* The table's definition for a change, refusing FixedDDL tables (ESE's FFixedDDL check, lifted
 * by JET_bitTablePermitDDL for additions only). */
static JET_ERR load_for_ddl(struct catw *pw, const struct isam_ddl_table *pt, bool fAddition, struct catalog_table **ppt)
{
    JET_ERR err;
    CALL_R(catalog_load_table_objid(pw->cat, pt->objidTable, ppt));
    if (((*ppt)->table.fFlags & REC_CAT_TABLE_FIXED_DDL) && !(fAddition && pt->fPermitDDL)) {
        catalog_table_free(*ppt);
        *ppt = NULL;
        return ERR_TRAP(JET_errFixedDDL);
    }
    return JET_errSuccess;
}

static JET_ERR load_template(struct catw *pw, const struct catalog_table *pt, struct catalog_table **ppt)
{
    *ppt = NULL;
    if (!pt->table.szTemplateTable[0]) return JET_errSuccess;
    return catalog_load_table(pw->cat, pt->table.szTemplateTable, ppt);
}

/* After a deletion outside a user transaction: its space goes back now if no transaction can
 * see the tree any more (a cleanup pass; an older transaction defers it to the store's own). */
static void free_deleted_now(struct isam_session *sess)
{
    if (sess->trx_level == 0 && sess->inst->vs) (void)ver_store_clean(sess->inst->vs);
}

/* ---- JetAddColumn ------------------------------------------------------------------------------- */

JET_ERR isam_ddl_add_column(struct isam_session *sess, const struct isam_ddl_table *ptab, const char *szColumn,
        const JET_COLUMNDEF *pcd, const void *pvDefault, uint32_t cbDefault, JET_COLUMNID *pcolumnid)
{
    JET_ERR err;
    struct isam_db *db;
    struct catw w;
    bool fCatw = false, fTrx = false;
    struct catalog_table *pt = NULL, *ptTemplate = NULL;
    struct rec_cat_column c;
    char szName[JET_cbNameMost + 1];
    JET_ERR wrn = JET_errSuccess;

    CALL_R(isam_ddl_db(sess, ptab->dbid, &db));
    CALL(catw_open(sess, db, &w));
    fCatw = true;
    CALL(load_for_ddl(&w, ptab, true, &pt));
    CALL(load_template(&w, pt, &ptTemplate));
    const bool fTemplateTable = (pt->table.fFlags & REC_CAT_TABLE_TEMPLATE) != 0;
    if (ptTemplate && (ptTemplate->table.fFlags & REC_CAT_TABLE_NO_FIXED_VAR)
            && !(pcd->grbit & JET_bitColumnTagged) && !rec_coltyp_is_long(pcd->coltyp))
        FAIL(JET_errFixedInheritedDDL);
    CALL(isam_ddl_validate_column(szColumn, szName, pcd->coltyp, pcd->cbMax, pcd->grbit, pvDefault,
                                  pvDefault ? cbDefault : 0, pcd->cp, ptab->fExclusive, ptTemplate, &c));
    wrn = err;
    {
        const struct rec_cat_column *pcOld = catalog_table_column(pt, szName);
        if (pcOld && pcOld->coltyp != 0) FAIL(JET_errColumnDuplicate);
    }
    /* One version and one autoincrement column per table. */
    if (c.fFlags & (REC_FIELD_VERSION | REC_FIELD_AUTOINCREMENT)) {
        for (uint32_t i = 0; i < pt->creccol; i++)
            if (pt->rgreccol[i].coltyp != 0 && (pt->rgreccol[i].fFlags & c.fFlags & (REC_FIELD_VERSION | REC_FIELD_AUTOINCREMENT)))
                FAIL(JET_errColumnRedundant);
    }
    struct isam_fid_last fl;
    isam_ddl_fid_last(pt, &fl);
    uint32_t cbKeyMost = REC_CB_KEY_MOST_OLD;
    if (pt->iidxPrimary >= 0) cbKeyMost = pt->rgidx[pt->iidxPrimary].cbKeyMost;
    const bool fFixed = !(pcd->grbit & JET_bitColumnTagged) && !rec_coltyp_is_long(c.coltyp)
                        && ((pcd->grbit & JET_bitColumnFixed) || rec_coltyp_fixed_size(c.coltyp, 0) != 0);
    if (fFixed && fl.ibEndFixed + c.cbMax > rec_cb_record_most(db->cbPage, cbKeyMost)) FAIL(JET_errRecordTooBig);
    uint16_t fid;
    CALL(isam_ddl_next_fid(c.coltyp, pcd->grbit, &fl, &fid));
    c.fid = fid;
    c.objidTable = pt->table.objid;
    if (rec_fid_is_fixed(fid)) {
        c.fRecordOffset = true;
        c.ibRecordOffset = (uint16_t)fl.ibEndFixed;
    }
    if (c.fFlags & REC_FIELD_USER_DEFINED_DEFAULT) {
        const JET_USERDEFINEDDEFAULT_A *pudd = pvDefault;
        if (!pudd->szCallback || strlen(pudd->szCallback) > JET_cbColumnMost) FAIL(JET_errInvalidParameter);
        if (isam_persisted_callbacks_enabled(sess)) {
            JET_CALLBACK pfn;
            CALL(isam_callback_resolve(pudd->szCallback, &pfn));
        }
        memcpy(c.szCallback, pudd->szCallback, strlen(pudd->szCallback) + 1);
        c.pbCallbackData = pudd->pbUserData;
        c.cbCallbackData = pudd->pbUserData ? pudd->cbUserData : 0;
    } else if (c.fFlags & REC_FIELD_DEFAULT) {
        c.pbDefault = pvDefault;
        c.cbDefault = cbDefault;
    }
    if (fTemplateTable) c.fFlags |= REC_FIELD_TEMPLATE_COLUMN_ESE98;
    CALL(isam_wtrx_begin(sess));
    fTrx = true;
    CALL(catw_add_column(&w, &c));
    if (pcolumnid) *pcolumnid = fid | (fTemplateTable ? REC_COLUMNID_TEMPLATE : 0u);
out:
    if (fCatw) catw_close(&w);
    if (fTrx) err = isam_wtrx_end(sess, err);
    if (err >= 0) {
        isam_ddl_table_changed(sess, ptab->dbid, ptab->objidTable, false);
        err = wrn;
    }
    catalog_table_free(pt);
    catalog_table_free(ptTemplate);
    return err;
}

/* ---- JetDeleteColumn2 ---------------------------------------------------------------------------- */

static bool index_uses_fid(const struct rec_cat_index *pi, uint16_t fid)
{
    for (uint32_t i = 0; i < pi->cseg; i++)
        if (pi->rgseg[i].fid == fid && !(pi->rgseg[i].fFlags & REC_IDXSEG_TEMPLATE)) return true;
    for (uint32_t i = 0; i < pi->csegConditional; i++)
        if (pi->rgsegConditional[i].fid == fid && !(pi->rgsegConditional[i].fFlags & REC_IDXSEG_TEMPLATE)) return true;
    return false;
}

JET_ERR isam_ddl_delete_column(struct isam_session *sess, const struct isam_ddl_table *ptab, const char *szColumn,
        JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_db *db;
    struct catw w;
    bool fCatw = false, fTrx = false;
    struct catalog_table *pt = NULL, *ptTemplate = NULL;
    char szName[JET_cbNameMost + 1];
    uint8_t *pbRow = NULL;

    CALL_R(isam_name_check(szColumn, szName));
    CALL_R(isam_ddl_db(sess, ptab->dbid, &db));
    CALL(catw_open(sess, db, &w));
    fCatw = true;
    CALL(load_for_ddl(&w, ptab, false, &pt));
    CALL(load_template(&w, pt, &ptTemplate));
    if (ptTemplate && !(grbit & JET_bitDeleteColumnIgnoreTemplateColumns) && catalog_table_column(ptTemplate, szName))
        FAIL(JET_errFixedInheritedDDL);
    const struct rec_cat_column *pc = catalog_table_column(pt, szName);
    if (!pc || pc->coltyp == 0) FAIL(JET_errColumnNotFound);
    for (uint32_t i = 0; i < pt->cidx; i++)
        if (index_uses_fid(&pt->rgidx[i], pc->fid)) FAIL(JET_errColumnInUse);
    /* The stub row: coltyp 0, the stub name, no user-defined default. */
    struct rec_cat_column c = *pc;
    c.coltyp = 0;
    snprintf(c.szName, sizeof c.szName, "JetStub_%u_%u", (unsigned)pt->table.objid, (unsigned)pc->fid);
    if (c.fFlags & REC_FIELD_USER_DEFINED_DEFAULT) {
        c.fFlags &= ~(REC_FIELD_USER_DEFINED_DEFAULT | REC_FIELD_DEFAULT);
        c.szCallback[0] = 0;
        c.pbCallbackData = NULL;
        c.cbCallbackData = 0;
        c.pbDefault = NULL;
        c.cbDefault = 0;
    }
    pbRow = mem_alloc(db->cbPage);
    if (!pbRow) FAIL(JET_errOutOfMemory);
    struct rec_buf rb = { pbRow, 0, db->cbPage };
    CALL(rec_cat_encode_column(&c, db->cbPage, &rb));
    CALL(isam_wtrx_begin(sess));
    fTrx = true;
    CALL(catw_replace_row(&w, pt->table.objid, REC_SYSOBJ_COLUMN, pc->fid, &rb));
out:
    if (fCatw) catw_close(&w);
    if (fTrx) err = isam_wtrx_end(sess, err);
    if (err >= 0) isam_ddl_table_changed(sess, ptab->dbid, ptab->objidTable, false);
    mem_free(pbRow);
    catalog_table_free(pt);
    catalog_table_free(ptTemplate);
    return err;
}

/* ---- JetRenameColumn ------------------------------------------------------------------------------ */

JET_ERR isam_ddl_rename_column(struct isam_session *sess, const struct isam_ddl_table *ptab, const char *szColumn,
        const char *szNew, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_db *db;
    struct catw w;
    bool fCatw = false, fTrx = false;
    struct catalog_table *pt = NULL;
    char szOld[JET_cbNameMost + 1], szNewName[JET_cbNameMost + 1];
    uint8_t *pbRow = NULL;

    if (!szColumn || !szNew) return ERR_TRAP(JET_errInvalidParameter);
    if (grbit & ~(JET_GRBIT)DDL_bitColumnRenameConvertToPrimaryIndexPlaceholder) return ERR_TRAP(JET_errInvalidGrbit);
    if (grbit) {
        FIXME("JET_bitColumnRenameConvertToPrimaryIndexPlaceholder is not supported");
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    if (sess->trx_level != 0) return ERR_TRAP(JET_errInTransaction);
    CALL_R(isam_name_check(szColumn, szOld));
    CALL_R(isam_name_check(szNew, szNewName));
    CALL_R(isam_ddl_db(sess, ptab->dbid, &db));
    CALL(catw_open(sess, db, &w));
    fCatw = true;
    CALL(catalog_load_table_objid(w.cat, ptab->objidTable, &pt));
    /* ESE's ErrCATRenameColumn looks at the table's own columns only: a derived table's template
     * column is not found (JET_errColumnNotFound), and only the table's own rows can hold the
     * new name (the catalog's Name index). */
    const struct rec_cat_column *pc = catalog_table_column(pt, szOld);
    if (!pc || pc->coltyp == 0) FAIL(JET_errColumnNotFound);
    const struct rec_cat_column *pcNew = catalog_table_column(pt, szNewName);
    if (pcNew && pcNew != pc) FAIL(JET_errColumnDuplicate);
    struct rec_cat_column c = *pc;
    memcpy(c.szName, szNewName, sizeof szNewName);
    pbRow = mem_alloc(db->cbPage);
    if (!pbRow) FAIL(JET_errOutOfMemory);
    struct rec_buf rb = { pbRow, 0, db->cbPage };
    CALL(rec_cat_encode_column(&c, db->cbPage, &rb));
    CALL(isam_wtrx_begin(sess));
    fTrx = true;
    err = catw_replace_row(&w, pt->table.objid, REC_SYSOBJ_COLUMN, pc->fid, &rb);
    if (err == JET_errKeyDuplicate) err = ERR_TRAP(JET_errColumnDuplicate);
    CALL(err);
out:
    if (fCatw) catw_close(&w);
    if (fTrx) err = isam_wtrx_end(sess, err);
    if (err >= 0) isam_ddl_table_changed(sess, ptab->dbid, ptab->objidTable, false);
    mem_free(pbRow);
    catalog_table_free(pt);
    return err;
}

/* ---- JetSetColumnDefaultValue --------------------------------------------------------------------- */

JET_ERR isam_ddl_set_default_value(struct isam_session *sess, JET_DBID dbid, const char *szTable, const char *szColumn,
        const void *pvData, uint32_t cbData, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_db *db;
    struct catw w;
    bool fCatw = false, fTrx = false;
    struct catalog_table *pt = NULL;
    char szT[JET_cbNameMost + 1], szC[JET_cbNameMost + 1];
    uint8_t *pbRow = NULL;

    if (grbit) return ERR_TRAP(JET_errInvalidGrbit);
    if (!pvData || cbData == 0) return ERR_TRAP(JET_errNullInvalid);
    CALL_R(isam_name_check(szTable, szT));
    CALL_R(isam_name_check(szColumn, szC));
    CALL_R(isam_ddl_db(sess, dbid, &db));
    CALL(catw_open(sess, db, &w));
    fCatw = true;
    CALL(catalog_load_table(w.cat, szT, &pt));
    if (pt->table.fFlags & (REC_CAT_TABLE_FIXED_DDL | REC_CAT_TABLE_TEMPLATE)) FAIL(JET_errFixedDDL);
    const struct rec_cat_column *pc = catalog_table_column(pt, szC);
    if (!pc || pc->coltyp == 0) FAIL(JET_errColumnNotFound);
    if (pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT) FAIL(JET_errInvalidOperation);
    if (pc->cbMax && cbData > pc->cbMax && !rec_coltyp_is_long(pc->coltyp)) FAIL(JET_errDefaultValueTooBig);
    {
        const uint32_t cbFixed = rec_coltyp_fixed_size(pc->coltyp, 0);
        if (cbFixed && !rec_coltyp_is_text(pc->coltyp) && !rec_coltyp_is_binary(pc->coltyp) && cbData != cbFixed)
            FAIL(JET_errInvalidBufferSize);
    }
    struct rec_cat_column c = *pc;
    c.fFlags |= REC_FIELD_DEFAULT;
    c.pbDefault = pvData;
    c.cbDefault = cbData;
    pbRow = mem_alloc(db->cbPage);
    if (!pbRow) FAIL(JET_errOutOfMemory);
    struct rec_buf rb = { pbRow, 0, db->cbPage };
    CALL(rec_cat_encode_column(&c, db->cbPage, &rb));
    CALL(isam_wtrx_begin(sess));
    fTrx = true;
    CALL(catw_replace_row(&w, pt->table.objid, REC_SYSOBJ_COLUMN, pc->fid, &rb));
out:
    if (fCatw) catw_close(&w);
    if (fTrx) err = isam_wtrx_end(sess, err);
    if (err >= 0) isam_ddl_table_changed(sess, dbid, pt->table.objid, false);
    mem_free(pbRow);
    catalog_table_free(pt);
    return err;
}

/* ---- JetCreateIndex ------------------------------------------------------------------------------- */

struct alter_cols {
    const struct catalog_table *pt, *ptTemplate;
};
static bool alter_column_fn(void *pv, const char *szName, const struct rec_cat_column **ppc, bool *pfTemplate)
{
    const struct alter_cols *pa = pv;
    const struct rec_cat_column *pc = catalog_table_column(pa->pt, szName);
    if (pc && pc->coltyp != 0) {
        *ppc = pc;
        *pfTemplate = (pa->pt->table.fFlags & REC_CAT_TABLE_TEMPLATE) != 0;
        return true;
    }
    if (pa->ptTemplate && (pc = catalog_table_column(pa->ptTemplate, szName)) != NULL && pc->coltyp != 0) {
        *ppc = pc;
        *pfTemplate = true;
        return true;
    }
    return false;
}

/* Fill index iidx of the table with the entries of every record (ErrFILEBuildIndex). */
/* JET_errTableNotEmpty when the table's tree holds a node, flag-deleted or uncommitted ones too. */
static JET_ERR table_is_empty(struct isam_db *db, uint32_t objidTable)
{
    JET_ERR err;
    struct isam_wtable *pwt = NULL;
    struct bt_cursor *c;
    struct isam_tree *ptData;
    CALL(isam_wtable_open(db, objidTable, &pwt));
    CALL(isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &ptData));
    err = bt_move_first(c, BT_DELETED_TOO);
    if (err >= 0)
        err = ERR_TRAP(JET_errTableNotEmpty);
    else if (err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
out:
    isam_wtable_close(pwt);
    return err;
}

static JET_ERR build_index(struct isam_session *sess, struct isam_db *db, uint32_t objidTable, const char *szIndex)
{
    JET_ERR err;
    struct isam_wtable *pwt = NULL;
    struct bt_cursor *c;
    struct isam_tree *ptData;
    struct isam_keyset ks = { 0 };
    uint8_t *pbRec = mem_alloc(db->cbPage);
    uint8_t rgbBm[JET_cbKeyMostMost];
    if (!pbRec) return ERR_TRAP(JET_errOutOfMemory);
    CALL(isam_wtable_open(db, objidTable, &pwt));
    int32_t iidx = -1;
    for (uint32_t i = 0; i < pwt->pt->cidx; i++)
        if (isam_name_cmp(pwt->pt->rgidx[i].szName, szIndex) == 0) iidx = (int32_t)i;
    if (iidx < 0) FAIL(JET_errInternalError);
    CALL(isam_lv_open(sess, pwt, false));
    CALL(isam_wtable_cursor(pwt, ISAM_WT_DATA, &c, &ptData));
    for (err = bt_move_first(c, 0); err >= 0; err = bt_move_next(c, 0)) {
        uint32_t cbRec, cbBm;
        const uint8_t *pb = bt_data(c, &cbRec);
        const uint8_t *pbKey = bt_key(c, &cbBm);
        if (cbRec > db->cbPage || cbBm > sizeof rgbBm) FAIL(JET_errDatabaseCorrupted);
        memcpy(pbRec, pb, cbRec);
        memcpy(rgbBm, pbKey, cbBm);
        struct rec_view v;
        CALL(rec_view_init(&v, pbRec, cbRec, db->cbPage, 0));
        CALL(isam_idx_keys(pwt, (uint32_t)iidx, &v, &ks));
        CALL(isam_idx_add(sess, pwt, (uint32_t)iidx, &ks, NULL, rgbBm, cbBm));
        /* The inserts moved nothing of the table's tree, but the cursor let go of its page. */
        CALL(bt_seek(c, BT_SEEK_EQ, rgbBm, cbBm, NULL, 0, 0));
    }
    if (err == JET_errNoCurrentRecord) err = JET_errSuccess;
out:
    isam_keyset_free(&ks);
    isam_wtable_close(pwt);
    mem_free(pbRec);
    return err;
}

JET_ERR isam_ddl_create_indexes(struct isam_session *sess, const struct isam_ddl_table *ptab, JET_INDEXCREATE3_A *rg,
        uint32_t c)
{
    JET_ERR err;
    struct isam_db *db;
    struct catw w;
    bool fCatw = false, fTrx = false, fPrimaryMade = false;
    struct catalog_table *pt = NULL, *ptTemplate = NULL;
    struct isam_idx_def *pd = NULL;
    char (*rgszName)[JET_cbNameMost + 1] = NULL;

    if (!rg || c == 0) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(isam_ddl_db(sess, ptab->dbid, &db));
    pd = mem_alloc(sizeof *pd);
    rgszName = mem_calloc(c, sizeof *rgszName);
    if (!pd || !rgszName) FAIL(JET_errOutOfMemory);
    CALL(catw_open(sess, db, &w));
    fCatw = true;
    CALL(load_for_ddl(&w, ptab, true, &pt));
    CALL(load_template(&w, pt, &ptTemplate));
    struct alter_cols ac = { pt, ptTemplate };
    int64_t iPrimary = -1;          /* the one given as primary, if any: nothing to build */
    CALL(isam_wtrx_begin(sess));
    fTrx = true;
    JET_INDEXCREATE3_A *pic = rg;
    for (uint32_t i = 0; i < c; i++, pic = (JET_INDEXCREATE3_A *)((uint8_t *)pic + pic->cbStruct)) {
        if (pic->cbStruct != sizeof *pic) FAIL(JET_errInvalidCreateIndex);
        if ((pic->pidxunicode != NULL) != ((pic->grbit & JET_bitIndexUnicode) != 0)) FAIL(JET_errInvalidParameter);
        JET_SPACEHINTS jsph = { sizeof jsph, pt->table.ulDensity ? pt->table.ulDensity : 80, db->cbPage, 0, 0, 0, 0, 0 };
        if (pic->pSpacehints) jsph = *pic->pSpacehints;
        else if (pic->ulDensity) jsph.ulInitialDensity = pic->ulDensity;
        err = isam_ddl_validate_index(sess, db->cbPage, pic, &jsph, pd);
        if (err >= 0) {
            pd->fCheckEmptyDefault = true;
            err = isam_ddl_resolve_index(&w, pd, pic, alter_column_fn, &ac);
        }
        pic->err = err;
        CALL(err);
        struct rec_cat_index *pi = &pd->ci;
        pi->objidTable = pt->table.objid;
        if (catalog_table_index(pt, pi->szName) || (ptTemplate && catalog_table_index(ptTemplate, pi->szName)))
            FAIL(JET_errIndexDuplicate);
        for (uint32_t j = 0; j < i; j++)
            if (isam_name_cmp(rgszName[j], pi->szName) == 0) FAIL(JET_errIndexDuplicate);
        memcpy(rgszName[i], pi->szName, sizeof rgszName[i]);
        if (pi->fidb & REC_IDB_PRIMARY) {
            /* A primary index replaces the sequential one of a table that has no record (ESE's
             * ErrIsamCreateIndex: JET_errIndexHasPrimary, JET_errTableNotEmpty; deleted and
             * uncommitted records count): it is the table's own tree, so nothing is built. */
            if (pt->iidxPrimary >= 0 || (ptTemplate && ptTemplate->iidxPrimary >= 0) || iPrimary >= 0)
                FAIL(JET_errIndexHasPrimary);
            CALL(table_is_empty(db, pt->table.objid));
            pi->objid = pt->table.objid;
            pi->pgnoFDP = pt->table.pgnoFDP;
            if (pt->table.fFlags & REC_CAT_TABLE_TEMPLATE) pi->fidb |= REC_IDB_TEMPLATE_INDEX;
            CALL(catw_add_index(&w, pi));
            iPrimary = i;
            fPrimaryMade = true;
            continue;
        }
        const uint32_t cpg = pd->jsph.cbInitial / db->cbPage ? pd->jsph.cbInitial / db->cbPage : 1;
        CALL(isam_db_objid_new(db, &pi->objid));
        CALL(isam_ddl_new_fdp(sess, db, pt->table.pgnoFDP, cpg, pi->objid,
                              PAGE_FLAG_INDEX | ((pi->fidb & REC_IDB_UNIQUE) ? 0 : PAGE_FLAG_NON_UNIQUE_KEYS), &pi->pgnoFDP));
        if (pt->table.fFlags & REC_CAT_TABLE_TEMPLATE) pi->fidb |= REC_IDB_TEMPLATE_INDEX;
        CALL(catw_add_index(&w, pi));
    }
    /* Build them over the records (the definitions now in the catalog). */
    for (uint32_t i = 0; i < c; i++) {
        if ((int64_t)i == iPrimary) continue;
        err = build_index(sess, db, pt->table.objid, rgszName[i]);
        if (err < 0) {
            pic = (JET_INDEXCREATE3_A *)((uint8_t *)rg + (size_t)i * sizeof *pic);
            pic->err = err;
            goto out;
        }
    }
out:
    if (fCatw) catw_close(&w);
    if (fTrx) err = isam_wtrx_end(sess, err);
    if (err >= 0) isam_ddl_table_changed(sess, ptab->dbid, ptab->objidTable, false);
    /* Until the transaction commits, other sessions' updates of the table get
     * JET_errWriteConflictPrimaryIndex (isam_ver.c). */
    if (err >= 0 && fPrimaryMade && sess->trx_level > 0) isam_ver_pidx_created(sess, ptab->dbid, ptab->objidTable);
    catalog_table_free(pt);
    catalog_table_free(ptTemplate);
    mem_free(pd);
    mem_free(rgszName);
    return err;
}

/* ---- JetDeleteIndex -------------------------------------------------------------------------------- */

JET_ERR isam_ddl_delete_index(struct isam_session *sess, const struct isam_ddl_table *ptab, const char *szIndex)
{
    JET_ERR err;
    struct isam_db *db;
    struct catw w;
    bool fCatw = false, fTrx = false;
    struct catalog_table *pt = NULL, *ptTemplate = NULL;
    char szName[JET_cbNameMost + 1];

    CALL_R(isam_name_check(szIndex, szName));
    CALL_R(isam_ddl_db(sess, ptab->dbid, &db));
    CALL(catw_open(sess, db, &w));
    fCatw = true;
    CALL(load_for_ddl(&w, ptab, false, &pt));
    CALL(load_template(&w, pt, &ptTemplate));
    const struct rec_cat_index *pi = catalog_table_index(pt, szName);
    if (!pi) FAIL(ptTemplate && catalog_table_index(ptTemplate, szName) ? JET_errFixedInheritedDDL : JET_errIndexNotFound);
    if (pi->fidb & REC_IDB_DERIVED_INDEX) FAIL(JET_errFixedInheritedDDL);
    if (pi->objid == pt->table.objid) FAIL(JET_errIndexMustStay);
    /* a cursor of any session has it as its current index (ESE's FCB::ErrSetDeleteIndex) */
    if (isam_table_index_users(sess, ptab->dbid, pt->table.objid, pi->objid) > 0) FAIL(JET_errIndexInUse);
    CALL(isam_wtrx_begin(sess));
    fTrx = true;
    CALL(catw_delete_row(&w, pt->table.objid, REC_SYSOBJ_INDEX, pi->objid));
    CALL(catw_objids_delete(&w, pi->objid));
    if (pi->fidb & REC_IDB_LOCALIZED_TEXT) {
        /* ESE does not count the locale down (MSysLocales counts uses ever made). */
    }
    CALL(isam_ver_defer_free_tree(sess, db->dbid, pi->pgnoFDP, pt->table.objid, true));
out:
    if (fCatw) catw_close(&w);
    if (fTrx) err = isam_wtrx_end(sess, err);
    if (err >= 0) {
        isam_ddl_table_changed(sess, ptab->dbid, ptab->objidTable, false);
        free_deleted_now(sess);
    }
    catalog_table_free(pt);
    catalog_table_free(ptTemplate);
    return err;
}

/* ---- JetDeleteTable, JetRenameTable ----------------------------------------------------------------- */

struct derived_ctx {
    const char *szTemplate;
    bool fFound;
};
static JET_ERR derived_fn(void *pv, const struct rec_cat_table *pt)
{
    struct derived_ctx *pd = pv;
    if (pt->szTemplateTable[0] && isam_name_cmp(pt->szTemplateTable, pd->szTemplate) == 0) pd->fFound = true;
    return JET_errSuccess;
}

JET_ERR isam_ddl_delete_table(struct isam_session *sess, JET_DBID dbid, const char *szTable)
{
    JET_ERR err;
    struct isam_db *db;
    struct catw w;
    bool fCatw = false, fTrx = false;
    struct catalog_table *pt = NULL;
    char szName[JET_cbNameMost + 1];
    uint32_t objidTable = 0;

    CALL_R(isam_name_check(szTable, szName));
    CALL_R(isam_ddl_db(sess, dbid, &db));
    CALL(catw_open(sess, db, &w));
    fCatw = true;
    {
        /* a table the session does not see is not there for it (ESE's ErrFILEDeleteTable opens
         * it by name first), one deleted by a transaction it does not see yet is locked */
        struct rec_cat_table tSeen;
        CALL(isam_catalog_seek_table(sess, db->dbid, w.cat, szName, &tSeen));
    }
    CALL(catalog_load_table(w.cat, szName, &pt));
    if (pt->table.fFlags & REC_CAT_TABLE_SYSTEM) FAIL(JET_errCannotDeleteSystemTable);
    if (pt->table.fFlags & REC_CAT_TABLE_TEMPLATE) {
        /* ESE refuses to delete a template table that derived tables still use. */
        struct derived_ctx dc = { pt->table.szName, false };
        CALL(catalog_enum_tables(w.cat, derived_fn, &dc));
        if (dc.fFound) FAIL(JET_errCannotDeleteTemplateTable);
    }
    objidTable = pt->table.objid;
    bool fBySess;
    if (isam_ddl_table_users(sess, dbid, objidTable, &fBySess) > 0 || fBySess) FAIL(JET_errTableInUse);
    CALL(isam_wtrx_begin(sess));
    fTrx = true;
    for (uint32_t i = 0; i < pt->ccb; i++)
        CALL(catw_delete_row(&w, objidTable, REC_SYSOBJ_CALLBACK, REC_SYSOBJ_CALLBACK));
    if (pt->fLV) {
        CALL(catw_delete_row(&w, objidTable, REC_SYSOBJ_LV, pt->lv.objid));
        CALL(catw_objids_delete(&w, pt->lv.objid));
    }
    for (uint32_t i = 0; i < pt->cidx; i++) {
        CALL(catw_delete_row(&w, objidTable, REC_SYSOBJ_INDEX, pt->rgidx[i].objid));
        if (pt->rgidx[i].objid != objidTable) CALL(catw_objids_delete(&w, pt->rgidx[i].objid));
    }
    for (uint32_t i = 0; i < pt->ccol; i++)
        CALL(catw_delete_row(&w, objidTable, REC_SYSOBJ_COLUMN, pt->rgcol[i].fid));
    CALL(catw_delete_row(&w, objidTable, REC_SYSOBJ_TABLE, objidTable));
    CALL(catw_objids_delete(&w, objidTable));
    /* the table's FDP owns its indexes' and long-value tree's space too */
    CALL(isam_ver_defer_free_tree(sess, db->dbid, pt->table.pgnoFDP, objidTable, false));
out:
    if (fCatw) catw_close(&w);
    if (fTrx) err = isam_wtrx_end(sess, err);
    if (err >= 0) {
        isam_ddl_table_changed(sess, dbid, objidTable, true);
        free_deleted_now(sess);
    }
    catalog_table_free(pt);
    return err;
}

JET_ERR isam_ddl_rename_table(struct isam_session *sess, JET_DBID dbid, const char *szTable, const char *szNew)
{
    JET_ERR err;
    struct isam_db *db;
    struct catw w;
    bool fCatw = false, fTrx = false;
    struct rec_cat_table t;
    char szOld[JET_cbNameMost + 1], szNewName[JET_cbNameMost + 1];
    uint8_t *pbRow = NULL;

    if (!szTable || !szNew) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(isam_name_check(szTable, szOld));
    CALL_R(isam_name_check(szNew, szNewName));
    CALL_R(isam_ddl_db(sess, dbid, &db));
    CALL(catw_open(sess, db, &w));
    fCatw = true;
    CALL(isam_catalog_seek_table(sess, db->dbid, w.cat, szOld, &t));
    CALL(catalog_find_table(w.cat, szOld, &t));
    if (t.fFlags & REC_CAT_TABLE_SYSTEM) FAIL(JET_errInvalidName);
    if (t.fFlags & REC_CAT_TABLE_TEMPLATE) {
        struct derived_ctx dc = { t.szName, false };
        CALL(catalog_enum_tables(w.cat, derived_fn, &dc));
        if (dc.fFound) FAIL(JET_errFixedInheritedDDL);
    }
    {
        struct rec_cat_table tOther;
        err = catalog_find_table(w.cat, szNewName, &tOther);
        if (err >= 0 && tOther.objid != t.objid) FAIL(JET_errTableDuplicate);
        if (err < 0 && err != JET_errObjectNotFound) goto out;
    }
    memcpy(t.szName, szNewName, sizeof szNewName);
    pbRow = mem_alloc(db->cbPage);
    if (!pbRow) FAIL(JET_errOutOfMemory);
    struct rec_buf rb = { pbRow, 0, db->cbPage };
    CALL(rec_cat_encode_table(&t, db->cbPage, &rb));
    CALL(isam_wtrx_begin(sess));
    fTrx = true;
    err = catw_replace_row(&w, t.objid, REC_SYSOBJ_TABLE, t.objid, &rb);
    if (err == JET_errKeyDuplicate) err = ERR_TRAP(JET_errTableDuplicate);
    CALL(err);
out:
    if (fCatw) catw_close(&w);
    if (fTrx) err = isam_wtrx_end(sess, err);
    if (err >= 0) isam_ddl_table_changed(sess, dbid, t.objid, true);
    mem_free(pbRow);
    return err;
}
