/* user/lib/tty.c: terminals and waiting for file descriptors: ioctl, the
 * termios functions (each one terminal ioctl, as glibc's), isatty, poll,
 * ppoll, select and pselect (pselect6: the mask goes by address and size
 * in a pair, Linux's sixth argument). */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/syscall.h>

#define RET(x) return __syscall_ret(x)

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	RET(__syscall3(__NR_ioctl, fd, request, arg));
}

int tcgetattr(int fd, struct termios *tio) { return ioctl(fd, TCGETS, tio); }

int tcsetattr(int fd, int action, const struct termios *tio)
{
	static const unsigned long req[] = { TCSETS, TCSETSW, TCSETSF };

	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;                 /* as glibc */
		return -1;
	}
	return ioctl(fd, req[action], tio);
}

pid_t tcgetpgrp(int fd)
{
	pid_t pgrp;

	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp) { return ioctl(fd, TIOCSPGRP, &pgrp); }

pid_t tcgetsid(int fd)
{
	pid_t sid;

	return ioctl(fd, TIOCGSID, &sid) < 0 ? -1 : sid;
}

int tcflush(int fd, int queue) { return ioctl(fd, TCFLSH, queue); }
int tcflow(int fd, int action) { return ioctl(fd, TCXONC, action); }
int tcdrain(int fd) { return ioctl(fd, TCSBRK, 1); }

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag = (t->c_cflag & ~(CSIZE | PARENB)) | CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

int isatty(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t) == 0;
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	RET(__syscall3(__NR_poll, fds, nfds, timeout_ms));
}

int ppoll(struct pollfd *fds, nfds_t nfds, struct timespec *timeout, const sigset_t *mask)
{
	RET(__syscall6(__NR_ppoll, (long)fds, nfds, (long)timeout, (long)mask, 8, 0));
}

int select(int n, fd_set *in, fd_set *out, fd_set *ex, struct timeval *timeout)
{
	RET(__syscall6(__NR__newselect, n, (long)in, (long)out, (long)ex, (long)timeout, 0));
}

int pselect(int n, fd_set *in, fd_set *out, fd_set *ex, struct timespec *timeout,
	    const sigset_t *mask)
{
	unsigned long pack[2] = { (unsigned long)mask, 8 };

	RET(__syscall6(__NR_pselect6, n, (long)in, (long)out, (long)ex, (long)timeout,
		       mask ? (long)pack : 0));
}
