/* user/include/sys/types.h: the basic POSIX types, sized as Linux i386 has them. */
#ifndef _TL_SYS_TYPES_H
#define _TL_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef int pid_t;
typedef long ssize_t;
typedef long off_t;
typedef unsigned int mode_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef long time_t;

#endif
