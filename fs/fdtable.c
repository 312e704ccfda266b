/* fs/fdtable.c: sharing or copying a task's open-file table at fork
 * (CLONE_FILES) and dropping it at exit (include/fdtable.h). A copy takes a
 * reference on every open file (get_file, fs/open.c), so parent and child
 * close independently; the last user of a table drops them (fput). The
 * copy is made under the old table's file_lock. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <sched.h>
#include <slab.h>

int copy_files(unsigned long clone_flags, struct task_struct *p)
{
	struct files_struct *old = current->files, *copy;

	if (clone_flags & CLONE_FILES) {
		__sync_fetch_and_add(&old->count, 1);
		return 0;
	}
	copy = kmalloc(sizeof(*copy), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	spin_lock(&old->file_lock);
	*copy = *old;
	copy->open_fds = 0;              /* a sibling's reservation stays its own */
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (copy->fd[fd]) {
			get_file(copy->fd[fd]);
			copy->open_fds |= 1u << fd;
		}
	spin_unlock(&old->file_lock);
	__spin_lock_init(&copy->file_lock, "files->file_lock");
	copy->count = 1;
	p->files = copy;
	return 0;
}

void exit_files(struct task_struct *p)
{
	struct files_struct *files = p->files;

	task_lock(p);                    /* fget_task sees the table or NULL */
	p->files = NULL;
	task_unlock(p);
	if (__sync_sub_and_fetch(&files->count, 1))
		return;
	BUG_ON(files == &init_files);
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (files->fd[fd])
			fput(files->fd[fd]);
	kfree(files);
}
