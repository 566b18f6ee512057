/* SPDX-License-Identifier: MIT
 * tests/integration/sample_env.h: what the tests over Windows' samples share. The list of
 * clean samples (each with its page size and the tag naming its expected-data files), and an
 * isam instance with one session whose logs live in a scratch folder of their own, started
 * with the process-wide page size set first (ESE attaches a database only at its own page
 * size). Header-only: each test program includes it once. */
#ifndef ESENT_TESTS_INTEGRATION_SAMPLE_ENV_H
#define ESENT_TESTS_INTEGRATION_SAMPLE_ENV_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "isam_db.h"
#include "isam_param.h"
#include "catalog.h"
#include "utf.h"

static const struct {
    const char *szPath;     /* under $ESENT_SAMPLES_DIR */
    uint32_t cbPage;
    const char *szData;     /* tag of its expected-data files (esedbinfo_<tag>.txt, libesedb_<tag>.txt) */
} g_rgsample[] = {
    { "dissect-esedb/basic.edb", 4096, "basic" },
    { "dissect-esedb/binary.edb", 4096, "binary" },
    { "dissect-esedb/default.edb", 4096, "default" },
    { "dissect-esedb/index.edb", 4096, "index" },
    { "dissect-esedb/multi.edb", 4096, "multi" },
    { "dissect-esedb/text.edb", 4096, "text" },
    { "dissect-esedb/large.edb", 32768, "large" },
    { "dissect-esedb/Current.mdb", 4096, "Current" },
    { "dissect-esedb/SRUDB.dat", 4096, "SRUDB" },
    { "ese-parser/test.edb", 4096, "eseparser_test" },
    { "ese-parser/decompress_test.edb", 8192, "decompress_test" },
    { "ese-parser/decompress_test2.edb", 8192, "decompress_test2" },
    { "dsinternals/adamntds.dit", 8192, "adamntds" },
    { "plaso/Catalog1.edb", 4096, "Catalog1" },
    { "dfir-artifact-museum/srum-win10-belkasoft/Clean/SRUDB.dat", 4096, "srum_clean" },
    { "dfir-artifact-museum/ual-2012r2/SystemIdentity.mdb", 4096, "ual_SystemIdentity" },
};

struct env {
    struct isam_instance *inst;
    struct isam_session *sess;
    char szDir[1024];
};

static inline ESENT_WCHAR *wdup(const char *sz)
{
    ESENT_WCHAR *wsz = utf8_to_utf16_dup(sz);
    assert_non_null(wsz);
    return wsz;
}

/* szKind names the test program (the instance and its folder $ESENT_TEST_TMP/<kind>-<tag>/),
 * so that two programs run at once by ctest never share a log. */
static inline void env_start(struct env *pe, const char *szKind, uint32_t cbPage, const char *szTag)
{
    const char *szTmp = getenv("ESENT_TEST_TMP") ? getenv("ESENT_TEST_TMP") : "/tmp";
    snprintf(pe->szDir, sizeof pe->szDir, "%s/%s-%s/", szTmp, szKind, szTag);
    char cmd[2200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", pe->szDir, pe->szDir);
    assert_int_equal(system(cmd), 0);
    ESENT_WCHAR *wszDir = wdup(pe->szDir);
    ESENT_WCHAR *wszName = wdup(szKind);
    isam_lock();
    assert_int_equal(param_set(isam_global_params(), PARAM_TARGET_PROCESS, JET_paramDatabasePageSize, cbPage, NULL),
                     JET_errSuccess);
    isam_set_run_mode(ISAM_MODE_MULTI_INSTANCE);
    assert_int_equal(isam_instance_new(wszName, NULL, &pe->inst), JET_errSuccess);
    isam_unlock();
    assert_int_equal(param_set(&pe->inst->params, PARAM_TARGET_INSTANCE, JET_paramLogFilePath, 0, wszDir), JET_errSuccess);
    assert_int_equal(param_set(&pe->inst->params, PARAM_TARGET_INSTANCE, JET_paramSystemPath, 0, wszDir), JET_errSuccess);
    assert_int_equal(isam_instance_init(pe->inst, 0), JET_errSuccess);
    assert_int_equal(isam_session_begin(pe->inst, &pe->sess), JET_errSuccess);
    mem_free(wszName);
    mem_free(wszDir);
}

static inline void env_stop(struct env *pe)
{
    isam_session_destroy(pe->sess);
    assert_int_equal(isam_instance_term(pe->inst, JET_bitTermComplete, NULL), JET_errSuccess);
    isam_lock();
    isam_instance_free(pe->inst);
    isam_unlock();
}

/* The names of a catalog's tables (the first 64), for catalog_enum_tables. */
struct tables {
    char rgsz[64][JET_cbNameMost + 1];
    uint32_t c;
};
static inline JET_ERR tables_collect(void *pv, const struct rec_cat_table *pt)
{
    struct tables *p = pv;
    if (p->c < ARRAY_SIZE(p->rgsz))
        strcpy(p->rgsz[p->c], pt->szName);
    p->c++;
    return JET_errSuccess;
}

#endif
