/* user/include/poll.h: poll and ppoll (user/lib/tty.c); struct pollfd and
 * the POLL* bits are the kernel's (linux/poll.h). */
#ifndef _TL_POLL_H
#define _TL_POLL_H

#include <signal.h>
#include <linux/poll.h>
#include <linux/time.h>

typedef unsigned int nfds_t;

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);
/* The system call (309): the timeout (NULL: none) is written back with
 * the time left, as Linux does. */
int ppoll(struct pollfd *fds, nfds_t nfds, struct timespec *timeout, const sigset_t *mask);

#endif
