/* include/pid.h: process ids (kernel/pid.c). A bitmap of pid_max bits hands
 * out pids in increasing order from the last one given, wrapping around to
 * RESERVED_PIDS (as Linux: the low pids stay for early daemons) and skipping
 * pids in use; a hash table finds a task by pid. pid_max (default 32768, as
 * 32-bit Linux) is tunable up to PID_MAX_LIMIT with pid_max= on the command
 * line, /proc/sys/kernel/pid_max or set_pid_max().
 *
 * A pid number names whoever has it now; a struct pid names one task for
 * good. A pidfd (kernel/pidfd.c) holds a struct pid, so it can outlive the
 * task and its number:
 *
 *   pidfd file --private_data--> struct pid <--thread_pid-- task_struct
 *                                 count, nr, task            (until reaped)
 *
 * The task holds one reference while it is attached, each pidfd one more.
 * When the task is reaped (release_task -> detach_pid) pid->task becomes
 * NULL and the number goes back to the bitmap at once: a new process may
 * get it while an old pidfd still holds the struct, and that pidfd then
 * names nobody (ESRCH), never the newcomer, as in Linux. Linux gives every
 * task a struct pid; Tasklab makes one only when a pidfd first names the
 * task (get_task_pid), so fork and exit pay nothing for pidfds. */
#ifndef TASKLAB_PID_H
#define TASKLAB_PID_H

#include <types.h>
#include <wait.h>

struct task_struct;

/* Fields change with interrupts off (release_task runs so). */
struct pid {
	int count;                        /* the task's reference + one per holder */
	pid_t nr;                         /* the number it was made for */
	struct task_struct *task;         /* the task with it; NULL once reaped */
	struct wait_queue_head wait_pidfd;/* pidfd pollers: woken when the whole
					   * thread group has ended */
};

#define PID_MAX_DEFAULT 0x8000
#define PID_MAX_LIMIT   0x20000           /* 131072: the bitmap is 16 KiB */
#define RESERVED_PIDS   300

extern int pid_max;
extern int nr_pids;                       /* pids in use (a ktest counter) */
extern int last_pid;                      /* the last pid handed out */

/* The next free pid, or -EAGAIN when all pid_max - 1 are in use. */
int alloc_pid(void);
/* Exactly pid nr (clone3's set_tid): nr, -EINVAL outside [1, pid_max),
 * -EEXIST when it is in use. The next alloc_pid goes on from where it was. */
int alloc_pid_nr(pid_t nr);
void free_pid(int pid);
/* The lowest pid in use at or above from (0 is init_task's), or -1: for
 * listing /proc in pid order. */
int next_pid(int from);
/* 0, or -EINVAL outside [RESERVED_PIDS + 1, PID_MAX_LIMIT]. */
int set_pid_max(long n);

void pidhash_init(void);
void attach_pid(struct task_struct *p);
/* Off the hash; a task being reaped also lets go of its struct pid,
 * whose task becomes NULL (pollers are woken). Interrupts off. */
void detach_pid(struct task_struct *p);
/* execve from a non-leader thread (de_thread): a and b swap pid numbers
 * and struct pids, so the process keeps its pid and its pidfds follow the
 * new leader. Interrupts off. */
void exchange_tids(struct task_struct *a, struct task_struct *b);
struct task_struct *find_task_by_pid(pid_t pid);
/* The task with that pid, with a reference (put_task_struct it) taken
 * under tasklist_lock, so that it cannot be freed while the caller uses it
 * on any CPU; NULL if none, and for pid 0 (init_task, which the tid of a
 * SIGEV_THREAD_ID or a /proc/<pid>/task/0 must not find). */
struct task_struct *find_get_task_by_pid(pid_t pid);

/* task's struct pid with a reference for the caller, made on first use;
 * NULL when there is no memory for it, ERR_PTR(-ESRCH) when the task was
 * reaped. Process context. */
struct pid *get_task_pid(struct task_struct *task);
static inline struct pid *get_pid(struct pid *pid)
{
	__sync_fetch_and_add(&pid->count, 1);
	return pid;
}
/* The task pid names, with a reference (put_task_struct it), or NULL once
 * it was reaped (Linux's get_pid_task). */
struct task_struct *get_pid_task(struct pid *pid);
/* Drop a reference (NULL is fine); the last one frees the struct. */
void put_pid(struct pid *pid);
/* The whole thread group of leader has ended: wake its pidfd pollers. */
void do_notify_pidfd(struct task_struct *leader);
/* Has the process pid names ended (a zombie whose threads are all gone,
 * or reaped)? What a pidfd's poll reports (Linux's thread_group_exited). */
bool thread_group_exited(const struct pid *pid);

/* kernel/pidfd.c. pidfd_fops are a pidfd's operations (poll readable
 * once thread_group_exited). */
struct file;
extern const struct file_operations pidfd_fops;
/* A new pidfd file on pid (a reference of its own), O_RDWR and flags'
 * O_NONBLOCK, not installed; or ERR_PTR(-ENOMEM). */
struct file *pidfd_file(struct pid *pid, unsigned int flags);
/* The struct pid of pidfd file f (no reference taken), or ERR_PTR(-EBADF)
 * when f is not a pidfd. */
struct pid *pidfd_pid(const struct file *f);
/* The struct pid behind the caller's fd, with a reference (put_pid it),
 * and the file's f_flags in *flags (O_NONBLOCK: waitid does not sleep);
 * ERR_PTR(-EBADF) when fd is not open or not a pidfd. For waitid(P_PIDFD):
 * a pid whose task is NULL (reaped) matches no child, so the wait is
 * ECHILD and never the new owner of the number. */
struct pid *pidfd_get_pid(unsigned int fd, unsigned int *flags);

#endif
