/* SPDX-License-Identifier: MIT
 * btree/tests/bt_testlib.h: what the btree tests share: a database (the real cache over an
 * os_mem file, or with BT_TEST_FAKE_CACHE the in-memory test cache, which injects failures at
 * any page access and keeps the last undo payload), its root, trees created in it, and the
 * integrity checker run over all of them. */
#ifndef BT_TESTLIB_H
#define BT_TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "btree.h"
#include "debug.h"
#ifdef BT_TEST_FAKE_CACHE
#include "fake_cache.h"
#else
#include "os_test.h"
#endif

#define TENV_TREES_MAX 64

struct tenv {
    struct cache_file *file;
    struct space_db sdb;
    struct bt_db *db;
    uint32_t cbPage;
    struct bt_check_tree rgtree[TENV_TREES_MAX];
    uint32_t ctree;
    uint32_t objidNext;
#ifndef BT_TEST_FAKE_CACHE
    struct os_vfs *vfs;
    struct os_file *osfile;
    struct cache *cache;
    uint64_t dbtime;
#endif
};

/* A database of cpg pages (its root created). */
void tenv_open(struct tenv *pe, uint32_t cbPage, uint32_t cpg);
/* A database read from an image (a whole file: header, shadow, pages); nothing created. */
void tenv_open_image(struct tenv *pe, const void *pb, size_t cb, uint32_t cbPage);
/* Every cursor must be closed. */
void tenv_close(struct tenv *pe);

/* Create a tree under pgnoParent and open a cursor on it. */
struct bt_cursor *tenv_tree(struct tenv *pe, uint32_t pgnoParent, enum bt_type type, bool fNonUnique, bool fMultiple,
        uint32_t cpg, uint32_t cbKeyMost, uint32_t *ppgnoFDP);

/* Page pgno as the file would hold it (flushed, checksum stamped). */
void tenv_read_page(struct tenv *pe, uint32_t pgno, void *pb);
/* Overwrite page pgno in the file behind the engine's back (no cursor may be open: the
 * database is closed and opened again around it). */
void tenv_write_page(struct tenv *pe, uint32_t pgno, const void *pb);
/* The whole file (flushed); mem_free/free it. */
void *tenv_image(struct tenv *pe, size_t *pcb);

/* Run the checker over the database root and every tree created; problems are printed.
 * Returns the number of errors (warnings in *pcWarnings when not NULL). */
uint32_t tenv_check(struct tenv *pe, uint32_t *pcWarnings, struct bt_check_stats *pstats);
/* The same, failing the test on any error or leaked page. */
void tenv_check_ok(struct tenv *pe);

/* Pages latched right now (the test cache only; 0 with the real one, which waits for pins at
 * close instead). */
uint32_t tenv_latched(struct tenv *pe);

/* Deterministic pseudo-random numbers. */
uint32_t trand(uint64_t *ps);

#endif
