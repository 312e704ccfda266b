/* user/fuzz/calls.c: the calls the fuzzer makes. The table lists Linux's
 * i386 system calls by number with the kind of each argument (drawn by
 * user/fuzz/args.c) and a weight. A worker picks an entry by weight, draws
 * its arguments, lets the entry's fix-up make them safe for the run (a
 * signal's target, an address range inside the arena, flags that would let
 * a read-only path be written) or make the call itself (fork, clone, exec,
 * sigreturn), and traps with int $0x80. An entry that has only ever
 * answered ENOSYS drops to weight 1 in that process, so the time goes to
 * the calls this kernel implements, whichever they are. Numbers outside
 * the table are tried now and then with random arguments, except those
 * that could end the run or outlive it (reboot, the clock setters,
 * ioperm/iopl, vm86, modules, swap, vhangup, kexec, the key and IPC
 * creators, the new mount API). */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <linux/fcntl.h>
#include <linux/sched.h>
#include "fuzz.h"

#define PAGE 4096UL
#define POOL_END 16                  /* the pool's fds are below (fuzz_setup_pool) */
#define SIGALRM_NR 14

const char fuzz_self_path[] = "/bin/fuzz";

typedef long (*fix_fn)(struct fuzz_ctx *c, long *a, int *done);

struct call {
	short nr;
	unsigned char weight;
	unsigned char ret_fd;             /* a success returns a new fd */
	unsigned char kind[6];
	fix_fn fix;
};

void fuzz_count(struct fuzz_ctx *c, long nr)
{
	struct fuzz_shared *sh = c->sh;

	if (nr >= 0 && nr < FUZZ_NR_MAX)
		__atomic_fetch_add(&sh->per_nr[nr], 1, __ATOMIC_RELAXED);
	else
		__atomic_fetch_add(&sh->other_nr, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&sh->w[c->worker].calls, 1, __ATOMIC_RELAXED);
	sh->w[c->worker].last_nr = (int)nr;
	c->calls++;
}

long fuzz_syscall(struct fuzz_ctx *c, long nr, long a, long b, long d, long e, long f, long g)
{
	fuzz_count(c, nr);
	return __syscall6(nr, a, b, d, e, f, g);
}

/* --- who may be signalled ---------------------------------------------- */

/* Never PID 1, the top, the supervisor or everyone (-1); safe_pid draws
 * none of them, and this checks again whatever the arguments went through. */
static int pid_is_safe(struct fuzz_ctx *c, long pid)
{
	long top = c->sh->top_pid, sup = c->sh->sup_pid;

	return pid != -1 && pid != 1 && pid != top && pid != -top && pid != sup && pid != -sup;
}

static long fix_pid0(struct fuzz_ctx *c, long *a, int *done)
{
	if (!pid_is_safe(c, a[0]))
		a[0] = c->pid;
	return 0;
}

/* A stop aimed at the caller's own family would just park the worker
 * until the watchdog: mostly a SIGCONT instead. */
static long tame_stop(struct fuzz_ctx *c, long sig)
{
	if (sig >= 19 && sig <= 22 && chance(c, 90))
		return 18;
	return sig;
}

static long fix_kill(struct fuzz_ctx *c, long *a, int *done)
{
	fix_pid0(c, a, done);
	a[1] = tame_stop(c, a[1]);
	return 0;
}

static long fix_tgkill(struct fuzz_ctx *c, long *a, int *done)
{
	if (!pid_is_safe(c, a[0]))
		a[0] = c->pid;
	if (!pid_is_safe(c, a[1]))
		a[1] = c->pid;
	a[2] = tame_stop(c, a[2]);
	return 0;
}

/* fcntl: F_SETOWN (8) and F_SETOWN_EX (15) name a process that SIGIO goes to. */
static long fix_fcntl(struct fuzz_ctx *c, long *a, int *done)
{
	a[1] = chance(c, 85) ? PICK(c, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 1024, 1025,
				     1026, 1030, 1031, 1032, 1033, 1034, 36, 37, 38)
			     : a[1];
	if (a[1] == 8)
		a[2] = safe_pid(c);
	if (a[1] == 15 || a[1] == 16) {
		long *own = good_buf(c, 8);

		own[0] = rnd_below(c, 4);
		own[1] = safe_pid(c);
		a[2] = (long)own;
	}
	if (a[1] == 7 && chance(c, 50))   /* F_SETLKW waits: mostly F_SETLK */
		a[1] = 6;
	return 0;
}

/* --- paths and fds ------------------------------------------------------- */

/* A path outside the scratch names is opened read-only, never created or
 * truncated (O_ACCMODE, O_CREAT, O_TRUNC, O_TMPFILE cleared); the memory
 * devices may be written. */
static long read_only_flags(const char *path, long flags)
{
	if (fuzz_is_scratch((long)path))
		return flags;
	flags &= ~(O_CREAT | O_TRUNC | 020000000L);
	return fuzz_path_writable((long)path) ? flags : flags & ~(long)O_ACCMODE;
}

static long fix_open(struct fuzz_ctx *c, long *a, int *done)
{
	if (chance(c, 60))
		a[1] = PICK(c, O_RDONLY, O_RDWR, O_WRONLY, O_RDWR | O_CREAT, O_RDONLY | O_DIRECTORY,
			    O_WRONLY | O_CREAT | O_TRUNC, O_RDWR | O_APPEND, O_RDONLY | O_NONBLOCK,
			    O_RDWR | O_CREAT | O_EXCL, O_RDONLY | O_NOFOLLOW, O_RDWR | O_CLOEXEC);
	a[1] = read_only_flags((const char *)a[0], a[1]);
	return 0;
}

static long fix_openat(struct fuzz_ctx *c, long *a, int *done)
{
	fix_open(c, a + 1, done);
	return 0;
}

/* openat2's struct open_how: flags, mode, resolve (64 bits each). */
static long fix_openat2(struct fuzz_ctx *c, long *a, int *done)
{
	unsigned long long *how = good_buf(c, 24);
	long flags = (long)gen_arg(c, A_FLAGS);

	how[0] = (unsigned long)read_only_flags((const char *)a[1], flags);
	how[1] = chance(c, 80) ? 0644 : rnd(c);
	how[2] = chance(c, 70) ? 0 : rnd_below(c, 64);
	a[2] = (long)how;
	a[3] = chance(c, 85) ? 24 : a[3];
	return 0;
}

/* fchmod, fchown, fsetxattr and the like through an fd that names a system
 * file or directory (a path call's result) are dropped. */
static long fix_protected_fd(struct fuzz_ctx *c, long *a, int *done)
{
	if (fuzz_is_protected_fd(a[0]))
		a[0] = -1;
	return 0;
}

/* fchmodat/fchownat with AT_EMPTY_PATH act on the dirfd itself. */
static long fix_protected_dirfd(struct fuzz_ctx *c, long *a, int *done)
{
	if (fuzz_is_protected_fd(a[0]))
		a[0] = AT_FDCWD;
	return 0;
}

/* symlink's target is a scratch name (absolute or relative to /tmp), or
 * NULL: a link in the scratch names never leads a later path call out of
 * them. */
static long fix_symlink(struct fuzz_ctx *c, long *a, int *done)
{
	a[0] = chance(c, 95) ? (long)scratch_target(c) : 0;
	return 0;
}

static long fix_symlinkat(struct fuzz_ctx *c, long *a, int *done)
{
	return fix_symlink(c, a, done);
}

/* mount: source and type from a short list (or bad), target scratch. */
static long fix_mount(struct fuzz_ctx *c, long *a, int *done)
{
	a[0] = chance(c, 70) ? PICK(c, (long)"none", (long)"proc", (long)"ramfs", (long)"tmpfs")
			     : (long)scratch_path(c);
	a[2] = chance(c, 85) ? PICK(c, (long)"proc", (long)"ramfs", (long)"tmpfs", (long)"sysfs",
				  (long)"bogus", 0)
			     : gen_arg(c, A_BUF);
	if (chance(c, 60))
		a[3] = PICK(c, 0, 0x1000, 0x2000, 0x20, 0x4000, 0x1, 0x1020, 0x40000);
	a[4] = chance(c, 80) ? 0 : gen_arg(c, A_BUF);
	return 0;
}

/* --- memory --------------------------------------------------------------- */

/* An address range: mostly whole pages inside the arena, else empty,
 * misaligned, in the kernel, or wrapping round the address space. */
static void gen_mrange(struct fuzz_ctx *c, long *addr, long *len)
{
	unsigned long pages = FUZZ_ARENA_SIZE / PAGE;
	unsigned long first = rnd_below(c, pages), n = 1 + rnd_below(c, 16);
	unsigned int r = rnd_below(c, 100);

	if (first + n > pages)
		n = pages - first;
	*addr = FUZZ_ARENA + first * PAGE;
	*len = n * PAGE;
	if (r < 5)
		*len = 0;
	else if (r < 10)
		*len -= 1 + rnd_below(c, PAGE - 1);      /* rounds up to the page */
	else if (r < 14)
		*addr += 1 + rnd_below(c, PAGE - 1);
	else if (r < 17)
		*addr = PICK(c, 0xC0000000, 0xBFFFF000, 0xFFFFF000, 0);
	else if (r < 19)
		*len = PICK(c, 0xFFFFF000, 0x80000000, -1);
}

static long fix_mrange(struct fuzz_ctx *c, long *a, int *done)
{
	gen_mrange(c, &a[0], &a[1]);
	return 0;
}

static void remember_map(struct fuzz_ctx *c, long addr, long len)
{
	unsigned int i = rnd_below(c, 8);

	if (addr >= (long)FUZZ_ARENA && (unsigned long)addr < FUZZ_ARENA + FUZZ_ARENA_SIZE)
		return;
	if (c->maps[i][0])
		__syscall2(__NR_munmap, c->maps[i][0], c->maps[i][1]);
	c->maps[i][0] = addr;
	c->maps[i][1] = len;
}

static long fix_mremap(struct fuzz_ctx *c, long *a, int *done)
{
	long ret;

	gen_mrange(c, &a[0], &a[1]);
	a[2] = chance(c, 85) ? (long)((1 + rnd_below(c, 32)) * PAGE) : gen_arg(c, A_LEN);
	a[3] = chance(c, 85) ? PICK(c, 0, 1, 3, 2, 5, 7) : a[3];
	a[4] = FUZZ_ARENA + rnd_below(c, FUZZ_ARENA_SIZE / PAGE) * PAGE;
	if ((a[3] & 2) && (unsigned long)a[4] + a[2] > FUZZ_ARENA + FUZZ_ARENA_SIZE)
		a[2] = FUZZ_ARENA + FUZZ_ARENA_SIZE - a[4];   /* a fixed target stays inside */
	*done = 1;
	ret = fuzz_syscall(c, c->cur_nr, a[0], a[1], a[2], a[3], a[4], 0);
	if (ret > 0 && (unsigned long)ret < 0xC0000000UL)
		remember_map(c, ret, a[2]);
	return ret;
}

/* mmap2 (and old mmap's struct): MAP_FIXED only inside the arena; other
 * mappings are remembered and unmapped later, so they cannot pile up. */
static void gen_mmap(struct fuzz_ctx *c, long *a)
{
	long flags = PICK(c, 0x02, 0x02, 0x01, 0x03, 0) | (chance(c, 70) ? 0x20 : 0);

	gen_mrange(c, &a[0], &a[1]);
	if (chance(c, 50))
		flags |= 0x10;                                  /* MAP_FIXED */
	if (chance(c, 20))
		flags |= PICK(c, 0x100, 0x4000, 0x8000, 0x2000, 0x20000, 0x40000, 0x100000, 0x800);
	if (chance(c, 3))
		flags = gen_arg(c, A_FLAGS);
	if ((flags & 0x10) && ((unsigned long)a[0] < FUZZ_ARENA ||
			       (unsigned long)a[0] + a[1] > FUZZ_ARENA + FUZZ_ARENA_SIZE))
		flags &= ~0x100010L;                            /* FIXED, FIXED_NOREPLACE */
	if (!(flags & 0x10) && chance(c, 30))
		a[0] = 0;
	a[2] = gen_arg(c, A_PROT);
	a[3] = flags;
	a[4] = (flags & 0x20) && chance(c, 80) ? -1 : gen_arg(c, A_FD);
	a[5] = chance(c, 80) ? (long)rnd_below(c, 4) : gen_arg(c, A_INT);
}

static long fix_mmap2(struct fuzz_ctx *c, long *a, int *done)
{
	long ret;

	gen_mmap(c, a);
	*done = 1;
	ret = fuzz_syscall(c, c->cur_nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if ((unsigned long)ret < 0xC0000000UL && ret > 0)
		remember_map(c, ret, a[1]);
	return ret;
}

static long fix_old_mmap(struct fuzz_ctx *c, long *a, int *done)
{
	long *args = good_buf(c, 24), ret;

	gen_mmap(c, args);
	args[5] *= PAGE;                  /* old mmap takes a byte offset */
	*done = 1;
	ret = fuzz_syscall(c, 90, chance(c, 95) ? (long)args : gen_arg(c, A_BUF), 0, 0, 0, 0, 0);
	if ((unsigned long)ret < 0xC0000000UL && ret > 0)
		remember_map(c, ret, args[1]);
	return ret;
}

static long fix_brk(struct fuzz_ctx *c, long *a, int *done)
{
	long cur = __syscall1(__NR_brk, 0);

	a[0] = PICK(c, 0, cur + (long)(rnd_below(c, 64) * PAGE), cur - (long)(rnd_below(c, 16) * PAGE),
		    cur + 1 + (long)rnd_below(c, 4096), (long)FUZZ_HOLE, (long)0xC0000000, 1, cur);
	return 0;
}

/* --- scheduling: a real-time worker must not starve the supervisor -------- */

/* The top and the supervisor run SCHED_FIFO 99; a worker may take any
 * policy but real-time priorities up to 50 only. */
static long fix_setscheduler(struct fuzz_ctx *c, long *a, int *done)
{
	int *param = good_buf(c, 4);

	fix_pid0(c, a, done);
	a[1] = chance(c, 85) ? PICK(c, 0, 1, 2, 3, 5, 0x40000000, 0x40000001) : a[1];
	*param = chance(c, 80) ? (int)rnd_below(c, 51) : (int)gen_arg(c, A_INT);
	if (*param > 50)
		*param = 50;
	a[2] = chance(c, 95) ? (long)param : gen_arg(c, A_BUF);
	return 0;
}

static long fix_setparam(struct fuzz_ctx *c, long *a, int *done)
{
	int *param = good_buf(c, 4);

	fix_pid0(c, a, done);
	*param = (int)rnd_below(c, 51);
	a[1] = chance(c, 95) ? (long)param : gen_arg(c, A_BUF);
	return 0;
}

/* struct sched_attr: size, policy, flags (64), nice, priority, and three
 * 64-bit times; SCHED_DEADLINE is never asked for. */
static long fix_setattr(struct fuzz_ctx *c, long *a, int *done)
{
	unsigned int *attr = good_buf(c, 48);

	fix_pid0(c, a, done);
	for (int i = 0; i < 12; i++)
		attr[i] = chance(c, 70) ? 0 : rnd(c);
	attr[0] = chance(c, 80) ? 48 : (unsigned int)gen_arg(c, A_LEN);
	attr[1] = rnd_below(c, 6);
	attr[4] = (unsigned int)gen_arg(c, A_SMALL) - 5;
	attr[5] = rnd_below(c, 51);
	a[1] = chance(c, 95) ? (long)attr : gen_arg(c, A_BUF);
	return 0;
}

/* --- signals --------------------------------------------------------------- */

/* SIGALRM every 100 ms is what breaks a call that blocks (process.c:
 * fuzz_alarm_on): a call may not take it over (its action is left alone,
 * it stays unblocked in every mask passed), and a call that sets the
 * process's alarm or real-time itimer is followed by the alarm again. */
static long unblock_alarm(struct fuzz_ctx *c, long set)
{
	extern const char __executable_start[], etext[];
	unsigned long *copy;

	if (((unsigned long)set >= FUZZ_BUF_RO && (unsigned long)set + 8 <= FUZZ_BUF_NONE) ||
	    (set >= (long)__executable_start && set + 8 <= (long)etext)) {
		copy = good_buf(c, 8);           /* read-only: the same bits, writable */
		memcpy(copy, (void *)set, 8);
		set = (long)copy;
	}
	if (set >= (long)FUZZ_BUFS && (unsigned long)set + 4 <= FUZZ_BUF_RO)
		((unsigned long *)set)[0] &= ~(1UL << 13);
	return set;
}

/* A handler that returns, for a fault's signal (SEGV, BUS, ILL, FPE,
 * TRAP), would have the faulting instruction fault again for ever: it is
 * given SA_RESETHAND, so the second fault kills as Linux would. The
 * action's flags are word 1 of rt_sigaction's struct, word 2 of the old
 * sigaction's. */
static long fix_sigaction(struct fuzz_ctx *c, long *a, int *done)
{
	long sig = a[0], act = a[1];
	int flags_word = c->cur_nr == 67 ? 2 : 1;

	if (sig == SIGALRM_NR)
		a[0] = 12;                        /* SIGUSR2 instead */
	if ((sig == 4 || sig == 5 || sig == 7 || sig == 8 || sig == 11) && c->cur_nr != 48 &&
	    act >= (long)FUZZ_BUFS && (unsigned long)act + 12 <= FUZZ_BUF_RO)
		((unsigned long *)act)[flags_word] |= 0x80000000UL;     /* SA_RESETHAND */
	return 0;
}

static long fix_sigprocmask(struct fuzz_ctx *c, long *a, int *done)
{
	a[1] = unblock_alarm(c, a[1]);
	if (c->cur_nr == 175 && chance(c, 90))
		a[3] = 8;
	return 0;
}

static long fix_ppoll(struct fuzz_ctx *c, long *a, int *done)
{
	a[3] = unblock_alarm(c, a[3]);
	if (c->cur_nr == 414)
		a[2] = gen_timespec64(c);
	return 0;
}

static long fix_epoll_pwait(struct fuzz_ctx *c, long *a, int *done)
{
	a[4] = unblock_alarm(c, a[4]);
	return 0;
}

static long fix_alarm(struct fuzz_ctx *c, long *a, int *done)
{
	long ret = fuzz_syscall(c, c->cur_nr, a[0], a[1], a[2], 0, 0, 0);

	*done = 1;
	if (c->cur_nr == 27 || a[0] == 0)
		fuzz_alarm_on();
	return ret;
}

/* Blocking SIGALRM in sigsuspend's mask would let it sleep for good. */
static long fix_rt_sigsuspend(struct fuzz_ctx *c, long *a, int *done)
{
	a[0] = unblock_alarm(c, a[0]);
	fuzz_alarm_on();
	return 0;
}

static long fix_sigsuspend(struct fuzz_ctx *c, long *a, int *done)
{
	a[2] &= ~(1L << 13);
	fuzz_alarm_on();
	return 0;
}

/* pause and friends wait for a signal: the alarm is made sure of first. */
static long fix_pause(struct fuzz_ctx *c, long *a, int *done)
{
	fuzz_alarm_on();
	return 0;
}

static long fix_sigaltstack(struct fuzz_ctx *c, long *a, int *done)
{
	long *ss = good_buf(c, 12);

	if (chance(c, 10))
		return 0;
	/* a good stack is the one no call writes: a handler's frame on it
	 * cannot be overwritten while the handler runs (another thread's
	 * read into it could send the handler's return anywhere); the bad
	 * ones cannot be written at all */
	ss[0] = chance(c, 60) ? (long)(FUZZ_ALTSTACK + 16 * rnd_below(c, 256))
			      : PICK(c, 0, (long)FUZZ_BUF_RO, (long)FUZZ_BUF_NONE, (long)0xC0000000,
				     (long)FUZZ_HOLE, (long)FUZZ_ALTSTACK + 3, -4096);
	ss[1] = chance(c, 70) ? PICK(c, 0, 1, 2, (long)0x80000000) : gen_arg(c, A_FLAGS);
	ss[2] = chance(c, 70) ? PICK(c, 2048, 4096, 8192, 1024, 0) : gen_arg(c, A_LEN);
	a[0] = (long)ss;
	return 0;
}

static long fix_rt_sigaction(struct fuzz_ctx *c, long *a, int *done)
{
	fix_sigaction(c, a, done);
	if (chance(c, 90))
		a[3] = 8;
	return 0;
}

static long fix_sigqueue(struct fuzz_ctx *c, long *a, int *done)
{
	int *info = good_buf(c, 128);

	fix_pid0(c, a, done);
	a[1] = tame_stop(c, a[1]);
	info[0] = (int)a[1];
	info[1] = 0;
	info[2] = PICK(c, -1, -2, 0, 1, -60, (long)rnd(c));        /* si_code */
	info[3] = c->pid;
	if (chance(c, 90))
		a[2] = (long)info;
	return 0;
}

static long fix_tgsigqueue(struct fuzz_ctx *c, long *a, int *done)
{
	if (!pid_is_safe(c, a[0]))
		a[0] = c->pid;
	return fix_sigqueue(c, a + 1, done);
}

/* --- waits: mostly WNOHANG; a blocking one is broken by SIGALRM ---------- */
static long fix_wait_opts(struct fuzz_ctx *c, long *o)
{
	long opts = chance(c, 80) ? 1 : 0;                      /* WNOHANG */

	if (chance(c, 40))
		opts |= PICK(c, 2, 8, 0x40000000, 0x80000000, 0x20000000, 0x1000000);
	if (chance(c, 5))
		opts = gen_arg(c, A_FLAGS);
	*o = opts;
	return 0;
}

static long fix_wait4(struct fuzz_ctx *c, long *a, int *done)
{
	if (!pid_is_safe(c, a[0]) && a[0] != -1)
		a[0] = c->pid;
	return fix_wait_opts(c, &a[2]);
}

static long fix_waitid(struct fuzz_ctx *c, long *a, int *done)
{
	a[0] = chance(c, 90) ? (long)rnd_below(c, 4) : a[0];
	fix_wait_opts(c, &a[3]);
	a[3] |= chance(c, 80) ? 4 : 0;                          /* WEXITED */
	return 0;
}

/* --- the rest -------------------------------------------------------------- */

static long fix_reboot(struct fuzz_ctx *c, long *a, int *done)
{
	/* Never both magic numbers: EINVAL (or EPERM) is all this may get. */
	const long magic1 = (long)0xfee1deadUL;

	a[0] = PICK(c, magic1 ^ 1, 0, (long)rnd(c), magic1);
	a[1] = a[0] == magic1 ? PICK(c, 1, 0, 12345) : PICK(c, 672274793, 85072278, 369367448);
	a[2] = PICK(c, 0x4321fedc, 0x01234567, 0, (long)0xcdef0123UL, (long)rnd(c));
	return 0;
}

/* syslog: reading and the sizes only; never clear, nor the console's level. */
static long fix_syslog(struct fuzz_ctx *c, long *a, int *done)
{
	a[0] = PICK(c, 0, 1, 2, 3, 4, 9, 10, 11, -1, 3, 10);
	if (a[0] == 2 && chance(c, 80))
		a[0] = 3;
	return 0;
}

static long fix_poll(struct fuzz_ctx *c, long *a, int *done)
{
	unsigned int n = rnd_below(c, 8);
	int *fds = good_buf(c, 8 * n + 8);

	for (unsigned int i = 0; i < n; i++) {
		fds[2 * i] = chance(c, 80) ? (int)rnd_below(c, POOL_END) : (int)gen_arg(c, A_FD);
		fds[2 * i + 1] = chance(c, 80) ? (int)rnd_below(c, 0x40) : (int)rnd(c);
	}
	if (chance(c, 92))
		a[0] = (long)fds, a[1] = n;
	a[2] = PICK(c, 0, 1, 2, 0, -1, 5);
	return 0;
}

static long fix_robust(struct fuzz_ctx *c, long *a, int *done)
{
	long *head = good_buf(c, 12);

	head[0] = chance(c, 50) ? (long)head : gen_arg(c, A_BUF);   /* the list's next */
	head[1] = (long)gen_arg(c, A_INT);                          /* futex offset */
	head[2] = chance(c, 70) ? 0 : gen_arg(c, A_BUF);            /* pending */
	if (chance(c, 85))
		a[0] = (long)head;
	a[1] = chance(c, 85) ? 12 : a[1];
	return 0;
}

static long fix_set_thread_area(struct fuzz_ctx *c, long *a, int *done)
{
	unsigned int *desc = good_buf(c, 16);

	desc[0] = PICK(c, -1, 6, 7, 8, 5, 9, 12, (long)rnd(c));
	desc[1] = rnd(c);
	desc[2] = chance(c, 50) ? 0xfffff : rnd(c);
	desc[3] = chance(c, 60) ? 0x51 : rnd(c) & 0x1ff;
	if (chance(c, 92))
		a[0] = (long)desc;
	return 0;
}

static long fix_prctl(struct fuzz_ctx *c, long *a, int *done)
{
	a[0] = chance(c, 85) ? (long)rnd_below(c, 62) : a[0];
	if (a[0] == 1)                   /* PR_SET_PDEATHSIG */
		a[1] = rnd_below(c, 65);
	if (a[0] == 15 || a[0] == 16)    /* PR_SET_NAME, PR_GET_NAME */
		a[1] = (long)good_buf(c, 16);
	return 0;
}

static long fix_pid1(struct fuzz_ctx *c, long *a, int *done)
{
	if (!pid_is_safe(c, a[1]))
		a[1] = c->pid;
	return 0;
}

/* ipc(2): the calls that make a semaphore set, a queue or a segment
 * (SEMGET 2, MSGGET 13, SHMGET 23) would outlive the run: not made. */
static long fix_ipc(struct fuzz_ctx *c, long *a, int *done)
{
	long call = a[0] & 0xffff;

	if (call == 2 || call == 13 || call == 23)
		a[0]++;
	return 0;
}

/* A few futex words shared by everyone in the worker's memory, so that
 * waiters and wakers meet; else any pointer. */
static long futex_word(struct fuzz_ctx *c)
{
	if (chance(c, 60))
		return (long)(FUZZ_BUFS + 64 * rnd_below(c, 4));
	return gen_arg(c, A_BUF);
}

static long fix_futex_common(struct fuzz_ctx *c, long *a)
{
	unsigned long w;

	a[0] = futex_word(c);
	a[4] = futex_word(c);
	w = (unsigned long)a[0];
	/* a WAIT that matches the word sleeps (until the timeout, a wake or SIGALRM) */
	if (w >= FUZZ_BUFS && w + 4 <= FUZZ_BUF_RO && !(w & 3) && chance(c, 50))
		a[2] = *(int *)w;
	if (chance(c, 50))
		a[5] = PICK(c, 0, 1, -1, 0xffffffff, 0x00010001, 0x50000001);
	return 0;
}

static long fix_futex(struct fuzz_ctx *c, long *a, int *done)
{
	fix_futex_common(c, a);
	if (chance(c, 30))
		a[3] = rnd_below(c, 16);             /* FUTEX_REQUEUE's val2 */
	return 0;
}

static long fix_futex64(struct fuzz_ctx *c, long *a, int *done)
{
	fix_futex_common(c, a);
	a[3] = gen_timespec64(c);
	return 0;
}

static long fix_time64_2(struct fuzz_ctx *c, long *a, int *done)
{
	a[2] = gen_timespec64(c);
	return 0;
}

static long fix_time64_4(struct fuzz_ctx *c, long *a, int *done)
{
	a[4] = gen_timespec64(c);
	return 0;
}

static long fix_time64(struct fuzz_ctx *c, long *a, int *done)
{
	return fix_time64_2(c, a, done);
}

/* struct sigevent: value, signo, notify (SIGNAL 0, NONE 1, THREAD 2,
 * THREAD_ID 4), the thread's id. */
static long fix_timer_create(struct fuzz_ctx *c, long *a, int *done)
{
	int *sev = good_buf(c, 64);

	sev[0] = (int)rnd(c);
	sev[1] = (int)tame_stop(c, gen_arg(c, A_SIG));
	sev[2] = (int)PICK(c, 0, 1, 4, 2, 0, (long)rnd(c));
	sev[3] = chance(c, 70) ? (c->tid ? c->tid : c->pid) : (int)safe_pid(c);
	if (chance(c, 85))
		a[1] = (long)sev;
	return 0;
}

static long fix_pidfd_signal(struct fuzz_ctx *c, long *a, int *done)
{
	a[1] = tame_stop(c, a[1]);
	return 0;
}

static long fix_close_range(struct fuzz_ctx *c, long *a, int *done)
{
	a[0] = chance(c, 80) ? POOL_END + (long)rnd_below(c, 32) : a[0];
	a[1] = chance(c, 70) ? (long)~0U : a[0] + (long)rnd_below(c, 64);
	a[2] = PICK(c, 0, 2, 4, 6, (long)rnd(c));
	return 0;
}

/* A call that writes two fds to the pointer at a[idx] (pipe, pipe2,
 * socketpair): made here, so that the new fds are known and closed later. */
static long call_fd_pair(struct fuzz_ctx *c, long *a, int idx, int *done)
{
	int *fds = good_buf(c, 8);
	long ret;

	if (chance(c, 10))
		return 0;                 /* keep the drawn (probably bad) pointer */
	a[idx] = (long)fds;
	*done = 1;
	ret = fuzz_syscall(c, c->cur_nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (!ret)
		for (int i = 0; i < 2; i++)
			if (fds[i] > c->max_fd && fds[i] < 4096)
				c->max_fd = fds[i];
	return ret;
}

static long fix_pipe(struct fuzz_ctx *c, long *a, int *done)
{
	return call_fd_pair(c, a, 0, done);
}

static long fix_pipe_pair(struct fuzz_ctx *c, long *a, int *done)
{
	return call_fd_pair(c, a, 3, done);
}


#define K(...) { __VA_ARGS__ }
#define C(n, w, k, f) { n, w, 0, k, f }
#define F(n, w, k, f) { n, w, 1, k, f }   /* returns an fd */

static const struct call calls[] = {
	C(0, 1, K(0), NULL),                                          /* restart_syscall */
	C(1, 1, K(A_INT), NULL),
	C(2, 4, K(0), fix_fork),
	C(3, 40, K(A_FD, A_WBUF, A_LEN), NULL),
	C(4, 40, K(A_FD, A_BUF, A_LEN), NULL),
	F(5, 30, K(A_PATH, A_FLAGS, A_MODE), fix_open),
	C(6, 15, K(A_FD), NULL),
	C(7, 6, K(A_PID, A_WBUF, A_INT), fix_wait4),
	F(8, 6, K(A_WPATH, A_MODE), NULL),
	C(9, 6, K(A_WPATH, A_WPATH), NULL),
	C(10, 10, K(A_WPATH), NULL),
	C(11, 3, K(0), fix_execve),
	C(12, 6, K(A_PATH), NULL),
	C(13, 4, K(A_WBUF), NULL),
	C(14, 6, K(A_WPATH, A_MODE, A_DEV), NULL),
	C(15, 6, K(A_WPATH, A_MODE), NULL),
	C(16, 4, K(A_WPATH, A_UID, A_UID), NULL),
	C(19, 12, K(A_FD, A_OFF, A_WHICH), NULL),
	C(20, 5, K(0), NULL),
	C(21, 5, K(0, A_WPATH, 0, A_FLAGS, 0), fix_mount),
	C(22, 4, K(A_WPATH), NULL),
	C(23, 2, K(A_UID), NULL),
	C(24, 2, K(0), NULL),
	C(26, 4, K(A_SMALL, A_PID, A_BUF, A_BUF), fix_pid1),
	C(27, 4, K(A_SMALL), fix_alarm),
	C(29, 1, K(0), fix_pause),
	C(30, 4, K(A_WPATH, A_BUF), NULL),
	C(33, 8, K(A_PATH, A_SMALL), NULL),
	C(34, 2, K(A_SMALL), NULL),
	C(36, 2, K(0), NULL),
	C(37, 15, K(A_PID, A_SIG), fix_kill),
	C(38, 8, K(A_WPATH, A_WPATH), NULL),
	C(39, 8, K(A_WPATH, A_MODE), NULL),
	C(40, 8, K(A_WPATH), NULL),
	F(41, 10, K(A_FD), NULL),
	C(42, 8, K(A_WBUF), fix_pipe),
	C(43, 4, K(A_WBUF), NULL),
	C(45, 4, K(0), fix_brk),
	C(46, 2, K(A_UID), NULL),
	C(47, 2, K(0), NULL),
	C(48, 4, K(A_SIG, A_HANDLER), fix_sigaction),
	C(49, 2, K(0), NULL),
	C(50, 2, K(0), NULL),
	C(52, 4, K(A_WPATH, A_FLAGS), NULL),
	C(54, 25, K(A_FD, A_CMD, A_WBUF), NULL),
	C(55, 12, K(A_FD, A_INT, A_INT), fix_fcntl),
	C(57, 5, K(A_PID, A_PID), fix_pid0),
	C(60, 3, K(A_MODE), NULL),
	C(61, 3, K(A_WPATH), NULL),
	C(62, 2, K(A_DEV, A_WBUF), NULL),
	F(63, 8, K(A_FD, A_FD), NULL),
	C(64, 3, K(0), NULL),
	C(65, 3, K(0), NULL),
	C(66, 3, K(0), NULL),
	C(67, 5, K(A_SIG, A_SIGACT, A_WBUF), fix_sigaction),
	C(68, 2, K(0), NULL),
	C(69, 2, K(A_INT), NULL),
	C(70, 2, K(A_UID, A_UID), NULL),
	C(71, 2, K(A_UID, A_UID), NULL),
	C(72, 1, K(A_INT, A_INT, A_INT), fix_sigsuspend),
	C(73, 3, K(A_WBUF), NULL),
	C(74, 3, K(A_BUF, A_LEN), NULL),
	C(75, 5, K(A_SMALL, A_RLIMIT), NULL),
	C(76, 2, K(A_SMALL, A_WBUF), NULL),
	C(77, 4, K(A_INT, A_WBUF), NULL),
	C(78, 5, K(A_WBUF, A_WBUF), NULL),
	C(80, 3, K(A_SMALL, A_WBUF), NULL),
	C(81, 3, K(A_SMALL, A_BUF), NULL),
	C(82, 2, K(A_BUF), NULL),
	C(83, 6, K(0, A_WPATH), fix_symlink),
	C(85, 8, K(A_PATH, A_WBUF, A_LEN), NULL),
	C(86, 1, K(A_PATH), NULL),
	C(88, 2, K(0, 0, 0, A_BUF), fix_reboot),
	C(89, 3, K(A_FD, A_WBUF, A_INT), NULL),
	C(90, 5, K(0), fix_old_mmap),
	C(91, 10, K(A_ADDR, A_MLEN), fix_mrange),
	C(92, 5, K(A_WPATH, A_OFF), NULL),
	C(93, 5, K(A_FD, A_OFF), NULL),
	C(94, 4, K(A_FD, A_MODE), fix_protected_fd),
	C(95, 2, K(A_FD, A_UID, A_UID), fix_protected_fd),
	C(96, 3, K(A_WHICH, A_PID), NULL),
	C(97, 3, K(A_WHICH, A_PID, A_SMALL), fix_pid1),
	C(99, 4, K(A_PATH, A_WBUF), NULL),
	C(100, 4, K(A_FD, A_WBUF), NULL),
	C(102, 4, K(A_SMALL, A_BUF), NULL),
	C(103, 3, K(0, A_WBUF, A_LEN), fix_syslog),
	C(104, 4, K(A_WHICH, A_ITIMER, A_WBUF), fix_alarm),
	C(105, 3, K(A_WHICH, A_WBUF), NULL),
	C(106, 4, K(A_PATH, A_WBUF), NULL),
	C(107, 3, K(A_PATH, A_WBUF), NULL),
	C(108, 4, K(A_FD, A_WBUF), NULL),
	C(109, 2, K(A_WBUF), NULL),
	C(114, 6, K(A_PID, A_WBUF, A_INT, A_WBUF), fix_wait4),
	C(116, 4, K(A_WBUF), NULL),
	C(117, 2, K(A_SMALL, A_INT, A_INT, A_INT, A_BUF, A_INT), fix_ipc),
	C(118, 3, K(A_FD), NULL),
	C(119, 1, K(0), fix_sigreturn),
	C(120, 6, K(0), fix_clone),
	C(121, 2, K(A_BUF, A_LEN), NULL),
	C(122, 5, K(A_WBUF), NULL),
	C(123, 4, K(A_SMALL, A_BUF, A_LEN), NULL),
	C(125, 10, K(A_ADDR, A_MLEN, A_PROT), fix_mrange),
	C(126, 4, K(A_WHICH, A_SIGSET, A_WBUF), fix_sigprocmask),
	C(131, 1, K(A_INT, A_PATH, A_INT, A_BUF), NULL),
	C(132, 3, K(A_PID), NULL),
	C(133, 4, K(A_FD), NULL),
	C(135, 2, K(A_SMALL, A_BUF, A_BUF), NULL),
	C(136, 3, K(A_INT), NULL),
	C(138, 2, K(A_UID), NULL),
	C(139, 2, K(A_UID), NULL),
	C(140, 10, K(A_FD, A_INT, A_OFF, A_WBUF, A_WHICH), NULL),
	C(141, 6, K(A_FD, A_WBUF, A_LEN), NULL),
	C(142, 6, K(A_SMALL, A_BUF, A_BUF, A_BUF, A_TIMESPEC), NULL),
	C(143, 4, K(A_FD, A_SMALL), NULL),
	C(144, 4, K(A_ADDR, A_MLEN, A_SMALL), fix_mrange),
	C(145, 10, K(A_FD, A_IOV, A_IOVCNT), NULL),
	C(146, 10, K(A_FD, A_IOV, A_IOVCNT), NULL),
	C(147, 3, K(A_PID), NULL),
	C(148, 2, K(A_FD), NULL),
	C(149, 1, K(A_BUF), NULL),
	C(150, 3, K(A_ADDR, A_MLEN), fix_mrange),
	C(151, 3, K(A_ADDR, A_MLEN), fix_mrange),
	C(152, 1, K(A_SMALL), NULL),
	C(153, 1, K(0), NULL),
	C(154, 3, K(A_PID, A_BUF), fix_setparam),
	C(155, 3, K(A_PID, A_WBUF), NULL),
	C(156, 3, K(A_PID, A_INT, A_BUF), fix_setscheduler),
	C(157, 3, K(A_PID), NULL),
	C(158, 5, K(0), NULL),
	C(159, 2, K(A_INT), NULL),
	C(160, 2, K(A_INT), NULL),
	C(161, 2, K(A_PID, A_WBUF), NULL),
	C(162, 8, K(A_TIMESPEC, A_WBUF), NULL),
	C(163, 8, K(0), fix_mremap),
	C(164, 2, K(A_UID, A_UID, A_UID), NULL),
	C(165, 2, K(A_WBUF, A_WBUF, A_WBUF), NULL),
	C(168, 8, K(0), fix_poll),
	C(170, 2, K(A_UID, A_UID, A_UID), NULL),
	C(171, 2, K(A_WBUF, A_WBUF, A_WBUF), NULL),
	C(172, 10, K(A_INT, A_INT, A_INT, A_INT, A_INT), fix_prctl),
	C(173, 1, K(0), fix_sigreturn),
	C(174, 12, K(A_SIG, A_SIGACT, A_WBUF, A_SMALL), fix_rt_sigaction),
	C(175, 8, K(A_WHICH, A_SIGSET, A_WBUF, A_SMALL), fix_sigprocmask),
	C(176, 3, K(A_WBUF, A_SMALL), NULL),
	C(177, 5, K(A_SIGSET, A_WBUF, A_TIMESPEC, A_SMALL), NULL),
	C(178, 5, K(A_PID, A_SIG, A_BUF), fix_sigqueue),
	C(179, 2, K(A_SIGSET, A_SMALL), fix_rt_sigsuspend),
	C(180, 8, K(A_FD, A_WBUF, A_LEN, A_OFF, A_INT), NULL),
	C(181, 8, K(A_FD, A_BUF, A_LEN, A_OFF, A_INT), NULL),
	C(182, 3, K(A_WPATH, A_UID, A_UID), NULL),
	C(183, 5, K(A_WBUF, A_LEN), NULL),
	C(184, 3, K(A_BUF, A_WBUF), NULL),
	C(185, 3, K(A_BUF, A_BUF), NULL),
	C(186, 5, K(0, A_WBUF), fix_sigaltstack),
	C(187, 5, K(A_FD, A_FD, A_BUF, A_LEN), NULL),
	C(190, 3, K(0), fix_vfork),
	C(191, 3, K(A_SMALL, A_WBUF), NULL),
	C(192, 15, K(0), fix_mmap2),
	C(193, 5, K(A_WPATH, A_OFF, A_INT), NULL),
	C(194, 5, K(A_FD, A_OFF, A_INT), NULL),
	C(195, 10, K(A_PATH, A_WBUF), NULL),
	C(196, 8, K(A_PATH, A_WBUF), NULL),
	C(197, 10, K(A_FD, A_WBUF), NULL),
	C(198, 3, K(A_WPATH, A_UID, A_UID), NULL),
	C(199, 2, K(0), NULL),
	C(200, 2, K(0), NULL),
	C(201, 2, K(0), NULL),
	C(202, 2, K(0), NULL),
	C(203, 3, K(A_UID, A_UID), NULL),
	C(204, 3, K(A_UID, A_UID), NULL),
	C(205, 3, K(A_SMALL, A_WBUF), NULL),
	C(206, 3, K(A_SMALL, A_BUF), NULL),
	C(207, 3, K(A_FD, A_UID, A_UID), fix_protected_fd),
	C(208, 3, K(A_UID, A_UID, A_UID), NULL),
	C(209, 3, K(A_WBUF, A_WBUF, A_WBUF), NULL),
	C(210, 3, K(A_UID, A_UID, A_UID), NULL),
	C(211, 3, K(A_WBUF, A_WBUF, A_WBUF), NULL),
	C(212, 3, K(A_WPATH, A_UID, A_UID), NULL),
	C(213, 3, K(A_UID), NULL),
	C(214, 3, K(A_UID), NULL),
	C(215, 2, K(A_UID), NULL),
	C(216, 2, K(A_UID), NULL),
	C(218, 5, K(A_ADDR, A_MLEN, A_WBUF), fix_mrange),
	C(219, 8, K(A_ADDR, A_MLEN, A_SMALL), fix_mrange),
	C(220, 10, K(A_FD, A_WBUF, A_LEN), NULL),
	C(221, 12, K(A_FD, A_INT, A_INT), fix_fcntl),
	C(224, 3, K(0), NULL),
	C(225, 2, K(A_FD, A_OFF, A_INT, A_LEN), NULL),
	C(226, 2, K(A_WPATH, A_BUF, A_BUF, A_LEN, A_FLAGS), NULL),
	C(227, 2, K(A_WPATH, A_BUF, A_BUF, A_LEN, A_FLAGS), NULL),
	C(228, 2, K(A_FD, A_BUF, A_BUF, A_LEN, A_FLAGS), fix_protected_fd),
	C(229, 2, K(A_PATH, A_BUF, A_WBUF, A_LEN), NULL),
	C(230, 2, K(A_PATH, A_BUF, A_WBUF, A_LEN), NULL),
	C(231, 2, K(A_FD, A_BUF, A_WBUF, A_LEN), NULL),
	C(232, 2, K(A_PATH, A_WBUF, A_LEN), NULL),
	C(233, 2, K(A_PATH, A_WBUF, A_LEN), NULL),
	C(234, 2, K(A_FD, A_WBUF, A_LEN), NULL),
	C(235, 2, K(A_WPATH, A_BUF), NULL),
	C(236, 2, K(A_WPATH, A_BUF), NULL),
	C(237, 2, K(A_FD, A_BUF), fix_protected_fd),
	C(238, 8, K(A_PID, A_SIG), fix_kill),
	C(239, 3, K(A_FD, A_FD, A_BUF, A_LEN), NULL),
	C(240, 15, K(A_BUF, A_FUTEX_OP, A_INT, A_TIMESPEC, A_BUF, A_INT), fix_futex),
	C(241, 3, K(A_PID, A_LEN, A_BUF), fix_pid0),
	C(242, 3, K(A_PID, A_LEN, A_WBUF), NULL),
	C(243, 5, K(0), fix_set_thread_area),
	C(244, 3, K(A_WBUF), NULL),
	C(245, 1, K(A_INT, A_WBUF), NULL),
	C(246, 1, K(A_INT), NULL),
	C(247, 1, K(A_INT, A_INT, A_INT, A_WBUF, A_TIMESPEC), NULL),
	C(248, 1, K(A_INT, A_INT, A_BUF), NULL),
	C(249, 1, K(A_INT, A_BUF, A_WBUF), NULL),
	C(250, 2, K(A_FD, A_OFF, A_INT, A_LEN, A_INT), NULL),
	C(252, 1, K(A_INT), NULL),
	F(254, 3, K(A_INT), NULL),
	C(255, 3, K(A_FD, A_SMALL, A_FD, A_BUF), NULL),
	C(256, 3, K(A_FD, A_WBUF, A_SMALL, A_SMALL), NULL),
	C(258, 3, K(A_WBUF), NULL),
	C(259, 5, K(A_CLOCK, A_BUF, A_WBUF), fix_timer_create),
	C(260, 5, K(A_SMALL, A_FLAGS, A_ITIMER, A_WBUF), NULL),
	C(261, 3, K(A_SMALL, A_WBUF), NULL),
	C(262, 3, K(A_SMALL), NULL),
	C(263, 3, K(A_SMALL), NULL),
	C(265, 8, K(A_CLOCK, A_WBUF), NULL),
	C(266, 3, K(A_CLOCK, A_WBUF), NULL),
	C(267, 5, K(A_CLOCK, A_SMALL, A_TIMESPEC, A_WBUF), NULL),
	C(268, 3, K(A_PATH, A_LEN, A_WBUF), NULL),
	C(269, 3, K(A_FD, A_LEN, A_WBUF), NULL),
	C(270, 8, K(A_PID, A_PID, A_SIG), fix_tgkill),
	C(271, 3, K(A_WPATH, A_BUF), NULL),
	C(272, 2, K(A_FD, A_OFF, A_INT, A_LEN, A_INT, A_INT), NULL),
	C(274, 1, K(A_ADDR, A_MLEN, A_INT, A_BUF, A_INT, A_FLAGS), fix_mrange),
	C(275, 1, K(A_WBUF, A_WBUF, A_INT, A_ADDR, A_FLAGS), NULL),
	C(276, 1, K(A_INT, A_BUF, A_INT), NULL),
	C(278, 1, K(A_WPATH), NULL),
	C(284, 6, K(A_INT, A_PID, A_WBUF, A_INT, A_WBUF), fix_waitid),
	C(289, 2, K(A_WHICH, A_PID, A_INT), fix_pid1),
	C(290, 2, K(A_WHICH, A_PID), NULL),
	F(291, 2, K(0), NULL),
	C(292, 2, K(A_FD, A_PATH, A_FLAGS), NULL),
	C(293, 2, K(A_FD, A_INT), NULL),
	F(295, 20, K(A_DIRFD, A_PATH, A_FLAGS, A_MODE), fix_openat),
	C(296, 5, K(A_DIRFD, A_WPATH, A_MODE), NULL),
	C(297, 5, K(A_DIRFD, A_WPATH, A_MODE, A_DEV), NULL),
	C(298, 3, K(A_DIRFD, A_WPATH, A_UID, A_UID, A_FLAGS), fix_protected_dirfd),
	C(299, 2, K(A_DIRFD, A_WPATH, A_BUF), NULL),
	C(300, 8, K(A_DIRFD, A_PATH, A_WBUF, A_FLAGS), NULL),
	C(301, 5, K(A_DIRFD, A_WPATH, A_FLAGS), NULL),
	C(302, 5, K(A_DIRFD, A_WPATH, A_DIRFD, A_WPATH), NULL),
	C(303, 3, K(A_DIRFD, A_WPATH, A_DIRFD, A_WPATH, A_FLAGS), fix_protected_dirfd),
	C(304, 3, K(0, A_DIRFD, A_WPATH), fix_symlinkat),
	C(305, 5, K(A_DIRFD, A_PATH, A_WBUF, A_LEN), NULL),
	C(306, 3, K(A_DIRFD, A_WPATH, A_MODE, A_FLAGS), fix_protected_dirfd),
	C(307, 5, K(A_DIRFD, A_PATH, A_SMALL, A_FLAGS), NULL),
	C(308, 3, K(A_SMALL, A_BUF, A_BUF, A_BUF, A_TIMESPEC, A_BUF), NULL),
	C(309, 3, K(A_BUF, A_SMALL, A_TIMESPEC, A_SIGSET, A_SMALL), fix_ppoll),
	C(310, 3, K(A_FLAGS), NULL),
	C(311, 3, K(A_BUF, A_LEN), fix_robust),
	C(312, 3, K(A_PID, A_WBUF, A_WBUF), NULL),
	C(313, 3, K(A_FD, A_BUF, A_FD, A_BUF, A_LEN, A_FLAGS), NULL),
	C(315, 2, K(A_FD, A_FD, A_LEN, A_FLAGS), NULL),
	C(316, 2, K(A_FD, A_IOV, A_IOVCNT, A_FLAGS), NULL),
	C(318, 3, K(A_WBUF, A_WBUF, A_WBUF), NULL),
	C(319, 2, K(A_FD, A_WBUF, A_SMALL, A_SMALL, A_SIGSET, A_SMALL), fix_epoll_pwait),
	C(320, 3, K(A_DIRFD, A_WPATH, A_BUF, A_FLAGS), fix_protected_dirfd),
	F(321, 3, K(A_FD, A_SIGSET, A_SMALL), NULL),
	F(322, 3, K(A_CLOCK, A_FLAGS), NULL),
	F(323, 3, K(A_INT), NULL),
	C(324, 3, K(A_FD, A_INT, A_OFF, A_INT, A_LEN, A_INT), NULL),
	C(325, 3, K(A_FD, A_FLAGS, A_ITIMER, A_WBUF), NULL),
	C(326, 2, K(A_FD, A_WBUF), NULL),
	F(327, 3, K(A_FD, A_SIGSET, A_SMALL, A_FLAGS), NULL),
	F(328, 3, K(A_INT, A_FLAGS), NULL),
	F(329, 3, K(A_FLAGS), NULL),
	F(330, 5, K(A_FD, A_FD, A_FLAGS), NULL),
	C(331, 8, K(A_WBUF, A_FLAGS), fix_pipe),
	F(332, 2, K(A_FLAGS), NULL),
	C(333, 3, K(A_FD, A_IOV, A_IOVCNT, A_OFF, A_INT), NULL),
	C(334, 3, K(A_FD, A_IOV, A_IOVCNT, A_OFF, A_INT), NULL),
	C(335, 3, K(A_PID, A_PID, A_SIG, A_BUF), fix_tgsigqueue),
	C(336, 1, K(A_BUF, A_PID, A_INT, A_FD, A_FLAGS), fix_pid1),
	C(340, 5, K(A_PID, A_SMALL, A_RLIMIT, A_WBUF), fix_pid0),
	C(344, 2, K(A_FD), NULL),
	C(346, 1, K(A_FD, A_INT), NULL),
	C(347, 2, K(A_PID, A_IOV, A_IOVCNT, A_IOV, A_IOVCNT, A_FLAGS), fix_pid0),
	C(348, 2, K(A_PID, A_IOV, A_IOVCNT, A_IOV, A_IOVCNT, A_FLAGS), fix_pid0),
	C(349, 2, K(A_PID, A_PID, A_SMALL, A_INT, A_INT), NULL),
	C(351, 2, K(A_PID, A_BUF, A_FLAGS), fix_setattr),
	C(352, 2, K(A_PID, A_WBUF, A_LEN, A_FLAGS), NULL),
	C(353, 3, K(A_DIRFD, A_WPATH, A_DIRFD, A_WPATH, A_FLAGS), NULL),
	C(354, 1, K(A_SMALL, A_FLAGS, A_BUF), NULL),
	C(355, 5, K(A_WBUF, A_LEN, A_FLAGS), NULL),
	F(356, 3, K(A_BUF, A_FLAGS), NULL),
	C(358, 2, K(0), fix_execve),
	F(359, 2, K(A_SMALL, A_SMALL, A_SMALL), NULL),
	C(360, 2, K(A_SMALL, A_SMALL, A_SMALL, A_WBUF), fix_pipe_pair),
	C(361, 1, K(A_FD, A_BUF, A_LEN), NULL),
	C(362, 1, K(A_FD, A_BUF, A_LEN), NULL),
	C(363, 1, K(A_FD, A_SMALL), NULL),
	F(364, 1, K(A_FD, A_WBUF, A_WBUF, A_FLAGS), NULL),
	C(365, 1, K(A_FD, A_INT, A_INT, A_WBUF, A_WBUF), NULL),
	C(366, 1, K(A_FD, A_INT, A_INT, A_BUF, A_LEN), NULL),
	C(367, 1, K(A_FD, A_WBUF, A_WBUF), NULL),
	C(368, 1, K(A_FD, A_WBUF, A_WBUF), NULL),
	C(369, 1, K(A_FD, A_BUF, A_LEN, A_FLAGS, A_BUF, A_LEN), NULL),
	C(370, 1, K(A_FD, A_BUF, A_FLAGS), NULL),
	C(371, 1, K(A_FD, A_WBUF, A_LEN, A_FLAGS, A_WBUF, A_WBUF), NULL),
	C(372, 1, K(A_FD, A_WBUF, A_FLAGS), NULL),
	C(373, 1, K(A_FD, A_SMALL), NULL),
	F(374, 1, K(A_FLAGS), NULL),
	C(375, 1, K(A_INT, A_FLAGS, A_INT), NULL),
	C(376, 1, K(A_ADDR, A_MLEN, A_FLAGS), fix_mrange),
	C(377, 2, K(A_FD, A_BUF, A_FD, A_BUF, A_LEN, A_FLAGS), NULL),
	C(378, 2, K(A_FD, A_IOV, A_IOVCNT, A_OFF, A_INT, A_FLAGS), NULL),
	C(379, 2, K(A_FD, A_IOV, A_IOVCNT, A_OFF, A_INT, A_FLAGS), NULL),
	C(380, 1, K(A_ADDR, A_MLEN, A_PROT, A_INT), fix_mrange),
	C(383, 8, K(A_DIRFD, A_PATH, A_FLAGS, A_INT, A_WBUF), NULL),
	C(384, 2, K(A_INT, A_BUF), NULL),
	C(394, 1, K(A_INT, A_INT, A_INT, A_BUF), NULL),
	C(396, 1, K(A_INT, A_INT, A_BUF), NULL),
	C(397, 1, K(A_INT, A_BUF, A_FLAGS), NULL),
	C(398, 1, K(A_BUF), NULL),
	C(400, 1, K(A_INT, A_BUF, A_LEN, A_FLAGS), NULL),
	C(401, 1, K(A_INT, A_WBUF, A_LEN, A_INT, A_FLAGS), NULL),
	C(402, 1, K(A_INT, A_INT, A_BUF), NULL),
	C(403, 5, K(A_CLOCK, A_WBUF), NULL),
	C(406, 2, K(A_CLOCK, A_WBUF), NULL),
	C(407, 3, K(A_CLOCK, A_SMALL, A_TIMESPEC, A_WBUF), fix_time64),
	C(408, 2, K(A_SMALL, A_WBUF), NULL),
	C(409, 2, K(A_SMALL, A_FLAGS, A_BUF, A_WBUF), NULL),
	C(410, 2, K(A_FD, A_WBUF), NULL),
	C(411, 2, K(A_FD, A_FLAGS, A_BUF, A_WBUF), NULL),
	C(412, 2, K(A_DIRFD, A_WPATH, A_BUF, A_FLAGS), fix_protected_dirfd),
	C(413, 2, K(A_SMALL, A_BUF, A_BUF, A_BUF, A_TIMESPEC, A_BUF), fix_time64_4),
	C(414, 2, K(A_BUF, A_SMALL, A_TIMESPEC, A_SIGSET, A_SMALL), fix_ppoll),
	C(421, 3, K(A_SIGSET, A_WBUF, A_TIMESPEC, A_SMALL), fix_time64_2),
	C(422, 5, K(A_BUF, A_FUTEX_OP, A_INT, A_TIMESPEC, A_BUF, A_INT), fix_futex64),
	C(423, 2, K(A_PID, A_WBUF), NULL),
	C(424, 5, K(A_FD, A_SIG, A_BUF, A_FLAGS), fix_pidfd_signal),
	F(434, 5, K(A_PID, A_FLAGS), fix_pid0),
	C(435, 5, K(0), fix_clone3),
	C(436, 3, K(A_FD, A_FD, A_FLAGS), fix_close_range),
	F(437, 3, K(A_DIRFD, A_PATH, A_BUF, A_LEN), fix_openat2),
	F(438, 3, K(A_FD, A_INT, A_FLAGS), NULL),
	C(439, 3, K(A_DIRFD, A_PATH, A_SMALL, A_FLAGS), NULL),
	C(440, 1, K(A_FD, A_IOV, A_IOVCNT, A_INT, A_FLAGS), NULL),
	C(447, 1, K(A_FD, A_FLAGS), NULL),
	C(448, 1, K(A_BUF, A_SMALL, A_FLAGS, A_TIMESPEC, A_CLOCK), NULL),
	C(-1, 40, K(0), fix_scenario),    /* a structured scenario */
};

#define NCALLS (sizeof(calls) / sizeof(calls[0]))

/* Per process: the weights in use (an ENOSYS-only entry drops to 1), and
 * whether an entry ever got anything but ENOSYS. Threads share them; a
 * lost update only delays a weight change. */
static unsigned short weight[NCALLS];
static unsigned char answered[NCALLS], enosys_seen[NCALLS];
static unsigned int total_weight;
static unsigned char in_table[FUZZ_NR_MAX / 8];

static void weights_init(void)
{
	total_weight = 0;
	for (size_t i = 0; i < NCALLS; i++) {
		weight[i] = calls[i].weight;
		total_weight += weight[i];
		if (calls[i].nr >= 0)
			in_table[calls[i].nr / 8] |= 1 << (calls[i].nr % 8);
	}
}

static const struct call *pick_call(struct fuzz_ctx *c)
{
	unsigned int r;

	if (!total_weight)
		weights_init();
	r = rnd_below(c, total_weight);
	for (size_t i = 0; i < NCALLS; i++) {
		if (r < weight[i])
			return &calls[i];
		r -= weight[i];
	}
	return &calls[0];
}

/* An entry that answered ENOSYS three times and never anything else. */
static void note_result(const struct call *e, long ret)
{
	size_t i = e - calls;

	if (ret != -ENOSYS) {
		answered[i] = 1;
		return;
	}
	if (answered[i] || weight[i] <= 1 || ++enosys_seen[i] < 3)
		return;
	total_weight -= weight[i] - 1;
	weight[i] = 1;
}

/* Numbers no entry names, bar those that could end the run or leave
 * something behind it (see the file's head). */
static int number_is_excluded(long nr)
{
	static const short never[] = {
		25, 51, 79, 87, 88, 101, 110, 111, 113, 115, 124, 128, 129, 166, 217, 264,
		277, 283, 286, 287, 288, 343, 350, 393, 395, 399, 404, 405, 428, 429, 430,
		431, 432, 433, 442,
	};

	if (nr < FUZZ_NR_MAX && (in_table[nr / 8] & (1 << (nr % 8))))
		return 1;
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		if (nr == never[i])
			return 1;
	return 0;
}

static long random_number_call(struct fuzz_ctx *c)
{
	long nr = rnd_below(c, 470), a[6];

	if (number_is_excluded(nr))
		nr = 20;                          /* getpid */
	for (int i = 0; i < 6; i++)
		a[i] = chance(c, 50) ? gen_arg(c, A_INT) : gen_arg(c, A_BUF);
	return fuzz_syscall(c, nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

static long do_entry(struct fuzz_ctx *c, const struct call *e)
{
	long a[6], ret = 0;
	int done = 0;

	c->cur_nr = e->nr;
	for (int i = 0; i < 6; i++)
		a[i] = gen_arg(c, e->kind[i]);
	if (e->fix)
		ret = e->fix(c, a, &done);
	if (!done)
		ret = fuzz_syscall(c, e->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (e->nr >= 0)
		note_result(e, ret);
	if (e->ret_fd && ret > c->max_fd && ret < 4096)
		c->max_fd = ret;
	return ret;
}

long fuzz_one_call(struct fuzz_ctx *c)
{
	if (!total_weight)
		weights_init();
	if (chance(c, 1))
		return random_number_call(c);
	return do_entry(c, pick_call(c));
}

long fuzz_call_nr(struct fuzz_ctx *c, long nr)
{
	for (size_t i = 0; i < NCALLS; i++)
		if (calls[i].nr == nr)
			return do_entry(c, &calls[i]);
	return -ENOSYS;
}
