/* user/glibc/bench-glibc.c: process benchmarks from user space, built with
 * the stock static glibc like the program issue 5's Linux figures were
 * taken with. Each figure is rdtsc cycles (guest instructions under `make
 * bench`, which runs QEMU with -icount) per operation, printed as
 * `bench: <name> <value> <unit>`:
 *   null syscall (getpid through syscall(2)); fork+exit+wait of this
 *   process, then again after it touched 4 MiB; fork+exec+wait (of itself
 *   with --exit); a demand-zero fault; a copy-on-write fault; one switch of
 *   a pipe ping-pong between two processes.
 * With --exit it exits at once (the exec benchmark's child). Exits 0 when
 * every step worked, so `make test` can run it under qemu-i386 too. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../include/asm/tsc.h"       /* rdtsc */

#define PAGE 4096
#define TOUCH_BYTES (4 << 20)

static const char *self;
static int failures;

static void report(const char *name, uint64_t cycles, unsigned long n)
{
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

static void bench_demand_zero(void)
{
	char *p = map_pages(TOUCH_BYTES);
	uint64_t t0;

	if (!p)
		return;
	t0 = rdtsc();
	for (size_t off = 0; off < TOUCH_BYTES; off += PAGE)
		p[off] = 1;
	report("user_demand_zero_fault", rdtsc() - t0, TOUCH_BYTES / PAGE);
	munmap(p, TOUCH_BYTES);
}

/* The parent writes pages it shares with a sleeping child: each write
 * copies one page. */
static void bench_cow(void)
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
	for (size_t off = 0; off < TOUCH_BYTES; off += PAGE)
		p[off] = 2;
	report("user_cow_fault", rdtsc() - t0, TOUCH_BYTES / PAGE);
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

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	self = argv[0];
	bench_null_syscall(20000);
	bench_fork("user_fork_exit_wait", 100, 0);
	bench_fork_touched(100);
	bench_fork("user_fork_exec_wait", 30, 1);
	bench_demand_zero();
	bench_cow();
	bench_pipe_pingpong(1000);
	if (failures)
		printf("bench-glibc: %d steps failed\n", failures);
	return failures != 0;
}
