/* tests/test_tty.c: the terminal from the kernel's side. Most cases use a
 * tty of their own whose driver records what is sent to the "screen", so
 * the echo and the output processing can be compared byte for byte: input
 * is typed into its line discipline (n_tty_receive_buf, what a driver and
 * TIOCSTI call), read back through an open file of its device node. The
 * console cases go through the real path: bytes handed over as the UART's
 * interrupt hands them (serial_receive_chars), taken to ttyS0's line
 * discipline by kttyd, read through /dev/console. Job control and the
 * system calls are tested from user space: the programs utest_tty and
 * utest_poll are suites of their own, declared at the end. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <kthread.h>
#include <ktest.h>
#include <poll.h>
#include <sched.h>
#include <timer.h>
#include <tty.h>
#include <uio.h>
#include <asm/serial.h>
#include "fs_helpers.h"

static char screen[1024];
static size_t screen_len;

static int capture_write(struct tty_struct *tty, const unsigned char *buf, int n)
{
	size_t c = min((size_t)n, sizeof(screen) - 1 - screen_len);

	memcpy(screen + screen_len, buf, c);
	screen_len += c;
	screen[screen_len] = '\0';
	return n;
}

static const struct tty_operations capture_ops = { .write = capture_write };
static struct tty_driver test_driver = { .name = "ttytest", .dev = MKDEV(4, 100), .ops = &capture_ops };

struct test_tty {
	struct dentry *root;
	struct file *f;
	struct tty_struct *tty;
	loff_t pos;
};

static void clear_screen(void)
{
	screen_len = 0;
	screen[0] = '\0';
}

/* Register the test tty and open it (O_NOCTTY: the test runs as PID 1, a
 * session leader, which must not take it as its terminal). */
static bool test_tty_open(struct ktest *t, struct test_tty *tt, unsigned int flags)
{
	struct dentry *d;

	test_driver.init_termios = tty_std_termios;
	KTEST_ASSERT_EQ(t, tty_register_driver(&test_driver), 0);
	tt->tty = test_driver.tty;
	tt->root = ramfs_new_root();
	tt->pos = 0;
	d = tt->root ? ramfs_create(tt->root, "tty", 3, S_IFCHR | 0600, test_driver.dev) : NULL;
	tt->f = !IS_ERR_OR_NULL(d) ? dentry_open(d, O_RDWR | O_NOCTTY | flags) : ERR_PTR(-ENOMEM);
	clear_screen();
	KTEST_EXPECT_FALSE(t, IS_ERR(tt->f));
	return !IS_ERR(tt->f);
}

static void test_tty_close(struct test_tty *tt)
{
	if (!IS_ERR(tt->f))
		fput(tt->f);
	tty_unregister_driver(&test_driver);
	if (tt->root)
		ramfs_kill_tree(tt->root);
}

static void type(struct test_tty *tt, const char *s)
{
	n_tty_receive_buf(tt->tty, (const unsigned char *)s, strlen(s));
}

/* One read of at most n bytes into buf (which holds n + 1: a NUL is added). */
static long read_str(struct test_tty *tt, char *buf, size_t n)
{
	long r = kernel_read(tt->f, buf, n, &tt->pos);

	buf[r > 0 ? r : 0] = '\0';
	return r;
}

static void set_lflag(struct test_tty *tt, tcflag_t on, tcflag_t off)
{
	struct termios tio = tt->tty->termios;

	tio.c_lflag = (tio.c_lflag | on) & ~off;
	tty_set_termios(tt->tty, &tio);
}

/* Canonical mode: DEL erases ("\b \b"), ^U kills the line (each byte
 * erased, ECHOKE), ^W a word; Enter (CR, by ICRNL) ends the line. */
static void tty_canonical_editing(struct ktest *t)
{
	struct test_tty tt;
	char buf[64];

	if (!test_tty_open(t, &tt, O_NONBLOCK))
		goto out;
	type(&tt, "ab\x7f");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), -EAGAIN);  /* no line yet */
	type(&tt, "c\r");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 3);
	KTEST_EXPECT_STREQ(t, buf, "ac\n");
	KTEST_EXPECT_STREQ(t, screen, "ab\b \bc\r\n");
	clear_screen();
	type(&tt, "\x7fxyz\x15ok\n");                 /* DEL on nothing; ^U kills "xyz" */
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 3);
	KTEST_EXPECT_STREQ(t, buf, "ok\n");
	KTEST_EXPECT_STREQ(t, screen, "xyz\b \b\b \b\b \bok\r\n");
	type(&tt, "cp a_b c-d\x17x\n");              /* ^W: "c-d" is two words */
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 11);
	KTEST_EXPECT_STREQ(t, buf, "cp a_b c-x\n");
	type(&tt, "one two_2\x17\x17x\n");           /* the blank, then "one" */
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 2);
	KTEST_EXPECT_STREQ(t, buf, "x\n");
out:
	test_tty_close(&tt);
}

/* A read returns one line, or as much of it as the buffer holds; a line
 * as long as the whole buffer can still be ended by NL. */
static void tty_reads_one_line_at_a_time(struct ktest *t)
{
	static char buf[N_TTY_BUF_SIZE + 8];
	struct test_tty tt;

	if (!test_tty_open(t, &tt, O_NONBLOCK))
		goto out;
	set_lflag(&tt, 0, ECHO);
	type(&tt, "hello\nworld\n");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, 2), 2);          /* a short buffer */
	KTEST_EXPECT_STREQ(t, buf, "he");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, 64), 4);
	KTEST_EXPECT_STREQ(t, buf, "llo\n");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, 64), 6);
	KTEST_EXPECT_STREQ(t, buf, "world\n");
	for (int i = 0; i < N_TTY_BUF_SIZE + 5; i++)
		type(&tt, "a");
	type(&tt, "\n");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), N_TTY_BUF_SIZE - 1);
	KTEST_EXPECT_EQ(t, buf[N_TTY_BUF_SIZE - 2], '\n');
	KTEST_EXPECT_EQ(t, buf[N_TTY_BUF_SIZE - 3], 'a');
out:
	test_tty_close(&tt);
}

/* ^D: alone, a read of 0 (end of file) once; after text, it hands the
 * text over without a newline. */
static void tty_end_of_file(struct ktest *t)
{
	struct test_tty tt;
	char buf[16];

	if (!test_tty_open(t, &tt, O_NONBLOCK))
		goto out;
	type(&tt, "\x04");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 0);
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), -EAGAIN);
	type(&tt, "ab\x04");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 2);
	KTEST_EXPECT_STREQ(t, buf, "ab");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), -EAGAIN);   /* not an EOF */
	type(&tt, "cd\x04\x04");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 2);
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 0);
	KTEST_EXPECT_STREQ(t, screen, "abcd");                     /* ^D is not echoed */
out:
	test_tty_close(&tt);
}

/* ECHOCTL shows control bytes as ^X (^? for DEL) and a signal character
 * (^C) too; without ECHOE an erase echoes the erase character; without
 * ECHOKE a kill echoes ^U and, with ECHOK, a newline; ECHONL echoes NL
 * with ECHO off. */
static void tty_echo_flags(struct ktest *t)
{
	struct test_tty tt;
	char buf[32];

	if (!test_tty_open(t, &tt, O_NONBLOCK))
		goto out;
	type(&tt, "a\x01\x7f\x7f\x03");
	KTEST_EXPECT_STREQ(t, screen, "a^A\b \b\b \b\b \b^C");
	clear_screen();
	set_lflag(&tt, 0, ECHOE | ECHOKE);
	type(&tt, "xy\x7f\x15");
	KTEST_EXPECT_STREQ(t, screen, "xy^?^U\r\n");
	clear_screen();
	set_lflag(&tt, ECHONL, ECHO);
	type(&tt, "secret\n");
	KTEST_EXPECT_STREQ(t, screen, "\r\n");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 7);
	KTEST_EXPECT_STREQ(t, buf, "secret\n");
	clear_screen();
	set_lflag(&tt, ECHO | ECHOE, ECHOCTL);
	type(&tt, "\x01\x7f" "b\x16\x03\n");           /* ^V: ^C taken literally */
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 3);
	KTEST_EXPECT_STREQ(t, buf, "b\x03\n");
	KTEST_EXPECT_STREQ(t, screen, "\x01" "b\x03\r\n");   /* a ^A took no column */
out:
	test_tty_close(&tt);
}

/* Erasing a TAB backs up to where the TAB began. */
static void tty_erase_tab(struct ktest *t)
{
	struct test_tty tt;

	if (!test_tty_open(t, &tt, O_NONBLOCK))
		goto out;
	type(&tt, "ab\t\x7f\x7f");
	KTEST_EXPECT_STREQ(t, screen, "ab\t\b\b\b\b\b\b\b \b");
out:
	test_tty_close(&tt);
}

/* OPOST: ONLCR, OCRNL, ONOCR, XTABS, OLCUC; without OPOST bytes pass. */
static void tty_output_processing(struct ktest *t)
{
	struct test_tty tt;
	struct termios tio;

	if (!test_tty_open(t, &tt, 0))
		goto out;
	KTEST_EXPECT_EQ(t, kernel_write(tt.f, "a\nb\tc\n", 6, &tt.pos), 6);
	KTEST_EXPECT_STREQ(t, screen, "a\r\nb\tc\r\n");
	clear_screen();
	tio = tt.tty->termios;
	tio.c_oflag |= OCRNL | ONOCR | XTABS | OLCUC;
	tty_set_termios(tt.tty, &tio);
	KTEST_EXPECT_EQ(t, kernel_write(tt.f, "\rx\ty\r", 5, &tt.pos), 5);
	KTEST_EXPECT_STREQ(t, screen, "X       Y\n");   /* the CR at column 0 goes */
	clear_screen();
	tio.c_oflag &= ~OPOST;
	tty_set_termios(tt.tty, &tio);
	KTEST_EXPECT_EQ(t, kernel_write(tt.f, "a\nb\r", 4, &tt.pos), 4);
	KTEST_EXPECT_STREQ(t, screen, "a\nb\r");
out:
	test_tty_close(&tt);
}

/* ICRNL, IGNCR, INLCR, ISTRIP on input. */
static void tty_input_translation(struct ktest *t)
{
	struct test_tty tt;
	struct termios tio;
	char buf[16];

	if (!test_tty_open(t, &tt, O_NONBLOCK))
		goto out;
	set_lflag(&tt, 0, ECHO | ICANON);
	tio = tt.tty->termios;
	type(&tt, "a\rb");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 3);
	KTEST_EXPECT_STREQ(t, buf, "a\nb");
	tio.c_iflag = IGNCR | INLCR | ISTRIP;
	tty_set_termios(tt.tty, &tio);
	type(&tt, "c\r\nd\xe5");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 4);
	KTEST_EXPECT_STREQ(t, buf, "c\rde");
	tio.c_iflag = 0;
	tty_set_termios(tt.tty, &tio);
	type(&tt, "\r\n");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 2);
	KTEST_EXPECT_STREQ(t, buf, "\r\n");
out:
	test_tty_close(&tt);
}

/* ^C with ISIG flushes what was typed (nobody to signal: no foreground
 * group) unless NOFLSH; without ISIG it is an ordinary byte. */
static void tty_signal_char_flushes_input(struct ktest *t)
{
	static unsigned int inq;
	struct test_tty tt;
	char buf[16];

	if (!test_tty_open(t, &tt, O_NONBLOCK))
		goto out;
	type(&tt, "abc\ndef\x03gh\n");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 3);
	KTEST_EXPECT_STREQ(t, buf, "gh\n");
	KTEST_EXPECT_STREQ(t, screen, "abc\r\ndef^Cgh\r\n");
	set_lflag(&tt, NOFLSH, 0);
	type(&tt, "ab\x1cx\n");                       /* ^\\ */
	KTEST_EXPECT_EQ(t, vfs_ioctl(tt.f, FIONREAD, (unsigned long)ktest_user_alias(&inq)), 0);
	ktest_drop_user_alias();
	KTEST_EXPECT_EQ(t, inq, 4);
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 4);
	KTEST_EXPECT_STREQ(t, buf, "abx\n");
	set_lflag(&tt, 0, ISIG);
	type(&tt, "\x03\x1a\n");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 3);
	KTEST_EXPECT_STREQ(t, buf, "\x03\x1a\n");
out:
	test_tty_close(&tt);
}

/* Switching ICANON: raw input becomes a line; a half-typed line becomes
 * readable bytes. */
static void tty_mode_switch_keeps_input(struct ktest *t)
{
	struct test_tty tt;
	char buf[16];

	if (!test_tty_open(t, &tt, O_NONBLOCK))
		goto out;
	type(&tt, "half");
	set_lflag(&tt, 0, ICANON);
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, 2), 2);
	KTEST_EXPECT_STREQ(t, buf, "ha");
	type(&tt, "xy");
	set_lflag(&tt, ICANON, 0);
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 4);
	KTEST_EXPECT_STREQ(t, buf, "lfxy");
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), -EAGAIN);
out:
	test_tty_close(&tt);
}

struct feeder {
	struct tty_struct *tty;
	const char *bytes;
	unsigned int delay_ms;
};

/* A kernel thread typing each byte after delay_ms. */
static int feed_slowly(void *arg)
{
	struct feeder *fd = arg;

	for (const char *p = fd->bytes; *p; p++) {
		msleep(fd->delay_ms);
		n_tty_receive_buf(fd->tty, (const unsigned char *)p, 1);
	}
	return 0;
}

static void set_min_time(struct test_tty *tt, int min, int time)
{
	struct termios tio = tt->tty->termios;

	tio.c_lflag &= ~(ICANON | ECHO);
	tio.c_cc[VMIN] = min;
	tio.c_cc[VTIME] = time;
	tty_set_termios(tt->tty, &tio);
}

/* The four VMIN/VTIME cases of a raw read (blocking). */
static void tty_raw_vmin_vtime(struct ktest *t)
{
	struct feeder fd = { NULL, "xyz", 30 };
	struct task_struct *k;
	struct test_tty tt;
	unsigned long start;
	char buf[16];

	if (!test_tty_open(t, &tt, 0))
		goto out;
	fd.tty = tt.tty;
	set_min_time(&tt, 0, 0);                      /* nothing there: 0 at once */
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 0);
	set_min_time(&tt, 0, 2);                      /* 0.2 s for a first byte */
	start = jiffies;
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 0);
	KTEST_EXPECT_GE(t, jiffies - start, HZ / 5);
	set_min_time(&tt, 3, 0);                      /* three bytes, however long */
	k = kthread_run(feed_slowly, &fd, "tty-feeder");
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 3);
	KTEST_EXPECT_STREQ(t, buf, "xyz");
	kthread_stop(k);
	set_min_time(&tt, 5, 3);                      /* 0.3 s between bytes ends it */
	fd.bytes = "ab";
	k = kthread_run(feed_slowly, &fd, "tty-feeder");
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	start = jiffies;
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 2);
	KTEST_EXPECT_STREQ(t, buf, "ab");
	KTEST_EXPECT_GE(t, jiffies - start, 3 * HZ / 10);
	kthread_stop(k);
out:
	test_tty_close(&tt);
}

/* poll's view: writable unless stopped by ^S; readable with a whole line
 * (canonical) or VMIN bytes (raw, TIME 0). */
static void tty_poll_mask(struct ktest *t)
{
	struct test_tty tt;

	if (!test_tty_open(t, &tt, O_NONBLOCK))
		goto out;
	KTEST_EXPECT_EQ(t, vfs_poll(tt.f, NULL), POLLOUT | POLLWRNORM);
	type(&tt, "ab");
	KTEST_EXPECT_EQ(t, vfs_poll(tt.f, NULL) & POLLIN, 0);
	type(&tt, "\n");
	KTEST_EXPECT_EQ(t, vfs_poll(tt.f, NULL), POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM);
	type(&tt, "\x13");                            /* ^S */
	KTEST_EXPECT_EQ(t, vfs_poll(tt.f, NULL), POLLIN | POLLRDNORM);
	KTEST_EXPECT_EQ(t, kernel_write(tt.f, "z", 1, &tt.pos), -EAGAIN);
	type(&tt, "\x11");                            /* ^Q */
	KTEST_EXPECT_EQ(t, kernel_write(tt.f, "z", 1, &tt.pos), 1);
	n_tty_flush_input(tt.tty);
	set_min_time(&tt, 3, 0);
	type(&tt, "12");
	KTEST_EXPECT_EQ(t, vfs_poll(tt.f, NULL) & POLLIN, 0);
	type(&tt, "3");
	KTEST_EXPECT_EQ(t, vfs_poll(tt.f, NULL) & POLLIN, POLLIN);
out:
	test_tty_close(&tt);
}

/* A hangup: the tty's files read 0, write and ioctl EIO (TIOCSPGRP
 * ENOTTY), poll as hung up; input typed before is gone. */
static void tty_hangup_files(struct ktest *t)
{
	struct test_tty tt;
	char buf[8];

	if (!test_tty_open(t, &tt, 0))
		goto out;
	type(&tt, "lost\n");
	__tty_hangup(tt.tty, false);
	KTEST_EXPECT_TRUE(t, tty_hung_up_p(tt.f));
	KTEST_EXPECT_EQ(t, read_str(&tt, buf, sizeof(buf) - 1), 0);
	KTEST_EXPECT_EQ(t, kernel_write(tt.f, "x", 1, &tt.pos), -EIO);
	KTEST_EXPECT_EQ(t, vfs_ioctl(tt.f, TCGETS, 0), -EIO);
	KTEST_EXPECT_EQ(t, vfs_ioctl(tt.f, TIOCSPGRP, 0), -ENOTTY);
	KTEST_EXPECT_EQ(t, vfs_poll(tt.f, NULL), POLLIN | POLLOUT | POLLERR | POLLHUP |
					     POLLRDNORM | POLLWRNORM);
	KTEST_EXPECT_EQ(t, n_tty_inq(tt.tty), 0);
	KTEST_EXPECT_PTR_EQ(t, file_tty(tt.f), tt.tty);
out:
	test_tty_close(&tt);
}

/* /dev/console and /dev/ttyS0 are one tty; a hangup spares the files
 * opened as /dev/console (Linux's rule). /dev/tty without a controlling
 * terminal is ENXIO. The console's settings: canonical with echo, 115200
 * baud, a 24 x 80 window; TCGETS of a plain file is ENOTTY. */
static void tty_console_device(struct ktest *t)
{
	static struct termios tio;
	static struct winsize ws;
	struct dentry *root = ramfs_new_root(), *con, *s0, *dev_tty;
	struct file *fc, *fs, *f;

	KTEST_ASSERT_NOT_NULL(t, root);
	con = ramfs_create(root, "console", 7, S_IFCHR | 0600, MKDEV(5, 1));
	s0 = ramfs_create(root, "ttyS0", 5, S_IFCHR | 0600, MKDEV(4, 64));
	dev_tty = ramfs_create(root, "tty", 3, S_IFCHR | 0666, MKDEV(5, 0));
	KTEST_ASSERT_FALSE(t, IS_ERR(con) || IS_ERR(s0) || IS_ERR(dev_tty));
	KTEST_EXPECT_PTR_EQ(t, dentry_open(dev_tty, O_RDWR), ERR_PTR(-ENXIO));
	fc = dentry_open(con, O_RDWR);
	fs = dentry_open(s0, O_RDWR | O_NOCTTY);
	KTEST_ASSERT_FALSE(t, IS_ERR(fc) || IS_ERR(fs));
	KTEST_EXPECT_PTR_EQ(t, file_tty(fc), file_tty(fs));
	KTEST_EXPECT_PTR_EQ(t, file_tty(fc), serial_driver.tty);
	KTEST_EXPECT_EQ(t, vfs_ioctl(fc, TCGETS, (unsigned long)ktest_user_alias(&tio)), 0);
	KTEST_EXPECT_EQ(t, vfs_ioctl(fc, TIOCGWINSZ, (unsigned long)ktest_user_alias(&ws)), 0);
	ktest_drop_user_alias();
	KTEST_EXPECT_EQ(t, tio.c_lflag & (ICANON | ECHO | ISIG), ICANON | ECHO | ISIG);
	KTEST_EXPECT_EQ(t, tio.c_cflag & CBAUD, B115200);
	KTEST_EXPECT_EQ(t, tio.c_cc[VINTR], 3);
	KTEST_EXPECT_EQ(t, ws.ws_row, 24);
	KTEST_EXPECT_EQ(t, ws.ws_col, 80);
	KTEST_EXPECT_EQ(t, vfs_ioctl(fc, TCGETS, (unsigned long)&tio), -EFAULT);
	KTEST_EXPECT_EQ(t, vfs_ioctl(fc, 0x1234, 0), -ENOTTY);
	__tty_hangup(serial_driver.tty, false);
	KTEST_EXPECT_FALSE(t, tty_hung_up_p(fc));
	KTEST_EXPECT_TRUE(t, tty_hung_up_p(fs));
	KTEST_EXPECT_EQ(t, vfs_ioctl(fs, TCGETS, 0), -EIO);
	fput(fs);
	fput(fc);
	KTEST_ASSERT_NOT_NULL(t, ktest_make_file(root, "plain", "x", 1));
	f = filp_open(root, root, "plain", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, vfs_ioctl(f, TCGETS, 0), -ENOTTY);   /* isatty() is false */
	KTEST_EXPECT_EQ(t, vfs_poll(f, NULL), DEFAULT_POLLMASK);
	fput(f);
	ramfs_kill_tree(root);
}

/* Input through the UART's path: bytes queued as its interrupt queues
 * them reach the console's line discipline by kttyd, ^C flushing what
 * was typed before it; a read of /dev/console sleeps until the line is
 * there. Echo is off meanwhile (it would go to the real console). */
static void tty_console_input_through_uart(struct ktest *t)
{
	struct dentry *root = ramfs_new_root(), *con;
	struct tty_struct *tty = serial_driver.tty;
	struct termios saved = tty->termios, quiet = tty->termios;
	unsigned long received = serial_rx_count;
	struct file *f;
	char buf[32] = "";
	loff_t pos = 0;

	KTEST_ASSERT_NOT_NULL(t, root);
	con = ramfs_create(root, "console", 7, S_IFCHR | 0600, MKDEV(5, 1));
	KTEST_ASSERT_FALSE(t, IS_ERR(con));
	f = dentry_open(con, O_RDONLY);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	quiet.c_lflag &= ~ECHO;
	tty_set_termios(tty, &quiet);
	serial_receive_chars("never\x03typed\r", 12);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf) - 1, &pos), 6);
	KTEST_EXPECT_STREQ(t, buf, "typed\n");
	KTEST_EXPECT_EQ(t, serial_rx_count - received, 12);
	KTEST_EXPECT_FALSE(t, serial_rx_pending());
	tty_set_termios(tty, &saved);
	fput(f);
	ramfs_kill_tree(root);
}

static const struct ktest_case tty_cases[] = {
	KTEST_CASE(tty_canonical_editing),
	KTEST_CASE(tty_reads_one_line_at_a_time),
	KTEST_CASE(tty_end_of_file),
	KTEST_CASE(tty_echo_flags),
	KTEST_CASE(tty_erase_tab),
	KTEST_CASE(tty_output_processing),
	KTEST_CASE(tty_input_translation),
	KTEST_CASE(tty_signal_char_flushes_input),
	KTEST_CASE(tty_mode_switch_keeps_input),
	KTEST_CASE(tty_raw_vmin_vtime),
	KTEST_CASE(tty_poll_mask),
	KTEST_CASE(tty_hangup_files),
	KTEST_CASE(tty_console_device),
	KTEST_CASE(tty_console_input_through_uart),
	{}
};
KTEST_SUITE(tty_kernel, tty_cases);

/* The user-space side: user/bin/utest_tty.c. */
KTEST_PROGRAM_SUITE(tty, "/bin/utest_tty");
/* poll, select and their kin: user/bin/utest_poll.c. */
KTEST_PROGRAM_SUITE(poll, "/bin/utest_poll");
