/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_logfmt.c: helpers over ESE's log-stream headers (checksum, the attached
 * database list) and the choice of a reader for a log or checkpoint file. Bytes from the file
 * are untrusted: every read here is bounded by the buffer the caller holds. */
#include "eu_logfmt.h"
#include <stdio.h>

#include "log_format.h"
#include "os.h"

uint32_t eu_ese_header_checksum(const uint8_t *pb, size_t cb)
{
    uint32_t x = ESE_HEADER_SEED;
    for (size_t ib = 4; ib + 4 <= cb; ib += 4)
        x ^= get_le32(pb + ib);
    return x;
}

JET_ERR eu_ese_attach_next(const uint8_t *pbList, size_t cbList, size_t *pib, struct eu_attach *pa, bool *pfEnd)
{
    size_t ib = *pib;
    *pfEnd = false;
    if (ib >= cbList || pbList[ib] == 0) {
        *pfEnd = true;
        return JET_errSuccess;
    }
    if (cbList - ib < sizeof(struct ese_attachinfo_disk)) return JET_errLogFileCorrupt;
    const struct ese_attachinfo_disk *d = (const struct ese_attachinfo_disk *)(pbList + ib);
    size_t cbNames = le16_get(&d->cbNames);
    size_t ibNames = ib + sizeof *d;
    if (cbList - ibNames < cbNames) return JET_errLogFileCorrupt;

    memset(pa, 0, sizeof *pa);
    pa->dbid = d->dbid;
    pa->fFlags = d->fFlags;
    pa->dbtime = le64_get(&d->dbtime);
    pa->objidLast = le32_get(&d->objidLast);
    pa->cpgDatabaseSizeMax = le32_get(&d->cpgDatabaseSizeMax);
    pa->lgposAttach = eu_lgpos_get(d->lgposAttach);
    pa->lgposConsistent = eu_lgpos_get(d->lgposConsistent);
    memcpy(pa->signDb, d->signDb, sizeof pa->signDb);

    const uint8_t *pbName = pbList + ibNames;
    if (d->fFlags & ESE_ATTACH_UNICODE_NAMES) {
        ESENT_WCHAR wsz[512];
        size_t cch = 0;
        while (cch + 1 < ARRAY_SIZE(wsz) && 2 * cch + 1 < cbNames && get_le16(pbName + 2 * cch))
            wsz[cch] = get_le16(pbName + 2 * cch), cch++;
        wsz[cch] = 0;
        /* A name longer than the buffer is shown truncated: this is a dump, not a path to open. */
        if (os_utf16_to_acp(wsz, pa->szName, sizeof pa->szName, NULL) < 0)
            snprintf(pa->szName, sizeof pa->szName, "?");
    } else {
        size_t cch = 0;
        while (cch + 1 < sizeof pa->szName && cch < cbNames && pbName[cch])
            pa->szName[cch] = (char)pbName[cch], cch++;
        pa->szName[cch] = 0;
    }
    *pib = ibNames + cbNames;
    return JET_errSuccess;
}

/* ---- the engine's own format (src/log, log_format.h) -------------------------------------------
 * Recognized by its magic so that /ml and /mk never call one of our files a damaged ESE log; its
 * reader is eu_logown.c. */

static bool own_claims_log(const uint8_t *pb, size_t cb)
{
    return cb >= sizeof(struct log_file_header) && get_le32(pb + offsetof(struct log_file_header, ulMagic)) == LOG_FILE_MAGIC;
}

static bool own_claims_checkpoint(const uint8_t *pb, size_t cb)
{
    return cb >= sizeof(struct log_chk_header) && get_le32(pb + offsetof(struct log_chk_header, ulMagic)) == LOG_CHK_MAGIC;
}

static const struct eu_logfmt eu_logfmt_own = {
    "esent (this engine)", own_claims_log, own_claims_checkpoint, eu_logown_dump_log, eu_logown_dump_checkpoint,
};

/* The formats esentutl reads, most specific first: ours has a magic number, ESE's is recognized
 * by its file type and is also the fallback. */
static const struct eu_logfmt *const rgFormats[] = {
    &eu_logfmt_own,
    &eu_logfmt_ese,
};

const struct eu_logfmt *eu_logfmt_find(const uint8_t *pb, size_t cb, bool fCheckpoint)
{
    for (size_t i = 0; i < ARRAY_SIZE(rgFormats); i++) {
        const struct eu_logfmt *f = rgFormats[i];
        if (fCheckpoint ? f->fClaimsCheckpoint(pb, cb) : f->fClaimsLog(pb, cb))
            return f;
    }
    return &eu_logfmt_ese;
}
