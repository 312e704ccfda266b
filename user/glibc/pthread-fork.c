/* user/glibc/pthread-fork.c: a thread that is not main calls fork while two
 * other threads are busy. POSIX: the child has one thread only, the copy of
 * the caller. The child checks that the busy threads' counters no longer
 * move (their threads were not copied), that its one thread is its
 * process's leader (gettid == getpid), that its parent is the forking
 * process, and that it can start and join a thread of its own; it exits
 * with 42 only if all of that held. The parent checks that its own busy
 * threads kept running during and after the fork and that waitpid gets 42. */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include "selfcheck.h"

#define CHILD_OK 42

static volatile unsigned long spins[2];
static volatile int stop;

static void *busy(void *arg)
{
	int me = (int)(intptr_t)arg;

	while (!stop) {
		spins[me]++;
		sched_yield();
	}
	return NULL;
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void *child_thread(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)(thread_id() != getpid());
}

/* In the child: exits CHILD_OK when every check held, else 1 + the first
 * check that failed (the parent prints which). */
static void child_checks(pid_t parent)
{
	unsigned long before[2] = { spins[0], spins[1] };
	pthread_t t;
	void *ret = NULL;

	for (int i = 0; i < 20; i++)
		sched_yield();
	pause_ms(30);
	if (spins[0] != before[0] || spins[1] != before[1])
		_exit(1);                     /* a busy thread runs in the child */
	if (thread_id() != getpid())
		_exit(2);
	if (getppid() != parent)
		_exit(3);
	if (pthread_create(&t, NULL, child_thread, NULL) || pthread_join(t, &ret) || ret != (void *)1)
		_exit(4);
	_exit(CHILD_OK);
}

static void *forker(void *arg)
{
	pid_t parent = getpid(), child;
	unsigned long at_fork[2];
	int status = -1;

	(void)arg;

	child = fork();
	if (child == 0)
		child_checks(parent);
	at_fork[0] = spins[0];
	at_fork[1] = spins[1];
	check(child > 0, "fork from a non-main thread returned child pid %d", (int)child);
	if (child <= 0)
		return NULL;
	check(waitpid(child, &status, 0) == child, "waitpid got the child");
	check(WIFEXITED(status) && WEXITSTATUS(status) == CHILD_OK,
	      "child exited with %d (%d: one thread, gettid == getpid, right parent, new thread ok)",
	      WIFEXITED(status) ? WEXITSTATUS(status) : -1, CHILD_OK);
	check(spins[0] > at_fork[0] && spins[1] > at_fork[1],
	      "the parent's busy threads ran while the child lived (%lu, %lu more spins)",
	      spins[0] - at_fork[0], spins[1] - at_fork[1]);
	return NULL;
}

int main(void)
{
	pthread_t b[2], f;
	int ok = 1;

	selfcheck_prog = "pthread-fork";
	for (intptr_t i = 0; i < 2; i++)
		ok &= pthread_create(&b[i], NULL, busy, (void *)i) == 0;
	check(ok, "two busy threads started");
	while (ok && (!spins[0] || !spins[1]))
		sched_yield();
	ok = pthread_create(&f, NULL, forker, NULL) == 0;
	check(ok, "forking thread started");
	if (ok)
		pthread_join(f, NULL);
	stop = 1;
	for (int i = 0; i < 2; i++)
		pthread_join(b[i], NULL);
	check(waitpid(-1, NULL, WNOHANG) == -1, "no child left over");
	return finish();
}
