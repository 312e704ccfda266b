/* user/bin/forkpath.c: makes exactly one task by one system call, for the
 * kernel's self-test that every creation path goes through do_fork
 * (tests/test_tasks.c, every_creation_path_meets_do_fork).
 * `forkpath WAY` with WAY one of
 *   fork    fork()
 *   vfork   vfork()
 *   clone   clone(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | SIGCHLD)
 *   thread  clone with pthread_create's flags (THREAD, SYSVSEM, PARENT_SETTID,
 *           CHILD_CLEARTID; not SETTLS), joined as a thread library does
 *   none    no task at all (what starting the program costs)
 * waits for the task and exits 0 when the call and the wait worked, 1 when
 * they did not, 2 for an unknown WAY. */
#include <futex.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

static char child_stack[16384] __attribute__((aligned(16)));
static volatile int thread_tid = -1;    /* PARENT_SETTID sets it, CLEARTID zeroes it */

static int child_returns(void *arg)
{
	return 0;
}

static int reaped(pid_t pid)
{
	int status = -1;

	return pid > 0 && waitpid(pid, &status, 0) == pid && status == 0;
}

/* pthread_join's way: sleep on the tid word until the kernel zeroes it. */
static int joined(int tid)
{
	int v;

	if (tid <= 0)
		return 0;
	while ((v = thread_tid) != 0)
		__syscall6(__NR_futex, (long)&thread_tid, FUTEX_WAIT, v, 0, 0, 0);
	return 1;
}

int main(int argc, char **argv)
{
	const char *way = argc > 1 ? argv[1] : "";
	char *top = child_stack + sizeof(child_stack);
	pid_t pid;

	if (!strcmp(way, "none"))
		return 0;
	if (!strcmp(way, "fork")) {
		if ((pid = fork()) == 0)
			_exit(0);
		return !reaped(pid);
	}
	if (!strcmp(way, "vfork")) {
		if ((pid = vfork()) == 0)
			_exit(0);
		return !reaped(pid);
	}
	if (!strcmp(way, "clone"))
		return !reaped(clone(child_returns, top,
				     CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | SIGCHLD,
				     NULL, NULL, NULL, NULL));
	if (!strcmp(way, "thread"))
		return !joined(clone(child_returns, top, THREAD_FLAGS, NULL,
				     (pid_t *)&thread_tid, NULL, (pid_t *)&thread_tid));
	return 2;
}
