/* kernel/sched.c: the scheduler, Linux 2.4's policy (seed claims c24, c25,
 * c27, c28). One run queue holds every runnable task, process, thread and
 * kernel thread alike, and one function, goodness(), ranks them: the ticks
 * left in the task's time slice (counter), plus its static priority from
 * nice, plus 1 when running it needs no address-space switch; a real-time
 * task (SCHED_FIFO, SCHED_RR: kernel/sys_sched.c) outranks them all by its
 * rt_priority, as in 2.4. When every
 * runnable task has used up its slice, an epoch recalculation gives every
 * task counter/2 + its slice, so sleepers come back with a bonus. The cost is
 * O(runnable tasks) per schedule(): the figures in `make bench` show why
 * Linux 2.6 replaced it with the O(1) scheduler.
 *
 * One change from 2.4: its epoch loop visits every task, sleepers included,
 * which makes a fork-heavy load with many sleeping tasks O(n^2) (creating
 * 32000 kernel threads took 11000 epochs over up to 32000 tasks). Here an
 * epoch recalculates the runnable tasks and bumps `epoch`; a sleeper is
 * brought up to date when it is woken (catch_up_epochs: the same
 * counter/2 + slice, once per epoch it missed), so every scheduling decision
 * sees exactly the counters 2.4 would have computed. task_counter() gives a
 * sleeper's up-to-date value.
 *
 * The idle task (init_task) is never on the run queue: it runs when nothing
 * else can. The run queue is guarded by interrupts off (interrupt handlers
 * wake tasks). See include/sched.h for the preemption model. */
#include <kernel.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <timer.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/uaccess.h>
#include <trace/events.h>

static LIST_HEAD(runqueue_head);
unsigned long nr_running;
static unsigned long epoch;          /* epochs since boot (sched_stats.epochs) */
struct sched_stats sched_stats;

/* The mm a kernel thread borrowed, dropped once we are off its stack. */
static struct mm_struct *prev_mm;

bool task_on_runqueue(const struct task_struct *p)
{
	return !list_empty(&p->run_list);
}

/* counter/2 + slice, once per missed epoch. With integer halving it settles
 * within a few steps at 2 * slice - 1 (from below) or 2 * slice (from above),
 * so the loop stops as soon as a step changes nothing. Counts its steps in
 * *steps if given (NULL on the scheduler's paths, where it is inlined and
 * the counting compiled out). */
static inline long recalc(long counter, long nice, unsigned long missed, unsigned long *steps)
{
	for (; missed; missed--) {
		long next = (counter >> 1) + NICE_TO_TICKS(nice);

		if (steps)
			(*steps)++;
		if (next == counter)
			break;
		counter = next;
	}
	return counter;
}

/* p's counter with the epochs it slept through applied. */
long task_counter(const struct task_struct *p)
{
	if (task_on_runqueue(p) || p->epoch_seen == epoch)
		return p->counter;
	return recalc(p->counter, p->nice, epoch - p->epoch_seen, &sched_stats.recalc_steps);
}

/* Set p's counter as of now (a sleeper's pending epochs are dropped). */
void set_task_counter(struct task_struct *p, long counter)
{
	unsigned long flags = local_irq_save();

	p->counter = counter;
	p->epoch_seen = epoch;
	local_irq_restore(flags);
}

static inline void catch_up_epochs(struct task_struct *p)
{
	if (likely(p->epoch_seen == epoch))
		return;
	p->counter = recalc(p->counter, p->nice, epoch - p->epoch_seen, NULL);
	p->epoch_seen = epoch;
}

static void add_to_runqueue(struct task_struct *p)
{
	catch_up_epochs(p);
	list_add_tail(&p->run_list, &runqueue_head);
	nr_running++;
}

static void del_from_runqueue(struct task_struct *p)
{
	list_del_init(&p->run_list);
	nr_running--;
}

/* 2.4's goodness(): a real-time task (SCHED_FIFO, SCHED_RR) 1000 plus its
 * rt_priority, above any other; else 0 when p's slice is used up, else the
 * ticks left plus the nice priority, plus 1 when p shares this_mm or is a
 * kernel thread (no CR3 write, the TLB stays warm: c27). Higher is better. */
int goodness(struct task_struct *p, struct mm_struct *this_mm)
{
	int weight = p->counter;

	if (unlikely(p->policy != SCHED_OTHER))
		return 1000 + p->rt_priority;
	if (!weight)
		return 0;
	if (p->mm == this_mm || !p->mm)
		weight += 1;
	return weight + 20 - p->nice;
}

/* A new epoch: every task gets half of what it had left plus a full slice,
 * so sleepers accumulate up to twice a slice. Runnable tasks now, sleepers
 * when they wake (see the top of this file). */
static void recalculate_counters(void)
{
	struct task_struct *p;

	epoch++;
	list_for_each_entry(p, &runqueue_head, run_list) {
		p->counter = recalc(p->counter, p->nice, 1, NULL);
		p->epoch_seen = epoch;
	}
	sched_stats.epochs++;
}

/* The best runnable task; prev, if it called yield(), only beats idle. */
static struct task_struct *pick_next_task(struct task_struct *prev, bool yielded)
{
	struct task_struct *p, *next;
	int best;

	for (;;) {
		next = &init_task;
		best = -1000;
		list_for_each_entry(p, &runqueue_head, run_list) {
			int w = (p == prev && yielded) ? -1 : goodness(p, prev->active_mm);
			if (w > best) {
				best = w;
				next = p;
			}
		}
		if (best != 0)
			return next;
		recalculate_counters();
	}
}

/* Switch the address space (lazily for kernel threads) and the CPU state.
 * Returns, in next's context, the task that ran before it. */
static struct task_struct *context_switch(struct task_struct *prev, struct task_struct *next)
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
		prev_mm = oldmm;
	}
	__switch_to(prev, next);
	return switch_to_asm(&prev->thread, &next->thread, prev);
}

/* Runs in the new task right after every switch: drop what the previous
 * task could not drop while running on it. A dead task's stack is freed
 * here, once nothing runs on it any more. */
static void finish_task_switch(struct task_struct *prev)
{
	struct mm_struct *mm = prev_mm;

	prev_mm = NULL;
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

/* 2.4's real-time turns: an RR task whose slice ran out gets a new one,
 * and it or a yielding real-time task goes behind the others of its
 * priority (the pick takes the first of equal goodness), so a real-time
 * task yields only to those. */
static void rt_requeue(struct task_struct *prev, bool yielded)
{
	bool rr_expired = prev->policy == SCHED_RR && !prev->counter;

	if (rr_expired)
		prev->counter = NICE_TO_TICKS(prev->nice);
	if (rr_expired || yielded)
		list_move_tail(&prev->run_list, &runqueue_head);
}

static void __schedule(bool yielded)
{
	struct task_struct *prev = current, *next;
	unsigned long flags;

	if (unlikely(in_interrupt()))
		panic("schedule() called from an interrupt handler");
	check_stack_end(prev);
	flags = local_irq_save();
	clear_tsk_need_resched(prev);
	if (prev->state != TASK_RUNNING) {
		if (task_on_runqueue(prev))
			del_from_runqueue(prev);
		prev->nvcsw++;
	} else if (!is_idle_task(prev)) {
		prev->nivcsw++;
	}
	if (unlikely(prev->policy != SCHED_OTHER) && task_on_runqueue(prev)) {
		rt_requeue(prev, yielded);
		yielded = false;         /* its place in the queue is its yield */
	}
	next = pick_next_task(prev, yielded);
	if (next != prev)
		finish_task_switch(context_switch(prev, next));
	local_irq_restore(flags);
}

/* Contract: give the CPU to the best runnable task by goodness() (the idle
 * task if none), running an epoch recalculation when every slice is used
 * up. A caller still TASK_RUNNING stays on the run queue and returns when
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

/* Let every other runnable task go first (2.4's SCHED_YIELD). */
void yield(void)
{
	__schedule(true);
}

/* wake_up_state() with interrupts already off (wait queues call it). */
bool __wake_up_state(struct task_struct *p, long state)
{
	struct task_struct *cur = current;

	if (!(p->state & state))
		return false;
	p->state = TASK_RUNNING;
	if (!task_on_runqueue(p))
		add_to_runqueue(p);
	trace_sched_wakeup(p);
	/* 2.4's reschedule_idle(): ask for a switch if p is better */
	if (is_idle_task(cur) || goodness(p, cur->active_mm) > goodness(cur, cur->active_mm))
		set_tsk_need_resched(cur);
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
 * end its slice when the counter runs out (c19: check its canary too). */
void scheduler_tick(bool user_tick)
{
	struct task_struct *p = current;

	check_stack_end(p);
	account_process_tick(p, user_tick);      /* kernel/sched_cputime.c */
	if (is_idle_task(p)) {
		if (nr_running)
			set_tsk_need_resched(p);
		return;
	}
	if (p->counter > 0)
		p->counter--;
	if (!p->counter)
		set_tsk_need_resched(p);
}

/* c28: at fork the parent's remaining slice is split with the child, so
 * forking does not create CPU time. The parent reschedules if it has none
 * left. */
void sched_fork(struct task_struct *p)
{
	unsigned long flags = local_irq_save();
	struct task_struct *parent = current;

	INIT_LIST_HEAD(&p->run_list);
	p->state = TASK_UNINTERRUPTIBLE;      /* runnable at wake_up_process */
	if (unlikely(p->sched_reset_on_fork)) {  /* sched_setscheduler's flag */
		if (p->policy != SCHED_OTHER || p->nice < 0)
			p->nice = 0;
		p->policy = SCHED_OTHER;
		p->rt_priority = 0;
		p->sched_reset_on_fork = false;
	}
	p->epoch_seen = epoch;
	p->counter = (parent->counter + 1) >> 1;
	parent->counter >>= 1;
	if (!parent->counter)
		set_tsk_need_resched(parent);
	p->nvcsw = p->nivcsw = 0;
	local_irq_restore(flags);
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
	init_task_stack_end();
	fpu_init();
}
