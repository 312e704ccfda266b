/* include/asm/stackprotector.h: the kernel's stack canary. The kernel is
 * built with -fstack-protector-strong: every function with a local array or
 * a local whose address is taken stores a copy of __stack_chk_guard just
 * below its saved registers on entry and compares it before returning; a
 * difference (a buffer overrun on the stack reached it) calls
 * __stack_chk_fail(), which panics naming the function (kernel/panic.c).
 * GCC's i386 Linux default reads the canary from %gs:0x14 (glibc's TLS);
 * the kernel has no such segment, so it is built with
 * -mstack-protector-guard=global: the canary is the global __stack_chk_guard.
 *
 * The value is chosen at boot, first thing in start_kernel, so it differs
 * from boot to boot and an overrun cannot just write the known value back.
 * A function running when the value changes would find its stored copy
 * wrong on return: start_kernel, which never returns, is built without the
 * check (__no_stack_protector), and the assignment is inlined into it. The
 * functions it called before have returned; every later frame stores the
 * new value. The canary is __ro_after_init: read-only once the kernel's
 * text is (mark_rodata_ro). */
#ifndef TASKLAB_ASM_STACKPROTECTOR_H
#define TASKLAB_ASM_STACKPROTECTOR_H

extern unsigned long __stack_chk_guard;
/* arch/i386/cpu.c: the boot value (RTC, TSC, RDRAND), never 0. */
unsigned long boot_stack_canary_seed(void);

static inline __attribute__((always_inline)) void boot_init_stack_canary(void)
{
	__stack_chk_guard = boot_stack_canary_seed();
}

#endif
