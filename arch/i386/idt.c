/* arch/i386/idt.c: the interrupt descriptor table, one shared by every CPU.
 * Vectors 0..47 and the local APIC's (0xEF-0xFF) point at the
 * stubs of entry.asm through interrupt gates (interrupts off on entry, so a
 * handler is never nested inside itself); vector 0x80, the Linux system call
 * gate, has DPL 3 so that `int $0x80` is allowed from ring 3. Every other vector
 * is absent and raises #GP if used. */
#include <kernel.h>
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/segment.h>

struct gate_struct idt_table[256] __aligned(8);

static void set_gate(int vector, u32 handler, u8 type_attr)
{
	struct gate_struct *g = &idt_table[vector];

	g->offset_low = handler & 0xFFFF;
	g->offset_high = handler >> 16;
	g->selector = __KERNEL_CS;
	g->zero = 0;
	g->type_attr = type_attr;
}

/* Load idt_table into this CPU's IDTR (CPU 0 at boot, the others as they
 * start: arch/i386/smpboot.c). */
void idt_load(void)
{
	struct { u16 limit; u32 base; } __attribute__((packed)) idtr = {
		sizeof(idt_table) - 1, (u32)idt_table
	};

	__asm__ __volatile__("lidt %0" :: "m"(idtr));
}

void idt_init(void)
{
	for (int v = 0; v < NR_TRAP_STUBS; v++)
		set_gate(v, trap_stubs[v], GATE_INTERRUPT);
	/* int3 and into may be used from user mode, as on Linux: int3 raises
	 * SIGTRAP, into SIGSEGV (traps.c). */
	set_gate(3, trap_stubs[3], GATE_USER_INT);
	set_gate(4, trap_stubs[4], GATE_USER_INT);
	for (int i = 0; system_vector_stubs[i][0]; i++)
		set_gate(system_vector_stubs[i][0], system_vector_stubs[i][1], GATE_INTERRUPT);
	set_gate(SYSCALL_VECTOR, (u32)system_call_stub, GATE_USER_INT);
	idt_load();
}
