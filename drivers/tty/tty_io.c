/* drivers/tty/tty_io.c: the tty core (include/tty.h), Linux's tty_io.c
 * reduced to one tty per driver. It owns the ttys (registered by their
 * drivers), the file operations of an open tty (open counts the file and
 * may give a session leader its controlling terminal; read, write and
 * poll go to the line discipline; ioctl tries the core's commands, then
 * job control's, then the termios ones), and the hangup: the terminal's
 * open files (but those opened as /dev/console, as in Linux) switch to
 * operations that read 0, write EIO and poll as hung up, its session is
 * signalled and loses it, its input is thrown away. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <poll.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <tty.h>
#include <uio.h>
#include <asm/uaccess.h>

static LIST_HEAD(tty_drivers);

const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
		[VEOF] = 004, [VTIME] = 0, [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023,
		[VSUSP] = 032, [VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027,
		[VLNEXT] = 026,
	},
};

struct tty_struct *tty_lookup(dev_t dev)
{
	struct tty_driver *drv;

	list_for_each_entry(drv, &tty_drivers, list)
		if (drv->dev == dev)
			return drv->tty;
	return NULL;
}

DEFINE_MUTEX(tty_mutex);

int tty_register_driver(struct tty_driver *drv)
{
	struct tty_struct *tty;

	if (tty_lookup(drv->dev))
		return -EBUSY;
	tty = kzalloc(sizeof(*tty), GFP_KERNEL);
	if (!tty)
		return -ENOMEM;
	tty->driver = drv;
	tty->ops = drv->ops;
	tty->name = drv->name;
	tty->termios = drv->init_termios;
	__mutex_init(&tty->ldisc_mutex, "tty->ldisc_mutex");
	__spin_lock_init(&tty->ctrl_lock, "tty->ctrl_lock");
	INIT_LIST_HEAD(&tty->tty_files);
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
	n_tty_open(tty);
	drv->tty = tty;
	list_add_tail(&drv->list, &tty_drivers);
	return 0;
}

void tty_unregister_driver(struct tty_driver *drv)
{
	struct tty_struct *tty = drv->tty;

	mutex_lock(&tty_mutex);
	BUG_ON(tty->count);
	session_clear_tty(tty->session);
	mutex_unlock(&tty_mutex);
	list_del(&drv->list);
	drv->tty = NULL;
	kfree(tty);
}

void tty_put_chars(struct tty_struct *tty, const unsigned char *buf, int n)
{
	while (n > 0) {
		int done = tty->ops->write(tty, buf, n);

		if (done <= 0)
			break;
		buf += done;
		n -= done;
	}
}

/* stop_tty/start_tty: output stops (^S, TCOOFF) and goes on (^Q, TCOON). */
void stop_tty(struct tty_struct *tty)
{
	tty->flow.stopped = true;
}

void start_tty(struct tty_struct *tty)
{
	if (!tty->flow.stopped || tty->flow.tco_stopped)
		return;
	tty->flow.stopped = false;
	wake_up_all(&tty->write_wait);
}

/* --- an open tty file ---------------------------------------------------- */

static const struct file_operations hung_up_tty_fops;

struct tty_struct *file_tty(struct file *f)
{
	if (f->f_op != &tty_fops && f->f_op != &hung_up_tty_fops)
		return NULL;
	return ((struct tty_file_private *)f->private_data)->tty;
}

bool tty_hung_up_p(struct file *f)
{
	return f->f_op == &hung_up_tty_fops;
}

/* Contract: open of a tty device node (f_op->open). Finds the tty by the
 * node's number (tty_dev.c: /dev/tty is current's controlling terminal,
 * ENXIO without one), starts the driver on the first open, counts the file
 * and, unless O_NOCTTY or /dev/tty or /dev/console, makes the tty the
 * controlling terminal of a session leader that has none. 0 or -errno. */
static int tty_open(struct inode *inode, struct file *file)
{
	struct tty_struct *tty = tty_lookup_device(inode->i_rdev);
	bool noctty = (file->f_flags & O_NOCTTY) || tty_dev_is_indirect(inode->i_rdev);
	struct tty_file_private *priv;
	int err;

	if (IS_ERR(tty))
		return PTR_ERR(tty);
	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	mutex_lock(&tty_mutex);
	if (!tty->count) {
		n_tty_open(tty);
		if (tty->ops->open && (err = tty->ops->open(tty))) {
			mutex_unlock(&tty_mutex);
			kfree(priv);
			return err;
		}
	}
	*priv = (struct tty_file_private){ tty, file, LIST_HEAD_INIT(priv->list),
					   tty_dev_is_console(inode->i_rdev) };
	list_add(&priv->list, &tty->tty_files);
	tty->count++;
	file->private_data = priv;
	if (!noctty)
		tty_open_proc_set_tty(file, tty);
	mutex_unlock(&tty_mutex);
	return 0;
}

/* The last close of a tty: no session keeps it, its input goes. */
static void tty_release(struct file *file)
{
	struct tty_file_private *priv = file->private_data;
	struct tty_struct *tty = priv->tty;

	mutex_lock(&tty_mutex);
	list_del(&priv->list);
	kfree(priv);
	if (!--tty->count) {
		session_clear_tty(tty->session);
		tty_clear_session(tty);
		if (tty->ops->close)
			tty->ops->close(tty);
		n_tty_flush_input(tty);
	}
	mutex_unlock(&tty_mutex);
}

static ssize_t tty_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return n_tty_read(file_tty(file), file, to);
}

static ssize_t tty_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	return n_tty_write(file_tty(file), file, from);
}

static __poll_t tty_poll(struct file *file, struct poll_table_struct *wait)
{
	return n_tty_poll(file_tty(file), file, wait);
}

/* TIOCSTI: one byte into the input, as if typed. Only on the caller's
 * controlling terminal, unless root. */
static long tiocsti(struct tty_struct *tty, unsigned long arg)
{
	unsigned char c;

	if (current->signal->tty != tty && current->euid != 0)
		return -EPERM;
	if (copy_from_user(&c, (const void *)arg, 1))
		return -EFAULT;
	if (n_tty_receive_room(tty))
		n_tty_receive_buf(tty, &c, 1);
	return 0;
}

static long tiocgwinsz(struct tty_struct *tty, unsigned long arg)
{
	return copy_to_user((void *)arg, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
}

/* A new window size: SIGWINCH to the foreground group if it changed. */
static long tiocswinsz(struct tty_struct *tty, unsigned long arg)
{
	struct winsize ws;
	pid_t pgrp = tty_get_pgrp(tty);

	if (copy_from_user(&ws, (const void *)arg, sizeof(ws)))
		return -EFAULT;
	if (!memcmp(&ws, &tty->winsize, sizeof(ws)))
		return 0;
	if (pgrp)
		kill_pgrp(pgrp, SIGWINCH, 1);
	tty->winsize = ws;
	return 0;
}

/* The core's own commands; -ENOIOCTLCMD for the others. */
static long tty_core_ioctl(struct tty_struct *tty, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case TIOCSTI:
		return tiocsti(tty, arg);
	case TIOCGWINSZ:
		return tiocgwinsz(tty, arg);
	case TIOCSWINSZ:
		return tiocswinsz(tty, arg);
	case TIOCGETD:                  /* the line discipline: always N_TTY (0) */
		return put_user_u32(0, (u32 *)arg) ? -EFAULT : 0;
	case TCSBRK:                    /* tcdrain, tcsendbreak: output is sent */
	case TCSBRKP:                   /* synchronously, and a break is nothing */
		return tty_check_change(tty);
	}
	return -ENOIOCTLCMD;
}

static long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file_tty(file);
	long ret = tty_core_ioctl(tty, cmd, arg);

	if (ret == -ENOIOCTLCMD)
		ret = tty_jobctrl_ioctl(tty, file, cmd, arg);
	if (ret == -ENOIOCTLCMD)
		ret = tty_mode_ioctl(tty, file, cmd, arg);
	return ret == -ENOIOCTLCMD ? -ENOTTY : ret;
}

const struct file_operations tty_fops = {
	.open = tty_open,
	.read_iter = tty_read,
	.write_iter = tty_write,
	.unlocked_ioctl = tty_ioctl,
	.poll = tty_poll,
	.release = tty_release,
};

/* --- hangup ------------------------------------------------------------- */

static ssize_t hung_up_tty_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	return 0;
}

static ssize_t hung_up_tty_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	return -EIO;
}

static long hung_up_tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	return cmd == TIOCSPGRP ? -ENOTTY : -EIO;
}

static __poll_t hung_up_tty_poll(struct file *f, struct poll_table_struct *wait)
{
	return POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM | POLLWRNORM;
}

static const struct file_operations hung_up_tty_fops = {
	.read_iter = hung_up_tty_read,
	.write_iter = hung_up_tty_write,
	.unlocked_ioctl = hung_up_tty_ioctl,
	.poll = hung_up_tty_poll,
	.release = tty_release,
};

/* Contract: hang tty up (above); exit_session: its session leader exited,
 * and the foreground group gets SIGHUP too. Readers and writers asleep on
 * it wake (a hung-up file's read returns 0, its write -EIO). The tty
 * stays usable for new opens. Process context; takes tty_mutex. */
void __tty_hangup(struct tty_struct *tty, bool exit_session)
{
	struct tty_file_private *priv;

	mutex_lock(&tty_mutex);
	list_for_each_entry(priv, &tty->tty_files, list)
		if (!priv->console)
			priv->file->f_op = &hung_up_tty_fops;
	tty_signal_session_leader(tty, exit_session);
	n_tty_hangup(tty);
	tty_clear_session(tty);
	mutex_unlock(&tty_mutex);
}

void tty_vhangup_session(struct tty_struct *tty)
{
	__tty_hangup(tty, true);
}
