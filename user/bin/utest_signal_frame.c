/* user/bin/utest_signal_frame.c: KTAP self-tests of the signal frame:
 * handlers entered and left with every register (general, eflags, x87
 * and SSE) as the interrupted code had them; the kernel's own return
 * trampoline; faults and traps as signals, with a SIGSEGV handler that
 * reads si_addr and repairs the faulting instruction through uc_mcontext;
 * an x87 divide by zero; sigreturn refusing IOPL and kernel selectors in a
 * frame the program made up; a handler with no stack to run on; the
 * alternate stack (sigaltstack, SS_ONSTACK, uc_stack, its overflow); x87
 * and SSE registers kept by two processes taking turns on each CPU.
 * One of the signal programs listed in user/bin/utest_signal.c; runs on
 * Tasklab and under qemu-i386 on the build host (Linux's ABI). */
#include <errno.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utest.h>
#include <utest_signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

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

/* One process's turns on its CPU: its own value in xmm0 and on the x87
 * stack, a yield to the other process there, the values read back; exit
 * 1 at the first that changed. */
static void fpu_turns(unsigned int seed)
{
	unsigned int in[4] = { seed, ~seed, seed * 3, seed ^ 0x5a5a5a5a }, out[4];
	double x = seed, y;

	for (int i = 0; i < 200; i++) {
		__asm__ __volatile__("movdqu %1, %%xmm0\n\t"
				     "fldl %2\n\t"
				     "movl $158, %%eax\n\t"   /* sched_yield */
				     "int $0x80\n\t"
				     "movdqu %%xmm0, %0\n\t"
				     "fstpl %3\n\t"
				     : "=m"(out) : "m"(in), "m"(x), "m"(y) : "eax", "memory");
		if (memcmp(in, out, sizeof(in)) || y != x)
			_exit(1);
	}
	_exit(0);
}

/* Two processes pinned to one CPU, each with its own x87 and SSE values,
 * yield to each other: each gets its own registers back, on every CPU
 * (lazy FPU: the first use on a CPU must trap, so that the state is
 * saved at the switch; a CPU started with CR0.TS clear let a task run on
 * the registers another left there). */
static void fpu_state_kept_across_switches_on_each_cpu(struct ktap *t)
{
	int cpus = ktap_nr_cpus();

	for (int cpu = 0; cpu < cpus; cpu++) {
		pid_t pid[2];
		int status, ok = 0;

		for (int k = 0; k < 2; k++) {
			pid[k] = fork();
			if (pid[k] == 0) {
				unsigned long mask = 1UL << cpu;

				sched_setaffinity(0, sizeof(mask), &mask);   /* a host may refuse */
				fpu_turns(0x1000 * (cpu + 1) + k);
			}
		}
		for (int k = 0; k < 2; k++)
			if (pid[k] > 0 && waitpid(pid[k], &status, 0) == pid[k] && status == 0)
				ok++;
		KTAP_EXPECT_EQ(t, ok, 2);
	}
	ktap_log(t, "%d CPU%s", cpus, cpus > 1 ? "s" : "");
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

/* Marks the alternate stack disabled in the frame's uc_stack. */
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

/* sigaltstack: an SA_ONSTACK handler runs on the alternate stack, which
 * reports SS_ONSTACK there and cannot be changed while in use. */
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
	KTAP_CASE(fpu_state_kept_across_switches_on_each_cpu),
	KTAP_CASE(signal_kernel_trampoline),
	KTAP_CASE(signal_segv_handler_sees_addr),
	KTAP_CASE(signal_traps_to_signals),
	KTAP_CASE(signal_sigreturn_no_iopl),
	KTAP_CASE(signal_sigreturn_bad_selector),
	KTAP_CASE(signal_handler_without_stack),
	KTAP_CASE(signal_float_divide_by_zero),
	KTAP_CASE(signal_altstack),
	KTAP_CASE(signal_altstack_set_by_uc_stack),
	KTAP_CASE(signal_altstack_overflow),
	{}
};

int main(void)
{
	return ktap_run_suite("signal_frame", cases);
}
