/* SPDX-License-Identifier: MIT
 * cursor/cur_mem.c: read-only tables held in memory (the list "temp tables" the info functions
 * return): a rec_schema built from a column list, rows encoded by the record layer (so column
 * retrieval is the same code as for real tables), and cursors that move over them in order.
 * Layer: cursor (uses record, base).
 *
 * Columns get ids the way ESE's temporary tables assign them: fixed-size types in fixed columns
 * (1, 2, ...), Text and Binary in variable columns (128, ...), long types in tagged columns (256,
 * ...). A row's bookmark is its 1-based number, big-endian, 4 bytes. The table is shared by the
 * cursors on it (JetDupCursor) and freed with the last one. */
#include <stdlib.h>
#include "cur_int.h"

DEBUG_CHANNEL(cursor);

#define MEM_CB_PAGE 32768u

struct cur_mem {
    uint32_t cref;
    struct rec_column *rgcol;       /* in the caller's order */
    uint32_t *rgicolSorted;
    struct rec_column *rgcolSorted; /* by fid, for the schema */
    uint32_t ccol;
    struct rec_schema schema;
    uint8_t **rgpbRow;
    uint32_t *rgcbRow;
    uint32_t crow, crowMax;
    struct rec_buf build;
    bool fBuilding;
};

static int cmp_fid(const void *a, const void *b)
{
    const struct rec_column *x = a, *y = b;
    return (int)x->fid - (int)y->fid;
}

void cur_mem_free(struct cur_mem *m)
{
    if (!m)
        return;
    for (uint32_t i = 0; i < m->crow; i++)
        mem_free(m->rgpbRow[i]);
    mem_free(m->rgpbRow);
    mem_free(m->rgcbRow);
    mem_free(m->rgcol);
    mem_free(m->rgcolSorted);
    mem_free(m->rgicolSorted);
    mem_free(m->build.pb);
    mem_free(m);
}

JET_ERR cur_mem_new(const struct cur_mem_column *rgcol, uint32_t ccol, struct cur_mem **ppm)
{
    struct cur_mem *m = mem_calloc(1, sizeof *m);
    *ppm = NULL;
    if (!m)
        return ERR_TRAP(JET_errOutOfMemory);
    m->cref = 1;
    m->ccol = ccol;
    m->rgcol = mem_calloc(ccol ? ccol : 1, sizeof *m->rgcol);
    m->rgcolSorted = mem_calloc(ccol ? ccol : 1, sizeof *m->rgcolSorted);
    m->rgicolSorted = mem_calloc(ccol ? ccol : 1, sizeof *m->rgicolSorted);
    m->build.cbMax = rec_cb_record_most(MEM_CB_PAGE, 4);
    m->build.pb = mem_alloc(m->build.cbMax);
    if (!m->rgcol || !m->rgcolSorted || !m->rgicolSorted || !m->build.pb) {
        cur_mem_free(m);
        return ERR_TRAP(JET_errOutOfMemory);
    }
    uint16_t fidFixed = REC_FID_FIXED_FIRST, fidVar = REC_FID_VAR_FIRST, fidTagged = REC_FID_TAGGED_FIRST;
    uint16_t ib = REC_IB_FIXED_FIRST;
    for (uint32_t i = 0; i < ccol; i++) {
        struct rec_column *pc = &m->rgcol[i];
        const uint32_t coltyp = rgcol[i].coltyp;
        pc->coltyp = coltyp;
        pc->cp = rec_coltyp_is_text(coltyp) ? (rgcol[i].cp ? rgcol[i].cp : REC_CP_ANSI) : 0;
        if (rec_coltyp_is_long(coltyp)) {
            pc->fid = fidTagged++;
        } else if (rec_coltyp_is_text(coltyp) || rec_coltyp_is_binary(coltyp)) {
            pc->fid = fidVar++;
        } else {
            pc->fid = fidFixed++;
            pc->cbMax = rec_coltyp_fixed_size(coltyp, 0);
            pc->ibRecordOffset = ib;
            ib = (uint16_t)(ib + pc->cbMax);
        }
        m->rgcolSorted[i] = *pc;
    }
    qsort(m->rgcolSorted, ccol, sizeof *m->rgcolSorted, cmp_fid);
    for (uint32_t i = 0; i < ccol; i++)
        for (uint32_t j = 0; j < ccol; j++)
            if (m->rgcolSorted[j].fid == m->rgcol[i].fid)
                m->rgicolSorted[i] = j;
    m->schema = (struct rec_schema){ .cbPage = MEM_CB_PAGE, .rgcol = m->rgcolSorted, .ccol = ccol,
                                     .cbKeyMostPrimary = 4 };
    *ppm = m;
    return JET_errSuccess;
}

JET_COLUMNID cur_mem_columnid(const struct cur_mem *m, uint32_t icol)
{
    return icol < m->ccol ? m->rgcol[icol].fid : 0;
}

JET_ERR cur_mem_row_begin(struct cur_mem *m)
{
    rec_init_minimum(&m->build);
    m->fBuilding = true;
    return JET_errSuccess;
}

JET_ERR cur_mem_set(struct cur_mem *m, uint32_t icol, const void *pv, uint32_t cb)
{
    if (!m->fBuilding || icol >= m->ccol)
        return ERR_TRAP(JET_errInvalidParameter);
    const struct rec_column *pc = &m->rgcolSorted[m->rgicolSorted[icol]];
    if (!pv)
        return rec_set_column(&m->build, &m->schema, pc, 1, NULL, 0);
    const struct rec_value v = { pv, cb, 0 };
    return rec_set_column(&m->build, &m->schema, pc, 1, &v, cb ? 0 : REC_SET_ZERO_LENGTH);
}

JET_ERR cur_mem_row_end(struct cur_mem *m)
{
    if (!m->fBuilding)
        return ERR_TRAP(JET_errInvalidParameter);
    if (m->crow == m->crowMax) {
        uint32_t cNew = m->crowMax ? m->crowMax * 2 : 16;
        uint8_t **rgpb = mem_realloc(m->rgpbRow, cNew * sizeof *rgpb);
        if (!rgpb)
            return ERR_TRAP(JET_errOutOfMemory);
        m->rgpbRow = rgpb;
        uint32_t *rgcb = mem_realloc(m->rgcbRow, cNew * sizeof *rgcb);
        if (!rgcb)
            return ERR_TRAP(JET_errOutOfMemory);
        m->rgcbRow = rgcb;
        m->crowMax = cNew;
    }
    uint8_t *pb = mem_alloc(m->build.cb);
    if (!pb)
        return ERR_TRAP(JET_errOutOfMemory);
    memcpy(pb, m->build.pb, m->build.cb);
    m->rgpbRow[m->crow] = pb;
    m->rgcbRow[m->crow] = m->build.cb;
    m->crow++;
    m->fBuilding = false;
    return JET_errSuccess;
}

uint32_t cur_mem_rows(const struct cur_mem *m)
{
    return m->crow;
}

static JET_ERR mem_cursor(struct cur_mem *m, struct cursor **ppc)
{
    struct cursor *c = mem_calloc(1, sizeof *c);
    *ppc = NULL;
    if (!c)
        return ERR_TRAP(JET_errOutOfMemory);
    c->mem = m;
    c->iidx = -1;
    c->loc = CUR_LOC_BEFORE_FIRST;
    c->fUpdatable = false;
    m->cref++;
    *ppc = c;
    return JET_errSuccess;
}

JET_ERR cur_mem_open(struct cur_mem *m, struct cursor **ppc)
{
    JET_ERR err = mem_cursor(m, ppc);
    /* the cursor holds the reference the caller gave away */
    m->cref--;
    if (err < 0)
        cur_mem_free(m);
    return err;
}

JET_ERR cur_mem_dup(struct cursor *c, struct cursor **ppc)
{
    return mem_cursor(c->mem, ppc);
}

void cur_mem_close(struct cursor *c)
{
    struct cur_mem *m = c->mem;
    cur_buf_free(&c->pk);
    mem_free(c);
    if (--m->cref == 0)
        cur_mem_free(m);
}

const struct rec_schema *cur_mem_schema(const struct cursor *c)
{
    return &c->mem->schema;
}

/* The row the cursor stands on: c->irowMem (ON only). */
JET_ERR cur_mem_move(struct cursor *c, int32_t crow, JET_GRBIT grbit)
{
    struct cur_mem *m = c->mem;
    (void)grbit;
    if (crow == (int32_t)JET_MoveFirst) {
        if (m->crow == 0) {
            c->loc = CUR_LOC_BEFORE_FIRST;
            return ERR_TRAP(JET_errNoCurrentRecord);
        }
        c->irowMem = 0;
        c->loc = CUR_LOC_ON;
        return JET_errSuccess;
    }
    if (crow == (int32_t)JET_MoveLast) {
        if (m->crow == 0) {
            c->loc = CUR_LOC_AFTER_LAST;
            return ERR_TRAP(JET_errNoCurrentRecord);
        }
        c->irowMem = m->crow - 1;
        c->loc = CUR_LOC_ON;
        return JET_errSuccess;
    }
    if (crow == 0)
        return c->loc == CUR_LOC_ON ? JET_errSuccess : ERR_TRAP(JET_errNoCurrentRecord);
    /* a position counted from before the first row */
    int64_t i;
    switch (c->loc) {
    case CUR_LOC_ON:
        i = c->irowMem;
        break;
    case CUR_LOC_AFTER_LAST:
        i = m->crow;
        break;
    default:
        i = -1;
        break;
    }
    i += crow;
    if (i < 0) {
        c->loc = CUR_LOC_BEFORE_FIRST;
        return ERR_TRAP(JET_errNoCurrentRecord);
    }
    if (i >= (int64_t)m->crow) {
        c->loc = CUR_LOC_AFTER_LAST;
        return ERR_TRAP(JET_errNoCurrentRecord);
    }
    c->irowMem = (uint32_t)i;
    c->loc = CUR_LOC_ON;
    return JET_errSuccess;
}

JET_ERR cur_mem_record(struct cursor *c, const uint8_t **ppb, uint32_t *pcb)
{
    if (c->loc != CUR_LOC_ON || c->irowMem >= c->mem->crow)
        return ERR_TRAP(JET_errNoCurrentRecord);
    *ppb = c->mem->rgpbRow[c->irowMem];
    *pcb = c->mem->rgcbRow[c->irowMem];
    return JET_errSuccess;
}

JET_ERR cur_mem_bookmark(struct cursor *c, const uint8_t **ppb, uint32_t *pcb)
{
    JET_ERR err;
    if (c->loc != CUR_LOC_ON)
        return ERR_TRAP(JET_errNoCurrentRecord);
    CALL_R(cur_buf_reserve(&c->pk, 4));
    put_be32(c->pk.pb, c->irowMem + 1);
    c->pk.cb = 4;
    *ppb = c->pk.pb;
    *pcb = 4;
    return JET_errSuccess;
}

JET_ERR cur_mem_goto_bookmark(struct cursor *c, const void *pv, uint32_t cb)
{
    if (cb != 4)
        return ERR_TRAP(JET_errInvalidBookmark);
    const uint32_t irow = get_be32(pv);
    if (irow == 0 || irow > c->mem->crow)
        return ERR_TRAP(JET_errRecordDeleted);
    c->irowMem = irow - 1;
    c->loc = CUR_LOC_ON;
    return JET_errSuccess;
}

JET_ERR cur_mem_position(struct cursor *c, uint64_t *pcLT, uint64_t *pcTotal)
{
    if (c->loc != CUR_LOC_ON)
        return ERR_TRAP(JET_errNoCurrentRecord);
    *pcLT = c->irowMem;
    *pcTotal = c->mem->crow;
    return JET_errSuccess;
}

JET_ERR cur_mem_goto_position(struct cursor *c, uint64_t cLT, uint64_t cTotal)
{
    if (cTotal == 0 || cLT > cTotal)
        return ERR_TRAP(JET_errInvalidParameter);
    if (c->mem->crow == 0)
        return ERR_TRAP(JET_errRecordNotFound);
    uint64_t i = (uint64_t)((double)cLT / (double)cTotal * c->mem->crow);
    if (i >= c->mem->crow)
        i = c->mem->crow - 1;
    c->irowMem = (uint32_t)i;
    c->loc = CUR_LOC_ON;
    return JET_errSuccess;
}

JET_ERR cur_mem_count(struct cursor *c, uint64_t cMax, uint64_t *pc)
{
    if (c->loc != CUR_LOC_ON)
        return ERR_TRAP(JET_errNoCurrentRecord);
    uint64_t n = c->mem->crow - c->irowMem;
    *pc = cMax && n > cMax ? cMax : n;
    return JET_errSuccess;
}
