/* SPDX-License-Identifier: MIT
 * isam/isam_int.h: helpers shared between the isam layer's files; not for other layers. */
#ifndef ISAM_INT_H
#define ISAM_INT_H

#include "isam.h"


#endif /* ISAM_INT_H */
