/* user/lib/signal.c: the signal calls of user/include/signal.h over the rt_
 * system calls with the kernel's 8-byte sigset. sigaction passes the
 * kernel its struct (handler, flags, restorer, mask) with SA_RESTORER and
 * one of two restorers, as glibc does: __restore for plain handlers (pops
 * the signal number, then sigreturn) and __restore_rt for SA_SIGINFO ones
 * (rt_sigreturn). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#define RET(x) return __syscall_ret(x)
#define KSIGSET_SIZE 8

void __restore(void);
void __restore_rt(void);
__asm__(".text\n"
	".globl __restore\n"
	"__restore:\n"
	"	popl %eax\n"
	"	movl $119, %eax\n"          /* __NR_sigreturn */
	"	int $0x80\n"
	".globl __restore_rt\n"
	"__restore_rt:\n"
	"	movl $173, %eax\n"          /* __NR_rt_sigreturn */
	"	int $0x80\n");

struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	sigset_t mask;
};

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	struct kernel_sigaction k, ko;
	long r;

	if (act) {
		k.handler = (void *)act->sa_handler;
		k.flags = act->sa_flags | SA_RESTORER;
		k.restorer = (act->sa_flags & SA_SIGINFO) ? __restore_rt : __restore;
		k.mask = act->sa_mask;
	}
	r = __syscall4(__NR_rt_sigaction, sig, act ? &k : NULL, oact ? &ko : NULL, KSIGSET_SIZE);
	if (r == 0 && oact) {
		memset(oact, 0, sizeof(*oact));
		oact->sa_handler = (sighandler_t)ko.handler;
		oact->sa_flags = (int)ko.flags;
		oact->sa_restorer = ko.restorer;
		oact->sa_mask = ko.mask;
	}
	RET(r);
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	return sigaction(sig, &sa, &old) ? SIG_ERR : old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	RET(__syscall4(__NR_rt_sigprocmask, how, set, oset, KSIGSET_SIZE));
}

int sigpending(sigset_t *set)           { RET(__syscall2(__NR_rt_sigpending, set, KSIGSET_SIZE)); }
int sigsuspend(const sigset_t *mask)    { RET(__syscall2(__NR_rt_sigsuspend, mask, KSIGSET_SIZE)); }
int pause(void)                         { RET(__syscall0(__NR_pause)); }
int sigaltstack(const stack_t *ss, stack_t *oss) { RET(__syscall2(__NR_sigaltstack, ss, oss)); }
int tkill(pid_t tid, int sig)           { RET(__syscall2(__NR_tkill, tid, sig)); }
int tgkill(pid_t tgid, pid_t tid, int sig) { RET(__syscall3(__NR_tgkill, tgid, tid, sig)); }

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)
{
	RET(__syscall4(__NR_rt_sigtimedwait, set, info, timeout, KSIGSET_SIZE));
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
	return sigtimedwait(set, info, NULL);
}

/* POSIX: the error number is returned, errno untouched. */
int sigwait(const sigset_t *set, int *sig)
{
	long r;

	do
		r = __syscall4(__NR_rt_sigtimedwait, set, NULL, NULL, KSIGSET_SIZE);
	while (r == -EINTR);
	if (r < 0)
		return (int)-r;
	*sig = (int)r;
	return 0;
}

/* raise(): to the calling thread, as glibc (tgkill). */
int raise(int sig)
{
	return tgkill(getpid(), gettid(), sig);
}

int sigemptyset(sigset_t *set)
{
	set->sig[0] = set->sig[1] = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	set->sig[0] = set->sig[1] = ~0UL;
	return 0;
}

static int bad_signal(int sig)
{
	if (sig >= 1 && sig <= NSIG)
		return 0;
	errno = EINVAL;
	return -1;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->sig[(sig - 1) / 32] |= 1UL << ((sig - 1) % 32);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->sig[(sig - 1) / 32] &= ~(1UL << ((sig - 1) % 32));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return !!(set->sig[(sig - 1) / 32] & (1UL << ((sig - 1) % 32)));
}
