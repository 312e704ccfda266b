/* tests/test_tty.c: the console's line discipline (kernel/n_tty.c) fed
 * character by character - echo, backspace, ^U, ^D, long lines, short
 * reads - and the /dev/console driver (kernel/tty.c) opened through a 5:1
 * device node: write, a read of a line typed into its line discipline, and
 * the TCGETS/TIOCGWINSZ ioctls; opened O_NONBLOCK, -EAGAIN until a line is
 * complete. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <tty.h>
#include <uio.h>
#include <uapi/asm/termbits.h>
#include "fs_helpers.h"

static char echoed[512];
static size_t echoed_len;

static void capture_echo(const char *s, size_t n)
{
	n = min(n, sizeof(echoed) - 1 - echoed_len);
	memcpy(echoed + echoed_len, s, n);
	echoed_len += n;
	echoed[echoed_len] = '\0';
}

static void type(struct n_tty *l, const char *s)
{
	while (*s)
		n_tty_receive_char(l, *s++);
}

/* One read of at most n bytes into buf (which holds n + 1: a NUL is added). */
static long read_line(struct n_tty *l, char *buf, size_t n)
{
	struct iov_iter it;
	long r;

	iov_iter_kernel(&it, buf, n);
	r = n_tty_read(l, &it);
	buf[r > 0 ? r : 0] = '\0';
	return r;
}

static struct n_tty *new_ldisc(void)
{
	static struct n_tty l;

	memset(&l, 0, sizeof(l));
	l.echo = capture_echo;
	echoed_len = 0;
	echoed[0] = '\0';
	return &l;
}

static void tty_edits_lines(struct ktest *t)
{
	struct n_tty *l = new_ldisc();
	char buf[64];

	type(l, "ab\x7f");
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), -EAGAIN);  /* no line yet */
	type(l, "c\r");
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), 3);
	KTEST_EXPECT_STREQ(t, buf, "ac\n");
	KTEST_EXPECT_STREQ(t, echoed, "ab\b \bc\n");
	type(l, "\bxyz\x15ok\n");                   /* ^H on nothing; ^U kills "xyz" */
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), 3);
	KTEST_EXPECT_STREQ(t, buf, "ok\n");
	type(l, "\x01\x1b" "z\n");                  /* control characters are not taken */
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), 2);
}

static void tty_reads_one_line_at_a_time(struct ktest *t)
{
	struct n_tty *l = new_ldisc();
	char buf[301];

	type(l, "hello\nworld\n");
	KTEST_EXPECT_EQ(t, read_line(l, buf, 2), 2);           /* a short buffer */
	KTEST_EXPECT_STREQ(t, buf, "he");
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), 4);
	KTEST_EXPECT_STREQ(t, buf, "llo\n");
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), 6);
	KTEST_EXPECT_STREQ(t, buf, "world\n");
	for (int i = 0; i < 300; i++)
		n_tty_receive_char(l, 'a');
	type(l, "\n");
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), N_TTY_LINE);  /* 255 + \n */
}

static void tty_ctrl_d(struct n_tty *l, struct ktest *t)
{
	char buf[16];

	type(l, "\x04");                            /* ^D alone: end of file */
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), 0);
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), -EAGAIN);
	type(l, "ab\x04");                          /* mid-line: "ab" without \n */
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), 2);
	KTEST_EXPECT_STREQ(t, buf, "ab");
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), -EAGAIN);   /* not an EOF */
	type(l, "cd\x04\x04");
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), 2);
	KTEST_EXPECT_EQ(t, read_line(l, buf, sizeof(buf) - 1), 0);
}

static void tty_end_of_file(struct ktest *t)
{
	tty_ctrl_d(new_ldisc(), t);
}

static void tty_console_device(struct ktest *t)
{
	static struct termios tio;
	static struct winsize ws;
	struct dentry *root = ramfs_new_root(), *d;
	struct file *f;
	char buf[16] = "";
	loff_t pos = 0;

	KTEST_ASSERT_NOT_NULL(t, root);
	d = ramfs_create(root, "console", 7, S_IFCHR | 0600, MKDEV(5, 1));
	KTEST_ASSERT_FALSE(t, IS_ERR(d));
	f = dentry_open(d, O_RDWR);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_write(f, "# tty: written through /dev/console\n", 36, &pos), 36);
	/* The read also takes whatever the serial port received (the runner
	 * types a probe line at boot): no echo, so it cannot land in the middle
	 * of a KTAP line, and the line discipline is emptied afterwards. */
	console_ldisc.echo = NULL;
	type(&console_ldisc, "typed\r");
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf) - 1, &pos), 6);
	KTEST_EXPECT_STREQ(t, buf, "typed\n");
	console_ldisc.len = console_ldisc.ready_len = 0;
	console_ldisc.echo = console_write;
	KTEST_EXPECT_EQ(t, vfs_ioctl(f, TCGETS, (unsigned long)ktest_user_alias(&tio)), 0);
	KTEST_EXPECT_EQ(t, vfs_ioctl(f, TIOCGWINSZ, (unsigned long)ktest_user_alias(&ws)), 0);
	ktest_drop_user_alias();
	KTEST_EXPECT_TRUE(t, tio.c_lflag & ICANON);
	KTEST_EXPECT_TRUE(t, tio.c_lflag & ECHO);
	KTEST_EXPECT_EQ(t, ws.ws_row, 24);
	KTEST_EXPECT_EQ(t, ws.ws_col, 80);
	KTEST_EXPECT_EQ(t, vfs_ioctl(f, TCGETS, (unsigned long)&tio), -EFAULT);
	KTEST_EXPECT_EQ(t, vfs_ioctl(f, 0x1234, 0), -ENOTTY);
	fput(f);
	KTEST_ASSERT_NOT_NULL(t, ktest_make_file(root, "plain", "x", 1));
	f = filp_open(root, root, "plain", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, vfs_ioctl(f, TCGETS, 0), -ENOTTY);   /* isatty() is false */
	fput(f);
	ramfs_kill_tree(root);
}

/* Opened O_NONBLOCK, the console answers -EAGAIN when no line is complete
 * (init polls it so: user/bin/init.c), and a complete line as usual. */
static void tty_console_nonblocking(struct ktest *t)
{
	struct dentry *root = ramfs_new_root(), *d;
	struct file *f;
	char buf[16] = "";
	loff_t pos = 0;
	long n;
	int stray = 0;

	KTEST_ASSERT_NOT_NULL(t, root);
	d = ramfs_create(root, "console", 7, S_IFCHR | 0600, MKDEV(5, 1));
	KTEST_ASSERT_FALSE(t, IS_ERR(d));
	f = dentry_open(d, O_RDONLY | O_NONBLOCK);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	console_ldisc.echo = NULL;
	/* lines the runner typed at boot, if still there, come first */
	while ((n = kernel_read(f, buf, sizeof(buf) - 1, &pos)) > 0 && stray < 8)
		stray++;
	KTEST_EXPECT_EQ(t, n, -EAGAIN);
	type(&console_ldisc, "part");
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf) - 1, &pos), -EAGAIN);
	type(&console_ldisc, "\r");
	memset(buf, 0, sizeof(buf));
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf) - 1, &pos), 5);
	KTEST_EXPECT_STREQ(t, buf, "part\n");
	console_ldisc.len = console_ldisc.ready_len = 0;
	console_ldisc.echo = console_write;
	fput(f);
	ramfs_kill_tree(root);
}

static const struct ktest_case tty_cases[] = {
	KTEST_CASE(tty_edits_lines),
	KTEST_CASE(tty_reads_one_line_at_a_time),
	KTEST_CASE(tty_end_of_file),
	KTEST_CASE(tty_console_device),
	KTEST_CASE(tty_console_nonblocking),
	{}
};
KTEST_SUITE(tty, tty_cases);
