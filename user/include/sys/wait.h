/* user/include/sys/wait.h: waiting for children (wait4, waitpid, waitid). */
#ifndef _TL_SYS_WAIT_H
#define _TL_SYS_WAIT_H

#include <sys/types.h>
#include <linux/wait.h>
#include <signal.h>

struct rusage;
typedef int idtype_t;                  /* P_ALL, P_PID, P_PGID, P_PIDFD */
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);
/* The system call, with its fifth argument (glibc's waitid has four). */
int waitid(idtype_t idtype, int id, siginfo_t *info, int options, struct rusage *ru);

#endif
