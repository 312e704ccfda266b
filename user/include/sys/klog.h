/* user/include/sys/klog.h: klogctl, glibc's name for syslog(2), the kernel
 * log (user/lib/system.c); the actions are Linux's SYSLOG_ACTION_*. */
#ifndef _TL_SYS_KLOG_H
#define _TL_SYS_KLOG_H

#include <linux/syslog.h>

int klogctl(int type, char *buf, int len);

#endif
