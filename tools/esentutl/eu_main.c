/* SPDX-License-Identifier: MIT
 * tools/esentutl/eu_main.c: esentutl's entry point: banner, one mode, Windows' closing line
 * ("Operation completed successfully in ..." / "Operation terminated with error ...") and the
 * exit code. */
#include <stdio.h>

#include "esentutl.h"
#include "os.h"

#ifndef ESENTUTL_VERSION
#define ESENTUTL_VERSION "0.0.0"
#endif

static void print_logo(void)
{
    printf("Extensible Storage Engine Utilities for esent, an open-source ESENT\n");
    printf("Version %s\n", ESENTUTL_VERSION);
    printf("MIT licence. Not made or endorsed by Microsoft.\n\n");
}

static JET_ERR run(const struct eu_opts *o)
{
    switch (o->mode) {
    case EU_MODE_DUMP:
        switch (o->dump) {
        case EU_DUMP_HEADER: return eu_mode_dump_header(o);
        case EU_DUMP_CHECKPOINT: return eu_mode_dump_checkpoint(o);
        case EU_DUMP_LOG: return eu_mode_dump_log(o);
        case EU_DUMP_SPACE: return eu_mode_dump_space(o);
        case EU_DUMP_METADATA: return eu_mode_dump_metadata(o);
        default:
            printf("Initiating FILE DUMP mode...\n\nThe /m%c dump is not implemented yet.\n", (char)o->dump);
            return JET_errFeatureNotAvailable;
        }
    case EU_MODE_CHECKSUM: return eu_mode_checksum(o);
    case EU_MODE_COPY: return eu_mode_copy(o);
    case EU_MODE_INTEGRITY: return eu_mode_integrity(o);
    case EU_MODE_RECOVERY: return eu_mode_recovery(o);
    case EU_MODE_REPAIR: return eu_mode_repair(o);
    case EU_MODE_DEFRAG: return eu_mode_defrag(o);
    case EU_MODE_EXPORT: return eu_mode_export(o);
    default: return JET_errInvalidParameter;
    }
}

int main(int argc, char **argv)
{
    struct eu_opts o;
    char szErr[512];
    uint64_t msStart = os_time_ms();

    printf("\n");
    JET_ERR err = eu_args_parse(argc, argv, &o);
    if (err == JET_errSuccess && o.fHelp) {
        eu_usage(stdout, o.szApp, o.mode);
        return 0;
    }
    if (err == JET_errInvalidParameter) {
        eu_usage(stdout, o.szApp, o.mode);
        return eu_plat_exit_code(err, true);
    }
    if (!o.fNoLogo) print_logo();
    if (err >= 0) err = run(&o);
    fflush(stdout);

    uint64_t ms = os_time_ms() - msStart;
    unsigned sec = (unsigned)(ms / 1000), msec = (unsigned)(ms % 1000);
    if (err == JET_errSuccess)
        printf("\nOperation completed successfully in %u.%03u seconds.\n\n", sec, msec);
    else if (err > 0)
        printf("\nOperation completed successfully with %ld (%s) after %u.%03u seconds.\n\n", (long)err,
               eu_err_text(err, szErr, sizeof szErr), sec, msec);
    else
        printf("\nOperation terminated with error %ld (%s) after %u.%03u seconds.\n\n", (long)err,
               eu_err_text(err, szErr, sizeof szErr), sec, msec);
    fflush(stdout);
    return eu_plat_exit_code(err, false);
}
