/* arch/i386/test_hardening.c: the kernel guarding itself from its own
 * mistakes. The stack canary is chosen at boot and stored in protected
 * frames; the kernel's text and read-only data are mapped read-only, with
 * CR0.WP so that ring 0 obeys it; SMEP and SMAP are on (make test boots
 * QEMU's -cpu max, which has them), the uaccess helpers leave EFLAGS.AC
 * clear and the trap entry clears it. The ordinary cases catch each fault
 * with a trap catcher and check its error code; the should-panic cases,
 * booted alone, show each protection stopping the kernel with an oops
 * that names it. Each of those passes through unharmed with its
 * protection off (rodata=off, nosmap, nosmep; the stack protector only by
 * building with -fno-stack-protector), and the runner proves that for the
 * three that have a switch (tests/run.py, PROTECTION_OFF_CHECKS). */
#include <kernel.h>
#include <ktest.h>
#include <asm/cpufeature.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/smap.h>
#include <asm/stackprotector.h>
#include <asm/traps.h>
#include <asm/uaccess.h>

extern char _text[], _etext[], __end_rodata[], __start_kallsyms[];

/* The word of [from, to) that holds the stack canary, or 0: a protected
 * function stores it between its arrays and its saved frame pointer. */
static unsigned long canary_slot(unsigned long from, unsigned long to)
{
	for (unsigned long a = from; a < to; a += sizeof(unsigned long))
		if (*(volatile unsigned long *)a == __stack_chk_guard)
			return a;
	return 0;
}

/* Does this function's own frame hold the canary? (It has an array, so
 * -fstack-protector-strong protects it.) */
static __noipa bool frame_holds_canary(void)
{
	volatile char buf[8] = { 0 };

	return canary_slot((unsigned long)buf, (unsigned long)__builtin_frame_address(0)) != 0;
}

static void stack_canary_chosen_at_boot_and_stored(struct ktest *t)
{
	KTEST_EXPECT_NE(t, __stack_chk_guard, 0);
	KTEST_EXPECT_TRUE(t, frame_holds_canary());
}

/* The PTE of a kernel address in the image; NULL if it has none. */
static pte_t *image_pte(const void *addr)
{
	unsigned int level;
	pte_t *pte = lookup_address((unsigned long)addr, &level);

	return pte && level == 1 ? pte : NULL;
}

static void kernel_text_and_rodata_read_only(struct ktest *t)
{
	static int data_word = 1;
	static const char *const ro[] = { _text, _etext - 1, (const char *)trap_name,
					  "a string literal", __end_rodata - 1, __start_kallsyms };
	const void *const rw[] = { &data_word, (void *)&jiffies, __end_rodata };

	KTEST_EXPECT_TRUE(t, read_cr0() & X86_CR0_WP);     /* ring 0 obeys the RW bit */
	for (unsigned int i = 0; i < ARRAY_SIZE(ro); i++) {
		KTEST_ASSERT_NOT_NULL(t, image_pte(ro[i]));
		KTEST_EXPECT_EQ(t, *image_pte(ro[i]) & (_PAGE_PRESENT | _PAGE_RW), _PAGE_PRESENT);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(rw); i++) {   /* .data and .bss stay writable */
		KTEST_ASSERT_NOT_NULL(t, image_pte(rw[i]));
		KTEST_EXPECT_TRUE(t, *image_pte(rw[i]) & _PAGE_RW);
	}
	KTEST_EXPECT_TRUE(t, image_pte(&__stack_chk_guard) &&
			  !(*image_pte(&__stack_chk_guard) & _PAGE_RW));   /* __ro_after_init */
}

static void write_to_text_faults_with_protection_error(struct ktest *t)
{
	volatile u8 *text = (u8 *)trap_name;
	struct trap_catch c;

	if (catch_trap(&c, X86_TRAP_PF) == 0) {
		*text = *text;                   /* the same byte: harmless if it works */
		uncatch_trap(&c);
		KTEST_FAIL(t, "a write to the kernel's text worked");
		return;
	}
	KTEST_EXPECT_EQ(t, c.cr2, (u32)text);
	KTEST_EXPECT_EQ(t, c.regs.error_code, X86_PF_PROT | X86_PF_WRITE);
}

static void smep_and_smap_on(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, boot_cpu_has(X86_FEATURE_SMEP));   /* -cpu max has both */
	KTEST_EXPECT_TRUE(t, boot_cpu_has(X86_FEATURE_SMAP));
	KTEST_EXPECT_TRUE(t, read_cr4() & X86_CR4_SMEP);
	KTEST_EXPECT_TRUE(t, read_cr4() & X86_CR4_SMAP);
	KTEST_EXPECT_TRUE(t, smap_enabled);
	KTEST_EXPECT_EQ(t, read_eflags() & X86_EFLAGS_AC, 0);
}

static u32 smap_target = 0x5AFE;

static void smap_stops_kernel_read_of_user_page(struct ktest *t)
{
	volatile u32 *user = ktest_user_alias(&smap_target);
	struct trap_catch c;
	u32 v = 0;

	KTEST_EXPECT_EQ(t, get_user_u32(&v, (u32 *)user), 0);      /* through uaccess: fine */
	KTEST_EXPECT_EQ(t, v, 0x5AFE);
	KTEST_EXPECT_EQ(t, read_eflags() & X86_EFLAGS_AC, 0);      /* window closed again */
	if (catch_trap(&c, X86_TRAP_PF) == 0) {
		v = *user;                       /* outside uaccess */
		uncatch_trap(&c);
		ktest_drop_user_alias();
		KTEST_FAIL(t, "a kernel read of a user page outside uaccess worked (%#x)", v);
		return;
	}
	ktest_drop_user_alias();
	KTEST_EXPECT_EQ(t, c.cr2, (u32)user);
	KTEST_EXPECT_EQ(t, c.regs.error_code, X86_PF_PROT);        /* present: a protection fault */
}

static __noipa int return_42(void)
{
	return 42;
}

/* Call fn from kernel mode; a frame of its own, so an oops's backtrace
 * names the caller. */
static __noipa int call_function(int (*fn)(void))
{
	return fn();
}

static void smep_stops_kernel_jump_into_user_page(struct ktest *t)
{
	int (*user_fn)(void) = (int (*)(void))ktest_user_alias((void *)return_42);
	struct trap_catch c;
	int r;

	if (catch_trap(&c, X86_TRAP_PF) == 0) {
		r = call_function(user_fn);
		uncatch_trap(&c);
		ktest_drop_user_alias();
		KTEST_FAIL(t, "the kernel ran code in a user page (it returned %d)", r);
		return;
	}
	ktest_drop_user_alias();
	KTEST_EXPECT_EQ(t, c.cr2, (u32)user_fn);
	KTEST_EXPECT_EQ(t, c.regs.eip, (u32)user_fn);
	KTEST_EXPECT_EQ(t, c.regs.error_code, X86_PF_PROT | X86_PF_INSTR);
}

/* A trap taken with EFLAGS.AC set (inside a uaccess window, or from a user
 * program that set it) runs its handler with AC clear; the frame keeps it. */
static void trap_entry_clears_ac(struct ktest *t)
{
	struct trap_catch c;

	if (catch_trap(&c, X86_TRAP_BP) == 0) {
		stac();
		arch_breakpoint();
		clac();
		uncatch_trap(&c);
		KTEST_FAIL(t, "int3 was not caught");
		return;
	}
	clac();
	KTEST_EXPECT_NE(t, c.regs.eflags & X86_EFLAGS_AC, 0);
	KTEST_EXPECT_EQ(t, c.handler_eflags & X86_EFLAGS_AC, 0);
}

/* --- should panic: each booted alone by the runner ----------------------- */

/* Overwrites its own canary, as an overrun of buf would, and returns: the
 * check before the return panics. Without the stack protector there is no
 * canary to find, and it returns unharmed. */
static __noipa void smash_own_canary(void)
{
	volatile char buf[8] = { 0 };
	unsigned long slot = canary_slot((unsigned long)buf, (unsigned long)__builtin_frame_address(0));

	if (slot)
		*(volatile unsigned long *)slot ^= 0x100;
}

static void stack_smash_panics(struct ktest *t)
{
	smash_own_canary();
}

static void write_to_kernel_text_oopses(struct ktest *t)
{
	volatile u8 *text = (u8 *)write_to_kernel_text_oopses;

	*text = *text;
}

static void smap_kernel_read_of_user_address_oopses(struct ktest *t)
{
	volatile u32 *user = ktest_user_alias(&smap_target);

	KTEST_EXPECT_EQ(t, *user, 0x5AFE);
	ktest_drop_user_alias();
}

static void smep_kernel_jump_into_user_page_oopses(struct ktest *t)
{
	int (*user_fn)(void) = (int (*)(void))ktest_user_alias((void *)return_42);

	KTEST_EXPECT_EQ(t, call_function(user_fn), 42);
	ktest_drop_user_alias();
}

static const struct ktest_case hardening_cases[] = {
	KTEST_CASE(stack_canary_chosen_at_boot_and_stored),
	KTEST_CASE(kernel_text_and_rodata_read_only),
	KTEST_CASE(write_to_text_faults_with_protection_error),
	KTEST_CASE(smep_and_smap_on),
	KTEST_CASE(smap_stops_kernel_read_of_user_page),
	KTEST_CASE(smep_stops_kernel_jump_into_user_page),
	KTEST_CASE(trap_entry_clears_ac),
	KTEST_SHOULD_PANIC(stack_smash_panics,
			   "stack-protector: Kernel stack is corrupted in: smash_own_canary"),
	KTEST_SHOULD_PANIC(write_to_kernel_text_oopses,
			   "page fault: kernel write to read-only kernel memory"),
	KTEST_SHOULD_PANIC(smap_kernel_read_of_user_address_oopses,
			   "kernel access to a user address outside uaccess (SMAP)"),
	KTEST_SHOULD_PANIC(smep_kernel_jump_into_user_page_oopses,
			   "page fault: kernel jump into a user page (SMEP)"),
	{}
};
KTEST_SUITE(hardening, hardening_cases);
