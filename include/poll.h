/* include/poll.h: what a file tells poll, select and epoll about itself
 * (Linux's linux/poll.h). A file_operations poll method reports the events
 * ready now (POLL* bits) and, through poll_wait(), names every wait queue
 * on which a change of that answer will be announced; the caller (a poll
 * system call) passes a poll_table whose queueing procedure puts an entry
 * of its own on each of those queues, sleeps, and asks again when woken.
 * A NULL table, or one without a procedure, only asks. */
#ifndef TASKLAB_POLL_H
#define TASKLAB_POLL_H

#include <types.h>

struct file;
struct wait_queue_head;
struct poll_table_struct;

typedef unsigned int __poll_t;

/* The event bits (Linux's asm-generic/poll.h values). */
#define POLLIN     0x0001
#define POLLPRI    0x0002
#define POLLOUT    0x0004
#define POLLERR    0x0008
#define POLLHUP    0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLWRNORM 0x0100

/* What a file without a poll method is: always readable and writable. */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

typedef void (*poll_queue_proc)(struct file *f, struct wait_queue_head *wq,
				struct poll_table_struct *pt);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;           /* queue the caller on wq; NULL: only ask */
	__poll_t _key;                    /* the events the caller wants */
} poll_table;

static inline void poll_wait(struct file *f, struct wait_queue_head *wq, poll_table *pt)
{
	if (pt && pt->_qproc && wq)
		pt->_qproc(f, wq, pt);
}

/* The events ready on f now (its poll method's answer, or DEFAULT_POLLMASK),
 * queueing through pt as above. */
__poll_t vfs_poll(struct file *f, poll_table *pt);

#endif
