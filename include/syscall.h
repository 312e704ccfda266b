/* include/syscall.h: the system call table (kernel/syscall.c). Numbers are
 * Linux's i386 ones (arch/x86/entry/syscalls/syscall_32.tbl); a handler takes
 * the six argument registers and returns a value or -errno in eax. */
#ifndef TASKLAB_SYSCALL_H
#define TASKLAB_SYSCALL_H

#include <types.h>

#define NR_syscalls 450

typedef long (*syscall_fn_t)(u32 ebx, u32 ecx, u32 edx, u32 esi, u32 edi, u32 ebp);

/* Linux i386 system call numbers, shared with the user libc. */
#include <uapi/asm/unistd_32.h>

#define SYSCALL_DECL(name) long name(u32, u32, u32, u32, u32, u32)
SYSCALL_DECL(sys_time);
SYSCALL_DECL(sys_gettimeofday);
SYSCALL_DECL(sys_newuname);
SYSCALL_DECL(sys_clock_gettime);

/* Calls made since boot, and those that hit no handler (for tests). */
extern unsigned long syscall_count, syscall_enosys_count;

#endif
