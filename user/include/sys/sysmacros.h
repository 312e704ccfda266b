/* user/include/sys/sysmacros.h: device numbers in Linux's 32-bit user
 * encoding (what stat's st_rdev and mknod's dev carry). */
#ifndef _TL_SYS_SYSMACROS_H
#define _TL_SYS_SYSMACROS_H

#define makedev(ma, mi) ((((ma) & 0xfffU) << 8) | ((mi) & 0xffU) | (((mi) & ~0xffU) << 12))
#define major(dev)      ((unsigned int)(((dev) >> 8) & 0xfff))
#define minor(dev)      ((unsigned int)(((dev) & 0xff) | (((dev) >> 12) & 0xfff00)))

#endif
