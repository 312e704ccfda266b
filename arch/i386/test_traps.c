/* arch/i386/test_traps.c: each exception vector, reached by a deliberate fault,
 * arrives at the handler with the right vector, error code and faulting EIP.
 * The faulting instruction's address comes from a label next to it, so the
 * check does not trust the handler's own idea of where it was. A suite of
 * the arch, kept here because it runs the faulting instructions it tests
 * (Linux keeps such x86 self-tests under arch/x86 too). */
#include <kernel.h>
#include <ktest.h>
#include <asm/page.h>
#include <asm/traps.h>

/* Execute `insn` at a known address; on a trap, fill c and return 1. The
 * label's address is stored to memory before the instruction runs (a register
 * would not survive the jump back from the trap). */
#define FAULT_AT(c, vector, eip_out, insn, ...)                                \
	({                                                                     \
		int __caught = catch_trap(c, vector);                          \
		if (!__caught) {                                               \
			__asm__ __volatile__("movl $1f, %0\n\t"               \
					     "1: " insn                        \
					     : "=m"(*(eip_out)) : __VA_ARGS__ : "memory"); \
			uncatch_trap(c);                                       \
		}                                                              \
		__caught;                                                      \
	})

static void trap_divide_error(struct ktest *t)
{
	struct trap_catch c;
	volatile u32 at;

	KTEST_ASSERT_EQ(t, FAULT_AT(&c, X86_TRAP_DE, &at, "divl %1", "r"(0), "a"(1), "d"(0)), 1);
	KTEST_EXPECT_EQ(t, c.regs.trapno, X86_TRAP_DE);
	KTEST_EXPECT_EQ(t, c.regs.error_code, 0);
	KTEST_EXPECT_EQ(t, c.regs.eip, at);    /* a fault: EIP is the divide itself */
	KTEST_EXPECT_EQ(t, c.regs.cs, 0x60);
}

static void trap_invalid_opcode(struct ktest *t)
{
	struct trap_catch c;
	volatile u32 at;

	KTEST_ASSERT_EQ(t, FAULT_AT(&c, X86_TRAP_UD, &at, "ud2", "i"(0)), 1);
	KTEST_EXPECT_EQ(t, c.regs.trapno, X86_TRAP_UD);
	KTEST_EXPECT_EQ(t, c.regs.eip, at);
}

static void trap_general_protection(struct ktest *t)
{
	struct trap_catch c;
	volatile u32 at;

	/* Loading selector 0x1f8 (GDT entry 63, past the 32-entry table) into ds
	 * is a #GP whose error code is the selector. */
	KTEST_ASSERT_EQ(t, FAULT_AT(&c, X86_TRAP_GP, &at, "movw %w1, %%ds", "r"(0x1f8)), 1);
	KTEST_EXPECT_EQ(t, c.regs.trapno, X86_TRAP_GP);
	KTEST_EXPECT_EQ(t, c.regs.error_code, 0x1f8);
	KTEST_EXPECT_EQ(t, c.regs.eip, at);
}

static void trap_page_fault_unmapped(struct ktest *t)
{
	struct trap_catch c;
	volatile u32 at;

	/* Address 0x1000 was identity-mapped during boot only: now unmapped. */
	KTEST_ASSERT_EQ(t, FAULT_AT(&c, X86_TRAP_PF, &at, "movl (%1), %%eax", "r"(0x1000) ), 1);
	KTEST_EXPECT_EQ(t, c.regs.trapno, X86_TRAP_PF);
	KTEST_EXPECT_EQ(t, c.cr2, 0x1000);
	KTEST_EXPECT_EQ(t, c.regs.error_code, 0);   /* not present, read, kernel */
	KTEST_EXPECT_EQ(t, c.regs.eip, at);
}

static void trap_page_fault_write_error_code(struct ktest *t)
{
	struct trap_catch c;
	volatile u32 at;

	KTEST_ASSERT_EQ(t, FAULT_AT(&c, X86_TRAP_PF, &at, "movl %%eax, (%1)", "r"(0x2468), "a"(0)), 1);
	KTEST_EXPECT_EQ(t, c.cr2, 0x2468);
	KTEST_EXPECT_EQ(t, c.regs.error_code, 2);   /* not present, write, kernel */
}

static void trap_breakpoint(struct ktest *t)
{
	struct trap_catch c;
	volatile u32 at;

	KTEST_ASSERT_EQ(t, FAULT_AT(&c, X86_TRAP_BP, &at, "int3", "i"(0)), 1);
	KTEST_EXPECT_EQ(t, c.regs.trapno, X86_TRAP_BP);
	KTEST_EXPECT_EQ(t, c.regs.eip, at + 1);     /* a trap: EIP is past the int3 */
}

static void trap_frame_preserves_registers(struct ktest *t)
{
	struct trap_catch c;
	volatile u32 at;

	KTEST_ASSERT_EQ(t, FAULT_AT(&c, X86_TRAP_UD, &at, "ud2",
				   "b"(0x11111111), "c"(0x22222222), "S"(0x33333333), "D"(0x44444444)), 1);
	KTEST_EXPECT_EQ(t, c.regs.ebx, 0x11111111);
	KTEST_EXPECT_EQ(t, c.regs.ecx, 0x22222222);
	KTEST_EXPECT_EQ(t, c.regs.esi, 0x33333333);
	KTEST_EXPECT_EQ(t, c.regs.edi, 0x44444444);
	KTEST_EXPECT_EQ(t, c.regs.ds, 0x68);
}

static void trap_catchers_nest(struct ktest *t)
{
	struct trap_catch outer, inner;
	volatile u32 at;
	int outer_caught = catch_trap(&outer, X86_TRAP_BP);

	if (!outer_caught) {
		/* The inner catcher wants #UD only: an int3 passes it by. */
		int inner_caught = FAULT_AT(&inner, X86_TRAP_UD, &at, "int3", "i"(0));
		KTEST_FAIL(t, "int3 was not caught by the outer catcher (inner %d)", inner_caught);
		uncatch_trap(&outer);
		return;
	}
	KTEST_EXPECT_EQ(t, outer.regs.trapno, X86_TRAP_BP);
	KTEST_EXPECT_PTR_EQ(t, trap_catcher, outer.prev);   /* both disarmed */
}

static void syscall_gate_returns_enosys(struct ktest *t)
{
	long ret;

	/* From ring 0 here; ring-3 callability is the gate's DPL (cpu suite). */
	__asm__ __volatile__("int $0x80" : "=a"(ret) : "a"(9999) : "memory");
	KTEST_EXPECT_EQ(t, ret, -38);               /* -ENOSYS */
	__asm__ __volatile__("int $0x80" : "=a"(ret) : "a"(17) : "memory");   /* break: never */
	KTEST_EXPECT_EQ(t, ret, -38);
	/* 0 is restart_syscall: with nothing to restart, EINTR (as Linux) */
	__asm__ __volatile__("int $0x80" : "=a"(ret) : "a"(0) : "memory");
	KTEST_EXPECT_EQ(t, ret, -4);
}

static const struct ktest_case traps_cases[] = {
	KTEST_CASE(trap_divide_error),
	KTEST_CASE(trap_invalid_opcode),
	KTEST_CASE(trap_general_protection),
	KTEST_CASE(trap_page_fault_unmapped),
	KTEST_CASE(trap_page_fault_write_error_code),
	KTEST_CASE(trap_breakpoint),
	KTEST_CASE(trap_frame_preserves_registers),
	KTEST_CASE(trap_catchers_nest),
	KTEST_CASE(syscall_gate_returns_enosys),
	{}
};
KTEST_SUITE(traps, traps_cases);
