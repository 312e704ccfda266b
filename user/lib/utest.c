/* user/lib/utest.c: the helpers of include/utest.h, shared by the utest_*
 * programs: time in milliseconds, threads on mmap'd stacks joined through
 * their CLEARTID word, and children made by a bare clone. */
#include <errno.h>
#include <futex.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

char *map_stack(struct thread *th)
{
	th->stack = mmap(NULL, THREAD_STACK_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	th->tid = -1;
	return th->stack == MAP_FAILED ? NULL : th->stack;
}

int thread_start(struct thread *th, int (*fn)(void *), void *arg, int extra_flags)
{
	int r;

	if (!map_stack(th))
		return -1;
	r = clone(fn, th->stack + THREAD_STACK_SIZE, THREAD_FLAGS | extra_flags, arg,
		  (pid_t *)&th->tid, NULL, (pid_t *)&th->tid);
	if (r < 0)
		munmap(th->stack, THREAD_STACK_SIZE);
	return r;
}

void wait_word_zero(volatile int *word)
{
	int v;

	while ((v = *word) != 0)
		__syscall6(__NR_futex, (long)word, FUTEX_WAIT, v, 0, 0, 0);
}

void thread_join(struct thread *th)
{
	wait_word_zero(&th->tid);
	munmap(th->stack, THREAD_STACK_SIZE);
}

void raw_exit(int code)
{
	for (;;)
		__syscall1(__NR_exit, code);
}

void sleep_forever(void)
{
	static int never;

	for (;;)
		__syscall6(__NR_futex, (long)&never, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
}

char child_stack[CHILD_STACK_SIZE] __attribute__((aligned(16)));

int child_returns_0(void *arg)
{
	return 0;
}

int clone_wait(int (*fn)(void *), void *arg, int flags)
{
	int status;
	pid_t pid = clone(fn, CHILD_STACK_TOP, flags | SIGCHLD, arg, NULL, NULL, NULL);

	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int clone_errno(int flags, pid_t *ptid, void *tls, pid_t *ctid)
{
	int status, r;

	r = clone(child_returns_0, CHILD_STACK_TOP, flags, NULL, ptid, tls, ctid);
	if (r < 0)
		return errno;
	if (!(flags & CLONE_THREAD))     /* a thread made anyway ends by itself */
		waitpid(r, &status, __WALL);
	return 0;
}

bool partial_flags_offered(struct ktap *t)
{
	if (ktap_on_tasklab())
		return true;
	ktap_skip(t, "qemu-i386 offers clone only as a fork or a full thread");
	return false;
}
