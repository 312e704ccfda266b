/* include/fdtable.h: a task's table of open files, shared by CLONE_FILES or
 * copied at fork (fs/fdtable.c; a copy takes a reference on each open
 * file), and the calling task's operations on it (fs/file.c). */
#ifndef TASKLAB_FDTABLE_H
#define TASKLAB_FDTABLE_H

struct task_struct;
struct file;
#include <types.h>
#include <spinlock.h>

#define NR_OPEN_DEFAULT 32

/* Guarded by file_lock: fd[], next_fd and close_on_exec (count is atomic).
 * A slot's file is used after the lock is dropped: on one CPU it stays
 * until the task itself closes it; on several, a sibling thread's close
 * could drop it meanwhile (Linux's fget takes a reference: not done yet).
 * get_unused_fd and fd_install are two steps, so two threads opening at
 * once on two CPUs could pick one fd (Linux reserves it in open_fds). */
struct files_struct {
	spinlock_t file_lock;
	int count;                        /* tasks sharing this table */
	int next_fd;                      /* lowest fd that may be free */
	struct file *fd[NR_OPEN_DEFAULT];
	u32 close_on_exec;                /* bit n: close fd n at exec */
};

extern struct files_struct init_files;

/* fs/file.c: the calling task's table. fcheck() returns the open file of
 * fd without a new reference (valid until the task closes it), or NULL.
 * get_unused_fd() the lowest free fd >= from, or -EMFILE; fd_install()
 * puts a file (its reference is the table's) there. close_fd() -EBADF. */
struct file *fcheck(int fd);
int get_unused_fd(int from);
void fd_install(int fd, struct file *f, bool cloexec);
int close_fd(int fd);
/* A new fd for file, the lowest free one >= from (fcntl's F_DUPFD): the
 * fd, -EINVAL (from out of range) or -EMFILE. */
long f_dupfd(int from, struct file *file, bool cloexec);
/* fds 0-2 of the caller on /dev/console: 0 or -errno. */
int open_console_fds(void);
/* Close the fds marked close-on-exec (exec). */
void close_on_exec(struct files_struct *files);

/* Share (CLONE_FILES) or copy current's table into p; 0 or -ENOMEM. */
int copy_files(unsigned long clone_flags, struct task_struct *p);
/* Drop p's reference; the last one closes every file and frees the table. */
void exit_files(struct task_struct *p);

#endif
