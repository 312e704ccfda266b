/* kernel/kill.c: kill(2) before signals exist. Signal handlers, masks and
 * queues are the signals issue's; until then a signal does what its
 * default action says for a process that never changed it: the ones that
 * default to "ignore" (SIGCHLD, SIGCONT, SIGURG, SIGWINCH) do nothing, and
 * every other one ends the target, which the parent's wait4 sees as
 * "killed by" that signal. The target ends on its next return to user mode
 * (exit_to_user_mode); an interruptible sleep is woken so that it gets
 * there (sleepers check fatal_signal_pending and return -EINTR). */
#include <kernel.h>
#include <errno.h>
#include <pid.h>
#include <sched.h>
#include <syscall.h>
#include <asm/irqflags.h>
#include <uapi/linux/signal.h>

#define SIGURG   23
#define SIGWINCH 28

static bool ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

void send_fatal_signal(struct task_struct *p, int sig)
{
	if (ignored_by_default(sig) || p->fatal_signal || p->exit_state)
		return;
	p->fatal_signal = sig;
	wake_up_state(p, TASK_INTERRUPTIBLE);
}

/* User processes only: PID 1 and kernel threads ignore kill, as Linux's
 * init and kthreads ignore signals they have no handler for. */
static bool killable(const struct task_struct *p)
{
	return p->pid > 1 && !is_kernel_thread(p) && !p->exit_state;
}

static int kill_one(struct task_struct *p, int sig)
{
	if (sig && killable(p))
		send_fatal_signal(p, sig);
	return 0;
}

/* kill(pid, sig): pid > 0 one process; 0 the caller's group; -1 every
 * process but init and the caller; < -1 the group -pid. sig 0 only checks
 * that a target exists. */
long sys_kill(u32 upid, u32 usig, u32 c, u32 d, u32 e, u32 f)
{
	pid_t pid = (pid_t)upid;
	int sig = (int)usig, found = 0;
	struct task_struct *p;

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid > 0) {
		p = find_task_by_pid(pid);
		return p ? kill_one(p, sig) : -ESRCH;       /* a zombie exists too */
	}
	for_each_process(p) {
		bool match = pid == -1 ? (p != current && p->pid > 1)
			   : p->pgid == (pid == 0 ? current->pgid : -pid);

		if (match && !p->exit_state) {
			found++;
			kill_one(p, sig);
		}
	}
	return found ? 0 : -ESRCH;
}
