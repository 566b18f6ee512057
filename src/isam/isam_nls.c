/* SPDX-License-Identifier: MIT
 * isam/isam_nls.c: indexes over Unicode text whose sort has changed since they were built (ESE's
 * ErrDBUpgradeForLocalisation, ErrCATIDeleteOrUpdateLocalizedIndexesInTable and
 * ErrFILEICheckLocalizedIndexesInTable). Layer: isam (uses catalog, btree, os).
 *
 * An index over Unicode text holds sort keys LCMapStringEx made with the sort its catalog row
 * records (locale, NLS version, sort GUID). When the system's sort for that locale is another one,
 * the keys made now differ from the index's and a seek would silently miss. ESE finds such
 * indexes when a database is attached writable (JET_paramEnableIndexChecking JET_IndexCheckingOn,
 * or JET_paramEnableIndexCleanup) or, with JET_IndexCheckingDeferToOpenTable, when a table is
 * opened, and then:
 *   - an empty index is brought up to date: its catalog row gets the current sort;
 *   - a non-empty primary index fails the call with JET_errPrimaryIndexCorrupted;
 *   - a non-empty secondary index is deleted when JetAttachDatabase had
 *     JET_bitDbDeleteCorruptIndexes (the attach then returns JET_wrnCorruptIndexDeleted and the
 *     application recreates it), and otherwise fails the call with JET_errSecondaryIndexCorrupted;
 *   - JET_bitDbDeleteUnicodeIndexes deletes every Unicode secondary index, up to date or not.
 * A read-only attach checks nothing; a read-only JetOpenTable reports out-of-date indexes as
 * JET_wrnPrimaryIndexOutOfDate / JET_wrnSecondaryIndexOutOfDate and opens the table.
 * Deviations: ESE first compares MSysLocales' list of locales and walks the catalog only when one
 * is out of date; we walk the catalog's index rows every time (the answer is the same; MSysLocales
 * may be missing or stale in older databases). MSysLocales is not rebuilt afterwards (its counts
 * are of uses ever made, as ESE keeps them between rebuilds). A derived table's inherited indexes
 * are judged with their template table. JET_bitTableAllowOutOfDate does not admit out-of-date
 * indexes: ESE keys them with the old sort (NLSVERSIONINFO), which we do not pass to
 * LCMapStringEx, so they would miss. */
#include "isam_wint.h"
#include "isam_param.h"
#include "debug.h"

DEBUG_CHANNEL(isam);

enum {
    NLS_READ_ONLY         = 1u << 0,    /* report, change nothing */
    NLS_UPDATE_EMPTY      = 1u << 1,    /* bring empty out-of-date indexes up to date */
    NLS_DELETE_OUT_OF_DATE = 1u << 2,   /* delete out-of-date secondary indexes */
    NLS_FORCE_DELETE      = 1u << 3,    /* delete every Unicode secondary index */
};

struct nls_result {
    bool fUpdated, fDeleted;
};

static bool index_localized(const struct rec_cat_index *pi)
{
    return (pi->fidb & REC_IDB_LOCALIZED_TEXT) && !(pi->fidb & REC_IDB_DERIVED_INDEX);
}

static JET_ERR index_sort_state(const struct rec_cat_index *pi, enum os_sort_state *pst)
{
    ESENT_WCHAR wszName[86];
    memcpy(wszName, pi->wszLocaleName, sizeof wszName);
    wszName[85] = 0;
    const struct os_sort_locale loc = { wszName, pi->lcid, pi->fSortId ? pi->rgbSortId : NULL,
                                        pi->fVersion ? (uint32_t)(pi->qwSortVersion >> 32) : 0 };
    return os_sort_state(&loc, (uint32_t)pi->qwSortVersion, pst);
}

/* Whether the index's tree holds no entry (ESE looks at its root's node count). */
static JET_ERR index_empty(struct isam_db *db, const struct catalog_table *pt, const struct rec_cat_index *pi,
        bool *pfEmpty)
{
    JET_ERR err;
    struct bt_cursor *c;
    const bool fPrimary = pi->objid == pt->table.objid;
    const struct bt_tree_desc d = { fPrimary ? pt->table.pgnoFDP : pi->pgnoFDP, pi->objid, fPrimary ? BT_TYPE_PRIMARY : BT_TYPE_INDEX,
                                    !fPrimary && !(pi->fidb & REC_IDB_UNIQUE),
                                    fPrimary ? MAX(pi->cbKeyMost, (uint32_t)REC_CB_KEY_MOST_OLD) : MAX(pi->cbKeyMost, 255u) };
    CALL_R(bt_open(db->btdb, &d, &c));
    err = bt_move_first(c, 0);
    bt_close(c);
    if (err == JET_errNoCurrentRecord) {
        *pfEmpty = true;
        return JET_errSuccess;
    }
    CALL_R(err);
    *pfEmpty = false;
    return JET_errSuccess;
}

/* The catalog row of an empty index gets the sort the system has now (ESE's
 * ErrCATIUpgradeLocaleForTableIndex). */
static JET_ERR index_upgrade(struct isam_session *sess, struct catw *pw, const struct rec_cat_index *pi)
{
    JET_ERR err;
    struct rec_cat_index ci = *pi;
    uint32_t dwNls, dwDef;
    const struct os_sort_locale loc = { ci.wszLocaleName, ci.lcid, NULL, 0 };
    CALL_R(os_sort_version(&loc, &dwNls, &dwDef, ci.rgbSortId));
    ci.fVersion = true;
    ci.qwSortVersion = ((uint64_t)dwNls << 32) | dwDef;
    ci.fSortId = true;
    uint8_t *pb = mem_alloc(pw->cbPage);
    if (!pb) return ERR_TRAP(JET_errOutOfMemory);
    struct rec_buf rb = { pb, 0, pw->cbPage };
    CALL(isam_wtrx_begin(sess));
    err = rec_cat_encode_index(&ci, pw->cbPage, &rb);
    if (err >= 0) err = catw_replace_row(pw, ci.objidTable, REC_SYSOBJ_INDEX, ci.objid, &rb);
    if (err >= 0) err = isam_ddl_locale_count(pw, &ci);
    err = isam_wtrx_end(sess, err);
out:
    mem_free(pb);
    return err;
}

static JET_ERR index_delete(struct isam_session *sess, JET_DBID dbid, const struct catalog_table *pt,
        const struct rec_cat_index *pi)
{
    /* ESE lifts FixedDDL for this (the table stays open for DDL). */
    const struct isam_ddl_table tab = { dbid, pt->table.objid, false, true };
    return isam_ddl_delete_index(sess, &tab, pi->szName);
}

/* One table's Unicode indexes (ESE's ErrCATIDeleteOrUpdateLocalizedIndexesInTable). The first
 * index found unusable ends the walk with its error. */
static JET_ERR check_table(struct isam_session *sess, struct isam_db *db, JET_DBID dbid, struct catw *pw,
        const struct catalog_table *pt, unsigned flags, struct nls_result *pr)
{
    JET_ERR err = JET_errSuccess;
    for (uint32_t i = 0; i < pt->cidx; i++) {
        const struct rec_cat_index *pi = &pt->rgidx[i];
        if (!index_localized(pi))
            continue;
        const bool fPrimary = pi->objid == pt->table.objid;
        enum os_sort_state st = OS_SORT_CURRENT;
        if (!(flags & NLS_FORCE_DELETE))
            CALL_R(index_sort_state(pi, &st));
        if (!(flags & NLS_FORCE_DELETE) && st == OS_SORT_CURRENT)
            continue;
        if ((flags & NLS_FORCE_DELETE) && !fPrimary) {
            CALL_R(index_delete(sess, dbid, pt, pi));
            pr->fDeleted = true;
            continue;
        }
        bool fEmpty;
        CALL_R(index_empty(db, pt, pi, &fEmpty));
        WARN("table %s, index %s: built with sort %#llx of locale %s, which the system no longer sorts with%s\n",
             pt->table.szName, pi->szName, (unsigned long long)pi->qwSortVersion, debugstr_w(pi->wszLocaleName),
             fEmpty ? " (empty)" : "");
        if (fEmpty) {
            if (flags & (NLS_READ_ONLY | NLS_FORCE_DELETE) || !(flags & NLS_UPDATE_EMPTY))
                continue;
            CALL_R(index_upgrade(sess, pw, pi));
            pr->fUpdated = true;
        } else if (fPrimary) {
            return ERR_TRAP(JET_errPrimaryIndexCorrupted);
        } else if ((flags & NLS_READ_ONLY) || !(flags & NLS_DELETE_OUT_OF_DATE)) {
            return ERR_TRAP(JET_errSecondaryIndexCorrupted);
        } else {
            CALL_R(index_delete(sess, dbid, pt, pi));
            pr->fDeleted = true;
        }
    }
    return err;
}

struct table_names {
    char (*rgsz)[JET_cbNameMost + 1];
    uint32_t c, cMax;
};
static JET_ERR collect_name(void *pv, const struct rec_cat_table *pt)
{
    struct table_names *pn = pv;
    if (pn->c == pn->cMax) {
        uint32_t cNew = pn->cMax ? pn->cMax * 2 : 32;
        void *rg = mem_realloc(pn->rgsz, (size_t)cNew * sizeof *pn->rgsz);
        if (!rg) return ERR_TRAP(JET_errOutOfMemory);
        pn->rgsz = rg;
        pn->cMax = cNew;
    }
    memcpy(pn->rgsz[pn->c++], pt->szName, sizeof *pn->rgsz);
    return JET_errSuccess;
}

/* Every table of an open database (the names first: the walk changes the catalog). */
static JET_ERR check_database(struct isam_session *sess, JET_DBID dbid, unsigned flags, struct nls_result *pr)
{
    JET_ERR err;
    struct isam_db *db;
    struct catw w;
    struct table_names names = { NULL, 0, 0 };
    CALL_R(isam_ddl_db(sess, dbid, &db));
    CALL_R(catw_open(sess, db, &w));
    CALL(catalog_enum_tables(w.cat, collect_name, &names));
    for (uint32_t i = 0; i < names.c; i++) {
        struct catalog_table *pt;
        err = catalog_load_table(w.cat, names.rgsz[i], &pt);
        if (err == JET_errObjectNotFound) continue;     /* went with a template's derived table? */
        CALL(err);
        err = check_table(sess, db, dbid, &w, pt, flags, pr);
        catalog_table_free(pt);
        CALL(err);
    }
out:
    catw_close(&w);
    mem_free(names.rgsz);
    return err;
}

JET_ERR isam_nls_check_attach(struct isam_session *sess, const ESENT_WCHAR *wszPath, JET_GRBIT grbit)
{
    JET_ERR err;
    const struct param_store *ps = &sess->inst->params;
    const bool fReadOnly = (grbit & JET_bitDbReadOnly) != 0;
    const bool fEnabled = (!fReadOnly && param_bool(ps, JET_paramEnableIndexCleanup))
                          || param_num(ps, JET_paramEnableIndexChecking) == JET_IndexCheckingOn;
    unsigned flags;
    if (grbit & JET_bitDbDeleteUnicodeIndexes)
        flags = NLS_FORCE_DELETE;
    else if (fEnabled && !fReadOnly)
        flags = NLS_UPDATE_EMPTY | ((grbit & JET_bitDbDeleteCorruptIndexes) ? NLS_DELETE_OUT_OF_DATE : 0);
    else
        return JET_errSuccess;
    JET_DBID dbid;
    struct nls_result r = { false, false };
    CALL_R(isam_db_open(sess, wszPath, 0, &dbid));
    err = check_database(sess, dbid, flags, &r);
    const JET_ERR errClose = isam_db_close(sess, dbid, 0);
    if (err >= 0) err = errClose;
    CALL_R(err);
    if (r.fDeleted && !(flags & NLS_FORCE_DELETE)) return JET_wrnCorruptIndexDeleted;
    return JET_errSuccess;
}

JET_ERR isam_nls_check_open(struct isam_session *sess, JET_DBID dbid, const char *szTable, JET_GRBIT grbit)
{
    JET_ERR err;
    if (param_num(&sess->inst->params, JET_paramEnableIndexChecking) != JET_IndexCheckingDeferToOpenTable)
        return JET_errSuccess;
    struct isam_db *db = isam_db_get(sess->inst, dbid);
    if (!db) return ERR_TRAP(JET_errInvalidDatabaseId);
    const bool fReadOnly = (grbit & JET_bitTableReadOnly) || db->fReadOnly;
    struct catalog *cat;
    struct catalog_table *pt = NULL;
    struct nls_result r = { false, false };
    CALL_R(catalog_open(db->btdb, &cat));
    err = catalog_load_table(cat, szTable, &pt);
    if (err == JET_errObjectNotFound) err = JET_errSuccess;    /* the open itself says so */
    else if (err >= 0) err = check_table(sess, db, dbid, NULL, pt, NLS_READ_ONLY, &r);
    catalog_table_free(pt);
    catalog_close(cat);
    /* A read-only open is let through, with word of what it must not trust. */
    if (fReadOnly && err == JET_errPrimaryIndexCorrupted) return JET_wrnPrimaryIndexOutOfDate;
    if (fReadOnly && err == JET_errSecondaryIndexCorrupted) return JET_wrnSecondaryIndexOutOfDate;
    return err;
}
