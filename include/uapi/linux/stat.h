/* include/uapi/linux/stat.h: the file type and permission bits of a mode, as
 * Linux defines them. The ramfs (fs/ramfs.c) stores them in i_mode, and the
 * user libc and stat64 give the same bits to programs. */
#ifndef TASKLAB_UAPI_STAT_H
#define TASKLAB_UAPI_STAT_H

#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISUID  0004000
#define S_ISGID  0002000
#define S_ISVTX  0001000

#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001

/* statx(383): what glibc 2.33+ tries first for stat on i386. */
#define STATX_TYPE        0x001
#define STATX_MODE        0x002
#define STATX_NLINK       0x004
#define STATX_UID         0x008
#define STATX_GID         0x010
#define STATX_ATIME       0x020
#define STATX_MTIME       0x040
#define STATX_CTIME       0x080
#define STATX_INO         0x100
#define STATX_SIZE        0x200
#define STATX_BLOCKS      0x400
#define STATX_BASIC_STATS 0x7ff

struct statx_timestamp {
	long long tv_sec;
	unsigned int tv_nsec;
	int __reserved;
};

struct statx {
	unsigned int stx_mask;          /* what was filled in */
	unsigned int stx_blksize;
	unsigned long long stx_attributes;
	unsigned int stx_nlink;
	unsigned int stx_uid;
	unsigned int stx_gid;
	unsigned short stx_mode;
	unsigned short __spare0[1];
	unsigned long long stx_ino;
	unsigned long long stx_size;
	unsigned long long stx_blocks;
	unsigned long long stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	unsigned int stx_rdev_major, stx_rdev_minor;
	unsigned int stx_dev_major, stx_dev_minor;
	unsigned long long __spare2[14];
};

#endif
