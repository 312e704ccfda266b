/* kernel/signal.c: POSIX signals, the Linux way (include/sched/signal.h).
 * Sending: a signal is queued on one thread's pending set (tkill, faults) or
 * on the group's shared set (kill, SIGCHLD), unless its action ignores it;
 * then a thread that does not block it is chosen (the main thread first)
 * and marked TIF_SIGPENDING, and woken from an interruptible sleep. Each
 * queued siginfo record is charged to the receiver's user, up to its
 * RLIMIT_SIGPENDING (default threads-max / 2, as Linux): past it a
 * standard signal is still sent without its record, a real-time one from
 * tkill/tgkill fails (EAGAIN). A signal whose action is the default "terminate" kills the whole group at
 * once: every thread gets SIGKILL; one whose default is "core" is left to
 * the thread that takes it, which dumps core first (do_coredump,
 * fs/coredump.c), then ends the group. SIGCONT and the stop signals cancel each
 * other when sent. Receiving: on the way to user mode (do_signal in
 * arch/i386/signal.c) get_signal() dequeues unblocked signals, synchronous
 * faults first, then the lowest number, running default actions (ignore,
 * stop the group, exit the group) until one has a handler.
 *
 * Locking: a task's pending queue, its group's shared queue, group stop
 * and the handler table are guarded by sighand->siglock, taken with
 * interrupts off (lock_task_sighand: none once the task released its
 * handlers at exit). A sender that notifies a parent takes the parent's
 * siglock inside its own (a parent is never its child's thread). No signal
 * is sent from an interrupt handler; thread_info->flags is also written by
 * interrupts (TIF_NEED_RESCHED), so its read-modify-writes run with
 * interrupts off. Default actions: SIGCHLD, SIGCONT, SIGURG and SIGWINCH are
 * ignored; SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU stop; all others
 * terminate, the "core" ones (SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS,
 * SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS) after writing a core file
 * when RLIMIT_CORE and the dumpable flag allow: the wait status has the
 * 0x80 bit only when one was written. PID 1 and kernel threads drop every
 * signal whose action is the default (as Linux's init and kthreads do),
 * except faults forced on them. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched/user.h>
#include <coredump.h>
#include <posix-timers.h>
#include <slab.h>
#include <spinlock.h>
#include <trace/events.h>
#include <asm/irqflags.h>

#define SIG_KERNEL_IGNORE_MASK (sigmask(SIGCHLD) | sigmask(SIGCONT) | \
				sigmask(SIGURG) | sigmask(SIGWINCH))
#define SIG_KERNEL_STOP_MASK   (sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
				sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define SIG_KERNEL_COREDUMP_MASK (sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
				  sigmask(SIGABRT) | sigmask(SIGBUS) | sigmask(SIGFPE) | \
				  sigmask(SIGSEGV) | sigmask(SIGXCPU) | sigmask(SIGXFSZ) | \
				  sigmask(SIGSYS))
#define SYNCHRONOUS_MASK       (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
				sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

static bool sig_kernel_ignore(int sig) { return sigmask(sig) & SIG_KERNEL_IGNORE_MASK; }
static bool sig_kernel_stop(int sig) { return sigmask(sig) & SIG_KERNEL_STOP_MASK; }
static bool sig_kernel_coredump(int sig) { return sigmask(sig) & SIG_KERNEL_COREDUMP_MASK; }

/* PID 1 and kernel threads: signals left at their default do nothing. */
static bool unkillable(const struct task_struct *p)
{
	return p->tgid == 1 || is_kernel_thread(p);
}

static struct k_sigaction *action_of(struct task_struct *p, int sig)
{
	return &p->sighand->action[sig - 1];
}

/* A queue record charged to p's user, within p's RLIMIT_SIGPENDING unless
 * override; NULL when over the limit or out of memory. */
static struct sigqueue *sigqueue_alloc(struct task_struct *p, bool override)
{
	struct user_struct *user = p->user;
	struct sigqueue *q;

	if (!override && (unsigned long)READ_ONCE(user->sigpending) >= p->signal->rlim[RLIMIT_SIGPENDING].rlim_cur)
		return NULL;
	/* under siglock, as Linux's __send_signal: GFP_ATOMIC (a loss is handled) */
	q = kmem_cache_alloc(sigqueue_cachep, GFP_ATOMIC | __GFP_NOWARN);
	if (!q)
		return NULL;
	q->user = get_uid(user);
	q->flags = 0;
	__atomic_add_fetch(&user->sigpending, 1, __ATOMIC_RELAXED);   /* any siglock */
	return q;
}

static void sigqueue_uncharge(struct sigqueue *q)
{
	__atomic_sub_fetch(&q->user->sigpending, 1, __ATOMIC_RELAXED);
	free_uid(q->user);
}

static void sigqueue_free(struct sigqueue *q)
{
	sigqueue_uncharge(q);
	kmem_cache_free(sigqueue_cachep, q);
}

/* A record off its pending list: freed, unless a POSIX timer owns it. */
static void sigqueue_drop(struct sigqueue *q)
{
	list_del_init(&q->list);
	if (!(q->flags & SIGQUEUE_PREALLOC))
		sigqueue_free(q);
}

int sigqueue_init_prealloc(struct sigqueue *q)
{
	struct user_struct *user = current->user;

	if ((unsigned long)READ_ONCE(user->sigpending) >= current->signal->rlim[RLIMIT_SIGPENDING].rlim_cur)
		return -EAGAIN;
	INIT_LIST_HEAD(&q->list);
	q->user = get_uid(user);
	q->flags = SIGQUEUE_PREALLOC;
	__atomic_add_fetch(&user->sigpending, 1, __ATOMIC_RELAXED);
	return 0;
}

/* Contract: pending is a queue of current's thread group (a POSIX timer's
 * target), so current's siglock guards it. */
void sigqueue_cancel(struct sigqueue *q, struct sigpending *pending)
{
	struct sighand_struct *sh = current->sighand;
	struct sigqueue *other;
	int sig = q->info.si_signo;
	unsigned long flags;

	spin_lock_irqsave(&sh->siglock, flags);
	if (!list_empty(&q->list)) {
		list_del_init(&q->list);
		list_for_each_entry(other, &pending->list, list)
			if (other->info.si_signo == sig)
				goto out;          /* another instance stays pending */
		pending->signal &= ~sigmask(sig);
	}
out:
	spin_unlock_irqrestore(&sh->siglock, flags);
}

void sigqueue_release_prealloc(struct sigqueue *q, struct sigpending *pending)
{
	sigqueue_cancel(q, pending);
	sigqueue_uncharge(q);
}

/* lock_task_sighand: p's handlers locked (interrupts off, *flags saved),
 * or NULL when p has released them (it is past exit_sighand). p->sighand
 * is read and its lock taken under p's task_lock, which exit_sighand and
 * unshare_sighand hold to let go of it: p's reference keeps the table
 * from being freed on another CPU between the two (Linux has RCU for
 * that). */
struct sighand_struct *lock_task_sighand(struct task_struct *p, unsigned long *flags)
{
	struct sighand_struct *sh;

	*flags = local_irq_save();
	task_lock(p);
	sh = p->sighand;
	if (sh)
		spin_lock(&sh->siglock);
	task_unlock(p);
	if (!sh)
		local_irq_restore(*flags);
	return sh;
}

void unlock_task_sighand(struct sighand_struct *sh, unsigned long flags)
{
	spin_unlock_irqrestore(&sh->siglock, flags);
}

void flush_signals_on_exit(struct task_struct *p)
{
	unsigned long flags;
	struct sighand_struct *sh = lock_task_sighand(p, &flags);

	if (!sh)
		return;
	flush_sigqueue(&p->pending);
	unlock_task_sighand(sh, flags);
}

bool fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p) && (p->pending.signal & sigmask(SIGKILL));
}

void flush_sigqueue(struct sigpending *pending)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &pending->list, list)
		sigqueue_drop(q);
	pending->signal = 0;
}

void flush_signals(struct task_struct *p)
{
	unsigned long flags;
	struct sighand_struct *sh = lock_task_sighand(p, &flags);

	if (!sh)
		return;
	flush_sigqueue(&p->pending);
	flush_sigqueue(&p->signal->shared_pending);
	clear_ti_thread_flag(task_thread_info(p), TIF_SIGPENDING);
	unlock_task_sighand(sh, flags);
}

static void set_tsk_sigpending(struct task_struct *t)
{
	set_ti_thread_flag(task_thread_info(t), TIF_SIGPENDING);
}

/* Mark t and end an interruptible sleep (and a stop, when resume). */
static void signal_wake_up(struct task_struct *t, bool resume)
{
	set_tsk_sigpending(t);
	wake_up_state(t, TASK_INTERRUPTIBLE | (resume ? TASK_STOPPED : 0));
}

static bool has_work(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;

	return ((t->pending.signal | sig->shared_pending.signal) & ~t->blocked) ||
	       sig->group_stop_count || (sig->flags & SIGNAL_GROUP_EXIT);
}

/* TIF_SIGPENDING for current, set or cleared to match what is pending.
 * The caller holds current's siglock (the pending sets' lock). */
void recalc_sigpending(void)
{
	if (has_work(current))
		set_ti_thread_flag(current_thread_info(), TIF_SIGPENDING);
	else
		clear_ti_thread_flag(current_thread_info(), TIF_SIGPENDING);
}

/* sigsuspend's mask comes back after the next delivery (or at once). */
void set_restore_sigmask(void)
{
	set_ti_thread_flag(current_thread_info(), TIF_RESTORE_SIGMASK);
}

bool test_and_clear_restore_sigmask(void)
{
	return test_and_clear_ti_thread_flag(current_thread_info(), TIF_RESTORE_SIGMASK);
}

/* Under siglock: a sender on another CPU reads blocked to decide whom to
 * wake, and must not see its TIF_SIGPENDING cleared by a stale recalc. */
void set_current_blocked(sigset_t newset)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	current->blocked = newset & ~SIG_KERNEL_ONLY_MASK;
	recalc_sigpending();
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

/* Take sig's bit and queued records out of a pending set (and each thread's). */
static void remove_from_set(struct sigpending *pending, sigset_t mask)
{
	struct sigqueue *q, *n;

	if (!(pending->signal & mask))
		return;
	pending->signal &= ~mask;
	list_for_each_entry_safe(q, n, &pending->list, list) {
		if (sigmask(q->info.si_signo) & mask)
			sigqueue_drop(q);
	}
}

static void remove_from_group(struct task_struct *p, sigset_t mask)
{
	struct task_struct *t;

	remove_from_set(&p->signal->shared_pending, mask);
	for_each_thread(p, t)
		remove_from_set(&t->pending, mask);
}

/* SIGCONT: the group runs again, and its parent hears of it. */
static void continue_group(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;
	struct task_struct *t;
	bool was_stopped = (sig->flags & SIGNAL_STOP_STOPPED) || sig->group_stop_count;

	remove_from_group(p, SIG_KERNEL_STOP_MASK);
	for_each_thread(p, t)
		wake_up_state(t, TASK_STOPPED);
	if (!was_stopped)
		return;
	/* the parent is told by a thread of p's that runs again, without
	 * p's siglock (get_signal): ours is held here, and the parent's
	 * does not nest in it */
	sig->flags = (sig->flags & ~SIGNAL_STOP_STOPPED) | SIGNAL_STOP_CONTINUED |
		     SIGNAL_CLD_CONTINUED;
	sig->group_stop_count = 0;
	sig->group_exit_code = 0;
}

/* Would p's action throw sig away right now? A blocked signal is kept:
 * the action may change before it is unblocked. So is one p waits for in
 * rt_sigtimedwait (real_blocked: the mask the wait lifted), as Linux's:
 * BusyBox init waits so for a SIGCHLD left at its default. */
static bool sig_ignored(struct task_struct *p, int sig, bool force)
{
	unsigned long handler = action_of(p, sig)->handler;

	if ((p->blocked | p->real_blocked) & sigmask(sig))
		return false;
	if (handler == SIG_IGN)
		return true;
	return handler == SIG_DFL && (sig_kernel_ignore(sig) || (!force && unkillable(p)));
}

/* Side effects of sending (stop and continue cancel each other) and
 * whether sig is to be queued at all. As Linux, a signal to the process is
 * refused only when the group is dying or dead: p may be a zombie leader
 * (pthread_exit from main) whose other threads still run, and one of them
 * takes it (complete_signal). A signal to one thread that is exiting is
 * dropped. */
static bool prepare_signal(int sig, struct task_struct *p, bool group, bool force)
{
	struct signal_struct *signal = p->signal;

	if (!signal || !__atomic_load_n(&signal->live, __ATOMIC_ACQUIRE) || (signal->flags & SIGNAL_GROUP_EXIT))
		return false;
	if (!group && (p->exit_state || (p->flags & PF_EXITING)))
		return false;
	if (sig_kernel_stop(sig))
		remove_from_group(p, sigmask(SIGCONT));
	else if (sig == SIGCONT)
		continue_group(p);
	return !sig_ignored(p, sig, force);
}

static bool wants_signal(int sig, struct task_struct *p)
{
	if ((p->blocked & sigmask(sig)) || (p->flags & PF_EXITING) || p->exit_state)
		return false;
	if (sig == SIGKILL)
		return true;
	if (p->state == TASK_STOPPED)
		return false;
	return p == current || !signal_pending(p);
}

static bool sig_fatal(struct task_struct *p, int sig)
{
	return action_of(p, sig)->handler == SIG_DFL &&
	       !sig_kernel_ignore(sig) && !sig_kernel_stop(sig);
}

/* The group is dying of sig: every thread gets SIGKILL and wakes. */
static void start_group_exit(struct task_struct *p, int code)
{
	struct task_struct *t;

	p->signal->flags = SIGNAL_GROUP_EXIT;
	p->signal->group_exit_code = code;
	p->signal->group_stop_count = 0;
	for_each_thread(p, t) {
		if (t->exit_state)
			continue;
		t->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(t, true);
	}
}

/* exit_group, de_thread and a core dump: SIGKILL to every other thread,
 * woken even from a stop; returns how many. The caller holds p's siglock,
 * under which a thread joins or leaves the group's ring (link_thread,
 * __release_task), so the walk meets no thread half gone. */
int zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	int count = 0;

	for_each_thread(p, t) {
		if (t == p || t->exit_state)
			continue;
		count++;
		t->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(t, true);
	}
	return count;
}

/* Choose who handles a newly queued sig (Linux's complete_signal): p when
 * it can, for a group signal the main thread or any thread not blocking it;
 * nobody when all block it (it waits, pending). */
static void complete_signal(int sig, struct task_struct *p, bool group)
{
	struct task_struct *t = p;

	if (!wants_signal(sig, p)) {
		if (!group)
			return;
		for_each_thread(p->group_leader, t)
			if (wants_signal(sig, t))
				break;
		if (!t)
			return;
	}
	/* fatal, unless t only unblocked it to wait for it (rt_sigtimedwait),
	 * or the group is already ending or being replaced by an exec; a
	 * "core" signal is left for t to take, so that it can dump core */
	if (sig_fatal(p, sig) && !sig_kernel_coredump(sig) && !(t->real_blocked & sigmask(sig)) &&
	    !(p->signal->flags & SIGNAL_GROUP_EXIT) && !p->signal->group_exec_task) {
		start_group_exit(p, sig);
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

/* Queue one instance of sig on p (group: p's shared set). */
static int __send_signal(int sig, struct kernel_siginfo *info, struct task_struct *p,
			 bool group, bool force)
{
	struct sigpending *pending = group ? &p->signal->shared_pending : &p->pending;
	struct sigqueue *q;

	if (!prepare_signal(sig, p, group, force))
		return trace_signal_generate(sig, info, p, group, TRACE_SIGNAL_IGNORED), 0;
	if (sig < __SIGRTMIN && (pending->signal & sigmask(sig)))  /* standard signals do not queue */
		return trace_signal_generate(sig, info, p, group, TRACE_SIGNAL_ALREADY_PENDING), 0;
	/* standard signals from kill or the kernel may pass the limit */
	q = sigqueue_alloc(p, force || (sig < __SIGRTMIN && info->si_code >= 0));
	if (q) {
		q->info = *info;
		q->info.si_signo = sig;
		list_add_tail(&q->list, &pending->list);
	} else if (sig >= __SIGRTMIN && info->si_code != SI_USER && info->si_code != SI_KERNEL) {
		/* tkill/tgkill of a real-time signal: not lost silently */
		return trace_signal_generate(sig, info, p, group, TRACE_SIGNAL_OVERFLOW_FAIL), -EAGAIN;
	}                              /* else: sent, its siginfo lost (as Linux) */
	pending->signal |= sigmask(sig);
	complete_signal(sig, p, group);
	trace_signal_generate(sig, info, p, group, q ? TRACE_SIGNAL_DELIVERED : TRACE_SIGNAL_LOSE_INFO);
	return 0;
}

int send_sigqueue(struct sigqueue *q, struct task_struct *p, bool group, unsigned int count)
{
	int sig = q->info.si_signo, ret = 0;
	struct sigpending *pending = group ? &p->signal->shared_pending : &p->pending;
	unsigned long flags;
	struct sighand_struct *sh = lock_task_sighand(p, &flags);

	if (!sh)
		return 0;
	if (!list_empty(&q->list)) {     /* still pending: the expiries are overruns */
		q->info.timer.overrun += count;
		ret = -1;
	} else if (prepare_signal(sig, p, group, false)) {
		q->info.timer.overrun = count - 1;
		list_add_tail(&q->list, &pending->list);
		pending->signal |= sigmask(sig);
		complete_signal(sig, p, group);
		ret = 1;
	}
	unlock_task_sighand(sh, flags);
	return ret;
}

/* A task past exit_sighand (a zombie) takes the signal as a no-op: 0, as
 * Linux for a zombie. */
int send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p, bool group)
{
	unsigned long flags;
	struct sighand_struct *sh = lock_task_sighand(p, &flags);
	int ret;

	if (!sh)
		return 0;
	ret = __send_signal(sig, info, p, group, false);
	unlock_task_sighand(sh, flags);
	return ret;
}

void send_sig(int sig, struct task_struct *p)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_KERNEL };

	send_sig_info(sig, &info, p, false);
}

/* A fault cannot wait: a blocked or ignored sig is unblocked and reset to
 * the default action (so a fault inside its own handler kills). */
static void force_sig_info(int sig, struct kernel_siginfo *info)
{
	struct task_struct *t = current;
	struct k_sigaction *ka = action_of(t, sig);
	unsigned long flags;
	bool blocked;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	blocked = t->blocked & sigmask(sig);
	if (blocked || ka->handler == SIG_IGN) {
		ka->handler = SIG_DFL;
		t->blocked &= ~sigmask(sig);
	}
	__send_signal(sig, info, t, false, true);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

void force_sig_fault(int sig, int code, u32 addr)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = code, .addr = addr };

	force_sig_info(sig, &info);
}

void force_sig(int sig)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_KERNEL };

	force_sig_info(sig, &info);
}

void force_sigsegv(int sig)
{
	unsigned long flags;

	if (sig == SIGSEGV) {            /* the table is its threads': their sigaction */
		spin_lock_irqsave(&current->sighand->siglock, flags);
		action_of(current, SIGSEGV)->handler = SIG_DFL;
		spin_unlock_irqrestore(&current->sighand->siglock, flags);
	}
	force_sig(SIGSEGV);
}

/* The next signal of `pending` not in mask: faults first, then the lowest. */
static int next_signal(struct sigpending *pending, sigset_t mask)
{
	sigset_t x = pending->signal & ~mask;

	if (!x)
		return 0;
	if (x & SYNCHRONOUS_MASK)
		x &= SYNCHRONOUS_MASK;
	return __builtin_ctzll(x) + 1;
}

/* Take one instance of sig off `pending`, with its record if it has one. */
static void collect_signal(int sig, struct sigpending *pending, struct kernel_siginfo *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false;

	list_for_each_entry(q, &pending->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = q;
	}
	if (!more)
		pending->signal &= ~sigmask(sig);
	if (first) {
		bool timer = first->flags & SIGQUEUE_PREALLOC;

		*info = first->info;
		sigqueue_drop(first);            /* frees it, unless a timer's */
		if (timer)
			posix_timer_delivered(first);
	} else {
		*info = (struct kernel_siginfo){ .si_signo = sig, .si_code = SI_KERNEL };
	}
}

/* One signal for current that is not in mask (own set first, then the
 * group's), or 0. */
int dequeue_signal(sigset_t mask, struct kernel_siginfo *info)
{
	struct sigpending *pending = &current->pending;
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	sig = next_signal(pending, mask);
	if (!sig) {
		pending = &current->signal->shared_pending;
		sig = next_signal(pending, mask);
	}
	if (sig)
		collect_signal(sig, pending, info);
	recalc_sigpending();
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return sig;
}

/* Contract: SIGCHLD (CLD_STOPPED or CLD_CONTINUED, with status) to the
 * parent of tsk's group, unless it asked for none (SA_NOCLDSTOP), and a
 * wake-up of its waits. Called with tasklist_lock held for reading (the
 * parent pointer holds still) and no siglock: the parent's is taken here
 * (lock_task_sighand: none once it let go of its handlers), as Linux 2.6
 * does. Interrupts on or off; left as they were. */
static void do_notify_parent_cldstop(struct task_struct *tsk, int why, int status)
{
	struct task_struct *parent = tsk->group_leader->parent;
	struct kernel_siginfo info = { .si_signo = SIGCHLD, .si_code = why };
	struct sighand_struct *sh;
	unsigned long flags;

	if (!parent || !(sh = lock_task_sighand(parent, &flags)))
		return;
	info.kill.pid = tsk->tgid;
	info.kill.uid = tsk->uid;
	info.kill.status = status;
	if (!(action_of(parent, SIGCHLD)->flags & SA_NOCLDSTOP))
		__send_signal(SIGCHLD, &info, parent, true, false);
	unlock_task_sighand(sh, flags);
	wake_up_all(&parent->wait_chldexit);
}

/* do_notify_parent_cldstop from a thread of current's group, whose
 * siglock is not held. */
static void notify_parent_cldstop(int why, int status)
{
	read_lock(&tasklist_lock);
	do_notify_parent_cldstop(current, why, status);
	read_unlock(&tasklist_lock);
}

/* The first thread of a continued group back in get_signal tells the
 * parent (the flag is taken under siglock: one thread does). */
static void notify_parent_continued(void)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;
	bool notify;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	notify = sig->flags & SIGNAL_CLD_CONTINUED;
	sig->flags &= ~SIGNAL_CLD_CONTINUED;
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	if (notify)
		notify_parent_cldstop(CLD_CONTINUED, SIGCONT);
}

/* sig to parent for the end of tsk's group, with CLD_* siginfo. */
static __noinline void send_child_exit(struct task_struct *tsk, int sig, struct task_struct *parent)
{
	struct kernel_siginfo info = { .si_signo = sig };
	int code = (tsk->signal->flags & SIGNAL_GROUP_EXIT) ? tsk->signal->group_exit_code
							     : tsk->exit_code;

	info.kill.pid = tsk->tgid;
	info.kill.uid = tsk->uid;
	info.si_code = cld_code(code, &info.kill.status);
	send_sig_info(sig, &info, parent, true);
}

bool do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->parent;
	struct sighand_struct *sh;
	struct k_sigaction *ka;
	unsigned long flags;
	bool autoreap, ignored;

	if (!valid_signal(sig) || !parent)
		return false;
	/* The parent may be in do_exit on another CPU, letting go of its
	 * handlers before it hands its children on (forget_original_parent,
	 * after us under tasklist_lock: it reports us to the new parent). */
	sh = lock_task_sighand(parent, &flags);
	if (!sh)
		return false;
	ka = action_of(parent, SIGCHLD);
	autoreap = sig == SIGCHLD && (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT));
	ignored = sig_ignored(parent, sig, false);
	unlock_task_sighand(sh, flags);
	if (!ignored)                  /* usually ignored: nothing to send */
		send_child_exit(tsk, sig, parent);
	return autoreap;
}

/* Under p's siglock, as Linux's wait_task_stopped: the stop code and the
 * flags are the group's, set and cleared by its threads under that lock
 * on other CPUs. Unlocked, a parent could consume the report between the
 * last thread's SIGNAL_STOP_STOPPED and its read of the code for the
 * SIGCHLD (a CLD_STOPPED with status 0), or lose a flag to a concurrent
 * read-modify-write. Called under tasklist_lock (p is a child). */
int wait_task_stopped_or_continued(struct task_struct *p, int options, int *status)
{
	struct signal_struct *sig = p->signal;
	struct sighand_struct *sh;
	unsigned long flags;
	int cause = 0;

	/* a zombie leader whose threads still run stands for its group */
	if (!sig || !thread_group_leader(p) || (p->exit_state && thread_group_empty(p)))
		return 0;
	sh = lock_task_sighand(p, &flags);
	if (!sh)
		return 0;
	if ((options & WSTOPPED) && (sig->flags & SIGNAL_STOP_STOPPED) && sig->group_exit_code) {
		*status = (sig->group_exit_code << 8) | 0x7f;
		if (!(options & WNOWAIT))
			sig->group_exit_code = 0;
		cause = CLD_STOPPED;
	} else if ((options & WCONTINUED) && (sig->flags & SIGNAL_STOP_CONTINUED)) {
		*status = 0xffff;
		if (!(options & WNOWAIT))
			sig->flags &= ~SIGNAL_STOP_CONTINUED;
		cause = CLD_CONTINUED;
	}
	unlock_task_sighand(sh, flags);
	return cause;
}

/* Take part in a group stop (signr: the stop signal that starts one, or 0
 * to join one in progress); returns when SIGCONT or SIGKILL wakes us. The
 * last thread to stop tells the parent. */
static void do_signal_stop(int signr)
{
	struct signal_struct *sig = current->signal;
	struct task_struct *t;
	unsigned long flags;
	int stop_code = 0;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	if (!sig->group_stop_count) {
		if (!signr)
			goto out;                      /* cancelled by SIGCONT */
		sig->group_exit_code = signr;
		sig->flags &= ~SIGNAL_STOP_CONTINUED;
		sig->group_stop_count = 1;
		for_each_thread(current, t) {
			if (t == current || t->exit_state || (t->flags & PF_EXITING))
				continue;
			sig->group_stop_count++;
			signal_wake_up(t, false);
		}
	}
	if (--sig->group_stop_count == 0) {
		sig->flags |= SIGNAL_STOP_STOPPED;
		stop_code = sig->group_exit_code;   /* a SIGCONT may clear it meanwhile */
	}
	current->state = TASK_STOPPED;
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	/* the parent told without our siglock, before we sleep (a SIGCONT
	 * meanwhile made us runnable: schedule returns at once) */
	if (stop_code)
		notify_parent_cldstop(CLD_STOPPED, stop_code);
	schedule();
	return;
out:
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

/* signr's action, copied into ksig under siglock (a thread's sigaction on
 * another CPU changes the shared table under it), with SA_RESETHAND
 * applied to a handler that is taken. */
static void take_action(int signr, struct ksignal *ksig)
{
	struct k_sigaction *ka;
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	ka = action_of(current, signr);
	ksig->ka = *ka;
	if (ka->handler != SIG_IGN && ka->handler != SIG_DFL && (ka->flags & SA_RESETHAND))
		ka->handler = SIG_DFL;
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

bool get_signal(struct ksignal *ksig)
{
	struct signal_struct *sig = current->signal;

	for (;;) {
		int signr;

		/* marked for death (a group exit, or another thread's exec):
		 * go before any handler runs */
		if ((sig->flags & SIGNAL_GROUP_EXIT) ||
		    (sig->group_exec_task && sig->group_exec_task != current))
			do_group_exit(SIGKILL);
		if (unlikely(READ_ONCE(sig->flags) & SIGNAL_CLD_CONTINUED))
			notify_parent_continued();
		if (sig->group_stop_count) {
			do_signal_stop(0);
			continue;
		}
		signr = dequeue_signal(current->blocked, &ksig->info);
		if (!signr)
			return false;
		take_action(signr, ksig);
		trace_signal_deliver(signr, &ksig->info, &ksig->ka);
		if (ksig->ka.handler == SIG_IGN)
			continue;
		if (ksig->ka.handler != SIG_DFL) {
			ksig->sig = signr;
			return true;
		}
		if (sig_kernel_ignore(signr))
			continue;
		if (sig_kernel_stop(signr)) {
			do_signal_stop(signr);
			continue;
		}
		if (sig_kernel_coredump(signr))
			do_coredump(&ksig->info);   /* the group exits with its code */
		do_group_exit(signr);
	}
}

void signal_delivered(struct ksignal *ksig)
{
	sigset_t blocked = current->blocked | ksig->ka.mask;

	if (!(ksig->ka.flags & SA_NODEFER))
		blocked |= sigmask(ksig->sig);
	test_and_clear_restore_sigmask();
	set_current_blocked(blocked);
}

/* exec: caught signals go back to SIG_DFL; ignored ones stay ignored. A
 * shared table is copied first (if that fails for want of memory, the
 * sharers see the reset too: exec is past its point of no return). */
void flush_signal_handlers(struct task_struct *p)
{
	struct k_sigaction *ka;

	if (unshare_sighand(p))
		pr_warn("exec: %s keeps a shared signal table (out of memory)\n", p->comm);
	ka = p->sighand->action;

	for (int i = 0; i < _NSIG; i++, ka++) {
		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
	p->sas_ss_sp = p->sas_ss_size = 0;
}

/* POSIX: a signal whose action becomes "ignore" is discarded where pending. */
void discard_group_signal(struct task_struct *p, int sig)
{
	unsigned long flags;
	struct sighand_struct *sh = lock_task_sighand(p, &flags);

	if (!sh)
		return;
	remove_from_group(p, sigmask(sig));
	if (p == current)
		recalc_sigpending();
	unlock_task_sighand(sh, flags);
}

bool sig_ignored_by_default(int sig)
{
	return sig_kernel_ignore(sig);
}

bool on_sig_stack(u32 sp)
{
	struct task_struct *t = current;

	return sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}
