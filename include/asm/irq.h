/* include/asm/irq.h: hardware interrupts through the two 8259 PICs, remapped to
 * vectors 32..47, and the trap vectors Tasklab uses. */
#ifndef TASKLAB_ASM_IRQ_H
#define TASKLAB_ASM_IRQ_H

#include <types.h>

struct pt_regs;

#define FIRST_EXTERNAL_VECTOR 32
#define NR_IRQS               16
#define SYSCALL_VECTOR        0x80
#define NR_VECTORS            256
/* entry.asm's stubs: every exception and PIC vector, 0..47 */
#define NR_TRAP_STUBS         (FIRST_EXTERNAL_VECTOR + NR_IRQS)

typedef void (*irq_handler_t)(int irq, struct pt_regs *regs);

void pic_init(void);
void pic_unmask(int irq);
void pic_eoi(int irq);
/* Install the handler for irq and unmask it. One handler per line. */
void request_irq(int irq, irq_handler_t handler, const char *name);
void do_irq(struct pt_regs *regs);
/* Interrupts handled per line since boot (read by the self-tests). */
extern unsigned long irq_count[NR_IRQS];
/* Nonzero while an interrupt handler runs (for in_interrupt()). */
extern int hardirq_depth;

void pit_init(void);
/* The PIT's channel 0 counter now: it counts down from 1193182 / HZ. */
u16 pit_read_count(void);
void idt_init(void);
void trap_init(void);

#endif
