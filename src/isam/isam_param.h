/* SPDX-License-Identifier: MIT
 * isam/isam_param.h: system parameters (JetSetSystemParameter / JetGetSystemParameter).
 * Layer: isam (uses os, base).
 *
 * The parameter table (isam_param_table.c) describes every paramid 0..PARAM_ID_COUNT-1 the way
 * Windows' ESENT does: type, default (normal and small-configuration), valid range, scope and
 * when a write is refused. A `struct param_store` holds one value per paramid. The engine owns
 * one process-global store (JET_instanceNil, and the global parameters of every instance) and
 * one store per instance, copied from the global store when the instance is created.
 *
 * Rules (README.md "System parameters" lists them with the Windows behaviours they reproduce):
 *  - Writes to a PARAM_GLOBAL parameter through an instance store go to its global store, with
 *    the instance's phase; reads likewise.
 *  - A PARAM_ADVANCED parameter written while JET_paramEnableAdvanced is false (in the store
 *    that receives the write) is ignored: JET_errSuccess, value unchanged.
 *  - Integer-like writes of the value already held succeed before any phase or range check.
 *  - PARAM_LOCK_RUNNING: JET_errAlreadyInitialized once the engine runs (target is not
 *    PARAM_TARGET_PROCESS). PARAM_LOCK_INIT: JET_errAlreadyInitialized after the target
 *    instance's JetInit. Out of range: JET_errInvalidParameter. On any error nothing changes.
 *
 * Not thread-safe: callers serialize with the lock that guards the instance list (ESE holds its
 * critInst around every set, get and copy). */
#ifndef ISAM_PARAM_H
#define ISAM_PARAM_H

#include "base.h"

struct os_vfs;

/* Paramids 0..221 exist; 185 and 221 (JET_paramMaxValueInvalid) are placeholders that reject
 * both get and set. Larger ids give JET_errInvalidParameter. */
#define PARAM_ID_COUNT 222u

enum param_type {
    PARAM_TYPE_NONE,        /* placeholder id: get and set give JET_errInvalidParameter */
    PARAM_TYPE_BOOL,        /* any value in range is accepted and stored as 0 or 1 */
    PARAM_TYPE_GRBIT,       /* bit set, stored as given */
    PARAM_TYPE_INT,         /* integer, stored as given */
    PARAM_TYPE_STRING,      /* UTF-16 string; min/max are its length in WCHARs */
    PARAM_TYPE_PTR,         /* pointer-sized value (callbacks, contexts) */
    PARAM_TYPE_FOLDER,      /* folder: stored as an absolute path ending in a separator */
    PARAM_TYPE_PATH,        /* file path: absolute, unless given as a bare file name */
    PARAM_TYPE_BLOCKSIZE,   /* integer that must also be a power of two */
    PARAM_TYPE_SPECIAL,     /* get/set are specific to the parameter (see README) */
};

enum param_flags {
    PARAM_ADVANCED     = 0x01,  /* writes ignored while JET_paramEnableAdvanced is false */
    PARAM_GLOBAL       = 0x02,  /* one process-wide value, even when set through an instance */
    PARAM_LOCK_RUNNING = 0x04,  /* no change once the engine runs (any instance exists) */
    PARAM_LOCK_INIT    = 0x08,  /* no change once the target instance completed JetInit */
    PARAM_READONLY     = 0x10,  /* every set gives JET_errInvalidParameter */
    PARAM_CUSTOM       = 0x20,  /* get and/or set run parameter-specific code */
    PARAM_NO_EFFECT    = 0x40,  /* accepted and returned, but ESE does not use it any more */
};

struct param_info {
    const char *name;           /* "JET_paramSystemPath"; NULL for placeholder ids */
    uint8_t type;               /* enum param_type */
    uint8_t flags;              /* enum param_flags */
    JET_API_PTR min, max;       /* value range; for strings the length range in WCHARs */
    JET_API_PTR def;            /* default (JET_configDefault) */
    JET_API_PTR def_small;      /* default under the small / low-memory configuration */
    const ESENT_WCHAR *wsz_def; /* default of string-typed parameters */
};

/* Table entry of paramid, or NULL when paramid >= PARAM_ID_COUNT. */
const struct param_info *param_info(ESENT_ULONG paramid);

/* The situation a JetSetSystemParameter / JetGetSystemParameter call is in. "Running" is ESE's
 * run-instance mode: from the first JetCreateInstance, legacy JetInit or JetEnableMultiInstance
 * until the JetTerm of the last instance. An instance exists only while the engine runs. */
enum param_target {
    PARAM_TARGET_PROCESS,           /* global store, engine not running */
    PARAM_TARGET_PROCESS_RUNNING,   /* global store, engine running (multi-instance mode) */
    PARAM_TARGET_INSTANCE,          /* instance store, its JetInit not completed */
    PARAM_TARGET_INSTANCE_RUNNING,  /* instance store after its JetInit */
};

/* Per-value state bits (struct param_store.state). */
#define PARAM_STATE_WRITTEN  0x01   /* set by the application (ESE's fWritten); cleared by resets */
#define PARAM_STATE_OWNED    0x02   /* wsz[] is a mem_alloc'd copy (else a table literal or NULL) */

struct param_store {
    struct param_store *global;         /* the process store; NULL in the process store itself */
    struct os_vfs *vfs;                 /* completes folder/path values; NULL: kept as given */
    JET_API_PTR num[PARAM_ID_COUNT];    /* integer, boolean, grbit, pointer values */
    const ESENT_WCHAR *wsz[PARAM_ID_COUNT]; /* string values */
    uint8_t state[PARAM_ID_COUNT];
    uint32_t config;                    /* effective JET_config* bits (for "is low memory?") */
    ESENT_ULONG unicode_lcid;           /* JET_paramUnicodeIndexDefault */
    ESENT_ULONG unicode_map_flags;
    JET_API_PTR cache_pages_now;        /* JET_paramCacheSize reads this (published by cache) */
    ESENT_ULONG lgen_recovery;          /* JET_paramRecoveryCurrentLogfile (published by log) */
};

/* ---- stores ------------------------------------------------------------------------------ */

/* The process store with every default; folder and path values are completed by
 * os_vfs_default(). */
void param_store_init(struct param_store *ps);
/* Another file system for completing folder and path values (ESE's GetFullPathName step), e.g.
 * an in-memory one in tests; NULL keeps values as given. Instances copy it. */
void param_store_set_vfs(struct param_store *ps, struct os_vfs *vfs);
/* A new instance's store: a copy of the process store `global` (values, written flags, config),
 * linked to it for global parameters. JET_errOutOfMemory leaves dst empty (safe to free). */
MUST_CHECK JET_ERR param_store_copy(struct param_store *dst, struct param_store *global);
void param_store_free(struct param_store *ps);

/* ---- the API's view ---------------------------------------------------------------------- */

/* JetSetSystemParameter on ps (lParam for numbers, wszParam for strings; the other is ignored).
 * JET_paramCommitDefault and JET_paramTransactionLevel with a session are the caller's (they
 * are session values); here they act as without a session. */
MUST_CHECK JET_ERR param_set(struct param_store *ps, enum param_target target, ESENT_ULONG paramid,
        JET_API_PTR lParam, const ESENT_WCHAR *wszParam);
/* JetGetSystemParameterW on ps. cbMax is the size in bytes of wszParam (string parameters) or,
 * for JET_paramUnicodeIndexDefault, of the JET_UNICODEINDEX at plParam. A string that does not
 * fit is truncated and NUL-terminated and gives JET_errBufferTooSmall (never a warning); a
 * buffer below one WCHAR gives JET_errInvalidParameter. For JET_paramErrorToString *plParam is
 * the input JET_ERR. */
MUST_CHECK JET_ERR param_get(const struct param_store *ps, enum param_target target, ESENT_ULONG paramid,
        JET_API_PTR *plParam, ESENT_WCHAR *wszParam, size_t cbMax);

/* ---- the engine's view ------------------------------------------------------------------- */

/* Current number value (global parameters come from the process store). */
JET_API_PTR param_num(const struct param_store *ps, ESENT_ULONG paramid);
static inline bool param_bool(const struct param_store *ps, ESENT_ULONG paramid)
{ return param_num(ps, paramid) != 0; }
/* Current string value; "" for unset strings (never NULL). */
const ESENT_WCHAR *param_wsz(const struct param_store *ps, ESENT_ULONG paramid);
/* Whether the application wrote the value (JetEnableMultiInstance compares these). */
bool param_written(const struct param_store *ps, ESENT_ULONG paramid);
/* Effective JET_config* bits of the store (JET_paramConfiguration may read back 0 for the legacy
 * small configuration while these hold the sets it stands for). */
static inline uint32_t param_config(const struct param_store *ps) { return ps->config; }

/* Values the engine publishes for the informational parameters. */
void param_publish_cache_size(struct param_store *ps, JET_API_PTR cpg);
void param_publish_log_generation(struct param_store *ps, ESENT_ULONG lgen);

/* The JetCommitTransaction bits JET_paramCommitDefault takes (JET_bitCommitLazyFlush,
 * JET_bitWaitLastLevel0Commit, JET_bitWaitAllLevel0Commit, JET_bitForceNewLog,
 * JET_bitCommitRedoCallback), also when a session's default is set through it. */
#define PARAM_COMMIT_DEFAULT_BITS (0x01u | 0x02u | 0x08u | 0x10u | 0x20u)

/* Engine format versions JET_paramEngineFormatVersion accepts: ESE's oldest and newest table
 * entries (7060 and 9600); the format code narrows these once it knows what it writes.
 * PARAM_EFV_DEFAULT is what JET_efvUseEngineDefault reads back as. */
#define PARAM_EFV_MIN      7060u
#define PARAM_EFV_MAX      9600u
#define PARAM_EFV_DEFAULT  PARAM_EFV_MAX

/* Name and description of a JET_ERR for JET_paramErrorToString (isam_param_errtext.c). */
void param_error_text(JET_ERR err, const char **pszName, const char **pszText);

#endif /* ISAM_PARAM_H */
