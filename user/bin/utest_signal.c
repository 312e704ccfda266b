/* user/bin/utest_signal.c: KTAP self-tests of signals as a program sees
 * them: handlers entered and left with every register (general, eflags,
 * x87 and SSE) as the interrupted code had them; SA_SIGINFO's siginfo and
 * ucontext (a SIGSEGV handler that reads si_addr and repairs the faulting
 * instruction through uc_mcontext); blocking, pending and delivery on
 * unblock (standard signals merge, real-time ones queue); sigsuspend;
 * sigtimedwait/sigwaitinfo/sigwait;
 * SA_RESTART against EINTR on a blocking pipe read; SA_RESETHAND,
 * SA_NODEFER and the handler's mask; the alternate stack; the errors
 * (EINVAL for SIGKILL/SIGSTOP actions and bad numbers, ESRCH); job control
 * (SIGSTOP, SIGCONT and wait4's WUNTRACED/WCONTINUED); SIGCHLD with the
 * clone exit signal and its siginfo; SIG_IGN'd SIGCHLD reaping children;
 * default actions seen by wait4; and with threads: which thread takes a
 * signal (tgkill, a group signal one thread blocks, a fault), a fatal
 * signal to one thread ending the group, a group stop; EPERM for a child
 * turned user 1000 (setresuid). Runs on Tasklab and under qemu-i386 on the
 * build host (Linux's ABI), where both must pass; the kernel suite
 * `signal_kernel` checks the permission rules in-kernel too. */
#include <errno.h>
#include <futex.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static volatile int hits, last_sig, last_code, last_pid, last_status;
static volatile unsigned long last_addr, handler_blocked_lo;
static volatile void *last_uc;

static void count_handler(int sig)
{
	hits++;
	last_sig = sig;
}

static void info_handler(int sig, siginfo_t *si, void *uc)
{
	hits++;
	last_sig = si->si_signo;
	last_code = si->si_code;
	last_pid = si->si_pid;
	last_status = si->si_status;
	last_uc = uc;
}

static int set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	return sigaction(sig, &sa, NULL);
}

static int set_info_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = flags | SA_SIGINFO;
	return sigaction(sig, &sa, NULL);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static sigset_t set_of(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	if (sig)
		sigaddset(&s, sig);
	return s;
}

/* A handler that returns with every register it can reach changed: only
 * sigreturn can give the interrupted code its own back. */
void clobber_handler(int sig);
__asm__(".text\n"
	".globl clobber_handler\n"
	"clobber_handler:\n"
	"	incl clobber_hits\n"
	"	movl $0xdead0001, %eax\n"
	"	movl $0xdead0002, %ebx\n"
	"	movl $0xdead0003, %ecx\n"
	"	movl $0xdead0004, %edx\n"
	"	movl $0xdead0005, %esi\n"
	"	movl $0xdead0006, %edi\n"
	"	pcmpeqd %xmm0, %xmm0\n"
	"	fninit\n"
	"	fld1\n"
	"	std\n"
	"	ret\n");

volatile int clobber_hits;
unsigned long sig_reg_out[7];
unsigned int sig_xmm_in[4] = { 0x01234567, 0x89abcdef, 0x0badf00d, 0xfeedface };
unsigned int sig_xmm_out[4];
double sig_x87_in = 2.5, sig_x87_out;

/* kill(self, SIGUSR1) from asm with known values in every register; the
 * clobbering handler runs on that system call's way out. */
static void kill_self_with_known_registers(void)
{
	long pid = getpid();

	set_handler(SIGUSR1, clobber_handler, 0);
	__asm__ __volatile__(
		"movdqu sig_xmm_in, %%xmm0\n\t"
		"fldl sig_x87_in\n\t"
		"movl %0, %%ebx\n\t"
		"movl $10, %%ecx\n\t"
		"movl $0x11111111, %%edx\n\t"
		"movl $0x22222222, %%esi\n\t"
		"movl $0x33333333, %%edi\n\t"
		"movl $37, %%eax\n\t"
		"int $0x80\n\t"
		"movl %%eax, sig_reg_out\n\t"
		"movl %%ebx, sig_reg_out+4\n\t"
		"movl %%ecx, sig_reg_out+8\n\t"
		"movl %%edx, sig_reg_out+12\n\t"
		"movl %%esi, sig_reg_out+16\n\t"
		"movl %%edi, sig_reg_out+20\n\t"
		"pushfl\n\t"
		"popl sig_reg_out+24\n\t"
		"movdqu %%xmm0, sig_xmm_out\n\t"
		"fstpl sig_x87_out\n\t"
		:: "m"(pid) : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
	set_handler(SIGUSR1, SIG_DFL, 0);
}

static void signal_handler_keeps_registers(struct ktap *t)
{
	long pid = getpid();

	clobber_hits = 0;
	kill_self_with_known_registers();
	KTAP_EXPECT_EQ(t, clobber_hits, 1);
	KTAP_EXPECT_EQ(t, sig_reg_out[0], 0);              /* kill's result */
	KTAP_EXPECT_EQ(t, sig_reg_out[1], pid);
	KTAP_EXPECT_EQ(t, sig_reg_out[2], 10);
	KTAP_EXPECT_EQ(t, sig_reg_out[3], 0x11111111);
	KTAP_EXPECT_EQ(t, sig_reg_out[4], 0x22222222);
	KTAP_EXPECT_EQ(t, sig_reg_out[5], 0x33333333);
	KTAP_EXPECT_EQ(t, sig_reg_out[6] & 0x400, 0);      /* DF as it was */
	KTAP_EXPECT_EQ(t, memcmp(sig_xmm_in, sig_xmm_out, sizeof(sig_xmm_in)), 0);
}

/* The x87 stack: 2.5 pushed before, popped after the handler's fninit. */
static void signal_handler_keeps_x87(struct ktap *t)
{
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 (7.2) does not restore the x87 registers after a handler");
		return;
	}
	clobber_hits = 0;
	sig_x87_out = 0;
	kill_self_with_known_registers();
	KTAP_EXPECT_EQ(t, clobber_hits, 1);
	KTAP_EXPECT_TRUE(t, sig_x87_out == 2.5);
}

/* SA_SIGINFO: who sent it (kill: SI_USER and our pid; raise goes through
 * tgkill: SI_TKILL), and a ucontext. */
static void signal_siginfo(struct ktap *t)
{
	hits = 0;
	KTAP_ASSERT_EQ(t, set_info_handler(SIGUSR2, info_handler, 0), 0);
	KTAP_EXPECT_EQ(t, kill(getpid(), SIGUSR2), 0);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_EQ(t, last_sig, SIGUSR2);
	KTAP_EXPECT_EQ(t, last_code, SI_USER);
	KTAP_EXPECT_EQ(t, last_pid, getpid());
	KTAP_EXPECT_TRUE(t, last_uc != NULL);
	KTAP_EXPECT_EQ(t, raise(SIGUSR2), 0);
	KTAP_EXPECT_EQ(t, hits, 2);
	KTAP_EXPECT_EQ(t, last_code, SI_TKILL);
	set_handler(SIGUSR2, SIG_DFL, 0);
}

/* Blocked: stays pending (standard signals once, real-time ones each
 * time), delivered when unblocked. */
static void signal_blocked_then_delivered(struct ktap *t)
{
	sigset_t s = set_of(SIGUSR1), pend, old;

	hits = 0;
	sigaddset(&s, SIGRTMIN + 2);
	set_handler(SIGUSR1, count_handler, 0);
	set_handler(SIGRTMIN + 2, count_handler, 0);
	KTAP_ASSERT_EQ(t, sigprocmask(SIG_BLOCK, &s, &old), 0);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	for (int i = 0; i < 3; i++)
		kill(getpid(), SIGRTMIN + 2);
	KTAP_EXPECT_EQ(t, hits, 0);
	KTAP_EXPECT_EQ(t, sigpending(&pend), 0);
	KTAP_EXPECT_EQ(t, sigismember(&pend, SIGUSR1), 1);
	KTAP_EXPECT_EQ(t, sigismember(&pend, SIGRTMIN + 2), 1);
	KTAP_EXPECT_EQ(t, sigismember(&pend, SIGUSR2), 0);
	KTAP_EXPECT_EQ(t, sigprocmask(SIG_SETMASK, &old, NULL), 0);
	KTAP_EXPECT_EQ(t, hits, 1 + 3);
	KTAP_EXPECT_EQ(t, sigpending(&pend), 0);
	KTAP_EXPECT_EQ(t, sigismember(&pend, SIGUSR1), 0);
	set_handler(SIGUSR1, SIG_DFL, 0);
	set_handler(SIGRTMIN + 2, SIG_DFL, 0);
}

/* Without SA_RESTORER the handler returns through the retcode the kernel
 * wrote into the frame (sigreturn for a plain handler, rt_sigreturn for
 * SA_SIGINFO): installed with the raw system call, as no libc does. */
struct raw_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask[2];
};

static void signal_kernel_trampoline(struct ktap *t)
{
	struct raw_sigaction sa = { (void *)count_handler, 0, NULL, { 0, 0 } };

	hits = 0;
	KTAP_ASSERT_EQ(t, syscall(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 8, 0, 0), 0);
	KTAP_EXPECT_EQ(t, raise(SIGUSR1), 0);
	KTAP_EXPECT_EQ(t, hits, 1);
	sa.handler = (void *)info_handler;
	sa.flags = SA_SIGINFO;
	KTAP_ASSERT_EQ(t, syscall(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 8, 0, 0), 0);
	KTAP_EXPECT_EQ(t, kill(getpid(), SIGUSR1), 0);
	KTAP_EXPECT_EQ(t, hits, 2);
	KTAP_EXPECT_EQ(t, last_code, SI_USER);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* SIGKILL and SIGSTOP cannot be blocked: sigprocmask drops them quietly. */
static void signal_mask_rules(struct ktap *t)
{
	sigset_t all, now, old;

	sigfillset(&all);
	KTAP_ASSERT_EQ(t, sigprocmask(SIG_SETMASK, &all, &old), 0);
	KTAP_ASSERT_EQ(t, sigprocmask(SIG_SETMASK, NULL, &now), 0);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGKILL), 0);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGSTOP), 0);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGTERM), 1);
	KTAP_EXPECT_EQ(t, sigprocmask(SIG_SETMASK, &old, NULL), 0);
	KTAP_EXPECT_EQ(t, sigprocmask(7, &all, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	/* the kernel's sigset is 8 bytes: anything else is EINVAL */
	KTAP_EXPECT_EQ(t, syscall(__NR_rt_sigprocmask, SIG_BLOCK, (long)&all, 0, 4, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, syscall(__NR_rt_sigprocmask, SIG_BLOCK, 16, 0, 8, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
}

static void mask_probe_handler(int sig)
{
	sigset_t now;

	hits++;
	sigprocmask(SIG_SETMASK, NULL, &now);
	handler_blocked_lo = now.sig[0];
}

/* In a handler: its own signal and sa_mask are blocked (not its own with
 * SA_NODEFER); after it, the old mask is back. SA_RESETHAND runs it once. */
static void signal_handler_mask_and_flags(struct ktap *t)
{
	struct sigaction sa, cur;
	sigset_t now;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mask_probe_handler;
	sigaddset(&sa.sa_mask, SIGTERM);
	sa.sa_flags = SA_RESETHAND;
	hits = 0;
	KTAP_ASSERT_EQ(t, sigaction(SIGUSR1, &sa, NULL), 0);
	kill(getpid(), SIGUSR1);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_TRUE(t, handler_blocked_lo & (1UL << (SIGUSR1 - 1)));
	KTAP_EXPECT_TRUE(t, handler_blocked_lo & (1UL << (SIGTERM - 1)));
	sigprocmask(SIG_SETMASK, NULL, &now);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGUSR1), 0);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGTERM), 0);
	KTAP_ASSERT_EQ(t, sigaction(SIGUSR1, NULL, &cur), 0);
	KTAP_EXPECT_TRUE(t, cur.sa_handler == SIG_DFL);      /* SA_RESETHAND */

	sa.sa_flags = SA_NODEFER;
	KTAP_ASSERT_EQ(t, sigaction(SIGUSR1, &sa, NULL), 0);
	kill(getpid(), SIGUSR1);
	KTAP_EXPECT_EQ(t, hits, 2);
	KTAP_EXPECT_TRUE(t, !(handler_blocked_lo & (1UL << (SIGUSR1 - 1))));
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* sigsuspend: wait with SIGUSR1 unblocked, handler runs, EINTR, and the
 * mask from before (SIGUSR1 blocked) is back. */
static void signal_sigsuspend(struct ktap *t)
{
	sigset_t blk = set_of(SIGUSR1), empty = set_of(0), old, now;
	pid_t parent = getpid(), pid;
	int status;

	hits = 0;
	set_handler(SIGUSR1, count_handler, 0);
	sigprocmask(SIG_BLOCK, &blk, &old);
	pid = fork();
	if (pid == 0) {
		sleep_ms(50);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, sigsuspend(&empty), -1);
	KTAP_EXPECT_EQ(t, errno, EINTR);
	KTAP_EXPECT_EQ(t, hits, 1);
	sigprocmask(SIG_SETMASK, NULL, &now);
	KTAP_EXPECT_EQ(t, sigismember(&now, SIGUSR1), 1);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	sigprocmask(SIG_SETMASK, &old, NULL);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* ---- a signal that must arrive during a blocking call ----
 * Rather than sending it "late enough" (a guess a loaded machine can
 * beat), a child sends it to the calling thread every 2 ms until stopped.
 * The handler counts the hits taken while in_call is set (from just before
 * the call until it returns): without SA_RESTART the first such hit ends
 * the call with EINTR; with it the call goes on, and the second hit (the
 * call has surely begun by then) runs on_second_hit, which makes the
 * call's own event happen, so the call ends only after it was interrupted
 * and restarted. No result depends on how long anything took. */
static volatile int in_call, call_hits;
static void (*volatile on_second_hit)(void);

static void call_hit_handler(int sig)
{
	hits++;
	if (in_call && ++call_hits == 2 && on_second_hit)
		on_second_hit();
}

/* Handle sig with call_hit_handler (flags: SA_RESTART or 0) and start the
 * sender, which signals thread tid of ours until stop_signalling; its pid. */
static pid_t keep_signalling(int sig, pid_t tid, int flags, void (*second_hit)(void))
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

/* End the sender; a signal it left pending is handled as waitpid returns,
 * before the default action is back. */
static void stop_signalling(int sig, pid_t sender)
{
	in_call = 0;
	if (sender > 0) {
		kill(sender, SIGKILL);
		waitpid(sender, NULL, 0);
	}
	set_handler(sig, SIG_DFL, 0);
}

static int data_pipe[2];

static void write_data(void)
{
	write(data_pipe[1], "d", 1);
}

/* A read blocked on an empty pipe, signals with a handler: EINTR without
 * SA_RESTART; with it the read goes on and gets the byte written at the
 * second hit. */
static long read_with_signal(int flags, char *c)
{
	pid_t sender;
	long n;

	if (pipe(data_pipe))
		return -100;
	sender = keep_signalling(SIGUSR1, gettid(), flags, write_data);
	in_call = 1;
	n = read(data_pipe[0], c, 1);
	if (n < 0)
		n = -errno;
	stop_signalling(SIGUSR1, sender);
	close(data_pipe[0]);
	close(data_pipe[1]);
	return n;
}

static void signal_restart_vs_eintr(struct ktap *t)
{
	char c = 0;

	KTAP_EXPECT_EQ(t, read_with_signal(0, &c), -EINTR);
	KTAP_EXPECT_GE(t, call_hits, 1);
	KTAP_EXPECT_EQ(t, read_with_signal(SA_RESTART, &c), 1);
	KTAP_EXPECT_EQ(t, c, 'd');
	KTAP_EXPECT_GE(t, call_hits, 2);              /* interrupted, then restarted */
}

/* Faults through one SA_SIGINFO handler that records the siginfo and
 * repairs the interrupted code through uc_mcontext: eip past the faulting
 * instruction (skip_bytes; 0 for int3, a trap that already points past
 * itself) and eax = 42 (the asm says eax is clobbered). */
static volatile int skip_bytes, fault_tid;
static volatile unsigned long fault_eip;

static void trap_step_handler(int sig, siginfo_t *si, void *ucp)
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

static void signal_segv_handler_sees_addr(struct ktap *t)
{
	long v;

	hits = 0;
	KTAP_ASSERT_EQ(t, set_info_handler(SIGSEGV, trap_step_handler, 0), 0);
	skip_bytes = 2;
	__asm__ __volatile__("movl $0x1234, %%ecx\n\t"
			     "movl (%%ecx), %%eax\n\t"     /* 8b 01: two bytes */
			     : "=a"(v) :: "ecx", "memory");
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_EQ(t, last_sig, SIGSEGV);
	KTAP_EXPECT_EQ(t, last_code, SEGV_MAPERR);
	KTAP_EXPECT_EQ(t, last_addr, 0x1234);
	KTAP_EXPECT_EQ(t, v, 42);
	set_handler(SIGSEGV, SIG_DFL, 0);
}

extern char ud2_at[], int3_after[], cli_at[];

static void signal_traps_to_signals(struct ktap *t)
{
	hits = 0;
	set_info_handler(SIGILL, trap_step_handler, 0);
	set_info_handler(SIGTRAP, trap_step_handler, 0);
	set_info_handler(SIGSEGV, trap_step_handler, 0);
	skip_bytes = 2;
	__asm__ __volatile__(".globl ud2_at\nud2_at: ud2" ::: "eax", "memory");
	KTAP_EXPECT_EQ(t, last_sig, SIGILL);
	KTAP_EXPECT_EQ(t, last_code, ILL_ILLOPN);
	KTAP_EXPECT_EQ(t, last_addr, (unsigned long)ud2_at);
	KTAP_EXPECT_EQ(t, fault_eip, (unsigned long)ud2_at);
	skip_bytes = 0;
	__asm__ __volatile__("int3\n.globl int3_after\nint3_after:" ::: "eax", "memory");
	KTAP_EXPECT_EQ(t, last_sig, SIGTRAP);
	KTAP_EXPECT_EQ(t, last_code, SI_KERNEL);
	KTAP_EXPECT_EQ(t, fault_eip, (unsigned long)int3_after);
	skip_bytes = 1;
	__asm__ __volatile__(".globl cli_at\ncli_at: cli" ::: "eax", "memory");   /* #GP in ring 3 */
	KTAP_EXPECT_EQ(t, last_sig, SIGSEGV);
	KTAP_EXPECT_EQ(t, last_code, SI_KERNEL);
	KTAP_EXPECT_EQ(t, fault_eip, (unsigned long)cli_at);
	KTAP_EXPECT_EQ(t, hits, 3);
	set_handler(SIGILL, SIG_DFL, 0);
	set_handler(SIGTRAP, SIG_DFL, 0);
	set_handler(SIGSEGV, SIG_DFL, 0);
}

/* ---- sigreturn with a frame the program made up ---- */

/* Resumed here by a crafted sigreturn: cli (a #GP without IOPL 3), then
 * exit_group(42) from the restored eax/ebx, which only a process given
 * IOPL 3 reaches; crafted_exit is the exit_group alone. */
__asm__(".pushsection .text\n"
	"crafted_resume: cli\n"
	"crafted_exit: int $0x80\n\tud2\n"
	".popsection");
extern char crafted_resume[], crafted_exit[];

enum { SC_GS, SC_FS, SC_ES, SC_DS, SC_EDI, SC_ESI, SC_EBP, SC_ESP, SC_EBX,
       SC_EDX, SC_ECX, SC_EAX, SC_TRAPNO, SC_ERR, SC_EIP, SC_CS, SC_EFLAGS,
       SC_ESP_AT_SIGNAL, SC_SS, SC_FPSTATE, SC_OLDMASK, SC_CR2 };

static unsigned long crafted_frame[64];        /* pretcode, sig, sigcontext... */
static unsigned long crafted_stack[256];

static unsigned long segment(int which)
{
	unsigned long v = 0;

	switch (which) {
	case SC_CS: __asm__("movl %%cs, %0" : "=r"(v)); break;
	case SC_SS: __asm__("movl %%ss, %0" : "=r"(v)); break;
	case SC_DS: __asm__("movl %%ds, %0" : "=r"(v)); break;
	case SC_FS: __asm__("movl %%fs, %0" : "=r"(v)); break;
	case SC_GS: __asm__("movl %%gs, %0" : "=r"(v)); break;
	}
	return v & 0xffff;
}

/* In a child: sigreturn (119) to a sigcontext resuming at eip with these
 * eflags and data selector (0: its own); the child's wait status. */
static int sigreturn_crafted(const char *eip, unsigned long eflags, unsigned long ds)
{
	unsigned long *sc = crafted_frame + 2;    /* sigreturn: frame = esp - 8 */
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		sc[SC_GS] = segment(SC_GS);
		sc[SC_FS] = segment(SC_FS);
		sc[SC_ES] = segment(SC_DS);
		sc[SC_DS] = ds ? ds : segment(SC_DS);
		sc[SC_CS] = segment(SC_CS);
		sc[SC_SS] = segment(SC_SS);
		sc[SC_EIP] = (unsigned long)eip;
		sc[SC_ESP] = (unsigned long)(crafted_stack + 128);
		sc[SC_EAX] = __NR_exit_group;
		sc[SC_EBX] = 42;
		sc[SC_EFLAGS] = eflags;
		__asm__ __volatile__("movl %0, %%esp\n\tmovl $119, %%eax\n\tint $0x80"
				     :: "r"(sc) : "eax", "memory");
		_exit(1);                                      /* not reached */
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

#define EFLAGS_IF   0x00000200ul
#define EFLAGS_IOPL 0x00003000ul
#define EFLAGS_NT   0x00004000ul
#define EFLAGS_VM   0x00020000ul

/* sigreturn cannot hand a program IOPL 3 (nor VM86 mode, nor NT): the cli
 * still faults. */
static void signal_sigreturn_no_iopl(struct ktap *t)
{
	int s = sigreturn_crafted(crafted_resume, EFLAGS_IF | EFLAGS_IOPL | EFLAGS_NT | EFLAGS_VM, 0);

	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGSEGV);
}

/* A kernel data selector in the frame is refused with SIGSEGV (restored,
 * the program would go on with a null DS); the same frame with the
 * program's own selector resumes (exit 42: the frame itself is sound). */
static void signal_sigreturn_bad_selector(struct ktap *t)
{
	int s = sigreturn_crafted(crafted_exit, EFLAGS_IF, 0);

	KTAP_EXPECT_TRUE(t, WIFEXITED(s));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(s), 42);

	if (!ktap_on_tasklab()) {
		/* Linux refuses it too (SIGSEGV), but qemu-i386 has no kernel
		 * GDT to check the selector against: its child exits 127 */
		ktap_skip(t, "qemu-i386 does not model loading a kernel selector");
		return;
	}
	s = sigreturn_crafted(crafted_exit, EFLAGS_IF, 0x68);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGSEGV);
}

/* A handler with nowhere to run (esp in unmapped memory): SIGILL's frame
 * cannot be written, so SIGSEGV is forced; its frame cannot be written
 * either, so it is reset to the default and kills, instead of the kernel
 * retrying for ever. The parent bounds its wait: a spin is a failure. */
static void signal_handler_without_stack(struct ktap *t)
{
	int status = 0, waited = 0;
	pid_t pid = fork();

	if (pid == 0) {
		set_handler(SIGILL, count_handler, 0);
		set_handler(SIGSEGV, count_handler, 0);
		__asm__ __volatile__("movl $0x1000, %%esp\n\tud2" ::: "memory");
		_exit(1);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	while (waited < 3000 && waitpid(pid, &status, WNOHANG) == 0) {
		sleep_ms(20);
		waited += 20;
	}
	if (waited >= 3000) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	KTAP_EXPECT_LT(t, waited, 3000);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	/* Linux's force_sigsegv ends it with SIGSEGV; qemu-i386 dies of the
	 * first signal, SIGILL */
	if (ktap_on_tasklab())
		KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGSEGV);
}

/* A divide by zero with SIGFPE blocked still kills (faults are forced). */
static int divide_blocked(void)
{
	sigset_t s = set_of(SIGFPE);
	volatile int zero = 0;

	sigprocmask(SIG_BLOCK, &s, NULL);
	return 10 / zero;
}

static int term_self(void) { kill(getpid(), SIGTERM); return 3; }
static int usr1_self(void) { raise(SIGUSR1); return 3; }
static int ignored_self(void)
{
	signal(SIGTERM, SIG_IGN);
	kill(getpid(), SIGTERM);
	kill(getpid(), SIGCHLD);              /* default: ignored */
	kill(getpid(), SIGWINCH);
	return 4;
}

static void signal_default_actions(struct ktap *t)
{
	int s = ktap_run_child(term_self);

	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGTERM);
	KTAP_EXPECT_TRUE(t, !(WCOREDUMP(s)));
	s = ktap_run_child(usr1_self);
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGUSR1);
	s = ktap_run_child(ignored_self);
	KTAP_EXPECT_TRUE(t, WIFEXITED(s));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(s), 4);
	s = ktap_run_child(divide_blocked);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGFPE);
}

/* x87 division by zero with the exception unmasked: SIGFPE with
 * FPE_FLTDIV (#MF, at the next waiting instruction); the handler reports
 * si_code by its exit status (returning would meet the same exception
 * again). SSE's #XM is not tested: QEMU 7.2's TCG raises none. */
static void exit_with_code(int sig, siginfo_t *si, void *uc)
{
	_exit(100 + si->si_code);
}

static int x87_divide_by_zero(void)
{
	unsigned short cw = 0x037b;                          /* ZM cleared */

	set_info_handler(SIGFPE, exit_with_code, 0);
	__asm__ __volatile__("fldcw %0\n\tfld1\n\tfldz\n\tfdivrp\n\tfwait\n\tfstp %%st(0)"
			     :: "m"(cw) : "memory");
	return 0;
}

static void signal_float_divide_by_zero(struct ktap *t)
{
	int s;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 raises no x87 exceptions");
		return;
	}
	s = ktap_run_child(x87_divide_by_zero);
	KTAP_EXPECT_TRUE(t, WIFEXITED(s));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(s), 100 + FPE_FLTDIV);
}

/* Writing to a pipe nobody reads: SIGPIPE, which kills by default; with
 * SIGPIPE ignored the write fails with EPIPE instead. */
static int write_to_closed_pipe(void)
{
	int fds[2];

	if (pipe(fds))
		return 2;
	close(fds[0]);
	write(fds[1], "x", 1);
	return errno == EPIPE ? 0 : 1;
}

static int write_to_closed_pipe_ignored(void)
{
	signal(SIGPIPE, SIG_IGN);
	return write_to_closed_pipe() + 10;
}

static void signal_sigpipe(struct ktap *t)
{
	int s = ktap_run_child(write_to_closed_pipe);

	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGPIPE);
	s = ktap_run_child(write_to_closed_pipe_ignored);
	KTAP_EXPECT_TRUE(t, WIFEXITED(s));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(s), 10);
}

/* kill(0) reaches every process of the caller's group: a makes a group
 * of its own with a child b, and kill(0, SIGUSR2) ends a (default action)
 * and runs b's handler, which reports through a pipe. A group with no
 * member left is ESRCH. */
static int report_fd;

static void report_handler(int sig)
{
	write(report_fd, "b", 1);
	_exit(0);
}

static void signal_process_group_kill(struct ktap *t)
{
	int report[2], ready[2], sa, sb;
	char c = 0;
	pid_t a, b;

	KTAP_ASSERT_EQ(t, pipe(report), 0);
	KTAP_ASSERT_EQ(t, pipe(ready), 0);
	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		if (fork() == 0) {                  /* b, in a's group */
			report_fd = report[1];
			set_handler(SIGUSR2, report_handler, 0);
			write(ready[1], "r", 1);
			for (;;)
				pause();
		}
		read(ready[0], &c, 1);
		kill(0, SIGUSR2);
		for (;;)
			pause();
	}
	KTAP_ASSERT_GT(t, a, 0);
	close(report[1]);
	KTAP_EXPECT_EQ(t, waitpid(a, &sa, 0), a);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(sa));
	KTAP_EXPECT_EQ(t, WTERMSIG(sa), SIGUSR2);
	KTAP_EXPECT_EQ(t, read(report[0], &c, 1), 1);
	KTAP_EXPECT_EQ(t, c, 'b');
	close(report[0]);
	close(ready[0]);
	close(ready[1]);
	b = fork();
	if (b == 0)
		_exit(0);
	waitpid(b, &sb, 0);
	KTAP_EXPECT_EQ(t, kill(-b, SIGTERM), -1);      /* nobody in group b */
	KTAP_EXPECT_EQ(t, errno, ESRCH);
}

static void signal_errors(struct ktap *t)
{
	struct sigaction sa;
	int status;
	pid_t gone;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = count_handler;
	KTAP_EXPECT_EQ(t, sigaction(SIGKILL, &sa, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sigaction(SIGSTOP, &sa, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	sa.sa_handler = SIG_IGN;
	KTAP_EXPECT_EQ(t, sigaction(SIGKILL, &sa, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sigaction(0, &sa, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, sigaction(65, &sa, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, syscall(__NR_rt_sigaction, SIGUSR1, 16, 0, 8, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, kill(getpid(), 65), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, kill(getpid(), -1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, kill(getpid(), 0), 0);        /* exists */
	gone = fork();
	if (gone == 0)
		_exit(0);
	KTAP_ASSERT_GT(t, gone, 0);
	KTAP_ASSERT_EQ(t, waitpid(gone, &status, 0), gone);
	KTAP_EXPECT_EQ(t, kill(gone, SIGTERM), -1);    /* reaped: no such pid */
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, kill(gone, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, tkill(0, SIGUSR1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, tgkill(getpid() == 1 ? 2 : 1, gettid(), SIGUSR1), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);                /* tid not in that group */
	KTAP_EXPECT_EQ(t, tgkill(getpid(), gettid(), 0), 0);
}

/* A child that waits for signals for ever. */
static pid_t fork_pauser(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

/* EPERM: a child that became user 1000 may not signal its root parent
 * (kill, tgkill, signal 0 too) but may signal itself; root may signal it.
 * It says on fd `done` when its checks have passed, and waits for root. */
static int unprivileged_kills(int done)
{
	pid_t parent = getppid();

	if (setresuid(1000, 1000, 1000))
		return 10;
	if (kill(parent, SIGUSR1) != -1 || errno != EPERM)
		return 11;
	if (kill(parent, 0) != -1 || errno != EPERM)
		return 12;
	if (tgkill(parent, parent, SIGUSR1) != -1 || errno != EPERM)
		return 13;
	if (kill(getpid(), 0) != 0)
		return 14;
	write(done, "k", 1);
	for (;;)
		pause();                            /* until root's SIGTERM */
}

static void signal_kill_eperm(struct ktap *t)
{
	int status, done[2];
	pid_t pid;
	char c;

	if (getuid() != 0) {
		ktap_skip(t, "needs root to become another user");
		return;
	}
	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_ASSERT_EQ(t, pipe(done), 0);
	pid = fork();
	if (pid == 0)
		_exit(unprivileged_kills(done[1]));
	close(done[1]);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, read(done[0], &c, 1), 1);        /* its checks passed: EOF if not */
	close(done[0]);
	KTAP_EXPECT_EQ(t, kill(pid, SIGTERM), 0);         /* root may */
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));           /* else: exit code = failed step */
	KTAP_EXPECT_EQ(t, WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), SIGTERM);
}

/* Job control: SIGSTOP stops the child (wait4 WUNTRACED reports it, and
 * the parent gets SIGCHLD with CLD_STOPPED), SIGCONT resumes it
 * (WCONTINUED), SIGKILL ends it. */
static void signal_stop_and_continue(struct ktap *t)
{
	int status;
	pid_t pid;

	hits = 0;
	last_code = 0;
	set_info_handler(SIGCHLD, info_handler, SA_RESTART);
	pid = fork_pauser();
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, kill(pid, SIGSTOP), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, WSTOPSIG(status), SIGSTOP);
	KTAP_EXPECT_EQ(t, last_code, CLD_STOPPED);
	KTAP_EXPECT_EQ(t, last_status, SIGSTOP);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED | WNOHANG), 0);  /* told once */
	KTAP_EXPECT_EQ(t, kill(pid, SIGCONT), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WCONTINUED), pid);
	KTAP_EXPECT_TRUE(t, WIFCONTINUED(status));
	KTAP_EXPECT_EQ(t, kill(pid, SIGSTOP), 0);           /* SIGKILL ends a stopped one */
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, kill(pid, SIGKILL), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGKILL);
	KTAP_EXPECT_EQ(t, last_code, CLD_KILLED);
	set_handler(SIGCHLD, SIG_DFL, 0);
}

/* SA_NOCLDSTOP: no SIGCHLD for a stop (wait4 still reports it), one for
 * the exit. */
static void signal_nocldstop(struct ktap *t)
{
	int status;
	pid_t pid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 does not pass SA_NOCLDSTOP on to the host's sigaction");
		return;
	}
	hits = 0;
	set_info_handler(SIGCHLD, info_handler, SA_RESTART | SA_NOCLDSTOP);
	pid = fork_pauser();
	KTAP_ASSERT_GT(t, pid, 0);
	kill(pid, SIGSTOP);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, hits, 0);
	kill(pid, SIGKILL);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, hits, 1);                          /* the exit is told */
	set_handler(SIGCHLD, SIG_DFL, 0);
}

static int exit_7(void *arg) { return 7; }
static char clone_stack[16384] __attribute__((aligned(16)));

/* The parent hears of a child's exit by the child's exit signal: SIGCHLD
 * from fork, or whatever clone's low byte says, with the child's pid and
 * status in siginfo. */
static void signal_sigchld_on_exit(struct ktap *t)
{
	int status;
	pid_t pid;

	hits = 0;
	set_info_handler(SIGCHLD, info_handler, SA_RESTART);
	pid = fork();
	if (pid == 0)
		_exit(5);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_EQ(t, last_sig, SIGCHLD);
	KTAP_EXPECT_EQ(t, last_code, CLD_EXITED);
	KTAP_EXPECT_EQ(t, last_pid, pid);
	KTAP_EXPECT_EQ(t, last_status, 5);
	set_handler(SIGCHLD, SIG_DFL, 0);
}

static void signal_clone_exit_signal(struct ktap *t)
{
	int status;
	pid_t pid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 refuses a fork-like clone whose exit signal is not SIGCHLD");
		return;
	}
	hits = 0;
	set_info_handler(SIGCHLD, info_handler, SA_RESTART);
	set_info_handler(SIGUSR2, info_handler, SA_RESTART);
	pid = clone(exit_7, clone_stack + sizeof(clone_stack), SIGUSR2, NULL, NULL, NULL, NULL);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, __WALL), pid);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 7);
	KTAP_EXPECT_EQ(t, hits, 1);                      /* no SIGCHLD */
	KTAP_EXPECT_EQ(t, last_sig, SIGUSR2);
	KTAP_EXPECT_EQ(t, last_code, CLD_EXITED);
	KTAP_EXPECT_EQ(t, last_pid, pid);
	KTAP_EXPECT_EQ(t, last_status, 7);
	set_handler(SIGCHLD, SIG_DFL, 0);
	set_handler(SIGUSR2, SIG_DFL, 0);
}

/* SIGCHLD set to SIG_IGN: children are reaped as they exit, so wait
 * finds none (ECHILD once they are gone). */
static void signal_sigchld_ignored_autoreaps(struct ktap *t)
{
	int status;
	pid_t pid;

	KTAP_ASSERT_EQ(t, set_handler(SIGCHLD, SIG_IGN, 0), 0);
	pid = fork();
	if (pid == 0)
		_exit(1);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(-1, &status, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	set_handler(SIGCHLD, SIG_DFL, 0);
}

/* nanosleep(req, rem) under a stream of handled sig (handler flags as
 * given): 0, or -errno. */
static long nanosleep_signalled(int sig, int flags, const struct timespec *req,
				struct timespec *rem)
{
	pid_t sender = keep_signalling(sig, gettid(), flags, NULL);
	long ret;

	if (sender < 0)
		return -1000;
	in_call = 1;
	ret = nanosleep(req, rem) ? -errno : 0;
	stop_signalling(sig, sender);
	return ret;
}

/* nanosleep cut short by a handled signal: EINTR (SA_RESTART or not) and
 * the time left. */
static void signal_nanosleep_eintr(struct ktap *t)
{
	struct timespec req = { 5, 0 }, rem = { -1, -1 };

	KTAP_EXPECT_EQ(t, nanosleep_signalled(SIGUSR1, SA_RESTART, &req, &rem), -EINTR);
	KTAP_EXPECT_GE(t, call_hits, 1);
	KTAP_EXPECT_TRUE(t, rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000L);
	KTAP_EXPECT_GT(t, rem.tv_sec * 1000L + rem.tv_nsec / 1000000L, 3000);   /* most of it */
	KTAP_EXPECT_LE(t, rem.tv_sec * 1000L + rem.tv_nsec / 1000000L, 5000);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* A sleep stopped and continued (no handler runs) goes on to its first
 * end, not for its whole length again: a 2 s nanosleep stopped at 0.3 s
 * and continued at 1.3 s ends near 2 s (a restart from scratch: 3.3 s). */
static void signal_nanosleep_stop_continue(struct ktap *t)
{
	long start = now_ms(), took;
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec req = { 2, 0 };

		_exit(nanosleep(&req, NULL) == 0 ? 0 : 1);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	sleep_ms(300);
	KTAP_EXPECT_EQ(t, kill(pid, SIGSTOP), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WUNTRACED), pid);
	sleep_ms(1000);
	KTAP_EXPECT_EQ(t, kill(pid, SIGCONT), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	took = now_ms() - start;
	KTAP_EXPECT_TRUE(t, WIFEXITED(status) && WEXITSTATUS(status) == 0);
	KTAP_EXPECT_GE(t, took, 1900);
	KTAP_EXPECT_LT(t, took, 2600);
}

/* rt_sigtimedwait: a blocked pending signal is taken without its handler,
 * with its siginfo; none pending is EAGAIN at once (zero timeout) or after
 * the timeout; a signal that would kill (SIGTERM, default) is taken alive
 * when it arrives during the wait. */
static void signal_sigtimedwait(struct ktap *t)
{
	sigset_t s = set_of(SIGUSR1), old;
	struct timespec zero = { 0, 0 }, short_wait = { 0, 30000000 };
	siginfo_t si;
	pid_t parent = getpid(), pid;
	int sig = 0, status;

	hits = 0;
	set_handler(SIGUSR1, count_handler, 0);
	sigaddset(&s, SIGTERM);
	sigprocmask(SIG_BLOCK, &s, &old);
	raise(SIGUSR1);
	memset(&si, 0, sizeof(si));
	KTAP_EXPECT_EQ(t, sigwaitinfo(&s, &si), SIGUSR1);
	KTAP_EXPECT_EQ(t, si.si_signo, SIGUSR1);
	KTAP_EXPECT_EQ(t, si.si_code, SI_TKILL);
	KTAP_EXPECT_EQ(t, si.si_pid, getpid());
	KTAP_EXPECT_EQ(t, hits, 0);                          /* no handler ran */
	KTAP_EXPECT_EQ(t, sigtimedwait(&s, &si, &zero), -1);
	KTAP_EXPECT_EQ(t, errno, EAGAIN);
	KTAP_EXPECT_EQ(t, sigtimedwait(&s, &si, &short_wait), -1);
	KTAP_EXPECT_EQ(t, errno, EAGAIN);
	pid = fork();
	if (pid == 0) {
		sleep_ms(50);
		kill(parent, SIGTERM);
		_exit(0);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, sigwait(&s, &sig), 0);
	KTAP_EXPECT_EQ(t, sig, SIGTERM);
	waitpid(pid, &status, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* Fork a child that sends sig to us after ms; its pid. */
static pid_t send_later(int sig, long ms)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		sleep_ms(ms);
		kill(parent, sig);
		_exit(0);
	}
	return pid;
}

/* The longest timeouts (tv_sec 0x7fffffff) are long waits, not an
 * overflow into no wait at all: sigtimedwait takes a signal sent 200 ms
 * later, nanosleep is cut short by a handler with most of it left. */
static void signal_huge_timeouts(struct ktap *t)
{
	sigset_t s = set_of(SIGUSR2), old;
	struct timespec huge = { 0x7fffffff, 0 }, rem = { 0, 0 };
	int status;
	pid_t pid;

	set_handler(SIGUSR2, count_handler, 0);       /* a late one does not kill */
	sigprocmask(SIG_BLOCK, &s, &old);
	pid = send_later(SIGUSR2, 200);
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, sigtimedwait(&s, NULL, &huge), SIGUSR2);
	waitpid(pid, &status, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	KTAP_EXPECT_EQ(t, nanosleep_signalled(SIGUSR2, 0, &huge, &rem), -EINTR);
	KTAP_EXPECT_GT(t, rem.tv_sec, 1000000);              /* months left */
}

static pid_t waited_child;

static void end_waited_child(void)
{
	kill(waited_child, SIGKILL);
}

/* wait4 for a child that lives until the second hit of a handled signal
 * ends it: the child's pid under SA_RESTART (the wait went on), else
 * EINTR. */
static long wait_with_signal(int flags)
{
	int status;
	pid_t sender;
	long ret;

	waited_child = fork();
	if (waited_child == 0)
		for (;;)
			pause();
	if (waited_child < 0)
		return -1000;
	sender = keep_signalling(SIGUSR1, gettid(), flags, end_waited_child);
	in_call = 1;
	ret = waitpid(waited_child, &status, 0);
	if (ret < 0)
		ret = -errno;
	stop_signalling(SIGUSR1, sender);
	if (ret != waited_child) {
		kill(waited_child, SIGKILL);
		waitpid(waited_child, &status, 0);
	}
	return ret == waited_child ? 0 : ret;
}

static void signal_wait4_restart(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, wait_with_signal(0), -EINTR);
	KTAP_EXPECT_GE(t, call_hits, 1);
	KTAP_EXPECT_EQ(t, wait_with_signal(SA_RESTART), 0);
	KTAP_EXPECT_GE(t, call_hits, 2);              /* interrupted, then restarted */
}

/* rt_sigqueueinfo (sigqueue): the caller's siginfo arrives as given (the
 * value in si_value, here si_status's place); a siginfo claiming kill
 * (si_code >= 0) may go to the caller's own process only: EPERM for a
 * child. */
static void signal_rt_sigqueueinfo(struct ktap *t)
{
	siginfo_t si;
	int status;
	pid_t pid;

	memset(&si, 0, sizeof(si));
	si.si_code = -1;                                      /* SI_QUEUE */
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_status = 42;                                    /* si_value */
	hits = last_code = last_status = 0;
	set_info_handler(SIGRTMIN, info_handler, 0);
	KTAP_EXPECT_EQ(t, __syscall3(__NR_rt_sigqueueinfo, getpid(), SIGRTMIN, &si), 0);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_EQ(t, last_sig, SIGRTMIN);
	KTAP_EXPECT_EQ(t, last_code, -1);
	KTAP_EXPECT_EQ(t, last_status, 42);
	set_handler(SIGRTMIN, SIG_DFL, 0);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	si.si_code = 0;                                       /* SI_USER */
	KTAP_EXPECT_EQ(t, __syscall3(__NR_rt_sigqueueinfo, pid, SIGKILL, &si), -EPERM);
	si.si_code = -1;
	KTAP_EXPECT_EQ(t, __syscall3(__NR_rt_sigqueueinfo, pid, SIGKILL, &si), 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

/* ---- signals and threads ---- */

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
static char thread_stack[32768] __attribute__((aligned(16)));
static volatile int thread_tid, thread_stop, handled_tid;

static long futex_op(volatile int *word, int op, int val)
{
	return __syscall6(__NR_futex, (long)word, op, val, 0, 0, 0);
}

/* Start fn as a second thread of ours (the tid word is cleared and woken
 * when it exits); its tid or -1. */
static int start_thread(int (*fn)(void *))
{
	thread_stop = 0;
	return clone(fn, thread_stack + sizeof(thread_stack), THREAD_FLAGS, NULL,
		     (pid_t *)&thread_tid, NULL, (pid_t *)&thread_tid);
}

static void join_thread(void)
{
	int v;

	thread_stop = 1;
	futex_op(&thread_stop, FUTEX_WAKE, 1);
	while ((v = thread_tid) != 0)
		futex_op(&thread_tid, FUTEX_WAIT, v);
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
 * thread's handler has had its second hit inside the wait. The word stays
 * 0 (a changed word would make a wait restarted after the change return
 * EAGAIN), and the thread repeats FUTEX_WAKE until it reports a waiter
 * woken: the restarted wait, asleep again. */
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
	if (restart && start_thread(wake_after_two_hits) <= 0) {
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

static char altstack[16384];
static volatile unsigned long alt_local;
static volatile int alt_flags, alt_eperm;

static void alt_handler(int sig)
{
	volatile int here;
	stack_t now, ss = { altstack, 0, sizeof(altstack) };

	hits++;
	alt_local = (unsigned long)&here;
	sigaltstack(NULL, &now);
	alt_flags = now.ss_flags;
	alt_eperm = sigaltstack(&ss, NULL) == -1 && errno == EPERM;
}

/* sigaltstack: an SA_ONSTACK handler runs on the alternate stack, which
 * reports SS_ONSTACK there and cannot be changed while in use. */
static void alt_disabling_handler(int sig, siginfo_t *si, void *ucp)
{
	((ucontext_t *)ucp)->uc_stack.ss_flags = SS_DISABLE;
	hits++;
}

/* rt_sigreturn takes the alternate stack from uc_stack as the handler
 * left it: a handler on that stack may disable it for after its return. */
static void signal_altstack_set_by_uc_stack(struct ktap *t)
{
	stack_t ss = { altstack, 0, sizeof(altstack) }, old;

	hits = 0;
	KTAP_ASSERT_EQ(t, sigaltstack(&ss, NULL), 0);
	set_info_handler(SIGUSR1, alt_disabling_handler, SA_ONSTACK);
	raise(SIGUSR1);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_ASSERT_EQ(t, sigaltstack(NULL, &old), 0);
	KTAP_EXPECT_EQ(t, old.ss_flags, SS_DISABLE);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* A handler on a small alternate stack that signals itself again and
 * again (SA_NODEFER) runs out of it: the frame that would go below ss_sp
 * is SIGSEGV (Linux 5.14+), not written over the memory beneath, which a
 * canary watches: each handler reports a broken one down a pipe. */
static volatile int nest_depth;
static int canary_fd = -1;
static char below_and_stack[16384];

static void nesting_handler(int sig)
{
	for (int i = 0; i < 8192; i++)
		if (below_and_stack[i] != 0x5a) {
			write(canary_fd, "!", 1);    /* written below ss_sp */
			break;
		}
	if (++nest_depth < 32)
		raise(sig);
}

static int overflow_altstack(void)
{
	stack_t ss = { below_and_stack + 8192, 0, 4096 };

	memset(below_and_stack, 0x5a, 8192);
	if (sigaltstack(&ss, NULL))
		return 2;
	set_handler(SIGUSR1, nesting_handler, SA_ONSTACK | SA_NODEFER);
	raise(SIGUSR1);
	return 0;
}

static void signal_altstack_overflow(struct ktap *t)
{
	int s;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 does not check the alternate stack's bottom");
		return;
	}
	int fds[2];
	char c;

	KTAP_ASSERT_EQ(t, pipe(fds), 0);
	canary_fd = fds[1];
	s = ktap_run_child(overflow_altstack);
	close(fds[1]);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGSEGV);
	KTAP_EXPECT_EQ(t, read(fds[0], &c, 1), 0);           /* no broken canary */
	close(fds[0]);
}

static void signal_altstack(struct ktap *t)
{
	stack_t ss = { altstack, 0, sizeof(altstack) }, old, small = { altstack, 0, 512 };

	hits = 0;
	KTAP_EXPECT_EQ(t, sigaltstack(&small, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, ENOMEM);
	KTAP_ASSERT_EQ(t, sigaltstack(&ss, &old), 0);
	KTAP_EXPECT_EQ(t, old.ss_flags, SS_DISABLE);
	set_handler(SIGUSR1, alt_handler, SA_ONSTACK);
	raise(SIGUSR1);
	KTAP_EXPECT_EQ(t, hits, 1);
	KTAP_EXPECT_TRUE(t, alt_local > (unsigned long)altstack &&
			 alt_local < (unsigned long)altstack + sizeof(altstack));
	KTAP_EXPECT_EQ(t, alt_flags, SS_ONSTACK);
	KTAP_EXPECT_TRUE(t, alt_eperm);
	KTAP_ASSERT_EQ(t, sigaltstack(NULL, &old), 0);
	KTAP_EXPECT_EQ(t, old.ss_flags, 0);                 /* enabled, not on it */
	ss.ss_flags = SS_DISABLE;
	KTAP_EXPECT_EQ(t, sigaltstack(&ss, NULL), 0);
	set_handler(SIGUSR1, SIG_DFL, 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(signal_handler_keeps_registers),
	KTAP_CASE(signal_handler_keeps_x87),
	KTAP_CASE(signal_siginfo),
	KTAP_CASE(signal_blocked_then_delivered),
	KTAP_CASE(signal_kernel_trampoline),
	KTAP_CASE(signal_mask_rules),
	KTAP_CASE(signal_handler_mask_and_flags),
	KTAP_CASE(signal_sigsuspend),
	KTAP_CASE(signal_sigtimedwait),
	KTAP_CASE(signal_huge_timeouts),
	KTAP_CASE(signal_restart_vs_eintr),
	KTAP_CASE(signal_wait4_restart),
	KTAP_CASE(signal_segv_handler_sees_addr),
	KTAP_CASE(signal_traps_to_signals),
	KTAP_CASE(signal_sigreturn_no_iopl),
	KTAP_CASE(signal_sigreturn_bad_selector),
	KTAP_CASE(signal_handler_without_stack),
	KTAP_CASE(signal_default_actions),
	KTAP_CASE(signal_float_divide_by_zero),
	KTAP_CASE(signal_sigpipe),
	KTAP_CASE(signal_process_group_kill),
	KTAP_CASE(signal_errors),
	KTAP_CASE(signal_rt_sigqueueinfo),
	KTAP_CASE(signal_kill_eperm),
	KTAP_CASE(signal_stop_and_continue),
	KTAP_CASE(signal_nocldstop),
	KTAP_CASE(signal_sigchld_on_exit),
	KTAP_CASE(signal_clone_exit_signal),
	KTAP_CASE(signal_nanosleep_eintr),
	KTAP_CASE(signal_nanosleep_stop_continue),
	KTAP_CASE(signal_sigchld_ignored_autoreaps),
	KTAP_CASE(signal_altstack),
	KTAP_CASE(signal_altstack_set_by_uc_stack),
	KTAP_CASE(signal_altstack_overflow),
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
	return ktap_run_suite("signal", cases);
}
