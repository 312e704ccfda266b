/* user/bin/utest_prctl.c: KTAP self-tests of the calls a process makes to
 * control itself and how it is scheduled: prctl (the thread's name, the
 * parent-death signal, child subreapers, dumpable, no_new_privs), nice
 * values (nice, getpriority, setpriority and their permission rules),
 * scheduling policies (SCHED_OTHER, and SCHED_FIFO and SCHED_RR really
 * run by Tasklab's 2.4 scheduler) and CPU affinity. Cases that change
 * their process's identity or policy do it in a child. Runs on Tasklab
 * and, on the build host, under qemu-i386. */
#include <errno.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <utest_signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define OTHER_UID 70000

static int get_int_option(int option)
{
	int value = -1;

	return prctl(option, (unsigned long)&value, 0, 0, 0) ? -2 : value;
}

/* PR_SET_NAME keeps 15 bytes and a NUL; PR_GET_NAME gives all 16, zero
 * padded; bad pointers are EFAULT. */
static void prctl_name(struct ktap *t)
{
	char name[32];

	KTAP_ASSERT_EQ(t, prctl(PR_SET_NAME, (unsigned long)"utest-prctl-a-long-name", 0, 0, 0), 0);
	memset(name, 'x', sizeof(name));
	KTAP_EXPECT_EQ(t, prctl(PR_GET_NAME, (unsigned long)name, 0, 0, 0), 0);
	KTAP_EXPECT_STREQ(t, name, "utest-prctl-a-l");
	KTAP_EXPECT_EQ(t, name[16], 'x');                    /* 16 bytes written */
	KTAP_ASSERT_EQ(t, prctl(PR_SET_NAME, (unsigned long)"short", 0, 0, 0), 0);
	memset(name, 'x', sizeof(name));
	KTAP_EXPECT_EQ(t, prctl(PR_GET_NAME, (unsigned long)name, 0, 0, 0), 0);
	KTAP_EXPECT_STREQ(t, name, "short");
	for (int i = 5; i < 16; i++)
		KTAP_EXPECT_EQ(t, name[i], 0);
	KTAP_EXPECT_EQ(t, prctl(PR_SET_NAME, 16, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, prctl(PR_GET_NAME, 16, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	prctl(PR_SET_NAME, (unsigned long)"utest_prctl", 0, 0, 0);
}

/* Where the grandchild of the parent-death case reports: a byte, '0'
 * when SIGUSR1 came from its dead parent (si_pid) with si_code SI_USER. */
static int verdict[2];

/* The grandchild: asks for SIGUSR1 when its parent dies, says it is ready,
 * then waits (up to 3 s) for that signal. */
static char waits_for_parent_death(int ready)
{
	sigset_t usr1 = set_of(SIGUSR1);
	struct timespec wait = { 3, 0 };
	pid_t parent = getppid();
	siginfo_t si;

	sigprocmask(SIG_BLOCK, &usr1, NULL);
	if (prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0) || get_int_option(PR_GET_PDEATHSIG) != SIGUSR1)
		return '1';
	write(ready, "r", 1);
	if (sigtimedwait(&usr1, &si, &wait) != SIGUSR1)
		return '2';
	return si.si_pid == parent && si.si_code == SI_USER ? '0' : '3';
}

/* The middle process: its child asks for a parent-death signal, and it
 * exits once the child is ready. */
static int parent_dies_first(void)
{
	int fds[2];
	char c;

	if (pipe(fds))
		return 1;
	if (fork() == 0) {
		c = waits_for_parent_death(fds[1]);
		write(verdict[1], &c, 1);
		_exit(0);
	}
	return read(fds[0], &c, 1) == 1 ? 0 : 2;
}

/* PR_SET_PDEATHSIG: the signal comes when the parent exits (we are a
 * subreaper here, so the orphan comes to us and we reap it); not
 * inherited by fork; EINVAL past the last signal; EFAULT. */
static int pdeathsig_not_inherited(void)
{
	pid_t pid;
	int status;

	if (prctl(PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0))
		return 1;
	pid = fork();
	if (pid == 0)
		_exit(get_int_option(PR_GET_PDEATHSIG));
	waitpid(pid, &status, 0);
	return WEXITSTATUS(status) == 0 && get_int_option(PR_GET_PDEATHSIG) == SIGUSR2 ? 0 : 2;
}

/* qemu-i386 7.2 refuses PR_SET_CHILD_SUBREAPER (EINVAL): on Tasklab it
 * must work, elsewhere the cases that need it end there. */
static bool become_subreaper(struct ktap *t)
{
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
		return true;
	if (ktap_on_tasklab())
		KTAP_FAIL(t, "PR_SET_CHILD_SUBREAPER: errno %d", errno);
	else
		ktap_skip(t, "qemu-i386 7.2 does not pass PR_SET_CHILD_SUBREAPER on");
	return false;
}

static void prctl_pdeathsig(struct ktap *t)
{
	bool subreaper = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
	char c = 'x';

	KTAP_ASSERT_EQ(t, pipe(verdict), 0);
	KTAP_EXPECT_EQ(t, ktap_run_child(parent_dies_first), 0);
	KTAP_EXPECT_EQ(t, read(verdict[0], &c, 1), 1);
	KTAP_EXPECT_EQ(t, c, '0');
	close(verdict[0]);
	close(verdict[1]);
	if (ktap_on_tasklab())
		KTAP_EXPECT_TRUE(t, subreaper);
	if (subreaper) {            /* the orphan came to us: reap it */
		KTAP_EXPECT_GT(t, waitpid(-1, NULL, 0), 0);
		KTAP_EXPECT_EQ(t, prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0), 0);
	}
	KTAP_EXPECT_EQ(t, ktap_run_child(pdeathsig_not_inherited), 0);
	KTAP_EXPECT_EQ(t, get_int_option(PR_GET_PDEATHSIG), 0);
	KTAP_EXPECT_EQ(t, prctl(PR_SET_PDEATHSIG, 65, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, prctl(PR_GET_PDEATHSIG, 16, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
}

/* Becoming another user (a new effective uid) clears the parent-death
 * signal and the dumpable flag, as Linux's commit_creds. */
static int setuid_clears_pdeathsig_and_dumpable(void)
{
	if (prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0) || setgid(OTHER_UID) || setuid(OTHER_UID))
		return 1;
	if (get_int_option(PR_GET_PDEATHSIG) != 0)
		return 2;
	return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 ? 0 : 3;
}

static void prctl_credentials_change(struct ktap *t)
{
	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_run_child(setuid_clears_pdeathsig_and_dumpable), 0);
}

/* Where an orphan reports its new parent. */
static int report[2];

/* The grandchild of a subreaper chain: tells (by the report pipe) which
 * process it belongs to once its own parent has gone, then exits 5. */
static int report_new_parent(pid_t old_parent)
{
	long give_up = now_ms() + 3000;
	pid_t ppid;

	while ((ppid = getppid()) == old_parent && now_ms() < give_up)
		sleep_ms(5);
	write(report[1], &ppid, sizeof(ppid));
	return 5;
}

/* Forks the grandchild and exits at once, orphaning it. */
static int orphan_a_child(void)
{
	pid_t me = getpid();

	if (fork() == 0)
		_exit(report_new_parent(me));
	return 0;
}

/* The process the orphan reported as its new parent, or 0. */
static pid_t reported_parent(void)
{
	pid_t ppid = 0;

	return read(report[0], &ppid, sizeof(ppid)) == sizeof(ppid) ? ppid : 0;
}

/* A subreaper between us and the orphan: the orphan goes to it (the
 * nearest), it reaps it and reports what it saw by its exit code. */
static int nested_subreaper(void)
{
	int status = -1;
	pid_t mid;

	if (get_int_option(PR_GET_CHILD_SUBREAPER) != 0)
		return 1;                        /* not inherited */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0))
		return 2;
	mid = fork();
	if (mid == 0)
		_exit(orphan_a_child());
	waitpid(mid, NULL, 0);
	if (reported_parent() != getpid())
		return 3;
	return waitpid(-1, &status, 0) > 0 && WEXITSTATUS(status) == 5 ? 0 : 4;
}

/* PR_SET_CHILD_SUBREAPER: an orphaned grandchild goes to the nearest
 * subreaper ancestor instead of PID 1, and that process reaps it. The
 * flag is per process, not inherited. */
static void prctl_child_subreaper(struct ktap *t)
{
	int status = -1;
	pid_t mid, orphan;

	if (!become_subreaper(t))
		return;
	KTAP_ASSERT_EQ(t, pipe(report), 0);
	KTAP_EXPECT_EQ(t, get_int_option(PR_GET_CHILD_SUBREAPER), 1);
	mid = fork();
	if (mid == 0)
		_exit(orphan_a_child());
	KTAP_EXPECT_EQ(t, waitpid(mid, NULL, 0), mid);
	KTAP_EXPECT_EQ(t, reported_parent(), getpid());
	orphan = waitpid(-1, &status, 0);                  /* we reap it */
	KTAP_EXPECT_GT(t, orphan, 0);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 5);
	ktap_log(t, "orphan %d (its parent %d exited) was adopted and reaped by subreaper %d",
		 orphan, mid, getpid());
	KTAP_EXPECT_EQ(t, ktap_run_child(nested_subreaper), 0);   /* one nearer */
	KTAP_EXPECT_EQ(t, prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, get_int_option(PR_GET_CHILD_SUBREAPER), 0);
	KTAP_EXPECT_EQ(t, prctl(PR_GET_CHILD_SUBREAPER, 16, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	close(report[0]);
	close(report[1]);
}

static int dumpable_is_inherited(void)
{
	return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
}

/* PR_SET_DUMPABLE takes 0 or 1 (EINVAL otherwise); fork inherits it. */
static void prctl_dumpable(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
	KTAP_EXPECT_EQ(t, prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(ktap_run_child(dumpable_is_inherited)), 0);
	KTAP_EXPECT_EQ(t, prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(ktap_run_child(dumpable_is_inherited)), 1);
	KTAP_EXPECT_EQ(t, prctl(PR_SET_DUMPABLE, 2, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
}

static int no_new_privs_for_good(void)
{
	pid_t pid;
	int status;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return 1;
	pid = fork();
	if (pid == 0)
		_exit(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	waitpid(pid, &status, 0);
	return WEXITSTATUS(status) == 1 ? 0 : 2;        /* inherited */
}

/* PR_SET_NO_NEW_PRIVS: only (1, 0, 0, 0), for good, inherited;
 * PR_GET_NO_NEW_PRIVS takes no argument. */
static void prctl_no_new_privs(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, ktap_run_child(no_new_privs_for_good), 0);
	KTAP_EXPECT_EQ(t, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);   /* ours unchanged */
}

static void prctl_unknown_option(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, prctl(0, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, prctl(0x7ffff, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
}

/* --- nice values ---------------------------------------------------- */

/* nice(inc): the system call returns 0. qemu-i386 returns what the
 * host's C library does, the new nice value, which a negative one turns
 * into an errno: there the effect (getpriority) is all that is checked. */
static bool nice_ok(int inc)
{
	int r = nice(inc);

	return !ktap_on_tasklab() || r == 0;
}

/* As root: setpriority both ways (clamped to 19), nice moves it, and the
 * system call's getpriority is 20 - nice. */
static int root_renices(void)
{
	if (getpriority(PRIO_PROCESS, 0) != 20)
		return 1;
	if (setpriority(PRIO_PROCESS, 0, 5) || getpriority(PRIO_PROCESS, getpid()) != 15)
		return 2;
	if (!nice_ok(2) || getpriority(PRIO_PROCESS, 0) != 13)
		return 3;
	if (setpriority(PRIO_PROCESS, 0, 100) || getpriority(PRIO_PROCESS, 0) != 1)
		return 4;
	if (setpriority(PRIO_PROCESS, 0, -5) || getpriority(PRIO_PROCESS, 0) != 25)
		return 5;
	return nice_ok(-3) && getpriority(PRIO_PROCESS, 0) == 28 ? 0 : 6;
}

/* As another user: raising nice is allowed, lowering it (RLIMIT_NICE 0)
 * is EACCES from setpriority and EPERM from nice; another user's process
 * EPERM; PRIO_USER reaches our own processes. */
static int user_renices(void)
{
	pid_t root_parent = getppid();

	if (setgid(OTHER_UID) || setuid(OTHER_UID))
		return 1;
	if (setpriority(PRIO_PROCESS, 0, 10))
		return 2;
	if (setpriority(PRIO_PROCESS, 0, 5) != -1 || errno != EACCES)
		return 3;
	if (nice(-1) != -1 || errno != EPERM)
		return 4;
	if (setpriority(PRIO_PROCESS, root_parent, 0) != -1 || errno != EPERM)
		return 5;
	if (setpriority(PRIO_USER, 0, 13) || getpriority(PRIO_USER, 0) != 7)
		return 6;
	return getpriority(PRIO_USER, OTHER_UID + 1234) == -1 && errno == ESRCH ? 0 : 7;
}

/* RLIMIT_NICE 25 lets another user lower its nice to -5, not -6 (77:
 * this host will not let root raise the limit). */
static int nice_limit_allows(void)
{
	struct rlimit nice25 = { 25, 25 };

	if (setrlimit(RLIMIT_NICE, &nice25))
		return 77;
	if (setgid(OTHER_UID) || setuid(OTHER_UID))
		return 1;
	if (setpriority(PRIO_PROCESS, 0, 10) || setpriority(PRIO_PROCESS, 0, -5))
		return 2;
	return setpriority(PRIO_PROCESS, 0, -6) == -1 && errno == EACCES ? 0 : 3;
}

/* PRIO_PGRP: every process of the group (0: ours) at once. */
static int group_renices(void)
{
	int go[2], up[2];
	char c;
	pid_t pid;
	int ret;

	if (setpgid(0, 0) || pipe(go) || pipe(up))
		return 1;
	pid = fork();
	if (pid == 0)
		_exit(write(up[1], "u", 1) == 1 && read(go[0], &c, 1) == 1 ? 0 : 1);
	/* renice once the child runs: under qemu-i386 (the Linux cross-check)
	 * a forked emulator starts a helper thread of its own after the fork,
	 * and a thread born during the renice keeps nice 0 (getpriority of
	 * the group then says 20) */
	if (read(up[0], &c, 1) != 1)
		return 5;
	ret = setpriority(PRIO_PGRP, 0, 7) ? 2 :
	      getpriority(PRIO_PROCESS, pid) != 13 ? 3 :
	      getpriority(PRIO_PGRP, getpgrp()) != 13 ? 4 : 0;
	write(go[1], "g", 1);
	waitpid(pid, NULL, 0);
	return ret;
}

static void sched_nice_values(struct ktap *t)
{
	int status;

	KTAP_EXPECT_EQ(t, ktap_run_child(root_renices), 0);
	KTAP_EXPECT_EQ(t, ktap_run_child(group_renices), 0);
	KTAP_EXPECT_EQ(t, getpriority(PRIO_PROCESS, 0x7ffffff0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, setpriority(PRIO_PGRP, 0x7ffffff0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, getpriority(7, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, setpriority(-1, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_run_child(user_renices), 0);
	status = ktap_run_child(nice_limit_allows);
	if (WEXITSTATUS(status) == 77 && !ktap_on_tasklab())
		ktap_skip(t, "this host does not let root raise RLIMIT_NICE (no CAP_SYS_RESOURCE)");
	else
		KTAP_EXPECT_EQ(t, status, 0);
}

/* --- policies ------------------------------------------------------- */

static void sched_policy_queries(struct ktap *t)
{
	struct sched_param sp = { 0 };
	struct timespec ts;

	KTAP_EXPECT_EQ(t, sched_getscheduler(0), SCHED_OTHER);
	sp.sched_priority = -1;
	KTAP_EXPECT_EQ(t, sched_getparam(0, &sp), 0);
	KTAP_EXPECT_EQ(t, sp.sched_priority, 0);
	KTAP_EXPECT_EQ(t, sched_get_priority_max(SCHED_FIFO), 99);
	KTAP_EXPECT_EQ(t, sched_get_priority_min(SCHED_FIFO), 1);
	KTAP_EXPECT_EQ(t, sched_get_priority_max(SCHED_RR), 99);
	KTAP_EXPECT_EQ(t, sched_get_priority_min(SCHED_RR), 1);
	KTAP_EXPECT_EQ(t, sched_get_priority_max(SCHED_OTHER), 0);
	KTAP_EXPECT_EQ(t, sched_get_priority_min(SCHED_OTHER), 0);
	KTAP_EXPECT_EQ(t, sched_get_priority_max(77), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_get_priority_min(-1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_rr_get_interval(0, &ts), 0);
	KTAP_EXPECT_TRUE(t, ts.tv_sec == 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	if (ktap_on_tasklab())          /* nice 0: O(1)'s 100 ms, 2.4's 60 ms (sched=goodness) */
		KTAP_EXPECT_TRUE(t, ts.tv_nsec == 100000000 || ts.tv_nsec == 60000000);
	KTAP_EXPECT_EQ(t, sched_rr_get_interval(-1, &ts), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_rr_get_interval(0x7ffffff0, &ts), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, sched_rr_get_interval(0, (struct timespec *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
}

/* The argument rules: priority 0 for SCHED_OTHER, 1..99 for real time;
 * unknown policy, negative pid, NULL param EINVAL; EFAULT; ESRCH. */
static void sched_setscheduler_errors(struct ktap *t)
{
	struct sched_param sp = { 0 };

	KTAP_EXPECT_EQ(t, sched_setscheduler(0, SCHED_OTHER, &sp), 0);
	sp.sched_priority = 5;
	KTAP_EXPECT_EQ(t, sched_setscheduler(0, SCHED_OTHER, &sp), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	sp.sched_priority = 0;
	KTAP_EXPECT_EQ(t, sched_setscheduler(0, SCHED_FIFO, &sp), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	sp.sched_priority = 100;
	KTAP_EXPECT_EQ(t, sched_setscheduler(0, SCHED_RR, &sp), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	sp.sched_priority = 0;
	KTAP_EXPECT_EQ(t, sched_setscheduler(0, 77, &sp), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_setscheduler(0, -1, &sp), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_setscheduler(-1, SCHED_OTHER, &sp), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_setscheduler(0, SCHED_OTHER, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_setscheduler(0, SCHED_OTHER, (struct sched_param *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, sched_setscheduler(0x7ffffff0, SCHED_OTHER, &sp), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, sched_setparam(0, &sp), 0);
	KTAP_EXPECT_EQ(t, sched_setparam(0, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_getparam(0, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_getparam(0, (struct sched_param *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, sched_getparam(0x7ffffff0, &sp), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, sched_setparam(0x7ffffff0, &sp), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, sched_getscheduler(-1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_getscheduler(0x7ffffff0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
}

static int policy_of_child(void)
{
	return sched_getscheduler(0) & 0xff;
}

/* As root: SCHED_FIFO 10 and its queries (no slice: interval 0), a fork
 * inherits it, SCHED_RESET_ON_FORK gives children SCHED_OTHER, and
 * sched_setparam changes the priority within the policy. */
static int root_goes_real_time(void)
{
	struct sched_param sp = { 10 };
	struct timespec ts;

	if (sched_setscheduler(0, SCHED_FIFO, &sp) || sched_getscheduler(0) != SCHED_FIFO)
		return 1;
	sp.sched_priority = 0;
	if (sched_getparam(0, &sp) || sp.sched_priority != 10)
		return 2;
	if (sched_rr_get_interval(0, &ts) || ts.tv_sec || ts.tv_nsec)
		return 3;
	if (WEXITSTATUS(ktap_run_child(policy_of_child)) != SCHED_FIFO)
		return 4;
	sp.sched_priority = 20;
	if (sched_setparam(0, &sp) || sched_getparam(0, &sp) || sp.sched_priority != 20)
		return 5;
	if (sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, &sp) ||
	    sched_getscheduler(0) != (SCHED_RR | SCHED_RESET_ON_FORK))
		return 6;
	if (WEXITSTATUS(ktap_run_child(policy_of_child)) != SCHED_OTHER)
		return 7;
	sp.sched_priority = 0;
	return sched_setscheduler(0, SCHED_OTHER, &sp) == 0 ? 0 : 8;
}

/* As another user (RLIMIT_RTPRIO 0): no real-time policy (EPERM), no
 * change to root's process, and SCHED_RESET_ON_FORK, once set, stays. */
static int user_cannot_go_real_time(void)
{
	struct sched_param sp = { 1 };
	pid_t root_parent = getppid();

	if (setgid(OTHER_UID) || setuid(OTHER_UID))
		return 1;
	if (sched_setscheduler(0, SCHED_FIFO, &sp) != -1 || errno != EPERM)
		return 2;
	sp.sched_priority = 0;
	if (sched_setscheduler(root_parent, SCHED_OTHER, &sp) != -1 || errno != EPERM)
		return 3;
	if (sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK, &sp))
		return 4;
	return sched_setscheduler(0, SCHED_OTHER, &sp) == -1 && errno == EPERM ? 0 : 5;
}

static void sched_real_time_policies(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, ktap_run_child(root_goes_real_time), 0);
	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_run_child(user_cannot_go_real_time), 0);
}

static volatile int other_ran;

static int set_flag(void *arg)
{
	other_ran = 1;
	return 0;
}

/* Spin for ms of wall time without blocking; whether the other task ran. */
static int spin_watching(long ms)
{
	long end = now_ms() + ms;

	while (now_ms() < end && !other_ran)
		;
	return other_ran;
}

/* In a child with policy: a CLONE_VM child (which inherits the policy)
 * that sets other_ran. Exit code bits: 1 it ran while we spun 300 ms,
 * 2 it ran after we yielded, 4 after we slept. */
static int who_runs(int policy, int child_policy)
{
	struct sched_param sp = { policy == SCHED_OTHER ? 0 : 10 }, csp = { 0 };
	int code = 0;
	pid_t pid;

	other_ran = 0;
	if (sched_setscheduler(0, policy, &sp))
		return 64;
	pid = clone(set_flag, CHILD_STACK_TOP, CLONE_VM | SIGCHLD, NULL, NULL, NULL, NULL);
	if (pid < 0)
		return 65;
	if (child_policy == SCHED_OTHER)
		sched_setscheduler(pid, SCHED_OTHER, &csp);
	code |= spin_watching(300) ? 1 : 0;
	sched_yield();
	code |= other_ran && !(code & 1) ? 2 : 0;
	sleep_ms(50);
	code |= other_ran && !(code & 3) ? 4 : 0;
	waitpid(pid, NULL, 0);
	sp.sched_priority = 0;
	sched_setscheduler(0, SCHED_OTHER, &sp);
	return code;
}

static int fifo_vs_fifo(void) { return who_runs(SCHED_FIFO, SCHED_FIFO); }
static int rr_vs_rr(void) { return who_runs(SCHED_RR, SCHED_RR); }
static int fifo_vs_other(void) { return who_runs(SCHED_FIFO, SCHED_OTHER); }
static int other_vs_other(void) { return who_runs(SCHED_OTHER, SCHED_OTHER); }

/* What the policies do on one CPU (the test pins itself, and so its
 * children, to CPU 0 as one would on Linux): an ordinary task gives way
 * when its slice ends (the other runs during the spin); SCHED_RR at the
 * end of its slice to another RR task of its priority; SCHED_FIFO keeps
 * the CPU until it yields (to its equal) or blocks (an ordinary task runs
 * only then: yield does not give way to it). */
static void sched_policies_on_one_cpu(struct ktap *t)
{
	unsigned long all = 0, cpu0 = 1;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "the build host has several CPUs: both tasks run at once there");
		return;
	}
	KTAP_ASSERT_EQ(t, sched_getaffinity(0, sizeof(all), &all), 4);
	KTAP_ASSERT_EQ(t, sched_setaffinity(0, sizeof(cpu0), &cpu0), 0);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(ktap_run_child(other_vs_other)), 1);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(ktap_run_child(rr_vs_rr)), 1);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(ktap_run_child(fifo_vs_fifo)), 2);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(ktap_run_child(fifo_vs_other)), 4);
	KTAP_EXPECT_EQ(t, sched_setaffinity(0, sizeof(all), &all), 0);
}

/* --- affinity ------------------------------------------------------- */

static int user_sets_root_affinity(void)
{
	unsigned long one = 1;
	pid_t root_parent = getppid();

	if (setgid(OTHER_UID) || setuid(OTHER_UID))
		return 1;
	if (sched_setaffinity(0, sizeof(one), &one))
		return 2;
	return sched_setaffinity(root_parent, sizeof(one), &one) == -1 && errno == EPERM ? 0 : 3;
}

/* sched_getaffinity: CPU 0 is in the mask, the size written comes back;
 * a size that is no multiple of 4 EINVAL. sched_setaffinity: a mask with
 * no online CPU EINVAL (on Tasklab: the online CPUs are 0..n-1 and the
 * mask starts as all of them); another user's process EPERM; ESRCH,
 * EFAULT. */
static void sched_affinity(struct ktap *t)
{
	unsigned long mask[4] = { 0 }, zero = 0, online, beyond;

	KTAP_EXPECT_GE(t, sched_getaffinity(0, sizeof(mask), mask), 4);
	KTAP_EXPECT_EQ(t, mask[0] & 1, 1);
	if (ktap_on_tasklab()) {
		KTAP_EXPECT_EQ(t, sched_getaffinity(0, sizeof(mask), mask), 4);
		online = mask[0];
		KTAP_EXPECT_EQ(t, online & (online + 1), 0);     /* CPUs 0..n-1 */
		beyond = online + 1;                             /* the first one offline */
		if (beyond < 256) {
			KTAP_EXPECT_EQ(t, sched_setaffinity(0, sizeof(beyond), &beyond), -1);
			KTAP_EXPECT_EQ(t, errno, EINVAL);
		}
		KTAP_EXPECT_EQ(t, sched_getaffinity(0, sizeof(mask), mask), 4);
		KTAP_EXPECT_EQ(t, mask[0], online);              /* unchanged */
	}
	KTAP_EXPECT_EQ(t, sched_getaffinity(0, 6, mask), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_getaffinity(0, sizeof(mask), (unsigned long *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, sched_getaffinity(0x7ffffff0, sizeof(mask), mask), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	mask[0] = 1;
	KTAP_EXPECT_EQ(t, sched_setaffinity(0, sizeof(mask[0]), mask), 0);
	KTAP_EXPECT_EQ(t, sched_setaffinity(0, sizeof(zero), &zero), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sched_setaffinity(0, sizeof(mask[0]), (unsigned long *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, sched_setaffinity(0x7ffffff0, sizeof(mask[0]), mask), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_run_child(user_sets_root_affinity), 0);
}

static const struct ktap_case prctl_cases[] = {
	KTAP_CASE(prctl_name),
	KTAP_CASE(prctl_pdeathsig),
	KTAP_CASE(prctl_credentials_change),
	KTAP_CASE(prctl_child_subreaper),
	KTAP_CASE(prctl_dumpable),
	KTAP_CASE(prctl_no_new_privs),
	KTAP_CASE(prctl_unknown_option),
	KTAP_CASE(sched_nice_values),
	KTAP_CASE(sched_policy_queries),
	KTAP_CASE(sched_setscheduler_errors),
	KTAP_CASE(sched_real_time_policies),
	KTAP_CASE(sched_policies_on_one_cpu),
	KTAP_CASE(sched_affinity),
	{}
};

int main(void)
{
	return ktap_run_suite("prctl", prctl_cases);
}
