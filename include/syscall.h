/* include/syscall.h: the system call table (kernel/syscall.c). Numbers are
 * Linux's i386 ones (arch/x86/entry/syscalls/syscall_32.tbl); a handler takes
 * the six argument registers and returns a value or -errno in eax. */
#ifndef TASKLAB_SYSCALL_H
#define TASKLAB_SYSCALL_H

#include <types.h>

#define NR_syscalls 450

typedef long (*syscall_fn_t)(u32 ebx, u32 ecx, u32 edx, u32 esi, u32 edi, u32 ebp);
/* The table, indexed by number; NULL: no handler (-ENOSYS). */
extern const syscall_fn_t sys_call_table[NR_syscalls];

/* Linux i386 system call numbers, shared with the user libc. */
#include <uapi/asm/unistd_32.h>

#define SYSCALL_DECL(name) long name(u32, u32, u32, u32, u32, u32)
SYSCALL_DECL(sys_time);
SYSCALL_DECL(sys_gettimeofday);
SYSCALL_DECL(sys_newuname);
SYSCALL_DECL(sys_clock_gettime);
SYSCALL_DECL(sys_clock_nanosleep);
SYSCALL_DECL(sys_access);
SYSCALL_DECL(sys_brk);
SYSCALL_DECL(sys_chdir);
SYSCALL_DECL(sys_clone);
SYSCALL_DECL(sys_close);
SYSCALL_DECL(sys_dup);
SYSCALL_DECL(sys_dup2);
SYSCALL_DECL(sys_execve);
SYSCALL_DECL(sys_exit);
SYSCALL_DECL(sys_exit_group);
SYSCALL_DECL(sys_fcntl64);
SYSCALL_DECL(sys_fork);
SYSCALL_DECL(sys_fstat64);
SYSCALL_DECL(sys_fstatat64);
SYSCALL_DECL(sys_get_thread_area);
SYSCALL_DECL(sys_getcwd);
SYSCALL_DECL(sys_getdents64);
SYSCALL_DECL(sys_getgid);
SYSCALL_DECL(sys_getpgid);
SYSCALL_DECL(sys_getpgrp);
SYSCALL_DECL(sys_getpid);
SYSCALL_DECL(sys_getppid);
SYSCALL_DECL(sys_getrandom);
SYSCALL_DECL(sys_getsid);
SYSCALL_DECL(sys_gettid);
SYSCALL_DECL(sys_getuid);
SYSCALL_DECL(sys_ioctl);
SYSCALL_DECL(sys_llseek);
SYSCALL_DECL(sys_lseek);
SYSCALL_DECL(sys_lstat64);
SYSCALL_DECL(sys_mmap2);
SYSCALL_DECL(sys_mremap);
SYSCALL_DECL(sys_msync);
SYSCALL_DECL(sys_madvise);
SYSCALL_DECL(sys_mincore);
SYSCALL_DECL(sys_mprotect);
SYSCALL_DECL(sys_munmap);
SYSCALL_DECL(sys_nanosleep);
SYSCALL_DECL(sys_restart_syscall);
SYSCALL_DECL(sys_open);
SYSCALL_DECL(sys_openat);
SYSCALL_DECL(sys_read);
SYSCALL_DECL(sys_readlink);
SYSCALL_DECL(sys_sched_yield);
SYSCALL_DECL(sys_set_robust_list);
SYSCALL_DECL(sys_set_thread_area);
SYSCALL_DECL(sys_set_tid_address);
SYSCALL_DECL(sys_setpgid);
SYSCALL_DECL(sys_setsid);
SYSCALL_DECL(sys_stat64);
SYSCALL_DECL(sys_statx);
SYSCALL_DECL(sys_pipe);
SYSCALL_DECL(sys_pipe2);
SYSCALL_DECL(sys_unlink);
SYSCALL_DECL(sys_unlinkat);
SYSCALL_DECL(sys_rmdir);
SYSCALL_DECL(sys_kill);
SYSCALL_DECL(sys_tkill);
SYSCALL_DECL(sys_tgkill);
SYSCALL_DECL(sys_rt_sigqueueinfo);
SYSCALL_DECL(sys_pause);
SYSCALL_DECL(sys_sigaction);
SYSCALL_DECL(sys_sigsuspend);
SYSCALL_DECL(sys_sigpending);
SYSCALL_DECL(sys_sigprocmask);
SYSCALL_DECL(sys_sigreturn);
SYSCALL_DECL(sys_rt_sigreturn);
SYSCALL_DECL(sys_rt_sigaction);
SYSCALL_DECL(sys_rt_sigprocmask);
SYSCALL_DECL(sys_rt_sigpending);
SYSCALL_DECL(sys_rt_sigsuspend);
SYSCALL_DECL(sys_rt_sigtimedwait);
SYSCALL_DECL(sys_sigaltstack);
SYSCALL_DECL(sys_futex);
SYSCALL_DECL(sys_clone3);
SYSCALL_DECL(sys_pidfd_open);
SYSCALL_DECL(sys_pidfd_send_signal);
SYSCALL_DECL(sys_pidfd_getfd);
SYSCALL_DECL(sys_vfork);
SYSCALL_DECL(sys_wait4);
SYSCALL_DECL(sys_waitpid);
SYSCALL_DECL(sys_write);
SYSCALL_DECL(sys_writev);
/* Identities (kernel/sys_cred.c) and resource limits (kernel/sys_rlimit.c). */
SYSCALL_DECL(sys_geteuid);
SYSCALL_DECL(sys_getegid);
SYSCALL_DECL(sys_setuid);
SYSCALL_DECL(sys_setgid);
SYSCALL_DECL(sys_setreuid);
SYSCALL_DECL(sys_setregid);
SYSCALL_DECL(sys_setresuid);
SYSCALL_DECL(sys_setresgid);
SYSCALL_DECL(sys_getresuid);
SYSCALL_DECL(sys_getresgid);
SYSCALL_DECL(sys_getuid16);
SYSCALL_DECL(sys_geteuid16);
SYSCALL_DECL(sys_getgid16);
SYSCALL_DECL(sys_getegid16);
SYSCALL_DECL(sys_setuid16);
SYSCALL_DECL(sys_setgid16);
SYSCALL_DECL(sys_setreuid16);
SYSCALL_DECL(sys_setregid16);
SYSCALL_DECL(sys_setresuid16);
SYSCALL_DECL(sys_setfsuid);
SYSCALL_DECL(sys_setfsgid);
SYSCALL_DECL(sys_setfsuid16);
SYSCALL_DECL(sys_setfsgid16);
SYSCALL_DECL(sys_setresgid16);
SYSCALL_DECL(sys_getresuid16);
SYSCALL_DECL(sys_getresgid16);
SYSCALL_DECL(sys_getrlimit);
SYSCALL_DECL(sys_ugetrlimit);
SYSCALL_DECL(sys_setrlimit);
SYSCALL_DECL(sys_prlimit64);
/* The system's calls: groups, names, the log, reboot. */
SYSCALL_DECL(sys_getgroups);
SYSCALL_DECL(sys_setgroups);
SYSCALL_DECL(sys_getgroups16);
SYSCALL_DECL(sys_setgroups16);
SYSCALL_DECL(sys_sethostname);
SYSCALL_DECL(sys_setdomainname);
SYSCALL_DECL(sys_syslog);
SYSCALL_DECL(sys_reboot);
/* Mounts (fs/namespace.c), sysinfo (kernel/sys.c). */
SYSCALL_DECL(sys_mount);
SYSCALL_DECL(sys_umount);
SYSCALL_DECL(sys_umount2);
SYSCALL_DECL(sys_sysinfo);

/* Files (fs/): names, attributes, times, I/O. */
SYSCALL_DECL(sys_creat);
SYSCALL_DECL(sys_link);
SYSCALL_DECL(sys_mknod);
SYSCALL_DECL(sys_chmod);
SYSCALL_DECL(sys_lchown16);
SYSCALL_DECL(sys_utime);
SYSCALL_DECL(sys_sync);
SYSCALL_DECL(sys_rename);
SYSCALL_DECL(sys_mkdir);
SYSCALL_DECL(sys_umask);
SYSCALL_DECL(sys_symlink);
SYSCALL_DECL(sys_truncate);
SYSCALL_DECL(sys_ftruncate);
SYSCALL_DECL(sys_fchmod);
SYSCALL_DECL(sys_fchown16);
SYSCALL_DECL(sys_statfs);
SYSCALL_DECL(sys_fstatfs);
SYSCALL_DECL(sys_fsync);
SYSCALL_DECL(sys_fchdir);
SYSCALL_DECL(sys_readv);
SYSCALL_DECL(sys_fdatasync);
SYSCALL_DECL(sys_pread64);
SYSCALL_DECL(sys_pwrite64);
SYSCALL_DECL(sys_chown16);
SYSCALL_DECL(sys_sendfile);
SYSCALL_DECL(sys_truncate64);
SYSCALL_DECL(sys_ftruncate64);
SYSCALL_DECL(sys_lchown32);
SYSCALL_DECL(sys_fchown32);
SYSCALL_DECL(sys_chown32);
SYSCALL_DECL(sys_sendfile64);
SYSCALL_DECL(sys_statfs64);
SYSCALL_DECL(sys_fstatfs64);
SYSCALL_DECL(sys_utimes);
SYSCALL_DECL(sys_mkdirat);
SYSCALL_DECL(sys_mknodat);
SYSCALL_DECL(sys_fchownat);
SYSCALL_DECL(sys_futimesat);
SYSCALL_DECL(sys_renameat);
SYSCALL_DECL(sys_linkat);
SYSCALL_DECL(sys_symlinkat);
SYSCALL_DECL(sys_readlinkat);
SYSCALL_DECL(sys_fchmodat);
SYSCALL_DECL(sys_faccessat);
SYSCALL_DECL(sys_utimensat);
SYSCALL_DECL(sys_dup3);
SYSCALL_DECL(sys_preadv);
SYSCALL_DECL(sys_pwritev);
SYSCALL_DECL(sys_syncfs);
SYSCALL_DECL(sys_renameat2);
SYSCALL_DECL(sys_utimensat_time64);
SYSCALL_DECL(sys_faccessat2);
/* Waiting (kernel/sys_proc.c), CPU time (kernel/sched/cputime.c), timers
 * (kernel/time.c, itimer.c, posix-timers.c), prctl and scheduling
 * (kernel/sys_prctl.c, kernel/sched/syscalls.c). */
SYSCALL_DECL(sys_waitid);
SYSCALL_DECL(sys_times);
SYSCALL_DECL(sys_getrusage);
SYSCALL_DECL(sys_clock_gettime64);
SYSCALL_DECL(sys_clock_getres);
SYSCALL_DECL(sys_clock_getres_time64);
SYSCALL_DECL(sys_clock_nanosleep_time64);
SYSCALL_DECL(sys_rt_sigtimedwait_time64);
SYSCALL_DECL(sys_futex_time64);
SYSCALL_DECL(sys_alarm);
SYSCALL_DECL(sys_setitimer);
SYSCALL_DECL(sys_getitimer);
SYSCALL_DECL(sys_timer_create);
SYSCALL_DECL(sys_timer_settime);
SYSCALL_DECL(sys_timer_settime64);
SYSCALL_DECL(sys_timer_gettime);
SYSCALL_DECL(sys_timer_gettime64);
SYSCALL_DECL(sys_timer_getoverrun);
SYSCALL_DECL(sys_timer_delete);
SYSCALL_DECL(sys_prctl);
SYSCALL_DECL(sys_nice);
SYSCALL_DECL(sys_getpriority);
SYSCALL_DECL(sys_setpriority);
SYSCALL_DECL(sys_sched_setparam);
SYSCALL_DECL(sys_sched_getparam);
SYSCALL_DECL(sys_sched_setscheduler);
SYSCALL_DECL(sys_sched_getscheduler);
SYSCALL_DECL(sys_sched_get_priority_max);
SYSCALL_DECL(sys_sched_get_priority_min);
SYSCALL_DECL(sys_sched_rr_get_interval);
SYSCALL_DECL(sys_sched_rr_get_interval_time64);
SYSCALL_DECL(sys_sched_setaffinity);
SYSCALL_DECL(sys_sched_getaffinity);
SYSCALL_DECL(sys_old_select);
SYSCALL_DECL(sys_newselect);
SYSCALL_DECL(sys_poll);
SYSCALL_DECL(sys_pselect6);
SYSCALL_DECL(sys_ppoll);
SYSCALL_DECL(sys_pselect6_time64);
SYSCALL_DECL(sys_ppoll_time64);

/* Calls made since boot, and those that hit no handler (for tests). */
extern unsigned long syscall_count, syscall_enosys_count;

#endif
