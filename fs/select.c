/* fs/select.c: asking a file whether it is ready (Linux's poll machinery
 * lives in a file of this name). There are no poll, select or epoll calls
 * yet; vfs_poll is what they will ask, and what a pidfd's readiness is
 * tested through (include/poll.h has the poll_table's rules). */
#include <kernel.h>
#include <fs.h>
#include <poll.h>

__poll_t vfs_poll(struct file *f, poll_table *pt)
{
	if (!f->f_op || !f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}
