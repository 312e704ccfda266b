/* include/uapi/linux/dirent.h: one record of getdents64(220). Records are
 * packed one after another, each d_reclen bytes (8-byte aligned); d_off is
 * the position to resume reading after this entry. */
#ifndef TASKLAB_UAPI_DIRENT_H
#define TASKLAB_UAPI_DIRENT_H

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;           /* DT_DIR 4, DT_REG 8, DT_LNK 10, ... */
	char d_name[];                  /* NUL-terminated */
};

#endif
