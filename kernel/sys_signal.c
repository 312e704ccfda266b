/* kernel/sys_signal.c: the system calls that set up signal handling for the
 * caller (kernel/signal.c does the sending and delivering): the actions
 * (rt_sigaction, and the old sigaction), the blocked mask (rt_sigprocmask,
 * sigprocmask), what is pending (rt_sigpending, sigpending), waiting for a
 * signal (rt_sigsuspend, sigsuspend, pause), taking one without a handler
 * (rt_sigtimedwait), and the alternate signal stack
 * (sigaltstack). The rt_ calls take a sigset_t of 8 bytes (sigsetsize must
 * say so: EINVAL otherwise); the old ones one 32-bit word, the first 32
 * signals. SIGKILL and SIGSTOP can be neither caught, ignored nor blocked. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/signal.h>
#include <syscall.h>
#include <timer.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include <time.h>

/* The i386 struct sigaction as rt_sigaction passes it. */
struct user_rt_sigaction {
	u32 handler, flags, restorer;
	u32 mask[2];
};

/* The old sigaction (67): the mask is one word, before the flags. */
struct user_old_sigaction {
	u32 handler, mask, flags, restorer;
};

static int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact)
{
	struct k_sigaction *k;

	if (!valid_signal(sig) || (act && (sigmask(sig) & SIG_KERNEL_ONLY_MASK)))
		return -EINVAL;
	k = &current->sighand->action[sig - 1];
	if (oact)
		*oact = *k;
	if (!act)
		return 0;
	*k = *act;
	k->mask &= ~SIG_KERNEL_ONLY_MASK;
	if (k->handler == SIG_IGN || (k->handler == SIG_DFL && sig_ignored_by_default(sig)))
		discard_group_signal(current, sig);
	return 0;
}

long sys_rt_sigaction(u32 sig, u32 uact, u32 uoact, u32 sigsetsize, u32 e, u32 f)
{
	struct user_rt_sigaction ua;
	struct k_sigaction act, oact;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (uact) {
		if (copy_from_user(&ua, (void *)uact, sizeof(ua)))
			return -EFAULT;
		act = (struct k_sigaction){ ua.handler, ua.flags, ua.restorer,
					    ua.mask[0] | ((u64)ua.mask[1] << 32) };
	}
	ret = do_sigaction((int)sig, uact ? &act : NULL, uoact ? &oact : NULL);
	if (!ret && uoact) {
		ua = (struct user_rt_sigaction){ oact.handler, oact.flags, oact.restorer,
						 { (u32)oact.mask, (u32)(oact.mask >> 32) } };
		if (copy_to_user((void *)uoact, &ua, sizeof(ua)))
			return -EFAULT;
	}
	return ret;
}

long sys_sigaction(u32 sig, u32 uact, u32 uoact, u32 d, u32 e, u32 f)
{
	struct user_old_sigaction ua;
	struct k_sigaction act, oact;
	int ret;

	if (uact) {
		if (copy_from_user(&ua, (void *)uact, sizeof(ua)))
			return -EFAULT;
		act = (struct k_sigaction){ ua.handler, ua.flags, ua.restorer, ua.mask };
	}
	ret = do_sigaction((int)sig, uact ? &act : NULL, uoact ? &oact : NULL);
	if (!ret && uoact) {
		ua = (struct user_old_sigaction){ oact.handler, (u32)oact.mask, oact.flags,
						  oact.restorer };
		if (copy_to_user((void *)uoact, &ua, sizeof(ua)))
			return -EFAULT;
	}
	return ret;
}

/* The new mask after `how` with set; -EINVAL for an unknown how. */
static int apply_how(int how, sigset_t set, sigset_t *newset)
{
	switch (how) {
	case SIG_BLOCK:   *newset = current->blocked | set; return 0;
	case SIG_UNBLOCK: *newset = current->blocked & ~set; return 0;
	case SIG_SETMASK: *newset = set; return 0;
	default:          return -EINVAL;
	}
}

long sys_rt_sigprocmask(u32 how, u32 uset, u32 uoset, u32 sigsetsize, u32 e, u32 f)
{
	sigset_t old = current->blocked, set, newset;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, (void *)uset, sizeof(set)))
			return -EFAULT;
		if ((ret = apply_how((int)how, set, &newset)))
			return ret;
		set_current_blocked(newset);
	}
	if (uoset && copy_to_user((void *)uoset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* sigprocmask (126): the low 32 signals only; the others keep their bits. */
long sys_sigprocmask(u32 how, u32 uset, u32 uoset, u32 d, u32 e, u32 f)
{
	u32 old = (u32)current->blocked, set;
	sigset_t newset;
	int ret;

	if (uset) {
		if (copy_from_user(&set, (void *)uset, sizeof(set)))
			return -EFAULT;
		if ((ret = apply_how((int)how, set, &newset)))
			return ret;
		if (how == SIG_SETMASK)
			newset |= current->blocked & ~0xFFFFFFFFULL;
		set_current_blocked(newset);
	}
	if (uoset && copy_to_user((void *)uoset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Blocked signals pending for the caller or its group. */
static sigset_t pending_blocked(void)
{
	return (current->pending.signal | current->signal->shared_pending.signal) &
	       current->blocked;
}

long sys_rt_sigpending(u32 uset, u32 sigsetsize, u32 c, u32 d, u32 e, u32 f)
{
	sigset_t set = pending_blocked();

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user((void *)uset, &set, sigsetsize) ? -EFAULT : 0;
}

long sys_sigpending(u32 uset, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	u32 set = (u32)pending_blocked();

	return copy_to_user((void *)uset, &set, sizeof(set)) ? -EFAULT : 0;
}

/* Sleep until a signal is pending; the return path delivers it. */
static long wait_for_signal(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	return -ERESTARTNOHAND;
}

/* Wait with `mask` blocked; the old mask comes back after the handler ran
 * (its frame saves it), or at once if no handler runs. Always -EINTR. */
static long do_sigsuspend(sigset_t mask)
{
	current->saved_sigmask = current->blocked;
	set_current_blocked(mask);
	wait_for_signal();
	set_restore_sigmask();
	return -ERESTARTNOHAND;
}

long sys_rt_sigsuspend(u32 umask, u32 sigsetsize, u32 c, u32 d, u32 e, u32 f)
{
	sigset_t mask;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, (void *)umask, sizeof(mask)))
		return -EFAULT;
	return do_sigsuspend(mask);
}

/* i386's old sigsuspend(history0, history1, mask). */
long sys_sigsuspend(u32 h0, u32 h1, u32 mask, u32 d, u32 e, u32 f)
{
	return do_sigsuspend((current->blocked & ~0xFFFFFFFFULL) | mask);
}

long sys_pause(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return wait_for_signal();
}

/* Sleep up to `timeout` ticks with `these` unblocked, so that complete_signal
 * may pick us for them; then take one of them. 0 if none came. */
static int wait_for_one_of(sigset_t these, long timeout, struct kernel_siginfo *info)
{
	sigset_t blocked = current->blocked;

	current->real_blocked = blocked;        /* not fatal while we wait for it */
	set_current_blocked(blocked & ~these);
	while (!signal_pending(current) && timeout) {
		__set_current_state(TASK_INTERRUPTIBLE);
		timeout = schedule_timeout(timeout);
	}
	set_current_blocked(blocked);
	current->real_blocked = 0;
	return dequeue_signal(~these, info);
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize), and its _time64 form:
 * take a pending signal of set without running its handler (callers block
 * set first), waiting up to timeout (NULL: for ever). EAGAIN when the time
 * ran out, EINTR when another signal came. */
static long do_sigtimedwait(u32 uthese, u32 uinfo, u32 uts, u32 sigsetsize, bool time64)
{
	struct kernel_siginfo info;
	u8 uinfo_buf[128];
	struct timespec64 ts;
	long timeout = MAX_SCHEDULE_TIMEOUT;
	sigset_t these;
	int sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, (void *)uthese, sizeof(these)))
		return -EFAULT;
	these &= ~SIG_KERNEL_ONLY_MASK;
	if (uts) {
		int err = get_user_timespec(uts, &ts, time64);

		if (err)
			return err;
		timeout = timespec_to_jiffies(&ts);
	}
	sig = dequeue_signal(~these, &info);
	if (!sig && timeout)
		sig = wait_for_one_of(these, timeout, &info);
	if (!sig)
		return signal_pending(current) ? -EINTR : -EAGAIN;
	if (uinfo) {
		memset(uinfo_buf, 0, sizeof(uinfo_buf));
		memcpy(uinfo_buf, &info, sizeof(info));
		if (copy_to_user((void *)uinfo, uinfo_buf, sizeof(uinfo_buf)))
			return -EFAULT;
	}
	return sig;
}

long sys_rt_sigtimedwait(u32 uthese, u32 uinfo, u32 uts, u32 sigsetsize, u32 e, u32 f)
{
	return do_sigtimedwait(uthese, uinfo, uts, sigsetsize, false);
}

long sys_rt_sigtimedwait_time64(u32 uthese, u32 uinfo, u32 uts, u32 sigsetsize, u32 e, u32 f)
{
	return do_sigtimedwait(uthese, uinfo, uts, sigsetsize, true);
}

int do_sigaltstack(const struct user_stack *ss, struct user_stack *oss, u32 sp)
{
	struct task_struct *t = current;

	if (oss) {
		oss->ss_sp = t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = on_sig_stack(sp) ? SS_ONSTACK : t->sas_ss_size ? 0 : SS_DISABLE;
	}
	if (!ss)
		return 0;
	if (on_sig_stack(sp))
		return -EPERM;
	if (ss->ss_flags != 0 && ss->ss_flags != SS_DISABLE && ss->ss_flags != SS_ONSTACK)
		return -EINVAL;
	if (ss->ss_flags == SS_DISABLE) {
		t->sas_ss_sp = t->sas_ss_size = 0;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	t->sas_ss_sp = ss->ss_sp;
	t->sas_ss_size = ss->ss_size;
	return 0;
}

long sys_sigaltstack(u32 uss, u32 uoss, u32 c, u32 d, u32 e, u32 f)
{
	struct user_stack ss, oss;
	int ret;

	if (uss && copy_from_user(&ss, (void *)uss, sizeof(ss)))
		return -EFAULT;
	ret = do_sigaltstack(uss ? &ss : NULL, &oss, task_pt_regs(current)->esp);
	if (!ret && uoss && copy_to_user((void *)uoss, &oss, sizeof(oss)))
		return -EFAULT;
	return ret;
}
