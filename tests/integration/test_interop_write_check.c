/* SPDX-License-Identifier: MIT
 * tests/integration/test_interop_write_check.c: the integrity check (catalog_check_database:
 * every tree, the catalog's consistency, MSysObjids, shadow) of a database, attached read-only.
 *   test_interop_write_check <database> <page size> <work folder>
 * Exit 0 when nothing of error severity was found; the problems go to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isam.h"
#include "isam_db.h"
#include "catalog.h"
#include "utf.h"

static uint32_t g_cErrors;
static void on_problem(void *pv, const struct bt_check_problem *pp)
{
    (void)pv;
    if (pp->severity == BT_CHECK_ERROR) g_cErrors++;
    fprintf(stderr, "%s: tree %u page %u: %s (%d)\n", pp->severity == BT_CHECK_ERROR ? "error" : "warning",
            pp->pgnoFDP, pp->pgno, pp->szWhat, (int)pp->err);
}

#define MUST(e) do { JET_ERR e_ = (e); if (e_ < 0) { fprintf(stderr, "%s: %ld\n", #e, (long)e_); return 1; } } while (0)

int main(int argc, char **argv)
{
    static const ESENT_WCHAR wszName[] = { 'c', 'h', 'k', 0 };
    struct isam_instance *inst = NULL;
    struct isam_session *sess = NULL;
    JET_DBID dbid;
    char szDir[1024];
    if (argc < 4) {
        fprintf(stderr, "usage: test_interop_write_check <database> <page size> <work folder>\n");
        return 2;
    }
    snprintf(szDir, sizeof szDir, "%s/", argv[3]);
    ESENT_WCHAR *wszDb = utf8_to_utf16_dup(argv[1]), *wszDir = utf8_to_utf16_dup(szDir);
    if (!wszDb || !wszDir) return 1;
    isam_lock();
    MUST(param_set(isam_global_params(), PARAM_TARGET_PROCESS, JET_paramDatabasePageSize, strtoul(argv[2], NULL, 10), NULL));
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    MUST(isam_instance_new(wszName, NULL, &inst));
    isam_unlock();
    MUST(param_set(&inst->params, PARAM_TARGET_INSTANCE, JET_paramLogFilePath, 0, wszDir));
    MUST(param_set(&inst->params, PARAM_TARGET_INSTANCE, JET_paramSystemPath, 0, wszDir));
    MUST(isam_instance_init(inst, 0));
    MUST(isam_session_begin(inst, &sess));
    MUST(isam_db_attach(sess, wszDb, 0, JET_bitDbReadOnly));
    MUST(isam_db_open(sess, wszDb, JET_bitDbReadOnly, &dbid));
    struct isam_db *db = isam_db_get(inst, dbid);
    const struct catalog_check_opts o = { (db->hdr.ulDbFlags & PAGE_DBFLAG_SHADOWING_DISABLED) != 0, db->hdr.objidLast,
                                          db->hdr.qwSortVersion == UINT64_MAX };
    struct catalog_check_stats st;
    memset(&st, 0, sizeof st);
    const JET_ERR err = catalog_check_database(db->btdb, &o, on_problem, NULL, &st);
    printf("integrity check: %ld, %u tables, %u indexes, %u LV trees, %u errors\n", (long)err, st.cTables, st.cIndexes,
           st.cLV, g_cErrors);
    MUST(isam_db_close(sess, dbid, 0));
    MUST(isam_db_detach(sess, wszDb, 0));
    isam_session_destroy(sess);
    MUST(isam_instance_term(inst, JET_bitTermComplete, NULL));
    isam_lock();
    isam_instance_free(inst);
    isam_unlock();
    mem_free(wszDb);
    mem_free(wszDir);
    return err < 0 || g_cErrors ? 1 : 0;
}
