/* SPDX-License-Identifier: MIT
 * ver/ver_int.h: what the ver layer's files share. Not for other layers. */
#ifndef ESENT_VER_INT_H
#define ESENT_VER_INT_H

#include "ver.h"
#include "ver_store.h"

/* An undo entry is going away with its change undone (fUndone: rollback) or never made (the
 * change failed; the instance failed): forget its version. Unlinked from t's transaction; an
 * undone insert, replace or delete stays in its bucket as a ghost until cleanup, every other
 * version is freed at once. */
void ver_store_forget(struct ver_trx *t, struct ver_rce *rce, bool fUndone);

/* The budget is spent: run a cleanup pass that only frees memory (the caller may hold a page
 * latch). False when this thread is running a pass already (nothing more can be done). */
bool ver_store_make_room(struct ver_store *vs);

#endif /* ESENT_VER_INT_H */
