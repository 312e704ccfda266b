/* user/include/futex.h: the futex system call and the thread start-up
 * calls a thread library needs (user/lib/syscalls.c). Each returns what
 * Linux returns, or -1 with errno set. */
#ifndef _TL_FUTEX_H
#define _TL_FUTEX_H

#include <sys/types.h>
#include <time.h>
#include <linux/futex.h>

long futex(int *uaddr, int op, int val, const struct timespec *timeout, int *uaddr2, int val3);
pid_t set_tid_address(int *tidptr);

#endif
