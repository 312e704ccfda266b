/* kernel/syscall.c: the system call table and dispatcher.
 * int $0x80 lands in do_syscall() with eax = the Linux i386 number and the
 * arguments in ebx, ecx, edx, esi, edi, ebp. The table is indexed by number;
 * an empty slot or a number past the end returns -ENOSYS, as Linux does, so
 * user programs (glibc) can fall back. Handlers are named sys_<name> and are
 * added to the table below as the subsystems that own them arrive. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <syscall.h>
#include <syscall_counts.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <trace/events.h>

unsigned long syscall_count, syscall_enosys_count;

const syscall_fn_t sys_call_table[NR_syscalls] = {
	[__NR_time]		= sys_time,
	[__NR_gettimeofday]	= sys_gettimeofday,
	[__NR_uname]		= sys_newuname,
	[__NR_clock_gettime]	= sys_clock_gettime,
	[__NR_clock_nanosleep]	= sys_clock_nanosleep,
	[__NR_exit]	= sys_exit,
	[__NR_fork]	= sys_fork,
	[__NR_read]	= sys_read,
	[__NR_write]	= sys_write,
	[__NR_open]	= sys_open,
	[__NR_close]	= sys_close,
	[__NR_waitpid]	= sys_waitpid,
	[__NR_execve]	= sys_execve,
	[__NR_chdir]	= sys_chdir,
	[__NR_lseek]	= sys_lseek,
	[__NR_getpid]	= sys_getpid,
	[__NR_access]	= sys_access,
	[__NR_dup]	= sys_dup,
	[__NR_brk]	= sys_brk,
	[__NR_ioctl]	= sys_ioctl,
	[__NR_setpgid]	= sys_setpgid,
	[__NR_dup2]	= sys_dup2,
	[__NR_getppid]	= sys_getppid,
	[__NR_getpgrp]	= sys_getpgrp,
	[__NR_setsid]	= sys_setsid,
	[__NR_readlink]	= sys_readlink,
	[__NR_munmap]	= sys_munmap,
	[__NR_wait4]	= sys_wait4,
	[__NR_clone]	= sys_clone,
	[__NR_pidfd_open]	= sys_pidfd_open,
	[__NR_pidfd_send_signal]	= sys_pidfd_send_signal,
	[__NR_pidfd_getfd]	= sys_pidfd_getfd,
	[__NR_mprotect]	= sys_mprotect,
	[__NR_getpgid]	= sys_getpgid,
	[__NR__llseek]	= sys_llseek,
	[__NR_writev]	= sys_writev,
	[__NR_getsid]	= sys_getsid,
	[__NR_sched_yield]	= sys_sched_yield,
	[__NR_nanosleep]	= sys_nanosleep,
	[__NR_restart_syscall]	= sys_restart_syscall,
	[__NR_getcwd]	= sys_getcwd,
	[__NR_vfork]	= sys_vfork,
	[__NR_mmap2]	= sys_mmap2,
	[__NR_mremap]	= sys_mremap,
	[__NR_msync]	= sys_msync,
	[__NR_madvise]	= sys_madvise,
	[__NR_mincore]	= sys_mincore,
	[__NR_stat64]	= sys_stat64,
	[__NR_lstat64]	= sys_lstat64,
	[__NR_fstat64]	= sys_fstat64,
	[__NR_getuid32]	= sys_getuid,
	[__NR_getgid32]	= sys_getgid,
	[__NR_geteuid32]	= sys_geteuid,
	[__NR_getegid32]	= sys_getegid,
	[__NR_getdents64]	= sys_getdents64,
	[__NR_fcntl64]	= sys_fcntl64,
	[__NR_gettid]	= sys_gettid,
	[__NR_set_thread_area]	= sys_set_thread_area,
	[__NR_get_thread_area]	= sys_get_thread_area,
	[__NR_exit_group]	= sys_exit_group,
	[__NR_set_tid_address]	= sys_set_tid_address,
	[__NR_openat]	= sys_openat,
	[__NR_fstatat64]	= sys_fstatat64,
	[__NR_set_robust_list]	= sys_set_robust_list,
	[__NR_getrandom]	= sys_getrandom,
	[__NR_statx]	= sys_statx,
	[__NR_pipe]	= sys_pipe,
	[__NR_pipe2]	= sys_pipe2,
	[__NR_unlink]	= sys_unlink,
	[__NR_unlinkat]	= sys_unlinkat,
	[__NR_rmdir]	= sys_rmdir,
	[__NR_kill]	= sys_kill,
	[__NR_tkill]	= sys_tkill,
	[__NR_tgkill]	= sys_tgkill,
	[__NR_rt_sigqueueinfo]	= sys_rt_sigqueueinfo,
	[__NR_pause]	= sys_pause,
	[__NR_sigaction]	= sys_sigaction,
	[__NR_sigsuspend]	= sys_sigsuspend,
	[__NR_sigpending]	= sys_sigpending,
	[__NR_sigprocmask]	= sys_sigprocmask,
	[__NR_sigreturn]	= sys_sigreturn,
	[__NR_rt_sigreturn]	= sys_rt_sigreturn,
	[__NR_rt_sigaction]	= sys_rt_sigaction,
	[__NR_rt_sigprocmask]	= sys_rt_sigprocmask,
	[__NR_rt_sigpending]	= sys_rt_sigpending,
	[__NR_rt_sigsuspend]	= sys_rt_sigsuspend,
	[__NR_rt_sigtimedwait]	= sys_rt_sigtimedwait,
	[__NR_sigaltstack]	= sys_sigaltstack,
	[__NR_setuid32]	= sys_setuid,
	[__NR_setgid32]	= sys_setgid,
	[__NR_setreuid32]	= sys_setreuid,
	[__NR_setregid32]	= sys_setregid,
	[__NR_setresuid32]	= sys_setresuid,
	[__NR_setresgid32]	= sys_setresgid,
	[__NR_getresuid32]	= sys_getresuid,
	[__NR_getresgid32]	= sys_getresgid,
	[__NR_setfsuid32]	= sys_setfsuid,
	[__NR_setfsgid32]	= sys_setfsgid,
	[__NR_getuid]	= sys_getuid16,
	[__NR_geteuid]	= sys_geteuid16,
	[__NR_getgid]	= sys_getgid16,
	[__NR_getegid]	= sys_getegid16,
	[__NR_setuid]	= sys_setuid16,
	[__NR_setgid]	= sys_setgid16,
	[__NR_setreuid]	= sys_setreuid16,
	[__NR_setregid]	= sys_setregid16,
	[__NR_setresuid]	= sys_setresuid16,
	[__NR_setresgid]	= sys_setresgid16,
	[__NR_getresuid]	= sys_getresuid16,
	[__NR_getresgid]	= sys_getresgid16,
	[__NR_setfsuid]	= sys_setfsuid16,
	[__NR_setfsgid]	= sys_setfsgid16,
	[__NR_getrlimit]	= sys_getrlimit,
	[__NR_ugetrlimit]	= sys_ugetrlimit,
	[__NR_setrlimit]	= sys_setrlimit,
	[__NR_prlimit64]	= sys_prlimit64,
	[__NR_futex]	= sys_futex,
	[__NR_clone3]	= sys_clone3,
	/* files (fs/) */
	[__NR_creat]	= sys_creat,
	[__NR_link]	= sys_link,
	[__NR_mknod]	= sys_mknod,
	[__NR_chmod]	= sys_chmod,
	[__NR_lchown]	= sys_lchown16,
	[__NR_utime]	= sys_utime,
	[__NR_sync]	= sys_sync,
	[__NR_rename]	= sys_rename,
	[__NR_mkdir]	= sys_mkdir,
	[__NR_umask]	= sys_umask,
	[__NR_fcntl]	= sys_fcntl64,
	[__NR_symlink]	= sys_symlink,
	[__NR_truncate]	= sys_truncate,
	[__NR_ftruncate]	= sys_ftruncate,
	[__NR_fchmod]	= sys_fchmod,
	[__NR_fchown]	= sys_fchown16,
	[__NR_statfs]	= sys_statfs,
	[__NR_fstatfs]	= sys_fstatfs,
	[__NR_fsync]	= sys_fsync,
	[__NR_fchdir]	= sys_fchdir,
	[__NR_readv]	= sys_readv,
	[__NR_fdatasync]	= sys_fdatasync,
	[__NR_pread64]	= sys_pread64,
	[__NR_pwrite64]	= sys_pwrite64,
	[__NR_chown]	= sys_chown16,
	[__NR_sendfile]	= sys_sendfile,
	[__NR_truncate64]	= sys_truncate64,
	[__NR_ftruncate64]	= sys_ftruncate64,
	[__NR_lchown32]	= sys_lchown32,
	[__NR_fchown32]	= sys_fchown32,
	[__NR_chown32]	= sys_chown32,
	[__NR_sendfile64]	= sys_sendfile64,
	[__NR_statfs64]	= sys_statfs64,
	[__NR_fstatfs64]	= sys_fstatfs64,
	[__NR_utimes]	= sys_utimes,
	[__NR_mkdirat]	= sys_mkdirat,
	[__NR_mknodat]	= sys_mknodat,
	[__NR_fchownat]	= sys_fchownat,
	[__NR_futimesat]	= sys_futimesat,
	[__NR_renameat]	= sys_renameat,
	[__NR_linkat]	= sys_linkat,
	[__NR_symlinkat]	= sys_symlinkat,
	[__NR_readlinkat]	= sys_readlinkat,
	[__NR_fchmodat]	= sys_fchmodat,
	[__NR_faccessat]	= sys_faccessat,
	[__NR_utimensat]	= sys_utimensat,
	[__NR_dup3]	= sys_dup3,
	[__NR_preadv]	= sys_preadv,
	[__NR_pwritev]	= sys_pwritev,
	[__NR_syncfs]	= sys_syncfs,
	[__NR_renameat2]	= sys_renameat2,
	[__NR_utimensat_time64]	= sys_utimensat_time64,
	[__NR_faccessat2]	= sys_faccessat2,
	/* The system's calls (kernel/groups.c, utsname.c, syslog.c, reboot.c). */
	[__NR_getgroups32]	= sys_getgroups,
	[__NR_setgroups32]	= sys_setgroups,
	[__NR_getgroups]	= sys_getgroups16,
	[__NR_setgroups]	= sys_setgroups16,
	[__NR_sethostname]	= sys_sethostname,
	[__NR_setdomainname]	= sys_setdomainname,
	[__NR_syslog]	= sys_syslog,
	[__NR_reboot]	= sys_reboot,
	[__NR_mount]	= sys_mount,
	[__NR_umount]	= sys_umount,
	[__NR_umount2]	= sys_umount2,
	[__NR_sysinfo]	= sys_sysinfo,
	[__NR_select]	= sys_old_select,
	[__NR__newselect]	= sys_newselect,
	[__NR_poll]	= sys_poll,
	[__NR_pselect6]	= sys_pselect6,
	[__NR_ppoll]	= sys_ppoll,
	[__NR_pselect6_time64]	= sys_pselect6_time64,
	[__NR_ppoll_time64]	= sys_ppoll_time64,
	[__NR_waitid]	= sys_waitid,
	[__NR_times]	= sys_times,
	[__NR_getrusage]	= sys_getrusage,
	[__NR_clock_gettime64]	= sys_clock_gettime64,
	[__NR_clock_getres]	= sys_clock_getres,
	[__NR_clock_getres_time64]	= sys_clock_getres_time64,
	[__NR_clock_nanosleep_time64]	= sys_clock_nanosleep_time64,
	[__NR_rt_sigtimedwait_time64]	= sys_rt_sigtimedwait_time64,
	[__NR_futex_time64]	= sys_futex_time64,
	[__NR_alarm]	= sys_alarm,
	[__NR_setitimer]	= sys_setitimer,
	[__NR_getitimer]	= sys_getitimer,
	[__NR_timer_create]	= sys_timer_create,
	[__NR_timer_settime]	= sys_timer_settime,
	[__NR_timer_settime64]	= sys_timer_settime64,
	[__NR_timer_gettime]	= sys_timer_gettime,
	[__NR_timer_gettime64]	= sys_timer_gettime64,
	[__NR_timer_getoverrun]	= sys_timer_getoverrun,
	[__NR_timer_delete]	= sys_timer_delete,
	[__NR_prctl]	= sys_prctl,
	[__NR_nice]	= sys_nice,
	[__NR_getpriority]	= sys_getpriority,
	[__NR_setpriority]	= sys_setpriority,
	[__NR_sched_setparam]	= sys_sched_setparam,
	[__NR_sched_getparam]	= sys_sched_getparam,
	[__NR_sched_setscheduler]	= sys_sched_setscheduler,
	[__NR_sched_getscheduler]	= sys_sched_getscheduler,
	[__NR_sched_get_priority_max]	= sys_sched_get_priority_max,
	[__NR_sched_get_priority_min]	= sys_sched_get_priority_min,
	[__NR_sched_rr_get_interval]	= sys_sched_rr_get_interval,
	[__NR_sched_rr_get_interval_time64]	= sys_sched_rr_get_interval_time64,
	[__NR_sched_setaffinity]	= sys_sched_setaffinity,
	[__NR_sched_getaffinity]	= sys_sched_getaffinity,
};

/* Count the call for the process (include/syscall_counts.h) before it
 * runs (exit and a successful execve do not come back here), run it, and
 * count an -ENOSYS answer too: a missing handler's or the handler's own. */
static inline void __do_syscall(struct pt_regs *regs)
{
	u32 nr = regs->orig_eax;
	syscall_fn_t fn = nr < NR_syscalls ? sys_call_table[nr] : NULL;
	long ret;

	syscall_count++;
	count_syscall(nr);
	if (!fn) {
		syscall_enosys_count++;
		/* Logged at debug level (loglevel=8 shows it): which calls a
		 * program reaches for that Tasklab lacks. */
		pr_debug("syscall %u: not implemented (ENOSYS), pid %d (%s)\n",
			 nr, current->pid, current->comm);
		ret = -ENOSYS;
	} else {
		ret = fn(regs->ebx, regs->ecx, regs->edx, regs->esi, regs->edi, regs->ebp);
	}
	if (unlikely(ret == -ENOSYS))
		count_enosys(nr);
	regs->eax = (u32)ret;
}

/* The call with its sys_enter and sys_exit events around it. */
static __noinline void traced_syscall(struct pt_regs *regs)
{
	u32 nr = regs->orig_eax;

	trace_sys_enter(nr, &regs->ebx);
	__do_syscall(regs);
	trace_sys_exit(nr, (long)regs->eax);
}

/* One test for both events (and strace), so the untraced call pays two
 * instructions: the null system call is some 155, and two tests cost
 * it more than 2%. */
void do_syscall(struct pt_regs *regs)
{
	if (trace_syscalls_enabled())
		traced_syscall(regs);
	else
		__do_syscall(regs);
}
