/* user/include/signal.h: signals (user/lib/signal.c). Numbers and flags are
 * the kernel's ABI (linux/signal.h); sigset_t is the kernel's 64-bit set
 * (glibc's is 128 bytes, of which the kernel reads 8). sigaction installs
 * a restorer that returns through sigreturn, or rt_sigreturn for
 * SA_SIGINFO handlers, as glibc does. */
#ifndef _TL_SIGNAL_H
#define _TL_SIGNAL_H

#include <sys/types.h>
#include <linux/signal.h>

typedef struct { unsigned long sig[2]; } sigset_t;
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)SIG_DFL_VALUE)
#define SIG_IGN ((sighandler_t)SIG_IGN_VALUE)
#define SIG_ERR ((sighandler_t)-1)
#define SIGRTMIN __SIGRTMIN
#define SIGRTMAX __SIGRTMAX

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* Linux's i386 siginfo_t: 128 bytes, the union at byte 12. */
typedef struct {
	int si_signo, si_errno, si_code;
	union {
		int _pad[29];
		struct { pid_t pid; uid_t uid; int status; } _kill;   /* and SIGCHLD */
		struct { void *addr; } _fault;
		struct { int tid; int overrun; union sigval value; } _timer;
	} _u;
} siginfo_t;
#define si_pid     _u._kill.pid
#define si_uid     _u._kill.uid
#define si_status  _u._kill.status
#define si_addr    _u._fault.addr
#define si_timerid _u._timer.tid
#define si_overrun _u._timer.overrun
#define si_value   _u._timer.value

/* timer_create's notification (64 bytes on i386). */
struct sigevent {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;                 /* SIGEV_SIGNAL, SIGEV_NONE, SIGEV_THREAD_ID */
	union {
		int _pad[13];
		int _tid;                 /* SIGEV_THREAD_ID's thread */
	} _sigev_un;
};
#define sigev_notify_thread_id _sigev_un._tid

struct sigaction {
	union {
		sighandler_t sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

/* The machine context a SA_SIGINFO handler gets (Linux's i386 sigcontext). */
enum { REG_GS, REG_FS, REG_ES, REG_DS, REG_EDI, REG_ESI, REG_EBP, REG_ESP,
       REG_EBX, REG_EDX, REG_ECX, REG_EAX, REG_TRAPNO, REG_ERR, REG_EIP,
       REG_CS, REG_EFL, REG_UESP, REG_SS, NGREG };
typedef struct {
	unsigned long gregs[NGREG];
	void *fpregs;
	unsigned long oldmask, cr2;
} mcontext_t;
typedef struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	sigset_t uc_sigmask;
} ucontext_t;

int kill(pid_t pid, int sig);
int raise(int sig);
int tkill(pid_t tid, int sig);
int tgkill(pid_t tgid, pid_t tid, int sig);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *set, sigset_t *oset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int pause(void);
int sigaltstack(const stack_t *ss, stack_t *oss);
struct timespec;
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
int sigwait(const sigset_t *set, int *sig);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

#endif
