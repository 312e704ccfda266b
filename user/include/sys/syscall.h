/* user/include/sys/syscall.h: raw system calls. __syscall6 traps with
 * int $0x80 and returns Linux's raw result (-4095..-1 is -errno);
 * syscall() is the errno-setting form. */
#ifndef _TL_SYS_SYSCALL_H
#define _TL_SYS_SYSCALL_H

#include <asm/unistd_32.h>

long __syscall6(long nr, long a, long b, long c, long d, long e, long f);
#define __syscall0(n)             __syscall6(n, 0, 0, 0, 0, 0, 0)
#define __syscall1(n, a)          __syscall6(n, (long)(a), 0, 0, 0, 0, 0)
#define __syscall2(n, a, b)       __syscall6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define __syscall3(n, a, b, c)    __syscall6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __syscall4(n, a, b, c, d) __syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

/* A raw result to the C convention: -1 and errno for -4095..-1. */
long __syscall_ret(long raw);
long syscall(long nr, long a, long b, long c, long d, long e, long f);

#endif
