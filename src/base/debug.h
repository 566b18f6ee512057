/* SPDX-License-Identifier: MIT
 * base/debug.h: trace channels in the WINEDEBUG style.
 *
 * ESENT_DEBUG selects what is printed to stderr, with Wine's syntax: a comma-separated list of
 * [class]{+|-}channel, where class is err, fixme, warn or trace (all four when omitted) and
 * channel is a layer name or `all`. Examples: "+api" (everything the exports do), "trace+btree",
 * "-all" (silence). Default: err and fixme on every channel, as in Wine.
 * ESENT_ERRTRAP=<JET_ERR> makes ERR_TRAP stop at the point where that error is born (debug builds).
 *
 * Each .c file names its channel once with DEBUG_CHANNEL(layer); the macros then test one byte
 * before formatting anything, so disabled tracing costs a load and a branch. */
#ifndef BASE_DEBUG_H
#define BASE_DEBUG_H

#include <stdbool.h>
#include "base.h"

enum debug_class { DBG_ERR = 1, DBG_FIXME = 2, DBG_WARN = 4, DBG_TRACE = 8 };

/* One entry per layer; keep in step with debug_channel_names[] in debug.c. */
enum debug_channel {
    DBG_CH_api, DBG_CH_isam, DBG_CH_cursor, DBG_CH_catalog, DBG_CH_record, DBG_CH_ver,
    DBG_CH_btree, DBG_CH_space, DBG_CH_page, DBG_CH_cache, DBG_CH_log, DBG_CH_recovery,
    DBG_CH_os, DBG_CH_base, DBG_CH_err, DBG_CH_tool,
    DBG_CH_COUNT
};

extern unsigned char debug_flags[DBG_CH_COUNT];

#define DEBUG_CHANNEL(ch) static const enum debug_channel debug_ch UNUSED = DBG_CH_##ch

/* Parse ESENT_DEBUG / ESENT_ERRTRAP. Idempotent; called at library load and lazily. */
void debug_init(void);
/* Replace the settings (tests): same syntax as ESENT_DEBUG. */
void debug_configure(const char *spec);
void debug_log(enum debug_channel ch, enum debug_class cls, const char *func, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
/* Render a UTF-16 string for a trace line (bounded, into a rotating static-per-thread-ish pool;
 * only for trace output). */
const char *debugstr_w(const ESENT_WCHAR *wsz);
const char *debugstr_a(const char *sz);

#define debug_on(cls) UNLIKELY(debug_flags[debug_ch] & (cls))

#define TRACE(...) do { if (debug_on(DBG_TRACE)) debug_log(debug_ch, DBG_TRACE, __func__, __VA_ARGS__); } while (0)
#define WARN(...)  do { if (debug_on(DBG_WARN))  debug_log(debug_ch, DBG_WARN,  __func__, __VA_ARGS__); } while (0)
#define ERR(...)   do { if (debug_on(DBG_ERR))   debug_log(debug_ch, DBG_ERR,   __func__, __VA_ARGS__); } while (0)
/* FIXME: something Windows does that we do not. Printed once per call site. */
#define FIXME(...) do { static int fixme_once_; \
        if (debug_on(DBG_FIXME) && !fixme_once_) { fixme_once_ = 1; \
            debug_log(debug_ch, DBG_FIXME, __func__, __VA_ARGS__); } } while (0)

#endif /* BASE_DEBUG_H */
