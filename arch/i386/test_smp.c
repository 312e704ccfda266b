/* arch/i386/test_smp.c: claim c32's bring-up half, on every CPU the machine
 * has (make test runs it at -smp 1, at -smp 4, and at -smp 4 with
 * maxcpus=2): each CPU the firmware lists (or maxcpus= of them)
 * comes up and takes its own timer interrupts; `current`, computed from %esp
 * alone, is the task running on that CPU in process context (the idle
 * loop's own check), in IRQ context (an IPI handler) and in exception
 * context (a caught int3 inside that handler), cross-checked against the
 * CPU's hardware APIC id; the PIT's interrupt arrives on every online CPU;
 * IPIs are counted per CPU and kind. The other CPUs run no tasks yet, so
 * there `current` must be their idle task swapper/N. */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include <proc_fs.h>
#include <sched.h>
#include <seq_file.h>
#include <smp.h>
#include <timer.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/segment.h>
#include <asm/traps.h>

/* Who the test expects to find running on cpu. */
static struct task_struct *expected_current(int cpu)
{
	return cpu == smp_processor_id() ? current : idle_tasks[cpu];
}

static void claim_c32_every_cpu_comes_up(struct ktest *t)
{
	int cpu;

	unsigned int want = min(madt.nr_lapics, max(setup_max_cpus, 1u));

	KTEST_ASSERT_TRUE(t, apic_enabled);      /* QEMU's machine has APICs */
	KTEST_EXPECT_EQ(t, num_online_cpus(), want);   /* all, or maxcpus= of them */
	KTEST_EXPECT_EQ(t, nr_cpu_ids, madt.nr_lapics);
	for_each_online_cpu(cpu) {
		struct task_struct *idle = idle_tasks[cpu];
		char name[TASK_COMM_LEN];

		KTEST_ASSERT_NOT_NULL(t, idle);
		snprintf(name, sizeof(name), "swapper/%d", cpu);
		if (cpu)                         /* CPU 0's is init_task */
			KTEST_EXPECT_STREQ(t, idle->comm, name);
		KTEST_EXPECT_EQ(t, task_thread_info(idle)->cpu, cpu);
		KTEST_EXPECT_EQ(t, idle->pid, 0);
		if (cpu)        /* c33 per CPU: its TSS points at its running task's stack */
			KTEST_EXPECT_EQ(t, per_cpu(init_tss, cpu).esp0,
					(u32)task_stack_page(idle) + THREAD_SIZE);
		KTEST_EXPECT_EQ(t, desc_base(&get_cpu_gdt_table(cpu)[GDT_ENTRY_TSS]),
				(u32)&per_cpu(init_tss, cpu));
	}
}

static void claim_c32_every_cpu_takes_timer_interrupts(struct ktest *t)
{
	unsigned long before[NR_CPUS];
	int cpu;

	for_each_online_cpu(cpu)
		before[cpu] = per_cpu(apic_timer_irqs, cpu);
	msleep(100);                             /* 10 ticks */
	for_each_online_cpu(cpu) {
		ktest_log(t, "CPU%d: %lu APIC timer interrupts in 100 ms", cpu,
			  per_cpu(apic_timer_irqs, cpu) - before[cpu]);
		KTEST_EXPECT_GE(t, per_cpu(apic_timer_irqs, cpu) - before[cpu], 5);
		KTEST_EXPECT_LE(t, per_cpu(apic_timer_irqs, cpu) - before[cpu], 30);
	}
}

/* What a CPU saw, filled in on that CPU (IRQ and exception context). */
struct seen {
	struct task_struct *current_irq, *current_trap;
	int cpu, trapno;
	unsigned int apic_id;
	bool in_irq, caught;
};

static void look_around(void *arg)
{
	struct seen *s = arg;
	struct trap_catch c;

	s->current_irq = current;
	s->cpu = smp_processor_id();
	s->apic_id = read_apic_id();
	s->in_irq = in_interrupt();
	if (catch_trap(&c, X86_TRAP_BP)) {       /* the int3 below, come back */
		s->caught = true;
		s->current_trap = c.task;        /* `current` as do_exception found it */
		s->trapno = c.regs.trapno;
		return;
	}
	arch_breakpoint();
	uncatch_trap(&c);
}

static void check_cpu_contexts(struct ktest *t, int cpu)
{
	struct seen s = { .cpu = -1 };

	KTEST_ASSERT_EQ(t, smp_call_function_single(cpu, look_around, &s, 1), 0);
	KTEST_EXPECT_EQ(t, s.cpu, cpu);
	KTEST_EXPECT_EQ(t, s.apic_id, cpu_to_apicid[cpu]);   /* the hardware agrees */
	KTEST_EXPECT_TRUE(t, s.in_irq);
	KTEST_EXPECT_PTR_EQ(t, s.current_irq, expected_current(cpu));
	KTEST_EXPECT_TRUE(t, s.caught);
	KTEST_EXPECT_EQ(t, s.trapno, X86_TRAP_BP);
	KTEST_EXPECT_PTR_EQ(t, s.current_trap, expected_current(cpu));
}

/* IRQ and exception context: an IPI handler on each CPU (this one too,
 * by a self-IPI) finds `current` from %esp and takes an int3. */
static void claim_c32_current_right_in_irq_and_exception_context(struct ktest *t)
{
	int cpu;

	for_each_online_cpu(cpu)
		check_cpu_contexts(t, cpu);
}

/* Process context: each other CPU's idle loop checks, every round, that
 * `current` is its swapper/N and the APIC id is its own; here, `current`
 * is the task whose pid we are. */
static void claim_c32_current_right_in_process_context(struct ktest *t)
{
	struct idle_checks before[NR_CPUS];
	int cpu;

	KTEST_EXPECT_PTR_EQ(t, find_task_by_pid(current->pid), current);
	KTEST_EXPECT_EQ(t, read_apic_id(), cpu_to_apicid[smp_processor_id()]);
	for_each_online_cpu(cpu)
		before[cpu] = per_cpu(idle_checks, cpu);
	msleep(50);                              /* a few timer wake-ups each */
	for_each_online_cpu(cpu) {
		if (cpu == smp_processor_id())
			continue;
		KTEST_EXPECT_GE(t, per_cpu(idle_checks, cpu).ok - before[cpu].ok, 3);
		KTEST_EXPECT_EQ(t, per_cpu(idle_checks, cpu).bad, 0);
	}
}

/* The PIT's IRQ 0 only counts since the APIC timer keeps time; its
 * affinity is every online CPU and it goes round-robin. Serial IRQ 4
 * stays on CPU 0 (arch/i386/io_apic.c says why). */
static void claim_c32_device_interrupts_spread_over_cpus(struct ktest *t)
{
	unsigned long before[NR_CPUS], total0 = irq_count[0], sum = 0;
	int cpu, cpus_hit = 0;

	KTEST_EXPECT_EQ(t, irq_affinity[0].bits, cpu_online_mask->bits);
	KTEST_EXPECT_EQ(t, irq_affinity[4].bits, 1);
	for_each_online_cpu(cpu)
		before[cpu] = kstat_irqs_cpu[cpu][0];
	msleep(200);                             /* about 20 PIT interrupts */
	for_each_online_cpu(cpu) {
		unsigned long n = kstat_irqs_cpu[cpu][0] - before[cpu];

		ktest_log(t, "CPU%d: %lu PIT interrupts in 200 ms", cpu, n);
		KTEST_EXPECT_GE(t, n, 1);
		cpus_hit += n > 0;
		sum += n;
		if (cpu)
			KTEST_EXPECT_EQ(t, kstat_irqs_cpu[cpu][4], 0);
	}
	KTEST_EXPECT_EQ(t, cpus_hit, num_online_cpus());
	KTEST_EXPECT_GE(t, sum + 2, irq_count[0] - total0);  /* both views agree (in flight aside) */
	KTEST_EXPECT_LE(t, sum, irq_count[0] - total0);
}

static void count_call(void *arg)
{
	__atomic_fetch_or((unsigned long *)arg, 1UL << smp_processor_id(), __ATOMIC_SEQ_CST);
}

/* IPIs are received and counted per CPU and kind: a reschedule IPI sets
 * need_resched on the receiver (its idle loop clears and counts it; here,
 * on ourselves, it stays set); smp_call_function runs on every other CPU
 * and, with wait, has finished there when it returns. */
static void claim_c32_ipi_counts_move(struct ktest *t)
{
	struct ipi_stats before[NR_CPUS];
	unsigned long seen[NR_CPUS], ran = 0, others = cpu_online_mask->bits & ~1UL;
	int cpu;

	for_each_online_cpu(cpu) {
		before[cpu] = per_cpu(ipi_received, cpu);
		seen[cpu] = per_cpu(idle_checks, cpu).resched_seen;
	}
	for_each_online_cpu(cpu)
		smp_send_reschedule(cpu);
	KTEST_EXPECT_TRUE(t, need_resched());   /* ours arrived at once */
	KTEST_EXPECT_EQ(t, smp_call_function(count_call, &ran, 1), 0);
	KTEST_EXPECT_EQ(t, ran, others);                 /* all others, not us, done */
	for_each_online_cpu(cpu)                         /* each idle loop sees its flag */
		for (int ms = 0; cpu != smp_processor_id() && ms < 1000 &&
		     per_cpu(idle_checks, cpu).resched_seen == seen[cpu]; ms += 10)
			msleep(10);
	for_each_online_cpu(cpu) {
		KTEST_EXPECT_EQ(t, per_cpu(ipi_received, cpu).reschedule - before[cpu].reschedule, 1);
		KTEST_EXPECT_EQ(t, per_cpu(ipi_received, cpu).call_function - before[cpu].call_function,
				cpu != smp_processor_id());
		if (cpu != smp_processor_id())
			KTEST_EXPECT_EQ(t, per_cpu(idle_checks, cpu).resched_seen - seen[cpu], 1);
	}
}

static void smp_call_function_single_refuses_offline_cpus(struct ktest *t)
{
	unsigned long ran = 0;

	KTEST_EXPECT_EQ(t, smp_call_function_single(-1, count_call, &ran, 1), -ENXIO);
	KTEST_EXPECT_EQ(t, smp_call_function_single(NR_CPUS, count_call, &ran, 1), -ENXIO);
	if (!cpu_online(NR_CPUS - 1))
		KTEST_EXPECT_EQ(t, smp_call_function_single(NR_CPUS - 1, count_call, &ran, 1), -ENXIO);
	KTEST_EXPECT_EQ(t, ran, 0);
}

/* Count the numbers on the line of buf that starts with label; -1 if none. */
static int numbers_on_row(char *buf, const char *label, unsigned long *first)
{
	char *line = strstr(buf, label), *p, *end;
	int n = 0;

	if (!line)
		return -1;
	for (p = line + strlen(label);; p = end) {
		while (*p == ' ')
			p++;
		simple_strtoul(p, &end, 10);
		if (end == p)
			return n;
		if (!n++ && first)
			*first = simple_strtoul(p, NULL, 10);
	}
}

/* /proc/interrupts' table (also the monitor's i key): one CPUn column per
 * online CPU, and as many counts on each row, which are the counters. */
static void proc_interrupts_has_a_column_per_cpu(struct ktest *t)
{
	static char buf[4096];
	struct seq_file m = { .buf = buf, .size = sizeof(buf) - 1 };
	char col[16];
	unsigned long loc0 = 0;
	int cpu;

	show_interrupts(&m);
	KTEST_ASSERT_LE(t, m.count, m.size);
	buf[m.count] = '\0';
	for_each_online_cpu(cpu) {
		snprintf(col, sizeof(col), "CPU%d", cpu);
		KTEST_EXPECT_NOT_NULL(t, strstr(buf, col));
	}
	snprintf(col, sizeof(col), "CPU%d", num_online_cpus());
	KTEST_EXPECT_NULL(t, strstr(buf, col));
	KTEST_EXPECT_EQ(t, numbers_on_row(buf, "\n  0:", NULL), num_online_cpus());
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "IO-APIC-edge  timer\n"));
	KTEST_EXPECT_EQ(t, numbers_on_row(buf, "\nLOC:", &loc0), num_online_cpus());
	KTEST_EXPECT_LE(t, loc0, per_cpu(apic_timer_irqs, 0));
	KTEST_EXPECT_GT(t, loc0, 0);
	KTEST_EXPECT_EQ(t, numbers_on_row(buf, "\nCAL:", NULL), num_online_cpus());
}

static struct ktest_case smp_cases[] = {
	KTEST_CASE(claim_c32_every_cpu_comes_up),
	KTEST_CASE(claim_c32_every_cpu_takes_timer_interrupts),
	KTEST_CASE(claim_c32_current_right_in_irq_and_exception_context),
	KTEST_CASE(claim_c32_current_right_in_process_context),
	KTEST_CASE(claim_c32_device_interrupts_spread_over_cpus),
	KTEST_CASE(claim_c32_ipi_counts_move),
	KTEST_CASE(smp_call_function_single_refuses_offline_cpus),
	KTEST_CASE(proc_interrupts_has_a_column_per_cpu),
	{}
};
KTEST_SUITE(smp, smp_cases);
