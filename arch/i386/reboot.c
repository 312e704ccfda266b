/* arch/i386/reboot.c: stopping the machine. Under QEMU the isa-debug-exit
 * device (the Makefile and tests/run.py give it port 0xf4) ends the emulator
 * with a status the host can read: a write of `code` exits with
 * (code << 1) | 1, so QEMU_EXIT_DONE is 33 and QEMU_EXIT_PANIC 35. On real
 * hardware the port is unconnected and the CPU halts instead. */
#include <kernel.h>
#include <asm/io.h>
#include <asm/irqflags.h>

#define QEMU_DEBUG_EXIT_PORT 0xf4

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
