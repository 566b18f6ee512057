/* SPDX-License-Identifier: MIT
 * base/debug.c: ESENT_DEBUG parsing and the trace writer.
 * Layer: base. No OS calls: getenv and stdio only, so every layer may trace. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "debug.h"

static const char *const debug_channel_names[DBG_CH_COUNT] = {
    "api", "isam", "cursor", "catalog", "record", "ver", "btree", "space", "page", "cache",
    "log", "recovery", "os", "base", "err", "tool",
};

unsigned char debug_flags[DBG_CH_COUNT];
static int debug_initialized;
static long errtrap_code;   /* 0: no trap */

static const struct { const char *name; unsigned char bit; } class_names[] = {
    { "err", DBG_ERR }, { "fixme", DBG_FIXME }, { "warn", DBG_WARN }, { "trace", DBG_TRACE },
};

static void apply_item(const char *item, size_t cch)
{
    unsigned char classes = DBG_ERR | DBG_FIXME | DBG_WARN | DBG_TRACE;
    size_t i = 0;

    while (i < cch && item[i] != '+' && item[i] != '-') i++;
    if (i == cch) return;                       /* no sign: ignore, as Wine does */
    if (i > 0) {
        size_t k;
        classes = 0;
        for (k = 0; k < ARRAY_SIZE(class_names); k++)
            if (strlen(class_names[k].name) == i && !memcmp(item, class_names[k].name, i))
                classes = class_names[k].bit;
        if (!classes) return;
    }
    bool enable = item[i] == '+';
    const char *ch = item + i + 1;
    size_t cch_ch = cch - i - 1;
    for (int c = 0; c < DBG_CH_COUNT; c++) {
        bool all = cch_ch == 3 && !memcmp(ch, "all", 3);
        if (!all && !(strlen(debug_channel_names[c]) == cch_ch && !memcmp(ch, debug_channel_names[c], cch_ch)))
            continue;
        if (enable) debug_flags[c] |= classes;
        else debug_flags[c] &= (unsigned char)~classes;
    }
}

void debug_configure(const char *spec)
{
    for (int c = 0; c < DBG_CH_COUNT; c++)
        debug_flags[c] = DBG_ERR | DBG_FIXME;
    while (spec && *spec) {
        const char *end = strchr(spec, ',');
        size_t cch = end ? (size_t)(end - spec) : strlen(spec);
        apply_item(spec, cch);
        spec = end ? end + 1 : NULL;
    }
}

void debug_init(void)
{
    if (debug_initialized) return;
    debug_configure(getenv("ESENT_DEBUG"));
    const char *trap = getenv("ESENT_ERRTRAP");
    errtrap_code = trap ? strtol(trap, NULL, 0) : 0;
    debug_initialized = 1;
}

void debug_log(enum debug_channel ch, enum debug_class cls, const char *func, const char *fmt, ...)
{
    char line[1024];
    const char *cls_name = cls == DBG_ERR ? "err" : cls == DBG_FIXME ? "fixme" : cls == DBG_WARN ? "warn" : "trace";
    int n = snprintf(line, sizeof line, "esent:%s:%s:%s ", cls_name, debug_channel_names[ch], func);
    if (n < 0) return;
    if ((size_t)n < sizeof line) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
        va_end(ap);
    }
    /* One fputs per line keeps lines from concurrent threads whole. */
    size_t len = strlen(line);
    if (len == 0 || line[len - 1] != '\n') {
        if (len + 1 < sizeof line) { line[len] = '\n'; line[len + 1] = 0; }
        else line[sizeof line - 2] = '\n';
    }
    fputs(line, stderr);
}

JET_ERR err_trap(JET_ERR err, const char *file, int line)
{
    if (UNLIKELY(debug_flags[DBG_CH_err] & DBG_WARN))
        debug_log(DBG_CH_err, DBG_WARN, "trap", "%s:%d: error %ld", file, line, (long)err);
#ifndef NDEBUG
    if (errtrap_code != 0 && errtrap_code == (long)err) {
        fprintf(stderr, "esent: ESENT_ERRTRAP %ld at %s:%d\n", (long)err, file, line);
        __builtin_trap();
    }
#endif
    return err;
}

/* Trace strings: a small ring of buffers. Trace output only; concurrent tracers may see a
 * buffer reused under heavy load, which garbles a trace line but is otherwise harmless. */
static char debugstr_ring[8][256];
static unsigned debugstr_next;

static char *debugstr_buf(void)
{
    return debugstr_ring[__atomic_fetch_add(&debugstr_next, 1, __ATOMIC_RELAXED) % ARRAY_SIZE(debugstr_ring)];
}

const char *debugstr_a(const char *sz)
{
    if (!sz) return "(null)";
    char *buf = debugstr_buf();
    size_t o = 0;
    buf[o++] = '"';
    for (; *sz && o < 250; sz++) {
        unsigned char c = (unsigned char)*sz;
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') buf[o++] = (char)c;
        else o += (size_t)snprintf(buf + o, 256 - o, "\\x%02x", c);
    }
    if (*sz) { buf[o++] = '.'; buf[o++] = '.'; }
    buf[o++] = '"';
    buf[o] = 0;
    return buf;
}

const char *debugstr_w(const ESENT_WCHAR *wsz)
{
    if (!wsz) return "(null)";
    char *buf = debugstr_buf();
    size_t o = 0;
    buf[o++] = 'L';
    buf[o++] = '"';
    for (; *wsz && o < 240; wsz++) {
        unsigned c = *wsz;
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') buf[o++] = (char)c;
        else o += (size_t)snprintf(buf + o, 256 - o, "\\x%04x", c);
    }
    if (*wsz) { buf[o++] = '.'; buf[o++] = '.'; }
    buf[o++] = '"';
    buf[o] = 0;
    return buf;
}
