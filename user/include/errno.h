/* user/include/errno.h: errno and the Linux numbers it takes. A wrapper whose
 * system call returned -E sets errno = E and returns -1. */
#ifndef _TL_ERRNO_H
#define _TL_ERRNO_H

#include <linux/errno.h>

extern int errno;

#endif
