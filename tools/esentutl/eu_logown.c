/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_logown.c: /ml and /mk for the engine's own log and checkpoint files
 * (src/log/log_format.h, ESE-FORMAT-NOTES §15), read here independently of the log layer: the
 * header, then every record frame from the first sector on, each checked against its CRC32C
 * (seeded with the stream signature, ending with the frame's LSN) until the first one that is
 * not intact, which is where the stream ends. Positions print as Windows prints lgpos
 * ("(0xGEN,ISEC,IB)", 512-byte sectors). The database records (created, attached, detached)
 * are listed as Windows lists a log's attached databases; /v lists every record.
 *
 * Bytes from the file are untrusted: every field is bounded before use. */
#include <inttypes.h>
#include <stdio.h>

#include "eu_logfmt.h"
#include "log_format.h"
#include "os.h"

/* The record types the engine writes (src/log/log.h, src/isam/isam_logrec.h): their numbers
 * are part of the format. */
static const char *record_name(uint8_t type)
{
    switch (type) {
    case 1: return "Pad";
    case 2: return "Pages";
    case 3: return "Begin";
    case 4: return "Commit";
    case 5: return "Rollback";
    case 6: return "CreateDB";
    case 7: return "AttachDB";
    case 8: return "DetachDB";
    case 9: return "GrowDB";
    case 10: return "Checkpoint";
    case 11: return "Term";
    case 33: return "BackupBegin";
    default: return type >= 32 ? "User" : "Unknown";
    }
}
#define REC_TYPE_MAX 256

/* ---- CRC32C (Castagnoli, reflected 0x82F63B78), bytewise ----------------------------------- */

static uint32_t g_crc_table[256];

static void crc_init(void)
{
    if (g_crc_table[1]) return;
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0x82F63B78u & (0u - (c & 1)));
        g_crc_table[i] = c;
    }
}

static uint32_t crc32c(uint32_t crc, const uint8_t *pb, size_t cb)
{
    crc = ~crc;
    for (size_t i = 0; i < cb; i++)
        crc = g_crc_table[(crc ^ pb[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

/* ---- reading ----------------------------------------------------------------------------------- */

/* The whole file (at most cbMax bytes). */
static JET_ERR read_all(const char *szPath, uint64_t cbMax, uint8_t **ppb, size_t *pcb)
{
    JET_ERR err;
    struct os_file *f = NULL;
    uint64_t cbFile = 0;
    *ppb = NULL;
    *pcb = 0;
    CALL(eu_file_open(szPath, OS_OPEN_READONLY, &f));
    CALL(os_file_size(f, &cbFile));
    if (cbFile > cbMax) cbFile = cbMax;
    *ppb = mem_alloc(cbFile ? (size_t)cbFile : 1);
    if (!*ppb) FAIL(JET_errOutOfMemory);
    CALL(eu_file_read_at(f, 0, *ppb, (size_t)cbFile, pcb));
out:
    os_file_close(f);
    if (err < 0) {
        mem_free(*ppb);
        *ppb = NULL;
    }
    return err;
}

static void print_lsn(uint32_t gen, uint32_t ib)
{
    eu_print_lgpos((int32_t)gen, (uint16_t)(ib / 512), (uint16_t)(ib % 512));
}

static void print_utf16_path(const uint8_t *pb, uint32_t cch)
{
    ESENT_WCHAR wsz[1024];
    char sz[2048];
    uint32_t c = cch < ARRAY_SIZE(wsz) - 1 ? cch : (uint32_t)ARRAY_SIZE(wsz) - 1;
    for (uint32_t i = 0; i < c; i++) wsz[i] = get_le16(pb + 2 * i);
    wsz[c] = 0;
    if (os_utf16_to_acp(wsz, sz, sizeof sz, NULL) < 0) snprintf(sz, sizeof sz, "?");
    printf("%s", sz);
}

/* A header's own checksum: CRC32C of bytes 4..127 (then, for a checkpoint, its data). */
static bool header_ok(const uint8_t *pb, size_t cbData)
{
    return crc32c(0, pb + 4, 124 + cbData) == get_le32(pb);
}

/* ---- the log file ------------------------------------------------------------------------------- */

/* Payload of a database record (isam_logrec.h's struct isam_lr_db + UTF-16 path). */
#define LR_DB_CB 20u

static void print_db_record(uint8_t type, const uint8_t *pb, uint32_t cb)
{
    if (type == 9 && cb >= 8) {
        printf("dbid %" PRIu32 ", now %" PRIu32 " pages", get_le32(pb), get_le32(pb + 4));
        return;
    }
    if (cb < LR_DB_CB) {
        printf("(short record)");
        return;
    }
    uint32_t dbid = get_le32(pb), cbPage = get_le32(pb + 4), cch = get_le32(pb + 16);
    printf("dbid %" PRIu32, dbid);
    if (type == 8) return;
    printf(", %" PRIu32 "-byte pages, %" PRIu32 " pages: ", cbPage, get_le32(pb + 8));
    if (cch > (cb - LR_DB_CB) / 2) {
        printf("(path longer than the record)");
        return;
    }
    print_utf16_path(pb + LR_DB_CB, cch);
}

static JET_ERR own_dump_log(const struct eu_opts *o, const char *szPath, const uint8_t *pbProbe, size_t cbProbe)
{
    JET_ERR err;
    uint8_t *pb = NULL;
    size_t cb = 0;
    uint64_t rgc[REC_TYPE_MAX];

    (void)pbProbe;
    (void)cbProbe;
    crc_init();
    memset(rgc, 0, sizeof rgc);
    CALL(read_all(szPath, (uint64_t)1 << 30, &pb, &cb));
    if (cb < sizeof(struct log_file_header) || !header_ok(pb, 0)) {
        printf("\n                ERROR: Cannot read log file header. Error %ld.\n", (long)JET_errLogFileCorrupt);
        FAIL(JET_errLogFileCorrupt);
    }
    const struct log_file_header *h = (const struct log_file_header *)pb;
    const uint32_t gen = le32_get(&h->lGeneration), cbFile = le32_get(&h->cbFile), cbSector = le32_get(&h->cbSector);
    const uint64_t lsnPrevEnd = le64_get(&h->lsnPrevEnd);
    printf("\n      lGeneration: %" PRIu32 " (0x%" PRIX32 ")\n", gen, gen);
    printf("      creation time: ");
    eu_print_logtime(h->tmCreate.b);
    printf("\n      prev gen time: ");
    eu_print_logtime(h->tmPrevGen.b);
    printf("\n      Format: this engine's own (version %" PRIu32 "), not Windows' ESE format\n", le32_get(&h->ulVersion));
    printf("      Signature: ");
    eu_print_signature((const uint8_t *)&h->signLog);
    printf("      Log Sec size: %" PRIu32 "\n", cbSector);
    printf("      Log file size: %" PRIu32 " bytes\n", cbFile);
    printf("      Previous generation ended at: ");
    if (lsnPrevEnd) print_lsn((uint32_t)(lsnPrevEnd >> 32), (uint32_t)lsnPrevEnd);
    else printf("none (first generation of the stream)");
    printf("\n");
    if (le32_get(&h->ulVersion) != LOG_FORMAT_VERSION || le32_get(&h->cbHeader) != sizeof *h ||
            cbSector < LOG_CB_SECTOR_MIN || cbSector > LOG_CB_SECTOR_MAX || (cbSector & (cbSector - 1)) ||
            cbFile % cbSector || gen == 0 || gen > LOG_GEN_MAX) {
        printf("\n                ERROR: the log file header is not valid. Error %ld.\n", (long)JET_errLogFileCorrupt);
        FAIL(JET_errLogFileCorrupt);
    }
    if (cb < cbFile) printf("      WARNING: the file holds %zu bytes, its header says %" PRIu32 ".\n", cb, cbFile);

    /* The records, until the first frame that is not intact. */
    const uint32_t crcSeed = crc32c(0, (const uint8_t *)&h->signLog, LOG_CB_SIGNATURE);
    const size_t cbEnd = cb < cbFile ? cb : cbFile;
    size_t ib = cbSector;
    uint64_t cRecords = 0;
    printf("\n      Databases:\n");
    size_t cDb = 0;
    /* Two passes: databases first (as Windows lists its attachments), then /v's records. */
    for (int pass = 0; pass < (o->fVerbose ? 2 : 1); pass++) {
        ib = cbSector;
        cRecords = 0;
        if (pass == 1) printf("\n      Records:\n");
        while (ib + LOG_CB_FRAME <= cbEnd) {
            const uint32_t ulCbType = get_le32(pb + ib + LOG_FRAME_OFF_CBTYPE);
            const uint32_t cbRec = log_frame_cb(ulCbType);
            const uint8_t type = log_frame_type(ulCbType);
            if (type == 0 || log_frame_span(cbRec) > cbEnd - ib) break;
            uint8_t rgbLsn[8];
            put_le64(rgbLsn, ((uint64_t)gen << 32) | (uint32_t)ib);
            uint32_t crc = crc32c(crcSeed, pb + ib + 4, 4 + (size_t)cbRec);
            crc = crc32c(crc, rgbLsn, sizeof rgbLsn);
            if (crc != get_le32(pb + ib)) break;
            const uint8_t *pbRec = pb + ib + LOG_CB_FRAME;
            if (pass == 0) {
                rgc[type]++;
                if (type >= 6 && type <= 8) {
                    printf("          ");
                    print_lsn(gen, (uint32_t)ib);
                    printf(" %s ", record_name(type));
                    print_db_record(type, pbRec, cbRec);
                    printf("\n");
                    cDb++;
                }
            } else if (type != 1) {
                printf("          ");
                print_lsn(gen, (uint32_t)ib);
                printf(" %-11s %7" PRIu32 " bytes", record_name(type), cbRec);
                if (type >= 6 && type <= 9) {
                    printf("  ");
                    print_db_record(type, pbRec, cbRec);
                }
                printf("\n");
            }
            cRecords++;
            ib += log_frame_span(cbRec);
        }
    }
    if (!cDb) printf("          none created, attached or detached in this generation\n");
    printf("\nLast Lgpos: ");
    print_lsn(gen, (uint32_t)ib);
    printf("\n\n      Records: %" PRIu64, cRecords);
    const char *szSep = " (";
    for (int t = 1; t < REC_TYPE_MAX; t++) {
        if (!rgc[t]) continue;
        printf("%s%s %" PRIu64, szSep, record_name((uint8_t)t), rgc[t]);
        szSep = ", ";
    }
    printf("%s\n", cRecords ? ")" : "");
    printf("Integrity check passed for log file: %s\n", szPath);
    err = JET_errSuccess;
out:
    mem_free(pb);
    return err;
}

/* ---- the checkpoint ----------------------------------------------------------------------------- */

static const uint8_t *chk_copy(const uint8_t *pb, size_t cb, size_t ibHeader, size_t ibData)
{
    if (ibHeader + sizeof(struct log_chk_header) > cb) return NULL;
    const struct log_chk_header *h = (const struct log_chk_header *)(pb + ibHeader);
    uint32_t cbData = le32_get(&h->cbData);
    if (le32_get(&h->ulMagic) != LOG_CHK_MAGIC || cbData > LOG_CB_CHK_DATA_MAX) return NULL;
    if (ibData > cb || cb - ibData < cbData) return NULL;
    /* The CRC runs over the header's bytes 4..127, then the data (wherever it lies). */
    uint32_t crc = crc32c(0, pb + ibHeader + 4, sizeof *h - 4);
    crc = crc32c(crc, pb + ibData, cbData);
    return crc == le32_get(&h->ulChecksum) ? pb + ibHeader : NULL;
}

static JET_ERR own_dump_checkpoint(const struct eu_opts *o, const char *szPath, const uint8_t *pbProbe, size_t cbProbe)
{
    JET_ERR err;
    uint8_t *pb = NULL;
    size_t cb = 0;

    (void)o;
    (void)pbProbe;
    (void)cbProbe;
    crc_init();
    CALL(read_all(szPath, LOG_CB_CHK_DATA_MAX + 2u * LOG_CB_CHK_MIN, &pb, &cb));
    const size_t cbHdr = sizeof(struct log_chk_header);
    const uint8_t *p0 = chk_copy(pb, cb, 0, cbHdr), *p1 = NULL;
    if (cb >= 2 * cbHdr) {
        const struct log_chk_header *h1 = (const struct log_chk_header *)(pb + cb - cbHdr);
        uint32_t cbData1 = le32_get(&h1->cbData);
        if (cbData1 <= cb - 2 * cbHdr) p1 = chk_copy(pb, cb, cb - cbHdr, cb - cbHdr - cbData1);
    }
    if (!p0 && !p1) {
        printf("      ERROR: neither copy of the checkpoint is intact. Error %ld.\n", (long)JET_errCheckpointCorrupt);
        FAIL(JET_errCheckpointCorrupt);
    }
    const struct log_chk_header *h = (const struct log_chk_header *)p0;
    if (!p0 || (p1 && le64_get(&((const struct log_chk_header *)p1)->ullSeq) > le64_get(&h->ullSeq)))
        h = (const struct log_chk_header *)p1;
    const uint64_t lsnRedo = le64_get(&h->lsnRedo), lsnKeep = le64_get(&h->lsnKeep);
    printf("      Format: this engine's own (version %" PRIu32 "), not Windows' ESE format\n", le32_get(&h->ulVersion));
    printf("      Checkpoint: ");
    print_lsn((uint32_t)(lsnRedo >> 32), (uint32_t)lsnRedo);
    printf("\n      Oldest record still needed: ");
    if (lsnKeep) print_lsn((uint32_t)(lsnKeep >> 32), (uint32_t)lsnKeep);
    else printf("none");
    printf("\n      Checkpoint number: %" PRIu64 "\n", le64_get(&h->ullSeq));
    printf("      Written: ");
    eu_print_logtime(h->tmWrite.b);
    printf("\n      Signature: ");
    eu_print_signature((const uint8_t *)&h->signLog);
    printf("      Engine data: %" PRIu32 " bytes\n", le32_get(&h->cbData));
    if (!p0) printf("\nWARNING: the checkpoint's first copy is damaged; its second copy was used.\n");
    else if (!p1) printf("\nWARNING: the checkpoint's second copy is damaged.\n");
    (void)szPath;
    err = JET_errSuccess;
out:
    mem_free(pb);
    return err;
}

JET_ERR eu_logown_dump_log(const struct eu_opts *o, const char *szPath, const uint8_t *pb, size_t cb)
{
    return own_dump_log(o, szPath, pb, cb);
}

JET_ERR eu_logown_dump_checkpoint(const struct eu_opts *o, const char *szPath, const uint8_t *pb, size_t cb)
{
    return own_dump_checkpoint(o, szPath, pb, cb);
}

JET_ERR eu_logown_chain(const uint8_t *pb, size_t cb, struct eu_log_chain *pc)
{
    crc_init();
    if (cb < sizeof(struct log_file_header) || !header_ok(pb, 0)) return JET_errLogFileCorrupt;
    const struct log_file_header *h = (const struct log_file_header *)pb;
    pc->lGeneration = le32_get(&h->lGeneration);
    memcpy(pc->tmCreate, h->tmCreate.b, sizeof pc->tmCreate);
    memcpy(pc->tmPrevGen, h->tmPrevGen.b, sizeof pc->tmPrevGen);
    memcpy(pc->signLog, &h->signLog, sizeof pc->signLog);
    return JET_errSuccess;
}
