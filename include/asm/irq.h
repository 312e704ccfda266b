/* include/asm/irq.h: hardware interrupts, IRQ n on vector 32 + n whether the
 * two 8259 PICs or the I/O APIC deliver it, the vectors of the local APIC's
 * own interrupts (timer, IPIs: Linux 2.6 i386's numbers, at the top so that
 * they outrank device interrupts), and the trap vectors Tasklab uses. */
#ifndef TASKLAB_ASM_IRQ_H
#define TASKLAB_ASM_IRQ_H

#include <types.h>

struct pt_regs;

#define FIRST_EXTERNAL_VECTOR 32
#define NR_IRQS               16
#define SYSCALL_VECTOR        0x80
#define NR_VECTORS            256
/* Raised by the local APICs (arch/i386/apic.c, smp.c). */
#define LOCAL_TIMER_VECTOR    0xEF
#define CALL_FUNCTION_VECTOR  0xFB
#define RESCHEDULE_VECTOR     0xFC
#define INVALIDATE_TLB_VECTOR 0xFD      /* TLB shootdowns (arch/i386/tlb.c) */
#define ERROR_APIC_VECTOR     0xFE
#define SPURIOUS_APIC_VECTOR  0xFF
#define FIRST_SYSTEM_VECTOR   LOCAL_TIMER_VECTOR
/* entry.asm's stubs: every exception and PIC vector, 0..47 */
#define NR_TRAP_STUBS         (FIRST_EXTERNAL_VECTOR + NR_IRQS)

typedef void (*irq_handler_t)(int irq, struct pt_regs *regs);

void pic_init(void);
void pic_unmask(int irq);
void pic_eoi(int irq);
void pic_disable(void);
/* Install the handler for irq and unmask it. One handler per line. */
void request_irq(int irq, irq_handler_t handler, const char *name);
void do_irq(struct pt_regs *regs);
/* Interrupts handled per line since boot, on all CPUs together (read by
 * the self-tests), and per CPU (/proc/interrupts, the monitor). */
extern unsigned long irq_count[NR_IRQS];
extern unsigned long kstat_irqs_cpu[][NR_IRQS];
const char *irq_name(int irq);
/* Per CPU: nonzero while an interrupt handler runs there (in_interrupt()). */
extern int hardirq_depth[];
/* Acknowledge irq at its controller (8259 or local APIC). */
void ack_irq(int irq);

void pit_init(void);
/* The PIT's channel 0 counter now: it counts down from 1193182 / HZ. */
u16 pit_read_count(void);
/* Busy-wait us microseconds by the PIT's counter (interrupts may be off). */
void pit_udelay(unsigned long us);
/* The LAPIC timer took over the tick: IRQ 0 only counts from now on. */
void pit_stop_ticking(void);
void idt_init(void);
void idt_load(void);
void trap_init(void);

#endif
