/* fs/proc/interrupts.c: /proc/interrupts, in Linux's layout: one column per
 * online CPU, a row per IRQ line that has a handler (its count on each CPU,
 * the controller that delivers it, the handler's name), then the local
 * APIC's rows (LOC timer, SPU spurious, RES reschedule IPIs, CAL function
 * call IPIs, TLB shootdown IPIs) and ERR. The monitor's i key prints the
 * same table (show_interrupts). Counts are read without a lock: each is
 * written only by its own CPU, and a reader may see one a tick old. */
#include <kernel.h>
#include <cpumask.h>
#include <proc_fs.h>
#include <seq_file.h>
#include <smp.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include "internal.h"

static void show_irq_row(struct seq_file *m, int irq)
{
	int cpu;

	seq_printf(m, "%3d: ", irq);
	for_each_online_cpu(cpu)
		seq_printf(m, "%10lu ", kstat_irqs_cpu[cpu][irq]);
	seq_printf(m, " %14s  %s\n", apic_enabled ? "IO-APIC-edge" : "XT-PIC", irq_name(irq));
}

static unsigned long ipi_count(int cpu, int kind)
{
	const struct ipi_stats *s = &per_cpu(ipi_received, cpu);

	switch (kind) {
	case 0: return per_cpu(apic_timer_irqs, cpu);
	case 1: return per_cpu(apic_spurious_irqs, cpu);
	case 2: return s->reschedule;
	case 3: return s->call_function;
	default: return s->invalidate;
	}
}

/* The local APIC's rows, Linux's names and captions. */
static void show_apic_rows(struct seq_file *m)
{
	static const char *const rows[][2] = {
		{ "LOC", "Local timer interrupts" }, { "SPU", "Spurious interrupts" },
		{ "RES", "Rescheduling interrupts" }, { "CAL", "Function call interrupts" },
		{ "TLB", "TLB shootdowns" },
	};
	unsigned long errors = 0;
	int cpu;

	for (int kind = 0; kind < (int)ARRAY_SIZE(rows); kind++) {
		seq_printf(m, "%3s: ", rows[kind][0]);
		for_each_online_cpu(cpu)
			seq_printf(m, "%10lu ", ipi_count(cpu, kind));
		seq_printf(m, "  %s\n", rows[kind][1]);
	}
	for_each_online_cpu(cpu)
		errors += per_cpu(apic_error_irqs, cpu);
	seq_printf(m, "ERR: %10lu\n", errors);
}

void show_interrupts(struct seq_file *m)
{
	int cpu;

	seq_printf(m, "%11s", "");
	for_each_online_cpu(cpu)
		seq_printf(m, "CPU%-8d", cpu);
	seq_putc(m, '\n');
	for (int irq = 0; irq < NR_IRQS; irq++)
		if (irq_name(irq))
			show_irq_row(m, irq);
	if (apic_enabled)
		show_apic_rows(m);
}

int proc_interrupts_show(struct seq_file *m, struct proc_inode *pi)
{
	show_interrupts(m);
	return 0;
}
