/* arch/i386/signal.c: entering a signal handler and coming back, with
 * Linux's i386 frames. do_signal() runs on the way to user mode when
 * TIF_SIGPENDING is set: it asks get_signal() for a signal with a handler,
 * settles an interrupted system call (-EINTR, or restarted: eip back over
 * the 2-byte int $0x80 and eax = the call number again), and builds on the
 * user stack (or the alternate one, SA_ONSTACK) either
 *
 *   sigframe:    pretcode, sig, sigcontext, extramask, retcode[8]
 *   rt_sigframe: pretcode, sig, &info, &uc, siginfo (128 bytes),
 *                ucontext {flags, link, stack_t, sigcontext, sigmask},
 *                retcode[8]                                   (SA_SIGINFO)
 *
 * then starts the handler with esp at pretcode (as if called from it) and
 * eax = sig, edx = &info, ecx = &uc (Linux's regparm arguments; also on the
 * stack). pretcode is sa_restorer with SA_RESTORER, else retcode, which
 * holds the sigreturn call. sigreturn / rt_sigreturn find the frame from
 * esp, and restore every register (eflags only in its user-changeable bits,
 * segment registers only if they are user selectors) and the blocked mask.
 *
 * FPU: if the task has used the FPU, its fxsave image (512 bytes, 16-byte
 * aligned) goes above the frame and sigcontext.fpstate points at it; the
 * handler then starts with a clean FPU, and sigreturn loads the image back
 * (MXCSR reduced to its defined bits, so a forged image cannot fault the
 * kernel). This is not Linux's _fpstate layout, whose 112-byte legacy
 * fsave header precedes the fxsave area: glibc never reads it, and a
 * program that parses fpstate would need that header. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/signal.h>
#include <syscall.h>
#include <asm/irq.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <asm/uaccess.h>

/* Linux's i386 struct sigcontext. */
struct sigcontext {
	u32 gs, fs, es, ds, edi, esi, ebp, esp, ebx, edx, ecx, eax;
	u32 trapno, err, eip, cs, eflags, esp_at_signal, ss;
	u32 fpstate;              /* user address of the FPU image, or 0 */
	u32 oldmask;              /* blocked signals 1-32 */
	u32 cr2;
};

struct sigframe {
	u32 pretcode;
	int sig;
	struct sigcontext sc;
	u32 extramask;            /* blocked signals 33-64 */
	u8 retcode[8];
};

struct ucontext {
	u32 uc_flags;
	u32 uc_link;
	struct user_stack uc_stack;
	struct sigcontext uc_mcontext;
	u32 uc_sigmask[2];
};

struct rt_sigframe {
	u32 pretcode;
	int sig;
	u32 pinfo, puc;
	u8 info[128];             /* siginfo_t */
	struct ucontext uc;
	u8 retcode[8];
};

_Static_assert(sizeof(struct sigcontext) == 88, "Linux's i386 sigcontext");
_Static_assert(offsetof(struct rt_sigframe, uc.uc_mcontext) == 164, "rt_sigframe layout");
_Static_assert(offsetof(struct rt_sigframe, uc.uc_sigmask) == 252, "rt_sigframe layout");

#define FPSTATE_SIZE 512
#define MXCSR_DEFINED_BITS 0xFFBF   /* all but DAZ (bit 6): valid on every SSE CPU */
/* eflags bits user code may set through sigreturn: CF PF AF ZF SF TF DF OF RF AC */
#define FIX_EFLAGS 0x00050DD5u
#define EFLAGS_TF  0x00000100u
#define EFLAGS_DF  0x00000400u
#define INT80_LENGTH 2

/* Was this frame made by int $0x80 for a call that may be restarted? */
static bool in_syscall(const struct pt_regs *regs)
{
	return regs->trapno == SYSCALL_VECTOR && (int)regs->orig_eax >= 0;
}

/* A selector user mode may hold in a data segment register: null, the
 * user data segment, or one of its own present TLS segments. */
static bool valid_data_selector(u32 sel)
{
	u32 idx = sel >> 3;

	if (sel == 0 || sel == __USER_DS)
		return true;
	if ((sel & 7) != 3 || idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return false;
	return (current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN].type_flags & 0xF0) == 0xF0;
}

/* The user stack for a frame of `size` bytes (plus FPU image), aligned as
 * after a call: (esp + 4) % 16 == 0 at the handler's first instruction.
 * 0 when a frame on the alternate stack would run off its bottom (as
 * Linux 5.14+: SIGSEGV rather than writing below ss_sp). */
static u32 frame_base(struct pt_regs *regs, const struct k_sigaction *ka, size_t size, u32 *fpstate)
{
	u32 sp = regs->esp;
	bool on_alt = on_sig_stack(sp);

	if ((ka->flags & SA_ONSTACK) && current->sas_ss_size && !on_alt) {
		sp = current->sas_ss_sp + current->sas_ss_size;
		on_alt = true;
	}
	*fpstate = 0;
	if (fpu_save_current()) {
		sp = (sp - FPSTATE_SIZE) & ~15u;
		*fpstate = sp;
	}
	sp = ((sp - size + 4) & ~15u) - 4;
	return on_alt && sp < current->sas_ss_sp ? 0 : sp;
}

/* sigcontext from regs, and the FPU image to fpstate; nonzero on a fault. */
static int setup_sigcontext(struct sigcontext *sc, struct pt_regs *regs, sigset_t oldset,
			    u32 fpstate, const struct ksignal *ksig)
{
	bool fault = ksig->sig == SIGSEGV || ksig->sig == SIGBUS;

	*sc = (struct sigcontext){
		.gs = regs->gs, .fs = regs->fs, .es = regs->es, .ds = regs->ds,
		.edi = regs->edi, .esi = regs->esi, .ebp = regs->ebp, .esp = regs->esp,
		.ebx = regs->ebx, .edx = regs->edx, .ecx = regs->ecx, .eax = regs->eax,
		.trapno = regs->trapno, .err = regs->error_code, .eip = regs->eip,
		.cs = regs->cs, .eflags = regs->eflags, .esp_at_signal = regs->esp,
		.ss = regs->ss, .fpstate = fpstate, .oldmask = (u32)oldset,
		.cr2 = fault && ksig->info.si_code > 0 ? ksig->info.addr : 0,
	};
	if (!fpstate)
		return 0;
	if (copy_to_user((void *)fpstate, &current->thread.fpu, FPSTATE_SIZE))
		return -EFAULT;
	fpu_drop_current();                 /* the handler starts with a clean FPU */
	return 0;
}

/* Registers so that the handler runs with its arguments. */
static void enter_handler(struct pt_regs *regs, u32 frame, const struct ksignal *ksig,
			  u32 info, u32 uc)
{
	regs->esp = frame;
	regs->eip = ksig->ka.handler;
	regs->eax = ksig->sig;
	regs->edx = info;
	regs->ecx = uc;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->cs = __USER_CS;
	regs->eflags &= ~(EFLAGS_TF | EFLAGS_DF);
	regs->orig_eax = (u32)-1;           /* no restart from here on */
}

static int setup_frame(struct ksignal *ksig, sigset_t oldset, struct pt_regs *regs)
{
	/* popl %eax; movl $__NR_sigreturn, %eax; int $0x80 */
	static const u8 retcode[8] = { 0x58, 0xb8, __NR_sigreturn, 0, 0, 0, 0xcd, 0x80 };
	struct sigframe f;
	u32 fpstate, base = frame_base(regs, &ksig->ka, sizeof(f), &fpstate);

	if (!base || setup_sigcontext(&f.sc, regs, oldset, fpstate, ksig))
		return -EFAULT;
	f.sig = ksig->sig;
	f.extramask = (u32)(oldset >> 32);
	memcpy(f.retcode, retcode, sizeof(retcode));
	f.pretcode = (ksig->ka.flags & SA_RESTORER) ? ksig->ka.restorer
		     : base + offsetof(struct sigframe, retcode);
	if (copy_to_user((void *)base, &f, sizeof(f)))
		return -EFAULT;
	enter_handler(regs, base, ksig, 0, 0);
	return 0;
}

static int setup_rt_frame(struct ksignal *ksig, sigset_t oldset, struct pt_regs *regs)
{
	/* movl $__NR_rt_sigreturn, %eax; int $0x80 */
	static const u8 retcode[8] = { 0xb8, __NR_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0 };
	struct rt_sigframe f;
	u32 fpstate, base = frame_base(regs, &ksig->ka, sizeof(f), &fpstate);
	u32 sp = regs->esp;

	memset(&f, 0, sizeof(f));
	if (!base || setup_sigcontext(&f.uc.uc_mcontext, regs, oldset, fpstate, ksig))
		return -EFAULT;
	f.sig = ksig->sig;
	f.pinfo = base + offsetof(struct rt_sigframe, info);
	f.puc = base + offsetof(struct rt_sigframe, uc);
	memcpy(f.info, &ksig->info, sizeof(ksig->info));
	f.uc.uc_stack = (struct user_stack){ current->sas_ss_sp,
		on_sig_stack(sp) ? SS_ONSTACK : current->sas_ss_size ? 0 : SS_DISABLE,
		current->sas_ss_size };
	f.uc.uc_sigmask[0] = (u32)oldset;
	f.uc.uc_sigmask[1] = (u32)(oldset >> 32);
	memcpy(f.retcode, retcode, sizeof(retcode));
	f.pretcode = (ksig->ka.flags & SA_RESTORER) ? ksig->ka.restorer
		     : base + offsetof(struct rt_sigframe, retcode);
	if (copy_to_user((void *)base, &f, sizeof(f)))
		return -EFAULT;
	enter_handler(regs, base, ksig, f.pinfo, f.puc);
	return 0;
}

/* The fate of a system call a signal interrupted, ka being the handler
 * about to run (NULL: none): -EINTR, or run again (back over int $0x80
 * with the call number in eax). ERESTARTSYS restarts unless a handler
 * without SA_RESTART runs; ERESTARTNOHAND only if no handler runs;
 * ERESTART_RESTARTBLOCK likewise, as restart_syscall (current's
 * restart_block says how to go on). */
static void syscall_restart(struct pt_regs *regs, const struct k_sigaction *ka)
{
	bool restart;

	switch ((int)regs->eax) {
	case -ERESTARTNOINTR:        restart = true; break;
	case -ERESTARTSYS:           restart = !ka || (ka->flags & SA_RESTART); break;
	case -ERESTARTNOHAND:        restart = !ka; break;
	case -ERESTART_RESTARTBLOCK: restart = !ka; break;
	default:                     return;
	}
	if (restart) {
		regs->eax = (int)regs->eax == -ERESTART_RESTARTBLOCK ? __NR_restart_syscall
								     : regs->orig_eax;
		regs->eip -= INT80_LENGTH;
	} else {
		regs->eax = (u32)-EINTR;
	}
}

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	struct thread_info *ti = current_thread_info();
	sigset_t oldset = test_ti_thread_flag(ti, TIF_RESTORE_SIGMASK) ?
			  current->saved_sigmask : current->blocked;
	int err;

	if (in_syscall(regs))
		syscall_restart(regs, &ksig->ka);
	if (ksig->ka.flags & SA_SIGINFO)
		err = setup_rt_frame(ksig, oldset, regs);
	else
		err = setup_frame(ksig, oldset, regs);
	if (err) {
		force_sigsegv(ksig->sig);
		return;
	}
	signal_delivered(ksig);
}

void do_signal(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	if (in_syscall(regs))
		syscall_restart(regs, NULL);
	if (test_and_clear_restore_sigmask())
		set_current_blocked(current->saved_sigmask);
}

/* Load the FPU image at user address fpstate (0: the interrupted code had
 * no FPU state, so none is kept). */
static int restore_fpu(u32 fpstate)
{
	struct fpu_state *fpu = &current->thread.fpu;

	fpu_drop_current();
	if (!fpstate)
		return 0;
	if (copy_from_user(fpu, (void *)fpstate, FPSTATE_SIZE))
		return -EFAULT;
	*(u32 *)&fpu->fxsave[24] &= MXCSR_DEFINED_BITS;    /* MXCSR */
	current->flags |= PF_USED_MATH;
	return 0;
}

/* regs from a user sigcontext; nonzero if it is unusable. */
static int restore_sigcontext(struct pt_regs *regs, const struct sigcontext *sc)
{
	if (!valid_data_selector(sc->gs) || !valid_data_selector(sc->fs) ||
	    !valid_data_selector(sc->es) || !valid_data_selector(sc->ds))
		return -EINVAL;
	regs->gs = sc->gs;
	regs->fs = sc->fs;
	regs->es = sc->es;
	regs->ds = sc->ds;
	regs->edi = sc->edi;
	regs->esi = sc->esi;
	regs->ebp = sc->ebp;
	regs->esp = sc->esp;
	regs->ebx = sc->ebx;
	regs->edx = sc->edx;
	regs->ecx = sc->ecx;
	regs->eax = sc->eax;
	regs->eip = sc->eip;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->eflags = (regs->eflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
	regs->orig_eax = (u32)-1;           /* the restored eax is not a restart */
	current->restart_block.fn = NULL;   /* nor is a later restart_syscall */
	return restore_fpu(sc->fpstate);
}

/* sigreturn (119): the handler returned through pretcode (popped) and the
 * trampoline popped sig: the frame starts 8 bytes below esp. */
long sys_sigreturn(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct sigframe frame;

	if (copy_from_user(&frame, (void *)(regs->esp - 8), sizeof(frame)) ||
	    restore_sigcontext(regs, &frame.sc))
		goto bad;
	set_current_blocked(frame.sc.oldmask | ((u64)frame.extramask << 32));
	return regs->eax;
bad:
	force_sig(SIGSEGV);
	return 0;
}

/* rt_sigreturn (173): only pretcode was popped: the frame is at esp - 4. */
long sys_rt_sigreturn(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe frame;

	if (copy_from_user(&frame, (void *)(regs->esp - 4), sizeof(frame)) ||
	    restore_sigcontext(regs, &frame.uc.uc_mcontext))
		goto bad;
	set_current_blocked(frame.uc.uc_sigmask[0] | ((u64)frame.uc.uc_sigmask[1] << 32));
	/* the alternate stack as the handler left it in uc_stack (best effort,
	 * as Linux: a refused change keeps the old one), judged from the
	 * restored esp: the handler's own, on that stack, would refuse all */
	do_sigaltstack(&frame.uc.uc_stack, NULL, regs->esp);
	return regs->eax;
bad:
	force_sig(SIGSEGV);
	return 0;
}
