/* tests/bench_sched.c: benchmarks of tasks and the scheduler, in cycles
 * (instructions under -icount, include/kbench.h):
 *   - creating a kernel thread, letting it exit and reaping it, directly
 *     (kernel_thread + kernel_wait) and through kthreadd (kthread_run +
 *     kthread_stop, reaped by kthreadd);
 *   - a context switch between two kernel threads taking turns through a
 *     wait queue (ping-pong), and between two threads that only yield;
 *   - schedule() with 10, 100, 1000 and 10000 runnable tasks yielding in a
 *     ring: the 2.4 goodness() scan is O(runnable), so under sched=goodness
 *     the cost per switch grows linearly with the run queue; under the O(1)
 *     scheduler (the default) it stays flat (tests/bench.py runs both).
 *     Tearing a ring down is O(n^2) (each task is picked once more to exit).
 * Switch costs are total cycles over the context switches counted in
 * sched_stats meanwhile, so the loop and wait-queue work is included. */
#include <kernel.h>
#include <kbench.h>
#include <kthread.h>
#include <sched.h>
#include <timer.h>
#include <wait.h>
#include <asm/processor.h>
#include "tasktest.h"

static int exit_at_once(void *arg)
{
	return 0;
}

static int until_stopped(void *arg)
{
	sleep_until_stopped();
	return 0;
}

static void bench_fork(const struct kbench *b)
{
	const int n = 1000;
	u64 t0 = rdtsc();

	for (int i = 0; i < n; i++) {
		pid_t pid = kernel_thread(exit_at_once, NULL, NULL, CLONE_FS | CLONE_FILES | SIGCHLD);
		if (pid < 0 || kernel_wait(pid, 0, NULL) != pid) {
			pr_err("bench: kernel_thread failed (%d)\n", pid);
			return;
		}
	}
	kbench_report(b, "kernel_thread_create_exit_reap", (rdtsc() - t0) / n, "cycles");
	t0 = rdtsc();
	for (int i = 0; i < n; i++) {
		struct task_struct *k = kthread_run(until_stopped, NULL, "bench");
		if (IS_ERR(k)) {
			pr_err("bench: kthread_run failed (%ld)\n", PTR_ERR(k));
			return;
		}
		kthread_stop(k);
	}
	while (nr_zombies)
		yield();                          /* kthreadd reaps the last ones */
	kbench_report(b, "kthread_run_stop_reap", (rdtsc() - t0) / n, "cycles");
}
KBENCH(fork, bench_fork);

static int player(void *arg)
{
	struct pingpong *pp = arg;

	pingpong_turns(pp, pingpong_seat(pp), NULL);
	return 0;
}

static volatile bool stop_yielders;

static int yielder(void *arg)
{
	while (!stop_yielders)
		yield();
	return 0;
}

/* Start the two players (or yielders), wait for them, return cycles per
 * context switch. */
static u64 two_tasks(int (*fn)(void *), void *arg, unsigned int ms)
{
	unsigned long cs0 = sched_stats.context_switches;
	u64 t0 = rdtsc();
	pid_t a = kernel_thread(fn, arg, NULL, CLONE_FS | CLONE_FILES | SIGCHLD);
	pid_t b = kernel_thread(fn, arg, NULL, CLONE_FS | CLONE_FILES | SIGCHLD);

	if (a < 0 || b < 0)
		return 0;
	set_task_comm(find_task_by_pid(a), "A");
	set_task_comm(find_task_by_pid(b), "B");
	if (ms) {
		msleep(ms);
		stop_yielders = true;
	}
	kernel_wait(a, 0, NULL);
	kernel_wait(b, 0, NULL);
	return (rdtsc() - t0) / (sched_stats.context_switches - cs0);
}

static void bench_switch(const struct kbench *b)
{
	struct pingpong pp;

	pingpong_init(&pp, 20000);
	kbench_report(b, "switch_pingpong_waitqueue", two_tasks(player, &pp, 0), "cycles/switch");
	stop_yielders = false;
	kbench_report(b, "switch_yield_two_threads", two_tasks(yielder, NULL, 100), "cycles/switch");
}
KBENCH(context_switch, bench_switch);

/* The measuring thread's slice went to its children (fork splits the
 * counter, c28), and under 2.4 rules a task at 0 waits for the next epoch,
 * which n yielders holding 6 ticks each put off for n * 6 ticks. Give it a
 * full slice back so it runs as soon as it is woken. (Under O(1) the
 * counter is unused: a parent left with nothing got a new slice at fork.) */
static void refill_slice(void)
{
	current->counter = MAX_COUNTER;
}

/* n yielders in a ring, measured for `ms` milliseconds: cycles per switch.
 * The window is a few ticks: enough switches even at 10000 tasks. */
static u64 ring(int n, unsigned int ms)
{
	static pid_t pids[10000];
	unsigned long cs0;
	int made = 0;
	u64 t0, cost;

	stop_yielders = false;
	while (made < n && (pids[made] = kernel_thread(yielder, NULL, NULL, CLONE_FS | CLONE_FILES | SIGCHLD)) > 0)
		made++;
	if (made < n)
		pr_err("bench: only %d of %d tasks created\n", made, n);
	cs0 = sched_stats.context_switches;
	t0 = rdtsc();
	refill_slice();
	msleep(ms);                               /* the ring runs meanwhile */
	cost = (rdtsc() - t0) / (sched_stats.context_switches - cs0);
	stop_yielders = true;
	for (int i = 0; i < made; i++) {
		refill_slice();
		kernel_wait(pids[i], 0, NULL);
	}
	return cost;
}

static void bench_schedule(const struct kbench *b)
{
	static const int sizes[] = { 10, 100, 1000, 10000 };
	char name[48];

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		snprintf(name, sizeof(name), "schedule_%d_runnable", sizes[i]);
		kbench_report(b, name, ring(sizes[i], 30), "cycles/switch");
	}
}
KBENCH(schedule_scan, bench_schedule);
