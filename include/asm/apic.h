/* include/asm/apic.h: the local APIC (one per CPU, at the same physical
 * address on each: every CPU sees its own), the I/O APIC, the vectors of the
 * interrupts the APICs raise, and the fixed kernel addresses (the top pages
 * of the address space, in the pre-allocated kernel page tables) where their
 * registers and the ACPI tables are mapped uncached. Register offsets and bits
 * as Intel's SDM names them, with Linux's APIC_* spellings. */
#ifndef TASKLAB_ASM_APIC_H
#define TASKLAB_ASM_APIC_H

#include <types.h>
#include <cpumask.h>

struct pt_regs;

/* Fixed mappings (include/asm/pgtable.h: above the kmap_atomic window). */
#define APIC_BASE_VADDR     0xFFFFF000UL   /* this CPU's local APIC */
#define IO_APIC_BASE_VADDR  0xFFFFE000UL   /* the (first) I/O APIC */
#define ACPI_WINDOW_VADDR   0xFFFF0000UL   /* firmware tables, read at boot */
#define ACPI_WINDOW_PAGES   8

/* Where another CPU starts (arch/i386/trampoline.asm): a page below 1 MiB,
 * in the first MiB that the allocator never hands out (mm/bootmem.c). */
#define TRAMPOLINE_PHYS     0x6000

/* Local APIC registers (offsets in its 4 KiB page). */
#define APIC_ID        0x020               /* bits 24-31: this CPU's APIC id */
#define APIC_LVR       0x030
#define APIC_TASKPRI   0x080
#define APIC_EOI       0x0B0
#define APIC_LDR       0x0D0
#define APIC_DFR       0x0E0
#define APIC_SPIV      0x0F0
#define  APIC_SPIV_APIC_ENABLED 0x100
#define APIC_ESR       0x280
#define APIC_ICR       0x300               /* writing it sends the IPI */
#define  APIC_ICR_BUSY     0x01000
#define  APIC_INT_ASSERT   0x04000
#define  APIC_INT_LEVELTRIG 0x08000
#define  APIC_DM_FIXED     0x00000
#define  APIC_DM_NMI       0x00400
#define  APIC_DM_INIT      0x00500
#define  APIC_DM_STARTUP   0x00600
#define  APIC_DM_EXTINT    0x00700
#define  APIC_DEST_SELF    0x40000
#define  APIC_DEST_ALLINC  0x80000
#define  APIC_DEST_ALLBUT  0xC0000
#define APIC_ICR2      0x310               /* bits 24-31: destination APIC id */
#define APIC_LVTT      0x320
#define  APIC_LVT_TIMER_PERIODIC 0x20000
#define APIC_LVT0      0x350
#define APIC_LVT1      0x360
#define APIC_LVTERR    0x370
#define  APIC_LVT_MASKED 0x10000
#define APIC_TMICT     0x380               /* timer initial count */
#define APIC_TMCCT     0x390               /* timer current count */
#define APIC_TDCR      0x3E0
#define  APIC_TDR_DIV_16 0x3

static inline u32 apic_read(u32 reg)
{
	return *(volatile u32 *)(APIC_BASE_VADDR + reg);
}
static inline void apic_write(u32 reg, u32 v)
{
	*(volatile u32 *)(APIC_BASE_VADDR + reg) = v;
}
static inline void ack_APIC_irq(void) { apic_write(APIC_EOI, 0); }
static inline unsigned int read_apic_id(void) { return apic_read(APIC_ID) >> 24; }

/* What the firmware's MADT said (arch/i386/acpi.c). */
struct madt_info {
	phys_addr_t lapic_phys;
	phys_addr_t ioapic_phys;
	unsigned int ioapic_gsi_base;
	bool pcat_compat;                    /* 8259s present: mask them */
	unsigned int nr_lapics;              /* enabled CPUs listed */
	u8 lapic_ids[NR_CPUS];               /* their APIC ids, in MADT order */
	u8 isa_gsi[16];                      /* ISA IRQ -> GSI (overrides applied) */
	u16 isa_flags[16];                   /* MPS INTI flags of each override */
};
extern struct madt_info madt;
bool acpi_parse_madt(void);

/* Map one physical page at a fixed kernel address, uncached. */
void set_fixmap_nocache(unsigned long vaddr, phys_addr_t phys);

/* arch/i386/apic.c */
bool apic_init(void);
extern bool apic_enabled;                /* the APICs deliver interrupts */
extern u8 cpu_to_apicid[NR_CPUS];
DECLARE_PER_CPU(unsigned long, apic_timer_irqs);     /* per CPU, by kind */
DECLARE_PER_CPU(unsigned long, apic_spurious_irqs);
DECLARE_PER_CPU(unsigned long, apic_error_irqs);
void setup_local_APIC(void);
void calibrate_APIC_clock(void);
void setup_APIC_timer(void);
int apic_send_ipi(int cpu, u32 icr_low);     /* 0, or -ETIMEDOUT */
void smp_apic_interrupt(struct pt_regs *regs);
u32 apic_timer_count_per_tick(void);

/* arch/i386/smp.c: the IPI handlers (smp_apic_interrupt calls them) */
void smp_reschedule_interrupt(int cpu);
void smp_call_function_interrupt(int cpu);
void smp_invalidate_interrupt(int cpu);     /* arch/i386/tlb.c */

/* arch/i386/smpboot.c */
void smp_store_cpu_ids(void);

/* arch/i386/io_apic.c */
void setup_IO_APIC(void);
void io_apic_route_irq(int irq, bool masked);
void io_apic_set_affinity(int irq, const cpumask_t *mask);
void io_apic_irq_handled(int irq);
extern cpumask_t irq_affinity[];

#endif
