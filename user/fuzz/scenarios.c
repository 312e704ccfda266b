/* user/fuzz/scenarios.c: structured scenarios, each run by a child of the
 * worker that the worker waits for (4 s at most, then SIGKILL): a thread
 * group fuzzing together and ending in one of several orders; exec from a
 * thread while the others sleep; fork storms to EAGAIN as root and, under
 * RLIMIT_NPROC, as a user; signal frames made garbage in the handler or
 * handed to sigreturn directly; memory churn; pipes; futexes; files. Where
 * Linux's answer is certain (a COW copy, a pipe's bytes, a mutex built on
 * futexes, the limit a fork storm stops at, a sigreturn frame asking for
 * IOPL 3 or a kernel code segment), the scenario checks it, and a wrong
 * answer is reported through fuzz_bug as a kernel bug. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <linux/fcntl.h>
#include <linux/futex.h>
#include "fuzz.h"

#define PAGE 4096UL
#define WNOHANG 1
#define __WALL 0x40000000
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

static const char *const names[SCEN_NR] = {
	"none", "threads", "exec-thread", "storm-root", "storm-user", "sigreturn",
	"mm-churn", "pipes", "futex", "files",
};

const char *fuzz_scenario_name(enum fuzz_scenario s)
{
	return s < SCEN_NR ? names[s] : "?";
}

void fuzz_bug(struct fuzz_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->sh->bug_msg, sizeof(c->sh->bug_msg), fmt, ap);
	va_end(ap);
	__atomic_fetch_add(&c->sh->bugs, 1, __ATOMIC_SEQ_CST);
}

unsigned long long fuzz_now_ms(void)
{
	long ts[2];

	__syscall2(__NR_clock_gettime, 1 /* CLOCK_MONOTONIC */, ts);
	return (unsigned long long)ts[0] * 1000 + ts[1] / 1000000;
}

void fuzz_sleep_ms(unsigned int ms)
{
	long ts[2] = { ms / 1000, (ms % 1000) * 1000000L };

	__syscall2(__NR_nanosleep, ts, 0);
}

int fuzz_wait_child(struct fuzz_ctx *c, pid_t pid, unsigned int ms)
{
	unsigned long long end = fuzz_now_ms() + ms;
	int status;
	long r;

	if (pid <= 0)
		return -1;
	while ((r = __syscall4(__NR_wait4, pid, &status, WNOHANG | __WALL, 0)) == 0 ||
	       r == -EINTR) {
		if (fuzz_now_ms() >= end) {
			__syscall2(__NR_kill, pid, SIGKILL);
			while ((r = __syscall4(__NR_wait4, pid, &status, __WALL, 0)) == -EINTR)
				;
			break;
		}
		fuzz_sleep_ms(2);
	}
	if (r != pid)
		return -1;
	fuzz_count_status(c->sh, status);
	return status;
}

/* --- a thread group ------------------------------------------------------- */

struct thread {
	struct fuzz_ctx c;
	int idx, calls, plan, last;
	volatile int ptid, ctid;
};

static struct thread threads[FUZZ_MAX_THREADS];
static char *const exec_argv[] = { "fuzz", "exec-child", NULL };

enum { PLAN_JOIN, PLAN_LEADER_FIRST, PLAN_EXIT_GROUP, PLAN_EXEC, PLAN_KILL, NPLANS };

static int thread_main(void *arg)
{
	struct thread *t = arg;

	t->c.tid = __syscall0(__NR_gettid);
	for (int i = 0; i < t->calls; i++)
		fuzz_one_call(&t->c);
	if (t->last && t->plan == PLAN_EXIT_GROUP)
		__syscall1(__NR_exit_group, 3);
	if (t->last && t->plan == PLAN_EXEC)
		__syscall3(__NR_execve, fuzz_self_path, exec_argv, 0);
	return 0;                         /* exit: this thread only */
}

static int start_thread(struct fuzz_ctx *c, int i, int plan, int last)
{
	struct thread *t = &threads[i];

	t->c = *c;
	rng_seed(&t->c, c->rng, 0x7d, i);
	t->idx = i;
	t->calls = rnd_below(c, 40);
	t->plan = plan;
	t->last = last;
	t->ctid = 1;
	return clone(thread_main, (void *)(FUZZ_STACKS + (i + 1) * FUZZ_STACK_SIZE), THREAD_FLAGS,
		     t, (pid_t *)&t->ptid, NULL, (pid_t *)&t->ctid);
}

/* Wait (10 ms at a time) until the kernel clears the thread's ctid. */
static void join_thread(struct thread *t)
{
	long ts[2] = { 0, 10000000 };
	int v;

	while ((v = t->ctid) != 0)
		__syscall6(__NR_futex, (long)&t->ctid, FUTEX_WAIT, v, (long)ts, 0, 0);
}

static void threads_child(struct fuzz_ctx *c)
{
	int n = 2 + rnd_below(c, FUZZ_MAX_THREADS - 2), plan = rnd_below(c, NPLANS), made = 0;

	fuzz_count(c, __NR_clone);
	for (int i = 0; i < n; i++)
		made += start_thread(c, i, plan, i == n - 1) > 0;
	for (int i = 0; i < (int)rnd_below(c, 20); i++)
		fuzz_one_call(c);
	switch (plan) {
	case PLAN_LEADER_FIRST:
		for (;;)                  /* the group ends with its last thread */
			__syscall1(__NR_exit, 0);
	case PLAN_KILL:
		if (made)
			__syscall3(__NR_tgkill, c->pid, threads[rnd_below(c, made)].ptid, SIGKILL);
		break;
	default:
		for (int i = 0; i < made; i++)
			join_thread(&threads[i]);
	}
}

/* Exec from a thread while the others (the leader too) sleep in futex
 * waits: Linux's de_thread ends them, and the process becomes /bin/fuzz
 * exec-child, which exits with FUZZ_EXEC_CHILD_STATUS. */
static int sleeping_thread(void *arg)
{
	long ts[2] = { 0, 50000000 };

	for (;;)
		__syscall6(__NR_futex, (long)arg, FUTEX_WAIT, 0, (long)ts, 0, 0);
	return 0;
}

static int exec_thread(void *arg)
{
	long err = __syscall3(__NR_execve, fuzz_self_path, exec_argv, 0);

	__syscall1(__NR_exit_group, 0x60 + (int)(-err & 0x1f));
	return 0;
}

static void exec_thread_child(struct fuzz_ctx *c)
{
	static int word;
	int n = 1 + rnd_below(c, 4);

	for (int i = 0; i < n; i++)
		if (clone(sleeping_thread, (void *)(FUZZ_STACKS + (i + 1) * FUZZ_STACK_SIZE),
			  THREAD_FLAGS & ~(CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID), &word,
			  NULL, NULL, NULL) < 0)
			__syscall1(__NR_exit_group, 0x70);      /* no threads to be had */
	fuzz_count(c, __NR_execve);
	if (clone(exec_thread, (void *)(FUZZ_STACKS + FUZZ_MAX_THREADS * FUZZ_STACK_SIZE),
		  THREAD_FLAGS & ~(CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID), NULL, NULL, NULL,
		  NULL) < 0)
		__syscall1(__NR_exit_group, 0x70);
	sleeping_thread(&word);
}

static void scen_exec_thread(struct fuzz_ctx *c)
{
	int st = fuzz_wait_child(c, fuzz_fork_child(c, exec_thread_child), 4000);
	int code = (st >> 8) & 0xff;

	if (st == FUZZ_EXEC_CHILD_STATUS << 8) {
		__atomic_fetch_add(&c->sh->exec_thread_ok, 1, __ATOMIC_RELAXED);
		return;
	}
	__atomic_fetch_add(&c->sh->exec_thread_other, 1, __ATOMIC_RELAXED);
	/* ENOMEM (0x6c), EAGAIN (0x6b) or no threads (0x70) are fair answers */
	if ((st & 0x7f) == 0 && code != 0x70 && code != 0x60 + ENOMEM && code != 0x60 + EAGAIN)
		fuzz_bug(c, "exec from a thread: exit status %#x", code);
	else if ((st & 0x7f) == SIGALRM)
		fuzz_bug(c, "exec from a thread did not end in 4 s");
}

/* --- fork storms ------------------------------------------------------------ */

static int storm_pids[512];

/* Fork until fork fails or `cap` children live; each child waits in
 * pause() (3 s alarm). Returns the count; *err the failing fork's error. */
static int storm(struct fuzz_ctx *c, int cap, long *err)
{
	int n = 0;
	long pid;

	*err = 0;
	while (n < cap) {
		pid = fuzz_syscall(c, __NR_fork, 0, 0, 0, 0, 0, 0);
		if (pid == 0) {
			__syscall1(__NR_alarm, 3);
			for (;;)
				__syscall0(__NR_pause);
		}
		if (pid < 0) {
			*err = pid;
			break;
		}
		storm_pids[n++] = pid;
	}
	for (int i = 0; i < n; i++)
		__syscall2(__NR_kill, storm_pids[i], SIGKILL);
	for (int i = 0; i < n; i++) {
		int st;

		while (__syscall4(__NR_wait4, storm_pids[i], &st, 0, 0) == -EINTR)
			;
	}
	return n;
}

static void storm_root_child(struct fuzz_ctx *c)
{
	long err;
	int n = storm(c, 500, &err);

	if (err == -EAGAIN)
		__atomic_fetch_add(&c->sh->storm_eagain_root, 1, __ATOMIC_RELAXED);
	if ((unsigned int)n > c->sh->storm_max_root)
		c->sh->storm_max_root = n;
}

/* As uid 1000+worker with RLIMIT_NPROC n: the process itself counts, so
 * at most n-1 children, then EAGAIN (fewer if the user has others). */
static void storm_user_child(struct fuzz_ctx *c)
{
	unsigned long lim[2];
	long err;
	int n, limit = 8 + rnd_below(c, 24);

	long err_groups = __syscall2(__NR_setgroups32, 0, 0);

	if ((err_groups && err_groups != -ENOSYS) ||
	    __syscall3(__NR_setresgid32, c->uid, c->uid, c->uid) ||
	    __syscall3(__NR_setresuid32, c->uid, c->uid, c->uid))
		return;
	lim[0] = lim[1] = limit;
	__syscall2(__NR_setrlimit, 6 /* RLIMIT_NPROC */, lim);
	n = storm(c, 500, &err);
	if (err == -EAGAIN)
		__atomic_fetch_add(&c->sh->storm_eagain_user, 1, __ATOMIC_RELAXED);
	if (n >= limit)
		fuzz_bug(c, "uid %u with RLIMIT_NPROC %d forked %d children", c->uid, limit, n);
	else if (err != -EAGAIN && err != -ENOMEM)
		fuzz_bug(c, "uid %u fork storm ended with %ld, not EAGAIN", c->uid, err);
}

/* --- signal frames ---------------------------------------------------------- */

void fuzz_iopl_probe(void);
/* `cli` faults at CPL 3 with IOPL below 3; reaching exit_group(0x66)
 * means a sigreturn gave user mode IOPL 3 or ring 0. */
__asm__(".text\n"
	".global fuzz_iopl_probe\n"
	"fuzz_iopl_probe:\n"
	"	cli\n"
	"	movl $252, %eax\n"
	"	movl $0x66, %ebx\n"
	"	int $0x80\n"
	"	hlt\n");

static volatile int frame_variant;
static struct fuzz_ctx *frame_ctx;

enum { FRAME_GARBAGE, FRAME_IOPL, FRAME_KERNEL_CS, FRAME_DIRECT, FRAME_BAD_HANDLER,
       FRAME_BAD_ALTSTACK, NFRAMES };

/* The handler makes the frame it returns through what the variant asks. */
static void frame_handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned long *g = uc->uc_mcontext.gregs;
	struct fuzz_ctx *c = frame_ctx;

	if (frame_variant == FRAME_IOPL) {
		g[REG_EFL] |= PICK(c, 0x3000, 0x3000, 0x23000, 0x7000);
		g[REG_EIP] = (unsigned long)fuzz_iopl_probe;
		return;
	}
	if (frame_variant == FRAME_KERNEL_CS) {
		g[REG_CS] = PICK(c, 0x60, 0x61, 0x62, 0x60, 0x08);
		g[REG_SS] = chance(c, 50) ? g[REG_SS] : (unsigned long)PICK(c, 0x68, 0x6b, 0);
		g[REG_EIP] = (unsigned long)fuzz_iopl_probe;
		return;
	}
	if (chance(c, 50)) {
		/* the handler returns elsewhere: any register may be garbage */
		for (int i = 0; i < NGREG; i++)
			if (chance(c, 30))
				g[i] = chance(c, 10) ? (unsigned long)fuzz_iopl_probe
						     : (unsigned long)fuzz_frame_word(c);
		g[REG_EIP] = fuzz_safe_eip(c);
	} else {
		/* it returns into this program, which must run as compiled: its
		 * stack and data segments, stack and frame pointers and the
		 * direction flag stay; the rest may change */
		g[REG_FS] = fuzz_frame_word(c) & 0xffff;
		g[REG_GS] = fuzz_frame_word(c) & 0xffff;
		g[REG_EFL] = (g[REG_EFL] & ~0xcd5UL) | (rnd(c) & 0x8d5);
	}
	if (chance(c, 30))
		uc->uc_mcontext.fpregs = (void *)gen_arg(c, A_BUF);   /* data, never run */
	if (chance(c, 20))
		uc->uc_flags = rnd(c);
}

static void sigreturn_variant_child(struct fuzz_ctx *c)
{
	struct sigaction sa = { .sa_sigaction = frame_handler, .sa_flags = SA_SIGINFO };
	unsigned long *frame;

	frame_ctx = c;
	if (frame_variant == FRAME_DIRECT) {
		frame = good_buf(c, 1024);
		fuzz_fill_frame(c, frame, 256);
		fuzz_count(c, 173);
		__asm__ volatile("movl %0, %%esp\n\tmovl %1, %%eax\n\tint $0x80\n\thlt"
				 : : "r"(frame), "r"(PICK(c, 119, 173)) : "memory");
	}
	if (frame_variant == FRAME_BAD_HANDLER)
		sa.sa_handler = (sighandler_t)PICK(c, 0xC0000000, FUZZ_HOLE, 4, FUZZ_BUF_NONE);
	if (frame_variant == FRAME_BAD_ALTSTACK) {
		stack_t ss = { (void *)PICK(c, FUZZ_BUF_NONE, 0xC0000000, FUZZ_HOLE, FUZZ_BUF_RO),
			       0, 8192 };

		sigaltstack(&ss, NULL);
		sa.sa_flags |= SA_ONSTACK;
	}
	sigaction(SIGUSR1, &sa, NULL);
	fuzz_count(c, __NR_tgkill);
	__syscall3(__NR_tgkill, c->pid, c->pid, SIGUSR1);
	fuzz_count(c, 173);                    /* the handler's return */
	__syscall1(__NR_exit_group, 0x44);      /* the frame came back unharmed */
}

static void scen_sigreturn(struct fuzz_ctx *c)
{
	int st;

	frame_variant = rnd_below(c, NFRAMES);
	st = fuzz_wait_child(c, fuzz_fork_child(c, sigreturn_variant_child), 3000);
	if ((frame_variant == FRAME_IOPL || frame_variant == FRAME_KERNEL_CS) &&
	    st >= 0 && (st & 0x7f) == 0 && ((st >> 8) & 0xff) == 0x66)
		fuzz_bug(c, "a sigreturn frame with %s let user code run cli",
			 frame_variant == FRAME_IOPL ? "IOPL 3" : "a kernel code segment");
}

/* --- memory ------------------------------------------------------------------ */

static long mmap_fixed(unsigned long addr, unsigned long len, long flags)
{
	return __syscall6(__NR_mmap2, addr, len, 3, flags | 0x30, -1, 0);   /* FIXED|ANON */
}

/* A private page and a shared one written by a grandchild: the private
 * one keeps the parent's bytes (COW), the shared one shows the child's. */
static void cow_check(struct fuzz_ctx *c)
{
	unsigned long priv = FUZZ_ARENA + PAGE * rnd_below(c, 64), shared = priv + 64 * PAGE;
	unsigned int a = rnd(c) | 1, b = a ^ 0xffff;
	long pid;
	int st;

	if (mmap_fixed(priv, PAGE, 0x02) != (long)priv || mmap_fixed(shared, PAGE, 0x01) != (long)shared)
		return;
	*(volatile unsigned int *)priv = a;
	*(volatile unsigned int *)shared = a;
	pid = fuzz_syscall(c, __NR_fork, 0, 0, 0, 0, 0, 0);
	if (pid == 0) {
		*(volatile unsigned int *)priv = b;
		*(volatile unsigned int *)shared = b;
		__syscall1(__NR_exit_group, 0);
	}
	if (pid < 0)
		return;
	while (__syscall4(__NR_wait4, pid, &st, 0, 0) == -EINTR)
		;
	if (st != 0)
		return;
	if (*(volatile unsigned int *)priv != a)
		fuzz_bug(c, "COW: a private page shows the child's write (%#x, not %#x)",
			 *(volatile unsigned int *)priv, a);
	if (*(volatile unsigned int *)shared != b)
		fuzz_bug(c, "MAP_SHARED anonymous page lost the child's write (%#x, not %#x)",
			 *(volatile unsigned int *)shared, b);
}

/* madvise(MADV_DONTNEED) on a private anonymous page: it reads zero after;
 * mremap of two written pages to eight: the bytes move with them. */
static void dontneed_mremap_check(struct fuzz_ctx *c)
{
	unsigned long p = FUZZ_ARENA + PAGE * (128 + rnd_below(c, 64)), q;

	if (mmap_fixed(p, 2 * PAGE, 0x02) != (long)p)
		return;
	((volatile unsigned int *)p)[0] = 0x5a5a;
	if (!__syscall3(__NR_madvise, p, PAGE, 4) && ((volatile unsigned int *)p)[0] != 0)
		fuzz_bug(c, "MADV_DONTNEED page still holds %#x", ((volatile unsigned int *)p)[0]);
	((volatile unsigned int *)(p + PAGE))[5] = 0xbeef;
	q = __syscall6(__NR_mremap, p, 2 * PAGE, 8 * PAGE, 1 /* MAYMOVE */, 0, 0);
	if (q < 0xC0000000UL && ((volatile unsigned int *)(q + PAGE))[5] != 0xbeef)
		fuzz_bug(c, "mremap lost a page's bytes (%#x)", ((volatile unsigned int *)(q + PAGE))[5]);
	if (q < 0xC0000000UL)
		__syscall2(__NR_munmap, q, 8 * PAGE);
}

static void mm_child(struct fuzz_ctx *c)
{
	static const short ops[] = { 192, 91, 125, 163, 219, 218, 144, 45, 90 };
	int n = 10 + rnd_below(c, 40);

	cow_check(c);
	dontneed_mremap_check(c);
	for (int i = 0; i < n; i++)
		fuzz_call_nr(c, ops[rnd_below(c, sizeof(ops) / sizeof(ops[0]))]);
	for (int i = 0; i < 16; i++) {            /* touch: a fault is a fair end */
		volatile unsigned char *p = (void *)(FUZZ_ARENA + rnd_below(c, FUZZ_ARENA_SIZE));

		if (chance(c, 50))
			*p = (unsigned char)rnd(c);
		else
			(void)*p;
	}
}

/* --- pipes ------------------------------------------------------------------- */

static void pipes_child(struct fuzz_ctx *c)
{
	unsigned char *buf = good_buf(c, 4096);
	unsigned int put = 0, got = 0;
	int fds[2];
	long n;

	if (fuzz_syscall(c, __NR_pipe2, (long)fds, O_NONBLOCK, 0, 0, 0, 0))
		return;
	for (;;) {                                /* fill to EAGAIN with a counting pattern */
		unsigned int len = 1 + rnd_below(c, 3000);

		for (unsigned int i = 0; i < len; i++)
			buf[i] = (unsigned char)(put + i);
		n = fuzz_syscall(c, __NR_write, fds[1], (long)buf, len, 0, 0, 0);
		if (n == -EAGAIN)
			break;
		if (n <= 0)
			return;
		put += n;
	}
	while ((n = fuzz_syscall(c, __NR_read, fds[0], (long)buf, 1 + rnd_below(c, 4096), 0, 0, 0)) > 0)
		for (long i = 0; i < n; i++, got++)
			if (buf[i] != (unsigned char)got) {
				fuzz_bug(c, "pipe byte %u reads %#x, not %#x", got, buf[i], got & 0xff);
				return;
			}
	if (got != put || put < 4096)
		fuzz_bug(c, "pipe: %u bytes in, %u out (capacity below PIPE_BUF?)", put, got);
	fuzz_syscall(c, __NR_close, fds[0], 0, 0, 0, 0, 0);
	__syscall2(__NR_signal, SIGPIPE, 1 /* SIG_IGN */);
	n = fuzz_syscall(c, __NR_write, fds[1], (long)buf, 1, 0, 0, 0);
	if (n != -EPIPE)
		fuzz_bug(c, "write to a pipe with no reader: %ld, not EPIPE", n);
}

/* --- futexes ----------------------------------------------------------------- */

/* Drepper's mutex (0 free, 1 locked, 2 locked with waiters) over
 * FUTEX_WAIT/WAKE: threads each add to a counter under it; the total
 * must come out exact. Other threads meanwhile throw random futex ops at
 * the other futex words. */
static volatile int mutex_word, counter;

static void lock(struct fuzz_ctx *c)
{
	int v = __sync_val_compare_and_swap(&mutex_word, 0, 1);

	if (!v)
		return;
	if (v != 2)
		v = __atomic_exchange_n(&mutex_word, 2, __ATOMIC_SEQ_CST);
	while (v) {
		fuzz_syscall(c, __NR_futex, (long)&mutex_word, FUTEX_WAIT_PRIVATE, 2, 0, 0, 0);
		v = __atomic_exchange_n(&mutex_word, 2, __ATOMIC_SEQ_CST);
	}
}

static void unlock(struct fuzz_ctx *c)
{
	if (__atomic_fetch_sub(&mutex_word, 1, __ATOMIC_SEQ_CST) != 1) {
		mutex_word = 0;
		fuzz_syscall(c, __NR_futex, (long)&mutex_word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
	}
}

#define FUTEX_ROUNDS 50

static int futex_thread(void *arg)
{
	struct thread *t = arg;

	t->c.tid = __syscall0(__NR_gettid);
	for (int i = 0; i < FUTEX_ROUNDS; i++) {
		lock(&t->c);
		int v = counter;

		if (chance(&t->c, 10))
			__syscall0(__NR_sched_yield);     /* hold the lock across a switch */
		counter = v + 1;
		unlock(&t->c);
		if (t->plan)
			fuzz_call_nr(&t->c, PICK(&t->c, 240, 422));
	}
	return 0;
}

static void futex_child(struct fuzz_ctx *c)
{
	int n = 2 + rnd_below(c, 4), made = 0;

	mutex_word = 0;
	counter = 0;
	for (int i = 0; i < n; i++) {
		struct thread *t = &threads[i];

		t->c = *c;
		rng_seed(&t->c, c->rng, 0xf7, i);
		t->plan = chance(c, 50);
		t->ctid = 1;
		if (clone(futex_thread, (void *)(FUZZ_STACKS + (i + 1) * FUZZ_STACK_SIZE),
			  THREAD_FLAGS, t, (pid_t *)&t->ptid, NULL, (pid_t *)&t->ctid) > 0)
			made++;
		else
			t->ctid = 0;
	}
	for (int i = 0; i < n; i++)
		join_thread(&threads[i]);
	if (counter != made * FUTEX_ROUNDS)
		fuzz_bug(c, "futex mutex: counter %d after %d threads x %d rounds", counter, made,
			 FUTEX_ROUNDS);
}

/* --- files ------------------------------------------------------------------- */

/* Shrink the file to a random length and grow it back to size: the model
 * reads zeros past the cut. */
static void cut_and_grow(struct fuzz_ctx *c, long fd, unsigned char *model, size_t room,
			 unsigned int size)
{
	unsigned int cut = rnd_below(c, size);

	if (fuzz_syscall(c, __NR_ftruncate, fd, cut, 0, 0, 0, 0) == 0) {
		memset(model + cut, 0, room - cut);
		fuzz_syscall(c, __NR_ftruncate, fd, size, 0, 0, 0, 0);
	}
}

/* Random pwrites into a scratch file mirrored in a model; a pread of the
 * whole must match it, and a file shrunk then grown reads zeros past the cut. */
static void files_child(struct fuzz_ctx *c)
{
	static unsigned char model[16384], back[16384];
	char path[32];
	unsigned int size = 0;
	long fd;

	snprintf(path, sizeof(path), "/tmp/fz%d_m%d", c->worker, c->pid % 100);
	fd = fuzz_syscall(c, __NR_open, (long)path, O_RDWR | O_CREAT | O_TRUNC, 0600, 0, 0, 0);
	if (fd < 0)
		return;
	memset(model, 0, sizeof(model));
	for (int i = 0; i < 20; i++) {
		unsigned int off = rnd_below(c, 12000), len = 1 + rnd_below(c, 4000);

		for (unsigned int j = 0; j < len; j++)
			model[off + j] = (unsigned char)rnd(c);
		if (fuzz_syscall(c, __NR_pwrite64, fd, (long)(model + off), len, off, 0, 0) != (long)len)
			goto out;
		if (off + len > size)
			size = off + len;
	}
	if (rnd_below(c, 2))
		cut_and_grow(c, fd, model, sizeof(model), size);
	if (fuzz_syscall(c, __NR_pread64, fd, (long)back, size, 0, 0, 0) != (long)size)
		fuzz_bug(c, "pread of a %u-byte file came short", size);
	else
		for (unsigned int j = 0; j < size; j++)
			if (back[j] != model[j]) {
				fuzz_bug(c, "file byte %u reads %#x, wrote %#x", j, back[j], model[j]);
				break;
			}
out:
	fuzz_syscall(c, __NR_close, fd, 0, 0, 0, 0, 0);
	fuzz_syscall(c, __NR_unlink, (long)path, 0, 0, 0, 0, 0);
}

/* --- running one -------------------------------------------------------------- */

void fuzz_run_scenario(struct fuzz_ctx *c, enum fuzz_scenario s)
{
	static void (*const child_fn[SCEN_NR])(struct fuzz_ctx *) = {
		[SCEN_THREADS] = threads_child, [SCEN_STORM_ROOT] = storm_root_child,
		[SCEN_STORM_USER] = storm_user_child, [SCEN_MM_CHURN] = mm_child,
		[SCEN_PIPES] = pipes_child, [SCEN_FUTEX] = futex_child, [SCEN_FILES] = files_child,
	};

	c->sh->w[c->worker].scenario = s;
	__atomic_fetch_add(&c->sh->scen_runs[s], 1, __ATOMIC_RELAXED);
	if (s == SCEN_EXEC_THREAD)
		scen_exec_thread(c);
	else if (s == SCEN_SIGRETURN)
		scen_sigreturn(c);
	else if (child_fn[s])
		fuzz_wait_child(c, fuzz_fork_child(c, child_fn[s]), 4000);
	c->sh->w[c->worker].scenario = SCEN_NONE;
}
