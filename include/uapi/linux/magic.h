/* include/uapi/linux/magic.h: the filesystem magic numbers statfs reports
 * in f_type (Linux's values), for the filesystems Tasklab has. */
#ifndef TASKLAB_UAPI_MAGIC_H
#define TASKLAB_UAPI_MAGIC_H

#define RAMFS_MAGIC  0x858458f6         /* the root filesystem */
#define PIPEFS_MAGIC 0x50495045         /* the inodes of pipe(2) */
#define PROC_SUPER_MAGIC 0x9fa0         /* procfs (fs/proc/) */

#endif
