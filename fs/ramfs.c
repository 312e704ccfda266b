/* fs/ramfs.c: the in-memory filesystem's tree: the dentries that are its
 * directory structure, and the changes to it that names go through
 * (create, symlink, link, unlink, rename, O_TMPFILE). Inodes are made in
 * fs/inode.c, file data and directory reading are in fs/ramfs_file.c, and
 * the rules of each system call (which errors, in which order) in the
 * fs/ files named after them. See include/fs.h for the object picture and
 * the reference rules:
 *   - the tree holds one reference on each dentry in it;
 *   - a dentry holds one on its parent (so an open file keeps the path to
 *     the root alive) and one on its inode;
 *   - the last dput frees the dentry; the last iput frees the inode and its
 *     data.
 * Link counts follow Linux: a file has one per name, a directory two (its
 * name and its ".") plus one per subdirectory (their ".."). Every change
 * to a directory's entries sets its mtime and ctime; a change to an
 * inode's names sets its ctime.
 *
 * On several CPUs: every directory's children (d_subdirs, d_child) and a
 * directory's link count change under ramfs_tree_sem held for writing
 * (create, link, unlink, rename, taking a tree apart: each its check and
 * its change in one hold, so two CPUs cannot make one name twice), and
 * are read under it for reading (d_lookup, readdir). A sleeping lock: a
 * readdir copies names to user memory under it. Reference counts are
 * atomic. The path walk's lookup takes its reference under the lock
 * (d_lookup_get, as Linux's d_lookup), so a name unlinked on another CPU
 * as it is walked stays alive while the walk holds it. d_lookup's answer
 * is not referenced: its callers hold the parent's name fixed otherwise
 * (create, unlink and rename look again under the lock for writing) or
 * run before other CPUs or programs do (boot, the tests). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mount.h>
#include <rwsem.h>
#include <slab.h>
#include <spinlock.h>

struct dentry *root_dentry;
unsigned long nr_dentries;
DECLARE_RWSEM(ramfs_tree_sem);
/* A dentry's name and parent as d_path reads them: rename changes them
 * under it (and ramfs_tree_sem), d_path walks under it alone (it may run
 * under mmap_lock, which ramfs_tree_sem must not nest in). */
DEFINE_SPINLOCK(rename_lock);

extern const struct file_operations ramfs_dir_operations;

/* A buffer for a name of len bytes in d: its inline array, or a new one
 * (NULL if no memory). */
static char *name_buf(struct dentry *d, int len)
{
	return len < DNAME_INLINE_LEN ? d->d_iname : kmalloc(len + 1, GFP_KERNEL);
}

/* Make buf (from name_buf) d's name, freeing a replaced external one. */
static void d_set_name(struct dentry *d, char *buf, const char *name, int len)
{
	memmove(buf, name, len);
	buf[len] = '\0';
	if (d->d_name && d->d_name != d->d_iname && d->d_name != buf)
		kfree(d->d_name);
	d->d_name = buf;
	d->d_namelen = len;
}

/* A dentry for name in parent (NULL: it is its own parent) holding inode;
 * takes over the caller's reference on neither: it gets its own on both. */
static struct dentry *d_alloc(struct dentry *parent, const char *name, int len,
			      struct inode *inode)
{
	struct dentry *d = kzalloc(sizeof(*d), GFP_KERNEL);
	char *buf = d ? name_buf(d, len) : NULL;

	if (!buf) {
		kfree(d);
		return NULL;
	}
	d_set_name(d, buf, name, len);
	d->d_parent = parent ? dget(parent) : d;
	d->d_inode = ihold(inode);
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	d->d_count = 1;
	__atomic_add_fetch(&nr_dentries, 1, __ATOMIC_RELAXED);
	return d;
}

/* Atomic counts: a dentry is held and let go of on any CPU (the tree's
 * reference is dropped under ramfs_tree_sem, the others anywhere). */
struct dentry *dget(struct dentry *d)
{
	__atomic_add_fetch(&d->d_count, 1, __ATOMIC_RELAXED);
	return d;
}

void dput(struct dentry *d)
{
	while (d && __atomic_sub_fetch(&d->d_count, 1, __ATOMIC_ACQ_REL) == 0) {
		struct dentry *parent = d->d_parent == d ? NULL : d->d_parent;
		BUG_ON(!list_empty(&d->d_subdirs));
		iput(d->d_inode);
		if (d->d_name != d->d_iname)
			kfree(d->d_name);
		kfree(d);
		__atomic_sub_fetch(&nr_dentries, 1, __ATOMIC_RELAXED);
		d = parent;             /* drop the reference d held on it */
	}
}

/* An inode of `mode` with the ramfs's operations, on the filesystem
 * instance of directory dir (a mounted ramfs's own device; NULL or the
 * boot rootfs: none), or NULL. */
static struct inode *ramfs_get_inode(struct dentry *dir, umode_t mode, dev_t rdev)
{
	struct inode *inode = new_inode(mode);

	if (!inode)
		return NULL;
	inode->i_sb = dir ? dir->d_inode->i_sb : NULL;
	if (inode->i_sb)
		get_super(inode->i_sb);
	inode->i_rdev = rdev;
	if (S_ISREG(mode))
		inode->i_fop = &ramfs_file_operations;
	else if (S_ISDIR(mode))
		inode->i_fop = &ramfs_dir_operations;
	return inode;
}

/* A dentry of its own (NULL parent: itself) on a fresh inode, or NULL. */
static struct dentry *d_alloc_inode(struct dentry *parent, const char *name, int len,
				    struct inode *inode)
{
	struct dentry *d;

	if (!inode)
		return NULL;
	d = d_alloc(parent, name, len, inode);
	if (!d) {
		ihold(inode);
		iput(inode);            /* frees it */
	}
	return d;
}

struct dentry *ramfs_new_unlinked(const char *name, umode_t mode)
{
	return d_alloc_inode(NULL, name, strlen(name), ramfs_get_inode(NULL, mode, 0));
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

struct dentry *d_alloc_pseudo(struct inode *inode, const char *name)
{
	return d_alloc(NULL, name, strlen(name), inode);
}

/* Take the whole tree apart bottom-up, dropping the tree's reference on
 * each dentry. Iterative: a tree from an archive can be deeper than the
 * kernel stack could recurse. A dentry an open file still holds survives
 * (with its parents) until that file is closed. */
void ramfs_kill_tree(struct dentry *root)
{
	struct dentry *d = root;

	down_write(&ramfs_tree_sem);
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
	up_write(&ramfs_tree_sem);
	dput(root);
}

static bool name_is(const struct dentry *d, const char *name, int len)
{
	return d->d_namelen == (unsigned int)len && !memcmp(d->d_name, name, len);
}

struct dentry *__d_lookup(struct dentry *dir, const char *name, int len)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->d_subdirs, d_child)
		if (name_is(d, name, len))
			return d;
	return NULL;
}

struct dentry *d_lookup(struct dentry *dir, const char *name, int len)
{
	struct dentry *d;

	down_read(&ramfs_tree_sem);
	d = __d_lookup(dir, name, len);
	up_read(&ramfs_tree_sem);
	return d;
}

struct dentry *d_lookup_get(struct dentry *dir, const char *name, int len)
{
	struct dentry *d;

	down_read(&ramfs_tree_sem);
	d = __d_lookup(dir, name, len);
	if (d)
		dget(d);                 /* before an unlink on another CPU drops the tree's */
	up_read(&ramfs_tree_sem);
	return d;
}

bool is_subdir(struct dentry *d, struct dentry *ancestor)
{
	for (;; d = d->d_parent) {
		if (d == ancestor)
			return true;
		if (d->d_parent == d)
			return false;
	}
}

static bool contains(const char *s, size_t len, char c)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == c)
			return true;
	return false;
}

/* Can `name` be made in dir? 0 or -errno. A removed directory (no links
 * left) takes no new names: -ENOENT, as Linux's IS_DEADDIR. */
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
	if (__d_lookup(dir, name, len))
		return -EEXIST;
	if (!dir->d_inode->i_nlink)
		return -ENOENT;
	return d_readonly(dir) ? -EROFS : 0;
}

/* Link d into dir's children, keeping them sorted by name (so readdir and
 * ls are stable). A subdirectory's ".." is a link to dir. */
static void d_add_sorted(struct dentry *dir, struct dentry *d)
{
	struct dentry *pos;

	list_for_each_entry(pos, &dir->d_subdirs, d_child)
		if (strcmp(pos->d_name, d->d_name) > 0)
			break;
	list_add_tail(&d->d_child, &pos->d_child);
	if (S_ISDIR(d->d_inode->i_mode))
		dir->d_inode->i_nlink++;
	inode_touch(dir->d_inode, S_MTIME | S_CTIME);
}

static void d_remove_child(struct dentry *dir, struct dentry *d)
{
	list_del_init(&d->d_child);
	if (S_ISDIR(d->d_inode->i_mode))
		dir->d_inode->i_nlink--;
	inode_touch(dir->d_inode, S_MTIME | S_CTIME);
}

/* Name inode in dir (the checks done): the new dentry, which the tree
 * holds, or NULL if no memory. */
static struct dentry *d_instantiate_child(struct dentry *dir, const char *name, int len,
					  struct inode *inode)
{
	struct dentry *d = d_alloc_inode(dir, name, len, inode);

	if (d)
		d_add_sorted(dir, d);
	return d;
}

/* ramfs_create's work. A symlink's target (link, kmalloc'ed; freed here
 * on failure, else the inode's) is set before its name appears; with
 * `get`, the caller's reference is taken before the lock is dropped and
 * another CPU could unlink the name. */
static struct dentry *create(struct dentry *dir, const char *name, int namelen, umode_t mode,
			     dev_t rdev, char *link, size_t link_len, bool get)
{
	struct inode *inode;
	struct dentry *d;
	int err;

	if (!(mode & S_IFMT))
		return ERR_PTR(-EINVAL);
	down_write(&ramfs_tree_sem);
	err = may_create(dir, name, namelen);
	inode = err ? NULL : ramfs_get_inode(dir, mode, rdev);
	if (!inode) {
		up_write(&ramfs_tree_sem);
		kfree(link);
		return ERR_PTR(err ? err : -ENOMEM);
	}
	inode_init_owner(inode, dir->d_inode, mode);
	inode->i_link = link;               /* freed with the inode from now on */
	inode->i_size = link_len;
	d = d_instantiate_child(dir, name, namelen, inode);
	if (d && get)
		dget(d);
	up_write(&ramfs_tree_sem);
	return d ? d : ERR_PTR(-ENOMEM);
}

struct dentry *ramfs_create(struct dentry *dir, const char *name, int namelen,
			    umode_t mode, dev_t rdev)
{
	return create(dir, name, namelen, mode, rdev, NULL, 0, false);
}

struct dentry *ramfs_create_get(struct dentry *dir, const char *name, int namelen,
				umode_t mode, dev_t rdev)
{
	return create(dir, name, namelen, mode, rdev, NULL, 0, true);
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

	if (target_len == 0 || contains(target, target_len, '\0'))
		return ERR_PTR(target_len ? -EINVAL : -ENOENT);
	if (target_len >= PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	link = kmalloc(target_len + 1, GFP_KERNEL);
	if (!link)
		return ERR_PTR(-ENOMEM);
	memcpy(link, target, target_len);
	link[target_len] = '\0';
	return create(dir, name, namelen, S_IFLNK | 0777, 0, link, target_len, false);
}

struct dentry *ramfs_link(struct dentry *old, struct dentry *dir, const char *name, int namelen)
{
	struct dentry *d;
	int err;

	down_write(&ramfs_tree_sem);
	err = may_create(dir, name, namelen);
	if (!err && !old->d_inode->i_nlink && !(old->d_inode->i_state & I_LINKABLE))
		err = -ENOENT;          /* its last name went meanwhile (unlink on another CPU) */
	if (err) {
		up_write(&ramfs_tree_sem);
		return ERR_PTR(err);
	}
	d = d_alloc(dir, name, namelen, old->d_inode);
	if (d) {
		old->d_inode->i_nlink++;
		old->d_inode->i_state &= ~I_LINKABLE;
		inode_touch(old->d_inode, S_CTIME);
		d_add_sorted(dir, d);
	}
	up_write(&ramfs_tree_sem);
	return d ? d : ERR_PTR(-ENOMEM);
}

/* ramfs_unlink with ramfs_tree_sem held for writing. */
void __ramfs_unlink(struct dentry *dir, struct dentry *d)
{
	struct inode *inode = d->d_inode;

	d_remove_child(dir, d);
	inode->i_nlink -= S_ISDIR(inode->i_mode) ? 2 : 1;
	inode_touch(inode, S_CTIME);
	dput(d);                        /* the tree's reference */
}

struct dentry *ramfs_tmpfile(struct dentry *dir, umode_t mode)
{
	struct inode *inode;
	struct dentry *d;
	char name[24];

	if (!S_ISDIR(dir->d_inode->i_mode))
		return ERR_PTR(-ENOTDIR);
	if (!dir->d_inode->i_nlink)
		return ERR_PTR(-ENOENT);
	if (d_readonly(dir))
		return ERR_PTR(-EROFS);
	if (dir->d_inode->i_op)
		return ERR_PTR(-EOPNOTSUPP);    /* procfs has no tmpfile, as Linux's */
	inode = ramfs_get_inode(dir, S_IFREG | mode, 0);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode_init_owner(inode, dir->d_inode, S_IFREG | mode);
	inode->i_nlink = 0;             /* no name: freed at the last close */
	snprintf(name, sizeof(name), "#%lu", inode->i_ino);
	d = d_alloc_inode(dir, name, strlen(name), inode);
	return d ? d : ERR_PTR(-ENOMEM);
}

/* Move d from old_dir to new_dir with buf (from name_buf) as its name. */
static void d_move(struct dentry *old_dir, struct dentry *d, struct dentry *new_dir,
		   char *buf, const char *name, int len)
{
	d_remove_child(old_dir, d);
	spin_lock(&rename_lock);
	d_set_name(d, buf, name, len);
	if (new_dir != old_dir)
		d->d_parent = dget(new_dir);
	spin_unlock(&rename_lock);
	if (new_dir != old_dir)
		dput(old_dir);          /* d's reference; the caller holds another */
	d_add_sorted(new_dir, d);
	inode_touch(d->d_inode, S_CTIME);
}

/* Swap the places of a (in a_dir) and b (in b_dir): names and parents
 * trade places, so each directory keeps the parent references it had. */
static int d_exchange(struct dentry *a_dir, struct dentry *a, struct dentry *b_dir, struct dentry *b)
{
	char *a_name = kmalloc(a->d_namelen + 1, GFP_KERNEL);
	char *b_name = kmalloc(b->d_namelen + 1, GFP_KERNEL);
	char *a_buf = NULL, *b_buf = NULL;
	int a_len = a->d_namelen, b_len = b->d_namelen, err = -ENOMEM;

	if (a_name && b_name && (a_buf = name_buf(a, b_len)) && (b_buf = name_buf(b, a_len))) {
		memcpy(a_name, a->d_name, a_len);
		memcpy(b_name, b->d_name, b_len);
		d_remove_child(a_dir, a);
		d_remove_child(b_dir, b);
		spin_lock(&rename_lock);
		a->d_parent = b_dir;
		b->d_parent = a_dir;
		d_set_name(a, a_buf, b_name, b_len);
		d_set_name(b, b_buf, a_name, a_len);
		spin_unlock(&rename_lock);
		d_add_sorted(b_dir, a);
		d_add_sorted(a_dir, b);
		inode_touch(a->d_inode, S_CTIME);
		inode_touch(b->d_inode, S_CTIME);
		err = 0;
	} else if (a_buf && a_buf != a->d_iname) {
		kfree(a_buf);
	}
	kfree(a_name);
	kfree(b_name);
	return err;
}

int __ramfs_rename(struct dentry *old_dir, struct dentry *d, struct dentry *new_dir,
		   const char *name, int namelen, struct dentry *target, bool exchange)
{
	char *buf;

	if (exchange)
		return d_exchange(old_dir, d, new_dir, target);
	if (!(buf = name_buf(d, namelen)))
		return -ENOMEM;
	if (target)
		__ramfs_unlink(new_dir, target);
	d_move(old_dir, d, new_dir, buf, name, namelen);
	return 0;
}

int ramfs_rename(struct dentry *old_dir, struct dentry *d, struct dentry *new_dir,
		 const char *name, int namelen, struct dentry *target, bool exchange)
{
	int err;

	down_write(&ramfs_tree_sem);
	err = __ramfs_rename(old_dir, d, new_dir, name, namelen, target, exchange);
	up_write(&ramfs_tree_sem);
	return err;
}
