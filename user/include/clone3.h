/* user/include/clone3.h: clone3 (user/lib/clone3.c), which glibc does not
 * wrap. struct clone_args and the CLONE_* flags are the kernel's
 * (linux/sched.h). The child runs fn(arg) on the stack it starts with
 * (args->stack + args->stack_size, or a copy of the caller's when stack
 * is 0) and ends with exit(2) and fn's value: a fork-like child ends its
 * process, a thread only itself. */
#ifndef _TL_CLONE3_H
#define _TL_CLONE3_H

#include <stddef.h>
#include <sched.h>

/* The raw result: the child's tid, or -errno. */
long __clone3_raw(struct clone_args *args, size_t size, int (*fn)(void *), void *arg);
/* The same, -1 and errno on failure. */
long clone3(struct clone_args *args, size_t size, int (*fn)(void *), void *arg);

#endif
