/* fs/proc/internal.h: procfs's own objects, shared by the files of
 * fs/proc/.
 *
 * procfs keeps no tree: each lookup makes a fresh dentry and inode for the
 * name (d_alloc_unhashed), which live as long as a walk, an open file or a
 * working directory holds them, and each directory lists its entries when
 * it is read. What a name is comes from a table of struct proc_entry (the
 * fixed names of /proc, /proc/sys/kernel, /proc/<pid>, /proc/<pid>/task/
 * <tid>) or from a directory's numbered children (pids, tids, fds), which
 * a struct proc_dyn describes.
 *
 * The inode of an entry about a task holds a reference on its task_struct
 * (get_task_struct; dropped when the inode goes, proc_evict_inode), so a
 * file opened before its task died reads safely afterwards: every reader
 * first checks that the task is not yet released (proc_task_alive), and a
 * released one gives ESRCH (a read) or ENOENT (a lookup), as Linux. Only
 * plain fields of a released task may be read; signal, mm, files and fs
 * are gone by then.
 *
 *   struct proc_inode                     (kmalloc'd; the inode is first,
 *   +---------------------------------+    so iput's kfree frees it all)
 *   | struct inode vfs_inode          |
 *   | entry  -> struct proc_entry     |    what it is (name, mode, ops)
 *   | task   -> struct task_struct    |    referenced, or NULL (global)
 *   | fd                              |    /proc/<pid>/fd/<fd>
 *   +---------------------------------+
 */
#ifndef TASKLAB_FS_PROC_INTERNAL_H
#define TASKLAB_FS_PROC_INTERNAL_H

#include <types.h>
#include <fs.h>
#include <seq_file.h>

struct task_struct;
struct proc_inode;

struct proc_entry {
	const char *name;
	umode_t mode;                     /* S_IF* and permission bits */
	/* A text file: the whole text into m. 0 or -errno (ESRCH: the task
	 * is gone). */
	int (*show)(struct seq_file *m, struct proc_inode *pi);
	/* A file read as bytes at pos (cmdline, environ): into buf, at most
	 * count; bytes read, 0 at the end, or -errno. */
	ssize_t (*read)(struct proc_inode *pi, char *buf, size_t count, loff_t pos);
	/* A writable file: buf holds count bytes, NUL-terminated. 0 or -errno. */
	int (*write)(struct proc_inode *pi, const char *buf, size_t count);
	/* A symlink: its target into buf. 0 or -errno. */
	int (*get_link)(struct proc_inode *pi, char *buf, size_t size);
	/* A directory: what it holds. */
	const struct proc_dir *dir;
	/* Open, read or follow only by the task's owner or root (Linux's
	 * ptrace read check): EACCES for others. */
	bool owner_only;
	/* A /proc/sys file: root gets the owner's bits and no more, so even
	 * root cannot write a read-only one (Linux's sysctl_perm). */
	bool sysctl;
};

/* A directory's fixed entries, and its numbered ones (or NULL). */
struct proc_dir {
	const struct proc_entry *entries;
	unsigned int nr_entries;
	const struct proc_dyn *dyn;
	unsigned int ino_base;            /* a global directory's children start here */
	bool in_task;                     /* /proc/<pid>/task/<tid>: bit 11 of the inode */
};

/* A directory's numbered entries: pids in /proc, tids in task/, fds. */
struct proc_dyn {
	/* The first key >= from that dir has, or -1 when there is none. */
	long (*next)(struct proc_inode *dir, long from);
	/* The entry for key, called name (len bytes), in dir: referenced, or
	 * NULL when dir has no such key, or ERR_PTR. */
	struct dentry *(*lookup)(struct dentry *dir, long key, const char *name, int len);
	/* The inode number the entry for key has (for readdir). */
	unsigned long (*ino)(struct proc_inode *dir, long key);
	unsigned int d_type;              /* DT_DIR or DT_LNK, for readdir */
};

struct proc_inode {
	struct inode vfs_inode;
	const struct proc_entry *entry;
	struct task_struct *task;         /* referenced, or NULL */
	int fd;
	int link_err;                     /* a link current may not read: why */
};

static inline struct proc_inode *PROC_I(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

/* Inode numbers: global entries below 4096; an entry of task pid is
 * pid << 12 | slot, with bit 11 for /proc/<pid>/task/<tid>/ entries. */
#define PROC_INO(pid, in_task, slot) (((unsigned long)(pid) << 12) | ((in_task) ? 0x800 : 0) | (slot))
#define PROC_SLOT_DIR   0x7ff             /* the pid or tid directory itself */
#define PROC_SLOT_FD(n) (0x400 + (n))     /* fd/<n> */

/* --- fs/proc/inode.c ---------------------------------------------------- */

/* The dentry called name in dir for entry e about task (referenced by the
 * new inode; NULL for global entries), fd for fd links: referenced, or
 * ERR_PTR(-ENOMEM, or the entry's get_link error). */
struct dentry *proc_make_dentry(struct dentry *dir, const char *name, int len,
				const struct proc_entry *e, struct task_struct *task,
				int fd, unsigned long ino);
/* Has task not been released yet (a zombie still counts)? */
bool proc_task_alive(const struct task_struct *task);
/* May current see what only task's owner (or root) may: Linux's
 * PTRACE_MODE_READ with real credentials. */
bool proc_may_access(const struct task_struct *task);
/* Parse a decimal key ("123") of len bytes: the number, or -1. */
long proc_name_to_key(const char *name, int len);
/* A written number, strictly as Linux's proc_dointvec (proc_sys.c): blanks,
 * an optional sign, decimal digits, blanks (echo's newline); anything else
 * or an overflow -EINVAL. 0 and *out set otherwise. */
int proc_parse_long(const char *s, long *out);
extern const struct inode_operations proc_dir_inode_operations, proc_link_inode_operations;
extern const struct file_operations proc_file_operations, proc_dir_operations;

/* --- the directories ----------------------------------------------------- */

extern const struct proc_entry proc_pid_entry;        /* base.c: /proc/<pid> */
extern const struct proc_entry proc_tid_entry;        /* base.c: task/<tid> */
extern const struct proc_dir proc_fd_dir;             /* fd.c: fd/ */
extern const struct proc_dir proc_sys_dir;            /* proc_sys.c: sys/ */

/* --- the files ---------------------------------------------------------- */

/* array.c: /proc/<pid>/stat (whole: the process; else the thread), statm,
 * status; and the one-letter state ps shows. */
int proc_tgid_stat(struct seq_file *m, struct proc_inode *pi);
int proc_tid_stat(struct seq_file *m, struct proc_inode *pi);
int proc_pid_statm(struct seq_file *m, struct proc_inode *pi);
int proc_pid_status(struct seq_file *m, struct proc_inode *pi);
char task_state_char(const struct task_struct *p);
/* task_mmu.c: /proc/<pid>/maps, and the sizes stat, statm and status
 * show (pages). */
int proc_pid_maps(struct seq_file *m, struct proc_inode *pi);
struct mm_sizes {
	unsigned long total, data, stack, text, lib, rss, ptes;
};
struct mm_struct;
void mm_sizes(struct mm_struct *mm, struct mm_sizes *s);
/* base.c: bytes of another process's memory (cmdline, environ): into buf
 * from user address addr of task's mm; bytes copied (short at an unmapped
 * page). */
size_t access_process_vm(struct task_struct *task, unsigned long addr, void *buf, size_t len);
/* The global files. */
int proc_meminfo_show(struct seq_file *m, struct proc_inode *pi);
int proc_slabinfo_show(struct seq_file *m, struct proc_inode *pi);
int proc_stat_show(struct seq_file *m, struct proc_inode *pi);
int proc_uptime_show(struct seq_file *m, struct proc_inode *pi);
int proc_loadavg_show(struct seq_file *m, struct proc_inode *pi);
int proc_cpuinfo_show(struct seq_file *m, struct proc_inode *pi);
int proc_interrupts_show(struct seq_file *m, struct proc_inode *pi);
int proc_version_show(struct seq_file *m, struct proc_inode *pi);
int proc_mounts_show(struct seq_file *m, struct proc_inode *pi);
int proc_filesystems_show(struct seq_file *m, struct proc_inode *pi);

#endif
