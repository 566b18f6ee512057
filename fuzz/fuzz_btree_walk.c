/* SPDX-License-Identifier: MIT
 * fuzz/fuzz_btree_walk.c: a small database image of arbitrary bytes through the btree and space
 * layers: the integrity checker over every tree the input names, cursors walking and seeking in
 * those trees, and the space queries. Layers reached: btree, space, cache (reading and verifying
 * pages, read-only), page and base, over an os_mem file.
 *
 * Input: byte 0 bits 0-1 pick the page size (4, 8, 16, 32 KiB), bit 2 stamps good checksums on
 * every non-zero page (so structural damage gets past the read check); byte 1 the number of trees
 * named (low 3 bits); then 8 bytes per tree: u16 pgnoFDP, u16 objid (0: from the root),
 * u16 parent FDP, u8 type (bits 0-1: primary/index/LV, bit 2 non-unique, bit 3 type known),
 * u8 seek seed; the rest is database pages 1, 2, ... (at most 64, the last one zero-padded).
 * Checked, beyond "never crash, never trip an assert, never hang": the checker's result agrees
 * with its reports, moves in a tree end, and no page stays latched (unregistering the file would
 * wait for it forever). */
#include <stdio.h>
#include <stdlib.h>

#include "btree.h"
#include "debug.h"
#include "os_test.h"

#define CHECK(x) do { if (!(x)) { fprintf(stderr, "fuzz_btree_walk: check failed: %s (line %d)\n", #x, __LINE__); abort(); } } while (0)
#define IGNORE(e) do { JET_ERR ignored_ = (e); (void)ignored_; } while (0)
#define CPG_MAX 64u
#define MOVES_MAX 20000u

struct counts {
    uint32_t cErrors, cWarnings;
};
static void on_problem(void *pv, const struct bt_check_problem *pp)
{
    struct counts *pc = pv;
    CHECK(pp->szWhat != NULL);
    if (pp->severity == BT_CHECK_ERROR)
        pc->cErrors++;
    else
        pc->cWarnings++;
}

static JET_ERR extent_fn(void *pv, const struct space_extent *pe)
{
    (void)pv;
    CHECK(pe->kind == SPACE_EXT_OWNED || pe->kind == SPACE_EXT_AVAIL || pe->kind == SPACE_EXT_SPLIT_BUFFER);
    return JET_errSuccess;
}

static void walk_tree(struct bt_db *db, const struct bt_tree_desc *pd, uint8_t seed)
{
    struct bt_cursor *c;
    if (bt_open(db, pd, &c) < 0)
        return;
    uint32_t n = 0;
    JET_ERR err;
    for (err = bt_move_first(c, BT_DELETED_TOO); err == JET_errSuccess && n < MOVES_MAX; err = bt_move_next(c, BT_DELETED_TOO)) {
        uint32_t cbKey, cbData;
        CHECK(bt_has_current(c));
        CHECK(bt_key(c, &cbKey) != NULL || cbKey == 0);
        (void)bt_data(c, &cbData);
        n++;
    }
    for (err = bt_move_last(c, 0); err == JET_errSuccess && n < 2 * MOVES_MAX; err = bt_move_prev(c, 0))
        n++;
    uint8_t rgbKey[4] = { seed, (uint8_t)(seed * 7), 0x7F, 0x80 };
    for (int op = BT_SEEK_EQ; op <= BT_SEEK_LT; op++) {
        err = bt_seek(c, (enum bt_seek)op, rgbKey, 1 + seed % 4, rgbKey, seed % 3, seed & 1 ? BT_DELETED_TOO : 0);
        if (err == JET_errSuccess) {
            IGNORE(bt_move_next(c, 0));
            IGNORE(bt_move_prev(c, 0));
            IGNORE(bt_refresh(c));
        }
    }
    bt_close(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct cache *s_cache;
    static struct os_vfs *s_vfs;
    if (!s_cache) {
        debug_configure("-all");
        CHECK(cache_create(16, 1024, &s_cache) == JET_errSuccess);
        cache_set_flush_thresholds(s_cache, 0, 0);
        s_vfs = os_mem_create();
    }
    if (size < 2)
        return 0;
    const uint32_t cbPage = 4096u << (data[0] & 3);
    const uint32_t ctree = data[1] & 7;
    size_t ib = 2;
    if (size < ib + 8 * ctree)
        return 0;
    struct bt_check_tree rgtree[8];
    uint8_t rgseed[8];
    for (uint32_t i = 0; i < ctree; i++, ib += 8) {
        const uint8_t t = data[ib + 6];
        rgtree[i] = (struct bt_check_tree){ get_le16(data + ib), get_le16(data + ib + 2), get_le16(data + ib + 4),
                                            (t & 8) != 0, (enum bt_type)((t & 3) % 3), (t & 4) != 0 };
        rgseed[i] = data[ib + 7];
    }
    const size_t cbPages = size - ib;
    const uint32_t cpg = (uint32_t)MIN((cbPages + cbPage - 1) / cbPage, CPG_MAX);
    if (cpg == 0)
        return 0;
    /* The image: header and shadow (zero), then the pages. */
    const size_t cbImage = ((size_t)cpg + PAGE_DB_CPG_RESERVED) * cbPage;
    uint8_t *pbImage = calloc(1, cbImage);
    memcpy(pbImage + (size_t)PAGE_DB_CPG_RESERVED * cbPage, data + ib, MIN(cbPages, (size_t)cpg * cbPage));
    if (data[0] & 4) {
        for (uint32_t pgno = 1; pgno <= cpg; pgno++) {
            uint8_t *pb = pbImage + ((size_t)pgno + PAGE_DB_CPG_RESERVED - 1) * cbPage;
            bool fZero = true;
            for (uint32_t i = 0; i < cbPage && fZero; i++)
                fZero = pb[i] == 0;
            if (!fZero)
                page_checksum_set(pb, cbPage, pgno);
        }
    }
    const ESENT_WCHAR *wszPath = (const ESENT_WCHAR *)u"fuzz.edb";
    CHECK(os_test_write_file(s_vfs, wszPath, pbImage, cbImage) == JET_errSuccess);
    free(pbImage);
    struct os_file *pfile;
    CHECK(os_file_open(s_vfs, wszPath, OS_OPEN_EXCLUSIVE, &pfile) == JET_errSuccess);
    uint64_t dbtime = 1;
    const struct cache_file_desc desc = { .file = pfile, .cbPage = cbPage, .dbid = 1, .pdbtime = &dbtime, .fReadOnly = true };
    struct cache_file *f;
    CHECK(cache_file_register(s_cache, &desc, &f) == JET_errSuccess);

    struct space_db sdb;
    struct bt_db *db;
    space_db_init(&sdb, f, cbPage);
    CHECK(bt_db_open(&sdb, &db) == JET_errSuccess);

    struct counts k = { 0, 0 };
    struct bt_check_stats st;
    const JET_ERR err = bt_check_db(db, rgtree, ctree, on_problem, &k, &st);
    CHECK((err < 0) == (k.cErrors > 0));
    CHECK(st.cErrors == k.cErrors && st.cWarnings == k.cWarnings);
    CHECK(st.cpgOwned <= cpg && st.cpgLeaked <= st.cpgOwned);

    for (uint32_t i = 0; i < ctree; i++) {
        const struct bt_tree_desc d = { rgtree[i].pgnoFDP, rgtree[i].objid ? rgtree[i].objid : 1, rgtree[i].type,
                                        rgtree[i].fNonUnique, 255 };
        walk_tree(db, &d, rgseed[i]);
        uint32_t cpgOwned, cpgAvail;
        IGNORE(space_get_counts(&sdb, rgtree[i].pgnoFDP, &cpgOwned, &cpgAvail));
        IGNORE(space_enum_extents(&sdb, rgtree[i].pgnoFDP, SPACE_EXT_OWNED | SPACE_EXT_AVAIL | SPACE_EXT_SPLIT_BUFFER,
                                  extent_fn, NULL));
    }
    /* The database root as a tree too. */
    const struct bt_tree_desc dRoot = { 1, 1, BT_TYPE_PRIMARY, false, 255 };
    walk_tree(db, &dRoot, 0);

    bt_db_close(db);
    cache_file_unregister(f);
    os_file_close(pfile);
    return 0;
}
