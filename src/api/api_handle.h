/* SPDX-License-Identifier: MIT
 * api/api_handle.h: the handles the API gives out (JET_INSTANCE, JET_SESID, JET_TABLEID, ...).
 *
 * A handle is never a pointer. It encodes a kind, a slot and a generation:
 *     bits 28..31 kind (1..14), bits 18..27 generation, bits 0..17 slot + 1
 * so it is never 0 and never ~0 (the *Nil values), a handle of one kind is never taken for another,
 * and a stale handle (its object was freed, the slot perhaps reused) is detected rather than
 * dereferenced, until the slot has been reused 1024 times. Slots are reused oldest-first, which
 * makes that as late as possible. Lookup takes no lock; allocation and release take one.
 * Windows ESENT dereferences handles (a garbage sesid crashes it); we return the documented
 * JET_errInvalid* error instead. */
#ifndef API_HANDLE_H
#define API_HANDLE_H

#include "base.h"

enum handle_kind {
    HANDLE_INSTANCE = 1,
    HANDLE_SESSION  = 2,
    HANDLE_TABLE    = 3,
    HANDLE_FILE     = 4,    /* backup file handles (JetOpenFile) */
    HANDLE_SNAPSHOT = 5,    /* JET_OSSNAPID */
    HANDLE_LS       = 6,    /* local storage (JetSetLS) */
};

#define HANDLE_SLOT_BITS 18u
#define HANDLE_GEN_BITS  10u
#define HANDLE_MAX_SLOTS ((1u << HANDLE_SLOT_BITS) - 1)

/* Gives obj a new handle of the kind. JET_errOutOfMemory, or JET_errOutOfSessions /
 * JET_errOutOfCursors-style errors are the caller's to decide: this returns JET_errOutOfMemory
 * when the table itself is full. */
MUST_CHECK JET_ERR handle_alloc(enum handle_kind kind, void *obj, JET_API_PTR *ph);
/* The object of a live handle of that kind, or NULL. */
void *handle_lookup(enum handle_kind kind, JET_API_PTR h);
/* Retires the handle; later lookups of it return NULL. */
void handle_free(enum handle_kind kind, JET_API_PTR h);
/* Number of live handles of the kind (tests, leak checks). */
uint32_t handle_count(enum handle_kind kind);

#endif /* API_HANDLE_H */
