/* kernel/tty.c: /dev/console, character device 5:1, on the serial port.
 * Writes go straight out (console_write turns \n into \r\n). Reads take the
 * bytes the serial interrupt queued, run them through the line discipline
 * (kernel/n_tty.c, echoing to the port) and return one line; with no line
 * complete yet the reader sleeps in tty_wait_input until the serial
 * interrupt brings more (opened O_NONBLOCK, it gets -EAGAIN instead).
 * ioctl answers what C libraries ask at start-up: TCGETS (so isatty() is
 * true: canonical mode with echo, 115200 8N1) and TIOCGWINSZ (24 x 80);
 * TCSETS is accepted and changes nothing; anything else is -ENOTTY. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <sched.h>
#include <tty.h>
#include <wait.h>
#include <uio.h>
#include <asm/irqflags.h>
#include <asm/serial.h>
#include <asm/uaccess.h>
#include <uapi/asm/termbits.h>
#include <uapi/linux/fcntl.h>


struct n_tty console_ldisc = { .echo = console_write };

/* Sleep until the serial interrupt has received something after `seen`
 * (serial_rx_count before the last drain), or the task is killed; other
 * tasks run meanwhile. */
void tty_wait_input(unsigned long seen)
{
	DEFINE_WAIT(wait);

	prepare_to_wait(&serial_rx_wait, &wait, TASK_INTERRUPTIBLE);
	if (serial_rx_count == seen && !signal_pending(current))
		schedule();
	finish_wait(&serial_rx_wait, &wait);
}

static void drain_serial(void)
{
	int c;

	while ((c = serial_getc()) >= 0)
		n_tty_receive_char(&console_ldisc, (char)c);
}

static ssize_t console_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	long n;

	if (!to->count)
		return 0;
	for (;;) {
		unsigned long seen = serial_rx_count;

		drain_serial();
		n = n_tty_read(&console_ldisc, to);
		if (n != -EAGAIN || (f->f_flags & O_NONBLOCK))
			return n;
		if (signal_pending(current))
			return -ERESTARTSYS;    /* a handler runs, then EINTR or a restart */
		tty_wait_input(seen);
	}
}

static ssize_t console_write_iter(struct file *f, struct iov_iter *from, loff_t *pos)
{
	char buf[128];
	size_t done = 0, c;

	while (from->count) {
		c = copy_from_iter(buf, sizeof(buf), from);
		console_write(buf, c);
		done += c;
		if (from->fault)
			break;
	}
	return done == 0 && from->fault ? -EFAULT : (ssize_t)done;
}

static long console_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	static const struct termios tio = {
		.c_iflag = ICRNL, .c_oflag = OPOST | ONLCR,
		.c_cflag = B115200 | CS8 | CREAD, .c_lflag = ISIG | ICANON | ECHO | ECHOE,
		.c_cc = { [VINTR] = 3, [VERASE] = 0x7f, [VKILL] = 0x15, [VEOF] = 4 },
	};
	static const struct winsize ws = { 24, 80, 0, 0 };
	struct termios ignored;

	switch (cmd) {
	case TCGETS:
		return copy_to_user((void *)arg, &tio, sizeof(tio)) ? -EFAULT : 0;
	case TCSETS:
		return copy_from_user(&ignored, (void *)arg, sizeof(ignored)) ? -EFAULT : 0;
	case TIOCGWINSZ:
		return copy_to_user((void *)arg, &ws, sizeof(ws)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations console_fops = {
	.read_iter = console_read,
	.write_iter = console_write_iter,
	.unlocked_ioctl = console_ioctl,
};

void tty_init(void)
{
	if (register_chrdev(TTYAUX_MAJOR, "console", &console_fops))
		pr_err("tty: cannot register /dev/console\n");
}
