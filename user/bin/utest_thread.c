/* user/bin/utest_thread.c: KTAP self-tests of threads as a program sees
 * them: clone with a thread library's flags (c01, c11, c13), each of
 * CLONE_FILES / FS / SIGHAND / VM shared versus copied (c04), the ids after
 * fork, clone, setpgid and setsid (c07), clone's errors, the tid words
 * (PARENT_SETTID, CHILD_SETTID, CHILD_CLEARTID, set_tid_address), exit
 * versus exit_group, a leader that exits before its threads, execve from a
 * thread (de_thread), wait4 by process group, futex and a futex mutex
 * stress. Threads are made the way a thread library makes them: a raw
 * clone on an mmap'd stack, joined by sleeping on the tid word the kernel
 * zeroes at exit.
 *
 * It also runs under qemu-i386 against Linux. qemu-user offers clone only
 * as a fork (SIGCHLD, no sharing flags) or as a full thread (VM, FS, FILES,
 * SIGHAND, THREAD, SYSVSEM), ignores bad TLS and PARENT_SETTID pointers
 * and cannot exec an i386 program: those checks run on Tasklab only and
 * say so. errno is one global here, so threads use raw system calls. */
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
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define STACK_SIZE   (32 * 1024)
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
#define EXEC_OK      42

struct thread {
	char *stack;                     /* mmap'd (c13) */
	volatile int tid;                /* PARENT_SETTID sets it, CLEARTID zeroes it */
};

/* A thread's stack, as a thread library makes it (c13); NULL if mmap
 * failed. The tid word starts at -1 (no thread yet). */
static char *map_stack(struct thread *th)
{
	th->stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	th->tid = -1;
	return th->stack == MAP_FAILED ? NULL : th->stack;
}

/* Start fn(arg) as a thread of ours; its tid, or -1 with errno. */
static int thread_start(struct thread *th, int (*fn)(void *), void *arg, int extra_flags)
{
	int r;

	if (!map_stack(th))
		return -1;
	r = clone(fn, th->stack + STACK_SIZE, THREAD_FLAGS | extra_flags, arg,
		  (pid_t *)&th->tid, NULL, (pid_t *)&th->tid);
	if (r < 0)
		munmap(th->stack, STACK_SIZE);
	return r;
}

/* Sleep until *word is 0 (pthread_join's way: the kernel zeroes the word
 * and wakes it when the thread exits). */
static void wait_word_zero(volatile int *word)
{
	int v;

	while ((v = *word) != 0)
		__syscall6(__NR_futex, (long)word, FUTEX_WAIT, v, 0, 0, 0);
}

static void thread_join(struct thread *th)
{
	wait_word_zero(&th->tid);
	munmap(th->stack, STACK_SIZE);
}

static void raw_exit(int code)
{
	for (;;)
		__syscall1(__NR_exit, code);
}

/* A word nobody wakes: sleep on it until killed. */
static void sleep_forever(void)
{
	static int never;

	for (;;)
		__syscall6(__NR_futex, (long)&never, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
}

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

static char child_stack[16384] __attribute__((aligned(16)));

/* clone(flags) a child running fn(arg) on a stack of its own, wait for it:
 * its exit code, or -1. */
static int clone_wait(int (*fn)(void *), void *arg, int flags)
{
	char *stack = child_stack + sizeof(child_stack);
	int status;
	pid_t pid = clone(fn, stack, flags | SIGCHLD, arg, NULL, NULL, NULL);

	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static bool partial_flags_offered(struct ktap *t)
{
	if (ktap_on_tasklab())
		return true;
	ktap_skip(t, "qemu-i386 offers clone only as a fork or a full thread");
	return false;
}

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
	r.stack_hi = th.stack + STACK_SIZE;
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
	r.stack_hi = th.stack + STACK_SIZE;
	KTAP_ASSERT_GT(t, clone(thread_touches_heap, r.stack_hi, THREAD_FLAGS, &r,
				(pid_t *)&th.tid, NULL, (pid_t *)&th.tid), 0);
	thread_join(&th);
	KTAP_EXPECT_EQ(t, r.in_own_stack, 1);
	KTAP_EXPECT_EQ(t, heap, 1);                   /* our stack variable, written by it */
}

/* ---- clone's errors ---- */

static int child_returns_0(void *arg) { return 0; }

/* clone that must fail: its errno (a child that was made anyway is
 * reaped or joined first, so nothing is left behind). */
static int clone_errno(int flags, pid_t *ptid, void *tls, pid_t *ctid)
{
	int status, r;

	r = clone(child_returns_0, child_stack + sizeof(child_stack), flags, NULL, ptid, tls, ctid);
	if (r < 0)
		return errno;
	if (!(flags & CLONE_THREAD))     /* a thread made anyway ends by itself */
		waitpid(r, &status, __WALL);
	return 0;
}

static void clone_invalid_flags_einval(struct ktap *t)
{
	static const int bad[] = {
		CLONE_VM | CLONE_THREAD,                   /* THREAD without SIGHAND */
		CLONE_SIGHAND | SIGCHLD,                   /* SIGHAND without VM */
		CLONE_VM | CLONE_FS | CLONE_SIGHAND | CLONE_THREAD | 0x20000, /* NEWNS with FS */
		CLONE_NEWNS | CLONE_FS | SIGCHLD,
	};
	static const int no_ns[] = {                       /* no namespaces, no pidfds */
		0x00020000, 0x02000000, 0x04000000, 0x08000000,
		0x10000000, 0x20000000, 0x40000000, 0x00001000,
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
		pid_t pid = clone(child_returns_0, child_stack + sizeof(child_stack), sigs[i],
				  NULL, NULL, NULL, NULL);

		KTAP_ASSERT_GT(t, pid, 0);
		KTAP_EXPECT_EQ(t, waitpid(pid, &status, WNOHANG), -1);
		KTAP_EXPECT_EQ(t, errno, ECHILD);             /* not a SIGCHLD child */
		KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WCLONE), pid);
		KTAP_EXPECT_TRUE(t, WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
}

/* Linux's struct user_desc. */
struct user_desc {
	unsigned int entry_number, base_addr, limit;
	unsigned int seg_32bit:1, contents:2, read_exec_only:1, limit_in_pages:1,
		     seg_not_present:1, useable:1;
};

static void tls_desc(struct user_desc *u, int entry, void *base)
{
	memset(u, 0, sizeof(*u));
	u->entry_number = entry;
	u->base_addr = (unsigned int)base;
	u->limit = 0xfffff;
	u->seg_32bit = 1;
	u->limit_in_pages = 1;
	u->useable = 1;
}

static void clone_bad_pointers_efault(struct ktap *t)
{
	struct user_desc u;
	pid_t tid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 ignores bad TLS and PARENT_SETTID pointers");
		return;
	}
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS | CLONE_SETTLS, &tid, NULL, &tid), EFAULT);
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS | CLONE_SETTLS, &tid, (void *)0xC0000000, &tid), EFAULT);
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS, NULL, NULL, &tid), EFAULT);
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS, (pid_t *)0xC0001000, NULL, &tid), EFAULT);
	KTAP_EXPECT_EQ(t, clone_errno(CLONE_PARENT_SETTID | SIGCHLD, NULL, NULL, NULL), EFAULT);
	tls_desc(&u, 3, &u);                          /* not a TLS slot */
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS | CLONE_SETTLS, &tid, &u, &tid), EINVAL);
	tls_desc(&u, -1, &u);                         /* clone may not pick a slot */
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS | CLONE_SETTLS, &tid, &u, &tid), EINVAL);
}

/* ---- the thread library's words ---- */

static unsigned int tls_word = 0x7157eadu;
static volatile unsigned int read_through_gs;

static int thread_reads_gs(void *arg)
{
	unsigned int sel = *(unsigned int *)arg * 8 + 3, v;

	__asm__ __volatile__("movw %w1, %%gs\n\tmovl %%gs:0, %0" : "=r"(v) : "r"(sel));
	read_through_gs = v;
	__asm__ __volatile__("movw %w0, %%gs" :: "r"(0));
	return 0;
}

/* CLONE_SETTLS: the thread starts with its own descriptor in the slot. */
static void clone_settls_gives_thread_its_segment(struct ktap *t)
{
	struct user_desc u;
	struct thread th;
	unsigned int entry;

	tls_desc(&u, -1, &u);
	KTAP_ASSERT_EQ(t, syscall(__NR_set_thread_area, (long)&u, 0, 0, 0, 0, 0), 0);
	entry = u.entry_number;                       /* a free slot, ours now */
	tls_desc(&u, entry, &tls_word);
	read_through_gs = 0;
	KTAP_ASSERT_TRUE(t, map_stack(&th) != NULL);
	KTAP_ASSERT_GT(t, clone(thread_reads_gs, th.stack + STACK_SIZE, THREAD_FLAGS | CLONE_SETTLS,
				&entry, (pid_t *)&th.tid, &u, (pid_t *)&th.tid), 0);
	thread_join(&th);
	KTAP_EXPECT_EQ(t, read_through_gs, tls_word);
	tls_desc(&u, entry, NULL);                    /* give the slot back: empty */
	u.limit = 0;
	u.seg_32bit = u.limit_in_pages = u.useable = 0;
	u.read_exec_only = u.seg_not_present = 1;
	syscall(__NR_set_thread_area, (long)&u, 0, 0, 0, 0, 0);
}

static volatile int settid_seen, set_tid_ret, other_word;

static int thread_reads_ctid(void *arg)
{
	settid_seen = *(volatile int *)arg;
	return 0;
}

/* CHILD_SETTID: the word holds the tid before the thread's first
 * instruction; CHILD_CLEARTID zeroes it at exit. */
static void clone_child_settid_and_cleartid(struct ktap *t)
{
	struct thread th;
	int tid;

	KTAP_ASSERT_TRUE(t, map_stack(&th) != NULL);
	settid_seen = 0;
	tid = clone(thread_reads_ctid, th.stack + STACK_SIZE,
		    (THREAD_FLAGS & ~CLONE_PARENT_SETTID) | CLONE_CHILD_SETTID, (void *)&th.tid,
		    NULL, NULL, (pid_t *)&th.tid);
	KTAP_ASSERT_GT(t, tid, 0);
	while (settid_seen == 0)
		sched_yield();
	thread_join(&th);
	KTAP_EXPECT_EQ(t, settid_seen, tid);
	KTAP_EXPECT_EQ(t, th.tid, 0);
}

static int thread_moves_tid_word(void *arg)
{
	set_tid_ret = __syscall1(__NR_set_tid_address, (long)&other_word);
	other_word = __syscall0(__NR_gettid);
	return 0;
}

/* set_tid_address returns the tid and moves the word exit clears: the
 * clone's word stays, the new one is zeroed and woken. */
static void set_tid_address_moves_cleared_word(struct ktap *t)
{
	struct thread th;
	int tid;

	KTAP_EXPECT_EQ(t, set_tid_address((int *)&other_word), gettid());
	other_word = 1;                               /* until the thread sets it */
	tid = thread_start(&th, thread_moves_tid_word, NULL, 0);
	KTAP_ASSERT_GT(t, tid, 0);
	wait_word_zero(&other_word);                  /* its exit zeroes this one */
	KTAP_EXPECT_EQ(t, set_tid_ret, tid);
	KTAP_EXPECT_EQ(t, th.tid, tid);               /* not the clone's word */
	munmap(th.stack, STACK_SIZE);
	set_tid_address(NULL);
}

/* ---- exit, exit_group and the group's end ---- */

static volatile int started;

static int thread_sleeps(void *arg)
{
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	sleep_forever();
	return 0;
}

static int thread_exit_groups(void *arg)
{
	while (started < 3)
		__syscall0(__NR_sched_yield);
	__syscall1(__NR_exit_group, 9);
	return 0;
}

/* In a child: 3 threads asleep in FUTEX_WAIT; then exit_group(code), from
 * the leader (code 7) or from a fourth thread (code 9). */
static void child_group_exit(bool from_thread)
{
	struct thread th[4];

	started = 0;
	for (int i = 0; i < 3; i++)
		if (thread_start(&th[i], thread_sleeps, NULL, 0) < 0)
			_exit(1);
	if (from_thread) {
		thread_start(&th[3], thread_exit_groups, NULL, 0);
		sleep_forever();
	}
	while (started < 3)
		sched_yield();
	_exit(7);                                     /* exit_group */
}

static void exit_group_ends_every_thread(struct ktap *t)
{
	for (int from_thread = 0; from_thread < 2; from_thread++) {
		int status = -1;
		pid_t pid = fork();

		if (pid == 0)
			child_group_exit(from_thread);
		KTAP_ASSERT_GT(t, pid, 0);
		KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
		KTAP_EXPECT_TRUE(t, WIFEXITED(status));
		KTAP_EXPECT_EQ(t, WEXITSTATUS(status), from_thread ? 9 : 7);
	}
}

static volatile int leader_word;
static int pipe_up[2], pipe_down[2];

/* The leader has gone (its CLEARTID word is zeroed): tell the parent, wait
 * for its go, end. */
static int thread_outlives_leader(void *arg)
{
	char c = 'L';

	wait_word_zero(&leader_word);
	__syscall3(__NR_write, pipe_up[1], (long)&c, 1);
	__syscall3(__NR_read, pipe_down[0], (long)&c, 1);
	raw_exit(5);
	return 0;
}

/* In a child: start a thread running fn, then exit(3) from the leader
 * alone, its CLEARTID word leader_word zeroed when it is gone. */
static void child_leader_exits_first(int (*fn)(void *))
{
	struct thread th;

	leader_word = gettid();
	set_tid_address((int *)&leader_word);
	if (thread_start(&th, fn, NULL, 0) < 0)
		_exit(1);
	raw_exit(3);                                  /* exit: this thread only */
}

/* wait4 does not report a group whose leader exited while a thread runs;
 * it reports the leader's code once the last thread is gone. */
static void wait_reports_group_after_last_thread(struct ktap *t)
{
	int status = -1;
	char c = 0;
	pid_t pid;

	KTAP_ASSERT_EQ(t, pipe(pipe_up), 0);
	KTAP_ASSERT_EQ(t, pipe(pipe_down), 0);
	pid = fork();
	if (pid == 0)
		child_leader_exits_first(thread_outlives_leader);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, read(pipe_up[0], &c, 1), 1);  /* the leader is gone */
	KTAP_EXPECT_EQ(t, c, 'L');
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WNOHANG), 0);   /* but not the group */
	KTAP_EXPECT_EQ(t, write(pipe_down[1], "g", 1), 1);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	if (ktap_on_tasklab())                         /* qemu's leader leaves by pthread_exit */
		KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 3);
	for (int i = 0; i < 2; i++) {
		close(pipe_up[i]);
		close(pipe_down[i]);
	}
}

/* The leader has gone (its CLEARTID word is zeroed): end the group. */
static int thread_exit_groups_after_leader(void *arg)
{
	wait_word_zero(&leader_word);
	__syscall1(__NR_exit_group, 9);
	return 0;
}

/* The leader exit()s with 3, then another thread exit_group()s with 9:
 * wait4 reports the group's code, 9, not the leader's own, as Linux. */
static void wait_reports_group_code_after_leader_exit(struct ktap *t)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		child_leader_exits_first(thread_exit_groups_after_leader);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 9);
}

static int thread_reports_tid(void *arg)
{
	int tid = __syscall0(__NR_gettid);

	__syscall3(__NR_write, pipe_up[1], (long)&tid, sizeof(tid));
	sleep_forever();
	return 0;
}

/* A fatal signal ends the whole group, whichever thread it names, and
 * wakes the threads asleep in FUTEX_WAIT: kill the thread's tid while the
 * leader sleeps on a futex; wait4 sees the process killed by SIGKILL. */
static void kill_of_a_thread_ends_the_group(struct ktap *t)
{
	struct thread th;
	int tid = 0, status = 0;
	pid_t pid;

	KTAP_ASSERT_EQ(t, pipe(pipe_up), 0);
	pid = fork();
	if (pid == 0) {
		if (thread_start(&th, thread_reports_tid, NULL, 0) < 0)
			_exit(1);
		sleep_forever();
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, read(pipe_up[0], &tid, sizeof(tid)), (long)sizeof(tid));
	KTAP_EXPECT_NE(t, tid, pid);
	KTAP_EXPECT_EQ(t, kill(tid, SIGKILL), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGKILL);
	close(pipe_up[0]);
	close(pipe_up[1]);
}

/* glibc's start-up and thread calls that are accepted without doing much:
 * set_robust_list (Linux's size check), clone3 refused with ENOSYS so
 * glibc falls back to clone. Tasklab only: Linux offers clone3, and
 * qemu-i386 refuses set_robust_list. */
static void robust_list_accepted_clone3_enosys(struct ktap *t)
{
	long head[3] = { 0, 0, 0 };

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "Linux has clone3; qemu-i386 refuses set_robust_list");
		return;
	}
	head[0] = (long)head;                         /* an empty list points at itself */
	KTAP_EXPECT_EQ(t, syscall(__NR_set_robust_list, (long)head, 12, 0, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, syscall(__NR_set_robust_list, (long)head, 8, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, syscall(__NR_clone3, 0, 0, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ENOSYS);
}

/* ---- execve from a thread (de_thread) ---- */

static const char *self_path(void)
{
	const char *p = (const char *)getauxval(AT_EXECFN);

	return p ? p : "/bin/utest_thread";
}

static char exec_pid_arg[16];

static int thread_execs(void *arg)
{
	char *argv[] = { "utest_thread", "--exec-check", exec_pid_arg, NULL };

	__syscall3(__NR_execve, (long)self_path(), (long)argv, (long)environ);
	raw_exit(1);
	return 0;
}

static int thread_execs_after_leader(void *arg)
{
	wait_word_zero(&leader_word);                 /* the leader is a zombie now */
	return thread_execs(arg);
}

enum exec_from { EXEC_FROM_THREAD, EXEC_FROM_LEADER, EXEC_AFTER_LEADER_EXIT };

/* In a child: a sleeping thread, then an exec from another thread, from
 * the leader, or from a thread once the leader has exited (a zombie whose
 * place it takes); the program exec'd checks it has the leader's pid. */
static void child_execs(enum exec_from from)
{
	struct thread th[2];

	snprintf(exec_pid_arg, sizeof(exec_pid_arg), "%d", getpid());
	started = 0;
	thread_start(&th[0], thread_sleeps, NULL, 0);
	while (started < 1)
		sched_yield();
	if (from == EXEC_FROM_LEADER)
		thread_execs(NULL);
	if (from == EXEC_AFTER_LEADER_EXIT) {
		leader_word = gettid();
		set_tid_address((int *)&leader_word);
		thread_start(&th[1], thread_execs_after_leader, NULL, 0);
		raw_exit(3);
	}
	thread_start(&th[1], thread_execs, NULL, 0);
	sleep_forever();                              /* killed by the exec */
}

static int child_execs_from_thread(void *arg)
{
	child_execs(EXEC_FROM_THREAD);
	return 1;
}

/* A process made by clone with exit signal 0 is a "clone" child (wait4
 * finds it only with __WCLONE or __WALL); once a thread of it has exec'd,
 * it reports with SIGCHLD, as Linux's de_thread, and a plain wait4 finds
 * it. */
static void exec_from_thread_gives_sigchld(struct ktap *t)
{
	struct timespec ms = { 0, 1000000 };
	pid_t pid = clone(child_execs_from_thread, child_stack + sizeof(child_stack), 0,
			  NULL, NULL, NULL, NULL);
	int status = -1, i;

	KTAP_ASSERT_GT(t, pid, 0);
	for (i = 0; i < 3000 && waitpid(pid, &status, WNOHANG) != pid; i++)
		nanosleep(&ms, NULL);            /* ECHILD until the exec: a clone child */
	if (i == 3000)
		waitpid(pid, &status, __WALL);
	KTAP_EXPECT_LT(t, i, 3000);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), EXEC_OK);
}

static void exec_from_thread_takes_leader_pid(struct ktap *t)
{
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "an i386 program cannot exec another under qemu-i386");
		return;
	}
	for (int from = EXEC_FROM_THREAD; from <= EXEC_AFTER_LEADER_EXIT; from++) {
		int status = -1;
		pid_t pid = fork();

		if (pid == 0)
			child_execs(from);
		KTAP_ASSERT_GT(t, pid, 0);
		KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
		KTAP_EXPECT_TRUE(t, WIFEXITED(status));
		KTAP_EXPECT_EQ(t, WEXITSTATUS(status), EXEC_OK);
	}
	exec_from_thread_gives_sigchld(t);
}

/* ---- wait4 by process group, CLONE_PARENT ---- */

static pid_t fork_exit(int code, bool own_group)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		_exit(code);
	}
	if (pid > 0 && own_group)
		setpgid(pid, pid);                    /* either may run first */
	return pid;
}

static void wait4_by_process_group(struct ktap *t)
{
	pid_t other = fork_exit(11, true), mine = fork_exit(12, false);
	int status;

	KTAP_ASSERT_GT(t, other, 0);
	KTAP_ASSERT_GT(t, mine, 0);
	KTAP_EXPECT_EQ(t, waitpid(0, &status, 0), mine);            /* our group only */
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 12);
	KTAP_EXPECT_EQ(t, waitpid(0, &status, WNOHANG), -1);        /* none left in it */
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitpid(-other, &status, 0), other);       /* group -pid */
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 11);
	KTAP_EXPECT_EQ(t, waitpid(-other, &status, WNOHANG), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
}

/* A child whose exit signal is not SIGCHLD is a "clone" child: plain
 * waitpid does not see it, __WCLONE or __WALL does (Linux's rule). */
static void wait_clone_child_needs_wclone(struct ktap *t)
{
	int status = -1;
	pid_t pid;

	if (!partial_flags_offered(t))
		return;
	pid = clone(child_returns_0, child_stack + sizeof(child_stack), 0, NULL, NULL, NULL, NULL);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WCLONE), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	pid = clone(child_returns_0, child_stack + sizeof(child_stack), SIGCHLD, NULL, NULL, NULL, NULL);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WCLONE), -1);    /* not a clone child */
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WALL), pid);
}

static int sibling_reports(void *arg)
{
	int v[2] = { __syscall0(__NR_getpid), __syscall0(__NR_getppid) };

	__syscall3(__NR_write, pipe_up[1], (long)v, sizeof(v));
	return 33;
}

static void clone_parent_makes_sibling(struct ktap *t)
{
	int v[2] = { 0, 0 }, status;
	pid_t pid;

	if (!partial_flags_offered(t))
		return;
	KTAP_ASSERT_EQ(t, pipe(pipe_up), 0);
	pid = fork();
	if (pid == 0)
		_exit(clone(sibling_reports, child_stack + sizeof(child_stack),
			    CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, NULL) > 0 ? 0 : 1);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, read(pipe_up[0], v, sizeof(v)), (long)sizeof(v));
	KTAP_EXPECT_EQ(t, v[1], getpid());            /* our child, not the caller's */
	KTAP_EXPECT_EQ(t, waitpid(v[0], &status, 0), v[0]);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 33);
	close(pipe_up[0]);
	close(pipe_up[1]);
}

/* ---- futex ---- */

static volatile int fword;

static int thread_waits_fword(void *arg)
{
	*(volatile long *)arg = __syscall6(__NR_futex, (long)&fword, (long)FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
	return 0;
}

static void futex_wait_then_wake(struct ktap *t)
{
	struct thread th;
	volatile long ret = 1;
	long woken = 0;

	fword = 0;
	KTAP_ASSERT_GT(t, thread_start(&th, thread_waits_fword, (void *)&ret, 0), 0);
	for (int i = 0; i < 1000 && !woken; i++) {
		sched_yield();
		woken = futex((int *)&fword, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	}
	thread_join(&th);
	KTAP_EXPECT_EQ(t, woken, 1);
	KTAP_EXPECT_EQ(t, ret, 0);                    /* it was woken, not timed out */
	KTAP_EXPECT_EQ(t, futex((int *)&fword, FUTEX_WAKE, 1, NULL, NULL, 0), 0);   /* nobody */
}

static long ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

static void futex_errors(struct ktap *t)
{
	struct timespec rel = { 0, 30 * 1000000 }, abs, start, bad = { 0, 1000000000 };
	int word = 5;

	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_WAIT, 4, NULL, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EAGAIN);                        /* the value moved on */
	clock_gettime(CLOCK_MONOTONIC, &start);
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_WAIT_PRIVATE, 5, &rel, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ETIMEDOUT);
	KTAP_EXPECT_GE(t, ms_since(&start), 20);                 /* tick granularity */
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 30 * 1000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_WAIT_BITSET, 5, &abs, NULL, -1), -1);
	KTAP_EXPECT_EQ(t, errno, ETIMEDOUT);                     /* an absolute deadline */
	KTAP_EXPECT_GE(t, ms_since(&start), 40);
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_WAIT_BITSET, 5, &start, NULL, -1), -1);
	KTAP_EXPECT_EQ(t, errno, ETIMEDOUT);                     /* already past */
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_WAIT, 5, &bad, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);                        /* tv_nsec too big */
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_WAIT_BITSET, 5, NULL, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);                        /* bitset 0 */
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, futex((int *)((char *)&word + 1), FUTEX_WAIT, 5, NULL, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);                        /* misaligned */
	KTAP_EXPECT_EQ(t, futex(NULL, FUTEX_WAIT, 0, NULL, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, futex((int *)0xC0000000, FUTEX_WAIT, 0, NULL, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);                        /* kernel space */
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_WAIT, 5, (struct timespec *)4, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);                        /* the timeout */
	KTAP_EXPECT_EQ(t, futex(&word, 99, 0, NULL, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ENOSYS);                        /* unknown: as Linux */
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ENOSYS);
}

struct bitset_waiter { int bitset; volatile long ret; };

static int thread_waits_bitset(void *arg)
{
	struct bitset_waiter *w = arg;

	w->ret = __syscall6(__NR_futex, (long)&fword, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG,
			    0, 0, 0, w->bitset);
	return 0;
}

/* A wake with a bitset wakes only the waiters whose bitset meets it. */
static void futex_bitset_selects_waiters(struct ktap *t)
{
	struct bitset_waiter w = { 1, 1 };
	struct thread th;
	long n = 0;

	fword = 0;
	KTAP_ASSERT_GT(t, thread_start(&th, thread_waits_bitset, &w, 0), 0);
	for (int i = 0; i < 20; i++)
		sched_yield();                        /* let it get to sleep */
	KTAP_EXPECT_EQ(t, futex((int *)&fword, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 2), 0);
	for (int i = 0; i < 1000 && !n; i++) {
		n = futex((int *)&fword, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 3);
		if (!n)
			sched_yield();
	}
	thread_join(&th);
	KTAP_EXPECT_EQ(t, n, 1);
	KTAP_EXPECT_EQ(t, w.ret, 0);
}

static volatile int fword2;
/* How many threads sleep on word, once that is n (polled every 1 ms for
 * up to 2 s): a REQUEUE onto the word itself moves nobody and counts its
 * sleepers (futex_requeue_onto_same_word checks that count). */
static long futex_sleepers(volatile int *word, long n)
{
	struct timespec ms = { 0, 1000000 };
	long got = -1;

	for (int i = 0; i < 2000 && got != n; i++) {
		got = futex((int *)word, FUTEX_REQUEUE_PRIVATE, 0, (void *)0x7fffffff,
			    (int *)word, 0);
		if (got != n)
			nanosleep(&ms, NULL);
	}
	return got;
}

/* CMP_REQUEUE: one waiter woken, the other moved to the second word,
 * where a plain wake finds it. */
static void futex_cmp_requeue_moves_waiters(struct ktap *t)
{
	struct thread th[2];
	volatile long ret[2] = { 1, 1 };
	long n = 0;

	fword = 0;
	fword2 = 0;
	for (int i = 0; i < 2; i++)
		KTAP_ASSERT_GT(t, thread_start(&th[i], thread_waits_fword, (void *)&ret[i], 0), 0);
	KTAP_ASSERT_EQ(t, futex_sleepers(&fword, 2), 2);      /* both asleep */
	KTAP_EXPECT_EQ(t, futex((int *)&fword, FUTEX_CMP_REQUEUE, 1, (void *)1, (int *)&fword2, 7), -1);
	KTAP_EXPECT_EQ(t, errno, EAGAIN);                       /* *fword is 0, not 7 */
	KTAP_EXPECT_EQ(t, futex((int *)&fword, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1,
				(int *)&fword2, 0), 2);
	for (int i = 0; i < 1000 && !n; i++) {
		n = futex((int *)&fword2, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		if (!n)
			sched_yield();
	}
	KTAP_EXPECT_EQ(t, n, 1);
	for (int i = 0; i < 2; i++) {
		thread_join(&th[i]);
		KTAP_EXPECT_EQ(t, ret[i], 0);
	}
}

static int thread_waits_fword_3s(void *arg)
{
	struct timespec limit = { 3, 0 };       /* a broken requeue does not hang us */

	*(volatile long *)arg = __syscall6(__NR_futex, (long)&fword, (long)FUTEX_WAIT_PRIVATE, 0,
					   (long)&limit, 0, 0);
	return 0;
}

/* (CMP_)REQUEUE onto the word the waiters sleep on moves nobody but counts
 * each of them, as Linux: 3 waiters, nr_wake 0, nr_requeue INT_MAX gives 3
 * (a kernel that moves them to the tail of the bucket it walks loops);
 * then one FUTEX_WAKE still finds all three. */
static void futex_requeue_onto_same_word(struct ktap *t)
{
	struct thread th[3];
	volatile long ret[3] = { 1, 1, 1 };
	long n = 0, cmp;
	struct timespec start;

	fword = 0;
	for (int i = 0; i < 3; i++)
		KTAP_ASSERT_GT(t, thread_start(&th[i], thread_waits_fword_3s, (void *)&ret[i], 0), 0);
	clock_gettime(CLOCK_MONOTONIC, &start);
	n = futex_sleepers(&fword, 3);                 /* until all three are asleep */
	KTAP_EXPECT_EQ(t, n, 3);
	cmp = futex((int *)&fword, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)0x7fffffff,
		    (int *)&fword, 0);
	KTAP_EXPECT_EQ(t, cmp, 3);
	KTAP_EXPECT_EQ(t, futex((int *)&fword, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 3);
	for (int i = 0; i < 3; i++) {
		thread_join(&th[i]);
		KTAP_EXPECT_EQ(t, ret[i], 0);              /* woken, not timed out */
	}
	KTAP_EXPECT_LT(t, ms_since(&start), 2000);
}

#define STRESS_THREADS 64
#define STRESS_ROUNDS  1000
#define STRESS_WAIT_MS 2000            /* far longer than any hold */

static volatile int stress_mutex;
static volatile long stress_count, stress_handoffs;
static volatile int stress_last_owner;
static volatile int stress_waiting, stress_peak_waiting, stress_timeouts;

/* One FUTEX_WAIT of the mutex, counted: stress_waiting (and its peak)
 * holds the threads in or entering the wait; a wait that times out is a
 * lost wake-up (no holder keeps the mutex for seconds). */
static void stress_futex_wait(volatile int *m)
{
	struct timespec limit = { STRESS_WAIT_MS / 1000, 0 };
	int n = __atomic_add_fetch(&stress_waiting, 1, __ATOMIC_SEQ_CST);
	int peak = stress_peak_waiting;

	while (n > peak && !__atomic_compare_exchange_n(&stress_peak_waiting, &peak, n, false,
							__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
	if (__syscall6(__NR_futex, (long)m, FUTEX_WAIT_PRIVATE, 2, (long)&limit, 0, 0) == -ETIMEDOUT)
		__atomic_add_fetch(&stress_timeouts, 1, __ATOMIC_SEQ_CST);
	__atomic_sub_fetch(&stress_waiting, 1, __ATOMIC_SEQ_CST);
}

/* Drepper's futex mutex ("Futexes Are Tricky", mutex 2): 0 free, 1 locked,
 * 2 locked with waiters. */
static void mutex_lock(volatile int *m)
{
	int c = 0;

	if (__atomic_compare_exchange_n(m, &c, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		stress_futex_wait(m);
		c = __atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE);
	}
}

static void mutex_unlock(volatile int *m)
{
	if (__atomic_fetch_sub(m, 1, __ATOMIC_RELEASE) != 1) {
		*m = 0;
		__syscall6(__NR_futex, (long)m, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
	}
}

/* The first thread holds the mutex until all the others are queued on it:
 * counted on their way in (polled every 1 ms for up to 2 s), then asleep
 * on the word (futex_sleepers): each unlock then has a long queue to wake
 * from. */
static void stress_hold_until_queued(void)
{
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < 2000 && stress_waiting < STRESS_THREADS - 1; i++)
		nanosleep(&ms, NULL);
	futex_sleepers(&stress_mutex, STRESS_THREADS - 1);
}

/* Each round yields inside the critical section, so the others pile up on
 * the futex, and after it, so the woken waiter takes the mutex before the
 * unlocker can take it back: the mutex changes hands nearly every round.
 * A lost wake-up ends the rounds (the others then drain at the pace of
 * their timeouts). */
static int stress_thread(void *arg)
{
	int me = (int)(long)arg;

	for (int i = 0; i < STRESS_ROUNDS && !stress_timeouts; i++) {
		mutex_lock(&stress_mutex);
		if (stress_last_owner != me)
			stress_handoffs++;
		stress_last_owner = me;
		stress_count++;
		if (me == 0 && i == 0)
			stress_hold_until_queued();
		__syscall0(__NR_sched_yield);
		mutex_unlock(&stress_mutex);
		__syscall0(__NR_sched_yield);
	}
	return 0;
}

/* 64 threads, 1000 rounds each, with all 63 others queued on the futex
 * at the start: no wake-up may be lost, whatever the queue's length. */
static void futex_mutex_stress(struct ktap *t)
{
	static struct thread th[STRESS_THREADS];
	int made = 0;

	stress_count = stress_handoffs = 0;
	stress_waiting = stress_peak_waiting = stress_timeouts = 0;
	stress_last_owner = -1;
	for (; made < STRESS_THREADS; made++)
		if (thread_start(&th[made], stress_thread, (void *)(long)made, 0) < 0)
			break;
	for (int i = 0; i < made; i++)
		thread_join(&th[i]);
	KTAP_EXPECT_EQ(t, made, STRESS_THREADS);
	KTAP_EXPECT_EQ(t, stress_timeouts, 0);
	KTAP_EXPECT_GT(t, stress_peak_waiting, 32);
	KTAP_EXPECT_EQ(t, stress_count, (long)made * STRESS_ROUNDS);
	KTAP_EXPECT_EQ(t, stress_mutex, 0);
	/* handed over: nearly every round on Tasklab; a host's scheduler
	 * (qemu-i386, real CPUs) lets the unlocker win more often */
	KTAP_EXPECT_GE(t, stress_handoffs, ktap_on_tasklab() ? (long)made * STRESS_ROUNDS / 2
							   : STRESS_ROUNDS);
	ktap_log(t, "%ld locks, %ld handoffs, up to %d waiters", (long)stress_count,
		 (long)stress_handoffs, stress_peak_waiting);
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
	KTAP_CASE(clone_bad_pointers_efault),
	KTAP_CASE(clone_settls_gives_thread_its_segment),
	KTAP_CASE(clone_child_settid_and_cleartid),
	KTAP_CASE(set_tid_address_moves_cleared_word),
	KTAP_CASE(exit_group_ends_every_thread),
	KTAP_CASE(wait_reports_group_after_last_thread),
	KTAP_CASE(wait_reports_group_code_after_leader_exit),
	KTAP_CASE(kill_of_a_thread_ends_the_group),
	KTAP_CASE(robust_list_accepted_clone3_enosys),
	KTAP_CASE(exec_from_thread_takes_leader_pid),
	KTAP_CASE(wait4_by_process_group),
	KTAP_CASE(clone_parent_makes_sibling),
	KTAP_CASE(wait_clone_child_needs_wclone),
	KTAP_CASE(futex_wait_then_wake),
	KTAP_CASE(futex_errors),
	KTAP_CASE(futex_bitset_selects_waiters),
	KTAP_CASE(futex_cmp_requeue_moves_waiters),
	KTAP_CASE(futex_requeue_onto_same_word),
	KTAP_CASE(futex_mutex_stress),
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--exec-check"))   /* exec'd by a thread */
		return getpid() == atoi(argv[2]) && gettid() == getpid() ? EXEC_OK : 1;
	return ktap_run_suite("thread", cases);
}
