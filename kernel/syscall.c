/* kernel/syscall.c: the system call table and dispatcher.
 * int $0x80 lands in do_syscall() with eax = the Linux i386 number and the
 * arguments in ebx, ecx, edx, esi, edi, ebp. The table is indexed by number;
 * an empty slot or a number past the end returns -ENOSYS, as Linux does, so
 * user programs (glibc) can fall back. Handlers are named sys_<name> and are
 * added to the table below as the subsystems that own them arrive. */
#include <kernel.h>
#include <errno.h>
#include <syscall.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

unsigned long syscall_count, syscall_enosys_count;

static const syscall_fn_t sys_call_table[NR_syscalls] = {
	[__NR_time]		= sys_time,
	[__NR_gettimeofday]	= sys_gettimeofday,
	[__NR_uname]		= sys_newuname,
	[__NR_clock_gettime]	= sys_clock_gettime,
};

void do_syscall(struct pt_regs *regs)
{
	u32 nr = regs->orig_eax;
	syscall_fn_t fn = nr < NR_syscalls ? sys_call_table[nr] : NULL;

	syscall_count++;
	if (!fn) {
		syscall_enosys_count++;
		regs->eax = (u32)-ENOSYS;
		return;
	}
	regs->eax = (u32)fn(regs->ebx, regs->ecx, regs->edx, regs->esi, regs->edi, regs->ebp);
}
