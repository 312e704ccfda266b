/* user/include/sys/fsuid.h: setfsuid and setfsgid (user/lib/resource.c),
 * as glibc declares them: each returns the old filesystem id, whether or
 * not the new one was taken (the call cannot fail; -1 asks without
 * changing anything). */
#ifndef _TL_SYS_FSUID_H
#define _TL_SYS_FSUID_H

#include <sys/types.h>

int setfsuid(uid_t fsuid);
int setfsgid(gid_t fsgid);

#endif
