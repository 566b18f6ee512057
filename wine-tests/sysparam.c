/* SPDX-License-Identifier: MIT
 * wine-tests/sysparam.c: JetSetSystemParameter / JetGetSystemParameter (A and W) and
 * JetEnableMultiInstance (A and W): ids, types, defaults, ranges, which store a call addresses
 * in each run mode, when a value may change, string buffers and the A/W conversions.
 *
 * The run mode (none yet, single-instance, multi-instance) is process-wide, so every scenario
 * that depends on it is its own START_TEST (each runs in its own process).
 *
 * Sources: the reference pages (jetsetsystemparameter-function.md, jetgetsystemparameter-
 * function.md, jetenablemultiinstance-function.md, *-parameters.md) are the specification;
 * where Windows' ESENT today behaves otherwise (its source, microsoft/Extensible-Storage-Engine,
 * is the final word), the check follows Windows and a comment says so. */
#include "test_util.h"

/* Ids Windows' ESENT answers that this SDK header level does not name. */
#define PARAM_PRINT_FUNCTION      37      /* JET_paramPrintFunction */
#define PARAM_TRANSACTION_LEVEL   38      /* JET_paramTransactionLevel (deprecated) */
#define PARAM_PLACEHOLDER         185     /* an unused id inside the table */
#define PARAM_RECORD_SIZE_MOST    213     /* JET_paramRecordSizeMost */
#define PARAM_ENGINE_FORMAT_VER   194     /* JET_paramEngineFormatVersion */
#define EFV_USE_ENGINE_DEFAULT    0x40000001
#define COMMIT_REDO_CALLBACK      0x20    /* JET_bitCommitRedoCallback */

/* ---- helpers ------------------------------------------------------------------------------ */

/* A printable copy of a wide string (rotating buffers, for ok() messages). */
static const char *dbgstr_w(const WCHAR *w)
{
    static char bufs[4][600];
    static int next;
    char *p = bufs[next++ & 3], *q = p;
    if (!w) return "(null)";
    *q++ = '"';
    for (; *w && q < p + sizeof bufs[0] - 10; w++) {
        if (*w >= 0x20 && *w < 0x7f) *q++ = (char)*w;
        else q += sprintf(q, "\\x%04x", *w);
    }
    *q++ = '"';
    *q = 0;
    return p;
}

/* A printable copy of a narrow string that may hold non-ASCII bytes. */
static const char *dbgstr_a(const char *s)
{
    static char bufs[4][600];
    static int next;
    char *p = bufs[next++ & 3], *q = p;
    if (!s) return "(null)";
    *q++ = '"';
    for (; *s && q < p + sizeof bufs[0] - 10; s++) {
        if (*s >= 0x20 && *s < 0x7f) *q++ = *s;
        else q += sprintf(q, "\\x%02x", (unsigned char)*s);
    }
    *q++ = '"';
    *q = 0;
    return p;
}

/* Reads a number (W form, 0xcc-filled output); the value read. */
static JET_API_PTR get_num_(int line, JET_INSTANCE inst, JET_SESID sesid, unsigned long id)
{
    JET_API_PTR v;
    JET_ERR err;
    memset(&v, 0xcc, sizeof v);
    err = JetGetSystemParameterW(inst, sesid, id, &v, NULL, 0);
    ok_(__FILE__, line)(err == JET_errSuccess, "get of param %lu: got %ld\n", id, err);
    return v;
}
#define get_num(inst, id) get_num_(__LINE__, inst, 0, id)

static void expect_num_(int line, JET_INSTANCE inst, JET_SESID sesid, unsigned long id, JET_API_PTR expect)
{
    JET_API_PTR v = get_num_(line, inst, sesid, id);
    /* JET_paramCommitDefault writes a JET_GRBIT only (sysparam_special checks the rest). */
    if (id == JET_paramCommitDefault) v = (ULONG)v;
    ok_(__FILE__, line)(v == expect, "param %lu: got %Iu (%#Ix), expected %Iu (%#Ix)\n", id, v, v, expect, expect);
}
#define expect_num(inst, id, v) expect_num_(__LINE__, inst, 0, id, (JET_API_PTR)(v))
#define expect_num_ses(inst, sesid, id, v) expect_num_(__LINE__, inst, sesid, id, (JET_API_PTR)(v))

/* Reads a string through the W form and compares it. */
static void expect_str_(int line, JET_INSTANCE inst, unsigned long id, const WCHAR *expect)
{
    WCHAR buf[400];
    JET_ERR err;
    memset(buf, 0xcc, sizeof buf);
    err = JetGetSystemParameterW(inst, 0, id, NULL, buf, sizeof buf);
    ok_(__FILE__, line)(err == JET_errSuccess, "get of param %lu: got %ld\n", id, err);
    ok_(__FILE__, line)(!lstrcmpW(buf, expect), "param %lu: got %s, expected %s\n", id, dbgstr_w(buf), dbgstr_w(expect));
}
#define expect_str(inst, id, s) expect_str_(__LINE__, inst, id, s)

static void set_num_(int line, JET_INSTANCE *pinst, JET_SESID sesid, unsigned long id, JET_API_PTR v, JET_ERR expect)
{
    JET_ERR err = JetSetSystemParameterW(pinst, sesid, id, v, NULL);
    ok_(__FILE__, line)(err == expect, "set of param %lu to %Iu: got %ld, expected %ld\n", id, v, err, expect);
}
#define set_num(pinst, id, v, expect) set_num_(__LINE__, pinst, 0, id, (JET_API_PTR)(v), expect)
#define set_num_ses(pinst, sesid, id, v, expect) set_num_(__LINE__, pinst, sesid, id, (JET_API_PTR)(v), expect)

static void set_str_(int line, JET_INSTANCE *pinst, unsigned long id, const WCHAR *v, JET_ERR expect)
{
    JET_ERR err = JetSetSystemParameterW(pinst, 0, id, 0, v);
    ok_(__FILE__, line)(err == expect, "set of param %lu to %s: got %ld, expected %ld\n", id, dbgstr_w(v), err, expect);
}
#define set_str(pinst, id, v, expect) set_str_(__LINE__, pinst, id, v, expect)

/* The current directory with a trailing backslash. */
static void current_dir(WCHAR *buf, DWORD cch)
{
    DWORD n = GetCurrentDirectoryW(cch, buf);
    if (n && buf[n - 1] != '\\') lstrcatW(buf, L"\\");
}

static BOOL bytes_are(const void *p, int byte, size_t cb)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < cb; i++)
        if (b[i] != (unsigned char)byte) return FALSE;
    return TRUE;
}

/* ---- defaults ----------------------------------------------------------------------------- */

/* Before any instance exists every call addresses the process-wide values; these are the
 * defaults of a representative set of every type. */
START_TEST(sysparam_defaults)
{
    JET_UNICODEINDEX ui;
    JET_API_PTR v;
    JET_ERR err;

    /* Integers. */
    expect_num(JET_instanceNil, JET_paramMaxSessions, 16);
    expect_num(JET_instanceNil, JET_paramMaxOpenTables, 300);
    expect_num(JET_instanceNil, JET_paramMaxCursors, 1024);
    expect_num(JET_instanceNil, JET_paramMaxVerPages, 64);
    expect_num(JET_instanceNil, JET_paramMaxTemporaryTables, 20);
    expect_num(JET_instanceNil, JET_paramLogFileSize, 5120);
    expect_num(JET_instanceNil, JET_paramLogBuffers, 126);
    expect_num(JET_instanceNil, JET_paramCheckpointDepthMax, 20971520);
    expect_num(JET_instanceNil, JET_paramEventLoggingLevel, 100);
    expect_num(JET_instanceNil, JET_paramAccessDeniedRetryPeriod, 10000);
    expect_num(JET_instanceNil, JET_paramMaxInstances, 16);
    expect_num(JET_instanceNil, JET_paramDatabasePageSize, 4096);
    expect_num(JET_instanceNil, JET_paramCachedClosedTables, 64);
    expect_num(JET_instanceNil, JET_paramIndexTuplesLengthMin, 3);
    expect_num(JET_instanceNil, JET_paramIndexTuplesLengthMax, 10);
    expect_num(JET_instanceNil, JET_paramIndexTuplesToIndexMax, 32767);
    expect_num(JET_instanceNil, JET_paramOSSnapshotTimeout, 70000);
    expect_num(JET_instanceNil, JET_paramConfiguration, JET_configDefault);
    /* The pages give 16384 for the version store bucket; Windows uses 16 KB per 32 bits of
     * pointer (ESE's cbDefaultVerPageSize): 32768 on x64. */
    expect_num(JET_instanceNil, JET_paramVerPageSize, sizeof(void *) == 8 ? 32768 : 16384);
    /* The pages give 18 (before JET_coltypUnsignedLongLong); Windows 10 has 19. */
    expect_num(JET_instanceNil, JET_paramMaxColtyp, 19);
    /* The pages give 1 (JET_ExceptionMsgBox); Windows fails fast by default. */
    expect_num(JET_instanceNil, JET_paramExceptionAction, JET_ExceptionFailFast);
    /* The pages give JET_bitESE98FileNames (1); Windows adds JET_bitEightDotThreeSoftCompat. */
    expect_num(JET_instanceNil, JET_paramLegacyFileNames, 3);
    /* The pages give 96 (range 8..1024); checkpoint I/O is smoothed today and the limit is 1. */
    expect_num(JET_instanceNil, JET_paramCheckpointIOMax, 1);
    /* The pages give 125; ESE's table has 100. */
    expect_num(JET_instanceNil, JET_paramIOThrottlingTimeQuanta, 100);
    /* The pages describe a boolean defaulting to False; since Windows 7 it is a
     * JET_IndexChecking* value and JET_IndexCheckingOn is the default. */
    expect_num(JET_instanceNil, JET_paramEnableIndexChecking, JET_IndexCheckingOn);
    /* Values that follow the 4 KB page size. */
    expect_num(JET_instanceNil, JET_paramKeyMost, 1000);
    expect_num(JET_instanceNil, JET_paramLVChunkSizeMost, 4014);
    expect_num(JET_instanceNil, PARAM_RECORD_SIZE_MOST, 4052);

    /* Booleans. */
    expect_num(JET_instanceNil, JET_paramCircularLog, 0);
    expect_num(JET_instanceNil, JET_paramEnableAdvanced, 1);
    expect_num(JET_instanceNil, JET_paramEnableTempTableVersioning, 1);
    expect_num(JET_instanceNil, JET_paramNoInformationEvent, 0);
    expect_num(JET_instanceNil, JET_paramCreatePathIfNotExist, 0);
    expect_num(JET_instanceNil, JET_paramEnableIndexCleanup, 1);
    expect_num(JET_instanceNil, JET_paramOneDatabasePerSession, 0);
    /* The pages give True; the parameter is obsolete and Windows defaults it to False. */
    expect_num(JET_instanceNil, JET_paramDeleteOldLogs, 0);

    /* Bit fields. */
    expect_num(JET_instanceNil, JET_paramEnableOnlineDefrag, JET_OnlineDefragAll);
    expect_num(JET_instanceNil, JET_paramCommitDefault, 0);

    /* Strings, folders and paths: the defaults are stored as written, not completed. */
    expect_str(JET_instanceNil, JET_paramBaseName, L"edb");
    expect_str(JET_instanceNil, JET_paramEventSource, L"");
    expect_str(JET_instanceNil, JET_paramEventSourceKey, L"");
    /* The pages give "On"; ESE's table has "on" (the engine compares without case). */
    expect_str(JET_instanceNil, JET_paramRecovery, L"on");
    expect_str(JET_instanceNil, JET_paramSystemPath, L".\\");
    expect_str(JET_instanceNil, JET_paramLogFilePath, L".\\");
    expect_str(JET_instanceNil, JET_paramAlternateDatabaseRecoveryPath, L"");
    expect_str(JET_instanceNil, JET_paramTempPath, L"tmp.edb");

    /* Pointers. */
    expect_num(JET_instanceNil, JET_paramRuntimeCallback, 0);
    v = get_num(JET_instanceNil, PARAM_PRINT_FUNCTION);
    ok(v != 0 && v != (JET_API_PTR)~(JET_API_PTR)0 && !bytes_are(&v, 0xcc, sizeof v),
       "JET_paramPrintFunction: got %#Ix\n", v);

    /* JET_paramUnicodeIndexDefault: en-US, sort key, ignoring case, kana type and width. */
    memset(&ui, 0xcc, sizeof ui);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&ui, NULL, sizeof ui);
    ok(err == JET_errSuccess, "JET_paramUnicodeIndexDefault: got %ld\n", err);
    ok(ui.lcid == 0x409, "lcid %#lx\n", ui.lcid);
    ok(ui.dwMapFlags == (LCMAP_SORTKEY | NORM_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH),
       "dwMapFlags %#lx\n", ui.dwMapFlags);

    /* JET_efvUseEngineDefault reads back as the engine's own version. */
    v = get_num(JET_instanceNil, PARAM_ENGINE_FORMAT_VER);
    ok(v != EFV_USE_ENGINE_DEFAULT && v >= 7060 && v < 0x40000000, "engine format version %#Ix\n", v);

    /* The A form reads the same values. */
    memset(&v, 0xcc, sizeof v);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramLogFileSize, &v, NULL, 0);
    ok(err == JET_errSuccess && v == 5120, "JET_paramLogFileSize (A): got %ld, %Iu\n", err, v);
}

/* ---- ids, ranges and types ------------------------------------------------------------------ */

START_TEST(sysparam_rules)
{
    static const unsigned long bad_ids[] = { JET_paramMaxValueInvalid + 1, 1000, 4097, 99999, 0x7fffffff, 0xffffffff };
    WCHAR cwd[MAX_PATH + 2], buf[600], expect[600];
    JET_API_PTR v;
    JET_ERR err;
    char sz[64];

    /* Ids beyond the table, every form. Before any instance exists the instance and session
     * arguments are not even looked at. */
    for (size_t i = 0; i < ARRAYSIZE(bad_ids); i++) {
        err = JetSetSystemParameterW(NULL, 0, bad_ids[i], 0, NULL);
        ok(err == JET_errInvalidParameter, "set W of id %lu: got %ld\n", bad_ids[i], err);
        err = JetSetSystemParameterA(NULL, 0, bad_ids[i], 0, "x");
        ok(err == JET_errInvalidParameter, "set A of id %lu: got %ld\n", bad_ids[i], err);
        v = 0xcccc;
        err = JetGetSystemParameterW(JET_instanceNil, 0, bad_ids[i], &v, NULL, 0);
        ok(err == JET_errInvalidParameter, "get W of id %lu: got %ld\n", bad_ids[i], err);
        ok(v == 0xcccc, "get of id %lu wrote %#Ix\n", bad_ids[i], v);
        err = JetGetSystemParameterA(JET_instanceNil, 0, bad_ids[i], &v, sz, sizeof sz);
        ok(err == JET_errInvalidParameter, "get A of id %lu: got %ld\n", bad_ids[i], err);
    }
    {
        JET_INSTANCE bogus = (JET_INSTANCE)(ULONG_PTR)0x13572468;
        err = JetSetSystemParameterW(&bogus, (JET_SESID)(ULONG_PTR)0x2468ace0, JET_paramMaxSessions, 20, NULL);
        ok(err == JET_errSuccess, "set with bogus handles before any instance: got %ld\n", err);
        expect_num_(__LINE__, bogus, (JET_SESID)(ULONG_PTR)0x2468ace0, JET_paramMaxSessions, 20);
        expect_num(JET_instanceNil, JET_paramMaxSessions, 20);
        set_num(NULL, JET_paramMaxSessions, 16, JET_errSuccess);
    }

    /* Placeholder ids inside the table: nothing to get or set. */
    err = JetGetSystemParameterW(JET_instanceNil, 0, PARAM_PLACEHOLDER, &v, NULL, 0);
    ok(err == JET_errInvalidParameter, "get of placeholder %u: got %ld\n", PARAM_PLACEHOLDER, err);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramMaxValueInvalid, &v, NULL, 0);
    ok(err == JET_errInvalidParameter, "get of JET_paramMaxValueInvalid: got %ld\n", err);
    set_num(NULL, PARAM_PLACEHOLDER, 1, JET_errInvalidParameter);
    set_num(NULL, JET_paramMaxValueInvalid, 1, JET_errInvalidParameter);

    /* Read-only parameters refuse every value, even the one they hold. */
    set_num(NULL, JET_paramMaxColtyp, 19, JET_errInvalidParameter);
    set_num(NULL, JET_paramMaxColtyp, 20, JET_errInvalidParameter);
    set_num(NULL, JET_paramKeyMost, 1000, JET_errInvalidParameter);
    set_num(NULL, JET_paramLVChunkSizeMost, 4014, JET_errInvalidParameter);
    set_num(NULL, PARAM_RECORD_SIZE_MOST, 4052, JET_errInvalidParameter);
    set_num(NULL, JET_paramErrorToString, 0, JET_errInvalidParameter);
    set_num(NULL, PARAM_TRANSACTION_LEVEL, 0, JET_errInvalidParameter);
    v = get_num(JET_instanceNil, PARAM_PRINT_FUNCTION);
    set_num(NULL, PARAM_PRINT_FUNCTION, v, JET_errInvalidParameter);
    expect_num(JET_instanceNil, JET_paramMaxColtyp, 19);

    /* Integers: both edges of the range; a refused value leaves the old one. */
    set_num(NULL, JET_paramMaxSessions, 30000, JET_errSuccess);
    set_num(NULL, JET_paramMaxSessions, 30001, JET_errInvalidParameter);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 30000);
    set_num(NULL, JET_paramMaxSessions, 0, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 0);
    set_num(NULL, JET_paramMaxSessions, -1, JET_errInvalidParameter);
    set_num(NULL, JET_paramMaxSessions, 16, JET_errSuccess);
    set_num(NULL, JET_paramLogFileSize, 63, JET_errInvalidParameter);
    set_num(NULL, JET_paramLogFileSize, 64, JET_errSuccess);
    set_num(NULL, JET_paramLogFileSize, 32768, JET_errSuccess);
    set_num(NULL, JET_paramLogFileSize, 32769, JET_errInvalidParameter);
    expect_num(JET_instanceNil, JET_paramLogFileSize, 32768);
    set_num(NULL, JET_paramLogFileSize, 5120, JET_errSuccess);
    set_num(NULL, JET_paramEventLoggingLevel, 0, JET_errSuccess);
    set_num(NULL, JET_paramEventLoggingLevel, 101, JET_errInvalidParameter);
    set_num(NULL, JET_paramEventLoggingLevel, 100, JET_errSuccess);
    /* The pages give 1..1024 instances; Windows allows up to 10240. */
    set_num(NULL, JET_paramMaxInstances, 0, JET_errInvalidParameter);
    set_num(NULL, JET_paramMaxInstances, 1, JET_errSuccess);
    set_num(NULL, JET_paramMaxInstances, 10240, JET_errSuccess);
    set_num(NULL, JET_paramMaxInstances, 10241, JET_errInvalidParameter);
    set_num(NULL, JET_paramMaxInstances, 16, JET_errSuccess);
    /* The pages give 1..2^31-1; Windows takes 0 closed tables too. Through JET_instanceNil the
     * set succeeds but changes nothing: only instances keep this value. */
    set_num(NULL, JET_paramCachedClosedTables, 0, JET_errSuccess);
    set_num(NULL, JET_paramCachedClosedTables, 100, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramCachedClosedTables, 64);
    /* JET_IndexChecking* values: 0..2. */
    set_num(NULL, JET_paramEnableIndexChecking, JET_IndexCheckingDeferToOpenTable, JET_errSuccess);
    set_num(NULL, JET_paramEnableIndexChecking, JET_IndexCheckingMax, JET_errInvalidParameter);
    expect_num(JET_instanceNil, JET_paramEnableIndexChecking, JET_IndexCheckingDeferToOpenTable);
    set_num(NULL, JET_paramEnableIndexChecking, JET_IndexCheckingOn, JET_errSuccess);
    /* 32-bit maxima in the pages (4294967295) are pointer-sized today. */
    set_num(NULL, JET_paramAccessDeniedRetryPeriod, (JET_API_PTR)~(JET_API_PTR)0, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramAccessDeniedRetryPeriod, ~(JET_API_PTR)0);
    set_num(NULL, JET_paramAccessDeniedRetryPeriod, 10000, JET_errSuccess);

    /* Block sizes: in range and a power of two. The pages list 2048..8192; Windows takes 4, 8,
     * 16 and 32 KB, and the key, record and long-value chunk limits follow. */
    set_num(NULL, JET_paramDatabasePageSize, 2048, JET_errInvalidParameter);
    set_num(NULL, JET_paramDatabasePageSize, 12288, JET_errInvalidParameter);
    set_num(NULL, JET_paramDatabasePageSize, 65536, JET_errInvalidParameter);
    set_num(NULL, JET_paramDatabasePageSize, 8192, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramDatabasePageSize, 8192);
    expect_num(JET_instanceNil, JET_paramKeyMost, 2000);
    expect_num(JET_instanceNil, JET_paramLVChunkSizeMost, 8110);
    expect_num(JET_instanceNil, PARAM_RECORD_SIZE_MOST, 8148);
    set_num(NULL, JET_paramDatabasePageSize, 16384, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramLVChunkSizeMost, 4050);
    expect_num(JET_instanceNil, PARAM_RECORD_SIZE_MOST, 16300);
    set_num(NULL, JET_paramDatabasePageSize, 32768, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramKeyMost, 2000);
    expect_num(JET_instanceNil, JET_paramLVChunkSizeMost, 8150);
    expect_num(JET_instanceNil, PARAM_RECORD_SIZE_MOST, 32684);
    set_num(NULL, JET_paramDatabasePageSize, 4096, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramKeyMost, 1000);
    expect_num(JET_instanceNil, JET_paramLVChunkSizeMost, 4014);
    set_num(NULL, JET_paramVerPageSize, 3000, JET_errInvalidParameter);
    set_num(NULL, JET_paramVerPageSize, 512, JET_errInvalidParameter);
    set_num(NULL, JET_paramVerPageSize, 1024, JET_errSuccess);
    set_num(NULL, JET_paramVerPageSize, 65536, JET_errSuccess);
    set_num(NULL, JET_paramVerPageSize, 131072, JET_errInvalidParameter);

    /* Booleans: any value is True and reads back as 1. */
    set_num(NULL, JET_paramCircularLog, 2, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramCircularLog, 1);
    set_num(NULL, JET_paramCircularLog, 0, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramCircularLog, 0);
    set_num(NULL, JET_paramCircularLog, ~(JET_API_PTR)0, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramCircularLog, 1);
    set_num(NULL, JET_paramCircularLog, 0, JET_errSuccess);
    set_num(NULL, JET_paramNoInformationEvent, 0x100, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramNoInformationEvent, 1);
    set_num(NULL, JET_paramNoInformationEvent, 0, JET_errSuccess);
    /* The pages give False and True; the obsolete JET_paramIgnoreLogVersion takes only False. */
    set_num(NULL, JET_paramIgnoreLogVersion, 1, JET_errInvalidParameter);
    set_num(NULL, JET_paramIgnoreLogVersion, 0, JET_errSuccess);
    /* Newer booleans have the range 0..1. */
    set_num(NULL, JET_paramEnableRBS, 2, JET_errInvalidParameter);
    set_num(NULL, JET_paramEnableRBS, 1, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramEnableRBS, 1);
    set_num(NULL, JET_paramEnableRBS, 0, JET_errSuccess);

    /* Bit fields. */
    set_num(NULL, JET_paramEnableOnlineDefrag, 0x10000, JET_errInvalidParameter);
    set_num(NULL, JET_paramEnableOnlineDefrag, 0, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramEnableOnlineDefrag, 0);
    set_num(NULL, JET_paramEnableOnlineDefrag, JET_OnlineDefragAll, JET_errSuccess);
    set_num(NULL, JET_paramEnableShrinkDatabase, JET_bitShrinkDatabaseRealtime, JET_errInvalidGrbit);
    set_num(NULL, JET_paramEnableShrinkDatabase, 0x100, JET_errInvalidGrbit);
    set_num(NULL, JET_paramEnableShrinkDatabase, JET_bitShrinkDatabaseOn | JET_bitShrinkDatabaseRealtime, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramEnableShrinkDatabase, JET_bitShrinkDatabaseOn | JET_bitShrinkDatabaseRealtime);
    set_num(NULL, JET_paramEnableShrinkDatabase, 0, JET_errSuccess);

    /* Pointers. */
    set_num(NULL, JET_paramRuntimeCallback, (JET_API_PTR)&current_dir, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramRuntimeCallback, (JET_API_PTR)&current_dir);
    set_num(NULL, JET_paramRuntimeCallback, 0, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramRuntimeCallback, 0);

    /* Strings: the length range; NULL is the empty string. The base name is exactly three. */
    set_str(NULL, JET_paramBaseName, L"ab", JET_errInvalidParameter);
    set_str(NULL, JET_paramBaseName, L"abcd", JET_errInvalidParameter);
    set_str(NULL, JET_paramBaseName, NULL, JET_errInvalidParameter);
    set_str(NULL, JET_paramBaseName, L"", JET_errInvalidParameter);
    expect_str(JET_instanceNil, JET_paramBaseName, L"edb");
    set_str(NULL, JET_paramBaseName, L"xyz", JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramBaseName, L"xyz");
    err = JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "ab");
    ok(err == JET_errInvalidParameter, "two-letter base name (A): got %ld\n", err);
    err = JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "edb");
    ok(err == JET_errSuccess, "base name (A): got %ld\n", err);
    for (int i = 0; i < 260; i++) buf[i] = 'a' + i % 26;
    buf[260] = 0;
    set_str(NULL, JET_paramEventSource, buf, JET_errInvalidParameter);
    buf[259] = 0;
    set_str(NULL, JET_paramEventSource, buf, JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramEventSource, buf);
    set_str(NULL, JET_paramEventSource, NULL, JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramEventSource, L"");

    /* Folders read back absolute with a trailing separator; NULL and "" are the current
     * directory. */
    current_dir(cwd, MAX_PATH);
    set_str(NULL, JET_paramSystemPath, L"", JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramSystemPath, cwd);
    set_str(NULL, JET_paramSystemPath, NULL, JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramSystemPath, cwd);
    set_str(NULL, JET_paramSystemPath, L".", JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramSystemPath, cwd);
    set_str(NULL, JET_paramLogFilePath, L"logs", JET_errSuccess);
    lstrcpyW(expect, cwd);
    lstrcatW(expect, L"logs\\");
    expect_str(JET_instanceNil, JET_paramLogFilePath, expect);
    set_str(NULL, JET_paramLogFilePath, L"C:\\some\\folder", JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramLogFilePath, L"C:\\some\\folder\\");
    set_str(NULL, JET_paramLogFilePath, L"C:\\some\\folder\\", JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramLogFilePath, L"C:\\some\\folder\\");
    set_str(NULL, JET_paramLogFilePath, L"C:/some/other/", JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramLogFilePath, L"C:\\some\\other\\");
    err = JetSetSystemParameterA(NULL, 0, JET_paramAlternateDatabaseRecoveryPath, 0, "C:\\alt");
    ok(err == JET_errSuccess, "JET_paramAlternateDatabaseRecoveryPath (A): got %ld\n", err);
    memset(sz, 0xcc, sizeof sz);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramAlternateDatabaseRecoveryPath, NULL, sz, sizeof sz);
    ok(err == JET_errSuccess && !strcmp(sz, "C:\\alt\\"), "JET_paramAlternateDatabaseRecoveryPath (A): got %ld %s\n", err, sz);
    /* The completed folder, separator included, must fit in 246 characters. */
    lstrcpyW(buf, L"C:\\");
    for (int i = 3; i < 245; i++) buf[i] = 'f';
    buf[245] = 0;
    set_str(NULL, JET_paramSystemPath, buf, JET_errSuccess);
    lstrcpyW(expect, buf);
    lstrcatW(expect, L"\\");
    expect_str(JET_instanceNil, JET_paramSystemPath, expect);
    buf[245] = 'f';
    buf[246] = 0;
    set_str(NULL, JET_paramSystemPath, buf, JET_errInvalidParameter);
    expect_str(JET_instanceNil, JET_paramSystemPath, expect);
    lstrcatW(buf, L"\\");
    set_str(NULL, JET_paramSystemPath, buf, JET_errInvalidParameter);
    set_str(NULL, JET_paramSystemPath, L".\\", JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramSystemPath, cwd);

    /* Paths: completed, except a bare file name, which stays as given. */
    set_str(NULL, JET_paramTempPath, L"other.edb", JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramTempPath, L"other.edb");
    set_str(NULL, JET_paramTempPath, L"sub\\t.edb", JET_errSuccess);
    lstrcpyW(expect, cwd);
    lstrcatW(expect, L"sub\\t.edb");
    expect_str(JET_instanceNil, JET_paramTempPath, expect);
    set_str(NULL, JET_paramTempPath, L"C:\\tmpdir\\", JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramTempPath, L"C:\\tmpdir\\");
    set_str(NULL, JET_paramTempPath, L"C:\\tmpdir\\x.edb", JET_errSuccess);
    expect_str(JET_instanceNil, JET_paramTempPath, L"C:\\tmpdir\\x.edb");
    set_str(NULL, JET_paramTempPath, L"tmp.edb", JET_errSuccess);

    /* Advanced parameters are ignored while JET_paramEnableAdvanced is off: the set succeeds,
     * even out of range, and nothing changes. Placeholders count as advanced. */
    set_num(NULL, JET_paramMaxSessions, 40, JET_errSuccess);
    set_num(NULL, JET_paramEnableAdvanced, 0, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramEnableAdvanced, 0);
    set_num(NULL, JET_paramMaxSessions, 50, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 40);
    set_num(NULL, JET_paramMaxSessions, 40000, JET_errSuccess);
    set_num(NULL, JET_paramCacheSizeMax, 0, JET_errSuccess);
    set_num(NULL, JET_paramVerPageSize, 3000, JET_errSuccess);
    set_num(NULL, PARAM_PLACEHOLDER, 1, JET_errSuccess);
    set_num(NULL, JET_paramMaxValueInvalid, 1, JET_errSuccess);
    err = JetGetSystemParameterW(JET_instanceNil, 0, PARAM_PLACEHOLDER, &v, NULL, 0);
    ok(err == JET_errInvalidParameter, "get of the placeholder: got %ld\n", err);
    /* Ordinary parameters still check their values. */
    set_num(NULL, JET_paramLogFileSize, 1, JET_errInvalidParameter);
    set_num(NULL, JET_paramEnableAdvanced, 1, JET_errSuccess);
    set_num(NULL, JET_paramMaxSessions, 40000, JET_errInvalidParameter);
    set_num(NULL, JET_paramMaxSessions, 50, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 50);
    set_num(NULL, JET_paramMaxSessions, 16, JET_errSuccess);
}

/* ---- string buffers and A/W conversions ------------------------------------------------------ */

/* The unrepresentable and representable test characters for the ANSI code page. */
static BOOL acp_can_encode(WCHAR wc, char *out, int *pcb)
{
    BOOL used = FALSE;
    const UINT cp = GetACP();
    int n = WideCharToMultiByte(CP_ACP, 0, &wc, 1, out, 8, NULL, cp == CP_UTF8 ? NULL : &used);
    if (pcb) *pcb = n;
    return n > 0 && !used;
}

START_TEST(sysparam_strings)
{
    WCHAR wsz[64];
    char sz[64];
    JET_API_PTR v;
    JET_ERR err;

    err = JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, L"abcdef");
    ok(err == JET_errSuccess, "set: got %ld\n", err);

    /* W: cbMax is in bytes. A short buffer gets as much as fits, terminated, and an error
     * (the reference page's "success, truncated" describes releases before Vista). */
    memset(wsz, 0xcc, sizeof wsz);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramEventSource, NULL, wsz, 14);
    ok(err == JET_errSuccess && !lstrcmpW(wsz, L"abcdef"), "exact fit: got %ld %s\n", err, dbgstr_w(wsz));
    ok(wsz[7] == 0xcccc, "wrote past the string: %#x\n", wsz[7]);
    memset(wsz, 0xcc, sizeof wsz);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramEventSource, NULL, wsz, 12);
    ok(err == JET_errBufferTooSmall, "one WCHAR short: got %ld\n", err);
    ok(!lstrcmpW(wsz, L"abcde"), "truncated to %s\n", dbgstr_w(wsz));
    ok(wsz[6] == 0xcccc, "wrote past the buffer: %#x\n", wsz[6]);
    memset(wsz, 0xcc, sizeof wsz);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramEventSource, NULL, wsz, 7);
    ok(err == JET_errBufferTooSmall, "odd size: got %ld\n", err);
    ok(!lstrcmpW(wsz, L"ab"), "odd size: truncated to %s\n", dbgstr_w(wsz));
    ok(wsz[3] == 0xcccc, "odd size: wrote %#x after the string\n", wsz[3]);
    memset(wsz, 0xcc, sizeof wsz);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramEventSource, NULL, wsz, 2);
    ok(err == JET_errBufferTooSmall && wsz[0] == 0, "one WCHAR: got %ld, %#x\n", err, wsz[0]);
    ok(wsz[1] == 0xcccc, "one WCHAR: wrote %#x\n", wsz[1]);
    memset(wsz, 0xcc, sizeof wsz);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramEventSource, NULL, wsz, 1);
    ok(err == JET_errInvalidParameter, "cbMax 1: got %ld\n", err);
    ok(wsz[0] == 0xcccc, "cbMax 1: wrote %#x\n", wsz[0]);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramEventSource, NULL, wsz, 0);
    ok(err == JET_errInvalidParameter, "cbMax 0: got %ld\n", err);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramEventSource, NULL, NULL, sizeof wsz);
    ok(err == JET_errInvalidParameter, "NULL buffer: got %ld\n", err);
    /* A string parameter leaves plParam alone. */
    memset(&v, 0xcc, sizeof v);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramEventSource, &v, wsz, sizeof wsz);
    ok(err == JET_errSuccess && bytes_are(&v, 0xcc, sizeof v), "plParam of a string: got %ld, %#Ix\n", err, v);
    /* An empty value fits any buffer of at least one WCHAR. */
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramEventSourceKey, NULL, wsz, 2);
    ok(err == JET_errSuccess && wsz[0] == 0, "empty string in one WCHAR: got %ld\n", err);

    /* A: the W value is read into a buffer of cbMax WCHARs; if that fails the error is returned
     * and nothing is converted, so the caller's buffer is left alone. */
    memset(sz, 0xcc, sizeof sz);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramEventSource, NULL, sz, 7);
    ok(err == JET_errSuccess && !strcmp(sz, "abcdef"), "A exact fit: got %ld %s\n", err, dbgstr_a(sz));
    ok((unsigned char)sz[7] == 0xcc, "A wrote past the string: %#x\n", (unsigned char)sz[7]);
    memset(sz, 0xcc, sizeof sz);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramEventSource, NULL, sz, 6);
    ok(err == JET_errBufferTooSmall, "A one short: got %ld\n", err);
    ok(bytes_are(sz, 0xcc, sizeof sz), "A one short: buffer changed to %s\n", dbgstr_a(sz));
    memset(sz, 0xcc, sizeof sz);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramEventSource, NULL, sz, 1);
    ok(err == JET_errBufferTooSmall, "A cbMax 1: got %ld\n", err);
    ok(bytes_are(sz, 0xcc, sizeof sz), "A cbMax 1: buffer changed\n");
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramEventSource, NULL, sz, 0);
    ok(err == JET_errInvalidParameter, "A cbMax 0: got %ld\n", err);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramEventSource, NULL, NULL, sizeof sz);
    ok(err == JET_errInvalidParameter, "A NULL buffer: got %ld\n", err);
    memset(sz, 0xcc, sizeof sz);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramEventSourceKey, NULL, sz, 1);
    ok(err == JET_errSuccess && sz[0] == 0, "A empty string in one byte: got %ld %#x\n", err, (unsigned char)sz[0]);

    /* A number read with a string buffer: the A form converts the untouched (empty) wide
     * buffer, so "" is written; the W form leaves the buffer alone. */
    memset(sz, 0xcc, sizeof sz);
    memset(&v, 0xcc, sizeof v);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramLogFileSize, &v, sz, sizeof sz);
    ok(err == JET_errSuccess && v == 5120, "A number with a buffer: got %ld %Iu\n", err, v);
    ok(sz[0] == 0 && (unsigned char)sz[1] == 0xcc, "A number with a buffer: wrote %#x %#x\n",
       (unsigned char)sz[0], (unsigned char)sz[1]);
    memset(wsz, 0xcc, sizeof wsz);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramLogFileSize, &v, wsz, sizeof wsz);
    ok(err == JET_errSuccess && wsz[0] == 0xcccc, "W number with a buffer: got %ld %#x\n", err, wsz[0]);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramLogFileSize, NULL, wsz, sizeof wsz);
    ok(err == JET_errInvalidParameter, "number without plParam: got %ld\n", err);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramLogFileSize, NULL, NULL, 0);
    ok(err == JET_errInvalidParameter, "A number without plParam: got %ld\n", err);

    /* Non-ASCII text: the A forms use the ANSI code page. */
    {
        static const WCHAR candidates[] = { 0x00e9, 0x00fc, 0x0416, 0x03a9, 0x05d0, 0x4e2d };
        WCHAR good = 0, bad = 0, expectw[8];
        char bytes[8], expecta[16];
        int cb;

        trace("ANSI code page %u\n", GetACP());
        for (size_t i = 0; i < ARRAYSIZE(candidates); i++) {
            if (acp_can_encode(candidates[i], bytes, &cb)) { if (!good) good = candidates[i]; }
            else if (!bad) bad = candidates[i];
        }
        if (good) {
            acp_can_encode(good, bytes, &cb);
            strcpy(expecta, "caf");
            memcpy(expecta + 3, bytes, cb);
            expecta[3 + cb] = 0;
            lstrcpyW(expectw, L"caf");
            expectw[3] = good;
            expectw[4] = 0;
            err = JetSetSystemParameterA(NULL, 0, JET_paramEventSource, 0, expecta);
            ok(err == JET_errSuccess, "A set of %s: got %ld\n", dbgstr_a(expecta), err);
            expect_str(JET_instanceNil, JET_paramEventSource, expectw);
            memset(sz, 0xcc, sizeof sz);
            err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramEventSource, NULL, sz, sizeof sz);
            ok(err == JET_errSuccess && !strcmp(sz, expecta), "A get: got %ld %s\n", err, dbgstr_a(sz));
            err = JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, L"x");
            err = JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, expectw);
            ok(err == JET_errSuccess, "W set: got %ld\n", err);
            memset(sz, 0xcc, sizeof sz);
            err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramEventSource, NULL, sz, sizeof sz);
            ok(err == JET_errSuccess && !strcmp(sz, expecta), "A get of a W value: got %ld %s\n", err, dbgstr_a(sz));
        } else skip("no non-ASCII character in code page %u\n", GetACP());
        if (bad) {
            /* A character the code page cannot hold fails the A read (no lossy '?'). */
            expectw[0] = 'x';
            expectw[1] = bad;
            expectw[2] = 0;
            err = JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, expectw);
            ok(err == JET_errSuccess, "W set of %s: got %ld\n", dbgstr_w(expectw), err);
            err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramEventSource, NULL, sz, sizeof sz);
            ok(err == JET_errUnicodeTranslationFail, "A get of %s: got %ld\n", dbgstr_w(expectw), err);
            expect_str(JET_instanceNil, JET_paramEventSource, expectw);
        } else skip("code page %u holds every test character\n", GetACP());
    }
    err = JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, NULL);
    ok(err == JET_errSuccess, "reset: got %ld\n", err);

    /* JET_paramErrorToString: *plParam holds the JET_ERR (its low 32 bits); the text is
     * "JET_errName, description". Only the name part is checked: the descriptions are
     * Windows' own wording. */
    {
        WCHAR text[300];
        const WCHAR prefix[] = L"JET_errOutOfMemory, ";
        char text_a[300];

        v = (JET_API_PTR)(ULONG)JET_errOutOfMemory;
        memset(text, 0xcc, sizeof text);
        err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramErrorToString, &v, text, sizeof text);
        ok(err == JET_errSuccess, "JET_paramErrorToString: got %ld\n", err);
        ok(!memcmp(text, prefix, sizeof prefix - sizeof(WCHAR)) && lstrlenW(text) > lstrlenW(prefix),
           "JET_paramErrorToString: got %s\n", dbgstr_w(text));
        ok(v == (JET_API_PTR)(ULONG)JET_errOutOfMemory, "plParam changed to %#Ix\n", v);
        /* Only the low 32 bits are the error. */
        v = (JET_API_PTR)(LONG_PTR)JET_errOutOfMemory;
        memset(text, 0xcc, sizeof text);
        err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramErrorToString, &v, text, sizeof text);
        ok(err == JET_errSuccess && !memcmp(text, prefix, sizeof prefix - sizeof(WCHAR)),
           "sign-extended error: got %ld %s\n", err, dbgstr_w(text));
        v = JET_wrnBufferTruncated;
        memset(text_a, 0xcc, sizeof text_a);
        err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramErrorToString, &v, text_a, sizeof text_a);
        ok(err == JET_errSuccess && !strncmp(text_a, "JET_wrnBufferTruncated, ", 24), "A: got %ld %s\n", err, text_a);
        v = 0;
        err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramErrorToString, &v, text, sizeof text);
        ok(err == JET_errSuccess && !memcmp(text, L"JET_errSuccess, ", 16 * sizeof(WCHAR)), "0: got %ld %s\n", err, dbgstr_w(text));
        /* Codes nobody defines. */
        v = (JET_API_PTR)(ULONG)-12345;
        err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramErrorToString, &v, text, sizeof text);
        ok(err == JET_errSuccess && !lstrcmpW(text, L"Unknown Error, Unknown Error"), "unknown code: got %ld %s\n", err, dbgstr_w(text));
        /* Short buffers are truncated and terminated. */
        v = (JET_API_PTR)(ULONG)JET_errOutOfMemory;
        memset(text, 0xcc, sizeof text);
        err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramErrorToString, &v, text, 10 * sizeof(WCHAR));
        ok(err == JET_errBufferTooSmall, "short buffer: got %ld\n", err);
        ok(!lstrcmpW(text, L"JET_errOu"), "short buffer: got %s\n", dbgstr_w(text));
        err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramErrorToString, &v, text, 1);
        ok(err == JET_errInvalidParameter, "cbMax 1: got %ld\n", err);
        err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramErrorToString, NULL, text, sizeof text);
        ok(err == JET_errInvalidParameter, "no plParam: got %ld\n", err);
        err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramErrorToString, &v, NULL, sizeof text);
        ok(err == JET_errInvalidParameter, "no buffer: got %ld\n", err);
    }
}

/* ---- parameters with their own rules --------------------------------------------------------- */

START_TEST(sysparam_special)
{
    JET_UNICODEINDEX ui, out;
    JET_API_PTR v;
    JET_ERR err;

    /* JET_paramUnicodeIndexDefault: lParam points to a JET_UNICODEINDEX; a get reads it through
     * plParam with cbMax its size. LCMAP_SORTKEY is added to the caller's flags. */
    ui.lcid = 0x407;
    ui.dwMapFlags = NORM_IGNORECASE;
    err = JetSetSystemParameterW(NULL, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR)&ui, NULL);
    ok(err == JET_errSuccess, "set: got %ld\n", err);
    ok(ui.dwMapFlags == (LCMAP_SORTKEY | NORM_IGNORECASE), "caller's flags became %#lx\n", ui.dwMapFlags);
    memset(&out, 0xcc, sizeof out);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out);
    ok(err == JET_errSuccess && out.lcid == 0x407 && out.dwMapFlags == (LCMAP_SORTKEY | NORM_IGNORECASE),
       "get: got %ld %#lx %#lx\n", err, out.lcid, out.dwMapFlags);
    memset(&out, 0xcc, sizeof out);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out);
    ok(err == JET_errSuccess && out.lcid == 0x407, "A get: got %ld %#lx\n", err, out.lcid);
    memset(&out, 0xcc, sizeof out);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out - 1);
    ok(err == JET_errBufferTooSmall, "short structure: got %ld\n", err);
    ok(bytes_are(&out, 0xcc, sizeof out), "short structure: written\n");
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramUnicodeIndexDefault, NULL, NULL, sizeof out);
    ok(err == JET_errInvalidParameter, "NULL structure: got %ld\n", err);
    /* Flags outside the sort-key set, LCMAP_UPPERCASE alone, and unknown locales. The page
     * says a refused set changes nothing; ESE stores the new locale before it checks the flags,
     * so the refused flags are tried with the locale in force, where both agree. */
    ui.lcid = 0x407;
    ui.dwMapFlags = LCMAP_UPPERCASE;
    err = JetSetSystemParameterW(NULL, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR)&ui, NULL);
    ok(err == JET_errInvalidParameter, "LCMAP_UPPERCASE: got %ld\n", err);
    ui.dwMapFlags = NORM_IGNORECASE | LCMAP_LOWERCASE;
    err = JetSetSystemParameterW(NULL, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR)&ui, NULL);
    ok(err == JET_errInvalidParameter, "LCMAP_LOWERCASE: got %ld\n", err);
    ui.lcid = 0x12345678;
    ui.dwMapFlags = NORM_IGNORECASE;
    err = JetSetSystemParameterW(NULL, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR)&ui, NULL);
    ok(err == JET_errInvalidParameter, "bad locale: got %ld\n", err);
    memset(&out, 0xcc, sizeof out);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out);
    ok(err == JET_errSuccess && out.lcid == 0x407 && out.dwMapFlags == (LCMAP_SORTKEY | NORM_IGNORECASE),
       "after refused sets: got %ld %#lx %#lx\n", err, out.lcid, out.dwMapFlags);
    /* NULL puts the default back. */
    err = JetSetSystemParameterW(NULL, 0, JET_paramUnicodeIndexDefault, 0, NULL);
    ok(err == JET_errSuccess, "NULL: got %ld\n", err);
    memset(&out, 0xcc, sizeof out);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out);
    ok(err == JET_errSuccess && out.lcid == 0x409
       && out.dwMapFlags == (LCMAP_SORTKEY | NORM_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH),
       "after NULL: got %ld %#lx %#lx\n", err, out.lcid, out.dwMapFlags);

    /* JET_paramCommitDefault: combinations of the commit bits only. The get writes a JET_GRBIT:
     * the upper half of a 64-bit JET_API_PTR keeps what it held. */
    set_num(NULL, JET_paramCommitDefault, JET_bitCommitLazyFlush | JET_bitWaitAllLevel0Commit, JET_errSuccess);
    memset(&v, 0xcc, sizeof v);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramCommitDefault, &v, NULL, 0);
    ok(err == JET_errSuccess, "get: got %ld\n", err);
    ok((ULONG)v == (JET_bitCommitLazyFlush | JET_bitWaitAllLevel0Commit), "got %#Ix\n", v);
    if (sizeof v > 4) ok((v >> 16 >> 16) == 0xcccccccc, "upper half %#Ix\n", v);
    set_num(NULL, JET_paramCommitDefault, JET_bitWaitLastLevel0Commit | JET_bitForceNewLog | COMMIT_REDO_CALLBACK, JET_errSuccess);
    set_num(NULL, JET_paramCommitDefault, 0x4, JET_errInvalidParameter);
    set_num(NULL, JET_paramCommitDefault, 0x40, JET_errInvalidParameter);
    set_num(NULL, JET_paramCommitDefault, 0, JET_errSuccess);
    v = 0;
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramCommitDefault, &v, NULL, 0);
    ok(err == JET_errSuccess && v == 0, "after reset: got %ld %#Ix\n", err, v);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramCommitDefault, NULL, NULL, 0);
    ok(err == JET_errInvalidParameter, "NULL plParam: got %ld\n", err);

    /* JET_paramTransactionLevel is a session's value: without one there is nothing to read. */
    err = JetGetSystemParameterW(JET_instanceNil, 0, PARAM_TRANSACTION_LEVEL, &v, NULL, 0);
    ok(err == JET_errInvalidParameter, "JET_paramTransactionLevel: got %ld\n", err);

    /* JET_paramEngineFormatVersion: below the oldest or above the newest version. */
    set_num(NULL, PARAM_ENGINE_FORMAT_VER, 1, JET_errEngineFormatVersionNoLongerSupportedTooLow);
    set_num(NULL, PARAM_ENGINE_FORMAT_VER, 0x3fffffff, JET_errEngineFormatVersionNotYetImplementedTooHigh);
    set_num(NULL, PARAM_ENGINE_FORMAT_VER, EFV_USE_ENGINE_DEFAULT, JET_errSuccess);
}

/* ---- JET_paramConfiguration ------------------------------------------------------------------ */

START_TEST(sysparam_config)
{
    JET_ERR err;

    err = JetSetSystemParameterW(NULL, 0, JET_paramBaseName, 0, L"cfg");
    ok(err == JET_errSuccess, "base name: got %ld\n", err);
    set_num(NULL, JET_paramMaxSessions, 77, JET_errSuccess);

    /* 0 is Vista's small configuration: the small defaults plus JET_configRemoveQuotas, every
     * written value reset, read back as 0. The pages give 0..1; today any JET_config* mix. */
    set_num(NULL, JET_paramConfiguration, 0, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramConfiguration, 0);
    expect_str(JET_instanceNil, JET_paramBaseName, L"edb");
    expect_num(JET_instanceNil, JET_paramLogFileSize, 64);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 30000);
    expect_num(JET_instanceNil, JET_paramMaxOpenTables, 0x7fffffff);
    expect_num(JET_instanceNil, JET_paramNoInformationEvent, 1);
    expect_num(JET_instanceNil, JET_paramCacheSizeMax, 16);
    expect_num(JET_instanceNil, JET_paramVerPageSize, 8192);
    expect_num(JET_instanceNil, JET_paramCheckpointDepthMax, 65536);
    /* Windows 8 and later leave the advanced parameters enabled. */
    expect_num(JET_instanceNil, JET_paramEnableAdvanced, 1);

    /* JET_configDefault puts every default back. */
    set_num(NULL, JET_paramConfiguration, JET_configDefault, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramConfiguration, JET_configDefault);
    expect_num(JET_instanceNil, JET_paramLogFileSize, 5120);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 16);
    expect_num(JET_instanceNil, JET_paramNoInformationEvent, 0);
    expect_num(JET_instanceNil, JET_paramVerPageSize, sizeof(void *) == 8 ? 32768 : 16384);

    /* Without JET_configDefault a set adds to the configuration in force. */
    set_num(NULL, JET_paramMaxSessions, 77, JET_errSuccess);
    set_num(NULL, JET_paramConfiguration, JET_configLowDiskFootprint, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramConfiguration, JET_configDefault | JET_configLowDiskFootprint);
    expect_num(JET_instanceNil, JET_paramCircularLog, 1);
    expect_num(JET_instanceNil, JET_paramLogFileSize, 64);
    expect_num(JET_instanceNil, JET_paramCheckpointDepthMax, 512 * 1024);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 77);
    set_num(NULL, JET_paramConfiguration, JET_configRunSilent, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramConfiguration, JET_configDefault | JET_configLowDiskFootprint | JET_configRunSilent);
    expect_num(JET_instanceNil, JET_paramNoInformationEvent, 1);
    expect_num(JET_instanceNil, JET_paramEventLoggingLevel, 0);
    expect_num(JET_instanceNil, JET_paramCircularLog, 1);

    /* With JET_configDefault the sets start again from the defaults. */
    set_num(NULL, JET_paramConfiguration, JET_configDefault | JET_configRemoveQuotas, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramConfiguration, JET_configDefault | JET_configRemoveQuotas);
    expect_num(JET_instanceNil, JET_paramCircularLog, 0);
    expect_num(JET_instanceNil, JET_paramEventLoggingLevel, 100);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 30000);
    expect_num(JET_instanceNil, JET_paramMaxCursors, 0x7fffffff);

    /* JET_configLowMemory installs the small defaults. */
    set_num(NULL, JET_paramConfiguration, JET_configDefault | JET_configLowMemory, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramConfiguration, JET_configDefault | JET_configLowMemory);
    expect_num(JET_instanceNil, JET_paramLogFileSize, 64);
    expect_num(JET_instanceNil, JET_paramCacheSizeMax, 16);

    /* Out of range; the same value is applied again (no "unchanged" shortcut). */
    set_num(NULL, JET_paramConfiguration, 0x800, JET_errInvalidParameter);
    set_num(NULL, JET_paramLogFileSize, 1024, JET_errSuccess);
    set_num(NULL, JET_paramConfiguration, JET_configDefault | JET_configLowMemory, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramLogFileSize, 64);
    set_num(NULL, JET_paramConfiguration, JET_configDefault, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramLogFileSize, 5120);
}

/* ---- multi-instance mode: which store, phases, sessions ------------------------------------- */

START_TEST(sysparam_multi)
{
    JET_INSTANCE inst1, inst2, bogus = (JET_INSTANCE)(ULONG_PTR)0x13572468;
    JET_SESID sesid, dead;
    char dir[MAX_PATH];
    WCHAR cwd[MAX_PATH + 2];
    JET_UNICODEINDEX ui, out;
    JET_API_PTR v;
    JET_ERR err;

    test_make_dir("sysparam_multi", dir, sizeof dir);
    current_dir(cwd, MAX_PATH);

    /* Process-wide values set before the first instance. */
    set_str(NULL, JET_paramBaseName, L"abc", JET_errSuccess);
    set_num(NULL, JET_paramMaxSessions, 33, JET_errSuccess);
    set_num(NULL, JET_paramCircularLog, 1, JET_errSuccess);
    set_num(NULL, JET_paramCommitDefault, JET_bitCommitLazyFlush, JET_errSuccess);
    set_num(NULL, JET_paramDatabasePageSize, 8192, JET_errSuccess);
    set_str(NULL, JET_paramLogFilePath, L"logs", JET_errSuccess);

    /* JetCreateInstance enters multi-instance mode; the new instance starts from the
     * process-wide values. */
    err = JetCreateInstanceA(&inst1, "sysparam1");
    ok(err == JET_errSuccess, "JetCreateInstanceA: got %ld\n", err);
    expect_str(inst1, JET_paramBaseName, L"abc");
    expect_num(inst1, JET_paramMaxSessions, 33);
    expect_num(inst1, JET_paramCircularLog, 1);
    expect_num(inst1, JET_paramCommitDefault, JET_bitCommitLazyFlush);
    expect_num(inst1, JET_paramDatabasePageSize, 8192);
    {
        WCHAR expect[MAX_PATH + 8];
        lstrcpyW(expect, cwd);
        lstrcatW(expect, L"logs\\");
        expect_str(inst1, JET_paramLogFilePath, expect);
    }

    /* An instance's own values are its own ... */
    set_num(&inst1, JET_paramMaxSessions, 44, JET_errSuccess);
    expect_num(inst1, JET_paramMaxSessions, 44);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 33);
    expect_num(0, JET_paramMaxSessions, 33);
    err = JetSetSystemParameterW(NULL, 0, JET_paramMaxSessions, 55, NULL);
    ok(err == JET_errSuccess, "process-wide JET_paramMaxSessions: got %ld\n", err);
    {
        JET_INSTANCE nil = JET_instanceNil;
        set_num(&nil, JET_paramMaxSessions, 56, JET_errSuccess);
        nil = 0;
        set_num(&nil, JET_paramMaxSessions, 55, JET_errSuccess);
    }
    expect_num(inst1, JET_paramMaxSessions, 44);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 55);
    /* ... and a later instance copies the process values of its time. */
    err = JetCreateInstanceA(&inst2, "sysparam2");
    ok(err == JET_errSuccess, "JetCreateInstanceA: got %ld\n", err);
    expect_num(inst2, JET_paramMaxSessions, 55);
    expect_str(inst2, JET_paramBaseName, L"abc");

    /* Global parameters have one value, whichever instance is named. */
    set_num(&inst1, JET_paramAccessDeniedRetryPeriod, 1234, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramAccessDeniedRetryPeriod, 1234);
    expect_num(inst2, JET_paramAccessDeniedRetryPeriod, 1234);
    set_num(NULL, JET_paramAccessDeniedRetryPeriod, 10000, JET_errSuccess);
    expect_num(inst1, JET_paramAccessDeniedRetryPeriod, 10000);

    /* Parameters fixed once the engine runs refuse changes through any handle, but the value
     * they hold may be set again. */
    set_num(NULL, JET_paramDatabasePageSize, 16384, JET_errAlreadyInitialized);
    set_num(&inst1, JET_paramDatabasePageSize, 16384, JET_errAlreadyInitialized);
    set_num(&inst1, JET_paramDatabasePageSize, 8192, JET_errSuccess);
    set_num(NULL, JET_paramMaxInstances, 20, JET_errAlreadyInitialized);
    set_num(NULL, JET_paramMaxInstances, 16, JET_errSuccess);
    /* The pages say these may change after JetCreateInstance; Windows fixes them when the
     * engine starts. */
    set_num(NULL, JET_paramPageHintCacheSize, 1024, JET_errAlreadyInitialized);
    set_num(NULL, JET_paramIOThrottlingTimeQuanta, 200, JET_errAlreadyInitialized);
    set_num(NULL, JET_paramMaxCoalesceReadSize, 1024, JET_errAlreadyInitialized);
    set_num(&inst1, JET_paramMaxCoalesceWriteSize, 1024, JET_errAlreadyInitialized);
    set_num(NULL, JET_paramIOThrottlingTimeQuanta, 100, JET_errSuccess);
    {
        WCHAR name[] = L"TableClassX";
        set_str(NULL, JET_paramTableClass1Name, name, JET_errAlreadyInitialized);
        /* Strings never count as "the same value". */
        set_str(NULL, JET_paramTableClass1Name, L"TableClass1", JET_errAlreadyInitialized);
    }
    /* The configuration of the process store is fixed too, even to the value it has; an
     * instance's may change until its JetInit, and leaves the process-wide values alone. */
    set_num(NULL, JET_paramConfiguration, JET_configDefault, JET_errAlreadyInitialized);
    set_num(&inst2, JET_paramConfiguration, JET_configDefault | JET_configLowDiskFootprint, JET_errSuccess);
    expect_num(inst2, JET_paramConfiguration, JET_configDefault | JET_configLowDiskFootprint);
    expect_num(inst2, JET_paramLogFileSize, 64);
    expect_num(inst2, JET_paramMaxSessions, 16);
    expect_str(inst2, JET_paramBaseName, L"edb");
    expect_num(JET_instanceNil, JET_paramConfiguration, JET_configDefault);
    expect_num(JET_instanceNil, JET_paramLogFileSize, 5120);
    expect_num(inst1, JET_paramLogFileSize, 5120);
    expect_num(inst2, JET_paramDatabasePageSize, 8192);

    /* Bad handles. */
    set_num(&bogus, JET_paramMaxSessions, 10, JET_errInvalidInstance);
    err = JetGetSystemParameterW(bogus, 0, JET_paramMaxSessions, &v, NULL, 0);
    ok(err == JET_errInvalidInstance, "get with a bogus instance: got %ld\n", err);
    set_num_ses(NULL, (JET_SESID)(ULONG_PTR)0x2468ace0, JET_paramMaxSessions, 10, JET_errInvalidSesid);
    err = JetGetSystemParameterW(0, (JET_SESID)(ULONG_PTR)0x2468ace0, JET_paramMaxSessions, &v, NULL, 0);
    ok(err == JET_errInvalidSesid, "get with a bogus session: got %ld\n", err);
    /* JET_sesidNil is "no session". */
    expect_num_ses(inst1, JET_sesidNil, JET_paramMaxSessions, 44);

    /* JET_paramUnicodeIndexDefault on an instance: the flags are stored before the locale is
     * looked at, so a bad locale leaves the new flags behind (ESE's SetUnicodeIndexDefault). */
    ui.lcid = 0x407;
    ui.dwMapFlags = NORM_IGNORECASE;
    err = JetSetSystemParameterW(&inst2, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR)&ui, NULL);
    ok(err == JET_errSuccess, "instance JET_paramUnicodeIndexDefault: got %ld\n", err);
    ui.lcid = 0x12345678;
    ui.dwMapFlags = NORM_IGNOREWIDTH;
    err = JetSetSystemParameterW(&inst2, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR)&ui, NULL);
    ok(err == JET_errInvalidParameter, "bad locale: got %ld\n", err);
    memset(&out, 0xcc, sizeof out);
    err = JetGetSystemParameterW(inst2, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out);
    ok(err == JET_errSuccess && out.lcid == 0x407 && out.dwMapFlags == (LCMAP_SORTKEY | NORM_IGNOREWIDTH),
       "after a bad locale: got %ld %#lx %#lx\n", err, out.lcid, out.dwMapFlags);
    memset(&out, 0xcc, sizeof out);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&out, NULL, sizeof out);
    ok(err == JET_errSuccess && out.lcid == 0x409, "process value: got %ld %#lx\n", err, out.lcid);

    /* JET_paramCachedClosedTables is kept by instances only. */
    set_num(&inst1, JET_paramCachedClosedTables, 0, JET_errSuccess);
    expect_num(inst1, JET_paramCachedClosedTables, 0);
    set_num(&inst1, JET_paramCachedClosedTables, 0x80000000u, JET_errInvalidParameter);
    set_num(NULL, JET_paramCachedClosedTables, 100, JET_errSuccess);
    expect_num(JET_instanceNil, JET_paramCachedClosedTables, 64);

    /* After JetInit the instance's start-up values are fixed; the value held may be set again
     * (numbers only: strings never compare equal). */
    test_set_paths(&inst1, dir);
    err = JetInit(&inst1);
    ok(err == JET_errSuccess, "JetInit: got %ld\n", err);
    set_num(&inst1, JET_paramMaxSessions, 45, JET_errAlreadyInitialized);
    set_num(&inst1, JET_paramMaxSessions, 44, JET_errSuccess);
    set_num(&inst1, JET_paramCircularLog, 0, JET_errAlreadyInitialized);
    set_num(&inst1, JET_paramCircularLog, 1, JET_errSuccess);
    set_str(&inst1, JET_paramBaseName, L"abc", JET_errAlreadyInitialized);
    set_str(&inst1, JET_paramSystemPath, L"C:\\", JET_errAlreadyInitialized);
    set_num(&inst1, JET_paramConfiguration, JET_configDefault, JET_errAlreadyInitialized);
    /* The pages say these are fixed after JetInit too; Windows takes them at any time. */
    set_num(&inst1, JET_paramCreatePathIfNotExist, 1, JET_errSuccess);
    expect_num(inst1, JET_paramCreatePathIfNotExist, 1);
    set_num(&inst1, JET_paramCachedClosedTables, 10, JET_errSuccess);
    expect_num(inst1, JET_paramCachedClosedTables, 10);
    set_num(&inst1, JET_paramIndexTupleStart, 5, JET_errSuccess);
    set_num(&inst1, JET_paramDefragmentSequentialBTrees, 0, JET_errSuccess);
    set_num(&inst1, JET_paramEnableIndexChecking, JET_IndexCheckingOff, JET_errSuccess);
    expect_num(inst1, JET_paramEnableIndexChecking, JET_IndexCheckingOff);
    /* Parameters that never had a phase. */
    set_num(&inst1, JET_paramDbExtensionSize, 512, JET_errSuccess);
    expect_num(inst1, JET_paramDbExtensionSize, 512);
    set_num(&inst1, JET_paramEnableOnlineDefrag, 0, JET_errSuccess);
    set_num(&inst1, JET_paramCommitDefault, 0, JET_errSuccess);
    expect_num(inst1, JET_paramCommitDefault, 0);
    set_num(&inst1, JET_paramCommitDefault, JET_bitCommitLazyFlush, JET_errSuccess);
    /* The other instance is still open for changes. */
    set_num(&inst2, JET_paramMaxSessions, 12, JET_errSuccess);

    /* A session names its instance; the instance argument is then ignored. */
    err = JetBeginSessionA(inst1, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA: got %ld\n", err);
    expect_num_ses(inst2, sesid, JET_paramMaxSessions, 44);
    expect_num_ses(0, sesid, JET_paramMaxSessions, 44);
    set_num_ses(&inst2, sesid, JET_paramEnableIndexChecking, JET_IndexCheckingDeferToOpenTable, JET_errSuccess);
    expect_num(inst1, JET_paramEnableIndexChecking, JET_IndexCheckingDeferToOpenTable);
    expect_num(inst2, JET_paramEnableIndexChecking, JET_IndexCheckingOn);
    set_num_ses(&inst2, sesid, JET_paramMaxSessions, 12, JET_errAlreadyInitialized);
    set_num_ses(NULL, sesid, JET_paramMaxSessions, 44, JET_errSuccess);

    /* JET_paramCommitDefault with a session is the session's default (from its instance when
     * it began); the instance's stays. */
    expect_num_ses(0, sesid, JET_paramCommitDefault, JET_bitCommitLazyFlush);
    set_num_ses(NULL, sesid, JET_paramCommitDefault, 0, JET_errSuccess);
    expect_num_ses(0, sesid, JET_paramCommitDefault, 0);
    expect_num(inst1, JET_paramCommitDefault, JET_bitCommitLazyFlush);
    {
        JET_GRBIT grbit = 0xcccc;
        unsigned long cb = 0xcccc;
        err = JetGetSessionParameter(sesid, JET_sesparamCommitDefault, &grbit, sizeof grbit, &cb);
        ok(err == JET_errSuccess && grbit == 0 && cb == sizeof grbit, "session's default: got %ld %#lx %lu\n", err, grbit, cb);
    }
    set_num_ses(NULL, sesid, JET_paramCommitDefault, 0x4, JET_errInvalidParameter);
    expect_num_ses(0, sesid, JET_paramCommitDefault, 0);
    set_num_ses(NULL, sesid, JET_paramCommitDefault, JET_bitWaitLastLevel0Commit, JET_errSuccess);
    memset(&v, 0xcc, sizeof v);
    err = JetGetSystemParameterW(0, sesid, JET_paramCommitDefault, &v, NULL, 0);
    ok(err == JET_errSuccess && (ULONG)v == JET_bitWaitLastLevel0Commit, "got %ld %#Ix\n", err, v);
    if (sizeof v > 4) ok((v >> 16 >> 16) == 0xcccccccc, "session's default: upper half %#Ix\n", v);

    /* JET_paramTransactionLevel: the session's nesting, read-only. */
    expect_num_ses(0, sesid, PARAM_TRANSACTION_LEVEL, 0);
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: got %ld\n", err);
    expect_num_ses(0, sesid, PARAM_TRANSACTION_LEVEL, 1);
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: got %ld\n", err);
    expect_num_ses(inst2, sesid, PARAM_TRANSACTION_LEVEL, 2);
    err = JetCommitTransaction(sesid, 0);
    ok(err == JET_errSuccess, "JetCommitTransaction: got %ld\n", err);
    expect_num_ses(0, sesid, PARAM_TRANSACTION_LEVEL, 1);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback: got %ld\n", err);
    expect_num_ses(0, sesid, PARAM_TRANSACTION_LEVEL, 0);
    set_num_ses(NULL, sesid, PARAM_TRANSACTION_LEVEL, 1, JET_errInvalidParameter);
    err = JetGetSystemParameterW(0, sesid, PARAM_TRANSACTION_LEVEL, NULL, NULL, 0);
    ok(err == JET_errInvalidParameter, "NULL plParam: got %ld\n", err);
    err = JetGetSystemParameterW(inst1, 0, PARAM_TRANSACTION_LEVEL, &v, NULL, 0);
    ok(err == JET_errInvalidParameter, "without the session: got %ld\n", err);

    /* An ended session is refused. */
    err = JetBeginSessionA(inst1, &dead, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA: got %ld\n", err);
    err = JetEndSession(dead, 0);
    ok(err == JET_errSuccess, "JetEndSession: got %ld\n", err);
    err = JetGetSystemParameterW(inst1, dead, JET_paramMaxSessions, &v, NULL, 0);
    ok(err == JET_errInvalidSesid, "get with an ended session: got %ld\n", err);

    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession: got %ld\n", err);
    err = JetTerm(inst1);
    ok(err == JET_errSuccess, "JetTerm: got %ld\n", err);
    err = JetGetSystemParameterW(inst1, 0, JET_paramMaxSessions, &v, NULL, 0);
    ok(err == JET_errInvalidInstance, "get with a terminated instance: got %ld\n", err);

    /* Still running with inst2; once the last instance is gone the process values may change
     * again, and they kept what was set. */
    set_num(NULL, JET_paramDatabasePageSize, 4096, JET_errAlreadyInitialized);
    err = JetTerm(inst2);
    ok(err == JET_errSuccess, "JetTerm: got %ld\n", err);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 55);
    expect_num(JET_instanceNil, JET_paramDatabasePageSize, 8192);
    set_num(NULL, JET_paramDatabasePageSize, 4096, JET_errSuccess);
    set_num(NULL, JET_paramConfiguration, JET_configDefault, JET_errSuccess);
    test_remove_dir(dir);
}

/* ---- single-instance (legacy) mode ------------------------------------------------------------ */

START_TEST(sysparam_single)
{
    JET_INSTANCE inst = 0, bogus = (JET_INSTANCE)(ULONG_PTR)0x13572468;
    JET_SETSYSPARAM_W params[2];
    unsigned long count;
    JET_SESID sesid;
    char dir[MAX_PATH];
    JET_ERR err;

    test_make_dir("sysparam_single", dir, sizeof dir);
    test_set_paths(NULL, dir);
    set_num(NULL, JET_paramMaxSessions, 20, JET_errSuccess);

    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: got %ld\n", err);

    /* Instance parameters address the one instance whatever handle is passed (even a bogus
     * one, which is not looked at); global ones the process store. */
    expect_num(JET_instanceNil, JET_paramMaxSessions, 20);
    expect_num(bogus, JET_paramMaxSessions, 20);
    set_num(NULL, JET_paramMaxSessions, 21, JET_errAlreadyInitialized);
    set_num(&bogus, JET_paramMaxSessions, 21, JET_errAlreadyInitialized);
    set_num(NULL, JET_paramMaxSessions, 20, JET_errSuccess);
    set_num(&bogus, JET_paramEnableIndexChecking, JET_IndexCheckingDeferToOpenTable, JET_errSuccess);
    expect_num(inst, JET_paramEnableIndexChecking, JET_IndexCheckingDeferToOpenTable);
    expect_num(JET_instanceNil, JET_paramEnableIndexChecking, JET_IndexCheckingDeferToOpenTable);
    set_num(NULL, JET_paramAccessDeniedRetryPeriod, 4321, JET_errSuccess);
    expect_num(bogus, JET_paramAccessDeniedRetryPeriod, 4321);
    set_num(NULL, JET_paramDatabasePageSize, 8192, JET_errAlreadyInitialized);
    set_num(NULL, JET_paramConfiguration, JET_configDefault, JET_errAlreadyInitialized);

    /* Session values. */
    err = JetBeginSessionA(0, &sesid, NULL, NULL);
    ok(err == JET_errSuccess, "JetBeginSessionA: got %ld\n", err);
    err = JetBeginTransaction(sesid);
    ok(err == JET_errSuccess, "JetBeginTransaction: got %ld\n", err);
    expect_num_ses(0, sesid, PARAM_TRANSACTION_LEVEL, 1);
    set_num_ses(NULL, sesid, JET_paramCommitDefault, JET_bitCommitLazyFlush, JET_errSuccess);
    expect_num_ses(0, sesid, JET_paramCommitDefault, JET_bitCommitLazyFlush);
    expect_num(0, JET_paramCommitDefault, 0);
    err = JetRollback(sesid, 0);
    ok(err == JET_errSuccess, "JetRollback: got %ld\n", err);
    err = JetEndSession(sesid, 0);
    ok(err == JET_errSuccess, "JetEndSession: got %ld\n", err);

    /* JetEnableMultiInstance is refused before it looks at its parameters. */
    memset(params, 0, sizeof params);
    params[0].paramid = JET_paramMaxSessions;
    params[0].lParam = 20;
    params[0].err = 12345;
    params[1].paramid = 99999;
    params[1].err = 12345;
    count = 0xcccc;
    err = JetEnableMultiInstanceW(params, 2, &count);
    ok(err == JET_errRunningInOneInstanceMode, "JetEnableMultiInstanceW: got %ld\n", err);
    ok(count == 0, "count %lu\n", count);
    ok(params[0].err == 12345 && params[1].err == 12345, "err fields %ld %ld\n", params[0].err, params[1].err);

    err = JetTerm(inst);
    ok(err == JET_errSuccess, "JetTerm: got %ld\n", err);

    /* The instance took its own copy: the process store never saw the instance's change, but
     * it kept the global one. */
    expect_num(JET_instanceNil, JET_paramEnableIndexChecking, JET_IndexCheckingOn);
    expect_num(JET_instanceNil, JET_paramAccessDeniedRetryPeriod, 4321);
    set_num(NULL, JET_paramDatabasePageSize, 8192, JET_errSuccess);
    test_remove_dir(dir);
}

/* ---- JetEnableMultiInstance ------------------------------------------------------------------- */

static void fill_err(JET_SETSYSPARAM_W *p, size_t n)
{
    for (size_t i = 0; i < n; i++) p[i].err = 12345;
}

START_TEST(sysparam_enable_multi)
{
    JET_SETSYSPARAM_W w[4];
    JET_SETSYSPARAM_A a[2];
    unsigned long count;
    char dir[MAX_PATH];
    WCHAR wdir[MAX_PATH];
    JET_INSTANCE inst;
    JET_ERR err;

    test_make_dir("sysparam_enable_multi", dir, sizeof dir);
    MultiByteToWideChar(CP_ACP, 0, dir, -1, wdir, MAX_PATH);

    /* A count without an array. The W form says how many were set (none); the A form fails
     * while converting the array and does not touch the count. */
    count = 0xcccc;
    err = JetEnableMultiInstanceW(NULL, 1, &count);
    ok(err == JET_errInvalidParameter, "W NULL with a count: got %ld\n", err);
    ok(count == 0, "W NULL with a count: count %lu\n", count);
    count = 0xcccc;
    err = JetEnableMultiInstanceA(NULL, 1, &count);
    ok(err == JET_errInvalidParameter, "A NULL with a count: got %ld\n", err);
    ok(count == 0xcccc, "A NULL with a count: count %lu\n", count);
    /* The reference page says the array is ignored when the count is 0; the A form refuses the
     * pair (ESE's CAutoSETSYSPARAMW), the W form ignores the array (below). */
    memset(a, 0, sizeof a);
    count = 0xcccc;
    err = JetEnableMultiInstanceA(a, 0, &count);
    ok(err == JET_errInvalidParameter, "A array with count 0: got %ld\n", err);
    ok(count == 0xcccc, "A array with count 0: count %lu\n", count);

    /* A failing entry stops the call: its err says why, the ones after it are not looked at,
     * the count says how many were set, and those stay set. The mode is not entered. */
    memset(w, 0, sizeof w);
    fill_err(w, 3);
    w[0].paramid = JET_paramMaxSessions;
    w[0].lParam = 17;
    w[1].paramid = JET_paramBaseName;
    w[1].sz = L"toolong";
    w[2].paramid = JET_paramCircularLog;
    w[2].lParam = 1;
    count = 0xcccc;
    err = JetEnableMultiInstanceW(w, 3, &count);
    ok(err == JET_errInvalidParameter, "failing entry: got %ld\n", err);
    ok(count == 1, "failing entry: count %lu\n", count);
    ok(w[0].err == JET_errSuccess && w[1].err == JET_errInvalidParameter && w[2].err == 12345,
       "failing entry: err fields %ld %ld %ld\n", w[0].err, w[1].err, w[2].err);
    expect_num(JET_instanceNil, JET_paramMaxSessions, 17);
    expect_num(JET_instanceNil, JET_paramCircularLog, 0);
    set_num(NULL, JET_paramDatabasePageSize, 16384, JET_errSuccess);

    /* Success: the values go to the process store and the mode is multi-instance. */
    memset(w, 0, sizeof w);
    fill_err(w, 4);
    w[0].paramid = JET_paramDatabasePageSize;
    w[0].lParam = 8192;
    w[1].paramid = JET_paramBaseName;
    w[1].sz = L"abc";
    w[2].paramid = JET_paramLogFilePath;
    w[2].sz = wdir;
    w[3].paramid = JET_paramCircularLog;
    w[3].lParam = 1;
    count = 0xcccc;
    err = JetEnableMultiInstanceW(w, 4, &count);
    ok(err == JET_errSuccess, "JetEnableMultiInstanceW: got %ld\n", err);
    ok(count == 4, "count %lu\n", count);
    ok(!w[0].err && !w[1].err && !w[2].err && !w[3].err, "err fields %ld %ld %ld %ld\n", w[0].err, w[1].err, w[2].err, w[3].err);
    expect_num(JET_instanceNil, JET_paramDatabasePageSize, 8192);
    expect_str(JET_instanceNil, JET_paramBaseName, L"abc");
    expect_str(JET_instanceNil, JET_paramLogFilePath, wdir);
    set_num(NULL, JET_paramDatabasePageSize, 16384, JET_errAlreadyInitialized);
    set_num(NULL, JET_paramMaxInstances, 8, JET_errAlreadyInitialized);
    err = JetInit(NULL);
    ok(err == JET_errRunningInMultiInstanceMode, "JetInit(NULL): got %ld\n", err);

    /* Later calls compare: the same parameters give JET_errSystemParamsAlreadySet (the page:
     * "even if no system parameters are specified"). Strings compare exactly, folders in their
     * completed form. */
    fill_err(w, 4);
    count = 0xcccc;
    err = JetEnableMultiInstanceW(w, 4, &count);
    ok(err == JET_errSystemParamsAlreadySet, "same parameters: got %ld\n", err);
    ok(count == 4, "same parameters: count %lu\n", count);
    ok(!w[0].err && !w[1].err && !w[2].err && !w[3].err, "same parameters: err fields %ld %ld %ld %ld\n",
       w[0].err, w[1].err, w[2].err, w[3].err);
    fill_err(w, 1);
    count = 0xcccc;
    err = JetEnableMultiInstanceW(w, 1, &count);
    ok(err == JET_errSystemParamsAlreadySet, "the fixed global subset: got %ld\n", err);
    ok(count == 1 && w[0].err == JET_errSuccess, "the fixed global subset: count %lu, err %ld\n", count, w[0].err);
    memset(a, 0, sizeof a);
    a[0].paramid = JET_paramDatabasePageSize;
    a[0].lParam = 8192;
    a[0].err = 12345;
    a[1].paramid = JET_paramBaseName;
    a[1].sz = "abc";
    a[1].err = 12345;
    count = 0xcccc;
    err = JetEnableMultiInstanceA(a, 2, &count);
    ok(err == JET_errSystemParamsAlreadySet, "A same parameters: got %ld\n", err);
    ok(count == 2 && !a[0].err && !a[1].err, "A: count %lu, err fields %ld %ld\n", count, a[0].err, a[1].err);

    /* A different value: the entry's err is JET_errSystemParameterConflict. */
    fill_err(w, 4);
    w[3].lParam = 0;
    count = 0xcccc;
    err = JetEnableMultiInstanceW(w, 4, &count);
    ok(err == JET_errSystemParameterConflict, "different value: got %ld\n", err);
    ok(count == 3, "different value: count %lu\n", count);
    ok(!w[0].err && !w[1].err && !w[2].err && w[3].err == JET_errSystemParameterConflict,
       "different value: err fields %ld %ld %ld %ld\n", w[0].err, w[1].err, w[2].err, w[3].err);
    w[3].lParam = 1;
    fill_err(w, 4);
    w[1].sz = L"ABC";
    count = 0xcccc;
    err = JetEnableMultiInstanceW(w, 4, &count);
    ok(err == JET_errSystemParameterConflict, "different string: got %ld\n", err);
    ok(count == 1 && w[1].err == JET_errSystemParameterConflict && w[2].err == 12345,
       "different string: count %lu, err fields %ld %ld\n", count, w[1].err, w[2].err);
    w[1].sz = L"abc";

    /* A process-wide parameter that is fixed once the engine runs conflicts unless both sides
     * set it: listing one that was never set conflicts even at its default value ... */
    fill_err(w, 2);
    w[1].paramid = JET_paramMaxInstances;
    w[1].lParam = 16;
    w[1].sz = NULL;
    count = 0xcccc;
    err = JetEnableMultiInstanceW(w, 2, &count);
    ok(err == JET_errSystemParameterConflict, "unset fixed global: got %ld\n", err);
    ok(count == 1 && !w[0].err && w[1].err == JET_errSystemParameterConflict,
       "unset fixed global: count %lu, err fields %ld %ld\n", count, w[0].err, w[1].err);
    /* ... and leaving out one that was set conflicts after every entry matched. */
    fill_err(w, 4);
    w[0].paramid = JET_paramCircularLog;
    w[0].lParam = 1;
    count = 0xcccc;
    err = JetEnableMultiInstanceW(w, 1, &count);
    ok(err == JET_errSystemParameterConflict, "missing fixed global: got %ld\n", err);
    ok(count == 1 && w[0].err == JET_errSuccess, "missing fixed global: count %lu, err %ld\n", count, w[0].err);
    count = 0xcccc;
    err = JetEnableMultiInstanceW(NULL, 0, &count);
    ok(err == JET_errSystemParameterConflict, "nothing listed: got %ld\n", err);
    ok(count == 0, "nothing listed: count %lu\n", count);
    /* JET_paramConfiguration compares without JET_configDefault (ESE's check), so the default
     * configuration matches 0, not 1. */
    fill_err(w, 2);
    w[0].paramid = JET_paramDatabasePageSize;
    w[0].lParam = 8192;
    w[1].paramid = JET_paramConfiguration;
    w[1].lParam = 0;
    err = JetEnableMultiInstanceW(w, 2, NULL);
    ok(err == JET_errSystemParamsAlreadySet, "configuration 0: got %ld\n", err);
    w[1].lParam = JET_configDefault;
    err = JetEnableMultiInstanceW(w, 2, NULL);
    ok(err == JET_errSystemParameterConflict && w[1].err == JET_errSystemParameterConflict,
       "configuration 1: got %ld, err %ld\n", err, w[1].err);
    /* Ids beyond the table. */
    fill_err(w, 2);
    w[1].paramid = 99999;
    count = 0xcccc;
    err = JetEnableMultiInstanceW(w, 2, &count);
    ok(err == JET_errInvalidParameter, "unknown id: got %ld\n", err);
    ok(count == 1 && w[1].err == 12345, "unknown id: count %lu, err %ld\n", count, w[1].err);

    /* New instances start from the values set. */
    err = JetCreateInstanceA(&inst, "enable_multi");
    ok(err == JET_errSuccess, "JetCreateInstanceA: got %ld\n", err);
    expect_str(inst, JET_paramBaseName, L"abc");
    expect_num(inst, JET_paramCircularLog, 1);
    err = JetTerm(inst);
    ok(err == JET_errSuccess, "JetTerm: got %ld\n", err);

    /* With the last instance gone the mode is unset again. The W form ignores the array when
     * the count is 0, as the page says. */
    set_num(NULL, JET_paramDatabasePageSize, 4096, JET_errSuccess);
    count = 0xcccc;
    err = JetEnableMultiInstanceW(w, 0, &count);
    ok(err == JET_errSuccess, "W array with count 0: got %ld\n", err);
    ok(count == 0, "W array with count 0: count %lu\n", count);
    set_num(NULL, JET_paramDatabasePageSize, 8192, JET_errAlreadyInitialized);
    err = JetEnableMultiInstanceA(NULL, 0, NULL);
    ok(err == JET_errSystemParameterConflict, "A again: got %ld\n", err);
    test_remove_dir(dir);
}

/* ---- the process store after a JetCreateInstance / JetTerm round -------------------------------- */

START_TEST(sysparam_basic)
{
    char dir[MAX_PATH], sz[64];
    JET_INSTANCE inst;
    JET_API_PTR value;
    WCHAR wsz[64];
    JET_ERR err;

    test_make_dir("sysparam_basic", dir, sizeof dir);

    /* Unknown ids. */
    err = JetSetSystemParameterA(NULL, 0, 99999, 0, NULL);
    ok(err == JET_errInvalidParameter, "set of an unknown id: got %ld\n", err);
    err = JetGetSystemParameterA(JET_instanceNil, 0, 99999, &value, NULL, 0);
    ok(err == JET_errInvalidParameter, "get of an unknown id: got %ld\n", err);

    /* A process-wide default, read back through JET_instanceNil, A and W. */
    err = JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "abc");
    ok(err == JET_errSuccess, "JET_paramBaseName: got %ld\n", err);
    memset(sz, 0xcc, sizeof sz);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramBaseName, NULL, sz, sizeof sz);
    ok(err == JET_errSuccess, "get JET_paramBaseName: got %ld\n", err);
    ok(!strcmp(sz, "abc"), "base name %s\n", sz);
    memset(wsz, 0xcc, sizeof wsz);
    err = JetGetSystemParameterW(JET_instanceNil, 0, JET_paramBaseName, NULL, wsz, sizeof wsz);
    ok(err == JET_errSuccess, "get JET_paramBaseName (W): got %ld\n", err);
    ok(!lstrcmpW(wsz, L"abc"), "wrong W base name\n");
    /* The base name is exactly three characters. */
    err = JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "ab");
    ok(err == JET_errInvalidParameter, "two-letter base name: got %ld\n", err);

    /* A new instance starts from the process-wide values; its own changes stay its own. */
    err = JetCreateInstanceA(&inst, "sysparam");
    ok(err == JET_errSuccess, "JetCreateInstanceA: got %ld\n", err);
    err = JetGetSystemParameterA(inst, 0, JET_paramBaseName, NULL, sz, sizeof sz);
    ok(err == JET_errSuccess && !strcmp(sz, "abc"), "instance base name: %ld %s\n", err, sz);
    err = JetSetSystemParameterA(&inst, 0, JET_paramBaseName, 0, "xyz");
    ok(err == JET_errSuccess, "instance JET_paramBaseName: got %ld\n", err);
    err = JetGetSystemParameterA(JET_instanceNil, 0, JET_paramBaseName, NULL, sz, sizeof sz);
    ok(err == JET_errSuccess && !strcmp(sz, "abc"), "process base name after the instance's change: %ld %s\n", err, sz);

    err = JetSetSystemParameterA(&inst, 0, JET_paramMaxSessions, 33, NULL);
    ok(err == JET_errSuccess, "JET_paramMaxSessions: got %ld\n", err);
    value = 0;
    err = JetGetSystemParameterA(inst, 0, JET_paramMaxSessions, &value, NULL, 0);
    ok(err == JET_errSuccess && value == 33, "JET_paramMaxSessions: %ld, %Iu\n", err, value);

    test_set_paths(&inst, dir);
    err = JetInit(&inst);
    ok(err == JET_errSuccess, "JetInit: got %ld\n", err);

    /* After JetInit an instance's start-up parameters are fixed. */
    err = JetSetSystemParameterA(&inst, 0, JET_paramMaxSessions, 34, NULL);
    ok(err == JET_errAlreadyInitialized, "JET_paramMaxSessions after JetInit: got %ld\n", err);
    err = JetSetSystemParameterA(&inst, 0, JET_paramBaseName, 0, "efg");
    ok(err == JET_errAlreadyInitialized, "JET_paramBaseName after JetInit: got %ld\n", err);

    /* A garbage instance handle. */
    err = JetGetSystemParameterA((JET_INSTANCE)(ULONG_PTR)0x13572468, 0, JET_paramMaxSessions, &value, NULL, 0);
    ok(err == JET_errInvalidInstance, "garbage instance: got %ld\n", err);

    err = JetTerm(inst);
    ok(err == JET_errSuccess, "JetTerm: got %ld\n", err);
    test_remove_dir(dir);
}
