/* user/bin/utest_stress.c: many processes, one after another, as Pintos'
 * and xv6's fork tests do. 1000 rounds of fork, exit with a distinct code,
 * waitpid; then a round that touched memory before forking (every COW page
 * copied or handed back); then a chain of nested forks. The kernel's runner
 * checks that free pages and slab objects are back to their baseline
 * afterwards (ktest's program suites), so a leak per process shows. */
#include <errno.h>
#include <ktap.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define ROUNDS 1000

static void stress_fork_exit_wait_1000(struct ktap *t)
{
	int bad = 0;

	for (int i = 0; i < ROUNDS; i++) {
		int status = -1;
		pid_t child = fork();

		if (child == 0)
			_exit(i & 0x7f);
		if (child < 0 || waitpid(child, &status, 0) != child ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != (i & 0x7f))
			bad++;
	}
	KTAP_EXPECT_EQ(t, bad, 0);
	KTAP_EXPECT_EQ(t, waitpid(-1, NULL, WNOHANG), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
}

/* Children write to every page of a 1 MiB mapping the parent filled. */
static void stress_fork_cow_writes(struct ktap *t)
{
	size_t len = 1 << 20;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int bad = 0;

	KTAP_ASSERT_TRUE(t, p != MAP_FAILED);
	memset(p, 'p', len);
	for (int i = 0; i < 20; i++) {
		int status = -1;
		pid_t child = fork();

		if (child == 0) {
			for (size_t off = 0; off < len; off += 4096)
				p[off] = 'c';
			_exit(p[len - 4096] == 'c' ? 0 : 1);
		}
		if (child < 0 || waitpid(child, &status, 0) != child || status != 0)
			bad++;
	}
	KTAP_EXPECT_EQ(t, bad, 0);
	KTAP_EXPECT_EQ(t, p[0], 'p');
	KTAP_EXPECT_EQ(t, p[len - 1], 'p');
	KTAP_EXPECT_EQ(t, munmap(p, len), 0);
}

/* Each child forks the next, 50 deep; each waits for its own child and
 * passes the depth reached back up in its exit status. */
static int chain(int depth)
{
	int status;
	pid_t child;

	if (depth == 50)
		return 50;
	child = fork();
	if (child < 0)
		return depth;
	if (child == 0)
		_exit(chain(depth + 1));
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void stress_fork_chain_50(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, chain(0), 50);
}

static const struct ktap_case stress_cases[] = {
	KTAP_CASE(stress_fork_exit_wait_1000),
	KTAP_CASE(stress_fork_cow_writes),
	KTAP_CASE(stress_fork_chain_50),
	{}
};

int main(void)
{
	return ktap_run_suite("stress", stress_cases);
}
