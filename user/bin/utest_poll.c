/* user/bin/utest_poll.c: poll, ppoll, select, pselect6, the old i386
 * select and the _time64 calls, on Tasklab and under qemu-i386: readiness
 * of pipes (POLLIN, POLLOUT, POLLHUP for a read end without writers,
 * POLLERR for a write end without readers) and regular files (always
 * ready), POLLNVAL and negative fds, timeouts (zero, expired, the time
 * left written back by select, ppoll and pselect6), a sleeper woken by a
 * write, signals (EINTR after a handler, even under SA_RESTART; a stop and
 * continue goes on), the signal masks of ppoll and pselect6, the errors
 * (EFAULT, EINVAL, EBADF), and an fd another thread closes while select
 * waits on it. The terminal's readiness is in
 * utest_tty. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utest.h>
#include <utest_signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* A new pipe, and *pfd asking for its read end's POLLIN: pipe's result. */
static int polled_pipe(int p[2], struct pollfd *pfd)
{
	int ret = pipe(p);

	*pfd = (struct pollfd){ p[0], POLLIN, 0 };
	return ret;
}

/* revents of one fd, asked for events, after a poll without waiting. */
static int revents(int fd, short events)
{
	struct pollfd p = { fd, events, -1 };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

/* Pipes: readable with data, writable with room, and what is left when
 * the other end goes. */
static void poll_pipe_readiness(struct ktap *t)
{
	static char buf[70000];
	int p[2];
	ssize_t n = 0, w;

	KTAP_ASSERT_EQ(t, pipe(p), 0);
	KTAP_EXPECT_EQ(t, revents(p[0], POLLIN), 0);
	KTAP_EXPECT_EQ(t, revents(p[1], POLLOUT | POLLIN), POLLOUT);
	KTAP_EXPECT_EQ(t, write(p[1], "x", 1), 1);
	KTAP_EXPECT_EQ(t, revents(p[0], POLLIN), POLLIN);
	KTAP_EXPECT_EQ(t, revents(p[0], POLLIN | POLLRDNORM), POLLIN | POLLRDNORM);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	while ((w = write(p[1], buf, sizeof(buf))) > 0)          /* fill it */
		n += w;
	KTAP_EXPECT_EQ(t, revents(p[1], POLLOUT), 0);
	KTAP_EXPECT_GE(t, read(p[0], buf, sizeof(buf)), 4096);   /* room again */
	KTAP_EXPECT_EQ(t, revents(p[1], POLLOUT), POLLOUT);
	close(p[1]);
	KTAP_EXPECT_EQ(t, revents(p[0], POLLIN) & POLLHUP, POLLHUP);  /* asked or not */
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	KTAP_EXPECT_EQ(t, revents(p[0], POLLIN), POLLHUP);
	close(p[0]);
	KTAP_ASSERT_EQ(t, pipe(p), 0);
	close(p[0]);
	KTAP_EXPECT_EQ(t, revents(p[1], POLLOUT), POLLOUT | POLLERR);
	close(p[1]);
}

/* A regular file is always ready; a negative fd is skipped; a closed one
 * is POLLNVAL (and counts). */
static void poll_files_and_bad_fds(struct ktap *t)
{
	int fd = open("/tmp/utest_poll.file", O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct pollfd p[3] = { { fd, POLLIN | POLLOUT, -1 }, { -5, POLLIN, -1 }, { 29, POLLIN, -1 } };

	KTAP_ASSERT_GE(t, fd, 0);
	close(29);
	KTAP_EXPECT_EQ(t, poll(p, 3, 0), 2);
	KTAP_EXPECT_EQ(t, p[0].revents, POLLIN | POLLOUT);
	KTAP_EXPECT_EQ(t, p[1].revents, 0);
	KTAP_EXPECT_EQ(t, p[2].revents, POLLNVAL);
	close(fd);
	unlink("/tmp/utest_poll.file");
}

/* A timeout of 0 looks once; one that expires returns 0 after it; no
 * fds at all is a sleep. */
static void poll_timeouts(struct ktap *t)
{
	int p[2];
	struct pollfd pfd;
	long start;

	KTAP_ASSERT_EQ(t, polled_pipe(p, &pfd), 0);
	KTAP_EXPECT_EQ(t, poll(&pfd, 1, 0), 0);
	start = now_ms();
	KTAP_EXPECT_EQ(t, poll(&pfd, 1, 100), 0);
	KTAP_EXPECT_GE(t, now_ms() - start, 100);
	start = now_ms();
	KTAP_EXPECT_EQ(t, poll(NULL, 0, 50), 0);
	KTAP_EXPECT_GE(t, now_ms() - start, 50);
	close(p[0]);
	close(p[1]);
}

static int write_pipe_late(int fd, long ms)
{
	sleep_ms(ms);
	return write(fd, "!", 1) == 1 ? 0 : 1;
}

/* A sleeper in poll (no timeout) is woken by a write to the pipe; in
 * select too. */
static void poll_and_select_wake_on_write(struct ktap *t)
{
	int p[2], status;
	struct pollfd pfd;
	fd_set in;
	pid_t child;
	long start;
	char c;

	KTAP_ASSERT_EQ(t, polled_pipe(p, &pfd), 0);
	for (int round = 0; round < 2; round++) {
		start = now_ms();        /* before the fork: on several CPUs the
					  * child may start its 100 ms first */
		child = fork();
		if (child == 0)
			_exit(write_pipe_late(p[1], 100));
		FD_ZERO(&in);
		FD_SET(p[0], &in);
		if (round == 0)
			KTAP_EXPECT_EQ(t, poll(&pfd, 1, -1), 1);
		else
			KTAP_EXPECT_EQ(t, select(p[0] + 1, &in, NULL, NULL, NULL), 1);
		KTAP_EXPECT_GE(t, now_ms() - start, 90);
		KTAP_EXPECT_EQ(t, read(p[0], &c, 1), 1);
		KTAP_EXPECT_EQ(t, waitpid(child, &status, 0), child);
	}
	KTAP_EXPECT_EQ(t, pfd.revents, POLLIN);
	KTAP_EXPECT_TRUE(t, FD_ISSET(p[0], &in));
	close(p[0]);
	close(p[1]);
}

/* poll's errors: EFAULT for the array (in, or revents out), EINVAL for
 * more fds than RLIMIT_NOFILE. */
static void poll_errors(struct ktap *t)
{
	struct pollfd nine[9] = { { -1, 0, 0 } }, *ro;
	struct rlimit rl, lowered;
	int p[2];

	KTAP_ASSERT_EQ(t, pipe(p), 0);
	KTAP_EXPECT_EQ(t, poll((struct pollfd *)8, 1, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_ASSERT_EQ(t, getrlimit(RLIMIT_NOFILE, &rl), 0);
	lowered = rl;
	lowered.rlim_cur = 8;                               /* a valid array past it */
	KTAP_ASSERT_EQ(t, setrlimit(RLIMIT_NOFILE, &lowered), 0);
	KTAP_EXPECT_EQ(t, poll(nine, 9, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	setrlimit(RLIMIT_NOFILE, &rl);
	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KTAP_ASSERT_TRUE(t, ro != MAP_FAILED);
	ro[0] = (struct pollfd){ p[1], POLLOUT, 0 };
	mprotect(ro, 4096, PROT_READ);
	KTAP_EXPECT_EQ(t, poll(ro, 1, 0), -1);                   /* revents cannot go back */
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	munmap(ro, 4096);
	close(p[0]);
	close(p[1]);
}

/* A handler ends poll and select with EINTR, SA_RESTART or not. */
static void poll_select_eintr(struct ktap *t)
{
	int p[2], flags[2] = { 0, SA_RESTART };
	struct pollfd pfd;
	fd_set in;
	pid_t sender;

	KTAP_ASSERT_EQ(t, polled_pipe(p, &pfd), 0);
	for (int i = 0; i < 4; i++) {
		sender = keep_signalling(SIGUSR1, gettid(), flags[i % 2], NULL);
		KTAP_ASSERT_GT(t, sender, 0);
		in_call = 1;
		FD_ZERO(&in);
		FD_SET(p[0], &in);
		if (i < 2)
			KTAP_EXPECT_EQ(t, poll(&pfd, 1, -1), -1);
		else
			KTAP_EXPECT_EQ(t, select(p[0] + 1, &in, NULL, NULL, NULL), -1);
		KTAP_EXPECT_EQ(t, errno, EINTR);
		stop_signalling(SIGUSR1, sender);
		KTAP_EXPECT_GE(t, call_hits, 1);
	}
	close(p[0]);
	close(p[1]);
}

static int stop_and_continue(pid_t target, int fd)
{
	sleep_ms(100);
	kill(target, SIGSTOP);
	sleep_ms(50);
	kill(target, SIGCONT);
	return write_pipe_late(fd, 100);
}

/* A stop and continue (no handler runs) does not end a poll: it goes on
 * (restart_syscall) and returns the write that came after. */
static void poll_goes_on_after_stop(struct ktap *t)
{
	int p[2], status;
	struct pollfd pfd;
	pid_t child;

	KTAP_ASSERT_EQ(t, polled_pipe(p, &pfd), 0);
	child = fork();
	if (child == 0)
		_exit(stop_and_continue(getppid(), p[1]));
	KTAP_EXPECT_EQ(t, poll(&pfd, 1, 5000), 1);
	KTAP_EXPECT_EQ(t, pfd.revents, POLLIN);
	KTAP_EXPECT_EQ(t, waitpid(child, &status, 0), child);
	KTAP_EXPECT_EQ(t, status, 0);
	close(p[0]);
	close(p[1]);
}

/* ppoll and pselect install their mask for the wait: a blocked pending
 * signal it unblocks ends the call (EINTR) after its handler ran, and the
 * old mask is back afterwards. */
static void ppoll_pselect_sigmask(struct ktap *t)
{
	sigset_t block = set_of(SIGUSR2), none = set_of(0), now;
	struct timespec ts = { 5, 0 };
	int p[2];
	struct pollfd pfd;
	fd_set in;

	KTAP_ASSERT_EQ(t, polled_pipe(p, &pfd), 0);
	set_handler(SIGUSR2, count_handler, 0);
	sigprocmask(SIG_BLOCK, &block, NULL);
	for (int round = 0; round < 2; round++) {
		hits = 0;
		raise(SIGUSR2);                             /* pending, blocked */
		FD_ZERO(&in);
		FD_SET(p[0], &in);
		if (round == 0)
			KTAP_EXPECT_EQ(t, ppoll(&pfd, 1, &ts, &none), -1);
		else
			KTAP_EXPECT_EQ(t, pselect(p[0] + 1, &in, NULL, NULL, &ts, &none), -1);
		KTAP_EXPECT_EQ(t, errno, EINTR);
		KTAP_EXPECT_EQ(t, hits, 1);
		sigprocmask(SIG_BLOCK, NULL, &now);
		KTAP_EXPECT_TRUE(t, sigismember(&now, SIGUSR2));
	}
	hits = 0;                                           /* a mask that blocks it */
	raise(SIGUSR2);
	KTAP_EXPECT_EQ(t, ppoll(&pfd, 1, &(struct timespec){ 0, 0 }, &block), 0);
	KTAP_EXPECT_EQ(t, hits, 0);
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	KTAP_EXPECT_EQ(t, hits, 1);
	set_handler(SIGUSR2, SIG_DFL, 0);
	close(p[0]);
	close(p[1]);
}

/* The time left goes back to the caller's timeout: zero after a timeout
 * (select, ppoll, pselect6), less than given after a signal (ppoll). */
static void timeout_written_back(struct ktap *t)
{
	struct timeval tv = { 0, 150000 };
	struct timespec ts = { 0, 150000000 };
	sigset_t usr1, during;
	int p[2];
	struct pollfd pfd;
	pid_t sender;

	KTAP_ASSERT_EQ(t, polled_pipe(p, &pfd), 0);
	KTAP_EXPECT_EQ(t, select(0, NULL, NULL, NULL, &tv), 0);
	KTAP_EXPECT_EQ(t, tv.tv_sec + tv.tv_usec, 0);
	KTAP_EXPECT_EQ(t, ppoll(&pfd, 1, &ts, NULL), 0);
	KTAP_EXPECT_EQ(t, ts.tv_sec + ts.tv_nsec, 0);
	/* The signal comes 50 ms into the wait (blocked until ppoll's mask
	 * lets it in): Tasklab counts time in 10 ms ticks, so a signal within
	 * the first tick would leave the whole 5 s, where Linux's nanosecond
	 * clock shows a little less. */
	ts = (struct timespec){ 5, 0 };
	set_handler(SIGUSR1, count_handler, 0);
	usr1 = set_of(SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &during);
	sender = send_later(SIGUSR1, 50);
	KTAP_EXPECT_EQ(t, ppoll(&pfd, 1, &ts, &during), -1);
	KTAP_EXPECT_EQ(t, errno, EINTR);
	waitpid(sender, NULL, 0);
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	set_handler(SIGUSR1, SIG_DFL, 0);
	if (ktap_on_tasklab()) {          /* qemu-i386 7.2 writes nothing back on EINTR */
		KTAP_EXPECT_LT(t, ts.tv_sec, 5);
		KTAP_EXPECT_GE(t, ts.tv_sec, 3);        /* it stopped early, not late */
	}
	ts = (struct timespec){ 0, 100000000 };
	KTAP_EXPECT_EQ(t, pselect(0, NULL, NULL, NULL, &ts, NULL), 0);
	KTAP_EXPECT_EQ(t, ts.tv_sec + ts.tv_nsec, 0);
	close(p[0]);
	close(p[1]);
}

/* select: the ready fds in the returned sets (an fd ready two ways counts
 * twice); a timeout of 0 returns 0 with the sets cleared; n above the fd
 * table is cut to it. */
static void select_sets(struct ktap *t)
{
	struct timeval zero = { 0, 0 };
	fd_set in, out;
	int p[2];

	KTAP_ASSERT_EQ(t, pipe(p), 0);
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_SET(p[0], &in);
	FD_SET(p[1], &in);
	FD_SET(p[1], &out);
	KTAP_EXPECT_EQ(t, select(FD_SETSIZE, &in, &out, NULL, &zero), 1);
	KTAP_EXPECT_EQ(t, FD_ISSET(p[0], &in), 0);
	KTAP_EXPECT_EQ(t, FD_ISSET(p[1], &in), 0);
	KTAP_EXPECT_TRUE(t, FD_ISSET(p[1], &out));
	write(p[1], "y", 1);
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	FD_SET(p[1], &out);
	KTAP_EXPECT_EQ(t, select(p[1] + 1, &in, &out, NULL, &zero), 2);
	KTAP_EXPECT_TRUE(t, FD_ISSET(p[0], &in));
	close(p[1]);                                        /* no writer: readable */
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	KTAP_EXPECT_EQ(t, select(p[0] + 1, &in, NULL, NULL, &zero), 1);
	close(p[0]);
}

/* select's errors: EBADF for a closed fd in a set, EINVAL for n < 0 or a
 * negative timeout, EFAULT for a set it cannot read. */
static void select_errors(struct ktap *t)
{
	struct timeval zero = { 0, 0 }, bad = { -1, 0 }, big = { 0, 1500000 };
	fd_set in;
	int p[2];

	KTAP_ASSERT_EQ(t, pipe(p), 0);
	close(27);
	FD_ZERO(&in);
	FD_SET(27, &in);
	KTAP_EXPECT_EQ(t, select(28, &in, NULL, NULL, &zero), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	KTAP_EXPECT_EQ(t, select(-1, NULL, NULL, NULL, &zero), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, select(0, NULL, NULL, NULL, &bad), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, select(p[1] + 1, (fd_set *)8, NULL, NULL, &zero), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	FD_ZERO(&in);
	FD_SET(p[1], &in);                          /* usec over a second is fine */
	if (ktap_on_tasklab())                      /* qemu-i386 7.2 says EINVAL */
		KTAP_EXPECT_EQ(t, select(p[1] + 1, NULL, &in, NULL, &big), 1);
	KTAP_EXPECT_EQ(t, syscall(__NR_ppoll, 0, 0, (long)&bad, 0, 8, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, syscall(__NR_ppoll, 0, 0, 0, (long)&in, 4, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);                  /* the sigset size */
	KTAP_EXPECT_EQ(t, syscall(__NR_pselect6, 0, 0, 0, 0, 0, 8), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);                  /* the {mask, size} pair */
	close(p[0]);
	close(p[1]);
}

struct kernel_timespec64 { long long tv_sec, tv_nsec; };

/* ppoll_time64 and pselect6_time64 take a 64-bit timespec; the old
 * select (82) its arguments in a block. */
static void time64_and_old_select(struct ktap *t)
{
	struct kernel_timespec64 ts = { 0, 100000000 };
	struct timeval zero = { 0, 0 };
	unsigned long args[5];
	struct pollfd pfd;
	fd_set out;
	long start;
	int p[2];

	KTAP_ASSERT_EQ(t, polled_pipe(p, &pfd), 0);
	start = now_ms();
	KTAP_EXPECT_EQ(t, syscall(__NR_ppoll_time64, (long)&pfd, 1, (long)&ts, 0, 8, 0), 0);
	KTAP_EXPECT_GE(t, now_ms() - start, 100);
	KTAP_EXPECT_EQ(t, ts.tv_sec + ts.tv_nsec, 0);
	FD_ZERO(&out);
	FD_SET(p[1], &out);
	ts = (struct kernel_timespec64){ 1, 0 };
	KTAP_EXPECT_EQ(t, syscall(__NR_pselect6_time64, p[1] + 1, 0, (long)&out, 0, (long)&ts, 0), 1);
	args[0] = p[1] + 1;
	args[1] = 0;
	args[2] = (unsigned long)&out;
	args[3] = 0;
	args[4] = (unsigned long)&zero;
	KTAP_EXPECT_EQ(t, syscall(__NR_select, (long)args, 0, 0, 0, 0, 0), 1);
	KTAP_EXPECT_TRUE(t, FD_ISSET(p[1], &out));
	KTAP_EXPECT_EQ(t, syscall(__NR_select, 8, 0, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	close(p[0]);
	close(p[1]);
}

/* The state letter of thread tid of this process (/proc/self/task/<tid>/
 * stat's third field), or 0. */
static char thread_state(int tid)
{
	char path[48], buf[256], *paren;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	paren = strrchr(buf, ')');
	return paren && paren[1] == ' ' ? paren[2] : 0;
}

struct closer {
	int fd, wake, waiter;
};

/* Once the waiter sleeps (in its select), close the fd it waits on, then
 * wake it by a write to the other pipe. A task in select is 'S' from
 * before its scan of the fds (as 2.6's do_select sets its state before
 * the scan, so no wake-up is lost): on another CPU it may still be
 * scanning, so it must be 'S' again 50 ms later, when the scan is long
 * over. */
static bool still_asleep(int tid)
{
	if (thread_state(tid) != 'S')
		return false;
	sleep_ms(50);
	return thread_state(tid) == 'S';
}

static int close_then_wake(void *arg)
{
	struct closer *cl = arg;
	long end = now_ms() + 2000;

	while (!still_asleep(cl->waiter) && now_ms() < end)
		sched_yield();
	close(cl->fd);
	write(cl->wake, "w", 1);
	return 0;
}

/* Another thread closes an fd while select waits on it: the fd comes
 * back ready in each set it was asked in (Linux 5.17 on: the close is its
 * event), with the fd that woke the wait; never a crash on the file that
 * is gone (the kernel dereferenced it). */
static void select_fd_closed_while_waiting(struct ktap *t)
{
	struct timeval tv = { 5, 0 };
	struct closer cl;
	struct thread th;
	fd_set in, ex;
	int p[2], q[2];

	KTAP_ASSERT_EQ(t, pipe(p), 0);
	KTAP_ASSERT_EQ(t, pipe(q), 0);
	cl = (struct closer){ p[0], q[1], gettid() };
	KTAP_ASSERT_TRUE(t, map_stack(&th) != NULL);
	FD_ZERO(&in);
	FD_ZERO(&ex);
	FD_SET(p[0], &in);
	FD_SET(p[0], &ex);
	FD_SET(q[0], &in);
	KTAP_ASSERT_GT(t, thread_start(&th, close_then_wake, &cl, 0), 0);
	KTAP_EXPECT_EQ(t, select(q[0] > p[0] ? q[0] + 1 : p[0] + 1, &in, NULL, &ex, &tv), 3);
	KTAP_EXPECT_TRUE(t, FD_ISSET(p[0], &in));
	KTAP_EXPECT_TRUE(t, FD_ISSET(p[0], &ex));
	KTAP_EXPECT_TRUE(t, FD_ISSET(q[0], &in));
	thread_join(&th);
	KTAP_EXPECT_EQ(t, read(p[0], &cl, 1), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(poll_pipe_readiness),
	KTAP_CASE(poll_files_and_bad_fds),
	KTAP_CASE(poll_timeouts),
	KTAP_CASE(poll_and_select_wake_on_write),
	KTAP_CASE(poll_errors),
	KTAP_CASE(poll_select_eintr),
	KTAP_CASE(poll_goes_on_after_stop),
	KTAP_CASE(ppoll_pselect_sigmask),
	KTAP_CASE(timeout_written_back),
	KTAP_CASE(select_sets),
	KTAP_CASE(select_errors),
	KTAP_CASE(time64_and_old_select),
	KTAP_CASE(select_fd_closed_while_waiting),
	{}
};

int main(void)
{
	return ktap_run_suite("poll", cases);
}
