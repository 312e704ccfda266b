/* user/glibc/bench-glibc.c: process benchmarks from user space, built with
 * the stock static glibc like the program issue 5's Linux figures were
 * taken with. Each figure is rdtsc cycles (guest instructions under `make
 * bench`, which runs QEMU with -icount) per operation, printed as
 * `bench: <name> <value> <unit>`:
 *   null syscall (getpid through syscall(2)); fork+exit+wait of this
 *   process, then again after it touched 4 MiB; fork+exec+wait (of itself
 *   with --exit); a demand-zero fault; a copy-on-write fault; one switch of
 *   a pipe ping-pong between two processes.
 * With --exit it exits at once (the exec benchmark's child). With a
 * figure's name and a count (`bench-glibc user_cow_fault 0`) it runs that
 * benchmark alone, n times (pages, for the faults): the kernel runs it n
 * times and 0 times and counts what the difference cost (tests/bench_user.c:
 * IPIs, TLB shootdowns). `bench-glibc wall parallel|serial LOOPS N` runs
 * LOOPS fork+exit+wait loops of N each, all at once or one after the other,
 * and prints the wall time they took by the kernel's CLOCK_MONOTONIC
 * (`make bench-wall`). Exits 0 when every step worked, so `make test` can
 * run it under qemu-i386 too. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../include/asm/tsc.h"       /* rdtsc */

#define PAGE 4096
#define TOUCH_BYTES (4 << 20)

static const char *self;
static int failures;

/* n == 0 is a counting run's baseline (set-up only): nothing to report. */
static void report(const char *name, uint64_t cycles, unsigned long n)
{
	if (!n)
		return;
	printf("bench: %s %llu cycles\n", name, (unsigned long long)(cycles / n));
	fflush(stdout);
}

static void bench_null_syscall(unsigned long n)
{
	uint64_t t0 = rdtsc();

	for (unsigned long i = 0; i < n; i++)
		syscall(SYS_getpid);
	report("user_null_syscall_getpid", rdtsc() - t0, n);
}

#define EXEC_FAILED 126

/* One child: exit at once, or exec ourselves with --exit. Returns the
 * child's wait status (-1 if fork or waitpid failed). */
static int fork_wait(int exec)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (exec) {
			char *argv[] = { (char *)self, "--exit", NULL };

			execv(self, argv);
		}
		_exit(exec ? EXEC_FAILED : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
		failures++;
	return pid < 0 ? -1 : status;
}

static void bench_fork(const char *name, unsigned long n, int exec)
{
	uint64_t t0;

	if (fork_wait(exec) == EXEC_FAILED << 8) {   /* warm-up */
		printf("bench-glibc: cannot exec %s here (qemu-i386?): no %s\n", self, name);
		failures--;
		return;
	}
	t0 = rdtsc();
	for (unsigned long i = 0; i < n; i++)
		fork_wait(exec);
	report(name, rdtsc() - t0, n);
}

static char *map_pages(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		failures++;
		return NULL;
	}
	return p;
}

#define TOUCH_PAGES (TOUCH_BYTES / PAGE)

/* Touch the first n pages of a fresh 4 MiB mapping. */
static void bench_demand_zero(unsigned long n)
{
	char *p = map_pages(TOUCH_BYTES);
	uint64_t t0;

	if (!p)
		return;
	t0 = rdtsc();
	for (size_t off = 0; off < n * PAGE; off += PAGE)
		p[off] = 1;
	report("user_demand_zero_fault", rdtsc() - t0, n);
	munmap(p, TOUCH_BYTES);
}

/* The parent writes n pages it shares with a sleeping child: each write
 * copies one page. */
static void bench_cow(unsigned long n)
{
	char *p = map_pages(TOUCH_BYTES);
	int fds[2];
	pid_t pid;
	uint64_t t0;
	char c;

	if (!p || pipe(fds))
		return;
	memset(p, 1, TOUCH_BYTES);
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);   /* until the parent closes */
	}
	close(fds[0]);
	t0 = rdtsc();
	for (size_t off = 0; off < n * PAGE; off += PAGE)
		p[off] = 2;
	report("user_cow_fault", rdtsc() - t0, n);
	close(fds[1]);
	if (pid < 0 || waitpid(pid, NULL, 0) != pid)
		failures++;
	munmap(p, TOUCH_BYTES);
}

/* One byte back and forth: every read blocks and switches to the other. */
static void bench_pipe_pingpong(unsigned long n)
{
	int ab[2], ba[2];
	uint64_t t0;
	pid_t pid;
	char c = 0;

	if (pipe(ab) || pipe(ba)) {
		failures++;
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(ab[1]);
		close(ba[0]);
		while (read(ab[0], &c, 1) == 1 && write(ba[1], &c, 1) == 1)
			;
		_exit(0);
	}
	close(ab[0]);
	close(ba[1]);
	t0 = rdtsc();
	for (unsigned long i = 0; i < n; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			failures++;
	report("user_pipe_switch", rdtsc() - t0, 2 * n);
	close(ab[1]);                       /* the child reads EOF and exits */
	if (pid < 0 || waitpid(pid, NULL, 0) != pid)
		failures++;
	close(ba[0]);
}

static void bench_fork_touched(unsigned long n)
{
	char *p = map_pages(TOUCH_BYTES);

	if (!p)
		return;
	memset(p, 1, TOUCH_BYTES);
	bench_fork("user_fork_exit_wait_4mib", n, 0);
	munmap(p, TOUCH_BYTES);
}

static void bench_fork_exit(unsigned long n)
{
	bench_fork("user_fork_exit_wait", n, 0);
}

static void bench_fork_exec(unsigned long n)
{
	bench_fork("user_fork_exec_wait", n, 1);
}

/* Every figure in the order a plain run measures them, with its count. */
static const struct figure {
	const char *name;
	void (*run)(unsigned long n);
	unsigned long n;
} figures[] = {
	{ "user_null_syscall_getpid", bench_null_syscall, 20000 },
	{ "user_fork_exit_wait", bench_fork_exit, 100 },
	{ "user_fork_exit_wait_4mib", bench_fork_touched, 100 },
	{ "user_fork_exec_wait", bench_fork_exec, 30 },
	{ "user_demand_zero_fault", bench_demand_zero, TOUCH_PAGES },
	{ "user_cow_fault", bench_cow, TOUCH_PAGES },
	{ "user_pipe_switch", bench_pipe_pingpong, 1000 },
};

/* One loop of the wall-time benchmark: n fork+exit+wait, in a child of
 * its own. Returns its pid (-1 if fork failed). */
static pid_t start_loop(unsigned long n)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (unsigned long i = 0; i < n; i++)
			fork_wait(0);
		_exit(failures != 0);
	}
	return pid;
}

static int reap(pid_t pid)
{
	int status;

	return pid > 0 && waitpid(pid, &status, 0) == pid && status == 0 ? 0 : 1;
}

static long long monotonic_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* `wall parallel|serial LOOPS N`: LOOPS loops of N fork+exit+wait, all
 * started at once (parallel) or each after the last ended (serial); prints
 * the time from the first start to the last end. */
static int bench_wall(const char *mode, int loops, unsigned long n)
{
	pid_t pids[16];
	long long t0;
	int bad = 0;

	if (loops < 1 || loops > 16 || (strcmp(mode, "parallel") && strcmp(mode, "serial"))) {
		printf("bench-glibc: usage: wall parallel|serial LOOPS(1-16) N\n");
		return 2;
	}
	t0 = monotonic_us();
	for (int i = 0; i < loops; i++) {
		pids[i] = start_loop(n);
		if (mode[0] == 's')
			bad += reap(pids[i]);
	}
	for (int i = 0; mode[0] == 'p' && i < loops; i++)
		bad += reap(pids[i]);
	printf("bench: wall_fork_exit_wait_%dx%lu_%s %lld us\n", loops, n, mode, monotonic_us() - t0);
	return bad != 0;
}

/* `bench-glibc NAME N`: the figure NAME alone, N times. */
static int run_one(const char *name, unsigned long n)
{
	for (size_t i = 0; i < sizeof(figures) / sizeof(figures[0]); i++)
		if (!strcmp(figures[i].name, name)) {
			if (figures[i].run == bench_demand_zero || figures[i].run == bench_cow)
				n = n < TOUCH_PAGES ? n : TOUCH_PAGES;
			figures[i].run(n);
			return failures != 0;
		}
	printf("bench-glibc: no benchmark %s\n", name);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	self = argv[0];
	if (argc == 5 && !strcmp(argv[1], "wall"))
		return bench_wall(argv[2], atoi(argv[3]), strtoul(argv[4], NULL, 0));
	if (argc == 3)
		return run_one(argv[1], strtoul(argv[2], NULL, 0));
	for (size_t i = 0; i < sizeof(figures) / sizeof(figures[0]); i++)
		figures[i].run(figures[i].n);
	if (failures)
		printf("bench-glibc: %d steps failed\n", failures);
	return failures != 0;
}
