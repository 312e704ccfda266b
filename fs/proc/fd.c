/* fs/proc/fd.c: /proc/<pid>/fd/: one symlink per open fd of the task,
 * named by the fd, pointing at the file's path ("pipe:[ino]" for a pipe,
 * which has none; "anon_inode:[pidfd]" for a pidfd, fs/d_path.c). The
 * link's mode says how the fd was opened, as Linux: r-x for reading, -w-
 * for writing, both for O_RDWR, for the owner only.
 * Opening one follows the path it shows: a file is opened anew by its
 * name (Linux instead reopens the very file; a pipe cannot be reopened
 * here: ENOENT). The directory is for the owner and root (0500). */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <sched.h>
#include "internal.h"

/* The task's open file at fd, held (fput it): the task may close it or
 * exit on another CPU meanwhile. */
static struct file *task_fd(struct task_struct *task, long fd)
{
	return fget_task(task, (int)fd);
}

static int fd_link(struct proc_inode *pi, char *buf, size_t size)
{
	struct file *f = task_fd(pi->task, pi->fd);
	char *p;
	int err = 0;

	if (!f)
		return -ENOENT;                  /* closed since */
	if (!f->f_dentry) {
		snprintf(buf, size, "pipe:[%lu]", f->f_inode->i_ino);
	} else if (IS_ERR(p = d_path(root_dentry, f->f_dentry, buf, size))) {
		err = PTR_ERR(p);
	} else {
		memmove(buf, p, strlen(p) + 1);
	}
	fput(f);
	return err;
}

static const struct proc_entry fd_link_entry = {
	.name = "<fd>", .mode = S_IFLNK, .get_link = fd_link, .owner_only = true,
};

static long next_fd(struct proc_inode *dir, long from)
{
	for (long fd = from; fd < NR_OPEN_DEFAULT; fd++) {
		struct file *f = task_fd(dir->task, fd);

		if (f) {
			fput(f);
			return fd;
		}
	}
	return -1;
}

/* u+r-x for a readable fd, u+w for a writable one (Linux's fd links). */
static umode_t fd_mode(const struct file *f)
{
	unsigned int acc = f->f_flags & O_ACCMODE;

	return S_IFLNK | (acc != O_WRONLY ? 0500 : 0) | (acc != O_RDONLY ? 0200 : 0);
}

static unsigned long fd_ino(struct proc_inode *dir, long fd)
{
	const struct task_struct *t = dir->task;

	return PROC_INO(t->pid, t->pid != t->tgid, PROC_SLOT_FD(fd));
}

static struct dentry *fd_lookup(struct dentry *dir, long fd, const char *name, int len)
{
	struct proc_inode *pi = PROC_I(dir->d_inode);
	struct file *f = task_fd(pi->task, fd);
	struct dentry *d;

	if (!f)
		return NULL;
	d = proc_make_dentry(dir, name, len, &fd_link_entry, pi->task, fd, fd_ino(pi, fd));
	if (!IS_ERR(d))
		d->d_inode->i_mode = fd_mode(f);
	fput(f);
	return d;
}

static const struct proc_dyn fd_dyn = {
	.next = next_fd, .lookup = fd_lookup, .ino = fd_ino, .d_type = DT_LNK,
};

const struct proc_dir proc_fd_dir = { .dyn = &fd_dyn };
