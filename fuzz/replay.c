/* SPDX-License-Identifier: MIT
 * fuzz/replay.c: runs saved inputs through a fuzz target's entry point without libFuzzer (the
 * idea of SQLite's fuzzcheck): every file named on the command line, or found in a directory
 * named there, in name order. Exit status 0 only if at least one input ran; a crash or a failed
 * assert aborts as it would under the fuzzer. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return -1;
    }
    size_t cbAlloc = 1 << 16, cb = 0;
    uint8_t *pb = malloc(cbAlloc);
    for (;;) {
        if (cb == cbAlloc)
            pb = realloc(pb, cbAlloc *= 2);
        size_t n = fread(pb + cb, 1, cbAlloc - cb, f);
        if (n == 0)
            break;
        cb += n;
    }
    fclose(f);
    /* An exact-size copy, so reads past the input are caught by ASan as under libFuzzer. */
    uint8_t *pbExact = malloc(cb ? cb : 1);
    memcpy(pbExact, pb, cb);
    free(pb);
    LLVMFuzzerTestOneInput(pbExact, cb);
    free(pbExact);
    return 1;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: no such file or directory: %s\n", path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);

    DIR *d = opendir(path);
    if (!d)
        return -1;
    char **rgname = NULL;
    size_t cname = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        rgname = realloc(rgname, (cname + 1) * sizeof *rgname);
        rgname[cname++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(rgname, cname, sizeof *rgname, cmp_names);
    int cRun = 0;
    for (size_t i = 0; i < cname; i++) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, rgname[i]);
        int r = run_file(full);
        if (r < 0)
            cRun = -1;
        else if (cRun >= 0)
            cRun += r;
        free(rgname[i]);
    }
    free(rgname);
    return cRun;
}

int main(int argc, char **argv)
{
    int cRun = 0;
    for (int i = 1; i < argc; i++) {
        int r = run_path(argv[i]);
        if (r < 0)
            return 1;
        cRun += r;
    }
    printf("replay: %d input(s) ran\n", cRun);
    return cRun > 0 ? 0 : 1;
}
