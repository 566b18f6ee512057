/* SPDX-License-Identifier: MIT
 * tests/header/tu_default_version.c: esent.h without JET_VERSION picks the SDK's default (WINVER
 * when <windows.h> defines it, else 0x0A00) and hides what is newer. The build defines
 * JET_VERSION for everything else, so this file undoes that first. */
#undef JET_VERSION
#include "esent.h"

#ifdef WINVER
#  if JET_VERSION != WINVER
#    error "without JET_VERSION, esent.h must use WINVER"
#  endif
#else
#  if JET_VERSION != 0x0A00
#    error "without JET_VERSION or WINVER, esent.h must use 0x0A00"
#  endif
#endif

/* 0x0A01 additions stay hidden at the default level; older ones are visible. */
#ifdef JET_bitDefragmentBTreeBatch
#  error "JET_bitDefragmentBTreeBatch needs JET_VERSION >= 0x0A01"
#endif
#if JET_VERSION >= 0x0600 && !defined(JET_paramCachedClosedTables)
#  error "JET_paramCachedClosedTables is a 0x0600 parameter"
#endif

int tu_default_version(void);

int tu_default_version(void)
{
    return JET_VERSION >= 0x0500 ? 0 : 1;
}
