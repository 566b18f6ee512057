/* SPDX-License-Identifier: MIT
 * wine-tests/exports.c: every export, called through GetProcAddress with zero, nil and garbage
 * handles (and NULL pointers, zero numbers). Each call must return, with a JET_ERR in the
 * documented range, and a function whose first handle argument is a session or table must
 * reject it with JET_errInvalidSesid / JET_errInvalidTableId (ESENT validates handles before it
 * touches anything). The argument kinds come from the headers (gen_export_table.py).
 *
 * Windows itself would fault on some of these calls (a NULL out-pointer behind an instance
 * that is valid in single-instance mode, say); the handles used here are all invalid, so the
 * handle checks come first on Windows too. */
#include "test_util.h"

struct export_entry { const char *name; const char *kinds; };
#include "exports_table.h"

#define MAX_SLOTS 16

typedef JET_ERR (JET_API *fn0)(void);
typedef JET_ERR (JET_API *fn1)(JET_API_PTR);
typedef JET_ERR (JET_API *fn2)(JET_API_PTR, JET_API_PTR);
typedef JET_ERR (JET_API *fn3)(JET_API_PTR, JET_API_PTR, JET_API_PTR);
typedef JET_ERR (JET_API *fn4)(JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR);
typedef JET_ERR (JET_API *fn5)(JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR);
typedef JET_ERR (JET_API *fn6)(JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR);
typedef JET_ERR (JET_API *fn7)(JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR);
typedef JET_ERR (JET_API *fn8)(JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR);
typedef JET_ERR (JET_API *fn9)(JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR);
typedef JET_ERR (JET_API *fn10)(JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR);
typedef JET_ERR (JET_API *fn11)(JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR);
typedef JET_ERR (JET_API *fn12)(JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR, JET_API_PTR);

static JET_ERR call_with(FARPROC proc, const JET_API_PTR *a, int n)
{
    switch (n) {
    case 0: return ((fn0)(void *)proc)();
    case 1: return ((fn1)(void *)proc)(a[0]);
    case 2: return ((fn2)(void *)proc)(a[0], a[1]);
    case 3: return ((fn3)(void *)proc)(a[0], a[1], a[2]);
    case 4: return ((fn4)(void *)proc)(a[0], a[1], a[2], a[3]);
    case 5: return ((fn5)(void *)proc)(a[0], a[1], a[2], a[3], a[4]);
    case 6: return ((fn6)(void *)proc)(a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7: return ((fn7)(void *)proc)(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    case 8: return ((fn8)(void *)proc)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    case 9: return ((fn9)(void *)proc)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
    case 10: return ((fn10)(void *)proc)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
    case 11: return ((fn11)(void *)proc)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]);
    case 12: return ((fn12)(void *)proc)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]);
    }
    ok(0, "too many argument slots (%d)\n", n);
    return 0;
}

enum round { ROUND_ZERO, ROUND_NIL, ROUND_GARBAGE };

static JET_API_PTR handle_value(enum round r, char kind)
{
    if (r == ROUND_ZERO) return 0;
    if (r == ROUND_NIL) return kind == 'D' ? (JET_API_PTR)JET_dbidNil : ~(JET_API_PTR)0;
    /* Plausible-looking but never handed out. */
    return kind == 'D' ? 0x3579 : (JET_API_PTR)0x13572468;
}

/* Functions whose session argument is optional: ESENT looks at the session first when it is
 * given, then at the instance, so neither rule above applies. */
static int sesid_optional(const char *name)
{
    return !strncmp(name, "JetSetSystemParameter", 21) || !strncmp(name, "JetGetSystemParameter", 21);
}

static void sweep(HMODULE dll, enum round r)
{
    static const char *const round_names[] = { "zero", "nil", "garbage" };
    int count = 0, not_implemented = 0;

    for (size_t i = 0; i < sizeof export_table / sizeof export_table[0]; i++) {
        const struct export_entry *e = &export_table[i];
        FARPROC proc = GetProcAddress(dll, e->name);
        JET_API_PTR args[MAX_SLOTS];
        int n = 0;
        char first_handle = 0;
        JET_ERR err;

        ok(proc != NULL, "%s is not exported\n", e->name);
        if (!proc) continue;
        for (const char *k = e->kinds; *k; k++) {
            switch (*k) {
            case 'S': case 'T': case 'I': case 'D': case 'H': case 'X': case 'L':
                if (!first_handle) first_handle = *k;
                args[n++] = handle_value(r, *k);
                break;
            case 'Q':
                args[n++] = 0;
                if (sizeof(void *) == 4) args[n++] = 0;   /* a 64-bit value takes two x86 slots */
                break;
            default:
                args[n++] = 0;
                break;
            }
        }
        err = call_with(proc, args, n);
        count++;
        if (err == JET_errFeatureNotAvailable) not_implemented++;
        ok(err > -65536 && err < 65536, "%s (%s handles): returned %ld, outside the JET_ERR range\n",
           e->name, round_names[r], err);
        if (first_handle == 'S' && !sesid_optional(e->name))
            ok(err == JET_errInvalidSesid, "%s (%s sesid): got %ld\n", e->name, round_names[r], err);
        else if (first_handle == 'T')
            ok(err == JET_errInvalidTableId, "%s (%s tableid): got %ld\n", e->name, round_names[r], err);
        else if (first_handle == 'I' && r == ROUND_GARBAGE && !sesid_optional(e->name) &&
                 strcmp(e->name, "JetRestoreInstanceA") && strcmp(e->name, "JetRestoreInstanceW"))
            ok(err == JET_errInvalidInstance, "%s (garbage instance): got %ld\n", e->name, err);
    }
    trace("%s handles: %d exports called, %d returned JET_errFeatureNotAvailable\n", round_names[r], count, not_implemented);
}

START_TEST(exports)
{
    char dir[MAX_PATH];
    HMODULE dll = GetModuleHandleA("esent.dll");

    ok(dll != NULL, "esent.dll is not loaded\n");
    if (!dll) return;
    test_make_dir("exports", dir, sizeof dir);
    /* Calls like JetInit(NULL) really start an instance: keep its files out of the way. */
    test_set_paths(NULL, dir);
    sweep(dll, ROUND_ZERO);
    sweep(dll, ROUND_NIL);
    sweep(dll, ROUND_GARBAGE);
    /* Whatever the sweep started. */
    JetTerm(0);
    test_remove_dir(dir);
}
