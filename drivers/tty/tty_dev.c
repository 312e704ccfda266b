/* drivers/tty/tty_dev.c: terminals as character devices. The tty core
 * takes Linux's two tty majors: 4 (the serial ports ttyS0.. at minors
 * 64..) and 5 (TTYAUX: /dev/tty at 5:0, the controlling terminal of the
 * process that opens it, and /dev/console at 5:1, the console's tty,
 * which here is ttyS0). Every open of those numbers goes to tty_fops,
 * which asks tty_lookup_device for the tty. At boot, tty_init registers
 * the UART's driver and makes /dev/tty and /dev/ttyS0 beside the
 * initramfs's /dev/console. This file is the only one that knows the
 * character-device table and the /dev directory. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <tty.h>

struct tty_struct *tty_lookup_device(dev_t dev)
{
	struct tty_struct *tty;

	if (dev == MKDEV(TTYAUX_MAJOR, 0))
		tty = get_current_tty();
	else if (dev == MKDEV(TTYAUX_MAJOR, 1))
		tty = serial_driver.tty;
	else
		tty = tty_lookup(dev);
	return tty ? tty : ERR_PTR(-ENXIO);
}

bool tty_dev_is_indirect(dev_t dev)
{
	return dev == MKDEV(TTYAUX_MAJOR, 0) || dev == MKDEV(TTYAUX_MAJOR, 1);
}

bool tty_dev_is_console(dev_t dev)
{
	return dev == MKDEV(TTYAUX_MAJOR, 1);
}

/* /dev/name, unless it exists. */
static int tty_mknod(const char *name, umode_t mode, dev_t dev)
{
	struct dentry *dir = root_dentry ? d_lookup(root_dentry, "dev", 3) : NULL, *d;

	if (!dir)
		return -ENOENT;
	if (d_lookup(dir, name, strlen(name)))
		return 0;
	d = ramfs_create(dir, name, strlen(name), S_IFCHR | mode, dev);
	return IS_ERR(d) ? PTR_ERR(d) : 0;
}

void tty_init(void)
{
	int err = register_chrdev(TTY_MAJOR, "tty", &tty_fops);

	if (!err)
		err = register_chrdev(TTYAUX_MAJOR, "/dev/tty", &tty_fops);
	if (!err)
		err = serial_console_register();
	if (err) {
		pr_err("tty: cannot register the terminals (error %d)\n", err);
		return;
	}
	serial_driver.tty->winsize = (struct winsize){ .ws_row = 24, .ws_col = 80 };
	if (tty_mknod("tty", 0666, MKDEV(TTYAUX_MAJOR, 0)) ||
	    tty_mknod("ttyS0", 0660, serial_driver.dev))
		pr_err("tty: cannot make /dev/tty and /dev/ttyS0\n");
}
