/* fs/super.c: the filesystem types the kernel knows (register_filesystem,
 * listed by /proc/filesystems) and the superblocks of their instances, each
 * with an anonymous device number (major 0, as Linux's get_anon_bdev gives
 * ramfs and proc). The boot rootfs keeps 0:1 (fs/stat.c); numbers from 2
 * on are handed out lowest free first and given back with the last
 * reference to the superblock. A superblock is held and let go of on any
 * CPU (each inode of a mounted instance holds it; /proc makes and frees
 * inodes on every lookup), so its count and the minor bitmap change by
 * atomic operations; the filesystem list is set up at boot only. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mount.h>
#include <slab.h>

#define ANON_DEV_FIRST 2
#define ANON_DEV_MAX   256               /* minors 2..255 */

static struct file_system_type *file_systems;
static u32 anon_dev_map[ANON_DEV_MAX / 32] = { 0x3 };   /* 0 and 1 (rootfs) taken */
unsigned long nr_super_blocks;

int register_filesystem(struct file_system_type *type)
{
	struct file_system_type **p = &file_systems;

	for (; *p; p = &(*p)->next)
		if (!strcmp((*p)->name, type->name))
			return -EBUSY;
	type->next = NULL;
	*p = type;
	return 0;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *t;

	for (t = file_systems; t; t = t->next)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

void for_each_filesystem(void (*fn)(struct file_system_type *type, void *arg), void *arg)
{
	for (struct file_system_type *t = file_systems; t; t = t->next)
		fn(t, arg);
}

/* The lowest free anonymous minor, taken; or -EMFILE (Linux's answer).
 * A bit another CPU sets first is not ours: look on. */
static int get_anon_minor(void)
{
	for (int m = ANON_DEV_FIRST; m < ANON_DEV_MAX; m++) {
		u32 bit = 1u << (m % 32);

		if (!(READ_ONCE(anon_dev_map[m / 32]) & bit) &&
		    !(__atomic_fetch_or(&anon_dev_map[m / 32], bit, __ATOMIC_ACQ_REL) & bit))
			return m;
	}
	return -EMFILE;
}

struct super_block *alloc_super(struct file_system_type *type,
				const struct super_operations *ops)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	int minor = sb ? get_anon_minor() : -ENOMEM;

	if (minor < 0) {
		kfree(sb);
		return NULL;
	}
	sb->s_dev = MKDEV(0, minor);
	sb->s_type = type;
	sb->s_op = ops;
	sb->s_count = 1;
	__atomic_add_fetch(&nr_super_blocks, 1, __ATOMIC_RELAXED);
	return sb;
}

void get_super(struct super_block *sb)
{
	__atomic_add_fetch(&sb->s_count, 1, __ATOMIC_RELAXED);
}

void put_super(struct super_block *sb)
{
	unsigned int minor = MINOR(sb->s_dev);
	int left = __atomic_sub_fetch(&sb->s_count, 1, __ATOMIC_ACQ_REL);

	BUG_ON(left < 0);
	if (left)
		return;
	__atomic_fetch_and(&anon_dev_map[minor / 32], ~(1u << (minor % 32)), __ATOMIC_RELEASE);
	kfree(sb);
	__atomic_sub_fetch(&nr_super_blocks, 1, __ATOMIC_RELAXED);
}
