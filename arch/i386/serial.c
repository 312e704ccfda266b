/* arch/i386/serial.c: the 16550 UART on COM1 (0x3F8), 115200 8N1.
 * Output is polled (wait for the transmit holding register, then write), so a
 * panic can always print. Input is interrupt driven: IRQ 4 moves bytes from the
 * UART into a ring buffer that serial_getc() drains, after offering each to the
 * SysRq handler, which works even when no thread gets to run. The ring
 * (rx_head, rx_tail and the counters) is guarded by serial_rx_lock, taken
 * with interrupts off (the IRQ 4 handler fills it); output needs no lock
 * beyond printk's logbuf_lock, which every console write runs under. */
#include <kernel.h>
#include <printk.h>
#include <spinlock.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/serial.h>
#include <wait.h>

#define COM1 0x3F8
#define UART_RBR 0   /* receive buffer (read) / transmit holding (write) */
#define UART_IER 1   /* interrupt enable */
#define UART_FCR 2   /* FIFO control */
#define UART_LCR 3   /* line control; bit 7 opens the divisor latch */
#define UART_MCR 4   /* modem control; OUT2 gates the IRQ line */
#define UART_LSR 5   /* line status */
#define LSR_DR   0x01
#define LSR_THRE 0x20

#define RX_RING 1024
static char rx_ring[RX_RING];
static volatile u32 rx_head, rx_tail;
static DEFINE_SPINLOCK(serial_rx_lock);
unsigned long serial_rx_count, serial_rx_dropped;
DECLARE_WAIT_QUEUE_HEAD(serial_rx_wait);
static bool (*rx_sysrq)(char c);

void serial_set_sysrq(bool (*fn)(char c))
{
	rx_sysrq = fn;
}

void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);
	outb(COM1 + 0, 0x01);               /* divisor 1: 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + UART_LCR, 0x03);        /* 8 bits, no parity, 1 stop bit */
	outb(COM1 + UART_FCR, 0xC7);        /* FIFOs on and cleared, 14-byte trigger */
	outb(COM1 + UART_MCR, 0x0B);        /* DTR, RTS, OUT2 */
}

void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THRE))
		;
	outb(COM1 + UART_RBR, c);
}

/* The transmitter, as Linux's uart port->lock: one writer's bytes go out
 * together. printk's console lines and a tty's writes from two CPUs came
 * out interleaved character by character without it. Interrupts off
 * (printk comes from handlers too); during an oops it is only tried, so
 * that a CPU stopped holding it cannot silence the report. */
static DEFINE_SPINLOCK(serial_tx_lock);

static bool serial_tx_lock_irqsave(unsigned long *flags)
{
	*flags = local_irq_save();
	if (!oops_in_progress) {
		spin_lock(&serial_tx_lock);
		return true;
	}
	return spin_trylock(&serial_tx_lock);
}

static void serial_tx_unlock_irqrestore(bool locked, unsigned long flags)
{
	if (locked)
		spin_unlock(&serial_tx_lock);
	local_irq_restore(flags);
}

void serial_write(const char *s, size_t n)
{
	unsigned long flags;
	bool locked = serial_tx_lock_irqsave(&flags);

	for (size_t i = 0; i < n; i++)
		serial_putc(s[i]);
	serial_tx_unlock_irqrestore(locked, flags);
}

unsigned long console_bytes;

/* Console bytes, \n as \r\n; serial_tx_lock held. */
static void __console_write(const char *s, size_t n)
{
	console_bytes += n;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

void console_write(const char *s, size_t n)
{
	console_write_stamped(NULL, 0, s, n);
}

void console_write_stamped(const char *stamp, size_t sn, const char *s, size_t n)
{
	unsigned long flags;
	bool locked = serial_tx_lock_irqsave(&flags);

	__console_write(stamp, sn);
	__console_write(s, n);
	serial_tx_unlock_irqrestore(locked, flags);
}

/* One received byte: SysRq first, then the ring. Interrupts off. */
static void serial_rx_byte(char c)
{
	serial_rx_count++;
	if (rx_sysrq && rx_sysrq(c))
		return;
	if (rx_head - rx_tail >= RX_RING) {
		serial_rx_dropped++;
		return;
	}
	rx_ring[rx_head++ % RX_RING] = c;
}

static void serial_interrupt(int irq, struct pt_regs *regs)
{
	unsigned long flags;

	spin_lock_irqsave(&serial_rx_lock, flags);
	while (inb(COM1 + UART_LSR) & LSR_DR)
		serial_rx_byte(inb(COM1 + UART_RBR));
	spin_unlock_irqrestore(&serial_rx_lock, flags);
	wake_up(&serial_rx_wait);
}

void serial_receive_chars(const char *s, size_t n)
{
	unsigned long flags;

	spin_lock_irqsave(&serial_rx_lock, flags);
	for (size_t i = 0; i < n; i++)
		serial_rx_byte(s[i]);
	spin_unlock_irqrestore(&serial_rx_lock, flags);
	wake_up(&serial_rx_wait);
}

bool serial_rx_pending(void)
{
	return rx_head != rx_tail;
}

void serial_rx_flush(void)
{
	unsigned long flags;

	spin_lock_irqsave(&serial_rx_lock, flags);
	rx_tail = rx_head;
	spin_unlock_irqrestore(&serial_rx_lock, flags);
}

void serial_enable_rx_irq(void)
{
	request_irq(4, serial_interrupt, "serial");
	outb(COM1 + UART_IER, 0x01);        /* interrupt on received data */
	serial_interrupt(4, NULL);           /* drain what arrived before */
}

int serial_getc(void)
{
	unsigned long flags;
	int c = -1;

	spin_lock_irqsave(&serial_rx_lock, flags);
	if (rx_tail != rx_head)
		c = (unsigned char)rx_ring[rx_tail++ % RX_RING];
	spin_unlock_irqrestore(&serial_rx_lock, flags);
	return c;
}

int serial_read_line(char *buf, size_t size, unsigned long ticks)
{
	unsigned long deadline = jiffies + ticks;
	size_t n = 0;
	int c;

	while ((long)(jiffies - deadline) < 0) {
		local_irq_disable();
		c = serial_getc();
		if (c < 0) {
			safe_halt();     /* sleep until the next interrupt, none lost */
			continue;
		}
		local_irq_enable();
		if (c == '\r' || c == '\n') {
			buf[n] = '\0';
			return (int)n;
		}
		if (n + 1 < size)
			buf[n++] = (char)c;
	}
	return -1;
}
