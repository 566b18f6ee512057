/* SPDX-License-Identifier: MIT
 * page/tests/sample.h: the Windows-made sample databases (shared/samples, see its README) for
 * tests: decompressed in memory with zlib (tar members too), never modified in place. */
#ifndef PAGE_TEST_SAMPLE_H
#define PAGE_TEST_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sample_desc {
    const char *path;       /* relative to $ESENT_SHARED_DIR/samples */
    const char *member;     /* file inside a .tar.gz, or NULL */
    uint32_t cbPage;        /* expected page size */
    uint32_t ulUpdateMajor; /* expected format revision */
    uint32_t dbstate;       /* expected state (3 clean, 2 dirty) */
};

struct sample {
    const struct sample_desc *desc;
    uint8_t *pb;            /* the whole file */
    size_t cb;
};

extern const struct sample_desc sample_all[];
extern const size_t sample_count;

/* Load a sample; fails the test (cmocka) when it cannot. */
void sample_load(const struct sample_desc *pd, struct sample *ps);
void sample_free(struct sample *ps);

/* Database page pgno of a loaded sample (NULL beyond the end of the file). */
uint8_t *sample_page(const struct sample *ps, uint32_t pgno);
uint32_t sample_cpg(const struct sample *ps);
/* The last page the database owns according to its root's owned-extent tree: pages after it are
 * beyond the logical end of the file and may hold anything (§1: never trust unreachable pages). */
uint32_t sample_pgno_last_owned(const struct sample *ps);
bool sample_page_is_zero(const struct sample *ps, uint32_t pgno);

#endif
