/* SPDX-License-Identifier: MIT
 * api/esent_private.h: declarations of esent.dll exports that the public header leaves out.
 * Layer: api. Included by the exports and by tests; never installed.
 *
 * Windows' esent.dll exports functions the SDK header does not declare: engine utilities,
 * log shipping and reseed, page inspection, tracing and test hooks, the database-parameter
 * generation of create/attach, streaming-file stubs, and the WinDbg extension entry points.
 * Their signatures and numeric values come from the ESE sources (jethdr.w and the export
 * definitions); on x86 every function's stdcall argument size matches the decorated name that
 * Windows exports (tests/header checks this). These declarations need the whole API, so the
 * header requires JET_VERSION >= 0x0A01 (the build defines it). */
#ifndef ESENT_PRIVATE_H
#define ESENT_PRIVATE_H

#include "esent.h"

#if JET_VERSION < 0x0A01
#  error "esent_private.h needs JET_VERSION >= 0x0A01"
#endif

/* Same packing as esent.h. */
#if defined(_WIN64) || (!defined(_WIN32) && UINTPTR_MAX > 0xFFFFFFFFu)
#  pragma pack(push, 8)
#else
#  pragma pack(push, 4)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* libesent.so exports these names too (the build hides everything else). */
#if !defined(_WIN32) && (defined(__GNUC__) || defined(__clang__))
#  pragma GCC visibility push(default)
#endif

/* ================================================================================================
 * Structures, enumerations and constants
 * ============================================================================================== */

/* Per-database parameters: JetCreateDatabase3, JetAttachDatabase3 and the JET_RSTMAP2 entries. */
typedef struct tagJET_SETDBPARAM {
    ESENT_ULONG             dbparamid;
    void                    *pvParam;
    ESENT_ULONG             cbParam;
} JET_SETDBPARAM;

#define JET_dbparamDbSizeMaxPages                        8193
#define JET_dbparamCachePriority                         8194
#define JET_dbparamShrinkDatabaseOptions                 8195
#define JET_dbparamShrinkDatabaseTimeQuota               8196
#define JET_dbparamShrinkDatabaseSizeLimit               8197
#define JET_dbparamLeakReclaimerEnabled                  8198
#define JET_dbparamLeakReclaimerTimeQuota                8199
#define JET_dbparamMaintainExtentPageCountCache          8200
#define JET_dbparamFlight_SelfAllocSpBufReservationEnabled 8201
#define JET_dbparamMaxValueInvalid                       8202

/* Recovery with per-database parameters and a context-carrying progress callback (JetInit4). */
typedef JET_ERR (JET_API *JET_PFNINITCALLBACK)(JET_SNP snp, JET_SNT snt, void *pv, void *pvContext);

typedef struct {
    ESENT_ULONG             cbStruct;
    char                    *szDatabaseName;
    char                    *szNewDatabaseName;
    JET_SETDBPARAM          *rgsetdbparam;
    ESENT_ULONG             csetdbparam;
    JET_GRBIT               grbit;
} JET_RSTMAP2_A;

typedef struct {
    ESENT_ULONG             cbStruct;
    ESENT_WCHAR             *szDatabaseName;
    ESENT_WCHAR             *szNewDatabaseName;
    JET_SETDBPARAM          *rgsetdbparam;
    ESENT_ULONG             csetdbparam;
    JET_GRBIT               grbit;
} JET_RSTMAP2_W;

#ifdef JET_UNICODE
#define JET_RSTMAP2                                     JET_RSTMAP2_W
#else
#define JET_RSTMAP2                                     JET_RSTMAP2_A
#endif

typedef struct {
    ESENT_ULONG             cbStruct;
    JET_RSTMAP2_A           *rgrstmap;
    ESENT_LONG              crstmap;
    JET_LGPOS               lgposStop;
    JET_LOGTIME             logtimeStop;
    JET_PFNINITCALLBACK     pfnCallback;
    void                    *pvCallbackContext;
} JET_RSTINFO2_A;

typedef struct {
    ESENT_ULONG             cbStruct;
    JET_RSTMAP2_W           *rgrstmap;
    ESENT_LONG              crstmap;
    JET_LGPOS               lgposStop;
    JET_LOGTIME             logtimeStop;
    JET_PFNINITCALLBACK     pfnCallback;
    void                    *pvCallbackContext;
} JET_RSTINFO2_W;

#ifdef JET_UNICODE
#define JET_RSTINFO2                                    JET_RSTINFO2_W
#else
#define JET_RSTINFO2                                    JET_RSTINFO2_A
#endif

/* Table creation with a long-value chunk size (JetCreateTableColumnIndex5). */
typedef struct tagJET_TABLECREATE5_A {
    ESENT_ULONG             cbStruct;
    char                    *szTableName;
    char                    *szTemplateTableName;
    ESENT_ULONG             ulPages;
    ESENT_ULONG             ulDensity;
    JET_COLUMNCREATE_A      *rgcolumncreate;
    ESENT_ULONG             cColumns;
    JET_INDEXCREATE3_A      *rgindexcreate;
    ESENT_ULONG             cIndexes;
    char                    *szCallback;
    JET_CBTYP               cbtyp;
    JET_GRBIT               grbit;
    JET_SPACEHINTS          *pSeqSpacehints;
    JET_SPACEHINTS          *pLVSpacehints;
    ESENT_ULONG             cbSeparateLV;
    ESENT_ULONG             cbLVChunkMax;
    JET_TABLEID             tableid;
    ESENT_ULONG             cCreated;
} JET_TABLECREATE5_A;

typedef struct tagJET_TABLECREATE5_W {
    ESENT_ULONG             cbStruct;
    ESENT_WCHAR             *szTableName;
    ESENT_WCHAR             *szTemplateTableName;
    ESENT_ULONG             ulPages;
    ESENT_ULONG             ulDensity;
    JET_COLUMNCREATE_W      *rgcolumncreate;
    ESENT_ULONG             cColumns;
    JET_INDEXCREATE3_W      *rgindexcreate;
    ESENT_ULONG             cIndexes;
    ESENT_WCHAR             *szCallback;
    JET_CBTYP               cbtyp;
    JET_GRBIT               grbit;
    JET_SPACEHINTS          *pSeqSpacehints;
    JET_SPACEHINTS          *pLVSpacehints;
    ESENT_ULONG             cbSeparateLV;
    ESENT_ULONG             cbLVChunkMax;
    JET_TABLEID             tableid;
    ESENT_ULONG             cCreated;
} JET_TABLECREATE5_W;

#ifdef JET_UNICODE
#define JET_TABLECREATE5                                JET_TABLECREATE5_W
#else
#define JET_TABLECREATE5                                JET_TABLECREATE5_A
#endif

/* Info levels of the private query functions and the extra ones of JetSetTableInfo. */
#define JET_LogInfoMisc                                  0
#define JET_LogInfoMisc2                                 1
#define JET_LogInfoMisc3                                 2
#define JET_SessionInfo                                  0U
#define JET_TblInfoLVChunkMax                            13U
#define JET_TblInfoEncryptionKey                         14U
#define JET_TblInfoRetrieveAndReserveAutoIncrement       16U
#define JET_TblInfoObjectId                              19U
#define JET_PageInfo                                     0U
#define JET_PageInfo2                                    1U

/* Log file header summary (JetGetLogFileInfo). */
typedef struct {
    ESENT_ULONG             ulGeneration;
    JET_SIGNATURE           signLog;
    JET_LOGTIME             logtimeCreate;
    JET_LOGTIME             logtimePreviousGeneration;
    ESENT_ULONG             ulFlags;
    ESENT_ULONG             ulVersionMajor;
    ESENT_ULONG             ulVersionMinor;
    ESENT_ULONG             ulVersionUpdate;
    ESENT_ULONG             cbSectorSize;
    ESENT_ULONG             cbHeader;
    ESENT_ULONG             cbFile;
    ESENT_ULONG             cbDatabasePageSize;
} JET_LOGINFOMISC;

typedef struct {
    ESENT_ULONG             ulGeneration;
    JET_SIGNATURE           signLog;
    JET_LOGTIME             logtimeCreate;
    JET_LOGTIME             logtimePreviousGeneration;
    ESENT_ULONG             ulFlags;
    ESENT_ULONG             ulVersionMajor;
    ESENT_ULONG             ulVersionMinor;
    ESENT_ULONG             ulVersionUpdate;
    ESENT_ULONG             cbSectorSize;
    ESENT_ULONG             cbHeader;
    ESENT_ULONG             cbFile;
    ESENT_ULONG             cbDatabasePageSize;
    JET_LGPOS               lgposCheckpoint;
} JET_LOGINFOMISC2;

typedef struct {
    ESENT_ULONG             ulGeneration;
    JET_SIGNATURE           signLog;
    JET_LOGTIME             logtimeCreate;
    JET_LOGTIME             logtimePreviousGeneration;
    ESENT_ULONG             ulFlags;
    ESENT_ULONG             ulVersionMajor;
    ESENT_ULONG             ulVersionUpdateMajor;
    ESENT_ULONG             ulVersionUpdateMinor;
    ESENT_ULONG             cbSectorSize;
    ESENT_ULONG             cbHeader;
    ESENT_ULONG             cbFile;
    ESENT_ULONG             cbDatabasePageSize;
    JET_LGPOS               lgposCheckpoint;
    ESENT_ULONG             ulVersionMinorDeprecated;
    ESENT_UINT64            checksumPrevLogAllSegments;
} JET_LOGINFOMISC3;

/* Page inspection results (JetGetPageInfo, JetGetPageInfo2). */
typedef struct tagJET_PAGEINFO {
    ESENT_ULONG             pgno;
    ESENT_ULONG             fPageIsInitialized : 1;
    ESENT_ULONG             fCorrectableError : 1;
    ESENT_UINT64            checksumActual;
    ESENT_UINT64            checksumExpected;
    ESENT_UINT64            dbtime;
    ESENT_UINT64            structureChecksum;
    ESENT_UINT64            flags;
} JET_PAGEINFO;

typedef struct tagJET_PAGEINFO2 {
    JET_PAGEINFO            pageInfo;
    ESENT_UINT64            rgChecksumActual[3];
    ESENT_UINT64            rgChecksumExpected[3];
} JET_PAGEINFO2;

/* Schema conversions of JetConvertDDL. */
typedef enum {
    opDDLConvNull = 0,
    opDDLConvAddCallback = 1,
    opDDLConvChangeColumn = 2,
    opDDLConvAddConditionalColumnsToAllIndexes = 3,
    opDDLConvAddColumnCallback = 4,
    opDDLConvIncreaseMaxColumnSize = 5,
    opDDLConvChangeIndexDensity = 6,
    opDDLConvChangeCallbackDLL = 7,
    opDDLConvMax = 8
} JET_OPDDLCONV;

/* Database utilities (JetDBUtilities): operation, dump kind, options and the request record. */
typedef enum {
    opDBUTILConsistency,
    opDBUTILDumpData,
    opDBUTILDumpMetaData,
    opDBUTILDumpPage,
    opDBUTILDumpNode,
    opDBUTILDumpTag,
    opDBUTILDumpSpace,
    opDBUTILSetHeaderState,
    opDBUTILDumpHeader,
    opDBUTILDumpLogfile,
    opDBUTILDumpLogfileTrackNode,
    opDBUTILDumpCheckpoint,
    opDBUTILEDBDump,
    opDBUTILEDBRepair,
    opDBUTILMunge,
    opDBUTILEDBScrub,
    opDBUTILSLVMove_ObsoleteAndUnused,
    opDBUTILDBConvertRecords_ObsoleteAndUnused,
    opDBUTILDBDefragment,
    opDBUTILDumpExchangeSLVInfo_ObsoleteAndUnused,
    opDBUTILDumpUnicodeFixupTable_ObsoleteAndUnused,
    opDBUTILDumpPageUsage,
    opDBUTILUpdateDBHeaderFromTrailer,
    opDBUTILChecksumLogFromMemory,
    opDBUTILDumpFTLHeader,
    opDBUTILDBTrim,
    opDBUTILDumpFlushMapFile,
    opDBUTILDumpSpaceCategory,
    opDBUTILDumpCachedFileHeader,
    opDBUTILDumpCacheFile,
    opDBUTILDumpRBSHeader,
    opDBUTILDumpRBSPages,
    opDBUTILEstimateRootSpaceLeak,
} DBUTIL_OP;

typedef enum {
    opEDBDumpTables,
    opEDBDumpIndexes,
    opEDBDumpColumns,
    opEDBDumpCallbacks,
    opEDBDumpPage,
} EDBDUMP_OP;

#define JET_bitDBUtilSpaceInfoBasicCatalog               0x00000001
#define JET_bitDBUtilSpaceInfoSpaceTrees                 0x00000002
#define JET_bitDBUtilSpaceInfoParentOfLeaf               0x00000004
#define JET_bitDBUtilSpaceInfoFullWalk                   0x00000008
#define JET_bitDBUtilFullCategorization                  0x00000001
#define JET_bitDBUtilOptionAllNodes                      0x00000001
#define JET_bitDBUtilOptionKeyStats                      0x00000002
#define JET_bitDBUtilOptionPageDump                      0x00000004
#define JET_bitDBUtilOptionStats                         0x00000008
#define JET_bitDBUtilOptionSuppressConsoleOutput         0x00000010
#define JET_bitDBUtilOptionIgnoreErrors                  0x00000020
#define JET_bitDBUtilOptionVerify                        0x00000040
#define JET_bitDBUtilOptionReportErrors                  0x00000080
#define JET_bitDBUtilOptionDontRepair                    0x00000100
#define JET_bitDBUtilOptionRepairAll                     0x00000200
#define JET_bitDBUtilOptionRepairIndexes                 0x00000400
#define JET_bitDBUtilOptionDontBuildIndexes              0x00000800
#define JET_bitDBUtilOptionSuppressLogo                  0x00008000
#define JET_bitDBUtilOptionRepairCheckOnly               0x00010000
#define JET_bitDBUtilOptionDumpLVPageUsage               0x00020000
#define JET_bitDBUtilOptionDumpLogInfoCSV                0x00040000
#define JET_bitDBUtilOptionDumpLogPermitPatching         0x00080000
#define JET_bitDBUtilOptionSkipMinLogChecksUpdateHeader  0x00100000
#define JET_bitDBUtilOptionDumpVerbose                   0x10000000
#define JET_bitDBUtilOptionDumpVerboseLevel1             JET_bitDBUtilOptionDumpVerbose
#define JET_bitDBUtilOptionDumpVerboseLevel2             0x20000000
#define JET_bitDBUtilOptionDumpLogSummary                0x40000000

typedef struct tagDBUTIL_A {
    ESENT_ULONG             cbStruct;
    JET_SESID               sesid;
    JET_DBID                dbid;
    JET_TABLEID             tableid;
    DBUTIL_OP               op;
    EDBDUMP_OP              edbdump;
    JET_GRBIT               grbitOptions;
    union {
        struct {
            char                    *szDatabase;
            char                    *szSLV_ObsoleteAndUnused;
            char                    *szBackup;
            const char              *szTable;
            const char              *szIndex;
            char                    *szIntegPrefix;
            ESENT_LONG              pgno;
            ESENT_LONG              iline;
            ESENT_LONG              lGeneration;
            ESENT_LONG              isec;
            ESENT_LONG              ib;
            ESENT_LONG              cRetry;
            void                    *pfnCallback;
            void                    *pvCallback;
        };
        struct {
            char                    *szLog;
            char                    *szBase;
            void                    *pvBuffer;
            ESENT_LONG              cbBuffer;
        } checksumlogfrommemory;
        struct {
            char                    *szDatabase;
            ESENT_ULONG             pgnoFirst;
            ESENT_ULONG             pgnoLast;
            void                    *pfnSpaceCatCallback;
            void                    *pvContext;
        } spcatOptions;
        struct {
            char                    *szDatabase;
            ESENT_ULONG             pgnoFirst;
            ESENT_ULONG             pgnoLast;
        } rbsOptions;
    };
} JET_DBUTIL_A;

typedef struct tagDBUTIL_W {
    ESENT_ULONG             cbStruct;
    JET_SESID               sesid;
    JET_DBID                dbid;
    JET_TABLEID             tableid;
    DBUTIL_OP               op;
    EDBDUMP_OP              edbdump;
    JET_GRBIT               grbitOptions;
    union {
        struct {
            ESENT_WCHAR             *szDatabase;
            ESENT_WCHAR             *szSLV_ObsoleteAndUnused;
            ESENT_WCHAR             *szBackup;
            const ESENT_WCHAR       *szTable;
            const ESENT_WCHAR       *szIndex;
            ESENT_WCHAR             *szIntegPrefix;
            ESENT_LONG              pgno;
            ESENT_LONG              iline;
            ESENT_LONG              lGeneration;
            ESENT_LONG              isec;
            ESENT_LONG              ib;
            ESENT_LONG              cRetry;
            void                    *pfnCallback;
            void                    *pvCallback;
        };
        struct {
            ESENT_WCHAR             *szLog;
            ESENT_WCHAR             *szBase;
            void                    *pvBuffer;
            ESENT_LONG              cbBuffer;
        } checksumlogfrommemory;
        struct {
            ESENT_WCHAR             *szDatabase;
            ESENT_ULONG             pgnoFirst;
            ESENT_ULONG             pgnoLast;
            void                    *pfnSpaceCatCallback;
            void                    *pvContext;
        } spcatOptions;
        struct {
            ESENT_WCHAR             *szDatabase;
            ESENT_ULONG             pgnoFirst;
            ESENT_ULONG             pgnoLast;
        } rbsOptions;
    };
} JET_DBUTIL_W;

#ifdef JET_UNICODE
#define JET_DBUTIL                                      JET_DBUTIL_W
#else
#define JET_DBUTIL                                      JET_DBUTIL_A
#endif

/* The space dump of JetDBUtilities (opDBUTILDumpSpace): the engine calls JET_DBUTIL.pfnCallback,
 * a JET_PFNSPACEDATA, once per tree with what the JET_bitDBUtilSpaceInfo* bits of grbitOptions
 * asked for. Trees come in this order: the database root, its OE and AE trees, then each table,
 * followed by its own OE/AE trees, its long-value tree (and that tree's OE/AE) and its secondary
 * indexes (each followed by its OE/AE); pParent links a tree to the one it belongs to. */
typedef JET_API_PTR JET_HISTO;

typedef enum {
    eBTreeTypeInvalid = 0,
    eBTreeTypeInternalDbRootSpace,
    eBTreeTypeInternalSpaceOE,
    eBTreeTypeInternalSpaceAE,
    eBTreeTypeUserClusteredIndex,
    eBTreeTypeInternalLongValue,
    eBTreeTypeUserSecondaryIndex,
    eBTreeTypeMax
} JET_BTREETYPE;

typedef struct _BTREE_STATS_BASIC_CATALOG {
    ESENT_ULONG             cbStruct;
    JET_BTREETYPE           eType;
    ESENT_WCHAR             rgName[64];
    ESENT_ULONG             objidFDP;
    ESENT_ULONG             pgnoFDP;
    JET_SPACEHINTS          *pSpaceHints;
} BTREE_STATS_BASIC_CATALOG;

/* One extent: pages pgnoLast - cpgExtent + 1 .. pgnoLast. iPool: 0 general, 1 continuous,
 * 2 shelved (beyond the end of the file), or where the engine found it: 0x10000 the primary
 * extent, 0x20000 / 0x30000 the split buffer of the OE / AE tree. pgnoSpaceNode: the page
 * holding the extent's node. */
typedef struct _BTREE_SPACE_EXTENT_INFO {
    ESENT_ULONG             iPool;
    ESENT_ULONG             pgnoLast;
    ESENT_ULONG             cpgExtent;
    ESENT_ULONG             pgnoSpaceNode;
} BTREE_SPACE_EXTENT_INFO;

/* The pool values (ESE's SpacePool numbers; these names are ours, ESE has no public ones). */
#define JET_SpacePoolGeneral                             0x00000000
#define JET_SpacePoolContinuous                          0x00000001
#define JET_SpacePoolShelved                             0x00000002
#define JET_SpacePoolPrimaryExt                          0x00010000
#define JET_SpacePoolOwnedTreeAvail                      0x00020000
#define JET_SpacePoolAvailTreeAvail                      0x00030000

typedef struct _BTREE_STATS_SPACE_TREES {
    ESENT_ULONG             cbStruct;
    ESENT_ULONG             cpgPrimary;
    ESENT_ULONG             cpgLastAlloc;
    ESENT_ULONG             fMultiExtent;
    ESENT_ULONG             pgnoOE;
    ESENT_ULONG             pgnoAE;
    ESENT_ULONG             cpgOwned;
    ESENT_ULONG             cpgOwnedCache;
    ESENT_ULONG             cpgAvailable;
    ESENT_ULONG             cpgAvailableCache;
    ESENT_ULONG             cpgSpaceTreeAvailable;
    ESENT_ULONG             cpgReserved;
    ESENT_ULONG             cpgShelved;
    int                     fAutoIncPresents;
    ESENT_UINT64            qwAutoInc;
    ESENT_ULONG             cOwnedExtents;
    BTREE_SPACE_EXTENT_INFO *prgOwnedExtents;
    ESENT_ULONG             cAvailExtents;
    BTREE_SPACE_EXTENT_INFO *prgAvailExtents;
} BTREE_STATS_SPACE_TREES;

typedef struct {
    ESENT_ULONG             cbStruct;
    JET_HISTO               *phistoFreeBytes;
    JET_HISTO               *phistoNodeCounts;
    JET_HISTO               *phistoKeySizes;
    JET_HISTO               *phistoDataSizes;
    JET_HISTO               *phistoKeyCompression;
    JET_HISTO               *phistoResvTagSizes;
    JET_HISTO               *phistoUnreclaimedBytes;
    ESENT_INT64             cVersionedNodes;
} BTREE_STATS_PAGE_SPACE;

typedef struct _BTREE_STATS_PARENT_OF_LEAF {
    ESENT_ULONG             cbStruct;
    ESENT_ULONG             fEmpty;
    ESENT_ULONG             cpgInternal;
    ESENT_ULONG             cpgData;
    ESENT_ULONG             cDepth;
    JET_HISTO               *phistoIOContiguousRuns;
    ESENT_ULONG             cForwardScans;
    BTREE_STATS_PAGE_SPACE  *pInternalPageStats;
} BTREE_STATS_PARENT_OF_LEAF;

typedef struct _BTREE_STATS_LV {
    ESENT_ULONG             cbStruct;
    ESENT_INT64             cLVRefs;
    ESENT_INT64             cCorruptLVs;
    ESENT_INT64             cSeparatedRootChunks;
    ESENT_INT64             cPartiallyDeletedLVs;
    ESENT_UINT64            lidMax;
    int                     cbLVChunkMax;
    JET_HISTO               *phistoLVSize;
    JET_HISTO               *phistoLVComp;
    JET_HISTO               *phistoLVRatio;
    JET_HISTO               *phistoLVSeeks;
    JET_HISTO               *phistoLVBytes;
    JET_HISTO               *phistoLVExtraSeeks;
    JET_HISTO               *phistoLVExtraBytes;
} BTREE_STATS_LV;

typedef struct _BTREE_STATS {
    ESENT_ULONG             cbStruct;
    ESENT_ULONG             grbitData;
    struct _BTREE_STATS     *pParent;
    BTREE_STATS_BASIC_CATALOG *pBasicCatalog;
    BTREE_STATS_SPACE_TREES *pSpaceTrees;
    BTREE_STATS_PARENT_OF_LEAF *pParentOfLeaf;
    BTREE_STATS_PAGE_SPACE  *pFullWalk;
    BTREE_STATS_LV          *pLvData;
    ESENT_ULONG             fPgnoFDPRootDelete;
} BTREE_STATS;

typedef JET_ERR (JET_API *JET_PFNSPACEDATA)(BTREE_STATS *pBTreeStats, JET_API_PTR pvContext);

/* Log shipping: context of a block of log data (JetConsumeLogData). */
typedef struct tag_JET_EMITDATACTX {
    ESENT_ULONG             cbStruct;
    ESENT_ULONG             dwVersion;
    ESENT_UINT64            qwSequenceNum;
    JET_GRBIT               grbitOperationalFlags;
    JET_LOGTIME             logtimeEmit;
    JET_LGPOS               lgposLogData;
    ESENT_ULONG             cbLogData;
} JET_EMITDATACTX;

/* Record streaming options (JetStreamRecords). */
#define JET_bitStreamForward                             0x00000001
#define JET_bitStreamBackward                            0x00000002
#define JET_bitStreamColumnReferences                    0x00000004

/* Resource manager knobs (JetGetResourceParam, JetSetResourceParam). */
typedef enum {
    JET_resoperNull,
    JET_resoperTag,
    JET_resoperSize,
    JET_resoperAlign,
    JET_resoperMinUse,
    JET_resoperMaxUse,
    JET_resoperObjectsPerChunk,
    JET_resoperCurrentUse,
    JET_resoperChunkSize,
    JET_resoperLookasideEntries,
    JET_resoperRFOLOffset,
    JET_resoperGuard,
    JET_resoperAllocTopDown,
    JET_resoperPreserveFreed,
    JET_resoperAllocFromHeap,
    JET_resoperEnableMaxUse,
    JET_resoperRCIList,
    JET_resoperSectionHeader,
    JET_resoperMax
} JET_RESOPER;

typedef enum {
    JET_residNull,
    JET_residFCB,
    JET_residFUCB,
    JET_residTDB,
    JET_residIDB,
    JET_residPIB,
    JET_residSCB,
    JET_residVERBUCKET,
    JET_residPAGE,
    JET_residSPLIT,
    JET_residSPLITPATH,
    JET_residMERGE,
    JET_residMERGEPATH,
    JET_residINST,
    JET_residLOG,
    JET_residKEY,
    JET_residBOOKMARK,
    JET_residLRUKHIST,
    JET_residRBSBuf,
    JET_residTest,
    JET_residMax,
    JET_residAll = 0x0fffffff
} JET_RESID;

/* Engine tracing (JetTracing). */
typedef enum {
    JET_traceopNull,
    JET_traceopSetGlobal,
    JET_traceopSetTag,
    JET_traceopSetAllTags,
    JET_traceopSetMessagePrefix,
    JET_traceopRegisterTag,
    JET_traceopRegisterAllTags,
    JET_traceopSetEmitCallback,
    JET_traceopSetThreadidFilter,
    JET_traceopSetDbidFilter,
    JET_traceopMax
} JET_TRACEOP;

typedef enum {
    JET_tracetagNull,
    JET_tracetagInformation,
    JET_tracetagErrors,
    JET_tracetagAsserts,
    JET_tracetagAPI,
    JET_tracetagInitTerm,
    JET_tracetagBufferManager,
    JET_tracetagBufferManagerHashedLatches,
    JET_tracetagIO,
    JET_tracetagMemory,
    JET_tracetagVersionStore,
    JET_tracetagVersionStoreOOM,
    JET_tracetagVersionCleanup,
    JET_tracetagCatalog,
    JET_tracetagDDLRead,
    JET_tracetagDDLWrite,
    JET_tracetagDMLRead,
    JET_tracetagDMLWrite,
    JET_tracetagDMLConflicts,
    JET_tracetagInstances,
    JET_tracetagDatabases,
    JET_tracetagSessions,
    JET_tracetagCursors,
    JET_tracetagCursorNavigation,
    JET_tracetagCursorPageRefs,
    JET_tracetagBtree,
    JET_tracetagSpace,
    JET_tracetagFCBs,
    JET_tracetagTransactions,
    JET_tracetagLogging,
    JET_tracetagRecovery,
    JET_tracetagBackup,
    JET_tracetagRestore,
    JET_tracetagOLD,
    JET_tracetagEventlog,
    JET_tracetagBufferManagerMaintTasks,
    JET_tracetagSpaceManagement,
    JET_tracetagSpaceInternal,
    JET_tracetagIOQueue,
    JET_tracetagDiskVolumeManagement,
    JET_tracetagCallbacks,
    JET_tracetagIOProblems,
    JET_tracetagUpgrade,
    JET_tracetagRecoveryValidation,
    JET_tracetagBufferManagerBufferCacheState,
    JET_tracetagBufferManagerBufferDirtyState,
    JET_tracetagTimerQueue,
    JET_tracetagSortPerf,
    JET_tracetagOLDRegistration,
    JET_tracetagOLDWork,
    JET_tracetagSysInitTerm,
    JET_tracetagVersionAndStagingChecks,
    JET_tracetagFile,
    JET_tracetagFlushFileBuffers,
    JET_tracetagCheckpointUpdate,
    JET_tracetagDiagnostics,
    JET_tracetagBlockCache,
    JET_tracetagRBS,
    JET_tracetagRBSCleaner,
    JET_tracetagBlockCacheOperations,
    JET_tracetagMax,
} JET_TRACETAG;

/* Test hooks (JetTestHook). */
typedef enum {
    opTestHookUnitTests,
    opTestHookTestInjection,
    opTestHookHookNtQueryInformationProcess,
    opTestHookHookNtQuerySystemInformation,
    opTestHookHookGlobalMemoryStatus,
    opTestHookSetNegativeTesting,
    opTestHookResetNegativeTesting,
    opTestHookThrowError,
    opTestHookThrowAssert,
    opTestHookUnitTests2,
    opTestHookEnforceContextFail,
    opTestHookGetBFLowMemoryCallback,
    opTestHookTraceTestMarker,
    opTestHookGetCheckpointDepth,
    opTestHookGetOLD2Status,
    opTestHookGetEngineTickNow,
    opTestHookSetEngineTickTime,
    opTestHookCacheQuery,
    opTestHookEvictCache,
    opTestHookCorrupt,
    opTestHookEnableAutoIncDeprecated,
    opTestHookSetErrorTrap,
    opTestHookGetTablePgnoFDP,
    opTestHookAlterDatabaseFileHeader,
    opTestHookGetLogTip,
    opTestHookBlockCacheTestEnabled,
} TESTHOOK_OP;

/* ================================================================================================
 * Functions
 * ============================================================================================== */

/* Instances and sessions. */
JET_ERR JET_API JetInit4A(JET_INSTANCE *pinstance, JET_RSTINFO2_A *prstInfo, JET_GRBIT grbit);
JET_ERR JET_API JetInit4W(JET_INSTANCE *pinstance, JET_RSTINFO2_W *prstInfo, JET_GRBIT grbit);
JET_ERR JET_API JetGetSessionInfo(JET_SESID sesid, void *pvResult, const ESENT_ULONG cbMax,
        const ESENT_ULONG ulInfoLevel);
JET_ERR JET_API JetResetCounter(JET_SESID sesid, ESENT_LONG CounterType);
JET_ERR JET_API JetGetCounter(JET_SESID sesid, ESENT_LONG CounterType, ESENT_LONG *plValue);
JET_ERR JET_API JetSetResourceParam(JET_INSTANCE instance, JET_RESOPER resoper, JET_RESID resid,
        JET_API_PTR ulParam);
JET_ERR JET_API JetGetResourceParam(JET_INSTANCE instance, JET_RESOPER resoper, JET_RESID resid,
        JET_API_PTR *pulParam);

/* Databases. */
JET_ERR JET_API JetCreateDatabase3A(JET_SESID sesid, JET_PCSTR szFilename, JET_DBID *pdbid,
        JET_SETDBPARAM *rgsetdbparam, ESENT_ULONG csetdbparam, JET_GRBIT grbit);
JET_ERR JET_API JetCreateDatabase3W(JET_SESID sesid, JET_PCWSTR szFilename, JET_DBID *pdbid,
        JET_SETDBPARAM *rgsetdbparam, ESENT_ULONG csetdbparam, JET_GRBIT grbit);
JET_ERR JET_API JetAttachDatabase3A(JET_SESID sesid, JET_PCSTR szFilename,
        JET_SETDBPARAM *rgsetdbparam, ESENT_ULONG csetdbparam, JET_GRBIT grbit);
JET_ERR JET_API JetAttachDatabase3W(JET_SESID sesid, JET_PCWSTR szFilename,
        JET_SETDBPARAM *rgsetdbparam, ESENT_ULONG csetdbparam, JET_GRBIT grbit);
JET_ERR JET_API JetSetMaxDatabaseSize(JET_SESID sesid, JET_DBID dbid, ESENT_ULONG cpg,
        JET_GRBIT grbit);
JET_ERR JET_API JetGetMaxDatabaseSize(JET_SESID sesid, JET_DBID dbid, ESENT_ULONG *pcpg,
        JET_GRBIT grbit);
JET_ERR JET_API JetUpgradeDatabaseA(JET_SESID sesid, JET_PCSTR szDbFileName,
        JET_PCSTR szSLVFileName, const JET_GRBIT grbit);
JET_ERR JET_API JetUpgradeDatabaseW(JET_SESID sesid, JET_PCWSTR szDbFileName,
        JET_PCWSTR szSLVFileName, const JET_GRBIT grbit);
JET_ERR JET_API JetDatabaseScan(JET_SESID sesid, JET_DBID dbid, ESENT_ULONG *pcSecondsMax,
        ESENT_ULONG cmsecSleep, JET_CALLBACK pfnCallback, JET_GRBIT grbit);

/* Tables, columns and records. */
JET_ERR JET_API JetSetTableInfoA(JET_SESID sesid, JET_TABLEID tableid, const void *pvParam,
        ESENT_ULONG cbParam, ESENT_ULONG InfoLevel);
JET_ERR JET_API JetSetTableInfoW(JET_SESID sesid, JET_TABLEID tableid, const void *pvParam,
        ESENT_ULONG cbParam, ESENT_ULONG InfoLevel);
JET_ERR JET_API JetCreateTableColumnIndex5A(JET_SESID sesid, JET_DBID dbid,
        JET_TABLECREATE5_A *ptablecreate);
JET_ERR JET_API JetCreateTableColumnIndex5W(JET_SESID sesid, JET_DBID dbid,
        JET_TABLECREATE5_W *ptablecreate);
JET_ERR JET_API JetConvertDDLA(JET_SESID sesid, JET_DBID dbid, JET_OPDDLCONV convtyp, void *pvData,
        ESENT_ULONG cbData);
JET_ERR JET_API JetConvertDDLW(JET_SESID sesid, JET_DBID dbid, JET_OPDDLCONV convtyp, void *pvData,
        ESENT_ULONG cbData);
JET_ERR JET_API JetRetrieveTaggedColumnList(JET_SESID sesid, JET_TABLEID tableid,
        ESENT_ULONG *pcColumns, void *pvData, ESENT_ULONG cbData, JET_COLUMNID columnidStart,
        JET_GRBIT grbit);
JET_ERR JET_API JetCreateEncryptionKey(ESENT_ULONG encryptionAlgorithm, void *pvKey,
        ESENT_ULONG cbKey, ESENT_ULONG *pcbActual);
JET_ERR JET_API JetPrereadTablesW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR *rgwszTables,
        ESENT_LONG cwszTables, JET_GRBIT grbit);
JET_ERR JET_API JetPrereadIndexRange(JET_SESID sesid, JET_TABLEID tableid,
        const JET_INDEX_RANGE *const pIndexRange, const ESENT_ULONG cPageCacheMin,
        const ESENT_ULONG cPageCacheMax, JET_GRBIT grbit, ESENT_ULONG *const pcPageCacheActual);
JET_ERR JET_API JetRetrieveColumnByReference(const JET_SESID sesid, const JET_TABLEID tableid,
        const void *const pvReference, const ESENT_ULONG cbReference, const ESENT_ULONG ibData,
        void *const pvData, const ESENT_ULONG cbData, ESENT_ULONG *const pcbActual,
        const JET_GRBIT grbit);
JET_ERR JET_API JetPrereadColumnsByReference(const JET_SESID sesid, const JET_TABLEID tableid,
        const void *const *const rgpvReferences, const ESENT_ULONG *const rgcbReferences,
        const ESENT_ULONG cReferences, const ESENT_ULONG cPageCacheMin,
        const ESENT_ULONG cPageCacheMax, ESENT_ULONG *const pcReferencesPreread,
        const JET_GRBIT grbit);
JET_ERR JET_API JetStreamRecords(JET_SESID sesid, JET_TABLEID tableid, const ESENT_ULONG ccolumnid,
        const JET_COLUMNID *const rgcolumnid, void *const pvData, const ESENT_ULONG cbData,
        ESENT_ULONG *const pcbActual, const JET_GRBIT grbit);
JET_ERR JET_API JetRetrieveColumnFromRecordStream(void *const pvData, const ESENT_ULONG cbData,
        ESENT_ULONG *const piRecord, JET_COLUMNID *const pcolumnid,
        ESENT_ULONG *const pitagSequence, ESENT_ULONG *const pibValue, ESENT_ULONG *const pcbValue);
JET_ERR JET_API JetPrepareToCommitTransaction(JET_SESID sesid, const void *pvData,
        ESENT_ULONG cbData, JET_GRBIT grbit);

/* Logs, backup, snapshots and reseed. */
JET_ERR JET_API JetGetLogFileInfoA(JET_PCSTR szLog, void *pvResult, const ESENT_ULONG cbMax,
        const ESENT_ULONG InfoLevel);
JET_ERR JET_API JetGetLogFileInfoW(JET_PCWSTR szLog, void *pvResult, const ESENT_ULONG cbMax,
        const ESENT_ULONG InfoLevel);
JET_ERR JET_API JetBeginSurrogateBackup(JET_INSTANCE instance, ESENT_ULONG lgenFirst,
        ESENT_ULONG lgenLast, JET_GRBIT grbit);
JET_ERR JET_API JetEndSurrogateBackup(JET_INSTANCE instance, JET_GRBIT grbit);
JET_ERR JET_API JetOpenFileSectionInstanceA(JET_INSTANCE instance, JET_PSTR szFile,
        JET_HANDLE *phFile, ESENT_LONG iSection, ESENT_LONG cSections, ESENT_UINT64 ibRead,
        ESENT_ULONG *pulSectionSizeLow, ESENT_LONG *plSectionSizeHigh);
JET_ERR JET_API JetOpenFileSectionInstanceW(JET_INSTANCE instance, JET_PWSTR szFile,
        JET_HANDLE *phFile, ESENT_LONG iSection, ESENT_LONG cSections, ESENT_UINT64 ibRead,
        ESENT_ULONG *pulSectionSizeLow, ESENT_LONG *plSectionSizeHigh);
JET_ERR JET_API JetSnapshotStartA(JET_INSTANCE instance, JET_PSTR szDatabases, JET_GRBIT grbit);
JET_ERR JET_API JetSnapshotStartW(JET_INSTANCE instance, JET_PWSTR szDatabases, JET_GRBIT grbit);
JET_ERR JET_API JetSnapshotStop(JET_INSTANCE instance, JET_GRBIT grbit);
JET_ERR JET_API JetRemoveLogfileA(JET_PCSTR szDatabase, JET_PCSTR szLogfile, JET_GRBIT grbit);
JET_ERR JET_API JetRemoveLogfileW(JET_PCWSTR wszDatabase, JET_PCWSTR wszLogfile, JET_GRBIT grbit);
JET_ERR JET_API JetConsumeLogData(JET_INSTANCE instance, JET_EMITDATACTX *pEmitLogDataCtx,
        void *pvLogData, ESENT_ULONG cbLogData, JET_GRBIT grbits);
/* Windows 10's esent.dll takes three arguments here (x86: @12); later ESE releases insert
 * genFirstDivergedLog before grbit. We follow the DLL we replace. */
JET_ERR JET_API JetBeginDatabaseIncrementalReseedA(JET_INSTANCE instance, JET_PCSTR szDatabase,
        JET_GRBIT grbit);
JET_ERR JET_API JetBeginDatabaseIncrementalReseedW(JET_INSTANCE instance, JET_PCWSTR szDatabase,
        JET_GRBIT grbit);
JET_ERR JET_API JetEndDatabaseIncrementalReseedA(JET_INSTANCE instance, JET_PCSTR szDatabase,
        ESENT_ULONG genMinRequired, ESENT_ULONG genFirstDivergedLog, ESENT_ULONG genMaxRequired,
        JET_GRBIT grbit);
JET_ERR JET_API JetEndDatabaseIncrementalReseedW(JET_INSTANCE instance, JET_PCWSTR szDatabase,
        ESENT_ULONG genMinRequired, ESENT_ULONG genFirstDivergedLog, ESENT_ULONG genMaxRequired,
        JET_GRBIT grbit);
JET_ERR JET_API JetPatchDatabasePagesA(JET_INSTANCE instance, JET_PCSTR szDatabase,
        ESENT_ULONG pgnoStart, ESENT_ULONG cpg, const void *pv, ESENT_ULONG cb, JET_GRBIT grbit);
JET_ERR JET_API JetPatchDatabasePagesW(JET_INSTANCE instance, JET_PCWSTR szDatabase,
        ESENT_ULONG pgnoStart, ESENT_ULONG cpg, const void *pv, ESENT_ULONG cb, JET_GRBIT grbit);

/* Pages and maintenance. */
JET_ERR JET_API JetGetPageInfo(void *const pvPages, ESENT_ULONG cbData, JET_PAGEINFO *rgPageInfo,
        ESENT_ULONG cbPageInfo, JET_GRBIT grbit, ESENT_ULONG ulInfoLevel);
JET_ERR JET_API JetGetPageInfo2(void *const pvPages, ESENT_ULONG cbData, void *const rgPageInfo,
        ESENT_ULONG cbPageInfo, JET_GRBIT grbit, ESENT_ULONG ulInfoLevel);
JET_ERR JET_API JetGetDatabasePages(JET_SESID sesid, JET_DBID dbid, ESENT_ULONG pgnoStart,
        ESENT_ULONG cpg, void *pv, ESENT_ULONG cb, ESENT_ULONG *pcbActual, JET_GRBIT grbit);
JET_ERR JET_API JetOnlinePatchDatabasePage(JET_SESID sesid, JET_DBID dbid, ESENT_ULONG pgno,
        const void *pvToken, ESENT_ULONG cbToken, const void *pvData, ESENT_ULONG cbData,
        JET_GRBIT grbit);
JET_ERR JET_API JetDBUtilitiesA(JET_DBUTIL_A *pdbutil);
JET_ERR JET_API JetDBUtilitiesW(JET_DBUTIL_W *pdbutil);

/* Diagnostics. */
JET_ERR JET_API JetTracing(const JET_TRACEOP traceop, const JET_TRACETAG tracetag,
        const JET_API_PTR ul);
JET_ERR JET_API JetTestHook(const TESTHOOK_OP opcode, void *const pv);

/* Streaming (SLV) files were removed from the engine; these entry points remain exported and
 * fail with JET_errFeatureNotAvailable. The SLV arguments are ignored. */
JET_ERR JET_API JetCreateDatabaseWithStreamingA(JET_SESID sesid, JET_PCSTR szDbFileName,
        JET_PCSTR szSLVFileName, JET_PCSTR szSLVRootName, const ESENT_ULONG cpgDatabaseSizeMax,
        JET_DBID *pdbid, JET_GRBIT grbit);
JET_ERR JET_API JetCreateDatabaseWithStreamingW(JET_SESID sesid, JET_PCWSTR szDbFileName,
        JET_PCWSTR szSLVFileName, JET_PCWSTR szSLVRootName, const ESENT_ULONG cpgDatabaseSizeMax,
        JET_DBID *pdbid, JET_GRBIT grbit);
JET_ERR JET_API JetAttachDatabaseWithStreamingA(JET_SESID sesid, JET_PCSTR szDbFileName,
        JET_PCSTR szSLVFileName, JET_PCSTR szSLVRootName, const ESENT_ULONG cpgDatabaseSizeMax,
        JET_GRBIT grbit);
JET_ERR JET_API JetAttachDatabaseWithStreamingW(JET_SESID sesid, JET_PCWSTR szDbFileName,
        JET_PCWSTR szSLVFileName, JET_PCWSTR szSLVRootName, const ESENT_ULONG cpgDatabaseSizeMax,
        JET_GRBIT grbit);

/* Undecorated names of the private A/W pairs, as esent.h does for the public ones. */
#ifdef JET_UNICODE
#define JetInit4                                        JetInit4W
#else
#define JetInit4                                        JetInit4A
#endif
#ifdef JET_UNICODE
#define JetCreateDatabase3                              JetCreateDatabase3W
#else
#define JetCreateDatabase3                              JetCreateDatabase3A
#endif
#ifdef JET_UNICODE
#define JetAttachDatabase3                              JetAttachDatabase3W
#else
#define JetAttachDatabase3                              JetAttachDatabase3A
#endif
#ifdef JET_UNICODE
#define JetUpgradeDatabase                              JetUpgradeDatabaseW
#else
#define JetUpgradeDatabase                              JetUpgradeDatabaseA
#endif
#ifdef JET_UNICODE
#define JetSetTableInfo                                 JetSetTableInfoW
#else
#define JetSetTableInfo                                 JetSetTableInfoA
#endif
#ifdef JET_UNICODE
#define JetCreateTableColumnIndex5                      JetCreateTableColumnIndex5W
#else
#define JetCreateTableColumnIndex5                      JetCreateTableColumnIndex5A
#endif
#ifdef JET_UNICODE
#define JetConvertDDL                                   JetConvertDDLW
#else
#define JetConvertDDL                                   JetConvertDDLA
#endif
#ifdef JET_UNICODE
#define JetGetLogFileInfo                               JetGetLogFileInfoW
#else
#define JetGetLogFileInfo                               JetGetLogFileInfoA
#endif
#ifdef JET_UNICODE
#define JetOpenFileSectionInstance                      JetOpenFileSectionInstanceW
#else
#define JetOpenFileSectionInstance                      JetOpenFileSectionInstanceA
#endif
#ifdef JET_UNICODE
#define JetSnapshotStart                                JetSnapshotStartW
#else
#define JetSnapshotStart                                JetSnapshotStartA
#endif
#ifdef JET_UNICODE
#define JetRemoveLogfile                                JetRemoveLogfileW
#else
#define JetRemoveLogfile                                JetRemoveLogfileA
#endif
#ifdef JET_UNICODE
#define JetBeginDatabaseIncrementalReseed               JetBeginDatabaseIncrementalReseedW
#else
#define JetBeginDatabaseIncrementalReseed               JetBeginDatabaseIncrementalReseedA
#endif
#ifdef JET_UNICODE
#define JetEndDatabaseIncrementalReseed                 JetEndDatabaseIncrementalReseedW
#else
#define JetEndDatabaseIncrementalReseed                 JetEndDatabaseIncrementalReseedA
#endif
#ifdef JET_UNICODE
#define JetPatchDatabasePages                           JetPatchDatabasePagesW
#else
#define JetPatchDatabasePages                           JetPatchDatabasePagesA
#endif
#ifdef JET_UNICODE
#define JetDBUtilities                                  JetDBUtilitiesW
#else
#define JetDBUtilities                                  JetDBUtilitiesA
#endif
#ifdef JET_UNICODE
#define JetCreateDatabaseWithStreaming                  JetCreateDatabaseWithStreamingW
#else
#define JetCreateDatabaseWithStreaming                  JetCreateDatabaseWithStreamingA
#endif
#ifdef JET_UNICODE
#define JetAttachDatabaseWithStreaming                  JetAttachDatabaseWithStreamingW
#else
#define JetAttachDatabaseWithStreaming                  JetAttachDatabaseWithStreamingA
#endif

/* Later generations of JET_DbInfoMisc that Windows 10 accepts but the SDK header does not publish.
 * Each one is the previous one followed by its new fields (the same layout as spelling the
 * fields out: every member is 4-byte aligned). */
typedef struct {
    JET_DBINFOMISC4         misc4;
    ESENT_ULONG             ulIncrementalReseedCount;
    JET_LOGTIME             logtimeIncrementalReseed;
    ESENT_ULONG             ulIncrementalReseedCountOld;
    ESENT_ULONG             ulPagePatchCount;
    JET_LOGTIME             logtimePagePatch;
    ESENT_ULONG             ulPagePatchCountOld;
} JET_DBINFOMISC5;

typedef struct {
    JET_DBINFOMISC5         misc5;
    JET_LOGTIME             logtimeChecksumPrev;
    JET_LOGTIME             logtimeChecksumStart;
    ESENT_ULONG             cpgDatabaseChecked;
} JET_DBINFOMISC6;

typedef struct {
    JET_DBINFOMISC6         misc6;
    JET_LOGTIME             logtimeLastReAttach;
    JET_LGPOS               lgposLastReAttach;
} JET_DBINFOMISC7;

/* WinDbg extension interface (dbgeng's extension protocol). The "ese" command takes the
 * debugger client interface and the argument string; rgEDBGGlobals is a data export: a table of
 * the engine's global variables for the debugger, terminated by an entry whose name is NULL. */
struct esent_dbg_global {
    const char              *szName;
    JET_API_PTR             pvData;
    const char              *szDebuggerCommand;
};

ESENT_LONG JET_API DebugExtensionInitialize(ESENT_ULONG *pVersion, ESENT_ULONG *pFlags);
void JET_API DebugExtensionNotify(ESENT_ULONG Notify, ESENT_UINT64 Argument);
void JET_API DebugExtensionUninitialize(void);
ESENT_LONG JET_API ese(void *pDebugClient, const char *szArgs);
extern const struct esent_dbg_global rgEDBGGlobals[];

#if !defined(_WIN32) && (defined(__GNUC__) || defined(__clang__))
#  pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#pragma pack(pop)

#endif /* ESENT_PRIVATE_H */
