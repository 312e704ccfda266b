/* include/poll.h: how a file tells poll and select that it is ready
 * (fs/select.c). A file's f_op->poll calls poll_wait() on every wait queue
 * that is woken when its readiness changes, then returns its mask of
 * POLL* bits (uapi/linux/poll.h). poll_wait() queues the caller on the
 * queue only when the poll_table asks for it (the first pass of a poll
 * that may sleep); otherwise it does nothing. */
#ifndef TASKLAB_POLL_H
#define TASKLAB_POLL_H

#include <types.h>
#include <wait.h>
#include <uapi/linux/poll.h>

struct file;
struct poll_table_struct;

typedef void (*poll_queue_proc)(struct file *f, struct wait_queue_head *wq,
				struct poll_table_struct *pt);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;       /* NULL: do not queue */
} poll_table;

static inline void poll_wait(struct file *f, struct wait_queue_head *wq, poll_table *pt)
{
	if (pt && pt->_qproc && wq)
		pt->_qproc(f, wq, pt);
}

/* What a file without f_op->poll is: always ready to read and write. */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/* f's readiness (its f_op->poll, or DEFAULT_POLLMASK). */
unsigned int vfs_poll(struct file *f, poll_table *pt);

#endif
