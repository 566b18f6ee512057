/* SPDX-License-Identifier: MIT
 * isam/isam_int.h: helpers shared between the isam layer's files; not for other layers. */
#ifndef ISAM_INT_H
#define ISAM_INT_H

#include "isam.h"

/* Install the OS layer's Unicode sort keys as the record layer's default hook (isam_lcmap.c);
 * done once per process, when the engine is first used. */
void isam_lcmap_install(void);

#endif /* ISAM_INT_H */
