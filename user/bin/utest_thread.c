/* user/bin/utest_thread.c: KTAP self-tests of threads as a program sees
 * them: clone with a thread library's flags (c01, c11, c13), each of
 * CLONE_FILES / FS / SIGHAND / VM shared versus copied (c04), the ids after
 * fork, clone, setpgid and setsid (c07), clone's flag errors, and a page
 * one thread munmaps while another reads it (c32: no stale read). Threads
 * are made the way a thread library makes them (include/utest.h). The
 * other thread programs: utest_thread_tid (TLS and the tid words),
 * utest_thread_exit (exit, exit_group, wait4, execve from a thread) and
 * utest_thread_futex (futex and a futex mutex stress).
 *
 * Each runs on Tasklab and under qemu-i386 against Linux. qemu-user offers
 * clone only as a fork (SIGCHLD, no sharing flags) or as a full thread
 * (VM, FS, FILES, SIGHAND, THREAD, SYSVSEM), ignores bad TLS and
 * PARENT_SETTID pointers and cannot exec an i386 program: those checks
 * run on Tasklab only and say so. */
#include <errno.h>
#include <fcntl.h>
#include <futex.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* ---- c01: threads and the process ---- */

struct ids { int pid, tid, ppid, pgrp, sid; };

static void read_ids(struct ids *i)
{
	i->pid = __syscall0(__NR_getpid);
	i->tid = __syscall0(__NR_gettid);
	i->ppid = __syscall0(__NR_getppid);
	i->pgrp = __syscall0(__NR_getpgrp);
	i->sid = __syscall1(__NR_getsid, 0);
}

static int thread_reads_ids(void *arg)
{
	read_ids(arg);
	return 0;
}

static void claim_c01_threads_share_pid_distinct_tid(struct ktap *t)
{
	struct thread th;
	struct ids me, it;
	int tid;

	read_ids(&me);
	KTAP_EXPECT_EQ(t, me.tid, me.pid);            /* the leader's tid is the tgid */
	tid = thread_start(&th, thread_reads_ids, &it, 0);
	KTAP_ASSERT_GT(t, tid, 0);
	thread_join(&th);
	KTAP_EXPECT_EQ(t, it.pid, me.pid);            /* same process */
	KTAP_EXPECT_EQ(t, it.tid, tid);               /* its own tid, as clone said */
	KTAP_EXPECT_NE(t, it.tid, me.tid);
	KTAP_EXPECT_EQ(t, it.ppid, me.ppid);          /* the group's parent */
}

/* ---- c04: shared or copied, one flag at a time ---- */

static int child_dups_stdout(void *arg) { return __syscall1(__NR_dup, 1); }
static int child_closes(void *arg) { return __syscall1(__NR_close, *(int *)arg) ? 1 : 0; }

static void claim_c04_clone_files_shared_vs_copied(struct ktap *t)
{
	int fd;

	if (!partial_flags_offered(t))
		return;
	fd = clone_wait(child_dups_stdout, NULL, CLONE_FILES);
	KTAP_ASSERT_GT(t, fd, 2);
	KTAP_EXPECT_GE(t, fcntl(fd, F_GETFD, 0), 0);  /* the child's fd is ours */
	KTAP_EXPECT_EQ(t, close(fd), 0);
	fd = clone_wait(child_dups_stdout, NULL, 0);
	KTAP_ASSERT_GT(t, fd, 2);
	KTAP_EXPECT_EQ(t, fcntl(fd, F_GETFD, 0), -1); /* it was the child's copy only */
	KTAP_EXPECT_EQ(t, errno, EBADF);
	fd = dup(1);                                  /* and the other way round */
	KTAP_ASSERT_GT(t, fd, 2);
	KTAP_EXPECT_EQ(t, clone_wait(child_closes, &fd, 0), 0);
	KTAP_EXPECT_GE(t, fcntl(fd, F_GETFD, 0), 0);
	KTAP_EXPECT_EQ(t, clone_wait(child_closes, &fd, CLONE_FILES), 0);
	KTAP_EXPECT_EQ(t, fcntl(fd, F_GETFD, 0), -1);
}

static int child_chdirs(void *arg) { return __syscall1(__NR_chdir, (long)"/tmp") ? 1 : 0; }

static void claim_c04_clone_fs_shared_vs_copied(struct ktap *t)
{
	char cwd[64];

	if (!partial_flags_offered(t))
		return;
	KTAP_ASSERT_EQ(t, chdir("/"), 0);
	KTAP_EXPECT_EQ(t, clone_wait(child_chdirs, NULL, 0), 0);
	KTAP_ASSERT_TRUE(t, getcwd(cwd, sizeof(cwd)) != NULL);
	KTAP_EXPECT_STREQ(t, cwd, "/");               /* the child changed its copy */
	KTAP_EXPECT_EQ(t, clone_wait(child_chdirs, NULL, CLONE_FS), 0);
	KTAP_ASSERT_TRUE(t, getcwd(cwd, sizeof(cwd)) != NULL);
	KTAP_EXPECT_STREQ(t, cwd, "/tmp");            /* ... or ours */
	KTAP_EXPECT_EQ(t, chdir("/"), 0);
}

/* Linux's struct sigaction for rt_sigaction. */
struct k_sigaction { unsigned long handler, flags, restorer; unsigned int mask[2]; };
#define K_SIG_DFL 0UL
#define K_SIG_IGN 1UL

static int child_ignores_usr1(void *arg)
{
	struct k_sigaction act = { K_SIG_IGN, 0, 0, { 0, 0 } };

	return __syscall4(__NR_rt_sigaction, SIGUSR1, &act, 0, 8) ? 1 : 0;
}

static unsigned long usr1_handler(void)
{
	struct k_sigaction old;

	if (syscall(__NR_rt_sigaction, SIGUSR1, 0, (long)&old, 8, 0, 0))
		return ~0UL;
	return old.handler;
}

static void restore_usr1(void)
{
	struct k_sigaction act = { K_SIG_DFL, 0, 0, { 0, 0 } };

	syscall(__NR_rt_sigaction, SIGUSR1, (long)&act, 0, 8, 0, 0);
}

/* CLONE_SIGHAND needs CLONE_VM: both runs share the address space, only
 * the handler table differs (the kernel test
 * threads.claim_c04_clone_sighand_* compares the table pointers). */
static void claim_c04_clone_sighand_shared_vs_copied(struct ktap *t)
{
	if (!partial_flags_offered(t))
		return;
	KTAP_ASSERT_EQ(t, usr1_handler(), K_SIG_DFL);
	KTAP_EXPECT_EQ(t, clone_wait(child_ignores_usr1, NULL, CLONE_VM), 0);
	KTAP_EXPECT_EQ(t, usr1_handler(), K_SIG_DFL);  /* the child's own table */
	KTAP_EXPECT_EQ(t, clone_wait(child_ignores_usr1, NULL, CLONE_VM | CLONE_SIGHAND), 0);
	KTAP_EXPECT_EQ(t, usr1_handler(), K_SIG_IGN);  /* the shared table */
	restore_usr1();
}

static int shared_word;

static int child_writes_word(void *arg)
{
	shared_word = *(int *)arg;
	return 0;
}

static void claim_c04_clone_vm_shared_vs_copied(struct ktap *t)
{
	int a = 111, b = 222;

	if (!partial_flags_offered(t))
		return;
	shared_word = 0;
	KTAP_EXPECT_EQ(t, clone_wait(child_writes_word, &a, 0), 0);
	KTAP_EXPECT_EQ(t, shared_word, 0);            /* its copy of the page */
	KTAP_EXPECT_EQ(t, clone_wait(child_writes_word, &b, CLONE_VM), 0);
	KTAP_EXPECT_EQ(t, shared_word, 222);          /* our page */
}

/* ---- c07: the ids after fork, clone, setpgid and setsid ---- */

/* In a forked child: which id rules hold, one bit each (0: all). */
static int child_checks_ids(const struct ids *parent)
{
	struct ids me, it;
	struct thread th;
	int bad = 0;

	read_ids(&me);
	bad |= (me.pid == parent->pid || me.tid != me.pid) << 0;
	bad |= (me.ppid != parent->pid) << 1;
	bad |= (me.pgrp != parent->pgrp || me.sid != parent->sid) << 2;
	bad |= (setpgid(0, 0) != 0 || getpgrp() != me.pid) << 3;      /* own group */
	bad |= (setsid() != -1 || errno != EPERM) << 4;               /* a group leader */
	it.pgrp = -1;
	if (thread_start(&th, thread_reads_ids, &it, 0) > 0)
		thread_join(&th);
	bad |= (it.pgrp != me.pid) << 6;             /* the process's group, for threads too */
	if (fork() == 0) {
		pid_t sid = setsid();                                   /* a new session */

		_exit(sid == getpid() && getsid(0) == sid && getpgrp() == sid ? 0 : 1);
	}
	bad |= (wait(&me.tid) < 0 || me.tid != 0) << 5;
	return bad;
}

static void claim_c07_ids_after_fork_clone_setpgid_setsid(struct ktap *t)
{
	struct thread th;
	struct ids me, it;
	int status;
	pid_t pid;

	read_ids(&me);
	KTAP_ASSERT_GT(t, thread_start(&th, thread_reads_ids, &it, 0), 0);
	thread_join(&th);
	KTAP_EXPECT_EQ(t, it.pid, me.pid);            /* a thread: same tgid, */
	KTAP_EXPECT_NE(t, it.tid, me.tid);            /* its own tid, */
	KTAP_EXPECT_EQ(t, it.pgrp, me.pgrp);          /* the process's group */
	KTAP_EXPECT_EQ(t, it.sid, me.sid);            /* and session */
	pid = fork();
	if (pid == 0)
		_exit(child_checks_ids(&me));
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);                 /* every rule held (bits: see above) */
}

/* ---- c11, c13: stacks of their own, one heap ---- */

struct stack_report {
	int *heap;                       /* a malloc'd object shared by all */
	char *stack_lo, *stack_hi;       /* the thread's mmap'd stack */
	int in_own_stack;
	void *local;
};

static int thread_touches_heap(void *arg)
{
	struct stack_report *r = arg;
	int local = 0;

	r->local = &local;
	r->in_own_stack = (char *)&local >= r->stack_lo && (char *)&local < r->stack_hi;
	__atomic_add_fetch(r->heap, 1, __ATOMIC_SEQ_CST);
	return 0;
}

static void claim_c11_shared_heap_distinct_stacks(struct ktap *t)
{
	struct thread th[2];
	struct stack_report r[2];
	int *heap = malloc(sizeof(int)), main_local;

	KTAP_ASSERT_TRUE(t, heap != NULL);
	*heap = 40;
	for (int i = 0; i < 2; i++) {
		r[i].heap = heap;
		r[i].stack_lo = r[i].stack_hi = NULL;   /* c13's case checks the bounds */
		KTAP_ASSERT_GT(t, thread_start(&th[i], thread_touches_heap, &r[i], 0), 0);
	}
	for (int i = 0; i < 2; i++) {
		thread_join(&th[i]);
	}
	KTAP_EXPECT_EQ(t, *heap, 42);                 /* both wrote our heap object */
	KTAP_EXPECT_NE(t, (long)r[0].local, (long)r[1].local);
	KTAP_EXPECT_NE(t, (long)r[0].local, (long)&main_local);
	free(heap);
}

static int thread_checks_stack(void *arg)
{
	struct stack_report *r = arg;
	int local;

	r->in_own_stack = (char *)&local >= r->stack_lo && (char *)&local < r->stack_hi;
	return 0;
}

static void claim_c13_thread_on_mmap_stack(struct ktap *t)
{
	struct stack_report r;
	struct thread th;
	int tid;

	KTAP_ASSERT_TRUE(t, map_stack(&th) != NULL);
	r.stack_lo = th.stack;
	r.stack_hi = th.stack + THREAD_STACK_SIZE;
	r.in_own_stack = -1;
	tid = clone(thread_checks_stack, r.stack_hi, THREAD_FLAGS, &r, (pid_t *)&th.tid,
		    NULL, (pid_t *)&th.tid);
	KTAP_ASSERT_GT(t, tid, 0);
	thread_join(&th);
	KTAP_EXPECT_EQ(t, r.in_own_stack, 1);        /* its frames are in the mapping */
}

/* The c11 report's stack bounds, filled in once the stack exists. */
static void claim_c11_locals_on_own_stacks(struct ktap *t)
{
	struct thread th;
	struct stack_report r;
	int heap = 0;

	KTAP_ASSERT_TRUE(t, map_stack(&th) != NULL);
	r.heap = &heap;
	r.stack_lo = th.stack;
	r.stack_hi = th.stack + THREAD_STACK_SIZE;
	KTAP_ASSERT_GT(t, clone(thread_touches_heap, r.stack_hi, THREAD_FLAGS, &r,
				(pid_t *)&th.tid, NULL, (pid_t *)&th.tid), 0);
	thread_join(&th);
	KTAP_EXPECT_EQ(t, r.in_own_stack, 1);
	KTAP_EXPECT_EQ(t, heap, 1);                   /* our stack variable, written by it */
}

/* ---- clone's errors ---- */

static void clone_invalid_flags_einval(struct ktap *t)
{
	static const int bad[] = {
		CLONE_VM | CLONE_THREAD,                   /* THREAD without SIGHAND */
		CLONE_SIGHAND | SIGCHLD,                   /* SIGHAND without VM */
		CLONE_VM | CLONE_FS | CLONE_SIGHAND | CLONE_THREAD | 0x20000, /* NEWNS with FS */
		CLONE_NEWNS | CLONE_FS | SIGCHLD,
	};
	static const int no_ns[] = {                       /* no namespaces */
		0x00020000, 0x02000000, 0x04000000, 0x08000000,
		0x10000000, 0x20000000, 0x40000000,
	};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		KTAP_EXPECT_EQ(t, clone_errno(bad[i], NULL, NULL, NULL), EINVAL);
	}
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "namespace flags depend on the host's privileges");
		return;
	}
	for (unsigned i = 0; i < sizeof(no_ns) / sizeof(no_ns[0]); i++)
		KTAP_EXPECT_EQ(t, clone_errno(no_ns[i] | SIGCHLD, NULL, NULL, NULL), EINVAL);
}

/* The exit signal is clone's low byte, unchecked as in Linux: one past
 * _NSIG (65, 255) makes a child that is never signalled for, a "clone"
 * child wait4 finds only with __WCLONE. */
static void clone_exit_signal_past_nsig_accepted(struct ktap *t)
{
	static const int sigs[] = { 65, 0xff };

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 refuses a fork-like clone whose exit signal is not SIGCHLD");
		return;
	}
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		int status = -1;
		pid_t pid = clone(child_returns_0, CHILD_STACK_TOP, sigs[i],
				  NULL, NULL, NULL, NULL);

		KTAP_ASSERT_GT(t, pid, 0);
		KTAP_EXPECT_EQ(t, waitpid(pid, &status, WNOHANG), -1);
		KTAP_EXPECT_EQ(t, errno, ECHILD);             /* not a SIGCHLD child */
		KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WCLONE), pid);
		KTAP_EXPECT_TRUE(t, WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
}

/* ---- c32: munmap by one thread, a read in a loop by another ---- */

/* Shared with the parent (MAP_SHARED): what the reader saw. */
struct shoot {
	volatile int stage;            /* 1: the page is read; 2: munmap returned */
	volatile int reads;            /* reads of the page that succeeded */
	volatile int stale;            /* reads that succeeded after stage 2 */
	int pin_reader, pin_unmapper;  /* sched_setaffinity's answers (0 or -errno) */
};

static struct shoot *shoot;
static volatile int *shoot_page;

static int pin_to(int cpu)
{
	unsigned long mask = 1UL << cpu;

	return sched_setaffinity(0, sizeof(mask), &mask) ? -errno : 0;
}

/* Thread B: once A is reading, unmap the page, then say so. */
static int unmapper(void *arg)
{
	(void)arg;
	shoot->pin_unmapper = pin_to(1);
	while (shoot->reads < 1000)
		;
	munmap((void *)shoot_page, 4096);
	shoot->stage = 2;
	for (;;)                       /* A's fault ends the process */
		;
	return 0;
}

/* The child process: A (this thread) reads in a loop until it faults. */
static void reader(void)
{
	struct thread th;

	shoot->pin_reader = pin_to(0);
	shoot_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (shoot_page == MAP_FAILED || thread_start(&th, unmapper, NULL, 0) <= 0)
		_exit(2);
	*shoot_page = 42;
	for (;;) {
		int stage = shoot->stage;
		int v = *shoot_page;             /* faults once munmap returned */

		if (v != 42)
			_exit(3);
		shoot->reads++;
		if (stage == 2 && ++shoot->stale == 1000)
			_exit(4);                /* a stale TLB entry: not forever */
	}
}

/* Thread A on CPU 0 reads a page in a loop, thread B (on CPU 1 when the
 * kernel lets it run there) munmaps it: after munmap has returned, A's
 * next read faults (SIGSEGV ends the process), never reads the old page.
 * On several CPUs that is the TLB shootdown's work (A's CPU holds the
 * translation in its TLB); the CPUs the threads were pinned to are logged. */
static void claim_c32_munmap_then_read_faults_never_stale(struct ktap *t)
{
	int status;
	pid_t pid;

	shoot = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	KTAP_ASSERT_TRUE(t, shoot != MAP_FAILED);
	memset(shoot, 0, sizeof(*shoot));
	pid = fork();
	if (pid == 0)
		reader();
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	KTAP_EXPECT_GE(t, shoot->reads, 1000);
	/* stage 2 is not required: on CPUs running at once A may fault as
	 * soon as the PTE is gone, before B's munmap returns, and its SIGSEGV
	 * ends B before B stores it; a read after it is what must not be */
	KTAP_EXPECT_EQ(t, shoot->stale, 0);
	KTAP_EXPECT_EQ(t, shoot->pin_reader, 0);
	ktap_log(t, "reader pinned to CPU 0: %d, unmapper to CPU 1: %d (0 yes, -errno no), %d reads",
		 shoot->pin_reader, shoot->pin_unmapper, shoot->reads);
	munmap(shoot, 4096);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(claim_c01_threads_share_pid_distinct_tid),
	KTAP_CASE(claim_c04_clone_files_shared_vs_copied),
	KTAP_CASE(claim_c04_clone_fs_shared_vs_copied),
	KTAP_CASE(claim_c04_clone_sighand_shared_vs_copied),
	KTAP_CASE(claim_c04_clone_vm_shared_vs_copied),
	KTAP_CASE(claim_c07_ids_after_fork_clone_setpgid_setsid),
	KTAP_CASE(claim_c11_shared_heap_distinct_stacks),
	KTAP_CASE(claim_c11_locals_on_own_stacks),
	KTAP_CASE(claim_c13_thread_on_mmap_stack),
	KTAP_CASE(clone_invalid_flags_einval),
	KTAP_CASE(clone_exit_signal_past_nsig_accepted),
	KTAP_CASE(claim_c32_munmap_then_read_faults_never_stale),
	{}
};

int main(void)
{
	return ktap_run_suite("thread", cases);
}
