/* tests/test_tasks.c: tasks, their 8 KiB blocks, current, PID 0/1/2,
 * kthreads, pids, fork/exit and the task listing (seed claims c05, c06, c12,
 * c14, c15, c16, c19, c20, c21, c22, c33). Each test looks at the mechanism
 * itself: addresses, pointers, counters and return values of live tasks. */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <fdtable.h>
#include <fs_struct.h>
#include <sched/signal.h>
#include <pid.h>
#include <timer.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include "tasktest.h"

static unsigned long read_nr_threads(void) { return nr_threads; }
static unsigned long read_nr_pids(void) { return nr_pids; }
static unsigned long read_nr_mm(void) { return nr_mm_structs; }
KTEST_COUNTER("tasks", read_nr_threads);
KTEST_COUNTER("pids", read_nr_pids);
KTEST_COUNTER("mm_structs", read_nr_mm);

static struct task_struct *start_probe(struct ktest *t, struct probe *pr, int ret, const char *name)
{
	struct task_struct *k;

	probe_init(pr, ret);
	k = kthread_run(probe_thread, pr, "%s", name);
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	wait_for_completion(&pr->ready);
	return k;
}

/* c05: every task has its own thread_info and kernel stack, 8 KiB aligned,
 * and runs on it. */
static void claim_c05_each_task_own_stack(struct ktest *t)
{
	struct probe a, b;
	struct task_struct *ka = start_probe(t, &a, 0, "c05a");
	struct task_struct *kb = start_probe(t, &b, 0, "c05b");

	KTEST_EXPECT_PTR_NE(t, task_stack_page(ka), task_stack_page(kb));
	KTEST_EXPECT_EQ(t, (unsigned long)task_stack_page(ka) % THREAD_SIZE, 0);
	KTEST_EXPECT_EQ(t, (unsigned long)task_stack_page(kb) % THREAD_SIZE, 0);
	KTEST_EXPECT_EQ(t, a.esp & ~(THREAD_SIZE - 1), (unsigned long)task_stack_page(ka));
	KTEST_EXPECT_EQ(t, b.esp & ~(THREAD_SIZE - 1), (unsigned long)task_stack_page(kb));
	KTEST_EXPECT_PTR_NE(t, task_stack_page(ka), task_stack_page(current));
	KTEST_EXPECT_EQ(t, kthread_stop(ka), 0);
	KTEST_EXPECT_EQ(t, kthread_stop(kb), 0);
}

/* c06: thread_info at the low end of the block, ->task back to the
 * task_struct, which lives outside the block; the canary just above it. */
static void claim_c06_thread_info_at_base(struct ktest *t)
{
	unsigned long objs;
	struct probe a;
	struct task_struct *k;
	unsigned long base;
	pid_t pid;

	wait_for_reaping();
	objs = task_struct_cachep->active_objs;
	k = start_probe(t, &a, 0, "c06");
	base = (unsigned long)task_stack_page(k);
	pid = k->pid;

	KTEST_EXPECT_EQ(t, (unsigned long)a.ti, base);
	KTEST_EXPECT_PTR_EQ(t, a.ti->task, k);
	KTEST_EXPECT_PTR_EQ(t, a.task, k);
	KTEST_EXPECT_TRUE(t, a.esp > base + sizeof(struct thread_info) && a.esp < base + THREAD_SIZE);
	KTEST_EXPECT_EQ(t, *(unsigned long *)(base + sizeof(struct thread_info)), STACK_END_MAGIC);
	KTEST_EXPECT_TRUE(t, (unsigned long)k + sizeof(*k) <= base || (unsigned long)k >= base + THREAD_SIZE);
	/* the task_struct is an object of the task_struct slab cache */
	KTEST_EXPECT_TRUE(t, PageSlab(virt_to_page(k)));
	KTEST_EXPECT_PTR_EQ(t, virt_to_page(k)->slab_cache, task_struct_cachep);
	KTEST_EXPECT_EQ(t, task_struct_cachep->active_objs, objs + 1);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
	wait_for_reaping();                             /* kthreadd reaps it */
	KTEST_EXPECT_NULL(t, find_task_by_pid(pid));
	KTEST_EXPECT_EQ(t, task_struct_cachep->active_objs, objs);
}

/* c12: kernel threads have no mm of their own and run on a borrowed one. */
static void claim_c12_kernel_threads_have_no_mm(struct ktest *t)
{
	struct probe a;
	struct task_struct *k = start_probe(t, &a, 0, "c12"), *p;
	int kthreads = 0;

	KTEST_EXPECT_NULL(t, a.mm);
	KTEST_ASSERT_NOT_NULL(t, a.active_mm);
	KTEST_EXPECT_EQ(t, a.cr3, __pa(a.active_mm->pgd));   /* it ran on those tables */
	for_each_process(p) {
		kthreads += is_kernel_thread(p);
		if (is_kernel_thread(p))
			KTEST_EXPECT_NULL(t, p->mm);
	}
	KTEST_EXPECT_GE(t, kthreads, 4);     /* kernel_init, kthreadd, c12, this test */
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
}

/* c14: PID 0 is init_task on init_thread_union; PID 1 is kernel_init, a
 * kernel thread (mm NULL: it has exec'd nothing yet) made by init_task. */
static void claim_c14_pid0_and_pid1(struct ktest *t)
{
	struct task_struct *init = find_task_by_pid(1);

	KTEST_EXPECT_EQ(t, init_task.pid, 0);
	KTEST_EXPECT_PTR_EQ(t, task_thread_info(&init_task), &init_thread_union.thread_info);
	KTEST_EXPECT_PTR_EQ(t, init_thread_union.thread_info.task, &init_task);
	KTEST_ASSERT_NOT_NULL(t, init);
	KTEST_EXPECT_STREQ(t, init->comm, "kernel_init");
	KTEST_EXPECT_NULL(t, init->mm);
	KTEST_EXPECT_PTR_EQ(t, init->parent, &init_task);
	KTEST_EXPECT_TRUE(t, is_kernel_thread(init));
	KTEST_EXPECT_PTR_EQ(t, current->parent, init);     /* the ktest runner is PID 1 */
}

static int record_comm(void *arg)
{
	memcpy(arg, current->comm, TASK_COMM_LEN);      /* on its first run */
	return 0;
}

/* The whole comm array of a task created by kernel_thread with name, as
 * the child itself saw it first. */
static void first_comm(struct ktest *t, const char *name, char comm[TASK_COMM_LEN])
{
	pid_t pid;

	memset(comm, 0x5a, TASK_COMM_LEN);
	pid = kernel_thread(record_comm, comm, name, 0);
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
}

/* A task's name (comm) is written whole, as Linux's __set_task_comm does:
 * cut to 15 bytes and zero-padded, so a shorter name leaves none of the
 * old one's bytes behind its terminator (exec's "init" after
 * "kernel_init"). kernel_thread names the child from its creation; with
 * no name it has its parent's. */
static void task_comm_zero_padded_and_named_at_creation(struct ktest *t)
{
	static const char init_padded[TASK_COMM_LEN] = "init";
	char saved[TASK_COMM_LEN], comm[TASK_COMM_LEN];

	memcpy(saved, current->comm, sizeof(saved));
	set_task_comm(current, "kernel_init");
	set_task_comm(current, "init");
	KTEST_EXPECT_EQ(t, memcmp(current->comm, init_padded, TASK_COMM_LEN), 0);
	set_task_comm(current, "a_name_of_twenty_chars");
	KTEST_EXPECT_STREQ(t, current->comm, "a_name_of_twent");      /* 15 bytes kept */
	KTEST_EXPECT_EQ(t, current->comm[TASK_COMM_LEN - 1], 0);
	first_comm(t, "comm_child", comm);
	KTEST_EXPECT_STREQ(t, comm, "comm_child");
	first_comm(t, NULL, comm);
	KTEST_EXPECT_STREQ(t, comm, "a_name_of_twent");             /* the parent's */
	memcpy(current->comm, saved, sizeof(saved));
}

static int return_after_stop(void *arg)
{
	sleep_until_stopped();
	return (int)(long)arg;
}

/* Plain kernel_thread children (not kthreads) sleep here until released. */
static DECLARE_WAIT_QUEUE_HEAD(release_wq);
static bool release_all;

static int wait_for_release(void *arg)
{
	wait_event(release_wq, release_all);
	return 0;
}

static void release_children(void)
{
	release_all = true;
	wake_up_all(&release_wq);
}

/* c15: kthreadd (PID 2) creates kernel threads on request: the new thread is
 * its child whoever asked; kthread_stop returns the thread's value, -EINTR
 * if it never ran; kthreadd reaps the exited thread. */
static void claim_c15_kthreadd_creates_and_reaps(struct ktest *t)
{
	struct task_struct *k, *never;
	struct probe a;
	pid_t pid;

	KTEST_ASSERT_NOT_NULL(t, kthreadd_task);
	KTEST_EXPECT_EQ(t, kthreadd_task->pid, 2);
	KTEST_EXPECT_STREQ(t, kthreadd_task->comm, "kthreadd");
	probe_init(&a, 42);
	k = kthread_run(probe_thread, &a, "c15_%d", 7);
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	wait_for_completion(&a.ready);            /* threadfn is running */
	pid = k->pid;
	KTEST_EXPECT_STREQ(t, k->comm, "c15_7");
	KTEST_EXPECT_PTR_EQ(t, k->parent, kthreadd_task);
	KTEST_EXPECT_EQ(t, k->parent->pid, 2);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 42);
	never = kthread_create(return_after_stop, (void *)5L, "c15_never");
	KTEST_ASSERT_FALSE(t, IS_ERR(never));
	KTEST_EXPECT_EQ(t, kthread_stop(never), -EINTR);
	wait_for_reaping();
	KTEST_EXPECT_NULL(t, find_task_by_pid(pid));     /* reaped by kthreadd */
}

static int return_at_once(void *arg) { return (long)arg; }

/* kthread_stop() on a kthread that returned on its own and was reaped by
 * kthreadd still gets its value (the task and its struct kthread outlive the
 * reap), and frees them; on a task that is not a kthread it is -EINVAL. */
static void kthread_stop_after_exit_and_reap(struct ktest *t)
{
	unsigned long objs;
	struct task_struct *k;
	pid_t pid;

	wait_for_reaping();
	objs = task_struct_cachep->active_objs;
	k = kthread_run(return_at_once, (void *)17L, "early_exit");
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	pid = k->pid;
	wait_until_reaped(pid);
	KTEST_EXPECT_NULL(t, find_task_by_pid(pid));     /* reaped already */
	KTEST_EXPECT_EQ(t, task_struct_cachep->active_objs, objs + 1);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 17);
	KTEST_EXPECT_EQ(t, task_struct_cachep->active_objs, objs);
	KTEST_EXPECT_EQ(t, kthread_stop(find_task_by_pid(1)), -EINVAL);
	KTEST_EXPECT_EQ(t, kthread_stop(kthreadd_task), -EINVAL);
}

/* c16: the task listing puts kernel threads in brackets, not tasks with an
 * address space. */
static void claim_c16_ps_brackets_kernel_threads(struct ktest *t)
{
	char line[128];
	struct mm_struct *mm = mm_alloc();
	u32 before = log_head;

	KTEST_ASSERT_NOT_NULL(t, mm);
	format_task_line(kthreadd_task, line, sizeof(line));
	KTEST_EXPECT_NOT_NULL(t, strstr(line, " [kthreadd]"));
	KTEST_EXPECT_NOT_NULL(t, strstr(line, "root         2     0"));
	set_task_comm(current, "c16_user");
	kthread_use_mm(mm);                       /* now a task with its own mm */
	format_task_line(current, line, sizeof(line));
	kthread_unuse_mm(mm);
	mmput(mm);
	KTEST_EXPECT_NOT_NULL(t, strstr(line, " c16_user"));
	KTEST_EXPECT_NULL(t, strchr(line, '['));
	show_tasks();
	KTEST_EXPECT_GT(t, log_head - before, 200);
	KTEST_EXPECT_TRUE(t, log_contains(before, "[kernel_init]"));
}

/* Recurse until the stack is nearly used up, then let the deepest frame
 * spill down over the canary, as one more frame would. Interrupts are off,
 * so no handler frame lands below us meanwhile; thread_info is not hit. */
static __noinline int overflow(int depth)
{
	volatile unsigned char buf[16];
	unsigned long canary = (unsigned long)end_of_stack(current);

	for (unsigned int i = 0; i < sizeof(buf); i++)
		buf[i] = depth;
	if ((unsigned long)buf > canary + 128)
		return overflow(depth + 1) + buf[0] - buf[1];
	for (volatile unsigned long *w = (unsigned long *)canary; (unsigned long)w < read_esp(); w++)
		*w = 0xAAAAAAAA;        /* the free stack below us, canary included */
	return depth;
}

/* c19 (should panic): a deliberate overflow of this task's kernel stack is
 * caught at the next context switch and reported with the task's name. */
static void claim_c19_stack_overflow_detected(struct ktest *t)
{
	unsigned long flags;

	set_task_comm(current, "c19_deep");
	flags = local_irq_save();
	ktest_log(t, "recursed %d frames", overflow(0));
	schedule();                               /* the switch checks the canary */
	local_irq_restore(flags);
}

/* Big frames while far from the end of the stack, small ones near it, so
 * the whole chain fits a backtrace; the deepest frame waits for the timer
 * interrupt with esp inside the warning zone. */
static __noinline int deep_small(int depth)
{
	volatile unsigned char buf[48];
	unsigned long end = (unsigned long)(end_of_stack(current) + 1);

	buf[0] = depth;
	if ((unsigned long)buf > end + 250)
		return deep_small(depth + 1) + buf[0];
	for (unsigned long j = jiffies; jiffies == j; )
		halt();                                /* the tick's trap sees esp */
	return depth;
}

static __noinline int deep_big(int depth)
{
	volatile unsigned char buf[1024];

	buf[0] = depth;
	if ((unsigned long)buf > (unsigned long)end_of_stack(current) + 1600)
		return deep_big(depth + 1) + buf[0];
	return deep_small(0) + buf[0];
}

/* c19 (should panic): a kernel stack about to run out is caught when the
 * next interrupt arrives, before anything is overwritten; panic runs on a
 * spare stack and names the task. */
static void claim_c19_deep_stack_caught_at_interrupt(struct ktest *t)
{
	set_task_comm(current, "c19_deeper");
	local_irq_enable();
	ktest_log(t, "returned from depth %d", deep_big(0));
}

static void claim_c19_canary_intact_after_fork(struct ktest *t)
{
	struct probe a;
	struct task_struct *k = start_probe(t, &a, 0, "c19ok");

	KTEST_EXPECT_EQ(t, *end_of_stack(k), STACK_END_MAGIC);
	KTEST_EXPECT_EQ(t, *end_of_stack(current), STACK_END_MAGIC);
	KTEST_EXPECT_EQ(t, *end_of_stack(&init_task), STACK_END_MAGIC);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
}

struct irq_probe {
	struct timer_list timer;
	volatile bool fired;
	bool in_irq;
	struct task_struct *task;
	struct thread_info *ti;
};

static void irq_probe_fn(unsigned long data)
{
	struct irq_probe *ip = (struct irq_probe *)data;

	ip->in_irq = in_interrupt();
	ip->ti = (struct thread_info *)(read_esp() & ~(THREAD_SIZE - 1));
	ip->task = current;
	ip->fired = true;
}

/* What current was while running on the spare block. */
struct spare_run {
	struct task_struct *process, *irq, *exception;
	bool irq_in_irq;
};

static void on_spare_stack(void *arg)
{
	struct spare_run *r = arg;
	struct irq_probe ip = { .fired = false };
	struct trap_catch c;

	r->process = current;
	if (catch_trap(&c, X86_TRAP_BP) == 0) {
		arch_breakpoint();
		uncatch_trap(&c);
	} else {
		r->exception = c.task;                    /* as do_exception saw it */
	}
	setup_timer(&ip.timer, irq_probe_fn, (unsigned long)&ip);
	mod_timer(&ip.timer, jiffies + 1);
	while (!ip.fired) {
		safe_halt();                              /* the tick comes in here */
		local_irq_disable();
	}
	r->irq = ip.task;
	r->irq_in_irq = ip.in_irq;
}

/* c20, proven by moving the stack: on a spare 8 KiB block whose
 * thread_info->task is a sentinel, current is the sentinel in process
 * context, in the timer interrupt and in the #BP handler, which no
 * "current" variable kept by the scheduler could give. */
static void claim_c20_current_follows_a_moved_stack(struct ktest *t)
{
	static struct task_struct sentinel;
	struct thread_info *ti = (struct thread_info *)__get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	struct spare_run r = { NULL, NULL, NULL, false };
	unsigned long flags;

	KTEST_ASSERT_NOT_NULL(t, ti);
	flags = local_irq_save();
	sentinel = *current;                      /* what the tick may touch */
	set_task_comm(&sentinel, "c20_sentinel");
	sentinel.stack = ti;
	*ti = *current_thread_info();             /* keeps the case's trap guard */
	ti->task = &sentinel;
	*end_of_stack_ti(ti) = STACK_END_MAGIC;
	call_on_stack((char *)ti + THREAD_SIZE, on_spare_stack, &r);
	local_irq_restore(flags);
	free_pages((unsigned long)ti, THREAD_SIZE_ORDER);
	KTEST_EXPECT_PTR_EQ(t, r.process, &sentinel);
	KTEST_EXPECT_PTR_EQ(t, r.exception, &sentinel);
	KTEST_EXPECT_TRUE(t, r.irq_in_irq);
	KTEST_EXPECT_PTR_EQ(t, r.irq, &sentinel);
	KTEST_EXPECT_PTR_NE(t, current, &sentinel);
}

/* c20: current is the masked stack pointer's thread_info->task in process
 * context, in an interrupt handler and in an exception handler. */
static void claim_c20_current_is_masked_esp(struct ktest *t)
{
	struct probe a;
	struct task_struct *k = start_probe(t, &a, 0, "c20");
	struct irq_probe ip = { .fired = false };
	struct trap_catch c;

	KTEST_EXPECT_PTR_EQ(t, a.task, k);                       /* process context */
	KTEST_EXPECT_PTR_EQ(t, a.ti->task, k);
	KTEST_EXPECT_EQ(t, a.esp & ~(THREAD_SIZE - 1), (unsigned long)a.ti);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);

	setup_timer(&ip.timer, irq_probe_fn, (unsigned long)&ip);
	mod_timer(&ip.timer, jiffies + 1);
	while (!ip.fired)
		halt();                                          /* stay current */
	KTEST_EXPECT_TRUE(t, ip.in_irq);
	KTEST_EXPECT_PTR_EQ(t, ip.task, current);                /* interrupt */
	KTEST_EXPECT_PTR_EQ(t, ip.ti, current_thread_info());

	if (catch_trap(&c, X86_TRAP_BP) == 0) {
		arch_breakpoint();
		uncatch_trap(&c);
		KTEST_FAIL(t, "int3 did not trap");
	} else {
		KTEST_EXPECT_PTR_EQ(t, c.task, current);          /* exception */
		KTEST_EXPECT_EQ(t, kernel_stack_pointer(&c.regs) & ~(THREAD_SIZE - 1),
				(unsigned long)current_thread_info());
	}
}

static int exit_at_once(void *arg)
{
	return 0;
}

/* c21: one order-1 allocation per task holds both thread_info and stack.
 * With the slab caches warmed by a first task (its objects freed, the empty
 * slabs kept), a second task costs exactly 2 free pages, given back when it
 * is reaped. */
static void claim_c21_one_block_per_task(struct ktest *t)
{
	const unsigned long flags = CLONE_FS | CLONE_FILES | CLONE_SIGHAND;
	unsigned long before, during;
	struct task_struct *p;
	pid_t pid;

	pid = kernel_thread(exit_at_once, NULL, NULL, flags);          /* warm-up */
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_ASSERT_EQ(t, kernel_wait(pid, 0, NULL), pid);
	before = nr_free_pages();
	pid = kernel_thread(exit_at_once, NULL, NULL, flags);
	KTEST_ASSERT_GT(t, pid, 0);
	during = nr_free_pages();
	p = find_task_by_pid(pid);
	KTEST_EXPECT_EQ(t, before - during, 2);
	KTEST_EXPECT_EQ(t, (unsigned long)task_stack_page(p) % THREAD_SIZE, 0);
	KTEST_EXPECT_EQ(t, (unsigned long)task_thread_info(p), (unsigned long)task_stack_page(p));
	KTEST_EXPECT_EQ(t, p->thread.esp0, (unsigned long)task_stack_page(p) + THREAD_SIZE);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* c22: threads-max defaults to lowmem / THREAD_SIZE / 2 and fork fails with
 * -EAGAIN at the limit, exactly; the limit is tunable within Linux's bounds. */
static void claim_c22_threads_max(struct ktest *t)
{
	int saved = max_threads, limit = max(nr_threads + 3, 20), made = 0;
	static pid_t pids[32];
	pid_t pid = 0;

	KTEST_EXPECT_EQ(t, saved, (int)(lowmem_pages() * PAGE_SIZE / THREAD_SIZE / 2));
	/* stacks come from lowmem: the default must fit there, whatever highmem */
	KTEST_EXPECT_LE(t, (unsigned long)saved * (THREAD_SIZE / PAGE_SIZE), lowmem_pages() / 2);
	KTEST_EXPECT_EQ(t, set_max_threads(19), -EINVAL);
	KTEST_EXPECT_EQ(t, set_max_threads(0x40000000), -EINVAL);
	KTEST_ASSERT_EQ(t, set_max_threads(limit), 0);
	release_all = false;
	while (made < (int)ARRAY_SIZE(pids) && (pid = kernel_thread(wait_for_release, NULL, NULL, 0)) > 0)
		pids[made++] = pid;
	KTEST_EXPECT_EQ(t, pid, -EAGAIN);
	KTEST_EXPECT_EQ(t, nr_threads, limit);
	KTEST_EXPECT_EQ(t, PTR_ERR(kthread_create(return_after_stop, NULL, "c22_over")), -EAGAIN);
	set_max_threads(saved);
	release_children();
	for (int i = 0; i < made; i++)
		KTEST_EXPECT_EQ(t, kernel_wait(pids[i], 0, NULL), pids[i]);
}

struct esp0_pingpong {
	struct pingpong pp;
	int bad_esp0;
};

/* c33: we were just switched to: the TSS points at our stack top. */
static void check_esp0(struct pingpong *pp, int me, int round)
{
	if (this_cpu(init_tss).esp0 != (u32)task_stack_page(current) + THREAD_SIZE)
		container_of(pp, struct esp0_pingpong, pp)->bad_esp0++;
}

static int esp0_player(void *arg)
{
	struct pingpong *pp = arg;

	pingpong_turns(pp, pingpong_seat(pp), check_esp0);
	return 0;
}

/* c33: TSS.esp0 is the top of the running task's stack after every switch. */
static void claim_c33_tss_esp0_follows_switches(struct ktest *t)
{
	struct esp0_pingpong ep = { .bad_esp0 = 0 };
	struct task_struct *p0, *p1;
	pid_t pid0, pid1;

	pingpong_init(&ep.pp, 50);
	pid0 = kernel_thread(esp0_player, &ep.pp, NULL, 0);
	pid1 = kernel_thread(esp0_player, &ep.pp, NULL, 0);
	KTEST_ASSERT_GT(t, pid0, 0);
	KTEST_ASSERT_GT(t, pid1, 0);
	p0 = find_task_by_pid(pid0);
	p1 = find_task_by_pid(pid1);
	set_task_comm(p0, "c33_0");
	set_task_comm(p1, "c33_1");
	KTEST_EXPECT_EQ(t, kernel_wait(pid0, 0, NULL), pid0);
	KTEST_EXPECT_EQ(t, kernel_wait(pid1, 0, NULL), pid1);
	KTEST_EXPECT_EQ(t, ep.bad_esp0, 0);
	KTEST_EXPECT_EQ(t, ep.pp.turn, 0);               /* all rounds were played */
	KTEST_EXPECT_EQ(t, this_cpu(init_tss).esp0, (u32)task_stack_page(current) + THREAD_SIZE);
}

struct shares {
	struct fs_struct *fs;
	struct files_struct *files;
	struct sighand_struct *sighand;
	int fs_users, files_count, sighand_count;
};

static int record_shares(void *arg)
{
	struct shares *sh = arg;

	sh->fs = current->fs;
	sh->files = current->files;
	sh->sighand = current->sighand;
	sh->fs_users = current->fs->users;
	sh->files_count = current->files->count;
	sh->sighand_count = current->sighand->count;
	return 0;
}

/* Run a child with these clone flags and report what it saw. */
static void child_shares(struct ktest *t, unsigned long flags, struct shares *sh)
{
	pid_t pid = kernel_thread(record_shares, sh, NULL, flags);

	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_ASSERT_EQ(t, kernel_wait(pid, 0, NULL), pid);
}

/* copy_process shares fs, files and signal handlers by CLONE_FS / FILES /
 * SIGHAND (one more reference each) and copies them otherwise; the
 * references go when the child exits. Invalid combinations are -EINVAL. */
static void clone_flags_share_or_copy(struct ktest *t)
{
	struct shares sh;
	int fs_users = current->fs->users, files = current->files->count;
	int sighand = current->sighand->count;
	struct kernel_clone_args args = { 0 };
	struct pt_regs regs;

	child_shares(t, CLONE_FS | CLONE_FILES | CLONE_SIGHAND, &sh);
	KTEST_EXPECT_PTR_EQ(t, sh.fs, current->fs);
	KTEST_EXPECT_PTR_EQ(t, sh.files, current->files);
	KTEST_EXPECT_PTR_EQ(t, sh.sighand, current->sighand);
	KTEST_EXPECT_EQ(t, sh.fs_users, fs_users + 1);
	KTEST_EXPECT_EQ(t, sh.files_count, files + 1);
	KTEST_EXPECT_EQ(t, sh.sighand_count, sighand + 1);
	child_shares(t, 0, &sh);
	KTEST_EXPECT_PTR_NE(t, sh.fs, current->fs);
	KTEST_EXPECT_PTR_NE(t, sh.files, current->files);
	KTEST_EXPECT_PTR_NE(t, sh.sighand, current->sighand);
	KTEST_EXPECT_EQ(t, sh.fs_users, 1);
	KTEST_EXPECT_EQ(t, sh.files_count, 1);
	KTEST_EXPECT_EQ(t, sh.sighand_count, 1);
	KTEST_EXPECT_EQ(t, current->fs->users, fs_users);      /* child's refs dropped */
	KTEST_EXPECT_EQ(t, current->files->count, files);
	KTEST_EXPECT_EQ(t, current->sighand->count, sighand);
	kernel_thread_regs(&regs, record_shares, &sh);
	args.flags = CLONE_SIGHAND;                               /* no VM */
	KTEST_EXPECT_EQ(t, do_fork(&args, &regs), -EINVAL);
	args.flags = CLONE_VM | CLONE_THREAD;                     /* no SIGHAND */
	KTEST_EXPECT_EQ(t, do_fork(&args, &regs), -EINVAL);
	args.flags = CLONE_VM | CLONE_FS | CLONE_NEWNS;
	KTEST_EXPECT_EQ(t, do_fork(&args, &regs), -EINVAL);
}

/* `/bin/forkpath way` (user/bin/forkpath.c) counted by do_fork: the task
 * it runs in, made by kernel_thread, and the ones it makes itself. */
static void expect_forks_by_program(struct ktest *t, const char *way, unsigned long made)
{
	const char *const argv[] = { way, NULL };
	unsigned long before = total_forks;

	KTEST_EXPECT_EQ(t, ktest_run_program("/bin/forkpath", argv, NULL), 0);
	KTEST_EXPECT_EQ(t, total_forks - before, made);
	ktest_log(t, "forkpath %s: do_fork made %lu tasks", way, total_forks - before);
}

/* Every way a task is made goes through do_fork (kernel/fork.c), the one
 * entry, which counts what it makes in total_forks: a kernel thread, a
 * kthread (kthreadd calls kernel_thread), and from user space fork, vfork,
 * clone and a thread's clone as pthread_create makes it, each once, in a
 * program whose own start costs one (`forkpath none`). A system call that
 * reached copy_process some other way would leave the count one short. */
static void every_creation_path_meets_do_fork(struct ktest *t)
{
	static const char *const ways[] = { "fork", "vfork", "clone", "thread" };
	unsigned long before = total_forks;
	struct task_struct *k;
	struct probe pr;
	pid_t pid = kernel_thread(exit_at_once, NULL, NULL, 0);

	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_EXPECT_EQ(t, total_forks - before, 1);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
	before = total_forks;
	k = start_probe(t, &pr, 3, "forkpath");
	KTEST_EXPECT_EQ(t, total_forks - before, 1);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 3);
	expect_forks_by_program(t, "none", 1);
	for (unsigned i = 0; i < ARRAY_SIZE(ways); i++)
		expect_forks_by_program(t, ways[i], 2);
}

/* Pids: increasing from the last one, skipping pids in use, wrapping to
 * RESERVED_PIDS (never below) at pid_max; -EAGAIN when none is left.
 * Where the scan starts depends on how many pids earlier tests used: below
 * RESERVED_PIDS when few, else set_pid_max restarts it at RESERVED_PIDS. */
static void pid_allocation_wraps_and_skips(struct ktest *t)
{
	static int got[RESERVED_PIDS + 2];
	int saved = pid_max, n = 0, pid, low;

	KTEST_EXPECT_EQ(t, set_pid_max(RESERVED_PIDS), -EINVAL);
	KTEST_EXPECT_EQ(t, set_pid_max(PID_MAX_LIMIT + 1), -EINVAL);
	KTEST_ASSERT_EQ(t, set_pid_max(RESERVED_PIDS + 2), 0);  /* last pid: 301 */
	while (n < (int)ARRAY_SIZE(got) && (pid = alloc_pid()) > 0) {
		if (n)
			KTEST_EXPECT_GT(t, pid, got[n - 1]);     /* increasing */
		got[n++] = pid;
	}
	KTEST_EXPECT_EQ(t, pid, -EAGAIN);
	KTEST_ASSERT_EQ(t, got[n - 1], RESERVED_PIDS + 1);
	KTEST_ASSERT_GE(t, n, 2);
	KTEST_ASSERT_EQ(t, got[n - 2], RESERVED_PIDS);   /* both top pids are ours */
	low = got[0];
	if (low < RESERVED_PIDS) {
		free_pid(low);
		KTEST_EXPECT_EQ(t, alloc_pid(), -EAGAIN);  /* no wrap below 300 */
	}
	free_pid(RESERVED_PIDS);
	KTEST_EXPECT_EQ(t, alloc_pid(), RESERVED_PIDS);  /* wrapped, reused */
	for (int i = low < RESERVED_PIDS ? 1 : 0; i < n; i++)
		free_pid(got[i]);
	set_pid_max(saved);
	KTEST_EXPECT_PTR_EQ(t, find_task_by_pid(current->pid), current);
	KTEST_EXPECT_NULL(t, find_task_by_pid(low));
}

/* Running out of pids makes fork fail with -EAGAIN and unwind completely
 * (the suite's leak counters check pages, slab objects and pids). */
static void fork_fails_with_eagain_when_pids_run_out(struct ktest *t)
{
	int saved = pid_max, made = 0, err = 0;
	static pid_t pids[512];

	release_all = false;
	KTEST_ASSERT_EQ(t, set_pid_max(RESERVED_PIDS + 1), 0);
	while (made < (int)ARRAY_SIZE(pids)) {
		pid_t pid = kernel_thread(wait_for_release, NULL, NULL, 0);
		if (pid < 0) {
			err = pid;
			break;
		}
		pids[made++] = pid;
	}
	set_pid_max(saved);
	KTEST_EXPECT_EQ(t, err, -EAGAIN);
	KTEST_EXPECT_GT(t, made, 0);
	ktest_log(t, "%d kernel threads before the pids ran out", made);
	release_children();
	for (int i = 0; i < made; i++)
		KTEST_EXPECT_EQ(t, kernel_wait(pids[i], 0, NULL), pids[i]);
}

struct inherited {
	struct signal_struct *signal;
	struct tty_struct *tty;
	struct rlimit nofile, stack;
	pid_t pgid, sid;
};

static int record_inherited(void *arg)
{
	struct inherited *in = arg;

	in->signal = current->signal;
	in->tty = current->signal->tty;
	in->nofile = current->signal->rlim[RLIMIT_NOFILE];
	in->stack = current->signal->rlim[RLIMIT_STACK];
	in->pgid = current->pgid;
	in->sid = current->sid;
	return 0;
}

/* A child with a signal_struct of its own (no CLONE_THREAD) inherits the
 * controlling terminal, the rlimits, the process group and the session
 * (c07), as in Linux. */
static void fork_inherits_job_control_and_rlimits(struct ktest *t)
{
	struct signal_struct *sig = current->signal;
	struct tty_struct *tty = sig->tty, *marker = (struct tty_struct *)0xC0DE7770;
	struct rlimit nofile = sig->rlim[RLIMIT_NOFILE];
	pid_t pgid = current->pgid, sid = current->sid;
	struct inherited in = { NULL };
	pid_t pid;

	KTEST_ASSERT_TRUE(t, sig != &init_signal);    /* ours to change */
	sig->tty = marker;
	sig->rlim[RLIMIT_NOFILE] = (struct rlimit){ 77, 99 };
	current->pgid = 4242;
	current->sid = 4241;
	pid = kernel_thread(record_inherited, &in, NULL, 0);
	sig->tty = tty;
	sig->rlim[RLIMIT_NOFILE] = nofile;
	current->pgid = pgid;
	current->sid = sid;
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
	KTEST_EXPECT_PTR_NE(t, in.signal, sig);
	KTEST_EXPECT_PTR_EQ(t, in.tty, marker);
	KTEST_EXPECT_EQ(t, in.nofile.rlim_cur, 77);
	KTEST_EXPECT_EQ(t, in.nofile.rlim_max, 99);
	KTEST_EXPECT_EQ(t, in.stack.rlim_cur, init_signal.rlim[RLIMIT_STACK].rlim_cur);
	KTEST_EXPECT_EQ(t, in.pgid, 4242);
	KTEST_EXPECT_EQ(t, in.sid, 4241);
}

/* Take every free object of a cache, chained through their first word;
 * give them back with release_objects. */
static void *drain_objects(struct kmem_cache *cache)
{
	void **obj, *chain = NULL;

	while ((obj = kmem_cache_alloc(cache, GFP_KERNEL | __GFP_NOWARN))) {
		*obj = chain;
		chain = obj;
	}
	return chain;
}

/* The same for the kmalloc cache serving size (copy_fs, copy_files). */
static void *drain_kmalloc(size_t size)
{
	void **obj, *chain = NULL;

	while ((obj = kmalloc(size, GFP_KERNEL | __GFP_NOWARN))) {
		*obj = chain;
		chain = obj;
	}
	return chain;
}

/* Give back a drained chain: to cache, or with kfree when cache is NULL. */
static void release_objects(struct kmem_cache *cache, void *chain)
{
	while (chain) {
		void *next = *(void **)chain;

		if (cache)
			kmem_cache_free(cache, chain);
		else
			kfree(chain);
		chain = next;
	}
}

struct hoard {
	struct list_head pages;
	unsigned long nr_pages;
	void *tasks, *sighands, *signals, *fss, *files;
};

/* Take every free page and every free object of the caches fork uses. */
static void hoard_memory(struct hoard *h)
{
	struct page *page;

	INIT_LIST_HEAD(&h->pages);
	h->nr_pages = 0;
	kmem_cache_shrink_all();          /* empty slabs go back to be hoarded too */
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN))) {
		list_add(&page->lru, &h->pages);
		h->nr_pages++;
	}
	h->tasks = drain_objects(task_struct_cachep);
	h->sighands = drain_objects(sighand_cachep);
	h->signals = drain_objects(signal_cachep);
	h->fss = drain_kmalloc(sizeof(struct fs_struct));
	h->files = drain_kmalloc(sizeof(struct files_struct));
}

/* Hand back the newest hoarded page; false when none is left. */
static bool unhoard_one_page(struct hoard *h)
{
	struct page *page;

	if (list_empty(&h->pages))
		return false;
	page = list_first_entry(&h->pages, struct page, lru);
	list_del(&page->lru);
	__free_page(page);
	return true;
}

static void unhoard_all(struct hoard *h)
{
	release_objects(task_struct_cachep, h->tasks);
	release_objects(sighand_cachep, h->sighands);
	release_objects(signal_cachep, h->signals);
	release_objects(NULL, h->fss);
	release_objects(NULL, h->files);
	while (unhoard_one_page(h))
		;
}

/* With memory exhausted (free pages and the free objects of the caches fork
 * uses), fork fails with -ENOMEM and unwinds all it had set up. Pages are
 * handed back one at a time, so the failure moves through copy_process's
 * steps (task_struct, stack, files and fs when copied, signal handlers,
 * signal_struct) until fork succeeds; nr_threads, the pids and the reference
 * counts of current's fs, files and sighand never move, and the suite's leak
 * counters check pages and slab objects. */
static void fork_under_pressure(struct ktest *t, unsigned long clone_flags)
{
	struct hoard h;
	int threads = nr_threads, pids = nr_pids, fails = 0, other = 0;
	int fs_users = current->fs->users, files_count = current->files->count;
	int sighand_count = current->sighand->count;
	pid_t pid = -ENOMEM;

	hoard_memory(&h);
	do {
		pid = kernel_thread(exit_at_once, NULL, NULL, clone_flags);
		if (pid > 0)
			break;
		fails++;
		other += pid != -ENOMEM || nr_threads != threads || nr_pids != pids ||
			 current->fs->users != fs_users || current->files->count != files_count ||
			 current->sighand->count != sighand_count;
	} while (unhoard_one_page(&h));
	ktest_log(t, "%lu pages hoarded; fork failed %d times before it worked", h.nr_pages, fails);
	unhoard_all(&h);
	KTEST_EXPECT_GE(t, fails, 3);
	KTEST_EXPECT_EQ(t, other, 0);
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
	KTEST_EXPECT_EQ(t, current->fs->users, fs_users);
	KTEST_EXPECT_EQ(t, current->files->count, files_count);
	KTEST_EXPECT_EQ(t, current->sighand->count, sighand_count);
}

/* Sharing fs and files: the unwinding drops the references it took. */
static void fork_fails_with_enomem_and_unwinds(struct ktest *t)
{
	fork_under_pressure(t, CLONE_FS | CLONE_FILES);
}

/* Copying fs and files: the unwinding frees the copies (bad_fork_cleanup_fs,
 * bad_fork_cleanup_files). */
static void fork_copying_fails_with_enomem_and_unwinds(struct ktest *t)
{
	fork_under_pressure(t, 0);
}

static const struct ktest_case tasks_cases[] = {
	KTEST_CASE(claim_c05_each_task_own_stack),
	KTEST_CASE(claim_c06_thread_info_at_base),
	KTEST_CASE(claim_c12_kernel_threads_have_no_mm),
	KTEST_CASE(claim_c14_pid0_and_pid1),
	KTEST_CASE(task_comm_zero_padded_and_named_at_creation),
	KTEST_CASE(claim_c15_kthreadd_creates_and_reaps),
	KTEST_CASE(kthread_stop_after_exit_and_reap),
	KTEST_CASE(claim_c16_ps_brackets_kernel_threads),
	KTEST_SHOULD_PANIC(claim_c19_stack_overflow_detected,
			   "stack overflow: task c19_deep"),
	KTEST_SHOULD_PANIC(claim_c19_deep_stack_caught_at_interrupt,
			   "stack overflow: task c19_deeper"),
	KTEST_CASE(claim_c19_canary_intact_after_fork),
	KTEST_CASE(claim_c20_current_is_masked_esp),
	KTEST_CASE(claim_c20_current_follows_a_moved_stack),
	KTEST_CASE(claim_c21_one_block_per_task),
	KTEST_CASE(claim_c22_threads_max),
	KTEST_CASE(claim_c33_tss_esp0_follows_switches),
	KTEST_CASE(clone_flags_share_or_copy),
	KTEST_CASE(every_creation_path_meets_do_fork),
	KTEST_CASE(fork_inherits_job_control_and_rlimits),
	KTEST_CASE(pid_allocation_wraps_and_skips),
	KTEST_CASE(fork_fails_with_eagain_when_pids_run_out),
	KTEST_CASE(fork_fails_with_enomem_and_unwinds),
	KTEST_CASE(fork_copying_fails_with_enomem_and_unwinds),
	{}
};
KTEST_SUITE(tasks, tasks_cases);
