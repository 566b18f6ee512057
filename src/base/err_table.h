/* SPDX-License-Identifier: MIT
 * base/err_table.h: names and categories of the error and warning codes of esent.h.
 * Layer: base.
 *
 * err_name() gives the symbol of a code ("JET_errDiskFull"); where esent.h defines several names
 * for one value (JET_wrnRecordFoundGreater/Less), it gives the primary one. err_category() gives
 * the most specific JET_ERRCAT the engine assigns to the code (JetGetErrorInfoW,
 * JET_ErrorInfoSpecificErr); codes Windows no longer returns are JET_errcatUnknown, as there.
 * err_category_hierarchy() fills JET_ERRINFOBASIC_W.rgCategoricalHierarchy. */
#ifndef ERR_TABLE_H
#define ERR_TABLE_H

#include <stddef.h>

#include "esent.h"

/* The symbol of err, or NULL if esent.h defines no such code. */
const char *err_name(JET_ERR err);

/* The most specific category of err; JET_errcatUnknown for codes not in esent.h. */
JET_ERRCAT err_category(JET_ERR err);

/* The categories from JET_errcatError down to cat, in out[0..n-1]; the rest of out[] is
 * JET_errcatUnknown. Returns n (1..4), or 0 when cat is JET_errcatUnknown or not a category. */
int err_category_hierarchy(JET_ERRCAT cat, JET_ERRCAT out[8]);

/* The table in ascending order of code, for enumeration: err_table_code(i) for i < count. */
size_t err_table_count(void);
JET_ERR err_table_code(size_t i);

#endif /* ERR_TABLE_H */
