/* include/asm/irqflags.h: enabling, disabling and saving the interrupt flag. */
#ifndef TASKLAB_ASM_IRQFLAGS_H
#define TASKLAB_ASM_IRQFLAGS_H

#include <types.h>

#define X86_EFLAGS_IF 0x200

static inline void local_irq_enable(void) { __asm__ __volatile__("sti" ::: "memory"); }
static inline void local_irq_disable(void) { __asm__ __volatile__("cli" ::: "memory"); }
static inline void halt(void) { __asm__ __volatile__("hlt" ::: "memory"); }
/* Enable interrupts and halt as one step: sti takes effect after the next
 * instruction, so no interrupt can slip in between a check made with
 * interrupts off and the hlt (the wake-up would be lost until the next one). */
static inline void safe_halt(void) { __asm__ __volatile__("sti; hlt" ::: "memory"); }

static inline unsigned long read_eflags(void)
{
	unsigned long f;
	__asm__ __volatile__("pushfl; popl %0" : "=r"(f) :: "memory");
	return f;
}

static inline unsigned long local_irq_save(void)
{
	unsigned long f = read_eflags();
	local_irq_disable();
	return f;
}

static inline void local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		local_irq_enable();
}

static inline bool irqs_disabled(void) { return !(read_eflags() & X86_EFLAGS_IF); }

#endif
