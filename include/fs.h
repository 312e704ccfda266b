/* include/fs.h: the virtual filesystem objects and the ramfs behind them.
 *
 * Linux's shapes, kept small. An inode is a file (its type and permission
 * bits, owner, size, link count, times, device number, and its data); a
 * dentry is a name for an inode in a directory; a struct file is an open
 * inode with a position (f_pos), what it may do (f_mode) and the
 * operations (f_op) that read and write it.
 *
 *   struct file --f_dentry--> struct dentry --d_inode--> struct inode
 *                             d_parent, d_subdirs          i_pages[] (data)
 *                             (children), d_child          i_link (symlink)
 *                                                          i_pipe (FIFO)
 *
 * Tasklab has one filesystem, a ramfs, and, as in Linux's ramfs, the dentry
 * tree *is* the directory structure: a directory's entries are its child
 * dentries, kept in name order. Hard links are several dentries on one
 * inode (i_nlink counts them). The tree holds one reference on each of its
 * dentries; a struct file holds one on its dentry (dget/dput) and each
 * dentry one on its inode (iput frees the inode with its data when the
 * last reference goes). So a name removed while a file is open only leaves
 * the tree: the inode lives until the last close. A pipe has a dentry and
 * an inode of its own, in no directory.
 *
 * Regular file data lives in whole pages (alloc_page, highmem allowed,
 * reached through kmap), found through a kmalloc'd array indexed by page
 * number, grown by doubling. That array is the file's page cache: a
 * shared mapping puts these very pages in its page tables (page->mapping
 * names the inode), so a store through the mapping is what read() sees,
 * and the inode lists the VMAs mapping it (i_mmap) so that a truncate can
 * take the pages past the new end out of them first.
 *
 * The system calls are spread as in Linux: fs/namei.c (lookup, user
 * paths), create.c, link.c, unlink.c, rename.c (names), open.c,
 * read_write.c, truncate.c, attr.c, utimes.c, stat.c, statfs.c, sync.c,
 * file.c, fcntl.c, ioctl.c, readdir.c, d_path.c, fs_struct.c, pipe.c,
 * char_dev.c, anon_inodes.c, select.c (vfs_poll, poll and select). */
#ifndef TASKLAB_FS_H
#define TASKLAB_FS_H

#include <types.h>
#include <list.h>
#include <spinlock.h>
#include <mutex.h>
#include <rwsem.h>
#include <time.h>
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
#define MAX_RW_COUNT  0x7ffff000L    /* one read or write moves at most this (Linux's) */
#define S_IALLUGO   07777       /* the permission, setuid, setgid and sticky bits */
#define S_IXUGO     (S_IXUSR | S_IXGRP | S_IXOTH)   /* any execute bit */

struct file;
struct dentry;
struct inode;
struct super_block;
struct vm_area_struct;
struct pipe_inode_info;

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
	/* lseek for a file that moves its own way (/dev/null stays at 0). */
	loff_t (*llseek)(struct file *f, loff_t offset, int whence);
	/* Copy from the file at *pos into `to`; advance *pos. Bytes or -errno. */
	ssize_t (*read_iter)(struct file *f, struct iov_iter *to, loff_t *pos);
	ssize_t (*write_iter)(struct file *f, struct iov_iter *from, loff_t *pos);
	/* Call filldir for the entries from f->f_pos on, advancing f_pos. */
	int (*readdir)(struct file *f, filldir_t filldir, void *ctx);
	/* Device control; arg is the caller's (user) argument. */
	long (*unlocked_ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* mmap of this file: adjust the new VMA before it is linked, or
	 * refuse it (-errno). It may put another file in vm_file (fput the
	 * old; the new one's reference becomes the VMA's) or none
	 * (/dev/zero: a shmem file, or anonymous memory). */
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	/* Write the file's data out: 0 or -errno. Files without it: -EINVAL. */
	int (*fsync)(struct file *f, int datasync);
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
	/* A size change (truncate, O_TRUNC) of a file whose data is not the
	 * ramfs's pages (tracefs's trace: O_TRUNC clears the ring): 0 or
	 * -errno. NULL op: ramfs_truncate. */
	int (*setsize)(struct inode *inode, loff_t size);
};

struct inode {
	unsigned long i_ino;
	umode_t i_mode;             /* S_IF* type | permission bits */
	unsigned int i_nlink;       /* names (a directory: 2 + subdirectories) */
	uid_t i_uid;
	gid_t i_gid;
	dev_t i_rdev;               /* device nodes: the device */
	loff_t i_size;
	struct timespec64 i_atime;  /* last read (relatime rules: fs/inode.c) */
	struct timespec64 i_mtime;  /* last change of the data */
	struct timespec64 i_ctime;  /* last change of the data or attributes */
	int i_count;                /* dentries and users holding it */
	unsigned int i_state;       /* I_LINKABLE, I_PIPEFS */
	const struct file_operations *i_fop;
	struct page **i_pages;      /* regular files: page n holds bytes n*4K..: i_lock */
	unsigned long i_nr_slots;   /* size of i_pages */
	spinlock_t i_mmap_lock;     /* i_mmap (mm/mmap.c, unmap_mapping_range) */
	struct list_head i_mmap;    /* VMAs mapping the file (vm_shared links) */
	char *i_link;               /* symlinks: the target, NUL-terminated */
	spinlock_t i_lock;          /* i_pipe, i_pages and i_nr_slots */
	struct pipe_inode_info *i_pipe;   /* pipes, and FIFOs while open: i_lock */
	const struct inode_operations *i_op;   /* NULL: the ramfs's (the tree) */
	struct super_block *i_sb;   /* referenced; NULL: the boot rootfs (include/mount.h) */
	struct rw_semaphore i_rwsem;    /* a regular file's size against writes:
					 * write held across a write (O_APPEND's
					 * end read in it) and a size change */
};

/* Linux's inode_lock: writers and size changes of one file, one at a time. */
static inline void inode_lock(struct inode *inode) { down_write(&inode->i_rwsem); }
static inline void inode_unlock(struct inode *inode) { up_write(&inode->i_rwsem); }

#define I_LINKABLE 0x1           /* an O_TMPFILE file linkat may give a name */
#define I_PIPEFS   0x2           /* a pipe(2) inode: Linux's pipefs, not the ramfs */

#define DNAME_INLINE_LEN 36     /* names this long live in the dentry itself */

struct dentry {
	struct dentry *d_parent;    /* the root's (and a pipe's) parent is itself */
	struct inode *d_inode;
	struct list_head d_child;   /* in the parent's d_subdirs; empty once unlinked */
	struct list_head d_subdirs; /* children, sorted by name */
	int d_count;
	unsigned int d_namelen;
	char *d_name;               /* NUL-terminated: d_iname or a kmalloc'd copy */
	char d_iname[DNAME_INLINE_LEN];
};

/* Has d been removed from its directory (unlink, rmdir, O_TMPFILE)? A
 * procfs entry is in no list either, but its directory makes it at each
 * lookup (i_op): it is not removed. */
static inline bool d_unlinked(const struct dentry *d)
{
	return d->d_parent != d && list_empty(&d->d_child) && !d->d_parent->d_inode->i_op;
}

/* f_mode: what an open file may do (Linux's FMODE_* values). */
#define FMODE_READ   0x1
#define FMODE_WRITE  0x2
#define FMODE_LSEEK  0x4        /* lseek moves f_pos (not a pipe) */
#define FMODE_PREAD  0x8        /* pread/preadv/sendfile with an offset */
#define FMODE_PWRITE 0x10
#define FMODE_ATOMIC_POS 0x8000 /* a shared file's f_pos moves under f_pos_lock */

struct file {
	struct dentry *f_dentry;
	struct inode *f_inode;
	const struct file_operations *f_op;
	loff_t f_pos;
	unsigned int f_flags;       /* O_* from open (O_APPEND, O_NONBLOCK change:
				     * F_SETFL, atomically) */
	unsigned int f_mode;        /* FMODE_* */
	int f_count;
	void *private_data;         /* the file's own object (a pidfd's struct pid) */
	struct mutex f_pos_lock;    /* f_pos across a read, write, lseek or getdents
				     * of a file two fds or processes share */
};

/* --- fs/inode.c: inodes, owners and times ------------------------------ */

/* A new inode of type and mode `mode`, owned by the caller, its times now,
 * with no reference yet (the dentry that names it takes the first); NULL
 * if no memory. */
struct inode *new_inode(umode_t mode);
/* The mapping list and locks of an inode a filesystem allocates itself. */
void inode_init_once(struct inode *inode);
/* Inode references (each dentry, each VMA mapping the file and a waiting
 * shared futex hold one); the last iput frees the inode and its pages. */
struct inode *ihold(struct inode *inode);
void iput(struct inode *inode);
/* Owner of a new inode in dir: the caller's filesystem ids; a directory
 * with setgid passes its group on (and, to a new directory, the setgid
 * bit; a new setgid program keeps its bit only if its maker is in that
 * group or root, as Linux). */
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode);
/* The time of day an inode records. */
struct timespec64 current_time(void);
/* Set the named times to now: S_ATIME, S_MTIME, S_CTIME (Linux's flags). */
#define S_ATIME 1
#define S_MTIME 2
#define S_CTIME 4
void inode_touch(struct inode *inode, int which);
/* A read: the atime moves as Linux's default relatime does (when it is
 * not after the mtime or ctime, or is a day old). */
void touch_atime(struct inode *inode);

/* --- fs/ramfs.c: the tree ---------------------------------------------- */

/* The root of the filesystem the kernel booted with (fs/initramfs.c). */
extern struct dentry *root_dentry;

/* A new empty directory tree (its root dentry, with one reference), or NULL. */
struct dentry *ramfs_new_root(void);
/* Drop a whole tree made by ramfs_new_root (tests): every dentry and inode
 * not still held by an open file is freed. */
void ramfs_kill_tree(struct dentry *root);

/* Create `name` in directory `dir`: an inode of type and mode `mode` (a
 * device node gets `rdev`), owned by the caller. Returns the new dentry
 * (owned by the tree, not referenced for the caller) or ERR_PTR(-EEXIST,
 * -ENOTDIR, -ENOENT (dir was removed), -ENAMETOOLONG, -EINVAL for "", "."
 * or "..", -ENOMEM). No umask: the system calls apply it. */
struct dentry *ramfs_create(struct dentry *dir, const char *name, int namelen,
			    umode_t mode, dev_t rdev);
/* The same with a reference for the caller (dput it), taken before another
 * CPU may unlink the name: for a caller that uses the dentry after. */
struct dentry *ramfs_create_get(struct dentry *dir, const char *name, int namelen,
				umode_t mode, dev_t rdev);
/* A symlink `name` in `dir` pointing at `target`; same errors. */
struct dentry *ramfs_symlink(struct dentry *dir, const char *name, int namelen,
			     const char *target, size_t target_len);
/* A second name for old's inode (a hard link); same errors. */
struct dentry *ramfs_link(struct dentry *old, struct dentry *dir, const char *name, int namelen);
/* Take d out of its directory dir (unlink, rmdir): the names counts and
 * times change, the tree's reference goes. ramfs_tree_sem held for
 * writing since d was looked up (__d_lookup) and checked. */
void __ramfs_unlink(struct dentry *dir, struct dentry *d);
/* Move d (in old_dir) to new_dir under name; `target` is the dentry there
 * now (NULL if none), which is unlinked, or, with exchange, swapped with
 * d. 0 or -ENOMEM (a long new name). The caller checked every rule, and
 * for __ramfs_rename holds ramfs_tree_sem for writing since it looked d
 * and target up; ramfs_rename takes it (the callers that own the names). */
int __ramfs_rename(struct dentry *old_dir, struct dentry *d, struct dentry *new_dir,
		   const char *name, int namelen, struct dentry *target, bool exchange);
int ramfs_rename(struct dentry *old_dir, struct dentry *d, struct dentry *new_dir,
		 const char *name, int namelen, struct dentry *target, bool exchange);
/* An unnamed regular file in dir (O_TMPFILE): a dentry with one reference
 * for the caller, in no directory, its inode with no link. */
struct dentry *ramfs_tmpfile(struct dentry *dir, umode_t mode);
/* A dentry for an inode in no directory (a pipe), with one reference. */
struct dentry *d_alloc_pseudo(struct inode *inode, const char *name);
/* The directories path[0]/path[1]/... under dir, each made (mode 0555) if
 * missing, as the boot makes /proc/sys/kernel: the last one (owned by the
 * tree, no reference taken) or an ERR_PTR. */
struct dentry *ramfs_make_dirs(struct dentry *dir, const char *const *path, size_t n);
/* The child of dir called name[0..len), or NULL. No reference taken:
 * for names no other CPU changes (boot, tests); __d_lookup with
 * ramfs_tree_sem held, for the checks and change of unlink and rename. */
struct dentry *d_lookup(struct dentry *dir, const char *name, int len);
struct dentry *__d_lookup(struct dentry *dir, const char *name, int len);
/* The same with a reference taken (the caller dputs it), safe against an
 * unlink on another CPU. */
struct dentry *d_lookup_get(struct dentry *dir, const char *name, int len);
/* Is d `ancestor` or below it? */
bool is_subdir(struct dentry *d, struct dentry *ancestor);
/* A dentry for inode called name in parent, in no directory list (a
 * filesystem that makes its entries at each lookup: procfs): one
 * reference, which the last dput frees it with; it holds one on parent
 * and one on inode (the caller keeps its own). NULL if no memory. */
struct dentry *d_alloc_unhashed(struct dentry *parent, const char *name, int len,
				struct inode *inode);
/* Cut or extend a regular file to `size` bytes (only shrinking frees
 * pages; growing reads as zeros): 0, -EINVAL, -EFBIG. Times are the
 * caller's. */
int ramfs_truncate(struct inode *inode, loff_t size);
/* The page holding byte index*PAGE_SIZE of a regular file with a
 * reference the caller drops with put_page, or NULL (a hole or past the
 * end). A truncate meanwhile takes it out of the file (mapping NULL) but
 * cannot free it under the caller. */
struct page *find_get_page(struct inode *inode, unsigned long index);
/* The same, a hole filled with a new zeroed page first (a write, or a
 * shared mapping faulting there); NULL when memory is short. */
struct page *find_or_create_page(struct inode *inode, unsigned long index);
/* Does the file hold a page at index now (not a hole)? */
bool ramfs_page_present(struct inode *inode, unsigned long index);
/* Pages a regular file holds now (holes hold none). */
unsigned long ramfs_pages_held(const struct inode *inode);
/* A ramfs regular file's operations: the only files mmap can map. */
extern const struct file_operations ramfs_file_operations;

/* A regular file of mode `mode` linked in no directory (shared anonymous
 * memory's backing file): its dentry, with one reference, or NULL. */
struct dentry *ramfs_new_unlinked(const char *name, umode_t mode);

struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);

/* Objects alive now (leak counters for the self-tests). */
extern unsigned long nr_inodes, nr_dentries, nr_files;
/* Every ramfs directory's children and link count (fs/ramfs.c). */
extern struct rw_semaphore ramfs_tree_sem;
extern spinlock_t rename_lock;          /* fs/ramfs.c: names and parents for d_path */

/* --- fs/namei.c: permission (Linux's discretionary access control) ---- */

/* What a caller asks to do with an inode (Linux's MAY_* values): read,
 * write, execute a file or search a directory. */
#define MAY_EXEC  0x1
#define MAY_WRITE 0x2
#define MAY_READ  0x4

/* The mode's owner, group or other bits, whichever class the caller's
 * fsuid, fsgid and groups put it in, must allow all of mask; if they do
 * not, root's capabilities may: CAP_DAC_OVERRIDE reads and writes
 * anything and searches any directory, but executes a file only if one
 * of its three x bits is set. 0 or -EACCES. */
int generic_permission(const struct inode *inode, int mask);
/* Every permission check of the system calls comes through here (Linux's
 * hook for filesystems with their own rules; the ramfs has none). */
int inode_permission(const struct inode *inode, int mask);
/* Is the caller the inode's owner (fsuid) or root (CAP_FOWNER)? */
bool inode_owner_or_capable(const struct inode *inode);
/* May the caller take victim's name out of directory dir (unlink, rmdir,
 * rename)? Write and search on dir (-EACCES), and in a sticky directory
 * (+t, /tmp) only the victim's owner, the directory's owner or root
 * (CAP_FOWNER) may (-EPERM). 0 if so. */
int may_delete(const struct inode *dir, const struct inode *victim);

/* --- fs/namei.c: path lookup ------------------------------------------- */

#define LOOKUP_FOLLOW    1      /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 2      /* the result must be a directory */
#define LOOKUP_EMPTY     4      /* "" names the starting point (AT_EMPTY_PATH) */

/* Resolve path from `cwd` (relative) or `root` (absolute; also where ".."
 * stops), with search permission (MAY_EXEC) on every directory the walk
 * looks a name up in. Returns the dentry with a reference (dput it), or
 * ERR_PTR(-ENOENT, -ENOTDIR, -EACCES, -ENAMETOOLONG, -ELOOP). */
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

/* A user path copied in: a kmalloc'd string (putname it), or
 * ERR_PTR(-EFAULT, -ENAMETOOLONG, -ENOENT for "" unless LOOKUP_EMPTY). */
char *getname_flags(const char *upath, unsigned int flags);
char *getname(const char *upath);
void putname(char *name);
/* The directory a relative path starts from: the cwd (AT_FDCWD) or the
 * open directory dfd, referenced; ERR_PTR(-EBADF, -ENOTDIR). */
struct dentry *start_dir(int dfd);
/* The lookup flags an *at call's AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH ask for. */
static inline unsigned int at_lookup_flags(unsigned int at_flags)
{
	return (at_flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
	       (at_flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
}
/* Where the walk of a path starts, referenced: the root for an absolute
 * one (dfd is then not even looked at, as in Linux), else start_dir(dfd). */
struct dentry *path_start(int dfd, const char *name);
/* Look a user path up from dfd (the *at calls): a referenced dentry or
 * ERR_PTR. With LOOKUP_EMPTY, "" is dfd's own file (any file). */
struct dentry *user_path_at(int dfd, const char *upath, unsigned int flags);

/* A user path resolved to its parent directory and last component, for
 * the calls that make or remove names. */
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };
struct path_parent {
	char *name;             /* the kernel's copy of the path */
	struct dentry *dir;     /* the parent directory, referenced */
	const char *last;       /* the final component, inside name */
	int len;                /* its length (0 for "/") */
	int type;               /* LAST_*: "/", "." and ".." are no name to make */
	bool slash;             /* a '/' follows the final component */
};
/* The LAST_* type of a final component (len 0: the root). */
int path_last_type(const char *last, int len);
/* 0 with *pp filled (release it), or -errno with nothing to release. */
int user_path_parent(int dfd, const char *upath, struct path_parent *pp);
void path_parent_release(struct path_parent *pp);
/* As user_path_parent, for a name about to be made: -EEXIST if it exists
 * (or is "/", ".", ".."), -ENOENT for "missing/" unless is_dir, -EROFS on
 * a read-only mount, then -EACCES without write and search permission on
 * the parent. */
int user_path_create(int dfd, const char *upath, struct path_parent *pp, bool is_dir);

/* --- fs/create.c, link.c, unlink.c, rename.c: names -------------------- */

/* unlink (or rmdir) name in dir: 0, -ENOENT, -EISDIR, -ENOTDIR,
 * -ENOTEMPTY, -EBUSY (the root), -EINVAL ("."). */
int vfs_unlink(struct dentry *dir, const char *name, int len, bool is_rmdir);

/* --- fs/d_path.c ------------------------------------------------------ */

/* The absolute path of d (as seen from root), built at the end of buf; a
 * pointer into buf, or ERR_PTR(-ERANGE) if buf is too small (getcwd's
 * error). */
char *d_path(struct dentry *root, struct dentry *d, char *buf, size_t size);

/* --- fs/open.c: open files --------------------------------------------- */

/* Open by path, as open(2) does: O_RDONLY/O_WRONLY/O_RDWR, O_CREAT (mode
 * used as given), O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW, O_APPEND,
 * O_TMPFILE, with the caller's permission checked (fs/open.c). Returns a
 * file with one reference (fput it) or ERR_PTR(-errno). */
struct file *filp_open(struct dentry *root, struct dentry *cwd, const char *path,
		       unsigned int flags, umode_t mode);
/* What an open asks (Linux's struct open_flags): the open(2) flags, the
 * mode of a file O_CREAT makes, and the permission (MAY_*) asked of an
 * existing file; filp_open derives it from the flags, exec asks MAY_EXEC. */
struct open_flags {
	unsigned int open_flag;
	umode_t mode;
	int acc_mode;
};
struct file *do_filp_open(struct dentry *root, struct dentry *cwd, const char *path,
			  const struct open_flags *op);
/* Open d as the kernel itself (no permission check, as Linux's). */
struct file *dentry_open(struct dentry *d, unsigned int flags);
/* Another reference to f (fork's copy of a table takes one per open fd). */
static inline struct file *get_file(struct file *f)
{
	__atomic_fetch_add(&f->f_count, 1, __ATOMIC_RELAXED);
	return f;
}

/* The release of a file whose last reference went (fs/open.c). */
void __fput(struct file *f);

/* Drop a reference to f; the last one releases it. Atomic: the table's
 * reference and an fget's may be dropped on two CPUs at once. Inline:
 * every read and write on a shared fd table drops one. */
static inline void fput(struct file *f)
{
	if (__atomic_sub_fetch(&f->f_count, 1, __ATOMIC_ACQ_REL) == 0)
		__fput(f);
}
/* The file of a new pipe end or other file on d, without a path (pipes). */
struct file *alloc_file(struct dentry *d, unsigned int flags, const struct file_operations *fop);

/* --- fs/read_write.c --------------------------------------------------- */

/* lseek: SEEK_SET/SEEK_CUR/SEEK_END (SEEK_DATA/SEEK_HOLE: the whole file
 * is data); the new f_pos, or -EINVAL (bad whence, or a negative result),
 * -ENXIO (DATA/HOLE at or past the end), -ESPIPE (a pipe). */
loff_t vfs_llseek(struct file *f, loff_t offset, int whence);
/* Read or write at *pos with a kernel buffer (exec reads ELF headers so). */
ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos);
/* kernel_write for a caller that holds the regular file's i_rwsem already
 * (the core dump takes it before the dumped mm's mmap_lock). */
ssize_t __kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos);
/* The same with a user buffer (for sys_read/sys_write): -EBADF (not open
 * that way), -EINVAL (no such operation, or a negative *pos), -EFAULT if
 * no byte could be copied, a short count if some could. */
ssize_t vfs_read(struct file *f, void *ubuf, size_t n, loff_t *pos);
ssize_t vfs_write(struct file *f, const void *ubuf, size_t n, loff_t *pos);
/* ioctl: the driver's answer, or -ENOTTY when the file has none. */
long vfs_ioctl(struct file *f, unsigned int cmd, unsigned long arg);
/* Call filldir for the directory's entries from f_pos on ("." and ".."
 * first). 0, or -ENOTDIR. */
int vfs_readdir(struct file *f, filldir_t filldir, void *ctx);
/* readlink: copy the target of symlink d (no NUL) to a user buffer; its
 * length (at most size), -EINVAL if d is not a symlink, -EFAULT. */
int vfs_readlink(struct dentry *d, char *ubuf, int size);

/* --- fs/attr.c: changing attributes ------------------------------------ */

/* What a struct iattr changes (Linux's ATTR_* values). */
#define ATTR_MODE      0x1
#define ATTR_UID       0x2
#define ATTR_GID       0x4
#define ATTR_SIZE      0x8
#define ATTR_ATIME     0x10     /* to ia_atime if ATTR_ATIME_SET, else now */
#define ATTR_MTIME     0x20
#define ATTR_CTIME     0x40     /* always now */
#define ATTR_ATIME_SET 0x80
#define ATTR_MTIME_SET 0x100
#define ATTR_FORCE     0x200    /* the kernel's own change: no permission check */
#define ATTR_TIMES_SET 0x10000  /* utimensat with given times: owner or root */
#define ATTR_TOUCH     0x20000  /* utimensat setting both to now: or write permission */

struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;        /* permission bits (S_IALLUGO); the type stays */
	uid_t ia_uid;
	gid_t ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime;
};
/* Every attribute change of d's inode goes through here (chmod, chown,
 * truncate, utimensat), as in Linux: EROFS on a read-only mount, then the
 * caller's right to it unless ATTR_FORCE (fs/attr.c says who may change
 * what: EPERM, EACCES), then ramfs_truncate's errors; 0 if done. */
int notify_change(struct dentry *d, struct iattr *attr);
/* A write or truncate is about to change d's data: take off the setuid
 * bit (and setgid with group execute) unless the caller is root, as
 * Linux's file_remove_privs. 0 or -errno. */
int dentry_remove_privs(struct dentry *d);

/* --- fs/stat.c, fs/readdir.c: what stat and getdents64 report --------- */

struct kstat {
	u64 ino;
	umode_t mode;
	unsigned int nlink;
	uid_t uid;
	gid_t gid;
	dev_t dev, rdev;
	loff_t size;
	struct timespec64 atime, mtime, ctime;
	u32 blksize;
	u64 blocks;             /* 512-byte units */
};
struct stat64;
struct statx;

void vfs_getattr(const struct inode *inode, struct kstat *st);
/* Copy out as the i386 struct stat64 / struct statx: 0 or -EFAULT. */
int cp_new_stat64(const struct kstat *st, struct stat64 *ubuf);
int cp_statx(const struct kstat *st, struct statx *ubuf);
/* A kernel device number in Linux's 32-bit user encoding, and back. */
u32 new_encode_dev(dev_t dev);
dev_t new_decode_dev(u32 dev);
/* Directory entries from f_pos into a user buffer of linux_dirent64
 * records: bytes filled, 0 at the end, -EINVAL (buffer too small for one),
 * -EFAULT, -ENOTDIR. */
long vfs_getdents64(struct file *f, void *ubuf, unsigned int count);
/* A directory's readdir starts so: "." at position 0 and ".." at 1, from
 * f_pos, which ends at 2; false when filldir stopped (a full buffer). */
bool dir_emit_dots(struct file *f, filldir_t filldir, void *ctx);

/* --- fs/char_dev.c: character devices by major and minor --------------- */

/* Register fops for the `count` devices major:baseminor.. (Linux's
 * __register_chrdev): 0, -EINVAL (major 0 or past the table, no minors),
 * -EBUSY (overlaps a registered range), -ENOSPC (the table is full).
 * register_chrdev takes all 256 minors of a major. */
#define CHRDEV_MAJOR_MAX 512
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops);
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops);
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count);
void unregister_chrdev(unsigned int major);
/* The operations of character device dev, or NULL (open gives -ENXIO). */
const struct file_operations *chrdev_fops(dev_t dev);
/* drivers/char/mem.c: register /dev/null, /dev/zero and /dev/full and make
 * their nodes (boot, once the root filesystem is unpacked): 0 or -errno. */
int chr_dev_init(void);

/* --- fs/pipe.c: pipes and FIFOs ---------------------------------------- */

/* The operations of a FIFO node: its open attaches the inode's pipe. */
extern const struct file_operations pipefifo_fops;

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

/* --- fs/initramfs.c, fs/init.c ----------------------------------------- */

/* Create the root directory (before anything else in fs/). */
void rootfs_init(void);
/* Unpack multiboot module 0 (a newc cpio archive) into the root and make
 * /dev/console. Returns 0 or -errno (the archive was malformed). */
int populate_rootfs(void);
/* Unpack an archive in memory into the tree under `root`. */
int unpack_to_rootfs(struct dentry *root, const void *buf, size_t len);
/* Boot-time mkdir and mknod in the root filesystem (Linux's fs/init.c):
 * 0, or -errno (-EEXIST when the name is taken). */
int init_mkdir(const char *path, umode_t mode);
int init_mknod(const char *path, umode_t mode, dev_t dev);

#endif
