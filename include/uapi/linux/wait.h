/* include/uapi/linux/wait.h: wait4/waitpid and waitid options, waitid's
 * idtypes, and the encoding of a child's status word, as Linux reports it:
 * exit code in bits 8-15 with the low 7 bits 0, or the killing signal in
 * the low 7 bits (0x80: core dumped), or 0x7f with the stop signal in bits
 * 8-15 (stopped), or 0xffff (continued). */
#ifndef TASKLAB_UAPI_WAIT_H
#define TASKLAB_UAPI_WAIT_H

#define WNOHANG    0x00000001
#define WUNTRACED  0x00000002
#define WSTOPPED   WUNTRACED    /* waitid's name */
#define WEXITED    0x00000004   /* waitid: report children that ended */
#define WCONTINUED 0x00000008
#define WNOWAIT    0x01000000   /* waitid: report, leave reportable (no reaping) */
#define __WNOTHREAD 0x20000000  /* only the caller's own children, not its group's */
#define __WALL     0x40000000   /* every child, whatever its exit signal */
#define __WCLONE   0x80000000   /* only children whose exit signal is not SIGCHLD */

#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WTERMSIG(s)    ((s) & 0x7f)
#define WIFEXITED(s)   (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#define WCOREDUMP(s)   ((s) & 0x80)
#define WSTOPSIG(s)    WEXITSTATUS(s)
#define WIFSTOPPED(s)  (((s) & 0xff) == 0x7f)
#define WIFCONTINUED(s) ((s) == 0xffff)

/* waitid's idtype */
#define P_ALL      0
#define P_PID      1
#define P_PGID     2
#define P_PIDFD    3

#endif
