/* user/bin/utest_limits.c: KTAP self-tests of identities and task limits as
 * a program sees them (seed claims c22, c29, c30, c31): setuid and its
 * EPERM rules, getrlimit/setrlimit/prlimit64 with their errors,
 * RLIMIT_NPROC counting every task of a user (c29), root forking past a
 * user's fork bomb (c30), the threads-max and fork rate knobs in /proc/sys
 * (c22, c31). The program starts as root; a check that needs an ordinary
 * user runs in a forked child that calls setuid first, and the child's own
 * checks decide its exit status. The same binary runs on Linux under
 * qemu-i386 (tests/run.py, as root): the few Tasklab-only knobs skip there
 * and say why. */
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* Ordinary users for the tests: ids nobody on a build host should have
 * processes under, one per test so that no test sees another's tasks. */
#define UID_IDS    40001
#define UID_C29    40002
#define UID_C30    40003
#define UID_C30B   40004
#define UID_SYSCTL 40005

#define THREADS_MAX "/proc/sys/kernel/threads-max"
#define FORK_RATE   "/proc/sys/kernel/fork_rate_limit"

/* --- identities ------------------------------------------------------ */

static int user_cannot_become_another(struct ktap *t)
{
	uid_t r, e, s;

	KTAP_EXPECT_EQ(t, getuid(), UID_IDS);
	KTAP_EXPECT_EQ(t, geteuid(), UID_IDS);
	KTAP_EXPECT_EQ(t, getgid(), UID_IDS);
	KTAP_EXPECT_EQ(t, getegid(), UID_IDS);
	KTAP_EXPECT_EQ(t, getresuid(&r, &e, &s), 0);
	KTAP_EXPECT_EQ(t, r + e + s, 3 * UID_IDS);
	errno = 0;
	KTAP_EXPECT_EQ(t, setuid(0), -1);
	KTAP_EXPECT_EQ(t, errno, EPERM);
	errno = 0;
	KTAP_EXPECT_EQ(t, setuid(UID_IDS + 1), -1);
	KTAP_EXPECT_EQ(t, errno, EPERM);
	errno = 0;
	KTAP_EXPECT_EQ(t, setgid(0), -1);
	KTAP_EXPECT_EQ(t, errno, EPERM);
	errno = 0;
	KTAP_EXPECT_EQ(t, setresuid(-1, 0, -1), -1);
	KTAP_EXPECT_EQ(t, errno, EPERM);
	KTAP_EXPECT_EQ(t, setuid(UID_IDS), 0);          /* to one's own id: allowed */
	KTAP_EXPECT_EQ(t, getresuid(NULL, &e, &s), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	return t->failed;
}

/* Root becomes an ordinary user: all three uids change, and there is no
 * way back; with the saved uid kept at 0 (setresuid) the effective uid can
 * return to 0 and leave again. The 16-bit calls see the same ids. */
static void ids_setuid_rules(struct ktap *t)
{
	int status;
	pid_t pid;

	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_as_user(t, UID_IDS, user_cannot_become_another), 0);
	pid = fork();
	if (pid == 0) {
		uid_t r = 1, e = 1, s = 1;
		int bad = 0;

		bad |= setresuid(UID_IDS, UID_IDS + 1, 0) != 0;
		bad |= getresuid(&r, &e, &s) != 0 || r != UID_IDS || e != UID_IDS + 1 || s != 0;
		bad |= (getuid() != UID_IDS || geteuid() != UID_IDS + 1) << 1;
		bad |= (setuid(0) != 0 || geteuid() != 0 || getuid() != UID_IDS) << 2;
		bad |= (setreuid(-1, UID_IDS) != 0 || geteuid() != UID_IDS) << 3;
		bad |= (__syscall0(__NR_getuid) != UID_IDS || __syscall0(__NR_geteuid) != UID_IDS) << 4;
		bad |= (setuid(-1) != -1 || errno != EINVAL) << 5;
		_exit(bad);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, getuid(), 0);                     /* the parent stayed root */
	KTAP_EXPECT_EQ(t, geteuid(), 0);
}

/* An id above 65535 reads as the overflow id 65534 through the 16-bit calls. */
static void ids_16bit_overflow(struct ktap *t)
{
	int status;
	pid_t pid;

	if (ktap_skip_without_uid_switch(t))
		return;
	pid = fork();

	if (pid == 0) {
		if (setuid(70000))
			_exit(1);
		_exit(__syscall0(__NR_getuid) != 65534 ? 2 : getuid() != 70000 ? 3 : 0);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
}

/* --- resource limits -------------------------------------------------- */

static void rlimit_get_set_roundtrip(struct ktap *t)
{
	struct rlimit old, r;
	struct rlimit64 o64, n64;

	KTAP_ASSERT_EQ(t, getrlimit(RLIMIT_NOFILE, &old), 0);
	KTAP_EXPECT_LE(t, old.rlim_cur, old.rlim_max);
	r = (struct rlimit){ old.rlim_cur - 1, old.rlim_max };
	KTAP_ASSERT_EQ(t, setrlimit(RLIMIT_NOFILE, &r), 0);
	KTAP_EXPECT_EQ(t, getrlimit(RLIMIT_NOFILE, &r), 0);
	KTAP_EXPECT_EQ(t, r.rlim_cur, old.rlim_cur - 1);
	/* prlimit64 on itself (pid 0 and its own pid) sees and sets the same */
	KTAP_EXPECT_EQ(t, prlimit64(0, RLIMIT_NOFILE, NULL, &o64), 0);
	KTAP_EXPECT_EQ(t, o64.rlim_cur, old.rlim_cur - 1);
	n64 = (struct rlimit64){ old.rlim_cur, old.rlim_max };
	KTAP_EXPECT_EQ(t, prlimit64(getpid(), RLIMIT_NOFILE, &n64, &o64), 0);
	KTAP_EXPECT_EQ(t, o64.rlim_cur, old.rlim_cur - 1);      /* the value before */
	KTAP_EXPECT_EQ(t, getrlimit(RLIMIT_NOFILE, &r), 0);
	KTAP_EXPECT_EQ(t, r.rlim_cur, old.rlim_cur);
	/* an infinite limit is RLIM64_INFINITY through prlimit64 */
	KTAP_EXPECT_EQ(t, getrlimit(RLIMIT_STACK, &r), 0);
	KTAP_EXPECT_EQ(t, prlimit64(0, RLIMIT_STACK, NULL, &o64), 0);
	KTAP_EXPECT_TRUE(t, r.rlim_max == RLIM_INFINITY ? o64.rlim_max == RLIM64_INFINITY
							: o64.rlim_max == r.rlim_max);
}

/* The old getrlimit (76) cannot say "infinity": it reports 0x7fffffff. */
static void rlimit_old_getrlimit_clips_infinity(struct ktap *t)
{
	struct rlimit r;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 does not emulate the old call's clipping");
		return;
	}
	KTAP_ASSERT_EQ(t, getrlimit(RLIMIT_STACK, &r), 0);
	KTAP_ASSERT_EQ(t, r.rlim_max, RLIM_INFINITY);
	KTAP_EXPECT_EQ(t, __syscall2(__NR_getrlimit, RLIMIT_STACK, &r), 0);
	KTAP_EXPECT_EQ(t, r.rlim_max, 0x7fffffff);
	KTAP_EXPECT_EQ(t, r.rlim_cur, 8 << 20);
}

static int user_cannot_raise_hard_limit(struct ktap *t)
{
	struct rlimit r = { 8, 16 };
	struct rlimit64 r64;

	KTAP_EXPECT_EQ(t, setrlimit(RLIMIT_NOFILE, &r), 0);     /* lowering: anyone */
	r.rlim_max = 17;
	errno = 0;
	KTAP_EXPECT_EQ(t, setrlimit(RLIMIT_NOFILE, &r), -1);
	KTAP_EXPECT_EQ(t, errno, EPERM);
	r = (struct rlimit){ 16, 16 };                          /* soft up to hard: fine */
	KTAP_EXPECT_EQ(t, setrlimit(RLIMIT_NOFILE, &r), 0);
	errno = 0;                                              /* root's limits: not ours */
	KTAP_EXPECT_EQ(t, prlimit64(getppid(), RLIMIT_NOFILE, NULL, &r64), -1);
	KTAP_EXPECT_EQ(t, errno, EPERM);
	return t->failed;
}

static void rlimit_errors(struct ktap *t)
{
	struct rlimit r, bad = { 10, 5 };
	struct rlimit64 r64;
	pid_t pid;

	KTAP_ASSERT_EQ(t, getrlimit(RLIMIT_NOFILE, &r), 0);
	errno = 0;
	KTAP_EXPECT_EQ(t, setrlimit(RLIMIT_NOFILE, &bad), -1);   /* soft > hard */
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	errno = 0;
	KTAP_EXPECT_EQ(t, setrlimit(RLIM_NLIMITS, &r), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	errno = 0;
	KTAP_EXPECT_EQ(t, getrlimit(RLIM_NLIMITS, &r), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	errno = 0;
	KTAP_EXPECT_EQ(t, setrlimit(RLIMIT_NOFILE, (void *)1), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	errno = 0;
	KTAP_EXPECT_EQ(t, getrlimit(RLIMIT_NOFILE, (void *)0xC0000000), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	errno = 0;
	KTAP_EXPECT_EQ(t, prlimit64(0, RLIMIT_NOFILE, (void *)1, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	if (ktap_can_switch_uid())
		KTAP_EXPECT_EQ(t, ktap_as_user(t, UID_IDS, user_cannot_raise_hard_limit), 0);
	/* a pid that no longer exists: ESRCH */
	pid = fork();
	if (pid == 0)
		_exit(0);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_ASSERT_EQ(t, waitpid(pid, NULL, 0), pid);
	errno = 0;
	KTAP_EXPECT_EQ(t, prlimit64(pid, RLIMIT_NOFILE, NULL, &r64), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
}

/* Root changes a child's limit with prlimit64(pid): the child sees it. */
static void rlimit_prlimit_other_process(struct ktap *t)
{
	struct rlimit64 n64 = { 5, 9 }, o64;
	int go[2], status;
	pid_t pid;
	char c;

	KTAP_ASSERT_EQ(t, pipe(go), 0);
	pid = fork();
	if (pid == 0) {
		struct rlimit r;

		close(go[1]);
		read(go[0], &c, 1);               /* until root has set the limit */
		_exit(getrlimit(RLIMIT_CORE, &r) || r.rlim_cur != 5 || r.rlim_max != 9);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	close(go[0]);
	KTAP_EXPECT_EQ(t, prlimit64(pid, RLIMIT_CORE, &n64, &o64), 0);
	KTAP_EXPECT_EQ(t, prlimit64(pid, RLIMIT_CORE, NULL, &o64), 0);
	KTAP_EXPECT_EQ(t, o64.rlim_cur, 5);
	KTAP_EXPECT_EQ(t, o64.rlim_max, 9);
	close(go[1]);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
}

/* A lowered RLIMIT_NOFILE bounds the fds a process gets (EMFILE). */
static void rlimit_nofile_enforced(struct ktap *t)
{
	struct rlimit old, r;
	int first = dup(0), fd, got = 0;

	KTAP_ASSERT_GE(t, first, 0);
	close(first);
	KTAP_ASSERT_EQ(t, getrlimit(RLIMIT_NOFILE, &old), 0);
	r = (struct rlimit){ first + 2, old.rlim_max };
	KTAP_ASSERT_EQ(t, setrlimit(RLIMIT_NOFILE, &r), 0);
	while ((fd = dup(0)) >= 0) {
		KTAP_EXPECT_LT(t, fd, first + 2);
		if (++got > 4)
			break;
	}
	KTAP_EXPECT_EQ(t, fd, -1);
	KTAP_EXPECT_EQ(t, errno, EMFILE);
	KTAP_EXPECT_EQ(t, got, 2);
	for (int i = 0; i < got; i++)
		close(first + i);
	KTAP_EXPECT_EQ(t, setrlimit(RLIMIT_NOFILE, &old), 0);
}

/* Touch 4 KiB of stack per level, depth levels deep. */
static int __attribute__((noinline)) use_stack(int depth)
{
	volatile char frame[4096];

	frame[0] = (char)depth;
	frame[sizeof(frame) - 1] = (char)depth;
	return depth ? use_stack(depth - 1) + frame[0] : 0;
}

/* A lowered RLIMIT_STACK stops the stack's growth: 256 KiB of frames fit
 * the default 8 MiB, not a 128 KiB limit (SIGSEGV). */
static void rlimit_stack_enforced(struct ktap *t)
{
	struct rlimit r;
	int status;
	pid_t pid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 maps the guest stack once, at start-up");
		return;
	}
	for (int limited = 0; limited < 2; limited++) {
		pid = fork();
		if (pid == 0) {
			getrlimit(RLIMIT_STACK, &r);
			r.rlim_cur = limited ? 128 << 10 : r.rlim_cur;
			if (setrlimit(RLIMIT_STACK, &r))
				_exit(1);
			use_stack(64);
			_exit(0);
		}
		KTAP_ASSERT_GT(t, pid, 0);
		KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
		if (limited)
			KTAP_EXPECT_TRUE(t, WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
		else
			KTAP_EXPECT_EQ(t, status, 0);
	}
}

/* --- c29: RLIMIT_NPROC counts every task of the user ------------------- */

#define NPROC_LIMIT 6

/* A task that waits until the pipe's write end is closed everywhere (arg
 * is the pipe: its own copy of the write end is closed first). */
static int block_on_pipe(void *arg)
{
	int *fds = arg;
	char c;

	close(fds[1]);
	read(fds[0], &c, 1);
	return 0;
}

/* Fork children that wait on the pipe fds until fork fails; their pids go
 * to pids[] (at most max). Returns how many were made; *err is fork's errno. */
static int fork_until_refused(int fds[2], pid_t *pids, int max, int *err)
{
	int made = 0;

	*err = 0;
	while (made < max) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(block_on_pipe(fds));
		if (pid < 0) {
			*err = errno;
			break;
		}
		pids[made++] = pid;
	}
	return made;
}

static int reap_all(int n)
{
	int reaped = 0;

	while (n-- > 0 && wait(NULL) > 0)
		reaped++;
	return reaped;
}

/* As user UID_C29 with RLIMIT_NPROC = 6: this process is 1 task, a
 * thread of it (CLONE_THREAD) is another, so exactly 4 forks succeed and
 * the 5th fails with EAGAIN; once they are reaped the user can fork again. A user at its limit cannot be joined by setuid
 * (Linux 2.6's rule; Linux 3.1+ fails the next execve instead). */
static int nproc_as_user(struct ktap *t)
{
	static char stack[8192] __attribute__((aligned(16)));
	struct rlimit r = { NPROC_LIMIT, NPROC_LIMIT };
	pid_t pids[NPROC_LIMIT + 4], thread;
	int fds[2], err, made;

	KTAP_EXPECT_EQ(t, setrlimit(RLIMIT_NPROC, &r), 0);
	KTAP_EXPECT_EQ(t, pipe(fds), 0);
	thread = clone(block_on_pipe, stack + sizeof(stack), CLONE_VM | CLONE_SIGHAND | CLONE_THREAD,
		       fds, NULL, NULL, NULL);                /* its own fd table */
	KTAP_EXPECT_GT(t, thread, 0);
	made = fork_until_refused(fds, pids, NPROC_LIMIT + 4, &err);
	ktap_log(t, "user %d, RLIMIT_NPROC %d: %d forks, then errno %d", getuid(),
		 NPROC_LIMIT, made, err);
	KTAP_EXPECT_EQ(t, made, NPROC_LIMIT - 2);
	KTAP_EXPECT_EQ(t, err, EAGAIN);
	close(fds[1]);                            /* the thread ends by itself */
	KTAP_EXPECT_EQ(t, reap_all(made), made);
	made = fork_until_refused(fds, pids, 1, &err);           /* room again */
	KTAP_EXPECT_EQ(t, made, 1);
	KTAP_EXPECT_EQ(t, reap_all(made), made);
	return t->failed;
}

/* RLIMIT_NPROC counts tasks. Under qemu-i386 each emulated process is two
 * host tasks (QEMU's RCU thread), and a child that gets its process but
 * not that thread aborts inside QEMU: exact counts are Tasklab's only. */
static bool skip_unless_tasks_countable(struct ktap *t)
{
	if (ktap_on_tasklab())
		return false;
	ktap_skip(t, "under qemu-i386 a process is 2 host tasks (QEMU's RCU thread)");
	return true;
}

static long read_sysctl(const char *path);

/* RLIMIT_NPROC defaults to half of threads-max (set on init at boot, as
 * Linux does) and stops a user's forks at exactly the limit. */
static void claim_c29_nproc_counts_every_task(struct ktap *t)
{
	struct rlimit r;

	if (skip_unless_tasks_countable(t))
		return;
	KTAP_EXPECT_EQ(t, getrlimit(RLIMIT_NPROC, &r), 0);
	KTAP_EXPECT_EQ(t, r.rlim_cur, read_sysctl(THREADS_MAX) / 2);
	KTAP_EXPECT_EQ(t, ktap_as_user(t, UID_C29, nproc_as_user), 0);
}

/* setuid into a user already at the caller's RLIMIT_NPROC: EAGAIN, as in
 * Linux 2.6 (set_user). Tasklab only: Linux 3.1+ lets the setuid succeed
 * and fails the next execve. */
static void nproc_setuid_into_full_user(struct ktap *t)
{
	struct rlimit r = { 1, RLIM_INFINITY };
	int fds[2], ready[2], status;
	pid_t holder, pid;
	char c;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "Linux 3.1+ defers this RLIMIT_NPROC failure to execve");
		return;
	}
	KTAP_ASSERT_EQ(t, pipe(fds), 0);
	KTAP_ASSERT_EQ(t, pipe(ready), 0);
	holder = fork();                 /* one task of the user, waiting */
	if (holder == 0) {
		close(fds[1]);
		if (setuid(UID_C29))
			_exit(1);
		write(ready[1], "r", 1);
		_exit(block_on_pipe(fds));
	}
	KTAP_ASSERT_GT(t, holder, 0);
	/* the user has its task before the second child's setuid (on several
	 * CPUs the two children run at once); 0 if the holder's setuid failed */
	close(ready[1]);
	KTAP_EXPECT_EQ(t, read(ready[0], &c, 1), 1);
	close(ready[0]);
	pid = fork();
	if (pid == 0) {            /* root with RLIMIT_NPROC 1: the user has 1 task */
		setrlimit(RLIMIT_NPROC, &r);
		_exit(setuid(UID_C29) == -1 && errno == EAGAIN ? 0 : 1);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	close(fds[1]);
	close(fds[0]);
	KTAP_EXPECT_EQ(t, waitpid(holder, &status, 0), holder);
	KTAP_EXPECT_EQ(t, status, 0);
}

/* --- c30: root can still fork when a user's fork bomb is stopped -------- */

/* A user's fork bomb under RLIMIT_NPROC = limit (0: the inherited one):
 * the pids of its tasks go to root through wfd, then it waits for them to
 * be killed and reaps them. */
static int bomb_as_user(int wfd, int limit)
{
	struct rlimit r = { limit, limit };
	pid_t pids[64];
	int fds[2], err, made;

	if ((limit && setrlimit(RLIMIT_NPROC, &r)) || pipe(fds))
		return 1;
	made = fork_until_refused(fds, pids, 64, &err);
	write(wfd, &made, sizeof(made));
	write(wfd, pids, made * sizeof(pid_t));
	write(wfd, &err, sizeof(err));
	close(wfd);
	return reap_all(made) == made ? 0 : 2;
}

/* Root's side of a user's fork bomb: read the bomb's report; while the
 * bomb's tasks are all alive, fork up to 8 children of its own (how many
 * it got is returned, -1 on a broken report); then kill the bomb's tasks
 * one by one, as an administrator's killall would, and reap everything. */
static int root_outlives_bomb(struct ktap *t, int uid, int limit, int *bomb_made)
{
	pid_t pids[64], mine[8], bomb;
	int fds[2], rfds[2], made = -1, err = 0, status, root_made, root_err;

	if (pipe(fds))
		return -1;
	bomb = fork();
	if (bomb == 0) {
		close(fds[0]);
		_exit(setuid(uid) ? 100 : bomb_as_user(fds[1], limit));
	}
	close(fds[1]);
	if (bomb < 0 || read(fds[0], &made, sizeof(made)) != sizeof(made) || made < 0 || made > 64 ||
	    read(fds[0], pids, made * sizeof(pid_t)) != (long)(made * sizeof(pid_t)) ||
	    read(fds[0], &err, sizeof(err)) != sizeof(err))
		return -1;
	close(fds[0]);
	if (pipe(rfds))
		return -1;
	root_made = fork_until_refused(rfds, mine, 8, &root_err);
	ktap_log(t, "user %d: %d tasks, then errno %d; root then forked %d (errno %d)",
		 uid, made, err, root_made, root_err);
	KTAP_EXPECT_EQ(t, err, EAGAIN);
	for (int i = 0; i < made; i++)
		KTAP_EXPECT_EQ(t, kill(pids[i], SIGKILL), 0);
	KTAP_EXPECT_EQ(t, waitpid(bomb, &status, 0), bomb);
	KTAP_EXPECT_EQ(t, status, 0);                 /* the bomb reaped all its tasks */
	close(rfds[1]);
	KTAP_EXPECT_EQ(t, reap_all(root_made), root_made);
	close(rfds[0]);
	*bomb_made = made;
	return root_made;
}

/* The user's limit is its RLIMIT_NPROC (8: the bomb itself and 7
 * children); root is exempt and forks on. */
static void claim_c30_root_forks_past_user_bomb(struct ktap *t)
{
	int made = -1;

	if (skip_unless_tasks_countable(t))
		return;

	KTAP_EXPECT_EQ(t, root_outlives_bomb(t, UID_C30, 8, &made), 8);
	KTAP_EXPECT_EQ(t, made, 7);
}

static long read_sysctl(const char *path)
{
	char buf[32];
	int fd = open(path, O_RDONLY);
	long n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

/* echo value > path: write's result (bytes, or -1 with errno set). */
static long write_sysctl(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	long n;

	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	close(fd);
	return n;
}

/* Tasklab's threads-max rule (Linux 2.2's): the last MIN_TASKS_LEFT_FOR_ROOT
 * (4) tasks under threads-max are root's. With threads-max lowered to 40, a
 * user's bomb (its RLIMIT_NPROC, half the boot-time threads-max, is far
 * away) stops 4 short of it; root then forks exactly 4 more, and its 5th
 * fork fails too. */
static void claim_c30_root_keeps_spare_tasks(struct ktap *t)
{
	long saved = read_sysctl(THREADS_MAX);
	char buf[24];
	int made = -1, root_made;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "lowering the build host's threads-max would hit every process on it");
		return;
	}
	KTAP_ASSERT_GT(t, saved, 40);
	KTAP_ASSERT_EQ(t, write_sysctl(THREADS_MAX, "40\n"), 3);
	KTAP_EXPECT_EQ(t, read_sysctl(THREADS_MAX), 40);
	root_made = root_outlives_bomb(t, UID_C30B, 0, &made);
	snprintf(buf, sizeof(buf), "%ld\n", saved);
	KTAP_EXPECT_EQ(t, write_sysctl(THREADS_MAX, buf), (long)strlen(buf));
	KTAP_EXPECT_EQ(t, read_sysctl(THREADS_MAX), saved);
	KTAP_EXPECT_GT(t, made, 10);
	KTAP_EXPECT_EQ(t, root_made, 4);
}

/* --- c22: threads-max through /proc/sys --------------------------------- */

static int user_cannot_write_sysctl(struct ktap *t)
{
	errno = 0;
	KTAP_EXPECT_EQ(t, open(THREADS_MAX, O_WRONLY), -1);     /* refused at open, as Linux */
	KTAP_EXPECT_TRUE(t, errno == EACCES || (errno == EROFS && !ktap_on_tasklab()));
	KTAP_EXPECT_GT(t, read_sysctl(THREADS_MAX), 0);        /* reading: anyone */
	return t->failed;
}

/* The seed's `echo 40000 > /proc/sys/kernel/threads-max`, as root: the
 * value reads back; values outside [20, 0x3fffffff] and non-numbers are
 * EINVAL; an ordinary user cannot write it. */
static void claim_c22_threads_max_sysctl(struct ktap *t)
{
	long saved = read_sysctl(THREADS_MAX);
	char buf[24];

	KTAP_ASSERT_GT(t, saved, 0);
	KTAP_EXPECT_EQ(t, ktap_as_user(t, UID_SYSCTL, user_cannot_write_sysctl), 0);
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "writing the build host's threads-max would change it for every process");
		return;
	}
	KTAP_EXPECT_EQ(t, write_sysctl(THREADS_MAX, "40000\n"), 6);
	KTAP_EXPECT_EQ(t, read_sysctl(THREADS_MAX), 40000);
	errno = 0;
	KTAP_EXPECT_EQ(t, write_sysctl(THREADS_MAX, "19\n"), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	errno = 0;
	KTAP_EXPECT_EQ(t, write_sysctl(THREADS_MAX, "lots\n"), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, read_sysctl(THREADS_MAX), 40000);
	snprintf(buf, sizeof(buf), "%ld\n", saved);
	KTAP_EXPECT_EQ(t, write_sysctl(THREADS_MAX, buf), (long)strlen(buf));
	KTAP_EXPECT_EQ(t, read_sysctl(THREADS_MAX), saved);
}

/* A write to /proc/sys is one decimal number or EINVAL, as Linux's
 * proc_dointvec: no silent wrap (4294967316 would be 20 in 32 bits),
 * no lone sign, no trailing garbage; blanks around it and a '+' are fine;
 * an empty write is 0 and changes nothing. The values are restored. */
static void sysctl_write_parsed_strictly(struct ktap *t)
{
	static const char *const bad[] = {
		"4294967316\n", "99999999999999999999\n", "-99999999999999999999\n",
		"-\n", "+\n", " \n", "12abc\n",
	};
	long saved = read_sysctl(THREADS_MAX), saved_rate = read_sysctl(FORK_RATE);
	char buf[24];
	int fd;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "writing the build host's sysctls would change them for every process");
		return;
	}
	KTAP_ASSERT_GT(t, saved, 40);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		KTAP_EXPECT_EQ(t, write_sysctl(THREADS_MAX, bad[i]), -1);
		KTAP_EXPECT_EQ(t, errno, EINVAL);
		errno = 0;
		KTAP_EXPECT_EQ(t, write_sysctl(FORK_RATE, bad[i]), -1);
		KTAP_EXPECT_EQ(t, errno, EINVAL);
	}
	KTAP_EXPECT_EQ(t, read_sysctl(THREADS_MAX), saved);
	KTAP_EXPECT_EQ(t, read_sysctl(FORK_RATE), saved_rate);
	KTAP_EXPECT_EQ(t, write_sysctl(THREADS_MAX, " +41000 \n"), 9);
	KTAP_EXPECT_EQ(t, read_sysctl(THREADS_MAX), 41000);
	fd = open(THREADS_MAX, O_WRONLY);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, write(fd, "", 0), 0);
	close(fd);
	KTAP_EXPECT_EQ(t, read_sysctl(THREADS_MAX), 41000);
	snprintf(buf, sizeof(buf), "%ld\n", saved);
	KTAP_EXPECT_EQ(t, write_sysctl(THREADS_MAX, buf), (long)strlen(buf));
	KTAP_EXPECT_EQ(t, read_sysctl(THREADS_MAX), saved);
	snprintf(buf, sizeof(buf), "%ld\n", saved_rate);
	KTAP_EXPECT_EQ(t, write_sysctl(FORK_RATE, buf), (long)strlen(buf));
}

/* --- c31: the fork rate limit ------------------------------------------ */

/* n fork+exit+wait in a tight loop; the elapsed milliseconds. */
static long time_forks(struct ktap *t, int n)
{
	long start = now_ms();

	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		KTAP_EXPECT_GT(t, pid, 0);
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
	return now_ms() - start;
}

/* With the limit at L forks per tick (HZ = 100, 10 ms), n forks need at
 * least n / L - 1 tick boundaries, whatever the CPU's speed: forks per
 * elapsed tick stay <= L. Off again, 0 reads back. */
static void claim_c31_fork_rate_bounded_by_hz(struct ktap *t)
{
	static const int limits[] = { 1, 3 };
	char buf[16];

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "the fork rate limit is a Tasklab knob (the seed's patch), not Linux's");
		return;
	}
	KTAP_ASSERT_EQ(t, read_sysctl(FORK_RATE), 0);          /* off by default */
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		int n = 12 * limits[i];
		long ms, ticks;

		snprintf(buf, sizeof(buf), "%d\n", limits[i]);
		KTAP_ASSERT_EQ(t, write_sysctl(FORK_RATE, buf), (long)strlen(buf));
		ms = time_forks(t, n);
		ticks = ms / 10;
		ktap_log(t, "limit %d/tick: %d forks in %ld ms", limits[i], n, ms);
		KTAP_EXPECT_GE(t, ticks, n / limits[i] - 1);
		KTAP_EXPECT_LE(t, n, limits[i] * (ticks + 1));
	}
	KTAP_EXPECT_EQ(t, write_sysctl(FORK_RATE, "0\n"), 2);
	KTAP_EXPECT_EQ(t, read_sysctl(FORK_RATE), 0);
	errno = 0;
	KTAP_EXPECT_EQ(t, write_sysctl(FORK_RATE, "-1\n"), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(ids_setuid_rules),
	KTAP_CASE(ids_16bit_overflow),
	KTAP_CASE(rlimit_get_set_roundtrip),
	KTAP_CASE(rlimit_old_getrlimit_clips_infinity),
	KTAP_CASE(rlimit_errors),
	KTAP_CASE(rlimit_prlimit_other_process),
	KTAP_CASE(rlimit_nofile_enforced),
	KTAP_CASE(rlimit_stack_enforced),
	KTAP_CASE(claim_c29_nproc_counts_every_task),
	KTAP_CASE(nproc_setuid_into_full_user),
	KTAP_CASE(claim_c30_root_forks_past_user_bomb),
	KTAP_CASE(claim_c30_root_keeps_spare_tasks),
	KTAP_CASE(claim_c22_threads_max_sysctl),
	KTAP_CASE(sysctl_write_parsed_strictly),
	KTAP_CASE(claim_c31_fork_rate_bounded_by_hz),
	{}
};

int main(void)
{
	return ktap_run_suite("limits", cases);
}
