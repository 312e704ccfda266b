/* user/fuzz/process.c: a worker's life and the calls that make processes.
 * A worker (forked by the supervisor, user/bin/fuzz.c) leads its own
 * session, maps its arena, buffers and thread stacks at fixed addresses
 * (fuzz.h), opens its pool of fds, arms a 100 ms SIGALRM that breaks any
 * call left blocking, and makes random calls until its life (a random
 * number of calls) is over; every 64 calls it reaps and kills its old
 * children, closes the fds the calls opened and re-arms the alarm. fork,
 * vfork, clone, clone3, execve and sigreturn are made here rather than
 * through the table's generic path: a forked child makes a few random
 * calls of its own and exits; a raw clone's child exits at once without
 * touching the stack it may share; exec runs /bin/fuzz exec-child (or
 * fails); a sigreturn with a garbage frame is made by a child. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <linux/fcntl.h>
#include <linux/sched.h>
#include "fuzz.h"

#define PAGE 4096UL
#define POOL_END 16
#define WNOHANG 1
#define __WALL 0x40000000

/* long fuzz_clone_exit(flags, stack, ptid, tls, ctid): clone (120) whose
 * child ends at once with exit(0), touching no memory: it may share the
 * caller's stack (CLONE_VM without a stack of its own). */
__asm__(".text\n"
	".global fuzz_clone_exit\n"
	"fuzz_clone_exit:\n"
	"	pushl %ebp\n"
	"	pushl %edi\n"
	"	pushl %esi\n"
	"	pushl %ebx\n"
	"	movl 20(%esp), %ebx\n"
	"	movl 24(%esp), %ecx\n"
	"	movl 28(%esp), %edx\n"
	"	movl 32(%esp), %esi\n"
	"	movl 36(%esp), %edi\n"
	"	movl $120, %eax\n"
	"	int $0x80\n"
	"	testl %eax, %eax\n"
	"	jz fuzz_child_exit\n"
	"	popl %ebx\n"
	"	popl %esi\n"
	"	popl %edi\n"
	"	popl %ebp\n"
	"	ret\n"
	/* long fuzz_clone3_exit(args, size): the same for clone3 (435). */
	".global fuzz_clone3_exit\n"
	"fuzz_clone3_exit:\n"
	"	pushl %ebx\n"
	"	movl 8(%esp), %ebx\n"
	"	movl 12(%esp), %ecx\n"
	"	movl $435, %eax\n"
	"	int $0x80\n"
	"	testl %eax, %eax\n"
	"	jz fuzz_child_exit\n"
	"	popl %ebx\n"
	"	ret\n"
	/* the clones' child: exit(0), no memory touched */
	"fuzz_child_exit:\n"
	"	movl $1, %eax\n"
	"	xorl %ebx, %ebx\n"
	"	int $0x80\n"
	"	hlt\n"
	/* Where a garbage sigreturn frame may send execution: exit_group(0x55). */
	".global fuzz_landing_pad\n"
	"fuzz_landing_pad:\n"
	"	movl $252, %eax\n"
	"	movl $0x55, %ebx\n"
	"	int $0x80\n"
	"	hlt\n"
	/* void fuzz_sigreturn_from(nr, frame): the sigreturn call nr with the
	 * stack pointer at frame; returns only into whatever the frame said. */
	".global fuzz_sigreturn_from\n"
	"fuzz_sigreturn_from:\n"
	"	movl 4(%esp), %eax\n"
	"	movl 8(%esp), %esp\n"
	"	int $0x80\n"
	"	hlt\n");

long fuzz_clone_exit(long flags, long stack, long ptid, long tls, long ctid);
long fuzz_clone3_exit(void *args, long size);
void fuzz_sigreturn_from(long nr, void *frame) __attribute__((noreturn));

static void alarm_handler(int sig)
{
	(void)sig;
}

/* SIGALRM every 100 ms with a handler that does nothing and no SA_RESTART:
 * a call that blocks gets EINTR. */
void fuzz_alarm_on(void)
{
	struct sigaction sa = { .sa_handler = alarm_handler };
	struct itimerval it = { { 0, 100000 }, { 0, 100000 } };
	sigset_t set = { { 0, 0 } };
	stack_t ss = { NULL, SS_DISABLE, 0 };

	sigaction(SIGALRM, &sa, NULL);
	sigaltstack(&ss, NULL);
	sigprocmask(SIG_SETMASK, &set, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Catch what the worker's calls send itself (a do-nothing handler for
 * every signal but those of real faults, which would fault again at once,
 * SIGKILL and SIGSTOP, and SIGCHLD): a worker lives for its calls, and
 * the calls change these actions as they go. */
static void catch_signals(void)
{
	struct sigaction sa = { .sa_handler = alarm_handler, .sa_flags = SA_RESTART };

	for (int sig = 1; sig < 65; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && sig != SIGSEGV && sig != SIGBUS &&
		    sig != SIGILL && sig != SIGFPE && sig != SIGTRAP && sig != SIGCHLD &&
		    sig != SIGALRM)
			sigaction(sig, &sa, NULL);
}

static void map_fixed(unsigned long addr, unsigned long len, int prot)
{
	__syscall6(__NR_mmap2, addr, len, prot, 0x32 /* PRIVATE|FIXED|ANONYMOUS */, -1, 0);
}

/* The arena, the buffers (their read-only page all 'r', so a string that
 * starts in it has no end before the PROT_NONE page), the thread stacks
 * and the alternate signal stack, and a read-only page of landing pad
 * addresses (fuzz_frame_word). */
void fuzz_setup_memory(void)
{
	map_fixed(FUZZ_ARENA, FUZZ_ARENA_SIZE, 3);
	map_fixed(FUZZ_BUFS, FUZZ_BUF_PAGES * PAGE + PAGE, 3);
	memset((void *)FUZZ_BUF_RO, 'r', PAGE);
	__syscall3(__NR_mprotect, FUZZ_BUF_RO, PAGE, 1);
	map_fixed(FUZZ_BUF_NONE, PAGE, 0);
	__syscall2(__NR_munmap, FUZZ_BUFS_END, PAGE);
	map_fixed(FUZZ_STACKS, FUZZ_MAX_THREADS * FUZZ_STACK_SIZE + FUZZ_ALTSTACK_SIZE, 3);
	map_fixed(FUZZ_PADSTACK, PAGE, 3);
	for (unsigned long *w = (void *)FUZZ_PADSTACK; w < (unsigned long *)(FUZZ_PADSTACK + PAGE); w++)
		*w = (unsigned long)fuzz_landing_pad;
	__syscall3(__NR_mprotect, FUZZ_PADSTACK, PAGE, 1);
}

static void pool_fd(int target, long fd)
{
	if (fd < 0 || fd == target)
		return;
	__syscall2(__NR_dup2, fd, target);
	__syscall1(__NR_close, fd);
}

static long open_ro(const char *path, long flags)
{
	return __syscall3(__NR_open, path, flags, 0);
}

/* fds 0-15: the worker's pool (a child's or a thread's calls find the
 * same): a pipe both ways, two scratch files, directories, the memory
 * devices, a pidfd on itself, a /proc file, programs. */
void fuzz_setup_pool(struct fuzz_ctx *c)
{
	char p0[32], p1[32];
	int pipefd[2];

	snprintf(p0, sizeof(p0), "/tmp/fz%d_p0", c->worker);
	snprintf(p1, sizeof(p1), "/tmp/fz%d_p1", c->worker);
	for (int fd = 0; fd < POOL_END; fd++)
		__syscall1(__NR_close, fd);
	if (!__syscall2(__NR_pipe2, pipefd, O_NONBLOCK)) {
		pool_fd(3, pipefd[0]);
		pool_fd(4, pipefd[1]);
	}
	pool_fd(5, __syscall3(__NR_open, p0, O_RDWR | O_CREAT | O_TRUNC, 0644));
	pool_fd(6, __syscall3(__NR_open, p1, O_RDWR | O_CREAT | O_APPEND, 0600));
	pool_fd(7, open_ro("/tmp", O_RDONLY | O_DIRECTORY));
	pool_fd(8, __syscall3(__NR_open, "/dev/zero", O_RDWR, 0));
	pool_fd(9, open_ro("/dev/urandom", O_RDONLY));
	pool_fd(10, __syscall2(__NR_pidfd_open, c->pid, 0));
	pool_fd(11, open_ro("/proc/self/status", O_RDONLY));
	pool_fd(12, open_ro("/etc/motd", O_RDONLY));
	pool_fd(13, __syscall1(__NR_dup, 3));
	pool_fd(14, open_ro("/bin/fuzz", O_RDONLY));
	pool_fd(15, open_ro("/", O_RDONLY | O_DIRECTORY));
	pool_fd(0, open_ro("/dev/null", O_RDWR));
	pool_fd(1, __syscall1(__NR_dup, 5));
	pool_fd(2, __syscall1(__NR_dup, 6));
	c->max_fd = POOL_END - 1;
}

void fuzz_close_extra_fds(struct fuzz_ctx *c)
{
	int top = c->max_fd < 1100 ? c->max_fd : 1100;

	for (int fd = POOL_END; fd <= top; fd++)
		__syscall1(__NR_close, fd);
	c->max_fd = POOL_END - 1;
}

/* --- children ------------------------------------------------------------- */

void fuzz_count_status(struct fuzz_shared *sh, int status)
{
	int sig = status & 0x7f;

	if (sig && sig != 0x7f)
		__atomic_fetch_add(&sh->deaths[sig < FUZZ_NSIG ? sig : 0], 1, __ATOMIC_RELAXED);
	else if (((status >> 8) & 0xff) == FUZZ_EXEC_CHILD_STATUS)
		__atomic_fetch_add(&sh->exec_exits, 1, __ATOMIC_RELAXED);
	else
		__atomic_fetch_add(&sh->exits, 1, __ATOMIC_RELAXED);
}

static void forget_child(struct fuzz_ctx *c, int i)
{
	c->nchildren--;
	c->children[i] = c->children[c->nchildren];
	c->child_born[i] = c->child_born[c->nchildren];
}

/* Children older than 300 calls (or all) get SIGKILL; the dead are reaped
 * and counted; the remembered ones that are gone (a fuzzed wait reaped
 * them) forgotten. With kill_all, wait for every remembered one. */
void fuzz_reap_children(struct fuzz_ctx *c, int kill_all)
{
	int status;
	long pid;

	for (int i = 0; i < c->nchildren; i++)
		if (kill_all || c->calls - c->child_born[i] > 300)
			__syscall2(__NR_kill, c->children[i], SIGKILL);
	while ((pid = __syscall4(__NR_wait4, -1, &status, WNOHANG | __WALL, 0)) > 0 ||
	       pid == -EINTR)
		if (pid > 0)
			fuzz_count_status(c->sh, status);
	for (int i = 0; i < c->nchildren; i++) {
		if (!kill_all) {
			if (__syscall2(__NR_kill, c->children[i], 0) == -ESRCH)
				forget_child(c, i--);
			continue;
		}
		while ((pid = __syscall4(__NR_wait4, c->children[i], &status, __WALL, 0)) == -EINTR)
			;
		if (pid > 0)
			fuzz_count_status(c->sh, status);
	}
	if (kill_all)
		c->nchildren = 0;
}

/* A new child's context: its own stream, no children, SIGALRM back to
 * its default (it ends the child), an alarm of `secs`. */
static void child_setup(struct fuzz_ctx *c, unsigned int secs)
{
	struct sigaction sa = { .sa_handler = SIG_DFL };

	c->depth++;
	c->pid = __syscall0(__NR_getpid);
	c->tid = 0;
	c->nchildren = 0;
	rng_seed(c, c->rng, 0xc41d, c->calls);
	sigaction(SIGALRM, &sa, NULL);
	__syscall1(__NR_alarm, secs);
}

void fuzz_child_main(struct fuzz_ctx *c, int n)
{
	for (int i = 0; i < n; i++)
		fuzz_one_call(c);
	for (;;)
		__syscall1(chance(c, 50) ? __NR_exit_group : __NR_exit, rnd_below(c, 256));
}

pid_t fuzz_fork_child(struct fuzz_ctx *c, void (*fn)(struct fuzz_ctx *c))
{
	long pid = fuzz_syscall(c, __NR_fork, 0, 0, 0, 0, 0, 0);

	if (pid == 0) {
		child_setup(c, 4);
		fn(c);
		for (;;)
			__syscall1(__NR_exit_group, 0);
	}
	return pid > 0 ? pid : 0;
}

static int may_fork(struct fuzz_ctx *c)
{
	return c->depth < 2 && c->nchildren < 12;
}

long fix_fork(struct fuzz_ctx *c, long *a, int *done)
{
	long pid;

	*done = 1;
	if (!may_fork(c))
		return fuzz_syscall(c, __NR_getpid, 0, 0, 0, 0, 0, 0);
	pid = fuzz_syscall(c, __NR_fork, 0, 0, 0, 0, 0, 0);
	if (pid == 0) {
		child_setup(c, 1);
		fuzz_child_main(c, rnd_below(c, 30));
	}
	remember_child(c, pid);
	return pid;
}

static char *const exec_argv[] = { "fuzz", "exec-child", NULL };
static char *const exec_envp[] = { "FUZZ=1", NULL };
static char *const hello_argv[] = { "hello", NULL };

long fix_vfork(struct fuzz_ctx *c, long *a, int *done)
{
	long pid;

	*done = 1;
	if (!may_fork(c))
		return fuzz_syscall(c, __NR_getpid, 0, 0, 0, 0, 0, 0);
	fuzz_count(c, __NR_vfork);
	pid = vfork();
	if (pid == 0) {
		/* on the parent's stack until it execs or exits */
		if (rnd_below(c, 3) == 0)
			__syscall3(__NR_execve, fuzz_self_path, exec_argv, exec_envp);
		for (;;)
			__syscall1(__NR_exit, 0);
	}
	if (pid < 0)
		return -errno;
	remember_child(c, pid);
	return pid;
}

/* clone's flags: each flag a quarter of the time, an exit signal, now and
 * then all random. */
static long gen_clone_flags(struct fuzz_ctx *c, int with_signal)
{
	static const long bits[] = {
		CLONE_VM, CLONE_FS, CLONE_FILES, CLONE_SIGHAND, CLONE_PIDFD, CLONE_PTRACE,
		CLONE_VFORK, CLONE_PARENT, CLONE_THREAD, CLONE_NEWNS, CLONE_SYSVSEM,
		CLONE_SETTLS, CLONE_PARENT_SETTID, CLONE_CHILD_CLEARTID, CLONE_DETACHED,
		CLONE_UNTRACED, CLONE_CHILD_SETTID, 0x80000000L /* CLONE_IO */,
	};
	long flags = 0;

	if (chance(c, 5))
		return gen_arg(c, A_FLAGS);
	if (chance(c, 30))
		flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
			CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (rnd_below(c, 4) == 0)
			flags ^= bits[i];
	if (with_signal)
		flags |= PICK(c, 17, 17, 0, (long)rnd_below(c, 65), 255);
	return flags;
}

/* A struct user_desc for CLONE_SETTLS: entry, base, limit, flags. */
static long gen_tls(struct fuzz_ctx *c)
{
	unsigned int *d = good_buf(c, 16);

	if (chance(c, 15))
		return gen_arg(c, A_BUF);
	d[0] = PICK(c, -1, 6, 7, 8, 12, (long)rnd(c));
	d[1] = chance(c, 70) ? (unsigned int)(FUZZ_BUFS + rnd_below(c, 4096)) : rnd(c);
	d[2] = chance(c, 50) ? 0xfffff : rnd(c);
	d[3] = chance(c, 70) ? 0x51 : rnd(c) & 0x1ff;
	return (long)d;
}

/* The clones that are processes of ours (not threads, not the parent's). */
static void after_clone(struct fuzz_ctx *c, long ret, unsigned long long flags, long pidfd_ptr)
{
	if (ret <= 0)
		return;
	if (!(flags & (CLONE_THREAD | CLONE_PARENT)))
		remember_child(c, ret);
	if ((flags & CLONE_PIDFD) && pidfd_ptr >= (long)FUZZ_BUFS &&
	    (unsigned long)pidfd_ptr + 4 <= FUZZ_BUF_RO) {
		int fd = *(int *)pidfd_ptr;

		if (fd > c->max_fd && fd < 4096)
			c->max_fd = fd;
	}
}

long fix_clone(struct fuzz_ctx *c, long *a, int *done)
{
	long flags = gen_clone_flags(c, 1), ptid = gen_arg(c, A_BUF), ret;
	long stack = PICK(c, 0, 0, (long)good_buf(c, 64) + 64, gen_arg(c, A_BUF));

	*done = 1;
	if (!may_fork(c) && !(flags & CLONE_THREAD))
		flags |= CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;
	fuzz_count(c, __NR_clone);
	ret = fuzz_clone_exit(flags, stack, ptid, gen_tls(c), gen_arg(c, A_BUF));
	after_clone(c, ret, (unsigned long)flags, ptid);
	return ret;
}

/* struct clone_args (88 bytes in version 2), every field drawn. */
long fix_clone3(struct fuzz_ctx *c, long *a, int *done)
{
	unsigned long long *ca = good_buf(c, 96);
	int *tids = good_buf(c, 8);
	long ret;

	*done = 1;
	ca[0] = (unsigned long)gen_clone_flags(c, chance(c, 5));
	if (chance(c, 5))
		ca[0] |= PICK(c, 1, 2, 4) * 0x100000000ULL;     /* CLEAR_SIGHAND, INTO_CGROUP */
	if (!may_fork(c) && !(ca[0] & CLONE_THREAD))
		ca[0] |= CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;
	ca[1] = (unsigned long)gen_arg(c, A_BUF);              /* pidfd */
	ca[2] = (unsigned long)gen_arg(c, A_BUF);              /* child_tid */
	ca[3] = (unsigned long)gen_arg(c, A_BUF);              /* parent_tid */
	ca[4] = PICK(c, 17, 17, 0, (long)rnd_below(c, 66), 0xffffffff);
	ca[5] = PICK(c, 0, 0, (long)good_buf(c, 64), gen_arg(c, A_BUF));
	ca[6] = PICK(c, 0, 0, 64, 4096, (long)rnd(c));
	ca[7] = (unsigned long)gen_tls(c);
	tids[0] = (int)PICK(c, 0, 1, 30000 + (long)rnd_below(c, 2000), (long)rnd(c));
	tids[1] = (int)rnd_below(c, 5000);
	ca[8] = chance(c, 80) ? 0 : (unsigned long)tids;
	ca[9] = ca[8] ? (unsigned long)PICK(c, 1, 2, 33, 0) : (unsigned long)PICK(c, 0, 0, 0, 1);
	ca[10] = chance(c, 90) ? 0 : rnd(c);
	ca[11] = chance(c, 90) ? 0 : rnd(c);                   /* past version 2 */
	fuzz_count(c, __NR_clone3);
	ret = fuzz_clone3_exit(chance(c, 95) ? (void *)ca : (void *)gen_arg(c, A_BUF),
			       PICK(c, 64, 80, 88, 88, 88, 0, 63, 96, 4096, 72));
	after_clone(c, ret, ca[0], (long)ca[1]);
	return ret;
}

/* An argv or envp: a good one, NULL, a bad pointer, one with a bad
 * element, or (rarely) one too big for exec (E2BIG). */
static long gen_argv(struct fuzz_ctx *c, char *const *good)
{
	unsigned int r = rnd_below(c, 100);
	long *v;

	if (r < 65)
		return (long)good;
	if (r < 72)
		return 0;
	if (r < 80)
		return gen_arg(c, A_BUF);
	if (r < 97) {
		v = good_buf(c, 16);
		v[0] = (long)good[0];
		v[1] = gen_arg(c, A_BUF);
		v[2] = 0;
		return (long)v;
	}
	v = (long *)(FUZZ_BUFS + 3072);   /* 7000 copies of a 3000-byte string */
	memset((void *)FUZZ_BUFS, 'x', 3000);
	((char *)FUZZ_BUFS)[3000] = 0;
	for (int i = 0; i < 7000; i++)
		v[i] = FUZZ_BUFS;
	v[7000] = 0;
	return (long)v;
}

/* execve (11) and execveat (358): /bin/fuzz (which, not PID 1 and not
 * asked to `run`, only makes a few calls and exits with
 * FUZZ_EXEC_CHILD_STATUS, whatever its argv), /bin/hello, or a path that
 * cannot be run; never the init program. The exec replaces the caller
 * when it works (a worker so ends, and is respawned). */
long fix_execve(struct fuzz_ctx *c, long *a, int *done)
{
	unsigned int r = rnd_below(c, 100);
	long path = r < 35 ? (long)fuzz_self_path : r < 45 ? (long)"/bin/hello" : gen_arg(c, A_PATH);
	long argv = gen_argv(c, r < 35 ? exec_argv : hello_argv), envp = gen_argv(c, exec_envp);

	*done = 1;
	if (fuzz_path_is_init(path))
		path = (long)"/etc/motd";
	if (c->cur_nr == __NR_execve)
		return fuzz_syscall(c, __NR_execve, path, argv, envp, 0, 0, 0);
	return fuzz_syscall(c, 358, gen_arg(c, A_DIRFD), path, argv, envp,
			    PICK(c, 0, 0x1000, 0x100, (long)rnd(c)), 0);
}

/* Where a garbage frame may send execution: somewhere that faults at
 * once, or the landing pad. Never the buffers: their bytes are random and
 * this machine has no NX, so they would run as code, and random code may
 * make any call at all (kill(-1, SIGKILL) among them). */
long fuzz_safe_eip(struct fuzz_ctx *c)
{
	return PICK(c, (long)fuzz_landing_pad, (long)fuzz_landing_pad, 0, (long)rnd(c) | 0xC0000000,
		    (long)FUZZ_HOLE, (long)FUZZ_BUF_NONE);
}

/* Any other register of a garbage frame: segment selectors, flags, small
 * numbers, kernel addresses, and for a stack a place in the page of
 * landing pad addresses, so that a `ret` through it lands on the pad. */
long fuzz_frame_word(struct fuzz_ctx *c)
{
	return PICK(c, (long)rnd(c) | 0xC0000000, 0x73, 0x7b, 0x33, 0x3b, 0x63, 0x6b,
		    (long)fuzz_landing_pad, 0x202, 0, (long)rnd_below(c, 0x100), -1,
		    (long)(FUZZ_PADSTACK + 1024 + 4 * rnd_below(c, 512)));
}

/* A frame of garbage for a sigreturn made with the stack pointer at f:
 * fuzz_frame_word's values; its eip (sigreturn's sigcontext is at f,
 * word 14; rt_sigreturn's at f + 160, word 54) one of fuzz_safe_eip's. */
void fuzz_fill_frame(struct fuzz_ctx *c, unsigned long *f, int words)
{
	for (int i = 0; i < words; i++)
		f[i] = fuzz_frame_word(c);
	f[14] = fuzz_safe_eip(c);
	f[54] = fuzz_safe_eip(c);
}

static void sigreturn_child(struct fuzz_ctx *c)
{
	unsigned long *frame = good_buf(c, 1024);

	fuzz_fill_frame(c, frame, 256);
	fuzz_count(c, c->cur_nr);
	fuzz_sigreturn_from(c->cur_nr, frame);
}

long fix_sigreturn(struct fuzz_ctx *c, long *a, int *done)
{
	pid_t pid;

	*done = 1;
	if (!may_fork(c))
		return fuzz_syscall(c, __NR_getpid, 0, 0, 0, 0, 0, 0);
	pid = fuzz_fork_child(c, sigreturn_child);
	remember_child(c, pid);
	return pid;
}

/* Scenarios by weight: a fork storm makes a few hundred forks, so the
 * storms come less often than the rest. */
long fix_scenario(struct fuzz_ctx *c, long *a, int *done)
{
	static const unsigned char weight[SCEN_NR] = {
		[SCEN_THREADS] = 3, [SCEN_EXEC_THREAD] = 2, [SCEN_STORM_ROOT] = 1,
		[SCEN_STORM_USER] = 1, [SCEN_SIGRETURN] = 3, [SCEN_MM_CHURN] = 3,
		[SCEN_PIPES] = 2, [SCEN_FUTEX] = 2, [SCEN_FILES] = 3,
	};
	unsigned int r = rnd_below(c, 20);
	int s = 1;

	*done = 1;
	while (s < SCEN_NR - 1 && r >= weight[s])
		r -= weight[s++];
	if (c->depth == 0 && c->tid == 0)
		fuzz_run_scenario(c, s);
	return 0;
}

/* --- scratch names ---------------------------------------------------------- */

/* Remove the entries of the open directory fd (path): one pass; how many
 * there were besides "." and "..". */
static int remove_entries(long fd, const char *path, int depth)
{
	char buf[1024], child[512];
	int seen = 0;
	long n;

	__syscall3(__NR_lseek, fd, 0, SEEK_SET);
	while ((n = __syscall3(__NR_getdents64, fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n; off += *(unsigned short *)(buf + off + 16)) {
			const char *name = buf + off + 19;

			if (!strcmp(name, ".") || !strcmp(name, ".."))
				continue;
			snprintf(child, sizeof(child), "%s/%s", path, name);
			fuzz_remove_tree_depth(child, depth + 1);
			seen++;
		}
	return seen;
}

/* Remove path, whatever it is: a mount on it is detached first, a
 * directory emptied depth-first (8 levels, 8 passes at most: what cannot
 * be removed is left, and the caller says so). */
void fuzz_remove_tree_depth(const char *path, int depth)
{
	long fd;

	for (int i = 0; i < 64 && !__syscall2(__NR_umount2, path, 2); i++)
		;
	if (!__syscall1(__NR_unlink, path) || depth > 8)
		return;
	fd = __syscall3(__NR_open, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0);
	if (fd < 0)
		return;
	for (int pass = 0; pass < 8 && remove_entries(fd, path, depth); pass++)
		;
	__syscall1(__NR_close, fd);
	__syscall1(__NR_rmdir, path);
}

void fuzz_remove_tree(const char *path)
{
	fuzz_remove_tree_depth(path, 0);
}

/* Remove every /tmp entry whose name starts with prefix ("fz" for the
 * whole run's, "fz3_" for worker 3's). Returns how many were left. */
int fuzz_clean_scratch(const char *prefix)
{
	char buf[1024], path[300];
	size_t len = strlen(prefix);
	int left = 0;

	for (int pass = 0; pass < 4; pass++) {
		long fd = __syscall3(__NR_open, "/tmp", O_RDONLY | O_DIRECTORY, 0), n;

		left = 0;
		if (fd < 0)
			return -1;
		while ((n = __syscall3(__NR_getdents64, fd, buf, sizeof(buf))) > 0)
			for (long off = 0; off < n; off += *(unsigned short *)(buf + off + 16)) {
				const char *name = buf + off + 19;

				if (strncmp(name, prefix, len))
					continue;
				snprintf(path, sizeof(path), "/tmp/%s", name);
				fuzz_remove_tree(path);
				left++;
			}
		__syscall1(__NR_close, fd);
		if (!left)
			break;
	}
	return left;
}

/* --- the worker ------------------------------------------------------------- */

/* Every 64 calls: children, fds, the alarm; every 256 the pool files are
 * emptied (ramfs has no RLIMIT_FSIZE here to stop them growing); every
 * 1024 the pool and the buffers are made afresh. */
static void housekeeping(struct fuzz_ctx *c, unsigned int n)
{
	fuzz_reap_children(c, 0);
	fuzz_close_extra_fds(c);
	fuzz_alarm_on();
	if (n % 256 == 0) {
		__syscall2(__NR_ftruncate, 5, 0);
		__syscall2(__NR_ftruncate, 6, 0);
		for (int k = 0; k < 8; k++) {
			char p[32];

			snprintf(p, sizeof(p), "/tmp/fz%d_%d", c->worker, k);
			__syscall2(__NR_truncate, p, 0);
		}
	}
	if (n % 1024 == 0) {
		fuzz_setup_memory();
		fuzz_setup_pool(c);
		catch_signals();
	}
}

void fuzz_worker_main(struct fuzz_shared *sh, int worker, unsigned int gen,
		      unsigned long long seed)
{
	struct fuzz_ctx c = { .sh = sh, .worker = worker, .uid = 1000 + worker };
	int param = 0;
	char prefix[16];
	unsigned int life;

	c.pid = __syscall0(__NR_getpid);
	rng_seed(&c, seed, worker, gen);
	__syscall0(__NR_setsid);
	__syscall3(__NR_sched_setscheduler, 0, SCHED_OTHER, &param);
	for (int fd = 0; fd < 64; fd++)
		__syscall1(__NR_close, fd);
	snprintf(prefix, sizeof(prefix), "fz%d_", worker);
	fuzz_clean_scratch(prefix);
	fuzz_protect_init();
	fuzz_setup_memory();
	fuzz_setup_pool(&c);
	catch_signals();
	fuzz_alarm_on();
	life = 2000 + rnd_below(&c, 20000);
	for (unsigned int n = 1; n <= life; n++) {
		fuzz_one_call(&c);
		if (n % 64 == 0)
			housekeeping(&c, n);
	}
	fuzz_reap_children(&c, 1);
	for (;;)
		__syscall1(__NR_exit_group, 0);
}
