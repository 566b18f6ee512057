/* SPDX-License-Identifier: MIT
 * record/rec_catalog.c: MSysObjects rows: decoding into descriptors, encoding as Windows inserts
 * them, and the built-in schemas and rows of the system tables.
 * Layer: record (uses base).
 * An inserted catalog row is ESE's ErrCATIInsert: start from the minimum record (system tables
 * have no default record), set the highest fixed column that row type stores first (so every
 * fixed column below it is burst at once: '*' bytes, null bit set), then every non-empty column
 * in iMSO order. Which fixed columns a row type stores decides where its fixed area ends: table
 * rows at RootFlag (LVChunkMax when set), column rows at PagesOrLocale (RecordOffset for fixed
 * columns), index rows at LCMapFlags/KeyMost, LV and callback rows at PagesOrLocale; rows of
 * builds that stamp PgnoFDPLastSetTime run to it. ESE-FORMAT-NOTES §8, §14. */
#include "rec_int.h"
#include "debug.h"

DEBUG_CHANNEL(record);

#define CAT_CORRUPT(what) rec_cat_corrupt((what), __FILE__, __LINE__)
static JET_ERR rec_cat_corrupt(const char *what, const char *file, int line)
{
    WARN("corrupt catalog row: %s\n", what);
    return err_trap(JET_errCatalogCorrupted, file, line);
}

/* ============================================================== MSysObjects' schema ======== */

const struct rec_mso_column_def rec_mso_columns[REC_MSO_COUNT] = {
    { "ObjidTable",           1,   JET_coltypLong,          true },
    { "Type",                 2,   JET_coltypShort,         true },
    { "Id",                   3,   JET_coltypLong,          true },
    { "Name",                 128, JET_coltypText,          true },
    { "ColtypOrPgnoFDP",      4,   JET_coltypLong,          true },
    { "SpaceUsage",           5,   JET_coltypLong,          true },
    { "Flags",                6,   JET_coltypLong,          true },
    { "PagesOrLocale",        7,   JET_coltypLong,          true },
    { "Stats",                129, JET_coltypBinary,        false },
    { "RootFlag",             8,   JET_coltypBit,           false },
    { "TemplateTable",        130, JET_coltypText,          false },
    { "RecordOffset",         9,   JET_coltypShort,         false },
    { "DefaultValue",         131, JET_coltypBinary,        false },
    { "KeyFldIDs",            132, JET_coltypBinary,        false },
    { "VarSegMac",            133, JET_coltypBinary,        false },
    { "ConditionalColumns",   134, JET_coltypBinary,        false },
    { "LCMapFlags",           10,  JET_coltypLong,          false },
    { "KeyMost",              11,  JET_coltypUnsignedShort, false },
    { "TupleLimits",          135, JET_coltypBinary,        false },
    { "Version",              136, JET_coltypBinary,        false },
    { "SortID",               137, JET_coltypBinary,        false },
    { "CallbackData",         256, JET_coltypLongBinary,    false },
    { "CallbackDependencies", 257, JET_coltypLongBinary,    false },
    { "SeparateLV",           258, JET_coltypLongBinary,    false },
    { "SpaceHints",           259, JET_coltypLongBinary,    false },
    { "SpaceDeferredLVHints", 260, JET_coltypLongBinary,    false },
    { "LocaleName",           261, JET_coltypLongBinary,    false },
    { "LVChunkMax",           12,  JET_coltypLong,          false },
    { "PgnoFDPLastSetTime",   13,  JET_coltypDateTime,      false },
};

/* The columns sorted by fid (what rec_schema wants), and iMSO -> index into it. Fixed columns
 * get consecutive offsets from 4 in iMSO order (ErrCATIInitCatalogTDB), which is fid order. */
static struct rec_column g_rgcolMso[REC_MSO_COUNT];
static uint8_t g_rgiMso[REC_MSO_COUNT];
static bool g_fMsoInit;

static void mso_init(void)
{
    /* Idempotent and deterministic: concurrent first calls write the same values. */
    if (__atomic_load_n(&g_fMsoInit, __ATOMIC_ACQUIRE))
        return;
    struct rec_column rgcol[REC_MSO_COUNT];
    uint16_t ib = REC_IB_FIXED_FIRST;
    for (unsigned i = 0; i < REC_MSO_COUNT; i++) {
        const struct rec_mso_column_def *pd = &rec_mso_columns[i];
        struct rec_column *pc = &rgcol[i];
        memset(pc, 0, sizeof *pc);
        pc->fid = pd->fid;
        pc->coltyp = pd->coltyp;
        pc->cbMax = rec_coltyp_fixed_size(pd->coltyp, rec_coltyp_is_long(pd->coltyp) ? 0 : JET_cbColumnMost);
        pc->cp = rec_coltyp_is_text(pd->coltyp) ? REC_CP_ANSI : 0;
        pc->fFlags = pd->fNotNull ? REC_FIELD_NOT_NULL : 0;
        if (rec_fid_is_fixed(pd->fid)) {
            pc->ibRecordOffset = ib;
            ib = (uint16_t)(ib + pc->cbMax);
        }
    }
    /* sort by fid (insertion sort: 29 entries) */
    uint8_t rgi[REC_MSO_COUNT];
    for (unsigned i = 0; i < REC_MSO_COUNT; i++)
        rgi[i] = (uint8_t)i;
    for (unsigned i = 1; i < REC_MSO_COUNT; i++)
        for (unsigned j = i; j > 0 && rgcol[rgi[j - 1]].fid > rgcol[rgi[j]].fid; j--) {
            uint8_t t = rgi[j];
            rgi[j] = rgi[j - 1];
            rgi[j - 1] = t;
        }
    for (unsigned i = 0; i < REC_MSO_COUNT; i++) {
        g_rgcolMso[i] = rgcol[rgi[i]];
        g_rgiMso[rgi[i]] = (uint8_t)i;
    }
    __atomic_store_n(&g_fMsoInit, true, __ATOMIC_RELEASE);
}

void rec_cat_schema(uint32_t cbPage, struct rec_schema *ps)
{
    mso_init();
    memset(ps, 0, sizeof *ps);
    ps->cbPage = cbPage;
    ps->rgcol = g_rgcolMso;
    ps->ccol = REC_MSO_COUNT;
    ps->cbKeyMostPrimary = REC_CB_KEY_MOST_OLD;
}

const struct rec_column *rec_cat_column(enum rec_mso imso)
{
    mso_init();
    return &g_rgcolMso[g_rgiMso[imso]];
}

uint32_t rec_cat_key_id(uint32_t objidTable, uint16_t type, uint32_t id, uint8_t *pbKey)
{
    pbKey[0] = REC_KEY_PREFIX_DATA;
    put_be32(pbKey + 1, objidTable ^ 0x80000000u);
    pbKey[5] = REC_KEY_PREFIX_DATA;
    put_be16(pbKey + 6, (uint16_t)(type ^ 0x8000u));
    pbKey[8] = REC_KEY_PREFIX_DATA;
    put_be32(pbKey + 9, id ^ 0x80000000u);
    return 13;
}

/* ======================================================================= decoding ========== */

JET_ERR rec_cat_row_decode(const struct rec_view *prv, struct rec_cat_row *prow)
{
    JET_ERR err;
    struct rec_schema s;
    rec_cat_schema(prv->cbPage, &s);
    memset(prow, 0, sizeof *prow);
    for (unsigned i = 0; i < REC_MSO_COUNT; i++) {
        const struct rec_column *pc = rec_cat_column((enum rec_mso)i);
        enum rec_presence pres = REC_ABSENT;
        struct rec_value v;
        if (rec_fid_is_fixed(pc->fid)) {
            CALL_R(rec_get_fixed(prv, pc, &pres, &v));
        } else if (rec_fid_is_var(pc->fid)) {
            CALL_R(rec_get_var(prv, pc->fid, &pres, &v));
        } else {
            struct rec_tagged t;
            err = rec_tagged_find(prv, pc->fid, false, &t);
            if (err != ERR_NOT_FOUND) {
                CALL_R(err);
                err = rec_tagged_instance(&t, 1, &v);
                pres = err == JET_errSuccess ? REC_PRESENT : REC_NULL;
                if (t.cinst > 1)
                    return CAT_CORRUPT("multi-valued catalog column");
            }
        }
        if (pres == REC_PRESENT) {
            prow->rgfPresent[i] = true;
            prow->rgval[i] = v;
        }
        if (rec_mso_columns[i].fNotNull && !prow->rgfPresent[i])
            return CAT_CORRUPT("NotNull catalog column missing");
    }
    prow->objidTable = get_le32(prow->rgval[REC_MSO_OBJID_TABLE].pb);
    prow->type = get_le16(prow->rgval[REC_MSO_TYPE].pb);
    prow->id = get_le32(prow->rgval[REC_MSO_ID].pb);
    const struct rec_value *pn = &prow->rgval[REC_MSO_NAME];
    if (pn->cb > JET_cbNameMost || memchr(pn->pb, 0, pn->cb))
        return CAT_CORRUPT("bad object name");
    memcpy(prow->szName, pn->pb, pn->cb);
    prow->szName[pn->cb] = 0;
    return JET_errSuccess;
}

static bool present(const struct rec_cat_row *prow, enum rec_mso i) { return prow->rgfPresent[i]; }
static uint32_t u32_of(const struct rec_cat_row *prow, enum rec_mso i) { return get_le32(prow->rgval[i].pb); }

/* A long-binary catalog value; separated ones cannot be read without the LV tree. */
static JET_ERR tagged_value(const struct rec_cat_row *prow, enum rec_mso i, const uint8_t **ppb, uint32_t *pcb)
{
    const struct rec_value *pv = &prow->rgval[i];
    *ppb = NULL;
    *pcb = 0;
    if (!prow->rgfPresent[i])
        return JET_errSuccess;
    if (pv->fFlags & (REC_VALUE_SEPARATED | REC_VALUE_COMPRESSED | REC_VALUE_ENCRYPTED)) {
        FIXME("separated/compressed catalog value in column %s\n", rec_mso_columns[i].szName);
        return ERR_TRAP(JET_errFeatureNotAvailable);
    }
    *ppb = pv->pb;
    *pcb = pv->cb;
    return JET_errSuccess;
}

/* A text field of at most cbMost bytes without NUL, copied NUL-terminated into sz[cbMost + 1]. */
static JET_ERR text_of(const struct rec_cat_row *prow, enum rec_mso i, char *sz, uint32_t cbMost)
{
    const struct rec_value *pv = &prow->rgval[i];
    sz[0] = 0;
    if (!prow->rgfPresent[i])
        return JET_errSuccess;
    if (pv->cb > cbMost || memchr(pv->pb, 0, pv->cb))
        return CAT_CORRUPT("bad name");
    memcpy(sz, pv->pb, pv->cb);
    sz[pv->cb] = 0;
    return JET_errSuccess;
}

static JET_ERR name_of(const struct rec_cat_row *prow, enum rec_mso i, char *sz)
{
    return text_of(prow, i, sz, JET_cbNameMost);
}

/* The u32 array of extended space hints starting at field ifieldFirst of rec_cat_spacehints. */
static JET_ERR hints_decode(const uint8_t *pb, uint32_t cb, unsigned ifieldFirst, struct rec_cat_spacehints *ph)
{
    uint32_t rgul[7] = { ph->ulInitialDensity, ph->cbInitial, 0, 0, 0, 0, 0 };
    if (cb < 1 || pb[0] != 1 || (cb - 1) % 4 || (cb - 1) / 4 > 7 - ifieldFirst)
        return CAT_CORRUPT("bad extended space hints");
    for (uint32_t i = 0; i < (cb - 1) / 4; i++)
        rgul[ifieldFirst + i] = get_le32(pb + 1 + 4 * i);
    ph->ulInitialDensity = rgul[0];
    ph->cbInitial = rgul[1];
    ph->grbit = rgul[2];
    ph->ulMaintDensity = rgul[3];
    ph->ulGrowth = rgul[4];
    ph->cbMinExtent = rgul[5];
    ph->cbMaxExtent = rgul[6];
    return JET_errSuccess;
}

static uint32_t hints_encode(const struct rec_cat_spacehints *ph, unsigned ifieldFirst, uint8_t *pb)
{
    const uint32_t rgul[7] = { ph->ulInitialDensity, ph->cbInitial, ph->grbit, ph->ulMaintDensity,
                               ph->ulGrowth, ph->cbMinExtent, ph->cbMaxExtent };
    unsigned c = 7 - ifieldFirst;
    while (c > 0 && rgul[ifieldFirst + c - 1] == 0)
        c--;
    if (c == 0)
        return 0;
    pb[0] = 1;
    for (unsigned i = 0; i < c; i++)
        put_le32(pb + 1 + 4 * i, rgul[ifieldFirst + i]);
    return 1 + 4 * c;
}

#define HINTS_TABLE     2u  /* from grbit */
#define HINTS_TREE      1u  /* from cbInitial (indexes, LV) */
#define HINTS_DEFERRED  0u  /* from ulInitialDensity */

static JET_ERR decode_hints(const struct rec_cat_row *prow, enum rec_mso i, unsigned ifieldFirst,
        struct rec_cat_spacehints *ph, bool *pf)
{
    JET_ERR err;
    const uint8_t *pb;
    uint32_t cb;
    CALL_R(tagged_value(prow, i, &pb, &cb));
    *pf = prow->rgfPresent[i];
    if (*pf)
        CALL_R(hints_decode(pb, cb, ifieldFirst, ph));
    return JET_errSuccess;
}

static void last_set_time(const struct rec_cat_row *prow, bool *pf, uint64_t *pft)
{
    *pf = present(prow, REC_MSO_PGNO_FDP_LAST_SET_TIME);
    *pft = *pf ? get_le64(prow->rgval[REC_MSO_PGNO_FDP_LAST_SET_TIME].pb) : 0;
}

JET_ERR rec_cat_row_table(const struct rec_cat_row *prow, struct rec_cat_table *pt)
{
    JET_ERR err;
    memset(pt, 0, sizeof *pt);
    if (prow->type != REC_SYSOBJ_TABLE)
        return CAT_CORRUPT("not a table row");
    if (prow->objidTable != prow->id)
        return CAT_CORRUPT("table row whose Id is not its ObjidTable");
    pt->objid = prow->id;
    pt->pgnoFDP = u32_of(prow, REC_MSO_COLTYP_OR_PGNO_FDP);
    memcpy(pt->szName, prow->szName, sizeof pt->szName);
    CALL_R(name_of(prow, REC_MSO_TEMPLATE_TABLE, pt->szTemplateTable));
    pt->fFlags = u32_of(prow, REC_MSO_FLAGS);
    pt->ulDensity = u32_of(prow, REC_MSO_SPACE_USAGE);
    pt->cpgInitial = u32_of(prow, REC_MSO_PAGES_OR_LOCALE);
    pt->hints.ulInitialDensity = pt->ulDensity;
    CALL_R(decode_hints(prow, REC_MSO_SPACE_HINTS, HINTS_TABLE, &pt->hints, &pt->fHints));
    CALL_R(decode_hints(prow, REC_MSO_SPACE_DEFERRED_LV_HINTS, HINTS_DEFERRED, &pt->hintsDeferredLV, &pt->fHintsDeferredLV));
    if (present(prow, REC_MSO_SEPARATE_LV)) {
        const uint8_t *pb;
        uint32_t cb;
        CALL_R(tagged_value(prow, REC_MSO_SEPARATE_LV, &pb, &cb));
        if (cb != 4)
            return CAT_CORRUPT("bad SeparateLV");
        pt->cbSeparateLV = get_le32(pb);
    }
    if (present(prow, REC_MSO_LV_CHUNK_MAX))
        pt->cbLVChunkMax = u32_of(prow, REC_MSO_LV_CHUNK_MAX);
    last_set_time(prow, &pt->fPgnoFDPLastSetTime, &pt->ftPgnoFDPLastSetTime);
    return JET_errSuccess;
}

JET_ERR rec_cat_row_column(const struct rec_cat_row *prow, struct rec_cat_column *pc)
{
    JET_ERR err;
    memset(pc, 0, sizeof *pc);
    if (prow->type != REC_SYSOBJ_COLUMN)
        return CAT_CORRUPT("not a column row");
    if (!rec_fid_is_fixed(prow->id) && !rec_fid_is_var(prow->id) && !rec_fid_is_tagged(prow->id))
        return CAT_CORRUPT("bad column id");
    pc->objidTable = prow->objidTable;
    pc->fid = (uint16_t)prow->id;
    memcpy(pc->szName, prow->szName, sizeof pc->szName);
    pc->coltyp = u32_of(prow, REC_MSO_COLTYP_OR_PGNO_FDP);
    pc->cbMax = u32_of(prow, REC_MSO_SPACE_USAGE);
    pc->fFlags = u32_of(prow, REC_MSO_FLAGS);
    pc->cp = u32_of(prow, REC_MSO_PAGES_OR_LOCALE);
    if ((pc->fRecordOffset = present(prow, REC_MSO_RECORD_OFFSET)))
        pc->ibRecordOffset = get_le16(prow->rgval[REC_MSO_RECORD_OFFSET].pb);
    if (present(prow, REC_MSO_DEFAULT_VALUE)) {
        pc->pbDefault = prow->rgval[REC_MSO_DEFAULT_VALUE].pb;
        pc->cbDefault = prow->rgval[REC_MSO_DEFAULT_VALUE].cb;
    }
    CALL_R(text_of(prow, REC_MSO_CALLBACK, pc->szCallback, JET_cbColumnMost));
    CALL_R(tagged_value(prow, REC_MSO_CALLBACK_DATA, &pc->pbCallbackData, &pc->cbCallbackData));
    CALL_R(tagged_value(prow, REC_MSO_CALLBACK_DEPENDENCIES, &pc->pbCallbackDependencies, &pc->cbCallbackDependencies));
    return JET_errSuccess;
}

static JET_ERR decode_segs(const struct rec_value *pv, bool fExtended, bool fConditional,
        struct rec_idxseg *rgseg, uint32_t *pcseg)
{
    uint32_t cbSeg = fExtended ? 4 : 2;
    if (pv->cb % cbSeg || pv->cb / cbSeg > REC_CCOL_KEY_MOST)
        return CAT_CORRUPT("bad index segments");
    *pcseg = pv->cb / cbSeg;
    for (uint32_t i = 0; i < *pcseg; i++) {
        if (fExtended) {
            rgseg[i].fFlags = pv->pb[4 * i];
            rgseg[i].fid = get_le16(pv->pb + 4 * i + 2);
        } else {
            int16_t s = (int16_t)get_le16(pv->pb + 2 * i);
            rgseg[i].fFlags = s < 0 ? (fConditional ? REC_IDXSEG_MUST_BE_NULL : REC_IDXSEG_DESCENDING) : 0;
            rgseg[i].fid = (uint16_t)(s < 0 ? -(int32_t)s : s);
        }
        if (!rec_fid_is_fixed(rgseg[i].fid) && !rec_fid_is_var(rgseg[i].fid) && !rec_fid_is_tagged(rgseg[i].fid))
            return CAT_CORRUPT("bad index segment column");
    }
    return JET_errSuccess;
}

JET_ERR rec_cat_row_index(const struct rec_cat_row *prow, struct rec_cat_index *pi)
{
    JET_ERR err;
    memset(pi, 0, sizeof *pi);
    if (prow->type != REC_SYSOBJ_INDEX)
        return CAT_CORRUPT("not an index row");
    pi->objidTable = prow->objidTable;
    pi->objid = prow->id;
    pi->pgnoFDP = u32_of(prow, REC_MSO_COLTYP_OR_PGNO_FDP);
    memcpy(pi->szName, prow->szName, sizeof pi->szName);
    pi->ulDensity = u32_of(prow, REC_MSO_SPACE_USAGE);
    uint32_t fFlags = u32_of(prow, REC_MSO_FLAGS);
    pi->fidb = (uint16_t)fFlags;
    pi->fidx = (uint16_t)(fFlags >> 16);
    pi->lcid = u32_of(prow, REC_MSO_PAGES_OR_LOCALE);
    if ((pi->fLCMapFlags = present(prow, REC_MSO_LCMAP_FLAGS)))
        pi->dwLCMapFlags = u32_of(prow, REC_MSO_LCMAP_FLAGS);
    pi->cbKeyMost = REC_CB_KEY_MOST_OLD;
    if ((pi->fKeyMost = present(prow, REC_MSO_KEY_MOST)))
        pi->cbKeyMost = get_le16(prow->rgval[REC_MSO_KEY_MOST].pb);
    if (pi->cbKeyMost == 0 || pi->cbKeyMost > REC_CB_KEY_MOST_MOST)
        return CAT_CORRUPT("bad KeyMost");
    pi->cbVarSegMac = pi->cbKeyMost;
    if ((pi->fVarSegMac = present(prow, REC_MSO_VAR_SEG_MAC))) {
        const struct rec_value *pv = &prow->rgval[REC_MSO_VAR_SEG_MAC];
        if (pv->cb != 2)
            return CAT_CORRUPT("bad VarSegMac");
        pi->cbVarSegMac = get_le16(pv->pb);
        if (pi->cbVarSegMac == 0 || pi->cbVarSegMac > pi->cbKeyMost)
            return CAT_CORRUPT("bad VarSegMac");
    }
    const bool fExtended = pi->fidx & REC_IDX_EXTENDED_COLUMNS;
    if (!present(prow, REC_MSO_KEY_FLD_IDS))
        return CAT_CORRUPT("index without KeyFldIDs");
    CALL_R(decode_segs(&prow->rgval[REC_MSO_KEY_FLD_IDS], fExtended, false, pi->rgseg, &pi->cseg));
    if (pi->cseg == 0)
        return CAT_CORRUPT("index without segments");
    if (present(prow, REC_MSO_CONDITIONAL_COLUMNS))
        CALL_R(decode_segs(&prow->rgval[REC_MSO_CONDITIONAL_COLUMNS], fExtended, true, pi->rgsegConditional,
                &pi->csegConditional));
    if (present(prow, REC_MSO_TUPLE_LIMITS)) {
        const struct rec_value *pv = &prow->rgval[REC_MSO_TUPLE_LIMITS];
        if (pv->cb != 12 && pv->cb != 20)
            return CAT_CORRUPT("bad TupleLimits");
        pi->fTuples = true;
        pi->cbTupleLimits = pv->cb;
        for (uint32_t i = 0; i < pv->cb / 4; i++)
            pi->rgulTuple[i] = get_le32(pv->pb + 4 * i);
    }
    if (present(prow, REC_MSO_VERSION)) {
        if (prow->rgval[REC_MSO_VERSION].cb != 8)
            return CAT_CORRUPT("bad Version");
        pi->fVersion = true;
        pi->qwSortVersion = get_le64(prow->rgval[REC_MSO_VERSION].pb);
    }
    if (present(prow, REC_MSO_SORT_ID)) {
        if (prow->rgval[REC_MSO_SORT_ID].cb != 16)
            return CAT_CORRUPT("bad SortID");
        pi->fSortId = true;
        memcpy(pi->rgbSortId, prow->rgval[REC_MSO_SORT_ID].pb, 16);
    }
    if (present(prow, REC_MSO_LOCALE_NAME)) {
        const uint8_t *pb;
        uint32_t cb;
        CALL_R(tagged_value(prow, REC_MSO_LOCALE_NAME, &pb, &cb));
        if (cb % 2 || cb / 2 >= ARRAY_SIZE(pi->wszLocaleName))
            return CAT_CORRUPT("bad LocaleName");
        pi->fLocaleName = true;
        for (uint32_t i = 0; i < cb / 2; i++)
            pi->wszLocaleName[i] = get_le16(pb + 2 * i);
        pi->wszLocaleName[cb / 2] = 0;
    }
    pi->hints.ulInitialDensity = pi->ulDensity;
    CALL_R(decode_hints(prow, REC_MSO_SPACE_HINTS, HINTS_TREE, &pi->hints, &pi->fHints));
    last_set_time(prow, &pi->fPgnoFDPLastSetTime, &pi->ftPgnoFDPLastSetTime);
    return JET_errSuccess;
}

JET_ERR rec_cat_row_lv(const struct rec_cat_row *prow, struct rec_cat_lv *plv)
{
    JET_ERR err;
    memset(plv, 0, sizeof *plv);
    if (prow->type != REC_SYSOBJ_LV)
        return CAT_CORRUPT("not an LV row");
    plv->objidTable = prow->objidTable;
    plv->objid = prow->id;
    plv->pgnoFDP = u32_of(prow, REC_MSO_COLTYP_OR_PGNO_FDP);
    plv->ulDensity = u32_of(prow, REC_MSO_SPACE_USAGE);
    plv->fFlags = u32_of(prow, REC_MSO_FLAGS);
    plv->cpgInitial = u32_of(prow, REC_MSO_PAGES_OR_LOCALE);
    plv->hints.ulInitialDensity = plv->ulDensity;
    CALL_R(decode_hints(prow, REC_MSO_SPACE_HINTS, HINTS_TREE, &plv->hints, &plv->fHints));
    last_set_time(prow, &plv->fPgnoFDPLastSetTime, &plv->ftPgnoFDPLastSetTime);
    return JET_errSuccess;
}

JET_ERR rec_cat_row_callback(const struct rec_cat_row *prow, struct rec_cat_callback *pcb)
{
    memset(pcb, 0, sizeof *pcb);
    if (prow->type != REC_SYSOBJ_CALLBACK)
        return CAT_CORRUPT("not a callback row");
    pcb->objidTable = prow->objidTable;
    pcb->cbtyp = u32_of(prow, REC_MSO_FLAGS);
    return text_of(prow, REC_MSO_CALLBACK, pcb->szCallback, JET_cbColumnMost);
}

void rec_cat_column_to_rec(const struct rec_cat_column *pcc, bool fTemplate, struct rec_column *prc)
{
    memset(prc, 0, sizeof *prc);
    prc->fid = pcc->fid;
    prc->fTemplate = fTemplate;
    prc->coltyp = pcc->coltyp;
    prc->cbMax = pcc->cbMax;
    prc->ibRecordOffset = pcc->ibRecordOffset;
    prc->cp = (uint16_t)pcc->cp;
    prc->fFlags = pcc->fFlags;
}

void rec_cat_index_to_rec(const struct rec_cat_index *pci, struct rec_index *pidx)
{
    memset(pidx, 0, sizeof *pidx);
    pidx->fidb = pci->fidb;
    pidx->fidx = pci->fidx;
    pidx->cbKeyMost = pci->cbKeyMost;
    pidx->cbVarSegMac = pci->cbVarSegMac;
    pidx->rgseg = pci->rgseg;
    pidx->cseg = pci->cseg;
    pidx->rgsegConditional = pci->rgsegConditional;
    pidx->csegConditional = pci->csegConditional;
    memcpy(pidx->locale.wszLocaleName, pci->wszLocaleName, sizeof pidx->locale.wszLocaleName);
    pidx->locale.dwLCMapFlags = pci->fLCMapFlags ? pci->dwLCMapFlags : REC_LCMAP_FLAGS_DEFAULT;
    pidx->locale.dwNlsVersion = (uint32_t)(pci->qwSortVersion >> 32);
    pidx->locale.dwDefinedNlsVersion = (uint32_t)pci->qwSortVersion;
    memcpy(pidx->locale.rgbSortId, pci->rgbSortId, 16);
    pidx->locale.lcid = pci->lcid;
    if (pci->fTuples) {
        pidx->fTuples = true;
        pidx->cchTupleMin = pci->rgulTuple[0];
        pidx->cchTupleMax = pci->rgulTuple[1];
        pidx->ichTupleToIndexMax = pci->rgulTuple[2];
        pidx->cchTupleIncrement = pci->cbTupleLimits == 20 ? pci->rgulTuple[3] : 1;
        pidx->ichTupleStart = pci->cbTupleLimits == 20 ? pci->rgulTuple[4] : 0;
    }
}

/* ======================================================================= encoding ========== */

/* The column values of one row being inserted (ESE's rgdata[idataMSOMax]). */
struct cat_data {
    struct rec_value rg[REC_MSO_COUNT];
    uint8_t rgbFixed[REC_MSO_COUNT][8];     /* little-endian images of the fixed values */
};

static void data_u32(struct cat_data *pd, enum rec_mso i, uint32_t v)
{
    put_le32(pd->rgbFixed[i], v);
    pd->rg[i].pb = pd->rgbFixed[i];
    pd->rg[i].cb = 4;
}
static void data_u16(struct cat_data *pd, enum rec_mso i, uint16_t v)
{
    put_le16(pd->rgbFixed[i], v);
    pd->rg[i].pb = pd->rgbFixed[i];
    pd->rg[i].cb = 2;
}
static void data_u64(struct cat_data *pd, enum rec_mso i, uint64_t v)
{
    put_le64(pd->rgbFixed[i], v);
    pd->rg[i].pb = pd->rgbFixed[i];
    pd->rg[i].cb = 8;
}
static void data_bytes(struct cat_data *pd, enum rec_mso i, const void *pb, uint32_t cb)
{
    pd->rg[i].pb = (const uint8_t *)pb;
    pd->rg[i].cb = cb;
}
static void data_common(struct cat_data *pd, uint32_t objidTable, uint16_t type, uint32_t id, const char *szName)
{
    memset(pd, 0, sizeof *pd);
    data_u32(pd, REC_MSO_OBJID_TABLE, objidTable);
    data_u16(pd, REC_MSO_TYPE, type);
    data_u32(pd, REC_MSO_ID, id);
    data_bytes(pd, REC_MSO_NAME, szName, (uint32_t)strlen(szName));
}

/* ErrCATIInsert: highest fixed column first, then the others in iMSO order. */
static JET_ERR cat_insert(const struct cat_data *pd, enum rec_mso iHighestFixed, uint32_t cbPage, struct rec_buf *prb)
{
    JET_ERR err;
    struct rec_schema s;
    rec_cat_schema(cbPage, &s);
    if (strlen((const char *)pd->rg[REC_MSO_NAME].pb) > JET_cbNameMost || pd->rg[REC_MSO_NAME].cb == 0)
        return ERR_TRAP(JET_errInvalidName);
    rec_init_minimum(prb);
    assert(pd->rg[iHighestFixed].cb > 0);
    CALL_R(rec_set_column(prb, &s, rec_cat_column(iHighestFixed), 1, &pd->rg[iHighestFixed], 0));
    for (unsigned i = 0; i < REC_MSO_COUNT; i++) {
        if (pd->rg[i].cb == 0 || i == (unsigned)iHighestFixed)
            continue;
        const struct rec_column *pc = rec_cat_column((enum rec_mso)i);
        if (rec_fid_is_tagged(pc->fid) && pd->rg[i].cb > REC_CB_LV_INTRINSIC_MOST)
            return ERR_TRAP(JET_errFeatureNotAvailable);   /* would need a separated LV */
        CALL_R(rec_set_column(prb, &s, pc, rec_fid_is_tagged(pc->fid) ? 0 : 1, &pd->rg[i], 0));
    }
    return JET_errSuccess;
}

JET_ERR rec_cat_encode_table(const struct rec_cat_table *pt, uint32_t cbPage, struct rec_buf *prb)
{
    struct cat_data d;
    uint8_t rgbHints[1 + 7 * 4], rgbHintsLV[1 + 7 * 4], rgbSep[4];
    data_common(&d, pt->objid, REC_SYSOBJ_TABLE, pt->objid, pt->szName);
    data_u32(&d, REC_MSO_COLTYP_OR_PGNO_FDP, pt->pgnoFDP);
    data_u32(&d, REC_MSO_FLAGS, pt->fFlags);
    static const uint8_t bTrue = 0xFF;
    data_bytes(&d, REC_MSO_ROOT_FLAG, &bTrue, 1);
    if (pt->szTemplateTable[0])
        data_bytes(&d, REC_MSO_TEMPLATE_TABLE, pt->szTemplateTable, (uint32_t)strlen(pt->szTemplateTable));
    data_u32(&d, REC_MSO_SPACE_USAGE, pt->ulDensity);
    data_u32(&d, REC_MSO_PAGES_OR_LOCALE, pt->cpgInitial);
    uint32_t cb = hints_encode(&pt->hints, HINTS_TABLE, rgbHints);
    if (cb)
        data_bytes(&d, REC_MSO_SPACE_HINTS, rgbHints, cb);
    if (pt->fHintsDeferredLV && (cb = hints_encode(&pt->hintsDeferredLV, HINTS_DEFERRED, rgbHintsLV)))
        data_bytes(&d, REC_MSO_SPACE_DEFERRED_LV_HINTS, rgbHintsLV, cb);
    if (pt->cbSeparateLV) {
        put_le32(rgbSep, pt->cbSeparateLV);
        data_bytes(&d, REC_MSO_SEPARATE_LV, rgbSep, 4);
    }
    if (pt->cbLVChunkMax)
        data_u32(&d, REC_MSO_LV_CHUNK_MAX, pt->cbLVChunkMax);
    enum rec_mso iHighest = pt->cbLVChunkMax ? REC_MSO_LV_CHUNK_MAX : REC_MSO_ROOT_FLAG;
    if (pt->fPgnoFDPLastSetTime) {
        data_u64(&d, REC_MSO_PGNO_FDP_LAST_SET_TIME, pt->ftPgnoFDPLastSetTime);
        iHighest = REC_MSO_PGNO_FDP_LAST_SET_TIME;
    }
    return cat_insert(&d, iHighest, cbPage, prb);
}

JET_ERR rec_cat_encode_column(const struct rec_cat_column *pc, uint32_t cbPage, struct rec_buf *prb)
{
    struct cat_data d;
    data_common(&d, pc->objidTable, REC_SYSOBJ_COLUMN, pc->fid, pc->szName);
    data_u32(&d, REC_MSO_COLTYP_OR_PGNO_FDP, pc->coltyp);
    data_u32(&d, REC_MSO_SPACE_USAGE, pc->cbMax);
    data_u32(&d, REC_MSO_FLAGS, pc->fFlags & 0xFFFFu);
    data_u32(&d, REC_MSO_PAGES_OR_LOCALE, pc->cp);
    if (pc->szCallback[0])
        data_bytes(&d, REC_MSO_CALLBACK, pc->szCallback, (uint32_t)strlen(pc->szCallback));
    if (pc->cbDefault)
        data_bytes(&d, REC_MSO_DEFAULT_VALUE, pc->pbDefault, pc->cbDefault);
    if (pc->cbCallbackData)
        data_bytes(&d, REC_MSO_CALLBACK_DATA, pc->pbCallbackData, pc->cbCallbackData);
    if (pc->cbCallbackDependencies)
        data_bytes(&d, REC_MSO_CALLBACK_DEPENDENCIES, pc->pbCallbackDependencies, pc->cbCallbackDependencies);
    enum rec_mso iHighest = REC_MSO_PAGES_OR_LOCALE;
    if (rec_fid_is_fixed(pc->fid)) {
        data_u16(&d, REC_MSO_RECORD_OFFSET, pc->ibRecordOffset);
        iHighest = REC_MSO_RECORD_OFFSET;
    }
    return cat_insert(&d, iHighest, cbPage, prb);
}

JET_ERR rec_cat_encode_index(const struct rec_cat_index *pi, uint32_t cbPage, struct rec_buf *prb)
{
    struct cat_data d;
    uint8_t rgbSegs[4 * REC_CCOL_KEY_MOST], rgbCond[4 * REC_CCOL_KEY_MOST], rgbTuple[20], rgbVarSegMac[2];
    uint8_t rgbVersion[8], rgbLocale[2 * 85], rgbHints[1 + 7 * 4];
    if (pi->cseg == 0 || pi->cseg > REC_CCOL_KEY_MOST || pi->csegConditional > REC_CCOL_KEY_MOST)
        return ERR_TRAP(JET_errInvalidParameter);
    data_common(&d, pi->objidTable, REC_SYSOBJ_INDEX, pi->objid, pi->szName);
    data_u32(&d, REC_MSO_COLTYP_OR_PGNO_FDP, pi->pgnoFDP);
    data_u32(&d, REC_MSO_SPACE_USAGE, pi->ulDensity);
    uint32_t cb = hints_encode(&pi->hints, HINTS_TREE, rgbHints);
    if (cb)
        data_bytes(&d, REC_MSO_SPACE_HINTS, rgbHints, cb);
    data_u32(&d, REC_MSO_FLAGS, (uint32_t)pi->fidb | ((uint32_t)pi->fidx << 16));
    uint32_t cchLocale = 0;
    while (cchLocale < 85 && pi->wszLocaleName[cchLocale])
        cchLocale++;
    for (uint32_t i = 0; i < cchLocale; i++)
        put_le16(rgbLocale + 2 * i, pi->wszLocaleName[i]);
    if (cchLocale)
        data_bytes(&d, REC_MSO_LOCALE_NAME, rgbLocale, 2 * cchLocale);
    data_u32(&d, REC_MSO_PAGES_OR_LOCALE, pi->lcid);
    if (pi->fLCMapFlags)
        data_u32(&d, REC_MSO_LCMAP_FLAGS, pi->dwLCMapFlags);
    const bool fExtended = pi->fidx & REC_IDX_EXTENDED_COLUMNS;
    const struct { const struct rec_idxseg *rg; uint32_t c; uint8_t *pb; enum rec_mso i; bool fCond; } rgsegs[2] = {
        { pi->rgseg, pi->cseg, rgbSegs, REC_MSO_KEY_FLD_IDS, false },
        { pi->rgsegConditional, pi->csegConditional, rgbCond, REC_MSO_CONDITIONAL_COLUMNS, true },
    };
    for (unsigned k = 0; k < 2; k++) {
        for (uint32_t i = 0; i < rgsegs[k].c; i++) {
            const struct rec_idxseg *pseg = &rgsegs[k].rg[i];
            if (fExtended) {
                rgsegs[k].pb[4 * i] = pseg->fFlags;
                rgsegs[k].pb[4 * i + 1] = 0;
                put_le16(rgsegs[k].pb + 4 * i + 2, pseg->fid);
            } else {
                bool fNeg = pseg->fFlags & (rgsegs[k].fCond ? REC_IDXSEG_MUST_BE_NULL : REC_IDXSEG_DESCENDING);
                put_le16(rgsegs[k].pb + 2 * i, (uint16_t)(fNeg ? -(int32_t)pseg->fid : pseg->fid));
            }
        }
        if (rgsegs[k].c)
            data_bytes(&d, rgsegs[k].i, rgsegs[k].pb, rgsegs[k].c * (fExtended ? 4 : 2));
    }
    if (pi->cbVarSegMac != pi->cbKeyMost) {
        put_le16(rgbVarSegMac, (uint16_t)pi->cbVarSegMac);
        data_bytes(&d, REC_MSO_VAR_SEG_MAC, rgbVarSegMac, 2);
    }
    if (pi->fTuples) {
        uint32_t cbT = pi->cbTupleLimits == 12 ? 12 : 20;
        for (uint32_t i = 0; i < cbT / 4; i++)
            put_le32(rgbTuple + 4 * i, pi->rgulTuple[i]);
        data_bytes(&d, REC_MSO_TUPLE_LIMITS, rgbTuple, cbT);
    }
    if (pi->fVersion) {
        put_le64(rgbVersion, pi->qwSortVersion);
        data_bytes(&d, REC_MSO_VERSION, rgbVersion, 8);
    }
    if (pi->fSortId)
        data_bytes(&d, REC_MSO_SORT_ID, pi->rgbSortId, 16);
    if (pi->cbKeyMost != REC_CB_KEY_MOST_OLD)
        data_u16(&d, REC_MSO_KEY_MOST, (uint16_t)pi->cbKeyMost);
    enum rec_mso iHighest = REC_MSO_KEY_MOST;
    if (pi->fPgnoFDPLastSetTime) {
        data_u64(&d, REC_MSO_PGNO_FDP_LAST_SET_TIME, pi->ftPgnoFDPLastSetTime);
        iHighest = REC_MSO_PGNO_FDP_LAST_SET_TIME;
    }
    while (d.rg[iHighest].cb == 0)
        iHighest = (enum rec_mso)(iHighest - 1);
    return cat_insert(&d, iHighest, cbPage, prb);
}

JET_ERR rec_cat_encode_lv(const struct rec_cat_lv *plv, uint32_t cbPage, struct rec_buf *prb)
{
    struct cat_data d;
    uint8_t rgbHints[1 + 7 * 4];
    data_common(&d, plv->objidTable, REC_SYSOBJ_LV, plv->objid, "LV");
    data_u32(&d, REC_MSO_COLTYP_OR_PGNO_FDP, plv->pgnoFDP);
    data_u32(&d, REC_MSO_SPACE_USAGE, plv->ulDensity);
    data_u32(&d, REC_MSO_FLAGS, plv->fFlags);
    data_u32(&d, REC_MSO_PAGES_OR_LOCALE, plv->cpgInitial);
    uint32_t cb = hints_encode(&plv->hints, HINTS_TREE, rgbHints);
    if (cb)
        data_bytes(&d, REC_MSO_SPACE_HINTS, rgbHints, cb);
    enum rec_mso iHighest = REC_MSO_PAGES_OR_LOCALE;
    if (plv->fPgnoFDPLastSetTime) {
        data_u64(&d, REC_MSO_PGNO_FDP_LAST_SET_TIME, plv->ftPgnoFDPLastSetTime);
        iHighest = REC_MSO_PGNO_FDP_LAST_SET_TIME;
    }
    return cat_insert(&d, iHighest, cbPage, prb);
}

JET_ERR rec_cat_encode_callback(const struct rec_cat_callback *pcb, uint32_t cbPage, struct rec_buf *prb)
{
    struct cat_data d;
    data_common(&d, pcb->objidTable, REC_SYSOBJ_CALLBACK, REC_SYSOBJ_CALLBACK, "CB");
    data_u32(&d, REC_MSO_COLTYP_OR_PGNO_FDP, 0);
    data_u32(&d, REC_MSO_SPACE_USAGE, 0);
    data_u32(&d, REC_MSO_FLAGS, pcb->cbtyp);
    data_u32(&d, REC_MSO_PAGES_OR_LOCALE, 0);
    if (pcb->szCallback[0])
        data_bytes(&d, REC_MSO_CALLBACK, pcb->szCallback, (uint32_t)strlen(pcb->szCallback));
    return cat_insert(&d, REC_MSO_PAGES_OR_LOCALE, cbPage, prb);
}

/* ================================================================== system tables ========= */

void rec_sys_mso_table(bool fShadow, uint32_t cbPage, struct rec_cat_table *pt)
{
    memset(pt, 0, sizeof *pt);
    pt->objid = fShadow ? REC_CAT_OBJID_MSO_SHADOW : REC_CAT_OBJID_MSO;
    pt->pgnoFDP = fShadow ? REC_CAT_PGNO_MSO_SHADOW : REC_CAT_PGNO_MSO;
    strcpy(pt->szName, fShadow ? "MSysObjectsShadow" : "MSysObjects");
    pt->fFlags = REC_CAT_TABLE_SYSTEM | REC_CAT_TABLE_FIXED_DDL;
    pt->ulDensity = 80;
    /* CpgCATShadowInitial: 6 pages at 2 KiB, 5 otherwise */
    pt->cpgInitial = fShadow ? (cbPage == 2048 ? 6u : 5u) : REC_CAT_CPG_MSO;
    pt->hints.ulInitialDensity = 80;
    pt->hints.cbInitial = pt->cpgInitial * cbPage;
}

void rec_sys_mso_column(uint32_t objidTable, enum rec_mso imso, struct rec_cat_column *pc)
{
    const struct rec_mso_column_def *pd = &rec_mso_columns[imso];
    memset(pc, 0, sizeof *pc);
    pc->objidTable = objidTable;
    pc->fid = pd->fid;
    strcpy(pc->szName, pd->szName);
    pc->coltyp = pd->coltyp;
    /* UlCATColumnSize(coltyp, 0): fixed sizes, 255 for Text/Binary, 0 for long values */
    pc->cbMax = rec_coltyp_is_long(pd->coltyp) ? 0 : rec_coltyp_fixed_size(pd->coltyp, JET_cbColumnMost);
    pc->fFlags = pd->fNotNull ? REC_FIELD_NOT_NULL : 0;
    pc->cp = REC_CP_ANSI;   /* placeholders: every column row says 1252 */
    pc->fRecordOffset = rec_fid_is_fixed(pd->fid);
    pc->ibRecordOffset = REC_IB_FIXED_FIRST;    /* ESE fixes offsets up when it opens the catalog */
}

void rec_sys_mso_index(uint32_t objidTable, unsigned iidx, struct rec_cat_index *pi)
{
    static const char *const rgszName[3] = { "Id", "Name", "RootObjects" };
    static const uint16_t rgfidb[3] = {
        REC_IDB_PRIMARY | REC_IDB_UNIQUE | REC_IDB_NO_NULL_SEG,         /* Primary|DisallowNull */
        REC_IDB_UNIQUE | REC_IDB_NO_NULL_SEG,                           /* Unique|DisallowNull */
        REC_IDB_UNIQUE | REC_IDB_ALLOW_SOME_NULLS,                      /* Unique|IgnoreFirstNull */
    };
    static const uint16_t rgrgfid[3][3] = { { 1, 2, 3 }, { 1, 2, 128 }, { 8, 128, 0 } };
    memset(pi, 0, sizeof *pi);
    pi->objidTable = objidTable;
    strcpy(pi->szName, rgszName[iidx]);
    if (iidx == 0) {
        pi->objid = objidTable;
        pi->pgnoFDP = objidTable == REC_CAT_OBJID_MSO_SHADOW ? REC_CAT_PGNO_MSO_SHADOW : REC_CAT_PGNO_MSO;
    } else {
        pi->objid = iidx == 1 ? REC_CAT_OBJID_NAME_INDEX : REC_CAT_OBJID_ROOT_INDEX;
        pi->pgnoFDP = iidx == 1 ? REC_CAT_PGNO_NAME_INDEX : REC_CAT_PGNO_ROOT_INDEX;
    }
    pi->ulDensity = 80;
    pi->hints.ulInitialDensity = 80;
    pi->fidb = rgfidb[iidx];
    pi->fidx = REC_IDX_EXTENDED_COLUMNS;
    pi->fLCMapFlags = true;
    pi->dwLCMapFlags = REC_LCMAP_FLAGS_DEFAULT;
    pi->cbKeyMost = REC_CB_KEY_MOST_OLD;
    pi->cbVarSegMac = REC_CB_KEY_MOST_OLD;
    static const ESENT_WCHAR wszEnUs[] = { 'e', 'n', '-', 'U', 'S', 0 };   /* wszLocaleNameDefault */
    memcpy(pi->wszLocaleName, wszEnUs, sizeof wszEnUs);
    pi->fLocaleName = true;
    pi->cseg = iidx == 2 ? 2 : 3;
    for (uint32_t i = 0; i < pi->cseg; i++)
        pi->rgseg[i].fid = rgrgfid[iidx][i];
}

#define SYS_INDEX(name, fidbv, dens, fid0, locale) {                                       \
        .objidTable = 0, .objid = 0, .pgnoFDP = 0, .szName = name, .ulDensity = dens,       \
        .fidb = fidbv, .fidx = REC_IDX_EXTENDED_COLUMNS, .lcid = 0,                         \
        .dwLCMapFlags = REC_LCMAP_FLAGS_DEFAULT, .fLCMapFlags = true,                       \
        .cbKeyMost = REC_CB_KEY_MOST_OLD, .cbVarSegMac = REC_CB_KEY_MOST_OLD,               \
        .rgseg = { { fid0, 0 } }, .cseg = 1,                                                \
        .wszLocaleName = { 'e', 'n', '-', 'U', 'S', 0 }, .fLocaleName = locale,             \
        .hints = { .ulInitialDensity = dens } }

static const struct rec_cat_column g_rgcolObjids[3] = {
    { .fid = 256, .szName = "objid", .coltyp = JET_coltypLong, .cbMax = 4 },
    { .fid = 257, .szName = "objidTable", .coltyp = JET_coltypLong, .cbMax = 4 },
    { .fid = 258, .szName = "type", .coltyp = JET_coltypShort, .cbMax = 2 },
};
static const struct rec_cat_index g_rgidxObjids[1] = {
    /* Primary, created without DisallowNull/IgnoreNull: unique|allow all/first/some nulls|primary */
    SYS_INDEX("primary", REC_IDB_PRIMARY | REC_IDB_UNIQUE | REC_IDB_ALLOW_ALL_NULLS | REC_IDB_ALLOW_FIRST_NULL
              | REC_IDB_ALLOW_SOME_NULLS, 100, 256, true),
};
const struct rec_sys_table_def rec_sys_msysobjids = {
    .table = { .szName = "MSysObjids", .fFlags = REC_CAT_TABLE_SYSTEM | REC_CAT_TABLE_FIXED_DDL | REC_CAT_TABLE_DYNAMIC,
               .ulDensity = 100, .cpgInitial = 0, .hints = { .ulInitialDensity = 100 } },
    .rgcol = g_rgcolObjids, .ccol = 3, .rgidx = g_rgidxObjids, .cidx = 1,
};

static const uint8_t g_rgbZero4[4] = { 0, 0, 0, 0 };
static const struct rec_cat_column g_rgcolLocales[3] = {
    { .fid = 1, .szName = "Type", .coltyp = JET_coltypUnsignedByte, .cbMax = 1, .fFlags = REC_FIELD_NOT_NULL,
      .fRecordOffset = true, .ibRecordOffset = 4 },
    { .fid = 2, .szName = "iValue", .coltyp = JET_coltypLong, .cbMax = 4,
      .fFlags = REC_FIELD_DEFAULT | REC_FIELD_ESCROW_UPDATE, .fRecordOffset = true, .ibRecordOffset = 5,
      .pbDefault = g_rgbZero4, .cbDefault = 4 },
    { .fid = 128, .szName = "Key", .coltyp = JET_coltypBinary, .cbMax = 255 },
};
static const struct rec_cat_index g_rgidxLocales[1] = {
    SYS_INDEX("KeyPrimary", REC_IDB_PRIMARY | REC_IDB_UNIQUE | REC_IDB_ALLOW_ALL_NULLS | REC_IDB_ALLOW_FIRST_NULL
              | REC_IDB_ALLOW_SOME_NULLS | REC_IDB_DISALLOW_TRUNCATION, 92, 128, true),
};
const struct rec_sys_table_def rec_sys_msyslocales = {
    .table = { .szName = "MSysLocales", .fFlags = REC_CAT_TABLE_SYSTEM | REC_CAT_TABLE_DYNAMIC,
               .ulDensity = 92, .cpgInitial = 0, .hints = { .ulInitialDensity = 92 } },
    .rgcol = g_rgcolLocales, .ccol = 3, .rgidx = g_rgidxLocales, .cidx = 1,
};

/* The records of MSysObjids and MSysLocales: their tables' schemas (fids from the definitions
 * above, fixed offsets in fid order) and the rows ErrCATInsertMSObjidsRecord and the KVP store
 * insert. */
static void sys_schema(const struct rec_sys_table_def *pdef, uint32_t cbPage, struct rec_column *rgcol,
        struct rec_schema *ps)
{
    memset(ps, 0, sizeof *ps);
    for (uint32_t i = 0; i < pdef->ccol; i++)
        rec_cat_column_to_rec(&pdef->rgcol[i], false, &rgcol[i]);
    ps->cbPage = cbPage;
    ps->rgcol = rgcol;
    ps->ccol = pdef->ccol;
    ps->cbKeyMostPrimary = REC_CB_KEY_MOST_OLD;
}

JET_ERR rec_sys_objids_row(uint32_t objid, uint32_t objidTable, uint16_t type, uint32_t cbPage, struct rec_buf *prb)
{
    JET_ERR err;
    struct rec_column rgcol[3];
    struct rec_schema s;
    uint8_t rgb[10];
    sys_schema(&rec_sys_msysobjids, cbPage, rgcol, &s);
    put_le32(rgb, objid);
    put_le32(rgb + 4, objidTable);
    put_le16(rgb + 8, type);
    const struct rec_value rgv[3] = { { rgb, 4, 0 }, { rgb + 4, 4, 0 }, { rgb + 8, 2, 0 } };
    rec_init_minimum(prb);      /* a system table: no default record */
    for (uint32_t i = 0; i < 3; i++)
        CALL_R(rec_set_column(prb, &s, &rgcol[i], 1, &rgv[i], 0));
    return JET_errSuccess;
}

JET_ERR rec_sys_locales_row(const ESENT_WCHAR *wszKey, uint8_t type, int32_t iValue, uint32_t cbPage,
        struct rec_buf *prb)
{
    JET_ERR err;
    struct rec_column rgcol[3];
    struct rec_schema s;
    struct rec_value rgdef[3];
    uint8_t rgbKey[JET_cbColumnMost], rgbValue[4];
    uint32_t cch = 0;
    while (wszKey[cch])
        cch++;
    if (2 * (cch + 1) > sizeof rgbKey)
        return ERR_TRAP(JET_errInvalidParameter);
    for (uint32_t i = 0; i <= cch; i++)
        put_le16(rgbKey + 2 * i, wszKey[i]);
    put_le32(rgbValue, (uint32_t)iValue);
    sys_schema(&rec_sys_msyslocales, cbPage, rgcol, &s);
    /* MSysLocales is created like a user table: it has a default record (iValue = 0) */
    for (uint32_t i = 0; i < 3; i++) {
        rgdef[i].pb = rec_sys_msyslocales.rgcol[i].pbDefault;
        rgdef[i].cb = rec_sys_msyslocales.rgcol[i].cbDefault;
        rgdef[i].fFlags = 0;
    }
    uint8_t *pbDefault;
    uint32_t cbDefault;
    CALL_R(rec_build_default_record(&s, rgdef, NULL, 0, &pbDefault, &cbDefault));
    s.pbDefaultRecord = pbDefault;
    s.cbDefaultRecord = cbDefault;
    const struct rec_value vType = { &type, 1, 0 }, vValue = { rgbValue, 4, 0 }, vKey = { rgbKey, 2 * (cch + 1), 0 };
    CALL(rec_init_insert(prb, &s));
    CALL(rec_set_column(prb, &s, &rgcol[2], 1, &vKey, 0));      /* Key (fid 128) */
    CALL(rec_set_column(prb, &s, &rgcol[0], 1, &vType, 0));     /* Type (fid 1) */
    CALL(rec_set_column(prb, &s, &rgcol[1], 1, &vValue, 0));    /* iValue (fid 2) */
out:
    mem_free(pbDefault);
    return err < 0 ? err : JET_errSuccess;
}
