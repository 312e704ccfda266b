/* fs/ramfs_file.c: ramfs file data and directory reading. A regular file's
 * bytes live in whole pages (highmem allowed, reached with kmap), found
 * through inode->i_pages[page index]: the file's page cache, which shared
 * mappings map directly; a missing page is a hole and reads as zeros.
 * Writing past the end allocates the pages it touches; truncating takes
 * the pages past the new end out of every mapping, then out of the file.
 * A read moves the atime (relatime), a write the mtime and ctime (and,
 * by anyone but root, takes a setuid bit off: fs/attr.c). A
 * directory is read as ".", "..", then its children in name order, f_pos
 * counting entries. fsync has nothing to write out: the data is in memory
 * only, and stays there. The page slots are under inode->i_lock: two CPUs
 * faulting on one hole of a shared mapping must get one page, not two.
 * A page found in a slot is used with a reference taken under that lock
 * (Linux's find_get_page): a truncate on another CPU takes it out of the
 * file and drops the file's reference, and the last user frees it. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <rwsem.h>
#include <slab.h>

struct page *find_get_page(struct inode *inode, unsigned long index)
{
	struct page *page;

	spin_lock(&inode->i_lock);
	page = index < inode->i_nr_slots ? inode->i_pages[index] : NULL;
	if (page)
		get_page(page);     /* under i_lock: a truncate cannot free it first */
	spin_unlock(&inode->i_lock);
	return page;
}

bool ramfs_page_present(struct inode *inode, unsigned long index)
{
	struct page *page = find_get_page(inode, index);

	if (page)
		put_page(page);
	return page != NULL;
}

unsigned long ramfs_pages_held(const struct inode *inode)
{
	spinlock_t *lock = (spinlock_t *)&inode->i_lock;   /* the lock, not the file, changes */
	unsigned long n = 0;

	spin_lock(lock);
	for (unsigned long i = 0; i < inode->i_nr_slots; i++)
		n += inode->i_pages[i] != NULL;
	spin_unlock(lock);
	return n;
}

/* Make room for page index in i_pages (doubling); 0 or -ENOMEM. The new
 * array is made outside i_lock (allocation may sleep) and swapped in
 * under it, unless another CPU grew the array meanwhile (then try again
 * from what it made). */
static int grow_slots(struct inode *inode, unsigned long index)
{
	for (;;) {
		unsigned long have = READ_ONCE(inode->i_nr_slots), n = have ? have : 4;
		struct page **slots, **old = NULL;

		if (index < have)
			return 0;
		while (n <= index)
			n *= 2;
		slots = kzalloc(n * sizeof(*slots), GFP_KERNEL);
		if (!slots)
			return -ENOMEM;
		spin_lock(&inode->i_lock);
		if (inode->i_nr_slots == have) {
			if (inode->i_pages)
				memcpy(slots, inode->i_pages, have * sizeof(*slots));
			old = inode->i_pages;
			inode->i_pages = slots;
			inode->i_nr_slots = n;
			slots = NULL;
		}
		spin_unlock(&inode->i_lock);
		kfree(old);
		kfree(slots);                  /* not needed: another CPU grew it */
	}
}

/* Put a new zeroed page in the hole at index (slots made already) and take
 * the caller's reference: the page the file holds there now. Of two CPUs
 * filling one hole at once (two faults on a shared mapping), the first
 * to install its page wins and the other frees its own: both map the
 * same page. */
static struct page *add_to_page_cache(struct inode *inode, unsigned long index,
				      struct page *page)
{
	struct page *found;

	spin_lock(&inode->i_lock);
	if (!(found = inode->i_pages[index])) {    /* slots only grow */
		page->mapping = inode;
		inode->i_pages[index] = page;      /* the file's reference: alloc's */
		found = page;
		page = NULL;
	}
	get_page(found);
	spin_unlock(&inode->i_lock);
	if (page)
		put_page(page);
	return found;
}

struct page *find_or_create_page(struct inode *inode, unsigned long index)
{
	struct page *page = find_get_page(inode, index);

	if (page)
		return page;
	if (grow_slots(inode, index))
		return NULL;
	page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	if (!page)
		return NULL;
	return add_to_page_cache(inode, index, page);
}

/* Zero bytes [from, PAGE_SIZE) of a page, so a file that grows again reads
 * zeros there, not old data. */
static void zero_page_tail(struct page *page, unsigned long from)
{
	char *addr = kmap(page);

	memset(addr + from, 0, PAGE_SIZE - from);
	kunmap(page);
}

/* Take the pages from index keep on out of the file and drop the file's
 * reference to each: a reader or writer still holding one (taken under
 * i_lock) keeps the page until its put_page; mapping cleared first, so a
 * fault holding one sees it is no longer the file's. */
static void truncate_inode_pages(struct inode *inode, unsigned long keep)
{
	spin_lock(&inode->i_lock);
	for (unsigned long i = keep; i < inode->i_nr_slots; i++) {
		struct page *page = inode->i_pages[i];

		if (!page)
			continue;
		inode->i_pages[i] = NULL;
		page->mapping = NULL;
		put_page(page);
	}
	spin_unlock(&inode->i_lock);
}

/* The size goes first, as Linux's truncate_setsize: a fault that read the
 * old one installs its PTE before unmap_mapping_range takes the PTEs out
 * under the same page_table_lock, one after sees the new size. */
int ramfs_truncate(struct inode *inode, loff_t size)
{
	unsigned long keep = (unsigned long)((size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	loff_t old = inode->i_size;
	struct page *tail;

	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	if (size < 0 || (u64)size > MAX_FILE_SIZE)
		return size < 0 ? -EINVAL : -EFBIG;
	inode->i_size = size;
	/* pages past the size go even when it grows: a write that faulted
	 * on its user buffer leaves the page it made past the end */
	unmap_mapping_range(inode, keep);
	truncate_inode_pages(inode, keep);
	if (size < old && (size & (PAGE_SIZE - 1)) && (tail = find_get_page(inode, keep - 1))) {
		zero_page_tail(tail, size & (PAGE_SIZE - 1));
		put_page(tail);
	}
	return 0;
}

static ssize_t ramfs_read_iter(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	size_t done = 0;

	if (to->count)
		touch_atime(inode);
	while (to->count && *pos < inode->i_size) {
		unsigned long off = *pos & (PAGE_SIZE - 1);
		size_t n = min((size_t)(PAGE_SIZE - off), (size_t)(inode->i_size - *pos));
		struct page *page = find_get_page(inode, *pos >> PAGE_SHIFT);
		size_t c;

		n = min(n, to->count);
		if (page) {     /* ours: the copy may fault and sleep while a truncate runs */
			c = copy_to_iter((char *)kmap(page) + off, n, to);
			kunmap(page);
			put_page(page);
		} else {
			c = iov_iter_zero(n, to);
		}
		done += c;
		*pos += c;
		if (c < n)
			break;
	}
	return done == 0 && to->fault ? -EFAULT : (ssize_t)done;
}

static ssize_t ramfs_write_iter(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	size_t done = 0;
	int err = 0;

	if (from->count) {
		if ((err = dentry_remove_privs(f->f_dentry)))
			return err;
		inode_touch(inode, S_MTIME | S_CTIME);
	}
	while (from->count) {
		unsigned long off = *pos & (PAGE_SIZE - 1);
		size_t n = min((size_t)(PAGE_SIZE - off), from->count), c;
		struct page *page;

		if ((u64)*pos + n > MAX_FILE_SIZE) {
			err = -EFBIG;
			break;
		}
		page = find_or_create_page(inode, *pos >> PAGE_SHIFT);
		if (!page) {
			err = -ENOMEM;
			break;
		}
		c = copy_from_iter((char *)kmap(page) + off, n, from);
		kunmap(page);
		put_page(page);
		done += c;
		*pos += c;
		if (*pos > inode->i_size)
			inode->i_size = *pos;
		if (c < n) {
			err = -EFAULT;
			break;
		}
	}
	return done ? (ssize_t)done : err;
}

static unsigned int dirent_type(const struct inode *inode)
{
	return (inode->i_mode & S_IFMT) >> 12;     /* DT_* are the S_IF* bits */
}

/* Entries 0 and 1 are "." and ".."; entry k >= 2 is the (k-2)th child. */
static int ramfs_readdir(struct file *f, filldir_t filldir, void *ctx)
{
	struct dentry *dir = f->f_dentry, *d;
	loff_t i = 2;

	if (!dir_emit_dots(f, filldir, ctx))
		return 0;
	down_read(&ramfs_tree_sem);     /* filldir may fault: a sleeping lock */
	list_for_each_entry(d, &dir->d_subdirs, d_child) {
		if (i++ < f->f_pos)
			continue;
		if (filldir(ctx, d->d_name, d->d_namelen, f->f_pos, d->d_inode->i_ino,
			    dirent_type(d->d_inode)))
			break;
		f->f_pos++;
	}
	up_read(&ramfs_tree_sem);
	return 0;
}

static int noop_fsync(struct file *f, int datasync)
{
	return 0;
}

const struct file_operations ramfs_file_operations = {
	.read_iter = ramfs_read_iter,
	.write_iter = ramfs_write_iter,
	.fsync = noop_fsync,
};

const struct file_operations ramfs_dir_operations = {
	.readdir = ramfs_readdir,
	.fsync = noop_fsync,
};
