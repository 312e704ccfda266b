/* user/include/sys/ioctl.h: ioctl (user/lib/tty.c) and the terminal
 * requests (asm/ioctls.h, struct winsize in asm/termbits.h). */
#ifndef _TL_SYS_IOCTL_H
#define _TL_SYS_IOCTL_H

#include <asm/ioctls.h>
#include <asm/termbits.h>

int ioctl(int fd, unsigned long request, ...);

#endif
