/* user/include/grp.h: setgroups (user/lib/system.c). */
#ifndef _TL_GRP_H
#define _TL_GRP_H

#include <stddef.h>
#include <sys/types.h>

int setgroups(size_t size, const gid_t *list);

#endif
