/* include/uapi/linux/syslog.h: the actions of syslog(2) (glibc's klogctl),
 * Linux's SYSLOG_ACTION_* numbers, shared by the kernel (kernel/syslog.c)
 * and the user libc (user/include/sys/klog.h). */
#ifndef TASKLAB_UAPI_SYSLOG_H
#define TASKLAB_UAPI_SYSLOG_H

#define SYSLOG_ACTION_CLOSE          0
#define SYSLOG_ACTION_OPEN           1
#define SYSLOG_ACTION_READ           2
#define SYSLOG_ACTION_READ_ALL       3
#define SYSLOG_ACTION_READ_CLEAR     4
#define SYSLOG_ACTION_CLEAR          5
#define SYSLOG_ACTION_CONSOLE_OFF    6
#define SYSLOG_ACTION_CONSOLE_ON     7
#define SYSLOG_ACTION_CONSOLE_LEVEL  8
#define SYSLOG_ACTION_SIZE_UNREAD    9
#define SYSLOG_ACTION_SIZE_BUFFER   10

#endif
