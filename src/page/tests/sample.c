/* SPDX-License-Identifier: MIT
 * page/tests/sample.c: loading the sample databases for the page tests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include "page.h"
#include "sample.h"

const struct sample_desc sample_all[] = {
    { "dissect-esedb/basic.edb.gz", NULL, 4096, 0x14, 3 },
    { "dissect-esedb/binary.edb.gz", NULL, 4096, 0x14, 3 },
    { "dissect-esedb/default.edb.gz", NULL, 4096, 0x14, 3 },
    { "dissect-esedb/index.edb.gz", NULL, 4096, 0x14, 3 },
    { "dissect-esedb/multi.edb.gz", NULL, 4096, 0x14, 3 },
    { "dissect-esedb/text.edb.gz", NULL, 4096, 0x14, 3 },
    { "dissect-esedb/large.edb.gz", NULL, 32768, 0x14, 3 },
    { "dissect-esedb/Current.mdb.gz", NULL, 4096, 0x14, 3 },
    { "dissect-esedb/SRUDB.dat.gz", NULL, 4096, 0x14, 3 },
    { "ese-parser/test.edb.gz", NULL, 4096, 0x14, 3 },
    { "ese-parser/decompress_test.edb.gz", NULL, 8192, 0x14, 3 },
    { "ese-parser/decompress_test2.edb.gz", NULL, 8192, 0x14, 3 },
    { "dsinternals/adamntds.dit.gz", NULL, 8192, 0xc, 3 },
    { "plaso/Catalog1.edb.gz", NULL, 4096, 0x14, 3 },
    { "go-ese/qmgr.db.gz", NULL, 16384, 0x12c, 2 },
    { "dfir-artifact-museum/srum-win10-belkasoft/Clean.tar.gz", "SRUDB.dat", 4096, 0x6e, 3 },
    { "dfir-artifact-museum/srum-win10-belkasoft/Dirty.tar.gz", "SRUDB.dat", 4096, 0x14, 2 },
    { "dfir-artifact-museum/ual-2012r2/Current.mdb.gz", NULL, 4096, 0x14, 2 },
    { "dfir-artifact-museum/ual-2012r2/SystemIdentity.mdb.gz", NULL, 4096, 0x14, 3 },
};
const size_t sample_count = sizeof sample_all / sizeof sample_all[0];

static uint8_t *gunzip_file(const char *path, size_t *pcb)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz)
        return NULL;
    size_t cbAlloc = 1 << 20, cb = 0;
    uint8_t *pb = malloc(cbAlloc);
    for (;;) {
        if (cb == cbAlloc) {
            cbAlloc *= 2;
            pb = realloc(pb, cbAlloc);
        }
        int n = gzread(gz, pb + cb, (unsigned)(cbAlloc - cb));
        if (n < 0) {
            gzclose(gz);
            free(pb);
            return NULL;
        }
        if (n == 0)
            break;
        cb += (size_t)n;
    }
    gzclose(gz);
    *pcb = cb;
    return pb;
}

/* Find a member of an uncompressed tar image (ustar): name ends with "/member" or equals it. */
static bool tar_find(const uint8_t *pb, size_t cb, const char *member, size_t *pib, size_t *pcbMember)
{
    size_t ib = 0, cchMember = strlen(member);
    while (ib + 512 <= cb) {
        const uint8_t *h = pb + ib;
        if (h[0] == 0)
            return false;
        char name[260];   /* 155 + "/" + 100 + NUL, with room to spare */
        snprintf(name, sizeof name, "%.155s%s%.100s", (const char *)h + 345, h[345] ? "/" : "", (const char *)h);
        size_t cbFile = (size_t)strtoull((const char *)h + 124, NULL, 8);
        size_t cch = strlen(name);
        if (cch >= cchMember && !strcmp(name + cch - cchMember, member)
                && (cch == cchMember || name[cch - cchMember - 1] == '/')) {
            *pib = ib + 512;
            *pcbMember = cbFile;
            return ib + 512 + cbFile <= cb;
        }
        ib += 512 + (cbFile + 511) / 512 * 512;
    }
    return false;
}

void sample_load(const struct sample_desc *pd, struct sample *ps)
{
    const char *dir = getenv("ESENT_SHARED_DIR");
    char path[1024];
    if (!dir)
        fail_msg("ESENT_SHARED_DIR is not set");
    snprintf(path, sizeof path, "%s/samples/%s", dir, pd->path);
    size_t cb = 0;
    uint8_t *pb = gunzip_file(path, &cb);
    if (!pb)
        fail_msg("cannot read sample %s", path);
    if (pd->member) {
        size_t ib = 0, cbMember = 0;
        if (!tar_find(pb, cb, pd->member, &ib, &cbMember)) {
            free(pb);
            fail_msg("no %s in %s", pd->member, path);
        }
        memmove(pb, pb + ib, cbMember);
        cb = cbMember;
    }
    ps->desc = pd;
    ps->pb = pb;
    ps->cb = cb;
}

void sample_free(struct sample *ps)
{
    free(ps->pb);
    ps->pb = NULL;
}

uint32_t sample_cpg(const struct sample *ps)
{
    return (uint32_t)(ps->cb / ps->desc->cbPage) - PAGE_DB_CPG_RESERVED;
}

uint8_t *sample_page(const struct sample *ps, uint32_t pgno)
{
    if (pgno == 0 || pgno > sample_cpg(ps))
        return NULL;
    return ps->pb + page_file_offset(pgno, ps->desc->cbPage);
}

bool sample_page_is_zero(const struct sample *ps, uint32_t pgno)
{
    const uint8_t *pb = sample_page(ps, pgno);
    for (uint32_t i = 0; i < ps->desc->cbPage; i++)
        if (pb[i])
            return false;
    return true;
}

uint32_t sample_pgno_last_owned(const struct sample *ps)
{
    const uint32_t cbPage = ps->desc->cbPage;
    struct page_view v = page_view_make(sample_page(ps, 1), cbPage, 1);
    struct page_root_header rh;
    assert_int_equal(page_get_root_header(&v, &rh), JET_errSuccess);
    assert_true(rh.fHasSpaceHeader && page_sph_multiple_extent(&rh.sph));

    /* Down the right edge of the owned-extent tree; its last key is the last owned page. */
    uint32_t pgno = page_sph_pgno_oe(&rh.sph);
    for (int depth = 0; depth < 8; depth++) {
        v = page_view_make(sample_page(ps, pgno), cbPage, pgno);
        uint32_t cline = page_cline(&v);
        assert_true(cline > 0);
        struct page_node n;
        assert_int_equal(page_get_node(&v, cline - 1, &n), JET_errSuccess);
        if (page_is_leaf(&v)) {
            uint8_t key[8];
            assert_int_equal(page_node_key(&n, key, sizeof key), 4);
            return get_be32(key);
        }
        assert_true(page_node_child_pgno(&n, &pgno));
    }
    fail_msg("owned-extent tree too deep");
    return 0;
}
