/* SPDX-License-Identifier: MIT
 * tests/header/tu_cxx_unicode.cpp: header checks as C++ with JET_UNICODE. */
#define JET_UNICODE
#define TU_NAME tu_cxx_unicode
#include "header_checks.h"
