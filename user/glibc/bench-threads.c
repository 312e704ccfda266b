/* user/glibc/bench-threads.c: the cost of a thread against a process, from
 * user space with the stock static glibc, timed with rdtsc (guest
 * instructions under `make bench`, QEMU -icount). Issue 6's figures:
 *   pthread_create+join; clone(CLONE_VM)+exit+wait; vfork+exit+wait;
 *   fork+exit+wait; their ratio fork/pthread; one switch of a pipe
 *   ping-pong between two threads and between two processes.
 * Each prints `bench: <name> <cycles> cycles/<op> (Linux 6.1: <figure>)`,
 * the Linux 6.1 figure measured on the same QEMU under -icount.
 * `bench-threads <which> <n>` runs one of them n times (n = 0: everything
 * but the timed loop, so the kernel's bench can subtract what starting
 * and ending the program costs from its CR3 count); no argument runs all
 * a few times each (a quick check that every step works).
 * Exits 0 when every step worked (make test runs it under qemu-i386). */
#define _GNU_SOURCE                   /* clone */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../include/asm/tsc.h"       /* rdtsc */

static int failures;

/* Print a figure, unless a step of its loop failed since failures was
 * `before` (a figure of failed calls would mislead). */
static void report(const char *name, uint64_t cycles, int n, const char *op, long linux_fig,
		   int before)
{
	if (failures != before)
		printf("bench-threads: %s: %d steps failed, no figure\n", name, failures - before);
	else if (n > 0)
		printf("bench: %s %llu cycles/%s (Linux 6.1: %ld)\n", name,
		       (unsigned long long)(cycles / n), op, linux_fig);
	fflush(stdout);
}

static void *returns_arg(void *arg)
{
	return arg;
}

static void op_pthread(void)
{
	pthread_t t;
	void *ret = NULL;

	if (pthread_create(&t, NULL, returns_arg, &failures) || pthread_join(t, &ret) ||
	    ret != &failures)
		failures++;
}

static int child_returns(void *arg)
{
	(void)arg;
	return 0;
}

static void wait_for(pid_t pid)
{
	int status = -1;

	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
		failures++;
}

static char clone_stack[16384] __attribute__((aligned(16)));

static void op_clone_vm(void)
{
	wait_for(clone(child_returns, clone_stack + sizeof(clone_stack), CLONE_VM | SIGCHLD, NULL));
}

static void op_vfork(void)
{
	pid_t pid = vfork();

	if (pid == 0)
		_exit(0);
	wait_for(pid);
}

static void op_fork(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	wait_for(pid);
}

/* Cycles of n calls of op after one warm-up call. */
static uint64_t timed(void (*op)(void), int n)
{
	uint64_t t0;

	op();
	t0 = rdtsc();
	for (int i = 0; i < n; i++)
		op();
	return rdtsc() - t0;
}

static void ratio(int n)
{
	int before = failures;
	uint64_t f = timed(op_fork, n), t = timed(op_pthread, n);

	if (failures != before)
		printf("bench-threads: user_fork_thread_ratio: %d steps failed, no figure\n",
		       failures - before);
	else if (n > 0 && t > 0)
		printf("bench: user_fork_thread_ratio %llu.%02llu x (fork+exit+wait %llu / "
		       "pthread_create+join %llu; Linux 6.1: 3.55, Solaris 2.6 in the article: 67)\n",
		       (unsigned long long)(f / t), (unsigned long long)(f * 100 / t % 100),
		       (unsigned long long)(f / n), (unsigned long long)(t / n));
}

/* --- pipe ping-pong: one byte back and forth, each read blocks ----------- */

static int ab[2], ba[2];

static void echo_until_eof(void)
{
	char c;

	while (read(ab[0], &c, 1) == 1 && write(ba[1], &c, 1) == 1)
		;
}

static void *echo_thread(void *arg)
{
	(void)arg;
	echo_until_eof();
	return NULL;
}

/* n round trips = 2n switches, with the echo side a thread or a process.
 * A thread is started and joined first in both cases: from then on glibc
 * wraps read and write in its cancellation-point code (about 130 more
 * instructions per switch), so both figures pay it and differ only by
 * what the kernel does. */
static void pingpong(const char *name, int n, int threads, long linux_fig)
{
	int before = failures;
	pthread_t t;
	pid_t pid = -1;
	uint64_t t0;
	char c = 0;

	op_pthread();
	if (pipe(ab) || pipe(ba) ||
	    (threads ? pthread_create(&t, NULL, echo_thread, NULL) != 0 : (pid = fork()) < 0)) {
		failures++;
		return;
	}
	if (!threads && pid == 0) {
		close(ab[1]);               /* or it never reads EOF */
		close(ba[0]);
		echo_until_eof();
		_exit(0);
	}
	if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)   /* warm-up */
		failures++;
	t0 = rdtsc();
	for (int i = 0; i < n; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			failures++;
	t0 = rdtsc() - t0;
	close(ab[1]);                       /* the echo side reads EOF and ends */
	if (threads ? pthread_join(t, NULL) != 0 : (wait_for(pid), 0))
		failures++;
	close(ab[0]);
	close(ba[0]);
	close(ba[1]);
	report(name, t0, 2 * n, "switch", linux_fig, before);
}

static void pipe_threads(int n) { pingpong("user_pipe_switch_threads", n, 1, 6780); }
static void pipe_processes(int n) { pingpong("user_pipe_switch_processes", n, 0, 7144); }

#define TIMED(fn, name, linux_fig)                                              \
	static void fn##_bench(int n)                                           \
	{                                                                       \
		int before = failures;                                          \
		report(name, timed(fn, n), n, "op", linux_fig, before);         \
	}
TIMED(op_pthread, "user_pthread_create_join", 68921)
TIMED(op_vfork, "user_vfork_exit_wait", 69278)
TIMED(op_fork, "user_process_fork_exit_wait", 244904)

/* qemu-i386 refuses CLONE_VM without CLONE_THREAD (EINVAL): said and
 * skipped there; Linux and Tasklab accept it. */
static void op_clone_vm_bench(int n)
{
	int before;
	pid_t pid = clone(child_returns, clone_stack + sizeof(clone_stack), CLONE_VM | SIGCHLD, NULL);

	if (pid < 0 && errno == EINVAL) {
		printf("bench-threads: clone(CLONE_VM) refused here (qemu-i386?): no user_clone_vm_exit_wait\n");
		return;
	}
	before = failures;
	wait_for(pid);
	report("user_clone_vm_exit_wait", timed(op_clone_vm, n), n, "op", 60866, before);
}

static const struct { const char *name; void (*run)(int n); int n; } benches[] = {
	{ "pthread", op_pthread_bench, 20 },
	{ "clone_vm", op_clone_vm_bench, 20 },
	{ "vfork", op_vfork_bench, 20 },
	{ "fork", op_fork_bench, 20 },
	{ "ratio", ratio, 20 },
	{ "pipe_threads", pipe_threads, 200 },
	{ "pipe_processes", pipe_processes, 200 },
};

int main(int argc, char **argv)
{
	int found = 0;

	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		if (argc > 1 && strcmp(argv[1], benches[i].name))
			continue;
		found = 1;
		benches[i].run(argc > 2 ? atoi(argv[2]) : benches[i].n);
	}
	if (!found)
		printf("bench-threads: no benchmark named %s\n", argv[1]);
	if (failures)
		printf("bench-threads: %d steps failed\n", failures);
	return !found || failures;
}
