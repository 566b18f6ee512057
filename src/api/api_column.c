/* SPDX-License-Identifier: MIT
 * api/api_column.c: reading column values: JetRetrieveColumn, JetRetrieveColumns,
 * JetEnumerateColumns, JetRetrieveKey, JetGetRecordSize/2. The rules live in
 * cursor/cur_col.c and cursor/cur_key.c. */
#include "api_int.h"
#include "isam_table.h"

DEBUG_CHANNEL(api);

/* A user-defined default value (JET_bitColumnUserDefinedDefault): ESE's ErrRECCallback with
 * JET_cbtypUserDefinedDefaultValue. The callback gets the session, the table's database, the
 * cursor (on the record), the output buffer and its size (in: cbMax, out: the value's size),
 * a copy of the column's user data (NULL without any) and the columnid. It runs outside the
 * session, so it can read other columns of the record through the same tableid; *psess is left
 * and set to NULL. With JET_paramEnablePersistedCallbacks off the retrieval fails with
 * JET_errCallbackFailed, as ESE's does; a callback that cannot be found gives
 * JET_errCallbackNotResolved. The callback's error or warning is returned; a success with a
 * size beyond cbMax is JET_wrnBufferTruncated. */
static JET_ERR udd_callback(struct isam_session **psess, struct isam_table *t, JET_SESID sesid, JET_TABLEID tableid,
        JET_COLUMNID columnid, void *pv, uint32_t cbMax, uint32_t *pcbActual)
{
    JET_ERR err;
    bool fTemplate;
    JET_CALLBACK pfn;
    const struct catalog_table *pt = cur_def(t->c);
    const struct rec_cat_column *pc = pt ? catalog_table_column_by_id(pt, (uint32_t)columnid, &fTemplate) : NULL;
    *pcbActual = 0;
    if (!pc)
        return ERR_TRAP(JET_errColumnNotFound);
    if (!isam_persisted_callbacks_enabled(*psess)) {
        WARN("column %s: JET_paramEnablePersistedCallbacks is off, the callback %s is not run", debugstr_a(pc->szName),
             debugstr_a(pc->szCallback));
        return ERR_TRAP(JET_errCallbackFailed);
    }
    CALL_R(isam_callback_resolve(pc->szCallback, &pfn));
    void *pvContext = NULL;
    if (pc->pbCallbackData && pc->cbCallbackData) {
        pvContext = mem_alloc(pc->cbCallbackData);
        if (!pvContext)
            return ERR_TRAP(JET_errOutOfMemory);
        memcpy(pvContext, pc->pbCallbackData, pc->cbCallbackData);
    }
    const JET_DBID dbid = t->dbid;
    api_session_leave(*psess);
    *psess = NULL;
    ESENT_ULONG cbActual = cbMax;
    TRACE("column %#lx: calling %s", (unsigned long)columnid, debugstr_a(pc->szCallback));
    err = pfn(sesid, dbid, tableid, JET_cbtypUserDefinedDefaultValue, pv, &cbActual, pvContext, columnid);
    mem_free(pvContext);
    if (err_is_internal(err))
        err = ERR_TRAP(JET_errCallbackFailed);
    if (err == JET_errSuccess && cbActual > cbMax)
        err = JET_wrnBufferTruncated;
    *pcbActual = err < 0 ? 0 : (uint32_t)cbActual;
    return err;
}

/* The option bits JetRetrieveColumn(s) refuse (JET_errInvalidGrbit): ESE's internal ones
 * (grbitRetrieveColumnInternalFlagsMask); other unknown bits are ignored, as ESE does. */
#define RETRIEVE_GRBITS_INTERNAL 0xf0000000u

JET_ERR JET_API JetRetrieveColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid, void *pvData,
        ESENT_ULONG cbData, ESENT_ULONG *pcbActual, JET_GRBIT grbit, JET_RETINFO *pretinfo)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %lu, %p, %lu, %p, %#lx, %p)", (unsigned long)sesid, (unsigned long)tableid,
          (unsigned long)columnid, pvData, (unsigned long)cbData, (void *)pcbActual, (unsigned long)grbit,
          (void *)pretinfo);
    CALL(api_table_enter(sesid, tableid, API_TT_RETRIEVE, &sess, &t));
    if (pretinfo && pretinfo->cbStruct < sizeof(JET_RETINFO))
        FAIL(JET_errInvalidParameter);
    if (grbit & RETRIEVE_GRBITS_INTERNAL)
        FAIL(JET_errInvalidGrbit);
    if (!pvData && cbData)
        FAIL(JET_errInvalidParameter);
    struct cur_retrieve r = {
        .columnid = columnid, .pv = pvData, .cbMax = cbData, .grbit = grbit,
        .ibLongValue = pretinfo ? pretinfo->ibLongValue : 0,
        .itagSequence = pretinfo ? pretinfo->itagSequence : 1,
    };
    err = cur_retrieve_column(t->c, &r);
    if (err == WRN_CUR_USER_DEFINED_DEFAULT)
        err = udd_callback(&sess, t, sesid, tableid, columnid, pvData, cbData, &r.cbActual);
    if (err < 0)
        goto out;
    if (pcbActual)
        *pcbActual = r.cbActual;
    if (pretinfo) {
        pretinfo->columnidNextTagged = r.columnidNextTagged;
        if (grbit & JET_bitRetrieveTag)
            pretinfo->itagSequence = r.itagSequence;
    }
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetRetrieveColumns(JET_SESID sesid, JET_TABLEID tableid, JET_RETRIEVECOLUMN *pretrievecolumn,
        ESENT_ULONG cretrievecolumn)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t = NULL;
    bool fTruncated = false;
    TRACE("(%#lx, %#lx, %p, %lu)", (unsigned long)sesid, (unsigned long)tableid, (void *)pretrievecolumn,
          (unsigned long)cretrievecolumn);
    CALL(api_table_enter(sesid, tableid, API_TT_RETRIEVE, &sess, &t));
    if (!pretrievecolumn && cretrievecolumn)
        FAIL(JET_errInvalidParameter);
    cur_read_batch_begin(t->c);         /* one read of the record for all the columns */
    /* ESE's ErrRECRetrieveColumns: an error stops the call; a warning goes into the entry's err */
    for (ESENT_ULONG i = 0; i < cretrievecolumn; i++) {
        JET_RETRIEVECOLUMN *p = &pretrievecolumn[i];
        if (p->grbit & RETRIEVE_GRBITS_INTERNAL)
            FAIL(JET_errInvalidGrbit);
        if (!p->pvData && p->cbData)
            FAIL(JET_errInvalidParameter);
        if (p->itagSequence == 0) {
            /* the number of values (columnid 0: of every tagged column) */
            uint32_t c = 0;
            if (p->columnid == 0) {
                for (uint32_t n = 1;; n++) {
                    struct cur_retrieve r = { .grbit = p->grbit, .itagSequence = n };
                    CALL(cur_retrieve_column(t->c, &r));
                    if (r.columnidNextTagged == 0)
                        break;
                    c = n;
                }
            } else {
                CALL(cur_count_values(t->c, p->columnid, (p->grbit & JET_bitRetrieveCopy) != 0, &c));
            }
            p->itagSequence = c;
            p->cbActual = 0;
            p->columnidNextTagged = p->columnid;
            p->err = JET_errSuccess;
            continue;
        }
        struct cur_retrieve r = {
            .columnid = p->columnid, .pv = p->pvData, .cbMax = p->cbData, .grbit = p->grbit,
            .ibLongValue = p->ibLongValue, .itagSequence = p->itagSequence,
        };
        err = cur_retrieve_column(t->c, &r);
        if (err == WRN_CUR_USER_DEFINED_DEFAULT) {
            /* the callback runs outside the session: end the batch, and come back after it */
            cur_read_batch_end(t->c);
            err = udd_callback(&sess, t, sesid, tableid, p->columnid, p->pvData, p->cbData, &r.cbActual);
            const JET_ERR errEnter = api_table_enter(sesid, tableid, API_TT_RETRIEVE, &sess, &t);
            if (errEnter < 0) {
                t = NULL;
                FAIL(errEnter);
            }
            cur_read_batch_begin(t->c);
        }
        CALL(err);
        p->cbActual = r.cbActual;
        p->columnidNextTagged = r.columnidNextTagged;
        if (p->grbit & JET_bitRetrieveTag)
            p->itagSequence = r.itagSequence;
        p->err = err;
        if (err == JET_wrnBufferTruncated)
            fTruncated = true;
    }
    err = fTruncated ? JET_wrnBufferTruncated : JET_errSuccess;
out:
    if (t)
        cur_read_batch_end(t->c);
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetEnumerateColumns(JET_SESID sesid, JET_TABLEID tableid, ESENT_ULONG cEnumColumnId,
        JET_ENUMCOLUMNID *rgEnumColumnId, ESENT_ULONG *pcEnumColumn, JET_ENUMCOLUMN **prgEnumColumn,
        JET_PFNREALLOC pfnRealloc, void *pvReallocContext, ESENT_ULONG cbDataMost, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    uint32_t c = 0;
    TRACE("(%#lx, %#lx, %lu, %p, %p, %p, %p, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)tableid,
          (unsigned long)cEnumColumnId, (void *)rgEnumColumnId, (void *)pcEnumColumn, (void *)prgEnumColumn,
          (void *)pfnRealloc, pvReallocContext, (unsigned long)cbDataMost, (unsigned long)grbit);
    CALL(api_table_enter(sesid, tableid, API_TT_ENUM, &sess, &t));
    if (!pcEnumColumn || !prgEnumColumn || !pfnRealloc || (!rgEnumColumnId && cEnumColumnId))
        FAIL(JET_errInvalidParameter);
    err = cur_enumerate_columns(t->c, cEnumColumnId, rgEnumColumnId, &c, prgEnumColumn, pfnRealloc, pvReallocContext,
                                cbDataMost, grbit);
    *pcEnumColumn = c;
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetRetrieveKey(JET_SESID sesid, JET_TABLEID tableid, void *pvKey, ESENT_ULONG cbMax,
        ESENT_ULONG *pcbActual, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    uint32_t cb = 0;
    TRACE("(%#lx, %#lx, %p, %lu, %p, %#lx)", (unsigned long)sesid, (unsigned long)tableid, pvKey, (unsigned long)cbMax,
          (void *)pcbActual, (unsigned long)grbit);
    CALL(api_table_enter(sesid, tableid, API_TT_RETKEY, &sess, &t));
    if (!pvKey && cbMax)
        FAIL(JET_errInvalidParameter);
    err = cur_retrieve_key(t->c, pvKey, cbMax, &cb, grbit);
    if (err >= 0 && pcbActual)
        *pcbActual = cb;
out:
    api_session_leave(sess);
    return api_return(err);
}

static JET_ERR record_size(JET_SESID sesid, JET_TABLEID tableid, JET_RECSIZE2 *prs, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    CALL(api_table_enter(sesid, tableid, API_TT_RECSIZE, &sess, &t));
    if (!prs)
        FAIL(JET_errInvalidParameter);
    if (grbit & ~(JET_GRBIT)(JET_bitRecordSizeInCopyBuffer | JET_bitRecordSizeRunningTotal | JET_bitRecordSizeLocal))
        FAIL(JET_errInvalidGrbit);
    if ((grbit & JET_bitRecordSizeInCopyBuffer) && !t->c->fUpdatePrepared)
        FAIL(JET_errUpdateNotPrepared);
    err = cur_record_size(t->c, prs, grbit);
out:
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetGetRecordSize2(JET_SESID sesid, JET_TABLEID tableid, JET_RECSIZE2 *precsize, const JET_GRBIT grbit)
{
    TRACE("(%#lx, %#lx, %p, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (void *)precsize,
          (unsigned long)grbit);
    return api_return(record_size(sesid, tableid, precsize, grbit));
}

JET_ERR JET_API JetGetRecordSize(JET_SESID sesid, JET_TABLEID tableid, JET_RECSIZE *precsize, const JET_GRBIT grbit)
{
    JET_ERR err;
    JET_RECSIZE2 rs2;
    TRACE("(%#lx, %#lx, %p, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (void *)precsize,
          (unsigned long)grbit);
    if (!precsize)
        return api_return(record_size(sesid, tableid, NULL, grbit));
    /* JET_RECSIZE is JET_RECSIZE2 without the compressed sizes */
    memset(&rs2, 0, sizeof rs2);
    if (grbit & JET_bitRecordSizeRunningTotal) {
        rs2.cbData = precsize->cbData;
        rs2.cbLongValueData = precsize->cbLongValueData;
        rs2.cbOverhead = precsize->cbOverhead;
        rs2.cbLongValueOverhead = precsize->cbLongValueOverhead;
        rs2.cNonTaggedColumns = precsize->cNonTaggedColumns;
        rs2.cTaggedColumns = precsize->cTaggedColumns;
        rs2.cLongValues = precsize->cLongValues;
        rs2.cMultiValues = precsize->cMultiValues;
    }
    err = record_size(sesid, tableid, &rs2, grbit);
    if (err >= 0) {
        precsize->cbData = rs2.cbData;
        precsize->cbLongValueData = rs2.cbLongValueData;
        precsize->cbOverhead = rs2.cbOverhead;
        precsize->cbLongValueOverhead = rs2.cbLongValueOverhead;
        precsize->cNonTaggedColumns = rs2.cNonTaggedColumns;
        precsize->cTaggedColumns = rs2.cTaggedColumns;
        precsize->cLongValues = rs2.cLongValues;
        precsize->cMultiValues = rs2.cMultiValues;
    }
    return api_return(err);
}
