/* user/bin/utest_wait.c: KTAP self-tests of waiting for children and of
 * what a wait reports: waitid (every idtype Tasklab has, WEXITED,
 * WSTOPPED, WCONTINUED, WNOHANG, WNOWAIT, the siginfo and the rusage),
 * wait4's pid rules (INT_MIN, process groups), the CPU time a reaped child
 * leaves to its parent (getrusage, times), setsid's rule that a
 * process group with the caller's id must not exist, and a group that
 * lives on in its zombie leader (setpgid into it). Runs on Tasklab and,
 * on the build host, under qemu-i386 (Linux's own answers). */
#include <errno.h>
#include <ktap.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <utest_signal.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>

#define FILL 0x55

/* A child that waits for a byte on a pipe, then exits with code: the
 * caller decides when it ends. *go is the pipe's write end. */
static pid_t child_waiting(int code, int *go)
{
	int fds[2];
	char c;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 1 ? code : 99);
	}
	close(fds[0]);
	*go = fds[1];
	return pid;
}

static void release(int go)
{
	write(go, "g", 1);
	close(go);
}

/* qemu-i386 7.2 writes waitid's siginfo only when a child was reported
 * and gives the host no rusage pointer: checks of those are Tasklab's. */
static bool waitid_checks_unseen(struct ktap *t)
{
	if (ktap_on_tasklab())
		return false;
	ktap_skip(t, "qemu-i386 leaves waitid's siginfo untouched when nothing is reported "
		     "and passes no rusage");
	return true;
}

static pid_t child_exiting(int code)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	return pid;
}

/* WEXITED: the siginfo of an exit (si_signo SIGCHLD, CLD_EXITED, pid, uid,
 * the exit code), and the child is reaped: a second wait finds none. */
static void wait_waitid_exited(struct ktap *t)
{
	siginfo_t si;
	pid_t pid = child_exiting(7);

	KTAP_ASSERT_GT(t, pid, 0);
	memset(&si, FILL, sizeof(si));
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WEXITED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_signo, SIGCHLD);
	KTAP_EXPECT_EQ(t, si.si_errno, 0);
	KTAP_EXPECT_EQ(t, si.si_code, CLD_EXITED);
	KTAP_EXPECT_EQ(t, si.si_pid, pid);
	KTAP_EXPECT_EQ(t, si.si_uid, getuid());
	KTAP_EXPECT_EQ(t, si.si_status, 7);
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WEXITED | WNOHANG, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
}

/* A child killed by a signal: CLD_KILLED with the signal as si_status. */
static void wait_waitid_killed(struct ktap *t)
{
	siginfo_t si;
	int go;
	pid_t pid = child_waiting(0, &go);

	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, kill(pid, SIGTERM), 0);
	memset(&si, FILL, sizeof(si));
	KTAP_EXPECT_EQ(t, waitid(P_ALL, 0, &si, WEXITED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_code, CLD_KILLED);
	KTAP_EXPECT_EQ(t, si.si_pid, pid);
	KTAP_EXPECT_EQ(t, si.si_status, SIGTERM);
	close(go);
}

/* WSTOPPED and WCONTINUED: CLD_STOPPED with the stop signal, CLD_CONTINUED
 * with SIGCONT, each reported once; without WEXITED an ended child is not
 * one to wait for at all: ECHILD, as Linux. */
static void wait_waitid_stopped_continued(struct ktap *t)
{
	siginfo_t si;
	int go;
	pid_t pid = child_waiting(4, &go);

	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, kill(pid, SIGSTOP), 0);
	memset(&si, FILL, sizeof(si));
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WSTOPPED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_signo, SIGCHLD);
	KTAP_EXPECT_EQ(t, si.si_code, CLD_STOPPED);
	KTAP_EXPECT_EQ(t, si.si_status, SIGSTOP);
	KTAP_EXPECT_EQ(t, si.si_pid, pid);
	si.si_pid = 0;
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WSTOPPED | WNOHANG, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_pid, 0);             /* reported once */
	KTAP_EXPECT_EQ(t, kill(pid, SIGCONT), 0);
	memset(&si, FILL, sizeof(si));
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WCONTINUED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_code, CLD_CONTINUED);
	KTAP_EXPECT_EQ(t, si.si_status, SIGCONT);
	release(go);
	sleep_ms(100);                               /* it has ended by now */
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WSTOPPED | WCONTINUED | WNOHANG, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);            /* a zombie is none to wait for */
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WEXITED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_status, 4);
}

/* WNOWAIT reports and leaves the child reportable: an exit (reaped only by
 * the next wait without it) and a stop (reported again). */
static void wait_waitid_wnowait(struct ktap *t)
{
	siginfo_t si;
	int status, go;
	pid_t pid = child_exiting(3);

	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WEXITED | WNOWAIT, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_pid, pid);
	KTAP_EXPECT_EQ(t, waitid(P_ALL, 0, &si, WEXITED | WNOWAIT, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_pid, pid);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);   /* still there to reap */
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 3);
	pid = child_waiting(0, &go);
	KTAP_ASSERT_GT(t, pid, 0);
	kill(pid, SIGSTOP);
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_code, CLD_STOPPED);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);  /* not consumed */
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	kill(pid, SIGKILL);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	close(go);
}

/* WNOHANG with a child still running: 0, and si_pid and si_signo zeroed
 * (what tells "nothing yet" from a report, as Linux); then the wait. */
static void wait_waitid_wnohang(struct ktap *t)
{
	siginfo_t si;
	int go;
	pid_t pid = child_waiting(9, &go);

	KTAP_ASSERT_GT(t, pid, 0);
	memset(&si, FILL, sizeof(si));
	KTAP_EXPECT_EQ(t, waitid(P_ALL, 0, &si, WEXITED | WNOHANG, NULL), 0);
	if (!waitid_checks_unseen(t)) {
		KTAP_EXPECT_EQ(t, si.si_pid, 0);
		KTAP_EXPECT_EQ(t, si.si_signo, 0);
		KTAP_EXPECT_EQ(t, si.si_code, 0);
		KTAP_EXPECT_EQ(t, si.si_status, 0);
	}
	release(go);
	KTAP_EXPECT_EQ(t, waitid(P_ALL, 0, &si, WEXITED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_pid, pid);
	KTAP_EXPECT_EQ(t, si.si_status, 9);
}

/* A child that makes itself a process group leader, then waits on go. */
static pid_t child_in_own_group(int code, int *go)
{
	pid_t pid = child_waiting(code, go);

	if (pid > 0)
		setpgid(pid, pid);       /* the parent too: no race with the child */
	return pid;
}

/* P_PGID: a given group (only its children), 0 the caller's own. */
static void wait_waitid_pgid(struct ktap *t)
{
	siginfo_t si;
	int go1, go2;
	pid_t other = child_in_own_group(11, &go1), mine = child_waiting(12, &go2);

	KTAP_ASSERT_GT(t, other, 0);
	KTAP_ASSERT_GT(t, mine, 0);
	release(go1);
	release(go2);
	KTAP_EXPECT_EQ(t, waitid(P_PGID, other, &si, WEXITED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_pid, other);
	KTAP_EXPECT_EQ(t, si.si_status, 11);
	KTAP_EXPECT_EQ(t, waitid(P_PGID, other, &si, WEXITED | WNOHANG, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitid(P_PGID, 0, &si, WEXITED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_pid, mine);
	KTAP_EXPECT_EQ(t, si.si_status, 12);
}

/* EINVAL: no WEXITED/WSTOPPED/WCONTINUED, an unknown option or idtype,
 * P_PID with id <= 0, P_PGID or P_PIDFD with a negative id; ECHILD with
 * no child at all, or none of the given pid. */
static void wait_waitid_errors(struct ktap *t)
{
	siginfo_t si;

	KTAP_EXPECT_EQ(t, waitid(P_ALL, 0, &si, WNOHANG, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, waitid(P_ALL, 0, &si, WEXITED | 0x100, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, waitid(42, 0, &si, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, waitid(P_PID, 0, &si, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, waitid(P_PGID, -1, &si, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, waitid(P_PIDFD, -1, &si, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, waitid(P_ALL, 0, &si, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitid(P_PID, getpid(), &si, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
}

/* A bad siginfo or rusage pointer is EFAULT after the child was reaped,
 * as Linux; infop NULL is allowed. */
static void wait_waitid_efault(struct ktap *t)
{
	pid_t pid = child_exiting(1);

	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, (siginfo_t *)16, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, NULL, WEXITED | WNOHANG, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);                 /* it was reaped */
	pid = child_exiting(1);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, NULL, WEXITED, NULL), 0);
	pid = child_exiting(1);
	KTAP_ASSERT_GT(t, pid, 0);
	if (waitid_checks_unseen(t)) {
		waitpid(pid, NULL, 0);
		return;
	}
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, NULL, WEXITED, (struct rusage *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
}

/* A handled signal without SA_RESTART ends the wait with EINTR. */
static void wait_waitid_eintr(struct ktap *t)
{
	siginfo_t si;
	pid_t parent = getpid(), pid;

	hits = 0;
	set_handler(SIGUSR1, count_handler, 0);
	pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		kill(parent, SIGUSR1);
		sleep_ms(100);
		_exit(5);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINTR);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WEXITED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_status, 5);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

static long process_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* User-mode work until the process has used ms of CPU time (given up
 * after 10 s: a busy host may starve it, and the checks then fail). */
static void burn_cpu_ms(long ms)
{
	long end = process_cpu_ms() + ms, give_up = now_ms() + 10000;
	volatile unsigned long x = 0;

	while (process_cpu_ms() < end && now_ms() < give_up)
		for (int i = 0; i < 20000; i++)
			x += i;
}

static int burns_300ms(void)
{
	burn_cpu_ms(300);
	return 0;
}

/* A child running fn, exiting with its value; not waited for. */
static pid_t fork_running(int (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	return pid;
}

static long tv_ms(const struct timeval *tv)
{
	return tv->tv_sec * 1000L + tv->tv_usec / 1000;
}

static long cpu_ms(const struct rusage *ru)
{
	return tv_ms(&ru->ru_utime) + tv_ms(&ru->ru_stime);
}

/* The rusage of a reaped child counts the CPU time it used (its 300 ms,
 * less a little rounding at the other end), and so does the parent's
 * RUSAGE_CHILDREN and times()'s tms_cutime afterwards: wait4's rusage,
 * then waitid's. */
static void wait_rusage_and_times(struct ktap *t)
{
	struct rusage ru, before, after;
	struct tms tb, ta;
	siginfo_t si;
	pid_t pid;

	KTAP_ASSERT_EQ(t, getrusage(RUSAGE_CHILDREN, &before), 0);
	KTAP_ASSERT_NE(t, times(&tb), (clock_t)-1);
	pid = fork_running(burns_300ms);
	KTAP_ASSERT_GT(t, pid, 0);
	memset(&ru, FILL, sizeof(ru));
	KTAP_EXPECT_EQ(t, wait4(pid, NULL, 0, &ru), pid);
	KTAP_EXPECT_GE(t, cpu_ms(&ru), 280);
	KTAP_EXPECT_LT(t, cpu_ms(&ru), 3000);
	KTAP_EXPECT_TRUE(t, ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
	KTAP_EXPECT_EQ(t, getrusage(RUSAGE_CHILDREN, &after), 0);
	KTAP_EXPECT_GE(t, cpu_ms(&after) - cpu_ms(&before), 280);
	KTAP_EXPECT_NE(t, times(&ta), (clock_t)-1);
	KTAP_EXPECT_GE(t, ta.tms_cutime + ta.tms_cstime - tb.tms_cutime - tb.tms_cstime, 28);
	ktap_log(t, "child's rusage: user %ld ms, system %ld ms; times() children: %ld ticks",
		 tv_ms(&ru.ru_utime), tv_ms(&ru.ru_stime),
		 (long)(ta.tms_cutime + ta.tms_cstime - tb.tms_cutime - tb.tms_cstime));
	pid = fork_running(burns_300ms);
	KTAP_ASSERT_GT(t, pid, 0);
	if (waitid_checks_unseen(t)) {
		waitpid(pid, NULL, 0);
		return;
	}
	memset(&ru, FILL, sizeof(ru));
	KTAP_EXPECT_EQ(t, waitid(P_PID, pid, &si, WEXITED, &ru), 0);
	KTAP_EXPECT_GE(t, cpu_ms(&ru), 280);
}

/* getrusage(RUSAGE_SELF/THREAD) and times() count the caller's own time;
 * an unknown who is EINVAL, a bad buffer EFAULT; times(NULL) is allowed. */
static void wait_getrusage_self(struct ktap *t)
{
	struct rusage self, thread;
	struct tms tms;

	burn_cpu_ms(100);
	KTAP_EXPECT_EQ(t, getrusage(RUSAGE_SELF, &self), 0);
	KTAP_EXPECT_GE(t, cpu_ms(&self), 90);
	KTAP_EXPECT_EQ(t, getrusage(RUSAGE_THREAD, &thread), 0);
	KTAP_EXPECT_GE(t, cpu_ms(&thread), 90);
	KTAP_EXPECT_NE(t, times(&tms), (clock_t)-1);
	KTAP_EXPECT_GE(t, tms.tms_utime + tms.tms_stime, 9);
	KTAP_EXPECT_NE(t, times(NULL), (clock_t)-1);
	KTAP_EXPECT_EQ(t, getrusage(7, &self), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, getrusage(RUSAGE_SELF, (struct rusage *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, times((struct tms *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
}

/* wait4's pid rules: INT_MIN is ESRCH (its negation is no group); -pgid
 * waits in that group, 0 in ours; a group without our children ECHILD
 * (the pid of a child in our group, which names no group: our own pid
 * would name ours wherever the program leads its group, as a program
 * Tasklab's tests start does). */
static void wait_wait4_pid_rules(struct ktap *t)
{
	int status, go1, go2;
	pid_t other, mine;

	KTAP_EXPECT_EQ(t, wait4(-2147483647 - 1, &status, 0, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	other = child_in_own_group(21, &go1);
	mine = child_waiting(22, &go2);
	KTAP_ASSERT_GT(t, other, 0);
	KTAP_ASSERT_GT(t, mine, 0);
	KTAP_EXPECT_EQ(t, wait4(-mine, &status, WNOHANG, NULL), -1);  /* no such group */
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	release(go1);
	release(go2);
	KTAP_EXPECT_EQ(t, wait4(-other, &status, 0, NULL), other);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 21);
	KTAP_EXPECT_EQ(t, wait4(0, &status, 0, NULL), mine);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 22);
}

/* In a fresh child: a process that is no group leader and whose pid names
 * no group makes a session (setsid returns its pid, and it leads both). */
static int setsid_succeeds(void)
{
	pid_t me = getpid();

	if (setsid() != me)
		return 1;
	if (getsid(0) != me || getpgrp() != me)
		return 2;
	return setsid() == -1 && errno == EPERM ? 0 : 3;  /* now it leads a group */
}

/* The rule behind setsid's EPERM is that a group with the caller's id
 * exists, not that the caller leads it: the child makes group <its pid>,
 * leaves a grandchild in it, and moves back to its parent's group. */
static int setsid_group_of_my_pid_exists(void)
{
	int go;
	pid_t grandchild;
	int ret = 0;

	if (setpgid(0, 0))
		return 1;
	grandchild = child_waiting(0, &go);
	if (grandchild < 0)
		return 2;
	if (setpgid(0, getpgid(getppid())))
		ret = 3;
	else if (getpgrp() == getpid())
		ret = 4;
	else if (setsid() != -1 || errno != EPERM)
		ret = 5;
	release(go);
	waitpid(grandchild, NULL, 0);
	return ret;
}

/* A process group lives on in its zombie leader: the parent moves a
 * second child into the group of a first that has exited but is not yet
 * reaped (a shell's pipeline `a | b` when a ends first), and the group
 * then outlives the leader's reaping in its new member. */
static int setpgid_into_zombie_leaders_group(void)
{
	int go;
	pid_t first = child_waiting(0, &go), second;
	siginfo_t si;
	int ret = 0;

	if (first < 0 || setpgid(first, first))
		return 1;
	release(go);
	if (waitid(P_PID, first, &si, WEXITED | WNOWAIT, NULL))   /* a zombie now */
		return 2;
	second = child_waiting(0, &go);
	if (second < 0)
		return 3;
	if (setpgid(second, first))
		ret = 4;
	else if (waitpid(first, NULL, 0) != first)
		ret = 5;
	else if (getpgid(second) != first)
		ret = 6;
	else if (kill(-first, 0))             /* the group is still there */
		ret = 7;
	release(go);
	waitpid(second, NULL, 0);
	return ret;
}

static void wait_setsid_rules(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, ktap_run_child(setsid_succeeds), 0);
	KTAP_EXPECT_EQ(t, ktap_run_child(setsid_group_of_my_pid_exists), 0);
	KTAP_EXPECT_EQ(t, ktap_run_child(setpgid_into_zombie_leaders_group), 0);
}

static const struct ktap_case wait_cases[] = {
	KTAP_CASE(wait_waitid_exited),
	KTAP_CASE(wait_waitid_killed),
	KTAP_CASE(wait_waitid_stopped_continued),
	KTAP_CASE(wait_waitid_wnowait),
	KTAP_CASE(wait_waitid_wnohang),
	KTAP_CASE(wait_waitid_pgid),
	KTAP_CASE(wait_waitid_errors),
	KTAP_CASE(wait_waitid_efault),
	KTAP_CASE(wait_waitid_eintr),
	KTAP_CASE(wait_rusage_and_times),
	KTAP_CASE(wait_getrusage_self),
	KTAP_CASE(wait_wait4_pid_rules),
	KTAP_CASE(wait_setsid_rules),
	{}
};

int main(void)
{
	return ktap_run_suite("wait", wait_cases);
}
