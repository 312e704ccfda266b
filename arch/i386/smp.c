/* arch/i386/smp.c: inter-processor interrupts, as Linux 2.6 i386 sends them
 * through the local APIC's ICR. Three kinds, counted per receiving CPU
 * (ipi_received) and per kind:
 *   - reschedule: the receiver's current task gets need_resched (a CPU 0
 *     task reschedules at its next safe point; another CPU's idle loop sees
 *     it and, running no tasks yet, only counts it);
 *   - call function: run a function on other CPUs and optionally wait for
 *     it (smp_call_function, smp_call_function_single), through one
 *     call_data record at a time, published under call_lock;
 *   - TLB invalidate: a shootdown for one mm (arch/i386/tlb.c, with
 *     mm_cpumask and lazy TLB). */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <smp.h>
#include <spinlock.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <trace/events.h>

DEFINE_PER_CPU(struct ipi_stats, ipi_received);

struct call_data_struct {
	smp_call_func_t func;
	void *info;
	int started;                     /* CPUs that picked the call up */
	int finished;                    /* CPUs that returned from func (wait only) */
	bool wait;
};

/* call_lock serialises callers and guards call_data; it is taken with
 * interrupts on (see smp.h), by tasks on any CPU (TLB shootdowns, vfree's
 * and kmap's kernel-range flushes, the tests). */
static DEFINE_SPINLOCK(call_lock);
static struct call_data_struct *volatile call_data;

void smp_send_reschedule(int cpu)
{
	unsigned long flags = local_irq_save();

	if (apic_enabled && cpu_online(cpu)) {
		trace_ipi_raise(1UL << cpu, "Rescheduling interrupts");
		apic_send_ipi(cpu, APIC_DM_FIXED | RESCHEDULE_VECTOR);
	}
	local_irq_restore(flags);
}

void smp_reschedule_interrupt(int cpu)
{
	per_cpu(ipi_received, cpu).reschedule++;
	set_tsk_need_resched(current);
}

void smp_call_function_interrupt(int cpu)
{
	struct call_data_struct *data = call_data;
	smp_call_func_t func = data->func;
	void *info = data->info;
	bool wait = data->wait;

	per_cpu(ipi_received, cpu).call_function++;
	/* Without wait, the caller's record may be gone once started counts us. */
	__atomic_fetch_add(&data->started, 1, __ATOMIC_SEQ_CST);
	func(info);
	if (wait)
		__atomic_fetch_add(&data->finished, 1, __ATOMIC_SEQ_CST);
}

/* Spin (interrupts on) until *counter reaches n; false after a second. */
static bool wait_for_count(int *counter, int n)
{
	unsigned long start = jiffies;

	while (__atomic_load_n(counter, __ATOMIC_SEQ_CST) < n) {
		if (jiffies - start > HZ)
			return false;
		cpu_relax();
	}
	return true;
}

/* Contract: smp_call_function's body for the CPUs of mask (online; the
 * caller's own CPU too, which then takes its own IPI as soon as it sends
 * it, interrupts being on); 0, or panics when a CPU does not answer within a second
 * (a lost IPI would otherwise hang the caller forever). */
static int call_function_mask(cpumask_t mask, smp_call_func_t func, void *info, bool wait)
{
	struct call_data_struct data = { func, info, 0, 0, wait };
	int cpus = cpumask_weight(&mask), cpu;
	unsigned long flags;

	BUG_ON(in_interrupt() || irqs_disabled());
	if (!cpus)
		return 0;
	spin_lock(&call_lock);
	call_data = &data;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	flags = local_irq_save();
	trace_ipi_raise(mask.bits, "Function call interrupts");
	for_each_cpu(cpu, &mask)
		apic_send_ipi(cpu, APIC_DM_FIXED | CALL_FUNCTION_VECTOR);
	local_irq_restore(flags);
	if (!wait_for_count(&data.started, cpus) || (wait && !wait_for_count(&data.finished, cpus)))
		panic("smp_call_function: %d of %d CPUs answered", data.started, cpus);
	spin_unlock(&call_lock);
	return 0;
}

int smp_call_function(smp_call_func_t func, void *info, int wait)
{
	cpumask_t mask = *cpu_online_mask;

	cpumask_clear_cpu(smp_processor_id(), &mask);
	return call_function_mask(mask, func, info, wait);
}

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
	cpumask_t mask = { 1UL << cpu };

	if (cpu < 0 || cpu >= NR_CPUS || !cpu_online(cpu))
		return -ENXIO;
	return call_function_mask(mask, func, info, wait);
}
