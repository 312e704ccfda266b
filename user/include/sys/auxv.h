/* user/include/sys/auxv.h: the auxiliary vector execve passed (crt0 saves it). */
#ifndef _TL_SYS_AUXV_H
#define _TL_SYS_AUXV_H

#include <linux/auxvec.h>

/* The value of the first entry of this type, or 0 (errno = ENOENT). */
unsigned long getauxval(unsigned long type);

#endif
