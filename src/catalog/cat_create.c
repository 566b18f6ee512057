/* SPDX-License-Identifier: MIT
 * catalog/cat_create.c: the layout of a new database (ESE-FORMAT-NOTES §14). Layer: catalog. */
#include "catalog.h"
#include "debug.h"

DEBUG_CHANNEL(catalog);

JET_ERR catalog_create_database(struct bt_db *db, uint32_t *pobjidLast)
{
    JET_ERR err;
    struct space_db *sdb = bt_db_space(db);
    struct mtr m;

    mtr_begin(&m, sdb->file);
    err = space_create_db_root(&m, sdb, cache_file_cpg(sdb->file));
    if (err < 0) {
        mtr_abort(&m);
        return err;
    }
    CALL_R(mtr_commit(&m, NULL));
    /* The system tables (MSysObjects and its shadow at pages 4-28, MSysObjids, MSysLocales) are
     * built by the catalog rows code; until then a new database holds the root only. */
    FIXME("new databases do not hold the system tables yet");
    *pobjidLast = 1;
    return JET_errSuccess;
}
