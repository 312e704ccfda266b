/* include/uapi/asm/stat.h: struct stat64 as Linux i386 fills it for
 * stat64(195), lstat64(196), fstat64(197) and fstatat64(300). On i386 a
 * 64-bit field is 4-byte aligned, which gives these offsets (checked by
 * tests/test_stat.c): st_size at 44, st_ino at 88, 96 bytes in all. */
#ifndef TASKLAB_UAPI_ASM_STAT_H
#define TASKLAB_UAPI_ASM_STAT_H

struct stat64 {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino;         /* the low 32 bits of st_ino */
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned long st_uid;
	unsigned long st_gid;
	unsigned long long st_rdev;     /* (minor & 0xff) | major << 8 | (minor >> 8) << 20 */
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks;   /* of 512 bytes */
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned int st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	unsigned long long st_ino;
};

#endif
