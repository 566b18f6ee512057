/* SPDX-License-Identifier: MIT
 * cache/tests/cache_test.h: shared fixtures of the cache layer's tests: a database file of
 * valid pages on os_mem, a cache over it, and the real log in the same os_mem (tlog_*). */
#ifndef CACHE_TEST_H
#define CACHE_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "cache.h"
#include "cache_format.h"
#include "page.h"
#include "os_test.h"

/* ---- the log (the real one, in folder "log" of the test's os_mem) ----------------------------- */
struct log *tlog_create(struct os_vfs *vfs, uint32_t cbFile);
void tlog_destroy(struct log *log);
/* Pretend a checkpoint moved the redo point (log_publish_redo_point). */
void tlog_set_redo_point(struct log *log, lsn_t lsn);
/* LOG_REC_PAGES records appended so far (the log is flushed to read them back), and the ith of
 * them (the payload stays valid until tlog_destroy). */
uint32_t tlog_count(struct log *log);
bool tlog_record(struct log *log, uint32_t i, struct log_record *rec);
/* Make the log fail as after an I/O error; returns the error it now gives. */
JET_ERR tlog_fail(struct log *log);
/* The LSN of the record that stamped dbtime on pgno if the log holds it durably, else LSN_NONE.
 * Does not flush (the WAL check). */
lsn_t tlog_lsn_of_page(struct log *log, uint32_t pgno, uint64_t dbtime);

/* ---- pages ---------------------------------------------------------------------------------- */
/* A valid leaf page: one node whose key is "k<pgno>" and whose data is 4 bytes of tag. */
void tpage_make(uint8_t *buf, uint32_t cbPage, uint32_t pgno, uint32_t tag, uint64_t dbtime);
/* The tag of such a page (asserts it is one). */
uint32_t tpage_tag(const uint8_t *buf, uint32_t cbPage, uint32_t pgno);
/* Insert a node (key, cbData bytes of fill) at the end: a typical B-tree change. */
void tpage_insert(uint8_t *buf, uint32_t cbPage, uint32_t pgno, const char *key, uint32_t cbData, uint8_t fill);

/* ---- the environment ------------------------------------------------------------------------ */
struct tenv {
    struct os_vfs *vfsMem;
    struct os_vfs *vfs;         /* what the database file is opened through */
    struct os_file *file;
    struct cache *cache;
    struct cache_file *f;
    struct log *log;            /* NULL without logging */
    uint64_t dbtime;
    uint32_t cbPage;
    uint32_t cpgFile;
    uint64_t cbDepth;
    uint32_t cbLogFile;
    struct wal_check *chk;
};
#define TENV_LOG     0x1u   /* with a log */
#define TENV_CRASH   0x2u   /* the file goes through os_crash over os_mem */
#define TENV_NO_FILE_PAGES 0x4u   /* the file holds only its two header pages */
#define TENV_SMALL_LOG 0x8u /* log generations of 32 KiB (else 1 MiB) */
/* cpgFile valid pages (tag = pgno, dbtime 1), a cache of cpgMax frames, background writer's
 * threshold off (tests turn it on). */
void tenv_open(struct tenv *e, uint32_t cbPage, uint32_t cpgMax, uint32_t cpgFile, unsigned flags);
/* Unregister and reopen the file (dirty frames dropped: a crash for the cache). */
void tenv_reopen_file(struct tenv *e);
/* Register again with a checkpoint depth (bytes of log) and the log file size. */
void tenv_set_depth(struct tenv *e, uint64_t cbDepth, uint32_t cbLogFile);
/* Wrap the database file so that every page write is checked against the log (WAL rule):
 * the record that gave the page its dbtime must be durable. */
struct wal_check {
    struct log *log;
    uint32_t cbPage;
    uint64_t cChecked, cViolations;
};
void tenv_wrap_wal_check(struct tenv *e, struct wal_check *chk);
void tenv_close(struct tenv *e);
/* Raw access to the file under the cache. */
void tenv_read_raw(struct tenv *e, uint32_t pgno, uint8_t *buf);
void tenv_write_raw(struct tenv *e, uint32_t pgno, const uint8_t *buf);

#define TEST_DB_PATH ((const ESENT_WCHAR *)u"db.edb")

#endif /* CACHE_TEST_H */
