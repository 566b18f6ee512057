/* SPDX-License-Identifier: MIT
 * btree/tests/fake_cache.c: the in-memory cache of fake_cache.h (tests only).
 * One mutex per file guards every frame; latch waits sleep on one condition variable. Only the
 * functions space and btree call are implemented; the rest of cache.h is absent on purpose. */
#include <stdio.h>
#include <stdlib.h>

#include "fake_cache.h"
#include "page.h"

#define FRAME_HOLDERS_MAX 16

struct cache_frame {
    struct cache_file *f;
    uint8_t *pb;                    /* the page (stable: frames never move) */
    uint32_t pgno;
    uint32_t cShared;
    uint64_t tidExcl;
    uint64_t rgtidShared[FRAME_HOLDERS_MAX];   /* who holds it shared (self-deadlock checks) */
    bool fVerified;
};

struct cache_file {
    struct os_mutex mu;
    struct os_cond cv;
    uint32_t cbPage;
    uint32_t cpg;
    struct cache_frame **rgframe;   /* index pgno - 1 */
    uint64_t dbtime;
    uint32_t cLatched;
    uint64_t cCommit, cAbort;
    uint64_t cGet, nFailAt;
    JET_ERR errFail;
    bool fFailed;
    uint8_t *pbUndo;
    size_t cbUndo;
};

static uint8_t *page_ptr(struct cache_file *f, uint32_t pgno)
{
    return f->rgframe[pgno - 1]->pb;
}

static void frames_grow(struct cache_file *f, uint32_t cpg)
{
    f->rgframe = realloc(f->rgframe, (cpg ? cpg : 1) * sizeof *f->rgframe);
    for (uint32_t i = f->cpg; i < cpg; i++) {
        struct cache_frame *fr = calloc(1, sizeof *fr);
        fr->f = f;
        fr->pgno = i + 1;
        fr->pb = calloc(1, f->cbPage);
        f->rgframe[i] = fr;
    }
    f->cpg = cpg;
}

static struct cache_file *file_alloc(uint32_t cbPage, uint32_t cpg)
{
    struct cache_file *f = calloc(1, sizeof *f);
    f->cbPage = cbPage;
    frames_grow(f, cpg);
    os_mutex_init(&f->mu);
    os_cond_init(&f->cv);
    return f;
}

struct cache_file *fake_cache_create(uint32_t cbPage, uint32_t cpg, uint64_t dbtimeStart)
{
    struct cache_file *f = file_alloc(cbPage, cpg);
    f->dbtime = dbtimeStart;
    return f;
}

struct cache_file *fake_cache_open_image(const void *pb, size_t cb, uint32_t cbPage)
{
    size_t cpgFile = cb / cbPage;
    uint32_t cpg = cpgFile > PAGE_DB_CPG_RESERVED ? (uint32_t)(cpgFile - PAGE_DB_CPG_RESERVED) : 0;
    struct cache_file *f = file_alloc(cbPage, cpg);
    for (uint32_t pgno = 1; pgno <= cpg; pgno++)
        memcpy(page_ptr(f, pgno), (const uint8_t *)pb + ((size_t)pgno + PAGE_DB_CPG_RESERVED - 1) * cbPage, cbPage);
    /* The header's dbtime is the high-water mark: continue after it. */
    if (cb >= PAGE_DB_CB_HEADER_USED)
        f->dbtime = get_le64((const uint8_t *)pb + offsetof(struct dbfilehdr_disk, dbtimeDirtied));
    return f;
}

void fake_cache_destroy(struct cache_file *f)
{
    if (!f)
        return;
    assert(f->cLatched == 0);
    os_cond_destroy(&f->cv);
    os_mutex_destroy(&f->mu);
    for (uint32_t i = 0; i < f->cpg; i++) {
        free(f->rgframe[i]->pb);
        free(f->rgframe[i]);
    }
    free(f->rgframe);
    free(f->pbUndo);
    free(f);
}

uint32_t fake_cache_cb_page(const struct cache_file *f) { return f->cbPage; }
uint64_t fake_cache_dbtime(const struct cache_file *f) { return f->dbtime; }
uint64_t fake_cache_commits(const struct cache_file *f) { return f->cCommit; }
uint64_t fake_cache_aborts(const struct cache_file *f) { return f->cAbort; }
uint64_t fake_cache_gets(const struct cache_file *f) { return f->cGet; }
bool fake_cache_failed(const struct cache_file *f) { return f->fFailed; }

uint32_t fake_cache_latched(struct cache_file *f)
{
    os_mutex_lock(&f->mu);
    uint32_t c = f->cLatched;
    os_mutex_unlock(&f->mu);
    return c;
}

void fake_cache_last_undo(const struct cache_file *f, const void **ppv, size_t *pcb)
{
    *ppv = f->pbUndo;
    *pcb = f->cbUndo;
}

void fake_cache_fail_nth_get(struct cache_file *f, uint64_t n, JET_ERR err)
{
    os_mutex_lock(&f->mu);
    f->nFailAt = n ? f->cGet + n : 0;
    f->errFail = err;
    f->fFailed = false;
    os_mutex_unlock(&f->mu);
}

static bool page_all_zero(const uint8_t *pb, uint32_t cb)
{
    for (uint32_t i = 0; i < cb; i++)
        if (pb[i])
            return false;
    return true;
}

void fake_cache_read_page(struct cache_file *f, uint32_t pgno, void *pb)
{
    os_mutex_lock(&f->mu);
    memcpy(pb, page_ptr(f, pgno), f->cbPage);
    os_mutex_unlock(&f->mu);
    if (!page_all_zero(pb, f->cbPage)) {
        struct page_buf b = page_buf_make(pb, f->cbPage, pgno);
        page_prepare_for_write(&b, PAGE_FLUSH_UNKNOWN);
    }
}

void fake_cache_poke_page(struct cache_file *f, uint32_t pgno, const void *pb)
{
    os_mutex_lock(&f->mu);
    memcpy(page_ptr(f, pgno), pb, f->cbPage);
    f->rgframe[pgno - 1]->fVerified = false;
    os_mutex_unlock(&f->mu);
}

void *fake_cache_image(struct cache_file *f, size_t *pcb)
{
    size_t cb = ((size_t)f->cpg + PAGE_DB_CPG_RESERVED) * f->cbPage;
    uint8_t *pb = calloc(1, cb);
    for (uint32_t pgno = 1; pgno <= f->cpg; pgno++)
        fake_cache_read_page(f, pgno, pb + ((size_t)pgno + PAGE_DB_CPG_RESERVED - 1) * f->cbPage);
    /* Only the header field the fake reads back: the dbtime high-water mark. */
    put_le64(pb + offsetof(struct dbfilehdr_disk, dbtimeDirtied), f->dbtime);
    *pcb = cb;
    return pb;
}

/* ---- the cache.h functions --------------------------------------------------------------- */

uint64_t cache_file_dbtime(const struct cache_file *f)
{
    return f->dbtime;
}

const uint64_t *cache_file_dbtime_counter(const struct cache_file *f)
{
    return &f->dbtime;
}

uint32_t cache_file_cpg(const struct cache_file *f)
{
    return f->cpg;
}

JET_ERR cache_file_extend(struct cache_file *f, uint32_t cpg)
{
    os_mutex_lock(&f->mu);
    if (cpg > f->cpg)
        frames_grow(f, cpg);
    os_mutex_unlock(&f->mu);
    return JET_errSuccess;
}

static bool holds_shared(const struct cache_frame *fr, uint64_t tid)
{
    for (uint32_t i = 0; i < FRAME_HOLDERS_MAX; i++)
        if (fr->rgtidShared[i] == tid)
            return true;
    return false;
}

static void add_shared(struct cache_frame *fr, uint64_t tid)
{
    for (uint32_t i = 0; i < FRAME_HOLDERS_MAX; i++)
        if (!fr->rgtidShared[i]) {
            fr->rgtidShared[i] = tid;
            return;
        }
}

static void remove_shared(struct cache_frame *fr, uint64_t tid)
{
    for (uint32_t i = 0; i < FRAME_HOLDERS_MAX; i++)
        if (fr->rgtidShared[i] == tid) {
            fr->rgtidShared[i] = 0;
            return;
        }
}

JET_ERR cache_get(struct cache_file *f, uint32_t pgno, enum cache_latch latch, unsigned flags,
                  struct page_ref *ref)
{
    const uint64_t tid = os_thread_id();
    JET_ERR err = JET_errSuccess;

    *ref = PAGE_REF_NONE;
    os_mutex_lock(&f->mu);
    f->cGet++;
    if (f->nFailAt && f->cGet == f->nFailAt) {
        f->nFailAt = 0;
        f->fFailed = true;
        err = f->errFail;
        goto out;
    }
    if (pgno == 0 || pgno > f->cpg) {
        err = JET_errFileIOBeyondEOF;
        goto out;
    }
    struct cache_frame *fr = f->rgframe[pgno - 1];
    for (;;) {
        if (latch == CACHE_LATCH_SHARED) {
            if (!fr->tidExcl)
                break;
            if (fr->tidExcl == tid) {
                fprintf(stderr, "fake_cache: page %u latched shared by its exclusive holder\n", pgno);
                abort();
            }
        } else {
            if (!fr->tidExcl && !fr->cShared)
                break;
            if (fr->tidExcl == tid || holds_shared(fr, tid)) {
                fprintf(stderr, "fake_cache: page %u latched exclusive by a thread holding it\n", pgno);
                abort();
            }
        }
        if (flags & CACHE_GET_NO_WAIT) {
            err = ERR_LATCH_CONFLICT;
            goto out;
        }
        os_cond_wait(&f->cv, &f->mu);
    }
    uint8_t *pb = page_ptr(f, pgno);
    if (!(flags & CACHE_GET_NEW) && !fr->fVerified) {
        /* What the real cache does before a page enters it. */
        if (page_all_zero(pb, f->cbPage)) {
            err = JET_errPageNotInitialized;
            goto out;
        }
        err = page_verify(pb, f->cbPage, pgno, 0, NULL);
        if (err < 0 && !(flags & CACHE_GET_NO_VERIFY))
            goto out;
        err = JET_errSuccess;
        fr->fVerified = true;
    }
    if (flags & CACHE_GET_NEW)
        fr->fVerified = true;
    if (latch == CACHE_LATCH_SHARED) {
        fr->cShared++;
        add_shared(fr, tid);
    } else {
        fr->tidExcl = tid;
    }
    f->cLatched++;
    ref->frame = fr;
    ref->buf = pb;
    ref->pgno = pgno;
    ref->latch = (uint8_t)latch;
out:
    os_mutex_unlock(&f->mu);
    return err;
}

static void put_locked(struct cache_file *f, struct page_ref *ref)
{
    struct cache_frame *fr = ref->frame;
    if (ref->latch == CACHE_LATCH_NONE) {
        /* a kept pin: the fake has no eviction, so a pin is nothing */
        *ref = PAGE_REF_NONE;
        return;
    }
    if (ref->latch == CACHE_LATCH_SHARED) {
        assert(fr->cShared > 0);
        fr->cShared--;
        remove_shared(fr, os_thread_id());
    } else {
        assert(fr->tidExcl == os_thread_id());
        fr->tidExcl = 0;
    }
    f->cLatched--;
    os_cond_broadcast(&f->cv);
    *ref = PAGE_REF_NONE;
}

void cache_put(struct page_ref *ref)
{
    if (!ref->frame)
        return;
    struct cache_file *f = ref->frame->f;
    os_mutex_lock(&f->mu);
    put_locked(f, ref);
    os_mutex_unlock(&f->mu);
}

bool cache_keep_pin(struct page_ref *ref)
{
    if (!ref->frame || ref->latch != CACHE_LATCH_SHARED)
        return false;
    struct cache_file *f = ref->frame->f;
    os_mutex_lock(&f->mu);
    assert(ref->frame->cShared > 0);
    ref->frame->cShared--;
    remove_shared(ref->frame, os_thread_id());
    f->cLatched--;
    os_cond_broadcast(&f->cv);
    os_mutex_unlock(&f->mu);
    ref->latch = CACHE_LATCH_NONE;
    ref->fKept = true;
    return true;
}

bool cache_relatch_shared(struct page_ref *ref)
{
    struct cache_file *f = ref->frame->f;
    struct cache_frame *fr = ref->frame;
    bool fOk = false;
    os_mutex_lock(&f->mu);
    if (!fr->tidExcl) {
        fr->cShared++;
        add_shared(fr, os_thread_id());
        f->cLatched++;
        ref->latch = CACHE_LATCH_SHARED;
        fOk = true;
    }
    os_mutex_unlock(&f->mu);
    return fOk;
}

bool cache_try_upgrade(struct page_ref *ref)
{
    struct cache_file *f = ref->frame->f;
    bool fOk = false;
    os_mutex_lock(&f->mu);
    struct cache_frame *fr = ref->frame;
    if (ref->latch == CACHE_LATCH_EXCLUSIVE) {
        fOk = true;
    } else if (fr->cShared == 1 && !fr->tidExcl) {
        fr->cShared = 0;
        remove_shared(fr, os_thread_id());
        fr->tidExcl = os_thread_id();
        ref->latch = CACHE_LATCH_EXCLUSIVE;
        fOk = true;
    }
    os_mutex_unlock(&f->mu);
    return fOk;
}

/* ---- mini-transactions ------------------------------------------------------------------- */

void mtr_begin(struct mtr *m, struct cache_file *f)
{
    memset(m, 0, sizeof *m);
    m->file = f;
}

static struct mtr_slot *slot_find(struct mtr *m, uint32_t pgno)
{
    for (uint32_t i = 0; i < m->cslot; i++)
        if (m->slot[i].ref.pgno == pgno)
            return &m->slot[i];
    return NULL;
}

JET_ERR mtr_get(struct mtr *m, uint32_t pgno, enum cache_latch latch, uint8_t **ppbuf)
{
    JET_ERR err;
    struct mtr_slot *s = slot_find(m, pgno);
    if (s) {
        if (latch == CACHE_LATCH_EXCLUSIVE && s->ref.latch != CACHE_LATCH_EXCLUSIVE) {
            if (!cache_try_upgrade(&s->ref)) {
                fprintf(stderr, "fake_cache: mtr upgrade of page %u failed (other readers)\n", pgno);
                abort();
            }
            s->before = malloc(m->file->cbPage);
            memcpy(s->before, s->ref.buf, m->file->cbPage);
        }
        *ppbuf = s->ref.buf;
        return JET_errSuccess;
    }
    if (m->cslot == MTR_MAX_PAGES) {
        fprintf(stderr, "fake_cache: mtr exceeds MTR_MAX_PAGES at page %u\n", pgno);
        abort();
    }
    s = &m->slot[m->cslot];
    memset(s, 0, sizeof *s);
    CALL_R(cache_get(m->file, pgno, latch, 0, &s->ref));
    if (latch == CACHE_LATCH_EXCLUSIVE) {
        s->before = malloc(m->file->cbPage);
        memcpy(s->before, s->ref.buf, m->file->cbPage);
    }
    m->cslot++;
    *ppbuf = s->ref.buf;
    return JET_errSuccess;
}

JET_ERR mtr_new(struct mtr *m, uint32_t pgno, uint8_t **ppbuf)
{
    JET_ERR err;
    if (slot_find(m, pgno)) {
        fprintf(stderr, "fake_cache: mtr_new of page %u the mtr already holds\n", pgno);
        abort();
    }
    if (m->cslot == MTR_MAX_PAGES) {
        fprintf(stderr, "fake_cache: mtr exceeds MTR_MAX_PAGES at new page %u\n", pgno);
        abort();
    }
    struct mtr_slot *s = &m->slot[m->cslot];
    memset(s, 0, sizeof *s);
    CALL_R(cache_get(m->file, pgno, CACHE_LATCH_EXCLUSIVE, CACHE_GET_NEW, &s->ref));
    s->before = malloc(m->file->cbPage);
    memcpy(s->before, s->ref.buf, m->file->cbPage);
    memset(s->ref.buf, 0, m->file->cbPage);
    s->fNew = true;
    s->fModified = true;
    m->cslot++;
    *ppbuf = s->ref.buf;
    return JET_errSuccess;
}

void mtr_set_modified(struct mtr *m, uint32_t pgno)
{
    struct mtr_slot *s = slot_find(m, pgno);
    assert(s && s->ref.latch == CACHE_LATCH_EXCLUSIVE);
    s->fModified = true;
}

static void slot_release(struct mtr *m, uint32_t i)
{
    struct mtr_slot *s = &m->slot[i];
    os_mutex_lock(&m->file->mu);
    put_locked(m->file, &s->ref);
    os_mutex_unlock(&m->file->mu);
    free(s->before);
    s->before = NULL;
}

void mtr_release(struct mtr *m, uint32_t pgno)
{
    for (uint32_t i = 0; i < m->cslot; i++) {
        struct mtr_slot *s = &m->slot[i];
        if (s->ref.pgno != pgno)
            continue;
        if (s->fModified || (s->before && memcmp(s->before, s->ref.buf, m->file->cbPage) != 0)) {
            fprintf(stderr, "fake_cache: mtr_release of changed page %u\n", pgno);
            abort();
        }
        slot_release(m, i);
        memmove(&m->slot[i], &m->slot[i + 1], (m->cslot - i - 1) * sizeof m->slot[0]);
        m->cslot--;
        return;
    }
    assert(!"mtr_release of a page the mtr does not hold");
}

void mtr_set_undo(struct mtr *m, const void *pv, size_t cb)
{
    m->pvUndo = pv;
    m->cbUndo = cb;
}

JET_ERR mtr_commit(struct mtr *m, lsn_t *plsn)
{
    struct cache_file *f = m->file;
    for (uint32_t i = 0; i < m->cslot; i++) {
        struct mtr_slot *s = &m->slot[i];
        if (s->ref.latch != CACHE_LATCH_EXCLUSIVE)
            continue;
        if (!s->fModified && memcmp(s->before, s->ref.buf, f->cbPage) != 0) {
            fprintf(stderr, "fake_cache: page %u changed without mtr_set_modified\n", s->ref.pgno);
            abort();
        }
        if (s->fModified) {
            struct page_buf b = page_buf_make(s->ref.buf, f->cbPage, s->ref.pgno);
            os_mutex_lock(&f->mu);
            s->pgno = s->ref.pgno;
            s->dbtimeAfter = ++f->dbtime;
            page_set_dbtime(&b, s->dbtimeAfter);
            os_mutex_unlock(&f->mu);
        }
    }
    os_mutex_lock(&f->mu);
    free(f->pbUndo);
    f->pbUndo = NULL;
    f->cbUndo = m->cbUndo;
    if (m->cbUndo) {
        f->pbUndo = malloc(m->cbUndo);
        memcpy(f->pbUndo, m->pvUndo, m->cbUndo);
    }
    const uint64_t lsn = ++f->cCommit;
    os_mutex_unlock(&f->mu);
    for (uint32_t i = m->cslot; i-- > 0;)
        slot_release(m, i);
    m->cslotCommitted = m->cslot;
    m->cslot = 0;
    if (plsn)
        *plsn = lsn;
    return JET_errSuccess;
}

/* The test cache never vouches for a page: every page_buf checks its page. */
bool mtr_page_sound(const struct mtr *m, uint32_t pgno)
{
    (void)m;
    (void)pgno;
    return false;
}

void mtr_set_page_sound(struct mtr *m, uint32_t pgno)
{
    (void)m;
    (void)pgno;
}

bool mtr_committed_dbtime(const struct mtr *m, uint32_t pgno, uint64_t *pdbtime)
{
    for (uint32_t i = 0; i < m->cslotCommitted; i++)
        if (m->slot[i].pgno == pgno && m->slot[i].fModified) {
            *pdbtime = m->slot[i].dbtimeAfter;
            return true;
        }
    return false;
}

void mtr_abort(struct mtr *m)
{
    struct cache_file *f = m->file;
    for (uint32_t i = m->cslot; i-- > 0;) {
        struct mtr_slot *s = &m->slot[i];
        if (s->before)
            memcpy(s->ref.buf, s->before, f->cbPage);
        slot_release(m, i);
    }
    m->cslot = 0;
    os_mutex_lock(&f->mu);
    f->cAbort++;
    os_mutex_unlock(&f->mu);
}
