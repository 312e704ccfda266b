/* fs/pipe.c: pipes and FIFOs. A pipe is a one-page ring buffer
 * (struct pipe_inode_info) hung on an inode (i_pipe), with files on it for
 * its two ends, each counted in readers/writers (fork and dup share the
 * files, so the counts are of files, released by fput). pipe(2) makes an
 * inode and a dentry of its own for it, in no directory (Linux's pipefs);
 * a FIFO is a ramfs node (mknod S_IFIFO) whose pipe exists while it is
 * open: the first open makes it, the last close frees it.
 *
 * One wait queue serves both sides: a reader sleeps while the pipe is
 * empty and a writer still exists (then EOF), a writer while it is full
 * and a reader still exists. Writing with no reader left is EPIPE, with
 * SIGPIPE to the writer. Opening a FIFO waits for the other side, as
 * Linux's fifo_open: read-only until a writer has opened (not with
 * O_NONBLOCK), write-only until a reader has (O_NONBLOCK: ENXIO when there
 * is none); read-write never waits. Sleeps are interruptible: a signal
 * ends them with -ERESTARTSYS (EINTR after a handler, or the call restarts
 * under SA_RESTART). Neither end can seek or do positioned I/O (ESPIPE).
 * poll and select sleep on the same queue (pipe_poll).
 *
 * Locking, as Linux: pipe->mutex guards the ring and the counts of ends; a
 * read or write copies to or from user memory under it (it may fault, so
 * it is a sleeping lock, above mm->mmap_lock in include/lock_order.h), and
 * drops it to sleep, queued first so that no wake-up is lost. Which pipe
 * an inode has (i_pipe) and how many files hold it (pipe->files) are under
 * inode->i_lock: two CPUs opening one FIFO attach one pipe, and of two
 * ends closed at once only the last frees it. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <mm.h>
#include <mutex.h>
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
	struct mutex mutex;            /* everything below but files */
	struct wait_queue_head wait;   /* readers, writers and FIFO opens */
	char *buf;                     /* PIPE_SIZE bytes, a ring */
	size_t head, len;              /* first unread byte, bytes unread */
	int readers, writers;          /* open files of each end */
	unsigned int r_counter, w_counter;   /* opens of each end so far (FIFO) */
	unsigned int files;            /* struct files on it: inode->i_lock */
};

unsigned long nr_pipes;            /* live pipes (a leak counter for tests) */

static struct pipe_inode_info *pipe_of(struct file *f)
{
	return f->f_inode->i_pipe;
}

/* Sleep on the pipe's queue until cond(pipe, arg) holds: 0, -EAGAIN
 * (nonblock) or -ERESTARTSYS. Called with pipe->mutex held, which it
 * drops only while asleep (it returns holding it): queued before the
 * drop, it cannot miss a waker, who changes the pipe under the mutex and
 * wakes after. Inline, so each caller's cond is inlined too: a pipe
 * switch runs it three times (make bench's user_pipe_switch). */
static __always_inline int pipe_wait_event(struct pipe_inode_info *pipe, bool nonblock,
			   bool (*cond)(struct pipe_inode_info *, unsigned int), unsigned int arg)
{
	DEFINE_WAIT(wait);
	int err = 0;

	while (!cond(pipe, arg)) {
		if (nonblock)
			return -EAGAIN;
		prepare_to_wait(&pipe->wait, &wait, TASK_INTERRUPTIBLE);
		if (signal_pending(current))    /* after queueing: a signal wakes us */
			err = -ERESTARTSYS;
		else {
			mutex_unlock(&pipe->mutex);
			schedule();
		}
		finish_wait(&pipe->wait, &wait);
		if (err)
			return err;
		mutex_lock(&pipe->mutex);
	}
	return 0;
}

static bool readable_now(struct pipe_inode_info *p, unsigned int unused)
{
	return p->len || !p->writers;
}

static bool writable_now(struct pipe_inode_info *p, unsigned int unused)
{
	return p->len < PIPE_SIZE || !p->readers;
}

/* FIFO opens: has a reader (writer) opened since the count was `seen`? */
static bool reader_came(struct pipe_inode_info *p, unsigned int seen) { return p->r_counter != seen; }
static bool writer_came(struct pipe_inode_info *p, unsigned int seen) { return p->w_counter != seen; }

static ssize_t pipe_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct pipe_inode_info *pipe = pipe_of(f);
	size_t done = 0;
	int err;

	if (!to->count)
		return 0;
	mutex_lock(&pipe->mutex);
	if ((err = pipe_wait_event(pipe, f->f_flags & O_NONBLOCK, readable_now, 0))) {
		mutex_unlock(&pipe->mutex);
		return err;
	}
	while (pipe->len && to->count) {
		size_t chunk = min(pipe->len, PIPE_SIZE - pipe->head);
		size_t n = copy_to_iter(pipe->buf + pipe->head, chunk, to);

		pipe->head = (pipe->head + n) % PIPE_SIZE;
		pipe->len -= n;
		done += n;
		if (n < chunk)
			break;                         /* the buffer faulted, or was filled */
	}
	mutex_unlock(&pipe->mutex);
	wake_up_all(&pipe->wait);
	return done ? (ssize_t)done : (to->fault ? -EFAULT : 0);
}

static ssize_t pipe_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct pipe_inode_info *pipe = pipe_of(f);
	size_t done = 0;
	int err = 0;

	mutex_lock(&pipe->mutex);
	while (from->count) {
		size_t tail, chunk, n;

		if ((err = pipe_wait_event(pipe, f->f_flags & O_NONBLOCK, writable_now, 0)))
			break;
		if (!pipe->readers) {
			err = -EPIPE;
			break;
		}
		tail = (pipe->head + pipe->len) % PIPE_SIZE;
		chunk = min(PIPE_SIZE - pipe->len, PIPE_SIZE - tail);
		n = copy_from_iter(pipe->buf + tail, chunk, from);
		pipe->len += n;
		done += n;
		wake_up_all(&pipe->wait);
		if (n < chunk && from->fault) {
			err = -EFAULT;
			break;
		}
	}
	mutex_unlock(&pipe->mutex);
	if (err == -EPIPE)
		send_sig(SIGPIPE, current);
	return done ? (ssize_t)done : err;
}

/* Readiness, as Linux's pipe_poll: the read end is readable with data
 * and hung up (POLLHUP) once no writer is left; the write end is
 * writable while there is room, and in error (POLLERR) once no reader
 * is left. A FIFO opened read-write is both ends. */
static __poll_t pipe_poll(struct file *f, struct poll_table_struct *wait)
{
	struct pipe_inode_info *pipe = pipe_of(f);
	__poll_t mask = 0;

	poll_wait(f, &pipe->wait, wait);
	if (f->f_mode & FMODE_READ) {
		if (pipe->len)
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (pipe->len < PIPE_SIZE)
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	pipe->buf = (char *)__get_free_page(GFP_KERNEL);
	if (!pipe->buf) {
		kfree(pipe);
		return NULL;
	}
	__mutex_init(&pipe->mutex, "pipe->mutex");
	init_waitqueue_head(&pipe->wait);
	__atomic_add_fetch(&nr_pipes, 1, __ATOMIC_RELAXED);
	return pipe;
}

static void free_pipe_info(struct pipe_inode_info *pipe)
{
	free_page((unsigned long)pipe->buf);
	kfree(pipe);
	__atomic_sub_fetch(&nr_pipes, 1, __ATOMIC_RELAXED);
}

/* A file lets go of the inode's pipe: the last one detaches and frees it
 * (the inode stays, freed by its dentry: at once for pipe(2), with its
 * name for a FIFO). */
static void put_pipe_info(struct inode *inode, struct pipe_inode_info *pipe)
{
	bool last;

	spin_lock(&inode->i_lock);
	last = !--pipe->files;
	if (last)
		inode->i_pipe = NULL;
	spin_unlock(&inode->i_lock);
	if (last)
		free_pipe_info(pipe);
}

/* An end goes: its count, a wake-up for the other side, the pipe with
 * the last file. */
static void pipe_release(struct file *f)
{
	struct pipe_inode_info *pipe = pipe_of(f);

	mutex_lock(&pipe->mutex);
	if (f->f_mode & FMODE_READ)
		pipe->readers--;
	if (f->f_mode & FMODE_WRITE)
		pipe->writers--;
	mutex_unlock(&pipe->mutex);
	wake_up_all(&pipe->wait);
	put_pipe_info(f->f_inode, pipe);
}

/* The FIFO's pipe with one more file on it: the one it has, or a new one
 * (of two CPUs opening at once, one attaches its pipe, the other frees
 * its own). NULL if no memory. */
static struct pipe_inode_info *fifo_get_pipe(struct inode *inode)
{
	struct pipe_inode_info *pipe, *fresh = NULL;

	for (;;) {
		spin_lock(&inode->i_lock);
		if ((pipe = inode->i_pipe))
			pipe->files++;
		else if (fresh) {
			pipe = inode->i_pipe = fresh;
			pipe->files = 1;
			fresh = NULL;
		}
		spin_unlock(&inode->i_lock);
		if (pipe)
			break;
		if (!(fresh = alloc_pipe_info()))
			return NULL;
	}
	if (fresh)
		free_pipe_info(fresh);
	return pipe;
}

/* A FIFO node is opened: attach (or make) its pipe, count this end, and
 * wait for the other side as the flags say. Access mode 3 (neither end)
 * is EINVAL. */
static int fifo_open(struct inode *inode, struct file *f)
{
	unsigned int mode = f->f_mode & (FMODE_READ | FMODE_WRITE);
	struct pipe_inode_info *pipe;
	int err = 0;

	if (!mode)
		return -EINVAL;
	if (!(pipe = fifo_get_pipe(inode)))
		return -ENOMEM;
	f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	mutex_lock(&pipe->mutex);
	if (mode == FMODE_WRITE && (f->f_flags & O_NONBLOCK) && !pipe->readers) {
		mutex_unlock(&pipe->mutex);
		put_pipe_info(inode, pipe);     /* made for this open only: freed */
		return -ENXIO;
	}
	pipe->readers += !!(mode & FMODE_READ);
	pipe->r_counter += !!(mode & FMODE_READ);
	pipe->writers += !!(mode & FMODE_WRITE);
	pipe->w_counter += !!(mode & FMODE_WRITE);
	wake_up_all(&pipe->wait);
	if (mode == FMODE_READ && !pipe->writers && !(f->f_flags & O_NONBLOCK))
		err = pipe_wait_event(pipe, false, writer_came, pipe->w_counter);
	else if (mode == FMODE_WRITE && !pipe->readers)
		err = pipe_wait_event(pipe, false, reader_came, pipe->r_counter);
	mutex_unlock(&pipe->mutex);
	if (err)
		pipe_release(f);        /* this end's count; the pipe if it was the last */
	return err;
}

const struct file_operations pipefifo_fops = {
	.open = fifo_open,
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* The inode and dentry of a new pipe(2), with its pipe; NULL if no memory. */
static struct dentry *create_pipe_dentry(void)
{
	struct inode *inode = new_inode(S_IFIFO | 0600);
	struct dentry *d;

	if (!inode)
		return NULL;
	inode->i_state |= I_PIPEFS;
	inode->i_fop = &pipefifo_fops;
	inode->i_pipe = alloc_pipe_info();
	d = inode->i_pipe ? d_alloc_pseudo(inode, "pipe:") : NULL;
	if (!d) {
		if (inode->i_pipe)
			free_pipe_info(inode->i_pipe);
		inode->i_pipe = NULL;
		ihold(inode);
		iput(inode);
	}
	return d;
}

/* The two files of a new pipe: 0 or -ENOMEM. */
static int create_pipe_files(struct file **res, unsigned int flags)
{
	struct dentry *d = create_pipe_dentry();
	struct pipe_inode_info *pipe;

	if (!d)
		return -ENOMEM;
	pipe = d->d_inode->i_pipe;
	res[0] = alloc_file(d, O_RDONLY | flags, &pipefifo_fops);
	res[1] = res[0] ? alloc_file(d, O_WRONLY | flags, &pipefifo_fops) : NULL;
	pipe->readers = res[0] != NULL;
	pipe->writers = res[1] != NULL;
	pipe->files = pipe->readers + pipe->writers;
	if (!res[0]) {                  /* no file: the pipe goes before its inode */
		d->d_inode->i_pipe = NULL;
		free_pipe_info(pipe);
	}
	dput(d);                        /* the files hold it now */
	if (!res[1]) {
		if (res[0])
			fput(res[0]);   /* the last end: frees the pipe */
		return -ENOMEM;
	}
	for (int i = 0; i < 2; i++)
		res[i]->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

/* pipe2(fds, flags): fds[0] the read end, fds[1] the write end; flags
 * O_CLOEXEC and O_NONBLOCK (glibc's pipe() is pipe2 with 0). */
long sys_pipe2(u32 ufds, u32 flags, u32 c, u32 d, u32 e, u32 f)
{
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if ((fd[0] = get_unused_fd(0)) < 0)
		return fd[0];
	if ((err = fd[1] = get_unused_fd(0)) < 0)
		goto out_fd0;
	if ((err = create_pipe_files(files, flags & O_NONBLOCK)))
		goto out_fds;
	if (copy_to_user((void *)ufds, fd, sizeof(fd))) {
		fput(files[0]);
		fput(files[1]);
		err = -EFAULT;
		goto out_fds;
	}
	fd_install(fd[0], files[0], flags & O_CLOEXEC);
	fd_install(fd[1], files[1], flags & O_CLOEXEC);
	return 0;
out_fds:
	put_unused_fd(fd[1]);
out_fd0:
	put_unused_fd(fd[0]);
	return err;
}

long sys_pipe(u32 ufds, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return sys_pipe2(ufds, 0, 0, 0, 0, 0);
}
