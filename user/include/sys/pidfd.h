/* user/include/sys/pidfd.h: file descriptors that name a process (glibc
 * 2.36's <sys/pidfd.h>, user/lib/pidfd.c). A pidfd comes from pidfd_open
 * or from clone's CLONE_PIDFD; it keeps naming its process after the
 * process is reaped and its pid reused (then ESRCH). */
#ifndef _TL_SYS_PIDFD_H
#define _TL_SYS_PIDFD_H

#include <signal.h>
#include <sys/types.h>
#include <linux/pidfd.h>

int pidfd_open(pid_t pid, unsigned int flags);
int pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags);
int pidfd_getfd(int pidfd, int targetfd, unsigned int flags);

#endif
