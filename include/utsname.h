/* include/utsname.h: the system's names (kernel/sys.c), which uname(2)
 * gives and /proc/sys/kernel/{ostype,osrelease,hostname} and /proc/version
 * show. */
#ifndef TASKLAB_UTSNAME_H
#define TASKLAB_UTSNAME_H

#include <uapi/linux/utsname.h>

/* The one set of names (no UTS namespaces); nodename may change. */
struct new_utsname *utsname(void);

#endif
