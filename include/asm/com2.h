/* include/asm/com2.h: the second UART (COM2) as a raw byte channel to
 * the host, for the test harness (arch/i386/com2.c). tests/run.py gives
 * QEMU a second -serial, a file on the host, when a boot sends something
 * out this way (a core file for the host's gdb: tests/test_coredump.c). */
#ifndef TASKLAB_ASM_COM2_H
#define TASKLAB_ASM_COM2_H

#include <types.h>

/* Is there a UART at COM2? If so it is set up (115200 8N1, no
 * interrupts) and true is returned. */
bool com2_probe(void);
/* Send n bytes as they are (no newline translation). Polled. */
void com2_write(const void *buf, size_t n);

#endif
