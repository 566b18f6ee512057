/* SPDX-License-Identifier: MIT
 * tests/header/header_checks.h: compile-time checks of esent.h, included by one C and one C++
 * translation unit, each built with and without JET_UNICODE (TU_NAME names the entry point).
 * - layout: size and every member offset of every structure, for x86 and x64 (chosen by pointer
 *   size), against layout_expected.h;
 * - A/W: each undecorated A/W name resolves to the W form under JET_UNICODE, else to the A form;
 * - a few types keep their Windows width on every platform. */
#include <stddef.h>
#include <string.h>
#include "esent_private.h"

#ifdef __cplusplus
#  define HDR_STATIC_ASSERT(e, m) static_assert(e, m)
#else
#  define HDR_STATIC_ASSERT(e, m) _Static_assert(e, m)
#endif
#define HDR_PICK(x86, x64) (sizeof(void *) == 8 ? (size_t)(x64) : (size_t)(x86))

#define LAYOUT_SIZE(type, x86, x64) \
    HDR_STATIC_ASSERT(sizeof(type) == HDR_PICK(x86, x64), "sizeof(" #type ")");
#define LAYOUT_OFFSET(type, member, x86, x64) \
    HDR_STATIC_ASSERT(offsetof(type, member) == HDR_PICK(x86, x64), "offsetof(" #type ", " #member ")");
#include "layout_expected.h"
#undef LAYOUT_SIZE
#undef LAYOUT_OFFSET

/* ABI widths: Windows' long/ULONG are 32 bits everywhere, WCHAR 16, handles pointer-sized. */
HDR_STATIC_ASSERT(sizeof(JET_ERR) == 4 && (JET_ERR)-1 < 0, "JET_ERR is a signed 32-bit value");
HDR_STATIC_ASSERT(sizeof(JET_GRBIT) == 4 && sizeof(JET_COLUMNID) == 4 && sizeof(JET_DBID) == 4, "32-bit ids");
HDR_STATIC_ASSERT(sizeof(ESENT_WCHAR) == 2, "WCHAR is one UTF-16 unit");
HDR_STATIC_ASSERT(sizeof(JET_SESID) == sizeof(void *) && sizeof(JET_TABLEID) == sizeof(void *)
        && sizeof(JET_INSTANCE) == sizeof(void *) && sizeof(JET_API_PTR) == sizeof(void *), "pointer-sized handles");
HDR_STATIC_ASSERT(sizeof(ESENT_INT64) == 8 && sizeof(ESENT_UINT64) == 8, "__int64");

/* A/W resolution. Each pair declares an enumerator named after what the undecorated name expands
 * to, then uses the one it must be: a wrong mapping is an undeclared identifier. */
#define HDR_CAT_(a, b) a##b
#define HDR_CAT(a, b) HDR_CAT_(a, b)
#ifdef JET_UNICODE
#  define AW_FUNC(name)   enum { HDR_CAT(name, _resolves_to) = 1, name##W_checked = name##W_resolves_to };
#  define AW_STRUCT(name) enum { HDR_CAT(name, _resolves_to) = 1, name##_W_checked = name##_W_resolves_to };
#else
#  define AW_FUNC(name)   enum { HDR_CAT(name, _resolves_to) = 1, name##A_checked = name##A_resolves_to };
#  define AW_STRUCT(name) enum { HDR_CAT(name, _resolves_to) = 1, name##_A_checked = name##_A_resolves_to };
#endif
#include "aw_pairs.h"
#undef AW_FUNC
#undef AW_STRUCT

/* The case MinGW-w64's esent.h gets wrong, spelled out. */
#define HDR_IS_W_JetGetTableColumnInfoW 1
#define HDR_IS_A_JetGetTableColumnInfoA 1
#ifdef JET_UNICODE
#  if !HDR_CAT(HDR_IS_W_, JetGetTableColumnInfo)
#    error "JetGetTableColumnInfo must map to JetGetTableColumnInfoW under JET_UNICODE"
#  endif
#else
#  if !HDR_CAT(HDR_IS_A_, JetGetTableColumnInfo)
#    error "JetGetTableColumnInfo must map to JetGetTableColumnInfoA without JET_UNICODE"
#  endif
#endif

#ifdef __cplusplus
extern "C"
#endif
int TU_NAME(void);

/* Uses a few declarations at run time so the program touches the header's values. */
int TU_NAME(void)
{
    JET_INDEXCREATE idx;
    JET_COLUMNDEF def;
    memset(&idx, 0, sizeof idx);
    memset(&def, 0, sizeof def);
    idx.cbStruct = sizeof idx;
    def.cbStruct = sizeof def;
    def.coltyp = JET_coltypLongText;
    return (JET_errSuccess == 0 && JET_wrnBufferTruncated > 0 && JET_errDatabaseCorrupted < 0
            && idx.cbStruct == sizeof(JET_INDEXCREATE) && def.coltyp == 12) ? 0 : 1;
}
