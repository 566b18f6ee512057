/* SPDX-License-Identifier: MIT
 * space/sp_alloc.c: taking pages and extents, giving them back, getting more space from the
 * parent FDP or the file (ESE-FORMAT-NOTES §7; ESE's ErrSPGetPage/ErrSPGetExt/ErrSPFreeExt,
 * ErrSPIConvertToMultipleExtent and ErrSPIExtendDB are the models, with simpler policies).
 * Layer: space (uses cache, page, base).
 *
 * Policies (the format leaves them free; the README lists them): pages come from the lowest
 * free bit of a single-extent bitmap, or from the front of the first available extent at or
 * after a hint; extents first-fit. A single-extent FDP that runs out becomes multiple extent
 * with its OE and AE roots in the first two pages of a secondary extent from its parent, as ESE
 * lays it out. Secondary extents are 4 pages while the FDP owns fewer than 16, then 16 (at least
 * what was asked). The database root grows by multiples of cpgExtension, one OE/AE node each. */
#include "space_int.h"

DEBUG_CHANNEL(space);

/* ---- AE ------------------------------------------------------------------------------------- */

struct take_pred {
    uint32_t cpgMin;
};
static bool pred_takeable(const struct spt_ext *pe, void *pv)
{
    const struct take_pred *p = pv;
    return !pe->fDeleted && pe->pool == 0 && pe->cpg >= p->cpgMin && pe->cpg > 0;
}

static JET_ERR ae_find_takeable(struct spt *t, uint32_t pgnoNear, uint32_t cpgMin, struct spt_ext *pe)
{
    struct take_pred p = { cpgMin };
    JET_ERR err = spt_find(t, pgnoNear, pred_takeable, &p, pe);
    if (err == ERR_NOT_FOUND && pgnoNear)
        err = spt_find(t, 0, pred_takeable, &p, pe);
    return err;
}

JET_ERR sp_ae_take(struct sp_fdp *pf, uint32_t pgnoNear, uint32_t cpgReq, uint32_t cpgMin,
        uint32_t *ppgnoFirst, uint32_t *pcpgGot)
{
    JET_ERR err;
    struct spt t = sp_ae(pf);
    struct spt_ext e;

    err = ae_find_takeable(&t, pgnoNear, cpgReq, &e);
    if (err == ERR_NOT_FOUND && cpgMin < cpgReq)
        err = ae_find_takeable(&t, pgnoNear, cpgMin, &e);
    if (err == ERR_NOT_FOUND)
        return ERR_SPACE_RETRY;
    CALL_R(err);
    const uint32_t cpg = MIN(e.cpg, cpgReq);
    *ppgnoFirst = spt_ext_first(&e);
    *pcpgGot = cpg;
    if (cpg == e.cpg)
        CALL_R(spt_remove(&t, &e));
    else
        CALL_R(spt_set_cpg(&t, &e, e.cpg - cpg));
    return JET_errSuccess;
}

static bool pred_live_general(const struct spt_ext *pe, void *pv)
{
    (void)pv;
    return !pe->fDeleted && pe->pool == 0;
}

/* The OE extent holding pgnoFirst..pgnoLast (ownership check before a free). ESE refuses a free
 * that is not inside one owned extent (JET_errSPOwnExtCorrupted), so available extents never
 * cross owned-extent boundaries either. */
static JET_ERR oe_containing(struct sp_fdp *pf, uint32_t pgnoFirst, uint32_t pgnoLast, struct spt_ext *pe)
{
    JET_ERR err;
    struct spt t = sp_oe(pf);
    err = spt_find(&t, pgnoLast, pred_live_general, NULL, pe);
    if (err == ERR_NOT_FOUND || (err >= 0 && spt_ext_first(pe) > pgnoFirst))
        return page_err_corrupt(JET_errSPAvailExtCorrupted, pf->pgnoFDP, "freeing pages the FDP does not own",
                                __FILE__, __LINE__);
    return err;
}

/* *pfAlready: the whole range is already available (a repeated free). */
JET_ERR sp_ae_free(struct sp_fdp *pf, uint32_t pgnoFirst, uint32_t cpg, struct spt_src *src)
{
    JET_ERR err;
    struct spt t = sp_ae(pf);
    struct spt_ext e;
    const uint32_t pgnoLast = pgnoFirst + cpg - 1;

    struct spt_ext eOwned;
    CALL_R(oe_containing(pf, pgnoFirst, pgnoLast, &eOwned));
    err = spt_find(&t, pgnoFirst, pred_live_general, NULL, &e);
    bool fNext = false;
    if (err != ERR_NOT_FOUND) {
        CALL_R(err);
        if (e.cpg && spt_ext_first(&e) <= pgnoLast)
            return page_err_corrupt(JET_errSPAvailExtCorrupted, pf->pgnoFDP, "freeing pages that are already free",
                                    __FILE__, __LINE__);
        fNext = e.cpg && spt_ext_first(&e) == pgnoLast + 1 && e.pgnoLast <= eOwned.pgnoLast;
    }
    /* An extent ending just before joins too: its node goes, the range grows downwards. */
    if (pgnoFirst > 1) {
        struct spt_ext ePrev;
        err = spt_find(&t, pgnoFirst - 1, pred_live_general, NULL, &ePrev);
        if (err != ERR_NOT_FOUND) {
            CALL_R(err);
            if (ePrev.pgnoLast == pgnoFirst - 1 && ePrev.cpg && ePrev.cbKey == 4
                    && spt_ext_first(&ePrev) >= spt_ext_first(&eOwned)) {
                CALL_R(spt_remove(&t, &ePrev));
                pgnoFirst = spt_ext_first(&ePrev);
                cpg += ePrev.cpg;
            }
        }
    }
    if (fNext)
        return spt_set_cpg(&t, &e, e.cpg + cpg);         /* the next extent grows downwards */
    return spt_insert(&t, pgnoLast, cpg, src);
}

/* Is pgnoFirst..+cpg all available already? */
static JET_ERR range_is_free(struct sp_fdp *pf, uint32_t pgnoFirst, uint32_t cpg, bool *pf_)
{
    JET_ERR err;
    const struct space_fdp_info *pi = &pf->info;
    *pf_ = false;
    if (!pi->fMultiple) {
        for (uint32_t pgno = pgnoFirst; pgno < pgnoFirst + cpg; pgno++) {
            const uint32_t ibit = pgno - pi->pgnoFDP - 1;
            if (pgno <= pi->pgnoFDP || ibit >= 32 || !(pi->rgbitAvail & (1u << ibit)))
                return JET_errSuccess;
        }
        *pf_ = true;
        return JET_errSuccess;
    }
    struct spt t = sp_ae(pf);
    struct spt_ext e;
    err = spt_find(&t, pgnoFirst + cpg - 1, pred_live_general, NULL, &e);
    if (err == ERR_NOT_FOUND)
        return JET_errSuccess;
    CALL_R(err);
    *pf_ = spt_ext_first(&e) <= pgnoFirst;
    return JET_errSuccess;
}

/* ---- single extent ---------------------------------------------------------------------------- */

static uint32_t single_cbits(const struct space_fdp_info *pi)
{
    return MIN(pi->cpgPrimary - 1, 32u);
}

/* Longest run of free bits (first one found if ties); *pibit its first bit. */
static uint32_t single_run(const struct space_fdp_info *pi, uint32_t cpgWant, uint32_t *pibit)
{
    const uint32_t cbits = single_cbits(pi);
    uint32_t best = 0, ibBest = 0;
    for (uint32_t i = 0; i < cbits;) {
        if (!(pi->rgbitAvail & (1u << i))) {
            i++;
            continue;
        }
        uint32_t j = i;
        while (j < cbits && (pi->rgbitAvail & (1u << j)))
            j++;
        if (j - i > best) {
            best = j - i;
            ibBest = i;
            if (best >= cpgWant)
                break;
        }
        i = j;
    }
    *pibit = ibBest;
    return best;
}

/* Bits ibit..ibit+c-1 (the caller checked ibit + c <= 32). */
static uint32_t bits_range(uint32_t ibit, uint32_t c)
{
    if (ibit >= 32 || c == 0)
        return 0;
    return c >= 32 ? 0xFFFFFFFFu : ((1u << c) - 1) << ibit;
}

/* ---- in-mtr allocation ------------------------------------------------------------------------ */

JET_ERR space_alloc_page(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP, uint32_t pgnoNear, uint32_t *ppgno)
{
    JET_ERR err;
    struct sp_fdp f;
    CALL_R(sp_fdp_latch(m, sdb, pgnoFDP, CACHE_LATCH_EXCLUSIVE, &f));
    if (!f.info.fMultiple) {
        const uint32_t cbits = single_cbits(&f.info);
        for (uint32_t i = 0; i < cbits; i++) {
            if (f.info.rgbitAvail & (1u << i)) {
                f.info.rgbitAvail &= ~(1u << i);
                CALL_R(sp_fdp_write_header(&f));
                *ppgno = pgnoFDP + 1 + i;
                return JET_errSuccess;
            }
        }
        return ERR_SPACE_RETRY;
    }
    uint32_t cpg;
    return sp_ae_take(&f, pgnoNear, 1, 1, ppgno, &cpg);
}

JET_ERR space_alloc_extent(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP, uint32_t cpgReq, uint32_t cpgMin,
        uint32_t *ppgnoFirst, uint32_t *pcpg)
{
    JET_ERR err;
    struct sp_fdp f;
    if (cpgReq == 0 || cpgMin == 0 || cpgMin > cpgReq)
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(sp_fdp_latch(m, sdb, pgnoFDP, CACHE_LATCH_EXCLUSIVE, &f));
    if (!f.info.fMultiple) {
        uint32_t ibit;
        const uint32_t cRun = single_run(&f.info, cpgReq, &ibit);
        if (cRun < cpgMin)
            return ERR_SPACE_RETRY;
        const uint32_t cpg = MIN(cRun, cpgReq);
        f.info.rgbitAvail &= ~bits_range(ibit, cpg);
        CALL_R(sp_fdp_write_header(&f));
        *ppgnoFirst = pgnoFDP + 1 + ibit;
        *pcpg = cpg;
        return JET_errSuccess;
    }
    return sp_ae_take(&f, 0, cpgReq, cpgMin, ppgnoFirst, pcpg);
}

JET_ERR space_alloc_extent_at(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP, uint32_t pgnoFirst, uint32_t cpg)
{
    JET_ERR err;
    struct sp_fdp f;
    if (cpg == 0 || pgnoFirst == 0 || pgnoFirst + cpg < pgnoFirst)
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(sp_fdp_latch(m, sdb, pgnoFDP, CACHE_LATCH_EXCLUSIVE, &f));
    const uint32_t pgnoLast = pgnoFirst + cpg - 1;
    if (!f.info.fMultiple) {
        const uint32_t ibit = pgnoFirst - pgnoFDP - 1;
        const uint32_t mask = pgnoFirst > pgnoFDP && (uint64_t)ibit + cpg <= single_cbits(&f.info) ? bits_range(ibit, cpg) : 0;
        if (!mask || (f.info.rgbitAvail & mask) != mask)
            return page_err_corrupt(JET_errSPAvailExtCorrupted, pgnoFDP, "pages asked for are not free",
                                    __FILE__, __LINE__);
        f.info.rgbitAvail &= ~mask;
        return sp_fdp_write_header(&f);
    }
    struct spt t = sp_ae(&f);
    struct spt_ext e;
    err = spt_find(&t, pgnoLast, pred_live_general, NULL, &e);
    if (err == ERR_NOT_FOUND || (err >= 0 && (e.cpg == 0 || spt_ext_first(&e) > pgnoFirst)))
        return page_err_corrupt(JET_errSPAvailExtCorrupted, pgnoFDP, "pages asked for are not free",
                                __FILE__, __LINE__);
    CALL_R(err);
    const uint32_t cpgLeft = pgnoFirst - spt_ext_first(&e), cpgRight = e.pgnoLast - pgnoLast;
    struct spt_src src = { .fUseAE = true };
    if (cpgRight)
        CALL_R(spt_set_cpg(&t, &e, cpgRight));
    else
        CALL_R(spt_remove(&t, &e));
    if (cpgLeft)
        CALL_R(spt_insert(&t, pgnoFirst - 1, cpgLeft, &src));
    return JET_errSuccess;
}

static JET_ERR free_extent_in(struct sp_fdp *pf, uint32_t pgnoFirst, uint32_t cpg)
{
    const struct space_fdp_info *pi = &pf->info;
    if (!pi->fMultiple) {
        const uint32_t ibit = pgnoFirst - pi->pgnoFDP - 1;
        if (pgnoFirst <= pi->pgnoFDP || (uint64_t)ibit + cpg > single_cbits(pi))
            return page_err_corrupt(JET_errSPAvailExtCorrupted, pi->pgnoFDP, "freeing pages the FDP does not own",
                                    __FILE__, __LINE__);
        const uint32_t mask = bits_range(ibit, cpg);
        if (pi->rgbitAvail & mask)
            return page_err_corrupt(JET_errSPAvailExtCorrupted, pi->pgnoFDP, "freeing pages that are already free",
                                    __FILE__, __LINE__);
        pf->info.rgbitAvail |= mask;
        return sp_fdp_write_header(pf);
    }
    struct spt_src src = { .fUseAE = true };
    return sp_ae_free(pf, pgnoFirst, cpg, &src);
}

JET_ERR space_free_extent(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP, uint32_t pgnoFirst, uint32_t cpg)
{
    JET_ERR err;
    struct sp_fdp f;
    if (cpg == 0 || pgnoFirst == 0 || pgnoFirst + cpg < pgnoFirst)
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(sp_fdp_latch(m, sdb, pgnoFDP, CACHE_LATCH_EXCLUSIVE, &f));
    if (pgnoFirst <= pgnoFDP && pgnoFDP < pgnoFirst + cpg)
        return ERR_TRAP(JET_errInvalidParameter);       /* never the root itself */
    return free_extent_in(&f, pgnoFirst, cpg);
}

/* ---- more space: secondary extents, conversion, growth ---------------------------------------- */

struct count_ctx {
    uint64_t cpgTotal;
    uint32_t cpgLargest;
    uint32_t pgnoLastMax;
};
static JET_ERR count_fn(void *pv, const struct spt_ext *pe)
{
    struct count_ctx *pc = pv;
    if (pe->fDeleted || pe->pool != 0)
        return JET_errSuccess;
    pc->cpgTotal += pe->cpg;
    pc->cpgLargest = MAX(pc->cpgLargest, pe->cpg);
    pc->pgnoLastMax = MAX(pc->pgnoLastMax, pe->pgnoLast);
    return JET_errSuccess;
}

/* Add a new extent (not yet in any tree of this FDP) to a multiple-extent FDP: OE node for all
 * of it, AE node for what its own splits did not use. */
static JET_ERR add_extent(struct sp_fdp *pf, uint32_t pgnoFirst, uint32_t cpg)
{
    JET_ERR err;
    const uint32_t pgnoLast = pgnoFirst + cpg - 1;
    struct spt oe = sp_oe(pf), ae = sp_ae(pf);
    struct spt_src src = { .pgnoCarve = pgnoFirst, .cpgCarve = cpg };

    CALL_R(spt_insert(&oe, pgnoLast, cpg, &src));
    if (src.cpgCarve == 0)
        return JET_errSuccess;
    /* The AE node covers what is left; pages its own split would need come from its front, and
     * those left unused join the node afterwards. */
    uint32_t cpgSplit;
    CALL_R(spt_split_reserve(&ae, 1, &cpgSplit));
    cpgSplit = MIN(cpgSplit, src.cpgCarve - 1);
    struct spt_src srcAE = { .pgnoCarve = src.pgnoCarve, .cpgCarve = cpgSplit };
    const uint32_t cpgNode = src.cpgCarve - cpgSplit;
    CALL_R(spt_insert(&ae, pgnoLast, cpgNode, &srcAE));
    if (srcAE.cpgCarve) {
        struct spt_ext e = { .pgnoLast = pgnoLast, .cpg = cpgNode, .cbKey = 4 };
        spt_key_make(e.rgbKey, pgnoLast);
        CALL_R(spt_set_cpg(&ae, &e, cpgNode + srcAE.cpgCarve));
    }
    return JET_errSuccess;
}

/* Single -> multiple extent with the OE and AE roots in the first two pages of the new extent,
 * as ESE's ErrSPIConvertToMultipleExtent does. */
static JET_ERR convert(struct sp_fdp *pf, uint32_t pgnoFirst, uint32_t cpg)
{
    JET_ERR err;
    const struct space_fdp_info infoOld = pf->info;
    const uint32_t pgnoLast = pgnoFirst + cpg - 1;

    pf->info.fMultiple = true;
    pf->info.pgnoOE = pgnoFirst;
    pf->info.pgnoAE = pgnoFirst + 1;
    CALL_R(sp_tree_root_new(pf, pf->info.pgnoOE));
    CALL_R(sp_tree_root_new(pf, pf->info.pgnoAE));
    struct spt oe = sp_oe(pf), ae = sp_ae(pf);
    /* Fresh roots hold these few nodes without splitting. */
    CALL_R(spt_insert(&oe, pgnoLast, cpg, NULL));
    CALL_R(spt_insert(&oe, infoOld.pgnoFDP + infoOld.cpgPrimary - 1, infoOld.cpgPrimary, NULL));
    if (cpg > 2)
        CALL_R(spt_insert(&ae, pgnoLast, cpg - 2, NULL));
    const uint32_t cbits = single_cbits(&infoOld);
    for (uint32_t i = 0; i < cbits;) {
        if (!(infoOld.rgbitAvail & (1u << i))) {
            i++;
            continue;
        }
        uint32_t j = i;
        while (j < cbits && (infoOld.rgbitAvail & (1u << j)))
            j++;
        CALL_R(spt_insert(&ae, infoOld.pgnoFDP + j, j - i, NULL));
        i = j;
    }
    if (infoOld.cpgPrimary > SPACE_CPG_SINGLE_MAX)
        CALL_R(spt_insert(&ae, infoOld.pgnoFDP + infoOld.cpgPrimary - 1, infoOld.cpgPrimary - SPACE_CPG_SINGLE_MAX, NULL));
    CALL_R(sp_fdp_write_header(pf));
    TRACE("FDP %u: now multiple extent, OE %u, %u pages from parent\n", pf->pgnoFDP, pgnoFirst, cpg);
    return JET_errSuccess;
}

/* Grow the database root by cpgNeed pages, rounded up to the extension size unless cpgTarget
 * asks for an exact total size (JetGrowDatabase, JetSetDatabaseSize); *pcpgOwned (may be NULL)
 * receives what the root owns afterwards. */
static JET_ERR grow_db_ex(struct space_db *sdb, uint32_t cpgNeed, uint32_t cpgTarget, uint32_t *pcpgOwned)
{
    JET_ERR err;
    struct mtr m;
    struct sp_fdp f;
    struct count_ctx c = { 0, 0, 0 };

    mtr_begin(&m, sdb->file);
    CALL(sp_fdp_latch(&m, sdb, SPACE_PGNO_DB_ROOT, CACHE_LATCH_EXCLUSIVE, &f));
    if (!f.info.fMultiple)
        FAIL(ERR_CORRUPT(SPACE_PGNO_DB_ROOT, "database root is not multiple extent"));
    struct spt oe = sp_oe(&f);
    CALL(spt_visit(&oe, count_fn, &c));
    const uint32_t cpgOwned = c.pgnoLastMax;
    if (cpgTarget) {
        if (cpgTarget <= cpgOwned) {
            if (pcpgOwned) *pcpgOwned = cpgOwned;
            mtr_abort(&m);
            return JET_errSuccess;
        }
        cpgNeed = cpgTarget - cpgOwned;
    }
    const uint32_t cpgExt = cpgTarget ? 1u : MAX(sdb->cpgExtension, 1u);
    uint64_t cpgGrow = ((uint64_t)MAX(cpgNeed, 1u) + cpgExt - 1) / cpgExt * cpgExt;
    const uint64_t cpgLimit = sdb->cpgMax ? sdb->cpgMax : 0x7FFFFFFFu;
    if (cpgOwned + cpgGrow > cpgLimit)
        cpgGrow = cpgLimit > cpgOwned ? cpgLimit - cpgOwned : 0;
    if (cpgGrow < cpgNeed || cpgGrow == 0)
        FAIL(JET_errOutOfDatabaseSpace);
    const uint32_t cpgNew = cpgOwned + (uint32_t)cpgGrow;
    if (cache_file_cpg(sdb->file) < cpgNew) {
        if (sdb->pfnGrow)
            CALL(sdb->pfnGrow(sdb->pvGrowCtx, cpgNew));
        else
            CALL(cache_file_extend(sdb->file, cpgNew));
    }
    CALL(add_extent(&f, cpgOwned + 1, (uint32_t)cpgGrow));
    CALL(mtr_commit(&m, NULL));
    TRACE("database grows to %u pages\n", cpgNew);
    if (pcpgOwned) *pcpgOwned = cpgNew;
    return JET_errSuccess;
out:
    mtr_abort(&m);
    return err;
}

static JET_ERR grow_db(struct space_db *sdb, uint32_t cpgNeed)
{
    return grow_db_ex(sdb, cpgNeed, 0, NULL);
}

JET_ERR space_grow_db_to(struct space_db *sdb, uint32_t cpgTarget, uint32_t *pcpgOwned)
{
    return grow_db_ex(sdb, 0, MAX(cpgTarget, 1u), pcpgOwned);
}

/* What the FDP has now, for the check in space_prepare. */
struct have {
    bool fEnough;
    uint32_t cpgOwned;      /* only when !fEnough (for the secondary extent size) */
    uint32_t cpgSplit;      /* AE split reserve for cFree inserts */
};

/* Accumulates available extents until the request is met (the scan stops there). */
struct enough_ctx {
    uint64_t cpgTotal;
    uint64_t cpgWant;       /* cpgAlloc + split reserve */
    uint32_t cpgAlloc;
    bool fContiguous;
    bool fLargeFound;
};
static bool pred_enough(const struct spt_ext *pe, void *pv)
{
    struct enough_ctx *pc = pv;
    if (pe->fDeleted || pe->pool != 0)
        return false;
    pc->cpgTotal += pe->cpg;
    pc->fLargeFound |= pe->cpg >= pc->cpgAlloc;
    return pc->cpgTotal >= pc->cpgWant && (!pc->fContiguous || pc->fLargeFound);
}

static JET_ERR measure(struct sp_fdp *pf, uint32_t cpgAlloc, bool fContiguous, uint32_t cFree, struct have *ph)
{
    JET_ERR err;
    memset(ph, 0, sizeof *ph);
    if (!pf->info.fMultiple) {
        uint32_t ibit;
        ph->cpgOwned = pf->info.cpgPrimary;
        ph->fEnough = fContiguous ? single_run(&pf->info, 32, &ibit) >= cpgAlloc
                                  : sp_single_cpg_avail(&pf->info) >= cpgAlloc;
        return JET_errSuccess;
    }
    struct spt oe = sp_oe(pf), ae = sp_ae(pf);
    struct spt_ext e;
    if (cFree)
        CALL_R(spt_split_reserve(&ae, cFree, &ph->cpgSplit));
    struct enough_ctx c = { 0, (uint64_t)cpgAlloc + ph->cpgSplit, cpgAlloc, fContiguous, cpgAlloc == 0 };
    if (c.cpgWant == 0) {
        ph->fEnough = true;
        return JET_errSuccess;
    }
    err = spt_find(&ae, 0, pred_enough, &c, &e);
    if (err == ERR_NOT_FOUND) {
        struct count_ctx co = { 0, 0, 0 };
        CALL_R(spt_visit(&oe, count_fn, &co));
        ph->cpgOwned = (uint32_t)MIN(co.cpgTotal, (uint64_t)UINT32_MAX);
        return JET_errSuccess;
    }
    CALL_R(err);
    ph->fEnough = true;
    return JET_errSuccess;
}

static uint32_t secondary_size(const struct have *ph, uint32_t cpgNeed)
{
    return MAX(cpgNeed, ph->cpgOwned < 16 ? 4u : 16u);
}

JET_ERR space_prepare(struct space_db *sdb, uint32_t pgnoFDP, uint32_t cpgAlloc, bool fContiguous, uint32_t cFree)
{
    JET_ERR err;
    for (uint32_t attempt = 0; attempt < 32; attempt++) {
        struct mtr m;
        struct sp_fdp f;
        struct have h;

        mtr_begin(&m, sdb->file);
        err = sp_fdp_latch(&m, sdb, pgnoFDP, CACHE_LATCH_SHARED, &f);
        if (err >= 0)
            err = measure(&f, cpgAlloc, fContiguous, cFree, &h);
        mtr_abort(&m);
        CALL_R(err);
        if (h.fEnough)
            return JET_errSuccess;
        /* Pages to add: what is asked, the AE's split reserve, and the two space-tree roots of
         * a conversion. */
        const uint32_t cpgNeed = cpgAlloc + h.cpgSplit + (f.info.fMultiple ? 0 : 2);

        if (f.info.pgnoParent == 0) {
            if (pgnoFDP != SPACE_PGNO_DB_ROOT)
                return ERR_CORRUPT(pgnoFDP, "FDP without a parent is not the database root");
            CALL_R(grow_db(sdb, cpgNeed + SPT_DEPTH_MAX));
            continue;
        }
        const uint32_t cpgReq = secondary_size(&h, cpgNeed);
        CALL_R(space_prepare(sdb, f.info.pgnoParent, cpgReq, true, 0));

        mtr_begin(&m, sdb->file);
        struct sp_fdp fChild;
        uint32_t pgnoFirst, cpgGot;
        err = sp_fdp_latch(&m, sdb, pgnoFDP, CACHE_LATCH_EXCLUSIVE, &fChild);
        if (err >= 0)
            err = space_alloc_extent(&m, sdb, fChild.info.pgnoParent, cpgReq, cpgNeed, &pgnoFirst, &cpgGot);
        if (err >= 0) {
            if (fChild.info.fMultiple) {
                err = add_extent(&fChild, pgnoFirst, cpgGot);
                if (err >= 0) {
                    fChild.info.fV2 = true;
                    fChild.info.cpgPrimary = cpgGot;
                    err = sp_fdp_write_header(&fChild);
                }
            } else {
                err = convert(&fChild, pgnoFirst, cpgGot);
            }
        }
        if (err >= 0)
            err = mtr_commit(&m, NULL);
        else
            mtr_abort(&m);
        if (err == ERR_SPACE_RETRY)
            continue;
        CALL_R(err);
        TRACE("FDP %u: secondary extent %u+%u from %u\n", pgnoFDP, pgnoFirst, cpgGot, fChild.info.pgnoParent);
    }
    return ERR_TRAP(JET_errOutOfDatabaseSpace);
}

JET_ERR space_create_child(struct space_db *sdb, uint32_t pgnoParent, uint32_t cpg, uint32_t objid,
        uint32_t fTypeFlags, bool fMultiple, uint32_t *ppgnoFDP)
{
    JET_ERR err;
    if (cpg == 0 || (fMultiple && cpg < SPACE_CPG_MULTIPLE_MIN) || (!fMultiple && cpg > SPACE_CPG_SINGLE_MAX))
        return ERR_TRAP(JET_errInvalidParameter);
    for (uint32_t attempt = 0; attempt < 32; attempt++) {
        struct mtr m;
        uint32_t pgnoFirst, cpgGot;
        CALL_R(space_prepare(sdb, pgnoParent, cpg, true, 0));
        mtr_begin(&m, sdb->file);
        err = space_alloc_extent(&m, sdb, pgnoParent, cpg, cpg, &pgnoFirst, &cpgGot);
        if (err >= 0) {
            const struct space_fdp_create c = {
                .pgnoFDP = pgnoFirst, .cpg = cpgGot, .pgnoParent = pgnoParent, .objid = objid,
                .fTypeFlags = fTypeFlags, .fMultiple = fMultiple,
            };
            err = space_create_fdp(&m, sdb, &c);
        }
        if (err >= 0)
            err = mtr_commit(&m, NULL);
        else
            mtr_abort(&m);
        if (err == ERR_SPACE_RETRY)
            continue;
        CALL_R(err);
        *ppgnoFDP = pgnoFirst;
        return JET_errSuccess;
    }
    return ERR_TRAP(JET_errOutOfDatabaseSpace);
}

/* ---- deleting an FDP ---------------------------------------------------------------------------- */

struct ext_list {
    struct space_extent *rg;
    uint32_t c, cAlloc;
};
static JET_ERR list_fn(void *pv, const struct spt_ext *pe)
{
    struct ext_list *pl = pv;
    if (pe->fDeleted || pe->pool != 0 || pe->cpg == 0)
        return JET_errSuccess;
    if (pl->c == pl->cAlloc) {
        uint32_t cNew = pl->cAlloc ? 2 * pl->cAlloc : 16;
        struct space_extent *rg = mem_realloc(pl->rg, cNew * sizeof *rg);
        if (!rg)
            return ERR_TRAP(JET_errOutOfMemory);
        pl->rg = rg;
        pl->cAlloc = cNew;
    }
    pl->rg[pl->c++] = (struct space_extent){ spt_ext_first(pe), pe->cpg, SPACE_EXT_OWNED, 0, false, pe->pgnoNode };
    return JET_errSuccess;
}

static bool ext_holds(const struct space_extent *pe, uint32_t pgno)
{
    return pgno && pe->pgnoFirst <= pgno && pgno < pe->pgnoFirst + pe->cpg;
}

/* Return one extent to the parent, unless it is free there already (a repeated call). When
 * fFinal, the child's root stops being an FDP root in the same mtr. */
static JET_ERR free_to_parent(struct space_db *sdb, const struct space_fdp_info *pi, const struct space_extent *pe,
        bool fFinal)
{
    JET_ERR err;
    for (uint32_t attempt = 0; attempt < 32; attempt++) {
        struct mtr m;
        struct sp_fdp fParent;
        bool fFree = false;
        CALL_R(space_prepare(sdb, pi->pgnoParent, 0, false, 1));
        mtr_begin(&m, sdb->file);
        if (fFinal) {
            /* The root is no longer an FDP root: a repeated call finds it so. */
            uint8_t *pb;
            err = mtr_get(&m, pi->pgnoFDP, CACHE_LATCH_EXCLUSIVE, &pb);
            if (err >= 0) {
                struct page_buf b = page_buf_make(pb, sdb->cbPage, pi->pgnoFDP);
                const struct page_view v = page_view_of(&b);
                page_set_flags(&b, (page_flags(&v) & ~(uint32_t)(PAGE_FLAG_ROOT | PAGE_FLAG_LEAF | PAGE_FLAG_PARENT_OF_LEAF))
                                   | PAGE_FLAG_EMPTY);
                mtr_set_modified(&m, pi->pgnoFDP);
            }
        }
        if (err >= 0)
            err = sp_fdp_latch(&m, sdb, pi->pgnoParent, CACHE_LATCH_EXCLUSIVE, &fParent);
        if (err >= 0)
            err = range_is_free(&fParent, pe->pgnoFirst, pe->cpg, &fFree);
        if (err >= 0 && !fFree)
            err = free_extent_in(&fParent, pe->pgnoFirst, pe->cpg);
        if (err >= 0)
            err = mtr_commit(&m, NULL);
        else
            mtr_abort(&m);
        if (err == ERR_SPACE_RETRY)
            continue;
        return err;
    }
    return ERR_TRAP(JET_errOutOfDatabaseSpace);
}

JET_ERR space_free_fdp(struct space_db *sdb, uint32_t pgnoFDP)
{
    JET_ERR err;
    struct space_fdp_info info;
    struct ext_list l = { NULL, 0, 0 };

    CALL_R(space_get_fdp_info(sdb, pgnoFDP, &info));
    if (info.pgnoParent == 0)
        return ERR_TRAP(JET_errInvalidParameter);
    if (!info.fMultiple) {
        const struct space_extent e = { pgnoFDP, info.cpgPrimary, SPACE_EXT_OWNED, 0, false, pgnoFDP };
        return free_to_parent(sdb, &info, &e, true);
    }
    {
        struct mtr m;
        struct sp_fdp f;
        mtr_begin(&m, sdb->file);
        err = sp_fdp_latch(&m, sdb, pgnoFDP, CACHE_LATCH_SHARED, &f);
        if (err >= 0) {
            struct spt oe = sp_oe(&f);
            err = spt_visit(&oe, list_fn, &l);
        }
        mtr_abort(&m);
        CALL(err);
    }
    /* Extents that hold the root or the OE/AE roots go last, in the final mtr. */
    for (uint32_t i = 0; i < l.c; i++) {
        const struct space_extent *pe = &l.rg[i];
        if (ext_holds(pe, pgnoFDP) || ext_holds(pe, info.pgnoOE) || ext_holds(pe, info.pgnoAE))
            continue;
        CALL(free_to_parent(sdb, &info, pe, false));
    }
    bool fRootDone = false;
    for (uint32_t i = 0; i < l.c; i++) {
        const struct space_extent *pe = &l.rg[i];
        if (!(ext_holds(pe, pgnoFDP) || ext_holds(pe, info.pgnoOE) || ext_holds(pe, info.pgnoAE)))
            continue;
        /* The root's own extent last: until then the child still looks like an FDP. */
        if (ext_holds(pe, pgnoFDP))
            continue;
        CALL(free_to_parent(sdb, &info, pe, false));
    }
    for (uint32_t i = 0; i < l.c && !fRootDone; i++) {
        if (ext_holds(&l.rg[i], pgnoFDP)) {
            CALL(free_to_parent(sdb, &info, &l.rg[i], true));
            fRootDone = true;
        }
    }
    if (!fRootDone)
        FAIL(ERR_CORRUPT(pgnoFDP, "FDP does not own its own root page"));
    TRACE("FDP %u freed (%u extents back to %u)\n", pgnoFDP, l.c, info.pgnoParent);
    err = JET_errSuccess;
out:
    mem_free(l.rg);
    return err;
}
