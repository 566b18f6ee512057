/* SPDX-License-Identifier: MIT
 * isam/isam_param.c: system parameter stores and the rules of JetSet/GetSystemParameter.
 * Layer: isam (uses os, base).
 *
 * A set runs in this order, and the order is visible to applications (README.md):
 *   1. paramid beyond the table: JET_errInvalidParameter;
 *   2. route a global parameter to the process store;
 *   3. PARAM_ADVANCED while the receiving store's JET_paramEnableAdvanced is 0: success, no-op;
 *   4. the parameter's setter: parameter-specific checks, then for ordinary values
 *      "same value as now" -> success, phase locks -> JET_errAlreadyInitialized,
 *      range -> JET_errInvalidParameter, type checks (power of two, path completion).
 * Nothing is changed before the last check passed, except where ESE itself changes part of a
 * value and then fails (JET_paramUnicodeIndexDefault on an instance; see below). */
#include <stdarg.h>
#include <stdio.h>

#include "isam_param.h"
#include "debug.h"
#include "os.h"
#include "utf.h"

DEBUG_CHANNEL(isam);

/* paramids this file handles. Numbers, because many of ESE's ids have no name in esent.h; the
 * table pins the published ones to the header. */
enum {
    PID_TEMP_PATH = 1,
    PID_COMMIT_DEFAULT = 16,
    PID_CIRCULAR_LOG = 17,
    PID_DB_EXTENSION_SIZE = 18,
    PID_PAGE_TEMP_DB_MIN = 19,
    PID_CACHE_SIZE_MAX = 23,
    PID_CHECKPOINT_DEPTH_MAX = 24,
    PID_OUTSTANDING_IO_MAX = 30,
    PID_START_FLUSH_THRESHOLD = 31,
    PID_STOP_FLUSH_THRESHOLD = 32,
    PID_PRINT_FUNCTION = 37,
    PID_TRANSACTION_LEVEL = 38,
    PID_CACHE_SIZE = 41,
    PID_NO_INFORMATION_EVENT = 50,
    PID_EVENT_LOGGING_LEVEL = 51,
    PID_CACHE_SIZE_MIN = 60,
    PID_PREFERRED_VER_PAGES = 63,
    PID_DATABASE_PAGE_SIZE = 64,
    PID_ERROR_TO_STRING = 70,
    PID_UNICODE_INDEX_DEFAULT = 72,
    PID_RECOVERY_CURRENT_LOGFILE = 79,
    PID_GLOBAL_MIN_VER_PAGES = 81,
    PID_DISABLE_PERFMON = 107,
    PID_MAX_INSTANCES = 104,
    PID_PAGE_HINT_CACHE_SIZE = 101,
    PID_DBA_PAGE_AVAIL_THRESHOLD = 121,
    PID_DBA_K1 = 122,
    PID_DBA_K2 = 123,
    PID_CACHED_CLOSED_TABLES = 125,
    PID_ENABLE_FILE_CACHE = 126,
    PID_ENABLE_VIEW_CACHE = 127,
    PID_VER_PAGE_SIZE = 128,
    PID_CONFIGURATION = 129,
    PID_ENABLE_ADVANCED = 130,
    PID_KEY_MOST = 134,
    PID_LV_CHUNK_SIZE_MOST = 163,
    PID_MAX_COALESCE_READ_SIZE = 164,
    PID_MAX_COALESCE_WRITE_SIZE = 165,
    PID_MAX_COALESCE_WRITE_GAP_SIZE = 167,
    PID_PREREAD_IO_MAX = 179,
    PID_ENABLE_SHRINK_DATABASE = 184,
    PID_CONFIG_STORE_SPEC = 189,
    PID_ENGINE_FORMAT_VERSION = 194,
    PID_RECORD_SIZE_MOST = 213,
    PID_MAX_SESSIONS = 5,
    PID_MAX_OPEN_TABLES = 6,
    PID_MAX_CURSORS = 8,
    PID_MAX_VER_PAGES = 9,
    PID_MAX_TEMPORARY_TABLES = 10,
    PID_LOG_FILE_SIZE = 11,
    PID_LOG_BUFFERS = 12,
    PID_LRUK_HISTORY_MAX = 26,
};

/* JET_paramConfiguration bits. */
#define CONFIG_DEFAULT              0x0001u
#define CONFIG_REMOVE_QUOTAS        0x0002u
#define CONFIG_LOW_DISK_FOOTPRINT   0x0004u
#define CONFIG_MEDIUM_DISK_FOOTPRINT 0x0008u
#define CONFIG_LOW_MEMORY           0x0010u
#define CONFIG_DYNAMIC_MEDIUM_MEMORY 0x0020u
#define CONFIG_LOW_POWER            0x0040u
#define CONFIG_SSD_PROFILE_IO       0x0080u
#define CONFIG_RUN_SILENT           0x0100u
#define CONFIG_UNTHROTTLED_MEMORY   0x0200u
#define CONFIG_HIGH_CONCURRENCY     0x0400u
#define CONFIG_LEGACY_SMALL         0u      /* the value 0 as written by Windows Vista clients */

/* JET_paramEnableShrinkDatabase bits. */
#define SHRINK_ON           0x0001u
#define SHRINK_REALTIME     0x0002u
#define SHRINK_PERIODICALLY 0x8000u

/* JET_paramEngineFormatVersion specials. */
#define EFV_USE_ENGINE_DEFAULT  0x40000001u
#define EFV_USE_PERSISTED       0x40000002u
#define EFV_ALLOW_HIGHER        0x41000000u

/* JET_paramUnicodeIndexDefault: LCMapString flags and the defaults ("en-US", sort key,
 * ignore case, kana type and width). */
#define MAP_UPPERCASE       0x00000200u   /* LCMAP_UPPERCASE */
#define MAP_SORTKEY         0x00000400u   /* LCMAP_SORTKEY */
#define UNICODE_FLAGS_VALID (0x00000800u /* BYTEREV */ | 0x1u | 0x2u | 0x4u | 0x10u | 0x20u \
                             | 0x8u /* DIGITSASNUMBERS */ | 0x10000u | 0x20000u \
                             | 0x08000000u /* LINGUISTIC_CASING */ | 0x1000u /* STRINGSORT */)
#define UNICODE_LCID_DEFAULT  0x0409u
#define UNICODE_FLAGS_DEFAULT (MAP_SORTKEY | 0x1u | 0x10000u | 0x20000u)

/* The JET_UNICODEINDEX the caller passes for JET_paramUnicodeIndexDefault. */
struct param_unicodeindex { ESENT_ULONG lcid; ESENT_ULONG dwMapFlags; };

/* ---- small helpers ------------------------------------------------------------------------ */

static bool is_running(enum param_target t) { return t != PARAM_TARGET_PROCESS; }
static bool is_instance(enum param_target t) { return t >= PARAM_TARGET_INSTANCE; }
static bool is_inited(enum param_target t) { return t == PARAM_TARGET_INSTANCE_RUNNING; }

static bool type_is_string(uint8_t type)
{
    return type == PARAM_TYPE_STRING || type == PARAM_TYPE_FOLDER || type == PARAM_TYPE_PATH;
}

/* The store that holds paramid's value: global parameters live in the process store. */
static struct param_store *route(struct param_store *ps, const struct param_info *info)
{
    return (info->flags & PARAM_GLOBAL) && ps->global ? ps->global : ps;
}
static const struct param_store *route_c(const struct param_store *ps, const struct param_info *info)
{
    return (info->flags & PARAM_GLOBAL) && ps->global ? ps->global : ps;
}
static const struct param_store *process_store(const struct param_store *ps)
{
    return ps->global ? ps->global : ps;
}

static void drop_string(struct param_store *s, ESENT_ULONG id)
{
    if (s->state[id] & PARAM_STATE_OWNED)
        mem_free((void *)s->wsz[id]);
    s->state[id] &= (uint8_t)~PARAM_STATE_OWNED;
    s->wsz[id] = NULL;
}

/* Takes ownership of wsz (mem_alloc'd). */
static void put_string(struct param_store *s, ESENT_ULONG id, ESENT_WCHAR *wsz)
{
    drop_string(s, id);
    s->wsz[id] = wsz;
    s->state[id] |= PARAM_STATE_OWNED | PARAM_STATE_WRITTEN;
}

static MUST_CHECK JET_ERR dup_string(const ESENT_WCHAR *wsz, size_t cch, ESENT_WCHAR **pwsz)
{
    ESENT_WCHAR *w = mem_alloc((cch + 1) * sizeof(ESENT_WCHAR));
    if (!w)
        return ERR_TRAP(JET_errOutOfMemory);
    if (cch)
        memcpy(w, wsz, cch * sizeof(ESENT_WCHAR));
    w[cch] = 0;
    *pwsz = w;
    return JET_errSuccess;
}

/* StringCbCopyW: cbMax in bytes; what does not fit is cut and terminated. */
static MUST_CHECK JET_ERR copy_out(const ESENT_WCHAR *src, ESENT_WCHAR *dst, size_t cbMax)
{
    if (!dst || cbMax < 1)
        return ERR_TRAP(JET_errInvalidParameter);
    const size_t cch = cbMax / sizeof(ESENT_WCHAR);
    if (cch == 0)
        return ERR_TRAP(JET_errInvalidParameter);     /* one byte: no room for a WCHAR */
    if (!src)
        src = u"";
    const size_t len = wstr_len(src);
    if (len < cch) {
        memcpy(dst, src, (len + 1) * sizeof(ESENT_WCHAR));
        return JET_errSuccess;
    }
    memcpy(dst, src, (cch - 1) * sizeof(ESENT_WCHAR));
    dst[cch - 1] = 0;
    return ERR_TRAP(JET_errBufferTooSmall);
}

static bool is_separator(ESENT_WCHAR ch)
{
    return ch == '\\' || ch == os_path_separator();
}

/* ---- page-size derived values ---------------------------------------------------------------
 * Small pages (up to 8 KB) have a 40-byte header, large ones 80 (ESE-FORMAT-NOTES, page header). */

static JET_API_PTR page_size(const struct param_store *ps)
{
    return process_store(ps)->num[PID_DATABASE_PAGE_SIZE];
}
static JET_API_PTR page_header_size(JET_API_PTR cbPage) { return cbPage <= 8192 ? 40 : 80; }

static JET_API_PTR key_most_for_page(JET_API_PTR cbPage)
{
    return cbPage >= 8192 ? 2000 : cbPage == 4096 ? 1000 : 500;
}
/* Largest record: the page's data area less one reserved tag (4 bytes). */
static JET_API_PTR record_size_most_for_page(JET_API_PTR cbPage)
{
    return cbPage - page_header_size(cbPage) - 4;
}
/* Long-value chunk: a small page less the chunk overhead (42 bytes plus the header); large pages
 * fit four chunks and use fixed sizes. */
static JET_API_PTR lv_chunk_most_for_page(JET_API_PTR cbPage)
{
    if (cbPage <= 8192)
        return cbPage - (42 + page_header_size(cbPage));
    return cbPage == 32768 ? 8150 : 4050;
}

/* ---- the print function (JET_paramPrintFunction reads its address) -------------------------- */

static int param_print_function(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stderr, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- stores -------------------------------------------------------------------------------- */

/* A number's default under the normal or the small configuration. */
static JET_API_PTR default_num(ESENT_ULONG id, bool fSmall)
{
    if (id == PID_PRINT_FUNCTION)
        return (JET_API_PTR)&param_print_function;
    const struct param_info *info = param_info(id);
    return fSmall ? info->def_small : info->def;
}

void param_store_init(struct param_store *ps)
{
    memset(ps, 0, sizeof *ps);
    ps->vfs = os_vfs_default();
    for (ESENT_ULONG id = 0; id < PARAM_ID_COUNT; id++) {
        ps->num[id] = default_num(id, false);
        ps->wsz[id] = param_info(id)->wsz_def;
    }
    ps->config = CONFIG_DEFAULT;
    ps->unicode_lcid = UNICODE_LCID_DEFAULT;
    ps->unicode_map_flags = UNICODE_FLAGS_DEFAULT;
}

void param_store_set_vfs(struct param_store *ps, struct os_vfs *vfs)
{
    ps->vfs = vfs;
}

JET_ERR param_store_copy(struct param_store *dst, struct param_store *global)
{
    *dst = *global;
    dst->global = global;
    for (ESENT_ULONG id = 0; id < PARAM_ID_COUNT; id++) {
        if (!(global->state[id] & PARAM_STATE_OWNED))
            continue;
        ESENT_WCHAR *w = wstr_dup(global->wsz[id]);
        if (!w) {
            for (ESENT_ULONG j = 0; j < id; j++)
                if (dst->state[j] & PARAM_STATE_OWNED)
                    mem_free((void *)dst->wsz[j]);
            memset(dst, 0, sizeof *dst);
            return ERR_TRAP(JET_errOutOfMemory);
        }
        dst->wsz[id] = w;
    }
    /* What the instance reads as live values is its own, not the process's. */
    dst->lgen_recovery = 0;
    return JET_errSuccess;
}

void param_store_free(struct param_store *ps)
{
    for (ESENT_ULONG id = 0; id < PARAM_ID_COUNT; id++)
        if (ps->state[id] & PARAM_STATE_OWNED)
            drop_string(ps, id);
}

/* ---- generic setters (ESE's typed Set functions) --------------------------------------------- */

/* The checks every ordinary value goes through. The same number as now passes before the locks
 * are looked at, so rewriting a locked value succeeds (strings never compare equal). */
static MUST_CHECK JET_ERR check_write(const struct param_store *s, const struct param_info *info,
        ESENT_ULONG id, enum param_target t, JET_API_PTR v, const ESENT_WCHAR *wsz)
{
    const bool fString = type_is_string(info->type);
    if (!fString && v == s->num[id])
        return JET_errSuccess;
    if ((info->flags & PARAM_LOCK_RUNNING) && is_running(t))
        return ERR_TRAP(JET_errAlreadyInitialized);
    if ((info->flags & PARAM_LOCK_INIT) && is_inited(t))
        return ERR_TRAP(JET_errAlreadyInitialized);
    const JET_API_PTR x = fString ? (JET_API_PTR)(wsz ? wstr_len(wsz) : 0) : v;
    if (x < info->min || x > info->max)
        return ERR_TRAP(JET_errInvalidParameter);
    return JET_errSuccess;
}

/* Absolute form of a folder or file path, mem_alloc'd (GetFullPathName: NULL and "" mean the
 * current directory, and a trailing separator stays). Without a file system (tests of the
 * table alone) the value is kept as given. */
static MUST_CHECK JET_ERR complete_path(const struct param_store *s, const ESENT_WCHAR *wsz, ESENT_WCHAR **pwszFull)
{
    JET_ERR err;
    if (!wsz || !wsz[0])
        wsz = u".";
    if (!s->vfs)
        return dup_string(wsz, wstr_len(wsz), pwszFull);
    CALL_R(s->vfs->ops->full_path(s->vfs, wsz, pwszFull));
    const size_t cchIn = wstr_len(wsz), cch = wstr_len(*pwszFull);
    if (is_separator(wsz[cchIn - 1]) && (cch == 0 || !is_separator((*pwszFull)[cch - 1]))) {
        ESENT_WCHAR *w = mem_realloc(*pwszFull, (cch + 2) * sizeof(ESENT_WCHAR));
        if (!w) {
            mem_free(*pwszFull);
            *pwszFull = NULL;
            return ERR_TRAP(JET_errOutOfMemory);
        }
        w[cch] = os_path_separator();
        w[cch + 1] = 0;
        *pwszFull = w;
    }
    return JET_errSuccess;
}

/* A name with no folder part: ESE keeps such temp-database names relative. */
static bool is_bare_file_name(const ESENT_WCHAR *wsz)
{
    if (!wsz)
        return true;
    for (const ESENT_WCHAR *p = wsz; *p; p++)
        if (is_separator(*p) || *p == ':')
            return false;
    return wstr_cmp(wsz, u".") != 0 && wstr_cmp(wsz, u"..") != 0;
}

static MUST_CHECK JET_ERR set_folder_or_path(struct param_store *s, const struct param_info *info,
        ESENT_ULONG id, const ESENT_WCHAR *wsz)
{
    JET_ERR err;
    ESENT_WCHAR *wszFull = NULL, *wszNew = NULL;

    CALL(complete_path(s, wsz, &wszFull));
    size_t cch = wstr_len(wszFull);
    if (info->type == PARAM_TYPE_FOLDER) {
        if (cch == 0)
            FAIL(JET_errInvalidPath);
        if (!is_separator(wszFull[cch - 1])) {
            ESENT_WCHAR *w = mem_realloc(wszFull, (cch + 2) * sizeof(ESENT_WCHAR));
            if (!w)
                FAIL(JET_errOutOfMemory);
            wszFull = w;
            wszFull[cch++] = os_path_separator();
            wszFull[cch] = 0;
        }
    }
    if (cch < info->min || cch > info->max)
        FAIL(JET_errInvalidParameter);              /* the completed path is what must fit */
    const size_t cchIn = wsz ? wstr_len(wsz) : 0;
    if (info->type == PARAM_TYPE_PATH && !(cchIn && is_separator(wsz[cchIn - 1])) && is_bare_file_name(wsz)) {
        CALL(dup_string(wsz, cchIn, &wszNew));
    } else {
        wszNew = wszFull;
        wszFull = NULL;
    }
    put_string(s, id, wszNew);
out:
    mem_free(wszFull);
    return err;
}

/* The typed setter for an ordinary (non-custom) value, after routing and advanced gating. */
static MUST_CHECK JET_ERR set_typed(struct param_store *s, const struct param_info *info, ESENT_ULONG id,
        enum param_target t, JET_API_PTR v, const ESENT_WCHAR *wsz)
{
    JET_ERR err;

    if (info->type == PARAM_TYPE_NONE || (info->flags & PARAM_READONLY))
        return ERR_TRAP(JET_errInvalidParameter);
    CALL_R(check_write(s, info, id, t, v, wsz));
    /* A write of the current value still counts as written (JetEnableMultiInstance compares
     * which values the application set). */
    switch (info->type) {
    case PARAM_TYPE_BOOL:
        s->num[id] = v != 0;
        break;
    case PARAM_TYPE_BLOCKSIZE:
        if (v == 0 || (v & (v - 1)))
            return ERR_TRAP(JET_errInvalidParameter);
        s->num[id] = v;
        break;
    case PARAM_TYPE_STRING: {
        ESENT_WCHAR *w = NULL;
        const size_t cch = wsz ? wstr_len(wsz) : 0;
        CALL_R(dup_string(wsz, cch, &w));
        put_string(s, id, w);
        return JET_errSuccess;
    }
    case PARAM_TYPE_FOLDER:
    case PARAM_TYPE_PATH:
        return set_folder_or_path(s, info, id, wsz);
    default:
        s->num[id] = v;
        break;
    }
    s->state[id] |= PARAM_STATE_WRITTEN;
    return JET_errSuccess;
}

/* ---- JET_paramConfiguration ------------------------------------------------------------------ */

struct config_value { ESENT_ULONG id; JET_API_PTR v; uint8_t unit; };
enum { UNIT_NONE, UNIT_BYTES_TO_PAGES, UNIT_PCT_OF_CACHE_MAX };

static const struct config_value config_remove_quotas[] = {
    { PID_MAX_OPEN_TABLES, 0x7fffffff, UNIT_NONE },
    { PID_MAX_CURSORS, 0x7fffffff, UNIT_NONE },
    { PID_MAX_VER_PAGES, 0x7fffffff, UNIT_NONE },
    { PID_MAX_TEMPORARY_TABLES, 0x7fffffff, UNIT_NONE },
    { PID_PREFERRED_VER_PAGES, 0x7fffffff, UNIT_NONE },
    { PID_MAX_SESSIONS, 30000, UNIT_NONE },
};
static const struct config_value config_low_disk[] = {
    { PID_DB_EXTENSION_SIZE, 16, UNIT_NONE },
    { PID_PAGE_TEMP_DB_MIN, 14, UNIT_NONE },
    { PID_CIRCULAR_LOG, 1, UNIT_NONE },
    { PID_LOG_FILE_SIZE, 64, UNIT_NONE },
    { PID_CHECKPOINT_DEPTH_MAX, 512 * 1024, UNIT_NONE },
};
static const struct config_value config_medium_disk[] = {
    { PID_DB_EXTENSION_SIZE, 512 * 1024, UNIT_BYTES_TO_PAGES },
    { PID_PAGE_TEMP_DB_MIN, 30, UNIT_NONE },
    { PID_CIRCULAR_LOG, 1, UNIT_NONE },
    { PID_LOG_FILE_SIZE, 512, UNIT_NONE },
    { PID_CHECKPOINT_DEPTH_MAX, 4 * 1024 * 1024, UNIT_NONE },
};
static const struct config_value config_dynamic_medium_memory[] = {
    { PID_MAX_INSTANCES, 1, UNIT_NONE },
    { PID_LOG_BUFFERS, 512, UNIT_NONE },
    { PID_PAGE_HINT_CACHE_SIZE, 64, UNIT_NONE },
    { PID_ENABLE_FILE_CACHE, 1, UNIT_NONE },
    { PID_ENABLE_VIEW_CACHE, 1, UNIT_NONE },
    { PID_CACHE_SIZE_MIN, 128 * 1024, UNIT_BYTES_TO_PAGES },
    { PID_CACHE_SIZE_MAX, 5 * 1024 * 1024, UNIT_BYTES_TO_PAGES },
    { PID_START_FLUSH_THRESHOLD, 2, UNIT_PCT_OF_CACHE_MAX },
    { PID_STOP_FLUSH_THRESHOLD, 3, UNIT_PCT_OF_CACHE_MAX },
    { PID_LRUK_HISTORY_MAX, 1000, UNIT_NONE },
    { PID_GLOBAL_MIN_VER_PAGES, 1, UNIT_NONE },
    { PID_VER_PAGE_SIZE, 8192, UNIT_NONE },
    { PID_OUTSTANDING_IO_MAX, 48, UNIT_NONE },
};
static const struct config_value config_ssd_profile_io[] = {
    { PID_MAX_COALESCE_READ_SIZE, 256 * 1024, UNIT_NONE },
    { PID_MAX_COALESCE_WRITE_SIZE, 256 * 1024, UNIT_NONE },
    { PID_MAX_COALESCE_WRITE_GAP_SIZE, 0, UNIT_NONE },
    { PID_OUTSTANDING_IO_MAX, 16, UNIT_NONE },
    { PID_PREREAD_IO_MAX, 5, UNIT_NONE },
};
static const struct config_value config_run_silent[] = {
    { PID_NO_INFORMATION_EVENT, 1, UNIT_NONE },
    { PID_EVENT_LOGGING_LEVEL, 0, UNIT_NONE },
    { PID_DISABLE_PERFMON, 1, UNIT_NONE },
};

/* Put a parameter back to v as a configuration does (ESE's Reset): no range or advanced checks,
 * the written flag cleared, refused silently for values locked in this phase. Custom parameters
 * take v the way their setter would. */
static void reset_value(struct param_store *s, enum param_target t, ESENT_ULONG id, JET_API_PTR v)
{
    const struct param_info *info = param_info(id);

    if ((info->flags & PARAM_LOCK_RUNNING) && is_running(t))
        return;
    if ((info->flags & PARAM_LOCK_INIT) && is_inited(t))
        return;
    if (type_is_string(info->type)) {
        drop_string(s, id);
        s->wsz[id] = info->wsz_def;
    } else {
        switch (id) {
        case PID_UNICODE_INDEX_DEFAULT:
            s->unicode_lcid = UNICODE_LCID_DEFAULT;
            s->unicode_map_flags = UNICODE_FLAGS_DEFAULT;
            break;
        case PID_CACHED_CLOSED_TABLES:
            if (!is_instance(t))
                return;         /* its setter ignores the process store entirely */
            s->num[id] = v;
            break;
        case PID_DATABASE_PAGE_SIZE:
            s->num[id] = v;
            s->num[PID_LV_CHUNK_SIZE_MOST] = lv_chunk_most_for_page(v);
            break;
        case PID_DBA_PAGE_AVAIL_THRESHOLD: case PID_DBA_K1: case PID_DBA_K2:
            return;
        default:
            s->num[id] = v;
            break;
        }
    }
    s->state[id] &= (uint8_t)~PARAM_STATE_WRITTEN;
}

/* Whether a configuration step may touch id in s: an instance's configuration leaves the
 * process-wide parameters alone. */
static bool config_touches(enum param_target t, ESENT_ULONG id)
{
    return id != PID_CONFIGURATION && !(is_instance(t) && (param_info(id)->flags & PARAM_GLOBAL));
}

static void config_apply(struct param_store *s, enum param_target t, const struct config_value *cv, size_t n)
{
    const struct param_store *p = process_store(s);

    for (size_t i = 0; i < n; i++) {
        /* Read each time: an earlier entry may have just changed the cache size. */
        const JET_API_PTR cbPage = p->num[PID_DATABASE_PAGE_SIZE];
        const JET_API_PTR cpgCacheMax = p->num[PID_CACHE_SIZE_MAX];
        JET_API_PTR v = cv[i].v;
        if (cv[i].unit == UNIT_BYTES_TO_PAGES) {
            v /= cbPage;
        } else if (cv[i].unit == UNIT_PCT_OF_CACHE_MAX) {
            v = cpgCacheMax * v / 100;
            if (cpgCacheMax <= 100)
                v = MAX(v, (JET_API_PTR)(cv[i].id == PID_START_FLUSH_THRESHOLD ? 1 : 2));
        }
        if (cv[i].id == PID_LOG_FILE_SIZE && cbPage == 32768 && v == 64)
            v = 128;                /* 64 KB logs do not work with 32 KB pages */
        if (config_touches(t, cv[i].id))
            reset_value(s, t, cv[i].id, v);
    }
}

static MUST_CHECK JET_ERR set_configuration(struct param_store *s, enum param_target t, JET_API_PTR v)
{
    const struct param_info *info = param_info(PID_CONFIGURATION);

    if (!is_instance(t) && is_running(t))
        return ERR_TRAP(JET_errAlreadyInitialized);
    if (is_inited(t))
        return ERR_TRAP(JET_errAlreadyInitialized);
    if (v < info->min || v > info->max)
        return ERR_TRAP(JET_errInvalidParameter);

    uint32_t set, final, stored;
    if (v == CONFIG_LEGACY_SMALL) {
        /* Vista's "small configuration": today a set of configurations, read back as 0. */
        set = CONFIG_DEFAULT | CONFIG_LOW_DISK_FOOTPRINT | CONFIG_LOW_MEMORY | CONFIG_REMOVE_QUOTAS;
        final = set;
        stored = CONFIG_LEGACY_SMALL;
    } else {
        set = (uint32_t)v;
        /* Without JET_configDefault the new sets add to the ones in force. */
        final = (set & CONFIG_DEFAULT) ? CONFIG_DEFAULT : s->config;
        final |= set & ~CONFIG_DEFAULT;
        stored = final;
    }
    s->num[PID_CONFIGURATION] = stored;
    s->state[PID_CONFIGURATION] |= PARAM_STATE_WRITTEN;
    s->config = final;

    const bool fSmall = stored == CONFIG_LEGACY_SMALL;
    if ((set & CONFIG_DEFAULT) || fSmall) {
        for (ESENT_ULONG id = 0; id < PARAM_ID_COUNT; id++) {
            if (!config_touches(t, id))
                continue;
            reset_value(s, t, id, default_num(id, fSmall));
        }
    }
    if ((set & CONFIG_LOW_DISK_FOOTPRINT) && !fSmall)
        config_apply(s, t, config_low_disk, ARRAY_SIZE(config_low_disk));
    if (set & CONFIG_MEDIUM_DISK_FOOTPRINT)
        config_apply(s, t, config_medium_disk, ARRAY_SIZE(config_medium_disk));
    if ((set & CONFIG_LOW_MEMORY) && !fSmall) {
        for (ESENT_ULONG id = 0; id < PARAM_ID_COUNT; id++) {
            if (config_touches(t, id) && default_num(id, true) != default_num(id, false))
                reset_value(s, t, id, default_num(id, true));
        }
    }
    if (set & CONFIG_DYNAMIC_MEDIUM_MEMORY)
        config_apply(s, t, config_dynamic_medium_memory, ARRAY_SIZE(config_dynamic_medium_memory));
    if (set & CONFIG_SSD_PROFILE_IO)
        config_apply(s, t, config_ssd_profile_io, ARRAY_SIZE(config_ssd_profile_io));
    if (set & CONFIG_REMOVE_QUOTAS)
        config_apply(s, t, config_remove_quotas, ARRAY_SIZE(config_remove_quotas));
    if (set & CONFIG_RUN_SILENT)
        config_apply(s, t, config_run_silent, ARRAY_SIZE(config_run_silent));
    /* JET_configUnthrottledMemory, LowPower and HighConcurrencyScaling change no parameter. */
    return JET_errSuccess;
}

/* ---- other parameter-specific setters -------------------------------------------------------- */

/* LCIDToLocaleName stand-in until the normalization code has the NLS tables: a language with
 * no reserved bits set. The user/system/neutral defaults resolve to the default locale. */
static bool lcid_resolve(ESENT_ULONG lcid, ESENT_ULONG *plcidOut)
{
    if (lcid == 0 || lcid == 0x0400 || lcid == 0x0800) {
        FIXME("locale %#x resolves to en-US\n", (unsigned)lcid);
        *plcidOut = UNICODE_LCID_DEFAULT;
        return true;
    }
    if (lcid == 0x007f) {           /* LOCALE_INVARIANT */
        *plcidOut = lcid;
        return true;
    }
    if ((lcid >> 20) != 0 || (lcid & 0x3ff) == 0 || (lcid & 0x3ff) == 0x3ff)
        return false;
    *plcidOut = lcid;
    return true;
}

/* LCMapString flags: MAP_SORTKEY is added to anything but MAP_UPPERCASE alone, which
 * (like every flag outside the sort-key set) is refused. Writes the adjusted flags back. */
static bool map_flags_fix(ESENT_ULONG *pflags)
{
    if (*pflags != MAP_UPPERCASE)
        *pflags |= MAP_SORTKEY;
    return (*pflags & ~UNICODE_FLAGS_VALID) == MAP_SORTKEY;
}

static MUST_CHECK JET_ERR set_unicode_index_default(struct param_store *s, enum param_target t, JET_API_PTR v)
{
    struct param_unicodeindex *pui = (struct param_unicodeindex *)v;
    ESENT_ULONG lcid;

    if (!pui) {
        s->unicode_lcid = UNICODE_LCID_DEFAULT;
        s->unicode_map_flags = UNICODE_FLAGS_DEFAULT;
        return JET_errSuccess;
    }
    /* The caller's flags are adjusted in place, as ESE does. An instance stores its flags before
     * looking at the locale, so a bad locale leaves the new flags behind. */
    if (is_instance(t)) {
        if (!map_flags_fix(&pui->dwMapFlags))
            return ERR_TRAP(JET_errInvalidParameter);
        s->unicode_map_flags = pui->dwMapFlags;
        if (!lcid_resolve(pui->lcid, &lcid))
            return ERR_TRAP(JET_errInvalidParameter);
        s->unicode_lcid = lcid;
        return JET_errSuccess;
    }
    if (!lcid_resolve(pui->lcid, &lcid) || !map_flags_fix(&pui->dwMapFlags))
        return ERR_TRAP(JET_errInvalidParameter);
    s->unicode_lcid = lcid;
    s->unicode_map_flags = pui->dwMapFlags;
    return JET_errSuccess;
}

static MUST_CHECK JET_ERR set_engine_format_version(struct param_store *s, const struct param_info *info,
        enum param_target t, JET_API_PTR v)
{
    JET_ERR err;

    if (v < PARAM_EFV_MIN)
        return ERR_TRAP(JET_errEngineFormatVersionNoLongerSupportedTooLow);
    const bool fAllowHigher = (v & EFV_ALLOW_HIGHER) == EFV_ALLOW_HIGHER;
    const JET_API_PTR efv = v & ~(JET_API_PTR)(fAllowHigher ? EFV_ALLOW_HIGHER : 0);
    if (efv > PARAM_EFV_MAX && v != EFV_USE_PERSISTED && v != EFV_USE_ENGINE_DEFAULT)
        return ERR_TRAP(JET_errEngineFormatVersionNotYetImplementedTooHigh);
    if ((v & 0x40000000u) && efv < 5)
        return ERR_TRAP(JET_errInvalidParameter);   /* AllowHigher with a wildcard */
    /* FIXME: ESE also refuses (JET_errAlreadyInitialized) while the instance has a database
     * attached; the instance code checks that before calling here. */
    CALL_R(check_write(s, info, PID_ENGINE_FORMAT_VERSION, t, v, NULL));
    s->num[PID_ENGINE_FORMAT_VERSION] = v;
    s->state[PID_ENGINE_FORMAT_VERSION] |= PARAM_STATE_WRITTEN;
    return JET_errSuccess;
}

/* Setters of the PARAM_CUSTOM parameters. *pfHandled false: use the typed setter. */
static MUST_CHECK JET_ERR set_custom(struct param_store *s, const struct param_info *info, ESENT_ULONG id,
        enum param_target t, JET_API_PTR v, const ESENT_WCHAR *wsz, bool *pfHandled)
{
    JET_ERR err;

    *pfHandled = true;
    switch (id) {
    case PID_COMMIT_DEFAULT:
        /* No phase or range check: any valid commit grbit, at any time. */
        if ((ESENT_ULONG)v & ~PARAM_COMMIT_DEFAULT_BITS)
            return ERR_TRAP(JET_errInvalidParameter);
        s->num[id] = (ESENT_ULONG)v;
        s->state[id] |= PARAM_STATE_WRITTEN;
        return JET_errSuccess;
    case PID_CACHE_SIZE:
        /* The cache's requested size in pages: taken as is, at any time. */
        s->num[id] = v;
        s->state[id] |= PARAM_STATE_WRITTEN;
        return JET_errSuccess;
    case PID_CONFIGURATION:
        return set_configuration(s, t, v);
    case PID_CACHED_CLOSED_TABLES:
        if (!is_instance(t))
            return JET_errSuccess;      /* the process-wide value is never changed */
        *pfHandled = false;
        return JET_errSuccess;
    case PID_DATABASE_PAGE_SIZE:
        CALL_R(set_typed(s, info, id, t, v, wsz));
        s->num[PID_LV_CHUNK_SIZE_MOST] = lv_chunk_most_for_page(s->num[id]);
        return JET_errSuccess;
    case PID_ENABLE_SHRINK_DATABASE: {
        const ESENT_ULONG grbit = (ESENT_ULONG)v;
        if (grbit & ~(SHRINK_ON | SHRINK_REALTIME | SHRINK_PERIODICALLY))
            return ERR_TRAP(JET_errInvalidGrbit);
        if (!(grbit & SHRINK_ON) && grbit != 0)
            return ERR_TRAP(JET_errInvalidGrbit);
        *pfHandled = false;
        return JET_errSuccess;
    }
    case PID_CONFIG_STORE_SPEC:
        if (!wsz) {
            drop_string(s, id);                 /* NULL, not "": no phase check either */
            s->state[id] |= PARAM_STATE_WRITTEN;
            return JET_errSuccess;
        }
        if (wsz[0]) {
            FIXME("configuration stores (%s) are not supported\n", debugstr_w(wsz));
            return ERR_TRAP(JET_errFeatureNotAvailable);
        }
        *pfHandled = false;
        return JET_errSuccess;
    case PID_UNICODE_INDEX_DEFAULT:
        return set_unicode_index_default(s, t, v);
    case PID_ENGINE_FORMAT_VERSION:
        return set_engine_format_version(s, info, t, v);
    case PID_DBA_PAGE_AVAIL_THRESHOLD: case PID_DBA_K1: case PID_DBA_K2:
        return JET_errSuccess;                  /* accepted and forgotten */
    default:
        *pfHandled = false;
        return JET_errSuccess;
    }
}

JET_ERR param_set(struct param_store *ps, enum param_target target, ESENT_ULONG paramid,
        JET_API_PTR lParam, const ESENT_WCHAR *wszParam)
{
    JET_ERR err;
    const struct param_info *info = param_info(paramid);

    if (!info)
        return ERR_TRAP(JET_errInvalidParameter);
    struct param_store *s = route(ps, info);
    if ((info->flags & PARAM_ADVANCED) && !s->num[PID_ENABLE_ADVANCED]) {
        TRACE("%s ignored: JET_paramEnableAdvanced is off\n", info->name ? info->name : "(placeholder)");
        return JET_errSuccess;
    }
    if (info->flags & PARAM_CUSTOM) {
        bool fHandled;
        CALL_R(set_custom(s, info, paramid, target, lParam, wszParam, &fHandled));
        if (fHandled)
            return err;
    }
    return set_typed(s, info, paramid, target, lParam, wszParam);
}

/* ---- getters ------------------------------------------------------------------------------- */

static MUST_CHECK JET_ERR get_error_to_string(JET_API_PTR *plParam, ESENT_WCHAR *wsz, size_t cbMax)
{
    if (!plParam)
        return ERR_TRAP(JET_errInvalidParameter);
    if (!wsz || cbMax < 1)
        return ERR_TRAP(JET_errInvalidParameter);
    const size_t cch = cbMax / sizeof(ESENT_WCHAR);
    if (cch == 0)
        return ERR_TRAP(JET_errInvalidParameter);

    ESENT_ULONG u;                      /* the JET_ERR sits in the first 32 bits */
    memcpy(&u, plParam, sizeof u);
    const char *szName, *szText;
    param_error_text((JET_ERR)u, &szName, &szText);

    /* StringCbPrintfW: as much as fits, always terminated. */
    size_t ich = 0;
    const char *parts[3] = { szName, ", ", szText };
    for (size_t i = 0; i < 3; i++)
        for (const char *p = parts[i]; *p; p++) {
            if (ich + 1 >= cch) {
                wsz[ich] = 0;
                return ERR_TRAP(JET_errBufferTooSmall);
            }
            wsz[ich++] = (unsigned char)*p;
        }
    wsz[ich] = 0;
    return JET_errSuccess;
}

JET_ERR param_get(const struct param_store *ps, enum param_target target, ESENT_ULONG paramid,
        JET_API_PTR *plParam, ESENT_WCHAR *wszParam, size_t cbMax)
{
    const struct param_info *info = param_info(paramid);

    if (!info || info->type == PARAM_TYPE_NONE)
        return ERR_TRAP(JET_errInvalidParameter);
    const struct param_store *s = route_c(ps, info);

    switch (paramid) {
    case PID_COMMIT_DEFAULT: {
        if (!plParam)
            return ERR_TRAP(JET_errInvalidParameter);
        /* Only a JET_GRBIT is stored: the upper half of a 64-bit *plParam stays as it was. */
        const ESENT_ULONG grbit = (ESENT_ULONG)s->num[paramid];
        memcpy(plParam, &grbit, sizeof grbit);
        return JET_errSuccess;
    }
    case PID_TRANSACTION_LEVEL:
        return ERR_TRAP(JET_errInvalidParameter);   /* needs a session: the caller answers */
    case PID_CACHE_SIZE:
        if (!plParam)
            return ERR_TRAP(JET_errInvalidParameter);
        *plParam = s->cache_pages_now;              /* the cache's size, not the request */
        return JET_errSuccess;
    case PID_ERROR_TO_STRING:
        return get_error_to_string(plParam, wszParam, cbMax);
    case PID_UNICODE_INDEX_DEFAULT: {
        if (!plParam)
            return ERR_TRAP(JET_errInvalidParameter);
        if (cbMax < sizeof(struct param_unicodeindex))
            return ERR_TRAP(JET_errBufferTooSmall);
        const struct param_unicodeindex ui = { s->unicode_lcid, s->unicode_map_flags };
        memcpy(plParam, &ui, sizeof ui);
        return JET_errSuccess;
    }
    case PID_RECOVERY_CURRENT_LOGFILE:
        if (!plParam || !is_instance(target) || s->lgen_recovery == 0)
            return ERR_TRAP(JET_errInvalidParameter);
        *plParam = s->lgen_recovery;
        return JET_errSuccess;
    case PID_DBA_PAGE_AVAIL_THRESHOLD: case PID_DBA_K1: case PID_DBA_K2:
        return JET_errSuccess;                      /* nothing is written */
    case PID_KEY_MOST:
    case PID_RECORD_SIZE_MOST:
    case PID_ENGINE_FORMAT_VERSION:
        if (!plParam)
            return ERR_TRAP(JET_errInvalidParameter);
        *plParam = param_num(ps, paramid);
        return JET_errSuccess;
    default:
        break;
    }

    if (type_is_string(info->type))
        return copy_out(s->wsz[paramid], wszParam, cbMax);
    if (info->type == PARAM_TYPE_SPECIAL)
        return ERR_TRAP(JET_errInvalidParameter);
    if (!plParam)
        return ERR_TRAP(JET_errInvalidParameter);
    *plParam = s->num[paramid];
    return JET_errSuccess;
}

/* ---- the engine's view ------------------------------------------------------------------------ */

JET_API_PTR param_num(const struct param_store *ps, ESENT_ULONG paramid)
{
    const struct param_info *info = param_info(paramid);
    assert(info);
    const struct param_store *s = route_c(ps, info);
    switch (paramid) {
    case PID_KEY_MOST:
        return key_most_for_page(page_size(ps));
    case PID_RECORD_SIZE_MOST:
        return record_size_most_for_page(page_size(ps));
    case PID_ENGINE_FORMAT_VERSION:
        return s->num[paramid] == EFV_USE_ENGINE_DEFAULT ? PARAM_EFV_DEFAULT : s->num[paramid];
    default:
        return s->num[paramid];
    }
}

const ESENT_WCHAR *param_wsz(const struct param_store *ps, ESENT_ULONG paramid)
{
    const struct param_info *info = param_info(paramid);
    assert(info && type_is_string(info->type));
    const ESENT_WCHAR *w = route_c(ps, info)->wsz[paramid];
    return w ? w : u"";
}

bool param_written(const struct param_store *ps, ESENT_ULONG paramid)
{
    const struct param_info *info = param_info(paramid);
    assert(info);
    return (route_c(ps, info)->state[paramid] & PARAM_STATE_WRITTEN) != 0;
}

void param_publish_cache_size(struct param_store *ps, JET_API_PTR cpg)
{
    (ps->global ? ps->global : ps)->cache_pages_now = cpg;     /* the cache is process-wide */
}

void param_publish_log_generation(struct param_store *ps, ESENT_ULONG lgen)
{
    ps->lgen_recovery = lgen;
}
