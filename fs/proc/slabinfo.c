/* fs/proc/slabinfo.c: /proc/slabinfo, the slab allocator's caches in
 * Linux's format (mm/slab.c writes the lines): objects in use and in all,
 * object size, objects and pages per slab, slabs in use and in all. Read
 * by root only (mode 0400), as Linux. */
#include <kernel.h>
#include <slab.h>
#include "internal.h"

int proc_slabinfo_show(struct seq_file *m, struct proc_inode *pi)
{
	slabinfo_show(m);
	return 0;
}
