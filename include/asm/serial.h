/* include/asm/serial.h: the 16550 UART on COM1, the Tasklab console. */
#ifndef TASKLAB_ASM_SERIAL_H
#define TASKLAB_ASM_SERIAL_H

#include <types.h>

void serial_init(void);
/* Enable the receive interrupt (IRQ 4); call once the IDT and PIC are ready. */
void serial_enable_rx_irq(void);
void serial_putc(char c);
/* n bytes out as they are (console_write adds \r before \n; a tty's
 * output processing does that itself). */
void serial_write(const char *s, size_t n);
/* Take one received byte from the input ring; -1 when it is empty. */
int serial_getc(void);
/* Is a received byte waiting in the ring? */
bool serial_rx_pending(void);
/* Forget what the ring holds (a tty port starting up, as a UART's FIFO is
 * cleared). */
void serial_rx_flush(void);
/* Take bytes as the receive interrupt takes those it reads from the UART
 * (SysRq, then the ring, then a wake-up): a test types this way. */
void serial_receive_chars(const char *s, size_t n);
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
