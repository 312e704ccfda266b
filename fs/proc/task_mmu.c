/* fs/proc/task_mmu.c: a process's address space as /proc shows it:
 * /proc/<pid>/maps, one line per VMA in Linux's format, and the sizes that
 * stat, statm and status report (mm_sizes), counted from the VMAs the way
 * Linux keeps total_vm, data_vm, stack_vm and exec_vm.
 *
 * A maps line is "start-end perms offset major:minor inode", padded to
 * column 49 on i386, then the file's path, [heap] or [stack]; an
 * anonymous area's line ends after the inode (with its trailing space).
 * Private file mappings are copied page by page at the first touch
 * (mm/memory.c), so every resident page counts as anonymous (RssFile 0). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mman.h>
#include <mount.h>
#include <sched.h>
#include <sched/mm.h>
#include <slab.h>
#include <uapi/linux/stat.h>
#include "internal.h"

void mm_sizes(struct mm_struct *mm, struct mm_sizes *s)
{
	struct vm_area_struct *vma;
	unsigned long exec = 0;

	*s = (struct mm_sizes){ .rss = mm->rss, .ptes = mm->nr_ptes };
	down_read(&mm->mmap_lock);       /* the VMAs hold still (its owner runs elsewhere) */
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

		s->total += pages;
		if (vma->vm_flags & VM_GROWSDOWN)
			s->stack += pages;
		else if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			s->data += pages;
		else if (vma->vm_flags & VM_EXEC)
			exec += pages;
	}
	up_read(&mm->mmap_lock);
	s->text = (ALIGN_UP(mm->end_code, PAGE_SIZE) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
	if (!mm->end_code)
		s->text = 0;
	s->text = min(s->text, exec);
	s->lib = exec - s->text;
}

/* The file a VMA shows: none for an area that holds no byte of its file
 * (an ELF segment that is all bss), which Linux maps anonymously. */
static struct file *vma_shown_file(const struct vm_area_struct *vma)
{
	return vma->vm_file && vma->vm_file_end > vma->vm_start ? vma->vm_file : NULL;
}

/* The name a VMA gets after its header: its file's path, [heap], [stack]. */
static void show_vma_name(struct seq_file *m, struct vm_area_struct *vma, char *path)
{
	struct file *file = vma_shown_file(vma);
	struct mm_struct *mm = vma->vm_mm;
	char *p;

	if (file && file->f_dentry) {
		p = d_path(root_dentry, file->f_dentry, path, PATH_MAX);
		seq_pad(m, ' ');
		seq_escape(m, IS_ERR(p) ? "?" : p, "\n");
	} else if (!file && vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk) {
		seq_pad(m, ' ');
		seq_puts(m, "[heap]");
	} else if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack) {
		seq_pad(m, ' ');
		seq_puts(m, "[stack]");
	}
}

static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma, char *path)
{
	struct file *file = vma_shown_file(vma);
	unsigned long flags = vma->vm_flags, ino = 0;
	unsigned long long pgoff = 0;
	dev_t dev = 0;

	if (file) {
		struct inode *inode = file->f_inode;

		dev = inode->i_sb ? inode->i_sb->s_dev : MKDEV(0, 1);
		ino = inode->i_ino;
		pgoff = vma->vm_pgoff;           /* bytes already */
	}
	seq_setwidth(m, 25 + sizeof(void *) * 6 - 1);
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_SHARED ? 's' : 'p', pgoff,
		   MAJOR(dev), MINOR(dev), ino);
	show_vma_name(m, vma, path);
	seq_putc(m, '\n');
}

int proc_pid_maps(struct seq_file *m, struct proc_inode *pi)
{
	struct mm_struct *mm = get_task_mm(pi->task);
	struct vm_area_struct *vma;
	char *path;

	if (!mm)
		return 0;                        /* a kernel thread, a zombie: empty */
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (path) {
		down_read(&mm->mmap_lock);
		list_for_each_entry(vma, &mm->mmap, vm_list)
			show_map_vma(m, vma, path);
		up_read(&mm->mmap_lock);
		kfree(path);
	}
	mmput(mm);
	return path ? 0 : -ENOMEM;
}
