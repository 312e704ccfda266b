/* user/include/sys/wait.h: waiting for children. */
#ifndef _TL_SYS_WAIT_H
#define _TL_SYS_WAIT_H

#include <sys/types.h>
#include <linux/wait.h>

struct rusage;
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);

#endif
