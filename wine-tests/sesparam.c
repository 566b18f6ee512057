/* SPDX-License-Identifier: MIT
 * wine-tests/sesparam.c: JetSetSessionParameter / JetGetSessionParameter: every JET_sesparam
 * id (the SDK header's and the ones Windows' ESENT accepts without a public name), their size
 * rules, pcbParamActual, the read-only transaction level, unknown ids and bad sessions.
 *
 * The reference pages (jetsetsessionparameter-function.md, jetgetsessionparameter-function.md)
 * list no per-parameter rules; the expectations follow Windows' ESENT (ESE's
 * ErrIsamSetSessionParameter / ErrIsamGetSessionParameter and the PIB setters): most values have
 * one exact size for a set (JET_errInvalidBufferSize otherwise); a get wants at least that size,
 * except the commit default, the transaction level and the I/O priority, which want exactly it;
 * pcbParamActual is written before the size is checked. */
#include "test_util.h"

/* Session parameters Windows' ESENT accepts that the SDK header does not publish. */
#define SESPARAM_COMMIT_GENERIC_CONTEXT       4098
#define SESPARAM_CACHE_PRIORITY               4102
#define SESPARAM_CLIENT_COMPONENT_DESC        4103
#define SESPARAM_CLIENT_ACTION_DESC           4104
#define SESPARAM_CLIENT_ACTION_CONTEXT_DESC   4105
#define SESPARAM_CLIENT_ACTIVITY_ID           4106
#define SESPARAM_IO_SESS_TRACE_FLAGS          4107
#define SESPARAM_IO_PRIORITY                  4108
#define SESPARAM_CUSTOMER_DATA                4109
#define SESPARAM_NEED_PRECOMMIT_CALLBACK      4110

/* JET_IOPriority* bits a session may use (the rest are the instance's). */
#define IOPRIORITY_USER_CLASS_MASK            0x0f000000
#define IOPRIORITY_MARK_AS_MAINTENANCE        0x40000000
#define IOPRIORITY_DISPATCH_BACKGROUND        0x00000040
#define IOPRIORITY_LOW_FOR_CHECKPOINT         0x00000002
#define IOPRIORITY_LOW_FOR_SCAVENGE           0x00000004

static JET_INSTANCE inst;
static char dir[MAX_PATH];

static void setup(const char *name)
{
    JET_ERR err;
    test_make_dir(name, dir, sizeof dir);
    err = JetCreateInstanceA(&inst, name);
    ok(err == JET_errSuccess, "JetCreateInstanceA returned %ld\n", err);
    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit returned %ld\n", err);
}

static void teardown(void)
{
    JET_ERR err = JetTerm(inst);
    ok(err == JET_errSuccess, "JetTerm returned %ld\n", err);
    test_remove_dir(dir);
}

static BOOL bytes_are(const void *p, int byte, size_t cb)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < cb; i++)
        if (b[i] != (unsigned char)byte) return FALSE;
    return TRUE;
}

/* Sets a value of cb bytes and checks the result. */
static void set_(int line, JET_SESID sesid, unsigned long id, const void *pv, unsigned long cb, JET_ERR expect)
{
    JET_ERR err = JetSetSessionParameter(sesid, id, (void *)pv, cb);
    ok_(__FILE__, line)(err == expect, "set of sesparam %lu with %lu bytes: got %ld, expected %ld\n", id, cb, err, expect);
}
#define set(sesid, id, pv, cb, expect) set_(__LINE__, sesid, id, pv, cb, expect)

static void set_u32_(int line, JET_SESID sesid, unsigned long id, DWORD v, JET_ERR expect)
{
    set_(line, sesid, id, &v, sizeof v, expect);
}
#define set_u32(sesid, id, v, expect) set_u32_(__LINE__, sesid, id, v, expect)

/* Reads a DWORD-sized value with an exact buffer; checks the size reported. */
static DWORD get_u32_(int line, JET_SESID sesid, unsigned long id)
{
    DWORD v = 0xcccccccc;
    unsigned long cb = 0xcccc;
    JET_ERR err = JetGetSessionParameter(sesid, id, &v, sizeof v, &cb);
    ok_(__FILE__, line)(err == JET_errSuccess, "get of sesparam %lu: got %ld\n", id, err);
    ok_(__FILE__, line)(cb == 4, "get of sesparam %lu: size %lu\n", id, cb);
    return v;
}
#define get_u32(sesid, id) get_u32_(__LINE__, sesid, id)

/* A get with buffer size cbMax: the error, and the size reported. */
static void get_size_(int line, JET_SESID sesid, unsigned long id, unsigned long cbMax, JET_ERR expect, unsigned long cb_expect)
{
    BYTE buf[64];
    unsigned long cb = 0xcccc;
    JET_ERR err;
    memset(buf, 0xcc, sizeof buf);
    err = JetGetSessionParameter(sesid, id, buf, cbMax, &cb);
    ok_(__FILE__, line)(err == expect, "get of sesparam %lu into %lu bytes: got %ld, expected %ld\n", id, cbMax, err, expect);
    ok_(__FILE__, line)(cb == cb_expect, "get of sesparam %lu into %lu bytes: size %lu, expected %lu\n", id, cbMax, cb, cb_expect);
    if (err < 0)
        ok_(__FILE__, line)(bytes_are(buf, 0xcc, sizeof buf), "get of sesparam %lu into %lu bytes: buffer written\n", id, cbMax);
    else
        ok_(__FILE__, line)(bytes_are(buf + cb_expect, 0xcc, sizeof buf - cb_expect), "get of sesparam %lu: wrote past the value\n", id);
}
#define get_size(sesid, id, cbMax, expect, cb) get_size_(__LINE__, sesid, id, cbMax, expect, cb)

/* Reads a client description string. */
static void expect_desc_(int line, JET_SESID sesid, unsigned long id, const char *expect)
{
    char buf[64];
    unsigned long cb = 0xcccc;
    JET_ERR err;
    memset(buf, 0xcc, sizeof buf);
    err = JetGetSessionParameter(sesid, id, buf, sizeof buf, &cb);
    ok_(__FILE__, line)(err == JET_errSuccess, "get of sesparam %lu: got %ld\n", id, err);
    ok_(__FILE__, line)(!strcmp(buf, expect), "sesparam %lu: got \"%s\", expected \"%s\"\n", id, buf, expect);
    ok_(__FILE__, line)(cb == strlen(expect) + 1, "sesparam %lu: size %lu\n", id, cb);
}
#define expect_desc(sesid, id, s) expect_desc_(__LINE__, sesid, id, s)

START_TEST(sesparam_basic)
{
    static const unsigned long bad_ids[] = { 0, 1, JET_paramMaxSessions, 4096, JET_sesparamMaxValueInvalid, 4200, 5120, 0xffffffff };
    JET_SESID sesid, dead;
    DWORD v = 0;
    unsigned long cb;
    JET_ERR err;

    setup("sesparam_basic");
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA returned %ld\n", err);

    /* Bad sessions. */
    err = JetBeginSessionA(inst, &dead, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA returned %ld\n", err);
    err = JetEndSession(dead, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
    {
        const JET_SESID bad[] = { 0, JET_sesidNil, (JET_SESID)(ULONG_PTR)0x2468ace0, dead };
        for (size_t i = 0; i < ARRAYSIZE(bad); i++) {
            err = JetSetSessionParameter(bad[i], JET_sesparamCommitDefault, &v, sizeof v);
            ok(err == JET_errInvalidSesid, "set with session %#Ix: got %ld\n", bad[i], err);
            cb = 0xcccc;
            err = JetGetSessionParameter(bad[i], JET_sesparamCommitDefault, &v, sizeof v, &cb);
            ok(err == JET_errInvalidSesid, "get with session %#Ix: got %ld\n", bad[i], err);
            ok(cb == 0xcccc, "get with session %#Ix: size written\n", bad[i]);
        }
    }

    /* Unknown ids (system parameter ids and JET_sesparamMaxValueInvalid included). A NULL value
     * with a size, or a get with neither a buffer nor a size pointer, is refused first. */
    for (size_t i = 0; i < ARRAYSIZE(bad_ids); i++) {
        set_u32(sesid, bad_ids[i], 0, JET_errInvalidSesparamId);
        set(sesid, bad_ids[i], NULL, 0, JET_errInvalidSesparamId);
        set(sesid, bad_ids[i], NULL, 4, JET_errInvalidParameter);
        cb = 0xcccc;
        err = JetGetSessionParameter(sesid, bad_ids[i], &v, sizeof v, &cb);
        ok(err == JET_errInvalidSesparamId, "get of %lu: got %ld\n", bad_ids[i], err);
        ok(cb == 0xcccc, "get of %lu: size written\n", bad_ids[i]);
        err = JetGetSessionParameter(sesid, bad_ids[i], NULL, 0, NULL);
        ok(err == JET_errInvalidParameter, "get of %lu without outputs: got %ld\n", bad_ids[i], err);
    }

    /* JET_sesparamCommitDefault: exactly a JET_GRBIT both ways; any bits are taken (unlike
     * JET_paramCommitDefault). A new session starts from its instance's default. */
    ok(get_u32(sesid, JET_sesparamCommitDefault) == 0, "default commit grbit\n");
    get_size(sesid, JET_sesparamCommitDefault, 8, JET_errInvalidBufferSize, 4);
    get_size(sesid, JET_sesparamCommitDefault, 3, JET_errInvalidBufferSize, 4);
    cb = 0xcccc;
    err = JetGetSessionParameter(sesid, JET_sesparamCommitDefault, NULL, 0, &cb);
    ok(err == JET_errSuccess && cb == 4, "size only: got %ld %lu\n", err, cb);
    err = JetGetSessionParameter(sesid, JET_sesparamCommitDefault, NULL, 3, NULL);
    ok(err == JET_errInvalidParameter, "neither output: got %ld\n", err);
    v = 0xcccccccc;
    err = JetGetSessionParameter(sesid, JET_sesparamCommitDefault, &v, 4, NULL);
    ok(err == JET_errSuccess && v == 0, "without pcbParamActual: got %ld %#lx\n", err, v);
    set_u32(sesid, JET_sesparamCommitDefault, JET_bitCommitLazyFlush, JET_errSuccess);
    ok(get_u32(sesid, JET_sesparamCommitDefault) == JET_bitCommitLazyFlush, "commit grbit after set\n");
    set_u32(sesid, JET_sesparamCommitDefault, 0x4, JET_errSuccess);
    ok(get_u32(sesid, JET_sesparamCommitDefault) == 0x4, "commit grbit 4\n");
    {
        JET_API_PTR p = 0;
        err = JetGetSystemParameterW(0, sesid, JET_paramCommitDefault, &p, NULL, 0);
        ok(err == JET_errSuccess && (ULONG)p == 0x4, "through JetGetSystemParameter: got %ld %#Ix\n", err, p);
    }
    {
        ULONGLONG big = JET_bitCommitLazyFlush;
        set(sesid, JET_sesparamCommitDefault, &big, sizeof big, JET_errInvalidBufferSize);
    }
    set(sesid, JET_sesparamCommitDefault, &v, 2, JET_errInvalidBufferSize);
    set(sesid, JET_sesparamCommitDefault, NULL, 4, JET_errInvalidParameter);
    set(sesid, JET_sesparamCommitDefault, NULL, 0, JET_errInvalidBufferSize);
    ok(get_u32(sesid, JET_sesparamCommitDefault) == 0x4, "commit grbit after refused sets\n");
    set_u32(sesid, JET_sesparamCommitDefault, 0, JET_errSuccess);
    {
        JET_SESID other;
        err = JetSetSystemParameterW(&inst, 0, JET_paramCommitDefault, JET_bitCommitLazyFlush, NULL);
        ok(err == JET_errSuccess, "instance commit default: got %ld\n", err);
        err = JetBeginSessionA(inst, &other, NULL, NULL);
        ok(err == JET_errSuccess, "JetBeginSessionA returned %ld\n", err);
        ok(get_u32(other, JET_sesparamCommitDefault) == JET_bitCommitLazyFlush, "new session's commit grbit\n");
        ok(get_u32(sesid, JET_sesparamCommitDefault) == 0, "old session's commit grbit\n");
        err = JetEndSession(other, 0);
        ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
        err = JetSetSystemParameterW(&inst, 0, JET_paramCommitDefault, 0, NULL);
        ok(err == JET_errSuccess, "instance commit default: got %ld\n", err);
    }

    /* JET_sesparamTransactionLevel: a LONG, read-only (JET_errFeatureNotAvailable), following
     * JetBeginTransaction / JetCommitTransaction / JetRollback. */
    {
        LONG level = 0xcccc;
        cb = 0xcccc;
        err = JetGetSessionParameter(sesid, JET_sesparamTransactionLevel, &level, sizeof level, &cb);
        ok(err == JET_errSuccess && level == 0 && cb == sizeof level, "level outside: got %ld %ld %lu\n", err, level, cb);
    }
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction returned %ld\n", err);
    ok(get_u32(sesid, JET_sesparamTransactionLevel) == 1, "level 1\n");
    err = JetBeginTransaction2(sesid, 0);
    ok(err == JET_errSuccess, "JetBeginTransaction2 returned %ld\n", err);
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction returned %ld\n", err);
    ok(get_u32(sesid, JET_sesparamTransactionLevel) == 3, "level 3\n");
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction returned %ld\n", err);
    ok(get_u32(sesid, JET_sesparamTransactionLevel) == 2, "level 2 after commit\n");
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback returned %ld\n", err);
    ok(get_u32(sesid, JET_sesparamTransactionLevel) == 1, "level 1 after rollback\n");
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction returned %ld\n", err);
    err = JetRollback(sesid, JET_bitRollbackAll);
    ok(err == JET_errSuccess, "JetRollback(all) returned %ld\n", err);
    ok(get_u32(sesid, JET_sesparamTransactionLevel) == 0, "level 0 after rollback all\n");
    get_size(sesid, JET_sesparamTransactionLevel, 8, JET_errInvalidBufferSize, 4);
    get_size(sesid, JET_sesparamTransactionLevel, 2, JET_errInvalidBufferSize, 4);
    set_u32(sesid, JET_sesparamTransactionLevel, 1, JET_errFeatureNotAvailable);
    set(sesid, JET_sesparamTransactionLevel, NULL, 0, JET_errFeatureNotAvailable);
    set(sesid, JET_sesparamTransactionLevel, NULL, 4, JET_errInvalidParameter);
    ok(get_u32(sesid, JET_sesparamTransactionLevel) == 0, "level after refused set\n");

    /* JET_sesparamOperationContext: a JET_OPERATIONCONTEXT; zero until set. */
    {
        JET_OPERATIONCONTEXT ctx, out[2];
        ok(sizeof ctx == 8, "JET_OPERATIONCONTEXT is %u bytes\n", (unsigned)sizeof ctx);
        get_size(sesid, JET_sesparamOperationContext, sizeof ctx, JET_errSuccess, sizeof ctx);
        memset(out, 0xcc, sizeof out);
        err = JetGetSessionParameter(sesid, JET_sesparamOperationContext, out, sizeof out[0], NULL);
        ok(err == JET_errSuccess && bytes_are(&out[0], 0, sizeof out[0]), "default context: got %ld\n", err);
        ctx.ulUserID = 0x12345678;
        ctx.nOperationID = 1;
        ctx.nOperationType = 2;
        ctx.nClientType = 3;
        ctx.fFlags = 4;
        set(sesid, JET_sesparamOperationContext, &ctx, sizeof ctx, JET_errSuccess);
        set(sesid, JET_sesparamOperationContext, &ctx, sizeof ctx - 1, JET_errInvalidBufferSize);
        set(sesid, JET_sesparamOperationContext, out, sizeof ctx + 1, JET_errInvalidBufferSize);
        memset(out, 0xcc, sizeof out);
        cb = 0xcccc;
        err = JetGetSessionParameter(sesid, JET_sesparamOperationContext, out, sizeof out, &cb);
        ok(err == JET_errSuccess && cb == sizeof ctx, "context into a large buffer: got %ld %lu\n", err, cb);
        ok(!memcmp(&out[0], &ctx, sizeof ctx) && bytes_are(&out[1], 0xcc, sizeof out[1]), "context read back wrong\n");
        get_size(sesid, JET_sesparamOperationContext, sizeof ctx - 1, JET_errInvalidBufferSize, sizeof ctx);
    }

    /* JET_sesparamCorrelationID: a DWORD; a get takes any larger buffer. */
    ok(get_u32(sesid, JET_sesparamCorrelationID) == 0, "default correlation id\n");
    set_u32(sesid, JET_sesparamCorrelationID, 0xfeedf00d, JET_errSuccess);
    ok(get_u32(sesid, JET_sesparamCorrelationID) == 0xfeedf00d, "correlation id after set\n");
    get_size(sesid, JET_sesparamCorrelationID, 8, JET_errSuccess, 4);
    get_size(sesid, JET_sesparamCorrelationID, 3, JET_errInvalidBufferSize, 4);
    set(sesid, JET_sesparamCorrelationID, &v, 3, JET_errInvalidBufferSize);
    {
        ULONGLONG big = 1;
        set(sesid, JET_sesparamCorrelationID, &big, sizeof big, JET_errInvalidBufferSize);
    }
    ok(get_u32(sesid, JET_sesparamCorrelationID) == 0xfeedf00d, "correlation id after refused sets\n");

    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
    teardown();
}

/* The session parameters Windows' ESENT accepts beyond the SDK header's. */
START_TEST(sesparam_unpublished)
{
    JET_SESID sesid, other, early;
    BYTE buf[64], big[30001];
    unsigned long cb;
    JET_ERR err;

    setup("sesparam_unpublished");
    err = JetBeginSessionA(inst, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA returned %ld\n", err);

    /* The generic commit context: any size up to 30000 bytes; a get needs room for all of it
     * (JET_errBufferTooSmall). A refused size empties it. */
    get_size(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, sizeof buf, JET_errSuccess, 0);
    set(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, "0123456789", 10, JET_errSuccess);
    get_size(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, 9, JET_errBufferTooSmall, 10);
    get_size(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, 10, JET_errSuccess, 10);
    memset(buf, 0xcc, sizeof buf);
    err = JetGetSessionParameter(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, buf, sizeof buf, &cb);
    ok(err == JET_errSuccess && !memcmp(buf, "0123456789", 10), "context read back: got %ld\n", err);
    cb = 0xcccc;
    err = JetGetSessionParameter(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, NULL, 0, &cb);
    ok(err == JET_errSuccess && cb == 10, "size only: got %ld %lu\n", err, cb);
    memset(big, 'x', sizeof big);
    set(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, big, 30000, JET_errSuccess);
    get_size(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, 64, JET_errBufferTooSmall, 30000);
    set(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, big, 30001, JET_errInvalidBufferSize);
    get_size(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, sizeof buf, JET_errSuccess, 0);
    set(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, "ab", 2, JET_errSuccess);
    set(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, NULL, 0, JET_errSuccess);
    get_size(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, sizeof buf, JET_errSuccess, 0);
    set(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, NULL, 2, JET_errInvalidParameter);

    /* Whether the context holds customer data / wants pre-commit callbacks: DWORD booleans.
     * Emptying the context clears the callback request. */
    ok(get_u32(sesid, SESPARAM_CUSTOMER_DATA) == 0, "customer data default\n");
    set_u32(sesid, SESPARAM_CUSTOMER_DATA, 7, JET_errSuccess);
    ok(get_u32(sesid, SESPARAM_CUSTOMER_DATA) == 1, "customer data read back\n");
    set(sesid, SESPARAM_CUSTOMER_DATA, buf, 1, JET_errInvalidBufferSize);
    get_size(sesid, SESPARAM_CUSTOMER_DATA, 3, JET_errInvalidBufferSize, 4);
    get_size(sesid, SESPARAM_CUSTOMER_DATA, 8, JET_errSuccess, 4);
    ok(get_u32(sesid, SESPARAM_NEED_PRECOMMIT_CALLBACK) == 0, "pre-commit callback default\n");
    set(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, "ab", 2, JET_errSuccess);
    set_u32(sesid, SESPARAM_NEED_PRECOMMIT_CALLBACK, 0x100, JET_errSuccess);
    ok(get_u32(sesid, SESPARAM_NEED_PRECOMMIT_CALLBACK) == 1, "pre-commit callback read back\n");
    set(sesid, SESPARAM_NEED_PRECOMMIT_CALLBACK, buf, 8, JET_errInvalidBufferSize);
    set(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, "abc", 3, JET_errSuccess);
    ok(get_u32(sesid, SESPARAM_NEED_PRECOMMIT_CALLBACK) == 1, "pre-commit callback after a new context\n");
    set(sesid, SESPARAM_COMMIT_GENERIC_CONTEXT, NULL, 0, JET_errSuccess);
    ok(get_u32(sesid, SESPARAM_NEED_PRECOMMIT_CALLBACK) == 0, "pre-commit callback after emptying the context\n");

    /* Cache priority: a DWORD percentage, 0..1000. Until the session sets one it reads its
     * instance's JET_paramCachePriority. */
    ok(get_u32(sesid, SESPARAM_CACHE_PRIORITY) == 100, "default cache priority\n");
    err = JetSetSystemParameterW(&inst, 0, JET_paramCachePriority, 50, NULL);
    ok(err == JET_errSuccess, "JET_paramCachePriority: got %ld\n", err);
    ok(get_u32(sesid, SESPARAM_CACHE_PRIORITY) == 50, "cache priority from the instance\n");
    set_u32(sesid, SESPARAM_CACHE_PRIORITY, 1000, JET_errSuccess);
    set_u32(sesid, SESPARAM_CACHE_PRIORITY, 1001, JET_errInvalidParameter);
    set_u32(sesid, SESPARAM_CACHE_PRIORITY, 0xffffffff, JET_errInvalidParameter);
    set(sesid, SESPARAM_CACHE_PRIORITY, buf, 2, JET_errInvalidBufferSize);
    ok(get_u32(sesid, SESPARAM_CACHE_PRIORITY) == 1000, "cache priority after refused sets\n");
    set_u32(sesid, SESPARAM_CACHE_PRIORITY, 0, JET_errSuccess);
    ok(get_u32(sesid, SESPARAM_CACHE_PRIORITY) == 0, "cache priority 0\n");
    get_size(sesid, SESPARAM_CACHE_PRIORITY, 8, JET_errSuccess, 4);
    get_size(sesid, SESPARAM_CACHE_PRIORITY, 3, JET_errInvalidBufferSize, 4);

    /* Client descriptions: up to 31 characters are kept as given (a terminator is added);
     * anything longer is cut to 28 characters and "..." with JET_wrnBufferTruncated. A get
     * needs room for the string and its terminator. */
    expect_desc(sesid, SESPARAM_CLIENT_COMPONENT_DESC, "");
    expect_desc(sesid, SESPARAM_CLIENT_ACTION_DESC, "");
    expect_desc(sesid, SESPARAM_CLIENT_ACTION_CONTEXT_DESC, "");
    set(sesid, SESPARAM_CLIENT_COMPONENT_DESC, "component", 9, JET_errSuccess);
    expect_desc(sesid, SESPARAM_CLIENT_COMPONENT_DESC, "component");
    set(sesid, SESPARAM_CLIENT_ACTION_DESC, "action!", 6, JET_errSuccess);
    expect_desc(sesid, SESPARAM_CLIENT_ACTION_DESC, "action");
    set(sesid, SESPARAM_CLIENT_ACTION_CONTEXT_DESC, "0123456789012345678901234567890", 31, JET_errSuccess);
    expect_desc(sesid, SESPARAM_CLIENT_ACTION_CONTEXT_DESC, "0123456789012345678901234567890");
    set(sesid, SESPARAM_CLIENT_ACTION_CONTEXT_DESC, "01234567890123456789012345678901", 32, JET_wrnBufferTruncated);
    expect_desc(sesid, SESPARAM_CLIENT_ACTION_CONTEXT_DESC, "0123456789012345678901234567...");
    set(sesid, SESPARAM_CLIENT_COMPONENT_DESC, "a very long component name that goes on", 40, JET_wrnBufferTruncated);
    expect_desc(sesid, SESPARAM_CLIENT_COMPONENT_DESC, "a very long component name t...");
    get_size(sesid, SESPARAM_CLIENT_ACTION_DESC, 6, JET_errBufferTooSmall, 7);
    get_size(sesid, SESPARAM_CLIENT_ACTION_DESC, 7, JET_errSuccess, 7);
    set(sesid, SESPARAM_CLIENT_ACTION_DESC, NULL, 0, JET_errSuccess);
    expect_desc(sesid, SESPARAM_CLIENT_ACTION_DESC, "");
    set(sesid, SESPARAM_CLIENT_ACTION_DESC, NULL, 3, JET_errInvalidParameter);

    /* The client activity id: a GUID, exactly 16 bytes to set, at least 16 to read. */
    {
        GUID guid = { 0x01234567, 0x89ab, 0xcdef, { 1, 2, 3, 4, 5, 6, 7, 8 } }, out[2];
        memset(out, 0xcc, sizeof out);
        err = JetGetSessionParameter(sesid, SESPARAM_CLIENT_ACTIVITY_ID, out, sizeof out[0], &cb);
        ok(err == JET_errSuccess && cb == 16 && bytes_are(&out[0], 0, 16), "default activity id: got %ld %lu\n", err, cb);
        set(sesid, SESPARAM_CLIENT_ACTIVITY_ID, &guid, sizeof guid, JET_errSuccess);
        set(sesid, SESPARAM_CLIENT_ACTIVITY_ID, &guid, 15, JET_errInvalidBufferSize);
        set(sesid, SESPARAM_CLIENT_ACTIVITY_ID, out, 32, JET_errInvalidBufferSize);
        memset(out, 0xcc, sizeof out);
        err = JetGetSessionParameter(sesid, SESPARAM_CLIENT_ACTIVITY_ID, out, sizeof out, &cb);
        ok(err == JET_errSuccess && cb == 16 && !memcmp(&out[0], &guid, 16) && bytes_are(&out[1], 0xcc, 16),
           "activity id read back: got %ld %lu\n", err, cb);
        get_size(sesid, SESPARAM_CLIENT_ACTIVITY_ID, 15, JET_errInvalidBufferSize, 16);
    }

    /* I/O session trace flags: a DWORD. */
    ok(get_u32(sesid, SESPARAM_IO_SESS_TRACE_FLAGS) == 0, "default trace flags\n");
    set_u32(sesid, SESPARAM_IO_SESS_TRACE_FLAGS, 0xc, JET_errSuccess);
    ok(get_u32(sesid, SESPARAM_IO_SESS_TRACE_FLAGS) == 0xc, "trace flags read back\n");
    set(sesid, SESPARAM_IO_SESS_TRACE_FLAGS, buf, 5, JET_errInvalidBufferSize);
    get_size(sesid, SESPARAM_IO_SESS_TRACE_FLAGS, 16, JET_errSuccess, 4);

    /* I/O priority: exactly a JET_GRBIT both ways; JET_IOPriorityLow, the user class id,
     * maintenance marking and background dispatch only (JET_errInvalidGrbit otherwise). A new
     * session starts from its instance's JET_paramIOPriority less the instance-only bits. */
    ok(get_u32(sesid, SESPARAM_IO_PRIORITY) == 0, "default I/O priority\n");
    get_size(sesid, SESPARAM_IO_PRIORITY, 8, JET_errInvalidBufferSize, 4);
    set_u32(sesid, SESPARAM_IO_PRIORITY, JET_IOPriorityLow, JET_errSuccess);
    ok(get_u32(sesid, SESPARAM_IO_PRIORITY) == JET_IOPriorityLow, "I/O priority read back\n");
    set_u32(sesid, SESPARAM_IO_PRIORITY, IOPRIORITY_USER_CLASS_MASK | IOPRIORITY_MARK_AS_MAINTENANCE
            | IOPRIORITY_DISPATCH_BACKGROUND | JET_IOPriorityLow, JET_errSuccess);
    ok(get_u32(sesid, SESPARAM_IO_PRIORITY) == (IOPRIORITY_USER_CLASS_MASK | IOPRIORITY_MARK_AS_MAINTENANCE
       | IOPRIORITY_DISPATCH_BACKGROUND | JET_IOPriorityLow), "I/O priority with every session bit\n");
    set_u32(sesid, SESPARAM_IO_PRIORITY, IOPRIORITY_LOW_FOR_CHECKPOINT, JET_errInvalidGrbit);
    set_u32(sesid, SESPARAM_IO_PRIORITY, 0x80000000, JET_errInvalidGrbit);
    set(sesid, SESPARAM_IO_PRIORITY, buf, 2, JET_errInvalidBufferSize);
    set_u32(sesid, SESPARAM_IO_PRIORITY, 0, JET_errSuccess);
    ok(get_u32(sesid, SESPARAM_IO_PRIORITY) == 0, "I/O priority 0\n");
    err = JetBeginSessionA(inst, &early, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA returned %ld\n", err);
    err = JetSetSystemParameterW(&inst, 0, JET_paramIOPriority,
            JET_IOPriorityLow | IOPRIORITY_LOW_FOR_CHECKPOINT | IOPRIORITY_LOW_FOR_SCAVENGE, NULL);
    ok(err == JET_errSuccess, "JET_paramIOPriority: got %ld\n", err);
    err = JetBeginSessionA(inst, &other, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA returned %ld\n", err);
    ok(get_u32(other, SESPARAM_IO_PRIORITY) == JET_IOPriorityLow, "new session's I/O priority\n");
    ok(get_u32(sesid, SESPARAM_IO_PRIORITY) == 0, "old session's I/O priority\n");
    /* The default is taken when the session begins. */
    ok(get_u32(early, SESPARAM_IO_PRIORITY) == 0, "I/O priority of a session begun before the change\n");
    err = JetEndSession(early, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);

    /* Session values are per session. */
    ok(get_u32(other, SESPARAM_CACHE_PRIORITY) == 50, "other session's cache priority\n");
    expect_desc(other, SESPARAM_CLIENT_COMPONENT_DESC, "");
    ok(get_u32(other, JET_sesparamCorrelationID) == 0, "other session's correlation id\n");
    err = JetEndSession(other, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);

    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession returned %ld\n", err);
    teardown();
}
