/* include/errno.h: errno numbers for the kernel: the ABI ones user programs
 * see as -errno from a system call (include/uapi/linux/errno.h), the
 * kernel-internal ones, and the ERR_PTR helpers. */
#ifndef TASKLAB_ERRNO_H
#define TASKLAB_ERRNO_H

#include <uapi/linux/errno.h>

#define ERESTARTSYS 512     /* kernel-internal: restart the call after a signal */
#define ERESTARTNOINTR 513  /* restart even if a handler ran */
#define ERESTARTNOHAND 514  /* restart only if no handler ran, else EINTR */
#define ENOIOCTLCMD 515     /* an ioctl layer does not know the command: try the next */
#define ERESTART_RESTARTBLOCK 516  /* restart through restart_syscall if no handler ran, else EINTR */

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long err) { return (void *)err; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline int IS_ERR(const void *p) { return IS_ERR_VALUE(p); }
static inline int IS_ERR_OR_NULL(const void *p) { return !p || IS_ERR_VALUE(p); }

#endif
