/* user/include/dirent.h: reading directories with getdents64, which fills
 * buf with struct linux_dirent64 records (d_reclen bytes each); 0 at the
 * end. */
#ifndef _TL_DIRENT_H
#define _TL_DIRENT_H

#include <linux/dirent.h>

#define DT_UNKNOWN 0
#define DT_CHR     2
#define DT_DIR     4
#define DT_REG     8
#define DT_LNK     10

int getdents64(int fd, void *buf, unsigned int count);

#endif
