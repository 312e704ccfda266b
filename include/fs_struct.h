/* include/fs_struct.h: a task's filesystem context (root, working directory,
 * umask), shared by CLONE_FS or copied at fork (fs/fs_struct.c). root and
 * pwd are absolute path strings, not dentry references as in Linux: pwd is
 * looked up from the root dentry where it is used (current_cwd, fs/exec.c),
 * and root stays "/" (there is no chroot). */
#ifndef TASKLAB_FS_STRUCT_H
#define TASKLAB_FS_STRUCT_H

struct task_struct;

#define FS_PATH_MAX 64

struct fs_struct {
	int users;                        /* tasks sharing this context */
	unsigned int umask;
	char root[FS_PATH_MAX];
	char pwd[FS_PATH_MAX];
};

extern struct fs_struct init_fs;

/* Share (CLONE_FS) or copy current's fs_struct into p; 0 or -ENOMEM. */
struct dentry;
/* The current task's working directory, with a reference (dput it). */
struct dentry *current_cwd(void);

int copy_fs(unsigned long clone_flags, struct task_struct *p);
/* Drop p's reference; the last one frees the struct. */
void exit_fs(struct task_struct *p);

#endif
