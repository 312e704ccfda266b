/* kernel/sighand.c: sharing or copying signal handlers (CLONE_SIGHAND) and
 * the per-group signal_struct (CLONE_THREAD) at fork, and dropping them at
 * exit (include/sched/signal.h). */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>

int copy_sighand(unsigned long clone_flags, struct task_struct *p)
{
	struct sighand_struct *sig;

	if (clone_flags & CLONE_SIGHAND) {
		current->sighand->count++;
		return 0;
	}
	sig = kmalloc(sizeof(*sig), GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	*sig = *current->sighand;
	sig->count = 1;
	p->sighand = sig;
	return 0;
}

int copy_signal(unsigned long clone_flags, struct task_struct *p)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD) {
		current->signal->count++;
		current->signal->live++;
		return 0;
	}
	sig = kzalloc(sizeof(*sig), GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	sig->count = 1;
	sig->live = 1;
	p->signal = sig;
	return 0;
}

void exit_sighand(struct task_struct *p)
{
	struct sighand_struct *sig = p->sighand;

	p->sighand = NULL;
	if (--sig->count == 0) {
		BUG_ON(sig == &init_sighand);
		kfree(sig);
	}
}

void exit_signal(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;

	p->signal = NULL;
	sig->live--;
	if (--sig->count == 0) {
		BUG_ON(sig == &init_signal);
		kfree(sig);
	}
}
