/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_dbhdr.c: /mh, the database header dump, in Windows' field names and order.
 *
 * Where the values come from: everything JET_DBINFOMISC7 carries is read through the public API
 * (JetGetDatabaseFileInfo with JET_DbInfoMisc and the largest generation), so /mh shows what any
 * program sees through esent.dll. The fields Windows prints beyond that structure (checksums,
 * dbtime, last objid, the pre-redo generations, scrub, resize, extend/shrink/trim counters, flush
 * signatures, revert state, ...) are read from the same header bytes with the page layer's
 * parser. Both readers must pick the same copy (header or shadow); the tool checks that the two
 * agree on the fields they share and reports JET_errDatabaseCorrupted if they do not.
 *
 * Windows prints the header copy it trusts: "DATABASE HEADER:" when the primary is good, "DATABASE
 * SHADOW HEADER:" when only the shadow is, and a WARNING line for each copy that is damaged. A
 * file with neither copy readable is JET_errDatabaseCorrupted. */
#include <inttypes.h>
#include <stdio.h>

#include "esentutl.h"
#include "esent_private.h"
#include "os.h"
#include "page.h"

_Static_assert(sizeof(JET_LOGTIME) == 8, "JET_LOGTIME is the disk LOGTIME");
_Static_assert(sizeof(JET_SIGNATURE) == 28, "JET_SIGNATURE is the disk SIGNATURE");
_Static_assert(sizeof(JET_BKINFO) == 24, "JET_BKINFO is the disk BKINFO");

/* The engine version we write: format 0x620, revision 0x14 (page_format.h). ESE prints its
 * engine format version (efv) beside it; our engine has none, so it prints 0. */
#define ENGINE_UPDATE_MINOR 0u
#define ENGINE_EFV 0u

/* ESE's backup types (DBFILEHDR bkinfoType*). */
enum { BKTYPE_NORMAL = 0, BKTYPE_OS_SNAPSHOT = 1, BKTYPE_SNAPSHOT = 2 };

/* Two copies of the largest page size: enough for header and shadow at any size. */
#define CB_HEADER_READ (2u * PAGE_CB_MAX)

static const char *state_name(uint32_t dbstate)
{
    /* ESE's wording; scripts parse it ("Clean Shutdown"), so it never changes. */
    switch (dbstate) {
    case JET_dbstateJustCreated: return "Just Created";
    case JET_dbstateDirtyShutdown: return "Dirty Shutdown";
    case JET_dbstateCleanShutdown: return "Clean Shutdown";
    case JET_dbstateBeingConverted: return "Being Converted";
    case JET_dbstateForceDetach: return "Force Detach Replay Error";
    case 6: return "Incremental Reseed In Progress";
    case 7: return "Dirty and Patched Shutdown";
    case 8: return "Database Revert in Progress";
    default: return "Illegal";
    }
}

/* ---- value printers over the API's structures and the parsed header ------------------------- */

static void lt_jet(const JET_LOGTIME *plt)
{
    uint8_t rgb[8];
    memcpy(rgb, plt, sizeof rgb);
    eu_print_logtime(rgb);
}

static void lt_hdr(const struct db_logtime *t)
{
    uint8_t rgb[8] = { t->bSeconds, t->bMinutes, t->bHours, t->bDay, t->bMonth, t->bYear,
                       (uint8_t)((t->fUTC ? 1u : 0u) | ((t->wMilliseconds & 0x7Fu) << 1)),
                       (uint8_t)((t->fReserved ? 1u : 0u) | (((t->wMilliseconds >> 7) & 7u) << 1) | ((t->bUnused & 0xFu) << 4)) };
    eu_print_logtime(rgb);
}

static void sig_jet(const JET_SIGNATURE *ps)
{
    uint8_t rgb[28];
    memcpy(rgb, ps, sizeof rgb);
    eu_print_signature(rgb);
}

static void sig_hdr(const struct db_signature *s)
{
    uint8_t rgb[28];
    put_le32(rgb, s->ulRandom);
    rgb[4] = s->logtimeCreate.bSeconds; rgb[5] = s->logtimeCreate.bMinutes; rgb[6] = s->logtimeCreate.bHours;
    rgb[7] = s->logtimeCreate.bDay; rgb[8] = s->logtimeCreate.bMonth; rgb[9] = s->logtimeCreate.bYear;
    rgb[10] = (uint8_t)((s->logtimeCreate.fUTC ? 1u : 0u) | ((s->logtimeCreate.wMilliseconds & 0x7Fu) << 1));
    rgb[11] = (uint8_t)((s->logtimeCreate.fReserved ? 1u : 0u) | (((s->logtimeCreate.wMilliseconds >> 7) & 7u) << 1));
    memcpy(rgb + 12, s->szComputerName, 16);
    eu_print_signature(rgb);
}

static void lgpos_jet(const JET_LGPOS *p) { eu_print_lgpos(p->lGeneration, p->isec, p->ib); }

static void bkinfo(const char *szTitle, const JET_BKINFO *pbk, uint32_t type)
{
    printf("\n%s\n", szTitle);
    printf("        Log Gen: %lu-%lu (0x%lx-0x%lx)%s\n", (unsigned long)pbk->genLow, (unsigned long)pbk->genHigh,
           (unsigned long)pbk->genLow, (unsigned long)pbk->genHigh,
           type == BKTYPE_NORMAL ? "" : type == BKTYPE_OS_SNAPSHOT ? " - OSSnapshot" : type == BKTYPE_SNAPSHOT ? " - Snapshot" : " - UNKNOWN");
    printf("           Mark: ");
    lgpos_jet(&pbk->lgposMark);
    printf("\n           Mark: ");
    lt_jet(&pbk->logtimeMark);
    printf("\n");
}

static JET_BKINFO bkinfo_from_hdr(const struct db_bkinfo *b)
{
    JET_BKINFO j;
    memset(&j, 0, sizeof j);
    j.lgposMark.ib = b->lgposMark.ib;
    j.lgposMark.isec = b->lgposMark.isec;
    j.lgposMark.lGeneration = b->lgposMark.lGeneration;
    uint8_t rgb[8] = { b->logtimeMark.bSeconds, b->logtimeMark.bMinutes, b->logtimeMark.bHours, b->logtimeMark.bDay,
                       b->logtimeMark.bMonth, b->logtimeMark.bYear,
                       (uint8_t)((b->logtimeMark.fUTC ? 1u : 0u) | ((b->logtimeMark.wMilliseconds & 0x7Fu) << 1)),
                       (uint8_t)(((b->logtimeMark.wMilliseconds >> 7) & 7u) << 1) };
    memcpy(&j.logtimeMark, rgb, sizeof rgb);
    j.genLow = b->genLow;
    j.genHigh = b->genHigh;
    return j;
}

static int lgpos_cmp(const struct db_lgpos *a, const struct db_lgpos *b)
{
    if (a->lGeneration != b->lGeneration) return a->lGeneration < b->lGeneration ? -1 : 1;
    if (a->isec != b->isec) return a->isec < b->isec ? -1 : 1;
    if (a->ib != b->ib) return a->ib < b->ib ? -1 : 1;
    return 0;
}

static void count_found(const char *szLabel, const char *szDateLabel, ESENT_ULONG c, const JET_LOGTIME *plt)
{
    if (c) {
        printf("%s: found (%lu)\n", szLabel, (unsigned long)c);
        if (szDateLabel && plt) {
            printf("%s: ", szDateLabel);
            lt_jet(plt);
            printf("\n");
        }
    } else {
        printf("%s: none\n", szLabel);
    }
}

/* The fields, as Windows lists them. m: the API's view; h: the same copy parsed by the page layer. */
static void print_fields(const JET_DBINFOMISC7 *m7, const struct db_header *h)
{
    const JET_DBINFOMISC6 *m6 = &m7->misc6;
    const JET_DBINFOMISC5 *m5 = &m6->misc5;
    const JET_DBINFOMISC4 *m = &m5->misc4;

    printf("\nFields:\n");
    printf("        File Type: %s\n", h->attrib == 0 ? "Database" : "UNKNOWN");
    printf("         Checksum: 0x%" PRIx32 "\n", h->ulChecksum);
    printf("   Format ulMagic: 0x%" PRIx32 "\n", h->ulMagic);
    printf("   Engine ulMagic: 0x%x\n", PAGE_DB_MAGIC);
    printf(" Format ulVersion: 0x%lx,%lu,%" PRIu32 "  (attached by %" PRIu32 ")\n", (unsigned long)m->ulVersion,
           (unsigned long)m->ulUpdate, h->ulDaeUpdateMinor, h->efvMaxBinAttachDiagnostic);
    printf(" Engine ulVersion: 0x%x,%u,%u  (efvCurrent = %u)\n", PAGE_DB_VERSION, PAGE_DB_UPDATE_MAJOR_WRITE,
           ENGINE_UPDATE_MINOR, ENGINE_EFV);
    printf("Created ulVersion: 0x%" PRIx32 ",%d\n", h->ulCreateVersion, (int)(int16_t)h->ulCreateUpdate);
    printf("     DB Signature: ");
    sig_jet(&m->signDb);
    printf("         cbDbPage: %lu\n", (unsigned long)m->cbPageSize);
    printf("           dbtime: %" PRIu64 " (0x%" PRIx64 ")\n", h->dbtimeDirtied, h->dbtimeDirtied);
    printf("            State: %s\n", state_name(m->dbstate));
    printf("     Log Required: %lu-%lu (0x%lx-0x%lx) [Min. Req. Pre-Redo: %" PRIu32 " (0x%" PRIx32 ")]\n",
           (unsigned long)m->genMinRequired, (unsigned long)m->genMaxRequired, (unsigned long)m->genMinRequired,
           (unsigned long)m->genMaxRequired, (uint32_t)h->lGenPreRedoMinRequired, (uint32_t)h->lGenPreRedoMinRequired);
    printf("Gen. Max. Req. Creation Time: ");
    lt_hdr(&h->logtimeGenMaxRequired);
    printf("\n");
    printf("    Log Committed: 0-%lu (0x0-0x%lx)\n", (unsigned long)m->genCommitted, (unsigned long)m->genCommitted);
    printf("Gen. Max. Com. Creation Time: ");
    lt_jet(&m->logtimeGenMaxCreate);
    printf("\n");
    printf("   Log Consistent: %" PRIu32 " (0x%" PRIx32 ") [Pre-Redo: %" PRIu32 " (0x%" PRIx32 ")]\n",
           (uint32_t)h->lGenMinConsistent, (uint32_t)h->lGenMinConsistent, (uint32_t)h->lGenPreRedoMinConsistent,
           (uint32_t)h->lGenPreRedoMinConsistent);
    printf("   Log Recovering: %" PRIu32 " (0x%" PRIx32 ")\n", (uint32_t)h->lGenRecovering, (uint32_t)h->lGenRecovering);
    printf("         Shadowed: %s\n", m->fShadowingDisabled ? "No" : "Yes");
    printf("       Last Objid: %" PRIu32 "\n", h->objidLast);
    printf("     Scrub Dbtime: %" PRIu64 " (0x%" PRIx64 ")\n", h->dbtimeLastScrub, h->dbtimeLastScrub);
    printf("       Scrub Date: ");
    lt_hdr(&h->logtimeScrub);
    printf("\n     Repair Count: %lu\n", (unsigned long)m->ulRepairCount);
    printf("      Repair Date: ");
    lt_jet(&m->logtimeRepair);
    printf("\n Old Repair Count: %lu\n", (unsigned long)m->ulRepairCountOld);
    printf("  Last Consistent: ");
    lgpos_jet(&m->lgposConsistent);
    printf("  ");
    lt_jet(&m->logtimeConsistent);
    printf("\n      Last Attach: ");
    lgpos_jet(&m->lgposAttach);
    printf("  ");
    lt_jet(&m->logtimeAttach);
    printf("\n      Last Detach: ");
    lgpos_jet(&m->lgposDetach);
    printf("  ");
    lt_jet(&m->logtimeDetach);
    printf("\n    Last ReAttach: ");
    lgpos_jet(&m7->lgposLastReAttach);
    printf("  ");
    lt_jet(&m7->logtimeLastReAttach);
    printf("\n             Dbid: %d\n", (int)(int16_t)h->dbid);
    printf("    Log Signature: ");
    sig_jet(&m->signLog);
    printf("       OS Version: (%lu.%lu.%lu SP %lu NLS %" PRIx32 ".%" PRIx32 ")\n", (unsigned long)m->dwMajorVersion,
           (unsigned long)m->dwMinorVersion, (unsigned long)m->dwBuildNumber, (unsigned long)(ESENT_ULONG)m->lSPNumber,
           (uint32_t)(h->qwSortVersion >> 32), (uint32_t)h->qwSortVersion);
    if (m5->ulIncrementalReseedCount || m5->ulIncrementalReseedCountOld || m5->ulPagePatchCount || m5->ulPagePatchCountOld) {
        printf("     Reseed Count: %lu\n", (unsigned long)m5->ulIncrementalReseedCount);
        printf("      Reseed Date: ");
        lt_jet(&m5->logtimeIncrementalReseed);
        printf("\n Old Reseed Count: %lu\n", (unsigned long)m5->ulIncrementalReseedCountOld);
        printf("      Patch Count: %lu\n", (unsigned long)m5->ulPagePatchCount);
        printf("       Patch Date: ");
        lt_jet(&m5->logtimePagePatch);
        printf("\n  Old Patch Count: %lu\n", (unsigned long)m5->ulPagePatchCountOld);
    }

    bkinfo("Previous Full Backup:", &m->bkinfoFullPrev, h->bkinfoTypeFullPrev);
    bkinfo("Previous Incremental Backup:", &m->bkinfoIncPrev, h->bkinfoTypeIncPrev);
    bkinfo("Previous Copy Backup:", &m->bkinfoCopyPrev, h->bkinfoTypeCopyPrev);
    bkinfo("Previous Differential Backup:", &m->bkinfoDiffPrev, h->bkinfoTypeDiffPrev);
    bkinfo("Current Full Backup:", &m->bkinfoFullCur, BKTYPE_NORMAL);
    JET_BKINFO bkSnap = bkinfo_from_hdr(&h->bkinfoSnapshotCur);
    bkinfo("Current Shadow copy backup:", &bkSnap, BKTYPE_NORMAL);

    printf("\n     cpgUpgrade55Format: %d\n", (int)h->cpgUpgrade55Format);
    printf("    cpgUpgradeFreePages: %d\n", (int)h->cpgUpgradeFreePages);
    printf("cpgUpgradeSpaceMapPages: %d\n", (int)h->cpgUpgradeSpaceMapPages);

    printf("\n      Last Resize: ");
    eu_print_lgpos(h->lgposLastResize.lGeneration, h->lgposLastResize.isec, h->lgposLastResize.ib);
    printf("  ");
    if (!lgpos_cmp(&h->lgposLastResize, &h->lgposAttach))
        printf("(Matches \"Last Attach\", no subsequent resize)");
    else if (!lgpos_cmp(&h->lgposLastResize, &h->lgposConsistent))
        printf("(Matches \"Last Consistent\", no subsequent resize)");
    printf("\n");

    printf("\n     Extend Count: %" PRIu32 "\n      Extend Date: ", h->ulExtendCount);
    lt_hdr(&h->logtimeLastExtend);
    printf("\n\n     Shrink Count: %" PRIu32 "\n      Shrink Date: ", h->ulShrinkCount);
    lt_hdr(&h->logtimeLastShrink);
    printf("\n\n       Trim Count: %" PRIu32 "\n", h->ulTrimCount);

    /* ESE tracks these only for files marked as databases (not the older "unknown" type). */
    if (h->filetype == PAGE_FILETYPE_DATABASE) {
        printf("\n");
        count_found("       ECC Fix Success Count", "   Last ECC Fix Success Date", m->ulECCFixSuccess, &m->logtimeECCFixSuccess);
        count_found("   Old ECC Fix Success Count", NULL, m->ulECCFixSuccessOld, NULL);
        count_found("         ECC Fix Error Count", "     Last ECC Fix Error Date", m->ulECCFixFail, &m->logtimeECCFixFail);
        count_found("     Old ECC Fix Error Count", NULL, m->ulECCFixFailOld, NULL);
        count_found("    Bad Checksum Error Count", "Last Bad Checksum Error Date", m->ulBadChecksum, &m->logtimeBadChecksum);
        count_found("Old bad Checksum Error Count", NULL, m->ulBadChecksumOld, NULL);
        printf("\n  Last Database Maintenance Finish Date: ");
        lt_jet(&m6->logtimeChecksumPrev);
        printf("\nCurrent Database Maintenance Start Date: ");
        lt_jet(&m6->logtimeChecksumStart);
        printf("\n      Highest Continuous Database Maintenance Page: %" PRIu32 "\n", h->pgnoDbscanHighestContinuous);
        printf("      Highest Database Maintenance Page: %" PRIu32 "\n", h->pgnoDbscanHighest);
    }

    printf("\n  Database Header Flush Signature: ");
    sig_hdr(&h->signDbHdrFlush);
    printf(" Flush Map Header Flush Signature: ");
    sig_hdr(&h->signFlushMapHdrFlush);
    printf("       RBS Header Flush Signature: ");
    sig_hdr(&h->signRBSHdrFlush);

    if (h->ulRevertCount || h->ulRevertPageCount) {
        printf("\n     Revert Count: %" PRIu32 "\n Revert From Date: ", h->ulRevertCount);
        lt_hdr(&h->logtimeRevertFrom);
        printf("\n   Revert To Date: ");
        lt_hdr(&h->logtimeRevertTo);
        printf("\nRevert Page Count: %" PRIu32 "\n", h->ulRevertPageCount);
        printf("Last Commit Before Revert: ");
        eu_print_lgpos(h->lgposCommitBeforeRevert.lGeneration, h->lgposCommitBeforeRevert.isec,
                       h->lgposCommitBeforeRevert.ib);
        printf("  \n");
    }

    /* The two JET_DBINFOMISC fields Windows does not print, after everything it does. */
    printf("\n        Upgrade DB: %s\n", m->fUpgradeDb ? "Yes" : "No");
    printf("Pages Checked by Maintenance: %lu\n", (unsigned long)m6->cpgDatabaseChecked);
}

/* The fields both readers give must agree: a disagreement means the tool and the engine read
 * different copies or different bytes, and nothing printed could be trusted. */
static bool api_matches_header(const JET_DBINFOMISC7 *m7, const struct db_header *h)
{
    const JET_DBINFOMISC4 *m = &m7->misc6.misc5.misc4;
    return m->ulVersion == h->ulVersion && m->ulUpdate == h->ulDaeUpdateMajor && m->dbstate == h->dbstate &&
           m->signDb.ulRandom == h->signDb.ulRandom && m->signLog.ulRandom == h->signLog.ulRandom &&
           m->lgposConsistent.lGeneration == h->lgposConsistent.lGeneration &&
           m->genMinRequired == (ESENT_ULONG)h->lGenMinRequired && m->genMaxRequired == (ESENT_ULONG)h->lGenMaxRequired &&
           m->dwBuildNumber == h->dwBuildNumber && m->cbPageSize == page_dbhdr_cb_page(h);
}

/* The state of one header copy read at cbPage. */
struct copy_state {
    bool fPresent;          /* the file holds the whole copy */
    bool fChecksumOk;
    uint32_t ulStored, ulComputed;
};

static struct copy_state copy_check(const uint8_t *pb, size_t cbHave, size_t ib, uint32_t cbPage)
{
    struct copy_state c;
    memset(&c, 0, sizeof c);
    if (ib > cbHave || cbHave - ib < cbPage || cbPage < PAGE_DB_CB_HEADER_USED) return c;
    c.fPresent = true;
    c.ulStored = get_le32(pb + ib);
    c.ulComputed = page_dbhdr_checksum(pb + ib, cbPage);
    c.fChecksumOk = c.ulStored == c.ulComputed;
    return c;
}

static void print_checksum_info(const struct copy_state *c)
{
    printf("Checksum Information:\n");
    printf("Expected Checksum: 0x%08" PRIx32 "\n", c->ulStored);
    printf("  Actual Checksum: 0x%08" PRIx32 "\n", c->ulComputed);
}

JET_ERR eu_mode_dump_header(const struct eu_opts *o)
{
    JET_ERR err;
    struct os_file *f = NULL;
    uint8_t *pb = NULL;
    size_t cbHave = 0;
    JET_DBINFOMISC7 misc;
    struct db_header hdr;
    struct page_dbhdr_choice choice;
    bool fUsable = false, fIdentical = false;
    struct copy_state primary, shadow;
    uint32_t cbPage = 0;

    printf("Initiating FILE DUMP mode...\n");
    err = eu_file_open(o->szSource, OS_OPEN_READONLY, &f);
    if (err >= 0) {
        pb = mem_calloc(1, CB_HEADER_READ);
        err = pb ? eu_file_read_at(f, 0, pb, CB_HEADER_READ, &cbHave) : JET_errOutOfMemory;
    }
    if (err < 0) {
        printf("Error: Access to source database '%s' failed with Jet error %ld.\n", o->szSource, (long)err);
        goto out;
    }
    printf("         Database: %s\n\n", o->szSource);

    /* Which copy is good, at which page size: the page layer's rule, which is ESE's. */
    if (page_dbhdr_select(pb, cbHave, &choice) >= 0) {
        cbPage = choice.cbPage;
        fUsable = true;
    } else {
        uint32_t cbField = cbHave >= PAGE_DB_CB_HEADER_USED ? get_le32(pb + offsetof(struct dbfilehdr_disk, cbPageSize)) : 0;
        cbPage = page_cb_valid(cbField) ? cbField : 4096u;
    }
    if (o->cbPage && o->cbPage != cbPage && fUsable)
        printf("WARNING: the header names %lu-byte pages, not the %lu bytes given on the command line; using %lu.\n",
               (unsigned long)cbPage, (unsigned long)o->cbPage, (unsigned long)cbPage);
    primary = copy_check(pb, cbHave, 0, cbPage);
    shadow = copy_check(pb, cbHave, cbPage, cbPage);
    fIdentical = primary.fPresent && shadow.fPresent && !memcmp(pb, pb + cbPage, cbPage);

    if (fUsable) {
        memset(&misc, 0, sizeof misc);
        err = JetGetDatabaseFileInfoA(o->szSource, &misc, sizeof misc, JET_DbInfoMisc);
        if (err < 0) {
            printf("Error: Access to source database '%s' failed with Jet error %ld.\n", o->szSource, (long)err);
            goto out;
        }
        CALL(page_dbhdr_parse(pb + choice.ibHeader, cbPage, &hdr));
        if (!api_matches_header(&misc, &hdr)) {
            printf("ERROR: the header fields read through JetGetDatabaseFileInfo differ from the file's bytes.\n");
            FAIL(JET_errDatabaseCorrupted);
        }
        if (choice.ibHeader == 0 || o->fVerbose) {
            printf("DATABASE HEADER:\n");
            print_checksum_info(&primary);
            if (choice.ibHeader == 0) print_fields(&misc, &hdr);
        }
        if (choice.ibHeader != 0 || o->fVerbose) {
            printf("%sDATABASE SHADOW HEADER:\n", choice.ibHeader == 0 ? "\n" : "");
            print_checksum_info(&shadow);
            if (choice.ibHeader != 0) print_fields(&misc, &hdr);
        }
    } else if (o->fVerbose) {
        printf("DATABASE HEADER:\n");
        print_checksum_info(&primary);
        printf("\nDATABASE SHADOW HEADER:\n");
        print_checksum_info(&shadow);
    }

    printf("\n");
    if (!fIdentical) printf("WARNING: primary header and shadow header are not identical.\n");
    if (primary.fPresent && !primary.fChecksumOk) printf("WARNING: primary header has a checksum error.\n");
    if (shadow.fPresent && !shadow.fChecksumOk) printf("WARNING: shadow header has a checksum error.\n");
    if (primary.fPresent && primary.ulComputed == 0) printf("WARNING: primary header has a zeroed checksum.\n");
    if (shadow.fPresent && shadow.ulComputed == 0) printf("WARNING: shadow header has a zeroed checksum.\n");
    if (!primary.fPresent) printf("WARNING: the file is too short to hold a primary header.\n");
    else if (!shadow.fPresent) printf("WARNING: the file is too short to hold a shadow header.\n");
    if (fUsable && cbPage == 2048)
        printf("WARNING: this is a legacy database using a 2KB page size, which is no longer supported in this version of ESE.\n");
    if (!fUsable) err = JET_errDatabaseCorrupted;
out:
    mem_free(pb);
    os_file_close(f);
    return err;
}
