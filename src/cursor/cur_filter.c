/* SPDX-License-Identifier: MIT
 * cursor/cur_filter.c: JetSetCursorFilter: simple column conditions a cursor on the primary index
 * applies to every entry it lands on (ESE's CURSOR_FILTER_CONTEXT). Fixed-size values compared
 * with relative operators are compared normalized (as index keys), so numbers order by value.
 * Layer: cursor (uses record, base). */
#include "cur_int.h"

DEBUG_CHANNEL(cursor);

struct cur_filter_col {
    JET_COLUMNID columnid;
    JET_RELOP relop;
    uint32_t coltyp;
    bool fNormalized;
    bool fNull;                 /* the filter value is NULL (not zero-length) */
    uint8_t *pb;
    uint32_t cb;
};

struct cur_filter {
    struct cur_filter_col *rg;
    uint32_t c;
};

void cur_filter_free(struct cur_filter *f)
{
    if (!f)
        return;
    for (uint32_t i = 0; i < f->c; i++)
        mem_free(f->rg[i].pb);
    mem_free(f->rg);
    mem_free(f);
}

/* The key-normalized form of a fixed-size value (FLDNormalizeFixedSegment, no descending). */
static JET_ERR normalize(const struct cursor *c, const struct rec_column *pc, const uint8_t *pb, uint32_t cb,
        uint8_t *pbOut, uint32_t *pcbOut)
{
    JET_ERR err;
    bool fTrunc;
    struct rec_index idx;
    memset(&idx, 0, sizeof idx);
    const struct rec_index *pidx = cur_index(c, NULL);
    idx.cbKeyMost = REC_CB_KEY_MOST_OLD;
    idx.cbVarSegMac = REC_CB_KEY_MOST_OLD;
    if (pidx)
        idx.fidx = pidx->fidx & REC_IDX_DOTNET_GUID;
    const struct rec_key_column kc = { false, pb, cb };
    CALL_R(rec_key_segment(&idx, pc, &kc, false, pbOut, 32, pcbOut, &fTrunc));
    return JET_errSuccess;
}

static JET_ERR validate(const struct cursor *c, const JET_INDEX_COLUMN *pf, const struct rec_column **ppc)
{
    if ((pf->grbit & ~JET_bitZeroLength) || (pf->cb == 0 && pf->pv) ||
            (pf->cb != 0 && (!pf->pv || pf->grbit == JET_bitZeroLength)))
        return ERR_TRAP(JET_errInvalidParameter);
    const struct rec_column *pc = cur_column(c, pf->columnid);
    if (!pc)
        return ERR_TRAP(JET_errColumnNotFound);
    const uint32_t coltyp = pc->coltyp;
    if (rec_coltyp_is_long(coltyp) || rec_coltyp_is_text(coltyp) || (pc->fFlags & REC_FIELD_USER_DEFINED_DEFAULT))
        return ERR_TRAP(JET_errFilteredMoveNotSupported);
    if ((pf->relop == JET_relopPrefixEquals || (pf->grbit & JET_bitZeroLength)) && coltyp != JET_coltypBinary)
        return ERR_TRAP(JET_errInvalidParameter);
    if (pf->cb == 0) {
        if (pf->relop == JET_relopBitmaskEqualsZero || pf->relop == JET_relopBitmaskNotEqualsZero ||
                pf->relop == JET_relopPrefixEquals)
            return ERR_TRAP(JET_errInvalidParameter);
    } else if (coltyp != JET_coltypBinary && pf->cb != rec_coltyp_fixed_size(coltyp, 0)) {
        return ERR_TRAP(JET_errInvalidParameter);
    } else if ((coltyp == JET_coltypBit || coltyp == JET_coltypGUID || coltyp == JET_coltypBinary) &&
               (pf->relop == JET_relopBitmaskEqualsZero || pf->relop == JET_relopBitmaskNotEqualsZero)) {
        return ERR_TRAP(JET_errInvalidParameter);
    }
    *ppc = pc;
    return JET_errSuccess;
}

JET_ERR cur_set_filter(struct cursor *c, const JET_INDEX_COLUMN *rgFilters, uint32_t cFilters, JET_GRBIT grbit)
{
    JET_ERR err;
    struct cur_filter *f = NULL;

    if (grbit != 0)
        return ERR_TRAP(JET_errInvalidGrbit);
    if (c->mem || c->btIndex)
        return ERR_TRAP(JET_errFilteredMoveNotSupported);
    CALL_R(cur_sync(c));
    cur_filter_free(c->filter);
    c->filter = NULL;
    if (cFilters == 0)
        return JET_errSuccess;
    if (!rgFilters)
        return ERR_TRAP(JET_errInvalidParameter);
    f = mem_calloc(1, sizeof *f);
    if (!f || !(f->rg = mem_calloc(cFilters, sizeof *f->rg))) {
        mem_free(f);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    for (uint32_t i = 0; i < cFilters; i++) {
        const JET_INDEX_COLUMN *pf = &rgFilters[i];
        struct cur_filter_col *pfc = &f->rg[i];
        const struct rec_column *pc = NULL;
        f->c = i + 1;
        CALL(validate(c, pf, &pc));
        pfc->columnid = pf->columnid;
        pfc->relop = pf->relop;
        pfc->coltyp = pc->coltyp;
        pfc->fNull = pf->cb == 0 && !(pf->grbit & JET_bitZeroLength);
        pfc->fNormalized = pc->coltyp != JET_coltypBinary && pf->cb != 0 &&
                (pc->coltyp == JET_coltypBit || pf->relop == JET_relopLessThanOrEqual || pf->relop == JET_relopLessThan ||
                 pf->relop == JET_relopGreaterThanOrEqual || pf->relop == JET_relopGreaterThan);
        pfc->pb = mem_alloc(pf->cb + 32);
        if (!pfc->pb)
            FAIL(JET_errOutOfMemory);
        if (pfc->fNormalized)
            CALL(normalize(c, pc, pf->pv, pf->cb, pfc->pb, &pfc->cb));
        else {
            if (pf->cb)
                memcpy(pfc->pb, pf->pv, pf->cb);
            pfc->cb = pf->cb;
        }
    }
    c->filter = f;
    return JET_errSuccess;
out:
    cur_filter_free(f);
    return err;
}

static bool data_equal(const uint8_t *a, uint32_t ca, const uint8_t *b, uint32_t cb)
{
    return ca == cb && (ca == 0 || memcmp(a, b, ca) == 0);
}

static uint64_t load_uint(const uint8_t *pb, uint32_t cb)
{
    switch (cb) {
    case 1: return pb[0];
    case 2: return get_le16(pb);
    case 4: return get_le32(pb);
    case 8: return get_le64(pb);
    default: return 0;
    }
}

JET_ERR cur_filter_match(struct cursor *c, const uint8_t *pbRec, uint32_t cbRec, bool *pfMatch)
{
    JET_ERR err;
    struct rec_view v;
    const struct cur_filter *f = c->filter;
    *pfMatch = true;
    if (!f)
        return JET_errSuccess;
    CALL_R(rec_view_init(&v, pbRec, cbRec, cur_cbpage(c), 0));
    for (uint32_t i = 0; i < f->c && *pfMatch; i++) {
        const struct cur_filter_col *pfc = &f->rg[i];
        const struct rec_column *pc = cur_column(c, pfc->columnid);
        struct rec_value val;
        if (!pc)
            return ERR_TRAP(JET_errFilteredMoveNotSupported);
        CALL_R(rec_retrieve(&v, cur_schema(c), pc, 1, &val));
        bool fMatch = true;
        if (err == JET_wrnColumnNull) {
            switch (pfc->relop) {
            case JET_relopEquals: fMatch = pfc->fNull; break;
            case JET_relopPrefixEquals: fMatch = false; break;
            case JET_relopNotEquals: fMatch = !pfc->fNull; break;
            case JET_relopLessThanOrEqual: fMatch = true; break;
            case JET_relopLessThan: fMatch = !pfc->fNull; break;
            case JET_relopGreaterThanOrEqual: fMatch = pfc->fNull; break;
            case JET_relopGreaterThan: fMatch = false; break;
            case JET_relopBitmaskEqualsZero: fMatch = true; break;
            case JET_relopBitmaskNotEqualsZero: fMatch = false; break;
            default: fMatch = true; break;
            }
        } else {
            uint8_t rgbNorm[32];
            const uint8_t *pb = val.pb;
            uint32_t cb = val.cb;
            if (pfc->fNormalized) {
                CALL_R(normalize(c, pc, val.pb, val.cb, rgbNorm, &cb));
                pb = rgbNorm;
            }
            const int cmp = cur_key_cmp(pb, cb, pfc->pb, pfc->cb);
            switch (pfc->relop) {
            case JET_relopEquals: fMatch = !pfc->fNull && data_equal(pb, cb, pfc->pb, pfc->cb); break;
            case JET_relopPrefixEquals: fMatch = cb >= pfc->cb && (pfc->cb == 0 || !memcmp(pb, pfc->pb, pfc->cb)); break;
            case JET_relopNotEquals: fMatch = pfc->fNull || !data_equal(pb, cb, pfc->pb, pfc->cb); break;
            case JET_relopLessThanOrEqual: fMatch = !pfc->fNull && cmp <= 0; break;
            case JET_relopLessThan: fMatch = cmp < 0; break;
            case JET_relopGreaterThanOrEqual: fMatch = cmp >= 0; break;
            case JET_relopGreaterThan: fMatch = pfc->fNull || cmp > 0; break;
            case JET_relopBitmaskEqualsZero:
                fMatch = cb == pfc->cb && (load_uint(pb, cb) & load_uint(pfc->pb, pfc->cb)) == 0;
                break;
            case JET_relopBitmaskNotEqualsZero:
                fMatch = cb == pfc->cb && (load_uint(pb, cb) & load_uint(pfc->pb, pfc->cb)) != 0;
                break;
            default: fMatch = true; break;
            }
        }
        *pfMatch = fMatch;
    }
    return JET_errSuccess;
}
