/* tests/test_user_limits.c: the task limits from the kernel's side (seed claims
 * c29, c30, c31): the per-user records and their counts, root's spare
 * tasks under threads-max, the fork rate limit per tick and its boot
 * parameter. The user-space view (setuid, setrlimit, /proc/sys, fork bombs)
 * is the utest_limits program, run here as the "limits" suite. Each case
 * runs in its own kernel thread, which here takes an ordinary user's ids
 * for a while (set_user and euid) and gives them back. */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include <params.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched/user.h>
#include <wait.h>

KTEST_PROGRAM_SUITE(limits, "/bin/utest_limits");

static unsigned long read_nr_user_structs(void) { return nr_user_structs; }
KTEST_COUNTER("user_structs", read_nr_user_structs);

#define TEST_UID 50001

static DECLARE_WAIT_QUEUE_HEAD(hold_wq);
static bool hold_released;

static int hold_until_released(void *unused)
{
	wait_event(hold_wq, hold_released);
	return 0;
}

/* Fork holders until fork fails or max are made; returns how many. */
static int fork_holders(int max, long *err)
{
	int made = 0;
	long pid = 0;

	hold_released = false;
	while (made < max && (pid = kernel_thread(hold_until_released, NULL, NULL, SIGCHLD)) > 0)
		made++;
	*err = pid > 0 ? 0 : pid;
	return made;
}

static int release_holders(void)
{
	int reaped = 0;

	hold_released = true;
	wake_up_all(&hold_wq);
	while (kernel_wait(-1, 0, NULL) > 0)
		reaped++;
	return reaped;
}

/* Become (or stop being) the ordinary user TEST_UID: real uid through
 * set_user, effective uid by hand. */
static int become_user(unsigned int uid)
{
	int err = set_user(uid);

	if (!err)
		current->uid = current->euid = uid;
	return err;
}

/* c29: one record per real uid, shared by all its tasks and counting each;
 * RLIMIT_NPROC stops the user's forks at exactly the limit; the record
 * goes away with its last task. */
static void claim_c29_user_struct_counts_tasks(struct ktest *t)
{
	struct rlimit saved = current->signal->rlim[RLIMIT_NPROC];
	unsigned long records = nr_user_structs;
	struct user_struct *up;
	long err;
	int made;

	KTEST_ASSERT_EQ(t, become_user(TEST_UID), 0);
	up = current->user;
	KTEST_EXPECT_EQ(t, up->uid, TEST_UID);
	KTEST_EXPECT_EQ(t, up->processes, 1);
	KTEST_EXPECT_EQ(t, nr_user_structs, records + 1);
	current->signal->rlim[RLIMIT_NPROC].rlim_cur = 5;
	made = fork_holders(10, &err);
	KTEST_EXPECT_EQ(t, made, 4);                     /* 4 children + this task */
	KTEST_EXPECT_EQ(t, err, -EAGAIN);
	KTEST_EXPECT_EQ(t, up->processes, 5);
	KTEST_EXPECT_EQ(t, up->count, 5);
	KTEST_EXPECT_EQ(t, release_holders(), made);
	KTEST_EXPECT_EQ(t, up->processes, 1);
	current->signal->rlim[RLIMIT_NPROC] = saved;
	KTEST_EXPECT_EQ(t, become_user(0), 0);
	KTEST_EXPECT_TRUE(t, current->user == &root_user);
	KTEST_EXPECT_EQ(t, nr_user_structs, records);   /* the last task gone: freed */
}

/* c30: with threads-max lowered, an ordinary user stops at
 * max_threads - MIN_TASKS_LEFT_FOR_ROOT; root (euid 0) goes on to exactly
 * max_threads. */
static void claim_c30_root_keeps_spare_tasks(struct ktest *t)
{
	int saved = max_threads, limit = max(nr_threads + 10, 20), made, root_made;
	long err;

	KTEST_ASSERT_EQ(t, set_max_threads(limit), 0);
	KTEST_ASSERT_EQ(t, become_user(TEST_UID), 0);
	made = fork_holders(64, &err);
	KTEST_EXPECT_EQ(t, err, -EAGAIN);
	KTEST_EXPECT_EQ(t, nr_threads, limit - MIN_TASKS_LEFT_FOR_ROOT);
	current->euid = 0;                               /* root again (effective) */
	root_made = fork_holders(64, &err);
	KTEST_EXPECT_EQ(t, root_made, MIN_TASKS_LEFT_FOR_ROOT);
	KTEST_EXPECT_EQ(t, err, -EAGAIN);
	KTEST_EXPECT_EQ(t, nr_threads, limit);
	set_max_threads(saved);
	KTEST_EXPECT_EQ(t, release_holders(), made + root_made);
	KTEST_EXPECT_EQ(t, become_user(0), 0);
}

#define RATE_FORKS 9
#define RATE_LIMIT 2

/* c31: with the rate limit at 2 forks per tick, no tick sees more than 2
 * forks, whatever the CPU speed; the forks that found their tick full
 * waited for the next one (the seed's patch sleeps rather than failing).
 * A fork is let through in some tick between the jiffies read just before
 * and just after it: a fork that began and ended in one tick is known to
 * be in that tick, and 9 forks span at least 4 tick changes. */
static void claim_c31_forks_per_tick_bounded(struct ktest *t)
{
	unsigned long before[RATE_FORKS], after[RATE_FORKS], waits = fork_rate_waits;
	int in_tick = 0, worst = 0;

	fork_rate_limit = RATE_LIMIT;
	hold_released = true;                            /* holders end at once */
	for (int i = 0; i < RATE_FORKS; i++) {
		long pid;

		before[i] = jiffies;
		pid = kernel_thread(hold_until_released, NULL, NULL, SIGCHLD);
		after[i] = jiffies;
		KTEST_EXPECT_GT(t, pid, 0);
	}
	fork_rate_limit = 0;
	for (int i = 0; i < RATE_FORKS; i++) {
		bool known = before[i] == after[i];
		bool same = known && i && before[i - 1] == after[i - 1] && before[i] == before[i - 1];

		in_tick = !known ? 0 : same ? in_tick + 1 : 1;
		worst = max(worst, in_tick);
	}
	ktest_log(t, "%d forks over ticks %lu..%lu, at most %d seen in one tick, %lu waits",
		  RATE_FORKS, before[0], after[RATE_FORKS - 1], worst, fork_rate_waits - waits);
	KTEST_EXPECT_LE(t, worst, RATE_LIMIT);
	KTEST_EXPECT_GE(t, after[RATE_FORKS - 1] - before[0], (RATE_FORKS - 1) / RATE_LIMIT);
	KTEST_EXPECT_GT(t, fork_rate_waits, waits);
	KTEST_EXPECT_EQ(t, release_holders(), RATE_FORKS);
}

/* fork_rate_limit=N on the command line sets it (off by default). */
static void fork_rate_limit_boot_parameter(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, fork_rate_limit, 0);
	parse_kernel_cmdline("fork_rate_limit=3");
	KTEST_EXPECT_EQ(t, fork_rate_limit, 3);
	parse_kernel_cmdline("fork_rate_limit=lots");
	KTEST_EXPECT_EQ(t, fork_rate_limit, 3);          /* refused: unchanged */
	parse_kernel_cmdline("fork_rate_limit=0");
	KTEST_EXPECT_EQ(t, fork_rate_limit, 0);
}

static struct ktest_case fork_limits_cases[] = {
	KTEST_CASE(claim_c29_user_struct_counts_tasks),
	KTEST_CASE(claim_c30_root_keeps_spare_tasks),
	KTEST_CASE(claim_c31_forks_per_tick_bounded),
	KTEST_CASE(fork_rate_limit_boot_parameter),
	{}
};
KTEST_SUITE(fork_limits, fork_limits_cases);
