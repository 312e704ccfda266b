/* include/fdtable.h: a task's table of open files, shared by CLONE_FILES or
 * copied at fork (fs/fdtable.c; a copy takes a reference on each open
 * file), and the calling task's operations on it (fs/file.c). */
#ifndef TASKLAB_FDTABLE_H
#define TASKLAB_FDTABLE_H

struct task_struct;
struct file;
#include <types.h>
#include <fs.h>
#include <sched.h>
#include <spinlock.h>

#define NR_OPEN_DEFAULT 32

/* Guarded by file_lock: fd[], open_fds, next_fd and close_on_exec (count is
 * atomic). A file is used after the lock is dropped only through a
 * reference of its own (fget/fput), so a sibling thread's close cannot free
 * it meanwhile. A new fd is reserved in open_fds by get_unused_fd and
 * filled by fd_install (or given back by put_unused_fd), so two threads
 * opening at once on two CPUs never pick one fd. */
struct files_struct {
	spinlock_t file_lock;
	int count;                        /* tasks sharing this table */
	int next_fd;                      /* lowest fd that may be free */
	struct file *fd[NR_OPEN_DEFAULT];
	u32 open_fds;                     /* bit n: fd n installed or reserved */
	u32 close_on_exec;                /* bit n: close fd n at exec */
};

extern struct files_struct init_files;

/* fs/file.c: the calling task's table. fget() returns the open file of fd
 * with a reference of the caller's own (fput it), or NULL; fcheck() the
 * same without a reference, for a bare "is fd open" check.
 * get_unused_fd() reserves the lowest free fd >= from, or -EMFILE;
 * fd_install() puts a file (its reference is the table's) in a reserved or
 * free fd; put_unused_fd() gives a reservation back unused. close_fd()
 * -EBADF. */
struct file *fget(int fd);

/* fget's body for a valid fd of files: the file with a reference of the
 * caller's, or NULL. Inline for fdget. */
static inline struct file *__fget_files(struct files_struct *files, unsigned int fd)
{
	struct file *f;

	spin_lock(&files->file_lock);
	f = files->fd[fd];
	if (f)
		get_file(f);
	spin_unlock(&files->file_lock);
	return f;
}
/* fget for another task's table (pidfd_getfd, /proc/<pid>/fd): NULL when
 * fd is not open there or the task has let go of its files (exit). */
struct file *fget_task(struct task_struct *task, int fd);

/* fget for a call that uses the file and drops it before returning
 * (Linux's fdget/fdput, once fget_light): without a reference when no
 * other task shares the table, since nobody else can close fd meanwhile,
 * with one otherwise. Inline: it is on every read and write. */
struct fd {
	struct file *file;
	unsigned int flags;               /* what fdput and fdput_pos undo: */
};
#define FDPUT_FPUT       1                /* drop a reference */
#define FDPUT_POS_UNLOCK 2                /* release f_pos_lock */

static inline __attribute__((always_inline)) struct fd fdget(int fd)
{
	struct files_struct *files = current->files;

	if (unlikely(!files) || (unsigned int)fd >= NR_OPEN_DEFAULT)
		return (struct fd){ NULL, 0 };
	if (__atomic_load_n(&files->count, __ATOMIC_RELAXED) == 1)
		return (struct fd){ READ_ONCE(files->fd[fd]), 0 };
	if (!sched_smp_active) {          /* one CPU: no close between read and get */
		struct file *f = READ_ONCE(files->fd[fd]);

		if (f)
			get_file(f);
		return (struct fd){ f, FDPUT_FPUT };
	}
	return (struct fd){ __fget_files(files, fd), FDPUT_FPUT };
}

static inline void fdput(struct fd f)
{
	if ((f.flags & FDPUT_FPUT) && f.file)
		fput(f.file);
}

/* Linux's fdget_pos: fdget for a call that reads and moves f_pos (read,
 * write, lseek, getdents). A regular file or directory that another fd
 * or process holds too (f_count > 1) is taken under its f_pos_lock, so
 * two such calls do not both start at one position; fdput_pos releases. */
static inline __attribute__((always_inline)) struct fd fdget_pos(int fd)
{
	struct fd f = fdget(fd);

	if (f.file && (f.file->f_mode & FMODE_ATOMIC_POS) &&
	    __atomic_load_n(&f.file->f_count, __ATOMIC_RELAXED) > 1) {
		mutex_lock(&f.file->f_pos_lock);
		f.flags |= FDPUT_POS_UNLOCK;
	}
	return f;
}

static inline void fdput_pos(struct fd f)
{
	if (unlikely(f.flags & FDPUT_POS_UNLOCK))
		mutex_unlock(&f.file->f_pos_lock);
	fdput(f);
}
struct file *fcheck(int fd);
int get_unused_fd(int from);
void put_unused_fd(int fd);
void fd_install(int fd, struct file *f, bool cloexec);
/* fd's close-on-exec flag (fcntl F_SETFD), under file_lock. */
void set_close_on_exec(int fd, bool on);
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
