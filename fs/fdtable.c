/* fs/fdtable.c: sharing or copying a task's open-file table at fork
 * (CLONE_FILES) and dropping it at exit (include/fdtable.h). A copy takes a
 * reference on every open file, so parent and child close independently;
 * get_file()/fput() are weak here until the VFS issue provides struct file. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <sched.h>
#include <slab.h>

/* Replaced by the VFS: take / drop one reference to an open file. */
__attribute__((weak)) void get_file(struct file *f) { BUG_ON(f); }
__attribute__((weak)) void fput(struct file *f) { BUG_ON(f); }

int copy_files(unsigned long clone_flags, struct task_struct *p)
{
	struct files_struct *old = current->files, *copy;

	if (clone_flags & CLONE_FILES) {
		old->count++;
		return 0;
	}
	copy = kmalloc(sizeof(*copy), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	*copy = *old;
	copy->count = 1;
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (copy->fd[fd])
			get_file(copy->fd[fd]);
	p->files = copy;
	return 0;
}

void exit_files(struct task_struct *p)
{
	struct files_struct *files = p->files;

	p->files = NULL;
	if (--files->count)
		return;
	BUG_ON(files == &init_files);
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (files->fd[fd])
			fput(files->fd[fd]);
	kfree(files);
}
