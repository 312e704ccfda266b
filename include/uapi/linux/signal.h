/* include/uapi/linux/signal.h: Linux's i386 signal ABI, shared by the kernel
 * and the user libc: the signal numbers, sigaction flags, sigprocmask's
 * `how`, the si_code values the kernel reports, and the sigaltstack flags.
 * A signal set is 64 bits, passed as two 32-bit words (low word first). */
#ifndef TASKLAB_UAPI_SIGNAL_H
#define TASKLAB_UAPI_SIGNAL_H

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGIOT     6
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPWR    30
#define SIGSYS    31
#define __SIGRTMIN 32             /* the kernel's first real-time signal */
#define __SIGRTMAX 64
#define NSIG      64              /* highest signal number (Linux's _NSIG) */

/* sa_handler special values */
#define SIG_DFL_VALUE 0
#define SIG_IGN_VALUE 1

/* sa_flags */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_RESTORER  0x04000000
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

/* sigprocmask's how */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* si_code: who sent it */
#define SI_USER     0             /* kill */
#define SI_KERNEL   0x80
#define SI_QUEUE    (-1)
#define SI_TIMER    (-2)          /* a POSIX timer expired */
#define SI_TKILL    (-6)          /* tkill, tgkill */
#define ILL_ILLOPN  2
#define FPE_INTDIV  1
#define FPE_FLTDIV  3
#define FPE_FLTOVF  4
#define FPE_FLTUND  5
#define FPE_FLTRES  6
#define FPE_FLTINV  7
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRERR  2
#define TRAP_BRKPT  1
#define CLD_EXITED  1
#define CLD_KILLED  2
#define CLD_DUMPED  3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* struct sigevent's sigev_notify (timer_create) */
#define SIGEV_SIGNAL    0         /* sigev_signo to the process */
#define SIGEV_NONE      1         /* nothing: read it with timer_gettime */
#define SIGEV_THREAD    2         /* the C library's; to the kernel as SIGEV_SIGNAL */
#define SIGEV_THREAD_ID 4         /* sigev_signo to one thread of the process */

/* sigaltstack */
#define SS_ONSTACK  1
#define SS_DISABLE  2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ    8192

#endif
