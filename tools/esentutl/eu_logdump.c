/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_logdump.c: /ml (log file, or a set of logs by base name) and /mk (checkpoint
 * file), and the reader of Windows' ESE format behind them.
 *
 * For Windows-made files the tool reads the headers: everything Windows' esentutl prints before
 * it walks the log records (generation, times, versions, signature, the instance's settings, the
 * attached databases). The records themselves are not read, and the output says so instead of
 * claiming an integrity check. A set of logs ("/ml SRU") is checked as a sequence: each header's
 * checksum, its generation against its name, and each file's link to the one before (previous
 * creation time, signature, no gap). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "eu_logfmt.h"
#include "os.h"

/* Enough for a checkpoint's two copies and a log header. */
#define CB_PROBE (2u * ESE_CB_CHECKPOINT)

/* ---- paths ------------------------------------------------------------------------------------ */

static size_t name_offset(const char *szPath)
{
    size_t ib = 0;
    for (size_t i = 0; szPath[i]; i++)
        if (szPath[i] == '/' || szPath[i] == '\\') ib = i + 1;
    return ib;
}

/* dir (with its trailing separator, or empty) + name + ext. */
static void path_join(char *buf, size_t cb, const char *szPath, size_t cchDir, const char *szName, const char *szExt)
{
    snprintf(buf, cb, "%.*s%s%s", (int)cchDir, szPath, szName, szExt);
}

/* ---- reading ------------------------------------------------------------------------------------ */

static JET_ERR read_probe(const char *szPath, uint8_t *pb, size_t *pcb)
{
    JET_ERR err;
    struct os_file *f = NULL;
    CALL(eu_file_open(szPath, OS_OPEN_READONLY, &f));
    CALL(eu_file_read_at(f, 0, pb, CB_PROBE, pcb));
out:
    os_file_close(f);
    return err;
}

static bool ese_claims_log(const uint8_t *pb, size_t cb)
{
    return cb >= sizeof(struct ese_lgfilehdr_disk) && get_le32(pb + offsetof(struct ese_lgfilehdr_disk, filetype)) == ESE_FILETYPE_LOG;
}

static bool ese_claims_checkpoint(const uint8_t *pb, size_t cb)
{
    return cb >= sizeof(struct ese_checkpoint_disk) &&
           get_le32(pb + offsetof(struct ese_checkpoint_disk, filetype)) == ESE_FILETYPE_CHECKPOINT;
}

/* A log header is usable when the file holds all of it, its checksum is right and it is a log
 * (very old logs leave the file type 0). */
static JET_ERR ese_log_header_check(const uint8_t *pb, size_t cb)
{
    if (cb < ESE_CB_LOG_HEADER) return JET_errLogFileCorrupt;
    if (get_le32(pb) != eu_ese_header_checksum(pb, ESE_CB_LOG_HEADER)) return JET_errLogFileCorrupt;
    uint32_t filetype = get_le32(pb + offsetof(struct ese_lgfilehdr_disk, filetype));
    if (filetype != ESE_FILETYPE_LOG && filetype != 0) return JET_errFileInvalidType;
    return JET_errSuccess;
}

/* The good copy of a checkpoint (the primary, else the shadow), as ESE reads shadowed headers. */
static JET_ERR ese_checkpoint_pick(const uint8_t *pb, size_t cb, const uint8_t **ppbGood, bool *pfPrimaryBad, bool *pfShadowBad)
{
    bool fPrimary = cb >= ESE_CB_CHECKPOINT && get_le32(pb) == eu_ese_header_checksum(pb, ESE_CB_CHECKPOINT);
    bool fShadow = cb >= 2 * ESE_CB_CHECKPOINT &&
                   get_le32(pb + ESE_CB_CHECKPOINT) == eu_ese_header_checksum(pb + ESE_CB_CHECKPOINT, ESE_CB_CHECKPOINT);
    *pfPrimaryBad = !fPrimary;
    *pfShadowBad = !fShadow;
    if (!fPrimary && !fShadow) return JET_errCheckpointCorrupt;
    *ppbGood = fPrimary ? pb : pb + ESE_CB_CHECKPOINT;
    uint32_t filetype = get_le32(*ppbGood + offsetof(struct ese_checkpoint_disk, filetype));
    if (filetype != ESE_FILETYPE_CHECKPOINT && filetype != 0) return JET_errFileInvalidType;
    return JET_errSuccess;
}

/* ---- printing ------------------------------------------------------------------------------------ */

static void print_lgpos_at(const uint8_t rgb[8])
{
    struct eu_lgpos p = eu_lgpos_get(rgb);
    eu_print_lgpos(p.lGeneration, p.isec, p.ib);
}

/* A fixed-size narrow string from the file: up to its NUL, printable ASCII only. */
static void print_bounded(const uint8_t *pb, size_t cb)
{
    for (size_t i = 0; i < cb && pb[i]; i++)
        putchar(pb[i] >= 0x20 && pb[i] < 0x7f ? pb[i] : '?');
}

static void print_env(const struct ese_dbms_param_disk *d)
{
    printf("      Env (CircLog,Session,Opentbl,VerPage,Cursors,LogBufs,LogFile,Buffers)\n");
    printf("          (%s,%7" PRIu32 ",%7" PRIu32 ",%7" PRIu32 ",%7" PRIu32 ",%7" PRIu32 ",%7" PRIu32 ",%7" PRIu32 ")\n",
           (d->fFlags & ESE_DBMS_CIRCULAR_LOGGING) ? "     on" : "    off", le32_get(&d->lSessionsMax),
           le32_get(&d->lOpenTablesMax), le32_get(&d->lVerPagesMax), le32_get(&d->lCursorsMax), le32_get(&d->lLogBuffers),
           le32_get(&d->lcsecLGFile), le32_get(&d->ulCacheSizeMax));
}

/* An attached database; szIndent is the indentation of its detail lines (ESE uses two tabs in
 * log headers, eight spaces in checkpoints). */
static void print_attach_details(const struct eu_attach *a, const char *szIndent)
{
    printf("%sdbtime: %" PRIu64 " (%" PRIu32 "-%" PRIu32 ")\n", szIndent, a->dbtime, (uint32_t)(a->dbtime >> 32), (uint32_t)a->dbtime);
    printf("%sobjidLast: %" PRIu32 "\n", szIndent, a->objidLast);
    printf("%sSignature: ", szIndent);
    eu_print_signature(a->signDb);
    printf("%sMaxDbSize: %" PRIu32 " pages\n", szIndent, a->cpgDatabaseSizeMax);
    printf("%sLast Attach: ", szIndent);
    eu_print_lgpos(a->lgposAttach.lGeneration, a->lgposAttach.isec, a->lgposAttach.ib);
    printf("\n%sLast Consistent: ", szIndent);
    eu_print_lgpos(a->lgposConsistent.lGeneration, a->lgposConsistent.isec, a->lgposConsistent.ib);
    printf("\n");
}

static JET_ERR print_attachments(const uint8_t *pbList, bool fCheckpoint)
{
    JET_ERR err;
    size_t ib = 0;
    for (;;) {
        struct eu_attach a;
        bool fEnd;
        CALL_R(eu_ese_attach_next(pbList, ESE_CB_ATTACH_LIST, &ib, &a, &fEnd));
        if (fEnd) return JET_errSuccess;
        if (fCheckpoint) {
            /* Recovery attaches every listed database logged, versioned and read-write. */
            printf("%7d %s LogOn VerOn RW\n", a.dbid, a.szName);
            print_attach_details(&a, "        ");
        } else {
            printf("      %d %s%s\n", a.dbid, a.szName, (a.fFlags & ESE_ATTACH_SPARSE_FILE) ? " (sparse)" : "");
            print_attach_details(&a, "\t\t ");
        }
    }
}

static const char *disk_sector_note(uint8_t b)
{
    switch (b) {
    case ESE_DISKSEC_UNKNOWN: return " (legacy, unknown actual)";
    case ESE_DISKSEC_MATCHES: return " (matches)";
    case ESE_DISKSEC_512: return " (actual @ log gen 512)";
    case ESE_DISKSEC_1024: return " (actual @ log gen 1024)";
    case ESE_DISKSEC_2048: return " (actual @ log gen 2048)";
    case ESE_DISKSEC_4096: return " (actual @ log gen 4096)";
    case ESE_DISKSEC_DIFF: return " (actual @ log gen NON-STANDARD)";
    default: return " (Unknown ENUM!)";
    }
}

/* ---- Windows' format: one log file ------------------------------------------------------------ */

static JET_ERR ese_dump_log(const struct eu_opts *o, const char *szPath, const uint8_t *pb, size_t cb)
{
    JET_ERR err = ese_log_header_check(pb, cb);
    if (err < 0) {
        printf("\n                ERROR: Cannot read log file header. Error %ld.\n", (long)err);
        return err;
    }
    const struct ese_lgfilehdr_disk *h = (const struct ese_lgfilehdr_disk *)pb;
    uint32_t lGen = le32_get(&h->lGeneration);
    printf("\n      lGeneration: %" PRIu32 " (0x%" PRIX32 ")\n", lGen, lGen);

    /* The checkpoint of the same stream: <base>.chk beside the log (Windows looks in its system
     * path, the current folder by default; the two agree when run in the log folder). */
    {
        char szChk[1100];
        uint8_t *pbChk = mem_alloc(CB_PROBE);
        size_t cbChk = 0;
        const uint8_t *pbGood = NULL;
        bool fPrimaryBad, fShadowBad;
        size_t ibName = name_offset(szPath);
        char szBase[4];
        snprintf(szBase, sizeof szBase, "%.3s", szPath + ibName);
        path_join(szChk, sizeof szChk, szPath, ibName, szBase, ".chk");
        if (pbChk && read_probe(szChk, pbChk, &cbChk) >= 0 &&
                ese_checkpoint_pick(pbChk, cbChk, &pbGood, &fPrimaryBad, &fShadowBad) >= 0) {
            printf("      Checkpoint: ");
            print_lgpos_at(((const struct ese_checkpoint_disk *)pbGood)->lgposCheckpoint);
            printf("\n");
        } else {
            printf("      Checkpoint: NOT AVAILABLE\n");
        }
        mem_free(pbChk);
    }

    printf("      creation time: ");
    eu_print_logtime(h->tmCreate);
    printf("\n      prev gen time: ");
    eu_print_logtime(h->tmPrevGen);
    printf("\n      prev gen accumulated segment checksum: 0x%016" PRIx64 "\n", le64_get(&h->checksumPrevLogAllSegments));
    printf("      Format LGVersion: (%" PRIu32 ".%" PRIu32 ".%" PRIu32 ".%" PRIu32 ") (generated by %" PRIu32 ")\n",
           le32_get(&h->ulMajor), le32_get(&h->ulMinor), le32_get(&h->ulUpdateMajor), le32_get(&h->ulUpdateMinor),
           le32_get(&h->efvEngineCurrent));
    printf("      Signature: ");
    eu_print_signature(h->signLog);
    printf("      Env SystemPath: ");
    print_bounded(h->dbms_param.szSystemPath, sizeof h->dbms_param.szSystemPath);
    printf("\n      Env LogFilePath: ");
    print_bounded(h->dbms_param.szLogFilePath, sizeof h->dbms_param.szLogFilePath);
    printf("\n      Env Log Sec size: %u%s\n", (unsigned)le16_get(&h->cbSec), disk_sector_note(h->bDiskSecSizeMismatch));
    print_env(&h->dbms_param);
    printf("      Using Reserved Log File: %s\n", (h->fLGFlags & ESE_LGFLAG_RESERVED_LOG) ? "true" : "false");
    printf("      Circular Logging Flag (current file): %s\n", (h->fLGFlags & ESE_LGFLAG_CIRCULAR_CURRENT) ? "on" : "off");
    printf("      Circular Logging Flag (past files): %s\n", (h->fLGFlags & ESE_LGFLAG_CIRCULAR_HISTORY) ? "on" : "off");
    printf("      Checkpoint at log creation time: ");
    print_lgpos_at(h->lgposCheckpoint);
    printf("\n");
    err = print_attachments(pb + sizeof *h, false);
    if (err < 0) {
        printf("      ERROR: Cannot read database attachment list. Error %ld.\n", (long)err);
        return err;
    }
    printf("\n      Log records: not read (esentutl reads the header of a Windows-made log only)\n");
    (void)o;
    return JET_errSuccess;
}

/* ---- Windows' format: a checkpoint ------------------------------------------------------------ */

static JET_ERR ese_dump_checkpoint(const struct eu_opts *o, const char *szPath, const uint8_t *pb, size_t cb)
{
    const uint8_t *pbGood = NULL;
    bool fPrimaryBad, fShadowBad;
    JET_ERR err = ese_checkpoint_pick(pb, cb, &pbGood, &fPrimaryBad, &fShadowBad);
    if (err < 0) return err;
    const struct ese_checkpoint_disk *c = (const struct ese_checkpoint_disk *)pbGood;

    printf("      LastFullBackupCheckpoint: ");
    print_lgpos_at(c->lgposLastFullBackupCheckpoint);
    printf("\n      Checkpoint: ");
    print_lgpos_at(c->lgposCheckpoint);
    printf("\n      DbConsistency: ");
    print_lgpos_at(c->lgposDbConsistency);
    printf("\n      FullBackup: ");
    print_lgpos_at(c->lgposFullBackup);
    printf("\n      FullBackup time: ");
    eu_print_logtime(c->logtimeFullBackup);
    printf("\n      IncBackup: ");
    print_lgpos_at(c->lgposIncBackup);
    printf("\n      IncBackup time: ");
    eu_print_logtime(c->logtimeIncBackup);
    printf("\n      Signature: ");
    eu_print_signature(c->signLog);
    print_env(&c->dbms_param);
    err = print_attachments(pbGood + sizeof *c, true);
    if (err < 0) {
        printf("      ERROR: Cannot read database attachment list. Error %ld.\n", (long)JET_errCheckpointCorrupt);
        return JET_errCheckpointCorrupt;
    }
    if (fPrimaryBad) printf("\nWARNING: the checkpoint's primary copy has a checksum error; its shadow copy was used.\n");
    else if (fShadowBad) printf("\nWARNING: the checkpoint's shadow copy has a checksum error.\n");
    (void)o;
    (void)szPath;
    return JET_errSuccess;
}

const struct eu_logfmt eu_logfmt_ese = {
    "ESE (Windows)", ese_claims_log, ese_claims_checkpoint, ese_dump_log, ese_dump_checkpoint,
};

/* ---- a set of logs ---------------------------------------------------------------------------- */

struct log_entry {
    uint32_t lGen;      /* from the name; 0 for the current log <base>.log */
    char szName[64];
};

struct log_set {
    const char *szBase;
    struct log_entry *rg;
    size_t c, cMax;
};

static int hex_digit(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* <base>.log, or <base> + 5 or 8 hex digits + .log (ESE's archive names). */
static JET_ERR collect_log(void *pv, const char *szName)
{
    struct log_set *s = pv;
    size_t cch = strlen(szName), cchBase = strlen(s->szBase);
    if (cch < cchBase + 4 || cch >= sizeof s->rg[0].szName) return JET_errSuccess;
    const char *szExt = szName + cch - 4;
    if (!(szExt[0] == '.' && (szExt[1] | 0x20) == 'l' && (szExt[2] | 0x20) == 'o' && (szExt[3] | 0x20) == 'g'))
        return JET_errSuccess;
    size_t cDigits = cch - cchBase - 4;
    uint32_t lGen = 0;
    if (cDigits != 0 && cDigits != 5 && cDigits != 8) return JET_errSuccess;
    for (size_t i = 0; i < cDigits; i++) {
        int d = hex_digit(szName[cchBase + i]);
        if (d < 0) return JET_errSuccess;
        lGen = lGen * 16 + (uint32_t)d;
    }
    if (cDigits && lGen == 0) return JET_errSuccess;
    if (s->c == s->cMax) {
        size_t cNew = s->cMax ? 2 * s->cMax : 16;
        struct log_entry *rg = mem_realloc(s->rg, cNew * sizeof *rg);
        if (!rg) return JET_errOutOfMemory;
        s->rg = rg;
        s->cMax = cNew;
    }
    s->rg[s->c].lGen = lGen;
    snprintf(s->rg[s->c].szName, sizeof s->rg[s->c].szName, "%s", szName);
    s->c++;
    return JET_errSuccess;
}

/* Archived logs in generation order, the current log (no number) last. */
static int log_entry_cmp(const void *a, const void *b)
{
    uint32_t ga = ((const struct log_entry *)a)->lGen, gb = ((const struct log_entry *)b)->lGen;
    if (!ga) ga = UINT32_MAX;
    if (!gb) gb = UINT32_MAX;
    return ga < gb ? -1 : ga > gb;
}

static JET_ERR dump_log_set(const struct eu_opts *o, size_t ibName)
{
    JET_ERR err = JET_errSuccess, errFirst = JET_errSuccess;
    const char *szPath = o->szSource;
    char szDir[1024], szPattern[16], szFile[1100];
    struct log_set s = { szPath + ibName, NULL, 0, 0 };
    uint8_t *pb = mem_alloc(CB_PROBE), prevCreate[8], prevSign[28];
    uint32_t lGenPrev = 0;
    bool fEse = false, fOwn = false;

    printf("Verifying log files...\n");
    printf("     Base name: %s\n", s.szBase);
    if (!pb) return JET_errOutOfMemory;
    snprintf(szDir, sizeof szDir, "%.*s", (int)ibName, szPath);
    if (!szDir[0]) snprintf(szDir, sizeof szDir, ".");
    snprintf(szPattern, sizeof szPattern, "%s*.log", s.szBase);
    err = eu_file_list(szDir, szPattern, collect_log, &s);
    if (err >= 0 && s.c == 0) err = JET_errFileNotFound;
    if (err < 0) {
        printf("\n      ERROR: no log files %s in %s (error %ld).\n", szPattern, szDir, (long)err);
        goto out;
    }
    qsort(s.rg, s.c, sizeof *s.rg, log_entry_cmp);
    printf("\n");

    for (size_t i = 0; i < s.c; i++) {
        size_t cb = 0;
        const char *szProblem = NULL;
        JET_ERR errFile;
        path_join(szFile, sizeof szFile, szPath, ibName, s.rg[i].szName, "");
        printf("      Log file: %s", szFile);
        errFile = read_probe(szFile, pb, &cb);
        /* The fields the chain checks need, from whichever format the file is in. */
        struct eu_log_chain c;
        if (errFile >= 0) {
            if (eu_logfmt_find(pb, cb, false) != &eu_logfmt_ese) {
                errFile = eu_logown_chain(pb, cb, &c);
                fOwn = true;
            } else {
                errFile = ese_log_header_check(pb, cb);
                if (errFile >= 0) {
                    const struct ese_lgfilehdr_disk *h = (const struct ese_lgfilehdr_disk *)pb;
                    c.lGeneration = le32_get(&h->lGeneration);
                    memcpy(c.tmCreate, h->tmCreate, sizeof c.tmCreate);
                    memcpy(c.tmPrevGen, h->tmPrevGen, sizeof c.tmPrevGen);
                    memcpy(c.signLog, h->signLog, sizeof c.signLog);
                    fEse = true;
                }
            }
        }
        if (errFile < 0) {
            printf("\n                ERROR: Cannot read log file header. Error %ld.\n", (long)errFile);
            if (errFirst >= 0) errFirst = errFile;
            lGenPrev = 0;
            continue;
        }
        uint32_t lGen = c.lGeneration;
        if (s.rg[i].lGen && lGen != s.rg[i].lGen) {
            errFile = JET_errLogGenerationMismatch;
            szProblem = "its generation does not match its name";
        } else if (lGenPrev && lGen != lGenPrev + 1) {
            errFile = JET_errMissingLogFile;
            szProblem = "log files are missing before it";
        } else if (lGenPrev && memcmp(c.tmPrevGen, prevCreate, sizeof prevCreate)) {
            errFile = JET_errInvalidLogSequence;
            szProblem = "its previous generation time is not the previous file's creation time";
        } else if (lGenPrev && memcmp(c.signLog, prevSign, sizeof prevSign)) {
            errFile = JET_errBadLogSignature;
            szProblem = "it belongs to another log stream (signature)";
        }
        if (errFile < 0) {
            printf("\n                ERROR: generation %" PRIu32 " (0x%" PRIX32 "): %s. Error %ld.\n", lGen, lGen, szProblem,
                   (long)errFile);
            if (errFirst >= 0) errFirst = errFile;
        } else {
            printf(" - header OK (generation 0x%" PRIX32 ")\n", lGen);
        }
        lGenPrev = lGen;
        memcpy(prevCreate, c.tmCreate, sizeof prevCreate);
        memcpy(prevSign, c.signLog, sizeof prevSign);
    }
    if (fEse) printf("\n      Log records: not read (esentutl reads the headers of Windows-made logs only)\n");
    if (fOwn) printf("\n      Log records: not read here (/ml <file> reads one file's records)\n");
    err = errFirst;
out:
    mem_free(s.rg);
    mem_free(pb);
    return err;
}

/* ---- the modes ---------------------------------------------------------------------------------- */

JET_ERR eu_mode_dump_log(const struct eu_opts *o)
{
    JET_ERR err;
    const char *szPath = o->szSource;
    size_t ibName = name_offset(szPath);
    size_t cb = 0;
    uint8_t *pb = NULL;

    printf("Initiating FILE DUMP mode...\n");
    /* A three-letter name without extension is a base name: the whole sequence of logs. */
    if (strlen(szPath + ibName) == 3 && !strchr(szPath + ibName, '.'))
        return dump_log_set(o, ibName);

    printf("      Base name: %.3s\n", szPath + ibName);
    printf("      Log file: %s", szPath);
    pb = mem_alloc(CB_PROBE);
    if (!pb) return JET_errOutOfMemory;
    err = read_probe(szPath, pb, &cb);
    if (err < 0) {
        printf("\n                ERROR: Cannot open log file (%s). Error %ld.\n", szPath, (long)err);
        goto out;
    }
    err = eu_logfmt_find(pb, cb, false)->dump_log(o, szPath, pb, cb);
out:
    mem_free(pb);
    return err;
}

JET_ERR eu_mode_dump_checkpoint(const struct eu_opts *o)
{
    JET_ERR err;
    size_t cb = 0;
    uint8_t *pb = mem_alloc(CB_PROBE);

    printf("Initiating FILE DUMP mode...\n");
    printf("      Checkpoint file: %s\n\n", o->szSource);
    if (!pb) return JET_errOutOfMemory;
    err = read_probe(o->szSource, pb, &cb);
    if (err == JET_errFileNotFound) err = JET_errCheckpointFileNotFound;
    if (err >= 0) err = eu_logfmt_find(pb, cb, true)->dump_checkpoint(o, o->szSource, pb, cb);
    mem_free(pb);
    return err;
}
