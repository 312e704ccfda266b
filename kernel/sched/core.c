/* kernel/sched/core.c: the scheduler's core, whichever policy runs:
 * schedule() and the context switch, wake-ups, the tick, fork's and exit's
 * hooks, yield, the idle loop, and the choice of policy at boot (sched=o1,
 * the default: Linux 2.6's O(1) scheduler, kernel/sched/o1.c; or
 * sched=goodness: Linux 2.4's, kernel/sched/goodness.c). The policies sit
 * behind struct sched_class (kernel/sched/sched.h); nothing outside
 * kernel/sched/ knows which one runs.
 *
 * Every runnable task is on its CPU's run queue (struct rq, one per CPU,
 * only CPU 0 today), the running one included; the idle task (init_task)
 * never is: it runs when nothing else can. The queue is guarded by
 * rq->lock with interrupts off (interrupt handlers wake tasks). See
 * include/sched.h for the preemption model. */
#include <kernel.h>
#include <sched.h>
#include <lockdep.h>
#include <trace/events.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <timer.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/uaccess.h>
#include <errno.h>
#include <params.h>
#include "sched.h"

DEFINE_PER_CPU(struct rq, runqueues);
struct sched_stats sched_stats;
/* The policy, chosen by sched= before the first task is queued. */
const struct sched_class *sched_class = &o1_sched_class;

static const struct sched_class *find_sched_class(const char *name)
{
	if (name && !strcmp(name, "o1"))
		return &o1_sched_class;
	if (name && !strcmp(name, "goodness"))
		return &goodness_sched_class;
	return NULL;
}

static int set_sched_class(const char *value)
{
	const struct sched_class *c = find_sched_class(value);

	if (!c)
		return -EINVAL;
	sched_class = c;
	return 0;
}
KERNEL_PARAM("sched", set_sched_class);

/* Take every queued task off the old policy's queue, onto tmp. */
static void dequeue_all(struct rq *rq, struct list_head *tmp)
{
	struct task_struct *p;

	for_each_process(p) {
		if (!task_on_runqueue(p))
			continue;
		sched_class->dequeue_task(rq, p);
		list_add_tail(&p->run_list, tmp);
	}
}

/* Contract: make the named policy ("o1", "goodness") the running one from
 * now on; the self-tests use it to test each policy whatever sched= chose.
 * Every queued task moves from the old policy's queue to the new one's,
 * every task's fields for the new policy are brought up to date, and the
 * caller is asked to reschedule. Returns 0, or -EINVAL for an unknown
 * name. Either interrupt state (off inside, O(tasks)); restored on return. */
int sched_switch_class(const char *name)
{
	const struct sched_class *new = find_sched_class(name);
	struct rq *rq = this_rq();
	struct task_struct *p, *n;
	unsigned long flags;
	LIST_HEAD(tmp);

	if (!new)
		return -EINVAL;
	spin_lock_irqsave(&rq->lock, flags);
	if (new != sched_class) {
		dequeue_all(rq, &tmp);
		sched_class = new;
		for_each_process(p)
			new->switched_to(rq, p);
		list_for_each_entry_safe(p, n, &tmp, run_list) {
			list_del_init(&p->run_list);
			new->enqueue_task(rq, p);
		}
		set_tsk_need_resched(current);
	}
	spin_unlock_irqrestore(&rq->lock, flags);
	return 0;
}

const char *sched_class_name(void)
{
	return sched_class->name;
}

bool task_on_runqueue(const struct task_struct *p)
{
	return !list_empty(&p->run_list);
}

/* Runnable tasks on every CPU, the running ones included (not idle). */
unsigned long nr_running(void)
{
	unsigned long n = 0;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		n += cpu_rq(cpu)->nr_running;
	return n;
}

static void activate_task(struct rq *rq, struct task_struct *p)
{
	sched_class->enqueue_task(rq, p);
	rq->nr_running++;
}

static void deactivate_task(struct rq *rq, struct task_struct *p)
{
	sched_class->dequeue_task(rq, p);
	rq->nr_running--;
}

/* Switch the address space (lazily for kernel threads) and the CPU state.
 * Returns, in next's context, the task that ran before it. */
static struct task_struct *context_switch(struct rq *rq, struct task_struct *prev,
					  struct task_struct *next)
{
	struct mm_struct *mm = next->mm, *oldmm = prev->active_mm;

	sched_stats.context_switches++;
	if (!mm) {
		next->active_mm = oldmm;          /* c17: borrow, no CR3 write */
		mmgrab(oldmm);
		enter_lazy_tlb(oldmm, next);
		sched_stats.switches_to_kthread++;
	} else {
		if (mm == oldmm)
			sched_stats.switches_same_mm++;
		else
			sched_stats.switches_new_mm++;
		switch_mm(oldmm, mm);             /* c25: CR3 only if different */
	}
	trace_sched_switch(prev, next, mm && mm != oldmm);
	if (!prev->mm) {                          /* give the borrowed mm back */
		prev->active_mm = NULL;
		rq->prev_mm = oldmm;
	}
	rq->curr = next;
	rq->nr_switches++;
	/* rq->lock passes to next, which drops it in finish_task_switch: tell
	 * the lock checker prev no longer holds it (next takes it over there),
	 * as Linux's prepare_lock_switch does. */
	__lock_release(&rq->lock.dep_map);
	__switch_to(prev, next);
	return switch_to_asm(&prev->thread, &next->thread, prev);
}

/* Runs in the new task right after every switch, rq->lock held (taken by
 * the task that switched to us): drop the lock, then what the previous
 * task could not drop while running on it. A dead task's stack is freed
 * here, once nothing runs on it any more. Interrupts stay off. */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	struct mm_struct *mm = rq->prev_mm;

	rq->prev_mm = NULL;
	prev->last_ran = jiffies;
	__lock_acquire(&rq->lock.dep_map, LD_SPIN);   /* handed over by prev */
	spin_unlock(&rq->lock);
	if (mm)
		mmdrop(mm);
	if (prev->state == TASK_DEAD)
		put_task_struct(prev);
}

/* First C code of a new task (from ret_from_fork), interrupts off; a
 * CLONE_CHILD_SETTID child stores its tid in its own memory (a fault is
 * ignored, as in Linux). */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	if (unlikely(current->set_child_tid))
		put_user_u32(current->pid, (u32 *)current->set_child_tid);
}

void check_stack_end(struct task_struct *p)
{
	unsigned long *canary = end_of_stack(p);

	if (unlikely(*canary != STACK_END_MAGIC))
		panic("stack overflow: task %s (pid %d) overran its kernel stack "
		      "(canary at %p is %08lx)", p->comm, p->pid, canary, *canary);
}

/* panic() needs more stack than a task near its end has left, so it runs on
 * this spare block, whose thread_info names the task (current still works);
 * ebp still points into the task's frames, so the backtrace shows them. */
static union thread_union overflow_stack __aligned(THREAD_SIZE);

static __noreturn void stack_overflow_panic(void *sp)
{
	struct task_struct *p = current;          /* the spare block's copy names it */
	unsigned long esp = (unsigned long)sp;
	unsigned long end = (unsigned long)(end_of_stack(p) + 1);

	panic("stack overflow: task %s (pid %d) is %ld bytes from the end of its "
	      "kernel stack (esp %08lx)", p->comm, p->pid, (long)(esp - end), esp);
}

/* On every trap from kernel mode (arch do_trap_entry): a stack pointer
 * within STACK_WARN_BYTES of the canary means the handler itself may run
 * off the end, so stop before anything is corrupted. */
void check_stack_depth(struct task_struct *p, unsigned long esp)
{
	unsigned long end = (unsigned long)(end_of_stack(p) + 1);

	if (likely(esp >= end + STACK_WARN_BYTES))
		return;
	overflow_stack.thread_info = *task_thread_info(p);
	call_on_stack(&overflow_stack.stack[THREAD_SIZE / sizeof(long)], stack_overflow_panic,
		      (void *)esp);
	__builtin_unreachable();
}

static void __schedule(bool yielded)
{
	struct task_struct *prev = current, *next;
	struct rq *rq = this_rq();
	unsigned long flags;

	if (unlikely(in_interrupt()))
		panic("schedule() called from an interrupt handler");
	lockdep_might_sleep("schedule()", (unsigned long)__builtin_return_address(0));
	check_stack_end(prev);
	spin_lock_irqsave(&rq->lock, flags);
	clear_tsk_need_resched(prev);
	if (prev->state != TASK_RUNNING) {
		if (task_on_runqueue(prev))
			deactivate_task(rq, prev);
		prev->nvcsw++;
	} else if (!is_idle_task(prev)) {
		prev->nivcsw++;
	}
	next = sched_class->pick_next_task(rq, prev, yielded && !is_idle_task(prev));
	if (next != prev)
		finish_task_switch(context_switch(rq, prev, next));
	else
		spin_unlock(&rq->lock);
	local_irq_restore(flags);
}

/* Contract: give the CPU to the task the policy picks (the idle task if
 * none runnable): goodness()'s best, or the O(1) scheduler's first task of
 * the best priority level. A caller still TASK_RUNNING stays on the run queue and returns when
 * it is picked again; one that set itself sleeping first is taken off it
 * and returns only after a wake-up. Returns nothing. Process context only
 * (from an interrupt handler: panic). Either interrupt state: they are off
 * for the pick and the switch, and on return are again as the caller had
 * them (each task's state is saved on its own stack; a new task's first
 * frame restores its own through iret). */
void schedule(void)
{
	__schedule(false);
}

/* On the way back to user mode after an interrupt, exception or system
 * call (interrupts off): timer signals may wait for a safe point (this is
 * one: run_timer_events), the tick or a wake-up may have asked for a
 * switch, and a signal may be pending (do_signal: a handler frame, or a
 * default action such as exit or stop). A return to kernel mode never switches:
 * the kernel is not preemptible. The common case is one test of the
 * thread_info flags. */
void exit_to_user_mode(struct pt_regs *regs)
{
	struct thread_info *ti = current_thread_info();

	if (unlikely(timer_events_pending())) {
		local_irq_enable();
		run_timer_events();      /* a safe point for timer signals (timer.h) */
		local_irq_disable();
	}
	while (unlikely(ti->flags & (_TIF_NEED_RESCHED | _TIF_SIGPENDING))) {
		if (ti->flags & _TIF_NEED_RESCHED) {
			schedule();
			continue;
		}
		local_irq_enable();
		do_signal(regs);
		local_irq_disable();
	}
}

/* Let others go first: under goodness every other runnable task (2.4's
 * SCHED_YIELD); under O(1) the caller goes to the expired array (a
 * real-time task behind its equals), as 2.6's sched_yield. */
void yield(void)
{
	__schedule(true);
}

/* wake_up_state() with interrupts already off (wait queues call it);
 * Linux's try_to_wake_up. On SMP the CPU is chosen here, before its lock
 * is taken (p's last CPU: kernel/sched/sched.h). */
bool __wake_up_state(struct task_struct *p, long state)
{
	struct rq *rq = task_rq(p);

	if (!(p->state & state))
		return false;
	spin_lock(&rq->lock);
	p->state = TASK_RUNNING;
	if (!task_on_runqueue(p))
		activate_task(rq, p);
	trace_sched_wakeup(p);
	if (is_idle_task(rq->curr) || sched_class->preempts_curr(rq, p))
		set_tsk_need_resched(rq->curr);
	spin_unlock(&rq->lock);
	return true;
}

bool wake_up_state(struct task_struct *p, long state)
{
	unsigned long flags = local_irq_save();
	bool woken = __wake_up_state(p, state);

	local_irq_restore(flags);
	return woken;
}

bool wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
}

/* The timer tick (interrupts off): charge the tick to the running task and
 * let the policy end its slice (c19: check its canary too). */
void scheduler_tick(bool user_tick)
{
	struct task_struct *p = current;
	struct rq *rq = this_rq();

	check_stack_end(p);
	account_process_tick(p, user_tick);      /* kernel/sched/cputime.c */
	spin_lock(&rq->lock);
	if (is_idle_task(p)) {
		if (rq->nr_running)
			set_tsk_need_resched(p);
	} else if (p == rq->curr && task_on_runqueue(p)) {
		sched_class->task_tick(rq, p);   /* (not a test's stand-in task) */
	}
	spin_unlock(&rq->lock);
}

/* Contract: ready a new task p (not yet runnable: woken later by
 * wake_up_process) from current; the policy shares out current's slice
 * (c28: forking creates no CPU time). sched_setscheduler's
 * SCHED_RESET_ON_FORK gives the child SCHED_OTHER and nice >= 0. Either
 * interrupt state; restored on return. */
void sched_fork(struct task_struct *p)
{
	struct rq *rq = this_rq();
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	INIT_LIST_HEAD(&p->run_list);
	p->state = TASK_UNINTERRUPTIBLE;      /* runnable at wake_up_process */
	if (unlikely(p->sched_reset_on_fork)) {  /* sched_setscheduler's flag */
		if (p->policy != SCHED_OTHER || p->nice < 0)
			p->nice = 0;
		p->policy = SCHED_OTHER;
		p->rt_priority = 0;
		p->sched_reset_on_fork = false;
	}
	sched_class->task_fork(rq, p);
	p->nvcsw = p->nivcsw = 0;
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* Linux's sched_exit, as p is reaped: the policy may hand what p left of
 * its slice back to its parent. */
void sched_exit(struct task_struct *p)
{
	struct rq *rq = task_rq(p);
	unsigned long flags;

	if (!sched_class->task_exit)
		return;
	spin_lock_irqsave(&rq->lock, flags);
	sched_class->task_exit(rq, p);
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* The idle loop (init_task after boot): sleep until an interrupt, and run
 * anything that became runnable; send the signals of timers that fired (a
 * safe point: include/timer.h). safe_halt() (sti;hlt) is atomic, so a
 * wake-up between the check and the hlt is not lost. */
void cpu_idle(void)
{
	for (;;) {
		if (timer_events_pending())
			run_timer_events();
		local_irq_disable();
		if (!need_resched() && !timer_events_pending())
			safe_halt();
		else
			local_irq_enable();
		schedule();
	}
}

const char *panic_task_name(void)
{
	static char name[TASK_COMM_LEN + 16];
	struct task_struct *p = current;

	snprintf(name, sizeof(name), "%s (pid %d)", p->comm, p->pid);
	return name;
}

void sched_init(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct rq *rq = cpu_rq(cpu);

		spin_lock_init(&rq->lock);
		goodness_sched_class.init(rq);
		o1_sched_class.init(rq);
	}
	this_rq()->curr = this_rq()->idle = &init_task;
	init_task.prio = MAX_PRIO;
	pr_info("sched: %s scheduler\n", sched_class->name);
	init_task_stack_end();
	fpu_init();
}

int task_prio(const struct task_struct *p)
{
	return sched_class->effective_prio(p);
}

int task_static_prio(const struct task_struct *p)
{
	return rt_task(p) ? MAX_USER_RT_PRIO - 1 - (int)p->rt_priority : NICE_TO_PRIO(p->nice);
}

long task_slice_left(const struct task_struct *p)
{
	return sched_class->slice_left(p);
}

unsigned int task_timeslice(const struct task_struct *p)
{
	return sched_class->timeslice(p);
}

/* Linux's set_user_nice: the caller checked the permission. */
void set_user_nice(struct task_struct *p, long nice)
{
	struct rq *rq = task_rq(p);
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	p->nice = nice;
	sched_class->prio_changed(rq, p);
	if (task_on_runqueue(p))
		set_tsk_need_resched(rq->curr);   /* the new ranking counts at once */
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* Linux's __setscheduler, the checks done by the caller. */
void sched_setscheduler_nocheck(struct task_struct *p, unsigned int policy,
				unsigned int rt_priority, bool reset_on_fork)
{
	struct rq *rq = task_rq(p);
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	p->policy = policy;
	p->rt_priority = rt_priority;
	p->sched_reset_on_fork = reset_on_fork;
	sched_class->prio_changed(rq, p);
	set_tsk_need_resched(rq->curr);
	spin_unlock_irqrestore(&rq->lock, flags);
}
