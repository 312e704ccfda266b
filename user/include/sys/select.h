/* user/include/sys/select.h: select and pselect (user/lib/tty.c). fd_set
 * is Linux's: 1024 bits in 32-bit words, fd n at bit n % 32 of word n / 32. */
#ifndef _TL_SYS_SELECT_H
#define _TL_SYS_SELECT_H

#include <signal.h>
#include <linux/poll.h>
#include <linux/time.h>

#define FD_SETSIZE __FD_SETSIZE
typedef struct {
	unsigned long fds_bits[FD_SETSIZE / 32];
} fd_set;

#define FD_ZERO(s)     __builtin_memset((s), 0, sizeof(fd_set))
#define FD_SET(fd, s)  ((s)->fds_bits[(fd) / 32] |= 1UL << ((fd) % 32))
#define FD_CLR(fd, s)  ((s)->fds_bits[(fd) / 32] &= ~(1UL << ((fd) % 32)))
#define FD_ISSET(fd, s) (((s)->fds_bits[(fd) / 32] >> ((fd) % 32)) & 1)

/* _newselect (142): the timeout (NULL: none) is written back with the
 * time left, as Linux does. */
int select(int n, fd_set *in, fd_set *out, fd_set *ex, struct timeval *timeout);
/* pselect6 (308): mask (NULL: none) is the signal mask during the wait;
 * the timeout is written back too. */
int pselect(int n, fd_set *in, fd_set *out, fd_set *ex, struct timespec *timeout,
	    const sigset_t *mask);

#endif
