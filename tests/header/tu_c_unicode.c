/* SPDX-License-Identifier: MIT
 * tests/header/tu_c_unicode.c: header checks as C with JET_UNICODE. */
#define JET_UNICODE
#define TU_NAME tu_c_unicode
#include "header_checks.h"
