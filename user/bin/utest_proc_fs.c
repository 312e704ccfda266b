/* user/bin/utest_proc_fs.c: KTAP self-tests of /proc as programs read it:
 * a thread's stat line parsed field by field, status, statm, maps, the
 * process and thread listings, self and thread-self, cmdline, exe, cwd
 * and fd links (a pidfd's too), comm and oom_score_adj written and read
 * back, the system files (meminfo,
 * stat, uptime, loadavg, version, cpuinfo, interrupts, mounts, filesystems) and
 * /proc/sys/kernel, a task that dies while its files are open, the
 * permission errors Linux gives, mount and umount2 with their errors, and
 * the CPU-time calls behind ps and top (times, getrusage, the CPU-time
 * clocks, sysinfo).
 *
 * The same binary runs on Linux under qemu-i386 (tests/run.py, as root on
 * the build host), which proves the expected formats against Linux's own
 * procfs. qemu-user fakes a few files of its own process (/proc/self/stat,
 * maps, cmdline, exe), so the stat checks read /proc/self/task/<tid>/stat,
 * which it passes through; what only the emulation changes (the name is
 * qemu-i386's, qemu adds a thread of its own, its maps have no x bit and
 * no padding) is checked exactly on Tasklab and loosely there. Nothing
 * that changes the host (a mount, a write to pid_max) runs there: those
 * checks are Tasklab's and skip under qemu-i386, saying so. */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <futex.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/pidfd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define PROG_NAME   "utest_proc_fs"
#define OTHER_UID   40011                /* an ordinary user for the EACCES checks */
#define STAT_FIELDS 52                   /* Linux 6.1's /proc/<pid>/stat */
#define MNT         "/mnt"               /* an empty directory of the initramfs */
#define BAD_PTR     ((void *)0xC0000000) /* kernel space: EFAULT */

static char text[16384];                 /* what the last read_file read */

/* The whole file into text (NUL-terminated): its length, or -errno. */
static int read_file(const char *path)
{
	int fd = open(path, O_RDONLY, 0), len = 0, n;

	if (fd < 0)
		return -errno;
	while ((n = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += n;
	close(fd);
	text[len] = '\0';
	return n < 0 ? -errno : len;
}

/* Write s to path: bytes written, or -errno of the open or the write. */
static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY, 0), n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	n = n < 0 ? -errno : n;
	close(fd);
	return n;
}

/* The line of text that starts with "Key:", its value (blanks skipped). */
static const char *status_value(const char *key)
{
	size_t len = strlen(key);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, key, len) && p[len] == ':') {
			for (p += len + 1; *p == ' ' || *p == '\t'; p++)
				;
			return p;
		}
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return NULL;
}

static long status_long(const char *key)
{
	const char *v = status_value(key);

	return v ? strtol(v, NULL, 10) : -1;
}

static bool on_linux(void) { return !ktap_on_tasklab(); }

static bool skip_on_linux(struct ktap *t, const char *why)
{
	if (!on_linux())
		return false;
	ktap_skip(t, "Linux under qemu-i386: %s", why);
	return true;
}

/* --- a stat line ------------------------------------------------------ */

struct pstat {
	char comm[64];
	char state;
	long long f[STAT_FIELDS + 2];     /* f[n]: field n (1-based), a number */
	int nfields;
};

static long long parse_ll(const char **p)
{
	long long v = 0;
	bool neg = **p == '-';

	if (neg)
		(*p)++;
	while (**p >= '0' && **p <= '9')
		v = v * 10 + (*(*p)++ - '0');
	return neg ? -v : v;
}

/* text as a stat line: the name between the first '(' and the last ')',
 * as Linux says to parse it, then the state and the numbers. */
static bool parse_stat(struct pstat *s)
{
	const char *open = strchr(text, '('), *close = strrchr(text, ')'), *p = text;

	memset(s, 0, sizeof(*s));
	if (!open || !close || close < open || close - open - 1 >= (int)sizeof(s->comm))
		return false;
	s->f[1] = parse_ll(&p);
	memcpy(s->comm, open + 1, close - open - 1);
	s->state = close[2];
	s->nfields = 3;
	for (p = close + 3; *p == ' '; ) {
		p++;
		if (s->nfields > STAT_FIELDS)
			return false;
		s->f[++s->nfields] = parse_ll(&p);
	}
	return *p == '\n' && !p[1];
}

/* This thread's stat (the one qemu-user passes through), parsed. */
static bool read_own_stat(struct ktap *t, struct pstat *s)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", gettid());
	KTAP_EXPECT_GT(t, read_file(path), 0);
	if (parse_stat(s))
		return true;
	KTAP_FAIL(t, "not a stat line: %s", text);
	return false;
}

static double now_s(int clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Spin in user mode until `clock` has advanced `seconds`, or 10 s of
 * wall time passed (a build host shared by many jobs gives a process its
 * CPU slowly: the CPU-time checks spin on the process's own clock). */
static void spin_on(int clock, double seconds)
{
	double end = now_s(clock) + seconds, give_up = now_s(CLOCK_MONOTONIC) + 10;
	volatile unsigned long n = 0;

	while (now_s(clock) < end && now_s(CLOCK_MONOTONIC) < give_up)
		for (int i = 0; i < 100000; i++)
			n++;
}

static void spin(double seconds) { spin_on(CLOCK_MONOTONIC, seconds); }
static void spin_cpu(double seconds) { spin_on(CLOCK_PROCESS_CPUTIME_ID, seconds); }

/* fields 1-22 and 23-28 of the thread's own stat line */
static void stat_self_fields(struct ktap *t)
{
	struct pstat s;
	int uptime_ticks;

	spin_cpu(0.2);
	if (!read_own_stat(t, &s))
		return;
	KTAP_EXPECT_EQ(t, s.nfields, STAT_FIELDS);
	KTAP_EXPECT_EQ(t, s.f[1], gettid());
	if (!on_linux())
		KTAP_EXPECT_STREQ(t, s.comm, PROG_NAME);
	KTAP_EXPECT_EQ(t, s.state, 'R');                       /* it is reading */
	KTAP_EXPECT_EQ(t, s.f[4], getppid());
	KTAP_EXPECT_EQ(t, s.f[5], getpgrp());
	KTAP_EXPECT_EQ(t, s.f[6], getsid(0));
	KTAP_EXPECT_GE(t, s.f[14], 10);                        /* utime: ticks of the spin */
	KTAP_EXPECT_EQ(t, s.f[19], 0);                         /* nice */
	KTAP_EXPECT_EQ(t, s.f[20], on_linux() ? s.f[20] : 1);  /* qemu adds a thread */
	KTAP_EXPECT_GE(t, s.f[20], 1);
	KTAP_ASSERT_GT(t, read_file("/proc/uptime"), 0);
	uptime_ticks = (int)(strtol(text, NULL, 10) + 1) * 100;
	KTAP_EXPECT_LE(t, s.f[22], uptime_ticks);              /* starttime, ticks since boot */
	KTAP_EXPECT_GT(t, s.f[23], 0);                         /* vsize, bytes */
	KTAP_EXPECT_EQ(t, s.f[23] % 4096, 0);
	KTAP_EXPECT_GT(t, s.f[24], 0);                         /* rss, pages */
}

/* The process's own line sums its threads; on Tasklab /proc/<pid>/stat
 * (qemu fakes that file) also names the program. */
/* Field 39 is the CPU the thread last ran on: pinned to the last CPU it
 * may use, it reads that one (ps's PSR). */
static void stat_processor_is_last_cpu(struct ktap *t)
{
	unsigned long mask[4] = { 0 }, one[4] = { 0 }, saved[4];
	struct pstat s;
	int last = -1;

	KTAP_ASSERT_GE(t, sched_getaffinity(0, sizeof(mask), mask), 0);
	memcpy(saved, mask, sizeof(mask));
	for (int cpu = 0; cpu < (int)(8 * sizeof(mask)); cpu++)
		if (mask[cpu / (8 * sizeof(long))] & (1UL << (cpu % (8 * sizeof(long)))))
			last = cpu;
	KTAP_ASSERT_GE(t, last, 0);
	one[last / (8 * sizeof(long))] = 1UL << (last % (8 * sizeof(long)));
	KTAP_ASSERT_EQ(t, sched_setaffinity(0, sizeof(one), one), 0);
	spin(0.05);                        /* runs there now */
	if (read_own_stat(t, &s)) {
		KTAP_EXPECT_GE(t, s.nfields, 39);
		KTAP_EXPECT_EQ(t, s.f[39], (long long)last);
	}
	KTAP_EXPECT_EQ(t, sched_setaffinity(0, sizeof(saved), saved), 0);
	ktap_log(t, "pinned to CPU %d", last);
}

static void stat_process_line(struct ktap *t)
{
	char path[64];
	struct pstat s;

	if (skip_on_linux(t, "qemu fakes /proc/<pid>/stat of its own process"))
		return;
	snprintf(path, sizeof(path), "/proc/%d/stat", getpid());
	KTAP_ASSERT_GT(t, read_file(path), 0);
	KTAP_ASSERT_TRUE(t, parse_stat(&s));
	KTAP_EXPECT_EQ(t, s.nfields, STAT_FIELDS);
	KTAP_EXPECT_EQ(t, s.f[1], getpid());
	KTAP_EXPECT_STREQ(t, s.comm, PROG_NAME);
	KTAP_EXPECT_EQ(t, s.f[19], 0);                         /* nice */
	KTAP_EXPECT_GE(t, s.f[18], 20 - 5);      /* priority: 20 + nice, moved by up to 5 */
	KTAP_EXPECT_LE(t, s.f[18], 20 + 5);      /* by O(1)'s interactivity bonus (2.6) */
	KTAP_EXPECT_EQ(t, s.f[38], SIGCHLD);                   /* the process's exit signal */
	KTAP_EXPECT_GT(t, s.f[26], 0);                         /* startcode */
	KTAP_EXPECT_GT(t, s.f[27], s.f[26]);                   /* endcode */
	KTAP_EXPECT_GT(t, s.f[28], s.f[27]);                   /* startstack */
	KTAP_EXPECT_GT(t, s.f[49], s.f[48]);                   /* arg_end > arg_start */
	KTAP_EXPECT_GE(t, s.f[51], s.f[50]);                   /* env_end >= env_start */
}

static void status_fields(struct ktap *t)
{
	const char *v;

	KTAP_ASSERT_GT(t, read_file("/proc/self/status"), 0);
	KTAP_EXPECT_TRUE(t, !strncmp(text, "Name:\t", 6));
	v = status_value("Name");
	if (!on_linux())
		KTAP_EXPECT_TRUE(t, v && !strncmp(v, PROG_NAME "\n", strlen(PROG_NAME) + 1));
	v = status_value("State");
	KTAP_EXPECT_TRUE(t, v && !strncmp(v, "R (running)\n", 12));
	KTAP_EXPECT_EQ(t, status_long("Tgid"), getpid());
	KTAP_EXPECT_EQ(t, status_long("Pid"), gettid());
	KTAP_EXPECT_EQ(t, status_long("PPid"), getppid());
	KTAP_EXPECT_GE(t, status_long("Threads"), 1);
	if (!on_linux())
		KTAP_EXPECT_EQ(t, status_long("Threads"), 1);
	v = status_value("VmRSS");
	KTAP_EXPECT_TRUE(t, v && strtol(v, NULL, 10) > 0 && strstr(v, " kB\n") == strchr(v, '\n') - 3);
	v = strstr(text, "\nVmRSS:\t");
	KTAP_EXPECT_TRUE(t, v && strlen(v) > 16 && v[16] == ' ' && v[17] == 'k');   /* %8lu kB */
	KTAP_EXPECT_EQ(t, status_long("Uid"), (long)getuid());
	KTAP_EXPECT_TRUE(t, status_value("SigBlk") && strlen(status_value("SigBlk")) > 16 &&
			    status_value("SigBlk")[16] == '\n');          /* 16 hex digits */
}

/* statm: seven numbers of pages, resident <= size, VmRSS agrees. */
static void statm_sizes(struct ktap *t)
{
	long v[7];
	const char *p = text;
	int n = 0;

	KTAP_ASSERT_GT(t, read_file("/proc/self/statm"), 0);
	for (n = 0; n < 7 && *p; n++) {
		v[n] = strtol(p, (char **)&p, 10);
		if (*p == ' ' || *p == '\n')
			p++;
	}
	KTAP_EXPECT_EQ(t, n, 7);
	KTAP_EXPECT_EQ(t, *p, '\0');
	KTAP_EXPECT_GT(t, v[1], 0);
	KTAP_EXPECT_LE(t, v[1], v[0]);
	KTAP_EXPECT_EQ(t, v[4], 0);                            /* lib: always 0 */
	KTAP_EXPECT_EQ(t, v[6], 0);                            /* dt: always 0 */
}

/* The maps line holding addr (its text in line); false if none. */
static bool maps_line_of(unsigned long addr, char *line, size_t size)
{
	for (const char *p = text; *p; ) {
		const char *eol = strchr(p, '\n');
		char *q;
		unsigned long start = strtoul(p, &q, 16), end = strtoul(q + 1, NULL, 16);
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (start <= addr && addr < end && len < size) {
			memcpy(line, p, len);
			line[len] = '\0';
			return true;
		}
		if (!eol)
			break;
		p = eol + 1;
	}
	return false;
}

static void maps_stack_and_text(struct ktap *t)
{
	char line[256];
	int local = 0;

	KTAP_ASSERT_GT(t, read_file("/proc/self/maps"), 0);
	KTAP_ASSERT_TRUE(t, maps_line_of((unsigned long)&local, line, sizeof(line)));
	KTAP_EXPECT_TRUE(t, strstr(line, " rw-p ") != NULL);
	KTAP_EXPECT_TRUE(t, strlen(line) > 7 && !strcmp(line + strlen(line) - 7, "[stack]"));
	KTAP_ASSERT_TRUE(t, maps_line_of((unsigned long)maps_stack_and_text, line, sizeof(line)));
	KTAP_EXPECT_TRUE(t, strlen(line) > strlen(PROG_NAME) &&
			    !strcmp(line + strlen(line) - strlen(PROG_NAME) - 1, "/" PROG_NAME));
	if (on_linux())
		return;                          /* qemu: r--p, unpadded addresses */
	KTAP_EXPECT_TRUE(t, !strncmp(line + 17, " r-xp ", 6));
	KTAP_EXPECT_EQ(t, strchr(line, '/') - line, 49);       /* padded to column 49 */
	KTAP_EXPECT_EQ(t, line[8], '-');                       /* %08lx-%08lx */
}

/* --- listings ----------------------------------------------------------- */

/* Is there an entry `name` (of type `type`, if not 0) in dir? -errno if
 * the directory cannot be read. The entry count goes to *count. */
static int dir_has(const char *dir, const char *name, int type, int *count)
{
	char buf[2048];
	int fd = open(dir, O_RDONLY | O_DIRECTORY, 0), n, found = 0;

	if (fd < 0)
		return -errno;
	if (count)
		*count = 0;
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (int off = 0; off < n; ) {
			struct linux_dirent64 *d = (void *)(buf + off);

			if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..") && count)
				(*count)++;
			if (!strcmp(d->d_name, name) && (!type || d->d_type == type))
				found = 1;
			off += d->d_reclen;
		}
	close(fd);
	return n < 0 ? -errno : found;
}

static void readdir_proc_lists_pids(struct ktap *t)
{
	char name[16];

	snprintf(name, sizeof(name), "%d", getpid());
	KTAP_EXPECT_EQ(t, dir_has("/proc", name, DT_DIR, NULL), 1);
	KTAP_EXPECT_EQ(t, dir_has("/proc", "self", DT_LNK, NULL), 1);
	KTAP_EXPECT_EQ(t, dir_has("/proc", "meminfo", DT_REG, NULL), 1);
	KTAP_EXPECT_EQ(t, dir_has("/proc", "sys", DT_DIR, NULL), 1);
	KTAP_EXPECT_EQ(t, dir_has("/proc", "1", DT_DIR, NULL), 1);
	KTAP_EXPECT_EQ(t, dir_has("/proc/self", "stat", DT_REG, NULL), 1);
	KTAP_EXPECT_EQ(t, dir_has("/proc/self", "task", DT_DIR, NULL), 1);
	KTAP_EXPECT_EQ(t, dir_has("/proc/self", "exe", DT_LNK, NULL), 1);
}

/* --- three threads ----------------------------------------------------- */

#define STACK_SIZE   (16 * 1024)
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

static volatile int release_threads;

/* A thread that waits, on the futex word, to be let go; then exits
 * (clone's thread function returning would exit the same way). */
static int parked_thread(void *unused)
{
	while (!release_threads)
		__syscall6(__NR_futex, (long)&release_threads, FUTEX_WAIT, 0, 0, 0, 0);
	return 0;
}

struct parked {
	char *stack;
	volatile int tid;                /* set at clone, zeroed by the kernel at exit */
};

static bool park_threads(struct parked *th, int n)
{
	release_threads = 0;
	for (int i = 0; i < n; i++) {
		th[i].stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (th[i].stack == MAP_FAILED ||
		    clone(parked_thread, th[i].stack + STACK_SIZE, THREAD_FLAGS, NULL,
			  (pid_t *)&th[i].tid, NULL, (pid_t *)&th[i].tid) < 0)
			return false;
	}
	return true;
}

static void release_parked(struct parked *th, int n)
{
	release_threads = 1;
	__syscall6(__NR_futex, (long)&release_threads, FUTEX_WAKE, n, 0, 0, 0);
	for (int i = 0; i < n; i++) {
		int v;

		while ((v = th[i].tid) != 0)
			__syscall6(__NR_futex, (long)&th[i].tid, FUTEX_WAIT, v, 0, 0, 0);
		munmap(th[i].stack, STACK_SIZE);
	}
}

/* task/ lists the three threads (qemu-user has one more of its own);
 * /proc lists the process once, not its threads; each thread's own
 * directory has its own stat. */
static void task_lists_three_threads(struct ktap *t)
{
	struct parked th[2];
	char name[16], path[64];
	struct pstat s;
	int count = 0;

	KTAP_ASSERT_TRUE(t, park_threads(th, 2));
	snprintf(name, sizeof(name), "%d", gettid());
	KTAP_EXPECT_EQ(t, dir_has("/proc/self/task", name, DT_DIR, &count), 1);
	KTAP_EXPECT_EQ(t, count, on_linux() ? count : 3);
	KTAP_EXPECT_GE(t, count, 3);
	for (int i = 0; i < 2; i++) {
		snprintf(name, sizeof(name), "%d", th[i].tid);
		KTAP_EXPECT_EQ(t, dir_has("/proc/self/task", name, DT_DIR, NULL), 1);
		KTAP_EXPECT_EQ(t, dir_has("/proc", name, 0, NULL), 0);      /* not a process */
		snprintf(path, sizeof(path), "/proc/self/task/%d/stat", th[i].tid);
		for (int tries = 0; tries < 1000; tries++) {    /* until it sleeps */
			KTAP_EXPECT_GT(t, read_file(path), 0);
			if (!parse_stat(&s) || s.state == 'S')
				break;
			sched_yield();
		}
		KTAP_EXPECT_TRUE(t, parse_stat(&s) && s.f[1] == th[i].tid && s.state == 'S');
		KTAP_EXPECT_EQ(t, s.f[20], count);                     /* num_threads */
		KTAP_EXPECT_EQ(t, s.f[38], -1);                        /* a thread's exit signal */
	}
	KTAP_EXPECT_GT(t, read_file("/proc/self/status"), 0);
	KTAP_EXPECT_EQ(t, status_long("Threads"), count);
	release_parked(th, 2);
}

/* --- links and raw files ---------------------------------------------- */

static void self_and_thread_self(struct ktap *t)
{
	char link[64], want[64];
	int n = readlink("/proc/self", link, sizeof(link) - 1);

	KTAP_ASSERT_GT(t, n, 0);
	link[n] = '\0';
	snprintf(want, sizeof(want), "%d", getpid());
	KTAP_EXPECT_STREQ(t, link, want);
	n = readlink("/proc/thread-self", link, sizeof(link) - 1);
	KTAP_ASSERT_GT(t, n, 0);
	link[n] = '\0';
	snprintf(want, sizeof(want), "%d/task/%d", getpid(), gettid());
	KTAP_EXPECT_STREQ(t, link, want);
	KTAP_EXPECT_GT(t, read_file("/proc/thread-self/comm"), 0);
}

static void exe_cwd_fd_links(struct ktap *t)
{
	char link[256], cwd[256];
	int fd, n = readlink("/proc/self/exe", link, sizeof(link) - 1);

	KTAP_ASSERT_GT(t, n, 0);
	link[n] = '\0';
	KTAP_EXPECT_TRUE(t, !strcmp(link + n - strlen(PROG_NAME) - 1, "/" PROG_NAME));
	n = readlink("/proc/self/cwd", link, sizeof(link) - 1);
	KTAP_ASSERT_GT(t, n, 0);
	link[n] = '\0';
	KTAP_ASSERT_TRUE(t, getcwd(cwd, sizeof(cwd)) != NULL);
	KTAP_EXPECT_STREQ(t, link, cwd);
	fd = open("/proc/uptime", O_RDONLY, 0);
	KTAP_ASSERT_GE(t, fd, 0);
	snprintf(cwd, sizeof(cwd), "/proc/self/fd/%d", fd);
	n = readlink(cwd, link, sizeof(link) - 1);
	KTAP_EXPECT_EQ(t, n, 12);
	link[n > 0 ? n : 0] = '\0';
	KTAP_EXPECT_STREQ(t, link, "/proc/uptime");
	snprintf(cwd, sizeof(cwd), "%d", fd);
	KTAP_EXPECT_EQ(t, dir_has("/proc/self/fd", cwd, DT_LNK, NULL), 1);
	close(fd);
	snprintf(cwd, sizeof(cwd), "/proc/self/fd/%d", fd);
	KTAP_EXPECT_EQ(t, readlink(cwd, link, sizeof(link)), -1);         /* closed */
	KTAP_EXPECT_EQ(t, errno, ENOENT);
}

/* A pidfd's fd link names its anonymous inode, as Linux's d_dname. */
static void pidfd_fd_link(struct ktap *t)
{
	char path[64], link[64];
	int fd = pidfd_open(getpid(), 0), n;

	KTAP_ASSERT_GE(t, fd, 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	KTAP_EXPECT_EQ(t, n, 18);
	link[n > 0 ? n : 0] = '\0';
	KTAP_EXPECT_STREQ(t, link, "anon_inode:[pidfd]");
	close(fd);
}

/* oom_score_adj: read back as written; outside -1000..1000 or not a
 * number EINVAL; root may lower it again (root's write sets the floor
 * only for others). */
static void oom_score_adj_written_and_read_back(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, write_file("/proc/self/oom_score_adj", "1001"), -EINVAL);
	KTAP_EXPECT_EQ(t, write_file("/proc/self/oom_score_adj", "12abc"), -EINVAL);
	if (skip_on_linux(t, "the emulator's own OOM bias is the host's"))
		return;
	KTAP_EXPECT_EQ(t, write_file("/proc/self/oom_score_adj", "500\n"), 4);
	KTAP_EXPECT_GT(t, read_file("/proc/self/oom_score_adj"), 0);
	KTAP_EXPECT_STREQ(t, text, "500\n");
	KTAP_EXPECT_EQ(t, write_file("/proc/self/oom_score_adj", "0"), 1);   /* root: lower */
	KTAP_EXPECT_GT(t, read_file("/proc/self/oom_score_adj"), 0);
	KTAP_EXPECT_STREQ(t, text, "0\n");
}

static int main_argc;
static char **main_argv;

/* cmdline: argv, each string NUL-terminated. */
static void cmdline_is_argv(struct ktap *t)
{
	int len = read_file("/proc/self/cmdline"), want = 0;

	for (int i = 0; i < main_argc; i++) {
		KTAP_EXPECT_STREQ(t, text + want, main_argv[i]);
		want += strlen(main_argv[i]) + 1;
	}
	KTAP_EXPECT_EQ(t, len, want);
}

/* comm: written whole and read back, in stat's parentheses too; another
 * process's is EINVAL to write, as Linux (not its thread group). */
static void comm_written_and_read_back(struct ktap *t)
{
	struct pstat s;
	char path[64];

	KTAP_EXPECT_EQ(t, write_file("/proc/self/comm", "renamed-proc"), 12);
	KTAP_EXPECT_GT(t, read_file("/proc/self/comm"), 0);
	KTAP_EXPECT_STREQ(t, text, "renamed-proc\n");
	if (read_own_stat(t, &s))
		KTAP_EXPECT_STREQ(t, s.comm, "renamed-proc");
	KTAP_EXPECT_EQ(t, write_file("/proc/self/comm", "a-name-longer-than-fifteen"), 26);
	KTAP_EXPECT_GT(t, read_file("/proc/self/comm"), 0);
	KTAP_EXPECT_STREQ(t, text, "a-name-longer-t\n");          /* TASK_COMM_LEN - 1 */
	snprintf(path, sizeof(path), "/proc/%d/comm", getppid());
	KTAP_EXPECT_EQ(t, write_file(path, "x"), -EINVAL);
	KTAP_EXPECT_EQ(t, write_file("/proc/self/comm", PROG_NAME), (int)strlen(PROG_NAME));
}

/* --- system files -------------------------------------------------------- */

static long meminfo_kb(const char *key)
{
	const char *v = status_value(key);

	return v && strstr(v, " kB\n") ? strtol(v, NULL, 10) : -1;
}

static void meminfo_fields(struct ktap *t)
{
	const char *line;

	KTAP_ASSERT_GT(t, read_file("/proc/meminfo"), 0);
	KTAP_EXPECT_TRUE(t, !strncmp(text, "MemTotal:       ", 16));   /* padded to 16 */
	KTAP_EXPECT_TRUE(t, !strncmp(strchr(text, '\n') - 3, " kB", 3));
	KTAP_EXPECT_GT(t, meminfo_kb("MemTotal"), 0);
	KTAP_EXPECT_GT(t, meminfo_kb("MemFree"), 0);
	KTAP_EXPECT_LE(t, meminfo_kb("MemFree"), meminfo_kb("MemTotal"));
	KTAP_EXPECT_GE(t, meminfo_kb("MemAvailable"), 0);
	KTAP_EXPECT_GE(t, meminfo_kb("Cached"), 0);
	line = strstr(text, "\nSwapCached:");
	KTAP_EXPECT_TRUE(t, line && !strncmp(line + 1, "SwapCached:            0 kB\n", 28));
}

/* uptime: "12.34 56.78\n"; the first agrees with sysinfo's */
static void uptime_two_numbers(struct ktap *t)
{
	struct sysinfo si;
	char *p;
	long up;

	KTAP_ASSERT_GT(t, read_file("/proc/uptime"), 0);
	up = strtol(text, &p, 10);
	KTAP_EXPECT_EQ(t, *p, '.');
	KTAP_EXPECT_TRUE(t, p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' && p[3] == ' ');
	strtol(p + 4, &p, 10);
	KTAP_EXPECT_TRUE(t, *p == '.' && p[3] == '\n' && !p[4]);
	KTAP_ASSERT_EQ(t, sysinfo(&si), 0);
	KTAP_EXPECT_GE(t, si.uptime, up);
	KTAP_EXPECT_LE(t, si.uptime, up + 2);
}

static void loadavg_format(struct ktap *t)
{
	char *p;
	long running, total;

	KTAP_ASSERT_GT(t, read_file("/proc/loadavg"), 0);
	p = text;
	for (int i = 0; i < 3; i++) {
		strtol(p, &p, 10);
		KTAP_EXPECT_TRUE(t, *p == '.' && p[3] == ' ');
		p += 4;
	}
	running = strtol(p, &p, 10);
	KTAP_EXPECT_EQ(t, *p, '/');
	total = strtol(p + 1, &p, 10);
	KTAP_EXPECT_GE(t, running, 1);                         /* we are running */
	KTAP_EXPECT_GE(t, total, running);
	KTAP_EXPECT_GT(t, strtol(p, &p, 10), 0);               /* the last pid */
	KTAP_EXPECT_STREQ(t, p, "\n");
}

static void stat_cpu_and_counters(struct ktap *t)
{
	long long v[4];
	const char *p;

	KTAP_ASSERT_GT(t, read_file("/proc/stat"), 0);
	KTAP_ASSERT_TRUE(t, !strncmp(text, "cpu  ", 5));
	p = text + 5;
	for (int i = 0; i < 4; i++) {
		v[i] = parse_ll(&p);
		KTAP_EXPECT_EQ(t, *p, ' ');
		p++;
	}
	KTAP_EXPECT_GT(t, v[0] + v[2] + v[3], 0);
	KTAP_EXPECT_TRUE(t, strstr(text, "\ncpu0 ") != NULL);
	KTAP_EXPECT_TRUE(t, strstr(text, "\nintr ") != NULL);
	KTAP_EXPECT_GT(t, strtol(strstr(text, "\nctxt ") + 6, NULL, 10), 0);
	KTAP_EXPECT_GT(t, strtol(strstr(text, "\nbtime ") + 7, NULL, 10), 1000000000L);
	KTAP_EXPECT_GT(t, strtol(strstr(text, "\nprocesses ") + 11, NULL, 10), 0);
	KTAP_EXPECT_GE(t, strtol(strstr(text, "\nprocs_running ") + 15, NULL, 10), 1);
}

static void version_cpuinfo(struct ktap *t)
{
	struct utsname u;

	KTAP_ASSERT_EQ(t, uname(&u), 0);
	KTAP_ASSERT_GT(t, read_file("/proc/version"), 0);
	KTAP_EXPECT_TRUE(t, !strncmp(text, "Linux version ", 14));
	KTAP_EXPECT_TRUE(t, !strncmp(text + 14, u.release, strlen(u.release)));
	KTAP_ASSERT_GT(t, read_file("/proc/cpuinfo"), 0);
	KTAP_EXPECT_TRUE(t, !strncmp(text, "processor\t: 0\n", 14));
	KTAP_EXPECT_TRUE(t, strstr(text, "\nvendor_id\t: ") != NULL);
	KTAP_EXPECT_TRUE(t, strstr(text, "\nflags\t\t: ") != NULL);
}

/* /proc/cpuinfo has a block per online CPU, "processor : 0" to N-1, as
 * many as /proc/stat has cpuN lines (glibc's and BusyBox's nproc count
 * either). */
static void cpuinfo_block_per_cpu(struct ktap *t)
{
	int blocks = 0, stat_cpus = 0;
	char want[32], *p;

	KTAP_ASSERT_GT(t, read_file("/proc/stat"), 0);
	for (p = text; (p = strstr(p, "\ncpu")); p++)
		stat_cpus += p[4] >= '0' && p[4] <= '9';
	KTAP_ASSERT_GT(t, read_file("/proc/cpuinfo"), 0);
	for (p = text; (p = strstr(p, "processor\t: ")); p++) {
		snprintf(want, sizeof(want), "processor\t: %d\n", blocks);
		KTAP_EXPECT_TRUE(t, !strncmp(p, want, strlen(want)));
		blocks++;
	}
	KTAP_EXPECT_GE(t, blocks, 1);
	KTAP_EXPECT_EQ(t, blocks, stat_cpus);
	ktap_log(t, "%d CPUs", blocks);
}

/* /proc/interrupts, Linux's table: a header of CPUn columns (11 spaces
 * first), and the local timer's row (LOC) with one count per column. */
static void interrupts_column_per_cpu(struct ktap *t)
{
	char *p, *end, *row;
	int cpus = 0, counts = 0;

	KTAP_ASSERT_GT(t, read_file("/proc/interrupts"), 0);
	KTAP_EXPECT_TRUE(t, !strncmp(text, "           CPU0", 15));
	for (p = text; *p && *p != '\n'; p++)
		cpus += !strncmp(p, "CPU", 3);
	row = strstr(text, "\nLOC:");
	KTAP_ASSERT_TRUE(t, row != NULL);
	for (p = row + 5;; p = end, counts++) {
		while (*p == ' ')
			p++;
		if (*p < '0' || *p > '9')
			break;
		strtoul(p, &end, 10);
	}
	KTAP_EXPECT_GE(t, cpus, 1);
	KTAP_EXPECT_EQ(t, counts, cpus);
}

/* /proc/mounts (a link to self/mounts) has procfs on /proc; filesystems
 * lists proc as a nodev type. */
static void mounts_and_filesystems(struct ktap *t)
{
	char link[32];
	int n = readlink("/proc/mounts", link, sizeof(link) - 1);

	KTAP_ASSERT_GT(t, n, 0);
	link[n] = '\0';
	KTAP_EXPECT_STREQ(t, link, "self/mounts");
	KTAP_ASSERT_GT(t, read_file("/proc/mounts"), 0);
	KTAP_EXPECT_TRUE(t, strstr(text, " /proc proc rw") != NULL);
	KTAP_EXPECT_TRUE(t, strstr(text, " 0 0\n") != NULL);
	KTAP_ASSERT_GT(t, read_file("/proc/filesystems"), 0);
	KTAP_EXPECT_TRUE(t, strstr(text, "nodev\tproc\n") != NULL);
}

static void sys_kernel_files(struct ktap *t)
{
	struct utsname u;

	KTAP_ASSERT_EQ(t, uname(&u), 0);
	KTAP_EXPECT_GT(t, read_file("/proc/sys/kernel/ostype"), 0);
	KTAP_EXPECT_STREQ(t, text, "Linux\n");
	KTAP_EXPECT_GT(t, read_file("/proc/sys/kernel/osrelease"), 0);
	KTAP_EXPECT_TRUE(t, !strncmp(text, u.release, strlen(u.release)) && text[strlen(u.release)] == '\n');
	KTAP_EXPECT_GT(t, read_file("/proc/sys/kernel/hostname"), 0);
	KTAP_EXPECT_TRUE(t, !strncmp(text, u.nodename, strlen(u.nodename)));
	KTAP_EXPECT_GT(t, read_file("/proc/sys/kernel/pid_max"), 0);
	KTAP_EXPECT_GE(t, strtol(text, NULL, 10), 301);
	KTAP_EXPECT_GT(t, read_file("/proc/sys/kernel/threads-max"), 0);
	KTAP_EXPECT_GE(t, strtol(text, NULL, 10), 20);
	KTAP_EXPECT_GT(t, read_file("/proc/sys/kernel/tainted"), 0);
	KTAP_EXPECT_GE(t, strtol(text, NULL, 10), 0);
}

/* root writes pid_max, reads it back, and its bounds hold (EINVAL); then
 * puts it back. Tasklab only: not the build host's pid_max. */
static void pid_max_written_by_root(struct ktap *t)
{
	long saved;
	char num[24];

	if (skip_on_linux(t, "the build host's pid_max is not ours to change"))
		return;
	KTAP_ASSERT_GT(t, read_file("/proc/sys/kernel/pid_max"), 0);
	saved = strtol(text, NULL, 10);
	snprintf(num, sizeof(num), "%ld\n", saved + 1000);
	KTAP_EXPECT_EQ(t, write_file("/proc/sys/kernel/pid_max", num), (int)strlen(num));
	KTAP_EXPECT_GT(t, read_file("/proc/sys/kernel/pid_max"), 0);
	KTAP_EXPECT_EQ(t, strtol(text, NULL, 10), saved + 1000);
	KTAP_EXPECT_EQ(t, write_file("/proc/sys/kernel/pid_max", "300"), -EINVAL);
	KTAP_EXPECT_EQ(t, write_file("/proc/sys/kernel/pid_max", "131073"), -EINVAL);
	KTAP_EXPECT_EQ(t, write_file("/proc/sys/kernel/pid_max", "12ab"), -EINVAL);
	snprintf(num, sizeof(num), "%ld", saved);
	KTAP_EXPECT_EQ(t, write_file("/proc/sys/kernel/pid_max", num), (int)strlen(num));
	KTAP_EXPECT_GT(t, read_file("/proc/sys/kernel/pid_max"), 0);
	KTAP_EXPECT_EQ(t, strtol(text, NULL, 10), saved);
}

/* hostname: root's write (one line) is uname's nodename; put back after. */
static void hostname_written_by_root(struct ktap *t)
{
	struct utsname u;
	char saved[65];

	if (skip_on_linux(t, "the build host's name is not ours to change"))
		return;
	KTAP_ASSERT_EQ(t, uname(&u), 0);
	strlcpy(saved, u.nodename, sizeof(saved));
	KTAP_EXPECT_EQ(t, write_file("/proc/sys/kernel/hostname", "procbox\n"), 8);
	KTAP_ASSERT_EQ(t, uname(&u), 0);
	KTAP_EXPECT_STREQ(t, u.nodename, "procbox");
	KTAP_EXPECT_GT(t, read_file("/proc/sys/kernel/hostname"), 0);
	KTAP_EXPECT_STREQ(t, text, "procbox\n");
	KTAP_EXPECT_EQ(t, write_file("/proc/sys/kernel/hostname", saved), (int)strlen(saved));
	KTAP_ASSERT_EQ(t, uname(&u), 0);
	KTAP_EXPECT_STREQ(t, u.nodename, saved);
	KTAP_EXPECT_EQ(t, write_file("/proc/sys/kernel/ostype", "x"), -EACCES);   /* 0444 */
}

/* --- permissions ------------------------------------------------------ */

/* As an ordinary user: root's sysctl files and PID 1's environ, exe link
 * and fd directory are EACCES; its stat and status stay readable. */
static int user_is_refused(void)
{
	char link[64];
	int bad = 0;

	bad |= write_file("/proc/sys/kernel/pid_max", "40000") != -EACCES;
	bad |= (read_file("/proc/1/environ") != -EACCES) << 1;
	bad |= (readlink("/proc/1/exe", link, sizeof(link)) != -1 || errno != EACCES) << 2;
	bad |= (open("/proc/1/fd", O_RDONLY | O_DIRECTORY, 0) != -1 || errno != EACCES) << 3;
	bad |= (read_file("/proc/1/stat") <= 0) << 4;
	bad |= (read_file("/proc/1/status") <= 0) << 5;
	bad |= (mount("proc", "/proc", "proc", 0, NULL) != -1 || errno != EPERM) << 6;
	bad |= (umount2("/proc", 0) != -1 || errno != EPERM) << 7;
	return bad;
}

static int become_other_user(void)
{
	if (setgid(OTHER_UID) || setuid(OTHER_UID))
		return 255;
	return user_is_refused();
}

static void eacces_eperm_for_other_users(struct ktap *t)
{
	int status;

	if (ktap_skip_without_uid_switch(t))
		return;
	status = ktap_run_child(become_other_user);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 0);             /* the bits of what failed */
}

/* --- a task that dies --------------------------------------------------- */

/* A child's files opened while it runs: a zombie's stat says Z with its
 * exit code; once reaped, reading is ESRCH and looking it up ENOENT. */
static void dead_task_files(struct ktap *t)
{
	char path[64];
	int fd, status, n;
	pid_t pid = fork();
	struct pstat s;

	if (pid == 0) {
		pause();
		_exit(0);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY, 0);
	KTAP_ASSERT_GE(t, fd, 0);
	kill(pid, SIGKILL);
	while (read_file(path) > 0 && parse_stat(&s) && s.state != 'Z')
		sched_yield();                   /* until it is a zombie */
	KTAP_EXPECT_EQ(t, s.state, 'Z');
	KTAP_EXPECT_EQ(t, s.f[52], SIGKILL);                   /* its wait status */
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	n = read(fd, text, sizeof(text));
	KTAP_EXPECT_EQ(t, n, -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	close(fd);
	KTAP_EXPECT_EQ(t, read_file(path), -ENOENT);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	KTAP_EXPECT_EQ(t, open(path, O_RDONLY | O_DIRECTORY, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
}

/* PID 2 is kthreadd: no address space, so an empty cmdline and ps shows
 * it in brackets. Tasklab only (a build host's PID 2 may be anything). */
static void kernel_thread_empty_cmdline(struct ktap *t)
{
	struct pstat s;

	if (skip_on_linux(t, "the host's PID 2 may not be kthreadd"))
		return;
	KTAP_EXPECT_EQ(t, read_file("/proc/2/cmdline"), 0);
	KTAP_EXPECT_GT(t, read_file("/proc/2/stat"), 0);
	KTAP_EXPECT_TRUE(t, parse_stat(&s));
	KTAP_EXPECT_STREQ(t, s.comm, "kthreadd");
	KTAP_EXPECT_EQ(t, s.f[23], 0);                         /* vsize */
	KTAP_EXPECT_EQ(t, s.f[26], 0);                         /* startcode */
	KTAP_EXPECT_EQ(t, read_file("/proc/2/maps"), 0);
	KTAP_EXPECT_EQ(t, readlink("/proc/2/exe", (char *)text, 64), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
}

/* --- mount and umount2 ------------------------------------------------ */

/* The errors that change nothing, checked on Linux too. */
static void mount_errors(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, mount("proc", "/no/such/dir", "proc", 0, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
	KTAP_EXPECT_EQ(t, mount("proc", BAD_PTR, "proc", 0, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, umount2("/proc", 0x100), -1);         /* an unknown flag */
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, umount2("/no/such/dir", 0), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
	KTAP_EXPECT_EQ(t, umount2(BAD_PTR, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, mount("none", "/proc", "no-such-fs", 0, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ENODEV);
}

/* On Tasklab as root: proc and a ramfs mounted on /mnt and unmounted;
 * ENOTDIR, EINVAL, EBUSY, a read-only remount (EROFS) and a lazy unmount
 * of a busy mount. */
static void mount_umount_proc_and_ramfs(struct ktap *t)
{
	int fd;

	if (skip_on_linux(t, "no mounts on the build host"))
		return;
	KTAP_EXPECT_EQ(t, mount("proc", "/etc/motd", "proc", 0, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ENOTDIR);
	KTAP_EXPECT_EQ(t, umount2(MNT, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);                      /* not a mount */
	KTAP_ASSERT_EQ(t, mount("proc", MNT, "proc", 0, NULL), 0);
	KTAP_EXPECT_GT(t, read_file(MNT "/self/stat"), 0);
	KTAP_EXPECT_GT(t, read_file("/proc/mounts"), 0);
	KTAP_EXPECT_TRUE(t, strstr(text, "\nproc " MNT " proc rw,relatime 0 0\n") != NULL);
	fd = open(MNT "/uptime", O_RDONLY, 0);
	KTAP_EXPECT_EQ(t, umount2(MNT, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EBUSY);                       /* a file is open */
	close(fd);
	KTAP_EXPECT_EQ(t, umount2(MNT, 0), 0);
	KTAP_EXPECT_EQ(t, read_file(MNT "/self/stat"), -ENOENT);
	KTAP_ASSERT_EQ(t, mount("none", MNT, "ramfs", 0, NULL), 0);
	fd = open(MNT "/f", O_WRONLY | O_CREAT, 0644);
	KTAP_EXPECT_EQ(t, write(fd, "data", 4), 4);
	close(fd);
	KTAP_EXPECT_EQ(t, mount(NULL, MNT, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	KTAP_EXPECT_EQ(t, open(MNT "/g", O_WRONLY | O_CREAT, 0644), -1);
	KTAP_EXPECT_EQ(t, errno, EROFS);
	fd = open(MNT "/f", O_RDONLY, 0);
	KTAP_EXPECT_EQ(t, umount2(MNT, MNT_DETACH), 0);        /* busy: lazily */
	KTAP_EXPECT_EQ(t, read(fd, text, 8), 4);               /* still readable */
	close(fd);
	KTAP_EXPECT_EQ(t, read_file(MNT "/f"), -ENOENT);
}

/* --- CPU time ---------------------------------------------------------- */

static int spin_child(void)
{
	spin_cpu(0.2);
	return 0;
}

static double tv(long sec, long usec) { return sec + usec / 1e6; }

/* times, getrusage and the CPU-time clocks after 0.3 s of spinning agree
 * with one another; a child's 0.2 s are ours once it is waited for. */
static void cpu_time_accounting(struct ktap *t)
{
	struct rusage self, thread, children;
	struct tms tms;
	double proc_clock, thread_clock, ru_self;

	spin_cpu(0.3);
	proc_clock = now_s(CLOCK_PROCESS_CPUTIME_ID);
	thread_clock = now_s(CLOCK_THREAD_CPUTIME_ID);
	KTAP_ASSERT_EQ(t, getrusage(RUSAGE_SELF, &self), 0);
	KTAP_ASSERT_EQ(t, getrusage(RUSAGE_THREAD, &thread), 0);
	KTAP_EXPECT_GE(t, proc_clock * 1000, 300);
	KTAP_EXPECT_LE(t, thread_clock, proc_clock + 0.011);
	ru_self = tv(self.ru_utime.tv_sec, self.ru_utime.tv_usec) +
		  tv(self.ru_stime.tv_sec, self.ru_stime.tv_usec);
	KTAP_EXPECT_GE(t, ru_self * 1000, proc_clock * 1000 - 11);   /* within a tick */
	KTAP_EXPECT_GE(t, tv(self.ru_utime.tv_sec, self.ru_utime.tv_usec) * 1000, 200);
	KTAP_EXPECT_GT(t, self.ru_minflt, 0);
	KTAP_EXPECT_LE(t, tv(thread.ru_utime.tv_sec, thread.ru_utime.tv_usec),
		       tv(self.ru_utime.tv_sec, self.ru_utime.tv_usec));
	KTAP_EXPECT_GT(t, times(&tms), 0);
	KTAP_EXPECT_GE(t, tms.tms_utime, 20);                  /* ticks (1/100 s) */
	KTAP_EXPECT_EQ(t, ktap_run_child(spin_child), 0);
	KTAP_ASSERT_EQ(t, getrusage(RUSAGE_CHILDREN, &children), 0);
	KTAP_EXPECT_GE(t, tv(children.ru_utime.tv_sec, children.ru_utime.tv_usec) * 1000, 150);
	KTAP_EXPECT_GT(t, times(&tms), 0);
	KTAP_EXPECT_GE(t, tms.tms_cutime, 15);
}

static void cpu_time_errors(struct ktap *t)
{
	struct rusage ru;
	struct timespec ts;

	KTAP_EXPECT_EQ(t, getrusage(2, &ru), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, getrusage(RUSAGE_SELF, BAD_PTR), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, times(BAD_PTR), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, sysinfo(BAD_PTR), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	/* the CPU clock of a process: ~pid << 3 | CPUCLOCK_SCHED; none has
	 * pid 0x3ffffff (above any pid_max) */
	KTAP_EXPECT_EQ(t, clock_gettime((int)((~0x3ffffffu << 3) | 2), &ts), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, clock_gettime((int)((~(unsigned)getpid() << 3) | 2), &ts), 0);
}

static void sysinfo_fields(struct ktap *t)
{
	struct sysinfo si;

	KTAP_ASSERT_EQ(t, sysinfo(&si), 0);
	KTAP_EXPECT_GT(t, si.uptime, 0);
	KTAP_EXPECT_GT(t, si.totalram, 0);
	KTAP_EXPECT_GT(t, si.freeram, 0);
	KTAP_EXPECT_LE(t, si.freeram, si.totalram);
	KTAP_EXPECT_GE(t, si.mem_unit, 1);
	KTAP_EXPECT_GE(t, si.procs, 1);
	KTAP_ASSERT_GT(t, read_file("/proc/meminfo"), 0);
	if (!on_linux())    /* qemu-i386 cuts a big host's 64-bit sizes to 32 bits */
		KTAP_EXPECT_EQ(t, (long long)si.totalram * si.mem_unit / 1024, meminfo_kb("MemTotal"));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(stat_self_fields),
	KTAP_CASE(stat_processor_is_last_cpu),
	KTAP_CASE(stat_process_line),
	KTAP_CASE(status_fields),
	KTAP_CASE(statm_sizes),
	KTAP_CASE(maps_stack_and_text),
	KTAP_CASE(readdir_proc_lists_pids),
	KTAP_CASE(task_lists_three_threads),
	KTAP_CASE(self_and_thread_self),
	KTAP_CASE(exe_cwd_fd_links),
	KTAP_CASE(cmdline_is_argv),
	KTAP_CASE(comm_written_and_read_back),
	KTAP_CASE(pidfd_fd_link),
	KTAP_CASE(oom_score_adj_written_and_read_back),
	KTAP_CASE(meminfo_fields),
	KTAP_CASE(uptime_two_numbers),
	KTAP_CASE(loadavg_format),
	KTAP_CASE(stat_cpu_and_counters),
	KTAP_CASE(version_cpuinfo),
	KTAP_CASE(cpuinfo_block_per_cpu),
	KTAP_CASE(interrupts_column_per_cpu),
	KTAP_CASE(mounts_and_filesystems),
	KTAP_CASE(sys_kernel_files),
	KTAP_CASE(pid_max_written_by_root),
	KTAP_CASE(hostname_written_by_root),
	KTAP_CASE(eacces_eperm_for_other_users),
	KTAP_CASE(dead_task_files),
	KTAP_CASE(kernel_thread_empty_cmdline),
	KTAP_CASE(mount_errors),
	KTAP_CASE(mount_umount_proc_and_ramfs),
	KTAP_CASE(cpu_time_accounting),
	KTAP_CASE(cpu_time_errors),
	KTAP_CASE(sysinfo_fields),
	{ NULL, NULL },
};

/* `utest_proc_fs --spin-then-pause`: spin in user mode for a quarter of
 * a second, then wait to be killed; the kernel's proc suite
 * (tests/test_proc.c) reads this process's stat meanwhile. */
int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--spin-then-pause")) {
		spin(0.25);
		for (;;)
			pause();
	}
	main_argc = argc;
	main_argv = argv;
	return ktap_run_suite("proc_fs", cases);
}
