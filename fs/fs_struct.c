/* fs/fs_struct.c: sharing or copying a task's filesystem context at fork
 * (CLONE_FS) and dropping it at exit (include/fs_struct.h). */
#include <kernel.h>
#include <errno.h>
#include <fs_struct.h>
#include <sched.h>
#include <slab.h>

int copy_fs(unsigned long clone_flags, struct task_struct *p)
{
	struct fs_struct *fs = current->fs, *copy;

	if (clone_flags & CLONE_FS) {
		fs->users++;
		return 0;
	}
	copy = kmalloc(sizeof(*copy), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	*copy = *fs;
	copy->users = 1;
	p->fs = copy;
	return 0;
}

void exit_fs(struct task_struct *p)
{
	struct fs_struct *fs = p->fs;

	p->fs = NULL;
	if (--fs->users == 0) {
		BUG_ON(fs == &init_fs);
		kfree(fs);
	}
}
