/* user/glibc/pthread-signal.c: signal handlers are per process, signals
 * are delivered per thread. Main installs a SIGUSR1 handler with sigaction
 * and sends SIGUSR1 to another thread with pthread_kill (tgkill): the
 * handler must run once, in that thread (its pthread_self and kernel tid
 * recorded by the handler), not in main. Then main blocks SIGUSR2 and
 * sends it to the whole process with kill: the signal must be taken by the
 * one thread that does not block it. The target thread waits in
 * nanosleep loops until the handlers have run. */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include "selfcheck.h"

static volatile sig_atomic_t runs[2];
static pthread_t seen_self[2];
static volatile pid_t seen_tid[2];
static volatile pid_t target_tid;
static volatile int quit;

static void handler(int sig)
{
	int i = sig == SIGUSR2;

	seen_self[i] = pthread_self();
	seen_tid[i] = thread_id();
	runs[i]++;
}

static void nap(void)
{
	struct timespec ts = { 0, 1000000L };

	nanosleep(&ts, NULL);
}

static void *target(void *arg)
{
	(void)arg;
	target_tid = thread_id();
	while (!quit)
		nap();
	return NULL;
}

/* Wait (at most ~5 s of naps) until the handler for slot i has run. */
static int wait_run(int i)
{
	for (int n = 0; n < 5000 && !runs[i]; n++)
		nap();
	return runs[i];
}

int main(void)
{
	struct sigaction sa;
	sigset_t usr2;
	pthread_t t;
	pid_t main_tid = thread_id();

	selfcheck_prog = "pthread-signal";
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	check(sigaction(SIGUSR1, &sa, NULL) == 0 && sigaction(SIGUSR2, &sa, NULL) == 0,
	      "sigaction installed the handler for SIGUSR1 and SIGUSR2 in main (tid %d)", (int)main_tid);
	if (!check(pthread_create(&t, NULL, target, NULL) == 0, "target thread started"))
		return finish();
	while (!target_tid)
		nap();
	check(pthread_kill(t, SIGUSR1) == 0, "pthread_kill(target, SIGUSR1)");
	wait_run(0);
	check(runs[0] == 1, "the SIGUSR1 handler ran once (%d)", (int)runs[0]);
	check(pthread_equal(seen_self[0], t), "it ran with pthread_self() == the target");
	check(seen_tid[0] == target_tid && seen_tid[0] != main_tid,
	      "it ran in the target's kernel thread (tid %d; target %d, main %d)",
	      (int)seen_tid[0], (int)target_tid, (int)main_tid);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	check(pthread_sigmask(SIG_BLOCK, &usr2, NULL) == 0, "main blocks SIGUSR2");
	check(kill(getpid(), SIGUSR2) == 0, "kill(getpid(), SIGUSR2) to the whole process");
	wait_run(1);
	check(runs[1] == 1 && seen_tid[1] == target_tid,
	      "the thread not blocking it took it (tid %d, %d runs)", (int)seen_tid[1], (int)runs[1]);
	quit = 1;
	check(pthread_join(t, NULL) == 0, "target joined");
	check(runs[0] == 1 && runs[1] == 1, "no handler ran twice");
	return finish();
}
