/* kernel/pid.c: pid allocation and lookup, and struct pid (include/pid.h).
 * The bitmap has a bit per possible pid; alloc_pid() scans forward from
 * last_pid, so pids are not reused soon after they are freed, and wraps to
 * RESERVED_PIDS at pid_max. Pid 0 belongs to init_task and is never handed
 * out. The hash chains tasks by pid (PIDHASH_SIZE buckets). A struct pid is
 * made for a task the first time a pidfd names it and outlives the task
 * while a pidfd holds it. The bitmap, last_pid and nr_pids are guarded by
 * pidmap_lock (interrupts off: pids are freed under tasklist_lock, which
 * writers hold so), the hash by tasklist_lock (include/sched.h): attach and
 * detach run under it for writing; find_task_by_pid's callers hold it or,
 * like every lookup before this lock existed, use the task before they
 * sleep. A struct pid's count is atomic. */
#include <kernel.h>
#include <errno.h>
#include <params.h>
#include <pid.h>
#include <sched.h>
#include <slab.h>
#include <spinlock.h>

#define BITS_PER_LONG 32
#define PIDHASH_SIZE  1024

static unsigned long pid_bitmap[PID_MAX_LIMIT / BITS_PER_LONG] = { 1 };  /* pid 0 taken */
static struct list_head pid_hash[PIDHASH_SIZE];
int pid_max = PID_MAX_DEFAULT;
int nr_pids;
int last_pid;                     /* the pid handed out last (/proc/loadavg) */
static DEFINE_SPINLOCK(pidmap_lock);

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
	unsigned long flags;
	int pid;

	spin_lock_irqsave(&pidmap_lock, flags);
	pid = find_free_pid(last_pid + 1, pid_max);
	if (pid < 0)                    /* wrap around, past the reserved pids */
		pid = find_free_pid(RESERVED_PIDS, min(last_pid + 1, pid_max));
	if (pid >= 0) {
		pid_bitmap[pid / BITS_PER_LONG] |= 1UL << (pid % BITS_PER_LONG);
		last_pid = pid;
		nr_pids++;
	}
	spin_unlock_irqrestore(&pidmap_lock, flags);
	return pid < 0 ? -EAGAIN : pid;
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
	unsigned long flags;
	int ret = nr;

	if (nr < 1 || nr >= pid_max)
		return -EINVAL;
	spin_lock_irqsave(&pidmap_lock, flags);
	if (pid_in_use(nr)) {
		ret = -EEXIST;
	} else {
		pid_bitmap[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
		nr_pids++;
	}
	spin_unlock_irqrestore(&pidmap_lock, flags);
	return ret;
}

void free_pid(int pid)
{
	unsigned long flags;

	spin_lock_irqsave(&pidmap_lock, flags);
	BUG_ON(pid <= 0 || pid >= PID_MAX_LIMIT || !pid_in_use(pid));
	pid_bitmap[pid / BITS_PER_LONG] &= ~(1UL << (pid % BITS_PER_LONG));
	nr_pids--;
	spin_unlock_irqrestore(&pidmap_lock, flags);
}

/* Lowering pid_max below pids in use is allowed: they stay valid, new ones
 * come from below the new limit. */
int set_pid_max(long n)
{
	unsigned long flags;

	if (n < RESERVED_PIDS + 1 || n > PID_MAX_LIMIT)
		return -EINVAL;
	spin_lock_irqsave(&pidmap_lock, flags);
	pid_max = n;
	if (last_pid >= pid_max)
		last_pid = RESERVED_PIDS - 1;
	spin_unlock_irqrestore(&pidmap_lock, flags);
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

struct task_struct *find_get_task_by_pid(pid_t pid)
{
	struct task_struct *p;

	if (pid <= 0)
		return NULL;             /* pid 0 is init_task's, never to be held */
	read_lock(&tasklist_lock);
	p = find_task_by_pid(pid);
	if (p)
		get_task_struct(p);
	read_unlock(&tasklist_lock);
	return p;
}

struct task_struct *get_pid_task(struct pid *pid)
{
	struct task_struct *p;

	read_lock(&tasklist_lock);       /* pid->task is cleared under it (detach_pid) */
	p = pid->task;
	if (p)
		get_task_struct(p);
	read_unlock(&tasklist_lock);
	return p;
}

/* Made outside tasklist_lock, installed under it: two pidfd_opens of one
 * task on two CPUs share one struct, and a task already reaped (detached:
 * no pid chain, an exit state) gets none, whose task pointer nobody would
 * clear. */
struct pid *get_task_pid(struct task_struct *task)
{
	struct pid *pid, *new = kmalloc(sizeof(*new), GFP_KERNEL);
	unsigned long flags;

	if (!new)
		return NULL;
	*new = (struct pid){ .count = 2, .nr = task->pid, .task = task };  /* the task's, ours */
	init_waitqueue_head(&new->wait_pidfd);
	write_lock_irqsave(&tasklist_lock, flags);
	pid = task->thread_pid;
	if (pid)
		get_pid(pid);
	else if (task->exit_state && list_empty(&task->pid_chain))
		pid = ERR_PTR(-ESRCH);
	else
		pid = task->thread_pid = new;
	write_unlock_irqrestore(&tasklist_lock, flags);
	if (pid != new)
		kfree(new);
	return pid;
}

void put_pid(struct pid *pid)
{
	if (pid && __sync_sub_and_fetch(&pid->count, 1) == 0)
		kfree(pid);
}

void do_notify_pidfd(struct task_struct *leader)
{
	if (leader->thread_pid)
		wake_up_all(&leader->thread_pid->wait_pidfd);
}

bool thread_group_exited(const struct pid *pid)
{
	const struct task_struct *task;
	bool exited;

	read_lock(&tasklist_lock);       /* the reap clears pid->task under it */
	task = pid->task;
	exited = !task || (task->exit_state && thread_group_empty(task));
	read_unlock(&tasklist_lock);
	return exited;
}
