/* SPDX-License-Identifier: MIT
 * space/sp_fdp.c: FDP roots: reading and writing the SPACE_HEADER, creating FDPs and the
 * database root (ESE-FORMAT-NOTES §6, §7, §14; ESE's ErrSPCreate is the model).
 * Layer: space (uses cache, page, base). */
#include "space_int.h"

DEBUG_CHANNEL(space);

void space_db_init(struct space_db *sdb, struct cache_file *file, uint32_t cbPage)
{
    memset(sdb, 0, sizeof *sdb);
    sdb->file = file;
    sdb->cbPage = cbPage;
    sdb->cpgExtension = 256;
}

JET_ERR space_fdp_info_parse(const struct page_view *pv, struct space_fdp_info *pi)
{
    JET_ERR err;
    struct page_root_header rh;

    memset(pi, 0, sizeof *pi);
    if (!page_is_root(pv) || page_is_space_tree(pv) || page_is_preinit(pv) || page_is_empty(pv))
        return ERR_CORRUPT(pv->pgno, "FDP page is not the root of a data tree");
    CALL_R(page_get_root_header(pv, &rh));
    if (!rh.fHasSpaceHeader)
        return ERR_CORRUPT(pv->pgno, "FDP root without a space header");
    pi->pgnoFDP = pv->pgno;
    pi->objid = page_objid_fdp(pv);
    pi->fPageFlags = page_flags(pv);
    pi->pgnoParent = rh.sph.pgnoParent;
    pi->fMultiple = page_sph_multiple_extent(&rh.sph);
    pi->fNonUnique = (rh.sph.fFlags & PAGE_SPH_NON_UNIQUE) != 0;
    pi->fV2 = (rh.sph.fFlags & PAGE_SPH_V2) != 0;
    pi->cpgPrimary = rh.sph.cpgPrimary;
    if (pi->fMultiple) {
        pi->pgnoOE = page_sph_pgno_oe(&rh.sph);
        pi->pgnoAE = page_sph_pgno_ae(&rh.sph);
        if (pi->pgnoOE == 0 || pi->pgnoOE == pv->pgno || pi->pgnoAE == pv->pgno || pi->pgnoOE == UINT32_MAX)
            return ERR_CORRUPT(pv->pgno, "space header names no valid OE root");
    } else {
        pi->rgbitAvail = rh.sph.rgbitAvailOrPgnoOE;
        if (pi->cpgPrimary == 0)
            return ERR_CORRUPT(pv->pgno, "single-extent FDP owning no page");
    }
    if (pi->objid == 0)
        return ERR_CORRUPT(pv->pgno, "FDP root with object id 0");
    return JET_errSuccess;
}

JET_ERR space_get_fdp_info(struct space_db *sdb, uint32_t pgnoFDP, struct space_fdp_info *pi)
{
    JET_ERR err;
    struct page_ref ref;
    if (pgnoFDP == 0 || pgnoFDP > cache_file_cpg(sdb->file))
        return ERR_CORRUPT(pgnoFDP, "FDP page number beyond the end of the file");
    CALL_R(cache_get(sdb->file, pgnoFDP, CACHE_LATCH_SHARED, 0, &ref));
    const struct page_view v = page_view_make(ref.buf, sdb->cbPage, pgnoFDP);
    err = space_fdp_info_parse(&v, pi);
    cache_put(&ref);
    return err;
}

JET_ERR sp_fdp_latch(struct mtr *m, struct space_db *sdb, uint32_t pgnoFDP, enum cache_latch latch,
        struct sp_fdp *pf)
{
    JET_ERR err;
    memset(pf, 0, sizeof *pf);
    pf->m = m;
    pf->sdb = sdb;
    pf->pgnoFDP = pgnoFDP;
    pf->latch = latch;
    if (pgnoFDP == 0 || pgnoFDP > cache_file_cpg(sdb->file))
        return ERR_CORRUPT(pgnoFDP, "FDP page number beyond the end of the file");
    CALL_R(mtr_get(m, pgnoFDP, latch, &pf->pbRoot));
    const struct page_view v = page_view_make(pf->pbRoot, sdb->cbPage, pgnoFDP);
    CALL_R(space_fdp_info_parse(&v, &pf->info));
    CALL_R(page_get_root_header(&v, &pf->rh));
    if (pf->info.fMultiple) {
        const uint32_t cpgFile = cache_file_cpg(sdb->file);
        if (pf->info.pgnoAE > cpgFile)
            return ERR_CORRUPT(pgnoFDP, "space header names an OE/AE root beyond the end of the file");
    }
    return JET_errSuccess;
}

void sp_set_modified(struct sp_fdp *pf, uint32_t pgno)
{
    mtr_set_modified(pf->m, pgno);
}

JET_ERR sp_fdp_write_header(struct sp_fdp *pf)
{
    struct page_space_header *psph = &pf->rh.sph;
    const struct space_fdp_info *pi = &pf->info;
    uint8_t rgb[1 + 16 + 8];
    uint32_t cb = 0;

    psph->cpgPrimary = pi->cpgPrimary;
    psph->pgnoParent = pi->pgnoParent;
    psph->fFlags = (psph->fFlags & ~(uint32_t)(PAGE_SPH_MULTIPLE_EXTENT | PAGE_SPH_NON_UNIQUE | PAGE_SPH_V2))
                   | (pi->fMultiple ? PAGE_SPH_MULTIPLE_EXTENT : 0) | (pi->fNonUnique ? PAGE_SPH_NON_UNIQUE : 0)
                   | (pi->fV2 ? PAGE_SPH_V2 : 0);
    psph->rgbitAvailOrPgnoOE = pi->fMultiple ? pi->pgnoOE : pi->rgbitAvail;
    if (pf->rh.fExtended) {
        /* Keep the extended form (format >= 1568.30): field mask, then the fields in order. */
        rgb[cb++] = (uint8_t)(PAGE_ROOT_FIELD_SPACE_HEADER | (pf->rh.fHasAutoInc ? PAGE_ROOT_FIELD_AUTOINC : 0));
        page_space_header_encode(psph, rgb + cb);
        cb += 16;
        if (pf->rh.fHasAutoInc) {
            put_le64(rgb + cb, pf->rh.qwAutoInc);
            cb += 8;
        }
    } else {
        page_space_header_encode(psph, rgb);
        cb = 16;
    }
    struct page_buf b = page_buf_make(pf->pbRoot, pf->sdb->cbPage, pf->pgnoFDP);
    JET_ERR err = page_set_external_header(&b, rgb, cb);
    if (err < 0)
        return err == ERR_PAGE_FULL ? ERR_CORRUPT(pf->pgnoFDP, "no room to rewrite the space header") : err;
    sp_set_modified(pf, pf->pgnoFDP);
    return JET_errSuccess;
}

uint32_t sp_single_cpg_avail(const struct space_fdp_info *pi)
{
    uint32_t cBits = MIN(pi->cpgPrimary - 1, 32u), c = 0;
    for (uint32_t i = 0; i < cBits; i++)
        c += (pi->rgbitAvail >> i) & 1;
    /* ESE reads pages past the 32 the bitmap covers as free (SPIConvertCalcExtents). */
    if (pi->cpgPrimary > SPACE_CPG_SINGLE_MAX)
        c += pi->cpgPrimary - SPACE_CPG_SINGLE_MAX;
    return c;
}

/* ---- creation ---------------------------------------------------------------------------------- */

static void fdp_root_init(uint8_t *pb, uint32_t cbPage, uint32_t pgno, uint32_t objid, uint32_t fFlags)
{
    struct page_buf b = page_buf_make(pb, cbPage, pgno);
    page_init(&b, objid, 0, fFlags | SPACE_PAGE_FLAGS_ALWAYS);
}

JET_ERR sp_tree_root_new(struct sp_fdp *pf, uint32_t pgno)
{
    JET_ERR err;
    uint8_t *pb;
    const uint8_t rgbZero[sizeof(struct split_buffer_disk)] = { 0 };

    CALL_R(mtr_new(pf->m, pgno, &pb));
    struct page_buf b = page_buf_make(pb, pf->sdb->cbPage, pgno);
    page_init(&b, pf->info.objid, 0, (pf->info.fPageFlags & SPACE_TYPE_FLAGS) | PAGE_FLAG_ROOT | PAGE_FLAG_LEAF
              | PAGE_FLAG_SPACE_TREE | SPACE_PAGE_FLAGS_ALWAYS);
    CALL_R(page_set_external_header(&b, rgbZero, sizeof rgbZero));
    return JET_errSuccess;
}

/* A node into a fresh, empty space-tree root (always fits). */
static JET_ERR tree_root_seed(struct sp_fdp *pf, uint32_t pgnoRoot, uint32_t iline, uint32_t pgnoLast, uint32_t cpg)
{
    JET_ERR err;
    uint8_t *pb;
    uint8_t rgbKey[4], rgbData[4];
    CALL_R(mtr_get(pf->m, pgnoRoot, CACHE_LATCH_EXCLUSIVE, &pb));
    struct page_buf b = page_buf_make(pb, pf->sdb->cbPage, pgnoRoot);
    spt_key_make(rgbKey, pgnoLast);
    put_le32(rgbData, cpg);
    CALL_R(page_insert_node_prefix(&b, iline, rgbKey, 4, 0, rgbData, 4, 0));
    return JET_errSuccess;
}

JET_ERR space_create_fdp(struct mtr *m, struct space_db *sdb, const struct space_fdp_create *pc)
{
    JET_ERR err;
    uint8_t *pb;
    struct sp_fdp f;

    if (pc->cpg == 0 || pc->objid == 0 || pc->pgnoFDP == 0 || (pc->fTypeFlags & ~SPACE_TYPE_FLAGS)
            || (pc->fMultiple ? pc->cpg < SPACE_CPG_MULTIPLE_MIN : pc->cpg > SPACE_CPG_SINGLE_MAX)
            || (uint64_t)pc->pgnoFDP + pc->cpg - 1 > cache_file_cpg(sdb->file))
        return ERR_TRAP(JET_errInvalidParameter);

    CALL_R(mtr_new(m, pc->pgnoFDP, &pb));
    fdp_root_init(pb, sdb->cbPage, pc->pgnoFDP, pc->objid, pc->fTypeFlags | PAGE_FLAG_ROOT | PAGE_FLAG_LEAF);

    memset(&f, 0, sizeof f);
    f.m = m;
    f.sdb = sdb;
    f.pgnoFDP = pc->pgnoFDP;
    f.latch = CACHE_LATCH_EXCLUSIVE;
    f.pbRoot = pb;
    f.info.pgnoFDP = pc->pgnoFDP;
    f.info.objid = pc->objid;
    f.info.fPageFlags = pc->fTypeFlags | PAGE_FLAG_ROOT | PAGE_FLAG_LEAF | SPACE_PAGE_FLAGS_ALWAYS;
    f.info.pgnoParent = pc->pgnoParent;
    f.info.fNonUnique = (pc->fTypeFlags & PAGE_FLAG_NON_UNIQUE_KEYS) != 0;
    f.info.cpgPrimary = pc->cpg;
    f.info.fMultiple = pc->fMultiple;
    if (pc->fMultiple) {
        f.info.pgnoOE = pc->pgnoFDP + 1;
        f.info.pgnoAE = pc->pgnoFDP + 2;
    } else {
        /* Every page after the root is free: cpg - 1 low bits. */
        f.info.rgbitAvail = pc->cpg - 1 >= 32 ? 0xFFFFFFFFu : (1u << (pc->cpg - 1)) - 1;
    }
    CALL_R(sp_fdp_write_header(&f));
    if (pc->fMultiple) {
        const uint32_t pgnoLast = pc->pgnoFDP + pc->cpg - 1;
        CALL_R(sp_tree_root_new(&f, f.info.pgnoOE));
        CALL_R(sp_tree_root_new(&f, f.info.pgnoAE));
        CALL_R(tree_root_seed(&f, f.info.pgnoOE, 0, pgnoLast, pc->cpg));
        if (pc->cpg > SPACE_CPG_MULTIPLE_MIN)
            CALL_R(tree_root_seed(&f, f.info.pgnoAE, 0, pgnoLast, pc->cpg - SPACE_CPG_MULTIPLE_MIN));
    }
    TRACE("FDP %u objid %u: %u pages from parent %u, %s extent\n", pc->pgnoFDP, pc->objid, pc->cpg,
          pc->pgnoParent, pc->fMultiple ? "multiple" : "single");
    return JET_errSuccess;
}

JET_ERR space_create_db_root(struct mtr *m, struct space_db *sdb, uint32_t cpgDb)
{
    struct space_fdp_create c = {
        .pgnoFDP = SPACE_PGNO_DB_ROOT, .cpg = cpgDb, .pgnoParent = 0, .objid = SPACE_OBJID_DB_ROOT,
        .fTypeFlags = 0, .fMultiple = true,
    };
    if (cpgDb < SPACE_CPG_DB_MIN)
        return ERR_TRAP(JET_errInvalidParameter);
    return space_create_fdp(m, sdb, &c);
}
