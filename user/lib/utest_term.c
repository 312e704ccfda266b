/* user/lib/utest_term.c: the terminal of the tty tests (utest_term.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utest.h>
#include <utest_term.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

void std_termios(struct termios *tio)
{
	static const cc_t cc[NCCS] = {
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
		[VEOF] = 004, [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,
		[VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026,
	};

	tio->c_iflag = ICRNL | IXON;
	tio->c_oflag = OPOST | ONLCR;
	tio->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(tio->c_cc, cc, sizeof(cc));
}

/* A new pseudo-terminal (the Linux host): the master, and the slave's path. */
static bool open_pty(struct term *tm)
{
	int unlock = 0, n;

	tm->master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK);
	if (tm->master < 0)
		return false;
	if (ioctl(tm->master, TIOCSPTLCK, &unlock) || ioctl(tm->master, TIOCGPTN, &n)) {
		close(tm->master);
		return false;
	}
	snprintf(tm->path, sizeof(tm->path), "/dev/pts/%d", n);
	return true;
}

bool term_open(struct ktap *t, struct term *tm)
{
	struct termios tio;
	char nul = 0;
	int fd;

	tm->master = -1;
	if (ktap_on_tasklab()) {
		strcpy(tm->path, "/dev/ttyS0");
	} else if (!open_pty(tm)) {
		ktap_skip(t, "no pseudo-terminal on this host (/dev/ptmx: %s)", strerror(errno));
		return false;
	}
	fd = open(tm->path, O_RDWR | O_NOCTTY);
	if (fd < 0) {
		KTAP_FAIL(t, "open %s: %s", tm->path, strerror(errno));
		return false;
	}
	tcgetattr(fd, &tm->saved);
	ioctl(fd, TIOCGWINSZ, &tm->saved_ws);
	tio = tm->saved;
	std_termios(&tio);
	tio.c_lflag &= ~ECHO;
	tcsetattr(fd, TCSANOW, &tio);
	if (ioctl(fd, TIOCSTI, &nul) < 0) {           /* can we type? */
		if (ktap_on_tasklab())
			KTAP_FAIL(t, "TIOCSTI: %s", strerror(errno));
		else
			ktap_skip(t, "TIOCSTI refused on this host: %s", strerror(errno));
		close(fd);
		term_close(tm);
		return false;
	}
	tcflush(fd, TCIFLUSH);
	close(fd);
	return true;
}

void term_close(struct term *tm)
{
	int fd = open(tm->path, O_RDWR | O_NOCTTY);

	if (fd >= 0) {
		tcsetattr(fd, TCSAFLUSH, &tm->saved);
		ioctl(fd, TIOCSWINSZ, &tm->saved_ws);
		close(fd);
	}
	if (tm->master >= 0)
		close(tm->master);
}

int set_lflag(int fd, tcflag_t on, tcflag_t off)
{
	struct termios tio;

	if (tcgetattr(fd, &tio))
		return -1;
	tio.c_lflag = (tio.c_lflag | on) & ~off;
	return tcsetattr(fd, TCSANOW, &tio);
}

int term_type(int fd, const char *s)
{
	for (; *s; s++)
		if (ioctl(fd, TIOCSTI, s) < 0)
			return -1;
	return 0;
}

int read_within(int fd, char *buf, int size, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };

	if (poll(&p, 1, ms) != 1)
		return 0;
	return (int)read(fd, buf, size);
}

int term_screen(struct term *tm, char *buf, int size, int wait_ms)
{
	int n = 0, got;

	if (tm->master < 0)
		return -1;
	while (n < size - 1 && (got = read_within(tm->master, buf + n, size - 1 - n,
						   n ? 50 : wait_ms)) > 0)
		n += got;
	buf[n] = '\0';
	return n;
}

bool term_is_ours(int fd)
{
	if (ktap_on_tasklab())
		return tcgetsid(fd) == getsid(0);
	return tcgetpgrp(fd) > 0;
}

void in_session(struct ktap *t, struct term *tm,
		void (*fn)(struct ktap *t, struct term *tm, int fd))
{
	int status = -1, fd;
	pid_t pid = fork();

	if (pid == 0) {
		setsid();
		fd = open(tm->path, O_RDWR);          /* a session leader: it is ours */
		KTAP_EXPECT_GE(t, fd, 0);
		KTAP_EXPECT_TRUE(t, term_is_ours(fd));
		if (fd >= 0 && term_is_ours(fd))
			fn(t, tm, fd);
		_exit(t->failed);
	}
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	if (status)
		t->failed = true;
}

pid_t spawn_in_group(int (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		_exit(fn());
	}
	if (pid > 0)
		setpgid(pid, pid);
	return pid;
}

pid_t reap_stray(int *status, int ms)
{
	long end = now_ms() + ms;
	pid_t pid;

	while ((pid = waitpid(-1, status, WNOHANG)) == 0 && now_ms() < end)
		sleep_ms(5);
	return pid > 0 ? pid : -1;
}
