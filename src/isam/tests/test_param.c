/* SPDX-License-Identifier: MIT
 * isam/tests/test_param.c: the system parameter table and the rules of JetSet/GetSystemParameter.
 *
 * Expectations come from Microsoft's ESE reference pages (test_param_docs.inc, generated from
 * them). Where today's Windows behaves differently from what a page states for its last listed
 * release, the difference is written out in doc_deviations[] with the value Windows uses now
 * (taken from ESE's own parameter table) and the reason. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <unistd.h>
#include <cmocka.h>

#include "isam_param.h"
#include "debug.h"
#include "os.h"
#include "utf.h"

#define ANY ((JET_API_PTR)-1)

/* ---- what the reference pages say ---------------------------------------------------------- */

enum doc_yes_no { DOC_UNKNOWN, DOC_YES, DOC_NO };
enum doc_scope { DOC_GLOBAL = 1, DOC_INSTANCE };
enum doc_range { DOC_RANGE_NONE, DOC_RANGE_NUM, DOC_RANGE_BOOL, DOC_RANGE_LIST, DOC_RANGE_CHARS, DOC_RANGE_ANY };
#define DOC_TYPE_UNKNOWN 0xff

struct doc_param {
    ESENT_ULONG id;
    const char *name;
    uint8_t type;               /* enum param_type, or DOC_TYPE_UNKNOWN */
    uint8_t scope;              /* enum doc_scope, or DOC_UNKNOWN */
    uint8_t create, init;       /* "Set after JetCreateInstance / JetInit" */
    bool has_def;
    JET_API_PTR def;
    const ESENT_WCHAR *wsz_def;
    uint8_t range;
    JET_API_PTR min, max;
};

static const struct doc_param doc_params[] = {
#define DOC_PARAM(...) __VA_ARGS__,
#define DOC_SMALL(id, name, v)
#include "test_param_docs.inc"
#undef DOC_PARAM
#undef DOC_SMALL
};

struct doc_small { ESENT_ULONG id; const char *name; JET_API_PTR v; };
static const struct doc_small doc_small[] = {
#define DOC_PARAM(...)
#define DOC_SMALL(id, name, v) { id, name, v },
#include "test_param_docs.inc"
#undef DOC_PARAM
#undef DOC_SMALL
};

/* ---- where Windows today differs from the pages ----------------------------------------------- */

enum dev_field { DEV_TYPE, DEV_SCOPE, DEV_CREATE, DEV_INIT, DEV_DEF, DEV_MIN, DEV_MAX, DEV_SMALL };

struct doc_deviation {
    ESENT_ULONG id;
    uint8_t field;
    JET_API_PTR v;              /* what Windows does now */
    const char *why;
    const ESENT_WCHAR *wsz;     /* the string default, for DEV_DEF of a string */
};

#define DEV(id, field, v, why, wsz) { id, field, (JET_API_PTR)(v), why, wsz }
#define YES DOC_YES
#define NO  DOC_NO
#define VER_PAGE_SIZE ((JET_API_PTR)(16384 * sizeof(void *) / 4))

static const struct doc_deviation doc_deviations[] = {
    DEV(22, DEV_CREATE, YES, "BatchIOBufferMax is no longer used; ESE takes it at any time", NULL),
    DEV(22, DEV_INIT, YES, "BatchIOBufferMax is no longer used; ESE takes it at any time", NULL),
    DEV(23, DEV_MAX, ANY, "4294967295 was the 32-bit limit; any pointer-sized value is accepted", NULL),
    DEV(28, DEV_MAX, ANY, "4294967295 was the 32-bit limit; any pointer-sized value is accepted", NULL),
    DEV(34, DEV_DEF, 0, "the default is lowercase \"on\"", u"on"),
    DEV(41, DEV_MIN, 0, "JET_paramCacheSize is passed to the cache without any range check", NULL),
    DEV(41, DEV_MAX, ANY, "JET_paramCacheSize is passed to the cache without any range check", NULL),
    DEV(45, DEV_TYPE, PARAM_TYPE_INT, "since Windows 7 a JET_IndexChecking* value: Off 0, On 1, DeferToOpenTable 2", NULL),
    DEV(45, DEV_MAX, 2, "since Windows 7 a JET_IndexChecking* value: Off 0, On 1, DeferToOpenTable 2", NULL),
    DEV(45, DEV_DEF, 1, "JET_IndexCheckingOn is the default today", NULL),
    DEV(45, DEV_CREATE, YES, "index checking can be changed at any time today", NULL),
    DEV(45, DEV_INIT, YES, "index checking can be changed at any time today", NULL),
    DEV(47, DEV_MAX, 0, "IgnoreLogVersion is obsolete: only False is accepted, True gives JET_errInvalidParameter", NULL),
    DEV(48, DEV_DEF, 0, "DeleteOldLogs is obsolete and defaults to False", NULL),
    DEV(53, DEV_MAX, ANY, "4294967295 was the 32-bit limit; any pointer-sized value is accepted", NULL),
    DEV(60, DEV_MAX, ANY, "4294967295 was the 32-bit limit; any pointer-sized value is accepted", NULL),
    DEV(64, DEV_MIN, 4096, "pages are 4, 8, 16 or 32 KB since Windows 7", NULL),
    DEV(64, DEV_MAX, 32768, "pages are 4, 8, 16 or 32 KB since Windows 7", NULL),
    DEV(98, DEV_DEF, 4, "JET_ExceptionFailFast is the default today", NULL),
    DEV(100, DEV_INIT, YES, "CreatePathIfNotExist can be changed after JetInit", NULL),
    DEV(101, DEV_CREATE, NO, "the page hint cache is sized when the engine starts", NULL),
    DEV(101, DEV_INIT, NO, "the page hint cache is sized when the engine starts", NULL),
    DEV(102, DEV_SCOPE, DOC_INSTANCE, "OneDatabasePerSession is an instance value today", NULL),
    DEV(104, DEV_MAX, 10240, "up to 10240 instances", NULL),
    DEV(105, DEV_DEF, 4, "the version store cleanup queue defaults to 4", NULL),
    DEV(125, DEV_MIN, 0, "0 closed tables may be cached", NULL),
    DEV(125, DEV_INIT, YES, "CachedClosedTables can be changed after JetInit", NULL),
    DEV(128, DEV_DEF, VER_PAGE_SIZE, "16 KB per 32 bits of pointer: 32 KB on 64-bit Windows", NULL),
    DEV(129, DEV_MAX, 0x7ff, "since Windows 8 a combination of JET_config* bits", NULL),
    DEV(131, DEV_DEF, 19, "JET_coltypUnsignedLongLong (18) was added in Windows 10", NULL),
    DEV(133, DEV_INIT, YES, "IndexTupleStart can be changed after JetInit", NULL),
    DEV(134, DEV_SCOPE, DOC_INSTANCE, "read through the instance; the value follows the process-wide page size", NULL),
    DEV(135, DEV_DEF, 1, "checkpoint I/O is smoothed today; the limit defaults to 1", NULL),
    DEV(135, DEV_MIN, 1, "checkpoint I/O is smoothed today; the limit starts at 1", NULL),
    DEV(136, DEV_DEF, 3, "Windows' ESENT adds JET_bitEightDotThreeSoftCompat (2) to JET_bitESE98FileNames", NULL),
    DEV(152, DEV_MAX, 7, "JET_IOPriorityLowForCheckpoint (2) and JET_IOPriorityLowForScavenge (4) were added", NULL),
    DEV(160, DEV_INIT, YES, "DefragmentSequentialBTrees can be changed after JetInit", NULL),
    DEV(161, DEV_MAX, ANY, "any pointer-sized value is accepted", NULL),
    DEV(162, DEV_CREATE, NO, "the throttling quantum is fixed once the engine runs", NULL),
    DEV(162, DEV_DEF, 100, "the quantum defaults to 100 ms", NULL),
    DEV(162, DEV_MIN, 1, "a quantum of 0 is refused", NULL),
#define COALESCE(id, what) \
    DEV(id, DEV_CREATE, NO, what " is fixed once the engine runs", NULL), \
    DEV(id, DEV_DEF, 512 * 1024, what " defaults to 512 KB", NULL), \
    DEV(id, DEV_MAX, 10 * 1024 * 1024, what " is at most 10 MB", NULL)
    COALESCE(164, "MaxCoalesceReadSize"),
    COALESCE(165, "MaxCoalesceWriteSize"),
    COALESCE(166, "MaxCoalesceReadGapSize"),
    COALESCE(167, "MaxCoalesceWriteGapSize"),
#undef COALESCE
    DEV(69, DEV_SMALL, 1, "the small configuration keeps asynchronous log file creation", NULL),
    DEV(128, DEV_SMALL, 8192, "the small configuration uses 8 KB version buckets", NULL),
    DEV(130, DEV_SMALL, 1, "since Windows 8 the small configuration leaves JET_paramEnableAdvanced on", NULL),
    DEV(135, DEV_SMALL, 1, "checkpoint I/O is smoothed today; the limit is 1 in every configuration", NULL),
};

static const struct doc_deviation *deviation(ESENT_ULONG id, enum dev_field field)
{
    for (size_t i = 0; i < ARRAY_SIZE(doc_deviations); i++)
        if (doc_deviations[i].why && doc_deviations[i].id == id && doc_deviations[i].field == field)
            return &doc_deviations[i];
    return NULL;
}

/* The documented value of a field, or the deviation that replaces it. */
static JET_API_PTR expect(ESENT_ULONG id, enum dev_field field, JET_API_PTR documented)
{
    const struct doc_deviation *d = deviation(id, field);
    return d ? d->v : documented;
}

/* ---- a file system that completes paths against a fixed current directory ------------------ */

#define TEST_CWD "/srv/esent"

static JET_ERR fake_full_path(struct os_vfs *vfs, const ESENT_WCHAR *path, ESENT_WCHAR **pwszFull)
{
    (void)vfs;
    char sz[1024];
    char *in = utf16_to_utf8_dup(path);
    if (!in)
        return JET_errOutOfMemory;
    if (in[0] == '/' || in[0] == '\\')
        snprintf(sz, sizeof sz, "%s", in);
    else if (!strcmp(in, "."))
        snprintf(sz, sizeof sz, "%s", TEST_CWD);
    else if (!strcmp(in, ".\\") || !strcmp(in, "./"))
        snprintf(sz, sizeof sz, "%s/", TEST_CWD);
    else
        snprintf(sz, sizeof sz, "%s/%s", TEST_CWD, in);
    mem_free(in);
    *pwszFull = utf8_to_utf16_dup(sz);
    return *pwszFull ? JET_errSuccess : JET_errOutOfMemory;
}

static const struct os_vfs_ops fake_vfs_ops = { .full_path = fake_full_path };
static struct os_vfs fake_vfs = { &fake_vfs_ops };

/* ---- helpers ---------------------------------------------------------------------------------- */

static void init_store(struct param_store *ps)
{
    param_store_init(ps);
    param_store_set_vfs(ps, &fake_vfs);
}

struct stores { struct param_store process, inst; };

static int setup(void **state)
{
    struct stores *st = test_malloc(sizeof *st);
    init_store(&st->process);
    assert_int_equal(param_store_copy(&st->inst, &st->process), JET_errSuccess);
    *state = st;
    return 0;
}

static int teardown(void **state)
{
    struct stores *st = *state;
    param_store_free(&st->inst);
    param_store_free(&st->process);
    test_free(st);
    mem_fail_after(0);
    return 0;
}

static JET_API_PTR get_num(const struct param_store *ps, enum param_target t, ESENT_ULONG id)
{
    JET_API_PTR v = 0xcccccccc;
    assert_int_equal(param_get(ps, t, id, &v, NULL, 0), JET_errSuccess);
    return v;
}

/* UTF-8 rendering of a string parameter, for assert_string_equal. */
static const char *get_str(const struct param_store *ps, enum param_target t, ESENT_ULONG id)
{
    static char sz[1024];
    ESENT_WCHAR wsz[512];
    assert_int_equal(param_get(ps, t, id, NULL, wsz, sizeof wsz), JET_errSuccess);
    assert_true(utf16_to_utf8(wsz, sz, sizeof sz, NULL));
    return sz;
}

static const char *wstr8(const ESENT_WCHAR *wsz)
{
    static char sz[1024];
    assert_true(utf16_to_utf8(wsz, sz, sizeof sz, NULL));
    return sz;
}

static bool is_string_type(uint8_t type)
{
    return type == PARAM_TYPE_STRING || type == PARAM_TYPE_FOLDER || type == PARAM_TYPE_PATH;
}

/* ---- the table against the pages ---------------------------------------------------------------- */

static void test_param_table_matches_reference_pages(void **state)
{
    (void)state;
    int cMismatch = 0;
    struct param_store fresh;
    init_store(&fresh);
#define MISMATCH(...) do { cMismatch++; print_message(__VA_ARGS__); } while (0)

    for (size_t i = 0; i < ARRAY_SIZE(doc_params); i++) {
        const struct doc_param *d = &doc_params[i];
        const struct param_info *info = param_info(d->id);
        assert_non_null(info);
        assert_non_null(info->name);
        assert_string_equal(info->name, d->name);

        if (d->type != DOC_TYPE_UNKNOWN) {
            /* The pages call block sizes "Integer", and integers and grbits are handled alike. */
            uint8_t t = info->type == PARAM_TYPE_BLOCKSIZE || info->type == PARAM_TYPE_GRBIT ? PARAM_TYPE_INT : info->type;
            uint8_t td = (uint8_t)expect(d->id, DEV_TYPE, d->type);
            if (td == PARAM_TYPE_GRBIT)
                td = PARAM_TYPE_INT;
            if (t != td)
                MISMATCH("%s: type %u, documented %u\n", d->name, info->type, d->type);
        }
        if (d->scope != DOC_UNKNOWN) {
            const bool fGlobal = expect(d->id, DEV_SCOPE, d->scope) == DOC_GLOBAL;
            if (fGlobal != !!(info->flags & PARAM_GLOBAL))
                MISMATCH("%s: scope %s, documented %s\n", d->name,
                         (info->flags & PARAM_GLOBAL) ? "global" : "instance", fGlobal ? "global" : "instance");
        }
        /* "Set after JetCreateInstance" is about the engine running; "after JetInit" about the
         * instance, and a value locked while the engine runs is also locked after JetInit. */
        if (d->create != DOC_UNKNOWN) {
            const bool fYes = expect(d->id, DEV_CREATE, d->create) == DOC_YES;
            const bool fTable = !(info->flags & (PARAM_LOCK_RUNNING | PARAM_READONLY));
            if (fYes != fTable)
                MISMATCH("%s: settable after JetCreateInstance %d, documented %d\n", d->name, fTable, fYes);
        }
        if (d->init != DOC_UNKNOWN) {
            const bool fYes = expect(d->id, DEV_INIT, d->init) == DOC_YES;
            const bool fTable = !(info->flags & (PARAM_LOCK_RUNNING | PARAM_LOCK_INIT | PARAM_READONLY));
            if (fYes != fTable)
                MISMATCH("%s: settable after JetInit %d, documented %d\n", d->name, fTable, fYes);
        }
        /* Defaults as a fresh store holds them (some are computed, like JET_paramKeyMost). */
        if (d->has_def && !d->wsz_def && param_num(&fresh, d->id) != expect(d->id, DEV_DEF, d->def))
            MISMATCH("%s: default %llu, documented %llu\n", d->name, (unsigned long long)param_num(&fresh, d->id),
                     (unsigned long long)expect(d->id, DEV_DEF, d->def));
        if (d->has_def && d->wsz_def) {
            const struct doc_deviation *dev = deviation(d->id, DEV_DEF);
            const ESENT_WCHAR *wszExpected = dev ? dev->wsz : d->wsz_def;
            if (wstr_cmp(param_wsz(&fresh, d->id), wszExpected))
                MISMATCH("%s: default \"%s\", documented \"%s\"\n", d->name,
                         wstr8(param_wsz(&fresh, d->id)), wstr8(wszExpected));
        }
        if (d->range != DOC_RANGE_NONE && (info->flags & PARAM_READONLY)) {
            /* For information values the range is what may be read. */
            if (param_num(&fresh, d->id) < d->min || param_num(&fresh, d->id) > d->max)
                MISMATCH("%s: reads %llu, documented %llu..%llu\n", d->name, (unsigned long long)param_num(&fresh, d->id),
                         (unsigned long long)d->min, (unsigned long long)d->max);
        } else if (d->range != DOC_RANGE_NONE) {
            JET_API_PTR min = d->min, max = d->max;
            if (d->range == DOC_RANGE_ANY) {
                min = 0;
                max = ANY;
            }
            if (d->range == DOC_RANGE_BOOL)
                max = ANY;              /* any non-zero value means True (see the boolean test) */
            min = expect(d->id, DEV_MIN, min);
            max = expect(d->id, DEV_MAX, max);
            if (info->min != min || info->max != max)
                MISMATCH("%s: range %llu..%llu, documented %llu..%llu\n", d->name,
                         (unsigned long long)info->min, (unsigned long long)info->max,
                         (unsigned long long)min, (unsigned long long)max);
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(doc_small); i++) {
        const struct param_info *info = param_info(doc_small[i].id);
        assert_string_equal(info->name, doc_small[i].name);
        if (info->def_small != expect(doc_small[i].id, DEV_SMALL, doc_small[i].v))
            MISMATCH("%s: small-configuration default %llu, documented %llu\n", doc_small[i].name,
                     (unsigned long long)info->def_small, (unsigned long long)doc_small[i].v);
    }
#undef MISMATCH
    param_store_free(&fresh);
    assert_int_equal(cMismatch, 0);
}

static void test_param_table_names_every_id_but_placeholders(void **state)
{
    (void)state;
    for (ESENT_ULONG id = 0; id < PARAM_ID_COUNT; id++) {
        const struct param_info *info = param_info(id);
        assert_non_null(info);
        if (id == 185 || id == 221) {
            assert_null(info->name);
            assert_int_equal(info->type, PARAM_TYPE_NONE);
            continue;
        }
        assert_non_null(info->name);
        assert_int_equal(strncmp(info->name, "JET_param", 9), 0);
        if (is_string_type(info->type) && id != 189)
            assert_non_null(info->wsz_def);
        /* ESE's own consistency rule: a value locked as soon as the engine runs cannot belong
         * to an instance (an instance only exists while the engine runs). */
        if (info->flags & PARAM_LOCK_RUNNING)
            assert_true(info->flags & PARAM_GLOBAL);
        /* Defaults lie in their range (ESE expects the same of its table). */
        if (!is_string_type(info->type) && info->type != PARAM_TYPE_SPECIAL) {
            assert_true(info->min <= info->def && info->def <= info->max);
            assert_true(info->min <= info->def_small && info->def_small <= info->max);
        }
        if (is_string_type(info->type) && info->wsz_def) {
            assert_true(wstr_len(info->wsz_def) >= info->min);
            assert_true(wstr_len(info->wsz_def) <= info->max);
        }
    }
    assert_null(param_info(PARAM_ID_COUNT));
    assert_null(param_info(0xffffffffu));
}

static void test_param_defaults_read_back_as_documented(void **state)
{
    struct stores *st = *state;
    for (size_t i = 0; i < ARRAY_SIZE(doc_params); i++) {
        const struct doc_param *d = &doc_params[i];
        if (!d->has_def || d->type == PARAM_TYPE_SPECIAL)
            continue;
        if (d->wsz_def) {
            const struct doc_deviation *dev = deviation(d->id, DEV_DEF);
            const char *sz = wstr8(dev ? dev->wsz : d->wsz_def);
            char szExpected[1024];
            snprintf(szExpected, sizeof szExpected, "%s", sz);
            assert_string_equal(get_str(&st->process, PARAM_TARGET_PROCESS, d->id), szExpected);
            assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, d->id), szExpected);
        } else {
            const JET_API_PTR def = expect(d->id, DEV_DEF, d->def);
            assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, d->id), def);
            assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, d->id), def);
        }
    }
}

/* ---- ranges ------------------------------------------------------------------------------------ */

/* Parameters whose setter is not a plain range check (they have their own tests below). */
static bool has_own_setter(ESENT_ULONG id)
{
    const struct param_info *info = param_info(id);
    return (info->flags & (PARAM_CUSTOM | PARAM_READONLY)) && id != 64 && id != 125 && id != 184;
}

static void test_param_set_accepts_documented_range_edges(void **state)
{
    struct stores *st = *state;
    for (size_t i = 0; i < ARRAY_SIZE(doc_params); i++) {
        const struct doc_param *d = &doc_params[i];
        if ((d->range != DOC_RANGE_NUM && d->range != DOC_RANGE_LIST) || has_own_setter(d->id))
            continue;
        const JET_API_PTR min = expect(d->id, DEV_MIN, d->min), max = expect(d->id, DEV_MAX, d->max);
        /* Global parameters through the process store, the others through an instance. */
        struct param_store *ps = param_info(d->id)->flags & PARAM_GLOBAL ? &st->process : &st->inst;
        const enum param_target t = ps == &st->process ? PARAM_TARGET_PROCESS : PARAM_TARGET_INSTANCE;
        print_message("%s: %llu..%llu\n", d->name, (unsigned long long)min, (unsigned long long)max);
        assert_int_equal(param_set(ps, t, d->id, min, NULL), JET_errSuccess);
        assert_int_equal(get_num(ps, t, d->id), min);
        assert_int_equal(param_set(ps, t, d->id, max, NULL), JET_errSuccess);
        assert_int_equal(get_num(ps, t, d->id), max);
        if (min > 0)
            assert_int_equal(param_set(ps, t, d->id, min - 1, NULL), JET_errInvalidParameter);
        if (max != ANY)
            assert_int_equal(param_set(ps, t, d->id, max + 1, NULL), JET_errInvalidParameter);
        assert_int_equal(get_num(ps, t, d->id), max);       /* failures change nothing */
    }
}

static void test_param_booleans_take_any_nonzero_as_true(void **state)
{
    struct stores *st = *state;
    int cChecked = 0;
    for (size_t i = 0; i < ARRAY_SIZE(doc_params); i++) {
        const struct doc_param *d = &doc_params[i];
        if (d->range != DOC_RANGE_BOOL || expect(d->id, DEV_TYPE, d->type) != PARAM_TYPE_BOOL)
            continue;
        struct param_store *ps = param_info(d->id)->flags & PARAM_GLOBAL ? &st->process : &st->inst;
        const enum param_target t = ps == &st->process ? PARAM_TARGET_PROCESS : PARAM_TARGET_INSTANCE;
        const JET_API_PTR max = expect(d->id, DEV_MAX, ANY);
        assert_int_equal(param_set(ps, t, d->id, 0, NULL), JET_errSuccess);
        assert_int_equal(get_num(ps, t, d->id), 0);
        if (max == 0) {             /* the only accepted value is False */
            assert_int_equal(param_set(ps, t, d->id, 1, NULL), JET_errInvalidParameter);
            continue;
        }
        assert_int_equal(param_set(ps, t, d->id, 1, NULL), JET_errSuccess);
        assert_int_equal(get_num(ps, t, d->id), 1);
        assert_int_equal(param_set(ps, t, d->id, 0x12345, NULL), JET_errSuccess);
        assert_int_equal(get_num(ps, t, d->id), 1);
        cChecked++;
    }
    assert_true(cChecked > 10);
}

/* ---- when a value may be written ------------------------------------------------------------------ */

/* A value different from the default that the parameter accepts. */
static void other_value(const struct doc_param *d, JET_API_PTR *pv, const ESENT_WCHAR **pwsz)
{
    const struct param_info *info = param_info(d->id);
    *pv = 0;
    *pwsz = NULL;
    if (is_string_type(info->type)) {
        *pwsz = info->min == 3 ? u"abc" : u"sub";
        return;
    }
    switch (d->id) {
    case 16: *pv = 1; return;               /* JET_bitCommitLazyFlush */
    case 64: *pv = 8192; return;
    case 128: *pv = 8192; return;
    case 129: *pv = 0x11; return;           /* default + low memory */
    default: break;
    }
    *pv = info->def + 1 <= info->max ? info->def + 1 : info->def - 1;
    if (info->type == PARAM_TYPE_BOOL)
        *pv = !info->def;
}

static void test_param_phases_follow_reference_pages(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(doc_params); i++) {
        const struct doc_param *d = &doc_params[i];
        const struct param_info *info = param_info(d->id);
        if (info->type == PARAM_TYPE_SPECIAL || (info->flags & PARAM_READONLY) || d->create == DOC_UNKNOWN)
            continue;
        if (d->id == 47)
            continue;                       /* JET_paramIgnoreLogVersion: no other valid value */
        JET_API_PTR v;
        const ESENT_WCHAR *wsz;
        other_value(d, &v, &wsz);
        const bool fCreate = expect(d->id, DEV_CREATE, d->create) == DOC_YES;
        const bool fInit = d->init == DOC_UNKNOWN ? fCreate : expect(d->id, DEV_INIT, d->init) == DOC_YES;
        print_message("%s: after JetCreateInstance %d, after JetInit %d\n", d->name, fCreate, fInit);

        struct param_store process, inst;
        init_store(&process);
        assert_int_equal(param_store_copy(&inst, &process), JET_errSuccess);

        /* Before any instance exists everything but the read-only values can be written. */
        assert_int_equal(param_set(&process, PARAM_TARGET_PROCESS, d->id, v, wsz), JET_errSuccess);
        /* Writing the value a parameter already has never fails (JET_paramConfiguration has no
         * such shortcut: it always resets the other values). */
        if (!wsz && d->id != 129)
            assert_int_equal(param_set(&process, PARAM_TARGET_PROCESS_RUNNING, d->id, v, NULL), JET_errSuccess);
        param_store_free(&process);
        param_store_free(&inst);
        init_store(&process);
        assert_int_equal(param_store_copy(&inst, &process), JET_errSuccess);

        /* After JetCreateInstance: the process-wide value (JET_instanceNil in multi-instance
         * mode) for a global parameter, the new instance's own value for the others. */
        if (info->flags & PARAM_GLOBAL)
            assert_int_equal(param_set(&process, PARAM_TARGET_PROCESS_RUNNING, d->id, v, wsz),
                             fCreate ? JET_errSuccess : JET_errAlreadyInitialized);
        else
            assert_int_equal(param_set(&inst, PARAM_TARGET_INSTANCE, d->id, v, wsz),
                             fCreate ? JET_errSuccess : JET_errAlreadyInitialized);
        param_store_free(&process);
        param_store_free(&inst);
        init_store(&process);
        assert_int_equal(param_store_copy(&inst, &process), JET_errSuccess);

        /* After JetInit, through the instance. */
        assert_int_equal(param_set(&inst, PARAM_TARGET_INSTANCE_RUNNING, d->id, v, wsz),
                         fInit ? JET_errSuccess : JET_errAlreadyInitialized);
        param_store_free(&process);
        param_store_free(&inst);
    }
}

/* ---- ids, advanced gating, same-value writes ----------------------------------------------------- */

static void test_param_unknown_ids_are_invalid(void **state)
{
    struct stores *st = *state;
    JET_API_PTR v = 0x55;
    ESENT_WCHAR wsz[8] = { 'x', 0 };
    const ESENT_ULONG ids[] = { 185, 221, 222, 4096, 0xffffffffu };
    for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
        assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, ids[i], 1, NULL), JET_errInvalidParameter);
        assert_int_equal(param_get(&st->process, PARAM_TARGET_PROCESS, ids[i], &v, wsz, sizeof wsz),
                         JET_errInvalidParameter);
        assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, ids[i], &v, wsz, sizeof wsz),
                         JET_errInvalidParameter);
    }
    assert_int_equal(v, 0x55);
    assert_int_equal(wsz[0], 'x');
}

static void test_param_set_is_ignored_for_advanced_params_when_advanced_is_off(void **state)
{
    struct stores *st = *state;
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 130 /* EnableAdvanced */, 0, NULL), JET_errSuccess);
    /* JET_paramMaxSessions is advanced: success, value kept, even out of range or locked. */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 5, 100, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 5), 16);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 5, 999999, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 5, 100, NULL), JET_errSuccess);
    assert_false(param_written(&st->inst, 5));
    /* Not advanced: JET_paramLogFileSize is still checked. */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 11, 1, NULL), JET_errInvalidParameter);
    /* The placeholder id 185 is flagged advanced (and global) too. */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 185, 1, NULL), JET_errInvalidParameter);
    /* A global parameter looks at the process store's switch, which is still on. */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 23 /* CacheSizeMax */, 500, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 23), 500);
    /* The process store still takes its instance-scoped values. */
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 5, 100, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 5), 100);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 130, 0, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 185, 1, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 23, 600, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 23), 500);
}

static void test_param_set_of_current_value_succeeds_even_when_locked(void **state)
{
    struct stores *st = *state;
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS_RUNNING, 64, 4096, NULL), JET_errSuccess);
    assert_true(param_written(&st->process, 64));       /* and counts as written */
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS_RUNNING, 64, 8192, NULL), JET_errAlreadyInitialized);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 11, 5120, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 11, 4096, NULL), JET_errAlreadyInitialized);
    /* Strings are always compared as new values. */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 3, 0, u"edb"), JET_errAlreadyInitialized);
}

/* ---- strings -------------------------------------------------------------------------------------- */

static void test_param_get_string_truncates_and_terminates(void **state)
{
    struct stores *st = *state;
    ESENT_WCHAR wsz[8];
    const ESENT_ULONG id = 3;       /* JET_paramBaseName: "edb" */

    memset(wsz, 0xcc, sizeof wsz);
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, id, NULL, wsz, 8), JET_errSuccess);
    assert_memory_equal(wsz, u"edb", 8);
    memset(wsz, 0xcc, sizeof wsz);
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, id, NULL, wsz, 6), JET_errBufferTooSmall);
    assert_memory_equal(wsz, u"ed", 6);
    assert_int_equal(wsz[3], 0xcccc);
    memset(wsz, 0xcc, sizeof wsz);
    /* cbMax counts bytes; an odd count rounds down to whole WCHARs. */
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, id, NULL, wsz, 7), JET_errBufferTooSmall);
    assert_memory_equal(wsz, u"ed", 6);
    memset(wsz, 0xcc, sizeof wsz);
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, id, NULL, wsz, 2), JET_errBufferTooSmall);
    assert_int_equal(wsz[0], 0);
    memset(wsz, 0xcc, sizeof wsz);
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, id, NULL, wsz, 1), JET_errInvalidParameter);
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, id, NULL, wsz, 0), JET_errInvalidParameter);
    assert_int_equal(wsz[0], 0xcccc);
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, id, NULL, NULL, 8), JET_errInvalidParameter);
    /* The number buffer plays no part. */
    JET_API_PTR v = 7;
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, id, &v, wsz, 8), JET_errSuccess);
    assert_int_equal(v, 7);
}

static void test_param_get_number_needs_its_buffer(void **state)
{
    struct stores *st = *state;
    ESENT_WCHAR wsz[4] = { 'x', 0 };
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, 5, NULL, wsz, sizeof wsz), JET_errInvalidParameter);
    assert_int_equal(wsz[0], 'x');
}

static void test_param_string_lengths_are_checked_in_wchars(void **state)
{
    struct stores *st = *state;
    ESENT_WCHAR w[300];

    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 3, 0, u"ab"), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 3, 0, u"abcd"), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 3, 0, NULL), JET_errInvalidParameter);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 3), "edb");
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 3, 0, u"xyz"), JET_errSuccess);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 3), "xyz");
    assert_true(param_written(&st->inst, 3));

    for (size_t i = 0; i < 259; i++)
        w[i] = 0x20AC;              /* a non-ASCII BMP character counts as one */
    w[259] = 0;
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 4 /* EventSource */, 0, w), JET_errSuccess);
    ESENT_WCHAR back[300];
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, 4, NULL, back, sizeof back), JET_errSuccess);
    assert_memory_equal(back, w, 260 * sizeof(ESENT_WCHAR));
    w[259] = 'x';
    w[260] = 0;
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 4, 0, w), JET_errInvalidParameter);
    /* NULL means "". */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 4, 0, NULL), JET_errSuccess);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 4), "");
}

static void test_param_folder_is_completed_and_ends_in_a_separator(void **state)
{
    struct stores *st = *state;
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 0, 0, u"logs"), JET_errSuccess);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 0), TEST_CWD "/logs/");
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 2, 0, u"/data/x/"), JET_errSuccess);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 2), "/data/x/");
    /* NULL and "" name the current directory. */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 2, 0, NULL), JET_errSuccess);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 2), TEST_CWD "/");
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 216 /* RBSFilePath */, 0, u""), JET_errSuccess);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 216), TEST_CWD "/");
    /* The completed path must fit 246 characters, separator included. */
    ESENT_WCHAR w[300];
    const size_t cchCwd = strlen(TEST_CWD "/");
    for (size_t cchTotal = 243; cchTotal <= 249; cchTotal++) {
        const size_t cch = cchTotal - cchCwd - 1;       /* the name, then the separator added */
        for (size_t i = 0; i < cch; i++)
            w[i] = 'a';
        w[cch] = 0;
        assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 0, 0, w),
                         cchTotal <= 246 ? JET_errSuccess : JET_errInvalidParameter);
    }
    /* JET_paramLogFileFailoverPath allows 0 characters, which no completed folder has. */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 61, 0, u""), JET_errInvalidParameter);
}

static void test_param_folder_completes_against_the_real_current_directory(void **state)
{
    (void)state;
    struct param_store ps;
    char szCwd[1024], szExpected[1100];
    param_store_init(&ps);                  /* the platform's file system */
    assert_non_null(getcwd(szCwd, sizeof szCwd));
    snprintf(szExpected, sizeof szExpected, "%s/sub/", strcmp(szCwd, "/") ? szCwd : "");
    if (strlen(szExpected) <= 246) {
        assert_int_equal(param_set(&ps, PARAM_TARGET_PROCESS, 0, 0, u"sub"), JET_errSuccess);
        assert_string_equal(get_str(&ps, PARAM_TARGET_PROCESS, 0), szExpected);
        assert_int_equal(param_set(&ps, PARAM_TARGET_PROCESS, 1, 0, u"sub/"), JET_errSuccess);
        assert_string_equal(get_str(&ps, PARAM_TARGET_PROCESS, 1), szExpected);
    }
    param_store_free(&ps);
}

static void test_param_temp_path_keeps_a_bare_file_name(void **state)
{
    struct stores *st = *state;
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 1, 0, u"scratch.edb"), JET_errSuccess);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 1), "scratch.edb");
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 1, 0, u"tmp/t.edb"), JET_errSuccess);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 1), TEST_CWD "/tmp/t.edb");
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 1, 0, u"tmpdir/"), JET_errSuccess);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 1), TEST_CWD "/tmpdir/");
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 1, 0, u"."), JET_errSuccess);
    assert_string_equal(get_str(&st->inst, PARAM_TARGET_INSTANCE, 1), TEST_CWD);
}

/* ---- numbers with their own rules ---------------------------------------------------------------- */

static void test_param_page_size_must_be_a_power_of_two_and_sets_derived_limits(void **state)
{
    struct stores *st = *state;
    const struct { JET_API_PTR cbPage, cbKey, cbRecord, cbChunk; } pages[] = {
        { 4096, 1000, 4052, 4014 }, { 8192, 2000, 8148, 8110 },
        { 16384, 2000, 16300, 4050 }, { 32768, 2000, 32684, 8150 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(pages); i++) {
        assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 64, pages[i].cbPage, NULL), JET_errSuccess);
        assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 134 /* KeyMost */), pages[i].cbKey);
        assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 213 /* RecordSizeMost */), pages[i].cbRecord);
        assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 163 /* LVChunkSizeMost */), pages[i].cbChunk);
    }
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 64, 6144, NULL), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 64, 2048, NULL), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 64, 65536, NULL), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 128 /* VerPageSize */, 3000, NULL), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 128, 1024, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 64), 32768);
}

static void test_param_read_only_values_refuse_writes(void **state)
{
    struct stores *st = *state;
    const ESENT_ULONG ids[] = { 37, 38, 42, 43, 70, 79, 131, 134, 163, 213 };
    for (size_t i = 0; i < ARRAY_SIZE(ids); i++)
        assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, ids[i], 0, NULL), JET_errInvalidParameter);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 131 /* MaxColtyp */), 19);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 42 /* CacheRequests */), 1);
    const JET_API_PTR pfn = get_num(&st->process, PARAM_TARGET_PROCESS, 37 /* PrintFunction */);
    assert_true(pfn != 0);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 1, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 37), pfn);
}

static void test_param_commit_default_takes_commit_bits_and_reads_back_32_bits(void **state)
{
    struct stores *st = *state;
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 16, 0x1, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 16, 0x4, NULL), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 16, 0x40, NULL), JET_errInvalidParameter);
    JET_API_PTR v = ~(JET_API_PTR)0;
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, 16, &v, NULL, 0), JET_errSuccess);
    if (sizeof v == 8)
        assert_int_equal(v, (JET_API_PTR)~(JET_API_PTR)0 << 16 << 16 | 1);
    else
        assert_int_equal(v, 1);
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, 16, NULL, NULL, 0), JET_errInvalidParameter);
}

static void test_param_cache_size_reads_the_cache_not_the_request(void **state)
{
    struct stores *st = *state;
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 41), 0);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 41, 1234, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 41), 0);
    assert_int_equal(param_num(&st->inst, 41), 1234);
    param_publish_cache_size(&st->inst, 777);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 41), 777);
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 41), 777);
}

static void test_param_cached_closed_tables_ignores_the_process_value(void **state)
{
    struct stores *st = *state;
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 125, 5, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 125), 64);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 125, 0x80000000u, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 125, 5, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 125), 5);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 125, 0x80000000u, NULL), JET_errInvalidParameter);
}

static void test_param_shrink_database_rejects_bits_without_on(void **state)
{
    struct stores *st = *state;
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 184, 0x2, NULL), JET_errInvalidGrbit);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 184, 0x5, NULL), JET_errInvalidGrbit);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 184, 0x4, NULL), JET_errInvalidGrbit);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 184, 0x8003, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 184), 0x8003);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 184, 0, NULL), JET_errAlreadyInitialized);
}

static void test_param_unicode_index_default_round_trips_and_adds_sortkey(void **state)
{
    struct stores *st = *state;
    struct { ESENT_ULONG lcid, flags; } ui;
    JET_API_PTR buf[2];

    memset(buf, 0xcc, sizeof buf);
    assert_int_equal(param_get(&st->process, PARAM_TARGET_PROCESS, 72, buf, NULL, sizeof ui), JET_errSuccess);
    memcpy(&ui, buf, sizeof ui);
    assert_int_equal(ui.lcid, 0x409);
    assert_int_equal(ui.flags, 0x00030401);
    assert_int_equal(param_get(&st->process, PARAM_TARGET_PROCESS, 72, buf, NULL, sizeof ui - 1), JET_errBufferTooSmall);
    assert_int_equal(param_get(&st->process, PARAM_TARGET_PROCESS, 72, NULL, NULL, sizeof ui), JET_errInvalidParameter);

    ui.lcid = 0x407;
    ui.flags = 0x1;
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 72, (JET_API_PTR)&ui, NULL), JET_errSuccess);
    assert_int_equal(ui.flags, 0x401);      /* the caller's structure is adjusted */
    memset(buf, 0, sizeof buf);
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, 72, buf, NULL, sizeof ui), JET_errSuccess);
    memcpy(&ui, buf, sizeof ui);
    assert_int_equal(ui.lcid, 0x407);
    assert_int_equal(ui.flags, 0x401);

    ui.flags = 0x200;                       /* LCMAP_UPPERCASE alone */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 72, (JET_API_PTR)&ui, NULL), JET_errInvalidParameter);
    ui.flags = 0x40000000;
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 72, (JET_API_PTR)&ui, NULL), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 72, 0, NULL), JET_errSuccess);
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, 72, buf, NULL, sizeof ui), JET_errSuccess);
    memcpy(&ui, buf, sizeof ui);
    assert_int_equal(ui.lcid, 0x409);
    assert_int_equal(ui.flags, 0x00030401);
}

static void test_param_error_to_string_formats_name_and_text(void **state)
{
    struct stores *st = *state;
    ESENT_WCHAR wsz[200];
    JET_API_PTR v = (ESENT_ULONG)JET_errInvalidParameter;

    assert_int_equal(param_get(&st->process, PARAM_TARGET_PROCESS, 70, &v, wsz, sizeof wsz), JET_errSuccess);
    assert_string_equal(wstr8(wsz), "JET_errInvalidParameter, An invalid API parameter is being used.");
    v = (ESENT_ULONG)-99999;
    assert_int_equal(param_get(&st->process, PARAM_TARGET_PROCESS, 70, &v, wsz, sizeof wsz), JET_errSuccess);
    assert_string_equal(wstr8(wsz), "Unknown Error, Unknown Error");
    v = 0;
    assert_int_equal(param_get(&st->process, PARAM_TARGET_PROCESS, 70, &v, wsz, 18), JET_errBufferTooSmall);
    assert_string_equal(wstr8(wsz), "JET_errS");
    assert_int_equal(param_get(&st->process, PARAM_TARGET_PROCESS, 70, NULL, wsz, sizeof wsz), JET_errInvalidParameter);
    assert_int_equal(param_get(&st->process, PARAM_TARGET_PROCESS, 70, &v, NULL, sizeof wsz), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 70, 0, NULL), JET_errInvalidParameter);
}

static void test_param_engine_format_version_checks_its_range(void **state)
{
    struct stores *st = *state;
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 194), PARAM_EFV_DEFAULT);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 194, PARAM_EFV_MIN - 1, NULL),
                     JET_errEngineFormatVersionNoLongerSupportedTooLow);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 194, PARAM_EFV_MAX + 1, NULL),
                     JET_errEngineFormatVersionNotYetImplementedTooHigh);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 194, 0x41000001u, NULL), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 194, PARAM_EFV_MIN, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 194), PARAM_EFV_MIN);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 194, 0x41000000u | PARAM_EFV_MIN, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 194), 0x41000000u | PARAM_EFV_MIN);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 194, 0x40000002u, NULL), JET_errSuccess);
}

static void test_param_session_and_live_values_need_their_owner(void **state)
{
    struct stores *st = *state;
    JET_API_PTR v = 0x55;
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, 38, &v, NULL, 0), JET_errInvalidParameter);
    assert_int_equal(param_get(&st->process, PARAM_TARGET_PROCESS, 79, &v, NULL, 0), JET_errInvalidParameter);
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, 79, &v, NULL, 0), JET_errInvalidParameter);
    param_publish_log_generation(&st->inst, 42);
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 79), 42);
    /* The DBA tuning values answer success and write nothing. */
    v = 0x55;
    assert_int_equal(param_get(&st->inst, PARAM_TARGET_INSTANCE, 121, &v, NULL, 0), JET_errSuccess);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 122, 9, NULL), JET_errSuccess);
    assert_int_equal(v, 0x55);
}

static void test_param_config_store_spec_accepts_only_empty(void **state)
{
    struct stores *st = *state;
    assert_string_equal(get_str(&st->process, PARAM_TARGET_PROCESS, 189), "");
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 189, 0, u""), JET_errSuccess);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 189, 0, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 189, 0, u"reg:HKLM\\x"), JET_errFeatureNotAvailable);
    assert_string_equal(wstr8(param_wsz(&st->process, 189)), "");
}

/* ---- JET_paramConfiguration --------------------------------------------------------------------- */

static void test_param_small_configuration_installs_documented_defaults(void **state)
{
    struct stores *st = *state;
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 0, 0, u"elsewhere"), JET_errSuccess);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 0, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 129), 0);
    for (size_t i = 0; i < ARRAY_SIZE(doc_small); i++) {
        print_message("%s\n", doc_small[i].name);
        assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, doc_small[i].id),
                         expect(doc_small[i].id, DEV_SMALL, doc_small[i].v));
    }
    /* Everything else went back to its default, and nothing counts as written. */
    assert_string_equal(get_str(&st->process, PARAM_TARGET_PROCESS, 0), ".\\");
    assert_false(param_written(&st->process, 0));
    /* Back to the normal defaults. */
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 1, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 129), 1);
    for (size_t i = 0; i < ARRAY_SIZE(doc_params); i++)
        if (doc_params[i].has_def && !doc_params[i].wsz_def && doc_params[i].type != PARAM_TYPE_SPECIAL)
            assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, doc_params[i].id),
                             expect(doc_params[i].id, DEV_DEF, doc_params[i].def));
}

static void test_param_configuration_sets_add_up_without_the_default_bit(void **state)
{
    struct stores *st = *state;
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 17 /* CircularLog */, 0, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 0x4 /* low disk */, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 129), 0x5);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 17), 1);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 11), 64);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 0x100 /* run silent */, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 129), 0x105);
    assert_int_equal(param_config(&st->process), 0x105);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 51 /* EventLoggingLevel */), 0);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 11), 64);
    /* Medium memory sizes the cache in pages of the current page size. */
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 64, 8192, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 0x21, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 129), 0x21);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 64), 4096);    /* the default bit reset it */
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 23), 5 * 1024 * 1024 / 4096);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 60), 128 * 1024 / 4096);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 31), 1280 * 2 / 100);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 32), 1280 * 3 / 100);
}

static void test_param_configuration_sets_use_the_page_size_and_their_own_values(void **state)
{
    struct stores *st = *state;
    /* Low disk footprint with 32 KB pages: 64 KB logs are doubled. */
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 64, 32768, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 0x4, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 11), 128);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 24 /* CheckpointDepthMax */), 512 * 1024);
    /* Medium disk footprint: a 512 KB extension is 16 pages of 32 KB. */
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 0x8, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 18 /* DbExtensionSize */), 16);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 19 /* PageTempDBMin */), 30);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 11), 512);
    /* SSD profile. */
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 0x80, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 164), 256 * 1024);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 165), 256 * 1024);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 166), 512 * 1024);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 167), 0);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 179 /* PrereadIOMax */), 5);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 30 /* OutstandingIOMax */), 16);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 129), 0x8d);
    /* Low memory without the default bit: the small defaults, on top of what is set. */
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 12 /* LogBuffers */, 500, NULL), JET_errSuccess);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 0x10, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 12), 1);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 23 /* CacheSizeMax */), 16);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 164), 256 * 1024);  /* same in both */
    assert_false(param_written(&st->process, 12));
    /* An instance's low-memory set changes the instance's values only. */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 129, 0x10, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 129), 0x11);
    assert_int_equal(param_num(&st->inst, 5 /* MaxSessions */), 30000);
    assert_int_equal(param_num(&st->inst, 12), 1);
}

static void test_param_configuration_range_and_phases(void **state)
{
    struct stores *st = *state;
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 129, 0x800, NULL), JET_errInvalidParameter);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS_RUNNING, 129, 1, NULL), JET_errAlreadyInitialized);
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE_RUNNING, 129, 1, NULL), JET_errAlreadyInitialized);
    /* An instance's configuration leaves the process-wide values alone. */
    assert_int_equal(param_set(&st->inst, PARAM_TARGET_INSTANCE, 129, 0, NULL), JET_errSuccess);
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 5 /* MaxSessions */), 30000);
    assert_int_equal(get_num(&st->inst, PARAM_TARGET_INSTANCE, 23 /* CacheSizeMax */), 2000000000);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 5), 16);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 129), 1);
}

/* ---- stores ----------------------------------------------------------------------------------------- */

static void test_param_instance_starts_from_process_values_and_owns_its_copy(void **state)
{
    struct stores *st = *state;
    struct param_store inst2;
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 3, 0, u"abc"), JET_errSuccess);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 5, 99, NULL), JET_errSuccess);
    assert_int_equal(param_store_copy(&inst2, &st->process), JET_errSuccess);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 3, 0, u"def"), JET_errSuccess);
    assert_string_equal(wstr8(param_wsz(&inst2, 3)), "abc");
    assert_int_equal(param_num(&inst2, 5), 99);
    assert_true(param_written(&inst2, 5));
    assert_false(param_written(&st->inst, 5));
    /* Global parameters are shared: written through one, read through all. */
    assert_int_equal(param_set(&inst2, PARAM_TARGET_INSTANCE, 23, 1000, NULL), JET_errSuccess);
    assert_int_equal(param_num(&st->inst, 23), 1000);
    assert_int_equal(get_num(&st->process, PARAM_TARGET_PROCESS, 23), 1000);
    param_store_free(&inst2);
}

static void test_param_copy_fails_cleanly_when_out_of_memory(void **state)
{
    struct stores *st = *state;
    struct param_store inst2;
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 3, 0, u"abc"), JET_errSuccess);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 4, 0, u"src"), JET_errSuccess);
    mem_fail_after(2);
    assert_int_equal(param_store_copy(&inst2, &st->process), JET_errOutOfMemory);
    param_store_free(&inst2);
    mem_fail_after(1);
    assert_int_equal(param_set(&st->process, PARAM_TARGET_PROCESS, 3, 0, u"xyz"), JET_errOutOfMemory);
    assert_string_equal(get_str(&st->process, PARAM_TARGET_PROCESS, 3), "abc");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    debug_configure("-all");
    const struct CMUnitTest tests[] = {
        T(test_param_table_matches_reference_pages),
        T(test_param_table_names_every_id_but_placeholders),
        T(test_param_defaults_read_back_as_documented),
        T(test_param_set_accepts_documented_range_edges),
        T(test_param_booleans_take_any_nonzero_as_true),
        T(test_param_phases_follow_reference_pages),
        T(test_param_unknown_ids_are_invalid),
        T(test_param_set_is_ignored_for_advanced_params_when_advanced_is_off),
        T(test_param_set_of_current_value_succeeds_even_when_locked),
        T(test_param_get_string_truncates_and_terminates),
        T(test_param_get_number_needs_its_buffer),
        T(test_param_string_lengths_are_checked_in_wchars),
        T(test_param_folder_is_completed_and_ends_in_a_separator),
        T(test_param_folder_completes_against_the_real_current_directory),
        T(test_param_temp_path_keeps_a_bare_file_name),
        T(test_param_page_size_must_be_a_power_of_two_and_sets_derived_limits),
        T(test_param_read_only_values_refuse_writes),
        T(test_param_commit_default_takes_commit_bits_and_reads_back_32_bits),
        T(test_param_cache_size_reads_the_cache_not_the_request),
        T(test_param_cached_closed_tables_ignores_the_process_value),
        T(test_param_shrink_database_rejects_bits_without_on),
        T(test_param_unicode_index_default_round_trips_and_adds_sortkey),
        T(test_param_error_to_string_formats_name_and_text),
        T(test_param_engine_format_version_checks_its_range),
        T(test_param_session_and_live_values_need_their_owner),
        T(test_param_config_store_spec_accepts_only_empty),
        T(test_param_small_configuration_installs_documented_defaults),
        T(test_param_configuration_sets_add_up_without_the_default_bit),
        T(test_param_configuration_sets_use_the_page_size_and_their_own_values),
        T(test_param_configuration_range_and_phases),
        T(test_param_instance_starts_from_process_values_and_owns_its_copy),
        T(test_param_copy_fails_cleanly_when_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
