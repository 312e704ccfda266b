/* fs/char_dev.c: character devices by number. A driver registers its
 * operations for a range of device numbers (a major and a run of minors,
 * as Linux's __register_chrdev; register_chrdev takes all 256 minors of a
 * major); opening a device node (S_IFCHR, made by mknod, by the
 * initramfs, or at boot in /dev) finds them here by the node's i_rdev.
 * A number no driver has is ENXIO at open, as in Linux. The table is a
 * small fixed array: Tasklab has a handful of drivers. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>

#define MAX_CHRDEV_RANGES 32

struct char_device_struct {
	unsigned int major, baseminor, count;   /* count 0: a free slot */
	const char *name;
	const struct file_operations *fops;
};

static struct char_device_struct chrdevs[MAX_CHRDEV_RANGES];

static bool overlaps(const struct char_device_struct *cd, unsigned int major,
		     unsigned int baseminor, unsigned int count)
{
	return cd->count && cd->major == major && baseminor < cd->baseminor + cd->count &&
	       cd->baseminor < baseminor + count;
}

int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops)
{
	struct char_device_struct *free = NULL;

	if (major == 0 || major >= CHRDEV_MAJOR_MAX || count == 0 || !fops ||
	    baseminor + count > (1U << MINORBITS))
		return -EINVAL;
	for (int i = 0; i < MAX_CHRDEV_RANGES; i++) {
		if (overlaps(&chrdevs[i], major, baseminor, count))
			return -EBUSY;
		if (!chrdevs[i].count && !free)
			free = &chrdevs[i];
	}
	if (!free)
		return -ENOSPC;
	*free = (struct char_device_struct){ major, baseminor, count, name, fops };
	return 0;
}

int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	return __register_chrdev(major, 0, 256, name, fops);
}

void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count)
{
	for (int i = 0; i < MAX_CHRDEV_RANGES; i++)
		if (chrdevs[i].count && chrdevs[i].major == major &&
		    chrdevs[i].baseminor == baseminor && chrdevs[i].count == count)
			chrdevs[i].count = 0;
}

void unregister_chrdev(unsigned int major)
{
	__unregister_chrdev(major, 0, 256);
}

const struct file_operations *chrdev_fops(dev_t dev)
{
	for (int i = 0; i < MAX_CHRDEV_RANGES; i++)
		if (overlaps(&chrdevs[i], MAJOR(dev), MINOR(dev), 1))
			return chrdevs[i].fops;
	return NULL;
}
