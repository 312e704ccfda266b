/* drivers/tty/tty_ioctl.c: the termios ioctls (Linux's tty_ioctl.c and
 * n_tty's share of them): TCGETS and TCSETS/TCSETSW/TCSETSF (a background
 * process of the terminal's session gets SIGTTOU first; TCSETSF also
 * throws away pending input; output is written synchronously, so there is
 * never any to drain), TCFLSH, TCXONC, FIONREAD and TIOCOUTQ. A driver
 * that cannot change its hardware keeps its line settings: the speed and
 * character size bits of c_cflag stay what they were (HUPCL, CREAD and
 * CLOCAL are taken), as Linux's tty_termios_copy_hw. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <tty.h>
#include <asm/uaccess.h>

#define CFLAG_SETTABLE (HUPCL | CREAD | CLOCAL)

void tty_set_termios(struct tty_struct *tty, const struct termios *new)
{
	struct termios old;

	mutex_lock(&tty->ldisc_mutex);
	old = tty->termios;
	tty->termios = *new;
	tty->termios.c_cflag = (new->c_cflag & CFLAG_SETTABLE) |
			       (old.c_cflag & ~CFLAG_SETTABLE);
	n_tty_set_termios(tty, &old);
	mutex_unlock(&tty->ldisc_mutex);
}

static long set_termios(struct tty_struct *tty, unsigned long arg, bool flush)
{
	struct termios tmp;
	int err = tty_check_change(tty);

	if (err)
		return err;
	if (copy_from_user(&tmp, (const void *)arg, sizeof(tmp)))
		return -EFAULT;
	if (flush)
		n_tty_flush_input(tty);
	tty_set_termios(tty, &tmp);
	return 0;
}

static long tty_flush(struct tty_struct *tty, unsigned long arg)
{
	int err = tty_check_change(tty);

	if (err)
		return err;
	switch (arg) {
	case TCIFLUSH:
	case TCIOFLUSH:
		n_tty_flush_input(tty);
		return 0;
	case TCOFLUSH:                 /* nothing is ever queued for output */
		return 0;
	}
	return -EINVAL;
}

/* TCXONC: suspend or restart output; send the STOP or START character. */
static long tty_flow(struct tty_struct *tty, unsigned long arg)
{
	int err = tty_check_change(tty);
	unsigned char c;

	if (err)
		return err;
	switch (arg) {
	case TCOOFF:
		tty->flow.tco_stopped = true;
		stop_tty(tty);
		return 0;
	case TCOON:
		if (tty->flow.tco_stopped) {
			tty->flow.tco_stopped = false;
			start_tty(tty);
		}
		return 0;
	case TCIOFF:
	case TCION:
		c = TTY_CHAR(tty, arg == TCIOFF ? VSTOP : VSTART);
		if (c)
			tty_put_chars(tty, &c, 1);
		return 0;
	}
	return -EINVAL;
}

long tty_mode_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		    unsigned long arg)
{
	switch (cmd) {
	case TCGETS:
		return copy_to_user((void *)arg, &tty->termios, sizeof(tty->termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
		return set_termios(tty, arg, false);
	case TCSETSF:
		return set_termios(tty, arg, true);
	case TCFLSH:
		return tty_flush(tty, arg);
	case TCXONC:
		return tty_flow(tty, arg);
	case FIONREAD:
		return put_user_u32(n_tty_inq(tty), (u32 *)arg) ? -EFAULT : 0;
	case TIOCOUTQ:
		return put_user_u32(0, (u32 *)arg) ? -EFAULT : 0;
	}
	return -ENOIOCTLCMD;
}
