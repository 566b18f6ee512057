/* SPDX-License-Identifier: MIT
 * space/sp_info.c: reporting an FDP's extents and page counts (JetGetTableInfo/
 * JetGetDatabaseInfo space queries, the integrity checker).
 * Layer: space (uses cache, page, base). */
#include "space_int.h"

DEBUG_CHANNEL(space);

struct enum_ctx {
    space_extent_fn fn;
    void *pv;
    uint8_t kind;
};
static JET_ERR enum_fn(void *pv, const struct spt_ext *pe)
{
    struct enum_ctx *pc = pv;
    const struct space_extent e = { pe->pgnoLast - pe->cpg + 1, pe->cpg, pc->kind, pe->pool, pe->fDeleted, pe->pgnoNode };
    return pc->fn(pc->pv, &e);
}

static JET_ERR enum_split_buffer(struct spt *t, space_extent_fn fn, void *pv)
{
    JET_ERR err;
    struct page_split_buffer sb;
    CALL_R(spt_split_buffer_get(t, &sb));
    for (int i = 0; i < 2; i++) {
        if (!sb.cpg[i])
            continue;
        if (sb.cpg[i] > sb.pgnoLast[i])
            return ERR_CORRUPT(t->pgnoRoot, "split buffer starts before page 1");
        const struct space_extent e = { sb.pgnoLast[i] - sb.cpg[i] + 1, sb.cpg[i], SPACE_EXT_SPLIT_BUFFER, 0, false,
                                        t->pgnoRoot };
        CALL_R(fn(pv, &e));
    }
    return JET_errSuccess;
}

static JET_ERR enum_latched(struct sp_fdp *pf, unsigned grbit, space_extent_fn fn, void *pv)
{
    JET_ERR err;
    const struct space_fdp_info *pi = &pf->info;
    if (!pi->fMultiple) {
        if (grbit & SPACE_EXT_OWNED) {
            const struct space_extent e = { pi->pgnoFDP, pi->cpgPrimary, SPACE_EXT_OWNED, 0, false, pi->pgnoFDP };
            CALL_R(fn(pv, &e));
        }
        if (grbit & SPACE_EXT_AVAIL) {
            const uint32_t cbits = MIN(pi->cpgPrimary - 1, 32u);
            for (uint32_t i = 0; i < cbits;) {
                if (!(pi->rgbitAvail & (1u << i))) {
                    i++;
                    continue;
                }
                uint32_t j = i;
                while (j < cbits && (pi->rgbitAvail & (1u << j)))
                    j++;
                const struct space_extent e = { pi->pgnoFDP + 1 + i, j - i, SPACE_EXT_AVAIL, 0, false, pi->pgnoFDP };
                CALL_R(fn(pv, &e));
                i = j;
            }
            if (pi->cpgPrimary > SPACE_CPG_SINGLE_MAX) {
                const struct space_extent e = { pi->pgnoFDP + SPACE_CPG_SINGLE_MAX, pi->cpgPrimary - SPACE_CPG_SINGLE_MAX,
                                                SPACE_EXT_AVAIL, 0, false, pi->pgnoFDP };
                CALL_R(fn(pv, &e));
            }
        }
        return JET_errSuccess;
    }
    struct spt oe = sp_oe(pf), ae = sp_ae(pf);
    if (grbit & SPACE_EXT_OWNED) {
        struct enum_ctx c = { fn, pv, SPACE_EXT_OWNED };
        CALL_R(spt_visit(&oe, enum_fn, &c));
    }
    if (grbit & SPACE_EXT_AVAIL) {
        struct enum_ctx c = { fn, pv, SPACE_EXT_AVAIL };
        CALL_R(spt_visit(&ae, enum_fn, &c));
    }
    if (grbit & SPACE_EXT_SPLIT_BUFFER) {
        CALL_R(enum_split_buffer(&oe, fn, pv));
        CALL_R(enum_split_buffer(&ae, fn, pv));
    }
    return JET_errSuccess;
}

JET_ERR space_enum_extents(struct space_db *sdb, uint32_t pgnoFDP, unsigned grbitKinds, space_extent_fn fn, void *pv)
{
    JET_ERR err;
    struct mtr m;
    struct sp_fdp f;
    mtr_begin(&m, sdb->file);
    err = sp_fdp_latch(&m, sdb, pgnoFDP, CACHE_LATCH_SHARED, &f);
    if (err >= 0)
        err = enum_latched(&f, grbitKinds, fn, pv);
    mtr_abort(&m);
    return err;
}

struct counts {
    uint64_t cpgOwned, cpgAvail;
};
static JET_ERR counts_fn(void *pv, const struct space_extent *pe)
{
    struct counts *pc = pv;
    if (pe->fDeleted)
        return JET_errSuccess;
    if (pe->kind == SPACE_EXT_OWNED)
        pc->cpgOwned += pe->cpg;
    else if (pe->kind == SPACE_EXT_AVAIL && pe->pool != 2)  /* shelved pages lie beyond the file */
        pc->cpgAvail += pe->cpg;
    return JET_errSuccess;
}

JET_ERR space_get_counts(struct space_db *sdb, uint32_t pgnoFDP, uint32_t *pcpgOwned, uint32_t *pcpgAvail)
{
    JET_ERR err;
    struct counts c = { 0, 0 };
    CALL_R(space_enum_extents(sdb, pgnoFDP, SPACE_EXT_OWNED | SPACE_EXT_AVAIL, counts_fn, &c));
    *pcpgOwned = (uint32_t)MIN(c.cpgOwned, (uint64_t)UINT32_MAX);
    *pcpgAvail = (uint32_t)MIN(c.cpgAvail, (uint64_t)UINT32_MAX);
    return JET_errSuccess;
}
