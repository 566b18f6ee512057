/* SPDX-License-Identifier: MIT
 * tests/header/header_main.c: runs the header translation units. The checks that matter are at
 * compile time (layout, A/W mapping, version gating); building this program runs them. */
#include <stdio.h>

int tu_c_ansi(void);
int tu_c_unicode(void);
int tu_cxx_ansi(void);
int tu_cxx_unicode(void);
int tu_default_version(void);
int tu_old_version(void);

int main(void)
{
    int bad = tu_c_ansi() + tu_c_unicode() + tu_cxx_ansi() + tu_cxx_unicode()
            + tu_default_version() + tu_old_version();
    if (bad)
        fprintf(stderr, "%d header check(s) failed\n", bad);
    return bad != 0;
}
