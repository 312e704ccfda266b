/* fs/ramfs.c: the in-memory filesystem: inodes, the dentry tree that is its
 * directory structure, and the reference counts that free them. File data
 * and directory reading are in fs/ramfs_file.c. See include/fs.h for the
 * object picture and the reference rules:
 *   - the tree holds one reference on each dentry in it;
 *   - a dentry holds one on its parent (so an open file keeps the path to
 *     the root alive) and one on its inode;
 *   - the last dput frees the dentry; the last iput frees the inode and its
 *     data. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mount.h>
#include <sched.h>
#include <slab.h>
#include <time.h>

struct dentry *root_dentry;
unsigned long nr_inodes, nr_dentries;
static unsigned long last_ino;

extern const struct file_operations ramfs_dir_operations;

static u32 current_time(void)
{
	return (u32)(boot_time_seconds + jiffies / HZ);
}

static struct inode *new_inode(umode_t mode, dev_t rdev)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->i_ino = ++last_ino;
	inode->i_mode = mode;
	inode->i_uid = current->euid;      /* its creator's, as Linux's inode_init_owner */
	inode->i_gid = current->egid;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	inode->i_rdev = rdev;
	inode->i_mtime = current_time();
	INIT_LIST_HEAD(&inode->i_mmap);
	if (S_ISREG(mode))
		inode->i_fop = &ramfs_file_operations;
	else if (S_ISDIR(mode))
		inode->i_fop = &ramfs_dir_operations;
	nr_inodes++;
	return inode;
}

/* The last reference frees the inode; its filesystem lets go of what it
 * hung on it first (procfs: a task), and of the superblock after. */
void iput(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	if (--inode->i_count > 0)
		return;
	BUG_ON(!list_empty(&inode->i_mmap));     /* each VMA holds a reference */
	if (sb && sb->s_op && sb->s_op->evict_inode)
		sb->s_op->evict_inode(inode);
	ramfs_truncate(inode, 0);
	kfree(inode->i_pages);
	kfree(inode->i_link);
	kfree(inode);
	nr_inodes--;
	if (sb)
		put_super(sb);
}

/* A dentry for name in parent holding inode; takes over the caller's
 * reference on neither: it gets its own on both. */
static struct dentry *d_alloc(struct dentry *parent, const char *name, int len,
			      struct inode *inode)
{
	struct dentry *d = kmalloc(sizeof(*d) + len + 1, GFP_KERNEL);

	if (!d)
		return NULL;
	d->d_parent = parent ? dget(parent) : d;
	d->d_inode = inode;
	inode->i_count++;
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	d->d_count = 1;
	d->d_namelen = len;
	memcpy(d->d_name, name, len);
	d->d_name[len] = '\0';
	nr_dentries++;
	return d;
}

struct dentry *dget(struct dentry *d)
{
	d->d_count++;
	return d;
}

void dput(struct dentry *d)
{
	while (d && --d->d_count == 0) {
		struct dentry *parent = d->d_parent == d ? NULL : d->d_parent;
		BUG_ON(!list_empty(&d->d_subdirs));
		iput(d->d_inode);
		kfree(d);
		nr_dentries--;
		d = parent;             /* drop the reference d held on it */
	}
}

struct dentry *ramfs_new_unlinked(const char *name, umode_t mode)
{
	struct inode *inode = new_inode(mode, 0);
	struct dentry *d;

	if (!inode)
		return NULL;
	d = d_alloc(NULL, name, strlen(name), inode);
	if (!d) {
		inode->i_count = 1;
		iput(inode);
	}
	return d;
}

struct dentry *ramfs_make_dirs(struct dentry *dir, const char *const *path, size_t n)
{
	for (size_t i = 0; i < n && !IS_ERR(dir); i++) {
		struct dentry *d = d_lookup(dir, path[i], strlen(path[i]));

		dir = d ? d : ramfs_create(dir, path[i], strlen(path[i]), S_IFDIR | 0555, 0);
	}
	return dir;
}

struct dentry *ramfs_new_root(void)
{
	return ramfs_new_unlinked("/", S_IFDIR | 0755);
}

/* Take the whole tree apart bottom-up, dropping the tree's reference on
 * each dentry. Iterative: a tree from an archive can be deeper than the
 * kernel stack could recurse. A dentry an open file still holds survives
 * (with its parents) until that file is closed. */
void ramfs_kill_tree(struct dentry *root)
{
	struct dentry *d = root;

	for (;;) {
		if (!list_empty(&d->d_subdirs)) {
			d = list_first_entry(&d->d_subdirs, struct dentry, d_child);
			continue;
		}
		if (d == root)
			break;
		struct dentry *parent = d->d_parent;    /* kept alive by its own tree ref */
		list_del_init(&d->d_child);
		dput(d);
		d = parent;
	}
	dput(root);
}

static bool name_is(const struct dentry *d, const char *name, int len)
{
	return d->d_namelen == (unsigned int)len && !memcmp(d->d_name, name, len);
}

struct dentry *d_lookup(struct dentry *dir, const char *name, int len)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->d_subdirs, d_child)
		if (name_is(d, name, len))
			return d;
	return NULL;
}

static bool contains(const char *s, size_t len, char c)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == c)
			return true;
	return false;
}

/* Can `name` be created in dir? 0 or -errno. */
static int may_create(struct dentry *dir, const char *name, int len)
{
	if (!S_ISDIR(dir->d_inode->i_mode))
		return -ENOTDIR;
	if (dir->d_inode->i_op)
		return -EACCES;         /* procfs: no create (Linux's answer without ->create) */
	if (len <= 0 || contains(name, len, '/') || contains(name, len, '\0'))
		return -EINVAL;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return -EEXIST;
	if (d_lookup(dir, name, len))
		return -EEXIST;
	return d_readonly(dir) ? -EROFS : 0;
}

/* Link d into dir's children, keeping them sorted by name (so readdir and
 * ls are stable). The tree keeps d's initial reference. */
static void d_add_sorted(struct dentry *dir, struct dentry *d)
{
	struct dentry *pos;

	list_for_each_entry(pos, &dir->d_subdirs, d_child)
		if (strcmp(pos->d_name, d->d_name) > 0)
			break;
	list_add_tail(&d->d_child, &pos->d_child);
	if (S_ISDIR(d->d_inode->i_mode))
		dir->d_inode->i_nlink++;
	dir->d_inode->i_mtime = current_time();
}

struct dentry *ramfs_create(struct dentry *dir, const char *name, int namelen,
			    umode_t mode, dev_t rdev)
{
	int err = may_create(dir, name, namelen);
	struct inode *inode;
	struct dentry *d;

	if (err)
		return ERR_PTR(err);
	if (!(mode & S_IFMT))
		return ERR_PTR(-EINVAL);
	inode = new_inode(mode, rdev);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_sb = dir->d_inode->i_sb;   /* a mounted ramfs's own device */
	if (inode->i_sb)
		get_super(inode->i_sb);
	d = d_alloc(dir, name, namelen, inode);
	if (!d) {
		inode->i_count = 1;
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d_add_sorted(dir, d);
	return d;
}

struct dentry *d_alloc_unhashed(struct dentry *parent, const char *name, int len,
				struct inode *inode)
{
	return d_alloc(parent, name, len, inode);
}

struct dentry *ramfs_symlink(struct dentry *dir, const char *name, int namelen,
			     const char *target, size_t target_len)
{
	char *link;
	struct dentry *d;

	if (target_len == 0 || contains(target, target_len, '\0'))
		return ERR_PTR(target_len ? -EINVAL : -ENOENT);
	if (target_len >= PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	link = kmalloc(target_len + 1, GFP_KERNEL);
	if (!link)
		return ERR_PTR(-ENOMEM);
	memcpy(link, target, target_len);
	link[target_len] = '\0';
	d = ramfs_create(dir, name, namelen, S_IFLNK | 0777, 0);
	if (IS_ERR(d)) {
		kfree(link);
		return d;
	}
	d->d_inode->i_link = link;
	d->d_inode->i_size = target_len;
	return d;
}
