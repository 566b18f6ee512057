/* SPDX-License-Identifier: MIT
 * api/api_dbinfo.c: JetGetDatabaseFileInfo (A/W), what a database file's header says, read
 * without attaching it, for every info level ESENT answers there. Needs no instance. The size
 * rules are ESENT's: each level takes exactly its structure's size (JET_errInvalidBufferSize),
 * JET_DbInfoMisc takes any generation of JET_DBINFOMISC (1 to 7), unknown levels give
 * JET_errInvalidParameter. And JetGetDatabaseInfo (A/W): the same and more about a database a
 * session has open. */
#include "api_int.h"
#include "esent_private.h"
#include "page.h"
#include "os.h"
#include "utf.h"

DEBUG_CHANNEL(api);

static JET_LOGTIME logtime_to_jet(const struct db_logtime *t)
{
    JET_LOGTIME j;
    uint8_t raw[8];
    raw[0] = t->bSeconds; raw[1] = t->bMinutes; raw[2] = t->bHours;
    raw[3] = t->bDay; raw[4] = t->bMonth; raw[5] = t->bYear;
    raw[6] = (uint8_t)((t->fUTC ? 1 : 0) | ((t->wMilliseconds & 0x7F) << 1));
    raw[7] = (uint8_t)((t->fReserved ? 1 : 0) | (((t->wMilliseconds >> 7) & 0x7) << 1) | ((t->bUnused & 0xF) << 4));
    memcpy(&j, raw, sizeof j);
    return j;
}

static JET_LGPOS lgpos_to_jet(const struct db_lgpos *p)
{
    JET_LGPOS j;
    j.ib = p->ib;
    j.isec = p->isec;
    j.lGeneration = p->lGeneration;
    return j;
}

static JET_SIGNATURE signature_to_jet(const struct db_signature *s)
{
    JET_SIGNATURE j;
    memset(&j, 0, sizeof j);
    j.ulRandom = s->ulRandom;
    j.logtimeCreate = logtime_to_jet(&s->logtimeCreate);
    memcpy(j.szComputerName, s->szComputerName, sizeof s->szComputerName);
    return j;
}

/* ESE marks a backup made through an OS snapshot with the fOSSnapshot bit of its mark time. */
#define BACKUP_TYPE_OS_SNAPSHOT 1u

static JET_BKINFO bkinfo_to_jet(const struct db_bkinfo *b, uint32_t type)
{
    JET_BKINFO j;
    memset(&j, 0, sizeof j);
    j.lgposMark = lgpos_to_jet(&b->lgposMark);
    j.logtimeMark = logtime_to_jet(&b->logtimeMark);
    j.bklogtimeMark.fOSSnapshot = type == BACKUP_TYPE_OS_SNAPSHOT;
    j.genLow = b->genLow;
    j.genHigh = b->genHigh;
    return j;
}

/* ESE's UtilLoadDbinfomiscFromPdbfilehdr: fill as much as the caller's generation holds. */
static void fill_dbinfomisc(const struct db_header *h, uint32_t cbPage, void *pv, size_t cb)
{
    JET_DBINFOMISC7 m;
    JET_DBINFOMISC4 *m4 = &m.misc6.misc5.misc4;
    memset(&m, 0, sizeof m);
    m4->ulVersion = h->ulVersion;
    m4->ulUpdate = h->ulDaeUpdateMajor;
    m4->signDb = signature_to_jet(&h->signDb);
    m4->dbstate = h->dbstate;
    m4->lgposConsistent = lgpos_to_jet(&h->lgposConsistent);
    m4->logtimeConsistent = logtime_to_jet(&h->logtimeConsistent);
    m4->logtimeAttach = logtime_to_jet(&h->logtimeAttach);
    m4->lgposAttach = lgpos_to_jet(&h->lgposAttach);
    m4->logtimeDetach = logtime_to_jet(&h->logtimeDetach);
    m4->lgposDetach = lgpos_to_jet(&h->lgposDetach);
    m4->signLog = signature_to_jet(&h->signLog);
    m4->bkinfoFullPrev = bkinfo_to_jet(&h->bkinfoFullPrev, h->bkinfoTypeFullPrev);
    m4->bkinfoIncPrev = bkinfo_to_jet(&h->bkinfoIncPrev, h->bkinfoTypeIncPrev);
    m4->bkinfoFullCur = bkinfo_to_jet(&h->bkinfoFullCur, 0);
    m4->fShadowingDisabled = (h->ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED) != 0;
    m4->fUpgradeDb = (h->ulDbFlags & PAGE_DBFLAG_UPGRADE_DB) != 0;
    m4->dwMajorVersion = h->dwMajorVersion;
    m4->dwMinorVersion = h->dwMinorVersion;
    m4->dwBuildNumber = h->dwBuildNumber;
    m4->lSPNumber = h->lSPNumber;
    m4->cbPageSize = cbPage;
    m4->genMinRequired = (ESENT_ULONG)h->lGenMinRequired;
    m4->genMaxRequired = (ESENT_ULONG)h->lGenMaxRequired;
    m4->logtimeGenMaxCreate = logtime_to_jet(&h->logtimeGenMaxCreate);
    m4->ulRepairCount = h->ulRepairCount;
    m4->logtimeRepair = logtime_to_jet(&h->logtimeRepair);
    m4->ulRepairCountOld = h->ulRepairCountOld;
    m4->ulECCFixSuccess = h->ulECCFixSuccess;
    m4->logtimeECCFixSuccess = logtime_to_jet(&h->logtimeECCFixSuccess);
    m4->ulECCFixSuccessOld = h->ulECCFixSuccessOld;
    m4->ulECCFixFail = h->ulECCFixFail;
    m4->logtimeECCFixFail = logtime_to_jet(&h->logtimeECCFixFail);
    m4->ulECCFixFailOld = h->ulECCFixFailOld;
    m4->ulBadChecksum = h->ulBadChecksum;
    m4->logtimeBadChecksum = logtime_to_jet(&h->logtimeBadChecksum);
    m4->ulBadChecksumOld = h->ulBadChecksumOld;
    m4->genCommitted = (ESENT_ULONG)h->lGenMaxCommitted;
    m4->bkinfoCopyPrev = bkinfo_to_jet(&h->bkinfoCopyPrev, h->bkinfoTypeCopyPrev);
    m4->bkinfoDiffPrev = bkinfo_to_jet(&h->bkinfoDiffPrev, h->bkinfoTypeDiffPrev);
    m.misc6.misc5.ulIncrementalReseedCount = h->ulIncrementalReseedCount;
    m.misc6.misc5.logtimeIncrementalReseed = logtime_to_jet(&h->logtimeIncrementalReseed);
    m.misc6.misc5.ulIncrementalReseedCountOld = h->ulIncrementalReseedCountOld;
    m.misc6.misc5.ulPagePatchCount = h->ulPagePatchCount;
    m.misc6.misc5.logtimePagePatch = logtime_to_jet(&h->logtimePagePatch);
    m.misc6.misc5.ulPagePatchCountOld = h->ulPagePatchCountOld;
    m.misc6.logtimeChecksumPrev = logtime_to_jet(&h->logtimeDbscanPrev);
    m.misc6.logtimeChecksumStart = logtime_to_jet(&h->logtimeDbscanStart);
    /* pgnoDbscanHighestContinuous is the next page to check. */
    m.misc6.cpgDatabaseChecked = h->pgnoDbscanHighestContinuous ? h->pgnoDbscanHighestContinuous - 1 : 0;
    m.logtimeLastReAttach = logtime_to_jet(&h->logtimeLastReAttach);
    m.lgposLastReAttach = lgpos_to_jet(&h->lgposLastReAttach);
    memcpy(pv, &m, cb);
}

static bool dbinfomisc_size_ok(ESENT_ULONG cb)
{
    return cb == sizeof(JET_DBINFOMISC) || cb == sizeof(JET_DBINFOMISC2) || cb == sizeof(JET_DBINFOMISC3) ||
           cb == sizeof(JET_DBINFOMISC4) || cb == sizeof(JET_DBINFOMISC5) || cb == sizeof(JET_DBINFOMISC6) ||
           cb == sizeof(JET_DBINFOMISC7);
}

static JET_ERR get_file_info(const ESENT_WCHAR *wszPath, void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    JET_ERR err;
    struct db_header hdr;
    uint32_t cbPage = 0;
    uint64_t cbFile = 0;
    struct os_vfs *vfs = os_vfs_default();

    if (!wszPath) return ERR_TRAP(JET_errInvalidParameter);
    switch (InfoLevel) {
    case JET_DbInfoFilesize:
    case JET_DbInfoFilesizeOnDisk: {
        struct os_file *f = NULL;
        if (cbMax != sizeof(uint64_t)) return ERR_TRAP(JET_errInvalidBufferSize);
        if (!pvResult) return ERR_TRAP(JET_errInvalidParameter);
        CALL_R(os_file_open(vfs, wszPath, OS_OPEN_READONLY, &f));
        err = os_file_size(f, &cbFile);
        os_file_close(f);
        CALL_R(err);
        /* The file system offers no separate allocated size through our OS layer; for the
         * non-sparse files ESE makes the two agree. */
        memcpy(pvResult, &cbFile, sizeof cbFile);
        return JET_errSuccess;
    }
    case JET_DbInfoUpgrade: {
        JET_DBINFOUPGRADE *u = pvResult;
        if (cbMax != sizeof(JET_DBINFOUPGRADE)) return ERR_TRAP(JET_errInvalidBufferSize);
        if (!u) return ERR_TRAP(JET_errInvalidParameter);
        if (u->cbStruct != sizeof(JET_DBINFOUPGRADE)) return ERR_TRAP(JET_errInvalidParameter);
        {
            struct os_file *f = NULL;
            CALL_R(os_file_open(vfs, wszPath, OS_OPEN_READONLY, &f));
            err = os_file_size(f, &cbFile);
            os_file_close(f);
            CALL_R(err);
        }
        memset(u, 0, sizeof *u);
        u->cbStruct = sizeof(JET_DBINFOUPGRADE);
        u->cbFilesizeLow = (ESENT_ULONG)cbFile;
        u->cbFilesizeHigh = (ESENT_ULONG)(cbFile >> 32);
        /* ESE's estimates: an hour per GiB, 10/64 of the file as free space. */
        u->csecToUpgrade = (ESENT_ULONG)((cbFile * 3600) >> 30);
        uint64_t cbFree = (cbFile * 10) >> 6;
        u->cbFreeSpaceRequiredLow = (ESENT_ULONG)cbFree;
        u->cbFreeSpaceRequiredHigh = (ESENT_ULONG)(cbFree >> 32);
        /* Errors reading the header are not reported here: the flags just stay clear. */
        if (isam_db_header_read(vfs, wszPath, &hdr, &cbPage, NULL) >= 0 && hdr.ulMagic == PAGE_DB_MAGIC &&
            hdr.ulVersion == PAGE_DB_VERSION) {
            u->fAlreadyUpgraded = 1;
            if (hdr.dbstate == JET_dbstateBeingConverted) return ERR_TRAP(JET_errDatabaseIncompleteUpgrade);
        }
        return JET_errSuccess;
    }
    case JET_DbInfoMisc:
    case JET_DbInfoPageSize:
    case JET_DbInfoFileType:
        if ((InfoLevel == JET_DbInfoMisc && !dbinfomisc_size_ok(cbMax)) ||
            (InfoLevel == JET_DbInfoPageSize && cbMax != sizeof(ESENT_ULONG)) ||
            (InfoLevel == JET_DbInfoFileType && cbMax != sizeof(ESENT_LONG)))
            return ERR_TRAP(JET_errInvalidBufferSize);
        if (!pvResult) return ERR_TRAP(JET_errInvalidParameter);
        CALL_R(isam_db_header_read(vfs, wszPath, &hdr, &cbPage, NULL));
        if (InfoLevel == JET_DbInfoMisc) {
            if (hdr.filetype != JET_filetypeDatabase) return ERR_TRAP(JET_errFileInvalidType);
            fill_dbinfomisc(&hdr, cbPage, pvResult, cbMax);
        } else if (InfoLevel == JET_DbInfoPageSize) {
            ESENT_ULONG cb = cbPage;
            memcpy(pvResult, &cb, sizeof cb);
        } else {
            ESENT_LONG type = hdr.filetype < 8 ? (ESENT_LONG)hdr.filetype : JET_filetypeUnknown;
            memcpy(pvResult, &type, sizeof type);
        }
        return JET_errSuccess;
    case JET_DbInfoDBInUse: {
        /* Attached databases come with the page store; none is attached yet. */
        int32_t fInUse = 0;
        if (cbMax != sizeof(int32_t)) return ERR_TRAP(JET_errInvalidBufferSize);
        if (!pvResult) return ERR_TRAP(JET_errInvalidParameter);
        memcpy(pvResult, &fInUse, sizeof fInUse);
        return JET_errSuccess;
    }
    default:
        return ERR_TRAP(JET_errInvalidParameter);
    }
}

JET_ERR JET_API JetGetDatabaseFileInfoW(JET_PCWSTR wszDatabaseName, void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    TRACE("(%s, %p, %lu, %lu)", debugstr_w(wszDatabaseName), pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel);
    return api_return(get_file_info(wszDatabaseName, pvResult, cbMax, InfoLevel));
}

JET_ERR JET_API JetGetDatabaseFileInfoA(JET_PCSTR szDatabaseName, void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    JET_ERR err;
    ESENT_WCHAR *wsz = NULL;
    TRACE("(%s, %p, %lu, %lu)", debugstr_a(szDatabaseName), pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel);
    CALL(api_wsz_from_a(szDatabaseName, &wsz));
    err = get_file_info(wsz, pvResult, cbMax, InfoLevel);
out:
    mem_free(wsz);
    return api_return(err);
}

/* ---- JetGetDatabaseInfo: a database the session has open (ESE's ErrIsamGetDatabaseInfo) ---- */

/* ESE's defaults for the legacy levels: code page 1252, country 1, no collation. */
#define DBINFO_CP_DEFAULT       1252
#define DBINFO_COUNTRY_DEFAULT  1
#define DBINFO_LCID_DEFAULT     0x0409
#define DBINFO_TRANSACTIONS     7       /* levels a session may nest */
#define DBINFO_USE_CACHED_RESULT 0x40000000u   /* ESE's JET_DbInfoUseCachedResult modifier */

static JET_ERR put_long(void *pv, ESENT_ULONG cbMax, ESENT_LONG v)
{
    if (cbMax != sizeof(ESENT_LONG)) return ERR_TRAP(JET_errInvalidBufferSize);
    if (!pv) return ERR_TRAP(JET_errInvalidParameter);
    memcpy(pv, &v, sizeof v);
    return JET_errSuccess;
}

/* fWide: JET_DbInfoFilename in UTF-16 (W) or the ANSI code page (A). */
static JET_ERR get_db_info(JET_SESID sesid, JET_DBID dbid, void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel, bool fWide)
{
    JET_ERR err;
    struct isam_session *sess = NULL;
    struct isam_db_info info = { 0 };
    ESENT_ULONG level = InfoLevel & ~DBINFO_USE_CACHED_RESULT;

    CALL(api_session_enter(sesid, &sess));
    CALL(isam_db_get_info(sess, dbid, &info));
    if (cbMax && !pvResult) FAIL(JET_errInvalidParameter);
    switch (level) {
    case JET_DbInfoFilename:
        if (fWide) {
            size_t cb = (wstr_len(info.wszPath) + 1) * sizeof(ESENT_WCHAR);
            if (cb > cbMax) FAIL(JET_errBufferTooSmall);
            memcpy(pvResult, info.wszPath, cb);
        } else {
            err = os_utf16_to_acp(info.wszPath, pvResult, cbMax, NULL);
            if (err == JET_wrnBufferTruncated) FAIL(JET_errBufferTooSmall);
            CALL(err);
        }
        break;
    case JET_DbInfoConnect:
        if (cbMax < 1) FAIL(JET_errBufferTooSmall);
        *(char *)pvResult = 0;
        break;
    case JET_DbInfoCountry: err = put_long(pvResult, cbMax, DBINFO_COUNTRY_DEFAULT); break;
    case JET_DbInfoLCID: err = put_long(pvResult, cbMax, DBINFO_LCID_DEFAULT); break;
    case JET_DbInfoCp: err = put_long(pvResult, cbMax, DBINFO_CP_DEFAULT); break;
    case JET_DbInfoCollate: err = put_long(pvResult, cbMax, 0); break;
    case JET_DbInfoOptions: err = put_long(pvResult, cbMax, info.fExclusive ? JET_bitDbExclusive : 0); break;
    case JET_DbInfoTransactions: err = put_long(pvResult, cbMax, DBINFO_TRANSACTIONS); break;
    case JET_DbInfoVersion: err = put_long(pvResult, cbMax, (ESENT_LONG)PAGE_DB_VERSION); break;
    case JET_DbInfoIsam: FAIL(JET_errFeatureNotAvailable);
    case JET_DbInfoMisc:
        if (!dbinfomisc_size_ok(cbMax)) FAIL(JET_errInvalidBufferSize);
        fill_dbinfomisc(&info.hdr, info.cbPage, pvResult, cbMax);
        break;
    case JET_DbInfoPageSize:
        /* ESE answers a wrong size here with JET_errBufferTooSmall, unlike the other levels. */
        if (cbMax != sizeof(ESENT_ULONG)) FAIL(JET_errBufferTooSmall);
        err = put_long(pvResult, cbMax, (ESENT_LONG)info.cbPage);
        break;
    case JET_DbInfoFilesize:
    case JET_DbInfoFilesizeOnDisk:
        /* In pages, as ESE counts them: the whole file, header and shadow included. */
        err = put_long(pvResult, cbMax, (ESENT_LONG)(info.cpgFile + PAGE_DB_CPG_RESERVED));
        break;
    case JET_DbInfoSpaceOwned: err = put_long(pvResult, cbMax, (ESENT_LONG)info.cpgOwned); break;
    case JET_DbInfoSpaceAvailable: err = put_long(pvResult, cbMax, (ESENT_LONG)info.cpgAvail); break;
    default:
        FAIL(JET_errInvalidParameter);
    }
out:
    mem_free(info.wszPath);
    api_session_leave(sess);
    return err;
}

JET_ERR JET_API JetGetDatabaseInfoW(JET_SESID sesid, JET_DBID dbid, void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    TRACE("(%#lx, %lu, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)dbid, pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel);
    return api_return(get_db_info(sesid, dbid, pvResult, cbMax, InfoLevel, true));
}

JET_ERR JET_API JetGetDatabaseInfoA(JET_SESID sesid, JET_DBID dbid, void *pvResult, ESENT_ULONG cbMax, ESENT_ULONG InfoLevel)
{
    TRACE("(%#lx, %lu, %p, %lu, %lu)", (unsigned long)sesid, (unsigned long)dbid, pvResult, (unsigned long)cbMax, (unsigned long)InfoLevel);
    return api_return(get_db_info(sesid, dbid, pvResult, cbMax, InfoLevel, false));
}
