/* arch/i386/smpboot.c: bringing up the other CPUs (Linux's smpboot.c).
 *
 * How a CPU starts: the MADT (arch/i386/acpi.c) lists the CPUs by APIC id;
 * CPU 0 is the one the loader started (the bootstrap processor), the
 * others get ids 1, 2, ... in MADT order. For each, CPU 0 makes its idle
 * task swapper/N (fork_idle: a task block like any other, thread_info->cpu
 * = N, never on the task list), fills its GDT and TSS (esp0 = the top of
 * that idle stack), copies the trampoline (arch/i386/trampoline.asm) to
 * TRAMPOLINE_PHYS with its CR3, CR4, stack and entry, maps the first 4 MiB
 * at 0 in swapper_pg_dir for the trampoline's jump, and sends INIT, then
 * STARTUP twice (the MP spec's sequence and delays). The new CPU runs the
 * trampoline into start_secondary(), on its idle stack, so from its first
 * C instruction `current` and smp_processor_id() are right: both come from
 * %esp (include/asm/thread_info.h), with no per-CPU register to set up.
 * It checks in; CPU 0 removes the low mapping and lets it go on: it
 * reloads CR3 (so no trace of the mapping stays in its TLB), sets up its
 * local APIC and timer, marks itself online and enters the idle loop,
 * cpu_idle(), as CPU 0 does: swapper/N is its queue's idle task (init_idle,
 * before the start), so from then on it runs tasks from its own run queue
 * (kernel/sched/core.c), and each round checks that `current` is its own
 * idle task (idle_checks, read by the claim_c32 tests). */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <sched.h>
#include <smp.h>
#include <cpumask.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/jump_label.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <multiboot.h>
#include <params.h>
#include <spinlock.h>
#include <lockdep.h>

struct task_struct *idle_tasks[NR_CPUS] = { &init_task };
cpumask_t __cpu_possible_mask = { 1 }, __cpu_online_mask = { 1 };
unsigned int nr_cpu_ids = 1;
DEFINE_PER_CPU(struct idle_checks, idle_checks);

extern const u8 trampoline_start[], trampoline_end[];
extern u32 trampoline_cr3[], trampoline_cr4[], trampoline_stack[], trampoline_entry[];
extern void startup_secondary(void);

/* maxcpus=N (at most N CPUs, this one included) and nosmp (maxcpus=0:
 * this one only), Linux's parameters. */
unsigned int setup_max_cpus = NR_CPUS;

static int maxcpus_param(const char *value)
{
	long n = value ? simple_strtol(value, NULL, 0) : -1;

	if (n < 0)
		return -EINVAL;
	setup_max_cpus = n;
	return 0;
}
KERNEL_PARAM("maxcpus", maxcpus_param);

static int nosmp_param(const char *value)
{
	if (value)
		return -EINVAL;
	setup_max_cpus = 0;
	return 0;
}
KERNEL_PARAM("nosmp", nosmp_param);

/* include/spinlock.h: the lock words are taken unless the machine can
 * run but one CPU, and a lock has work unless that and nolockdep; both
 * decided by smp_prepare_lock_words. */
bool smp_lock_words = true;
bool spin_lock_work = true;

/* The loader's data lies on the trampoline's page (it is kept there):
 * no other CPU can be started. */
static bool trampoline_page_taken(void)
{
	return boot_params.info_start < TRAMPOLINE_PHYS + PAGE_SIZE &&
	       boot_params.info_end > TRAMPOLINE_PHYS;
}

/* Contract: CPU 0 at boot after apic_init (the CPU count is known),
 * interrupts off, no spinlock held: on a machine that will run one CPU,
 * patch every lock word access out (include/spinlock.h says why). The
 * words are all at their unlocked value then, so nothing is left held. */
void smp_prepare_lock_words(void)
{
	if (apic_enabled && nr_cpu_ids > 1 && setup_max_cpus > 1 && !trampoline_page_taken())
		return;
	smp_lock_words = false;
	pr_info("smp: one CPU: lock words patched out of %u lock and unlock sites\n",
		jump_label_apply(&smp_lock_words));
	spin_lock_work = debug_locks;
	jump_label_apply(&spin_lock_work);
}

static int cpu_callin = -1;              /* the CPU that has checked in */
static bool cpu_may_continue;            /* CPU 0 removed the low mapping */
static u32 boot_cr0, boot_cr4;           /* CPU 0's control registers */

/* Contract: CPU 0 at boot, its APIC mapped: number the MADT's CPUs, CPU 0
 * first, and mark them possible. */
void smp_store_cpu_ids(void)
{
	unsigned int bsp = read_apic_id();

	cpu_to_apicid[0] = bsp;
	for (unsigned int i = 0; i < madt.nr_lapics; i++)
		if (madt.lapic_ids[i] != bsp && nr_cpu_ids < NR_CPUS) {
			cpu_to_apicid[nr_cpu_ids] = madt.lapic_ids[i];
			cpumask_set_cpu(nr_cpu_ids++, &__cpu_possible_mask);
		}
}

/* Copy the trampoline to its page and fill in this CPU's fields. */
static void setup_trampoline(struct task_struct *idle)
{
	u8 *page = __va(TRAMPOLINE_PHYS);

#define TRAMPOLINE_FIELD(f) (*(u32 *)(page + ((const u8 *)(f) - trampoline_start)))
	memcpy(page, trampoline_start, trampoline_end - trampoline_start);
	TRAMPOLINE_FIELD(trampoline_cr3) = __pa(swapper_pg_dir);
	TRAMPOLINE_FIELD(trampoline_cr4) = boot_cr4 & ~X86_CR4_PGE;
	TRAMPOLINE_FIELD(trampoline_stack) = (u32)task_stack_page(idle) + THREAD_SIZE;
	TRAMPOLINE_FIELD(trampoline_entry) = (u32)startup_secondary;
#undef TRAMPOLINE_FIELD
}

/* INIT, 10 ms, STARTUP, 200 us, STARTUP, 200 us (MP spec 1.4, B.4). A
 * CPU that already runs ignores the second STARTUP. */
static void wakeup_secondary_cpu(int cpu)
{
	unsigned long flags = local_irq_save();

	apic_send_ipi(cpu, APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT);
	apic_send_ipi(cpu, APIC_INT_LEVELTRIG | APIC_DM_INIT);       /* de-assert */
	pit_udelay(10000);
	for (int i = 0; i < 2; i++) {
		apic_send_ipi(cpu, APIC_DM_STARTUP | (TRAMPOLINE_PHYS >> PAGE_SHIFT));
		pit_udelay(200);
	}
	local_irq_restore(flags);
}

/* Spin until cond or a second has passed (interrupts on: jiffies move). */
#define wait_up_to_a_second(cond) ({                                  \
	unsigned long __start = jiffies;                              \
	while (!(cond) && jiffies - __start < HZ)                      \
		cpu_relax();                                          \
	(cond);                                                       \
})

/* Contract: start CPU cpu and wait until it is online; 0, or -errno (the
 * CPU stays offline). kernel_init, interrupts on. */
static int do_boot_cpu(int cpu)
{
	struct task_struct *idle = fork_idle(cpu);
	bool in;

	if (IS_ERR(idle))
		return PTR_ERR(idle);
	idle_tasks[cpu] = idle;
	init_idle(idle, cpu);
	cpu_gdt_init(cpu, (u32)task_stack_page(idle) + THREAD_SIZE);
	setup_trampoline(idle);
	__atomic_store_n(&cpu_callin, -1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&cpu_may_continue, false, __ATOMIC_SEQ_CST);
	swapper_pg_dir[0] = swapper_pg_dir[KERNEL_PGD_BOUNDARY];   /* phys 0-4 MiB at 0 */
	page_refs_atomic = true;          /* include/mm.h: before a second CPU runs */
	wakeup_secondary_cpu(cpu);
	in = wait_up_to_a_second(__atomic_load_n(&cpu_callin, __ATOMIC_SEQ_CST) == cpu);
	swapper_pg_dir[0] = 0;
	__flush_tlb_all();
	if (!in)
		return -EIO;
	__atomic_store_n(&cpu_may_continue, true, __ATOMIC_SEQ_CST);
	return wait_up_to_a_second(cpu_online(cpu)) ? 0 : -ETIMEDOUT;
}

/* Contract: bring every possible CPU up, or maxcpus= of them (kernel_init, process context,
 * interrupts on, before the self-tests and init). Then spread the PIT's
 * counting-only IRQ 0 over all online CPUs (io_apic.c). */
void smp_init(void)
{
	int cpu, err;

	if (!apic_enabled || nr_cpu_ids == 1)
		return;
	if (trampoline_page_taken()) {
		pr_err("smp: the multiboot info lies on the trampoline's page: one CPU only\n");
		return;
	}
	boot_cr0 = read_cr0() & ~X86_CR0_TS;
	boot_cr4 = read_cr4();
	for_each_possible_cpu(cpu) {
		if (cpu == 0)
			continue;
		if (num_online_cpus() >= setup_max_cpus)
			break;                   /* maxcpus=, nosmp */
		pr_info("smp: Booting CPU%d (APIC id %u)\n", cpu, cpu_to_apicid[cpu]);
		if ((err = do_boot_cpu(cpu)))
			pr_err("smp: CPU%d did not come up (error %d)\n", cpu, err);
	}
	pr_info("smp: Brought up %u CPU%s of %u; %s\n",
		num_online_cpus(), num_online_cpus() > 1 ? "s" : "", nr_cpu_ids,
		smp_sched_enabled ? "tasks run on every one" : "tasks run on CPU0 only (nosmpsched)");
	io_apic_set_affinity(0, cpu_online_mask);
}

/* Contract: the first C code of CPU N (startup_secondary), interrupts off,
 * on swapper/N's stack, paging on with the low mapping still in place.
 * Never returns. */
void __noreturn start_secondary(void)
{
	int cpu = smp_processor_id();

	load_cpu_gdt(cpu);
	idt_load();
	write_cr0(boot_cr0);                     /* caches on (reset left CD, NW set) */
	__atomic_store_n(&cpu_callin, cpu, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&cpu_may_continue, __ATOMIC_SEQ_CST))
		cpu_relax();
	write_cr3(__pa(swapper_pg_dir));         /* the low mapping is gone: forget it */
	write_cr4(boot_cr4);                     /* global pages, as CPU 0 */
	fpu_init();   /* CR0.TS set: a task's first FPU use here traps (#NM), so
		       * its state is loaded, owned and saved at the switch (it
		       * ran on this CPU's leftover registers, never saved) */
	setup_local_APIC();
	setup_APIC_timer();
	pr_info("CPU%d: APIC id %u, %s on its own stack, online\n", cpu, read_apic_id(),
		current->comm);
	set_cpu_online(cpu, true);
	sched_cpu_online();
	local_irq_enable();
	cpu_idle();                              /* runs tasks from its own queue */
}
