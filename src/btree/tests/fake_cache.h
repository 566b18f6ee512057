/* SPDX-License-Identifier: MIT
 * btree/tests/fake_cache.h: a small in-memory implementation of the cache.h functions that
 * space and btree use, for their tests only (never linked into the product). It keeps every
 * page of one database file in memory, latches them as the real cache does (shared/exclusive,
 * waiting on a condition variable, CACHE_GET_NO_WAIT), verifies pages read from an image
 * (checksum and structure, as the real cache does before a page enters it), and implements
 * mini-transactions (before-images, dbtime stamping at commit, restore at abort, at most
 * MTR_MAX_PAGES pages). It also injects failures: the nth page get from now fails. */
#ifndef BTREE_TESTS_FAKE_CACHE_H
#define BTREE_TESTS_FAKE_CACHE_H

#include "cache.h"

/* An empty database file of cpg pages (all zero: nothing readable until written by an mtr). */
struct cache_file *fake_cache_create(uint32_t cbPage, uint32_t cpg, uint64_t dbtimeStart);
/* A file holding a database image (header, shadow, then pages), read-only for tests that only
 * read: pages are verified when first read. The image is copied. */
struct cache_file *fake_cache_open_image(const void *pb, size_t cb, uint32_t cbPage);
void fake_cache_destroy(struct cache_file *f);

/* Page size and the dbtime counter. */
uint32_t fake_cache_cb_page(const struct cache_file *f);
uint64_t fake_cache_dbtime(const struct cache_file *f);

/* Pages latched right now (by anyone): tests check it is 0 between operations. */
uint32_t fake_cache_latched(struct cache_file *f);
/* Mini-transactions committed / aborted so far; pages written by the last commit. */
uint64_t fake_cache_commits(const struct cache_file *f);
uint64_t fake_cache_aborts(const struct cache_file *f);
/* The undo payload of the last committed mtr (NULL/0 if it had none). */
void fake_cache_last_undo(const struct cache_file *f, const void **ppv, size_t *pcb);

/* Failure injection: the nth mtr_get/mtr_new/cache_get from now (1 = the next) fails with err.
 * 0 disarms. fake_cache_gets counts every get so far (to find the failure points of a workload). */
void fake_cache_fail_nth_get(struct cache_file *f, uint64_t n, JET_ERR err);
uint64_t fake_cache_gets(const struct cache_file *f);
bool fake_cache_failed(const struct cache_file *f);

/* Copy page pgno's current bytes (as they would be written: checksum stamped) into pb. */
void fake_cache_read_page(struct cache_file *f, uint32_t pgno, void *pb);
/* Overwrite a page behind the cache's back (tests of corruption handling): the page is then
 * re-verified at its next read. */
void fake_cache_poke_page(struct cache_file *f, uint32_t pgno, const void *pb);

/* The whole file as an image (header pages zero but for dbtimeDirtied, then every page,
 * checksums stamped); fake_cache_open_image takes it back. */
void *fake_cache_image(struct cache_file *f, size_t *pcb);

#endif
