/* kernel/pid.c: pid allocation and lookup, and struct pid (include/pid.h).
 * The bitmap has a bit per possible pid; alloc_pid() scans forward from
 * last_pid, so pids are not reused soon after they are freed, and wraps to
 * RESERVED_PIDS at pid_max. Pid 0 belongs to init_task and is never handed
 * out. The hash chains tasks by pid (PIDHASH_SIZE buckets). A struct pid is
 * made for a task the first time a pidfd names it and outlives the task
 * while a pidfd holds it. Callers run in process context; no lock is
 * needed because the kernel is not preemptible (include/sched.h), only
 * interrupts off where release_task runs. */
#include <kernel.h>
#include <errno.h>
#include <params.h>
#include <pid.h>
#include <sched.h>
#include <slab.h>
#include <asm/irqflags.h>

#define BITS_PER_LONG 32
#define PIDHASH_SIZE  1024

static unsigned long pid_bitmap[PID_MAX_LIMIT / BITS_PER_LONG] = { 1 };  /* pid 0 taken */
static struct list_head pid_hash[PIDHASH_SIZE];
int pid_max = PID_MAX_DEFAULT;
int nr_pids;
int last_pid;                     /* the pid handed out last (/proc/loadavg) */

static bool pid_in_use(int pid)
{
	return pid_bitmap[pid / BITS_PER_LONG] & (1UL << (pid % BITS_PER_LONG));
}

/* The first free pid in [from, to), or -1. Skips full words quickly. */
static int find_free_pid(int from, int to)
{
	int pid = from;

	while (pid < to) {
		if (pid % BITS_PER_LONG == 0 && pid_bitmap[pid / BITS_PER_LONG] == ~0UL) {
			pid += BITS_PER_LONG;
			continue;
		}
		if (!pid_in_use(pid))
			return pid;
		pid++;
	}
	return -1;
}

int alloc_pid(void)
{
	int pid = find_free_pid(last_pid + 1, pid_max);

	if (pid < 0)                    /* wrap around, past the reserved pids */
		pid = find_free_pid(RESERVED_PIDS, min(last_pid + 1, pid_max));
	if (pid < 0)
		return -EAGAIN;
	pid_bitmap[pid / BITS_PER_LONG] |= 1UL << (pid % BITS_PER_LONG);
	last_pid = pid;
	nr_pids++;
	return pid;
}

int next_pid(int from)
{
	for (int pid = max(from, 0); pid < PID_MAX_LIMIT; pid++) {
		if (pid % BITS_PER_LONG == 0 && !pid_bitmap[pid / BITS_PER_LONG]) {
			pid += BITS_PER_LONG - 1;        /* a word with none in use */
			continue;
		}
		if (pid_in_use(pid))
			return pid;
	}
	return -1;
}

int alloc_pid_nr(pid_t nr)
{
	if (nr < 1 || nr >= pid_max)
		return -EINVAL;
	if (pid_in_use(nr))
		return -EEXIST;
	pid_bitmap[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
	nr_pids++;
	return nr;
}

void free_pid(int pid)
{
	BUG_ON(pid <= 0 || pid >= PID_MAX_LIMIT || !pid_in_use(pid));
	pid_bitmap[pid / BITS_PER_LONG] &= ~(1UL << (pid % BITS_PER_LONG));
	nr_pids--;
}

/* Lowering pid_max below pids in use is allowed: they stay valid, new ones
 * come from below the new limit. */
int set_pid_max(long n)
{
	if (n < RESERVED_PIDS + 1 || n > PID_MAX_LIMIT)
		return -EINVAL;
	pid_max = n;
	if (last_pid >= pid_max)
		last_pid = RESERVED_PIDS - 1;
	return 0;
}

static int pid_max_param(const char *value)
{
	return value ? set_pid_max(simple_strtol(value, NULL, 0)) : -EINVAL;
}
KERNEL_PARAM("pid_max", pid_max_param);

void pidhash_init(void)
{
	for (int i = 0; i < PIDHASH_SIZE; i++)
		INIT_LIST_HEAD(&pid_hash[i]);
}

static struct list_head *pid_bucket(pid_t pid)
{
	return &pid_hash[pid % PIDHASH_SIZE];
}

void attach_pid(struct task_struct *p)
{
	list_add(&p->pid_chain, pid_bucket(p->pid));
}

void detach_pid(struct task_struct *p)
{
	struct pid *pid = p->thread_pid;

	list_del_init(&p->pid_chain);
	if (!pid)
		return;
	p->thread_pid = NULL;
	pid->task = NULL;
	wake_up_all(&pid->wait_pidfd);
	put_pid(pid);
}

void exchange_tids(struct task_struct *a, struct task_struct *b)
{
	pid_t nr = a->pid;
	struct pid *pid = a->thread_pid;

	list_del_init(&a->pid_chain);
	list_del_init(&b->pid_chain);
	a->pid = b->pid;
	b->pid = nr;
	a->thread_pid = b->thread_pid;
	b->thread_pid = pid;
	if (a->thread_pid)
		a->thread_pid->task = a;
	if (b->thread_pid)
		b->thread_pid->task = b;
	attach_pid(a);
	attach_pid(b);
}

struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *p;

	if (pid == 0)
		return &init_task;
	if (pid < 0 || pid >= PID_MAX_LIMIT)
		return NULL;
	list_for_each_entry(p, pid_bucket(pid), pid_chain)
		if (p->pid == pid)
			return p;
	return NULL;
}

struct pid *get_task_pid(struct task_struct *task)
{
	struct pid *pid = task->thread_pid;

	if (pid)
		return get_pid(pid);
	pid = kmalloc(sizeof(*pid), GFP_KERNEL);
	if (!pid)
		return NULL;
	pid->count = 2;                  /* the task's and the caller's */
	pid->nr = task->pid;
	pid->task = task;
	init_waitqueue_head(&pid->wait_pidfd);
	task->thread_pid = pid;
	return pid;
}

void put_pid(struct pid *pid)
{
	unsigned long flags;

	if (!pid)
		return;
	flags = local_irq_save();
	if (--pid->count == 0)
		kfree(pid);
	local_irq_restore(flags);
}

void do_notify_pidfd(struct task_struct *leader)
{
	if (leader->thread_pid)
		wake_up_all(&leader->thread_pid->wait_pidfd);
}

bool thread_group_exited(const struct pid *pid)
{
	const struct task_struct *task = pid->task;

	return !task || (task->exit_state && thread_group_empty(task));
}
