/* user/lib/utest_signal.c: the recording handlers and the small signal
 * helpers of include/utest_signal.h, shared by the utest_signal* programs
 * and utest_wait, utest_timers and utest_prctl: a signal sent once after a
 * delay, and the signal stream that lands a handler inside a blocking
 * call. */
#include <string.h>
#include <unistd.h>
#include <utest.h>
#include <utest_signal.h>
#include <sys/wait.h>

volatile int hits, last_sig, last_code, last_pid, last_status;
volatile unsigned long last_addr;
volatile void *last_uc;
volatile int skip_bytes, fault_tid;
volatile unsigned long fault_eip;

void count_handler(int sig)
{
	hits++;
	last_sig = sig;
}

void info_handler(int sig, siginfo_t *si, void *uc)
{
	hits++;
	last_sig = si->si_signo;
	last_code = si->si_code;
	last_pid = si->si_pid;
	last_status = si->si_status;
	last_uc = uc;
}

int set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	return sigaction(sig, &sa, NULL);
}

int set_info_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = flags | SA_SIGINFO;
	return sigaction(sig, &sa, NULL);
}

sigset_t set_of(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	if (sig)
		sigaddset(&s, sig);
	return s;
}

void trap_step_handler(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_addr = (unsigned long)si->si_addr;
	fault_eip = uc->uc_mcontext.gregs[REG_EIP];
	fault_tid = gettid();
	uc->uc_mcontext.gregs[REG_EIP] += skip_bytes;
	uc->uc_mcontext.gregs[REG_EAX] = 42;
}

pid_t send_later(int sig, long ms)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		sleep_ms(ms);
		kill(parent, sig);
		_exit(0);
	}
	return pid;
}

volatile int in_call, call_hits;
static void (*volatile on_second_hit)(void);

static void call_hit_handler(int sig)
{
	hits++;
	if (in_call && ++call_hits == 2 && on_second_hit)
		on_second_hit();
}

pid_t keep_signalling(int sig, pid_t tid, int flags, void (*second_hit)(void))
{
	pid_t tgid = getpid(), pid;

	in_call = call_hits = 0;
	on_second_hit = second_hit;
	set_handler(sig, call_hit_handler, flags);
	pid = fork();
	if (pid == 0) {
		for (;;) {
			tgkill(tgid, tid, sig);
			sleep_ms(2);               /* a pace, not a wait for anything */
		}
	}
	return pid;
}

void stop_signalling(int sig, pid_t sender)
{
	in_call = 0;
	if (sender > 0) {
		kill(sender, SIGKILL);
		waitpid(sender, NULL, 0);
	}
	set_handler(sig, SIG_DFL, 0);
}
