/* user/fuzz/args.c: the fuzzer's arguments. Each kind of argument is drawn
 * from a mix of good values (mapped buffers, open fds, existing paths, small
 * sizes) and the bad ones a kernel must refuse cleanly: pointers at page
 * edges (a copy that runs into the read-only or the PROT_NONE page after the
 * buffers), into the kernel (0xC0000000 and up), into a hole never mapped,
 * NULL and misaligned; closed, huge and negative fds; random flag bits;
 * sizes of 0, huge or negative. Values that could end the run are never
 * drawn: a pid to signal is this process's own, its group's, a child's or
 * one that does not exist (never 1, -1, the supervisor or the top); a path
 * that a call may change is in the worker's scratch names (/tmp/fz<w>_<k>);
 * a device number is never a tty's or one of /dev/mem, kmem, port. */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <linux/fcntl.h>
#include "fuzz.h"

#define PAGE 4096UL

static const unsigned long kernel_addrs[] = {
	0xC0000000UL, 0xC0100000UL, 0xC0001000UL, 0xFFFFF000UL, 0xFFFFFFFFUL,
	0xBFFFFFFFUL, 0xFFFFFFF0UL, 0xC0000000UL - 2,
};

void *good_buf(struct fuzz_ctx *c, unsigned int n)
{
	unsigned long room = FUZZ_BUF_PAGES * PAGE;

	if (n >= room)
		return (void *)FUZZ_BUFS;
	return (void *)(FUZZ_BUFS + rnd_below(c, room - n + 1));
}

/* A pointer for the kernel to read or write through. */
static long gen_ptr(struct fuzz_ctx *c)
{
	unsigned int r = rnd_below(c, 100);

	if (r < 45)
		return (long)good_buf(c, rnd_below(c, 256));
	if (r < 55)                       /* just before a page the copy cannot cross */
		return (long)(PICK(c, FUZZ_BUF_RO, FUZZ_BUF_NONE, FUZZ_BUFS_END) - 1 - rnd_below(c, 64));
	if (r < 60)
		return (long)(FUZZ_BUF_RO + rnd_below(c, PAGE));
	if (r < 64)
		return (long)(FUZZ_BUF_NONE + rnd_below(c, PAGE));
	if (r < 69)
		return 0;
	if (r < 76)
		return (long)kernel_addrs[rnd_below(c, sizeof(kernel_addrs) / sizeof(kernel_addrs[0]))];
	if (r < 81)
		return (long)(FUZZ_HOLE + rnd_below(c, 1 << 20));
	if (r < 88)
		return (long)good_buf(c, 64) | (1 + rnd_below(c, 3));      /* misaligned */
	if (r < 95)
		return (long)(FUZZ_ARENA + rnd_below(c, FUZZ_ARENA_SIZE));  /* maybe unmapped */
	return (long)(unsigned long)&rng_seed + rnd_below(c, 256);  /* text: read-only */
}

static long gen_len(struct fuzz_ctx *c)
{
	switch (rnd_below(c, 12)) {
	case 0: return 0;
	case 1: case 2: case 3: return 1 + rnd_below(c, 64);
	case 4: case 5: return 1 + rnd_below(c, 8192);
	case 6: return PICK(c, 4096, 4095, 4097, FUZZ_BUF_PAGES * 4096, 65536, 65537);
	case 7: return PICK(c, 0x7fffffff, 0xffffffff, 0x80000000, 0x7ffff000, 0xfffff000);
	case 8: return PICK(c, -1, -4096, -2);
	case 9: return 0x10000 + rnd_below(c, 0x100000);
	case 10: return rnd(c);
	default: return rnd_below(c, 16);
	}
}

static long gen_int(struct fuzz_ctx *c)
{
	switch (rnd_below(c, 8)) {
	case 0: return PICK(c, 0, 1, -1, 2, 0x7fffffff, (long)0x80000000, 0xffff, 0x10000);
	case 1: case 2: return rnd_below(c, 16);
	case 3: return rnd(c);
	case 4: return 1L << rnd_below(c, 32);
	case 5: return -(long)rnd_below(c, 16);
	default: return rnd_below(c, 4096);
	}
}

static long gen_flags(struct fuzz_ctx *c)
{
	switch (rnd_below(c, 6)) {
	case 0: return rnd(c);
	case 1: case 2: return rnd(c) & 0xffff & (rnd(c) | rnd(c));
	case 3: return 0;
	case 4: return 1L << rnd_below(c, 32);
	default: return rnd(c) & rnd(c) & 0x000fffff;
	}
}

/* An fd: mostly one the process has (the pool and what calls opened),
 * else closed, huge or negative. */
static long gen_fd(struct fuzz_ctx *c)
{
	unsigned int r = rnd_below(c, 100);
	int top = c->max_fd < 48 ? c->max_fd : 48;

	if (r < 70)
		return rnd_below(c, top + 1);
	if (r < 78)
		return c->max_fd + 1 + rnd_below(c, 8);                   /* closed */
	if (r < 84)
		return PICK(c, 1024, 1023, 65535, 0x7fffffff, 1 << 20, 4096);
	if (r < 90)
		return PICK(c, -1, -2, (long)0x80000000, -1024);
	return PICK(c, AT_FDCWD, 3, 4, 5);
}

/* --- paths --------------------------------------------------------------- */

/* Any of these may be read, opened read-only, stat'ed, exec'd (exec runs
 * only /bin/fuzz exec-child: user/fuzz/calls.c), listed: never changed. */
static const char *const system_paths[] = {
	"/", "/bin", "/sbin", "/sbin/init", "/bin/fuzz", "/bin/hello", "/etc/motd", "/etc",
	"/tmp", "/dev", "/dev/null", "/dev/zero", "/dev/full", "/dev/urandom", "/dev/random",
	"/proc", "/proc/self", "/proc/self/maps", "/proc/self/status", "/proc/self/stat",
	"/proc/self/fd", "/proc/self/exe", "/proc/self/cmdline", "/proc/self/environ",
	"/proc/self/task", "/proc/self/fd/3", "/proc/self/cwd", "/proc/meminfo",
	"/proc/slabinfo", "/proc/stat", "/proc/uptime", "/proc/sys/kernel/threads-max",
	"/proc/sys/kernel/pid_max", "/proc/mounts", "/proc/loadavg", "/proc/version",
	"/sys/kernel/debug/syscall_counts", "/nonexistent", "/bin/fuzz/x", "/init",
	"/bin/sh", "/tmp/../bin", "//tmp//", "/bin/", ".", "..", "", "/proc/self/root",
};

#define NSCRATCH 8
static char scratch[NSCRATCH][24], scratch_sub[NSCRATCH][28], scratch_rel[2][16];
static char long_name[300], long_path[4200];

/* The scratch names of this worker: /tmp/fz<w>_<k>, and /tmp/fz<w>_<k>/a. */
static void scratch_init(int worker)
{
	static int done_for = -1;

	if (done_for == worker)
		return;
	for (int k = 0; k < NSCRATCH; k++) {
		snprintf(scratch[k], sizeof(scratch[k]), "/tmp/fz%d_%d", worker, k);
		snprintf(scratch_sub[k], sizeof(scratch_sub[k]), "/tmp/fz%d_%d/%c", worker, k,
			 'a' + k % 2);
	}
	snprintf(scratch_rel[0], sizeof(scratch_rel[0]), "fz%d_zz", worker);   /* relative */
	snprintf(scratch_rel[1], sizeof(scratch_rel[1]), "fz%d_%d", worker, NSCRATCH - 1);
	memset(long_name, 'n', sizeof(long_name) - 1);             /* > NAME_MAX */
	memcpy(long_name, "/tmp/", 5);
	for (size_t i = 0; i + 2 < sizeof(long_path); i += 2)      /* > PATH_MAX */
		memcpy(long_path + i, "/.", 2);
	done_for = worker;
}

/* A string with no NUL before the PROT_NONE page: the read-only page is
 * all 'r' (fuzz_setup_memory), so the kernel's copy runs into the fault. */
static long unterminated(struct fuzz_ctx *c)
{
	return (long)(FUZZ_BUF_NONE - 1 - rnd_below(c, 64));
}

/* A NUL-terminated string of random bytes in the buffers. */
static long garbage_string(struct fuzz_ctx *c)
{
	unsigned int n = rnd_below(c, 40);
	unsigned char *s = good_buf(c, n + 1);

	for (unsigned int i = 0; i < n; i++)
		s[i] = (unsigned char)(rnd(c) | 1);
	s[n] = 0;
	return (long)s;
}

/* A symlink's target that stays in the scratch names: absolute, or a
 * name relative to /tmp (where every scratch link lives). */
const char *scratch_target(struct fuzz_ctx *c)
{
	scratch_init(c->worker);
	return chance(c, 70) ? scratch_path(c) : scratch_rel[rnd_below(c, 2)];
}

int fuzz_is_scratch(long ptr)
{
	return (ptr >= (long)scratch && ptr < (long)(scratch + NSCRATCH)) ||
	       (ptr >= (long)scratch_sub && ptr < (long)(scratch_sub + NSCRATCH));
}

/* May a call open this path for writing? The scratch names and the
 * memory devices in system_paths (compared by address: any other pointer,
 * even to the same text, is treated as a system path). */
int fuzz_path_writable(long ptr)
{
	if (fuzz_is_scratch(ptr))
		return 1;
	for (size_t i = 0; i < sizeof(system_paths) / sizeof(system_paths[0]); i++)
		if (ptr == (long)system_paths[i])
			return !strncmp(system_paths[i], "/dev/", 5);
	return 0;
}

/* One of system_paths' names for the init program (/sbin/init, /init,
 * /bin/sh)? exec'd by a worker, its shell would only sit and reap. */
int fuzz_path_is_init(long ptr)
{
	for (size_t i = 0; i < sizeof(system_paths) / sizeof(system_paths[0]); i++)
		if (ptr == (long)system_paths[i])
			return !strcmp(system_paths[i], "/sbin/init") || !strcmp(system_paths[i], "/init") ||
			       !strcmp(system_paths[i], "/bin/sh");
	return 0;
}

const char *scratch_path(struct fuzz_ctx *c)
{
	scratch_init(c->worker);
	if (chance(c, 85))
		return scratch[rnd_below(c, NSCRATCH)];
	if (chance(c, 60))
		return scratch_sub[rnd_below(c, NSCRATCH)];
	return chance(c, 50) ? long_name : long_path;
}

const char *any_path(struct fuzz_ctx *c)
{
	scratch_init(c->worker);
	if (chance(c, 40))
		return scratch_path(c);
	return system_paths[rnd_below(c, sizeof(system_paths) / sizeof(system_paths[0]))];
}

/* A path a call cannot read: NULL, the kernel, the hole, the PROT_NONE
 * page, or a string with no end before it. */
static long unreadable_path(struct fuzz_ctx *c)
{
	if (chance(c, 30))
		return unterminated(c);
	return PICK(c, 0, (long)kernel_addrs[rnd_below(c, sizeof(kernel_addrs) / sizeof(kernel_addrs[0]))],
		    (long)(FUZZ_HOLE + rnd_below(c, 4096)), (long)(FUZZ_BUF_NONE + rnd_below(c, 4096)));
}

/* A path for a call that may change what it names: a scratch name, or one
 * it cannot read (never bytes of the buffers or the program: a name made
 * of them would be created wherever the working directory is). Any other
 * call may also get random bytes for a name. */
static long gen_path(struct fuzz_ctx *c, int writable)
{
	unsigned int r = rnd_below(c, 100);

	if (r < 85)
		return (long)(writable ? scratch_path(c) : any_path(c));
	if (r < 95 || writable)
		return unreadable_path(c);
	return garbage_string(c);
}

/* --- pids ------------------------------------------------------------------ */

void remember_child(struct fuzz_ctx *c, pid_t pid)
{
	if (pid <= 0)
		return;
	if (c->nchildren < (int)(sizeof(c->children) / sizeof(c->children[0]))) {
		c->child_born[c->nchildren] = c->calls;
		c->children[c->nchildren++] = pid;
	}
}

long safe_pid(struct fuzz_ctx *c)
{
	unsigned int r = rnd_below(c, 100);

	if (r < 25)
		return c->pid;
	if (r < 35)
		return 0;                         /* the caller's group */
	if (r < 45)
		return -c->pid;                   /* its own group, if it leads one */
	if (r < 65 && c->nchildren)
		return c->children[rnd_below(c, c->nchildren)];
	if (r < 75)
		return c->tid ? c->tid : c->pid;
	if (r < 88)
		return PICK(c, 4194304, 0x7fffffff, 4194305, 99999999);   /* no such pid */
	if (r < 95)
		return PICK(c, -4194304, -0x7fffffff, -99999999);
	return (long)0x80000000;              /* INT_MIN: Linux says ESRCH */
}

/* --- structures in the buffers -------------------------------------------- */

long gen_timespec(struct fuzz_ctx *c)
{
	long *ts = good_buf(c, 8);
	unsigned int r = rnd_below(c, 1000);

	if (r < 100)
		return 0;
	if (r < 130)
		return gen_ptr(c);
	ts[0] = 0;
	ts[1] = rnd_below(c, 2000000);        /* up to 2 ms */
	if (r < 170)
		ts[1] = PICK(c, 1000000000, -1, 999999999, 0x7fffffff);
	else if (r < 200)
		ts[0] = PICK(c, -1, (long)0x80000000, -2);
	else if (r < 205)
		ts[0] = 1;
	else if (r < 207)
		ts[0] = 0x7fffffff;              /* broken by the alarm or the watchdog */
	return (long)ts;
}

/* The same times as gen_timespec's, as Linux's 64-bit struct timespec. */
long gen_timespec64(struct fuzz_ctx *c)
{
	long *ts = (long *)gen_timespec(c);
	long long *ts64;

	if ((unsigned long)ts < FUZZ_BUFS || (unsigned long)ts + 8 > FUZZ_BUF_RO)
		return (long)ts;
	ts64 = good_buf(c, 16);
	ts64[1] = ts[1];
	ts64[0] = ts[0];
	return (long)ts64;
}

static long gen_iov(struct fuzz_ctx *c)
{
	unsigned int n = 1 + rnd_below(c, 8);
	long *iov = good_buf(c, 8 * n);

	if (chance(c, 10))
		return gen_ptr(c);
	for (unsigned int i = 0; i < n; i++) {
		iov[2 * i] = chance(c, 85) ? (long)good_buf(c, 64) : gen_ptr(c);
		iov[2 * i + 1] = chance(c, 85) ? (long)rnd_below(c, 65) : gen_len(c);
	}
	return (long)iov;
}

/* A filled struct of `words` random-ish words: sigsets, rlimits, itimers. */
static long gen_words(struct fuzz_ctx *c, unsigned int words, unsigned int small)
{
	unsigned long *p = good_buf(c, 4 * words);

	if (chance(c, 8))
		return gen_ptr(c);
	for (unsigned int i = 0; i < words; i++)
		p[i] = chance(c, 70) ? rnd_below(c, small) : (unsigned long)gen_int(c);
	return (long)p;
}

static void noop_handler(int sig)
{
	(void)sig;
}

static void info_handler(int sig, void *info, void *uc)
{
	(void)sig, (void)info, (void)uc;
}

void __restore(void);
void __restore_rt(void);

/* A handler or a restorer: ours, SIG_DFL, SIG_IGN, or an address the
 * kernel must store and then fault on. Never writable memory: its random
 * bytes would run as code (no NX here), and random code may make any
 * call at all, kill(-1, SIGKILL) among them. */
static long gen_handler(struct fuzz_ctx *c)
{
	return PICK(c, 0, 1, (long)noop_handler, (long)info_handler, (long)noop_handler,
		    0xC0000000, 4, FUZZ_HOLE, FUZZ_BUF_NONE);
}

/* A kernel struct sigaction (handler, flags, restorer, mask) for
 * rt_sigaction: our handlers with our restorer mostly, else SIG_DFL,
 * SIG_IGN, or garbage the kernel must store and fault on at delivery. */
static long gen_sigaction(struct fuzz_ctx *c)
{
	unsigned long *sa = good_buf(c, 20);

	if (chance(c, 8))
		return gen_ptr(c);
	sa[0] = gen_handler(c);
	sa[1] = chance(c, 50) ? 0x04000000 | (rnd(c) & 0x58000004) : (unsigned long)gen_flags(c);
	sa[2] = (unsigned long)(chance(c, 90) ? (long)__restore_rt
					      : PICK(c, (long)__restore, 0, 0xC0000000, FUZZ_HOLE,
						     FUZZ_BUF_NONE));
	sa[3] = chance(c, 50) ? 0 : rnd(c);
	sa[4] = chance(c, 50) ? 0 : rnd(c);
	return (long)sa;
}

/* A device number for mknod: memory devices that are safe, or random; a
 * tty (majors 4, 5), /dev/mem (1:1), kmem (1:2) and port (1:4) never. */
static long gen_dev(struct fuzz_ctx *c)
{
	long dev = chance(c, 60) ? PICK(c, 0x103, 0x105, 0x107, 0x108, 0x109, 0) : (long)rnd(c);
	unsigned int major = ((dev >> 8) & 0xfff), minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	if (major == 4 || major == 5 || (major == 1 && (minor == 1 || minor == 2 || minor == 4)))
		return 0x103;
	return dev;
}

static long gen_sig(struct fuzz_ctx *c)
{
	if (chance(c, 85))
		return rnd_below(c, 65);
	return PICK(c, 65, -1, 1000, 0x7fffffff, 9, 19, 18);
}

long gen_arg(struct fuzz_ctx *c, enum arg_kind kind)
{
	switch (kind) {
	case A_NONE: return chance(c, 90) ? 0 : gen_int(c);
	case A_INT: return gen_int(c);
	case A_FD: return gen_fd(c);
	case A_DIRFD: return chance(c, 60) ? AT_FDCWD : gen_fd(c);
	case A_PATH: return gen_path(c, 0);
	case A_WPATH: return gen_path(c, 1);
	case A_BUF: case A_WBUF: return gen_ptr(c);
	case A_LEN: case A_MLEN: return gen_len(c);
	case A_FLAGS: return gen_flags(c);
	case A_MODE: return chance(c, 70) ? PICK(c, 0644, 0755, 0, 0777, 07777, 0600, 0444)
					  : (long)(rnd(c) & 0177777);
	case A_PID: return safe_pid(c);
	case A_SIG: return gen_sig(c);
	case A_UID: return PICK(c, 0, (long)c->uid, 1000, 65534, -1, 65535, (long)rnd(c), 0);
	case A_ADDR: return FUZZ_ARENA + rnd_below(c, FUZZ_ARENA_SIZE / PAGE) * PAGE;
	case A_PROT: return chance(c, 85) ? (long)rnd_below(c, 8) : gen_flags(c);
	case A_TIMESPEC: return gen_timespec(c);
	case A_IOV: return gen_iov(c);
	case A_IOVCNT: return chance(c, 85) ? (long)rnd_below(c, 9) : PICK(c, 1024, 1025, -1, 0x7fffffff);
	case A_CMD: return chance(c, 80) ? PICK(c, 0x5401, 0x5402, 0x5403, 0x5404, 0x540F, 0x5410,
						0x5413, 0x5414, 0x541B, 0x5421, 0x5451, 0x5450,
						0x5452, 0x5411, 0x540B, 0x5429, 0x80046601, 0x5422)
					 : gen_flags(c);
	case A_SMALL: return chance(c, 90) ? (long)rnd_below(c, 16) : gen_int(c);
	case A_SIGSET: return gen_words(c, 2, 1);
	case A_OFF: return chance(c, 70) ? (long)rnd_below(c, 65536) : gen_int(c);
	case A_WHICH: return chance(c, 90) ? (long)rnd_below(c, 4) : gen_int(c);
	case A_DEV: return gen_dev(c);
	case A_SIGACT: return gen_sigaction(c);
	case A_HANDLER: return gen_handler(c);
	case A_FUTEX_OP: return chance(c, 85) ? (long)(rnd_below(c, 14) | (chance(c, 50) ? 128 : 0) |
						      (chance(c, 10) ? 256 : 0))
					  : gen_flags(c);
	case A_CLOCK: return chance(c, 85) ? (long)rnd_below(c, 12) : gen_int(c);
	case A_ITIMER: return gen_words(c, 4, 3000);
	case A_RLIMIT: return gen_words(c, 4, 64);
	default: return 0;
	}
}

/* --- files a call must never change through an fd ------------------------ */

static struct { unsigned long long dev, ino; } protected_files[16];
static int nprotected;

/* The inodes of the system's directories and programs: fchmod, fchown and
 * the like through an fd that names one of them are dropped (the path
 * calls that change things take scratch names only). */
void fuzz_protect_init(void)
{
	static const char *const keep[] = {
		"/", "/bin", "/sbin", "/tmp", "/etc", "/dev", "/bin/fuzz", "/sbin/init",
		"/bin/hello", "/proc", "/dev/null", "/dev/zero", "/dev/full", "/dev/urandom",
	};
	struct stat64 st;

	nprotected = 0;
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (!__syscall2(__NR_stat64, keep[i], &st)) {
			protected_files[nprotected].dev = st.st_dev;
			protected_files[nprotected++].ino = st.st_ino;
		}
}

int fuzz_is_protected_fd(int fd)
{
	struct stat64 st;

	if (__syscall2(__NR_fstat64, fd, &st))
		return 0;
	for (int i = 0; i < nprotected; i++)
		if (protected_files[i].dev == st.st_dev && protected_files[i].ino == st.st_ino)
			return 1;
	return 0;
}
