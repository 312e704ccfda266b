/* arch/i386/reboot.c: stopping the machine. Under QEMU the isa-debug-exit
 * device (the Makefile and tests/run.py give it port 0xf4) ends the emulator
 * with a status the host can read: a write of `code` exits with
 * (code << 1) | 1, so QEMU_EXIT_DONE is 33 and QEMU_EXIT_PANIC 35. On real
 * hardware the port is unconnected and the CPU halts instead. Power off is
 * that exit (there is no ACPI here); a restart pulses the reset line through
 * the keyboard controller, as Linux's reboot=k, and falls back to a triple
 * fault (an empty IDT, then a breakpoint) if that did nothing. */
#include <kernel.h>
#include <asm/io.h>
#include <asm/irqflags.h>

#define QEMU_DEBUG_EXIT_PORT 0xf4
#define KBD_STATUS_PORT      0x64   /* 8042: status (read), command (write) */
#define KBD_STATUS_IBF       0x02   /* input buffer full: not ready for a command */
#define KBD_CMD_PULSE_RESET  0xfe   /* pulse output line 0: the CPU's reset */

/* Halt for good: interrupts off, so nothing wakes the CPU but NMI/reset. */
void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		halt();
}

void machine_exit(u32 code)
{
	outl(QEMU_DEBUG_EXIT_PORT, code);
	machine_halt();
}

void machine_power_off(void)
{
	machine_exit(QEMU_EXIT_DONE);
}

/* Reset the CPU: the 8042's reset pulse (tried a few times, as Linux's
 * reboot=k), then a triple fault: with an IDT of limit 0 the breakpoint
 * cannot be delivered, nor the double fault that follows. */
void machine_restart(void)
{
	static const struct { u16 limit; u32 base; } __attribute__((packed)) no_idt = { 0, 0 };

	local_irq_disable();
	for (int tries = 0; tries < 10; tries++) {
		for (int i = 0; i < 0x10000 && (inb(KBD_STATUS_PORT) & KBD_STATUS_IBF); i++)
			io_delay();
		outb(KBD_STATUS_PORT, KBD_CMD_PULSE_RESET);
		for (int i = 0; i < 1000; i++)
			io_delay();
	}
	__asm__ __volatile__("lidt %0; int3" :: "m"(no_idt));
	machine_halt();
}
