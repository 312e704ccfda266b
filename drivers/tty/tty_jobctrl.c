/* drivers/tty/tty_jobctrl.c: job control on a terminal, as Linux's.
 *
 * A session has at most one controlling terminal, and a terminal controls
 * at most one session (tty->session; 0: none, which is also why session 0
 * never has one: its processes are no session's leader). A session leader
 * without one acquires a terminal by opening it (not with O_NOCTTY, not
 * through /dev/tty or /dev/console) when it controls no session yet, or by
 * TIOCSCTTY (which root may use to steal one, with argument 1). Processes
 * forked afterwards inherit it (signal->tty); setsid and TIOCNOTTY drop it.
 *
 * tty->pgrp is the foreground process group: it gets the signals the
 * line discipline sends (^C, ^\, ^Z, SIGWINCH) and may read. A process of
 * another group of the session that reads its terminal gets SIGTTIN, one
 * that changes its settings (or writes, under TOSTOP) SIGTTOU: the group
 * stops, and the call restarts once it is continued. A process that
 * ignores or blocks the signal may go on (but reads fail with EIO); one in
 * an orphaned group (no parent in another group of the session to
 * continue it) gets EIO instead of stopping.
 *
 * When the session leader exits, the terminal is hung up (tty_io.c):
 * the foreground group gets SIGHUP, the leaders of the session SIGHUP and
 * SIGCONT, and the session loses the terminal.
 *
 * Locking (include/tty.h): a terminal is acquired under tty_mutex, so two
 * session leaders on two CPUs cannot both take one; tty->session and
 * tty->pgrp change under its ctrl_lock, a process's signal->tty under its
 * siglock; the walks of the task list run under tasklist_lock (read),
 * which nests outside both. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <sched.h>
#include <sched/signal.h>
#include <tty.h>
#include <asm/uaccess.h>

static bool is_session_leader(const struct task_struct *p)
{
	return p->sid == p->tgid;
}

/* Does current block or ignore sig? */
static bool is_ignored(int sig)
{
	return (current->blocked & sigmask(sig)) ||
	       current->sighand->action[sig - 1].handler == SIG_IGN;
}

int __tty_check_change(struct tty_struct *tty, int sig)
{
	pid_t pgrp = current->pgid, fg = tty_get_pgrp(tty);
	unsigned long flags;

	if (current->signal->tty != tty || !fg || fg == pgrp)
		return 0;
	if (is_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (is_current_pgrp_orphaned())
		return -EIO;
	kill_pgrp(pgrp, sig, 1);
	spin_lock_irqsave(&current->sighand->siglock, flags);
	recalc_sigpending();           /* this thread stops too, whichever was woken */
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return -ERESTARTSYS;
}

int tty_check_change(struct tty_struct *tty)
{
	return __tty_check_change(tty, SIGTTOU);
}

struct tty_struct *get_current_tty(void)
{
	return current->signal->tty;
}

/* p's process's controlling terminal becomes tty (NULL: none), under its
 * siglock (a zombie whose handlers are gone: plainly, nobody else writes
 * it then). */
static void proc_set_signal_tty(struct task_struct *p, struct tty_struct *tty)
{
	unsigned long flags;
	struct sighand_struct *sh = lock_task_sighand(p, &flags);

	p->signal->tty = tty;
	if (sh)
		unlock_task_sighand(sh, flags);
}

void proc_clear_tty(struct task_struct *p)
{
	if (p->signal)
		proc_set_signal_tty(p, NULL);
}

void tty_clear_session(struct tty_struct *tty)
{
	spin_lock(&tty->ctrl_lock);
	tty->session = tty->pgrp = 0;
	spin_unlock(&tty->ctrl_lock);
}

/* tty becomes current's controlling terminal, its group the foreground.
 * tty_mutex held: nobody else acquires a terminal meanwhile. */
static void __proc_set_tty(struct tty_struct *tty)
{
	spin_lock(&tty->ctrl_lock);
	tty->session = current->sid;
	tty->pgrp = current->pgid;
	spin_unlock(&tty->ctrl_lock);
	proc_set_signal_tty(current, tty);
}

/* tty_open, tty_mutex held. */
void tty_open_proc_set_tty(struct file *file, struct tty_struct *tty)
{
	if (is_session_leader(current) && !current->signal->tty && !tty->session &&
	    (file->f_flags & O_ACCMODE) != O_WRONLY)
		__proc_set_tty(tty);
}

void session_clear_tty(pid_t sid)
{
	struct task_struct *p;

	if (!sid)
		return;
	read_lock(&tasklist_lock);
	for_each_process(p)
		if (p->sid == sid && thread_group_leader(p))
			proc_clear_tty(p);
	read_unlock(&tasklist_lock);
}

/* sig from the kernel to p's process. */
static void send_priv(int sig, struct task_struct *p)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_KERNEL };

	send_sig_info(sig, &info, p, true);
}

/* tty_mutex held (a hangup). */
void tty_signal_session_leader(struct tty_struct *tty, bool exit_session)
{
	pid_t pgrp, session;
	struct task_struct *p;

	spin_lock(&tty->ctrl_lock);
	pgrp = tty->pgrp;
	session = tty->session;
	spin_unlock(&tty->ctrl_lock);
	read_lock(&tasklist_lock);
	for_each_process(p) {
		if (!session)
			break;
		if (p->sid != session || !thread_group_leader(p) || !p->signal)
			continue;
		if (p->signal->tty == tty)
			proc_clear_tty(p);
		if (!is_session_leader(p))
			continue;
		send_priv(SIGHUP, p);
		send_priv(SIGCONT, p);
	}
	if (exit_session && pgrp)
		__kill_pgrp_info(pgrp, SIGHUP, 1);
	read_unlock(&tasklist_lock);
}

/* Contract: called by a session leader that exits (on_exit: the whole
 * process is gone; kernel/exit.c) or gives up its terminal (TIOCNOTTY).
 * On exit the terminal is hung up (__tty_hangup); otherwise the
 * foreground group gets SIGHUP and SIGCONT. Either way the terminal
 * controls no session after, and no process of the session has it. Any
 * other caller: nothing happens. Process context, interrupts on. */
void disassociate_ctty(bool on_exit)
{
	struct task_struct *cur = current;
	struct tty_struct *tty;
	pid_t pgrp;

	if (!is_session_leader(cur))
		return;
	tty = cur->signal->tty;
	if (tty && on_exit) {
		tty_vhangup_session(tty);
	} else if (tty && (pgrp = tty_get_pgrp(tty))) {
		kill_pgrp(pgrp, SIGHUP, 0);
		kill_pgrp(pgrp, SIGCONT, 0);
	}
	tty = cur->signal->tty;        /* a hangup has cleared it already */
	if (tty)
		tty_clear_session(tty);
	session_clear_tty(cur->sid);
}

static void no_tty(void)
{
	disassociate_ctty(false);
	proc_clear_tty(current);
}

/* tiocsctty's work, tty_mutex held. */
static long __tiocsctty(struct tty_struct *tty, struct file *file, unsigned long arg)
{
	if (is_session_leader(current) && tty->session == current->sid)
		return 0;
	if (!is_session_leader(current) || current->signal->tty)
		return -EPERM;
	if (tty->session) {
		if (arg != 1 || current->euid != 0)
			return -EPERM;
		session_clear_tty(tty->session);
	}
	if ((file->f_flags & O_ACCMODE) == O_WRONLY && current->euid != 0)
		return -EPERM;
	__proc_set_tty(tty);
	return 0;
}

/* TIOCSCTTY: a session leader without a terminal takes tty; one that
 * controls another session only by root with arg 1 (stealing it). */
static long tiocsctty(struct tty_struct *tty, struct file *file, unsigned long arg)
{
	long ret;

	mutex_lock(&tty_mutex);          /* as an open that acquires it */
	ret = __tiocsctty(tty, file, arg);
	mutex_unlock(&tty_mutex);
	return ret;
}

static long tiocgpgrp(struct tty_struct *tty, unsigned long arg)
{
	if (current->signal->tty != tty)
		return -ENOTTY;
	return put_user_u32((u32)tty_get_pgrp(tty), (u32 *)arg) ? -EFAULT : 0;
}

/* The session of process group pgrp (or of process pgrp, if no group has
 * that id: Linux's session_of_pgrp), or -1 if neither exists.
 * tasklist_lock held. */
static pid_t session_of_pgrp(pid_t pgrp)
{
	struct task_struct *p, *by_pid = NULL;

	for_each_process(p) {
		if (p->pgid == pgrp)
			return p->sid;
		if (p->pid == pgrp)
			by_pid = p;
	}
	return by_pid ? by_pid->sid : -1;
}

/* TIOCSPGRP: a background caller gets SIGTTOU first (ENOTTY if orphaned);
 * the terminal must be the caller's and control its session; the group
 * must exist (ESRCH) in that session (EPERM). */
static long tiocspgrp(struct tty_struct *tty, unsigned long arg)
{
	int err = tty_check_change(tty);
	pid_t pgrp, sid;
	u32 v;

	if (err == -EIO)
		return -ENOTTY;
	if (err)
		return err;
	if (get_user_u32(&v, (const u32 *)arg))
		return -EFAULT;
	pgrp = (pid_t)v;
	if (pgrp < 0)
		return -EINVAL;
	if (current->signal->tty != tty || READ_ONCE(tty->session) != current->sid)
		return -ENOTTY;
	read_lock(&tasklist_lock);       /* the group stays in its session meanwhile */
	sid = session_of_pgrp(pgrp);
	err = sid < 0 ? -ESRCH : sid != current->sid ? -EPERM : 0;
	if (!err) {
		spin_lock(&tty->ctrl_lock);
		if (tty->session == current->sid)
			tty->pgrp = pgrp;
		else
			err = -ENOTTY;   /* hung up since */
		spin_unlock(&tty->ctrl_lock);
	}
	read_unlock(&tasklist_lock);
	return err;
}

static long tiocgsid(struct tty_struct *tty, unsigned long arg)
{
	pid_t session = READ_ONCE(tty->session);

	if (current->signal->tty != tty || !session)
		return -ENOTTY;
	return put_user_u32((u32)session, (u32 *)arg) ? -EFAULT : 0;
}

long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		       unsigned long arg)
{
	switch (cmd) {
	case TIOCNOTTY:
		if (current->signal->tty != tty)
			return -ENOTTY;
		no_tty();
		return 0;
	case TIOCSCTTY:
		return tiocsctty(tty, file, arg);
	case TIOCGPGRP:
		return tiocgpgrp(tty, arg);
	case TIOCSPGRP:
		return tiocspgrp(tty, arg);
	case TIOCGSID:
		return tiocgsid(tty, arg);
	}
	return -ENOIOCTLCMD;
}
