/* include/mount.h: filesystem types, superblocks and the mount table
 * (fs/super.c, fs/namespace.c).
 *
 * The boot root is the rootfs ramfs (fs/initramfs.c). mount(2) puts the
 * root of another filesystem instance - a procfs or a fresh ramfs - over a
 * directory; path lookup then goes into the mounted tree when it reaches
 * that directory, and ".." at the mounted root comes back out:
 *
 *   rootfs:  /  --  proc (the mountpoint dentry; its own children hidden)
 *                     |
 *                     | struct vfsmount: mnt_mountpoint -> rootfs "proc"
 *                     v                  mnt_root -> the procfs root
 *   procfs:           /  --  1, 2, self, meminfo ...
 *
 * A vfsmount holds a reference on both dentries and on the superblock. A
 * superblock is what one instance shares: its device number (st_dev of
 * every inode in it), its type, and the operation that frees what the
 * filesystem hangs on an inode. Inodes of the boot rootfs have no
 * superblock (i_sb NULL, device 0:1); every other inode holds a reference
 * on its superblock, so a superblock outlives a lazy unmount while files
 * of it are open.
 *
 * Each mount makes a new instance with its own root dentry (two mounts of
 * proc share the procfs superblock, and so its device number, as in
 * Linux). A mount is busy (umount: EBUSY) while anything but the tree
 * itself holds a dentry of its tree: an open file, a working directory, a
 * mount below (a walk that crosses in while the umount goes ahead keeps
 * its dentry, and the tree goes when it lets go, as after MNT_DETACH:
 * fs/namespace.c). */
#ifndef TASKLAB_MOUNT_H
#define TASKLAB_MOUNT_H

#include <types.h>
#include <list.h>
#include <fs.h>
#include <rwsem.h>
#include <spinlock.h>

/* mount(2) flags (Linux's MS_*): those Tasklab honours. */
#define MS_RDONLY      0x1        /* no writes: EROFS */
#define MS_NOSUID      0x2        /* exec honours no set-user-ID or set-group-ID bit */
#define MS_NODEV       0x4        /* device nodes cannot be opened: EACCES */
#define MS_NOEXEC      0x8        /* files cannot be executed: EACCES */
#define MS_REMOUNT     0x20       /* change the flags of an existing mount */
#define MS_NOATIME     0x400
#define MS_NODIRATIME  0x800
#define MS_BIND        0x1000
#define MS_MOVE        0x2000
#define MS_SILENT      0x8000     /* quiet: nothing to report anyway */
#define MS_UNBINDABLE  (1 << 17)
#define MS_PRIVATE     (1 << 18)
#define MS_SLAVE       (1 << 19)
#define MS_SHARED      (1 << 20)
#define MS_RELATIME    0x200000
#define MS_STRICTATIME 0x1000000
#define MS_MGC_MSK     0xffff0000 /* the old magic 0xC0ED in the top bits */
#define MS_MGC_VAL     0xC0ED0000

/* umount2(2) flags */
#define MNT_FORCE       0x1
#define MNT_DETACH      0x2
#define MNT_EXPIRE      0x4
#define UMOUNT_NOFOLLOW 0x8

struct super_block;

struct super_operations {
	/* The inode's last reference is gone: let go of what the filesystem
	 * hung on it (before the inode is freed). */
	void (*evict_inode)(struct inode *inode);
};

struct file_system_type {
	const char *name;
	int fs_flags;                     /* FS_REQUIRES_DEV: not "nodev" */
	/* A new instance: its root dentry with one reference (the mount's),
	 * whose inode holds a reference on the instance's superblock; or
	 * ERR_PTR(-EINVAL for options it does not know, -ENOMEM). data is the
	 * mount's option string (NULL: none). */
	struct dentry *(*mount)(struct file_system_type *type, unsigned long flags,
				const char *data);
	/* The instance is unmounted: drop the root's reference and the tree
	 * (what open files hold survives until they are closed). */
	void (*kill_sb)(struct dentry *root);
	struct file_system_type *next;
};
#define FS_REQUIRES_DEV 1

struct super_block {
	dev_t s_dev;                      /* st_dev of its inodes */
	struct file_system_type *s_type;
	const struct super_operations *s_op;   /* NULL: nothing hung on inodes */
	int s_count;                      /* the mounts and inodes referring to it */
};

struct vfsmount {
	struct list_head mnt_list;        /* on the mount table, in mount order */
	struct dentry *mnt_mountpoint;    /* where it is mounted (referenced) */
	struct dentry *mnt_root;          /* the instance's root (referenced) */
	struct super_block *mnt_sb;       /* referenced */
	unsigned long mnt_flags;          /* MS_RDONLY, NOSUID, NODEV, NOEXEC, atime;
					     written under namespace_sem and
					     vfsmount_lock */
	bool mnt_expiry_mark;             /* umount2(MNT_EXPIRE) asked once;
					     vfsmount_lock */
	char mnt_devname[];               /* mount's first argument, as given */
};

/* --- fs/super.c ------------------------------------------------------- */

/* 0, or -EBUSY when a type of that name is registered. */
int register_filesystem(struct file_system_type *type);
/* The type called name, or NULL. */
struct file_system_type *get_fs_type(const char *name);
/* Call fn for each registered type, in registration order. */
void for_each_filesystem(void (*fn)(struct file_system_type *type, void *arg), void *arg);
/* A new superblock of type with an anonymous device number (major 0, as
 * Linux's get_anon_bdev): one reference; NULL when out of memory or
 * numbers. */
struct super_block *alloc_super(struct file_system_type *type,
				const struct super_operations *ops);
void get_super(struct super_block *sb);
/* Drop a reference; the last one frees the superblock and its number. */
void put_super(struct super_block *sb);
/* Superblocks alive (a leak counter for the self-tests). */
extern unsigned long nr_super_blocks;

/* --- fs/namespace.c ----------------------------------------------------- */

/* The mount table, first entry the boot root (rootfs on "/"). Entries
 * join and leave under namespace_sem (write) and vfsmount_lock; a reader
 * holds one of them (fs/namespace.c says which). */
extern struct list_head mount_list;
extern unsigned long nr_mounts;           /* entries beyond the boot root */
extern struct rw_semaphore namespace_sem; /* mount, umount; sleeping walks */
extern spinlock_t vfsmount_lock;          /* lookups by the path walk, d_path */

/* Call fn for root and every dentry below it in the tree (parents before
 * children), until fn returns true (then true), under ramfs_tree_sem
 * (read: fn must not sleep on it or change the tree). Iterative: trees can
 * be deeper than the kernel stack could recurse. */
bool d_walk(struct dentry *root, bool (*fn)(struct dentry *d, void *arg), void *arg);
/* The mount whose root is d, or NULL (d is not a mounted root). The
 * caller holds vfsmount_lock or namespace_sem: the entry may go as soon
 * as neither is held. */
struct vfsmount *lookup_mnt_root(const struct dentry *d);
/* The mount that covers d (d is its mountpoint), the last mounted if
 * several are stacked, or NULL. The caller holds one of the two locks. */
struct vfsmount *lookup_mnt(const struct dentry *d);
/* The mount the tree holding d belongs to (the boot root for the rootfs);
 * NULL for a dentry of an unmounted tree (a test's private ramfs). For
 * comparing two dentries' mounts (EXDEV) only: the entry is not held. */
struct vfsmount *d_mnt(const struct dentry *d);
/* The flags (MS_RDONLY...) of the mount holding d; 0 for none. */
unsigned long d_mnt_flags(const struct dentry *d);
/* Mount the instance's root over d, as the stack of mounts on d goes:
 * d (referenced) is consumed, the topmost root is returned referenced. */
struct dentry *follow_mount(struct dentry *d);
/* ".." from d (referenced; consumed) without going above root: out of
 * mounted roots to their mountpoints, then to the parent. Referenced. */
struct dentry *follow_dotdot(struct dentry *d, struct dentry *root);
/* Is d a mountpoint (unlink and rmdir refuse it: EBUSY)? */
bool d_mountpoint(const struct dentry *d);
/* Does the mount holding d forbid writing (EROFS), devices, exec, set-id
 * exec? */
bool d_readonly(const struct dentry *d);
bool d_nodev(const struct dentry *d);
bool d_noexec(const struct dentry *d);
bool d_nosuid(const struct dentry *d);
/* The option list /proc/mounts shows for mnt ("rw,nosuid,relatime"). */
int mnt_show_flags(const struct vfsmount *mnt, char *buf, size_t size);

/* Register ramfs and rootfs and enter the boot root in the table (boot,
 * after rootfs_init). */
void mnt_init(void);
/* The work of mount(2) and umount2(2) with kernel strings (the boot and
 * the self-tests use them too): 0 or -errno as the system calls. */
int do_mount(const char *dev_name, const char *dir_name, const char *type,
	     unsigned long flags, const char *data);
int do_umount(const char *name, int flags);

#endif
