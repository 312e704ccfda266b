/* arch/i386/io_apic.c: the I/O APIC, which takes the ISA interrupt lines
 * from the 8259s' place once it is up (the 8259s are then fully masked).
 * ISA IRQ n arrives on pin GSI(n) (the MADT's overrides: QEMU wires the
 * PIT's IRQ 0 to pin 2) and is delivered on vector 32 + n, as the 8259s
 * delivered it, so do_irq() is the same for both; edge-triggered, active
 * high, as ISA lines are unless an override says otherwise.
 *
 * Each IRQ has an affinity (irq_affinity[irq], Linux's name), the CPUs it
 * may be delivered to: CPU 0 by default. The serial IRQ stays there (its
 * receive ring and transmitter have their locks now, but spreading it is
 * not tested: a keystroke's interrupt would land on any CPU only while a
 * test types, which the kernel suites cannot). An IRQ whose affinity has
 * several CPUs is spread round-robin: after each interrupt, the CPU that
 * handled it moves the pin's destination to the next online CPU of the
 * mask (io_apic_irq_handled), fixed delivery in physical mode, as simple as it
 * is deterministic. (Lowest-priority delivery would let the hardware pick;
 * QEMU's arbitration is not round-robin.) The PIT's IRQ 0, which only
 * counts once the APIC timer keeps time, is the IRQ spread this way.
 *
 * The register window (IOREGSEL then IOWIN) is two accesses: ioapic_lock
 * guards it, interrupts off. */
#include <kernel.h>
#include <spinlock.h>
#include <asm/apic.h>
#include <asm/irq.h>

#define IO_APIC_REGSEL 0x00
#define IO_APIC_WIN    0x10
#define IO_APIC_VER    0x01
#define IO_APIC_REDTBL(pin) (0x10 + 2 * (pin))
#define IOAPIC_MASKED    0x10000
#define IOAPIC_LEVEL     0x08000
#define IOAPIC_LOW       0x02000

cpumask_t irq_affinity[NR_IRQS];
static unsigned int nr_ioapic_pins;
static u8 irq_dest_cpu[NR_IRQS];        /* the CPU the pin delivers to now */
static DEFINE_SPINLOCK(ioapic_lock);     /* IOREGSEL/IOWIN; irq_dest_cpu */

static u32 io_apic_read(u32 reg)
{
	*(volatile u32 *)(IO_APIC_BASE_VADDR + IO_APIC_REGSEL) = reg;
	return *(volatile u32 *)(IO_APIC_BASE_VADDR + IO_APIC_WIN);
}

static void io_apic_write(u32 reg, u32 v)
{
	*(volatile u32 *)(IO_APIC_BASE_VADDR + IO_APIC_REGSEL) = reg;
	*(volatile u32 *)(IO_APIC_BASE_VADDR + IO_APIC_WIN) = v;
}

static unsigned int irq_pin(int irq)
{
	return madt.isa_gsi[irq] - madt.ioapic_gsi_base;
}

/* The low word of irq's entry: vector 32 + irq, fixed, physical, with
 * the polarity and trigger of an override's MPS flags (ISA: high, edge). */
static u32 irq_entry_low(int irq, bool masked)
{
	u16 flags = madt.isa_flags[irq];
	u32 low = FIRST_EXTERNAL_VECTOR + irq;

	if ((flags & 3) == 3)
		low |= IOAPIC_LOW;
	if (((flags >> 2) & 3) == 3)
		low |= IOAPIC_LEVEL;
	return masked ? low | IOAPIC_MASKED : low;
}

/* Contract: program irq's pin (vector, destination irq_dest_cpu[irq]),
 * masked or not. Any context. */
void io_apic_route_irq(int irq, bool masked)
{
	unsigned int pin = irq_pin(irq);
	unsigned long flags;

	if (pin >= nr_ioapic_pins)
		return;
	spin_lock_irqsave(&ioapic_lock, flags);
	io_apic_write(IO_APIC_REDTBL(pin) + 1, (u32)cpu_to_apicid[irq_dest_cpu[irq]] << 24);
	io_apic_write(IO_APIC_REDTBL(pin), irq_entry_low(irq, masked));
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

static void set_irq_dest(int irq, int cpu)
{
	unsigned int pin = irq_pin(irq);
	unsigned long flags;

	spin_lock_irqsave(&ioapic_lock, flags);
	irq_dest_cpu[irq] = cpu;
	io_apic_write(IO_APIC_REDTBL(pin) + 1, (u32)cpu_to_apicid[cpu] << 24);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

/* Contract: let irq be delivered to the online CPUs of mask (from its next
 * interrupt on); an empty or offline mask means CPU 0. */
void io_apic_set_affinity(int irq, const cpumask_t *mask)
{
	int first = cpumask_next(-1, mask);

	irq_affinity[irq] = *mask;
	if (first >= NR_CPUS || !cpu_online(first))
		first = 0;
	set_irq_dest(irq, first);
}

/* Contract: called on the CPU that just handled irq (interrupts off):
 * hand its next interrupt to the next online CPU of its affinity. */
void io_apic_irq_handled(int irq)
{
	const cpumask_t *mask = &irq_affinity[irq];
	int cpu = smp_processor_id(), next;

	if (cpumask_weight(mask) < 2)
		return;
	for (int tries = 0; tries < NR_CPUS; tries++) {     /* wrapping around */
		next = cpumask_next(cpu, mask);
		cpu = next < NR_CPUS ? next : cpumask_next(-1, mask);
		if (cpu_online(cpu))
			break;
	}
	if (cpu_online(cpu) && cpu != smp_processor_id())
		set_irq_dest(irq, cpu);
}

/* Contract: CPU 0 at boot, interrupts off, its local APIC set up: map the
 * I/O APIC, mask every pin, route the IRQs that have handlers already to
 * CPU 0, then mask the 8259s for good. request_irq() routes later ones. */
void setup_IO_APIC(void)
{
	set_fixmap_nocache(IO_APIC_BASE_VADDR, madt.ioapic_phys);
	nr_ioapic_pins = ((io_apic_read(IO_APIC_VER) >> 16) & 0xFF) + 1;
	for (unsigned int pin = 0; pin < nr_ioapic_pins; pin++)
		io_apic_write(IO_APIC_REDTBL(pin), IOAPIC_MASKED);
	for (int irq = 0; irq < NR_IRQS; irq++) {
		cpumask_set_cpu(0, &irq_affinity[irq]);
		if (irq_name(irq))
			io_apic_route_irq(irq, false);
	}
	pic_disable();
	pr_info("IO-APIC: %u pins, ISA IRQs on vectors %d-%d, 8259s masked\n",
		nr_ioapic_pins, FIRST_EXTERNAL_VECTOR, FIRST_EXTERNAL_VECTOR + NR_IRQS - 1);
}
