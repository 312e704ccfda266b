/* include/uapi/asm/statfs.h: what statfs(99)/fstatfs(100) and
 * statfs64(268)/fstatfs64(269) fill on Linux i386. struct statfs64 is
 * packed to 4-byte alignment, 84 bytes: statfs64 takes its size as an
 * argument and refuses any other (EINVAL). */
#ifndef TASKLAB_UAPI_ASM_STATFS_H
#define TASKLAB_UAPI_ASM_STATFS_H

typedef struct { int val[2]; } __kernel_fsid_t;

struct statfs {
	unsigned int f_type;            /* the filesystem's magic (linux/magic.h) */
	unsigned int f_bsize;           /* its block size */
	unsigned int f_blocks, f_bfree, f_bavail;
	unsigned int f_files, f_ffree;
	__kernel_fsid_t f_fsid;
	unsigned int f_namelen;         /* longest name */
	unsigned int f_frsize;
	unsigned int f_flags;           /* ST_* mount flags */
	unsigned int f_spare[4];
};

struct statfs64 {
	unsigned int f_type;
	unsigned int f_bsize;
	unsigned long long f_blocks, f_bfree, f_bavail;
	unsigned long long f_files, f_ffree;
	__kernel_fsid_t f_fsid;
	unsigned int f_namelen;
	unsigned int f_frsize;
	unsigned int f_flags;
	unsigned int f_spare[4];
} __attribute__((packed, aligned(4)));

#define ST_RDONLY   0x0001
#define ST_NOSUID   0x0002
#define ST_NODEV    0x0004
#define ST_NOEXEC   0x0008
#define ST_VALID    0x0020              /* f_flags is filled in */
#define ST_RELATIME 0x1000

#endif
