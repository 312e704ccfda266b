/* arch/i386/asm-offsets.c: the one source of the constants the NASM files use
 * (boot/head.asm, arch/i386/entry.asm, switch_to.asm and setjmp.asm), as Linux makes its
 * asm-offsets.h. It is never linked: the Makefile compiles it to assembly
 * (-S), where each DEFINE leaves a line `->NAME value` in the .s file, and
 * scripts/asm-offsets.py turns those lines into build/include/asm/layout.inc,
 * one `%define NAME value` each, which NASM finds on its include path. So
 * PAGE_OFFSET, THREAD_SIZE, the selectors, the trap vectors, the
 * page-directory and control register bits and the thread_struct offsets
 * are written once, in the C headers; a header change regenerates
 * layout.inc (the -MMD dependencies of this file) and reassembles every .asm
 * file. */
#include <multiboot.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/traps.h>

/* `->NAME value C-expression`; %c0 is the bare number, without the '$' of an
 * AT&T immediate. */
#define DEFINE(sym, val) \
	__asm__ __volatile__("\n.ascii \"->" #sym " %c0 " #val "\"" :: "i"(val))
#define OFFSET(sym, str, mem) DEFINE(sym, offsetof(struct str, mem))

void asm_offsets(void);

void asm_offsets(void)
{
	/* boot/head.asm: the multiboot header, the boot page directory */
	DEFINE(MULTIBOOT_HEADER_MAGIC, MULTIBOOT_HEADER_MAGIC);
	DEFINE(MULTIBOOT_HEADER_FLAGS, MULTIBOOT_HEADER_FLAGS);
	DEFINE(PAGE_OFFSET, PAGE_OFFSET);
	DEFINE(PGDIR_SHIFT, PGDIR_SHIFT);
	DEFINE(LOWMEM_PDES, LOWMEM_SIZE >> PGDIR_SHIFT);
	DEFINE(PDE_4M_KERNEL, PDE_4M_KERNEL);
	DEFINE(PDE_GLOBAL, _PAGE_GLOBAL);
	DEFINE(CR0_PG, X86_CR0_PG);
	DEFINE(CR0_WP, X86_CR0_WP);
	DEFINE(CR4_PSE, X86_CR4_PSE);
	DEFINE(CR4_PGE, X86_CR4_PGE);
	DEFINE(THREAD_SIZE, THREAD_SIZE);
	DEFINE(TRAMPOLINE_PHYS, TRAMPOLINE_PHYS);

	/* arch/i386/entry.asm: its stubs, and the segments a trap runs with */
	DEFINE(NR_TRAP_STUBS, NR_TRAP_STUBS);
	DEFINE(SYSCALL_VECTOR, SYSCALL_VECTOR);
	DEFINE(LOCAL_TIMER_VECTOR, LOCAL_TIMER_VECTOR);
	DEFINE(CALL_FUNCTION_VECTOR, CALL_FUNCTION_VECTOR);
	DEFINE(RESCHEDULE_VECTOR, RESCHEDULE_VECTOR);
	DEFINE(INVALIDATE_TLB_VECTOR, INVALIDATE_TLB_VECTOR);
	DEFINE(ERROR_APIC_VECTOR, ERROR_APIC_VECTOR);
	DEFINE(SPURIOUS_APIC_VECTOR, SPURIOUS_APIC_VECTOR);
	DEFINE(__KERNEL_CS, __KERNEL_CS);
	DEFINE(__KERNEL_DS, __KERNEL_DS);
	DEFINE(__USER_CS, __USER_CS);
	DEFINE(__USER_DS, __USER_DS);

	/* arch/i386/switch_to.asm: where a switched-out task's esp and eip are */
	OFFSET(THREAD_ESP, thread_struct, esp);
	OFFSET(THREAD_EIP, thread_struct, eip);

	/* arch/i386/setjmp.asm: struct kjmp_buf */
	OFFSET(KJMP_EBX, kjmp_buf, ebx);
	OFFSET(KJMP_ESI, kjmp_buf, esi);
	OFFSET(KJMP_EDI, kjmp_buf, edi);
	OFFSET(KJMP_EBP, kjmp_buf, ebp);
	OFFSET(KJMP_ESP, kjmp_buf, esp);
	OFFSET(KJMP_EIP, kjmp_buf, eip);
	OFFSET(KJMP_EFLAGS, kjmp_buf, eflags);
}
