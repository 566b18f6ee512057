/* SPDX-License-Identifier: MIT
 * log/log_format.h: the on-disk formats of the log layer (our own, ESE-FORMAT-NOTES §15): log
 * file header, record frame, checkpoint file. Everything is little-endian and read or written
 * only through base/le.h accessors; every size and offset is pinned below.
 * Layer: log (private; tests and the fuzz target include it to build and inspect files).
 *
 * ---- Log file (generation g) ----------------------------------------------------------------
 *
 *   [0, cbSector)           struct log_file_header, zero-padded to the sector
 *   [cbSector, ibEnd)       records, back to back, each starting on an 8-byte boundary
 *   [ibEnd, cbFile)         unused: zeros, or stale bytes of a recycled file (they never pass
 *                           the CRC, which is seeded with the stream signature and the LSN)
 *
 * The file is created at its full size (cbFile, JET_paramLogFileSize) with its header written and
 * synced before it gets its working name, and the header is never written again. ibEnd of an
 * older generation is stored in the *next* generation's header (lsnPrevEnd); the end of the last
 * generation is found by reading its records until the first one that is not intact.
 *
 * struct log_file_header (128 bytes):
 *   off size field
 *     0   4  ulChecksum     CRC32C (seed 0) of bytes 4..127
 *     4   4  ulMagic        LOG_FILE_MAGIC
 *     8   4  ulVersion      LOG_FORMAT_VERSION
 *    12   4  cbHeader       128
 *    16   4  lGeneration    this file's generation (1 .. LOG_GEN_MAX)
 *    20   4  cbFile         size of the file (a multiple of cbSector)
 *    24   4  cbSector       write unit: every flush starts and ends on a multiple of it
 *                           (power of two, 512 .. 65536); records start at ib = cbSector
 *    28   4  cbMaxWrite     most bytes the writer covers with one write-and-sync (its buffer):
 *                           a torn tail cannot reach further than this past the durable end
 *    32   8  lsnPrevEnd     end of the previous generation's records (generation g-1), or 0
 *                           when there is none (first generation of the stream)
 *    40   8  tmCreate       LOGTIME of creation
 *    48   8  tmPrevGen      LOGTIME tmCreate of generation g-1 (zero if none); consecutive files
 *                           must chain (ESE's contiguity check)
 *    56  28  signLog        log stream signature, ESE's SIGNATURE layout (random u32, LOGTIME,
 *                           16-byte computer name left zero as Windows leaves it)
 *    84  44  rgbReserved    zero
 *
 * LOGTIME (8 bytes, ESE's layout, ESE-FORMAT-NOTES "Sub-structures"): seconds, minutes, hours,
 * day (1-31), month (1-12), year - 1900, then byte 6 = bit 0 "time is UTC" + bits 1-7 the low 7
 * bits of the milliseconds, byte 7 = bit 0 reserved + bits 1-3 the high 3 bits. We write UTC.
 *
 * ---- Record frame ----------------------------------------------------------------------------
 *
 *   off size field
 *     0   4  ulCrc      CRC32C, see below
 *     4   4  ulCbType   bits 0-23: payload length cb; bits 24-31: record type (never 0)
 *     8  cb  payload
 *        ..  zero bytes up to the next multiple of 8 (not covered by the CRC)
 *
 *   ulCrc = crc32c(crc32c(0, signLog[28]), bytes 4..7 || payload || le64 LSN of the frame)
 *
 * Seeding with the signature and ending with the LSN means a record is only valid in the stream
 * and at the place it was written: stale records of a recycled file, of another generation or of
 * another log never pass. LOG_REC_PAD records fill a flush up to the sector boundary; a gap of
 * exactly LOG_CB_FRAME bytes is a PAD record with no payload, so no other filler exists.
 *
 * ---- Checkpoint file (<base>.chk, or .jcp without JET_bitESE98FileNames) ----------------------
 *
 * Two copies of the same checkpoint, each a struct log_chk_header (128 bytes) plus cbData bytes
 * of the caller's opaque data:
 *   copy 0   header at offset 0, data right after it;
 *   copy 1   data ending 128 bytes before the end of the file, header in the last 128 bytes.
 * The file is at least 8 KiB (as ESE's header + shadow) and only grows. A checkpoint is written
 * copy 1 first, synced, then copy 0, synced: whichever write a crash tears, the other copy is
 * whole (the old checkpoint or the new one). Growing the file moves copy 1 while copy 0 still
 * holds the previous checkpoint. The reader takes the valid copy with the higher ullSeq.
 *
 * struct log_chk_header (128 bytes):
 *   off size field
 *     0   4  ulChecksum     CRC32C (seed 0) of header bytes 4..127, then the data
 *     4   4  ulMagic        LOG_CHK_MAGIC
 *     8   4  ulVersion      LOG_FORMAT_VERSION
 *    12   4  cbHeader       128
 *    16   8  ullSeq         checkpoint number, +1 per checkpoint
 *    24   8  lsnRedo        recovery starts here
 *    32   8  lsnKeep        oldest record some transaction still needs (informational)
 *    40   4  cbData         bytes of opaque data
 *    44   4  ulReserved     zero
 *    48   8  tmWrite        LOGTIME of the write
 *    56  28  signLog        the log stream this checkpoint belongs to
 *    84  44  rgbReserved    zero */
#ifndef LOG_FORMAT_H
#define LOG_FORMAT_H

#include <stddef.h>

#include "le.h"

#define LOG_FILE_MAGIC      0x474F4C45u   /* "ELOG" */
#define LOG_CHK_MAGIC       0x4B484345u   /* "ECHK" */
#define LOG_FORMAT_VERSION  1u

#define LOG_CB_FRAME        8u            /* frame header; records start on multiples of it */
#define LOG_CB_ALIGN        8u
#define LOG_CB_PAYLOAD_MAX  0x00FFFFFFu   /* 24-bit length field */
#define LOG_CB_SECTOR_MIN   512u
#define LOG_CB_SECTOR_MAX   65536u
#define LOG_CB_SECTOR_DEFAULT 4096u       /* safe on 4Kn and 512e disks (see README) */
#define LOG_CB_CHK_MIN      8192u
#define LOG_CB_CHK_DATA_MAX (16u << 20)
/* ESE's lGenerationMax (daeconst.hxx): the last generation a log stream may reach. */
#define LOG_GEN_MAX         0x7FFFF800u

/* LOGTIME: 8 bytes, see above. */
struct log_logtime_disk { uint8_t b[8]; };
/* SIGNATURE: le32 random, LOGTIME, char[16] computer name. */
struct log_signature_disk {
    le32 ulRandom;
    struct log_logtime_disk logtimeCreate;
    uint8_t szComputerName[16];
};
#define LOG_CB_SIGNATURE 28u

/* PERSISTED */
struct log_file_header {
    le32 ulChecksum;
    le32 ulMagic;
    le32 ulVersion;
    le32 cbHeader;
    le32 lGeneration;
    le32 cbFile;
    le32 cbSector;
    le32 cbMaxWrite;
    le64 lsnPrevEnd;
    struct log_logtime_disk tmCreate;
    struct log_logtime_disk tmPrevGen;
    struct log_signature_disk signLog;
    uint8_t rgbReserved[44];
};

/* PERSISTED */
struct log_chk_header {
    le32 ulChecksum;
    le32 ulMagic;
    le32 ulVersion;
    le32 cbHeader;
    le64 ullSeq;
    le64 lsnRedo;
    le64 lsnKeep;
    le32 cbData;
    le32 ulReserved;
    struct log_logtime_disk tmWrite;
    struct log_signature_disk signLog;
    uint8_t rgbReserved[44];
};

_Static_assert(sizeof(struct log_logtime_disk) == 8, "LOGTIME");
_Static_assert(sizeof(struct log_signature_disk) == LOG_CB_SIGNATURE, "SIGNATURE");
_Static_assert(offsetof(struct log_signature_disk, logtimeCreate) == 4, "SIGNATURE.logtimeCreate");
_Static_assert(offsetof(struct log_signature_disk, szComputerName) == 12, "SIGNATURE.szComputerName");

_Static_assert(sizeof(struct log_file_header) == 128, "log file header");
_Static_assert(offsetof(struct log_file_header, ulMagic) == 4, "log hdr magic");
_Static_assert(offsetof(struct log_file_header, lGeneration) == 16, "log hdr generation");
_Static_assert(offsetof(struct log_file_header, cbFile) == 20, "log hdr cbFile");
_Static_assert(offsetof(struct log_file_header, cbSector) == 24, "log hdr cbSector");
_Static_assert(offsetof(struct log_file_header, cbMaxWrite) == 28, "log hdr cbMaxWrite");
_Static_assert(offsetof(struct log_file_header, lsnPrevEnd) == 32, "log hdr lsnPrevEnd");
_Static_assert(offsetof(struct log_file_header, tmCreate) == 40, "log hdr tmCreate");
_Static_assert(offsetof(struct log_file_header, tmPrevGen) == 48, "log hdr tmPrevGen");
_Static_assert(offsetof(struct log_file_header, signLog) == 56, "log hdr signLog");
_Static_assert(offsetof(struct log_file_header, rgbReserved) == 84, "log hdr reserved");

_Static_assert(sizeof(struct log_chk_header) == 128, "checkpoint header");
_Static_assert(offsetof(struct log_chk_header, ullSeq) == 16, "chk seq");
_Static_assert(offsetof(struct log_chk_header, lsnRedo) == 24, "chk lsnRedo");
_Static_assert(offsetof(struct log_chk_header, lsnKeep) == 32, "chk lsnKeep");
_Static_assert(offsetof(struct log_chk_header, cbData) == 40, "chk cbData");
_Static_assert(offsetof(struct log_chk_header, tmWrite) == 48, "chk tmWrite");
_Static_assert(offsetof(struct log_chk_header, signLog) == 56, "chk signLog");

/* Frame fields (variable position: parse with get_le32 after a bounds check). */
#define LOG_FRAME_OFF_CRC     0u
#define LOG_FRAME_OFF_CBTYPE  4u
static inline uint32_t log_frame_cb(uint32_t ulCbType) { return ulCbType & LOG_CB_PAYLOAD_MAX; }
static inline uint8_t log_frame_type(uint32_t ulCbType) { return (uint8_t)(ulCbType >> 24); }
static inline uint32_t log_frame_cbtype(uint8_t type, uint32_t cb) { return ((uint32_t)type << 24) | cb; }
/* Bytes a record of cb payload bytes takes in the file, frame and alignment included. */
static inline uint32_t log_frame_span(uint32_t cb) { return LOG_CB_FRAME + ((cb + LOG_CB_ALIGN - 1) & ~(LOG_CB_ALIGN - 1)); }

#endif /* LOG_FORMAT_H */
