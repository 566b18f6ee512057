/* SPDX-License-Identifier: MIT
 * tests/header/tu_cxx_ansi.cpp: header checks as C++ without JET_UNICODE. */
#define TU_NAME tu_cxx_ansi
#include "header_checks.h"
