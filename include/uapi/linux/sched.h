/* include/uapi/linux/sched.h: clone() flags and the scheduling policies,
 * Linux's values, shared by the kernel and user space. CSIGNAL is the exit
 * signal in the low byte. */
#ifndef TASKLAB_UAPI_LINUX_SCHED_H
#define TASKLAB_UAPI_LINUX_SCHED_H

/* clone3's argument (Linux 5.3+; set_tid 5.5, cgroup 5.7). Every field is
 * 64 bits wide, pointers too (on i386 only their low 32 bits are used);
 * stack is the lowest address of the child's stack and stack_size its
 * size (the child starts at stack + stack_size). The caller passes the
 * size it knows: a smaller struct than the kernel's reads as zeros past
 * its end; a larger one must be zero there. */
struct clone_args {
	unsigned long long flags __attribute__((aligned(8)));
	unsigned long long pidfd __attribute__((aligned(8)));
	unsigned long long child_tid __attribute__((aligned(8)));
	unsigned long long parent_tid __attribute__((aligned(8)));
	unsigned long long exit_signal __attribute__((aligned(8)));
	unsigned long long stack __attribute__((aligned(8)));
	unsigned long long stack_size __attribute__((aligned(8)));
	unsigned long long tls __attribute__((aligned(8)));
	unsigned long long set_tid __attribute__((aligned(8)));
	unsigned long long set_tid_size __attribute__((aligned(8)));
	unsigned long long cgroup __attribute__((aligned(8)));
};
#define CLONE_ARGS_SIZE_VER0 64          /* up to tls */
#define CLONE_ARGS_SIZE_VER1 80          /* set_tid, set_tid_size */
#define CLONE_ARGS_SIZE_VER2 88          /* cgroup */

/* clone3's flags above the 32 that clone has. */
#define CLONE_CLEAR_SIGHAND  0x100000000ULL   /* child's handlers to SIG_DFL */
#define CLONE_INTO_CGROUP    0x200000000ULL   /* start in the cgroup args.cgroup */

#define CSIGNAL              0x000000ff
#define CLONE_NEWTIME        0x00000080   /* clone3 only: inside CSIGNAL */
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_PIDFD          0x00001000   /* a pidfd on the child for the parent */
#define CLONE_PTRACE         0x00002000
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_NEWNS          0x00020000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000

/* sched_setscheduler's policies (Tasklab's scheduler runs the first three:
 * kernel/sched/syscalls.c) and the flag that keeps a child from inheriting a
 * real-time policy or a negative nice value. */
#define SCHED_OTHER          0
#define SCHED_FIFO           1
#define SCHED_RR             2
#define SCHED_BATCH          3
#define SCHED_IDLE           5
#define SCHED_DEADLINE       6
#define SCHED_RESET_ON_FORK  0x40000000

#endif
