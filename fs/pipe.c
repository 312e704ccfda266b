/* fs/pipe.c: pipe(2). A pipe is an inode of its own (S_IFIFO, in no
 * directory) with a one-page ring buffer, and two files on it: the read end
 * and the write end, each counted in readers/writers (fork and dup share
 * the files, so the counts are of files, released by fput). One wait queue
 * serves both sides: a reader sleeps while the pipe is empty and a writer
 * still exists (then EOF), a writer while it is full and a reader still
 * exists. Writing with no reader left is EPIPE, with SIGPIPE to the writer.
 * Sleeps are interruptible: a signal ends them with -ERESTARTSYS (EINTR
 * after a handler, or the call restarts under SA_RESTART). poll and select
 * sleep on the same queue (pipe_poll). */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <mm.h>
#include <poll.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uio.h>
#include <wait.h>
#include <asm/uaccess.h>
#include <uapi/linux/fcntl.h>
#include <sched/signal.h>
#include <uapi/linux/stat.h>

#define PIPE_SIZE PAGE_SIZE

struct pipe_inode_info {
	struct inode inode;            /* what fstat reports */
	struct wait_queue_head wait;   /* readers and writers both */
	char *buf;                     /* PIPE_SIZE bytes, a ring */
	size_t head, len;              /* first unread byte, bytes unread */
	int readers, writers;          /* open files of each end */
};

unsigned long nr_pipes;            /* live pipes (a leak counter for tests) */

static struct pipe_inode_info *pipe_of(struct file *f)
{
	return container_of(f->f_inode, struct pipe_inode_info, inode);
}

/* Sleep until cond(pipe) holds: 0, -EAGAIN (O_NONBLOCK) or -ERESTARTSYS. */
static int pipe_wait(struct file *f, bool (*cond)(struct pipe_inode_info *))
{
	struct pipe_inode_info *pipe = pipe_of(f);
	DEFINE_WAIT(wait);
	int err = 0;

	for (;;) {
		prepare_to_wait(&pipe->wait, &wait, TASK_INTERRUPTIBLE);
		if (cond(pipe))
			break;
		if (f->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&pipe->wait, &wait);
	return err;
}

static bool readable_now(struct pipe_inode_info *p) { return p->len || !p->writers; }
static bool writable_now(struct pipe_inode_info *p) { return p->len < PIPE_SIZE || !p->readers; }

static ssize_t pipe_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct pipe_inode_info *pipe = pipe_of(f);
	size_t done = 0;
	int err;

	if (!to->count)
		return 0;
	if ((err = pipe_wait(f, readable_now)))
		return err;
	while (pipe->len && to->count) {
		size_t chunk = min(pipe->len, PIPE_SIZE - pipe->head);
		size_t n = copy_to_iter(pipe->buf + pipe->head, chunk, to);

		pipe->head = (pipe->head + n) % PIPE_SIZE;
		pipe->len -= n;
		done += n;
		if (n < chunk)
			break;                         /* the user buffer faulted */
	}
	wake_up_all(&pipe->wait);
	return done ? (ssize_t)done : (to->fault ? -EFAULT : 0);
}

static ssize_t pipe_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct pipe_inode_info *pipe = pipe_of(f);
	size_t done = 0;
	int err = 0;

	while (from->count) {
		size_t tail, chunk, n;

		if ((err = pipe_wait(f, writable_now)))
			break;
		if (!pipe->readers) {
			send_sig(SIGPIPE, current);
			err = -EPIPE;
			break;
		}
		tail = (pipe->head + pipe->len) % PIPE_SIZE;
		chunk = min(PIPE_SIZE - pipe->len, PIPE_SIZE - tail);
		n = copy_from_iter(pipe->buf + tail, chunk, from);
		pipe->len += n;
		done += n;
		wake_up_all(&pipe->wait);
		if (n < chunk) {
			err = -EFAULT;
			break;
		}
	}
	return done ? (ssize_t)done : err;
}

/* Readiness, as Linux's pipe_poll: the read end is readable with data
 * and hung up (POLLHUP) once no writer is left; the write end is
 * writable while there is room, and in error (POLLERR) once no reader
 * is left. */
static __poll_t pipe_poll(struct file *f, struct poll_table_struct *wait)
{
	struct pipe_inode_info *pipe = pipe_of(f);
	__poll_t mask = 0;

	poll_wait(f, &pipe->wait, wait);
	if ((f->f_flags & O_ACCMODE) != O_WRONLY) {
		if (pipe->len)
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if ((f->f_flags & O_ACCMODE) != O_RDONLY) {
		if (pipe->len < PIPE_SIZE)
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static void pipe_free(struct pipe_inode_info *pipe)
{
	free_page((unsigned long)pipe->buf);
	kfree(pipe);
	nr_pipes--;
}

static void pipe_release(struct file *f)
{
	struct pipe_inode_info *pipe = pipe_of(f);

	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		pipe->readers--;
	else
		pipe->writers--;
	wake_up_all(&pipe->wait);
	if (!pipe->readers && !pipe->writers)
		pipe_free(pipe);
}

static const struct file_operations pipe_fops = {
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.poll = pipe_poll,
	.release = pipe_release,
};

static struct file *pipe_file(struct pipe_inode_info *pipe, unsigned int flags)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->f_inode = &pipe->inode;
	f->f_op = &pipe_fops;
	f->f_flags = flags;
	f->f_count = 1;
	nr_files++;
	return f;
}

static struct pipe_inode_info *pipe_alloc(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	pipe->buf = (char *)__get_free_page(GFP_KERNEL);
	if (!pipe->buf) {
		kfree(pipe);
		return NULL;
	}
	pipe->inode.i_mode = S_IFIFO | 0600;
	pipe->inode.i_nlink = 1;
	pipe->inode.i_fop = &pipe_fops;
	init_waitqueue_head(&pipe->wait);
	pipe->readers = pipe->writers = 1;
	nr_pipes++;
	return pipe;
}

/* pipe2(fds, flags): fds[0] the read end, fds[1] the write end; flags
 * O_CLOEXEC and O_NONBLOCK (glibc's pipe() is pipe2 with 0). */
long sys_pipe2(u32 ufds, u32 flags, u32 c, u32 d, u32 e, u32 f)
{
	struct pipe_inode_info *pipe;
	struct file *rf, *wf;
	int fd[2];

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	fd[0] = get_unused_fd(0);
	fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd(fd[0] + 1);
	if (fd[1] < 0)
		return fd[1];
	pipe = pipe_alloc();
	if (!pipe)
		return -ENOMEM;
	rf = pipe_file(pipe, O_RDONLY | (flags & O_NONBLOCK));
	wf = rf ? pipe_file(pipe, O_WRONLY | (flags & O_NONBLOCK)) : NULL;
	if (!wf) {
		pipe->writers = 0;
		if (rf)
			fput(rf);           /* the last end: frees the pipe */
		else
			pipe_free(pipe);
		return -ENOMEM;
	}
	if (copy_to_user((void *)ufds, fd, sizeof(fd))) {
		fput(rf);
		fput(wf);
		return -EFAULT;
	}
	fd_install(fd[0], rf, flags & O_CLOEXEC);
	fd_install(fd[1], wf, flags & O_CLOEXEC);
	return 0;
}

long sys_pipe(u32 ufds, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return sys_pipe2(ufds, 0, 0, 0, 0, 0);
}
