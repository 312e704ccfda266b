/* user/bin/utest_pidfd.c: KTAP self-tests of pidfds: pidfd_open (434) and
 * what its fd is (close-on-exec, O_RDWR, O_NONBLOCK on request, fstat's
 * 0600 with no file type, no read or write), pidfd_send_signal (424) with
 * and without a siginfo, pidfd_getfd (438), waitid(P_PIDFD), clone's
 * CLONE_PIDFD (the fd in parent_tid's slot), every errno of each, a pidfd that keeps naming
 * its process across an execve from a thread, and the pid-reuse rule: a
 * pidfd names a process, not a number, so after the process is reaped and
 * its number handed to a new one, the pidfd signals nobody (ESRCH).
 * Runs on Tasklab and under qemu-i386 on the build host (Linux's ABI);
 * what the host cannot show is skipped there, saying why. */
#include <errno.h>
#include <fcntl.h>
#include <futex.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utest.h>
#include <utest_signal.h>
#include <sys/mman.h>
#include <sys/pidfd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* A child that sleeps until killed: its pid. */
static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0)
		sleep_forever();
	return pid;
}

/* Reap child pid; its raw wait status (-1: not reaped). */
static int reap(pid_t pid)
{
	int status = -1;

	return waitpid(pid, &status, 0) == pid ? status : -1;
}

/* ---- pidfd_open ---- */

/* The fd: close-on-exec (Linux opens pidfds O_CLOEXEC), O_RDWR, O_NONBLOCK
 * only with PIDFD_NONBLOCK; fstat shows an anonymous inode (no file type,
 * read and write for the owner: 0600 on Tasklab as on Linux 6.1; 6.9+
 * says 0700), one link, size 0; read and write are EINVAL. */
static void pidfd_open_fd_flags_and_stat(struct ktap *t)
{
	int fd = pidfd_open(getpid(), 0), nb = pidfd_open(getpid(), PIDFD_NONBLOCK);
	struct stat64 st;
	char c;

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_ASSERT_GE(t, nb, 0);
	KTAP_EXPECT_EQ(t, fcntl(fd, F_GETFD, 0), FD_CLOEXEC);
	KTAP_EXPECT_EQ(t, fcntl(fd, F_GETFL, 0), O_RDWR);
	KTAP_EXPECT_EQ(t, fcntl(nb, F_GETFL, 0), O_RDWR | O_NONBLOCK);
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_mode & S_IFMT, 0);
	KTAP_EXPECT_EQ(t, st.st_mode & 0600, 0600);
	if (ktap_on_tasklab())
		KTAP_EXPECT_EQ(t, st.st_mode, 0600);
	KTAP_EXPECT_EQ(t, st.st_nlink, 1);
	KTAP_EXPECT_EQ(t, st.st_size, 0);
	KTAP_EXPECT_EQ(t, read(fd, &c, 1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, write(fd, &c, 1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	close(fd);
	close(nb);
}

static volatile int hold = 1;

static int thread_holds(void *arg)
{
	wait_word_zero(&hold);           /* until the case lets it go */
	return 0;
}

/* EINVAL: flags other than PIDFD_NONBLOCK, pid 0 or below, a thread that
 * does not lead its group (Linux 6.1's answer, Tasklab's; 6.9+, which can
 * open a thread's pidfd with PIDFD_THREAD, says ENOENT without it); ESRCH:
 * nobody has the pid. */
static void pidfd_open_errors(struct ktap *t)
{
	pid_t gone = fork();
	struct thread th;
	int tid;

	if (gone == 0)
		_exit(0);
	KTAP_ASSERT_GT(t, gone, 0);
	reap(gone);
	KTAP_EXPECT_EQ(t, pidfd_open(getpid(), 1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, pidfd_open(getpid(), O_CLOEXEC), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, pidfd_open(0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, pidfd_open(-1, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, pidfd_open(gone, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	hold = 1;
	tid = thread_start(&th, thread_holds, NULL, 0);
	KTAP_ASSERT_GT(t, tid, 0);
	KTAP_EXPECT_EQ(t, pidfd_open(tid, 0), -1);        /* Linux 6.9+: ENOENT */
	KTAP_EXPECT_TRUE(t, errno == EINVAL || (!ktap_on_tasklab() && errno == ENOENT));
	hold = 0;
	futex((int *)&hold, FUTEX_WAKE, 1, NULL, NULL, 0);
	thread_join(&th);
}

static int open_with_no_fd_left(void)
{
	struct rlimit r;
	int fd = dup(0);                 /* the lowest free fd: the limit below it */

	if (fd < 0)
		return 10;
	close(fd);
	r.rlim_cur = r.rlim_max = fd;
	if (setrlimit(RLIMIT_NOFILE, &r))
		return 11;
	return pidfd_open(getpid(), 0) == -1 ? errno : 0;
}

/* EMFILE: no fd below RLIMIT_NOFILE. */
static void pidfd_open_emfile(struct ktap *t)
{
	int status = ktap_run_child(open_with_no_fd_left);

	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), EMFILE);
}

/* ---- pidfd_send_signal ---- */

/* Sleep until child pid has ended, leaving it a zombie, not reaped
 * (waitid's WNOWAIT); false if waitid failed. */
static bool wait_until_zombie(pid_t pid)
{
	siginfo_t si;

	return waitid(P_PID, pid, &si, WEXITED | WNOWAIT, NULL) == 0 && si.si_pid == pid;
}

/* Signal 0 asks; SIGTERM kills the very process; a zombie is still
 * signalled (0); once reaped, ESRCH. */
static void pidfd_send_signal_kills_then_esrch(struct ktap *t)
{
	pid_t pid = sleeper();
	int fd, status;

	KTAP_ASSERT_GT(t, pid, 0);
	fd = pidfd_open(pid, 0);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, 0, NULL, 0), 0);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, SIGTERM, NULL, 0), 0);
	KTAP_EXPECT_TRUE(t, wait_until_zombie(pid));
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, SIGTERM, NULL, 0), 0);    /* a zombie */
	status = reap(pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGTERM);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, SIGTERM, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, 0, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	close(fd);
}

/* EINVAL for flags (any in Linux 6.1, as on Tasklab; 6.9+ knows the
 * three PIDFD_SIGNAL_* bits, 1 to 4) and for a bad signal; EBADF for a
 * closed fd and for an fd that is not a pidfd (a pipe, the console). */
static void pidfd_send_signal_errors(struct ktap *t)
{
	int fd = pidfd_open(getpid(), 0), p[2];

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_ASSERT_EQ(t, pipe(p), 0);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, 0, NULL, 0x100), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	if (ktap_on_tasklab()) {
		KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, 0, NULL, 1), -1);
		KTAP_EXPECT_EQ(t, errno, EINVAL);
	}
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, 65, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, -1, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(p[0], 0, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(0, 0, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	close(p[0]);
	close(p[1]);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(p[0], 0, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	close(fd);
}

#define SI_QUEUE (-1)

static void queue_info(siginfo_t *si, int sig, int code)
{
	memset(si, 0, sizeof(*si));
	si->si_signo = sig;
	si->si_code = code;
	si->si_pid = 4242;
}

/* With a siginfo, as rt_sigqueueinfo: si_signo must be sig (EINVAL); a
 * siginfo that looks like the kernel's or kill's (si_code >= 0, or tkill's)
 * goes only to the caller itself (EPERM otherwise); SI_QUEUE goes anywhere,
 * and the handler sees it as sent; a bad pointer is EFAULT. */
static void pidfd_send_signal_siginfo(struct ktap *t)
{
	int self = pidfd_open(getpid(), 0), other;
	pid_t pid = sleeper();
	siginfo_t si;

	KTAP_ASSERT_GE(t, self, 0);
	KTAP_ASSERT_GT(t, pid, 0);
	other = pidfd_open(pid, 0);
	KTAP_ASSERT_GE(t, other, 0);
	KTAP_ASSERT_EQ(t, set_info_handler(SIGUSR1, info_handler, 0), 0);
	queue_info(&si, SIGUSR2, SI_QUEUE);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(self, SIGUSR1, &si, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	queue_info(&si, SIGUSR1, 0);                      /* SI_USER */
	KTAP_EXPECT_EQ(t, pidfd_send_signal(other, SIGUSR1, &si, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EPERM);
	queue_info(&si, SIGUSR1, -6);                     /* SI_TKILL */
	KTAP_EXPECT_EQ(t, pidfd_send_signal(other, SIGUSR1, &si, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EPERM);
	hits = 0;
	queue_info(&si, SIGUSR1, 0);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(self, SIGUSR1, &si, 0), 0);    /* to itself */
	KTAP_EXPECT_EQ(t, hits, 1);
	queue_info(&si, SIGUSR1, SI_QUEUE);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(self, SIGUSR1, &si, 0), 0);
	KTAP_EXPECT_EQ(t, hits, 2);
	KTAP_EXPECT_EQ(t, last_code, SI_QUEUE);
	KTAP_EXPECT_EQ(t, last_pid, 4242);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(other, SIGUSR2, &si, 0), -1);   /* signo != sig */
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(self, SIGUSR1, (siginfo_t *)0xC0000000, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	signal(SIGUSR1, SIG_DFL);
	kill(pid, SIGKILL);
	reap(pid);
	close(self);
	close(other);
}

/* What a user may do through a pidfd on root's process: a child opens a
 * pidfd on its parent (root's), becomes uid 70000 and calls user_op on it;
 * the child's exit status is the errno (0: it was allowed). */
static int (*user_op)(int pidfd);

static int user_op_on_parent(void)
{
	int fd = pidfd_open(getppid(), 0);

	if (fd < 0)
		return 100;
	if (setgid(70000) || setuid(70000))
		return 101;
	return user_op(fd) == -1 ? errno : 0;
}

static void expect_user_errno(struct ktap *t, int (*op)(int pidfd), int err)
{
	int status;

	if (ktap_skip_without_uid_switch(t))
		return;
	user_op = op;
	status = ktap_run_child(user_op_on_parent);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), err);
}

static int signal_0(int pidfd)
{
	return pidfd_send_signal(pidfd, 0, NULL, 0);
}

/* kill's permission rule: a user may not signal root's process (EPERM),
 * even through a pidfd opened while it was root. */
static void pidfd_send_signal_eperm(struct ktap *t)
{
	expect_user_errno(t, signal_0, EPERM);
}

/* ---- pidfd_getfd ---- */

/* A child with a pipe: it tells us its write end's fd number, then waits
 * for a byte on the read end and exits 0 if it is 'x'. */
static pid_t pipe_child(int *child_fd)
{
	int up[2], p[2];
	pid_t pid;
	char c;

	if (pipe(up))
		return -1;
	pid = fork();
	if (pid == 0) {
		if (pipe(p) || write(up[1], &p[1], sizeof(p[1])) != sizeof(p[1]))
			_exit(2);
		_exit(read(p[0], &c, 1) == 1 && c == 'x' ? 0 : 1);
	}
	if (pid < 0 || read(up[0], child_fd, sizeof(*child_fd)) != sizeof(*child_fd))
		pid = -1;
	close(up[0]);
	close(up[1]);
	return pid;
}

/* pidfd_getfd: our own fd on the child's open file (close-on-exec); a
 * byte written through it reaches the child's pipe. EINVAL for flags,
 * EBADF for an fd the child does not have or a non-pidfd, ESRCH once the
 * child is reaped. */
static void pidfd_getfd_takes_a_file(struct ktap *t)
{
	int child_fd = -1, fd, got;
	pid_t pid = pipe_child(&child_fd);

	KTAP_ASSERT_GT(t, pid, 0);
	fd = pidfd_open(pid, 0);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, pidfd_getfd(fd, child_fd, 1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, pidfd_getfd(fd, 30, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	KTAP_EXPECT_EQ(t, pidfd_getfd(0, child_fd, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	got = pidfd_getfd(fd, child_fd, 0);
	KTAP_ASSERT_GE(t, got, 0);
	KTAP_EXPECT_EQ(t, fcntl(got, F_GETFD, 0), FD_CLOEXEC);
	KTAP_EXPECT_EQ(t, write(got, "x", 1), 1);
	close(got);
	KTAP_EXPECT_EQ(t, reap(pid), 0);
	KTAP_EXPECT_EQ(t, pidfd_getfd(fd, child_fd, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	close(fd);
}

static int getfd_0(int pidfd)
{
	return pidfd_getfd(pidfd, 0, 0);
}

/* Taking a file needs ptrace's right over the process: EPERM for a user
 * against root's. */
static void pidfd_getfd_eperm(struct ktap *t)
{
	expect_user_errno(t, getfd_0, EPERM);
}

/* ---- waitid(P_PIDFD) ---- */

/* waitid(P_PIDFD) waits for the very child the pidfd names: its siginfo,
 * then ECHILD once it is reaped. A pidfd on a process that is not our
 * child: ECHILD. A negative id EINVAL, a non-pidfd EBADF. */
static void waitid_pidfd_waits_for_that_child(struct ktap *t)
{
	pid_t other = sleeper(), pid = fork();
	int fd, self = pidfd_open(getpid(), 0), p[2];
	siginfo_t si;

	if (pid == 0)
		_exit(9);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_ASSERT_GT(t, other, 0);
	fd = pidfd_open(pid, 0);
	KTAP_ASSERT_GE(t, fd, 0);
	memset(&si, 0xff, sizeof(si));
	KTAP_EXPECT_EQ(t, waitid(P_PIDFD, fd, &si, WEXITED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_signo, SIGCHLD);
	KTAP_EXPECT_EQ(t, si.si_code, CLD_EXITED);
	KTAP_EXPECT_EQ(t, si.si_pid, pid);
	KTAP_EXPECT_EQ(t, si.si_status, 9);
	KTAP_EXPECT_EQ(t, waitid(P_PIDFD, fd, &si, WEXITED, NULL), -1);   /* reaped */
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitid(P_PIDFD, self, &si, WEXITED | WNOHANG, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitid(P_PIDFD, -1, &si, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_ASSERT_EQ(t, pipe(p), 0);
	KTAP_EXPECT_EQ(t, waitid(P_PIDFD, p[0], &si, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	kill(other, SIGKILL);
	reap(other);
	close(p[0]);
	close(p[1]);
	close(fd);
	close(self);
}

/* A PIDFD_NONBLOCK pidfd: waitid does not sleep; with a child still
 * running it is EAGAIN (Linux 5.10+), or 0 and an empty siginfo when the
 * caller asked WNOHANG itself; once the child has ended, it is reaped. */
static void waitid_pidfd_nonblock(struct ktap *t)
{
	pid_t pid = sleeper();
	int fd, status;
	siginfo_t si;

	KTAP_ASSERT_GT(t, pid, 0);
	fd = pidfd_open(pid, PIDFD_NONBLOCK);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, waitid(P_PIDFD, fd, &si, WEXITED, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EAGAIN);
	si.si_pid = 77;
	KTAP_EXPECT_EQ(t, waitid(P_PIDFD, fd, &si, WEXITED | WNOHANG, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_pid, 0);
	kill(pid, SIGKILL);
	KTAP_EXPECT_TRUE(t, wait_until_zombie(pid));
	KTAP_EXPECT_EQ(t, waitid(P_PIDFD, fd, &si, WEXITED, NULL), 0);
	KTAP_EXPECT_EQ(t, si.si_pid, pid);
	KTAP_EXPECT_EQ(t, si.si_code, CLD_KILLED);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WNOHANG), -1);          /* reaped by waitid */
	close(fd);
}

/* ---- CLONE_PIDFD in clone ---- */

static int child_exits_5(void *arg)
{
	return 5;
}

/* clone's CLONE_PIDFD puts the pidfd where parent_tid points (it cannot
 * be combined with PARENT_SETTID: EINVAL), close-on-exec; not with
 * CLONE_THREAD or CLONE_DETACHED (EINVAL); a bad address EFAULT. */
static void clone_pidfd_in_parent_tid(struct ktap *t)
{
	int pidfd = -1, status = -1;
	pid_t pid = clone(child_exits_5, CHILD_STACK_TOP, CLONE_PIDFD | SIGCHLD, NULL,
			  &pidfd, NULL, NULL);

	if (pid < 0 && errno == EINVAL && !ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 7.2 refuses CLONE_PIDFD");
		return;
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_GE(t, pidfd, 0);
	KTAP_EXPECT_EQ(t, fcntl(pidfd, F_GETFD, 0), FD_CLOEXEC);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 5);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(pidfd, 0, NULL, 0), -1);       /* reaped */
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	close(pidfd);
	KTAP_EXPECT_EQ(t, clone_errno(CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, &pidfd, NULL, NULL),
			EINVAL);
	KTAP_EXPECT_EQ(t, clone_errno((THREAD_FLAGS & ~CLONE_PARENT_SETTID) | CLONE_PIDFD, &pidfd,
				      NULL, (pid_t *)&pidfd), EINVAL);
	KTAP_EXPECT_EQ(t, clone_errno(CLONE_PIDFD | CLONE_DETACHED | SIGCHLD, &pidfd, NULL, NULL),
			EINVAL);
	KTAP_EXPECT_EQ(t, clone_errno(CLONE_PIDFD | SIGCHLD, (pid_t *)0xC0000000, NULL, NULL),
			EFAULT);
}

/* ---- a pidfd names a process, not a number ---- */

#define PID_MAX "/proc/sys/kernel/pid_max"

static int read_int_file(const char *path)
{
	char buf[24] = "";
	int fd = open(path, O_RDONLY), n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	return n > 0 ? atoi(buf) : -1;
}

static bool write_int_file(const char *path, int v)
{
	char buf[24];
	int fd = open(path, O_WRONLY), len = snprintf(buf, sizeof(buf), "%d\n", v);
	bool ok = fd >= 0 && write(fd, buf, len) == len;

	if (fd >= 0)
		close(fd);
	return ok;
}

/* Fork until a child gets pid `want`, or any pid from `want` up when
 * `or_above` (the others exit and are reaped at once); that child sleeps
 * until killed. Its pid, or -1 after `tries`. */
static pid_t fork_until_pid(pid_t want, bool or_above, int tries)
{
	while (tries--) {
		pid_t pid = fork();
		bool hit = or_above ? pid >= want : pid == want;

		if (pid == 0) {
			pid = getpid();
			if (or_above ? pid >= want : pid == want)
				sleep_forever();
			_exit(0);
		}
		if (hit || pid < 0)
			return pid;
		reap(pid);
	}
	return -1;
}

/* With pid_max lowered to 350 the numbers from 300 (RESERVED_PIDS: a
 * wrap starts there) come round within 50 forks: a reaped child's number
 * goes to a new process while our pidfd on the old one stays open. The pidfd then signals nobody (ESRCH), and the new
 * process is untouched (still running, not killed); a pidfd opened now
 * names the new one. Tasklab only: lowering the build host's pid_max
 * would disturb the host. */
static void pidfd_survives_pid_reuse(struct ktap *t)
{
	int old_max = read_int_file(PID_MAX), fd, fresh, status = -1;
	pid_t first, second;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "lowering the build host's pid_max would disturb the host");
		return;
	}
	KTAP_ASSERT_GT(t, old_max, 0);
	KTAP_ASSERT_TRUE(t, write_int_file(PID_MAX, 350));
	first = fork_until_pid(300, true, 400);       /* a pid the wrap reaches */
	if (first < 300) {                            /* never kill(-1) */
		write_int_file(PID_MAX, old_max);
		KTAP_FAIL(t, "no child got a pid from 300 up (last %d)", (int)first);
		return;
	}
	fd = pidfd_open(first, 0);
	kill(first, SIGKILL);
	reap(first);
	second = fork_until_pid(first, false, 200);
	write_int_file(PID_MAX, old_max);             /* before any ASSERT */
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_ASSERT_EQ(t, second, first);             /* the same number, another process */
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, SIGKILL, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, pidfd_getfd(fd, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, waitid(P_PIDFD, fd, NULL, WEXITED | WNOHANG, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);                          /* not the new child */
	KTAP_EXPECT_EQ(t, waitpid(second, &status, WNOHANG), 0);      /* alive */
	fresh = pidfd_open(second, 0);
	KTAP_ASSERT_GE(t, fresh, 0);
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fresh, SIGKILL, NULL, 0), 0);
	status = reap(second);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGKILL);
	KTAP_EXPECT_EQ(t, read_int_file(PID_MAX), old_max);
	close(fd);
	close(fresh);
}

/* ---- execve from a thread keeps the process's pidfds ---- */

static int up[2];

static int thread_execs(void *arg)
{
	char fdarg[12];
	char *argv[] = { "/bin/utest_pidfd", "--report-and-sleep", fdarg, NULL };

	snprintf(fdarg, sizeof(fdarg), "%d", up[1]);
	execve(argv[0], argv, environ);
	return 1;
}

/* A thread that is not the leader execs: it takes the leader's pid
 * (de_thread), and a pidfd opened on the process before still names it:
 * it signals the exec'd program. */
static void pidfd_follows_exec_from_thread(struct ktap *t)
{
	int fd, status;
	pid_t pid;
	char c = 0;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "an i386 program cannot exec another under qemu-i386");
		return;
	}
	KTAP_ASSERT_EQ(t, pipe(up), 0);
	pid = fork();
	if (pid == 0) {
		struct thread th;

		thread_start(&th, thread_execs, NULL, 0);
		sleep_forever();          /* the exec ends us */
	}
	KTAP_ASSERT_GT(t, pid, 0);
	fd = pidfd_open(pid, 0);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, read(up[0], &c, 1), 1);     /* the exec'd program runs */
	KTAP_EXPECT_EQ(t, c, 'e');
	KTAP_EXPECT_EQ(t, pidfd_send_signal(fd, SIGKILL, NULL, 0), 0);
	status = reap(pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGKILL);
	close(fd);
	close(up[0]);
	close(up[1]);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(pidfd_open_fd_flags_and_stat),
	KTAP_CASE(pidfd_open_errors),
	KTAP_CASE(pidfd_open_emfile),
	KTAP_CASE(pidfd_send_signal_kills_then_esrch),
	KTAP_CASE(pidfd_send_signal_errors),
	KTAP_CASE(pidfd_send_signal_siginfo),
	KTAP_CASE(pidfd_send_signal_eperm),
	KTAP_CASE(pidfd_getfd_takes_a_file),
	KTAP_CASE(pidfd_getfd_eperm),
	KTAP_CASE(waitid_pidfd_waits_for_that_child),
	KTAP_CASE(waitid_pidfd_nonblock),
	KTAP_CASE(clone_pidfd_in_parent_tid),
	KTAP_CASE(pidfd_survives_pid_reuse),
	KTAP_CASE(pidfd_follows_exec_from_thread),
	{}
};

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--report-and-sleep")) {   /* exec'd by a thread */
		if (write(atoi(argv[2]), "e", 1) != 1)
			return 1;
		sleep_forever();
	}
	return ktap_run_suite("pidfd", cases);
}
