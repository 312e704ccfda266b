/* user/include/termios.h: terminal settings and job control
 * (user/lib/tty.c). struct termios is the kernel's own (36 bytes: TCGETS
 * copies it as is; glibc's is larger and converted), with Linux's flag
 * values (asm/termbits.h); the functions are the ioctls POSIX names. */
#ifndef _TL_TERMIOS_H
#define _TL_TERMIOS_H

#include <sys/types.h>
#include <asm/termbits.h>
#include <asm/ioctls.h>

int tcgetattr(int fd, struct termios *tio);
/* action: TCSANOW (TCSETS), TCSADRAIN (TCSETSW), TCSAFLUSH (TCSETSF). */
int tcsetattr(int fd, int action, const struct termios *tio);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
pid_t tcgetsid(int fd);
int tcflush(int fd, int queue);
int tcflow(int fd, int action);
int tcdrain(int fd);
/* No echo, no editing, no signals, bytes as they come (VMIN 1, VTIME 0). */
void cfmakeraw(struct termios *tio);

#endif
