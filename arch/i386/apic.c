/* arch/i386/apic.c: the local APIC, one per CPU, mapped at the same kernel
 * address on every CPU (each CPU's accesses reach its own). It takes the
 * I/O APIC's interrupts to its CPU, sends and receives IPIs (smp.c), and
 * its timer is each CPU's tick: periodic at HZ, calibrated once on CPU 0
 * against the PIT (every local APIC runs on the same bus clock). For now
 * only CPU 0's tick drives jiffies, the timer list and the scheduler tick
 * (timer_tick); another CPU's tick is counted (apic_timer_irqs) and wakes
 * its idle loop, since the other CPUs do not run tasks yet.
 *
 * smp_apic_interrupt() is the entry of every vector the local APIC raises
 * (include/asm/irq.h): timer, the IPIs, error and spurious. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <smp.h>
#include <timer.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/ptrace.h>

bool apic_enabled;
u8 cpu_to_apicid[NR_CPUS];
DEFINE_PER_CPU(unsigned long, apic_timer_irqs);
DEFINE_PER_CPU(unsigned long, apic_spurious_irqs);
DEFINE_PER_CPU(unsigned long, apic_error_irqs);
static u32 calibration_result;          /* APIC timer counts (divide 16) per tick */

u32 apic_timer_count_per_tick(void) { return calibration_result; }

/* Contract: enable this CPU's local APIC (interrupts off): flat task
 * priority 0 (accept every vector), the spurious vector, LINT0 (the 8259's
 * ExtINT wire) masked since the I/O APIC delivers, LINT1 as NMI on CPU 0
 * only, the error vector. */
void setup_local_APIC(void)
{
	apic_write(APIC_TASKPRI, 0);
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
	apic_write(APIC_LVT0, APIC_LVT_MASKED | APIC_DM_EXTINT);
	apic_write(APIC_LVT1, smp_processor_id() ? APIC_LVT_MASKED : APIC_DM_NMI);
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	apic_write(APIC_ESR, 0);             /* the ESR is read after a write */
	apic_write(APIC_ESR, 0);
	ack_APIC_irq();                      /* nothing left in service from firmware */
}

/* Wait for the PIT's channel 0 to reload (its count jumps up). */
static void wait_pit_wrap(void)
{
	u16 prev = pit_read_count(), now;

	while ((now = pit_read_count()) <= prev)
		prev = now;
}

#define CALIBRATE_TICKS 3

/* Contract: CPU 0, interrupts off, the PIT already at HZ: count the APIC
 * timer over CALIBRATE_TICKS PIT periods. */
void calibrate_APIC_clock(void)
{
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	wait_pit_wrap();
	apic_write(APIC_TMICT, 0xFFFFFFFF);
	for (int i = 0; i < CALIBRATE_TICKS; i++)
		wait_pit_wrap();
	calibration_result = (0xFFFFFFFF - apic_read(APIC_TMCCT)) / CALIBRATE_TICKS;
	apic_write(APIC_TMICT, 0);
	pr_info("APIC: timer calibrated against the PIT: %u counts (divide 16) per tick, "
		"bus clock %u kHz\n", calibration_result, calibration_result * 16 / (1000 / HZ));
}

/* Contract: start this CPU's tick (interrupts off): periodic at HZ. */
void setup_APIC_timer(void)
{
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, calibration_result);
}

/* Contract: send the IPI icr_low (vector, delivery mode) to CPU cpu's
 * APIC, or with a shorthand in icr_low (APIC_DEST_*) to that set; returns
 * 0, or -ETIMEDOUT if the previous one was never accepted. Interrupts off
 * (the ICR is two registers: nothing may send between the writes). */
int apic_send_ipi(int cpu, u32 icr_low)
{
	for (int spins = 0; apic_read(APIC_ICR) & APIC_ICR_BUSY; spins++)
		if (spins > 1000000)
			return -ETIMEDOUT;
	apic_write(APIC_ICR2, (u32)cpu_to_apicid[cpu] << 24);
	apic_write(APIC_ICR, icr_low);
	return 0;
}

static void local_apic_timer_interrupt(int cpu, struct pt_regs *regs)
{
	per_cpu(apic_timer_irqs, cpu)++;
	if (cpu == 0) {                      /* the one tick the kernel keeps time by */
		jiffies++;
		timer_tick(regs);
	} else {                             /* the others charge their own task */
		update_process_times(regs);
	}
}

static void apic_error_interrupt(int cpu)
{
	u32 esr;

	apic_write(APIC_ESR, 0);
	esr = apic_read(APIC_ESR);
	per_cpu(apic_error_irqs, cpu)++;
	pr_err("APIC error on CPU%d: ESR %#x\n", cpu, esr);
}

/* Contract: handle a local APIC vector on the CPU that took it, interrupts
 * off, in interrupt context (hardirq_depth), acknowledged first (a
 * spurious interrupt is never acknowledged: it was not in service). */
void smp_apic_interrupt(struct pt_regs *regs)
{
	int cpu = smp_processor_id();

	if (regs->trapno == SPURIOUS_APIC_VECTOR) {
		per_cpu(apic_spurious_irqs, cpu)++;
		return;
	}
	hardirq_depth[cpu]++;
	ack_APIC_irq();
	switch (regs->trapno) {
	case LOCAL_TIMER_VECTOR:    local_apic_timer_interrupt(cpu, regs); break;
	case RESCHEDULE_VECTOR:     smp_reschedule_interrupt(cpu); break;
	case CALL_FUNCTION_VECTOR:  smp_call_function_interrupt(cpu); break;
	case INVALIDATE_TLB_VECTOR: smp_invalidate_interrupt(cpu); break;
	case ERROR_APIC_VECTOR:     apic_error_interrupt(cpu); break;
	}
	hardirq_depth[cpu]--;
}

/* Contract: CPU 0 at boot, interrupts off, after pit_init(): read the
 * MADT; if there is one, map and enable this CPU's local APIC, hand the
 * external interrupts to the I/O APIC (8259s masked), calibrate the APIC
 * timer and make it the tick in the PIT's place. Returns false (and leaves
 * the 8259 and PIT as they were: one CPU) when the firmware lists no APICs. */
bool apic_init(void)
{
	if (!acpi_parse_madt()) {
		pr_info("APIC: no ACPI MADT: one CPU, 8259 PICs and the PIT\n");
		return false;
	}
	set_fixmap_nocache(APIC_BASE_VADDR, madt.lapic_phys);
	smp_store_cpu_ids();
	setup_local_APIC();
	apic_enabled = true;
	setup_IO_APIC();
	calibrate_APIC_clock();
	setup_APIC_timer();
	pit_stop_ticking();
	return true;
}
