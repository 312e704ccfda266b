/* user/bin/utest_signal.c: KTAP self-tests of sending and delivering
 * signals as a program sees them: SA_SIGINFO's siginfo; blocking, pending
 * and delivery on unblock (standard signals merge, real-time ones queue);
 * the mask inside a handler, SA_RESETHAND and SA_NODEFER; default actions
 * seen by wait4 (a fault is fatal even when blocked); SIGPIPE; kill(0) to
 * a process group; rt_sigqueueinfo; the errors (EINVAL for SIGKILL/SIGSTOP
 * actions and bad numbers, ESRCH, EFAULT) and EPERM for a child turned
 * user 1000 (setresuid). Runs on Tasklab and under qemu-i386 on the
 * build host (Linux's ABI), where both must pass. Its siblings:
 * utest_signal_frame (handlers' frames, faults, sigreturn, the alternate
 * stack), utest_signal_wait (sigsuspend, sigtimedwait, interrupted calls),
 * utest_signal_child (job control, SIGCHLD) and utest_signal_threads; the
 * kernel suite `signal_kernel` checks the permission rules in-kernel too. */
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

/* SA_SIGINFO: who sent it (kill: SI_USER and our pid; raise goes through
 * tgkill: SI_TKILL), and a ucontext. */
static void signal_siginfo(struct ktap *t)
{
	hits = 0;
	KTAP_ASSERT_EQ(t, set_info_handler(SIGUSR2, info_handler, 0), 0);
	KTAP_EXPECT_EQ(t, kill(getpid(), SIGUSR2), 0);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_EQ(t, last_sig, SIGUSR2);
	KTAP_EXPECT_EQ(t, last_code, SI_USER);
	KTAP_EXPECT_EQ(t, last_pid, getpid());
	KTAP_EXPECT_TRUE(t, last_uc != NULL);
	KTAP_EXPECT_EQ(t, raise(SIGUSR2), 0);
	KTAP_EXPECT_EQ(t, hits, 2);
	KTAP_EXPECT_EQ(t, last_code, SI_TKILL);
	set_handler(SIGUSR2, SIG_DFL, 0);
}

/* Blocked: stays pending (standard signals once, real-time ones each
 * time), delivered when unblocked. */
static void signal_blocked_then_delivered(struct ktap *t)
{
	sigset_t s = set_of(SIGUSR1), pend, old;

	hits = 0;
	sigaddset(&s, SIGRTMIN + 2);
	set_handler(SIGUSR1, count_handler, 0);
	set_handler(SIGRTMIN + 2, count_handler, 0);
	KTAP_ASSERT_EQ(t, sigprocmask(SIG_BLOCK, &s, &old), 0);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	for (int i = 0; i < 3; i++)
		kill(getpid(), SIGRTMIN + 2);
	KTAP_EXPECT_EQ(t, hits, 0);
	KTAP_EXPECT_EQ(t, sigpending(&pend), 0);
	KTAP_EXPECT_EQ(t, sigismember(&pend, SIGUSR1), 1);
	KTAP_EXPECT_EQ(t, sigismember(&pend, SIGRTMIN + 2), 1);
	KTAP_EXPECT_EQ(t, sigismember(&pend, SIGUSR2), 0);
	KTAP_EXPECT_EQ(t, sigprocmask(SIG_SETMASK, &old, NULL), 0);
	KTAP_EXPECT_EQ(t, hits, 1 + 3);
	KTAP_EXPECT_EQ(t, sigpending(&pend), 0);
	KTAP_EXPECT_EQ(t, sigismember(&pend, SIGUSR1), 0);
	set_handler(SIGUSR1, SIG_DFL, 0);
	set_handler(SIGRTMIN + 2, SIG_DFL, 0);
}

/* SIGKILL and SIGSTOP cannot be blocked: sigprocmask drops them quietly. */
static void signal_mask_rules(struct ktap *t)
{
	sigset_t all, now, old;

	sigfillset(&all);
	KTAP_ASSERT_EQ(t, sigprocmask(SIG_SETMASK, &all, &old), 0);
	KTAP_ASSERT_EQ(t, sigprocmask(SIG_SETMASK, NULL, &now), 0);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGKILL), 0);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGSTOP), 0);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGTERM), 1);
	KTAP_EXPECT_EQ(t, sigprocmask(SIG_SETMASK, &old, NULL), 0);
	KTAP_EXPECT_EQ(t, sigprocmask(7, &all, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	/* the kernel's sigset is 8 bytes: anything else is EINVAL */
	KTAP_EXPECT_EQ(t, syscall(__NR_rt_sigprocmask, SIG_BLOCK, (long)&all, 0, 4, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, syscall(__NR_rt_sigprocmask, SIG_BLOCK, 16, 0, 8, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
}

/* The low word of the mask a handler runs with. */
static volatile unsigned long handler_blocked_lo;

static void mask_probe_handler(int sig)
{
	sigset_t now;

	hits++;
	sigprocmask(SIG_SETMASK, NULL, &now);
	handler_blocked_lo = now.sig[0];
}

/* In a handler: its own signal and sa_mask are blocked (not its own with
 * SA_NODEFER); after it, the old mask is back. SA_RESETHAND runs it once. */
static void signal_handler_mask_and_flags(struct ktap *t)
{
	struct sigaction sa, cur;
	sigset_t now;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mask_probe_handler;
	sigaddset(&sa.sa_mask, SIGTERM);
	sa.sa_flags = SA_RESETHAND;
	hits = 0;
	KTAP_ASSERT_EQ(t, sigaction(SIGUSR1, &sa, NULL), 0);
	kill(getpid(), SIGUSR1);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_TRUE(t, handler_blocked_lo & (1UL << (SIGUSR1 - 1)));
	KTAP_EXPECT_TRUE(t, handler_blocked_lo & (1UL << (SIGTERM - 1)));
	sigprocmask(SIG_SETMASK, NULL, &now);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGUSR1), 0);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGTERM), 0);
	KTAP_ASSERT_EQ(t, sigaction(SIGUSR1, NULL, &cur), 0);
	KTAP_EXPECT_TRUE(t, cur.sa_handler == SIG_DFL);      /* SA_RESETHAND */

	sa.sa_flags = SA_NODEFER;
	KTAP_ASSERT_EQ(t, sigaction(SIGUSR1, &sa, NULL), 0);
	kill(getpid(), SIGUSR1);
	KTAP_EXPECT_EQ(t, hits, 2);
	KTAP_EXPECT_TRUE(t, !(handler_blocked_lo & (1UL << (SIGUSR1 - 1))));
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* A divide by zero with SIGFPE blocked still kills (faults are forced). */
static int divide_blocked(void)
{
	sigset_t s = set_of(SIGFPE);
	volatile int zero = 0;

	sigprocmask(SIG_BLOCK, &s, NULL);
	return 10 / zero;
}

static int term_self(void) { kill(getpid(), SIGTERM); return 3; }
static int usr1_self(void) { raise(SIGUSR1); return 3; }
static int ignored_self(void)
{
	signal(SIGTERM, SIG_IGN);
	kill(getpid(), SIGTERM);
	kill(getpid(), SIGCHLD);              /* default: ignored */
	kill(getpid(), SIGWINCH);
	return 4;
}

static void signal_default_actions(struct ktap *t)
{
	int s = ktap_run_child(term_self);

	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGTERM);
	KTAP_EXPECT_TRUE(t, !(WCOREDUMP(s)));
	s = ktap_run_child(usr1_self);
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGUSR1);
	s = ktap_run_child(ignored_self);
	KTAP_EXPECT_TRUE(t, WIFEXITED(s));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(s), 4);
	s = ktap_run_child(divide_blocked);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGFPE);
}

/* Writing to a pipe nobody reads: SIGPIPE, which kills by default; with
 * SIGPIPE ignored the write fails with EPIPE instead. */
static int write_to_closed_pipe(void)
{
	int fds[2];

	if (pipe(fds))
		return 2;
	close(fds[0]);
	write(fds[1], "x", 1);
	return errno == EPIPE ? 0 : 1;
}

static int write_to_closed_pipe_ignored(void)
{
	signal(SIGPIPE, SIG_IGN);
	return write_to_closed_pipe() + 10;
}

static void signal_sigpipe(struct ktap *t)
{
	int s = ktap_run_child(write_to_closed_pipe);

	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGPIPE);
	s = ktap_run_child(write_to_closed_pipe_ignored);
	KTAP_EXPECT_TRUE(t, WIFEXITED(s));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(s), 10);
}

/* kill(0) reaches every process of the caller's group: a makes a group
 * of its own with a child b, and kill(0, SIGUSR2) ends a (default action)
 * and runs b's handler, which reports through a pipe. A group with no
 * member left is ESRCH. */
static int report_fd;

static void report_handler(int sig)
{
	write(report_fd, "b", 1);
	_exit(0);
}

static void signal_process_group_kill(struct ktap *t)
{
	int report[2], ready[2], sa, sb;
	char c = 0;
	pid_t a, b;

	KTAP_ASSERT_EQ(t, pipe(report), 0);
	KTAP_ASSERT_EQ(t, pipe(ready), 0);
	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		if (fork() == 0) {                  /* b, in a's group */
			report_fd = report[1];
			set_handler(SIGUSR2, report_handler, 0);
			write(ready[1], "r", 1);
			for (;;)
				pause();
		}
		read(ready[0], &c, 1);
		kill(0, SIGUSR2);
		for (;;)
			pause();
	}
	KTAP_ASSERT_GT(t, a, 0);
	close(report[1]);
	KTAP_EXPECT_EQ(t, waitpid(a, &sa, 0), a);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(sa));
	KTAP_EXPECT_EQ(t, WTERMSIG(sa), SIGUSR2);
	KTAP_EXPECT_EQ(t, read(report[0], &c, 1), 1);
	KTAP_EXPECT_EQ(t, c, 'b');
	close(report[0]);
	close(ready[0]);
	close(ready[1]);
	b = fork();
	if (b == 0)
		_exit(0);
	waitpid(b, &sb, 0);
	KTAP_EXPECT_EQ(t, kill(-b, SIGTERM), -1);      /* nobody in group b */
	KTAP_EXPECT_EQ(t, errno, ESRCH);
}

static void signal_errors(struct ktap *t)
{
	struct sigaction sa;
	int status;
	pid_t gone;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = count_handler;
	KTAP_EXPECT_EQ(t, sigaction(SIGKILL, &sa, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sigaction(SIGSTOP, &sa, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	sa.sa_handler = SIG_IGN;
	KTAP_EXPECT_EQ(t, sigaction(SIGKILL, &sa, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sigaction(0, &sa, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sigaction(65, &sa, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, syscall(__NR_rt_sigaction, SIGUSR1, 16, 0, 8, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, kill(getpid(), 65), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, kill(getpid(), -1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, kill(getpid(), 0), 0);        /* exists */
	gone = fork();
	if (gone == 0)
		_exit(0);
	KTAP_ASSERT_GT(t, gone, 0);
	KTAP_ASSERT_EQ(t, waitpid(gone, &status, 0), gone);
	KTAP_EXPECT_EQ(t, kill(gone, SIGTERM), -1);    /* reaped: no such pid */
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, kill(gone, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, tkill(0, SIGUSR1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, tgkill(getpid() == 1 ? 2 : 1, gettid(), SIGUSR1), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);                /* tid not in that group */
	KTAP_EXPECT_EQ(t, tgkill(getpid(), gettid(), 0), 0);
}

/* EPERM: a child that became user 1000 may not signal its root parent
 * (kill, tgkill, signal 0 too) but may signal itself; root may signal it.
 * It says on fd `done` when its checks have passed, and waits for root. */
static int unprivileged_kills(int done)
{
	pid_t parent = getppid();

	if (setresuid(1000, 1000, 1000))
		return 10;
	if (kill(parent, SIGUSR1) != -1 || errno != EPERM)
		return 11;
	if (kill(parent, 0) != -1 || errno != EPERM)
		return 12;
	if (tgkill(parent, parent, SIGUSR1) != -1 || errno != EPERM)
		return 13;
	if (kill(getpid(), 0) != 0)
		return 14;
	write(done, "k", 1);
	for (;;)
		pause();                            /* until root's SIGTERM */
}

static void signal_kill_eperm(struct ktap *t)
{
	int status, done[2];
	pid_t pid;
	char c;

	if (getuid() != 0) {
		ktap_skip(t, "needs root to become another user");
		return;
	}
	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_ASSERT_EQ(t, pipe(done), 0);
	pid = fork();
	if (pid == 0)
		_exit(unprivileged_kills(done[1]));
	close(done[1]);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, read(done[0], &c, 1), 1);        /* its checks passed: EOF if not */
	close(done[0]);
	KTAP_EXPECT_EQ(t, kill(pid, SIGTERM), 0);         /* root may */
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));           /* else: exit code = failed step */
	KTAP_EXPECT_EQ(t, WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), SIGTERM);
}

/* rt_sigqueueinfo (sigqueue): the caller's siginfo arrives as given (the
 * value in si_value, here si_status's place); a siginfo claiming kill
 * (si_code >= 0) may go to the caller's own process only: EPERM for a
 * child. */
static void signal_rt_sigqueueinfo(struct ktap *t)
{
	siginfo_t si;
	int status;
	pid_t pid;

	memset(&si, 0, sizeof(si));
	si.si_code = -1;                                      /* SI_QUEUE */
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_status = 42;                                    /* si_value */
	hits = last_code = last_status = 0;
	set_info_handler(SIGRTMIN, info_handler, 0);
	KTAP_EXPECT_EQ(t, __syscall3(__NR_rt_sigqueueinfo, getpid(), SIGRTMIN, &si), 0);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_EQ(t, last_sig, SIGRTMIN);
	KTAP_EXPECT_EQ(t, last_code, -1);
	KTAP_EXPECT_EQ(t, last_status, 42);
	set_handler(SIGRTMIN, SIG_DFL, 0);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	si.si_code = 0;                                       /* SI_USER */
	KTAP_EXPECT_EQ(t, __syscall3(__NR_rt_sigqueueinfo, pid, SIGKILL, &si), -EPERM);
	si.si_code = -1;
	KTAP_EXPECT_EQ(t, __syscall3(__NR_rt_sigqueueinfo, pid, SIGKILL, &si), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(signal_siginfo),
	KTAP_CASE(signal_blocked_then_delivered),
	KTAP_CASE(signal_mask_rules),
	KTAP_CASE(signal_handler_mask_and_flags),
	KTAP_CASE(signal_default_actions),
	KTAP_CASE(signal_sigpipe),
	KTAP_CASE(signal_process_group_kill),
	KTAP_CASE(signal_errors),
	KTAP_CASE(signal_rt_sigqueueinfo),
	KTAP_CASE(signal_kill_eperm),
	{}
};

int main(void)
{
	return ktap_run_suite("signal", cases);
}
