/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_args.c: Windows esentutl's command line.
 *
 * The rules, as Windows applies them:
 *   - argv[1] names the mode: '/' or '-', then one letter (d r g k p m y; ours: x). Whatever
 *     follows the letter is the first argument ("/kfoo.edb" is "/k foo.edb").
 *   - /m takes its modifier from the next letter ("/mh", "/mk", "/ml"); a bare "/m" takes it from
 *     a later one-letter switch ("/m db.edb /h"), or dumps the header.
 *   - Every later word that does not start with '/' or '-' is the file (one only); switches are
 *     case-insensitive and read by their first letter (so "/16" is the 16 KiB page switch, as in
 *     Windows, and "/1" would be too). /2 /4 /8 /16 /32, /o and /! are common to every mode.
 *   - An unknown switch is a usage error.
 *   - Ours, for Linux's absolute paths: a word starting with '/' that holds another '/' is a path
 *     when it names an existing file, when it cannot be a switch of this mode ("/tmp/x.edb"
 *     after /mh), or when its folder exists and the folder of the switch's value does not
 *     ("/tmp/missing.edb" after /g, whose /t takes a path). "/d/tmp/new.edb" after /y stays
 *     the destination switch. */
#include <ctype.h>
#include <stdio.h>

#include "esentutl.h"

static int lower(int ch) { return tolower((unsigned char)ch); }

static bool is_switch(const char *sz)
{
    return sz && (sz[0] == '/' || sz[0] == '-') && sz[1];
}

/* The switches that carry a path in the same word, per mode. */
static bool takes_path(enum eu_mode mode, int ch)
{
    switch (mode) {
    case EU_MODE_COPY: return ch == 'd';
    case EU_MODE_CHECKSUM: case EU_MODE_REPAIR: return ch == 't';
    case EU_MODE_INTEGRITY: return ch == 't' || ch == 'f';
    case EU_MODE_DEFRAG: return ch == 't' || ch == 'b' || ch == 'l' || ch == 's';
    case EU_MODE_RECOVERY: return ch == 'l' || ch == 's';
    case EU_MODE_EXPORT: return ch == 'd';
    default: return false;
    }
}

static bool is_switch_here(const struct eu_opts *o, const char *sz)
{
    if (!is_switch(sz)) return false;
    if (sz[0] == '/' && strchr(sz + 1, '/')) {
        if (eu_file_exists(sz) || !takes_path(o->mode, lower(sz[1]))) return false;
        return !(eu_folder_of_exists(sz) && !eu_folder_of_exists(sz + 2));
    }
    return true;
}

static bool word_is(const char *szSwitch, const char *szWord)
{
    for (; *szWord; szSwitch++, szWord++)
        if (lower(*szSwitch) != *szWord) return false;
    return *szSwitch == 0;
}

static bool dump_modifier_valid(int ch)
{
    switch (lower(ch)) {
    case 'h': case 'k': case 'l': case 'm': case 's': case 'n': case 'p': case 'c': case 'b': case 't': case 'r':
        return true;
    default:
        return false;
    }
}

static JET_ERR usage_error(const char *szFmt, const char *szArg)
{
    printf("Usage Error: ");
    printf(szFmt, szArg);
    printf("\n\n");
    return JET_errInvalidParameter;
}

static JET_ERR not_here(const char *szArg, const char *szWhy)
{
    printf("Error: the switch '%s' is not available: %s.\n\n", szArg, szWhy);
    return JET_errFeatureNotAvailable;
}

/* A switch carrying a value right after its letter ("/tTEMP.EDB", "/lC:\logs"). */
static JET_ERR take_value(const char *szArg, const char *szWhat, const char **psz)
{
    if (!szArg[2]) return usage_error("Missing %s specification.", szWhat);
    if (*psz) return usage_error("Duplicate %s specification.", szWhat);
    *psz = szArg + 2;
    return JET_errSuccess;
}

/* Switches that belong to one mode. Returns JET_errInvalidParameter (after printing) for a
 * switch the mode does not have. */
static JET_ERR mode_switch(struct eu_opts *o, const char *a)
{
    int ch = lower(a[1]);
    switch (o->mode) {
    case EU_MODE_DUMP:
        if (ch == 'v') {
            if (a[2] && !(a[2] == '1' || a[2] == '2') ) break;
            o->fVerbose = true;
            return JET_errSuccess;
        }
        if (ch == 's' && o->dump == EU_DUMP_LOG) return JET_errSuccess;     /* summary: nothing extra yet */
        if (o->dump == EU_DUMP_SPACE) {
            switch (ch) {
            case 'd':
                if (!a[2] || (a[2] == '1' && !a[3])) o->iSpaceDetail = 1;
                else if (a[2] == '2' && !a[3]) o->iSpaceDetail = 2;
                else break;
                return JET_errSuccess;
            case 'l': if (a[2]) break; o->fSpaceLeaks = true; return JET_errSuccess;
            case 'c': if (a[2]) break; o->fSpaceCsv = true; return JET_errSuccess;
            case 'f': return take_value(a, "space fields", &o->szSpaceFields);
            case 't': return take_value(a, "table", &o->szTable);
            default: break;
            }
            return usage_error("Invalid option '%s'.", a);
        }
        if (o->dump == EU_DUMP_METADATA && ch == 't') return take_value(a, "table", &o->szTable);
        /* Windows' page, node, tag, table, key, CSV, torn-write fixup and generation range
         * switches: known, not implemented. */
        if (strchr("pnitkdacxrf", ch))
            return not_here(a, "this option of the file dump is not implemented yet");
        break;
    case EU_MODE_CHECKSUM:
        if (ch == 'e') { o->fSkipDbChecksum = true; return JET_errSuccess; }
        if (ch == 'i') return JET_errSuccess;     /* Windows ignores this old switch too */
        if (ch == 't') return take_value(a, "temporary database", &o->szTemp);
        break;
    case EU_MODE_COPY:
        if (ch == 'd') return take_value(a, "destination file", &o->szDest);
        if (ch == 'i') { o->fIgnoreIoErrors = true; return JET_errSuccess; }
        break;
    case EU_MODE_RECOVERY:
        if (ch == 'l') return take_value(a, "log file path", &o->szLogPath);
        if (ch == 's') return take_value(a, "system path", &o->szSystemPath);
        if (ch == 'i' && !a[2]) { o->fRecoveryIgnoreMissingDb = true; return JET_errSuccess; }
        /* Windows' truncate, shrink, leak reclaimer, no-undo, database folder, restore map,
         * lost logs and log name switches: known, not implemented. */
        if (strchr("tkpudnace", ch))
            return not_here(a, "this recovery option is not implemented yet");
        break;
    case EU_MODE_INTEGRITY:
        if (ch == 't') return take_value(a, "temporary database", &o->szTemp);
        if (ch == 'f') return take_value(a, "report file name prefix", &o->szIntegPrefix);
        if (ch == 'b' || ch == 'n') return JET_errSuccess;  /* don't rebuild indexes / statistics */
        break;
    case EU_MODE_REPAIR:
        if (ch == 't') return take_value(a, "temporary database", &o->szTemp);
        if (ch == 'f') return take_value(a, "report file name prefix", &o->szIntegPrefix);
        if (strchr("giu", ch)) return JET_errSuccess;
        break;
    case EU_MODE_DEFRAG:
        if (ch == 't') return take_value(a, "temporary database", &o->szTemp);
        if (ch == 'b') return take_value(a, "backup database", &o->szDest);
        if (ch == 'p' && !a[2]) { o->fDefragPreserve = true; return JET_errSuccess; }
        if (ch == 'l') return take_value(a, "log file path", &o->szLogPath);
        if (ch == 's') return take_value(a, "system path", &o->szSystemPath);
        if (strchr("inuv", ch)) return JET_errSuccess;   /* statistics, old switches: accepted */
        break;
    case EU_MODE_EXPORT:
        if (ch == 'd') return take_value(a, "output folder", &o->szDest);
        if (ch == 't') return take_value(a, "table", &o->szTable);
        if (ch == 'f') {
            if (word_is(a + 2, "csv")) { o->exportFormat = EU_EXPORT_CSV; return JET_errSuccess; }
            if (word_is(a + 2, "json")) { o->exportFormat = EU_EXPORT_JSON; return JET_errSuccess; }
            return usage_error("Invalid export format '%s' (csv or json).", a + 2);
        }
        break;
    default:
        break;
    }
    return usage_error("Invalid option '%s'.", a);
}

static JET_ERR positional(struct eu_opts *o, const char *a)
{
    if (o->szSource)
        return usage_error("Invalid argument '%s'. Options must be preceded by '-' or '/'.", a);
    o->szSource = a;
    return JET_errSuccess;
}

JET_ERR eu_args_parse(int argc, char **argv, struct eu_opts *o)
{
    JET_ERR err;
    int iSkip = -1;     /* the later one-letter switch a bare /m took its modifier from */

    memset(o, 0, sizeof *o);
    o->szApp = argc > 0 && argv[0] ? argv[0] : "esentutl";
    o->dump = EU_DUMP_HEADER;
    if (argc < 2) {
        o->fHelp = true;
        return usage_error("No mode specified.%s", "");
    }
    const char *a = argv[1];
    if (a[0] != '/' && a[0] != '-')
        return usage_error("Mode selection must be preceded by '-' or '/'.%s", "");
    if (a[1] == '?' && !a[2]) {
        o->fHelp = true;
        return JET_errSuccess;
    }
    switch (lower(a[1])) {
    case 'd': o->mode = EU_MODE_DEFRAG; break;
    case 'r': o->mode = EU_MODE_RECOVERY; break;
    case 'g': o->mode = EU_MODE_INTEGRITY; break;
    case 'k': o->mode = EU_MODE_CHECKSUM; break;
    case 'p': o->mode = EU_MODE_REPAIR; break;
    case 'm': o->mode = EU_MODE_DUMP; break;
    case 'y': o->mode = EU_MODE_COPY; break;
    case 'x': o->mode = EU_MODE_EXPORT; break;
    default:
        o->fHelp = true;
        return usage_error("Invalid mode.%s", "");
    }

    const char *szRest = a + 2;
    if (o->mode == EU_MODE_DUMP) {
        int chMod = 0;
        if (a[2] && !a[3]) {
            chMod = a[2];
            szRest = "";
        } else {
            for (int i = 2; i < argc && !chMod; i++)
                if (is_switch(argv[i]) && !argv[i][2] && dump_modifier_valid(argv[i][1])) {
                    chMod = argv[i][1];
                    iSkip = i;
                }
            if (!chMod) chMod = 'h';
        }
        if (!dump_modifier_valid(chMod)) {
            o->mode = EU_MODE_NONE;
            o->fHelp = true;
            return usage_error("Invalid mode.%s", "");
        }
        o->dump = (enum eu_dump)lower(chMod);
    }
    if (*szRest) CALL_R(positional(o, szRest));

    for (int i = 2; i < argc; i++) {
        a = argv[i];
        if (i == iSkip) continue;
        if (!is_switch_here(o, a)) {
            CALL_R(positional(o, a));
            continue;
        }
        const char *w = a + 1;
        if (w[0] == '?' && !w[1]) {
            o->fHelp = true;
            return JET_errSuccess;
        }
        if (word_is(w, "vss") || word_is(w, "vsspause"))
            return not_here(a, "volume shadow copies are a Windows service this tool does not use");
        if (word_is(w, "vssrec") || word_is(w, "vsssystempath"))
            return not_here(a, "volume shadow copies are a Windows service this tool does not use");
        if (lower(w[0]) == 'c' && lower(w[1]) == 'o' && lower(w[2]) == 'n' && lower(w[3]) == 'f' &&
            lower(w[4]) == 'i' && lower(w[5]) == 'g')
            return not_here(a, "there is no configuration store; use the command-line switches");
        switch (lower(w[0])) {
        case '2':
            return usage_error("Invalid option '%s': 2 KiB pages are no longer supported.", a);
        case '4': o->cbPage = 4096; continue;
        case '8': o->cbPage = 8192; continue;
        case '1': o->cbPage = 16384; continue;
        case '3': o->cbPage = 32768; continue;
        case 'o': o->fNoLogo = true; continue;
        case '!': continue;    /* the old log file size switch: sizes are read from the files */
        default:
            break;
        }
        CALL_R(mode_switch(o, a));
    }

    if (!o->szSource) {
        const char *szWhat = "source database";
        switch (o->mode) {
        case EU_MODE_RECOVERY: szWhat = "logfile base name"; break;
        case EU_MODE_DUMP: szWhat = "database/filename"; break;
        case EU_MODE_COPY: szWhat = "source file"; break;
        case EU_MODE_CHECKSUM: szWhat = "file name"; break;
        default: break;
        }
        return usage_error("Missing %s specification.", szWhat);
    }
    return JET_errSuccess;
}

/* ---- usage text ------------------------------------------------------------------------------ */

static void usage_page_sizes(FILE *f)
{
    fprintf(f, "                  /4 /8 /16 /32 - page size of the database in KiB (default: read\n"
               "                                  from its header)\n"
               "                  /o            - no banner\n");
}

void eu_usage(FILE *f, const char *szApp, enum eu_mode mode)
{
    switch (mode) {
    case EU_MODE_DUMP:
        fprintf(f, "FILE DUMP:  %s /m[h|k|l|m|s] <file> [options]\n", szApp);
        fprintf(f, "                  /mh <database>  - the database header: every field, state, format,\n"
                   "                                    page size, log positions (the default)\n"
                   "                  /mk <file.chk>  - a checkpoint file\n"
                   "                  /ml <file.log>  - a log file's header and attached databases\n"
                   "                  /mm <database>  - metadata: every table and index, objids, root pages\n"
                   "                                    (/t<table>: one table)\n"
                   "                  /ms <database>  - space used and available per table and index\n"
                   "                                    (/t<table> one table, /v small ones too, /c CSV,\n"
                   "                                    /d or /d2 the space trees and extents, /l leaks,\n"
                   "                                    /f<fields> the columns)\n"
                   "                  /v              - verbose\n");
        usage_page_sizes(f);
        return;
    case EU_MODE_CHECKSUM:
        fprintf(f, "CHECKSUM:   %s /k <database> [options]\n", szApp);
        fprintf(f, "                  Verifies the checksum of every page and lists the bad ones.\n"
                   "                  /e            - do not check the database file\n"
                   "                  /t<db>        - accepted for compatibility (no temporary database)\n");
        usage_page_sizes(f);
        return;
    case EU_MODE_COPY:
        fprintf(f, "COPY FILE:  %s /y <source file> [/d<destination file>] [options]\n", szApp);
        fprintf(f, "                  /d<file>      - destination (default: the source's name in the\n"
                   "                                  current folder); it must not exist\n"
                   "                  /o            - no banner\n");
        return;
    case EU_MODE_RECOVERY:
        fprintf(f, "RECOVERY:   %s /r <3-character logfile base name> [options]\n", szApp);
        fprintf(f, "                  Replays the log into every database it names (soft recovery). The\n"
                   "                  log is this engine's own format: the logs Microsoft's ESE writes\n"
                   "                  are refused with JET_errBadLogVersion (/ml shows their header).\n"
                   "                  /l<path>      - the log files' folder (default: current folder)\n"
                   "                  /s<path>      - the checkpoint's folder (default: current folder)\n"
                   "                  /i            - ignore missing databases\n"
                   "                  /o            - no banner\n");
        return;
    case EU_MODE_INTEGRITY:
        fprintf(f, "INTEGRITY:  %s /g <database> [options]\n", szApp);
        fprintf(f, "                  Checks every page, tree and space tree the catalog names, and the\n"
                   "                  catalog itself; the findings go to <database name>.INTEG.RAW in the\n"
                   "                  current folder. A database that was not shut down cleanly is reported\n"
                   "                  as corrupted (run recovery first), as Windows does.\n"
                   "                  /f<prefix>    - the report's name (<prefix>.INTEG.RAW)\n"
                   "                  /t<db> /b /n  - accepted for compatibility (no temporary database)\n");
        usage_page_sizes(f);
        return;
    case EU_MODE_REPAIR:
        fprintf(f, "REPAIR:     %s /p <database> [options]\n", szApp);
        fprintf(f, "                  Checks the database, then rebuilds it from every page that verifies:\n"
                   "                  records on damaged pages, and records whose long value lost a part,\n"
                   "                  are lost; indexes and space are rebuilt. Each table's losses go to the\n"
                   "                  console and <database name>.INTEG.RAW. Asks before starting: answer y\n"
                   "                  on stdin, or give /o.\n"
                   "                  /f<prefix>    - the report's name (<prefix>.INTEG.RAW)\n"
                   "                  /o            - no banner, and no question\n"
                   "                  /t<db> /g /i /u - accepted for compatibility\n");
        usage_page_sizes(f);
        return;
    case EU_MODE_DEFRAG:
        fprintf(f, "DEFRAGMENTATION/COMPACTION:\n");
        fprintf(f, "    DESCRIPTION:  Performs off-line compaction of a database.\n");
        fprintf(f, "         SYNTAX:  %s /d <database name> [options]\n", szApp);
        fprintf(f, "     PARAMETERS:  <database name> - filename of database to compact\n");
        fprintf(f, "        OPTIONS:  zero or more of the following switches, separated by a space:\n");
        fprintf(f, "                  /t<db>     - set temp. database name (default: TEMPDFRG*.EDB)\n");
        fprintf(f, "                  /p         - preserve temporary database (ie. don't instate)\n");
        fprintf(f, "                  /b<db>     - make backup copy under the specified name\n");
        fprintf(f, "                  /s<path> /l<path> /i /n - accepted for compatibility\n");
        usage_page_sizes(f);
        return;
    case EU_MODE_EXPORT:
        fprintf(f, "EXPORT:     %s /x <database> [/d<folder>] [/t<table>] [/fcsv|/fjson]\n", szApp);
        fprintf(f, "                  Writes every table (or the one /t names) as <folder>/<table>.csv or .json.\n");
        return;
    default:
        break;
    }
    fprintf(f, "esentutl: the Extensible Storage Engine utility, on the open-source esent engine.\n\n");
    fprintf(f, "MODES OF OPERATION:\n");
    fprintf(f, "      Defragmentation:  %s /d <database name> [/t<temp db>] [/p] [/b<backup db>] [options]\n", szApp);
    fprintf(f, "             Recovery:  %s /r <logfile base name> [/l<log path>] [/s<system path>] [/i]\n", szApp);
    fprintf(f, "            Integrity:  %s /g <database name> [options]\n", szApp);
    fprintf(f, "             Checksum:  %s /k <file name> [options]\n", szApp);
    fprintf(f, "               Repair:  %s /p <database name> [options]\n", szApp);
    fprintf(f, "            File Dump:  %s /m[mode-modifier] <filename>   (/mh header, /mk checkpoint, /ml log,\n"
               "                                  /mm metadata, /ms space)\n", szApp);
    fprintf(f, "            Copy File:  %s /y <source file> [/d<destination>] [options]\n", szApp);
    fprintf(f, "               Export:  %s /x <database> [/d<folder>] [/fcsv|/fjson]   (ours, not Windows')\n", szApp);
    fprintf(f, "\nCommon options: /4 /8 /16 /32 page size in KiB, /o no banner. Switches start with\n"
               "'/' or '-'. '%s /m /?' and the like print one mode's options.\n", szApp);
}
