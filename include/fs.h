/* include/fs.h: the virtual filesystem objects and the ramfs behind them.
 *
 * Linux's shapes, kept small. An inode is a file (its type and permission
 * bits, size, owner, link count, device number, and its data); a dentry is
 * a name for an inode in a directory; a struct file is an open inode with a
 * position (f_pos) and the operations (f_op) that read and write it.
 *
 *   struct file --f_dentry--> struct dentry --d_inode--> struct inode
 *                             d_parent, d_subdirs          i_pages[] (data)
 *                             (children), d_child          i_link (symlink)
 *
 * Tasklab has one filesystem, a ramfs, and, as in Linux's ramfs, the dentry
 * tree *is* the directory structure: a directory's entries are its child
 * dentries, kept in name order. The tree holds one reference on each of its
 * dentries; a struct file holds one on its dentry (dget/dput) and each
 * dentry one on its inode (iput frees the inode with its data when the last
 * reference goes).
 *
 * Regular file data lives in whole pages (alloc_page, highmem allowed,
 * reached through kmap), found through a kmalloc'd array indexed by page
 * number, grown by doubling. That array is the file's page cache: a
 * shared mapping puts these very pages in its page tables (page->mapping
 * names the inode), so a store through the mapping is what read() sees,
 * and the inode lists the VMAs mapping it (i_mmap) so that a truncate can
 * take the pages past the new end out of them first.
 *
 * There are no fd tables, files_struct or fs_struct here (those belong to
 * tasks); callers pass the root and working directory to path lookup. */
#ifndef TASKLAB_FS_H
#define TASKLAB_FS_H

#include <types.h>
#include <list.h>
#include <poll.h>
#include <uio.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/stat.h>

typedef long long loff_t;
typedef u32 umode_t;
typedef u32 dev_t;
typedef u32 uid_t;
typedef u32 gid_t;

/* Kernel-internal device numbers: 12 bits major, 20 bits minor (Linux's). */
#define MINORBITS     20
#define MKDEV(ma, mi) (((dev_t)(ma) << MINORBITS) | (dev_t)(mi))
#define MAJOR(dev)    ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)    ((unsigned int)((dev) & ((1U << MINORBITS) - 1)))

#define NAME_MAX    255         /* bytes in one path component */
#define PATH_MAX    4096        /* bytes in a path, NUL included */
#define MAXSYMLINKS 40          /* symlinks followed in one lookup, then ELOOP */
#define MAX_FILE_SIZE (64UL << 20)   /* ramfs files grow to this, then EFBIG */

struct file;
struct dentry;
struct super_block;
struct inode;

/* Called by readdir for each entry; nonzero stops the walk (a full buffer). */
typedef int (*filldir_t)(void *ctx, const char *name, int namelen, loff_t pos,
			 unsigned long ino, unsigned int type);
/* Directory entry types passed to filldir (Linux's DT_*: mode >> 12). */
#define DT_UNKNOWN 0
#define DT_DIR     4
#define DT_REG     8
#define DT_LNK     10

struct inode;

struct file_operations {
	/* Called by open once f_op is set: 0 or -errno (the open fails). */
	int (*open)(struct inode *inode, struct file *f);
	/* Copy from the file at *pos into `to`; advance *pos. Bytes or -errno. */
	ssize_t (*read_iter)(struct file *f, struct iov_iter *to, loff_t *pos);
	ssize_t (*write_iter)(struct file *f, struct iov_iter *from, loff_t *pos);
	/* Call filldir for the entries from f->f_pos on, advancing f_pos. */
	int (*readdir)(struct file *f, filldir_t filldir, void *ctx);
	/* Device control; arg is the caller's (user) argument. */
	long (*unlocked_ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* The last reference to the file is gone (pipes count their ends). */
	void (*release)(struct file *f);
	/* The events ready now, queueing the caller through pt (include/poll.h). */
	__poll_t (*poll)(struct file *f, struct poll_table_struct *pt);
};

/* What a directory of a filesystem other than the ramfs does itself. */
struct inode_operations {
	/* The entry `name` (len bytes) of directory dir, which has no child
	 * of that name in the tree: a new dentry (d_alloc_unhashed) with one
	 * reference, or NULL when there is none (ENOENT), or ERR_PTR. */
	struct dentry *(*lookup)(struct dentry *dir, const char *name, int len);
	/* A symlink's target now: i_link, or ERR_PTR when the reader may not
	 * have it (procfs: EACCES, ENOENT). NULL op: i_link. */
	const char *(*get_link)(struct inode *inode);
};

struct inode {
	unsigned long i_ino;
	umode_t i_mode;             /* S_IF* type | permission bits */
	unsigned int i_nlink;
	uid_t i_uid;
	gid_t i_gid;
	dev_t i_rdev;               /* device nodes: the device */
	loff_t i_size;
	u32 i_mtime;                /* seconds since the epoch */
	int i_count;                /* dentries and users holding it */
	const struct file_operations *i_fop;
	struct page **i_pages;      /* regular files: page n holds bytes n*4K.. */
	unsigned long i_nr_slots;   /* size of i_pages */
	struct list_head i_mmap;    /* VMAs mapping the file (vm_shared links) */
	char *i_link;               /* symlinks: the target, NUL-terminated */
	const struct inode_operations *i_op;   /* NULL: the ramfs's (the tree) */
	struct super_block *i_sb;   /* referenced; NULL: the boot rootfs (include/mount.h) */
};

struct dentry {
	struct dentry *d_parent;    /* the root's parent is itself */
	struct inode *d_inode;
	struct list_head d_child;   /* in the parent's d_subdirs */
	struct list_head d_subdirs; /* children, sorted by name */
	int d_count;
	unsigned int d_namelen;
	char d_name[];              /* NUL-terminated */
};

struct file {
	struct dentry *f_dentry;
	struct inode *f_inode;
	const struct file_operations *f_op;
	loff_t f_pos;
	unsigned int f_flags;       /* O_* from open */
	int f_count;
	void *private_data;         /* the file's own object (a pidfd's struct pid) */
};

/* --- fs/ramfs.c: the tree ---------------------------------------------- */

/* The root of the filesystem the kernel booted with (fs/initramfs.c). */
extern struct dentry *root_dentry;

/* A new empty directory tree (its root dentry, with one reference), or NULL. */
struct dentry *ramfs_new_root(void);
/* Drop a whole tree made by ramfs_new_root (tests): every dentry and inode
 * not still held by an open file is freed. */
void ramfs_kill_tree(struct dentry *root);

/* Create `name` in directory `dir`: an inode of type and mode `mode` (a
 * device node gets `rdev`). Returns the new dentry (owned by the tree, not
 * referenced for the caller) or ERR_PTR(-EEXIST, -ENOTDIR, -ENAMETOOLONG,
 * -EINVAL for "", "." or "..", -ENOMEM). */
struct dentry *ramfs_create(struct dentry *dir, const char *name, int namelen,
			    umode_t mode, dev_t rdev);
/* A symlink `name` in `dir` pointing at `target`; same errors. */
struct dentry *ramfs_symlink(struct dentry *dir, const char *name, int namelen,
			     const char *target, size_t target_len);
/* The directories path[0]/path[1]/... under dir, each made (mode 0555) if
 * missing, as the boot makes /proc/sys/kernel: the last one (owned by the
 * tree, no reference taken) or an ERR_PTR. */
struct dentry *ramfs_make_dirs(struct dentry *dir, const char *const *path, size_t n);
/* The child of dir called name[0..len), or NULL. No reference taken. */
struct dentry *d_lookup(struct dentry *dir, const char *name, int len);
/* A dentry for inode called name in parent, in no directory list (a
 * filesystem that makes its entries at each lookup: procfs): one
 * reference, which the last dput frees it with; it holds one on parent
 * and one on inode (the caller keeps its own). NULL if no memory. */
struct dentry *d_alloc_unhashed(struct dentry *parent, const char *name, int len,
				struct inode *inode);
/* Cut a regular file to `size` bytes (only shrinking frees pages). */
int ramfs_truncate(struct inode *inode, loff_t size);
/* The page holding byte index*PAGE_SIZE of a regular file, or NULL (a hole
 * or past the end). No reference taken: the file keeps it. */
struct page *ramfs_file_page(struct inode *inode, unsigned long index);
/* The same, a hole filled with a new zeroed page first (a shared mapping
 * faulting there); NULL when memory is short. */
struct page *ramfs_get_page(struct inode *inode, unsigned long index);
/* Pages a regular file holds now (holes hold none). */
unsigned long ramfs_pages_held(const struct inode *inode);
/* A ramfs regular file's operations: the only files mmap can map. */
extern const struct file_operations ramfs_file_operations;

/* A regular file of mode `mode` linked in no directory (shared anonymous
 * memory's backing file): its dentry, with one reference, or NULL. */
struct dentry *ramfs_new_unlinked(const char *name, umode_t mode);

struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
/* Inode references (a waiting shared futex holds one); the last iput
 * frees the inode and its pages. */
static inline void ihold(struct inode *inode) { inode->i_count++; }
void iput(struct inode *inode);

/* Objects alive now (leak counters for the self-tests). */
extern unsigned long nr_inodes, nr_dentries, nr_files;

/* --- fs/namei.c: path lookup ------------------------------------------- */

#define LOOKUP_FOLLOW    1      /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 2      /* the result must be a directory */

/* Resolve path from `cwd` (relative) or `root` (absolute; also where ".."
 * stops). Returns the dentry with a reference (dput it), or ERR_PTR(-ENOENT,
 * -ENOTDIR, -ENAMETOOLONG, -ELOOP). */
struct dentry *path_lookup(struct dentry *root, struct dentry *cwd,
			   const char *path, unsigned int flags);
/* The target of symlink d: a string, or ERR_PTR (inode_operations). */
const char *d_link(struct dentry *d);
/* The entry name (len bytes) of directory dir, as the walk finds it: a
 * tree child or what the directory's lookup makes, and whatever is mounted
 * on it. Referenced, or ERR_PTR(-ENOENT) or the lookup's error. */
struct dentry *lookup_child(struct dentry *dir, const char *name, int len);
/* Resolve all but the last component: returns the parent directory (with a
 * reference) and sets *last / *lastlen to the final name inside path
 * ("" for "/"). Same errors. */
struct dentry *path_lookup_parent(struct dentry *root, struct dentry *cwd, const char *path,
				  const char **last, int *lastlen);

/* --- fs/d_path.c ------------------------------------------------------ */

/* The absolute path of d (as seen from root), built at the end of buf; a
 * pointer into buf, or ERR_PTR(-ERANGE) if buf is too small (getcwd's
 * error). */
char *d_path(struct dentry *root, struct dentry *d, char *buf, size_t size);

/* --- fs/open.c: open files --------------------------------------------- */

/* Open by path, as open(2) does: O_RDONLY/O_WRONLY/O_RDWR, O_CREAT (mode
 * used), O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW, O_APPEND. Returns a file
 * with one reference (fput it) or ERR_PTR(-errno). */
struct file *filp_open(struct dentry *root, struct dentry *cwd, const char *path,
		       unsigned int flags, umode_t mode);
struct file *dentry_open(struct dentry *d, unsigned int flags);
struct file *get_file(struct file *f);
void fput(struct file *f);

/* unlink (or rmdir) name in dir (fs/unlink.c): 0, -ENOENT, -EISDIR,
 * -ENOTDIR, -ENOTEMPTY, -EBUSY (the root), -EINVAL ("."). */
int vfs_unlink(struct dentry *dir, const char *name, int len, bool is_rmdir);

/* lseek: SEEK_SET/SEEK_CUR/SEEK_END; the new f_pos, or -EINVAL (bad
 * whence, or a negative result). A directory seeks too (0 rewinds readdir). */
loff_t vfs_llseek(struct file *f, loff_t offset, int whence);
/* readlink: copy the target of symlink d (no NUL) to a user buffer; its
 * length (at most size), -EINVAL if d is not a symlink, -EFAULT. */
int vfs_readlink(struct dentry *d, char *ubuf, int size);

/* Read or write at *pos with a kernel buffer (exec reads ELF headers so). */
ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos);
/* The same with a user buffer (for sys_read/sys_write): -EFAULT if no byte
 * could be copied, a short count if some could. */
ssize_t vfs_read(struct file *f, void *ubuf, size_t n, loff_t *pos);
ssize_t vfs_write(struct file *f, const void *ubuf, size_t n, loff_t *pos);
/* ioctl: the driver's answer, or -ENOTTY when the file has none. */
long vfs_ioctl(struct file *f, unsigned int cmd, unsigned long arg);
/* Call filldir for the directory's entries from f_pos on ("." and ".."
 * first). 0, or -ENOTDIR. */
int vfs_readdir(struct file *f, filldir_t filldir, void *ctx);

/* --- fs/stat.c, fs/readdir.c: what stat and getdents64 report --------- */

struct kstat {
	u64 ino;
	umode_t mode;
	unsigned int nlink;
	uid_t uid;
	gid_t gid;
	dev_t dev, rdev;
	loff_t size;
	u32 mtime;
	u32 blksize;
	u64 blocks;             /* 512-byte units */
};
struct stat64;
struct statx;

void vfs_getattr(const struct inode *inode, struct kstat *st);
/* Copy out as the i386 struct stat64 / struct statx: 0 or -EFAULT. */
int cp_new_stat64(const struct kstat *st, struct stat64 *ubuf);
int cp_statx(const struct kstat *st, struct statx *ubuf);
/* A kernel device number in Linux's 32-bit user encoding. */
u32 new_encode_dev(dev_t dev);
/* Directory entries from f_pos into a user buffer of linux_dirent64
 * records: bytes filled, 0 at the end, -EINVAL (buffer too small for one),
 * -EFAULT, -ENOTDIR. */
long vfs_getdents64(struct file *f, void *ubuf, unsigned int count);
/* A directory's readdir starts so: "." at position 0 and ".." at 1, from
 * f_pos, which ends at 2; false when filldir stopped (a full buffer). */
bool dir_emit_dots(struct file *f, filldir_t filldir, void *ctx);

/* Character devices by major number (Linux 2.4's chrdevs table): open of a
 * device node finds its operations here; a node without a driver gives
 * -ENXIO. */
#define MAX_CHRDEV 16
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops);
void unregister_chrdev(unsigned int major);

/* --- fs/anon_inodes.c: files in no directory (pidfds) ----------------- */

/* A file of fops on an inode of its own, mode 0600 and no type (fstat),
 * its dentry "anon_inode:<name>"; private_data = priv, f_flags O_RDWR and
 * flags' O_NONBLOCK. ERR_PTR(-ENOMEM) leaves priv to the caller. */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, unsigned int flags);
/* Installed at the lowest free fd (FD_CLOEXEC with O_CLOEXEC in flags):
 * the fd, -EMFILE or -ENOMEM. */
int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, unsigned int flags);

/* --- fs/initramfs.c ---------------------------------------------------- */

/* Create the root directory (before anything else in fs/). */
void rootfs_init(void);
/* Unpack multiboot module 0 (a newc cpio archive) into the root and make
 * /dev/console. Returns 0 or -errno (the archive was malformed). */
int populate_rootfs(void);
/* Unpack an archive in memory into the tree under `root`. */
int unpack_to_rootfs(struct dentry *root, const void *buf, size_t len);

#endif
