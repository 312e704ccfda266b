/* user/bin/oomhog.c: memory hogs for the OOM killer's tests (tests/test_oom.c)
 * and for seeing it fire by hand (docs/hardening.md):
 *
 *   oomhog touch N        write to N fresh pages, then exit 0
 *                         (N = 0: pages without end, until killed)
 *   oomhog hold N         write to N pages, then wait to be killed
 *   oomhog child          fork a child that touches pages without end;
 *                         exit 0 if it died of SIGKILL, 1 otherwise
 *   oomhog storm ROUNDS   fork children until fork fails (EAGAIN or
 *                         ENOMEM are expected) ROUNDS times, each child
 *                         writing 4 pages, sleeping 20 ms and exiting;
 *                         exit 0 once every round is reaped
 *
 * Not a utest_* program: it must never run under qemu-i386 on the host,
 * whose memory it would eat. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utest.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096UL
#define ENDLESS (768UL << 20)            /* "without end": more than any test guest has */

/* Write to n pages of fresh anonymous memory (0: ENDLESS bytes' worth). */
static void touch_pages(unsigned long n)
{
	unsigned long len = n ? n * PAGE : ENDLESS;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("oomhog: mmap of %lu bytes failed (errno %d)\n", len, errno);
		exit(2);
	}
	for (unsigned long off = 0; off < len; off += PAGE)
		p[off] = 1;
}

static int child_dies_of_sigkill(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		touch_pages(0);
		_exit(0);                        /* more memory than exists: never */
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	printf("oomhog: child %d ended with wait status %#x\n", pid, status);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : 1;
}

/* One round of the storm: fork until it fails, then reap them all. */
static int storm_round(void)
{
	int made = 0;

	for (;;) {
		pid_t pid = fork();

		if (pid == 0) {
			touch_pages(4);
			sleep_ms(20);
			_exit(0);
		}
		if (pid < 0) {
			if (errno != EAGAIN && errno != ENOMEM)
				return -1;
			break;
		}
		made++;
	}
	while (made && wait(NULL) > 0)
		made--;
	return made ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 10) : 0;

	if (argc > 1 && !strcmp(argv[1], "touch")) {
		touch_pages(n);
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "hold")) {
		touch_pages(n);
		for (;;)
			pause();
	}
	if (argc > 1 && !strcmp(argv[1], "child"))
		return child_dies_of_sigkill();
	if (argc > 2 && !strcmp(argv[1], "storm")) {
		for (unsigned long r = 0; r < n; r++)
			if (storm_round())
				return 1;
		return 0;
	}
	printf("usage: oomhog touch N | hold N | child | storm ROUNDS\n");
	return 2;
}
