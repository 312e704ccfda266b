/* user/include/sched.h: clone() and its flags. clone runs fn(arg) on the
 * given stack in the child and exits with fn's return value. */
#ifndef _TL_SCHED_H
#define _TL_SCHED_H

#include <sys/types.h>

#include <linux/sched.h>     /* the CLONE_* flags, shared with the kernel */

int clone(int (*fn)(void *), void *stack, int flags, void *arg,
	  pid_t *ptid, void *tls, pid_t *ctid);
int sched_yield(void);

#endif
