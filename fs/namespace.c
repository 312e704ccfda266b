/* fs/namespace.c: the mount table (include/mount.h) and mount(2),
 * umount(2), umount2(2). The table starts with the boot root (rootfs on
 * "/"); each mount adds an entry that covers a directory with the root of
 * a new filesystem instance. Path lookup crosses into a mounted tree with
 * follow_mount and back out with follow_dotdot; d_path crosses out the
 * same way (fs/d_path.c).
 *
 * Linux's rules, in Linux's order: the strings are copied in first
 * (EFAULT), the target looked up (ENOENT, ENOTDIR, ELOOP...), then only
 * root may go on (EPERM); an unknown type is ENODEV, a target that is not
 * a directory ENOTDIR. umount2 refuses unknown flags before anything
 * (EINVAL); a target that is not the root of a mount is EINVAL, one in
 * use EBUSY (MNT_DETACH takes it out of the tree at once anyway, and the
 * tree goes when its last user lets go). Bind, move and propagation
 * requests (MS_BIND, MS_MOVE, MS_SHARED...) are not offered: EINVAL.
 *
 * Two locks, as Linux 2.6's: namespace_sem (write) makes mount, remount
 * and umount one at a time once their paths are looked up (two CPUs
 * unmounting one mount both found it and freed it twice) and lets the
 * table's sleeping readers (/proc/mounts, /proc/meminfo) walk it (read);
 * vfsmount_lock, a spinlock, is what the path walk and d_path take to look
 * an entry up and take a reference to the dentry it leads to before the
 * entry can go. Entries join and leave the list under both. The walk up a
 * dentry's parents to its tree's root (d_mnt) is under rename_lock too, as
 * d_path's. A umount's busy check and its removal are not one step for a
 * walk that crosses into the tree in between: that walk holds its dentry
 * and the tree goes when it lets go, as after MNT_DETACH (Linux counts
 * the mount's users under vfsmount_lock instead). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <fs_struct.h>
#include <mount.h>
#include <rwsem.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <asm/page.h>
#include <asm/uaccess.h>

LIST_HEAD(mount_list);                  /* namespace_sem and vfsmount_lock */
unsigned long nr_mounts;                /* changed under both; read without */
DECLARE_RWSEM(namespace_sem);
DEFINE_SPINLOCK(vfsmount_lock);

/* The flags a mount keeps (Linux's per-mount and superblock flags that
 * mean something here); the others are dropped, as Linux drops them. */
#define MNT_KEPT_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | \
			MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME)
/* Operations Tasklab does not offer: bind and move mounts, propagation. */
#define MS_NOT_OFFERED (MS_BIND | MS_MOVE | MS_UNBINDABLE | MS_PRIVATE | MS_SLAVE | MS_SHARED)

/* Callers hold vfsmount_lock or namespace_sem. */
struct vfsmount *lookup_mnt_root(const struct dentry *d)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mount_list, mnt_list)
		if (m->mnt_root == d)
			return m;
	return NULL;
}

struct vfsmount *lookup_mnt(const struct dentry *d)
{
	struct vfsmount *m, *found = NULL;

	list_for_each_entry(m, &mount_list, mnt_list)
		if (m->mnt_mountpoint == d && m->mnt_root != d)
			found = m;
	return found;
}

/* Under vfsmount_lock or namespace_sem, and something that keeps the
 * parents still: rename_lock, or ramfs_tree_sem (a rename may free an old
 * parent as it moves d). */
static struct vfsmount *__d_mnt(const struct dentry *d)
{
	while (d->d_parent != d)
		d = d->d_parent;
	return lookup_mnt_root(d);
}

struct vfsmount *d_mnt(const struct dentry *d)
{
	struct vfsmount *m;

	spin_lock(&rename_lock);
	spin_lock(&vfsmount_lock);
	m = __d_mnt(d);
	spin_unlock(&vfsmount_lock);
	spin_unlock(&rename_lock);
	return m;
}

bool d_mountpoint(const struct dentry *d)
{
	bool covered;

	spin_lock(&vfsmount_lock);
	covered = lookup_mnt(d) != NULL;
	spin_unlock(&vfsmount_lock);
	return covered;
}

/* The root of the topmost mount on d, referenced, or NULL. */
static struct dentry *get_mounted_root(struct dentry *d)
{
	struct dentry *root = NULL;
	struct vfsmount *m;

	spin_lock(&vfsmount_lock);
	if ((m = lookup_mnt(d))) {
		/* a use (but umount2's own lookup: Linux's mntput_no_expire):
		 * MNT_EXPIRE starts over */
		if (!(current->flags & PF_UMOUNT_LOOKUP))
			m->mnt_expiry_mark = false;
		root = dget(m->mnt_root);
	}
	spin_unlock(&vfsmount_lock);
	return root;
}

struct dentry *follow_mount(struct dentry *d)
{
	struct dentry *root;

	if (!READ_ONCE(nr_mounts))
		return d;
	while ((root = get_mounted_root(d))) {
		dput(d);
		d = root;
	}
	return d;
}

/* Swap the walk's reference from d to next (referenced by the caller). */
static struct dentry *step_to(struct dentry *d, struct dentry *next)
{
	dput(d);
	return next;
}

/* The directory the mounted root d covers, referenced; NULL when d is the
 * top of everything (no mount's root, or the boot root). */
static struct dentry *get_covered_dir(struct dentry *d)
{
	struct dentry *mp = NULL;
	struct vfsmount *m;

	spin_lock(&vfsmount_lock);
	m = lookup_mnt_root(d);
	if (m && m->mnt_mountpoint != d)
		mp = dget(m->mnt_mountpoint);
	spin_unlock(&vfsmount_lock);
	return mp;
}

struct dentry *follow_dotdot(struct dentry *d, struct dentry *root)
{
	struct dentry *mp;

	while (d != root && d->d_parent == d) {
		if (!(mp = get_covered_dir(d)))
			return d;                /* the top of everything */
		d = step_to(d, mp);
	}
	if (d != root) {
		spin_lock(&rename_lock);        /* a rename may drop the old parent */
		mp = dget(d->d_parent);
		spin_unlock(&rename_lock);
		d = step_to(d, mp);
	}
	return follow_mount(d);
}

unsigned long d_mnt_flags(const struct dentry *d)
{
	unsigned long flags = 0;
	struct vfsmount *m;

	spin_lock(&rename_lock);
	spin_lock(&vfsmount_lock);
	if ((m = __d_mnt(d)))
		flags = m->mnt_flags;
	spin_unlock(&vfsmount_lock);
	spin_unlock(&rename_lock);
	return flags;
}

bool d_readonly(const struct dentry *d) { return d_mnt_flags(d) & MS_RDONLY; }
bool d_nodev(const struct dentry *d) { return d_mnt_flags(d) & MS_NODEV; }
bool d_noexec(const struct dentry *d) { return d_mnt_flags(d) & MS_NOEXEC; }
bool d_nosuid(const struct dentry *d) { return d_mnt_flags(d) & MS_NOSUID; }

int mnt_show_flags(const struct vfsmount *mnt, char *buf, size_t size)
{
	unsigned long f = mnt->mnt_flags;

	return snprintf(buf, size, "%s%s%s%s%s%s%s", (f & MS_RDONLY) ? "ro" : "rw",
			(f & MS_NOSUID) ? ",nosuid" : "", (f & MS_NODEV) ? ",nodev" : "",
			(f & MS_NOEXEC) ? ",noexec" : "", (f & MS_NOATIME) ? ",noatime" : "",
			(f & MS_NODIRATIME) ? ",nodiratime" : "",
			(f & MS_RELATIME) ? ",relatime" : "");
}

/* The flags a new or remounted mount keeps: relatime unless noatime or
 * strictatime was asked for (Linux's default since 2.6.30). */
static unsigned long kept_flags(unsigned long flags)
{
	if (!(flags & (MS_NOATIME | MS_STRICTATIME)))
		flags |= MS_RELATIME;
	return flags & MNT_KEPT_FLAGS & ~MS_STRICTATIME;
}

static struct vfsmount *alloc_vfsmnt(const char *dev_name)
{
	const char *name = dev_name ? dev_name : "none";
	struct vfsmount *m = kzalloc(sizeof(*m) + strlen(name) + 1, GFP_KERNEL);

	if (m)
		memcpy(m->mnt_devname, name, strlen(name) + 1);
	return m;
}

/* Put root (referenced; the mount takes it) over mountpoint (referenced;
 * taken too). Under namespace_sem (write). */
static int attach_mnt(struct dentry *mountpoint, struct dentry *root, const char *dev_name,
		      unsigned long flags)
{
	struct vfsmount *m = alloc_vfsmnt(dev_name);
	struct super_block *sb = root->d_inode->i_sb;

	if (!m)
		return -ENOMEM;
	m->mnt_mountpoint = mountpoint;
	m->mnt_root = root;
	m->mnt_sb = sb;
	get_super(sb);
	m->mnt_flags = kept_flags(flags);
	spin_lock(&vfsmount_lock);
	list_add_tail(&m->mnt_list, &mount_list);
	__atomic_add_fetch(&nr_mounts, 1, __ATOMIC_RELAXED);
	spin_unlock(&vfsmount_lock);
	return 0;
}

/* A directory that procfs makes anew at each lookup cannot hold a mount
 * (the next lookup would not find it): only a tree's root or a name linked
 * in its directory can, and only in a tree that is mounted (not one a lazy
 * unmount took out: Linux's check_mnt). Under namespace_sem and
 * ramfs_tree_sem (read: no rmdir or rename between the look and the
 * mount). */
static bool can_hold_mount(const struct dentry *d)
{
	return (d->d_parent == d || !list_empty(&d->d_child)) && __d_mnt(d);
}

static int do_new_mount(struct dentry *mp, const char *type_name, unsigned long flags,
			const char *dev_name, const char *data)
{
	struct file_system_type *type = type_name ? get_fs_type(type_name) : NULL;
	struct dentry *root;
	int err;

	if (!type_name)
		return -EINVAL;
	if (!type)
		return -ENODEV;
	if (type->fs_flags & FS_REQUIRES_DEV)
		return -ENOTBLK;
	if (!S_ISDIR(mp->d_inode->i_mode))
		return -ENOTDIR;
	root = type->mount(type, flags, data);
	if (IS_ERR(root))
		return PTR_ERR(root);
	down_read(&ramfs_tree_sem);
	err = -EINVAL;
	if (can_hold_mount(mp) && (err = attach_mnt(dget(mp), root, dev_name, flags)))
		dput(mp);                       /* the reference attach_mnt did not take */
	up_read(&ramfs_tree_sem);
	if (err)
		type->kill_sb(root);
	return err;
}

/* MS_REMOUNT: new flags for the mount whose root is d. Under
 * namespace_sem (write); the flags are read under vfsmount_lock. */
static int do_remount(struct dentry *d, unsigned long flags)
{
	struct vfsmount *m = lookup_mnt_root(d);

	if (!m)
		return -EINVAL;
	spin_lock(&vfsmount_lock);
	m->mnt_flags = kept_flags(flags);
	spin_unlock(&vfsmount_lock);
	return 0;
}

int do_mount(const char *dev_name, const char *dir_name, const char *type,
	     unsigned long flags, const char *data)
{
	struct dentry *cwd = current_cwd();
	struct dentry *mp = path_lookup(root_dentry, cwd, dir_name, LOOKUP_FOLLOW);
	int err;

	dput(cwd);
	if (IS_ERR(mp))
		return PTR_ERR(mp);
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (current->euid != 0)
		err = -EPERM;
	else if (flags & MS_NOT_OFFERED)
		err = -EINVAL;
	else {
		down_write(&namespace_sem);
		if (flags & MS_REMOUNT)
			err = do_remount(mp, flags);
		else
			err = do_new_mount(mp, type, flags, dev_name, data);
		up_write(&namespace_sem);
	}
	dput(mp);
	return err;
}

static bool __d_walk(struct dentry *root, bool (*fn)(struct dentry *d, void *arg), void *arg)
{
	struct dentry *d = root;

	for (;;) {
		if (fn(d, arg))
			return true;
		if (!list_empty(&d->d_subdirs)) {
			d = list_first_entry(&d->d_subdirs, struct dentry, d_child);
			continue;
		}
		while (d != root && d->d_child.next == &d->d_parent->d_subdirs)
			d = d->d_parent;
		if (d == root)
			return false;
		d = list_entry(d->d_child.next, struct dentry, d_child);
	}
}

/* Under ramfs_tree_sem (read): an unlink on another CPU takes a dentry out
 * (pointing its d_child at itself, where the walk would spin) and frees it. */
bool d_walk(struct dentry *root, bool (*fn)(struct dentry *d, void *arg), void *arg)
{
	bool stopped;

	down_read(&ramfs_tree_sem);
	stopped = __d_walk(root, fn, arg);
	up_read(&ramfs_tree_sem);
	return stopped;
}

/* Is d held by something but the tree: an open file, a working directory,
 * a mount on it, a walk? Each dentry is held once by the tree (the root:
 * by its mount) and once by each child (d_parent); any more is a user. */
static bool dentry_in_use(struct dentry *d, void *unused)
{
	struct dentry *c;
	int expected = 1;

	list_for_each_entry(c, &d->d_subdirs, d_child)
		expected++;
	return d->d_count != expected;
}

static bool tree_busy(struct dentry *root)
{
	return d_walk(root, dentry_in_use, NULL);
}

/* A mount whose mountpoint is in m's tree, or NULL. Under namespace_sem. */
static struct vfsmount *first_mount_inside(const struct vfsmount *m)
{
	struct vfsmount *child, *found = NULL;

	spin_lock(&rename_lock);
	list_for_each_entry(child, &mount_list, mnt_list)
		if (child != m && __d_mnt(child->mnt_mountpoint) == m) {
			found = child;
			break;
		}
	spin_unlock(&rename_lock);
	return found;
}

/* Take m out of the table and let go of its tree, its mountpoint and its
 * superblock; mounts inside its tree go first (a lazy unmount takes the
 * whole subtree, as Linux's umount_tree). Under namespace_sem (write). */
static void umount_tree(struct vfsmount *m)
{
	struct vfsmount *child;

	while ((child = first_mount_inside(m)))
		umount_tree(child);
	spin_lock(&vfsmount_lock);            /* no walk finds it after this */
	list_del(&m->mnt_list);
	__atomic_sub_fetch(&nr_mounts, 1, __ATOMIC_RELAXED);
	spin_unlock(&vfsmount_lock);
	m->mnt_sb->s_type->kill_sb(m->mnt_root);
	dput(m->mnt_mountpoint);
	put_super(m->mnt_sb);
	kfree(m);
}

/* umount2's work once the target m is found (the caller's reference on
 * its root is already dropped). Under namespace_sem (write). */
static int umount_mnt(struct vfsmount *m, int flags)
{
	bool busy, marked;

	if (m->mnt_mountpoint == m->mnt_root)
		return -EBUSY;                   /* the boot root: always in use */
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	busy = tree_busy(m->mnt_root);
	if (busy && !(flags & MNT_DETACH))
		return -EBUSY;
	if (flags & MNT_EXPIRE) {
		spin_lock(&vfsmount_lock);       /* a walk's crossing clears the mark */
		marked = m->mnt_expiry_mark;
		m->mnt_expiry_mark = true;       /* the next one unmounts, if unused */
		spin_unlock(&vfsmount_lock);
		if (!marked)
			return -EAGAIN;
	}
	umount_tree(m);
	return 0;
}

int do_umount(const char *name, int flags)
{
	struct dentry *cwd, *d;
	struct vfsmount *m;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	cwd = current_cwd();
	current->flags |= PF_UMOUNT_LOOKUP;
	d = path_lookup(root_dentry, cwd, name, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	current->flags &= ~PF_UMOUNT_LOOKUP;
	dput(cwd);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (current->euid != 0) {
		dput(d);
		return -EPERM;
	}
	/* d held, the table still: a second umount of the same mount finds
	 * it gone (EINVAL) */
	down_write(&namespace_sem);
	m = lookup_mnt_root(d);
	dput(d);
	err = m ? umount_mnt(m, flags) : -EINVAL;   /* EINVAL: not a mount's root */
	up_write(&namespace_sem);
	return err;
}

/* A user string of at most max bytes into a kmalloc'd buffer (NULL for a
 * NULL pointer): 0, -EFAULT, -ENAMETOOLONG (cut, when `cut` is set: the
 * option page, which Linux copies as a page whatever it holds) or
 * -ENOMEM. */
static int copy_mount_string(u32 uptr, size_t max, bool cut, char **out)
{
	long n;

	*out = NULL;
	if (!uptr)
		return 0;
	*out = kmalloc(max, GFP_KERNEL);
	if (!*out)
		return -ENOMEM;
	n = strncpy_from_user(*out, (const char *)uptr, max);
	if (n >= 0 && ((size_t)n < max || cut)) {
		(*out)[max - 1] = '\0';
		return 0;
	}
	kfree(*out);
	*out = NULL;
	return n < 0 ? -EFAULT : -ENAMETOOLONG;
}

/* mount(source, target, filesystemtype, mountflags, data) */
long sys_mount(u32 udev, u32 udir, u32 utype, u32 flags, u32 udata, u32 f)
{
	char *dev = NULL, *dir = NULL, *type = NULL, *data = NULL;
	long err;

	if (!(err = copy_mount_string(utype, PATH_MAX, false, &type)) &&
	    !(err = copy_mount_string(udev, PATH_MAX, false, &dev)) &&
	    !(err = copy_mount_string(udata, PAGE_SIZE, true, &data)) &&
	    !(err = copy_mount_string(udir, PATH_MAX, false, &dir)))
		err = dir ? do_mount(dev, dir, type, flags, data) : -EFAULT;
	kfree(dev);
	kfree(dir);
	kfree(type);
	kfree(data);
	return err;
}

long sys_umount2(u32 uname, u32 flags, u32 c, u32 d, u32 e, u32 f)
{
	char *name;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = copy_mount_string(uname, PATH_MAX, false, &name);
	if (!err)
		err = name ? do_umount(name, (int)flags) : -EFAULT;
	kfree(name);
	return err;
}

/* The old umount(name) (22): umount2 with no flags. */
long sys_umount(u32 uname, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return sys_umount2(uname, 0, 0, 0, 0, 0);
}

/* --- ramfs and rootfs as mountable types ------------------------------ */

/* "mode=OCTAL" sets the root's permissions; Linux's ramfs ignores every
 * other option, and so does this one. */
static void ramfs_parse_options(struct inode *root, const char *data)
{
	const char *p = data ? strstr(data, "mode=") : NULL;
	unsigned long mode = 0;

	if (!p || (p != data && p[-1] != ','))
		return;
	for (p += 5; *p >= '0' && *p <= '7'; p++)
		mode = mode * 8 + (*p - '0');
	root->i_mode = S_IFDIR | (mode & 07777);
}

static struct dentry *ramfs_mount(struct file_system_type *type, unsigned long flags,
				  const char *data)
{
	struct super_block *sb = alloc_super(type, NULL);
	struct dentry *root = sb ? ramfs_new_root() : NULL;

	if (!root) {
		if (sb)
			put_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	root->d_inode->i_sb = sb;        /* the root inode takes alloc_super's reference */
	ramfs_parse_options(root->d_inode, data);
	return root;
}

static struct file_system_type ramfs_fs_type = {
	.name = "ramfs", .mount = ramfs_mount, .kill_sb = ramfs_kill_tree,
};
static struct file_system_type rootfs_fs_type = {
	.name = "rootfs", .mount = ramfs_mount, .kill_sb = ramfs_kill_tree,
};

/* Contract: after rootfs_init (root_dentry exists); registers ramfs and
 * rootfs and makes the boot root the first entry of the mount table. */
void mnt_init(void)
{
	struct vfsmount *m = alloc_vfsmnt("rootfs");

	register_filesystem(&rootfs_fs_type);
	register_filesystem(&ramfs_fs_type);
	if (!m || !root_dentry)
		panic("mnt_init: no root to mount");
	m->mnt_mountpoint = m->mnt_root = root_dentry;
	m->mnt_flags = 0;                /* "rw", as Linux shows rootfs */
	list_add_tail(&m->mnt_list, &mount_list);
}
