/* kernel/sighand.c: sharing or copying signal handlers (CLONE_SIGHAND) and
 * the per-group signal_struct (CLONE_THREAD) at fork, a new task's empty
 * pending set, and dropping them at exit (include/sched/signal.h). Each
 * comes from a slab cache of its own, as in Linux: the 1.5 KiB action table
 * would waste a quarter of a kmalloc-2048 object; queued siginfo records
 * (struct sigqueue, kernel/signal.c) have their cache too. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <syscall_counts.h>

struct kmem_cache *sighand_cachep, *signal_cachep, *sigqueue_cachep;

/* Contract: called by fork_init; false when a cache cannot be made. */
bool signal_caches_init(void)
{
	sighand_cachep = kmem_cache_create("sighand_cache", sizeof(struct sighand_struct), 0, 0, NULL);
	signal_cachep = kmem_cache_create("signal_cache", sizeof(struct signal_struct), 0, 0, NULL);
	sigqueue_cachep = kmem_cache_create("sigqueue", sizeof(struct sigqueue), 0, 0, NULL);
	return sighand_cachep && signal_cachep && sigqueue_cachep;
}

/* The handler table, read under the sharers' siglock (another thread of
 * ours may be changing a handler). */
static void copy_sigactions(struct sighand_struct *to, struct sighand_struct *from)
{
	unsigned long flags;

	spin_lock_irqsave(&from->siglock, flags);
	memcpy(to->action, from->action, sizeof(to->action));
	spin_unlock_irqrestore(&from->siglock, flags);
}

/* Also the per-thread signal state: nothing pending (the blocked mask is
 * inherited by the task copy), no parent-death signal (prctl: never
 * inherited); a thread sharing the parent's address space does not
 * inherit its alternate stack, which is the parent's to use. */
int copy_sighand(unsigned long clone_flags, struct task_struct *p)
{
	struct sighand_struct *sig;

	INIT_LIST_HEAD(&p->pending.list);
	p->pending.signal = 0;
	p->real_blocked = 0;
	p->pdeath_signal = 0;
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM)
		p->sas_ss_sp = p->sas_ss_size = 0;
	if (clone_flags & CLONE_SIGHAND) {
		unsigned long flags;

		spin_lock_irqsave(&current->sighand->siglock, flags);
		current->sighand->count++;
		spin_unlock_irqrestore(&current->sighand->siglock, flags);
		return 0;
	}
	sig = kmem_cache_alloc(sighand_cachep, GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	__spin_lock_init(&sig->siglock, "sighand->siglock");
	copy_sigactions(sig, current->sighand);
	sig->count = 1;
	p->sighand = sig;
	return 0;
}

int copy_signal(unsigned long clone_flags, struct task_struct *p)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD) {
		/* atomic: threads of the group exit on other CPUs meanwhile */
		__atomic_add_fetch(&current->signal->count, 1, __ATOMIC_ACQ_REL);
		__atomic_add_fetch(&current->signal->live, 1, __ATOMIC_ACQ_REL);
		return 0;
	}
	sig = kmem_cache_alloc(signal_cachep, GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	/* every field set here (no memset: most of the struct is the rlimits) */
	sig->count = 1;
	sig->live = 1;
	sig->flags = 0;
	sig->group_exit_code = 0;
	sig->group_stop_count = 0;
	INIT_LIST_HEAD(&sig->shared_pending.list);
	sig->shared_pending.signal = 0;
	sig->group_exec_task = NULL;
	sig->core_state = NULL;
	sig->tty = current->signal->tty;          /* inherited, as in Linux */
	memcpy(sig->rlim, current->signal->rlim, sizeof(sig->rlim));
	sig->leader_pid = p->pid;
	sig->is_child_subreaper = false;          /* per process, not inherited */
	memset(&sig->times, 0, sizeof(sig->times));
	signal_timers_init(sig);                  /* a fork inherits no timers */
	sig->oom_score_adj = current->signal->oom_score_adj;
	sig->oom_score_adj_min = current->signal->oom_score_adj_min;
	init_syscall_counts(sig);                 /* a new process counts from 0 */
	p->signal = sig;
	return 0;
}

/* exec in a task that shares its handlers (CLONE_SIGHAND): it gets a copy
 * of its own, so resetting them leaves the others' alone. */
int unshare_sighand(struct task_struct *p)
{
	struct sighand_struct *old = p->sighand, *sig;
	unsigned long flags;

	if (old->count == 1)
		return 0;
	sig = kmem_cache_alloc(sighand_cachep, GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	__spin_lock_init(&sig->siglock, "sighand->siglock");
	copy_sigactions(sig, old);
	sig->count = 1;
	flags = local_irq_save();
	task_lock(p);                    /* as exit_sighand */
	spin_lock(&old->siglock);
	old->count--;
	p->sighand = sig;
	spin_unlock(&old->siglock);
	task_unlock(p);
	local_irq_restore(flags);
	return 0;
}

void exit_sighand(struct task_struct *p)
{
	struct sighand_struct *sig = p->sighand;
	unsigned long flags;
	int left;

	flags = local_irq_save();
	task_lock(p);                    /* lock_task_sighand is not half-way in it */
	spin_lock(&sig->siglock);
	flush_sigqueue(&p->pending);
	p->sighand = NULL;               /* lock_task_sighand finds none from now on */
	left = --sig->count;
	spin_unlock(&sig->siglock);
	task_unlock(p);
	local_irq_restore(flags);
	if (left == 0) {
		BUG_ON(sig == &init_sighand);
		kmem_cache_free(sighand_cachep, sig);
	}
}

/* Drops p's reference; `live` is not touched here: do_exit drops it when
 * the thread starts exiting (the last one out finds the group dead). */
void exit_signal(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;

	p->signal = NULL;
	if (__atomic_sub_fetch(&sig->count, 1, __ATOMIC_ACQ_REL) == 0) {
		BUG_ON(sig == &init_signal);
		flush_sigqueue(&sig->shared_pending);
		exit_syscall_counts(sig);
		kmem_cache_free(signal_cachep, sig);
	}
}
