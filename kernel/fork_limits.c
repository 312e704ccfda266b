/* kernel/fork_limits.c: the limits a fork must pass (seed claims c22, c29,
 * c30, c31), kept out of copy_process so that it makes one call:
 *   - threads-max (c22), with MIN_TASKS_LEFT_FOR_ROOT tasks under it that
 *     only root (euid 0) may create, Linux 2.2's rule (c30): a user's fork
 *     bomb stops 4 tasks short, and root can still start a shell and kill;
 *   - RLIMIT_NPROC of the real user (c29), against the count in its
 *     user_struct, which includes every thread; root is exempt (euid 0, as
 *     Linux's CAP_SYS_ADMIN/CAP_SYS_RESOURCE, or the root user itself);
 *   - the optional fork rate limit (c31), off by default.
 * The common case, far from every limit, is checked inline
 * (fork_check_limits in include/sched/user.h); this file has the rest.
 * The counts are charged when the task is linked (fork_account_user) and
 * given back when it is reaped (release_task_user). Between the check and
 * the charge copy_process only allocates, and Tasklab's allocators never
 * sleep, so no other fork runs in between on one CPU: there the limits hold
 * exactly. On several CPUs forks checked at once may overshoot by the
 * forks racing on the other CPUs, as in Linux 2.6 (the counts themselves
 * are atomic; the rate limit's allowance is taken under fork_rate_lock,
 * so it holds exactly). */
#include <kernel.h>
#include <errno.h>
#include <params.h>
#include <spinlock.h>
#include <resource.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched/user.h>
#include <timer.h>

unsigned int fork_rate_limit;           /* forks per tick; 0: no limit */
unsigned long fork_rate_waits;
static unsigned long rate_tick;         /* the tick rate_forks counts in */
static unsigned int rate_forks;         /* both under fork_rate_lock */
static DEFINE_SPINLOCK(fork_rate_lock);

static inline bool root_euid(void)
{
	return current->euid == 0;
}

/* One fork of this tick's allowance taken, if any is left. */
static bool take_fork_slot(unsigned int limit)
{
	bool taken;

	spin_lock(&fork_rate_lock);
	if (jiffies != rate_tick) {
		rate_tick = jiffies;
		rate_forks = 0;
	}
	taken = rate_forks < limit;
	rate_forks += taken;
	spin_unlock(&fork_rate_lock);
	return taken;
}

/* The rate limit waits instead of failing, as the seed's patch does: a rate
 * is not a count, so a fork refused now would succeed a tick later, and
 * programs treat EAGAIN from fork as fatal rather than retrying. Sleeping
 * bounds a fork loop to fork_rate_limit per tick without breaking it. Kernel
 * threads are forked too and wait alike. */
static int fork_rate_wait(void)
{
	for (;;) {
		unsigned int limit = fork_rate_limit;

		if (!limit || take_fork_slot(limit))
			return 0;
		if (fatal_signal_pending(current))
			return -EINTR;
		__atomic_add_fetch(&fork_rate_waits, 1, __ATOMIC_RELAXED);
		schedule_timeout_uninterruptible(1);
	}
}

/* The slow path of fork_check_limits: every check, rate limit first. */
int __fork_check_limits(void)
{
	struct user_struct *user = current->user;

	if (unlikely(fork_rate_limit)) {                                 /* c31 */
		int err = fork_rate_wait();

		if (err)
			return err;
	}
	if (nr_threads >= max_threads)                                  /* c22 */
		return -EAGAIN;
	if (nr_threads >= max_threads - MIN_TASKS_LEFT_FOR_ROOT && !root_euid())
		return -EAGAIN;                                          /* c30 */
	if ((unsigned long)READ_ONCE(user->processes) >= current->signal->rlim[RLIMIT_NPROC].rlim_cur &&
	    !root_euid() && user != &root_user)                          /* c29 */
		return -EAGAIN;
	return 0;
}

/* Linux's default per-user limit: half of threads-max, set on init's
 * limits at boot so that every task inherits it (root is exempt anyway). */
void fork_limits_init(void)
{
	struct rlimit *nproc = &init_signal.rlim[RLIMIT_NPROC];
	struct rlimit *sigpending = &init_signal.rlim[RLIMIT_SIGPENDING];

	nproc->rlim_cur = nproc->rlim_max = max_threads / 2;
	sigpending->rlim_cur = sigpending->rlim_max = max_threads / 2;   /* as Linux */
}

/* fork_rate_limit=N on the kernel command line: N forks per tick. */
static int fork_rate_limit_param(const char *value)
{
	return value ? parse_small_uint(value, 1000000, &fork_rate_limit) : -EINVAL;
}
KERNEL_PARAM("fork_rate_limit", fork_rate_limit_param);
