/* user/bin/utest_thread_exit.c: KTAP self-tests of how threads and their
 * process end: exit versus exit_group, a leader that exits before its
 * threads, a fatal signal to one thread, execve from a thread (de_thread),
 * wait4 by process group, "clone" children (__WCLONE) and CLONE_PARENT.
 * One of the thread programs listed in user/bin/utest_thread.c; runs on
 * Tasklab and under qemu-i386 on the build host (Linux's ABI).
 * `utest_thread_exit --exec-check PID` is the program a thread execs: it
 * exits EXEC_OK when it has pid PID and is its group's only thread. */
#include <errno.h>
#include <fcntl.h>
#include <futex.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define EXEC_OK      42

/* ---- exit, exit_group and the group's end ---- */

static volatile int started;

static int thread_sleeps(void *arg)
{
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	sleep_forever();
	return 0;
}

static int thread_exit_groups(void *arg)
{
	while (started < 3)
		__syscall0(__NR_sched_yield);
	__syscall1(__NR_exit_group, 9);
	return 0;
}

/* In a child: 3 threads asleep in FUTEX_WAIT; then exit_group(code), from
 * the leader (code 7) or from a fourth thread (code 9). */
static void child_group_exit(bool from_thread)
{
	struct thread th[4];

	started = 0;
	for (int i = 0; i < 3; i++)
		if (thread_start(&th[i], thread_sleeps, NULL, 0) < 0)
			_exit(1);
	if (from_thread) {
		thread_start(&th[3], thread_exit_groups, NULL, 0);
		sleep_forever();
	}
	while (started < 3)
		sched_yield();
	_exit(7);                                     /* exit_group */
}

static void exit_group_ends_every_thread(struct ktap *t)
{
	for (int from_thread = 0; from_thread < 2; from_thread++) {
		int status = -1;
		pid_t pid = fork();

		if (pid == 0)
			child_group_exit(from_thread);
		KTAP_ASSERT_GT(t, pid, 0);
		KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
		KTAP_EXPECT_TRUE(t, WIFEXITED(status));
		KTAP_EXPECT_EQ(t, WEXITSTATUS(status), from_thread ? 9 : 7);
	}
}

static volatile int leader_word;
static int pipe_up[2], pipe_down[2];

/* The leader has gone (its CLEARTID word is zeroed): tell the parent, wait
 * for its go, end. */
static int thread_outlives_leader(void *arg)
{
	char c = 'L';

	wait_word_zero(&leader_word);
	__syscall3(__NR_write, pipe_up[1], (long)&c, 1);
	__syscall3(__NR_read, pipe_down[0], (long)&c, 1);
	raw_exit(5);
	return 0;
}

/* In a child: start a thread running fn, then exit(3) from the leader
 * alone, its CLEARTID word leader_word zeroed when it is gone. */
static void child_leader_exits_first(int (*fn)(void *))
{
	struct thread th;

	leader_word = gettid();
	set_tid_address((int *)&leader_word);
	if (thread_start(&th, fn, NULL, 0) < 0)
		_exit(1);
	raw_exit(3);                                  /* exit: this thread only */
}

/* wait4 does not report a group whose leader exited while a thread runs;
 * it reports the leader's code once the last thread is gone. */
static void wait_reports_group_after_last_thread(struct ktap *t)
{
	int status = -1;
	char c = 0;
	pid_t pid;

	KTAP_ASSERT_EQ(t, pipe(pipe_up), 0);
	KTAP_ASSERT_EQ(t, pipe(pipe_down), 0);
	pid = fork();
	if (pid == 0)
		child_leader_exits_first(thread_outlives_leader);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, read(pipe_up[0], &c, 1), 1);  /* the leader is gone */
	KTAP_EXPECT_EQ(t, c, 'L');
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WNOHANG), 0);   /* but not the group */
	KTAP_EXPECT_EQ(t, write(pipe_down[1], "g", 1), 1);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	if (ktap_on_tasklab())                         /* qemu's leader leaves by pthread_exit */
		KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 3);
	for (int i = 0; i < 2; i++) {
		close(pipe_up[i]);
		close(pipe_down[i]);
	}
}

/* The leader has gone (its CLEARTID word is zeroed): end the group. */
static int thread_exit_groups_after_leader(void *arg)
{
	wait_word_zero(&leader_word);
	__syscall1(__NR_exit_group, 9);
	return 0;
}

/* The leader exit()s with 3, then another thread exit_group()s with 9:
 * wait4 reports the group's code, 9, not the leader's own, as Linux. */
static void wait_reports_group_code_after_leader_exit(struct ktap *t)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		child_leader_exits_first(thread_exit_groups_after_leader);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 9);
}

static int thread_reports_tid(void *arg)
{
	int tid = __syscall0(__NR_gettid);

	__syscall3(__NR_write, pipe_up[1], (long)&tid, sizeof(tid));
	sleep_forever();
	return 0;
}

/* A fatal signal ends the whole group, whichever thread it names, and
 * wakes the threads asleep in FUTEX_WAIT: kill the thread's tid while the
 * leader sleeps on a futex; wait4 sees the process killed by SIGKILL. */
static void kill_of_a_thread_ends_the_group(struct ktap *t)
{
	struct thread th;
	int tid = 0, status = 0;
	pid_t pid;

	KTAP_ASSERT_EQ(t, pipe(pipe_up), 0);
	pid = fork();
	if (pid == 0) {
		if (thread_start(&th, thread_reports_tid, NULL, 0) < 0)
			_exit(1);
		sleep_forever();
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, read(pipe_up[0], &tid, sizeof(tid)), (long)sizeof(tid));
	KTAP_EXPECT_NE(t, tid, pid);
	KTAP_EXPECT_EQ(t, kill(tid, SIGKILL), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGKILL);
	close(pipe_up[0]);
	close(pipe_up[1]);
}

/* ---- execve from a thread (de_thread) ---- */

static const char *self_path(void)
{
	const char *p = (const char *)getauxval(AT_EXECFN);

	return p ? p : "/bin/utest_thread_exit";
}

static char exec_pid_arg[16];

static int thread_execs(void *arg)
{
	char *argv[] = { "utest_thread_exit", "--exec-check", exec_pid_arg, NULL };

	__syscall3(__NR_execve, (long)self_path(), (long)argv, (long)environ);
	raw_exit(1);
	return 0;
}

static int thread_execs_after_leader(void *arg)
{
	wait_word_zero(&leader_word);                 /* the leader is a zombie now */
	return thread_execs(arg);
}

enum exec_from { EXEC_FROM_THREAD, EXEC_FROM_LEADER, EXEC_AFTER_LEADER_EXIT };

/* In a child: a sleeping thread, then an exec from another thread, from
 * the leader, or from a thread once the leader has exited (a zombie whose
 * place it takes); the program exec'd checks it has the leader's pid. */
static void child_execs(enum exec_from from)
{
	struct thread th[2];

	snprintf(exec_pid_arg, sizeof(exec_pid_arg), "%d", getpid());
	started = 0;
	thread_start(&th[0], thread_sleeps, NULL, 0);
	while (started < 1)
		sched_yield();
	if (from == EXEC_FROM_LEADER)
		thread_execs(NULL);
	if (from == EXEC_AFTER_LEADER_EXIT) {
		leader_word = gettid();
		set_tid_address((int *)&leader_word);
		thread_start(&th[1], thread_execs_after_leader, NULL, 0);
		raw_exit(3);
	}
	thread_start(&th[1], thread_execs, NULL, 0);
	sleep_forever();                              /* killed by the exec */
}

static int child_execs_from_thread(void *arg)
{
	child_execs(EXEC_FROM_THREAD);
	return 1;
}

/* A process made by clone with exit signal 0 is a "clone" child (wait4
 * finds it only with __WCLONE or __WALL); once a thread of it has exec'd,
 * it reports with SIGCHLD, as Linux's de_thread, and a plain wait4 finds
 * it. */
static void exec_from_thread_gives_sigchld(struct ktap *t)
{
	struct timespec ms = { 0, 1000000 };
	pid_t pid = clone(child_execs_from_thread, CHILD_STACK_TOP, 0,
			  NULL, NULL, NULL, NULL);
	int status = -1, i;

	KTAP_ASSERT_GT(t, pid, 0);
	for (i = 0; i < 3000 && waitpid(pid, &status, WNOHANG) != pid; i++)
		nanosleep(&ms, NULL);            /* ECHILD until the exec: a clone child */
	if (i == 3000)
		waitpid(pid, &status, __WALL);
	KTAP_EXPECT_LT(t, i, 3000);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), EXEC_OK);
}

static void exec_from_thread_takes_leader_pid(struct ktap *t)
{
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "an i386 program cannot exec another under qemu-i386");
		return;
	}
	for (int from = EXEC_FROM_THREAD; from <= EXEC_AFTER_LEADER_EXIT; from++) {
		int status = -1;
		pid_t pid = fork();

		if (pid == 0)
			child_execs(from);
		KTAP_ASSERT_GT(t, pid, 0);
		KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
		KTAP_EXPECT_TRUE(t, WIFEXITED(status));
		KTAP_EXPECT_EQ(t, WEXITSTATUS(status), EXEC_OK);
	}
	exec_from_thread_gives_sigchld(t);
}

/* ---- wait4 by process group, CLONE_PARENT ---- */

static pid_t fork_exit(int code, bool own_group)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		_exit(code);
	}
	if (pid > 0 && own_group)
		setpgid(pid, pid);                    /* either may run first */
	return pid;
}

static void wait4_by_process_group(struct ktap *t)
{
	pid_t other = fork_exit(11, true), mine = fork_exit(12, false);
	int status;

	KTAP_ASSERT_GT(t, other, 0);
	KTAP_ASSERT_GT(t, mine, 0);
	KTAP_EXPECT_EQ(t, waitpid(0, &status, 0), mine);            /* our group only */
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 12);
	KTAP_EXPECT_EQ(t, waitpid(0, &status, WNOHANG), -1);        /* none left in it */
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitpid(-other, &status, 0), other);       /* group -pid */
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 11);
	KTAP_EXPECT_EQ(t, waitpid(-other, &status, WNOHANG), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
}

/* A child whose exit signal is not SIGCHLD is a "clone" child: plain
 * waitpid does not see it, __WCLONE or __WALL does (Linux's rule). */
static void wait_clone_child_needs_wclone(struct ktap *t)
{
	int status = -1;
	pid_t pid;

	if (!partial_flags_offered(t))
		return;
	pid = clone(child_returns_0, CHILD_STACK_TOP, 0, NULL, NULL, NULL, NULL);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WCLONE), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	pid = clone(child_returns_0, CHILD_STACK_TOP, SIGCHLD, NULL, NULL, NULL, NULL);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WCLONE), -1);    /* not a clone child */
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WALL), pid);
}

static int sibling_reports(void *arg)
{
	int v[2] = { __syscall0(__NR_getpid), __syscall0(__NR_getppid) };

	__syscall3(__NR_write, pipe_up[1], (long)v, sizeof(v));
	return 33;
}

static void clone_parent_makes_sibling(struct ktap *t)
{
	int v[2] = { 0, 0 }, status;
	pid_t pid;

	if (!partial_flags_offered(t))
		return;
	KTAP_ASSERT_EQ(t, pipe(pipe_up), 0);
	pid = fork();
	if (pid == 0)
		_exit(clone(sibling_reports, CHILD_STACK_TOP,
			    CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, NULL) > 0 ? 0 : 1);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, read(pipe_up[0], v, sizeof(v)), (long)sizeof(v));
	KTAP_EXPECT_EQ(t, v[1], getpid());            /* our child, not the caller's */
	KTAP_EXPECT_EQ(t, waitpid(v[0], &status, 0), v[0]);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 33);
	close(pipe_up[0]);
	close(pipe_up[1]);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(exit_group_ends_every_thread),
	KTAP_CASE(wait_reports_group_after_last_thread),
	KTAP_CASE(wait_reports_group_code_after_leader_exit),
	KTAP_CASE(kill_of_a_thread_ends_the_group),
	KTAP_CASE(exec_from_thread_takes_leader_pid),
	KTAP_CASE(wait4_by_process_group),
	KTAP_CASE(clone_parent_makes_sibling),
	KTAP_CASE(wait_clone_child_needs_wclone),
	{}
};

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--exec-check"))   /* exec'd by a thread */
		return getpid() == atoi(argv[2]) && gettid() == getpid() ? EXEC_OK : 1;
	return ktap_run_suite("thread_exit", cases);
}
