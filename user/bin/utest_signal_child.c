/* user/bin/utest_signal_child.c: KTAP self-tests of the signals between a
 * parent and its children: job control (SIGSTOP, SIGCONT and wait4's
 * WUNTRACED/WCONTINUED, SA_NOCLDSTOP, a sleep stopped and continued);
 * SIGCHLD at exit with its siginfo, or clone's own exit signal; SIG_IGN'd
 * SIGCHLD reaping children. One of the signal programs listed in
 * user/bin/utest_signal.c; runs on Tasklab and under qemu-i386 on the
 * build host (Linux's ABI). */
#include <errno.h>
#include <ktap.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utest.h>
#include <utest_signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

/* A child that waits for signals for ever. */
static pid_t fork_pauser(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

/* The SIGCHLD of a stop, within a second: the child records its stop
 * under its lock and then tells its parent, two steps that wait4 on
 * another CPU can fall between (so it can on Linux: do_signal_stop
 * notifies after dropping siglock), so the report may come first. */
static void await_sigchld(int code)
{
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < 1000 && last_code != code; i++)
		nanosleep(&ms, NULL);
}

/* Job control: SIGSTOP stops the child (wait4 WUNTRACED reports it, and
 * the parent gets SIGCHLD with CLD_STOPPED), SIGCONT resumes it
 * (WCONTINUED), SIGKILL ends it. */
static void signal_stop_and_continue(struct ktap *t)
{
	int status;
	pid_t pid;

	hits = 0;
	last_code = 0;
	set_info_handler(SIGCHLD, info_handler, SA_RESTART);
	pid = fork_pauser();
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, kill(pid, SIGSTOP), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, WSTOPSIG(status), SIGSTOP);
	await_sigchld(CLD_STOPPED);
	KTAP_EXPECT_EQ(t, last_code, CLD_STOPPED);
	KTAP_EXPECT_EQ(t, last_status, SIGSTOP);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED | WNOHANG), 0);  /* told once */
	KTAP_EXPECT_EQ(t, kill(pid, SIGCONT), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WCONTINUED), pid);
	KTAP_EXPECT_TRUE(t, WIFCONTINUED(status));
	KTAP_EXPECT_EQ(t, kill(pid, SIGSTOP), 0);           /* SIGKILL ends a stopped one */
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, kill(pid, SIGKILL), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGKILL);
	KTAP_EXPECT_EQ(t, last_code, CLD_KILLED);
	set_handler(SIGCHLD, SIG_DFL, 0);
}

/* SA_NOCLDSTOP: no SIGCHLD for a stop (wait4 still reports it), one for
 * the exit. */
static void signal_nocldstop(struct ktap *t)
{
	int status;
	pid_t pid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 does not pass SA_NOCLDSTOP on to the host's sigaction");
		return;
	}
	hits = 0;
	set_info_handler(SIGCHLD, info_handler, SA_RESTART | SA_NOCLDSTOP);
	pid = fork_pauser();
	KTAP_ASSERT_GT(t, pid, 0);
	kill(pid, SIGSTOP);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, hits, 0);
	kill(pid, SIGKILL);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, hits, 1);                          /* the exit is told */
	set_handler(SIGCHLD, SIG_DFL, 0);
}

static int exit_7(void *arg) { return 7; }
static char clone_stack[16384] __attribute__((aligned(16)));

/* The parent hears of a child's exit by the child's exit signal: SIGCHLD
 * from fork, or whatever clone's low byte says, with the child's pid and
 * status in siginfo. */
static void signal_sigchld_on_exit(struct ktap *t)
{
	int status;
	pid_t pid;

	hits = 0;
	set_info_handler(SIGCHLD, info_handler, SA_RESTART);
	pid = fork();
	if (pid == 0)
		_exit(5);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_EQ(t, last_sig, SIGCHLD);
	KTAP_EXPECT_EQ(t, last_code, CLD_EXITED);
	KTAP_EXPECT_EQ(t, last_pid, pid);
	KTAP_EXPECT_EQ(t, last_status, 5);
	set_handler(SIGCHLD, SIG_DFL, 0);
}

static void signal_clone_exit_signal(struct ktap *t)
{
	int status;
	pid_t pid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 refuses a fork-like clone whose exit signal is not SIGCHLD");
		return;
	}
	hits = 0;
	set_info_handler(SIGCHLD, info_handler, SA_RESTART);
	set_info_handler(SIGUSR2, info_handler, SA_RESTART);
	pid = clone(exit_7, clone_stack + sizeof(clone_stack), SIGUSR2, NULL, NULL, NULL, NULL);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WALL), pid);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 7);
	KTAP_EXPECT_EQ(t, hits, 1);                      /* no SIGCHLD */
	KTAP_EXPECT_EQ(t, last_sig, SIGUSR2);
	KTAP_EXPECT_EQ(t, last_code, CLD_EXITED);
	KTAP_EXPECT_EQ(t, last_pid, pid);
	KTAP_EXPECT_EQ(t, last_status, 7);
	set_handler(SIGCHLD, SIG_DFL, 0);
	set_handler(SIGUSR2, SIG_DFL, 0);
}

/* SIGCHLD set to SIG_IGN: children are reaped as they exit, so wait
 * finds none (ECHILD once they are gone). */
static void signal_sigchld_ignored_autoreaps(struct ktap *t)
{
	int status;
	pid_t pid;

	KTAP_ASSERT_EQ(t, set_handler(SIGCHLD, SIG_IGN, 0), 0);
	pid = fork();
	if (pid == 0)
		_exit(1);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(-1, &status, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	set_handler(SIGCHLD, SIG_DFL, 0);
}

/* A sleep stopped and continued (no handler runs) goes on to its first
 * end, not for its whole length again: a 2 s nanosleep stopped at 0.3 s
 * and continued at 1.3 s ends near 2 s (a restart from scratch: 3.3 s). */
static void signal_nanosleep_stop_continue(struct ktap *t)
{
	long start = now_ms(), took;
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec req = { 2, 0 };

		_exit(nanosleep(&req, NULL) == 0 ? 0 : 1);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	sleep_ms(300);
	KTAP_EXPECT_EQ(t, kill(pid, SIGSTOP), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	sleep_ms(1000);
	KTAP_EXPECT_EQ(t, kill(pid, SIGCONT), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	took = now_ms() - start;
	KTAP_EXPECT_TRUE(t, WIFEXITED(status) && WEXITSTATUS(status) == 0);
	KTAP_EXPECT_GE(t, took, 1900);
	KTAP_EXPECT_LT(t, took, 2600);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(signal_stop_and_continue),
	KTAP_CASE(signal_nocldstop),
	KTAP_CASE(signal_sigchld_on_exit),
	KTAP_CASE(signal_clone_exit_signal),
	KTAP_CASE(signal_nanosleep_stop_continue),
	KTAP_CASE(signal_sigchld_ignored_autoreaps),
	{}
};

int main(void)
{
	return ktap_run_suite("signal_child", cases);
}
