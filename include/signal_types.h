/* include/signal_types.h: the signal types task_struct embeds (kernel/signal.c
 * owns them): a signal set, and a pending set with its queue of siginfo
 * records. Kept apart from sched/signal.h so that sched.h can embed a
 * pending set without pulling in the whole signal interface. */
#ifndef TASKLAB_SIGNAL_TYPES_H
#define TASKLAB_SIGNAL_TYPES_H

#include <types.h>
#include <list.h>

/* Bit sig-1 stands for signal sig (1..64). In the i386 ABI the set is two
 * 32-bit words, low word first: the same bytes as this u64. */
typedef u64 sigset_t;

/* What a pending signal carries to a handler: the leading words of Linux's
 * i386 siginfo_t (128 bytes in user space, the rest zero). The union is at
 * byte 12 there too: kill/tkill and SIGCHLD use pid, uid (and status for
 * SIGCHLD); a fault uses addr; a POSIX timer (SI_TIMER) its id, overrun
 * count and sigev_value. */
struct kernel_siginfo {
	int si_signo, si_errno, si_code;
	union {
		struct {
			int pid;
			u32 uid;
			int status;      /* SIGCHLD: exit code or signal */
		} kill;
		u32 addr;                /* SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP */
		struct {
			int tid;         /* the timer's id */
			int overrun;     /* expiries while it was pending */
			u32 value;       /* sigev_value */
		} timer;
		u32 words[5];
	};
};

struct user_struct;

/* One queued instance of a pending signal (slab cache "sigqueue"), charged
 * to the receiving task's user (RLIMIT_SIGPENDING) until freed. */
struct sigqueue {
	struct list_head list;
	struct user_struct *user;
	unsigned int flags;               /* SIGQUEUE_PREALLOC */
	struct kernel_siginfo info;
};
/* A POSIX timer's own record (kernel/posix-timers.c): queued at most once,
 * taken off (not freed) when delivered or flushed. */
#define SIGQUEUE_PREALLOC 1

/* A signal waiting for delivery: `signal` has its bit, and `list` holds a
 * struct sigqueue per queued instance (one at most for signals below 32,
 * any number for the real-time ones). A bit without a queue entry (an
 * allocation failed) delivers with si_code SI_KERNEL. */
struct sigpending {
	struct list_head list;
	sigset_t signal;
};

#endif
