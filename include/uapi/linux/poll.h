/* include/uapi/linux/poll.h: poll(2)'s struct pollfd and event bits, as
 * Linux's i386 ABI has them (asm-generic/poll.h). POLLERR, POLLHUP and
 * POLLNVAL are reported whether asked for or not. */
#ifndef TASKLAB_UAPI_POLL_H
#define TASKLAB_UAPI_POLL_H

#define POLLIN     0x0001
#define POLLPRI    0x0002
#define POLLOUT    0x0004
#define POLLERR    0x0008
#define POLLHUP    0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG    0x0400
#define POLLRDHUP  0x2000

struct pollfd {
	int fd;
	short events;
	short revents;
};

/* fd_set for select: 1024 bits in 32-bit words, fd n in word n / 32. */
#define __FD_SETSIZE 1024

#endif
