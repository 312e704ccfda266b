/* fs/proc/meminfo.c: /proc/meminfo, Linux's lines: the key and its colon
 * padded to 16 columns, the value in kB right-aligned in 8. Only what
 * Tasklab keeps is shown, each line meaning what Linux's does: the page allocator's totals, the highmem and lowmem zones, the
 * pages ramfs files hold (in the page cache on Linux: Cached; ramfs pages
 * cannot be evicted: Unevictable), slab and kernel stacks. No swap, no
 * block buffers, no dirty pages exist here, and nothing can be reclaimed,
 * so MemAvailable is MemFree. */
#include <kernel.h>
#include <fs.h>
#include <mm.h>
#include <mmzone.h>
#include <mount.h>
#include <sched.h>
#include <slab.h>
#include <asm/thread_info.h>
#include "internal.h"

static bool add_file_pages(struct dentry *d, void *arg)
{
	if (S_ISREG(d->d_inode->i_mode))
		*(unsigned long *)arg += ramfs_pages_held(d->d_inode);
	return false;
}

/* Pages held by the ramfs files of every mounted ramfs (the rootfs too). */
static unsigned long ramfs_pages(void)
{
	struct vfsmount *m;
	unsigned long n = 0;

	down_read(&namespace_sem);            /* no mount comes or goes */
	list_for_each_entry(m, &mount_list, mnt_list)
		if (!m->mnt_root->d_inode->i_op)         /* not procfs */
			d_walk(m->mnt_root, add_file_pages, &n);
	up_read(&namespace_sem);
	return n;
}

static void show_val_kb(struct seq_file *m, const char *key, unsigned long pages)
{
	char k[20];

	snprintf(k, sizeof(k), "%s:", key);
	seq_printf(m, "%-15s %8lu kB\n", k, pages << (PAGE_SHIFT - 10));
}

int proc_meminfo_show(struct seq_file *m, struct proc_inode *pi)
{
	unsigned long free = nr_free_pages(), cached = ramfs_pages(), slab = slab_pages();
	const struct zone *high = &zones[ZONE_HIGHMEM];

	show_val_kb(m, "MemTotal", totalram_pages);
	show_val_kb(m, "MemFree", free);
	show_val_kb(m, "MemAvailable", free);
	show_val_kb(m, "Buffers", 0);
	show_val_kb(m, "Cached", cached);
	show_val_kb(m, "SwapCached", 0);
	show_val_kb(m, "Unevictable", cached);
	show_val_kb(m, "Mlocked", 0);
	show_val_kb(m, "HighTotal", high->present_pages);
	show_val_kb(m, "HighFree", high->free_pages);
	show_val_kb(m, "LowTotal", lowmem_pages());
	show_val_kb(m, "LowFree", zones[ZONE_DMA].free_pages + zones[ZONE_NORMAL].free_pages);
	show_val_kb(m, "SwapTotal", 0);
	show_val_kb(m, "SwapFree", 0);
	show_val_kb(m, "Dirty", 0);
	show_val_kb(m, "Writeback", 0);
	show_val_kb(m, "Shmem", 0);
	show_val_kb(m, "KReclaimable", 0);
	show_val_kb(m, "Slab", slab);
	show_val_kb(m, "SReclaimable", 0);
	show_val_kb(m, "SUnreclaim", slab);
	seq_printf(m, "%-15s %8lu kB\n", "KernelStack:", (unsigned long)nr_threads * (THREAD_SIZE >> 10));
	return 0;
}
