/* SPDX-License-Identifier: MIT
 * isam/isam_param_table.c: the system parameter table, one row per paramid.
 * Layer: isam (uses base).
 *
 * Each row states what Windows' ESENT does for the parameter (ESE's own parameter table is the
 * source of these facts where the documentation is silent or describes an older release):
 *   NUM(id, name, type, flags, min, max, default, small-configuration default)
 *   STR(id, name, type, flags, min length, max length, default string)
 *   NONE(id)  a placeholder id that rejects get and set.
 * Flags: ADV advanced (ignored while JET_paramEnableAdvanced is off), GLB process-wide,
 * LRUN locked once the engine runs, LINIT locked after the instance's JetInit, RO read-only,
 * CUST parameter-specific get/set in isam_param.c, NOEFF accepted but unused by ESE.
 * The small-configuration default is what JET_paramConfiguration 0 (legacy small) and
 * JET_configLowMemory install. Defaults with no fixed value (the print function) are filled in
 * by param_store_init. */
#include "isam_param.h"

#define ADV   PARAM_ADVANCED
#define GLB   PARAM_GLOBAL
#define LRUN  PARAM_LOCK_RUNNING
#define LINIT PARAM_LOCK_INIT
#define RO    PARAM_READONLY
#define CUST  PARAM_CUSTOM
#define NOEFF PARAM_NO_EFFECT
#define ANY   ((JET_API_PTR)-1)
#define I32MAX 0x7fffffff

/* Version-store bucket size: 16 KB per 32 bits of pointer (32 KB on 64-bit Windows). */
#define VER_PAGE_SIZE_DEFAULT ((JET_API_PTR)(16384 * sizeof(void *) / 4))

#define NUM(id, nm, ty, fl, lo, hi, d, ds) \
    [id] = { .name = nm, .type = PARAM_TYPE_##ty, .flags = (fl), .min = (JET_API_PTR)(lo), \
             .max = (JET_API_PTR)(hi), .def = (JET_API_PTR)(d), .def_small = (JET_API_PTR)(ds) }
#define STR(id, nm, ty, fl, lo, hi, w) \
    [id] = { .name = nm, .type = PARAM_TYPE_##ty, .flags = (fl), .min = (JET_API_PTR)(lo), \
             .max = (JET_API_PTR)(hi), .wsz_def = (const ESENT_WCHAR *)(w) }
#define NONE(id) \
    [id] = { .name = NULL, .type = PARAM_TYPE_NONE, .flags = ADV | GLB | LRUN | LINIT, .max = ANY }

static const struct param_info param_table[PARAM_ID_COUNT] = {
    STR(  0, "JET_paramSystemPath",                         FOLDER,    LINIT,                0, 246, u".\\"),
    STR(  1, "JET_paramTempPath",                           PATH,      LINIT,                0, 247, u"tmp.edb"),
    STR(  2, "JET_paramLogFilePath",                        FOLDER,    LINIT,                0, 246, u".\\"),
    STR(  3, "JET_paramBaseName",                           STRING,    LINIT,                3, 3, u"edb"),
    STR(  4, "JET_paramEventSource",                        STRING,    LINIT,                0, 259, u""),
    NUM(  5, "JET_paramMaxSessions",                        INT,       ADV|LINIT,            0, 30000, 16, 30000),
    NUM(  6, "JET_paramMaxOpenTables",                      INT,       ADV|LINIT,            0, I32MAX, 300, I32MAX),
    NUM(  7, "JET_paramPreferredMaxOpenTables",             INT,       ADV|LINIT|NOEFF,      0, I32MAX, 0, 0),
    NUM(  8, "JET_paramMaxCursors",                         INT,       ADV|LINIT,            0, I32MAX, 1024, I32MAX),
    NUM(  9, "JET_paramMaxVerPages",                        INT,       ADV|LINIT,            1, I32MAX, 64, I32MAX),
    NUM( 10, "JET_paramMaxTemporaryTables",                 INT,       ADV|LINIT,            0, I32MAX, 20, I32MAX),
    NUM( 11, "JET_paramLogFileSize",                        INT,       LINIT,                64, 32768, 5120, 64),
    NUM( 12, "JET_paramLogBuffers",                         INT,       ADV|LINIT,            1, I32MAX, 126, 1),
    NUM( 13, "JET_paramWaitLogFlush",                       INT,       ADV|NOEFF,            0, I32MAX, 0, 0),
    NUM( 14, "JET_paramLogCheckpointPeriod",                INT,       ADV|LINIT|NOEFF,      0, I32MAX, 1024, 1024),
    NUM( 15, "JET_paramLogWaitingUserMax",                  INT,       ADV|LINIT|NOEFF,      0, I32MAX, 3, 3),
    NUM( 16, "JET_paramCommitDefault",                      GRBIT,     CUST,                 0, ANY, 0, 0),
    NUM( 17, "JET_paramCircularLog",                        BOOL,      LINIT,                0, ANY, 0, 0),
    NUM( 18, "JET_paramDbExtensionSize",                    INT,       ADV,                  1, I32MAX, 256, 16),
    NUM( 19, "JET_paramPageTempDBMin",                      INT,       ADV|LINIT,            0, I32MAX, 0, 14),
    NUM( 20, "JET_paramPageFragment",                       INT,       ADV|LINIT,            0, I32MAX, 8, 8),
    NUM( 21, "JET_paramPageReadAheadMax",                   INT,       ADV|NOEFF,            0, ANY, ANY, ANY),
    NUM( 22, "JET_paramBatchIOBufferMax",                   INT,       ADV|GLB|NOEFF,        0, ANY, 256, 256),
    NUM( 23, "JET_paramCacheSizeMax",                       INT,       ADV|GLB,              1, ANY, 2000000000, 16),
    NUM( 24, "JET_paramCheckpointDepthMax",                 INT,       0,                    0, ANY, 20971520, 65536),
    NUM( 25, "JET_paramLRUKCorrInterval",                   INT,       ADV|GLB|LRUN|LINIT,   0, ANY, 128000, 128000),
    NUM( 26, "JET_paramLRUKHistoryMax",                     INT,       ADV|GLB|LRUN|LINIT,   0, ANY, 100000, 10),
    NUM( 27, "JET_paramLRUKPolicy",                         INT,       ADV|GLB|LRUN|LINIT,   1, 2, 2, 2),
    NUM( 28, "JET_paramLRUKTimeout",                        INT,       ADV|GLB|LRUN|LINIT,   1, ANY, 100, 100),
    NUM( 29, "JET_paramLRUKTrxCorrInterval",                INT,       ADV|GLB|LRUN|LINIT|NOEFF, 0, ANY, 0, 0),
    NUM( 30, "JET_paramOutstandingIOMax",                   INT,       ADV|GLB|LRUN|LINIT,   0, 65536, 1024, 16),
    NUM( 31, "JET_paramStartFlushThreshold",                INT,       ADV|GLB,              0, ANY, 20000000, 1),
    NUM( 32, "JET_paramStopFlushThreshold",                 INT,       ADV|GLB,              0, ANY, 40000000, 2),
    STR( 33, "JET_paramTableClassName",                     STRING,    GLB|NOEFF,            0, 64, u""),
    STR( 34, "JET_paramRecovery",                           STRING,    LINIT,                0, 259, u"on"),
    NUM( 35, "JET_paramEnableOnlineDefrag",                 GRBIT,     0,                    0, 0xffff, 0xffff, 0xffff),
    NUM( 36, "JET_paramAssertAction",                       GRBIT,     GLB,                  0, 64, 64, 64),
    NUM( 37, "JET_paramPrintFunction",                      PTR,       GLB|LRUN|LINIT|RO|CUST, 0, ANY, 0, 0),
    NUM( 38, "JET_paramTransactionLevel",                   INT,       RO|CUST,              0, ANY, 0, 0),
    NUM( 39, "JET_paramRFS2IOsPermitted",                   INT,       GLB,                  0, 0xfffffffe, 0, 0),
    NUM( 40, "JET_paramRFS2AllocsPermitted",                INT,       GLB,                  0, 0xfffffffe, 0, 0),
    NUM( 41, "JET_paramCacheSize",                          INT,       ADV|GLB|CUST,         0, ANY, 0, 0),
    NUM( 42, "JET_paramCacheRequests",                      INT,       GLB|LRUN|LINIT|RO,    0, ANY, 1, 1),
    NUM( 43, "JET_paramCacheHits",                          INT,       GLB|LRUN|LINIT|RO,    0, ANY, 1, 1),
    NUM( 44, "JET_paramCheckFormatWhenOpenFail",            BOOL,      LINIT|NOEFF,          0, ANY, 1, 1),
    NUM( 45, "JET_paramEnableIndexChecking",                INT,       0,                    0, 2, 1, 1),
    NUM( 46, "JET_paramEnableTempTableVersioning",          BOOL,      LINIT,                0, ANY, 1, 1),
    NUM( 47, "JET_paramIgnoreLogVersion",                   BOOL,      LINIT|NOEFF,          0, 0, 0, 0),
    NUM( 48, "JET_paramDeleteOldLogs",                      BOOL,      LINIT|NOEFF,          0, ANY, 0, 0),
    STR( 49, "JET_paramEventSourceKey",                     STRING,    LINIT,                0, 259, u""),
    NUM( 50, "JET_paramNoInformationEvent",                 BOOL,      LINIT,                0, ANY, 0, 1),
    NUM( 51, "JET_paramEventLoggingLevel",                  INT,       LINIT,                0, 100, 100, 100),
    NUM( 52, "JET_paramDeleteOutOfRangeLogs",               BOOL,      LINIT,                0, ANY, 0, 0),
    NUM( 53, "JET_paramAccessDeniedRetryPeriod",            INT,       GLB,                  0, ANY, 10000, 10000),
    NUM( 54, "JET_paramEnableIndexCleanup",                 BOOL,      0,                    0, ANY, 1, 1),
    NUM( 55, "JET_paramFlight_SmoothIoTestPermillage",      INT,       ADV|LINIT,            0, 1000, 0, 0),
    NUM( 56, "JET_paramElasticWaypointLatency",             INT,       ADV,                  0, 10, 0, 0),
    NUM( 57, "JET_paramFlight_SynchronousLVCleanup",        BOOL,      ADV,                  0, ANY, 0, 0),
    NUM( 58, "JET_paramFlight_RBSRevertIOUrgentLevel",      INT,       ADV,                  0, 127, 8, 8),
    NUM( 59, "JET_paramFlight_EnableXpress10Compression",   BOOL,      ADV,                  0, ANY, 0, 0),
    NUM( 60, "JET_paramCacheSizeMin",                       INT,       ADV|GLB,              1, ANY, 1, 16),
    STR( 61, "JET_paramLogFileFailoverPath",                FOLDER,    LINIT|NOEFF,          0, 0, u""),
    NUM( 62, "JET_paramEnableImprovedSeekShortcut",         BOOL,      LINIT|NOEFF,          0, ANY, 0, 0),
    NUM( 63, "JET_paramPreferredVerPages",                  INT,       ADV,                  1, I32MAX, 58, I32MAX),
    NUM( 64, "JET_paramDatabasePageSize",                   BLOCKSIZE, GLB|LRUN|LINIT|CUST,  4096, 32768, 4096, 4096),
    NUM( 65, "JET_paramDisableCallbacks",                   BOOL,      LINIT,                0, ANY, 0, 0),
    NUM( 66, "JET_paramBackupChunkSize",                    INT,       ADV|LINIT|NOEFF,      1, I32MAX, 16, 16),
    NUM( 67, "JET_paramBackupOutstandingReads",             INT,       ADV|LINIT|NOEFF,      1, I32MAX, 8, 8),
    NUM( 68, "JET_paramFlight_RBSMaxTableDeletePages",      INT,       ADV,                  0, I32MAX, 0, 0),
    NUM( 69, "JET_paramLogFileCreateAsynch",                BOOL,      ADV|LINIT,            0, ANY, 1, 1),
    NUM( 70, "JET_paramErrorToString",                      SPECIAL,   GLB|RO|CUST,          0, ANY, 0, 0),
    NUM( 71, "JET_paramZeroDatabaseDuringBackup",           BOOL,      LINIT,                0, ANY, 0, 0),
    NUM( 72, "JET_paramUnicodeIndexDefault",                SPECIAL,   LINIT|CUST,           0, ANY, 0, 0),
    NUM( 73, "JET_paramRuntimeCallback",                    PTR,       LINIT,                0, ANY, 0, 0),
    NUM( 74, "JET_paramFlight_RBSDbScanRaiseCorruptionRevertedFDP", BOOL,      ADV,                  0, 1, 1, 1),
    NUM( 75, "JET_paramFlight_RBSAllowTooSoonNonRevertableDelete", BOOL,      ADV,                  0, 1, 0, 0),
    NUM( 76, "JET_paramEnableSortedRetrieveColumns",        BOOL,      LINIT|NOEFF,          0, ANY, 0, 0),
    NUM( 77, "JET_paramCleanupMismatchedLogFiles",          BOOL,      LINIT,                0, ANY, 0, 0),
    NUM( 78, "JET_paramRecordUpgradeDirtyLevel",            GRBIT,     ADV|GLB,              0, 3, 1, 1),
    NUM( 79, "JET_paramRecoveryCurrentLogfile",             INT,       RO|CUST,              0, ANY, 0, 0),
    NUM( 80, "JET_paramFlight_RBSForceRollIntervalSec",     INT,       ADV,                  0, I32MAX, 172800, 172800),
    NUM( 81, "JET_paramGlobalMinVerPages",                  INT,       ADV|GLB|LRUN|LINIT,   1, I32MAX, 64, 1),
    NUM( 82, "JET_paramOSSnapshotTimeout",                  INT,       GLB,                  0, I32MAX, 70000, 70000),
    NUM( 83, "JET_paramFlight_EnableScanCheckFDPDeleteFlags", BOOL,      ADV,                  0, 1, 1, 1),
    NUM( 84, "JET_paramFlight_NewQueueOptions",             INT,       0,                    0, 0xd, 0, 0),
    NUM( 85, "JET_paramFlight_ConcurrentMetedOps",          INT,       LINIT,                0, 1024, 2, 2),
    NUM( 86, "JET_paramFlight_LowMetedOpsThreshold",        INT,       LINIT,                0, 1024, 40, 40),
    NUM( 87, "JET_paramFlight_MetedOpStarvedThreshold",     INT,       LINIT,                50, I32MAX, 3000, 3000),
    NUM( 88, "JET_paramFlight_MaxRBSBuffers",               INT,       0,                    1, I32MAX, 20, 20),
    NUM( 89, "JET_paramFlight_EnableShrinkArchiving",       BOOL,      ADV,                  0, 1, 1, 1),
    NUM( 90, "JET_paramFlight_EnableBackupDuringRecovery",  BOOL,      ADV,                  0, ANY, 0, 0),
    NUM( 91, "JET_paramFlight_RBSRollIntervalSec",          INT,       ADV,                  0, 604800, 43200, 43200),
    NUM( 92, "JET_paramFlight_RBSMaxRequiredRange",         INT,       ADV,                  0, 10000, 1000, 1000),
    NUM( 93, "JET_paramFlight_RBSCleanupEnabled",           BOOL,      ADV,                  0, 1, 0, 0),
    NUM( 94, "JET_paramFlight_RBSLowDiskSpaceThresholdGb",  INT,       ADV,                  0, I32MAX, 100, 100),
    NUM( 95, "JET_paramFlight_RBSMaxSpaceWhenLowDiskSpaceGb", INT,       ADV,                  0, 1000, 150, 150),
    NUM( 96, "JET_paramFlight_RBSMaxTimeSpanSec",           INT,       ADV,                  0, I32MAX, 604800, 604800),
    NUM( 97, "JET_paramFlight_RBSCleanupIntervalMinSec",    INT,       ADV,                  0, I32MAX, 3600, 3600),
    NUM( 98, "JET_paramExceptionAction",                    INT,       GLB,                  0, ANY, 4, 4),
    NUM( 99, "JET_paramEventLogCache",                      INT,       GLB|LRUN|LINIT,       0, I32MAX, 0, 0),
    NUM(100, "JET_paramCreatePathIfNotExist",               BOOL,      0,                    0, ANY, 0, 0),
    NUM(101, "JET_paramPageHintCacheSize",                  INT,       ADV|GLB|LRUN|LINIT,   0, I32MAX, 262144, 32),
    NUM(102, "JET_paramOneDatabasePerSession",              BOOL,      LINIT,                0, ANY, 0, 0),
    NUM(103, "JET_paramMaxDatabasesPerInstance",            INT,       GLB|LRUN|LINIT|NOEFF, 7, 7, 7, 7),
    NUM(104, "JET_paramMaxInstances",                       INT,       GLB|LRUN|LINIT,       1, 10240, 16, 16),
    NUM(105, "JET_paramVersionStoreTaskQueueMax",           INT,       ADV,                  1, 127, 4, 4),
    NUM(106, "JET_paramIdleFlushTime",                      INT,       ADV|GLB|NOEFF,        0, ANY, 0, 0),
    NUM(107, "JET_paramDisablePerfmon",                     BOOL,      GLB|LRUN|LINIT,       0, ANY, 0, 1),
    NUM(108, "JET_paramAbortRetryFailCallback",             PTR,       GLB|LRUN|LINIT|NOEFF, 0, 0, 0, 0),
    NUM(109, "JET_paramVAReserve",                          INT,       ADV|GLB|NOEFF,        0, ANY, 0, 0),
    NUM(110, "JET_paramIndexTuplesLengthMin",               INT,       LINIT,                2, 255, 3, 3),
    NUM(111, "JET_paramIndexTuplesLengthMax",               INT,       LINIT,                2, 255, 10, 10),
    NUM(112, "JET_paramIndexTuplesToIndexMax",              INT,       LINIT,                1, 32767, 32767, 32767),
    STR(113, "JET_paramAlternateDatabaseRecoveryPath",      FOLDER,    LINIT,                0, 246, u""),
    NUM(114, "JET_paramFlight_ExtentPageCountCacheVerifyOnly", BOOL,      ADV|GLB,              0, ANY, 0, 0),
    NUM(115, "JET_paramFlight_EnablePgnoFDPLastSetTime",    BOOL,      ADV|LINIT,            0, ANY, 1, 1),
    NUM(116, "JET_paramFlight_EnableScanCheck2Flags",       BOOL,      ADV|LINIT,            0, ANY, 1, 1),
    NUM(117, "JET_paramFlight_EnableExtentFreed2",          BOOL,      ADV|LINIT,            0, ANY, 1, 1),
    NUM(118, "JET_paramFlight_RBSLargeRevertableDeletePages", INT,       ADV,                  0, I32MAX, 0, 0),
    NUM(119, "JET_paramFlight_RBSRevertableDeleteIfTooSoonTimeNull", BOOL,      ADV,                  0, ANY, 0, 0),
    NUM(120, "JET_paramDBAPageAvailMin",                    INT,       ADV|GLB|NOEFF,        0, ANY, 1280, 1280),
    NUM(121, "JET_paramDBAPageAvailThreshold",              SPECIAL,   GLB|CUST,             0, ANY, 0, 0),
    NUM(122, "JET_paramDBAK1",                              SPECIAL,   GLB|CUST,             0, ANY, 0, 0),
    NUM(123, "JET_paramDBAK2",                              SPECIAL,   GLB|CUST,             0, ANY, 0, 0),
    NUM(124, "JET_paramMaxRandomIOSize",                    INT,       ADV|GLB|NOEFF,        0, ANY, 1048576, 1048576),
    NUM(125, "JET_paramCachedClosedTables",                 INT,       ADV|CUST,             0, I32MAX, 64, 64),
    NUM(126, "JET_paramEnableFileCache",                    BOOL,      ADV|GLB|LRUN|LINIT,   0, ANY, 0, 1),
    NUM(127, "JET_paramEnableViewCache",                    BOOL,      ADV|GLB|LRUN|LINIT,   0, ANY, 0, 1),
    NUM(128, "JET_paramVerPageSize",                        BLOCKSIZE, ADV|GLB|LRUN|LINIT,   1024, 65536, VER_PAGE_SIZE_DEFAULT, 8192),
    NUM(129, "JET_paramConfiguration",                      INT,       LINIT|CUST,           0, 0x7ff, 1, 17),
    NUM(130, "JET_paramEnableAdvanced",                     BOOL,      0,                    0, ANY, 1, 1),
    NUM(131, "JET_paramMaxColtyp",                          INT,       GLB|LRUN|LINIT|RO,    0, ANY, 19, 19),
    NUM(132, "JET_paramIndexTupleIncrement",                INT,       LINIT,                0, 32767, 1, 1),
    NUM(133, "JET_paramIndexTupleStart",                    INT,       0,                    0, 32767, 0, 0),
    NUM(134, "JET_paramKeyMost",                            INT,       RO|CUST,              0, ANY, 0, 0),
    NUM(135, "JET_paramCheckpointIOMax",                    INT,       ADV|GLB,              1, 1024, 1, 1),
    NUM(136, "JET_paramLegacyFileNames",                    GRBIT,     LINIT,                0, 255, 3, 3),
    STR(137, "JET_paramTableClass1Name",                    STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass1"),
    STR(138, "JET_paramTableClass2Name",                    STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass2"),
    STR(139, "JET_paramTableClass3Name",                    STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass3"),
    STR(140, "JET_paramTableClass4Name",                    STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass4"),
    STR(141, "JET_paramTableClass5Name",                    STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass5"),
    STR(142, "JET_paramTableClass6Name",                    STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass6"),
    STR(143, "JET_paramTableClass7Name",                    STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass7"),
    STR(144, "JET_paramTableClass8Name",                    STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass8"),
    STR(145, "JET_paramTableClass9Name",                    STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass9"),
    STR(146, "JET_paramTableClass10Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass10"),
    STR(147, "JET_paramTableClass11Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass11"),
    STR(148, "JET_paramTableClass12Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass12"),
    STR(149, "JET_paramTableClass13Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass13"),
    STR(150, "JET_paramTableClass14Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass14"),
    STR(151, "JET_paramTableClass15Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass15"),
    NUM(152, "JET_paramIOPriority",                         INT,       ADV,                  0, 7, 0, 0),
    NUM(153, "JET_paramWaypointLatency",                    INT,       LINIT,                0, 1023, 0, 0),
    NUM(154, "JET_paramCheckpointTooDeep",                  INT,       LINIT,                32, 65536, 65536, 65536),
    NUM(155, "JET_paramDisableBlockVerification",           BOOL,      GLB|LRUN|LINIT,       0, ANY, 0, 0),
    NUM(156, "JET_paramEnablePersistedCallbacks",           BOOL,      LINIT,                0, ANY, 0, 0),
    NUM(157, "JET_paramAggressiveLogRollover",              BOOL,      LINIT,                0, ANY, 0, 0),
    NUM(158, "JET_paramPeriodicLogRolloverLLR",             INT,       LINIT,                0, 604800, 0, 0),
    NUM(159, "JET_paramUsePageDependencies",                BOOL,      GLB|LRUN|LINIT|NOEFF, 0, ANY, 0, 0),
    NUM(160, "JET_paramDefragmentSequentialBTrees",         BOOL,      0,                    0, ANY, 1, 1),
    NUM(161, "JET_paramDefragmentSequentialBTreesDensityCheckFrequency", INT,       LINIT,                0, ANY, 10, 10),
    NUM(162, "JET_paramIOThrottlingTimeQuanta",             INT,       GLB|LRUN|LINIT,       1, 10000, 100, 100),
    NUM(163, "JET_paramLVChunkSizeMost",                    INT,       GLB|LRUN|LINIT|RO,    0, ANY, 4014, 4014),
    NUM(164, "JET_paramMaxCoalesceReadSize",                INT,       ADV|GLB|LRUN|LINIT,   0, 10485760, 524288, 524288),
    NUM(165, "JET_paramMaxCoalesceWriteSize",               INT,       ADV|GLB|LRUN|LINIT,   0, 10485760, 524288, 524288),
    NUM(166, "JET_paramMaxCoalesceReadGapSize",             INT,       ADV|GLB|LRUN|LINIT,   0, 10485760, 524288, 524288),
    NUM(167, "JET_paramMaxCoalesceWriteGapSize",            INT,       ADV|GLB|LRUN|LINIT,   0, 10485760, 524288, 524288),
    NUM(168, "JET_paramEnableHaPublish",                    INT,       ADV|LINIT,            0, 2, 0, 0),
    NUM(169, "JET_paramEnableDBScanInRecovery",             INT,       ADV,                  0, 2, 0, 0),
    NUM(170, "JET_paramDbScanThrottle",                     INT,       ADV,                  0, 60000, 20, 20),
    NUM(171, "JET_paramDbScanIntervalMinSec",               INT,       ADV|LINIT,            0, 1814400, 86400, 86400),
    NUM(172, "JET_paramDbScanIntervalMaxSec",               INT,       ADV|LINIT,            1, 1576800000, 604800, 604800),
    NUM(173, "JET_paramEmitLogDataCallback",                PTR,       ADV|LINIT,            0, ANY, 0, 0),
    NUM(174, "JET_paramEmitLogDataCallbackCtx",             PTR,       ADV|LINIT,            0, ANY, 0, 0),
    NUM(175, "JET_paramEnableExternalAutoHealing",          BOOL,      ADV|LINIT,            0, 1, 0, 0),
    NUM(176, "JET_paramPatchRequestTimeout",                INT,       ADV,                  0, I32MAX, 300, 300),
    NUM(177, "JET_paramCachePriority",                      INT,       ADV,                  0, 1000, 100, 100),
    NUM(178, "JET_paramMaxTransactionSize",                 INT,       ADV,                  1, 100, 100, 100),
    NUM(179, "JET_paramPrereadIOMax",                       INT,       ADV,                  0, 256, 8, 8),
    NUM(180, "JET_paramEnableDBScanSerialization",          BOOL,      ADV|LINIT,            0, 1, 0, 0),
    NUM(181, "JET_paramHungIOThreshold",                    INT,       ADV|GLB|LRUN|LINIT,   11000, 1800000, 30000, 30000),
    NUM(182, "JET_paramHungIOActions",                      INT,       ADV|GLB|LRUN|LINIT,   0, 31, 1, 1),
    NUM(183, "JET_paramMinDataForXpress",                   INT,       ADV|GLB|LRUN|LINIT,   0, I32MAX, 1024, 1024),
    NUM(184, "JET_paramEnableShrinkDatabase",               GRBIT,     LINIT|CUST,           0, 0xffff, 0, 0),
    NONE(185),
    STR(186, "JET_paramProcessFriendlyName",                STRING,    GLB|LRUN|LINIT,       0, 64, u""),
    NUM(187, "JET_paramDurableCommitCallback",              PTR,       ADV|LINIT,            0, ANY, 0, 0),
    NUM(188, "JET_paramEnableSqm",                          INT,       LINIT|NOEFF,          0, 2, 1, 1),
    STR(189, "JET_paramConfigStoreSpec",                    STRING,    LINIT|CUST,           0, ANY, NULL),
    NUM(190, "JET_paramStageFlighting",                     INT,       ADV,                  0, 0xffffffff, 0x800000, 0x800000),
    NUM(191, "JET_paramZeroDatabaseUnusedSpace",            BOOL,      ADV,                  0, 1, 0, 0),
    NUM(192, "JET_paramDisableVerifications",               BOOL,      ADV,                  0, 1, 0, 0),
    NUM(193, "JET_paramPersistedLostFlushDetection",        INT,       ADV|LINIT,            0, 7, 5, 5),
    NUM(194, "JET_paramEngineFormatVersion",                INT,       CUST,                 0, 0xffffffff, 0x40000001, 0x40000001),
    NUM(195, "JET_paramReplayThrottlingLevel",              INT,       ADV,                  0, 1, 0, 0),
    STR(196, "JET_paramTableClass16Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass16"),
    STR(197, "JET_paramTableClass17Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass17"),
    STR(198, "JET_paramTableClass18Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass18"),
    STR(199, "JET_paramTableClass19Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass19"),
    STR(200, "JET_paramTableClass20Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass20"),
    STR(201, "JET_paramTableClass21Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass21"),
    STR(202, "JET_paramTableClass22Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass22"),
    STR(203, "JET_paramTableClass23Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass23"),
    STR(204, "JET_paramTableClass24Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass24"),
    STR(205, "JET_paramTableClass25Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass25"),
    STR(206, "JET_paramTableClass26Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass26"),
    STR(207, "JET_paramTableClass27Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass27"),
    STR(208, "JET_paramTableClass28Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass28"),
    STR(209, "JET_paramTableClass29Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass29"),
    STR(210, "JET_paramTableClass30Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass30"),
    STR(211, "JET_paramTableClass31Name",                   STRING,    GLB|LRUN|LINIT,       1, 64, u"TableClass31"),
    NUM(212, "JET_paramBlockCacheConfiguration",            PTR,       ADV|LINIT,            0, ANY, 0, 0),
    NUM(213, "JET_paramRecordSizeMost",                     INT,       GLB|RO|CUST,          0, ANY, 0, 0),
    NUM(214, "JET_paramUseFlushForWriteDurability",         BOOL,      ADV|LINIT,            0, 1, 1, 1),
    NUM(215, "JET_paramEnableRBS",                          BOOL,      ADV,                  0, 1, 0, 0),
    STR(216, "JET_paramRBSFilePath",                        FOLDER,    LINIT,                0, 246, u".\\"),
    NUM(217, "JET_paramPerfmonRefreshInterval",             INT,       GLB|LRUN|LINIT,       0, 86400000, 100, 100),
    NUM(218, "JET_paramEnableBlockCache",                   BOOL,      ADV|GLB|LRUN,         0, 1, 0, 0),
    NUM(219, "JET_paramDeferredIndexPopulateRowsPerTransaction", INT,       ADV,                  1, I32MAX, 1000, 1000),
    NUM(220, "JET_paramEnableBlockCacheDetach",             BOOL,      ADV|GLB|LRUN,         0, 1, 0, 0),
    NONE(221),
};

_Static_assert(ARRAY_SIZE(param_table) == PARAM_ID_COUNT, "one row per paramid");

/* The ids esent.h publishes must be the rows' ids (the others are ESE's unpublished ones). */
#define PINNED(sym, id) _Static_assert((sym) == (id), #sym)
PINNED(JET_paramSystemPath, 0);
PINNED(JET_paramTempPath, 1);
PINNED(JET_paramLogFilePath, 2);
PINNED(JET_paramBaseName, 3);
PINNED(JET_paramEventSource, 4);
PINNED(JET_paramMaxSessions, 5);
PINNED(JET_paramMaxOpenTables, 6);
PINNED(JET_paramPreferredMaxOpenTables, 7);
PINNED(JET_paramMaxCursors, 8);
PINNED(JET_paramMaxVerPages, 9);
PINNED(JET_paramMaxTemporaryTables, 10);
PINNED(JET_paramLogFileSize, 11);
PINNED(JET_paramLogBuffers, 12);
PINNED(JET_paramWaitLogFlush, 13);
PINNED(JET_paramLogCheckpointPeriod, 14);
PINNED(JET_paramLogWaitingUserMax, 15);
PINNED(JET_paramCommitDefault, 16);
PINNED(JET_paramCircularLog, 17);
PINNED(JET_paramDbExtensionSize, 18);
PINNED(JET_paramPageTempDBMin, 19);
PINNED(JET_paramPageFragment, 20);
PINNED(JET_paramBatchIOBufferMax, 22);
PINNED(JET_paramCacheSizeMax, 23);
PINNED(JET_paramCheckpointDepthMax, 24);
PINNED(JET_paramLRUKCorrInterval, 25);
PINNED(JET_paramLRUKHistoryMax, 26);
PINNED(JET_paramLRUKPolicy, 27);
PINNED(JET_paramLRUKTimeout, 28);
PINNED(JET_paramLRUKTrxCorrInterval, 29);
PINNED(JET_paramOutstandingIOMax, 30);
PINNED(JET_paramStartFlushThreshold, 31);
PINNED(JET_paramStopFlushThreshold, 32);
PINNED(JET_paramRecovery, 34);
PINNED(JET_paramEnableOnlineDefrag, 35);
PINNED(JET_paramCacheSize, 41);
PINNED(JET_paramCheckFormatWhenOpenFail, 44);
PINNED(JET_paramEnableIndexChecking, 45);
PINNED(JET_paramEnableTempTableVersioning, 46);
PINNED(JET_paramIgnoreLogVersion, 47);
PINNED(JET_paramDeleteOldLogs, 48);
PINNED(JET_paramEventSourceKey, 49);
PINNED(JET_paramNoInformationEvent, 50);
PINNED(JET_paramEventLoggingLevel, 51);
PINNED(JET_paramDeleteOutOfRangeLogs, 52);
PINNED(JET_paramAccessDeniedRetryPeriod, 53);
PINNED(JET_paramEnableIndexCleanup, 54);
PINNED(JET_paramCacheSizeMin, 60);
PINNED(JET_paramPreferredVerPages, 63);
PINNED(JET_paramDatabasePageSize, 64);
PINNED(JET_paramDisableCallbacks, 65);
PINNED(JET_paramBackupChunkSize, 66);
PINNED(JET_paramBackupOutstandingReads, 67);
PINNED(JET_paramLogFileCreateAsynch, 69);
PINNED(JET_paramErrorToString, 70);
PINNED(JET_paramZeroDatabaseDuringBackup, 71);
PINNED(JET_paramUnicodeIndexDefault, 72);
PINNED(JET_paramRuntimeCallback, 73);
PINNED(JET_paramCleanupMismatchedLogFiles, 77);
PINNED(JET_paramRecordUpgradeDirtyLevel, 78);
PINNED(JET_paramGlobalMinVerPages, 81);
PINNED(JET_paramOSSnapshotTimeout, 82);
PINNED(JET_paramExceptionAction, 98);
PINNED(JET_paramEventLogCache, 99);
PINNED(JET_paramCreatePathIfNotExist, 100);
PINNED(JET_paramPageHintCacheSize, 101);
PINNED(JET_paramOneDatabasePerSession, 102);
PINNED(JET_paramMaxInstances, 104);
PINNED(JET_paramVersionStoreTaskQueueMax, 105);
PINNED(JET_paramDisablePerfmon, 107);
PINNED(JET_paramIndexTuplesLengthMin, 110);
PINNED(JET_paramIndexTuplesLengthMax, 111);
PINNED(JET_paramIndexTuplesToIndexMax, 112);
PINNED(JET_paramAlternateDatabaseRecoveryPath, 113);
PINNED(JET_paramDBAPageAvailMin, 120);
PINNED(JET_paramMaxRandomIOSize, 124);
PINNED(JET_paramCachedClosedTables, 125);
PINNED(JET_paramEnableFileCache, 126);
PINNED(JET_paramEnableViewCache, 127);
PINNED(JET_paramVerPageSize, 128);
PINNED(JET_paramConfiguration, 129);
PINNED(JET_paramEnableAdvanced, 130);
PINNED(JET_paramMaxColtyp, 131);
PINNED(JET_paramIndexTupleIncrement, 132);
PINNED(JET_paramIndexTupleStart, 133);
PINNED(JET_paramKeyMost, 134);
PINNED(JET_paramCheckpointIOMax, 135);
PINNED(JET_paramLegacyFileNames, 136);
PINNED(JET_paramTableClass1Name, 137);
PINNED(JET_paramTableClass2Name, 138);
PINNED(JET_paramTableClass3Name, 139);
PINNED(JET_paramTableClass4Name, 140);
PINNED(JET_paramTableClass5Name, 141);
PINNED(JET_paramTableClass6Name, 142);
PINNED(JET_paramTableClass7Name, 143);
PINNED(JET_paramTableClass8Name, 144);
PINNED(JET_paramTableClass9Name, 145);
PINNED(JET_paramTableClass10Name, 146);
PINNED(JET_paramTableClass11Name, 147);
PINNED(JET_paramTableClass12Name, 148);
PINNED(JET_paramTableClass13Name, 149);
PINNED(JET_paramTableClass14Name, 150);
PINNED(JET_paramTableClass15Name, 151);
PINNED(JET_paramIOPriority, 152);
PINNED(JET_paramWaypointLatency, 153);
PINNED(JET_paramEnablePersistedCallbacks, 156);
PINNED(JET_paramDefragmentSequentialBTrees, 160);
PINNED(JET_paramDefragmentSequentialBTreesDensityCheckFrequency, 161);
PINNED(JET_paramIOThrottlingTimeQuanta, 162);
PINNED(JET_paramLVChunkSizeMost, 163);
PINNED(JET_paramMaxCoalesceReadSize, 164);
PINNED(JET_paramMaxCoalesceWriteSize, 165);
PINNED(JET_paramMaxCoalesceReadGapSize, 166);
PINNED(JET_paramMaxCoalesceWriteGapSize, 167);
PINNED(JET_paramEnableDBScanInRecovery, 169);
PINNED(JET_paramDbScanThrottle, 170);
PINNED(JET_paramDbScanIntervalMinSec, 171);
PINNED(JET_paramDbScanIntervalMaxSec, 172);
PINNED(JET_paramCachePriority, 177);
PINNED(JET_paramMaxTransactionSize, 178);
PINNED(JET_paramPrereadIOMax, 179);
PINNED(JET_paramEnableDBScanSerialization, 180);
PINNED(JET_paramHungIOThreshold, 181);
PINNED(JET_paramHungIOActions, 182);
PINNED(JET_paramMinDataForXpress, 183);
PINNED(JET_paramEnableShrinkDatabase, 184);
PINNED(JET_paramProcessFriendlyName, 186);
PINNED(JET_paramDurableCommitCallback, 187);
PINNED(JET_paramEnableSqm, 188);
PINNED(JET_paramConfigStoreSpec, 189);
PINNED(JET_paramUseFlushForWriteDurability, 214);
PINNED(JET_paramEnableRBS, 215);
PINNED(JET_paramRBSFilePath, 216);
PINNED(JET_paramPerfmonRefreshInterval, 217);
PINNED(JET_paramEnableBlockCache, 218);
PINNED(JET_paramEnableBlockCacheDetach, 220);

const struct param_info *param_info(ESENT_ULONG paramid)
{
    return paramid < PARAM_ID_COUNT ? &param_table[paramid] : NULL;
}
