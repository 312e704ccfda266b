/* kernel/kill.c: the system calls that send signals, kill(2), tkill(2) and
 * tgkill(2), with Linux's targets and errors: kill to one process (any of
 * its threads takes it), to a process group, or to every process; tkill and
 * tgkill to one thread; rt_sigqueueinfo(2), a process with the caller's
 * own siginfo (sigqueue); pidfd_send_signal(2), the process a pidfd
 * names. A bad signal number is EINVAL, no target ESRCH, and a target the
 * caller may not signal EPERM (may_signal). Signal 0 sends nothing: it
 * asks whether the target exists and may be signalled. */
#include <kernel.h>
#include <errno.h>
#include <pid.h>
#include <sched.h>
#include <sched/signal.h>
#include <syscall.h>
#include <asm/uaccess.h>

/* Linux's kill permission: privilege (euid 0: Tasklab has no
 * capabilities) signals anyone; otherwise the caller's real or effective
 * uid must be the target's real or saved uid. SIGCONT also reaches any
 * task of the caller's session (job control across a setuid program). */
static bool may_signal(struct task_struct *p, int sig)
{
	const struct task_struct *c = current;

	if (c->euid == 0 || c->euid == p->suid || c->euid == p->uid ||
	    c->uid == p->suid || c->uid == p->uid)
		return true;
	return sig == SIGCONT && p->sid == c->sid;
}

static void user_info(struct kernel_siginfo *info, int sig, int code)
{
	*info = (struct kernel_siginfo){ .si_signo = sig, .si_code = code };
	info->kill.pid = current->tgid;
	info->kill.uid = current->uid;
}

/* Check, then send info (sig 0: check only). */
static int send_info_checked(int sig, struct kernel_siginfo *info, struct task_struct *p, bool group)
{
	if (!may_signal(p, sig))
		return -EPERM;
	return sig ? send_sig_info(sig, info, p, group) : 0;
}

static int send_checked(int sig, struct task_struct *p, bool group, int code)
{
	struct kernel_siginfo info;

	user_info(&info, sig, code);
	return send_info_checked(sig, &info, p, group);
}

/* A signal from the kernel itself (SI_KERNEL) to p's process, unchecked. */
static int send_priv(int sig, struct task_struct *p)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_KERNEL };

	return send_sig_info(sig, &info, p, true);
}

/* The group walks send under tasklist_lock (read), as Linux: no process
 * of the group is released, and none forks into it unseen, meanwhile.
 * Sending takes each target's siglock inside it (the table's order) and
 * may allocate a sigqueue there, which does not sleep (GFP_ATOMIC). */
int __kill_pgrp_info(pid_t pgrp, int sig, int priv)
{
	struct task_struct *p;
	int err = -ESRCH;
	bool success = false;

	for_each_process(p) {
		if (p->pgid != pgrp || !thread_group_leader(p))
			continue;     /* a zombie leader stands for its live threads */
		err = priv ? send_priv(sig, p) : send_checked(sig, p, true, SI_USER);
		success |= !err;
	}
	return success ? 0 : err;
}

int kill_pgrp(pid_t pgrp, int sig, int priv)
{
	int ret;

	read_lock(&tasklist_lock);
	ret = __kill_pgrp_info(pgrp, sig, priv);
	read_unlock(&tasklist_lock);
	return ret;
}

/* kill(-1): every process but init and the caller's own; as Linux, EPERM
 * from some targets is not an error, and ESRCH only when there is none. */
static int kill_every_process(int sig)
{
	struct task_struct *p;
	int count = 0, ret = 0;

	read_lock(&tasklist_lock);
	for_each_process(p) {
		int err;

		if (p->tgid <= 1 || p->tgid == current->tgid || !thread_group_leader(p))
			continue;
		err = send_checked(sig, p, true, SI_USER);
		count++;
		if (err != -EPERM)
			ret = err;
	}
	read_unlock(&tasklist_lock);
	return count ? ret : -ESRCH;
}

/* kill(pid, sig): pid > 0 that process; 0 the caller's process group; -1
 * every process it may signal; < -1 the group -pid. */
long sys_kill(u32 upid, u32 usig, u32 c, u32 d, u32 e, u32 f)
{
	pid_t pid = (pid_t)upid;
	int sig = (int)usig;
	struct task_struct *p;

	if (sig && !valid_signal(sig))
		return -EINVAL;
	if (pid > 0) {
		long ret;

		p = find_get_task_by_pid(pid);       /* a zombie exists too */
		if (!p)
			return -ESRCH;
		ret = send_checked(sig, p, true, SI_USER);
		put_task_struct(p);
		return ret;
	}
	if (pid == -1)
		return kill_every_process(sig);
	if (pid == -2147483647 - 1)            /* -pid would overflow */
		return -ESRCH;
	return kill_pgrp(pid ? -pid : current->pgid, sig, 0);
}

/* One thread, by tid; tgid > 0 must also be its thread group. */
static long do_tkill(pid_t tgid, pid_t tid, int sig)
{
	struct task_struct *p;
	long ret = -ESRCH;

	if (tid <= 0 || (sig && !valid_signal(sig)))
		return -EINVAL;
	p = find_get_task_by_pid(tid);
	if (!p)
		return -ESRCH;
	if (tgid <= 0 || p->tgid == tgid)
		ret = send_checked(sig, p, false, SI_TKILL);
	put_task_struct(p);
	return ret;
}

long sys_tkill(u32 tid, u32 sig, u32 c, u32 d, u32 e, u32 f)
{
	return do_tkill(0, (pid_t)tid, (int)sig);
}

long sys_tgkill(u32 tgid, u32 tid, u32 sig, u32 d, u32 e, u32 f)
{
	if ((pid_t)tgid <= 0)
		return -EINVAL;
	return do_tkill((pid_t)tgid, (pid_t)tid, (int)sig);
}

/* May this siginfo from user space be sent? Not when it claims to come
 * from kill or the kernel (si_code >= 0) or from tkill and is not for the
 * caller itself (to_self): only the kernel may say so (Linux's rule for
 * rt_sigqueueinfo and pidfd_send_signal). */
static bool siginfo_allowed(const struct kernel_siginfo *info, bool to_self)
{
	return to_self || (info->si_code < 0 && info->si_code != SI_TKILL);
}

/* rt_sigqueueinfo(pid, sig, info): kill with the caller's siginfo (its
 * si_signo replaced by sig), under siginfo_allowed's rule (EPERM). */
long sys_rt_sigqueueinfo(u32 upid, u32 usig, u32 uinfo, u32 d, u32 e, u32 f)
{
	pid_t pid = (pid_t)upid;
	int sig = (int)usig;
	struct kernel_siginfo info;
	struct task_struct *p;
	long ret;

	if (sig && !valid_signal(sig))
		return -EINVAL;
	if (copy_from_user(&info, (void *)uinfo, sizeof(info)))
		return -EFAULT;
	if (!siginfo_allowed(&info, pid == current->tgid))
		return -EPERM;
	p = pid > 0 ? find_get_task_by_pid(pid) : NULL;
	if (!p)
		return -ESRCH;
	info.si_signo = sig;
	ret = thread_group_leader(p) ? send_info_checked(sig, &info, p, true) : -ESRCH;
	put_task_struct(p);
	return ret;
}

/* pidfd_send_signal's siginfo: the caller's (EFAULT; EINVAL when its
 * si_signo is not sig; EPERM by siginfo_allowed, "itself" being the
 * calling thread's own process leader, as Linux compares task_pid(current))
 * or, without one, kill's. */
static int pidfd_siginfo(struct kernel_siginfo *info, int sig, u32 uinfo, const struct pid *pid)
{
	if (!uinfo) {
		user_info(info, sig, SI_USER);
		return 0;
	}
	if (copy_from_user(info, (void *)uinfo, sizeof(*info)))
		return -EFAULT;
	if (info->si_signo != sig)
		return -EINVAL;
	return siginfo_allowed(info, pid->task == current) ? 0 : -EPERM;
}

/* pidfd_send_signal(pidfd, sig, info, flags): kill(2) through a pidfd, to
 * the very process it names. Linux 6.1's order of errors: EINVAL for
 * flags; EBADF for an fd that is not a pidfd; the siginfo's (above);
 * ESRCH once the process was reaped, even if its number is in use again;
 * then kill's rules: EINVAL for a bad signal, EPERM (may_signal); sig 0
 * only checks. A zombie not yet reaped is signalled (0), as by kill. */
long sys_pidfd_send_signal(u32 pidfd, u32 usig, u32 uinfo, u32 flags, u32 e, u32 f)
{
	struct kernel_siginfo info;
	struct task_struct *p = NULL;
	unsigned int f_flags;
	struct pid *pid;
	int err, sig = (int)usig;

	if (flags)
		return -EINVAL;
	pid = pidfd_get_pid(pidfd, &f_flags);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	err = pidfd_siginfo(&info, sig, uinfo, pid);
	if (!err && !(p = get_pid_task(pid)))    /* held: it may be reaped meanwhile */
		err = -ESRCH;
	if (!err && sig && !valid_signal(sig))
		err = -EINVAL;
	if (!err)
		err = send_info_checked(sig, &info, p, true);
	if (p)
		put_task_struct(p);
	put_pid(pid);
	return err;
}
