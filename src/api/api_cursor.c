/* SPDX-License-Identifier: MIT
 * api/api_cursor.c: navigation exports: JetMove, JetMakeKey, JetSeek, JetSetIndexRange,
 * JetSetCurrentIndex* / JetGetCurrentIndex* (A/W), bookmarks, positions, JetIndexRecordCount*,
 * JetSetCursorFilter, JetGetCursorInfo and the preread hints. The rules live in the cursor layer
 * (cursor/cur_nav.c, cursor/cur_key.c); these only check arguments, resolve handles and enter
 * the session. */
#include "api_int.h"
#include "isam_table.h"

DEBUG_CHANNEL(api);

/* An in-memory list table's cursor under a new tableid of the session. */
static JET_ERR list_handle(struct isam_session *sess, struct cursor *c, JET_TABLEID *ptableid)
{
    JET_ERR err;
    struct isam_table *t;
    CALL_R(isam_table_adopt(sess, 0, c, &t));
    return api_table_handle(t, ptableid);
}

/* Enter the table's session: t receives the table (leave with api_session_leave(sess)). */
#define TABLE_ENTER(op) CALL(api_table_enter(sesid, tableid, op, &sess, &t))

JET_ERR JET_API JetMove(JET_SESID sesid, JET_TABLEID tableid, ESENT_LONG cRow, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %ld, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (long)cRow, (unsigned long)grbit);
    TABLE_ENTER(API_TT_MOVE);
    err = UNLIKELY(t->tt) ? api_temp_move(t, (int32_t)cRow, grbit) : cur_move(t->c, (int32_t)cRow, grbit);
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetGetLock(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (unsigned long)grbit);
    TABLE_ENTER(API_TT_OTHER);
    /* ESE's ErrIsamGetLock: exactly one of the two lock kinds; the level is checked first */
    if (sess->trx_level == 0)
        FAIL(JET_errNotInTransaction);
    switch (grbit & (JET_bitReadLock | JET_bitWriteLock)) {
    case JET_bitReadLock:
        err = isam_table_lock(t, false);
        break;
    case JET_bitWriteLock:
        err = isam_table_lock(t, true);
        break;
    default:
        FAIL(JET_errInvalidGrbit);
    }
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetMakeKey(JET_SESID sesid, JET_TABLEID tableid, const void *pvData, ESENT_ULONG cbData, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)tableid, pvData, (unsigned long)cbData,
          (unsigned long)grbit);
    TABLE_ENTER(API_TT_MAKEKEY);
    if (!pvData && cbData)
        FAIL(JET_errInvalidParameter);
    err = cur_make_key(t->c, pvData, cbData, grbit);
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetSeek(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (unsigned long)grbit);
    TABLE_ENTER(API_TT_SEEK);
    err = cur_seek(t->c, grbit);
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetSetIndexRange(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (unsigned long)grbit);
    TABLE_ENTER(API_TT_RANGE);
    err = cur_set_index_range(t->c, grbit);
out:
    api_session_leave(sess);
    return api_return(err);
}

/* ================================================================ current index ======== */

static JET_ERR set_current_index(JET_SESID sesid, JET_TABLEID tableid, const char *szIndex, JET_INDEXID *pindexid,
        JET_GRBIT grbit, ESENT_ULONG itagSequence)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TABLE_ENTER(API_TT_OTHER);
    /* ESE's ErrIsamSetCurrentIndex: JET_bitMoveFirst (0) or JET_bitNoMove; itag from 1 */
    if (grbit != JET_bitMoveFirst && grbit != JET_bitNoMove)
        FAIL(JET_errInvalidGrbit);
    if (itagSequence == 0)
        FAIL(JET_errInvalidParameter);
    err = cur_set_index(t->c, szIndex, pindexid, grbit, itagSequence);
out:
    api_session_leave(sess);
    return err;
}

/* A W index name to narrow (NULL stays NULL: the primary index). */
static JET_ERR index_name_from_w(const ESENT_WCHAR *wsz, char *sz, size_t cb, const char **psz)
{
    JET_ERR err;
    *psz = NULL;
    if (!wsz)
        return JET_errSuccess;
    err = api_name_from_w(wsz, sz, cb);
    if (err < 0)
        return err == JET_errInvalidParameter ? ERR_TRAP(JET_errInvalidName) : err;
    *psz = sz;
    return JET_errSuccess;
}

JET_ERR JET_API JetSetCurrentIndex4A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName, JET_INDEXID *pindexid,
        JET_GRBIT grbit, ESENT_ULONG itagSequence)
{
    TRACE("(%#lx, %#lx, %s, %p, %#lx, %lu)", (unsigned long)sesid, (unsigned long)tableid, debugstr_a(szIndexName),
          (void *)pindexid, (unsigned long)grbit, (unsigned long)itagSequence);
    return api_return(set_current_index(sesid, tableid, szIndexName, pindexid, grbit, itagSequence));
}

JET_ERR JET_API JetSetCurrentIndex4W(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName, JET_INDEXID *pindexid,
        JET_GRBIT grbit, ESENT_ULONG itagSequence)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1];
    const char *psz;
    TRACE("(%#lx, %#lx, %s, %p, %#lx, %lu)", (unsigned long)sesid, (unsigned long)tableid, debugstr_w(szIndexName),
          (void *)pindexid, (unsigned long)grbit, (unsigned long)itagSequence);
    CALL_R(api_check_sesid(sesid));
    CALL_R(api_check_tableid(tableid));
    err = index_name_from_w(szIndexName, sz, sizeof sz, &psz);
    if (err < 0)
        return api_return(err);
    return api_return(set_current_index(sesid, tableid, psz, pindexid, grbit, itagSequence));
}

JET_ERR JET_API JetSetCurrentIndex3A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName, JET_GRBIT grbit,
        ESENT_ULONG itagSequence)
{
    return JetSetCurrentIndex4A(sesid, tableid, szIndexName, NULL, grbit, itagSequence);
}

JET_ERR JET_API JetSetCurrentIndex3W(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName, JET_GRBIT grbit,
        ESENT_ULONG itagSequence)
{
    return JetSetCurrentIndex4W(sesid, tableid, szIndexName, NULL, grbit, itagSequence);
}

JET_ERR JET_API JetSetCurrentIndex2A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName, JET_GRBIT grbit)
{
    return JetSetCurrentIndex4A(sesid, tableid, szIndexName, NULL, grbit, 1);
}

JET_ERR JET_API JetSetCurrentIndex2W(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName, JET_GRBIT grbit)
{
    return JetSetCurrentIndex4W(sesid, tableid, szIndexName, NULL, grbit, 1);
}

JET_ERR JET_API JetSetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName)
{
    return JetSetCurrentIndex4A(sesid, tableid, szIndexName, NULL, JET_bitMoveFirst, 1);
}

JET_ERR JET_API JetSetCurrentIndexW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName)
{
    return JetSetCurrentIndex4W(sesid, tableid, szIndexName, NULL, JET_bitMoveFirst, 1);
}

/* ESE's ErrIsamGetCurrentIndex: the name, cut to the buffer; JET_wrnBufferTruncated for an
 * empty buffer. */
static JET_ERR get_current_index(JET_SESID sesid, JET_TABLEID tableid, char *sz, size_t cb)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TABLE_ENTER(API_TT_OTHER);
    if (cb < 1) {
        err = JET_wrnBufferTruncated;
        goto out;
    }
    if (!sz)
        FAIL(JET_errInvalidParameter);
    err = cur_sync(t->c);
    if (err >= 0)
        cur_index_name(t->c, sz, cb);
out:
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetGetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PSTR szIndexName, ESENT_ULONG cbIndexName)
{
    TRACE("(%#lx, %#lx, %p, %lu)", (unsigned long)sesid, (unsigned long)tableid, (void *)szIndexName,
          (unsigned long)cbIndexName);
    return api_return(get_current_index(sesid, tableid, szIndexName, cbIndexName));
}

JET_ERR JET_API JetGetCurrentIndexW(JET_SESID sesid, JET_TABLEID tableid, JET_PWSTR szIndexName, ESENT_ULONG cbIndexName)
{
    JET_ERR err;
    char sz[JET_cbNameMost + 1];
    ESENT_WCHAR *wsz = NULL;
    TRACE("(%#lx, %#lx, %p, %lu)", (unsigned long)sesid, (unsigned long)tableid, (void *)szIndexName,
          (unsigned long)cbIndexName);
    const size_t cch = cbIndexName / sizeof(ESENT_WCHAR);
    err = get_current_index(sesid, tableid, cch ? sz : NULL, cch ? sizeof sz : 0);
    if (err < 0 || cch == 0)
        return api_return(err);
    if (!szIndexName)
        return api_return(ERR_TRAP(JET_errInvalidParameter));
    CALL_R(api_wsz_from_a(sz, &wsz));
    size_t n = 0;
    while (wsz && wsz[n] && n + 1 < cch) {
        szIndexName[n] = wsz[n];
        n++;
    }
    szIndexName[n] = 0;
    mem_free(wsz);
    return api_return(err);
}

/* ================================================================ bookmarks ============ */

/* Copy a bookmark-like value out as ESE does: *pcbActual the whole size, JET_errBufferTooSmall
 * with the first cbMax bytes when it does not fit. */
static bool copy_bm(const uint8_t *pb, uint32_t cb, void *pv, ESENT_ULONG cbMax, ESENT_ULONG *pcbActual)
{
    if (pcbActual)
        *pcbActual = cb;
    const uint32_t n = cb <= cbMax ? cb : (uint32_t)cbMax;
    if (n && pv)
        memcpy(pv, pb, n);
    return cb <= cbMax;
}

JET_ERR JET_API JetGetBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark, ESENT_ULONG cbMax,
        ESENT_ULONG *pcbActual)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    const uint8_t *pb;
    uint32_t cb;
    TRACE("(%#lx, %#lx, %p, %lu, %p)", (unsigned long)sesid, (unsigned long)tableid, pvBookmark, (unsigned long)cbMax,
          (void *)pcbActual);
    TABLE_ENTER(API_TT_GETBM);
    if (!pvBookmark && cbMax)
        FAIL(JET_errInvalidParameter);
    CALL(cur_bookmark(t->c, &pb, &cb));
    if (!copy_bm(pb, cb, pvBookmark, cbMax, pcbActual))
        err = ERR_TRAP(JET_errBufferTooSmall);
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetGotoBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark, ESENT_ULONG cbBookmark)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %p, %lu)", (unsigned long)sesid, (unsigned long)tableid, pvBookmark, (unsigned long)cbBookmark);
    TABLE_ENTER(API_TT_GOTOBM);
    if (!pvBookmark || cbBookmark == 0 || cbBookmark > JET_cbBookmarkMostMost)
        FAIL(JET_errInvalidBookmark);
    err = cur_goto_bookmark(t->c, pvBookmark, cbBookmark);
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetGetSecondaryIndexBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvSecondaryKey,
        ESENT_ULONG cbSecondaryKeyMax, ESENT_ULONG *pcbSecondaryKeyActual, void *pvPrimaryBookmark,
        ESENT_ULONG cbPrimaryBookmarkMax, ESENT_ULONG *pcbPrimaryBookmarkActual, const JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    const uint8_t *pbKey, *pbData;
    uint32_t cbKey, cbData;
    TRACE("(%#lx, %#lx, %p, %lu, %p, %p, %lu, %p, %#lx)", (unsigned long)sesid, (unsigned long)tableid, pvSecondaryKey,
          (unsigned long)cbSecondaryKeyMax, (void *)pcbSecondaryKeyActual, pvPrimaryBookmark,
          (unsigned long)cbPrimaryBookmarkMax, (void *)pcbPrimaryBookmarkActual, (unsigned long)grbit);
    TABLE_ENTER(API_TT_OTHER);
    if (grbit)
        FAIL(JET_errInvalidGrbit);
    if ((!pvSecondaryKey && cbSecondaryKeyMax) || (!pvPrimaryBookmark && cbPrimaryBookmarkMax))
        FAIL(JET_errInvalidParameter);
    CALL(cur_index_bookmark(t->c, &pbKey, &cbKey, &pbData, &cbData));
    const bool fKey = copy_bm(pbKey, cbKey, pvSecondaryKey, cbSecondaryKeyMax, pcbSecondaryKeyActual);
    const bool fData = copy_bm(pbData, cbData, pvPrimaryBookmark, cbPrimaryBookmarkMax, pcbPrimaryBookmarkActual);
    if (!fKey || !fData)
        err = ERR_TRAP(JET_errBufferTooSmall);
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetGotoSecondaryIndexBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvSecondaryKey,
        ESENT_ULONG cbSecondaryKey, void *pvPrimaryBookmark, ESENT_ULONG cbPrimaryBookmark, const JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %p, %lu, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)tableid, pvSecondaryKey,
          (unsigned long)cbSecondaryKey, pvPrimaryBookmark, (unsigned long)cbPrimaryBookmark, (unsigned long)grbit);
    TABLE_ENTER(API_TT_OTHER);
    if (grbit & ~(JET_GRBIT)JET_bitBookmarkPermitVirtualCurrency)
        FAIL(JET_errInvalidGrbit);
    if (cbSecondaryKey > JET_cbKeyMostMost || cbPrimaryBookmark > JET_cbBookmarkMostMost)
        FAIL(JET_errInvalidBookmark);
    err = cur_goto_index_bookmark(t->c, pvSecondaryKey, cbSecondaryKey, pvPrimaryBookmark, cbPrimaryBookmark, grbit);
out:
    api_session_leave(sess);
    return api_return(err);
}

/* ================================================================ positions ============ */

JET_ERR JET_API JetGetRecordPosition(JET_SESID sesid, JET_TABLEID tableid, JET_RECPOS *precpos, ESENT_ULONG cbRecpos)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    uint64_t cLT, cTotal;
    TRACE("(%#lx, %#lx, %p, %lu)", (unsigned long)sesid, (unsigned long)tableid, (void *)precpos,
          (unsigned long)cbRecpos);
    TABLE_ENTER(API_TT_OTHER);
    if (t->c->filter)
        FAIL(JET_errFilteredMoveNotSupported);
    if (!precpos || cbRecpos < sizeof(JET_RECPOS))
        FAIL(JET_errInvalidParameter);
    CALL(cur_position(t->c, &cLT, &cTotal));
    /* ESE's ErrIsamGetRecordPosition: the 32-bit fields take the low halves */
    if (cbRecpos < sizeof(JET_RECPOS2)) {
        precpos->cbStruct = sizeof(JET_RECPOS);
        precpos->centriesLT = (ESENT_ULONG)cLT;
        precpos->centriesInRange = 1;
        precpos->centriesTotal = (ESENT_ULONG)cTotal;
    } else {
        JET_RECPOS2 *p2 = (JET_RECPOS2 *)precpos;
        p2->cbStruct = sizeof(JET_RECPOS2);
        p2->centriesLTDeprecated = (ESENT_ULONG)cLT;
        p2->centriesInRangeDeprecated = 1;
        p2->centriesTotalDeprecated = (ESENT_ULONG)cTotal;
        p2->centriesLT = cLT;
        p2->centriesTotal = cTotal;
    }
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetGotoPosition(JET_SESID sesid, JET_TABLEID tableid, JET_RECPOS *precpos)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    uint64_t cLT, cTotal;
    TRACE("(%#lx, %#lx, %p)", (unsigned long)sesid, (unsigned long)tableid, (void *)precpos);
    TABLE_ENTER(API_TT_OTHER);
    if (t->c->filter)
        FAIL(JET_errFilteredMoveNotSupported);
    if (!precpos)
        FAIL(JET_errInvalidParameter);
    if (precpos->cbStruct == sizeof(JET_RECPOS)) {
        cLT = precpos->centriesLT;
        cTotal = precpos->centriesTotal;
    } else if (precpos->cbStruct == sizeof(JET_RECPOS2)) {
        const JET_RECPOS2 *p2 = (const JET_RECPOS2 *)precpos;
        if (p2->centriesLTDeprecated || p2->centriesTotalDeprecated)
            FAIL(JET_errInvalidParameter);
        cLT = p2->centriesLT;
        cTotal = p2->centriesTotal;
    } else {
        FAIL(JET_errInvalidParameter);
    }
    if (cLT > cTotal)
        FAIL(JET_errInvalidParameter);
    if (cTotal == 0) {
        /* ESE treats an empty fraction as the start of the index */
        cTotal = 1;
        cLT = 0;
    }
    err = cur_goto_position(t->c, cLT, cTotal);
out:
    api_session_leave(sess);
    return api_return(err);
}

static JET_ERR index_record_count(JET_SESID sesid, JET_TABLEID tableid, uint64_t *pc, uint64_t cMax)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TABLE_ENTER(API_TT_OTHER);
    if (t->c->filter)
        FAIL(JET_errFilteredMoveNotSupported);
    if (!pc)
        FAIL(JET_errInvalidParameter);
    err = cur_count(t->c, cMax, pc);
out:
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetIndexRecordCount(JET_SESID sesid, JET_TABLEID tableid, ESENT_ULONG *pcrec, ESENT_ULONG crecMax)
{
    JET_ERR err;
    uint64_t c = 0;
    TRACE("(%#lx, %#lx, %p, %lu)", (unsigned long)sesid, (unsigned long)tableid, (void *)pcrec, (unsigned long)crecMax);
    err = index_record_count(sesid, tableid, pcrec ? &c : NULL, crecMax);
    if (err >= 0)
        *pcrec = (ESENT_ULONG)MIN(c, (uint64_t)UINT32_MAX);
    return api_return(err);
}

JET_ERR JET_API JetIndexRecordCount2(JET_SESID sesid, JET_TABLEID tableid, ESENT_UINT64 *pcrec, ESENT_UINT64 crecMax)
{
    JET_ERR err;
    uint64_t c = 0;
    TRACE("(%#lx, %#lx, %p, %llu)", (unsigned long)sesid, (unsigned long)tableid, (void *)pcrec,
          (unsigned long long)crecMax);
    err = index_record_count(sesid, tableid, pcrec ? &c : NULL, crecMax);
    if (err >= 0)
        *pcrec = c;
    return api_return(err);
}

/* ================================================================ filters, info, hints = */

JET_ERR JET_API JetSetCursorFilter(JET_SESID sesid, JET_TABLEID tableid, JET_INDEX_COLUMN *rgColumnFilters,
        ESENT_ULONG cColumnFilters, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (void *)rgColumnFilters,
          (unsigned long)cColumnFilters, (unsigned long)grbit);
    TABLE_ENTER(API_TT_OTHER);
    if (!rgColumnFilters && cColumnFilters)
        FAIL(JET_errInvalidParameter);
    err = cur_set_filter(t->c, rgColumnFilters, cColumnFilters, grbit);
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetGetCursorInfo(JET_SESID sesid, JET_TABLEID tableid, void *pvResult, ESENT_ULONG cbMax,
        ESENT_ULONG InfoLevel)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)tableid, pvResult, (unsigned long)cbMax,
          (unsigned long)InfoLevel);
    TABLE_ENTER(API_TT_CURSORINFO);
    /* ESE's ErrIsamGetCursorInfo takes no buffer and no level: it only checks the currency */
    if (cbMax != 0 || InfoLevel != 0)
        FAIL(JET_errInvalidParameter);
    err = cur_check_not_in_conflict(t->c);
out:
    api_session_leave(sess);
    return api_return(err);
}

JET_ERR JET_API JetPrereadKeys(JET_SESID sesid, JET_TABLEID tableid, const void **rgpvKeys, const ESENT_ULONG *rgcbKeys,
        ESENT_LONG ckeys, ESENT_LONG *pckeysPreread, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %p, %p, %ld, %p, %#lx)", (unsigned long)sesid, (unsigned long)tableid, (void *)rgpvKeys,
          (const void *)rgcbKeys, (long)ckeys, (void *)pckeysPreread, (unsigned long)grbit);
    TABLE_ENTER(API_TT_OTHER);
    /* ESE's ErrIsamValidatePrereadKeysArguments; the pages are read on demand here */
    if (pckeysPreread)
        *pckeysPreread = 0;
    if (!rgpvKeys || !rgcbKeys || ckeys <= 0)
        FAIL(JET_errInvalidParameter);
    if (grbit != JET_bitPrereadForward && grbit != JET_bitPrereadBackward)
        FAIL(JET_errInvalidGrbit);
    CALL(cur_sync(t->c));
    const struct rec_index *pri = cur_index(t->c, NULL);
    const uint32_t cbKeyMost = pri ? pri->cbKeyMost : 4u;      /* sizeof(DBK) on the sequential index */
    for (ESENT_LONG i = 0; i < ckeys; i++) {
        if (!rgpvKeys[i])
            FAIL(JET_errInvalidParameter);
        if (rgcbKeys[i] == 0 || rgcbKeys[i] > cbKeyMost)
            FAIL(JET_errInvalidBufferSize);
        if (i > 0) {
            const uint32_t cbA = rgcbKeys[i - 1], cbB = rgcbKeys[i];
            const int cmpMem = memcmp(rgpvKeys[i - 1], rgpvKeys[i], MIN(cbA, cbB));
            const int cmp = cmpMem ? cmpMem : cbA < cbB ? -1 : cbA > cbB ? 1 : 0;
            if ((grbit == JET_bitPrereadBackward && cmp < 0) || (grbit == JET_bitPrereadForward && cmp > 0))
                FAIL(JET_errInvalidParameter);
        }
    }
    if (pckeysPreread)
        *pckeysPreread = ckeys;
    err = JET_errSuccess;
out:
    api_session_leave(sess);
    return api_return(err);
}

/* One end of a preread range as a key on c (ESE's ErrRECIMakeKey): the last column takes the
 * full- or partial-column limit of its end. */
static JET_ERR make_range_key(struct cursor *c, const JET_INDEX_COLUMN *rg, ESENT_ULONG cColumns, bool fStart)
{
    if (cColumns && !rg)
        return ERR_TRAP(JET_errInvalidParameter);
    for (ESENT_ULONG i = 0; i < cColumns; i++) {
        const JET_INDEX_COLUMN *pic = &rg[i];
        const bool fLast = i == cColumns - 1;
        if (pic->relop != JET_relopEquals && !(fLast && pic->relop == JET_relopPrefixEquals))
            return ERR_TRAP(JET_errInvalidParameter);
        if ((pic->grbit & ~(JET_GRBIT)JET_bitZeroLength) || (pic->grbit == JET_bitZeroLength && pic->cb))
            return ERR_TRAP(JET_errInvalidParameter);
        JET_GRBIT g = i == 0 ? JET_bitNewKey : 0;
        if (pic->grbit & JET_bitZeroLength)
            g |= JET_bitKeyDataZeroLength;
        if (fLast) {
            if (pic->relop == JET_relopPrefixEquals)
                g |= fStart ? JET_bitPartialColumnStartLimit : JET_bitPartialColumnEndLimit;
            else
                g |= fStart ? JET_bitFullColumnStartLimit : JET_bitFullColumnEndLimit;
        }
        JET_ERR err = cur_make_key(c, pic->pv, pic->cb, g);
        if (err < 0)
            return err;
    }
    return JET_errSuccess;
}

JET_ERR JET_API JetPrereadIndexRanges(JET_SESID sesid, JET_TABLEID tableid, const JET_INDEX_RANGE *const rgIndexRanges,
        const ESENT_ULONG cIndexRanges, ESENT_ULONG *const pcRangesPreread, const JET_COLUMNID *const rgcolumnidPreread,
        const ESENT_ULONG ccolumnidPreread, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_table *t;
    TRACE("(%#lx, %#lx, %p, %lu, %p, %p, %lu, %#lx)", (unsigned long)sesid, (unsigned long)tableid,
          (const void *)rgIndexRanges, (unsigned long)cIndexRanges, (void *)pcRangesPreread,
          (const void *)rgcolumnidPreread, (unsigned long)ccolumnidPreread, (unsigned long)grbit);
    TABLE_ENTER(API_TT_OTHER);
    if ((!rgIndexRanges && cIndexRanges) || cIndexRanges == 0)
        FAIL(JET_errInvalidParameter);
    if (!rgcolumnidPreread && ccolumnidPreread)
        FAIL(JET_errInvalidParameter);
    if (grbit & ~(JET_GRBIT)(JET_bitPrereadForward | JET_bitPrereadBackward | JET_bitPrereadFirstPage
                             | JET_bitPrereadNormalizedKey))
        FAIL(JET_errInvalidGrbit);
    if (!!(grbit & JET_bitPrereadForward) == !!(grbit & JET_bitPrereadBackward))
        FAIL(JET_errInvalidGrbit);
    /* ESE's ErrIsamIPrereadIndexRanges makes each range's keys on the cursor (its ErrRECIMakeKey,
     * which leaves the last one made, as here): Equals on every column, PrefixEquals on the last
     * only, JET_bitZeroLength without data. Normalized keys come as one column each. */
    for (ESENT_ULONG i = 0; i < cIndexRanges; i++) {
        const JET_INDEX_RANGE *pr = &rgIndexRanges[i];
        if (grbit & JET_bitPrereadNormalizedKey) {
            if (pr->cStartColumns != 1 && pr->cEndColumns > 1)
                FAIL(JET_errInvalidParameter);
            continue;
        }
        CALL(make_range_key(t->c, pr->rgStartColumns, pr->cStartColumns, !!(grbit & JET_bitPrereadForward)));
        CALL(make_range_key(t->c, pr->rgEndColumns, pr->cEndColumns, !(grbit & JET_bitPrereadForward)));
    }
    if (ccolumnidPreread && t->c->btIndex)
        FAIL(JET_errInvalidPreread);
    for (ESENT_ULONG i = 0; i < ccolumnidPreread; i++)
        if (!cur_column(t->c, rgcolumnidPreread[i]))
            FAIL(JET_errColumnNotFound);
    if (pcRangesPreread)
        *pcRangesPreread = cIndexRanges;
    err = JET_errSuccess;
out:
    api_session_leave(sess);
    return api_return(err);
}

/* ================================================================ JetIntersectIndexes == */

JET_ERR JET_API JetIntersectIndexes(JET_SESID sesid, JET_INDEXRANGE *rgindexrange, ESENT_ULONG cindexrange,
        JET_RECORDLIST *precordlist, JET_GRBIT grbit)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct cursor *rgc[64];
    struct cursor *c = NULL;
    uint32_t cRecord = 0;
    JET_COLUMNID columnid = 0;
    TRACE("(%#lx, %p, %lu, %p, %#lx)", (unsigned long)sesid, (void *)rgindexrange, (unsigned long)cindexrange,
          (void *)precordlist, (unsigned long)grbit);
    CALL(api_session_enter(sesid, &sess));
    isam_table_reader_sync(sess);
    /* ESE's ErrIsamIntersectIndexes and ErrRECICheckIndexrangesForUniqueness */
    if (!precordlist || precordlist->cbStruct != sizeof(JET_RECORDLIST))
        FAIL(JET_errInvalidParameter);
    if (!rgindexrange || cindexrange == 0 || cindexrange > ARRAY_SIZE(rgc))
        FAIL(JET_errInvalidParameter);
    for (ESENT_ULONG i = 0; i < cindexrange; i++) {
        if (rgindexrange[i].cbStruct != sizeof(JET_INDEXRANGE))
            FAIL(JET_errInvalidParameter);
        struct isam_table *t = handle_lookup(HANDLE_TABLE, rgindexrange[i].tableid);
        if (!t)
            FAIL(JET_errInvalidTableId);
        if (t->sess != sess)
            FAIL(JET_errSesidTableIdMismatch);
        if (!t->c->btIndex)
            FAIL(JET_errInvalidParameter);
        if (rgindexrange[i].grbit != JET_bitRecordInIndex)
            FAIL(JET_errInvalidGrbit);
        rgc[i] = t->c;
    }
    precordlist->tableid = JET_tableidNil;
    precordlist->cRecord = 0;
    precordlist->columnidBookmark = 0;
    CALL(cur_intersect(rgc, (uint32_t)cindexrange, &c, &cRecord, &columnid));
    if (c) {
        CALL(list_handle(sess, c, &precordlist->tableid));
        precordlist->cRecord = cRecord;
        precordlist->columnidBookmark = columnid;
    }
out:
    api_session_leave(sess);
    return api_return(err);
}
