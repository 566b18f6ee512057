/* SPDX-License-Identifier: MIT
 * api/api_dbutil.c: JetDBUtilitiesA/W, the engine's utility entry point behind esentutl (ESE's
 * JetDBUtilitiesEx and ErrIsamDBUtilities). The engine's work is in isam/isam_dbutil*.c.
 *
 * ESE's rules, kept here:
 *   - cbStruct must be sizeof(JET_DBUTIL): JET_errInvalidParameter. The A form converts its
 *     strings (which ones depends on op) and calls the W form.
 *   - The operations that work on a session's instance (EDB dump, repair/integrity, scrub,
 *     defragmentation, trim, page usage) take the caller's sesid (JET_errInvalidSesid without
 *     one). Every other operation, given no session (0 or JET_sesidNil), runs in an instance of
 *     its own, named "JetDBUtilities - <thread>", set up as esentutl sets one up (recovery off,
 *     no online defragmentation, no temporary tables) and torn down afterwards.
 *   - Every operation but a few names its database: JET_errDatabaseInvalidName without it.
 * Implemented: the integrity check (opDBUTILEDBRepair with JET_bitDBUtilOptionDontRepair), the
 * repair (opDBUTILEDBRepair without it: isam/isam_repair.c; no message box is shown), the
 * space dump through a JET_PFNSPACEDATA callback (opDBUTILDumpSpace; without a callback ESE
 * answers JET_errFeatureNotAvailable, and so do we) and the metadata dump
 * (opDBUTILDumpMetaData). Every other operation says FIXME and answers
 * JET_errFeatureNotAvailable. */
#include <stdio.h>

#include "api_int.h"
#include "esent_private.h"
#include "isam_dbutil.h"
#include "os.h"
#include "utf.h"

DEBUG_CHANNEL(api);

/* ---- the space dump's BTREE_STATS ------------------------------------------------------------- */

#define SPACE_DEPTH_MAX 4u

/* What the callback sees at each depth of the tree hierarchy (the database root, a table, its
 * LV tree or index, their OE/AE trees): a tree's parent stays valid while its children are
 * reported, as ESE's CBTreeStatsManager keeps it. */
struct space_level {
    BTREE_STATS bts;
    BTREE_STATS_BASIC_CATALOG cat;
    BTREE_STATS_SPACE_TREES sp;
    JET_SPACEHINTS hints;
    BTREE_SPACE_EXTENT_INFO *rgOwned, *rgAvail;
};

struct space_cb {
    JET_PFNSPACEDATA pfn;
    JET_API_PTR pv;
    JET_GRBIT grbit;
    struct space_level rglevel[SPACE_DEPTH_MAX];
};

static JET_BTREETYPE btree_type(enum isam_space_kind kind)
{
    switch (kind) {
    case ISAM_SPACE_DB_ROOT: return eBTreeTypeInternalDbRootSpace;
    case ISAM_SPACE_TABLE: return eBTreeTypeUserClusteredIndex;
    case ISAM_SPACE_LV: return eBTreeTypeInternalLongValue;
    case ISAM_SPACE_INDEX: return eBTreeTypeUserSecondaryIndex;
    case ISAM_SPACE_OE: return eBTreeTypeInternalSpaceOE;
    case ISAM_SPACE_AE: return eBTreeTypeInternalSpaceAE;
    }
    return eBTreeTypeInvalid;
}

static JET_ERR extents_copy(const struct isam_space_extent *rg, uint32_t c, BTREE_SPACE_EXTENT_INFO **pprg)
{
    mem_free(*pprg);
    *pprg = NULL;
    if (!c) return JET_errSuccess;
    BTREE_SPACE_EXTENT_INFO *prg = mem_alloc(c * sizeof *prg);
    if (!prg) return ERR_TRAP(JET_errOutOfMemory);
    for (uint32_t i = 0; i < c; i++) {
        prg[i].iPool = rg[i].pool;
        prg[i].pgnoLast = rg[i].pgnoLast;
        prg[i].cpgExtent = rg[i].cpg;
        prg[i].pgnoSpaceNode = rg[i].pgnoNode;
    }
    *pprg = prg;
    return JET_errSuccess;
}

static JET_ERR space_tree_cb(void *pvCtx, const struct isam_space_tree *pt)
{
    JET_ERR err;
    struct space_cb *pc = pvCtx;
    if (pt->depth >= SPACE_DEPTH_MAX) return ERR_TRAP(JET_errInternalError);
    struct space_level *pl = &pc->rglevel[pt->depth];

    memset(&pl->bts, 0, sizeof pl->bts);
    pl->bts.cbStruct = sizeof pl->bts;
    pl->bts.grbitData = pc->grbit & (JET_bitDBUtilSpaceInfoBasicCatalog | JET_bitDBUtilSpaceInfoSpaceTrees);
    pl->bts.pParent = pt->depth ? &pc->rglevel[pt->depth - 1].bts : NULL;
    if (pc->grbit & JET_bitDBUtilSpaceInfoBasicCatalog) {
        memset(&pl->cat, 0, sizeof pl->cat);
        pl->cat.cbStruct = sizeof pl->cat;
        pl->cat.eType = btree_type(pt->kind);
        pl->cat.objidFDP = pt->objidFDP;
        pl->cat.pgnoFDP = pt->pgnoFDP;
        ESENT_WCHAR *wszName = NULL;
        if (os_acp_to_utf16(pt->szName, &wszName) >= 0 && wszName) {
            size_t cch = MIN(wstr_len(wszName), ARRAY_SIZE(pl->cat.rgName) - 1);
            memcpy(pl->cat.rgName, wszName, cch * sizeof *wszName);
            pl->cat.rgName[cch] = 0;
        }
        mem_free(wszName);
        if (pt->phints) {
            pl->hints.cbStruct = sizeof pl->hints;
            pl->hints.ulInitialDensity = pt->phints->ulInitialDensity;
            pl->hints.cbInitial = pt->phints->cbInitial;
            pl->hints.grbit = pt->phints->grbit;
            pl->hints.ulMaintDensity = pt->phints->ulMaintDensity;
            pl->hints.ulGrowth = pt->phints->ulGrowth;
            pl->hints.cbMinExtent = pt->phints->cbMinExtent;
            pl->hints.cbMaxExtent = pt->phints->cbMaxExtent;
            pl->cat.pSpaceHints = &pl->hints;
        }
        pl->bts.pBasicCatalog = &pl->cat;
    }
    if (pc->grbit & JET_bitDBUtilSpaceInfoSpaceTrees) {
        BTREE_STATS_SPACE_TREES *ps = &pl->sp;
        memset(ps, 0, sizeof *ps);
        ps->cbStruct = sizeof *ps;
        ps->cpgPrimary = pt->cpgPrimary;
        ps->cpgLastAlloc = pt->cpgLastAlloc;
        ps->fMultiExtent = pt->fMultiExtent;
        ps->pgnoOE = pt->pgnoOE;
        ps->pgnoAE = pt->pgnoAE;
        ps->cpgOwned = pt->cpgOwned;
        ps->cpgAvailable = pt->cpgAvail;
        ps->cpgSpaceTreeAvailable = pt->cpgSplitBuffers;
        ps->cpgShelved = pt->cpgShelved;
        /* ESE's "(Cache)" columns are its FCB's cached counts; we keep no cache of them, so the
         * cached values are the real ones. Reserved pages (ESE's space reservation) do not
         * exist here. */
        ps->cpgOwnedCache = pt->cpgOwned;
        ps->cpgAvailableCache = pt->cpgAvail;
        ps->fAutoIncPresents = pt->fAutoInc;
        ps->qwAutoInc = pt->qwAutoInc;
        CALL_R(extents_copy(pt->rgOwned, pt->cOwned, &pl->rgOwned));
        CALL_R(extents_copy(pt->rgAvail, pt->cAvail, &pl->rgAvail));
        ps->cOwnedExtents = pt->cOwned;
        ps->prgOwnedExtents = pl->rgOwned;
        ps->cAvailExtents = pt->cAvail;
        ps->prgAvailExtents = pl->rgAvail;
        pl->bts.pSpaceTrees = ps;
    }
    return pc->pfn(&pl->bts, pc->pv);
}

static JET_ERR dump_space(struct isam_session *sess, const JET_DBUTIL_W *pdbutil)
{
    JET_ERR err;
    char szTable[JET_cbNameMost + 1];
    struct space_cb cb;

    if (!pdbutil->pfnCallback) {
        /* ESE's own answer: the space dump's printing lives in esentutl, on the callback. */
        FIXME("opDBUTILDumpSpace without a JET_PFNSPACEDATA callback");
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    if (pdbutil->grbitOptions & (JET_bitDBUtilSpaceInfoParentOfLeaf | JET_bitDBUtilSpaceInfoFullWalk)) {
        FIXME("space dump: parent-of-leaf and full-walk statistics (grbit %#lx) are not implemented",
              (unsigned long)pdbutil->grbitOptions);
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    if (pdbutil->szTable) CALL_R(api_name_from_w(pdbutil->szTable, szTable, sizeof szTable));
    memset(&cb, 0, sizeof cb);
    cb.pfn = (JET_PFNSPACEDATA)pdbutil->pfnCallback;
    cb.pv = (JET_API_PTR)pdbutil->pvCallback;
    cb.grbit = pdbutil->grbitOptions;
    err = isam_dbutil_space(sess, pdbutil->szDatabase, pdbutil->szTable ? szTable : NULL, space_tree_cb, &cb);
    for (uint32_t i = 0; i < SPACE_DEPTH_MAX; i++) {
        mem_free(cb.rglevel[i].rgOwned);
        mem_free(cb.rglevel[i].rgAvail);
    }
    return err;
}

/* ---- dispatch ---------------------------------------------------------------------------------- */

static bool op_needs_database(DBUTIL_OP op)
{
    switch (op) {
    case opDBUTILEDBDump: case opDBUTILDumpPageUsage: case opDBUTILChecksumLogFromMemory:
    case opDBUTILDumpSpaceCategory: case opDBUTILDumpRBSPages: case opDBUTILEstimateRootSpaceLeak:
        return false;
    default:
        return true;
    }
}

/* ESE's ErrIsamDBUtilities: the checks, then the operation, on an entered session. */
static JET_ERR isam_utilities(struct isam_session *sess, const JET_DBUTIL_W *pdbutil)
{
    if (op_needs_database(pdbutil->op) && (!pdbutil->szDatabase || !pdbutil->szDatabase[0]))
        return ERR_TRAP(JET_errDatabaseInvalidName);
    if (pdbutil->op == opDBUTILDumpRBSPages && (!pdbutil->rbsOptions.szDatabase || !pdbutil->rbsOptions.szDatabase[0]))
        return ERR_TRAP(JET_errDatabaseInvalidName);
    if (pdbutil->op == opDBUTILEstimateRootSpaceLeak && (pdbutil->szDatabase || pdbutil->dbid == JET_dbidNil))
        return ERR_TRAP(JET_errInvalidParameter);

    switch (pdbutil->op) {
    case opDBUTILEDBRepair: {
        if (!(pdbutil->grbitOptions & JET_bitDBUtilOptionDontRepair)) {
            /* ESE asks in a message box first unless JET_bitDBUtilOptionSuppressLogo; a DLL
             * has no business showing one, so the caller asks (esentutl /p does). */
            const struct isam_repair_args ra = {
                pdbutil->szDatabase, pdbutil->szIntegPrefix,
                !(pdbutil->grbitOptions & JET_bitDBUtilOptionSuppressConsoleOutput),
                (JET_PFNSTATUS)pdbutil->pfnCallback, sess->handle,
            };
            return isam_dbutil_repair(sess, &ra);
        }
        const struct isam_integrity_args a = {
            pdbutil->szDatabase, pdbutil->szIntegPrefix,
            !(pdbutil->grbitOptions & JET_bitDBUtilOptionSuppressConsoleOutput),
            (pdbutil->grbitOptions & JET_bitDBUtilOptionStats) != 0,
            (JET_PFNSTATUS)pdbutil->pfnCallback, sess->handle,
        };
        return isam_dbutil_integrity(sess, &a);
    }
    case opDBUTILDumpSpace:
        return dump_space(sess, pdbutil);
    case opDBUTILDumpMetaData:
        return isam_dbutil_metadata(sess, pdbutil->szDatabase,
                                    !(pdbutil->grbitOptions & JET_bitDBUtilOptionSuppressConsoleOutput),
                                    (pdbutil->grbitOptions & JET_bitDBUtilOptionDumpVerbose) != 0);
    default:
        /* The header, checkpoint and log dumps are esentutl's own (it reads the files itself);
         * the other operations wait for the engine parts they need. */
        FIXME("JetDBUtilities op %d is not implemented", (int)pdbutil->op);
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
}

static JET_ERR with_session(JET_SESID sesid, const JET_DBUTIL_W *pdbutil)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    CALL(api_session_enter(sesid, &sess));
    err = isam_utilities(sess, pdbutil);
out:
    api_session_leave(sess);
    return err;
}

/* The operations that need no caller's session run in an instance of their own. */
static JET_ERR with_own_instance(const JET_DBUTIL_W *pdbutil)
{
    JET_ERR err;
    JET_INSTANCE inst = 0;
    JET_SESID sesid = JET_sesidNil;
    bool fCreated = false;
    char szName[64];
    static const ESENT_WCHAR wszOff[] = { 'o', 'f', 'f', 0 };

    snprintf(szName, sizeof szName, "JetDBUtilities - %lu", (unsigned long)(uint32_t)os_thread_id());
    CALL(JetCreateInstanceA(&inst, szName));
    fCreated = true;
    CALL(JetSetSystemParameterW(&inst, 0, JET_paramRecovery, 0, wszOff));
    CALL(JetSetSystemParameterW(&inst, 0, JET_paramEnableOnlineDefrag, 0, NULL));
    CALL(JetSetSystemParameterW(&inst, 0, JET_paramMaxTemporaryTables, 0, NULL));
    CALL(JetSetSystemParameterW(&inst, 0, JET_paramNoInformationEvent, 1, NULL));
    /* A failed JetInit frees the instance itself. */
    fCreated = false;
    CALL(JetInit(&inst));
    fCreated = true;
    CALL(JetBeginSessionA(inst, &sesid, "user", ""));
    err = with_session(sesid, pdbutil);
out:
    if (fCreated) {
        if (sesid != JET_sesidNil) {
            JET_ERR errEnd = JetEndSession(sesid, 0);
            (void)errEnd;
        }
        JET_ERR errTerm = JetTerm2(inst, err < 0 ? JET_bitTermAbrupt : JET_bitTermComplete);
        (void)errTerm;
    }
    return err;
}

static JET_ERR utilities(const JET_DBUTIL_W *pdbutil)
{
    if (!pdbutil || pdbutil->cbStruct != sizeof *pdbutil) return ERR_TRAP(JET_errInvalidParameter);
    switch (pdbutil->op) {
    case opDBUTILUpdateDBHeaderFromTrailer:
        FIXME("opDBUTILUpdateDBHeaderFromTrailer is not implemented");
        return ERR_TRAP(JET_errFeatureNotAvailable);
    case opDBUTILEDBDump: case opDBUTILEDBRepair: case opDBUTILEDBScrub: case opDBUTILDBDefragment:
    case opDBUTILDBTrim: case opDBUTILDumpPageUsage:
        return with_session(pdbutil->sesid, pdbutil);
    default:
        if (pdbutil->sesid == 0 || pdbutil->sesid == JET_sesidNil)
            return with_own_instance(pdbutil);
        return with_session(pdbutil->sesid, pdbutil);
    }
}

JET_ERR JET_API JetDBUtilitiesW(JET_DBUTIL_W *pdbutil)
{
    if (pdbutil)
        TRACE("(%p [cbStruct %lu, sesid %#lx, dbid %lu, op %d, grbit %#lx, db %s])", (void *)pdbutil,
              (unsigned long)pdbutil->cbStruct, (unsigned long)pdbutil->sesid, (unsigned long)pdbutil->dbid,
              (int)pdbutil->op, (unsigned long)pdbutil->grbitOptions,
              pdbutil->cbStruct == sizeof *pdbutil ? debugstr_w(pdbutil->szDatabase) : "?");
    else
        TRACE("(NULL)");
    return api_return(utilities(pdbutil));
}

/* The A form: its strings widened, as ESE's CAutoDBUTILW does (which ones depends on op). */
static JET_ERR utilities_a(const JET_DBUTIL_A *pa)
{
    JET_ERR err;
    JET_DBUTIL_W w;
    ESENT_WCHAR *rgwsz[5] = { NULL, NULL, NULL, NULL, NULL };

    if (!pa || pa->cbStruct != sizeof *pa) return ERR_TRAP(JET_errInvalidParameter);
    _Static_assert(sizeof(JET_DBUTIL_A) == sizeof(JET_DBUTIL_W), "JET_DBUTIL A and W");
    memset(&w, 0, sizeof w);
    w.cbStruct = sizeof w;
    w.sesid = pa->sesid;
    w.dbid = pa->dbid;
    w.tableid = pa->tableid;
    w.op = pa->op;
    w.edbdump = pa->edbdump;
    w.grbitOptions = pa->grbitOptions;
    if (pa->op == opDBUTILChecksumLogFromMemory) {
        CALL(api_wsz_from_a(pa->checksumlogfrommemory.szLog, &rgwsz[0]));
        CALL(api_wsz_from_a(pa->checksumlogfrommemory.szBase, &rgwsz[1]));
        w.checksumlogfrommemory.szLog = rgwsz[0];
        w.checksumlogfrommemory.szBase = rgwsz[1];
        w.checksumlogfrommemory.pvBuffer = pa->checksumlogfrommemory.pvBuffer;
        w.checksumlogfrommemory.cbBuffer = pa->checksumlogfrommemory.cbBuffer;
    } else if (pa->op == opDBUTILDumpSpaceCategory) {
        CALL(api_wsz_from_a(pa->spcatOptions.szDatabase, &rgwsz[0]));
        w.spcatOptions.szDatabase = rgwsz[0];
        w.spcatOptions.pgnoFirst = pa->spcatOptions.pgnoFirst;
        w.spcatOptions.pgnoLast = pa->spcatOptions.pgnoLast;
        w.spcatOptions.pfnSpaceCatCallback = pa->spcatOptions.pfnSpaceCatCallback;
        w.spcatOptions.pvContext = pa->spcatOptions.pvContext;
    } else if (pa->op == opDBUTILDumpRBSPages) {
        CALL(api_wsz_from_a(pa->rbsOptions.szDatabase, &rgwsz[0]));
        w.rbsOptions.szDatabase = rgwsz[0];
        w.rbsOptions.pgnoFirst = pa->rbsOptions.pgnoFirst;
        w.rbsOptions.pgnoLast = pa->rbsOptions.pgnoLast;
    } else {
        CALL(api_wsz_from_a(pa->szDatabase, &rgwsz[0]));
        CALL(api_wsz_from_a(pa->szBackup, &rgwsz[1]));
        CALL(api_wsz_from_a(pa->szTable, &rgwsz[2]));
        CALL(api_wsz_from_a(pa->szIndex, &rgwsz[3]));
        CALL(api_wsz_from_a(pa->szIntegPrefix, &rgwsz[4]));
        w.szDatabase = rgwsz[0];
        w.szBackup = rgwsz[1];
        w.szTable = rgwsz[2];
        w.szIndex = rgwsz[3];
        w.szIntegPrefix = rgwsz[4];
        w.pgno = pa->pgno;
        w.iline = pa->iline;
        w.lGeneration = pa->lGeneration;
        w.isec = pa->isec;
        w.ib = pa->ib;
        w.cRetry = pa->cRetry;
        w.pfnCallback = pa->pfnCallback;
        w.pvCallback = pa->pvCallback;
    }
    err = utilities(&w);
out:
    for (size_t i = 0; i < ARRAY_SIZE(rgwsz); i++) mem_free(rgwsz[i]);
    return err;
}

JET_ERR JET_API JetDBUtilitiesA(JET_DBUTIL_A *pdbutil)
{
    if (pdbutil)
        TRACE("(%p [cbStruct %lu, sesid %#lx, dbid %lu, op %d, grbit %#lx, db %s])", (void *)pdbutil,
              (unsigned long)pdbutil->cbStruct, (unsigned long)pdbutil->sesid, (unsigned long)pdbutil->dbid,
              (int)pdbutil->op, (unsigned long)pdbutil->grbitOptions,
              pdbutil->cbStruct == sizeof *pdbutil ? debugstr_a(pdbutil->szDatabase) : "?");
    else
        TRACE("(NULL)");
    return api_return(utilities_a(pdbutil));
}
