/* include/fs_struct.h: a task's filesystem context (root, working directory,
 * umask), shared by CLONE_FS or copied at fork (fs/fs_struct.c). root and
 * pwd are dentries the struct holds a reference on, so a working directory
 * that is renamed stays the same directory, and one that is removed is
 * still where relative paths start (they find nothing there, and getcwd
 * says ENOENT), as in Linux. */
#ifndef TASKLAB_FS_STRUCT_H
#define TASKLAB_FS_STRUCT_H

#include <spinlock.h>

struct task_struct;
struct dentry;

/* Guarded by lock: umask, root and pwd (a reader takes its dentry
 * reference under it); users is atomic. */
struct fs_struct {
	spinlock_t lock;
	int users;                        /* tasks sharing this context */
	unsigned int umask;               /* cleared from new files' modes */
	struct dentry *root;              /* "/" of this task (no chroot yet) */
	struct dentry *pwd;               /* the working directory */
};

extern struct fs_struct init_fs;

/* Give init_fs the root filesystem's root as root and cwd (boot, once the
 * root exists: every later task inherits them). */
void init_fs_root(void);
/* The current task's working directory and root, with a reference (dput). */
struct dentry *current_cwd(void);
struct dentry *current_root(void);
/* Make d (a directory, referenced by the caller) fs's working directory. */
void set_fs_pwd(struct fs_struct *fs, struct dentry *d);
/* The current task's umask. */
unsigned int current_umask(void);

/* Share (CLONE_FS) or copy current's fs_struct into p; 0 or -ENOMEM. */
int copy_fs(unsigned long clone_flags, struct task_struct *p);
/* Drop p's reference; the last one frees the struct. */
void exit_fs(struct task_struct *p);

#endif
