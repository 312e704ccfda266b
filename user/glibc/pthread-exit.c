/* user/glibc/pthread-exit.c: main calls pthread_exit while other threads
 * run. Only the main thread ends (glibc's exit(2) of one thread, not
 * exit_group); the process lives on, and ends when its last thread does,
 * with that thread's exit status.
 *   Part 1, watched from outside: a child process runs the scenario; its
 *   worker 0 joins the main thread (so main really ended: the kernel
 *   cleared its tid and woke the joiner) and tells the parent; the parent
 *   checks that waitpid(WNOHANG) does not report the child while its
 *   workers live, lets them finish, and checks that the status is 42,
 *   the code the last worker passed to exit().
 *   Part 2: this process does the same; its last worker prints the
 *   verdict and exits with it, so the runner sees status 0 and the PASS
 *   line only if every check held and the workers outlived main. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include "selfcheck.h"

#define WORKERS 3
#define LAST_CODE 42

static pthread_t main_thread;
static pid_t pid_before;
static int live = WORKERS, in_child, to_parent = -1, from_parent = -1;
static volatile unsigned long work[WORKERS];

/* The worker that ends last exits the process: 42 in the child of part 1,
 * the verdict in part 2. */
static void worker_done(void)
{
	if (__atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST) != 0)
		return;
	if (in_child)
		exit(LAST_CODE);
	check(1, "the last worker (tid %d) ends the process after main's pthread_exit", (int)thread_id());
	exit(finish());
}

static void *worker(void *arg)
{
	int me = (int)(intptr_t)arg;
	char c = 'M';

	if (me == 0) {
		int joined = pthread_join(main_thread, NULL) == 0;

		if (in_child) {
			if (!joined || write(to_parent, &c, 1) != 1 || read(from_parent, &c, 1) != 1)
				exit(1);      /* the parent reports a status other than 42 */
		} else {
			check(joined, "worker 0 joined the main thread after its pthread_exit");
			check(getpid() == pid_before, "getpid() is still %d", (int)pid_before);
		}
	}
	for (int i = 0; i < 200; i++) {
		work[me]++;
		sched_yield();
	}
	worker_done();
	return NULL;
}

/* Start the workers and end the main thread only. */
static void run_scenario(void)
{
	pthread_t t;

	main_thread = pthread_self();
	pid_before = getpid();
	for (intptr_t i = 0; i < WORKERS; i++)
		if (pthread_create(&t, NULL, worker, (void *)i) != 0)
			exit(2);
	pthread_exit(NULL);
}

static void part1_watched_child(void)
{
	int up[2], down[2], status = -1;
	char c = 0;
	pid_t child;

	if (!check(pipe(up) == 0 && pipe(down) == 0, "pipes"))
		return;
	child = fork();
	if (child == 0) {
		in_child = 1;
		to_parent = up[1];
		from_parent = down[0];
		run_scenario();
	}
	close(up[1]);                         /* so a dead child reads as EOF */
	close(down[0]);
	if (!check(child > 0, "forked the child that runs the scenario"))
		return;
	check(read(up[0], &c, 1) == 1 && c == 'M', "child: a worker joined its main thread");
	check(waitpid(child, &status, WNOHANG) == 0,
	      "child: not reported by waitpid while its workers live (main thread gone)");
	c = 'G';
	check(write(down[1], &c, 1) == 1, "child: workers told to finish");
	check(waitpid(child, &status, 0) == child, "child: reaped");
	check(WIFEXITED(status) && WEXITSTATUS(status) == LAST_CODE,
	      "child: exit status %d is the last worker's exit(%d)",
	      WIFEXITED(status) ? WEXITSTATUS(status) : -1, LAST_CODE);
	close(up[0]);
	close(down[1]);
}

int main(void)
{
	selfcheck_prog = "pthread-exit";
	part1_watched_child();
	printf("pthread-exit: main thread calls pthread_exit, %d workers go on\n", WORKERS);
	fflush(stdout);
	run_scenario();
	return 3;                             /* not reached */
}
