/* SPDX-License-Identifier: MIT
 * tools/esentutl/esentutl.h: the pieces of esentutl, Windows' ESE utility rebuilt on our engine.
 * One source tree gives esentutl.exe (MinGW, on esent.dll) and esentutl (Linux, on libesent.so).
 *
 * Layering: main (eu_main.c) parses Windows' command line (eu_args.c) into struct eu_opts and
 * calls one mode function. Modes that need an engine instance go through the exported JET API
 * only; the offline modes that read files byte by byte (/mh's fields beyond JET_DBINFOMISC, /k,
 * /ml, /mk) also link the engine's static page, os and base layers (README.md explains why).
 * Every mode returns a JET_ERR; main prints Windows' closing line for it and turns it into the
 * exit code (0 on success). Output goes to stdout in Windows' formats; per-page errors of /k go
 * to stderr, as Windows prints them. Nothing here may contain a platform test: the two
 * platform files (eu_plat_posix.c, eu_plat_win32.c) are chosen by CMake. */
#ifndef ESENTUTL_H
#define ESENTUTL_H

#include <stdio.h>

#include "base.h"

/* ---- command line ------------------------------------------------------------------------- */

enum eu_mode {
    EU_MODE_NONE = 0,
    EU_MODE_DEFRAG,         /* /d  defragmentation/compaction */
    EU_MODE_RECOVERY,       /* /r  soft recovery */
    EU_MODE_INTEGRITY,      /* /g  integrity check */
    EU_MODE_CHECKSUM,       /* /k  checksum every page */
    EU_MODE_REPAIR,         /* /p  repair */
    EU_MODE_DUMP,           /* /m[h|k|l|m|s|...] file dump */
    EU_MODE_COPY,           /* /y  copy a file */
    EU_MODE_EXPORT,         /* /x  ours: every table to CSV or JSON */
};

/* The dump's mode modifier (the letter after /m). */
enum eu_dump {
    EU_DUMP_HEADER = 'h',       /* database header (the default) */
    EU_DUMP_CHECKPOINT = 'k',   /* checkpoint file */
    EU_DUMP_LOG = 'l',          /* log file or set of logs */
    EU_DUMP_METADATA = 'm',     /* catalog */
    EU_DUMP_SPACE = 's',        /* space usage */
    EU_DUMP_NODES = 'n',        /* nodes of a page */
    EU_DUMP_FLUSHMAP = 'p',     /* flush map file (.jfm) */
    EU_DUMP_SPACECAT = 'c',     /* space categorization */
    EU_DUMP_CACHEFILE = 'b',    /* block cache file */
    EU_DUMP_FTL = 't',          /* FTL trace file */
    EU_DUMP_RBS = 'r',          /* revert snapshot */
};

enum eu_export_format { EU_EXPORT_CSV = 0, EU_EXPORT_JSON };

struct eu_opts {
    enum eu_mode mode;
    enum eu_dump dump;
    const char *szApp;          /* argv[0] as typed (usage text) */
    const char *szSource;       /* database, file, or (/r) log base name */
    const char *szDest;         /* /y /d<file>, /d /b<db>, /x /d<folder> */
    const char *szTemp;         /* /t<db> */
    const char *szLogPath;      /* /r /l<path> */
    const char *szSystemPath;   /* /r /s<path> */
    const char *szTable;        /* /x /t<table>, /ms /t<table> */
    const char *szIntegPrefix;  /* /g /p /f<prefix>: the report file's name */
    const char *szSpaceFields;  /* /ms /f<fields> */
    uint32_t cbPage;            /* /4 /8 /16 /32 (/2 is refused); 0 = read it from the file */
    enum eu_export_format exportFormat;
    bool fNoLogo;               /* /o */
    bool fVerbose;              /* /v */
    bool fIgnoreIoErrors;       /* /y /i */
    bool fSkipDbChecksum;       /* /k /e */
    bool fRecoveryIgnoreMissingDb;  /* /r /i */
    bool fDefragPreserve;       /* /d /p: keep the temporary database, do not instate it */
    bool fSpaceCsv;             /* /ms /c */
    bool fSpaceLeaks;           /* /ms /l */
    int iSpaceDetail;           /* /ms /d (1) /d2 (2) */
    bool fHelp;                 /* /? or no argument */
};

/* Parse argv as Windows' esentutl does. Usage errors print Windows' "Usage Error: ..." line to
 * stdout and return JET_errInvalidParameter; switches Windows has but that cannot apply here
 * (/vss and friends, /config) print why and return JET_errFeatureNotAvailable. */
MUST_CHECK JET_ERR eu_args_parse(int argc, char **argv, struct eu_opts *popts);
/* The usage text: all modes, or one mode's details. */
void eu_usage(FILE *f, const char *szApp, enum eu_mode mode);

/* ---- modes (each prints its own banner and body; main prints the closing line) ----------- */

MUST_CHECK JET_ERR eu_mode_dump_header(const struct eu_opts *popts);      /* eu_dbhdr.c */
MUST_CHECK JET_ERR eu_mode_dump_checkpoint(const struct eu_opts *popts);  /* eu_logdump.c */
MUST_CHECK JET_ERR eu_mode_dump_log(const struct eu_opts *popts);         /* eu_logdump.c */
MUST_CHECK JET_ERR eu_mode_checksum(const struct eu_opts *popts);         /* eu_checksum.c */
MUST_CHECK JET_ERR eu_mode_copy(const struct eu_opts *popts);             /* eu_copy.c */
MUST_CHECK JET_ERR eu_mode_integrity(const struct eu_opts *popts);        /* eu_engine.c */
MUST_CHECK JET_ERR eu_mode_dump_space(const struct eu_opts *popts);       /* eu_engine.c */
MUST_CHECK JET_ERR eu_mode_dump_metadata(const struct eu_opts *popts);    /* eu_engine.c */
MUST_CHECK JET_ERR eu_mode_recovery(const struct eu_opts *popts);         /* eu_recovery.c */
MUST_CHECK JET_ERR eu_mode_export(const struct eu_opts *popts);           /* eu_export.c */
MUST_CHECK JET_ERR eu_mode_repair(const struct eu_opts *popts);           /* eu_repair.c */
MUST_CHECK JET_ERR eu_mode_defrag(const struct eu_opts *popts);           /* eu_defrag.c */
/* Before JetInit, for modes that read the database through the API (eu_engine.c): the page size
 * from the file's header (or /4 ... /32), recovery off and the other settings Windows' esentutl
 * uses, no temporary database. */
MUST_CHECK JET_ERR eu_engine_setup(const struct eu_opts *popts, JET_INSTANCE *pinst);
/* The JET_PFNSTATUS of /g, /p and /d: Windows' "Scanning Status (% complete)" bar for
 * JET_snpRepair and "Defragmentation Status (% complete)" for JET_snpCompact (drawn on a terminal
 * only); eu_engine_status_end closes a bar the engine left open. */
JET_ERR JET_API eu_engine_status(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv);
void eu_engine_status_end(void);
/* The space dump's body once the engine is set up (eu_space.c): JetDBUtilities(opDBUTILDumpSpace)
 * with Windows' printing callback. */
MUST_CHECK JET_ERR eu_space_dump(const struct eu_opts *popts, uint32_t cbPage);

/* ---- output helpers (eu_print.c) ---------------------------------------------------------- */

/* ESE's LOGTIME as stored (8 bytes; also the memory image of JET_LOGTIME) printed as Windows
 * does: "MM/DD/YYYY hh:mm:ss.mmm UTC|LOC". */
void eu_print_logtime(const uint8_t rgb[8]);
/* A SIGNATURE as stored (28 bytes: random, LOGTIME, 16-byte computer name; also the memory image
 * of JET_SIGNATURE): "Create time:... Rand:N Computer:NAME", then a newline. */
void eu_print_signature(const uint8_t rgb[28]);
/* "(0xGEN,ISEC,IB)" in Windows' hex style. */
void eu_print_lgpos(int32_t lGeneration, uint16_t isec, uint16_t ib);
/* "JET_errXxx, description" through JetGetSystemParameter(JET_paramErrorToString). */
const char *eu_err_text(JET_ERR err, char *buf, size_t cb);

/* Windows' progress bar ("          0    10   20 ... 100" and a row of dots), drawn only when
 * stdout is a terminal (eu_plat_stdout_is_terminal); otherwise every call is a no-op. */
struct eu_progress {
    bool fOn;
    int iPercentShown;
};
void eu_progress_begin(struct eu_progress *pp, const char *szOperation);
void eu_progress_update(struct eu_progress *pp, uint64_t done, uint64_t total);
void eu_progress_end(struct eu_progress *pp);

/* ---- files (eu_file.c): the os layer's file system, opened by a console-encoded path ------- */

struct os_file;
MUST_CHECK JET_ERR eu_file_open(const char *szPath, unsigned osflags, struct os_file **ppf);
/* Read up to cb bytes from ib; *pcbRead gets what the file holds there (short at end of file). */
MUST_CHECK JET_ERR eu_file_read_at(struct os_file *f, uint64_t ib, void *pv, size_t cb, size_t *pcbRead);
MUST_CHECK JET_ERR eu_file_delete(const char *szPath);
/* Rename szFrom to szTo, replacing szTo if it exists. */
MUST_CHECK JET_ERR eu_file_rename(const char *szFrom, const char *szTo);
bool eu_file_exists(const char *szPath);
/* Whether the folder szPath names its file in exists ('/' separated; no folder: true). */
bool eu_folder_of_exists(const char *szPath);
/* Call fn for each entry of szDir matching szPattern (one '*' at most, case-insensitive); stops
 * at, and returns, the first non-zero result of fn. */
MUST_CHECK JET_ERR eu_file_list(const char *szDir, const char *szPattern,
        JET_ERR (*fn)(void *ctx, const char *szName), void *ctx);

/* ---- platform (eu_plat_posix.c / eu_plat_win32.c) ----------------------------------------- */

bool eu_plat_stdout_is_terminal(void);
/* This process's id (the default temporary database of /d is TEMPDFRG<id>.EDB, as on Windows). */
unsigned long eu_plat_process_id(void);
/* The process exit code for a result: 0 for success (and warnings). Windows: the JET error
 * itself, and -1 for a usage error, as Windows' esentutl returns them. Linux: 1 for an error and
 * 2 for a usage error, since exit codes there are 8 bits and some JET errors are multiples of
 * 256 (they would read as success). */
int eu_plat_exit_code(JET_ERR err, bool fUsage);

#endif /* ESENTUTL_H */
