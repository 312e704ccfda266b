/* include/kernel.h: what almost every kernel file needs: printk, panic, BUG_ON,
 * and the boot-time entry points. */
#ifndef TASKLAB_KERNEL_H
#define TASKLAB_KERNEL_H

#include <types.h>
#include <printk.h>
#include <string.h>

struct pt_regs;

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;
/* A fatal kernel-mode trap: print the registers of the trap frame, then panic. */
void die(const char *what, struct pt_regs *regs) __noreturn;

#define BUG() panic("BUG at %s:%d (%s)", __FILE__, __LINE__, __func__)
#define BUG_ON(cond) do { if (unlikely(cond)) panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); } while (0)
#define WARN_ON(cond) ({ bool __w = !!(cond); if (unlikely(__w)) pr_warn("WARNING: %s at %s:%d\n", #cond, __FILE__, __LINE__); __w; })

/* Exit QEMU through isa-debug-exit (exit status (code << 1) | 1); halts when the
 * device is absent, as on real hardware (arch/i386/reboot.c). */
#define QEMU_EXIT_DONE  0x10   /* status 33: the self-test run reached its end */
#define QEMU_EXIT_PANIC 0x11   /* status 35: panic */
void machine_exit(u32 code) __noreturn;
void machine_halt(void) __noreturn;
/* Power off (QEMU: exit status 33) and reset the machine (kernel/reboot.c
 * calls them for reboot(2)). */
void machine_power_off(void) __noreturn;
void machine_restart(void) __noreturn;

/* The name of the running task for panic messages; "none" before tasks exist. */
const char *panic_task_name(void);

/* The first C function, called by boot/higher_half.asm (kernel/main.c). */
void start_kernel(u32 magic, phys_addr_t mbi);

extern volatile unsigned long jiffies;
#define HZ 100

#define INT_MAX ((int)(~0U >> 1))
#define INT_MIN (-INT_MAX - 1)

#endif
