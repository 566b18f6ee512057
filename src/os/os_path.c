/* SPDX-License-Identifier: MIT
 * os/os_path.c: platform-neutral pieces of the file layer: path normalization, wildcard
 * matching of directory entries and the share-mode rule. Layer: os. */
#include <stdlib.h>

#include "os_int.h"
#include "utf.h"

JET_ERR os_path_normalize(const ESENT_WCHAR *base, const ESENT_WCHAR *path, ESENT_WCHAR sep,
                          ESENT_WCHAR **pwszOut)
{
    bool fAbsolute = os_is_sep(path[0]);
    size_t cchBase = fAbsolute ? 0 : wstr_len(base);
    size_t cchPath = wstr_len(path);
    ESENT_WCHAR *out = mem_alloc((cchBase + cchPath + 3) * sizeof(ESENT_WCHAR));
    size_t cch = 0;   /* out[0..cch) is the result so far: "" (the root) or "/a/b" */

    *pwszOut = NULL;
    if (!out) return ERR_TRAP(JET_errOutOfMemory);
    for (int pass = fAbsolute ? 1 : 0; pass < 2; pass++) {
        const ESENT_WCHAR *p = pass == 0 ? base : path;
        while (*p) {
            while (os_is_sep(*p)) p++;
            const ESENT_WCHAR *start = p;
            while (*p && !os_is_sep(*p)) p++;
            size_t cchComp = (size_t)(p - start);
            if (cchComp == 0 || (cchComp == 1 && start[0] == '.'))
                continue;
            if (cchComp == 2 && start[0] == '.' && start[1] == '.') {
                while (cch > 0 && out[cch - 1] != sep) cch--;
                if (cch > 0) cch--;     /* drop the separator too; at the root this is a no-op */
                continue;
            }
            out[cch++] = sep;
            memcpy(out + cch, start, cchComp * sizeof(ESENT_WCHAR));
            cch += cchComp;
        }
    }
    if (cch == 0) out[cch++] = sep;
    out[cch] = 0;
    *pwszOut = out;
    return JET_errSuccess;
}

static ESENT_WCHAR fold(ESENT_WCHAR c)
{
    return (c >= 'A' && c <= 'Z') ? (ESENT_WCHAR)(c - 'A' + 'a') : c;
}

bool os_name_matches(const ESENT_WCHAR *name, const ESENT_WCHAR *pattern)
{
    static const ESENT_WCHAR wszStarDotStar[] = { '*', '.', '*', 0 };
    const ESENT_WCHAR *star = NULL, *resume = NULL;

    if (wstr_cmp(pattern, wszStarDotStar) == 0)
        return true;
    /* Greedy match with one backtrack point: the last '*' seen absorbs one more character
     * each time the rest fails (linear in practice for names of a few dozen characters). */
    while (*name) {
        if (*pattern == '*') {
            star = ++pattern;
            resume = name;
        } else if (*pattern == '?' || (*pattern && fold(*pattern) == fold(*name))) {
            pattern++;
            name++;
        } else if (star) {
            pattern = star;
            name = ++resume;
        } else {
            return false;
        }
    }
    while (*pattern == '*') pattern++;
    return *pattern == 0;
}

JET_ERR os_names_take(struct os_names *names, ESENT_WCHAR *wsz)
{
    if (!wsz) return ERR_TRAP(JET_errOutOfMemory);
    if (names->c == names->cMax) {
        size_t cNew = names->cMax ? 2 * names->cMax : 16;
        ESENT_WCHAR **rg = mem_realloc(names->rgwsz, cNew * sizeof *rg);
        if (!rg) {
            mem_free(wsz);
            return ERR_TRAP(JET_errOutOfMemory);
        }
        names->rgwsz = rg;
        names->cMax = cNew;
    }
    names->rgwsz[names->c++] = wsz;
    return JET_errSuccess;
}

static int cmp_names(const void *a, const void *b)
{
    const ESENT_WCHAR *wszA = *(ESENT_WCHAR *const *)a, *wszB = *(ESENT_WCHAR *const *)b;
    int cmp = wstr_icmp_ascii(wszA, wszB);
    return cmp ? cmp : wstr_cmp(wszA, wszB);   /* a total order even for names differing in case */
}

JET_ERR os_names_report(struct os_names *names, JET_ERR (*fn)(void *ctx, const ESENT_WCHAR *name), void *ctx)
{
    JET_ERR err = JET_errSuccess;
    if (names->c > 1) qsort(names->rgwsz, names->c, sizeof *names->rgwsz, cmp_names);
    for (size_t i = 0; i < names->c && err == JET_errSuccess; i++)
        err = fn(ctx, names->rgwsz[i]);
    return err;
}

void os_names_free(struct os_names *names)
{
    for (size_t i = 0; i < names->c; i++) mem_free(names->rgwsz[i]);
    mem_free(names->rgwsz);
    memset(names, 0, sizeof *names);
}

static bool denies_read(unsigned flags) { return flags & OS_OPEN_EXCLUSIVE; }
static bool denies_write(unsigned flags) { return flags & (OS_OPEN_EXCLUSIVE | OS_OPEN_SHARE_READ); }
static bool writes(unsigned flags) { return !(flags & OS_OPEN_READONLY); }

bool os_share_allows(const struct os_share_count *sc, unsigned flags)
{
    if (sc->cDenyRead > 0) return false;                  /* every opener reads */
    if (writes(flags) && sc->cDenyWrite > 0) return false;
    if (denies_read(flags) && sc->cOpen > 0) return false;
    if (denies_write(flags) && sc->cWriters > 0) return false;
    return true;
}

void os_share_add(struct os_share_count *sc, unsigned flags, int delta)
{
    sc->cOpen += (uint32_t)delta;
    if (writes(flags)) sc->cWriters += (uint32_t)delta;
    if (denies_write(flags)) sc->cDenyWrite += (uint32_t)delta;
    if (denies_read(flags)) sc->cDenyRead += (uint32_t)delta;
}
