/* SPDX-License-Identifier: MIT
 * isam/isam_tstate.c: the per-table counters a table's writers share within an attach (ESE keeps
 * them in its TDB and FCB): autoincrement, the DBK of a table without primary index, the LV tree's
 * last LID. Layer: isam. Each is loaded from the table when first needed (isam_update.c,
 * isam_lv.c), under the entry's mutex; and how many sessions have DDL on the table they have not
 * committed (isam_session.c counts, isam_table.c reads: the other sessions' definition). */
#include "isam_wint.h"

JET_ERR isam_tstate_get(struct isam_db *db, uint32_t objidTable, struct isam_tstate **pps)
{
    JET_ERR err = JET_errSuccess;
    os_mutex_lock(&db->tstate_lock);
    struct isam_tstate *p = db->tstates;
    while (p && p->objidTable != objidTable)
        p = p->next;
    if (!p) {
        p = mem_calloc(1, sizeof *p);
        if (!p) {
            err = ERR_TRAP(JET_errOutOfMemory);
            goto out;
        }
        p->objidTable = objidTable;
        os_mutex_init(&p->mu);
        p->next = db->tstates;
        db->tstates = p;
    }
    *pps = p;
out:
    os_mutex_unlock(&db->tstate_lock);
    return err;
}

void isam_tstate_forget(struct isam_db *db, uint32_t objidTable)
{
    if (!db) return;
    os_mutex_lock(&db->tstate_lock);
    for (struct isam_tstate *p = db->tstates; p; p = p->next) {
        if (p->objidTable != objidTable) continue;
        os_mutex_lock(&p->mu);
        p->fAutoInc = p->fDbk = p->fLid = false;
        os_mutex_unlock(&p->mu);
    }
    os_mutex_unlock(&db->tstate_lock);
}

void isam_tstate_free_all(struct isam_db *db)
{
    struct isam_tstate *p = db->tstates;
    while (p) {
        struct isam_tstate *next = p->next;
        os_mutex_destroy(&p->mu);
        mem_free(p);
        p = next;
    }
    db->tstates = NULL;
}

uint32_t isam_ddl_owners(struct isam_db *db, uint32_t objidTable)
{
    uint32_t c = 0;
    if (!db) return 0;
    os_mutex_lock(&db->tstate_lock);
    for (struct isam_tstate *p = db->tstates; p; p = p->next)
        if (p->objidTable == objidTable) c = __atomic_load_n(&p->cDdlOwners, __ATOMIC_ACQUIRE);
    os_mutex_unlock(&db->tstate_lock);
    return c;
}
