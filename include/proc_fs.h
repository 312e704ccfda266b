/* include/proc_fs.h: the proc filesystem (fs/proc/), mounted by user space
 * with `mount -t proc proc /proc`: a directory per process with its stat,
 * status, maps, fds and threads, the system files (meminfo, stat, uptime,
 * loadavg, cpuinfo, version, mounts, filesystems) and the tunables of
 * /proc/sys/kernel. The files' formats are Linux's, field by field. */
#ifndef TASKLAB_PROC_FS_H
#define TASKLAB_PROC_FS_H

/* Register the "proc" filesystem type (boot, after mnt_init). */
void proc_root_init(void);

struct seq_file;
/* The /proc/interrupts table (fs/proc/interrupts.c), for the monitor too. */
void show_interrupts(struct seq_file *m);

#endif
