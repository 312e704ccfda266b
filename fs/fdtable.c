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

/* Contract: CLONE_FILES shares current's table; else p gets a copy that
 * holds a reference on each open file: 0 or -ENOMEM. Every installed fd
 * has its open_fds bit (fs/file.c sets and clears the two together), so
 * the copy visits only those bits, not all NR_OPEN_DEFAULT slots; a bit
 * with no file yet is a sibling's reservation, which stays its own. */
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
	memset(copy->fd, 0, sizeof(copy->fd));
	copy->open_fds = 0;
	spin_lock(&old->file_lock);
	copy->next_fd = old->next_fd;
	copy->close_on_exec = old->close_on_exec;
	for (u32 left = old->open_fds; left; left &= left - 1) {
		int fd = __builtin_ctz(left);

		if (old->fd[fd]) {
			copy->fd[fd] = get_file(old->fd[fd]);
			copy->open_fds |= 1u << fd;
		}
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
	for (u32 left = files->open_fds; left; left &= left - 1) {   /* see copy_files */
		struct file *f = files->fd[__builtin_ctz(left)];

		if (f)
			fput(f);
	}
	kfree(files);
}
