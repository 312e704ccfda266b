/* user/bin/utest_signal_wait.c: KTAP self-tests of waiting for signals
 * and of the calls a signal interrupts: sigsuspend; sigtimedwait,
 * sigwaitinfo and sigwait (and the longest timeouts); SA_RESTART against
 * EINTR on a blocking pipe read and on wait4; nanosleep cut short with
 * the time left. One of the signal programs listed in
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

/* sigsuspend: wait with SIGUSR1 unblocked, handler runs, EINTR, and the
 * mask from before (SIGUSR1 blocked) is back. */
static void signal_sigsuspend(struct ktap *t)
{
	sigset_t blk = set_of(SIGUSR1), empty = set_of(0), old, now;
	pid_t pid;
	int status;

	hits = 0;
	set_handler(SIGUSR1, count_handler, 0);
	sigprocmask(SIG_BLOCK, &blk, &old);
	pid = send_later(SIGUSR1, 50);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, sigsuspend(&empty), -1);
	KTAP_EXPECT_EQ(t, errno, EINTR);
	KTAP_EXPECT_EQ(t, hits, 1);
	sigprocmask(SIG_SETMASK, NULL, &now);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGUSR1), 1);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	sigprocmask(SIG_SETMASK, &old, NULL);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

static int data_pipe[2];

static void write_data(void)
{
	write(data_pipe[1], "d", 1);
}

/* A read blocked on an empty pipe, signals with a handler (keep_signalling):
 * EINTR without SA_RESTART; with it the read goes on and gets the byte
 * written at the second hit. */
static long read_with_signal(int flags, char *c)
{
	pid_t sender;
	long n;

	if (pipe(data_pipe))
		return -100;
	sender = keep_signalling(SIGUSR1, gettid(), flags, write_data);
	in_call = 1;
	n = sender < 0 ? -1000 : read(data_pipe[0], c, 1);
	if (n == -1)
		n = -errno;
	stop_signalling(SIGUSR1, sender);
	close(data_pipe[0]);
	close(data_pipe[1]);
	return n;
}

static void signal_restart_vs_eintr(struct ktap *t)
{
	char c = 0;

	KTAP_EXPECT_EQ(t, read_with_signal(0, &c), -EINTR);
	KTAP_EXPECT_GE(t, call_hits, 1);
	KTAP_EXPECT_EQ(t, read_with_signal(SA_RESTART, &c), 1);
	KTAP_EXPECT_EQ(t, c, 'd');
	KTAP_EXPECT_GE(t, call_hits, 2);              /* interrupted, then restarted */
}

/* nanosleep(req, rem) under a stream of handled sig (handler flags as
 * given): 0, or -errno. */
static long nanosleep_signalled(int sig, int flags, const struct timespec *req,
				struct timespec *rem)
{
	pid_t sender = keep_signalling(sig, gettid(), flags, NULL);
	long ret;

	if (sender < 0)
		return -1000;
	in_call = 1;
	ret = nanosleep(req, rem) ? -errno : 0;
	stop_signalling(sig, sender);
	return ret;
}

/* nanosleep cut short by a handled signal: EINTR (SA_RESTART or not) and
 * the time left. */
static void signal_nanosleep_eintr(struct ktap *t)
{
	struct timespec req = { 5, 0 }, rem = { -1, -1 };

	KTAP_EXPECT_EQ(t, nanosleep_signalled(SIGUSR1, SA_RESTART, &req, &rem), -EINTR);
	KTAP_EXPECT_GE(t, call_hits, 1);
	KTAP_EXPECT_TRUE(t, rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000L);
	KTAP_EXPECT_GT(t, rem.tv_sec * 1000L + rem.tv_nsec / 1000000L, 3000);   /* most of it */
	KTAP_EXPECT_LE(t, rem.tv_sec * 1000L + rem.tv_nsec / 1000000L, 5000);
}

/* rt_sigtimedwait: a blocked pending signal is taken without its handler,
 * with its siginfo; none pending is EAGAIN at once (zero timeout) or after
 * the timeout; a signal that would kill (SIGTERM, default) is taken alive
 * when it arrives during the wait. */
static void signal_sigtimedwait(struct ktap *t)
{
	sigset_t s = set_of(SIGUSR1), old;
	struct timespec zero = { 0, 0 }, short_wait = { 0, 30000000 };
	siginfo_t si;
	pid_t pid;
	int sig = 0, status;

	hits = 0;
	set_handler(SIGUSR1, count_handler, 0);
	sigaddset(&s, SIGTERM);
	sigprocmask(SIG_BLOCK, &s, &old);
	raise(SIGUSR1);
	memset(&si, 0, sizeof(si));
	KTAP_EXPECT_EQ(t, sigwaitinfo(&s, &si), SIGUSR1);
	KTAP_EXPECT_EQ(t, si.si_signo, SIGUSR1);
	KTAP_EXPECT_EQ(t, si.si_code, SI_TKILL);
	KTAP_EXPECT_EQ(t, si.si_pid, getpid());
	KTAP_EXPECT_EQ(t, hits, 0);                          /* no handler ran */
	KTAP_EXPECT_EQ(t, sigtimedwait(&s, &si, &zero), -1);
	KTAP_EXPECT_EQ(t, errno, EAGAIN);
	KTAP_EXPECT_EQ(t, sigtimedwait(&s, &si, &short_wait), -1);
	KTAP_EXPECT_EQ(t, errno, EAGAIN);
	pid = send_later(SIGTERM, 50);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, sigwait(&s, &sig), 0);
	KTAP_EXPECT_EQ(t, sig, SIGTERM);
	waitpid(pid, &status, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* The longest timeouts (tv_sec 0x7fffffff) are long waits, not an
 * overflow into no wait at all: sigtimedwait takes a signal sent 200 ms
 * later, nanosleep is cut short by a handler with most of it left. */
static void signal_huge_timeouts(struct ktap *t)
{
	sigset_t s = set_of(SIGUSR2), old;
	struct timespec huge = { 0x7fffffff, 0 }, rem = { 0, 0 };
	int status;
	pid_t pid;

	set_handler(SIGUSR2, count_handler, 0);       /* a late one does not kill */
	sigprocmask(SIG_BLOCK, &s, &old);
	pid = send_later(SIGUSR2, 200);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, sigtimedwait(&s, NULL, &huge), SIGUSR2);
	waitpid(pid, &status, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	KTAP_EXPECT_EQ(t, nanosleep_signalled(SIGUSR2, 0, &huge, &rem), -EINTR);
	KTAP_EXPECT_GT(t, rem.tv_sec, 1000000);              /* months left */
}

static pid_t waited_child;

static void end_waited_child(void)
{
	kill(waited_child, SIGKILL);
}

/* wait4 for a child that lives until the second hit of a handled signal
 * ends it: the child's pid under SA_RESTART (the wait went on), else
 * EINTR. */
static long wait_with_signal(int flags)
{
	int status;
	pid_t sender;
	long ret;

	waited_child = fork();
	if (waited_child == 0)
		for (;;)
			pause();
	if (waited_child < 0)
		return -1000;
	sender = keep_signalling(SIGUSR1, gettid(), flags, end_waited_child);
	in_call = 1;
	ret = sender < 0 ? -1000 : waitpid(waited_child, &status, 0);
	if (ret == -1)
		ret = -errno;
	stop_signalling(SIGUSR1, sender);
	if (ret != waited_child) {
		kill(waited_child, SIGKILL);
		waitpid(waited_child, &status, 0);
	}
	return ret == waited_child ? 0 : ret;
}

static void signal_wait4_restart(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, wait_with_signal(0), -EINTR);
	KTAP_EXPECT_GE(t, call_hits, 1);
	KTAP_EXPECT_EQ(t, wait_with_signal(SA_RESTART), 0);
	KTAP_EXPECT_GE(t, call_hits, 2);              /* interrupted, then restarted */
}

/* A signal left at its default action of "ignore" (SIGCHLD) but blocked
 * is kept, also while sigtimedwait waits for it: BusyBox init learns of
 * its children's ends so, SIGCHLD blocked at SIG_DFL. */
static void signal_sigtimedwait_default_ignored(struct ktap *t)
{
	sigset_t chld = set_of(SIGCHLD), old;
	struct timespec two_s = { 2, 0 };
	siginfo_t info;
	int status;
	pid_t pid;

	set_handler(SIGCHLD, SIG_DFL, 0);
	sigprocmask(SIG_BLOCK, &chld, &old);
	pid = fork();
	if (pid == 0) {
		sleep_ms(100);                 /* the parent waits by now */
		_exit(7);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, sigtimedwait(&chld, &info, &two_s), SIGCHLD);
	KTAP_EXPECT_EQ(t, info.si_pid, pid);
	KTAP_EXPECT_EQ(t, info.si_code, CLD_EXITED);
	KTAP_EXPECT_EQ(t, info.si_status, 7);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(signal_sigsuspend),
	KTAP_CASE(signal_sigtimedwait),
	KTAP_CASE(signal_sigtimedwait_default_ignored),
	KTAP_CASE(signal_huge_timeouts),
	KTAP_CASE(signal_restart_vs_eintr),
	KTAP_CASE(signal_wait4_restart),
	KTAP_CASE(signal_nanosleep_eintr),
	{}
};

int main(void)
{
	return ktap_run_suite("signal_wait", cases);
}
