/* user/bin/utest_timers.c: KTAP self-tests of the timers and clocks a
 * process has: alarm and the three itimers (REAL, VIRTUAL, PROF), POSIX
 * timers (SIGEV_SIGNAL, SIGEV_THREAD_ID, SIGEV_NONE, absolute and relative,
 * periodic with overruns), what fork and exec keep of them,
 * clock_getres, the *_time64 calls glibc tries first, and the futex
 * corners that go with timeouts: a wait stopped and continued sleeps on
 * for the time left, a handled signal ends it with EINTR; a shared
 * requeue onto a bad address is EFAULT. Every wait for a signal is
 * bounded by a watchdog child (its SIGUSR2 ends the wait and fails the
 * case) so a lost signal fails instead of hanging. Runs on Tasklab and,
 * on the build host, under qemu-i386. */
#include <errno.h>
#include <futex.h>
#include <ktap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <utest_signal.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>

static volatile int alrm_hits, vtalrm_hits, prof_hits, watchdog_fired;

static void on_sigalrm(int sig) { alrm_hits++; }
static void on_sigvtalrm(int sig) { vtalrm_hits++; }
static void on_sigprof(int sig) { prof_hits++; }
static void on_watchdog(int sig) { watchdog_fired = 1; }

/* SIGUSR2 after ms ends a wait that should have ended sooner; stop it
 * with watchdog_stop. */
static pid_t watchdog_start(long ms)
{
	watchdog_fired = 0;
	set_handler(SIGUSR2, on_watchdog, 0);
	return send_later(SIGUSR2, ms);
}

static void watchdog_stop(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	set_handler(SIGUSR2, SIG_DFL, 0);
}

static struct itimerval itv(long value_ms, long interval_ms)
{
	struct itimerval v = {
		{ interval_ms / 1000, interval_ms % 1000 * 1000 },
		{ value_ms / 1000, value_ms % 1000 * 1000 },
	};
	return v;
}

static long tv_ms(const struct timeval *tv)
{
	return tv->tv_sec * 1000L + tv->tv_usec / 1000;
}

static long ts_ms(const struct timespec *ts)
{
	return ts->tv_sec * 1000L + ts->tv_nsec / 1000000L;
}

/* Sleep until ms have passed on the monotonic clock, through the EINTR
 * of any handled signal. */
static void sleep_through(long ms)
{
	long end = now_ms() + ms;

	while (now_ms() < end)
		sleep_ms(end - now_ms());
}

/* rt_sigsuspend woken by alarm (what LTP's sigsuspend tests rely on):
 * SIGALRM after about a second runs its handler and ends the wait. */
static void timers_alarm_wakes_sigsuspend(struct ktap *t)
{
	sigset_t alrm = set_of(SIGALRM), old, none = set_of(0);
	pid_t wd;
	long start = now_ms(), took;

	alrm_hits = 0;
	set_handler(SIGALRM, on_sigalrm, 0);
	sigprocmask(SIG_BLOCK, &alrm, &old);
	KTAP_EXPECT_EQ(t, alarm(1), 0);
	wd = watchdog_start(4000);
	KTAP_EXPECT_EQ(t, sigsuspend(&none), -1);
	KTAP_EXPECT_EQ(t, errno, EINTR);
	took = now_ms() - start;
	watchdog_stop(wd);
	KTAP_EXPECT_EQ(t, watchdog_fired, 0);
	KTAP_EXPECT_EQ(t, alrm_hits, 1);
	KTAP_EXPECT_GE(t, took, 900);
	KTAP_EXPECT_LT(t, took, 2500);
	ktap_log(t, "alarm(1) ended sigsuspend after %ld ms", took);
	sigprocmask(SIG_SETMASK, &old, NULL);
	set_handler(SIGALRM, SIG_DFL, 0);
}

/* alarm and ITIMER_REAL are one timer: each replaces the other, and alarm
 * returns the seconds left, rounded to the nearest and at least 1. */
static void timers_alarm_shares_itimer_real(struct ktap *t)
{
	struct itimerval v = itv(300, 0), cur;

	KTAP_EXPECT_EQ(t, alarm(10), 0);
	KTAP_EXPECT_EQ(t, alarm(3), 10);             /* 9.99 s left */
	KTAP_EXPECT_EQ(t, getitimer(ITIMER_REAL, &cur), 0);
	KTAP_EXPECT_GT(t, tv_ms(&cur.it_value), 2500);
	KTAP_EXPECT_LE(t, tv_ms(&cur.it_value), 3000);
	KTAP_EXPECT_EQ(t, tv_ms(&cur.it_interval), 0);
	KTAP_EXPECT_EQ(t, alarm(0), 3);
	KTAP_EXPECT_EQ(t, getitimer(ITIMER_REAL, &cur), 0);
	KTAP_EXPECT_EQ(t, tv_ms(&cur.it_value), 0);
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_REAL, &v, NULL), 0);
	KTAP_EXPECT_EQ(t, alarm(0), 1);              /* 0.3 s left: at least 1 */
	v = itv(1700, 0);
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_REAL, &v, NULL), 0);
	KTAP_EXPECT_EQ(t, alarm(0), 2);              /* 1.69 s left */
	KTAP_EXPECT_EQ(t, alarm(0), 0);
}

/* A periodic ITIMER_REAL: SIGALRM every 50 ms (about 6 in 330 ms), the
 * interval read back, and nothing more once it is disarmed. */
static void timers_itimer_real_periodic(struct ktap *t)
{
	struct itimerval v = itv(50, 50), cur, zero = itv(0, 0), old;
	int seen;

	alrm_hits = 0;
	set_handler(SIGALRM, on_sigalrm, 0);
	KTAP_ASSERT_EQ(t, setitimer(ITIMER_REAL, &v, NULL), 0);
	sleep_through(330);
	KTAP_EXPECT_EQ(t, getitimer(ITIMER_REAL, &cur), 0);
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_REAL, &zero, &old), 0);
	seen = alrm_hits;
	KTAP_EXPECT_GE(t, seen, 5);
	KTAP_EXPECT_LE(t, seen, 7);
	KTAP_EXPECT_EQ(t, cur.it_interval.tv_sec, 0);
	KTAP_EXPECT_EQ(t, cur.it_interval.tv_usec, 50000);
	KTAP_EXPECT_GT(t, cur.it_value.tv_usec + cur.it_value.tv_sec, 0);
	KTAP_EXPECT_LE(t, tv_ms(&cur.it_value), 50);
	KTAP_EXPECT_EQ(t, old.it_interval.tv_usec, 50000);
	sleep_through(150);
	KTAP_EXPECT_EQ(t, alrm_hits, seen);
	set_handler(SIGALRM, SIG_DFL, 0);
}

static long process_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts_ms(&ts);
}

/* Spin in user mode until *flag reaches want or ms of CPU time are used
 * (given up after 10 s of wall time); the CPU time used. The clocks are
 * read between long runs of user work (about a million instructions):
 * read every 5,000 additions, the two clock_gettime calls took most ticks
 * in kernel mode under QEMU, and ITIMER_VIRTUAL, which counts user ticks
 * only, went off after 1.3 s of CPU time, or not within 2 s. */
static long spin_until(volatile int *flag, int want, long ms)
{
	long start = process_cpu_ms(), give_up = now_ms() + 10000;
	volatile unsigned long x = 0;

	while (*flag < want && process_cpu_ms() - start < ms && now_ms() < give_up)
		for (int i = 0; i < 200000; i++)
			x += i;
	return process_cpu_ms() - start;
}

/* ITIMER_VIRTUAL counts user CPU time only: asleep it does not move;
 * spinning, it expires after its 100 ms. ITIMER_PROF (user and system
 * time) every 20 ms reloads: several in 200 ms of spinning. */
static void timers_itimer_virtual_and_prof(struct ktap *t)
{
	struct itimerval v = itv(100, 0), p = itv(20, 20), cur, zero = itv(0, 0);
	long used;

	vtalrm_hits = prof_hits = 0;
	set_handler(SIGVTALRM, on_sigvtalrm, 0);
	set_handler(SIGPROF, on_sigprof, 0);
	KTAP_ASSERT_EQ(t, setitimer(ITIMER_VIRTUAL, &v, NULL), 0);
	sleep_through(200);
	KTAP_EXPECT_EQ(t, getitimer(ITIMER_VIRTUAL, &cur), 0);
	KTAP_EXPECT_GT(t, tv_ms(&cur.it_value), 50);     /* asleep: hardly moved */
	KTAP_EXPECT_LE(t, tv_ms(&cur.it_value), 110);    /* Linux adds a tick */
	KTAP_EXPECT_EQ(t, vtalrm_hits, 0);
	used = spin_until(&vtalrm_hits, 1, 2000);
	KTAP_EXPECT_EQ(t, vtalrm_hits, 1);
	KTAP_EXPECT_GE(t, used, 40);
	ktap_log(t, "SIGVTALRM after %ld ms of CPU time (200 ms asleep did not count)", used);
	KTAP_ASSERT_EQ(t, setitimer(ITIMER_PROF, &p, NULL), 0);
	spin_until(&prof_hits, 1000, 200);
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_PROF, &zero, &cur), 0);
	KTAP_EXPECT_GE(t, prof_hits, 5);
	KTAP_EXPECT_EQ(t, tv_ms(&cur.it_interval), 20);
	ktap_log(t, "%d SIGPROF in 200 ms of CPU time at a 20 ms interval", prof_hits);
	set_handler(SIGVTALRM, SIG_DFL, 0);
	set_handler(SIGPROF, SIG_DFL, 0);
}

/* EINVAL for an unknown timer or a bad timeval, EFAULT for bad pointers;
 * a NULL new value disarms (Linux keeps that old misfeature). */
static void timers_itimer_errors(struct ktap *t)
{
	struct itimerval v = itv(5000, 0), bad = itv(0, 0), cur;

	KTAP_EXPECT_EQ(t, setitimer(3, &v, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, getitimer(-1, &cur), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	bad.it_value.tv_usec = 1000000;
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_REAL, &bad, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	bad = itv(0, 0);
	bad.it_interval.tv_usec = -1;
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_REAL, &bad, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	bad = itv(0, 0);
	bad.it_value.tv_sec = -1;
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_VIRTUAL, &bad, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_REAL, (struct itimerval *)16, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, getitimer(ITIMER_PROF, (struct itimerval *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_REAL, &v, NULL), 0);
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_REAL, NULL, &cur), 0);
	KTAP_EXPECT_GT(t, tv_ms(&cur.it_value), 4000);
	KTAP_EXPECT_EQ(t, getitimer(ITIMER_REAL, &cur), 0);
	KTAP_EXPECT_EQ(t, tv_ms(&cur.it_value), 0);      /* disarmed */
}

static timer_t made_timer;

/* In a fork child: no itimer and no POSIX timer of the parent's. */
static int child_has_no_timers(void)
{
	struct itimerval cur;
	struct itimerspec its;

	if (getitimer(ITIMER_REAL, &cur) || cur.it_value.tv_sec || cur.it_value.tv_usec)
		return 1;
	return timer_gettime(made_timer, &its) == -1 && errno == EINVAL ? 0 : 2;
}

static const char *self_path(void)
{
	const char *p = (const char *)getauxval(AT_EXECFN);

	return p ? p : "/bin/utest_timers";
}

/* After exec (--after-exec ID): ITIMER_REAL kept, POSIX timer ID gone. */
static int after_exec(const char *id)
{
	struct itimerval cur;
	struct itimerspec its;

	if (getitimer(ITIMER_REAL, &cur) || cur.it_value.tv_sec < 3)
		return 1;
	return timer_gettime(atoi(id), &its) == -1 && errno == EINVAL ? 0 : 2;
}

/* Execs itself with the timers armed; the exit code is after_exec's. */
static int child_execs_with_timers(void)
{
	char id[16], *argv[] = { "utest_timers", "--after-exec", id, NULL };
	struct itimerval v = itv(5000, 0);
	struct itimerspec its = { { 0, 0 }, { 5, 0 } };
	timer_t tid;

	if (setitimer(ITIMER_REAL, &v, NULL) || timer_create(CLOCK_MONOTONIC, NULL, &tid) ||
	    timer_settime(tid, 0, &its, NULL))
		return 10;
	snprintf(id, sizeof(id), "%d", (int)tid);
	execve(self_path(), argv, environ);
	return 11;
}

/* fork inherits no timer; exec keeps the itimers and deletes the POSIX
 * timers (Linux's rules). */
static void timers_fork_and_exec(struct ktap *t)
{
	struct itimerval v = itv(5000, 0), zero = itv(0, 0);
	struct itimerspec its = { { 0, 0 }, { 5, 0 } };

	KTAP_ASSERT_EQ(t, timer_create(CLOCK_MONOTONIC, NULL, &made_timer), 0);
	KTAP_EXPECT_EQ(t, timer_settime(made_timer, 0, &its, NULL), 0);
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_REAL, &v, NULL), 0);
	KTAP_EXPECT_EQ(t, ktap_run_child(child_has_no_timers), 0);
	KTAP_EXPECT_EQ(t, setitimer(ITIMER_REAL, &zero, NULL), 0);
	KTAP_EXPECT_EQ(t, timer_delete(made_timer), 0);
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 cannot exec an i386 binary on this host");
		return;
	}
	KTAP_EXPECT_EQ(t, ktap_run_child(child_execs_with_timers), 0);
}

static struct sigevent sigev(int notify, int signo, int value)
{
	struct sigevent ev;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = notify;
	ev.sigev_signo = signo;
	ev.sigev_value.sival_int = value;
	return ev;
}

static struct itimerspec its_ms(long value_ms, long interval_ms)
{
	struct itimerspec its = {
		{ interval_ms / 1000, interval_ms % 1000 * 1000000L },
		{ value_ms / 1000, value_ms % 1000 * 1000000L },
	};
	return its;
}

/* SIGEV_SIGNAL: the signal after 50 ms, with si_code SI_TIMER and the
 * sigev_value; a one-shot timer reads zero once it has expired. */
static void timers_posix_signal(struct ktap *t)
{
	struct sigevent ev = sigev(SIGEV_SIGNAL, SIGUSR1, 1234);
	struct itimerspec its = its_ms(50, 0), cur;
	struct timespec wait = { 3, 0 };
	sigset_t usr1 = set_of(SIGUSR1), old;
	siginfo_t si;
	timer_t id;

	sigprocmask(SIG_BLOCK, &usr1, &old);
	KTAP_ASSERT_EQ(t, timer_create(CLOCK_MONOTONIC, &ev, &id), 0);
	KTAP_EXPECT_EQ(t, timer_settime(id, 0, &its, NULL), 0);
	memset(&si, 0, sizeof(si));
	KTAP_EXPECT_EQ(t, sigtimedwait(&usr1, &si, &wait), SIGUSR1);
	KTAP_EXPECT_EQ(t, si.si_code, SI_TIMER);
	KTAP_EXPECT_EQ(t, si.si_value.sival_int, 1234);
	KTAP_EXPECT_EQ(t, si.si_overrun, 0);
	if (ktap_on_tasklab())       /* qemu-i386 hands out ids of its own */
		KTAP_EXPECT_EQ(t, si.si_timerid, id);
	KTAP_EXPECT_EQ(t, timer_gettime(id, &cur), 0);
	KTAP_EXPECT_EQ(t, cur.it_value.tv_sec + cur.it_value.tv_nsec, 0);
	KTAP_EXPECT_EQ(t, timer_getoverrun(id), 0);
	KTAP_EXPECT_EQ(t, timer_delete(id), 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* A 10 ms periodic timer whose signal stays blocked for 200 ms: one
 * signal, queued once, with the expiries since as si_overrun, which
 * timer_getoverrun then reports. Setting the timer again drops a signal
 * still pending (Linux 6.13+). */
static void timers_posix_periodic_overrun(struct ktap *t)
{
	struct sigevent ev = sigev(SIGEV_SIGNAL, SIGRTMIN + 2, 7);
	struct itimerspec its = its_ms(10, 10), stop = its_ms(0, 0);
	struct timespec zero = { 0, 0 };
	sigset_t rt = set_of(SIGRTMIN + 2), old;
	siginfo_t si;
	timer_t id;

	sigprocmask(SIG_BLOCK, &rt, &old);
	KTAP_ASSERT_EQ(t, timer_create(CLOCK_REALTIME, &ev, &id), 0);
	KTAP_EXPECT_EQ(t, timer_settime(id, 0, &its, NULL), 0);
	sleep_through(200);
	KTAP_EXPECT_EQ(t, sigtimedwait(&rt, &si, &zero), SIGRTMIN + 2);
	KTAP_EXPECT_GE(t, si.si_overrun, 10);
	KTAP_EXPECT_LE(t, si.si_overrun, 25);
	KTAP_EXPECT_EQ(t, timer_getoverrun(id), si.si_overrun);
	ktap_log(t, "one signal after 200 ms blocked, si_overrun %d", si.si_overrun);
	sleep_through(50);                                   /* pending again */
	KTAP_EXPECT_EQ(t, timer_settime(id, 0, &stop, NULL), 0);
	KTAP_EXPECT_EQ(t, sigtimedwait(&rt, &si, &zero), -1);   /* dropped */
	KTAP_EXPECT_EQ(t, errno, EAGAIN);
	KTAP_EXPECT_EQ(t, timer_getoverrun(id), 0);
	KTAP_EXPECT_EQ(t, timer_delete(id), 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* SIGEV_NONE: nothing is sent, timer_gettime shows the time left; an
 * absolute setting on CLOCK_REALTIME; settime's old value; a periodic
 * one keeps its interval. */
static void timers_posix_none_and_absolute(struct ktap *t)
{
	struct sigevent ev = sigev(SIGEV_NONE, 0, 0);
	struct itimerspec its = its_ms(1000, 0), cur, old;
	struct timespec now;
	timer_t id;

	KTAP_ASSERT_EQ(t, timer_create(CLOCK_REALTIME, &ev, &id), 0);
	KTAP_EXPECT_EQ(t, timer_settime(id, 0, &its, NULL), 0);
	KTAP_EXPECT_EQ(t, timer_gettime(id, &cur), 0);
	KTAP_EXPECT_GT(t, ts_ms(&cur.it_value), 800);
	KTAP_EXPECT_LE(t, ts_ms(&cur.it_value), 1000);
	clock_gettime(CLOCK_REALTIME, &now);
	its = its_ms(0, 250);
	its.it_value.tv_sec = now.tv_sec + 2;
	its.it_value.tv_nsec = now.tv_nsec;
	KTAP_EXPECT_EQ(t, timer_settime(id, TIMER_ABSTIME, &its, &old), 0);
	KTAP_EXPECT_GT(t, ts_ms(&old.it_value), 800);      /* the 1 s one */
	KTAP_EXPECT_EQ(t, timer_gettime(id, &cur), 0);
	KTAP_EXPECT_GT(t, ts_ms(&cur.it_value), 1800);
	KTAP_EXPECT_LE(t, ts_ms(&cur.it_value), 2000);
	KTAP_EXPECT_EQ(t, ts_ms(&cur.it_interval), 250);
	its.it_value.tv_sec = now.tv_sec - 5;               /* in the past */
	KTAP_EXPECT_EQ(t, timer_settime(id, TIMER_ABSTIME, &its, NULL), 0);
	sleep_ms(50);
	KTAP_EXPECT_EQ(t, timer_gettime(id, &cur), 0);
	KTAP_EXPECT_LE(t, ts_ms(&cur.it_value), 250);       /* expired, periodic */
	KTAP_EXPECT_EQ(t, timer_delete(id), 0);
}

static volatile int thread_got, thread_code;

/* The thread waits for SIGUSR2 (blocked in it, as in the whole process). */
static int thread_waits_for_usr2(void *arg)
{
	sigset_t usr2 = set_of(SIGUSR2);
	struct timespec wait = { 3, 0 };
	siginfo_t si;

	thread_got = (int)__syscall4(__NR_rt_sigtimedwait, &usr2, &si, &wait, 8);
	thread_code = si.si_code;
	return 0;
}

/* SIGEV_THREAD_ID: the signal goes to the thread named, not the process;
 * a tid outside the caller's process is EINVAL. */
static void timers_posix_thread_id(struct ktap *t)
{
	struct sigevent ev = sigev(SIGEV_SIGNAL | SIGEV_THREAD_ID, SIGUSR2, 0);
	struct itimerspec its = its_ms(100, 0);
	sigset_t usr2 = set_of(SIGUSR2), old;
	struct thread th;
	timer_t id;

	thread_got = thread_code = 0;
	sigprocmask(SIG_BLOCK, &usr2, &old);
	KTAP_ASSERT_GT(t, thread_start(&th, thread_waits_for_usr2, NULL, 0), 0);
	ev.sigev_notify_thread_id = th.tid;
	KTAP_ASSERT_EQ(t, timer_create(CLOCK_MONOTONIC, &ev, &id), 0);
	KTAP_EXPECT_EQ(t, timer_settime(id, 0, &its, NULL), 0);
	thread_join(&th);
	KTAP_EXPECT_EQ(t, thread_got, SIGUSR2);
	KTAP_EXPECT_EQ(t, thread_code, SI_TIMER);
	KTAP_EXPECT_EQ(t, timer_delete(id), 0);
	ev.sigev_notify_thread_id = getppid();
	KTAP_EXPECT_EQ(t, timer_create(CLOCK_MONOTONIC, &ev, &id), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* With RLIMIT_SIGPENDING at 0 a timer's signal cannot be charged: EAGAIN. */
static int create_over_sigpending_limit(void)
{
	struct rlimit none = { 0, 0 };
	timer_t id;

	if (setrlimit(RLIMIT_SIGPENDING, &none))
		return 1;
	return timer_create(CLOCK_MONOTONIC, NULL, &id) == -1 && errno == EAGAIN ? 0 : 2;
}

static void timers_posix_errors(struct ktap *t)
{
	struct sigevent ev = sigev(SIGEV_SIGNAL, 0, 0);
	struct itimerspec its = its_ms(10, 0), cur;
	timer_t id;

	KTAP_EXPECT_EQ(t, timer_create(99, NULL, &id), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, timer_create(CLOCK_MONOTONIC, &ev, &id), -1);    /* signal 0 */
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	ev = sigev(SIGEV_SIGNAL, 65, 0);
	KTAP_EXPECT_EQ(t, timer_create(CLOCK_MONOTONIC, &ev, &id), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	ev = sigev(77, SIGUSR1, 0);
	KTAP_EXPECT_EQ(t, timer_create(CLOCK_MONOTONIC, &ev, &id), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, timer_create(CLOCK_MONOTONIC, NULL, (timer_t *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, timer_create(CLOCK_MONOTONIC, (struct sigevent *)16, &id), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, ktap_run_child(create_over_sigpending_limit), 0);
	KTAP_ASSERT_EQ(t, timer_create(CLOCK_MONOTONIC, NULL, &id), 0);
	KTAP_EXPECT_EQ(t, timer_settime(id, 0, NULL, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	its.it_value.tv_nsec = 1000000000;
	KTAP_EXPECT_EQ(t, timer_settime(id, 0, &its, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, timer_settime(id, 0, (struct itimerspec *)16, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, timer_gettime(id, (struct itimerspec *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, timer_delete(id), 0);
	KTAP_EXPECT_EQ(t, timer_delete(id), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, timer_gettime(id, &cur), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, timer_getoverrun(id), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, timer_settime(id, 0, &its, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
}

/* A process that ends with timers armed frees them (on Tasklab the suite's
 * posix_timers leak counter checks it). */
static int exits_with_timers_armed(void)
{
	struct itimerspec its = its_ms(5, 5);
	struct sigevent ev = sigev(SIGEV_SIGNAL, SIGRTMIN + 3, 0);
	sigset_t rt = set_of(SIGRTMIN + 3);
	timer_t id;

	sigprocmask(SIG_BLOCK, &rt, NULL);
	for (int i = 0; i < 3; i++)
		if (timer_create(CLOCK_MONOTONIC, &ev, &id) || timer_settime(id, 0, &its, NULL))
			return 1;
	sleep_ms(50);                    /* a signal pending with its overruns */
	return 0;
}

static void timers_posix_freed_at_exit(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, ktap_run_child(exits_with_timers_armed), 0);
}

/* clock_getres: a resolution of at most one tick for every clock, res may
 * be NULL; an unknown clock EINVAL; EFAULT. */
static void timers_clock_getres(struct ktap *t)
{
	static const int clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
				      CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME };
	struct timespec res;

	for (unsigned int i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		res.tv_sec = res.tv_nsec = -1;
		KTAP_EXPECT_EQ(t, clock_getres(clocks[i], &res), 0);
		KTAP_EXPECT_EQ(t, res.tv_sec, 0);
		KTAP_EXPECT_GT(t, res.tv_nsec, 0);
		KTAP_EXPECT_LE(t, res.tv_nsec, 10000000);
	}
	KTAP_EXPECT_EQ(t, clock_getres(CLOCK_MONOTONIC, NULL), 0);
	KTAP_EXPECT_EQ(t, clock_getres(99, &res), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 7.2 ignores a bad res pointer (Linux: EFAULT)");
		return;
	}
	KTAP_EXPECT_EQ(t, clock_getres(CLOCK_REALTIME, (struct timespec *)16), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
}

/* Linux's struct __kernel_timespec: what the *_time64 calls take. */
struct ts64 {
	long long tv_sec, tv_nsec;
};
struct its64 {
	struct ts64 it_interval, it_value;
};

static long ts64_ms(const struct ts64 *ts)
{
	return (long)(ts->tv_sec * 1000 + ts->tv_nsec / 1000000);
}

/* The clock and sleep calls in their 64-bit-time forms answer directly
 * (glibc 2.34+ calls them first): the same clocks, a 30 ms sleep, a
 * bad timespec EINVAL, a bad pointer EFAULT. */
static void timers_time64_clocks_and_sleeps(struct ktap *t)
{
	struct ts64 ts, req = { 0, 30000000 }, bad = { 0, 1000000000 };
	struct timespec old;
	long start;

	KTAP_EXPECT_EQ(t, syscall(__NR_clock_gettime64, CLOCK_REALTIME, (long)&ts, 0, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, clock_gettime(CLOCK_REALTIME, &old), 0);
	KTAP_EXPECT_LE(t, old.tv_sec - ts.tv_sec, 1);
	KTAP_EXPECT_GE(t, old.tv_sec - ts.tv_sec, 0);
	KTAP_EXPECT_TRUE(t, ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	KTAP_EXPECT_EQ(t, syscall(__NR_clock_gettime64, 99, (long)&ts, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, syscall(__NR_clock_gettime64, CLOCK_MONOTONIC, 16, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, syscall(__NR_clock_getres_time64, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0, 0), 0);
	KTAP_EXPECT_TRUE(t, ts.tv_sec == 0 && ts.tv_nsec > 0 && ts.tv_nsec <= 10000000);
	start = now_ms();
	KTAP_EXPECT_EQ(t, syscall(__NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, (long)&req, 0, 0, 0), 0);
	KTAP_EXPECT_GE(t, now_ms() - start, 29);
	KTAP_EXPECT_EQ(t, syscall(__NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, (long)&bad, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, syscall(__NR_sched_rr_get_interval_time64, 0, (long)&ts, 0, 0, 0, 0), 0);
	KTAP_EXPECT_TRUE(t, ts.tv_sec == 0 && ts.tv_nsec < 1000000000);
}

/* timer_settime64/gettime64 agree with the 32-bit calls; a 30 ms
 * rt_sigtimedwait_time64 ends EAGAIN, a 30 ms futex_time64 wait
 * ETIMEDOUT. */
static void timers_time64_timers_and_waits(struct ktap *t)
{
	struct its64 set = { { 0, 0 }, { 3, 0 } }, got;
	struct itimerspec cur;
	struct ts64 wait = { 0, 30000000 };
	sigset_t usr1 = set_of(SIGUSR1);
	int word = 0;
	timer_t id;
	long start;

	KTAP_ASSERT_EQ(t, timer_create(CLOCK_MONOTONIC, NULL, &id), 0);
	KTAP_EXPECT_EQ(t, syscall(__NR_timer_settime64, id, 0, (long)&set, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, syscall(__NR_timer_gettime64, id, (long)&got, 0, 0, 0, 0), 0);
	KTAP_EXPECT_GT(t, ts64_ms(&got.it_value), 2500);
	KTAP_EXPECT_LE(t, ts64_ms(&got.it_value), 3000);
	KTAP_EXPECT_EQ(t, timer_gettime(id, &cur), 0);
	KTAP_EXPECT_GT(t, ts_ms(&cur.it_value), 2500);
	KTAP_EXPECT_EQ(t, timer_delete(id), 0);
	start = now_ms();
	KTAP_EXPECT_EQ(t, syscall(__NR_rt_sigtimedwait_time64, (long)&usr1, 0, (long)&wait, 8, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EAGAIN);
	KTAP_EXPECT_GE(t, now_ms() - start, 29);
	start = now_ms();
	KTAP_EXPECT_EQ(t, syscall(__NR_futex_time64, (long)&word, FUTEX_WAIT_PRIVATE, 0,
				  (long)&wait, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ETIMEDOUT);
	KTAP_EXPECT_GE(t, now_ms() - start, 29);
}

/* A page that is not mapped any more, and one mapped PROT_NONE. */
static int *unmapped_word(void)
{
	int *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p, 4096);
	return p;
}

/* FUTEX_CMP_REQUEUE and FUTEX_REQUEUE on shared futexes (no PRIVATE flag)
 * fault on an unmapped or PROT_NONE word, either one (LTP's
 * futex_cmp_requeue03); a private requeue never reads uaddr2 (Linux keys
 * it by address alone). */
static void timers_futex_requeue_bad_address(struct ktap *t)
{
	int word = 0, *gone = unmapped_word();
	int *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	KTAP_ASSERT_TRUE(t, none != MAP_FAILED);
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)1, gone, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)1, none, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, futex(gone, FUTEX_CMP_REQUEUE, 1, (void *)1, &word, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, futex(none, FUTEX_CMP_REQUEUE, 1, (void *)1, &word, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_REQUEUE, 1, (void *)1, none, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, gone, 0), 0);
	KTAP_EXPECT_EQ(t, futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)1, &word + 1, 0), 0);
	munmap(none, 4096);
}

/* The child's wait: 1 s on a word nobody changes; exit 0 when it timed
 * out after 0.9..1.5 s, else a code saying what happened. */
static int futex_waits_one_second(int *word)
{
	struct timespec one = { 1, 0 };
	long start = now_ms(), took;

	if (futex(word, FUTEX_WAIT, 0, &one, NULL, 0) != -1)
		return 1;
	took = now_ms() - start;
	if (errno != ETIMEDOUT)
		return errno == EINTR ? 2 : 3;
	return took >= 900 && took < 1500 ? 0 : 4;
}

/* The number of sleepers on a shared futex word, once it is n (polled
 * every 1 ms for up to 2 s): a REQUEUE onto the word itself moves nobody
 * and counts them. So the parent stops the child inside its wait, however
 * slow the machine, instead of after a guessed delay. */
static long shared_futex_sleepers(int *word, long n)
{
	long got = -1;

	for (int i = 0; i < 2000 && got != n; i++) {
		got = futex(word, FUTEX_REQUEUE, 0, (void *)0x7fffffff, word, 0);
		if (got != n)
			sleep_ms(1);
	}
	return got;
}

/* A futex wait with a timeout stopped and continued (no handler runs)
 * sleeps on through restart_syscall to its first end: not EINTR, and not
 * the whole second again after the 0.5 s stop. */
static void timers_futex_timeout_survives_stop(struct ktap *t)
{
	int *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status = -1;
	pid_t pid;

	KTAP_ASSERT_TRUE(t, word != MAP_FAILED);
	*word = 0;
	pid = fork();
	if (pid == 0)
		_exit(futex_waits_one_second(word));
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, shared_futex_sleepers(word, 1), 1);   /* in its wait */
	KTAP_EXPECT_EQ(t, kill(pid, SIGSTOP), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	sleep_ms(500);                   /* the stop's length: part of the test */
	KTAP_EXPECT_EQ(t, kill(pid, SIGCONT), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 0);
	munmap(word, 4096);
}

/* With a handler (even SA_RESTART) a timed wait ends EINTR, as Linux. */
static void timers_futex_timeout_eintr_with_handler(struct ktap *t)
{
	struct timespec two = { 2, 0 };
	int word = 0;
	long ret;
	pid_t sender;

	sender = keep_signalling(SIGUSR1, gettid(), SA_RESTART, NULL);
	KTAP_ASSERT_GT(t, sender, 0);
	in_call = 1;
	ret = futex(&word, FUTEX_WAIT_PRIVATE, 0, &two, NULL, 0);
	KTAP_EXPECT_EQ(t, ret, -1);
	KTAP_EXPECT_EQ(t, errno, EINTR);
	stop_signalling(SIGUSR1, sender);
	KTAP_EXPECT_GE(t, call_hits, 1);
}

static const struct ktap_case timer_cases[] = {
	KTAP_CASE(timers_alarm_wakes_sigsuspend),
	KTAP_CASE(timers_alarm_shares_itimer_real),
	KTAP_CASE(timers_itimer_real_periodic),
	KTAP_CASE(timers_itimer_virtual_and_prof),
	KTAP_CASE(timers_itimer_errors),
	KTAP_CASE(timers_fork_and_exec),
	KTAP_CASE(timers_posix_signal),
	KTAP_CASE(timers_posix_periodic_overrun),
	KTAP_CASE(timers_posix_none_and_absolute),
	KTAP_CASE(timers_posix_thread_id),
	KTAP_CASE(timers_posix_errors),
	KTAP_CASE(timers_posix_freed_at_exit),
	KTAP_CASE(timers_clock_getres),
	KTAP_CASE(timers_time64_clocks_and_sleeps),
	KTAP_CASE(timers_time64_timers_and_waits),
	KTAP_CASE(timers_futex_requeue_bad_address),
	KTAP_CASE(timers_futex_timeout_survives_stop),
	KTAP_CASE(timers_futex_timeout_eintr_with_handler),
	{}
};

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--after-exec"))
		return after_exec(argv[2]);
	return ktap_run_suite("timers", timer_cases);
}
