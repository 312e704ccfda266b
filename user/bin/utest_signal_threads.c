/* user/bin/utest_signal_threads.c: KTAP self-tests of signals and
 * threads: which thread takes a signal (tgkill, a group signal one thread
 * blocks, a fault), a fatal signal to one thread ending the group, a
 * group stop, a process whose leader is a zombie still taking kill and
 * stop, and FUTEX_WAIT against SA_RESTART. Threads are made as a thread
 * library makes them (include/utest.h). One of the signal programs listed
 * in user/bin/utest_signal.c; runs on Tasklab and under qemu-i386 on the
 * build host (Linux's ABI). */
#include <errno.h>
#include <futex.h>
#include <ktap.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utest.h>
#include <utest_signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

/* One second thread at a time: th; thread_stop tells it to end. */
static struct thread th;
static volatile int thread_stop, handled_tid;

static long futex_op(volatile int *word, int op, int val)
{
	return __syscall6(__NR_futex, (long)word, op, val, 0, 0, 0);
}

/* Start fn as a second thread of ours; its tid or -1. */
static int start_thread(int (*fn)(void *))
{
	thread_stop = 0;
	return thread_start(&th, fn, NULL, 0);
}

/* Tell the thread to stop, wake it, and wait until it has exited. */
static void join_thread(void)
{
	thread_stop = 1;
	futex_op(&thread_stop, FUTEX_WAKE, 1);
	thread_join(&th);
}

/* A thread asleep on a futex until told to stop; signals interrupt it. */
static int thread_sleeps(void *unused)
{
	while (!thread_stop)
		futex_op(&thread_stop, FUTEX_WAIT, 0);
	return 0;
}

static void record_tid_handler(int sig)
{
	handled_tid = gettid();
}

static void wait_handled(void)
{
	for (int i = 0; i < 100000 && !handled_tid; i++)
		sched_yield();
}

/* tgkill reaches the thread named; a group signal the main thread blocks
 * goes to the other one; unblocked, the main thread (the one kill names)
 * takes it. */
static void signal_threads_who_handles(struct ktap *t)
{
	sigset_t s = set_of(SIGUSR1), old;
	int tid;

	set_handler(SIGUSR1, record_tid_handler, SA_RESTART);
	tid = start_thread(thread_sleeps);
	KTAP_ASSERT_GT(t, tid, 0);
	handled_tid = 0;
	KTAP_EXPECT_EQ(t, tgkill(getpid(), tid, SIGUSR1), 0);
	wait_handled();
	KTAP_EXPECT_EQ(t, handled_tid, tid);
	sigprocmask(SIG_BLOCK, &s, &old);
	handled_tid = 0;
	KTAP_EXPECT_EQ(t, kill(getpid(), SIGUSR1), 0);
	wait_handled();
	KTAP_EXPECT_EQ(t, handled_tid, tid);
	sigprocmask(SIG_SETMASK, &old, NULL);
	handled_tid = 0;
	KTAP_EXPECT_EQ(t, kill(getpid(), SIGUSR1), 0);
	KTAP_EXPECT_EQ(t, handled_tid, gettid());            /* before kill returned */
	join_thread();
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* A fault is the faulting thread's: its handler runs there. */
static int thread_faults(void *unused)
{
	long v;

	__asm__ __volatile__("movl $0x1234, %%ecx\n\t"
			     "movl (%%ecx), %%eax\n\t"
			     : "=a"(v) :: "ecx", "memory");
	return v == 42 ? 0 : 1;
}

static void signal_threads_fault_to_faulting_thread(struct ktap *t)
{
	int tid;

	fault_tid = 0;
	set_info_handler(SIGSEGV, trap_step_handler, 0);
	skip_bytes = 2;
	tid = start_thread(thread_faults);
	KTAP_ASSERT_GT(t, tid, 0);
	join_thread();
	KTAP_EXPECT_EQ(t, fault_tid, tid);
	KTAP_EXPECT_EQ(t, last_addr, 0x1234);
	set_handler(SIGSEGV, SIG_DFL, 0);
}

/* A signal whose default is to terminate, sent to one thread, ends the
 * whole process: wait4 sees it killed by that signal. */
static int thread_terms_itself(void *unused)
{
	tgkill(getpid(), gettid(), SIGTERM);
	return 0;
}

static volatile int *volatile unmapped_word = (int *)0x10;

static int thread_faults_unhandled(void *unused)
{
	return *unmapped_word;
}

static int group_dies_of(int (*fn)(void *))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		start_thread(fn);
		for (;;)
			futex_op(&thread_stop, FUTEX_WAIT, 0);    /* until killed */
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void signal_threads_fatal_ends_group(struct ktap *t)
{
	int s = group_dies_of(thread_terms_itself);

	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGTERM);
	s = group_dies_of(thread_faults_unhandled);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGSEGV);
}

/* Child pid stops on SIGSTOP and resumes on SIGCONT, as wait4 sees. */
static void expect_stop_then_continue(struct ktap *t, pid_t pid)
{
	int status = 0;

	KTAP_EXPECT_EQ(t, kill(pid, SIGSTOP), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, kill(pid, SIGCONT), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WCONTINUED), pid);
	KTAP_EXPECT_TRUE(t, WIFCONTINUED(status));
}

/* SIGSTOP stops both threads of a process (the last one to stop tells
 * the parent), SIGCONT resumes them, SIGKILL ends a stopped group. */
static int started[2];

/* thread_sleeps, once it has said on `started` that it runs. */
static int thread_says_started_then_sleeps(void *unused)
{
	write(started[1], "s", 1);
	return thread_sleeps(unused);
}

static void signal_threads_group_stop(struct ktap *t)
{
	int status;
	pid_t pid;
	char c;

	KTAP_ASSERT_EQ(t, pipe(started), 0);
	pid = fork();
	if (pid == 0) {
		start_thread(thread_says_started_then_sleeps);
		for (;;)
			futex_op(&thread_stop, FUTEX_WAIT, 0);
	}
	close(started[1]);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, read(started[0], &c, 1), 1);     /* both threads run */
	close(started[0]);
	expect_stop_then_continue(t, pid);
	KTAP_EXPECT_EQ(t, kill(pid, SIGSTOP), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	KTAP_EXPECT_EQ(t, kill(pid, SIGKILL), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGKILL);
}

/* A process whose main thread has exited (pthread_exit from main: the
 * leader is a zombie) while another thread runs is still a process: kill
 * reaches the live thread. The thread waits for the leader's exit (its
 * set_tid_address word cleared and woken, as pthread_join sees a thread
 * end), tells the parent on leader_gone, sleeps 1.5 s, then
 * exit_group(7); a signal lost on the zombie leader shows as status 7 << 8. */
static volatile int leader_word;
static int leader_gone[2];

static int thread_naps_then_exits(void *unused)
{
	struct timespec ts = { 1, 500000000 };
	int v;

	while ((v = leader_word) != 0)
		futex_op(&leader_word, FUTEX_WAIT, v);
	write(leader_gone[1], "z", 1);
	nanosleep(&ts, NULL);
	__syscall1(__NR_exit_group, 7);
	return 0;
}

/* The child's pid once its leader is a zombie, or -1. */
static pid_t fork_zombie_leader(void)
{
	pid_t pid;
	char c;

	if (pipe(leader_gone))
		return -1;
	pid = fork();
	if (pid == 0) {
		leader_word = gettid();
		set_tid_address((int *)&leader_word);  /* cleared and woken at its exit */
		start_thread(thread_naps_then_exits);
		__syscall1(__NR_exit, 0);            /* the main thread only */
	}
	close(leader_gone[1]);
	if (pid > 0 && read(leader_gone[0], &c, 1) != 1) {
		kill(pid, SIGKILL);                  /* the thread never saw it go */
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(leader_gone[0]);
	return pid;
}

static void signal_zombie_leader_kill(struct ktap *t)
{
	int status = 0;
	pid_t pid = fork_zombie_leader();

	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, kill(pid, 0), 0);
	KTAP_EXPECT_EQ(t, tgkill(pid, pid, 0), 0);
	KTAP_EXPECT_EQ(t, kill(pid, SIGKILL), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGKILL);
}

/* SIGSTOP stops it (WUNTRACED reports the group through its zombie
 * leader), SIGCONT resumes it (WCONTINUED), SIGKILL ends it. */
static void signal_zombie_leader_stop(struct ktap *t)
{
	int status = 0;
	pid_t pid = fork_zombie_leader();

	KTAP_ASSERT_GT(t, pid, 0);
	expect_stop_then_continue(t, pid);
	KTAP_EXPECT_EQ(t, kill(pid, SIGKILL), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGKILL);
}

/* Under SA_RESTART the wake-up comes from a second thread once the main
 * thread's handler has had its second hit inside the wait (keep_signalling
 * in include/utest_signal.h). The word stays 0 (a changed word would make
 * a wait restarted after the change return EAGAIN), and the thread repeats
 * FUTEX_WAKE until it reports a waiter woken: the restarted wait, asleep
 * again. */
static volatile int restart_word;

static void wake_hit_watcher(void)
{
	futex_op(&call_hits, FUTEX_WAKE, 1);
}

static int wake_after_two_hits(void *unused)
{
	int seen;

	while ((seen = call_hits) < 2)
		futex_op(&call_hits, FUTEX_WAIT, seen);
	while (futex_op(&restart_word, FUTEX_WAKE, 1) != 1)
		sched_yield();
	return 0;
}

static long futex_wait_with_signal(int flags)
{
	bool restart = flags & SA_RESTART;
	pid_t sender;
	long ret;

	restart_word = 0;
	sender = keep_signalling(SIGUSR1, gettid(), flags, wake_hit_watcher);
	if (sender < 0 || (restart && start_thread(wake_after_two_hits) <= 0)) {
		stop_signalling(SIGUSR1, sender);
		return -1000;
	}
	in_call = 1;
	ret = futex_op(&restart_word, FUTEX_WAIT, 0);
	stop_signalling(SIGUSR1, sender);
	if (restart)
		join_thread();
	return ret;
}

/* FUTEX_WAIT (no timeout) interrupted by a handled signal: EINTR, or
 * under SA_RESTART the wait goes on until the wake-up (as Linux). */
static void signal_futex_restart(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, futex_wait_with_signal(0), -EINTR);
	KTAP_EXPECT_GE(t, call_hits, 1);
	KTAP_EXPECT_EQ(t, futex_wait_with_signal(SA_RESTART), 0);
	KTAP_EXPECT_GE(t, call_hits, 2);              /* interrupted, then restarted */
}

static const struct ktap_case cases[] = {
	KTAP_CASE(signal_threads_who_handles),
	KTAP_CASE(signal_threads_fault_to_faulting_thread),
	KTAP_CASE(signal_threads_fatal_ends_group),
	KTAP_CASE(signal_threads_group_stop),
	KTAP_CASE(signal_zombie_leader_kill),
	KTAP_CASE(signal_zombie_leader_stop),
	KTAP_CASE(signal_futex_restart),
	{}
};

int main(void)
{
	return ktap_run_suite("signal_threads", cases);
}
