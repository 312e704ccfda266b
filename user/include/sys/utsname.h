/* user/include/sys/utsname.h: uname(). */
#ifndef _TL_SYS_UTSNAME_H
#define _TL_SYS_UTSNAME_H

#include <linux/utsname.h>

#define utsname new_utsname
int uname(struct utsname *u);

#endif
