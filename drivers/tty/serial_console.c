/* drivers/tty/serial_console.c: ttyS0, the tty on the 16550 UART
 * (arch/i386/serial.c), which is also /dev/console. Output goes to the
 * UART as the line discipline hands it over. Input takes two steps, as in
 * Linux (the 8250 interrupt fills a flip buffer, a worker runs the line
 * discipline): the receive interrupt only queues bytes in the UART's
 * ring, and the kernel thread kttyd hands them to the line discipline in
 * process context, where it may echo, send ^C's signal and wake readers.
 * kttyd takes bytes only while ttyS0 is open (the port is "started", and
 * what came while it was closed is dropped, as a UART's FIFO is cleared
 * at start-up) and while the line discipline has room: a full input
 * buffer holds the rest back in the ring, and a read that makes room
 * wakes kttyd again (unthrottle). While the port is closed the ring is
 * left to the kernel monitor and the serial self-test. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <kthread.h>
#include <sched.h>
#include <tty.h>
#include <wait.h>
#include <asm/serial.h>

static bool port_active;            /* ttyS0 is open: its input is taken */

static int uart_write(struct tty_struct *tty, const unsigned char *buf, int n)
{
	serial_write((const char *)buf, n);
	return n;
}

static int uart_open(struct tty_struct *tty)
{
	serial_rx_flush();
	port_active = true;
	return 0;
}

static void uart_close(struct tty_struct *tty)
{
	port_active = false;
}

static void uart_unthrottle(struct tty_struct *tty)
{
	wake_up_all(&serial_rx_wait);
}

static const struct tty_operations uart_ops = {
	.write = uart_write,
	.open = uart_open,
	.close = uart_close,
	.unthrottle = uart_unthrottle,
};

struct tty_driver serial_driver = {
	.name = "ttyS0",
	.dev = MKDEV(TTY_MAJOR, 64),
	.ops = &uart_ops,
};

int serial_console_register(void)
{
	serial_driver.init_termios = tty_std_termios;
	serial_driver.init_termios.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL;
	return tty_register_driver(&serial_driver);
}

static bool rx_ready(struct tty_struct *tty)
{
	return port_active && serial_rx_pending() && n_tty_receive_room(tty);
}

/* The bytes in the ring to the line discipline, as many as it has room for. */
static void flush_to_ldisc(struct tty_struct *tty)
{
	unsigned char buf[64];
	size_t n, room;
	int c;

	while (port_active && (room = n_tty_receive_room(tty))) {
		room = min(room, sizeof(buf));
		for (n = 0; n < room && (c = serial_getc()) >= 0; n++)
			buf[n] = (unsigned char)c;
		if (!n)
			break;
		n_tty_receive_buf(tty, buf, n);
	}
}

static int kttyd(void *unused)
{
	struct tty_struct *tty = serial_driver.tty;
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait(&serial_rx_wait, &wait, TASK_INTERRUPTIBLE);
		if (!rx_ready(tty)) {
			schedule();
			continue;
		}
		finish_wait(&serial_rx_wait, &wait);
		flush_to_ldisc(tty);
	}
	return 0;
}

void serial_console_start(void)
{
	struct task_struct *k = kthread_run(kttyd, NULL, "kttyd");

	if (IS_ERR(k))
		pr_err("tty: cannot start kttyd (error %ld): no console input\n", PTR_ERR(k));
}
