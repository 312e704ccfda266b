/* arch/i386/com2.c: the 16550 UART at COM2 (0x2F8) as a raw output
 * channel to the host (include/asm/com2.h). Nothing in the kernel uses it
 * but the self-tests that send a file to tests/run.py; QEMU has a COM2
 * only when given a second -serial. Output is polled, as COM1's is
 * (arch/i386/serial.c); there is no input and no interrupt. */
#include <kernel.h>
#include <asm/com2.h>
#include <asm/io.h>

#define COM2 0x2F8
#define UART_THR 0   /* transmit holding register */
#define UART_IER 1   /* interrupt enable */
#define UART_FCR 2   /* FIFO control */
#define UART_LCR 3   /* line control; bit 7 opens the divisor latch */
#define UART_MCR 4   /* modem control */
#define UART_LSR 5   /* line status */
#define UART_SCR 7   /* scratch: a byte written reads back where a UART is */
#define LSR_THRE 0x20

bool com2_probe(void)
{
	outb(COM2 + UART_SCR, 0xA5);
	if (inb(COM2 + UART_SCR) != 0xA5)
		return false;            /* no UART: the bus reads 0xFF */
	outb(COM2 + UART_IER, 0x00);
	outb(COM2 + UART_LCR, 0x80);
	outb(COM2 + 0, 0x01);        /* divisor 1: 115200 baud */
	outb(COM2 + 1, 0x00);
	outb(COM2 + UART_LCR, 0x03); /* 8 bits, no parity, 1 stop bit */
	outb(COM2 + UART_FCR, 0xC7); /* FIFOs on and cleared */
	outb(COM2 + UART_MCR, 0x03); /* DTR, RTS; OUT2 off: no interrupt */
	return true;
}

void com2_write(const void *buf, size_t n)
{
	const u8 *p = buf;

	for (size_t i = 0; i < n; i++) {
		while (!(inb(COM2 + UART_LSR) & LSR_THRE))
			;
		outb(COM2 + UART_THR, p[i]);
	}
}
