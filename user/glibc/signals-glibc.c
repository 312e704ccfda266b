/* user/glibc/signals-glibc.c: glibc's own signal code on the kernel's ABI,
 * unmodified: sigaction with glibc's restorers (sigreturn and
 * rt_sigreturn), its 128-byte sigset_t over the kernel's 8 bytes, raise
 * (which blocks everything around tgkill), abort, sigsetjmp/siglongjmp out
 * of a SIGSEGV handler, sigwait, SIGCHLD with siginfo, and nanosleep
 * (clock_nanosleep underneath) ended by a handled signal. Prints a KTAP
 * suite (`signals_glibc`) and exits 0 when every check held; the kernel runs
 * it as a program suite and tests/run.py runs it on Linux under qemu-i386. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures, cases;
static volatile sig_atomic_t hits, last_code, last_pid;
static sigjmp_buf env;
static volatile int *volatile bad_pointer = (int *)16;   /* an unmapped page */

static void check(const char *name, int ok)
{
	cases++;
	if (!ok)
		failures++;
	printf("    %sok %d %s\n", ok ? "" : "not ", cases, name);
}

static void on_usr1(int sig) { hits += sig == SIGUSR1; }

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	hits += sig == SIGCHLD && uc != NULL;
	last_code = si->si_code;
	last_pid = si->si_pid;
}

static void on_segv(int sig) { siglongjmp(env, sig); }

int main(void)
{
	struct sigaction sa;
	sigset_t set, old;
	int status, sig = 0;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("    KTAP version 1\n    # Subtest: signals_glibc\n    1..8\n");

	signal(SIGUSR1, on_usr1);                 /* plain handler: __restore */
	raise(SIGUSR1);
	check("glibc_signal_and_raise", hits == 1);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	check("glibc_blocked_stays_pending", hits == 1 && (sigpending(&set), sigismember(&set, SIGUSR1)));
	sigprocmask(SIG_SETMASK, &old, NULL);
	check("glibc_unblock_delivers", hits == 2);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_segv;
	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(env, 1) == 0)
		*bad_pointer = 1;
	sigprocmask(SIG_SETMASK, NULL, &set);
	check("glibc_siglongjmp_out_of_segv", !sigismember(&set, SIGSEGV));

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;                /* SA_SIGINFO: __restore_rt */
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	hits = 0;
	pid = fork();
	if (pid == 0)
		abort();
	waitpid(pid, &status, 0);
	check("glibc_abort_and_sigchld", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
	      hits == 1 && last_code == CLD_KILLED && last_pid == pid);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR2);
	check("glibc_sigwait", sigwait(&set, &sig) == 0 && sig == SIGUSR2);

	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	check("glibc_kill_child", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);

	/* glibc's nanosleep (clock_nanosleep underneath) cut short by a
	 * handled signal: EINTR and the time left */
	signal(SIGCHLD, SIG_DFL);
	hits = 0;
	signal(SIGUSR1, on_usr1);
	pid = fork();
	if (pid == 0) {
		struct timespec d = { 0, 50000000 };

		nanosleep(&d, NULL);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	{
		struct timespec req = { 5, 0 }, rem = { 0, 0 };
		int r = nanosleep(&req, &rem);

		check("glibc_nanosleep_eintr", r == -1 && errno == EINTR && hits == 1 &&
		      rem.tv_sec >= 3 && rem.tv_sec <= 4);
	}
	waitpid(pid, &status, 0);
	return failures ? 1 : 0;
}
