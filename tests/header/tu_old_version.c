/* SPDX-License-Identifier: MIT
 * tests/header/tu_old_version.c: at JET_VERSION 0x0501 (Windows XP) the header declares only
 * the undecorated A functions, as the SDK does: JetFooA is then another name for JetFoo. */
#undef JET_VERSION
#define JET_VERSION 0x0501
#include "esent.h"

#ifdef JetCreateInstanceW
#  error "no W functions before 0x0600"
#endif
#if JET_ccolKeyMost != 12
#  error "JET_ccolKeyMost is 12 before 0x0600"
#endif

/* JetCreateInstanceA names the undecorated export here. */
#define HDR_CAT_(a, b) a##b
#define HDR_CAT(a, b) HDR_CAT_(a, b)
#define HDR_IS_PLAIN_JetCreateInstance 1
#if !HDR_CAT(HDR_IS_PLAIN_, JetCreateInstanceA)
#  error "at 0x0501 JetCreateInstanceA must be the undecorated JetCreateInstance"
#endif

int tu_old_version(void);

int tu_old_version(void)
{
    return JET_VERSION == 0x0501 ? 0 : 1;
}
