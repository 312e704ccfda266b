/* include/uapi/asm/unistd_32.h: Linux's i386 system call numbers
 * (arch/x86/entry/syscalls/syscall_32.tbl). The kernel's table is indexed by
 * them (kernel/syscall.c) and the user libc passes them in eax
 * (user/lib/syscall.c), so both sides read the same list. Only the calls
 * Tasklab implements or that its programs and glibc's start-up make. */
#ifndef TASKLAB_UAPI_UNISTD_32_H
#define TASKLAB_UAPI_UNISTD_32_H

#define __NR_exit              1
#define __NR_fork              2
#define __NR_read              3
#define __NR_write             4
#define __NR_open              5
#define __NR_close             6
#define __NR_waitpid           7
#define __NR_unlink           10
#define __NR_execve           11
#define __NR_chdir            12
#define __NR_time             13
#define __NR_lseek            19
#define __NR_getpid           20
#define __NR_setuid           23
#define __NR_getuid           24
#define __NR_access           33
#define __NR_kill             37
#define __NR_rmdir            40
#define __NR_dup              41
#define __NR_pipe             42
#define __NR_brk              45
#define __NR_setgid           46
#define __NR_getgid           47
#define __NR_geteuid          49
#define __NR_getegid          50
#define __NR_ioctl            54
#define __NR_setpgid          57
#define __NR_umask            60
#define __NR_dup2             63
#define __NR_getppid          64
#define __NR_getpgrp          65
#define __NR_setsid           66
#define __NR_setreuid         70
#define __NR_setregid         71
#define __NR_setrlimit        75
#define __NR_getrlimit        76
#define __NR_gettimeofday     78
#define __NR_readlink         85
#define __NR_munmap           91
#define __NR_wait4           114
#define __NR_sigreturn       119
#define __NR_clone           120
#define __NR_uname           122
#define __NR_mprotect        125
#define __NR_getpgid         132
#define __NR__llseek         140
#define __NR_writev          146
#define __NR_getsid          147
#define __NR_sched_yield     158
#define __NR_nanosleep       162
#define __NR_setresuid       164
#define __NR_getresuid       165
#define __NR_setresgid       170
#define __NR_getresgid       171
#define __NR_rt_sigreturn    173
#define __NR_rt_sigaction    174
#define __NR_rt_sigprocmask  175
#define __NR_getcwd          183
#define __NR_vfork           190
#define __NR_ugetrlimit      191
#define __NR_mmap2           192
#define __NR_stat64          195
#define __NR_lstat64         196
#define __NR_fstat64         197
#define __NR_getuid32        199
#define __NR_getgid32        200
#define __NR_geteuid32       201
#define __NR_getegid32       202
#define __NR_setreuid32      203
#define __NR_setregid32      204
#define __NR_setresuid32     208
#define __NR_getresuid32     209
#define __NR_setresgid32     210
#define __NR_getresgid32     211
#define __NR_setuid32        213
#define __NR_setgid32        214
#define __NR_getdents64      220
#define __NR_fcntl64         221
#define __NR_gettid          224
#define __NR_tkill           238
#define __NR_futex           240
#define __NR_set_thread_area 243
#define __NR_get_thread_area 244
#define __NR_exit_group      252
#define __NR_set_tid_address 258
#define __NR_clock_gettime   265
#define __NR_tgkill          270
#define __NR_openat          295
#define __NR_fstatat64       300
#define __NR_unlinkat        301
#define __NR_set_robust_list 311
#define __NR_pipe2           331
#define __NR_prlimit64       340
#define __NR_getrandom       355
#define __NR_statx           383
#define __NR_rseq            386
#define __NR_clone3          435

#endif
