/* SPDX-License-Identifier: MIT
 * api/api_update.c: JetPrepareUpdate, JetSetColumn, JetSetColumns, JetUpdate, JetUpdate2,
 * JetDelete, JetEscrowUpdate. The engine's rules are in isam/isam_update.c.
 *
 * The update in progress lives in the cursor's update slot (cursor.h "The write path's state"):
 * pvUpdate holds a struct api_upd, pbCopy/cbCopy the copy buffer's record (JET_bitRetrieveCopy
 * reads it), pupdops lets the cursor layer cancel the update when the cursor moves or closes, as
 * ESE's navigation does. The update holds a reference on the table definition it was prepared
 * against. */
#include "api_int.h"
#include "isam_table.h"
#include "isam_wint.h"

DEBUG_CHANNEL(api);

#define API_SET_GRBITS (JET_bitSetAppendLV | JET_bitSetOverwriteLV | JET_bitSetSizeLV | JET_bitSetZeroLength       \
                        | JET_bitSetSeparateLV | JET_bitSetUniqueMultiValues | JET_bitSetUniqueNormalizedMultiValues \
                        | JET_bitSetRevertToDefaultValue | JET_bitSetIntrinsicLV | JET_bitSetUncompressed          \
                        | JET_bitSetCompressed | JET_bitSetContiguousLV)

struct api_upd {
    struct isam_upd u;
    struct isam_session *sess;
    struct cur_tdef *td;
    uint32_t levelPrep;             /* the user's transaction level at JetPrepareUpdate */
};

static void upd_end(struct cursor *c, bool fCancel)
{
    struct api_upd *p = c->pvUpdate;
    if (!p) return;
    if (fCancel && p->u.fPrepared) {
        const JET_ERR err = isam_upd_cancel(p->sess, &p->u);
        if (err < 0) WARN("cancelling an update failed: %ld", (long)err);
    }
    isam_upd_free(&p->u);
    cur_tdef_release(p->td);
    mem_free(p);
    c->pvUpdate = NULL;
    c->fUpdatePrepared = false;
    c->pbCopy = NULL;
    c->cbCopy = 0;
}

static void ops_cancel(struct cursor *c) { upd_end(c, true); }
static void ops_free(struct cursor *c) { upd_end(c, true); }
static const struct cur_update_ops g_ops = { ops_cancel, ops_free };

static struct isam_db *table_db(const struct isam_table *t)
{
    return isam_db_get(t->sess->inst, t->dbid);
}

/* ---- JetPrepareUpdate ----------------------------------------------------------------------- */

static JET_ERR prepare_update(JET_SESID sesid, JET_TABLEID tableid, ESENT_ULONG prep)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    struct api_upd *p = NULL;
    CALL(api_table_enter(sesid, tableid, API_TT_PREPARE, &sess, &t));
    struct cursor *c = t->c;
    if (prep == JET_prepCancel) {
        if (!c->fUpdatePrepared) FAIL(JET_errUpdateNotPrepared);
        struct api_upd *pu = c->pvUpdate;
        err = isam_upd_cancel(pu->sess, &pu->u);
        upd_end(c, false);
        goto out;
    }
    switch (prep) {
    case JET_prepInsert: case JET_prepReplace: case JET_prepReplaceNoLock: case JET_prepInsertCopy:
    case JET_prepInsertCopyDeleteOriginal: case JET_prepInsertCopyReplaceOriginal:
        break;
    default:
        FAIL(JET_errInvalidParameter);
    }
    if (!c->pt) FAIL(JET_errPermissionDenied);          /* an in-memory list table */
    if (!c->fUpdatable) FAIL(JET_errPermissionDenied);
    if (c->fUpdatePrepared) FAIL(JET_errAlreadyPrepared);
    CALL(cur_sync(c));
    /* ESE's JET_prepReplace write-locks the record inside a transaction (another writer gets
     * JET_errWriteConflict now, not at JetUpdate); at level 0 it is JET_prepReplaceNoLock. */
    if (prep == JET_prepReplace && sess->trx_level > 0) CALL(isam_table_lock(t, true));
    const uint8_t *pbRec = NULL, *pbBm = NULL;
    uint32_t cbRec = 0, cbBm = 0;
    if (prep != JET_prepInsert) {
        CALL(cur_record(c, &pbRec, &cbRec));
        CALL(cur_bookmark(c, &pbBm, &cbBm));
    }
    p = mem_calloc(1, sizeof *p);
    if (!p) FAIL(JET_errOutOfMemory);
    p->sess = sess;
    p->levelPrep = sess->trx_level;
    p->td = cur_tdef_get_write(c->pt);
    struct isam_wtable *pwt;
    CALL(isam_wtable_open_def(table_db(t), p->td->pt, true, &pwt));
    pwt->fExclusive = c->fDenyRead;
    CALL(isam_upd_prepare(sess, pwt, &p->u, prep, pbRec, cbRec, pbBm,
                          cbBm));
    c->pvUpdate = p;
    c->pupdops = &g_ops;
    c->fUpdatePrepared = true;
    c->pbCopy = p->u.pbRec;
    c->cbCopy = p->u.cbRec;
    p = NULL;
out:
    if (p) {
        if (p->td) cur_tdef_release(p->td);
        mem_free(p);
    }
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetPrepareUpdate(JET_SESID sesid, JET_TABLEID tableid, ESENT_ULONG prep)
{
    JET_ERR err;
    TRACE("(%#lx, %#lx, %lu)", (unsigned long)sesid, (unsigned long)tableid, (unsigned long)prep);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    return api_return(prepare_update(sesid, tableid, prep));
}

void api_upd_cancel_for_rollback(struct isam_session *sess, bool fAll)
{
    /* The user's level: the session's, less the levels open updates made for their long values
     * (isam_update.c "levelLV"). Cancelling an update ends its own level when that is on top, so
     * the newest such level goes first. */
    for (;;) {
        uint32_t cLV = 0;
        struct cursor *cBest = NULL;
        uint32_t levelLVBest = 0;
        for (struct isam_table *t = sess->tables; t; t = t->next) {
            struct cursor *c = t->c;
            if (!c || !c->fUpdatePrepared || c->pupdops != &g_ops) continue;
            const struct api_upd *p = c->pvUpdate;
            if (p->u.levelLV && p->u.levelLV <= sess->trx_level) cLV++;
        }
        const uint32_t levelUser = sess->trx_level - (cLV < sess->trx_level ? cLV : sess->trx_level);
        const uint32_t levelFrom = fAll ? 1 : levelUser;
        for (struct isam_table *t = sess->tables; t; t = t->next) {
            struct cursor *c = t->c;
            if (!c || !c->fUpdatePrepared || c->pupdops != &g_ops) continue;
            const struct api_upd *p = c->pvUpdate;
            if (p->levelPrep < levelFrom || p->levelPrep == 0) continue;
            if (!cBest || p->u.levelLV > levelLVBest) {
                cBest = c;
                levelLVBest = p->u.levelLV;
            }
        }
        if (!cBest) return;
        upd_end(cBest, true);
    }
}

/* ---- JetSetColumn(s) ---------------------------------------------------------------------------- */

static JET_ERR set_one(struct cursor *c, JET_COLUMNID columnid, const void *pv, ESENT_ULONG cb, JET_GRBIT grbit,
        uint32_t itag, uint32_t ib)
{
    JET_ERR err;
    if (grbit & ~(JET_GRBIT)API_SET_GRBITS) return ERR_TRAP(JET_errInvalidGrbit);
    if (!c->fUpdatePrepared) return ERR_TRAP(JET_errUpdateNotPrepared);
    struct api_upd *p = c->pvUpdate;
    /* While DDL on the table is not committed the cursor's definition is the session's view:
     * a column it does not see is not there (ESE's ErrRECIAccessColumn). */
    bool fTemplate;
    if (c->td != p->td && !catalog_table_column_by_id(cur_def(c), (uint32_t)columnid, &fTemplate))
        return ERR_TRAP(JET_errColumnNotFound);
    err = isam_upd_set(p->sess, &p->u, columnid, pv, cb, grbit, itag, ib);
    c->pbCopy = p->u.pbRec;
    c->cbCopy = p->u.cbRec;
    return err;
}

static JET_ERR set_column(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid, const void *pv, ESENT_ULONG cb,
        JET_GRBIT grbit, const JET_SETINFO *psetinfo)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    uint32_t itag = 1, ib = 0;
    if (psetinfo) {
        if (psetinfo->cbStruct < sizeof *psetinfo) return ERR_TRAP(JET_errInvalidParameter);
        itag = psetinfo->itagSequence;
        ib = psetinfo->ibLongValue;
    }
    CALL(api_table_enter(sesid, tableid, API_TT_SETCOL, &sess, &t));
    CALL(set_one(t->c, columnid, pv, cb, grbit, itag, ib));
out:
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetSetColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid, const void *pvData,
        ESENT_ULONG cbData, JET_GRBIT grbit, JET_SETINFO *psetinfo)
{
    JET_ERR err;
    TRACE("(%#lx, %#lx, %#lx, %p, %lu, %#lx, %p)", (unsigned long)sesid, (unsigned long)tableid,
          (unsigned long)columnid, pvData, (unsigned long)cbData, (unsigned long)grbit, (void *)psetinfo);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    return api_return(set_column(sesid, tableid, columnid, pvData, cbData, grbit, psetinfo));
}

static JET_ERR set_columns(JET_SESID sesid, JET_TABLEID tableid, JET_SETCOLUMN *rg, ESENT_ULONG c)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    if (!rg && c) return ERR_TRAP(JET_errInvalidParameter);
    CALL(api_table_enter(sesid, tableid, API_TT_SETCOL, &sess, &t));
    JET_ERR wrn = JET_errSuccess;
    for (ESENT_ULONG i = 0; i < c; i++) {
        rg[i].err = set_one(t->c, rg[i].columnid, rg[i].pvData, rg[i].cbData, rg[i].grbit, rg[i].itagSequence,
                            rg[i].ibLongValue);
        CALL(rg[i].err);
        if (rg[i].err > 0 && wrn == JET_errSuccess) wrn = rg[i].err;
    }
    err = wrn;
out:
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetSetColumns(JET_SESID sesid, JET_TABLEID tableid, JET_SETCOLUMN *psetcolumn, ESENT_ULONG csetcolumn)
{
    JET_ERR err;
    TRACE("(%#lx, %#lx, %p, %lu)", (unsigned long)sesid, (unsigned long)tableid, (void *)psetcolumn,
          (unsigned long)csetcolumn);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    return api_return(set_columns(sesid, tableid, psetcolumn, csetcolumn));
}

/* ---- JetUpdate ---------------------------------------------------------------------------------- */

static JET_ERR update(JET_SESID sesid, JET_TABLEID tableid, void *pvBm, ESENT_ULONG cbBm, ESENT_ULONG *pcbActual,
        JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    /* ESE's ErrIsamUpdate looks at the bits it knows and ignores the others. */
    if (grbit & 0x2) FIXME("JET_bitUpdateNoVersion: the update is versioned");
    CALL(api_table_enter(sesid, tableid, API_TT_UPDATE, &sess, &t));
    struct cursor *c = t->c;
    if (!c->fUpdatePrepared) FAIL(JET_errUpdateNotPrepared);
    struct api_upd *p = c->pvUpdate;
    uint32_t cbActual = 0;
    sess->fSortInsert = UNLIKELY(t->tt != NULL) && api_temp_drops_duplicate(t);
    err = isam_upd_update(p->sess, &p->u, pvBm, pvBm ? cbBm : 0, &cbActual, grbit);
    sess->fSortInsert = false;
    if (UNLIKELY(err == JET_errKeyDuplicate) && api_temp_drops_duplicate(t)) {
        upd_end(c, true);               /* a sort keeps one record per key (ESE's sort) */
        err = JET_errSuccess;
        goto out;
    }
    if (err >= 0) {
        if (pcbActual) *pcbActual = cbActual;
        upd_end(c, false);
    } else {
        c->pbCopy = p->u.pbRec;
        c->cbCopy = p->u.cbRec;
    }
out:
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetUpdate2(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark, ESENT_ULONG cbBookmark,
        ESENT_ULONG *pcbActual, const JET_GRBIT grbit)
{
    JET_ERR err;
    TRACE("(%#lx, %#lx, %p, %lu, %p, %#lx)", (unsigned long)sesid, (unsigned long)tableid, pvBookmark,
          (unsigned long)cbBookmark, (void *)pcbActual, (unsigned long)grbit);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    return api_return(update(sesid, tableid, pvBookmark, cbBookmark, pcbActual, grbit));
}

JET_ERR JET_API JetUpdate(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark, ESENT_ULONG cbBookmark,
        ESENT_ULONG *pcbActual)
{
    return JetUpdate2(sesid, tableid, pvBookmark, cbBookmark, pcbActual, 0);
}

/* ---- JetDelete, JetEscrowUpdate ---------------------------------------------------------------- */

/* The table's writer view for a one-shot change (delete, escrow). */
static JET_ERR one_shot(struct isam_table *t, struct cur_tdef **ptd, struct isam_wtable **ppwt)
{
    JET_ERR err;
    struct cursor *c = t->c;
    *ppwt = NULL;
    *ptd = cur_tdef_get_write(c->pt);
    err = isam_wtable_open_def(table_db(t), (*ptd)->pt, true, ppwt);
    if (err < 0) {
        cur_tdef_release(*ptd);
        *ptd = NULL;
        return err;
    }
    (*ppwt)->fExclusive = c->fDenyRead;
    return JET_errSuccess;
}

static JET_ERR delete_record(JET_SESID sesid, JET_TABLEID tableid)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    struct cur_tdef *td = NULL;
    struct isam_wtable *pwt = NULL;
    CALL(api_table_enter(sesid, tableid, API_TT_DELETE, &sess, &t));
    struct cursor *c = t->c;
    if (!c->pt || !c->fUpdatable) FAIL(JET_errPermissionDenied);
    /* ESE: a prepared update is cancelled by the delete (JET_errUpdateNotPrepared never). */
    if (c->fUpdatePrepared) upd_end(c, true);
    CALL(cur_sync(c));
    const uint8_t *pbRec, *pbBm;
    uint32_t cbRec, cbBm;
    CALL(cur_record(c, &pbRec, &cbRec));
    CALL(cur_bookmark(c, &pbBm, &cbBm));
    uint8_t rgbBm[JET_cbKeyMostMost];
    if (cbBm > sizeof rgbBm) FAIL(JET_errDatabaseCorrupted);
    memcpy(rgbBm, pbBm, cbBm);
    CALL(one_shot(t, &td, &pwt));
    CALL(isam_lv_open(sess, pwt, false));
    CALL(isam_rec_delete(sess, pwt, rgbBm, cbBm));
out:
    isam_wtable_close(pwt);
    if (td) cur_tdef_release(td);
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetDelete(JET_SESID sesid, JET_TABLEID tableid)
{
    JET_ERR err;
    TRACE("(%#lx, %#lx)", (unsigned long)sesid, (unsigned long)tableid);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    return api_return(delete_record(sesid, tableid));
}

static JET_ERR escrow_update(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid, void *pv, ESENT_ULONG cbMax,
        void *pvOld, ESENT_ULONG cbOldMax, ESENT_ULONG *pcbOldActual, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    struct cur_tdef *td = NULL;
    struct isam_wtable *pwt = NULL;
    /* ESE's ErrIsamEscrowUpdate looks at JET_bitEscrowNoRollback only. */
    grbit &= JET_bitEscrowNoRollback;
    CALL(api_table_enter(sesid, tableid, API_TT_ESCROW, &sess, &t));
    struct cursor *c = t->c;
    if (!c->pt || !c->fUpdatable) FAIL(JET_errPermissionDenied);
    if (c->fUpdatePrepared) FAIL(JET_errAlreadyPrepared);
    CALL(cur_sync(c));
    const uint8_t *pbRec, *pbBm;
    uint32_t cbRec, cbBm;
    CALL(cur_record(c, &pbRec, &cbRec));
    CALL(cur_bookmark(c, &pbBm, &cbBm));
    uint8_t rgbBm[JET_cbKeyMostMost];
    if (cbBm > sizeof rgbBm) FAIL(JET_errDatabaseCorrupted);
    memcpy(rgbBm, pbBm, cbBm);
    CALL(one_shot(t, &td, &pwt));
    uint32_t cbOld = 0;
    CALL(isam_rec_escrow(sess, pwt, rgbBm, cbBm, columnid, pv, cbMax, pvOld, cbOldMax, &cbOld, grbit));
    if (pcbOldActual) *pcbOldActual = cbOld;
out:
    isam_wtable_close(pwt);
    if (td) cur_tdef_release(td);
    if (sess) api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetEscrowUpdate(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid, void *pv,
        ESENT_ULONG cbMax, void *pvOld, ESENT_ULONG cbOldMax, ESENT_ULONG *pcbOldActual, JET_GRBIT grbit)
{
    JET_ERR err;
    TRACE("(%#lx, %#lx, %#lx, %p, %lu, %p, %lu, %p, %#lx)", (unsigned long)sesid, (unsigned long)tableid,
          (unsigned long)columnid, pv, (unsigned long)cbMax, pvOld, (unsigned long)cbOldMax, (void *)pcbOldActual,
          (unsigned long)grbit);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    return api_return(escrow_update(sesid, tableid, columnid, pv, cbMax, pvOld, cbOldMax, pcbOldActual, grbit));
}
