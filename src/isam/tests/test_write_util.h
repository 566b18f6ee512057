/* SPDX-License-Identifier: MIT
 * isam/tests/test_write_util.h: what the DDL and update tests share: an instance over the
 * in-memory file system with one new database, table definitions built in a few lines, the
 * integrity check, and reading records back through btree cursors and the record layer. */
#ifndef TEST_WRITE_UTIL_H
#define TEST_WRITE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "isam_wint.h"
#include "os_test.h"
#include "utf.h"
#include "debug.h"

static inline const ESENT_WCHAR *WW(const char *sz)
{
    static ESENT_WCHAR ring[32][260];
    static unsigned next;
    ESENT_WCHAR *w = ring[next++ % 32];
    size_t i = 0;
    for (; sz[i] && i < 259; i++) w[i] = (ESENT_WCHAR)(unsigned char)sz[i];
    w[i] = 0;
    return w;
}

struct wfx {
    struct os_vfs *vfs;
    struct isam_instance *inst;
    struct isam_session *sess;
    JET_DBID dbid;
    struct isam_db *db;
};

static inline JET_ERR wfx_open(struct wfx *f, uint32_t cbPage)
{
    JET_ERR err;
    memset(f, 0, sizeof *f);
    f->vfs = os_mem_create();
    if (!f->vfs) return JET_errOutOfMemory;
    CALL_R(f->vfs->ops->mkdir(f->vfs, WW("/log/")));
    isam_lock();
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    if (cbPage) {
        err = param_set(isam_global_params(), PARAM_TARGET_PROCESS_RUNNING, JET_paramDatabasePageSize, cbPage, NULL);
        if (err < 0) {
            isam_unlock();
            return err;
        }
    }
    err = isam_instance_new(WW("w"), NULL, &f->inst);
    isam_unlock();
    CALL_R(err);
    struct param_store *ps = &f->inst->params;
    param_store_set_vfs(ps, f->vfs);
    CALL_R(param_set(ps, PARAM_TARGET_INSTANCE, JET_paramLogFilePath, 0, WW("/log/")));
    CALL_R(param_set(ps, PARAM_TARGET_INSTANCE, JET_paramSystemPath, 0, WW("/log/")));
    CALL_R(param_set(ps, PARAM_TARGET_INSTANCE, JET_paramLogFileSize, 256, NULL));
    CALL_R(isam_instance_init(f->inst, 0));
    CALL_R(isam_session_begin(f->inst, &f->sess));
    CALL_R(isam_db_create(f->sess, WW("/w.edb"), 0, 0, &f->dbid));
    f->db = isam_db_get(f->inst, f->dbid);
    return JET_errSuccess;
}

static inline void wfx_close(struct wfx *f)
{
    if (f->inst) {
        if (f->sess) {
            if (f->dbid) {
                JET_ERR e = isam_db_close(f->sess, f->dbid, 0);
                (void)e;
            }
            isam_session_destroy(f->sess);
        }
        if (f->inst->state == ISAM_INST_RUNNING) {
            JET_ERR e = isam_instance_term(f->inst, JET_bitTermComplete, NULL);
            (void)e;
        }
        isam_lock();
        isam_instance_free(f->inst);
        isam_unlock();
    }
    if (f->vfs) os_mem_destroy(f->vfs);
    memset(f, 0, sizeof *f);
}

static void wfx_problem(void *pv, const struct bt_check_problem *pp)
{
    (void)pv;
    print_message("check: %s %s (page %u, tree %u)\n", pp->severity == BT_CHECK_ERROR ? "ERROR" : "warning",
                  pp->szWhat, pp->pgno, pp->pgnoFDP);
}

/* catalog_check_database on the live database; *pcWarnings (may be NULL) gets the warnings. */
/* The usual fixture of a test program: g_f, a fresh database for every test (CMocka's setup and
 * teardown, named setup and teardown). */
#define WFX_FIXTURE()                                                   \
    static struct wfx g_f;                                              \
    static int setup(void **state)                                      \
    {                                                                   \
        (void)state;                                                    \
        return wfx_open(&g_f, 0) < 0 ? -1 : 0;                          \
    }                                                                   \
    static int teardown(void **state)                                   \
    {                                                                   \
        (void)state;                                                    \
        wfx_close(&g_f);                                                \
        return 0;                                                       \
    }

static inline JET_ERR wfx_check(struct wfx *f, uint32_t *pcWarnings)
{
    JET_ERR err;
    CALL_R(cache_file_flush(f->db->cfile));
    struct catalog_check_opts o = { (f->db->hdr.ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED) != 0,
                                    __atomic_load_n(&f->db->objidLast, __ATOMIC_ACQUIRE), true };
    struct catalog_check_stats st;
    memset(&st, 0, sizeof st);
    err = catalog_check_database(f->db->btdb, &o, wfx_problem, NULL, &st);
    if (pcWarnings) *pcWarnings = st.bt.cWarnings;
    return err;
}

static inline JET_ERR wfx_load(struct wfx *f, const char *szTable, struct catalog_table **ppt)
{
    JET_ERR err;
    struct catalog *cat;
    CALL_R(catalog_open(f->db->btdb, &cat));
    err = catalog_load_table(cat, szTable, ppt);
    catalog_close(cat);
    return err;
}

/* ---- definitions ---- */

static inline JET_COLUMNCREATE_A colc(const char *szName, JET_COLTYP coltyp, uint32_t cbMax, JET_GRBIT grbit, uint32_t cp)
{
    JET_COLUMNCREATE_A c;
    memset(&c, 0, sizeof c);
    c.cbStruct = sizeof c;
    c.szColumnName = (char *)szName;
    c.coltyp = coltyp;
    c.cbMax = cbMax;
    c.grbit = grbit;
    c.cp = cp;
    return c;
}

/* szKey as "+a\0-b\0\0" written "+a|-b": cbKey counts both NULs. */
struct keybuf {
    char sz[256];
    uint32_t cb;
};
static inline void keybuf_set(struct keybuf *pk, const char *szSpec)
{
    size_t n = strlen(szSpec);
    memcpy(pk->sz, szSpec, n + 1);
    for (size_t i = 0; i < n; i++)
        if (pk->sz[i] == '|') pk->sz[i] = 0;
    pk->sz[n] = 0;
    pk->sz[n + 1] = 0;
    pk->cb = (uint32_t)n + 2;
}

static inline JET_INDEXCREATE3_A idxc(const char *szName, struct keybuf *pk, JET_GRBIT grbit)
{
    JET_INDEXCREATE3_A x;
    memset(&x, 0, sizeof x);
    x.cbStruct = sizeof x;
    x.szIndexName = (char *)szName;
    x.szKey = pk->sz;
    x.cbKey = pk->cb;
    x.grbit = grbit;
    return x;
}

static inline JET_TABLECREATE4_A tablec(const char *szName, JET_COLUMNCREATE_A *rgcol, uint32_t ccol,
        JET_INDEXCREATE3_A *rgidx, uint32_t cidx)
{
    JET_TABLECREATE4_A t;
    memset(&t, 0, sizeof t);
    t.cbStruct = sizeof t;
    t.szTableName = (char *)szName;
    t.rgcolumncreate = rgcol;
    t.cColumns = ccol;
    t.rgindexcreate = rgidx;
    t.cIndexes = cidx;
    return t;
}

#endif /* TEST_WRITE_UTIL_H */
