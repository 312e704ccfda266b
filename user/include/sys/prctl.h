/* user/include/sys/prctl.h: prctl (user/lib/sched.c); the options are
 * the kernel's list (linux/prctl.h). */
#ifndef _TL_SYS_PRCTL_H
#define _TL_SYS_PRCTL_H

#include <linux/prctl.h>

int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	  unsigned long arg5);

#endif
