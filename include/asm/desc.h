/* include/asm/desc.h: the interrupt descriptor table. */
#ifndef TASKLAB_ASM_DESC_H
#define TASKLAB_ASM_DESC_H

#include <types.h>
#include <asm/irq.h>

/* One 8-byte IDT gate. */
struct gate_struct {
	u16 offset_low;
	u16 selector;
	u8  zero;
	u8  type_attr;     /* P, DPL, 0, type (0xE interrupt gate, 0xF trap gate) */
	u16 offset_high;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8E   /* present, DPL 0, interrupts off on entry */
#define GATE_USER_INT  0xEE   /* present, DPL 3: int $0x80 from ring 3 */

extern struct gate_struct idt_table[256];
/* The entry stubs of arch/i386/entry.asm, one per vector 0..47, and the
 * one for int $0x80. */
extern const u32 trap_stubs[NR_TRAP_STUBS];
extern void system_call_stub(void);
/* The local APIC's vectors and their stubs, ended by a 0 vector. */
extern const u32 system_vector_stubs[][2];

static inline u32 gate_offset(const struct gate_struct *g)
{
	return g->offset_low | ((u32)g->offset_high << 16);
}

#endif
