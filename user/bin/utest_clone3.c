/* user/bin/utest_clone3.c: KTAP self-tests of clone3 (435), the call glibc
 * 2.34+ makes a thread with: a fork-like child, a thread on its own stack
 * with TLS and the tid words, the exit signal (another signal, or none),
 * CLONE_VFORK, CLONE_CLEAR_SIGHAND, CLONE_PIDFD through args.pidfd,
 * set_tid, and every errno of the size, flag, stack and set_tid checks;
 * then the per-process system call counts (/sys/kernel/debug/
 * syscall_counts) that show each clone3 and each ENOSYS answer. Runs on
 * Tasklab and under qemu-i386 on the build host, whose 7.2 has no clone3
 * (ENOSYS): there the cases skip, saying so. */
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <clone3.h>
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
#include <sys/syscall.h>
#include <sys/wait.h>

#define STACK_SIZE (64 * 1024)

/* Does this kernel have clone3? Always on Tasklab; qemu-i386 7.2 answers
 * ENOSYS for it, and the case is skipped there with that reason. */
static bool clone3_offered(struct ktap *t)
{
	if (ktap_on_tasklab() || syscall(__NR_clone3, 0, 0, 0, 0, 0, 0) != -1 || errno != ENOSYS)
		return true;
	ktap_skip(t, "qemu-i386 7.2 has no clone3 (ENOSYS)");
	return false;
}

/* clone3 that must fail: its errno, 0 if it made a child (reaped). */
static int clone3_errno(struct clone_args *a, size_t size)
{
	long pid = clone3(a, size, child_returns_0, NULL);
	int status;

	if (pid < 0)
		return errno;
	waitpid(pid, &status, __WALL);
	return 0;
}

/* ---- success paths ---- */

static int shared_word;

static int fork_child(void *arg)
{
	shared_word = 1;                 /* our copy only */
	return getppid() == *(pid_t *)arg ? 7 : 1;
}

/* No stack, no CLONE_VM, SIGCHLD: a fork. The child has its own copy of
 * memory, the caller as parent, and its exit code reaches waitpid. */
static void clone3_fork_like(struct ktap *t)
{
	struct clone_args a = { .exit_signal = SIGCHLD };
	pid_t me = getpid();
	int status = -1;
	long pid;

	if (!clone3_offered(t))
		return;
	shared_word = 0;
	pid = clone3(&a, CLONE_ARGS_SIZE_VER0, fork_child, &me);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 7);
	KTAP_EXPECT_EQ(t, shared_word, 0);
	a.exit_signal = SIGCHLD;         /* the whole struct (88 bytes) too */
	pid = clone3(&a, sizeof(a), fork_child, &me);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 7);
}

/* Linux's struct user_desc. */
struct user_desc {
	unsigned int entry_number, base_addr, limit;
	unsigned int seg_32bit:1, contents:2, read_exec_only:1, limit_in_pages:1,
		     seg_not_present:1, useable:1;
};

struct thread_report {
	unsigned int entry;              /* in: the TLS slot to load into gs */
	unsigned long sp;                /* out: an address on its stack */
	unsigned int via_gs;             /* out: the word its TLS segment shows */
	int tid;                         /* out: gettid() */
};

static unsigned int tls_word = 0x7157c3u;

static int thread_reports(void *arg)
{
	struct thread_report *r = arg;
	unsigned int v;

	__asm__ __volatile__("movw %w1, %%gs\n\tmovl %%gs:0, %0" : "=r"(v) : "r"(r->entry * 8 + 3));
	__asm__ __volatile__("movw %w0, %%gs" :: "r"(0));
	r->via_gs = v;
	r->sp = (unsigned long)&v;
	r->tid = (int)__syscall0(__NR_gettid);
	return 0;
}

/* A TLS slot of ours (set_thread_area picks it) describing base. */
static int tls_slot(struct user_desc *u, void *base)
{
	*u = (struct user_desc){ .entry_number = -1, .base_addr = (unsigned int)base,
				 .limit = 0xfffff, .seg_32bit = 1, .limit_in_pages = 1, .useable = 1 };
	return (int)syscall(__NR_set_thread_area, (long)u, 0, 0, 0, 0, 0);
}

/* glibc's thread: CLONE_VM and the rest, its stack given as the lowest
 * address and a size (the thread starts at the top), CLONE_SETTLS with a
 * user_desc, the tid in parent_tid and child_tid, no exit signal. */
static void clone3_thread_stack_tls(struct ktap *t)
{
	struct thread_report r = { 0 };
	volatile int tid = -1, ptid = -1;
	struct user_desc u;
	char *stack;
	long r3;

	if (!clone3_offered(t))
		return;
	KTAP_ASSERT_EQ(t, tls_slot(&u, &tls_word), 0);
	r.entry = u.entry_number;
	stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KTAP_ASSERT_TRUE(t, stack != MAP_FAILED);
	struct clone_args a = {
		.flags = THREAD_FLAGS | CLONE_SETTLS, .stack = (unsigned long)stack,
		.stack_size = STACK_SIZE, .tls = (unsigned long)&u,
		.child_tid = (unsigned long)&tid, .parent_tid = (unsigned long)&ptid,
	};
	r3 = clone3(&a, sizeof(a), thread_reports, &r);
	KTAP_ASSERT_GT(t, r3, 0);
	wait_word_zero(&tid);            /* CLEARTID: zeroed and woken at its exit */
	KTAP_EXPECT_EQ(t, ptid, r3);
	KTAP_EXPECT_EQ(t, r.tid, r3);
	KTAP_EXPECT_EQ(t, r.via_gs, 0x7157c3u);
	KTAP_EXPECT_GT(t, r.sp, (unsigned long)stack);
	KTAP_EXPECT_LT(t, r.sp, (unsigned long)stack + STACK_SIZE);
	munmap(stack, STACK_SIZE);
	u.seg_not_present = 1;           /* give the slot back: empty */
	u.read_exec_only = 1;
	u.base_addr = u.limit = u.seg_32bit = u.limit_in_pages = u.useable = 0;
	syscall(__NR_set_thread_area, (long)&u, 0, 0, 0, 0, 0);
}

/* exit_signal: SIGUSR1 tells the parent instead of SIGCHLD, which makes
 * a "clone" child (waitpid needs __WCLONE); 0 tells nobody. */
static void clone3_exit_signal(struct ktap *t)
{
	struct clone_args a = { .exit_signal = SIGUSR1 };
	int status = -1;
	long pid;

	if (!clone3_offered(t))
		return;
	KTAP_ASSERT_EQ(t, set_info_handler(SIGUSR1, info_handler, 0), 0);
	hits = 0;
	pid = clone3(&a, CLONE_ARGS_SIZE_VER0, child_returns_0, NULL);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), -1);       /* not a SIGCHLD child */
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WCLONE), pid);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_EQ(t, last_sig, SIGUSR1);
	KTAP_EXPECT_EQ(t, last_pid, pid);
	a.exit_signal = 0;
	hits = 0;
	pid = clone3(&a, CLONE_ARGS_SIZE_VER0, child_returns_0, NULL);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WALL), pid);
	KTAP_EXPECT_EQ(t, hits, 0);
	signal(SIGUSR1, SIG_DFL);
}

static volatile int vfork_word;

static int vfork_child(void *arg)
{
	sleep_ms(50);                    /* the parent must still be asleep */
	vfork_word = 1;                  /* CLONE_VM: the parent's memory */
	return 0;
}

/* CLONE_VFORK | CLONE_VM on a stack of its own: the caller sleeps until
 * the child has exited, and sees what it wrote. */
static void clone3_vfork(struct ktap *t)
{
	char *stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct clone_args a = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD,
				.stack = (unsigned long)stack, .stack_size = STACK_SIZE };
	int status = -1;
	long pid, start = now_ms();

	if (!clone3_offered(t))
		goto out;
	vfork_word = 0;
	pid = clone3(&a, CLONE_ARGS_SIZE_VER0, vfork_child, NULL);
	KTAP_EXPECT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, vfork_word, 1);                 /* back only after its exit */
	KTAP_EXPECT_GE(t, now_ms() - start, 40);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
out:
	munmap(stack, STACK_SIZE);
}

static void on_usr1(int sig) { (void)sig; }

static int child_sees_defaults(void *arg)
{
	struct sigaction sa;

	sigaction(SIGUSR1, NULL, &sa);
	if (sa.sa_handler != SIG_DFL)
		return 1;
	sigaction(SIGUSR2, NULL, &sa);
	return sa.sa_handler == SIG_IGN ? 0 : 2;
}

/* CLONE_CLEAR_SIGHAND: the child's handlers are back to SIG_DFL, an
 * ignored signal stays ignored (as at exec); with CLONE_SIGHAND: EINVAL. */
static void clone3_clear_sighand(struct ktap *t)
{
	struct clone_args a = { .flags = CLONE_CLEAR_SIGHAND, .exit_signal = SIGCHLD };
	int status = -1;
	long pid;

	if (!clone3_offered(t))
		return;
	KTAP_ASSERT_EQ(t, set_handler(SIGUSR1, on_usr1, 0), 0);
	signal(SIGUSR2, SIG_IGN);
	pid = clone3(&a, sizeof(a), child_sees_defaults, NULL);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	a.flags |= CLONE_VM | CLONE_SIGHAND;
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

static int pidfd_word = -1;

/* The child did not get the pidfd: not in its fd table, nor its number in
 * its copy of memory (written after the copy, as Linux). */
static int child_lacks_pidfd(void *arg)
{
	return pidfd_word == -1 && fcntl(*(int *)arg, F_GETFD, 0) == -1 && errno == EBADF ? 0 : 1;
}

/* CLONE_PIDFD: a pidfd on the child at args.pidfd, close-on-exec, that
 * signals it; PARENT_SETTID at another address is fine, at the same one
 * EINVAL; a bad pidfd address EFAULT (no child, no fd left). */
static void clone3_pidfd(struct ktap *t)
{
	int next = dup(0), status = -1, ptid = 0;
	struct clone_args a = { .flags = CLONE_PIDFD | CLONE_PARENT_SETTID, .exit_signal = SIGCHLD,
				.pidfd = (unsigned long)&pidfd_word, .parent_tid = (unsigned long)&ptid };
	long pid;

	close(next);                     /* the fd the pidfd will get */
	if (!clone3_offered(t))
		return;
	pidfd_word = -1;
	pid = clone3(&a, sizeof(a), child_lacks_pidfd, &next);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, pidfd_word, next);
	KTAP_EXPECT_EQ(t, ptid, pid);
	KTAP_EXPECT_EQ(t, fcntl(pidfd_word, F_GETFD, 0), FD_CLOEXEC);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	close(pidfd_word);
	a.parent_tid = a.pidfd;
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);
	a.flags = CLONE_PIDFD;
	a.pidfd = 0xC0000000;
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EFAULT);
	KTAP_EXPECT_EQ(t, waitpid(-1, &status, WNOHANG | __WALL), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, dup(0), next);                   /* no fd was left behind */
	close(next);
}

static int child_reports_pid(void *arg)
{
	return getpid() == *(pid_t *)arg ? 0 : 1;
}

/* set_tid: the child gets exactly the pid asked for (root only), a free
 * one; one in use is EEXIST; out of range EINVAL. */
static void clone3_set_tid(struct ktap *t)
{
	pid_t want = fork(), tid[2];
	struct clone_args a = { .exit_signal = SIGCHLD, .set_tid = (unsigned long)tid,
				.set_tid_size = 1 };
	int status = -1;
	long pid;

	if (want == 0)
		_exit(0);
	KTAP_ASSERT_GT(t, want, 0);
	waitpid(want, &status, 0);       /* its pid is free again */
	if (!clone3_offered(t))
		return;
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "set_tid would pick a pid of the build host");
		return;
	}
	tid[0] = want;
	pid = clone3(&a, sizeof(a), child_reports_pid, &want);
	KTAP_ASSERT_EQ(t, pid, want);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	tid[0] = getpid();
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EEXIST);
	tid[0] = 0;
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);
	tid[0] = 1 << 30;
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);
}

/* ---- errors ---- */

/* The size: below 64 EINVAL, above a page E2BIG, above the kernel's
 * struct fine if the tail is zero and E2BIG if not, EFAULT for a bad
 * struct or tail. */
static void clone3_size_errors(struct ktap *t)
{
	static char big[8192] __attribute__((aligned(8)));
	struct clone_args *a = (struct clone_args *)big;
	char *edge;

	if (!clone3_offered(t))
		return;
	memset(big, 0, sizeof(big));
	a->exit_signal = SIGCHLD;
	KTAP_EXPECT_EQ(t, clone3_errno(a, 0), EINVAL);
	KTAP_EXPECT_EQ(t, clone3_errno(a, CLONE_ARGS_SIZE_VER0 - 1), EINVAL);
	KTAP_EXPECT_EQ(t, clone3_errno(a, 4097), E2BIG);
	KTAP_EXPECT_EQ(t, clone3_errno(a, 4096), 0);        /* zero tail: a child */
	big[4000] = 1;
	KTAP_EXPECT_EQ(t, clone3_errno(a, 4096), E2BIG);
	KTAP_EXPECT_EQ(t, clone3_errno(a, sizeof(*a) + 8), 0);
	big[sizeof(*a)] = 1;
	KTAP_EXPECT_EQ(t, clone3_errno(a, sizeof(*a) + 8), E2BIG);
	KTAP_EXPECT_EQ(t, clone3_errno(NULL, CLONE_ARGS_SIZE_VER0), EFAULT);
	KTAP_EXPECT_EQ(t, clone3_errno((void *)0xC0000000, CLONE_ARGS_SIZE_VER0), EFAULT);
	edge = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KTAP_ASSERT_TRUE(t, edge != MAP_FAILED);
	munmap(edge + 4096, 4096);       /* a struct whose tail runs off the map */
	a = (struct clone_args *)(edge + 4096 - sizeof(*a));
	memset(a, 0, sizeof(*a));
	a->exit_signal = SIGCHLD;
	KTAP_EXPECT_EQ(t, clone3_errno(a, sizeof(*a) + 64), EFAULT);
	KTAP_EXPECT_EQ(t, clone3_errno(a, sizeof(*a)), 0);
	munmap(edge, 4096);
}

/* Each flag, exit signal and stack that clone3 refuses: EINVAL. */
static void clone3_flag_errors(struct ktap *t)
{
	static const unsigned long long bad_flags[] = {
		1ULL << 40, CLONE_INTO_CGROUP, CLONE_DETACHED, SIGCHLD, CLONE_NEWTIME,
		CLONE_NEWNS, CLONE_VM | CLONE_THREAD, CLONE_SIGHAND,
		CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_PIDFD,
	};
	struct clone_args a;

	if (!clone3_offered(t))
		return;
	for (unsigned i = 0; i < sizeof(bad_flags) / sizeof(bad_flags[0]); i++) {
		a = (struct clone_args){ .flags = bad_flags[i] };
		KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);
	}
	a = (struct clone_args){ .exit_signal = 65 };                /* past _NSIG */
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);
	a.exit_signal = SIGCHLD | (1ULL << 32);
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);
	a = (struct clone_args){ .flags = THREAD_FLAGS, .exit_signal = SIGCHLD };
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);     /* a thread's */
	a = (struct clone_args){ .flags = CLONE_PARENT, .exit_signal = SIGCHLD };
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);
	a = (struct clone_args){ .exit_signal = SIGCHLD, .stack = (unsigned long)child_stack };
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);     /* no size */
	a = (struct clone_args){ .exit_signal = SIGCHLD, .stack_size = 4096 };
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);     /* no stack */
	a = (struct clone_args){ .exit_signal = SIGCHLD, .stack = 0xBFFFF000, .stack_size = 0x2000 };
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);     /* past user space */
}

/* set_tid and set_tid_size: both or neither, at most 32, one level (no
 * pid namespaces: 2 is EINVAL), a readable array (EFAULT). */
static void clone3_set_tid_errors(struct ktap *t)
{
	pid_t tid[2] = { 0, 0 };
	struct clone_args a = { .exit_signal = SIGCHLD, .set_tid = (unsigned long)tid };

	if (!clone3_offered(t))
		return;
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);     /* size 0 */
	a.set_tid = 0;
	a.set_tid_size = 1;
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);     /* no array */
	a.set_tid = (unsigned long)tid;
	a.set_tid_size = 33;
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);
	a.set_tid = 0xC0000000;
	a.set_tid_size = 1;
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EFAULT);
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "a second pid level depends on the host's pid namespace");
		return;
	}
	a.set_tid = (unsigned long)tid;
	a.set_tid_size = 2;
	tid[0] = tid[1] = 400;
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), EINVAL);
}

static int set_tid_as_user(void)
{
	pid_t tid[1] = { 0 };
	struct clone_args a = { .exit_signal = SIGCHLD, .set_tid = (unsigned long)tid,
				.set_tid_size = 1 };
	pid_t spare = fork();
	int status;

	if (spare == 0)
		_exit(0);
	waitpid(spare, &status, 0);
	tid[0] = spare;                  /* free, in range: only the privilege lacks */
	if (setgid(70000) || setuid(70000))
		return 10;
	return clone3_errno(&a, sizeof(a));
}

/* set_tid needs privilege (Linux: CAP_CHECKPOINT_RESTORE): EPERM for a
 * user. */
static void clone3_set_tid_eperm(struct ktap *t)
{
	int status;

	if (!clone3_offered(t) || ktap_skip_without_uid_switch(t))
		return;
	status = ktap_run_child(set_tid_as_user);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), EPERM);
}

/* ---- the per-process system call counts ---- */

#define COUNTS "/sys/kernel/debug/syscall_counts"

/* Our calls and ENOSYS answers of nr, from COUNTS' line "nr name calls
 * enosys" (none: never called, both 0); false if it cannot be read. */
static bool read_count(int nr, unsigned *calls, unsigned *enosys)
{
	static char buf[16384];
	int fd = open(COUNTS, O_RDONLY), len = 0, n;
	char *line, *end;

	*calls = *enosys = 0;
	if (fd < 0)
		return false;
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	for (line = buf; *line; line = strchr(line, '\n') + 1) {
		if (strtol(line, &end, 10) == nr) {
			end = strchr(end + 1, ' ');              /* past the name */
			*calls = strtol(end, &end, 10);
			*enosys = strtol(end, NULL, 10);
			return true;
		}
	}
	return true;
}

/* Each clone3 is counted once for us, each -ENOSYS answer too: three
 * clone3 calls (one of them failing with EINVAL) add three calls and no
 * ENOSYS; break (17), which no Linux has, adds one call and one ENOSYS. */
static void syscall_counts_per_number(struct ktap *t)
{
	struct clone_args a = { .exit_signal = SIGCHLD };
	unsigned c0, e0, c1, e1;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, COUNTS " is Tasklab's debug file");
		return;
	}
	KTAP_ASSERT_TRUE(t, read_count(__NR_clone3, &c0, &e0));
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), 0);
	KTAP_EXPECT_EQ(t, clone3_errno(&a, sizeof(a)), 0);
	KTAP_EXPECT_EQ(t, clone3_errno(&a, 1), EINVAL);
	KTAP_ASSERT_TRUE(t, read_count(__NR_clone3, &c1, &e1));
	KTAP_EXPECT_EQ(t, c1 - c0, 3);
	KTAP_EXPECT_EQ(t, e1 - e0, 0);
	KTAP_ASSERT_TRUE(t, read_count(17, &c0, &e0));
	KTAP_EXPECT_EQ(t, syscall(17, 0, 0, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ENOSYS);
	KTAP_ASSERT_TRUE(t, read_count(17, &c1, &e1));
	KTAP_EXPECT_EQ(t, c1 - c0, 1);
	KTAP_EXPECT_EQ(t, e1 - e0, 1);
}

/* Read in 7-byte pieces, the text is still whole lines in number order:
 * the file shows the counts as of its first read, although each read is
 * itself a call that changes them. */
static void syscall_counts_read_in_pieces(struct ktap *t)
{
	static char buf[16384];
	int fd, len = 0, n, last = -1, lines = 0;
	char *line, *end;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, COUNTS " is Tasklab's debug file");
		return;
	}
	fd = open(COUNTS, O_RDONLY);
	KTAP_ASSERT_GE(t, fd, 0);
	while ((n = read(fd, buf + len, 7)) > 0 && len < (int)sizeof(buf) - 8)
		len += n;
	close(fd);
	buf[len] = '\0';
	KTAP_ASSERT_GT(t, len, 0);
	KTAP_EXPECT_EQ(t, buf[len - 1], '\n');
	for (line = buf; *line; line = strchr(line, '\n') + 1, lines++) {
		int nr = strtol(line, &end, 10);

		KTAP_EXPECT_GT(t, nr, last);                 /* whole lines, in order */
		KTAP_EXPECT_EQ(t, *end, ' ');
		last = nr;
	}
	KTAP_EXPECT_GE(t, lines, 4);                     /* open, read, close, ... */
}

static const struct ktap_case cases[] = {
	KTAP_CASE(clone3_fork_like),
	KTAP_CASE(clone3_thread_stack_tls),
	KTAP_CASE(clone3_exit_signal),
	KTAP_CASE(clone3_vfork),
	KTAP_CASE(clone3_clear_sighand),
	KTAP_CASE(clone3_pidfd),
	KTAP_CASE(clone3_set_tid),
	KTAP_CASE(clone3_size_errors),
	KTAP_CASE(clone3_flag_errors),
	KTAP_CASE(clone3_set_tid_errors),
	KTAP_CASE(clone3_set_tid_eperm),
	KTAP_CASE(syscall_counts_per_number),
	KTAP_CASE(syscall_counts_read_in_pieces),
	{}
};

int main(void)
{
	return ktap_run_suite("clone3", cases);
}
