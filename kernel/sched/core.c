/* kernel/sched/core.c: the scheduler's core, whichever policy runs:
 * schedule() and the context switch, wake-ups, the tick, fork's and exit's
 * hooks, yield, the idle loop, and the choice of policy at boot (sched=o1,
 * the default: Linux 2.6's O(1) scheduler, kernel/sched/o1.c; or
 * sched=goodness: Linux 2.4's, kernel/sched/goodness.c). The policies sit
 * behind struct sched_class (kernel/sched/sched.h); nothing outside
 * kernel/sched/ knows which one runs.
 *
 * Every runnable task is on a run queue (struct rq: its CPU's under O(1),
 * the one shared queue under goodness: kernel/sched/sched.h), the running
 * one included; an idle task (init_task, swapper/N) never is: it runs when
 * nothing else can. A queue is guarded by rq->lock with interrupts off
 * (interrupt handlers wake tasks). Every online CPU runs tasks; a task runs
 * on one CPU at a time: p->on_cpu is set when a CPU picks it and cleared
 * by finish_task_switch once the switch away from it is over, and a CPU's
 * queue lock is held across its whole switch, so no other CPU picks,
 * wakes onto another queue or moves a task whose registers are not saved.
 * See include/sched.h for the preemption model. */
#include <kernel.h>
#include <sched.h>
#include <lockdep.h>
#include <trace/events.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <timer.h>
#include <asm/apic.h>
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

/* Take every queued task off the old policy's queues, onto tmp (a CPU's
 * idle task is on none). */
static void dequeue_all(struct list_head *tmp)
{
	struct task_struct *p;

	for_each_process(p) {
		if (!task_on_runqueue(p))
			continue;
		sched_class->dequeue_task(task_rq(p), p);
		list_add_tail(&p->run_list, tmp);
	}
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		cpu_rq(cpu)->nr_running = 0;
}

/* Every CPU's queue lock, in address order (interrupts off). */
static void lock_all_rqs(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		spin_lock(&cpu_rq(cpu)->lock);
}

static void unlock_all_rqs(void)
{
	for (int cpu = NR_CPUS - 1; cpu >= 0; cpu--)
		spin_unlock(&cpu_rq(cpu)->lock);
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
	struct task_struct *p, *n;
	unsigned long flags;
	int cpu;
	LIST_HEAD(tmp);

	if (!new)
		return -EINVAL;
	flags = local_irq_save();
	read_lock(&tasklist_lock);       /* the walks of every task */
	lock_all_rqs();
	if (new != sched_class) {
		dequeue_all(&tmp);
		sched_class = new;
		for_each_process(p)
			new->switched_to(task_rq(p), p);
		list_for_each_entry_safe(p, n, &tmp, run_list) {
			list_del_init(&p->run_list);
			activate_task(task_rq(p), p);
		}
		for_each_online_cpu(cpu)
			resched_cpu(cpu);
	}
	unlock_all_rqs();
	read_unlock(&tasklist_lock);
	local_irq_restore(flags);
	return 0;
}

/* The CPUs that run tasks: every online one, unless the boot word
 * `nosmpsched` (or smpsched=off) keeps them all on CPU 0, whose scheduler
 * then runs every task while the others only idle (their idle loop finds
 * their queue empty): a way to tell an SMP race from a bug of its own.
 * `smpsched` (or smpsched=on) is still accepted; docs/smp.md. */
bool smp_sched_enabled = true;

static int smpsched_param(const char *value)
{
	if (!value || !strcmp(value, "on") || !strcmp(value, "1"))
		smp_sched_enabled = true;
	else if (!strcmp(value, "off") || !strcmp(value, "0"))
		smp_sched_enabled = false;
	else
		return -EINVAL;
	return 0;
}
KERNEL_PARAM("smpsched", smpsched_param);

/* Tasks may run on more than one CPU: smpsched and a second CPU online.
 * Without it a wake-up has nowhere else to place a task and fork nowhere
 * else to start one, so both skip the search, and no idle balance runs
 * (as a Linux uniprocessor boot does without the code); fdget takes its
 * file reference without the table lock (include/fdtable.h). The one-CPU
 * switch path stays as cheap as before SMP. Set by each CPU as it comes
 * online (sched_cpu_online): it only ever goes from false to true. */
bool sched_smp_active;

void sched_cpu_online(void)
{
	WRITE_ONCE(sched_smp_active, smp_sched_enabled && num_online_cpus() > 1);
}

static int nosmpsched_param(const char *value)
{
	return value ? -EINVAL : smpsched_param("off");
}
KERNEL_PARAM("nosmpsched", nosmpsched_param);

void sched_get_cpu_stats(int cpu, struct sched_cpu_stats *s)
{
	struct rq *rq = cpu_rq(cpu);

	*s = (struct sched_cpu_stats){ rq->nr_running, rq->nr_switches, rq->switches_new_mm,
		rq->switches_same_mm, rq->switches_to_kthread, rq->nr_pulled, rq->nr_migrated,
		rq->nr_wake_remote };
}

unsigned int sched_nr_cpus(void)
{
	return smp_sched_enabled ? num_online_cpus() : 1;
}

bool sched_exit_in_flight(void)
{
	bool busy = false;
	unsigned long flags;
	int cpu;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		spin_lock_irqsave(&rq->lock, flags);   /* curr stays while it is held */
		busy |= rq->curr->flags & PF_EXITING;
		busy |= __atomic_load_n(&rq->drops_in_flight, __ATOMIC_ACQUIRE);
		spin_unlock_irqrestore(&rq->lock, flags);
	}
	return busy;
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

/* Contract: make CPU cpu's running task reschedule at its next safe
 * point; a remote CPU gets a reschedule IPI (Linux's resched_task). Any
 * context; the caller holds that CPU's queue lock, so its curr is stable. */
void resched_cpu(int cpu)
{
	struct task_struct *curr = cpu_curr(cpu);

	if (!curr)
		return;
	set_tsk_need_resched(curr);
	if (cpu != smp_processor_id())
		smp_send_reschedule(cpu);
}

/* Two queue locks, the lower address first (include/lock_order.h), so
 * two CPUs pulling from each other never deadlock. One if a == b.
 * Interrupts off. */
void double_rq_lock(struct rq *a, struct rq *b)
{
	if (a == b) {
		spin_lock(&a->lock);
		return;
	}
	if (a > b) {
		struct rq *t = a;

		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	spin_lock(&b->lock);
}

void double_rq_unlock(struct rq *a, struct rq *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
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
		rq->switches_to_kthread++;
	} else {
		if (mm == oldmm)
			rq->switches_same_mm++;
		else
			rq->switches_new_mm++;
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
	__lock_release(&rq->locked->lock.dep_map);
	__switch_to(prev, next);
	return switch_to_asm(&prev->thread, &next->thread, prev);
}

/* Runs in the new task right after every switch, rq->lock held (taken by
 * the task that switched to us): drop the lock, then what the previous
 * task could not drop while running on it. A dead task's stack is freed
 * here, once nothing runs on it any more. Interrupts stay off. */
static __always_inline void finish_task_switch(struct task_struct *prev)
{
	struct rq *crq = cpu_rq(smp_processor_id()), *rq = crq->locked;
	struct mm_struct *mm = crq->prev_mm;
	bool dead = prev->state == TASK_DEAD;

	crq->prev_mm = NULL;
	prev->last_ran = jiffies;
	if (unlikely(mm || dead))        /* seen under the lock, until dropped */
		WRITE_ONCE(crq->drops_in_flight, true);
	/* prev's registers are saved: another CPU may pick or move it now
	 * (Linux's finish_lock_switch: on_cpu cleared, release-ordered). */
	__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
	__lock_acquire(&rq->lock.dep_map, LD_SPIN);   /* handed over by prev */
	spin_unlock(&rq->lock);
	if (mm)
		mmdrop(mm);
	if (dead)
		put_task_struct(prev);
	if (unlikely(mm || dead))
		__atomic_store_n(&crq->drops_in_flight, false, __ATOMIC_RELEASE);
}

/* First C code of a new task (from ret_from_fork), interrupts off; a
 * CLONE_CHILD_SETTID child stores its tid in its own memory (a fault is
 * ignored, as in Linux), with interrupts on as Linux (the store may fault
 * and break a copy-on-write, whose TLB shootdown waits for other CPUs). */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	if (unlikely(current->set_child_tid)) {
		local_irq_enable();      /* the store may break a COW: a TLB shootdown */
		put_user_u32(current->pid, (u32 *)current->set_child_tid);
		local_irq_disable();
	}
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

/* Under this CPU's queue lock: the task to run next here, the idle task
 * when the policy has none (after an idle balance pulled nothing). */
static inline struct task_struct *pick_next(struct rq *rq, int cpu, struct task_struct *prev,
					    bool yielded)
{
	struct task_struct *next;

	if (!rq->nr_running && sched_smp_active && !sched_class->shared_rq)
		idle_balance(rq);
	next = sched_class->pick_next_task(rq, prev, yielded && !is_idle_task(prev));
	if (!next)
		next = cpu_rq(cpu)->idle;
	if (next != prev) {
		BUG_ON(task_running(next));       /* the on_cpu rule */
		set_task_cpu(next, cpu);          /* (goodness may pick any CPU's) */
		next->on_cpu = 1;
	}
	return next;
}

static void __schedule(bool yielded)
{
	struct task_struct *prev = current, *next;
	struct rq *crq, *rq;
	unsigned long flags;
	long state;
	int cpu;

	if (unlikely(in_interrupt()))
		panic("schedule() called from an interrupt handler");
	lockdep_might_sleep("schedule()", (unsigned long)__builtin_return_address(0));
	check_stack_end(prev);
	flags = local_irq_save();
	cpu = smp_processor_id();
	crq = cpu_rq(cpu);
	rq = this_rq_lock();
	clear_tsk_need_resched(prev);
	state = prev->state;
	if (state != TASK_RUNNING) {
		if (state == TASK_INTERRUPTIBLE && unlikely(signal_pending(prev))) {
			prev->state = TASK_RUNNING;       /* see below */
			prev->nivcsw++;
		} else {
			if (task_on_runqueue(prev))
				deactivate_task(rq, prev);
			prev->nvcsw++;
		}
	} else if (!is_idle_task(prev)) {
		prev->nivcsw++;
	}
	next = pick_next(rq, cpu, prev, yielded);
	if (next != prev) {
		crq->locked = rq;
		finish_task_switch(context_switch(crq, prev, next));
	} else {
		spin_unlock(&rq->lock);
	}
	local_irq_restore(flags);
}

/* Contract: give the CPU to the task the policy picks (the idle task if
 * none runnable): goodness()'s best, or the O(1) scheduler's first task of
 * the best priority level. A caller still TASK_RUNNING stays on the run queue and returns when
 * it is picked again; one that set itself sleeping first is taken off it
 * and returns only after a wake-up, except that a TASK_INTERRUPTIBLE
 * caller with a signal pending stays runnable, as in Linux: a sleeper
 * that checked for signals before setting its state (pause, a wait loop)
 * would otherwise miss one sent from another CPU between the check and
 * the sleep (the sender's wake-up found it still running); the check is
 * made under the run queue lock, which the sender's wake-up takes after
 * setting TIF_SIGPENDING. Returns nothing. Process context only
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

/* Where a woken task goes under per-CPU queues (Linux 2.6's wake-up
 * placement, simplified): the CPU it last ran on if allowed and not busy
 * with another task; else an idle CPU it may use (this one first); else
 * its last CPU if allowed; else the first CPU its affinity allows. */
static int select_task_cpu(struct task_struct *p)
{
	int prev = task_cpu(p), this = smp_processor_id(), cpu;

	if (task_allowed_on(p, prev) && cpu_is_idle(prev))
		return prev;
	if (task_allowed_on(p, this) && cpu_is_idle(this))
		return this;
	for_each_online_cpu(cpu)
		if (task_allowed_on(p, cpu) && cpu_is_idle(cpu))
			return cpu;
	if (task_allowed_on(p, prev))
		return prev;
	for_each_online_cpu(cpu)
		if (task_allowed_on(p, cpu))
			return cpu;
	return prev;
}

/* wake_up_state() with interrupts already off (wait queues call it);
 * Linux's try_to_wake_up. Under p's queue lock p is not being switched
 * out anywhere (the lock is held across a switch), so a sleeping p may be
 * placed on another CPU (select_task_cpu) before it is queued; then the
 * class names the CPU to kick (a reschedule IPI if remote). */
fastcall bool __wake_up_state(struct task_struct *p, long state)
{
	struct rq *rq = task_rq_lock(p);
	int cpu;

	if (!(p->state & state)) {
		spin_unlock(&rq->lock);
		return false;
	}
	if (sched_smp_active && !task_on_runqueue(p) && !sched_class->shared_rq &&
	    !task_running(p)) {
		cpu = select_task_cpu(p);
		if (cpu != task_cpu(p)) {
			set_task_cpu(p, cpu);         /* p sleeps: its rq changes */
			spin_unlock(&rq->lock);
			rq = task_rq_lock(p);
			if (!(p->state & state)) {    /* woken meanwhile */
				spin_unlock(&rq->lock);
				return false;
			}
		}
	}
	p->state = TASK_RUNNING;
	if (!task_on_runqueue(p)) {
		activate_task(rq, p);
		cpu = sched_class->wakeup_cpu(rq, p);
		if (cpu >= 0) {
			if (cpu != smp_processor_id())
				__atomic_add_fetch(&cpu_rq(cpu)->nr_wake_remote, 1,
						   __ATOMIC_RELAXED);   /* not our queue's lock */
			resched_cpu(cpu);
		}
	}
	trace_sched_wakeup(p);
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

/* CPUs running a task of rq's queue (all of them for a shared queue). */
static unsigned long busy_cpus(struct rq *rq)
{
	unsigned long n = 0;
	int cpu;

	if (!sched_class->shared_rq)
		return !cpu_is_idle(rq->cpu);
	for_each_online_cpu(cpu)
		n += !cpu_is_idle(cpu);
	return n;
}

/* The timer tick (interrupts off): charge the tick to the running task and
 * let the policy end its slice (c19: check its canary too). */
void scheduler_tick(bool user_tick)
{
	struct task_struct *p = current;
	bool idle = is_idle_task(p);
	struct rq *rq;

	check_stack_end(p);
	account_process_tick(p, user_tick);      /* kernel/sched/cputime.c */
	rq = this_rq_lock();
	if (idle) {
		if (rq->nr_running > busy_cpus(rq))
			set_tsk_need_resched(p);      /* a task waits for a CPU */
	} else if (p == cpu_curr(smp_processor_id()) && task_on_runqueue(p)) {
		sched_class->task_tick(rq, p);   /* (not a test's stand-in task) */
	}
	spin_unlock(&rq->lock);
	if (!sched_class->shared_rq)
		rebalance_tick(rq, idle);        /* kernel/sched/balance.c */
}

/* Fork's placement: the parent's CPU, unless another CPU the child may
 * use has fewer tasks queued (the idlest allowed; 2.6's sched_balance_fork
 * in small). Its wake-up then queues it there, or on an idle CPU. */
static int sched_fork_cpu(struct task_struct *p)
{
	int best = smp_processor_id(), cpu;

	if (!sched_smp_active)
		return best;
	if (!task_allowed_on(p, best))
		best = -1;
	for_each_online_cpu(cpu) {
		if (!task_allowed_on(p, cpu))
			continue;
		if (best < 0 || cpu_rq(cpu)->nr_running < cpu_rq(best)->nr_running)
			best = cpu;
	}
	return best < 0 ? smp_processor_id() : best;
}

/* Contract: ready a new task p (not yet runnable: woken later by
 * wake_up_process) from current; the policy shares out current's slice
 * (c28: forking creates no CPU time). sched_setscheduler's
 * SCHED_RESET_ON_FORK gives the child SCHED_OTHER and nice >= 0. Either
 * interrupt state; restored on return. */
void sched_fork(struct task_struct *p)
{
	unsigned long flags = local_irq_save();
	struct rq *rq = this_rq_lock();

	INIT_LIST_HEAD(&p->run_list);
	p->on_cpu = 0;                        /* copied from the running parent */
	p->flags &= ~PF_IDLE;                 /* an idle task's children are not */
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
	set_task_cpu(p, sched_fork_cpu(p));
	spin_unlock(&rq->lock);
	local_irq_restore(flags);
}

/* Linux's sched_exit, as p is reaped: the policy may hand what p left of
 * its slice back to its parent. What changes is the parent's (its slice
 * and sleep_avg, which its CPU's tick changes too), so under the parent's
 * queue lock, as Linux's; p runs nowhere any more. Either interrupt state. */
void sched_exit(struct task_struct *p)
{
	struct task_struct *parent = p->parent;
	struct rq *rq;
	unsigned long flags;

	if (!sched_class->task_exit || !parent)
		return;
	flags = local_irq_save();
	rq = task_rq_lock(parent);
	sched_class->task_exit(rq, p);
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* Each round of an idle loop checks that `current` is this CPU's idle
 * task on the right CPU (the claim_c32 tests read the counts). */
static void idle_check(int cpu)
{
	struct idle_checks *c = &per_cpu(idle_checks, cpu);

	if (current == idle_tasks[cpu] && current == cpu_curr(cpu) &&
	    smp_processor_id() == cpu && (!apic_enabled || read_apic_id() == cpu_to_apicid[cpu]))
		c->ok++;
	else
		c->bad++;
	if (need_resched())
		c->resched_seen++;
}

/* The idle loop of every CPU (init_task on CPU 0 after boot, swapper/N on
 * the others): sleep until an interrupt, and run anything that became
 * runnable on this CPU (a wake-up's reschedule IPI, or the tick when a
 * task waits: scheduler_tick); send the signals of timers that fired (a
 * safe point: include/timer.h). safe_halt() (sti;hlt) is atomic, so a
 * wake-up between the check and the hlt is not lost. */
void cpu_idle(void)
{
	int cpu = smp_processor_id();

	for (;;) {
		if (timer_events_pending())
			run_timer_events();
		local_irq_disable();
		if (!need_resched() && !timer_events_pending())
			safe_halt();
		else
			local_irq_enable();
		idle_check(cpu);
		if (need_resched())      /* asked: else a shared queue's task */
			schedule();      /* would go to whichever CPU woke first */
	}
}

/* Linux's init_idle: CPU cpu's queue gets idle (swapper/N) as its idle
 * and running task, before the CPU is started (CPU 0, at boot). */
void init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	idle->flags |= PF_IDLE;
	idle->prio = MAX_PRIO;
	rq->curr = rq->idle = idle;
	spin_unlock_irqrestore(&rq->lock, flags);
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
		rq->cpu = cpu;
		INIT_LIST_HEAD(&rq->migration_queue);
		goodness_sched_class.init(rq);
		o1_sched_class.init(rq);
	}
	cpu_rq(0)->curr = cpu_rq(0)->idle = &init_task;
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
	struct rq *rq;
	unsigned long flags;

	flags = local_irq_save();
	rq = task_rq_lock(p);
	p->nice = nice;
	sched_class->prio_changed(rq, p);
	if (task_on_runqueue(p))
		resched_cpu(task_cpu(p));         /* the new ranking counts at once */
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* Linux's __setscheduler, the checks done by the caller. */
void sched_setscheduler_nocheck(struct task_struct *p, unsigned int policy,
				unsigned int rt_priority, bool reset_on_fork)
{
	struct rq *rq;
	unsigned long flags;

	flags = local_irq_save();
	rq = task_rq_lock(p);
	p->policy = policy;
	p->rt_priority = rt_priority;
	p->sched_reset_on_fork = reset_on_fork;
	sched_class->prio_changed(rq, p);
	resched_cpu(task_cpu(p));
	if (task_cpu(p) != smp_processor_id())
		set_tsk_need_resched(current);    /* our own ranking may change too */
	spin_unlock_irqrestore(&rq->lock, flags);
}
