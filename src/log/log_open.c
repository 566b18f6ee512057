/* SPDX-License-Identifier: MIT
 * log/log_open.c: finding an existing log (log_open), the checks on it, and the simple accessors.
 * Layer: log (uses os, base).
 *
 * What log_open accepts (see README.md "Opening"): a contiguous run of generations ending with
 * `<base>.log` (or, after a crash in the middle of a generation switch, ending with the newest
 * archive while `<base>tmp.log` exists), all of one stream (signature) and chained by their
 * headers; the checkpoint inside that run. Older files below a gap are ignored when the
 * checkpoint does not need them. Nothing is written here. */
#include <stdlib.h>

#include "log_int.h"

DEBUG_CHANNEL(log);

/* ---- small helpers ---------------------------------------------------------------------------- */

static JET_ERR file_path_digits(struct log *log, enum log_name_kind kind, uint32_t gen, unsigned cDigits,
                                ESENT_WCHAR **pwsz)
{
    ESENT_WCHAR wszName[LOG_CCH_NAME_MAX];
    bool fChk = kind == LOG_NAME_CHECKPOINT || kind == LOG_NAME_CHECKPOINT_TMP;
    log_name_build(wszName, log->wszBase, kind, gen, cDigits, fChk ? log->wszChkExt : log->wszExt);
    return log_path_join(fChk ? log->wszSysDir : log->wszLogDir, wszName, pwsz);
}

JET_ERR log_file_path(struct log *log, enum log_name_kind kind, uint32_t gen, ESENT_WCHAR **pwsz)
{
    unsigned cDigits = log_name_digits(log->cfg.grbitLegacyFileNames, gen);
    if (kind == LOG_NAME_ARCHIVE && log->rggen && gen >= log->genMin && gen <= log->genLast &&
        log_gen_at(log, gen)->cDigits)
        cDigits = log_gen_at(log, gen)->cDigits;   /* the name it was found under */
    return file_path_digits(log, kind, gen, cDigits, pwsz);
}

JET_ERR log_gens_reserve(struct log *log, uint32_t gen)
{
    uint32_t c = gen - log->genMin + 1;
    if (c <= log->cgenAlloc) return JET_errSuccess;
    uint32_t cNew = MAX(c, log->cgenAlloc * 2);
    cNew = MAX(cNew, 16u);
    struct log_gen *rg = mem_realloc(log->rggen, (size_t)cNew * sizeof *rg);
    if (!rg) return ERR_TRAP(JET_errOutOfMemory);
    memset(rg + log->cgenAlloc, 0, (size_t)(cNew - log->cgenAlloc) * sizeof *rg);
    log->rggen = rg;
    log->cgenAlloc = cNew;
    return JET_errSuccess;
}

static JET_ERR dup_dir(const ESENT_WCHAR *wsz, ESENT_WCHAR **pwsz)
{
    *pwsz = wstr_dup(wsz ? wsz : ESENT_WTEXT(""));
    return *pwsz ? JET_errSuccess : ERR_TRAP(JET_errOutOfMemory);
}

/* ---- configuration ---------------------------------------------------------------------------- */

static JET_ERR config_check(const struct log_config *cfg, uint32_t *pcbSector)
{
    uint32_t cbSector = cfg->cbSector ? cfg->cbSector : LOG_CB_SECTOR_DEFAULT;
    if (!cfg->vfs || !cfg->wszBaseName)
        return ERR_TRAP(JET_errInvalidParameter);
    size_t cchBase = wstr_len(cfg->wszBaseName);
    if (cchBase == 0 || cchBase > LOG_CCH_BASE_MAX)
        return ERR_TRAP(JET_errInvalidParameter);
    for (size_t i = 0; i < cchBase; i++) {
        ESENT_WCHAR c = cfg->wszBaseName[i];
        if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c < 0x20)
            return ERR_TRAP(JET_errInvalidParameter);
    }
    if (!log_is_pow2(cbSector) || cbSector < LOG_CB_SECTOR_MIN || cbSector > LOG_CB_SECTOR_MAX)
        return ERR_TRAP(JET_errInvalidParameter);
    if (cfg->cbLogFile % cbSector != 0 || cfg->cbLogFile < 4 * cbSector ||
        cfg->cbLogFile > 0x80000000u)
        return ERR_TRAP(JET_errInvalidParameter);
    *pcbSector = cbSector;
    return JET_errSuccess;
}

/* ---- discovery -------------------------------------------------------------------------------- */

struct found_archive { uint32_t gen; uint8_t cDigits; };

struct found {
    struct log *log;
    const ESENT_WCHAR *wszExt;
    bool fCur, fTmp;
    struct found_archive *rg;
    size_t c, cMax;
};

static JET_ERR found_name(void *ctx, const ESENT_WCHAR *wszName)
{
    struct found *fd = ctx;
    uint32_t gen = 0;
    unsigned cDigits = 0;
    switch (log_name_parse(wszName, fd->log->wszBase, fd->wszExt, &gen, &cDigits)) {
    case LOG_NAME_CURRENT: fd->fCur = true; break;
    case LOG_NAME_TMP: fd->fTmp = true; break;
    case LOG_NAME_ARCHIVE:
        if (fd->c == fd->cMax) {
            size_t cNew = fd->cMax ? fd->cMax * 2 : 16;
            struct found_archive *rg = mem_realloc(fd->rg, cNew * sizeof *rg);
            if (!rg) return ERR_TRAP(JET_errOutOfMemory);
            fd->rg = rg;
            fd->cMax = cNew;
        }
        fd->rg[fd->c].gen = gen;
        fd->rg[fd->c].cDigits = (uint8_t)cDigits;
        fd->c++;
        break;
    default: break;
    }
    return JET_errSuccess;
}

static JET_ERR find_files(struct log *log, const ESENT_WCHAR *wszExt, struct found *fd)
{
    ESENT_WCHAR wszPattern[LOG_CCH_NAME_MAX];
    size_t ich = 0;
    for (const ESENT_WCHAR *p = log->wszBase; *p; p++) wszPattern[ich++] = *p;
    wszPattern[ich++] = '*';
    for (const ESENT_WCHAR *p = wszExt; *p; p++) wszPattern[ich++] = *p;
    wszPattern[ich] = 0;

    memset(fd, 0, sizeof *fd);
    fd->log = log;
    fd->wszExt = wszExt;
    JET_ERR err = log->cfg.vfs->ops->list(log->cfg.vfs, log->wszLogDir, wszPattern, found_name, fd);
    if (err == JET_errInvalidPath || err == JET_errFileNotFound)
        err = JET_errSuccess;      /* no folder: no log */
    return err;
}

static int cmp_archive(const void *a, const void *b)
{
    uint32_t ga = ((const struct found_archive *)a)->gen, gb = ((const struct found_archive *)b)->gen;
    return ga < gb ? -1 : ga > gb;
}

/* Opens generation gen (the current file when fCur, else the archive named with cDigits) and
 * reads its header. */
static JET_ERR open_gen(struct log *log, uint32_t gen, bool fCur, unsigned cDigits, struct os_file **pf,
                        struct log_hdr *h)
{
    ESENT_WCHAR *wszPath = NULL;
    JET_ERR err;
    *pf = NULL;
    CALL(file_path_digits(log, fCur ? LOG_NAME_CURRENT : LOG_NAME_ARCHIVE, gen, cDigits, &wszPath));
    err = os_file_open(log->cfg.vfs, wszPath, OS_OPEN_READONLY | OS_OPEN_SHARE_READ, pf);
    if (err == JET_errFileNotFound) err = ERR_TRAP(JET_errMissingLogFile);
    CALL(err);
    err = log_hdr_read(*pf, h);
    if (err < 0) {
        WARN("%s: bad header (%d)\n", debugstr_w(wszPath), (int)err);
        goto out;
    }
    if (!fCur && h->gen != gen) {
        WARN("%s: header says generation %u\n", debugstr_w(wszPath), h->gen);
        FAIL(JET_errLogGenerationMismatch);
    }
out:
    if (err < 0) {
        os_file_close(*pf);
        *pf = NULL;
    }
    mem_free(wszPath);
    return err;
}

/* Everything log_open checks on an existing log; fills log and st. */
static JET_ERR open_existing(struct log *log, struct found *fd, struct log_state *st)
{
    struct os_file *fLast = NULL;
    struct log_hdr hLast, hNext, h;
    uint8_t signChk[LOG_CB_SIGNATURE];
    bool fChk = false;
    uint32_t genLast, genMin;
    JET_ERR err;

    /* The newest generation: <base>.log, else (crash mid-switch) the newest archive. */
    if (fd->c) qsort(fd->rg, fd->c, sizeof *fd->rg, cmp_archive);
    for (size_t i = 0; i < fd->c; i++) {
        if (i + 1 < fd->c && fd->rg[i].gen == fd->rg[i + 1].gen)
            FAIL(JET_errLogGenerationMismatch);            /* both 5- and 8-digit names */
        if (!(log->cfg.grbitLegacyFileNames & JET_bitEightDotThreeSoftCompat) && fd->rg[i].cDigits == 5)
            FAIL(JET_errLogGenerationMismatch);            /* as ESE without soft compat */
    }
    if (fd->fCur) {
        CALL(open_gen(log, 0, true, 0, &fLast, &hLast));
        genLast = hLast.gen;
        if (fd->c && fd->rg[fd->c - 1].gen >= genLast) {
            WARN("archive generation %u not below the current one %u\n", fd->rg[fd->c - 1].gen, genLast);
            FAIL(JET_errLogGenerationMismatch);
        }
    } else {
        if (!fd->fTmp && !(log->cfg.fRestore && fd->c)) {
            WARN("no %s%s and no next generation prepared\n", debugstr_w(log->wszBase), debugstr_w(log->wszExt));
            FAIL(JET_errMissingLogFile);
        }
        genLast = fd->rg[fd->c - 1].gen;
        CALL(open_gen(log, genLast, false, fd->rg[fd->c - 1].cDigits, &fLast, &hLast));
    }
    memcpy(log->signLog, hLast.signLog, LOG_CB_SIGNATURE);
    log->fSign = true;
    log->crcSeed = log_crc32c(0, log->signLog, LOG_CB_SIGNATURE);

    /* The contiguous run of archives below genLast. */
    size_t iRun = fd->c;        /* index of the oldest archive in the run */
    genMin = genLast;
    {
        size_t i = fd->c;
        if (!fd->fCur) i--;     /* genLast itself is the newest archive */
        while (i > 0 && fd->rg[i - 1].gen == genMin - 1) {
            i--;
            genMin--;
        }
        iRun = i;
    }

    if (!log->cfg.fRestore) CALL(log_chk_read(log, &fChk, signChk));
    if (fChk && log->lsnRedoChk == LSN_NONE)
        fChk = false;           /* "from the start of the log": as good as none */
    if (fChk) {
        if (memcmp(signChk, log->signLog, LOG_CB_SIGNATURE) != 0) {
            WARN("checkpoint of another log stream\n");
            FAIL(JET_errBadCheckpointSignature);
        }
        uint32_t genRedo = lsn_generation(log->lsnRedoChk);
        if (genRedo > genLast)
            FAIL(JET_errCheckpointCorrupt);
        if (genRedo < genMin) {
            WARN("checkpoint needs generation %u, oldest present is %u\n", genRedo, genMin);
            FAIL(JET_errMissingLogFile);
        }
    } else if (iRun > 0) {
        WARN("generation %u missing\n", genMin - 1);
        FAIL(JET_errMissingLogFile);
    }

    log->genMin = genMin;
    log->genLast = genLast;
    CALL(log_gens_reserve(log, genLast));
    for (uint32_t g = genMin; g < genLast; g++)
        log_gen_at(log, g)->cDigits = fd->rg[iRun + (g - genMin)].cDigits;
    log_gen_at(log, genLast)->cDigits = fd->fCur ? (uint8_t)log_name_digits(log->cfg.grbitLegacyFileNames, genLast)
                                                 : fd->rg[fd->c - 1].cDigits;
    log_gen_at(log, genLast)->ibFirst = hLast.cbSector;

    /* Headers, newest first: each must be of this stream, and chain to the one after it. */
    hNext = hLast;
    for (uint32_t g = genLast; g-- > genMin; ) {
        struct os_file *f = NULL;
        CALL(open_gen(log, g, false, log_gen_at(log, g)->cDigits, &f, &h));
        os_file_close(f);
        if (memcmp(h.signLog, log->signLog, LOG_CB_SIGNATURE) != 0) {
            WARN("generation %u belongs to another log stream\n", g);
            FAIL(JET_errBadLogSignature);
        }
        if (memcmp(hNext.tmPrevGen, h.tmCreate, 8) != 0) {
            WARN("generation %u does not follow %u\n", g + 1, g);
            FAIL(JET_errInvalidLogSequence);
        }
        uint32_t ibEnd = lsn_offset(hNext.lsnPrevEnd);
        if (lsn_generation(hNext.lsnPrevEnd) != g || ibEnd < h.cbSector || ibEnd > h.cbFile ||
            ibEnd % LOG_CB_ALIGN != 0) {
            WARN("generation %u: bad end %#llx of the previous generation\n", g + 1,
                 (unsigned long long)hNext.lsnPrevEnd);
            FAIL(JET_errLogFileCorrupt);
        }
        log_gen_at(log, g)->ibFirst = h.cbSector;
        log_gen_at(log, g)->ibEnd = ibEnd;
        hNext = h;
    }

    /* The end of the log: the first record of the last generation that is not intact. */
    uint32_t ibEnd;
    uint8_t typeLast;
    CALL(log_scan_end(log->crcSeed, fLast, &hLast, hLast.cbSector, true, &ibEnd, &typeLast));
    log_gen_at(log, genLast)->ibEnd = ibEnd;
    memcpy(log->tmCreateLast, hLast.tmCreate, 8);
    log->lsnEndOfData = lsn_make(genLast, ibEnd);
    log->fCleanEnd = typeLast == LOG_REC_TERM;
    log->fCurFileExists = fd->fCur;
    if (fChk && log->lsnRedoChk > log->lsnEndOfData) {
        WARN("checkpoint %#llx past the end of the log %#llx\n", (unsigned long long)log->lsnRedoChk,
             (unsigned long long)log->lsnEndOfData);
        FAIL(JET_errCheckpointCorrupt);
    }

    log->lsnRedoPublished = fChk ? log->lsnRedoChk
                                                    : lsn_make(genMin, log_gen_at(log, genMin)->ibFirst);
    st->fExisting = true;
    st->fCleanEnd = log->fCleanEnd;
    st->lsnCheckpoint = fChk ? log->lsnRedoChk : LSN_NONE;
    st->lsnEndOfData = log->lsnEndOfData;
    st->genMin = genMin;
    st->genMax = genLast;
    memcpy(st->signLog, log->signLog, LOG_CB_SIGNATURE);
    TRACE("generations %u..%u, end %#llx%s, checkpoint %#llx\n", genMin, genLast,
          (unsigned long long)log->lsnEndOfData, log->fCleanEnd ? " (clean)" : "",
          (unsigned long long)st->lsnCheckpoint);
out:
    os_file_close(fLast);
    return err;
}

JET_ERR log_open(const struct log_config *cfg, struct log **pplog, struct log_state *pstate)
{
    struct log *log = NULL;
    struct log_state st;
    struct found fd = { 0 }, fdOther = { 0 };
    uint32_t cbSector = LOG_CB_SECTOR_DEFAULT;
    JET_ERR err;

    *pplog = NULL;
    memset(&st, 0, sizeof st);
    st.fCleanEnd = true;
    if (!cfg) return ERR_TRAP(JET_errInvalidParameter);
    if (!cfg->fRecoveryOff) CALL_R(config_check(cfg, &cbSector));

    log = mem_calloc(1, sizeof *log);
    if (!log) return ERR_TRAP(JET_errOutOfMemory);
    log->cfg = *cfg;
    log->cfg.cbSector = cbSector;
    os_mutex_init(&log->mu);
    os_mutex_init(&log->muChk);
    os_mutex_init(&log->muRes);
    os_cond_init(&log->cv);
    log->fOff = cfg->fRecoveryOff;
    if (log->fOff) {
        TRACE("logging off\n");
        goto done;
    }

    wstr_copy(log->wszBase, ARRAY_SIZE(log->wszBase), cfg->wszBaseName);
    CALL(dup_dir(cfg->wszLogPath, &log->wszLogDir));
    CALL(dup_dir(cfg->wszSystemPath, &log->wszSysDir));
    log->cfg.wszLogPath = log->wszLogDir;
    log->cfg.wszSystemPath = log->wszSysDir;
    log->cfg.wszBaseName = log->wszBase;
    bool fLegacy = cfg->grbitLegacyFileNames & JET_bitESE98FileNames;
    log->wszExt = fLegacy ? log_ext_log : log_ext_jtx;
    log->wszChkExt = fLegacy ? log_ext_chk : log_ext_jcp;

    CALL(find_files(log, log->wszExt, &fd));
    if (!fd.fCur && fd.c == 0) {
        /* As ESE at recovery: a log under the other extension is taken as it is. */
        CALL(find_files(log, fLegacy ? log_ext_jtx : log_ext_log, &fdOther));
        if (fdOther.fCur || fdOther.c) {
            mem_free(fd.rg);
            fd = fdOther;
            memset(&fdOther, 0, sizeof fdOther);
            log->wszExt = fLegacy ? log_ext_jtx : log_ext_log;
            log->wszChkExt = fLegacy ? log_ext_jcp : log_ext_chk;
        }
    }

    if (fd.fCur || fd.c) {
        CALL(open_existing(log, &fd, &st));
    } else {
        TRACE("no log in %s\n", debugstr_w(log->wszLogDir));
    }
    st.lsnEnd = lsn_make(log->genLast + 1, cbSector);
    /* Before log_start: everything found is durable, and the next record goes to a new generation. */
    log->lsnFlushed = st.lsnEndOfData;
    log->lsnNext = st.lsnEnd;
done:
    *pplog = log;
    if (pstate) *pstate = st;
    log = NULL;
    err = JET_errSuccess;
out:
    mem_free(fd.rg);
    mem_free(fdOther.rg);
    if (log) log_close(log);
    return err;
}

/* ---- accessors -------------------------------------------------------------------------------- */

void log_close(struct log *log)
{
    if (!log) return;
    assert(log->cReaders == 0);
    log_writer_close(log);
    os_cond_destroy(&log->cv);
    os_mutex_destroy(&log->mu);
    os_mutex_destroy(&log->muChk);
    os_mutex_destroy(&log->muRes);
    mem_free(log->rggen);
    mem_free(log->pvChkData);
    mem_free(log->wszLogDir);
    mem_free(log->wszSysDir);
    mem_free(log);
}

const void *log_checkpoint_data(const struct log *log, size_t *pcb)
{
    if (!log || log->fOff || !log->pvChkData || !log->cbChkData) {
        if (pcb) *pcb = 0;
        return NULL;
    }
    if (pcb) *pcb = log->cbChkData;
    return log->pvChkData;
}

lsn_t log_redo_point(const struct log *log)
{
    if (!log || log->fOff) return LSN_NONE;
    return __atomic_load_n(&log->lsnRedoPublished, __ATOMIC_ACQUIRE);
}

void log_publish_redo_point(struct log *log, lsn_t lsn)
{
    if (!log || log->fOff) return;
    lsn_t cur = __atomic_load_n(&log->lsnRedoPublished, __ATOMIC_RELAXED);
    while (lsn > cur &&
           !__atomic_compare_exchange_n(&log->lsnRedoPublished, &cur, lsn, false, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {}
}

void log_signature(const struct log *log, uint8_t signLog[28])
{
    if (!log || log->fOff || !log->fSign) memset(signLog, 0, LOG_CB_SIGNATURE);
    else memcpy(signLog, log->signLog, LOG_CB_SIGNATURE);
}

void log_generations(const struct log *log, uint32_t *pgenMin, uint32_t *pgenMax)
{
    struct log *l = (struct log *)log;      /* the mutex is not part of the value */
    *pgenMin = *pgenMax = 0;
    if (!log || log->fOff) return;
    os_mutex_lock(&l->mu);
    *pgenMin = l->genMin;
    *pgenMax = l->genLast;
    os_mutex_unlock(&l->mu);
}

JET_ERR log_checkpoint_path(struct log *log, ESENT_WCHAR **pwsz)
{
    *pwsz = NULL;
    if (!log || log->fOff) return ERR_TRAP(JET_errLoggingDisabled);
    return log_file_path(log, LOG_NAME_CHECKPOINT, 0, pwsz);
}

JET_ERR log_generation_path(struct log *log, uint32_t gen, ESENT_WCHAR **pwsz)
{
    JET_ERR err;
    *pwsz = NULL;
    if (!log || log->fOff) return ERR_TRAP(JET_errLoggingDisabled);
    if (gen == 0 || gen > LOG_GEN_MAX) return ERR_TRAP(JET_errInvalidParameter);
    os_mutex_lock(&log->mu);
    bool fCur = log->fRunning ? gen == log->genCur : (log->fCurFileExists && gen == log->genLast);
    err = log_file_path(log, fCur ? LOG_NAME_CURRENT : LOG_NAME_ARCHIVE, gen, pwsz);
    os_mutex_unlock(&log->mu);
    return err;
}

JET_ERR log_file_names(struct log *log, uint32_t genMin, uint32_t genMax, ESENT_WCHAR ***prgwsz, uint32_t *pc)
{
    ESENT_WCHAR **rgwsz = NULL;
    JET_ERR err = JET_errSuccess;
    *prgwsz = NULL;
    *pc = 0;
    if (!log || log->fOff) return JET_errSuccess;

    os_mutex_lock(&log->mu);
    uint32_t gLo = MAX(genMin, log->genMin), gHi = MIN(genMax, log->genLast);
    if (log->genLast == 0 || gLo > gHi) goto out;
    uint32_t c = gHi - gLo + 1;
    ESENT_WCHAR *wszPath;
    size_t cbStrings = 0;
    /* Two passes: sizes, then one block holding the array and the strings. */
    for (int pass = 0; pass < 2; pass++) {
        ESENT_WCHAR *pwch = rgwsz ? (ESENT_WCHAR *)(rgwsz + c) : NULL;
        for (uint32_t g = gLo; g <= gHi; g++) {
            bool fCur = log->fRunning ? g == log->genCur : (log->fCurFileExists && g == log->genLast);
            CALL(log_file_path(log, fCur ? LOG_NAME_CURRENT : LOG_NAME_ARCHIVE, g, &wszPath));
            size_t cch = wstr_len(wszPath) + 1;
            if (pass == 0) {
                cbStrings += cch * sizeof(ESENT_WCHAR);
            } else {
                memcpy(pwch, wszPath, cch * sizeof(ESENT_WCHAR));
                rgwsz[g - gLo] = pwch;
                pwch += cch;
            }
            mem_free(wszPath);
        }
        if (pass == 0) {
            rgwsz = mem_alloc(c * sizeof *rgwsz + cbStrings);
            if (!rgwsz) FAIL(JET_errOutOfMemory);
        }
    }
    *prgwsz = rgwsz;
    *pc = c;
    rgwsz = NULL;
out:
    os_mutex_unlock(&log->mu);
    mem_free(rgwsz);
    return err;
}
