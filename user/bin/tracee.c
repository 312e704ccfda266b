/* user/bin/tracee.c: one of each thing the tracer records, in a few
 * milliseconds, for the trace self-tests (tests/test_trace.c) and as a small
 * program to watch (README, "Watching it run"): a caught signal (generate,
 * deliver), an open that fails (ENOENT: strace's example), a demand-zero
 * fault, a fork whose child writes a page it shares with its parent (a COW
 * copy) and exits 7 while the parent waits (a switch to another process:
 * CR3 written), and a thread the main thread hands the CPU to and back with
 * sched_yield (a switch within one process: no CR3 write). Prints one line
 * and exits 0 when everything went as expected. */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include <utest.h>
#include <utest_signal.h>

#define YIELDS 3

static volatile int caught;
static volatile char fresh[8192];                 /* bss: its pages are demand-zero */
static volatile int turns;

static void on_usr1(int sig)
{
	caught = sig;
}

static int yielder(void *arg)
{
	for (int i = 0; i < YIELDS; i++) {
		turns++;
		sched_yield();
	}
	return 0;
}

/* Both threads on the one CPU the process runs on now: on several CPUs
 * they would otherwise run side by side and never switch to each other.
 * The thread inherits the mask (clone copies it, as Linux's). */
static int one_cpu(void)
{
	unsigned long mask;

	if (sched_getaffinity(0, sizeof(mask), &mask) <= 0 || !mask)
		return -1;
	mask &= -mask;                       /* the lowest CPU it may run on */
	return sched_setaffinity(0, sizeof(mask), &mask);
}

static int threads(void)
{
	struct thread th;

	if (one_cpu() < 0 || thread_start(&th, yielder, NULL, 0) < 0)
		return -1;
	for (int i = 0; i < YIELDS; i++)
		sched_yield();               /* the thread runs: no CR3 write */
	thread_join(&th);
	return turns == YIELDS ? 0 : -1;
}

static int fork_and_wait(void)
{
	int status = 0;
	pid_t pid;

	fresh[0] = 1;                        /* the parent's page... */
	pid = fork();
	if (pid == 0) {
		fresh[0] = 2;                /* ...copied on the child's write */
		_exit(7);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 7 ? 0 : -1;
}

int main(void)
{
	int bad = 0;

	set_handler(SIGUSR1, on_usr1, 0);
	raise(SIGUSR1);
	bad |= caught != SIGUSR1;
	bad |= open("/nonexistent", O_RDONLY) != -1;
	fresh[4096] = 1;                     /* a fresh page: demand-zero */
	bad |= fork_and_wait();
	bad |= threads();
	printf("tracee: %s\n", bad ? "something went wrong" : "done");
	return bad;
}
