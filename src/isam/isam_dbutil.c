/* SPDX-License-Identifier: MIT
 * isam/isam_dbutil.c: the integrity check of JetDBUtilities (opDBUTILEDBRepair with
 * JET_bitDBUtilOptionDontRepair, what esentutl /g runs), and the attach every utility shares.
 * Layer: isam. The space and metadata dumps are in isam_dbutil_space.c.
 *
 * The check follows ESE's ErrDBUTLRepair: the header first (a database that was not shut down
 * cleanly is reported, and the check goes on: the verdict is "corrupted" then, as in ESE, since
 * its logs were never replayed), the attach without recovery, the file size, then every tree
 * with its space and the catalog through catalog_check_database. What ESE writes where is kept:
 * the console gets the opening line, the progress (JET_snpRepair through the caller's
 * JET_PFNSTATUS, in pages) and the verdict; the report file <prefix>.INTEG.RAW gets every step
 * and every finding, grouped as ESE groups them (the database root, the system tables, then each
 * table with its indexes), each naming its page and tree. Our checker walks the whole database
 * in one pass, so the findings are collected and written once the pass is over. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "isam_dbutil.h"
#include "isam_db.h"
#include "catalog.h"
#include "debug.h"
#include "utf.h"

DEBUG_CHANNEL(isam);

#ifndef ESENT_PRODUCT_VERSION
#define ESENT_PRODUCT_VERSION "0.0.0"
#endif

/* Findings kept for the report; past this, they are counted only. */
#define INTEG_FINDINGS_MAX 100000u

/* ---- the attach every utility shares ------------------------------------------------------ */

JET_ERR isam_dbutil_attach(struct isam_session *sess, const ESENT_WCHAR *wszDatabase, bool fDirtyOk,
        struct isam_db **ppdb)
{
    JET_ERR err;
    struct isam_instance *inst = sess->inst;
    struct os_vfs *vfs = isam_vfs(inst);
    ESENT_WCHAR *wszFull = NULL;
    uint32_t dbid = 0;

    *ppdb = NULL;
    if (sess->trx_level > 0) return ERR_TRAP(JET_errInTransaction);
    if (!wszDatabase || !wszDatabase[0]) return ERR_TRAP(JET_errDatabaseInvalidName);
    err = vfs->ops->full_path(vfs, wszDatabase, &wszFull);
    if (err == JET_errInvalidPath) err = ERR_TRAP(JET_errDatabaseInvalidPath);
    CALL_R(err);
    os_mutex_lock(&inst->db_lock);
    for (uint32_t i = 1; i < ISAM_DB_SLOTS; i++) {
        if (inst->dbs[i] && wstr_icmp_ascii(inst->dbs[i]->wszPath, wszFull) == 0)
            FAIL(JET_errDatabaseInUse);
        if (!inst->dbs[i] && !dbid)
            dbid = i;
    }
    if (!dbid) FAIL(JET_errTooManyAttachedDatabases);
    CALL(isam_db_open_file(inst, dbid, wszFull, JET_bitDbReadOnly | JET_bitDbRecoveryOff, fDirtyOk, ppdb));
    __atomic_store_n(&inst->dbs[dbid], *ppdb, __ATOMIC_RELEASE);
    TRACE("%s attached for a utility as dbid %u", debugstr_w(wszFull), dbid);
out:
    os_mutex_unlock(&inst->db_lock);
    mem_free(wszFull);
    return err;
}

void isam_dbutil_detach(struct isam_db *db)
{
    if (!db) return;
    struct isam_instance *inst = db->inst;
    os_mutex_lock(&inst->db_lock);
    /* Read-only: nothing to flush, nothing written. */
    JET_ERR err = isam_db_close_file(db, false);
    os_mutex_unlock(&inst->db_lock);
    (void)err;
}

/* ---- output ---------------------------------------------------------------------------------- */

struct finding {
    enum bt_check_severity severity;
    JET_ERR err;
    uint32_t pgno, pgnoFDP;
    char *szWhat;
    bool fWritten;
};

struct integ {
    const struct isam_integrity_args *pa;
    struct isam_session *sess;
    struct isam_instance *inst;
    bool fVerdict;                  /* the verdict was printed */
    bool fConsole;
    struct os_file *fRaw;           /* the report; NULL when it could not be created */
    uint64_t ibRaw;
    char szDb[1024];                /* the database as given, for messages */
    struct finding *rgf;
    uint32_t cf, cfMax, cfDropped;
    JET_SNPROG snprog;
    uint32_t tid;
};

static void con(struct integ *pi, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void con(struct integ *pi, const char *fmt, ...)
{
    if (!pi->fConsole) return;
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
}

static void raw(struct integ *pi, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void raw(struct integ *pi, const char *fmt, ...)
{
    char sz[1536];
    if (!pi->fRaw) return;
    va_list ap;
    va_start(ap, fmt);
    int cch = vsnprintf(sz, sizeof sz, fmt, ap);
    va_end(ap);
    if (cch < 0) return;
    size_t cb = MIN((size_t)cch, sizeof sz - 1);
    if (os_file_write(pi->fRaw, pi->ibRaw, sz, cb) < 0) {
        /* A report that cannot be written is not worth failing the check for. */
        WARN("cannot write the integrity report; it stops here");
        os_file_close(pi->fRaw);
        pi->fRaw = NULL;
        return;
    }
    pi->ibRaw += cb;
}

static void wsz_to_console(const ESENT_WCHAR *wsz, char *sz, size_t cb)
{
    if (os_utf16_to_acp(wsz, sz, cb, NULL) < 0)
        snprintf(sz, cb, "%s", debugstr_w(wsz));
}

static void on_problem(void *pv, const struct bt_check_problem *pp)
{
    struct integ *pi = pv;
    if (pi->cf == pi->cfMax) {
        uint32_t cNew = pi->cfMax ? 2 * pi->cfMax : 64;
        struct finding *rg = cNew <= INTEG_FINDINGS_MAX ? mem_realloc(pi->rgf, cNew * sizeof *rg) : NULL;
        if (!rg) {
            pi->cfDropped++;
            return;
        }
        pi->rgf = rg;
        pi->cfMax = cNew;
    }
    struct finding *pf = &pi->rgf[pi->cf];
    pf->szWhat = mem_alloc(strlen(pp->szWhat) + 1);
    if (!pf->szWhat) {
        pi->cfDropped++;
        return;
    }
    strcpy(pf->szWhat, pp->szWhat);
    pf->severity = pp->severity;
    pf->err = pp->err;
    pf->pgno = pp->pgno;
    pf->pgnoFDP = pp->pgnoFDP;
    pf->fWritten = false;
    pi->cf++;
}

static void on_progress(void *pv, uint32_t cpgDone, uint32_t cpgTotal)
{
    struct integ *pi = pv;
    if (!pi->pa->pfnStatus) return;
    pi->snprog.cunitTotal = cpgTotal;
    pi->snprog.cunitDone = MIN(cpgDone, cpgTotal);
    JET_ERR errIgnored = pi->pa->pfnStatus(pi->pa->sesid, JET_snpRepair, JET_sntProgress, &pi->snprog);
    (void)errIgnored;   /* ESE does not let the callback stop a check either */
}

static void status(struct integ *pi, JET_SNT snt)
{
    if (!pi->pa->pfnStatus) return;
    JET_ERR errIgnored = pi->pa->pfnStatus(pi->pa->sesid, JET_snpRepair, snt, NULL);
    (void)errIgnored;
}

/* One finding, as ESE's report prints them: "ERROR: " or "WARNING: " first. */
static void write_finding(struct integ *pi, const char *szPrefix, struct finding *pf)
{
    char szErr[32] = "";
    if (pf->err < 0) snprintf(szErr, sizeof szErr, " (error %ld)", (long)pf->err);
    if (pf->pgno)
        raw(pi, "%s%s: page %u of the tree at page %u: %s%s\n", szPrefix,
            pf->severity == BT_CHECK_ERROR ? "ERROR" : "WARNING", pf->pgno, pf->pgnoFDP, pf->szWhat, szErr);
    else
        raw(pi, "%s%s: tree at page %u: %s%s\n", szPrefix, pf->severity == BT_CHECK_ERROR ? "ERROR" : "WARNING",
            pf->pgnoFDP, pf->szWhat, szErr);
    pf->fWritten = true;
}

/* Write (once) every finding about a tree whose FDP is pgnoFDP; returns the first error seen. */
static JET_ERR write_findings_of(struct integ *pi, const char *szPrefix, uint32_t pgnoFDP)
{
    JET_ERR errFirst = JET_errSuccess;
    for (uint32_t i = 0; i < pi->cf; i++) {
        struct finding *pf = &pi->rgf[i];
        if (pf->fWritten || pf->pgnoFDP != pgnoFDP) continue;
        write_finding(pi, szPrefix, pf);
        if (pf->severity == BT_CHECK_ERROR && errFirst >= 0) errFirst = pf->err;
    }
    return errFirst;
}

static const char *state_name(uint32_t dbstate)
{
    switch (dbstate) {
    case PAGE_DBSTATE_JUST_CREATED: return "Just Created";
    case PAGE_DBSTATE_DIRTY_SHUTDOWN: return "Dirty Shutdown";
    case PAGE_DBSTATE_CLEAN_SHUTDOWN: return "Clean Shutdown";
    case PAGE_DBSTATE_BEING_CONVERTED: return "Being Converted";
    case PAGE_DBSTATE_FORCE_DETACH: return "Force Detach Replay Error";
    case PAGE_DBSTATE_INC_RESEED: return "Incremental Reseed In Progress";
    case PAGE_DBSTATE_DIRTY_AND_PATCHED: return "Dirty And Patched Shutdown";
    case PAGE_DBSTATE_REVERT_IN_PROGRESS: return "Revert In Progress";
    default: return "unknown";
    }
}

/* ---- the report's sections -------------------------------------------------------------------- */

static int cmp_fdp_table(const void *a, const void *b)
{
    const struct catalog_fdp *x = a, *y = b;
    if (x->objidTable != y->objidTable) return x->objidTable < y->objidTable ? -1 : 1;
    /* the table's own row first, then its LV tree, then indexes by objid */
    if (x->sysobj != y->sysobj) return x->sysobj == REC_SYSOBJ_TABLE ? -1 : y->sysobj == REC_SYSOBJ_TABLE ? 1
                                     : x->sysobj == REC_SYSOBJ_LV ? -1 : 1;
    return x->objid < y->objid ? -1 : x->objid > y->objid;
}

static bool is_system_catalog(const struct catalog_fdp *pf)
{
    return pf->objidTable == REC_CAT_OBJID_MSO || pf->objidTable == REC_CAT_OBJID_MSO_SHADOW;
}

/* The tables' sections: "Name:\t<thread>:\tchecking table ...", the findings of their trees. */
static JET_ERR write_tables(struct integ *pi, struct catalog_fdp *rg, uint32_t c)
{
    qsort(rg, c, sizeof *rg, cmp_fdp_table);
    for (uint32_t i = 0; i < c;) {
        uint32_t j = i;
        while (j < c && rg[j].objidTable == rg[i].objidTable) j++;
        const struct catalog_fdp *pt = &rg[i];
        if (pt->sysobj != REC_SYSOBJ_TABLE || is_system_catalog(pt)) {
            i = j;
            continue;
        }
        char szPrefix[JET_cbNameMost + 40];
        snprintf(szPrefix, sizeof szPrefix, "%s:\t%u:\t", pt->szName, pi->tid);
        raw(pi, "%schecking table \"%s\" (%u)\n", szPrefix, pt->szName, pt->objid);
        raw(pi, "%schecking data\n", szPrefix);
        JET_ERR errTable = write_findings_of(pi, szPrefix, pt->pgnoFDP);
        for (uint32_t k = i + 1; k < j; k++) {
            if (rg[k].sysobj == REC_SYSOBJ_LV)
                raw(pi, "%schecking long value tree (%u)\n", szPrefix, rg[k].objid);
            else
                raw(pi, "%schecking index \"%s\" (%u)\n", szPrefix, rg[k].szName, rg[k].objid);
            JET_ERR errTree = write_findings_of(pi, szPrefix, rg[k].pgnoFDP);
            if (errTable >= 0) errTable = errTree;
        }
        raw(pi, "%sintegrity-check of table \"%s\" (%u) finishes with error %ld (0x%lx)\n", szPrefix, pt->szName,
            pt->objid, (long)errTable, (unsigned long)(uint32_t)errTable);
        i = j;
    }
    return JET_errSuccess;
}

/* The database root and the system tables first, as ESE checks them, then every table. */
static void write_report(struct integ *pi, struct isam_db *db)
{
    struct catalog *cat = NULL;
    struct catalog_fdp *rg = NULL;
    uint32_t c = 0;

    raw(pi, "checking SystemRoot\n");
    raw(pi, "SystemRoot (OE)\n");
    raw(pi, "SystemRoot (AE)\n");
    (void)write_findings_of(pi, "", SPACE_PGNO_DB_ROOT);
    (void)write_findings_of(pi, "", 0);
    raw(pi, "checking system tables\n");
    if (catalog_open(db->btdb, &cat) >= 0 && catalog_list_fdps(cat, &rg, &c) >= 0) {
        for (uint32_t i = 0; i < c; i++) {
            if (!is_system_catalog(&rg[i])) continue;
            raw(pi, "%s %s\n", rg[i].szTable, rg[i].sysobj == REC_SYSOBJ_TABLE ? "" : rg[i].szName);
            (void)write_findings_of(pi, "", rg[i].pgnoFDP);
        }
        raw(pi, "checking logical consistency of system tables\n");
        (void)write_tables(pi, rg, c);
    } else {
        raw(pi, "the catalog cannot be read: the tables are not listed one by one\n");
    }
    /* What no table claims (a page of an unknown tree, the catalog's own consistency). */
    for (uint32_t i = 0; i < pi->cf; i++)
        if (!pi->rgf[i].fWritten) write_finding(pi, "", &pi->rgf[i]);
    if (pi->cfDropped) raw(pi, "ERROR: %u more findings were not kept (out of memory or too many)\n", pi->cfDropped);
    mem_free(rg);
    catalog_close(cat);
}

struct owned_max { uint32_t pgnoLast; };
static JET_ERR owned_max_fn(void *pv, const struct space_extent *pe)
{
    struct owned_max *p = pv;
    if (!pe->fDeleted && pe->cpg) p->pgnoLast = MAX(p->pgnoLast, pe->pgnoFirst + pe->cpg - 1);
    return JET_errSuccess;
}

/* ---- the check --------------------------------------------------------------------------------- */

/* ESE's ErrREPAIRCheckHeader. *pfNotClean: the database needs its logs. */
static JET_ERR check_header(struct integ *pi, struct db_header *phdr, bool *pfNotClean)
{
    JET_ERR err;
    uint32_t cbPage;
    uint64_t cbFile;

    *pfNotClean = false;
    raw(pi, "checking database header\n");
    err = isam_db_header_read(isam_vfs(pi->inst), pi->pa->wszDatabase, phdr, &cbPage, &cbFile);
    if (err == JET_errDatabaseCorrupted || err == JET_errReadVerifyFailure || err == JET_errInvalidDatabaseVersion) {
        raw(pi, "ERROR: unable to read database header\n");
        return ERR_TRAP(JET_errDatabaseCorrupted);
    }
    CALL_R(err);
    if (phdr->attrib != 0) {
        raw(pi, "ERROR: '%s' is not a database file (attrib is %ld, expected 0)\n", pi->szDb, (long)phdr->attrib);
        return ERR_TRAP(JET_errDatabaseCorrupted);
    }
    if (phdr->dbstate == PAGE_DBSTATE_CLEAN_SHUTDOWN) return JET_errSuccess;
    err = JET_errSuccess;
    const char *szState = state_name(phdr->dbstate);
    switch (phdr->dbstate) {
    case PAGE_DBSTATE_DIRTY_SHUTDOWN: case PAGE_DBSTATE_INC_RESEED: case PAGE_DBSTATE_DIRTY_AND_PATCHED:
    case PAGE_DBSTATE_REVERT_IN_PROGRESS:
        break;
    case PAGE_DBSTATE_JUST_CREATED: case PAGE_DBSTATE_BEING_CONVERTED:
        err = ERR_TRAP(JET_errDatabaseCorrupted);
        break;
    default:
        szState = "unknown";
        err = ERR_TRAP(JET_errDatabaseCorrupted);
        break;
    }
    raw(pi, "ERROR: database was not shutdown cleanly (%s)\n", szState);
    if (err >= 0) {
        con(pi, "\nThe database is not up-to-date. This operation may find that\n"
                "this database is corrupt because data from the log files has\n"
                "yet to be placed in the database.\n\n"
                "To ensure the database is up-to-date please use the 'Recovery' operation.\n\n");
    }
    *pfNotClean = true;
    return err;
}

static void print_logtime(struct integ *pi, const struct db_logtime *t, bool fConsole)
{
    char sz[64];
    snprintf(sz, sizeof sz, "%02u/%02u/%04u %02u:%02u:%02u.%03u %s", t->bMonth, t->bDay, 1900u + t->bYear, t->bHours,
             t->bMinutes, t->bSeconds, t->wMilliseconds, t->fUTC ? "UTC" : "LOC");
    if (fConsole) con(pi, "%s", sz);
    else raw(pi, "%s", sz);
}

/* ESE's INTEGRITYPrintEndErrorMessages. */
static void print_corrupted(struct integ *pi, const struct db_header *phdr)
{
    const struct db_logtime *t = &phdr->bkinfoFullPrev.logtimeMark;
    con(pi, "\nIntegrity check completed.  ");
    if (!t->bYear && !t->bMonth && !t->bDay && !t->bHours && !t->bMinutes && !t->bSeconds) {
        con(pi, "Database is CORRUPTED!\n");
        return;
    }
    raw(pi, "\nThe last full backup of this database was on ");
    print_logtime(pi, t, false);
    raw(pi, "\n");
    con(pi, "\nDatabase is CORRUPTED, the last full backup of this database was on ");
    print_logtime(pi, t, true);
    con(pi, "\n");
}

static JET_ERR run_check(struct integ *pi, struct db_header *phdr)
{
    JET_ERR err;
    struct isam_db *db = NULL;
    bool fNotClean = false, fCorrupt = false;
    uint64_t cbFile = 0;

    CALL(check_header(pi, phdr, &fNotClean));
    CALL(isam_dbutil_attach(pi->sess, pi->pa->wszDatabase, true, &db));
    CALL(os_file_size(db->file, &cbFile));
    if (cbFile % db->cbPage) {
        raw(pi, "ERROR: database file \"%s\" has the wrong size (%llu bytes, must be a multiple of %u bytes)\n", pi->szDb,
            (unsigned long long)cbFile, db->cbPage);
        raw(pi, "The database is the wrong size. Integrity check cannot continue\n");
        FAIL(JET_errDatabaseCorrupted);
    }
    raw(pi, "database file \"%s\" is %llu bytes\n", pi->szDb, (unsigned long long)cbFile);

    const uint32_t cpgFile = cache_file_cpg(db->cfile);
    pi->snprog.cbStruct = sizeof pi->snprog;
    pi->snprog.cunitTotal = cpgFile;
    pi->snprog.cunitDone = 0;
    status(pi, JET_sntBegin);
    const struct catalog_check_opts o = { (phdr->ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED) != 0, phdr->objidLast,
                                          phdr->qwSortVersion == CATALOG_QW_SORT_VERSION_LOCALES };
    struct catalog_check_stats st;
    err = catalog_check_database_ex(db->btdb, &o, on_problem, pi, &st, on_progress, pi);
    if (err == JET_errOutOfMemory) goto out;
    fCorrupt = err < 0;
    err = JET_errSuccess;
    status(pi, JET_sntComplete);
    write_report(pi, db);

    /* Pages of the file beyond the database root's owned space, or owned pages missing. */
    struct owned_max om = { 0 };
    if (space_enum_extents(&db->sdb, SPACE_PGNO_DB_ROOT, SPACE_EXT_OWNED, owned_max_fn, &om) >= 0 && om.pgnoLast) {
        if (cpgFile < om.pgnoLast) {
            raw(pi, "ERROR: Database file is too small (expected %u pages, file is %u pages)\n", om.pgnoLast, cpgFile);
            fCorrupt = true;
        } else if (cpgFile > om.pgnoLast) {
            raw(pi, "WARNING: Database file is too big (expected %u pages, file is %u pages)\n", om.pgnoLast, cpgFile);
        }
    }
    TRACE("integrity of %s: %u errors, %u warnings, %u pages read", pi->szDb, st.bt.cErrors, st.bt.cWarnings,
          st.bt.cpgVisited);
    if (fCorrupt || fNotClean) {
        raw(pi, "\nIntegrity check completed. Database is CORRUPTED!\n");
        print_corrupted(pi, phdr);
        pi->fVerdict = true;
        FAIL(JET_errDatabaseCorrupted);
    }
    pi->fVerdict = true;
    raw(pi, "\nIntegrity check successful.\n\n");
    con(pi, "\nIntegrity check successful.\n\n");
out:
    isam_dbutil_detach(db);
    return err;
}

JET_ERR isam_dbutil_integrity(struct isam_session *sess, const struct isam_integrity_args *pa)
{
    JET_ERR err;
    struct integ ig;
    ESENT_WCHAR *wszRaw = NULL;
    struct db_header hdr;
    const uint64_t msStart = os_time_ms();
    static const ESENT_WCHAR wszExt[] = { '.', 'I', 'N', 'T', 'E', 'G', '.', 'R', 'A', 'W', 0 };

    memset(&ig, 0, sizeof ig);
    memset(&hdr, 0, sizeof hdr);
    ig.pa = pa;
    ig.sess = sess;
    ig.inst = sess->inst;
    ig.fConsole = pa->fConsole;
    ig.tid = (uint32_t)os_thread_id();
    if (!pa->wszDatabase || !pa->wszDatabase[0]) return ERR_TRAP(JET_errDatabaseInvalidName);
    wsz_to_console(pa->wszDatabase, ig.szDb, sizeof ig.szDb);

    /* The report file: <prefix>.INTEG.RAW, the prefix being the database's file name without
     * folder and extension unless the caller names one (ESE's szIntegPrefix). */
    {
        const ESENT_WCHAR *wszPrefix = pa->wszIntegPrefix;
        size_t cchPrefix;
        if (wszPrefix && wszPrefix[0]) {
            cchPrefix = wstr_len(wszPrefix);
        } else {
            wszPrefix = isam_path_leaf(pa->wszDatabase);
            cchPrefix = wstr_len(wszPrefix);
            for (size_t i = cchPrefix; i-- > 0;)
                if (wszPrefix[i] == '.') {
                    cchPrefix = i;
                    break;
                }
        }
        if (cchPrefix + ARRAY_SIZE(wszExt) > 260) return ERR_TRAP(JET_errInvalidParameter);
        wszRaw = mem_alloc((cchPrefix + ARRAY_SIZE(wszExt)) * sizeof *wszRaw);
        if (!wszRaw) return ERR_TRAP(JET_errOutOfMemory);
        memcpy(wszRaw, wszPrefix, cchPrefix * sizeof *wszRaw);
        memcpy(wszRaw + cchPrefix, wszExt, sizeof wszExt);
        struct os_vfs *vfs = isam_vfs(ig.inst);
        if (os_file_open(vfs, wszRaw, OS_OPEN_CREATE | OS_OPEN_TRUNCATE, &ig.fRaw) < 0) {
            WARN("cannot create the integrity report %s", debugstr_w(wszRaw));
            ig.fRaw = NULL;
        }
    }
    if (pa->fStats)
        FIXME("JET_bitDBUtilOptionStats: no statistics file (<prefix>.INTGINFO.TXT) is written");

    raw(&ig, "***** Integrity check of database '%s' started [esent version %s, open-source ESENT]\n\n", ig.szDb,
        ESENT_PRODUCT_VERSION);
    raw(&ig, "search for 'ERROR:' to find errors\n");
    raw(&ig, "search for 'WARNING:' to find warnings\n");
    con(&ig, "\nChecking database integrity.\n");

    err = run_check(&ig, &hdr);
    if (err == JET_errDatabaseCorrupted && !ig.fVerdict) {
        /* Stopped before the walk (header, size): ESE's verdict all the same. */
        raw(&ig, "\nIntegrity check completed. Database is CORRUPTED!\n");
        print_corrupted(&ig, &hdr);
    }
    raw(&ig, "\n\n***** Eseutil completed in %llu seconds\n\n", (unsigned long long)((os_time_ms() - msStart) / 1000));

    for (uint32_t i = 0; i < ig.cf; i++) mem_free(ig.rgf[i].szWhat);
    mem_free(ig.rgf);
    if (ig.fRaw) {
        JET_ERR errSync = os_file_sync(ig.fRaw);
        (void)errSync;
        os_file_close(ig.fRaw);
    }
    mem_free(wszRaw);
    return err;
}
