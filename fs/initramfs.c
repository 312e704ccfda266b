/* fs/initramfs.c: the root filesystem at boot. rootfs_init makes an empty
 * ramfs root; populate_rootfs unpacks the initramfs (multiboot module 0, a
 * newc cpio archive from QEMU -initrd or GRUB `module`) into it, entry by
 * entry, as Linux's init/initramfs.c does. An archive is taken as it is
 * listed: a directory must come before what it holds (cpio from a sorted
 * `find` does that). A malformed archive stops the unpacking with a message
 * naming the entry; what was unpacked before it stays.
 *
 * A file with several names (hard links) is one inode under each of them.
 *
 * /dev/console (character device 5:1) is made here when the archive has no
 * such node: `cpio -o` can only archive a node that exists on the build
 * host, and making one there needs root. rootfs_init also makes the root
 * the boot task's root and working directory, which every task inherits. */
#include <kernel.h>
#include <cpio.h>
#include <errno.h>
#include <fs.h>
#include <mm.h>
#include <fs_struct.h>
#include <multiboot.h>
#include <slab.h>
#include <tty.h>
#include <asm/page.h>


/* The first name unpacked of each file with several names: newc gives
 * each name an entry with the same inode and device numbers and nlink > 1
 * (GNU cpio puts the data in the last of them). */
struct hardlink {
	struct hardlink *next;
	u32 ino, devmajor, devminor;
	struct dentry *d;               /* held by the tree while unpacking */
};

struct unpack_stats {
	unsigned int files, dirs, links, nodes, hardlinks;
	unsigned long bytes;
	struct hardlink *seen;          /* kmalloc'd, freed after the archive */
};

static struct dentry *find_hardlink(const struct unpack_stats *st, const struct cpio_entry *e)
{
	for (struct hardlink *h = st->seen; h; h = h->next)
		if (h->ino == e->ino && h->devmajor == e->devmajor && h->devminor == e->devminor)
			return h->d;
	return NULL;
}

static int remember_hardlink(struct unpack_stats *st, const struct cpio_entry *e, struct dentry *d)
{
	struct hardlink *h = kmalloc(sizeof(*h), GFP_KERNEL);

	if (!h)
		return -ENOMEM;
	*h = (struct hardlink){ st->seen, e->ino, e->devmajor, e->devminor, d };
	st->seen = h;
	return 0;
}

static void forget_hardlinks(struct unpack_stats *st)
{
	while (st->seen) {
		struct hardlink *h = st->seen;

		st->seen = h->next;
		kfree(h);
	}
}

static int write_file_data(struct dentry *d, const struct cpio_entry *e)
{
	struct file *f = dentry_open(d, O_WRONLY);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, e->data, e->size, &pos);
	fput(f);
	if (n < 0)
		return (int)n;
	return (u32)n == e->size ? 0 : -ENOSPC;
}

/* A regular file: a new one, or another name for one unpacked before;
 * then its data, if this entry carries it. */
static struct dentry *make_file(struct dentry *dir, const char *name, int len,
				const struct cpio_entry *e, struct unpack_stats *st)
{
	struct dentry *first = e->nlink > 1 ? find_hardlink(st, e) : NULL;
	struct dentry *d = first ? ramfs_link(first, dir, name, len)
				 : ramfs_create(dir, name, len, e->mode, 0);
	int err = 0;

	if (IS_ERR(d))
		return d;
	if (e->nlink > 1 && !first)
		err = remember_hardlink(st, e, d);
	if (!err && e->size)
		err = write_file_data(d, e);
	if (err)
		return ERR_PTR(err);
	st->hardlinks += first != NULL;
	st->files += first == NULL;
	st->bytes += e->size;
	return d;
}

/* Make the node for one entry in dir (an existing directory is kept). */
static struct dentry *make_node(struct dentry *dir, const char *name, int len,
				const struct cpio_entry *e, struct unpack_stats *st)
{
	umode_t mode = e->mode;
	struct dentry *d;

	switch (mode & S_IFMT) {
	case S_IFDIR:
		d = d_lookup(dir, name, len);
		if (d && S_ISDIR(d->d_inode->i_mode))
			return d;
		st->dirs++;
		return ramfs_create(dir, name, len, mode, 0);
	case S_IFREG:
		return make_file(dir, name, len, e, st);
	case S_IFLNK:
		st->links++;
		return ramfs_symlink(dir, name, len, e->data, e->size);
	case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		st->nodes++;
		return ramfs_create(dir, name, len, mode, MKDEV(e->rdevmajor, e->rdevminor));
	default:
		return ERR_PTR(-EINVAL);
	}
}

static int unpack_entry(struct dentry *root, const struct cpio_entry *e, struct unpack_stats *st)
{
	const char *name = e->name, *last;
	struct dentry *dir, *d;
	int len;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (name[0] == '/')
		name++;
	if (!name[0] || !strcmp(name, "."))
		return 0;                       /* the root itself */
	dir = path_lookup_parent(root, root, name, &last, &len);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	d = len ? make_node(dir, last, len, e, st) : ERR_PTR(-EINVAL);
	dput(dir);
	if (IS_ERR(d))
		return PTR_ERR(d);
	d->d_inode->i_uid = e->uid;
	d->d_inode->i_gid = e->gid;
	/* as Linux's initramfs: the archive's mtime is the atime too */
	d->d_inode->i_atime = d->d_inode->i_mtime = (struct timespec64){ e->mtime, 0 };
	return 0;
}

int unpack_to_rootfs(struct dentry *root, const void *buf, size_t len)
{
	struct unpack_stats st = { 0, 0, 0, 0, 0, 0, NULL };
	struct cpio_entry e;
	size_t off = 0;
	int ret, err = 0;

	while (!err && (ret = cpio_next(buf, len, &off, &e)) > 0) {
		err = unpack_entry(root, &e, &st);
		if (err)
			pr_err("initramfs: %s: cannot unpack (error %d)\n", e.name, err);
	}
	forget_hardlinks(&st);
	if (err)
		return err;
	if (ret < 0) {
		pr_err("initramfs: malformed or truncated cpio archive at byte %zu of %zu\n",
		       off, len);
		return ret;
	}
	pr_info("initramfs: %u files (%lu bytes), %u hard links, %u directories, %u symlinks, %u device nodes\n",
		st.files, st.bytes, st.hardlinks, st.dirs, st.links, st.nodes);
	return 0;
}

/* /dev/console, unless the archive brought one. */
static int make_console_node(void)
{
	int err = init_mkdir("/dev", 0755);

	if (err && err != -EEXIST)
		return err;
	err = init_mknod("/dev/console", S_IFCHR | 0600, MKDEV(TTYAUX_MAJOR, 1));
	return err == -EEXIST ? 0 : err;
}

void rootfs_init(void)
{
	root_dentry = ramfs_new_root();
	if (!root_dentry)
		panic("rootfs: no memory for the root directory");
	init_fs_root();
}

int populate_rootfs(void)
{
	struct boot_module *m = &boot_params.modules[0];
	int err = 0;

	if (!root_dentry)
		return -ENOMEM;
	if (boot_params.nr_modules == 0) {
		pr_notice("initramfs: no boot module: the root filesystem is empty\n");
	} else if (m->end < m->start || m->end > max_low_pfn << PAGE_SHIFT) {
		pr_err("initramfs: module at %#x-%#x is not in low memory\n", m->start, m->end);
		err = -EINVAL;
	} else {
		err = unpack_to_rootfs(root_dentry, __va(m->start), m->end - m->start);
		free_initrd_mem(m);
	}
	if (make_console_node())
		pr_err("initramfs: cannot make /dev/console\n");
	return err;
}
