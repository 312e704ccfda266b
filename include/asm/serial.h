/* include/asm/serial.h: the 16550 UART on COM1, the Tasklab console. */
#ifndef TASKLAB_ASM_SERIAL_H
#define TASKLAB_ASM_SERIAL_H

#include <types.h>

void serial_init(void);
/* Enable the receive interrupt (IRQ 4); call once the IDT and PIC are ready. */
void serial_enable_rx_irq(void);
void serial_putc(char c);
/* Take one received byte from the input ring; -1 when it is empty. */
int serial_getc(void);
/* Woken by the receive interrupt: sleep here for input. */
struct wait_queue_head;
extern struct wait_queue_head serial_rx_wait;
/* Bytes received since boot and bytes dropped because the ring was full. */
extern unsigned long serial_rx_count, serial_rx_dropped;
/* Read a line (without the newline) into buf, waiting up to `ticks` jiffies
 * for it; returns its length, or -1 on timeout. Characters past size - 1 are
 * dropped (the returned length says what was kept). Needs interrupts on. */
int serial_read_line(char *buf, size_t size, unsigned long ticks);
/* SysRq: fn sees each received byte in the receive interrupt, before it is
 * queued; a byte it returns true for is consumed (NULL: none). */
void serial_set_sysrq(bool (*fn)(char c));

#endif
