/* kernel/pid.c: pid allocation and lookup (include/pid.h). The bitmap has a
 * bit per possible pid; alloc_pid() scans forward from last_pid, so pids are
 * not reused soon after they are freed, and wraps to RESERVED_PIDS at pid_max.
 * Pid 0 belongs to init_task and is never handed out. The hash chains tasks
 * by pid (PIDHASH_SIZE buckets). Callers run in process context; no lock is
 * needed because the kernel is not preemptible (include/sched.h). */
#include <kernel.h>
#include <errno.h>
#include <params.h>
#include <pid.h>
#include <sched.h>

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
	list_del_init(&p->pid_chain);
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
