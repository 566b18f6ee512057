/* SPDX-License-Identifier: MIT
 * isam/isam_logrec.h: the payloads of the log records the isam layer writes, and of the undo
 * information it attaches to record-level mini-transactions. Layer: isam (recovery reads these).
 *
 * All PERSISTED: little-endian fields through base/le.h accessors, no alignment assumed. Paths are
 * UTF-16 code units, not terminated (their length is in the record).
 *
 *   LOG_REC_DB_CREATE / LOG_REC_DB_ATTACH   struct isam_lr_db + path
 *   LOG_REC_DB_DETACH                       struct isam_lr_db (cbPage, cpg, path length 0)
 *   LOG_REC_DB_GROW                         struct isam_lr_grow
 *   LOG_REC_TRX_COMMIT / LOG_REC_TRX_ROLLBACK   struct isam_lr_trx
 *   undo payload of LOG_REC_PAGES           struct isam_undo_hdr + key + identity data + before data
 *   ISAM_LR_BACKUP_BEGIN                    struct isam_lr_backup + checkpoint data
 *
 * A transaction's records form a chain through lsnPrev (its previous record, LSN_NONE for the
 * first). A compensation record (made while rolling back) has ISAM_UNDO_CLR set and undoNext = the
 * lsnPrev of the record it undid, so recovery never undoes a change twice (ARIES). */
#ifndef ISAM_LOGREC_H
#define ISAM_LOGREC_H

#include "base.h"
#include "le.h"
#include "log.h"

/* PERSISTED */
struct isam_lr_db {
    le32 dbid;              /* 1..ISAM_DBID_MAX-1 */
    le32 cbPage;
    le32 cpg;               /* database pages at creation / attach */
    le32 grbit;             /* JET_bitDb* given to create/attach */
    le32 cchPath;           /* UTF-16 units that follow */
};
_Static_assert(sizeof(struct isam_lr_db) == 20, "isam_lr_db");

/* PERSISTED */
struct isam_lr_grow {
    le32 dbid;
    le32 cpg;               /* the file now holds database pages 1..cpg */
};
_Static_assert(sizeof(struct isam_lr_grow) == 8, "isam_lr_grow");

/* PERSISTED */
struct isam_lr_trx {
    le64 trxid;
    le64 lsnPrev;           /* the transaction's previous record */
};
_Static_assert(sizeof(struct isam_lr_trx) == 16, "isam_lr_trx");

/* A full backup began here (isam_backup.c). Its LSN is the backup's mark (bkinfoFullCur.lgposMark
 * in the database copies): restore reads it to learn where redo starts and what was attached and
 * open then, which the log after lsnRedo does not say. */
#define ISAM_LR_BACKUP_BEGIN (LOG_REC_USER_MIN + 1)

/* PERSISTED */
struct isam_lr_backup {
    le64 lsnRedo;           /* the checkpoint taken at the start: redo of the copies starts here */
    le64 lsnKeep;           /* first record of the oldest transaction open then (0: none) */
    le32 cbCkpt;            /* checkpoint data that follows (isam_log.c's format) */
    le32 reserved;
};
_Static_assert(sizeof(struct isam_lr_backup) == 24, "isam_lr_backup");

enum isam_undo_flags {
    ISAM_UNDO_EXISTED   = 0x01,     /* the node existed before the change: restore it, else delete it */
    ISAM_UNDO_CLR       = 0x02,     /* a compensation: never undone; undoNext says where to go on */
    ISAM_UNDO_NON_UNIQUE = 0x04,    /* the tree orders by (key, data): identity data follows the key */
    /* 0x08 is isam_node.c's ISAM_UNDO_KEEP_DATA. The two kinds below are not node states: */
    ISAM_UNDO_FDP       = 0x10,     /* an FDP was created (pgnoFDP, objid): undo gives its space back to
                                     * its parent; before data = le32 pgnoParent; no key */
    ISAM_UNDO_DELTA     = 0x20,     /* an escrow delta on node key: before data = struct isam_undo_delta;
                                     * undo applies the opposite delta to whatever the node holds then */
};

/* PERSISTED. The before data of an ISAM_UNDO_DELTA payload. */
struct isam_undo_delta {
    le32 ibOffset;          /* where in the node's data the counter lies */
    le32 cb;                /* 4 or 8 */
    le64 delta;             /* what was added (two's complement) */
};
_Static_assert(sizeof(struct isam_undo_delta) == 16, "isam_undo_delta");

/* PERSISTED. The undo information of one record-level change: restore node (key[, data]) of tree
 * (dbid, pgnoFDP) to the state it had before: absent, or present with prevFlags and prevData. */
struct isam_undo_hdr {
    le64 trxid;
    le64 lsnPrev;           /* the transaction's previous record (LSN_NONE for its first) */
    le64 lsnUndoNext;       /* CLR only: the next record of the transaction to undo */
    le32 dbid;
    le32 pgnoFDP;
    le32 objid;
    uint8_t type;           /* enum bt_type */
    uint8_t flags;          /* enum isam_undo_flags */
    uint8_t prevNodeFlags;  /* PAGE_NODE_DELETED / PAGE_NODE_VERSIONED before the change */
    uint8_t reserved;
    le16 cbKey;
    le16 cbKeyMost;
    le32 cbIdentity;        /* non-unique trees: the node's data, part of its name */
    le32 cbPrevData;        /* existed, unique tree: the data before the change */
};
_Static_assert(sizeof(struct isam_undo_hdr) == 52, "isam_undo_hdr");

#endif /* ISAM_LOGREC_H */
