/* kernel/sighand.c: sharing or copying signal handlers (CLONE_SIGHAND) and
 * the per-group signal_struct (CLONE_THREAD) at fork, and dropping them at
 * exit (include/sched/signal.h). Both come from slab caches of their own, as
 * in Linux: the 1 KiB action table would waste half a kmalloc-2048 object. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>

struct kmem_cache *sighand_cachep, *signal_cachep;

/* Contract: called by fork_init; false when a cache cannot be made. */
bool signal_caches_init(void)
{
	sighand_cachep = kmem_cache_create("sighand_cache", sizeof(struct sighand_struct), 0, 0, NULL);
	signal_cachep = kmem_cache_create("signal_cache", sizeof(struct signal_struct), 0, 0, NULL);
	return sighand_cachep && signal_cachep;
}

int copy_sighand(unsigned long clone_flags, struct task_struct *p)
{
	struct sighand_struct *sig;

	if (clone_flags & CLONE_SIGHAND) {
		current->sighand->count++;
		return 0;
	}
	sig = kmem_cache_alloc(sighand_cachep, GFP_KERNEL);
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
	sig = kmem_cache_alloc(signal_cachep, GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	/* every field set here (no memset: most of the struct is the rlimits) */
	sig->count = 1;
	sig->live = 1;
	sig->flags = 0;
	sig->group_exit_code = 0;
	sig->group_exec_task = NULL;
	sig->tty = current->signal->tty;          /* inherited, as in Linux */
	memcpy(sig->rlim, current->signal->rlim, sizeof(sig->rlim));
	p->signal = sig;
	return 0;
}

void exit_sighand(struct task_struct *p)
{
	struct sighand_struct *sig = p->sighand;

	p->sighand = NULL;
	if (--sig->count == 0) {
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
	if (--sig->count == 0) {
		BUG_ON(sig == &init_signal);
		kmem_cache_free(signal_cachep, sig);
	}
}
