/* user/glibc/pthread-clone3.c: how glibc makes a thread and a process,
 * counted by the kernel. glibc 2.34+ makes a thread with clone3 (435) and
 * falls back to clone (120) only when clone3 answers ENOSYS; fork (its
 * _Fork) uses clone directly. On Tasklab the process reads its own system
 * call counts from /sys/kernel/debug/syscall_counts (one line "nr name
 * calls enosys" per number called) and checks that THREADS pthread_creates
 * made exactly THREADS clone3 calls, no clone and no ENOSYS answer at all,
 * and that one fork made one clone and no clone3, and that clock_gettime
 * goes straight to clock_gettime64 (403) with no clock_gettime (265). Where the file does not
 * exist (another kernel, or qemu-i386, whose 7.2 has no clone3) the
 * threads and the fork still run and are checked, and the count checks
 * are left out, saying so. */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "selfcheck.h"

#define THREADS 5
#define COUNTS "/sys/kernel/debug/syscall_counts"

struct counts {
	unsigned clone3, clone, enosys;  /* calls of 435 and 120; ENOSYS answers, all numbers */
	unsigned gettime64, gettime;     /* calls of clock_gettime64 (403) and clock_gettime (265) */
};

/* The process's counts, false when the file cannot be read. */
static int read_counts(struct counts *c)
{
	static char buf[16384];
	int fd = open(COUNTS, O_RDONLY), len = 0, n;

	memset(c, 0, sizeof(*c));
	if (fd < 0)
		return 0;
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned nr, calls, enosys;
		char name[40];

		if (sscanf(line, "%u %39s %u %u", &nr, name, &calls, &enosys) != 4)
			continue;
		if (nr == SYS_clone3)
			c->clone3 = calls;
		if (nr == SYS_clone)
			c->clone = calls;
		if (nr == SYS_clock_gettime64)
			c->gettime64 = calls;
		if (nr == SYS_clock_gettime)
			c->gettime = calls;
		c->enosys += enosys;
	}
	return 1;
}

static void *thread_fn(void *arg)
{
	*(pid_t *)arg = thread_id();
	return arg;
}

/* THREADS threads, each created and joined; their tids must differ from
 * ours. */
static void make_threads(void)
{
	pthread_t th[THREADS];
	pid_t tid[THREADS];
	int made = 0;

	for (int i = 0; i < THREADS; i++)
		made += pthread_create(&th[i], NULL, thread_fn, &tid[i]) == 0;
	check(made == THREADS, "pthread_create made %d threads of %d", made, THREADS);
	for (int i = 0; i < made; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < made; i++)
		check(tid[i] > 0 && tid[i] != getpid(), "thread %d ran as tid %d", i, (int)tid[i]);
}

static void fork_one(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 3, "fork: the child exited 3");
}

/* CLOCKS clock_gettime calls: glibc 2.34+ on i386 (no vDSO here) asks
 * clock_gettime64 first and clock_gettime only after an ENOSYS. */
#define CLOCKS 10
static void read_clocks(void)
{
	struct timespec ts;

	for (int i = 0; i < CLOCKS; i++)
		check(clock_gettime(CLOCK_MONOTONIC, &ts) == 0, "clock_gettime %d", i);
}

int main(void)
{
	struct counts before, threads, forked, clocked;
	int counted;

	selfcheck_prog = "pthread-clone3";
	counted = read_counts(&before);
	make_threads();
	read_counts(&threads);
	fork_one();
	read_counts(&forked);
	read_clocks();
	read_counts(&clocked);
	if (!counted) {
		printf("pthread-clone3: no %s (not Tasklab): counts not checked\n", COUNTS);
		return finish();
	}
	check(threads.clone3 - before.clone3 == THREADS,
	      "%d pthread_create made %u clone3 calls", THREADS, threads.clone3 - before.clone3);
	check(threads.clone - before.clone == 0, "and %u clone calls (no fallback)",
	      threads.clone - before.clone);
	check(threads.enosys - before.enosys == 0, "and %u ENOSYS answers",
	      threads.enosys - before.enosys);
	check(forked.clone - threads.clone == 1 && forked.clone3 == threads.clone3,
	      "fork made %u clone and %u clone3 calls", forked.clone - threads.clone,
	      forked.clone3 - threads.clone3);
	check(clocked.gettime64 - forked.gettime64 == CLOCKS && clocked.gettime == forked.gettime,
	      "%d clock_gettime made %u clock_gettime64 and %u clock_gettime calls", CLOCKS,
	      clocked.gettime64 - forked.gettime64, clocked.gettime - forked.gettime);
	check(clocked.enosys == before.enosys, "no ENOSYS since main began (%u before it: glibc's start-up)",
	      before.enosys);
	return finish();
}
