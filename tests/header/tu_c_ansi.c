/* SPDX-License-Identifier: MIT
 * tests/header/tu_c_ansi.c: header checks as C without JET_UNICODE. */
#define TU_NAME tu_c_ansi
#include "header_checks.h"
