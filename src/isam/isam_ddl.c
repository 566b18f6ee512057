/* SPDX-License-Identifier: MIT
 * isam/isam_ddl.c: creating tables, their columns and indexes (ESE's ErrIsamCreateTable,
 * ErrFILECreateTable, ErrFILEIAddColumns, ErrFILEICreateIndexes, ErrFILEIValidateAddColumn,
 * ErrFILEIValidateCreateIndex, ErrCATCheckJetSpaceHints). Layer: isam.
 *
 * What a new table is, as Windows writes it (catalog rows through isam_catw.c, README "DDL"):
 *   - its FDP from the database root: CpgInitial(primary space hints) pages, single extent (ESE's
 *     ErrDIRCreateDirectory without fSPMultipleExtent); the table row carries the density, the
 *     initial size (0 when it is the one-page default) and the extended hints;
 *   - columns in the order given, fids from 1 (fixed), 128 (variable), 256 (tagged) by ESE's rule
 *     (tagged if asked or a long-value type, fixed if asked or a fixed-size type, else variable),
 *     fixed columns laid out one after the other from offset 4;
 *   - indexes in the order given, each secondary one with an FDP of its own taken from the table's
 *     space, the primary one being the table's tree;
 *   - a derived table inherits its template's indexes first (rows marked derived).
 * All of it inside one transaction level: rollback (or a crash) undoes the rows and gives the
 * FDPs back (isam_node_create_fdp). */
#include <stdio.h>
#include "isam_wint.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

JET_ERR isam_callback_resolve(const char *szCallback, JET_CALLBACK *ppfn)
{
    JET_ERR err;
    char sz[JET_cbColumnMost + 1];
    os_proc pfn;
    *ppfn = NULL;
    if (!szCallback || strlen(szCallback) > JET_cbColumnMost) return ERR_TRAP(JET_errInvalidParameter);
    memcpy(sz, szCallback, strlen(szCallback) + 1);
    char *pchSep = strchr(sz, '!');         /* the first '!': a module name cannot hold one */
    if (!pchSep) return ERR_TRAP(JET_errInvalidParameter);
    *pchSep = 0;
    CALL_R(os_library_symbol(sz, pchSep + 1, &pfn));
    *ppfn = (JET_CALLBACK)pfn;
    return JET_errSuccess;
}

bool isam_persisted_callbacks_enabled(const struct isam_session *sess)
{
    return param_bool(&sess->inst->params, JET_paramEnablePersistedCallbacks);
}

/* At creation a persisted callback must resolve when the instance would run it (ESE's
 * ErrFILEIAddColumn and table callbacks); with the parameter off the name is kept unchecked. */
static JET_ERR check_callback(struct isam_session *sess, const char *szCallback)
{
    JET_CALLBACK pfn;
    if (!isam_persisted_callbacks_enabled(sess)) return JET_errSuccess;
    return isam_callback_resolve(szCallback, &pfn);
}

/* Internal or newer bits the SDK header may lack. */
#define DDL_bitColumnEncrypted              0x00040000u
#define DDL_bitSpaceHintsUtilizeExactExtents 0x00000200u
#define DDL_bitIndexDeferredPopulateCreate  0x00400000u
#define DDL_bitIndexOptionallyUnique        0x00800000u
#define DDL_bitTableCreateSystemTable       0x80000000u
#define DDL_coltypSLV                       13u
#define DDL_coltypMax                       19u

#define DDL_DENSITY_DEFAULT     80u     /* ulFILEDefaultDensity */
#define DDL_DENSITY_LEAST       20u
#define DDL_DENSITY_MOST        100u
#define DDL_CB_SECONDARY_EXTENT_MOST (100u * 1024u * 1024u)
#define DDL_LCMAP_SORTKEY       0x00000400u
#define DDL_LCMAP_UPPERCASE     0x00000200u

/* ---- names ------------------------------------------------------------------------------------- */

/* ESE's rgbValidName: control characters, '!', '.', '[' and ']' are refused. */
static bool name_char_invalid(uint8_t ch)
{
    return ch < 0x20 || ch == '!' || ch == '.' || ch == '[' || ch == ']';
}

JET_ERR isam_name_check(const char *szName, char *sz)
{
    size_t cch = 0, cchSig = 0;
    if (!szName || szName[0] == ' ') return ERR_TRAP(JET_errInvalidName);
    for (; cch < JET_cbNameMost && szName[cch]; cch++) {
        const uint8_t ch = (uint8_t)szName[cch];
        if (ch < 0x80 && name_char_invalid(ch)) return ERR_TRAP(JET_errInvalidName);
        sz[cch] = (char)ch;
        if (ch != ' ') cchSig = cch + 1;
    }
    if (cch == JET_cbNameMost && szName[JET_cbNameMost]) return ERR_TRAP(JET_errInvalidName);
    if (cchSig == 0) return ERR_TRAP(JET_errInvalidName);
    sz[cchSig] = 0;
    return JET_errSuccess;
}

int isam_name_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'a' && ca <= 'z') ca -= 'a' - 'A';
        if (cb >= 'a' && cb <= 'z') cb -= 'a' - 'A';
        if (ca != cb || !ca) return ca - cb;
    }
}

/* ---- the call's transaction level -------------------------------------------------------------- */

JET_ERR isam_wtrx_begin(struct isam_session *sess)
{
    return isam_trx_begin(sess, 0);
}

JET_ERR isam_wtrx_end(struct isam_session *sess, JET_ERR err)
{
    if (err >= 0) {
        const JET_ERR errCommit = isam_trx_commit(sess, 0);
        if (errCommit >= 0) return err;
        err = errCommit;
        if (sess->trx_level == 0) return err;   /* the commit record may be out: nothing to undo */
    }
    const JET_ERR errRollback = isam_trx_rollback(sess, 0);
    if (errRollback < 0) WARN("rolling back a failed call failed too: %ld", (long)errRollback);
    return err;
}

/* ---- objids ------------------------------------------------------------------------------------- */

JET_ERR isam_db_objid_new(struct isam_db *db, uint32_t *pobjid)
{
    JET_ERR err;
    if (!__atomic_load_n(&db->fObjidChecked, __ATOMIC_ACQUIRE)) {
        struct catalog *cat = NULL;
        struct catalog_fdp *rg = NULL;
        uint32_t c = 0, objidMax = 0;
        CALL_R(catalog_open(db->btdb, &cat));
        err = catalog_list_fdps(cat, &rg, &c);
        catalog_close(cat);
        CALL_R(err);
        for (uint32_t i = 0; i < c; i++)
            objidMax = MAX(objidMax, rg[i].objid);
        mem_free(rg);
        uint32_t cur = __atomic_load_n(&db->objidLast, __ATOMIC_ACQUIRE);
        while (cur < objidMax &&
               !__atomic_compare_exchange_n(&db->objidLast, &cur, objidMax, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            ;
        __atomic_store_n(&db->fObjidChecked, true, __ATOMIC_RELEASE);
    }
    const uint32_t objid = __atomic_add_fetch(&db->objidLast, 1, __ATOMIC_ACQ_REL);
    if (objid == 0 || objid >= 0x7FFFFFFFu) return ERR_TRAP(JET_errOutOfObjectIDs);
    *pobjid = objid;
    return JET_errSuccess;
}

/* ---- shared with isam_ddl_alter.c -------------------------------------------------------------- */

JET_ERR isam_ddl_db(struct isam_session *sess, JET_DBID dbid, struct isam_db **ppdb)
{
    struct isam_instance *inst = sess->inst;
    JET_ERR err = JET_errSuccess;
    os_mutex_lock(&inst->db_lock);
    struct isam_db *db = dbid < ISAM_DB_SLOTS ? isam_db_get(inst, dbid) : NULL;
    if (!db || !sess->cdbOpen[dbid]) err = ERR_TRAP(JET_errInvalidDatabaseId);
    else if (db->fReadOnly) err = ERR_TRAP(JET_errPermissionDenied);
    os_mutex_unlock(&inst->db_lock);
    *ppdb = err < 0 ? NULL : db;
    return err;
}

static isam_table_users_fn g_pfnUsers;
static isam_table_changed_fn g_pfnChanged;
void isam_set_table_users_fn(isam_table_users_fn pfn) { __atomic_store_n(&g_pfnUsers, pfn, __ATOMIC_RELEASE); }
void isam_set_table_changed_fn(isam_table_changed_fn pfn) { __atomic_store_n(&g_pfnChanged, pfn, __ATOMIC_RELEASE); }

uint32_t isam_ddl_table_users(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable, bool *pfBySess)
{
    isam_table_users_fn pfn = __atomic_load_n(&g_pfnUsers, __ATOMIC_ACQUIRE);
    *pfBySess = false;
    return pfn ? pfn(sess, dbid, objidTable, pfBySess) : 0;
}

void isam_ddl_table_changed(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable, bool fDropped)
{
    isam_table_changed_fn pfn = __atomic_load_n(&g_pfnChanged, __ATOMIC_ACQUIRE);
    isam_tstate_forget(isam_db_get(sess->inst, dbid), objidTable);
    if (pfn) pfn(sess, dbid, objidTable, fDropped);
    isam_trx_ddl_changed(sess, dbid, objidTable);
}

void isam_ddl_table_settled(struct isam_session *sess, JET_DBID dbid, uint32_t objidTable)
{
    isam_table_changed_fn pfn = __atomic_load_n(&g_pfnChanged, __ATOMIC_ACQUIRE);
    if (pfn) pfn(sess, dbid, objidTable, false);
}

/* ---- space hints (ErrCATCheckJetSpaceHints, ErrFILECreateTableProcessSpaceHints) --------------- */

static uint32_t cpg_enclosing(uint32_t cbPage, uint32_t cb)
{
    return cb / cbPage + (cb % cbPage ? 1 : 0);
}

/* CpgSPIGetNextAlloc for the growth check. */
static uint32_t sph_next_alloc(uint32_t cpgMin, uint32_t cpgMax, uint32_t pctGrowth, uint32_t cpgPrev)
{
    if (cpgMax && cpgMin == cpgMax) return cpgMax;
    uint32_t cpg = cpgPrev;
    if (pctGrowth) cpg = MAX(cpgPrev + 1, (uint32_t)(((uint64_t)cpgPrev * pctGrowth) / 100));
    if (cpgMin && cpg < cpgMin) cpg = cpgMin;
    if (cpgMax && cpg > cpgMax) cpg = cpgMax;
    return cpg;
}

JET_ERR isam_ddl_check_space_hints(uint32_t cbPage, JET_SPACEHINTS *p, bool fCorrect)
{
    if (!p || p->cbStruct != sizeof *p) return ERR_TRAP(JET_errInvalidParameter);
    ESENT_ULONG *rgpcb[3] = { &p->cbInitial, &p->cbMinExtent, &p->cbMaxExtent };
    for (unsigned i = 0; i < 3; i++) {
        const uint64_t cbRound = (uint64_t)cpg_enclosing(cbPage, *rgpcb[i]) * cbPage;
        if (cbRound != *rgpcb[i]) {
            if (!fCorrect || cbRound > UINT32_MAX) return ERR_TRAP(JET_errSpaceHintsInvalid);
            *rgpcb[i] = (ESENT_ULONG)cbRound;
        }
    }
    if (p->cbInitial == cbPage && fCorrect) p->cbInitial = 0;
    if (p->ulInitialDensity == 0) {
        if (!fCorrect) return ERR_TRAP(JET_errSpaceHintsInvalid);
        p->ulInitialDensity = DDL_DENSITY_DEFAULT;
    }
    if (p->ulInitialDensity < DDL_DENSITY_LEAST || p->ulInitialDensity > DDL_DENSITY_MOST)
        return ERR_TRAP(JET_errDensityInvalid);
    if (p->ulMaintDensity != 0 && (p->ulMaintDensity < DDL_DENSITY_LEAST || p->ulMaintDensity > DDL_DENSITY_MOST))
        return ERR_TRAP(JET_errDensityInvalid);
    const uint32_t grbitKnown = JET_bitSpaceHintsUtilizeParentSpace | JET_bitCreateHintAppendSequential
        | JET_bitCreateHintHotpointSequential | JET_bitRetrieveHintReserve1 | JET_bitRetrieveHintTableScanForward
        | JET_bitRetrieveHintTableScanBackward | JET_bitRetrieveHintReserve2 | JET_bitRetrieveHintReserve3
        | JET_bitDeleteHintTableSequential | DDL_bitSpaceHintsUtilizeExactExtents;
    if (p->grbit & ~grbitKnown) return ERR_TRAP(JET_errInvalidGrbit);
    if ((p->grbit & JET_bitRetrieveHintTableScanForward) && (p->grbit & JET_bitRetrieveHintTableScanBackward))
        return ERR_TRAP(JET_errSpaceHintsInvalid);
    /* The FCB keeps the maintenance density in a byte and the growth in a word. */
    if ((p->ulGrowth != 0 && p->ulGrowth < 100) || p->ulGrowth >= 500u * 100u)
        return ERR_TRAP(JET_errSpaceHintsInvalid);
    if (p->cbMinExtent >= DDL_CB_SECONDARY_EXTENT_MOST || p->cbMaxExtent >= DDL_CB_SECONDARY_EXTENT_MOST
            || p->cbMinExtent > p->cbMaxExtent)
        return ERR_TRAP(JET_errSpaceHintsInvalid);
    const uint32_t cpgMin = p->cbMinExtent / cbPage, cpgMax = p->cbMaxExtent / cbPage;
    const uint32_t cpgInitial = p->cbInitial ? p->cbInitial / cbPage : 1;
    if (cpgMin != cpgMax && cpgMax != sph_next_alloc(cpgMin, cpgMax, p->ulGrowth, cpgInitial)
            && cpgMin == sph_next_alloc(cpgMin, cpgMax, p->ulGrowth, cpgMin))
        return ERR_TRAP(JET_errSpaceHintsInvalid);
    return JET_errSuccess;
}

static uint32_t cpg_initial(const JET_SPACEHINTS *p, uint32_t cbPage)
{
    return p->cbInitial / cbPage ? p->cbInitial / cbPage : 1;
}

static JET_INDEXCREATE3_A *index_next(JET_INDEXCREATE3_A *p)
{
    return (JET_INDEXCREATE3_A *)((uint8_t *)p + p->cbStruct);
}

/* The primary tree's hints and the table's initial size (ErrFILECreateTableProcessSpaceHints). */
static JET_ERR table_space_hints(uint32_t cbPage, const JET_TABLECREATE4_A *ptc, JET_SPACEHINTS *pjsph)
{
    JET_ERR err;
    uint32_t cpgTotal = 0;
    JET_INDEXCREATE3_A *pic = ptc->rgindexcreate, *picPrimary = NULL;
    static const JET_SPACEHINTS jsphDefault = { sizeof(JET_SPACEHINTS), DDL_DENSITY_DEFAULT, 0, 0, 0, 0, 0, 0 };

    for (uint32_t i = 0; i < ptc->cIndexes && pic; i++, pic = index_next(pic)) {
        if (pic->cbStruct != sizeof *pic) return ERR_TRAP(JET_errInvalidCreateIndex);
        if (pic->pSpacehints) {
            JET_SPACEHINTS t = *pic->pSpacehints;
            CALL_R(isam_ddl_check_space_hints(cbPage, &t, true));
            cpgTotal += cpg_initial(&t, cbPage);
        } else {
            cpgTotal++;
        }
        if (pic->grbit & JET_bitIndexPrimary) picPrimary = pic;
    }
    if (picPrimary && ptc->pSeqSpacehints) return ERR_TRAP(JET_errSpaceHintsInvalid);
    if (picPrimary) {
        if (picPrimary->pSpacehints) {
            *pjsph = *picPrimary->pSpacehints;
            CALL_R(isam_ddl_check_space_hints(cbPage, pjsph, true));
        } else {
            *pjsph = jsphDefault;
            pjsph->ulInitialDensity = picPrimary->ulDensity ? picPrimary->ulDensity
                                      : ptc->ulDensity ? ptc->ulDensity : DDL_DENSITY_DEFAULT;
            CALL_R(isam_ddl_check_space_hints(cbPage, pjsph, false));
        }
    } else if (ptc->pSeqSpacehints) {
        *pjsph = *ptc->pSeqSpacehints;
        CALL_R(isam_ddl_check_space_hints(cbPage, pjsph, true));
        cpgTotal += cpg_initial(pjsph, cbPage);
    } else {
        *pjsph = jsphDefault;
        pjsph->ulInitialDensity = ptc->ulDensity ? ptc->ulDensity : DDL_DENSITY_DEFAULT;
        CALL_R(isam_ddl_check_space_hints(cbPage, pjsph, false));
        cpgTotal += cpg_initial(pjsph, cbPage);
    }
    if (ptc->pLVSpacehints) {
        JET_SPACEHINTS t = *ptc->pLVSpacehints;
        CALL_R(isam_ddl_check_space_hints(cbPage, &t, true));
    }
    if (ptc->ulPages > cpgTotal) cpgTotal = ptc->ulPages;
    if ((uint64_t)cpgTotal * cbPage > pjsph->cbInitial) {
        if ((uint64_t)cpgTotal * cbPage > UINT32_MAX) return ERR_TRAP(JET_errInvalidParameter);
        pjsph->cbInitial = cpgTotal * cbPage;
    }
    if (pjsph->cbInitial == cbPage) pjsph->cbInitial = 0;
    return JET_errSuccess;
}

void isam_ddl_hints_to_cat(const JET_SPACEHINTS *p, struct rec_cat_spacehints *ph)
{
    ph->ulInitialDensity = p->ulInitialDensity;
    ph->cbInitial = p->cbInitial;
    ph->grbit = p->grbit;
    ph->ulMaintDensity = p->ulMaintDensity;
    ph->ulGrowth = p->ulGrowth;
    ph->cbMinExtent = p->cbMinExtent;
    ph->cbMaxExtent = p->cbMaxExtent;
}

/* A new FDP: single extent as ESE's ErrSPCreate makes it (ours cannot describe more than 33 pages
 * that way: larger trees get multiple extent, see README). */
JET_ERR isam_ddl_new_fdp(struct isam_session *sess, struct isam_db *db, uint32_t pgnoParent, uint32_t cpg,
        uint32_t objid, uint32_t fTypeFlags, uint32_t *ppgnoFDP)
{
    const bool fMultiple = cpg > SPACE_CPG_SINGLE_MAX;
    return isam_node_create_fdp(sess, db, pgnoParent, cpg, objid, fTypeFlags, fMultiple, ppgnoFDP);
}

/* ---- columns (ErrFILEIValidateAddColumn) ------------------------------------------------------- */

static bool coltyp_fixed_length(uint32_t coltyp)
{
    switch (coltyp) {
    case JET_coltypBit: case JET_coltypUnsignedByte: case JET_coltypShort: case JET_coltypUnsignedShort:
    case JET_coltypLong: case JET_coltypUnsignedLong: case JET_coltypLongLong: case JET_coltypUnsignedLongLong:
    case JET_coltypCurrency: case JET_coltypIEEESingle: case JET_coltypIEEEDouble: case JET_coltypDateTime:
    case JET_coltypGUID:
        return true;
    default:
        return false;
    }
}

/* UlCATColumnSize. */
static uint32_t column_size(uint32_t coltyp, uint32_t cbMax, bool *pfTruncated)
{
    *pfTruncated = false;
    if (coltyp == JET_coltypBinary || coltyp == JET_coltypText) {
        if (cbMax == 0) return JET_cbColumnMost;
        if (cbMax > JET_cbColumnMost) {
            *pfTruncated = true;
            return JET_cbColumnMost;
        }
        return cbMax;
    }
    if (rec_coltyp_is_long(coltyp)) return cbMax;
    return rec_coltyp_fixed_size(coltyp, cbMax);
}

JET_ERR isam_ddl_validate_column(const char *szName, char *szColumn, uint32_t coltyp, uint32_t cbMax, JET_GRBIT grbit,
        const void *pvDefault, uint32_t cbDefault, uint32_t cp, bool fExclusive, const struct catalog_table *ptTemplate,
        struct rec_cat_column *pc)
{
    JET_ERR err;
    const bool fDefault = pvDefault && cbDefault > 0;
    uint32_t fFlags = 0;

    memset(pc, 0, sizeof *pc);
    if (cbMax > JET_cbLVColumnMost) return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(isam_name_check(szName, szColumn));
    if (ptTemplate && catalog_table_column(ptTemplate, szColumn)) return ERR_TRAP(JET_errColumnDuplicate);
    if (coltyp == 0 || coltyp >= DDL_coltypMax || coltyp == DDL_coltypSLV) return ERR_TRAP(JET_errInvalidColumnType);
    if (rec_coltyp_is_text(coltyp)) {
        if (cp == 0) cp = REC_CP_ANSI;
        else if (cp != REC_CP_ANSI && cp != REC_CP_UNICODE) return ERR_TRAP(JET_errInvalidCodePage);
    } else {
        cp = 0;
    }
    if ((grbit & JET_bitColumnCompressed) && !rec_coltyp_is_long(coltyp)) return ERR_TRAP(JET_errColumnCannotBeCompressed);
    if (grbit & DDL_bitColumnEncrypted) {
        if (!rec_coltyp_is_long(coltyp) || (grbit & JET_bitColumnMultiValued) || fDefault)
            return ERR_TRAP(JET_errColumnCannotBeEncrypted);
        FIXME("encrypted columns (JET_bitColumnEncrypted) are not supported");
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    if ((grbit & JET_bitColumnTagged) || rec_coltyp_is_long(coltyp)) {
        if (grbit & JET_bitColumnFixed) return ERR_TRAP(JET_errInvalidGrbit);
    } else if (grbit & JET_bitColumnMultiValued) {
        return ERR_TRAP(JET_errMultiValuedColumnMustBeTagged);
    }

    if (grbit & JET_bitColumnEscrowUpdate) {
        if (coltyp != JET_coltypLong && coltyp != JET_coltypLongLong) return ERR_TRAP(JET_errInvalidGrbit);
        if (grbit & JET_bitColumnTagged) return ERR_TRAP(JET_errCannotBeTagged);
        if (grbit & (JET_bitColumnVersion | JET_bitColumnAutoincrement)) return ERR_TRAP(JET_errInvalidGrbit);
        if (!fDefault) return ERR_TRAP(JET_errInvalidGrbit);
        if (!fExclusive) return ERR_TRAP(JET_errExclusiveTableLockRequired);
        /* 64-bit escrow columns came with format 1568.60 (JET_efvEscrow64); our databases are
         * 1568.20, as Windows 10's ESENT writes them. */
        if (coltyp == JET_coltypLongLong) return ERR_TRAP(JET_errEngineFormatVersionParamTooLowForRequestedFeature);
        if ((grbit & JET_bitColumnFinalize) && (grbit & JET_bitColumnDeleteOnZero)) return ERR_TRAP(JET_errInvalidGrbit);
        fFlags |= REC_FIELD_ESCROW_UPDATE;
        if (grbit & JET_bitColumnFinalize) fFlags |= REC_FIELD_FINALIZE;
        if (grbit & JET_bitColumnDeleteOnZero) fFlags |= REC_FIELD_DELETE_ON_ZERO;
    } else if (grbit & (JET_bitColumnFinalize | JET_bitColumnDeleteOnZero)) {
        return ERR_TRAP(JET_errInvalidGrbit);
    } else if (grbit & (JET_bitColumnVersion | JET_bitColumnAutoincrement)) {
        if (grbit & JET_bitColumnAutoincrement) {
            if (coltyp != JET_coltypLong && coltyp != JET_coltypLongLong && coltyp != JET_coltypUnsignedLongLong
                    && coltyp != JET_coltypCurrency)
                return ERR_TRAP(JET_errInvalidGrbit);
        } else if (coltyp != JET_coltypLong) {
            return ERR_TRAP(JET_errInvalidGrbit);
        }
        if (grbit & JET_bitColumnTagged) return ERR_TRAP(JET_errCannotBeTagged);
        if (grbit & JET_bitColumnVersion) {
            if (grbit & (JET_bitColumnAutoincrement | JET_bitColumnEscrowUpdate)) return ERR_TRAP(JET_errInvalidGrbit);
            fFlags |= REC_FIELD_VERSION;
        } else {
            if (!fExclusive) return ERR_TRAP(JET_errExclusiveTableLockRequired);
            fFlags |= REC_FIELD_AUTOINCREMENT;
        }
    }

    if (grbit & JET_bitColumnUserDefinedDefault) {
        if (grbit & (JET_bitColumnFixed | JET_bitColumnNotNULL | JET_bitColumnVersion | JET_bitColumnAutoincrement
                     | JET_bitColumnUpdatable | JET_bitColumnEscrowUpdate | JET_bitColumnFinalize
                     | JET_bitColumnDeleteOnZero | JET_bitColumnMaybeNull))
            return ERR_TRAP(JET_errInvalidGrbit);
        if (!(grbit & JET_bitColumnTagged) && !rec_coltyp_is_long(coltyp)) return ERR_TRAP(JET_errInvalidGrbit);
        if (cbDefault != sizeof(JET_USERDEFINEDDEFAULT_A)) return ERR_TRAP(JET_errInvalidParameter);
        fFlags |= REC_FIELD_USER_DEFINED_DEFAULT;
    }
    if (grbit & JET_bitColumnNotNULL) fFlags |= REC_FIELD_NOT_NULL;
    if (grbit & JET_bitColumnMultiValued) fFlags |= REC_FIELD_MULTIVALUED;
    if (grbit & JET_bitColumnCompressed) fFlags |= REC_FIELD_COMPRESSED;

    bool fTruncated;
    pc->cbMax = column_size(coltyp, cbMax, &fTruncated);
    if (fDefault) {
        fFlags |= REC_FIELD_DEFAULT;
        if (!(fFlags & REC_FIELD_USER_DEFINED_DEFAULT) && pc->cbMax && pc->cbMax < cbDefault)
            return ERR_TRAP(JET_errDefaultValueTooBig);
    }
    memcpy(pc->szName, szColumn, strlen(szColumn) + 1);
    pc->coltyp = coltyp;
    pc->cp = cp;
    pc->fFlags = fFlags;
    return fTruncated ? JET_wrnColumnMaxTruncated : JET_errSuccess;
}

/* The next fid of a column kind (ErrFILEGetNextColumnid). */
JET_ERR isam_ddl_next_fid(uint32_t coltyp, JET_GRBIT grbit, struct isam_fid_last *pfl, uint16_t *pfid)
{
    if ((grbit & JET_bitColumnTagged) || rec_coltyp_is_long(coltyp)) {
        if (pfl->fidTagged >= REC_FID_TAGGED_LAST) return ERR_TRAP(JET_errTooManyColumns);
        *pfid = (uint16_t)++pfl->fidTagged;
    } else if ((grbit & JET_bitColumnFixed) || coltyp_fixed_length(coltyp)) {
        if (pfl->fidFixed >= REC_FID_FIXED_LAST) return ERR_TRAP(JET_errTooManyColumns);
        *pfid = (uint16_t)++pfl->fidFixed;
    } else {
        if (pfl->fidVar >= REC_FID_VAR_LAST) return ERR_TRAP(JET_errTooManyColumns);
        *pfid = (uint16_t)++pfl->fidVar;
    }
    return JET_errSuccess;
}

void isam_ddl_fid_last(const struct catalog_table *pt, struct isam_fid_last *pfl)
{
    pfl->fidFixed = REC_FID_FIXED_FIRST - 1;
    pfl->fidVar = REC_FID_VAR_FIRST - 1;
    pfl->fidTagged = REC_FID_TAGGED_FIRST - 1;
    pfl->ibEndFixed = REC_IB_FIXED_FIRST;
    if (!pt) return;
    for (uint32_t i = 0; i < pt->creccol; i++) {
        const struct rec_column *pc = &pt->rgreccol[i];
        /* A derived table's own tagged columns have a fid space of their own. */
        if (pc->fTemplate && rec_fid_is_tagged(pc->fid) && !(pt->table.fFlags & REC_CAT_TABLE_TEMPLATE)) continue;
        if (rec_fid_is_fixed(pc->fid)) {
            pfl->fidFixed = MAX(pfl->fidFixed, pc->fid);
            pfl->ibEndFixed = MAX(pfl->ibEndFixed, (uint32_t)pc->ibRecordOffset + rec_coltyp_fixed_size(pc->coltyp, pc->cbMax));
        } else if (rec_fid_is_var(pc->fid)) {
            pfl->fidVar = MAX(pfl->fidVar, pc->fid);
        } else {
            pfl->fidTagged = MAX(pfl->fidTagged, pc->fid);
        }
    }
}

/* ---- indexes (ErrFILEIValidateCreateIndex) ----------------------------------------------------- */

/* An LCID as its locale name (ESE's ErrNORMLcidToLocale): the invariant locale 0x7F is "";
 * JET_errInvalidLanguageId for an LCID Windows has no name for. wsz holds 86 characters. */
JET_ERR isam_locale_name_of_lcid(uint32_t lcid, ESENT_WCHAR *wsz)
{
    JET_ERR err = os_lcid_to_locale_name(lcid, wsz, 86);
    return err == JET_errBufferTooSmall ? ERR_TRAP(JET_errInvalidLanguageId) : err;
}

static bool wsz_eq(const ESENT_WCHAR *a, const ESENT_WCHAR *b)
{
    for (; *a && *a == *b; a++, b++)
        ;
    return *a == *b;
}

/* ErrNORMCheckLCMapFlags with LCMAP_SORTKEY added unless LCMAP_UPPERCASE alone. */
static JET_ERR lcmap_flags_check(uint32_t *pdw)
{
    const uint32_t dwValid = 0x00000800u | 0x1u | 0x2u | 0x4u | 0x10u | 0x20u | 0x8u | 0x00010000u | 0x00020000u
                             | 0x08000000u | 0x00001000u;
    if (*pdw == DDL_LCMAP_UPPERCASE)
        return ERR_TRAP(JET_errEngineFormatVersionParamTooLowForRequestedFeature);
    *pdw |= DDL_LCMAP_SORTKEY;
    if ((*pdw & ~dwValid) != DDL_LCMAP_SORTKEY) return ERR_TRAP(JET_errInvalidLCMapStringFlags);
    return JET_errSuccess;
}

JET_ERR isam_ddl_validate_index(struct isam_session *sess, uint32_t cbPage, const JET_INDEXCREATE3_A *pic,
        const JET_SPACEHINTS *pjsph, struct isam_idx_def *pd)
{
    JET_ERR err;
    struct rec_cat_index *pi = &pd->ci;
    const JET_GRBIT grbit = pic->grbit;
    const bool fConditional = pic->cConditionalColumn > 0;
    const bool fPrimary = grbit & JET_bitIndexPrimary;
    const bool fUnique = grbit & (JET_bitIndexUnique | JET_bitIndexPrimary);
    const bool fDisallowNull = grbit & JET_bitIndexDisallowNull;
    const bool fIgnoreNull = grbit & JET_bitIndexIgnoreNull;
    const bool fIgnoreAnyNull = grbit & JET_bitIndexIgnoreAnyNull;
    const bool fIgnoreFirstNull = grbit & JET_bitIndexIgnoreFirstNull;
    const bool fCustomTuples = grbit & JET_bitIndexTupleLimits;
    const bool fTuples = (grbit & JET_bitIndexTuples) || fCustomTuples;
    const bool fCrossProduct = grbit & JET_bitIndexCrossProduct;
    const bool fNestedTable = grbit & JET_bitIndexNestedTable;
    struct param_store *ps = &sess->inst->params;
    uint32_t cbKeyMost, cbVarSegMac;

    memset(pd, 0, sizeof *pd);
    pd->jsph = *pjsph;
    CALL_R(isam_name_check(pic->szIndexName, pi->szName));
    if (grbit & DDL_bitIndexOptionallyUnique) return ERR_TRAP(JET_errEngineFormatVersionParamTooLowForRequestedFeature);
    if (grbit & DDL_bitIndexDeferredPopulateCreate) {
        FIXME("deferred-populate indexes are not supported");
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    if (grbit & JET_bitIndexKeyMost) {
        if (pic->cbKeyMost < JET_cbKeyMostMin || pic->cbKeyMost > (uint32_t)param_num(ps, JET_paramKeyMost))
            return ERR_TRAP(JET_errIndexInvalidDef);
        cbKeyMost = pic->cbKeyMost;
    } else {
        cbKeyMost = REC_CB_KEY_MOST_OLD;
    }
    cbVarSegMac = (fCustomTuples || pic->cbVarSegMac == 0) ? cbKeyMost : pic->cbVarSegMac;

    if (fPrimary && (fIgnoreNull || fIgnoreAnyNull || fIgnoreFirstNull)) return ERR_TRAP(JET_errInvalidGrbit);
    if (fCrossProduct && fNestedTable) return ERR_TRAP(JET_errInvalidGrbit);
    if (fPrimary && fConditional) return ERR_TRAP(JET_errIndexInvalidDef);
    if ((grbit & JET_bitIndexEmpty) && !fIgnoreAnyNull) return ERR_TRAP(JET_errInvalidGrbit);
    if (fCustomTuples && !pic->ptuplelimits) return ERR_TRAP(JET_errIndexInvalidDef);

    /* Locale: the caller's (JET_bitIndexUnicode), else the instance's default. */
    ESENT_WCHAR wszDefault[86];
    CALL_R(isam_locale_name_of_lcid(ps->unicode_lcid, wszDefault));
    const uint32_t dwFlagsDefault = ps->unicode_map_flags;
    uint32_t dwLCMapFlags = dwFlagsDefault;
    ESENT_WCHAR *wszLocale = pi->wszLocaleName;
    memcpy(wszLocale, wszDefault, sizeof wszDefault);
    if (grbit & JET_bitIndexUnicode) {
        if (!pic->pidxunicode) return ERR_TRAP(JET_errIndexInvalidDef);
        if (pic->pidxunicode->szLocaleName) {
            uint32_t cch = 0;
            while (cch < 85 && pic->pidxunicode->szLocaleName[cch]) cch++;
            if (pic->pidxunicode->szLocaleName[cch]) return ERR_TRAP(JET_errInvalidLanguageId);
            memcpy(wszLocale, pic->pidxunicode->szLocaleName, (cch + 1) * sizeof(ESENT_WCHAR));
        }
        if (pic->pidxunicode->dwMapFlags) dwLCMapFlags = pic->pidxunicode->dwMapFlags;
    }

    /* The key string: "+col\0-col\0...\0\0", every segment prefixed by '+' or '-' (the first one
     * must be, ESE allows the others without). */
    const char *szKey = pic->szKey;
    const uint32_t cchKey = pic->cbKey;
    if (cchKey == 0 || !szKey) return ERR_TRAP(JET_errInvalidParameter);
    if ((szKey[0] != '+' && szKey[0] != '-') || cchKey < 2 || szKey[cchKey - 1] || szKey[cchKey - 2])
        return ERR_TRAP(JET_errIndexInvalidDef);
    CALL_R(isam_ddl_check_space_hints(cbPage, &pd->jsph, true));
    const char *pch = szKey;
    while (*pch) {
        if (pd->cseg >= REC_CCOL_KEY_MOST) return ERR_TRAP(JET_errIndexInvalidDef);
        bool fDesc = false;
        if (*pch == '-') {
            fDesc = true;
            pch++;
        } else if (*pch == '+') {
            pch++;
        }
        pd->rgszCol[pd->cseg] = pch;
        pd->rgfDesc[pd->cseg++] = fDesc;
        pch += strlen(pch) + 1;
    }
    if (pd->cseg == 0) return ERR_TRAP(JET_errIndexInvalidDef);
    pch++;
    if ((uint32_t)(pch - szKey) < cchKey) return ERR_TRAP(JET_errIndexInvalidDef);   /* locale suffix */
    if (cbVarSegMac == 0 || cbVarSegMac > cbKeyMost) return ERR_TRAP(JET_errIndexInvalidDef);

    uint16_t fidb = 0, fidx = REC_IDX_EXTENDED_COLUMNS;
    if (grbit & JET_bitIndexUnicode) {
        /* ErrNORMCheckLocaleName: what our sort keys (invariant and English). */
        struct os_sort_locale loc = { wszLocale, 0, NULL, 0 };
        uint32_t dwNls, dwDef;
        uint8_t rgbSort[16];
        if (os_sort_version(&loc, &dwNls, &dwDef, rgbSort) < 0) return ERR_TRAP(JET_errInvalidLanguageId);
        CALL_R(lcmap_flags_check(&dwLCMapFlags));
        fidb |= REC_IDB_LOCALE_SET;
    } else {
        if (lcmap_flags_check(&dwLCMapFlags) < 0) dwLCMapFlags = dwFlagsDefault | DDL_LCMAP_SORTKEY;
        if (!wsz_eq(wszLocale, wszDefault)) fidb |= REC_IDB_LOCALE_SET;
    }

    if (fTuples) {
        if (fPrimary) return ERR_TRAP(JET_errIndexTuplesSecondaryIndexOnly);
        if (fUnique) return ERR_TRAP(JET_errIndexTuplesNonUniqueOnly);
        if (cbVarSegMac < cbKeyMost) return ERR_TRAP(JET_errIndexTuplesVarSegMacNotAllowed);
        cbVarSegMac = cbKeyMost;
        const JET_TUPLELIMITS *ptl = pic->ptuplelimits;
        const uint32_t chMin = fCustomTuples ? ptl->chLengthMin : (uint32_t)param_num(ps, JET_paramIndexTuplesLengthMin);
        const uint32_t chMax = fCustomTuples ? ptl->chLengthMax : (uint32_t)param_num(ps, JET_paramIndexTuplesLengthMax);
        const uint32_t chToIndexMax = fCustomTuples ? ptl->chToIndexMax : (uint32_t)param_num(ps, JET_paramIndexTuplesToIndexMax);
        const uint32_t cchIncrement = fCustomTuples ? ptl->cchIncrement : (uint32_t)param_num(ps, JET_paramIndexTupleIncrement);
        const uint32_t ichStart = fCustomTuples ? ptl->ichStart : (uint32_t)param_num(ps, JET_paramIndexTupleStart);
        if (chMin > 0xFFFF || chMax > 0xFFFF || chToIndexMax > 0xFFFF || cchIncrement > 0xFFFF
                || (ichStart > 0xFFFF && ichStart != 0xFFFFFFFFu))
            return ERR_TRAP(JET_errIndexTuplesInvalidLimits);
        pi->fTuples = true;
        pi->cbTupleLimits = 20;
        pi->rgulTuple[0] = chMin ? chMin : 3;
        pi->rgulTuple[1] = chMax ? chMax : 10;
        pi->rgulTuple[2] = chToIndexMax ? chToIndexMax : 0x7FFF;
        pi->rgulTuple[3] = cchIncrement ? cchIncrement : 1;
        pi->rgulTuple[4] = ichStart != 0xFFFFFFFFu ? (ichStart & 0xFFFF) : 0;
        if (pi->rgulTuple[0] < 2 || pi->rgulTuple[0] > 255 || pi->rgulTuple[1] < 2 || pi->rgulTuple[1] > 255
                || pi->rgulTuple[0] > pi->rgulTuple[1] || pi->rgulTuple[2] > 0x7FFF)
            return ERR_TRAP(JET_errIndexTuplesInvalidLimits);
    }

    if (!fDisallowNull && !fIgnoreAnyNull) {
        fidb |= REC_IDB_ALLOW_SOME_NULLS;
        if (!fIgnoreFirstNull) {
            fidb |= REC_IDB_ALLOW_FIRST_NULL;
            if (!fIgnoreNull) fidb |= REC_IDB_ALLOW_ALL_NULLS;
        }
    }
    if (fUnique) fidb |= REC_IDB_UNIQUE;
    if (fPrimary) fidb |= REC_IDB_PRIMARY;
    if (fDisallowNull) fidb |= REC_IDB_NO_NULL_SEG;
    else if (grbit & JET_bitIndexSortNullsHigh) fidb |= REC_IDB_SORT_NULLS_HIGH;
    if (fCrossProduct) fidb |= REC_IDB_CROSS_PRODUCT;
    else if (fNestedTable) fidb |= REC_IDB_NESTED_TABLE;
    if (grbit & JET_bitIndexDisallowTruncation) fidb |= REC_IDB_DISALLOW_TRUNCATION;
    if (grbit & JET_bitIndexDotNetGuid) fidx |= REC_IDX_DOTNET_GUID;

    pi->fidb = fidb;
    pi->fidx = fidx;
    pi->cbKeyMost = cbKeyMost;
    pi->fKeyMost = cbKeyMost != REC_CB_KEY_MOST_OLD;
    pi->cbVarSegMac = cbVarSegMac;
    pi->fVarSegMac = cbVarSegMac != cbKeyMost;
    pi->dwLCMapFlags = dwLCMapFlags;
    pi->fLCMapFlags = true;
    pi->fLocaleName = wszLocale[0] != 0;
    pi->lcid = 0;
    pi->ulDensity = pd->jsph.ulInitialDensity;
    isam_ddl_hints_to_cat(&pd->jsph, &pi->hints);
    pi->hints.ulInitialDensity = pd->jsph.ulInitialDensity;
    pi->fHints = true;
    return JET_errSuccess;
}

/* Resolve the key and conditional columns through fn (which gives a column's definition and
 * whether it is the template's), apply the column rules, and for Unicode text record the sort
 * version and count the locale in MSysLocales. */
JET_ERR isam_ddl_resolve_index(struct catw *pw, struct isam_idx_def *pd, const JET_INDEXCREATE3_A *pic,
        isam_ddl_column_fn fn, void *pvCtx)
{
    JET_ERR err;
    struct rec_cat_index *pi = &pd->ci;
    const bool fPrimary = pi->fidb & REC_IDB_PRIMARY;
    for (uint32_t i = 0; i < pd->cseg; i++) {
        const struct rec_cat_column *pc;
        bool fTemplate;
        if (!fn(pvCtx, pd->rgszCol[i], &pc, &fTemplate)) return ERR_TRAP(JET_errColumnNotFound);
        if (pc->fFlags & REC_FIELD_ENCRYPTED) return ERR_TRAP(JET_errCannotIndexOnEncryptedColumn);
        if (pc->fFlags & REC_FIELD_ESCROW_UPDATE) return ERR_TRAP(JET_errCannotIndex);
        if (pc->fFlags & REC_FIELD_MULTIVALUED) {
            if (fPrimary) return ERR_TRAP(JET_errIndexInvalidDef);
            pi->fidb |= REC_IDB_MULTIVALUED;
        }
        if ((pic->grbit & JET_bitIndexEmpty) && (pc->fFlags & REC_FIELD_DEFAULT) && pd->fCheckEmptyDefault)
            return ERR_TRAP(JET_errIndexInvalidDef);
        if (i == 0 && pi->fTuples && !rec_coltyp_is_text(pc->coltyp) && !rec_coltyp_is_binary(pc->coltyp))
            return ERR_TRAP(JET_errIndexTuplesTextBinaryColumnsOnly);
        if (rec_coltyp_is_text(pc->coltyp) && pc->cp == REC_CP_UNICODE) pi->fidb |= REC_IDB_LOCALIZED_TEXT;
        pi->rgseg[i].fid = pc->fid;
        pi->rgseg[i].fFlags = (uint8_t)((pd->rgfDesc[i] ? REC_IDXSEG_DESCENDING : 0) | (fTemplate ? REC_IDXSEG_TEMPLATE : 0));
    }
    pi->cseg = pd->cseg;
    if (pic->cConditionalColumn > REC_CCOL_KEY_MOST) return ERR_TRAP(JET_errIndexInvalidDef);
    for (uint32_t i = 0; i < pic->cConditionalColumn; i++) {
        const JET_CONDITIONALCOLUMN_A *pcc = &pic->rgconditionalcolumn[i];
        if (pcc->cbStruct != sizeof *pcc) return ERR_TRAP(JET_errIndexInvalidDef);
        if (pcc->grbit != JET_bitIndexColumnMustBeNonNull && pcc->grbit != JET_bitIndexColumnMustBeNull)
            return ERR_TRAP(JET_errInvalidGrbit);
        const struct rec_cat_column *pc;
        bool fTemplate;
        if (!pcc->szColumnName || !fn(pvCtx, pcc->szColumnName, &pc, &fTemplate)) return ERR_TRAP(JET_errColumnNotFound);
        pi->rgsegConditional[i].fid = pc->fid;
        pi->rgsegConditional[i].fFlags = (uint8_t)((pcc->grbit == JET_bitIndexColumnMustBeNull ? REC_IDXSEG_MUST_BE_NULL : 0)
                                                   | (fTemplate ? REC_IDXSEG_TEMPLATE : 0));
    }
    pi->csegConditional = pic->cConditionalColumn;
    if (pi->fidb & REC_IDB_LOCALIZED_TEXT) {
        struct os_sort_locale loc = { pi->wszLocaleName, 0, NULL, 0 };
        uint32_t dwNls, dwDef;
        CALL_R(os_sort_version(&loc, &dwNls, &dwDef, pi->rgbSortId));
        pi->fVersion = true;
        pi->qwSortVersion = ((uint64_t)dwNls << 32) | dwDef;
        pi->fSortId = true;
        CALL_R(isam_ddl_locale_count(pw, pi));
    }
    return JET_errSuccess;
}

/* ErrCATIAddLocale: "LocaleName=<name>,SortID=<guid>,Ver=<version>" counted in MSysLocales. */
JET_ERR isam_ddl_locale_count(struct catw *pw, const struct rec_cat_index *pi)
{
    char sz[256];
    ESENT_WCHAR wsz[256];
    char szName[86];
    uint32_t i = 0;
    for (; i < 85 && pi->wszLocaleName[i]; i++)
        szName[i] = (char)(pi->wszLocaleName[i] < 0x80 ? pi->wszLocaleName[i] : '?');
    szName[i] = 0;
    const uint8_t *g = pi->rgbSortId;
    /* SORTID is a GUID: Data1..Data3 little-endian, Data4 as bytes. */
    int n = snprintf(sz, sizeof sz, "LocaleName=%s,SortID=%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x,Ver=%llx",
                     szName, (unsigned)get_le32(g), (unsigned)get_le16(g + 4), (unsigned)get_le16(g + 6), g[8], g[9],
                     g[10], g[11], g[12], g[13], g[14], g[15], (unsigned long long)pi->qwSortVersion);
    if (n <= 0 || (size_t)n >= sizeof sz) return ERR_TRAP(JET_errInternalError);
    for (int j = 0; j <= n; j++)
        wsz[j] = (uint8_t)sz[j];
    return catw_locales_adjust(pw, wsz, 1);
}

/* ---- creating a table ------------------------------------------------------------------------- */

struct create_ctx {
    JET_TABLECREATE4_A *ptc;
    const struct catalog_table *ptTemplate;
    struct rec_cat_column *rgcol;       /* the columns created, by index in rgcolumncreate */
};

/* Columns visible to an index of the table being created: its own (by name, as given), then the
 * template's. */
static bool create_column_fn(void *pv, const char *szName, const struct rec_cat_column **ppc, bool *pfTemplate)
{
    struct create_ctx *pcc = pv;
    for (uint32_t i = 0; i < pcc->ptc->cColumns; i++) {
        if (pcc->ptc->rgcolumncreate[i].szColumnName && isam_name_cmp(szName, pcc->ptc->rgcolumncreate[i].szColumnName) == 0) {
            *ppc = &pcc->rgcol[i];
            *pfTemplate = (pcc->ptc->grbit & JET_bitTableCreateTemplateTable) != 0;
            return true;
        }
    }
    if (pcc->ptTemplate) {
        const struct rec_cat_column *pc = catalog_table_column(pcc->ptTemplate, szName);
        if (pc) {
            *ppc = pc;
            *pfTemplate = true;
            return true;
        }
    }
    return false;
}

/* ErrFILEIAddColumns. */
static JET_ERR create_columns(struct isam_session *sess, struct catw *pw, struct create_ctx *pcc, uint32_t objidTable)
{
    JET_ERR err = JET_errSuccess;
    JET_TABLECREATE4_A *ptc = pcc->ptc;
    const bool fTemplateTable = ptc->grbit & JET_bitTableCreateTemplateTable;
    struct isam_fid_last fl;
    JET_COLUMNCREATE_A *pcol = NULL;
    bool fSetError = false;

    if (!ptc->rgcolumncreate) return ERR_TRAP(JET_errInvalidParameter);
    /* The record limit follows the primary key's size (REC::CbRecordMost). */
    uint32_t cbKeyMost = REC_CB_KEY_MOST_OLD;
    JET_INDEXCREATE3_A *pic = ptc->rgindexcreate;
    for (uint32_t i = 0; i < ptc->cIndexes && pic && pic->cbStruct == sizeof *pic; i++, pic = index_next(pic))
        if ((pic->grbit & JET_bitIndexPrimary) && (pic->grbit & JET_bitIndexKeyMost)) cbKeyMost = pic->cbKeyMost;
    const uint32_t cbRecordMost = rec_cb_record_most(pw->cbPage, cbKeyMost);
    isam_ddl_fid_last(pcc->ptTemplate, &fl);
    if (pcc->ptTemplate) fl.fidTagged = REC_FID_TAGGED_FIRST - 1;

    for (uint32_t i = 0; i < ptc->cColumns; i++) {
        pcol = &ptc->rgcolumncreate[i];
        struct rec_cat_column *pc = &pcc->rgcol[i];
        char szColumn[JET_cbNameMost + 1];
        if (pcol->cbStruct != sizeof *pcol) {
            pcol = NULL;
            FAIL(JET_errInvalidParameter);
        }
        fSetError = true;
        err = isam_ddl_validate_column(pcol->szColumnName, szColumn, pcol->coltyp, pcol->cbMax, pcol->grbit,
                                       pcol->pvDefault, pcol->pvDefault ? pcol->cbDefault : 0, pcol->cp, true,
                                       pcc->ptTemplate, pc);
        CALL(err);
        const JET_ERR wrn = err;
        if (((pcol->grbit & JET_bitColumnFixed) || coltyp_fixed_length(pc->coltyp))
                && fl.ibEndFixed + pcol->cbMax > cbRecordMost)
            FAIL(JET_errRecordTooBig);
        uint16_t fid;
        CALL(isam_ddl_next_fid(pc->coltyp, pcol->grbit, &fl, &fid));
        pc->fid = fid;
        pc->objidTable = objidTable;
        if (rec_fid_is_fixed(fid)) {
            pc->fRecordOffset = true;
            pc->ibRecordOffset = (uint16_t)fl.ibEndFixed;
            fl.ibEndFixed += pc->cbMax;
        }
        /* One version and one autoincrement column per table (the template's count). */
        for (uint32_t j = 0; j < i; j++)
            if ((pc->fFlags & (REC_FIELD_VERSION | REC_FIELD_AUTOINCREMENT))
                    && (pcc->rgcol[j].fFlags & pc->fFlags & (REC_FIELD_VERSION | REC_FIELD_AUTOINCREMENT)))
                FAIL(JET_errColumnRedundant);
        if (pcc->ptTemplate && (pc->fFlags & (REC_FIELD_VERSION | REC_FIELD_AUTOINCREMENT)))
            for (uint32_t j = 0; j < pcc->ptTemplate->ccol; j++)
                if (pcc->ptTemplate->rgcol[j].fFlags & pc->fFlags & (REC_FIELD_VERSION | REC_FIELD_AUTOINCREMENT))
                    FAIL(JET_errColumnRedundant);
        if (pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT) {
            const JET_USERDEFINEDDEFAULT_A *pudd = pcol->pvDefault;
            if (!pudd->szCallback || strlen(pudd->szCallback) > JET_cbColumnMost) FAIL(JET_errInvalidParameter);
            CALL(check_callback(sess, pudd->szCallback));
            memcpy(pc->szCallback, pudd->szCallback, strlen(pudd->szCallback) + 1);
            pc->pbCallbackData = pudd->pbUserData;
            pc->cbCallbackData = pudd->pbUserData ? pudd->cbUserData : 0;
        } else if (pc->fFlags & REC_FIELD_DEFAULT) {
            pc->pbDefault = pcol->pvDefault;
            pc->cbDefault = pcol->cbDefault;
        }
        if (fTemplateTable) pc->fFlags |= REC_FIELD_TEMPLATE_COLUMN_ESE98;
        fSetError = false;
        pcol->err = wrn;
        pcol->columnid = fid | (fTemplateTable ? 0x80000000u : 0);
        ptc->cCreated++;
        CALL(catw_add_column(pw, pc));
    }
    err = JET_errSuccess;
out:
    if (fSetError && pcol) pcol->err = err;
    return err;
}

/* ErrFILEIInheritIndexes: the template's indexes, each with a tree of its own (the primary one is
 * the table's), marked derived; hints: the template's density and initial size only. */
static JET_ERR inherit_indexes(struct isam_session *sess, struct catw *pw, const struct catalog_table *ptTemplate,
        uint32_t objidTable, uint32_t pgnoTable)
{
    JET_ERR err;
    for (uint32_t i = 0; i < ptTemplate->cidx; i++) {
        struct rec_cat_index ci = ptTemplate->rgidx[i];
        const bool fPrimary = ci.objid == ptTemplate->table.objid;
        ci.fidb = (uint16_t)((ci.fidb & ~REC_IDB_TEMPLATE_INDEX) | REC_IDB_DERIVED_INDEX);
        ci.objidTable = objidTable;
        const uint32_t cbInitial = ci.hints.cbInitial == pw->cbPage ? 0 : ci.hints.cbInitial;
        memset(&ci.hints, 0, sizeof ci.hints);
        ci.hints.ulInitialDensity = ci.ulDensity;
        ci.hints.cbInitial = cbInitial;
        ci.fPgnoFDPLastSetTime = false;
        if (fPrimary) {
            ci.objid = objidTable;
            ci.pgnoFDP = pgnoTable;
        } else {
            const uint32_t cpg = cbInitial / pw->cbPage ? cbInitial / pw->cbPage : 1;
            CALL_R(isam_db_objid_new(pw->db, &ci.objid));
            CALL_R(isam_ddl_new_fdp(sess, pw->db, pgnoTable, cpg, ci.objid,
                                    PAGE_FLAG_INDEX | ((ci.fidb & REC_IDB_UNIQUE) ? 0 : PAGE_FLAG_NON_UNIQUE_KEYS), &ci.pgnoFDP));
        }
        CALL_R(catw_add_index(pw, &ci));
    }
    return JET_errSuccess;
}

/* ErrFILEICreateIndexes. */
static JET_ERR create_indexes(struct isam_session *sess, struct catw *pw, struct create_ctx *pcc, uint32_t objidTable,
        uint32_t pgnoTable, const JET_SPACEHINTS *pjsphTable)
{
    JET_ERR err = JET_errSuccess;
    JET_TABLECREATE4_A *ptc = pcc->ptc;
    const bool fTemplateTable = ptc->grbit & JET_bitTableCreateTemplateTable;
    bool fPrimaryDone = false, fSetError = false;
    JET_INDEXCREATE3_A *pic = ptc->rgindexcreate;
    struct isam_idx_def *pd = NULL;

    if (!ptc->rgindexcreate || !ptc->rgcolumncreate) return ERR_TRAP(JET_errInvalidCreateIndex);
    if (pcc->ptTemplate && pcc->ptTemplate->iidxPrimary >= 0) fPrimaryDone = true;
    pd = mem_alloc(sizeof *pd);
    if (!pd) return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 0; i < ptc->cIndexes; i++, pic = index_next(pic)) {
        if (pic->cbStruct != sizeof *pic) FAIL(JET_errInvalidCreateIndex);
        pic->err = JET_errSuccess;
        fSetError = true;
        /* Without hints of its own an index takes the table's density, one page. */
        JET_SPACEHINTS jsph = { sizeof jsph, pjsphTable->ulInitialDensity ? pjsphTable->ulInitialDensity : DDL_DENSITY_DEFAULT,
                                pw->cbPage, 0, 0, 0, 0, 0 };
        if (pic->pSpacehints) jsph = *pic->pSpacehints;
        CALL(isam_ddl_validate_index(sess, pw->cbPage, pic, &jsph, pd));
        CALL(isam_ddl_resolve_index(pw, pd, pic, create_column_fn, pcc));
        struct rec_cat_index *pi = &pd->ci;
        pi->objidTable = objidTable;
        if (pi->fidb & REC_IDB_PRIMARY) {
            if (fPrimaryDone) FAIL(JET_errIndexHasPrimary);
            fPrimaryDone = true;
            pi->objid = objidTable;
            pi->pgnoFDP = pgnoTable;
        } else {
            CALL(isam_db_objid_new(pw->db, &pi->objid));
            CALL(isam_ddl_new_fdp(sess, pw->db, pgnoTable, cpg_initial(&pd->jsph, pw->cbPage), pi->objid,
                                  PAGE_FLAG_INDEX | ((pi->fidb & REC_IDB_UNIQUE) ? 0 : PAGE_FLAG_NON_UNIQUE_KEYS),
                                  &pi->pgnoFDP));
        }
        ptc->cCreated++;
        fSetError = false;
        if (fTemplateTable) pi->fidb |= REC_IDB_TEMPLATE_INDEX;
        CALL(catw_add_index(pw, pi));
    }
out:
    if (fSetError && err < 0) pic->err = err;
    mem_free(pd);
    return err;
}

JET_ERR isam_ddl_create_table(struct isam_session *sess, JET_DBID dbid, JET_TABLECREATE4_A *ptc, uint32_t *pobjidTable)
{
    return isam_ddl_create_table5(sess, dbid, ptc, 0, pobjidTable);
}

JET_ERR isam_ddl_create_table5(struct isam_session *sess, JET_DBID dbid, JET_TABLECREATE4_A *ptc, uint32_t cbLVChunkMax,
        uint32_t *pobjidTable)
{
    JET_ERR err;
    struct isam_db *db;
    struct catw w;
    bool fCatw = false, fTrx = false;
    struct catalog_table *ptTemplate = NULL;
    struct create_ctx cc = { ptc, NULL, NULL };
    char szTable[JET_cbNameMost + 1];
    JET_SPACEHINTS jsph;
    uint32_t objid = 0, pgnoFDP = 0;

    CALL_R(isam_ddl_db(sess, dbid, &db));
    if (cbLVChunkMax > rec_lv_chunk_most(db->cbPage)) return ERR_TRAP(JET_errInvalidLVChunkSize);
    if (ptc->grbit & JET_bitTableCreateTemplateTable) {
        if (ptc->szTemplateTableName) return ERR_TRAP(JET_errCannotNestDDL);
        if (ptc->grbit & JET_bitTableCreateNoFixedVarColumnsInDerivedTables) return ERR_TRAP(JET_errInvalidGrbit);
    } else if (ptc->grbit & JET_bitTableCreateNoFixedVarColumnsInDerivedTables) {
        return ERR_TRAP(JET_errInvalidGrbit);
    }
    if (ptc->grbit & DDL_bitTableCreateSystemTable) return ERR_TRAP(JET_errInvalidGrbit);
    {
        /* ErrIDXCheckUnicodeFlagAndDefn */
        JET_INDEXCREATE3_A *pic = ptc->rgindexcreate;
        for (uint32_t i = 0; i < ptc->cIndexes && pic && pic->cbStruct == sizeof *pic; i++, pic = index_next(pic))
            if ((pic->pidxunicode != NULL) != ((pic->grbit & JET_bitIndexUnicode) != 0)) return ERR_TRAP(JET_errInvalidParameter);
    }
    ptc->cCreated = 0;
    CALL_R(isam_name_check(ptc->szTableName, szTable));

    CALL(catw_open(sess, db, &w));
    fCatw = true;
    if (ptc->szTemplateTableName) {
        char szTemplate[JET_cbNameMost + 1];
        CALL(isam_name_check(ptc->szTemplateTableName, szTemplate));
        CALL(catalog_load_table(w.cat, szTemplate, &ptTemplate));
        if (!(ptTemplate->table.fFlags & REC_CAT_TABLE_TEMPLATE)) FAIL(JET_errDDLNotInheritable);
        cc.ptTemplate = ptTemplate;
    }
    CALL(table_space_hints(db->cbPage, ptc, &jsph));
    if (ptc->cColumns) {
        cc.rgcol = mem_calloc(ptc->cColumns, sizeof *cc.rgcol);
        if (!cc.rgcol) FAIL(JET_errOutOfMemory);
    }

    CALL(isam_wtrx_begin(sess));
    fTrx = true;
    CALL(isam_db_objid_new(db, &objid));
    CALL(isam_ddl_new_fdp(sess, db, SPACE_PGNO_DB_ROOT, cpg_initial(&jsph, db->cbPage), objid, 0, &pgnoFDP));
    ptc->cCreated = 1;

    struct rec_cat_table t;
    memset(&t, 0, sizeof t);
    t.objid = objid;
    t.pgnoFDP = pgnoFDP;
    memcpy(t.szName, szTable, sizeof szTable);
    if (ptTemplate) memcpy(t.szTemplateTable, ptTemplate->table.szName, sizeof t.szTemplateTable);
    if (ptc->grbit & JET_bitTableCreateTemplateTable) {
        t.fFlags = REC_CAT_TABLE_TEMPLATE | REC_CAT_TABLE_FIXED_DDL;
    } else {
        if (ptTemplate) t.fFlags |= REC_CAT_TABLE_DERIVED;
        if (ptc->grbit & JET_bitTableCreateFixedDDL) t.fFlags |= REC_CAT_TABLE_FIXED_DDL;
    }
    t.ulDensity = jsph.ulInitialDensity;
    t.cpgInitial = jsph.cbInitial / db->cbPage;
    isam_ddl_hints_to_cat(&jsph, &t.hints);
    t.fHints = true;
    if (ptc->pLVSpacehints) {
        JET_SPACEHINTS jsphLV = *ptc->pLVSpacehints;
        CALL(isam_ddl_check_space_hints(db->cbPage, &jsphLV, true));
        isam_ddl_hints_to_cat(&jsphLV, &t.hintsDeferredLV);
        t.fHintsDeferredLV = true;
    }
    t.cbSeparateLV = ptc->cbSeparateLV;
    t.cbLVChunkMax = cbLVChunkMax;
    CALL(catw_add_table(&w, &t));

    if (ptTemplate) CALL(inherit_indexes(sess, &w, ptTemplate, objid, pgnoFDP));
    if (ptc->cColumns) CALL(create_columns(sess, &w, &cc, objid));
    if (ptc->cIndexes) CALL(create_indexes(sess, &w, &cc, objid, pgnoFDP, &jsph));
    if (ptc->szCallback) {
        if (ptc->cbtyp == 0 || strlen(ptc->szCallback) >= JET_cbColumnMost) FAIL(JET_errInvalidParameter);
        CALL(check_callback(sess, ptc->szCallback));
        struct rec_cat_callback cb;
        memset(&cb, 0, sizeof cb);
        cb.objidTable = objid;
        cb.cbtyp = ptc->cbtyp;
        memcpy(cb.szCallback, ptc->szCallback, strlen(ptc->szCallback) + 1);
        CALL(catw_add_callback(&w, &cb));
        ptc->cCreated++;
    }
    *pobjidTable = objid;
    TRACE("table %s: objid %u, FDP %u, %u columns, %u indexes", debugstr_a(szTable), objid, pgnoFDP,
          (unsigned)ptc->cColumns, (unsigned)ptc->cIndexes);
out:
    if (fCatw) catw_close(&w);
    if (fTrx) err = isam_wtrx_end(sess, err);
    catalog_table_free(ptTemplate);
    mem_free(cc.rgcol);
    return err;
}
