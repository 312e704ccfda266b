/* user/lib/utest_signal.c: the recording handlers and the small signal
 * helpers of include/utest_signal.h, shared by the utest_signal* programs. */
#include <string.h>
#include <unistd.h>
#include <utest_signal.h>

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
