/* SPDX-License-Identifier: MIT
 * page/page_dbhdr.c: the database header (DBFILEHDR) and its shadow: decode, encode, checksum,
 * choosing the good copy, and the attach-time format checks.
 * Layer: page (uses base).
 * ESE-FORMAT-NOTES §1 (file layout), §2 (fields), §3.1 (checksum). ESE's behaviour followed here:
 * the shadowed-header reader (try every page size, trust a copy only when its checksum matches
 * and its page-size field names the size tried) and the attach checks (magic, version, page size,
 * attrib, file type). */
#include "page.h"
#include "debug.h"

DEBUG_CHANNEL(page);

/* ---- sub-structures ---------------------------------------------------------------------- */

static void logtime_get(const struct logtime_disk *d, struct db_logtime *t)
{
    t->bSeconds = d->bSeconds;
    t->bMinutes = d->bMinutes;
    t->bHours = d->bHours;
    t->bDay = d->bDay;
    t->bMonth = d->bMonth;
    t->bYear = d->bYear;
    t->fUTC = d->bMillisLowUtc & 1;
    t->wMilliseconds = (uint16_t)((d->bMillisLowUtc >> 1) | (((d->bMillisHighReserved >> 1) & 7u) << 7));
    t->fReserved = d->bMillisHighReserved & 1;
    t->bUnused = (uint8_t)(d->bMillisHighReserved >> 4);
}

static void logtime_put(struct logtime_disk *d, const struct db_logtime *t)
{
    d->bSeconds = t->bSeconds;
    d->bMinutes = t->bMinutes;
    d->bHours = t->bHours;
    d->bDay = t->bDay;
    d->bMonth = t->bMonth;
    d->bYear = t->bYear;
    d->bMillisLowUtc = (uint8_t)((t->fUTC ? 1u : 0u) | ((t->wMilliseconds & 0x7Fu) << 1));
    d->bMillisHighReserved = (uint8_t)((t->fReserved ? 1u : 0u) | (((t->wMilliseconds >> 7) & 7u) << 1)
                                       | ((t->bUnused & 0xFu) << 4));
}

static void lgpos_get(const struct lgpos_disk *d, struct db_lgpos *l)
{
    l->ib = le16_get(&d->ib);
    l->isec = le16_get(&d->isec);
    l->lGeneration = (int32_t)le32_get(&d->lGeneration);
}

static void lgpos_put(struct lgpos_disk *d, const struct db_lgpos *l)
{
    le16_put(&d->ib, l->ib);
    le16_put(&d->isec, l->isec);
    le32_put(&d->lGeneration, (uint32_t)l->lGeneration);
}

static void signature_get(const struct signature_disk *d, struct db_signature *s)
{
    s->ulRandom = le32_get(&d->ulRandom);
    logtime_get(&d->logtimeCreate, &s->logtimeCreate);
    memcpy(s->szComputerName, d->szComputerName, sizeof s->szComputerName);
}

static void signature_put(struct signature_disk *d, const struct db_signature *s)
{
    le32_put(&d->ulRandom, s->ulRandom);
    logtime_put(&d->logtimeCreate, &s->logtimeCreate);
    memcpy(d->szComputerName, s->szComputerName, sizeof d->szComputerName);
}

static void bkinfo_get(const struct bkinfo_disk *d, struct db_bkinfo *b)
{
    lgpos_get(&d->lgposMark, &b->lgposMark);
    logtime_get(&d->logtimeMark, &b->logtimeMark);
    b->genLow = le32_get(&d->genLow);
    b->genHigh = le32_get(&d->genHigh);
}

static void bkinfo_put(struct bkinfo_disk *d, const struct db_bkinfo *b)
{
    lgpos_put(&d->lgposMark, &b->lgposMark);
    logtime_put(&d->logtimeMark, &b->logtimeMark);
    le32_put(&d->genLow, b->genLow);
    le32_put(&d->genHigh, b->genHigh);
}

/* One table drives both directions so that a field cannot be decoded and forgotten when
 * encoding (the round-trip test over the samples would catch it, but this way it cannot arise). */
#define FIELDS(X) \
    X(U32, ulChecksum) X(U32, ulMagic) X(U32, ulVersion) X(I32, attrib) X(U64, dbtimeDirtied) \
    X(SIG, signDb) X(U32, dbstate) X(LGP, lgposConsistent) X(LT, logtimeConsistent) \
    X(LT, logtimeAttach) X(LGP, lgposAttach) X(LT, logtimeDetach) X(LGP, lgposDetach) \
    X(U32, dbid) X(SIG, signLog) X(BK, bkinfoFullPrev) X(BK, bkinfoIncPrev) X(BK, bkinfoFullCur) \
    X(U32, ulDbFlags) X(U32, objidLast) X(U32, dwMajorVersion) X(U32, dwMinorVersion) \
    X(U32, dwBuildNumber) X(I32, lSPNumber) X(U32, ulDaeUpdateMajor) X(U32, cbPageSize) \
    X(U32, ulRepairCount) X(LT, logtimeRepair) X(RAW, rgbReservedSignSLV) X(U64, dbtimeLastScrub) \
    X(LT, logtimeScrub) X(I32, lGenMinRequired) X(I32, lGenMaxRequired) \
    X(I32, cpgUpgrade55Format) X(I32, cpgUpgradeFreePages) X(I32, cpgUpgradeSpaceMapPages) \
    X(BK, bkinfoSnapshotCur) X(U32, ulCreateVersion) X(U32, ulCreateUpdate) \
    X(LT, logtimeGenMaxCreate) X(U32, bkinfoTypeFullPrev) X(U32, bkinfoTypeIncPrev) \
    X(U32, ulRepairCountOld) X(U32, ulECCFixSuccess) X(LT, logtimeECCFixSuccess) \
    X(U32, ulECCFixSuccessOld) X(U32, ulECCFixFail) X(LT, logtimeECCFixFail) \
    X(U32, ulECCFixFailOld) X(U32, ulBadChecksum) X(LT, logtimeBadChecksum) \
    X(U32, ulBadChecksumOld) X(I32, lGenMaxCommitted) X(BK, bkinfoCopyPrev) X(BK, bkinfoDiffPrev) \
    X(U32, bkinfoTypeCopyPrev) X(U32, bkinfoTypeDiffPrev) X(U32, ulIncrementalReseedCount) \
    X(LT, logtimeIncrementalReseed) X(U32, ulIncrementalReseedCountOld) X(U32, ulPagePatchCount) \
    X(LT, logtimePagePatch) X(U32, ulPagePatchCountOld) X(U64, qwSortVersion) \
    X(LT, logtimeDbscanPrev) X(LT, logtimeDbscanStart) X(U32, pgnoDbscanHighestContinuous) \
    X(I32, lGenRecovering) X(U32, ulExtendCount) X(LT, logtimeLastExtend) X(U32, ulShrinkCount) \
    X(LT, logtimeLastShrink) X(LT, logtimeLastReAttach) X(LGP, lgposLastReAttach) \
    X(U32, ulTrimCount) X(SIG, signDbHdrFlush) X(SIG, signFlushMapHdrFlush) \
    X(I32, lGenMinConsistent) X(U32, ulDaeUpdateMinor) X(U32, efvMaxBinAttachDiagnostic) \
    X(U32, pgnoDbscanHighest) X(LGP, lgposLastResize) X(RAW, rgbReserved) X(U32, filetype) \
    X(RAW, rgbReserved2) X(LT, logtimeGenMaxRequired) X(I32, lGenPreRedoMinConsistent) \
    X(I32, lGenPreRedoMinRequired) X(SIG, signRBSHdrFlush) X(U32, ulRevertCount) \
    X(LT, logtimeRevertFrom) X(LT, logtimeRevertTo) X(U32, ulRevertPageCount) \
    X(LGP, lgposCommitBeforeRevert)

#define GET_U32(f) h->f = le32_get(&d->f);
#define GET_I32(f) h->f = (int32_t)le32_get(&d->f);
#define GET_U64(f) h->f = le64_get(&d->f);
#define GET_LT(f)  logtime_get(&d->f, &h->f);
#define GET_LGP(f) lgpos_get(&d->f, &h->f);
#define GET_SIG(f) signature_get(&d->f, &h->f);
#define GET_BK(f)  bkinfo_get(&d->f, &h->f);
#define GET_RAW(f) _Static_assert(sizeof h->f == sizeof d->f, #f); memcpy(h->f, d->f, sizeof h->f);
#define GET(kind, f) GET_##kind(f)

#define PUT_U32(f) le32_put(&d->f, h->f);
#define PUT_I32(f) le32_put(&d->f, (uint32_t)h->f);
#define PUT_U64(f) le64_put(&d->f, h->f);
#define PUT_LT(f)  logtime_put(&d->f, &h->f);
#define PUT_LGP(f) lgpos_put(&d->f, &h->f);
#define PUT_SIG(f) signature_put(&d->f, &h->f);
#define PUT_BK(f)  bkinfo_put(&d->f, &h->f);
#define PUT_RAW(f) memcpy(d->f, h->f, sizeof d->f);
#define PUT(kind, f) PUT_##kind(f)

JET_ERR page_dbhdr_parse(const void *buf, size_t cb, struct db_header *h)
{
    if (cb < PAGE_DB_CB_HEADER_USED)
        return ERR_CORRUPT(0, "database header shorter than DBFILEHDR");
    /* The disk struct has alignment 1 (byte arrays only), so this cast is a view of bytes. */
    const struct dbfilehdr_disk *d = (const struct dbfilehdr_disk *)buf;
    memset(h, 0, sizeof *h);
    FIELDS(GET)
    return JET_errSuccess;
}

void page_dbhdr_serialize(const struct db_header *h, void *buf, uint32_t cbPage)
{
    assert(cbPage >= PAGE_DB_CB_HEADER_USED && cbPage % 4 == 0);
    struct dbfilehdr_disk *d = (struct dbfilehdr_disk *)buf;
    memset(buf, 0, cbPage);
    FIELDS(PUT)
    le32_put(&d->ulChecksum, page_dbhdr_checksum(buf, cbPage));
}

/* §3.1: the seed XOR every u32 after the checksum itself, over the whole page. */
uint32_t page_dbhdr_checksum(const void *buf, uint32_t cbPage)
{
    const uint8_t *pb = (const uint8_t *)buf;
    uint32_t x = PAGE_DB_MAGIC;
    for (uint32_t ib = 4; ib + 4 <= cbPage; ib += 4)
        x ^= get_le32(pb + ib);
    return x;
}

bool page_dbhdr_checksum_ok(const void *buf, uint32_t cbPage)
{
    return get_le32(buf) == page_dbhdr_checksum(buf, cbPage);
}

void page_patchhdr_serialize(const struct db_patchhdr *p, void *buf, uint32_t cbPage)
{
    assert(cbPage >= sizeof(struct patchhdr_disk) && cbPage % 4 == 0);
    struct patchhdr_disk *d = (struct patchhdr_disk *)buf;
    memset(buf, 0, cbPage);
    bkinfo_put(&d->bkinfo, &p->bkinfo);
    signature_put(&d->signDb, &p->signDb);
    signature_put(&d->signLog, &p->signLog);
    le32_put(&d->lgenMinReq, p->lgenMinReq);
    le32_put(&d->lgenMaxReq, p->lgenMaxReq);
    le32_put(&d->lgenMaxCommitted, p->lgenMaxCommitted);
    logtime_put(&d->logtimeGenMaxRequired, &p->logtimeGenMaxRequired);
    logtime_put(&d->logtimeGenMaxCommitted, &p->logtimeGenMaxCommitted);
    put_le32(buf, page_dbhdr_checksum(buf, cbPage));
}

JET_ERR page_patchhdr_parse(const void *buf, uint32_t cbPage, struct db_patchhdr *p)
{
    if (cbPage < sizeof(struct patchhdr_disk) || cbPage % 4 != 0)
        return ERR_CORRUPT(0, "backup trailer shorter than PATCHHDR");
    if (!page_dbhdr_checksum_ok(buf, cbPage))
        return ERR_CORRUPT_E(JET_errReadVerifyFailure, 0, "backup trailer checksum");
    const struct patchhdr_disk *d = (const struct patchhdr_disk *)buf;
    memset(p, 0, sizeof *p);
    bkinfo_get(&d->bkinfo, &p->bkinfo);
    signature_get(&d->signDb, &p->signDb);
    signature_get(&d->signLog, &p->signLog);
    p->lgenMinReq = le32_get(&d->lgenMinReq);
    p->lgenMaxReq = le32_get(&d->lgenMaxReq);
    p->lgenMaxCommitted = le32_get(&d->lgenMaxCommitted);
    logtime_get(&d->logtimeGenMaxRequired, &p->logtimeGenMaxRequired);
    logtime_get(&d->logtimeGenMaxCommitted, &p->logtimeGenMaxCommitted);
    return JET_errSuccess;
}

/* A copy at ib of size cbCandidate is good when it is wholly present, its checksum matches and
 * its page-size field (0 meaning 4096) names cbCandidate: the same test ESE applies, which is
 * what lets it find the page size of a file it knows nothing about. */
static bool copy_good(const uint8_t *pbFile, size_t cbFile, size_t ib, uint32_t cbCandidate)
{
    if (ib > cbFile || cbFile - ib < cbCandidate)
        return false;
    const uint8_t *pb = pbFile + ib;
    if (!page_dbhdr_checksum_ok(pb, cbCandidate))
        return false;
    uint32_t cbStored = get_le32(pb + offsetof(struct dbfilehdr_disk, cbPageSize));
    if (cbStored == 0)
        cbStored = 4096;
    return cbStored == cbCandidate;
}

JET_ERR page_dbhdr_select(const void *pbFileV, size_t cbFile, struct page_dbhdr_choice *pch)
{
    const uint8_t *pbFile = (const uint8_t *)pbFileV;
    uint32_t cbPrimary = 0, cbShadow = 0;

    /* 2 KiB pages were dropped after Windows 8.1; finding one still lets validate name it. */
    for (uint32_t cb = 2048; cb <= PAGE_CB_MAX; cb *= 2) {
        if (copy_good(pbFile, cbFile, 0, cb))
            cbPrimary = cb;
        if (copy_good(pbFile, cbFile, cb, cb))
            cbShadow = cb;
    }

    if (!cbPrimary && !cbShadow)
        return ERR_CORRUPT_E(JET_errReadVerifyFailure, 0, "neither database header copy has a good checksum");

    if (cbPrimary) {
        pch->cbPage = cbPrimary;
        pch->ibHeader = 0;
        if (cbShadow == cbPrimary && !memcmp(pbFile, pbFile + cbPrimary, cbPrimary)) {
            pch->status = PAGE_DBHDR_BOTH_OK;
        } else {
            WARN("database header shadow is bad or differs from the header; using the header\n");
            pch->status = PAGE_DBHDR_SHADOW_BAD;
        }
    } else {
        WARN("database header is bad; using its shadow\n");
        pch->cbPage = cbShadow;
        pch->ibHeader = cbShadow;
        pch->status = PAGE_DBHDR_PRIMARY_BAD;
    }
    return JET_errSuccess;
}

JET_ERR page_dbhdr_unreadable_error(const void *pbFile, size_t cbFile)
{
    if (cbFile >= 12 && get_le32((const uint8_t *)pbFile + 4) == PAGE_DB_MAGIC) {
        if (get_le32((const uint8_t *)pbFile + 8) == PAGE_DB_VERSION_500)
            return ERR_TRAP(JET_errDatabase500Format);
        return ERR_TRAP(JET_errInvalidDatabaseVersion);
    }
    return ERR_CORRUPT(0, "file has no database header");
}

JET_ERR page_dbhdr_validate(const struct db_header *h, uint32_t ulUpdateMajorMax)
{
    if (h->ulMagic != PAGE_DB_MAGIC) {
        WARN("header magic %#x\n", (unsigned)h->ulMagic);
        return ERR_TRAP(JET_errInvalidDatabaseVersion);
    }
    /* Older than ESE97, or a major format newer than any engine we know. */
    if (h->ulVersion != PAGE_DB_VERSION) {
        WARN("database format %#x is not %#x\n", (unsigned)h->ulVersion, PAGE_DB_VERSION);
        return ERR_TRAP(JET_errInvalidDatabaseVersion);
    }
    if (h->ulDaeUpdateMajor > ulUpdateMajorMax) {
        WARN("database revision %#x is newer than %#x\n", (unsigned)h->ulDaeUpdateMajor, (unsigned)ulUpdateMajorMax);
        return ERR_TRAP(JET_errInvalidDatabaseVersion);
    }

    uint32_t cbPage = page_dbhdr_cb_page(h);
    if (cbPage == 2048)
        return ERR_TRAP(JET_errPageSizeMismatch);
    if (!page_cb_valid(cbPage))
        return ERR_CORRUPT(0, "database header names an unknown page size");
    /* The long-value chunk size of large pages changed incompatibly at revision 0x11 (§10). */
    if (page_cb_is_large(cbPage) && h->ulDaeUpdateMajor < PAGE_DB_UPDATE_NEW_LV_CHUNK) {
        WARN("large-page database at revision %#x predates the LV chunk change\n", (unsigned)h->ulDaeUpdateMajor);
        return ERR_TRAP(JET_errInvalidDatabaseVersion);
    }

    if (h->attrib != 0)
        return ERR_CORRUPT(0, "database header attrib is not 'database'");
    if (h->filetype != PAGE_FILETYPE_UNKNOWN && h->filetype != PAGE_FILETYPE_DATABASE
            && h->filetype != PAGE_FILETYPE_TEMP_DB)
        return ERR_CORRUPT(0, "database header file type is not a database");
    return JET_errSuccess;
}
