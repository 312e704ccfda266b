/* kernel/exit.c: the end of a task. do_exit() gives back what the task holds
 * (address space, files, fs, signal handlers, FPU), hands its children to
 * PID 1 (orphans are reparented to init), becomes a zombie and tells its
 * parent, then schedules away for the last time. The zombie keeps only its
 * task_struct and stack until the parent reaps it (kernel_wait, or kthreadd
 * for kernel threads). A parent's children list keeps its zombies in front
 * of its live children, so "any zombie?" and "reap any" cost O(1) even for
 * kthreadd with tens of thousands of children; release_task() frees its pid and drops the reaper's
 * reference, and the last reference is dropped by finish_task_switch() once
 * no CPU runs on the stack any more. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs_struct.h>
#include <pid.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <sched/user.h>
#include <asm/irqflags.h>

unsigned long nr_zombies;         /* exited, not yet reaped */

void kthread_exit_notify(struct task_struct *p, long code);

/* Keep the mm as active_mm (the switch away drops it), let go of mm_users. */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	mm_release(tsk);
	mmgrab(mm);
	tsk->mm = NULL;
	mmput(mm);
}

/* Orphans go to PID 1; zombies among them wake it so it reaps them. */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *reaper = find_task_by_pid(1), *p, *n;
	bool zombies = false;

	if (!reaper || reaper == father)
		reaper = &init_task;
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		p->real_parent = p->parent = reaper;
		if (p->exit_state == EXIT_ZOMBIE) {
			list_move(&p->sibling, &reaper->children);   /* zombies first */
			zombies = true;
		} else {
			list_move_tail(&p->sibling, &reaper->children);
		}
	}
	if (zombies)
		wake_up_all(&reaper->wait_chldexit);
}

static void exit_notify(struct task_struct *tsk)
{
	unsigned long flags = local_irq_save();

	forget_original_parent(tsk);
	tsk->exit_state = EXIT_ZOMBIE;
	list_move(&tsk->sibling, &tsk->parent->children);     /* zombies first */
	nr_zombies++;
	wake_up_all(&tsk->parent->wait_chldexit);
	local_irq_restore(flags);
}

void do_exit(long code)
{
	struct task_struct *tsk = current;

	if (unlikely(is_idle_task(tsk)))
		panic("Attempted to kill the idle task!");
	if (unlikely(tsk->pid == 1))
		panic("Attempted to kill init! exit code %ld", code);
	tsk->flags |= PF_EXITING;
	tsk->exit_code = code;
	exit_mm(tsk);
	exit_files(tsk);
	exit_fs(tsk);
	exit_sighand(tsk);
	exit_thread(tsk);
	if (tsk->kthread)
		kthread_exit_notify(tsk, code);
	local_irq_disable();             /* no wake-up between zombie and switch */
	exit_notify(tsk);
	tsk->state = TASK_DEAD;
	schedule();
	panic("do_exit: dead task %s was scheduled again", tsk->comm);
}

/* Unlink a reaped zombie and drop the reaper's reference. */
static void release_task(struct task_struct *p)
{
	unsigned long flags = local_irq_save();

	p->exit_state = EXIT_DEAD;
	nr_zombies--;
	list_del_init(&p->sibling);
	list_del_init(&p->tasks);
	list_del_init(&p->thread_group);
	detach_pid(p);
	free_pid(p->pid);
	nr_threads--;
	release_task_user(p);
	local_irq_restore(flags);
	exit_signal(p);
	put_task_struct(p);
}

bool has_zombie_child(void)
{
	struct list_head *first = current->children.next;

	return first != &current->children &&
	       list_entry(first, struct task_struct, sibling)->exit_state == EXIT_ZOMBIE;
}

/* A zombie child of current matching pid (-1: any), or NULL; sets *any when
 * current has a matching child at all. Any zombie is at the front. */
static struct task_struct *find_zombie_child(pid_t pid, bool *any)
{
	struct task_struct *p;

	if (pid == -1) {
		*any = !list_empty(&current->children);
		return has_zombie_child() ?
		       list_first_entry(&current->children, struct task_struct, sibling) : NULL;
	}
	*any = false;
	list_for_each_entry(p, &current->children, sibling) {
		if (pid != -1 && p->pid != pid)
			continue;
		*any = true;
		if (p->exit_state == EXIT_ZOMBIE)
			return p;
	}
	return NULL;
}

pid_t kernel_wait(pid_t pid, int options, int *status)
{
	struct task_struct *p;
	bool any;
	pid_t ret;

	wait_event(current->wait_chldexit,
		   (p = find_zombie_child(pid, &any)) || !any || (options & WNOHANG));
	if (!p)
		return any ? 0 : -ECHILD;
	ret = p->pid;
	if (status)
		*status = p->exit_code;
	release_task(p);
	return ret;
}
