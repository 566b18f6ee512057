/* SPDX-License-Identifier: MIT
 * cache/tests/cache_test.c: fixtures (see cache_test.h). */
#include "cache_test.h"

/* ---- the log: the real one, over os_fault over the test's os_mem ---- */

struct tlog_page { uint32_t pgno; uint64_t dbtime; lsn_t lsn; };
struct tlog {
    struct log *log;
    struct os_vfs *vfsFault;
    struct os_mutex mtx;
    struct log_record *rgrec;       /* LOG_REC_PAGES records read back (payloads copied) */
    uint32_t crec, crecAlloc;
    struct tlog_page *rgpage;       /* (pgno, dbtimeAfter) of each page entry, with its LSN */
    uint32_t cpage, cpageAlloc;
    lsn_t lsnLast;
    bool fAny;
};
static struct tlog *g_rgtlog[8];

static struct tlog *tlog_of(struct log *log)
{
    for (uint32_t i = 0; i < ARRAY_SIZE(g_rgtlog); i++)
        if (g_rgtlog[i] && g_rgtlog[i]->log == log)
            return g_rgtlog[i];
    fail_msg("not a test log");
    return NULL;
}

struct log *tlog_create(struct os_vfs *vfs, uint32_t cbFile)
{
    struct tlog *t = calloc(1, sizeof *t);
    struct log_state st;
    t->vfsFault = os_fault_create(vfs);
    os_mutex_init(&t->mtx);
    struct log_config cfg = {
        .vfs = t->vfsFault,
        .wszLogPath = (const ESENT_WCHAR *)u"log",
        .wszSystemPath = (const ESENT_WCHAR *)u"log",
        .wszBaseName = (const ESENT_WCHAR *)u"edb",
        .cbLogFile = cbFile,
        .cbLogBuffer = 1u << 20,
        .fCreatePath = true,
        .grbitLegacyFileNames = LOG_LEGACY_FILE_NAMES_ESENT,
    };
    assert_int_equal(log_open(&cfg, &t->log, &st), JET_errSuccess);
    assert_int_equal(log_start(t->log), JET_errSuccess);
    for (uint32_t i = 0; i < ARRAY_SIZE(g_rgtlog); i++)
        if (!g_rgtlog[i]) {
            g_rgtlog[i] = t;
            return t->log;
        }
    fail_msg("too many test logs");
    return NULL;
}

void tlog_destroy(struct log *log)
{
    if (!log)
        return;
    struct tlog *t = tlog_of(log);
    for (uint32_t i = 0; i < ARRAY_SIZE(g_rgtlog); i++)
        if (g_rgtlog[i] == t)
            g_rgtlog[i] = NULL;
    log_close(t->log);
    os_fault_destroy(t->vfsFault);
    for (uint32_t i = 0; i < t->crec; i++)
        free((void *)t->rgrec[i].pv);
    free(t->rgrec);
    free(t->rgpage);
    os_mutex_destroy(&t->mtx);
    free(t);
}

/* Read what the log holds durably since the last call (after a flush when fFlush). */
static void tlog_refresh(struct tlog *t, bool fFlush)
{
    struct log_reader *r;
    struct log_record rec;
    if (fFlush)
        assert_int_equal(log_flush(t->log, LSN_MAX), JET_errSuccess);
    os_mutex_lock(&t->mtx);
    assert_int_equal(log_reader_open(t->log, t->fAny ? t->lsnLast : LSN_NONE, &r), JET_errSuccess);
    while (log_reader_next(r, &rec) == JET_errSuccess) {
        if (t->fAny && rec.lsn <= t->lsnLast)
            continue;
        t->fAny = true;
        t->lsnLast = rec.lsn;
        if (rec.type != LOG_REC_PAGES)
            continue;
        if (t->crec == t->crecAlloc) {
            t->crecAlloc = t->crecAlloc ? 2 * t->crecAlloc : 64;
            t->rgrec = realloc(t->rgrec, t->crecAlloc * sizeof *t->rgrec);
        }
        uint8_t *pv = malloc(rec.cb ? rec.cb : 1);
        memcpy(pv, rec.pv, rec.cb);
        t->rgrec[t->crec] = rec;
        t->rgrec[t->crec].pv = pv;
        t->crec++;
        size_t ib = sizeof(struct mtr_rec_header_disk);
        for (uint32_t j = 0; j < pv[1] && ib + sizeof(struct mtr_rec_page_disk) <= rec.cb; j++) {
            const struct mtr_rec_page_disk *d = (const void *)(pv + ib);
            if (t->cpage == t->cpageAlloc) {
                t->cpageAlloc = t->cpageAlloc ? 2 * t->cpageAlloc : 64;
                t->rgpage = realloc(t->rgpage, t->cpageAlloc * sizeof *t->rgpage);
            }
            t->rgpage[t->cpage++] = (struct tlog_page){ le32_get(&d->pgno), le64_get(&d->dbtimeAfter), rec.lsn };
            ib += sizeof *d + le32_get(&d->cbBody);
        }
    }
    log_reader_close(r);
    os_mutex_unlock(&t->mtx);
}

void tlog_set_redo_point(struct log *log, lsn_t lsn) { log_publish_redo_point(log, lsn); }

uint32_t tlog_count(struct log *log)
{
    struct tlog *t = tlog_of(log);
    tlog_refresh(t, true);
    return t->crec;
}

bool tlog_record(struct log *log, uint32_t i, struct log_record *rec)
{
    struct tlog *t = tlog_of(log);
    if (i >= t->crec)
        tlog_refresh(t, true);
    if (i >= t->crec)
        return false;
    *rec = t->rgrec[i];
    return true;
}

JET_ERR tlog_fail(struct log *log)
{
    struct tlog *t = tlog_of(log);
    lsn_t lsn;
    /* A failed write leaves the log unusable for writing, as after a real I/O error. */
    os_fault_fail_nth(t->vfsFault, OS_FAULT_WRITE | OS_FAULT_SYNC, 1, JET_errDiskIO, true);
    assert_int_equal(log_append(log, LOG_REC_USER_MIN, "x", 1, &lsn), JET_errSuccess);
    JET_ERR err = log_flush(log, LSN_MAX);
    assert_true(err < 0);
    os_fault_clear(t->vfsFault);
    return err;
}

lsn_t tlog_lsn_of_page(struct log *log, uint32_t pgno, uint64_t dbtime)
{
    struct tlog *t = tlog_of(log);
    lsn_t lsn = LSN_NONE;
    tlog_refresh(t, false);
    os_mutex_lock(&t->mtx);
    for (uint32_t i = t->cpage; i-- > 0;)
        if (t->rgpage[i].pgno == pgno && t->rgpage[i].dbtime == dbtime) {
            lsn = t->rgpage[i].lsn;
            break;
        }
    os_mutex_unlock(&t->mtx);
    return lsn;
}

/* ---- pages ---- */
void tpage_make(uint8_t *buf, uint32_t cbPage, uint32_t pgno, uint32_t tag, uint64_t dbtime)
{
    struct page_buf pb = page_buf_make(buf, cbPage, pgno);
    char key[16];
    uint8_t data[4];
    page_init(&pb, 100, dbtime, PAGE_FLAG_LEAF);
    int cbKey = snprintf(key, sizeof key, "k%u", (unsigned)pgno);
    put_le32(data, tag);
    assert_int_equal(page_insert_node(&pb, 0, key, (uint32_t)cbKey, data, 4, 0), JET_errSuccess);
}

uint32_t tpage_tag(const uint8_t *buf, uint32_t cbPage, uint32_t pgno)
{
    struct page_view pv = page_view_make(buf, cbPage, pgno);
    struct page_node n;
    assert_int_equal(page_get_node(&pv, 0, &n), JET_errSuccess);
    assert_int_equal(n.cbData, 4);
    return get_le32(n.pbData);
}

void tpage_insert(uint8_t *buf, uint32_t cbPage, uint32_t pgno, const char *key, uint32_t cbData, uint8_t fill)
{
    struct page_buf pb = page_buf_make(buf, cbPage, pgno);
    struct page_view pv = page_view_of(&pb);
    uint8_t *data = malloc(cbData ? cbData : 1);
    memset(data, fill, cbData);
    assert_int_equal(page_insert_node(&pb, page_cline(&pv), key, (uint32_t)strlen(key), data, cbData, 0), JET_errSuccess);
    free(data);
}

/* ---- the WAL checker ---- */
struct wal_file {
    struct os_file base;
    struct os_file *inner;
    struct wal_check *chk;
};

static JET_ERR wal_read(struct os_file *f, uint64_t ib, void *pv, size_t cb)
{
    return os_file_read(((struct wal_file *)f)->inner, ib, pv, cb);
}
static JET_ERR wal_write(struct os_file *f, uint64_t ib, const void *pv, size_t cb)
{
    struct wal_file *w = (struct wal_file *)f;
    struct wal_check *chk = w->chk;
    uint32_t cbPage = chk->cbPage;
    for (size_t off = 0; off + cbPage <= cb; off += cbPage) {
        uint64_t ipg = (ib + off) / cbPage;
        if (ipg < 2)
            continue;
        uint64_t dbtime = get_le64((const uint8_t *)pv + off + 8);
        /* Found only if durable: the reader stops at the durable end. */
        lsn_t lsn = tlog_lsn_of_page(chk->log, (uint32_t)(ipg - 1), dbtime);
        __atomic_add_fetch(&chk->cChecked, 1, __ATOMIC_RELAXED);
        if (lsn == LSN_NONE || lsn >= log_flushed_lsn(chk->log))
            __atomic_add_fetch(&chk->cViolations, 1, __ATOMIC_RELAXED);
    }
    return os_file_write(w->inner, ib, pv, cb);
}
static JET_ERR wal_sync(struct os_file *f) { return os_file_sync(((struct wal_file *)f)->inner); }
static JET_ERR wal_size(struct os_file *f, uint64_t *pcb) { return os_file_size(((struct wal_file *)f)->inner, pcb); }
static JET_ERR wal_set_size(struct os_file *f, uint64_t cb) { return os_file_set_size(((struct wal_file *)f)->inner, cb); }
static void wal_close(struct os_file *f)
{
    os_file_close(((struct wal_file *)f)->inner);
    free(f);
}
static const struct os_file_ops wal_ops = { wal_read, wal_write, wal_sync, wal_size, wal_set_size, wal_close };

/* ---- environment ---- */
static void tenv_register(struct tenv *e)
{
    struct cache_file_desc d = {
        .file = e->file, .cbPage = e->cbPage, .dbid = 1, .log = e->log, .pdbtime = &e->dbtime,
        .cbCheckpointDepthMax = e->cbDepth, .cbLogFile = e->cbLogFile,
    };
    assert_int_equal(os_file_open(e->vfs, TEST_DB_PATH, OS_OPEN_CREATE, &e->file), JET_errSuccess);
    if (e->chk) {
        struct wal_file *w = calloc(1, sizeof *w);
        w->base.ops = &wal_ops;
        w->base.vfs = e->file->vfs;
        w->inner = e->file;
        w->chk = e->chk;
        e->file = &w->base;
    }
    d.file = e->file;
    assert_int_equal(cache_file_register(e->cache, &d, &e->f), JET_errSuccess);
}

void tenv_set_depth(struct tenv *e, uint64_t cbDepth, uint32_t cbLogFile)
{
    e->cbDepth = cbDepth;
    e->cbLogFile = cbLogFile;
    tenv_reopen_file(e);
}

void tenv_wrap_wal_check(struct tenv *e, struct wal_check *chk)
{
    memset(chk, 0, sizeof *chk);
    chk->log = e->log;
    chk->cbPage = e->cbPage;
    e->chk = chk;
    tenv_reopen_file(e);
}

void tenv_open(struct tenv *e, uint32_t cbPage, uint32_t cpgMax, uint32_t cpgFile, unsigned flags)
{
    memset(e, 0, sizeof *e);
    e->vfsMem = os_mem_create();
    e->vfs = (flags & TENV_CRASH) ? os_crash_create(e->vfsMem, 512) : e->vfsMem;
    e->cbPage = cbPage;
    e->cpgFile = cpgFile;
    e->dbtime = 1;

    size_t cb = (size_t)(cpgFile + 2) * cbPage;
    uint8_t *pb = calloc(1, cb);
    for (uint32_t pgno = 1; pgno <= cpgFile && !(flags & TENV_NO_FILE_PAGES); pgno++) {
        uint8_t *pg = pb + page_file_offset(pgno, cbPage);
        tpage_make(pg, cbPage, pgno, pgno, 1);
        page_checksum_set(pg, cbPage, pgno);
    }
    assert_int_equal(os_test_write_file(e->vfs, TEST_DB_PATH, pb, cb), JET_errSuccess);
    free(pb);

    if (flags & TENV_LOG)
        e->log = tlog_create(e->vfsMem, (flags & TENV_SMALL_LOG) ? 32u << 10 : 1u << 20);
    assert_int_equal(cache_create(16 < cpgMax ? 16 : cpgMax, cpgMax, &e->cache), JET_errSuccess);
    cache_set_flush_thresholds(e->cache, 0, 0);
    tenv_register(e);
}

void tenv_reopen_file(struct tenv *e)
{
    cache_file_unregister(e->f);
    os_file_close(e->file);
    tenv_register(e);
}

void tenv_close(struct tenv *e)
{
    cache_file_unregister(e->f);
    os_file_close(e->file);
    cache_destroy(e->cache);
    tlog_destroy(e->log);
    if (e->vfs != e->vfsMem)
        os_crash_destroy(e->vfs);
    os_mem_destroy(e->vfsMem);
}

void tenv_read_raw(struct tenv *e, uint32_t pgno, uint8_t *buf)
{
    assert_int_equal(os_file_read(e->file, page_file_offset(pgno, e->cbPage), buf, e->cbPage), JET_errSuccess);
}

void tenv_write_raw(struct tenv *e, uint32_t pgno, const uint8_t *buf)
{
    assert_int_equal(os_file_write(e->file, page_file_offset(pgno, e->cbPage), buf, e->cbPage), JET_errSuccess);
}
