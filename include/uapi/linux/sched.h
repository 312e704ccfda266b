/* include/uapi/linux/sched.h: clone() flags and the scheduling policies,
 * Linux's values, shared by the kernel and user space. CSIGNAL is the exit
 * signal in the low byte. */
#ifndef TASKLAB_UAPI_LINUX_SCHED_H
#define TASKLAB_UAPI_LINUX_SCHED_H

#define CSIGNAL              0x000000ff
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
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
 * kernel/sys_sched.c) and the flag that keeps a child from inheriting a
 * real-time policy or a negative nice value. */
#define SCHED_OTHER          0
#define SCHED_FIFO           1
#define SCHED_RR             2
#define SCHED_BATCH          3
#define SCHED_IDLE           5
#define SCHED_DEADLINE       6
#define SCHED_RESET_ON_FORK  0x40000000

#endif
