/* SPDX-License-Identifier: MIT
 * wine-tests/errinfo.c: JetGetErrorInfoW: categories and their hierarchy, argument checks. */
#include "test_util.h"

static void check_category_(int line, JET_ERR code, JET_ERRCAT expect, int depth)
{
    JET_ERRINFOBASIC_W info;
    JET_ERR err;
    memset(&info, 0xcc, sizeof info);
    err = JetGetErrorInfoW(&code, &info, sizeof info, JET_ErrorInfoSpecificErr, 0);
    ok_(__FILE__, line)(err == JET_errSuccess, "JetGetErrorInfoW(%ld) returned %ld\n", code, err);
    if (err < 0) return;
    ok_(__FILE__, line)(info.cbStruct == sizeof info, "cbStruct %lu\n", info.cbStruct);
    ok_(__FILE__, line)(info.errValue == code, "errValue %ld\n", info.errValue);
    ok_(__FILE__, line)(info.errcatMostSpecific == expect, "%ld: category %d, expected %d\n", code, info.errcatMostSpecific, expect);
    ok_(__FILE__, line)(info.rgCategoricalHierarchy[0] == JET_errcatError, "%ld: root %d\n", code, info.rgCategoricalHierarchy[0]);
    ok_(__FILE__, line)(info.rgCategoricalHierarchy[depth - 1] == expect, "%ld: level %d is %d\n", code, depth - 1, info.rgCategoricalHierarchy[depth - 1]);
    if (depth < 8)
        ok_(__FILE__, line)(info.rgCategoricalHierarchy[depth] == JET_errcatUnknown, "%ld: level %d is %d\n", code, depth, info.rgCategoricalHierarchy[depth]);
    ok_(__FILE__, line)(info.lSourceLine == 0 && info.rgszSourceFile[0] == 0, "%ld: source %lu\n", code, info.lSourceLine);
}
#define check_category(code, expect, depth) check_category_(__LINE__, code, expect, depth)

START_TEST(errinfo)
{
    JET_ERRINFOBASIC_W info;
    JET_ERR code = JET_errOutOfMemory, err;

    /* JET_errcatError > Operation > Resource > Memory/Disk */
    check_category(JET_errOutOfMemory, JET_errcatMemory, 4);
    check_category(JET_errDiskFull, JET_errcatDisk, 4);
    /* JET_errcatError > Data > Corruption */
    check_category(JET_errReadVerifyFailure, JET_errcatCorruption, 3);
    /* JET_errcatError > Api > Usage / State */
    check_category(JET_errInvalidParameter, JET_errcatUsage, 3);
    check_category(JET_errNotInitialized, JET_errcatUsage, 3);
    check_category(JET_errTermInProgress, JET_errcatOperation, 2);
    check_category(JET_errSuccess, JET_errcatState, 3);

    err = JetGetErrorInfoW(NULL, &info, sizeof info, JET_ErrorInfoSpecificErr, 0);
    ok(err == JET_errInvalidParameter, "NULL context: got %ld\n", err);
    err = JetGetErrorInfoW(&code, &info, sizeof info, 1234, 0);
    ok(err == JET_errInvalidParameter, "unknown level: got %ld\n", err);
    err = JetGetErrorInfoW(&code, &info, sizeof info, JET_ErrorInfoSpecificErr, 1);
    ok(err == JET_errInvalidParameter, "grbit: got %ld\n", err);
    err = JetGetErrorInfoW(&code, &info, sizeof info - 1, JET_ErrorInfoSpecificErr, 0);
    ok(err == JET_errInvalidBufferSize, "short buffer: got %ld\n", err);
    code = -123456;
    err = JetGetErrorInfoW(&code, &info, sizeof info, JET_ErrorInfoSpecificErr, 0);
    ok(err == JET_errInvalidParameter, "unknown code: got %ld\n", err);
}
