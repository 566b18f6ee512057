/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_checksum.c: /k, the checksum of every page of a database file, with the page
 * layer's verifier (the same code the engine runs on every page it reads).
 *
 * As in Windows: file pages 0 and 1 are the header and its shadow (reported as pages -1 and 0
 * "(header)"), an all-zero page is "uninitialized" (not an error), a page whose checksum fails is
 * printed on stderr as "ERROR: page N checksum failed", a page one flipped bit away from its
 * checksum as "WARNING: page N checksum verification failed but the corruption ( bit B ) can be
 * corrected" (not an error either), then come the totals. Any bad page makes the result
 * JET_errDatabaseCorrupted. The database is only read. Log and checkpoint files get their header
 * checked; a temporary database has no checksums to check. */
#include <inttypes.h>
#include <stdio.h>

#include "esentutl.h"
#include "eu_logfmt.h"
#include "os.h"
#include "page.h"

/* Read this much at a time (whole pages). */
#define CB_CHUNK (1024u * 1024u)

struct checksum_stats {
    uint32_t cpagesSeen, cpagesBad, cpagesCorrectable, cpagesUninit, cpagesWrongPgno;
    uint64_t dbtimeHighest;
    uint32_t pgnoDbtimeHighest;
    uint32_t cReads;
    uint64_t msReadTotal, msReadMax, msReadMin;
};

static bool all_zero(const uint8_t *pb, size_t cb)
{
    for (size_t i = 0; i < cb; i++)
        if (pb[i]) return false;
    return true;
}

/* The last page of a backed-up database may be a trailer, which carries a header checksum. ESE
 * recognizes it by zeros where a page has its checksum's high half, dbtime and objidFDP. */
static bool looks_like_trailer(const uint8_t *pb)
{
    return get_le32(pb + 4) == 0 && get_le32(pb + 8) == 0 && get_le32(pb + 12) == 0 && get_le32(pb + 24) == 0;
}

static void check_page(const uint8_t *pb, uint32_t cbPage, uint64_t ipage, uint64_t cpageFile, struct checksum_stats *st)
{
    st->cpagesSeen++;
    if (all_zero(pb, cbPage)) {
        st->cpagesUninit++;
        return;
    }
    bool fHeader = ipage < PAGE_DB_CPG_RESERVED;
    bool fTrailer = !fHeader && ipage + 1 == cpageFile && looks_like_trailer(pb);
    /* The number Windows shows: physical page - 2, so the header is -1 and the shadow 0. */
    long pgnoShown = (long)ipage - (long)PAGE_DB_CPG_RESERVED + 1;
    const char *szKind = fHeader ? " (header)" : "";
    uint32_t pgno = fHeader ? 0 : (uint32_t)(ipage - PAGE_DB_CPG_RESERVED + 1);

    if (fHeader || fTrailer) {
        if (!page_dbhdr_checksum_ok(pb, cbPage)) {
            fprintf(stderr, "ERROR: page %ld%s checksum failed\n", pgnoShown, szKind);
            st->cpagesBad++;
        }
        return;
    }
    struct page_checksum_report rep;
    JET_ERR err = page_checksum_verify(pb, cbPage, pgno, &rep);
    if (err < 0) {
        if (rep.fCorrectable) {
            fprintf(stderr, "WARNING: page %ld%s checksum verification failed but the corruption ( bit %ld ) can be corrected\n",
                    pgnoShown, szKind, (long)rep.ibitCorrupted);
            st->cpagesCorrectable++;
        } else {
            fprintf(stderr, "ERROR: page %ld%s checksum failed\n", pgnoShown, szKind);
            st->cpagesBad++;
            return;
        }
    }
    struct page_view v = page_view_make(pb, cbPage, pgno);
    if (v.large && page_pgno_stored(&v) != pgno) {
        fprintf(stderr, "ERROR: page %ld stores page number %" PRIu32 "\n", pgnoShown, page_pgno_stored(&v));
        st->cpagesWrongPgno++;
        return;
    }
    if (page_dbtime(&v) > st->dbtimeHighest) {
        st->dbtimeHighest = page_dbtime(&v);
        st->pgnoDbtimeHighest = pgno;
    }
}

static void print_stats(const struct checksum_stats *st, uint32_t cbPage, uint64_t msElapsed)
{
    uint32_t mbRead = st->cpagesSeen / ((1024u * 1024u) / cbPage);
    uint64_t sec = msElapsed / 1000 ? msElapsed / 1000 : 1;
    printf("\n\n");
    printf("%" PRIu32 " pages seen\n", st->cpagesSeen);
    printf("%" PRIu32 " bad checksums\n", st->cpagesBad);
    printf("%" PRIu32 " correctable checksums\n", st->cpagesCorrectable);
    printf("%" PRIu32 " uninitialized pages\n", st->cpagesUninit);
    printf("%" PRIu32 " wrong page numbers\n", st->cpagesWrongPgno);
    printf("0x%" PRIx64 " highest dbtime (pgno 0x%" PRIx32 ")\n", st->dbtimeHighest, st->pgnoDbtimeHighest);
    printf("\n%" PRIu32 " reads performed\n", st->cReads);
    printf("%" PRIu32 " MB read\n", mbRead);
    printf("%" PRIu64 " seconds taken\n", sec);
    printf("%" PRIu64 " MB/second\n", mbRead / sec);
    printf("%" PRIu64 " milliseconds used\n", st->msReadTotal);
    printf("%" PRIu64 " milliseconds per read\n", st->cReads ? st->msReadTotal / st->cReads : 0);
    printf("%" PRIu64 " milliseconds for the slowest read\n", st->msReadMax);
    printf("%" PRIu64 " milliseconds for the fastest read\n", st->cReads ? st->msReadMin : 0);
    printf("\n");
}

static JET_ERR checksum_database(const struct eu_opts *o, struct os_file *f, uint32_t cbPage)
{
    JET_ERR err;
    uint64_t cbFile = 0;
    uint8_t *pb = NULL;
    struct checksum_stats st;
    struct eu_progress prog;
    char szErr[512];

    memset(&st, 0, sizeof st);
    st.msReadMin = UINT64_MAX;
    CALL(os_file_size(f, &cbFile));
    uint64_t cpageFile = cbFile / cbPage;
    uint32_t cbChunk = CB_CHUNK - CB_CHUNK % cbPage;
    pb = mem_alloc(cbChunk);
    if (!pb) FAIL(JET_errOutOfMemory);

    printf("File: %s\n\n", o->szSource);
    eu_progress_begin(&prog, "Checksum Status (% complete)");
    uint64_t msStart = os_time_ms();
    fflush(stdout);     /* bad pages go to stderr: keep the two in order on a console */
    for (uint64_t ipage = 0; ipage < cpageFile;) {
        uint64_t cpage = MIN((uint64_t)(cbChunk / cbPage), cpageFile - ipage);
        uint64_t msRead = os_time_ms();
        err = os_file_read(f, ipage * cbPage, pb, (size_t)(cpage * cbPage));
        msRead = os_time_ms() - msRead;
        st.cReads++;
        st.msReadTotal += msRead;
        st.msReadMax = MAX(st.msReadMax, msRead);
        st.msReadMin = MIN(st.msReadMin, msRead);
        if (err < 0) {
            eu_progress_end(&prog);
            printf("Read at offset 0x%016" PRIx64 " for %" PRIu64 " bytes failed with error %ld (%s).\n", ipage * cbPage,
                   cpage * cbPage, (long)err, eu_err_text(err, szErr, sizeof szErr));
            goto out;
        }
        for (uint64_t i = 0; i < cpage; i++)
            check_page(pb + i * cbPage, cbPage, ipage + i, cpageFile, &st);
        ipage += cpage;
        eu_progress_update(&prog, ipage, cpageFile);
    }
    eu_progress_end(&prog);
    print_stats(&st, cbPage, os_time_ms() - msStart);
    /* Windows also fails a file without a single page. */
    err = (st.cpagesBad || st.cpagesWrongPgno || !st.cpagesSeen) ? JET_errDatabaseCorrupted : JET_errSuccess;
out:
    mem_free(pb);
    return err;
}

JET_ERR eu_mode_checksum(const struct eu_opts *o)
{
    JET_ERR err;
    struct os_file *f = NULL;
    uint8_t *pb = NULL;
    size_t cb = 0;
    struct page_dbhdr_choice choice;
    uint32_t cbPage = o->cbPage;

    err = eu_file_open(o->szSource, OS_OPEN_READONLY, &f);
    if (err >= 0) {
        pb = mem_calloc(1, 2 * PAGE_CB_MAX);
        err = pb ? eu_file_read_at(f, 0, pb, 2 * PAGE_CB_MAX, &cb) : JET_errOutOfMemory;
    }
    if (err < 0) {
        printf("Error: Access to source database '%s' failed with Jet error %ld.\n", o->szSource, (long)err);
        goto out;
    }
    /* Every ESE header keeps its file type at 667. */
    uint32_t filetype = cb >= 671 ? get_le32(pb + 667) : 0;
    printf("Initiating CHECKSUM mode...\n");
    if (filetype == ESE_FILETYPE_LOG) {
        printf("      Log File: %s\n\n", o->szSource);
        err = cb >= ESE_CB_LOG_HEADER && get_le32(pb) == eu_ese_header_checksum(pb, ESE_CB_LOG_HEADER) ? JET_errSuccess
                                                                                                 : JET_errLogFileCorrupt;
        printf(err >= 0 ? "Log file header checksum is correct (log records are not read).\n"
                        : "ERROR: the log file header has a bad checksum.\n");
        goto out;
    }
    if (filetype == ESE_FILETYPE_CHECKPOINT) {
        printf(" Checkpoint File: %s\n\n", o->szSource);
        bool fPrimary = cb >= ESE_CB_CHECKPOINT && get_le32(pb) == eu_ese_header_checksum(pb, ESE_CB_CHECKPOINT);
        bool fShadow = cb >= 2 * ESE_CB_CHECKPOINT &&
                       get_le32(pb + ESE_CB_CHECKPOINT) == eu_ese_header_checksum(pb + ESE_CB_CHECKPOINT, ESE_CB_CHECKPOINT);
        if (!fPrimary) fprintf(stderr, "ERROR: page -1 (header) checksum failed\n");
        if (!fShadow) fprintf(stderr, "ERROR: page 0 (header) checksum failed\n");
        printf("%s\n", fPrimary && fShadow ? "Both copies of the checkpoint have correct checksums." :
                       fPrimary || fShadow ? "One copy of the checkpoint is damaged; the other is good." :
                                             "Both copies of the checkpoint are damaged.");
        err = fPrimary || fShadow ? JET_errSuccess : JET_errCheckpointCorrupt;
        goto out;
    }
    if (filetype == PAGE_FILETYPE_TEMP_DB) {
        printf("        Database: %s\n\n", o->szSource);
        printf("This is a temporary database. Checksums are not maintained for such databases.\n");
        goto out;
    }
    printf("        Database: %s\n\n", o->szSource);
    if (o->fSkipDbChecksum) goto out;
    if (!cbPage) {
        /* The header's page size; a file whose header is unreadable is walked in 4 KiB pages
         * (ESENT's default), and its header pages then show as bad. */
        if (page_dbhdr_select(pb, cb, &choice) >= 0 && page_cb_valid(choice.cbPage)) cbPage = choice.cbPage;
        else cbPage = 4096;
    }
    printf("\n");
    err = checksum_database(o, f, cbPage);
out:
    mem_free(pb);
    os_file_close(f);
    return err;
}
