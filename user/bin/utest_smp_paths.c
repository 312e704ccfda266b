/* user/bin/utest_smp_paths.c: KTAP races against the paths that were safe
 * only on one CPU (include/lock_order.h's "made safe" list): calls that use
 * an open file while another thread of the process closes it (fstatfs,
 * getdents64, fsync, ftruncate, fchmod, fchdir, mmap, sendfile, poll,
 * fstatat and utimensat with the fd, F_SETFL, and /proc/self/fd), POSIX
 * timers set, read and deleted by two threads while they fire, and
 * lookups by pid (kill of a process group, sched_getparam, getpriority,
 * /proc/<pid>/stat) of processes that are exiting and being reaped, their
 * /proc stat, status and oom_score_adj read through fds opened before
 * the reap, pid 0 found by none of those lookups, and one name removed
 * by unlink and rename on two CPUs at once, a path read while its
 * directory is renamed, and a mount unmounted by two CPUs at once while
 * a third walks across it.
 * Each call must give one of the answers Linux gives for it (the file
 * was there, or EBADF; the task was there, or ESRCH) and the kernel must
 * neither oops nor leak; at -smp 4 with QEMU's multi-threaded TCG
 * (make test's SMP run) the two sides really run at once. Runs on
 * Tasklab and, on the build host, under qemu-i386. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <ktap_fs.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define FD_FILE  20                  /* toggled: the file, or closed */
#define FD_DIR   21                  /* toggled: the scratch directory, or closed */
#define ROUNDS   3000

static volatile int stop, toggles;
static int src_file, src_dir;

/* The other thread: the two fds open, then closed, until told to stop.
 * Raw calls: errno is one global in our libc. */
static int toggler(void *unused)
{
	while (!stop) {
		__syscall2(__NR_dup2, src_file, FD_FILE);
		__syscall2(__NR_dup2, src_dir, FD_DIR);
		__syscall1(__NR_close, FD_FILE);
		__syscall1(__NR_close, FD_DIR);
		toggles++;
	}
	return 0;
}

struct fd_op {
	const char *name;
	long (*call)(void);
	long min_ok;                     /* a result >= this one is success */
};

static char dents[512];
static struct stat64 st;
static int devnull = -1;

static long op_fstatfs(void)
{
	struct statfs64 s;

	return __syscall3(__NR_fstatfs64, FD_FILE, sizeof(s), &s);
}

static long op_getdents(void) { return __syscall3(__NR_getdents64, FD_DIR, dents, sizeof(dents)); }
static long op_fsync(void) { return __syscall1(__NR_fsync, FD_FILE); }
static long op_ftruncate(void) { return __syscall2(__NR_ftruncate, FD_FILE, 16); }
static long op_fchmod(void) { return __syscall2(__NR_fchmod, FD_FILE, 0644); }
static long op_fchdir(void) { return __syscall1(__NR_fchdir, FD_DIR); }
static long op_fstatat(void) { return __syscall4(__NR_fstatat64, FD_DIR, "f", &st, 0); }
static long op_utimens(void) { return __syscall4(__NR_utimensat, FD_FILE, NULL, NULL, 0); }

static long op_setfl(void)
{
	return __syscall3(__NR_fcntl64, FD_FILE, F_SETFL, O_NONBLOCK);
}

/* A shared mapping of the file's first page, unmapped again. */
static long op_mmap(void)
{
	long a = __syscall6(__NR_mmap2, 0, 4096, PROT_READ, MAP_SHARED, FD_FILE, 0);

	if (a < 0 && a > -4096)
		return a;
	__syscall2(__NR_munmap, a, 4096);
	return 0;
}

static long op_sendfile(void)
{
	long long off = 0;

	return __syscall4(__NR_sendfile64, devnull, FD_FILE, &off, 4);
}

/* poll counts a closed fd as ready too (POLLNVAL): 1 either way; the
 * EBADF-like answer is POLLNVAL, mapped to -EBADF here. */
static long op_poll(void)
{
	struct pollfd p = { FD_FILE, POLLIN, 0 };
	long r = __syscall3(__NR_poll, &p, 1, 0);

	return r == 1 && (p.revents & POLLNVAL) ? -EBADF : r == 1 ? 0 : -1000 - r;
}

static const struct fd_op fd_ops[] = {
	{ "fstatfs64", op_fstatfs, 0 },   { "getdents64", op_getdents, 0 },
	{ "fsync", op_fsync, 0 },         { "ftruncate", op_ftruncate, 0 },
	{ "fchmod", op_fchmod, 0 },       { "fchdir", op_fchdir, 0 },
	{ "fstatat64", op_fstatat, 0 },   { "utimensat", op_utimens, 0 },
	{ "F_SETFL", op_setfl, 0 },       { "mmap2", op_mmap, 0 },
	{ "sendfile64", op_sendfile, 0 }, { "poll", op_poll, 0 },
};

/* One call of each op: 1 if all gave a success (want_ok) or each a
 * success or EBADF; else the case fails, naming the op. */
static int fd_round(struct ktap *t, bool want_ok, int *ok, int *badf)
{
	for (size_t i = 0; i < sizeof(fd_ops) / sizeof(fd_ops[0]); i++) {
		long r = fd_ops[i].call();

		if (r >= fd_ops[i].min_ok) {
			(*ok)++;
		} else if (r == -EBADF && !want_ok) {
			(*badf)++;
		} else {
			KTAP_FAIL(t, "%s returned %ld", fd_ops[i].name, r);
			return 0;
		}
	}
	return 1;
}

/* Open the two sources and the fds to race on: 1, or 0 (the case fails). */
static int fd_race_setup(struct ktap *t)
{
	src_file = ktap_write_file("f", "0123456789abcdef") ? -1 : open("f", O_RDWR);
	src_dir = open(".", O_RDONLY | O_DIRECTORY);
	devnull = open("/dev/null", O_WRONLY);
	KTAP_EXPECT_GE(t, src_file, 0);
	KTAP_EXPECT_GE(t, src_dir, 0);
	KTAP_EXPECT_GE(t, devnull, 0);
	if (src_file < 0 || src_dir < 0 || devnull < 0)
		return 0;
	KTAP_EXPECT_EQ(t, dup2(src_file, FD_FILE), FD_FILE);
	KTAP_EXPECT_EQ(t, dup2(src_dir, FD_DIR), FD_DIR);
	return 1;
}

static void fd_race_teardown(void)
{
	close(FD_FILE);
	close(FD_DIR);
	close(src_file);
	close(src_dir);
	close(devnull);
	unlink("f");
}

static void fd_calls_race_close(struct ktap *t)
{
	struct thread th;
	int ok = 0, badf = 0, good = 1;

	stop = toggles = 0;
	if (!fd_race_setup(t))
		return;
	KTAP_EXPECT_TRUE(t, fd_round(t, true, &ok, &badf));     /* nothing races yet */
	KTAP_ASSERT_GT(t, thread_start(&th, toggler, NULL, 0), 0);
	/* on one CPU the toggler runs from our first tick on: go on until it has */
	for (long i = 0, end = now_ms() + 5000; (i < ROUNDS || !toggles) && good && now_ms() < end; i++)
		good = fd_round(t, false, &ok, &badf);
	stop = 1;
	thread_join(&th);
	ktap_log(t, "%d calls found the file, %d EBADF, %d close/reopen rounds", ok, badf, toggles);
	KTAP_EXPECT_GT(t, toggles, 0);
	fd_race_teardown();
}

/* /proc/self/fd's listing and links while the fds come and go (the
 * kernel reads our table from another task's side: fget_task). */
static void proc_fd_races_close(struct ktap *t)
{
	struct thread th;
	char link[128];
	int bad = 0, found = 0;

	stop = toggles = 0;
	if (!fd_race_setup(t))
		return;
	KTAP_ASSERT_GT(t, thread_start(&th, toggler, NULL, 0), 0);
	for (int i = 0; i < ROUNDS / 4 && !bad; i++) {
		long n = __syscall3(__NR_readlink, "/proc/self/fd/20", link, sizeof(link));
		int dir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);

		if (n > 0)
			found++;
		else if (n != -ENOENT)
			bad = (int)n;
		if (dir < 0 || getdents64(dir, dents, sizeof(dents)) <= 0)
			bad = -1;
		if (dir >= 0)
			close(dir);
	}
	stop = 1;
	thread_join(&th);
	KTAP_EXPECT_EQ(t, bad, 0);
	ktap_log(t, "the link was there %d times of %d", found, ROUNDS / 4);
	fd_race_teardown();
}

/* --- POSIX timers ------------------------------------------------------ */

static volatile int shared_timer = -1;

/* A periodic 1 ms timer, its signal blocked: -errno or the id. */
static long new_fast_timer(void)
{
	struct sigevent ev = { .sigev_signo = SIGRTMIN, .sigev_notify = SIGEV_SIGNAL };
	struct itimerspec its = { { 0, 1000000 }, { 0, 1000000 } };
	int id;
	long r = __syscall3(__NR_timer_create, CLOCK_MONOTONIC, &ev, &id);

	if (r)
		return r;
	r = __syscall4(__NR_timer_settime, id, 0, &its, NULL);
	return r ? r : id;
}

/* Make, run, read, stop and delete timers; set and read the shared one,
 * which the other side deletes and makes again. Each answer is 0, or
 * EINVAL for a shared id deleted meanwhile. Returns the bad result, 0. */
static long timer_churn(int rounds, bool owner)
{
	struct itimerspec cur, zero = { { 0, 0 }, { 0, 0 } };

	for (int i = 0; i < rounds; i++) {
		long id = new_fast_timer(), r;

		if (id < 0)
			return id;
		for (volatile int spin = 0; spin < 20000; spin++)
			;
		if ((r = __syscall2(__NR_timer_gettime, id, &cur)) ||
		    (r = __syscall4(__NR_timer_settime, id, 0, &zero, NULL)) ||
		    (r = __syscall1(__NR_timer_delete, id)))
			return r;
		if (owner) {
			__syscall1(__NR_timer_delete, shared_timer);
			shared_timer = (int)new_fast_timer();
		} else if ((r = __syscall2(__NR_timer_gettime, shared_timer, &cur)) && r != -EINVAL) {
			return r;
		}
	}
	return 0;
}

static volatile long churn_result;

static int timer_thread(void *unused)
{
	churn_result = timer_churn(200, false);
	return 0;
}

static void posix_timers_race_fire(struct ktap *t)
{
	struct sigaction ign = { .sa_handler = SIG_IGN };
	struct thread th;
	sigset_t rt;

	sigemptyset(&rt);
	sigaddset(&rt, SIGRTMIN);
	KTAP_ASSERT_EQ(t, sigprocmask(SIG_BLOCK, &rt, NULL), 0);   /* the thread inherits it */
	shared_timer = (int)new_fast_timer();
	KTAP_ASSERT_GE(t, shared_timer, 0);
	churn_result = -1;
	KTAP_ASSERT_GT(t, thread_start(&th, timer_thread, NULL, 0), 0);
	KTAP_EXPECT_EQ(t, timer_churn(200, true), 0);
	thread_join(&th);
	KTAP_EXPECT_EQ(t, churn_result, 0);
	KTAP_EXPECT_EQ(t, timer_delete(shared_timer), 0);
	sigaction(SIGRTMIN, &ign, NULL);        /* what is still pending goes */
	KTAP_EXPECT_EQ(t, sigprocmask(SIG_UNBLOCK, &rt, NULL), 0);
}

/* --- lookups by pid of exiting processes -------------------------------- */

/* A group leader that forks children which exit after a moment, and
 * reaps them, n times; the newest child's pid is in *last (shared
 * memory) from its fork on, so the lookups meet it live, as a zombie and
 * as it is reaped. */
static int churn_children(volatile int *last, int n)
{
	if (setpgid(0, 0))
		return 1;
	for (int i = 0; i < n; i++) {
		pid_t c = fork();

		if (c == 0) {
			for (volatile int spin = 0; spin < 5000; spin++)
				;
			_exit(0);
		}
		if (c > 0)
			*last = c;
		if (c < 0 || waitpid(c, NULL, 0) != c)
			return 2;
	}
	return 0;
}

/* One look at pid: each call finds it (or what took its number) or gives
 * ESRCH (ENOENT for /proc); 0, or the unexpected result. */
static long look_at(pid_t pgrp, pid_t pid)
{
	struct sched_param sp;
	char path[32], buf[256];
	long r;

	if ((r = __syscall2(__NR_kill, -pgrp, 0)) && r != -ESRCH)
		return r;
	if ((r = __syscall2(__NR_kill, -pgrp, SIGCONT)) && r != -ESRCH)
		return r;
	if ((r = __syscall2(__NR_sched_getparam, pid, &sp)) && r != -ESRCH)
		return r;
	r = __syscall2(__NR_getpriority, PRIO_PGRP, pgrp);
	if (r < 0 && r != -ESRCH)
		return r;
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	r = ktap_read_file(path, buf, sizeof(buf));
	return r < 0 && errno != ENOENT && errno != ESRCH ? -errno : 0;
}

static void pid_lookups_race_exit(struct ktap *t)
{
	volatile int *last = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t leader, reaped = 0;
	long bad = 0;
	int status = 0, looks = 0;

	KTAP_ASSERT_TRUE(t, last != MAP_FAILED);
	*last = 0;
	leader = fork();
	if (leader == 0)
		_exit(churn_children(last, 300));
	KTAP_ASSERT_GT(t, leader, 0);
	while (!bad && !(reaped = waitpid(leader, &status, WNOHANG))) {
		bad = look_at(leader, *last ? *last : leader);
		looks++;
	}
	if (!reaped)
		reaped = waitpid(leader, &status, 0);
	KTAP_EXPECT_EQ(t, reaped, leader);
	KTAP_EXPECT_EQ(t, bad, 0);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ktap_log(t, "%d looks while 300 children came and went", looks);
	munmap((void *)last, 4096);
}

/* --- /proc files of processes being released ---------------------------- */

/* pid's stat, status and oom_score_adj, each opened while the process
 * may still be there and read a few times while it exits and is reaped
 * (its signal_struct freed on the reaper's CPU): an open finds it or
 * gives ENOENT (Linux: or ESRCH), a read gives text or ESRCH. 0, or the unexpected result.
 * Raw calls: errno is one global in our libc. */
static long read_proc_files_of(pid_t pid)
{
	static const char *const names[] = { "stat", "status", "oom_score_adj" };
	char path[40], buf[1024];

	for (int i = 0; i < 3; i++) {
		long fd, r = 0;

		snprintf(path, sizeof(path), "/proc/%d/%s", pid, names[i]);
		fd = __syscall2(__NR_open, path, O_RDONLY);
		if (fd == -ENOENT || fd == -ESRCH)
			continue;
		if (fd < 0)
			return fd;
		for (int k = 0; k < 8 && r >= 0; k++) {
			__syscall3(__NR_lseek, fd, 0, SEEK_SET);
			r = __syscall3(__NR_read, fd, buf, sizeof(buf));
		}
		__syscall1(__NR_close, fd);
		if (r < 0 && r != -ESRCH)
			return r;
	}
	return 0;
}

static volatile int *newest;         /* the churning leader's newest child */
static volatile long reader_bad;
static long (*churn_look)(pid_t pid);

static int churn_reader(void *unused)
{
	while (!stop && !reader_bad)
		reader_bad = churn_look(*newest);
	return 0;
}

/* The CPUs we may run on. */
static int cpus_allowed(void)
{
	unsigned long mask[4] = { 0 };
	int n = 0;

	if (sched_getaffinity(0, sizeof(mask), mask) < 0)
		return 1;
	for (int i = 0; i < 4; i++)
		n += __builtin_popcountl(mask[i]);
	return n;
}

/* Children to churn: on one CPU the two busy lookers leave the leader a
 * few ticks of each goodness() (2.4) epoch, so 300 children took 30 s;
 * the race is several CPUs' anyway. */
static int churn_count(void)
{
	return cpus_allowed() > 1 ? 300 : 30;
}

/* Two lookers (this thread and another) calling look on the newest of
 * churn_count() children that exit at once, while their parent reaps
 * them on another CPU: each look 0 or its unexpected result. */
static void race_churn(struct ktap *t, long (*look)(pid_t pid))
{
	pid_t leader, reaped = 0;
	struct thread th;
	int status = 0, reads = 0, children = churn_count();
	long bad = 0;

	newest = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	KTAP_ASSERT_TRUE(t, newest != MAP_FAILED);
	*newest = getpid();
	stop = 0;
	reader_bad = 0;
	churn_look = look;
	leader = fork();
	if (leader == 0)
		_exit(churn_children(newest, children));
	KTAP_ASSERT_GT(t, leader, 0);
	KTAP_ASSERT_GT(t, thread_start(&th, churn_reader, NULL, 0), 0);
	while (!bad && !(reaped = waitpid(leader, &status, WNOHANG))) {
		bad = look(*newest);
		reads++;
	}
	stop = 1;
	thread_join(&th);
	if (!reaped)
		reaped = waitpid(leader, &status, 0);
	KTAP_EXPECT_EQ(t, reaped, leader);
	KTAP_EXPECT_EQ(t, bad, 0);
	KTAP_EXPECT_EQ(t, reader_bad, 0);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ktap_log(t, "%d rounds of looks while %d children came and went", reads, children);
	munmap((void *)newest, 4096);
}

/* Two readers on the /proc files of children being reaped. */
static void proc_files_race_release(struct ktap *t)
{
	race_churn(t, read_proc_files_of);
}

/* A pidfd opened and polled: an fd that polls (readable or not), or ESRCH
 * (reaped), or EINVAL (the number went to a thread); 0, or the result. */
static long pidfd_of(pid_t pid)
{
	struct pollfd p;
	long fd = __syscall2(__NR_pidfd_open, pid, 0), r;

	if (fd == -ESRCH || fd == -EINVAL)
		return 0;
	if (fd < 0)
		return fd;
	p = (struct pollfd){ .fd = (int)fd, .events = POLLIN };
	r = __syscall3(__NR_poll, &p, 1, 0);
	__syscall1(__NR_close, fd);
	return r < 0 ? r : 0;
}

/* Two threads open pidfds of children being reaped (their struct pid
 * made on first use, under tasklist_lock) and poll them. */
static void pidfd_opens_race_reap(struct ktap *t)
{
	race_churn(t, pidfd_of);
}

/* --- one name removed by two CPUs at once -------------------------------- */

#define NAME_ROUNDS 2000             /* names made, at most */

static volatile long name_removed[2], name_bad;

/* Take "n" away, by unlink (which 0) or by rename to "m<which>" and an
 * unlink of that (which 1), until told to stop: each answer 0 or ENOENT. */
static int name_remover(void *arg)
{
	int which = (int)(long)arg;
	const char *mine = which ? "m1" : "m0";

	while (!stop) {
		long r = which ? __syscall2(__NR_rename, "n", mine) : __syscall1(__NR_unlink, "n");

		if (r == 0 && which)
			r = __syscall1(__NR_unlink, mine);      /* ours alone: must be there */
		if (r == 0)
			name_removed[which]++;
		else if (r != -ENOENT)
			name_bad = r;
	}
	return 0;
}

/* A whole small file read by raw calls (errno is one global in our
 * libc, and threads read at once): its length, or -errno. */
static long read_small_file(const char *path, char *buf, long size)
{
	long fd = __syscall2(__NR_open, path, O_RDONLY), n;

	if (fd < 0)
		return fd;
	n = __syscall3(__NR_read, fd, buf, size);
	__syscall1(__NR_close, fd);
	return n;
}

static volatile long meminfo_reads;

/* /proc/meminfo walks every ramfs tree for its Shmem line: read it on. */
static int meminfo_reader(void *unused)
{
	static char buf[2048];

	while (!stop) {
		long n = read_small_file("/proc/meminfo", buf, sizeof(buf));

		if (n <= 0)
			name_bad = n ? n : -1;
		meminfo_reads++;
	}
	return 0;
}

/* One name made again and again while two threads remove it, one by
 * unlink and one by rename, and a third reads /proc/meminfo (a walk of
 * the tree): each made name is removed once, never twice (two CPUs that
 * both found it once freed its dentry twice), and the walk never meets a
 * dentry being taken out. */
static void names_race_unlink_rename(struct ktap *t)
{
	struct thread th[3];
	long made = 0, left;

	stop = 0;
	meminfo_reads = name_bad = name_removed[0] = name_removed[1] = 0;
	for (int i = 0; i < 2; i++)
		KTAP_ASSERT_GT(t, thread_start(&th[i], name_remover, (void *)(long)i, 0), 0);
	KTAP_ASSERT_GT(t, thread_start(&th[2], meminfo_reader, NULL, 0), 0);
	/* for a second at most: on one CPU the three take turns by ticks */
	for (long end = now_ms() + 1000; made < NAME_ROUNDS && !name_bad && now_ms() < end; ) {
		long fd = __syscall3(__NR_open, "n", O_CREAT | O_EXCL | O_WRONLY, 0600);

		if (fd >= 0) {
			made++;
			__syscall1(__NR_close, fd);
		} else if (fd != -EEXIST) {
			name_bad = fd;
		}
	}
	stop = 1;
	for (int i = 0; i < 3; i++)
		thread_join(&th[i]);
	left = __syscall1(__NR_unlink, "n") == 0;
	KTAP_EXPECT_EQ(t, name_bad, 0);
	KTAP_EXPECT_EQ(t, name_removed[0] + name_removed[1] + left, made);
	KTAP_EXPECT_EQ(t, __syscall1(__NR_unlink, "m0"), -ENOENT);
	KTAP_EXPECT_EQ(t, __syscall1(__NR_unlink, "m1"), -ENOENT);
	ktap_log(t, "%ld names made: %ld unlinked, %ld renamed and unlinked, %ld left; %ld meminfo reads",
		 made, name_removed[0], name_removed[1], left, meminfo_reads);
}

/* --- a path read while its directory is renamed --------------------------- */

/* Longer than a dentry's inline name: each rename frees the old name. */
#define LONG_DIR "a_directory_name_long_enough_to_live_outside_the_dentry"

static volatile long renames;

static int dir_renamer(void *unused)
{
	while (!stop && !name_bad) {
		long r = __syscall2(__NR_rename, "d", LONG_DIR);

		if (r == 0)
			r = __syscall2(__NR_rename, LONG_DIR, "d");
		if (r)
			name_bad = r;
		renames++;
	}
	return 0;
}

/* readlink of /proc/self/fd/N (d_path) names the file under one of its
 * directory's two names, never a freed one, while another thread renames
 * the directory back and forth for a second. */
static void d_path_races_rename(struct ktap *t)
{
	static char want_short[512], want_long[512], got[512];
	char link[32];
	struct thread th;
	long fd, n, reads = 0, wrong = 0;

	KTAP_ASSERT_EQ(t, mkdir("d", 0755), 0);
	fd = __syscall3(__NR_open, "d/f", O_CREAT | O_WRONLY, 0600);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_ASSERT_TRUE(t, getcwd(got, sizeof(got)) != NULL);
	snprintf(want_short, sizeof(want_short), "%s/d/f", got);
	snprintf(want_long, sizeof(want_long), "%s/%s/f", got, LONG_DIR);
	snprintf(link, sizeof(link), "/proc/self/fd/%ld", fd);
	stop = 0;
	name_bad = renames = 0;
	KTAP_ASSERT_GT(t, thread_start(&th, dir_renamer, NULL, 0), 0);
	for (long end = now_ms() + 1000; now_ms() < end && !name_bad; reads++) {
		n = __syscall3(__NR_readlink, link, got, sizeof(got) - 1);
		got[n > 0 ? n : 0] = '\0';
		if (n <= 0 || (strcmp(got, want_short) && strcmp(got, want_long)))
			wrong++;
	}
	stop = 1;
	thread_join(&th);
	__syscall1(__NR_close, fd);
	KTAP_EXPECT_EQ(t, name_bad, 0);
	KTAP_EXPECT_EQ(t, wrong, 0);
	KTAP_EXPECT_EQ(t, unlink("d/f"), 0);
	KTAP_EXPECT_EQ(t, rmdir("d"), 0);
	ktap_log(t, "%ld readlinks, %ld renames, %ld wrong", reads, renames, wrong);
}

/* --- a parent told of its children's stops and continues ----------------- */

#define STOPS 100

static volatile int rt_sent, rt_taken;

static sigset_t rt_and_chld(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGCHLD);
	return set;
}

/* The parent's other thread: real-time signals to the process, and
 * SIGCHLDs and those taken back with sigtimedwait, so its pending queue
 * changes under its siglock while the children queue to it on other
 * CPUs. Raw calls: errno is one global in our libc. */
static int queue_churner(void *unused)
{
	struct timespec zero = { 0, 0 };
	sigset_t set = rt_and_chld();
	siginfo_t si;

	while (!stop && !reader_bad) {
		long r;

		memset(&si, 0, sizeof(si));
		si.si_code = -1;                 /* SI_QUEUE */
		si.si_pid = getpid();
		r = __syscall3(__NR_rt_sigqueueinfo, getpid(), SIGRTMIN, &si);

		if (r == 0)
			rt_sent++;
		else if (r != -EAGAIN)
			reader_bad = r;
		while (__syscall4(__NR_rt_sigtimedwait, &set, &si, &zero, 8) > 0)
			rt_taken += si.si_signo == SIGRTMIN;
	}
	return 0;
}

/* A child that stops itself STOPS times, continued by us each time. */
static int stop_and_wait(pid_t pid, int *stops)
{
	int status;

	for (;;) {
		if (waitpid(pid, &status, WUNTRACED) != pid)
			return -1;
		if (WIFEXITED(status))
			return WEXITSTATUS(status);
		if (!WIFSTOPPED(status))
			return -2;
		(*stops)++;
		kill(pid, SIGCONT);
	}
}

/* Each stop and continue of a child queues SIGCHLD on its parent from the
 * child's CPU (do_notify_parent_cldstop), under the parent's siglock, while
 * the parent's other thread queues and takes signals under the same lock
 * on another CPU; the parent's queue must stay whole (no oops, no lost
 * real-time signal) and every stop be reported to waitpid. */
static void cldstop_races_parent_queue(struct ktap *t)
{
	sigset_t block = rt_and_chld(), old;
	struct timespec zero = { 0, 0 };
	struct thread th;
	siginfo_t si;
	pid_t pid;
	int stops = 0;

	KTAP_ASSERT_EQ(t, sigprocmask(SIG_BLOCK, &block, &old), 0);   /* the thread inherits it */
	stop = 0;
	reader_bad = rt_sent = rt_taken = 0;
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < STOPS; i++)
			raise(SIGSTOP);
		_exit(0);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_ASSERT_GT(t, thread_start(&th, queue_churner, NULL, 0), 0);
	KTAP_EXPECT_EQ(t, stop_and_wait(pid, &stops), 0);
	stop = 1;
	thread_join(&th);
	while (sigtimedwait(&block, &si, &zero) > 0)
		rt_taken += si.si_signo == SIGRTMIN;
	KTAP_EXPECT_EQ(t, reader_bad, 0);
	KTAP_EXPECT_EQ(t, stops, STOPS);
	KTAP_EXPECT_EQ(t, rt_taken, rt_sent);
	KTAP_EXPECT_GT(t, rt_sent, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	ktap_log(t, "%d stops and continues, %d real-time signals queued and taken meanwhile",
		 stops, rt_sent);
}

/* --- mounts made and unmounted while walks cross them ------------------ */

static volatile long mnt_removed[2], mnt_bad, mnt_walks;

/* Unmount "m" (which 0: plainly; which 1: MNT_DETACH) until told to stop:
 * each answer 0, EINVAL (no mount there now) or, plainly, EBUSY (a walk
 * is in it). */
static int mount_remover(void *arg)
{
	int which = (int)(long)arg;

	while (!stop && !mnt_bad) {
		long r = __syscall2(__NR_umount2, "m", which ? MNT_DETACH : 0);

		if (r == 0)
			mnt_removed[which]++;
		else if (r != -EINVAL && !(r == -EBUSY && !which))
			mnt_bad = r;
	}
	return 0;
}

/* Cross into and out of "m" and read the table: ".." from its root,
 * statfs, an open directory's path (d_path) and entries, /proc/mounts
 * (the table's walk, d_path of every root) and /proc/meminfo (a tree walk
 * of every mount). Each must work, mounted or not. */
static int mount_walker(void *unused)
{
	static char buf[4096];
	struct statfs64 sfs;
	struct stat64 s;
	char link[32];
	long r, fd;

	while (!stop && !mnt_bad) {
		if ((r = __syscall2(__NR_stat64, "m/..", &s)) ||
		    (r = __syscall3(__NR_statfs64, "m", sizeof(sfs), &sfs)))
			goto bad;
		fd = __syscall2(__NR_open, "m", O_RDONLY | O_DIRECTORY);
		if ((r = fd) < 0)
			goto bad;
		snprintf(link, sizeof(link), "/proc/self/fd/%ld", fd);
		r = __syscall3(__NR_readlink, link, buf, sizeof(buf));
		if (r > 0)
			r = __syscall3(__NR_getdents64, fd, buf, sizeof(buf));
		__syscall1(__NR_close, fd);
		if (r < 0 || (r = read_small_file("/proc/mounts", buf, sizeof(buf))) <= 0 ||
		    (r = read_small_file("/proc/meminfo", buf, sizeof(buf))) <= 0)
			goto bad;
		mnt_walks++;
	}
	return 0;
bad:
	mnt_bad = r ? r : -1;
	return 0;
}

/* A ramfs mounted on "m" again and again for a second (again once it is
 * gone: a lazy unmount of a stack takes every mount on it, which a count
 * could not tell from a lost one) while two threads unmount it (one
 * plainly, one lazily) and a third walks across it: each
 * mount is unmounted once (two CPUs that both found one freed it twice),
 * and no walk meets a freed mount. Tasklab only, as every mount test. */
static void mounts_race_umount_and_walks(struct ktap *t)
{
	struct thread th[3];
	long made = 0, left = 0, r;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "Linux under qemu-i386: the build host lets no test mount");
		return;
	}
	KTAP_ASSERT_EQ(t, mkdir("m", 0755), 0);
	stop = 0;
	mnt_bad = mnt_walks = mnt_removed[0] = mnt_removed[1] = 0;
	for (int i = 0; i < 2; i++)
		KTAP_ASSERT_GT(t, thread_start(&th[i], mount_remover, (void *)(long)i, 0), 0);
	KTAP_ASSERT_GT(t, thread_start(&th[2], mount_walker, NULL, 0), 0);
	for (long end = now_ms() + 1000; !mnt_bad && now_ms() < end; ) {
		if (made != mnt_removed[0] + mnt_removed[1]) {
			__syscall0(__NR_sched_yield);   /* one mount at a time */
			continue;
		}
		r = __syscall6(__NR_mount, (long)"race", (long)"m", (long)"ramfs", 0, 0, 0);
		if (r == 0)
			made++;
		else
			mnt_bad = r;
	}
	stop = 1;
	for (int i = 0; i < 3; i++)
		thread_join(&th[i]);
	while ((r = __syscall2(__NR_umount2, "m", MNT_DETACH)) == 0)
		left++;
	KTAP_EXPECT_EQ(t, r, -EINVAL);
	KTAP_EXPECT_EQ(t, mnt_bad, 0);
	KTAP_EXPECT_EQ(t, mnt_removed[0] + mnt_removed[1] + left, made);
	KTAP_EXPECT_GT(t, mnt_walks, 0);
	KTAP_EXPECT_EQ(t, rmdir("m"), 0);
	ktap_log(t, "%ld mounts: %ld unmounted, %ld lazily, %ld left; %ld walks across (bad %ld)",
		 made, mnt_removed[0], mnt_removed[1], left, mnt_walks, mnt_bad);
}

/* Pid 0 names nobody to a lookup that takes a reference: SIGEV_THREAD_ID
 * with tid 0 is EINVAL, /proc/self/task/0 does not exist (the kernel once
 * took, then dropped, a reference to its idle task there: a BUG_ON). */
static void pid_0_is_nobodys(struct ktap *t)
{
	struct sigevent ev = { .sigev_signo = SIGUSR1, .sigev_notify = SIGEV_THREAD_ID };
	int id;

	ev.sigev_notify_thread_id = 0;
	KTAP_EXPECT_EQ(t, __syscall3(__NR_timer_create, CLOCK_MONOTONIC, &ev, &id), -EINVAL);
	KTAP_EXPECT_EQ(t, __syscall2(__NR_open, "/proc/self/task/0/stat", O_RDONLY), -ENOENT);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(pid_0_is_nobodys),
	KTAP_CASE(fd_calls_race_close),
	KTAP_CASE(proc_fd_races_close),
	KTAP_CASE(posix_timers_race_fire),
	KTAP_CASE(pid_lookups_race_exit),
	KTAP_CASE(proc_files_race_release),
	KTAP_CASE(pidfd_opens_race_reap),
	KTAP_CASE(cldstop_races_parent_queue),
	KTAP_CASE(names_race_unlink_rename),
	KTAP_CASE(d_path_races_rename),
	KTAP_CASE(mounts_race_umount_and_walks),
	KTAP_CASE(ktap_scratch_removed),
	{}
};

int main(void)
{
	return ktap_run_in_scratch("smp_paths", cases);
}
