/* fs/proc/inode.c: procfs's inodes and the operations every /proc file
 * and directory shares (fs/proc/internal.h). An inode is made per lookup
 * (proc_make_dentry), holding its task; reading a text file runs the
 * entry's show into a buffer (a page, doubled while it overflows, as
 * Linux's seq_file) and copies the part at the file position; a directory
 * lists ".", "..", its fixed entries, then its numbered ones by key, so a
 * listing resumed after a task exited goes on from the next key (Linux's
 * TGID_OFFSET positions). Opens are checked against the mode bits and the
 * owner as Linux's DAC would (root may open anything); the entries marked
 * owner_only also need proc_may_access. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mount.h>
#include <sched.h>
#include <slab.h>
#include <time.h>
#include <asm/page.h>
#include "internal.h"

#define PROC_TEXT_MAX (256 * 1024)       /* the biggest text a show may give */
#define PROC_WRITE_MAX PAGE_SIZE         /* a sysctl or comm write, at most */

extern struct super_block *proc_sb;      /* root.c */

bool proc_task_alive(const struct task_struct *task)
{
	return task->exit_state != EXIT_DEAD;
}

bool proc_may_access(const struct task_struct *task)
{
	const struct task_struct *c = current;

	if (c->euid == 0 || c->tgid == task->tgid)
		return true;
	return c->uid == task->euid && c->uid == task->suid && c->uid == task->uid &&
	       c->gid == task->egid && c->gid == task->sgid && c->gid == task->gid;
}

long proc_name_to_key(const char *name, int len)
{
	long n = 0;

	if (len <= 0 || len > 9 || (name[0] == '0' && len > 1))
		return -1;                       /* "007" names nothing, as in Linux */
	for (int i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		n = n * 10 + (name[i] - '0');
	}
	return n;
}

/* A link's target, read once at lookup (so /proc/self names the task
 * that looked it up): into i_link, or why it cannot be read into
 * link_err (EACCES: not current's to see; ENOENT: a kernel thread's exe). */
static int fill_link(struct proc_inode *pi)
{
	const struct proc_entry *e = pi->entry;
	char *buf;
	int err;

	if (e->owner_only && !proc_may_access(pi->task))
		return -EACCES;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = e->get_link(pi, buf, PATH_MAX);
	if (err) {
		kfree(buf);
		return err;
	}
	pi->vfs_inode.i_link = buf;
	pi->vfs_inode.i_size = strlen(buf);
	return 0;
}

static const char *proc_get_link(struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);

	return pi->link_err ? ERR_PTR(pi->link_err) : inode->i_link;
}

const struct inode_operations proc_link_inode_operations = {
	.get_link = proc_get_link,
};

/* Fill a new inode for e. */
static void init_proc_inode(struct proc_inode *pi, const struct proc_entry *e,
			   struct task_struct *task, int fd, unsigned long ino)
{
	struct inode *inode = &pi->vfs_inode;

	pi->entry = e;
	pi->task = task;
	pi->fd = fd;
	inode->i_ino = ino;
	inode->i_mode = e->mode;
	inode->i_nlink = S_ISDIR(e->mode) ? 2 : 1;
	inode->i_uid = task ? task->euid : 0;    /* ps takes the user from here */
	inode->i_gid = task ? task->egid : 0;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	inode_init_once(inode);                  /* never mapped: iput checks i_mmap */
	if (S_ISDIR(e->mode)) {
		inode->i_fop = &proc_dir_operations;
		inode->i_op = &proc_dir_inode_operations;
	} else if (S_ISREG(e->mode)) {
		inode->i_fop = &proc_file_operations;
	} else if (S_ISLNK(e->mode)) {
		inode->i_op = &proc_link_inode_operations;
		pi->link_err = fill_link(pi);
	}
}

struct dentry *proc_make_dentry(struct dentry *dir, const char *name, int len,
				const struct proc_entry *e, struct task_struct *task,
				int fd, unsigned long ino)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);
	struct dentry *d;

	if (!pi)
		return ERR_PTR(-ENOMEM);
	if (task)
		get_task_struct(task);
	init_proc_inode(pi, e, task, fd, ino);
	d = d_alloc_unhashed(dir, name, len, &pi->vfs_inode);
	if (!d) {
		if (task)
			put_task_struct(task);
		kfree(pi->vfs_inode.i_link);
		kfree(pi);
		return ERR_PTR(-ENOMEM);
	}
	pi->vfs_inode.i_sb = proc_sb;            /* the inode is the dentry's now */
	get_super(proc_sb);
	__atomic_add_fetch(&nr_inodes, 1, __ATOMIC_RELAXED);
	return d;
}

/* The inode's last reference is gone (iput): let go of its task. */
void proc_evict_inode(struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);

	if (pi->task)
		put_task_struct(pi->task);
	pi->task = NULL;
}

/* --- files ------------------------------------------------------------ */

/* Linux's DAC for an open: root passes (a sysctl file: root is its
 * owner); others need the mode bits of their class (owner, group, other)
 * for each access asked. */
static int proc_permission(const struct inode *inode, int mask)
{
	const struct task_struct *c = current;
	umode_t mode = inode->i_mode;

	if (c->euid == 0 && !PROC_I((struct inode *)inode)->entry->sysctl)
		return 0;
	if (c->euid == inode->i_uid)
		mode >>= 6;
	else if (c->egid == inode->i_gid)
		mode >>= 3;
	return (mode & mask) == (umode_t)mask ? 0 : -EACCES;
}

static int proc_open(struct inode *inode, struct file *f)
{
	struct proc_inode *pi = PROC_I(inode);
	unsigned int acc = f->f_flags & O_ACCMODE;
	int mask = (acc != O_WRONLY ? 4 : 0) | (acc != O_RDONLY ? 2 : 0);
	int err = proc_permission(inode, mask);

	if (!err && pi->task && !proc_task_alive(pi->task))
		err = -ENOENT;
	if (!err && pi->entry->owner_only && !proc_may_access(pi->task))
		err = -EACCES;
	return err;
}

/* Run the entry's show into a buffer big enough for all of it. The text
 * (kfree it) in *out, its length returned; or -errno. */
static ssize_t proc_generate(struct proc_inode *pi, char **out)
{
	struct seq_file m = { 0 };
	int err;

	for (m.size = PAGE_SIZE; m.size <= PROC_TEXT_MAX; m.size *= 2) {
		m.buf = kmalloc(m.size, GFP_KERNEL);
		if (!m.buf)
			return -ENOMEM;
		m.count = m.pad_until = 0;
		err = pi->entry->show(&m, pi);
		if (!err && !seq_has_overflowed(&m)) {
			*out = m.buf;
			return m.count;
		}
		kfree(m.buf);
		if (err)
			return err;
	}
	return -ENOMEM;
}

/* Copy text[*pos..len) into the iterator, advancing *pos. */
static ssize_t copy_out(const char *text, size_t len, struct iov_iter *to, loff_t *pos)
{
	size_t n;

	if (*pos >= (loff_t)len)
		return 0;
	n = copy_to_iter(text + *pos, len - *pos, to);
	if (!n && to->fault)
		return -EFAULT;
	*pos += n;
	return n;
}

/* A raw entry (cmdline, environ): what its read gives at *pos. */
static ssize_t proc_read_raw(struct proc_inode *pi, struct iov_iter *to, loff_t *pos)
{
	size_t count = min(to->count, (size_t)PAGE_SIZE);
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	ssize_t n;
	loff_t p = 0;

	if (!buf)
		return -ENOMEM;
	n = pi->entry->read(pi, buf, count, *pos);
	if (n > 0) {
		n = copy_out(buf, n, to, &p);
		if (n > 0)
			*pos += n;
	}
	kfree(buf);
	return n;
}

static ssize_t proc_read_iter(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct proc_inode *pi = PROC_I(f->f_inode);
	char *text = NULL;
	ssize_t len;

	if (pi->task && !proc_task_alive(pi->task))
		return -ESRCH;                   /* the task died since the open */
	if (pi->entry->read)
		return proc_read_raw(pi, to, pos);
	if (!pi->entry->show)
		return -EINVAL;
	len = proc_generate(pi, &text);
	if (len < 0)
		return len;
	len = copy_out(text, len, to, pos);
	kfree(text);
	return len;
}

/* A write is taken whole, from position 0, as Linux's sysctl and comm
 * writes are: at most a page, NUL-terminated for the entry's parser. */
static ssize_t proc_write_iter(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct proc_inode *pi = PROC_I(f->f_inode);
	size_t count = from->count;
	char *buf;
	int err;

	if (!pi->entry->write)
		return -EINVAL;
	if (!count)
		return 0;                        /* as Linux: nothing written, nothing changed */
	if (pi->task && !proc_task_alive(pi->task))
		return -ESRCH;
	if (d_readonly(f->f_dentry))
		return -EROFS;
	/* a sysctl is checked again at each write, as Linux's: a file root
	 * opened and handed to (or kept by a program that became) another
	 * user is not writable through (EPERM) */
	if (pi->entry->sysctl && proc_permission(f->f_inode, MAY_WRITE))
		return -EPERM;
	count = min(count, (size_t)PROC_WRITE_MAX);
	buf = memdup_iter_nul(from, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	err = pi->entry->write(pi, buf, count);
	kfree(buf);
	if (err)
		return err;
	*pos += count;
	return count;
}

const struct file_operations proc_file_operations = {
	.open = proc_open,
	.read_iter = proc_read_iter,
	.write_iter = proc_write_iter,
};

/* --- directories ------------------------------------------------------- */

static unsigned int dirent_type_of(umode_t mode)
{
	return S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : DT_REG;
}

static unsigned long fixed_ino(const struct proc_inode *pi, unsigned int i);

/* The fixed entries from position f_pos (2 = the first) on. 0 when all
 * were given, 1 when the buffer filled. */
static int readdir_fixed(struct file *f, struct proc_inode *pi, filldir_t filldir, void *ctx)
{
	const struct proc_dir *e = pi->entry->dir;

	for (unsigned int i = f->f_pos - 2; i < e->nr_entries; i++) {
		const struct proc_entry *c = &e->entries[i];

		if (filldir(ctx, c->name, strlen(c->name), f->f_pos, fixed_ino(pi, i),
			    dirent_type_of(c->mode)))
			return 1;
		f->f_pos++;
	}
	return 0;
}

/* The numbered entries: position base + key, from the first key at or
 * after where the last listing stopped. */
static void readdir_dyn(struct file *f, struct proc_inode *pi, filldir_t filldir, void *ctx)
{
	const struct proc_dyn *dyn = pi->entry->dir->dyn;
	loff_t base = 2 + pi->entry->dir->nr_entries;
	char name[16];
	long key;

	while ((key = dyn->next(pi, f->f_pos - base)) >= 0) {
		int len = snprintf(name, sizeof(name), "%ld", key);

		if (filldir(ctx, name, len, base + key, dyn->ino(pi, key), dyn->d_type))
			return;
		f->f_pos = base + key + 1;
	}
}

static int proc_readdir(struct file *f, filldir_t filldir, void *ctx)
{
	struct proc_inode *pi = PROC_I(f->f_inode);

	if (pi->task && !proc_task_alive(pi->task))
		return -ENOENT;                  /* Linux: the directory is gone */
	if (!dir_emit_dots(f, filldir, ctx))
		return 0;
	if (f->f_pos < 2 + pi->entry->dir->nr_entries && readdir_fixed(f, pi, filldir, ctx))
		return 0;
	if (pi->entry->dir->dyn)
		readdir_dyn(f, pi, filldir, ctx);
	return 0;
}

const struct file_operations proc_dir_operations = {
	.open = proc_open,
	.readdir = proc_readdir,
};

/* The inode number of fixed entry i of directory pi. */
static unsigned long fixed_ino(const struct proc_inode *pi, unsigned int i)
{
	const struct task_struct *t = pi->task;

	if (!t)
		return pi->entry->dir->ino_base + i;
	return PROC_INO(t->pid, pi->entry->dir->in_task, i);
}

static struct dentry *proc_lookup(struct dentry *dir, const char *name, int len)
{
	struct proc_inode *pi = PROC_I(dir->d_inode);
	const struct proc_dir *e = pi->entry->dir;
	long key;

	if (pi->task && !proc_task_alive(pi->task))
		return NULL;
	for (unsigned int i = 0; i < e->nr_entries; i++) {
		const struct proc_entry *c = &e->entries[i];

		if ((int)strlen(c->name) == len && !memcmp(c->name, name, len))
			return proc_make_dentry(dir, name, len, c, pi->task, -1, fixed_ino(pi, i));
	}
	key = e->dyn ? proc_name_to_key(name, len) : -1;
	return key >= 0 ? e->dyn->lookup(dir, key, name, len) : NULL;
}

const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
};
