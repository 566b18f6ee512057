/* SPDX-License-Identifier: MIT
 * catalog/tests/cat_testlib.h: what the catalog tests share: a database file in an os_mem file
 * system on the real cache, made new by catalog_create_database or loaded from an image (a
 * Windows sample), and the checker run over it with its problems printed. */
#ifndef CAT_TESTLIB_H
#define CAT_TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "catalog.h"
#include "debug.h"
#include "os_test.h"

struct cenv {
    struct os_vfs *vfs;
    struct os_file *osfile;
    struct cache *cache;
    struct cache_file *file;
    struct space_db sdb;
    struct bt_db *db;
    uint32_t cbPage;
    uint64_t dbtime;
    struct catalog_new_db newdb;
};

/* A new database of cpg pages built by catalog_create_database. */
void cenv_create(struct cenv *pe, uint32_t cbPage, uint32_t cpg, bool fShadowingOff);
/* A database read from a whole-file image (header, shadow, pages). */
void cenv_open_image(struct cenv *pe, const void *pb, size_t cb, uint32_t cbPage);
void cenv_close(struct cenv *pe);
/* Database page pgno as the file holds it (flushed). */
void cenv_read_page(struct cenv *pe, uint32_t pgno, void *pb);
/* The whole file, flushed (free() it). */
uint8_t *cenv_image(struct cenv *pe, size_t *pcb);

/* catalog_check_database with its problems printed; returns its result. */
JET_ERR cenv_check(struct cenv *pe, const struct catalog_check_opts *po, struct catalog_check_stats *pstats,
        uint32_t *pcErrors);

#endif
