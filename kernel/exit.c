/* kernel/exit.c: the end of a task and of a thread group (c01, c07).
 * do_exit() gives back what the task holds (address space, files, fs,
 * signal handlers, FPU; the last thread, the process's timers), hands its
 * children to another thread of its group, a child subreaper ancestor or
 * PID 1 (reporting those already zombies), then ends one of two ways: a
 * thread that is not its group's leader reaps itself (nobody waits for
 * threads); a leader becomes a zombie for its parent's wait4, which reports
 * it only when the whole group is gone (a leader that exits first waits, as
 * a zombie, for its threads).
 * exit_group and fatal signals end every thread (do_group_exit ->
 * zap_other_threads), and wait4 then reports the group's code.
 *
 * Job control at the end of a process: a session leader's controlling
 * terminal is hung up (disassociate_ctty, drivers/tty), and a process
 * group the exit leaves orphaned (no member with a parent in another
 * group of the session) that has stopped members gets SIGHUP and SIGCONT,
 * both when the exiting process was the group's last link and when it was
 * the parent of a member (kill_orphaned_pgrp, POSIX 3.2.2.2).
 *
 * wait4 and waitid share do_wait (the end of this file), which reaps a
 * zombie and adds its CPU time to the reaper's children's.
 *
 * A parent's children list (group leaders only) keeps the reportable
 * zombies in front of the others, so "any zombie?" and "reap any" cost O(1)
 * even for kthreadd with tens of thousands of children. release_task()
 * frees the pid and drops the reaper's reference; the last reference is
 * dropped by finish_task_switch() once no CPU runs on the stack any more. */
#include <kernel.h>
#include <coredump.h>
#include <errno.h>
#include <fdtable.h>
#include <fs_struct.h>
#include <pid.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <sched/user.h>
#include <tty.h>
#include <trace/events.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <uapi/linux/signal.h>

unsigned long nr_zombies;         /* exited, not yet reaped */

void kthread_exit_notify(struct task_struct *p, long code);
static void __release_task(struct task_struct *p);

/* Keep the mm as active_mm (the switch away drops it), let go of mm_users. */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	mm_release(tsk, mm);
	mmgrab(mm);
	task_lock(tsk);                  /* get_task_mm sees the mm or NULL */
	tsk->mm = NULL;
	task_unlock(tsk);
	enter_lazy_tlb(mm, tsk);     /* the teardown's flush leaves mm here */
	mmput(mm);
}

/* Can wait4 report p? A zombie, unless it is a group leader whose threads
 * still run (delay_group_leader): the group is reported once, when its
 * last thread is gone. */
static bool reportable(const struct task_struct *p)
{
	return p->exit_state == EXIT_ZOMBIE && !delay_group_leader(p);
}

/* A child's end is seen by any thread of its parent's group (wait4 looks
 * at the children of every thread): wake each one's wait queue. */
static void wake_up_parent(struct task_struct *parent)
{
	struct task_struct *t;

	if (likely(thread_group_empty(parent))) {
		wake_up_all(&parent->wait_chldexit);
		return;
	}
	for_each_thread(parent, t)
		wake_up_all(&t->wait_chldexit);
}

/* A thread of p's process that is not exiting, or NULL. */
static struct task_struct *find_alive_thread(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t)
		if (!(t->flags & PF_EXITING))
			return t;
	return NULL;
}

/* Who adopts father's children: another live thread of its group (as
 * Linux since 2.6.x), else the nearest ancestor process that is a child
 * subreaper (prctl PR_SET_CHILD_SUBREAPER) and still has a live thread,
 * else PID 1, else the idle task (before PID 1). */
static struct task_struct *find_new_reaper(struct task_struct *father)
{
	struct task_struct *t, *alive, *init = find_task_by_pid(1);

	if (unlikely(!thread_group_empty(father)))
		for_each_thread(father, t)
			if (t != father && !(t->flags & PF_EXITING))
				return t;
	for (t = father->real_parent; t != init && !is_idle_task(t); t = t->real_parent)
		if (t->signal->is_child_subreaper && (alive = find_alive_thread(t)))
			return alive;
	return init && init != father ? init : &init_task;
}

/* Would process group pgrp be orphaned without `ignored`: has no live
 * member a parent in another group of the same session (POSIX 3.2.2.2;
 * a parent that is init does not count)? */
static bool will_become_orphaned_pgrp(pid_t pgrp, struct task_struct *ignored)
{
	struct task_struct *p;

	for_each_process(p) {
		if (p->pgid != pgrp || !thread_group_leader(p) || p == ignored ||
		    (p->exit_state && thread_group_empty(p)) || p->real_parent->tgid == 1)
			continue;
		if (p->real_parent->pgid != pgrp && p->real_parent->sid == p->sid)
			return false;
	}
	return true;
}

bool is_current_pgrp_orphaned(void)
{
	bool orphaned;

	read_lock(&tasklist_lock);
	orphaned = will_become_orphaned_pgrp(current->pgid, NULL);
	read_unlock(&tasklist_lock);
	return orphaned;
}

static bool has_stopped_jobs(pid_t pgrp)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pgid == pgrp && thread_group_leader(p) && p->signal &&
		    (p->signal->flags & SIGNAL_STOP_STOPPED))
			return true;
	return false;
}

/* tsk's group is orphaned by tsk's exit (parent NULL) or by its parent
 * `parent` exiting (tsk reparented): if it has stopped members, nobody is
 * left to continue them, so the group gets SIGHUP then SIGCONT (POSIX,
 * Linux's kill_orphaned_pgrp). */
static void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	pid_t pgrp = tsk->pgid;
	struct task_struct *ignored = tsk;

	if (!parent)
		parent = tsk->real_parent;
	else
		ignored = NULL;
	/* the stopped-member test first: it is rarely true, and each walks
	 * the process list */
	if (parent->pgid != pgrp && parent->sid == tsk->sid &&
	    has_stopped_jobs(pgrp) && will_become_orphaned_pgrp(pgrp, ignored)) {
		__kill_pgrp_info(pgrp, SIGHUP, 1);   /* tasklist_lock held */
		__kill_pgrp_info(pgrp, SIGCONT, 1);
	}
}

/* Hand p's group (a child of father) to reaper. Its exit signal becomes
 * SIGCHLD (an orphan made by clone with exit signal 0 would otherwise
 * never be heard of by init); a group this orphans is told (above); one
 * already a reportable zombie is reported to reaper now, as its old parent
 * never will. True when p is left for reaper to wait for. */
static bool reparent_leader(struct task_struct *p, struct task_struct *father,
			    struct task_struct *reaper)
{
	struct task_struct *t;

	for_each_thread(p, t) {
		t->real_parent = t->parent = reaper;
		if (unlikely(t->pdeath_signal))   /* prctl: "my parent is gone" */
			send_pdeath_signal(t);
	}
	if (p->exit_signal != -1)
		p->exit_signal = SIGCHLD;
	kill_orphaned_pgrp(p, father);
	if (!reportable(p)) {
		list_move_tail(&p->sibling, &reaper->children);
		return false;
	}
	list_move(&p->sibling, &reaper->children);         /* zombies first */
	if (do_notify_parent(p, p->exit_signal)) {
		__release_task(p);       /* reaper ignores SIGCHLD: nobody waits */
		return false;
	}
	return true;
}

/* Orphans go to the new reaper, every thread of each (a thread's parent is
 * its group's); reportable zombies among them wake it so it reaps them. */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *reaper, *p, *n;
	bool zombies = false;

	if (list_empty(&father->children))
		return;
	reaper = find_new_reaper(father);
	list_for_each_entry_safe(p, n, &father->children, sibling)
		zombies |= reparent_leader(p, father, reaper);
	if (zombies)
		wake_up_parent(reaper);
}

/* The whole group of zombie leader is gone: it goes to the front of its
 * parent's children, its pidfd pollers wake, and the parent hears of it
 * by its exit signal (normally SIGCHLD); a parent that ignores SIGCHLD
 * does not wait, so the leader is reaped at once. tasklist_lock held for
 * writing, interrupts off. */
static void group_gone(struct task_struct *leader)
{
	struct task_struct *parent = leader->parent;

	list_move(&leader->sibling, &parent->children);     /* zombies first */
	do_notify_pidfd(leader);         /* its pidfds poll readable from now */
	if (do_notify_parent(leader, leader->exit_signal))
		__release_task(leader);
	wake_up_parent(parent);
}

/* Interrupts off; takes tasklist_lock for writing. group_dead: tsk is the
 * last thread of its group to exit. A thread that is not its group's leader reaps itself
 * (nobody waits for a thread); a leader becomes a zombie, reported to its
 * parent now if it was the group's last thread, else when the last one is
 * released (release_task). */
static void exit_notify(struct task_struct *tsk, bool group_dead)
{
	struct task_struct *exec_task;

	write_lock(&tasklist_lock);
	forget_original_parent(tsk);
	if (group_dead)                    /* the process is gone */
		kill_orphaned_pgrp(tsk->group_leader, NULL);
	/* read under the lock de_thread clears it under, so the execing
	 * thread is still there to wake */
	exec_task = tsk->signal->group_exec_task;
	if (!thread_group_leader(tsk)) {
		tsk->exit_state = EXIT_DEAD;
		__release_task(tsk);     /* the switch away drops the last reference */
	} else {
		tsk->exit_state = EXIT_ZOMBIE;
		nr_zombies++;
		if (!delay_group_leader(tsk))
			group_gone(tsk);
	}
	/* only now, gone from the thread list or a zombie: woken earlier, an
	 * execing thread on another CPU would count us still there and sleep
	 * for good (Linux wakes it from __exit_signal, after the unhash) */
	if (unlikely(exec_task))
		wake_up_process(exec_task);
	write_unlock(&tasklist_lock);
}

/* Contract: end current with code (the wait status's exit code, or the
 * signal that killed it): give back its address space, files, fs, signal
 * handlers and FPU state, tell a kthread_stop()er, hand its children on and
 * become a zombie or reap itself (exit_notify), then switch away for good.
 * Never returns. Called in process context with interrupts on, as all its
 * callers have them (exit and exit_group, a kernel thread's return through
 * kernel_thread_helper, get_signal on the way to user mode); it turns them
 * off before exit_notify, so no wake-up or reap falls between becoming a
 * zombie and leaving the CPU, and they stay off into schedule(), which
 * never comes back here. The idle task and PID 1 may not exit: panic. */
void do_exit(long code)
{
	struct task_struct *tsk = current;
	bool group_dead;

	if (unlikely(is_idle_task(tsk)))
		panic("Attempted to kill the idle task!");
	if (unlikely(tsk->pid == 1))
		panic("Attempted to kill init! exit code %ld", code);
	tsk->flags |= PF_EXITING;
	trace_sched_process_exit(tsk);
	/* a dump of the group waits for us; only a thread of the group starts
	 * one, and none can join a group down to us: a lone thread skips it */
	if (!thread_group_empty(tsk))
		coredump_task_exit(tsk);
	tsk->exit_code = code;
	/* atomic, as Linux's signal->live: threads exit on several CPUs at
	 * once, and exactly one of them must find the group dead (a lost
	 * decrement left an armed ITIMER_REAL on the timer list of a freed
	 * signal_struct: make fuzz SMP=4 MTTCG=1 hung in enqueue_timer) */
	group_dead = __atomic_sub_fetch(&tsk->signal->live, 1, __ATOMIC_ACQ_REL) == 0;
	if (group_dead && signal_timers_used(&tsk->signal->timers))
		exit_itimers(tsk->signal);     /* the process is gone: its timers stop */
	exit_mm(tsk);
	exit_files(tsk);
	exit_fs(tsk);
	if (group_dead)
		disassociate_ctty(true);       /* a session leader's terminal hangs up */
	/* a leader whose threads run on keeps its handler table: a signal to
	 * the process goes through it to them (prepare_signal); it goes in
	 * release_task */
	if (thread_group_leader(tsk) && __atomic_load_n(&tsk->signal->live, __ATOMIC_ACQUIRE))
		flush_signals_on_exit(tsk);
	else
		exit_sighand(tsk);
	exit_thread(tsk);
	if (tsk->kthread)
		kthread_exit_notify(tsk, code);
	local_irq_disable();             /* no wake-up between zombie and switch */
	exit_notify(tsk, group_dead);
	tsk->state = TASK_DEAD;
	schedule();
	panic("do_exit: dead task %s was scheduled again", tsk->comm);
}

/* exit_group and fatal signals: the first thread to get here sets the
 * group's code and zaps the others; they come here too and exit with it.
 * While a thread execs (de_thread) the others just exit, with 0. */
void do_group_exit(long code)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;

	/* under siglock, as de_thread and a clone of a thread decide: two
	 * threads on two CPUs calling exit_group, or one execing, agree on
	 * who zaps whom */
	spin_lock_irqsave(&current->sighand->siglock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		code = sig->group_exit_code;
	} else if (sig->group_exec_task) {
		code = 0;                /* another thread execs: just go */
	} else if (!thread_group_empty(current)) {
		sig->group_exit_code = code;
		sig->flags |= SIGNAL_GROUP_EXIT;
		zap_other_threads(current);
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	do_exit(code);
}

/* Unlink a dead task (a reaped zombie, or a thread reaping itself) and drop
 * the reaper's reference. A group leader held back for its threads is
 * reported once the last of them is released here. */
void release_task(struct task_struct *p)
{
	unsigned long flags;

	write_lock_irqsave(&tasklist_lock, flags);
	__release_task(p);
	write_unlock_irqrestore(&tasklist_lock, flags);
}

/* release_task's work, tasklist_lock held for writing (interrupts off). */
static void __release_task(struct task_struct *p)
{
	struct task_struct *leader = p->group_leader;
	struct sighand_struct *sh = leader->sighand;

	sched_exit(p);                   /* its unused first slice to its parent */
	if (p->exit_state == EXIT_ZOMBIE)
		nr_zombies--;
	p->exit_state = EXIT_DEAD;
	list_del_init(&p->sibling);
	list_del_init(&p->tasks);
	/* the thread ring is walked under siglock alone too (signal
	 * delivery, zaps), as Linux unlinks in __exit_signal: the group's
	 * table is the leader's while any thread lives */
	if (sh)
		spin_lock(&sh->siglock);
	list_del_init(&p->thread_group);
	if (sh)
		spin_unlock(&sh->siglock);
	detach_pid(p);
	free_pid(p->pid);
	nr_threads--;
	release_task_user(p);
	account_released_thread(p);
	if (leader != p && leader->exit_state == EXIT_ZOMBIE && thread_group_empty(leader))
		group_gone(leader);
	if (p->sighand)
		exit_sighand(p);
	exit_signal(p);
	put_task_struct(p);
}

bool has_zombie_child(void)
{
	struct list_head *first = current->children.next;

	return first != &current->children &&
	       reportable(list_entry(first, struct task_struct, sibling));
}

/* Does child p match the wait: the child itself (PIDTYPE_PID), one in
 * the process group (PIDTYPE_PGID) or any (PIDTYPE_MAX); and, unless
 * __WALL, a "clone" child (one that reports with a signal other than
 * SIGCHLD) only with __WCLONE, any other only without it, as Linux. */
static bool wait_matches(const struct task_struct *p, const struct wait_opts *wo)
{
	if (!(wo->flags & __WALL) && (p->exit_signal != SIGCHLD) != !!(wo->flags & __WCLONE))
		return false;
	if (wo->type == PIDTYPE_PID)
		return p->pid == wo->pid;
	if (wo->type == PIDTYPE_PGID)
		return p->pgid == wo->pid;
	return true;
}

/* A child of current's thread group (just current's with __WNOTHREAD)
 * matching wo that ended (with WEXITED), or NULL; sets *any when one
 * matches that may still have something to report (without WEXITED an
 * ended child has not: Linux's ECHILD then). Each children list keeps the
 * reportable zombies in front, so "any child, __WALL" with WEXITED
 * (kernel_wait, kthreadd reaping tens of thousands) looks only at the
 * first of each list. */
static struct task_struct *find_zombie_child(const struct wait_opts *wo, bool *any)
{
	bool exited = wo->flags & WEXITED;
	struct task_struct *t = current, *p;

	*any = false;
	do {
		if (wo->type == PIDTYPE_MAX && (wo->flags & __WALL) && exited) {
			if (!list_empty(&t->children)) {
				*any = true;
				p = list_first_entry(&t->children, struct task_struct, sibling);
				if (reportable(p))
					return p;
			}
		} else {
			list_for_each_entry(p, &t->children, sibling) {
				if (!wait_matches(p, wo))
					continue;
				if (reportable(p) && exited)
					return p;
				*any |= !reportable(p);
			}
		}
		t = next_thread(t);
	} while (t != current && !(wo->flags & __WNOTHREAD));
	return NULL;
}

/* WSTOPPED/WCONTINUED: a child of current's group matching wo whose stop
 * or continue was not reported yet; its pid, with the report in wo (and
 * consumed unless WNOWAIT), or 0. */
static pid_t find_stopped_child(struct wait_opts *wo)
{
	struct task_struct *t = current, *p;

	do {
		list_for_each_entry(p, &t->children, sibling) {
			if (!wait_matches(p, wo))
				continue;
			wo->cause = wait_task_stopped_or_continued(p, wo->flags, &wo->status);
			if (wo->cause) {
				if (wo->rusage)
					task_rusage(p, RUSAGE_BOTH, wo->rusage);
				wo->uid = p->uid;
				return wo->pid_found = p->pid;
			}
		}
		t = next_thread(t);
	} while (t != current && !(wo->flags & __WNOTHREAD));
	return 0;
}

/* The status wait4 reports: the group's code after exit_group or a fatal
 * signal, else the leader's own. */
static int wait_status(const struct task_struct *p)
{
	return (p->signal->flags & SIGNAL_GROUP_EXIT) ? p->signal->group_exit_code
						      : p->exit_code;
}

/* A stop or continue the wait may report (WSTOPPED, WCONTINUED), in wo. */
static bool found_stopped(struct wait_opts *wo)
{
	return (wo->flags & (WSTOPPED | WCONTINUED)) && find_stopped_child(wo);
}

/* One look at current's children under tasklist_lock (other CPUs add,
 * reparent and reap children and make zombies under it): a reportable
 * zombie matching wo, held by a reference, or NULL; a stop or continue
 * to report sets wo->pid_found. With w, a look that finds nothing to
 * report among children that may yet have something queues w on
 * current->wait_chldexit and leaves current TASK_INTERRUPTIBLE for the
 * caller's schedule(). For exits w is queued after the look, still under
 * the lock: a zombie or a reparented child is made under tasklist_lock
 * held for writing (exit_notify, __release_task), so whatever the look
 * missed comes after w is queued and wakes it, with no second look. A
 * stop or continue is recorded under siglock alone, so with WSTOPPED or
 * WCONTINUED w is queued before the look. */
static struct task_struct *look_for_child(struct wait_opts *wo, bool *any,
					  struct wait_queue_entry *w)
{
	bool stops = wo->flags & (WSTOPPED | WCONTINUED);
	struct task_struct *p;

	read_lock(&tasklist_lock);
	if (w && stops)
		prepare_to_wait(&current->wait_chldexit, w, TASK_INTERRUPTIBLE);
	p = find_zombie_child(wo, any);
	if (p)
		get_task_struct(p);
	else if (*any && !found_stopped(wo) && w && !stops)
		prepare_to_wait(&current->wait_chldexit, w, TASK_INTERRUPTIBLE);
	read_unlock(&tasklist_lock);
	return p;
}

/* Sleep until a matching child is reportable (or, with WSTOPPED or
 * WCONTINUED, has a stop or continue to report: wo->pid_found); NULL when
 * none can be (no match, WNOHANG, or a signal). The look queues us when
 * it finds nothing (look_for_child says why no report is missed between
 * the look and the sleep), so a wait that sleeps once looks twice and
 * one that finds its zombie at once never queues. A wake-up takes the
 * entry off the queue; the next look queues it again if it must. */
static struct task_struct *wait_for_zombie(struct wait_opts *wo, bool *any)
{
	DEFINE_WAIT(wait);
	struct wait_queue_entry *w = (wo->flags & WNOHANG) ? NULL : &wait;
	struct task_struct *p = look_for_child(wo, any, w);

	if (!w || (!(wo->flags & (WSTOPPED | WCONTINUED)) && (p || !*any)))
		return p;                /* not queued: the common cases */
	/* a report first, a signal after: the child's exit signal
	 * (SIGCHLD with a handler) arrives with its zombie */
	while (!p && *any && !wo->pid_found && !signal_pending(current)) {
		schedule();
		p = look_for_child(wo, any, w);
	}
	finish_wait(&current->wait_chldexit, w);
	return p;
}

/* Report zombie p (its status, uid, rusage) and, unless WNOWAIT, reap it:
 * its process's times become current's children's. p is held by a
 * reference; another thread of our group may have reaped it since the
 * look (it is EXIT_DEAD then): 0, to look again. Interrupts on. */
static pid_t wait_task_zombie(struct wait_opts *wo, struct task_struct *p)
{
	pid_t pid = p->pid;
	unsigned long flags;

	write_lock_irqsave(&tasklist_lock, flags);
	if (p->exit_state != EXIT_ZOMBIE) {
		pid = 0;
	} else {
		wo->status = wait_status(p);
		wo->cause = CLD_EXITED;  /* or KILLED/DUMPED: waitid reads the status */
		wo->uid = p->uid;
		if (wo->rusage)
			task_rusage(p, RUSAGE_BOTH, wo->rusage);
		if (!(wo->flags & WNOWAIT)) {
			account_reaped_child(p);
			__release_task(p);
		}
	}
	write_unlock_irqrestore(&tasklist_lock, flags);
	put_task_struct(p);
	return wo->pid_found = pid;
}

pid_t do_wait(struct wait_opts *wo)
{
	bool any;
	struct task_struct *p;

	trace_sched_process_wait(wo->type == PIDTYPE_PID ? wo->pid : 0);
	do {
		wo->pid_found = 0;
		p = wait_for_zombie(wo, &any);
		if (wo->pid_found)
			return wo->pid_found;    /* a stop or continue */
		if (!p)
			return !any ? -ECHILD : (wo->flags & WNOHANG) ? 0 : -ERESTARTSYS;
	} while (!wait_task_zombie(wo, p));
	return wo->pid_found;
}

int wait4_opts(pid_t pid, int options, struct wait_opts *wo)
{
	if (pid == INT_MIN)
		return -ESRCH;           /* -INT_MIN is no process group, as Linux */
	*wo = (struct wait_opts){ .flags = options | WEXITED };
	if (pid == -1) {
		wo->type = PIDTYPE_MAX;
	} else if (pid <= 0) {
		wo->type = PIDTYPE_PGID;
		wo->pid = pid ? -pid : current->pgid;
	} else {
		wo->type = PIDTYPE_PID;
		wo->pid = pid;
	}
	return 0;
}

pid_t kernel_wait(pid_t pid, int options, int *status)
{
	struct wait_opts wo;
	pid_t ret = wait4_opts(pid, options | __WALL, &wo);

	if (ret)
		return ret;
	ret = do_wait(&wo);
	if (ret > 0 && status)
		*status = wo.status;
	return ret;
}
